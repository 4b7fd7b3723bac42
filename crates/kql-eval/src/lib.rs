//! Evaluator for the Kusto Query Language (KQL) over in-memory columnar tables.
#![warn(missing_docs)]

pub mod bind;
mod diagnostics;
pub mod dynamic;
mod engine;
pub mod error;
pub mod exec;
pub mod expr;
pub mod format;
pub mod functions;
mod interrupt;
pub mod io;
pub mod ip_ranges;
mod limits;
pub mod output;
pub mod regex_compat;
mod run;
mod stack;
pub mod table;
pub mod types;
pub mod value;

pub use diagnostics::render_error;
pub use dynamic::Dynamic;
pub use engine::{Engine, UnmappedExternalData};
pub use error::{BindError, BindErrorKind, Error, EvalError, EvalErrorKind};
pub use expr::ColumnarValue;
pub use functions::scalar::geoip::{GeoIpError, GeoIpTable};
pub use limits::{CancelFlag, Limits};
pub use table::{Column, Field, Schema, Table, Visualization};
pub use types::DataType;
pub use value::Value;
