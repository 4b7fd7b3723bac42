//! Builds a table from JSON rows and runs a query over it.
//!
//! `cargo run --example run_json_rows`

use kql::io::table_from_json_rows;
use kql::Engine;

const ROWS: &str = r#"[
    {"Timestamp": "2026-11-25T08:00:00Z", "DeviceName": "wks-01", "RemoteUrl": "rmm.datto.com", "Bytes": 1200},
    {"Timestamp": "2026-11-25T09:00:00Z", "DeviceName": "wks-01", "RemoteUrl": "www.bing.com", "Bytes": 300},
    {"Timestamp": "2026-11-25T10:00:00Z", "DeviceName": "wks-02", "RemoteUrl": "eu.agent.centrastage.net", "Bytes": 800},
    {"Timestamp": "2026-11-25T11:00:00Z", "DeviceName": "wks-01", "RemoteUrl": "https://rmm.datto.com/x", "Bytes": 50}
]"#;

const QUERY: &str = r#"Connections
| where RemoteUrl has_any ("rmm.datto.com", "agent.centrastage.net")
| summarize Connections = count(), Bytes = sum(Bytes) by DeviceName
| sort by DeviceName asc"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rows: Vec<serde_json::Value> = serde_json::from_str(ROWS)?;
    let table = table_from_json_rows(&rows, None)?;
    let mut engine = Engine::new();
    engine.add_table("Connections", table);
    match engine.run(QUERY) {
        Ok(results) => {
            for result in &results {
                println!("{}", kql::output::format_pretty(result));
            }
            Ok(())
        }
        Err(err) => {
            eprint!("{}", kql::render_error(QUERY, &err, Some("QUERY")));
            std::process::exit(1);
        }
    }
}
