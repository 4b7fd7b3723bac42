//! Reading a JSONL corpus of `{"id", "query"}` records, for the batch modes of `kql parse`
//! and `kql check`.

use crate::error::CliError;
use std::io::{BufRead, Write};
use std::path::Path;

/// Calls `verdict(id, query)` for every record of `path` (`-` for standard input) and
/// writes each verdict as one JSON line to `out`. A malformed record is an error naming
/// the file, line and column.
pub fn for_each_record(
    path: &Path,
    out: &mut dyn Write,
    mut verdict: impl FnMut(serde_json::Value, &str) -> serde_json::Value,
) -> Result<(), CliError> {
    let reader: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        let file = std::fs::File::open(path)
            .map_err(|e| CliError::Usage(format!("cannot read {}: {e}", path.display())))?;
        Box::new(std::io::BufReader::new(file))
    };
    for (n, line) in reader.lines().enumerate() {
        let line =
            line.map_err(|e| CliError::Data(format!("{}:{}: {e}", path.display(), n + 1)))?;
        if line.trim().is_empty() {
            continue;
        }
        let record: serde_json::Value = serde_json::from_str(&line).map_err(|e| {
            CliError::Data(format!("{}:{}:{}: {e}", path.display(), n + 1, e.column()))
        })?;
        let id = record.get("id").cloned().unwrap_or(serde_json::Value::Null);
        let Some(query) = record.get("query").and_then(|q| q.as_str()) else {
            return Err(CliError::Data(format!(
                "{}:{}: the record has no string field 'query'",
                path.display(),
                n + 1
            )));
        };
        writeln!(out, "{}", verdict(id, query))?;
    }
    Ok(())
}
