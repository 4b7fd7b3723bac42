//! Scalar expressions: the precedence ladder (as in Kusto's QueryParser / `Kql.g4`),
//! loosest first:
//!
//! ```text
//! or_expr         := and_expr ("or" and_expr)*
//! and_expr        := equality_expr ("and" equality_expr)*
//! equality_expr   := relational_expr [ ("==" | "!=" | "<>") relational_expr
//!                    | ("in" | "!in" | "in~" | "!in~" | "has_any" | "has_all") "(" list ")"
//!                    | ("between" | "!between") "(" expr ".." expr ")" ]       -- non-associative
//! relational_expr := additive_expr [ ("<" | "<=" | ">" | ">=") additive_expr ] -- non-associative
//! additive_expr   := multiplicative_expr (("+" | "-") multiplicative_expr)*
//! multiplicative_expr := string_op_expr (("*" | "/" | "%") string_op_expr)*
//! string_op_expr  := unary_expr [ string_op unary_expr ]                     -- non-associative
//!                    (has, contains, startswith, ..., their ! and _cs forms, =~, !~, matches regex)
//! unary_expr      := ("-" | "+") postfix_expr | postfix_expr
//! postfix_expr    := primary ( "." name | "." "[" string "]" | "[" expr "]" )*
//! primary         := literal | name | name "(" args ")" | "[" string "]" | "(" expr_or_pipeline ")"
//!                  | "dynamic" "(" json ")" | "typeof" "(" type ")"
//! ```
//!
//! Verified against the official parser: `1 + 2 has "3"` is `1 + (2 has "3")`,
//! `- "a" has "b"` is `(-"a") has "b"`, `1 + 1 in (2)` is `(1 + 1) in (2)`, and
//! `a == b == c`, `a < b < c`, `a has b has c`, `x in (1) in (2)` are syntax errors.
//!
//! The levels are implemented by precedence climbing in one function ([`Parser::binary`])
//! rather than one function per level: it keeps the stack shallow per nesting level (so
//! the depth limit can be generous) and a long `a or b or c ...` chain is a loop.

use super::{PResult, Parser};
use crate::ast::{BinaryOp, Expr, ExprKind, ListOp, Literal, StringOp, UnaryOp};
use crate::error::Expected;
use crate::lexer::{words, Punct, TokenKind};
use crate::prec::Prec;
use crate::Span;

/// An infix operator found at the current position.
#[derive(Clone, Copy)]
enum Infix {
    Binary(BinaryOp),
    List(ListOp),
    Between { negated: bool },
}

impl Parser<'_> {
    /// expr := or_expr   (one nesting level deeper)
    pub(super) fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let result = self.binary(Prec::Or);
        self.leave();
        result
    }

    /// The infix operator at the current position: (operator, its level, tokens it uses).
    fn infix(&self) -> Option<(Infix, Prec, usize)> {
        let tok = self.peek();
        let bin = |op: BinaryOp| Some((Infix::Binary(op), Prec::of(op), 1));
        match tok.kind {
            TokenKind::Punct(p) => match p {
                Punct::EqEq => bin(BinaryOp::Eq),
                Punct::NotEq | Punct::LtGt => bin(BinaryOp::NotEq),
                Punct::Lt => bin(BinaryOp::Lt),
                Punct::Le => bin(BinaryOp::Le),
                Punct::Gt => bin(BinaryOp::Gt),
                Punct::Ge => bin(BinaryOp::Ge),
                Punct::Plus => bin(BinaryOp::Add),
                Punct::Minus => bin(BinaryOp::Sub),
                Punct::Star => bin(BinaryOp::Mul),
                Punct::Slash => bin(BinaryOp::Div),
                Punct::Percent => bin(BinaryOp::Mod),
                Punct::EqTilde => bin(BinaryOp::EqCi),
                Punct::BangTilde => bin(BinaryOp::NotEqCi),
                _ => None,
            },
            TokenKind::Word => self.infix_word(self.text(tok)),
            _ => None,
        }
    }

    fn infix_word(&self, word: &str) -> Option<(Infix, Prec, usize)> {
        let list = |op: ListOp| Some((Infix::List(op), Prec::Equality, 1));
        match word {
            "or" => Some((Infix::Binary(BinaryOp::Or), Prec::Or, 1)),
            "and" => Some((Infix::Binary(BinaryOp::And), Prec::And, 1)),
            "in" => list(ListOp::In),
            "!in" => list(ListOp::NotIn),
            "in~" => list(ListOp::InCi),
            "!in~" => list(ListOp::NotInCi),
            "has_any" => list(ListOp::HasAny),
            "has_all" => list(ListOp::HasAll),
            "between" => Some((Infix::Between { negated: false }, Prec::Equality, 1)),
            "!between" => Some((Infix::Between { negated: true }, Prec::Equality, 1)),
            "matches" if self.is_word(self.peek_at(1), "regex") => {
                Some((Infix::Binary(BinaryOp::MatchesRegex), Prec::StringOp, 2))
            }
            _ => {
                let (kind, negated, case_sensitive) = words::string_op_word(word)?;
                let op = StringOp {
                    kind,
                    negated,
                    case_sensitive,
                };
                Some((Infix::Binary(BinaryOp::Str(op)), Prec::StringOp, 1))
            }
        }
    }

    /// Precedence climbing: operands at `min` or tighter. After an operator of level `l`,
    /// the next operator must bind looser than `l` (or equal, when `l` is left-associative);
    /// anything else is left for the caller, which reports it.
    pub(super) fn binary(&mut self, min: Prec) -> PResult<Expr> {
        let mut lhs = self.unary()?;
        let mut last: Option<Prec> = None;
        while let Some((op, prec, len)) = self.infix() {
            let blocked = last.is_some_and(|l| prec > l || (prec == l && !l.left_assoc()));
            if prec < min || blocked {
                break;
            }
            for _ in 0..len {
                self.bump();
            }
            lhs = self.infix_rhs(lhs, op, prec)?;
            last = Some(prec);
        }
        Ok(lhs)
    }

    /// Parses what follows an infix operator and builds the node.
    fn infix_rhs(&mut self, lhs: Expr, op: Infix, prec: Prec) -> PResult<Expr> {
        match op {
            Infix::Binary(op) => self.binary_rhs(lhs, op, prec),
            Infix::List(op) => self.list_rhs(lhs, op),
            Infix::Between { negated } => self.between_rhs(lhs, negated),
        }
    }

    fn binary_rhs(&mut self, lhs: Expr, op: BinaryOp, prec: Prec) -> PResult<Expr> {
        let start = lhs.span.start;
        let rhs = self.binary(prec.tighter())?;
        Ok(Expr {
            kind: ExprKind::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            span: self.span_from(start),
        })
    }

    fn list_rhs(&mut self, lhs: Expr, op: ListOp) -> PResult<Expr> {
        let start = lhs.span.start;
        let list = self.paren_list()?;
        Ok(Expr {
            kind: ExprKind::InList {
                op,
                lhs: Box::new(lhs),
                list,
            },
            span: self.span_from(start),
        })
    }

    /// between := expr ('between' | '!between') '(' expr '..' expr ')'
    fn between_rhs(&mut self, lhs: Expr, negated: bool) -> PResult<Expr> {
        let start = lhs.span.start;
        self.expect_punct(Punct::LParen)?;
        let low = self.expr()?;
        self.expect_punct(Punct::DotDot)?;
        let high = self.expr()?;
        self.expect_punct(Punct::RParen)?;
        Ok(Expr {
            kind: ExprKind::Between {
                negated,
                lhs: Box::new(lhs),
                low: Box::new(low),
                high: Box::new(high),
            },
            span: self.span_from(start),
        })
    }

    /// list := '(' expr_or_pipeline (',' expr_or_pipeline)* ')'
    fn paren_list(&mut self) -> PResult<Vec<Expr>> {
        self.expect_punct(Punct::LParen)?;
        let mut list = Vec::new();
        loop {
            list.push(self.expr_or_pipeline()?);
            if self.eat_punct(Punct::Comma).is_none() {
                break;
            }
        }
        self.expect_punct(Punct::RParen)?;
        Ok(list)
    }

    /// unary_expr := ("-" | "+") postfix_expr | postfix_expr
    fn unary(&mut self) -> PResult<Expr> {
        if self.at_punct(Punct::Minus) || self.at_punct(Punct::Plus) {
            return self.signed();
        }
        self.postfix()
    }

    /// `-x`, `+x`.
    fn signed(&mut self) -> PResult<Expr> {
        let tok = self.bump();
        let op = if tok.kind == TokenKind::Punct(Punct::Minus) {
            UnaryOp::Neg
        } else {
            UnaryOp::Plus
        };
        if op == UnaryOp::Neg {
            if let Some(min) = self.long_min_literal(tok.span.start) {
                return Ok(min);
            }
        }
        let operand = self.postfix()?;
        Ok(Expr {
            span: self.span_from(tok.span.start),
            kind: ExprKind::Unary {
                op,
                operand: Box::new(operand),
            },
        })
    }

    /// `-9223372036854775808`: the one long that is only writable with its sign.
    fn long_min_literal(&mut self, start: usize) -> Option<Expr> {
        let tok = self.peek();
        let next = self.peek_at(1).kind;
        let postfix = matches!(next, TokenKind::Punct(Punct::Dot | Punct::LBracket));
        if tok.kind != TokenKind::Long || self.text(tok) != "9223372036854775808" || postfix {
            return None;
        }
        self.bump();
        Some(Expr {
            kind: ExprKind::Literal(Literal::Long(Some(i64::MIN))),
            span: self.span_from(start),
        })
    }

    /// postfix_expr := primary ( "." name | "." "[" string "]" | ["."] "[" expr "]" )*
    fn postfix(&mut self) -> PResult<Expr> {
        let mut expr = self.primary()?;
        while self.at_punct(Punct::Dot) || self.at_punct(Punct::LBracket) {
            expr = self.postfix_step(expr)?;
        }
        Ok(expr)
    }

    /// One `.name` or `[index]` after `target`.
    fn postfix_step(&mut self, target: Expr) -> PResult<Expr> {
        let start = target.span.start;
        let dot = self.bump().kind == TokenKind::Punct(Punct::Dot);
        let index = !dot || self.at_dot_index();
        if dot && index {
            self.bump(); // the `[` of `x.[0]`
        }
        let kind = if !index {
            let name = self.member_name()?;
            if let Some(call) = self.cluster_database(&target, &name)? {
                return Ok(call);
            }
            ExprKind::Member {
                target: Box::new(target),
                name,
            }
        } else {
            let index = self.expr()?;
            self.expect_punct(Punct::RBracket)?;
            ExprKind::Index {
                target: Box::new(target),
                index: Box::new(index),
            }
        };
        Ok(Expr {
            kind,
            span: self.span_from(start),
        })
    }

    /// After `.`: `[` that does not start a quoted name (`x.[0]` means `x[0]`).
    fn at_dot_index(&self) -> bool {
        let quoted = self.peek_at(1).kind == TokenKind::String
            && self.peek_at(2).kind == TokenKind::Punct(Punct::RBracket);
        self.at_punct(Punct::LBracket) && !quoted
    }

    /// After `.`: any word (`x.type`, `d.where`), or `['name']`.
    fn member_name(&mut self) -> PResult<crate::ast::Ident> {
        let tok = self.peek();
        if self.is_name_word(tok) {
            self.bump();
            return Ok(crate::ast::Ident::new(self.text(tok), tok.span));
        }
        if self.at_punct(Punct::LBracket) {
            return self.quoted_name();
        }
        Err(self.unexpected_wanting(Expected::NAME))
    }

    /// primary := literal | name | call | quoted name | '(' expr_or_pipeline ')'
    ///          | dynamic literal | typeof
    fn primary(&mut self) -> PResult<Expr> {
        match self.peek().kind {
            TokenKind::Long
            | TokenKind::Real
            | TokenKind::TimeSpan
            | TokenKind::String
            | TokenKind::Typed(_) => self.literal_expr(),
            TokenKind::Punct(Punct::LParen) => self.paren(),
            // `where * contains "x"`: every column (q/search-operator.md semantics).
            TokenKind::Punct(Punct::Star) if self.at_star_string_op() => {
                let span = self.bump().span;
                Ok(Expr {
                    kind: ExprKind::Star,
                    span,
                })
            }
            TokenKind::Punct(Punct::LBracket) => self.quoted_primary(),
            TokenKind::Word => self.word_primary(),
            _ => Err(self.unexpected_wanting(Expected::EXPRESSION)),
        }
    }

    /// `['name']`, or `['name'](args)`.
    fn quoted_primary(&mut self) -> PResult<Expr> {
        let name = self.quoted_name()?;
        self.name_or_call(name)
    }

    fn word_primary(&mut self) -> PResult<Expr> {
        let tok = self.peek();
        let word = self.text(tok);
        let call = self.peek_at(1).kind == TokenKind::Punct(Punct::LParen);
        if let Some(b) = words::bool_word(word) {
            self.bump();
            return Ok(Expr {
                kind: ExprKind::Literal(Literal::Bool(Some(b))),
                span: tok.span,
            });
        }
        match word {
            "dynamic" if call => return self.dynamic_literal(),
            "typeof" if call => return self.type_of(),
            _ => {}
        }
        if words::is_reserved_in_expr(word) || !self.is_name_word(tok) {
            return Err(self.unexpected_wanting(Expected::EXPRESSION));
        }
        self.bump();
        self.name_or_call(crate::ast::Ident::new(word, tok.span))
    }

    /// A name, or a call when `(` follows: call := name '(' [ arg (',' arg)* ] ')'
    fn name_or_call(&mut self, func: crate::ast::Ident) -> PResult<Expr> {
        if !self.at_punct(Punct::LParen) {
            return Ok(Expr {
                span: func.span,
                kind: ExprKind::Name(func),
            });
        }
        self.call(func)
    }

    fn call(&mut self, func: crate::ast::Ident) -> PResult<Expr> {
        let start = func.span.start;
        self.bump();
        let mut args = Vec::new();
        if self.eat_punct(Punct::RParen).is_none() {
            loop {
                args.push(self.argument()?);
                if self.eat_punct(Punct::Comma).is_none() {
                    break;
                }
            }
            self.expect_punct(Punct::RParen)?;
        }
        Ok(Expr {
            kind: ExprKind::Call { func, args },
            span: self.span_from(start),
        })
    }

    /// arg := '*' | name '=' expr_or_pipeline | expr_or_pipeline
    fn argument(&mut self) -> PResult<Expr> {
        let next = self.peek_at(1).kind;
        if next == TokenKind::Punct(Punct::Assign) && self.is_name_word(self.peek()) {
            let tok = self.bump();
            let name = crate::ast::Ident::new(self.text(tok), tok.span);
            self.bump();
            let value = self.expr_or_pipeline()?;
            return Ok(Expr {
                span: tok.span.to(value.span),
                kind: ExprKind::NamedArg {
                    name,
                    value: Box::new(value),
                },
            });
        }
        if self.at_punct(Punct::Star)
            && matches!(next, TokenKind::Punct(Punct::Comma | Punct::RParen))
        {
            let span = self.bump().span;
            return Ok(Expr {
                kind: ExprKind::Star,
                span,
            });
        }
        self.expr_or_pipeline()
    }

    /// '(' expr_or_pipeline ')': the span covers the parentheses.
    fn paren(&mut self) -> PResult<Expr> {
        let start = self.bump().span.start;
        let inner = self.expr_or_pipeline()?;
        self.close_paren(inner, start)
    }

    fn close_paren(&mut self, mut inner: Expr, start: usize) -> PResult<Expr> {
        self.expect_punct(Punct::RParen)?;
        inner.span = self.span_from(start);
        if let ExprKind::Tabular(tabular) = &mut inner.kind {
            tabular.span = inner.span;
        }
        Ok(inner)
    }

    /// typeof := 'typeof' '(' type ')'
    fn type_of(&mut self) -> PResult<Expr> {
        let start = self.bump().span.start;
        self.expect_punct(Punct::LParen)?;
        let ty = self.type_name()?;
        self.expect_punct(Punct::RParen)?;
        Ok(Expr {
            kind: ExprKind::TypeOf(ty),
            span: Span::new(start, self.prev_end()),
        })
    }
}
