//! `sum`, `sumif`, `avg`, `avgif`.

use super::{agg, arg, grow, take_groups, If};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::scalar::kernel::{any, Src, View};
use crate::functions::{
    arg as a, AggregateFunction, ArgType, GroupsAccumulator, ResultName, ReturnType,
};
use crate::table::Column;
use crate::types::DataType;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

use DataType as T;

const SUMMABLE: ArgType = ArgType::OneOf(&[
    T::Int,
    T::Long,
    T::Real,
    T::Decimal,
    T::TimeSpan,
    T::Dynamic,
]);
const AVERAGEABLE: ArgType = ArgType::OneOf(&[
    T::Int,
    T::Long,
    T::Real,
    T::Decimal,
    T::TimeSpan,
    T::DateTime,
]);

pub(super) fn functions() -> Vec<AggregateFunction> {
    vec![
        // q/sum-aggregation-function.md: nulls ignored; empty input gives 0.
        agg(
            "sum",
            sig![a("expr", SUMMABLE)],
            ReturnType::Custom(|t, _| sum_type(t)),
            ResultName::Prefix("sum"),
            |t| sum_acc(t, None),
        ),
        agg(
            "sumif",
            sig![a("expr", SUMMABLE), a("predicate", ArgType::Bool)],
            ReturnType::Custom(|t, _| sum_type(t)),
            ResultName::Prefix("sumif"),
            |t| sum_acc(t, Some(1)),
        ),
        // q/avg-aggregation-function.md: the mean of the non-null values; an empty group
        // gives NaN (0/0, q/summarize-operator.md's empty-input example).
        agg(
            "avg",
            sig![a("expr", AVERAGEABLE)],
            ReturnType::Custom(|t, _| avg_type(t)),
            ResultName::Prefix("avg"),
            |t| avg_acc(t, None),
        ),
        agg(
            "avgif",
            sig![a("expr", AVERAGEABLE), a("predicate", ArgType::Bool)],
            ReturnType::Custom(|t, _| avg_type(t)),
            ResultName::Prefix("avgif"),
            |t| avg_acc(t, Some(1)),
        ),
    ]
}

fn sum_type(t: &[DataType]) -> DataType {
    match t.first() {
        Some(T::Int | T::Long) => T::Long,
        Some(t @ (T::Decimal | T::TimeSpan)) => *t,
        _ => T::Real,
    }
}

fn avg_type(t: &[DataType]) -> DataType {
    match t.first() {
        Some(t @ (T::TimeSpan | T::DateTime)) => *t,
        _ => T::Real,
    }
}

fn boxed<A: GroupsAccumulator + 'static>(
    acc: A,
    pred: Option<usize>,
) -> Box<dyn GroupsAccumulator> {
    match pred {
        Some(p) => If::boxed(acc, p),
        None => Box::new(acc),
    }
}

fn sum_acc(types: &[DataType], pred: Option<usize>) -> Box<dyn GroupsAccumulator> {
    match sum_type(types) {
        T::Long => boxed(Sum::<LongSum>::default(), pred),
        T::Decimal => boxed(Sum::<DecimalSum>::default(), pred),
        T::TimeSpan => boxed(Sum::<SpanSum>::default(), pred),
        _ => boxed(Sum::<RealSum>::default(), pred),
    }
}

fn avg_acc(types: &[DataType], pred: Option<usize>) -> Box<dyn GroupsAccumulator> {
    match types.first() {
        Some(T::TimeSpan) => boxed(AvgTicks::new(false), pred),
        Some(T::DateTime) => boxed(AvgTicks::new(true), pred),
        _ => boxed(AvgReal::default(), pred),
    }
}

/// A running sum of one type.
trait Summand: Copy + Default + Send {
    /// The value of a row, `None` for null.
    fn of(v: Src<'_>) -> Option<Self>;
    /// `self + other`, `None` on overflow.
    fn plus(self, other: Self) -> Option<Self>;
    /// The sums as a column.
    fn column(sums: Vec<Self>) -> Column;
}

#[derive(Clone, Copy, Default)]
struct LongSum(i64);
#[derive(Clone, Copy, Default)]
struct RealSum(f64);
#[derive(Clone, Copy, Default)]
struct DecimalSum(Decimal);
#[derive(Clone, Copy, Default)]
struct SpanSum(i64);

impl Summand for LongSum {
    fn of(v: Src<'_>) -> Option<Self> {
        match v {
            Src::Int(x) => x.map(|x| LongSum(x.into())),
            Src::Long(x) => x.map(LongSum),
            _ => None,
        }
    }
    fn plus(self, o: Self) -> Option<Self> {
        self.0.checked_add(o.0).map(LongSum)
    }
    fn column(sums: Vec<Self>) -> Column {
        Column::Long(sums.into_iter().map(|s| Some(s.0)).collect())
    }
}

impl Summand for RealSum {
    fn of(v: Src<'_>) -> Option<Self> {
        crate::functions::scalar::convert::to_real(v).map(RealSum)
    }
    fn plus(self, o: Self) -> Option<Self> {
        Some(RealSum(self.0 + o.0))
    }
    fn column(sums: Vec<Self>) -> Column {
        Column::Real(sums.into_iter().map(|s| Some(s.0)).collect())
    }
}

impl Summand for DecimalSum {
    fn of(v: Src<'_>) -> Option<Self> {
        crate::functions::scalar::convert::to_decimal(v).map(DecimalSum)
    }
    fn plus(self, o: Self) -> Option<Self> {
        self.0.checked_add(o.0).map(DecimalSum)
    }
    fn column(sums: Vec<Self>) -> Column {
        Column::Decimal(sums.into_iter().map(|s| Some(s.0)).collect())
    }
}

impl Summand for SpanSum {
    fn of(v: Src<'_>) -> Option<Self> {
        match v {
            Src::TimeSpan(x) => x.map(SpanSum),
            _ => None,
        }
    }
    fn plus(self, o: Self) -> Option<Self> {
        self.0.checked_add(o.0).map(SpanSum)
    }
    fn column(sums: Vec<Self>) -> Column {
        Column::TimeSpan(sums.into_iter().map(|s| Some(s.0)).collect())
    }
}

/// Per-group sums; integer or decimal overflow is an error ("sum overflow").
#[derive(Default)]
struct Sum<N> {
    sums: Vec<N>,
}

impl<N: Summand> GroupsAccumulator for Sum<N> {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.sums, num_groups, N::default());
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            let (Some(x), Some(s)) = (N::of(v.at(i)), self.sums.get_mut(g as usize)) else {
                continue;
            };
            *s = s
                .plus(x)
                .ok_or_else(|| EvalError::invalid_argument("sum", "sum overflow"))?;
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        Ok(N::column(take_groups(
            &mut self.sums,
            num_groups,
            N::default(),
        )))
    }
}

/// Per-group mean of numbers, as a real.
#[derive(Default)]
struct AvgReal {
    sums: Vec<f64>,
    counts: Vec<i64>,
}

impl GroupsAccumulator for AvgReal {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.sums, num_groups, 0.0);
        grow(&mut self.counts, num_groups, 0);
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            let x = match v.at(i) {
                Src::Decimal(d) => d.and_then(|d| d.to_f64()),
                other => crate::functions::scalar::convert::to_real(other),
            };
            if let (Some(x), Some(s), Some(c)) = (
                x,
                self.sums.get_mut(g as usize),
                self.counts.get_mut(g as usize),
            ) {
                *s += x;
                *c += 1;
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let sums = take_groups(&mut self.sums, num_groups, 0.0);
        let counts = take_groups(&mut self.counts, num_groups, 0);
        Ok(Column::Real(
            sums.iter()
                .zip(&counts)
                .map(|(s, c)| Some(s / *c as f64))
                .collect(),
        ))
    }
}

/// Per-group mean of datetimes or timespans (exact tick sums); null for an empty group.
struct AvgTicks {
    datetime: bool,
    sums: Vec<i128>,
    counts: Vec<i64>,
}

impl AvgTicks {
    fn new(datetime: bool) -> Self {
        AvgTicks {
            datetime,
            sums: Vec::new(),
            counts: Vec::new(),
        }
    }
}

impl GroupsAccumulator for AvgTicks {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.sums, num_groups, 0);
        grow(&mut self.counts, num_groups, 0);
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            let (Src::DateTime(Some(x)) | Src::TimeSpan(Some(x))) = v.at(i) else {
                continue;
            };
            if let (Some(s), Some(c)) = (
                self.sums.get_mut(g as usize),
                self.counts.get_mut(g as usize),
            ) {
                *s += i128::from(x);
                *c += 1;
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let sums = take_groups(&mut self.sums, num_groups, 0);
        let counts = take_groups(&mut self.counts, num_groups, 0);
        let avgs: Vec<Option<i64>> = sums
            .iter()
            .zip(&counts)
            .map(|(s, c)| {
                if *c == 0 {
                    None
                } else {
                    i64::try_from(s / i128::from(*c)).ok()
                }
            })
            .collect();
        Ok(if self.datetime {
            Column::DateTime(avgs)
        } else {
            Column::TimeSpan(avgs)
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::error::EvalErrorKind;
    use crate::functions::scalar::testutil::{bcol, icol, lcol, lv, rcol, rv, tscol};
    use crate::value::Value;

    #[test]
    fn sum_by_type() {
        let g = [0, 1, 0, 1];
        assert_eq!(
            run("sum", vec![lcol(&[Some(1), None, Some(2), None])], &g, 3),
            vec![lv(Some(3)), lv(Some(0)), lv(Some(0))]
        );
        assert_eq!(
            run(
                "sum",
                vec![icol(&[Some(1), Some(2), Some(3), Some(4)])],
                &g,
                2
            ),
            vec![lv(Some(4)), lv(Some(6))]
        );
        assert_eq!(
            run(
                "sum",
                vec![rcol(&[Some(0.5), Some(1.0), None, Some(2.0)])],
                &g,
                2
            ),
            vec![rv(Some(0.5)), rv(Some(3.0))]
        );
        assert_eq!(
            run(
                "sum",
                vec![tscol(&[Some(1), Some(2), Some(3), None])],
                &g,
                2
            ),
            vec![Value::TimeSpan(Some(4)), Value::TimeSpan(Some(2))]
        );
        // q/sum-aggregation-function.md via q/summarize-operator.md: empty input gives 0
        assert_eq!(empty("sum", vec![lcol(&[])]), lv(Some(0)));
        assert_eq!(empty("sum", vec![rcol(&[])]), rv(Some(0.0)));
        let e = try_run("sum", vec![lcol(&[Some(i64::MAX), Some(1)])], &[0, 0], 1).unwrap_err();
        assert!(matches!(e.kind, EvalErrorKind::InvalidArgument { .. }));
    }

    #[test]
    fn sumif_filters() {
        let g = [0, 0, 1, 1];
        let p = bcol(&[Some(true), Some(false), None, Some(true)]);
        assert_eq!(
            run(
                "sumif",
                vec![lcol(&[Some(1), Some(10), Some(100), Some(1000)]), p],
                &g,
                2
            ),
            vec![lv(Some(1)), lv(Some(1000))]
        );
        assert_eq!(empty("sumif", vec![lcol(&[]), bcol(&[])]), lv(Some(0)));
    }

    #[test]
    fn avg_skips_nulls() {
        // q/summarize-operator.md example: avg over {null, 5, 5, 5} is 5
        let g = [0, 0, 0, 0, 1];
        assert_eq!(
            run(
                "avg",
                vec![lcol(&[None, Some(5), Some(5), Some(5), Some(1)])],
                &g,
                3
            )[..2],
            [rv(Some(5.0)), rv(Some(1.0))]
        );
        // empty input: NaN
        assert!(matches!(empty("avg", vec![lcol(&[])]), Value::Real(Some(x)) if x.is_nan()));
        assert_eq!(
            run(
                "avg",
                vec![tscol(&[Some(10), Some(20), None, Some(5), Some(6)])],
                &g,
                2
            ),
            vec![Value::TimeSpan(Some(11)), Value::TimeSpan(Some(6))]
        );
        let p = bcol(&[Some(true), Some(true), Some(false), None, Some(true)]);
        assert_eq!(
            run(
                "avgif",
                vec![
                    rcol(&[Some(1.0), Some(2.0), Some(100.0), Some(100.0), Some(4.0)]),
                    p
                ],
                &g,
                2
            ),
            vec![rv(Some(1.5)), rv(Some(4.0))]
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod dynamic_tests {
    use super::super::testutil::*;
    use crate::functions::scalar::testutil::{dcol, rv};

    #[test]
    fn dynamic_numbers_sum_as_reals() {
        let x = dcol(&["1", "2.5", "\"x\"", "null"]);
        assert_eq!(
            run("sum", vec![x.clone()], &[0, 0, 0, 0], 1),
            vec![rv(Some(3.5))]
        );
        assert_eq!(
            run("avg", vec![x.clone()], &[0, 0, 0, 0], 1),
            vec![rv(Some(1.75))]
        );
        assert_eq!(
            run(
                "percentile",
                vec![x, crate::functions::scalar::testutil::r(100.0)],
                &[0, 0, 0, 0],
                1
            ),
            vec![rv(Some(2.5))]
        );
    }
}
