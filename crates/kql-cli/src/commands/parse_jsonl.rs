//! `kql parse --jsonl CORPUS`: one verdict line per `{"id", "query"}` record:
//! `{"id":..,"ok":true}` or `{"id":..,"ok":false,"error":{"message","line","column"}}`.

use crate::error::CliError;
use std::io::{BufRead, Write};
use std::path::Path;

/// Parses every record of a JSONL corpus file (`-` for standard input).
pub fn parse_jsonl(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
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
        let verdict = match kql::parse(query) {
            Ok(_) => serde_json::json!({"id": id, "ok": true}),
            Err(e) => {
                let (line, column) = e.span.line_col(query);
                serde_json::json!({
                    "id": id,
                    "ok": false,
                    "error": {"message": e.to_string(), "code": e.code(), "line": line, "column": column},
                })
            }
        };
        writeln!(out, "{verdict}")?;
    }
    Ok(())
}
