//! Writes result tables in the format chosen with `--format`.

use crate::args::Format;
use kql::Table;
use std::io::Write;

/// Writes all `results` to `out`. Several results are separated by a blank line (table,
/// csv, ndjson, golden) or wrapped as `{"tables": [...]}` (json).
pub fn write_results(
    results: &[Table],
    format: Format,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if format == Format::Json {
        let mut buf = Vec::new();
        kql::output::write_json(results, &mut buf)?;
        return write_block(&buf, out);
    }
    for (i, table) in results.iter().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        write_block(&render_one(table, format)?, out)?;
    }
    Ok(())
}

/// One table in a per-table format.
fn render_one(table: &Table, format: Format) -> std::io::Result<Vec<u8>> {
    let mut buf = Vec::new();
    match format {
        Format::Table => buf.extend_from_slice(kql::output::format_pretty(table).as_bytes()),
        Format::Golden => buf.extend_from_slice(kql::output::format_golden(table).as_bytes()),
        Format::Ndjson => kql::output::write_ndjson(table, &mut buf)?,
        Format::Csv => kql::output::write_csv(table, &mut buf)?,
        Format::Json => kql::output::write_json(std::slice::from_ref(table), &mut buf)?,
    }
    Ok(buf)
}

/// Writes `block`, adding a final newline when it lacks one (an empty block stays empty).
fn write_block(block: &[u8], out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(block)?;
    if !block.is_empty() && !block.ends_with(b"\n") {
        out.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn blocks_end_with_one_newline() {
        let mut out = Vec::new();
        write_block(b"a", &mut out).unwrap();
        write_block(b"b\n", &mut out).unwrap();
        write_block(b"", &mut out).unwrap();
        assert_eq!(out, b"a\nb\n");
    }
}
