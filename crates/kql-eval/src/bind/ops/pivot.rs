//! `evaluate pivot(PivotColumn [, Aggregation] [, Column1, ...])` (q/pivot-plugin.md):
//! one output row per distinct combination of the named columns (by default every column
//! but the pivot column and the columns the aggregation reads), and one output column per
//! distinct value of the pivot column, in order of first appearance, named by the value
//! as text. Each cell aggregates the rows of its row-group that hold its value
//! (`count()` by default); a combination with no rows gets the aggregation's value over
//! no rows (`count()` and `sum()` give 0).
//!
//! The output columns depend on the data, so the input runs while binding, as for
//! `bag_unpack`; with only schemas (`kql check`) the input is empty and the result has
//! the grouping columns only, as the official analyzer reports.

use super::invalid;
use crate::bind::plan::{Plan, PlanKind};
use crate::bind::{optimize, tabular::table_plan, Binder};
use crate::error::BindError;
use crate::exec::{execute, group_rows, ExecContext};
use crate::table::{Column, ColumnBuilder, Field, Table};
use crate::value::Value;
use kql_parser::ast::{Expr, ExprKind, Ident, NamedExpr, Summarize};
use kql_parser::Span;
use std::collections::HashSet;
use std::sync::Arc;

/// Most distinct pivot values (output columns) accepted.
pub const MAX_PIVOT_COLUMNS: usize = 10_000;

/// Most output cells (rows times pivot columns) accepted.
const MAX_PIVOT_CELLS: usize = 100_000_000;

/// The columns an expression names (to leave out of the default row keys).
fn names_in(e: &Expr, out: &mut Vec<String>) {
    match &e.kind {
        ExprKind::Name(id) => out.push(id.name.clone()),
        ExprKind::Call { args, .. } => args.iter().for_each(|a| names_in(a, out)),
        ExprKind::Binary { lhs, rhs, .. } => {
            names_in(lhs, out);
            names_in(rhs, out);
        }
        ExprKind::Unary { operand, .. } => names_in(operand, out),
        ExprKind::NamedArg { value, .. } => names_in(value, out),
        ExprKind::Member { target, .. } | ExprKind::Index { target, .. } => names_in(target, out),
        ExprKind::InList { lhs, list, .. } => {
            names_in(lhs, out);
            list.iter().for_each(|a| names_in(a, out));
        }
        ExprKind::Between { lhs, low, high, .. } => {
            names_in(lhs, out);
            names_in(low, out);
            names_in(high, out);
        }
        _ => {}
    }
}

fn name_expr(name: &str, span: Span) -> NamedExpr {
    NamedExpr {
        names: Vec::new(),
        expr: Expr {
            kind: ExprKind::Name(Ident::new(name, span)),
            span,
        },
        span,
    }
}

impl Binder<'_> {
    pub(super) fn bind_pivot(
        &mut self,
        input: Plan,
        args: &[NamedExpr],
        span: Span,
    ) -> Result<Plan, BindError> {
        if let Some(a) = args.iter().find(|a| !a.names.is_empty()) {
            return Err(invalid("pivot takes no named arguments", a.span));
        }
        let Some(first) = args.first() else {
            return Err(invalid("pivot needs the column to pivot", span));
        };
        let ExprKind::Name(pivot) = &first.expr.kind else {
            return Err(invalid(
                "pivot's first argument must be a column name",
                first.span,
            ));
        };
        if !input.schema.iter().any(|f| f.name == pivot.name) {
            return Err(self.unknown_column(pivot, &input.schema));
        }
        // The aggregation: a call of an aggregate function in second place.
        let mut rest = &args[1..];
        let aggregate = match rest.first().map(|a| &a.expr) {
            Some(
                e @ Expr {
                    kind: ExprKind::Call { func, .. },
                    ..
                },
            ) if self.engine.functions().aggregate(&func.name).is_some() => {
                rest = &rest[1..];
                e.clone()
            }
            _ => Expr {
                kind: ExprKind::Call {
                    func: Ident::new("count", first.span),
                    args: Vec::new(),
                },
                span: first.span,
            },
        };
        let mut keys: Vec<String> = Vec::new();
        for a in rest {
            let ExprKind::Name(id) = &a.expr.kind else {
                return Err(invalid(
                    "pivot's arguments after the aggregation must be column names",
                    a.span,
                ));
            };
            if !input.schema.iter().any(|f| f.name == id.name) {
                return Err(self.unknown_column(id, &input.schema));
            }
            if !keys.contains(&id.name) {
                keys.push(id.name.clone());
            }
        }
        if rest.is_empty() {
            let mut read = Vec::new();
            names_in(&aggregate, &mut read);
            keys = input
                .schema
                .iter()
                .map(|f| f.name.clone())
                .filter(|n| *n != pivot.name && !read.contains(n))
                .collect();
        }
        // Aggregate by (keys, pivot value); an unused name holds the aggregate.
        let taken: HashSet<&str> = input.schema.iter().map(|f| f.name.as_str()).collect();
        let value_name = (0..)
            .map(|i| format!("pivot_value_{i}"))
            .find(|n| !taken.contains(n.as_str()))
            .unwrap_or_default();
        let agg_item = NamedExpr {
            names: vec![Ident::new(value_name, aggregate.span)],
            expr: aggregate,
            span,
        };
        let mut by: Vec<NamedExpr> = keys.iter().map(|k| name_expr(k, span)).collect();
        by.push(name_expr(&pivot.name, pivot.span));
        let grouped = self.bind_summarize(
            input.clone(),
            &Summarize {
                aggregates: vec![agg_item.clone()],
                by,
            },
            span,
        )?;
        // The aggregate over no rows fills cells whose combination has no rows.
        let empty = self.bind_summarize(
            table_plan(&Arc::new(Table::empty(input.schema.clone())), span),
            &Summarize {
                aggregates: vec![agg_item],
                by: Vec::new(),
            },
            span,
        )?;
        let ctx = ExecContext::new(self.now, self.engine.limits().clone());
        let run = |p: Plan| {
            execute(&optimize(p), &ctx)
                .map_err(|e| invalid(format!("while running the input of pivot: {e}"), span))
        };
        let table = run(grouped)?;
        if table.num_rows() == 0 {
            self.data_columns_unknown = true;
        }
        let fill = run(empty)?;
        let fill_value = fill
            .columns()
            .first()
            .filter(|c| !c.is_empty())
            .map_or(Value::Long(None), |c| c.get(0));
        pivot_table(&table, keys.len(), &fill_value, span)
    }
}

/// Reshapes the `summarize` result (`keys` columns, the pivot column, the value) into
/// one row per key combination and one column per pivot value.
fn pivot_table(table: &Table, keys: usize, fill: &Value, span: Span) -> Result<Plan, BindError> {
    let rows = table.num_rows();
    let columns = table.columns();
    let (Some(pivot_col), Some(value_col)) = (columns.get(keys), columns.get(keys + 1)) else {
        return Err(invalid("pivot: unexpected summarize result", span));
    };
    let value_type = table.fields()[keys + 1].data_type;
    let (group_ids, group_first) = group_rows(&columns[..keys], rows);
    let (pivot_ids, pivot_first) = group_rows(std::slice::from_ref(pivot_col), rows);
    let groups = group_first.len();
    let pivots = pivot_first.len();
    if pivots > MAX_PIVOT_COLUMNS {
        return Err(invalid(
            format!("pivot would make {pivots} columns (at most {MAX_PIVOT_COLUMNS})"),
            span,
        ));
    }
    let cells = groups.saturating_mul(pivots);
    if cells > MAX_PIVOT_CELLS {
        return Err(invalid(
            format!("pivot would make {groups} rows of {pivots} columns (at most {MAX_PIVOT_CELLS} cells)"),
            span,
        ));
    }
    let mut at: Vec<Option<usize>> = vec![None; cells];
    for r in 0..rows {
        let g = group_ids[r] as usize;
        let p = pivot_ids[r] as usize;
        at[g * pivots + p] = Some(r);
    }
    let mut fields: Vec<Field> = table.fields()[..keys].to_vec();
    let mut out: Vec<Arc<Column>> = columns[..keys]
        .iter()
        .map(|c| Arc::new(c.take(&group_first)))
        .collect();
    let mut taken: HashSet<String> = fields.iter().map(|f| f.name.clone()).collect();
    for (p, &first) in pivot_first.iter().enumerate() {
        let base = pivot_col.get(first).to_kql_string();
        let name = if taken.contains(&base) {
            (1..)
                .map(|i| format!("{base}{i}"))
                .find(|n| !taken.contains(n))
                .unwrap_or_default()
        } else {
            base
        };
        taken.insert(name.clone());
        let mut b = ColumnBuilder::new(value_type);
        for g in 0..groups {
            match at[g * pivots + p] {
                Some(r) => b.push(&value_col.get(r)),
                None => b.push(fill),
            }
        }
        fields.push(Field::new(name, value_type));
        out.push(Arc::new(b.finish()));
    }
    let result = if fields.is_empty() {
        Table::with_rows(groups)
    } else {
        Table::new(fields.clone(), out).map_err(|e| invalid(e.to_string(), span))?
    };
    Ok(Plan {
        kind: PlanKind::Table(Arc::new(result)),
        schema: fields,
        span,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::{Engine, Value};

    const EVENTS: &str = "let E = datatable(State:string, Kind:string, Deaths:long)\
        ['TX','Hail',1, 'TX','Wind',2, 'OK','Wind',0, 'TX','Hail',3, 'OK','Flood',4];";

    fn run(q: &str) -> Vec<String> {
        let e = Engine::new();
        let t = &e.run(&format!("{EVENTS} {q}")).unwrap()[0];
        let mut lines = vec![t
            .fields()
            .iter()
            .map(|f| format!("{}:{}", f.name, f.data_type))
            .collect::<Vec<_>>()
            .join(",")];
        for r in 0..t.num_rows() {
            lines.push(
                t.row(r)
                    .iter()
                    .map(Value::to_kql_string)
                    .collect::<Vec<_>>()
                    .join(","),
            );
        }
        lines
    }

    #[test]
    fn counts_by_default_with_zero_for_missing_combinations() {
        // q/pivot-plugin.md, "Pivot by a column": count() per remaining columns.
        assert_eq!(
            run("E | project State, Kind | evaluate pivot(State)"),
            [
                "Kind:string,TX:long,OK:long",
                "Hail,2,0",
                "Wind,1,1",
                "Flood,0,1"
            ]
        );
    }

    #[test]
    fn aggregation_and_key_columns() {
        // q/pivot-plugin.md, "Pivot by a column with aggregation function".
        assert_eq!(
            run("E | evaluate pivot(State, sum(Deaths))"),
            [
                "Kind:string,TX:long,OK:long",
                "Hail,4,0",
                "Wind,2,0",
                "Flood,0,4"
            ]
        );
        assert_eq!(
            run("E | evaluate pivot(Kind, max(Deaths), State)"),
            [
                "State:string,Hail:long,Wind:long,Flood:long",
                "TX,3,2,",
                "OK,,0,4"
            ]
        );
    }

    #[test]
    fn output_schema_projects_and_fills_missing_columns() {
        // q/pivot-plugin.md: `: (Column: type, ...)` gives the output schema up front.
        assert_eq!(
            run(
                "E | project State, Kind | evaluate pivot(State) : (Kind:string, OK:long, NM:long)"
            ),
            [
                "Kind:string,OK:long,NM:long",
                "Hail,0,",
                "Wind,1,",
                "Flood,1,"
            ]
        );
    }

    #[test]
    fn empty_input_keeps_the_key_columns() {
        assert_eq!(
            run("E | where false | project State, Kind | evaluate pivot(State)"),
            ["Kind:string"]
        );
    }

    #[test]
    fn bad_arguments_are_errors() {
        let e = Engine::new();
        for q in [
            "E | evaluate pivot()",
            "E | evaluate pivot(Nope)",
            "E | evaluate pivot(State, count(), Nope)",
            "E | evaluate pivot(State, tolower(Kind))",
        ] {
            let err = e.run(&format!("{EVENTS} {q}")).unwrap_err().to_string();
            assert!(!err.is_empty(), "{q}");
        }
    }
}
