//! Column pruning: drops columns no later step reads, right above the tables they come
//! from, so filters and sorts move only the columns a query uses.

use super::plan::{BoundExpr, BoundExprKind, Plan, PlanKind};
use crate::table::Field;

/// Rewrites `plan` so inner nodes carry only the columns that are read; the plan's own
/// output schema is unchanged.
pub fn prune_columns(plan: Plan) -> Plan {
    let needed = vec![true; plan.schema.len()];
    prune(plan, &needed).0
}

/// Marks the columns `e` reads.
pub fn mark_columns(e: &BoundExpr, used: &mut [bool]) {
    mark(e, used)
}

fn mark(e: &BoundExpr, used: &mut [bool]) {
    match &e.kind {
        BoundExprKind::Literal(_) => {}
        BoundExprKind::Column(i) => {
            if let Some(u) = used.get_mut(*i) {
                *u = true;
            }
        }
        BoundExprKind::Neg(x) => mark(x, used),
        BoundExprKind::Arith { lhs, rhs, .. }
        | BoundExprKind::Compare { lhs, rhs, .. }
        | BoundExprKind::EqualsCi { lhs, rhs, .. }
        | BoundExprKind::StringOp { lhs, rhs, .. }
        | BoundExprKind::MatchesRegex { lhs, rhs } => {
            mark(lhs, used);
            mark(rhs, used);
        }
        BoundExprKind::And(a, b) | BoundExprKind::Or(a, b) => {
            mark(a, used);
            mark(b, used);
        }
        BoundExprKind::AndAll(xs) | BoundExprKind::OrAny(xs) => {
            xs.iter().for_each(|x| mark(x, used));
        }
        BoundExprKind::InList { lhs, list, .. } => {
            mark(lhs, used);
            list.iter().for_each(|x| mark(x, used));
        }
        BoundExprKind::Between { lhs, low, high, .. } => {
            mark(lhs, used);
            mark(low, used);
            mark(high, used);
        }
        BoundExprKind::Call { args, .. } => args.iter().for_each(|x| mark(x, used)),
        BoundExprKind::Member { target, .. } | BoundExprKind::GeoInfo { ip: target, .. } => {
            mark(target, used)
        }
        BoundExprKind::Index { target, index } => {
            mark(target, used);
            mark(index, used);
        }
    }
}

/// Renumbers the column references of `e` through `map` (old index to new index).
fn remap(e: &mut BoundExpr, map: &[Option<usize>]) {
    let go = |x: &mut BoundExpr| remap(x, map);
    match &mut e.kind {
        BoundExprKind::Literal(_) => {}
        BoundExprKind::Column(i) => {
            if let Some(Some(n)) = map.get(*i) {
                *i = *n;
            }
        }
        BoundExprKind::Neg(x) => go(x),
        BoundExprKind::Arith { lhs, rhs, .. }
        | BoundExprKind::Compare { lhs, rhs, .. }
        | BoundExprKind::EqualsCi { lhs, rhs, .. }
        | BoundExprKind::StringOp { lhs, rhs, .. }
        | BoundExprKind::MatchesRegex { lhs, rhs } => {
            go(lhs);
            go(rhs);
        }
        BoundExprKind::And(a, b) | BoundExprKind::Or(a, b) => {
            go(a);
            go(b);
        }
        BoundExprKind::AndAll(xs) | BoundExprKind::OrAny(xs) => xs.iter_mut().for_each(go),
        BoundExprKind::InList { lhs, list, .. } => {
            go(lhs);
            list.iter_mut().for_each(go);
        }
        BoundExprKind::Between { lhs, low, high, .. } => {
            go(lhs);
            go(low);
            go(high);
        }
        BoundExprKind::Call { args, .. } => args.iter_mut().for_each(go),
        BoundExprKind::Member { target, .. } | BoundExprKind::GeoInfo { ip: target, .. } => {
            go(target)
        }
        BoundExprKind::Index { target, index } => {
            go(target);
            go(index);
        }
    }
}

fn identity(n: usize) -> Vec<Option<usize>> {
    (0..n).map(Some).collect()
}

/// Prunes `plan` given which of its output columns are needed. Returns the new plan and,
/// for each old output column, its new index (`None` when dropped).
fn prune(plan: Plan, needed: &[bool]) -> (Plan, Vec<Option<usize>>) {
    let Plan { kind, schema, span } = plan;
    let n = schema.len();
    match kind {
        PlanKind::Table(_) | PlanKind::SingleRow | PlanKind::Range { .. } => {
            let plan = Plan { kind, schema, span };
            if needed.iter().all(|b| *b) {
                return (plan, identity(n));
            }
            let keep: Vec<usize> = (0..n)
                .filter(|&i| needed.get(i).copied().unwrap_or(false))
                .collect();
            let mut map = vec![None; n];
            for (new, &old) in keep.iter().enumerate() {
                map[old] = Some(new);
            }
            let fields: Vec<Field> = keep.iter().map(|&i| plan.schema[i].clone()).collect();
            let exprs = keep
                .iter()
                .map(|&i| BoundExpr {
                    kind: BoundExprKind::Column(i),
                    ty: plan.schema[i].data_type,
                    span,
                })
                .collect();
            let pruned = Plan {
                kind: PlanKind::Project {
                    input: Box::new(plan),
                    exprs,
                },
                schema: fields,
                span,
            };
            (pruned, map)
        }
        PlanKind::Filter {
            input,
            mut predicate,
        } => {
            let mut need_in = needed.to_vec();
            mark(&predicate, &mut need_in);
            let (input, map) = prune(*input, &need_in);
            remap(&mut predicate, &map);
            let schema = input.schema.clone();
            let plan = Plan {
                kind: PlanKind::Filter {
                    input: Box::new(input),
                    predicate,
                },
                schema,
                span,
            };
            (plan, map)
        }
        PlanKind::Project { input, exprs } => {
            let mut need_in = vec![false; input.schema.len()];
            let mut kept = Vec::new();
            let mut fields = Vec::new();
            let mut map = vec![None; n];
            for (i, (e, f)) in exprs.into_iter().zip(schema).enumerate() {
                if needed.get(i).copied().unwrap_or(false) {
                    mark(&e, &mut need_in);
                    map[i] = Some(kept.len());
                    kept.push(e);
                    fields.push(f);
                }
            }
            let (input, in_map) = prune(*input, &need_in);
            for e in &mut kept {
                remap(e, &in_map);
            }
            let plan = Plan {
                kind: PlanKind::Project {
                    input: Box::new(input),
                    exprs: kept,
                },
                schema: fields,
                span,
            };
            (plan, map)
        }
        PlanKind::Summarize {
            input,
            mut keys,
            mut aggregates,
        } => {
            let mut need_in = vec![false; input.schema.len()];
            keys.iter().for_each(|k| mark(k, &mut need_in));
            aggregates
                .iter()
                .for_each(|a| a.args.iter().for_each(|x| mark(x, &mut need_in)));
            let (input, in_map) = prune(*input, &need_in);
            keys.iter_mut().for_each(|k| remap(k, &in_map));
            aggregates
                .iter_mut()
                .for_each(|a| a.args.iter_mut().for_each(|x| remap(x, &in_map)));
            let plan = Plan {
                kind: PlanKind::Summarize {
                    input: Box::new(input),
                    keys,
                    aggregates,
                },
                schema,
                span,
            };
            (plan, identity(n))
        }
        PlanKind::Sort { input, mut keys } => {
            let mut need_in = needed.to_vec();
            keys.iter().for_each(|k| mark(&k.expr, &mut need_in));
            let (input, map) = prune(*input, &need_in);
            keys.iter_mut().for_each(|k| remap(&mut k.expr, &map));
            let schema = input.schema.clone();
            let kind = PlanKind::Sort {
                input: Box::new(input),
                keys,
            };
            (Plan { kind, schema, span }, map)
        }
        PlanKind::Top {
            input,
            count,
            mut key,
        } => {
            let mut need_in = needed.to_vec();
            mark(&key.expr, &mut need_in);
            let (input, map) = prune(*input, &need_in);
            remap(&mut key.expr, &map);
            let schema = input.schema.clone();
            let kind = PlanKind::Top {
                input: Box::new(input),
                count,
                key,
            };
            (Plan { kind, schema, span }, map)
        }
        PlanKind::Take { input, count } => {
            let (input, map) = prune(*input, needed);
            let schema = input.schema.clone();
            let kind = PlanKind::Take {
                input: Box::new(input),
                count,
            };
            (Plan { kind, schema, span }, map)
        }
        PlanKind::Count { input } => {
            let need_in = vec![false; input.schema.len()];
            let (input, _) = prune(*input, &need_in);
            let kind = PlanKind::Count {
                input: Box::new(input),
            };
            (Plan { kind, schema, span }, identity(n))
        }
        PlanKind::Join(mut j) => {
            // Each side keeps what it needs itself; the join's own columns stay whole.
            j.left = prune_columns(j.left);
            j.right = prune_columns(j.right);
            let kind = PlanKind::Join(j);
            (Plan { kind, schema, span }, identity(n))
        }
        PlanKind::Ext(x) => {
            let kind = PlanKind::Ext(x.map_inputs(&mut prune_columns));
            (Plan { kind, schema, span }, identity(n))
        }
        PlanKind::Union {
            inputs,
            source_names,
        } => {
            let inputs = inputs
                .into_iter()
                .map(|(p, m)| (prune_columns(p), m))
                .collect();
            let kind = PlanKind::Union {
                inputs,
                source_names,
            };
            (Plan { kind, schema, span }, identity(n))
        }
    }
}
