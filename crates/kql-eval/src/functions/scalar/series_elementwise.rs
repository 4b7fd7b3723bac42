//! Element-wise series arithmetic and comparison: `series_add`, `series_subtract`,
//! `series_multiply`, `series_divide`, `series_greater`, `series_greater_equals`,
//! `series_less`, `series_less_equals`, `series_equals`, `series_not_equals`
//! (q/series-add-function.md, q/series-divide-function.md, q/series-greater-function.md).
//!
//! Either argument may be a numeric scalar, applied to every element (the documented
//! `series_multiply(10, flags)`). The result is as long as the longer array; a missing or
//! non-numeric element gives a null element.

use super::def;
use super::kernel::Src;
use super::series::{number, rows};
use crate::dynamic::Dynamic;
use crate::functions::{arg as a, ArgType, ReturnType, ScalarFunction};
use crate::types::DataType;

/// One side of an element-wise operation.
enum Operand<'a> {
    Array(&'a [Dynamic]),
    Number(Dynamic),
}

impl Operand<'_> {
    fn at(&self, i: usize) -> Option<&Dynamic> {
        match self {
            Operand::Array(xs) => xs.get(i),
            Operand::Number(d) => Some(d),
        }
    }
}

fn operand<'a>(s: Option<&Src<'a>>) -> Option<Operand<'a>> {
    match s? {
        Src::Dyn(Dynamic::Array(xs)) => Some(Operand::Array(xs)),
        Src::Dyn(d @ (Dynamic::Long(_) | Dynamic::Real(_))) => Some(Operand::Number((*d).clone())),
        Src::Int(Some(x)) => Some(Operand::Number(Dynamic::Long(i64::from(*x)))),
        Src::Long(Some(x)) => Some(Operand::Number(Dynamic::Long(*x))),
        Src::Real(Some(x)) => Some(Operand::Number(Dynamic::Real(*x))),
        _ => None,
    }
}

/// Applies `f` to each pair of elements; null unless at least one side is an array.
fn zip_with(r: &[Src<'_>], f: fn(&Dynamic, &Dynamic) -> Option<Dynamic>) -> Dynamic {
    let (Some(x), Some(y)) = (operand(r.first()), operand(r.get(1))) else {
        return Dynamic::Null;
    };
    let len = match (&x, &y) {
        (Operand::Array(a), Operand::Array(b)) => a.len().max(b.len()),
        (Operand::Array(a), _) | (_, Operand::Array(a)) => a.len(),
        _ => return Dynamic::Null,
    };
    Dynamic::Array(
        (0..len)
            .map(|i| match (x.at(i), y.at(i)) {
                (Some(p), Some(q)) => f(p, q).unwrap_or(Dynamic::Null),
                _ => Dynamic::Null,
            })
            .collect(),
    )
}

/// Integer arithmetic when both elements are longs (null on overflow), else real.
fn arith(
    p: &Dynamic,
    q: &Dynamic,
    int: fn(i64, i64) -> Option<i64>,
    real: fn(f64, f64) -> f64,
) -> Option<Dynamic> {
    match (p, q) {
        (Dynamic::Long(a), Dynamic::Long(b)) => int(*a, *b).map(Dynamic::Long),
        _ => Some(Dynamic::Real(real(number(p)?, number(q)?))),
    }
}

fn compare(p: &Dynamic, q: &Dynamic, f: fn(f64, f64) -> bool) -> Option<Dynamic> {
    Some(Dynamic::Bool(f(number(p)?, number(q)?)))
}

/// `def(name, ...)` for an element operation given as a closure over two elements.
macro_rules! elementwise {
    ($name:literal, $op:expr) => {
        def(
            $name,
            sig![a("series1", ArgType::Any), a("series2", ArgType::Any)],
            ReturnType::Fixed(DataType::Dynamic),
            |args, ctx| rows(args, ctx, |r| zip_with(r, $op)),
        )
    };
}

pub(super) fn functions() -> Vec<ScalarFunction> {
    vec![
        elementwise!("series_add", |p, q| arith(
            p,
            q,
            i64::checked_add,
            |a, b| a + b
        )),
        elementwise!("series_subtract", |p, q| {
            arith(p, q, i64::checked_sub, |a, b| a - b)
        }),
        elementwise!("series_multiply", |p, q| {
            arith(p, q, i64::checked_mul, |a, b| a * b)
        }),
        // Always real; division by zero follows floating point (2/0 is +inf).
        elementwise!("series_divide", |p, q| {
            Some(Dynamic::Real(number(p)? / number(q)?))
        }),
        elementwise!("series_greater", |p, q| compare(p, q, |a, b| a > b)),
        elementwise!("series_greater_equals", |p, q| compare(p, q, |a, b| a >= b)),
        elementwise!("series_less", |p, q| compare(p, q, |a, b| a < b)),
        elementwise!("series_less_equals", |p, q| compare(p, q, |a, b| a <= b)),
        elementwise!("series_equals", |p, q| compare(p, q, |a, b| a == b)),
        elementwise!("series_not_equals", |p, q| compare(p, q, |a, b| a != b)),
    ]
}
