//! Lexer, parser, AST and canonical printer for the Kusto Query Language (KQL).
//!
//! ```text
//! query text ──lex──▶ tokens ──parse──▶ AST (spans) ──Display──▶ canonical KQL
//! ```
//!
//! ```
//! use kql_parser::{parse_query, ast::{StatementKind, ExprKind}};
//!
//! let query = parse_query("T | where x > 1 | take 5").unwrap();
//! assert_eq!(query.to_string(), "T\n| where x > 1\n| take 5");
//! let StatementKind::Expr(expr) = &query.statements[0].kind else { unreachable!() };
//! let ExprKind::Tabular(pipeline) = &expr.kind else { unreachable!() };
//! assert_eq!(pipeline.operators.len(), 2);
//!
//! // Errors carry a span, a stable code and what was expected.
//! let err = parse_query("T | where").unwrap_err();
//! assert_eq!(err.code(), "KQL1002");
//! assert_eq!(err.to_string(), "expected an expression but found end of input");
//! ```
//!
//! - [`parse_query`] / [`parse_expr`]: text to [`ast`] nodes, each with a byte [`Span`].
//! - `Display` on the AST prints canonical KQL; parsing it gives back an equal tree
//!   (compare with spans cleared by [`ast::visit::clear_spans`]). `{:#}` parenthesizes
//!   every nested operator to show precedence.
//! - [`literal`] has the datetime, timespan, guid, number and string formats, shared with
//!   the evaluator's conversion functions.
//! - [`lexer::lex`] exposes the tokens.

#![warn(missing_docs)]

pub mod ast;
mod error;
pub mod lexer;
pub mod literal;
mod parser;
mod prec;
mod span;

pub use error::{Expected, ParseError, ParseErrorKind};
pub use lexer::lex;
pub use parser::{parse_expr, parse_query, MAX_DEPTH};
pub use span::Span;
