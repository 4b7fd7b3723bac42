//! KQL scalar type names as written in queries (`long`, `datetime`, `typeof(string)`, ...).

use std::fmt;

/// A scalar type name. Aliases (`boolean`, `date`, `double`, `time`, `uuid`, `uniqueid`)
/// map to their canonical type and print in canonical form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum TypeName {
    /// `bool` (`boolean`)
    Bool,
    /// `int` (32-bit)
    Int,
    /// `long` (64-bit)
    Long,
    /// `real` (`double`)
    Real,
    /// `decimal` (128-bit)
    Decimal,
    /// `string`
    String,
    /// `datetime` (`date`)
    DateTime,
    /// `timespan` (`time`)
    TimeSpan,
    /// `guid` (`uuid`, `uniqueid`)
    Guid,
    /// `dynamic`
    Dynamic,
}

impl TypeName {
    /// Every type, in canonical order.
    pub const ALL: [TypeName; 10] = [
        TypeName::Bool,
        TypeName::Int,
        TypeName::Long,
        TypeName::Real,
        TypeName::Decimal,
        TypeName::String,
        TypeName::DateTime,
        TypeName::TimeSpan,
        TypeName::Guid,
        TypeName::Dynamic,
    ];

    /// The canonical spelling (`long`, `datetime`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            TypeName::Bool => "bool",
            TypeName::Int => "int",
            TypeName::Long => "long",
            TypeName::Real => "real",
            TypeName::Decimal => "decimal",
            TypeName::String => "string",
            TypeName::DateTime => "datetime",
            TypeName::TimeSpan => "timespan",
            TypeName::Guid => "guid",
            TypeName::Dynamic => "dynamic",
        }
    }

    /// Parses a type name or alias; `None` when `text` is not a type name.
    pub fn from_name(text: &str) -> Option<TypeName> {
        Some(match text {
            "bool" | "boolean" => TypeName::Bool,
            "int" => TypeName::Int,
            "long" => TypeName::Long,
            "real" | "double" => TypeName::Real,
            "decimal" => TypeName::Decimal,
            "string" => TypeName::String,
            "datetime" | "date" => TypeName::DateTime,
            "timespan" | "time" => TypeName::TimeSpan,
            "guid" | "uuid" | "uniqueid" => TypeName::Guid,
            "dynamic" => TypeName::Dynamic,
            _ => return None,
        })
    }
}

impl fmt::Display for TypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
