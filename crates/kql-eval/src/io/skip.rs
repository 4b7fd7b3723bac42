//! Loading while skipping bad rows (`kql run --skip-bad-rows`).
//!
//! The loaders stop at the first bad row. When asked to skip instead, the file is first
//! loaded normally (the fast path: a clean file costs nothing extra); only when that fails
//! at a row is it read again row by row: each NDJSON line, or each CSV record with the
//! header, is loaded on its own, the rows that fail are dropped and counted, and the rest
//! is loaded as one table. Every decision is per row, so a bad row never changes how the
//! good ones load. A JSON array file (`[...]`) cannot be split into rows: its error stands.

use super::{load_table, load_table_from_bytes, DataFormat, LoadError, LoadOptions};
use crate::table::Table;
use std::path::Path;

/// Rows dropped by [`load_table_skipping_bad_rows`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SkippedRows {
    /// How many rows were dropped.
    pub count: usize,
    /// The error of the first one (with its line in the file).
    pub first: Option<LoadError>,
}

/// Loads a table from a file like [`load_table`], but drops rows that fail to load
/// (malformed JSON, invalid UTF-8, a CSV row with the wrong number of fields, a value that
/// does not fit its declared type) instead of failing, and says how many it dropped.
/// Errors that are not about one row (an unreadable file, a bad CSV header, a JSON array
/// file) are still errors.
pub fn load_table_skipping_bad_rows(
    path: &Path,
    opts: &LoadOptions,
) -> Result<(Table, SkippedRows), LoadError> {
    let first_err = match load_table(path, opts) {
        Ok(t) => return Ok((t, SkippedRows::default())),
        Err(e) => e,
    };
    if first_err.line.is_none() {
        return Err(first_err);
    }
    let source = path.display().to_string();
    let Some(format) = opts.format.or_else(|| DataFormat::from_path(path)) else {
        return Err(first_err);
    };
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::new(&source, format!("cannot read the file: {e}")))?;
    load_bytes_skipping_bad_rows(&bytes, format, opts, &source).map_err(|e| {
        // Not splittable into rows: the original error says most.
        if e.line.is_none() {
            first_err
        } else {
            e
        }
    })
}

/// [`load_table_skipping_bad_rows`] over bytes already in memory.
pub fn load_bytes_skipping_bad_rows(
    bytes: &[u8],
    format: DataFormat,
    opts: &LoadOptions,
    source: &str,
) -> Result<(Table, SkippedRows), LoadError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let first = bytes.iter().copied().find(|b| !b.is_ascii_whitespace());
    let (kept, skipped) = match format {
        DataFormat::Csv => csv_rows(bytes, opts, source)?,
        DataFormat::Ndjson | DataFormat::JsonArray if first != Some(b'[') => {
            ndjson_rows(bytes, opts, source)
        }
        _ => {
            return load_table_from_bytes(bytes, format, opts, source)
                .map(|t| (t, SkippedRows::default()))
        }
    };
    let format = if format == DataFormat::Csv {
        DataFormat::Csv
    } else {
        DataFormat::Ndjson
    };
    let table = load_table_from_bytes(&kept, format, opts, source)?;
    Ok((table, skipped))
}

/// Records a dropped row, keeping the first error with its line in the whole file.
fn skip(skipped: &mut SkippedRows, mut e: LoadError, line: u64, source: &str) {
    skipped.count += 1;
    if skipped.first.is_none() {
        e.source = source.to_string();
        e.line = Some(line);
        skipped.first = Some(e);
    }
}

/// The good NDJSON lines of `bytes` (blank lines kept as blank lines are skipped anyway).
fn ndjson_rows(bytes: &[u8], opts: &LoadOptions, source: &str) -> (Vec<u8>, SkippedRows) {
    let mut kept = Vec::with_capacity(bytes.len());
    let mut skipped = SkippedRows::default();
    for (i, line) in bytes.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        match load_table_from_bytes(line, DataFormat::Ndjson, opts, source) {
            Ok(_) => {
                kept.extend_from_slice(line);
                kept.push(b'\n');
            }
            Err(e) => skip(&mut skipped, e, i as u64 + 1, source),
        }
    }
    (kept, skipped)
}

/// The header and the good records of CSV `bytes`.
fn csv_rows(
    bytes: &[u8],
    opts: &LoadOptions,
    source: &str,
) -> Result<(Vec<u8>, SkippedRows), LoadError> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut record = csv::ByteRecord::new();
    let mut skipped = SkippedRows::default();
    // Byte ranges of each record: from its start to the next record's start.
    let mut starts: Vec<(usize, u64)> = Vec::new();
    loop {
        let pos = rdr.position().clone();
        match rdr.read_byte_record(&mut record) {
            Ok(true) => {
                let start = record.position().map_or(pos.byte(), |p| p.byte());
                let line = record.position().map_or(pos.line(), |p| p.line());
                starts.push((usize::try_from(start).unwrap_or(usize::MAX), line));
            }
            Ok(false) => break,
            Err(e) => {
                // A record the CSV reader itself rejects (invalid UTF-8 is not checked for
                // byte records, so this is rare): nothing after it can be delimited.
                let line = e.position().map_or(0, |p| p.line());
                return Err(LoadError::at_line(source, line, e.to_string()));
            }
        }
    }
    let Some(&(header_start, _)) = starts.first() else {
        return Ok((bytes.to_vec(), skipped));
    };
    let slice = |k: usize| -> &[u8] {
        let start = starts.get(k).map_or(bytes.len(), |s| s.0);
        let end = starts.get(k + 1).map_or(bytes.len(), |s| s.0);
        bytes.get(start.min(end)..end).unwrap_or_default()
    };
    let _ = header_start;
    let mut header = slice(0).to_vec();
    if !header.ends_with(b"\n") {
        header.push(b'\n');
    }
    let mut kept = header.clone();
    let mut one = Vec::new();
    for k in 1..starts.len() {
        let rec = slice(k);
        one.clear();
        one.extend_from_slice(&header);
        one.extend_from_slice(rec);
        match load_table_from_bytes(&one, DataFormat::Csv, opts, source) {
            Ok(_) => {
                kept.extend_from_slice(rec);
                if !rec.ends_with(b"\n") {
                    kept.push(b'\n');
                }
            }
            Err(e) => {
                let line = starts.get(k).map_or(0, |s| s.1);
                skip(&mut skipped, e, line, source);
            }
        }
    }
    Ok((kept, skipped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::DataType;
    use crate::Field;

    fn typed() -> LoadOptions {
        LoadOptions {
            schema: Some(vec![Field::new("a", DataType::Long)]),
            ..LoadOptions::default()
        }
    }

    #[test]
    fn ndjson_bad_lines_are_dropped_and_counted() {
        let text = b"{\"a\":1}\n{\"a\":\n{\"a\":\"x\"}\n\xff\n{\"a\":4}\n";
        let (t, s) =
            load_bytes_skipping_bad_rows(text, DataFormat::Ndjson, &typed(), "f.ndjson").unwrap();
        assert_eq!(t.num_rows(), 2);
        assert_eq!(s.count, 3);
        let first = s.first.unwrap();
        assert_eq!(first.line, Some(2));
        assert!(first.to_string().starts_with("f.ndjson:2"), "{first}");
    }

    #[test]
    fn csv_bad_records_are_dropped_and_counted() {
        let text = b"a,b\n1,x\n2\n\"multi\nline\",y\nz,w\n3,\xfe\n4,v\n";
        let (t, s) =
            load_bytes_skipping_bad_rows(text, DataFormat::Csv, &typed(), "f.csv").unwrap();
        // Kept: 1,x and 4,v; dropped: the short row, the two non-integer `a`s, bad UTF-8.
        assert_eq!(t.num_rows(), 2, "{s:?}");
        assert_eq!(s.count, 4);
        assert_eq!(s.first.as_ref().and_then(|e| e.line), Some(3));
    }

    #[test]
    fn clean_input_skips_nothing() {
        let (t, s) = load_bytes_skipping_bad_rows(
            b"{\"a\":1}\n{\"a\":2}\n",
            DataFormat::Ndjson,
            &LoadOptions::default(),
            "ok.ndjson",
        )
        .unwrap();
        assert_eq!(t.num_rows(), 2);
        assert_eq!(s, SkippedRows::default());
    }
}
