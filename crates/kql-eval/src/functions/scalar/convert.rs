//! Value conversions shared by the `to*()` functions and by kernels that need an argument
//! in another type: each returns `None` (null) when the conversion fails.
//! (q/tolong-function.md, q/toint-function.md, q/toreal-function.md, q/tobool-function.md,
//! q/todatetime-function.md, q/totimespan-function.md, q/tostring-function.md)

use super::kernel::{
    any, map1, str1, OBool, ODateTime, ODecimal, ODyn, OGuid, OInt, OLong, OReal, OTimeSpan, Src,
};
use crate::dynamic::Dynamic;
use crate::expr::ColumnarValue;
use crate::format::{format_datetime, format_guid, format_real, format_timespan, parse_guid};
use crate::functions::EvalContext;
use crate::types::DataType;
use rust_decimal::prelude::{FromPrimitive, ToPrimitive};
use rust_decimal::Decimal;
use std::fmt::Write;

/// `v` converted to `ty` with the `to*()` rules (`tostring` for strings; plain wrapping,
/// without JSON parsing, for dynamic).
pub(crate) fn cast(v: &ColumnarValue, ty: DataType) -> ColumnarValue {
    let rows = match v {
        ColumnarValue::Column(c) => c.len(),
        ColumnarValue::Scalar(_) => 1,
    };
    let ctx = EvalContext { now: 0, rows };
    let a = any(v);
    match ty {
        DataType::Bool => map1::<OBool, _>(&ctx, &a, to_bool),
        DataType::Int => map1::<OInt, _>(&ctx, &a, to_int),
        DataType::Long => map1::<OLong, _>(&ctx, &a, to_long),
        DataType::Real => map1::<OReal, _>(&ctx, &a, to_real),
        DataType::Decimal => map1::<ODecimal, _>(&ctx, &a, to_decimal),
        DataType::String => str1(&ctx, &a, write_text),
        DataType::DateTime => map1::<ODateTime, _>(&ctx, &a, to_datetime),
        DataType::TimeSpan => map1::<OTimeSpan, _>(&ctx, &a, to_timespan),
        DataType::Guid => map1::<OGuid, _>(&ctx, &a, to_guid),
        DataType::Dynamic => map1::<ODyn, _>(&ctx, &a, Src::to_dynamic),
    }
}

/// Appends `tostring(v)` to `out` (nothing for null).
pub(crate) fn write_text(out: &mut String, v: Src<'_>) {
    match v {
        Src::Bool(Some(b)) => out.push_str(if b { "true" } else { "false" }),
        Src::Int(Some(x)) => {
            let _ = write!(out, "{x}");
        }
        Src::Long(Some(x)) => {
            let _ = write!(out, "{x}");
        }
        Src::Real(Some(x)) => out.push_str(&format_real(x)),
        Src::Decimal(Some(x)) => {
            let _ = write!(out, "{x}");
        }
        Src::Str(s) => out.push_str(s),
        Src::DateTime(Some(t)) => out.push_str(&format_datetime(t)),
        Src::TimeSpan(Some(t)) => out.push_str(&format_timespan(t)),
        Src::Guid(Some(g)) => out.push_str(&format_guid(g)),
        Src::Dyn(Dynamic::String(s)) => out.push_str(s),
        Src::Dyn(d) => out.push_str(&d.to_kql_string()),
        _ => {}
    }
}

/// `tolong()`: integers as is, reals and decimals truncated, bools as 0/1, datetimes and
/// timespans as ticks, strings parsed (a fraction is truncated: q/toint-function.md).
pub(crate) fn to_long(v: Src<'_>) -> Option<i64> {
    match v {
        Src::Bool(b) => b.map(i64::from),
        Src::Int(x) => x.map(i64::from),
        Src::Long(x) | Src::DateTime(x) | Src::TimeSpan(x) => x,
        Src::Real(x) => x.and_then(real_to_long),
        Src::Decimal(x) => x.and_then(|d| d.trunc().to_i64()),
        Src::Str(s) => parse_long_text(s),
        Src::Guid(_) => None,
        Src::Dyn(d) => match d {
            Dynamic::Bool(b) => Some(i64::from(*b)),
            Dynamic::Long(x) | Dynamic::DateTime(x) | Dynamic::TimeSpan(x) => Some(*x),
            Dynamic::Real(r) => real_to_long(*r),
            Dynamic::String(s) => parse_long_text(s),
            _ => None,
        },
    }
}

/// A real truncated toward zero; `None` for NaN, infinities and values out of range.
pub(crate) fn real_to_long(r: f64) -> Option<i64> {
    let t = r.trunc();
    // 2^63 is exactly representable; every finite value below it fits.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&t) {
        Some(t as i64)
    } else {
        None
    }
}

fn parse_long_text(s: &str) -> Option<i64> {
    kql_parser::literal::parse_long_text(s)
        .ok()
        .or_else(|| parse_real_text(s).and_then(real_to_long))
}

/// `toint()`: [`to_long`], null when out of the 32-bit range.
pub(crate) fn to_int(v: Src<'_>) -> Option<i32> {
    to_long(v).and_then(|x| i32::try_from(x).ok())
}

/// `toreal()`: numbers widened, bools as 0/1, datetimes/timespans as ticks, strings parsed
/// (`"1e3"`, `"NaN"`, `"Infinity"` included).
pub(crate) fn to_real(v: Src<'_>) -> Option<f64> {
    match v {
        Src::Bool(b) => b.map(|b| if b { 1.0 } else { 0.0 }),
        Src::Int(x) => x.map(f64::from),
        Src::Long(x) | Src::DateTime(x) | Src::TimeSpan(x) => x.map(|x| x as f64),
        Src::Real(x) => x,
        Src::Decimal(x) => x.and_then(|d| d.to_f64()),
        Src::Str(s) => parse_real_text(s),
        Src::Guid(_) => None,
        Src::Dyn(d) => match d {
            Dynamic::Bool(b) => Some(if *b { 1.0 } else { 0.0 }),
            Dynamic::Long(x) | Dynamic::DateTime(x) | Dynamic::TimeSpan(x) => Some(*x as f64),
            Dynamic::Real(r) => Some(*r),
            Dynamic::String(s) => parse_real_text(s),
            _ => None,
        },
    }
}

fn parse_real_text(s: &str) -> Option<f64> {
    kql_parser::literal::parse_real_text(s).ok()
}

/// `todecimal()`.
pub(crate) fn to_decimal(v: Src<'_>) -> Option<Decimal> {
    match v {
        Src::Decimal(x) => x,
        Src::Int(x) => x.map(Decimal::from),
        Src::Long(x) => x.map(Decimal::from),
        Src::Str(s) => {
            let s = s.trim();
            s.parse::<Decimal>()
                .ok()
                .or_else(|| Decimal::from_scientific(s).ok())
        }
        Src::Dyn(Dynamic::Long(x)) => Some(Decimal::from(*x)),
        Src::Dyn(Dynamic::String(s)) => to_decimal(Src::Str(s)),
        other => to_real(other).and_then(Decimal::from_f64),
    }
}

/// `tobool()`: `"true"`/`"false"` (any case, also `"1"`/`"0"`), numbers are true when
/// not zero (q/tobool-function.md: `tobool(123) == true`).
pub(crate) fn to_bool(v: Src<'_>) -> Option<bool> {
    match v {
        Src::Bool(b) => b,
        Src::Int(x) => x.map(|x| x != 0),
        Src::Long(x) => x.map(|x| x != 0),
        Src::Real(x) => x.map(|x| x != 0.0),
        Src::Decimal(x) => x.map(|x| !x.is_zero()),
        Src::Str(s) => parse_bool_text(s),
        Src::DateTime(_) | Src::TimeSpan(_) | Src::Guid(_) => None,
        Src::Dyn(d) => match d {
            Dynamic::Bool(b) => Some(*b),
            Dynamic::Long(x) => Some(*x != 0),
            Dynamic::Real(x) => Some(*x != 0.0),
            Dynamic::String(s) => parse_bool_text(s),
            _ => None,
        },
    }
}

fn parse_bool_text(s: &str) -> Option<bool> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("true") || s == "1" {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") || s == "0" {
        Some(false)
    } else {
        None
    }
}

/// `todatetime()`: datetimes as is, strings parsed (ISO 8601, RFC 822/1123, RFC 850).
pub(crate) fn to_datetime(v: Src<'_>) -> Option<i64> {
    match v {
        Src::DateTime(x) => x,
        Src::Str(s) => parse_datetime_text(s),
        Src::Dyn(Dynamic::DateTime(t)) => Some(*t),
        Src::Dyn(Dynamic::String(s)) => parse_datetime_text(s),
        _ => None,
    }
}

/// `totimespan()`: timespans as is, integers as ticks, strings parsed
/// (`[-][d.]hh:mm[:ss[.fffffff]]` or a timespan literal such as `1.5h`).
pub(crate) fn to_timespan(v: Src<'_>) -> Option<i64> {
    match v {
        Src::TimeSpan(x) => x,
        Src::Long(x) => x,
        Src::Int(x) => x.map(i64::from),
        Src::Str(s) => parse_timespan_text(s),
        Src::Dyn(d) => match d {
            Dynamic::TimeSpan(t) | Dynamic::Long(t) => Some(*t),
            Dynamic::String(s) => parse_timespan_text(s),
            _ => None,
        },
        _ => None,
    }
}

/// `toguid()`.
pub(crate) fn to_guid(v: Src<'_>) -> Option<u128> {
    match v {
        Src::Guid(g) => g,
        Src::Str(s) => parse_guid(s),
        Src::Dyn(Dynamic::Guid(g)) => Some(*g),
        Src::Dyn(Dynamic::String(s)) => parse_guid(s),
        _ => None,
    }
}

/// `todynamic()`/`parse_json()`: a string holding valid JSON becomes that value, any other
/// string a dynamic string; `""` is null; other values are wrapped
/// (q/parse-json-function.md).
pub(crate) fn to_dynamic_parsed(v: Src<'_>) -> Dynamic {
    match v {
        Src::Str(s) => parse_json_or_string(s),
        other => other.to_dynamic(),
    }
}

/// JSON text as a dynamic value; invalid JSON gives the text as a dynamic string.
pub(crate) fn parse_json_or_string(s: &str) -> Dynamic {
    if s.trim().is_empty() {
        return Dynamic::Null;
    }
    Dynamic::parse_json(s).unwrap_or_else(|| Dynamic::String(s.to_string()))
}

/// Datetime and timespan text, shared with the parser's literals (ISO 8601, RFC 822/850;
/// `[-][d.]hh:mm[:ss[.f]]`, bare days, unit-suffixed numbers).
pub(crate) use kql_parser::literal::{parse_datetime_text, parse_timespan_text};

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::format::{TICKS_PER_DAY, TICKS_PER_SECOND, UNIX_EPOCH_TICKS};

    const HOUR: i64 = 3600 * TICKS_PER_SECOND;

    #[test]
    fn long_conversions() {
        // q/tolong-function.md: tolong("123") == 123; q/toint-function.md: toint(2.3) == 2
        assert_eq!(to_long(Src::Str("123")), Some(123));
        assert_eq!(to_long(Src::Real(Some(1.9))), Some(1));
        assert_eq!(to_long(Src::Real(Some(-1.9))), Some(-1));
        assert_eq!(to_long(Src::Str("abc")), None);
        assert_eq!(to_long(Src::Str("1.9")), Some(1));
        assert_eq!(to_long(Src::Str("0x1F")), Some(31));
        assert_eq!(to_long(Src::Str("-12")), Some(-12));
        assert_eq!(to_long(Src::Real(Some(f64::NAN))), None);
        assert_eq!(to_long(Src::Real(Some(1e300))), None);
        assert_eq!(to_int(Src::Long(Some(1 << 40))), None);
        assert_eq!(to_int(Src::Real(Some(2.3))), Some(2));
        assert_eq!(to_long(Src::Dyn(&Dynamic::Long(7))), Some(7));
        assert_eq!(to_long(Src::Bool(Some(true))), Some(1));
    }

    #[test]
    fn real_and_bool_conversions() {
        assert_eq!(to_real(Src::Str("1e3")), Some(1000.0));
        assert_eq!(to_real(Src::Str("")), None);
        assert!(to_real(Src::Str("NaN")).is_some_and(f64::is_nan));
        // q/tobool-function.md examples
        assert_eq!(to_bool(Src::Str("true")), Some(true));
        assert_eq!(to_bool(Src::Str("false")), Some(false));
        assert_eq!(to_bool(Src::Long(Some(1))), Some(true));
        assert_eq!(to_bool(Src::Long(Some(123))), Some(true));
        assert_eq!(to_bool(Src::Str("yes")), None);
    }

    #[test]
    fn datetime_text() {
        let day = |y: i64, m: u32, d: u32| {
            let date = chrono::NaiveDate::from_ymd_opt(y as i32, m, d).unwrap();
            (i64::from(chrono::Datelike::num_days_from_ce(&date)) - 1) * TICKS_PER_DAY
        };
        assert_eq!(parse_datetime_text("1970-01-01"), Some(UNIX_EPOCH_TICKS));
        assert_eq!(
            parse_datetime_text("2015-12-31 23:59:59.9"),
            Some(day(2015, 12, 31) + 23 * HOUR + 3599 * TICKS_PER_SECOND + 9_000_000)
        );
        assert_eq!(
            parse_datetime_text("2014-05-25T08:20:03.123456Z"),
            Some(day(2014, 5, 25) + 8 * HOUR + 1203 * TICKS_PER_SECOND + 1_234_560)
        );
        assert_eq!(
            parse_datetime_text("2014-05-25T08:20+02:00"),
            Some(day(2014, 5, 25) + 6 * HOUR + 20 * 60 * TICKS_PER_SECOND)
        );
        let expected = Some(day(2014, 11, 8) + 15 * HOUR + 302 * TICKS_PER_SECOND);
        assert_eq!(parse_datetime_text("Sat, 8 Nov 14 15:05:02 GMT"), expected);
        assert_eq!(
            parse_datetime_text("Saturday, 08-Nov-14 15:05:02 GMT"),
            expected
        );
        assert_eq!(parse_datetime_text("2014-11-08 15:05:02"), expected);
        assert_eq!(parse_datetime_text("2014-13-08"), None);
        assert_eq!(parse_datetime_text("nope"), None);
        assert_eq!(parse_datetime_text(""), None);
    }

    #[test]
    fn timespan_text() {
        // q/totimespan-function.md: totimespan("0.00:01:00") == time(1min)
        assert_eq!(
            parse_timespan_text("0.00:01:00"),
            Some(60 * TICKS_PER_SECOND)
        );
        assert_eq!(
            parse_timespan_text("00:03:00"),
            Some(180 * TICKS_PER_SECOND)
        );
        assert_eq!(
            parse_timespan_text("-1.02:00:00.5"),
            Some(-(TICKS_PER_DAY + 2 * HOUR + 5_000_000))
        );
        assert_eq!(
            parse_timespan_text("1.5h"),
            Some(90 * 60 * TICKS_PER_SECOND)
        );
        assert_eq!(parse_timespan_text("2"), Some(2 * TICKS_PER_DAY));
        assert_eq!(parse_timespan_text("100ms"), Some(1_000_000));
        assert_eq!(parse_timespan_text("abc"), None);
    }

    #[test]
    fn json_parsing() {
        assert_eq!(
            parse_json_or_string("[1]"),
            Dynamic::Array(vec![Dynamic::Long(1)])
        );
        assert_eq!(parse_json_or_string("{bad"), Dynamic::String("{bad".into()));
        assert_eq!(parse_json_or_string(""), Dynamic::Null);
    }
}
