//! `kql run`: load tables, run the query, print each result.

use super::stdout;
use crate::args::RunArgs;
use crate::data;
use crate::error::CliError;
use crate::query_source::QueryText;
use crate::render::write_results;
use kql::Engine;
use std::io::Write;

/// Runs the query over the tables the arguments name.
pub fn run(args: &RunArgs) -> Result<(), CliError> {
    let query = QueryText::read(&args.query)?;
    data::check_table_paths(&args.data)?;
    let schemas = data::read_schemas(&args.data)?;
    let mut engine = Engine::new();
    data::load_tables_for_query(&mut engine, &args.data, &schemas, &query.text)?;
    if args.empty_tables {
        for (name, schema) in &schemas {
            if engine.table(name).is_none() {
                engine.add_schema(name.clone(), schema.clone());
            }
        }
        engine.set_unmapped_externaldata(kql::UnmappedExternalData::Empty);
    }
    crate::rule::require_tables(query.rule.as_ref(), &engine)?;
    if let Some(now) = args.now {
        engine.set_now(now);
    }
    engine.set_limits(args.limits.limits());
    let results = engine.run(&query.text).map_err(|e| query.error(&e))?;
    let mut out = stdout();
    write_results(&results, args.format, &mut out)?;
    out.flush()?;
    Ok(())
}
