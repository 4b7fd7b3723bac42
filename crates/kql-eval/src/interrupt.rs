//! Stopping long kernel loops: the running query's deadline and cancel flag, visible to the
//! row loops of scalar functions without threading them through every signature.
//!
//! The executor checks [`crate::Limits`] between operators; one operator over 100 million
//! rows with an expensive function (`hash_sha256`, regexes) can run for a minute, though.
//! While a query executes, its deadline and cancel flag sit in a thread-local; the kernel
//! loops (`map1`/`map2`/`map3`/`build_strings`) ask [`keep_going`] every
//! [`CHECK_EVERY`] rows and stop early once the query is out of time or cancelled. Their
//! partial (short) result is never seen: the function-call path rejects a column of the
//! wrong length, and the executor reports the deadline or cancellation instead of that
//! error (`exec::execute`).
//!
//! Functions that build large dynamic values from small inputs (`range()`, `repeat()`)
//! [`charge`] their size to the running operator's memory budget (the query's
//! `max_memory_bytes`); past it they return null instead of allocating, and the executor
//! reports the memory limit. Without this, `range x from 1 to 1000 step 1 | extend a =
//! range(1, 1000000, 1)` would allocate 80 GB inside one operator before the per-operator
//! memory check could look.

use crate::limits::CancelFlag;
use std::cell::RefCell;
use std::time::Instant;

/// Rows between two looks at the clock.
pub const CHECK_EVERY: usize = 1 << 16;

/// The running operator's limits and what it has charged so far.
struct State {
    deadline: Option<Instant>,
    cancel: Option<CancelFlag>,
    budget: usize,
    used: usize,
    over: bool,
}

thread_local! {
    static CURRENT: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// Makes `deadline`, `cancel` and a fresh memory `budget` the current operator's until the
/// guard drops (then the previous ones are restored, so nested operators and queries are
/// fine).
pub(crate) fn enter(deadline: Option<Instant>, cancel: Option<CancelFlag>, budget: usize) -> Guard {
    let state = State {
        deadline,
        cancel,
        budget,
        used: 0,
        over: false,
    };
    let previous = CURRENT.with(|c| c.replace(Some(state)));
    Guard { previous }
}

/// Restores the previous operator's limits when dropped.
pub(crate) struct Guard {
    previous: Option<State>,
}

impl Drop for Guard {
    fn drop(&mut self) {
        let previous = self.previous.take();
        CURRENT.with(|c| *c.borrow_mut() = previous);
    }
}

/// True unless the current query is past its deadline, cancelled, or over its memory budget.
pub fn still_running() -> bool {
    CURRENT.with(|c| match &*c.borrow() {
        None => true,
        Some(s) => {
            !s.over
                && !s.cancel.as_ref().is_some_and(CancelFlag::is_cancelled)
                && s.deadline.is_none_or(|d| Instant::now() <= d)
        }
    })
}

/// Charges `bytes` about to be kept in a result to the current operator's budget: false
/// (and the operator is marked over its memory limit) when they do not fit. Outside a
/// query everything fits.
pub fn charge(bytes: usize) -> bool {
    CURRENT.with(|c| match &mut *c.borrow_mut() {
        None => true,
        Some(s) => {
            s.used = s.used.saturating_add(bytes);
            if s.used > s.budget {
                s.over = true;
            }
            !s.over
        }
    })
}

/// A shallow estimate of the heap bytes of `d` (its own elements, not theirs).
pub(crate) fn dynamic_weight(d: &crate::dynamic::Dynamic) -> usize {
    use crate::dynamic::Dynamic;
    let each = std::mem::size_of::<Dynamic>();
    match d {
        Dynamic::Array(a) => a.len().saturating_mul(each),
        Dynamic::Bag(b) => b.len().saturating_mul(each + 32),
        Dynamic::String(s) => s.len(),
        _ => 0,
    }
}

/// True once something charged more than the current operator's memory budget.
pub(crate) fn memory_exceeded() -> bool {
    CURRENT.with(|c| c.borrow().as_ref().is_some_and(|s| s.over))
}

/// For a row loop: true for row `i` unless `i` is a multiple of [`CHECK_EVERY`] (but not
/// 0) and the query should stop.
#[inline]
pub fn keep_going(i: usize) -> bool {
    // CHECK_EVERY is a power of two.
    i & (CHECK_EVERY - 1) != 0 || i == 0 || still_running()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn loops_stop_after_the_deadline_and_restore_the_outer_limits() {
        assert!(keep_going(CHECK_EVERY));
        let past = Instant::now().checked_sub(Duration::from_millis(1));
        {
            let _g = enter(past, None, usize::MAX);
            assert!(keep_going(1));
            assert!(!keep_going(CHECK_EVERY));
            {
                let _inner = enter(None, None, usize::MAX);
                assert!(keep_going(CHECK_EVERY));
            }
            assert!(!keep_going(CHECK_EVERY));
        }
        assert!(keep_going(CHECK_EVERY));
    }

    #[test]
    fn loops_stop_when_cancelled() {
        let flag = CancelFlag::new();
        let _g = enter(None, Some(flag.clone()), usize::MAX);
        assert!(keep_going(CHECK_EVERY));
        flag.cancel();
        assert!(!keep_going(CHECK_EVERY));
    }

    #[test]
    fn charges_past_the_budget_mark_the_operator() {
        assert!(charge(usize::MAX));
        let _g = enter(None, None, 100);
        assert!(charge(60));
        assert!(!memory_exceeded());
        assert!(!charge(60));
        assert!(memory_exceeded());
        assert!(!keep_going(CHECK_EVERY));
        {
            let _inner = enter(None, None, 100);
            assert!(charge(60));
        }
        assert!(memory_exceeded());
    }
}
