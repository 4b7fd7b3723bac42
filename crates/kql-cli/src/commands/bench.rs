//! `kql bench`: load the tables once, run the query N times, print timings as JSON:
//! `{"load_s": x, "parse_s": x, "query_s": [..], "rows": n, "peak_rss_bytes": n}`.

use super::stdout;
use crate::args::BenchArgs;
use crate::data;
use crate::error::CliError;
use crate::query_source::QueryText;
use kql::Engine;
use std::io::Write;
use std::time::Instant;

/// Loads, then runs the query `--iterations` times.
pub fn bench(args: &BenchArgs) -> Result<(), CliError> {
    let query = QueryText::read(&args.query)?;
    data::check_table_paths(&args.data)?;
    let schemas = data::read_schemas(&args.data)?;
    let mut engine = Engine::new();
    let start = Instant::now();
    data::load_tables_for_query(&mut engine, &args.data, &schemas, &query.text)?;
    let load_s = start.elapsed().as_secs_f64();
    if let Some(now) = args.now {
        engine.set_now(now);
    }
    // Parse time alone: the median of many parses (parsing is fast).
    let mut parse_times = Vec::new();
    for _ in 0..args.iterations.max(1) * 20 {
        let t = Instant::now();
        kql::parse(&query.text).map_err(|e| query.error(&e.into()))?;
        parse_times.push(t.elapsed().as_secs_f64());
    }
    let mut query_s = Vec::new();
    let mut rows = 0;
    for _ in 0..args.iterations.max(1) {
        let t = Instant::now();
        let results = engine.run(&query.text).map_err(|e| query.error(&e))?;
        query_s.push(t.elapsed().as_secs_f64());
        rows = results.last().map_or(0, |r| r.num_rows());
    }
    let doc = serde_json::json!({
        "load_s": load_s,
        "parse_s": median(&mut parse_times),
        "query_s": query_s,
        "rows": rows,
        "peak_rss_bytes": peak_rss_bytes(),
    });
    let mut out = stdout();
    writeln!(out, "{doc}")?;
    out.flush()?;
    Ok(())
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(0.0)
}

/// The process's peak resident set (VmHWM on Linux); `null` elsewhere.
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}
