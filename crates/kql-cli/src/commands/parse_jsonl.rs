//! `kql parse --jsonl CORPUS`: one verdict line per `{"id", "query"}` record:
//! `{"id":..,"ok":true}` or `{"id":..,"ok":false,"error":{"message","line","column"}}`.

use super::jsonl::for_each_record;
use crate::error::CliError;
use std::io::Write;
use std::path::Path;

/// Parses every record of a JSONL corpus file (`-` for standard input).
pub fn parse_jsonl(path: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    for_each_record(path, out, |id, query| match kql::parse(query) {
        Ok(_) => serde_json::json!({"id": id, "ok": true}),
        Err(e) => {
            let (line, column) = e.span.line_col(query);
            serde_json::json!({
                "id": id,
                "ok": false,
                "error": {"message": e.to_string(), "code": e.code(), "line": line, "column": column},
            })
        }
    })
}
