//! Comparison, `between` and `and`/`or` kernels with KQL's null rules
//! (q/scalar-data-types/null-values.md): `==` with one null operand is false, `!=` true;
//! both null gives null; ordering comparisons with a null give null; `and` is false if
//! either side is false, `or` true if either side is true.

use super::kernel::{bools_result, f64s, i64s, loop_rows, strs, I64s};
use super::ColumnarValue;
use crate::bind::plan::{BoundExpr, CmpOp};
use crate::error::EvalError;
use crate::table::Column;
use crate::value::Value;
use std::cmp::Ordering;

/// Compares two non-null values of one type; `None` when they are not comparable (NaN,
/// different types) or either is null.
pub fn compare_values(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Bool(Some(x)), Value::Bool(Some(y))) => Some(x.cmp(y)),
        (Value::Int(Some(x)), Value::Int(Some(y))) => Some(x.cmp(y)),
        (Value::Long(Some(x)), Value::Long(Some(y)))
        | (Value::DateTime(Some(x)), Value::DateTime(Some(y)))
        | (Value::TimeSpan(Some(x)), Value::TimeSpan(Some(y))) => Some(x.cmp(y)),
        (Value::Real(Some(x)), Value::Real(Some(y))) => x.partial_cmp(y),
        (Value::Decimal(Some(x)), Value::Decimal(Some(y))) => Some(x.cmp(y)),
        (Value::String(x), Value::String(y)) => Some(x.cmp(y)),
        (Value::Guid(Some(x)), Value::Guid(Some(y))) => Some(x.cmp(y)),
        (Value::Dynamic(x), Value::Dynamic(y)) if !x.is_null() && !y.is_null() => {
            Some(x.total_cmp(y))
        }
        _ => None,
    }
}

/// The result of `op` given the ordering of two values and whether each is null.
#[inline]
fn decide(op: CmpOp, ord: Option<Ordering>, l_null: bool, r_null: bool) -> Option<bool> {
    if l_null || r_null {
        return match op {
            _ if l_null && r_null => None,
            CmpOp::Eq => Some(false),
            CmpOp::NotEq => Some(true),
            _ => None,
        };
    }
    Some(match (op, ord) {
        (CmpOp::Eq, o) => o == Some(Ordering::Equal),
        (CmpOp::NotEq, o) => o != Some(Ordering::Equal),
        (_, None) => return Some(false),
        (CmpOp::Lt, Some(o)) => o == Ordering::Less,
        (CmpOp::Le, Some(o)) => o != Ordering::Greater,
        (CmpOp::Gt, Some(o)) => o == Ordering::Greater,
        (CmpOp::Ge, Some(o)) => o != Ordering::Less,
    })
}

/// `lhs op rhs` for operands of one type.
pub fn compare(
    op: CmpOp,
    l: &ColumnarValue,
    r: &ColumnarValue,
    rows: usize,
) -> Result<ColumnarValue, EvalError> {
    let (all_scalar, n) = loop_rows(&[l, r], rows);
    let out: Vec<Option<bool>> = if let (Some(a), Some(b)) = (i64s(l), i64s(r)) {
        (0..n)
            .map(|i| {
                let (x, y) = (a.get(i), b.get(i));
                match (x, y) {
                    (Some(x), Some(y)) => decide(op, Some(x.cmp(&y)), false, false),
                    _ => decide(op, None, x.is_none(), y.is_none()),
                }
            })
            .collect()
    } else if let (Some(a), Some(b)) = (f64s(l), f64s(r)) {
        (0..n)
            .map(|i| {
                let (x, y) = (a.get(i), b.get(i));
                match (x, y) {
                    (Some(x), Some(y)) => decide(op, x.partial_cmp(&y), false, false),
                    _ => decide(op, None, x.is_none(), y.is_none()),
                }
            })
            .collect()
    } else if let (Some(a), Some(b)) = (strs(l), strs(r)) {
        match (a, b, op) {
            (super::kernel::Strs::Col(c), super::kernel::Strs::Scalar(s), _) => {
                super::kernel::string_predicate(c, |x| decide(op, Some(x.cmp(s)), false, false))
            }
            _ => (0..n)
                .map(|i| decide(op, Some(a.get(i).cmp(b.get(i))), false, false))
                .collect(),
        }
    } else {
        (0..n)
            .map(|i| {
                let (x, y) = (l.get(i), r.get(i));
                decide(op, compare_values(&x, &y), x.is_null(), y.is_null())
            })
            .collect()
    };
    Ok(bools_result(all_scalar, out))
}

/// `x between (lo .. hi)` (inclusive) or `x !between (lo .. hi)`; null if any is null.
pub fn between(
    negated: bool,
    x: &ColumnarValue,
    lo: &ColumnarValue,
    hi: &ColumnarValue,
    rows: usize,
) -> Result<ColumnarValue, EvalError> {
    let (all_scalar, n) = loop_rows(&[x, lo, hi], rows);
    let out: Vec<Option<bool>> =
        if let (Some(I64s::Col(v)), Some(I64s::Scalar(l)), Some(I64s::Scalar(h))) =
            (i64s(x), i64s(lo), i64s(hi))
        {
            // The common case (a column against constant bounds): one tight loop.
            match (l, h) {
                (Some(l), Some(h)) => v
                    .iter()
                    .map(|x| x.map(|x| (l <= x && x <= h) != negated))
                    .collect(),
                _ => vec![None; v.len()],
            }
        } else if let (Some(a), Some(b), Some(c)) = (i64s(x), i64s(lo), i64s(hi)) {
            (0..n)
                .map(|i| {
                    let (v, l, h) = (a.get(i)?, b.get(i)?, c.get(i)?);
                    Some((l <= v && v <= h) != negated)
                })
                .collect()
        } else {
            (0..n)
                .map(|i| {
                    let (v, l, h) = (x.get(i), lo.get(i), hi.get(i));
                    if v.is_null() || l.is_null() || h.is_null() {
                        return None;
                    }
                    let inside = compare_values(&v, &l).is_some_and(|o| o != Ordering::Less)
                        && compare_values(&v, &h).is_some_and(|o| o != Ordering::Greater);
                    Some(inside != negated)
                })
                .collect()
        };
    Ok(bools_result(all_scalar, out))
}

/// Three-valued `and`.
#[inline]
fn and3(x: Option<bool>, y: Option<bool>) -> Option<bool> {
    match (x, y) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

/// Three-valued `or`.
#[inline]
fn or3(x: Option<bool>, y: Option<bool>) -> Option<bool> {
    match (x, y) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

fn bool_at(v: &ColumnarValue, i: usize) -> Option<bool> {
    match v {
        ColumnarValue::Scalar(Value::Bool(b)) => *b,
        ColumnarValue::Column(c) => match c.as_ref() {
            Column::Bool(x) => x.get(i).copied().flatten(),
            _ => None,
        },
        _ => None,
    }
}

/// `a and b` (`is_and`) or `a or b`, three-valued.
pub fn and_or(
    is_and: bool,
    a: &ColumnarValue,
    b: &ColumnarValue,
    rows: usize,
) -> Result<ColumnarValue, EvalError> {
    let (all_scalar, n) = loop_rows(&[a, b], rows);
    if let (ColumnarValue::Column(x), ColumnarValue::Column(y)) = (a, b) {
        if let (Column::Bool(x), Column::Bool(y)) = (x.as_ref(), y.as_ref()) {
            let out = x
                .iter()
                .zip(y)
                .map(|(&x, &y)| if is_and { and3(x, y) } else { or3(x, y) })
                .collect();
            return Ok(bools_result(false, out));
        }
    }
    let out = (0..n)
        .map(|i| {
            let (x, y) = (bool_at(a, i), bool_at(b, i));
            if is_and {
                and3(x, y)
            } else {
                or3(x, y)
            }
        })
        .collect();
    Ok(bools_result(all_scalar, out))
}

/// `a and b and c ...` (`is_and`) or `a or b or c ...` over already-bound operands,
/// evaluated left to right with `eval`; stops early once a constant result is decided
/// (`false` for `and`, `true` for `or`).
pub fn and_or_all(
    is_and: bool,
    operands: &[BoundExpr],
    rows: usize,
    mut eval: impl FnMut(&BoundExpr) -> Result<ColumnarValue, EvalError>,
) -> Result<ColumnarValue, EvalError> {
    let mut acc: Option<ColumnarValue> = None;
    for x in operands {
        let v = eval(x)?;
        let next = match acc {
            None => v,
            Some(a) => and_or(is_and, &a, &v, rows)?,
        };
        let decided = matches!(&next, ColumnarValue::Scalar(Value::Bool(Some(b))) if *b != is_and);
        acc = Some(next);
        if decided {
            break;
        }
    }
    Ok(acc.unwrap_or(ColumnarValue::Scalar(Value::Bool(Some(is_and)))))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: Value) -> ColumnarValue {
        ColumnarValue::Scalar(v)
    }

    #[test]
    fn null_rules() {
        // q/scalar-data-types/null-values.md
        let null = s(Value::Long(None));
        let five = s(Value::Long(Some(5)));
        let b = |v: Option<bool>| s(Value::Bool(v));
        assert_eq!(compare(CmpOp::Eq, &null, &five, 1).unwrap(), b(Some(false)));
        assert_eq!(
            compare(CmpOp::NotEq, &null, &five, 1).unwrap(),
            b(Some(true))
        );
        assert_eq!(compare(CmpOp::Eq, &null, &null, 1).unwrap(), b(None));
        assert_eq!(compare(CmpOp::Lt, &null, &five, 1).unwrap(), b(None));
        assert_eq!(
            and_or(true, &b(None), &b(Some(false)), 1).unwrap(),
            b(Some(false))
        );
        assert_eq!(
            and_or(false, &b(None), &b(Some(true)), 1).unwrap(),
            b(Some(true))
        );
        assert_eq!(and_or(true, &b(None), &b(Some(true)), 1).unwrap(), b(None));
    }

    #[test]
    fn between_is_inclusive() {
        let col = ColumnarValue::from(Column::Long(vec![Some(1), Some(2), Some(3), None]));
        let got = between(
            false,
            &col,
            &s(Value::Long(Some(2))),
            &s(Value::Long(Some(3))),
            4,
        )
        .unwrap();
        assert_eq!(
            got,
            ColumnarValue::from(Column::Bool(vec![
                Some(false),
                Some(true),
                Some(true),
                None
            ]))
        );
    }
}
