//! The function library: scalar functions and aggregates, declared as data (name, aliases,
//! signature, result type, implementation) and looked up by the binder.

pub mod aggregate;
pub mod scalar;
mod signature;

pub use signature::{arg, opt, Arg, ArgType, ReturnType, Signature};

use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::table::Column;
use crate::types::DataType;
use std::collections::HashMap;
use std::sync::Arc;

/// What a scalar function sees besides its arguments.
#[derive(Debug, Clone, Copy)]
pub struct EvalContext {
    /// `now()` for this query, in ticks (read once per query).
    pub now: i64,
    /// Rows in the batch being evaluated (the length of column arguments; scalar-only
    /// calls still produce a scalar).
    pub rows: usize,
}

/// A scalar function's implementation: arguments already coerced to the declared types.
pub type ScalarImpl = fn(&[ColumnarValue], &EvalContext) -> Result<ColumnarValue, EvalError>;

/// A built-in scalar function.
#[derive(Debug, Clone)]
pub struct ScalarFunction {
    /// The name used in queries.
    pub name: &'static str,
    /// Other accepted names (`iif` for `iff`).
    pub aliases: &'static [&'static str],
    /// Declared arguments.
    pub signature: Signature,
    /// Result type.
    pub returns: ReturnType,
    /// The implementation.
    pub eval: ScalarImpl,
    /// True when repeated calls may differ (`rand`, `new_guid`): never constant-folded.
    pub volatile: bool,
}

/// One output column of a function that returns several (`series_fit_line` gives
/// `rsquare`, `slope`, ...): the name suffix and the type. Such a function returns one
/// dynamic array per row, an element per column, and the binder spreads it into columns
/// named `<function>_<argument>_<suffix>` unless the query names them
/// (`extend (r, s) = series_fit_line(y)`).
pub type TupleColumn = (&'static str, DataType);

/// How an aggregate names its output column when the query does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultName {
    /// `prefix_` then the first argument's column name if it is a plain column:
    /// `sum(x)` gives `sum_x`, `count()` gives `count_`.
    Prefix(&'static str),
    /// Always `prefix_`: `countif(x > 1)` gives `countif_`.
    PrefixOnly(&'static str),
    /// The first argument's column name itself: `take_any(x)` gives `x`, `arg_max(x, *)`
    /// gives `x` and the other columns.
    ArgName,
    /// `percentile(x, 95)` gives `percentile_x_95`.
    Percentile,
}

/// Per-group state of one aggregate over a whole `summarize`.
///
/// `update` receives the argument columns of a batch and, for each row, the group it
/// belongs to; `finish` yields one value per group, in group order.
pub trait GroupsAccumulator: Send {
    /// Folds a batch into the groups. `group_ids[i]` is row `i`'s group, `< num_groups`.
    fn update(
        &mut self,
        args: &[ColumnarValue],
        group_ids: &[u32],
        num_groups: usize,
    ) -> Result<(), EvalError>;

    /// One value per group (`num_groups` values), in group order.
    fn finish(&mut self, num_groups: usize) -> Result<Column, EvalError>;
}

/// Aggregates that return columns of one chosen row instead of a computed value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSelector {
    /// `arg_max(e, cols...)`: the row with the largest `e`.
    ArgMax,
    /// `arg_min(e, cols...)`: the row with the smallest `e`.
    ArgMin,
    /// `take_any(cols...)`: any row (the first non-null one for a single argument).
    TakeAny,
}

/// How an aggregate is computed.
#[derive(Debug, Clone, Copy)]
pub enum AggregateImpl {
    /// A [`GroupsAccumulator`] built for the coerced argument types.
    Accumulate(fn(&[DataType]) -> Box<dyn GroupsAccumulator>),
    /// Picks a row per group; the summarize executor gathers the requested columns.
    SelectRow(RowSelector),
}

/// A built-in aggregate function.
#[derive(Debug, Clone)]
pub struct AggregateFunction {
    /// The name used in queries.
    pub name: &'static str,
    /// Other accepted names (`makeset` for `make_set`).
    pub aliases: &'static [&'static str],
    /// Declared arguments.
    pub signature: Signature,
    /// Result type (for `SelectRow` aggregates: unused, the columns keep their types).
    pub returns: ReturnType,
    /// Default output column name.
    pub result_name: ResultName,
    /// The implementation.
    pub imp: AggregateImpl,
}

/// All functions a query can call.
#[derive(Debug, Clone, Default)]
pub struct FunctionRegistry {
    scalars: HashMap<&'static str, Arc<ScalarFunction>>,
    aggregates: HashMap<&'static str, Arc<AggregateFunction>>,
    tuples: HashMap<&'static str, &'static [TupleColumn]>,
}

impl FunctionRegistry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// The standard library.
    pub fn standard() -> Self {
        let mut r = Self::new();
        for f in scalar::all() {
            r.add_scalar(f);
        }
        for a in aggregate::all() {
            r.add_aggregate(a);
        }
        for (name, columns) in scalar::tuples() {
            r.tuples.insert(name, columns);
        }
        r
    }

    /// The output columns of the scalar function `name` when it returns several.
    pub fn tuple_columns(&self, name: &str) -> Option<&'static [TupleColumn]> {
        self.tuples.get(name).copied()
    }

    /// Adds (or replaces) a scalar function under its name and aliases.
    pub fn add_scalar(&mut self, f: ScalarFunction) {
        let f = Arc::new(f);
        self.scalars.insert(f.name, Arc::clone(&f));
        for a in f.aliases {
            self.scalars.insert(a, Arc::clone(&f));
        }
    }

    /// Adds (or replaces) an aggregate under its name and aliases.
    pub fn add_aggregate(&mut self, f: AggregateFunction) {
        let f = Arc::new(f);
        self.aggregates.insert(f.name, Arc::clone(&f));
        for a in f.aliases {
            self.aggregates.insert(a, Arc::clone(&f));
        }
    }

    /// The scalar function called `name`.
    pub fn scalar(&self, name: &str) -> Option<&Arc<ScalarFunction>> {
        self.scalars.get(name)
    }

    /// The aggregate called `name`.
    pub fn aggregate(&self, name: &str) -> Option<&Arc<AggregateFunction>> {
        self.aggregates.get(name)
    }

    /// Every name a query can call (scalars and aggregates, aliases included), sorted.
    pub fn names(&self) -> Vec<&'static str> {
        let mut v: Vec<_> = self
            .scalars
            .keys()
            .chain(self.aggregates.keys())
            .copied()
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}
