//! Arithmetic kernels (q/numerical-operators.md, q/datetime-timespan-arithmetic.md).
//! Integer overflow and integer division by zero give null; `%` is never negative.

use super::kernel::{f64s, i64s, loop_rows};
use super::ColumnarValue;
use crate::bind::plan::ArithOp;
use crate::error::EvalError;
use crate::format::MAX_DATETIME_TICKS;
use crate::table::Column;
use crate::types::DataType;
use crate::value::Value;
use rust_decimal::Decimal;

/// `-x` for long, real, decimal and timespan.
pub fn negate(x: &ColumnarValue) -> Result<ColumnarValue, EvalError> {
    let (all_scalar, n) = loop_rows(&[x], x_rows(x));
    Ok(match x.data_type() {
        DataType::Real => {
            let v = f64s(x).ok_or_else(|| EvalError::internal("negate real"))?;
            finish_f64(all_scalar, (0..n).map(|i| v.get(i).map(|a| -a)).collect())
        }
        DataType::Decimal => {
            let out: Vec<Value> = (0..n)
                .map(|i| match x.get(i) {
                    Value::Decimal(d) => Value::Decimal(d.map(|a| -a)),
                    _ => Value::Decimal(None),
                })
                .collect();
            finish_values(all_scalar, DataType::Decimal, out)
        }
        ty => {
            let v = i64s(x).ok_or_else(|| EvalError::internal("negate integer"))?;
            finish_i64(
                all_scalar,
                ty,
                (0..n)
                    .map(|i| v.get(i).and_then(i64::checked_neg))
                    .collect(),
            )
        }
    })
}

fn x_rows(x: &ColumnarValue) -> usize {
    match x {
        ColumnarValue::Column(c) => c.len(),
        ColumnarValue::Scalar(_) => 1,
    }
}

fn finish_i64(all_scalar: bool, ty: DataType, v: Vec<Option<i64>>) -> ColumnarValue {
    if all_scalar {
        let x = v.first().copied().flatten();
        ColumnarValue::Scalar(match ty {
            DataType::DateTime => Value::DateTime(x),
            DataType::TimeSpan => Value::TimeSpan(x),
            _ => Value::Long(x),
        })
    } else {
        ColumnarValue::from(match ty {
            DataType::DateTime => Column::DateTime(v),
            DataType::TimeSpan => Column::TimeSpan(v),
            _ => Column::Long(v),
        })
    }
}

fn finish_f64(all_scalar: bool, v: Vec<Option<f64>>) -> ColumnarValue {
    if all_scalar {
        ColumnarValue::Scalar(Value::Real(v.first().copied().flatten()))
    } else {
        ColumnarValue::from(Column::Real(v))
    }
}

fn finish_values(all_scalar: bool, ty: DataType, v: Vec<Value>) -> ColumnarValue {
    if all_scalar {
        ColumnarValue::Scalar(v.into_iter().next().unwrap_or(Value::null(ty)))
    } else {
        ColumnarValue::from(Column::from_values(ty, &v))
    }
}

fn valid_datetime(t: i64) -> Option<i64> {
    (0..=MAX_DATETIME_TICKS).contains(&t).then_some(t)
}

fn long_op(op: ArithOp, a: i64, b: i64) -> Option<i64> {
    match op {
        ArithOp::Add => a.checked_add(b),
        ArithOp::Sub => a.checked_sub(b),
        ArithOp::Mul => a.checked_mul(b),
        ArithOp::Div => a.checked_div(b),
        ArithOp::Mod => a.checked_rem_euclid(b),
    }
}

fn real_op(op: ArithOp, a: f64, b: f64) -> f64 {
    match op {
        ArithOp::Add => a + b,
        ArithOp::Sub => a - b,
        ArithOp::Mul => a * b,
        ArithOp::Div => a / b,
        ArithOp::Mod => a.rem_euclid(b),
    }
}

fn decimal_op(op: ArithOp, a: Decimal, b: Decimal) -> Option<Decimal> {
    match op {
        ArithOp::Add => a.checked_add(b),
        ArithOp::Sub => a.checked_sub(b),
        ArithOp::Mul => a.checked_mul(b),
        ArithOp::Div => a.checked_div(b),
        ArithOp::Mod => a
            .checked_rem(b)
            .map(|r| if r.is_sign_negative() { r + b.abs() } else { r }),
    }
}

/// `lhs op rhs`, with operand types as the binder arranged them and result type `ty`.
pub fn arith(
    op: ArithOp,
    l: &ColumnarValue,
    r: &ColumnarValue,
    ty: DataType,
    rows: usize,
) -> Result<ColumnarValue, EvalError> {
    use DataType as D;
    let (all_scalar, n) = loop_rows(&[l, r], rows);
    let (lt, rt) = (l.data_type(), r.data_type());
    let bad = || EvalError::internal(format!("arithmetic on {lt} and {rt}"));
    Ok(match (lt, rt) {
        (D::Real, D::Real) => {
            let (a, b) = (f64s(l).ok_or_else(bad)?, f64s(r).ok_or_else(bad)?);
            let out = (0..n)
                .map(|i| Some(real_op(op, a.get(i)?, b.get(i)?)))
                .collect();
            finish_f64(all_scalar, out)
        }
        (D::Decimal, D::Decimal) => {
            let out = (0..n)
                .map(|i| match (l.get(i), r.get(i)) {
                    (Value::Decimal(Some(a)), Value::Decimal(Some(b))) => {
                        Value::Decimal(decimal_op(op, a, b))
                    }
                    _ => Value::Decimal(None),
                })
                .collect();
            finish_values(all_scalar, D::Decimal, out)
        }
        (D::TimeSpan, D::TimeSpan) if op == ArithOp::Div => {
            let (a, b) = (i64s(l).ok_or_else(bad)?, i64s(r).ok_or_else(bad)?);
            let out = (0..n)
                .map(|i| Some(a.get(i)? as f64 / b.get(i)? as f64))
                .collect();
            finish_f64(all_scalar, out)
        }
        (D::TimeSpan, D::Real) | (D::Real, D::TimeSpan) => {
            let (ts, x) = if lt == D::TimeSpan { (l, r) } else { (r, l) };
            let (a, b) = (i64s(ts).ok_or_else(bad)?, f64s(x).ok_or_else(bad)?);
            let out = (0..n)
                .map(|i| {
                    let t = a.get(i)? as f64;
                    let f = b.get(i)?;
                    let v = if op == ArithOp::Div { t / f } else { t * f };
                    (v.is_finite() && v.abs() < 9.2e18).then(|| v.round() as i64)
                })
                .collect();
            finish_i64(all_scalar, D::TimeSpan, out)
        }
        (D::Long | D::DateTime | D::TimeSpan, D::Long | D::DateTime | D::TimeSpan) => {
            let (a, b) = (i64s(l).ok_or_else(bad)?, i64s(r).ok_or_else(bad)?);
            let out = (0..n)
                .map(|i| {
                    let v = long_op(op, a.get(i)?, b.get(i)?)?;
                    if ty == D::DateTime {
                        valid_datetime(v)
                    } else {
                        Some(v)
                    }
                })
                .collect();
            finish_i64(all_scalar, ty, out)
        }
        _ => return Err(bad()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long(v: i64) -> ColumnarValue {
        ColumnarValue::Scalar(Value::Long(Some(v)))
    }

    #[test]
    fn modulo_is_never_negative() {
        // q/numerical-operators.md: -14 % 12 = 10, 14 % -12 = 2, -14 % -12 = 10.
        for (a, b, want) in [(14, 12, 2), (-14, 12, 10), (14, -12, 2), (-14, -12, 10)] {
            let got = arith(ArithOp::Mod, &long(a), &long(b), DataType::Long, 1).unwrap();
            assert_eq!(got, long(want), "{a} % {b}");
        }
    }

    #[test]
    fn integer_division_truncates_and_by_zero_is_null() {
        assert_eq!(
            arith(ArithOp::Div, &long(1), &long(2), DataType::Long, 1).unwrap(),
            long(0)
        );
        assert_eq!(
            arith(ArithOp::Div, &long(1), &long(0), DataType::Long, 1).unwrap(),
            ColumnarValue::Scalar(Value::Long(None))
        );
        assert_eq!(
            arith(ArithOp::Add, &long(i64::MAX), &long(1), DataType::Long, 1).unwrap(),
            ColumnarValue::Scalar(Value::Long(None))
        );
    }

    #[test]
    fn column_with_scalar() {
        let c = ColumnarValue::from(Column::Long(vec![Some(1), None, Some(3)]));
        let got = arith(ArithOp::Mul, &c, &long(2), DataType::Long, 3).unwrap();
        assert_eq!(
            got,
            ColumnarValue::from(Column::Long(vec![Some(2), None, Some(6)]))
        );
    }
}
