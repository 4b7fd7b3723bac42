//! The `range` source.

use super::ExecContext;
use crate::error::EvalError;
use crate::table::{Column, Field, Table};
use crate::value::Value;
use std::sync::Arc;

/// Rows from `from` to `to` (inclusive when hit exactly) by `step`; the row limit is
/// checked before anything is allocated.
pub fn range(
    schema: &[Field],
    from: &Value,
    to: &Value,
    step: &Value,
    ctx: &ExecContext,
) -> Result<Table, EvalError> {
    let column = match (from, to, step) {
        (Value::Long(Some(a)), Value::Long(Some(b)), Value::Long(Some(s))) => {
            Column::Long(int_range(*a, *b, *s, ctx)?)
        }
        (Value::DateTime(Some(a)), Value::DateTime(Some(b)), Value::TimeSpan(Some(s))) => {
            Column::DateTime(int_range(*a, *b, *s, ctx)?)
        }
        (Value::TimeSpan(Some(a)), Value::TimeSpan(Some(b)), Value::TimeSpan(Some(s))) => {
            Column::TimeSpan(int_range(*a, *b, *s, ctx)?)
        }
        (Value::Real(Some(a)), Value::Real(Some(b)), s) => {
            let s = match s {
                Value::Real(Some(s)) => *s,
                Value::Long(Some(s)) => *s as f64,
                _ => return Err(EvalError::internal("range step")),
            };
            let count = ((b - a) / s).floor();
            if !count.is_finite() || count < 0.0 {
                Column::Real(Vec::new())
            } else {
                let n = count as usize + 1;
                ctx.check_rows(n)?;
                Column::Real((0..n).map(|i| Some(a + s * i as f64)).collect())
            }
        }
        _ => return Err(EvalError::internal("range bounds")),
    };
    Table::new(schema.to_vec(), vec![Arc::new(column)])
        .map_err(|e| EvalError::internal(e.to_string()))
}

fn int_range(a: i64, b: i64, s: i64, ctx: &ExecContext) -> Result<Vec<Option<i64>>, EvalError> {
    let span = i128::from(b) - i128::from(a);
    let count = span / i128::from(s);
    if count < 0 {
        return Ok(Vec::new());
    }
    let n = usize::try_from(count + 1).unwrap_or(usize::MAX);
    ctx.check_rows(n)?;
    let mut out = Vec::with_capacity(n);
    let mut v = i128::from(a);
    for i in 0..n {
        if i % 1_000_000 == 0 {
            ctx.check_time()?;
        }
        out.push(i64::try_from(v).ok());
        v += i128::from(s);
    }
    Ok(out)
}
