//! `count`, `countif`, `dcount`, `dcountif`, `count_distinct`.

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
use rust_decimal::Decimal;
use std::collections::HashSet;

const LONG: ReturnType = ReturnType::Fixed(DataType::Long);

pub(super) fn functions() -> Vec<AggregateFunction> {
    vec![
        // q/count-aggregation-function.md: "Null values are ignored", so count(x) counts
        // the rows where x is not null (summarize-operator.md's example counting nulls is
        // listed as an erratum in kql-semantics §10). Strings are never null.
        agg(
            "count",
            sig![opt("expr", ArgType::Any)],
            LONG,
            ResultName::Prefix("count"),
            |_| Box::new(Count::default()),
        ),
        // q/countif-aggregation-function.md: rows where the predicate is true. Named
        // `countif_` for an expression, `countif_<column>` for a bool column (as the
        // official analyzer names it).
        agg(
            "countif",
            sig![a("predicate", ArgType::Bool)],
            LONG,
            ResultName::Prefix("countif"),
            |_| If::boxed(Count::default(), 0),
        ),
        // q/dcount-aggregation-function.md: an estimate in Kusto; exact here (the docs'
        // small examples show exact counts). The accuracy argument is accepted and ignored.
        agg(
            "dcount",
            sig![a("expr", ArgType::Scalar), opt("accuracy", ArgType::Long)],
            LONG,
            ResultName::Prefix("dcount"),
            |_| Box::new(DCount::default()),
        ),
        agg(
            "dcountif",
            sig![
                a("expr", ArgType::Scalar),
                a("predicate", ArgType::Bool),
                opt("accuracy", ArgType::Long)
            ],
            LONG,
            ResultName::Prefix("dcountif"),
            |_| If::boxed(DCount::default(), 1),
        ),
        // q/count-distinct-aggregation-function.md: exact distinct count.
        agg(
            "count_distinct",
            sig![a("expr", ArgType::Scalar)],
            LONG,
            ResultName::Prefix("count_distinct"),
            |_| Box::new(DCount::default()),
        ),
        agg(
            "count_distinctif",
            sig![a("expr", ArgType::Scalar), a("predicate", ArgType::Bool)],
            LONG,
            ResultName::Prefix("count_distinctif"),
            |_| If::boxed(DCount::default(), 1),
        ),
    ]
}

/// Rows per group (or non-null values when given an argument).
#[derive(Default)]
struct Count {
    counts: Vec<i64>,
}

impl GroupsAccumulator for Count {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.counts, num_groups, 0);
        let view = args.first().map(any);
        for (i, &g) in group_ids.iter().enumerate() {
            if view.as_ref().is_some_and(|v| v.at(i).is_null()) {
                continue;
            }
            if let Some(c) = self.counts.get_mut(g as usize) {
                *c += 1;
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let counts = take_groups(&mut self.counts, num_groups, 0);
        Ok(Column::Long(counts.into_iter().map(Some).collect()))
    }
}

/// A hashable form of a non-string value, for distinct sets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(super) enum Key {
    Bool(bool),
    Int(i64),
    Real(u64),
    Decimal(Decimal),
    Ticks(u8, i64),
    Guid(u128),
    Json(String),
}

impl Key {
    /// The key of a non-null value other than a `string` (strings are keyed by their
    /// text); `None` for nulls and strings.
    pub(super) fn of(v: Src<'_>) -> Option<Key> {
        Some(match v {
            Src::Bool(Some(b)) => Key::Bool(b),
            Src::Int(Some(x)) => Key::Int(x.into()),
            Src::Long(Some(x)) => Key::Int(x),
            Src::Real(Some(r)) => real_key(r),
            Src::Decimal(Some(d)) => Key::Decimal(d.normalize()),
            Src::DateTime(Some(t)) => Key::Ticks(0, t),
            Src::TimeSpan(Some(t)) => Key::Ticks(1, t),
            Src::Guid(Some(g)) => Key::Guid(g),
            Src::Dyn(d) => return dynamic_key(d),
            _ => return None,
        })
    }

    /// A text form, different for different keys (and never starting with `s:`, the
    /// form `hll()` gives strings).
    pub(super) fn tag(&self) -> String {
        match self {
            Key::Bool(b) => format!("b:{b}"),
            Key::Int(x) => format!("i:{x}"),
            Key::Real(bits) => format!("r:{bits:016x}"),
            Key::Decimal(d) => format!("m:{d}"),
            Key::Ticks(kind, t) => format!("t{kind}:{t}"),
            Key::Guid(g) => format!("g:{g:032x}"),
            Key::Json(j) => format!("j:{j}"),
        }
    }
}

/// Distinct non-null values; strings are looked up without allocating.
#[derive(Debug, Default, Clone)]
pub(super) struct DistinctSet {
    strings: HashSet<String>,
    others: HashSet<Key>,
}

fn real_key(r: f64) -> Key {
    // one key for 0.0/-0.0 and for every NaN
    let r = if r == 0.0 {
        0.0
    } else if r.is_nan() {
        f64::NAN
    } else {
        r
    };
    Key::Real(r.to_bits())
}

fn dynamic_key(d: &Dynamic) -> Option<Key> {
    Some(match d {
        Dynamic::Null => return None,
        Dynamic::Bool(b) => Key::Bool(*b),
        Dynamic::Long(x) => Key::Int(*x),
        Dynamic::Real(r) if r.fract() == 0.0 && r.abs() < 9e15 => Key::Int(*r as i64),
        Dynamic::Real(r) => real_key(*r),
        Dynamic::DateTime(t) => Key::Ticks(0, *t),
        Dynamic::TimeSpan(t) => Key::Ticks(1, *t),
        Dynamic::Guid(g) => Key::Guid(*g),
        Dynamic::String(_) | Dynamic::Array(_) | Dynamic::Bag(_) => Key::Json(d.to_json_string()),
    })
}

impl DistinctSet {
    /// Adds a value; true when it was not there yet. Nulls are never added.
    pub(super) fn insert(&mut self, v: Src<'_>) -> bool {
        if let Src::Str(s) = v {
            if self.strings.contains(s) {
                return false;
            }
            return self.strings.insert(s.to_string());
        }
        match Key::of(v) {
            Some(key) => self.others.insert(key),
            None => false,
        }
    }

    /// Number of distinct values.
    pub(super) fn len(&self) -> usize {
        self.strings.len() + self.others.len()
    }
}

/// Exact distinct count of non-null values per group.
#[derive(Default)]
struct DCount {
    sets: Vec<DistinctSet>,
}

impl GroupsAccumulator for DCount {
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError> {
        grow(&mut self.sets, num_groups, DistinctSet::default());
        let v = any(arg(args, 0)?);
        for (i, &g) in group_ids.iter().enumerate() {
            if let Some(set) = self.sets.get_mut(g as usize) {
                set.insert(v.at(i));
            }
        }
        Ok(())
    }

    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError> {
        let sets = take_groups(&mut self.sets, num_groups, DistinctSet::default());
        Ok(Column::Long(
            sets.iter().map(|s| Some(s.len() as i64)).collect(),
        ))
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::functions::scalar::testutil::{bcol, dcol, lcol, lv, scol};
    use crate::value::Value;

    #[test]
    fn count_rows_and_non_null() {
        let g = [0, 1, 0, 1, 0];
        assert_eq!(run("count", vec![], &g, 2), vec![lv(Some(3)), lv(Some(2))]);
        let x = lcol(&[Some(1), None, None, Some(4), Some(5)]);
        assert_eq!(run("count", vec![x], &g, 2), vec![lv(Some(2)), lv(Some(1))]);
        // strings are never null: every row counts
        assert_eq!(
            run("count", vec![scol(&["", "a", "", "", "b"])], &g, 2),
            vec![lv(Some(3)), lv(Some(2))]
        );
        // summarize count() over empty input without `by`: 0
        assert_eq!(empty("count", vec![]), lv(Some(0)));
        // a group that gets no rows
        assert_eq!(
            run("count", vec![], &[0, 0], 2),
            vec![lv(Some(2)), lv(Some(0))]
        );
    }

    #[test]
    fn countif_counts_true_rows() {
        let g = [0, 0, 1, 1, 2];
        let p = bcol(&[Some(true), None, Some(false), Some(true), Some(true)]);
        assert_eq!(
            run("countif", vec![p], &g, 3),
            vec![lv(Some(1)), lv(Some(1)), lv(Some(1))]
        );
        assert_eq!(empty("countif", vec![bcol(&[])]), lv(Some(0)));
    }

    #[test]
    fn countif_default_names() {
        use crate::bind::naming::aggregate_name;
        use kql_parser::ast::{BinaryOp, Expr, ExprKind, Ident, Literal};
        let span = kql_parser::Span::default();
        let col = Expr {
            kind: ExprKind::Name(Ident::new("ok", span)),
            span,
        };
        let rule = lookup("countif").result_name;
        assert_eq!(
            aggregate_name(rule, std::slice::from_ref(&col)),
            "countif_ok"
        );
        let cmp = Expr {
            kind: ExprKind::Binary {
                op: BinaryOp::Gt,
                lhs: Box::new(col),
                rhs: Box::new(Expr {
                    kind: ExprKind::Literal(Literal::Long(Some(1))),
                    span,
                }),
            },
            span,
        };
        assert_eq!(aggregate_name(rule, &[cmp]), "countif_");
    }

    #[test]
    fn dcount_exact() {
        let g = [0, 0, 0, 1, 1, 1];
        let x = lcol(&[Some(1), Some(1), Some(2), None, Some(3), Some(3)]);
        assert_eq!(
            run("dcount", vec![x.clone()], &g, 2),
            vec![lv(Some(2)), lv(Some(1))]
        );
        assert_eq!(
            run("count_distinct", vec![x], &g, 2),
            vec![lv(Some(2)), lv(Some(1))]
        );
        let s = scol(&["a", "b", "a", "", "", "x"]);
        assert_eq!(
            run("dcount", vec![s], &g, 2),
            vec![lv(Some(2)), lv(Some(2))]
        );
        let d = dcol(&["1", "1.0", "[1]", "null", "\"a\"", "\"a\""]);
        assert_eq!(
            run("dcount", vec![d], &g, 2),
            vec![lv(Some(2)), lv(Some(1))]
        );
        assert_eq!(empty("dcount", vec![lcol(&[])]), lv(Some(0)));
        let p = bcol(&[
            Some(true),
            Some(false),
            Some(true),
            Some(true),
            None,
            Some(true),
        ]);
        let x = lcol(&[Some(1), Some(2), Some(3), Some(3), Some(4), Some(5)]);
        assert_eq!(
            run("dcountif", vec![x, p], &g, 2),
            vec![lv(Some(2)), lv(Some(2))]
        );
        assert_eq!(
            empty("dcountif", vec![lcol(&[]), bcol(&[])]),
            Value::Long(Some(0))
        );
    }
}
