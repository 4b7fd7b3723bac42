//! Numeric functions: `bin`/`floor`, `bin_at`, `abs`, `ceiling`, `round`, `sqrt`, `pow`,
//! `exp*`, `log*`, `sign`, `isnan`/`isinf`/`isfinite`, `min_of`/`max_of`, `rand`, `pi`.

use super::def;
use super::kernel::{
    all_scalar, any, arg, as_type, common_type, decimals, f64s, i64s, map1, map2, map3, select,
    AnyView, OBool, ODateTime, ODecimal, OInt, OLong, OReal, OTimeSpan, Prim, Src, View,
};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;
use crate::value::Value;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::{Decimal, RoundingStrategy};
use std::cmp::Ordering;
use std::sync::atomic::{AtomicU64, Ordering as AtomicOrdering};
use std::sync::Arc;

use DataType as T;

const BIN_VALUE: ArgType = ArgType::OneOf(&[
    T::Int,
    T::Long,
    T::Real,
    T::Decimal,
    T::DateTime,
    T::TimeSpan,
]);
const BIN_SIZE: ArgType = ArgType::OneOf(&[T::Int, T::Long, T::Real, T::Decimal, T::TimeSpan]);
const NUMBER: ArgType = ArgType::OneOf(&[T::Int, T::Long, T::Real, T::Decimal, T::Dynamic]);

/// The argument's type, with `dynamic` treated as `real`.
const NUMBER_TYPE: ReturnType = ReturnType::Custom(|t, _| match t.first() {
    Some(T::Dynamic) | None => T::Real,
    Some(t) => *t,
});
const REAL: ReturnType = ReturnType::Fixed(T::Real);

/// A `real -> real` function.
macro_rules! real_fn {
    ($name:literal, $f:expr) => {
        def(
            $name,
            sig![a("number", ArgType::Real)],
            REAL,
            |args, ctx| {
                let f: fn(f64) -> Option<f64> = $f;
                let x = f64s(arg(args, 0)?)?;
                Ok(map1::<OReal, _>(ctx, &x, |x| f(x?)))
            },
        )
    };
}

/// A `real -> bool` test.
macro_rules! real_test {
    ($name:literal, $f:expr) => {
        def(
            $name,
            sig![a("number", ArgType::Real)],
            ReturnType::Fixed(T::Bool),
            |args, ctx| {
                let f: fn(f64) -> bool = $f;
                let x = f64s(arg(args, 0)?)?;
                Ok(map1::<OBool, _>(ctx, &x, |x| x.map(f)))
            },
        )
    };
}

pub(super) fn functions() -> Vec<ScalarFunction> {
    let mut v = vec![
        ScalarFunction {
            aliases: &["floor"],
            ..def(
                "bin",
                sig![a("value", BIN_VALUE), a("roundTo", BIN_SIZE)],
                ReturnType::Custom(|t, _| bin_type(t)),
                bin,
            )
        },
        def(
            "bin_at",
            sig![
                a("value", BIN_VALUE),
                a("bin_size", BIN_SIZE),
                a("fixed_point", BIN_VALUE)
            ],
            ReturnType::Custom(|t, _| bin_type(t)),
            bin_at,
        ),
        def(
            "abs",
            sig![a(
                "number",
                ArgType::OneOf(&[
                    T::Int,
                    T::Long,
                    T::Real,
                    T::Decimal,
                    T::TimeSpan,
                    T::Dynamic
                ])
            )],
            NUMBER_TYPE,
            abs,
        ),
        def("ceiling", sig![a("number", NUMBER)], NUMBER_TYPE, ceiling),
        def(
            "round",
            sig![a("number", NUMBER), opt("precision", ArgType::Long)],
            NUMBER_TYPE,
            round,
        ),
        def(
            "pow",
            sig![a("base", ArgType::Real), a("exponent", ArgType::Real)],
            REAL,
            |args, ctx| {
                let (x, y) = (f64s(arg(args, 0)?)?, f64s(arg(args, 1)?)?);
                Ok(map2::<OReal, _, _>(ctx, &x, &y, |x, y| Some(x?.powf(y?))))
            },
        ),
        def(
            "atan2",
            sig![a("y", ArgType::Real), a("x", ArgType::Real)],
            REAL,
            |args, ctx| {
                let (y, x) = (f64s(arg(args, 0)?)?, f64s(arg(args, 1)?)?);
                Ok(map2::<OReal, _, _>(ctx, &y, &x, |y, x| Some(y?.atan2(x?))))
            },
        ),
        def("sign", sig![a("number", NUMBER)], REAL, |args, ctx| {
            let x = as_type(arg(args, 0)?, T::Real);
            let x = f64s(&x)?;
            Ok(map1::<OReal, _>(ctx, &x, |x| {
                x.map(|x| {
                    if x == 0.0 || x.is_nan() {
                        x
                    } else {
                        x.signum()
                    }
                })
            }))
        }),
        def("pi", sig![], REAL, |_, _| {
            Ok(ColumnarValue::Scalar(Value::Real(Some(
                std::f64::consts::PI,
            ))))
        }),
        ScalarFunction {
            volatile: true,
            ..def("rand", sig![opt("range", ArgType::Long)], REAL, rand)
        },
        def(
            "max_of",
            var_sig![64; a("arg1", ArgType::Any), a("arg2", ArgType::Any)],
            ReturnType::Custom(|t, _| common_type(t)),
            |args, ctx| extreme_of(args, ctx, Ordering::Greater),
        ),
        def(
            "min_of",
            var_sig![64; a("arg1", ArgType::Any), a("arg2", ArgType::Any)],
            ReturnType::Custom(|t, _| common_type(t)),
            |args, ctx| extreme_of(args, ctx, Ordering::Less),
        ),
    ];
    v.extend([
        // q/sqrt-function.md, q/log-function.md: null for a negative argument
        real_fn!("sqrt", |x| (x >= 0.0 || x.is_nan()).then(|| x.sqrt())),
        real_fn!("exp", |x| Some(x.exp())),
        real_fn!("exp2", |x| Some(x.exp2())),
        real_fn!("exp10", |x| Some(10f64.powf(x))),
        real_fn!("log", |x| (x >= 0.0 || x.is_nan()).then(|| x.ln())),
        real_fn!("log10", |x| (x >= 0.0 || x.is_nan()).then(|| x.log10())),
        real_fn!("log2", |x| (x >= 0.0 || x.is_nan()).then(|| x.log2())),
        real_fn!("degrees", |x| Some(x.to_degrees())),
        real_fn!("cos", |x| Some(x.cos())),
        real_fn!("sin", |x| Some(x.sin())),
        real_fn!("tan", |x| Some(x.tan())),
        real_fn!("cot", |x| Some(1.0 / x.tan())),
        real_fn!("acos", |x| Some(x.acos())),
        real_fn!("asin", |x| Some(x.asin())),
        real_fn!("atan", |x| Some(x.atan())),
        real_fn!("radians", |x| Some(x.to_radians())),
        real_test!("isnan", f64::is_nan),
        real_test!("isinf", f64::is_infinite),
        real_test!("isfinite", f64::is_finite),
    ]);
    v
}

/// The result type of `bin`/`bin_at`: the value's type, except that an integer binned by a
/// real (decimal) size gives a real (decimal).
fn bin_type(t: &[DataType]) -> DataType {
    match (t.first().copied(), t.get(1).copied()) {
        (Some(T::Int | T::Long), Some(s @ (T::Real | T::Decimal))) => s,
        (Some(v), _) => v,
        (None, _) => T::Dynamic,
    }
}

/// Floors `v` to a multiple of `size` (`None` for a size that is not positive).
fn bin_i64(v: i64, size: i64) -> Option<i64> {
    (size > 0).then(|| v.div_euclid(size).checked_mul(size))?
}

fn bin_f64(v: f64, size: f64) -> Option<f64> {
    (size > 0.0).then(|| (v / size).floor() * size)
}

fn bin_dec(v: Decimal, size: Decimal) -> Option<Decimal> {
    if size <= Decimal::ZERO {
        return None;
    }
    v.checked_div(size)?.floor().checked_mul(size)
}

/// `bin(value, size)`: rounds down to a multiple of `size`; null for a null, zero or
/// negative size (q/bin-function.md: `bin(4.5, 1)` is 4, `bin(time(16d), 7d)` is 14d).
/// Datetimes are binned from 0001-01-01 (tick 0).
fn bin(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let (v, size) = (arg(args, 0)?, arg(args, 1)?);
    binned(ctx, v, size, None)
}

/// `bin_at(value, size, fixed_point)`: bins aligned so `fixed_point` is a bin start
/// (q/bin-at-function.md).
fn bin_at(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let (v, size, at) = (arg(args, 0)?, arg(args, 1)?, arg(args, 2)?);
    binned(ctx, v, size, Some(at))
}

fn binned(
    ctx: &EvalContext,
    v: &ColumnarValue,
    size: &ColumnarValue,
    at: Option<&ColumnarValue>,
) -> Result<ColumnarValue, EvalError> {
    let (vt, st) = (v.data_type(), size.data_type());
    let ty = bin_type(&[vt, st]);
    let at_or = |ty: DataType, zero: Value| match at {
        Some(a) => as_type(a, ty),
        None => std::borrow::Cow::Owned(ColumnarValue::Scalar(zero)),
    };
    match ty {
        T::DateTime | T::TimeSpan => {
            let size = if st == T::TimeSpan {
                as_type(size, T::TimeSpan)
            } else {
                std::borrow::Cow::Owned(ColumnarValue::Scalar(Value::TimeSpan(None)))
            };
            let at = at_or(ty, Value::Long(Some(0)));
            let (x, s, o) = (i64s(v)?, i64s(&size)?, i64s(&at)?);
            let f = |x: Option<i64>, s: Option<i64>, o: Option<i64>| {
                let o = o.unwrap_or(0);
                bin_i64(x?.checked_sub(o)?, s?)?.checked_add(o)
            };
            Ok(if ty == T::DateTime {
                map3::<ODateTime, _, _, _>(ctx, &x, &s, &o, f)
            } else {
                map3::<OTimeSpan, _, _, _>(ctx, &x, &s, &o, f)
            })
        }
        T::Int | T::Long => {
            let (x, s) = (as_type(v, T::Long), as_type(size, T::Long));
            let at = at_or(T::Long, Value::Long(Some(0)));
            let (x, s, o) = (i64s(&x)?, i64s(&s)?, i64s(&at)?);
            let f = |x: Option<i64>, s: Option<i64>, o: Option<i64>| {
                let o = o.unwrap_or(0);
                bin_i64(x?.checked_sub(o)?, s?)?.checked_add(o)
            };
            Ok(if ty == T::Int {
                map3::<OInt, _, _, _>(ctx, &x, &s, &o, |x, s, o| {
                    f(x, s, o).and_then(|r| i32::try_from(r).ok())
                })
            } else {
                map3::<OLong, _, _, _>(ctx, &x, &s, &o, f)
            })
        }
        T::Decimal => {
            let (x, s) = (as_type(v, T::Decimal), as_type(size, T::Decimal));
            let at = at_or(T::Decimal, Value::Decimal(Some(Decimal::ZERO)));
            let (x, s, o) = (decimals(&x)?, decimals(&s)?, decimals(&at)?);
            Ok(map3::<ODecimal, _, _, _>(ctx, &x, &s, &o, |x, s, o| {
                let o = o.unwrap_or(Decimal::ZERO);
                bin_dec(x?.checked_sub(o)?, s?)?.checked_add(o)
            }))
        }
        _ => {
            let (x, s) = (as_type(v, T::Real), as_type(size, T::Real));
            let at = at_or(T::Real, Value::Real(Some(0.0)));
            let (x, s, o) = (f64s(&x)?, f64s(&s)?, f64s(&at)?);
            Ok(map3::<OReal, _, _, _>(ctx, &x, &s, &o, |x, s, o| {
                let o = o.unwrap_or(0.0);
                Some(bin_f64(x? - o, s?)? + o)
            }))
        }
    }
}

/// `abs(x)` for numbers and timespans; integer overflow gives null.
fn abs(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let v = arg(args, 0)?;
    Ok(match any(v) {
        AnyView::Int(x) => map1::<OInt, _>(ctx, &x, |x| x?.checked_abs()),
        AnyView::Long(x) => map1::<OLong, _>(ctx, &x, |x| x?.checked_abs()),
        AnyView::TimeSpan(x) => map1::<OTimeSpan, _>(ctx, &x, |x| x?.checked_abs()),
        AnyView::Decimal(x) => map1::<ODecimal, _>(ctx, &x, |x| Some(x?.abs())),
        _ => {
            let x = as_type(v, T::Real);
            map1::<OReal, _>(ctx, &f64s(&x)?, |x| Some(x?.abs()))
        }
    })
}

/// `ceiling(x)`: the smallest integer not below `x`, in `x`'s type.
fn ceiling(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let v = arg(args, 0)?;
    Ok(match any(v) {
        AnyView::Int(_) | AnyView::Long(_) => v.clone(),
        AnyView::Decimal(x) => map1::<ODecimal, _>(ctx, &x, |x| Some(x?.ceil())),
        _ => {
            let x = as_type(v, T::Real);
            map1::<OReal, _>(ctx, &f64s(&x)?, |x| Some(x?.ceil()))
        }
    })
}

/// Rounds half away from zero at `digits` decimal digits (negative: tens, hundreds...).
/// Reals are rounded through their shortest decimal text, so `round(2.15, 1)` is 2.2 as
/// in q/round-function.md (plain binary scaling would give 2.1).
fn round_f64(x: f64, digits: i64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    if digits >= 0 {
        let dp = u32::try_from(digits.min(28)).unwrap_or(28);
        if let Ok(d) = format!("{x}").parse::<Decimal>() {
            let r = d.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero);
            return r.to_f64().unwrap_or(x);
        }
        let p = 10f64.powi(dp as i32);
        return (x * p).round() / p;
    }
    let p = 10f64.powi(i32::try_from((-digits).min(308)).unwrap_or(308));
    (x / p).round() * p
}

fn round_i64(x: i64, digits: i64) -> Option<i64> {
    if digits >= 0 {
        return Some(x);
    }
    let p = 10i64.checked_pow(u32::try_from(-digits).ok()?)?;
    let q = x / p;
    let r = x % p;
    let q = if r.checked_mul(2)?.abs() >= p {
        q + x.signum()
    } else {
        q
    };
    q.checked_mul(p)
}

/// `round(x[, digits])` (q/round-function.md: `round(2.98765, 3)` is 2.988,
/// `round(-50.55, -2)` is -100, `round(21.5, -1)` is 20).
fn round(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let v = arg(args, 0)?;
    let digits = match args.get(1) {
        Some(d) => i64s(d)?,
        None => Prim::Scalar(Some(0)),
    };
    Ok(match any(v) {
        AnyView::Int(x) => map2::<OInt, _, _>(ctx, &x, &digits, |x, d| {
            i32::try_from(round_i64(x?.into(), d?)?).ok()
        }),
        AnyView::Long(x) => map2::<OLong, _, _>(ctx, &x, &digits, |x, d| round_i64(x?, d?)),
        AnyView::Decimal(x) => map2::<ODecimal, _, _>(ctx, &x, &digits, |x, d| {
            let d = d?;
            if d >= 0 {
                let dp = u32::try_from(d.min(28)).ok()?;
                Some(x?.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero))
            } else {
                Decimal::from_f64(round_f64(x?.to_f64()?, d))
            }
        }),
        _ => {
            let x = as_type(v, T::Real);
            map2::<OReal, _, _>(ctx, &f64s(&x)?, &digits, |x, d| Some(round_f64(x?, d?)))
        }
    })
}

/// Compares two non-null values of the same type (`None` when incomparable).
pub(crate) fn compare_src(a: &Src<'_>, b: &Src<'_>) -> Option<Ordering> {
    match (a, b) {
        (Src::Bool(Some(x)), Src::Bool(Some(y))) => Some(x.cmp(y)),
        (Src::Int(Some(x)), Src::Int(Some(y))) => Some(x.cmp(y)),
        (Src::Long(Some(x)), Src::Long(Some(y)))
        | (Src::DateTime(Some(x)), Src::DateTime(Some(y)))
        | (Src::TimeSpan(Some(x)), Src::TimeSpan(Some(y))) => Some(x.cmp(y)),
        (Src::Real(Some(x)), Src::Real(Some(y))) => x.partial_cmp(y),
        (Src::Decimal(Some(x)), Src::Decimal(Some(y))) => Some(x.cmp(y)),
        (Src::Str(x), Src::Str(y)) => Some(x.cmp(y)),
        (Src::Guid(Some(x)), Src::Guid(Some(y))) => Some(x.cmp(y)),
        (Src::Dyn(x), Src::Dyn(y)) if !x.is_null() && !y.is_null() => Some(x.total_cmp(y)),
        _ => None,
    }
}

/// `max_of(...)`/`min_of(...)`: the row-wise extreme of the non-null arguments; null when
/// all are null (q/max-of-function.md, q/min-of-function.md).
fn extreme_of(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    want: Ordering,
) -> Result<ColumnarValue, EvalError> {
    let types: Vec<DataType> = args.iter().map(ColumnarValue::data_type).collect();
    let ty = common_type(&types);
    let values: Vec<_> = args.iter().map(|v| as_type(v, ty)).collect();
    let refs: Vec<&ColumnarValue> = values.iter().map(|v| &**v).collect();
    let views: Vec<AnyView<'_>> = refs.iter().map(|v| any(v)).collect();
    select(ctx, ty, &refs, all_scalar(args), |i| {
        let mut best: Option<(usize, Src<'_>)> = None;
        for (k, v) in views.iter().enumerate() {
            let x = v.at(i);
            if x.is_empty() {
                continue;
            }
            match &best {
                Some((_, b)) if compare_src(&x, b) != Some(want) => {}
                _ => best = Some((k, x)),
            }
        }
        best.map(|(k, _)| k)
    })
}

/// A small xorshift generator seeded from the clock and a counter (no external crates).
fn next_random() -> u64 {
    static STATE: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    let mut x = STATE
        .fetch_add(0x9E37_79B9_7F4A_7C15, AtomicOrdering::Relaxed)
        .wrapping_add(nanos)
        | 1;
    // splitmix64 finaliser
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^ (x >> 31)
}

/// A random real in [0, 1).
pub(crate) fn random_unit() -> f64 {
    (next_random() >> 11) as f64 / (1u64 << 53) as f64
}

/// `rand()` in [0, 1) or `rand(n)` in {0, ..., n-1}; one value per row
/// (q/rand-function.md).
fn rand(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let range = match args.first() {
        Some(r) => i64s(r)?,
        None => Prim::Scalar(None),
    };
    let draw = |n: Option<i64>| match n {
        Some(n) if n > 0 => Some((random_unit() * n as f64).floor()),
        Some(_) => None,
        None => Some(random_unit()),
    };
    if all_scalar(args) && ctx.rows <= 1 {
        return Ok(ColumnarValue::Scalar(Value::Real(range.at(0).map_or_else(
            || args.is_empty().then(random_unit),
            |n| draw(Some(n)),
        ))));
    }
    let xs: Vec<Option<f64>> = (0..ctx.rows)
        .map(|i| match args.first() {
            Some(_) => range.at(i).and_then(|n| draw(Some(n))),
            None => draw(None),
        })
        .collect();
    Ok(ColumnarValue::Column(Arc::new(crate::table::Column::Real(
        xs,
    ))))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "math_tests.rs"]
mod tests;
