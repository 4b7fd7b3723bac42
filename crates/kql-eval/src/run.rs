//! The pipeline from text to results: parse, bind, execute.

use crate::bind::{optimize, Binder};
use crate::bind::{Plan, PlanKind};
use crate::engine::Engine;
use crate::error::Error;
use crate::exec::{execute, ExecContext};
use crate::format::chrono_to_ticks;
use crate::table::{Schema, Table};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

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
        out.push(execute(&optimize(p), &ctx)?);
    }
    Ok(out)
}

/// Parses and binds a query.
pub(crate) fn check(engine: &Engine, text: &str) -> Result<Vec<Schema>, Error> {
    let query = kql_parser::parse_query(text)?;
    let plans = Binder::for_check(engine, query_now(engine)).bind_query(&query)?;
    Ok(plans.into_iter().map(|p| p.schema).collect())
}

/// For each engine table the query reads, the columns it reads; `None` when the query
/// does not bind, or when some table's needed columns were found by enumerating its
/// schema (`project-away`, `*`) rather than by name, since a sample-based schema might
/// miss columns there.
pub(crate) fn referenced_columns(
    engine: &Engine,
    text: &str,
) -> Option<HashMap<String, HashSet<String>>> {
    let query = kql_parser::parse_query(text).ok()?;
    let mut binder = Binder::new(engine, query_now(engine));
    let plans = binder.bind_query(&query).ok()?;
    let named = named_words(text);
    let mut out: HashMap<String, HashSet<String>> = HashMap::new();
    let mut scans: HashMap<String, usize> = HashMap::new();
    for p in plans {
        if !collect_scans(&optimize(p), engine, &mut out, &mut scans) {
            return None;
        }
    }
    // A table the binder read more often than the plans show it (getschema, toscalar,
    // tabular lists and bag_unpack run while binding) may need columns the plans do not
    // reveal: then every column of every table is loaded.
    let explained = binder
        .lookups
        .iter()
        .all(|(name, n)| scans.get(name).is_some_and(|s| s >= n));
    if !explained {
        return None;
    }
    let by_name = out.values().flatten().all(|c| named.contains(c));
    by_name.then_some(out)
}

/// Identifier and string-literal texts of a query.
fn named_words(text: &str) -> HashSet<String> {
    let Ok(tokens) = kql_parser::lex(text) else {
        return HashSet::new();
    };
    tokens
        .iter()
        .filter_map(|t| match t.kind {
            kql_parser::lexer::TokenKind::Word => Some(t.text(text).to_string()),
            kql_parser::lexer::TokenKind::String => {
                kql_parser::literal::decode_string(t.text(text)).ok()
            }
            _ => None,
        })
        .collect()
}

/// Records the columns each engine table contributes to `plan`; `false` when the plan
/// has a node this walk does not understand.
fn collect_scans(
    plan: &Plan,
    engine: &Engine,
    out: &mut HashMap<String, HashSet<String>>,
    scans: &mut HashMap<String, usize>,
) -> bool {
    let table_name = |t: &Arc<Table>| {
        engine
            .table_names()
            .find(|n| engine.table(n).is_some_and(|e| Arc::ptr_eq(e, t)))
            .map(str::to_string)
    };
    match &plan.kind {
        PlanKind::Table(t) => {
            if let Some(name) = table_name(t) {
                *scans.entry(name.clone()).or_default() += 1;
                out.entry(name)
                    .or_default()
                    .extend(t.fields().iter().map(|f| f.name.clone()));
            }
            true
        }
        PlanKind::Project { input, exprs } if matches!(input.kind, PlanKind::Table(_)) => {
            if let PlanKind::Table(t) = &input.kind {
                if let Some(name) = table_name(t) {
                    *scans.entry(name.clone()).or_default() += 1;
                    let mut used = vec![false; t.num_columns()];
                    for e in exprs {
                        crate::bind::mark_columns(e, &mut used);
                    }
                    let entry = out.entry(name).or_default();
                    for (f, u) in t.fields().iter().zip(used) {
                        if u {
                            entry.insert(f.name.clone());
                        }
                    }
                }
            }
            true
        }
        _ => {
            let mut ok = true;
            let known = plan.for_each_input(|p| ok &= collect_scans(p, engine, out, scans));
            known && ok
        }
    }
}
