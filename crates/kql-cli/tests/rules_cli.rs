//! The built `kql` binary on Sentinel rules (`.yaml`), `kql check` over files and
//! directories, `kql test`, and `_GetWatchlist`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;
use common::*;

use std::path::{Path, PathBuf};

const RULE: &str = "examples/rules/datto_rmm_network_connection.yaml";

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_dir(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The rule with `RemoteUrl has_any` misspelled as `RemoteUr has_any` (line 18 of the file).
fn misspelled_rule(dir: &Path) -> PathBuf {
    let text = std::fs::read_to_string(root().join(RULE)).unwrap();
    assert!(text.contains("| where RemoteUrl has_any ("));
    let path = dir.join("misspelled.yaml");
    std::fs::write(&path, text.replace("RemoteUrl has_any", "RemoteUr has_any")).unwrap();
    path
}

#[test]
fn run_reads_a_sentinel_rule() {
    let out = kql(&[
        "run",
        RULE,
        "--data",
        "examples/data",
        "--schemas",
        "examples/schemas",
        "--now",
        "2026-11-26T00:00:00Z",
        "--format",
        "json",
    ]);
    assert_exit(&out, 0);
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(json["rows"].as_array().unwrap().len(), 15);
}

#[test]
fn a_rule_names_the_tables_it_needs() {
    let out = kql(&["run", RULE, "--now", "2026-11-26T00:00:00Z"]);
    assert_exit(&out, 2);
    let err = stderr(&out);
    assert!(
        err.contains("needs table(s) 'DeviceNetworkEvents'"),
        "{err}"
    );
    assert!(err.contains("requiredDataConnectors"), "{err}");
}

#[test]
fn invalid_yaml_reports_line_and_column() {
    let dir = scratch("invalid_yaml");
    let path = dir.join("broken.yaml");
    std::fs::write(&path, "name: x\nquery: |\n  T\nrequiredDataConnectors: [\n").unwrap();
    let out = kql(&["run", s(&path)]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    let expected = format!("{}:5:1: invalid YAML", path.display());
    assert!(err.contains(&expected), "{err}");
}

#[test]
fn rule_query_errors_point_into_the_yaml_file() {
    let dir = scratch("rule_error");
    let path = misspelled_rule(&dir);
    let out = kql(&["run", s(&path), "--data", "examples/data"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(
        err.contains(&format!("--> {}:18:11", path.display())),
        "{err}"
    );
    assert!(err.contains("18 |   | where RemoteUr has_any ("), "{err}");
    assert!(
        err.contains("   |           ^^^^^^^^ did you mean 'RemoteUrl'?"),
        "{err}"
    );
}

#[test]
fn check_flags_a_misspelled_column_with_a_suggestion() {
    let dir = scratch("check_misspelled");
    let path = dir.join("q.kql");
    std::fs::write(&path, "DeviceNetworkEvents\n| where RemoteUr has 'datto'\n").unwrap();
    let out = kql(&["check", s(&path), "--schemas", "examples/schemas"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.contains(&format!("{}:2:9", path.display())), "{err}");
    assert!(err.contains("2 | | where RemoteUr has 'datto'"), "{err}");
    assert!(
        err.contains("  |         ^^^^^^^^ did you mean 'RemoteUrl'?"),
        "{err}"
    );
}

/// A tree with two good and three bad inputs (and files that are not checked).
fn check_tree(name: &str) -> PathBuf {
    let dir = scratch(name);
    std::fs::create_dir_all(dir.join("nested/deeper")).unwrap();
    std::fs::write(
        dir.join("good.kql"),
        "DeviceNetworkEvents | where RemotePort == 443",
    )
    .unwrap();
    std::fs::write(
        dir.join("nested/count.kql"),
        "DeviceNetworkEvents\n| where strlen(RemoteUrl, 1) > 3\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("nested/deeper/compare.kql"),
        "DeviceNetworkEvents\n| where Timestamp == true\n",
    )
    .unwrap();
    std::fs::copy(root().join(RULE), dir.join("nested/rule.yaml")).unwrap();
    misspelled_rule(&dir.join("nested/deeper"));
    // Not checked: a test file, a YAML file that is not a rule, other files.
    std::fs::write(dir.join("x.test.yaml"), "query: nope\nexpect: {count: 1}\n").unwrap();
    std::fs::write(dir.join("config.yaml"), "a: 1\n").unwrap();
    std::fs::write(dir.join("notes.txt"), "DeviceNetworkEvents | nope").unwrap();
    dir
}

#[test]
fn check_walks_directories_and_summarises() {
    let dir = check_tree("check_tree");
    let out = kql(&["check", s(&dir), "--schemas", "examples/schemas"]);
    assert_exit(&out, 1);
    let err = stderr(&out);
    assert!(err.ends_with("5 files checked, 3 errors\n"), "{err}");
    assert!(err.contains("count.kql:2:9"), "{err}");
    assert!(err.contains("error[KQL2005]"), "{err}");
    assert!(err.contains("compare.kql:2:9"), "{err}");
    assert!(err.contains("error[KQL2007]"), "{err}");
    assert!(err.contains("misspelled.yaml:18:11"), "{err}");
    assert!(!err.contains('\u{1b}'), "no colour with NO_COLOR: {err}");
}

#[test]
fn check_json_gives_one_object_per_diagnostic() {
    let dir = check_tree("check_json");
    let out = kql(&[
        "check",
        s(&dir),
        "--schemas",
        "examples/schemas",
        "--format",
        "json",
    ]);
    assert_exit(&out, 1);
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let rule = lines
        .iter()
        .find(|d| d["file"].as_str().unwrap().ends_with("misspelled.yaml"))
        .unwrap();
    assert_eq!(rule["line"], 18);
    assert_eq!(rule["column"], 11);
    assert_eq!(rule["end_line"], 18);
    assert_eq!(rule["end_column"], 19);
    assert_eq!(rule["code"], "KQL2002");
    assert_eq!(rule["message"], "unknown column or name 'RemoteUr'");
    assert_eq!(rule["hint"], "did you mean 'RemoteUrl'?");
    assert!(stderr(&out).contains("5 files checked, 3 errors"));
}

#[test]
fn check_passes_clean_files() {
    let out = kql(&[
        "check",
        RULE,
        "queries/datto_rmm_network_connection.kql",
        "--schemas",
        "examples/schemas",
    ]);
    assert_exit(&out, 0);
    assert!(stderr(&out).contains("2 files checked, 0 errors"));
}

#[test]
fn check_of_one_rule_prints_its_columns() {
    let out = kql(&["check", RULE, "--schemas", "examples/schemas"]);
    assert_exit(&out, 0);
    assert!(
        stdout(&out).starts_with("DeviceId: string\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn check_of_a_missing_path_is_a_usage_error() {
    let out = kql(&["check", RULE, "no/such/dir"]);
    assert_exit(&out, 2);
}

#[test]
fn the_example_rule_tests_pass() {
    let dir = scratch("example_junit");
    let junit = dir.join("report.xml");
    let out = kql(&["test", "examples/rules", "--junit", s(&junit)]);
    assert_exit(&out, 0);
    let text = stdout(&out);
    assert!(
        text.contains("ok   examples/rules/datto_rmm_network_connection.test.yaml: true positive"),
        "{text}"
    );
    assert!(text.ends_with("8 passed, 0 failed\n"), "{text}");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("tests=\"8\" failures=\"0\""), "{xml}");
}

#[test]
fn breaking_the_rule_fails_its_tests_with_a_diff() {
    let dir = scratch("broken_rule");
    copy_dir(&root().join("examples/rules"), &dir.join("rules"));
    copy_dir(&root().join("examples/schemas"), &dir.join("schemas"));
    let rule = dir.join("rules/datto_rmm_network_connection.yaml");
    let text = std::fs::read_to_string(&rule).unwrap();
    assert!(text.contains("  'rmm.datto.com',\n"));
    std::fs::write(
        &rule,
        text.replace("  'rmm.datto.com',\n", "  'rmm.datto.co',\n"),
    )
    .unwrap();
    let junit = dir.join("report.xml");
    let out = kql(&["test", s(&dir.join("rules")), "--junit", s(&junit)]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(text.contains("FAIL "), "{text}");
    assert!(
        text.contains("rows differ (in any order; - expected, + actual):"),
        "{text}"
    );
    assert!(
        text.contains("    - {DeviceId: \"d-0001\", DeviceName: \"fin-wks-07.contoso.local\", RemoteUrl: \"rmm.datto.com\""),
        "{text}"
    );
    assert!(text.contains("expected 2 rows, got 1"), "{text}");
    assert!(text.ends_with("6 passed, 2 failed\n"), "{text}");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("tests=\"8\" failures=\"2\""), "{xml}");
    assert!(xml.contains("<failure message="), "{xml}");
}

#[test]
fn test_usage_errors_exit_2() {
    assert_exit(&kql(&["test", "no/such/path"]), 2);
    assert_exit(&kql(&["test", "examples/schemas"]), 2);
    assert_exit(&kql(&["test"]), 2);
}

#[test]
fn a_bad_test_file_fails_and_names_the_problem() {
    let dir = scratch("bad_test_file");
    std::fs::write(
        dir.join("a.test.yaml"),
        "query: print x = 1\nexpects:\n  count: 1\n",
    )
    .unwrap();
    let out = kql(&["test", s(&dir)]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(
        text.contains("unknown key 'expects' (did you mean 'expect'?)"),
        "{text}"
    );
}

#[test]
fn inline_queries_rows_watchlists_and_order() {
    let dir = scratch("inline");
    std::fs::write(
        dir.join("vip.csv"),
        "SearchKey,Owner\nhost-a,alice\nhost-c,carol\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("vip.test.yaml"),
        r#"
query: |
  let vip = _GetWatchlist('VIP') | project SearchKey;
  Logons
  | where Host in (vip) and Time > ago(1d)
  | project Host, Time
  | sort by Host asc
now: 2026-11-26T00:00:00Z
watchlists:
  VIP: vip.csv
tables:
  Logons:
    - {Host: host-a, Time: 2026-11-25T10:00:00Z}
    - {Host: host-b, Time: 2026-11-25T11:00:00Z}
    - {Host: host-c, Time: 2026-11-20T11:00:00Z}
    - {Host: host-c, Time: 2026-11-25T12:00:00Z}
tests:
  - name: ordered rows
    expect:
      ordered: true
      rows:
        - {Host: host-a, Time: 2026-11-25T10:00:00Z}
        - {Host: host-c, Time: 2026-11-25T12:00:00Z}
  - name: wrong order fails
    expect:
      ordered: true
      rows:
        - {Host: host-c, Time: 2026-11-25T12:00:00Z}
        - {Host: host-a, Time: 2026-11-25T10:00:00Z}
  - name: a test's own tables
    tables:
      Logons:
        rows:
          - {Host: host-z, Time: 2026-11-25T10:00:00Z}
    expect:
      count: 0
"#,
    )
    .unwrap();
    let out = kql(&["test", s(&dir.join("vip.test.yaml"))]);
    assert_exit(&out, 1);
    let text = stdout(&out);
    assert!(text.contains("ok   "), "{text}");
    assert!(text.contains(": ordered rows\n"), "{text}");
    assert!(
        text.contains("rows differ (in order; - expected, + actual):"),
        "{text}"
    );
    assert!(text.contains("    - [1] {Host: \"host-c\""), "{text}");
    assert!(text.contains("    + [1] {Host: \"host-a\""), "{text}");
    assert!(text.ends_with("2 passed, 1 failed\n"), "{text}");
}

#[test]
fn watchlists_serve_get_watchlist() {
    let dir = scratch("watchlist");
    let csv = dir.join("hosts.csv");
    std::fs::write(&csv, "SearchKey,Owner\nwks-01.contoso.local,alice\n").unwrap();
    let spec = format!("HighValue={}", csv.display());
    let out = kql(&[
        "run",
        "-e",
        "let hv = _GetWatchlist('HighValue') | project SearchKey; DeviceNetworkEvents | where DeviceName in (hv) | distinct DeviceName",
        "--data",
        "examples/data",
        "--watchlist",
        &spec,
        "--format",
        "csv",
    ]);
    assert_exit(&out, 0);
    assert_eq!(stdout(&out), "DeviceName\nwks-01.contoso.local\n");

    let out = kql(&[
        "run",
        "-e",
        "_GetWatchlist('HighValu')",
        "--watchlist",
        &spec,
    ]);
    assert_exit(&out, 1);
    assert!(
        stderr(&out).contains("did you mean 'HighValue'?"),
        "{}",
        stderr(&out)
    );

    let out = kql(&[
        "run",
        "-e",
        "_GetWatchlist('x')",
        "--watchlist",
        "x=no/such.csv",
    ]);
    assert_exit(&out, 2);
}
