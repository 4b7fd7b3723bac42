//! Functions that return several columns (`series_fit_line`, `series_fit_2lines`,
//! `series_decompose_anomalies`, `series_stats`, ...) in extend/project/print: the column
//! names and types the official analyzer gives (checked with its `--result-schema`), and
//! the values reaching the right columns (q/series-fit-line-function.md,
//! q/series-fit-2lines-function.md, q/series-decompose-anomalies-function.md).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_eval::{DataType, Engine, Table, Value};

fn run(q: &str) -> Table {
    let mut r = Engine::new().run(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    assert_eq!(r.len(), 1);
    r.remove(0)
}

fn run_err(q: &str) -> String {
    match Engine::new().run(q) {
        Ok(t) => panic!("{q} ran: {t:?}"),
        Err(e) => e.to_string(),
    }
}

fn columns(t: &Table) -> Vec<(String, DataType)> {
    t.fields()
        .iter()
        .map(|f| (f.name.clone(), f.data_type))
        .collect()
}

fn cols(spec: &[(&str, DataType)]) -> Vec<(String, DataType)> {
    spec.iter().map(|(n, t)| (n.to_string(), *t)).collect()
}

const R: DataType = DataType::Real;
const L: DataType = DataType::Long;
const D: DataType = DataType::Dynamic;

const Y: &str = "print y=dynamic([2, 5, 6, 8, 11, 15, 17, 18, 25, 26, 30, 30])";

#[test]
fn default_names_use_function_argument_and_suffix() {
    let t = run(&format!("{Y} | extend series_fit_line(y)"));
    assert_eq!(
        columns(&t),
        cols(&[
            ("y", D),
            ("series_fit_line_y_rsquare", R),
            ("series_fit_line_y_slope", R),
            ("series_fit_line_y_variance", R),
            ("series_fit_line_y_rvariance", R),
            ("series_fit_line_y_interception", R),
            ("series_fit_line_y_line_fit", D),
        ])
    );
    // The slope lands in its column: 2.7307... (q/series-fit-line-function.md: 2.730).
    match &t.row(0)[2] {
        Value::Real(Some(s)) => assert!((s - 2.730_769_230_769_231).abs() < 1e-9),
        other => panic!("{other:?}"),
    }
    // No name to derive: an empty middle part.
    let t = run("print series_fit_line(dynamic([1, 2, 3])), z = 1");
    assert_eq!(t.fields()[0].name, "series_fit_line__rsquare");
    assert_eq!(t.fields()[6].name, "z");
}

#[test]
fn given_names_replace_the_first_columns() {
    // q/series-fit-2lines-function.md: (rs, si, v) name the first three; the analyzer
    // keeps the remaining columns under their default names.
    let t = run(&format!("{Y} | project (rs, si, v) = series_fit_2lines(y)"));
    let c = columns(&t);
    assert_eq!(c.len(), 15);
    assert_eq!(
        &c[..4],
        &cols(&[
            ("rs", R),
            ("si", L),
            ("v", R),
            ("series_fit_2lines_y_rvariance", R)
        ])[..]
    );
    assert_eq!(c[14], ("series_fit_2lines_y_left_rvariance".to_string(), R));
    // One name only, as `extend outliers = series_decompose_anomalies(x, 2)` in the corpus.
    let t = run(&format!(
        "{Y} | extend outliers = series_decompose_anomalies(y, 2)"
    ));
    assert_eq!(
        columns(&t),
        cols(&[
            ("y", D),
            ("outliers", D),
            ("series_decompose_anomalies_y_ad_score", D),
            ("series_decompose_anomalies_y_baseline", D),
        ])
    );
    // A given name that exists is replaced in place.
    let t = run(&format!("{Y} | extend y = series_fit_line(y)"));
    assert_eq!(t.fields()[0].name, "y");
    assert_eq!(t.fields()[0].data_type, R);
    assert_eq!(t.fields()[1].name, "series_fit_line_y_slope");
}

#[test]
fn repeated_calls_get_numeric_suffixes() {
    let t = run(&format!(
        "{Y} | extend series_fit_line(y), series_fit_line(y) | project-keep *rsquare*"
    ));
    assert_eq!(
        columns(&t),
        cols(&[
            ("series_fit_line_y_rsquare", R),
            ("series_fit_line_y_rsquare1", R)
        ])
    );
    let t = run(&format!("{Y} | project series_stats(y), series_stats(y)"));
    assert_eq!(t.fields()[7].name, "series_stats_y_min1");
    assert_eq!(t.fields()[1].data_type, L);
}

#[test]
fn later_operators_see_the_columns() {
    let t = run(&format!(
        "{Y} | extend (r, s) = series_fit_line(y) | extend twice = s * 2 | project twice"
    ));
    match &t.row(0)[0] {
        Value::Real(Some(x)) => assert!((x - 2.0 * 2.730_769_230_769_231).abs() < 1e-9),
        other => panic!("{other:?}"),
    }
}

#[test]
fn anomalies_columns_hold_flags_scores_and_baseline() {
    let t = run(
        "print y=dynamic([10, 12, 11, 13, 12, 50, 11, -30, 12, 13]) \
         | extend (flags, score, baseline) = series_decompose_anomalies(y, 1.5, 0, 'none') \
         | project flags",
    );
    assert_eq!(t.row(0)[0].to_string(), "[0,0,0,0,0,1,0,-1,0,0]");
}

#[test]
fn misuse_is_a_bind_error() {
    let e = run_err(&format!("{Y} | extend k = series_fit_line(y) + 1"));
    assert!(e.contains("several columns"), "{e}");
    let e = run_err(&format!(
        "{Y} | extend (a, b, c, d) = series_decompose_anomalies(y)"
    ));
    assert!(e.contains("returns 3 columns"), "{e}");
    let e = run_err(&format!("{Y} | project (y, y) = series_fit_line(y)"));
    assert!(e.contains('y'), "{e}");
}

#[test]
fn single_value_series_functions_keep_argument_names() {
    // Analyzer result columns: series_fill_* and series_outliers keep the argument's name,
    // element-wise operations get Column1, ...
    let t = run(&format!(
        "{Y} | project series_fill_forward(y), series_outliers(y), series_add(y, y)"
    ));
    assert_eq!(columns(&t), cols(&[("y", D), ("y1", D), ("Column1", D)]));
}
