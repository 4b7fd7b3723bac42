//! `kql check --jsonl CORPUS --schemas DIR`: one verdict line per `{"id", "query"}`
//! record: `{"id", "ok", "stage": "parse"|"bind", "unsupported": bool, "error": {...},
//! "columns": [["Name", "type"], ...]}`.

use super::jsonl::for_each_record;
use crate::error::CliError;
use kql::{Engine, Error, Schema};
use std::collections::BTreeMap;
use std::io::Write;
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
    for_each_record(path, out, |id, query| verdict(&engine, id, query))
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
