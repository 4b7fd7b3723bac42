//! `sort` and `top`: a stable ordering of row indices (q/sort-operator.md). Nulls go
//! first or last as asked, independent of the direction; NaN sorts next to null.

use super::ExecContext;
use crate::bind::plan::BoundSortKey;
use crate::error::EvalError;
use crate::expr::{compare_values, evaluate};
use crate::table::{Column, Table};
use kql_parser::ast::{NullsOrder, SortOrder};
use std::cell::Cell;
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
    // A sort of many rows cannot stop midway, so once the query is out of time (or
    // cancelled, or over memory) every comparison says "equal" and the sort finishes in
    // one cheap pass; the caller then reports the limit, never the unsorted rows.
    let compared = Cell::new(0usize);
    let stopped = Cell::new(false);
    let cmp = |a: &usize, b: &usize| {
        if stopped.get() {
            return Ordering::Equal;
        }
        let n = compared.get().wrapping_add(1);
        compared.set(n);
        if !crate::interrupt::keep_going(n) {
            stopped.set(true);
            return Ordering::Equal;
        }
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
    if stopped.get() {
        ctx.check_time()?;
        return Err(EvalError::internal("sort stopped by the query's limits"));
    }
    Ok(idx)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::bind::plan::{BoundExpr, BoundExprKind};
    use crate::limits::Limits;
    use crate::table::Field;
    use crate::types::DataType;
    use crate::value::Value;
    use std::time::Duration;

    fn table(rows: i64) -> Table {
        let values: Vec<Vec<Value>> = (0..rows)
            .map(|i| vec![Value::Long(Some((i * 7919) % rows))])
            .collect();
        Table::from_rows(vec![Field::new("x", DataType::Long)], &values)
    }

    fn key() -> BoundSortKey {
        BoundSortKey {
            expr: BoundExpr {
                kind: BoundExprKind::Column(0),
                ty: DataType::Long,
                span: kql_parser::Span::default(),
            },
            order: SortOrder::Asc,
            nulls: NullsOrder::First,
        }
    }

    #[test]
    fn sorts_and_takes_the_first_rows() {
        let ctx = ExecContext::new(0, Limits::default());
        let t = table(10);
        let idx = sort_indices(&t, &[key()], Some(3), &ctx).unwrap();
        let firsts: Vec<Value> = idx.iter().map(|&i| t.columns()[0].get(i)).collect();
        assert_eq!(firsts, [0, 1, 2].map(|x| Value::Long(Some(x))));
    }

    #[test]
    fn a_sort_past_the_deadline_stops_with_the_deadline_error() {
        let limits = Limits {
            timeout: Some(Duration::ZERO),
            ..Limits::default()
        };
        let ctx = ExecContext::new(0, limits);
        let t = table(200_000);
        std::thread::sleep(Duration::from_millis(2));
        let _running = crate::interrupt::enter(ctx.deadline, None, usize::MAX);
        let err = sort_indices(&t, &[key()], None, &ctx).unwrap_err();
        assert!(
            matches!(err.kind, crate::error::EvalErrorKind::Deadline),
            "{err}"
        );
    }
}
