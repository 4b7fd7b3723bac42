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
}

impl QueryText {
    /// Reads the query the arguments point to. A missing or unreadable file is a usage error.
    pub fn read(args: &QueryArgs) -> Result<QueryText, CliError> {
        if let Some(text) = &args.text {
            return Ok(QueryText {
                text: text.clone(),
                origin: "<expr>".to_string(),
            });
        }
        match &args.file {
            Some(path) if path.as_os_str() != "-" => {
                let text = std::fs::read_to_string(path).map_err(|e| {
                    CliError::Usage(format!("cannot read query file '{}': {e}", path.display()))
                })?;
                Ok(QueryText {
                    text,
                    origin: path.display().to_string(),
                })
            }
            _ => read_stdin(),
        }
    }

    /// Renders a query error against this text.
    pub fn error(&self, err: &kql::Error) -> CliError {
        CliError::query(&self.text, err, Some(&self.origin))
    }
}

fn read_stdin() -> Result<QueryText, CliError> {
    if std::io::stdin().is_terminal() {
        eprintln!("reading the query from standard input (end it with Ctrl-D; see --help)");
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| CliError::Usage(format!("cannot read the query from standard input: {e}")))?;
    Ok(QueryText {
        text,
        origin: "<stdin>".to_string(),
    })
}
