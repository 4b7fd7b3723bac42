//! The parser: tokens to AST.
//!
//! Hand-written recursive descent over the token slice (`&[Token]`), not nom: the grammar
//! is LL(k) with small k, a hand-written parser gives precise "expected ..." sets and spans,
//! and it avoids re-parsing prefixes. Expressions use precedence climbing over the ladder
//! in `expr.rs`, so a long `a or b or c ...` chain is a loop, not a recursion.
//!
//! Nesting (parentheses, brackets, calls, function bodies, `dynamic` values) is bounded by
//! [`MAX_DEPTH`]; deeper input gives [`ParseErrorKind::TooDeep`] instead of a stack overflow.
//!
//! Errors name what was expected: every failed check for a token at the current position
//! is remembered, and an error at that position lists them all.

mod expr;
mod externaldata;
mod literal;
mod operator;
mod pipeline;
mod statement;

use crate::ast::{Expr, Ident, Query};
use crate::error::{Expected, ParseError, ParseErrorKind};
use crate::lexer::{is_identifier, lex, Punct, Token, TokenKind};
use crate::Span;

/// How deeply parentheses, brackets, calls, function bodies and `dynamic` values may nest.
pub const MAX_DEPTH: usize = 128;

type PResult<T> = Result<T, ParseError>;

/// Parses a whole query: statements separated by `;` (a trailing `;` is allowed).
///
/// ```
/// let q = kql_parser::parse_query("let n = 5; T | take n").unwrap();
/// assert_eq!(q.statements.len(), 2);
/// assert_eq!(q.to_string(), "let n = 5;\nT\n| take n");
/// ```
pub fn parse_query(text: &str) -> Result<Query, ParseError> {
    let tokens = lex(text)?;
    let mut parser = Parser::new(text, &tokens);
    parser.query()
}

/// Parses one expression (scalar, or a tabular expression such as `T | where x > 1`).
///
/// ```
/// let e = kql_parser::parse_expr("a + b * 2").unwrap();
/// assert_eq!(format!("{e:#}"), "a + (b * 2)");
/// ```
pub fn parse_expr(text: &str) -> Result<Expr, ParseError> {
    let tokens = lex(text)?;
    let mut parser = Parser::new(text, &tokens);
    let expr = parser.expr_or_pipeline()?;
    parser.end_of_input()?;
    Ok(expr)
}

/// Parser state: the token slice, a cursor, the nesting depth and the expected set.
pub(crate) struct Parser<'a> {
    src: &'a str,
    tokens: &'a [Token],
    pos: usize,
    depth: usize,
    expected: Vec<Expected>,
    expected_at: usize,
}

impl<'a> Parser<'a> {
    fn new(src: &'a str, tokens: &'a [Token]) -> Self {
        Parser {
            src,
            tokens,
            pos: 0,
            depth: 0,
            expected: Vec::new(),
            expected_at: 0,
        }
    }

    fn eof_token(&self) -> Token {
        Token {
            kind: TokenKind::Eof,
            span: Span::new(self.src.len(), self.src.len()),
        }
    }

    /// The current token (Eof at the end).
    fn peek(&self) -> Token {
        self.peek_at(0)
    }

    /// The token `n` ahead of the current one.
    fn peek_at(&self, n: usize) -> Token {
        self.tokens
            .get(self.pos + n)
            .copied()
            .unwrap_or_else(|| self.eof_token())
    }

    fn text(&self, tok: Token) -> &'a str {
        tok.text(self.src)
    }

    /// Consumes and returns the current token.
    fn bump(&mut self) -> Token {
        let tok = self.peek();
        if tok.kind != TokenKind::Eof {
            self.pos += 1;
        }
        tok
    }

    /// The end of the last consumed token.
    fn prev_end(&self) -> usize {
        match self.pos.checked_sub(1).and_then(|i| self.tokens.get(i)) {
            Some(tok) => tok.span.end,
            None => 0,
        }
    }

    /// A span from `start` to the end of the last consumed token.
    fn span_from(&self, start: usize) -> Span {
        Span::new(start, self.prev_end().max(start))
    }

    fn is_word(&self, tok: Token, word: &str) -> bool {
        tok.kind == TokenKind::Word && self.text(tok) == word
    }

    fn at_word(&self, word: &str) -> bool {
        self.is_word(self.peek(), word)
    }

    fn at_punct(&self, p: Punct) -> bool {
        self.peek().kind == TokenKind::Punct(p)
    }

    fn at_eof(&self) -> bool {
        self.peek().kind == TokenKind::Eof
    }

    /// Remembers that `what` would have been accepted at the current position.
    fn note(&mut self, what: Expected) {
        if self.expected_at != self.pos {
            self.expected.clear();
            self.expected_at = self.pos;
        }
        if !self.expected.contains(&what) {
            self.expected.push(what);
        }
    }

    /// Checks for a keyword, noting it as expected when absent.
    fn check_word(&mut self, word: &'static str) -> bool {
        let hit = self.at_word(word);
        if !hit {
            self.note(Expected::Token(word));
        }
        hit
    }

    fn eat_word(&mut self, word: &'static str) -> Option<Span> {
        self.check_word(word).then(|| self.bump().span)
    }

    fn eat_punct(&mut self, p: Punct) -> Option<Span> {
        if self.at_punct(p) {
            Some(self.bump().span)
        } else {
            self.note(Expected::Token(p.as_str()));
            None
        }
    }

    fn expect_word(&mut self, word: &'static str) -> PResult<Span> {
        match self.eat_word(word) {
            Some(span) => Ok(span),
            None => Err(self.unexpected()),
        }
    }

    fn expect_punct(&mut self, p: Punct) -> PResult<Span> {
        match self.eat_punct(p) {
            Some(span) => Ok(span),
            None => Err(self.unexpected()),
        }
    }

    /// The error for the current token, with everything noted as expected here.
    fn unexpected(&self) -> ParseError {
        let tok = self.peek();
        let expected = if self.expected_at == self.pos {
            self.expected.clone()
        } else {
            Vec::new()
        };
        let kind = match tok.kind {
            TokenKind::Eof => ParseErrorKind::UnexpectedEof,
            _ => ParseErrorKind::UnexpectedToken {
                found: self.found_text(tok),
            },
        };
        ParseError::new(kind, tok.span).with_expected(expected)
    }

    /// The error for the current token, after noting `what` as expected.
    fn unexpected_wanting(&mut self, what: Expected) -> ParseError {
        self.note(what);
        self.unexpected()
    }

    /// A token's text for a message, shortened when long.
    fn found_text(&self, tok: Token) -> String {
        let text = self.text(tok);
        match text.char_indices().nth(32) {
            Some((i, _)) => format!("{}...", &text[..i]),
            None => text.to_string(),
        }
    }

    /// Requires the end of the input: [`ParseErrorKind::TrailingInput`] otherwise.
    fn end_of_input(&mut self) -> PResult<()> {
        if self.at_eof() {
            return Ok(());
        }
        self.note(Expected::END);
        let mut err = self.unexpected();
        if let ParseErrorKind::UnexpectedToken { found } = err.kind {
            err.kind = ParseErrorKind::TrailingInput { found };
        }
        Err(err)
    }

    /// Enters one nesting level, failing with `TooDeep` past [`MAX_DEPTH`]. Pair with
    /// [`Parser::leave`]. (Not a closure wrapper: in debug builds every frame on the
    /// recursive path counts against the stack.)
    fn enter(&mut self) -> PResult<()> {
        if self.depth >= MAX_DEPTH {
            return Err(ParseError::new(ParseErrorKind::TooDeep, self.peek().span));
        }
        self.depth += 1;
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Runs `f` one nesting level deeper (for the less frequent recursive forms).
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.enter()?;
        let result = f(self);
        self.leave();
        result
    }

    /// True when the token is a plain identifier word (not `!has`, `in~`, `a-b` names).
    fn is_name_word(&self, tok: Token) -> bool {
        tok.kind == TokenKind::Word && is_identifier(self.text(tok))
    }

    /// True when a name (`x` or `['x']`) starts `n` tokens ahead; returns its token count.
    fn name_len_at(&self, n: usize) -> Option<usize> {
        let tok = self.peek_at(n);
        if self.is_name_word(tok) {
            return Some(1);
        }
        let quoted = tok.kind == TokenKind::Punct(Punct::LBracket)
            && self.peek_at(n + 1).kind == TokenKind::String
            && self.peek_at(n + 2).kind == TokenKind::Punct(Punct::RBracket);
        quoted.then_some(3)
    }

    /// name := identifier | '[' string ']'
    fn name(&mut self) -> PResult<Ident> {
        let tok = self.peek();
        if self.is_name_word(tok) {
            self.bump();
            return Ok(Ident::new(self.text(tok), tok.span));
        }
        if self.at_punct(Punct::LBracket) && self.peek_at(1).kind == TokenKind::String {
            return self.quoted_name();
        }
        Err(self.unexpected_wanting(Expected::NAME))
    }

    /// `['name']` / `["name"]`
    fn quoted_name(&mut self) -> PResult<Ident> {
        let open = self.expect_punct(Punct::LBracket)?;
        let tok = self.peek();
        if tok.kind != TokenKind::String {
            return Err(self.unexpected_wanting(Expected::Kind("a quoted name")));
        }
        self.bump();
        let name = literal::string_value(self.src, tok)?;
        self.expect_punct(Punct::RBracket)?;
        Ok(Ident::new(name, self.span_from(open.start)))
    }
}

#[cfg(test)]
mod tests;
