//! The binder: resolves names (lets, tables, columns, functions) and types before any row
//! is touched, producing a typed [`Plan`] per result statement.

mod coerce;
mod expr;
mod externaldata;
pub mod join;
mod logical;
mod named_args;
pub(crate) mod naming;
pub mod ops;
mod optimize;
mod pipeline_limits;
pub mod plan;
mod prune;
mod scope;
mod search;
mod subquery;
pub(crate) mod suggest;
mod table_call;
mod tabular;
mod tuple;
mod union_columns;
mod watchlist;

pub use optimize::optimize;
pub use plan::{BoundExpr, BoundExprKind, Plan, PlanKind};
pub use prune::{mark_columns, prune_columns};

use crate::engine::Engine;
use crate::error::{BindError, BindErrorKind};
use crate::table::Field;
use kql_parser::ast::{Expr, ExprKind, LetValue, Query, Statement, StatementKind};
use kql_parser::Span;
use scope::{Binding, Scope};

/// How deeply expressions, function calls and let references may nest while binding.
pub const MAX_BIND_DEPTH: usize = 200;

/// Binds whole queries against an engine's tables and functions.
pub struct Binder<'e> {
    engine: &'e Engine,
    now: i64,
    scope: Scope,
    depth: usize,
    /// True while binding an operator whose input is serialized (window functions allowed).
    pub(crate) window_ok: bool,
    /// True while binding an `extend`/`project`/`print` item that may call a function
    /// returning several columns (see `tuple`); taken by the first call bound.
    pub(crate) tuple_ok: bool,
    /// Binding for `check` only: sources that need data from outside (`externaldata` not
    /// mapped to a local table) bind to their declared schema instead of failing.
    pub(crate) check_only: bool,
    /// How many times each catalog table was looked up (see `run::referenced_columns`).
    pub(crate) lookups: std::collections::HashMap<String, usize>,
    /// Set when `bag_unpack` or `pivot` ran over no rows: the columns they make from data
    /// are unknown, which an unknown-column error then says.
    pub(crate) data_columns_unknown: bool,
}

/// A scalar or tabular result of binding a name, call or expression.
pub(crate) enum Bound {
    Scalar(BoundExpr),
    Tabular(Plan),
}

impl<'e> Binder<'e> {
    /// A binder over `engine`'s tables; `now` is the query's instant (ticks).
    pub fn new(engine: &'e Engine, now: i64) -> Self {
        Binder {
            engine,
            now,
            scope: Scope::default(),
            depth: 0,
            window_ok: false,
            tuple_ok: false,
            check_only: false,
            lookups: std::collections::HashMap::new(),
            data_columns_unknown: false,
        }
    }

    /// The catalog table called `name`, counting the lookup.
    pub(crate) fn lookup_table(
        &mut self,
        name: &str,
    ) -> Option<&'e std::sync::Arc<crate::table::Table>> {
        let t = self.engine.table(name);
        if t.is_some() {
            *self.lookups.entry(name.to_string()).or_default() += 1;
        }
        t
    }

    /// A binder for checking only: plans are built against the schemas and no input runs
    /// except where an operator's output columns depend on the data.
    pub fn for_check(engine: &'e Engine, now: i64) -> Self {
        Binder {
            check_only: true,
            ..Binder::new(engine, now)
        }
    }

    /// Binds every statement; returns one plan per result (tabular expression statement).
    pub fn bind_query(&mut self, query: &Query) -> Result<Vec<Plan>, BindError> {
        let mut results = Vec::new();
        for stmt in &query.statements {
            if let Some(plan) = self.bind_statement(stmt)? {
                results.push(plan);
            }
        }
        Ok(results)
    }

    fn bind_statement(&mut self, stmt: &Statement) -> Result<Option<Plan>, BindError> {
        match &stmt.kind {
            StatementKind::Let(l) => {
                let binding = match &l.value {
                    LetValue::Function(def) | LetValue::View(def) => {
                        Binding::function(def.clone(), self.scope.clone())
                    }
                    LetValue::Expr(e) => match self.bind_value(e, &[])? {
                        Bound::Scalar(s) => Binding::Scalar(s),
                        Bound::Tabular(p) => Binding::Tabular(p),
                    },
                };
                self.scope.push(l.name.name.clone(), binding);
                Ok(None)
            }
            StatementKind::Expr(e) => Ok(Some(self.bind_tabular(e)?)),
            // Request properties (`set x = 1;`) do not change results here.
            StatementKind::Set { .. } => Ok(None),
            StatementKind::DeclareQueryParameters(params) => {
                self.bind_query_parameters(params)?;
                Ok(None)
            }
        }
    }

    /// Binds an expression that may be scalar or tabular (a `let` value, a name, a call).
    pub(crate) fn bind_value(&mut self, e: &Expr, row: &[Field]) -> Result<Bound, BindError> {
        self.enter(e.span)?;
        let r = self.bind_value_inner(e, row);
        self.depth -= 1;
        r
    }

    fn bind_value_inner(&mut self, e: &Expr, row: &[Field]) -> Result<Bound, BindError> {
        match &e.kind {
            ExprKind::Tabular(t) => Ok(Bound::Tabular(self.bind_tabular_expr(t)?)),
            ExprKind::Name(id) if row.iter().all(|f| f.name != id.name) => {
                match self.scope.get(&id.name).cloned() {
                    Some(Binding::Tabular(p)) => Ok(Bound::Tabular(p)),
                    Some(Binding::Scalar(s)) => Ok(Bound::Scalar(s)),
                    Some(Binding::Function(f)) => self.call_user_function(&f, &[], e.span, row),
                    None => match self.lookup_table(&id.name) {
                        Some(t) => Ok(Bound::Tabular(tabular::table_plan(t, e.span))),
                        None => self.bind_scalar(e, row).map(Bound::Scalar),
                    },
                }
            }
            ExprKind::Call { func, args }
                if func.name == watchlist::GET_WATCHLIST
                    && self.scope.get(&func.name).is_none() =>
            {
                self.bind_watchlist(args, e.span).map(Bound::Tabular)
            }
            ExprKind::Call { func, args }
                if func.name == "table" && self.scope.get(&func.name).is_none() =>
            {
                self.bind_table_call(args, e.span).map(Bound::Tabular)
            }
            ExprKind::Call { func, args }
                if func.name == "materialize" && self.scope.get(&func.name).is_none() =>
            {
                self.bind_materialize(args, e.span).map(Bound::Tabular)
            }
            ExprKind::Call { func, args } => match self.scope.get(&func.name).cloned() {
                Some(Binding::Function(f)) => self.call_user_function(&f, args, e.span, row),
                _ => self.bind_scalar(e, row).map(Bound::Scalar),
            },
            ExprKind::Member { target, .. } if subquery::is_cross_database(target) => {
                Err(subquery::cross_database_error(target))
            }
            _ => self.bind_scalar(e, row).map(Bound::Scalar),
        }
    }

    /// Binds an expression that must be tabular.
    pub(crate) fn bind_tabular(&mut self, e: &Expr) -> Result<Plan, BindError> {
        if let ExprKind::Name(id) = &e.kind {
            if self.scope.get(&id.name).is_none() && self.engine.table(&id.name).is_none() {
                let err = BindError::new(
                    BindErrorKind::UnknownTable {
                        name: id.name.clone(),
                    },
                    e.span,
                );
                return Err(match suggest::did_you_mean(&id.name, self.table_names()) {
                    Some(h) => err.with_hint(h),
                    None => err,
                });
            }
        }
        match self.bind_value(e, &[])? {
            Bound::Tabular(p) => Ok(p),
            Bound::Scalar(_) => Err(match &e.kind {
                ExprKind::Name(id) if self.scope.get(&id.name).is_none() => {
                    let hint = suggest::did_you_mean(&id.name, self.table_names());
                    let err = BindError::new(
                        BindErrorKind::UnknownTable {
                            name: id.name.clone(),
                        },
                        e.span,
                    );
                    match hint {
                        Some(h) => err.with_hint(h),
                        None => err,
                    }
                }
                ExprKind::Name(id) => BindError::new(
                    BindErrorKind::ExpectedTabular {
                        name: id.name.clone(),
                    },
                    e.span,
                ),
                _ => BindError::new(
                    BindErrorKind::ExpectedTabular {
                        name: "this expression".into(),
                    },
                    e.span,
                ),
            }),
        }
    }

    /// Names of catalog tables and tabular lets (for suggestions).
    fn table_names(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.engine.table_names().collect();
        v.extend(self.scope.tabular_names());
        v
    }

    /// Counts one level of nesting; errors past [`MAX_BIND_DEPTH`].
    pub(crate) fn enter(&mut self, span: Span) -> Result<(), BindError> {
        if self.depth >= MAX_BIND_DEPTH {
            return Err(BindError::new(
                BindErrorKind::TooDeep {
                    limit: MAX_BIND_DEPTH,
                },
                span,
            ));
        }
        self.depth += 1;
        Ok(())
    }
}
