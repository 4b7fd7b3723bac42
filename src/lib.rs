//! # kql: the Kusto Query Language, outside Azure
//!
//! Parse KQL into an AST with source spans, and run it over in-memory tables.
//!
//! ```
//! use kql::{Engine, Value};
//! let mut engine = Engine::new();
//! let rows: Vec<serde_json::Value> = serde_json::from_str(
//!     r#"[{"Host": "a", "Bytes": 10}, {"Host": "b", "Bytes": 5}, {"Host": "a", "Bytes": 1}]"#,
//! ).unwrap();
//! engine.add_table("Traffic", kql::io::table_from_json_rows(&rows, None).unwrap());
//! let results = engine
//!     .run("Traffic | summarize Total = sum(Bytes) by Host | sort by Host asc")
//!     .unwrap();
//! assert_eq!(results[0].row(0), vec![Value::String("a".into()), Value::Long(Some(11))]);
//! ```
//!
//! This crate re-exports [`kql_parser`] (text to AST) and [`kql_eval`] (AST to results),
//! so an embedder needs one dependency.

pub use kql_eval::*;

#[doc(hidden)]
pub mod fuzzing;
pub use kql_parser::{self as parser, ast, parse_query, Span};

/// Parses a query into its AST (`Display` prints canonical KQL).
pub fn parse(text: &str) -> Result<ast::Query, parser::ParseError> {
    parse_query(text)
}
