//! Execution limits on the command line (`--max-rows`, `--max-memory`, `--timeout`),
//! `--skip-bad-rows` loading, and
//! running a command on a thread with a large stack.
//!
//! The defaults protect an interactive user from a runaway query (`range x from 1 to
//! 10000000000 step 1`, a cross join): 100 million rows, half the machine's memory (8 GB
//! when it cannot be read), no timeout.

use clap::Args;
use kql::Limits;
use std::time::Duration;

/// Bounds on one query's rows, memory and time.
#[derive(Debug, Clone, Args)]
pub struct LimitArgs {
    /// Most rows any intermediate or final table may have.
    #[arg(long, value_name = "N", default_value_t = 100_000_000)]
    pub max_rows: usize,
    /// Approximate memory the query's tables may hold, in bytes; suffixes K, M, G, T
    /// (powers of 1024) are accepted: 512M, 4G. Default: half the machine's memory.
    #[arg(long, value_name = "BYTES", value_parser = parse_bytes)]
    pub max_memory: Option<usize>,
    /// Stop the query after this many seconds (fractions allowed: 0.5).
    #[arg(long, value_name = "SECONDS", value_parser = parse_seconds)]
    pub timeout: Option<Duration>,
}

impl LimitArgs {
    /// The engine limits these flags ask for.
    pub fn limits(&self) -> Limits {
        Limits {
            max_rows: self.max_rows,
            max_memory_bytes: self.max_memory.unwrap_or_else(default_max_memory),
            timeout: self.timeout,
            ..Limits::default()
        }
    }
}

/// Half of `MemTotal` from `/proc/meminfo` (8 GB when it cannot be read), and at most half
/// of the address-space limit (`ulimit -v`) when one is set.
fn default_max_memory() -> usize {
    let total = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|text| {
            let line = text.lines().find(|l| l.starts_with("MemTotal:"))?;
            let kb: usize = line.split_whitespace().nth(1)?.parse().ok()?;
            kb.checked_mul(1024)
        });
    let ram_half = match total {
        Some(bytes) if bytes > 0 => bytes / 2,
        _ => 8 << 30,
    };
    match address_space_limit() {
        Some(limit) => ram_half.min(limit / 2),
        None => ram_half,
    }
}

/// The soft `Max address space` limit from `/proc/self/limits`, when it is not unlimited.
fn address_space_limit() -> Option<usize> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max address space"))?;
    line.trim_start_matches("Max address space")
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

/// Parses `4096`, `512K`, `512M`, `4G`, `1T` (also `4GB`, `4GiB`; any case) into bytes.
pub fn parse_bytes(text: &str) -> Result<usize, String> {
    let bad = || format!("expected a byte count such as 4096, 512M or 4G, got '{text}'");
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (num, suffix) = t.split_at(digits);
    let n: usize = num.parse().map_err(|_| bad())?;
    let shift = match suffix.trim().to_ascii_uppercase().as_str() {
        "" | "B" => 0,
        "K" | "KB" | "KIB" => 10,
        "M" | "MB" | "MIB" => 20,
        "G" | "GB" | "GIB" => 30,
        "T" | "TB" | "TIB" => 40,
        _ => return Err(bad()),
    };
    n.checked_mul(1usize << shift)
        .ok_or_else(|| format!("'{text}' is too large"))
}

/// Parses a positive number of seconds (`30`, `0.5`).
pub fn parse_seconds(text: &str) -> Result<Duration, String> {
    let bad = || format!("expected a positive number of seconds, got '{text}'");
    let s: f64 = text.trim().parse().map_err(|_| bad())?;
    if !s.is_finite() || s <= 0.0 {
        return Err(bad());
    }
    Duration::try_from_secs_f64(s).map_err(|_| bad())
}

/// Stack size of the thread that parses, binds and runs the query: deep (but allowed)
/// nesting recurses, and debug builds use large frames.
const STACK_BYTES: usize = 256 << 20;

/// Runs `f` on a thread with a [`STACK_BYTES`] stack and returns its result; runs it on the
/// current thread when such a thread cannot be started. A panic in `f` is resumed here.
pub fn with_big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let spawned = std::thread::Builder::new()
        .name("kql".into())
        .stack_size(STACK_BYTES)
        .spawn(f);
    match spawned {
        Ok(handle) => match handle.join() {
            Ok(v) => v,
            Err(panic) => std::panic::resume_unwind(panic),
        },
        Err(e) => {
            // The closure moved into the failed spawn is gone; nothing to run.
            use std::io::Write;
            let _ = writeln!(
                std::io::stderr(),
                "error: cannot start the query thread: {e}"
            );
            std::process::exit(1)
        }
    }
}

/// Loads `path`, dropping bad rows; reports on standard error how many were dropped:
/// `skipped N bad rows in FILE (first: line L: message)`.
pub fn load_skipping_bad_rows(
    path: &std::path::Path,
    options: &kql::io::LoadOptions,
) -> Result<kql::Table, crate::error::CliError> {
    let (table, skipped) = kql::io::load_table_skipping_bad_rows(path, options)
        .map_err(|e| crate::error::CliError::Data(e.to_string()))?;
    if skipped.count > 0 {
        let first = skipped
            .first
            .map(|e| match (e.line, e.column) {
                (Some(l), Some(c)) => format!(" (first: line {l}, column {c}: {})", e.message),
                (Some(l), None) => format!(" (first: line {l}: {})", e.message),
                _ => format!(" (first: {})", e.message),
            })
            .unwrap_or_default();
        let rows = if skipped.count == 1 { "row" } else { "rows" };
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "skipped {} bad {rows} in {}{first}",
            skipped.count,
            path.display()
        );
    }
    Ok(table)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn byte_counts_take_suffixes() {
        assert_eq!(parse_bytes("4096").unwrap(), 4096);
        assert_eq!(parse_bytes("512K").unwrap(), 512 << 10);
        assert_eq!(parse_bytes("512m").unwrap(), 512 << 20);
        assert_eq!(parse_bytes("4G").unwrap(), 4 << 30);
        assert_eq!(parse_bytes("4GiB").unwrap(), 4 << 30);
        assert!(parse_bytes("").is_err());
        assert!(parse_bytes("4X").is_err());
        assert!(parse_bytes("-1").is_err());
        assert!(parse_bytes("99999999999999999999T").is_err());
        assert!(parse_bytes("16777216T").is_err());
    }

    #[test]
    fn seconds_are_positive_and_finite() {
        assert_eq!(parse_seconds("2").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_seconds("0.5").unwrap(), Duration::from_millis(500));
        assert!(parse_seconds("0").is_err());
        assert!(parse_seconds("-1").is_err());
        assert!(parse_seconds("inf").is_err());
        assert!(parse_seconds("nan").is_err());
        assert!(parse_seconds("1e300").is_err());
    }

    #[test]
    fn big_stack_runs_the_closure() {
        assert_eq!(with_big_stack(|| 1 + 1), 2);
    }
}
