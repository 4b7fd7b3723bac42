//! `top-hitters` (q/top-hitters-operator.md) and `sample-distinct`
//! (q/sample-distinct-operator.md), bound as the plans the docs give as their meaning.
//!
//! `T | top-hitters N of V [by S]` is, in the docs' words, conceptually
//! `T | summarize C = count() by V | top N by C desc` (or `sum(S)` for `by S`). Kusto
//! computes an *approximation* of that with a Count-Min sketch; here it is computed
//! exactly, which is the answer the approximation estimates. Ties keep the values'
//! first-appearance order. The result columns are named as the official analyzer names
//! them: `V`, then `approximate_count_V`, or `approximate_sum_X` where `X` is the name of
//! the summed expression (its `Name =`, a column's name, or empty), of the summed
//! expression's type.
//!
//! `T | sample-distinct N of C` returns up to N distinct values of column `C`. The docs
//! leave unspecified which ones ("tries to return an answer as quickly as possible rather
//! than trying to make a fair sample"); here they are deterministic: the first N distinct
//! values in input order.
//!
//! Both read a column, as the official analyzer requires ("Column name expected"), and
//! their N is a constant integer, as it also requires (a negative N gives no rows). The
//! output has at most one row per distinct value, so it is bounded by the input's rows.

use super::super::naming::expr_name;
use super::super::plan::{BoundSortKey, Plan, PlanKind};
use super::super::tabular::{column_ref, project};
use super::super::Binder;
use crate::error::{BindError, BindErrorKind};
use crate::table::Field;
use crate::types::DataType;
use kql_parser::ast::{
    Expr, ExprKind, Ident, NamedExpr, NullsOrder, SampleDistinct, SortOrder, Summarize, TopHitters,
};
use kql_parser::Span;

/// The hidden name of the aggregate column before the final projection.
const AGG: &str = "__top_hitters_agg";

/// The column an operand must name, or the analyzer's "Column name expected" error.
fn column_operand<'a>(item: &'a NamedExpr, op: &str) -> Result<&'a Ident, BindError> {
    match (&item.expr.kind, item.names.is_empty()) {
        (ExprKind::Name(id), true) => Ok(id),
        _ => Err(BindError::new(
            BindErrorKind::InvalidValue {
                message: format!("{op} needs a column name after 'of'"),
            },
            item.span,
        )
        .with_hint("compute the value with 'extend' first, then name its column here")),
    }
}

impl Binder<'_> {
    /// `top-hitters N of V [by S]`.
    pub(super) fn bind_top_hitters(
        &mut self,
        input: Plan,
        t: &TopHitters,
        span: Span,
    ) -> Result<Plan, BindError> {
        let column = column_operand(&t.of, "top-hitters")?;
        let count = self.row_count(&t.count, "top-hitters")?;
        let (func, args, out_name) = match &t.by {
            None => (
                "count",
                Vec::new(),
                format!("approximate_count_{}", column.name),
            ),
            Some(by) => {
                let name = match by.names.as_slice() {
                    [] => expr_name(&by.expr).unwrap_or_default(),
                    [n] => n.name.clone(),
                    _ => {
                        return Err(BindError::new(
                            BindErrorKind::Unsupported {
                                what: "assigning several names to one expression".into(),
                            },
                            by.span,
                        ))
                    }
                };
                (
                    "sum",
                    vec![by.expr.clone()],
                    format!("approximate_sum_{name}"),
                )
            }
        };
        // The summed expression's type is the result's type (the official analyzer's rule);
        // it must be a number.
        let sum_type = match &t.by {
            Some(by) => {
                let ty = self.bind_scalar(&by.expr, &input.schema)?.ty;
                if !ty.is_numeric() {
                    return Err(BindError::new(
                        BindErrorKind::WrongType {
                            what: "the summed expression of top-hitters".into(),
                            expected: "a number".into(),
                            found: ty,
                        },
                        by.expr.span,
                    ));
                }
                Some(ty)
            }
            None => None,
        };
        let key = NamedExpr {
            names: Vec::new(),
            expr: t.of.expr.clone(),
            span: t.of.span,
        };
        let agg_span = t.by.as_ref().map_or(t.of.span, |b| b.span);
        let agg = NamedExpr {
            names: vec![Ident::new(AGG, agg_span)],
            expr: Expr {
                kind: ExprKind::Call {
                    func: Ident::new(func, agg_span),
                    args,
                },
                span: agg_span,
            },
            span: agg_span,
        };
        let summary = self.bind_summarize(
            input,
            &Summarize {
                aggregates: vec![agg],
                by: vec![key],
            },
            span,
        )?;
        let (Some(key_field), Some(_)) = (summary.schema.first(), summary.schema.get(1)) else {
            return Err(super::invalid(
                "top-hitters: unexpected summary shape",
                span,
            ));
        };
        let key_field = key_field.clone();
        let key = BoundSortKey {
            expr: column_ref(&summary.schema, 1, span),
            order: SortOrder::Desc,
            nulls: NullsOrder::Last,
        };
        let top = Plan {
            schema: summary.schema.clone(),
            kind: PlanKind::Top {
                input: Box::new(summary),
                count,
                key,
            },
            span,
        };
        let agg_col = column_ref(&top.schema, 1, span);
        let agg_col = match sum_type {
            Some(ty) => self.convert(agg_col, ty)?,
            None => agg_col,
        };
        let schema = vec![
            Field::new(key_field.name.clone(), key_field.data_type),
            Field::new(out_name, agg_col.ty),
        ];
        let exprs = vec![column_ref(&top.schema, 0, span), agg_col];
        Ok(project(top, schema, exprs, span))
    }

    /// `sample-distinct N of C`: the first N distinct values of `C`, in input order.
    pub(super) fn bind_sample_distinct(
        &mut self,
        input: Plan,
        t: &SampleDistinct,
        span: Span,
    ) -> Result<Plan, BindError> {
        let column = column_operand(&t.of, "sample-distinct")?;
        let count = self.row_count(&t.count, "sample-distinct")?;
        let ty = self.bind_scalar(&t.of.expr, &input.schema)?.ty;
        if ty == DataType::Dynamic {
            return Err(BindError::new(
                BindErrorKind::WrongType {
                    what: format!("the sampled column '{}'", column.name),
                    expected: "a scalar type other than dynamic".into(),
                    found: ty,
                },
                t.of.span,
            ));
        }
        let key = NamedExpr {
            names: Vec::new(),
            expr: t.of.expr.clone(),
            span: t.of.span,
        };
        // Groups come out of summarize in first-appearance order.
        let distinct = self.bind_summarize(
            input,
            &Summarize {
                aggregates: Vec::new(),
                by: vec![key],
            },
            span,
        )?;
        Ok(Plan {
            schema: distinct.schema.clone(),
            kind: PlanKind::Take {
                input: Box::new(distinct),
                count,
            },
            span,
        })
    }
}
