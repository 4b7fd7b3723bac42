//! Literal text formats shared by the parser and the evaluator's conversion functions
//! (`todatetime`, `totimespan`, `toguid`, ...), so there is one parser of each format.
//!
//! ```
//! use kql_parser::literal::{format_datetime_ticks, parse_datetime_text, parse_timespan_text};
//! let t = parse_datetime_text("2024-01-01 10:00:00.5").unwrap();
//! assert_eq!(format_datetime_ticks(t), "2024-01-01T10:00:00.5Z");
//! assert_eq!(parse_timespan_text("1.5h"), Some(54_000_000_000));
//! ```

mod datetime;
mod guid;
mod number;
mod string;
mod timespan;

pub use datetime::{
    format_datetime_ticks, parse_datetime_text, ticks_from_civil, MAX_DATETIME_TICKS,
};
pub use guid::{format_guid, parse_guid_text};
pub use number::{format_real, is_decimal_text, parse_long_text, parse_real_text, NumberError};
pub use string::{decode_string, quote_string, StringError};
pub use timespan::{format_timespan_ticks, parse_timespan_text};

pub use crate::lexer::words::{TICKS_PER_DAY, TICKS_PER_SECOND};
