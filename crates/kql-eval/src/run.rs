//! The pipeline from text to results: parse, bind, execute.

use crate::bind::{prune_columns, Binder};
use crate::engine::Engine;
use crate::error::Error;
use crate::exec::{execute, ExecContext};
use crate::format::chrono_to_ticks;
use crate::table::{Schema, Table};

/// The query's instant: the engine's pinned `now`, or the system clock read once.
fn query_now(engine: &Engine) -> i64 {
    engine
        .now_override()
        .or_else(|| chrono_to_ticks(&chrono::Utc::now()))
        .unwrap_or(0)
}

/// Parses, binds and runs a query.
pub(crate) fn run(engine: &Engine, text: &str) -> Result<Vec<Table>, Error> {
    let query = kql_parser::parse_query(text)?;
    let now = query_now(engine);
    let plans = Binder::new(engine, now).bind_query(&query)?;
    let ctx = ExecContext::new(now, engine.limits().clone());
    let mut out = Vec::with_capacity(plans.len());
    for p in plans {
        out.push(execute(&prune_columns(p), &ctx)?);
    }
    Ok(out)
}

/// Parses and binds a query.
pub(crate) fn check(engine: &Engine, text: &str) -> Result<Vec<Schema>, Error> {
    let query = kql_parser::parse_query(text)?;
    let plans = Binder::new(engine, query_now(engine)).bind_query(&query)?;
    Ok(plans.into_iter().map(|p| p.schema).collect())
}
