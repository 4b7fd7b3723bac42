use super::{assert_parses_to, assert_roundtrip, parse, parse_err};
use crate::ast::{ExprKind, LetValue, ParamType, SourceKind, StatementKind, TypeName};
use crate::ParseErrorKind;

#[test]
fn statements_and_separators() {
    assert_eq!(parse("").statements.len(), 0);
    assert_eq!(parse("// nothing").statements.len(), 0);
    assert_parses_to("T;", "T");
    assert_parses_to("let x = 1; T", "let x = 1;\nT");
    assert_roundtrip("T\n| count;\nT\n| take 1");
    assert_eq!(
        parse_err("T;;").kind,
        ParseErrorKind::UnexpectedToken { found: ";".into() }
    );
    assert_eq!(
        parse_err(";T").kind,
        ParseErrorKind::UnexpectedToken { found: ";".into() }
    );
}

#[test]
fn let_forms() {
    assert_roundtrip("let x = 5;\nlet s = \"a\";\nlet T2 = T\n| where a > x;\nT2");
    assert_roundtrip("let ['a b'] = 1;\nprint ['a b']");
    let q = parse("let x = T; x");
    let StatementKind::Let(l) = &q.statements[0].kind else {
        panic!()
    };
    let LetValue::Expr(e) = &l.value else {
        panic!()
    };
    assert!(matches!(&e.kind, ExprKind::Name(id) if id.name == "T"));
    // A parenthesized pipeline is a tabular expression; `(x)` is just `x`.
    assert_parses_to("let y = (T | take 1); y", "let y = T\n| take 1;\ny");
    assert_parses_to("let y = (1 + 2); y", "let y = 1 + 2;\ny");
}

#[test]
fn function_definitions() {
    assert_roundtrip("let f = (a:long, b:string = \"x\") { let y = 1; a + y };\nprint f(1)");
    assert_roundtrip("let f = () { 1 };\nprint f()");
    assert_roundtrip("let f = (T:(x:long, y:string), U:(*)) { T\n| union U };\nf(A, B)");
    assert_parses_to(
        "let f=(a:double,b:bool=true){a};f(1.0, false)",
        "let f = (a:real, b:bool = true) { a };\nf(1.0, false)",
    );
    assert_parses_to(
        "let f = (x:long) { x; }; print f(1)",
        "let f = (x:long) { x };\nprint f(1)",
    );
    let q = parse("let f = (T:(*), n:int) { T | take n }; f(A, 1)");
    let StatementKind::Let(l) = &q.statements[0].kind else {
        panic!()
    };
    let LetValue::Function(def) = &l.value else {
        panic!()
    };
    assert_eq!(def.params[0].ty, ParamType::Tabular(None));
    assert_eq!(def.params[1].ty, ParamType::Scalar(TypeName::Int));
    assert_eq!(def.body.len(), 1);
}

#[test]
fn set_statements() {
    assert_roundtrip("set querytrace;\nT");
    assert_roundtrip("set truncationmaxrecords = 1000;\nset x = \"a\";\nT");
    let q = parse("set x; T");
    assert!(matches!(
        &q.statements[0].kind,
        StatementKind::Set { value: None, .. }
    ));
}

#[test]
fn top_level_shapes() {
    let q = parse("T");
    assert!(
        matches!(&q.statements[0].kind, StatementKind::Expr(e) if matches!(e.kind, ExprKind::Name(_)))
    );
    let q = parse("print 1");
    let StatementKind::Expr(e) = &q.statements[0].kind else {
        panic!()
    };
    let ExprKind::Tabular(t) = &e.kind else {
        panic!()
    };
    assert!(matches!(t.source.kind, SourceKind::Print(_)));
    assert!(t.operators.is_empty());
    let q = parse("T | take 1");
    let StatementKind::Expr(e) = &q.statements[0].kind else {
        panic!()
    };
    let ExprKind::Tabular(t) = &e.kind else {
        panic!()
    };
    assert!(matches!(&t.source.kind, SourceKind::Expr(e) if matches!(e.kind, ExprKind::Name(_))));
}

#[test]
fn spans() {
    let text = "let x = 1;\nT | where a > x";
    let q = parse(text);
    assert_eq!(q.span, crate::Span::new(0, text.len()));
    assert_eq!(
        &text[q.statements[0].span.start..q.statements[0].span.end],
        "let x = 1"
    );
    let s = q.statements[1].span;
    assert_eq!(&text[s.start..s.end], "T | where a > x");
    let StatementKind::Expr(e) = &q.statements[1].kind else {
        panic!()
    };
    let ExprKind::Tabular(t) = &e.kind else {
        panic!()
    };
    let op = t.operators[0].span;
    assert_eq!(&text[op.start..op.end], "where a > x");
    let crate::ast::OperatorKind::Where(pred) = &t.operators[0].kind else {
        panic!()
    };
    assert_eq!(&text[pred.span.start..pred.span.end], "a > x");
    let ExprKind::Binary { rhs, .. } = &pred.kind else {
        panic!()
    };
    assert_eq!(&text[rhs.span.start..rhs.span.end], "x");
    let q = parse("print (a + b) * c");
    let StatementKind::Expr(e) = &q.statements[0].kind else {
        panic!()
    };
    let ExprKind::Tabular(t) = &e.kind else {
        panic!()
    };
    let SourceKind::Print(items) = &t.source.kind else {
        panic!()
    };
    assert_eq!(items[0].expr.span, crate::Span::new(6, 17));
    let ExprKind::Binary { lhs, .. } = &items[0].expr.kind else {
        panic!()
    };
    assert_eq!(lhs.span, crate::Span::new(6, 13));
}

#[test]
fn seed_query() {
    let text = "let Time_start = now(-5d);
let Time_end = now();
//
DeviceNetworkEvents
| where Timestamp between (Time_start..Time_end)
| where RemoteUrl has_any (
'rmm.datto.com',
'agent.centrastage.net',
'audit.centrastage.net',
'monitoring.centrastage.net',
'agent-notifications.centrastage.net',
'agent-comms.centrastage.net',
'update.centrastage.net',
'realtime.centrastage.net',
'ts.centrastage.net'
)
and (
InitiatingProcessVersionInfoCompanyName has_any ('CentraStage', 'Datto', 'Kaseya' )
or isempty(InitiatingProcessVersionInfoCompanyName)
)
| summarize FirstSeen=min(Timestamp), LastSeen=max(Timestamp),
Report=make_set(ReportId), Count=count() by DeviceId, DeviceName,
RemoteUrl";
    let canonical = "let Time_start = now(-5d);
let Time_end = now();
DeviceNetworkEvents
| where Timestamp between (Time_start .. Time_end)
| where RemoteUrl has_any (\"rmm.datto.com\", \"agent.centrastage.net\", \"audit.centrastage.net\", \"monitoring.centrastage.net\", \"agent-notifications.centrastage.net\", \"agent-comms.centrastage.net\", \"update.centrastage.net\", \"realtime.centrastage.net\", \"ts.centrastage.net\") and (InitiatingProcessVersionInfoCompanyName has_any (\"CentraStage\", \"Datto\", \"Kaseya\") or isempty(InitiatingProcessVersionInfoCompanyName))
| summarize FirstSeen = min(Timestamp), LastSeen = max(Timestamp), Report = make_set(ReportId), Count = count() by DeviceId, DeviceName, RemoteUrl";
    assert_parses_to(text, canonical);
    let q = parse(text);
    assert_eq!(q.statements.len(), 3);
}
