//! Tabular operators after `|`: dispatch on the operator word, one function per operator.
//! Operators that are recognized but not modelled yet become [`OperatorKind::Unsupported`]
//! with their exact text.

mod expand_parse;
mod filter;
mod join;
mod project;
mod search;
mod sort;
mod summarize;

use super::{PResult, Parser};
use crate::ast::{Operator, OperatorKind};
use crate::error::{Expected, ParseError, ParseErrorKind};
use crate::lexer::{Punct, TokenKind};

/// Operator words that parse as [`OperatorKind::Unsupported`] for now.
pub(crate) const UNSUPPORTED_OPERATORS: &[&str] = &[
    "assert-schema",
    "consume",
    "evaluate",
    "execute-and-cache",
    "externaldata",
    "facet",
    "find",
    "fork",
    "graph-mark-components",
    "graph-match",
    "graph-merge",
    "graph-shortest-paths",
    "graph-to-table",
    "macro-expand",
    "make-graph",
    "partition",
    "project-smart",
    "reduce",
    "render",
    "scan",
];

impl Parser<'_> {
    /// operator := where | project | extend | project-away | project-rename | summarize
    ///           | take | sort | top | distinct | count | union | unsupported_operator
    pub(super) fn operator(&mut self) -> PResult<Operator> {
        let tok = self.peek();
        if tok.kind != TokenKind::Word {
            return Err(self.unexpected_wanting(Expected::Kind("an operator")));
        }
        let word = self.text(tok);
        let parse: fn(&mut Self) -> PResult<OperatorKind> = match word {
            "where" | "filter" => Self::where_op,
            "project" => Self::project_op,
            "extend" => Self::extend_op,
            "project-away" => Self::project_away_op,
            "project-rename" => Self::project_rename_op,
            "summarize" => Self::summarize_op,
            "take" | "limit" => Self::take_op,
            "sort" | "order" => Self::sort_op,
            "top" => Self::top_op,
            "distinct" => Self::distinct_op,
            "count" => Self::count_op,
            "union" => Self::union_op,
            "join" => Self::join_op,
            "lookup" => Self::lookup_op,
            "as" => Self::as_op,
            "invoke" => Self::invoke_op,
            "search" => Self::search_op,
            "mv-expand" | "mvexpand" => Self::mv_expand_op,
            "mv-apply" | "mvapply" => Self::mv_apply_op,
            "parse" | "parse-where" => Self::parse_op,
            "parse-kv" => Self::parse_kv_op,
            "project-reorder" => Self::project_reorder_op,
            "project-keep" => Self::project_keep_op,
            "serialize" => Self::serialize_op,
            "sample" => Self::sample_op,
            "getschema" => Self::getschema_op,
            "render" => Self::render_op,
            "make-series" => Self::make_series_op,
            "evaluate" => Self::evaluate_op,
            "top-nested" => Self::top_nested_op,
            "top-hitters" => Self::top_hitters_op,
            "sample-distinct" => Self::sample_distinct_op,
            w if UNSUPPORTED_OPERATORS.contains(&w) => Self::unsupported_op,
            _ => {
                return Err(ParseError::new(
                    ParseErrorKind::UnknownOperator {
                        name: word.to_string(),
                    },
                    tok.span,
                ))
            }
        };
        let kind = parse(self)?;
        Ok(Operator {
            kind,
            span: self.span_from(tok.span.start),
        })
    }

    /// unsupported_operator := word { any token, with balanced brackets }
    ///
    /// Runs to the next `|` or `;` outside brackets, a closing bracket that was not opened
    /// here, or the end of the input. Keeps the exact source text.
    fn unsupported_op(&mut self) -> PResult<OperatorKind> {
        let word = self.bump();
        let mut depth = 0usize;
        loop {
            let tok = self.peek();
            match tok.kind {
                TokenKind::Eof => break,
                TokenKind::Punct(Punct::Pipe | Punct::Semi) if depth == 0 => break,
                TokenKind::Punct(Punct::LParen | Punct::LBracket | Punct::LBrace) => depth += 1,
                TokenKind::Punct(Punct::RParen | Punct::RBracket | Punct::RBrace) => {
                    if depth == 0 {
                        break;
                    }
                    depth -= 1;
                }
                _ => {}
            }
            self.bump();
        }
        let span = self.span_from(word.span.start);
        Ok(OperatorKind::Unsupported {
            name: self.text(word).to_string(),
            text: self.src[span.start..span.end].to_string(),
        })
    }

    /// count := 'count'
    fn count_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Count)
    }

    /// union_op := 'union' union_body
    fn union_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Union(self.union_body()?))
    }
}
