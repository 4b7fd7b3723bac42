//! Runs the parse → bind → execute pipeline on a thread with a large stack.
//!
//! Parsing, binding and evaluation recurse once per nesting level. The parser and binder
//! bound the nesting ([`kql_parser::MAX_DEPTH`], [`crate::bind::MAX_BIND_DEPTH`]), but at
//! the binder's limit an unoptimized build needs several megabytes of stack, more than a
//! test thread (2 MB) or a small embedder thread has. A dedicated thread with
//! [`STACK_BYTES`] of stack (address space reserved, not memory committed) makes the
//! limits, not the caller's stack, decide: deep input is an error, never a crash.

/// Stack size of the query thread.
pub const STACK_BYTES: usize = 128 << 20;

/// Runs `f` on a scoped thread with a [`STACK_BYTES`] stack and returns its result. When
/// such a thread cannot be started, `f` runs on the current thread. A panic in `f` is
/// resumed on the caller's thread.
pub(crate) fn with_large_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let slot = std::sync::Mutex::new(Some(f));
    let take = || slot.lock().ok().and_then(|mut g| g.take());
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("kql-query".into())
            .stack_size(STACK_BYTES)
            .spawn_scoped(scope, || take().map(|f| f()));
        match spawned {
            Ok(handle) => match handle.join() {
                Ok(Some(v)) => v,
                // The closure is taken exactly once, on the new thread.
                Ok(None) => unreachable_run(),
                Err(panic) => std::panic::resume_unwind(panic),
            },
            Err(_) => match take() {
                Some(f) => f(),
                None => unreachable_run(),
            },
        }
    })
}

#[cold]
fn unreachable_run() -> ! {
    panic!("the query closure was not run")
}

#[cfg(test)]
mod tests {
    use super::with_large_stack;

    #[test]
    fn returns_the_result() {
        assert_eq!(with_large_stack(|| 40 + 2), 42);
    }

    #[test]
    fn resumes_a_panic() {
        let r = std::panic::catch_unwind(|| with_large_stack(|| panic!("boom")));
        assert!(r.is_err());
    }
}
