//! `kql check`: bind a query against table schemas (no rows are read by the binder) and
//! print the columns of each result.

use super::stdout;
use crate::args::CheckArgs;
use crate::data;
use crate::error::CliError;
use crate::query_source::QueryText;
use kql::{Engine, Schema};
use std::io::Write;

/// Binds the query and prints `name: type` per result column; results are separated by a
/// blank line.
pub fn check(args: &CheckArgs) -> Result<(), CliError> {
    if let Some(corpus) = &args.jsonl {
        let schemas = data::read_schemas(&args.data)?;
        let mut out = stdout();
        super::check_jsonl::check_jsonl(corpus, &schemas, &mut out)?;
        out.flush()?;
        return Ok(());
    }
    if crate::check_files::wants_file_mode(args) {
        return crate::check_files::check_files(args);
    }
    let query = QueryText::read(&args.query)?;
    data::check_table_paths(&args.data)?;
    let schemas = data::read_schemas(&args.data)?;
    let mut engine = Engine::new();
    for (name, schema) in &schemas {
        engine.add_schema(name.clone(), schema.clone());
    }
    data::load_tables(&mut engine, &args.data, &schemas)?;
    let results = engine.check(&query.text).map_err(|e| query.error(&e))?;
    let mut out = stdout();
    out.write_all(format_schemas(&results).as_bytes())?;
    out.flush()?;
    Ok(())
}

/// `name: type` lines per schema, schemas separated by a blank line.
fn format_schemas(results: &[Schema]) -> String {
    let blocks: Vec<String> = results
        .iter()
        .map(|schema| {
            schema
                .iter()
                .map(|f| format!("{}: {}\n", f.name, f.data_type))
                .collect()
        })
        .collect();
    blocks.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use kql::{DataType, Field};

    #[test]
    fn schemas_print_as_name_colon_type() {
        let a = vec![
            Field::new("x", DataType::Long),
            Field::new("s", DataType::String),
        ];
        let b = vec![Field::new("Count", DataType::Long)];
        assert_eq!(
            format_schemas(&[a, b]),
            "x: long\ns: string\n\nCount: long\n"
        );
    }
}
