//! Values come out exactly as they went in: longs past 2^53, datetimes to the 100 ns tick,
//! reals (shortest round trip), Unicode strings; through NDJSON and CSV, in and out. And
//! bad input is an error naming the source, line and column.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql::io::{load_table_from_bytes, load_table_from_str, DataFormat, LoadOptions};
use kql::{Engine, Table};

fn run_t(t: Table, query: &str) -> Table {
    let mut engine = Engine::new();
    engine.add_table("T", t);
    engine.run(query).unwrap().remove(0)
}

fn ndjson_out(t: &Table) -> String {
    let mut out = Vec::new();
    kql::output::write_ndjson(t, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn csv_out(t: &Table) -> String {
    let mut out = Vec::new();
    kql::output::write_csv(t, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

const NDJSON: &str = concat!(
    r#"{"id":9007199254740993,"big":-9223372036854775808,"t":"2024-01-02T03:04:05.1234567Z","r":0.1,"tiny":5e-324,"r3":123456789.12345679,"s":"Ünïcödé 🎉 \"q\" \\ 日本\t\u0000"}"#,
    "\n",
    r#"{"id":9223372036854775807,"big":9007199254740993,"t":"0001-01-01T00:00:00.0000001Z","r":1.7976931348623157e308,"tiny":-0.5,"r3":2.2250738585072014e-308,"s":"\ud83d\ude00 e\u0301"}"#,
    "\n",
);

#[test]
fn ndjson_values_round_trip_exactly() {
    let t = load_table_from_str(
        NDJSON,
        DataFormat::Ndjson,
        &LoadOptions::default(),
        "in.ndjson",
    )
    .unwrap();
    let out = ndjson_out(&run_t(t, "T"));
    let got: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let want: Vec<serde_json::Value> = NDJSON
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(got, want, "output:\n{out}");
    // Longs past 2^53 are written as integers, not rounded through f64.
    assert!(out.contains("9007199254740993"), "{out}");
    assert!(out.contains("9223372036854775807"), "{out}");
    assert!(out.contains("2024-01-02T03:04:05.1234567Z"), "{out}");
    assert!(out.contains("0001-01-01T00:00:00.0000001Z"), "{out}");
}

#[test]
fn values_survive_a_query_unchanged() {
    let t = load_table_from_str(
        NDJSON,
        DataFormat::Ndjson,
        &LoadOptions::default(),
        "in.ndjson",
    )
    .unwrap();
    let out = ndjson_out(&run_t(
        t,
        "T | extend id2 = id + 0, t2 = t + 0s, s2 = strcat(s, '') | project id2, t2, s2",
    ));
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["id2"], serde_json::json!(9007199254740993_i64));
    assert_eq!(first["t2"], "2024-01-02T03:04:05.1234567Z");
    assert_eq!(first["s2"], "Ünïcödé 🎉 \"q\" \\ 日本\t\u{0}");
}

const CSV: &str = "id,t,r,s\n\
9007199254740993,2024-01-02T03:04:05.1234567Z,0.1,Ünïcödé 🎉\n\
-9223372036854775808,0001-01-01T00:00:00.0000001Z,5e-324,\"a, \"\"quoted\"\"\nline\"\n";

#[test]
fn csv_values_round_trip_exactly() {
    let t = load_table_from_str(CSV, DataFormat::Csv, &LoadOptions::default(), "in.csv").unwrap();
    let t1 = run_t(t, "T");
    let out = csv_out(&t1);
    // Loaded again, the output gives the same values; the text keeps every digit.
    let t2 =
        load_table_from_str(&out, DataFormat::Csv, &LoadOptions::default(), "out.csv").unwrap();
    assert_eq!(t1.num_rows(), t2.num_rows(), "{out}");
    for i in 0..t1.num_rows() {
        assert_eq!(t1.row(i), t2.row(i), "{out}");
    }
    for needle in [
        "9007199254740993",
        "-9223372036854775808",
        "2024-01-02T03:04:05.1234567Z",
        "0001-01-01T00:00:00.0000001Z",
        "Ünïcödé 🎉",
        "\"a, \"\"quoted\"\"\nline\"",
    ] {
        assert!(out.contains(needle), "{needle} not in {out}");
    }
}

#[test]
fn reals_print_the_shortest_round_trip_text() {
    let t = load_table_from_str(
        "{\"r\":0.1}\n{\"r\":1e-7}\n{\"r\":123456789.12345679}\n{\"r\":5e-324}\n",
        DataFormat::Ndjson,
        &LoadOptions::default(),
        "r.ndjson",
    )
    .unwrap();
    let out = ndjson_out(&run_t(t, "T"));
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let x = v["r"].as_f64().unwrap();
        let text = line.trim_start_matches("{\"r\":").trim_end_matches('}');
        assert_eq!(text.parse::<f64>().unwrap(), x);
        // Shortest: Rust's `{}` for f64 is the shortest text that round-trips.
        assert!(
            text.len() <= format!("{x:e}").len().max(format!("{x}").len()),
            "{line}"
        );
    }
}

fn load_err(bytes: &[u8], format: DataFormat, name: &str) -> String {
    match load_table_from_bytes(bytes, format, &LoadOptions::default(), name) {
        Ok(_) => panic!("{name}: expected a load error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn bad_input_names_source_line_and_column() {
    let e = load_err(
        b"{\"a\":1}\n{\"a\":\xff}\n",
        DataFormat::Ndjson,
        "bad_utf8.ndjson",
    );
    assert!(e.starts_with("bad_utf8.ndjson:2"), "{e}");
    let e = load_err(
        b"{\"a\":1}\n{\"a\":1\n",
        DataFormat::Ndjson,
        "truncated.ndjson",
    );
    assert!(e.starts_with("truncated.ndjson:2:"), "{e}");
    let e = load_err(b"a,b\n1,2\n3\n", DataFormat::Csv, "ragged.csv");
    assert!(e.starts_with("ragged.csv:3"), "{e}");
    let e = load_err(b"a,b\n1,2\n\xfe,4\n", DataFormat::Csv, "bad_utf8.csv");
    assert!(e.starts_with("bad_utf8.csv:3"), "{e}");
}

#[test]
fn values_that_do_not_fit_the_schema_name_line_and_column() {
    let opts = LoadOptions {
        schema: Some(vec![
            kql::Field::new("a", kql::DataType::Long),
            kql::Field::new("t", kql::DataType::DateTime),
        ]),
        ..LoadOptions::default()
    };
    let csv = "a,t\n1,2024-01-01T00:00:00Z\n2,not a date\n";
    let e = load_table_from_str(csv, DataFormat::Csv, &opts, "typed.csv")
        .err()
        .unwrap()
        .to_string();
    assert!(e.starts_with("typed.csv:3:2"), "{e}");
    let nd = "{\"a\":1}\n{\"a\":\"x\"}\n";
    let e = load_table_from_str(nd, DataFormat::Ndjson, &opts, "typed.ndjson")
        .err()
        .unwrap()
        .to_string();
    assert!(e.starts_with("typed.ndjson:2"), "{e}");
    let nd = "{\"a\":1}\n{\"a\":99999999999999999999}\n";
    let e = load_table_from_str(nd, DataFormat::Ndjson, &opts, "overflow.ndjson")
        .err()
        .unwrap()
        .to_string();
    assert!(e.starts_with("overflow.ndjson:2"), "{e}");
}

#[test]
fn json_document_output_keeps_every_digit_and_tick() {
    let t = load_table_from_str(
        NDJSON,
        DataFormat::Ndjson,
        &LoadOptions::default(),
        "in.ndjson",
    )
    .unwrap();
    let t = run_t(t, "T");
    let mut out = Vec::new();
    kql::output::write_json(std::slice::from_ref(&t), &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    let rows = doc["rows"].as_array().unwrap();
    assert_eq!(
        rows[0][0],
        serde_json::json!(9007199254740993_i64),
        "{text}"
    );
    assert_eq!(rows[1][0], serde_json::json!(i64::MAX), "{text}");
    assert_eq!(rows[0][1], serde_json::json!(i64::MIN), "{text}");
    assert_eq!(rows[0][2], "2024-01-02T03:04:05.1234567Z", "{text}");
    assert_eq!(rows[0][3].as_f64(), Some(0.1), "{text}");
    assert_eq!(rows[0][4].as_f64(), Some(5e-324), "{text}");
    assert_eq!(rows[0][6], "Ünïcödé 🎉 \"q\" \\ 日本\t\u{0}", "{text}");
    assert_eq!(rows[1][6], "😀 e\u{301}", "{text}");
}
