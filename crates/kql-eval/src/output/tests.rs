use super::*;
use crate::format::{parse_guid, TICKS_PER_SECOND, UNIX_EPOCH_TICKS};
use crate::io::{load_table_from_str, DataFormat, LoadOptions};
use crate::table::{Field, Table};
use crate::types::DataType;
use crate::value::Value;

fn sample() -> Table {
    let fields = vec![
        Field::new("b", DataType::Bool),
        Field::new("i", DataType::Int),
        Field::new("l", DataType::Long),
        Field::new("r", DataType::Real),
        Field::new("m", DataType::Decimal),
        Field::new("s", DataType::String),
        Field::new("t", DataType::DateTime),
        Field::new("ts", DataType::TimeSpan),
        Field::new("g", DataType::Guid),
        Field::new("d", DataType::Dynamic),
    ];
    let t0 = crate::io::parse_iso_datetime("2026-11-20T10:00:00.1234567Z", true);
    let rows = vec![
        vec![
            Value::Bool(Some(true)),
            Value::Int(Some(5)),
            Value::Long(Some(9_007_199_254_740_993)),
            Value::Real(Some(0.1)),
            Value::Decimal(Some(Decimal::new(110, 2))),
            Value::String("héllo\t\"x\"\n😀".into()),
            Value::DateTime(t0),
            Value::TimeSpan(Some(
                (86_400 + 2 * 3600 + 3 * 60 + 4) * TICKS_PER_SECOND + 5_000_000,
            )),
            Value::Guid(parse_guid("74be27de-1e4e-49d9-b579-fe0b331d3642")),
            Value::Dynamic(Dynamic::parse_json(r#"{"a":[1,null],"b":"x"}"#).unwrap_or_default()),
        ],
        vec![
            Value::Bool(None),
            Value::Int(None),
            Value::Long(None),
            Value::Real(None),
            Value::Decimal(None),
            Value::String(String::new()),
            Value::DateTime(None),
            Value::TimeSpan(None),
            Value::Guid(None),
            Value::Dynamic(Dynamic::Null),
        ],
        vec![
            Value::Bool(Some(false)),
            Value::Int(Some(-1)),
            Value::Long(Some(i64::MIN)),
            Value::Real(Some(f64::NAN)),
            Value::Decimal(Some(Decimal::new(-5, 0))),
            Value::String("a,b".into()),
            Value::DateTime(Some(0)),
            Value::TimeSpan(Some(-TICKS_PER_SECOND)),
            Value::Guid(Some(0)),
            Value::Dynamic(Dynamic::String("x".into())),
        ],
        vec![
            Value::Bool(Some(true)),
            Value::Int(Some(0)),
            Value::Long(Some(0)),
            Value::Real(Some(1e300)),
            Value::Decimal(Some(Decimal::new(0, 0))),
            Value::String("\\".into()),
            Value::DateTime(Some(UNIX_EPOCH_TICKS)),
            Value::TimeSpan(Some(0)),
            Value::Guid(None),
            Value::Dynamic(Dynamic::Real(2.5)),
        ],
        vec![
            Value::Bool(None),
            Value::Int(None),
            Value::Long(None),
            Value::Real(Some(f64::NEG_INFINITY)),
            Value::Decimal(None),
            Value::String("x".repeat(70)),
            Value::DateTime(None),
            Value::TimeSpan(None),
            Value::Guid(None),
            Value::Dynamic(Dynamic::Array(vec![])),
        ],
    ];
    Table::from_rows(fields, &rows)
}

const ROW0: &str = r#"[true,5,9007199254740993,0.1,"1.10","héllo\t\"x\"\n😀","2026-11-20T10:00:00.1234567Z","1.02:03:04.5000000","74be27de-1e4e-49d9-b579-fe0b331d3642",{"a":[1,null],"b":"x"}]"#;
const ROW1: &str = "[null,null,null,null,null,\"\",null,null,null,null]";
const ROW2: &str = r#"[false,-1,-9223372036854775808,"NaN","-5","a,b","0001-01-01T00:00:00Z","-00:00:01","00000000-0000-0000-0000-000000000000","x"]"#;
const ROW3: &str = r#"[true,0,0,1e+300,"0","\\","1970-01-01T00:00:00Z","00:00:00",null,2.5]"#;

#[test]
fn json_object_and_stream_agree() {
    let t = sample();
    let v = table_to_json(&t);
    assert_eq!(
        v["columns"][3],
        serde_json::json!({"name": "r", "type": "real"})
    );
    assert_eq!(v["rows"][0].to_string(), ROW0);
    assert_eq!(v["rows"][1].to_string(), ROW1);
    assert_eq!(v["rows"][2].to_string(), ROW2);
    assert_eq!(v["rows"][3].to_string(), ROW3);
    assert_eq!(v["rows"][4][3], serde_json::json!("-Infinity"));

    let mut out = Vec::new();
    write_json(std::slice::from_ref(&t), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.starts_with(r#"{"columns":[{"name":"b","type":"bool"},{"name":"i","type":"int"},"#)
    );
    assert!(text.contains(&format!("\n{ROW0},\n{ROW1},\n")), "{text}");
    assert!(text.ends_with("]\n]}\n"));
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed, v);
    // exactness survives a parse: the big long stays an integer
    assert_eq!(parsed["rows"][0][2].as_i64(), Some(9_007_199_254_740_993));
    assert_eq!(parsed["rows"][0][3].as_f64(), Some(0.1));
}

#[test]
fn json_several_and_empty_tables() {
    let empty = Table::empty(vec![Field::new("a", DataType::Long)]);
    let mut out = Vec::new();
    write_json(&[empty.clone(), empty.clone()], &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        "{\"tables\":[{\"columns\":[{\"name\":\"a\",\"type\":\"long\"}],\"rows\":[]},\n\
         {\"columns\":[{\"name\":\"a\",\"type\":\"long\"}],\"rows\":[]}]}\n"
    );
    let mut out = Vec::new();
    write_json(&[], &mut out).unwrap();
    assert_eq!(out, b"{\"tables\":[]}\n");
}

#[test]
fn ndjson_rows() {
    let t = sample();
    let mut out = Vec::new();
    write_ndjson(&t, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(
        lines[1],
        r#"{"b":null,"i":null,"l":null,"r":null,"m":null,"s":"","t":null,"ts":null,"g":null,"d":null}"#
    );
    let row0: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(row0["l"].as_i64(), Some(9_007_199_254_740_993));
    assert_eq!(row0["t"], "2026-11-20T10:00:00.1234567Z");
    assert_eq!(row0["d"]["a"], serde_json::json!([1, null]));
}

#[test]
fn csv_text() {
    let t = sample();
    let mut out = Vec::new();
    write_csv(&t, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let expected = "b,i,l,r,m,s,t,ts,g,d\n\
        true,5,9007199254740993,0.1,1.10,\"héllo\t\"\"x\"\"\n😀\",2026-11-20T10:00:00.1234567Z,1.02:03:04.5000000,74be27de-1e4e-49d9-b579-fe0b331d3642,\"{\"\"a\"\":[1,null],\"\"b\"\":\"\"x\"\"}\"\n\
        ,,,,,,,,,\n\
        false,-1,-9223372036854775808,NaN,-5,\"a,b\",0001-01-01T00:00:00Z,-00:00:01,00000000-0000-0000-0000-000000000000,\"\"\"x\"\"\"\n\
        true,0,0,1e300,0,\\,1970-01-01T00:00:00Z,00:00:00,,2.5\n";
    assert!(text.starts_with(expected), "{text}");
    assert!(text.ends_with(",-Infinity,,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx,,,,[]\n"));
}

#[test]
fn csv_round_trips_through_the_loader() {
    let t = sample();
    let mut out = Vec::new();
    write_csv(&t, &mut out).unwrap();
    let opts = LoadOptions {
        schema: Some(t.fields().to_vec()),
        format: None,
        columns: None,
    };
    let back = load_table_from_str(
        std::str::from_utf8(&out).unwrap(),
        DataFormat::Csv,
        &opts,
        "x",
    )
    .unwrap();
    assert_eq!(back.fields(), t.fields());
    for r in 0..t.num_rows() {
        for c in 0..t.num_columns() {
            let (a, b) = (t.columns()[c].get(r), back.columns()[c].get(r));
            match (&a, &b) {
                (Value::Real(Some(x)), Value::Real(Some(y))) if x.is_nan() => assert!(y.is_nan()),
                _ => assert_eq!(a, b, "row {r} column {c}"),
            }
        }
    }
    // a single empty string column still has one record per row
    let one = Table::from_rows(
        vec![Field::new("s", DataType::String)],
        &[vec![Value::String(String::new())]],
    );
    let mut out = Vec::new();
    write_csv(&one, &mut out).unwrap();
    let back = load_table_from_str(
        std::str::from_utf8(&out).unwrap(),
        DataFormat::Csv,
        &LoadOptions::default(),
        "x",
    )
    .unwrap();
    assert_eq!(back.num_rows(), 1);
}

#[test]
fn json_round_trips_through_the_loader() {
    let t = sample();
    let mut out = Vec::new();
    write_ndjson(&t, &mut out).unwrap();
    let opts = LoadOptions {
        schema: Some(t.fields().to_vec()),
        format: None,
        columns: None,
    };
    let back = load_table_from_str(
        std::str::from_utf8(&out).unwrap(),
        DataFormat::Ndjson,
        &opts,
        "x",
    )
    .unwrap();
    assert_eq!(back.fields(), t.fields());
    for r in 0..t.num_rows() {
        for c in 0..t.num_columns() {
            let (a, b) = (t.columns()[c].get(r), back.columns()[c].get(r));
            match (&a, &b) {
                (Value::Real(Some(x)), Value::Real(Some(y))) if x.is_nan() => assert!(y.is_nan()),
                _ => assert_eq!(a, b, "row {r} column {c}"),
            }
        }
    }
}

#[test]
fn golden_text() {
    let t = sample();
    let text = format_golden(&t);
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(
        lines[0],
        "b:bool\ti:int\tl:long\tr:real\tm:decimal\ts:string\tt:datetime\tts:timespan\tg:guid\td:dynamic"
    );
    assert_eq!(
        lines[1],
        "true\t5\t9007199254740993\t0.1\t1.10\théllo\\t\"x\"\\n😀\t2026-11-20T10:00:00.1234567Z\t1.02:03:04.5000000\t74be27de-1e4e-49d9-b579-fe0b331d3642\t{\"a\":[1,null],\"b\":\"x\"}"
    );
    assert_eq!(lines[2], "\t\t\t\t\t\t\t\t\t");
    assert_eq!(
        lines[3],
        "false\t-1\t-9223372036854775808\tNaN\t-5\ta,b\t0001-01-01T00:00:00Z\t-00:00:01\t00000000-0000-0000-0000-000000000000\t\"x\""
    );
    assert_eq!(
        lines[4],
        "true\t0\t0\t1e300\t0\t\\\\\t1970-01-01T00:00:00Z\t00:00:00\t\t2.5"
    );
    assert_eq!(lines.len(), 7);
    assert_eq!(lines[6], "");
    assert_eq!(
        format_golden(&Table::empty(vec![Field::new("a b", DataType::Long)])),
        "a b:long\n"
    );
}

#[test]
fn pretty_text() {
    let t = Table::from_rows(
        vec![
            Field::new("Host", DataType::String),
            Field::new("Bytes", DataType::Long),
            Field::new("When", DataType::DateTime),
        ],
        &[
            vec![
                Value::String("a".into()),
                Value::Long(Some(10)),
                Value::DateTime(Some(UNIX_EPOCH_TICKS)),
            ],
            vec![
                Value::String("b\nc".into()),
                Value::Long(Some(5)),
                Value::DateTime(None),
            ],
        ],
    );
    assert_eq!(
        format_pretty(&t),
        "Host  Bytes  When\n\
         ----  -----  --------------------\n\
         a        10  1970-01-01T00:00:00Z\n\
         b\\nc      5\n\
         (2 rows)\n"
    );
    let long = Table::from_rows(
        vec![Field::new("s", DataType::String)],
        &[vec![Value::String("é".repeat(100))]],
    );
    let text = format_pretty(&long);
    assert!(text.contains(&format!("{}…\n", "é".repeat(60))), "{text}");
    assert!(text.ends_with("(1 row)\n"));
    assert_eq!(format_pretty(&Table::with_rows(0)), "(0 rows)\n");
    // every type renders
    let all = format_pretty(&sample());
    assert!(all.contains("9007199254740993"));
    assert!(all.ends_with("(5 rows)\n"));
}

#[test]
fn rendered_results_carry_their_chart() {
    // q/render-operator.md: rows unchanged; the chart kind and properties are metadata.
    let e = crate::Engine::new();
    let t = &e
        .run(
            "range x from 1 to 2 step 1 | render timechart with (title = 'Daily', ycolumns = x, y)",
        )
        .unwrap()[0];
    assert_eq!(t.num_rows(), 2);
    let v = t.visualization().unwrap();
    assert_eq!(v.kind, "timechart");
    assert_eq!(
        v.properties,
        [
            ("title".to_string(), "Daily".to_string()),
            ("ycolumns".to_string(), "x, y".to_string())
        ]
    );
    let mut buf = Vec::new();
    write_json(std::slice::from_ref(t), &mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(parsed, table_to_json(t));
    assert_eq!(parsed["visualization"]["kind"], "timechart");
    assert_eq!(parsed["visualization"]["properties"]["title"], "Daily");
    assert!(format_pretty(t)
        .ends_with("(2 rows)\n(render timechart with title=Daily, ycolumns=x, y)\n"));
    // Without render there is no chart, and the JSON has no "visualization" key.
    let plain = &e.run("print x = 1").unwrap()[0];
    assert!(plain.visualization().is_none());
    assert!(table_to_json(plain).get("visualization").is_none());
}
