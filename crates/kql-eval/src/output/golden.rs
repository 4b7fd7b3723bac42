//! The text of golden test files (`tests/golden/**/*.out`): deterministic, diff-friendly
//! TSV. The first line holds `name:type` for each column; then one line per row. Values are
//! as in CSV (null is empty: strings are never null, so an empty string column cell is
//! `""` and every other empty cell is null), with backslash, tab, newline and carriage
//! return escaped as `\\`, `\t`, `\n`, `\r`.

use super::{cell, cell_text};
use crate::table::Table;

fn push_escaped(out: &mut String, s: &str) {
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
}

/// A table as golden-file text (see the module docs). Every line ends with `\n`.
pub fn format_golden(t: &Table) -> String {
    let mut out = String::new();
    for (i, f) in t.fields().iter().enumerate() {
        if i > 0 {
            out.push('\t');
        }
        push_escaped(&mut out, &f.name);
        out.push(':');
        out.push_str(f.data_type.as_str());
    }
    out.push('\n');
    for r in 0..t.num_rows() {
        for (i, c) in t.columns().iter().enumerate() {
            if i > 0 {
                out.push('\t');
            }
            if let Some(text) = cell_text(cell(c, r)) {
                push_escaped(&mut out, &text);
            }
        }
        out.push('\n');
    }
    out
}
