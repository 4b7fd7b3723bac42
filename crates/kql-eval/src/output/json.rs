//! JSON and NDJSON output, written as a stream (no JSON tree for a whole table).

use super::{cell, Cell};
use crate::format::{format_datetime, format_guid, format_real, format_timespan};
use crate::table::Table;
use std::io::{self, BufWriter, Write};

/// A cell as a JSON value.
fn cell_json(c: Cell<'_>) -> serde_json::Value {
    use serde_json::Value as J;
    match c {
        Cell::Null => J::Null,
        Cell::Bool(b) => J::Bool(b),
        Cell::Int(i) => J::from(i),
        Cell::Real(r) => match serde_json::Number::from_f64(r) {
            Some(n) => J::Number(n),
            None => J::String(format_real(r)),
        },
        Cell::Decimal(d) => J::String(d.to_string()),
        Cell::Str(s) => J::String(s.to_string()),
        Cell::DateTime(t) => J::String(format_datetime(t)),
        Cell::TimeSpan(t) => J::String(format_timespan(t)),
        Cell::Guid(g) => J::String(format_guid(g)),
        Cell::Dyn(d) => d.to_json(),
    }
}

/// `{"kind": "timechart", "properties": {"title": "..."}}` for a rendered result.
fn visualization_json(v: &crate::table::Visualization) -> serde_json::Value {
    let properties: serde_json::Map<String, serde_json::Value> = v
        .properties
        .iter()
        .map(|(k, val)| (k.clone(), serde_json::Value::String(val.clone())))
        .collect();
    serde_json::json!({"kind": v.kind, "properties": properties})
}

/// A table as `{"columns": [{"name": "X", "type": "long"}, ...], "rows": [[...], ...]}`,
/// plus `"visualization": {"kind", "properties"}` when the query ended with `render`.
pub fn table_to_json(t: &Table) -> serde_json::Value {
    let columns = t
        .fields()
        .iter()
        .map(|f| serde_json::json!({"name": f.name, "type": f.data_type.as_str()}))
        .collect();
    let rows = (0..t.num_rows())
        .map(|r| {
            serde_json::Value::Array(t.columns().iter().map(|c| cell_json(cell(c, r))).collect())
        })
        .collect();
    let mut obj = serde_json::Map::new();
    obj.insert("columns".into(), serde_json::Value::Array(columns));
    obj.insert("rows".into(), serde_json::Value::Array(rows));
    if let Some(v) = t.visualization() {
        obj.insert("visualization".into(), visualization_json(v));
    }
    serde_json::Value::Object(obj)
}

fn write_str(w: &mut impl Write, s: &str) -> io::Result<()> {
    serde_json::to_writer(w, s).map_err(io::Error::from)
}

/// Writes one cell as JSON.
fn write_cell(w: &mut impl Write, c: Cell<'_>) -> io::Result<()> {
    match c {
        Cell::Null => w.write_all(b"null"),
        Cell::Bool(b) => w.write_all(if b { b"true" } else { b"false" }),
        Cell::Int(i) => write!(w, "{i}"),
        Cell::Real(r) if r.is_finite() => serde_json::to_writer(w, &r).map_err(io::Error::from),
        Cell::Real(r) => write_str(w, &format_real(r)),
        Cell::Decimal(d) => write_str(w, &d.to_string()),
        Cell::Str(s) => write_str(w, s),
        Cell::DateTime(t) => write_str(w, &format_datetime(t)),
        Cell::TimeSpan(t) => write_str(w, &format_timespan(t)),
        Cell::Guid(g) => write_str(w, &format_guid(g)),
        Cell::Dyn(d) => serde_json::to_writer(w, &d.to_json()).map_err(io::Error::from),
    }
}

/// Writes one table object; rows one per line.
fn write_table(t: &Table, w: &mut impl Write) -> io::Result<()> {
    w.write_all(b"{\"columns\":[")?;
    for (i, f) in t.fields().iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        w.write_all(b"{\"name\":")?;
        write_str(w, &f.name)?;
        write!(w, ",\"type\":\"{}\"}}", f.data_type.as_str())?;
    }
    w.write_all(b"],\"rows\":[")?;
    for r in 0..t.num_rows() {
        w.write_all(if r == 0 { b"\n[" } else { b",\n[" })?;
        for (i, c) in t.columns().iter().enumerate() {
            if i > 0 {
                w.write_all(b",")?;
            }
            write_cell(w, cell(c, r))?;
        }
        w.write_all(b"]")?;
    }
    if t.num_rows() > 0 {
        w.write_all(b"\n")?;
    }
    w.write_all(b"]")?;
    if let Some(v) = t.visualization() {
        w.write_all(b",\"visualization\":")?;
        serde_json::to_writer(&mut *w, &visualization_json(v)).map_err(io::Error::from)?;
    }
    w.write_all(b"}")
}

/// Writes results as JSON: one table as its object (see [`table_to_json`]), several as
/// `{"tables": [...]}`. Ends with a newline.
pub fn write_json(tables: &[Table], w: &mut dyn Write) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, w);
    match tables {
        [t] => write_table(t, &mut w)?,
        _ => {
            w.write_all(b"{\"tables\":[")?;
            for (i, t) in tables.iter().enumerate() {
                if i > 0 {
                    w.write_all(b",\n")?;
                }
                write_table(t, &mut w)?;
            }
            w.write_all(b"]}")?;
        }
    }
    w.write_all(b"\n")?;
    w.flush()
}

/// Writes a table as NDJSON: one object `{"column": value, ...}` per row.
pub fn write_ndjson(t: &Table, w: &mut dyn Write) -> io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, w);
    let mut keys = Vec::with_capacity(t.num_columns());
    for (i, f) in t.fields().iter().enumerate() {
        let mut k = Vec::new();
        k.push(if i == 0 { b'{' } else { b',' });
        serde_json::to_writer(&mut k, &f.name).map_err(io::Error::from)?;
        k.push(b':');
        keys.push(k);
    }
    for r in 0..t.num_rows() {
        if keys.is_empty() {
            w.write_all(b"{")?;
        }
        for (k, c) in keys.iter().zip(t.columns()) {
            w.write_all(k)?;
            write_cell(&mut w, cell(c, r))?;
        }
        w.write_all(b"}\n")?;
    }
    w.flush()
}
