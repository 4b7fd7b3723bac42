//! Typed access to [`ColumnarValue`]s for kernels: a column slice or one scalar standing
//! for every row, so loops run over slices without per-row dispatch.

use super::ColumnarValue;
use crate::table::{Column, StringColumn};
use crate::value::Value;

/// An `i64`-backed operand (`long`, `datetime`, `timespan`).
#[derive(Debug, Clone, Copy)]
pub enum I64s<'a> {
    /// One value per row.
    Col(&'a [Option<i64>]),
    /// The same value for all rows.
    Scalar(Option<i64>),
}

impl I64s<'_> {
    /// Row `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<i64> {
        match self {
            I64s::Col(v) => v.get(i).copied().flatten(),
            I64s::Scalar(s) => *s,
        }
    }
}

/// The `i64` view of a `long`, `datetime` or `timespan` operand.
pub fn i64s(v: &ColumnarValue) -> Option<I64s<'_>> {
    Some(match v {
        ColumnarValue::Column(c) => match c.as_ref() {
            Column::Long(x) | Column::DateTime(x) | Column::TimeSpan(x) => I64s::Col(x),
            _ => return None,
        },
        ColumnarValue::Scalar(s) => match s {
            Value::Long(x) | Value::DateTime(x) | Value::TimeSpan(x) => I64s::Scalar(*x),
            _ => return None,
        },
    })
}

/// A `real` operand.
#[derive(Debug, Clone, Copy)]
pub enum F64s<'a> {
    /// One value per row.
    Col(&'a [Option<f64>]),
    /// The same value for all rows.
    Scalar(Option<f64>),
}

impl F64s<'_> {
    /// Row `i`.
    #[inline]
    pub fn get(&self, i: usize) -> Option<f64> {
        match self {
            F64s::Col(v) => v.get(i).copied().flatten(),
            F64s::Scalar(s) => *s,
        }
    }
}

/// The view of a `real` operand.
pub fn f64s(v: &ColumnarValue) -> Option<F64s<'_>> {
    Some(match v {
        ColumnarValue::Column(c) => match c.as_ref() {
            Column::Real(x) => F64s::Col(x),
            _ => return None,
        },
        ColumnarValue::Scalar(Value::Real(x)) => F64s::Scalar(*x),
        _ => return None,
    })
}

/// A `string` operand.
#[derive(Debug, Clone, Copy)]
pub enum Strs<'a> {
    /// One value per row.
    Col(&'a StringColumn),
    /// The same value for all rows.
    Scalar(&'a str),
}

impl<'a> Strs<'a> {
    /// Row `i`.
    #[inline]
    pub fn get(&self, i: usize) -> &'a str {
        match self {
            Strs::Col(c) => c.get(i),
            Strs::Scalar(s) => s,
        }
    }
}

/// The view of a `string` operand.
pub fn strs(v: &ColumnarValue) -> Option<Strs<'_>> {
    Some(match v {
        ColumnarValue::Column(c) => match c.as_ref() {
            Column::String(s) => Strs::Col(s),
            _ => return None,
        },
        ColumnarValue::Scalar(Value::String(s)) => Strs::Scalar(s),
        _ => return None,
    })
}

/// Evaluates a predicate on every row of a string column; on a dictionary column it runs
/// once per distinct value.
pub fn string_predicate(
    col: &StringColumn,
    mut f: impl FnMut(&str) -> Option<bool>,
) -> Vec<Option<bool>> {
    match col {
        StringColumn::Dict { codes, values } => {
            let per_value: Vec<Option<bool>> = values.iter().map(&mut f).collect();
            codes
                .iter()
                .map(|&c| per_value.get(c as usize).copied().flatten())
                .collect()
        }
        StringColumn::Plain(a) => a.iter().map(f).collect(),
    }
}

/// A bool result: a scalar when both inputs were scalars, else a column.
pub fn bools_result(all_scalar: bool, out: Vec<Option<bool>>) -> ColumnarValue {
    if all_scalar {
        ColumnarValue::Scalar(Value::Bool(out.first().copied().flatten()))
    } else {
        ColumnarValue::from(Column::Bool(out))
    }
}

/// Number of rows to loop over: 1 when every operand is a scalar.
pub fn loop_rows(args: &[&ColumnarValue], rows: usize) -> (bool, usize) {
    let all_scalar = args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_)));
    (all_scalar, if all_scalar { 1 } else { rows })
}
