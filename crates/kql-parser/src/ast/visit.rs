//! Mutable traversal of the AST: implement [`VisitMut`], override the methods you need, and
//! call the matching `walk_*` function to continue into the children.
//!
//! [`ClearSpans`] (and [`clear_spans`]) set every span to `Span::default()`, so trees can be
//! compared while ignoring where they came from.
//!
//! ```
//! use kql_parser::ast::visit::clear_spans;
//! let mut a = kql_parser::parse_query("T | where x > 1").unwrap();
//! let mut b = kql_parser::parse_query("T\n|   where   x>1").unwrap();
//! clear_spans(&mut a);
//! clear_spans(&mut b);
//! assert_eq!(a, b);
//! ```
//!
//! The walk recurses once per tree level; trees from the parser are bounded in nesting,
//! but a long left-deep chain such as `a or b or c ...` is as deep as it is long.

use super::*;

/// A mutable visitor. Every method's default visits the node's children.
pub trait VisitMut {
    /// A whole query.
    fn visit_query(&mut self, query: &mut Query) {
        walk_query(self, query);
    }
    /// A statement.
    fn visit_statement(&mut self, statement: &mut Statement) {
        walk_statement(self, statement);
    }
    /// A tabular expression.
    fn visit_tabular(&mut self, tabular: &mut TabularExpr) {
        walk_tabular(self, tabular);
    }
    /// A tabular operator.
    fn visit_operator(&mut self, operator: &mut Operator) {
        walk_operator(self, operator);
    }
    /// An expression.
    fn visit_expr(&mut self, expr: &mut Expr) {
        walk_expr(self, expr);
    }
    /// A name.
    fn visit_ident(&mut self, ident: &mut Ident) {
        self.visit_span(&mut ident.span);
    }
    /// Every span in the tree, after the node's other parts.
    fn visit_span(&mut self, _span: &mut Span) {}
}

/// Visits the statements and the query's span.
pub fn walk_query<V: VisitMut + ?Sized>(v: &mut V, query: &mut Query) {
    for s in &mut query.statements {
        v.visit_statement(s);
    }
    v.visit_span(&mut query.span);
}

/// Visits a statement's parts.
pub fn walk_statement<V: VisitMut + ?Sized>(v: &mut V, statement: &mut Statement) {
    match &mut statement.kind {
        StatementKind::Let(l) => {
            v.visit_ident(&mut l.name);
            match &mut l.value {
                LetValue::Expr(e) => v.visit_expr(e),
                LetValue::Function(def) | LetValue::View(def) => walk_function_def(v, def),
            }
        }
        StatementKind::Expr(e) => v.visit_expr(e),
        StatementKind::DeclareQueryParameters(params) => {
            let mut def = FunctionDef {
                params: std::mem::take(params),
                body: Vec::new(),
                span: Span::new(0, 0),
            };
            walk_function_def(v, &mut def);
            *params = def.params;
        }
        StatementKind::Set { name, value } => {
            v.visit_ident(name);
            if let Some(e) = value {
                v.visit_expr(e);
            }
        }
    }
    v.visit_span(&mut statement.span);
}

fn walk_function_def<V: VisitMut + ?Sized>(v: &mut V, def: &mut FunctionDef) {
    for param in &mut def.params {
        v.visit_ident(&mut param.name);
        if let ParamType::Tabular(Some(columns)) = &mut param.ty {
            walk_columns(v, columns);
        }
        if let Some(e) = &mut param.default {
            v.visit_expr(e);
        }
    }
    for s in &mut def.body {
        v.visit_statement(s);
    }
    v.visit_span(&mut def.span);
}

fn walk_columns<V: VisitMut + ?Sized>(v: &mut V, columns: &mut [ColumnDecl]) {
    for c in columns {
        v.visit_ident(&mut c.name);
    }
}

fn walk_named<V: VisitMut + ?Sized>(v: &mut V, items: &mut [NamedExpr]) {
    for item in items {
        for n in &mut item.names {
            v.visit_ident(n);
        }
        v.visit_expr(&mut item.expr);
        v.visit_span(&mut item.span);
    }
}

fn walk_union<V: VisitMut + ?Sized>(v: &mut V, union: &mut Union) {
    if let Some(id) = &mut union.with_source {
        v.visit_ident(id);
    }
    for leg in &mut union.legs {
        v.visit_expr(leg);
    }
}

fn walk_sort_key<V: VisitMut + ?Sized>(v: &mut V, key: &mut SortKey) {
    v.visit_expr(&mut key.expr);
    v.visit_span(&mut key.span);
}

/// Visits the source and the operators.
pub fn walk_tabular<V: VisitMut + ?Sized>(v: &mut V, tabular: &mut TabularExpr) {
    let source = &mut tabular.source;
    match &mut source.kind {
        SourceKind::Expr(e) => v.visit_expr(e),
        SourceKind::Datatable(d) => {
            walk_columns(v, &mut d.columns);
            for e in &mut d.values {
                v.visit_expr(e);
            }
        }
        SourceKind::Print(items) => walk_named(v, items),
        SourceKind::Range(r) => {
            v.visit_ident(&mut r.column);
            v.visit_expr(&mut r.from);
            v.visit_expr(&mut r.to);
            v.visit_expr(&mut r.step);
        }
        SourceKind::Union(u) => walk_union(v, u),
        SourceKind::Externaldata(x) => {
            walk_columns(v, &mut x.columns);
            super::ops::walk_externaldata(v, x);
        }
        SourceKind::Search(x) => super::ops::walk_search(v, x),
    }
    v.visit_span(&mut source.span);
    for op in &mut tabular.operators {
        v.visit_operator(op);
    }
    v.visit_span(&mut tabular.span);
}

/// Visits an operator's parts.
pub fn walk_operator<V: VisitMut + ?Sized>(v: &mut V, operator: &mut Operator) {
    match &mut operator.kind {
        OperatorKind::Where(e) | OperatorKind::Take(e) => v.visit_expr(e),
        OperatorKind::Project(items) | OperatorKind::Extend(items) => walk_named(v, items),
        OperatorKind::ProjectAway(names) => {
            for n in names {
                v.visit_ident(n);
            }
        }
        OperatorKind::ProjectRename(renames) => {
            for r in renames {
                v.visit_ident(&mut r.new);
                v.visit_ident(&mut r.old);
            }
        }
        OperatorKind::Summarize(s) => {
            walk_named(v, &mut s.aggregates);
            walk_named(v, &mut s.by);
        }
        OperatorKind::Sort(keys) => {
            for k in keys {
                walk_sort_key(v, k);
            }
        }
        OperatorKind::Top(top) => {
            v.visit_expr(&mut top.count);
            walk_sort_key(v, &mut top.key);
        }
        OperatorKind::Distinct(columns) => walk_named(v, columns),
        OperatorKind::Union(u) => walk_union(v, u),
        OperatorKind::MvExpand(_)
        | OperatorKind::MvApply(_)
        | OperatorKind::Parse(_)
        | OperatorKind::ParseKv(_)
        | OperatorKind::ProjectReorder(_)
        | OperatorKind::ProjectKeep(_)
        | OperatorKind::Serialize(_)
        | OperatorKind::Sample(_)
        | OperatorKind::GetSchema
        | OperatorKind::Render(_)
        | OperatorKind::MakeSeries(_)
        | OperatorKind::Evaluate(_)
        | OperatorKind::TopNested(_)
        | OperatorKind::TopHitters(_)
        | OperatorKind::SampleDistinct(_) => super::expand_parse::walk(v, &mut operator.kind),
        OperatorKind::Join(_)
        | OperatorKind::Lookup(_)
        | OperatorKind::As { .. }
        | OperatorKind::Invoke(_)
        | OperatorKind::Search(_) => super::ops::walk_operator(v, &mut operator.kind),
        OperatorKind::Count | OperatorKind::Unsupported { .. } => {}
    }
    v.visit_span(&mut operator.span);
}

/// Visits an expression's children.
pub fn walk_expr<V: VisitMut + ?Sized>(v: &mut V, expr: &mut Expr) {
    match &mut expr.kind {
        ExprKind::Literal(_) | ExprKind::Star | ExprKind::TypeOf(_) => {}
        ExprKind::Name(id) => v.visit_ident(id),
        ExprKind::Binary { lhs, rhs, .. } => {
            v.visit_expr(lhs);
            v.visit_expr(rhs);
        }
        ExprKind::Unary { operand, .. } => v.visit_expr(operand),
        ExprKind::InList { lhs, list, .. } => {
            v.visit_expr(lhs);
            for e in list {
                v.visit_expr(e);
            }
        }
        ExprKind::Between { lhs, low, high, .. } => {
            v.visit_expr(lhs);
            v.visit_expr(low);
            v.visit_expr(high);
        }
        ExprKind::Call { func, args } => {
            v.visit_ident(func);
            for e in args {
                v.visit_expr(e);
            }
        }
        ExprKind::Member { target, name } => {
            v.visit_expr(target);
            v.visit_ident(name);
        }
        ExprKind::Index { target, index } => {
            v.visit_expr(target);
            v.visit_expr(index);
        }
        ExprKind::NamedArg { name, value } => {
            v.visit_ident(name);
            v.visit_expr(value);
        }
        ExprKind::Tabular(t) => v.visit_tabular(t),
    }
    v.visit_span(&mut expr.span);
}

/// Sets every span to `Span::default()`.
#[derive(Debug, Clone, Copy, Default)]
pub struct ClearSpans;

impl VisitMut for ClearSpans {
    fn visit_span(&mut self, span: &mut Span) {
        *span = Span::default();
    }
}

/// A node [`ClearSpans`] can walk: [`Query`], [`Statement`], [`Expr`], [`TabularExpr`],
/// [`Operator`].
pub trait Visitable {
    /// Walks `self` with `v`.
    fn accept<V: VisitMut + ?Sized>(&mut self, v: &mut V);
}

impl Visitable for Query {
    fn accept<V: VisitMut + ?Sized>(&mut self, v: &mut V) {
        v.visit_query(self);
    }
}

impl Visitable for Statement {
    fn accept<V: VisitMut + ?Sized>(&mut self, v: &mut V) {
        v.visit_statement(self);
    }
}

impl Visitable for Expr {
    fn accept<V: VisitMut + ?Sized>(&mut self, v: &mut V) {
        v.visit_expr(self);
    }
}

impl Visitable for TabularExpr {
    fn accept<V: VisitMut + ?Sized>(&mut self, v: &mut V) {
        v.visit_tabular(self);
    }
}

impl Visitable for Operator {
    fn accept<V: VisitMut + ?Sized>(&mut self, v: &mut V) {
        v.visit_operator(self);
    }
}

/// Sets every span in `node` to `Span::default()`.
pub fn clear_spans<T: Visitable + ?Sized>(node: &mut T) {
    node.accept(&mut ClearSpans);
}
