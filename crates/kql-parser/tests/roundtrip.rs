//! Property tests: random ASTs print to KQL that parses back to the same tree (spans
//! ignored), and arbitrary text never makes the parser panic.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_parser::ast::visit::clear_spans;
use kql_parser::ast::*;
use kql_parser::literal::MAX_DATETIME_TICKS;
use kql_parser::{parse_expr, parse_query, Span};
use proptest::prelude::*;

fn e(kind: ExprKind) -> Expr {
    Expr {
        kind,
        span: Span::default(),
    }
}

fn id(name: String) -> Ident {
    Ident::new(name, Span::default())
}

fn plain_name() -> impl Strategy<Value = String> {
    "[A-Za-z_][A-Za-z0-9_]{0,6}"
}

/// Mostly plain identifiers, sometimes keywords or arbitrary text (which must be quoted).
fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => plain_name(),
        1 => prop::sample::select(vec![
            "by", "and", "where", "print", "union", "true", "datetime", "dynamic", "typeof",
            "range", "let", "set", "in", "has", "kind", "from", "$left", "5abc", "1d", "",
        ])
        .prop_map(String::from),
        1 => any::<String>().prop_map(|s| s.chars().take(8).collect()),
    ]
}

fn ident() -> impl Strategy<Value = Ident> {
    name().prop_map(id)
}

fn wildcard_ident() -> impl Strategy<Value = Ident> {
    prop_oneof![
        3 => ident(),
        1 => (plain_name(), prop::sample::select(vec!["*", "*x", ""]))
            .prop_map(|(a, b)| id(format!("{a}*{b}"))),
        1 => plain_name().prop_map(|a| id(format!("*{a}"))),
    ]
}

fn type_name() -> impl Strategy<Value = TypeName> {
    prop::sample::select(TypeName::ALL.to_vec())
}

fn real() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>().prop_filter("NaN is not equal to itself", |v| !v.is_nan()),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1.0,
            0.1,
            1e300,
            1e-7,
            f64::INFINITY,
            f64::NEG_INFINITY
        ]),
    ]
}

fn dynamic() -> impl Strategy<Value = DynamicLiteral> {
    let leaf = prop_oneof![
        Just(DynamicLiteral::Null),
        any::<bool>().prop_map(DynamicLiteral::Bool),
        any::<i32>().prop_map(DynamicLiteral::Int),
        any::<i64>().prop_map(DynamicLiteral::Long),
        real().prop_map(DynamicLiteral::Real),
        any::<String>().prop_map(DynamicLiteral::String),
        (0..=MAX_DATETIME_TICKS).prop_map(DynamicLiteral::DateTime),
        any::<i64>().prop_map(DynamicLiteral::TimeSpan),
        any::<u128>().prop_map(DynamicLiteral::Guid),
    ];
    leaf.prop_recursive(3, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(DynamicLiteral::Array),
            prop::collection::vec((any::<String>(), inner), 0..4).prop_map(DynamicLiteral::Bag),
        ]
    })
}

fn literal() -> impl Strategy<Value = Literal> {
    prop_oneof![
        any::<Option<bool>>().prop_map(Literal::Bool),
        any::<Option<i32>>().prop_map(Literal::Int),
        any::<Option<i64>>().prop_map(Literal::Long),
        prop::option::of(real()).prop_map(Literal::Real),
        prop::option::of("-?[0-9]{1,6}(\\.[0-9]{0,4})?(e-?[0-9]{1,2})?").prop_map(Literal::Decimal),
        any::<String>().prop_map(Literal::String),
        prop::option::of(0..=MAX_DATETIME_TICKS).prop_map(Literal::DateTime),
        any::<Option<i64>>().prop_map(Literal::TimeSpan),
        any::<Option<u128>>().prop_map(Literal::Guid),
        dynamic().prop_map(Literal::Dynamic),
    ]
}

fn binary_op() -> impl Strategy<Value = BinaryOp> {
    use BinaryOp::*;
    let kinds = vec![
        StringOpKind::Has,
        StringOpKind::HasPrefix,
        StringOpKind::HasSuffix,
        StringOpKind::Contains,
        StringOpKind::StartsWith,
        StringOpKind::EndsWith,
    ];
    prop_oneof![
        prop::sample::select(vec![
            Or,
            And,
            Eq,
            NotEq,
            Lt,
            Le,
            Gt,
            Ge,
            Add,
            Sub,
            Mul,
            Div,
            Mod,
            EqCi,
            NotEqCi,
            MatchesRegex,
        ]),
        (prop::sample::select(kinds), any::<bool>(), any::<bool>()).prop_map(
            |(kind, negated, case_sensitive)| Str(StringOp {
                kind,
                negated,
                case_sensitive
            })
        ),
    ]
}

fn list_op() -> impl Strategy<Value = ListOp> {
    prop::sample::select(vec![
        ListOp::In,
        ListOp::NotIn,
        ListOp::InCi,
        ListOp::NotInCi,
        ListOp::HasAny,
        ListOp::HasAll,
    ])
}

fn leaf_expr() -> impl Strategy<Value = Expr> {
    prop_oneof![
        4 => literal().prop_map(|l| e(ExprKind::Literal(l))),
        4 => ident().prop_map(|i| e(ExprKind::Name(i))),
        1 => type_name().prop_map(|t| e(ExprKind::TypeOf(t))),
    ]
}

fn boxed(x: Expr) -> Box<Expr> {
    Box::new(x)
}

/// Expressions, with tabular expressions (pipelines) inside them.
fn expr() -> BoxedStrategy<Expr> {
    leaf_expr().prop_recursive(4, 48, 4, |inner| {
        let arg = prop_oneof![5 => inner.clone(), 1 => Just(e(ExprKind::Star))];
        prop_oneof![
            6 => (binary_op(), inner.clone(), inner.clone()).prop_map(|(op, l, r)| e(ExprKind::Binary {
                op,
                lhs: boxed(l),
                rhs: boxed(r)
            })),
            2 => (any::<bool>(), inner.clone()).prop_map(|(neg, x)| e(ExprKind::Unary {
                op: if neg { UnaryOp::Neg } else { UnaryOp::Plus },
                operand: boxed(x)
            })),
            2 => (list_op(), inner.clone(), prop::collection::vec(inner.clone(), 1..4)).prop_map(
                |(op, l, list)| e(ExprKind::InList { op, lhs: boxed(l), list })
            ),
            1 => (any::<bool>(), inner.clone(), inner.clone(), inner.clone()).prop_map(
                |(negated, l, lo, hi)| e(ExprKind::Between {
                    negated,
                    lhs: boxed(l),
                    low: boxed(lo),
                    high: boxed(hi)
                })
            ),
            3 => (ident(), prop::collection::vec(arg, 0..4))
                .prop_map(|(func, args)| e(ExprKind::Call { func, args })),
            2 => (inner.clone(), ident()).prop_map(|(t, name)| e(ExprKind::Member {
                target: boxed(t),
                name
            })),
            2 => (inner.clone(), inner.clone()).prop_map(|(t, i)| e(ExprKind::Index {
                target: boxed(t),
                index: boxed(i)
            })),
            1 => tabular(inner).prop_map(|t| e(ExprKind::Tabular(Box::new(t)))),
        ]
    })
    .boxed()
}

fn named(inner: impl Strategy<Value = Expr> + Clone) -> impl Strategy<Value = NamedExpr> {
    let names = prop_oneof![
        2 => Just(vec![]),
        2 => ident().prop_map(|i| vec![i]),
        1 => prop::collection::vec(ident(), 2..4),
    ];
    (names, inner).prop_map(|(names, expr)| NamedExpr {
        names,
        expr,
        span: Span::default(),
    })
}

fn named_list(
    inner: impl Strategy<Value = Expr> + Clone,
    min: usize,
) -> impl Strategy<Value = Vec<NamedExpr>> {
    prop::collection::vec(named(inner), min..4)
}

fn sort_key(inner: impl Strategy<Value = Expr> + Clone) -> impl Strategy<Value = SortKey> {
    let order = prop::option::of(prop::sample::select(vec![SortOrder::Asc, SortOrder::Desc]));
    let nulls = prop::option::of(prop::sample::select(vec![
        NullsOrder::First,
        NullsOrder::Last,
    ]));
    (inner, order, nulls).prop_map(|(expr, order, nulls)| SortKey {
        expr,
        order,
        nulls,
        span: Span::default(),
    })
}

fn union(inner: impl Strategy<Value = Expr> + Clone) -> impl Strategy<Value = Union> {
    let leg = prop_oneof![
        3 => wildcard_ident().prop_map(|i| e(ExprKind::Name(i))),
        1 => inner,
    ];
    (
        prop::option::of(prop::sample::select(vec![
            UnionKind::Inner,
            UnionKind::Outer,
        ])),
        prop::option::of(ident()),
        any::<Option<bool>>(),
        prop::collection::vec(leg, 1..3),
    )
        .prop_map(|(kind, with_source, is_fuzzy, legs)| Union {
            kind,
            with_source,
            is_fuzzy,
            legs,
        })
}

const UNSUPPORTED: &[(&str, &str)] = &[
    ("fork", "fork (where a == 1) (take 1)"),
    ("facet", "facet by a"),
    ("reduce", "reduce by s"),
    ("scan", "scan with (step s: a == 1;)"),
    ("partition", "partition by a (take 1)"),
];

fn hints() -> impl Strategy<Value = Vec<Hint>> {
    let value = prop_oneof![
        prop::sample::select(vec!["broadcast", "shuffle", "auto", "local", "Key"])
            .prop_map(|n| e(ExprKind::Name(id(n.to_string())))),
        (0i64..100).prop_map(|n| e(ExprKind::Literal(Literal::Long(Some(n))))),
        any::<bool>().prop_map(|b| e(ExprKind::Literal(Literal::Bool(Some(b))))),
    ];
    let name = prop::sample::select(vec!["strategy", "shufflekey", "remote", "num_partitions"]);
    prop::collection::vec(
        (name, value).prop_map(|(n, value)| Hint {
            name: id(n.to_string()),
            value,
        }),
        0..3,
    )
}

/// `join` / `lookup` bodies (lookup kinds are only leftouter and inner).
fn join(inner: impl Strategy<Value = Expr> + Clone, lookup: bool) -> impl Strategy<Value = Join> {
    let kinds = if lookup {
        vec![JoinKind::LeftOuter, JoinKind::Inner]
    } else {
        vec![
            JoinKind::InnerUnique,
            JoinKind::Inner,
            JoinKind::LeftOuter,
            JoinKind::RightOuter,
            JoinKind::FullOuter,
            JoinKind::LeftSemi,
            JoinKind::RightSemi,
            JoinKind::LeftAnti,
            JoinKind::RightAnti,
        ]
    };
    let right = prop_oneof![
        3 => ident().prop_map(|i| e(ExprKind::Name(i))),
        1 => inner,
    ];
    let condition = prop_oneof![
        ident().prop_map(JoinCondition::Column),
        (ident(), ident()).prop_map(|(left, right)| JoinCondition::Equal { left, right }),
    ];
    (
        prop::option::of(prop::sample::select(kinds)),
        hints(),
        right,
        prop::collection::vec(condition, 1..3),
    )
        .prop_map(|(kind, hints, right, on)| Join {
            kind,
            hints,
            right,
            on,
        })
}

/// mv-expand, mv-apply, parse, parse-kv, project-reorder, project-keep, serialize, sample,
/// getschema, render, make-series, evaluate.
fn expand_parse_op(
    inner: impl Strategy<Value = Expr> + Clone + 'static,
) -> BoxedStrategy<OperatorKind> {
    let item = (
        prop::option::of(ident()),
        inner.clone(),
        prop::option::of(type_name()),
    )
        .prop_map(|(name, expr, to_type)| ExpandItem {
            name,
            expr,
            to_type,
        });
    let expand = (
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![
            BagExpansion::Bag,
            BagExpansion::Array,
        ])),
        prop::option::of(ident()),
        prop::collection::vec(item, 1..3),
        prop::option::of(inner.clone()),
    )
        .prop_map(|(legacy, kind, with_itemindex, items, limit)| MvExpand {
            legacy,
            kind,
            with_itemindex,
            items,
            limit,
        })
        .boxed();
    let sub_op = prop_oneof![
        inner.clone().prop_map(OperatorKind::Where),
        inner.clone().prop_map(OperatorKind::Take),
        Just(OperatorKind::Count),
    ]
    .prop_map(|kind| Operator {
        kind,
        span: Span::default(),
    });
    let part = prop_oneof![
        Just(ParsePart::Star),
        any::<String>().prop_map(ParsePart::Text),
        (ident(), prop::option::of(type_name()))
            .prop_map(|(name, ty)| ParsePart::Column { name, ty }),
    ];
    let pattern = prop::collection::vec(part, 1..5).prop_map(|parts| {
        // Adjacent strings join when parsed: merge them here.
        let mut out: Vec<ParsePart> = Vec::new();
        for p in parts {
            match (out.last_mut(), p) {
                (Some(ParsePart::Text(a)), ParsePart::Text(b)) => a.push_str(&b),
                (_, p) => out.push(p),
            }
        }
        out
    });
    let parse = (
        any::<bool>(),
        prop::option::of(prop::sample::select(vec![
            ParseKind::Simple,
            ParseKind::Regex,
            ParseKind::Relaxed,
        ])),
        prop::option::of(prop::sample::select(vec!["U", "i", "Ui"])),
        inner.clone(),
        pattern,
    )
        .prop_map(|(drop_unmatched, kind, flags, expr, pattern)| Parse {
            drop_unmatched,
            kind,
            flags: flags.map(String::from),
            expr,
            pattern,
        });
    let decl = (ident(), type_name()).prop_map(|(name, ty)| ColumnDecl { name, ty });
    let parse_kv = (
        inner.clone(),
        prop::collection::vec(decl, 1..3),
        prop::collection::vec((ident(), inner.clone()), 0..3),
    )
        .prop_map(|(expr, keys, options)| ParseKv {
            expr,
            keys,
            options,
        });
    let reorder = prop::collection::vec(
        (
            wildcard_ident(),
            prop::option::of(prop::sample::select(vec![
                ReorderOrder::Asc,
                ReorderOrder::Desc,
                ReorderOrder::GrannyAsc,
                ReorderOrder::GrannyDesc,
            ])),
        )
            .prop_map(|(pattern, order)| ReorderItem { pattern, order }),
        1..3,
    );
    let render = (
        ident(),
        prop::option::of(prop::collection::vec(
            (ident(), prop::collection::vec(inner.clone(), 1..3))
                .prop_map(|(name, values)| RenderProperty { name, values }),
            1..3,
        )),
    )
        .prop_map(|(visualization, properties)| Render {
            visualization,
            properties,
        });
    let agg = (named(inner.clone()), prop::option::of(inner.clone()))
        .prop_map(|(item, default)| SeriesAggregate { item, default });
    let range = prop_oneof![
        (
            prop::option::of(inner.clone()),
            prop::option::of(inner.clone()),
            inner.clone()
        )
            .prop_map(|(from, to, step)| SeriesRange::FromTo { from, to, step }),
        (inner.clone(), inner.clone(), inner.clone())
            .prop_map(|(start, stop, step)| SeriesRange::InRange { start, stop, step }),
    ];
    let series = (
        any::<bool>(),
        prop::collection::vec(agg, 1..3),
        ident(),
        range,
        named_list(inner.clone(), 0),
    )
        .prop_map(|(nonempty, aggregates, axis, range, by)| MakeSeries {
            nonempty,
            aggregates,
            axis: e(ExprKind::Name(axis)),
            range,
            by,
        });
    prop_oneof![
        expand.clone().prop_map(OperatorKind::MvExpand),
        (
            expand.prop_map(|mut m| {
                m.kind = None;
                m
            }),
            prop::collection::vec(sub_op, 1..3)
        )
            .prop_map(
                |(expand, subquery)| OperatorKind::MvApply(Box::new(MvApply { expand, subquery }))
            ),
        parse.prop_map(OperatorKind::Parse),
        parse_kv.prop_map(OperatorKind::ParseKv),
        reorder.prop_map(OperatorKind::ProjectReorder),
        prop::collection::vec(wildcard_ident(), 1..3).prop_map(OperatorKind::ProjectKeep),
        named_list(inner.clone(), 0).prop_map(OperatorKind::Serialize),
        inner.clone().prop_map(OperatorKind::Sample),
        Just(OperatorKind::GetSchema),
        render.prop_map(OperatorKind::Render),
        series.prop_map(|m| OperatorKind::MakeSeries(Box::new(m))),
        (
            ident(),
            prop::collection::vec(named(inner.clone()), 0..3),
            prop::option::of(
                (
                    any::<bool>(),
                    prop::collection::vec(
                        (ident(), type_name()).prop_map(|(name, ty)| ColumnDecl { name, ty }),
                        0..3
                    )
                )
                    .prop_filter("only `*` may stand alone", |(wildcard, columns)| {
                        *wildcard || !columns.is_empty()
                    })
                    .prop_map(|(wildcard, columns)| OutputSchema { wildcard, columns })
            )
        )
            .prop_map(
                |(plugin, args, output_schema)| OperatorKind::Evaluate(Evaluate {
                    plugin,
                    args,
                    output_schema
                })
            ),
        prop::collection::vec(
            (
                prop::option::of(inner.clone()),
                named(inner.clone()),
                prop::option::of(inner.clone()),
                named(inner.clone()),
                prop::option::of(prop::sample::select(vec![SortOrder::Asc, SortOrder::Desc])),
            )
                .prop_map(|(count, of, others, by, order)| TopNestedClause {
                    count,
                    of,
                    others,
                    by,
                    order
                }),
            1..3
        )
        .prop_map(OperatorKind::TopNested),
        (
            inner.clone(),
            named(inner.clone()),
            prop::option::of(named(inner.clone()))
        )
            .prop_map(
                |(count, of, by)| OperatorKind::TopHitters(Box::new(TopHitters { count, of, by }))
            ),
        (inner.clone(), named(inner)).prop_map(|(count, of)| OperatorKind::SampleDistinct(
            Box::new(SampleDistinct { count, of })
        )),
    ]
    .boxed()
}

fn operator(
    inner: impl Strategy<Value = Expr> + Clone + 'static,
) -> impl Strategy<Value = Operator> {
    let i = inner.clone();
    let kind = prop_oneof![
        inner.clone().prop_map(OperatorKind::Where),
        named_list(inner.clone(), 1).prop_map(OperatorKind::Project),
        named_list(inner.clone(), 1).prop_map(OperatorKind::Extend),
        prop::collection::vec(wildcard_ident(), 1..4).prop_map(OperatorKind::ProjectAway),
        prop::collection::vec((ident(), ident()), 1..3).prop_map(|v| OperatorKind::ProjectRename(
            v.into_iter()
                .map(|(new, old)| Rename { new, old })
                .collect()
        )),
        (named_list(inner.clone(), 0), named_list(inner.clone(), 0))
            .prop_filter("summarize needs aggregates or keys", |(a, b)| !a.is_empty()
                || !b.is_empty())
            .prop_map(|(aggregates, by)| OperatorKind::Summarize(Summarize { aggregates, by })),
        inner.clone().prop_map(OperatorKind::Take),
        prop::collection::vec(sort_key(inner.clone()), 1..3).prop_map(OperatorKind::Sort),
        (inner.clone(), sort_key(inner.clone()))
            .prop_map(|(count, key)| OperatorKind::Top(Top { count, key })),
        prop_oneof![
            prop::collection::vec(named(inner.clone()), 1..3),
            Just(vec![NamedExpr {
                names: Vec::new(),
                expr: e(ExprKind::Star),
                span: Span::default()
            }]),
        ]
        .prop_map(OperatorKind::Distinct),
        Just(OperatorKind::Count),
        union(i).prop_map(OperatorKind::Union),
        join(inner.clone(), false).prop_map(OperatorKind::Join),
        join(inner.clone(), true).prop_map(OperatorKind::Lookup),
        (hints(), ident()).prop_map(|(hints, name)| OperatorKind::As { hints, name }),
        (ident(), prop::collection::vec(inner.clone(), 0..3))
            .prop_map(|(func, args)| OperatorKind::Invoke(e(ExprKind::Call { func, args }))),
        expand_parse_op(inner.clone()),
        prop::sample::select(UNSUPPORTED.to_vec()).prop_map(|(name, text)| {
            OperatorKind::Unsupported {
                name: name.into(),
                text: text.into(),
            }
        }),
    ];
    kind.prop_map(|kind| Operator {
        kind,
        span: Span::default(),
    })
}

fn source_kind(
    inner: impl Strategy<Value = Expr> + Clone + 'static,
) -> impl Strategy<Value = SourceKind> {
    let columns = prop::collection::vec(
        (ident(), type_name()).prop_map(|(name, ty)| ColumnDecl { name, ty }),
        1..3,
    );
    prop_oneof![
        3 => inner.clone().prop_map(SourceKind::Expr),
        1 => (columns, prop::collection::vec(inner.clone(), 0..4))
            .prop_map(|(columns, values)| SourceKind::Datatable(Datatable { columns, values })),
        1 => named_list(inner.clone(), 1).prop_map(SourceKind::Print),
        1 => (ident(), inner.clone(), inner.clone(), inner.clone()).prop_map(|(column, from, to, step)| {
            SourceKind::Range(Range { column, from, to, step })
        }),
        1 => union(inner).prop_map(SourceKind::Union),
        1 => externaldata().prop_map(SourceKind::Externaldata),
    ]
}

fn externaldata() -> impl Strategy<Value = Externaldata> {
    let columns = prop::collection::vec(
        (ident(), type_name()).prop_map(|(name, ty)| ColumnDecl { name, ty }),
        0..3,
    );
    let url = "[a-z:/.]{0,12}".prop_map(|s| e(ExprKind::Literal(Literal::String(s))));
    let value = prop_oneof![
        prop::sample::select(vec!["csv", "txt", "json"])
            .prop_map(|n| e(ExprKind::Name(id(n.to_string())))),
        "[a-z]{0,4}".prop_map(|s| e(ExprKind::Literal(Literal::String(s)))),
        any::<bool>().prop_map(|b| e(ExprKind::Literal(Literal::Bool(Some(b))))),
    ];
    (
        columns,
        prop::collection::vec(url, 1..3),
        prop::collection::vec((ident(), value), 0..3),
    )
        .prop_map(|(columns, urls, properties)| Externaldata {
            columns,
            urls,
            properties,
        })
}

fn tabular(
    inner: impl Strategy<Value = Expr> + Clone + 'static,
) -> impl Strategy<Value = TabularExpr> {
    (
        source_kind(inner.clone()),
        prop::collection::vec(operator(inner), 0..3),
    )
        .prop_filter("an expression source needs an operator", |(source, ops)| {
            !ops.is_empty() || !matches!(source, SourceKind::Expr(_))
        })
        .prop_map(|(kind, operators)| TabularExpr {
            source: Source {
                kind,
                span: Span::default(),
            },
            operators,
            span: Span::default(),
        })
}

fn function_def() -> impl Strategy<Value = FunctionDef> {
    let ty = prop_oneof![
        3 => type_name().prop_map(ParamType::Scalar),
        1 => Just(ParamType::Tabular(None)),
        1 => prop::collection::vec((ident(), type_name()).prop_map(|(name, ty)| ColumnDecl { name, ty }), 1..3)
            .prop_map(|c| ParamType::Tabular(Some(c))),
    ];
    let param = (ident(), ty, prop::option::of(leaf_expr()))
        .prop_map(|(name, ty, default)| Param { name, ty, default });
    let body_let = (ident(), expr()).prop_map(|(name, value)| {
        statement(StatementKind::Let(Let {
            name,
            value: LetValue::Expr(value),
        }))
    });
    (
        prop::collection::vec(param, 0..3),
        prop::collection::vec(body_let, 0..2),
        expr(),
    )
        .prop_map(|(params, mut body, result)| {
            body.push(statement(StatementKind::Expr(result)));
            FunctionDef {
                params,
                body,
                span: Span::default(),
            }
        })
}

fn statement(kind: StatementKind) -> Statement {
    Statement {
        kind,
        span: Span::default(),
    }
}

fn statement_strategy() -> impl Strategy<Value = Statement> {
    let pipeline = tabular(expr()).prop_map(|t| e(ExprKind::Tabular(Box::new(t))));
    prop_oneof![
        3 => pipeline.prop_map(|x| statement(StatementKind::Expr(x))),
        1 => expr().prop_map(|x| statement(StatementKind::Expr(x))),
        2 => (ident(), expr()).prop_map(|(name, x)| statement(StatementKind::Let(Let {
            name,
            value: LetValue::Expr(x)
        }))),
        1 => (ident(), function_def()).prop_map(|(name, def)| statement(StatementKind::Let(Let {
            name,
            value: LetValue::Function(def)
        }))),
        1 => (ident(), prop::option::of(leaf_expr()))
            .prop_map(|(name, value)| statement(StatementKind::Set { name, value })),
        1 => (ident(), function_def()).prop_map(|(name, mut def)| {
            def.params.clear();
            statement(StatementKind::Let(Let {
                name,
                value: LetValue::View(def),
            }))
        }),
        1 => function_def()
            .prop_filter("declare needs a parameter", |def| !def.params.is_empty())
            .prop_map(|def| statement(StatementKind::DeclareQueryParameters(def.params))),
    ]
}

fn query() -> impl Strategy<Value = Query> {
    prop::collection::vec(statement_strategy(), 0..4).prop_map(|statements| Query {
        statements,
        span: Span::default(),
    })
}

/// Runs a property on a thread with a large stack: building deeply recursive values with
/// proptest's strategy combinators takes more stack in debug builds than the parser does.
fn check<S: Strategy + 'static>(
    make: fn() -> S,
    property: fn(S::Value) -> Result<(), TestCaseError>,
) {
    let thread = std::thread::Builder::new()
        .stack_size(64 * 1024 * 1024)
        .spawn(move || {
            let cases = std::env::var("PROPTEST_CASES")
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(256);
            let config = ProptestConfig {
                cases,
                ..ProptestConfig::default()
            };
            let mut runner = proptest::test_runner::TestRunner::new(config);
            runner.run(&make(), property).map_err(|e| e.to_string())
        })
        .unwrap();
    if let Err(message) = thread.join().unwrap() {
        panic!("{message}");
    }
}

fn expression_round_trips(x: Expr) -> Result<(), TestCaseError> {
    let text = x.to_string();
    let mut parsed =
        parse_expr(&text).unwrap_or_else(|err| panic!("{err} at {:?} in:\n{text}", err.span));
    clear_spans(&mut parsed);
    prop_assert_eq!(&parsed, &x, "text:\n{}", text);
    prop_assert_eq!(parsed.to_string(), text);
    Ok(())
}

fn query_round_trips(q: Query) -> Result<(), TestCaseError> {
    let text = q.to_string();
    let mut parsed =
        parse_query(&text).unwrap_or_else(|err| panic!("{err} at {:?} in:\n{text}", err.span));
    clear_spans(&mut parsed);
    prop_assert_eq!(&parsed, &q, "text:\n{}", text);
    Ok(())
}

#[test]
fn expressions_round_trip() {
    check(expr, expression_round_trips);
}

#[test]
fn queries_round_trip() {
    check(query, query_round_trips);
}

/// If `text` parses, its canonical print parses to the same tree.
fn reparse_same(text: &str) -> Result<(), TestCaseError> {
    if let Ok(mut q) = parse_query(text) {
        let printed = q.to_string();
        let mut again = parse_query(&printed).unwrap_or_else(|e| panic!("{e}: {printed}"));
        clear_spans(&mut q);
        clear_spans(&mut again);
        prop_assert_eq!(again, q);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn literal_helpers_never_panic(text in "\\PC{0,40}") {
        use kql_parser::literal::*;
        let _ = parse_datetime_text(&text);
        let _ = parse_timespan_text(&text);
        let _ = parse_guid_text(&text);
        let _ = parse_long_text(&text);
        let _ = parse_real_text(&text);
        let _ = is_decimal_text(&text);
        let _ = decode_string(&text);
        let _ = decode_string(&format!("'{text}'"));
        let _ = kql_parser::lex(&text);
    }

    #[test]
    fn datetime_text_round_trips(ticks in 0..=MAX_DATETIME_TICKS) {
        use kql_parser::literal::{format_datetime_ticks, parse_datetime_text};
        prop_assert_eq!(parse_datetime_text(&format_datetime_ticks(ticks)), Some(ticks));
    }

    #[test]
    fn timespan_text_round_trips(ticks in any::<i64>()) {
        use kql_parser::literal::{format_timespan_ticks, parse_timespan_text};
        prop_assert_eq!(parse_timespan_text(&format_timespan_ticks(ticks)), Some(ticks));
    }

    #[test]
    fn string_literals_round_trip(text in any::<String>()) {
        use kql_parser::literal::{decode_string, quote_string};
        prop_assert_eq!(decode_string(&quote_string(&text)), Ok(text));
    }

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,60}") {
        reparse_same(&text)?;
    }

    #[test]
    fn kql_like_text_never_panics(
        parts in prop::collection::vec(prop::sample::select(vec![
            "T", "|", "where", "x", "==", "1", "(", ")", "[", "]", "{", "}", ",", ";", "'a'",
            "let", "=", "and", "or", "in", "between", "..", "dynamic", "datetime(2024-01-01)",
            "summarize", "by", "count()", "project", "-", "1d", "1.5", "has", "!has", ".",
            "print", "union", "range", "from", "to", "step", "join", "on", "*", "typeof",
        ]), 0..24)
    ) {
        reparse_same(&parts.join(" "))?;
    }
}

/// `T | <op>` for the operators of `expand_parse_op` only, so each case exercises them.
fn expand_parse_query() -> impl Strategy<Value = Query> {
    expand_parse_op(expr()).prop_map(|kind| {
        let source = Source {
            kind: SourceKind::Expr(e(ExprKind::Name(id("T".into())))),
            span: Span::default(),
        };
        let t = TabularExpr {
            source,
            operators: vec![Operator {
                kind,
                span: Span::default(),
            }],
            span: Span::default(),
        };
        Query {
            statements: vec![statement(StatementKind::Expr(e(ExprKind::Tabular(
                Box::new(t),
            ))))],
            span: Span::default(),
        }
    })
}

#[test]
fn expand_parse_operators_round_trip() {
    check(expand_parse_query, query_round_trips);
}
