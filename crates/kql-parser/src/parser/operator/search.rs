//! `search` (q/search-operator.md), as a source and as an operator.

use crate::ast::{BinaryOp, Expr, ExprKind, OperatorKind, Search, StringOp, StringOpKind};
use crate::lexer::{words, Punct, TokenKind};
use crate::parser::{PResult, Parser};
use crate::prec::Prec;

impl Parser<'_> {
    /// search_op := 'search' search_body
    pub(super) fn search_op(&mut self) -> PResult<OperatorKind> {
        self.bump();
        Ok(OperatorKind::Search(self.search_body()?))
    }

    /// search_body := [ 'kind' '=' word ] [ 'in' '(' wildcard_name (',' wildcard_name)* ')' ]
    ///                search_or
    pub(in crate::parser) fn search_body(&mut self) -> PResult<Search> {
        let mut kind = None;
        if self.at_word("kind") && self.peek_at(1).kind == TokenKind::Punct(Punct::Assign) {
            self.bump();
            self.bump();
            kind = Some(self.name()?);
        }
        let mut tables = None;
        if self.at_word("in") && self.peek_at(1).kind == TokenKind::Punct(Punct::LParen) {
            self.bump();
            self.bump();
            let mut names = Vec::new();
            loop {
                names.push(self.wildcard_name()?);
                if self.eat_punct(Punct::Comma).is_none() {
                    break;
                }
            }
            self.expect_punct(Punct::RParen)?;
            tables = Some(names);
        }
        let predicate = self.nested(|p| p.search_or())?;
        Ok(Search {
            kind,
            tables,
            predicate,
        })
    }

    /// search_or := search_and ('or' search_and)*
    fn search_or(&mut self) -> PResult<Expr> {
        let mut lhs = self.search_and()?;
        while self.eat_word("or").is_some() {
            let rhs = self.search_and()?;
            lhs = binary(BinaryOp::Or, lhs, rhs);
        }
        Ok(lhs)
    }

    /// search_and := search_term ('and' search_term)*
    fn search_and(&mut self) -> PResult<Expr> {
        let mut lhs = self.search_term()?;
        while self.eat_word("and").is_some() {
            let rhs = self.search_term()?;
            lhs = binary(BinaryOp::And, lhs, rhs);
        }
        Ok(lhs)
    }

    /// search_term := name ':' value          (`Col:"x"`, kept as `Col has "x"`)
    ///              | '*' [ string_op value ]
    ///              | expr (tighter than `and`)
    fn search_term(&mut self) -> PResult<Expr> {
        if let Some(n) = self.name_len_at(0) {
            if self.peek_at(n).kind == TokenKind::Punct(Punct::Colon) {
                let col = self.name()?;
                self.bump();
                let value = self.binary(Prec::StringOp.tighter())?;
                let lhs = Expr {
                    span: col.span,
                    kind: ExprKind::Name(col),
                };
                return Ok(binary(BinaryOp::Str(has()), lhs, value));
            }
        }
        if self.at_punct(Punct::Star) {
            let star = Expr {
                kind: ExprKind::Star,
                span: self.bump().span,
            };
            let tok = self.peek();
            let op = (tok.kind == TokenKind::Word)
                .then(|| words::string_op_word(self.text(tok)))
                .flatten();
            let Some((kind, negated, case_sensitive)) = op else {
                return Ok(star);
            };
            self.bump();
            let value = self.binary(Prec::StringOp.tighter())?;
            let op = StringOp {
                kind,
                negated,
                case_sensitive,
            };
            return Ok(binary(BinaryOp::Str(op), star, value));
        }
        self.binary(Prec::Equality)
    }
}

fn has() -> StringOp {
    StringOp {
        kind: StringOpKind::Has,
        negated: false,
        case_sensitive: false,
    }
}

fn binary(op: BinaryOp, lhs: Expr, rhs: Expr) -> Expr {
    let span = lhs.span.to(rhs.span);
    Expr {
        kind: ExprKind::Binary {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        },
        span,
    }
}

impl Parser<'_> {
    /// True at `*` followed by a string operator word (`* contains "x"`, `* has "x"`).
    pub(in crate::parser) fn at_star_string_op(&self) -> bool {
        let next = self.peek_at(1);
        self.at_punct(Punct::Star)
            && next.kind == TokenKind::Word
            && words::string_op_word(self.text(next)).is_some()
    }
}

impl Parser<'_> {
    /// After `target.name`: `cluster("c").database("d")` (q/cluster-function.md), the one
    /// method-call form KQL has, kept as the call `database(cluster("c"), "d")`.
    pub(in crate::parser) fn cluster_database(
        &mut self,
        target: &crate::ast::Expr,
        name: &crate::ast::Ident,
    ) -> PResult<Option<crate::ast::Expr>> {
        let is_cluster = matches!(&target.kind, ExprKind::Call { func, args } if func.name == "cluster" && args.len() == 1);
        if !(is_cluster && name.name == "database" && self.at_punct(Punct::LParen)) {
            return Ok(None);
        }
        self.bump();
        let db = self.expr()?;
        self.expect_punct(Punct::RParen)?;
        Ok(Some(Expr {
            kind: ExprKind::Call {
                func: name.clone(),
                args: vec![target.clone(), db],
            },
            span: self.span_from(target.span.start),
        }))
    }
}
