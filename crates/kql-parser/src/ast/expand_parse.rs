//! AST nodes of the expanding, parsing and reshaping operators: `mv-expand`, `mv-apply`,
//! `parse` / `parse-where`, `parse-kv`, `project-reorder`, `project-keep`, `serialize`,
//! `sample`, `getschema`, `render`, `make-series`, `evaluate`, `top-nested`, `top-hitters`,
//! `sample-distinct`.
//!
//! Each node prints itself as canonical KQL (`Display`); the alternate flag (`{:#}`) is
//! passed on to the expressions inside.

use super::{ColumnDecl, Expr, Ident, NamedExpr, Operator, TypeName};
use std::fmt::{self, Display, Formatter};

/// How `mv-expand` expands a property bag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum BagExpansion {
    /// `kind=bag` (default): each slot becomes a one-key bag.
    Bag,
    /// `kind=array`: each slot becomes `[key, value]`.
    Array,
}

/// One expanded column of `mv-expand` / `mv-apply`: `[Name =] Expr [to typeof(T)]`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ExpandItem {
    /// `Name =`, when given.
    pub name: Option<Ident>,
    /// The array or bag expression.
    pub expr: Expr,
    /// `to typeof(T)`.
    pub to_type: Option<TypeName>,
}

/// `mv-expand [kind=bag|array] [with_itemindex=Name] item, ... [limit N]` (also the
/// legacy `mvexpand`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MvExpand {
    /// Written `mvexpand` / `mvapply` (legacy default row limit 128).
    pub legacy: bool,
    /// `kind=` / `bagexpansion=`.
    pub kind: Option<BagExpansion>,
    /// `with_itemindex=Name`.
    pub with_itemindex: Option<Ident>,
    /// The expanded columns (at least one).
    pub items: Vec<ExpandItem>,
    /// `limit N`.
    pub limit: Option<Expr>,
}

/// `mv-apply ... on ( operators )`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MvApply {
    /// The expansion part (same clauses as `mv-expand`).
    pub expand: MvExpand,
    /// The subquery: operators applied to each row's subtable.
    pub subquery: Vec<Operator>,
}

/// `parse` modes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ParseKind {
    /// `kind=simple` (default): literal delimiters, all-or-nothing.
    Simple,
    /// `kind=regex`: delimiters are regular expressions.
    Regex,
    /// `kind=relaxed`: like simple, but only failing typed columns become null.
    Relaxed,
}

impl ParseKind {
    /// The keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            ParseKind::Simple => "simple",
            ParseKind::Regex => "regex",
            ParseKind::Relaxed => "relaxed",
        }
    }
}

/// One element of a `parse` pattern.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ParsePart {
    /// `*`: skip text.
    Star,
    /// A delimiter string (a regex in `kind=regex`).
    Text(String),
    /// `Name[:type]`: an extracted column.
    Column {
        /// The new column.
        name: Ident,
        /// Its type (`string` when absent).
        ty: Option<TypeName>,
    },
}

/// `parse [kind=...] [flags=...] Expr with pattern` and `parse-where`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Parse {
    /// `parse-where`: rows that do not match are dropped.
    pub drop_unmatched: bool,
    /// `kind=`.
    pub kind: Option<ParseKind>,
    /// `flags=` (regex flags such as `Ui`).
    pub flags: Option<String>,
    /// The parsed text.
    pub expr: Expr,
    /// The pattern after `with`.
    pub pattern: Vec<ParsePart>,
}

/// `parse-kv Expr as (k:type, ...) with (option = value, ...)`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ParseKv {
    /// The parsed text.
    pub expr: Expr,
    /// The extracted keys and their types.
    pub keys: Vec<ColumnDecl>,
    /// `pair_delimiter`, `kv_delimiter`, `quote`, `escape`, `greedy`, `regex`.
    pub options: Vec<(Ident, Expr)>,
}

/// `project-reorder` ordering of the columns a pattern matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ReorderOrder {
    /// `asc`
    Asc,
    /// `desc`
    Desc,
    /// `granny-asc` (natural order: `a20` before `a100`)
    GrannyAsc,
    /// `granny-desc`
    GrannyDesc,
}

impl ReorderOrder {
    /// The keyword.
    pub fn as_str(self) -> &'static str {
        match self {
            ReorderOrder::Asc => "asc",
            ReorderOrder::Desc => "desc",
            ReorderOrder::GrannyAsc => "granny-asc",
            ReorderOrder::GrannyDesc => "granny-desc",
        }
    }
}

/// One `project-reorder` item: a name or `*` pattern, with an optional order.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ReorderItem {
    /// The name or wildcard pattern.
    pub pattern: Ident,
    /// How the matched columns are ordered.
    pub order: Option<ReorderOrder>,
}

/// One `render ... with (name = value, ...)` property; list values (`ycolumns=a, b`) keep
/// all their items.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RenderProperty {
    /// The property name.
    pub name: Ident,
    /// Its value(s).
    pub values: Vec<Expr>,
}

/// `render Visualization [with (props)]`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Render {
    /// `timechart`, `barchart`, `table`, ...
    pub visualization: Ident,
    /// The `with (...)` properties, `None` without `with`.
    pub properties: Option<Vec<RenderProperty>>,
}

/// One aggregation of `make-series`: `[Name =] Agg(...) [default = v]`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SeriesAggregate {
    /// The aggregate with its optional name.
    pub item: NamedExpr,
    /// `default = v` (0 when absent).
    pub default: Option<Expr>,
}

/// The axis range of `make-series`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum SeriesRange {
    /// `[from a] [to b] step s` (end exclusive).
    FromTo {
        /// Start.
        from: Option<Expr>,
        /// End (exclusive).
        to: Option<Expr>,
        /// Bin size.
        step: Expr,
    },
    /// `in range(start, stop, step)` (stop inclusive).
    InRange {
        /// Start.
        start: Expr,
        /// Stop.
        stop: Expr,
        /// Bin size.
        step: Expr,
    },
}

/// `make-series [kind=nonempty] aggs on Axis range [by keys]`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct MakeSeries {
    /// `kind=nonempty`.
    pub nonempty: bool,
    /// The aggregations (at least one).
    pub aggregates: Vec<SeriesAggregate>,
    /// The axis column.
    pub axis: Expr,
    /// The axis range.
    pub range: SeriesRange,
    /// Group keys.
    pub by: Vec<NamedExpr>,
}

/// `evaluate plugin(args)`; arguments may be named (`columnsConflict = 'keep_source'`).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Evaluate {
    /// The plugin name.
    pub plugin: Ident,
    /// Its arguments.
    pub args: Vec<NamedExpr>,
    /// `: ([*,] Name: type, ...)`: the output schema the plugin's result is cast to.
    pub output_schema: Option<OutputSchema>,
}

/// The output schema of `evaluate plugin(...) : ( [*,] Name: type, ... )`
/// (q/bag-unpack-plugin.md, "Output schema syntax").
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct OutputSchema {
    /// A leading `*`: the plugin's columns that do not depend on the data are kept too.
    pub wildcard: bool,
    /// The declared columns (may be empty only after `*`).
    pub columns: Vec<super::ColumnDecl>,
}

/// `top-hitters N of Expr [by Summing]` (q/top-hitters-operator.md).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TopHitters {
    /// How many values.
    pub count: Expr,
    /// The value expression (a column, for the binder).
    pub of: NamedExpr,
    /// `by Summing`: rank by its sum per value instead of by count.
    pub by: Option<NamedExpr>,
}

/// `sample-distinct N of Column` (q/sample-distinct-operator.md).
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct SampleDistinct {
    /// How many distinct values at most.
    pub count: Expr,
    /// The sampled column.
    pub of: NamedExpr,
}

/// One clause of `top-nested`: `[N] of [Name =] Expr [with others = v] by [Name =] Agg [asc|desc]`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TopNestedClause {
    /// How many values to keep (all when absent).
    pub count: Option<Expr>,
    /// The grouping expression.
    pub of: NamedExpr,
    /// `with others = v`: one more row aggregating the values not kept.
    pub others: Option<Expr>,
    /// The aggregation that ranks the values.
    pub by: NamedExpr,
    /// `asc` / `desc` (default desc).
    pub order: Option<super::SortOrder>,
}

// ---------------------------------------------------------------------------------------
// Printing

/// Writes `x` with the formatter's alternate flag.
fn w(f: &mut Formatter<'_>, x: &dyn Display) -> fmt::Result {
    if f.alternate() {
        write!(f, "{x:#}")
    } else {
        write!(f, "{x}")
    }
}

fn list<T>(
    f: &mut Formatter<'_>,
    items: &[T],
    mut each: impl FnMut(&mut Formatter<'_>, &T) -> fmt::Result,
) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        each(f, item)?;
    }
    Ok(())
}

fn named(f: &mut Formatter<'_>, item: &NamedExpr) -> fmt::Result {
    match item.names.as_slice() {
        [] => {}
        [one] => {
            w(f, one)?;
            f.write_str(" = ")?;
        }
        many => {
            f.write_str("(")?;
            list(f, many, |f, n| w(f, n))?;
            f.write_str(") = ")?;
        }
    }
    scalar(f, &item.expr)
}

/// Prints an expression so that a following word cannot extend it: tabular expressions
/// get parentheses.
fn scalar(f: &mut Formatter<'_>, e: &Expr) -> fmt::Result {
    if matches!(e.kind, super::ExprKind::Tabular(_)) {
        f.write_str("(")?;
        w(f, e)?;
        f.write_str(")")
    } else {
        w(f, e)
    }
}

/// A name that may hold `*` wildcards.
fn pattern(f: &mut Formatter<'_>, id: &Ident) -> fmt::Result {
    let wild = id.name.contains('*')
        && id
            .name
            .split('*')
            .all(|part| part.is_empty() || crate::lexer::is_identifier(part));
    if wild {
        f.write_str(&id.name)
    } else {
        w(f, id)
    }
}

impl MvExpand {
    fn fmt_clauses(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.kind {
            Some(BagExpansion::Bag) => f.write_str(" kind=bag")?,
            Some(BagExpansion::Array) => f.write_str(" kind=array")?,
            None => {}
        }
        if let Some(ix) = &self.with_itemindex {
            f.write_str(" with_itemindex=")?;
            w(f, ix)?;
        }
        f.write_str(" ")?;
        list(f, &self.items, |f, item| {
            if let Some(n) = &item.name {
                w(f, n)?;
                f.write_str(" = ")?;
            }
            scalar(f, &item.expr)?;
            match item.to_type {
                Some(t) => write!(f, " to typeof({t})"),
                None => Ok(()),
            }
        })?;
        if let Some(n) = &self.limit {
            f.write_str(" limit ")?;
            scalar(f, n)?;
        }
        Ok(())
    }
}

impl Display for MvExpand {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.legacy { "mvexpand" } else { "mv-expand" })?;
        self.fmt_clauses(f)
    }
}

impl Display for MvApply {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.expand.legacy {
            "mvapply"
        } else {
            "mv-apply"
        })?;
        self.expand.fmt_clauses(f)?;
        f.write_str(" on (")?;
        for (i, op) in self.subquery.iter().enumerate() {
            if i > 0 {
                f.write_str(" | ")?;
            }
            w(f, op)?;
        }
        f.write_str(")")
    }
}

impl Display for Parse {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.drop_unmatched {
            "parse-where"
        } else {
            "parse"
        })?;
        if let Some(k) = self.kind {
            write!(f, " kind={}", k.as_str())?;
        }
        if let Some(flags) = &self.flags {
            write!(f, " flags={flags}")?;
        }
        f.write_str(" ")?;
        scalar(f, &self.expr)?;
        f.write_str(" with")?;
        for part in &self.pattern {
            f.write_str(" ")?;
            match part {
                ParsePart::Star => f.write_str("*")?,
                ParsePart::Text(s) => f.write_str(&crate::literal::quote_string(s))?,
                ParsePart::Column { name, ty } => {
                    w(f, name)?;
                    if let Some(t) = ty {
                        write!(f, ":{t}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

impl Display for ParseKv {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("parse-kv ")?;
        scalar(f, &self.expr)?;
        f.write_str(" as (")?;
        list(f, &self.keys, |f, c| {
            w(f, &c.name)?;
            write!(f, ":{}", c.ty)
        })?;
        f.write_str(")")?;
        if !self.options.is_empty() {
            f.write_str(" with (")?;
            list(f, &self.options, |f, (n, v)| {
                w(f, n)?;
                f.write_str(" = ")?;
                scalar(f, v)
            })?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Display for Render {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("render ")?;
        w(f, &self.visualization)?;
        if let Some(props) = &self.properties {
            f.write_str(" with (")?;
            list(f, props, |f, p| {
                w(f, &p.name)?;
                f.write_str(" = ")?;
                list(f, &p.values, scalar)
            })?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Display for MakeSeries {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("make-series ")?;
        if self.nonempty {
            f.write_str("kind=nonempty ")?;
        }
        list(f, &self.aggregates, |f, a| {
            named(f, &a.item)?;
            if let Some(d) = &a.default {
                f.write_str(" default = ")?;
                scalar(f, d)?;
            }
            Ok(())
        })?;
        f.write_str(" on ")?;
        scalar(f, &self.axis)?;
        match &self.range {
            SeriesRange::FromTo { from, to, step } => {
                if let Some(x) = from {
                    f.write_str(" from ")?;
                    scalar(f, x)?;
                }
                if let Some(x) = to {
                    f.write_str(" to ")?;
                    scalar(f, x)?;
                }
                f.write_str(" step ")?;
                scalar(f, step)?;
            }
            SeriesRange::InRange { start, stop, step } => {
                f.write_str(" in range(")?;
                scalar(f, start)?;
                f.write_str(", ")?;
                scalar(f, stop)?;
                f.write_str(", ")?;
                scalar(f, step)?;
                f.write_str(")")?;
            }
        }
        if !self.by.is_empty() {
            f.write_str(" by ")?;
            list(f, &self.by, named)?;
        }
        Ok(())
    }
}

impl Display for Evaluate {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("evaluate ")?;
        w(f, &self.plugin)?;
        f.write_str("(")?;
        list(f, &self.args, named)?;
        f.write_str(")")?;
        if let Some(schema) = &self.output_schema {
            f.write_str(" : (")?;
            if schema.wildcard {
                f.write_str("*")?;
                if !schema.columns.is_empty() {
                    f.write_str(", ")?;
                }
            }
            list(f, &schema.columns, |f, c| {
                w(f, &c.name)?;
                write!(f, ":{}", c.ty)
            })?;
            f.write_str(")")?;
        }
        Ok(())
    }
}

impl Display for TopHitters {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("top-hitters ")?;
        scalar(f, &self.count)?;
        f.write_str(" of ")?;
        named(f, &self.of)?;
        if let Some(by) = &self.by {
            f.write_str(" by ")?;
            named(f, by)?;
        }
        Ok(())
    }
}

impl Display for SampleDistinct {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("sample-distinct ")?;
        scalar(f, &self.count)?;
        f.write_str(" of ")?;
        named(f, &self.of)
    }
}

/// Prints `top-nested` clauses.
pub(crate) fn fmt_top_nested(f: &mut Formatter<'_>, clauses: &[TopNestedClause]) -> fmt::Result {
    list(f, clauses, |f, c| {
        f.write_str("top-nested ")?;
        if let Some(n) = &c.count {
            scalar(f, n)?;
            f.write_str(" ")?;
        }
        f.write_str("of ")?;
        named(f, &c.of)?;
        if let Some(o) = &c.others {
            f.write_str(" with others = ")?;
            scalar(f, o)?;
        }
        f.write_str(" by ")?;
        named(f, &c.by)?;
        match c.order {
            Some(super::SortOrder::Asc) => f.write_str(" asc"),
            Some(super::SortOrder::Desc) => f.write_str(" desc"),
            None => Ok(()),
        }
    })
}

/// Prints `project-reorder` items.
pub(crate) fn fmt_reorder(f: &mut Formatter<'_>, items: &[ReorderItem]) -> fmt::Result {
    f.write_str("project-reorder ")?;
    list(f, items, |f, item| {
        pattern(f, &item.pattern)?;
        match item.order {
            Some(o) => write!(f, " {}", o.as_str()),
            None => Ok(()),
        }
    })
}

/// Prints `project-keep` names.
pub(crate) fn fmt_keep(f: &mut Formatter<'_>, names: &[Ident]) -> fmt::Result {
    f.write_str("project-keep ")?;
    list(f, names, pattern)
}

/// Prints `serialize [items]`.
pub(crate) fn fmt_serialize(f: &mut Formatter<'_>, items: &[NamedExpr]) -> fmt::Result {
    f.write_str("serialize")?;
    if !items.is_empty() {
        f.write_str(" ")?;
        list(f, items, named)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Traversal

fn walk_named<V: super::visit::VisitMut + ?Sized>(v: &mut V, items: &mut [NamedExpr]) {
    for item in items {
        for n in &mut item.names {
            v.visit_ident(n);
        }
        v.visit_expr(&mut item.expr);
        v.visit_span(&mut item.span);
    }
}

fn walk_expand<V: super::visit::VisitMut + ?Sized>(v: &mut V, m: &mut MvExpand) {
    if let Some(ix) = &mut m.with_itemindex {
        v.visit_ident(ix);
    }
    for item in &mut m.items {
        if let Some(n) = &mut item.name {
            v.visit_ident(n);
        }
        v.visit_expr(&mut item.expr);
    }
    if let Some(n) = &mut m.limit {
        v.visit_expr(n);
    }
}

/// Visits the parts of the operators defined in this module (called by
/// [`super::visit::walk_operator`]).
pub(crate) fn walk<V: super::visit::VisitMut + ?Sized>(v: &mut V, kind: &mut super::OperatorKind) {
    use super::OperatorKind as K;
    match kind {
        K::MvExpand(m) => walk_expand(v, m),
        K::MvApply(m) => {
            walk_expand(v, &mut m.expand);
            for op in &mut m.subquery {
                v.visit_operator(op);
            }
        }
        K::Parse(p) => {
            v.visit_expr(&mut p.expr);
            for part in &mut p.pattern {
                if let ParsePart::Column { name, .. } = part {
                    v.visit_ident(name);
                }
            }
        }
        K::ParseKv(p) => {
            v.visit_expr(&mut p.expr);
            for k in &mut p.keys {
                v.visit_ident(&mut k.name);
            }
            for (n, e) in &mut p.options {
                v.visit_ident(n);
                v.visit_expr(e);
            }
        }
        K::ProjectReorder(items) => {
            for item in items {
                v.visit_ident(&mut item.pattern);
            }
        }
        K::ProjectKeep(names) => {
            for n in names {
                v.visit_ident(n);
            }
        }
        K::Serialize(items) => walk_named(v, items),
        K::Sample(n) => v.visit_expr(n),
        K::Render(r) => {
            v.visit_ident(&mut r.visualization);
            for p in r.properties.iter_mut().flatten() {
                v.visit_ident(&mut p.name);
                for e in &mut p.values {
                    v.visit_expr(e);
                }
            }
        }
        K::MakeSeries(m) => {
            for a in &mut m.aggregates {
                walk_named(v, std::slice::from_mut(&mut a.item));
                if let Some(d) = &mut a.default {
                    v.visit_expr(d);
                }
            }
            v.visit_expr(&mut m.axis);
            match &mut m.range {
                SeriesRange::FromTo { from, to, step } => {
                    if let Some(x) = from {
                        v.visit_expr(x);
                    }
                    if let Some(x) = to {
                        v.visit_expr(x);
                    }
                    v.visit_expr(step);
                }
                SeriesRange::InRange { start, stop, step } => {
                    v.visit_expr(start);
                    v.visit_expr(stop);
                    v.visit_expr(step);
                }
            }
            walk_named(v, &mut m.by);
        }
        K::TopNested(clauses) => {
            for c in clauses {
                if let Some(n) = &mut c.count {
                    v.visit_expr(n);
                }
                walk_named(v, std::slice::from_mut(&mut c.of));
                if let Some(o) = &mut c.others {
                    v.visit_expr(o);
                }
                walk_named(v, std::slice::from_mut(&mut c.by));
            }
        }
        K::Evaluate(e) => {
            v.visit_ident(&mut e.plugin);
            walk_named(v, &mut e.args);
            for c in e.output_schema.iter_mut().flat_map(|s| &mut s.columns) {
                v.visit_ident(&mut c.name);
            }
        }
        K::TopHitters(t) => {
            v.visit_expr(&mut t.count);
            walk_named(v, std::slice::from_mut(&mut t.of));
            if let Some(by) = &mut t.by {
                walk_named(v, std::slice::from_mut(by));
            }
        }
        K::SampleDistinct(t) => {
            v.visit_expr(&mut t.count);
            walk_named(v, std::slice::from_mut(&mut t.of));
        }
        _ => {}
    }
}
