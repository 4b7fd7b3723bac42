//! An iterative `Drop` for [`Expr`]: a long `a or b or c ...` chain is a left-deep tree of
//! `Binary` nodes (20,000 terms is 20,000 levels), and the compiler's recursive drop glue
//! would overflow the stack on it. Only `Binary` children are taken out here: every other
//! kind of nesting is bounded by the parser's [`crate::MAX_DEPTH`].

use super::{Expr, ExprKind};
use crate::Span;

/// A node with no heap data, swapped in for a child that is moved onto the explicit stack.
fn placeholder() -> Expr {
    Expr {
        kind: ExprKind::Star,
        span: Span::default(),
    }
}

/// Moves `kind`'s `Binary` children onto `stack`, leaving placeholders behind.
fn take_binary_children(kind: &mut ExprKind, stack: &mut Vec<Expr>) {
    if let ExprKind::Binary { lhs, rhs, .. } = kind {
        for child in [lhs, rhs] {
            if matches!(child.kind, ExprKind::Binary { .. }) {
                stack.push(std::mem::replace(&mut **child, placeholder()));
            }
        }
    }
}

impl Drop for Expr {
    fn drop(&mut self) {
        let ExprKind::Binary { lhs, rhs, .. } = &self.kind else {
            return;
        };
        if !matches!(lhs.kind, ExprKind::Binary { .. })
            && !matches!(rhs.kind, ExprKind::Binary { .. })
        {
            return;
        }
        let mut stack = Vec::new();
        take_binary_children(&mut self.kind, &mut stack);
        while let Some(mut e) = stack.pop() {
            take_binary_children(&mut e.kind, &mut stack);
            // `e` now has no `Binary` children: dropping it recurses at most a bounded depth.
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::parse_expr;

    #[test]
    fn a_long_or_chain_drops_without_overflowing() {
        let text = (0..100_000)
            .map(|i| format!("x == {i}"))
            .collect::<Vec<_>>()
            .join(" or ");
        let e = parse_expr(&text);
        assert!(e.is_ok());
        drop(e);
    }
}
