//! `parse` / `parse-where` (q/parse-operator.md, q/parse-where-operator.md): one regex
//! (built by the binder) per operator, run once per row, or once per distinct value of a
//! dictionary-encoded column.

use super::{execute, ExecContext};
use crate::bind::ops::{group_name, ParseMode, ParsePlan};
use crate::error::EvalError;
use crate::expr::{evaluate, ColumnarValue};
use crate::functions::scalar::convert::cast;
use crate::table::{Column, Field, StringColumn, Table};
use crate::types::DataType;
use std::sync::Arc;

/// The captured text of each parsed column, or `None` when the text does not match.
type Captures = Option<Vec<String>>;

/// Runs `p` over its input; the output has `schema`.
pub fn parse(p: &ParsePlan, schema: &[Field], ctx: &ExecContext) -> Result<Table, EvalError> {
    let input = execute(&p.input, ctx)?;
    let rows = input.num_rows();
    let text = evaluate(&p.expr, &input, ctx.now)?.into_column(rows);
    let Column::String(strings) = text.as_ref() else {
        return Err(EvalError::internal("parse input is not a string"));
    };
    let n = p.types.len();
    let names: Vec<String> = (0..n).map(group_name).collect();
    // Captured text per parsed column, and whether each row matched.
    let mut captured: Vec<Vec<String>> = vec![Vec::with_capacity(rows); n];
    let mut matched = vec![false; rows];
    let run = |text: &str| -> Option<Vec<String>> {
        p.regex.captures(text).map(|c| {
            names
                .iter()
                .map(|name| c.name(name).map_or("", |g| g.as_str()).to_string())
                .collect()
        })
    };
    // On a dictionary column the regex runs once per distinct value.
    let distinct: Option<(&[u32], Vec<Captures>)> = match strings {
        StringColumn::Dict { codes, values } if values.len() < rows => {
            let mut per_value = Vec::with_capacity(values.len());
            for (i, v) in values.iter().enumerate() {
                if i % 65_536 == 0 {
                    ctx.check_time()?;
                }
                per_value.push(run(v));
            }
            Some((codes.as_slice(), per_value))
        }
        _ => None,
    };
    for (r, hit) in matched.iter_mut().enumerate() {
        if r % 65_536 == 0 {
            ctx.check_time()?;
        }
        let found = match &distinct {
            Some((codes, per_value)) => codes
                .get(r)
                .and_then(|&c| per_value.get(c as usize))
                .cloned()
                .flatten(),
            None => run(strings.get(r)),
        };
        match found {
            Some(values) => {
                *hit = true;
                for (out, v) in captured.iter_mut().zip(values) {
                    out.push(v);
                }
            }
            None => captured.iter_mut().for_each(|out| out.push(String::new())),
        }
    }
    // Convert each column to its type; a text that fails to convert is null.
    let mut parsed: Vec<Arc<Column>> = Vec::with_capacity(n);
    for (k, ty) in p.types.iter().enumerate() {
        let col = Arc::new(Column::String(StringColumn::from_strs(
            captured[k].iter().map(String::as_str),
        )));
        parsed.push(if *ty == DataType::String {
            col
        } else {
            cast(&ColumnarValue::Column(col), *ty).into_column(rows)
        });
    }
    // Strict modes: a typed column that failed to convert fails the whole row.
    if p.mode == ParseMode::Strict {
        for r in 0..rows {
            if matched[r]
                && p.types.iter().enumerate().any(|(k, ty)| {
                    *ty != DataType::String && parsed[k].is_null(r) && !captured[k][r].is_empty()
                })
            {
                matched[r] = false;
            }
        }
    }
    let keep: Option<Vec<usize>> = p
        .drop_unmatched
        .then(|| (0..rows).filter(|&r| matched[r]).collect());
    // Unmatched rows get nulls (empty strings) in every parsed column.
    if !p.drop_unmatched && matched.iter().any(|m| !m) {
        for (k, ty) in p.types.iter().enumerate() {
            let nulls = Column::nulls(*ty, 1);
            let idx: Vec<usize> = (0..rows).collect();
            let mut values = Vec::with_capacity(rows);
            for r in idx {
                values.push(if matched[r] {
                    parsed[k].get(r)
                } else {
                    nulls.get(0)
                });
            }
            parsed[k] = Arc::new(Column::from_values(*ty, values.iter()));
        }
    }
    let mut columns = Vec::with_capacity(schema.len());
    for out in &p.outputs {
        let col = match *out {
            Ok(i) => input
                .columns()
                .get(i)
                .cloned()
                .ok_or_else(|| EvalError::internal("parse input column"))?,
            Err(k) => Arc::clone(&parsed[k]),
        };
        columns.push(match &keep {
            Some(rows) => Arc::new(col.take(rows)),
            None => col,
        });
    }
    let table =
        Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))?;
    Ok(table)
}
