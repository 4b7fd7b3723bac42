//! Reads the query text from `-e TEXT`, a file, or standard input.

use crate::args::QueryArgs;
use crate::error::CliError;
use std::io::{IsTerminal, Read};

/// A query's text and the name to show in diagnostics.
#[derive(Debug)]
pub struct QueryText {
    /// The query.
    pub text: String,
    /// The file name shown in diagnostics (`<expr>` for `-e`, `<stdin>` for standard input).
    pub origin: String,
    /// The Sentinel rule the query came from (a `.yaml`/`.yml` query file).
    pub rule: Option<crate::rule::Rule>,
}

impl QueryText {
    /// Reads the query the arguments point to. A missing or unreadable file is a usage error.
    pub fn read(args: &QueryArgs) -> Result<QueryText, CliError> {
        if let Some(text) = &args.text {
            return Ok(QueryText {
                text: text.clone(),
                origin: "<expr>".to_string(),
                rule: None,
            });
        }
        match &args.file {
            Some(path) if path.as_os_str() != "-" && crate::rule::is_rule_path(path) => {
                if !path.is_file() {
                    return Err(CliError::Usage(format!(
                        "cannot read rule file '{}': no such file",
                        path.display()
                    )));
                }
                let rule = crate::rule::Rule::read(path).map_err(CliError::Data)?;
                Ok(QueryText {
                    text: rule.query.clone(),
                    origin: path.display().to_string(),
                    rule: Some(rule),
                })
            }
            Some(path) if path.as_os_str() != "-" => {
                let bytes = std::fs::read(path).map_err(|e| {
                    CliError::Usage(format!("cannot read query file '{}': {e}", path.display()))
                })?;
                let text = utf8_query(bytes, &path.display().to_string())?;
                Ok(QueryText {
                    text,
                    origin: path.display().to_string(),
                    rule: None,
                })
            }
            _ => read_stdin(),
        }
    }

    /// Renders a query error against this text.
    pub fn error(&self, err: &kql::Error) -> CliError {
        match &self.rule {
            Some(rule) => CliError::Query(
                crate::diagnostic::Diagnostic::from_rule_error(rule, err).render(false),
            ),
            None => CliError::query(&self.text, err, Some(&self.origin)),
        }
    }
}

/// The query text of a file's bytes; invalid UTF-8 is a query error (exit code 1) naming
/// the line and column of the first bad byte.
fn utf8_query(bytes: Vec<u8>, origin: &str) -> Result<String, CliError> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let before = e.as_bytes().get(..valid).unwrap_or_default();
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(before.get(line_start..).unwrap_or_default())
            .chars()
            .count()
            + 1;
        CliError::Data(format!(
            "{origin}:{line}:{column}: the query is not valid UTF-8"
        ))
    })
}

fn read_stdin() -> Result<QueryText, CliError> {
    if std::io::stdin().is_terminal() {
        eprintln!("reading the query from standard input (end it with Ctrl-D; see --help)");
    }
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| CliError::Usage(format!("cannot read the query from standard input: {e}")))?;
    let text = utf8_query(bytes, "<stdin>")?;
    Ok(QueryText {
        text,
        origin: "<stdin>".to_string(),
        rule: None,
    })
}
