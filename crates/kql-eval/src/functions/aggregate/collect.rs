//! `make_set`, `make_list`, `make_list_with_nulls`, `make_bag` and their `*if` forms:
//! dynamic arrays (bags) per group. Nulls are skipped (except by `make_list_with_nulls`);
//! empty groups give `[]` (`{}` for bags) (q/summarize-operator.md).

use super::count::DistinctSet;
use super::{agg, arg, grow, take_groups, If};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::scalar::kernel::{any, Src, View};
use crate::functions::{
    arg as a, opt, AggregateFunction, ArgType, GroupsAccumulator, ResultName, ReturnType,
};
use crate::table::Column;
use crate::types::DataType;
use crate::value::Value;
use indexmap::IndexMap;

/// Default and largest size of `make_*` results (q/make-set-aggregation-function.md).
const MAX_SIZE: usize = 1_048_576;

pub(super) fn functions() -> Vec<AggregateFunction> {
    let dynamic = ReturnType::Fixed(DataType::Dynamic);
    let plain = sig![a("expr", ArgType::Any), opt("maxSize", ArgType::Long)];
    let with_pred = sig![
        a("expr", ArgType::Any),
        a("predicate", ArgType::Bool),
        opt("maxSize", ArgType::Long)
    ];
    vec![
        // q/make-set-aggregation-function.md: distinct values, array inputs flattened.
        super::AggregateFunction {
            aliases: &["makeset"],
            ..agg(
                "make_set",
                plain,
                dynamic,
                ResultName::Prefix("set"),
                |_| Box::new(Collect::new(Kind::Set)),
            )
        },
        agg(
            "make_set_if",
            with_pred,
            dynamic,
            ResultName::Prefix("set"),
            |_| If::boxed(Collect::new(Kind::Set), 1),
        ),
        // q/make-list-aggregation-function.md: every non-null value, in input order.
        super::AggregateFunction {
            aliases: &["makelist"],
            ..agg(
                "make_list",
                plain,
                dynamic,
                ResultName::Prefix("list"),
                |_| Box::new(Collect::new(Kind::List)),
            )
        },
        agg(
            "make_list_if",
            with_pred,
            dynamic,
            ResultName::Prefix("list"),
            |_| If::boxed(Collect::new(Kind::List), 1),
        ),
        // q/make-list-with-nulls-aggregation-function.md: nulls kept.
        agg(
            "make_list_with_nulls",
            plain,
            dynamic,
            ResultName::Prefix("list"),
            |_| Box::new(Collect::new(Kind::ListWithNulls)),
        ),
        // q/make-bag-aggregation-function.md: property bags merged; non-bags skipped; a
        // repeated key keeps its first value.
        super::AggregateFunction {
            aliases: &["make_dictionary"],
            ..agg(
                "make_bag",
                plain,
                dynamic,
                ResultName::Prefix("bag"),
                |_| Box::new(Bags::default()),
            )
        },
        agg(
            "make_bag_if",
            with_pred,
            dynamic,
            ResultName::Prefix("bag"),
            |_| If::boxed(Bags::default(), 1),
        ),
    ]
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Set,
    List,
    ListWithNulls,
}

/// The `maxSize` argument (argument 1, a constant), capped at [`MAX_SIZE`].
fn max_size(args: &[ColumnarValue]) -> Result<usize, EvalError> {
    match args.get(1) {
        None => Ok(MAX_SIZE),
        Some(ColumnarValue::Scalar(Value::Long(Some(n)))) => {
            Ok(usize::try_from(*n).map_or(0, |n| n.min(MAX_SIZE)))
        }
        Some(ColumnarValue::Scalar(Value::Long(None))) => Ok(MAX_SIZE),
        Some(_) => Err(EvalError::invalid_argument(
            "make_set",
            "maxSize must be a constant long",
        )),
    }
}

/// Per-group arrays (plus distinct sets for `make_set`).
struct Collect {
    kind: Kind,
    items: Vec<Vec<Dynamic>>,
    seen: Vec<DistinctSet>,
}

impl Collect {
    fn new(kind: Kind) -> Self {
        Collect {
            kind,
            items: Vec::new(),
            seen: Vec::new(),
        }
    }

    fn push_set(&mut self, g: usize, v: Src<'_>, max: usize) {
        let (Some(items), Some(seen)) = (self.items.get_mut(g), self.seen.get_mut(g)) else {
            return;
        };
        let mut add = |x: Src<'_>| {
            if items.len() < max && seen.insert(x) {
                items.push(x.to_dynamic());
            }
        };
        match v {
            Src::Dyn(Dynamic::Array(a)) => a.iter().for_each(|x| add(Src::Dyn(x))),
            other => add(other),
        }
    }
}

impl GroupsAccumulator for Collect {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.items, num_groups, Vec::new());
        if self.kind == Kind::Set {
            grow(&mut self.seen, num_groups, DistinctSet::default());
        }
        let max = max_size(args)?;
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            let x = v.at(i);
            let g = g as usize;
            match self.kind {
                Kind::Set => self.push_set(g, x, max),
                Kind::List | Kind::ListWithNulls => {
                    if x.is_null() && self.kind == Kind::List {
                        continue;
                    }
                    if let Some(items) = self.items.get_mut(g).filter(|it| it.len() < max) {
                        let d = x.to_dynamic();
                        // Big values (arrays) count against the operator's memory budget;
                        // past it, stop collecting (the executor reports the limit).
                        let weight = crate::interrupt::dynamic_weight(&d);
                        if weight > 0 && !crate::interrupt::charge(weight) {
                            return Ok(());
                        }
                        items.push(d);
                    }
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let items = take_groups(&mut self.items, num_groups, Vec::new());
        self.seen.clear();
        Ok(Column::Dynamic(
            items.into_iter().map(Dynamic::Array).collect(),
        ))
    }
}

/// Per-group merged property bags.
#[derive(Default)]
struct Bags {
    bags: Vec<IndexMap<String, Dynamic>>,
}

impl GroupsAccumulator for Bags {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.bags, num_groups, IndexMap::new());
        let max = max_size(args)?;
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            let (Src::Dyn(Dynamic::Bag(b)), Some(out)) = (v.at(i), self.bags.get_mut(g as usize))
            else {
                continue;
            };
            for (k, x) in b {
                if out.len() >= max {
                    break;
                }
                if !out.contains_key(k) {
                    out.insert(k.clone(), x.clone());
                }
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let bags = take_groups(&mut self.bags, num_groups, IndexMap::new());
        Ok(Column::Dynamic(
            bags.into_iter().map(Dynamic::Bag).collect(),
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::functions::scalar::testutil::{bcol, dcol, dv, l, lcol, scol};

    #[test]
    fn make_set_distinct_and_flattened() {
        let g = [0, 0, 0, 1, 1];
        assert_eq!(
            run(
                "make_set",
                vec![lcol(&[Some(1), Some(2), Some(1), None, Some(3)])],
                &g,
                3
            ),
            vec![dv("[1,2]"), dv("[3]"), dv("[]")]
        );
        // q/make-set-aggregation-function.md: array inputs are flattened into the set
        assert_eq!(
            run(
                "make_set",
                vec![dcol(&["[1,2]", "[2,3]", "4", "null", "[\"a\"]"])],
                &g,
                2
            ),
            vec![dv("[1,2,3,4]"), dv("[\"a\"]")]
        );
        assert_eq!(
            run(
                "makeset",
                vec![scol(&["a", "b", "a", "c", "c"]), l(1)],
                &g,
                2
            ),
            vec![dv("[\"a\"]"), dv("[\"c\"]")]
        );
        assert_eq!(empty("make_set", vec![lcol(&[])]), dv("[]"));
        let p = bcol(&[Some(true), Some(false), Some(true), None, Some(true)]);
        assert_eq!(
            run(
                "make_set_if",
                vec![lcol(&[Some(1), Some(2), Some(3), Some(4), Some(5)]), p],
                &g,
                2
            ),
            vec![dv("[1,3]"), dv("[5]")]
        );
    }

    #[test]
    fn make_list_keeps_order_and_duplicates() {
        let g = [0, 1, 0, 1, 0];
        let x = lcol(&[Some(1), Some(2), Some(1), None, Some(3)]);
        assert_eq!(
            run("make_list", vec![x.clone()], &g, 2),
            vec![dv("[1,1,3]"), dv("[2]")]
        );
        assert_eq!(
            run("make_list_with_nulls", vec![x.clone()], &g, 2),
            vec![dv("[1,1,3]"), dv("[2,null]")]
        );
        assert_eq!(
            run("makelist", vec![x, l(2)], &g, 2),
            vec![dv("[1,1]"), dv("[2]")]
        );
        assert_eq!(
            run(
                "make_list",
                vec![dcol(&["[1]", "{\"a\":1}", "[1]", "2", "null"])],
                &g,
                2
            ),
            vec![dv("[[1],[1]]"), dv("[{\"a\":1},2]")]
        );
        assert_eq!(empty("make_list", vec![lcol(&[])]), dv("[]"));
        let p = bcol(&[Some(true), Some(true), Some(false), Some(true), None]);
        assert_eq!(
            run(
                "make_list_if",
                vec![lcol(&[Some(1), Some(2), Some(3), Some(4), Some(5)]), p],
                &g,
                2
            ),
            vec![dv("[1]"), dv("[2,4]")]
        );
    }

    #[test]
    fn make_bag_merges() {
        let g = [0, 0, 0, 1];
        let x = dcol(&[r#"{"a":1}"#, r#"{"a":2,"b":3}"#, "5", "null"]);
        assert_eq!(
            run("make_bag", vec![x.clone()], &g, 2),
            vec![dv(r#"{"a":1,"b":3}"#), dv("{}")]
        );
        let p = bcol(&[Some(false), Some(true), Some(true), Some(true)]);
        assert_eq!(
            run("make_bag_if", vec![x, p], &g, 2),
            vec![dv(r#"{"a":2,"b":3}"#), dv("{}")]
        );
        assert_eq!(empty("make_bag", vec![dcol(&[])]), dv("{}"));
    }
}
