//! Built-in scalar functions, one module per family. Each function is declared as data
//! ([`ScalarFunction`]) and implemented with the kernels in `kernel.rs`.

/// A `'static` [`Signature`] of these arguments.
macro_rules! sig {
    ($($arg:expr),* $(,)?) => {{
        const SIG: $crate::functions::Signature = $crate::functions::Signature::new(&[$($arg),*]);
        SIG
    }};
}

/// A `'static` variadic [`Signature`]: the last argument repeats up to `max` arguments.
macro_rules! var_sig {
    ($max:expr; $($arg:expr),* $(,)?) => {{
        const SIG: $crate::functions::Signature =
            $crate::functions::Signature::variadic(&[$($arg),*], $max);
        SIG
    }};
}

mod bitwise;
mod cmdline;
mod conditional;
mod conversion;
pub(crate) mod convert;
mod datetime;
mod datetime_format;
mod digest;
mod dynamic;
pub(crate) mod geoip;
mod hll;
mod ip;
mod json;
pub(crate) mod kernel;
mod math;
mod misc;
mod network;
mod regex;
mod series;
mod series_elementwise;
mod series_math;
mod set_json;
mod string;
mod text;
mod timezone;
mod user_agent;
mod window;
mod xml;

use super::{ReturnType, ScalarFunction, ScalarImpl, Signature};

/// Every built-in scalar function.
pub fn all() -> Vec<ScalarFunction> {
    let mut v = Vec::new();
    v.extend(bitwise::functions());
    v.extend(cmdline::functions());
    v.extend(conditional::functions());
    v.extend(conversion::functions());
    v.extend(datetime::functions());
    v.extend(digest::functions());
    v.extend(dynamic::functions());
    v.extend(geoip::functions());
    v.extend(hll::functions());
    v.extend(ip::functions());
    v.extend(json::functions());
    v.extend(math::functions());
    v.extend(misc::functions());
    v.extend(network::functions());
    v.extend(regex::functions());
    v.extend(series::functions());
    v.extend(set_json::functions());
    v.extend(timezone::functions());
    v.extend(user_agent::functions());
    v.extend(xml::functions());
    v.extend(string::functions());
    v.extend(text::functions());
    v.extend(window::functions());
    v
}

/// The scalar functions that return several columns, with their columns.
pub fn tuples() -> Vec<(&'static str, &'static [super::TupleColumn])> {
    series::tuples()
}

/// A non-volatile function without aliases.
fn def(
    name: &'static str,
    signature: Signature,
    returns: ReturnType,
    eval: ScalarImpl,
) -> ScalarFunction {
    ScalarFunction {
        name,
        aliases: &[],
        signature,
        returns,
        eval,
        volatile: false,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
pub(crate) mod testutil {
    //! Helpers for calling functions in unit tests.

    use crate::dynamic::Dynamic;
    use crate::error::EvalError;
    use crate::expr::ColumnarValue;
    use crate::functions::{EvalContext, ScalarFunction};
    use crate::table::{Column, StringColumn};
    use crate::value::Value;

    /// `now()` in tests: 2024-01-02T03:04:05Z.
    pub const NOW: i64 = 638_398_526_450_000_000;

    /// The function called `name` (or with that alias).
    pub fn lookup(name: &str) -> ScalarFunction {
        super::all()
            .into_iter()
            .find(|f| f.name == name || f.aliases.contains(&name))
            .unwrap_or_else(|| panic!("no function {name}"))
    }

    /// Calls `name` with `args`; rows = the longest column argument (1 if none).
    pub fn try_call(name: &str, args: Vec<ColumnarValue>) -> Result<ColumnarValue, EvalError> {
        let f = lookup(name);
        let sig = f.signature;
        assert!(
            args.len() >= sig.min_args() && args.len() <= sig.max_args,
            "{name}: {} args do not fit the signature",
            args.len()
        );
        let rows = args
            .iter()
            .filter_map(|a| match a {
                ColumnarValue::Column(c) => Some(c.len()),
                ColumnarValue::Scalar(_) => None,
            })
            .max()
            .unwrap_or(1);
        (f.eval)(&args, &EvalContext { now: NOW, rows })
    }

    /// Calls `name`, panicking on error.
    pub fn call(name: &str, args: Vec<ColumnarValue>) -> ColumnarValue {
        try_call(name, args).unwrap()
    }

    /// The scalar result of an all-scalar call.
    pub fn scalar(name: &str, args: Vec<ColumnarValue>) -> Value {
        match call(name, args) {
            ColumnarValue::Scalar(v) => v,
            ColumnarValue::Column(c) => panic!("{name}: expected a scalar, got {c:?}"),
        }
    }

    /// The column result of a call with column arguments.
    pub fn column(name: &str, args: Vec<ColumnarValue>) -> Vec<Value> {
        match call(name, args) {
            ColumnarValue::Column(c) => (0..c.len()).map(|i| c.get(i)).collect(),
            ColumnarValue::Scalar(v) => panic!("{name}: expected a column, got {v:?}"),
        }
    }

    pub fn s(x: &str) -> ColumnarValue {
        ColumnarValue::Scalar(Value::String(x.into()))
    }
    pub fn l(x: i64) -> ColumnarValue {
        ColumnarValue::Scalar(Value::Long(Some(x)))
    }
    pub fn lnull() -> ColumnarValue {
        ColumnarValue::Scalar(Value::Long(None))
    }
    pub fn i(x: i32) -> ColumnarValue {
        ColumnarValue::Scalar(Value::Int(Some(x)))
    }
    pub fn r(x: f64) -> ColumnarValue {
        ColumnarValue::Scalar(Value::Real(Some(x)))
    }
    pub fn b(x: bool) -> ColumnarValue {
        ColumnarValue::Scalar(Value::Bool(Some(x)))
    }
    pub fn bnull() -> ColumnarValue {
        ColumnarValue::Scalar(Value::Bool(None))
    }
    pub fn dt(ticks: i64) -> ColumnarValue {
        ColumnarValue::Scalar(Value::DateTime(Some(ticks)))
    }
    pub fn ts(ticks: i64) -> ColumnarValue {
        ColumnarValue::Scalar(Value::TimeSpan(Some(ticks)))
    }
    pub fn d(json: &str) -> ColumnarValue {
        ColumnarValue::Scalar(Value::Dynamic(Dynamic::parse_json(json).unwrap()))
    }
    pub fn dv(json: &str) -> Value {
        Value::Dynamic(Dynamic::parse_json(json).unwrap())
    }
    pub fn sv(x: &str) -> Value {
        Value::String(x.into())
    }
    pub fn lv(x: Option<i64>) -> Value {
        Value::Long(x)
    }
    pub fn rv(x: Option<f64>) -> Value {
        Value::Real(x)
    }
    pub fn bv(x: Option<bool>) -> Value {
        Value::Bool(x)
    }

    pub fn scol(xs: &[&str]) -> ColumnarValue {
        Column::String(StringColumn::from_strs(xs.iter().copied())).into()
    }
    pub fn lcol(xs: &[Option<i64>]) -> ColumnarValue {
        Column::Long(xs.to_vec()).into()
    }
    pub fn icol(xs: &[Option<i32>]) -> ColumnarValue {
        Column::Int(xs.to_vec()).into()
    }
    pub fn rcol(xs: &[Option<f64>]) -> ColumnarValue {
        Column::Real(xs.to_vec()).into()
    }
    pub fn bcol(xs: &[Option<bool>]) -> ColumnarValue {
        Column::Bool(xs.to_vec()).into()
    }
    pub fn dtcol(xs: &[Option<i64>]) -> ColumnarValue {
        Column::DateTime(xs.to_vec()).into()
    }
    pub fn tscol(xs: &[Option<i64>]) -> ColumnarValue {
        Column::TimeSpan(xs.to_vec()).into()
    }
    pub fn dcol(xs: &[&str]) -> ColumnarValue {
        Column::Dynamic(xs.iter().map(|j| Dynamic::parse_json(j).unwrap()).collect()).into()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn names_and_aliases_are_unique() {
        let mut seen = HashSet::new();
        for f in all() {
            assert!(seen.insert(f.name), "duplicate {}", f.name);
            for a in f.aliases {
                assert!(seen.insert(a), "duplicate alias {a}");
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod consistency_tests;
