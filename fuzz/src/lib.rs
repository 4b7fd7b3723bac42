//! The checks behind the fuzz targets. `tests/fuzz_regressions.rs` in the main workspace
//! includes `checks.rs` too, so saved inputs replay on stable with the same checks.

mod checks;

pub use checks::{check_eval, check_parse};
