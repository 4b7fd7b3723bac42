//! Columnar tables: a schema plus one column per field.

mod column;
mod strings;

pub use column::{Column, ColumnBuilder};
pub use strings::{StringArray, StringColumn, StringColumnBuilder};

use crate::types::DataType;
use crate::value::Value;
use std::sync::Arc;

/// A named, typed column slot.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Field {
    /// Column name.
    pub name: String,
    /// Column type.
    pub data_type: DataType,
}

impl Field {
    /// A field.
    pub fn new(name: impl Into<String>, data_type: DataType) -> Self {
        Field {
            name: name.into(),
            data_type,
        }
    }
}

/// The ordered fields of a table.
pub type Schema = Vec<Field>;

/// A table: fields and equally long columns. Columns are shared (`Arc`), so projecting or
/// renaming never copies data.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    fields: Vec<Field>,
    columns: Vec<Arc<Column>>,
    rows: usize,
    visualization: Option<Arc<Visualization>>,
}

/// How a result asks to be shown: `render timechart with (title = "x")` at the end of a
/// query keeps the chart kind and its properties as result metadata, rows unchanged
/// (q/render-operator.md).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visualization {
    /// The chart kind: `timechart`, `barchart`, `piechart`, `table`, ...
    pub kind: String,
    /// The `with (...)` properties in written order: name and value as text (a string
    /// literal's value, otherwise the value as written; several values joined by `, `).
    pub properties: Vec<(String, String)>,
}

/// Why a table could not be assembled from columns.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// Columns of different lengths.
    #[error("column '{name}' has {found} rows but the table has {expected}")]
    RaggedColumns {
        /// The offending column.
        name: String,
        /// The table's row count.
        expected: usize,
        /// The column's row count.
        found: usize,
    },
    /// A column's type differs from its field.
    #[error("column '{name}' holds {found} values but is declared {expected}")]
    TypeMismatch {
        /// The offending column.
        name: String,
        /// Declared type.
        expected: DataType,
        /// Actual type.
        found: DataType,
    },
    /// Fields and columns differ in number.
    #[error("{fields} fields but {columns} columns")]
    CountMismatch {
        /// Number of fields.
        fields: usize,
        /// Number of columns.
        columns: usize,
    },
}

impl Table {
    /// A table from fields and columns of matching types and lengths.
    pub fn new(fields: Vec<Field>, columns: Vec<Arc<Column>>) -> Result<Table, TableError> {
        if fields.len() != columns.len() {
            return Err(TableError::CountMismatch {
                fields: fields.len(),
                columns: columns.len(),
            });
        }
        let rows = columns.first().map_or(0, |c| c.len());
        for (f, c) in fields.iter().zip(&columns) {
            if c.len() != rows {
                return Err(TableError::RaggedColumns {
                    name: f.name.clone(),
                    expected: rows,
                    found: c.len(),
                });
            }
            if c.data_type() != f.data_type {
                return Err(TableError::TypeMismatch {
                    name: f.name.clone(),
                    expected: f.data_type,
                    found: c.data_type(),
                });
            }
        }
        Ok(Table {
            fields,
            columns,
            rows,
            visualization: None,
        })
    }

    /// A table with `rows` rows and no columns (the input of `print`).
    pub fn with_rows(rows: usize) -> Table {
        Table {
            fields: Vec::new(),
            columns: Vec::new(),
            rows,
            visualization: None,
        }
    }

    /// An empty table with the given schema.
    pub fn empty(fields: Vec<Field>) -> Table {
        let columns = fields
            .iter()
            .map(|f| Arc::new(Column::nulls(f.data_type, 0)))
            .collect();
        Table {
            fields,
            columns,
            rows: 0,
            visualization: None,
        }
    }

    /// Builds a table row by row from values (converted to each field's type).
    pub fn from_rows(fields: Vec<Field>, rows: &[Vec<Value>]) -> Table {
        let columns = fields
            .iter()
            .enumerate()
            .map(|(i, f)| {
                let mut b = ColumnBuilder::new(f.data_type);
                for r in rows {
                    b.push(r.get(i).unwrap_or(&Value::null(f.data_type)));
                }
                Arc::new(b.finish())
            })
            .collect();
        Table {
            fields,
            columns,
            rows: rows.len(),
            visualization: None,
        }
    }

    /// The fields in order.
    pub fn fields(&self) -> &[Field] {
        &self.fields
    }

    /// The columns in field order.
    pub fn columns(&self) -> &[Arc<Column>] {
        &self.columns
    }

    /// Number of rows.
    pub fn num_rows(&self) -> usize {
        self.rows
    }

    /// Number of columns.
    pub fn num_columns(&self) -> usize {
        self.fields.len()
    }

    /// Position of the column called `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    /// The column called `name`.
    pub fn column(&self, name: &str) -> Option<&Arc<Column>> {
        self.index_of(name).and_then(|i| self.columns.get(i))
    }

    /// Row `r` as values.
    pub fn row(&self, r: usize) -> Vec<Value> {
        self.columns.iter().map(|c| c.get(r)).collect()
    }

    /// The rows at `indices`, in that order.
    pub fn take(&self, indices: &[usize]) -> Table {
        Table {
            fields: self.fields.clone(),
            columns: self
                .columns
                .iter()
                .map(|c| Arc::new(c.take(indices)))
                .collect(),
            rows: indices.len(),
            visualization: self.visualization.clone(),
        }
    }

    /// The chart a `render` at the end of the query asked for, if any.
    pub fn visualization(&self) -> Option<&Visualization> {
        self.visualization.as_deref()
    }

    /// The same rows with `render`'s chart attached.
    pub fn with_visualization(mut self, v: Arc<Visualization>) -> Table {
        self.visualization = Some(v);
        self
    }

    /// An approximation of the heap bytes held (for memory limits).
    pub fn heap_size(&self) -> usize {
        self.columns.iter().map(|c| c.heap_size()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_checks_lengths_and_types() {
        let f = vec![Field::new("a", DataType::Long)];
        assert!(Table::new(f.clone(), vec![Arc::new(Column::Long(vec![Some(1)]))]).is_ok());
        assert!(matches!(
            Table::new(f, vec![Arc::new(Column::Bool(vec![]))]),
            Err(TableError::TypeMismatch { .. })
        ));
    }

    #[test]
    fn from_rows_and_take() {
        let t = Table::from_rows(
            vec![
                Field::new("a", DataType::Long),
                Field::new("s", DataType::String),
            ],
            &[
                vec![Value::Long(Some(1)), Value::String("x".into())],
                vec![Value::Long(None), Value::String("y".into())],
            ],
        );
        assert_eq!(t.num_rows(), 2);
        assert_eq!(
            t.take(&[1]).row(0),
            vec![Value::Long(None), Value::String("y".into())]
        );
    }
}
