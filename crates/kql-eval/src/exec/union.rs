//! `union`: rows of every leg, columns matched by name and type.

use super::{execute, ExecContext};
use crate::bind::plan::Plan;
use crate::error::EvalError;
use crate::table::{Column, Field, StringColumn, Table};
use std::sync::Arc;

/// Concatenates the legs' rows; `source_names` adds the leg name as the first column.
pub fn union(
    inputs: &[(Plan, Vec<Option<usize>>)],
    source_names: Option<&[String]>,
    schema: &[Field],
    ctx: &ExecContext,
) -> Result<Table, EvalError> {
    let tables = inputs
        .iter()
        .map(|(p, _)| execute(p, ctx))
        .collect::<Result<Vec<_>, _>>()?;
    let total: usize = tables.iter().map(Table::num_rows).sum();
    ctx.check_rows(total)?;
    let offset = usize::from(source_names.is_some());
    let mut columns = Vec::with_capacity(schema.len());
    if let Some(names) = source_names {
        let mut values = Vec::with_capacity(total);
        for (t, name) in tables.iter().zip(names) {
            values.extend(std::iter::repeat_n(name.as_str(), t.num_rows()));
        }
        columns.push(Arc::new(Column::String(StringColumn::from_strs(values))));
    }
    // Legs without rows add nothing: `union *` over a catalog of a thousand mostly empty
    // tables must not build a thousand empty columns per output column.
    let nonempty: Vec<(&Table, &Vec<Option<usize>>)> = tables
        .iter()
        .zip(inputs)
        .filter(|(t, _)| t.num_rows() > 0)
        .map(|(t, (_, map))| (t, map))
        .collect();
    for (out_i, field) in schema.iter().enumerate().skip(offset) {
        let col_i = out_i - offset;
        let parts: Vec<Arc<Column>> = nonempty
            .iter()
            .map(|&(t, map)| match map.get(col_i).copied().flatten() {
                Some(j) => t
                    .columns()
                    .get(j)
                    .cloned()
                    .unwrap_or_else(|| Arc::new(Column::nulls(field.data_type, t.num_rows()))),
                None => Arc::new(Column::nulls(field.data_type, t.num_rows())),
            })
            .collect();
        let refs: Vec<&Column> = parts.iter().map(|c| c.as_ref()).collect();
        columns.push(Arc::new(Column::concat(field.data_type, &refs)));
    }
    Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))
}
