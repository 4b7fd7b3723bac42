//! Printing `join`, `lookup`, `as`, `search`, `externaldata` and hints.

use super::{Printer, R};
use crate::ast::{Expr, ExprKind, Externaldata, Hint, Ident, Join, JoinCondition, Search};
use crate::prec::Prec;

impl Printer<'_, '_> {
    /// `hint.name=value ` for each hint (with a trailing space).
    fn hints(&mut self, hints: &[Hint]) -> R {
        for h in hints {
            self.s("hint.")?;
            self.name(&h.name.name)?;
            self.s("=")?;
            self.expr(&h.value, Prec::Lowest)?;
            self.s(" ")?;
        }
        Ok(())
    }

    /// `join kind=K hint.x=y R on a, $left.b == $right.c` (also `lookup`).
    pub(super) fn join(&mut self, word: &str, j: &Join) -> R {
        self.s(word)?;
        self.s(" ")?;
        if let Some(kind) = j.kind {
            self.s("kind=")?;
            self.s(kind.as_str())?;
            self.s(" ")?;
        }
        self.hints(&j.hints)?;
        self.join_right(&j.right)?;
        self.s(" on ")?;
        self.list(&j.on, ", ", |p, c| match c {
            // `$left` alone would start a `$left.a == $right.b` condition.
            JoinCondition::Column(id) if matches!(id.name.as_str(), "$left" | "$right") => {
                p.quoted_name(&id.name)
            }
            JoinCondition::Column(id) => p.name(&id.name),
            JoinCondition::Equal { left, right } => {
                p.s("$left.")?;
                p.name(&left.name)?;
                p.s(" == $right.")?;
                p.name(&right.name)
            }
        })
    }

    /// The right side: a name prints bare, anything else in parentheses.
    fn join_right(&mut self, right: &Expr) -> R {
        match &right.kind {
            ExprKind::Name(id) => self.name(&id.name),
            ExprKind::Tabular(_) => self.expr(right, Prec::Lowest),
            _ => {
                self.s("(")?;
                self.expr(right, Prec::Lowest)?;
                self.s(")")
            }
        }
    }

    /// `as hint.materialized=true Name`
    pub(super) fn as_op(&mut self, hints: &[Hint], name: &Ident) -> R {
        self.s("as ")?;
        self.hints(hints)?;
        self.name(&name.name)
    }

    /// `search kind=case_sensitive in (T1, T2*) predicate`
    pub(super) fn search(&mut self, x: &Search) -> R {
        self.s("search ")?;
        if let Some(kind) = &x.kind {
            self.s("kind=")?;
            self.name(&kind.name)?;
            self.s(" ")?;
        }
        if let Some(tables) = &x.tables {
            self.s("in (")?;
            self.list(tables, ", ", |p, t| p.wildcard_name(&t.name))?;
            self.s(") ")?;
        }
        self.expr(&x.predicate, Prec::Lowest)
    }

    /// `externaldata(a:string)["url"] with (format="csv")`
    pub(super) fn externaldata(&mut self, x: &Externaldata) -> R {
        self.s("externaldata(")?;
        self.column_decls(&x.columns)?;
        self.s(")[")?;
        self.list(&x.urls, ", ", |p, u| p.expr(u, Prec::Lowest))?;
        self.s("]")?;
        if !x.properties.is_empty() {
            self.s(" with (")?;
            self.list(&x.properties, ", ", |p, (name, value)| {
                p.name(&name.name)?;
                p.s("=")?;
                p.expr(value, Prec::Lowest)
            })?;
            self.s(")")?;
        }
        Ok(())
    }
}

/// `cluster(c).database(d)` is kept as `database(cluster(c), d)` (see the parser's
/// `cluster_database`) and printed back in its written form.
pub(super) fn is_cluster_database(func: &Ident, args: &[Expr]) -> bool {
    func.name == "database"
        && args.len() == 2
        && matches!(&args[0].kind, ExprKind::Call { func, args } if func.name == "cluster" && args.len() == 1)
}

impl Printer<'_, '_> {
    /// `cluster("c").database("d")`
    pub(super) fn cluster_database(&mut self, args: &[Expr]) -> R {
        if let [cluster, db] = args {
            self.expr(cluster, Prec::Lowest)?;
            self.s(".database(")?;
            self.expr(db, Prec::Lowest)?;
            self.s(")")?;
        }
        Ok(())
    }
}
