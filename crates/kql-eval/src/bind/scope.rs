//! Let-bound names visible at a point of the query.

use super::plan::{BoundExpr, Plan};
use kql_parser::ast::FunctionDef;
use std::rc::Rc;

/// A user-defined function with the names visible where it was defined.
#[derive(Debug)]
pub(crate) struct Closure {
    pub def: FunctionDef,
    pub scope: Scope,
}

/// What a let name stands for.
#[derive(Debug, Clone)]
pub(crate) enum Binding {
    Scalar(BoundExpr),
    Tabular(Plan),
    Function(Rc<Closure>),
}

impl Binding {
    pub fn function(def: FunctionDef, scope: Scope) -> Binding {
        Binding::Function(Rc::new(Closure { def, scope }))
    }
}

/// Let bindings in definition order; later ones shadow earlier ones.
#[derive(Debug, Clone, Default)]
pub(crate) struct Scope {
    bindings: Vec<(String, Binding)>,
}

impl Scope {
    pub fn push(&mut self, name: String, binding: Binding) {
        self.bindings.push((name, binding));
    }

    pub fn get(&self, name: &str) -> Option<&Binding> {
        self.bindings
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b)
    }

    pub fn tabular_names(&self) -> impl Iterator<Item = &str> {
        self.bindings
            .iter()
            .filter(|(_, b)| matches!(b, Binding::Tabular(_)))
            .map(|(n, _)| n.as_str())
    }

    pub fn scalar_names(&self) -> impl Iterator<Item = &str> {
        self.bindings
            .iter()
            .filter(|(_, b)| !matches!(b, Binding::Tabular(_)))
            .map(|(n, _)| n.as_str())
    }
}
