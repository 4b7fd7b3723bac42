use super::{assert_parses_to, assert_roundtrip, parse, parse_err};
use crate::ast::{ExprKind, OperatorKind, SourceKind, StatementKind, UnionKind};
use crate::ParseErrorKind;

fn first_op(text: &str) -> OperatorKind {
    let q = parse(text);
    let StatementKind::Expr(e) = &q.statements[0].kind else {
        panic!()
    };
    let ExprKind::Tabular(t) = &e.kind else {
        panic!()
    };
    t.operators[0].kind.clone()
}

#[test]
fn operators_round_trip() {
    for text in [
        "T\n| where x > 1",
        "T\n| project a, b = c + 1, (d, e) = f(x)",
        "T\n| extend b = a * 2, c",
        "T\n| project-away a, b*, *c, d*e, *",
        "T\n| project-rename new = old, ['n 2'] = o2",
        "T\n| summarize count() by a",
        "T\n| summarize n = count(), s = sum(b)",
        "T\n| summarize by a, bin(ts, 1h)",
        "T\n| summarize (mn, mx) = arg_max(ts, *) by Day = bin(ts, 1d)",
        "T\n| take 10",
        "T\n| sort by a asc nulls first, b desc, c, d nulls last",
        "T\n| top 5 by x desc nulls last",
        "T\n| top n + 1 by f(x)",
        "T\n| distinct a, b",
        "T\n| distinct *",
        // The official parser accepts assignments in distinct (a corpus query uses them).
        "T\n| distinct F = tolower(F), b",
        "T\n| count",
        "T\n| union U, (V\n| where x)",
        "T\n| union kind=inner withsource=Src isfuzzy=true U*, V",
        "T\n| where a\n| extend b = 1\n| take 5",
    ] {
        assert_roundtrip(text);
    }
}

#[test]
fn operator_aliases_normalize() {
    assert_parses_to("T | filter x", "T\n| where x");
    assert_parses_to("T | limit 5", "T\n| take 5");
    assert_parses_to("T | order by x", "T\n| sort by x");
    assert_parses_to("T|where x|take 1", "T\n| where x\n| take 1");
    assert_parses_to("T | union kind=outer U", "T\n| union kind=outer U");
}

#[test]
fn operator_nodes() {
    let OperatorKind::ProjectAway(names) = first_op("T | project-away Col*, x") else {
        panic!()
    };
    assert_eq!(names[0].name, "Col*");
    let OperatorKind::Union(u) = first_op("T | union kind=inner isfuzzy=false A") else {
        panic!()
    };
    assert_eq!(u.kind, Some(UnionKind::Inner));
    assert_eq!(u.is_fuzzy, Some(false));
    let OperatorKind::Summarize(s) = first_op("T | summarize by a") else {
        panic!()
    };
    assert!(s.aggregates.is_empty());
    assert_eq!(s.by.len(), 1);
    let OperatorKind::Distinct(cols) = first_op("T | distinct *") else {
        panic!()
    };
    assert!(matches!(cols[0].expr.kind, ExprKind::Star));
    let OperatorKind::Top(top) = first_op("T | top 3 by x asc") else {
        panic!()
    };
    assert_eq!(top.key.order, Some(crate::ast::SortOrder::Asc));
}

#[test]
fn sources() {
    assert_roundtrip("datatable(a:long, b:string)[1, \"x\", 2, \"y\"]");
    assert_parses_to(
        "datatable(a:long)[1, 2,] | where a > 1",
        "datatable(a:long)[1, 2]\n| where a > 1",
    );
    assert_roundtrip("datatable(a:long)[]");
    assert_parses_to(
        "datatable (d:date, b:boolean, g:uuid) [datetime(2024-01-01), true, guid(74be27de-1e4e-49d9-b579-fe0b331d3642)]",
        "datatable(d:datetime, b:bool, g:guid)[datetime(2024-01-01T00:00:00Z), true, guid(74be27de-1e4e-49d9-b579-fe0b331d3642)]",
    );
    assert_roundtrip("print x = 1, \"a\"");
    assert_roundtrip("print x = 1\n| extend y = 2");
    assert_roundtrip("range x from 1 to 10 step 1");
    assert_roundtrip("range ts from ago(1d) to now() step 1h\n| take 1");
    assert_roundtrip("union T, U");
    assert_roundtrip("union kind=inner withsource=S T*, (U\n| take 1)\n| take 3");
    assert_parses_to(
        "union withsource=S kind=inner T, U",
        "union kind=inner withsource=S T, U",
    );
    let q = parse("range x from 1 to 3 step 1");
    let StatementKind::Expr(e) = &q.statements[0].kind else {
        panic!()
    };
    let ExprKind::Tabular(t) = &e.kind else {
        panic!()
    };
    assert!(matches!(t.source.kind, SourceKind::Range(_)));
    // `range(...)` is the function, not the source.
    assert_roundtrip("print range(1, 3, 1)");
}

#[test]
fn nested_pipelines() {
    assert_roundtrip("print (T\n| count)");
    assert_roundtrip("(T\n| where x)\n| take 1");
    assert_roundtrip("T\n| extend n = toscalar(U\n| count)");
    assert_roundtrip("let n = toscalar(U\n| summarize max(x));\nT\n| where x == n");
}

#[test]
fn unsupported_operators_keep_their_text() {
    let cases = [
        (
            "T | join kind=inner (U | where y) on x | take 1",
            "join kind=inner (U\n| where y) on x",
        ),
        ("(T | lookup U on x)", "lookup U on x"),
    ];
    for (input, text) in cases {
        let q = parse(input);
        let printed = q.to_string();
        assert!(printed.contains(&format!("| {text}")), "{printed}");
        assert_parses_to(input, &printed);
    }
    // (mv-expand, parse, render, evaluate, ... are modelled now: tests/expand_parse.rs)
    let OperatorKind::Unsupported { name, text } = first_op("T | facet by x, y") else {
        panic!()
    };
    assert_eq!(name, "facet");
    assert_eq!(text, "facet by x, y");
}

#[test]
fn unknown_operator_is_an_error() {
    let e = parse_err("T | frobnicate x");
    assert_eq!(
        e.kind,
        ParseErrorKind::UnknownOperator {
            name: "frobnicate".into()
        }
    );
    assert_eq!(e.span, crate::Span::new(4, 14));
    assert_eq!(e.code(), "KQL1007");
    assert_eq!(e.to_string(), "unknown operator 'frobnicate'");
}
