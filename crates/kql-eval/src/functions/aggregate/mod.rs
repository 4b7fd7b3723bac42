//! Built-in aggregate functions. Each keeps its per-group state in plain vectors indexed
//! by group id (no per-row boxing); the `*if` variants wrap another accumulator and send
//! rows whose predicate is not true to a spare group that is never output.
//! Empty-group defaults follow q/summarize-operator.md (kql-semantics §8.3): counts, sums,
//! variances 0; `make_*` `[]`; `avg` NaN; everything else null.

/// A `'static` [`Signature`] of these arguments.
macro_rules! sig {
    ($($arg:expr),* $(,)?) => {{
        const SIG: $crate::functions::Signature = $crate::functions::Signature::new(&[$($arg),*]);
        SIG
    }};
}

/// A `'static` variadic [`Signature`]: the last argument repeats up to `max` arguments.
macro_rules! var_sig {
    ($max:expr; $($arg:expr),* $(,)?) => {{
        const SIG: $crate::functions::Signature =
            $crate::functions::Signature::variadic(&[$($arg),*], $max);
        SIG
    }};
}
mod bitwise;
mod collect;
mod count;
pub(crate) mod hll;
mod minmax;
mod percentile;
mod select;
mod stats;
mod sum;

use super::{
    AggregateFunction, AggregateImpl, GroupsAccumulator, ResultName, ReturnType, Signature,
};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::scalar::kernel::{bools, View};
use crate::table::Column;
use crate::types::DataType;

/// Every built-in aggregate.
pub fn all() -> Vec<AggregateFunction> {
    let mut v = Vec::new();
    v.extend(count::functions());
    v.extend(hll::functions());
    v.extend(bitwise::functions());
    v.extend(sum::functions());
    v.extend(minmax::functions());
    v.extend(stats::functions());
    v.extend(collect::functions());
    v.extend(percentile::functions());
    v.extend(select::functions());
    v
}

/// An accumulator-based aggregate without aliases.
fn agg(
    name: &'static str,
    signature: Signature,
    returns: ReturnType,
    result_name: ResultName,
    make: fn(&[DataType]) -> Box<dyn GroupsAccumulator>,
) -> AggregateFunction {
    AggregateFunction {
        name,
        aliases: &[],
        signature,
        returns,
        result_name,
        imp: AggregateImpl::Accumulate(make),
    }
}

/// Grows `v` to `n` entries filled with `fill` (never shrinks).
fn grow<T: Clone>(v: &mut Vec<T>, n: usize, fill: T) {
    if v.len() < n {
        v.resize(n, fill);
    }
}

/// The first `n` entries of `v`, padded with `fill`.
fn take_groups<T: Clone>(v: &mut Vec<T>, n: usize, fill: T) -> Vec<T> {
    let mut out = std::mem::take(v);
    out.resize(n, fill);
    out
}

/// The `*if` wrapper: argument `pred_at` is a predicate; rows where it is not true go to
/// group `num_groups`, which the inner accumulator sizes for but `finish` never outputs.
struct If<A> {
    inner: A,
    pred_at: usize,
    ids: Vec<u32>,
}

impl<A: GroupsAccumulator> If<A> {
    fn boxed(inner: A, pred_at: usize) -> Box<dyn GroupsAccumulator>
    where
        A: 'static,
    {
        Box::new(If {
            inner,
            pred_at,
            ids: Vec::new(),
        })
    }
}

impl<A: GroupsAccumulator> GroupsAccumulator for If<A> {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        let pred = args
            .get(self.pred_at)
            .ok_or_else(|| EvalError::internal("missing predicate argument"))?;
        let pred = bools(pred)?;
        let spare =
            u32::try_from(num_groups).map_err(|_| EvalError::internal("too many groups"))?;
        self.ids.clear();
        self.ids.extend(group_ids.iter().enumerate().map(|(i, &g)| {
            if pred.at(i) == Some(true) {
                g
            } else {
                spare
            }
        }));
        let inner_args: Vec<ColumnarValue> = args
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != self.pred_at)
            .map(|(_, a)| a.clone())
            .collect();
        self.inner.update(&inner_args, &self.ids, num_groups + 1)
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        self.inner.finish(num_groups)
    }
}

/// Argument `i`, or an internal error.
fn arg(args: &[ColumnarValue], i: usize) -> Result<&ColumnarValue, EvalError> {
    args.get(i)
        .ok_or_else(|| EvalError::internal(format!("missing aggregate argument {}", i + 1)))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) mod testutil {
    //! Running aggregates in unit tests.

    use crate::expr::ColumnarValue;
    use crate::functions::{AggregateFunction, AggregateImpl};
    use crate::value::Value;

    pub fn lookup(name: &str) -> AggregateFunction {
        super::all()
            .into_iter()
            .find(|f| f.name == name || f.aliases.contains(&name))
            .unwrap_or_else(|| panic!("no aggregate {name}"))
    }

    /// Runs `name` over `args` with rows in `groups` (split into two batches to exercise
    /// repeated updates), returning one value per group.
    pub fn run(
        name: &str,
        args: Vec<ColumnarValue>,
        groups: &[u32],
        num_groups: usize,
    ) -> Vec<Value> {
        try_run(name, args, groups, num_groups).unwrap()
    }

    pub fn try_run(
        name: &str,
        args: Vec<ColumnarValue>,
        groups: &[u32],
        num_groups: usize,
    ) -> Result<Vec<Value>, crate::error::EvalError> {
        let f = lookup(name);
        let AggregateImpl::Accumulate(make) = f.imp else {
            panic!("{name} is a row selector")
        };
        let types: Vec<_> = args.iter().map(ColumnarValue::data_type).collect();
        let mut acc = make(&types);
        let mid = groups.len() / 2;
        for (lo, hi) in [(0, mid), (mid, groups.len())] {
            let batch: Vec<ColumnarValue> = args
                .iter()
                .map(|a| match a {
                    ColumnarValue::Column(c) => {
                        let idx: Vec<usize> = (lo..hi).collect();
                        ColumnarValue::Column(std::sync::Arc::new(c.take(&idx)))
                    }
                    s => s.clone(),
                })
                .collect();
            acc.update(&batch, &groups[lo..hi], num_groups)?;
        }
        let col = acc.finish(num_groups)?;
        assert_eq!(col.len(), num_groups);
        let constants: Vec<_> = args.iter().map(|a| a.as_scalar().cloned()).collect();
        assert_eq!(
            col.data_type(),
            f.returns.resolve(&types, &constants),
            "{name}: type"
        );
        Ok((0..num_groups).map(|i| col.get(i)).collect())
    }

    /// Runs `name` with no rows at all and one group (summarize without `by` on empty input).
    pub fn empty(name: &str, types_of: Vec<ColumnarValue>) -> Value {
        let f = lookup(name);
        let AggregateImpl::Accumulate(make) = f.imp else {
            panic!("{name} is a row selector")
        };
        let types: Vec<_> = types_of.iter().map(ColumnarValue::data_type).collect();
        let mut acc = make(&types);
        let col = acc.finish(1).unwrap();
        assert_eq!(col.len(), 1);
        let constants: Vec<_> = types_of.iter().map(|a| a.as_scalar().cloned()).collect();
        assert_eq!(
            col.data_type(),
            f.returns.resolve(&types, &constants),
            "{name}: type"
        );
        col.get(0)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = HashSet::new();
        for f in all() {
            assert!(seen.insert(f.name), "duplicate {}", f.name);
            for a in f.aliases {
                assert!(seen.insert(a), "duplicate alias {a}");
            }
        }
    }
}
