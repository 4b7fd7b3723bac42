//! `sort` and `top`: a stable ordering of row indices (q/sort-operator.md). Nulls go
//! first or last as asked, independent of the direction; NaN sorts next to null.

use super::ExecContext;
use crate::bind::plan::BoundSortKey;
use crate::error::EvalError;
use crate::expr::{compare_values, evaluate};
use crate::table::{Column, Table};
use kql_parser::ast::{NullsOrder, SortOrder};
use std::cmp::Ordering;
use std::sync::Arc;

/// Rank of a value for sorting: 0 for null, 1 for NaN, 2 otherwise.
fn rank(c: &Column, i: usize) -> u8 {
    match c {
        Column::Real(v) => match v.get(i).copied().flatten() {
            None => 0,
            Some(x) if x.is_nan() => 1,
            Some(_) => 2,
        },
        _ if c.is_null(i) => 0,
        _ => 2,
    }
}

fn cmp_present(c: &Column, a: usize, b: usize) -> Ordering {
    match c {
        Column::Long(v) | Column::DateTime(v) | Column::TimeSpan(v) => v[a].cmp(&v[b]),
        Column::Int(v) => v[a].cmp(&v[b]),
        Column::Real(v) => v[a].partial_cmp(&v[b]).unwrap_or(Ordering::Equal),
        Column::String(s) => s.get(a).cmp(s.get(b)),
        Column::Bool(v) => v[a].cmp(&v[b]),
        other => compare_values(&other.get(a), &other.get(b)).unwrap_or(Ordering::Equal),
    }
}

fn cmp_key(c: &Column, order: SortOrder, nulls: NullsOrder, a: usize, b: usize) -> Ordering {
    let (ra, rb) = (rank(c, a), rank(c, b));
    if ra < 2 || rb < 2 {
        // Nulls (rank 0) and NaN (rank 1) keep their placement whatever the direction.
        let o = ra.cmp(&rb);
        return if nulls == NullsOrder::First {
            o
        } else {
            o.reverse()
        };
    }
    let o = cmp_present(c, a, b);
    if order == SortOrder::Desc {
        o.reverse()
    } else {
        o
    }
}

/// Row indices of `input` in sorted order; with `limit`, only the first `limit`.
pub fn sort_indices(
    input: &Table,
    keys: &[BoundSortKey],
    limit: Option<usize>,
    ctx: &ExecContext,
) -> Result<Vec<usize>, EvalError> {
    let rows = input.num_rows();
    let columns: Vec<Arc<Column>> = keys
        .iter()
        .map(|k| evaluate(&k.expr, input, ctx.now).map(|v| v.into_column(rows)))
        .collect::<Result<_, _>>()?;
    let cmp = |a: &usize, b: &usize| {
        for (k, c) in keys.iter().zip(&columns) {
            let o = cmp_key(c, k.order, k.nulls, *a, *b);
            if o != Ordering::Equal {
                return o;
            }
        }
        Ordering::Equal
    };
    let mut idx: Vec<usize> = (0..rows).collect();
    match limit {
        Some(n) if n < rows => {
            if n == 0 {
                return Ok(Vec::new());
            }
            idx.select_nth_unstable_by(n - 1, |a, b| cmp(a, b).then(a.cmp(b)));
            idx.truncate(n);
            idx.sort_by(|a, b| cmp(a, b).then(a.cmp(b)));
        }
        _ => idx.sort_by(cmp),
    }
    Ok(idx)
}
