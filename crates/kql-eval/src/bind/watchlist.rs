//! `_GetWatchlist('name')`: Microsoft Sentinel's watchlist function, served from the
//! watchlists registered with [`crate::Engine::add_watchlist`].

use super::plan::Plan;
use super::{suggest, tabular, Binder};
use crate::error::{BindError, BindErrorKind};
use kql_parser::ast::{Expr, ExprKind, Literal};
use kql_parser::Span;

/// The function's name as Sentinel spells it.
pub(crate) const GET_WATCHLIST: &str = "_GetWatchlist";

impl Binder<'_> {
    /// Binds `_GetWatchlist('name')` to the registered watchlist's table.
    pub(crate) fn bind_watchlist(&self, args: &[Expr], span: Span) -> Result<Plan, BindError> {
        let name = match args {
            [Expr {
                kind: ExprKind::Literal(Literal::String(name)),
                ..
            }] => name,
            [other] => {
                return Err(BindError::new(
                    BindErrorKind::InvalidValue {
                        message: format!(
                            "'{GET_WATCHLIST}' takes the watchlist's name as a string literal"
                        ),
                    },
                    other.span,
                ))
            }
            _ => {
                return Err(BindError::new(
                    BindErrorKind::ArgumentCount {
                        func: GET_WATCHLIST.to_string(),
                        expected: "1".to_string(),
                        found: args.len(),
                    },
                    span,
                ))
            }
        };
        match self.engine.watchlist(name) {
            Some(t) => Ok(tabular::table_plan(t, span)),
            None => {
                let err = BindError::new(
                    BindErrorKind::UnknownTable {
                        name: format!("{GET_WATCHLIST}('{name}')"),
                    },
                    span,
                );
                let hint = suggest::did_you_mean(name, self.engine.watchlist_names())
                    .unwrap_or_else(|| format!("no watchlist '{name}' is loaded"));
                Err(err.with_hint(hint))
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::{DataType, Engine, Field, Table, Value};

    fn engine() -> Engine {
        let mut e = Engine::new();
        e.add_watchlist(
            "VIP",
            Table::from_rows(
                vec![Field::new("SearchKey", DataType::String)],
                &[vec![Value::String("a".into())]],
            ),
        );
        e.add_table(
            "T",
            Table::from_rows(
                vec![Field::new("h", DataType::String)],
                &[
                    vec![Value::String("a".into())],
                    vec![Value::String("b".into())],
                ],
            ),
        );
        e
    }

    #[test]
    fn get_watchlist_is_a_table() {
        let out = engine()
            .run("let v = _GetWatchlist('VIP') | project SearchKey; T | where h in (v) | count")
            .unwrap();
        assert_eq!(out[0].row(0), vec![Value::Long(Some(1))]);
    }

    #[test]
    fn unknown_watchlists_and_bad_arguments_are_bind_errors() {
        let e = engine();
        let err = e.check("_GetWatchlist('VIp')").unwrap_err();
        assert_eq!(err.code(), "KQL2001");
        assert_eq!(err.hint(), Some("did you mean 'VIP'?"));
        assert_eq!(e.check("_GetWatchlist(1)").unwrap_err().code(), "KQL2014");
        assert_eq!(e.check("_GetWatchlist()").unwrap_err().code(), "KQL2005");
    }
}
