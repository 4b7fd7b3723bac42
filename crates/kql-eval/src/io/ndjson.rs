//! NDJSON (one JSON object per line) into columns.
//!
//! Files are read in blocks of whole lines into one reused buffer (no second copy of a large
//! file in memory). Each block is split at line breaks into one part per core; the parts
//! are parsed in parallel and their columns appended in order, so the result (and every
//! error's line number) is the same as a sequential parse.

use super::error::{json_message, LoadError};
use super::json::{Cols, RowSeed, RowState};
use crate::table::Table;
use serde::de::DeserializeSeed;
use std::io::Read;

/// Blocks smaller than this are parsed on one thread.
pub(crate) const PARALLEL_MIN_BYTES: usize = 4 << 20;
/// At most this many parts per block.
const MAX_PARTS: usize = 8;
/// Bytes read from a file per block (grown when a single line is longer).
const BLOCK_BYTES: usize = 32 << 20;

/// Loads NDJSON text. Blank lines are skipped; every other line must hold one JSON object.
pub(crate) fn load_ndjson(bytes: &[u8], cols: Cols<'_>, source: &str) -> Result<Table, LoadError> {
    let (st, _) = parse_block(bytes, cols, source, 0)?;
    st.finish().map_err(|m| LoadError::new(source, m))
}

/// Loads NDJSON from a reader, block by block.
pub(crate) fn load_ndjson_reader(
    r: &mut dyn Read,
    cols: Cols<'_>,
    source: &str,
) -> Result<Table, LoadError> {
    load_ndjson_blocks(r, cols, source, BLOCK_BYTES)
}

fn load_ndjson_blocks(
    r: &mut dyn Read,
    cols: Cols<'_>,
    source: &str,
    block_bytes: usize,
) -> Result<Table, LoadError> {
    let mut buf = vec![0u8; block_bytes.max(1)];
    let mut filled = 0usize;
    let mut lines_before = 0u64;
    let mut first = true;
    let mut state: Option<RowState> = None;
    loop {
        let eof = fill(r, &mut buf, &mut filled)
            .map_err(|e| LoadError::new(source, format!("cannot read the file: {e}")))?;
        let data = buf.get(..filled).unwrap_or_default();
        let start = if first && data.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let end = if eof {
            filled
        } else {
            match memchr::memrchr(b'\n', data) {
                Some(p) if p >= start => p + 1,
                _ => {
                    // One line longer than the buffer: read more of it.
                    buf.resize(buf.len() * 2, 0);
                    continue;
                }
            }
        };
        let block = buf.get(start..end).unwrap_or_default();
        let (st, lines) = parse_block(block, cols, source, lines_before)?;
        lines_before += lines;
        match &mut state {
            None => state = Some(st),
            Some(s) => s.append(st),
        }
        if eof {
            break;
        }
        buf.copy_within(end..filled, 0);
        filled -= end;
        first = false;
    }
    state
        .unwrap_or_else(|| RowState::new(cols))
        .finish()
        .map_err(|m| LoadError::new(source, m))
}

/// Reads until `buf` is full or the input ends; true at the end of the input.
fn fill(r: &mut dyn Read, buf: &mut [u8], filled: &mut usize) -> std::io::Result<bool> {
    while let Some(rest) = buf.get_mut(*filled..).filter(|b| !b.is_empty()) {
        match r.read(rest) {
            Ok(0) => return Ok(true),
            Ok(n) => *filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(false)
}

/// Parses a block of whole lines (possibly in parallel); `lines_before` is the number of
/// lines in the input before the block. Returns the rows and the number of line breaks in
/// the block.
fn parse_block(
    bytes: &[u8],
    cols: Cols<'_>,
    source: &str,
    lines_before: u64,
) -> Result<(RowState, u64), LoadError> {
    let parts = split_parts(bytes, part_count(bytes.len()));
    let results: Vec<Result<(RowState, u64), LoadError>> = if parts.len() <= 1 {
        vec![parse_part(bytes, cols, source)]
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = parts
                .iter()
                .map(|&(start, end)| {
                    let part = bytes.get(start..end).unwrap_or_default();
                    scope.spawn(move || parse_part(part, cols, source))
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(LoadError::new(
                            source,
                            "internal error: a loader thread panicked",
                        ))
                    })
                })
                .collect()
        })
    };
    let mut merged: Option<RowState> = None;
    let mut lines = 0u64;
    for r in results {
        match r {
            Ok((st, n)) => {
                lines += n;
                match &mut merged {
                    None => merged = Some(st),
                    Some(m) => m.append(st),
                }
            }
            Err(mut e) => {
                // Lines in a part count from 1; add the lines before the part.
                if let Some(l) = e.line.as_mut() {
                    *l += lines_before + lines;
                }
                return Err(e);
            }
        }
    }
    Ok((merged.unwrap_or_else(|| RowState::new(cols)), lines))
}

fn part_count(len: usize) -> usize {
    if len < PARALLEL_MIN_BYTES {
        return 1;
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    cores.clamp(1, MAX_PARTS)
}

/// Byte ranges of `n` parts of about equal size, each ending after a line break (the last
/// at the end of the input).
fn split_parts(bytes: &[u8], n: usize) -> Vec<(usize, usize)> {
    let mut parts = Vec::with_capacity(n);
    let mut start = 0;
    for k in 1..n {
        let target = (bytes.len() / n * k).max(start);
        let Some(nl) = bytes
            .get(target..)
            .and_then(|rest| memchr::memchr(b'\n', rest))
        else {
            break;
        };
        let end = target + nl + 1;
        parts.push((start, end));
        start = end;
    }
    parts.push((start, bytes.len()));
    parts
}

/// Parses one part; line numbers in errors count from the part's first line. Returns the
/// rows and the number of line breaks in the part.
fn parse_part(bytes: &[u8], cols: Cols<'_>, source: &str) -> Result<(RowState, u64), LoadError> {
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
    let mut st = RowState::new(cols);
    let mut line_no = 0u64;
    let mut start = 0usize;
    let breaks = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for end in breaks {
        line_no += 1;
        let line = text.get(start..end).unwrap_or_default();
        start = end + 1;
        if line.trim_ascii().is_empty() {
            continue;
        }
        let mut de = serde_json::Deserializer::from_str(line);
        RowSeed(&mut st)
            .deserialize(&mut de)
            .and_then(|()| de.end())
            .map_err(|e| LoadError::at(source, line_no, e.column() as u64, json_message(&e)))?;
    }
    Ok((st, line_no - 1))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn parts_end_at_line_breaks() {
        let text = b"aaaa\nbb\ncccccc\nd\n";
        let parts = split_parts(text, 3);
        assert_eq!(parts.first().map(|p| p.0), Some(0));
        assert_eq!(parts.last().map(|p| p.1), Some(text.len()));
        for w in parts.windows(2) {
            assert_eq!(w[0].1, w[1].0);
            assert_eq!(text[w[0].1 - 1], b'\n');
        }
        assert_eq!(split_parts(b"no newline", 4), vec![(0, 10)]);
    }

    fn sample(n: usize) -> String {
        let mut text = String::new();
        for i in 0..n {
            if i == n * 4 / 5 {
                text.push_str("{\"a\": 1.5, \"late\": \"x\"}\n");
            } else if i % 10 == 3 {
                text.push('\n');
            } else {
                text.push_str(&format!(
                    "{{\"a\": {i}, \"s\": \"v{}\", \"t\": \"2026-11-20T10:00:{:02}Z\"}}\n",
                    i % 7,
                    i % 60
                ));
            }
        }
        text
    }

    fn same(a: &Table, b: &Table) {
        assert_eq!(a.fields(), b.fields());
        assert_eq!(a.num_rows(), b.num_rows());
        for c in 0..a.num_columns() {
            for r in 0..a.num_rows() {
                assert_eq!(a.columns()[c].get(r), b.columns()[c].get(r));
            }
        }
    }

    #[test]
    fn parallel_parse_matches_sequential() {
        let text = sample(5000);
        let (seq, lines) = parse_part(text.as_bytes(), Cols::default(), "x").unwrap();
        assert_eq!(lines, 5000);
        let seq = seq.finish().unwrap();
        let parts = split_parts(text.as_bytes(), 3);
        let mut merged: Option<RowState> = None;
        for (s, e) in parts {
            let (st, _) = parse_part(&text.as_bytes()[s..e], Cols::default(), "x").unwrap();
            match &mut merged {
                None => merged = Some(st),
                Some(m) => m.append(st),
            }
        }
        same(&seq, &merged.unwrap().finish().unwrap());
    }

    /// A reader that hands out a few bytes at a time.
    struct Trickle<'a>(&'a [u8], usize);

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.1.min(buf.len()).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn reader_blocks_match_one_block() {
        let text = sample(3000);
        let whole = load_ndjson(text.as_bytes(), Cols::default(), "x").unwrap();
        let mut r = Trickle(text.as_bytes(), 1000);
        let streamed = load_ndjson_reader(&mut r, Cols::default(), "x").unwrap();
        same(&whole, &streamed);
        for block in [7, 100, 4096] {
            let mut r = Trickle(text.as_bytes(), 333);
            let streamed = load_ndjson_blocks(&mut r, Cols::default(), "x", block).unwrap();
            same(&whole, &streamed);
        }
        let mut bad = text.clone();
        bad.push_str("{\"a\": }\n");
        let mut r = Trickle(bad.as_bytes(), 333);
        let e = load_ndjson_blocks(&mut r, Cols::default(), "x", 4096).unwrap_err();
        assert_eq!(e.line, Some(3001));
        let mut r = Trickle(b"\xEF\xBB\xBF{\"a\": 1}", 2);
        let t = load_ndjson_blocks(&mut r, Cols::default(), "x", 4).unwrap();
        assert_eq!(t.num_rows(), 1);
    }

    #[test]
    fn block_line_numbers_add_up() {
        let mut text = sample(3000);
        text.push_str("{\"a\": }\n");
        let e = load_ndjson(text.as_bytes(), Cols::default(), "x").unwrap_err();
        assert_eq!(e.line, Some(3001));
    }
}
