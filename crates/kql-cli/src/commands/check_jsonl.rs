//! `kql check --jsonl CORPUS --schemas DIR`: one verdict line per `{"id", "query"}`
//! record: `{"id", "ok", "stage": "parse"|"bind", "unsupported": bool, "error": {...},
//! "columns": [["Name", "type"], ...]}`.

use crate::error::CliError;
use kql::{Engine, Error, Schema};
use std::collections::BTreeMap;
use std::io::{BufRead, Write};
use std::path::Path;

/// Checks every record of a JSONL corpus (`-` for standard input) against `schemas`.
pub fn check_jsonl(
    path: &Path,
    schemas: &BTreeMap<String, Schema>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let mut engine = Engine::new();
    for (name, schema) in schemas {
        engine.add_schema(name.clone(), schema.clone());
    }
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
        writeln!(out, "{}", verdict(&engine, id, query))?;
    }
    Ok(())
}

fn verdict(engine: &Engine, id: serde_json::Value, query: &str) -> serde_json::Value {
    match engine.check(query) {
        Ok(results) => {
            let columns: Vec<serde_json::Value> = results
                .last()
                .map(|schema| {
                    schema
                        .iter()
                        .map(|f| serde_json::json!([f.name, f.data_type.as_str()]))
                        .collect()
                })
                .unwrap_or_default();
            serde_json::json!({"id": id, "ok": true, "columns": columns})
        }
        Err(e) => {
            let stage = if matches!(e, Error::Parse(_)) {
                "parse"
            } else {
                "bind"
            };
            let unsupported = matches!(
                &e,
                Error::Bind(b) if matches!(b.kind, kql::BindErrorKind::Unsupported { .. })
            );
            let (line, column) = e.span().map_or((0, 0), |s| s.line_col(query));
            serde_json::json!({
                "id": id,
                "ok": false,
                "stage": stage,
                "unsupported": unsupported,
                "error": {"message": e.to_string(), "code": e.code(), "line": line, "column": column},
            })
        }
    }
}
