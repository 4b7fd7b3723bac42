//! `table(TableName [, DataScope])`: a table named by a constant string
//! (q/table-function.md). The name may also be a let-bound tabular value or a function
//! taking no arguments, as the page says for stored functions.

use super::plan::Plan;
use super::scope::Binding;
use super::{suggest, tabular, Binder, Bound};
use crate::error::{BindError, BindErrorKind};
use crate::value::Value;
use kql_parser::ast::Expr;
use kql_parser::Span;

/// The data scopes the page lists.
const DATA_SCOPES: [&str; 3] = ["hotcache", "all", "default"];

impl Binder<'_> {
    /// Binds `table(name [, scope])`.
    pub(crate) fn bind_table_call(&mut self, args: &[Expr], span: Span) -> Result<Plan, BindError> {
        let (name_arg, scope_arg) = match args {
            [n] => (n, None),
            [n, s] => (n, Some(s)),
            _ => {
                return Err(BindError::new(
                    BindErrorKind::ArgumentCount {
                        func: "table".into(),
                        expected: "1 to 2".into(),
                        found: args.len(),
                    },
                    span,
                ))
            }
        };
        let Value::String(name) = self.constant(name_arg, "the table name")? else {
            return Err(invalid(
                "table() takes the table's name as a string",
                name_arg.span,
            ));
        };
        if let Some(s) = scope_arg {
            match self.constant(s, "the data scope")? {
                Value::String(v) if DATA_SCOPES.contains(&v.as_str()) => {}
                _ => {
                    return Err(invalid(
                        "the data scope of table() must be 'hotcache', 'all' or 'default'",
                        s.span,
                    ))
                }
            }
        }
        match self.scope.get(&name).cloned() {
            Some(Binding::Tabular(p)) => return Ok(p),
            Some(Binding::Function(f)) => {
                return match self.call_user_function(&f, &[], span, &[])? {
                    Bound::Tabular(p) => Ok(p),
                    Bound::Scalar(_) => Err(BindError::new(
                        BindErrorKind::ExpectedTabular { name: name.clone() },
                        name_arg.span,
                    )),
                }
            }
            _ => {}
        }
        match self.lookup_table(&name) {
            Some(t) => Ok(tabular::table_plan(t, span)),
            None => {
                let err = BindError::new(
                    BindErrorKind::UnknownTable { name: name.clone() },
                    name_arg.span,
                );
                Err(match suggest::did_you_mean(&name, self.table_names()) {
                    Some(h) => err.with_hint(h),
                    None => err,
                })
            }
        }
    }
}

fn invalid(message: &str, span: Span) -> BindError {
    BindError::new(
        BindErrorKind::InvalidValue {
            message: message.into(),
        },
        span,
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::{DataType, Engine, Field, Table, Value};

    fn engine() -> Engine {
        let mut e = Engine::new();
        e.add_table(
            "Events",
            Table::from_rows(
                vec![Field::new("x", DataType::Long)],
                &[vec![Value::Long(Some(1))], vec![Value::Long(Some(2))]],
            ),
        );
        e
    }

    #[test]
    fn names_a_table_by_string() {
        // q/table-function.md: table('T') | count, and through a function's parameter.
        let e = engine();
        let r = e.run("table('Events') | count").unwrap();
        assert_eq!(r[0].row(0), vec![Value::Long(Some(2))]);
        let r = e
            .run("let f = (name: string) { table(name) | where x > 1 }; f('Events') | count")
            .unwrap();
        assert_eq!(r[0].row(0), vec![Value::Long(Some(1))]);
        let r = e
            .run("let V = Events | take 1; table('V', 'all') | count")
            .unwrap();
        assert_eq!(r[0].row(0), vec![Value::Long(Some(1))]);
    }

    #[test]
    fn unknown_names_and_scopes_are_errors() {
        let e = engine();
        let err = e.run("table('Evnets')").unwrap_err().to_string();
        assert!(err.contains("Evnets"), "{err}");
        let err = e.run("table('Events', 'warm')").unwrap_err().to_string();
        assert!(err.contains("data scope"), "{err}");
        let err = e
            .run("Events | extend n = 'Events' | where table(n)")
            .unwrap_err();
        assert!(!err.to_string().is_empty());
    }
}
