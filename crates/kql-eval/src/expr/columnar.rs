//! [`ColumnarValue`]: the result of evaluating an expression over a batch of rows.

use crate::table::Column;
use crate::types::DataType;
use crate::value::Value;
use std::sync::Arc;

/// A whole column, or one scalar standing for every row (a constant is never expanded).
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnarValue {
    /// One value per row.
    Column(Arc<Column>),
    /// The same value for every row.
    Scalar(Value),
}

impl ColumnarValue {
    /// The value's type.
    pub fn data_type(&self) -> DataType {
        match self {
            ColumnarValue::Column(c) => c.data_type(),
            ColumnarValue::Scalar(v) => v.data_type(),
        }
    }

    /// Row `i` (the scalar for every `i`).
    pub fn get(&self, i: usize) -> Value {
        match self {
            ColumnarValue::Column(c) => c.get(i),
            ColumnarValue::Scalar(v) => v.clone(),
        }
    }

    /// The scalar, if this is one.
    pub fn as_scalar(&self) -> Option<&Value> {
        match self {
            ColumnarValue::Scalar(v) => Some(v),
            ColumnarValue::Column(_) => None,
        }
    }

    /// A column of `rows` rows (a scalar is repeated).
    pub fn into_column(self, rows: usize) -> Arc<Column> {
        match self {
            ColumnarValue::Column(c) => c,
            ColumnarValue::Scalar(v) => Arc::new(Column::repeat(&v, rows)),
        }
    }
}

impl From<Column> for ColumnarValue {
    fn from(c: Column) -> Self {
        ColumnarValue::Column(Arc::new(c))
    }
}

impl From<Value> for ColumnarValue {
    fn from(v: Value) -> Self {
        ColumnarValue::Scalar(v)
    }
}
