//! `mv-expand` (q/mv-expand-operator.md) and `mv-apply` (q/mv-apply-operator.md).
//!
//! Each input row becomes as many rows as its longest expanded value (several columns
//! expand in parallel, shorter ones padded with null); an empty array or bag gives no
//! row, a null (or a non-array scalar) gives one. The output row count is known before
//! anything is copied, and checked against the row limit first.

use super::{execute, ExecContext};
use crate::bind::ops::{MvApplyPlan, MvExpandPlan, OutputColumn};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::evaluate;
use crate::table::{Column, ColumnBuilder, Field, Table};
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::BagExpansion;
use std::sync::Arc;

/// How many rows a value expands to.
fn expanded_len(d: &Dynamic) -> usize {
    match d {
        Dynamic::Array(a) => a.len(),
        Dynamic::Bag(b) => b.len(),
        _ => 1,
    }
}

/// Element `j` of an expanded value (null past its end).
fn element(d: &Dynamic, j: usize, bag: BagExpansion) -> Dynamic {
    match d {
        Dynamic::Array(a) => a.get(j).cloned().unwrap_or(Dynamic::Null),
        Dynamic::Bag(b) => match b.get_index(j) {
            Some((k, v)) => match bag {
                BagExpansion::Bag => {
                    let mut m = indexmap::IndexMap::new();
                    m.insert(k.clone(), v.clone());
                    Dynamic::Bag(m)
                }
                BagExpansion::Array => Dynamic::Array(vec![Dynamic::String(k.clone()), v.clone()]),
            },
            None => Dynamic::Null,
        },
        other if j == 0 => other.clone(),
        _ => Dynamic::Null,
    }
}

/// An expanded element as a value for a column of the declared type `ty` (not dynamic).
///
/// `to typeof(T)` "is cast-only and doesn't include parsing or type-conversion. Array
/// elements that don't conform with the declared type become null values"
/// (q/mv-expand-operator.md). An element conforms when it holds a value of type `T`; an
/// integer also conforms to `int` when it fits (JSON integers are `long`s, and the page's
/// "Convert output" example expands them `to typeof(int)`), and to `real` and `decimal`,
/// which hold it exactly. So `"2"` is not a `long` (that would be parsing), `2.5` is not a
/// `long`, and `2` is not a `string` (that would be a conversion): each becomes null.
///
/// The value is pushed into a [`ColumnBuilder`] of type `ty`, which keeps values of its
/// type and widens integers as above, and makes anything else null, except that a string
/// builder would format any value: only strings are kept for it here.
fn conforming(d: &Dynamic, ty: DataType) -> Value {
    let v = match d {
        Dynamic::Bool(b) => Value::Bool(Some(*b)),
        Dynamic::Long(x) => Value::Long(Some(*x)),
        Dynamic::Real(x) => Value::Real(Some(*x)),
        Dynamic::String(s) => Value::String(s.clone()),
        Dynamic::DateTime(x) => Value::DateTime(Some(*x)),
        Dynamic::TimeSpan(x) => Value::TimeSpan(Some(*x)),
        Dynamic::Guid(x) => Value::Guid(Some(*x)),
        Dynamic::Null | Dynamic::Array(_) | Dynamic::Bag(_) => Value::null(ty),
    };
    if ty == DataType::String && !matches!(d, Dynamic::String(_)) {
        return Value::null(ty);
    }
    v
}

/// The expanded dynamic values of each item, per input row.
fn item_values(
    m: &MvExpandPlan,
    input: &Table,
    ctx: &ExecContext,
) -> Result<Vec<Vec<Dynamic>>, EvalError> {
    let rows = input.num_rows();
    m.items
        .iter()
        .map(|item| {
            let c = evaluate(&item.expr, input, ctx.now)?.into_column(rows);
            Ok(match c.as_ref() {
                Column::Dynamic(v) => v.clone(),
                other => (0..rows).map(|i| other.get(i).to_dynamic()).collect(),
            })
        })
        .collect()
}

/// Expands `input` (already run) by `m`; the output has `schema`.
pub fn mv_expand(
    m: &MvExpandPlan,
    input: &Table,
    schema: &[Field],
    ctx: &ExecContext,
) -> Result<Table, EvalError> {
    let rows = input.num_rows();
    let values = item_values(m, input, ctx)?;
    let mut counts = Vec::with_capacity(rows);
    let mut total: usize = 0;
    for r in 0..rows {
        let mut n = values
            .iter()
            .map(|v| expanded_len(&v[r]))
            .max()
            .unwrap_or(0);
        if let Some(limit) = m.limit {
            n = n.min(limit);
        }
        counts.push(n);
        total = total.saturating_add(n);
    }
    ctx.check_rows(total)?;
    let mut source = Vec::with_capacity(total);
    for (r, &n) in counts.iter().enumerate() {
        source.extend(std::iter::repeat_n(r, n));
    }
    let mut columns: Vec<Arc<Column>> = Vec::with_capacity(schema.len());
    for (out, field) in m.outputs.iter().zip(schema) {
        let col = match *out {
            OutputColumn::Input(i) => match input.columns().get(i) {
                Some(c) => Arc::new(c.take(&source)),
                None => return Err(EvalError::internal("mv-expand input column")),
            },
            OutputColumn::Index => {
                let mut idx = Vec::with_capacity(total);
                for &n in &counts {
                    idx.extend((0..n).map(|j| i64::try_from(j).ok()));
                }
                Arc::new(Column::Long(idx))
            }
            OutputColumn::Item(k) => {
                let v = &values[k];
                if field.data_type == DataType::Dynamic {
                    let mut out = Vec::with_capacity(total);
                    for (r, &n) in counts.iter().enumerate() {
                        ctx.check_time()?;
                        out.extend((0..n).map(|j| element(&v[r], j, m.bag)));
                    }
                    Arc::new(Column::Dynamic(out))
                } else {
                    let mut out = ColumnBuilder::new(field.data_type);
                    for (r, &n) in counts.iter().enumerate() {
                        ctx.check_time()?;
                        for j in 0..n {
                            out.push(&conforming(&element(&v[r], j, m.bag), field.data_type));
                        }
                    }
                    Arc::new(out.finish())
                }
            }
        };
        columns.push(col);
    }
    if schema.is_empty() {
        return Ok(Table::with_rows(total));
    }
    Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))
}

/// Runs `mv-apply`: per input row, expand the row into a subtable, run the subquery over
/// it, and prefix its rows with the row's other columns; the results are concatenated.
pub fn mv_apply(m: &MvApplyPlan, schema: &[Field], ctx: &ExecContext) -> Result<Table, EvalError> {
    let input = execute(&m.expand.input, ctx)?;
    let mut parts: Vec<Table> = Vec::new();
    let mut sources: Vec<usize> = Vec::new();
    let mut total = 0usize;
    for r in 0..input.num_rows() {
        ctx.check_time()?;
        let row = input.take(&[r]);
        let sub = mv_expand(&m.expand, &row, &m.sub_schema, ctx)?;
        *m.slot
            .0
            .lock()
            .map_err(|_| EvalError::internal("mv-apply subtable lock"))? = Some(sub);
        let out = execute(&m.subquery, ctx)?;
        total = total.saturating_add(out.num_rows());
        ctx.check_rows(total)?;
        sources.extend(std::iter::repeat_n(r, out.num_rows()));
        parts.push(out);
    }
    if let Ok(mut g) = m.slot.0.lock() {
        *g = None;
    }
    let mut columns: Vec<Arc<Column>> = Vec::with_capacity(schema.len());
    for &i in &m.kept {
        match input.columns().get(i) {
            Some(c) => columns.push(Arc::new(c.take(&sources))),
            None => return Err(EvalError::internal("mv-apply input column")),
        }
    }
    for (n, &j) in m.sub_columns.iter().enumerate() {
        let ty = schema
            .get(m.kept.len() + n)
            .map_or(DataType::Dynamic, |f| f.data_type);
        let pieces: Vec<&Column> = parts
            .iter()
            .filter_map(|t| t.columns().get(j).map(|c| c.as_ref()))
            .collect();
        columns.push(Arc::new(Column::concat(ty, &pieces)));
    }
    if schema.is_empty() {
        return Ok(Table::with_rows(total));
    }
    Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))
}
