//! Error types of the evaluator: binding (names, types), evaluation (limits, bad values),
//! loading data, plus [`Error`] wrapping all stages. Messages never hold positions: the
//! renderer ([`crate::render_error`]) adds them from the span.

use crate::types::DataType;
use kql_parser::{ParseError, Span};

/// An error found while binding a query (before any row is touched).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{kind}")]
pub struct BindError {
    /// What went wrong.
    pub kind: BindErrorKind,
    /// Where.
    pub span: Span,
    /// A suggestion, e.g. "did you mean 'RemoteUrl'?".
    pub hint: Option<String>,
}

impl BindError {
    /// An error without a hint.
    pub fn new(kind: BindErrorKind, span: Span) -> Self {
        BindError {
            kind,
            span,
            hint: None,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The kinds of bind error, each with a stable code (`KQL2xxx`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum BindErrorKind {
    /// `Nope | take 1` with no table `Nope`.
    #[error("unknown table '{name}'")]
    UnknownTable {
        /// The name.
        name: String,
    },
    /// `T | where Nope > 1` with no column `Nope`.
    #[error("unknown column or name '{name}'")]
    UnknownColumn {
        /// The name.
        name: String,
    },
    /// `print nope(1)`.
    #[error("unknown function '{name}'")]
    UnknownFunction {
        /// The name.
        name: String,
    },
    /// `T | join (U) on x` (not implemented yet).
    #[error("{what} is not supported yet")]
    Unsupported {
        /// What is not supported, e.g. "operator 'join'".
        what: String,
    },
    /// `print strlen()`.
    #[error("function '{func}' expects {expected} argument(s) but got {found}")]
    ArgumentCount {
        /// The function.
        func: String,
        /// Expected count, e.g. "1" or "2 to 3".
        expected: String,
        /// Given count.
        found: usize,
    },
    /// `print strlen(1)`.
    #[error("argument {position} of '{func}' must be {expected}, but it is {found}")]
    ArgumentType {
        /// The function.
        func: String,
        /// 1-based argument position.
        position: usize,
        /// What was expected, e.g. "string".
        expected: String,
        /// What was given.
        found: DataType,
    },
    /// `print 1 + 'a'`.
    #[error("operator '{op}' cannot be applied to {left} and {right}")]
    TypeMismatch {
        /// The operator.
        op: String,
        /// Left operand type.
        left: DataType,
        /// Right operand type.
        right: DataType,
    },
    /// `print -'a'`, `T | where 'a'`.
    #[error("{what} must be {expected}, but it is {found}")]
    WrongType {
        /// What has the wrong type, e.g. "the where predicate".
        what: String,
        /// Expected type(s).
        expected: String,
        /// Actual type.
        found: DataType,
    },
    /// A scalar where a table was needed (`let x = 1; x | take 1`).
    #[error("'{name}' is a scalar, but a table is needed here")]
    ExpectedTabular {
        /// The name or expression text.
        name: String,
    },
    /// A table where a scalar was needed (`print T`).
    #[error("a tabular expression cannot be used as a scalar here")]
    ExpectedScalar,
    /// `summarize count() by x, x`-style clashes that cannot be resolved.
    #[error("column '{name}' is defined more than once")]
    DuplicateColumn {
        /// The name.
        name: String,
    },
    /// An argument that must be a constant is not (`take x`, `range ... step x`).
    #[error("{what} must be a constant")]
    NotConstant {
        /// What must be constant.
        what: String,
    },
    /// An aggregate outside `summarize`, or a non-aggregate where one is needed.
    #[error("{message}")]
    Aggregate {
        /// The explanation.
        message: String,
    },
    /// A constant whose value is invalid (`datatable` with a ragged value list, a bad
    /// regex literal, ...).
    #[error("{message}")]
    InvalidValue {
        /// The explanation.
        message: String,
    },
    /// Nesting too deep to bind safely.
    #[error("the query nests too deeply (limit {limit})")]
    TooDeep {
        /// The nesting limit.
        limit: usize,
    },
}

impl BindErrorKind {
    /// The stable error code.
    pub fn code(&self) -> &'static str {
        match self {
            BindErrorKind::UnknownTable { .. } => "KQL2001",
            BindErrorKind::UnknownColumn { .. } => "KQL2002",
            BindErrorKind::UnknownFunction { .. } => "KQL2003",
            BindErrorKind::Unsupported { .. } => "KQL2004",
            BindErrorKind::ArgumentCount { .. } => "KQL2005",
            BindErrorKind::ArgumentType { .. } => "KQL2006",
            BindErrorKind::TypeMismatch { .. } => "KQL2007",
            BindErrorKind::WrongType { .. } => "KQL2008",
            BindErrorKind::ExpectedTabular { .. } => "KQL2009",
            BindErrorKind::ExpectedScalar => "KQL2010",
            BindErrorKind::DuplicateColumn { .. } => "KQL2011",
            BindErrorKind::NotConstant { .. } => "KQL2012",
            BindErrorKind::Aggregate { .. } => "KQL2013",
            BindErrorKind::InvalidValue { .. } => "KQL2014",
            BindErrorKind::TooDeep { .. } => "KQL2015",
        }
    }
}

/// An error while running a bound query.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{kind}")]
pub struct EvalError {
    /// What went wrong.
    pub kind: EvalErrorKind,
    /// Where in the query, when known.
    pub span: Option<Span>,
}

impl EvalError {
    /// An error without a position.
    pub fn new(kind: EvalErrorKind) -> Self {
        EvalError { kind, span: None }
    }

    /// Attaches a span if none is set yet.
    pub fn at(mut self, span: Span) -> Self {
        self.span.get_or_insert(span);
        self
    }

    /// An error for a function given an invalid argument value.
    pub fn invalid_argument(func: &str, message: impl Into<String>) -> Self {
        EvalError::new(EvalErrorKind::InvalidArgument {
            func: func.to_string(),
            message: message.into(),
        })
    }

    /// An internal error: a bug in this library, not in the query.
    pub fn internal(message: impl Into<String>) -> Self {
        EvalError::new(EvalErrorKind::Internal(message.into()))
    }
}

/// The kinds of evaluation error, each with a stable code (`KQL3xxx`).
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EvalErrorKind {
    /// A result or intermediate table grew past `Limits::max_rows`.
    #[error("a result would have more than {limit} rows (row limit)")]
    RowLimit {
        /// The limit.
        limit: usize,
    },
    /// Memory use grew past `Limits::max_memory_bytes`.
    #[error("the query needs more than {limit} bytes of memory (memory limit)")]
    MemoryLimit {
        /// The limit.
        limit: usize,
    },
    /// The deadline passed.
    #[error("the query ran past its deadline")]
    Deadline,
    /// Cancelled from another thread.
    #[error("the query was cancelled")]
    Cancelled,
    /// A regular expression that does not compile.
    #[error("invalid regular expression: {message}")]
    InvalidRegex {
        /// The regex engine's message.
        message: String,
    },
    /// A function got an argument value it cannot use.
    #[error("invalid argument to '{func}': {message}")]
    InvalidArgument {
        /// The function.
        func: String,
        /// The explanation.
        message: String,
    },
    /// `geo_info_from_ip_address` got an address, but the engine has no IP geolocation
    /// table (`Engine::set_geoip`; `--geoip PATH` in the CLI).
    #[error("geo_info_from_ip_address needs an IP geolocation table: load one with --geoip PATH (kql run, bench, test) or Engine::set_geoip")]
    NoGeoIpTable,
    /// A bug in this library.
    #[error("internal error: {0}")]
    Internal(String),
}

impl EvalErrorKind {
    /// The stable error code.
    pub fn code(&self) -> &'static str {
        match self {
            EvalErrorKind::RowLimit { .. } => "KQL3001",
            EvalErrorKind::MemoryLimit { .. } => "KQL3002",
            EvalErrorKind::Deadline => "KQL3003",
            EvalErrorKind::Cancelled => "KQL3004",
            EvalErrorKind::InvalidRegex { .. } => "KQL3005",
            EvalErrorKind::InvalidArgument { .. } => "KQL3006",
            EvalErrorKind::NoGeoIpTable => "KQL3007",
            EvalErrorKind::Internal(_) => "KQL3999",
        }
    }
}

/// Any error from parsing, binding or running a query.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum Error {
    /// The text is not valid KQL.
    #[error(transparent)]
    Parse(#[from] ParseError),
    /// Names or types do not resolve.
    #[error(transparent)]
    Bind(#[from] BindError),
    /// Running the query failed.
    #[error(transparent)]
    Eval(#[from] EvalError),
}

impl Error {
    /// The stable code: `KQL1xxx` parse, `KQL2xxx` bind, `KQL3xxx` eval.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Parse(e) => e.code(),
            Error::Bind(e) => e.kind.code(),
            Error::Eval(e) => e.kind.code(),
        }
    }

    /// Where in the query text the error is, when known.
    pub fn span(&self) -> Option<Span> {
        match self {
            Error::Parse(e) => Some(e.span),
            Error::Bind(e) => Some(e.span),
            Error::Eval(e) => e.span,
        }
    }

    /// A hint to show under the caret, when there is one.
    pub fn hint(&self) -> Option<&str> {
        match self {
            Error::Bind(e) => e.hint.as_deref(),
            _ => None,
        }
    }
}
