//! `kql parse`: print the canonical form of a query, or its syntax error.

use super::stdout;
use crate::args::ParseArgs;
use crate::error::CliError;
use crate::query_source::QueryText;
use std::io::Write;

/// Parses the query and prints it back in canonical form.
pub fn parse(args: &ParseArgs) -> Result<(), CliError> {
    if let Some(corpus) = &args.jsonl {
        let mut out = stdout();
        super::parse_jsonl::parse_jsonl(corpus, &mut out)?;
        out.flush()?;
        return Ok(());
    }
    let query = QueryText::read(&args.query)?;
    let ast = kql::parse(&query.text).map_err(|e| query.error(&kql::Error::from(e)))?;
    let mut out = stdout();
    writeln!(out, "{ast}")?;
    out.flush()?;
    Ok(())
}
