//! Binding strength of expression forms, shared by the parser and the printer.

use crate::ast::BinaryOp;

/// Precedence levels, loosest first (see the ladder in `parser/expr.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Prec {
    /// Any expression (no operator binds looser).
    Lowest,
    Or,
    And,
    /// `==`, `!=`, `in` lists, `between`.
    Equality,
    /// `<`, `<=`, `>`, `>=`.
    Relational,
    Additive,
    Multiplicative,
    /// `has`, `contains`, `=~`, `matches regex`, ...
    StringOp,
    Unary,
    /// Member access, indexing, calls.
    Postfix,
    /// Literals, names, parenthesized expressions.
    Primary,
}

impl Prec {
    /// The level of a binary operator.
    pub(crate) fn of(op: BinaryOp) -> Prec {
        match op {
            BinaryOp::Or => Prec::Or,
            BinaryOp::And => Prec::And,
            BinaryOp::Eq | BinaryOp::NotEq => Prec::Equality,
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => Prec::Relational,
            BinaryOp::Add | BinaryOp::Sub => Prec::Additive,
            BinaryOp::Mul | BinaryOp::Div | BinaryOp::Mod => Prec::Multiplicative,
            BinaryOp::EqCi | BinaryOp::NotEqCi | BinaryOp::Str(_) | BinaryOp::MatchesRegex => {
                Prec::StringOp
            }
        }
    }

    /// True for levels where `a op b op c` means `(a op b) op c`; the others do not chain.
    pub(crate) fn left_assoc(self) -> bool {
        matches!(
            self,
            Prec::Or | Prec::And | Prec::Additive | Prec::Multiplicative
        )
    }

    /// The next tighter level.
    pub(crate) fn tighter(self) -> Prec {
        match self {
            Prec::Lowest => Prec::Or,
            Prec::Or => Prec::And,
            Prec::And => Prec::Equality,
            Prec::Equality => Prec::Relational,
            Prec::Relational => Prec::Additive,
            Prec::Additive => Prec::Multiplicative,
            Prec::Multiplicative => Prec::StringOp,
            Prec::StringOp => Prec::Unary,
            Prec::Unary => Prec::Postfix,
            Prec::Postfix | Prec::Primary => Prec::Primary,
        }
    }
}
