//! `kql check` over files and directory trees: every `.kql`/`.csl` query and every Sentinel
//! rule (`.yaml`/`.yml`) is parsed and bound against the schemas; each problem is printed
//! as `file:line:column` with the source line and a caret (or as JSON), then a summary line.

use crate::args::CheckArgs;
use crate::data;
use crate::diagnostic::{use_colour, Diagnostic};
use crate::error::CliError;
use crate::rule::{is_rule_path, Rule};
use clap::ValueEnum;
use kql::Engine;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// How `kql check` prints diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// `error[CODE]: message`, `--> file:line:column`, the source line and a caret.
    Text,
    /// One JSON object per diagnostic and line:
    /// `{"file","line","column","end_line","end_column","code","message","hint"}`.
    Json,
}

/// Query file extensions checked in directories.
const QUERY_EXTENSIONS: &[&str] = &["kql", "csl"];

/// True when `kql check` should check files and print a summary rather than print the
/// result columns of one query: several paths, a directory, or `--format json`.
pub fn wants_file_mode(args: &CheckArgs) -> bool {
    !args.more.is_empty()
        || args.format == CheckFormat::Json
        || args.query.file.as_ref().is_some_and(|p| p.is_dir())
}

/// One input to check.
enum Input {
    /// A query or rule file.
    File(PathBuf),
    /// `-e TEXT`.
    Text(String),
}

/// Checks every file the arguments name; exit 1 when any problem was found.
pub fn check_files(args: &CheckArgs) -> Result<(), CliError> {
    let mut inputs = Vec::new();
    if let Some(text) = &args.query.text {
        inputs.push(Input::Text(text.clone()));
    }
    for path in args.query.file.iter().chain(&args.more) {
        if path.as_os_str() == "-" {
            return Err(CliError::Usage(
                "standard input cannot be checked along with files; use -e TEXT or a file".into(),
            ));
        }
        if path.is_dir() {
            inputs.extend(walk(path)?.into_iter().map(Input::File));
        } else if path.is_file() {
            inputs.push(Input::File(path.clone()));
        } else {
            return Err(CliError::Usage(format!(
                "'{}': no such file or directory",
                path.display()
            )));
        }
    }
    if inputs.is_empty() && args.query.file.is_none() && args.query.text.is_none() {
        return Err(CliError::Usage(
            "nothing to check: name files or directories, or use -e TEXT".into(),
        ));
    }
    data::check_table_paths(&args.data)?;
    let schemas = data::read_schemas(&args.data)?;
    let mut engine = Engine::new();
    for (name, schema) in &schemas {
        engine.add_schema(name.clone(), schema.clone());
    }
    data::load_tables(&mut engine, &args.data, &schemas)?;

    let colour = use_colour(std::io::stderr().is_terminal());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    let mut files = 0usize;
    let mut errors = 0usize;
    for input in &inputs {
        let Some(diagnostics) = check_input(&engine, input) else {
            continue;
        };
        files += 1;
        errors += diagnostics.len();
        for d in &diagnostics {
            match args.format {
                CheckFormat::Text => err.write_all(d.render(colour).as_bytes())?,
                CheckFormat::Json => writeln!(out, "{}", d.to_json())?,
            }
        }
    }
    out.flush()?;
    writeln!(err, "{}", summary(files, errors))?;
    err.flush()?;
    if errors > 0 {
        // The diagnostics are printed already; exit 1 without another message.
        return Err(CliError::Query(String::new()));
    }
    Ok(())
}

/// `N files checked, M errors`.
pub fn summary(files: usize, errors: usize) -> String {
    format!(
        "{files} file{} checked, {errors} error{}",
        if files == 1 { "" } else { "s" },
        if errors == 1 { "" } else { "s" }
    )
}

/// The problems in one input; `None` for a YAML file in a directory that is not a rule
/// (it has no `query`) or that is a test file, which is skipped.
fn check_input(engine: &Engine, input: &Input) -> Option<Vec<Diagnostic>> {
    match input {
        Input::Text(text) => Some(check_query(engine, text, "<expr>")),
        Input::File(path) => {
            let shown = path.display().to_string();
            let text = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) => {
                    return Some(vec![Diagnostic::file_error(
                        &shown,
                        &format!("cannot read the file: {e}"),
                    )])
                }
            };
            if !is_rule_path(path) {
                return Some(check_query(engine, &text, &shown));
            }
            match Rule::parse(&text, &shown) {
                Ok(rule) => {
                    let mut found = rule_settings(&rule);
                    if let Err(e) = engine.check(&rule.query) {
                        found.push(Diagnostic::from_rule_error(&rule, &e));
                    }
                    Some(found)
                }
                Err(message) => Some(vec![
                    Diagnostic::file_error(&shown, &message).with_source(&text)
                ]),
            }
        }
    }
}

/// Problems with a rule's `queryPeriod` and `queryFrequency`: each must be a KQL timespan
/// (`5d`, `1h`, `30m`).
fn rule_settings(rule: &Rule) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (key, value) in [
        ("queryPeriod", &rule.query_period),
        ("queryFrequency", &rule.query_frequency),
    ] {
        let Some(value) = value else {
            continue;
        };
        if is_timespan(value) {
            continue;
        }
        let line = rule.file_text.lines().position(|l| {
            l.strip_prefix(key)
                .is_some_and(|r| r.trim_start().starts_with(':'))
        });
        let mut d = Diagnostic::file_error(
            &rule.path,
            &format!("{key} '{value}' is not a timespan such as 5d, 1h or 30m"),
        );
        d.code = "KQL0002".to_string();
        if let Some(i) = line {
            let text = rule.file_text.lines().nth(i).unwrap_or("");
            d.pos = Some(crate::diagnostic::Position {
                line: i + 1,
                column: 1,
                end_line: i + 1,
                end_column: text.chars().count() + 1,
            });
            d.source_line = Some(text.to_string());
        }
        found.push(d);
    }
    found
}

/// True when `text` is a KQL timespan literal (`5d`, `1h`, `timespan(1.00:00:00)`).
fn is_timespan(text: &str) -> bool {
    let text = text.trim();
    if text.is_empty() || text.contains(['\n', ';', '|']) {
        return false;
    }
    Engine::new()
        .check(&format!("print x = {text}"))
        .is_ok_and(|schemas| {
            schemas
                .first()
                .and_then(|s| s.first())
                .is_some_and(|f| f.data_type == kql::DataType::TimeSpan)
        })
}

fn check_query(engine: &Engine, text: &str, file: &str) -> Vec<Diagnostic> {
    match engine.check(text) {
        Ok(_) => Vec::new(),
        Err(e) => vec![Diagnostic::from_query_error(&e, text, file, None)],
    }
}

/// The query and rule files under `dir`, sorted, skipping hidden entries, `*.test.yaml`
/// test files and YAML files without a top-level `query:` line.
fn walk(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| {
            CliError::Usage(format!("cannot read directory '{}': {e}", d.display()))
        })?;
        for entry in entries.flatten() {
            let path = entry.path();
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            if path.is_dir() {
                stack.push(path);
            } else if is_checked_file(&path) {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn is_checked_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if is_rule_path(path) {
        if name.ends_with(".test.yaml") || name.ends_with(".test.yml") {
            return false;
        }
        // Only rules: other YAML (test files, parsers, workbooks) is not checked.
        return std::fs::read_to_string(path).is_ok_and(|t| {
            t.lines().any(|l| {
                l.strip_prefix("query")
                    .is_some_and(|r| r.trim_start().starts_with(':'))
            })
        });
    }
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| QUERY_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_counts_with_plurals() {
        assert_eq!(summary(1, 0), "1 file checked, 0 errors");
        assert_eq!(summary(3, 1), "3 files checked, 1 error");
    }

    #[test]
    fn rule_periods_must_be_timespans() {
        assert!(is_timespan("5d"));
        assert!(is_timespan("1h"));
        assert!(!is_timespan("5 days"));
        assert!(!is_timespan("T | take 1"));
        let rule = Rule::parse("queryPeriod: 5x\nqueryFrequency: 1h\nquery: T\n", "r.yaml")
            .unwrap_or_else(|e| panic!("{e}"));
        let found = rule_settings(&rule);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location(), "r.yaml:1:1");
        assert_eq!(found[0].code, "KQL0002");
    }
}
