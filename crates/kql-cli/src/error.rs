//! The CLI's errors and their exit codes: 1 for query and data errors, 2 for usage errors.

use std::io::IsTerminal;
use std::process::ExitCode;

/// Why a command failed.
#[derive(Debug)]
pub enum CliError {
    /// The command line names something unusable (a missing query file, ...): exit code 2.
    Usage(String),
    /// The query failed to parse, bind or run; holds the rendered diagnostic: exit code 1.
    Query(String),
    /// A data or schema file failed to load (`file:line:column: message`): exit code 1.
    Data(String),
    /// Writing the results failed: exit code 1.
    Output(std::io::Error),
}

impl CliError {
    /// A query error rendered with its source line and a caret under the span.
    pub fn query(source: &str, err: &kql::Error, file: Option<&str>) -> Self {
        CliError::Query(kql::render_error(source, err, file))
    }

    /// The process exit code.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::from(2),
            _ => ExitCode::from(1),
        }
    }

    /// Prints the error on standard error.
    pub fn report(&self) {
        // Written with `write!`, not `eprint!`: a closed standard error (`kql ... 2>&1 | head
        // -1`) must not turn an error into a panic.
        use std::io::Write;
        let text = match self {
            CliError::Usage(msg) => format!(
                "{} {msg}\n\nFor more information, try '--help'.\n",
                paint("error:")
            ),
            CliError::Query(rendered) => paint_header(rendered),
            CliError::Data(msg) => format!("{} {msg}\n", paint("error:")),
            CliError::Output(err) => {
                format!("{} cannot write the results: {err}\n", paint("error:"))
            }
        };
        let _ = std::io::stderr().lock().write_all(text.as_bytes());
    }
}

impl From<std::io::Error> for CliError {
    fn from(err: std::io::Error) -> Self {
        CliError::Output(err)
    }
}

/// True when standard error is a terminal and `NO_COLOR` is not set.
fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
}

/// `text` in bold red when colour is on.
fn paint(text: &str) -> String {
    if colour() {
        format!("\x1b[1;31m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

/// Colours the first line (`error[KQL....]: ...`) of a rendered diagnostic.
fn paint_header(rendered: &str) -> String {
    if !colour() {
        return rendered.to_string();
    }
    match rendered.split_once('\n') {
        Some((head, rest)) => format!("{}\n{rest}", paint(head)),
        None => paint(rendered),
    }
}
