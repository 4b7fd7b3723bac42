//! `binary_all_and`, `binary_all_or`, `binary_all_xor`: bitwise folds of the non-null
//! longs of a group; null for a group without values
//! (q/binary-all-and-aggregation-function.md).

use super::{agg, arg, grow, take_groups};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::scalar::kernel::{i64s, View};
use crate::functions::{
    arg as a, AggregateFunction, ArgType, GroupsAccumulator, ResultName, ReturnType,
};
use crate::table::Column;
use crate::types::DataType;

pub(super) fn functions() -> Vec<AggregateFunction> {
    let long = ReturnType::Fixed(DataType::Long);
    let one = sig![a("value", ArgType::Long)];
    vec![
        agg(
            "binary_all_and",
            one,
            long,
            ResultName::Prefix("binary_all_and"),
            |_| Box::new(Fold::new(|x, y| x & y)),
        ),
        agg(
            "binary_all_or",
            one,
            long,
            ResultName::Prefix("binary_all_or"),
            |_| Box::new(Fold::new(|x, y| x | y)),
        ),
        agg(
            "binary_all_xor",
            one,
            long,
            ResultName::Prefix("binary_all_xor"),
            |_| Box::new(Fold::new(|x, y| x ^ y)),
        ),
    ]
}

/// A per-group fold of longs.
struct Fold {
    f: fn(i64, i64) -> i64,
    acc: Vec<Option<i64>>,
}

impl Fold {
    fn new(f: fn(i64, i64) -> i64) -> Self {
        Fold { f, acc: Vec::new() }
    }
}

impl GroupsAccumulator for Fold {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.acc, num_groups, None);
        let v = i64s(arg(args, 0)?)?;
        for (i, &g) in group_ids.iter().enumerate() {
            if let (Some(x), Some(acc)) = (v.at(i), self.acc.get_mut(g as usize)) {
                *acc = Some(acc.map_or(x, |a| (self.f)(a, x)));
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        Ok(Column::Long(take_groups(&mut self.acc, num_groups, None)))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::functions::scalar::testutil::{lcol, lv};

    #[test]
    fn folds() {
        // q/binary-all-and-aggregation-function.md: over 0x..., the AND/OR/XOR of the values
        let x = lcol(&[Some(0b1100), Some(0b1010), None, Some(7)]);
        let g = [0, 0, 0, 1];
        assert_eq!(
            run("binary_all_and", vec![x.clone()], &g, 3),
            vec![lv(Some(0b1000)), lv(Some(7)), lv(None)]
        );
        assert_eq!(
            run("binary_all_or", vec![x.clone()], &g, 2),
            vec![lv(Some(0b1110)), lv(Some(7))]
        );
        assert_eq!(
            run("binary_all_xor", vec![x], &g, 2),
            vec![lv(Some(0b0110)), lv(Some(7))]
        );
        assert_eq!(empty("binary_all_and", vec![lcol(&[])]), lv(None));
    }
}
