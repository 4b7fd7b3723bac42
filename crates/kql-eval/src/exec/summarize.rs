//! `summarize`: hash grouping on the key values, then each aggregate folds its groups
//! (q/summarize-operator.md). Groups come out in first-appearance order; without `by`
//! there is exactly one group, even over no rows.

use super::ExecContext;
use crate::bind::plan::{BoundAggregate, BoundExpr};
use crate::error::EvalError;
use crate::expr::{compare_values, evaluate, ColumnarValue};
use crate::functions::{AggregateImpl, RowSelector};
use crate::table::{Column, Field, StringColumn, Table};
use crate::value::Value;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

/// One key value in hashable form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum KeyPart<'a> {
    Null,
    Int(i64),
    Bits(u128),
    Str(&'a str),
    Text(String),
}

fn key_part(c: &Column, i: usize) -> KeyPart<'_> {
    match c {
        Column::String(s) => KeyPart::Str(s.get(i)),
        Column::Long(v) | Column::DateTime(v) | Column::TimeSpan(v) => v
            .get(i)
            .copied()
            .flatten()
            .map_or(KeyPart::Null, KeyPart::Int),
        Column::Int(v) => v
            .get(i)
            .copied()
            .flatten()
            .map_or(KeyPart::Null, |x| KeyPart::Int(x.into())),
        Column::Bool(v) => v
            .get(i)
            .copied()
            .flatten()
            .map_or(KeyPart::Null, |x| KeyPart::Int(x.into())),
        Column::Real(v) => v.get(i).copied().flatten().map_or(KeyPart::Null, |x| {
            // -0.0 and 0.0 group together; all NaNs group together.
            let x = if x == 0.0 {
                0.0
            } else if x.is_nan() {
                f64::NAN
            } else {
                x
            };
            KeyPart::Bits(u128::from(x.to_bits()))
        }),
        Column::Guid(v) => v
            .get(i)
            .copied()
            .flatten()
            .map_or(KeyPart::Null, KeyPart::Bits),
        Column::Decimal(v) => v
            .get(i)
            .copied()
            .flatten()
            .map_or(KeyPart::Null, |d| KeyPart::Text(d.normalize().to_string())),
        Column::Dynamic(v) => match v.get(i) {
            None | Some(crate::Dynamic::Null) => KeyPart::Null,
            Some(d) => KeyPart::Text(d.to_json_string()),
        },
    }
}

/// Per-row ids of one column's values: equal values get equal ids (dense, from 0).
/// Dictionary-encoded strings are numbered through their (small) dictionary.
pub(crate) fn value_ids(c: &Column, rows: usize) -> Vec<u32> {
    if let Column::String(StringColumn::Dict { codes, values }) = c {
        // Dictionary values are usually distinct, but results computed per distinct value
        // (`tolower(Url)`) may repeat: number the values, not the codes.
        let mut seen: HashMap<&str, u32> = HashMap::with_capacity(values.len());
        let canon: Vec<u32> = values
            .iter()
            .map(|v| {
                let next = seen.len() as u32;
                *seen.entry(v).or_insert(next)
            })
            .collect();
        return codes
            .iter()
            .map(|&code| canon.get(code as usize).copied().unwrap_or(0))
            .collect();
    }
    let mut map: HashMap<KeyPart<'_>, u32> = HashMap::new();
    (0..rows)
        .map(|i| {
            let next = map.len() as u32;
            *map.entry(key_part(c, i)).or_insert(next)
        })
        .collect()
}

/// Assigns each row a group id; returns the ids and the first row of each group. Groups
/// are numbered in order of first appearance. Keys are combined column by column as
/// pairs of dense ids in one `u64`, so no row allocates.
pub(crate) fn group_rows(keys: &[Arc<Column>], rows: usize) -> (Vec<u32>, Vec<usize>) {
    let mut ids = match keys.first() {
        Some(first) => value_ids(first, rows),
        None => vec![0; rows],
    };
    for key in keys.iter().skip(1) {
        let next = value_ids(key, rows);
        let mut pairs: HashMap<u64, u32> = HashMap::new();
        for (id, n) in ids.iter_mut().zip(&next) {
            let pair = (u64::from(*id) << 32) | u64::from(*n);
            let fresh = pairs.len() as u32;
            *id = *pairs.entry(pair).or_insert(fresh);
        }
    }
    // Renumber by first appearance.
    let mut renumber: Vec<Option<u32>> = Vec::new();
    let mut first_rows = Vec::new();
    for (row, id) in ids.iter_mut().enumerate() {
        let slot = *id as usize;
        if slot >= renumber.len() {
            renumber.resize(slot + 1, None);
        }
        let new = *renumber[slot].get_or_insert_with(|| {
            first_rows.push(row);
            (first_rows.len() - 1) as u32
        });
        *id = new;
    }
    (ids, first_rows)
}

/// Groups `input` by `keys` and computes `aggregates`; output columns follow `schema`.
pub fn summarize(
    input: &Table,
    keys: &[BoundExpr],
    aggregates: &[BoundAggregate],
    schema: &[Field],
    ctx: &ExecContext,
) -> Result<Table, EvalError> {
    let rows = input.num_rows();
    let key_cols: Vec<Arc<Column>> = keys
        .iter()
        .map(|k| evaluate(k, input, ctx.now).map(|v| v.into_column(rows)))
        .collect::<Result<_, _>>()?;
    let (ids, first_rows) = if keys.is_empty() {
        (vec![0u32; rows], vec![0usize])
    } else {
        group_rows(&key_cols, rows)
    };
    let groups = first_rows.len();
    ctx.check_rows(groups)?;
    ctx.check_time()?;
    let mut columns: Vec<Arc<Column>> = key_cols
        .iter()
        .map(|c| Arc::new(c.take(&first_rows)))
        .collect();
    for agg in aggregates {
        ctx.check_time()?;
        let args: Vec<ColumnarValue> = agg
            .args
            .iter()
            .map(|a| evaluate(a, input, ctx.now))
            .collect::<Result<_, _>>()?;
        match agg.func.imp {
            AggregateImpl::Accumulate(make) => {
                let types: Vec<_> = agg.args.iter().map(|a| a.ty).collect();
                let mut acc = make(&types);
                acc.update(&args, &ids, groups)?;
                let col = acc.finish(groups)?;
                let want = agg.outputs.first().map(|f| f.data_type);
                let col = match want {
                    Some(t) if t != col.data_type() => {
                        let values: Vec<Value> = (0..col.len()).map(|i| col.get(i)).collect();
                        Column::from_values(t, &values)
                    }
                    _ => col,
                };
                columns.push(Arc::new(col));
            }
            AggregateImpl::SelectRow(sel) => {
                let chosen = select_rows(sel, &args, &ids, groups);
                for (a, f) in args.iter().zip(&agg.outputs) {
                    let col = a.clone().into_column(rows);
                    let taken = take_optional(&col, &chosen, f);
                    columns.push(Arc::new(taken));
                }
            }
        }
    }
    Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))
}

/// Gathers rows, giving null where a group chose no row.
fn take_optional(col: &Column, chosen: &[Option<usize>], f: &Field) -> Column {
    if chosen.iter().all(Option::is_some) {
        let idx: Vec<usize> = chosen.iter().map(|c| c.unwrap_or(0)).collect();
        return col.take(&idx);
    }
    let values: Vec<Value> = chosen
        .iter()
        .map(|c| c.map_or(Value::null(f.data_type), |i| col.get(i)))
        .collect();
    Column::from_values(f.data_type, &values)
}

/// The row each group returns for `arg_max`, `arg_min` or `take_any`.
fn select_rows(
    sel: RowSelector,
    args: &[ColumnarValue],
    ids: &[u32],
    groups: usize,
) -> Vec<Option<usize>> {
    let mut chosen: Vec<Option<usize>> = vec![None; groups];
    let mut best: Vec<Option<Value>> = vec![None; groups];
    let Some(first) = args.first() else {
        return chosen;
    };
    for (i, &g) in ids.iter().enumerate() {
        let g = g as usize;
        let v = first.get(i);
        let empty = v.is_null() || matches!(&v, Value::String(s) if s.is_empty());
        match sel {
            RowSelector::TakeAny => {
                // Prefer a row whose (single) value is not null or empty.
                if chosen[g].is_none() || (best[g].is_none() && !empty) {
                    chosen[g] = Some(i);
                    if !empty || args.len() > 1 {
                        best[g] = Some(v);
                    }
                }
            }
            RowSelector::ArgMax | RowSelector::ArgMin => {
                if v.is_null() {
                    chosen[g].get_or_insert(i);
                    continue;
                }
                let better = match &best[g] {
                    None => true,
                    Some(b) => {
                        let o = compare_values(&v, b);
                        if sel == RowSelector::ArgMax {
                            o == Some(Ordering::Greater)
                        } else {
                            o == Some(Ordering::Less)
                        }
                    }
                };
                if better {
                    best[g] = Some(v);
                    chosen[g] = Some(i);
                }
            }
        }
    }
    chosen
}
