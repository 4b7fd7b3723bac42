//! `in`, `!in`, `in~`, `!in~`, `has_any`, `has_all` (q/in-operator.md,
//! q/has-any-operator.md). Dynamic arrays in the list are flattened into it.

use super::kernel::{bools_result, loop_rows, string_predicate, strs, Strs};
use super::string_ops::{MatchKind, TermMatcher};
use super::{compare_values, ColumnarValue};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::ListOp;
use std::cmp::Ordering;
use std::collections::HashSet;

/// A dynamic element converted to the tested value's type (`None` if it does not fit).
fn from_dynamic(d: &Dynamic, ty: DataType) -> Option<Value> {
    Some(match (ty, d) {
        (DataType::String, other) => Value::String(other.to_kql_string()),
        (DataType::Long, Dynamic::Long(i)) => Value::Long(Some(*i)),
        (DataType::Long, Dynamic::Real(r)) if r.fract() == 0.0 => Value::Long(Some(*r as i64)),
        (DataType::Real, Dynamic::Long(i)) => Value::Real(Some(*i as f64)),
        (DataType::Real, Dynamic::Real(r)) => Value::Real(Some(*r)),
        (DataType::Bool, Dynamic::Bool(b)) => Value::Bool(Some(*b)),
        (DataType::DateTime, Dynamic::DateTime(t)) => Value::DateTime(Some(*t)),
        (DataType::TimeSpan, Dynamic::TimeSpan(t)) => Value::TimeSpan(Some(*t)),
        (DataType::Guid, Dynamic::Guid(g)) => Value::Guid(Some(*g)),
        (DataType::Dynamic, other) => Value::Dynamic(other.clone()),
        _ => return None,
    })
}

/// The list's values at row `i`, flattened and converted to `ty`.
fn list_values(items: &[ColumnarValue], i: usize, ty: DataType) -> Vec<Value> {
    let mut out = Vec::new();
    for item in items {
        match item.get(i) {
            Value::Dynamic(Dynamic::Array(a)) => {
                out.extend(a.iter().filter_map(|d| from_dynamic(d, ty)));
            }
            Value::Dynamic(d) => out.extend(from_dynamic(&d, ty)),
            v => out.push(v),
        }
    }
    out
}

/// The list operator over a tested value and list items.
pub fn in_list(
    op: ListOp,
    lhs: &ColumnarValue,
    items: &[ColumnarValue],
    rows: usize,
) -> Result<ColumnarValue, EvalError> {
    let mut all: Vec<&ColumnarValue> = vec![lhs];
    all.extend(items.iter());
    let (all_scalar, n) = loop_rows(&all, rows);
    let list_is_constant = items.iter().all(|x| matches!(x, ColumnarValue::Scalar(_)));
    let ty = lhs.data_type();
    let out = if list_is_constant {
        let values = list_values(items, 0, ty);
        constant_list(op, lhs, &values, n)?
    } else {
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let values = list_values(items, i, ty);
            let x = lhs.get(i);
            out.push(row_test(op, &x, &values)?);
        }
        out
    };
    Ok(bools_result(all_scalar, out))
}

fn row_test(op: ListOp, x: &Value, values: &[Value]) -> Result<Option<bool>, EvalError> {
    let text = |v: &Value| v.to_kql_string();
    Ok(Some(match op {
        ListOp::In | ListOp::NotIn => {
            let hit = !x.is_null()
                && values
                    .iter()
                    .any(|v| compare_values(x, v) == Some(Ordering::Equal));
            hit == (op == ListOp::In)
        }
        ListOp::InCi | ListOp::NotInCi => {
            let h = text(x).to_lowercase();
            let hit = values.iter().any(|v| text(v).to_lowercase() == h);
            hit == (op == ListOp::InCi)
        }
        ListOp::HasAny | ListOp::HasAll => {
            let needles: Vec<String> = values.iter().map(text).collect();
            let refs: Vec<&str> = needles.iter().map(String::as_str).collect();
            let m = TermMatcher::new(&refs, MatchKind::Term, false)?;
            if op == ListOp::HasAny {
                m.matches_any(&text(x))
            } else {
                m.matches_all(&text(x))
            }
        }
    }))
}

fn constant_list(
    op: ListOp,
    lhs: &ColumnarValue,
    values: &[Value],
    n: usize,
) -> Result<Vec<Option<bool>>, EvalError> {
    match op {
        ListOp::HasAny | ListOp::HasAll => {
            let needles: Vec<String> = values.iter().map(Value::to_kql_string).collect();
            let refs: Vec<&str> = needles.iter().map(String::as_str).collect();
            let m = TermMatcher::new(&refs, MatchKind::Term, false)?;
            let any = op == ListOp::HasAny;
            let test = |h: &str| {
                Some(if any {
                    m.matches_any(h)
                } else {
                    m.matches_all(h)
                })
            };
            Ok(match strs(lhs) {
                Some(Strs::Col(c)) => string_predicate(c, test),
                Some(Strs::Scalar(h)) => vec![test(h); n],
                None => return Err(EvalError::internal("has_any on a non-string")),
            })
        }
        ListOp::InCi | ListOp::NotInCi => {
            let set: HashSet<String> = values
                .iter()
                .map(|v| v.to_kql_string().to_lowercase())
                .collect();
            let want = op == ListOp::InCi;
            let test = |h: &str| Some(set.contains(&h.to_lowercase()) == want);
            Ok(match strs(lhs) {
                Some(Strs::Col(c)) => string_predicate(c, test),
                Some(Strs::Scalar(h)) => vec![test(h); n],
                None => return Err(EvalError::internal("in~ on a non-string")),
            })
        }
        ListOp::In | ListOp::NotIn => {
            let want = op == ListOp::In;
            if let Some(s) = strs(lhs) {
                let set: HashSet<&str> = values
                    .iter()
                    .filter_map(|v| match v {
                        Value::String(s) => Some(s.as_str()),
                        _ => None,
                    })
                    .collect();
                let test = |h: &str| Some(set.contains(h) == want);
                return Ok(match s {
                    Strs::Col(c) => string_predicate(c, test),
                    Strs::Scalar(h) => vec![test(h); n],
                });
            }
            Ok((0..n)
                .map(|i| {
                    let x = lhs.get(i);
                    let hit = !x.is_null()
                        && values
                            .iter()
                            .any(|v| compare_values(&x, v) == Some(Ordering::Equal));
                    Some(hit == want)
                })
                .collect())
        }
    }
}
