//! Literal tokens to [`Literal`] values, and `dynamic(...)` bodies.

use super::{PResult, Parser};
use crate::ast::{DynamicLiteral, Expr, ExprKind, Literal, TypeName};
use crate::error::{Expected, ParseError, ParseErrorKind};
use crate::lexer::{words, Punct, Token, TokenKind};
use crate::literal::{
    decode_string, is_decimal_text, parse_datetime_text, parse_guid_text, parse_long_text,
    parse_real_text, parse_timespan_text, NumberError,
};
use crate::Span;

fn invalid(what: &str, span: Span) -> ParseError {
    ParseError::new(
        ParseErrorKind::InvalidLiteral {
            what: what.to_string(),
        },
        span,
    )
}

fn number_error(err: NumberError, what: &str, span: Span) -> ParseError {
    match err {
        NumberError::OutOfRange => ParseError::new(ParseErrorKind::NumberOutOfRange, span),
        NumberError::Invalid => invalid(what, span),
    }
}

/// The value of a string token.
pub(super) fn string_value(src: &str, tok: Token) -> PResult<String> {
    decode_string(tok.text(src)).map_err(|e| {
        let start = tok.span.start + e.offset;
        invalid("escape sequence", Span::new(start, start + e.len))
    })
}

fn long_value(src: &str, tok: Token) -> PResult<i64> {
    parse_long_text(tok.text(src)).map_err(|e| number_error(e, "long literal", tok.span))
}

fn real_value(src: &str, tok: Token) -> PResult<f64> {
    parse_real_text(tok.text(src)).map_err(|e| number_error(e, "real literal", tok.span))
}

fn timespan_value(src: &str, tok: Token) -> PResult<i64> {
    parse_timespan_text(tok.text(src))
        .ok_or_else(|| ParseError::new(ParseErrorKind::NumberOutOfRange, tok.span))
}

/// `datetime(...)`, `long(...)`, ...: the typed value of a raw-body literal token.
fn typed_literal(src: &str, tok: Token, ty: TypeName) -> PResult<Literal> {
    let text = tok.text(src);
    let body = text
        .find('(')
        .and_then(|open| text.get(open + 1..text.len().saturating_sub(1)))
        .unwrap_or("")
        .trim();
    let what = format!("{} literal", ty.as_str());
    let bad = || invalid(&what, tok.span);
    let null = body == "null";
    Ok(match ty {
        TypeName::Bool => Literal::Bool(if null {
            None
        } else {
            Some(bool_body(body).ok_or_else(bad)?)
        }),
        TypeName::Int => Literal::Int(if null {
            None
        } else {
            let v = parse_long_text(body).map_err(|e| number_error(e, &what, tok.span))?;
            Some(
                i32::try_from(v)
                    .map_err(|_| ParseError::new(ParseErrorKind::NumberOutOfRange, tok.span))?,
            )
        }),
        TypeName::Long => Literal::Long(if null {
            None
        } else {
            Some(parse_long_text(body).map_err(|e| number_error(e, &what, tok.span))?)
        }),
        TypeName::Real => Literal::Real(if null {
            None
        } else {
            Some(parse_real_text(body).map_err(|e| number_error(e, &what, tok.span))?)
        }),
        TypeName::Decimal => Literal::Decimal(if null {
            None
        } else {
            Some(
                is_decimal_text(body)
                    .then(|| body.to_string())
                    .ok_or_else(bad)?,
            )
        }),
        TypeName::DateTime => Literal::DateTime(if null {
            None
        } else {
            Some(datetime_body(body).ok_or_else(bad)?)
        }),
        TypeName::TimeSpan => Literal::TimeSpan(if null {
            None
        } else {
            Some(parse_timespan_text(body).ok_or_else(bad)?)
        }),
        TypeName::Guid => Literal::Guid(if null {
            None
        } else {
            Some(parse_guid_text(body).ok_or_else(bad)?)
        }),
        TypeName::String | TypeName::Dynamic => return Err(bad()),
    })
}

fn bool_body(body: &str) -> Option<bool> {
    match body {
        "1" => Some(true),
        "0" => Some(false),
        b if b.eq_ignore_ascii_case("true") => Some(true),
        b if b.eq_ignore_ascii_case("false") => Some(false),
        _ => None,
    }
}

/// The body of `datetime(...)`: unquoted text, or a quoted string (`datetime('2024-01-01')`).
fn datetime_body(body: &str) -> Option<i64> {
    if body.starts_with(['\'', '"']) {
        return parse_datetime_text(&decode_string(body).ok()?);
    }
    parse_datetime_text(body)
}

impl Parser<'_> {
    /// literal := long | real | timespan | typed_literal | string+ (adjacent strings join)
    pub(super) fn literal_expr(&mut self) -> PResult<Expr> {
        let tok = self.bump();
        let literal = match tok.kind {
            TokenKind::Long => Literal::Long(Some(long_value(self.src, tok)?)),
            TokenKind::Real => Literal::Real(Some(real_value(self.src, tok)?)),
            TokenKind::TimeSpan => Literal::TimeSpan(Some(timespan_value(self.src, tok)?)),
            TokenKind::Typed(ty) => typed_literal(self.src, tok, ty)?,
            _ => Literal::String(self.string_run(tok)?),
        };
        Ok(Expr {
            kind: ExprKind::Literal(literal),
            span: self.span_from(tok.span.start),
        })
    }

    /// The value of a string token and of any string tokens right after it.
    fn string_run(&mut self, first: Token) -> PResult<String> {
        let mut value = string_value(self.src, first)?;
        while self.peek().kind == TokenKind::String {
            let tok = self.bump();
            value.push_str(&string_value(self.src, tok)?);
        }
        Ok(value)
    }

    /// dynamic := 'dynamic' '(' json_value ')'
    pub(super) fn dynamic_literal(&mut self) -> PResult<Expr> {
        let start = self.bump().span.start;
        self.expect_punct(Punct::LParen)?;
        let value = self.dynamic_value()?;
        self.expect_punct(Punct::RParen)?;
        Ok(Expr {
            kind: ExprKind::Literal(Literal::Dynamic(value)),
            span: self.span_from(start),
        })
    }

    /// json_value := 'null' | bool | ['-'|'+'] number | timespan | string | typed_literal
    ///             | '[' [ json_value (',' json_value)* ] ']'
    ///             | '{' [ string ':' json_value (',' string ':' json_value)* ] '}'
    fn dynamic_value(&mut self) -> PResult<DynamicLiteral> {
        self.nested(|p| {
            let tok = p.peek();
            match tok.kind {
                TokenKind::Punct(Punct::LBracket) => p.dynamic_array(),
                TokenKind::Punct(Punct::LBrace) => p.dynamic_bag(),
                TokenKind::Punct(Punct::Minus | Punct::Plus) => p.dynamic_signed(),
                TokenKind::Long => Ok(DynamicLiteral::Long(long_value(p.src, p.bump())?)),
                TokenKind::Real => Ok(DynamicLiteral::Real(real_value(p.src, p.bump())?)),
                TokenKind::TimeSpan => {
                    Ok(DynamicLiteral::TimeSpan(timespan_value(p.src, p.bump())?))
                }
                TokenKind::String => {
                    let first = p.bump();
                    Ok(DynamicLiteral::String(p.string_run(first)?))
                }
                TokenKind::Typed(ty) => {
                    dynamic_typed(typed_literal(p.src, p.bump(), ty)?, tok.span)
                }
                TokenKind::Word if p.text(tok) == "null" => {
                    p.bump();
                    Ok(DynamicLiteral::Null)
                }
                TokenKind::Word if words::bool_word(p.text(tok)).is_some() => {
                    p.bump();
                    Ok(DynamicLiteral::Bool(
                        words::bool_word(p.text(tok)) == Some(true),
                    ))
                }
                _ => Err(p.unexpected_wanting(Expected::Kind("a dynamic value"))),
            }
        })
    }

    /// `-5`, `+1.5`, `-1d` inside dynamic.
    fn dynamic_signed(&mut self) -> PResult<DynamicLiteral> {
        let sign = self.bump();
        let negative = sign.kind == TokenKind::Punct(Punct::Minus);
        let tok = self.peek();
        let span = sign.span.to(tok.span);
        let text = self.text(tok);
        let value = match tok.kind {
            TokenKind::Long => {
                let signed = if negative {
                    format!("-{text}")
                } else {
                    text.to_string()
                };
                DynamicLiteral::Long(
                    parse_long_text(&signed).map_err(|e| number_error(e, "long literal", span))?,
                )
            }
            TokenKind::Real => {
                let v = real_value(self.src, tok)?;
                DynamicLiteral::Real(if negative { -v } else { v })
            }
            TokenKind::TimeSpan => {
                let v = timespan_value(self.src, tok)?;
                DynamicLiteral::TimeSpan(if negative { -v } else { v })
            }
            _ => return Err(self.unexpected_wanting(Expected::Kind("a number"))),
        };
        self.bump();
        Ok(value)
    }

    fn dynamic_array(&mut self) -> PResult<DynamicLiteral> {
        self.bump();
        let mut items = Vec::new();
        if self.eat_punct(Punct::RBracket).is_none() {
            loop {
                items.push(self.dynamic_value()?);
                if self.eat_punct(Punct::Comma).is_none() {
                    break;
                }
            }
            self.expect_punct(Punct::RBracket)?;
        }
        Ok(DynamicLiteral::Array(items))
    }

    fn dynamic_bag(&mut self) -> PResult<DynamicLiteral> {
        self.bump();
        let mut entries = Vec::new();
        if self.eat_punct(Punct::RBrace).is_none() {
            loop {
                let tok = self.peek();
                if tok.kind != TokenKind::String {
                    return Err(self.unexpected_wanting(Expected::Kind("a property name string")));
                }
                let key = string_value(self.src, self.bump())?;
                self.expect_punct(Punct::Colon)?;
                entries.push((key, self.dynamic_value()?));
                if self.eat_punct(Punct::Comma).is_none() {
                    break;
                }
            }
            self.expect_punct(Punct::RBrace)?;
        }
        Ok(DynamicLiteral::Bag(entries))
    }
}

/// A typed literal inside `dynamic(...)`: typed nulls become `null`.
fn dynamic_typed(literal: Literal, span: Span) -> PResult<DynamicLiteral> {
    Ok(match literal {
        Literal::Bool(Some(b)) => DynamicLiteral::Bool(b),
        Literal::Int(Some(v)) => DynamicLiteral::Int(v),
        Literal::Long(Some(v)) => DynamicLiteral::Long(v),
        Literal::Real(Some(v)) => DynamicLiteral::Real(v),
        Literal::DateTime(Some(v)) => DynamicLiteral::DateTime(v),
        Literal::TimeSpan(Some(v)) => DynamicLiteral::TimeSpan(v),
        Literal::Guid(Some(v)) => DynamicLiteral::Guid(v),
        Literal::Decimal(Some(_)) => return Err(invalid("decimal value inside dynamic", span)),
        _ => DynamicLiteral::Null,
    })
}
