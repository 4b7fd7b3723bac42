//! Tests of the `series_*` functions. Expected values come from the docs' examples where
//! they give some (pages cited per test); the others were computed independently with a
//! direct (non-incremental) least-squares and percentile implementation in Python.

use super::super::series_math::{self as m, Seasonality, Trend};
use super::super::testutil::*;
use crate::dynamic::Dynamic;
use crate::value::Value;

fn reals_of(v: &Value) -> Vec<Option<f64>> {
    match v {
        Value::Dynamic(Dynamic::Array(xs)) => xs
            .iter()
            .map(|d| match d {
                Dynamic::Real(x) => Some(*x),
                Dynamic::Long(x) => Some(*x as f64),
                _ => None,
            })
            .collect(),
        other => panic!("not an array: {other:?}"),
    }
}

fn elements(v: &Value) -> Vec<Dynamic> {
    match v {
        Value::Dynamic(Dynamic::Array(xs)) => xs.clone(),
        other => panic!("not an array: {other:?}"),
    }
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn assert_close(actual: &[Option<f64>], expected: &[f64], tol: f64) {
    assert_eq!(actual.len(), expected.len(), "{actual:?} vs {expected:?}");
    for (a, e) in actual.iter().zip(expected) {
        let a = a.unwrap_or(f64::NAN);
        assert!(close(a, *e, tol), "{actual:?} vs {expected:?}");
    }
}

fn num(d: &Dynamic) -> f64 {
    match d {
        Dynamic::Real(x) => *x,
        Dynamic::Long(x) => *x as f64,
        other => panic!("not a number: {other:?}"),
    }
}

const FIT_LINE_Y: &str = "[2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30]";

#[test]
fn fit_line_doc_example() {
    // q/series-fit-line-function.md: RSquare 0.982, Slope 2.730, Variance 98.628,
    // RVariance 1.686, Interception -1.666, LineFit 1.064, 3.7945, 6.526, ... 31.102
    let v = elements(&scalar("series_fit_line", vec![d(FIT_LINE_Y)]));
    assert_eq!(v.len(), 6);
    let expected = [0.982, 2.730, 98.628, 1.686, -1.666];
    for (got, want) in v.iter().zip(expected) {
        assert!(close(num(got), want, 0.001), "{got:?} vs {want}");
    }
    let line = reals_of(&Value::Dynamic(v[5].clone()));
    let doc = [
        1.064, 3.7945, 6.526, 9.256, 11.987, 14.718, 17.449, 20.180, 22.910, 25.641, 28.371, 31.102,
    ];
    assert_close(&line, &doc, 0.001);
}

#[test]
fn fit_line_dynamic_is_a_bag() {
    // q/series-fit-line-dynamic-function.md: same values as a property bag
    let v = scalar("series_fit_line_dynamic", vec![d(FIT_LINE_Y)]);
    let Value::Dynamic(Dynamic::Bag(b)) = v else {
        panic!("not a bag: {v:?}")
    };
    let keys: Vec<&str> = b.keys().map(String::as_str).collect();
    assert_eq!(
        keys,
        [
            "rsquare",
            "slope",
            "variance",
            "rvariance",
            "interception",
            "line_fit"
        ]
    );
    assert!(close(num(&b["slope"]), 2.730, 0.001));
    assert!(close(num(&b["interception"]), -1.666, 0.001));
    // Not an array: null.
    assert_eq!(scalar("series_fit_line_dynamic", vec![d("5")]), dv("null"));
}

#[test]
fn fit_line_skips_nulls_and_handles_short_input() {
    // A perfect line y = 2x + 1 (x = 1..) with a hole: the hole is skipped, the fitted
    // line still covers it.
    let v = elements(&scalar("series_fit_line", vec![d("[3, null, 7, 9]")]));
    assert!(close(num(&v[0]), 1.0, 1e-12));
    assert!(close(num(&v[1]), 2.0, 1e-12));
    assert!(close(num(&v[4]), 1.0, 1e-12));
    assert_close(
        &reals_of(&Value::Dynamic(v[5].clone())),
        &[3.0, 5.0, 7.0, 9.0],
        1e-12,
    );
    // Empty array: every statistic null, an empty line.
    let v = elements(&scalar("series_fit_line", vec![d("[]")]));
    assert!(v[..5].iter().all(Dynamic::is_null));
    assert_eq!(v[5], Dynamic::Array(vec![]));
    // Not an array: all six columns null.
    let v = elements(&scalar("series_fit_line", vec![d("\"x\"")]));
    assert_eq!(v, vec![Dynamic::Null; 6]);
}

#[test]
fn fit_2lines_best_split() {
    // The series of q/series-fit-2lines-function.md's example; values from a brute-force
    // fit of every split (Python): split 5, rsquare 0.98651, left slope 1.05,
    // right slope -1.03714, right interception 18.16571.
    let y = "[1, 2.2, 2.5, 4.7, 5.0, 12, 10.3, 10.3, 9, 8.3, 6.2]";
    let v = elements(&scalar("series_fit_2lines", vec![d(y)]));
    assert_eq!(v.len(), 15);
    assert!(close(num(&v[0]), 0.986_513_191_716_876_8, 1e-9));
    assert_eq!(v[1], Dynamic::Long(5));
    assert!(close(num(&v[2]), 13.894, 1e-9));
    assert!(close(num(&v[3]), 0.187_385_714_285_714_35, 1e-9));
    let right = [
        0.942_385_124_262_470_9,
        -1.037_142_857_142_857,
        18.165_714_285_714_287,
        3.995,
        0.230_171_428_571_428_6,
    ];
    let left = [0.938_457_609_805_924_4, 1.05, -0.07, 2.937, 0.180_75];
    for (got, want) in v[5..10].iter().zip(right) {
        assert!(close(num(got), want, 1e-9), "{got:?} vs {want}");
    }
    for (got, want) in v[10..15].iter().zip(left) {
        assert!(close(num(got), want, 1e-9), "{got:?} vs {want}");
    }
    // line_fit: the left line before the split, the right one from it.
    let line = reals_of(&Value::Dynamic(v[4].clone()));
    assert!(close(line[0].unwrap_or(0.0), 1.05 - 0.07, 1e-9));
    assert!(close(
        line[5].unwrap_or(0.0),
        -1.037_142_857_142_857 * 6.0 + 18.165_714_285_714_287,
        1e-9
    ));
    // The dynamic form nests the sides.
    let bag = scalar("series_fit_2lines_dynamic", vec![d(y)]);
    let Value::Dynamic(b) = bag else { panic!() };
    assert_eq!(b.get_key("split_idx"), Dynamic::Long(5));
    assert!(close(num(&b.get_key("left").get_key("slope")), 1.05, 1e-9));
}

#[test]
fn fit_2lines_needs_four_points() {
    let v = elements(&scalar("series_fit_2lines", vec![d("[1, 2, 3]")]));
    assert!(v[..4].iter().all(Dynamic::is_null));
    assert_close(
        &reals_of(&Value::Dynamic(v[4].clone())),
        &[1.0, 2.0, 3.0],
        1e-12,
    );
}

#[test]
fn stats_doc_example() {
    // q/series-stats-dynamic-function.md output
    let x = "[23, 46, 23, 87, 4, 8, 3, 75, 2, 56, 13, 75, 32, 16, 29]";
    let Value::Dynamic(bag) = scalar("series_stats_dynamic", vec![d(x)]) else {
        panic!()
    };
    assert_eq!(bag.get_key("min"), Dynamic::Real(2.0));
    assert_eq!(bag.get_key("min_idx"), Dynamic::Long(8));
    assert_eq!(bag.get_key("max"), Dynamic::Real(87.0));
    assert_eq!(bag.get_key("max_idx"), Dynamic::Long(3));
    assert!(close(num(&bag.get_key("avg")), 32.8, 1e-12));
    assert!(close(
        num(&bag.get_key("stdev")),
        28.503_633_853_548_27,
        1e-9
    ));
    assert!(close(
        num(&bag.get_key("variance")),
        812.457_142_857_142_9,
        1e-9
    ));
    assert_eq!(bag.get_key("sum"), Dynamic::Real(492.0));
    assert_eq!(bag.get_key("len"), Dynamic::Long(15));
    // q/series-stats-function.md: the seven columns in order.
    let v = elements(&scalar("series_stats", vec![d(x)]));
    assert_eq!(v.len(), 7);
    assert_eq!(v[1], Dynamic::Long(8));
    assert!(close(num(&v[5]), 28.503_633_853_548_27, 1e-9));
    // Non-finite values give null unless ignored.
    assert_eq!(
        scalar("series_stats_dynamic", vec![d("[1, null, 3]")]),
        dv("null")
    );
    let Value::Dynamic(bag) = scalar("series_stats_dynamic", vec![d("[1, null, 3]"), b(true)])
    else {
        panic!()
    };
    assert_eq!(bag.get_key("len"), Dynamic::Long(2));
    assert_eq!(bag.get_key("max_idx"), Dynamic::Long(2));
}

#[test]
fn outliers_tukey_scores() {
    // q/series-outliers-function.md: ctukey uses the 10th-90th percentiles, tukey the
    // 25th-75th; scores (x - q3) / (q3 - q1) above, (x - q1) / (q3 - q1) below.
    let y = "[10, 12, 11, 13, 12, 50, 11, -30, 12, 13]";
    let c = reals_of(&scalar("series_outliers", vec![d(y)]));
    let want = [
        0.0,
        0.0,
        0.0,
        0.0,
        0.0,
        3.112_149_532_710_285,
        0.0,
        -3.364_485_981_308_414_7,
        0.0,
        0.0,
    ];
    assert_close(&c, &want, 1e-9);
    let t = reals_of(&scalar("series_outliers", vec![d(y), s("tukey")]));
    let want = [
        -0.571_428_571_428_571_4,
        0.0,
        0.0,
        0.142_857_142_857_142_85,
        0.0,
        21.285_714_285_714_285,
        0.0,
        -23.428_571_428_571_427,
        0.0,
        0.142_857_142_857_142_85,
    ];
    assert_close(&t, &want, 1e-9);
    // Nulls and the ignore value score 0 and do not count.
    let v = reals_of(&scalar(
        "series_outliers",
        vec![
            d("[null, 10, -1, 12, 11, 13, 12, 50]"),
            s("ctukey"),
            r(-1.0),
        ],
    ));
    assert_eq!(v[0], Some(0.0));
    assert_eq!(v[2], Some(0.0));
    // Percentiles of [10, 11, 12, 12, 13, 50]: p10 10.5, p90 31.5.
    assert!(close(v[7].unwrap_or(0.0), (50.0 - 31.5) / 21.0, 1e-12));
    // Custom percentiles must lie in [2, 98].
    assert!(try_call(
        "series_outliers",
        vec![d(y), s("ctukey"), r(0.0), r(1.0), r(90.0)]
    )
    .is_err());
    assert!(try_call("series_outliers", vec![d(y), s("median")]).is_err());
}

#[test]
fn periods_detect_doc_series() {
    // q/series-periods-detect-function.md: the 60-point series has a 14-bin period.
    let y = [
        80., 139., 87., 110., 68., 54., 50., 51., 53., 133., 86., 141., 97., 156., 94., 149., 95.,
        140., 77., 61., 50., 54., 47., 133., 72., 152., 94., 148., 105., 162., 101., 160., 87.,
        63., 53., 55., 54., 151., 103., 189., 108., 183., 113., 175., 113., 178., 90., 71., 62.,
        62., 65., 165., 109., 181., 115., 182., 121., 178., 114., 170.,
    ];
    let (p, score) = m::detect_period(&y, 0.0, 50.0).unwrap_or((0, 0.0));
    assert_eq!(p, 14);
    assert!(score > 0.6 && score <= 1.0, "{score}");
    // A constant series has no period.
    assert_eq!(m::detect_period(&[3.0; 40], 0.0, 20.0), None);
}

#[test]
fn decompose_components() {
    // q/series-decompose-function.md: seasonal = median per phase, trend of the rest,
    // baseline = seasonal + trend, residual = x - baseline.
    let y = "[1, 5, 1, 5, 1, 5, 1, 5, 1, 20]";
    let v = elements(&scalar("series_decompose", vec![d(y), l(2), s("none")]));
    let base = reals_of(&Value::Dynamic(v[0].clone()));
    assert_close(&base, &[1., 5., 1., 5., 1., 5., 1., 5., 1., 5.], 1e-12);
    let resid = reals_of(&Value::Dynamic(v[3].clone()));
    assert_close(&resid, &[0., 0., 0., 0., 0., 0., 0., 0., 0., 15.], 1e-12);
    // Trend avg: the deseasonalized series averages 1.5.
    let v = elements(&scalar("series_decompose", vec![d(y), l(2), s("avg")]));
    assert_close(&reals_of(&Value::Dynamic(v[2].clone())), &[1.5; 10], 1e-12);
    assert_close(
        &reals_of(&Value::Dynamic(v[3].clone())),
        &[-1.5, -1.5, -1.5, -1.5, -1.5, -1.5, -1.5, -1.5, -1.5, 13.5],
        1e-12,
    );
    // Linefit on a pure line: the trend is the line, the residual 0.
    let v = elements(&scalar(
        "series_decompose",
        vec![d("[2, 4, 6, 8, 10]"), l(0), s("linefit")],
    ));
    assert_close(&reals_of(&Value::Dynamic(v[3].clone())), &[0.0; 5], 1e-9);
    assert!(try_call("series_decompose", vec![d(y), l(2), s("cubic")]).is_err());
    assert!(try_call("series_decompose", vec![d(y), l(-2)]).is_err());
}

#[test]
fn decompose_forecast_leaves_test_points_out() {
    // q/series-decompose-forecast-function.md: the last points are predicted from the
    // others; the first column is the forecast baseline.
    let y = "[1, 5, 1, 5, 1, 5, 1, 5, 1, 20]";
    let v = elements(&scalar(
        "series_decompose_forecast",
        vec![d(y), l(2), l(2), s("none")],
    ));
    assert_eq!(v.len(), 4);
    assert_close(
        &reals_of(&Value::Dynamic(v[0].clone())),
        &[1., 5., 1., 5., 1., 5., 1., 5., 1., 5.],
        1e-12,
    );
    let m = m::decompose(
        &[Some(1.0), Some(2.0), Some(3.0), None, None],
        Seasonality::None,
        Trend::LineFit,
        2,
    );
    assert_close(
        &m.baseline.iter().map(|x| Some(*x)).collect::<Vec<_>>(),
        &[1., 2., 3., 4., 5.],
        1e-9,
    );
}

#[test]
fn decompose_anomalies_flags() {
    // q/series-decompose-anomalies-function.md: ad_score = series_outliers of the
    // residual (ctukey); ad_flag +1/-1 beyond +/- threshold. Without seasonality and
    // trend the residual is the series itself (scores as in outliers_tukey_scores).
    let y = "[10, 12, 11, 13, 12, 50, 11, -30, 12, 13]";
    let v = elements(&scalar(
        "series_decompose_anomalies",
        vec![d(y), r(1.5), l(0), s("none")],
    ));
    assert_eq!(v.len(), 3);
    assert_eq!(
        Value::Dynamic(v[0].clone()),
        dv("[0, 0, 0, 0, 0, 1, 0, -1, 0, 0]")
    );
    let scores = reals_of(&Value::Dynamic(v[1].clone()));
    assert!(close(scores[5].unwrap_or(0.0), 3.112_149_532_710_285, 1e-9));
    // Trend avg shifts the residual, not the scores; a higher threshold keeps only the dip.
    let v = elements(&scalar(
        "series_decompose_anomalies",
        vec![d(y), r(3.2), l(0), s("avg")],
    ));
    assert_eq!(
        Value::Dynamic(v[0].clone()),
        dv("[0, 0, 0, 0, 0, 0, 0, -1, 0, 0]")
    );
    assert_close(&reals_of(&Value::Dynamic(v[2].clone())), &[11.4; 10], 1e-9);
    // Weekly-like seasonality found automatically: a spike on a period-6 pattern.
    let mut series: Vec<String> = (0..60).map(|i| ((i % 6) * 10).to_string()).collect();
    series[33] = "90".into();
    let json = format!("[{}]", series.join(","));
    let v = elements(&scalar("series_decompose_anomalies", vec![d(&json)]));
    let flags = reals_of(&Value::Dynamic(v[0].clone()));
    let hits: Vec<usize> = (0..60).filter(|&i| flags[i] != Some(0.0)).collect();
    assert_eq!(hits, vec![33]);
    let base = reals_of(&Value::Dynamic(v[2].clone()));
    // Phase median 30 plus the average of the deseasonalized series (60 / 60).
    assert!(close(base[33].unwrap_or(0.0), 31.0, 1e-9));
    assert!(close(base[34].unwrap_or(0.0), 41.0, 1e-9));
}

#[test]
fn fill_forward_backward_const() {
    // q/series-fill-forward-function.md example
    let x = "[null, null, 36, 41, null, null, 16, 61, 33, null, null]";
    assert_eq!(
        scalar("series_fill_forward", vec![d(x)]),
        dv("[null, null, 36, 41, 41, 41, 16, 61, 33, 33, 33]")
    );
    // q/series-fill-backward-function.md: the mirror image
    assert_eq!(
        scalar("series_fill_backward", vec![d(x)]),
        dv("[36, 36, 36, 41, 16, 16, 16, 61, 33, null, null]")
    );
    // q/series-fill-const-function.md example
    let x = "[111, null, 36, 41, 23, null, 16, 61, 33, null, null]";
    assert_eq!(
        scalar("series_fill_const", vec![d(x), r(0.0)]),
        dv("[111, 0.0, 36, 41, 23, 0.0, 16, 61, 33, 0.0, 0.0]")
    );
    assert_eq!(
        scalar("series_fill_const", vec![d(x), l(-1)]),
        dv("[111, -1, 36, 41, 23, -1, 16, 61, 33, -1, -1]")
    );
    // A placeholder other than null.
    assert_eq!(
        scalar("series_fill_forward", vec![d("[1, -1, 3, -1]"), l(-1)]),
        dv("[1, 1, 3, 3]")
    );
}

#[test]
fn fill_linear_doc_example() {
    // q/series-fill-linear-function.md example
    let x = "[null, 111.0, null, 36.0, 41.0, null, null, 16.0, 61.0, 33.0, null, null]";
    let want = [
        111.0, 111.0, 73.5, 36.0, 41.0, 32.667, 24.333, 16.0, 61.0, 33.0, 33.0, 33.0,
    ];
    assert_close(
        &reals_of(&scalar("series_fill_linear", vec![d(x)])),
        &want,
        0.001,
    );
    let wo = scalar(
        "series_fill_linear",
        vec![d(x), ColumnarValueNull::real(), b(false)],
    );
    let wo = reals_of(&wo);
    assert_eq!((wo[0], wo[10], wo[11]), (None, None, None));
    assert!(close(wo[2].unwrap_or(0.0), 73.5, 1e-12));
    // Integer series: interpolated values truncate (73.5 -> 73, 32.667 -> 32).
    let ints = "[null, 111, null, 36, 41, null, null, 16, 61, 33, null, null]";
    assert_eq!(
        scalar("series_fill_linear", vec![d(ints)]),
        dv("[111, 111, 73, 36, 41, 32, 24, 16, 61, 33, 33, 33]")
    );
    // Only missing values: the constant (0.0 by default; the doc's example uses 3.14159).
    assert_eq!(
        scalar("series_fill_linear", vec![d("[null, null, null, null]")]),
        dv("[0.0, 0.0, 0.0, 0.0]")
    );
    assert_eq!(
        scalar(
            "series_fill_linear",
            vec![
                d("[null, null]"),
                ColumnarValueNull::real(),
                b(true),
                r(2.5)
            ]
        ),
        dv("[2.5, 2.5]")
    );
}

/// Typed null scalars.
struct ColumnarValueNull;
impl ColumnarValueNull {
    fn real() -> crate::expr::ColumnarValue {
        crate::expr::ColumnarValue::Scalar(Value::Real(None))
    }
}

#[test]
fn elementwise_doc_examples() {
    // q/series-add-function.md, q/series-divide-function.md, q/series-greater-function.md
    let (s1, s2) = (d("[1, 2, 4]"), d("[4, 2, 1]"));
    assert_eq!(
        scalar("series_add", vec![s1.clone(), s2.clone()]),
        dv("[5, 4, 5]")
    );
    assert_eq!(
        scalar("series_divide", vec![s1.clone(), s2.clone()]),
        dv("[0.25, 1.0, 4.0]")
    );
    assert_eq!(
        scalar("series_greater", vec![s1.clone(), s2.clone()]),
        dv("[false, false, true]")
    );
    assert_eq!(
        scalar("series_subtract", vec![s1.clone(), s2.clone()]),
        dv("[-3, 0, 3]")
    );
    assert_eq!(
        scalar("series_multiply", vec![s1.clone(), s2.clone()]),
        dv("[4, 4, 4]")
    );
    assert_eq!(
        scalar("series_less_equals", vec![s1.clone(), s2.clone()]),
        dv("[true, true, false]")
    );
    assert_eq!(
        scalar("series_equals", vec![s1.clone(), d("[1.0, 3, 4]")]),
        dv("[true, false, true]")
    );
    assert_eq!(
        scalar("series_not_equals", vec![s1.clone(), s2.clone()]),
        dv("[true, false, true]")
    );
    // Different lengths and non-numbers give null elements.
    assert_eq!(
        scalar("series_add", vec![d("[1, \"a\", 3]"), d("[1, 1]")]),
        dv("[2, null, null]")
    );
    // A scalar applies to every element (q/series-decompose-anomalies-function.md uses
    // series_multiply(10, flags)).
    assert_eq!(
        scalar("series_multiply", vec![l(10), d("[1, -1, 0]")]),
        dv("[10, -10, 0]")
    );
    assert_eq!(
        scalar("series_add", vec![d("[1, 2]"), r(0.5)]),
        dv("[1.5, 2.5]")
    );
    // Overflow gives null, division by zero infinity.
    assert_eq!(
        scalar("series_add", vec![d("[9223372036854775807]"), l(1)]),
        dv("[null]")
    );
    let v = elements(&scalar("series_divide", vec![d("[2]"), d("[0]")]));
    assert_eq!(v, vec![Dynamic::Real(f64::INFINITY)]);
    // Columns: one result per row.
    assert_eq!(
        column("series_add", vec![dcol(&["[1]", "[2, 3]", "null"]), l(1)]),
        vec![dv("[2]"), dv("[3, 4]"), dv("null")]
    );
}
