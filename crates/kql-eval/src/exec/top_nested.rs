//! `top-nested` (q/top-nested-operator.md): walks the levels' summaries, keeping under each
//! kept parent the top `N` values by the aggregate (plus an `others` row when asked).
//! Rows come out in hierarchical order: each level sorted by its aggregate.

use super::{execute, ExecContext};
use crate::bind::ops::{OthersFold, TopNestedLevel, TopNestedPlan};
use crate::error::EvalError;
use crate::expr::compare_values;
use crate::table::{ColumnBuilder, Field, Table};
use crate::value::Value;
use std::cmp::Ordering;
use std::collections::HashMap;
use std::sync::Arc;

/// One output row in the making: a (value, aggregate) pair per level reached.
type Path = Vec<(Value, Value)>;

fn key_text(values: &[Value]) -> String {
    format!("{values:?}")
}

/// Orders aggregates: nulls last whatever the direction.
fn order(a: &Value, b: &Value, desc: bool) -> Ordering {
    match (a.is_null(), b.is_null()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        _ => {
            let o = compare_values(a, b).unwrap_or(Ordering::Equal);
            if desc {
                o.reverse()
            } else {
                o
            }
        }
    }
}

fn fold(values: &[Value], how: OthersFold) -> Value {
    let present: Vec<&Value> = values.iter().filter(|v| !v.is_null()).collect();
    match how {
        OthersFold::Sum => {
            let mut long = 0i64;
            let mut real = 0f64;
            let mut is_real = false;
            for v in &present {
                match v {
                    Value::Long(Some(x)) => long = long.saturating_add(*x),
                    Value::Int(Some(x)) => long = long.saturating_add(i64::from(*x)),
                    Value::Real(Some(x)) => {
                        is_real = true;
                        real += x;
                    }
                    _ => {}
                }
            }
            match values.first().map(Value::data_type) {
                Some(crate::types::DataType::Real) => Value::Real(Some(real + long as f64)),
                _ if is_real => Value::Real(Some(real + long as f64)),
                _ => Value::Long(Some(long)),
            }
        }
        OthersFold::Min | OthersFold::Max => {
            let want = if how == OthersFold::Min {
                Ordering::Less
            } else {
                Ordering::Greater
            };
            present
                .into_iter()
                .fold(None::<&Value>, |best, v| match best {
                    Some(b) if compare_values(v, b) != Some(want) => Some(b),
                    _ => Some(v),
                })
                .cloned()
                .unwrap_or(Value::Long(None))
        }
    }
}

/// The children of one parent at `level`: its rows of the level's summary, ranked.
fn children(level: &TopNestedLevel, rows: &[(Value, Value)]) -> Vec<(Value, Value)> {
    let mut ranked: Vec<(Value, Value)> = rows.to_vec();
    ranked.sort_by(|a, b| order(&a.1, &b.1, level.desc));
    let keep = level.count.unwrap_or(usize::MAX).min(ranked.len());
    let rest: Vec<Value> = ranked[keep..].iter().map(|(_, a)| a.clone()).collect();
    ranked.truncate(keep);
    if let Some((value, how)) = &level.others {
        if !rest.is_empty() {
            ranked.push((value.clone(), fold(&rest, *how)));
        }
    }
    ranked
}

/// Runs `t`; the output has `schema` (two fields per level).
pub fn top_nested(
    t: &TopNestedPlan,
    schema: &[Field],
    ctx: &ExecContext,
) -> Result<Table, EvalError> {
    // Per level: the rows of its summary grouped by the keys of the levels above.
    let mut grouped: Vec<HashMap<String, Vec<(Value, Value)>>> = Vec::new();
    for (k, level) in t.levels.iter().enumerate() {
        let table = execute(&level.summary, ctx)?;
        let mut map: HashMap<String, Vec<(Value, Value)>> = HashMap::new();
        for r in 0..table.num_rows() {
            let row = table.row(r);
            let (Some(key), Some(agg)) = (row.get(k), row.get(k + 1)) else {
                return Err(EvalError::internal("top-nested summary shape"));
            };
            map.entry(key_text(&row[..k]))
                .or_default()
                .push((key.clone(), agg.clone()));
        }
        grouped.push(map);
    }
    // Each path, and whether it ended at an `others` row (which has no children).
    let mut paths: Vec<(Path, bool)> = vec![(Vec::new(), false)];
    for (k, level) in t.levels.iter().enumerate() {
        ctx.check_time()?;
        let mut next: Vec<(Path, bool)> = Vec::new();
        for (path, done) in paths {
            if done {
                next.push((path, true));
                continue;
            }
            let prefix: Vec<Value> = path.iter().map(|(v, _)| v.clone()).collect();
            let rows = grouped[k]
                .get(&key_text(&prefix))
                .cloned()
                .unwrap_or_default();
            let kept = level.count.unwrap_or(usize::MAX).min(rows.len());
            for (i, (value, agg)) in children(level, &rows).into_iter().enumerate() {
                let mut p = path.clone();
                p.push((value, agg));
                next.push((p, i >= kept));
            }
        }
        ctx.check_rows(next.len())?;
        paths = next;
    }
    let mut builders: Vec<ColumnBuilder> = schema
        .iter()
        .map(|f| ColumnBuilder::new(f.data_type))
        .collect();
    for (path, _) in &paths {
        for (k, pair) in (0..t.levels.len()).map(|k| (k, path.get(k))) {
            let (v, a) = match pair {
                Some((v, a)) => (v.clone(), a.clone()),
                None => (
                    Value::null(schema[2 * k].data_type),
                    Value::null(schema[2 * k + 1].data_type),
                ),
            };
            builders[2 * k].push(&v);
            builders[2 * k + 1].push(&a);
        }
    }
    let columns = builders.into_iter().map(|b| Arc::new(b.finish())).collect();
    Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))
}
