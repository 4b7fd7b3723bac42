//! Type rules: the result type of arithmetic, and the common type two compared operands
//! are converted to. (q/numerical-operators.md, q/datetime-timespan-arithmetic.md)

use super::plan::ArithOp;
use crate::types::DataType;
use DataType::*;

/// For arithmetic: the types both operands are converted to, and the result type.
/// `None` when the operator does not apply to these types.
pub fn arith_types(
    op: ArithOp,
    l: DataType,
    r: DataType,
) -> Option<(DataType, DataType, DataType)> {
    use ArithOp::*;
    let l = if l == Dynamic && r != Dynamic {
        dyn_partner(r)
    } else {
        l
    };
    let r = if r == Dynamic { dyn_partner(l) } else { r };
    let l = if l == Dynamic { Real } else { l };
    match (l, r) {
        (a, b) if a.is_numeric() && b.is_numeric() => {
            let t = numeric_common(a, b);
            Some((t, t, t))
        }
        (DateTime, DateTime) if op == Sub => Some((DateTime, DateTime, TimeSpan)),
        (DateTime, TimeSpan) if matches!(op, Add | Sub) => Some((DateTime, TimeSpan, DateTime)),
        (TimeSpan, DateTime) if op == Add => Some((TimeSpan, DateTime, DateTime)),
        (TimeSpan, TimeSpan) => match op {
            Add | Sub | Mod => Some((TimeSpan, TimeSpan, TimeSpan)),
            Div => Some((TimeSpan, TimeSpan, Real)),
            Mul => None,
        },
        (TimeSpan, n) if n.is_numeric() && matches!(op, Mul | Div) => {
            Some((TimeSpan, Real, TimeSpan))
        }
        (n, TimeSpan) if n.is_numeric() && op == Mul => Some((Real, TimeSpan, TimeSpan)),
        _ => None,
    }
}

/// What a dynamic operand is converted to when paired with `other` in arithmetic.
fn dyn_partner(other: DataType) -> DataType {
    match other {
        DateTime | TimeSpan => other,
        _ => Real,
    }
}

/// The common type of two numeric types: `int`/`long` give `long`, any `real` gives
/// `real`, otherwise `decimal`.
pub fn numeric_common(a: DataType, b: DataType) -> DataType {
    if a == Real || b == Real {
        Real
    } else if a == Decimal || b == Decimal {
        Decimal
    } else {
        Long
    }
}

/// The type both sides of a comparison are converted to; `None` if they cannot be
/// compared.
///
/// Beyond same-typed and numeric pairs, Kusto's analyzer accepts comparing a string with a
/// number or bool (`ResultType == 0`, `IsAdmin == "true"`: compared as text) and a bool
/// with a number (`IsGuest == 1`: the bool as 0 or 1).
pub fn compare_type(l: DataType, r: DataType) -> Option<DataType> {
    match (l, r) {
        (a, b) if a == b => Some(if a == Int { Long } else { a }),
        (a, b) if a.is_numeric() && b.is_numeric() => Some(numeric_common(a, b)),
        (String, t) | (t, String) if t.is_numeric() || t == Bool => Some(String),
        (Bool, t) | (t, Bool) if t.is_numeric() => Some(numeric_common(Long, t)),
        (Dynamic, t) | (t, Dynamic) => Some(match t {
            Int | Long => Real,
            other => other,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_arithmetic() {
        assert_eq!(
            arith_types(ArithOp::Sub, DateTime, DateTime),
            Some((DateTime, DateTime, TimeSpan))
        );
        assert_eq!(arith_types(ArithOp::Add, DateTime, DateTime), None);
        assert_eq!(
            arith_types(ArithOp::Div, TimeSpan, TimeSpan),
            Some((TimeSpan, TimeSpan, Real))
        );
        assert_eq!(
            arith_types(ArithOp::Add, Int, Int),
            Some((Long, Long, Long))
        );
    }

    #[test]
    fn comparisons() {
        assert_eq!(compare_type(Int, Real), Some(Real));
        assert_eq!(compare_type(String, Long), Some(String));
        assert_eq!(compare_type(Bool, Long), Some(Long));
        assert_eq!(compare_type(String, DateTime), None);
        assert_eq!(compare_type(Dynamic, String), Some(String));
    }
}
