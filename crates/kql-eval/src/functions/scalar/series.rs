//! Series functions over dynamic numeric arrays (make-series output): line fits, outlier
//! scores, decomposition and anomaly detection, statistics, gap filling and element-wise
//! arithmetic. The algorithms live in [`super::series_math`].
//!
//! Functions that return several columns (`series_fit_line`, `series_decompose_anomalies`,
//! ...) return one dynamic array per row, one element per column; the binder spreads it
//! into the declared columns ([`tuples`]).

use super::def;
use super::kernel::{all_scalar, any, finish, AnyView, ODyn, Src, View};
use super::series_math::{self as m, Seasonality, Trend};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{
    arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction, TupleColumn,
};
use crate::types::DataType;
use indexmap::IndexMap;

const DYNAMIC: ReturnType = ReturnType::Fixed(DataType::Dynamic);
const R: DataType = DataType::Real;
const L: DataType = DataType::Long;
const D: DataType = DataType::Dynamic;

/// Columns of `series_fit_line` (q/series-fit-line-function.md).
const FIT_LINE: &[TupleColumn] = &[
    ("rsquare", R),
    ("slope", R),
    ("variance", R),
    ("rvariance", R),
    ("interception", R),
    ("line_fit", D),
];

/// Columns of `series_fit_2lines` (q/series-fit-2lines-function.md).
const FIT_2LINES: &[TupleColumn] = &[
    ("rsquare", R),
    ("split_idx", L),
    ("variance", R),
    ("rvariance", R),
    ("line_fit", D),
    ("right_rsquare", R),
    ("right_slope", R),
    ("right_interception", R),
    ("right_variance", R),
    ("right_rvariance", R),
    ("left_rsquare", R),
    ("left_slope", R),
    ("left_interception", R),
    ("left_variance", R),
    ("left_rvariance", R),
];

/// Columns of `series_decompose` and, as the official analyzer types it,
/// `series_decompose_forecast` (q/series-decompose-function.md).
const DECOMPOSE: &[TupleColumn] = &[
    ("baseline", D),
    ("seasonal", D),
    ("trend", D),
    ("residual", D),
];

/// Columns of `series_decompose_anomalies` (q/series-decompose-anomalies-function.md).
const ANOMALIES: &[TupleColumn] = &[("ad_flag", D), ("ad_score", D), ("baseline", D)];

/// Columns of `series_stats` (q/series-stats-function.md).
const STATS: &[TupleColumn] = &[
    ("min", R),
    ("min_idx", L),
    ("max", R),
    ("max_idx", L),
    ("avg", R),
    ("stdev", R),
    ("variance", R),
];

/// The functions here that return several columns, with their columns.
pub(super) fn tuples() -> Vec<(&'static str, &'static [TupleColumn])> {
    vec![
        ("series_fit_line", FIT_LINE),
        ("series_fit_2lines", FIT_2LINES),
        ("series_decompose", DECOMPOSE),
        ("series_decompose_forecast", DECOMPOSE),
        ("series_decompose_anomalies", ANOMALIES),
        ("series_stats", STATS),
    ]
}

pub(super) fn functions() -> Vec<ScalarFunction> {
    let series = sig![a("series", ArgType::Dynamic)];
    let mut v = vec![
        def("series_fit_line", series, DYNAMIC, |args, ctx| {
            rows(args, ctx, |r| fit_line_row(r, false))
        }),
        def("series_fit_line_dynamic", series, DYNAMIC, |args, ctx| {
            rows(args, ctx, |r| fit_line_row(r, true))
        }),
        def("series_fit_2lines", series, DYNAMIC, |args, ctx| {
            rows(args, ctx, |r| fit_2lines_row(r, false))
        }),
        def("series_fit_2lines_dynamic", series, DYNAMIC, |args, ctx| {
            rows(args, ctx, |r| fit_2lines_row(r, true))
        }),
        def(
            "series_stats",
            sig![
                a("series", ArgType::Dynamic),
                opt("ignore_nonfinite", ArgType::Bool)
            ],
            DYNAMIC,
            |args, ctx| rows(args, ctx, |r| stats_row(r, false)),
        ),
        def(
            "series_stats_dynamic",
            sig![
                a("series", ArgType::Dynamic),
                opt("ignore_nonfinite", ArgType::Bool)
            ],
            DYNAMIC,
            |args, ctx| rows(args, ctx, |r| stats_row(r, true)),
        ),
        def(
            "series_outliers",
            sig![
                a("series", ArgType::Dynamic),
                opt("kind", ArgType::String),
                opt("ignore_val", ArgType::Real),
                opt("min_percentile", ArgType::Real),
                opt("max_percentile", ArgType::Real)
            ],
            DYNAMIC,
            |args, ctx| try_rows(args, ctx, outliers_row),
        ),
        def(
            "series_decompose",
            sig![
                a("series", ArgType::Dynamic),
                opt("seasonality", ArgType::Long),
                opt("trend", ArgType::String),
                opt("test_points", ArgType::Long),
                opt("seasonality_threshold", ArgType::Real)
            ],
            DYNAMIC,
            |args, ctx| try_rows(args, ctx, |r| decompose_row(r, Variant::Decompose)),
        ),
        def(
            "series_decompose_forecast",
            sig![
                a("series", ArgType::Dynamic),
                a("points", ArgType::Long),
                opt("seasonality", ArgType::Long),
                opt("trend", ArgType::String),
                opt("seasonality_threshold", ArgType::Real)
            ],
            DYNAMIC,
            |args, ctx| try_rows(args, ctx, |r| decompose_row(r, Variant::Forecast)),
        ),
        def(
            "series_decompose_anomalies",
            sig![
                a("series", ArgType::Dynamic),
                opt("threshold", ArgType::Real),
                opt("seasonality", ArgType::Long),
                opt("trend", ArgType::String),
                opt("test_points", ArgType::Long),
                opt("ad_method", ArgType::String),
                opt("seasonality_threshold", ArgType::Real)
            ],
            DYNAMIC,
            |args, ctx| try_rows(args, ctx, |r| decompose_row(r, Variant::Anomalies)),
        ),
        def(
            "series_fill_forward",
            sig![
                a("series", ArgType::Dynamic),
                opt("missing_value_placeholder", ArgType::Scalar)
            ],
            DYNAMIC,
            |args, ctx| rows(args, ctx, |r| fill_row(r, Fill::Forward)),
        ),
        def(
            "series_fill_backward",
            sig![
                a("series", ArgType::Dynamic),
                opt("missing_value_placeholder", ArgType::Scalar)
            ],
            DYNAMIC,
            |args, ctx| rows(args, ctx, |r| fill_row(r, Fill::Backward)),
        ),
        def(
            "series_fill_const",
            sig![
                a("series", ArgType::Dynamic),
                a("constant_value", ArgType::Scalar),
                opt("missing_value_placeholder", ArgType::Scalar)
            ],
            DYNAMIC,
            |args, ctx| rows(args, ctx, |r| fill_row(r, Fill::Const)),
        ),
        def(
            "series_fill_linear",
            sig![
                a("series", ArgType::Dynamic),
                opt("missing_value_placeholder", ArgType::Scalar),
                opt("fill_edges", ArgType::Bool),
                opt("constant_value", ArgType::Scalar)
            ],
            DYNAMIC,
            |args, ctx| rows(args, ctx, |r| fill_row(r, Fill::Linear)),
        ),
    ];
    v.extend(super::series_elementwise::functions());
    v
}

/// One dynamic result per row from every argument's row value.
pub(super) fn rows(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    mut f: impl FnMut(&[Src<'_>]) -> Dynamic,
) -> Result<ColumnarValue, EvalError> {
    try_rows(args, ctx, |r| Ok(f(r)))
}

/// Like [`rows`], for functions that reject some argument values.
fn try_rows(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    mut f: impl FnMut(&[Src<'_>]) -> Result<Dynamic, EvalError>,
) -> Result<ColumnarValue, EvalError> {
    let views: Vec<AnyView<'_>> = args.iter().map(any).collect();
    let scalar = all_scalar(args);
    let n = if scalar { 1 } else { ctx.rows };
    let mut out = Vec::with_capacity(n);
    let mut row = Vec::with_capacity(views.len());
    // Each row works on a whole array (a decomposition is O(n x periods)), so the query's
    // deadline and cancellation are checked before every row, not every 65,536.
    for i in (0..n).take_while(|_| crate::interrupt::still_running()) {
        row.clear();
        row.extend(views.iter().map(|v| v.at(i)));
        out.push(f(&row)?);
    }
    Ok(finish::<ODyn>(out, scalar))
}

/// A number held by a dynamic element (`None` for null and non-numbers).
pub(super) fn number(d: &Dynamic) -> Option<f64> {
    match d {
        Dynamic::Long(x) => Some(*x as f64),
        Dynamic::Real(x) => Some(*x),
        _ => None,
    }
}

/// A numeric argument value (`None` when null, absent or not a number).
pub(super) fn num_arg(r: &[Src<'_>], i: usize) -> Option<f64> {
    match r.get(i)? {
        Src::Int(x) => x.map(f64::from),
        Src::Long(x) => x.map(|x| x as f64),
        Src::Real(x) => *x,
        Src::Dyn(d) => number(d),
        _ => None,
    }
}

fn long_arg(r: &[Src<'_>], i: usize) -> Option<i64> {
    match r.get(i)? {
        Src::Long(x) => *x,
        Src::Int(x) => x.map(i64::from),
        _ => None,
    }
}

fn str_arg<'a>(r: &[Src<'a>], i: usize) -> Option<&'a str> {
    match r.get(i)? {
        Src::Str(s) if !s.is_empty() => Some(s),
        _ => None,
    }
}

fn bool_arg(r: &[Src<'_>], i: usize) -> Option<bool> {
    match r.get(i)? {
        Src::Bool(b) => *b,
        _ => None,
    }
}

/// The series argument's elements as numbers; `None` when it is not an array.
fn series_of(r: &[Src<'_>]) -> Option<Vec<Option<f64>>> {
    match r.first()? {
        Src::Dyn(Dynamic::Array(xs)) => Some(xs.iter().map(number).collect()),
        _ => None,
    }
}

fn real(x: f64) -> Dynamic {
    Dynamic::Real(x)
}

fn reals(xs: impl IntoIterator<Item = f64>) -> Dynamic {
    Dynamic::Array(xs.into_iter().map(Dynamic::Real).collect())
}

/// A tuple row (one element per declared column) or a bag keyed by the column names.
fn pack(values: Vec<(&'static str, Dynamic)>, as_bag: bool) -> Dynamic {
    if as_bag {
        Dynamic::Bag(
            values
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect(),
        )
    } else {
        Dynamic::Array(values.into_iter().map(|(_, v)| v).collect())
    }
}

fn line_values(f: Option<m::LineFit>) -> [Dynamic; 5] {
    match f {
        Some(f) => [
            real(f.rsquare),
            real(f.slope),
            real(f.variance),
            real(f.rvariance),
            real(f.interception),
        ],
        None => Default::default(),
    }
}

/// `series_fit_line` / `series_fit_line_dynamic` (q/series-fit-line-function.md,
/// q/series-fit-line-dynamic-function.md).
fn fit_line_row(r: &[Src<'_>], as_bag: bool) -> Dynamic {
    let Some(y) = series_of(r) else {
        return if as_bag {
            Dynamic::Null
        } else {
            Dynamic::Array(vec![Dynamic::Null; FIT_LINE.len()])
        };
    };
    let fit = m::fit_line(&y);
    let line = match fit {
        Some(f) => reals((0..y.len()).map(|i| f.at(i))),
        None => Dynamic::Array(vec![Dynamic::Null; y.len()]),
    };
    let [rsq, slope, var, rvar, icpt] = line_values(fit);
    pack(
        vec![
            ("rsquare", rsq),
            ("slope", slope),
            ("variance", var),
            ("rvariance", rvar),
            ("interception", icpt),
            ("line_fit", line),
        ],
        as_bag,
    )
}

/// `series_fit_2lines` / `series_fit_2lines_dynamic` (q/series-fit-2lines-function.md,
/// q/series-fit-2lines-dynamic-function.md). With fewer than four numbers there is no
/// split: every value is null and `line_fit` is the single fitted line.
fn fit_2lines_row(r: &[Src<'_>], as_bag: bool) -> Dynamic {
    let Some(y) = series_of(r) else {
        return if as_bag {
            Dynamic::Null
        } else {
            Dynamic::Array(vec![Dynamic::Null; FIT_2LINES.len()])
        };
    };
    let Some(t) = m::fit_2lines(&y) else {
        let line = match m::fit_line(&y) {
            Some(f) => reals((0..y.len()).map(|i| f.at(i))),
            None => Dynamic::Array(vec![Dynamic::Null; y.len()]),
        };
        return if as_bag {
            let mut b = IndexMap::new();
            b.insert("line_fit".to_string(), line);
            Dynamic::Bag(b)
        } else {
            let mut v = vec![Dynamic::Null; FIT_2LINES.len()];
            v[4] = line;
            Dynamic::Array(v)
        };
    };
    let line = reals((0..y.len()).map(|i| t.at(i)));
    let side = |f: m::LineFit| {
        let [rsq, slope, var, rvar, icpt] = line_values(Some(f));
        vec![
            ("rsquare", rsq),
            ("slope", slope),
            ("interception", icpt),
            ("variance", var),
            ("rvariance", rvar),
        ]
    };
    let head = vec![
        ("rsquare", real(t.rsquare)),
        ("split_idx", Dynamic::Long(t.split_idx as i64)),
        ("variance", real(t.variance)),
        ("rvariance", real(t.rvariance)),
        ("line_fit", line),
    ];
    if as_bag {
        let mut b: IndexMap<String, Dynamic> =
            head.into_iter().map(|(k, v)| (k.to_string(), v)).collect();
        for (name, f) in [("right", t.right), ("left", t.left)] {
            let bag = side(f)
                .into_iter()
                .map(|(k, v)| (k.to_string(), v))
                .collect();
            b.insert(name.to_string(), Dynamic::Bag(bag));
        }
        Dynamic::Bag(b)
    } else {
        let mut v: Vec<Dynamic> = head.into_iter().map(|(_, v)| v).collect();
        v.extend(side(t.right).into_iter().map(|(_, v)| v));
        v.extend(side(t.left).into_iter().map(|(_, v)| v));
        Dynamic::Array(v)
    }
}

/// `series_stats` / `series_stats_dynamic` (q/series-stats-function.md,
/// q/series-stats-dynamic-function.md): sample variance and deviation; null when a value
/// is not a finite number unless `ignore_nonfinite`.
fn stats_row(r: &[Src<'_>], as_bag: bool) -> Dynamic {
    let ignore = bool_arg(r, 1).unwrap_or(false);
    let nulls = || Dynamic::Array(vec![Dynamic::Null; STATS.len()]);
    let Some(y) = series_of(r) else {
        return if as_bag { Dynamic::Null } else { nulls() };
    };
    let finite = |v: &Option<f64>| v.is_some_and(f64::is_finite);
    if !ignore && !y.iter().all(finite) {
        return if as_bag { Dynamic::Null } else { nulls() };
    }
    let xs: Vec<(usize, f64)> = y
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.filter(|v| v.is_finite()).map(|v| (i, v)))
        .collect();
    let len = xs.len();
    let sum: f64 = xs.iter().map(|(_, v)| v).sum();
    let first_by = |better: fn(f64, f64) -> bool| {
        xs.iter()
            .copied()
            .fold(None, |acc: Option<(usize, f64)>, (i, v)| match acc {
                Some((_, b)) if !better(v, b) => acc,
                _ => Some((i, v)),
            })
    };
    let min = first_by(|v, b| v < b);
    let max = first_by(|v, b| v > b);
    let avg = (len > 0).then(|| sum / len as f64);
    let variance = avg
        .filter(|_| len > 1)
        .map(|avg| xs.iter().map(|(_, v)| (v - avg) * (v - avg)).sum::<f64>() / (len - 1) as f64);
    let opt_real = |x: Option<f64>| x.map_or(Dynamic::Null, Dynamic::Real);
    let opt_idx =
        |x: Option<(usize, f64)>| x.map_or(Dynamic::Null, |(i, _)| Dynamic::Long(i as i64));
    let mut values = vec![
        ("min", opt_real(min.map(|x| x.1))),
        ("min_idx", opt_idx(min)),
        ("max", opt_real(max.map(|x| x.1))),
        ("max_idx", opt_idx(max)),
        ("avg", opt_real(avg)),
        ("stdev", opt_real(variance.map(f64::sqrt))),
        ("variance", opt_real(variance)),
    ];
    if as_bag {
        values.push(("sum", real(sum)));
        values.push(("len", Dynamic::Long(len as i64)));
    }
    pack(values, as_bag)
}

/// Percentile bounds of a Tukey test kind: `tukey` 25/75, `ctukey` 10/90 or the given
/// ones, which must lie in [2, 98] (q/series-outliers-function.md).
fn tukey_range(
    func: &str,
    kind: &str,
    min: Option<f64>,
    max: Option<f64>,
) -> Result<(f64, f64), EvalError> {
    match kind {
        "tukey" => Ok((25.0, 75.0)),
        "ctukey" => {
            let (lo, hi) = (min.unwrap_or(10.0), max.unwrap_or(90.0));
            let ok = |p: f64| (2.0..=98.0).contains(&p);
            if ok(lo) && ok(hi) && lo < hi {
                Ok((lo, hi))
            } else {
                Err(EvalError::invalid_argument(
                    func,
                    format!("percentiles must be in [2, 98] with min < max, got {lo} and {hi}"),
                ))
            }
        }
        other => Err(EvalError::invalid_argument(
            func,
            format!("the method must be 'tukey' or 'ctukey', got '{other}'"),
        )),
    }
}

/// `series_outliers(series, kind, ignore_val, min_percentile, max_percentile)`
/// (q/series-outliers-function.md): nulls and `ignore_val` elements score 0.
fn outliers_row(r: &[Src<'_>]) -> Result<Dynamic, EvalError> {
    let kind = str_arg(r, 1).unwrap_or("ctukey");
    let (lo, hi) = tukey_range("series_outliers", kind, num_arg(r, 3), num_arg(r, 4))?;
    let Some(mut y) = series_of(r) else {
        return Ok(Dynamic::Null);
    };
    if let Some(ignore) = num_arg(r, 2) {
        for v in &mut y {
            if *v == Some(ignore) {
                *v = None;
            }
        }
    }
    Ok(reals(m::outlier_scores(&y, lo, hi, y.len())))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Variant {
    Decompose,
    Forecast,
    Anomalies,
}

impl Variant {
    fn name(self) -> &'static str {
        match self {
            Variant::Decompose => "series_decompose",
            Variant::Forecast => "series_decompose_forecast",
            Variant::Anomalies => "series_decompose_anomalies",
        }
    }
}

/// `series_decompose`, `series_decompose_forecast` and `series_decompose_anomalies`
/// (q/series-decompose-function.md, q/series-decompose-forecast-function.md,
/// q/series-decompose-anomalies-function.md).
fn decompose_row(r: &[Src<'_>], variant: Variant) -> Result<Dynamic, EvalError> {
    // Argument positions: (seasonality, trend, test points, seasonality threshold).
    let (si, ti, pi, thi) = match variant {
        Variant::Decompose => (1, 2, 3, 4),
        Variant::Forecast => (2, 3, 1, 4),
        Variant::Anomalies => (2, 3, 4, 6),
    };
    let threshold = num_arg(r, thi).unwrap_or(0.6);
    let season = match long_arg(r, si).unwrap_or(-1) {
        -1 => Seasonality::Detect(threshold),
        0 => Seasonality::None,
        p if p > 0 => Seasonality::Period(usize::try_from(p).unwrap_or(usize::MAX)),
        p => {
            return Err(EvalError::invalid_argument(
                variant.name(),
                format!("seasonality must be -1, 0 or a positive period, got {p}"),
            ))
        }
    };
    let trend = match str_arg(r, ti).unwrap_or("avg") {
        "avg" => Trend::Avg,
        "linefit" => Trend::LineFit,
        "none" => Trend::None,
        other => {
            return Err(EvalError::invalid_argument(
                variant.name(),
                format!("trend must be 'avg', 'linefit' or 'none', got '{other}'"),
            ))
        }
    };
    let test_points = long_arg(r, pi).unwrap_or(0);
    let test_points = usize::try_from(test_points).map_err(|_| {
        EvalError::invalid_argument(
            variant.name(),
            format!("the number of test points must not be negative, got {test_points}"),
        )
    })?;
    let (lo, hi) = match variant {
        Variant::Anomalies => {
            let method = str_arg(r, 5).unwrap_or("ctukey");
            tukey_range("series_decompose_anomalies", method, None, None)?
        }
        _ => (0.0, 0.0),
    };
    let width = if variant == Variant::Anomalies { 3 } else { 4 };
    let Some(y) = series_of(r) else {
        return Ok(Dynamic::Array(vec![Dynamic::Null; width]));
    };
    let d = m::decompose(&y, season, trend, test_points);
    let opt = |v: &Option<f64>| v.map_or(Dynamic::Null, Dynamic::Real);
    if variant != Variant::Anomalies {
        return Ok(Dynamic::Array(vec![
            reals(d.baseline),
            reals(d.seasonal),
            reals(d.trend),
            Dynamic::Array(d.residual.iter().map(opt).collect()),
        ]));
    }
    let k = num_arg(r, 1).unwrap_or(1.5);
    let learn = y.len().saturating_sub(test_points);
    let scores = m::outlier_scores(&d.residual, lo, hi, learn);
    let flags = scores
        .iter()
        .map(|s| {
            Dynamic::Long(if *s > k {
                1
            } else if *s < -k {
                -1
            } else {
                0
            })
        })
        .collect();
    Ok(Dynamic::Array(vec![
        Dynamic::Array(flags),
        reals(scores),
        reals(d.baseline),
    ]))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Fill {
    Forward,
    Backward,
    Const,
    Linear,
}

/// `series_fill_forward/backward/const/linear` (q/series-fill-forward-function.md,
/// q/series-fill-backward-function.md, q/series-fill-const-function.md,
/// q/series-fill-linear-function.md). Element types are kept; linear interpolation of an
/// all-integer series truncates, as the documented example shows (73.5 gives 73).
fn fill_row(r: &[Src<'_>], fill: Fill) -> Dynamic {
    let Some(Src::Dyn(Dynamic::Array(xs))) = r.first() else {
        return Dynamic::Null;
    };
    let placeholder_at = if fill == Fill::Const { 2 } else { 1 };
    let placeholder = num_arg(r, placeholder_at);
    let missing = |d: &Dynamic| match placeholder {
        None => d.is_null(),
        Some(p) => number(d) == Some(p),
    };
    let mut out = xs.clone();
    match fill {
        Fill::Forward => fill_from_neighbour(&mut out, &missing, false),
        Fill::Backward => fill_from_neighbour(&mut out, &missing, true),
        Fill::Const => {
            let c = r.get(1).map_or(Dynamic::Null, |s| s.to_dynamic());
            for d in out.iter_mut().filter(|d| missing(d)) {
                *d = c.clone();
            }
        }
        Fill::Linear => {
            let edges = bool_arg(r, 2).unwrap_or(true);
            let constant = match r.get(3) {
                Some(s) => s.to_dynamic(),
                None => Dynamic::Real(0.0),
            };
            fill_linear(&mut out, &missing, edges, constant);
        }
    }
    Dynamic::Array(out)
}

fn fill_from_neighbour(xs: &mut [Dynamic], missing: &dyn Fn(&Dynamic) -> bool, backward: bool) {
    let mut last: Option<Dynamic> = None;
    let mut step = |d: &mut Dynamic| {
        if missing(d) {
            if let Some(v) = &last {
                *d = v.clone();
            }
        } else {
            last = Some(d.clone());
        }
    };
    if backward {
        xs.iter_mut().rev().for_each(&mut step);
    } else {
        xs.iter_mut().for_each(&mut step);
    }
}

fn fill_linear(
    xs: &mut [Dynamic],
    missing: &dyn Fn(&Dynamic) -> bool,
    edges: bool,
    constant: Dynamic,
) {
    let known: Vec<usize> = (0..xs.len()).filter(|&i| !missing(&xs[i])).collect();
    let (Some(&first), Some(&last)) = (known.first(), known.last()) else {
        if !constant.is_null() {
            xs.iter_mut().for_each(|d| *d = constant.clone());
        }
        return;
    };
    let integers = known.iter().all(|&i| matches!(xs[i], Dynamic::Long(_)));
    for w in known.windows(2) {
        let (i, j) = (w[0], w[1]);
        let (Some(a), Some(b)) = (number(&xs[i]), number(&xs[j])) else {
            continue;
        };
        for (k, x) in xs.iter_mut().enumerate().take(j).skip(i + 1) {
            let v = a + (b - a) * (k - i) as f64 / (j - i) as f64;
            *x = if integers {
                Dynamic::Long(v.trunc() as i64)
            } else {
                Dynamic::Real(v)
            };
        }
    }
    if edges {
        let (head, tail) = (xs[first].clone(), xs[last].clone());
        xs[..first].iter_mut().for_each(|d| *d = head.clone());
        xs[last + 1..].iter_mut().for_each(|d| *d = tail.clone());
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "series_tests.rs"]
mod tests;
