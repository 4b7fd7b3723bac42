//! Call arguments written as `name = value` (`f(x, limit = 10)`): placed by the callee's
//! parameter names (q/functions/user-defined-functions.md, "named arguments"). A name that
//! is no parameter of the callee stays in its written position, as the official analyzer
//! accepts it (a corpus rule writes `case(p, strcat = x, y)`).

use crate::error::{BindError, BindErrorKind};
use kql_parser::ast::{Expr, ExprKind};
use kql_parser::Span;
use std::borrow::Cow;

/// The value of an argument, without its `name =`.
pub(super) fn value_of(e: &Expr) -> &Expr {
    match &e.kind {
        ExprKind::NamedArg { value, .. } => value,
        _ => e,
    }
}

/// Slots for `params` filled from `args`: positional arguments in order, named ones at
/// their parameter. Errors when an argument fills a slot twice or there are more
/// arguments than slots.
pub(super) fn place<'a>(
    args: &'a [Expr],
    params: &[&str],
    func: &str,
) -> Result<Vec<Option<&'a Expr>>, BindError> {
    let mut slots: Vec<Option<&'a Expr>> = Vec::with_capacity(args.len().max(params.len()));
    let mut next = 0;
    for a in args {
        let slot = match &a.kind {
            ExprKind::NamedArg { name, .. } => {
                params.iter().position(|p| *p == name.name).unwrap_or(next)
            }
            _ => next,
        };
        if slots.len() <= slot {
            slots.resize(slot + 1, None);
        }
        if slots[slot].is_some() {
            let what = params.get(slot).copied().unwrap_or("an argument");
            return Err(BindError::new(
                BindErrorKind::InvalidValue {
                    message: format!("'{what}' of '{func}' is given twice"),
                },
                a.span,
            ));
        }
        slots[slot] = Some(value_of(a));
        if slot == next {
            while slots.get(next).is_some_and(Option::is_some) {
                next += 1;
            }
        }
    }
    Ok(slots)
}

/// The arguments of a built-in call in parameter order: named arguments moved to their
/// parameter's position. Borrowed unchanged when no argument is named; an error when a
/// named argument leaves an earlier parameter without a value.
pub(super) fn in_order<'a>(
    args: &'a [Expr],
    params: &[&str],
    func: &str,
    span: Span,
) -> Result<Cow<'a, [Expr]>, BindError> {
    if !args
        .iter()
        .any(|a| matches!(a.kind, ExprKind::NamedArg { .. }))
    {
        return Ok(Cow::Borrowed(args));
    }
    let slots = place(args, params, func)?;
    let mut out = Vec::with_capacity(slots.len());
    for (i, s) in slots.into_iter().enumerate() {
        match s {
            Some(e) => out.push(e.clone()),
            None => {
                let what = params.get(i).copied().unwrap_or("an argument");
                return Err(BindError::new(
                    BindErrorKind::InvalidValue {
                        message: format!("argument '{what}' of '{func}' is missing"),
                    },
                    span,
                ));
            }
        }
    }
    Ok(Cow::Owned(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(text: &str) -> Vec<Expr> {
        let e = kql_parser::parse_expr(text).unwrap();
        match &e.kind {
            ExprKind::Call { args, .. } => args.clone(),
            other => panic!("{other:?}"),
        }
    }

    fn names(slots: &[Option<&Expr>]) -> Vec<String> {
        slots
            .iter()
            .map(|s| s.map_or("-".to_string(), |e| e.to_string()))
            .collect()
    }

    #[test]
    fn named_arguments_go_to_their_parameter() {
        let a = args("f(1, c = 3, b = 2)");
        let slots = place(&a, &["a", "b", "c"], "f").unwrap();
        assert_eq!(names(&slots), ["1", "2", "3"]);
        let a = args("f(c = 3)");
        let slots = place(&a, &["a", "b", "c"], "f").unwrap();
        assert_eq!(names(&slots), ["-", "-", "3"]);
    }

    #[test]
    fn unknown_names_stay_in_position() {
        let a = args("case(p, strcat = x, y)");
        let ordered =
            in_order(&a, &["predicate", "then", "else"], "case", Span::default()).unwrap();
        let texts: Vec<String> = ordered.iter().map(|e| e.to_string()).collect();
        assert_eq!(texts, ["p", "x", "y"]);
    }

    #[test]
    fn gaps_and_repeats_are_errors() {
        let a = args("f(c = 3)");
        let e = in_order(&a, &["a", "b", "c"], "f", Span::default()).unwrap_err();
        assert!(
            e.to_string().contains("argument 'a' of 'f' is missing"),
            "{e}"
        );
        let a = args("f(1, a = 2)");
        let e = place(&a, &["a", "b"], "f").unwrap_err();
        assert!(e.to_string().contains("'a' of 'f' is given twice"), "{e}");
    }
}
