//! Tabular operators: the steps after `|`.

use super::{Expr, Hint, Ident, Join, NamedExpr, Search};
use crate::Span;

/// One `| operator` step.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Operator {
    /// What the operator is.
    pub kind: OperatorKind,
    /// Where it is (from the operator word to its last token).
    pub span: Span,
}

/// The kinds of tabular operator.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum OperatorKind {
    /// `| where Predicate` (also `filter`)
    Where(Expr),
    /// `| project a, b = expr`
    Project(Vec<NamedExpr>),
    /// `| extend b = expr, expr`
    Extend(Vec<NamedExpr>),
    /// `| project-away a, b*`: names may hold `*` wildcards.
    ProjectAway(Vec<Ident>),
    /// `| project-rename new = old, ...`
    ProjectRename(Vec<Rename>),
    /// `| summarize aggs [by keys]`
    Summarize(Summarize),
    /// `| take N` (also `limit`)
    Take(Expr),
    /// `| sort by a asc, b desc nulls first` (also `order by`)
    Sort(Vec<SortKey>),
    /// `| top N by expr [asc|desc] [nulls first|last]`
    Top(Top),
    /// `| distinct a, b` / `| distinct *`
    Distinct(Vec<NamedExpr>),
    /// `| count`
    Count,
    /// `| union T2, (T3 | ...)`
    Union(Union),
    /// `| join kind=inner (R) on Key, $left.a == $right.b`
    Join(Join),
    /// `| lookup kind=leftouter (R) on Key`
    Lookup(Join),
    /// `| as [hint.materialized=true] Name`
    As {
        /// `hint.*` options.
        hints: Vec<Hint>,
        /// The bound name.
        name: Ident,
    },
    /// `| invoke f(args)`: the input becomes `f`'s first (tabular) argument.
    Invoke(Expr),
    /// `| search [kind=...] predicate`
    Search(Search),
    /// `| mv-expand ...` / `| mvexpand ...`
    MvExpand(super::MvExpand),
    /// `| mv-apply ... on (...)`
    MvApply(Box<super::MvApply>),
    /// `| parse ...` / `| parse-where ...`
    Parse(super::Parse),
    /// `| parse-kv Expr as (...) with (...)`
    ParseKv(super::ParseKv),
    /// `| project-reorder a*, b desc`
    ProjectReorder(Vec<super::ReorderItem>),
    /// `| project-keep a, b*`
    ProjectKeep(Vec<Ident>),
    /// `| serialize [Name = expr, ...]`
    Serialize(Vec<NamedExpr>),
    /// `| sample N`
    Sample(Expr),
    /// `| getschema`
    GetSchema,
    /// `| render chart [with (...)]`
    Render(super::Render),
    /// `| make-series ...`
    MakeSeries(Box<super::MakeSeries>),
    /// `| evaluate plugin(args)`
    Evaluate(super::Evaluate),
    /// `| top-nested N of x by agg, top-nested ...`
    TopNested(Vec<super::TopNestedClause>),
    /// `| top-hitters N of x [by y]`
    TopHitters(Box<super::TopHitters>),
    /// `| sample-distinct N of x`
    SampleDistinct(Box<super::SampleDistinct>),
    /// An operator that parses but is not modelled yet (`join`, `mv-expand`, ...): its word
    /// and its raw text are kept so the binder can name it in an error and the printer can
    /// reproduce it.
    Unsupported {
        /// The operator word (`join`, `mv-expand`).
        name: String,
        /// The operator's full text as written, from its word to its last token.
        text: String,
    },
}

/// `new = old` in `project-rename`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Rename {
    /// The new name.
    pub new: Ident,
    /// The existing column.
    pub old: Ident,
}

/// `summarize aggregates by keys`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Summarize {
    /// Aggregate expressions (may be empty: `summarize by a`).
    pub aggregates: Vec<NamedExpr>,
    /// Group keys (may be empty).
    pub by: Vec<NamedExpr>,
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SortOrder {
    /// `asc`
    Asc,
    /// `desc` (the default)
    Desc,
}

/// Where nulls go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum NullsOrder {
    /// `nulls first` (the default for `asc`)
    First,
    /// `nulls last` (the default for `desc`)
    Last,
}

/// One key of `sort by` / `top ... by`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SortKey {
    /// The sorted expression.
    pub expr: Expr,
    /// `asc` / `desc` as written; `None` means the default (desc).
    pub order: Option<SortOrder>,
    /// `nulls first` / `nulls last` as written; `None` means the default for the order.
    pub nulls: Option<NullsOrder>,
    /// Where the key is.
    pub span: Span,
}

/// `top N by key`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Top {
    /// How many rows.
    pub count: Expr,
    /// The ordering key.
    pub key: SortKey,
}

/// `union [kind=inner|outer] [withsource=Col] [isfuzzy=bool] legs`, as a source or an operator.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Union {
    /// `kind=inner` gives `Some(UnionKind::Inner)`; absent means outer.
    pub kind: Option<UnionKind>,
    /// `withsource=Col`
    pub with_source: Option<Ident>,
    /// `isfuzzy=true`
    pub is_fuzzy: Option<bool>,
    /// The legs: names (possibly with `*` wildcards) or parenthesized tabular expressions.
    pub legs: Vec<Expr>,
}

/// `union` kinds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum UnionKind {
    /// `kind=inner`: only columns common to all legs.
    Inner,
    /// `kind=outer` (default): all columns.
    Outer,
}
