//! `min`, `max`, `minif`, `maxif` over any orderable type; nulls are ignored and an empty
//! group gives null (q/min-aggregation-function.md, q/max-aggregation-function.md).
//! Empty strings count as missing too (strings have no null; `""` stands for it), so
//! `min` of `{"", "b"}` is `"b"` [inf: the docs are silent].

use super::{agg, arg, grow, take_groups, If};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::scalar::kernel::{any, Src, View};
use crate::functions::{
    arg as a, AggregateFunction, ArgType, GroupsAccumulator, ResultName, ReturnType,
};
use crate::table::{Column, StringColumnBuilder};
use crate::types::DataType;
use std::cmp::Ordering;

pub(super) fn functions() -> Vec<AggregateFunction> {
    let same = ReturnType::SameAsArg(0);
    vec![
        agg(
            "min",
            sig![a("expr", ArgType::Scalar)],
            same,
            ResultName::Prefix("min"),
            |t| extreme(t, Ordering::Less),
        ),
        agg(
            "max",
            sig![a("expr", ArgType::Scalar)],
            same,
            ResultName::Prefix("max"),
            |t| extreme(t, Ordering::Greater),
        ),
        agg(
            "minif",
            sig![a("expr", ArgType::Scalar), a("predicate", ArgType::Bool)],
            same,
            ResultName::Prefix("minif"),
            |t| If::boxed(Boxed(extreme(t, Ordering::Less)), 1),
        ),
        agg(
            "maxif",
            sig![a("expr", ArgType::Scalar), a("predicate", ArgType::Bool)],
            same,
            ResultName::Prefix("maxif"),
            |t| If::boxed(Boxed(extreme(t, Ordering::Greater)), 1),
        ),
    ]
}

/// A boxed accumulator used where a concrete accumulator type is needed.
struct Boxed(Box<dyn GroupsAccumulator>);

impl GroupsAccumulator for Boxed {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        self.0.update(args, group_ids, num_groups)
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        self.0.finish(num_groups)
    }
}

/// The accumulator for the first argument's type.
fn extreme(types: &[DataType], want: Ordering) -> Box<dyn GroupsAccumulator> {
    macro_rules! prim {
        ($variant:ident) => {
            Box::new(Prim {
                want,
                best: Vec::new(),
                get: |v| match v {
                    Src::$variant(x) => x,
                    _ => None,
                },
                build: Column::$variant,
            })
        };
    }
    match types.first().copied().unwrap_or(DataType::Dynamic) {
        DataType::Bool => prim!(Bool),
        DataType::Int => prim!(Int),
        DataType::Long => prim!(Long),
        DataType::Real => Box::new(Prim::<f64> {
            want,
            best: Vec::new(),
            get: |v| match v {
                Src::Real(x) => x.filter(|x| !x.is_nan()),
                _ => None,
            },
            build: Column::Real,
        }),
        DataType::Decimal => prim!(Decimal),
        DataType::DateTime => prim!(DateTime),
        DataType::TimeSpan => prim!(TimeSpan),
        DataType::Guid => prim!(Guid),
        DataType::String => Box::new(Strings {
            want,
            best: Vec::new(),
        }),
        DataType::Dynamic => Box::new(Dynamics {
            want,
            best: Vec::new(),
        }),
    }
}

/// Extremes of a fixed-width type.
struct Prim<T> {
    want: Ordering,
    best: Vec<Option<T>>,
    get: fn(Src<'_>) -> Option<T>,
    build: fn(Vec<Option<T>>) -> Column,
}

impl<T: Copy + PartialOrd + Send> GroupsAccumulator for Prim<T> {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.best, num_groups, None);
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            let (Some(x), Some(b)) = ((self.get)(v.at(i)), self.best.get_mut(g as usize)) else {
                continue;
            };
            match b {
                Some(cur) if x.partial_cmp(cur) != Some(self.want) => {}
                _ => *b = Some(x),
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        Ok((self.build)(take_groups(&mut self.best, num_groups, None)))
    }
}

/// Extremes of strings, ignoring `""`.
struct Strings {
    want: Ordering,
    best: Vec<Option<String>>,
}

impl GroupsAccumulator for Strings {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.best, num_groups, None);
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            let (Src::Str(x), Some(b)) = (v.at(i), self.best.get_mut(g as usize)) else {
                continue;
            };
            if x.is_empty() {
                continue;
            }
            match b {
                Some(cur) if x.cmp(cur.as_str()) == self.want => {
                    cur.clear();
                    cur.push_str(x);
                }
                Some(_) => {}
                None => *b = Some(x.to_string()),
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let best = take_groups(&mut self.best, num_groups, None);
        let mut b = StringColumnBuilder::default();
        for s in &best {
            b.push(s.as_deref().unwrap_or(""));
        }
        Ok(Column::String(b.finish()))
    }
}

/// Extremes of dynamic values (the dynamic total order), ignoring nulls.
struct Dynamics {
    want: Ordering,
    best: Vec<Option<Dynamic>>,
}

impl GroupsAccumulator for Dynamics {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.best, num_groups, None);
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            let x = v.at(i);
            if x.is_null() {
                continue;
            }
            let Some(b) = self.best.get_mut(g as usize) else {
                continue;
            };
            let x = x.to_dynamic();
            match b {
                Some(cur) if x.total_cmp(cur) != self.want => {}
                _ => *b = Some(x),
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let best = take_groups(&mut self.best, num_groups, None);
        Ok(Column::Dynamic(
            best.into_iter().map(Option::unwrap_or_default).collect(),
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::functions::scalar::testutil::{bcol, dcol, dtcol, dv, lcol, lv, rcol, rv, scol, sv};
    use crate::value::Value;

    #[test]
    fn min_max_numbers() {
        let g = [0, 1, 0, 1, 0];
        let x = lcol(&[Some(3), None, Some(-1), None, Some(7)]);
        assert_eq!(
            run("min", vec![x.clone()], &g, 2),
            vec![lv(Some(-1)), lv(None)]
        );
        assert_eq!(run("max", vec![x], &g, 2), vec![lv(Some(7)), lv(None)]);
        let r = rcol(&[Some(1.5), Some(f64::NAN), Some(0.5), Some(2.0), None]);
        assert_eq!(
            run("max", vec![r.clone()], &g, 2),
            vec![rv(Some(1.5)), rv(Some(2.0))]
        );
        assert_eq!(
            run("min", vec![r], &g, 2),
            vec![rv(Some(0.5)), rv(Some(2.0))]
        );
        // empty input: null
        assert_eq!(empty("min", vec![lcol(&[])]), lv(None));
        assert_eq!(empty("max", vec![scol(&[])]), sv(""));
    }

    #[test]
    fn min_max_other_types() {
        // q/min-aggregation-function.md: min(StartTime) over datetimes
        let g = [0, 0, 1];
        assert_eq!(
            run("min", vec![dtcol(&[Some(5), Some(2), None])], &g, 2),
            vec![Value::DateTime(Some(2)), Value::DateTime(None)]
        );
        let s = scol(&["b", "", "a"]);
        assert_eq!(run("min", vec![s.clone()], &g, 2), vec![sv("b"), sv("a")]);
        assert_eq!(
            run("max", vec![scol(&["b", "c", ""])], &g, 2),
            vec![sv("c"), sv("")]
        );
        assert_eq!(
            run("max", vec![bcol(&[Some(false), Some(true), None])], &g, 2),
            vec![Value::Bool(Some(true)), Value::Bool(None)]
        );
        assert_eq!(
            run("max", vec![dcol(&["1", "5", "null"])], &g, 2),
            vec![dv("5"), dv("null")]
        );
    }

    #[test]
    fn minif_maxif() {
        let g = [0, 0, 0, 1];
        let x = lcol(&[Some(1), Some(2), Some(3), Some(4)]);
        let p = bcol(&[Some(false), Some(true), Some(true), None]);
        assert_eq!(
            run("minif", vec![x.clone(), p.clone()], &g, 2),
            vec![lv(Some(2)), lv(None)]
        );
        assert_eq!(run("maxif", vec![x, p], &g, 2), vec![lv(Some(3)), lv(None)]);
    }
}
