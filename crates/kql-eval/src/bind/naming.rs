//! Default output column names, as Kusto gives them (`print_0`, `Column1`, `count_`,
//! `sum_X`, `percentile_X_95`, ...) and de-duplication with numeric suffixes.

use crate::functions::ResultName;
use kql_parser::ast::{Expr, ExprKind, Literal};

/// The name a projected expression keeps without an explicit name: a column keeps its
/// name, `d.x` / `d['x']` becomes `d_x`, `bin(X, ..)` / `floor(X, ..)` / `bin_at(X, ..)`
/// becomes `X`; anything else has none (the caller numbers it).
pub fn expr_name(expr: &Expr) -> Option<String> {
    match &expr.kind {
        ExprKind::Name(id) => Some(id.name.clone()),
        ExprKind::Member { target, name } => Some(format!("{}_{}", expr_name(target)?, name.name)),
        ExprKind::Index { target, index } => match &index.kind {
            ExprKind::Literal(Literal::String(s)) => Some(format!("{}_{}", expr_name(target)?, s)),
            ExprKind::Literal(Literal::Long(Some(i))) => {
                Some(format!("{}_{}", expr_name(target)?, i))
            }
            _ => None,
        },
        ExprKind::Call { func, args } => {
            let first = args.first().and_then(expr_name);
            match func.name.as_str() {
                // Conversions, binning and a few numeric functions keep their argument's
                // name (checked against the official analyzer's result columns).
                "tostring" | "tolong" | "toint" | "toreal" | "todouble" | "tobool"
                | "toboolean" | "todatetime" | "totimespan" | "totime" | "todynamic"
                | "parse_json" | "todecimal" | "toguid" | "split" | "startofday" | "bin"
                | "floor" | "bin_at" | "bin_auto" | "format_datetime" | "abs" | "round"
                | "ceiling" | "sqrt" | "log" | "log10" | "log2" | "exp" | "exp2" | "exp10"
                | "pow" | "tohex" => first,
                // Series functions returning one series keep it too.
                "series_fill_forward"
                | "series_fill_backward"
                | "series_fill_const"
                | "series_fill_linear"
                | "series_outliers" => first,
                // A prefix and the argument's name, empty when it has none (`strlen("a")`
                // is `strlen_`), as the official analyzer names them.
                "strlen" => Some(format!("strlen_{}", first.unwrap_or_default())),
                "string_size" => Some(format!("string_size_{}", first.unwrap_or_default())),
                "gettype" => Some(format!("type_{}", first.unwrap_or_default())),
                "dcount_hll" => Some(format!("dcount_hll_{}", first.unwrap_or_default())),
                "hll_merge" => Some("hll_merged_result".to_string()),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The name a `summarize ... by` key keeps without an explicit name.
pub fn key_name(expr: &Expr) -> Option<String> {
    expr_name(expr)
}

/// The default name of an aggregate call.
pub fn aggregate_name(rule: ResultName, args: &[Expr]) -> String {
    let first = args.first().and_then(expr_name);
    match rule {
        ResultName::Prefix(p) => format!("{p}_{}", first.unwrap_or_default()),
        ResultName::PrefixOnly(p) => format!("{p}_"),
        ResultName::ArgName => first.unwrap_or_else(|| "Column1".to_string()),
        ResultName::Percentile => {
            // The percentile is the last argument: `percentile(x, p)`, `percentilew(x, w, p)`.
            let p = args
                .iter()
                .skip(1)
                .last()
                .map(number_text)
                .unwrap_or_default();
            format!("percentile_{}_{}", first.unwrap_or_default(), p)
        }
    }
}

fn number_text(e: &Expr) -> String {
    match &e.kind {
        ExprKind::Literal(Literal::Long(Some(i))) => i.to_string(),
        ExprKind::Literal(Literal::Real(Some(r))) => r.to_string().replace('.', "_"),
        _ => String::new(),
    }
}

/// `base`, or `base1`, `base2`, ... whichever is not in `taken`.
pub fn unique_name(base: &str, taken: &[String]) -> String {
    if !taken.iter().any(|t| t == base) {
        return base.to_string();
    }
    (1..)
        .map(|i| format!("{base}{i}"))
        .find(|n| !taken.iter().any(|t| t == n))
        .unwrap_or_else(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixed_call_names_follow_the_analyzer() {
        // The official analyzer's result columns for `T | project strlen("b"), strlen(s),
        // gettype(1), dcount_hll(h), hll_merge(h, h)`.
        let name = |t: &str| expr_name(&kql_parser::parse_expr(t).unwrap());
        assert_eq!(name("strlen('b')").as_deref(), Some("strlen_"));
        assert_eq!(name("strlen(s)").as_deref(), Some("strlen_s"));
        assert_eq!(name("gettype(1)").as_deref(), Some("type_"));
        assert_eq!(name("dcount_hll(h)").as_deref(), Some("dcount_hll_h"));
        assert_eq!(
            name("hll_merge(h, h)").as_deref(),
            Some("hll_merged_result")
        );
        assert_eq!(name("tolower(s)"), None);
    }

    #[test]
    fn unique_names_get_suffixes() {
        let taken = vec!["set_y".to_string(), "set_y1".to_string()];
        assert_eq!(unique_name("set_y", &taken), "set_y2");
        assert_eq!(unique_name("x", &taken), "x");
    }
}
