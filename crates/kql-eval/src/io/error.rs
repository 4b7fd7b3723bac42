//! The error of every loader: which file, line and column, and what is wrong there.

use std::fmt;

/// Why data or a schema could not be loaded. Displayed as `source:line:column: message`,
/// leaving out the parts that are not known.
///
/// For CSV the column is the 1-based field number (the message names the header); for JSON
/// it is the 1-based character column that the JSON parser reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The file path or the name of the input (`<rows>` for in-memory rows).
    pub source: String,
    /// 1-based line (or row, for in-memory rows), when known.
    pub line: Option<u64>,
    /// 1-based column (CSV: field number), when known.
    pub column: Option<u64>,
    /// What is wrong.
    pub message: String,
}

impl LoadError {
    /// An error about the whole input (no line or column).
    pub fn new(source: impl Into<String>, message: impl Into<String>) -> Self {
        LoadError {
            source: source.into(),
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// An error at a line.
    pub fn at_line(source: impl Into<String>, line: u64, message: impl Into<String>) -> Self {
        LoadError {
            line: Some(line),
            ..LoadError::new(source, message)
        }
    }

    /// An error at a line and column.
    pub fn at(
        source: impl Into<String>,
        line: u64,
        column: u64,
        message: impl Into<String>,
    ) -> Self {
        LoadError {
            line: Some(line),
            column: Some(column),
            ..LoadError::new(source, message)
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

// Written by hand rather than with thiserror: thiserror treats a field named `source` as
// the underlying error, and here it is the file name.
impl std::error::Error for LoadError {}

/// The message of a serde_json error without the ` at line L column C` suffix it appends
/// (the loaders report positions in the file themselves).
pub(crate) fn json_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match text.strip_suffix(&suffix) {
        Some(s) => s.to_string(),
        None => text,
    }
}

/// A short quoted excerpt of a value for error messages.
pub(crate) fn excerpt(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() <= MAX {
        format!("{s:?}")
    } else {
        let head: String = s.chars().take(MAX).collect();
        format!("{:?}…", head)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn display_leaves_out_unknown_parts() {
        assert_eq!(LoadError::new("a.csv", "empty").to_string(), "a.csv: empty");
        assert_eq!(
            LoadError::at_line("a.csv", 3, "bad").to_string(),
            "a.csv:3: bad"
        );
        assert_eq!(
            LoadError::at("a.csv", 3, 2, "bad").to_string(),
            "a.csv:3:2: bad"
        );
    }

    #[test]
    fn json_message_strips_position() {
        let e = serde_json::from_str::<serde_json::Value>("{").unwrap_err();
        assert_eq!(json_message(&e), "EOF while parsing an object");
    }
}
