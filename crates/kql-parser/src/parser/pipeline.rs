//! Tabular expressions: a source, then `| operator` steps. Sources: `datatable`, `print`,
//! `range`, `union`, or any expression (a table name, a call, a parenthesized pipeline).

use super::{PResult, Parser};
use crate::ast::{
    Datatable, Expr, ExprKind, Ident, NamedExpr, Range, Source, SourceKind, TabularExpr, Union,
    UnionKind,
};
use crate::error::Expected;
use crate::lexer::{words, Punct, TokenKind};
use crate::Span;

impl Parser<'_> {
    /// expr_or_pipeline := keyword_source ('|' operator)*
    ///                   | expr [ ('|' operator)+ ]
    ///
    /// A bare expression stays an expression (`T` is a `Name`); with operators it becomes
    /// [`ExprKind::Tabular`].
    pub(super) fn expr_or_pipeline(&mut self) -> PResult<Expr> {
        if self.at_keyword_source() {
            return self.keyword_pipeline();
        }
        let expr = self.expr()?;
        if self.at_punct(Punct::Pipe) {
            return self.pipeline_from(expr);
        }
        Ok(expr)
    }

    /// `expr | op | op`, after `expr`.
    fn pipeline_from(&mut self, expr: Expr) -> PResult<Expr> {
        let start = expr.span.start;
        let source = Source {
            span: expr.span,
            kind: SourceKind::Expr(expr),
        };
        self.finish_pipeline(source, start)
    }

    /// `datatable(...) | op`, `print x | op`, ...
    fn keyword_pipeline(&mut self) -> PResult<Expr> {
        let start = self.peek().span.start;
        let source = self.keyword_source()?;
        self.finish_pipeline(source, start)
    }

    fn finish_pipeline(&mut self, source: Source, start: usize) -> PResult<Expr> {
        let operators = self.operators()?;
        let span = self.span_from(start);
        Ok(Expr {
            kind: ExprKind::Tabular(Box::new(TabularExpr {
                source,
                operators,
                span,
            })),
            span,
        })
    }

    /// ('|' operator)*
    fn operators(&mut self) -> PResult<Vec<crate::ast::Operator>> {
        let mut operators = Vec::new();
        while self.at_punct(Punct::Pipe) {
            self.bump();
            operators.push(self.operator()?);
        }
        Ok(operators)
    }

    /// True at `datatable (`, `print`, `range name from`, `union`.
    fn at_keyword_source(&self) -> bool {
        let tok = self.peek();
        if tok.kind != TokenKind::Word {
            return false;
        }
        match self.text(tok) {
            "datatable" | "externaldata" => self.peek_at(1).kind == TokenKind::Punct(Punct::LParen),
            "search" => !matches!(
                self.peek_at(1).kind,
                TokenKind::Punct(Punct::Pipe | Punct::Semi | Punct::RParen | Punct::Comma)
                    | TokenKind::Eof
            ),
            "print" | "union" => true,
            "range" => self
                .name_len_at(1)
                .is_some_and(|n| self.is_word(self.peek_at(1 + n), "from")),
            _ => false,
        }
    }

    /// keyword_source := datatable | print | range | union
    fn keyword_source(&mut self) -> PResult<Source> {
        let tok = self.peek();
        let kind = match self.text(tok) {
            "datatable" => SourceKind::Datatable(self.datatable()?),
            "print" => {
                self.bump();
                SourceKind::Print(self.named_exprs()?)
            }
            "range" => SourceKind::Range(self.range()?),
            "externaldata" => SourceKind::Externaldata(self.externaldata()?),
            "search" => {
                self.bump();
                SourceKind::Search(self.search_body()?)
            }
            _ => {
                self.expect_word("union")?;
                SourceKind::Union(self.union_body()?)
            }
        };
        Ok(Source {
            kind,
            span: self.span_from(tok.span.start),
        })
    }

    /// datatable := 'datatable' '(' column_decls ')' '[' [ expr (',' expr)* [','] ] ']'
    fn datatable(&mut self) -> PResult<Datatable> {
        self.expect_word("datatable")?;
        self.expect_punct(Punct::LParen)?;
        let columns = self.column_decls()?;
        self.expect_punct(Punct::RParen)?;
        self.expect_punct(Punct::LBracket)?;
        let mut values = Vec::new();
        while self.eat_punct(Punct::RBracket).is_none() {
            values.push(self.expr()?);
            if self.eat_punct(Punct::Comma).is_none() {
                self.expect_punct(Punct::RBracket)?;
                break;
            }
        }
        Ok(Datatable { columns, values })
    }

    /// range := 'range' name 'from' expr 'to' expr 'step' expr
    fn range(&mut self) -> PResult<Range> {
        self.expect_word("range")?;
        let column = self.name()?;
        self.expect_word("from")?;
        let from = self.expr()?;
        self.expect_word("to")?;
        let to = self.expr()?;
        self.expect_word("step")?;
        let step = self.expr()?;
        Ok(Range {
            column,
            from,
            to,
            step,
        })
    }

    /// union_body := ( 'kind' '=' ('inner'|'outer') | 'withsource' '=' name
    ///                | 'isfuzzy' '=' bool )* union_leg (',' union_leg)*
    pub(super) fn union_body(&mut self) -> PResult<Union> {
        let mut union = Union {
            kind: None,
            with_source: None,
            is_fuzzy: None,
            legs: Vec::new(),
        };
        while self.peek_at(1).kind == TokenKind::Punct(Punct::Assign) {
            if self.eat_word("kind").is_some() {
                self.bump();
                union.kind = Some(if self.eat_word("inner").is_some() {
                    UnionKind::Inner
                } else {
                    self.expect_word("outer")?;
                    UnionKind::Outer
                });
            } else if self.eat_word("withsource").is_some() {
                self.bump();
                union.with_source = Some(self.name()?);
            } else if self.eat_word("isfuzzy").is_some() {
                self.bump();
                union.is_fuzzy = Some(self.bool_word()?);
            } else {
                break;
            }
        }
        loop {
            union.legs.push(self.union_leg()?);
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(union);
            }
        }
    }

    fn bool_word(&mut self) -> PResult<bool> {
        let tok = self.peek();
        if tok.kind == TokenKind::Word {
            if let Some(b) = words::bool_word(self.text(tok)) {
                self.bump();
                return Ok(b);
            }
        }
        self.note(Expected::Token("true"));
        Err(self.unexpected_wanting(Expected::Token("false")))
    }

    /// union_leg := wildcard_name | expr
    fn union_leg(&mut self) -> PResult<Expr> {
        if self.at_wildcard_name() {
            let ident = self.wildcard_name()?;
            return Ok(Expr {
                span: ident.span,
                kind: ExprKind::Name(ident),
            });
        }
        self.expr()
    }

    /// True at `*`, or at a word followed directly (no space) by `*`.
    pub(super) fn at_wildcard_name(&self) -> bool {
        let tok = self.peek();
        let next = self.peek_at(1);
        self.at_punct(Punct::Star)
            || (self.is_name_word(tok)
                && next.kind == TokenKind::Punct(Punct::Star)
                && next.span.start == tok.span.end)
    }

    /// wildcard_name := name | adjacent ( identifier | '*' )+   e.g. `Col*`, `*Id`, `a*b`
    pub(super) fn wildcard_name(&mut self) -> PResult<Ident> {
        if !self.at_wildcard_name() {
            return self.name();
        }
        let start = self.peek().span.start;
        let mut end = start;
        while self.peek().span.start == end {
            let tok = self.peek();
            if !(tok.kind == TokenKind::Punct(Punct::Star) || self.is_name_word(tok)) {
                break;
            }
            self.bump();
            end = tok.span.end;
        }
        Ok(Ident::new(&self.src[start..end], Span::new(start, end)))
    }

    /// named_exprs := named_expr (',' named_expr)*
    pub(super) fn named_exprs(&mut self) -> PResult<Vec<NamedExpr>> {
        let mut items = Vec::new();
        loop {
            items.push(self.named_expr()?);
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(items);
            }
        }
    }

    /// named_expr := [ name '=' | '(' name (',' name)* ')' '=' ] expr
    pub(super) fn named_expr(&mut self) -> PResult<NamedExpr> {
        let start = self.peek().span.start;
        let names = self.output_names()?;
        let expr = self.expr()?;
        Ok(NamedExpr {
            names,
            expr,
            span: self.span_from(start),
        })
    }

    /// [ name '=' | '(' name (',' name)* ')' '=' ]: the names a `named_expr` assigns.
    fn output_names(&mut self) -> PResult<Vec<crate::ast::Ident>> {
        let mut names = Vec::new();
        if let Some(n) = self.name_len_at(0) {
            if self.peek_at(n).kind == TokenKind::Punct(Punct::Assign) {
                names.push(self.name()?);
                self.bump();
            }
        } else if self.at_name_tuple() {
            self.bump();
            loop {
                names.push(self.name()?);
                if self.eat_punct(Punct::Comma).is_none() {
                    break;
                }
            }
            self.expect_punct(Punct::RParen)?;
            self.expect_punct(Punct::Assign)?;
        }
        Ok(names)
    }

    /// plugin_arg := named_expr whose expression may be a tabular one: an `evaluate`
    /// plugin's argument (`ipv4_lookup(T | where x, ...)`).
    pub(super) fn plugin_arg(&mut self) -> PResult<NamedExpr> {
        let start = self.peek().span.start;
        let names = self.output_names()?;
        let expr = self.expr_or_pipeline()?;
        Ok(NamedExpr {
            names,
            expr,
            span: self.span_from(start),
        })
    }

    /// True at `( name, name ... ) =`.
    fn at_name_tuple(&self) -> bool {
        if !self.at_punct(Punct::LParen) {
            return false;
        }
        let mut i = 1;
        loop {
            let Some(n) = self.name_len_at(i) else {
                return false;
            };
            i += n;
            match self.peek_at(i).kind {
                TokenKind::Punct(Punct::Comma) => i += 1,
                TokenKind::Punct(Punct::RParen) => {
                    return self.peek_at(i + 1).kind == TokenKind::Punct(Punct::Assign)
                }
                _ => return false,
            }
        }
    }
}
