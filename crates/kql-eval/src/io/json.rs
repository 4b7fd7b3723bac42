//! JSON rows straight into column builders: serde visitors that walk each row object and
//! push its values into the builder of their column, without building a JSON tree (nested
//! arrays and objects become [`Dynamic`] values directly).
//!
//! Also the JSON-array loader (`[{...}, {...}]`) and [`table_from_json_rows`].

use super::error::{json_message, LoadError};
use super::sink::{Infer, Sink, Typed};
use super::strings::{bytes_eq, FastHash};
use crate::dynamic::Dynamic;
use crate::table::{Field, Schema, Table};
use indexmap::IndexMap;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::sync::Arc;

/// The columns of rows parsed so far.
pub(crate) struct RowState {
    names: Vec<String>,
    sinks: Vec<Sink>,
    /// `rows + 1` for the columns the current row has set (a row stamp per column).
    stamps: Vec<usize>,
    index: HashMap<String, usize, FastHash>,
    rows: usize,
    /// Column indexes in the key order of the previous row (rows usually repeat it).
    prev_order: Vec<usize>,
    cur_order: Vec<usize>,
    /// When set, only these fields are stored; others are parsed and dropped.
    keep: Option<HashSet<String>>,
    /// Names of dropped fields; a dropped field's column index is `SKIPPED + position`.
    skipped: Vec<String>,
}

/// Column indexes at or above this mark fields that are parsed but not stored.
pub(crate) const SKIPPED: usize = usize::MAX / 2;

/// Which columns a load produces: a declared schema, and optionally only some fields.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Cols<'a> {
    /// Declared columns (typed).
    pub schema: Option<&'a Schema>,
    /// Only these fields are kept (all when `None`).
    pub keep: Option<&'a HashSet<String>>,
}

impl<'a> From<Option<&'a Schema>> for Cols<'a> {
    fn from(schema: Option<&'a Schema>) -> Self {
        Cols { schema, keep: None }
    }
}

impl RowState {
    /// Columns of the schema (typed), or none yet (all inferred).
    pub fn new(cols: Cols<'_>) -> RowState {
        let Cols { schema, keep } = cols;
        let mut st = RowState {
            keep: keep.cloned(),
            skipped: Vec::new(),
            names: Vec::new(),
            sinks: Vec::new(),
            stamps: Vec::new(),
            index: HashMap::default(),
            rows: 0,
            prev_order: Vec::new(),
            cur_order: Vec::new(),
        };
        for f in schema.into_iter().flatten() {
            if st.keep.as_ref().is_some_and(|k| !k.contains(&f.name)) {
                continue;
            }
            if !st.index.contains_key(&f.name) {
                st.index.insert(f.name.clone(), st.names.len());
                st.names.push(f.name.clone());
                st.sinks.push(Sink::Typed(Typed::new(f.data_type)));
                st.stamps.push(0);
            }
        }
        st
    }

    /// The column for `key`, adding an inferred column for a new name.
    #[inline]
    fn column_for(&mut self, key: &str) -> usize {
        let pos = self.cur_order.len();
        let i = match self.prev_order.get(pos) {
            Some(&i)
                if self
                    .column_name(i)
                    .is_some_and(|n| bytes_eq(n.as_bytes(), key.as_bytes())) =>
            {
                i
            }
            _ => match self.index.get(key) {
                Some(&i) => i,
                None if self.keep.as_ref().is_some_and(|k| !k.contains(key)) => {
                    let i = SKIPPED + self.skipped.len();
                    self.index.insert(key.to_string(), i);
                    self.skipped.push(key.to_string());
                    i
                }
                None => {
                    let i = self.names.len();
                    self.index.insert(key.to_string(), i);
                    self.names.push(key.to_string());
                    self.sinks.push(Sink::Infer(Infer::Empty(self.rows)));
                    self.stamps.push(0);
                    i
                }
            },
        };
        self.cur_order.push(i);
        i
    }

    /// The name of column `i` (stored or skipped).
    #[inline]
    fn column_name(&self, i: usize) -> Option<&String> {
        if i >= SKIPPED {
            self.skipped.get(i - SKIPPED)
        } else {
            self.names.get(i)
        }
    }

    /// Completes a row: fields it did not have become null.
    fn end_row(&mut self) {
        let stamp = self.rows + 1;
        for (s, &st) in self.sinks.iter_mut().zip(&self.stamps) {
            if st != stamp {
                s.push_null();
            }
        }
        self.rows += 1;
        std::mem::swap(&mut self.prev_order, &mut self.cur_order);
        self.cur_order.clear();
    }

    /// Appends the rows of `other` (parsed from the input that follows this one's).
    pub fn append(&mut self, other: RowState) {
        let RowState {
            names, sinks, rows, ..
        } = other;
        let mut theirs: HashMap<String, Sink, FastHash> = HashMap::default();
        let mut new_names = Vec::new();
        for (n, s) in names.into_iter().zip(sinks) {
            if !self.index.contains_key(&n) {
                new_names.push(n.clone());
            }
            theirs.insert(n, s);
        }
        for (name, sink) in self.names.iter().zip(self.sinks.iter_mut()) {
            match theirs.remove(name) {
                Some(s) => sink.append(s),
                None => sink.push_nulls(rows),
            }
        }
        for n in new_names {
            if let Some(s) = theirs.remove(&n) {
                let mut sink = Sink::Infer(Infer::Empty(self.rows));
                sink.append(s);
                self.index.insert(n.clone(), self.names.len());
                self.names.push(n);
                self.sinks.push(sink);
                self.stamps.push(0);
            }
        }
        self.rows += rows;
    }

    /// The table: declared columns first, then the others in order of first appearance.
    pub fn finish(self) -> Result<Table, String> {
        let mut fields = Vec::with_capacity(self.names.len());
        let mut columns = Vec::with_capacity(self.names.len());
        for (name, sink) in self.names.into_iter().zip(self.sinks) {
            let col = sink.finish();
            fields.push(Field::new(name, col.data_type()));
            columns.push(Arc::new(col));
        }
        if fields.is_empty() {
            return Ok(Table::with_rows(self.rows));
        }
        Table::new(fields, columns).map_err(|e| format!("internal error: {e}"))
    }
}

/// Deserializes one row object into a [`RowState`].
pub(crate) struct RowSeed<'a>(pub &'a mut RowState);

impl<'de> DeserializeSeed<'de> for RowSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(RowVisitor(self.0))
    }
}

struct RowVisitor<'a>(&'a mut RowState);

impl<'de> Visitor<'de> for RowVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object (one row)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let st = self.0;
        while let Some(i) = map.next_key_seed(KeySeed(st))? {
            if i >= SKIPPED {
                map.next_value::<de::IgnoredAny>()?;
                continue;
            }
            let stamp = st.rows + 1;
            let (Some(name), Some(sink), Some(seen)) =
                (st.names.get(i), st.sinks.get_mut(i), st.stamps.get_mut(i))
            else {
                return Err(de::Error::custom("internal error: unknown column"));
            };
            if *seen == stamp {
                return Err(de::Error::custom(format_args!("duplicate field '{name}'")));
            }
            *seen = stamp;
            map.next_value_seed(CellSeed { sink, name })?;
        }
        st.end_row();
        Ok(())
    }
}

struct KeySeed<'a>(&'a mut RowState);

impl<'de> DeserializeSeed<'de> for KeySeed<'_> {
    type Value = usize;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<usize, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_> {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<usize, E> {
        Ok(self.0.column_for(v))
    }
}

/// Deserializes one field value into its column's builder.
struct CellSeed<'a> {
    sink: &'a mut Sink,
    name: &'a str,
}

impl<'de> DeserializeSeed<'de> for CellSeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl CellSeed<'_> {
    fn done<E: de::Error>(&self, r: Result<(), String>) -> Result<(), E> {
        r.map_err(|m| E::custom(format_args!("field '{}': {m}", self.name)))
    }
}

impl<'de> Visitor<'de> for CellSeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<(), E> {
        let r = self.sink.push_bool(v);
        self.done(r)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<(), E> {
        let r = self.sink.push_i64(v);
        self.done(r)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<(), E> {
        let r = self.sink.push_u64(v);
        self.done(r)
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<(), E> {
        let r = self.sink.push_f64(v);
        self.done(r)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<(), E> {
        let r = self.sink.push_str(v);
        self.done(r)
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        self.sink.push_null();
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        self.visit_unit()
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        let d = DynVisitor.visit_seq(seq)?;
        let r = self.sink.push_complex(d);
        self.done(r)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        let d = DynVisitor.visit_map(map)?;
        let r = self.sink.push_complex(d);
        self.done(r)
    }
}

/// Deserializes any JSON value as a [`Dynamic`] (integers that fit 64 bits stay exact).
pub(crate) struct DynVisitor;

impl<'de> DeserializeSeed<'de> for DynVisitor {
    type Value = Dynamic;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Dynamic, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for DynVisitor {
    type Value = Dynamic;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Dynamic, E> {
        Ok(Dynamic::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Dynamic, E> {
        Ok(Dynamic::Long(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Dynamic, E> {
        Ok(i64::try_from(v).map_or(Dynamic::Real(v as f64), Dynamic::Long))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Dynamic, E> {
        Ok(Dynamic::Real(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Dynamic, E> {
        Ok(Dynamic::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Dynamic, E> {
        Ok(Dynamic::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Dynamic, E> {
        Ok(Dynamic::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Dynamic, E> {
        Ok(Dynamic::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Dynamic, A::Error> {
        let mut v = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(x) = seq.next_element_seed(DynVisitor)? {
            v.push(x);
        }
        Ok(Dynamic::Array(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dynamic, A::Error> {
        let mut bag = IndexMap::new();
        while let Some(k) = map.next_key::<String>()? {
            let v = map.next_value_seed(DynVisitor)?;
            bag.insert(k, v);
        }
        Ok(Dynamic::Bag(bag))
    }
}

/// Deserializes a JSON array of row objects.
struct ArraySeed<'a>(&'a mut RowState);

impl<'de> DeserializeSeed<'de> for ArraySeed<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ArraySeed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON array of row objects")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(RowSeed(self.0))?.is_some() {}
        Ok(())
    }
}

/// The line and column of a serde_json error as a [`LoadError`].
fn positioned(source: &str, e: &serde_json::Error) -> LoadError {
    LoadError {
        source: source.to_string(),
        line: (e.line() > 0).then_some(e.line() as u64),
        column: (e.line() > 0).then_some(e.column() as u64),
        message: json_message(e),
    }
}

/// Loads a JSON array of row objects.
pub(crate) fn load_json_array(
    text: &str,
    schema: Option<&Schema>,
    source: &str,
) -> Result<Table, LoadError> {
    let mut st = RowState::new(schema.into());
    let mut de = serde_json::Deserializer::from_str(text);
    ArraySeed(&mut st)
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| positioned(source, &e))?;
    st.finish().map_err(|m| LoadError::new(source, m))
}

/// Loads a sequence of JSON objects separated by whitespace (pretty-printed objects one after
/// another, or a single object), for `.json` files that are not arrays.
pub(crate) fn load_json_stream(
    text: &str,
    schema: Option<&Schema>,
    source: &str,
) -> Result<Table, LoadError> {
    let mut st = RowState::new(schema.into());
    if !text.trim().is_empty() {
        let mut de = serde_json::Deserializer::from_str(text);
        loop {
            RowSeed(&mut st)
                .deserialize(&mut de)
                .map_err(|e| positioned(source, &e))?;
            // `end` skips whitespace and fails when another value follows.
            if de.end().is_ok() {
                break;
            }
        }
    }
    st.finish().map_err(|m| LoadError::new(source, m))
}

/// Builds a table from JSON row objects (for embedders). With a schema, values are
/// converted to the declared types and fields the schema does not list become extra
/// columns (types inferred) after the declared ones; without one, every column's type is
/// inferred (see the module docs of [`crate::io`]). Errors name the 1-based row as the
/// line, with source `<rows>`.
pub fn table_from_json_rows(
    rows: &[serde_json::Value],
    schema: Option<&Schema>,
) -> Result<Table, LoadError> {
    const SOURCE: &str = "<rows>";
    let mut st = RowState::new(schema.into());
    for (i, row) in rows.iter().enumerate() {
        RowSeed(&mut st)
            .deserialize(row)
            .map_err(|e| LoadError::at_line(SOURCE, i as u64 + 1, json_message(&e)))?;
    }
    st.finish().map_err(|m| LoadError::new(SOURCE, m))
}
