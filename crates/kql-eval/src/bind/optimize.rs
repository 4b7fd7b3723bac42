//! Plan rewrites that keep results and save work: consecutive `where` steps become one
//! filter (so rows are copied once, after every predicate ran), then columns nobody reads
//! are pruned.

use super::plan::{BoundExpr, BoundExprKind, Plan, PlanKind};
use super::prune::prune_columns;
use crate::types::DataType;

/// The plan to execute for a bound `plan`.
pub fn optimize(plan: Plan) -> Plan {
    prune_columns(merge_filters(plan))
}

/// Applies `f` to every direct input of `plan`.
fn map_inputs(plan: Plan, f: &impl Fn(Plan) -> Plan) -> Plan {
    let Plan { kind, schema, span } = plan;
    let boxed = |p: Box<Plan>| Box::new(f(*p));
    let kind = match kind {
        PlanKind::Filter { input, predicate } => PlanKind::Filter {
            input: boxed(input),
            predicate,
        },
        PlanKind::Project { input, exprs } => PlanKind::Project {
            input: boxed(input),
            exprs,
        },
        PlanKind::Summarize {
            input,
            keys,
            aggregates,
        } => PlanKind::Summarize {
            input: boxed(input),
            keys,
            aggregates,
        },
        PlanKind::Sort { input, keys } => PlanKind::Sort {
            input: boxed(input),
            keys,
        },
        PlanKind::Take { input, count } => PlanKind::Take {
            input: boxed(input),
            count,
        },
        PlanKind::Top { input, count, key } => PlanKind::Top {
            input: boxed(input),
            count,
            key,
        },
        PlanKind::Count { input } => PlanKind::Count {
            input: boxed(input),
        },
        PlanKind::Union {
            inputs,
            source_names,
        } => PlanKind::Union {
            inputs: inputs.into_iter().map(|(p, m)| (f(p), m)).collect(),
            source_names,
        },
        leaf @ (PlanKind::Table(_) | PlanKind::SingleRow | PlanKind::Range { .. }) => leaf,
        PlanKind::Ext(x) => PlanKind::Ext(x.map_inputs(&mut |p| f(p))),
        PlanKind::Join(mut j) => {
            j.left = f(j.left);
            j.right = f(j.right);
            PlanKind::Join(j)
        }
    };
    Plan { kind, schema, span }
}

/// `Filter(Filter(x, a), b)` becomes `Filter(x, a and b)`: the same rows (a null or false
/// `a` drops the row either way), one copy.
fn merge_filters(plan: Plan) -> Plan {
    let plan = map_inputs(plan, &merge_filters);
    match plan.kind {
        PlanKind::Filter { input, predicate } => match input.kind {
            PlanKind::Filter {
                input: inner,
                predicate: first,
            } => {
                let span = first.span.to(predicate.span);
                // One flat `and` node however many filters merge (10,000 `| where`s must
                // not nest 10,000 deep: evaluation recurses per level).
                let operands = match first.kind {
                    BoundExprKind::AndAll(mut xs) => {
                        xs.push(predicate);
                        xs
                    }
                    kind => vec![
                        BoundExpr {
                            kind,
                            ty: first.ty,
                            span: first.span,
                        },
                        predicate,
                    ],
                };
                let both = BoundExpr {
                    kind: BoundExprKind::AndAll(operands),
                    ty: DataType::Bool,
                    span,
                };
                Plan {
                    kind: PlanKind::Filter {
                        input: inner,
                        predicate: both,
                    },
                    schema: plan.schema,
                    span: plan.span,
                }
            }
            other => Plan {
                kind: PlanKind::Filter {
                    input: Box::new(Plan {
                        kind: other,
                        schema: input.schema,
                        span: input.span,
                    }),
                    predicate,
                },
                schema: plan.schema,
                span: plan.span,
            },
        },
        kind => Plan {
            kind,
            schema: plan.schema,
            span: plan.span,
        },
    }
}
