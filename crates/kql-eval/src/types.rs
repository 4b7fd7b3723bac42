//! KQL scalar data types.

use kql_parser::ast::TypeName;
use std::fmt;

/// The type of a column or scalar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DataType {
    /// `bool`
    Bool,
    /// `int`: signed 32-bit
    Int,
    /// `long`: signed 64-bit
    Long,
    /// `real`: IEEE 754 double
    Real,
    /// `decimal`: 128-bit decimal
    Decimal,
    /// `string`: UTF-8, never null (empty stands in for null)
    String,
    /// `datetime`: 100 ns ticks since 0001-01-01T00:00:00Z
    DateTime,
    /// `timespan`: 100 ns ticks
    TimeSpan,
    /// `guid`
    Guid,
    /// `dynamic`: JSON-like value
    Dynamic,
}

impl DataType {
    /// The KQL spelling (`long`, `datetime`, ...).
    pub fn as_str(self) -> &'static str {
        self.type_name().as_str()
    }

    /// The parser's type name for this type.
    pub fn type_name(self) -> TypeName {
        match self {
            DataType::Bool => TypeName::Bool,
            DataType::Int => TypeName::Int,
            DataType::Long => TypeName::Long,
            DataType::Real => TypeName::Real,
            DataType::Decimal => TypeName::Decimal,
            DataType::String => TypeName::String,
            DataType::DateTime => TypeName::DateTime,
            DataType::TimeSpan => TypeName::TimeSpan,
            DataType::Guid => TypeName::Guid,
            DataType::Dynamic => TypeName::Dynamic,
        }
    }

    /// Parses a KQL type name or alias (`long`, `double`, `date`, `boolean`, ...).
    pub fn from_name(name: &str) -> Option<DataType> {
        TypeName::from_name(name).map(DataType::from)
    }

    /// True for `int`, `long`, `real` and `decimal`.
    pub fn is_numeric(self) -> bool {
        matches!(
            self,
            DataType::Int | DataType::Long | DataType::Real | DataType::Decimal
        )
    }

    /// True for `int` and `long`.
    pub fn is_integer(self) -> bool {
        matches!(self, DataType::Int | DataType::Long)
    }
}

impl From<TypeName> for DataType {
    fn from(t: TypeName) -> Self {
        match t {
            TypeName::Bool => DataType::Bool,
            TypeName::Int => DataType::Int,
            TypeName::Long => DataType::Long,
            TypeName::Real => DataType::Real,
            TypeName::Decimal => DataType::Decimal,
            TypeName::String => DataType::String,
            TypeName::DateTime => DataType::DateTime,
            TypeName::TimeSpan => DataType::TimeSpan,
            TypeName::Guid => DataType::Guid,
            TypeName::Dynamic => DataType::Dynamic,
        }
    }
}

impl fmt::Display for DataType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
