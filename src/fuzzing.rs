//! The properties the fuzz targets check, shared with `tests/fuzz_regressions.rs` so that
//! saved inputs replay on stable with the same code. Not a stable API.
//!
//! | check | property |
//! |---|---|
//! | [`check_lex`] | lexing any text returns tokens or an error; token spans are in bounds, ordered and on character boundaries |
//! | [`check_parse`] | parsing any text returns a tree or an error (no panic) |
//! | [`check_roundtrip`] | a query that parses prints canonical text that parses back to the same tree and prints the same text |
//! | [`check_bind`] | binding (`Engine::check`) over a fixed catalog with no data returns schemas or an error |
//! | [`check_eval`] | running over a small fixed catalog under small limits returns tables or an error |
//!
//! A check returns `Err(message)` for a broken property; a panic inside is a bug too (the
//! fuzz targets let it abort, the replay test catches it).

use crate::{DataType, Engine, Field, Limits, Table, Value};
use std::sync::OnceLock;
use std::time::Duration;

/// Lexes `text`: tokens or an error; every token span lies inside `text`, on character
/// boundaries, in order.
pub fn check_lex(text: &str) -> Result<(), String> {
    let Ok(tokens) = kql_parser::lex(text) else {
        return Ok(());
    };
    let mut last_end = 0;
    for t in &tokens {
        let (s, e) = (t.span.start, t.span.end);
        if s > e || e > text.len() || s < last_end {
            return Err(format!(
                "token span {s}..{e} out of order or bounds (previous end {last_end}) in {text:?}"
            ));
        }
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            return Err(format!(
                "token span {s}..{e} splits a character in {text:?}"
            ));
        }
        last_end = e;
    }
    Ok(())
}

/// Parses `text`: a tree or an error, never a panic.
pub fn check_parse(text: &str) -> Result<(), String> {
    let _ = crate::parse(text);
    Ok(())
}

/// Parses `text`; when it parses, its canonical print must parse back to the same tree
/// (spans aside) and print the same text again.
pub fn check_roundtrip(text: &str) -> Result<(), String> {
    let Ok(query) = crate::parse(text) else {
        return Ok(());
    };
    let printed = query.to_string();
    let reparsed = crate::parse(&printed).map_err(|e| {
        format!("the canonical print does not parse: {e}\ninput:\n{text}\nprinted:\n{printed}")
    })?;
    let printed_again = reparsed.to_string();
    if printed != printed_again {
        return Err(format!(
            "print is not stable\ninput:\n{text}\nfirst print:\n{printed}\nsecond print:\n{printed_again}"
        ));
    }
    // Compared through Debug so that a NaN literal (`real(nan)`) equals itself.
    if without_spans(query) != without_spans(reparsed) {
        return Err(format!(
            "re-parsing the print gives another tree\ninput:\n{text}\nprinted:\n{printed}"
        ));
    }
    Ok(())
}

fn without_spans(mut query: crate::ast::Query) -> String {
    crate::ast::visit::clear_spans(&mut query);
    format!("{query:?}")
}

/// Binds `text` against the catalog's schemas only (no rows): schemas or an error.
pub fn check_bind(text: &str) -> Result<(), String> {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    let engine = ENGINE.get_or_init(|| {
        let mut engine = Engine::new();
        engine.set_now(NOW);
        for (name, table) in [("T", table_t()), ("DeviceNetworkEvents", table_events())] {
            engine.add_schema(name, table.fields().to_vec());
        }
        engine
    });
    let _ = engine.check(text);
    Ok(())
}

/// Runs `text` over a small fixed catalog under tight limits. Any `Ok` or `Err` is fine;
/// the caller (a fuzz target or a test) sees a panic as the failure.
pub fn check_eval(text: &str) -> Result<(), String> {
    // Built once: the function registry and tables are the same for every input.
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    let engine = ENGINE.get_or_init(engine);
    let _ = engine.check(text);
    let _ = engine.run(text);
    Ok(())
}

/// Tables `T` and `DeviceNetworkEvents`, with nulls and empty strings, `now()` pinned at
/// 2026-11-26T00:00:00Z, and limits that keep a fuzzed `range` or join small.
fn engine() -> Engine {
    let mut engine = Engine::new();
    engine.set_now(NOW);
    engine.set_limits(Limits {
        max_rows: 10_000,
        max_memory_bytes: 64 << 20,
        timeout: Some(Duration::from_secs(2)),
        ..Limits::default()
    });
    engine.add_table("T", table_t());
    engine.add_table("DeviceNetworkEvents", table_events());
    engine
}

fn table_t() -> Table {
    let fields = vec![
        Field::new("a", DataType::Long),
        Field::new("s", DataType::String),
        Field::new("r", DataType::Real),
        Field::new("b", DataType::Bool),
        Field::new("t", DataType::DateTime),
        Field::new("d", DataType::TimeSpan),
    ];
    let day = 864_000_000_000;
    let now = 639_312_480_000_000_000;
    let rows = vec![
        vec![
            Value::Long(Some(1)),
            Value::String("North America".into()),
            Value::Real(Some(1.5)),
            Value::Bool(Some(true)),
            Value::DateTime(Some(now - day)),
            Value::TimeSpan(Some(day)),
        ],
        vec![
            Value::Long(None),
            Value::String(String::new()),
            Value::Real(Some(f64::NAN)),
            Value::Bool(None),
            Value::DateTime(None),
            Value::TimeSpan(None),
        ],
        vec![
            Value::Long(Some(-14)),
            Value::String("rmm.datto.com".into()),
            Value::Real(Some(-0.0)),
            Value::Bool(Some(false)),
            Value::DateTime(Some(now)),
            Value::TimeSpan(Some(-1)),
        ],
        vec![
            Value::Long(Some(i64::MAX)),
            Value::String("Ünïcödé ß".into()),
            Value::Real(Some(f64::INFINITY)),
            Value::Bool(Some(true)),
            Value::DateTime(Some(0)),
            Value::TimeSpan(Some(i64::MIN)),
        ],
    ];
    Table::from_rows(fields, &rows)
}

fn table_events() -> Table {
    let fields = vec![
        Field::new("Timestamp", DataType::DateTime),
        Field::new("DeviceId", DataType::String),
        Field::new("DeviceName", DataType::String),
        Field::new("RemoteUrl", DataType::String),
        Field::new("InitiatingProcessVersionInfoCompanyName", DataType::String),
        Field::new("ReportId", DataType::Long),
    ];
    let now = 639_312_480_000_000_000;
    let row = |t: i64, dev: &str, url: &str, company: &str, id: i64| {
        vec![
            Value::DateTime(Some(now - t)),
            Value::String(dev.into()),
            Value::String(format!("{dev}.contoso.local")),
            Value::String(url.into()),
            Value::String(company.into()),
            Value::Long(Some(id)),
        ]
    };
    let rows = vec![
        row(10_000_000, "d1", "rmm.datto.com", "CentraStage", 1),
        row(20_000_000, "d1", "xrmm.datto.com", "Datto Inc", 2),
        row(30_000_000, "d2", "eu.agent.centrastage.net", "", 3),
        row(40_000_000, "d2", "www.bing.com", "Kaseya", 1),
    ];
    Table::from_rows(fields, &rows)
}

/// `now()` of every fuzzed query: 2026-11-26T00:00:00Z.
const NOW: i64 = 639_312_480_000_000_000;
