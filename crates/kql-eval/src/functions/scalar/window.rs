//! Window functions over a serialized row set: `row_number`, `prev`, `next`, `row_cumsum`,
//! `row_rank_dense`, `row_rank_min`, `row_window_session` (q/window-functions.md,
//! q/row-number-function.md, q/prev-function.md, q/next-function.md,
//! q/row-cumsum-function.md).
//!
//! They read neighbouring rows, so they assume `eval` sees the whole serialized input (in
//! order) in one call; they are marked volatile so they are never constant-folded. The
//! binder is expected to allow them only on serialized input (after `sort`, `top`,
//! `serialize`, ...).

use super::def;
use super::kernel::{
    any, arg, as_type, bools, common_type, finish, i64s, AnyView, OLong, Prim, Src, View,
};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::table::Column;
use crate::types::DataType;
use rust_decimal::Decimal;
use std::sync::Arc;

pub(super) fn functions() -> Vec<ScalarFunction> {
    let shift_sig = sig![
        a("column", ArgType::Any),
        opt("offset", ArgType::Long),
        opt("default_value", ArgType::Any)
    ];
    let shift_type =
        ReturnType::Custom(|t, _| common_type(&[t.first().copied().unwrap_or(DataType::Dynamic)]));
    let volatile = |f: ScalarFunction| ScalarFunction {
        volatile: true,
        ..f
    };
    vec![
        volatile(def(
            "row_number",
            sig![
                opt("start_index", ArgType::Long),
                opt("restart", ArgType::Bool)
            ],
            ReturnType::Fixed(DataType::Long),
            row_number,
        )),
        volatile(def("prev", shift_sig, shift_type, |args, ctx| {
            shifted(args, ctx, false)
        })),
        volatile(def("next", shift_sig, shift_type, |args, ctx| {
            shifted(args, ctx, true)
        })),
        volatile(def(
            "row_cumsum",
            sig![
                a(
                    "term",
                    ArgType::OneOf(&[
                        DataType::Int,
                        DataType::Long,
                        DataType::Real,
                        DataType::Decimal,
                        DataType::TimeSpan
                    ])
                ),
                opt("restart", ArgType::Bool)
            ],
            ReturnType::Custom(|t, _| match t.first() {
                Some(DataType::Int) | None => DataType::Long,
                Some(t) => *t,
            }),
            row_cumsum,
        )),
        volatile(def(
            "row_rank_dense",
            sig![a("term", ArgType::Any), opt("restart", ArgType::Bool)],
            ReturnType::Fixed(DataType::Long),
            |args, ctx| row_rank(args, ctx, true),
        )),
        volatile(def(
            "row_rank_min",
            sig![a("term", ArgType::Any), opt("restart", ArgType::Bool)],
            ReturnType::Fixed(DataType::Long),
            |args, ctx| row_rank(args, ctx, false),
        )),
        volatile(def(
            "row_window_session",
            sig![
                a("expr", ArgType::DateTime),
                a("max_distance_from_first", ArgType::TimeSpan),
                a("max_distance_between_neighbors", ArgType::TimeSpan),
                opt("restart", ArgType::Bool)
            ],
            ReturnType::Fixed(DataType::DateTime),
            row_window_session,
        )),
    ]
}

/// `row_rank_dense(term[, restart])` (`dense`): 1, then one more each time the term differs
/// from the previous row's (q/row-rank-dense-function.md); `row_rank_min(term[, restart])`:
/// equal terms share the row number of the first of them (q/row-rank-min-function.md).
/// Both start again at 1 on rows where `restart` is true.
fn row_rank(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    dense: bool,
) -> Result<ColumnarValue, EvalError> {
    let term = any(arg(args, 0)?);
    let restart = restarts(args, 1)?;
    let (mut rank, mut row) = (0i64, 0i64);
    let xs: Vec<Option<i64>> = (0..ctx.rows)
        .map(|i| {
            let first = i == 0 || restart.at(i) == Some(true);
            if first {
                row = 0;
            }
            row += 1;
            if first || term.at(i) != term.at(i - 1) {
                rank = if dense && !first { rank + 1 } else { row };
            }
            Some(rank)
        })
        .collect();
    Ok(finish::<OLong>(xs, false))
}

/// `row_window_session(expr, maxFromFirst, maxBetweenNeighbors[, restart])`: the value that
/// started each row's session. A row starts a session when there is no session (or the
/// previous value was null), when it is at least `maxFromFirst` after the session start or
/// `maxBetweenNeighbors` after the previous value, or when `restart` is true; a null value
/// gives null (q/row-window-session-function.md).
fn row_window_session(
    args: &[ColumnarValue],
    ctx: &EvalContext,
) -> Result<ColumnarValue, EvalError> {
    let t = i64s(arg(args, 0)?)?;
    let from_first = i64s(arg(args, 1)?)?;
    let between = i64s(arg(args, 2)?)?;
    let restart = restarts(args, 3)?;
    let (mut start, mut prev): (Option<i64>, Option<i64>) = (None, None);
    let xs: Vec<Option<i64>> = (0..ctx.rows)
        .map(|i| {
            let Some(v) = t.at(i) else {
                start = None;
                prev = None;
                return None;
            };
            let reached = |base: Option<i64>, limit: Option<i64>| match (base, limit) {
                (Some(b), Some(l)) => v >= b.saturating_add(l),
                _ => false,
            };
            let new_session = start.is_none()
                || prev.is_none()
                || reached(start, from_first.at(i))
                || reached(prev, between.at(i))
                || restart.at(i) == Some(true);
            if new_session {
                start = Some(v);
            }
            prev = Some(v);
            start
        })
        .collect();
    Ok(ColumnarValue::Column(Arc::new(Column::DateTime(xs))))
}

/// `restart` argument `i` as a view (false when absent).
fn restarts(args: &[ColumnarValue], i: usize) -> Result<Prim<'_, bool>, EvalError> {
    match args.get(i) {
        Some(r) => bools(r),
        None => Ok(Prim::Scalar(Some(false))),
    }
}

/// `row_number([start[, restart]])`: 1, 2, 3, ... (from `start`), back to `start` on rows
/// where `restart` is true.
fn row_number(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let start = match args.first() {
        Some(s) => i64s(s)?,
        None => Prim::Scalar(Some(1)),
    };
    let restart = restarts(args, 1)?;
    let mut n: Option<i64> = None;
    let xs: Vec<Option<i64>> = (0..ctx.rows)
        .map(|i| {
            let first = start.at(i).unwrap_or(1);
            n = match n {
                Some(k) if restart.at(i) != Some(true) => k.checked_add(1),
                _ => Some(first),
            };
            n
        })
        .collect();
    Ok(finish::<OLong>(xs, false))
}

/// `prev(col[, offset[, default]])` / `next(...)`: the value `offset` rows before (after);
/// `default` (null when absent) past the edge.
fn shifted(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    forward: bool,
) -> Result<ColumnarValue, EvalError> {
    let col = arg(args, 0)?;
    let ty = common_type(&[col.data_type()]);
    let offset = match args.get(1) {
        Some(o) => i64s(o)?,
        None => Prim::Scalar(Some(1)),
    };
    let fallback = match args.get(2) {
        Some(d) => as_type(d, ty),
        None => std::borrow::Cow::Owned(ColumnarValue::Scalar(crate::value::Value::null(ty))),
    };
    // choice 0: the column itself, read at a shifted row; choice 1: the default.
    let n = ctx.rows as i64;
    let source: Vec<Option<usize>> = (0..ctx.rows)
        .map(|i| {
            let off = offset.at(i)?;
            let j = if forward {
                (i as i64).checked_add(off)?
            } else {
                (i as i64).checked_sub(off)?
            };
            (0..n).contains(&j).then_some(j as usize)
        })
        .collect();
    let col = as_type(col, ty);
    let (view, fb) = (any(&col), any(&fallback));
    Ok(gather(ty, &view, &fb, &source))
}

/// Row `i` takes `view` at row `source[i]`, or the fallback's row `i`.
fn gather(
    ty: DataType,
    view: &AnyView<'_>,
    fb: &AnyView<'_>,
    source: &[Option<usize>],
) -> ColumnarValue {
    let values: Vec<crate::value::Value> = source
        .iter()
        .enumerate()
        .map(|(i, s)| match s {
            Some(j) => view.at(*j).to_value(),
            None => fb.at(i).to_value(),
        })
        .collect();
    ColumnarValue::Column(Arc::new(Column::from_values(ty, values.iter())))
}

/// `row_cumsum(term[, restart])`: the running sum (nulls add nothing), reset before rows
/// where `restart` is true.
fn row_cumsum(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let term = arg(args, 0)?;
    let restart = restarts(args, 1)?;
    let reset = |i: usize| restart.at(i) == Some(true);
    let v = any(term);
    Ok(match term.data_type() {
        DataType::Real => {
            let mut acc = 0.0;
            let xs = (0..ctx.rows)
                .map(|i| {
                    if reset(i) {
                        acc = 0.0;
                    }
                    acc += super::convert::to_real(v.at(i)).unwrap_or(0.0);
                    Some(acc)
                })
                .collect();
            ColumnarValue::Column(Arc::new(Column::Real(xs)))
        }
        DataType::Decimal => {
            let mut acc = Some(Decimal::ZERO);
            let xs = (0..ctx.rows)
                .map(|i| {
                    if reset(i) {
                        acc = Some(Decimal::ZERO);
                    }
                    let x = super::convert::to_decimal(v.at(i)).unwrap_or(Decimal::ZERO);
                    acc = acc.and_then(|a| a.checked_add(x));
                    acc
                })
                .collect();
            ColumnarValue::Column(Arc::new(Column::Decimal(xs)))
        }
        ty => {
            let mut acc = Some(0i64);
            let xs: Vec<Option<i64>> = (0..ctx.rows)
                .map(|i| {
                    if reset(i) {
                        acc = Some(0);
                    }
                    let x = match v.at(i) {
                        Src::Int(x) => x.map(i64::from),
                        Src::Long(x) | Src::TimeSpan(x) => x,
                        _ => None,
                    };
                    acc = acc.and_then(|a| a.checked_add(x.unwrap_or(0)));
                    acc
                })
                .collect();
            ColumnarValue::Column(Arc::new(if ty == DataType::TimeSpan {
                Column::TimeSpan(xs)
            } else {
                Column::Long(xs)
            }))
        }
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::expr::ColumnarValue;
    use crate::functions::EvalContext;

    fn run(name: &str, args: Vec<ColumnarValue>, rows: usize) -> Vec<crate::value::Value> {
        let f = lookup(name);
        let out = (f.eval)(&args, &EvalContext { now: NOW, rows })
            .unwrap()
            .into_column(rows);
        (0..rows).map(|i| out.get(i)).collect()
    }

    #[test]
    fn row_number_and_restart() {
        // q/row-number-function.md
        assert_eq!(
            run("row_number", vec![], 3),
            vec![lv(Some(1)), lv(Some(2)), lv(Some(3))]
        );
        assert_eq!(
            run("row_number", vec![l(10)], 2),
            vec![lv(Some(10)), lv(Some(11))]
        );
        let restart = bcol(&[Some(false), Some(false), Some(true), Some(false)]);
        assert_eq!(
            run("row_number", vec![l(1), restart], 4),
            vec![lv(Some(1)), lv(Some(2)), lv(Some(1)), lv(Some(2))]
        );
    }

    #[test]
    fn ranks() {
        // q/row-rank-dense-function.md, q/row-rank-min-function.md
        let x = lcol(&[Some(10), Some(10), Some(8), Some(5), Some(5)]);
        let ls = |xs: &[i64]| xs.iter().map(|x| lv(Some(*x))).collect::<Vec<_>>();
        assert_eq!(
            run("row_rank_dense", vec![x.clone()], 5),
            ls(&[1, 1, 2, 3, 3])
        );
        assert_eq!(
            run("row_rank_min", vec![x.clone()], 5),
            ls(&[1, 1, 3, 4, 4])
        );
        let restart = bcol(&[
            Some(false),
            Some(false),
            Some(true),
            Some(false),
            Some(false),
        ]);
        assert_eq!(
            run("row_rank_min", vec![x, restart], 5),
            ls(&[1, 1, 1, 2, 2])
        );
    }

    #[test]
    fn sessions() {
        // q/row-window-session-function.md: a new session when at least maxFromFirst after
        // the start or maxBetweenNeighbors after the previous value; null gives null and
        // the next value starts a session.
        let m = 60 * 10_000_000;
        let t = dtcol(&[
            Some(0),
            Some(10 * m),
            Some(50 * m),
            Some(60 * m),
            None,
            Some(65 * m),
        ]);
        let dts = |xs: &[Option<i64>]| {
            xs.iter()
                .map(|x| crate::value::Value::DateTime(*x))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            run(
                "row_window_session",
                vec![t.clone(), ts(60 * m), ts(15 * m)],
                6
            ),
            dts(&[
                Some(0),
                Some(0),
                Some(50 * m),
                Some(50 * m),
                None,
                Some(65 * m)
            ])
        );
        // 10 minutes between neighbours is not less than a 10-minute limit
        assert_eq!(
            run("row_window_session", vec![t, ts(60 * m), ts(10 * m)], 6),
            dts(&[
                Some(0),
                Some(10 * m),
                Some(50 * m),
                Some(60 * m),
                None,
                Some(65 * m)
            ])
        );
    }

    #[test]
    fn prev_and_next() {
        // q/prev-function.md, q/next-function.md
        let x = lcol(&[Some(1), Some(2), Some(3)]);
        assert_eq!(
            run("prev", vec![x.clone()], 3),
            vec![lv(None), lv(Some(1)), lv(Some(2))]
        );
        assert_eq!(
            run("next", vec![x.clone()], 3),
            vec![lv(Some(2)), lv(Some(3)), lv(None)]
        );
        assert_eq!(
            run("prev", vec![x.clone(), l(2), l(-1)], 3),
            vec![lv(Some(-1)), lv(Some(-1)), lv(Some(1))]
        );
        assert_eq!(
            run("next", vec![scol(&["a", "b"])], 2),
            vec![sv("b"), sv("")]
        );
    }

    #[test]
    fn cumulative_sums() {
        // q/row-cumsum-function.md
        let x = lcol(&[Some(1), None, Some(3), Some(4)]);
        assert_eq!(
            run("row_cumsum", vec![x.clone()], 4),
            vec![lv(Some(1)), lv(Some(1)), lv(Some(4)), lv(Some(8))]
        );
        let restart = bcol(&[Some(false), Some(false), Some(true), Some(false)]);
        assert_eq!(
            run("row_cumsum", vec![x, restart], 4),
            vec![lv(Some(1)), lv(Some(1)), lv(Some(3)), lv(Some(7))]
        );
        assert_eq!(
            run("row_cumsum", vec![rcol(&[Some(0.5), Some(1.0)])], 2),
            vec![rv(Some(0.5)), rv(Some(1.5))]
        );
    }
}
