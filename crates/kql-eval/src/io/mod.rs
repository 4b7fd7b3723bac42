//! Loading tables from NDJSON, JSON arrays and CSV, and reading schema files.
//!
//! Values are parsed straight into column builders (no JSON tree per row), string columns
//! are dictionary-encoded while they have few distinct values, and large NDJSON inputs are
//! parsed on all cores.
//!
//! **Nothing is dropped or altered silently.** A malformed line, a value that does not fit
//! its declared type, a CSV row with the wrong number of fields, a duplicate field in a JSON
//! row and invalid UTF-8 are all errors naming the input, the line and the column
//! ([`LoadError`]).
//!
//! **With a schema**, values are converted to the declared types: JSON strings are parsed
//! for typed columns (`""` is null there), numbers, booleans, arrays and objects go into
//! `string` columns as their JSON text, and so on (see [`LoadOptions::schema`]). Fields the
//! schema does not list are kept as extra columns after the declared ones, with inferred
//! types. Missing fields are null (`""` for strings).
//!
//! **Without a schema**, each column's type is inferred from all its values (nulls do not
//! count); columns are ordered by first appearance.
//! - JSON: only booleans → `bool`; only integers that fit 64 bits → `long`; numbers with
//!   fractions among them → `real`; only ISO 8601 datetime strings with a time part (empty
//!   strings allowed, they become null) → `datetime`; other strings → `string`; arrays,
//!   objects or a mix of kinds (say strings and numbers) → `dynamic`; only nulls → `dynamic`.
//! - CSV (over the cell text; empty cells are null and do not count): only integers (no
//!   `+`, no leading zeros, so `007` stays text) → `long`; only numbers → `real`; only
//!   `true`/`false` (any case) → `bool`; only ISO 8601 datetimes → `datetime`; else
//!   `string` (an all-empty column too).

mod csv;
mod error;
mod json;
mod ndjson;
mod schema;
mod sink;
mod skip;
mod strings;
mod text;

pub use error::LoadError;
pub use json::table_from_json_rows;
pub use schema::{parse_schema, read_schema_dir, read_schema_file};
pub use skip::{load_bytes_skipping_bad_rows, load_table_skipping_bad_rows, SkippedRows};
pub use text::{parse_datetime, parse_iso_datetime, parse_timespan};

use crate::table::{Schema, Table};
use json::Cols;
use std::collections::HashSet;
use std::path::Path;

/// The shape of a data file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DataFormat {
    /// One JSON object per line (`.ndjson`, `.jsonl`).
    Ndjson,
    /// A JSON array of objects (`.json`). A `.json` file whose content starts with `{` is
    /// read as NDJSON (or as objects one after another).
    JsonArray,
    /// Comma-separated values with a header line (`.csv`).
    Csv,
}

impl DataFormat {
    /// The format a file's extension implies (case-insensitive).
    pub fn from_path(path: &Path) -> Option<DataFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "ndjson" | "jsonl" => Some(DataFormat::Ndjson),
            "json" => Some(DataFormat::JsonArray),
            "csv" => Some(DataFormat::Csv),
            _ => None,
        }
    }
}

/// How to load a table.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Declared columns. Values are converted to these types (an error names any value that
    /// does not fit): `string` takes any JSON value (non-strings as JSON text); `int` /
    /// `long` take integers and integer strings; `real` takes numbers and numeric strings
    /// including `NaN`, `Infinity`, `-Infinity`; `bool` takes booleans, `true`/`false` in
    /// any case, `1`/`0`; `datetime` takes ISO 8601 (or RFC 2822) strings, exact to 100 ns;
    /// `timespan` takes `[-][d.]hh:mm:ss[.fffffff]` strings; `guid` takes guid strings;
    /// `decimal` takes numbers and decimal strings; `dynamic` takes any JSON (a CSV cell is
    /// parsed as JSON when it is valid JSON, else kept as a string). JSON null, a missing
    /// field, `""` in a non-string column and an empty CSV cell are null.
    pub schema: Option<Schema>,
    /// The format; by default chosen from the file extension.
    pub format: Option<DataFormat>,
    /// When set, only these columns are loaded (other fields are read and dropped, which
    /// saves time and memory when a query uses few of a file's columns).
    pub columns: Option<HashSet<String>>,
}

/// Loads a table from a file.
pub fn load_table(path: &Path, opts: &LoadOptions) -> Result<Table, LoadError> {
    let source = path.display().to_string();
    let format = match opts.format.or_else(|| DataFormat::from_path(path)) {
        Some(f) => f,
        None => {
            return Err(LoadError::new(
                source,
                "cannot tell the data format from the file extension (expected .ndjson, \
                 .jsonl, .json or .csv)",
            ))
        }
    };
    let read_err =
        |e: std::io::Error| LoadError::new(&source, format!("cannot read the file: {e}"));
    use std::io::{BufRead, Read};
    let file = std::fs::File::open(path).map_err(read_err)?;
    let mut r = std::io::BufReader::with_capacity(64 << 10, file);
    let head = r.fill_buf().map_err(read_err)?;
    let bom = head.starts_with(b"\xEF\xBB\xBF");
    let first = head
        .iter()
        .skip(if bom { 3 } else { 0 })
        .copied()
        .find(|b| !b.is_ascii_whitespace());
    if bom {
        r.consume(3);
    }
    let cols = Cols {
        schema: opts.schema.as_ref(),
        keep: opts.columns.as_ref(),
    };
    let table = match format {
        // CSV and NDJSON are read as a stream; JSON needs the whole text.
        DataFormat::Csv => csv::load_csv(r, cols.schema, &source),
        DataFormat::Ndjson if first != Some(b'[') => {
            ndjson::load_ndjson_reader(&mut r, cols, &source)
        }
        _ => {
            let mut bytes = Vec::new();
            r.read_to_end(&mut bytes).map_err(read_err)?;
            load_bytes(&bytes, format, cols, &source)
        }
    }?;
    Ok(keep_columns(table, opts.columns.as_ref()))
}

/// Loads a table from text; `source_name` names the input in errors.
pub fn load_table_from_str(
    text: &str,
    format: DataFormat,
    opts: &LoadOptions,
    source_name: &str,
) -> Result<Table, LoadError> {
    load_from(text.as_bytes(), format, opts, source_name)
}

/// Loads a table from bytes (which must be UTF-8); `source_name` names the input in errors.
pub fn load_table_from_bytes(
    bytes: &[u8],
    format: DataFormat,
    opts: &LoadOptions,
    source_name: &str,
) -> Result<Table, LoadError> {
    load_from(bytes, format, opts, source_name)
}

fn load_from(
    bytes: &[u8],
    format: DataFormat,
    opts: &LoadOptions,
    source: &str,
) -> Result<Table, LoadError> {
    let cols = Cols {
        schema: opts.schema.as_ref(),
        keep: opts.columns.as_ref(),
    };
    let table = load_bytes(bytes, format, cols, source)?;
    Ok(keep_columns(table, opts.columns.as_ref()))
}

/// Drops the columns not in `keep` (formats that cannot skip fields while parsing).
fn keep_columns(table: Table, keep: Option<&HashSet<String>>) -> Table {
    let Some(keep) = keep else { return table };
    if table.fields().iter().all(|f| keep.contains(&f.name)) {
        return table;
    }
    let (fields, columns): (Vec<_>, Vec<_>) = table
        .fields()
        .iter()
        .zip(table.columns())
        .filter(|(f, _)| keep.contains(&f.name))
        .map(|(f, c)| (f.clone(), c.clone()))
        .unzip();
    let rows = table.num_rows();
    if fields.is_empty() {
        return Table::with_rows(rows);
    }
    Table::new(fields, columns).unwrap_or(table)
}

fn load_bytes(
    bytes: &[u8],
    format: DataFormat,
    cols: Cols<'_>,
    source: &str,
) -> Result<Table, LoadError> {
    let schema = cols.schema;
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
    match format {
        DataFormat::Csv => csv::load_csv(bytes, schema, source),
        DataFormat::Ndjson if first == Some(b'[') => json_array(bytes, schema, source),
        DataFormat::Ndjson => ndjson::load_ndjson(bytes, cols, source),
        DataFormat::JsonArray if first == Some(b'{') => {
            // NDJSON in a .json file; failing that, objects one after another (possibly
            // pretty-printed over several lines).
            ndjson::load_ndjson(bytes, cols, source).or_else(|first_err| {
                let text = std::str::from_utf8(bytes).map_err(|_| first_err)?;
                json::load_json_stream(text, schema, source)
            })
        }
        DataFormat::JsonArray => json_array(bytes, schema, source),
    }
}

fn json_array(bytes: &[u8], schema: Option<&Schema>, source: &str) -> Result<Table, LoadError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = bytes.get(..e.valid_up_to()).unwrap_or_default();
        let line_start = memchr::memrchr(b'\n', valid).map_or(0, |p| p + 1);
        LoadError::at(
            source,
            memchr::memchr_iter(b'\n', valid).count() as u64 + 1,
            (valid.len() - line_start) as u64 + 1,
            "invalid UTF-8",
        )
    })?;
    if text.trim().is_empty() {
        return Ok(Table::empty(schema.cloned().unwrap_or_default()));
    }
    json::load_json_array(text, schema, source)
}

#[cfg(test)]
fn ndjson_parallel_min_bytes() -> usize {
    ndjson::PARALLEL_MIN_BYTES
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests;
