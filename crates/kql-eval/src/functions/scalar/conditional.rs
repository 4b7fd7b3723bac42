//! Conditionals and null tests: `iff`, `case`, `coalesce`, `isnull`, `isempty`, `not`, ...

use super::def;
use super::kernel::{
    all_scalar, any, arg, as_type, bools, common_type, is_empty_at, map1, select, shape, OBool,
    Src, View,
};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;
use crate::value::Value;

pub(super) fn functions() -> Vec<ScalarFunction> {
    let bool_of_any = sig![a("value", ArgType::Any)];
    let fixed_bool = ReturnType::Fixed(DataType::Bool);
    vec![
        ScalarFunction {
            aliases: &["iif"],
            ..def(
                "iff",
                sig![
                    a("condition", ArgType::Bool),
                    a("then", ArgType::Any),
                    a("else", ArgType::Any),
                ],
                ReturnType::Custom(|t, _| common_type(t.get(1..).unwrap_or_default())),
                iff,
            )
        },
        def(
            "case",
            var_sig![1001;
                a("predicate", ArgType::Bool),
                a("then", ArgType::Any),
                a("else", ArgType::Any),
            ],
            ReturnType::Custom(|t, _| common_type(&case_value_types(t))),
            case,
        ),
        def(
            "coalesce",
            var_sig![64; a("arg", ArgType::Any), a("arg_2", ArgType::Any)],
            ReturnType::Custom(|t, _| common_type(t)),
            coalesce,
        ),
        def("isnull", bool_of_any, fixed_bool, |args, ctx| {
            test_each(args, ctx, |v| v.is_null())
        }),
        ScalarFunction {
            aliases: &["notnull"],
            ..def("isnotnull", bool_of_any, fixed_bool, |args, ctx| {
                test_each(args, ctx, |v| !v.is_null())
            })
        },
        def("isempty", bool_of_any, fixed_bool, |args, ctx| {
            test_each(args, ctx, |v| v.is_empty())
        }),
        ScalarFunction {
            aliases: &["notempty"],
            ..def("isnotempty", bool_of_any, fixed_bool, |args, ctx| {
                test_each(args, ctx, |v| !v.is_empty())
            })
        },
        def(
            "not",
            sig![a("expr", ArgType::Bool)],
            fixed_bool,
            |args, ctx| {
                let v = bools(arg(args, 0)?)?;
                Ok(map1::<OBool, _>(ctx, &v, |x| x.map(|b| !b)))
            },
        ),
    ]
}

/// A null test on every row of the single argument.
fn test_each(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    f: fn(&Src<'_>) -> bool,
) -> Result<ColumnarValue, EvalError> {
    let v = any(arg(args, 0)?);
    Ok(map1::<OBool, _>(ctx, &v, |x| Some(f(&x))))
}

/// `iff(cond, then, else)`: a null or false condition takes `else` (q/iff-function.md,
/// q/logical-operators.md: `iff(bool(null) and true, true, false)` is false).
fn iff(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let cond = bools(arg(args, 0)?)?;
    let (then, els) = (arg(args, 1)?, arg(args, 2)?);
    let ty = common_type(&[then.data_type(), els.data_type()]);
    let (then, els) = (as_type(then, ty), as_type(els, ty));
    if cond.is_scalar() {
        let chosen = if cond.at(0) == Some(true) { then } else { els };
        return Ok(shape(chosen.into_owned(), args, ctx));
    }
    select(ctx, ty, &[&then, &els], false, |i| {
        Some(if cond.at(i) == Some(true) { 0 } else { 1 })
    })
}

/// The value types of `case(p1, v1, p2, v2, ..., else)`: odd positions and the last.
fn case_value_types(types: &[DataType]) -> Vec<DataType> {
    let n = types.len();
    types
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 2 == 1 || *i + 1 == n)
        .map(|(_, t)| *t)
        .collect()
}

/// `case(p1, v1, ..., else)`: the value after the first true predicate, else the last
/// argument (q/case-function.md).
fn case(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    if args.len() % 2 != 1 {
        return Err(EvalError::invalid_argument(
            "case",
            "expects predicate/value pairs followed by an else value",
        ));
    }
    let types: Vec<DataType> = args.iter().map(ColumnarValue::data_type).collect();
    let ty = common_type(&case_value_types(&types));
    let mut preds = Vec::new();
    let mut values = Vec::new();
    for (i, v) in args.iter().enumerate() {
        if i % 2 == 0 && i + 1 < args.len() {
            preds.push(as_type(v, DataType::Bool));
        } else {
            values.push(as_type(v, ty));
        }
    }
    let preds = preds
        .iter()
        .map(|p| bools(p))
        .collect::<Result<Vec<_>, _>>()?;
    let refs: Vec<&ColumnarValue> = values.iter().map(|v| &**v).collect();
    let else_index = preds.len();
    select(ctx, ty, &refs, all_scalar(args), |i| {
        Some(
            preds
                .iter()
                .position(|p| p.at(i) == Some(true))
                .unwrap_or(else_index),
        )
    })
}

/// `coalesce(a, b, ...)`: the first non-null value; for strings the first non-empty one
/// (q/coalesce-function.md).
fn coalesce(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let types: Vec<DataType> = args.iter().map(ColumnarValue::data_type).collect();
    let ty = common_type(&types);
    let values: Vec<_> = args.iter().map(|v| as_type(v, ty)).collect();
    let refs: Vec<&ColumnarValue> = values.iter().map(|v| &**v).collect();
    if let Some(first) = refs.iter().find(|v| match v.as_scalar() {
        Some(s) => !is_empty_value(s),
        None => true,
    }) {
        // Leading scalars that are null are skipped; a non-null scalar decides every row.
        if first.as_scalar().is_some() {
            return Ok(shape((*first).clone(), args, ctx));
        }
    }
    select(ctx, ty, &refs, all_scalar(args), |i| {
        refs.iter().position(|v| !is_empty_at(v, i))
    })
}

fn is_empty_value(v: &Value) -> bool {
    match v {
        Value::String(s) => s.is_empty(),
        other => other.is_null(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::value::Value;

    #[test]
    fn iff_scalars_columns_and_nulls() {
        assert_eq!(scalar("iff", vec![b(true), l(1), l(2)]), lv(Some(1)));
        assert_eq!(scalar("iif", vec![bnull(), l(1), l(2)]), lv(Some(2)));
        // long/real branches give real
        assert_eq!(scalar("iff", vec![b(true), l(1), r(2.5)]), rv(Some(1.0)));
        assert_eq!(
            column(
                "iff",
                vec![
                    bcol(&[Some(true), None, Some(false)]),
                    s("a"),
                    scol(&["x", "y", "z"])
                ]
            ),
            vec![sv("a"), sv("y"), sv("z")]
        );
        assert_eq!(
            column(
                "iff",
                vec![
                    bcol(&[Some(true), Some(false)]),
                    lcol(&[Some(1), None]),
                    lcol(&[Some(3), None])
                ]
            ),
            vec![lv(Some(1)), lv(None)]
        );
        // scalar condition with a column branch returns that branch
        assert_eq!(
            column("iff", vec![b(false), l(0), lcol(&[Some(5), None])]),
            vec![lv(Some(5)), lv(None)]
        );
    }

    #[test]
    fn case_picks_first_true() {
        // q/case-function.md
        assert_eq!(
            scalar("case", vec![b(false), s("a"), b(true), s("b"), s("c")]),
            sv("b")
        );
        assert_eq!(scalar("case", vec![bnull(), s("a"), s("else")]), sv("else"));
        assert_eq!(
            column(
                "case",
                vec![
                    bcol(&[Some(true), Some(false), None]),
                    l(1),
                    bcol(&[Some(true), Some(true), Some(false)]),
                    lcol(&[Some(2), Some(3), Some(4)]),
                    l(9)
                ]
            ),
            vec![lv(Some(1)), lv(Some(3)), lv(Some(9))]
        );
        assert!(try_call("case", vec![b(true), l(1), b(false), l(2)]).is_err());
    }

    #[test]
    fn coalesce_first_non_null_or_non_empty() {
        // q/coalesce-function.md: for strings the first non-empty value
        assert_eq!(
            scalar("coalesce", vec![lnull(), l(10), l(20)]),
            lv(Some(10))
        );
        assert_eq!(scalar("coalesce", vec![s(""), s("x")]), sv("x"));
        assert_eq!(scalar("coalesce", vec![lnull(), lnull()]), lv(None));
        assert_eq!(
            column(
                "coalesce",
                vec![
                    lcol(&[None, Some(1), None]),
                    lcol(&[Some(7), Some(8), None]),
                    lnull()
                ]
            ),
            vec![lv(Some(7)), lv(Some(1)), lv(None)]
        );
        assert_eq!(
            column("coalesce", vec![scol(&["", "a"]), s("dflt")]),
            vec![sv("dflt"), sv("a")]
        );
        assert_eq!(
            column("coalesce", vec![l(3), lcol(&[None, Some(1)])]),
            vec![lv(Some(3)), lv(Some(3))]
        );
    }

    #[test]
    fn null_and_empty_tests() {
        // q/isnull-function.md, q/isempty-function.md
        assert_eq!(scalar("isnull", vec![lnull()]), bv(Some(true)));
        assert_eq!(scalar("isnull", vec![s("")]), bv(Some(false)));
        assert_eq!(scalar("isnull", vec![d("[]")]), bv(Some(false)));
        assert_eq!(scalar("notnull", vec![l(1)]), bv(Some(true)));
        assert_eq!(scalar("isempty", vec![s("")]), bv(Some(true)));
        assert_eq!(scalar("isempty", vec![lnull()]), bv(Some(true)));
        assert_eq!(scalar("isempty", vec![d("[]")]), bv(Some(false)));
        assert_eq!(scalar("isnotempty", vec![s("a")]), bv(Some(true)));
        assert_eq!(
            column("isempty", vec![scol(&["", "a"])]),
            vec![bv(Some(true)), bv(Some(false))]
        );
        assert_eq!(
            column("notempty", vec![lcol(&[None, Some(0)])]),
            vec![bv(Some(false)), bv(Some(true))]
        );
        assert_eq!(
            column("isnull", vec![dcol(&["null", "1"])]),
            vec![bv(Some(true)), bv(Some(false))]
        );
    }

    #[test]
    fn not_keeps_null() {
        // q/scalar-data-types/null-values.md: not(null) is null
        assert_eq!(scalar("not", vec![bnull()]), Value::Bool(None));
        assert_eq!(scalar("not", vec![b(true)]), bv(Some(false)));
        assert_eq!(
            column("not", vec![bcol(&[Some(false), None])]),
            vec![bv(Some(true)), bv(None)]
        );
    }
}
