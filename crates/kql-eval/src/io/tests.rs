use super::*;
use crate::dynamic::Dynamic;
use crate::format::{format_datetime, parse_guid, TICKS_PER_SECOND};
use crate::table::Field;
use crate::types::DataType;
use crate::value::Value;

fn load(text: &str, format: DataFormat, schema: Option<Schema>) -> Result<Table, LoadError> {
    let opts = LoadOptions {
        schema,
        format: None,
        columns: None,
    };
    load_table_from_str(text, format, &opts, "t")
}

fn types(t: &Table) -> Vec<(String, DataType)> {
    t.fields()
        .iter()
        .map(|f| (f.name.clone(), f.data_type))
        .collect()
}

fn col(t: &Table, name: &str) -> Vec<Value> {
    let c = t.column(name).unwrap();
    (0..c.len()).map(|i| c.get(i)).collect()
}

fn s(v: &str) -> Value {
    Value::String(v.to_string())
}

fn f(name: &str, ty: DataType) -> Field {
    Field::new(name, ty)
}

#[test]
fn format_from_path() {
    use std::path::Path;
    assert_eq!(
        DataFormat::from_path(Path::new("a.ndjson")),
        Some(DataFormat::Ndjson)
    );
    assert_eq!(
        DataFormat::from_path(Path::new("a.JSONL")),
        Some(DataFormat::Ndjson)
    );
    assert_eq!(
        DataFormat::from_path(Path::new("a.json")),
        Some(DataFormat::JsonArray)
    );
    assert_eq!(
        DataFormat::from_path(Path::new("a.csv")),
        Some(DataFormat::Csv)
    );
    assert_eq!(DataFormat::from_path(Path::new("a.txt")), None);
    assert_eq!(DataFormat::from_path(Path::new("csv")), None);
}

// ---------------------------------------------------------------- NDJSON, inferred

#[test]
fn ndjson_inferred_types_and_order() {
    let text = r#"{"b": 1, "s": "x", "t": "2026-11-20T10:00:00Z", "f": true}
{"b": 2, "s": "y", "r": 1.5, "d": {"k": [1, 2]}, "f": false}

{"s": "x", "r": 2, "t": "2026-11-20 10:00:00.123", "m": 1, "n": null}
{"m": "one", "b": null}
"#;
    let t = load(text, DataFormat::Ndjson, None).unwrap();
    assert_eq!(
        types(&t),
        vec![
            ("b".into(), DataType::Long),
            ("s".into(), DataType::String),
            ("t".into(), DataType::DateTime),
            ("f".into(), DataType::Bool),
            ("r".into(), DataType::Real),
            ("d".into(), DataType::Dynamic),
            ("m".into(), DataType::Dynamic),
            ("n".into(), DataType::Dynamic),
        ]
    );
    assert_eq!(t.num_rows(), 4);
    assert_eq!(
        col(&t, "b"),
        vec![
            Value::Long(Some(1)),
            Value::Long(Some(2)),
            Value::Long(None),
            Value::Long(None)
        ]
    );
    assert_eq!(col(&t, "s"), vec![s("x"), s("y"), s("x"), s("")]);
    assert_eq!(
        col(&t, "r"),
        vec![
            Value::Real(None),
            Value::Real(Some(1.5)),
            Value::Real(Some(2.0)),
            Value::Real(None)
        ]
    );
    let times: Vec<String> = col(&t, "t").iter().map(|v| v.to_kql_string()).collect();
    assert_eq!(
        times,
        ["2026-11-20T10:00:00Z", "", "2026-11-20T10:00:00.123Z", ""]
    );
    assert_eq!(
        col(&t, "m"),
        vec![
            Value::Dynamic(Dynamic::Null),
            Value::Dynamic(Dynamic::Null),
            Value::Dynamic(Dynamic::Long(1)),
            Value::Dynamic(Dynamic::String("one".into())),
        ]
    );
    assert_eq!(
        col(&t, "d")[1],
        Value::Dynamic(Dynamic::parse_json(r#"{"k":[1,2]}"#).unwrap())
    );
}

#[test]
fn ndjson_exactness() {
    let text = concat!(
        r#"{"l": 9007199254740993, "m": -9223372036854775808, "r": 0.1, "e": 1e300, "u": "héllo ✓ \u00e9\n😀", "t": "2026-11-20T10:00:00.1234567Z"}"#,
        "\n",
        r#"{"l": 9223372036854775807, "m": 0, "r": 5e-324, "e": -1.7976931348623157e308, "u": "", "t": "0001-01-01T00:00:00Z"}"#,
    );
    let t = load(text, DataFormat::Ndjson, None).unwrap();
    assert_eq!(
        col(&t, "l"),
        vec![
            Value::Long(Some(9_007_199_254_740_993)),
            Value::Long(Some(i64::MAX))
        ]
    );
    assert_eq!(
        col(&t, "m"),
        vec![Value::Long(Some(i64::MIN)), Value::Long(Some(0))]
    );
    assert_eq!(
        col(&t, "r"),
        vec![Value::Real(Some(0.1)), Value::Real(Some(5e-324))]
    );
    assert_eq!(
        col(&t, "e"),
        vec![
            Value::Real(Some(1e300)),
            Value::Real(Some(-1.797_693_134_862_315_7e308))
        ]
    );
    assert_eq!(col(&t, "u"), vec![s("héllo ✓ é\n😀"), s("")]);
    let Value::DateTime(Some(ticks)) = col(&t, "t")[0] else {
        panic!()
    };
    assert_eq!(format_datetime(ticks), "2026-11-20T10:00:00.1234567Z");
    assert_eq!(col(&t, "t")[1], Value::DateTime(Some(0)));
}

#[test]
fn ndjson_errors_name_line_and_column() {
    let text = "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3,, }\n";
    let e = load(text, DataFormat::Ndjson, None).unwrap_err();
    assert_eq!(e.source, "t");
    assert_eq!(e.line, Some(3));
    assert_eq!(e.column, Some(9));
    assert!(e.to_string().starts_with("t:3:9: "), "{e}");

    let e = load("{\"a\": 1}\n[1, 2]\n", DataFormat::Ndjson, None).unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.message.contains("expected a JSON object"), "{e}");

    let e = load("{\"a\": 1} {\"a\": 2}\n", DataFormat::Ndjson, None).unwrap_err();
    assert_eq!(e.line, Some(1));
    assert!(e.message.contains("trailing"), "{e}");

    let e = load("{\"a\": 1, \"a\": 2}\n", DataFormat::Ndjson, None).unwrap_err();
    assert!(e.message.contains("duplicate field 'a'"), "{e}");

    let e = load("{\"a\": 1}\n{\"a\": \n", DataFormat::Ndjson, None).unwrap_err();
    assert_eq!(e.line, Some(2));
}

#[test]
fn ndjson_invalid_utf8() {
    let bytes = b"{\"a\": \"x\"}\n{\"a\": \"\xff\"}\n";
    let e = load_table_from_bytes(
        bytes,
        DataFormat::Ndjson,
        &LoadOptions::default(),
        "b.ndjson",
    )
    .unwrap_err();
    assert_eq!((e.line, e.column), (Some(2), Some(8)));
    assert_eq!(e.to_string(), "b.ndjson:2:8: invalid UTF-8");
}

// ---------------------------------------------------------------- NDJSON, typed

fn every_type_schema() -> Schema {
    vec![
        f("b", DataType::Bool),
        f("i", DataType::Int),
        f("l", DataType::Long),
        f("r", DataType::Real),
        f("m", DataType::Decimal),
        f("s", DataType::String),
        f("t", DataType::DateTime),
        f("ts", DataType::TimeSpan),
        f("g", DataType::Guid),
        f("d", DataType::Dynamic),
    ]
}

#[test]
fn ndjson_typed_every_type() {
    let text = r#"{"b": true, "i": 5, "l": 9007199254740993, "r": 0.1, "m": "1.10", "s": "x", "t": "2026-11-20T10:00:00.1234567Z", "ts": "1.02:03:04.5", "g": "74be27de-1e4e-49d9-b579-fe0b331d3642", "d": {"a": [1, null]}}
{"b": "False", "i": "-7", "l": "12", "r": "NaN", "m": 2.5, "s": 42, "t": "2026-11-20", "ts": "-00:00:01", "g": null, "d": "text"}
{"s": {"k": 1.5}, "d": null, "x": "extra"}
{"b": null, "i": null, "l": null, "r": "-Infinity", "m": null, "s": null, "t": "", "ts": "", "g": "", "d": 7}
"#;
    let t = load(text, DataFormat::Ndjson, Some(every_type_schema())).unwrap();
    let mut expected = every_type_schema();
    expected.push(f("x", DataType::String));
    assert_eq!(t.fields(), expected.as_slice());
    assert_eq!(
        col(&t, "b"),
        vec![
            Value::Bool(Some(true)),
            Value::Bool(Some(false)),
            Value::Bool(None),
            Value::Bool(None)
        ]
    );
    assert_eq!(
        col(&t, "i"),
        vec![
            Value::Int(Some(5)),
            Value::Int(Some(-7)),
            Value::Int(None),
            Value::Int(None)
        ]
    );
    assert_eq!(col(&t, "l")[0], Value::Long(Some(9_007_199_254_740_993)));
    assert_eq!(col(&t, "l")[1], Value::Long(Some(12)));
    let r = col(&t, "r");
    assert_eq!(r[0], Value::Real(Some(0.1)));
    assert!(matches!(r[1], Value::Real(Some(x)) if x.is_nan()));
    assert_eq!(r[3], Value::Real(Some(f64::NEG_INFINITY)));
    assert_eq!(
        col(&t, "m")[..2],
        [
            Value::Decimal(Some(rust_decimal::Decimal::new(110, 2))),
            Value::Decimal(Some(rust_decimal::Decimal::new(25, 1)))
        ]
    );
    assert_eq!(
        col(&t, "s"),
        vec![s("x"), s("42"), s(r#"{"k":1.5}"#), s("")]
    );
    let times: Vec<String> = col(&t, "t").iter().map(|v| v.to_kql_string()).collect();
    assert_eq!(
        times,
        [
            "2026-11-20T10:00:00.1234567Z",
            "2026-11-20T00:00:00Z",
            "",
            ""
        ]
    );
    assert_eq!(
        col(&t, "ts")[..2],
        [
            Value::TimeSpan(Some(
                (86_400 + 2 * 3600 + 3 * 60 + 4) * TICKS_PER_SECOND + 5_000_000
            )),
            Value::TimeSpan(Some(-TICKS_PER_SECOND))
        ]
    );
    assert_eq!(
        col(&t, "g"),
        vec![
            Value::Guid(parse_guid("74be27de-1e4e-49d9-b579-fe0b331d3642")),
            Value::Guid(None),
            Value::Guid(None),
            Value::Guid(None)
        ]
    );
    assert_eq!(
        col(&t, "d"),
        vec![
            Value::Dynamic(Dynamic::parse_json(r#"{"a":[1,null]}"#).unwrap()),
            Value::Dynamic(Dynamic::String("text".into())),
            Value::Dynamic(Dynamic::Null),
            Value::Dynamic(Dynamic::Long(7)),
        ]
    );
    assert_eq!(col(&t, "x"), vec![s(""), s(""), s("extra"), s("")]);
}

#[test]
fn ndjson_value_not_fitting_schema_names_field_and_line() {
    let schema = vec![f("n", DataType::Long), f("when", DataType::DateTime)];
    let text = "{\"n\": 1}\n{\"n\": 2, \"when\": \"yesterday\"}\n";
    let e = load(text, DataFormat::Ndjson, Some(schema.clone())).unwrap_err();
    assert_eq!(e.line, Some(2));
    assert!(e.column.is_some());
    assert_eq!(
        e.message,
        "field 'when': expected datetime, found string \"yesterday\""
    );
    let e = load("{\"n\": 1.5}", DataFormat::Ndjson, Some(schema.clone())).unwrap_err();
    assert_eq!(e.message, "field 'n': expected long, found number 1.5");
    let e = load("{\"n\": [1]}", DataFormat::Ndjson, Some(schema.clone())).unwrap_err();
    assert_eq!(e.message, "field 'n': expected long, found an array");
    let e = load(
        "{\"n\": 18446744073709551615}",
        DataFormat::Ndjson,
        Some(schema),
    )
    .unwrap_err();
    assert!(e.message.contains("out of range"), "{e}");
}

#[test]
fn ndjson_empty_input_keeps_schema() {
    let t = load(
        "\n\n",
        DataFormat::Ndjson,
        Some(vec![f("a", DataType::Long)]),
    )
    .unwrap();
    assert_eq!(t.num_rows(), 0);
    assert_eq!(t.fields(), &[f("a", DataType::Long)]);
    let t = load("", DataFormat::Ndjson, None).unwrap();
    assert_eq!((t.num_rows(), t.num_columns()), (0, 0));
}

#[test]
fn ndjson_large_input_in_parallel() {
    // Big enough to be split into parts; the error line must count from the file start.
    let mut text = String::new();
    let n = 120_000;
    for i in 0..n {
        text.push_str(&format!(
            "{{\"Timestamp\": \"2026-11-20T10:{:02}:{:02}.{:07}Z\", \"Id\": {i}, \"Url\": \"host{}.example.com\", \"Flag\": {}}}\n",
            i / 60 % 60,
            i % 60,
            i,
            i % 97,
            i % 2 == 0
        ));
    }
    assert!(text.len() > super::ndjson_parallel_min_bytes());
    let t = load(&text, DataFormat::Ndjson, None).unwrap();
    assert_eq!(t.num_rows(), n);
    assert_eq!(
        types(&t),
        vec![
            ("Timestamp".into(), DataType::DateTime),
            ("Id".into(), DataType::Long),
            ("Url".into(), DataType::String),
            ("Flag".into(), DataType::Bool)
        ]
    );
    for i in [0, 1, n / 2, n / 2 + 1, n - 1] {
        assert_eq!(t.column("Id").unwrap().get(i), Value::Long(Some(i as i64)));
        assert_eq!(
            t.column("Url").unwrap().get(i),
            s(&format!("host{}.example.com", i % 97))
        );
    }
    let mut bad = text.clone();
    bad.push_str("{\"Id\": oops}\n");
    let e = load(&bad, DataFormat::Ndjson, None).unwrap_err();
    assert_eq!(e.line, Some(n as u64 + 1));
}

// ---------------------------------------------------------------- JSON array and stream

#[test]
fn json_array_rows() {
    let text = r#"[
  {"a": 1, "b": "x"},
  {"a": 2, "c": [1]}
]"#;
    let t = load(text, DataFormat::JsonArray, None).unwrap();
    assert_eq!(
        types(&t),
        vec![
            ("a".into(), DataType::Long),
            ("b".into(), DataType::String),
            ("c".into(), DataType::Dynamic)
        ]
    );
    assert_eq!(col(&t, "b"), vec![s("x"), s("")]);

    let e = load(
        "[\n {\"a\": 1},\n {\"a\": true}\n]",
        DataFormat::JsonArray,
        Some(vec![f("a", DataType::Long)]),
    )
    .unwrap_err();
    assert_eq!(e.line, Some(3));
    assert_eq!(e.message, "field 'a': expected long, found true");

    let e = load("[{\"a\": 1}, 5]", DataFormat::JsonArray, None).unwrap_err();
    assert!(e.message.contains("expected a JSON object"), "{e}");
    let e = load("[{\"a\": 1}] x", DataFormat::JsonArray, None).unwrap_err();
    assert!(e.message.contains("trailing"), "{e}");
}

#[test]
fn json_file_with_objects_is_ndjson_or_a_stream() {
    let t = load("{\"a\": 1}\n{\"a\": 2}\n", DataFormat::JsonArray, None).unwrap();
    assert_eq!(t.num_rows(), 2);
    let t = load(
        "{\n  \"a\": 1\n}\n{\n  \"a\": 2\n}\n",
        DataFormat::JsonArray,
        None,
    )
    .unwrap();
    assert_eq!(
        col(&t, "a"),
        vec![Value::Long(Some(1)), Value::Long(Some(2))]
    );
    let e = load(
        "{\n  \"a\": 1\n}\n{\n  \"a\" 2\n}\n",
        DataFormat::JsonArray,
        None,
    )
    .unwrap_err();
    assert_eq!(e.line, Some(5));
    // An .ndjson file that holds an array
    let t = load("[{\"a\": 1}]", DataFormat::Ndjson, None).unwrap();
    assert_eq!(t.num_rows(), 1);
}

#[test]
fn rows_from_serde_values() {
    let rows: Vec<serde_json::Value> = serde_json::from_str(
        r#"[{"Host": "a", "Bytes": 10}, {"Host": "b", "Bytes": 5.5}, {"Host": "a"}]"#,
    )
    .unwrap();
    let t = table_from_json_rows(&rows, None).unwrap();
    assert_eq!(
        types(&t),
        vec![
            ("Host".into(), DataType::String),
            ("Bytes".into(), DataType::Real)
        ]
    );
    let schema = vec![f("Bytes", DataType::Long), f("Host", DataType::String)];
    let e = table_from_json_rows(&rows, Some(&schema)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "<rows>:2: field 'Bytes': expected long, found number 5.5"
    );
    let t = table_from_json_rows(&rows[..1], Some(&schema)).unwrap();
    assert_eq!(t.row(0), vec![Value::Long(Some(10)), s("a")]);
    let e = table_from_json_rows(&[serde_json::json!([1])], None).unwrap_err();
    assert_eq!(e.line, Some(1));
}

// ---------------------------------------------------------------- CSV

#[test]
fn csv_inferred() {
    let text = "id,name,score,ok,when,mixed,empty,zip\n\
                1,alice,1.5,true,2026-11-20T10:00:00Z,1,,007\n\
                2,\"bob, jr\",2,False,2026-11-20 10:00:00.5,x,,010\n\
                ,\"multi\nline\",,,,,,\n";
    let t = load(text, DataFormat::Csv, None).unwrap();
    assert_eq!(
        types(&t),
        vec![
            ("id".into(), DataType::Long),
            ("name".into(), DataType::String),
            ("score".into(), DataType::Real),
            ("ok".into(), DataType::Bool),
            ("when".into(), DataType::DateTime),
            ("mixed".into(), DataType::String),
            ("empty".into(), DataType::String),
            ("zip".into(), DataType::String),
        ]
    );
    assert_eq!(
        col(&t, "id"),
        vec![
            Value::Long(Some(1)),
            Value::Long(Some(2)),
            Value::Long(None)
        ]
    );
    assert_eq!(
        col(&t, "name"),
        vec![s("alice"), s("bob, jr"), s("multi\nline")]
    );
    assert_eq!(
        col(&t, "ok"),
        vec![
            Value::Bool(Some(true)),
            Value::Bool(Some(false)),
            Value::Bool(None)
        ]
    );
    assert_eq!(col(&t, "mixed"), vec![s("1"), s("x"), s("")]);
    assert_eq!(col(&t, "zip"), vec![s("007"), s("010"), s("")]);
    assert_eq!(col(&t, "when")[1].to_kql_string(), "2026-11-20T10:00:00.5Z");
}

#[test]
fn csv_inference_changes_its_mind() {
    let text = "a,b,c,d,e,f\n1,1,true,,1,2026-11-20T10:00:00Z\n2,2.50,FALSE,,true,\n,,,,,x\n";
    let t = load(text, DataFormat::Csv, None).unwrap();
    assert_eq!(
        types(&t),
        vec![
            ("a".into(), DataType::Long),
            ("b".into(), DataType::Real),
            ("c".into(), DataType::Bool),
            ("d".into(), DataType::String),
            ("e".into(), DataType::String),
            ("f".into(), DataType::String),
        ]
    );
    assert_eq!(
        col(&t, "b"),
        vec![
            Value::Real(Some(1.0)),
            Value::Real(Some(2.5)),
            Value::Real(None)
        ]
    );
    assert_eq!(col(&t, "e"), vec![s("1"), s("true"), s("")]);
    assert_eq!(col(&t, "f"), vec![s("2026-11-20T10:00:00Z"), s(""), s("x")]);
    assert_eq!(col(&t, "d"), vec![s(""), s(""), s("")]);
}

#[test]
fn csv_typed_with_extra_and_missing_columns() {
    let schema = vec![
        f("n", DataType::Long),
        f("d", DataType::Dynamic),
        f("b", DataType::Bool),
        f("missing", DataType::DateTime),
        f("s", DataType::String),
    ];
    let text = "s,n,d,b,extra\nx,9007199254740993,\"{\"\"a\"\":1}\",1,3\n,,hello,True,4\n";
    let t = load(text, DataFormat::Csv, Some(schema.clone())).unwrap();
    let mut expected = schema;
    expected.push(f("extra", DataType::Long));
    assert_eq!(t.fields(), expected.as_slice());
    assert_eq!(
        col(&t, "n"),
        vec![Value::Long(Some(9_007_199_254_740_993)), Value::Long(None)]
    );
    assert_eq!(
        col(&t, "d"),
        vec![
            Value::Dynamic(Dynamic::parse_json(r#"{"a":1}"#).unwrap()),
            Value::Dynamic(Dynamic::String("hello".into()))
        ]
    );
    assert_eq!(
        col(&t, "b"),
        vec![Value::Bool(Some(true)), Value::Bool(Some(true))]
    );
    assert_eq!(
        col(&t, "missing"),
        vec![Value::DateTime(None), Value::DateTime(None)]
    );
    assert_eq!(col(&t, "s"), vec![s("x"), s("")]);
}

#[test]
fn csv_errors() {
    let e = load("a,b\n1,2\n3\n", DataFormat::Csv, None).unwrap_err();
    assert_eq!(e.line, Some(3));
    assert_eq!(
        e.to_string(),
        "t:3: expected 2 fields (as in the header) but found 1"
    );

    let schema = vec![f("a", DataType::Long), f("b", DataType::Real)];
    let e = load("a,b\n1,2\n3,x\n", DataFormat::Csv, Some(schema)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "t:3:2: column 'b': expected real, found string \"x\""
    );

    let e = load_table_from_bytes(
        b"a,b\n1,\xff\n",
        DataFormat::Csv,
        &LoadOptions::default(),
        "c.csv",
    )
    .unwrap_err();
    assert_eq!(e.to_string(), "c.csv:2:2: column 'b': invalid UTF-8");

    let e = load("a,a\n1,2\n", DataFormat::Csv, None).unwrap_err();
    assert_eq!((e.line, e.column), (Some(1), Some(2)));
}

#[test]
fn csv_empty_and_bom() {
    let t = load("", DataFormat::Csv, Some(vec![f("a", DataType::Long)])).unwrap();
    assert_eq!((t.num_rows(), t.num_columns()), (0, 1));
    let t = load("\u{feff}a,b\r\n1,2\r\n", DataFormat::Csv, None).unwrap();
    assert_eq!(t.fields()[0].name, "a");
    assert_eq!(t.row(0), vec![Value::Long(Some(1)), Value::Long(Some(2))]);
}

// ---------------------------------------------------------------- files

#[test]
fn load_table_from_files() {
    let dir = std::env::temp_dir().join(format!("kql-io-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("T.jsonl");
    std::fs::write(&p, "{\"a\": 1}\n{\"a\": \"x\"\n").unwrap();
    let e = load_table(&p, &LoadOptions::default()).unwrap_err();
    assert_eq!(e.source, p.display().to_string());
    assert_eq!(e.line, Some(2));
    let p2 = dir.join("T.csv");
    std::fs::write(&p2, "a\n1\n").unwrap();
    assert_eq!(
        load_table(&p2, &LoadOptions::default()).unwrap().num_rows(),
        1
    );
    let p3 = dir.join("T.txt");
    std::fs::write(&p3, "a\n1\n").unwrap();
    assert!(load_table(&p3, &LoadOptions::default()).is_err());
    let opts = LoadOptions {
        schema: None,
        format: Some(DataFormat::Csv),
        columns: None,
    };
    assert_eq!(load_table(&p3, &opts).unwrap().num_rows(), 1);
    assert!(load_table(&dir.join("nope.csv"), &LoadOptions::default()).is_err());
    std::fs::remove_dir_all(&dir).unwrap();
}
