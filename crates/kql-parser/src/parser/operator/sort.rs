//! `sort by` / `order by`, and `top N by`.

use crate::ast::{NullsOrder, OperatorKind, SortKey, SortOrder, Top};
use crate::lexer::Punct;
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    /// sort := ('sort' | 'order') 'by' sort_key (',' sort_key)*
    pub(super) fn sort_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        self.expect_word("by")?;
        let mut keys = Vec::new();
        loop {
            keys.push(self.sort_key()?);
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(OperatorKind::Sort(keys));
            }
        }
    }

    /// top := 'top' expr 'by' sort_key
    pub(super) fn top_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let count = self.expr()?;
        self.expect_word("by")?;
        let key = self.sort_key()?;
        Ok(OperatorKind::Top(Top { count, key }))
    }

    /// [ 'asc' | 'desc' ]
    pub(super) fn sort_order(&mut self) -> Option<SortOrder> {
        if self.eat_word("asc").is_some() {
            Some(SortOrder::Asc)
        } else if self.eat_word("desc").is_some() {
            Some(SortOrder::Desc)
        } else {
            None
        }
    }

    /// sort_key := expr [ 'asc' | 'desc' ] [ 'nulls' ( 'first' | 'last' ) ]
    fn sort_key(&mut self) -> PResult<SortKey> {
        let start = self.peek().span.start;
        let expr = self.expr()?;
        let order = self.sort_order();
        let nulls = match self.eat_word("nulls") {
            Some(_) if self.eat_word("first").is_some() => Some(NullsOrder::First),
            Some(_) => {
                self.expect_word("last")?;
                Some(NullsOrder::Last)
            }
            None => None,
        };
        Ok(SortKey {
            expr,
            order,
            nulls,
            span: self.span_from(start),
        })
    }
}
