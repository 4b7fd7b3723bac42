//! `hll`, `hll_if` and `hll_merge`: intermediate distinct-count results that can be stored,
//! merged and counted later with `dcount_hll` (q/hll-aggregation-function.md,
//! q/hll-merge-aggregation-function.md, q/dcount-hll-function.md).
//!
//! # Representation
//!
//! Kusto's `hll()` value is a HyperLogLog sketch in an internal format that the docs say
//! may change; this engine does not imitate it. Since our `dcount()` is exact, an `hll()`
//! value here is an *exact* sketch: the set of distinct values itself, as a `dynamic` bag
//!
//! ```text
//! {"kind": "exact_hll", "accuracy": 1, "values": ["i:1", "i:2", "s:abc"]}
//! ```
//!
//! `values` holds one text tag per distinct non-null value (`s:` then the text for a
//! string, `i:` a whole number, `r:` the bits of a real, `b:`, `m:` decimal, `t0:`/`t1:`
//! datetime/timespan ticks, `g:` guid, `j:` other dynamic JSON), sorted. Two values get the
//! same tag exactly when `dcount()` counts them as one, so `dcount_hll(hll(x))` equals
//! `dcount(x)` over the same rows, and `hll_merge` (a set union) keeps that true across
//! merges. `accuracy` is the argument of `hll()` (0-4, default 1); as in Kusto, values
//! built with different accuracies cannot be merged. The size grows with the number of
//! distinct values and counts against the query's memory budget. `hll_merge` and
//! `dcount_hll` also accept the bag's JSON text (a stored value read back as a string).

use super::count::Key;
use super::{agg, arg, grow, take_groups, If};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::scalar::kernel::{any, dyns, Src, View};
use crate::functions::{
    arg as a, opt, AggregateFunction, ArgType, GroupsAccumulator, ResultName, ReturnType,
};
use crate::table::Column;
use crate::types::DataType;
use crate::value::Value;
use indexmap::IndexMap;
use std::collections::BTreeSet;

const DYNAMIC: ReturnType = ReturnType::Fixed(DataType::Dynamic);

/// The `kind` that marks an `hll()` value.
const KIND: &str = "exact_hll";

/// `hll()`'s default accuracy (q/hll-aggregation-function.md).
const DEFAULT_ACCURACY: i64 = 1;

pub(super) fn functions() -> Vec<AggregateFunction> {
    vec![
        agg(
            "hll",
            sig![a("expr", ArgType::Scalar), opt("accuracy", ArgType::Long)],
            DYNAMIC,
            ResultName::Prefix("hll"),
            |_| Box::new(Hll::new(1)),
        ),
        // q/hll-if-aggregation-function.md: hll() over the rows where the predicate holds.
        agg(
            "hll_if",
            sig![
                a("expr", ArgType::Scalar),
                a("predicate", ArgType::Bool),
                opt("accuracy", ArgType::Long)
            ],
            DYNAMIC,
            ResultName::Prefix("hll_if"),
            |_| If::boxed(Hll::new(2), 1),
        ),
        agg(
            "hll_merge",
            sig![a("hll", ArgType::Dynamic)],
            DYNAMIC,
            ResultName::Prefix("hll_merge"),
            |_| Box::new(Merge::default()),
        ),
    ]
}

/// An exact `hll()` value: the tags of the distinct values (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Sketch {
    accuracy: i64,
    values: BTreeSet<String>,
}

impl Sketch {
    /// An empty sketch.
    fn new(accuracy: i64) -> Sketch {
        Sketch {
            accuracy,
            values: BTreeSet::new(),
        }
    }

    /// Reads a value made by `hll()`/`hll_merge()`, or its JSON text (a stored value read
    /// back as a string); `None` for anything else.
    pub(crate) fn from_dynamic(d: &Dynamic) -> Option<Sketch> {
        let bag = match d {
            Dynamic::Bag(bag) => bag,
            Dynamic::String(s) if s.starts_with('{') => {
                return match Dynamic::parse_json(s)? {
                    parsed @ Dynamic::Bag(_) => Sketch::from_dynamic(&parsed),
                    _ => None,
                };
            }
            _ => return None,
        };
        if !matches!(bag.get("kind"), Some(Dynamic::String(k)) if k == KIND) {
            return None;
        }
        let Some(Dynamic::Long(accuracy)) = bag.get("accuracy") else {
            return None;
        };
        let Some(Dynamic::Array(items)) = bag.get("values") else {
            return None;
        };
        let mut values = BTreeSet::new();
        for item in items {
            match item {
                Dynamic::String(s) => values.insert(s.clone()),
                _ => return None,
            };
        }
        Some(Sketch {
            accuracy: *accuracy,
            values,
        })
    }

    /// The `dynamic` form.
    pub(crate) fn to_dynamic(&self) -> Dynamic {
        let mut bag = IndexMap::new();
        bag.insert("kind".to_string(), Dynamic::String(KIND.to_string()));
        bag.insert("accuracy".to_string(), Dynamic::Long(self.accuracy));
        let values = self.values.iter().cloned().map(Dynamic::String).collect();
        bag.insert("values".to_string(), Dynamic::Array(values));
        Dynamic::Bag(bag)
    }

    /// Adds `other`'s values; an error when the accuracies differ
    /// (q/hll-merge-aggregation-function.md).
    pub(crate) fn merge(&mut self, other: Sketch, func: &str) -> Result<(), EvalError> {
        if other.accuracy != self.accuracy {
            return Err(EvalError::invalid_argument(
                func,
                format!(
                    "can't merge hll values of different accuracy ({} and {})",
                    self.accuracy, other.accuracy
                ),
            ));
        }
        if self.values.len() < other.values.len() {
            let mine = std::mem::replace(&mut self.values, other.values);
            self.values.extend(mine);
        } else {
            self.values.extend(other.values);
        }
        Ok(())
    }

    /// The distinct count (`dcount_hll`).
    pub(crate) fn count(&self) -> usize {
        self.values.len()
    }

    /// Adds a value; nulls are skipped. Returns the bytes newly stored.
    fn insert(&mut self, v: Src<'_>) -> usize {
        let tag = match v {
            Src::Str(s) => format!("s:{s}"),
            other => match Key::of(other) {
                Some(k) => k.tag(),
                None => return 0,
            },
        };
        let len = tag.len();
        if self.values.insert(tag) {
            len
        } else {
            0
        }
    }
}

/// The accuracy argument at `at` (a constant 0-4; 1 when absent or null).
fn accuracy(args: &[ColumnarValue], at: usize) -> Result<i64, EvalError> {
    match args.get(at) {
        None | Some(ColumnarValue::Scalar(Value::Long(None))) => Ok(DEFAULT_ACCURACY),
        Some(ColumnarValue::Scalar(Value::Long(Some(n)))) if (0..=4).contains(n) => Ok(*n),
        Some(_) => Err(EvalError::invalid_argument(
            "hll",
            "accuracy must be a constant from 0 to 4",
        )),
    }
}

/// `hll(expr [, accuracy])`: a sketch per group; null for a group without rows.
struct Hll {
    accuracy_at: usize,
    sketches: Vec<Option<Sketch>>,
}

impl Hll {
    fn new(accuracy_at: usize) -> Hll {
        Hll {
            accuracy_at,
            sketches: Vec::new(),
        }
    }
}

impl GroupsAccumulator for Hll {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.sketches, num_groups, None);
        let acc = accuracy(args, self.accuracy_at)?;
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            let Some(slot) = self.sketches.get_mut(g as usize) else {
                continue;
            };
            let added = slot.get_or_insert_with(|| Sketch::new(acc)).insert(v.at(i));
            // Past the memory budget, stop collecting (the executor reports the limit).
            if added > 0 && !crate::interrupt::charge(added) {
                return Ok(());
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        Ok(sketch_column(&mut self.sketches, num_groups))
    }
}

/// `hll_merge(hll)`: the union of a group's sketches; nulls are skipped, a value that is
/// not a sketch is an error. Null for a group without sketches.
#[derive(Default)]
struct Merge {
    sketches: Vec<Option<Sketch>>,
}

impl GroupsAccumulator for Merge {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.sketches, num_groups, None);
        let v = dyns(arg(args, 0)?)?;
        for (i, &g) in group_ids.iter().enumerate() {
            let d = v.at(i);
            if d.is_null() {
                continue;
            }
            let sketch = Sketch::from_dynamic(d).ok_or_else(not_a_sketch)?;
            // The union may grow by the whole sketch: charge it against the memory budget
            // and stop collecting past it (the executor reports the limit).
            let bytes = sketch.values.iter().map(String::len).sum();
            if !crate::interrupt::charge(bytes) {
                return Ok(());
            }
            match self.sketches.get_mut(g as usize) {
                Some(Some(s)) => s.merge(sketch, "hll_merge")?,
                Some(slot) => *slot = Some(sketch),
                None => {}
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        Ok(sketch_column(&mut self.sketches, num_groups))
    }
}

/// One sketch value per group (null for a group without one), for `hll` and `hll_merge`.
fn sketch_column(sketches: &mut Vec<Option<Sketch>>, num_groups: usize) -> Column {
    let sketches = take_groups(sketches, num_groups, None);
    Column::Dynamic(
        sketches
            .iter()
            .map(|s| s.as_ref().map(Sketch::to_dynamic).unwrap_or_default())
            .collect(),
    )
}

/// The error for a `hll_merge`/`dcount_hll` argument that `hll()` did not make.
pub(crate) fn not_a_sketch() -> EvalError {
    EvalError::invalid_argument("hll_merge", "the argument is not a value made by hll()")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use super::Sketch;
    use crate::functions::scalar::testutil::{bcol, dcol, l, lcol, lv, rcol, scol};
    use crate::value::Value;

    fn count(v: &Value) -> Option<usize> {
        match v {
            Value::Dynamic(d) => Sketch::from_dynamic(d).map(|s| s.count()),
            _ => None,
        }
    }

    #[test]
    fn hll_counts_like_dcount() {
        let g = [0, 1, 0, 1, 0, 0];
        for x in [
            lcol(&[Some(1), Some(1), Some(1), None, Some(2), None]),
            scol(&["a", "b", "a", "b", "", "c"]),
            rcol(&[
                Some(0.0),
                Some(-0.0),
                Some(-0.0),
                Some(1.5),
                Some(f64::NAN),
                None,
            ]),
            dcol(&["1", "1.0", "\"1\"", "[1]", "null", "{\"a\":1}"]),
        ] {
            let dcounts = run("dcount", vec![x.clone()], &g, 2);
            let hlls = run("hll", vec![x], &g, 2);
            let from_hll: Vec<_> = hlls.iter().map(|h| count(h).map(|n| n as i64)).collect();
            let want: Vec<_> = dcounts
                .iter()
                .map(|v| match v {
                    Value::Long(n) => *n,
                    _ => None,
                })
                .collect();
            assert_eq!(from_hll, want);
        }
    }

    #[test]
    fn hll_merge_round_trips() {
        // q/hll-merge-aggregation-function.md: hll per bin, merged, then counted
        let x = lcol(&[Some(1), Some(2), Some(2), Some(3), Some(4), Some(1)]);
        let bins = run("hll", vec![x.clone()], &[0, 0, 1, 1, 2, 2], 3);
        let dyns: Vec<String> = bins
            .iter()
            .map(|v| match v {
                Value::Dynamic(d) => d.to_json_string(),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            dyns[0],
            r#"{"kind":"exact_hll","accuracy":1,"values":["i:1","i:2"]}"#
        );
        let col = dcol(&dyns.iter().map(String::as_str).collect::<Vec<_>>());
        let merged = run("hll_merge", vec![col], &[0, 0, 0], 1);
        assert_eq!(count(&merged[0]), Some(4));
        assert_eq!(run("dcount", vec![x], &[0; 6], 1), vec![lv(Some(4))]);
        // nulls skipped; empty input gives null
        let merged = run("hll_merge", vec![dcol(&["null", &dyns[0]])], &[0, 0], 1);
        assert_eq!(count(&merged[0]), Some(2));
        assert_eq!(
            empty("hll", vec![lcol(&[])]),
            Value::Dynamic(Default::default())
        );
        assert_eq!(
            empty("hll_merge", vec![dcol(&[])]),
            Value::Dynamic(Default::default())
        );
    }

    #[test]
    fn hll_merge_rejects_mixed_accuracy_and_non_sketches() {
        let a = run("hll", vec![lcol(&[Some(1)]), l(1)], &[0], 1);
        let b = run("hll", vec![lcol(&[Some(1)]), l(3)], &[0], 1);
        let text = |v: &Value| match v {
            Value::Dynamic(d) => d.to_json_string(),
            other => panic!("{other:?}"),
        };
        let col = dcol(&[&text(&a[0]), &text(&b[0])]);
        assert!(try_run("hll_merge", vec![col], &[0, 0], 1).is_err());
        assert!(try_run("hll_merge", vec![dcol(&["[1]"])], &[0], 1).is_err());
        assert!(try_run("hll", vec![lcol(&[Some(1)]), l(5)], &[0], 1).is_err());
    }

    #[test]
    fn hll_if_keeps_matching_rows() {
        let x = lcol(&[Some(1), Some(2), Some(3)]);
        let p = bcol(&[Some(true), Some(false), Some(true)]);
        let h = run("hll_if", vec![x, p], &[0, 0, 0], 1);
        assert_eq!(count(&h[0]), Some(2));
    }
}
