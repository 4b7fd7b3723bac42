//! `kql test`: runs rule tests written in `*.test.yaml` files (format in [`spec`]) and
//! prints `ok`/`FAIL` per test with a diff of expected and actual rows; optionally writes
//! a JUnit XML report. Exit 0 when every test passes, 1 when any fails, 2 on usage errors.

pub mod compare;
pub mod spec;

use crate::args::TestArgs;
use crate::diagnostic::{use_colour, Diagnostic};
use crate::error::CliError;
use crate::junit::{to_xml, CaseResult};
use crate::rule::Rule;
use compare::{compare, Actual};
use kql::io::{load_table, read_schema_dir, table_from_json_rows, LoadOptions};
use kql::{Engine, Schema};
use spec::{Subject, TableSource, TestCase};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Runs the tests the arguments name.
pub fn test(args: &TestArgs) -> Result<(), CliError> {
    let mut files = Vec::new();
    for path in &args.paths {
        if path.is_dir() {
            let before = files.len();
            walk(path, &mut files)?;
            if files.len() == before {
                return Err(CliError::Usage(format!(
                    "no *.test.yaml files under '{}'",
                    path.display()
                )));
            }
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            return Err(CliError::Usage(format!(
                "'{}': no such file or directory",
                path.display()
            )));
        }
    }
    let cli_schemas = match &args.schemas {
        Some(dir) if !dir.is_dir() => {
            return Err(CliError::Usage(format!(
                "schema directory '{}' does not exist",
                dir.display()
            )))
        }
        Some(dir) => read_schema_dir(dir).map_err(|e| CliError::Data(e.to_string()))?,
        None => BTreeMap::new(),
    };
    if let Some(path) = args.geoip.as_ref().filter(|p| !p.is_file()) {
        return Err(CliError::Usage(format!(
            "--geoip {}: no such file",
            path.display()
        )));
    }

    let colour = use_colour(std::io::stdout().is_terminal());
    let (green, red, reset) = if colour {
        ("\x1b[32m", "\x1b[1;31m", "\x1b[0m")
    } else {
        ("", "", "")
    };
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut results = Vec::new();
    for file in &files {
        let shown = file.display().to_string();
        let cases = match spec::read(file) {
            // `--geoip` is the table of every test that does not name its own.
            Ok(f) => f
                .cases
                .into_iter()
                .map(|mut c| {
                    c.geoip = c.geoip.or_else(|| args.geoip.clone());
                    c
                })
                .collect::<Vec<_>>(),
            Err(message) => {
                writeln!(out, "{red}FAIL{reset} {shown}\n{}", indent(&message))?;
                results.push(CaseResult {
                    file: shown,
                    name: "(test file)".into(),
                    seconds: 0.0,
                    failure: Some(message),
                });
                continue;
            }
        };
        for case in &cases {
            let start = Instant::now();
            let failure = run_case(case, &shown, &cli_schemas).err();
            let seconds = start.elapsed().as_secs_f64();
            match &failure {
                None => writeln!(out, "{green}ok{reset}   {shown}: {}", case.name)?,
                Some(why) => writeln!(
                    out,
                    "{red}FAIL{reset} {shown}: {}\n{}",
                    case.name,
                    indent(why)
                )?,
            }
            results.push(CaseResult {
                file: shown.clone(),
                name: case.name.clone(),
                seconds,
                failure,
            });
        }
    }
    let failed = results.iter().filter(|r| r.failure.is_some()).count();
    writeln!(out, "\n{} passed, {failed} failed", results.len() - failed)?;
    out.flush()?;
    if let Some(path) = &args.junit {
        std::fs::write(path, to_xml(&results)).map_err(|e| {
            CliError::Data(format!(
                "cannot write the JUnit report '{}': {e}",
                path.display()
            ))
        })?;
    }
    if failed > 0 {
        return Err(CliError::Query(String::new()));
    }
    Ok(())
}

/// Indents every line by two spaces.
fn indent(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The `*.test.yaml` / `*.test.yml` files under `dir`, sorted.
fn walk(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), CliError> {
    let mut here = Vec::new();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| CliError::Usage(format!("cannot read directory '{}': {e}", dir.display())))?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() || name.ends_with(".test.yaml") || name.ends_with(".test.yml") {
            here.push(path);
        }
    }
    here.sort();
    for path in here {
        if path.is_dir() {
            walk(&path, found)?;
        } else {
            found.push(path);
        }
    }
    Ok(())
}

/// Runs one test: `Err` holds why it failed.
fn run_case(
    case: &TestCase,
    file: &str,
    cli_schemas: &BTreeMap<String, Schema>,
) -> Result<(), String> {
    let mut schemas = cli_schemas.clone();
    if let Some(dir) = &case.schemas {
        let more = read_schema_dir(dir).map_err(|e| format!("schemas '{}': {e}", dir.display()))?;
        schemas.extend(more);
    }
    let mut engine = Engine::new();
    for (name, source) in &case.tables {
        let schema = schemas.get(name);
        let table = match source {
            TableSource::File(path) => load_table(
                path,
                &LoadOptions {
                    schema: schema.cloned(),
                    ..LoadOptions::default()
                },
            )
            .map_err(|e| format!("table '{name}': {e}"))?,
            TableSource::Rows(rows) => {
                table_from_json_rows(rows, schema).map_err(|e| format!("table '{name}': {e}"))?
            }
        };
        engine.add_table(name.clone(), table);
    }
    for (name, path) in &case.watchlists {
        let table = load_table(path, &LoadOptions::default())
            .map_err(|e| format!("watchlist '{name}': {e}"))?;
        engine.add_watchlist(name.clone(), table);
    }
    if let Some(path) = &case.geoip {
        let table = load_table(path, &LoadOptions::default())
            .map_err(|e| format!("geoip '{}': {e}", path.display()))?;
        engine
            .set_geoip(&table)
            .map_err(|e| format!("geoip '{}': {e}", path.display()))?;
    }
    if let Some(now) = &case.now {
        let ticks = crate::data::parse_datetime_arg(now).ok_or_else(|| {
            format!("'now: {now}' is not an RFC 3339 datetime such as 2026-11-26T00:00:00Z")
        })?;
        engine.set_now(ticks);
    }
    let results = match &case.subject {
        Subject::Rule(path) => {
            let rule = Rule::read(path)?;
            let missing = crate::rule::missing_tables(&rule, |t| engine.table(t).is_some());
            if !missing.is_empty() {
                return Err(format!(
                    "the rule needs table(s) {} (requiredDataConnectors) that the test does not provide",
                    missing
                        .iter()
                        .map(|m| format!("'{m}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            engine
                .run(&rule.query)
                .map_err(|e| Diagnostic::from_rule_error(&rule, &e).render(false))?
        }
        Subject::Query(query) => engine.run(query).map_err(|e| {
            Diagnostic::from_query_error(&e, query, &format!("{file} (query)"), None).render(false)
        })?,
    };
    let Some(table) = results.last() else {
        return Err("the query returned no result".into());
    };
    let failures = compare(&case.expect, &Actual::from_table(table));
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}
