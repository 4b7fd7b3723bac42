//! Vectorised evaluation of bound expressions.

mod arith;
mod columnar;
mod compare;
mod eval;
mod in_list;
pub mod kernel;
mod string_ops;

pub use columnar::ColumnarValue;
pub use compare::compare_values;
pub use eval::{evaluate, evaluate_constant, literal_value};
pub use string_ops::{MatchKind, TermMatcher};
