//! The checks behind the fuzz targets live in the library (`kql::fuzzing`), so that
//! `tests/fuzz_regressions.rs` in the main workspace replays saved inputs on stable with the
//! same code.

pub use kql::fuzzing::{check_bind, check_eval, check_lex, check_parse, check_roundtrip};

/// Runs `check` on `data` when it is UTF-8; a broken property panics (libFuzzer records the
/// input as a crash).
pub fn run(data: &[u8], check: fn(&str) -> Result<(), String>) {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(message) = check(text) {
            panic!("{message}");
        }
    }
}
