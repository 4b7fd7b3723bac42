//! Row-selecting aggregates, executed by the summarize operator: `take_any` (`any`),
//! `arg_max`, `arg_min`. (q/take-any-aggregation-function.md,
//! q/arg-max-aggregation-function.md, q/arg-min-aggregation-function.md)

use crate::functions::{
    arg as a, opt, AggregateFunction, AggregateImpl, ArgType, ResultName, ReturnType, RowSelector,
};

/// Upper bound on the columns a row selector returns (`arg_max(x, *)` on wide tables).
const MAX_COLUMNS: usize = 4096;

pub(super) fn functions() -> Vec<AggregateFunction> {
    let select = |name, result_name, selector, signature| AggregateFunction {
        name,
        aliases: &[],
        signature,
        returns: ReturnType::SameAsArg(0),
        result_name,
        imp: AggregateImpl::SelectRow(selector),
    };
    let any_sig = var_sig![MAX_COLUMNS; a("expr", ArgType::Any)];
    let arg_sig = var_sig![MAX_COLUMNS; a("expr", ArgType::Any), opt("column", ArgType::Any)];
    vec![
        // `take_any(x)` keeps the name `x`; the deprecated `any(x)` gives `any_x`.
        select(
            "take_any",
            ResultName::ArgName,
            RowSelector::TakeAny,
            any_sig,
        ),
        select(
            "any",
            ResultName::Prefix("any"),
            RowSelector::TakeAny,
            any_sig,
        ),
        select("arg_max", ResultName::ArgName, RowSelector::ArgMax, arg_sig),
        select("arg_min", ResultName::ArgName, RowSelector::ArgMin, arg_sig),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::lookup;
    use crate::functions::{AggregateImpl, ResultName, RowSelector};

    #[test]
    fn declared_as_row_selectors() {
        assert!(matches!(
            lookup("arg_max").imp,
            AggregateImpl::SelectRow(RowSelector::ArgMax)
        ));
        assert!(matches!(
            lookup("arg_min").imp,
            AggregateImpl::SelectRow(RowSelector::ArgMin)
        ));
        assert!(matches!(
            lookup("take_any").imp,
            AggregateImpl::SelectRow(RowSelector::TakeAny)
        ));
        assert_eq!(lookup("any").result_name, ResultName::Prefix("any"));
        assert_eq!(lookup("take_any").result_name, ResultName::ArgName);
        assert_eq!(lookup("arg_max").signature.min_args(), 1);
    }
}
