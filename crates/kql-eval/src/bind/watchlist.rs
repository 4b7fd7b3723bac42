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
                    BindErrorKind::NotConstant {
                        what: format!("the argument of '{GET_WATCHLIST}' (a string literal)"),
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
