//! Functions that return several columns (`series_fit_line`, `series_decompose_anomalies`,
//! `series_stats`, ...), in `extend`, `project` and `print`:
//!
//! - `extend series_fit_line(y)` adds `series_fit_line_y_rsquare`, `..._slope`, ... (the
//!   argument's derived name, or nothing: `series_fit_line__rsquare`);
//! - `extend (r, s) = series_fit_line(y)` and `extend r = series_fit_line(y)` name the
//!   first columns and keep the default names for the rest;
//! - more names than columns is an error, as is using such a call inside another
//!   expression (q/series-fit-2lines-function.md: "cannot be used as an argument for
//!   another function").
//!
//! Column names and types follow the official analyzer's result columns. The call runs
//! once per row: its dynamic array (an element per column) goes to a hidden column, and a
//! second projection takes the elements apart and drops it.

use super::naming::{expr_name, unique_name};
use super::plan::{BoundExpr, BoundExprKind, Plan};
use super::scope::Binding;
use super::tabular::{column_ref, project};
use super::Binder;
use crate::error::{BindError, BindErrorKind};
use crate::functions::TupleColumn;
use crate::table::Field;
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::{ExprKind, NamedExpr};
use kql_parser::Span;

/// Prefix of the hidden columns holding a call's array (not a name a query can write).
const HIDDEN: &str = "\u{1}tuple";

/// A bound several-column call, already stored in a hidden column of the plan.
pub(super) struct TupleItem {
    /// The hidden column's position.
    hidden: usize,
    /// Output name (explicit or default), whether the query gave it, and type.
    pub(super) columns: Vec<(String, bool, DataType)>,
    /// Where the item is.
    span: Span,
}

impl Binder<'_> {
    /// True when `item` calls a built-in function that returns several columns.
    pub(super) fn is_tuple_item(&self, item: &NamedExpr) -> bool {
        self.tuple_call(item).is_some()
    }

    fn tuple_call<'i>(&self, item: &'i NamedExpr) -> Option<(&'i str, &'static [TupleColumn])> {
        let ExprKind::Call { func, .. } = &item.expr.kind else {
            return None;
        };
        if let Some(Binding::Function(_)) = self.scope.get(&func.name) {
            return None;
        }
        let cols = self.engine.functions().tuple_columns(&func.name)?;
        Some((func.name.as_str(), cols))
    }

    /// Adds a hidden column to `plan` for every several-column item of `items` (bound
    /// against `plan`'s columns); `None` in the result for the other items. The plan is
    /// unchanged when there is none.
    pub(super) fn bind_tuple_items(
        &mut self,
        plan: Plan,
        items: &[NamedExpr],
        span: Span,
    ) -> Result<(Plan, Vec<Option<TupleItem>>), BindError> {
        if !items.iter().any(|i| self.is_tuple_item(i)) {
            return Ok((plan, items.iter().map(|_| None).collect()));
        }
        let mut schema = plan.schema.clone();
        let mut exprs: Vec<BoundExpr> = (0..schema.len())
            .map(|i| column_ref(&schema, i, span))
            .collect();
        let mut out = Vec::with_capacity(items.len());
        for item in items {
            let Some((name, cols)) = self.tuple_call(item) else {
                out.push(None);
                continue;
            };
            if item.names.len() > cols.len() {
                return Err(BindError::new(
                    BindErrorKind::InvalidValue {
                        message: format!(
                            "'{name}' returns {} columns but {} names were given",
                            cols.len(),
                            item.names.len()
                        ),
                    },
                    item.span,
                ));
            }
            let ExprKind::Call { args, .. } = &item.expr.kind else {
                out.push(None);
                continue;
            };
            let base = args.first().and_then(expr_name).unwrap_or_default();
            let columns = cols
                .iter()
                .enumerate()
                .map(|(i, (suffix, ty))| match item.names.get(i) {
                    Some(n) => (n.name.clone(), true, *ty),
                    None => (format!("{name}_{base}_{suffix}"), false, *ty),
                })
                .collect();
            self.tuple_ok = true;
            let call = self.bind_scalar(&item.expr, &plan.schema);
            self.tuple_ok = false;
            let call = call?;
            let hidden = schema.len();
            schema.push(Field::new(format!("{HIDDEN}{hidden}"), call.ty));
            exprs.push(call);
            out.push(Some(TupleItem {
                hidden,
                columns,
                span: item.span,
            }));
        }
        Ok((project(plan, schema, exprs, span), out))
    }

    /// Column `j` of a stored call: element `j` of the hidden array, converted to the
    /// column's type.
    pub(super) fn tuple_part(
        &mut self,
        schema: &[Field],
        item: &TupleItem,
        j: usize,
    ) -> Result<BoundExpr, BindError> {
        let ty = item.columns.get(j).map_or(DataType::Dynamic, |c| c.2);
        let index = BoundExpr::literal(Value::Long(Some(j as i64)), item.span);
        let part = BoundExpr {
            kind: BoundExprKind::Index {
                target: Box::new(column_ref(schema, item.hidden, item.span)),
                index: Box::new(index),
            },
            ty: DataType::Dynamic,
            span: item.span,
        };
        self.convert(part, ty)
    }
}

impl Binder<'_> {
    /// `extend` of one several-column item: its columns are added (a derived name that
    /// is taken gets a numeric suffix) or, for a name the query gave, replace the column
    /// of that name.
    pub(super) fn extend_tuple(
        &mut self,
        plan: Plan,
        item: &NamedExpr,
        span: Span,
    ) -> Result<Plan, BindError> {
        let visible = plan.schema.len();
        let (plan, mut items) = self.bind_tuple_items(plan, std::slice::from_ref(item), span)?;
        let Some(Some(t)) = items.pop() else {
            return Ok(plan);
        };
        let mut schema: Vec<Field> = plan.schema[..visible].to_vec();
        let mut exprs: Vec<BoundExpr> = (0..visible)
            .map(|i| column_ref(&plan.schema, i, span))
            .collect();
        for (j, (name, explicit, ty)) in t.columns.iter().enumerate() {
            let e = self.tuple_part(&plan.schema, &t, j)?;
            let name = if *explicit {
                name.clone()
            } else {
                unique_name(name, &names(&schema))
            };
            match schema.iter().position(|f| f.name == name) {
                Some(i) => {
                    schema[i].data_type = *ty;
                    exprs[i] = e;
                }
                None => {
                    schema.push(Field::new(name, *ty));
                    exprs.push(e);
                }
            }
        }
        Ok(project(plan, schema, exprs, span))
    }

    /// Appends a several-column item's columns to a `project`/`print` output (a derived
    /// name that is taken gets a numeric suffix; a repeated given name is an error).
    pub(super) fn push_tuple(
        &mut self,
        input: &[Field],
        t: &TupleItem,
        schema: &mut Vec<Field>,
        exprs: &mut Vec<BoundExpr>,
    ) -> Result<(), BindError> {
        for (j, (name, explicit, ty)) in t.columns.iter().enumerate() {
            let name = if *explicit {
                name.clone()
            } else {
                unique_name(name, &names(schema))
            };
            if schema.iter().any(|f| f.name == name) {
                return Err(BindError::new(
                    BindErrorKind::DuplicateColumn { name },
                    t.span,
                ));
            }
            exprs.push(self.tuple_part(input, t, j)?);
            schema.push(Field::new(name, *ty));
        }
        Ok(())
    }
}

fn names(schema: &[Field]) -> Vec<String> {
    schema.iter().map(|f| f.name.clone()).collect()
}
