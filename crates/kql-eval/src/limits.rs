//! Execution limits: rows, memory, time and cancellation.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// Bounds on what one query may use. The defaults protect an interactive user; an
/// embedder that runs untrusted queries should set its own.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Most rows any intermediate or final table may have.
    pub max_rows: usize,
    /// Approximate bytes of memory the query's intermediate tables may hold.
    pub max_memory_bytes: usize,
    /// Wall-clock budget for one query.
    pub timeout: Option<Duration>,
    /// Set to `true` from another thread to stop the query.
    pub cancel: Option<CancelFlag>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_rows: 100_000_000,
            max_memory_bytes: 16 << 30,
            timeout: None,
            cancel: None,
        }
    }
}

/// A flag another thread sets to cancel a running query.
#[derive(Debug, Clone, Default)]
pub struct CancelFlag(Arc<AtomicBool>);

impl CancelFlag {
    /// A new, unset flag.
    pub fn new() -> Self {
        Self::default()
    }

    /// Requests cancellation.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// True once cancellation was requested.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}
