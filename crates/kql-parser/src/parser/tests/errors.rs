use super::parse_err;
use crate::{Expected, ParseErrorKind, Span};

const EXPR: Expected = Expected::EXPRESSION;

#[test]
fn missing_expression_at_end() {
    let e = parse_err("T | where");
    assert_eq!(e.kind, ParseErrorKind::UnexpectedEof);
    assert_eq!(e.span, Span::new(9, 9));
    assert_eq!(e.expected, vec![EXPR]);
    assert_eq!(
        e.to_string(),
        "expected an expression but found end of input"
    );
    assert_eq!(e.code(), "KQL1002");

    let e = parse_err("T | where a == 1 and");
    assert_eq!(e.kind, ParseErrorKind::UnexpectedEof);
    assert_eq!(e.span, Span::new(20, 20));
    assert_eq!(e.expected, vec![EXPR]);

    let e = parse_err("T | summarize count() by");
    assert_eq!(e.kind, ParseErrorKind::UnexpectedEof);
    assert_eq!(e.expected, vec![EXPR]);
}

#[test]
fn unexpected_tokens_name_what_was_expected() {
    let e = parse_err("print f(a where)");
    assert_eq!(
        e.kind,
        ParseErrorKind::UnexpectedToken {
            found: "where".into()
        }
    );
    assert_eq!(e.span, Span::new(10, 15));
    assert_eq!(e.expected, vec![Expected::Token(","), Expected::Token(")")]);
    assert_eq!(e.to_string(), "expected ',' or ')' but found 'where'");
    assert_eq!(e.code(), "KQL1001");

    let e = parse_err("T | where and");
    assert_eq!(
        e.kind,
        ParseErrorKind::UnexpectedToken {
            found: "and".into()
        }
    );
    assert_eq!(e.expected, vec![EXPR]);

    let e = parse_err("T | sort x");
    assert_eq!(e.expected, vec![Expected::Token("by")]);
    assert_eq!(e.to_string(), "expected 'by' but found 'x'");

    let e = parse_err("T | summarize");
    assert_eq!(e.expected, vec![Expected::Token("by"), EXPR]);

    let e = parse_err("T |");
    assert_eq!(e.expected, vec![Expected::Kind("an operator")]);
    let e = parse_err("T | 5");
    assert_eq!(e.to_string(), "expected an operator but found '5'");

    let e = parse_err("print x between (1, 2)");
    assert_eq!(e.expected, vec![Expected::Token("..")]);

    let e = parse_err("let = 5");
    assert_eq!(e.expected, vec![Expected::NAME]);

    let e = parse_err("datatable(a:foo)[1]");
    assert_eq!(e.expected, vec![Expected::Kind("a type name")]);

    let e = parse_err("range x from 1 step 2");
    assert_eq!(e.expected, vec![Expected::Token("to")]);
}

#[test]
fn trailing_input() {
    let e = parse_err("T | where a == 1 b");
    assert_eq!(e.kind, ParseErrorKind::TrailingInput { found: "b".into() });
    assert_eq!(e.span, Span::new(17, 18));
    assert_eq!(e.expected, vec![Expected::Token(";"), Expected::END]);
    assert_eq!(e.to_string(), "expected ';' or end of input but found 'b'");
    assert_eq!(e.code(), "KQL1008");
    // Non-associative operators do not chain.
    for text in [
        "print a == b == c",
        "print a < b < c",
        "print a has b has c",
        "print x in (1) in (2)",
        "print --1",
    ] {
        assert!(
            matches!(
                parse_err(text).kind,
                ParseErrorKind::TrailingInput { .. } | ParseErrorKind::UnexpectedToken { .. }
            ),
            "{text}"
        );
    }
    assert!(matches!(
        parse_err("T | take 1 )").kind,
        ParseErrorKind::TrailingInput { .. }
    ));
}

#[test]
fn long_tokens_are_shortened_in_messages() {
    let e = parse_err(&format!("T {}", "x".repeat(100)));
    let ParseErrorKind::TrailingInput { found } = e.kind else {
        panic!()
    };
    assert_eq!(found, format!("{}...", "x".repeat(32)));
}

#[test]
fn lexer_errors_surface() {
    assert_eq!(
        parse_err("print 'abc").kind,
        ParseErrorKind::UnterminatedString
    );
    assert_eq!(parse_err("print 'abc").code(), "KQL1003");
    assert_eq!(
        parse_err("T | where x # 1").kind,
        ParseErrorKind::InvalidCharacter { ch: '#' }
    );
}

#[test]
fn messages_never_hold_positions() {
    for text in [
        "T | where",
        "T | where a b",
        "print datetime(x)",
        "T | foo",
        "print 1e400",
    ] {
        let message = parse_err(text).to_string();
        assert!(
            !message.contains(char::is_numeric) || message.contains("'"),
            "{message}"
        );
    }
}
