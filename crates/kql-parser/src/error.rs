//! Parse errors: a kind with a stable code, a span, and the set of things that were expected.
//!
//! Messages never contain positions; the renderer (in `kql-eval`) turns the span into
//! `line:col` and draws the caret.

use crate::Span;
use std::fmt;

/// Something the parser was looking for when it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expected {
    /// A specific token or keyword, shown quoted: `')'`, `'by'`.
    Token(&'static str),
    /// A kind of thing, shown as is: `an expression`, `a name`, `end of input`.
    Kind(&'static str),
}

impl Expected {
    /// `Expected::Kind("an expression")`.
    pub const EXPRESSION: Expected = Expected::Kind("an expression");
    /// `Expected::Kind("a name")`.
    pub const NAME: Expected = Expected::Kind("a name");
    /// `Expected::Kind("end of input")`.
    pub const END: Expected = Expected::Kind("end of input");
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Token(t) => write!(f, "'{t}'"),
            Expected::Kind(k) => f.write_str(k),
        }
    }
}

/// What went wrong. Each kind has a stable code (see [`ParseErrorKind::code`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseErrorKind {
    /// A token that does not fit here: `T | where x ==` followed by `)`.
    #[error("unexpected '{found}'")]
    UnexpectedToken {
        /// The token's text (shortened when long).
        found: String,
    },
    /// The query ends too early: `T | where`.
    #[error("unexpected end of input")]
    UnexpectedEof,
    /// A string literal without its closing quote: `print 'abc`.
    #[error("unterminated string literal")]
    UnterminatedString,
    /// A literal whose text is not valid: `datetime(2024-13-01)`, `guid(xyz)`, `"\q"`.
    #[error("invalid {what}")]
    InvalidLiteral {
        /// What kind of literal, e.g. "datetime literal".
        what: String,
    },
    /// A number that does not fit its type: `9223372036854775808`, `int(3000000000)`.
    #[error("number out of range")]
    NumberOutOfRange,
    /// Nesting deeper than the parser allows: `((((...))))` 300 levels deep.
    #[error("expression nested too deeply")]
    TooDeep,
    /// An operator word after `|` that KQL does not have: `T | frobnicate`.
    #[error("unknown operator '{name}'")]
    UnknownOperator {
        /// The word.
        name: String,
    },
    /// Text left over after a complete statement: `T | take 1 )`.
    #[error("unexpected '{found}' after the end of the statement")]
    TrailingInput {
        /// The first unused token's text.
        found: String,
    },
    /// A character that starts no token: `print 1 # 2`.
    #[error("unexpected character '{ch}'")]
    InvalidCharacter {
        /// The character.
        ch: char,
    },
}

impl ParseErrorKind {
    /// The stable code of this kind (`KQL1001`...).
    pub fn code(&self) -> &'static str {
        match self {
            ParseErrorKind::UnexpectedToken { .. } => "KQL1001",
            ParseErrorKind::UnexpectedEof => "KQL1002",
            ParseErrorKind::UnterminatedString => "KQL1003",
            ParseErrorKind::InvalidLiteral { .. } => "KQL1004",
            ParseErrorKind::NumberOutOfRange => "KQL1005",
            ParseErrorKind::TooDeep => "KQL1006",
            ParseErrorKind::UnknownOperator { .. } => "KQL1007",
            ParseErrorKind::TrailingInput { .. } => "KQL1008",
            ParseErrorKind::InvalidCharacter { .. } => "KQL1009",
        }
    }
}

/// A parse error: what went wrong, where, and what would have been accepted there.
///
/// `Display` gives the message, e.g. `expected ')' or ',' but found 'where'`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// Where (byte offsets into the query text).
    pub span: Span,
    /// What the parser would have accepted at `span`, in the order it looked for them.
    pub expected: Vec<Expected>,
}

impl ParseError {
    /// An error without an expected set.
    pub fn new(kind: ParseErrorKind, span: Span) -> Self {
        ParseError {
            kind,
            span,
            expected: Vec::new(),
        }
    }

    /// Sets the expected set.
    pub fn with_expected(mut self, expected: Vec<Expected>) -> Self {
        self.expected = expected;
        self
    }

    /// The stable code of the error kind (`KQL1001`...).
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The message, naming what was expected when known. Never contains a position.
    pub fn message(&self) -> String {
        if self.expected.is_empty() {
            return self.kind.to_string();
        }
        let list = expected_list(&self.expected);
        match &self.kind {
            ParseErrorKind::UnexpectedToken { found } | ParseErrorKind::TrailingInput { found } => {
                format!("expected {list} but found '{found}'")
            }
            ParseErrorKind::UnexpectedEof => format!("expected {list} but found end of input"),
            kind => format!("{kind}: expected {list}"),
        }
    }
}

/// `a`, `a or b`, `a, b or c`.
fn expected_list(items: &[Expected]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { " or " } else { ", " });
        }
        out.push_str(&item.to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_expected_tokens() {
        let err = ParseError::new(
            ParseErrorKind::UnexpectedToken {
                found: "where".into(),
            },
            Span::new(3, 8),
        )
        .with_expected(vec![Expected::Token(")"), Expected::Token(",")]);
        assert_eq!(err.to_string(), "expected ')' or ',' but found 'where'");
        assert_eq!(err.code(), "KQL1001");
    }

    #[test]
    fn message_for_eof_and_lists() {
        let err =
            ParseError::new(ParseErrorKind::UnexpectedEof, Span::new(9, 9)).with_expected(vec![
                Expected::EXPRESSION,
                Expected::Token("("),
                Expected::END,
            ]);
        assert_eq!(
            err.to_string(),
            "expected an expression, '(' or end of input but found end of input"
        );
        let plain = ParseError::new(ParseErrorKind::TooDeep, Span::new(0, 1));
        assert_eq!(plain.to_string(), "expression nested too deeply");
        assert_eq!(plain.code(), "KQL1006");
    }
}
