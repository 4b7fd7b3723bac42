use super::{assert_parses_to, assert_roundtrip, full, parse};
use crate::ast::{
    BinaryOp, ExprKind, ListOp, Literal, StatementKind, StringOp, StringOpKind, UnaryOp,
};
use crate::parse_expr;

/// (input, fully parenthesized print): the precedence table.
const PRECEDENCE: &[(&str, &str)] = &[
    ("a or b and c", "a or (b and c)"),
    ("a and b or c", "(a and b) or c"),
    ("a or b or c", "(a or b) or c"),
    ("a and b and c", "(a and b) and c"),
    ("a == b and c != d", "(a == b) and (c != d)"),
    ("a < b == c", "(a < b) == c"),
    ("a == b < c", "a == (b < c)"),
    ("a + b < c * d", "(a + b) < (c * d)"),
    ("a + b * c", "a + (b * c)"),
    ("a * b + c", "(a * b) + c"),
    ("a - b - c", "(a - b) - c"),
    ("a / b * c % d", "((a / b) * c) % d"),
    ("a - -b", "a - (-b)"),
    ("-a * b", "(-a) * b"),
    ("-a.b", "-a.b"),
    ("-a[0]", "-a[0]"),
    ("-f(x)", "-f(x)"),
    // String operators bind tighter than `*` and `+` (checked with the official parser).
    ("1 + 2 has \"3\"", "1 + (2 has \"3\")"),
    ("2 * 3 has \"6\"", "2 * (3 has \"6\")"),
    ("a has b + c", "(a has b) + c"),
    ("-a has b", "(-a) has b"),
    ("1 + 2 =~ \"3\"", "1 + (2 =~ \"3\")"),
    ("a !~ b * c", "(a !~ b) * c"),
    ("a matches regex b + c", "(a matches regex b) + c"),
    ("a has b == c has d", "(a has b) == (c has d)"),
    (
        "a has b and c !contains_cs d",
        "(a has b) and (c !contains_cs d)",
    ),
    // `in` and `between` are at the equality level.
    ("a + 1 in (2)", "(a + 1) in (2)"),
    ("a < b in (true)", "(a < b) in (true)"),
    ("a in (1) and b !in (2)", "(a in (1)) and (b !in (2))"),
    ("a between (1 .. 2) or b", "(a between (1 .. 2)) or b"),
    (
        "a + 1 !between (b .. c * 2)",
        "(a + 1) !between (b .. c * 2)",
    ),
    (
        "x has_any (\"a\") or y has_all (\"b\")",
        "(x has_any (\"a\")) or (y has_all (\"b\"))",
    ),
    ("(a or b) and c", "(a or b) and c"),
    ("a * (b + c)", "a * (b + c)"),
    ("f(a + b, c)", "f(a + b, c)"),
    ("d.a.b[0].c", "d.a.b[0].c"),
];

#[test]
fn precedence_table() {
    for (input, want) in PRECEDENCE {
        assert_eq!(full(input), *want, "{input}");
        // The fully parenthesized form means the same thing.
        let mut a = parse_expr(input).unwrap();
        let mut b = parse_expr(want).unwrap();
        crate::ast::visit::clear_spans(&mut a);
        crate::ast::visit::clear_spans(&mut b);
        assert_eq!(a, b, "{input}");
    }
}

#[test]
fn minimal_parentheses_when_printing() {
    for text in [
        "print a or b and c",
        "print (a or b) and c",
        "print a - (b - c)",
        "print a - b - c",
        "print (a == b) == c",
        "print a == (b == c)",
        "print (a < b) < c",
        "print -(-a)",
        "print -(a + b)",
        "print (a has b) has c",
        "print (a in (1)) in (true)",
        "print (a between (1 .. 2)) == true",
        "print a * b has c",
        "print (a * b) has c",
        "print a has (b * c)",
        "print (-a)[0]",
        "print (a + b).c",
        "print (5).x",
        "print (1.5)[0]",
    ] {
        assert_roundtrip(text);
    }
    assert_parses_to("print ((a))", "print a");
    assert_parses_to("print (a) + (b * c)", "print a + b * c");
    assert_parses_to("print a<>b", "print a != b");
}

#[test]
fn binary_operator_nodes() {
    let e = parse_expr("Url !hasprefix_cs 'x'").unwrap();
    let ExprKind::Binary { op, .. } = e.kind else {
        panic!()
    };
    assert_eq!(
        op,
        BinaryOp::Str(StringOp {
            kind: StringOpKind::HasPrefix,
            negated: true,
            case_sensitive: true
        })
    );
    assert_eq!(op.as_str(), "!hasprefix_cs");
    let e = parse_expr("a matches regex 'x'").unwrap();
    assert!(matches!(
        e.kind,
        ExprKind::Binary {
            op: BinaryOp::MatchesRegex,
            ..
        }
    ));
}

#[test]
fn every_string_operator_round_trips() {
    for kind in [
        "has",
        "hasprefix",
        "hassuffix",
        "contains",
        "startswith",
        "endswith",
    ] {
        for neg in ["", "!"] {
            for cs in ["", "_cs"] {
                assert_roundtrip(&format!("print a {neg}{kind}{cs} \"b\""));
            }
        }
    }
    for op in [
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "+",
        "-",
        "*",
        "/",
        "%",
        "=~",
        "!~",
        "and",
        "or",
        "matches regex",
    ] {
        assert_roundtrip(&format!("print a {op} b"));
    }
}

#[test]
fn in_lists() {
    for op in ["in", "!in", "in~", "!in~", "has_any", "has_all"] {
        assert_roundtrip(&format!("print x {op} (\"a\", \"b\")"));
    }
    let e = parse_expr("x !in~ ('a', b)").unwrap();
    let ExprKind::InList { op, list, .. } = &e.kind else {
        panic!()
    };
    assert_eq!(*op, ListOp::NotInCi);
    assert_eq!(list.len(), 2);
    assert_parses_to(
        "print x has_any (dynamic(['a']))",
        "print x has_any (dynamic([\"a\"]))",
    );
    assert_roundtrip("print x in (list)");
    // A tabular list: bare when it is the only element.
    assert_roundtrip("T\n| where x in (U\n| project a)");
    assert_parses_to(
        "T | where x in ((U | project a))",
        "T\n| where x in (U\n| project a)",
    );
    assert_roundtrip("T\n| where x in ((U\n| project a), 5)");
}

#[test]
fn between() {
    assert_roundtrip("print x between (1 .. 10)");
    assert_roundtrip("print x !between (datetime(2024-01-01T00:00:00Z) .. 1d)");
    assert_parses_to("print x between(1..10)", "print x between (1 .. 10)");
    assert_parses_to("print x between (1.5..2.5)", "print x between (1.5 .. 2.5)");
    let e = parse_expr("x !between (a .. b)").unwrap();
    assert!(matches!(e.kind, ExprKind::Between { negated: true, .. }));
}

#[test]
fn unary() {
    let e = parse_expr("-5").unwrap();
    let ExprKind::Unary {
        op: UnaryOp::Neg,
        operand,
    } = &e.kind
    else {
        panic!()
    };
    assert_eq!(operand.kind, ExprKind::Literal(Literal::Long(Some(5))));
    assert_roundtrip("print -5, +x, -1.5, -1d");
    assert_roundtrip("print a - -b");
    assert_parses_to("print - 1", "print -1");
}

#[test]
fn calls_members_and_indexes() {
    assert_roundtrip("print f(), g(1, \"a\"), count(*), arg_max(ts, *)");
    assert_roundtrip("print d.a, d.where, d.['a b'], d[\"k\"], d[0], d[-1], a.b.c[1][2]");
    assert_parses_to("print d.[\"a b\"]", "print d.['a b']");
    assert_parses_to("print d.[0].name, d.[i + 1]", "print d[0].name, d[i + 1]");
    assert_parses_to(
        "print ['my col'], ['where'], ['a\\'b'](1)",
        "print ['my col'], ['where'], [\"a'b\"](1)",
    );
    assert_roundtrip("print ['datetime'](x), ['dynamic'](y), ['and'](z)");
    assert_roundtrip("print not(x), isempty(y), range(1, 5, 1)");
    assert_roundtrip("print typeof(long), typeof(datetime)");
    assert_parses_to("print typeof(double)", "print typeof(real)");
    assert_roundtrip("print toscalar(T\n| count)");
    assert_roundtrip("print $left.x");
    // Named arguments (q/functions/user-defined-functions.md); `==` stays a comparison.
    assert_roundtrip("print f(1, limit = 10), case(p, strcat = x, y)");
    assert_parses_to("print f(a=1, b==2)", "print f(a = 1, b == 2)");
}

#[test]
fn adjacent_strings_concatenate() {
    assert_parses_to("print 'a' \"b\" @'c' h'd' ```e```", "print \"abcde\"");
    assert_parses_to("print 'a' // comment\n 'b'", "print \"ab\"");
}

#[test]
fn names_that_need_quotes() {
    for text in [
        "print ['by']",
        "print ['true']",
        "print ['1d']",
        "print ['a-b']",
        "print ['has']",
        "print ['print'] = 1",
        "print [\"it's\"]",
        "print [\"a\\nb\"]",
    ] {
        assert_roundtrip(text);
    }
    assert_parses_to("print [\"x\"]", "print x");
    assert_parses_to("print ['x y']", "print ['x y']");
}

#[test]
fn long_or_chain_parses_and_prints_iteratively() {
    let n = 20_000;
    let text = format!(
        "T | where {}",
        (0..n)
            .map(|i| format!("x == {i}"))
            .collect::<Vec<_>>()
            .join(" or ")
    );
    let mut query = parse(&text);
    let printed = query.to_string();
    assert_eq!(printed, format!("T\n| where {}", &text[10..]));
    // Count the chain without recursion, then take it apart iteratively: dropping a
    // 20,000-deep left chain recursively would overflow a small test stack.
    let StatementKind::Expr(e) = &mut query.statements[0].kind else {
        panic!()
    };
    let ExprKind::Tabular(t) = &mut e.kind else {
        panic!()
    };
    let crate::ast::OperatorKind::Where(pred) = &mut t.operators[0].kind else {
        panic!()
    };
    let mut terms = 1;
    let mut cur = std::mem::replace(pred, parse_expr("x").unwrap());
    while let ExprKind::Binary {
        op: BinaryOp::Or,
        lhs,
        ..
    } = &mut cur.kind
    {
        terms += 1;
        let next = std::mem::replace(&mut **lhs, parse_expr("x").unwrap());
        cur = next;
    }
    assert_eq!(terms, n);
}
