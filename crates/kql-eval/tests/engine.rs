//! Whole queries through `Engine::run`: binding, execution and Kusto's semantics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_eval::{DataType, Engine, Error, Field, Table, Value};

fn engine() -> Engine {
    let mut e = Engine::new();
    // 2026-11-26T00:00:00Z
    e.set_now(kql_parser::literal::parse_datetime_text("2026-11-26T00:00:00Z").unwrap());
    e
}

fn run(q: &str) -> Table {
    let mut r = engine().run(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    assert_eq!(r.len(), 1);
    r.remove(0)
}

fn rows(t: &Table) -> Vec<Vec<String>> {
    (0..t.num_rows())
        .map(|r| {
            t.row(r)
                .iter()
                .map(|v| match v {
                    v if v.is_null() => "null".to_string(),
                    v => v.to_string(),
                })
                .collect()
        })
        .collect()
}

fn names(t: &Table) -> Vec<(&str, DataType)> {
    t.fields()
        .iter()
        .map(|f| (f.name.as_str(), f.data_type))
        .collect()
}

#[test]
fn where_summarize_by_three_keys() {
    let t = run(r#"
        let start = datetime(2026-11-01);
        datatable(T:datetime, D:string, U:string, R:long)[
          datetime(2026-11-02), "a", "x.rmm.datto.com", 1,
          datetime(2026-11-03), "a", "x.rmm.datto.com", 1,
          datetime(2026-11-04), "a", "x.rmm.datto.com", 2,
          datetime(2026-10-04), "a", "x.rmm.datto.com", 3,
          datetime(2026-11-04), "b", "xrmm.datto.com", 4]
        | where T between (start .. now()) and U has_any ('rmm.datto.com')
        | summarize FirstSeen = min(T), LastSeen = max(T), Report = make_set(R), Count = count() by D, U"#);
    assert_eq!(
        names(&t),
        vec![
            ("D", DataType::String),
            ("U", DataType::String),
            ("FirstSeen", DataType::DateTime),
            ("LastSeen", DataType::DateTime),
            ("Report", DataType::Dynamic),
            ("Count", DataType::Long)
        ]
    );
    assert_eq!(
        rows(&t),
        vec![vec![
            "a",
            "x.rmm.datto.com",
            "2026-11-02T00:00:00Z",
            "2026-11-04T00:00:00Z",
            "[1,2]",
            "3"
        ]]
    );
}

#[test]
fn now_with_offset_and_between_timespan_form() {
    // q/between-operator.md: `between (datetime .. timespan)` means up to start + timespan.
    let t = run("print a = now(-5d), b = datetime(2026-11-20) between (datetime(2026-11-19) .. 1d), c = datetime(2026-11-21) between (datetime(2026-11-19) .. 1d)");
    assert_eq!(
        rows(&t),
        vec![vec!["2026-11-21T00:00:00Z", "true", "false"]]
    );
}

#[test]
fn isempty_covers_empty_and_null() {
    let t = run(
        r#"datatable(s:string, d:dynamic)["", dynamic(null), "x", dynamic({})] | extend e1 = isempty(s), e2 = isempty(d) | project e1, e2"#,
    );
    assert_eq!(rows(&t), vec![vec!["true", "true"], vec!["false", "false"]]);
}

#[test]
fn null_comparisons_in_where() {
    // q/scalar-data-types/null-values.md: `where ival != 5` keeps the null row.
    let t = run("datatable(ival:int, sval:string)[5, 'a', int(null), 'b'] | where ival != 5");
    assert_eq!(rows(&t), vec![vec!["null", "b"]]);
}

#[test]
fn summarize_without_by_over_no_rows_gives_one_row() {
    let t = run("datatable(x:long)[1] | where x > 5 | summarize c = count(), s = sum(x)");
    assert_eq!(rows(&t), vec![vec!["0", "0"]]);
}

#[test]
fn generated_names_and_expressions_around_aggregates() {
    let t = run("datatable(x:long, k:string)[1, 'a', 2, 'a', 3, 'b'] | summarize count(), sum(x), r = 100.0 * countif(x > 1) / count() by k | sort by k asc");
    assert_eq!(
        names(&t).iter().map(|x| x.0).collect::<Vec<_>>(),
        vec!["k", "count_", "sum_x", "r"]
    );
    assert_eq!(
        rows(&t),
        vec![vec!["a", "2", "3", "50"], vec!["b", "1", "3", "100"]]
    );
}

#[test]
fn sort_defaults_desc_with_nulls_last() {
    let t = run("datatable(x:long)[2, long(null), 3, 1] | sort by x");
    assert_eq!(
        rows(&t),
        vec![vec!["3"], vec!["2"], vec!["1"], vec!["null"]]
    );
    let t = run("datatable(x:long)[2, long(null), 3, 1] | sort by x asc");
    assert_eq!(
        rows(&t),
        vec![vec!["null"], vec!["1"], vec!["2"], vec!["3"]]
    );
    let t = run("datatable(x:long)[2, long(null), 3, 1] | top 2 by x");
    assert_eq!(rows(&t), vec![vec!["3"], vec!["2"]]);
}

#[test]
fn extend_replaces_in_place_and_sees_earlier_items() {
    let t = run("datatable(a:long, b:long)[1, 2] | extend a = a * 10, c = a + 1");
    assert_eq!(
        names(&t).iter().map(|x| x.0).collect::<Vec<_>>(),
        vec!["a", "b", "c"]
    );
    assert_eq!(rows(&t), vec![vec!["10", "2", "11"]]);
}

#[test]
fn union_and_distinct_and_count() {
    let t = run("union (datatable(a:long)[1, 2]), (datatable(a:long)[2, 3]) | distinct a | count");
    assert_eq!(rows(&t), vec![vec!["3"]]);
    let t = run("range x from 1 to 10 step 3 | project-rename y = x | project-away y | count");
    assert_eq!(rows(&t), vec![vec!["4"]]);
}

#[test]
fn let_functions_with_defaults() {
    let t = run(
        r#"let f = (a:long, b:string = "x") { strcat(b, tostring(a)) }; print f(1), f(2, "y")"#,
    );
    assert_eq!(rows(&t), vec![vec!["x1", "y2"]]);
    let t = run("let T = (n:long) { range i from 1 to n step 1 }; T(4) | count");
    assert_eq!(rows(&t), vec![vec!["4"]]);
}

#[test]
fn errors_are_typed_with_spans() {
    let mut e = engine();
    e.add_table(
        "Events",
        Table::from_rows(
            vec![Field::new("RemoteUrl", DataType::String)],
            &[vec![Value::String("a".into())]],
        ),
    );
    let q = "Events | where RemoteUr has 'x'";
    match e.run(q) {
        Err(Error::Bind(b)) => {
            assert_eq!(&q[b.span.start..b.span.end], "RemoteUr");
            assert_eq!(b.hint.as_deref(), Some("did you mean 'RemoteUrl'?"));
        }
        other => panic!("{other:?}"),
    }
    match e.run("Events | fork (take 1) (count)") {
        Err(Error::Bind(b)) => assert!(b.to_string().contains("operator 'fork'"), "{b}"),
        other => panic!("{other:?}"),
    }
    assert!(matches!(e.run("Evnts | take 1"), Err(Error::Bind(_))));
    assert!(matches!(e.run("print 1 + 'a'"), Err(Error::Bind(_))));
}

#[test]
fn range_respects_row_limit() {
    let mut e = engine();
    e.set_limits(kql_eval::Limits {
        max_rows: 1000,
        ..Default::default()
    });
    let err = e.run("range x from 1 to 10000000000 step 1").unwrap_err();
    assert_eq!(err.code(), "KQL3001");
}

#[test]
fn group_by_function_of_dictionary_column_merges_equal_values() {
    // tolower() runs once per distinct value of the dictionary ("A", "a", "b"); two codes
    // then map to "a" and must still form one group.
    let t = run(
        r#"datatable(s:string)["A", "a", "A", "b", "a", "a"] | summarize n = count() by k = tolower(s) | sort by k asc"#,
    );
    assert_eq!(rows(&t), vec![vec!["a", "5"], vec!["b", "1"]]);
}

#[test]
fn conjunctions_filter_the_same_rows_in_any_order() {
    // The filter runs selective conjuncts first and the rest on the survivors only.
    let t = run(r#"range x from 1 to 100 step 1
        | extend s = iff(x % 10 == 0, "hit here", "miss")
        | where x > 35 | where s has "hit" and x % 20 == 0"#);
    assert_eq!(
        rows(&t),
        vec![
            vec!["40", "hit here"],
            vec!["60", "hit here"],
            vec!["80", "hit here"],
            vec!["100", "hit here"]
        ]
    );
    // Window functions see every row: no reordering when one is present.
    let t = run("range x from 1 to 10 step 1 | where row_number() > 8 and x > 0 | count");
    assert_eq!(rows(&t), vec![vec!["2"]]);
}

#[test]
fn datatable_values_must_fit_their_column() {
    let t = run("datatable(i:int)[5, -7]");
    assert_eq!(rows(&t), vec![vec!["5"], vec!["-7"]]);
    // 3000000000 does not fit an int: an error naming the column, not a silent null.
    let err = engine().run("datatable(i:int)[3000000000]").unwrap_err();
    assert!(err.to_string().contains("column 'i'"), "{err}");
}

#[test]
fn iff_over_dynamic_and_string_branches_is_a_string() {
    // The official analyzer types iff(c, split(s, ","), "none") as string.
    let t = run(
        r#"print a = iff(true, split("a,b", ","), "none"), b = iff(false, split("a,b", ","), "none")"#,
    );
    assert_eq!(
        names(&t),
        vec![("a", DataType::String), ("b", DataType::String)]
    );
    assert_eq!(rows(&t), vec![vec![r#"["a","b"]"#, "none"]]);
}
