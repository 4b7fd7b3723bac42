//! Typed columns with per-row nulls, and a builder that accepts [`Value`]s.

use super::strings::{StringColumn, StringColumnBuilder};
use crate::dynamic::Dynamic;
use crate::types::DataType;
use crate::value::Value;
use rust_decimal::Decimal;

/// One column: a typed vector. Non-string values carry `None` for null.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// `bool`
    Bool(Vec<Option<bool>>),
    /// `int`
    Int(Vec<Option<i32>>),
    /// `long`
    Long(Vec<Option<i64>>),
    /// `real`
    Real(Vec<Option<f64>>),
    /// `decimal`
    Decimal(Vec<Option<Decimal>>),
    /// `string`
    String(StringColumn),
    /// `datetime` (ticks)
    DateTime(Vec<Option<i64>>),
    /// `timespan` (ticks)
    TimeSpan(Vec<Option<i64>>),
    /// `guid`
    Guid(Vec<Option<u128>>),
    /// `dynamic`
    Dynamic(Vec<Dynamic>),
}

/// Applies `$body` to the inner vector of any non-string column variant, binding it as `$v`.
macro_rules! each_vec {
    ($col:expr, $v:ident => $body:expr, $s:ident => $sbody:expr) => {
        match $col {
            Column::Bool($v) => $body,
            Column::Int($v) => $body,
            Column::Long($v) => $body,
            Column::Real($v) => $body,
            Column::Decimal($v) => $body,
            Column::DateTime($v) => $body,
            Column::TimeSpan($v) => $body,
            Column::Guid($v) => $body,
            Column::Dynamic($v) => $body,
            Column::String($s) => $sbody,
        }
    };
}

impl Column {
    /// The column's type.
    pub fn data_type(&self) -> DataType {
        match self {
            Column::Bool(_) => DataType::Bool,
            Column::Int(_) => DataType::Int,
            Column::Long(_) => DataType::Long,
            Column::Real(_) => DataType::Real,
            Column::Decimal(_) => DataType::Decimal,
            Column::String(_) => DataType::String,
            Column::DateTime(_) => DataType::DateTime,
            Column::TimeSpan(_) => DataType::TimeSpan,
            Column::Guid(_) => DataType::Guid,
            Column::Dynamic(_) => DataType::Dynamic,
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        each_vec!(self, v => v.len(), s => s.len())
    }

    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Row `i` as a value (a null of the column's type when out of range).
    pub fn get(&self, i: usize) -> Value {
        match self {
            Column::Bool(v) => Value::Bool(v.get(i).copied().flatten()),
            Column::Int(v) => Value::Int(v.get(i).copied().flatten()),
            Column::Long(v) => Value::Long(v.get(i).copied().flatten()),
            Column::Real(v) => Value::Real(v.get(i).copied().flatten()),
            Column::Decimal(v) => Value::Decimal(v.get(i).copied().flatten()),
            Column::String(s) => Value::String(s.get(i).to_string()),
            Column::DateTime(v) => Value::DateTime(v.get(i).copied().flatten()),
            Column::TimeSpan(v) => Value::TimeSpan(v.get(i).copied().flatten()),
            Column::Guid(v) => Value::Guid(v.get(i).copied().flatten()),
            Column::Dynamic(v) => Value::Dynamic(v.get(i).cloned().unwrap_or_default()),
        }
    }

    /// True when row `i` is null (never for strings).
    pub fn is_null(&self, i: usize) -> bool {
        match self {
            Column::Bool(v) => v.get(i).is_none_or(|x| x.is_none()),
            Column::Int(v) => v.get(i).is_none_or(|x| x.is_none()),
            Column::Long(v) | Column::DateTime(v) | Column::TimeSpan(v) => {
                v.get(i).is_none_or(|x| x.is_none())
            }
            Column::Real(v) => v.get(i).is_none_or(|x| x.is_none()),
            Column::Decimal(v) => v.get(i).is_none_or(|x| x.is_none()),
            Column::Guid(v) => v.get(i).is_none_or(|x| x.is_none()),
            Column::Dynamic(v) => v.get(i).is_none_or(|x| x.is_null()),
            Column::String(_) => false,
        }
    }

    /// The rows at `indices`, in that order (out-of-range indices give nulls).
    pub fn take(&self, indices: &[usize]) -> Column {
        self.gather(indices)
    }

    /// The rows at `indices` given as `u32` (dictionary codes), in that order.
    pub fn take_u32(&self, indices: &[u32]) -> Column {
        self.gather(indices)
    }

    fn gather<I: Copy + TryInto<usize>>(&self, idx: &[I]) -> Column {
        fn g<T: Clone + Default, I: Copy + TryInto<usize>>(v: &[T], idx: &[I]) -> Vec<T> {
            idx.iter()
                .map(|&i| {
                    i.try_into()
                        .ok()
                        .and_then(|i: usize| v.get(i).cloned())
                        .unwrap_or_default()
                })
                .collect()
        }
        match self {
            Column::Bool(v) => Column::Bool(g(v, idx)),
            Column::Int(v) => Column::Int(g(v, idx)),
            Column::Long(v) => Column::Long(g(v, idx)),
            Column::Real(v) => Column::Real(g(v, idx)),
            Column::Decimal(v) => Column::Decimal(g(v, idx)),
            Column::String(s) => {
                let usize_idx: Vec<usize> = idx
                    .iter()
                    .map(|&i| i.try_into().unwrap_or(usize::MAX))
                    .collect();
                Column::String(s.take(&usize_idx))
            }
            Column::DateTime(v) => Column::DateTime(g(v, idx)),
            Column::TimeSpan(v) => Column::TimeSpan(g(v, idx)),
            Column::Guid(v) => Column::Guid(g(v, idx)),
            Column::Dynamic(v) => Column::Dynamic(g(v, idx)),
        }
    }

    /// A column of `n` nulls of type `ty` (`""` for strings).
    pub fn nulls(ty: DataType, n: usize) -> Column {
        Column::repeat(&Value::null(ty), n)
    }

    /// A column of `n` copies of `value`.
    pub fn repeat(value: &Value, n: usize) -> Column {
        match value {
            Value::Bool(x) => Column::Bool(vec![*x; n]),
            Value::Int(x) => Column::Int(vec![*x; n]),
            Value::Long(x) => Column::Long(vec![*x; n]),
            Value::Real(x) => Column::Real(vec![*x; n]),
            Value::Decimal(x) => Column::Decimal(vec![*x; n]),
            Value::String(s) => Column::String(StringColumn::repeat(s, n)),
            Value::DateTime(x) => Column::DateTime(vec![*x; n]),
            Value::TimeSpan(x) => Column::TimeSpan(vec![*x; n]),
            Value::Guid(x) => Column::Guid(vec![*x; n]),
            Value::Dynamic(d) => {
                // `n` copies of one big array (a folded `range(1, 1000000, 1)` over every
                // row) count against the operator's memory budget; past it, nulls (the
                // executor then reports the memory limit).
                let each = crate::interrupt::dynamic_weight(d);
                if each > 0 && !crate::interrupt::charge(each.saturating_mul(n)) {
                    return Column::Dynamic(vec![crate::dynamic::Dynamic::Null; n]);
                }
                Column::Dynamic(vec![d.clone(); n])
            }
        }
    }

    /// Builds a column of type `ty` from values; values of another type are converted
    /// with [`ColumnBuilder::push`] rules.
    pub fn from_values<'a>(ty: DataType, values: impl IntoIterator<Item = &'a Value>) -> Column {
        let mut b = ColumnBuilder::new(ty);
        for v in values {
            b.push(v);
        }
        b.finish()
    }

    /// The rows of several columns of type `ty`, one after another.
    pub fn concat(ty: DataType, parts: &[&Column]) -> Column {
        let mut b = ColumnBuilder::new(ty);
        for p in parts {
            for i in 0..p.len() {
                b.push(&p.get(i));
            }
        }
        b.finish()
    }

    /// An approximation of the heap bytes the column holds (for memory limits).
    pub fn heap_size(&self) -> usize {
        match self {
            Column::String(StringColumn::Plain(a)) => a.byte_len() + a.len() * 8,
            Column::String(StringColumn::Dict { codes, values }) => {
                codes.len() * 4 + values.byte_len() + values.len() * 8
            }
            Column::Dynamic(v) => v.len() * 64,
            other => other.len() * 16,
        }
    }
}

/// Builds a column of one type from [`Value`]s.
#[derive(Debug)]
pub struct ColumnBuilder {
    inner: Builder,
}

#[derive(Debug)]
enum Builder {
    Bool(Vec<Option<bool>>),
    Int(Vec<Option<i32>>),
    Long(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
    Decimal(Vec<Option<Decimal>>),
    String(StringColumnBuilder),
    DateTime(Vec<Option<i64>>),
    TimeSpan(Vec<Option<i64>>),
    Guid(Vec<Option<u128>>),
    Dynamic(Vec<Dynamic>),
}

impl ColumnBuilder {
    /// An empty builder for type `ty`.
    pub fn new(ty: DataType) -> Self {
        let inner = match ty {
            DataType::Bool => Builder::Bool(Vec::new()),
            DataType::Int => Builder::Int(Vec::new()),
            DataType::Long => Builder::Long(Vec::new()),
            DataType::Real => Builder::Real(Vec::new()),
            DataType::Decimal => Builder::Decimal(Vec::new()),
            DataType::String => Builder::String(StringColumnBuilder::default()),
            DataType::DateTime => Builder::DateTime(Vec::new()),
            DataType::TimeSpan => Builder::TimeSpan(Vec::new()),
            DataType::Guid => Builder::Guid(Vec::new()),
            DataType::Dynamic => Builder::Dynamic(Vec::new()),
        };
        ColumnBuilder { inner }
    }

    /// Appends a value. A value of the builder's type is stored as is; `int` widens to
    /// `long`/`real`, `long` to `real` (and to `int` when it fits); any value goes into `dynamic` and (as text) into
    /// `string`; anything else becomes null.
    pub fn push(&mut self, v: &Value) {
        match &mut self.inner {
            Builder::Bool(b) => b.push(match v {
                Value::Bool(x) => *x,
                _ => None,
            }),
            Builder::Int(b) => b.push(match v {
                Value::Int(x) => *x,
                Value::Long(x) => x.and_then(|i| i32::try_from(i).ok()),
                _ => None,
            }),
            Builder::Long(b) => b.push(match v {
                Value::Long(x) => *x,
                Value::Int(x) => x.map(i64::from),
                _ => None,
            }),
            Builder::Real(b) => b.push(match v {
                Value::Real(x) => *x,
                Value::Long(x) => x.map(|i| i as f64),
                Value::Int(x) => x.map(f64::from),
                _ => None,
            }),
            Builder::Decimal(b) => b.push(match v {
                Value::Decimal(x) => *x,
                Value::Long(x) => x.map(Decimal::from),
                Value::Int(x) => x.map(Decimal::from),
                _ => None,
            }),
            Builder::String(b) => match v {
                Value::String(s) => b.push(s),
                other => b.push(&other.to_kql_string()),
            },
            Builder::DateTime(b) => b.push(match v {
                Value::DateTime(x) => *x,
                _ => None,
            }),
            Builder::TimeSpan(b) => b.push(match v {
                Value::TimeSpan(x) => *x,
                _ => None,
            }),
            Builder::Guid(b) => b.push(match v {
                Value::Guid(x) => *x,
                _ => None,
            }),
            Builder::Dynamic(b) => b.push(v.to_dynamic()),
        }
    }

    /// Appends a string (fast path for string builders; other builders store it as a
    /// string value with [`ColumnBuilder::push`] rules).
    pub fn push_str(&mut self, s: &str) {
        match &mut self.inner {
            Builder::String(b) => b.push(s),
            _ => self.push(&Value::String(s.to_string())),
        }
    }

    /// The finished column.
    pub fn finish(self) -> Column {
        match self.inner {
            Builder::Bool(v) => Column::Bool(v),
            Builder::Int(v) => Column::Int(v),
            Builder::Long(v) => Column::Long(v),
            Builder::Real(v) => Column::Real(v),
            Builder::Decimal(v) => Column::Decimal(v),
            Builder::String(b) => Column::String(b.finish()),
            Builder::DateTime(v) => Column::DateTime(v),
            Builder::TimeSpan(v) => Column::TimeSpan(v),
            Builder::Guid(v) => Column::Guid(v),
            Builder::Dynamic(v) => Column::Dynamic(v),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_widens_and_nulls() {
        let c = Column::from_values(
            DataType::Real,
            &[
                Value::Long(Some(2)),
                Value::Real(None),
                Value::String("x".into()),
            ],
        );
        assert_eq!(c, Column::Real(vec![Some(2.0), None, None]));
    }

    #[test]
    fn take_and_repeat() {
        let c = Column::Long(vec![Some(1), None, Some(3)]);
        assert_eq!(c.take(&[2, 0]), Column::Long(vec![Some(3), Some(1)]));
        assert!(c.is_null(1));
        assert_eq!(Column::repeat(&Value::Bool(Some(true)), 2).len(), 2);
    }
}
