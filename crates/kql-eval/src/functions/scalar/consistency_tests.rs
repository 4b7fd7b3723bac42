//! Every function gives the same answer for a row whether its arguments arrive as
//! scalars, as columns, or mixed (column first argument, scalar others), and the result
//! type matches the declared return type.

use super::testutil::{lookup, NOW};
use crate::dynamic::Dynamic;
use crate::expr::ColumnarValue;
use crate::functions::EvalContext;
use crate::table::Column;
use crate::value::Value;

fn s(x: &str) -> Value {
    Value::String(x.into())
}
fn l(x: i64) -> Value {
    Value::Long(Some(x))
}
fn r(x: f64) -> Value {
    Value::Real(Some(x))
}
fn b(x: bool) -> Value {
    Value::Bool(Some(x))
}
fn dt(x: i64) -> Value {
    Value::DateTime(Some(x))
}
fn ts(x: i64) -> Value {
    Value::TimeSpan(Some(x))
}
fn d(j: &str) -> Value {
    Value::Dynamic(Dynamic::parse_json(j).unwrap())
}
const LN: Value = Value::Long(None);
const RN: Value = Value::Real(None);
const BN: Value = Value::Bool(None);
const DTN: Value = Value::DateTime(None);

/// A comparable text of a value (NaN equals NaN).
fn key(v: &Value) -> String {
    format!("{v:?}")
}

fn check(name: &str, rows: &[Vec<Value>]) {
    check_const(name, rows, &[]);
}

/// Like [`check`], with the arguments at `consts` always passed as scalars (arguments the
/// binder only accepts as constants, such as `typeof(T)`).
fn check_const(name: &str, rows: &[Vec<Value>], consts: &[usize]) {
    let f = lookup(name);
    let n = rows.len();
    let width = rows[0].len();
    let types: Vec<_> = rows[0].iter().map(Value::data_type).collect();
    let columns: Vec<ColumnarValue> = (0..width)
        .map(|k| {
            if consts.contains(&k) {
                ColumnarValue::Scalar(rows[0][k].clone())
            } else {
                Column::from_values(types[k], rows.iter().map(|row| &row[k])).into()
            }
        })
        .collect();
    let ctx = |rows| EvalContext { now: NOW, rows };
    let all_cols = match (f.eval)(&columns, &ctx(n)).unwrap() {
        ColumnarValue::Column(c) => c,
        ColumnarValue::Scalar(v) => panic!("{name}: column args gave scalar {v:?}"),
    };
    assert_eq!(all_cols.len(), n, "{name}: column length");
    for (i, row) in rows.iter().enumerate() {
        let scalars: Vec<ColumnarValue> = row.iter().cloned().map(ColumnarValue::Scalar).collect();
        let one = match (f.eval)(&scalars, &ctx(1)).unwrap() {
            ColumnarValue::Scalar(v) => v,
            ColumnarValue::Column(c) => panic!("{name}: scalar args gave column {c:?}"),
        };
        let constants: Vec<Option<Value>> = row.iter().cloned().map(Some).collect();
        let declared = f.returns.resolve(&types, &constants);
        assert_eq!(one.data_type(), declared, "{name}{row:?}: declared type");
        assert_eq!(all_cols.data_type(), declared, "{name}: column type");
        assert_eq!(
            key(&all_cols.get(i)),
            key(&one),
            "{name}{row:?}: column vs scalar"
        );
        let mut mixed = scalars.clone();
        mixed[0] = columns[0].clone();
        let m = (f.eval)(&mixed, &ctx(n)).unwrap().into_column(n);
        assert_eq!(key(&m.get(i)), key(&one), "{name}{row:?}: mixed vs scalar");
    }
}

#[test]
fn string_functions() {
    check("strlen", &[vec![s("abc")], vec![s("")], vec![s("⒦⒰")]]);
    check("tolower", &[vec![s("AbC")], vec![s("")]]);
    check("toupper", &[vec![s("AbC")], vec![s("x")]]);
    check("reverse", &[vec![s("abc")], vec![s("")]]);
    check("string_size", &[vec![s("⒦")], vec![s("ab")]]);
    check(
        "substring",
        &[
            vec![s("hello"), l(1), l(3)],
            vec![s("hi"), LN, l(1)],
            vec![s("abc"), l(-1), LN],
        ],
    );
    check(
        "split",
        &[
            vec![s("a,b"), s(","), l(1)],
            vec![s(""), s(","), LN],
            vec![s("x"), s(""), l(0)],
        ],
    );
    check(
        "replace_string",
        &[vec![s("aXbX"), s("X"), s("-")], vec![s("q"), s(""), s("z")]],
    );
    check(
        "strcat",
        &[vec![s("a"), l(1), BN], vec![s(""), LN, b(true)]],
    );
    check(
        "strcat_delim",
        &[vec![s("-"), s("a"), l(1)], vec![s(","), s(""), LN]],
    );
    check(
        "indexof",
        &[
            vec![s("abcabc"), s("c"), l(0), l(-1), l(2)],
            vec![s("x"), s("y"), l(0), l(-1), l(1)],
            vec![s("ab"), s("b"), LN, l(1), l(1)],
        ],
    );
    check(
        "strrep",
        &[vec![s("ab"), l(2), s("+")], vec![s("c"), LN, s("")]],
    );
    check("url_encode", &[vec![s("a b/c")], vec![s("")]]);
    check("url_decode", &[vec![s("a+b%2f")], vec![s("%zz")]]);
    check("base64_encode_tostring", &[vec![s("Kusto")], vec![s("")]]);
    check(
        "base64_decode_tostring",
        &[vec![s("S3VzdG8=")], vec![s("@@")]],
    );
    check(
        "tohex",
        &[vec![l(255), l(4)], vec![LN, l(1)], vec![l(-1), LN]],
    );
    check("countof", &[vec![s("aaa"), s("aa")], vec![s(""), s("a")]]);
    check_const(
        "countof",
        &[
            vec![s("aaa"), s("a+"), s("regex")],
            vec![s("bab"), s("a"), s("regex")],
        ],
        &[2],
    );
}

#[test]
fn regex_functions() {
    check("trim", &[vec![s("x"), s("xaxx")], vec![s(r"\d"), s("1a2")]]);
    check(
        "trim_start",
        &[vec![s("x"), s("xaxx")], vec![s("y"), s("")]],
    );
    check(
        "trim_end",
        &[vec![s("x"), s("xaxx")], vec![s("a"), s("ba")]],
    );
    check(
        "extract",
        &[
            vec![s(r"(\d+)"), l(1), s("a12")],
            vec![s("z"), l(0), s("a")],
            vec![s("(a)"), LN, s("a")],
        ],
    );
    check_const(
        "extract",
        &[
            vec![s(r"(\d+)"), l(1), s("a12"), s("long")],
            vec![s(r"(\d+)"), l(1), s("x"), s("long")],
        ],
        &[3],
    );
    check(
        "extract_all",
        &[vec![s(r"(\d)"), s("a1b2")], vec![s(r"(\d)"), s("none")]],
    );
    check(
        "extract_all",
        &[
            vec![s(r"(\d)(\w)"), d("[2]"), s("1a2b")],
            vec![s(r"(\d)(\w)"), d("[1]"), s("")],
        ],
    );
    check(
        "replace_regex",
        &[
            vec![s("a1"), s(r"(\d)"), s(r"<\1>")],
            vec![s(""), s("x"), s("y")],
        ],
    );
}

#[test]
fn conversion_functions() {
    check("tostring", &[vec![l(1)], vec![LN]]);
    check(
        "tostring",
        &[vec![d("[1]")], vec![d("\"s\"")], vec![d("null")]],
    );
    check("tolong", &[vec![s("12")], vec![s("x")], vec![s("1.9")]]);
    check("toint", &[vec![r(2.7)], vec![RN], vec![r(1e20)]]);
    check("toreal", &[vec![s("1e3")], vec![s("")]]);
    check("tobool", &[vec![s("true")], vec![s("0")], vec![s("maybe")]]);
    check("todatetime", &[vec![s("2020-01-01")], vec![s("bad")]]);
    check("totimespan", &[vec![s("01:00:00")], vec![s("bad")]]);
    check(
        "parse_json",
        &[vec![s("[1]")], vec![s("{bad")], vec![s("")]],
    );
    check("todecimal", &[vec![s("1.25")], vec![s("x")]]);
    check(
        "toguid",
        &[
            vec![s("74be27de-1e4e-49d9-b579-fe0b331d3642")],
            vec![s("x")],
        ],
    );
}

#[test]
fn conditional_functions() {
    check(
        "iff",
        &[
            vec![b(true), l(1), r(2.5)],
            vec![BN, l(1), r(2.5)],
            vec![b(false), LN, RN],
        ],
    );
    check(
        "iff",
        &[
            vec![b(true), s("a"), s("b")],
            vec![b(false), s("a"), s("b")],
        ],
    );
    check(
        "case",
        &[
            vec![b(false), l(1), b(true), l(2), l(3)],
            vec![BN, l(1), BN, l(2), LN],
        ],
    );
    check(
        "coalesce",
        &[vec![LN, l(2), l(3)], vec![LN, LN, LN], vec![l(1), LN, l(3)]],
    );
    check("coalesce", &[vec![s(""), s("b")], vec![s("a"), s("")]]);
    check("isnull", &[vec![LN], vec![l(1)]]);
    check("isnotnull", &[vec![d("null")], vec![d("[]")]]);
    check("isempty", &[vec![s("")], vec![s("a")]]);
    check("isnotempty", &[vec![RN], vec![r(0.0)]]);
    check("not", &[vec![b(true)], vec![BN]]);
    check("max_of", &[vec![l(1), LN, l(3)], vec![LN, LN, LN]]);
    check("min_of", &[vec![r(1.5), l(2)], vec![RN, l(7)]]);
}

#[test]
fn math_functions() {
    check(
        "bin",
        &[vec![l(7), l(5)], vec![LN, l(5)], vec![l(7), l(-1)]],
    );
    check("bin", &[vec![r(7.5), r(2.5)], vec![r(-1.0), r(2.0)]]);
    check(
        "bin",
        &[
            vec![dt(864_000_000_000 + 5), ts(36_000_000_000)],
            vec![DTN, ts(1)],
        ],
    );
    check(
        "bin_at",
        &[vec![r(6.5), r(2.5), r(7.0)], vec![RN, r(1.0), r(0.0)]],
    );
    check("abs", &[vec![l(-3)], vec![LN]]);
    check("ceiling", &[vec![r(1.2)], vec![RN]]);
    check(
        "round",
        &[vec![r(2.15), l(1)], vec![r(-2.5), LN], vec![RN, l(0)]],
    );
    check("round", &[vec![l(1250), l(-2)], vec![LN, l(0)]]);
    check("sqrt", &[vec![r(9.0)], vec![r(-1.0)], vec![RN]]);
    check("log10", &[vec![r(100.0)], vec![RN]]);
    check("pow", &[vec![r(2.0), r(3.0)], vec![RN, r(1.0)]]);
    check("isnan", &[vec![r(f64::NAN)], vec![r(1.0)], vec![RN]]);
    check("sign", &[vec![r(-2.0)], vec![r(0.0)]]);
    check("hash", &[vec![s("World"), l(100)], vec![s(""), l(7)]]);
    check("hash", &[vec![l(1)], vec![LN]]);
}

#[test]
fn datetime_functions() {
    let t = 638_000_000_000_000_000;
    check("ago", &[vec![ts(10)], vec![Value::TimeSpan(None)]]);
    check("now", &[vec![ts(10)], vec![Value::TimeSpan(None)]]);
    for f in [
        "startofday",
        "startofweek",
        "startofmonth",
        "startofyear",
        "endofday",
        "endofweek",
        "endofmonth",
        "endofyear",
    ] {
        check(
            f,
            &[
                vec![dt(t), l(1)],
                vec![DTN, l(0)],
                vec![dt(t), LN],
                vec![dt(t), l(-2)],
            ],
        );
    }
    for f in [
        "dayofweek",
        "dayofmonth",
        "dayofyear",
        "hourofday",
        "getyear",
        "getmonth",
        "week_of_year",
    ] {
        check(f, &[vec![dt(t)], vec![DTN]]);
    }
    check(
        "datetime_add",
        &[vec![s("month"), l(1), dt(t)], vec![s("day"), LN, dt(t)]],
    );
    check(
        "datetime_diff",
        &[vec![s("week"), dt(t), dt(0)], vec![s("hour"), DTN, dt(t)]],
    );
    check(
        "datetime_part",
        &[vec![s("year"), dt(t)], vec![s("minute"), DTN]],
    );
    check(
        "format_datetime",
        &[vec![dt(t), s("yyyy-MM-dd")], vec![DTN, s("yyyy")]],
    );
    check(
        "format_timespan",
        &[
            vec![ts(36_000_000_000), s("hh:mm")],
            vec![Value::TimeSpan(None), s("hh")],
        ],
    );
    check(
        "make_datetime",
        &[
            vec![l(2020), l(2), l(29)],
            vec![l(2021), l(2), l(29)],
            vec![LN, l(1), l(1)],
        ],
    );
    check("make_timespan", &[vec![r(1.0), r(30.0)], vec![RN, r(1.0)]]);
    check(
        "unixtime_seconds_todatetime",
        &[vec![l(0)], vec![LN], vec![l(-1)]],
    );
    check(
        "unixtime_milliseconds_todatetime",
        &[vec![r(1.5)], vec![RN]],
    );
}

#[test]
fn dynamic_functions() {
    check("array_length", &[vec![d("[1,2]")], vec![d("{}")]]);
    check(
        "array_concat",
        &[vec![d("[1]"), d("[2]")], vec![d("[1]"), d("3")]],
    );
    check(
        "array_slice",
        &[vec![d("[1,2,3]"), l(1), l(-1)], vec![d("[1]"), LN, l(0)]],
    );
    check(
        "array_index_of",
        &[vec![d("[1,2]"), l(2)], vec![d("5"), l(2)]],
    );
    check("array_sort_asc", &[vec![d("[2,1]")], vec![d("null")]]);
    check("array_sum", &[vec![d("[2,1]")], vec![d("null")]]);
    check("pack_array", &[vec![l(1), s("a")], vec![LN, s("")]]);
    check("bag_pack", &[vec![s("a"), l(1)], vec![s("b"), LN]]);
    check("bag_keys", &[vec![d("{\"a\":1}")], vec![d("[]")]]);
    check(
        "bag_has_key",
        &[vec![d("{\"a\":1}"), s("a")], vec![d("[]"), s("a")]],
    );
    check(
        "bag_merge",
        &[
            vec![d("{\"a\":1}"), d("{\"b\":2}")],
            vec![d("null"), d("{\"b\":2}")],
        ],
    );
    check(
        "set_union",
        &[vec![d("[1]"), d("[1,2]")], vec![d("[1]"), d("null")]],
    );
    check(
        "set_intersect",
        &[vec![d("[1,2]"), d("[2]")], vec![d("[]"), d("[2]")]],
    );
    check(
        "set_difference",
        &[vec![d("[1,2]"), d("[2]")], vec![d("[]"), d("[2]")]],
    );
    check(
        "set_has_element",
        &[vec![d("[1,2]"), l(2)], vec![d("5"), l(1)]],
    );
    check("gettype", &[vec![d("1")], vec![d("[]")]]);
    check(
        "zip",
        &[vec![d("[1]"), d("[2,3]")], vec![d("null"), d("[1]")]],
    );
    check("repeat", &[vec![s("a"), l(2)], vec![s("b"), LN]]);
    check("range", &[vec![l(1), l(3), l(1)], vec![l(1), LN, l(1)]]);
}

#[test]
fn network_functions() {
    check("parse_url", &[vec![s("http://a.b/c?d=e#f")], vec![s("x")]]);
    check("parse_path", &[vec![s(r"C:\a\b.txt")], vec![s("")]]);
    check("parse_ipv4", &[vec![s("1.2.3.4")], vec![s("x")]]);
    check(
        "ipv4_is_private",
        &[vec![s("10.0.0.1")], vec![s("1.1.1.1")], vec![s("")]],
    );
    check(
        "ipv4_is_in_range",
        &[
            vec![s("10.0.0.1"), s("10.0.0.0/8")],
            vec![s("x"), s("10.0.0.0/8")],
        ],
    );
    check(
        "ipv4_compare",
        &[
            vec![s("1.1.1.1"), s("1.1.1.2")],
            vec![s("1.1.1.1"), s("bad")],
        ],
    );
    check(
        "ipv4_is_match",
        &[
            vec![s("1.1.1.1"), s("1.1.1.2"), l(24)],
            vec![s("1.1.1.1"), s("1.1.1.2"), LN],
        ],
    );
}

#[test]
fn ip_functions() {
    let pair = [
        vec![s("::1"), s("::2"), l(127)],
        vec![s("10.0.0.1"), s("::ffff:a00:1"), LN],
        vec![s("x"), s("::1"), l(128)],
    ];
    check("ipv6_compare", &pair);
    check("ipv6_is_match", &pair);
    check("parse_ipv6", &[vec![s("1.2.3.4/24")], vec![s("x")]]);
    check(
        "parse_ipv6_mask",
        &[vec![s("fe80::1"), l(64)], vec![s("::1"), LN]],
    );
    let range = [
        vec![s("::1"), s("::/64")],
        vec![s("2001:db8::1"), s("::/64")],
        vec![s("::1"), s("bad")],
    ];
    check("ipv6_is_in_range", &range);
    check("ipv6_is_in_any_range", &range);
    check(
        "ipv4_is_in_any_range",
        &[
            vec![s("10.1.1.1"), d(r#"["10.0.0.0/8"]"#)],
            vec![s("11.1.1.1"), d(r#"["10.0.0.0/8"]"#)],
        ],
    );
    check(
        "format_ipv4",
        &[vec![s("1.2.3.4"), l(24)], vec![l(16909060), LN]],
    );
    check("format_ipv4_mask", &[vec![s("1.2.3.4/8"), l(24)]]);
    check("ipv4_netmask_suffix", &[vec![s("1.2.3.4/8")], vec![s("")]]);
    check(
        "ipv4_range_to_cidr_list",
        &[
            vec![s("1.1.1.0"), s("1.1.1.9")],
            vec![s("1.1.1.9"), s("1.1.1.0")],
        ],
    );
    let text = [
        vec![s("from 10.1.2.3."), s("10.1.")],
        vec![s("from 10.1.2.3"), s("10.1.2.3")],
        vec![s("x"), s("10.1.")],
    ];
    check("has_ipv4_prefix", &text);
    check("has_any_ipv4_prefix", &text);
    check("has_ipv4", &text);
    check("has_any_ipv4", &text);
    let sketch = r#"{"kind":"exact_hll","accuracy":1,"values":["i:1"]}"#;
    check("dcount_hll", &[vec![d(sketch)], vec![d("null")]]);
    check(
        "hll_merge",
        &[vec![d(sketch), d(sketch)], vec![d("null"), d(sketch)]],
    );
}

#[test]
fn dynamic_numbers() {
    check("abs", &[vec![d("-1.5")], vec![d("null")]]);
    check("round", &[vec![d("2.15"), l(1)], vec![d("\"x\""), l(0)]]);
    check("ceiling", &[vec![d("1.2")], vec![d("null")]]);
}

#[test]
fn more_functions() {
    check(
        "extract_json",
        &[vec![s("$.a"), s(r#"{"a":1}"#)], vec![s("$.b"), s("x")]],
    );
    check_const(
        "extract_json",
        &[
            vec![s("$.a"), s(r#"{"a":1}"#), s("long")],
            vec![s("$.a"), s("{}"), s("long")],
        ],
        &[2],
    );
    check("strcmp", &[vec![s("a"), s("b")], vec![s(""), s("")]]);
    check(
        "translate",
        &[vec![s("ab"), s("x"), s("abc")], vec![s(""), s(""), s("q")]],
    );
    check("make_string", &[vec![l(65), l(66)], vec![LN, l(66)]]);
    check(
        "strcat_array",
        &[vec![d("[1,2]"), s("-")], vec![d("null"), s("-")]],
    );
    check("binary_and", &[vec![l(6), l(3)], vec![LN, l(1)]]);
    check("binary_shift_left", &[vec![l(1), l(3)], vec![l(1), l(-1)]]);
    check("hash_sha256", &[vec![s("World")], vec![s("")]]);
    check("hash_md5", &[vec![dt(0)], vec![DTN]]);
    check("atan2", &[vec![r(1.0), r(1.0)], vec![RN, r(1.0)]]);
}
