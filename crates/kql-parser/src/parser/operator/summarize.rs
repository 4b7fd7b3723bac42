//! `summarize aggregates [by keys]`.

use crate::ast::{OperatorKind, Summarize};
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    /// summarize := 'summarize' [ named_expr (',' named_expr)* ] [ 'by' named_expr (',' named_expr)* ]
    ///              (at least one of the two)
    pub(super) fn summarize_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let aggregates = if self.check_word("by") {
            Vec::new()
        } else {
            self.named_exprs()?
        };
        let by = match self.eat_word("by") {
            Some(_) => self.named_exprs()?,
            None => Vec::new(),
        };
        Ok(OperatorKind::Summarize(Summarize { aggregates, by }))
    }
}
