//! The bound, typed plan: what the executor runs. Every name is resolved to a column
//! index or a constant, every function to its implementation, every type is known.

use crate::functions::{AggregateFunction, RowSelector, ScalarFunction};
use crate::table::{Field, Table};
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::{ListOp, NullsOrder, SortOrder, StringOp};
use kql_parser::Span;
use std::sync::Arc;

/// A typed expression over the columns of one input table.
#[derive(Debug, Clone)]
pub struct BoundExpr {
    /// What it computes.
    pub kind: BoundExprKind,
    /// Its result type.
    pub ty: DataType,
    /// Where it came from in the query.
    pub span: Span,
}

/// Arithmetic operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArithOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Mod,
}

/// Comparison operators (operands already coerced to one type).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    NotEq,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

/// The kinds of bound expression.
#[derive(Debug, Clone)]
pub enum BoundExprKind {
    /// A constant.
    Literal(Value),
    /// Column `i` of the input table.
    Column(usize),
    /// `-x`
    Neg(Box<BoundExpr>),
    /// Arithmetic; `ty` says the result type, operands keep their own types.
    Arith {
        /// The operator.
        op: ArithOp,
        /// Left operand.
        lhs: Box<BoundExpr>,
        /// Right operand.
        rhs: Box<BoundExpr>,
    },
    /// Comparison of two operands of the same type.
    Compare {
        /// The operator.
        op: CmpOp,
        /// Left operand.
        lhs: Box<BoundExpr>,
        /// Right operand.
        rhs: Box<BoundExpr>,
    },
    /// `=~` / `!~` on strings.
    EqualsCi {
        /// True for `!~`.
        negated: bool,
        /// Left operand.
        lhs: Box<BoundExpr>,
        /// Right operand.
        rhs: Box<BoundExpr>,
    },
    /// `has`, `contains`, `startswith`, ... on strings.
    StringOp {
        /// The operator.
        op: StringOp,
        /// Haystack.
        lhs: Box<BoundExpr>,
        /// Needle.
        rhs: Box<BoundExpr>,
    },
    /// `matches regex`.
    MatchesRegex {
        /// Haystack.
        lhs: Box<BoundExpr>,
        /// Pattern.
        rhs: Box<BoundExpr>,
    },
    /// `a and b`
    And(Box<BoundExpr>, Box<BoundExpr>),
    /// `a or b`
    Or(Box<BoundExpr>, Box<BoundExpr>),
    /// `a and b and c ...`: a chain flattened so that a 20,000-term chain is one node, not
    /// 20,000 levels (binding, evaluation and drop stay iterative); also the predicate of
    /// merged `| where`s. Two or more operands.
    AndAll(Vec<BoundExpr>),
    /// `a or b or c ...`: a flattened chain (see [`BoundExprKind::AndAll`]).
    OrAny(Vec<BoundExpr>),
    /// `in`, `!in`, `in~`, `!in~`, `has_any`, `has_all` over a list of values (dynamic
    /// arrays in the list are flattened).
    InList {
        /// The operator.
        op: ListOp,
        /// The tested value (coerced to the list's element type).
        lhs: Box<BoundExpr>,
        /// The list.
        list: Vec<BoundExpr>,
    },
    /// `x between (lo .. hi)`; `negated` for `!between`.
    Between {
        /// True for `!between`.
        negated: bool,
        /// The tested value.
        lhs: Box<BoundExpr>,
        /// Lower bound.
        low: Box<BoundExpr>,
        /// Upper bound (already `low + hi` when written as a timespan after a datetime).
        high: Box<BoundExpr>,
    },
    /// A scalar function call.
    Call {
        /// The function.
        func: Arc<ScalarFunction>,
        /// Arguments, coerced to the declared types.
        args: Vec<BoundExpr>,
    },
    /// `d.key` / `d['key']` on a dynamic value.
    Member {
        /// The dynamic value.
        target: Box<BoundExpr>,
        /// The key.
        key: String,
    },
    /// `d[i]` / `d[expr]` on a dynamic value.
    Index {
        /// The dynamic value.
        target: Box<BoundExpr>,
        /// Index (long) or key (string).
        index: Box<BoundExpr>,
    },
    /// `geo_info_from_ip_address(ip)` with the engine's geolocation table, resolved while
    /// binding (q/geo-info-from-ip-address-function.md; functions/scalar/geoip.rs).
    GeoInfo {
        /// The engine's table; `None` when it has none.
        table: Option<Arc<crate::functions::scalar::geoip::GeoIpTable>>,
        /// The address (string).
        ip: Box<BoundExpr>,
    },
}

impl BoundExpr {
    /// A constant expression.
    pub fn literal(value: Value, span: Span) -> BoundExpr {
        BoundExpr {
            ty: value.data_type(),
            kind: BoundExprKind::Literal(value),
            span,
        }
    }

    /// True when the expression reads no column (so it can be evaluated once).
    pub fn is_constant(&self) -> bool {
        match &self.kind {
            BoundExprKind::Literal(_) => true,
            BoundExprKind::Column(_) => false,
            BoundExprKind::Neg(e) => e.is_constant(),
            BoundExprKind::Arith { lhs, rhs, .. }
            | BoundExprKind::Compare { lhs, rhs, .. }
            | BoundExprKind::EqualsCi { lhs, rhs, .. }
            | BoundExprKind::StringOp { lhs, rhs, .. }
            | BoundExprKind::MatchesRegex { lhs, rhs } => lhs.is_constant() && rhs.is_constant(),
            BoundExprKind::And(a, b) | BoundExprKind::Or(a, b) => {
                a.is_constant() && b.is_constant()
            }
            BoundExprKind::AndAll(xs) | BoundExprKind::OrAny(xs) => {
                xs.iter().all(BoundExpr::is_constant)
            }
            BoundExprKind::InList { lhs, list, .. } => {
                lhs.is_constant() && list.iter().all(BoundExpr::is_constant)
            }
            BoundExprKind::Between { lhs, low, high, .. } => {
                lhs.is_constant() && low.is_constant() && high.is_constant()
            }
            BoundExprKind::Call { func, args } => {
                !func.volatile && args.iter().all(BoundExpr::is_constant)
            }
            BoundExprKind::Member { target, .. } => target.is_constant(),
            BoundExprKind::GeoInfo { ip, .. } => ip.is_constant(),
            BoundExprKind::Index { target, index } => target.is_constant() && index.is_constant(),
        }
    }

    /// The column this expression reads directly, if it is a bare column reference.
    pub fn as_column(&self) -> Option<usize> {
        match self.kind {
            BoundExprKind::Column(i) => Some(i),
            _ => None,
        }
    }
}

/// One aggregate of a `summarize`.
#[derive(Debug, Clone)]
pub struct BoundAggregate {
    /// The aggregate function.
    pub func: Arc<AggregateFunction>,
    /// Arguments (for row selectors: the ordering expression first, then the returned
    /// columns).
    pub args: Vec<BoundExpr>,
    /// Output fields: one for accumulators, several for row selectors.
    pub outputs: Vec<Field>,
    /// For row selectors, which selector.
    pub selector: Option<RowSelector>,
}

/// One sort key.
#[derive(Debug, Clone)]
pub struct BoundSortKey {
    /// The sorted expression.
    pub expr: BoundExpr,
    /// Direction.
    pub order: SortOrder,
    /// Null placement.
    pub nulls: NullsOrder,
}

/// A plan node: a tabular computation with a known output schema.
#[derive(Debug, Clone)]
pub struct Plan {
    /// What it computes.
    pub kind: PlanKind,
    /// Its output columns.
    pub schema: Vec<Field>,
    /// Where it came from (for errors at run time).
    pub span: Span,
}

/// The kinds of plan node.
#[derive(Debug, Clone)]
pub enum PlanKind {
    /// A stored or constant table (catalog table, `datatable`).
    Table(Arc<Table>),
    /// One row, no columns: the input of `print`.
    SingleRow,
    /// `range`.
    Range {
        /// First value.
        from: Value,
        /// Last value (inclusive).
        to: Value,
        /// Increment.
        step: Value,
    },
    /// `where`.
    Filter {
        /// Input.
        input: Box<Plan>,
        /// Predicate (bool).
        predicate: BoundExpr,
    },
    /// `project`, `extend`, `project-away`, `project-rename`: one expression per output
    /// column.
    Project {
        /// Input.
        input: Box<Plan>,
        /// One expression per output field.
        exprs: Vec<BoundExpr>,
    },
    /// `summarize` (and `distinct`).
    Summarize {
        /// Input.
        input: Box<Plan>,
        /// Group keys.
        keys: Vec<BoundExpr>,
        /// Aggregates.
        aggregates: Vec<BoundAggregate>,
    },
    /// `sort`.
    Sort {
        /// Input.
        input: Box<Plan>,
        /// Keys, most significant first.
        keys: Vec<BoundSortKey>,
    },
    /// `take`.
    Take {
        /// Input.
        input: Box<Plan>,
        /// Row count.
        count: usize,
    },
    /// `top`.
    Top {
        /// Input.
        input: Box<Plan>,
        /// Row count.
        count: usize,
        /// Ordering key.
        key: BoundSortKey,
    },
    /// `count`.
    Count {
        /// Input.
        input: Box<Plan>,
    },
    /// `union`: for each input, the input column feeding each output column (or `None`
    /// for a null column).
    Union {
        /// Inputs, with their column mapping.
        inputs: Vec<(Plan, Vec<Option<usize>>)>,
        /// `withsource` values: the leg names, when requested.
        source_names: Option<Vec<String>>,
    },
    /// `mv-expand`, `mv-apply`, `parse`, `parse-kv`, `serialize`, `sample`, `make-series`
    /// and the mv-apply subtable (bind/ops).
    Ext(super::ops::ExtPlan),
    /// `join` / `lookup` (bind/join.rs, exec/join.rs).
    Join(Box<super::join::JoinPlan>),
}

impl Plan {
    /// Calls `f` on each direct input of this node. Returns `false` for node kinds whose
    /// inputs it does not know, so callers can stay conservative.
    pub fn for_each_input(&self, mut f: impl FnMut(&Plan)) -> bool {
        match &self.kind {
            PlanKind::Table(_) | PlanKind::SingleRow | PlanKind::Range { .. } => true,
            PlanKind::Filter { input, .. }
            | PlanKind::Project { input, .. }
            | PlanKind::Summarize { input, .. }
            | PlanKind::Sort { input, .. }
            | PlanKind::Take { input, .. }
            | PlanKind::Top { input, .. }
            | PlanKind::Count { input } => {
                f(input);
                true
            }
            PlanKind::Union { inputs, .. } => {
                inputs.iter().for_each(|(p, _)| f(p));
                true
            }
            PlanKind::Join(j) => {
                f(&j.left);
                f(&j.right);
                true
            }
            PlanKind::Ext(x) => {
                x.for_each_input(&mut f);
                true
            }
            #[allow(unreachable_patterns)]
            _ => false,
        }
    }
}
