//! `join`, `lookup`, `as`, `invoke`, `search`, `externaldata`, hints, `view` lets and
//! `declare query_parameters` (q/join-operator.md, q/lookup-operator.md, q/as-operator.md,
//! q/invoke-operator.md, q/search-operator.md, q/externaldata-operator.md,
//! q/query-parameters-statement.md, q/let-statement.md).

use super::{assert_parses_to, assert_roundtrip, parse, parse_err};
use crate::ast::{
    ExprKind, JoinCondition, JoinKind, LetValue, OperatorKind, SourceKind, StatementKind,
};

fn first_op(text: &str) -> OperatorKind {
    let q = parse(text);
    let StatementKind::Expr(e) = &q.statements[0].kind else {
        panic!("not an expression statement: {text}")
    };
    let ExprKind::Tabular(t) = &e.kind else {
        panic!("not a pipeline: {text}")
    };
    t.operators[0].kind.clone()
}

fn first_source(text: &str) -> SourceKind {
    let q = parse(text);
    let StatementKind::Expr(e) = &q.statements[0].kind else {
        panic!("not an expression statement: {text}")
    };
    let ExprKind::Tabular(t) = &e.kind else {
        panic!("not a pipeline: {text}")
    };
    t.source.kind.clone()
}

#[test]
fn join_forms_round_trip() {
    for text in [
        "X\n| join Y on Key",
        "X\n| join kind=inner (Y\n| where v > 1) on Key",
        "X\n| join kind=leftouter Y on $left.a == $right.b, Key",
        "X\n| join kind=fullouter hint.strategy=broadcast Y on a",
        "X\n| join kind=rightanti hint.shufflekey=Key hint.num_partitions=10 Y on Key",
        "X\n| lookup Y on Key",
        "X\n| lookup kind=inner (Y\n| take 1) on $left.a == $right.b",
        "X\n| as T",
        "X\n| as hint.materialized=true T",
        "X\n| invoke f(1, \"a\")",
        "X\n| invoke f()",
    ] {
        assert_roundtrip(text);
    }
}

#[test]
fn join_normalizes_aliases_sides_and_separators() {
    // `anti` and `leftantisemi` are `leftanti`; `rightantisemi` is `rightanti`.
    assert_parses_to(
        "X | join kind=anti Y on a",
        "X\n| join kind=leftanti Y on a",
    );
    assert_parses_to(
        "X | join kind=leftantisemi Y on a",
        "X\n| join kind=leftanti Y on a",
    );
    assert_parses_to(
        "X | join kind=rightantisemi Y on a",
        "X\n| join kind=rightanti Y on a",
    );
    // `$right.b == $left.a` is kept left-first; `and` separates like `,`; parentheses
    // around the right side and the conditions go.
    assert_parses_to(
        "X | join (Y) on ($right.b == $left.a and k)",
        "X\n| join Y on $left.a == $right.b, k",
    );
}

#[test]
fn join_ast_shape() {
    let OperatorKind::Join(j) =
        first_op("X | join kind=inner hint.strategy=shuffle (Y) on k, $left.a == $right.b")
    else {
        panic!("not a join")
    };
    assert_eq!(j.kind, Some(JoinKind::Inner));
    assert_eq!(j.hints.len(), 1);
    assert_eq!(j.hints[0].name.name, "strategy");
    assert!(matches!(&j.on[0], JoinCondition::Column(c) if c.name == "k"));
    assert!(
        matches!(&j.on[1], JoinCondition::Equal { left, right } if left.name == "a" && right.name == "b")
    );
    let OperatorKind::Lookup(l) = first_op("X | lookup Y on k") else {
        panic!("not a lookup")
    };
    assert_eq!(l.kind, None);
}

#[test]
fn join_errors() {
    // lookup has only leftouter and inner.
    parse_err("X | lookup kind=fullouter Y on k");
    parse_err("X | join kind=cross Y on k");
    parse_err("X | join Y");
    parse_err("X | join Y on $left.a == $left.b");
    parse_err("X | invoke 1 + 2");
    parse_err("X | invoke f");
}

#[test]
fn search_round_trips() {
    for text in [
        "search \"x\"",
        "search *\n| take 1",
        "search kind=case_sensitive in (A, B*) \"x\" and y == 1",
        "T\n| search \"x\" or c has \"y\"",
        "search * has \"x\"",
        "T\n| where * contains \"x\"",
    ] {
        assert_roundtrip(text);
    }
    // `Col:"x"` is `Col has "x"`.
    assert_parses_to(
        "search in (T) \"ntds\" and ActionType:\"FileModified\"",
        "search in (T) \"ntds\" and ActionType has \"FileModified\"",
    );
    assert!(matches!(
        first_source("search 'x' | take 1"),
        SourceKind::Search(_)
    ));
    assert!(matches!(
        first_op("T | search 'x'"),
        OperatorKind::Search(_)
    ));
}

#[test]
fn externaldata_round_trips() {
    assert_roundtrip("externaldata(a:string, b:long)[\"https://x/y.csv\"]");
    assert_roundtrip(
        "externaldata(a:string)[\"u1\", \"u2\"] with (format=\"csv\", ignoreFirstRecord=true)\n| take 1",
    );
    // Trailing commas, `h@` strings and `True` are accepted and normalized.
    assert_parses_to(
        "externaldata(a: string, ) [h@'https://x', ] with (format='txt', ignoreFirstRecord=True)",
        "externaldata(a:string)[\"https://x\"] with (format=\"txt\", ignoreFirstRecord=true)",
    );
    let SourceKind::Externaldata(x) = first_source("externaldata(a:string)['u'] | take 1") else {
        panic!("not externaldata")
    };
    assert_eq!(x.columns.len(), 1);
    assert_eq!(x.urls.len(), 1);
}

#[test]
fn view_and_query_parameters() {
    assert_roundtrip("let V = view () { T\n| take 1 };\nV");
    let q = parse("let V = view () { range x from 1 to 3 step 1 }; V");
    let StatementKind::Let(l) = &q.statements[0].kind else {
        panic!("not a let")
    };
    assert!(matches!(l.value, LetValue::View(_)));
    assert_roundtrip("declare query_parameters(a:long, b:string = \"x\");\nT\n| where c == a");
    assert_roundtrip("let V = view (x:long) { T\n| take x };\nV(1)");
    parse_err("declare query_parameters(); T");
    assert_parses_to(
        "externaldata(a:string) ['x'] with ()",
        "externaldata(a:string)[\"x\"]",
    );
    assert!(matches!(
        parse("declare query_parameters(a:long = 1); print a").statements[0].kind,
        StatementKind::DeclareQueryParameters(_)
    ));
}

#[test]
fn cross_database_references() {
    assert_roundtrip("database(\"db\").T\n| take 1");
    assert_roundtrip("cluster(\"c\").database(\"db\").T\n| take 1");
    assert_parses_to(
        "database(cluster('c'), 'db').T",
        "cluster(\"c\").database(\"db\").T",
    );
    parse_err("x.database('db')");
}

#[test]
fn where_with_a_named_predicate_drops_the_name() {
    // The official parser reads `where a = true` as a named expression whose value is the
    // predicate; `where a = 1 and b = 2` is a syntax error there too.
    assert_parses_to("T | where IsAudit = true", "T\n| where true");
    parse_err("T | where a = 1 and b = 2");
}

#[test]
fn legacy_notcontains() {
    assert_parses_to(
        "T | where a notcontains 'x'",
        "T\n| where a !contains \"x\"",
    );
}
