//! The abstract syntax tree. Every node carries a [`Span`]; `Display` prints canonical KQL
//! (see `display.rs`), and parsing the printed text gives back an equal tree (spans aside).

mod display;
mod drop;
mod expand_parse;
mod expr;
mod operator;
mod ops;
mod types;
pub mod visit;

pub use expand_parse::*;
pub use expr::*;
pub use operator::*;
pub use ops::*;
pub use types::TypeName;

use crate::Span;

/// A name with its span. Quoted names (`['my col']`) hold the unquoted text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Ident {
    /// The name's text, without quotes.
    pub name: String,
    /// Where it is.
    pub span: Span,
}

impl Ident {
    /// A name with a span.
    pub fn new(name: impl Into<String>, span: Span) -> Self {
        Ident {
            name: name.into(),
            span,
        }
    }
}

/// A whole query: statements separated by `;`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Query {
    /// The statements in order.
    pub statements: Vec<Statement>,
    /// The whole text.
    pub span: Span,
}

/// One statement.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Statement {
    /// What the statement is.
    pub kind: StatementKind,
    /// Where it is.
    pub span: Span,
}

/// The kinds of statement.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum StatementKind {
    /// `let name = value;`
    Let(Let),
    /// An expression statement: a tabular expression at top level (`T | where x`), or the
    /// final scalar expression of a function body.
    Expr(Expr),
    /// `set option = value;` (request properties; kept, not interpreted by the parser)
    Set {
        /// The option name.
        name: Ident,
        /// The value, if given.
        value: Option<Expr>,
    },
    /// `declare query_parameters(name:type [= default], ...);`
    DeclareQueryParameters(Vec<Param>),
}

/// `let name = value`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Let {
    /// The bound name.
    pub name: Ident,
    /// What it is bound to.
    pub value: LetValue,
}

/// The right-hand side of a `let`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum LetValue {
    /// `let x = 5;`, `let T = Events | where ...;`, `let T = Events;` (scalar or tabular:
    /// the binder decides from what the expression refers to).
    Expr(Expr),
    /// `let f = (a:long, b:string = "x") { ... };`
    Function(FunctionDef),
    /// `let V = view () { ... };`: a parameterless function that wildcard `union` and
    /// `search` also see.
    View(FunctionDef),
}

/// A user-defined function: `(params) { statements; result }`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct FunctionDef {
    /// Parameters in order (tabular parameters first).
    pub params: Vec<Param>,
    /// The body: zero or more `let` statements, then the result expression statement.
    pub body: Vec<Statement>,
    /// Where the definition is (from `(` to `}`).
    pub span: Span,
}

/// A function parameter: `a:long`, `b:string = "x"`, `T:(x:long)`, `T:(*)`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Param {
    /// The parameter name.
    pub name: Ident,
    /// Its declared type.
    pub ty: ParamType,
    /// Default value, if any.
    pub default: Option<Expr>,
}

/// A parameter's declared type.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum ParamType {
    /// `a:long`
    Scalar(TypeName),
    /// `T:(x:long, y:string)`; `T:(*)` is `Tabular(None)`.
    Tabular(Option<Vec<ColumnDecl>>),
}

/// `Name:type` in `datatable(...)` and tabular parameter schemas.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct ColumnDecl {
    /// The column name.
    pub name: Ident,
    /// The column type.
    pub ty: TypeName,
}

/// A tabular expression: a source followed by `| operator` steps.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct TabularExpr {
    /// Where the rows come from.
    pub source: Source,
    /// The piped operators in order.
    pub operators: Vec<Operator>,
    /// Where it is.
    pub span: Span,
}

/// The first element of a tabular expression.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Source {
    /// What the source is.
    pub kind: SourceKind,
    /// Where it is.
    pub span: Span,
}

/// The kinds of tabular source.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[allow(clippy::large_enum_variant)] // one source per pipeline: size does not matter
pub enum SourceKind {
    /// A table or let name (`DeviceNetworkEvents`), a function call (`f(1)`), or a
    /// parenthesized tabular expression (`(T | take 1)` as [`ExprKind::Tabular`]).
    Expr(Expr),
    /// `datatable(a:long, b:string) [1, "x", 2, "y"]`
    Datatable(Datatable),
    /// `print x = 1, 'a'`
    Print(Vec<NamedExpr>),
    /// `range x from 1 to 10 step 1`
    Range(Range),
    /// `union T1, (T2 | where x)`
    Union(Union),
    /// `externaldata (a:string) ["https://..."] with (format="csv")`
    Externaldata(Externaldata),
    /// `search "x"`, `search in (T) Col:"x"`
    Search(Search),
}

/// `datatable(Col:type, ...) [ values ]`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Datatable {
    /// The declared columns.
    pub columns: Vec<ColumnDecl>,
    /// The values, row-major.
    pub values: Vec<Expr>,
}

/// `range Column from start to stop step step`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Range {
    /// The output column.
    pub column: Ident,
    /// First value.
    pub from: Expr,
    /// Last value (inclusive when hit exactly).
    pub to: Expr,
    /// Increment.
    pub step: Expr,
}

/// An expression with optional output names: `x`, `Name = x`, `(a, b) = f(x)`.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct NamedExpr {
    /// Output names: empty when unnamed, one for `Name = x`, several for `(a, b) = f(x)`.
    pub names: Vec<Ident>,
    /// The expression.
    pub expr: Expr,
    /// Where the whole item is.
    pub span: Span,
}
