//! `cargo bench`: parsing, loading NDJSON and CSV, and the DattoRMM query.
//!
//! The data is generated here (deterministic, DeviceNetworkEvents-shaped rows with RMM
//! hosts, near misses and benign URLs). The parse benchmark uses the real-query corpus
//! in `../shared/corpus/dev.jsonl` when it exists next to the project, otherwise the
//! project's own `.kql` files.

use kql::io::{load_table_from_str, DataFormat, LoadOptions};
use kql::Engine;
use std::fmt::Write;

fn main() {
    divan::main();
}

const DATTO: &str = include_str!("../queries/datto_rmm_network_connection.kql");

/// `2026-11-26T00:00:00Z` in ticks.
fn now_ticks() -> i64 {
    kql::parser::literal::parse_datetime_text("2026-11-26T00:00:00Z").unwrap_or(0)
}

/// A small deterministic pseudo-random sequence (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const URLS: &[&str] = &[
    "",
    "",
    "www.contoso.com",
    "login.microsoftonline.com",
    "cdn.example.net/assets/x.js",
    "rmm.datto.com",
    "https://RMM.DATTO.COM/portal",
    "xrmm.datto.com",
    "agent.centrastage.net",
    "agent.centrastage.network",
    "eu.update.centrastage.net:443",
    "ts.centrastage.net",
];
const COMPANIES: &[&str] = &[
    "",
    "CentraStage",
    "Datto Inc",
    "Dattocorp Ltd",
    "Microsoft Corporation",
    "Kaseya-US LLC",
];

/// `rows` generated events as NDJSON and as CSV (same rows).
fn generate(rows: usize) -> (String, String) {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut ndjson = String::new();
    let mut csv = String::from("Timestamp,DeviceId,DeviceName,RemoteUrl,InitiatingProcessVersionInfoCompanyName,ReportId,RemotePort\n");
    for i in 0..rows {
        let day = 17 + rng.next() % 10;
        let secs = rng.next() % 86_400;
        let ts = format!(
            "2026-11-{day:02}T{:02}:{:02}:{:02}.{:06}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60,
            rng.next() % 1_000_000
        );
        let device = rng.next() % 400;
        let url = rng.pick(URLS);
        let company = rng.pick(COMPANIES);
        let port = 443 + rng.next() % 3;
        let _ = writeln!(
            ndjson,
            r#"{{"Timestamp":"{ts}","DeviceId":"dev{device:04}","DeviceName":"host-{device}.contoso.local","RemoteUrl":"{url}","InitiatingProcessVersionInfoCompanyName":"{company}","ReportId":{i},"RemotePort":{port}}}"#
        );
        let _ = writeln!(
            csv,
            "{ts},dev{device:04},host-{device}.contoso.local,{url},{company},{i},{port}"
        );
    }
    (ndjson, csv)
}

/// Queries to parse: the corpus when present, else the project's own.
fn parse_inputs() -> Vec<String> {
    if let Ok(text) = std::fs::read_to_string("../shared/corpus/dev.jsonl") {
        return text
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter_map(|v| v.get("query").and_then(|q| q.as_str()).map(str::to_string))
            .collect();
    }
    vec![DATTO.to_string()]
}

#[divan::bench]
fn parse_corpus(bencher: divan::Bencher) {
    let queries = parse_inputs();
    bencher.bench(|| {
        let mut ok = 0usize;
        for q in &queries {
            ok += usize::from(kql::parse(divan::black_box(q)).is_ok());
        }
        ok
    });
}

#[divan::bench(args = [10_000, 100_000])]
fn load_ndjson(bencher: divan::Bencher, rows: usize) {
    let (ndjson, _) = generate(rows);
    bencher.bench(|| {
        load_table_from_str(
            &ndjson,
            DataFormat::Ndjson,
            &LoadOptions::default(),
            "bench",
        )
        .map(|t| t.num_rows())
    });
}

#[divan::bench(args = [10_000, 100_000])]
fn load_csv(bencher: divan::Bencher, rows: usize) {
    let (_, csv) = generate(rows);
    bencher.bench(|| {
        load_table_from_str(&csv, DataFormat::Csv, &LoadOptions::default(), "bench")
            .map(|t| t.num_rows())
    });
}

#[divan::bench(args = [100_000, 1_000_000])]
fn datto_rmm_query(bencher: divan::Bencher, rows: usize) {
    let (ndjson, _) = generate(rows);
    let mut engine = Engine::new();
    engine.set_now(now_ticks());
    if let Ok(t) = load_table_from_str(
        &ndjson,
        DataFormat::Ndjson,
        &LoadOptions::default(),
        "bench",
    ) {
        engine.add_table("DeviceNetworkEvents", t);
    }
    bencher.bench(|| engine.run(DATTO).map(|r| r.len()));
}
