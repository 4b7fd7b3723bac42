//! Command-line syntax (clap derive). Values that can be malformed (`--table`, `--now`)
//! are parsed here, so a bad one is a usage error with exit code 2.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Run, parse and check Kusto Query Language (KQL) queries over local data files.
#[derive(Debug, Parser)]
#[command(name = "kql", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a query over tables loaded from files and print the results.
    Run(RunArgs),
    /// Parse a query and print its canonical form (or the syntax error).
    Parse(ParseArgs),
    /// Bind a query against table schemas and print the result columns.
    Check(CheckArgs),
    /// Load the tables once, run the query N times, print timings as JSON.
    Bench(BenchArgs),
    /// Run rule tests (`*.test.yaml`): fixtures in, expected rows out.
    Test(TestArgs),
}

/// Where the query text comes from: a file, `-e TEXT`, or standard input.
#[derive(Debug, Args)]
pub struct QueryArgs {
    /// File holding the query (`-` or nothing: standard input).
    #[arg(value_name = "QUERY_FILE")]
    pub file: Option<PathBuf>,
    /// The query text itself.
    #[arg(
        short = 'e',
        long = "expr",
        value_name = "TEXT",
        conflicts_with = "file"
    )]
    pub text: Option<String>,
}

/// Which tables to load.
#[derive(Debug, Args)]
pub struct DataArgs {
    /// Load a table from a file (.ndjson, .jsonl, .json, .csv); repeatable.
    #[arg(long = "table", value_name = "NAME=PATH", value_parser = parse_table_spec)]
    pub tables: Vec<TableSpec>,
    /// Load every data file in DIR as a table named by its file stem.
    #[arg(long, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Schema files (`{"name": ..., "columns": [{"name": ..., "type": ...}]}`); a loaded
    /// table with a schema of its name is loaded with it.
    #[arg(long, value_name = "DIR")]
    pub schemas: Option<PathBuf>,
    /// Serve `_GetWatchlist('NAME')` from a data file (.csv, .json, ...); repeatable.
    #[arg(long = "watchlist", value_name = "NAME=PATH", value_parser = parse_table_spec)]
    pub watchlists: Vec<TableSpec>,
    /// The IP geolocation table `geo_info_from_ip_address` reads (.csv, .json, ...): columns
    /// network (CIDR, IPv4 or IPv6), country, state, city, latitude, longitude.
    #[arg(long, value_name = "PATH")]
    pub geoip: Option<PathBuf>,
    /// Drop data rows that fail to load (malformed JSON, invalid UTF-8, ragged CSV rows,
    /// values that do not fit their schema type) instead of failing; says how many on
    /// standard error.
    #[arg(long)]
    pub skip_bad_rows: bool,
}

/// `kql run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub query: QueryArgs,
    #[command(flatten)]
    pub data: DataArgs,
    /// Pin now() and ago() to this instant (RFC 3339, e.g. 2026-11-26T00:00:00Z).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<i64>,
    /// How to print the results.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Run over empty tables: every `--schemas` table that no data file provides is an
    /// empty table, and `externaldata` sources not mapped with `--table` read as empty
    /// tables of their declared columns. Checks that a query runs end to end without data.
    #[arg(long)]
    pub empty_tables: bool,
    #[command(flatten)]
    pub limits: crate::limits::LimitArgs,
}

/// `kql bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    pub query: QueryArgs,
    #[command(flatten)]
    pub data: DataArgs,
    /// Pin now() and ago() to this instant (RFC 3339).
    #[arg(long, value_name = "RFC3339", value_parser = parse_now)]
    pub now: Option<i64>,
    /// How many times to run the query.
    #[arg(long, default_value_t = 5, value_name = "N")]
    pub iterations: usize,
}

/// `kql parse`.
#[derive(Debug, Args)]
pub struct ParseArgs {
    #[command(flatten)]
    pub query: QueryArgs,
    /// Parse every `{"id", "query"}` record of a JSONL file (`-` for standard input) and
    /// print one verdict line per record.
    #[arg(long, value_name = "CORPUS", conflicts_with_all = ["file", "text"])]
    pub jsonl: Option<std::path::PathBuf>,
}

/// `kql check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub query: QueryArgs,
    /// More files or directories to check (`.kql`, `.csl`, Sentinel rules `.yaml`/`.yml`);
    /// with several paths or a directory, every problem is listed with a summary line.
    #[arg(value_name = "PATH", requires = "file")]
    pub more: Vec<PathBuf>,
    #[command(flatten)]
    pub data: DataArgs,
    /// How to print diagnostics: `text`, or `json` (one object per line, for CI annotations).
    #[arg(long, value_enum, default_value_t = crate::check_files::CheckFormat::Text)]
    pub format: crate::check_files::CheckFormat,
    /// Check every `{"id", "query"}` record of a JSONL file (`-` for standard input) and
    /// print one verdict line per record (stage, error, result columns).
    #[arg(long, value_name = "CORPUS", conflicts_with_all = ["file", "text", "more"])]
    pub jsonl: Option<PathBuf>,
}

/// `kql test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Test files (`*.test.yaml`) or directories searched for them.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Write a JUnit XML report to FILE.
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,
    /// Schema files for the tables the tests load (see `kql run --schemas`).
    #[arg(long, value_name = "DIR")]
    pub schemas: Option<PathBuf>,
    /// The IP geolocation table of tests that name no `geoip:` file (see `kql run --geoip`).
    #[arg(long, value_name = "PATH")]
    pub geoip: Option<PathBuf>,
}

/// Output formats of `kql run`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable table per result.
    Table,
    /// One JSON document (`{"columns": [...], "rows": [...]}`, or `{"tables": [...]}`).
    Json,
    /// One JSON object per row.
    Ndjson,
    /// CSV with a header row.
    Csv,
    /// Tab-separated values with a `name:type` header (the golden-test format).
    Golden,
}

/// `--table NAME=PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    /// The table name.
    pub name: String,
    /// The data file.
    pub path: PathBuf,
}

/// Parses `NAME=PATH`.
pub fn parse_table_spec(spec: &str) -> Result<TableSpec, String> {
    let Some((name, path)) = spec.split_once('=') else {
        return Err(format!("expected NAME=PATH, got '{spec}'"));
    };
    if name.is_empty() || path.is_empty() {
        return Err(format!("expected NAME=PATH, got '{spec}'"));
    }
    Ok(TableSpec {
        name: name.to_string(),
        path: PathBuf::from(path),
    })
}

/// Parses `--now` into ticks (100 ns since 0001-01-01).
pub fn parse_now(text: &str) -> Result<i64, String> {
    crate::data::parse_datetime_arg(text).ok_or_else(|| {
        format!("expected an RFC 3339 datetime such as 2026-11-26T00:00:00Z, got '{text}'")
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn table_spec_needs_an_equals_sign() {
        assert!(parse_table_spec("T").is_err());
        assert!(parse_table_spec("=x.csv").is_err());
        let spec = parse_table_spec("T=dir/a=b.csv").unwrap();
        assert_eq!(spec.name, "T");
        assert_eq!(spec.path, PathBuf::from("dir/a=b.csv"));
    }

    #[test]
    fn cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
