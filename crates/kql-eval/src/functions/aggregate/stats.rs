//! `stdev`, `stdevp`, `variance`, `variancep` and their `*if` forms: sample (n-1) and
//! population (n) statistics of the non-null values, by Welford's method
//! (q/stdev-aggregation-function.md: range 1..5 gives 1.58113883008419;
//! q/variance-aggregation-function.md: 2.5). Groups with fewer than two values (or none)
//! give 0 (q/summarize-operator.md: `stdev` and `variance` of empty input are 0).

use super::{agg, arg, grow, take_groups, If};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::scalar::kernel::{f64s, View};
use crate::functions::{
    arg as a, AggregateFunction, ArgType, GroupsAccumulator, ResultName, ReturnType,
};
use crate::table::Column;
use crate::types::DataType;

pub(super) fn functions() -> Vec<AggregateFunction> {
    let real = ReturnType::Fixed(DataType::Real);
    let one = sig![a("expr", ArgType::Real)];
    let with_pred = sig![a("expr", ArgType::Real), a("predicate", ArgType::Bool)];
    vec![
        agg("stdev", one, real, ResultName::Prefix("stdev"), |_| {
            Box::new(Moments::new(Stat::Stdev))
        }),
        agg("stdevp", one, real, ResultName::Prefix("stdevp"), |_| {
            Box::new(Moments::new(Stat::StdevP))
        }),
        agg(
            "variance",
            one,
            real,
            ResultName::Prefix("variance"),
            |_| Box::new(Moments::new(Stat::Variance)),
        ),
        agg(
            "variancep",
            one,
            real,
            ResultName::Prefix("variancep"),
            |_| Box::new(Moments::new(Stat::VarianceP)),
        ),
        agg(
            "stdevif",
            with_pred,
            real,
            ResultName::Prefix("stdevif"),
            |_| If::boxed(Moments::new(Stat::Stdev), 1),
        ),
        agg(
            "stdevpif",
            with_pred,
            real,
            ResultName::Prefix("stdevpif"),
            |_| If::boxed(Moments::new(Stat::StdevP), 1),
        ),
        agg(
            "varianceif",
            with_pred,
            real,
            ResultName::Prefix("varianceif"),
            |_| If::boxed(Moments::new(Stat::Variance), 1),
        ),
        agg(
            "variancepif",
            with_pred,
            real,
            ResultName::Prefix("variancepif"),
            |_| If::boxed(Moments::new(Stat::VarianceP), 1),
        ),
    ]
}

#[derive(Clone, Copy)]
enum Stat {
    Stdev,
    StdevP,
    Variance,
    VarianceP,
}

/// Per-group count, mean and sum of squared deviations.
struct Moments {
    stat: Stat,
    n: Vec<i64>,
    mean: Vec<f64>,
    m2: Vec<f64>,
}

impl Moments {
    fn new(stat: Stat) -> Self {
        Moments {
            stat,
            n: Vec::new(),
            mean: Vec::new(),
            m2: Vec::new(),
        }
    }
}

impl GroupsAccumulator for Moments {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.n, num_groups, 0);
        grow(&mut self.mean, num_groups, 0.0);
        grow(&mut self.m2, num_groups, 0.0);
        let v = f64s(arg(args, 0)?)?;
        for (i, &g) in group_ids.iter().enumerate() {
            let g = g as usize;
            let (Some(x), Some(n), Some(mean), Some(m2)) = (
                v.at(i),
                self.n.get_mut(g),
                self.mean.get_mut(g),
                self.m2.get_mut(g),
            ) else {
                continue;
            };
            *n += 1;
            let d = x - *mean;
            *mean += d / *n as f64;
            *m2 += d * (x - *mean);
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let n = take_groups(&mut self.n, num_groups, 0);
        let m2 = take_groups(&mut self.m2, num_groups, 0.0);
        let out = n
            .iter()
            .zip(&m2)
            .map(|(&n, &m2)| {
                let (sample, sqrt) = match self.stat {
                    Stat::Stdev => (true, true),
                    Stat::StdevP => (false, true),
                    Stat::Variance => (true, false),
                    Stat::VarianceP => (false, false),
                };
                let denom = if sample { n - 1 } else { n };
                let var = if denom <= 0 { 0.0 } else { m2 / denom as f64 };
                Some(if sqrt { var.sqrt() } else { var })
            })
            .collect();
        Ok(Column::Real(out))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::functions::scalar::testutil::{bcol, rcol, rv};
    use crate::value::Value;

    fn close(v: &Value, want: f64) -> bool {
        matches!(v, Value::Real(Some(x)) if (x - want).abs() < 1e-12)
    }

    #[test]
    fn sample_and_population() {
        // q/stdev-aggregation-function.md and q/variance-aggregation-function.md: range 1..5
        let x = rcol(&[
            Some(1.0),
            Some(2.0),
            Some(3.0),
            Some(4.0),
            Some(5.0),
            None,
            Some(7.0),
        ]);
        let g = [0, 0, 0, 0, 0, 1, 1];
        let sd = run("stdev", vec![x.clone()], &g, 2);
        assert!(close(&sd[0], 1.58113883008419));
        assert_eq!(sd[1], rv(Some(0.0)));
        let var = run("variance", vec![x.clone()], &g, 2);
        assert!(close(&var[0], 2.5));
        assert!(close(&run("variancep", vec![x.clone()], &g, 2)[0], 2.0));
        assert!(close(&run("stdevp", vec![x], &g, 2)[0], 2f64.sqrt()));
        assert_eq!(empty("stdev", vec![rcol(&[])]), rv(Some(0.0)));
        assert_eq!(empty("variance", vec![rcol(&[])]), rv(Some(0.0)));
    }

    #[test]
    fn if_forms() {
        let x = rcol(&[Some(1.0), Some(100.0), Some(3.0)]);
        let p = bcol(&[Some(true), Some(false), Some(true)]);
        assert!(close(
            &run("varianceif", vec![x.clone(), p.clone()], &[0, 0, 0], 1)[0],
            2.0
        ));
        assert!(close(
            &run("stdevif", vec![x, p], &[0, 0, 0], 1)[0],
            2f64.sqrt()
        ));
    }
}
