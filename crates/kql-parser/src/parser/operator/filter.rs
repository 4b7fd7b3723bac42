//! `where`/`filter`, `take`/`limit`, `distinct`.

use crate::ast::{Expr, ExprKind, OperatorKind};
use crate::lexer::Punct;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    /// where := ('where' | 'filter') expr
    pub(super) fn where_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Where(self.expr()?))
    }

    /// take := ('take' | 'limit') expr
    pub(super) fn take_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Take(self.expr()?))
    }

    /// distinct := 'distinct' ( '*' | expr (',' expr)* )
    pub(super) fn distinct_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        if let Some(span) = self.eat_punct(Punct::Star) {
            return Ok(OperatorKind::Distinct(vec![Expr {
                kind: ExprKind::Star,
                span,
            }]));
        }
        let mut columns = Vec::new();
        loop {
            columns.push(self.expr()?);
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(OperatorKind::Distinct(columns));
            }
        }
    }
}
