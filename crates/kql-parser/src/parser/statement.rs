//! Statements: `let`, `set`, and expression statements, separated by `;`.

use super::{PResult, Parser};
use crate::ast::{
    ColumnDecl, FunctionDef, Let, LetValue, Param, ParamType, Query, Statement, StatementKind,
    TypeName,
};
use crate::error::Expected;
use crate::lexer::{Punct, TokenKind};
use crate::Span;

impl Parser<'_> {
    /// query := [ statement (';' statement)* [';'] ] EOF
    pub(super) fn query(&mut self) -> PResult<Query> {
        let mut statements = Vec::new();
        if !self.at_eof() {
            loop {
                statements.push(self.statement()?);
                if self.eat_punct(Punct::Semi).is_none() || self.at_eof() {
                    break;
                }
            }
        }
        self.end_of_input()?;
        Ok(Query {
            statements,
            span: Span::new(0, self.src.len()),
        })
    }

    /// statement := let_statement | set_statement | expr_or_pipeline
    pub(super) fn statement(&mut self) -> PResult<Statement> {
        let start = self.peek().span.start;
        let kind = if self.at_word("let") {
            StatementKind::Let(self.let_statement()?)
        } else if self.at_word("set") && self.name_len_at(1).is_some() {
            self.set_statement()?
        } else if self.at_word("declare") && self.is_word(self.peek_at(1), "query_parameters") {
            self.declare_statement()?
        } else {
            StatementKind::Expr(self.expr_or_pipeline()?)
        };
        Ok(Statement {
            kind,
            span: self.span_from(start),
        })
    }

    /// let_statement := 'let' name '=' ( function_def | expr_or_pipeline )
    fn let_statement(&mut self) -> PResult<Let> {
        self.expect_word("let")?;
        let name = self.name()?;
        self.expect_punct(Punct::Assign)?;
        let value = if self.at_view() {
            self.bump();
            LetValue::View(self.function_def()?)
        } else if self.at_function_def() {
            LetValue::Function(self.function_def()?)
        } else {
            LetValue::Expr(self.expr_or_pipeline()?)
        };
        Ok(Let { name, value })
    }

    /// declare_statement := 'declare' 'query_parameters' '(' param (',' param)* ')'
    fn declare_statement(&mut self) -> PResult<StatementKind> {
        self.expect_word("declare")?;
        self.expect_word("query_parameters")?;
        self.expect_punct(Punct::LParen)?;
        let mut params = Vec::new();
        loop {
            params.push(self.param()?);
            if self.eat_punct(Punct::Comma).is_none() {
                break;
            }
        }
        self.expect_punct(Punct::RParen)?;
        Ok(StatementKind::DeclareQueryParameters(params))
    }

    /// set_statement := 'set' name [ '=' expr ]
    fn set_statement(&mut self) -> PResult<StatementKind> {
        self.expect_word("set")?;
        let name = self.name()?;
        let value = match self.eat_punct(Punct::Assign) {
            Some(_) => Some(self.expr()?),
            None => None,
        };
        Ok(StatementKind::Set { name, value })
    }

    /// True at `view` followed by a function definition.
    fn at_view(&mut self) -> bool {
        if !self.at_word("view") {
            return false;
        }
        self.pos += 1;
        let def = self.at_function_def();
        self.pos -= 1;
        def
    }

    /// True at `(` `)` `{` or `(` name `:`: the start of a function definition.
    fn at_function_def(&self) -> bool {
        if !self.at_punct(Punct::LParen) {
            return false;
        }
        let empty = self.peek_at(1).kind == TokenKind::Punct(Punct::RParen)
            && self.peek_at(2).kind == TokenKind::Punct(Punct::LBrace);
        empty
            || self
                .name_len_at(1)
                .is_some_and(|n| self.peek_at(1 + n).kind == TokenKind::Punct(Punct::Colon))
    }

    /// function_def := '(' [ param (',' param)* ] ')' '{' body '}'
    fn function_def(&mut self) -> PResult<FunctionDef> {
        self.nested(|p| {
            let open = p.expect_punct(Punct::LParen)?;
            let mut params = Vec::new();
            if p.eat_punct(Punct::RParen).is_none() {
                loop {
                    params.push(p.param()?);
                    if p.eat_punct(Punct::Comma).is_none() {
                        break;
                    }
                }
                p.expect_punct(Punct::RParen)?;
            }
            p.expect_punct(Punct::LBrace)?;
            let body = p.function_body()?;
            p.expect_punct(Punct::RBrace)?;
            Ok(FunctionDef {
                params,
                body,
                span: p.span_from(open.start),
            })
        })
    }

    /// body := statement (';' statement)* [';']   (up to the closing '}')
    fn function_body(&mut self) -> PResult<Vec<Statement>> {
        let mut body = Vec::new();
        while !self.at_punct(Punct::RBrace) {
            body.push(self.statement()?);
            if self.eat_punct(Punct::Semi).is_none() {
                break;
            }
        }
        Ok(body)
    }

    /// param := name ':' ( type | '(' ( '*' | column_decl (',' column_decl)* ) ')' )
    ///          [ '=' expr ]
    fn param(&mut self) -> PResult<Param> {
        let name = self.name()?;
        self.expect_punct(Punct::Colon)?;
        let ty = if self.eat_punct(Punct::LParen).is_some() {
            let columns = if self.eat_punct(Punct::Star).is_some() {
                None
            } else {
                Some(self.column_decls()?)
            };
            self.expect_punct(Punct::RParen)?;
            ParamType::Tabular(columns)
        } else {
            ParamType::Scalar(self.type_name()?)
        };
        let default = match self.eat_punct(Punct::Assign) {
            Some(_) => Some(self.expr()?),
            None => None,
        };
        Ok(Param { name, ty, default })
    }

    /// column_decl (',' column_decl)*
    pub(super) fn column_decls(&mut self) -> PResult<Vec<ColumnDecl>> {
        let mut columns = Vec::new();
        loop {
            let name = self.name()?;
            self.expect_punct(Punct::Colon)?;
            let ty = self.type_name()?;
            columns.push(ColumnDecl { name, ty });
            if self.eat_punct(Punct::Comma).is_none() {
                return Ok(columns);
            }
        }
    }

    /// type := 'bool' | 'int' | 'long' | 'real' | ... (and aliases)
    pub(super) fn type_name(&mut self) -> PResult<TypeName> {
        let tok = self.peek();
        if tok.kind == TokenKind::Word {
            if let Some(ty) = TypeName::from_name(self.text(tok)) {
                self.bump();
                return Ok(ty);
            }
        }
        Err(self.unexpected_wanting(Expected::Kind("a type name")))
    }
}
