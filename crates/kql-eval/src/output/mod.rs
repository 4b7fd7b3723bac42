//! Rendering result tables: JSON, NDJSON, CSV, an aligned table for terminals, and the
//! deterministic text used by golden test files.
//!
//! Value encoding shared by the formats:
//!
//! | type | JSON / NDJSON | CSV, golden and terminal text |
//! |---|---|---|
//! | `bool` | `true` / `false` | `true` / `false` |
//! | `int`, `long` | exact integer | digits |
//! | `real` | shortest round-trip number; `"NaN"`, `"Infinity"`, `"-Infinity"` strings | same digits; `NaN`, `Infinity`, `-Infinity` |
//! | `decimal` | **string** holding the exact decimal (`"1.10"`) | `1.10` |
//! | `string` | string | the text |
//! | `datetime` | `"2026-11-20T10:00:00.1234567Z"` | same, unquoted |
//! | `timespan` | `"1.02:03:04.5000000"` | same, unquoted |
//! | `guid` | `"74be27de-1e4e-49d9-b579-fe0b331d3642"` | same, unquoted |
//! | `dynamic` | the JSON value | compact JSON (a dynamic string keeps its quotes) |
//! | null | `null` | empty |

mod csv;
mod golden;
mod json;
mod pretty;

pub use self::csv::write_csv;
pub use golden::format_golden;
pub use json::{table_to_json, write_json, write_ndjson};
pub use pretty::format_pretty;

use crate::dynamic::Dynamic;
use crate::format::{format_datetime, format_guid, format_real, format_timespan};
use crate::table::Column;
use rust_decimal::Decimal;
use std::borrow::Cow;

/// One cell, borrowed from its column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cell<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Decimal(Decimal),
    Str(&'a str),
    DateTime(i64),
    TimeSpan(i64),
    Guid(u128),
    Dyn(&'a Dynamic),
}

/// Row `row` of `col` (null when out of range).
pub(crate) fn cell(col: &Column, row: usize) -> Cell<'_> {
    fn opt<T: Copy>(v: &[Option<T>], row: usize, f: impl Fn(T) -> Cell<'static>) -> Cell<'static> {
        v.get(row).copied().flatten().map_or(Cell::Null, f)
    }
    match col {
        Column::Bool(v) => opt(v, row, Cell::Bool),
        Column::Int(v) => opt(v, row, |i| Cell::Int(i64::from(i))),
        Column::Long(v) => opt(v, row, Cell::Int),
        Column::Real(v) => opt(v, row, Cell::Real),
        Column::Decimal(v) => opt(v, row, Cell::Decimal),
        Column::String(s) => Cell::Str(s.get(row)),
        Column::DateTime(v) => opt(v, row, Cell::DateTime),
        Column::TimeSpan(v) => opt(v, row, Cell::TimeSpan),
        Column::Guid(v) => opt(v, row, Cell::Guid),
        Column::Dynamic(v) => match v.get(row) {
            None | Some(Dynamic::Null) => Cell::Null,
            Some(d) => Cell::Dyn(d),
        },
    }
}

/// The text of a cell for CSV, golden files and terminals; `None` for null.
pub(crate) fn cell_text(c: Cell<'_>) -> Option<Cow<'_, str>> {
    Some(match c {
        Cell::Null => return None,
        Cell::Bool(b) => Cow::Borrowed(if b { "true" } else { "false" }),
        Cell::Int(i) => Cow::Owned(i.to_string()),
        Cell::Real(r) => Cow::Owned(format_real(r)),
        Cell::Decimal(d) => Cow::Owned(d.to_string()),
        Cell::Str(s) => Cow::Borrowed(s),
        Cell::DateTime(t) => Cow::Owned(format_datetime(t)),
        Cell::TimeSpan(t) => Cow::Owned(format_timespan(t)),
        Cell::Guid(g) => Cow::Owned(format_guid(g)),
        Cell::Dyn(d) => Cow::Owned(d.to_json_string()),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
