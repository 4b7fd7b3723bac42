//! mv-expand, mv-apply, parse, parse-where, parse-kv, project-reorder, project-keep,
//! serialize, sample, getschema, render, make-series, evaluate: canonical forms and trees.

use super::{assert_parses_to, assert_roundtrip, parse, parse_err};
use crate::ast::*;

fn op(text: &str) -> OperatorKind {
    let q = parse(text);
    let StatementKind::Expr(e) = &q.statements[0].kind else {
        panic!("{text}")
    };
    let ExprKind::Tabular(t) = &e.kind else {
        panic!("{text}")
    };
    t.operators[0].kind.clone()
}

#[test]
fn mv_expand_forms() {
    // q/mv-expand-operator.md
    assert_roundtrip("T\n| mv-expand a");
    assert_roundtrip(
        "T\n| mv-expand kind=array with_itemindex=Idx a, x = b to typeof(long) limit 10",
    );
    assert_roundtrip("T\n| mvexpand a limit 5");
    assert_parses_to(
        "T | mv-expand bagexpansion=bag d.x to typeof(string)",
        "T\n| mv-expand kind=bag d.x to typeof(string)",
    );
    let OperatorKind::MvExpand(m) = op("T | mv-expand with_itemindex=i a, b to typeof(int)") else {
        panic!()
    };
    assert!(!m.legacy);
    assert_eq!(m.with_itemindex.map(|i| i.name), Some("i".to_string()));
    assert_eq!(m.items.len(), 2);
    assert_eq!(m.items[1].to_type, Some(TypeName::Int));
    let OperatorKind::MvExpand(m) = op("T | mvexpand a") else {
        panic!()
    };
    assert!(m.legacy);
    assert!(parse_err("T | mv-expand kind=list a")
        .to_string()
        .contains("array"));
}

#[test]
fn mv_apply_forms() {
    // q/mv-apply-operator.md
    assert_roundtrip("T\n| mv-apply x = a to typeof(long) on (top 1 by x)");
    assert_roundtrip(
        "T\n| mv-apply with_itemindex=i a limit 3 on (where a > 1 | summarize count())",
    );
    let OperatorKind::MvApply(m) = op("T | mv-apply a on (take 1 | where y)") else {
        panic!()
    };
    assert_eq!(m.subquery.len(), 2);
    assert!(parse_err("T | mv-apply a on take 1")
        .to_string()
        .contains("("));
}

#[test]
fn parse_forms() {
    // q/parse-operator.md, q/parse-where-operator.md
    assert_roundtrip("T\n| parse Msg with * \"id=\" Id:long \",\" Rest");
    assert_roundtrip("T\n| parse kind=regex flags=Ui Msg with \"a=\" x:int \"b+\" *");
    assert_roundtrip("T\n| parse-where kind=relaxed Msg with x:real \" \" y");
    assert_parses_to(
        "T | parse Msg with 'a' 'b' x",
        "T\n| parse Msg with \"ab\" x",
    );
    let OperatorKind::Parse(p) = op("T | parse-where s with * 'k=' v:long *") else {
        panic!()
    };
    assert!(p.drop_unmatched);
    assert_eq!(
        p.pattern,
        vec![
            ParsePart::Star,
            ParsePart::Text("k=".into()),
            ParsePart::Column {
                name: Ident::new("v", crate::Span::new(30, 31)),
                ty: Some(TypeName::Long),
            },
            ParsePart::Star,
        ]
    );
    assert!(parse_err("T | parse s with | take 1")
        .to_string()
        .contains("parse pattern"));
}

#[test]
fn parse_kv_forms() {
    // q/parse-kv-operator.md
    assert_roundtrip(
        "T\n| parse-kv s as (a:long, b:string) with (pair_delimiter = \",\", kv_delimiter = \"=\")",
    );
    assert_roundtrip("T\n| parse-kv s as (a:long)");
    let OperatorKind::ParseKv(p) = op("T | parse-kv s as (a:long) with (regex=@'(\\w+)=(\\w+)')")
    else {
        panic!()
    };
    assert_eq!(p.keys.len(), 1);
    assert_eq!(p.options[0].0.name, "regex");
}

#[test]
fn reorder_keep_serialize_sample_getschema() {
    // q/project-reorder-operator.md, q/project-keep-operator.md, q/serialize-operator.md,
    // q/sample-operator.md, q/getschema-operator.md
    assert_roundtrip("T\n| project-reorder a* asc, b desc, c granny-asc, d*x granny-desc, e");
    assert_roundtrip("T\n| project-keep a, b*");
    assert_roundtrip("T\n| serialize");
    assert_roundtrip("T\n| serialize rn = row_number(), p = prev(x)");
    assert_roundtrip("T\n| sample 10");
    assert_roundtrip("T\n| getschema");
    assert_roundtrip("T\n| serialize\n| getschema\n| take 1");
    let OperatorKind::ProjectReorder(items) = op("T | project-reorder a* granny-desc") else {
        panic!()
    };
    assert_eq!(items[0].order, Some(ReorderOrder::GrannyDesc));
}

#[test]
fn render_forms() {
    // q/render-operator.md
    assert_roundtrip("T\n| render timechart");
    assert_parses_to(
        "T | render timechart with (title='x', ycolumns=a, b, legend=hidden);",
        "T\n| render timechart with (title = \"x\", ycolumns = a, b, legend = hidden)",
    );
    let OperatorKind::Render(r) = op("T | render barchart with (ycolumns=a, b, kind=stacked)")
    else {
        panic!()
    };
    let props = r.properties.unwrap();
    assert_eq!(props.len(), 2);
    assert_eq!(props[0].values.len(), 2);
    // Forms beyond the modelled grammar keep their text.
    let OperatorKind::Unsupported { name, text } = op("T | render timechart title='x'") else {
        panic!()
    };
    assert_eq!(
        (name.as_str(), text.as_str()),
        ("render", "render timechart title='x'")
    );
}

#[test]
fn make_series_forms() {
    // q/make-series-operator.md
    assert_roundtrip("T\n| make-series n = count() on ts step 1h by x");
    assert_roundtrip(
        "T\n| make-series kind=nonempty s = sum(v) default = -1, avg(v) on ts from datetime(2024-01-01T00:00:00Z) to datetime(2024-01-02T00:00:00Z) step 1h",
    );
    assert_roundtrip("T\n| make-series sum(v) on x in range(1, 10, 1) by k, j");
    let OperatorKind::MakeSeries(m) =
        op("T | make-series c=count() default=0 on t from 1 to 9 step 2")
    else {
        panic!()
    };
    assert!(m.aggregates[0].default.is_some());
    assert!(matches!(
        m.range,
        SeriesRange::FromTo {
            from: Some(_),
            to: Some(_),
            ..
        }
    ));
    assert!(parse_err("T | make-series count() on t from 1 to 2")
        .to_string()
        .contains("step"));
}

#[test]
fn evaluate_forms() {
    // q/evaluate-operator.md, q/bag-unpack-plugin.md
    assert_roundtrip("T\n| evaluate bag_unpack(d, \"p_\")");
    assert_roundtrip("T\n| evaluate narrow()");
    assert_roundtrip("T\n| evaluate bag_unpack(d, columnsConflict = \"keep_source\")");
    // q/ipv4-lookup-plugin.md: a tabular argument may be a pipeline.
    assert_parses_to(
        "T | evaluate ipv4_lookup(L | where x > 1, ip, net)",
        "T\n| evaluate ipv4_lookup((L\n| where x > 1), ip, net)",
    );
    // q/pivot-plugin.md: an output schema after the call.
    assert_roundtrip("T\n| evaluate pivot(k) : (a:string, b:long)");
    assert_parses_to(
        "T | evaluate pivot(k): (a: string,b:long)",
        "T\n| evaluate pivot(k) : (a:string, b:long)",
    );
    // q/bag-unpack-plugin.md, "Output schema syntax": a leading `*` keeps the source columns.
    assert_roundtrip("T\n| evaluate bag_unpack(d) : (*, Name:string, Age:long)");
    assert_roundtrip("T\n| evaluate bag_unpack(d) : (*)");
    assert_parses_to(
        "T | evaluate bag_unpack(d):(* ,Name:string)",
        "T\n| evaluate bag_unpack(d) : (*, Name:string)",
    );
    let OperatorKind::Evaluate(e) = op("T | evaluate bag_unpack(d) : (*, a:int)") else {
        panic!()
    };
    let schema = e.output_schema.unwrap();
    assert!(schema.wildcard);
    assert_eq!(schema.columns.len(), 1);
    let OperatorKind::Evaluate(e) = op("T | evaluate pivot(k) : (a:int)") else {
        panic!()
    };
    assert!(!e.output_schema.unwrap().wildcard);
    // `*` only comes first, as in the official parser: otherwise the text is kept as is.
    for text in [
        "T | evaluate bag_unpack(d) : (a:int, *)",
        "T | evaluate bag_unpack(d) : (*, *)",
        "T | evaluate bag_unpack(d) : ()",
    ] {
        assert!(
            matches!(op(text), OperatorKind::Unsupported { .. }),
            "{text}"
        );
    }
    // Hints and named arguments are kept as text.
    let OperatorKind::Unsupported { name, .. } =
        op("T | evaluate hint.distribution=per_node python(typeof(*), 'x')")
    else {
        panic!()
    };
    assert_eq!(name, "evaluate");
}

#[test]
fn top_nested_forms() {
    // q/top-nested-operator.md
    assert_roundtrip(
        "T\n| top-nested 2 of a by sum(v), top-nested of b with others = \"o\" by c = count() asc",
    );
    assert_parses_to(
        "T | top-nested 3 of State by Damage=sum(Damage) desc",
        "T\n| top-nested 3 of State by Damage = sum(Damage) desc",
    );
    let OperatorKind::TopNested(c) =
        op("T | top-nested 1 of x = a by max(b), top-nested of y by count()")
    else {
        panic!()
    };
    assert_eq!(c.len(), 2);
    assert!(c[1].count.is_none());
    assert_eq!(c[0].of.names[0].name, "x");
}

#[test]
fn top_hitters_forms() {
    // q/top-hitters-operator.md
    assert_roundtrip("T\n| top-hitters 5 of EventType");
    assert_roundtrip("T\n| top-hitters 10 of State by s = toreal(Damage)");
    assert_parses_to(
        "T | top-hitters 2+1 of a by b",
        "T\n| top-hitters 2 + 1 of a by b",
    );
    let OperatorKind::TopHitters(t) = op("T | top-hitters 3 of x by y = z * 2") else {
        panic!()
    };
    assert!(matches!(&t.of.expr.kind, ExprKind::Name(n) if n.name == "x"));
    assert_eq!(t.by.as_ref().unwrap().names[0].name, "y");
    let OperatorKind::TopHitters(t) = op("T | top-hitters 3 of x") else {
        panic!()
    };
    assert!(t.by.is_none());
    assert!(parse_err("T | top-hitters 3 x").to_string().contains("of"));
    assert!(parse_err("T | top-hitters of x").to_string().contains("of"));
}

#[test]
fn sample_distinct_forms() {
    // q/sample-distinct-operator.md
    assert_roundtrip("T\n| sample-distinct 10 of EpisodeId");
    assert_parses_to(
        "T|sample-distinct 10 of EpisodeId",
        "T\n| sample-distinct 10 of EpisodeId",
    );
    let OperatorKind::SampleDistinct(t) = op("T | sample-distinct 2 of c") else {
        panic!()
    };
    assert!(matches!(&t.of.expr.kind, ExprKind::Name(n) if n.name == "c"));
    // No `by` clause (the official parser rejects it too).
    parse_err("T | sample-distinct 2 of c by d");
}
