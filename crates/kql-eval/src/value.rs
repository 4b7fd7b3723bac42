//! Scalar values with typed nulls.

use crate::dynamic::Dynamic;
use crate::format::{format_datetime, format_guid, format_real, format_timespan};
use crate::types::DataType;
use rust_decimal::Decimal;
use std::fmt;

/// One scalar value. Every type but `string` has a null (`None`); strings use `""`.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `bool`
    Bool(Option<bool>),
    /// `int`
    Int(Option<i32>),
    /// `long`
    Long(Option<i64>),
    /// `real`
    Real(Option<f64>),
    /// `decimal`
    Decimal(Option<Decimal>),
    /// `string` (never null)
    String(String),
    /// `datetime` (ticks since 0001-01-01)
    DateTime(Option<i64>),
    /// `timespan` (ticks)
    TimeSpan(Option<i64>),
    /// `guid`
    Guid(Option<u128>),
    /// `dynamic`
    Dynamic(Dynamic),
}

impl Value {
    /// The value's type.
    pub fn data_type(&self) -> DataType {
        match self {
            Value::Bool(_) => DataType::Bool,
            Value::Int(_) => DataType::Int,
            Value::Long(_) => DataType::Long,
            Value::Real(_) => DataType::Real,
            Value::Decimal(_) => DataType::Decimal,
            Value::String(_) => DataType::String,
            Value::DateTime(_) => DataType::DateTime,
            Value::TimeSpan(_) => DataType::TimeSpan,
            Value::Guid(_) => DataType::Guid,
            Value::Dynamic(_) => DataType::Dynamic,
        }
    }

    /// The null of a type (`""` for string).
    pub fn null(ty: DataType) -> Value {
        match ty {
            DataType::Bool => Value::Bool(None),
            DataType::Int => Value::Int(None),
            DataType::Long => Value::Long(None),
            DataType::Real => Value::Real(None),
            DataType::Decimal => Value::Decimal(None),
            DataType::String => Value::String(String::new()),
            DataType::DateTime => Value::DateTime(None),
            DataType::TimeSpan => Value::TimeSpan(None),
            DataType::Guid => Value::Guid(None),
            DataType::Dynamic => Value::Dynamic(Dynamic::Null),
        }
    }

    /// True for a typed null (strings are never null).
    pub fn is_null(&self) -> bool {
        match self {
            Value::Bool(v) => v.is_none(),
            Value::Int(v) => v.is_none(),
            Value::Long(v) => v.is_none(),
            Value::Real(v) => v.is_none(),
            Value::Decimal(v) => v.is_none(),
            Value::String(_) => false,
            Value::DateTime(v) | Value::TimeSpan(v) => v.is_none(),
            Value::Guid(v) => v.is_none(),
            Value::Dynamic(d) => d.is_null(),
        }
    }

    /// The value as a dynamic (what `todynamic()`/`pack()` store).
    pub fn to_dynamic(&self) -> Dynamic {
        match self {
            Value::Bool(v) => v.map_or(Dynamic::Null, Dynamic::Bool),
            Value::Int(v) => v.map_or(Dynamic::Null, |x| Dynamic::Long(x.into())),
            Value::Long(v) => v.map_or(Dynamic::Null, Dynamic::Long),
            Value::Real(v) => v.map_or(Dynamic::Null, Dynamic::Real),
            Value::Decimal(v) => v.map_or(Dynamic::Null, |d| {
                Dynamic::Real(d.to_string().parse().unwrap_or(f64::NAN))
            }),
            Value::String(s) => Dynamic::String(s.clone()),
            Value::DateTime(v) => v.map_or(Dynamic::Null, Dynamic::DateTime),
            Value::TimeSpan(v) => v.map_or(Dynamic::Null, Dynamic::TimeSpan),
            Value::Guid(v) => v.map_or(Dynamic::Null, Dynamic::Guid),
            Value::Dynamic(d) => d.clone(),
        }
    }

    /// `tostring()` semantics: null becomes `""`.
    pub fn to_kql_string(&self) -> String {
        match self {
            Value::Bool(v) => v.map(|b| b.to_string()).unwrap_or_default(),
            Value::Int(v) => v.map(|b| b.to_string()).unwrap_or_default(),
            Value::Long(v) => v.map(|b| b.to_string()).unwrap_or_default(),
            Value::Real(v) => v.map(format_real).unwrap_or_default(),
            Value::Decimal(v) => v.map(|b| b.to_string()).unwrap_or_default(),
            Value::String(s) => s.clone(),
            Value::DateTime(v) => v.map(format_datetime).unwrap_or_default(),
            Value::TimeSpan(v) => v.map(format_timespan).unwrap_or_default(),
            Value::Guid(v) => v.map(format_guid).unwrap_or_default(),
            Value::Dynamic(d) => d.to_kql_string(),
        }
    }
}

impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_kql_string())
    }
}
