use super::{assert_roundtrip, parse, parse_err};
use crate::{ParseErrorKind, MAX_DEPTH};

#[test]
fn deep_parentheses_give_too_deep_not_a_stack_overflow() {
    let n = 100_000;
    let text = format!("print {}1{}", "(".repeat(n), ")".repeat(n));
    let e = parse_err(&text);
    assert_eq!(e.kind, ParseErrorKind::TooDeep);
    assert_eq!(e.code(), "KQL1006");
    assert_eq!(e.span.len(), 1);
    assert!(e.span.start > MAX_DEPTH && e.span.start < MAX_DEPTH + 10);
}

#[test]
fn every_nesting_form_is_bounded() {
    let n = 100_000;
    let forms = [
        format!("print {}1{}", "f(".repeat(n), ")".repeat(n)),
        format!("print dynamic({}1{})", "[".repeat(n), "]".repeat(n)),
        format!("print {}1{}", "a[".repeat(n), "]".repeat(n)),
        format!("print {}1{}", "-(".repeat(n), ")".repeat(n)),
        format!("{}T{}", "(T | where x in (".repeat(n), "))".repeat(n)),
        format!("{}1{}", "let f = () { ".repeat(n), " }".repeat(n)),
        format!("print {}1{}", "x between (".repeat(n), " .. 2)".repeat(n)),
    ];
    for text in forms {
        assert_eq!(
            parse_err(&text).kind,
            ParseErrorKind::TooDeep,
            "{}",
            &text[..40]
        );
    }
}

#[test]
fn nesting_below_the_limit_parses_and_prints() {
    let n = MAX_DEPTH - 2;
    let text = format!("print {}1{}", "f(".repeat(n), ")".repeat(n));
    assert_roundtrip(&text);
    let text = format!("print dynamic({}1{})", "[".repeat(n), "]".repeat(n));
    assert_roundtrip(&text);
    let parens = format!("print {}a + 1{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(parse(&parens).to_string(), "print a + 1");
}
