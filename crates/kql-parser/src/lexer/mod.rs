//! The lexer: KQL text to tokens with byte spans.
//!
//! It owns whitespace, `//` comments, word boundaries and longest match: `!contains_cs`,
//! `in~`, `!in~`, `!between`, `project-away` and `=~` are single tokens; `datetime(...)`
//! and the other raw-body literals are captured whole (their bodies are not KQL tokens).
//! Keywords are ordinary [`TokenKind::Word`]s, checked by text in the parser.
//!
//! Token values are not decoded here (no allocation per token): the parser slices the text
//! and converts it with the helpers in [`crate::literal`].

mod literal;
mod token;
pub(crate) mod words;

pub use token::{Punct, Token, TokenKind};

use crate::error::{Expected, ParseError, ParseErrorKind};
use crate::Span;
pub(crate) use literal::octal_len as octal_len_at;
use literal::{scan_number, scan_raw_body, scan_string};

/// Splits `text` into tokens. The last token is always [`TokenKind::Eof`] with an empty span
/// at the end of the text.
///
/// ```
/// use kql_parser::lexer::{lex, TokenKind};
/// let tokens = lex("T | where Url !has_cs 'x'").unwrap();
/// assert_eq!(tokens.len(), 7);
/// assert_eq!(tokens[4].text("T | where Url !has_cs 'x'"), "!has_cs");
/// assert_eq!(tokens[6].kind, TokenKind::Eof);
/// ```
pub fn lex(text: &str) -> Result<Vec<Token>, ParseError> {
    let mut lexer = Lexer {
        text,
        pos: 0,
        tokens: Vec::with_capacity(text.len() / 4 + 1),
    };
    lexer.run()?;
    Ok(lexer.tokens)
}

/// True when `name` reads back as one plain identifier word (`Timestamp`, `_x`, `$left`,
/// `5abc`) rather than a number, timespan, operator word or several tokens.
pub fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    if !(is_ident_start(first) || first.is_ascii_digit()) || !chars.all(is_ident_char) {
        return false;
    }
    let mut lexer = Lexer {
        text: name,
        pos: 0,
        tokens: Vec::new(),
    };
    matches!(lexer.next_token(), Ok(Some(tok)) if tok.kind == TokenKind::Word && tok.span.end == name.len())
}

pub(crate) fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '$'
}

pub(crate) fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Line breaks end a single-line string literal and a raw literal body.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

struct Lexer<'a> {
    text: &'a str,
    pos: usize,
    tokens: Vec<Token>,
}

impl Lexer<'_> {
    fn run(&mut self) -> Result<(), ParseError> {
        while let Some(tok) = self.next_token()? {
            self.tokens.push(tok);
        }
        let end = self.text.len();
        self.tokens.push(Token {
            kind: TokenKind::Eof,
            span: Span::new(end, end),
        });
        Ok(())
    }

    fn char_at(&self, pos: usize) -> Option<char> {
        self.text.get(pos..).and_then(|s| s.chars().next())
    }

    fn byte_at(&self, pos: usize) -> u8 {
        self.text.as_bytes().get(pos).copied().unwrap_or(0)
    }

    /// Skips whitespace and `//` comments.
    fn skip_trivia(&mut self) {
        while let Some(c) = self.char_at(self.pos) {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else if c == '/' && self.byte_at(self.pos + 1) == b'/' {
                let rest = &self.text[self.pos..];
                self.pos += rest.find('\n').unwrap_or(rest.len());
            } else {
                break;
            }
        }
    }

    fn next_token(&mut self) -> Result<Option<Token>, ParseError> {
        self.skip_trivia();
        let start = self.pos;
        let Some(c) = self.char_at(start) else {
            return Ok(None);
        };
        let (kind, len) = match c {
            '\'' | '"' => (TokenKind::String, scan_string(self.text, start)?),
            '`' if self.text[start..].starts_with("```") => {
                (TokenKind::String, scan_string(self.text, start)?)
            }
            '@' if matches!(self.byte_at(start + 1), b'\'' | b'"') => {
                (TokenKind::String, scan_string(self.text, start)?)
            }
            '!' => self.bang(start)?,
            c if is_ident_start(c) => self.word(start)?,
            c if c.is_ascii_digit() => scan_number(self.text, start),
            c => self.punct(start, c)?,
        };
        self.pos = start + len;
        Ok(Some(Token {
            kind,
            span: Span::new(start, start + len),
        }))
    }

    /// The identifier length at `start` (first char already known to be a start char).
    fn ident_len(&self, start: usize) -> usize {
        self.text[start..]
            .char_indices()
            .find(|&(i, c)| !(is_ident_char(c) || (i == 0 && c == '$')))
            .map_or(self.text.len() - start, |(i, _)| i)
    }

    /// Identifiers, keywords, `h'...'` strings, raw-body literals, `in~`, dashed names.
    fn word(&mut self, start: usize) -> Result<(TokenKind, usize), ParseError> {
        let len = self.ident_len(start);
        let word = &self.text[start..start + len];
        let next = self.byte_at(start + len);
        if (word == "h" || word == "H") && matches!(next, b'\'' | b'"' | b'@' | b'`') {
            let at_quote = next != b'@' || matches!(self.byte_at(start + 2), b'\'' | b'"');
            if at_quote && (next != b'`' || self.text[start + 1..].starts_with("```")) {
                return Ok((TokenKind::String, scan_string(self.text, start)?));
            }
        }
        if next == b'(' {
            if let Some(ty) = words::typed_literal_keyword(word) {
                let body = scan_raw_body(self.text, start + len, ty)?;
                return Ok((TokenKind::Typed(ty), len + body));
            }
        }
        if word == "in" && next == b'~' {
            return Ok((TokenKind::Word, len + 1));
        }
        if next == b'-' {
            if let Some(dashed) = self.dashed_word(start) {
                return Ok((TokenKind::Word, dashed));
            }
        }
        Ok((TokenKind::Word, len))
    }

    /// The longest dashed operator name (`project-away`) at `start`, if one ends there.
    fn dashed_word(&self, start: usize) -> Option<usize> {
        let rest = &self.text[start..];
        words::DASHED_WORDS
            .iter()
            .filter(|w| rest.starts_with(*w))
            .filter(|w| !self.char_at(start + w.len()).is_some_and(is_ident_char))
            .map(|w| w.len())
            .max()
    }

    /// `!=`, `!~`, or a negated operator word (`!has`, `!in~`, `!between`).
    fn bang(&self, start: usize) -> Result<(TokenKind, usize), ParseError> {
        match self.byte_at(start + 1) {
            b'=' => return Ok((TokenKind::Punct(Punct::NotEq), 2)),
            b'~' => return Ok((TokenKind::Punct(Punct::BangTilde), 2)),
            _ => {}
        }
        if self.char_at(start + 1).is_some_and(is_ident_start) {
            let len = self.ident_len(start + 1);
            let word = &self.text[start + 1..start + 1 + len];
            if words::NEGATABLE_WORDS.contains(&word) {
                let tilde = word == "in" && self.byte_at(start + 1 + len) == b'~';
                return Ok((TokenKind::Word, 1 + len + usize::from(tilde)));
            }
        }
        Err(ParseError::new(
            ParseErrorKind::InvalidCharacter { ch: '!' },
            Span::new(start, start + 1),
        ))
    }

    fn punct(&self, start: usize, c: char) -> Result<(TokenKind, usize), ParseError> {
        let next = self.byte_at(start + 1);
        let (p, len) = match (c, next) {
            ('|', _) => (Punct::Pipe, 1),
            ('(', _) => (Punct::LParen, 1),
            (')', _) => (Punct::RParen, 1),
            ('[', _) => (Punct::LBracket, 1),
            (']', _) => (Punct::RBracket, 1),
            ('{', _) => (Punct::LBrace, 1),
            ('}', _) => (Punct::RBrace, 1),
            (',', _) => (Punct::Comma, 1),
            (';', _) => (Punct::Semi, 1),
            (':', _) => (Punct::Colon, 1),
            ('=', b'=') => (Punct::EqEq, 2),
            ('=', b'~') => (Punct::EqTilde, 2),
            ('=', b'>') => (Punct::FatArrow, 2),
            ('=', _) => (Punct::Assign, 1),
            ('<', b'=') => (Punct::Le, 2),
            ('<', b'>') => (Punct::LtGt, 2),
            ('<', b'|') => (Punct::LtPipe, 2),
            ('<', _) => (Punct::Lt, 1),
            ('>', b'=') => (Punct::Ge, 2),
            ('>', _) => (Punct::Gt, 1),
            ('+', _) => (Punct::Plus, 1),
            ('-', _) => (Punct::Minus, 1),
            ('*', _) => (Punct::Star, 1),
            ('/', _) => (Punct::Slash, 1),
            ('%', _) => (Punct::Percent, 1),
            ('.', b'.') => (Punct::DotDot, 2),
            ('.', _) => (Punct::Dot, 1),
            ('@', _) => (Punct::At, 1),
            ('?', _) => (Punct::Question, 1),
            _ => {
                return Err(ParseError::new(
                    ParseErrorKind::InvalidCharacter { ch: c },
                    Span::new(start, start + c.len_utf8()),
                ))
            }
        };
        Ok((TokenKind::Punct(p), len))
    }
}

/// The error for a literal that runs into the end of its line or of the input.
pub(crate) fn missing_close(text: &str, at: usize, what: &str, close: &'static str) -> ParseError {
    let (kind, span) = if at >= text.len() {
        (
            ParseErrorKind::UnexpectedEof,
            Span::new(text.len(), text.len()),
        )
    } else {
        (
            ParseErrorKind::InvalidLiteral {
                what: what.to_string(),
            },
            Span::new(at, at),
        )
    };
    ParseError::new(kind, span).with_expected(vec![Expected::Token(close)])
}

#[cfg(test)]
mod tests;
