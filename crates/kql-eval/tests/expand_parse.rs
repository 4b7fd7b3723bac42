//! mv-expand, mv-apply, parse, parse-where, parse-kv, project-reorder, project-keep,
//! serialize and window functions, sample, getschema, render, make-series, bag_unpack,
//! top-hitters, sample-distinct, output schemas:
//! whole queries through `Engine::run`, with data modelled on the docs' examples (pages
//! cited per test, under learn.microsoft.com/kusto/query/).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_eval::{DataType, Engine, Error, Limits, Table};

fn engine() -> Engine {
    let mut e = Engine::new();
    e.set_now(kql_parser::literal::parse_datetime_text("2026-11-26T00:00:00Z").unwrap());
    e
}

fn run(q: &str) -> Table {
    let mut r = engine().run(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    assert_eq!(r.len(), 1);
    r.remove(0)
}

fn run_err(q: &str) -> Error {
    match engine().run(q) {
        Ok(t) => panic!("{q} ran: {t:?}"),
        Err(e) => e,
    }
}

/// Rows as display strings, `null` for nulls.
fn rows(t: &Table) -> Vec<Vec<String>> {
    (0..t.num_rows())
        .map(|r| {
            t.row(r)
                .iter()
                .map(|v| {
                    if v.is_null() {
                        "null".to_string()
                    } else {
                        v.to_string()
                    }
                })
                .collect()
        })
        .collect()
}

fn names(t: &Table) -> Vec<&str> {
    t.fields().iter().map(|f| f.name.as_str()).collect()
}

fn types(t: &Table) -> Vec<DataType> {
    t.fields().iter().map(|f| f.data_type).collect()
}

fn s(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

// ---------------------------------------------------------------------------------------
// mv-expand (mv-expand-operator)

#[test]
fn mv_expand_single_array_column() {
    // mv-expand-operator: "Single column - array expansion"
    let t = run(
        "datatable (a: int, b: dynamic)[1, dynamic([10, 20]), 2, dynamic(['a', 'b'])]
        | mv-expand b",
    );
    assert_eq!(names(&t), ["a", "b"]);
    assert_eq!(types(&t), [DataType::Int, DataType::Dynamic]);
    assert_eq!(
        rows(&t),
        s(&[&["1", "10"], &["1", "20"], &["2", "a"], &["2", "b"]])
    );
}

#[test]
fn mv_expand_zips_columns_and_pads_with_null() {
    // mv-expand-operator: "Zipped two columns"
    let t = run(r#"datatable (a: int, b: dynamic, c: dynamic)
        [1, dynamic({"prop1": "a1", "prop2": "b1"}), dynamic([5, 4, 3])]
        | mv-expand b, c"#);
    assert_eq!(
        rows(&t),
        s(&[
            &["1", r#"{"prop1":"a1"}"#, "5"],
            &["1", r#"{"prop2":"b1"}"#, "4"],
            &["1", "null", "3"],
        ])
    );
}

#[test]
fn mv_expand_cross_product_needs_two_operators() {
    // mv-expand-operator: "Cartesian product of two columns"
    let t = run(r#"datatable (a: int, b: dynamic, c: dynamic)
        [1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 6])]
        | mv-expand b | mv-expand c"#);
    assert_eq!(t.num_rows(), 4);
    assert_eq!(rows(&t)[1], ["1", r#"{"prop1":"a"}"#, "6"]);
}

#[test]
fn mv_expand_empty_drops_row_null_keeps_one() {
    // mv-expand-operator: empty arrays/bags expand to no rows; null to one null row
    let t = run("datatable (a: int, b: dynamic)[1, dynamic([]), 2, dynamic(null), 3, dynamic({}), 4, dynamic([7])]
        | mv-expand b");
    assert_eq!(rows(&t), s(&[&["2", "null"], &["4", "7"]]));
}

#[test]
fn mv_expand_bag_kinds_itemindex_and_limit() {
    // mv-expand-operator: kind=array, with_itemindex, limit
    let t = run(
        r#"datatable (a: int, b: dynamic)[1, dynamic({"prop1": "a1", "prop2": "b1"})]
        | mv-expand kind=array b"#,
    );
    assert_eq!(
        rows(&t),
        s(&[&["1", r#"["prop1","a1"]"#], &["1", r#"["prop2","b1"]"#]])
    );
    let t = run("range x from 1 to 4 step 1
        | summarize x = make_list(x)
        | mv-expand with_itemindex=Index x");
    assert_eq!(names(&t), ["x", "Index"]);
    assert_eq!(types(&t), [DataType::Dynamic, DataType::Long]);
    assert_eq!(
        rows(&t),
        s(&[&["1", "0"], &["2", "1"], &["3", "2"], &["4", "3"]])
    );
    let t = run("print d = dynamic([1, 2, 3, 4]) | mv-expand d limit 2");
    assert_eq!(t.num_rows(), 2);
    // Legacy mvexpand: `bagexpansion=` and the same zip rule.
    let t = run(r#"print d = dynamic({"k": 1}) | mvexpand bagexpansion=array d"#);
    assert_eq!(rows(&t), s(&[&[r#"["k",1]"#]]));
}

#[test]
fn mv_expand_to_typeof_and_new_names() {
    // mv-expand-operator: "Convert output" (`to typeof(int)`), and `Name = expr`
    let t = run(
        r#"datatable (a: string, b: dynamic, c: dynamic)["Constant", dynamic([1, 2, 3, 4]), dynamic([6, 7, 8, 9])]
        | mv-expand b, c to typeof(int)
        | getschema"#,
    );
    assert_eq!(
        rows(&t),
        s(&[
            &["a", "0", "System.String", "string"],
            &["b", "1", "System.Object", "dynamic"],
            &["c", "2", "System.Int32", "int"],
        ])
    );
    let t = run("print d = dynamic([1, 'x']) | mv-expand v = d to typeof(long)");
    assert_eq!(names(&t), ["d", "v"]);
    assert_eq!(rows(&t)[0][1], "1");
    assert_eq!(rows(&t)[1][1], "null");
    // Only dynamic values expand.
    let e = run_err("print x = 1 | mv-expand x");
    assert!(e.to_string().contains("dynamic"), "{e}");
}

#[test]
fn mv_expand_checks_the_row_limit_first() {
    let mut e = engine();
    e.set_limits(Limits {
        max_rows: 1000,
        ..Limits::default()
    });
    let err = e
        .run("range i from 1 to 100 step 1 | extend d = range(1, 100, 1) | mv-expand d")
        .unwrap_err();
    assert!(err.to_string().contains("row"), "{err}");
}

// ---------------------------------------------------------------------------------------
// mv-apply (mv-apply-operator)

#[test]
fn mv_apply_runs_the_subquery_per_row() {
    // mv-apply-operator: "Getting the largest element from the array"
    let t = run("let _data = range x from 1 to 8 step 1
        | summarize l = make_list(x) by xMod2 = x % 2;
        _data
        | mv-apply element = l to typeof(long) on (top 1 by element)
        | sort by xMod2 asc");
    assert_eq!(names(&t), ["xMod2", "l", "element"]);
    assert_eq!(
        rows(&t),
        s(&[&["0", "[2,4,6,8]", "8"], &["1", "[1,3,5,7]", "7"]])
    );
    // "Calculating the sum of the largest two elements in an array"
    let t = run("let _data = range x from 1 to 8 step 1
        | summarize l = make_list(x) by xMod2 = x % 2;
        _data
        | mv-apply l to typeof(long) on (top 2 by l | summarize SumOfTop2 = sum(l))
        | sort by xMod2 asc");
    assert_eq!(names(&t), ["xMod2", "SumOfTop2"]);
    assert_eq!(rows(&t), s(&[&["0", "14"], &["1", "12"]]));
    // The subquery sees the row's other columns; itemindex works as in mv-expand.
    let t = run("datatable(a:long, b:dynamic)[10, dynamic([1, 2])]
        | mv-apply with_itemindex = i b on (extend z = a + i)");
    assert_eq!(names(&t), ["a", "b", "i", "z"]);
    assert_eq!(
        rows(&t),
        s(&[&["10", "1", "0", "10"], &["10", "2", "1", "11"]])
    );
}

// ---------------------------------------------------------------------------------------
// parse, parse-where (parse-operator, parse-where-operator)

const EVENT: &str = "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=2016-02-17 08:40:01, releaseTime=2016-02-17 08:40:01, previousLockTime=2016-02-17 08:39:01)";

#[test]
fn parse_simple_mode() {
    // parse-operator: the "simple" example (ISO datetimes in place of the doc's M/d/yyyy)
    let t = run(&format!(
        r#"print EventText = "{EVENT}"
        | parse EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long * "sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
        | project resourceName, totalSlices, sliceNumber, lockTime, releaseTime, previousLockTime"#
    ));
    assert_eq!(
        types(&t),
        [
            DataType::String,
            DataType::Long,
            DataType::Long,
            DataType::String,
            DataType::DateTime,
            DataType::DateTime
        ]
    );
    assert_eq!(
        rows(&t)[0][..4],
        ["PipelineScheduler", "27", "23", "2016-02-17 08:40:01"]
    );
    assert!(!t.row(0)[5].is_null());
    // A missing delimiter or a typed column that does not fit: every parsed column is null.
    let t = run(r#"datatable(s:string)["a=1 b=x", "a=q b=x", "nothing"]
        | parse s with "a=" x:long " b=" y"#);
    assert_eq!(
        rows(&t),
        s(&[
            &["a=1 b=x", "1", "x"],
            &["a=q b=x", "null", ""],
            &["nothing", "null", ""]
        ])
    );
    // A string column at the end takes the rest; non-string input is converted first.
    let t = run(r#"print n = 12345 | parse n with "12" rest"#);
    assert_eq!(rows(&t), s(&[&["12345", "345"]]));
}

#[test]
fn parse_relaxed_and_regex_modes() {
    // parse-operator: "relaxed" — only the failing typed column becomes null
    let bad = EVENT.replace("totalSlices=27", "totalSlices=invalid");
    let t = run(&format!(
        r#"print EventText = "{bad}"
        | parse kind=relaxed EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long ", sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
        | project resourceName, totalSlices, sliceNumber, lockTime"#
    ));
    assert_eq!(
        rows(&t),
        s(&[&["PipelineScheduler", "null", "23", "2016-02-17 08:40:01"]])
    );
    // The same text in simple mode fails as a whole.
    let t = run(&format!(
        r#"print EventText = "{bad}"
        | parse EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long ", sliceNumber=" sliceNumber: long *
        | project resourceName, sliceNumber"#
    ));
    assert_eq!(rows(&t), s(&[&["", "null"]]));
    // parse-operator: "regex" — delimiters are regular expressions (with their own groups)
    let t = run(&format!(
        r#"print EventText = "{EVENT}"
        | parse kind=regex EventText with "(.*?)[a-zA-Z]*=" resourceName @", totalSlices=\s*\d+\s*.*?sliceNumber=" sliceNumber: long ".*?(previous)?lockTime=" lockTime ".*?previousLockTime=" previousLockTime: date "\\)"
        | project resourceName, sliceNumber, previousLockTime"#
    ));
    assert_eq!(rows(&t)[0][..2], ["PipelineScheduler", "23"]);
    assert!(!t.row(0)[2].is_null());
    // flags=i: case-insensitive delimiters
    let t = run(r#"print s = "ID=42" | parse kind=regex flags=i s with "id=" x:long"#);
    assert_eq!(rows(&t), s(&[&["ID=42", "42"]]));
    // '*' right after a string column is ambiguous.
    let e = run_err(r#"print s = "a" | parse s with x * "b""#);
    assert!(e.to_string().contains("ambiguous"), "{e}");
}

#[test]
fn parse_where_drops_rows_that_do_not_match() {
    // parse-where-operator: rows that do not parse are filtered out
    let t = run(
        r#"datatable(Text:string)["Status=ok Code=1", "garbage", "Status=bad Code=x", "Status=err Code=3"]
        | parse-where Text with "Status=" Status " Code=" Code:int"#,
    );
    assert_eq!(names(&t), ["Text", "Status", "Code"]);
    assert_eq!(
        rows(&t),
        s(&[
            &["Status=ok Code=1", "ok", "1"],
            &["Status=err Code=3", "err", "3"]
        ])
    );
}

// ---------------------------------------------------------------------------------------
// parse-kv (parse-kv-operator)

#[test]
fn parse_kv_delimited_regex_and_loose() {
    // parse-kv-operator: "Extraction with well-defined delimiters"
    let t = run(
        r#"print str="ThreadId:458745723, Machine:Node001, Text: The service is up, Level: Info"
        | parse-kv str as (Text: string, ThreadId:long, Machine: string) with (pair_delimiter=',', kv_delimiter=':')
        | project-away str"#,
    );
    assert_eq!(names(&t), ["Text", "ThreadId", "Machine"]);
    assert_eq!(
        rows(&t),
        s(&[&["The service is up", "458745723", "Node001"]])
    );
    // "Extraction with value quoting"
    let t = run(
        r#"print str='src=10.1.1.123 dst=10.1.1.124 bytes=125 failure="connection aborted" "event time"=2021-01-01T10:00:54'
        | parse-kv str as (['event time']:datetime, src:string, dst:string, bytes:long, failure:string) with (pair_delimiter=' ', kv_delimiter='=', quote='"')
        | project-away str"#,
    );
    assert_eq!(
        rows(&t)[0][1..],
        ["10.1.1.123", "10.1.1.124", "125", "connection aborted"]
    );
    assert!(!t.row(0)[0].is_null());
    // "Extraction using regex"
    let t = run(r#"print str=@'name=John age=30 city="NYC"'
        | parse-kv str as (name:string, age:long, zip:string) with (regex=@'(\w+)=(\w+)')
        | project-away str"#);
    assert_eq!(rows(&t), s(&[&["John", "30", ""]]));
    // "Extraction without delimiters": any non-alphanumeric character separates
    let t = run(
        r#"print str="2021-01-01T10:00:34.3457 ThreadId:458745723, Machine:Node001, Text: Started"
        | parse-kv str as (ThreadId:long, Machine:string)
        | project-away str"#,
    );
    assert_eq!(rows(&t), s(&[&["458745723", "Node001"]]));
}

// ---------------------------------------------------------------------------------------
// project-reorder, project-keep (project-reorder-operator, project-keep-operator)

#[test]
fn project_reorder_orders() {
    // project-reorder-operator examples
    let t = run("print b = 'b', a2 = 'a2', a3 = 'a3', a1 = 'a1' | project-reorder a* asc");
    assert_eq!(names(&t), ["a1", "a2", "a3", "b"]);
    let t = run("print b = 'b', a2 = 'a2', a3 = 'a3', a1 = 'a1' | project-reorder a* desc");
    assert_eq!(names(&t), ["a3", "a2", "a1", "b"]);
    let t = run("print b = 1, a2 = 2, a3 = 3, a1 = 4 | project-reorder b, a3");
    assert_eq!(names(&t), ["b", "a3", "a2", "a1"]);
    assert_eq!(rows(&t), s(&[&["1", "3", "2", "4"]]));
    let t = run("print a100 = 1, a20 = 2, z = 3 | project-reorder a* granny-asc");
    assert_eq!(names(&t), ["a20", "a100", "z"]);
    let t = run("print a100 = 1, a20 = 2, z = 3 | project-reorder z, a* granny-desc");
    assert_eq!(names(&t), ["z", "a100", "a20"]);
    // Without an order, matches keep their source order.
    let t = run("print b = 1, a2 = 2, c = 3, a1 = 4 | project-reorder a*");
    assert_eq!(names(&t), ["a2", "a1", "b", "c"]);
    let e = run_err("print a = 1 | project-reorder nope");
    assert!(e.to_string().contains("nope"), "{e}");
}

#[test]
fn project_keep_keeps_input_order() {
    // project-keep-operator: output keeps the input column order
    let t = run("print A = 1, B = 2, C = 3, ab = 4 | project-keep C, A*");
    assert_eq!(names(&t), ["A", "C"]);
    let t = run("print A = 1, B = 2, C = 3, ab = 4 | project-keep a*");
    assert_eq!(names(&t), ["ab"]);
}

// ---------------------------------------------------------------------------------------
// serialize and window functions (serialize-operator, window-functions,
// row-number-function, prev-function, next-function, row-cumsum-function)

#[test]
fn serialize_and_row_number() {
    // serialize-operator: `serialize rn = row_number()`
    let t = run("datatable(x:long)[5, 3, 9] | serialize rn = row_number()");
    assert_eq!(rows(&t), s(&[&["5", "1"], &["3", "2"], &["9", "3"]]));
    // row-number-function: after sort
    let t = run("range a from 1 to 5 step 1 | sort by a desc | extend rn = row_number() | take 2");
    assert_eq!(rows(&t), s(&[&["5", "1"], &["4", "2"]]));
    // prev-function / next-function / row-cumsum-function over serialized input
    let t = run("datatable(x:long)[1, 2, 4]
        | serialize
        | extend p = prev(x), n = next(x, 1, -1), c = row_cumsum(x)");
    assert_eq!(
        rows(&t),
        s(&[
            &["1", "null", "2", "1"],
            &["2", "1", "4", "3"],
            &["4", "2", "-1", "7"]
        ])
    );
    // Order survives where/project/extend after sort.
    let t = run("datatable(x:long)[3, 1, 2] | sort by x asc | where x > 1 | project x | extend r = row_number()");
    assert_eq!(rows(&t), s(&[&["2", "1"], &["3", "2"]]));
}

#[test]
fn window_functions_need_serialized_input() {
    // window-functions: only over serialized row sets
    for q in [
        "datatable(x:long)[1] | extend r = row_number()",
        "datatable(x:long)[1] | extend p = prev(x)",
        "datatable(x:long)[1] | sort by x | summarize by x | extend r = row_cumsum(x)",
        "datatable(x:long)[1] | serialize | sample 1 | extend n = next(x)",
    ] {
        let e = run_err(q);
        let text = e.to_string();
        assert!(text.contains("serialized"), "{q}: {text}");
    }
    let e = run_err("datatable(x:long)[1] | extend r = row_number()");
    assert!(e.to_string().contains("'row_number'"), "{e}");
    // range output is serialized
    let t = run("range x from 1 to 3 step 1 | extend r = row_number()");
    assert_eq!(t.num_rows(), 3);
    // and so is getschema's (serialize-operator)
    let t = run("print a = 1, b = 2 | getschema | extend r = row_number()");
    assert_eq!(rows(&t)[1][4], "2");
}

// ---------------------------------------------------------------------------------------
// sample, getschema, render (sample-operator, getschema-operator, render-operator)

#[test]
fn sample_getschema_render() {
    let t = run("range x from 1 to 100 step 1 | sample 7");
    assert_eq!(t.num_rows(), 7);
    let t = run("range x from 1 to 3 step 1 | sample 10");
    assert_eq!(t.num_rows(), 3);
    // getschema-operator
    let t = run("datatable(s:string, i:int, l:long, r:real, d:datetime, t:timespan, b:bool, g:guid, y:dynamic, m:decimal)[] | getschema");
    assert_eq!(
        names(&t),
        ["ColumnName", "ColumnOrdinal", "DataType", "ColumnType"]
    );
    assert_eq!(
        rows(&t).iter().map(|r| r[2].as_str()).collect::<Vec<_>>(),
        [
            "System.String",
            "System.Int32",
            "System.Int64",
            "System.Double",
            "System.DateTime",
            "System.TimeSpan",
            "System.SByte",
            "System.Guid",
            "System.Object",
            "System.Data.SqlTypes.SqlDecimal"
        ]
    );
    assert_eq!(rows(&t)[9][..2], ["m", "9"]);
    // render-operator: rows pass through unchanged
    let t = run("range x from 1 to 3 step 1 | render timechart with (title = 'x', ycolumns = x)");
    assert_eq!(rows(&t), s(&[&["1"], &["2"], &["3"]]));
}

// ---------------------------------------------------------------------------------------
// make-series (make-series-operator)

#[test]
fn make_series_by_key_with_defaults() {
    // make-series-operator: the Purchases example, shortened
    let t = run("let data = datatable(timestamp:datetime, metric: real)[
          datetime(2016-12-31T06:00), 50,
          datetime(2017-01-01), 4,
          datetime(2017-01-02), 3,
          datetime(2017-01-03), 4,
          datetime(2017-01-03 00:30), 1,
          datetime(2017-01-05), 1];
        data
        | make-series avg(metric) default = -1, n = count() on timestamp from datetime(2017-01-01) to datetime(2017-01-05) step 1d");
    assert_eq!(names(&t), ["avg_metric", "n", "timestamp"]);
    assert_eq!(types(&t), [DataType::Dynamic; 3]);
    assert_eq!(
        rows(&t),
        s(&[&[
            "[4.0,3.0,2.5,-1]",
            "[1,1,2,0]",
            r#"["2017-01-01T00:00:00Z","2017-01-02T00:00:00Z","2017-01-03T00:00:00Z","2017-01-04T00:00:00Z"]"#
        ]])
    );
    let t = run(
        "datatable(k:string, x:long, v:long)['a', 1, 10, 'b', 2, 5, 'a', 3, 1]
        | make-series s = sum(v) on x in range(1, 3, 1) by k",
    );
    assert_eq!(names(&t), ["k", "s", "x"]);
    assert_eq!(
        rows(&t),
        s(&[&["a", "[10,0,1]", "[1,2,3]"], &["b", "[0,5,0]", "[1,2,3]"]])
    );
    // kind=nonempty: a default row on empty input
    let t = run("datatable(x:long, v:long)[]
        | make-series kind=nonempty s = sum(v) on x from 0 to 2 step 1");
    assert_eq!(rows(&t), s(&[&["[0,0]", "[0,1]"]]));
    let t = run("datatable(x:long, v:long)[] | make-series s = sum(v) on x from 0 to 2 step 1");
    assert_eq!(t.num_rows(), 0);
}

// ---------------------------------------------------------------------------------------
// evaluate bag_unpack (bag-unpack-plugin)

#[test]
fn bag_unpack_columns_prefix_and_errors() {
    // bag-unpack-plugin: "Expand a bag"
    let t = run(r#"datatable(d:dynamic)
        [dynamic({"Name": "John", "Age":20}),
         dynamic({"Name": "Dave", "Age":40}),
         dynamic({"Name": "Jasmine", "Age":30})]
        | evaluate bag_unpack(d)"#);
    assert_eq!(names(&t), ["Name", "Age"]);
    assert_eq!(types(&t), [DataType::String, DataType::Long]);
    assert_eq!(rows(&t)[2], ["Jasmine", "30"]);
    // "Expand a bag with prefix", and keys whose types differ become dynamic
    let t = run(
        r#"datatable(x:long, d:dynamic)[1, dynamic({"a": 1}), 2, dynamic({"a": "s", "b": true}), 3, dynamic(null)]
        | evaluate bag_unpack(d, 'p_')
        | project-reorder x"#,
    );
    assert_eq!(names(&t), ["x", "p_a", "p_b"]);
    assert_eq!(
        types(&t),
        [DataType::Long, DataType::Dynamic, DataType::Bool]
    );
    assert_eq!(rows(&t)[2], ["3", "null", "null"]);
    // "Expand a bag with columnsConflict"
    let e = run_err(
        r#"datatable(Name:string, d:dynamic)["Old", dynamic({"Name": "New"})] | evaluate bag_unpack(d)"#,
    );
    assert!(e.to_string().contains("Name"), "{e}");
    let t = run(
        r#"datatable(Name:string, d:dynamic)["Old", dynamic({"Name": "New"})] | evaluate bag_unpack(d, columnsConflict='replace_source')"#,
    );
    assert_eq!(rows(&t), s(&[&["New"]]));
    let e = run_err("print d = dynamic({}) | evaluate narrow()");
    assert!(e.to_string().contains("'narrow'"), "{e}");
}

#[test]
fn make_series_range_from_the_data() {
    // make-series-operator: without `from`/`to` the series spans the bins that have data
    let t = run("datatable(x:long, v:long)[3, 1, 7, 2, 4, 5]
        | make-series s = sum(v) on x step 2");
    assert_eq!(rows(&t), s(&[&["[1,5,2]", "[2,4,6]"]]));
    let t = run("datatable(x:long, v:long)[3, 1, 7, 2]
        | make-series s = sum(v) on x from 0 step 2");
    assert_eq!(rows(&t), s(&[&["[0,1,0,2]", "[0,2,4,6]"]]));
    let t = run("datatable(x:long, v:long)[3, 1, 7, 2]
        | make-series s = sum(v) on x to 6 step 2");
    assert_eq!(rows(&t), s(&[&["[1,0]", "[2,4]"]]));
}

// ---------------------------------------------------------------------------------------
// top-nested (top-nested-operator)

#[test]
fn top_nested_levels_and_others() {
    // top-nested-operator: StormEvents-style data, top states by damage, then top sources
    let data = "datatable(State:string, Source:string, Damage:long)[
        'TX', 'a', 10, 'TX', 'b', 5, 'TX', 'c', 1,
        'CA', 'a', 7, 'CA', 'b', 8,
        'NY', 'x', 1]";
    let t = run(&format!(
        "{data} | top-nested 2 of State by sum(Damage), top-nested 1 of Source by Damage = sum(Damage)"
    ));
    assert_eq!(names(&t), ["State", "aggregated_State", "Source", "Damage"]);
    assert_eq!(
        rows(&t),
        s(&[&["TX", "16", "a", "10"], &["CA", "15", "b", "8"]])
    );
    // with others: one more row per parent for the values not kept
    let t = run(&format!(
        "{data} | top-nested 2 of State by sum(Damage), top-nested 1 of Source with others = 'Other' by Damage = sum(Damage)"
    ));
    assert_eq!(
        rows(&t),
        s(&[
            &["TX", "16", "a", "10"],
            &["TX", "16", "Other", "6"],
            &["CA", "15", "b", "8"],
            &["CA", "15", "Other", "7"],
        ])
    );
    let t = run(&format!(
        "{data} | top-nested 1 of State with others = 'rest' by n = count() asc"
    ));
    assert_eq!(rows(&t), s(&[&["NY", "1"], &["rest", "5"]]));
    let e = run_err(&format!(
        "{data} | top-nested 1 of State with others = 'rest' by dcount(Source)"
    ));
    assert!(e.to_string().contains("with others"), "{e}");
}

#[test]
fn parse_runs_once_per_distinct_value_of_a_dictionary_column() {
    // parse-operator over a dictionary-encoded column gives the same rows as over a plain one
    use kql_eval::table::{StringArray, StringColumn};
    use kql_eval::{Column, Field};
    use std::sync::Arc;
    let values: StringArray = ["id=1 ok", "id=2 bad", "junk"].into_iter().collect();
    let codes = vec![0u32, 1, 2, 0, 1, 0];
    let column = Column::String(StringColumn::Dict {
        codes,
        values: Arc::new(values),
    });
    let table = Table::new(
        vec![Field::new("Msg", DataType::String)],
        vec![Arc::new(column)],
    )
    .unwrap();
    let mut e = engine();
    e.add_table("Logs", table);
    let t = e
        .run("Logs | parse-where Msg with \"id=\" Id:long \" \" Status")
        .unwrap()
        .remove(0);
    assert_eq!(
        rows(&t),
        s(&[
            &["id=1 ok", "1", "ok"],
            &["id=2 bad", "2", "bad"],
            &["id=1 ok", "1", "ok"],
            &["id=2 bad", "2", "bad"],
            &["id=1 ok", "1", "ok"],
        ])
    );
}

#[test]
fn bag_unpack_named_arguments() {
    // bag-unpack-plugin: named parameters (OutputColumnPrefix, columnsConflict,
    // ignoredProperties)
    let t = run(
        r#"datatable(Name:string, d:dynamic)["Old", dynamic({"Name": "New", "Age": 3, "x": 1})]
        | evaluate bag_unpack(d, columnsConflict = 'keep_source', ignoredProperties = dynamic(['x']))"#,
    );
    assert_eq!(names(&t), ["Name", "Age"]);
    assert_eq!(rows(&t), s(&[&["Old", "3"]]));
    let t =
        run(r#"print d = dynamic({"a": 1}) | evaluate bag_unpack(d, OutputColumnPrefix = 'p_')"#);
    assert_eq!(names(&t), ["p_a"]);
    let e = run_err("print d = dynamic({}) | evaluate bag_unpack(d, nope = 1)");
    assert!(e.to_string().contains("nope"), "{e}");
}

// ---------------------------------------------------------------------------------------
// top-hitters, sample-distinct, `evaluate ... : (*, ...)` output schemas, `mv-expand ... to
// typeof(T)` casting (column names and types checked against the official analyzer).

const EVENTS: &str = r#"let Events = datatable(EventType:string, State:string, Damage:long)[
    "Hail", "TEXAS", 10,
    "Flood", "IOWA", 500,
    "Hail", "IOWA", 20,
    "Wind", "TEXAS", 5,
    "Hail", "KANSAS", 1,
    "Flood", "TEXAS", 7,
    "Wind", "IOWA", 3,
];
"#;

// ---------------------------------------------------------------------------------------
// top-hitters (top-hitters-operator)

#[test]
fn top_hitters_counts_values() {
    // "Get most frequent items": `top-hitters 5 of EventType`, counted exactly.
    let t = run(&format!("{EVENTS}Events | top-hitters 2 of EventType"));
    assert_eq!(names(&t), ["EventType", "approximate_count_EventType"]);
    assert_eq!(types(&t), [DataType::String, DataType::Long]);
    assert_eq!(rows(&t), s(&[&["Hail", "3"], &["Flood", "2"]]));
    // Ties keep first-appearance order; N beyond the distinct values gives them all.
    let t = run(&format!("{EVENTS}Events | top-hitters 10 of EventType"));
    assert_eq!(
        rows(&t),
        s(&[&["Hail", "3"], &["Flood", "2"], &["Wind", "2"]])
    );
    // A negative N gives no rows.
    let t = run(&format!("{EVENTS}Events | top-hitters -1 of EventType"));
    assert_eq!(t.num_rows(), 0);
}

#[test]
fn top_hitters_by_sum() {
    // The second syntax is `summarize S = sum(Summing) by V | top N by S desc`.
    let t = run(&format!(
        "{EVENTS}Events | top-hitters 2 of State by Damage"
    ));
    assert_eq!(names(&t), ["State", "approximate_sum_Damage"]);
    assert_eq!(types(&t), [DataType::String, DataType::Long]);
    assert_eq!(rows(&t), s(&[&["IOWA", "523"], &["TEXAS", "22"]]));
    // The result has the summed expression's type and name (analyzer: `toreal(x)` is
    // named `x`, `Name = e` is `Name`, other expressions have an empty name).
    let t = run(&format!(
        "{EVENTS}Events | top-hitters 1 of State by toreal(Damage)"
    ));
    assert_eq!(names(&t), ["State", "approximate_sum_Damage"]);
    assert_eq!(types(&t), [DataType::String, DataType::Real]);
    assert_eq!(rows(&t), s(&[&["IOWA", "523"]]));
    let t = run(&format!(
        "{EVENTS}Events | top-hitters 1 of State by d = toint(Damage)"
    ));
    assert_eq!(names(&t), ["State", "approximate_sum_d"]);
    assert_eq!(types(&t), [DataType::String, DataType::Int]);
    let t = run(&format!(
        "{EVENTS}Events | top-hitters 1 of State by Damage * 2"
    ));
    assert_eq!(names(&t), ["State", "approximate_sum_"]);
    assert_eq!(rows(&t), s(&[&["IOWA", "1046"]]));
}

#[test]
fn top_hitters_errors() {
    // The analyzer wants a column after `of` ("Column name expected.").
    let e = run_err(&format!("{EVENTS}Events | top-hitters 2 of strlen(State)"));
    assert!(e.to_string().contains("column name"), "{e}");
    let e = run_err(&format!("{EVENTS}Events | top-hitters 2 of s = State"));
    assert!(e.to_string().contains("column name"), "{e}");
    // ... a number to sum ("The expression value must be a number."),
    let e = run_err(&format!(
        "{EVENTS}Events | top-hitters 2 of State by EventType"
    ));
    assert!(e.to_string().contains("number"), "{e}");
    // ... and an integer count ("The expression value must be an integer.").
    let e = run_err(&format!("{EVENTS}Events | top-hitters 2.5 of State"));
    assert!(e.to_string().contains("long"), "{e}");
    let e = run_err(&format!("{EVENTS}Events | top-hitters 2 of Nope"));
    assert!(e.to_string().contains("Nope"), "{e}");
}

// ---------------------------------------------------------------------------------------
// sample-distinct (sample-distinct-operator)

#[test]
fn sample_distinct_returns_the_first_distinct_values() {
    // "Get 10 distinct values from a population": one column, at most N distinct values;
    // here the first N in input order.
    let t = run(&format!("{EVENTS}Events | sample-distinct 2 of State"));
    assert_eq!(names(&t), ["State"]);
    assert_eq!(types(&t), [DataType::String]);
    assert_eq!(rows(&t), s(&[&["TEXAS"], &["IOWA"]]));
    let t = run(&format!("{EVENTS}Events | sample-distinct 10 of State"));
    assert_eq!(rows(&t), s(&[&["TEXAS"], &["IOWA"], &["KANSAS"]]));
    // "Sample a population and do further computation".
    let t = run(&format!(
        "{EVENTS}let sample = Events | sample-distinct 1 of State;
        Events | where State in (sample) | summarize total = sum(Damage) by State"
    ));
    assert_eq!(rows(&t), s(&[&["TEXAS", "22"]]));
    let t = run("range x from 1 to 5 step 1 | sample-distinct 0 of x");
    assert_eq!(t.num_rows(), 0);
}

#[test]
fn sample_distinct_errors() {
    let e = run_err("range x from 1 to 5 step 1 | sample-distinct 2 of x % 2");
    assert!(e.to_string().contains("column name"), "{e}");
    // The analyzer: "The value of type 'dynamic' is not allowed in this context."
    let e = run_err("print d = dynamic([1]) | sample-distinct 2 of d");
    assert!(e.to_string().contains("dynamic"), "{e}");
    let e = run_err("range x from 1 to 5 step 1 | sample-distinct 'a' of x");
    assert!(e.to_string().contains("long"), "{e}");
}

// ---------------------------------------------------------------------------------------
// evaluate ... : (*, ...) (bag-unpack-plugin, "Output schema syntax")

#[test]
fn output_schema_wildcard_keeps_the_source_columns() {
    // "Expand a bag with an OutputSchema and use the wildcard * option": the source column
    // Description, then Name and Age; the unlisted slot `height` is not returned.
    let t = run(r#"datatable(d:dynamic, Description: string)[
        dynamic({"Name": "John", "Age":20, "height":180}), "Student",
        dynamic({"Name": "Dave", "Age":40, "height":160}), "Teacher",
        dynamic({"Name": "Jasmine", "Age":30, "height":172}), "Student",
    ]
    | evaluate bag_unpack(d) : (*, Name:string, Age:long)"#);
    assert_eq!(names(&t), ["Description", "Name", "Age"]);
    assert_eq!(
        types(&t),
        [DataType::String, DataType::String, DataType::Long]
    );
    assert_eq!(
        rows(&t),
        s(&[
            &["Student", "John", "20"],
            &["Teacher", "Dave", "40"],
            &["Student", "Jasmine", "30"],
        ])
    );
    // `(*)` alone keeps the source columns only; a declared source column is converted in
    // place; a declared column the result lacks is null (the analyzer's result schemas).
    let q = r#"datatable(d:dynamic, n:long)[dynamic({"a": 1}), 7]"#;
    let t = run(&format!("{q} | evaluate bag_unpack(d) : (*)"));
    assert_eq!(names(&t), ["n"]);
    let t = run(&format!(
        "{q} | evaluate bag_unpack(d) : (*, n:string, zz:real, a:long)"
    ));
    assert_eq!(names(&t), ["n", "zz", "a"]);
    assert_eq!(
        types(&t),
        [DataType::String, DataType::Real, DataType::Long]
    );
    assert_eq!(rows(&t), s(&[&["7", "null", "1"]]));
    // pivot keeps its key columns (q/pivot-plugin.md).
    let t = run(
        r#"datatable(k:string, p:string, v:long)["a", "x", 1, "a", "y", 2]
        | evaluate pivot(p, sum(v)) : (*, y:long)"#,
    );
    assert_eq!(names(&t), ["k", "y"]);
    assert_eq!(rows(&t), s(&[&["a", "2"]]));
    let e = run_err(&format!(
        "{q} | evaluate bag_unpack(d) : (*, n:long, n:real)"
    ));
    assert!(e.to_string().contains("twice"), "{e}");
}

// ---------------------------------------------------------------------------------------
// mv-expand ... to typeof(T) (mv-expand-operator)

#[test]
fn mv_expand_to_typeof_casts_without_parsing() {
    // Typename: "The operation of applying type is cast-only and doesn't include parsing or
    // type-conversion. Array elements that don't conform with the declared type become
    // null values." (A null string is the empty string.) Before this rule was followed,
    // "2" expanded to the long 2, 2.5 to 2 and true to 1.
    let t = run(r#"print d = dynamic([1, "2", 2.5, true, "x", 3000000000])
        | mv-expand v = d to typeof(long), w = d to typeof(int), r = d to typeof(real),
            s = d to typeof(string), b = d to typeof(bool)
        | project v, w, r, s, b"#);
    assert_eq!(
        types(&t),
        [
            DataType::Long,
            DataType::Int,
            DataType::Real,
            DataType::String,
            DataType::Bool
        ]
    );
    assert_eq!(
        rows(&t),
        s(&[
            &["1", "1", "1", "", "null"],
            &["null", "null", "null", "2", "null"],
            &["null", "null", "2.5", "", "null"],
            &["null", "null", "null", "", "true"],
            &["null", "null", "null", "x", "null"],
            &["3000000000", "null", "3000000000", "", "null"],
        ])
    );
    // Datetimes stay datetimes; a datetime-looking string is not parsed.
    let t = run(r#"print d = pack_array(datetime(2020-01-01), "2020-01-01")
        | mv-expand d to typeof(datetime)"#);
    assert_eq!(types(&t), [DataType::DateTime]);
    assert_eq!(rows(&t)[1], ["null"]);
    assert_ne!(rows(&t)[0], ["null"]);
}
