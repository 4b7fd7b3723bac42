//! AST nodes for `join`, `lookup`, `as`, `invoke`, `search`, `externaldata`, operator hints
//! and `declare query_parameters`.

use super::{ColumnDecl, Expr, Ident};

/// `hint.name=value` on an operator (`hint.strategy=broadcast`, `hint.shufflekey=Key`,
/// `hint.materialized=true`). Hints never change results; they are kept so the query
/// prints back as written.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Hint {
    /// The part after `hint.` (`strategy`).
    pub name: Ident,
    /// The value: a word (as a name), a number, a string or a bool.
    pub value: Expr,
}

/// `join` kinds (q/join-operator.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum JoinKind {
    /// `innerunique` (the default): left deduplicated by key, then inner.
    InnerUnique,
    /// `inner`
    Inner,
    /// `leftouter`
    LeftOuter,
    /// `rightouter`
    RightOuter,
    /// `fullouter`
    FullOuter,
    /// `leftsemi`
    LeftSemi,
    /// `rightsemi`
    RightSemi,
    /// `leftanti` (also `anti`, `leftantisemi`)
    LeftAnti,
    /// `rightanti` (also `rightantisemi`)
    RightAnti,
}

impl JoinKind {
    /// The canonical word.
    pub fn as_str(self) -> &'static str {
        match self {
            JoinKind::InnerUnique => "innerunique",
            JoinKind::Inner => "inner",
            JoinKind::LeftOuter => "leftouter",
            JoinKind::RightOuter => "rightouter",
            JoinKind::FullOuter => "fullouter",
            JoinKind::LeftSemi => "leftsemi",
            JoinKind::RightSemi => "rightsemi",
            JoinKind::LeftAnti => "leftanti",
            JoinKind::RightAnti => "rightanti",
        }
    }

    /// The kind for a word, aliases included (`anti`, `leftantisemi`, `rightantisemi`).
    pub fn from_word(word: &str) -> Option<JoinKind> {
        Some(match word {
            "innerunique" => JoinKind::InnerUnique,
            "inner" => JoinKind::Inner,
            "leftouter" => JoinKind::LeftOuter,
            "rightouter" => JoinKind::RightOuter,
            "fullouter" => JoinKind::FullOuter,
            "leftsemi" => JoinKind::LeftSemi,
            "rightsemi" => JoinKind::RightSemi,
            "leftanti" | "anti" | "leftantisemi" => JoinKind::LeftAnti,
            "rightanti" | "rightantisemi" => JoinKind::RightAnti,
            _ => return None,
        })
    }
}

/// One `on` condition of `join` / `lookup`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum JoinCondition {
    /// `on Key`: the same column name on both sides.
    Column(Ident),
    /// `on $left.a == $right.b` (written either way round; kept as left, right).
    Equal {
        /// The left side's column.
        left: Ident,
        /// The right side's column.
        right: Ident,
    },
}

/// `T | join [kind=K] [hint.x=y ...] (R) on conditions`, and `lookup` with the same shape.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Join {
    /// `kind=...`; `None` is the default (`innerunique` for join, `leftouter` for lookup).
    pub kind: Option<JoinKind>,
    /// `hint.*` options, in written order.
    pub hints: Vec<Hint>,
    /// The right side: a name or a parenthesized tabular expression.
    pub right: Expr,
    /// The key conditions (at least one).
    pub on: Vec<JoinCondition>,
}

/// `search [kind=case_sensitive] [in (T1, T2*)] predicate`, as a source or an operator.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Search {
    /// `kind=case_sensitive` / `kind=case_insensitive`.
    pub kind: Option<Ident>,
    /// `in (T1, T2*)`: names (possibly with wildcards) of the searched tables.
    pub tables: Option<Vec<Ident>>,
    /// The predicate: `*` (every row), a bare string (`* has "x"`), `col:"x"` (printed
    /// and kept as `col has "x"`), or any boolean expression, combined with and/or/not.
    pub predicate: Expr,
}

/// `externaldata (col:type, ...) [ "url", ... ] [with (name=value, ...)]`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Externaldata {
    /// The declared columns.
    pub columns: Vec<ColumnDecl>,
    /// The storage connection strings (string literals).
    pub urls: Vec<Expr>,
    /// `with (format="csv", ignoreFirstRecord=true)` properties, in written order.
    pub properties: Vec<(Ident, Expr)>,
}

use super::visit::VisitMut;
use super::OperatorKind;

fn walk_hints<V: VisitMut + ?Sized>(v: &mut V, hints: &mut [Hint]) {
    for h in hints {
        v.visit_ident(&mut h.name);
        v.visit_expr(&mut h.value);
    }
}

fn walk_join<V: VisitMut + ?Sized>(v: &mut V, j: &mut Join) {
    walk_hints(v, &mut j.hints);
    v.visit_expr(&mut j.right);
    for c in &mut j.on {
        match c {
            JoinCondition::Column(id) => v.visit_ident(id),
            JoinCondition::Equal { left, right } => {
                v.visit_ident(left);
                v.visit_ident(right);
            }
        }
    }
}

pub(super) fn walk_search<V: VisitMut + ?Sized>(v: &mut V, s: &mut Search) {
    if let Some(k) = &mut s.kind {
        v.visit_ident(k);
    }
    for t in s.tables.iter_mut().flatten() {
        v.visit_ident(t);
    }
    v.visit_expr(&mut s.predicate);
}

pub(super) fn walk_externaldata<V: VisitMut + ?Sized>(v: &mut V, x: &mut Externaldata) {
    for u in &mut x.urls {
        v.visit_expr(u);
    }
    for (name, value) in &mut x.properties {
        v.visit_ident(name);
        v.visit_expr(value);
    }
}

/// Visits the parts of `join`, `lookup`, `as`, `invoke` and `search` operators.
pub(super) fn walk_operator<V: VisitMut + ?Sized>(v: &mut V, kind: &mut OperatorKind) {
    match kind {
        OperatorKind::Join(j) | OperatorKind::Lookup(j) => walk_join(v, j),
        OperatorKind::As { hints, name } => {
            walk_hints(v, hints);
            v.visit_ident(name);
        }
        OperatorKind::Invoke(e) => v.visit_expr(e),
        OperatorKind::Search(s) => walk_search(v, s),
        _ => {}
    }
}
