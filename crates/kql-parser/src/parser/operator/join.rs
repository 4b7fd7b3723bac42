//! `join`, `lookup`, `as`, `invoke`, and operator hints (q/join-operator.md,
//! q/lookup-operator.md, q/as-operator.md, q/invoke-operator.md).

use crate::ast::OperatorKind;
use crate::ast::{Expr, ExprKind, Hint, Ident, Join, JoinCondition, JoinKind, Literal};
use crate::error::{Expected, ParseError, ParseErrorKind};
use crate::lexer::{words, Punct, TokenKind};
use crate::parser::{PResult, Parser};

impl Parser<'_> {
    /// join := 'join' join_options join_right 'on' join_conditions
    pub(super) fn join_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Join(self.join_body(false)?))
    }

    /// lookup := 'lookup' [ 'kind' '=' ('leftouter' | 'inner') ] join_right 'on' join_conditions
    pub(super) fn lookup_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Lookup(self.join_body(true)?))
    }

    /// as := 'as' hint* name
    pub(super) fn as_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let mut hints = Vec::new();
        while self.at_hint() {
            hints.push(self.hint()?);
        }
        let name = self.name()?;
        Ok(OperatorKind::As { hints, name })
    }

    /// invoke := 'invoke' name '(' [ args ] ')'
    pub(super) fn invoke_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        let call = self.expr()?;
        if !matches!(call.kind, ExprKind::Call { .. }) {
            return Err(ParseError::new(
                ParseErrorKind::UnexpectedToken {
                    found: "an expression".into(),
                },
                call.span,
            )
            .with_expected(vec![Expected::Kind("a function call")]));
        }
        Ok(OperatorKind::Invoke(call))
    }

    /// join_options := ( 'kind' '=' kind | hint )*
    fn join_body(&mut self, lookup: bool) -> PResult<Join> {
        let mut kind = None;
        let mut hints = Vec::new();
        loop {
            if self.at_word("kind") && self.peek_at(1).kind == TokenKind::Punct(Punct::Assign) {
                self.bump();
                self.bump();
                kind = Some(self.join_kind(lookup)?);
            } else if self.at_hint() {
                hints.push(self.hint()?);
            } else {
                break;
            }
        }
        let right = self.expr()?;
        self.expect_word("on")?;
        let on = self.join_conditions()?;
        Ok(Join {
            kind,
            hints,
            right,
            on,
        })
    }

    fn join_kind(&mut self, lookup: bool) -> PResult<JoinKind> {
        let tok = self.peek();
        let kind = (tok.kind == TokenKind::Word)
            .then(|| JoinKind::from_word(self.text(tok)))
            .flatten()
            .filter(|k| !lookup || matches!(k, JoinKind::Inner | JoinKind::LeftOuter));
        match kind {
            Some(k) => {
                self.bump();
                Ok(k)
            }
            None => Err(self.unexpected_wanting(Expected::Kind(if lookup {
                "'leftouter' or 'inner'"
            } else {
                "a join kind"
            }))),
        }
    }

    /// join_conditions := '(' join_conditions ')' | condition ( (',' | 'and') condition )*
    fn join_conditions(&mut self) -> PResult<Vec<JoinCondition>> {
        if self.at_punct(Punct::LParen) {
            self.bump();
            let inner = self.nested(|p| p.join_conditions())?;
            self.expect_punct(Punct::RParen)?;
            return Ok(inner);
        }
        let mut on = Vec::new();
        loop {
            on.push(self.join_condition()?);
            if self.eat_punct(Punct::Comma).is_none() && self.eat_word("and").is_none() {
                return Ok(on);
            }
        }
    }

    /// condition := name | side '.' name '==' side '.' name    (side := '$left' | '$right')
    fn join_condition(&mut self) -> PResult<JoinCondition> {
        if !(self.at_word("$left") || self.at_word("$right")) {
            return Ok(JoinCondition::Column(self.name()?));
        }
        let (first_left, a) = self.side_column()?;
        self.expect_punct(Punct::EqEq)?;
        let (second_left, b) = self.side_column()?;
        match (first_left, second_left) {
            (true, false) => Ok(JoinCondition::Equal { left: a, right: b }),
            (false, true) => Ok(JoinCondition::Equal { left: b, right: a }),
            _ => Err(ParseError::new(
                ParseErrorKind::UnexpectedToken {
                    found: b.name.clone(),
                },
                b.span,
            )
            .with_expected(vec![Expected::Kind("one '$left' and one '$right' column")])),
        }
    }

    /// `$left.name` / `$right.name`: (is left, column).
    fn side_column(&mut self) -> PResult<(bool, Ident)> {
        let left = if self.eat_word("$left").is_some() {
            true
        } else {
            self.expect_word("$right")?;
            false
        };
        self.expect_punct(Punct::Dot)?;
        Ok((left, self.name()?))
    }

    /// True at `hint.name =`.
    pub(in crate::parser) fn at_hint(&self) -> bool {
        self.at_word("hint")
            && self.peek_at(1).kind == TokenKind::Punct(Punct::Dot)
            && self.peek_at(2).kind == TokenKind::Word
            && self.peek_at(3).kind == TokenKind::Punct(Punct::Assign)
    }

    /// hint := 'hint' '.' name '=' option_value
    pub(in crate::parser) fn hint(&mut self) -> PResult<Hint> {
        self.expect_word("hint")?;
        self.expect_punct(Punct::Dot)?;
        let tok = self.bump();
        let name = Ident::new(self.text(tok), tok.span);
        self.expect_punct(Punct::Assign)?;
        let value = self.option_value()?;
        Ok(Hint { name, value })
    }

    /// option_value := word | bool | literal   (one token: `broadcast`, `true`, `10`, `"x"`)
    pub(in crate::parser) fn option_value(&mut self) -> PResult<Expr> {
        let tok = self.peek();
        if tok.kind == TokenKind::Word {
            self.bump();
            let word = self.text(tok);
            let kind = match words::bool_word(word) {
                Some(b) => ExprKind::Literal(Literal::Bool(Some(b))),
                None => ExprKind::Name(Ident::new(word, tok.span)),
            };
            return Ok(Expr {
                kind,
                span: tok.span,
            });
        }
        self.literal_expr()
    }
}
