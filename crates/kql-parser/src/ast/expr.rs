//! Scalar expressions: literals, names, operators, calls, member access and indexing.

use super::{Ident, TabularExpr, TypeName};
use crate::Span;

/// A scalar expression (or, as [`ExprKind::Tabular`], a tabular one in expression position).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// Where it is in the query text.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ExprKind {
    /// `42`, `'text'`, `datetime(2024-01-01)`, `long(null)`, `dynamic([1, 2])`, ...
    Literal(Literal),
    /// A column, let-bound name or table: `Timestamp`, `['Some Column']`.
    Name(Ident),
    /// `*` as an argument: `count(*)`, `arg_max(Timestamp, *)`, `distinct *`.
    Star,
    /// `a + b`, `a and b`, `Url has 'x'`, ...
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
    /// `-x`, `+x`.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// The operand.
        operand: Box<Expr>,
    },
    /// `x in (1, 2)`, `x !in~ ('a')`, `Url has_any ('a', 'b')`, `s has_all (...)`.
    InList {
        /// Which list operator.
        op: ListOp,
        /// The tested value.
        lhs: Box<Expr>,
        /// The list elements (scalars, dynamic arrays, or tabular expressions).
        list: Vec<Expr>,
    },
    /// `x between (lo .. hi)` / `x !between (lo .. hi)`.
    Between {
        /// True for `!between`.
        negated: bool,
        /// The tested value.
        lhs: Box<Expr>,
        /// Lower bound (inclusive).
        low: Box<Expr>,
        /// Upper bound (inclusive); a timespan means `low + high` when `low` is a datetime.
        high: Box<Expr>,
    },
    /// `f(a, b)`: built-in or let-bound function call.
    Call {
        /// The function name.
        func: Ident,
        /// The arguments in order.
        args: Vec<Expr>,
    },
    /// `x.name` / `x.['name']`: property access on a dynamic value.
    Member {
        /// The accessed value.
        target: Box<Expr>,
        /// The property name.
        name: Ident,
    },
    /// `x[0]`, `x['key']`, `x[-1]`.
    Index {
        /// The indexed value.
        target: Box<Expr>,
        /// The index or key.
        index: Box<Expr>,
    },
    /// `name = value` as a call argument: `f(x, limit = 10)`; the binder places it by the
    /// callee's parameter names.
    NamedArg {
        /// The parameter name.
        name: Ident,
        /// The argument.
        value: Box<Expr>,
    },
    /// `typeof(long)`: a type used as a value (`extract(..., typeof(int))`).
    TypeOf(TypeName),
    /// A tabular expression in expression position: `(T | where x > 1)`, a `let` value,
    /// `toscalar(T | count)`.
    Tabular(Box<TabularExpr>),
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Plus,
}

impl UnaryOp {
    /// The operator's text.
    pub fn as_str(self) -> &'static str {
        match self {
            UnaryOp::Neg => "-",
            UnaryOp::Plus => "+",
        }
    }
}

/// Binary operators, including KQL's string operators.
///
/// String operators come in families: `has` / `!has` / `has_cs` / `!has_cs` and so on.
/// `!` negates; `_cs` makes the match case-sensitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(missing_docs)]
pub enum BinaryOp {
    Or,
    And,
    Eq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    /// `=~`: case-insensitive equality.
    EqCi,
    /// `!~`: case-insensitive inequality.
    NotEqCi,
    /// A string operator: `has`, `!contains_cs`, `startswith`, ...
    Str(StringOp),
    /// `matches regex`
    MatchesRegex,
}

/// A string-matching operator: the family, whether it is negated (`!`) and case-sensitive (`_cs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct StringOp {
    /// `has`, `contains`, ...
    pub kind: StringOpKind,
    /// `!has`
    pub negated: bool,
    /// `has_cs`
    pub case_sensitive: bool,
}

/// Families of string operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StringOpKind {
    /// `has`: whole-term match.
    Has,
    /// `hasprefix`: some term starts with the needle.
    HasPrefix,
    /// `hassuffix`: some term ends with the needle.
    HasSuffix,
    /// `contains`: substring.
    Contains,
    /// `startswith`: prefix of the whole string.
    StartsWith,
    /// `endswith`: suffix of the whole string.
    EndsWith,
}

impl StringOpKind {
    /// The base word (`has`, `contains`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            StringOpKind::Has => "has",
            StringOpKind::HasPrefix => "hasprefix",
            StringOpKind::HasSuffix => "hassuffix",
            StringOpKind::Contains => "contains",
            StringOpKind::StartsWith => "startswith",
            StringOpKind::EndsWith => "endswith",
        }
    }
}

impl StringOp {
    /// The operator's text, e.g. `!has_cs`.
    pub fn text(self) -> String {
        format!(
            "{}{}{}",
            if self.negated { "!" } else { "" },
            self.kind.as_str(),
            if self.case_sensitive { "_cs" } else { "" }
        )
    }
}

/// Operators that take a parenthesized list: `in`, `!in`, `in~`, `!in~`, `has_any`, `has_all`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ListOp {
    /// `in` (case-sensitive)
    In,
    /// `!in`
    NotIn,
    /// `in~` (case-insensitive)
    InCi,
    /// `!in~`
    NotInCi,
    /// `has_any` (whole-term, case-insensitive)
    HasAny,
    /// `has_all`
    HasAll,
}

impl ListOp {
    /// The operator's text.
    pub fn as_str(self) -> &'static str {
        match self {
            ListOp::In => "in",
            ListOp::NotIn => "!in",
            ListOp::InCi => "in~",
            ListOp::NotInCi => "!in~",
            ListOp::HasAny => "has_any",
            ListOp::HasAll => "has_all",
        }
    }
}

/// A literal value. Typed nulls (`long(null)`) are the `None` cases.
///
/// `datetime` and `timespan` are counts of 100 ns ticks (datetime from 0001-01-01T00:00:00Z).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Literal {
    /// `true`, `bool(null)`
    Bool(Option<bool>),
    /// `int(5)`, `int(null)`
    Int(Option<i32>),
    /// `42`, `0x2A`, `long(null)`
    Long(Option<i64>),
    /// `1.5`, `1e3`, `real(nan)`, `real(null)`
    Real(Option<f64>),
    /// `decimal(1.5)`: the decimal text as written (validated by the parser).
    Decimal(Option<String>),
    /// `'text'`, `"text"`, `@'raw'`, `h'secret'`, ```` ```multi-line``` ````, adjacent literals joined.
    String(String),
    /// `datetime(2024-01-01 10:00)`: ticks since 0001-01-01T00:00:00Z.
    DateTime(Option<i64>),
    /// `5m`, `1.5h`, `timespan(1.02:03:04)`: ticks.
    TimeSpan(Option<i64>),
    /// `guid(74be27de-1e4e-49d9-b579-fe0b331d3642)`
    Guid(Option<u128>),
    /// `dynamic([1, "a", {"b": null}])`
    Dynamic(DynamicLiteral),
}

/// The body of a `dynamic(...)` literal: JSON extended with KQL literals
/// (`datetime(...)`, timespans, guids).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum DynamicLiteral {
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// `int(5)` inside dynamic
    Int(i32),
    /// integer
    Long(i64),
    /// real
    Real(f64),
    /// string
    String(String),
    /// `datetime(...)` inside dynamic (ticks)
    DateTime(i64),
    /// timespan inside dynamic (ticks)
    TimeSpan(i64),
    /// `guid(...)` inside dynamic
    Guid(u128),
    /// `[ ... ]`
    Array(Vec<DynamicLiteral>),
    /// `{ "key": value, ... }` in written order
    Bag(Vec<(String, DynamicLiteral)>),
}
