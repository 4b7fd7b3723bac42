//! Table schema files: `{"name": "T", "columns": [{"name": "A", "type": "long"}, ...]}`.
//! Other keys (`source`, `notes`, ...) are ignored.

use super::error::{json_message, LoadError};
use crate::table::{Field, Schema};
use crate::types::DataType;
use std::collections::BTreeMap;
use std::path::Path;

/// Parses schema JSON text; `source` names the input in errors. A missing `name` is
/// `None` (callers fall back to the file name).
pub fn parse_schema(text: &str, source: &str) -> Result<(Option<String>, Schema), LoadError> {
    let v: serde_json::Value = serde_json::from_str(text).map_err(|e| LoadError {
        source: source.to_string(),
        line: Some(e.line() as u64),
        column: Some(e.column() as u64),
        message: json_message(&e),
    })?;
    let err = |m: String| LoadError::new(source, m);
    let obj = v
        .as_object()
        .ok_or_else(|| err("a schema file must hold a JSON object".into()))?;
    let name = match obj.get("name") {
        None | Some(serde_json::Value::Null) => None,
        Some(serde_json::Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(err("'name' must be a string".into())),
    };
    let cols = obj
        .get("columns")
        .and_then(|c| c.as_array())
        .ok_or_else(|| err("a schema needs a 'columns' array".into()))?;
    let mut schema = Schema::with_capacity(cols.len());
    for (i, c) in cols.iter().enumerate() {
        let col_name = c
            .get("name")
            .and_then(|n| n.as_str())
            .ok_or_else(|| err(format!("column {} has no 'name' string", i + 1)))?;
        let ty_name = c
            .get("type")
            .and_then(|n| n.as_str())
            .ok_or_else(|| err(format!("column '{col_name}' has no 'type' string")))?;
        let ty = DataType::from_name(ty_name.trim())
            .ok_or_else(|| err(format!("column '{col_name}' has unknown type '{ty_name}'")))?;
        if schema.iter().any(|f| f.name == col_name) {
            return Err(err(format!("column '{col_name}' is declared twice")));
        }
        schema.push(Field::new(col_name, ty));
    }
    Ok((name, schema))
}

/// Reads a schema file; returns the table name (the file stem when the file has no
/// `name`) and its columns.
pub fn read_schema_file(path: &Path) -> Result<(String, Schema), LoadError> {
    let source = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| LoadError::new(&source, format!("cannot read the schema file: {e}")))?;
    let (name, schema) = parse_schema(&text, &source)?;
    let name = match name {
        Some(n) => n,
        None => path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .ok_or_else(|| LoadError::new(&source, "the schema has no 'name'"))?,
    };
    Ok((name, schema))
}

/// Reads every `*.json` file of a directory as a schema, keyed by table name. Two files
/// naming the same table are an error.
pub fn read_schema_dir(dir: &Path) -> Result<BTreeMap<String, Schema>, LoadError> {
    let source = dir.display().to_string();
    let entries = std::fs::read_dir(dir)
        .map_err(|e| LoadError::new(&source, format!("cannot read the schema directory: {e}")))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| LoadError::new(&source, e.to_string()))?;
        let p = entry.path();
        if p.extension()
            .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            && p.is_file()
        {
            paths.push(p);
        }
    }
    paths.sort();
    let mut out: BTreeMap<String, Schema> = BTreeMap::new();
    let mut origin: BTreeMap<String, String> = BTreeMap::new();
    for p in paths {
        let (name, schema) = read_schema_file(&p)?;
        let here = p.display().to_string();
        if let Some(first) = origin.get(&name) {
            return Err(LoadError::new(
                here,
                format!("table '{name}' is already defined by {first}"),
            ));
        }
        origin.insert(name.clone(), here);
        out.insert(name, schema);
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    #[test]
    fn parses_schema_files() {
        let (name, s) = parse_schema(
            r#"{"name": "T", "source": "x", "columns": [{"name": "A", "type": "long"},
                {"name": "B", "type": "datetime"}, {"name": "C", "type": "dynamic"}]}"#,
            "t.json",
        )
        .unwrap();
        assert_eq!(name.as_deref(), Some("T"));
        assert_eq!(
            s,
            vec![
                Field::new("A", DataType::Long),
                Field::new("B", DataType::DateTime),
                Field::new("C", DataType::Dynamic)
            ]
        );
        let e = parse_schema(
            r#"{"name":"T","columns":[{"name":"A","type":"wat"}]}"#,
            "t.json",
        )
        .unwrap_err();
        assert_eq!(e.to_string(), "t.json: column 'A' has unknown type 'wat'");
        let e = parse_schema("{\n\"name\": }", "t.json").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn reads_a_directory() {
        let dir = std::env::temp_dir().join(format!("kql-schema-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("A.json"),
            r#"{"name":"A","columns":[{"name":"x","type":"int"}]}"#,
        )
        .unwrap();
        std::fs::write(
            dir.join("B.json"),
            r#"{"columns":[{"name":"y","type":"bool"}]}"#,
        )
        .unwrap();
        std::fs::write(dir.join("notes.txt"), "ignored").unwrap();
        let m = read_schema_dir(&dir).unwrap();
        assert_eq!(m.keys().collect::<Vec<_>>(), ["A", "B"]);
        std::fs::write(dir.join("C.json"), r#"{"name":"A","columns":[]}"#).unwrap();
        assert!(read_schema_dir(&dir).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
