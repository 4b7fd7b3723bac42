//! Loads tables and schemas named on the command line into an [`Engine`].

use crate::args::{DataArgs, TableSpec};
use crate::error::CliError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use kql::io::{load_table, read_schema_dir, LoadOptions};
use kql::{Engine, Schema};
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

/// File extensions `--data DIR` loads as tables.
const DATA_EXTENSIONS: &[&str] = &["ndjson", "jsonl", "json", "csv"];

/// Reads `--schemas DIR` (empty when not given).
pub fn read_schemas(args: &DataArgs) -> Result<BTreeMap<String, Schema>, CliError> {
    let Some(dir) = &args.schemas else {
        return Ok(BTreeMap::new());
    };
    if !dir.is_dir() {
        return Err(CliError::Usage(format!(
            "schema directory '{}' does not exist",
            dir.display()
        )));
    }
    read_schema_dir(dir).map_err(|e| CliError::Data(e.to_string()))
}

/// Loads every table that `--data` and `--table` name (a `--table` wins over a `--data`
/// file of the same name), each with its schema from `schemas` when there is one.
pub fn load_tables(
    engine: &mut Engine,
    args: &DataArgs,
    schemas: &BTreeMap<String, Schema>,
) -> Result<(), CliError> {
    load_tables_with(engine, args, schemas, None)
}

/// Like [`load_tables`], but loads only the columns `query` reads when that can be told
/// from a sample of each file (see [`crate::column_hints`]).
pub fn load_tables_for_query(
    engine: &mut Engine,
    args: &DataArgs,
    schemas: &BTreeMap<String, Schema>,
    query: &str,
) -> Result<(), CliError> {
    let specs = table_specs(args)?;
    let hints = crate::column_hints::needed_columns(query, &specs, schemas);
    load_tables_with(engine, args, schemas, hints.as_ref())
}

fn table_specs(args: &DataArgs) -> Result<Vec<TableSpec>, CliError> {
    let mut specs = match &args.data {
        Some(dir) => data_dir_tables(dir)?,
        None => Vec::new(),
    };
    specs.extend(args.tables.iter().cloned());
    Ok(specs)
}

fn load_tables_with(
    engine: &mut Engine,
    args: &DataArgs,
    schemas: &BTreeMap<String, Schema>,
    columns: Option<&std::collections::HashMap<String, std::collections::HashSet<String>>>,
) -> Result<(), CliError> {
    let specs = table_specs(args)?;
    for spec in &specs {
        let options = LoadOptions {
            schema: schemas.get(&spec.name).cloned(),
            format: None,
            // A table the query does not read is loaded whole (hints only ever narrow
            // the tables they name).
            columns: columns.and_then(|c| c.get(&spec.name).cloned()),
        };
        let progress = Progress::start(&spec.path);
        let table = if args.skip_bad_rows {
            crate::limits::load_skipping_bad_rows(&spec.path, &options)
        } else {
            load_table(&spec.path, &options).map_err(|e| CliError::Data(e.to_string()))
        };
        progress.finish();
        engine.add_table(spec.name.clone(), table?);
    }
    for spec in &args.watchlists {
        let table = load_table(&spec.path, &LoadOptions::default())
            .map_err(|e| CliError::Data(e.to_string()))?;
        engine.add_watchlist(spec.name.clone(), table);
    }
    if let Some(path) = &args.geoip {
        load_geoip(engine, path)?;
    }
    Ok(())
}

/// Loads `--geoip PATH` into the engine's IP geolocation table.
pub fn load_geoip(engine: &mut Engine, path: &Path) -> Result<(), CliError> {
    let table = load_table(path, &LoadOptions::default())
        .map_err(|e| CliError::Data(format!("--geoip {}: {e}", path.display())))?;
    engine
        .set_geoip(&table)
        .map_err(|e| CliError::Data(format!("--geoip {}: {e}", path.display())))
}

/// Files at least this large get a "loading ..." line while they load (on a terminal only).
const PROGRESS_BYTES: u64 = 64 << 20;

/// A "loading FILE (N MB)..." line on standard error while a large file loads, when standard
/// error is a terminal; erased when the load ends.
struct Progress(usize);

impl Progress {
    fn start(path: &Path) -> Progress {
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size < PROGRESS_BYTES || !std::io::stderr().is_terminal() {
            return Progress(0);
        }
        let line = format!("loading {} ({} MB)...", path.display(), size >> 20);
        eprint!("{line}");
        Progress(line.chars().count())
    }

    fn finish(self) {
        if self.0 > 0 {
            eprint!("\r{}\r", " ".repeat(self.0));
        }
    }
}

/// The data files in `dir`, sorted by name, each as a table named by its file stem.
fn data_dir_tables(dir: &Path) -> Result<Vec<TableSpec>, CliError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        CliError::Usage(format!(
            "cannot read data directory '{}': {e}",
            dir.display()
        ))
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.is_file() && is_data_file(path))
        .collect();
    paths.sort();
    Ok(paths
        .into_iter()
        .filter_map(|path| {
            let name = path.file_stem()?.to_str()?.to_string();
            Some(TableSpec { name, path })
        })
        .collect())
}

fn is_data_file(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| DATA_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str()))
}

/// Checks that every `--table` file exists, so a typo is a usage error (exit code 2) rather
/// than a data error.
pub fn check_table_paths(args: &DataArgs) -> Result<(), CliError> {
    for spec in &args.tables {
        if !spec.path.is_file() {
            return Err(CliError::Usage(format!(
                "--table {}={}: no such file",
                spec.name,
                spec.path.display()
            )));
        }
    }
    for spec in &args.watchlists {
        if !spec.path.is_file() {
            return Err(CliError::Usage(format!(
                "--watchlist {}={}: no such file",
                spec.name,
                spec.path.display()
            )));
        }
    }
    if let Some(path) = &args.geoip {
        if !path.is_file() {
            return Err(CliError::Usage(format!(
                "--geoip {}: no such file",
                path.display()
            )));
        }
    }
    if let Some(dir) = &args.data {
        if !dir.is_dir() {
            return Err(CliError::Usage(format!(
                "data directory '{}' does not exist",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Parses a `--now` value into ticks: RFC 3339 (`2026-11-26T00:00:00Z`,
/// `2026-11-26T01:00:00+01:00`), or ISO 8601 without an offset (taken as UTC), or a date.
pub fn parse_datetime_arg(text: &str) -> Option<i64> {
    let text = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return kql::format::chrono_to_ticks(&dt.with_timezone(&Utc));
    }
    const FORMATS: &[&str] = &[
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ];
    let naive = FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    kql::format::chrono_to_ticks(&naive.and_utc())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const NOW_TICKS: i64 = 639_312_480_000_000_000; // 2026-11-26T00:00:00Z

    #[test]
    fn now_accepts_rfc3339_and_plain_iso() {
        assert_eq!(parse_datetime_arg("2026-11-26T00:00:00Z"), Some(NOW_TICKS));
        assert_eq!(
            parse_datetime_arg("2026-11-26T01:00:00+01:00"),
            Some(NOW_TICKS)
        );
        assert_eq!(parse_datetime_arg("2026-11-26 00:00:00"), Some(NOW_TICKS));
        assert_eq!(parse_datetime_arg("2026-11-26"), Some(NOW_TICKS));
        assert_eq!(
            parse_datetime_arg("2026-11-26T00:00:00.0000001Z"),
            Some(NOW_TICKS + 1)
        );
    }

    #[test]
    fn now_rejects_garbage() {
        assert_eq!(parse_datetime_arg("yesterday"), None);
        assert_eq!(parse_datetime_arg("2026-13-01"), None);
    }

    #[test]
    fn data_files_are_chosen_by_extension() {
        assert!(is_data_file(Path::new("a/T.ndjson")));
        assert!(is_data_file(Path::new("a/T.CSV")));
        assert!(!is_data_file(Path::new("a/generate.py")));
        assert!(!is_data_file(Path::new("a/README")));
    }
}
