//! `externaldata (schema) [ "url", ... ] with (...)`: served from a local table the user
//! maps to the (first) URL, e.g. `kql run --table 'https://host/list.csv=list.csv'`
//! (q/externaldata-operator.md). Unmapped sources are an error when running (unless the
//! engine is set to read them as empty, [`crate::UnmappedExternalData::Empty`]) and bind
//! to their declared schema when only checking.

use super::plan::{BoundExpr, BoundExprKind, Plan, PlanKind};
use super::Binder;
use crate::error::{BindError, BindErrorKind};
use crate::table::{Field, Table};
use crate::value::Value;
use kql_parser::ast::{ExprKind, Externaldata, Literal};
use kql_parser::Span;
use std::sync::Arc;

impl Binder<'_> {
    pub(crate) fn bind_externaldata(
        &mut self,
        x: &Externaldata,
        span: Span,
    ) -> Result<Plan, BindError> {
        let schema: Vec<Field> = x
            .columns
            .iter()
            .map(|c| Field::new(c.name.name.clone(), c.ty.into()))
            .collect();
        let urls: Vec<String> = x
            .urls
            .iter()
            .filter_map(|u| match &u.kind {
                ExprKind::Literal(Literal::String(s)) => Some(s.clone()),
                _ => None,
            })
            .collect();
        let mapped = urls
            .iter()
            .find_map(|u| self.lookup_table(u).map(|t| (u, t)));
        let Some((_, table)) = mapped else {
            if self.check_only
                || self.engine.unmapped_externaldata() == crate::UnmappedExternalData::Empty
            {
                return Ok(Plan {
                    kind: PlanKind::Table(Arc::new(Table::empty(schema.clone()))),
                    schema,
                    span,
                });
            }
            let first = urls.first().cloned().unwrap_or_default();
            return Err(BindError::new(
                BindErrorKind::InvalidValue {
                    message: format!(
                        "externaldata source '{first}' is not mapped to a local file (map it with --table '{first}=PATH')"
                    ),
                },
                span,
            ));
        };
        // The declared columns, by name, converted to the declared types; columns the
        // file lacks are null.
        let input = super::tabular::table_plan(table, span);
        let mut exprs = Vec::with_capacity(schema.len());
        for f in &schema {
            let e = match input.schema.iter().position(|g| g.name == f.name) {
                Some(i) => {
                    let col = BoundExpr {
                        kind: BoundExprKind::Column(i),
                        ty: input.schema[i].data_type,
                        span,
                    };
                    self.convert(col, f.data_type)?
                }
                None => BoundExpr::literal(Value::null(f.data_type), span),
            };
            exprs.push(e);
        }
        Ok(Plan {
            kind: PlanKind::Project {
                input: Box::new(input),
                exprs,
            },
            schema,
            span,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::{DataType, Engine, Field, Table, UnmappedExternalData, Value};

    const QUERY: &str = "externaldata(ip: string, score: long) ['https://feeds.example/bad.csv'] \
                         with (format = 'csv') | where score > 1";

    #[test]
    fn mapped_sources_read_the_local_table_with_the_declared_types() {
        let mut e = Engine::new();
        e.add_table(
            "https://feeds.example/bad.csv",
            Table::from_rows(
                vec![
                    Field::new("score", DataType::String),
                    Field::new("ip", DataType::String),
                ],
                &[
                    vec![Value::String("5".into()), Value::String("192.0.2.1".into())],
                    vec![Value::String("1".into()), Value::String("192.0.2.2".into())],
                ],
            ),
        );
        let t = &e.run(QUERY).unwrap()[0];
        assert_eq!(t.num_rows(), 1);
        assert_eq!(
            t.row(0),
            vec![Value::String("192.0.2.1".into()), Value::Long(Some(5))]
        );
    }

    #[test]
    fn unmapped_sources_are_an_error_or_empty_when_asked() {
        let mut e = Engine::new();
        let err = e.run(QUERY).unwrap_err().to_string();
        assert!(err.contains("https://feeds.example/bad.csv"), "{err}");
        assert!(err.contains("--table"), "{err}");
        e.set_unmapped_externaldata(UnmappedExternalData::Empty);
        let t = &e.run(QUERY).unwrap()[0];
        assert_eq!(t.num_rows(), 0);
        assert_eq!(t.fields()[1], Field::new("score", DataType::Long));
    }
}
