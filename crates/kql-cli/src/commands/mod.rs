//! One module per subcommand.

mod bench;
mod check;
mod check_jsonl;
mod jsonl;
mod parse;
mod parse_jsonl;
mod run;

use crate::args::{Cli, Command};
use crate::error::CliError;

/// Runs the chosen subcommand. A closed output pipe (`kql run ... | head`) is not an error.
pub fn dispatch(cli: Cli) -> Result<(), CliError> {
    let result = match cli.command {
        Command::Run(args) => run::run(&args),
        Command::Parse(args) => parse::parse(&args),
        Command::Check(args) => check::check(&args),
        Command::Bench(args) => bench::bench(&args),
        Command::Test(args) => crate::rule_test::test(&args),
    };
    match result {
        Err(CliError::Output(e)) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Standard output, buffered; flushed by the caller.
fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}
