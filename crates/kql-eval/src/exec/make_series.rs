//! `make-series` (q/make-series-operator.md): turns the summarize by keys and bin into one
//! row per group, with one array per aggregate (a slot per bin) and the bins' axis values.

use super::{execute, ExecContext};
use crate::bind::ops::{axis_int, axis_number, bin_count, MakeSeriesPlan, MAX_BINS};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::table::{Column, ColumnBuilder, Field, Table};
use crate::value::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// The bin index of axis value `v` (bins start at `start`, `step` wide).
fn bin_index(v: &Value, start: &Value, m: &MakeSeriesPlan) -> Option<i128> {
    match (axis_int(v), axis_int(start), axis_int(&m.step)) {
        (Some(x), Some(s), Some(st)) if st > 0 => Some((x - s).div_euclid(st)),
        _ => {
            let (x, s, st) = (axis_number(v)?, axis_number(start)?, axis_number(&m.step)?);
            let i = ((x - s) / st).floor();
            i.is_finite().then_some(i as i128)
        }
    }
}

/// The axis value of bin `i`, as a dynamic value.
fn bin_value(i: usize, start: &Value, m: &MakeSeriesPlan) -> Dynamic {
    let n = i as i64;
    match (start, &m.step) {
        (Value::DateTime(Some(s)), Value::TimeSpan(Some(st))) => {
            Dynamic::DateTime(s.saturating_add(st.saturating_mul(n)))
        }
        (Value::TimeSpan(Some(s)), Value::TimeSpan(Some(st))) => {
            Dynamic::TimeSpan(s.saturating_add(st.saturating_mul(n)))
        }
        (start, step) => match (axis_int(start), axis_int(step)) {
            (Some(s), Some(st)) => {
                Dynamic::Long(i64::try_from(s + st * i128::from(n)).unwrap_or(i64::MAX))
            }
            _ => {
                let s = axis_number(start).unwrap_or(0.0);
                let st = axis_number(step).unwrap_or(0.0);
                Dynamic::Real(s + st * n as f64)
            }
        },
    }
}

/// Runs `m`; the output has `schema`.
pub fn make_series(
    m: &MakeSeriesPlan,
    schema: &[Field],
    ctx: &ExecContext,
) -> Result<Table, EvalError> {
    let input = execute(&m.input, ctx)?;
    let rows = input.num_rows();
    let aggs = input.num_columns().saturating_sub(m.keys + 1);
    ctx.check_rows(rows)?;
    // Groups in first-appearance order.
    let mut groups: Vec<(usize, Vec<Vec<Dynamic>>)> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let defaults: Vec<Dynamic> = m.defaults.iter().map(Value::to_dynamic).collect();
    let bin_col = input
        .columns()
        .get(m.keys)
        .cloned()
        .ok_or_else(|| EvalError::internal("make-series bin column"))?;
    // The range: given, or from the first to the last bin with data.
    let bin_values: Vec<Value> = (0..rows).map(|r| bin_col.get(r)).collect();
    let extreme = |want: std::cmp::Ordering| {
        bin_values
            .iter()
            .filter(|v| axis_number(v).is_some())
            .fold(None::<&Value>, |best, v| match best {
                Some(b) if axis_number(v).partial_cmp(&axis_number(b)) != Some(want) => Some(b),
                _ => Some(v),
            })
            .cloned()
    };
    let Some(start) = m
        .start
        .clone()
        .or_else(|| extreme(std::cmp::Ordering::Less))
    else {
        return finish(m, schema, &input, Vec::new(), 0, &Value::Long(None));
    };
    let bins = match (&m.end, extreme(std::cmp::Ordering::Greater)) {
        (Some(end), _) => bin_count(&start, end, &m.step, m.inclusive),
        (None, Some(last)) => bin_count(&start, &last, &m.step, true),
        (None, None) => 0,
    };
    if bins > MAX_BINS {
        return Err(EvalError::invalid_argument(
            "make-series",
            format!("the series would have {bins} bins (at most {MAX_BINS})"),
        ));
    }
    for (r, bin) in bin_values.iter().enumerate() {
        let Some(i) = bin_index(bin, &start, m) else {
            continue;
        };
        let Ok(i) = usize::try_from(i) else {
            continue;
        };
        if i >= bins {
            continue;
        }
        let key: Vec<Value> = (0..m.keys).map(|k| input.columns()[k].get(r)).collect();
        let key_text = format!("{key:?}");
        let g = match index.get(&key_text) {
            Some(g) => *g,
            None => {
                ctx.check_time()?;
                let arrays = (0..aggs)
                    .map(|a| vec![defaults.get(a).cloned().unwrap_or(Dynamic::Long(0)); bins])
                    .collect();
                groups.push((r, arrays));
                index.insert(key_text, groups.len() - 1);
                groups.len() - 1
            }
        };
        for a in 0..aggs {
            let v = input.columns()[m.keys + 1 + a].get(r);
            if !v.is_null() {
                groups[g].1[a][i] = v.to_dynamic();
            }
        }
    }
    finish(m, schema, &input, groups, bins, &start)
}

/// Builds the output: key columns, one array column per aggregate, the axis column.
fn finish(
    m: &MakeSeriesPlan,
    schema: &[Field],
    input: &Table,
    mut groups: Vec<(usize, Vec<Vec<Dynamic>>)>,
    bins: usize,
    start: &Value,
) -> Result<Table, EvalError> {
    let aggs = input.num_columns().saturating_sub(m.keys + 1);
    let defaults: Vec<Dynamic> = m.defaults.iter().map(Value::to_dynamic).collect();
    if groups.is_empty() && m.nonempty && m.keys == 0 {
        let arrays = (0..aggs)
            .map(|a| vec![defaults.get(a).cloned().unwrap_or(Dynamic::Long(0)); bins])
            .collect();
        groups.push((usize::MAX, arrays));
    }
    let axis = Dynamic::Array((0..bins).map(|i| bin_value(i, start, m)).collect());
    let mut columns: Vec<Arc<Column>> = Vec::with_capacity(schema.len());
    for (k, f) in schema.iter().enumerate().take(m.keys) {
        let mut b = ColumnBuilder::new(f.data_type);
        for (r, _) in &groups {
            b.push(&input.columns()[k].get(*r));
        }
        columns.push(Arc::new(b.finish()));
    }
    for a in 0..aggs {
        columns.push(Arc::new(Column::Dynamic(
            groups
                .iter()
                .map(|(_, arrays)| Dynamic::Array(arrays[a].clone()))
                .collect(),
        )));
    }
    columns.push(Arc::new(Column::Dynamic(vec![axis; groups.len()])));
    Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))
}
