//! `percentile(x, p)` and `percentiles_array(x, p1, ...)`: exact nearest-rank percentiles
//! (the smallest value with at least p% of the values at or below it; p=0 gives the
//! minimum, p=100 the maximum; no interpolation) (q/percentiles-aggregation-function.md).
//! `percentiles(x, p1, p2, ...)` (one column per percentile) is expanded by the binder
//! into one `percentile(x, pN)` per percentile (`expand_percentiles` in bind/tabular.rs),
//! and `percentilesw` into `percentilew`. `percentilew(x, w, p)` weighs each value as if it
//! were repeated `w` times (q/percentiles-aggregation-function.md, weighted percentiles);
//! rows with a null or non-positive weight are left out.

use super::{agg, arg, grow, take_groups};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::scalar::kernel::{any, Src, View};
use crate::functions::{
    arg as a, AggregateFunction, ArgType, GroupsAccumulator, ResultName, ReturnType,
};
use crate::table::Column;
use crate::types::DataType;
use crate::value::Value;
use rust_decimal::prelude::ToPrimitive;

use DataType as T;

const PERCENTILE_OF: ArgType = ArgType::OneOf(&[
    T::Int,
    T::Long,
    T::Real,
    T::Decimal,
    T::DateTime,
    T::TimeSpan,
]);

pub(super) fn functions() -> Vec<AggregateFunction> {
    vec![
        agg(
            "percentile",
            sig![a("expr", PERCENTILE_OF), a("percentile", ArgType::Real)],
            ReturnType::Custom(|t, _| result_type(t)),
            ResultName::Percentile,
            |t| Box::new(Percentiles::new(t, false, false)),
        ),
        agg(
            "percentilew",
            sig![
                a("expr", PERCENTILE_OF),
                a("weight", ArgType::Long),
                a("percentile", ArgType::Real)
            ],
            ReturnType::Custom(|t, _| result_type(t)),
            ResultName::Percentile,
            |t| Box::new(Percentiles::new(t, false, true)),
        ),
        agg(
            "percentiles_array",
            var_sig![201; a("expr", PERCENTILE_OF), a("percentiles", ArgType::Any)],
            ReturnType::Fixed(T::Dynamic),
            ResultName::Prefix("percentiles"),
            |t| Box::new(Percentiles::new(t, true, false)),
        ),
    ]
}

fn result_type(t: &[DataType]) -> DataType {
    match t.first() {
        Some(T::Decimal | T::Dynamic) | None => T::Real,
        Some(t) => *t,
    }
}

/// Values are kept as integers (int, long, ticks) or reals, per group.
enum Values {
    Ints(Vec<Vec<i64>>),
    Reals(Vec<Vec<f64>>),
}

struct Percentiles {
    ty: DataType,
    array: bool,
    values: Values,
    /// For `percentilew`: each value's weight, parallel to `values`.
    weights: Option<Vec<Vec<i64>>>,
    /// The requested percentiles, read from the constant arguments on the first update.
    ps: Option<Vec<f64>>,
}

impl Percentiles {
    fn new(types: &[DataType], array: bool, weighted: bool) -> Self {
        let ty = result_type(types);
        let values = match ty {
            T::Real => Values::Reals(Vec::new()),
            _ => Values::Ints(Vec::new()),
        };
        Percentiles {
            ty,
            array,
            values,
            weights: weighted.then(Vec::new),
            ps: None,
        }
    }
}

/// The constant percentile arguments (numbers, or one dynamic array of numbers).
fn read_percentiles(args: &[ColumnarValue], skip: usize) -> Result<Vec<f64>, EvalError> {
    let mut out = Vec::new();
    for v in args.iter().skip(skip) {
        let ColumnarValue::Scalar(v) = v else {
            return Err(EvalError::invalid_argument(
                "percentile",
                "the percentile must be a constant",
            ));
        };
        match v {
            Value::Dynamic(Dynamic::Array(a)) => {
                for x in a {
                    out.push(dyn_number(x)?);
                }
            }
            other => out.push(
                crate::functions::scalar::convert::to_real(Src::of(other)).ok_or_else(|| {
                    EvalError::invalid_argument("percentile", "the percentile must be a number")
                })?,
            ),
        }
    }
    if out.iter().any(|p| !(0.0..=100.0).contains(p)) {
        return Err(EvalError::invalid_argument(
            "percentile",
            "percentiles must be between 0 and 100",
        ));
    }
    Ok(out)
}

fn dyn_number(d: &Dynamic) -> Result<f64, EvalError> {
    match d {
        Dynamic::Long(x) => Ok(*x as f64),
        Dynamic::Real(x) => Ok(*x),
        _ => Err(EvalError::invalid_argument(
            "percentiles_array",
            "percentiles must be numbers",
        )),
    }
}

/// The nearest-rank index of percentile `p` among `n` sorted values.
fn rank(p: f64, n: usize) -> usize {
    let r = (p / 100.0 * n as f64).ceil() as usize;
    r.clamp(1, n.max(1)) - 1
}

impl GroupsAccumulator for Percentiles {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        let weighted = self.weights.is_some();
        if self.ps.is_none() {
            self.ps = Some(read_percentiles(args, if weighted { 2 } else { 1 })?);
        }
        let v = any(arg(args, 0)?);
        let w = if weighted {
            Some(any(arg(args, 1)?))
        } else {
            None
        };
        // The weight of row i: 1 without weights, None to leave the row out.
        let weight = |i: usize| match &w {
            None => Some(1),
            Some(w) => match w.at(i) {
                Src::Int(x) => x.map(i64::from),
                Src::Long(x) => x,
                _ => None,
            }
            .filter(|x| *x > 0),
        };
        if let Some(ws) = &mut self.weights {
            grow(ws, num_groups, Vec::new());
        }
        match &mut self.values {
            Values::Ints(groups) => {
                grow(groups, num_groups, Vec::new());
                for (i, &g) in group_ids.iter().enumerate() {
                    let x = match v.at(i) {
                        Src::Int(x) => x.map(i64::from),
                        Src::Long(x) | Src::DateTime(x) | Src::TimeSpan(x) => x,
                        _ => None,
                    };
                    if let (Some(x), Some(wt), Some(vals)) =
                        (x, weight(i), groups.get_mut(g as usize))
                    {
                        vals.push(x);
                        if let Some(ws) =
                            self.weights.as_mut().and_then(|ws| ws.get_mut(g as usize))
                        {
                            ws.push(wt);
                        }
                    }
                }
            }
            Values::Reals(groups) => {
                grow(groups, num_groups, Vec::new());
                for (i, &g) in group_ids.iter().enumerate() {
                    let x = match v.at(i) {
                        Src::Real(x) => x.filter(|x| !x.is_nan()),
                        Src::Decimal(d) => d.and_then(|d| d.to_f64()),
                        other => crate::functions::scalar::convert::to_real(other)
                            .filter(|x| !x.is_nan()),
                    };
                    if let (Some(x), Some(wt), Some(vals)) =
                        (x, weight(i), groups.get_mut(g as usize))
                    {
                        vals.push(x);
                        if let Some(ws) =
                            self.weights.as_mut().and_then(|ws| ws.get_mut(g as usize))
                        {
                            ws.push(wt);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let ps = self.ps.take().unwrap_or_default();
        let (ty, array) = (self.ty, self.array);
        let mut weights = self
            .weights
            .as_mut()
            .map(|ws| take_groups(ws, num_groups, Vec::new()).into_iter());
        let as_array = |p: Vec<Dynamic>| {
            if p.is_empty() {
                Dynamic::Null
            } else {
                Dynamic::Array(p)
            }
        };
        Ok(match &mut self.values {
            Values::Ints(groups) => {
                let picks: Vec<Vec<i64>> = take_groups(groups, num_groups, Vec::new())
                    .into_iter()
                    .map(|mut vals| match weights.as_mut().and_then(Iterator::next) {
                        Some(ws) => pick_weighted(&ps, vals, ws, i64::cmp),
                        None => {
                            vals.sort_unstable();
                            pick(&ps, &vals).copied().collect()
                        }
                    })
                    .collect();
                if array {
                    let to_dyn = |x: i64| match ty {
                        T::DateTime => Dynamic::DateTime(x),
                        T::TimeSpan => Dynamic::TimeSpan(x),
                        _ => Dynamic::Long(x),
                    };
                    Column::Dynamic(
                        picks
                            .into_iter()
                            .map(|p| as_array(p.into_iter().map(to_dyn).collect()))
                            .collect(),
                    )
                } else {
                    let firsts: Vec<Option<i64>> =
                        picks.iter().map(|p| p.first().copied()).collect();
                    match ty {
                        T::Int => Column::Int(
                            firsts
                                .iter()
                                .map(|x| x.and_then(|x| i32::try_from(x).ok()))
                                .collect(),
                        ),
                        T::DateTime => Column::DateTime(firsts),
                        T::TimeSpan => Column::TimeSpan(firsts),
                        _ => Column::Long(firsts),
                    }
                }
            }
            Values::Reals(groups) => {
                let picks: Vec<Vec<f64>> = take_groups(groups, num_groups, Vec::new())
                    .into_iter()
                    .map(|mut vals| match weights.as_mut().and_then(Iterator::next) {
                        Some(ws) => pick_weighted(&ps, vals, ws, f64::total_cmp),
                        None => {
                            vals.sort_unstable_by(f64::total_cmp);
                            pick(&ps, &vals).copied().collect()
                        }
                    })
                    .collect();
                if array {
                    Column::Dynamic(
                        picks
                            .into_iter()
                            .map(|p| as_array(p.into_iter().map(Dynamic::Real).collect()))
                            .collect(),
                    )
                } else {
                    Column::Real(picks.iter().map(|p| p.first().copied()).collect())
                }
            }
        })
    }
}

/// `pick` for values with weights: the nearest rank among the values each repeated
/// `weight` times (nothing for an empty group).
fn pick_weighted<T: Copy>(
    ps: &[f64],
    vals: Vec<T>,
    weights: Vec<i64>,
    cmp: impl Fn(&T, &T) -> std::cmp::Ordering,
) -> Vec<T> {
    let mut pairs: Vec<(T, i64)> = vals.into_iter().zip(weights).collect();
    pairs.sort_by(|a, b| cmp(&a.0, &b.0));
    let total: i64 = pairs.iter().map(|p| p.1).fold(0, i64::saturating_add);
    if total <= 0 {
        return Vec::new();
    }
    ps.iter()
        .filter_map(|p| {
            let r = ((p / 100.0 * total as f64).ceil() as i64).clamp(1, total);
            let mut cum = 0i64;
            pairs.iter().find_map(|(v, w)| {
                cum = cum.saturating_add(*w);
                (cum >= r).then_some(*v)
            })
        })
        .collect()
}

/// The picked values of each requested percentile (nothing for an empty group).
fn pick<'v, T>(ps: &'v [f64], vals: &'v [T]) -> impl Iterator<Item = &'v T> + 'v {
    ps.iter()
        .filter(move |_| !vals.is_empty())
        .filter_map(move |p| vals.get(rank(*p, vals.len())))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::functions::scalar::testutil::{d, dv, l, lcol, lv, r, rcol, rv, tscol};
    use crate::value::Value;

    #[test]
    fn weighted_nearest_rank() {
        // q/percentiles-aggregation-function.md, weighted percentiles: each value counts
        // `weight` times; rows without a positive weight are left out.
        let x = lcol(&[Some(30), Some(10), Some(50), Some(99), Some(7)]);
        let w = lcol(&[Some(3), Some(5), Some(2), None, Some(0)]);
        let g = [0, 0, 0, 0, 0];
        let at = |p: f64| run("percentilew", vec![x.clone(), w.clone(), r(p)], &g, 1);
        assert_eq!(at(50.0), vec![lv(Some(10))]);
        assert_eq!(at(60.0), vec![lv(Some(30))]);
        assert_eq!(at(90.0), vec![lv(Some(50))]);
        assert_eq!(at(0.0), vec![lv(Some(10))]);
    }

    #[test]
    fn nearest_rank() {
        // q/percentiles-aggregation-function.md: nearest rank, no interpolation
        let x = lcol(&[Some(1), Some(2), Some(3), Some(4), None, Some(10)]);
        let g = [0, 0, 0, 0, 0, 1];
        assert_eq!(
            run("percentile", vec![x.clone(), r(50.0)], &g, 2),
            vec![lv(Some(2)), lv(Some(10))]
        );
        assert_eq!(
            run("percentile", vec![x.clone(), l(0)], &g, 2),
            vec![lv(Some(1)), lv(Some(10))]
        );
        assert_eq!(
            run("percentile", vec![x.clone(), r(100.0)], &g, 2),
            vec![lv(Some(4)), lv(Some(10))]
        );
        assert_eq!(
            run("percentile", vec![x.clone(), r(75.0)], &g, 3)[2],
            lv(None)
        );
        assert_eq!(
            run(
                "percentile",
                vec![rcol(&[Some(0.5), Some(0.1), Some(0.9)]), r(50.0)],
                &[0, 0, 0],
                1
            ),
            vec![rv(Some(0.5))]
        );
        assert_eq!(
            run(
                "percentile",
                vec![tscol(&[Some(5), Some(1)]), r(99.0)],
                &[0, 0],
                1
            ),
            vec![Value::TimeSpan(Some(5))]
        );
        assert_eq!(empty("percentile", vec![lcol(&[]), r(50.0)]), lv(None));
        assert!(try_run("percentile", vec![x, r(150.0)], &g, 2).is_err());
    }

    #[test]
    fn percentiles_array_values() {
        let x = lcol(&[Some(1), Some(2), Some(3), Some(4)]);
        let g = [0, 0, 0, 0];
        assert_eq!(
            run(
                "percentiles_array",
                vec![x.clone(), r(25.0), r(100.0)],
                &g,
                1
            ),
            vec![dv("[1,4]")]
        );
        assert_eq!(
            run("percentiles_array", vec![x, d("[50, 75]")], &g, 1),
            vec![dv("[2,3]")]
        );
        assert_eq!(
            empty("percentiles_array", vec![lcol(&[]), r(50.0)]),
            dv("null")
        );
    }
}
