//! Declared function signatures: argument types the binder checks (and coerces to) before
//! a function runs, and how the result type follows from the argument types.

use crate::types::DataType;
use crate::value::Value;

/// What an argument accepts. The binder inserts the conversion noted on each variant, so a
/// function's `eval` only ever sees the types listed here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgType {
    /// Any type, passed as is.
    Any,
    /// Any type but `dynamic` (a dynamic argument is passed as is too; functions decide).
    Scalar,
    /// Exactly this type (`int` widens to `long`, `long`/`int` to `real` when asked for).
    Exact(DataType),
    /// `string`; a `dynamic` argument is converted with `tostring()`.
    String,
    /// `int` or `long`, converted to `long`; `dynamic` is converted with `tolong()`.
    Long,
    /// Any number, converted to `real`; `dynamic` is converted with `toreal()`.
    Real,
    /// `int`, `long`, `real` or `decimal`, passed as is.
    Numeric,
    /// `bool`; `dynamic` converted with `tobool()`.
    Bool,
    /// `datetime`; `dynamic` converted with `todatetime()`.
    DateTime,
    /// `timespan`; `dynamic` converted with `totimespan()`.
    TimeSpan,
    /// Anything, converted to `dynamic`.
    Dynamic,
    /// One of these types, passed as is.
    OneOf(&'static [DataType]),
    /// `typeof(T)`: passed as a `string` scalar holding the type name.
    Type,
}

impl ArgType {
    /// A short description for error messages ("string", "a number", ...).
    pub fn describe(&self) -> String {
        match self {
            ArgType::Any => "any value".into(),
            ArgType::Scalar => "a scalar".into(),
            ArgType::Exact(t) => t.as_str().into(),
            ArgType::String => "string".into(),
            ArgType::Long => "int or long".into(),
            ArgType::Real | ArgType::Numeric => "a number".into(),
            ArgType::Bool => "bool".into(),
            ArgType::DateTime => "datetime".into(),
            ArgType::TimeSpan => "timespan".into(),
            ArgType::Dynamic => "dynamic".into(),
            ArgType::OneOf(ts) => ts
                .iter()
                .map(|t| t.as_str())
                .collect::<Vec<_>>()
                .join(" or "),
            ArgType::Type => "typeof(type)".into(),
        }
    }
}

/// One declared argument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arg {
    /// Name (for messages and `kql functions`).
    pub name: &'static str,
    /// Accepted type.
    pub ty: ArgType,
    /// Whether it may be left out (only trailing arguments).
    pub optional: bool,
}

/// A required argument.
pub const fn arg(name: &'static str, ty: ArgType) -> Arg {
    Arg {
        name,
        ty,
        optional: false,
    }
}

/// An optional argument.
pub const fn opt(name: &'static str, ty: ArgType) -> Arg {
    Arg {
        name,
        ty,
        optional: true,
    }
}

/// A function's arguments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// Declared arguments in order.
    pub args: &'static [Arg],
    /// When true, the last declared argument may repeat (up to `max_args`).
    pub variadic: bool,
    /// Upper bound on arguments for variadic functions (e.g. 64 for `strcat`).
    pub max_args: usize,
}

impl Signature {
    /// Exactly these arguments (trailing ones may be optional).
    pub const fn new(args: &'static [Arg]) -> Self {
        Signature {
            args,
            variadic: false,
            max_args: args.len(),
        }
    }

    /// These arguments, the last one repeating up to `max_args` in total.
    pub const fn variadic(args: &'static [Arg], max_args: usize) -> Self {
        Signature {
            args,
            variadic: true,
            max_args,
        }
    }

    /// Fewest arguments accepted.
    pub fn min_args(&self) -> usize {
        self.args.iter().filter(|a| !a.optional).count()
    }

    /// The declared argument that position `i` (0-based) matches.
    pub fn arg_at(&self, i: usize) -> Option<&Arg> {
        match self.args.get(i) {
            Some(a) => Some(a),
            None if self.variadic && i < self.max_args => self.args.last(),
            None => None,
        }
    }

    /// "1", "2 to 3", "at least 1": for argument-count errors.
    pub fn describe_count(&self) -> String {
        let (min, max) = (self.min_args(), self.max_args);
        if min == max {
            min.to_string()
        } else {
            format!("{min} to {max}")
        }
    }
}

/// How a function's result type follows from its (coerced) argument types.
#[derive(Debug, Clone, Copy)]
pub enum ReturnType {
    /// Always this type.
    Fixed(DataType),
    /// The type of argument `i` (0-based).
    SameAsArg(usize),
    /// Computed from the argument types and constant argument values (`typeof(int)`
    /// arrives as a constant `string` holding the type name).
    Custom(fn(&[DataType], &[Option<Value>]) -> DataType),
}

impl ReturnType {
    /// The result type for these argument types and constant values (`None` where an
    /// argument is not a constant).
    pub fn resolve(&self, args: &[DataType], constants: &[Option<Value>]) -> DataType {
        match self {
            ReturnType::Fixed(t) => *t,
            ReturnType::SameAsArg(i) => args.get(*i).copied().unwrap_or(DataType::Dynamic),
            ReturnType::Custom(f) => f(args, constants),
        }
    }
}
