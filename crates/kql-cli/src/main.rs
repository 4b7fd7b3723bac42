//! `kql`: run, parse and check KQL queries over local data files.
//!
//! ```text
//! kql run queries/datto_rmm_network_connection.kql --data examples/data --now 2026-11-26T00:00:00Z
//! kql parse -e 'T | where x > 1'
//! kql check query.kql --schemas schemas/
//! ```
//!
//! Exit codes: 0 success, 1 query or data error, 2 usage error.

mod args;
mod check_files;
mod column_hints;
mod commands;
mod data;
mod diagnostic;
mod error;
mod junit;
mod limits;
mod query_source;
mod render;
mod rule;
mod rule_test;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    // clap prints usage errors itself and exits with code 2 (and 0 for --help/--version).
    let cli = args::Cli::parse();
    // Parsing, binding and running recurse per nesting level; a large stack is defense in
    // depth behind the parser's and binder's depth limits.
    match limits::with_big_stack(move || commands::dispatch(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            err.report();
            err.exit_code()
        }
    }
}
