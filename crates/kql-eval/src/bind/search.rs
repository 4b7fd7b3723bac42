//! `search` (q/search-operator.md): a filter whose bare string terms match any column.
//!
//! - `T | search Pred` keeps the rows of `T` where `Pred` holds.
//! - `search [in (T1, T2*)] Pred` searches those tables (all catalog tables without `in`):
//!   their union, with the table name in a leading `$table` column, filtered by `Pred`
//!   (a column that only some tables have is null in the others' rows).
//!
//! The predicate is rewritten into an ordinary one before binding: a bare string `"x"`
//! becomes `tostring(c1) has "x" or tostring(c2) has "x" ...` over every column (`"x*"`
//! is `hasprefix`, `"*x"` `hassuffix`, `"*x*"` `contains`), `* has "x"` likewise, `*`
//! alone is `true`, and `Col:"x"` (kept by the parser as `Col has "x"`) is false for a
//! table without `Col`. `kind=case_sensitive` makes the bare-string matches case-sensitive.

use super::plan::{Plan, PlanKind};
use super::Binder;
use crate::error::{BindError, BindErrorKind};
use crate::table::Field;
use kql_parser::ast::{
    BinaryOp, Expr, ExprKind, Ident, Literal, Operator, OperatorKind, Search, Source, SourceKind,
    StringOp, StringOpKind, TabularExpr, Union,
};
use kql_parser::Span;

fn e(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

fn bool_lit(b: bool, span: Span) -> Expr {
    e(ExprKind::Literal(Literal::Bool(Some(b))), span)
}

fn binary(op: BinaryOp, lhs: Expr, rhs: Expr, span: Span) -> Expr {
    e(
        ExprKind::Binary {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        },
        span,
    )
}

fn unsupported(what: &str, span: Span) -> BindError {
    BindError::new(
        BindErrorKind::Unsupported {
            what: what.to_string(),
        },
        span,
    )
}

/// `"x"` → (has, "x"); `"x*"` → hasprefix; `"*x"` → hassuffix; `"*x*"` → contains.
fn term_op(text: &str, cs: bool, span: Span) -> Result<(StringOp, String), BindError> {
    let (kind, needle) = match (text.strip_prefix('*'), text.strip_suffix('*')) {
        (Some(rest), Some(_)) if !rest.is_empty() => {
            (StringOpKind::Contains, &text[1..text.len() - 1])
        }
        (Some(rest), None) => (StringOpKind::HasSuffix, rest),
        (None, Some(rest)) => (StringOpKind::HasPrefix, rest),
        _ => (StringOpKind::Has, text),
    };
    if needle.contains('*') {
        return Err(unsupported(
            "a 'search' term with an inner '*' wildcard",
            span,
        ));
    }
    let op = StringOp {
        kind,
        negated: false,
        case_sensitive: cs,
    };
    Ok((op, needle.to_string()))
}

/// `op` applied to every column (as text), or-ed together (`false` with no columns): the
/// meaning of `* has "x"` in `search` and in `where` (q/search-operator.md).
pub(super) fn any_column(schema: &[Field], op: StringOp, needle: &Expr, span: Span) -> Expr {
    schema
        .iter()
        .map(|f| {
            let col = e(ExprKind::Name(Ident::new(f.name.clone(), span)), span);
            let text = e(
                ExprKind::Call {
                    func: Ident::new("tostring", span),
                    args: vec![col],
                },
                span,
            );
            binary(BinaryOp::Str(op), text, needle.clone(), span)
        })
        .reduce(|a, b| binary(BinaryOp::Or, a, b, span))
        .unwrap_or_else(|| bool_lit(false, span))
}

/// The predicate for a table with columns `schema`.
fn rewrite(p: &Expr, schema: &[Field], cs: bool) -> Result<Expr, BindError> {
    let span = p.span;
    Ok(match &p.kind {
        ExprKind::Star => bool_lit(true, span),
        ExprKind::Literal(Literal::String(s)) => {
            let (op, needle) = term_op(s, cs, span)?;
            let needle = e(ExprKind::Literal(Literal::String(needle)), span);
            any_column(schema, op, &needle, span)
        }
        ExprKind::Binary { op, lhs, rhs } => match (op, &lhs.kind) {
            (BinaryOp::And | BinaryOp::Or, _) => binary(
                *op,
                rewrite(lhs, schema, cs)?,
                rewrite(rhs, schema, cs)?,
                span,
            ),
            (BinaryOp::Str(s), ExprKind::Star) => any_column(schema, *s, rhs, span),
            (BinaryOp::Str(_), ExprKind::Name(col))
                if !schema.iter().any(|f| f.name == col.name) =>
            {
                bool_lit(false, span)
            }
            _ => p.clone(),
        },
        _ => p.clone(),
    })
}

fn case_sensitive(s: &Search) -> Result<bool, BindError> {
    match s.kind.as_ref().map(|k| k.name.as_str()) {
        None | Some("case_insensitive") => Ok(false),
        Some("case_sensitive") => Ok(true),
        Some(other) => Err(unsupported(
            &format!("search kind '{other}'"),
            s.predicate.span,
        )),
    }
}

impl Binder<'_> {
    /// `T | search Pred`.
    pub(crate) fn bind_search_op(
        &mut self,
        input: Plan,
        s: &Search,
        span: Span,
    ) -> Result<Plan, BindError> {
        if s.tables.is_some() {
            return Err(unsupported("'search in (...)' after a pipe", span));
        }
        let pred = rewrite(&s.predicate, &input.schema, case_sensitive(s)?)?;
        let predicate = self.bind_scalar(&pred, &input.schema)?;
        let predicate = self.bool_operand(predicate, "search")?;
        Ok(Plan {
            schema: input.schema.clone(),
            kind: PlanKind::Filter {
                input: Box::new(input),
                predicate,
            },
            span,
        })
    }

    /// `search [in (T1, T2*)] Pred`: the tables' union, named in `$table`, filtered.
    pub(crate) fn bind_search_source(&mut self, s: &Search, span: Span) -> Result<Plan, BindError> {
        let cs = case_sensitive(s)?;
        let names: Vec<Ident> = match &s.tables {
            Some(t) => t.clone(),
            None => self
                .engine
                .table_names()
                .map(|n| Ident::new(n, span))
                .collect(),
        };
        let mut legs = Vec::new();
        for name in &names {
            // Wildcards expand through `union`'s own matching (tables only).
            let leg_names: Vec<String> = if name.name.contains('*') {
                self.engine
                    .table_names()
                    .filter(|n| super::tabular::wildcard_match(&name.name, n))
                    .map(str::to_string)
                    .collect()
            } else {
                vec![name.name.clone()]
            };
            for n in leg_names {
                let table = e(ExprKind::Name(Ident::new(n.clone(), name.span)), name.span);
                let op = |kind| Operator { kind, span };
                legs.push(e(
                    ExprKind::Tabular(Box::new(TabularExpr {
                        source: Source {
                            kind: SourceKind::Expr(table),
                            span: name.span,
                        },
                        operators: vec![op(OperatorKind::As {
                            hints: Vec::new(),
                            name: Ident::new(n, name.span),
                        })],
                        span,
                    })),
                    span,
                ));
            }
        }
        if legs.is_empty() {
            return Err(unsupported("'search' with no tables to search", span));
        }
        let union = Union {
            kind: None,
            with_source: Some(Ident::new("$table", span)),
            is_fuzzy: None,
            legs,
        };
        // The legs' `as` names only label the `$table` values: they must not leak.
        let saved = self.scope.clone();
        let plan = self.bind_union(None, &union, span);
        self.scope = saved;
        let plan = plan?;
        // The predicate applies to the union (`search in (T1, T2) P` is
        // `union T1, T2 | where P`), so a column of only some tables is null in the others;
        // bare terms look at every column but `$table`.
        let searched: Vec<Field> = plan
            .schema
            .iter()
            .filter(|f| f.name != "$table")
            .cloned()
            .collect();
        let pred = rewrite(&s.predicate, &searched, cs)?;
        let predicate = self.bind_scalar(&pred, &plan.schema)?;
        let predicate = self.bool_operand(predicate, "search")?;
        Ok(Plan {
            schema: plan.schema.clone(),
            kind: PlanKind::Filter {
                input: Box::new(plan),
                predicate,
            },
            span,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use crate::output::format_golden;
    use crate::Engine;

    #[test]
    fn predicate_on_a_column_of_some_tables() {
        // q/search-operator.md: `search in (T1, T2) P` is `union T1, T2 | where P`, so a
        // column that only one table has can be compared (it is null in the other's rows).
        let q = "let A = datatable(k:string)['a1'];
            let B = datatable(k:string, r:string)['b1', 'south'];
            search in (A, B) r == 'south' or k == 'a1'";
        let out = Engine::new().run(q).unwrap();
        assert_eq!(
            format_golden(&out[0]),
            "$table:string\tk:string\tr:string\nA\ta1\t\nB\tb1\tsouth\n"
        );
    }
}
