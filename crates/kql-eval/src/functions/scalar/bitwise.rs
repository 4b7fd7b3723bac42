//! Bitwise functions on longs: `binary_and`, `binary_or`, `binary_xor`, `binary_not`,
//! `binary_shift_left`, `binary_shift_right`, `bitset_count_ones`.

use super::def;
use super::kernel::{arg, i64s, map1, map2, OLong};
use crate::functions::{arg as a, ArgType, ReturnType, ScalarFunction};
use crate::types::DataType;

/// A `(long, long) -> long` function.
macro_rules! binary {
    ($name:literal, $f:expr) => {
        def(
            $name,
            sig![a("value1", ArgType::Long), a("value2", ArgType::Long)],
            ReturnType::Fixed(DataType::Long),
            |args, ctx| {
                let f: fn(i64, i64) -> Option<i64> = $f;
                let (x, y) = (i64s(arg(args, 0)?)?, i64s(arg(args, 1)?)?);
                Ok(map2::<OLong, _, _>(ctx, &x, &y, |x, y| f(x?, y?)))
            },
        )
    };
}

/// A shift by `n % 64` bits; null for a negative `n` (q/binary-shift-left-function.md).
fn shift(n: i64) -> Option<u32> {
    (n >= 0).then_some((n % 64) as u32)
}

pub(super) fn functions() -> Vec<ScalarFunction> {
    let one = sig![a("value", ArgType::Long)];
    let long = ReturnType::Fixed(DataType::Long);
    vec![
        binary!("binary_and", |x, y| Some(x & y)),
        binary!("binary_or", |x, y| Some(x | y)),
        binary!("binary_xor", |x, y| Some(x ^ y)),
        binary!("binary_shift_left", |x, n| Some(x.wrapping_shl(shift(n)?))),
        binary!("binary_shift_right", |x, n| Some(x.wrapping_shr(shift(n)?))),
        def("binary_not", one, long, |args, ctx| {
            let x = i64s(arg(args, 0)?)?;
            Ok(map1::<OLong, _>(ctx, &x, |x| x.map(|x| !x)))
        }),
        def("bitset_count_ones", one, long, |args, ctx| {
            let x = i64s(arg(args, 0)?)?;
            Ok(map1::<OLong, _>(ctx, &x, |x| {
                x.map(|x| i64::from(x.count_ones()))
            }))
        }),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn bit_operations() {
        // q/binary-and-function.md etc.
        assert_eq!(scalar("binary_and", vec![l(6), l(3)]), lv(Some(2)));
        assert_eq!(scalar("binary_or", vec![l(6), l(3)]), lv(Some(7)));
        assert_eq!(scalar("binary_xor", vec![l(6), l(3)]), lv(Some(5)));
        assert_eq!(scalar("binary_not", vec![l(100)]), lv(Some(-101)));
        // q/binary-shift-left-function.md: binary_shift_left(1, 2) == 4
        assert_eq!(scalar("binary_shift_left", vec![l(1), l(2)]), lv(Some(4)));
        assert_eq!(scalar("binary_shift_left", vec![l(1), l(-1)]), lv(None));
        assert_eq!(scalar("binary_shift_right", vec![l(8), l(66)]), lv(Some(2)));
        // q/bitset-count-ones-function.md: bitset_count_ones(42) == 3
        assert_eq!(scalar("bitset_count_ones", vec![l(42)]), lv(Some(3)));
        assert_eq!(
            column("binary_and", vec![lcol(&[Some(7), None]), l(5)]),
            vec![lv(Some(5)), lv(None)]
        );
        assert_eq!(
            column(
                "binary_or",
                vec![lcol(&[Some(1), Some(2)]), lcol(&[Some(2), None])]
            ),
            vec![lv(Some(3)), lv(None)]
        );
    }
}
