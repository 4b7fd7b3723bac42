//! CSV with a header line into columns.
//!
//! With a schema, header names are matched to declared columns and each cell is converted
//! to the declared type; header names the schema does not list become extra columns (types
//! inferred) after the declared ones, and declared columns missing from the header are null.
//! Without a schema every column's type is inferred from its cells: empty cells are null and
//! do not count; if every other cell is an integer → `long`, a number → `real`, `true` /
//! `false` → `bool`, an ISO 8601 datetime with a time part → `datetime`, else `string`.

use super::error::LoadError;
use super::sink::Typed;
use super::strings::StrBuilder;
use super::text::{infer_bool, infer_long, infer_real, parse_iso_datetime};
use crate::table::{Field, Schema, StringArray, Table};
use crate::types::DataType;
use std::collections::HashMap;
use std::sync::Arc;

/// Which types every non-empty cell of a column seen so far could be.
#[derive(Debug, Clone, Copy, Default)]
struct Candidates {
    any: bool,
    not_long: bool,
    not_real: bool,
    not_bool: bool,
    not_date: bool,
}

impl Candidates {
    fn see(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.any = true;
        let is_long = !self.not_long && infer_long(s).is_some();
        if !is_long {
            self.not_long = true;
            if !self.not_real && infer_real(s).is_none() {
                self.not_real = true;
            }
        }
        if !self.not_bool && infer_bool(s).is_none() {
            self.not_bool = true;
        }
        if !self.not_date && parse_iso_datetime(s, true).is_none() {
            self.not_date = true;
        }
    }

    /// True when only `string` is left.
    fn only_string(&self) -> bool {
        self.any && self.not_long && self.not_real && self.not_bool && self.not_date
    }

    fn data_type(&self) -> DataType {
        if !self.any {
            DataType::String
        } else if !self.not_long {
            DataType::Long
        } else if !self.not_real {
            DataType::Real
        } else if !self.not_bool {
            DataType::Bool
        } else if !self.not_date {
            DataType::DateTime
        } else {
            DataType::String
        }
    }
}

/// A column whose type is not declared. Integers are kept as numbers (their text can be
/// rebuilt exactly: inference only takes canonical integers); other candidates keep the
/// cell text until the type is settled; a column that can only be `string` goes straight
/// into a string builder.
#[derive(Debug)]
enum CsvInfer {
    Empty(usize),
    Long(Vec<Option<i64>>),
    Text(StringArray, Candidates),
    Str(StrBuilder),
}

impl Default for CsvInfer {
    fn default() -> Self {
        CsvInfer::Empty(0)
    }
}

impl CsvInfer {
    fn push(&mut self, s: &str) {
        match self {
            CsvInfer::Str(b) => return b.push(s),
            CsvInfer::Long(v) => {
                if s.is_empty() {
                    return v.push(None);
                }
                if let Some(i) = infer_long(s) {
                    return v.push(Some(i));
                }
            }
            CsvInfer::Empty(n) if s.is_empty() => {
                *n += 1;
                return;
            }
            CsvInfer::Empty(n) => {
                if let Some(i) = infer_long(s) {
                    let mut v = vec![None; *n];
                    v.push(Some(i));
                    *self = CsvInfer::Long(v);
                    return;
                }
            }
            CsvInfer::Text(..) => {}
        }
        // Anything else: keep the text, then see whether only `string` is left.
        self.make_text();
        if let CsvInfer::Text(text, cand) = self {
            text.push(s);
            cand.see(s);
            if cand.only_string() {
                let mut b = StrBuilder::default();
                for t in text.iter() {
                    b.push(t);
                }
                *self = CsvInfer::Str(b);
            }
        }
    }

    /// Converts `Empty` and `Long` to `Text`.
    fn make_text(&mut self) {
        match self {
            CsvInfer::Empty(n) => {
                let mut text = StringArray::with_capacity(*n, 0);
                for _ in 0..*n {
                    text.push("");
                }
                *self = CsvInfer::Text(text, Candidates::default());
            }
            CsvInfer::Long(v) => {
                let mut text = StringArray::with_capacity(v.len(), v.len() * 8);
                let mut cand = Candidates::default();
                let mut buf = String::new();
                for x in v.iter() {
                    buf.clear();
                    if let Some(i) = x {
                        use std::fmt::Write;
                        let _ = write!(buf, "{i}");
                    }
                    text.push(&buf);
                    cand.see(&buf);
                }
                *self = CsvInfer::Text(text, cand);
            }
            CsvInfer::Text(..) | CsvInfer::Str(_) => {}
        }
    }

    fn finish(self) -> Typed {
        match self {
            CsvInfer::Empty(n) => {
                let mut t = Typed::new(DataType::String);
                t.push_nulls(n);
                t
            }
            CsvInfer::Long(v) => Typed::Long(v),
            CsvInfer::Str(b) => Typed::String(b),
            CsvInfer::Text(text, cand) => {
                let mut t = Typed::new(cand.data_type());
                for s in text.iter() {
                    if t.push_text(s).is_err() {
                        // Cannot happen: the type was chosen because every cell converts.
                        t.push_null();
                    }
                }
                t
            }
        }
    }
}

enum CsvSink {
    Typed(Typed),
    Infer(CsvInfer),
}

/// Loads CSV text whose first record is the header.
pub(crate) fn load_csv<R: std::io::Read>(
    input: R,
    schema: Option<&Schema>,
    source: &str,
) -> Result<Table, LoadError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(1 << 20)
        .from_reader(input);
    let mut record = csv::ByteRecord::new();
    let csv_err = |e: csv::Error| {
        let line = e.position().map(|p| p.line());
        LoadError {
            source: source.to_string(),
            line,
            column: None,
            message: e.to_string(),
        }
    };
    if !rdr.read_byte_record(&mut record).map_err(csv_err)? {
        // No header: an empty table with the declared columns.
        return Ok(Table::empty(schema.cloned().unwrap_or_default()));
    }
    let header_line = record.position().map_or(1, |p| p.line());
    let mut names: Vec<String> = Vec::with_capacity(record.len());
    let mut seen = HashMap::new();
    for (j, f) in record.iter().enumerate() {
        let name = std::str::from_utf8(f).map_err(|_| {
            LoadError::at(
                source,
                header_line,
                j as u64 + 1,
                "invalid UTF-8 in the header",
            )
        })?;
        if seen.insert(name.to_string(), j).is_some() {
            return Err(LoadError::at(
                source,
                header_line,
                j as u64 + 1,
                format!("column '{name}' appears twice in the header"),
            ));
        }
        names.push(name.to_string());
    }
    let declared: HashMap<&str, DataType> = schema
        .into_iter()
        .flatten()
        .map(|f| (f.name.as_str(), f.data_type))
        .collect();
    let mut sinks: Vec<CsvSink> = names
        .iter()
        .map(|n| match declared.get(n.as_str()) {
            Some(&ty) => CsvSink::Typed(Typed::new(ty)),
            None => CsvSink::Infer(CsvInfer::default()),
        })
        .collect();

    let mut rows = 0usize;
    while rdr.read_byte_record(&mut record).map_err(csv_err)? {
        let line = record.position().map_or(0, |p| p.line());
        if record.len() != names.len() {
            return Err(LoadError::at_line(
                source,
                line,
                format!(
                    "expected {} fields (as in the header) but found {}",
                    names.len(),
                    record.len()
                ),
            ));
        }
        for (j, (f, sink)) in record.iter().zip(sinks.iter_mut()).enumerate() {
            let name = names.get(j).map_or("", String::as_str);
            let cell = std::str::from_utf8(f).map_err(|_| {
                LoadError::at(
                    source,
                    line,
                    j as u64 + 1,
                    format!("column '{name}': invalid UTF-8"),
                )
            })?;
            match sink {
                CsvSink::Typed(t) => t.push_text(cell).map_err(|m| {
                    LoadError::at(source, line, j as u64 + 1, format!("column '{name}': {m}"))
                })?,
                CsvSink::Infer(i) => i.push(cell),
            }
        }
        rows += 1;
    }

    // Declared columns first (in schema order), then the others in header order.
    let mut by_name: HashMap<String, Typed> = names
        .iter()
        .cloned()
        .zip(sinks.into_iter().map(|s| match s {
            CsvSink::Typed(t) => t,
            CsvSink::Infer(i) => i.finish(),
        }))
        .collect();
    let mut fields = Vec::new();
    let mut columns = Vec::new();
    let mut emitted = std::collections::HashSet::new();
    for f in schema.into_iter().flatten() {
        if !emitted.insert(f.name.as_str()) {
            continue;
        }
        let col = match by_name.remove(&f.name) {
            Some(t) => t.finish(),
            None => {
                let mut t = Typed::new(f.data_type);
                t.push_nulls(rows);
                t.finish()
            }
        };
        fields.push(f.clone());
        columns.push(Arc::new(col));
    }
    for n in &names {
        if let Some(t) = by_name.remove(n) {
            let col = t.finish();
            fields.push(Field::new(n.clone(), col.data_type()));
            columns.push(Arc::new(col));
        }
    }
    if fields.is_empty() {
        return Ok(Table::with_rows(rows));
    }
    Table::new(fields, columns).map_err(|e| LoadError::new(source, format!("internal error: {e}")))
}
