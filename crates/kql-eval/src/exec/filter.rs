//! `where`: keeps the rows whose predicate is true. A conjunction (`a and b and c`, also
//! from merged `where` steps) runs its most selective-looking parts first, and once few
//! rows are left, evaluates the rest on those rows only.

use super::ExecContext;
use crate::bind::plan::{BoundExpr, BoundExprKind};
use crate::error::EvalError;
use crate::expr::{evaluate, ColumnarValue};
use crate::table::{Column, Table};
use crate::value::Value;

/// Below this share of surviving rows, later conjuncts run on the survivors only.
const SUBSET_SHARE: usize = 4;

/// The rows of `input` where `predicate` is true.
pub fn filter(input: Table, predicate: &BoundExpr, ctx: &ExecContext) -> Result<Table, EvalError> {
    let mut conjuncts: Vec<&BoundExpr> = Vec::new();
    if has_volatile(predicate) {
        conjuncts.push(predicate);
    } else {
        flatten_and(predicate, &mut conjuncts);
        conjuncts.sort_by_key(|x| rank(x));
    }
    let total = input.num_rows();
    // Whether `current` holds only the rows that passed so far (else all input rows).
    let mut subset = false;
    let mut current = input.clone();
    let mut pending: Option<Vec<Option<bool>>> = None;
    for c in conjuncts {
        ctx.check_time()?;
        let mask = evaluate(c, &current, ctx.now)?;
        let mask: Vec<Option<bool>> = match mask {
            ColumnarValue::Scalar(Value::Bool(Some(true))) => continue,
            ColumnarValue::Scalar(_) => return Ok(input.take(&[])),
            ColumnarValue::Column(col) => match col.as_ref() {
                Column::Bool(b) => b.clone(),
                _ => return Err(EvalError::internal("where predicate is not bool")),
            },
        };
        // Combine with the masks of earlier conjuncts evaluated over the same rows.
        let mask = match pending.take() {
            Some(prev) => prev
                .into_iter()
                .zip(mask)
                .map(|(a, b)| Some(a == Some(true) && b == Some(true)))
                .collect(),
            None => mask,
        };
        let kept = mask.iter().filter(|m| **m == Some(true)).count();
        if kept * SUBSET_SHARE <= current.num_rows() {
            let positions: Vec<usize> = mask
                .iter()
                .enumerate()
                .filter(|(_, m)| **m == Some(true))
                .map(|(i, _)| i)
                .collect();
            current = current.take(&positions);
            subset = true;
        } else {
            pending = Some(mask);
        }
    }
    let positions_in_current: Option<Vec<usize>> = pending.map(|m| {
        m.iter()
            .enumerate()
            .filter(|(_, v)| **v == Some(true))
            .map(|(i, _)| i)
            .collect()
    });
    match (subset, positions_in_current) {
        (false, None) => Ok(input),
        (false, Some(p)) if p.len() == total => Ok(input),
        (false, Some(p)) => Ok(input.take(&p)),
        (true, None) => Ok(current),
        (true, Some(p)) => Ok(current.take(&p)),
    }
}

/// The parts of a conjunction, nested `and`s included.
fn flatten_and<'a>(e: &'a BoundExpr, out: &mut Vec<&'a BoundExpr>) {
    match &e.kind {
        BoundExprKind::And(a, b) => {
            flatten_and(a, out);
            flatten_and(b, out);
        }
        BoundExprKind::AndAll(xs) => xs.iter().for_each(|x| flatten_and(x, out)),
        _ => out.push(e),
    }
}

/// Cheap and usually selective first: string matches and equality, then ranges, then the
/// rest.
fn rank(e: &BoundExpr) -> u8 {
    match &e.kind {
        BoundExprKind::InList { .. }
        | BoundExprKind::StringOp { .. }
        | BoundExprKind::EqualsCi { .. } => 0,
        BoundExprKind::Compare { .. } | BoundExprKind::Between { .. } => 1,
        _ => 2,
    }
}

/// True when `e` calls a function whose value depends on more than the row (`rand`,
/// window functions): such predicates must see every row.
fn has_volatile(e: &BoundExpr) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        if let BoundExprKind::Call { func, .. } = &x.kind {
            found |= func.volatile;
        }
    });
    found
}

fn visit(e: &BoundExpr, f: &mut impl FnMut(&BoundExpr)) {
    f(e);
    match &e.kind {
        BoundExprKind::Literal(_) | BoundExprKind::Column(_) => {}
        BoundExprKind::Neg(x) => visit(x, f),
        BoundExprKind::Arith { lhs, rhs, .. }
        | BoundExprKind::Compare { lhs, rhs, .. }
        | BoundExprKind::EqualsCi { lhs, rhs, .. }
        | BoundExprKind::StringOp { lhs, rhs, .. }
        | BoundExprKind::MatchesRegex { lhs, rhs } => {
            visit(lhs, f);
            visit(rhs, f);
        }
        BoundExprKind::And(a, b) | BoundExprKind::Or(a, b) => {
            visit(a, f);
            visit(b, f);
        }
        BoundExprKind::AndAll(xs) | BoundExprKind::OrAny(xs) => xs.iter().for_each(|x| visit(x, f)),
        BoundExprKind::InList { lhs, list, .. } => {
            visit(lhs, f);
            list.iter().for_each(|x| visit(x, f));
        }
        BoundExprKind::Between { lhs, low, high, .. } => {
            visit(lhs, f);
            visit(low, f);
            visit(high, f);
        }
        BoundExprKind::Call { args, .. } => args.iter().for_each(|x| visit(x, f)),
        BoundExprKind::Member { target, .. } | BoundExprKind::GeoInfo { ip: target, .. } => {
            visit(target, f)
        }
        BoundExprKind::Index { target, index } => {
            visit(target, f);
            visit(index, f);
        }
    }
}
