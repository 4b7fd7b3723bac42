//! Runs the built `kql` binary: outputs, exit codes and diagnostics.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::process::Output;

const NOW: &str = "2026-11-26T00:00:00Z";

fn sample(args: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = [
        "run",
        "--data",
        "examples/data",
        "--schemas",
        "examples/schemas",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    all.extend(args.iter().map(|s| s.to_string()));
    all
}

fn run_sample(args: &[&str]) -> Output {
    let all = sample(args);
    kql(&all.iter().map(String::as_str).collect::<Vec<_>>())
}

#[test]
fn run_over_the_sample_as_json_has_columns_and_rows() {
    let out = run_sample(&[
        "-e",
        "DeviceNetworkEvents | where ReportId == 1002 | project DeviceName, ReportId",
        "--format",
        "json",
    ]);
    assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "columns": [
                {"name": "DeviceName", "type": "string"},
                {"name": "ReportId", "type": "long"}
            ],
            "rows": [["wks-01.contoso.local", 1002]]
        })
    );
}

#[test]
fn several_results_as_json_are_wrapped_in_tables() {
    let out = kql(&[
        "run",
        "-e",
        "print a = 1; print b = 'x'",
        "--format",
        "json",
    ]);
    assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({"tables": [
            {"columns": [{"name": "a", "type": "long"}], "rows": [[1]]},
            {"columns": [{"name": "b", "type": "string"}], "rows": [["x"]]}
        ]})
    );
}

#[test]
fn the_datto_rule_runs_over_the_sample() {
    let out = run_sample(&[
        "queries/datto_rmm_network_connection.kql",
        "--now",
        NOW,
        "--format",
        "ndjson",
    ]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    let rows: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // 15 groups: see examples/data/EXPECTED.md.
    assert_eq!(rows.len(), 15, "{text}");
    let total: i64 = rows.iter().map(|r| r["Count"].as_i64().unwrap()).sum();
    assert_eq!(total, 25);
}

#[test]
fn default_format_is_a_readable_table() {
    let out = kql(&["run", "-e", "print Greeting = 'hello'"]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(text.contains("Greeting"), "{text}");
    assert!(text.contains("hello"), "{text}");
}

#[test]
fn csv_and_ndjson_formats() {
    let out = kql(&["run", "-e", "print a = 1, b = 'x'", "--format", "csv"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "a,b\n1,x\n");

    let out = kql(&[
        "run",
        "-e",
        "range i from 1 to 2 step 1",
        "--format",
        "ndjson",
    ]);
    assert_exit(&out, 0);
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        rows,
        vec![serde_json::json!({"i": 1}), serde_json::json!({"i": 2})]
    );
}

#[test]
fn several_csv_results_are_separated_by_a_blank_line() {
    let out = kql(&["run", "-e", "print a = 1; print b = 2", "--format", "csv"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "a\n1\n\nb\n2\n");
}

#[test]
fn query_from_stdin_and_from_a_file() {
    let out = kql_stdin(&["run", "--format", "csv"], "print x = 40 + 2");
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "x\n42\n");

    let dir = scratch("query_file");
    let file = dir.join("q.kql");
    std::fs::write(&file, "print y = 'from file'").unwrap();
    let out = kql(&["run", file.to_str().unwrap(), "--format", "csv"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "y\nfrom file\n");
}

#[test]
fn now_pins_the_clock() {
    let out = kql(&[
        "run",
        "-e",
        "print t = now(), a = ago(1d)",
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let row = &json["rows"][0];
    assert_eq!(row[0], "2026-11-26T00:00:00Z");
    assert_eq!(row[1], "2026-11-25T00:00:00Z");
}

#[test]
fn table_option_loads_a_csv_file() {
    let dir = scratch("table_option");
    let file = dir.join("people.csv");
    std::fs::write(&file, "Name,Age\nAnn,30\nBob,41\n").unwrap();
    let spec = format!("People={}", file.display());
    let out = kql(&[
        "run",
        "-e",
        "People | where Name == 'Bob' | project Name",
        "--table",
        &spec,
        "--format",
        "csv",
    ]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "Name\nBob\n");
}

#[test]
fn a_bad_query_exits_1_with_a_caret() {
    let out = kql(&["run", "-e", "print x = 1 +"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("error[KQL1"), "{err}");
    assert!(err.contains("<expr>:1:"), "{err}");
    assert!(err.contains('^'), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn an_unknown_column_exits_1_with_a_caret_under_it() {
    let out = run_sample(&["-e", "DeviceNetworkEvents\n| where RemoteUr has 'x'"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("error[KQL2002]"), "{err}");
    assert!(err.contains("<expr>:2:9"), "{err}");
    assert!(err.contains("|         ^^^^^^^^"), "{err}");
}

#[test]
fn a_bad_data_file_exits_1_naming_file_and_line() {
    let dir = scratch("bad_data");
    std::fs::write(dir.join("T.ndjson"), "{\"a\": 1}\n{\"a\": \n").unwrap();
    let data = dir.to_str().unwrap();
    let out = kql(&["run", "-e", "T | count", "--data", data]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("T.ndjson:2:"), "{err}");
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["run", "--no-such-flag"],
        vec!["run", "-e", "print 1", "--table", "NoEqualsSign"],
        vec!["run", "no/such/query.kql"],
        vec!["run", "-e", "print 1", "--now", "yesterday"],
        vec!["run", "-e", "print 1", "--format", "xml"],
        vec!["run", "-e", "print 1", "--data", "no/such/dir"],
        vec!["run", "-e", "print 1", "--table", "T=no/such/file.csv"],
        vec!["frobnicate"],
        vec!["parse", "no/such/query.kql"],
    ] {
        let out = kql(&args);
        assert_exit(&out, 2);
        assert!(!stderr(&out).is_empty(), "{args:?}");
    }
}

#[test]
fn help_exits_0() {
    let out = kql(&["--help"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("run"));
    let out = kql(&["run", "--help"]);
    assert_exit(&out, 0);
    assert!(stdout(&out).contains("--table"));
}

#[test]
fn parse_prints_the_canonical_form() {
    let out = kql(&["parse", "-e", "T|where x>1|take 5"]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "T\n| where x > 1\n| take 5\n");
}

#[test]
fn parse_reports_a_syntax_error_with_a_caret() {
    let out = kql(&["parse", "-e", "T | where (x > 1"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains("error[KQL1"), "{err}");
    assert!(err.contains('^'), "{err}");
}

#[test]
fn check_prints_result_columns() {
    let dir = scratch("check");
    std::fs::write(
        dir.join("T.json"),
        r#"{"name": "T", "columns": [{"name": "a", "type": "string"}, {"name": "x", "type": "long"}]}"#,
    )
    .unwrap();
    let schemas = dir.to_str().unwrap();
    let out = kql(&[
        "check",
        "-e",
        "T | project a, b = x * 2",
        "--schemas",
        schemas,
    ]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "a: string\nb: long\n");

    let out = kql(&["check", "-e", "T | project nope", "--schemas", schemas]);
    assert_exit(&out, 1);
    assert!(stderr(&out).contains("error[KQL2002]"));
}

#[test]
fn check_works_over_the_sample_schemas() {
    let out = kql(&[
        "check",
        "queries/datto_rmm_network_connection.kql",
        "--schemas",
        "examples/schemas",
    ]);
    assert_exit(&out, 0);
    assert_eq!(
        stdout(&out),
        "DeviceId: string\nDeviceName: string\nRemoteUrl: string\nFirstSeen: datetime\n\
         LastSeen: datetime\nReport: dynamic\nCount: long\n"
    );
}

#[test]
fn parse_and_check_jsonl_give_one_verdict_per_record() {
    let corpus = concat!(
        r#"{"id": "good", "query": "T | where x > 1"}"#,
        "\n",
        r#"{"id": "bad", "query": "T | where"}"#,
        "\n"
    );
    let out = kql_stdin(&["parse", "--jsonl", "-"], corpus);
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0], serde_json::json!({"id": "good", "ok": true}));
    assert_eq!(lines[1]["ok"], false);
    assert_eq!(lines[1]["error"]["line"], 1);
    assert_eq!(lines[1]["error"]["column"], 10);

    let corpus = concat!(
        r#"{"id": "q1", "query": "DeviceNetworkEvents | summarize n = count() by RemoteUrl"}"#,
        "\n",
        r#"{"id": "q2", "query": "DeviceNetworkEvents | where RemoteUr has 'x'"}"#,
        "\n",
        r#"{"id": "q3", "query": "DeviceNetworkEvents | fork (take 1)"}"#,
        "\n"
    );
    let out = kql_stdin(
        &["check", "--jsonl", "-", "--schemas", "examples/schemas"],
        corpus,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines[0],
        serde_json::json!({"id": "q1", "ok": true, "columns": [["RemoteUrl", "string"], ["n", "long"]]})
    );
    assert_eq!(lines[1]["stage"], "bind");
    assert_eq!(lines[1]["unsupported"], false);
    assert_eq!(lines[1]["error"]["code"], "KQL2002");
    assert_eq!(lines[2]["unsupported"], true);
}

#[test]
fn bench_prints_timings_as_json() {
    let out = kql(&[
        "bench",
        "queries/datto_rmm_network_connection.kql",
        "--data",
        "examples/data",
        "--now",
        NOW,
        "--iterations",
        "2",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_str(stdout(&out).trim()).unwrap();
    assert!(doc["load_s"].as_f64().unwrap() >= 0.0);
    assert!(doc["parse_s"].as_f64().unwrap() > 0.0);
    assert_eq!(doc["query_s"].as_array().unwrap().len(), 2);
    assert_eq!(doc["rows"], 15);
}

#[test]
fn run_loads_only_named_columns_but_never_loses_enumerated_ones() {
    // The DattoRMM query names 6 columns: the result is the same as with every column.
    let out = kql(&[
        "run",
        "-e",
        "DeviceNetworkEvents | summarize c = count(), u = dcount(RemoteUrl)",
        "--data",
        "examples/data",
        "--format",
        "csv",
    ]);
    // 36 distinct RemoteUrl values (empty included), counted independently from the file.
    assert_eq!(
        stdout(&out),
        "c,u\n250,36\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // project-away keeps columns the query does not name: all of them must be loaded.
    let all = kql(&[
        "run",
        "-e",
        "DeviceNetworkEvents | getschema | count",
        "--data",
        "examples/data",
        "--format",
        "csv",
    ]);
    let away = kql(&[
        "run",
        "-e",
        "DeviceNetworkEvents | project-away RemoteUrl | getschema | count",
        "--data",
        "examples/data",
        "--format",
        "csv",
    ]);
    let n = |o: &Output| stdout(o).lines().nth(1).unwrap().parse::<usize>().unwrap();
    assert_eq!(n(&away) + 1, n(&all));
}

#[test]
fn columns_read_while_binding_are_loaded() {
    // toscalar() runs its subquery while binding: the column it reads (RemotePort) is
    // named only there, so the loader must not drop it.
    let out = kql(&[
        "run",
        "-e",
        "DeviceNetworkEvents | where ReportId == toscalar(DeviceNetworkEvents | summarize arg_max(RemotePort, ReportId) | project ReportId) | summarize m = count() > 0",
        "--data",
        "examples/data",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(stdout(&out), "m\ntrue\n");
}

#[test]
fn empty_tables_run_a_query_without_data() {
    // Every --schemas table is empty and unmapped externaldata reads as empty: the query
    // runs end to end and prints its (empty) result with the right columns.
    let q =
        "let Feed = externaldata(ip: string) ['https://feeds.example/ips.txt'] with (format='txt');
             DeviceNetworkEvents | where RemoteIP in (Feed) | summarize n = count() by DeviceName";
    let out = kql(&[
        "run",
        "--empty-tables",
        "--schemas",
        "examples/schemas",
        "--format",
        "csv",
        "-e",
        q,
    ]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "DeviceName,n\n");
    // Without the flag the unmapped source is an error naming the URL.
    let out = kql(&[
        "run",
        "--schemas",
        "examples/schemas",
        "--data",
        "examples/data",
        "-e",
        q,
    ]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains("https://feeds.example/ips.txt"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn render_keeps_the_chart_as_result_metadata() {
    let q = "range x from 1 to 2 step 1 | render piechart with (title = 'Share')";
    let out = kql(&["run", "--format", "json", "-e", q]);
    assert_exit(&out, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["rows"].as_array().unwrap().len(), 2);
    assert_eq!(v["visualization"]["kind"], "piechart");
    assert_eq!(v["visualization"]["properties"]["title"], "Share");
    let out = kql(&["run", "-e", q]);
    assert!(stdout(&out).ends_with("(2 rows)\n(render piechart with title=Share)\n"));
}
