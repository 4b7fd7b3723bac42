//! Tokens: a kind plus a span. Token text is never copied; slice it from the source with
//! [`Token::text`].

use crate::ast::TypeName;
use crate::Span;

/// One token of KQL text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Where it is (byte offsets).
    pub span: Span,
}

impl Token {
    /// The token's text in `source` (the text it was lexed from).
    pub fn text<'s>(&self, source: &'s str) -> &'s str {
        source.get(self.span.start..self.span.end).unwrap_or("")
    }
}

/// The kinds of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// An identifier or keyword (`where`, `Timestamp`, `$left`, `5abc`), an operator word
    /// (`!has_cs`, `in~`, `!between`), or a dashed operator name (`project-away`).
    /// Keywords are checked by text in the parser.
    Word,
    /// An integer literal: `42`, `0x2A`.
    Long,
    /// A real literal: `1.5`, `1e5`, `2.`.
    Real,
    /// A timespan literal: `5d`, `1.5h`, `100ms`, `2ticks`.
    TimeSpan,
    /// A string literal in any form: `'a'`, `"a"`, `@'a'`, `h"a"`, ```` ```a``` ````.
    String,
    /// A typed literal with a raw body: `datetime(2024-01-01)`, `long(null)`,
    /// `guid(...)`, `real(+inf)`, `timespan(1.02:03:04)`, `bool(true)`, `decimal(1.5)`.
    Typed(TypeName),
    /// Punctuation or an operator symbol.
    Punct(Punct),
    /// The end of the input (always the last token, with an empty span).
    Eof,
}

/// Punctuation and operator symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Punct {
    /// `|`
    Pipe,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `,`
    Comma,
    /// `;`
    Semi,
    /// `:`
    Colon,
    /// `=`
    Assign,
    /// `==`
    EqEq,
    /// `!=`
    NotEq,
    /// `<>`
    LtGt,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `%`
    Percent,
    /// `.`
    Dot,
    /// `..`
    DotDot,
    /// `=~`
    EqTilde,
    /// `!~`
    BangTilde,
    /// `=>`
    FatArrow,
    /// `<|`
    LtPipe,
    /// `@`
    At,
    /// `?`
    Question,
}

impl Punct {
    /// The symbol's text.
    pub fn as_str(self) -> &'static str {
        match self {
            Punct::Pipe => "|",
            Punct::LParen => "(",
            Punct::RParen => ")",
            Punct::LBracket => "[",
            Punct::RBracket => "]",
            Punct::LBrace => "{",
            Punct::RBrace => "}",
            Punct::Comma => ",",
            Punct::Semi => ";",
            Punct::Colon => ":",
            Punct::Assign => "=",
            Punct::EqEq => "==",
            Punct::NotEq => "!=",
            Punct::LtGt => "<>",
            Punct::Lt => "<",
            Punct::Le => "<=",
            Punct::Gt => ">",
            Punct::Ge => ">=",
            Punct::Plus => "+",
            Punct::Minus => "-",
            Punct::Star => "*",
            Punct::Slash => "/",
            Punct::Percent => "%",
            Punct::Dot => ".",
            Punct::DotDot => "..",
            Punct::EqTilde => "=~",
            Punct::BangTilde => "!~",
            Punct::FatArrow => "=>",
            Punct::LtPipe => "<|",
            Punct::At => "@",
            Punct::Question => "?",
        }
    }
}
