//! Parser tests: round trips through the printer, precedence, statements, operators,
//! literals, errors and limits.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod errors;
mod expand_parse;
mod expressions;
mod joins;
mod limits;
mod literals;
mod pipelines;
mod statements;

use crate::ast::visit::clear_spans;
use crate::ast::{Expr, Query};
use crate::{parse_expr, parse_query, ParseError};

/// Parses or panics with the error.
pub(super) fn parse(text: &str) -> Query {
    parse_query(text).unwrap_or_else(|e| panic!("{text:?}: {e} at {:?}", e.span))
}

fn stripped(text: &str) -> Query {
    let mut q = parse(text);
    clear_spans(&mut q);
    q
}

/// `text` is canonical: it prints back unchanged, and the printed text parses to an equal
/// tree.
pub(super) fn assert_roundtrip(text: &str) {
    let printed = parse(text).to_string();
    assert_eq!(printed, text, "printing {text:?}");
}

/// `input` parses to the same tree as `canonical`, which prints as itself.
pub(super) fn assert_parses_to(input: &str, canonical: &str) {
    let printed = parse(input).to_string();
    assert_eq!(printed, canonical, "printing {input:?}");
    assert_roundtrip(canonical);
    assert_eq!(stripped(input), stripped(canonical), "trees of {input:?}");
}

/// One expression, fully parenthesized (`{:#}`).
pub(super) fn full(text: &str) -> String {
    let e: Expr = parse_expr(text).unwrap_or_else(|err| panic!("{text:?}: {err}"));
    format!("{e:#}")
}

/// The error for `text`.
pub(super) fn parse_err(text: &str) -> ParseError {
    match parse_query(text) {
        Ok(q) => panic!("{text:?} parsed as {q}"),
        Err(e) => e,
    }
}
