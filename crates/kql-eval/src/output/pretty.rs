//! An aligned table for terminals.
//!
//! ```text
//! Host  Bytes  When
//! ----  -----  --------------------
//! a        10  2026-11-20T10:00:00Z
//! b         5
//! (2 rows)
//! ```
//!
//! Numbers are right-aligned, null is blank, control characters are shown escaped (`\n`),
//! and cells longer than 60 characters are cut with `…`.

use super::{cell, cell_text};
use crate::table::Table;

/// Cells longer than this many characters are cut.
const MAX_CELL_CHARS: usize = 60;

/// A cell's display text: control characters escaped, cut at [`MAX_CELL_CHARS`].
fn display(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut n = 0;
    for ch in s.chars() {
        let piece: String = match ch {
            '\n' => "\\n".into(),
            '\r' => "\\r".into(),
            '\t' => "\\t".into(),
            c if c.is_control() => c.escape_unicode().to_string(),
            c => c.to_string(),
        };
        let len = piece.chars().count();
        if n + len > MAX_CELL_CHARS {
            out.push('…');
            return out;
        }
        n += len;
        out.push_str(&piece);
    }
    out
}

/// A table as aligned text for a terminal, ending with a `(N rows)` line (and a
/// `(render kind with k=v, ...)` line when the query ended with `render`).
pub fn format_pretty(t: &Table) -> String {
    let header: Vec<String> = t.fields().iter().map(|f| display(&f.name)).collect();
    let right: Vec<bool> = t
        .fields()
        .iter()
        .map(|f| f.data_type.is_numeric())
        .collect();
    let rows: Vec<Vec<String>> = (0..t.num_rows())
        .map(|r| {
            t.columns()
                .iter()
                .map(|c| cell_text(cell(c, r)).map_or_else(String::new, |s| display(&s)))
                .collect()
        })
        .collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (w, s) in widths.iter_mut().zip(row) {
            *w = (*w).max(s.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: &[String], out: &mut String| {
        let mut l = String::new();
        for (i, (s, &w)) in cells.iter().zip(&widths).enumerate() {
            if i > 0 {
                l.push_str("  ");
            }
            let pad = w.saturating_sub(s.chars().count());
            if right.get(i).copied().unwrap_or(false) {
                l.push_str(&" ".repeat(pad));
                l.push_str(s);
            } else {
                l.push_str(s);
                l.push_str(&" ".repeat(pad));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    if !header.is_empty() {
        line(&header, &mut out);
        let dashes: Vec<String> = widths.iter().map(|&w| "-".repeat(w.max(1))).collect();
        line(&dashes, &mut out);
        for row in &rows {
            line(row, &mut out);
        }
    }
    let n = t.num_rows();
    out.push_str(&format!("({n} {})\n", if n == 1 { "row" } else { "rows" }));
    if let Some(v) = t.visualization() {
        out.push_str(&format!("(render {}", v.kind));
        for (i, (k, val)) in v.properties.iter().enumerate() {
            out.push_str(if i == 0 { " with " } else { ", " });
            out.push_str(&format!("{k}={val}"));
        }
        out.push_str(")\n");
    }
    out
}
