//! `where`/`filter`, `take`/`limit`, `distinct`.

use crate::ast::{Expr, ExprKind, NamedExpr, OperatorKind};
use crate::lexer::Punct;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    /// where := ('where' | 'filter') [ name '=' ] expr
    ///
    /// The official parser accepts a named expression here (`where IsAudit = true`) and
    /// ignores the name: the predicate is the value (`true`, so every row is kept; a
    /// non-bool value such as `where a = 1` is a type error). The name is dropped.
    pub(super) fn where_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        if let Some(n) = self.name_len_at(0) {
            if self.peek_at(n).kind == crate::lexer::TokenKind::Punct(Punct::Assign) {
                self.name()?;
                self.bump();
            }
        }
        Ok(OperatorKind::Where(self.expr()?))
    }

    /// take := ('take' | 'limit') expr
    pub(super) fn take_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Take(self.expr()?))
    }

    /// distinct := 'distinct' ( '*' | named_expr (',' named_expr)* )
    pub(super) fn distinct_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        if let Some(span) = self.eat_punct(Punct::Star) {
            return Ok(OperatorKind::Distinct(vec![NamedExpr {
                names: Vec::new(),
                expr: Expr {
                    kind: ExprKind::Star,
                    span,
                },
                span,
            }]));
        }
        let mut columns = Vec::new();
        loop {
            columns.push(self.named_expr()?);
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(OperatorKind::Distinct(columns));
            }
        }
    }
}
