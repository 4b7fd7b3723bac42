//! Runs `evaluate ipv4_lookup` / `ipv6_lookup` (bind/ops/ip_lookup.rs has the semantics):
//! the lookup table's networks are indexed once per extra-key group
//! ([`crate::ip_ranges::RangeIndex`], sorted disjoint ranges and binary search), then each
//! input row is one lookup.

use super::{execute, group_rows, ExecContext};
use crate::bind::ops::IpLookupPlan;
use crate::error::EvalError;
use crate::ip_ranges::{parse_network, IpNet, RangeIndex};
use crate::table::{Column, Field, StringColumn, Table};
use crate::value::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// Runs the plugin; `schema` is the bound output schema.
pub fn ip_lookup(
    p: &IpLookupPlan,
    schema: &[Field],
    ctx: &ExecContext,
) -> Result<Table, EvalError> {
    let input = execute(&p.input, ctx)?;
    let lookup = execute(&p.lookup, ctx)?;
    let (input_groups, lookup_groups) = key_groups(p, &input, &lookup)?;
    let ranges = strings(&lookup, p.lookup_key)?;
    let mut entries: HashMap<u32, Vec<(IpNet, usize)>> = HashMap::new();
    for (row, group) in lookup_groups.iter().enumerate() {
        let net = parse_network(ranges.get(row), p.family);
        if let (Some(g), Some(net)) = (group, net) {
            entries.entry(*g).or_default().push((net, row));
        }
    }
    let indexes: HashMap<u32, RangeIndex> = entries
        .into_iter()
        .map(|(g, e)| (g, RangeIndex::new(e)))
        .collect();
    let source = strings(&input, p.source_key)?;
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (row, group) in input_groups.iter().enumerate() {
        if row % 65_536 == 0 {
            ctx.check_time()?;
        }
        let hit = group
            .and_then(|g| indexes.get(&g))
            .zip(parse_network(source.get(row), p.family))
            .and_then(|(index, net)| index.lookup(net.base));
        match hit {
            Some((_, rows)) => {
                for &r in rows {
                    left.push(row);
                    right.push(Some(r));
                }
            }
            None if p.return_unmatched => {
                left.push(row);
                right.push(None);
            }
            None => {}
        }
    }
    ctx.check_rows(left.len())?;
    let width = |t: &Table| t.heap_size() / t.num_rows().max(1);
    ctx.check_memory(
        left.len()
            .saturating_mul(width(&input).saturating_add(width(&lookup))),
    )?;
    let mut columns: Vec<Arc<Column>> = input
        .columns()
        .iter()
        .map(|c| Arc::new(c.take(&left)))
        .collect();
    for &i in &p.lookup_out {
        let col = lookup
            .columns()
            .get(i)
            .ok_or_else(|| EvalError::internal("ip lookup: column out of range"))?;
        columns.push(Arc::new(gather(col, &right)));
    }
    Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))
}

/// The rows of `col` at `rows`; `None` gives a null cell.
fn gather(col: &Column, rows: &[Option<usize>]) -> Column {
    let all: Option<Vec<usize>> = rows.iter().copied().collect();
    if let Some(all) = all {
        return col.take(&all);
    }
    let ty = col.data_type();
    let values: Vec<Value> = rows
        .iter()
        .map(|r| r.map_or(Value::null(ty), |i| col.get(i)))
        .collect();
    Column::from_values(ty, &values)
}

/// The string column `i` of `t`.
fn strings(t: &Table, i: usize) -> Result<&StringColumn, EvalError> {
    match t.columns().get(i).map(|c| c.as_ref()) {
        Some(Column::String(s)) => Ok(s),
        _ => Err(EvalError::internal("ip lookup key is not a string column")),
    }
}

/// Each input row's and each lookup row's extra-key group (one group when there are no
/// extra keys); `None` for a row with a null key, which matches nothing.
type Groups = (Vec<Option<u32>>, Vec<Option<u32>>);

fn key_groups(p: &IpLookupPlan, input: &Table, lookup: &Table) -> Result<Groups, EvalError> {
    let (n_in, n_lookup) = (input.num_rows(), lookup.num_rows());
    if p.extra_keys.is_empty() {
        return Ok((vec![Some(0); n_in], vec![Some(0); n_lookup]));
    }
    // The lookup rows, then the input rows, grouped together: equal keys share an id.
    let mut keys = Vec::with_capacity(p.extra_keys.len());
    let mut pairs = Vec::with_capacity(p.extra_keys.len());
    for &(li, ri) in &p.extra_keys {
        let (Some(l), Some(r)) = (input.columns().get(li), lookup.columns().get(ri)) else {
            return Err(EvalError::internal("ip lookup: extra key out of range"));
        };
        keys.push(Arc::new(Column::concat(r.data_type(), &[r, l])));
        pairs.push((l, r));
    }
    let total = n_lookup.saturating_add(n_in);
    let (ids, _) = group_rows(&keys, total);
    let null_at = |row: usize, lookup_side: bool| {
        pairs.iter().any(|(l, r)| {
            if lookup_side {
                r.is_null(row)
            } else {
                l.is_null(row)
            }
        })
    };
    let lookup_groups = (0..n_lookup)
        .map(|r| ids.get(r).copied().filter(|_| !null_at(r, true)))
        .collect();
    let input_groups = (0..n_in)
        .map(|r| {
            ids.get(n_lookup + r)
                .copied()
                .filter(|_| !null_at(r, false))
        })
        .collect();
    Ok((input_groups, lookup_groups))
}
