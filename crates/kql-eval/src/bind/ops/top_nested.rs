//! `top-nested` (q/top-nested-operator.md): hierarchical top-N. Level `k` is a
//! `summarize Agg_k by Expr_1, ..., Expr_k` over the input; the executor keeps, under each
//! kept value of the level above, the top `N_k` values by the aggregate.
//!
//! `with others = v` adds, under each parent, one row for the values not kept; its
//! aggregate folds the others' aggregates, so it is supported for `count`, `sum`,
//! `countif`, `sumif` (summed), `min`/`minif` and `max`/`maxif`.

use super::{invalid, ExtPlan};
use crate::bind::naming::expr_name;
use crate::bind::plan::{Plan, PlanKind};
use crate::bind::Binder;
use crate::error::BindError;
use crate::table::Field;
use crate::value::Value;
use kql_parser::ast::{ExprKind, Ident, NamedExpr, SortOrder, Summarize, TopNestedClause};
use kql_parser::Span;

/// How the aggregates of the values not kept fold into the `others` row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OthersFold {
    /// Sum them (`count`, `sum`, ...).
    Sum,
    /// Their minimum.
    Min,
    /// Their maximum.
    Max,
}

/// One level of `top-nested`.
#[derive(Debug, Clone)]
pub struct TopNestedLevel {
    /// `summarize agg by key_1, ..., key_k` over the input: `k` key columns, then the
    /// aggregate.
    pub summary: Plan,
    /// How many values to keep under each parent (all when `None`).
    pub count: Option<usize>,
    /// Descending (the default).
    pub desc: bool,
    /// `with others = v`, and how the others' aggregates fold.
    pub others: Option<(Value, OthersFold)>,
}

/// A bound `top-nested`.
#[derive(Debug, Clone)]
pub struct TopNestedPlan {
    /// The levels, outermost first.
    pub levels: Vec<TopNestedLevel>,
}

fn fold_for(e: &kql_parser::ast::Expr) -> Option<OthersFold> {
    match &e.kind {
        ExprKind::Call { func, .. } => match func.name.as_str() {
            "count" | "sum" | "countif" | "sumif" => Some(OthersFold::Sum),
            "min" | "minif" => Some(OthersFold::Min),
            "max" | "maxif" => Some(OthersFold::Max),
            _ => None,
        },
        _ => None,
    }
}

impl Binder<'_> {
    pub(super) fn bind_top_nested(
        &mut self,
        input: Plan,
        clauses: &[TopNestedClause],
        span: Span,
    ) -> Result<Plan, BindError> {
        let mut schema: Vec<Field> = Vec::new();
        let mut levels = Vec::new();
        let mut keys: Vec<NamedExpr> = Vec::new();
        for (k, c) in clauses.iter().enumerate() {
            let hidden = NamedExpr {
                names: vec![Ident::new(format!("__tn_key{k}"), c.of.span)],
                expr: c.of.expr.clone(),
                span: c.of.span,
            };
            keys.push(hidden);
            let agg = NamedExpr {
                names: vec![Ident::new("__tn_agg", c.by.span)],
                expr: c.by.expr.clone(),
                span: c.by.span,
            };
            let summary = self.bind_summarize(
                input.clone(),
                &Summarize {
                    aggregates: vec![agg],
                    by: keys.clone(),
                },
                span,
            )?;
            let (Some(key_field), Some(agg_field)) =
                (summary.schema.get(k), summary.schema.get(k + 1))
            else {
                return Err(invalid("top-nested: unexpected summary shape", span));
            };
            let key_name = match (c.of.names.first(), expr_name(&c.of.expr)) {
                (Some(n), _) => n.name.clone(),
                (None, Some(n)) => n,
                (None, None) => format!("Column{}", k + 1),
            };
            let agg_name = match c.by.names.first() {
                Some(n) => n.name.clone(),
                None => format!("aggregated_{key_name}"),
            };
            for name in [&key_name, &agg_name] {
                if schema.iter().any(|f| f.name == *name) {
                    return Err(BindError::new(
                        crate::error::BindErrorKind::DuplicateColumn { name: name.clone() },
                        c.of.span,
                    ));
                }
            }
            schema.push(Field::new(key_name, key_field.data_type));
            schema.push(Field::new(agg_name, agg_field.data_type));
            let count = match &c.count {
                Some(n) => Some(self.row_count(n, "top-nested")?),
                None => None,
            };
            let others = match &c.others {
                Some(o) => {
                    let v = self.constant(o, "the 'others' value of top-nested")?;
                    let Some(fold) = fold_for(&c.by.expr) else {
                        return Err(BindError::new(
                            crate::error::BindErrorKind::Unsupported {
                                what: "top-nested 'with others' for this aggregate (count, sum, countif, sumif, min, max are)".into(),
                            },
                            c.by.span,
                        ));
                    };
                    Some((v, fold))
                }
                None => None,
            };
            levels.push(TopNestedLevel {
                summary,
                count,
                desc: c.order != Some(SortOrder::Asc),
                others,
            });
        }
        Ok(Plan {
            kind: PlanKind::Ext(ExtPlan::TopNested(Box::new(TopNestedPlan { levels }))),
            schema,
            span,
        })
    }
}
