//! `join` and `lookup` (q/join-operator.md, q/lookup-operator.md): a hash join on the key
//! values. The right side is hashed; rows with a null key never match. The output size is
//! counted and checked against the row limit before any column is built, so a huge
//! cross product fails fast.

use super::{execute, ExecContext};
use crate::bind::join::JoinPlan;
use crate::error::EvalError;
use crate::table::{Column, Field, Table};
use crate::value::Value;
use kql_parser::ast::JoinKind;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// Output rows as (left row, right row); `None` pads with nulls.
type Pairs = Vec<(Option<usize>, Option<usize>)>;

/// One key value in hashable form (int and long compare equal). Strings are borrowed
/// from their column, so hashing allocates nothing per row for a single key.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum KeyPart<'a> {
    Int(i64),
    Bits(u128),
    Str(&'a str),
    Text(String),
}

/// A row's join key: one part (the common case, no allocation) or several.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key<'a> {
    One(KeyPart<'a>),
    Many(Vec<KeyPart<'a>>),
}

fn key_part(c: &Column, i: usize) -> Option<KeyPart<'_>> {
    let int = |x: Option<&Option<i64>>| x.copied().flatten().map(KeyPart::Int);
    match c {
        Column::String(s) => Some(KeyPart::Str(s.get(i))),
        Column::Long(v) | Column::DateTime(v) | Column::TimeSpan(v) => int(v.get(i)),
        Column::Int(v) => v.get(i).copied().flatten().map(|x| KeyPart::Int(x.into())),
        Column::Bool(v) => v.get(i).copied().flatten().map(|x| KeyPart::Int(x.into())),
        // -0.0 and 0.0 match; NaN never matches (as with `==`).
        Column::Real(v) => v
            .get(i)
            .copied()
            .flatten()
            .filter(|x| !x.is_nan())
            .map(|x| KeyPart::Bits(u128::from(if x == 0.0 { 0.0f64 } else { x }.to_bits()))),
        Column::Guid(v) => v.get(i).copied().flatten().map(KeyPart::Bits),
        Column::Decimal(v) => v
            .get(i)
            .copied()
            .flatten()
            .map(|d| KeyPart::Text(d.normalize().to_string())),
        Column::Dynamic(v) => match v.get(i) {
            None | Some(crate::Dynamic::Null) => None,
            Some(d) => Some(KeyPart::Text(d.to_json_string())),
        },
    }
}

/// Each row's key, `None` when any part is null.
fn row_keys<'t>(t: &'t Table, keys: &[usize]) -> Vec<Option<Key<'t>>> {
    let cols: Vec<&'t Column> = keys
        .iter()
        .filter_map(|&k| t.columns().get(k).map(|c| c.as_ref()))
        .collect();
    (0..t.num_rows())
        .map(|i| match cols.as_slice() {
            [one] => key_part(one, i).map(Key::One),
            many => many
                .iter()
                .map(|c| key_part(c, i))
                .collect::<Option<Vec<_>>>()
                .map(Key::Many),
        })
        .collect()
}

/// Gathers rows; `None` gives a null cell.
fn gather(col: &Column, rows: &[Option<usize>], f: &Field) -> Column {
    if rows.iter().all(Option::is_some) {
        let idx: Vec<usize> = rows.iter().map(|r| r.unwrap_or(0)).collect();
        return col.take(&idx);
    }
    let values: Vec<Value> = rows
        .iter()
        .map(|r| r.map_or(Value::null(f.data_type), |i| col.get(i)))
        .collect();
    Column::from_values(f.data_type, &values)
}

/// Runs a join plan.
pub fn join(p: &JoinPlan, schema: &[Field], ctx: &ExecContext) -> Result<Table, EvalError> {
    let left = execute(&p.left, ctx)?;
    let right = execute(&p.right, ctx)?;
    let lkeys = row_keys(&left, &p.left_keys);
    let rkeys = row_keys(&right, &p.right_keys);
    let pairs = match p.kind {
        JoinKind::LeftSemi | JoinKind::LeftAnti => {
            let set: HashSet<&Key<'_>> = rkeys.iter().flatten().collect();
            let want = p.kind == JoinKind::LeftSemi;
            let rows = (0..left.num_rows())
                .filter(|&i| lkeys[i].as_ref().is_some_and(|k| set.contains(k)) == want)
                .map(|i| (Some(i), None))
                .collect();
            rows
        }
        JoinKind::RightSemi | JoinKind::RightAnti => {
            let set: HashSet<&Key<'_>> = lkeys.iter().flatten().collect();
            let want = p.kind == JoinKind::RightSemi;
            (0..right.num_rows())
                .filter(|&i| rkeys[i].as_ref().is_some_and(|k| set.contains(k)) == want)
                .map(|i| (None, Some(i)))
                .collect()
        }
        _ => {
            // Bytes per output row: the row pair plus the average width of each side's row.
            let width = |t: &Table| t.heap_size() / t.num_rows().max(1);
            let per_row = std::mem::size_of::<(Option<usize>, Option<usize>)>()
                .saturating_add(width(&left))
                .saturating_add(width(&right));
            matching_pairs(p.kind, &lkeys, &rkeys, per_row, ctx)?
        }
    };
    ctx.check_rows(pairs.len())?;
    let (lrows, rrows): (Vec<Option<usize>>, Vec<Option<usize>>) = pairs.into_iter().unzip();
    let mut columns = Vec::with_capacity(schema.len());
    let mut fields = schema.iter();
    if p.outputs_left() {
        for (col, f) in left.columns().iter().zip(fields.by_ref()) {
            columns.push(Arc::new(gather(col, &lrows, f)));
        }
    }
    let right_cols: Vec<usize> = if p.outputs_both() {
        p.right_out.clone()
    } else if p.outputs_left() {
        Vec::new()
    } else {
        (0..right.num_columns()).collect()
    };
    for (i, f) in right_cols.into_iter().zip(fields) {
        let col = right
            .columns()
            .get(i)
            .ok_or_else(|| EvalError::internal("join: right column out of range"))?;
        columns.push(Arc::new(gather(col, &rrows, f)));
    }
    let rows = lrows.len();
    let out =
        Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))?;
    if schema.is_empty() {
        return Ok(Table::with_rows(rows));
    }
    Ok(out)
}

/// (left row, right row) pairs for the inner and outer kinds, in left order, then the
/// unmatched right rows for `rightouter` / `fullouter`.
fn matching_pairs(
    kind: JoinKind,
    lkeys: &[Option<Key<'_>>],
    rkeys: &[Option<Key<'_>>],
    bytes_per_row: usize,
    ctx: &ExecContext,
) -> Result<Pairs, EvalError> {
    // An inner join is symmetric: hash the smaller side.
    if kind == JoinKind::Inner && lkeys.len() < rkeys.len() {
        let swapped = matching_pairs(kind, rkeys, lkeys, bytes_per_row, ctx)?;
        return Ok(swapped.into_iter().map(|(r, l)| (l, r)).collect());
    }
    let mut index: HashMap<&Key<'_>, Vec<usize>> = HashMap::new();
    for (i, k) in rkeys.iter().enumerate() {
        if let Some(k) = k {
            index.entry(k).or_default().push(i);
        }
    }
    let keep_left = matches!(kind, JoinKind::LeftOuter | JoinKind::FullOuter);
    let keep_right = matches!(kind, JoinKind::RightOuter | JoinKind::FullOuter);
    // innerunique: one left row per key, the first in input order.
    let mut seen: HashSet<&Key<'_>> = HashSet::new();
    let mut total = 0usize;
    let mut matches: Vec<(usize, Option<&Vec<usize>>)> = Vec::new();
    for (i, k) in lkeys.iter().enumerate() {
        let hit = k.as_ref().and_then(|k| index.get(k).map(|v| (k, v)));
        match hit {
            Some((k, rows)) => {
                if kind == JoinKind::InnerUnique && !seen.insert(k) {
                    continue;
                }
                total = total.saturating_add(rows.len());
                matches.push((i, Some(rows)));
            }
            None if keep_left => {
                total = total.saturating_add(1);
                matches.push((i, None));
            }
            None => {}
        }
    }
    ctx.check_rows(total)?;
    ctx.check_memory(total.saturating_mul(bytes_per_row))?;
    ctx.check_time()?;
    let mut right_used = vec![false; if keep_right { rkeys.len() } else { 0 }];
    let mut pairs = Vec::with_capacity(total);
    for (l, rows) in matches {
        match rows {
            Some(rows) => {
                for &r in rows {
                    if let Some(u) = right_used.get_mut(r) {
                        *u = true;
                    }
                    pairs.push((Some(l), Some(r)));
                }
            }
            None => pairs.push((Some(l), None)),
        }
    }
    if keep_right {
        for (r, used) in right_used.iter().enumerate() {
            if !used {
                pairs.push((None, Some(r)));
            }
        }
    }
    Ok(pairs)
}
