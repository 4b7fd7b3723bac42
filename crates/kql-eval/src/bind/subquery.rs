//! Tabular subqueries in scalar position, run once while binding: `toscalar(T)`
//! (q/toscalar-function.md) and tabular `in` / `has_any` lists (q/in-operator.md).
//! Neither can depend on the current row, so running them before the outer query is exact.

use crate::bind::plan::{BoundExpr, Plan};
use crate::bind::{optimize, Binder, Bound};
use crate::dynamic::Dynamic;
use crate::error::{BindError, BindErrorKind};
use crate::exec::{execute, ExecContext};
use crate::table::Table;
use crate::value::Value;
use kql_parser::ast::Expr;
use kql_parser::Span;

impl Binder<'_> {
    /// Runs a bound subquery under the engine's limits.
    fn run_subquery(&self, plan: Plan, span: Span) -> Result<Table, BindError> {
        if self.check_only {
            // Checking needs only the subquery's columns, not its rows.
            return Ok(Table::empty(plan.schema));
        }
        let ctx = ExecContext::new(self.now, self.engine.limits().clone());
        execute(&optimize(plan), &ctx).map_err(|e| {
            BindError::new(
                BindErrorKind::InvalidValue {
                    message: format!("the subquery failed: {e}"),
                },
                span,
            )
        })
    }

    /// `toscalar(T)`: the first column of the first row (a typed null when `T` is empty).
    pub(crate) fn bind_toscalar(
        &mut self,
        args: &[Expr],
        span: Span,
    ) -> Result<BoundExpr, BindError> {
        let [arg] = args else {
            return Err(BindError::new(
                BindErrorKind::ArgumentCount {
                    func: "toscalar".into(),
                    expected: "1".into(),
                    found: args.len(),
                },
                span,
            ));
        };
        let value = match self.bind_value(arg, &[])? {
            Bound::Scalar(s) => return Ok(s),
            Bound::Tabular(plan) => {
                let Some(first) = plan.schema.first().cloned() else {
                    return Err(BindError::new(
                        BindErrorKind::InvalidValue {
                            message: "toscalar() needs a table with at least one column".into(),
                        },
                        arg.span,
                    ));
                };
                let t = self.run_subquery(plan, arg.span)?;
                match t.columns().first() {
                    Some(c) if !c.is_empty() => c.get(0),
                    _ => Value::null(first.data_type),
                }
            }
        };
        Ok(BoundExpr::literal(value, span))
    }

    /// A tabular list item (`x in (T | project c)`): the first column's values as one
    /// dynamic array, which the list operators flatten.
    pub(crate) fn tabular_list_item(
        &mut self,
        plan: Plan,
        span: Span,
    ) -> Result<BoundExpr, BindError> {
        let t = self.run_subquery(plan, span)?;
        let values: Vec<Dynamic> = match t.columns().first() {
            Some(c) => (0..c.len()).map(|i| c.get(i).to_dynamic()).collect(),
            None => Vec::new(),
        };
        Ok(BoundExpr::literal(
            Value::Dynamic(Dynamic::Array(values)),
            span,
        ))
    }
}

impl Binder<'_> {
    /// `materialize(T)`: transparent here (plans are evaluated once per reference).
    pub(crate) fn bind_materialize(
        &mut self,
        args: &[Expr],
        span: Span,
    ) -> Result<Plan, BindError> {
        match args {
            [arg] => self.bind_tabular(arg),
            _ => Err(BindError::new(
                BindErrorKind::ArgumentCount {
                    func: "materialize".into(),
                    expected: "1".into(),
                    found: args.len(),
                },
                span,
            )),
        }
    }

    /// `declare query_parameters(a:long = 1, ...)`: each parameter is bound to its default;
    /// a parameter without one cannot be supplied here.
    pub(crate) fn bind_query_parameters(
        &mut self,
        params: &[kql_parser::ast::Param],
    ) -> Result<(), BindError> {
        for p in params {
            let Some(default) = &p.default else {
                return Err(BindError::new(
                    BindErrorKind::Unsupported {
                        what: format!("query parameter '{}' without a default value", p.name.name),
                    },
                    p.name.span,
                ));
            };
            let value = self.bind_scalar(default, &[])?;
            self.scope.push(
                p.name.name.clone(),
                crate::bind::scope::Binding::Scalar(value),
            );
        }
        Ok(())
    }
}

/// True for `database("x")` and `cluster("c").database("x")`: the target of a
/// cross-database table reference (`database("x").T`).
pub(crate) fn is_cross_database(e: &Expr) -> bool {
    matches!(&e.kind, kql_parser::ast::ExprKind::Call { func, .. } if func.name == "database")
}

/// The error for `database("x").T`: one engine holds one database.
pub(crate) fn cross_database_error(e: &Expr) -> BindError {
    BindError::new(
        BindErrorKind::Unsupported {
            what: "cross-database and cross-cluster references ('database()', 'cluster()')".into(),
        },
        e.span,
    )
}
