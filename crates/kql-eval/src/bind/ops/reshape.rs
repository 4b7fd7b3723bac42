//! `project-reorder` (q/project-reorder-operator.md), `project-keep`
//! (q/project-keep-operator.md), `serialize` (q/serialize-operator.md) and `getschema`
//! (q/getschema-operator.md).

use super::ExtPlan;
use crate::bind::plan::{Plan, PlanKind};
use crate::bind::tabular::{column_ref, project, select_columns, wildcard_match};
use crate::bind::Binder;
use crate::error::BindError;
use crate::table::{Field, Table};
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::{Ident, NamedExpr, Operator, OperatorKind, ReorderItem, ReorderOrder};
use kql_parser::Span;
use std::cmp::Ordering;
use std::sync::Arc;

/// Natural ("granny") order: runs of digits compare as numbers, so `a20` < `a100`.
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut x, mut y) = (a.as_bytes(), b.as_bytes());
    loop {
        match (x.first(), y.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let nx = x.iter().take_while(|c| c.is_ascii_digit()).count();
                let ny = y.iter().take_while(|c| c.is_ascii_digit()).count();
                let (dx, dy) = (&x[..nx], &y[..ny]);
                let tx = dx.iter().skip_while(|c| **c == b'0').count();
                let ty = dy.iter().skip_while(|c| **c == b'0').count();
                let o = tx
                    .cmp(&ty)
                    .then_with(|| dx[nx - tx..].cmp(&dy[ny - ty..]))
                    .then_with(|| nx.cmp(&ny));
                if o != Ordering::Equal {
                    return o;
                }
                x = &x[nx..];
                y = &y[ny..];
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(d);
                }
                x = &x[1..];
                y = &y[1..];
            }
        }
    }
}

/// The .NET type name `getschema` shows for a type.
pub(crate) fn dotnet_type(ty: DataType) -> &'static str {
    match ty {
        DataType::Bool => "System.SByte",
        DataType::Int => "System.Int32",
        DataType::Long => "System.Int64",
        DataType::Real => "System.Double",
        DataType::Decimal => "System.Data.SqlTypes.SqlDecimal",
        DataType::String => "System.String",
        DataType::DateTime => "System.DateTime",
        DataType::TimeSpan => "System.TimeSpan",
        DataType::Guid => "System.Guid",
        DataType::Dynamic => "System.Object",
    }
}

/// `getschema`: one row per input column (a constant table: the schema is known here).
pub(super) fn getschema(input: &Plan, span: Span) -> Plan {
    let schema = vec![
        Field::new("ColumnName", DataType::String),
        Field::new("ColumnOrdinal", DataType::Long),
        Field::new("DataType", DataType::String),
        Field::new("ColumnType", DataType::String),
    ];
    let rows: Vec<Vec<Value>> = input
        .schema
        .iter()
        .enumerate()
        .map(|(i, f)| {
            vec![
                Value::String(f.name.clone()),
                Value::Long(i64::try_from(i).ok()),
                Value::String(dotnet_type(f.data_type).to_string()),
                Value::String(f.data_type.as_str().to_string()),
            ]
        })
        .collect();
    Plan {
        kind: PlanKind::Table(Arc::new(Table::from_rows(schema.clone(), &rows))),
        schema,
        span,
    }
}

impl Binder<'_> {
    fn check_patterns<'a>(
        &self,
        names: impl Iterator<Item = &'a Ident>,
        schema: &[Field],
    ) -> Result<(), BindError> {
        for n in names {
            if !n.name.contains('*') && schema.iter().all(|f| f.name != n.name) {
                return Err(self.unknown_column(n, schema));
            }
        }
        Ok(())
    }

    pub(super) fn bind_project_reorder(
        &mut self,
        input: Plan,
        items: &[ReorderItem],
        span: Span,
    ) -> Result<Plan, BindError> {
        self.check_patterns(items.iter().map(|i| &i.pattern), &input.schema)?;
        let mut placed = vec![false; input.schema.len()];
        let mut order: Vec<usize> = Vec::new();
        for item in items {
            let mut matched: Vec<usize> = (0..input.schema.len())
                .filter(|&i| {
                    !placed[i] && wildcard_match(&item.pattern.name, &input.schema[i].name)
                })
                .collect();
            let name = |i: &usize| input.schema[*i].name.as_str();
            match item.order {
                Some(ReorderOrder::Asc) => matched.sort_by(|a, b| name(a).cmp(name(b))),
                Some(ReorderOrder::Desc) => matched.sort_by(|a, b| name(b).cmp(name(a))),
                Some(ReorderOrder::GrannyAsc) => {
                    matched.sort_by(|a, b| natural_cmp(name(a), name(b)))
                }
                Some(ReorderOrder::GrannyDesc) => {
                    matched.sort_by(|a, b| natural_cmp(name(b), name(a)))
                }
                None => {}
            }
            for i in matched {
                placed[i] = true;
                order.push(i);
            }
        }
        order.extend((0..input.schema.len()).filter(|&i| !placed[i]));
        let schema = order.iter().map(|&i| input.schema[i].clone()).collect();
        let exprs = order
            .iter()
            .map(|&i| column_ref(&input.schema, i, span))
            .collect();
        Ok(project(input, schema, exprs, span))
    }

    pub(super) fn bind_project_keep(
        &mut self,
        input: Plan,
        names: &[Ident],
        span: Span,
    ) -> Result<Plan, BindError> {
        self.check_patterns(names.iter(), &input.schema)?;
        Ok(select_columns(input, span, |c| {
            names.iter().any(|n| wildcard_match(&n.name, c))
        }))
    }

    pub(super) fn bind_serialize(
        &mut self,
        input: Plan,
        items: &[NamedExpr],
        span: Span,
    ) -> Result<Plan, BindError> {
        let plan = Plan {
            schema: input.schema.clone(),
            kind: PlanKind::Ext(ExtPlan::Serialize(Box::new(input))),
            span,
        };
        if items.is_empty() {
            return Ok(plan);
        }
        // `serialize x = expr` is `serialize | extend x = expr`.
        let extend = Operator {
            kind: OperatorKind::Extend(items.to_vec()),
            span,
        };
        let saved = std::mem::replace(&mut self.window_ok, true);
        let r = self.bind_operator(plan, &extend);
        self.window_ok = saved;
        r
    }
}

#[cfg(test)]
mod tests {
    use super::natural_cmp;
    use std::cmp::Ordering;

    #[test]
    fn natural_order_compares_digit_runs_as_numbers() {
        assert_eq!(natural_cmp("a20", "a100"), Ordering::Less);
        assert_eq!(natural_cmp("a100", "a20"), Ordering::Greater);
        assert_eq!(natural_cmp("a1", "a1"), Ordering::Equal);
        assert_eq!(natural_cmp("b", "a100"), Ordering::Greater);
        assert_eq!(natural_cmp("a", "a1"), Ordering::Less);
    }
}
