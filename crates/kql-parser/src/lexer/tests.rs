#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::*;
use crate::ast::TypeName;

/// (kind, text) of every token but the final Eof.
fn toks(text: &str) -> Vec<(TokenKind, &str)> {
    let tokens = lex(text).unwrap();
    assert_eq!(tokens.last().map(|t| t.kind), Some(TokenKind::Eof));
    tokens[..tokens.len() - 1]
        .iter()
        .map(|t| (t.kind, t.text(text)))
        .collect()
}

fn single(text: &str) -> (TokenKind, &str) {
    let all = toks(text);
    assert_eq!(all.len(), 1, "{text:?} gave {all:?}");
    all[0]
}

fn err(text: &str) -> ParseError {
    lex(text).unwrap_err()
}

const W: TokenKind = TokenKind::Word;

fn p(p: Punct) -> TokenKind {
    TokenKind::Punct(p)
}

#[test]
fn empty_and_comments() {
    assert_eq!(toks(""), vec![]);
    assert_eq!(toks("  // only a comment"), vec![]);
    assert_eq!(toks("a // c1\n// c2\nb"), vec![(W, "a"), (W, "b")]);
    let tokens = lex("ab ").unwrap();
    assert_eq!(tokens[1].span, Span::new(3, 3));
}

#[test]
fn words_and_identifiers() {
    assert_eq!(single("Timestamp"), (W, "Timestamp"));
    assert_eq!(single("_x1"), (W, "_x1"));
    assert_eq!(single("$left"), (W, "$left"));
    assert_eq!(single("5abc"), (W, "5abc"));
    assert_eq!(single("1w"), (W, "1w"));
    assert_eq!(single("1mins"), (W, "1mins"));
    assert_eq!(single("héllo"), (W, "héllo"));
    assert_eq!(toks("a.b"), vec![(W, "a"), (p(Punct::Dot), "."), (W, "b")]);
}

#[test]
fn every_operator_word() {
    for word in words::NEGATABLE_WORDS {
        let text = format!("!{word}");
        assert_eq!(single(&text), (W, text.as_str()));
        assert_eq!(single(word), (W, *word));
    }
    for word in [
        "in~", "!in~", "has_any", "has_all", "matches", "regex", "and", "or",
    ] {
        assert_eq!(single(word), (W, word));
    }
    for word in words::DASHED_WORDS {
        assert_eq!(single(word), (W, *word));
    }
}

#[test]
fn longest_match() {
    assert_eq!(
        toks("x !contains_cs y"),
        vec![(W, "x"), (W, "!contains_cs"), (W, "y")]
    );
    assert_eq!(
        toks("a !in~ (b)"),
        vec![
            (W, "a"),
            (W, "!in~"),
            (p(Punct::LParen), "("),
            (W, "b"),
            (p(Punct::RParen), ")")
        ]
    );
    assert_eq!(toks("a in~('x')")[1], (W, "in~"));
    assert_eq!(toks("a=~b")[1], (p(Punct::EqTilde), "=~"));
    assert_eq!(toks("a!~b")[1], (p(Punct::BangTilde), "!~"));
    assert_eq!(toks("a!=b")[1], (p(Punct::NotEq), "!="));
    assert_eq!(toks("a<>b")[1], (p(Punct::LtGt), "<>"));
    // `!` before a word that is not an operator word is not a token.
    assert_eq!(
        err("!foo").kind,
        ParseErrorKind::InvalidCharacter { ch: '!' }
    );
    assert_eq!(
        err("!hasx").kind,
        ParseErrorKind::InvalidCharacter { ch: '!' }
    );
}

#[test]
fn dashed_words_only_from_the_list() {
    assert_eq!(toks("T | project-away a")[2], (W, "project-away"));
    assert_eq!(toks("mv-expand x")[0], (W, "mv-expand"));
    assert_eq!(toks("graph-shortest-paths")[0], (W, "graph-shortest-paths"));
    assert_eq!(
        toks("a-b"),
        vec![(W, "a"), (p(Punct::Minus), "-"), (W, "b")]
    );
    assert_eq!(
        toks("project-awayx"),
        vec![(W, "project"), (p(Punct::Minus), "-"), (W, "awayx")]
    );
    assert_eq!(
        toks("project - away"),
        vec![(W, "project"), (p(Punct::Minus), "-"), (W, "away")]
    );
}

#[test]
fn punctuation() {
    let text = "| ( ) [ ] { } , ; : = == != <> < <= > >= + - * / % . .. =~ !~ => <| @ ?";
    let kinds: Vec<TokenKind> = toks(text).into_iter().map(|t| t.0).collect();
    let want = [
        Punct::Pipe,
        Punct::LParen,
        Punct::RParen,
        Punct::LBracket,
        Punct::RBracket,
        Punct::LBrace,
        Punct::RBrace,
        Punct::Comma,
        Punct::Semi,
        Punct::Colon,
        Punct::Assign,
        Punct::EqEq,
        Punct::NotEq,
        Punct::LtGt,
        Punct::Lt,
        Punct::Le,
        Punct::Gt,
        Punct::Ge,
        Punct::Plus,
        Punct::Minus,
        Punct::Star,
        Punct::Slash,
        Punct::Percent,
        Punct::Dot,
        Punct::DotDot,
        Punct::EqTilde,
        Punct::BangTilde,
        Punct::FatArrow,
        Punct::LtPipe,
        Punct::At,
        Punct::Question,
    ];
    assert_eq!(kinds, want.map(TokenKind::Punct).to_vec());
    for p in want {
        assert_eq!(single(p.as_str()), (TokenKind::Punct(p), p.as_str()));
    }
}

#[test]
fn numbers() {
    use TokenKind::{Long, Real};
    assert_eq!(single("42"), (Long, "42"));
    assert_eq!(single("0x2A"), (Long, "0x2A"));
    assert_eq!(single("0XfF"), (Long, "0XfF"));
    assert_eq!(single("1.5"), (Real, "1.5"));
    assert_eq!(single("1."), (Real, "1."));
    assert_eq!(single("1e5"), (Real, "1e5"));
    assert_eq!(single("1E-5"), (Real, "1E-5"));
    assert_eq!(single("2.5e+10"), (Real, "2.5e+10"));
    assert_eq!(single("1.e5"), (Real, "1.e5"));
    assert_eq!(
        toks("1..2"),
        vec![(Long, "1"), (p(Punct::DotDot), ".."), (Long, "2")]
    );
    assert_eq!(
        toks("1.5..2.5"),
        vec![(Real, "1.5"), (p(Punct::DotDot), ".."), (Real, "2.5")]
    );
    // `.5` is not a number in KQL.
    assert_eq!(toks(".5"), vec![(p(Punct::Dot), "."), (Long, "5")]);
    assert_eq!(single("1e"), (W, "1e"));
    assert_eq!(single("0x"), (W, "0x"));
}

#[test]
fn timespans() {
    let all = [
        "2d",
        "1day",
        "3days",
        "1.5h",
        "1hr",
        "2hrs",
        "1hour",
        "2hours",
        "30m",
        "10min",
        "1minute",
        "5minutes",
        "10s",
        "1sec",
        "1second",
        "2seconds",
        "100ms",
        "1milli",
        "2millis",
        "1millisec",
        "1millisecond",
        "3milliseconds",
        "1micro",
        "2micros",
        "1microsec",
        "10microsecond",
        "10microseconds",
        "1nano",
        "2nanos",
        "1nanosec",
        "100nanosecond",
        "200nanoseconds",
        "1tick",
        "2ticks",
    ];
    for text in all {
        assert_eq!(single(text), (TokenKind::TimeSpan, text));
    }
    assert_eq!(single("1D"), (W, "1D"));
    assert_eq!(
        toks("now()-1d"),
        vec![
            (W, "now"),
            (p(Punct::LParen), "("),
            (p(Punct::RParen), ")"),
            (p(Punct::Minus), "-"),
            (TokenKind::TimeSpan, "1d")
        ]
    );
}

#[test]
fn strings() {
    use TokenKind::String as S;
    for text in [
        "'a'",
        "\"a\"",
        r"'it\'s'",
        r#""say \"hi\"""#,
        r"'\\'",
        r"'\u00A0\U0001F600\x41\101\a\b\f\n\r\t\v'",
        "@'C:\\path'",
        "@'it''s'",
        "@\"a\"\"b\"",
        "h'secret'",
        "H\"secret\"",
        "h@'raw'",
        "H@\"raw\"",
        "```multi\nline 'x' \"y\"```",
        "h```hidden```",
        "'日本語'",
        "''",
    ] {
        assert_eq!(single(text), (S, text), "{text}");
    }
    assert_eq!(toks("'a' \"b\"").len(), 2);
    assert_eq!(toks("h = 'x'")[0], (W, "h"));
    assert_eq!(toks("h@x")[0], (W, "h"));
}

#[test]
fn string_errors() {
    let e = err("print 'abc");
    assert_eq!(e.kind, ParseErrorKind::UnterminatedString);
    assert_eq!(e.span, Span::new(6, 10));
    let e = err("print 'abc\n'");
    assert_eq!(e.kind, ParseErrorKind::UnterminatedString);
    assert_eq!(e.span, Span::new(6, 10));
    assert_eq!(err("```abc").kind, ParseErrorKind::UnterminatedString);
    let e = err(r"'a\qb'");
    assert_eq!(
        e.kind,
        ParseErrorKind::InvalidLiteral {
            what: "escape sequence".into()
        }
    );
    assert_eq!(e.span, Span::new(2, 4));
    assert!(matches!(
        err(r"'\u12'").kind,
        ParseErrorKind::InvalidLiteral { .. }
    ));
}

#[test]
fn typed_literals() {
    let cases = [
        ("datetime(2024-01-01 10:00:00.5)", TypeName::DateTime),
        ("date(2024-01-01)", TypeName::DateTime),
        ("timespan(1.02:03:04)", TypeName::TimeSpan),
        ("time(1d)", TypeName::TimeSpan),
        ("guid(74be27de-1e4e-49d9-b579-fe0b331d3642)", TypeName::Guid),
        ("long(null)", TypeName::Long),
        ("int(-5)", TypeName::Int),
        ("real(+inf)", TypeName::Real),
        ("double(1.5)", TypeName::Real),
        ("bool(true)", TypeName::Bool),
        ("decimal(1.5)", TypeName::Decimal),
        ("datetime('2007-04-07')", TypeName::DateTime),
    ];
    for (text, ty) in cases {
        assert_eq!(single(text), (TokenKind::Typed(ty), text));
    }
    // With a space, or for non-literal words, `(` is a separate token.
    assert_eq!(toks("datetime (x)")[0], (W, "datetime"));
    assert_eq!(toks("dynamic([1])")[0], (W, "dynamic"));
    assert_eq!(toks("todatetime(x)")[0], (W, "todatetime"));
    assert_eq!(toks("boolean(1)")[0], (W, "boolean"));
    // Bodies do not nest: the first `)` ends them.
    assert_eq!(
        toks("long(toint(1))")[0],
        (TokenKind::Typed(TypeName::Long), "long(toint(1)")
    );
}

#[test]
fn typed_literal_errors() {
    let e = err("print datetime(2024-01-01");
    assert_eq!(e.kind, ParseErrorKind::UnexpectedEof);
    assert_eq!(e.expected, vec![Expected::Token(")")]);
    assert_eq!(e.to_string(), "expected ')' but found end of input");
    let e = err("print datetime(2024\n)");
    assert!(matches!(e.kind, ParseErrorKind::InvalidLiteral { .. }));
    assert_eq!(e.span, Span::new(19, 19));
}

#[test]
fn invalid_characters() {
    let e = err("print 1 # 2");
    assert_eq!(e.kind, ParseErrorKind::InvalidCharacter { ch: '#' });
    assert_eq!(e.span, Span::new(8, 9));
    assert_eq!(e.code(), "KQL1009");
    assert_eq!(
        err("a ` b").kind,
        ParseErrorKind::InvalidCharacter { ch: '`' }
    );
    assert_eq!(err("a € b").span, Span::new(2, 5));
}

#[test]
fn spans_are_byte_offsets() {
    let text = "é | where x";
    let tokens = lex(text).unwrap();
    assert_eq!(tokens[0].span, Span::new(0, 2));
    assert_eq!(tokens[1].span, Span::new(3, 4));
    assert_eq!(tokens[2].text(text), "where");
}

#[test]
fn identifier_check() {
    for name in ["x", "Timestamp", "_a", "$left", "5abc", "in", "h"] {
        assert!(is_identifier(name), "{name}");
    }
    for name in [
        "",
        "a b",
        "1d",
        "1e5",
        "0x1F",
        "42",
        "a-b",
        "!has",
        "in~",
        "project-away",
        "'a'",
    ] {
        assert!(!is_identifier(name), "{name}");
    }
}
