//! Evaluates a [`BoundExpr`] over a table, column at a time.

use super::kernel::{i64s, loop_rows, strs};
use super::{arith, compare, in_list, string_ops, ColumnarValue};
use crate::bind::plan::{BoundExpr, BoundExprKind};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::functions::{EvalContext, ScalarFunction};
use crate::table::{Column, StringColumn, Table};
use crate::value::Value;
use kql_parser::ast::{DynamicLiteral, Literal};
use std::str::FromStr;
use std::sync::Arc;

/// Evaluates `expr` over the rows of `input`.
pub fn evaluate(expr: &BoundExpr, input: &Table, now: i64) -> Result<ColumnarValue, EvalError> {
    let ctx = EvalContext {
        now,
        rows: input.num_rows(),
    };
    eval(expr, input, &ctx).map_err(|e| e.at(expr.span))
}

/// Evaluates an expression that reads no column.
pub fn evaluate_constant(expr: &BoundExpr, now: i64) -> Result<Value, EvalError> {
    let one = Table::with_rows(1);
    Ok(evaluate(expr, &one, now)?.get(0))
}

fn eval(e: &BoundExpr, input: &Table, ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let rows = ctx.rows;
    let sub = |x: &BoundExpr| eval(x, input, ctx).map_err(|err| err.at(x.span));
    match &e.kind {
        BoundExprKind::Literal(v) => Ok(ColumnarValue::Scalar(v.clone())),
        BoundExprKind::Column(i) => input
            .columns()
            .get(*i)
            .map(|c| ColumnarValue::Column(c.clone()))
            .ok_or_else(|| EvalError::internal(format!("column {i} is out of range"))),
        BoundExprKind::Neg(x) => arith::negate(&sub(x)?),
        BoundExprKind::Arith { op, lhs, rhs } => {
            arith::arith(*op, &sub(lhs)?, &sub(rhs)?, e.ty, rows)
        }
        BoundExprKind::Compare { op, lhs, rhs } => {
            compare::compare(*op, &sub(lhs)?, &sub(rhs)?, rows)
        }
        BoundExprKind::EqualsCi { negated, lhs, rhs } => {
            string_ops::equals_ci(*negated, &sub(lhs)?, &sub(rhs)?, rows)
        }
        BoundExprKind::StringOp { op, lhs, rhs } => {
            string_ops::string_op(*op, &sub(lhs)?, &sub(rhs)?, rows)
        }
        BoundExprKind::MatchesRegex { lhs, rhs } => {
            string_ops::matches_regex(&sub(lhs)?, &sub(rhs)?, rows)
        }
        BoundExprKind::And(a, b) => compare::and_or(true, &sub(a)?, &sub(b)?, rows),
        BoundExprKind::Or(a, b) => compare::and_or(false, &sub(a)?, &sub(b)?, rows),
        BoundExprKind::AndAll(xs) => compare::and_or_all(true, xs, rows, sub),
        BoundExprKind::OrAny(xs) => compare::and_or_all(false, xs, rows, sub),
        BoundExprKind::InList { op, lhs, list } => {
            let l = sub(lhs)?;
            let items = list.iter().map(sub).collect::<Result<Vec<_>, _>>()?;
            in_list::in_list(*op, &l, &items, rows)
        }
        BoundExprKind::Between {
            negated,
            lhs,
            low,
            high,
        } => compare::between(*negated, &sub(lhs)?, &sub(low)?, &sub(high)?, rows),
        BoundExprKind::Call { func, args } => {
            let args = args.iter().map(sub).collect::<Result<Vec<_>, _>>()?;
            if !func.volatile {
                if let Some(out) = call_per_distinct(func, &args, ctx)? {
                    return Ok(out);
                }
            }
            let out = (func.eval)(&args, ctx)?;
            if let ColumnarValue::Column(c) = &out {
                if c.len() != rows {
                    return Err(EvalError::internal(format!(
                        "function '{}' returned {} rows for {} input rows",
                        func.name,
                        c.len(),
                        rows
                    )));
                }
            }
            Ok(out)
        }
        BoundExprKind::GeoInfo { table, ip } => {
            crate::functions::scalar::geoip::geo_info(table.as_deref(), &sub(ip)?, rows)
        }
        BoundExprKind::Member { target, key } => {
            let t = sub(target)?;
            Ok(map_dynamic(&t, rows, |d| d.get_key(key)))
        }
        BoundExprKind::Index { target, index } => {
            let t = sub(target)?;
            let ix = sub(index)?;
            let (all_scalar, n) = loop_rows(&[&t, &ix], rows);
            let mut out = Vec::with_capacity(n);
            if let Some(keys) = strs(&ix) {
                for i in 0..n {
                    out.push(dynamic_at(&t, i).get_key(keys.get(i)));
                }
            } else if let Some(idx) = i64s(&ix) {
                for i in 0..n {
                    out.push(match idx.get(i) {
                        Some(k) => dynamic_at(&t, i).get_index(k),
                        None => Dynamic::Null,
                    });
                }
            } else {
                return Err(EvalError::internal("index is neither long nor string"));
            }
            Ok(dynamic_result(all_scalar, out))
        }
    }
}

/// Runs a function once per distinct value when its only column argument is a
/// dictionary-encoded string column (all other arguments scalars), then maps the codes.
fn call_per_distinct(
    func: &ScalarFunction,
    args: &[ColumnarValue],
    ctx: &EvalContext,
) -> Result<Option<ColumnarValue>, EvalError> {
    let mut dict = None;
    for (i, a) in args.iter().enumerate() {
        match a {
            ColumnarValue::Scalar(_) => {}
            ColumnarValue::Column(c) => match (c.as_ref(), dict) {
                (Column::String(StringColumn::Dict { codes, values }), None) => {
                    dict = Some((i, codes, values))
                }
                _ => return Ok(None),
            },
        }
    }
    let Some((pos, codes, values)) = dict else {
        return Ok(None);
    };
    if values.len() >= codes.len() {
        return Ok(None);
    }
    let mut distinct_args = args.to_vec();
    distinct_args[pos] =
        ColumnarValue::from(Column::String(StringColumn::Plain(values.as_ref().clone())));
    let distinct_ctx = EvalContext {
        rows: values.len(),
        ..*ctx
    };
    Ok(Some(match (func.eval)(&distinct_args, &distinct_ctx)? {
        ColumnarValue::Scalar(v) => ColumnarValue::Scalar(v),
        ColumnarValue::Column(per_value) => match per_value.as_ref() {
            Column::String(StringColumn::Plain(strings)) => {
                ColumnarValue::from(Column::String(StringColumn::Dict {
                    codes: codes.clone(),
                    values: Arc::new(strings.clone()),
                }))
            }
            other => ColumnarValue::from(other.take_u32(codes)),
        },
    }))
}

fn dynamic_at(v: &ColumnarValue, i: usize) -> Dynamic {
    match v {
        ColumnarValue::Column(c) => match c.as_ref() {
            Column::Dynamic(d) => d.get(i).cloned().unwrap_or_default(),
            other => other.get(i).to_dynamic(),
        },
        ColumnarValue::Scalar(s) => s.to_dynamic(),
    }
}

fn map_dynamic(v: &ColumnarValue, rows: usize, f: impl Fn(&Dynamic) -> Dynamic) -> ColumnarValue {
    match v {
        ColumnarValue::Scalar(s) => ColumnarValue::Scalar(Value::Dynamic(f(&s.to_dynamic()))),
        ColumnarValue::Column(c) => match c.as_ref() {
            Column::Dynamic(d) => ColumnarValue::from(Column::Dynamic(d.iter().map(f).collect())),
            other => ColumnarValue::from(Column::Dynamic(
                (0..rows).map(|i| f(&other.get(i).to_dynamic())).collect(),
            )),
        },
    }
}

fn dynamic_result(all_scalar: bool, mut out: Vec<Dynamic>) -> ColumnarValue {
    if all_scalar {
        ColumnarValue::Scalar(Value::Dynamic(out.pop().unwrap_or_default()))
    } else {
        ColumnarValue::from(Column::Dynamic(out))
    }
}

/// The value of a literal; an error message when it is out of range (a decimal that does
/// not fit, ...).
pub fn literal_value(l: &Literal) -> Result<Value, String> {
    Ok(match l {
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Int(i) => Value::Int(*i),
        Literal::Long(i) => Value::Long(*i),
        Literal::Real(r) => Value::Real(*r),
        Literal::Decimal(d) => Value::Decimal(match d {
            None => None,
            Some(text) => Some(
                rust_decimal::Decimal::from_str(text)
                    .or_else(|_| rust_decimal::Decimal::from_scientific(text))
                    .map_err(|e| format!("invalid decimal '{text}': {e}"))?,
            ),
        }),
        Literal::String(s) => Value::String(s.clone()),
        Literal::DateTime(t) => Value::DateTime(*t),
        Literal::TimeSpan(t) => Value::TimeSpan(*t),
        Literal::Guid(g) => Value::Guid(*g),
        Literal::Dynamic(d) => Value::Dynamic(dynamic_literal(d)),
    })
}

fn dynamic_literal(d: &DynamicLiteral) -> Dynamic {
    match d {
        DynamicLiteral::Null => Dynamic::Null,
        DynamicLiteral::Bool(b) => Dynamic::Bool(*b),
        DynamicLiteral::Int(i) => Dynamic::Long(i64::from(*i)),
        DynamicLiteral::Long(i) => Dynamic::Long(*i),
        DynamicLiteral::Real(r) => Dynamic::Real(*r),
        DynamicLiteral::String(s) => Dynamic::String(s.clone()),
        DynamicLiteral::DateTime(t) => Dynamic::DateTime(*t),
        DynamicLiteral::TimeSpan(t) => Dynamic::TimeSpan(*t),
        DynamicLiteral::Guid(g) => Dynamic::Guid(*g),
        DynamicLiteral::Array(a) => Dynamic::Array(a.iter().map(dynamic_literal).collect()),
        DynamicLiteral::Bag(b) => Dynamic::Bag(
            b.iter()
                .map(|(k, v)| (k.clone(), dynamic_literal(v)))
                .collect(),
        ),
    }
}
