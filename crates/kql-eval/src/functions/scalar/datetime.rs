//! Date and time functions: `now`, `ago`, `startof*`/`endof*`, `datetime_add`,
//! `datetime_diff`, `datetime_part`, calendar parts, `make_datetime`, `make_timespan`,
//! `unixtime_*_todatetime`. Datetimes are 100 ns ticks since 0001-01-01 (UTC); weeks start
//! on Sunday (q/startofweek-function.md).

use super::datetime_format::{format_datetime_with, format_timespan_with};
use super::def;
use super::kernel::{
    any, arg, f64s, i64s, map1, map2, map3, str2, strs, ODateTime, OInt, OLong, OTimeSpan, Prim,
    Src, Strs, View,
};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::format::{MAX_DATETIME_TICKS, TICKS_PER_DAY, TICKS_PER_SECOND, UNIX_EPOCH_TICKS};
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;
use crate::value::Value;
use chrono::{Datelike, NaiveDate};

const TICKS_PER_HOUR: i64 = 3600 * TICKS_PER_SECOND;
const TICKS_PER_MINUTE: i64 = 60 * TICKS_PER_SECOND;

const DATETIME: ReturnType = ReturnType::Fixed(DataType::DateTime);
const INT: ReturnType = ReturnType::Fixed(DataType::Int);

pub(super) fn functions() -> Vec<ScalarFunction> {
    let one_dt = sig![a("date", ArgType::DateTime)];
    let dt_offset = sig![a("date", ArgType::DateTime), opt("offset", ArgType::Long)];
    let unix = sig![a("value", ArgType::Numeric)];
    let mut v = vec![
        def(
            "now",
            sig![opt("offset", ArgType::TimeSpan)],
            DATETIME,
            |args, ctx| match args.first() {
                None => Ok(ColumnarValue::Scalar(Value::DateTime(Some(ctx.now)))),
                Some(off) => {
                    let off = i64s(off)?;
                    Ok(map1::<ODateTime, _>(ctx, &off, |o| {
                        valid(ctx.now.checked_add(o?))
                    }))
                }
            },
        ),
        // q/ingestion-time-function.md: the time a record was ingested, null when the
        // table keeps no ingestion time. Tables loaded here from files keep none.
        def("ingestion_time", sig![], DATETIME, |_, _| {
            Ok(ColumnarValue::Scalar(Value::DateTime(None)))
        }),
        def(
            "ago",
            sig![a("timespan", ArgType::TimeSpan)],
            DATETIME,
            |args, ctx| {
                let off = i64s(arg(args, 0)?)?;
                Ok(map1::<ODateTime, _>(ctx, &off, |o| {
                    valid(ctx.now.checked_sub(o?))
                }))
            },
        ),
        def(
            "dayofweek",
            one_dt,
            ReturnType::Fixed(DataType::TimeSpan),
            |args, ctx| {
                let d = i64s(arg(args, 0)?)?;
                Ok(map1::<OTimeSpan, _>(ctx, &d, |t| {
                    Some(days_since_sunday(t?.div_euclid(TICKS_PER_DAY)) * TICKS_PER_DAY)
                }))
            },
        ),
        def(
            "datetime_add",
            sig![
                a("period", ArgType::String),
                a("amount", ArgType::Long),
                a("datetime", ArgType::DateTime),
            ],
            DATETIME,
            datetime_add,
        ),
        def(
            "datetime_diff",
            sig![
                a("period", ArgType::String),
                a("datetime1", ArgType::DateTime),
                a("datetime2", ArgType::DateTime),
            ],
            ReturnType::Fixed(DataType::Long),
            datetime_diff,
        ),
        def(
            "datetime_part",
            sig![a("part", ArgType::String), a("datetime", ArgType::DateTime)],
            INT,
            datetime_part,
        ),
        def(
            "format_datetime",
            sig![a("date", ArgType::DateTime), a("format", ArgType::String)],
            ReturnType::Fixed(DataType::String),
            |args, ctx| {
                let d = i64s(arg(args, 0)?)?;
                let f = strs(arg(args, 1)?)?;
                Ok(str2(ctx, &d, &f, |out, d, f| {
                    if let Some(d) = d {
                        format_datetime_with(out, d, f);
                    }
                }))
            },
        ),
        def(
            "format_timespan",
            sig![
                a("timespan", ArgType::TimeSpan),
                a("format", ArgType::String)
            ],
            ReturnType::Fixed(DataType::String),
            |args, ctx| {
                let d = i64s(arg(args, 0)?)?;
                let f = strs(arg(args, 1)?)?;
                Ok(str2(ctx, &d, &f, |out, d, f| {
                    if let Some(d) = d {
                        format_timespan_with(out, d, f);
                    }
                }))
            },
        ),
        def(
            "make_datetime",
            sig![
                a("year", ArgType::Long),
                a("month", ArgType::Long),
                a("day", ArgType::Long),
                opt("hour", ArgType::Long),
                opt("minute", ArgType::Long),
                opt("second", ArgType::Real),
            ],
            DATETIME,
            make_datetime,
        ),
        def(
            "make_timespan",
            sig![
                a("arg1", ArgType::Real),
                a("arg2", ArgType::Real),
                opt("arg3", ArgType::Real),
                opt("arg4", ArgType::Real),
            ],
            ReturnType::Fixed(DataType::TimeSpan),
            make_timespan,
        ),
        def(
            "unixtime_seconds_todatetime",
            unix,
            DATETIME,
            |args, ctx| unixtime(args, ctx, TICKS_PER_SECOND, 1),
        ),
        def(
            "unixtime_milliseconds_todatetime",
            unix,
            DATETIME,
            |args, ctx| unixtime(args, ctx, 10_000, 1),
        ),
        def(
            "unixtime_microseconds_todatetime",
            unix,
            DATETIME,
            |args, ctx| unixtime(args, ctx, 10, 1),
        ),
        def(
            "unixtime_nanoseconds_todatetime",
            unix,
            DATETIME,
            |args, ctx| unixtime(args, ctx, 1, 100),
        ),
    ];
    for (name, f) in [
        ("startofday", start_eval::<DAY> as Eval),
        ("startofweek", start_eval::<WEEK>),
        ("startofmonth", start_eval::<MONTH>),
        ("startofyear", start_eval::<YEAR>),
        ("endofday", end_eval::<DAY>),
        ("endofweek", end_eval::<WEEK>),
        ("endofmonth", end_eval::<MONTH>),
        ("endofyear", end_eval::<YEAR>),
    ] {
        v.push(def(name, dt_offset, DATETIME, f));
    }
    v.extend([
        def("dayofmonth", one_dt, INT, |args, ctx| {
            part(args, ctx, |d, _| d.day() as i64)
        }),
        def("dayofyear", one_dt, INT, |args, ctx| {
            part(args, ctx, |d, _| d.ordinal() as i64)
        }),
        def("hourofday", one_dt, INT, |args, ctx| {
            part(args, ctx, |_, tod| tod / TICKS_PER_HOUR)
        }),
        def("getyear", one_dt, INT, |args, ctx| {
            part(args, ctx, |d, _| d.year().into())
        }),
        ScalarFunction {
            aliases: &["getmonth"],
            ..def("monthofyear", one_dt, INT, |args, ctx| {
                part(args, ctx, |d, _| d.month().into())
            })
        },
        ScalarFunction {
            aliases: &["weekofyear"],
            ..def("week_of_year", one_dt, INT, |args, ctx| {
                part(args, ctx, |d, _| d.iso_week().week().into())
            })
        },
    ]);
    v
}

/// `t` when it is a valid datetime.
fn valid(t: Option<i64>) -> Option<i64> {
    t.filter(|t| (0..=MAX_DATETIME_TICKS).contains(t))
}

/// The date of a datetime and the ticks since its midnight.
pub(crate) fn civil(t: i64) -> Option<(NaiveDate, i64)> {
    let days = t.div_euclid(TICKS_PER_DAY);
    let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days + 1).ok()?)?;
    Some((date, t.rem_euclid(TICKS_PER_DAY)))
}

/// The datetime of a date's midnight.
pub(crate) fn date_ticks(d: NaiveDate) -> Option<i64> {
    valid((i64::from(d.num_days_from_ce()) - 1).checked_mul(TICKS_PER_DAY))
}

/// Days since the preceding Sunday for a day number (0001-01-01, day 0, was a Monday).
fn days_since_sunday(days: i64) -> i64 {
    (days + 1).rem_euclid(7)
}

/// The first day of month `month0` (0-based, may be out of 0..12) of `year`.
fn first_of_month(year: i64, month0: i64) -> Option<NaiveDate> {
    let total = year.checked_mul(12)?.checked_add(month0)?;
    let (y, m) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, u32::try_from(m).ok()?, 1)
}

fn start_of_day(t: i64, offset: i64) -> Option<i64> {
    let days = t.div_euclid(TICKS_PER_DAY).checked_add(offset)?;
    valid(days.checked_mul(TICKS_PER_DAY))
}

fn start_of_week(t: i64, offset: i64) -> Option<i64> {
    let days = t.div_euclid(TICKS_PER_DAY);
    let start = days - days_since_sunday(days);
    valid(
        start
            .checked_add(offset.checked_mul(7)?)?
            .checked_mul(TICKS_PER_DAY),
    )
}

fn start_of_month(t: i64, offset: i64) -> Option<i64> {
    let (d, _) = civil(t)?;
    date_ticks(first_of_month(
        d.year().into(),
        i64::from(d.month0()).checked_add(offset)?,
    )?)
}

fn start_of_year(t: i64, offset: i64) -> Option<i64> {
    let (d, _) = civil(t)?;
    let y = i64::from(d.year()).checked_add(offset)?;
    date_ticks(NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, 1, 1)?)
}

type Eval = fn(&[ColumnarValue], &EvalContext) -> Result<ColumnarValue, EvalError>;

/// Period kinds of `startof*`/`endof*`.
const DAY: u8 = 0;
const WEEK: u8 = 1;
const MONTH: u8 = 2;
const YEAR: u8 = 3;

fn start_of(kind: u8, t: i64, offset: i64) -> Option<i64> {
    match kind {
        DAY => start_of_day(t, offset),
        WEEK => start_of_week(t, offset),
        MONTH => start_of_month(t, offset),
        _ => start_of_year(t, offset),
    }
}

/// One tick before the next period's start.
fn end_of(kind: u8, t: i64, offset: i64) -> Option<i64> {
    let next = match start_of(kind, t, offset.checked_add(1)?) {
        Some(n) => n,
        // the period after the last one starts at the end of time
        None if start_of(kind, t, offset).is_some() => MAX_DATETIME_TICKS + 1,
        None => return None,
    };
    valid(Some(next - 1))
}

/// `startof*(date[, offset])`.
fn start_eval<const K: u8>(
    args: &[ColumnarValue],
    ctx: &EvalContext,
) -> Result<ColumnarValue, EvalError> {
    with_offset(args, ctx, |t, o| start_of(K, t, o))
}

/// `endof*(date[, offset])`.
fn end_eval<const K: u8>(
    args: &[ColumnarValue],
    ctx: &EvalContext,
) -> Result<ColumnarValue, EvalError> {
    with_offset(args, ctx, |t, o| end_of(K, t, o))
}

fn with_offset(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    f: impl Fn(i64, i64) -> Option<i64>,
) -> Result<ColumnarValue, EvalError> {
    let d = i64s(arg(args, 0)?)?;
    let off = match args.get(1) {
        Some(o) => i64s(o)?,
        None => Prim::Scalar(Some(0)),
    };
    Ok(map2::<ODateTime, _, _>(ctx, &d, &off, |t, o| f(t?, o?)))
}

/// A calendar part (`int`) of a datetime.
fn part(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    f: fn(NaiveDate, i64) -> i64,
) -> Result<ColumnarValue, EvalError> {
    let d = i64s(arg(args, 0)?)?;
    Ok(map1::<OInt, _>(ctx, &d, |t| {
        let (date, tod) = civil(t?)?;
        i32::try_from(f(date, tod)).ok()
    }))
}

/// The periods of `datetime_add`, `datetime_diff` and `datetime_part`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Period {
    Year,
    Quarter,
    Month,
    Week,
    Day,
    DayOfYear,
    WeekOfYear,
    Hour,
    Minute,
    Second,
    Millisecond,
    Microsecond,
    Nanosecond,
}

/// A period name, case-insensitive, singular or plural.
fn period(name: &str) -> Option<Period> {
    let n = name.trim();
    let n = n
        .strip_suffix(['s', 'S'])
        .filter(|x| x.len() > 2)
        .unwrap_or(n);
    const NAMES: [(&str, Period); 13] = [
        ("year", Period::Year),
        ("quarter", Period::Quarter),
        ("month", Period::Month),
        ("week", Period::Week),
        ("day", Period::Day),
        ("dayofyear", Period::DayOfYear),
        ("week_of_year", Period::WeekOfYear),
        ("hour", Period::Hour),
        ("minute", Period::Minute),
        ("second", Period::Second),
        ("millisecond", Period::Millisecond),
        ("microsecond", Period::Microsecond),
        ("nanosecond", Period::Nanosecond),
    ];
    NAMES
        .iter()
        .find(|(s, _)| s.eq_ignore_ascii_case(n))
        .map(|(_, p)| *p)
}

/// Rejects a constant period name that is not valid (per-row names give null instead).
fn check_period(func: &str, v: &Strs<'_>) -> Result<(), EvalError> {
    match v {
        Strs::Scalar(p) if period(p).is_none() => Err(EvalError::invalid_argument(
            func,
            format!("unknown period '{p}'"),
        )),
        _ => Ok(()),
    }
}

/// `t` plus `months` calendar months, the day clamped to the target month's length.
fn add_months(t: i64, months: i64) -> Option<i64> {
    let (d, tod) = civil(t)?;
    let first = first_of_month(d.year().into(), i64::from(d.month0()).checked_add(months)?)?;
    let next = first.checked_add_months(chrono::Months::new(1))?;
    let len = next.signed_duration_since(first).num_days();
    let day = i64::from(d.day()).min(len);
    date_ticks(first)?.checked_add((day - 1) * TICKS_PER_DAY + tod)
}

/// `datetime_add(period, amount, dt)` (q/datetime-add-function.md).
fn datetime_add(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let p = strs(arg(args, 0)?)?;
    check_period("datetime_add", &p)?;
    let n = i64s(arg(args, 1)?)?;
    let d = i64s(arg(args, 2)?)?;
    Ok(map3::<ODateTime, _, _, _>(ctx, &p, &n, &d, |p, n, t| {
        let (n, t) = (n?, t?);
        let ticks = |unit: i64| t.checked_add(n.checked_mul(unit)?);
        valid(match period(p)? {
            Period::Year => add_months(t, n.checked_mul(12)?),
            Period::Quarter => add_months(t, n.checked_mul(3)?),
            Period::Month => add_months(t, n),
            Period::Week | Period::WeekOfYear => ticks(7 * TICKS_PER_DAY),
            Period::Day | Period::DayOfYear => ticks(TICKS_PER_DAY),
            Period::Hour => ticks(TICKS_PER_HOUR),
            Period::Minute => ticks(TICKS_PER_MINUTE),
            Period::Second => ticks(TICKS_PER_SECOND),
            Period::Millisecond => ticks(10_000),
            Period::Microsecond => ticks(10),
            Period::Nanosecond => t.checked_add(n / 100),
        })
    }))
}

/// `datetime_diff(period, dt1, dt2)`: the number of period boundaries between `dt2` and
/// `dt1` (q/datetime-diff-function.md: year 2017-01-01 vs 2000-12-31 is 17, day
/// 2017-10-29 00:00 vs 2017-09-30 23:59 is 29).
fn datetime_diff(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let p = strs(arg(args, 0)?)?;
    check_period("datetime_diff", &p)?;
    let d1 = i64s(arg(args, 1)?)?;
    let d2 = i64s(arg(args, 2)?)?;
    Ok(map3::<OLong, _, _, _>(ctx, &p, &d1, &d2, |p, a, b| {
        let (a, b) = (a?, b?);
        let floor_diff = |unit: i64| Some(a.div_euclid(unit) - b.div_euclid(unit));
        let months =
            |t: i64| civil(t).map(|(d, _)| i64::from(d.year()) * 12 + i64::from(d.month0()));
        match period(p)? {
            Period::Year => Some(i64::from(civil(a)?.0.year() - civil(b)?.0.year())),
            Period::Quarter => Some(months(a)?.div_euclid(3) - months(b)?.div_euclid(3)),
            Period::Month => Some(months(a)? - months(b)?),
            Period::Week | Period::WeekOfYear => {
                Some((start_of_week(a, 0)? - start_of_week(b, 0)?) / (7 * TICKS_PER_DAY))
            }
            Period::Day | Period::DayOfYear => floor_diff(TICKS_PER_DAY),
            Period::Hour => floor_diff(TICKS_PER_HOUR),
            Period::Minute => floor_diff(TICKS_PER_MINUTE),
            Period::Second => floor_diff(TICKS_PER_SECOND),
            Period::Millisecond => floor_diff(10_000),
            Period::Microsecond => floor_diff(10),
            Period::Nanosecond => a.checked_sub(b)?.checked_mul(100),
        }
    }))
}

/// `datetime_part(part, dt)` (q/datetime-part-function.md: for
/// `2017-10-30 01:02:03.7654321` Millisecond is 765, Microsecond 765432, Nanosecond
/// 765432100).
fn datetime_part(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let p = strs(arg(args, 0)?)?;
    check_period("datetime_part", &p)?;
    let d = i64s(arg(args, 1)?)?;
    Ok(map2::<OInt, _, _>(ctx, &p, &d, |p, t| {
        let (date, tod) = civil(t?)?;
        let sub = tod % TICKS_PER_SECOND;
        let v: i64 = match period(p)? {
            Period::Year => date.year().into(),
            Period::Quarter => i64::from(date.month0() / 3 + 1),
            Period::Month => date.month().into(),
            Period::Week | Period::WeekOfYear => date.iso_week().week().into(),
            Period::Day => date.day().into(),
            Period::DayOfYear => date.ordinal().into(),
            Period::Hour => tod / TICKS_PER_HOUR,
            Period::Minute => tod / TICKS_PER_MINUTE % 60,
            Period::Second => tod / TICKS_PER_SECOND % 60,
            Period::Millisecond => sub / 10_000,
            Period::Microsecond => sub / 10,
            Period::Nanosecond => sub * 100,
        };
        i32::try_from(v).ok()
    }))
}

/// `make_datetime(y, m, d[, h, min, s])`: null for out-of-range parts
/// (q/make-datetime-function.md).
fn make_datetime(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let mut parts = Vec::with_capacity(5);
    for i in 0..5 {
        parts.push(match args.get(i) {
            Some(v) => i64s(v)?,
            None => Prim::Scalar(Some(0)),
        });
    }
    let sec = match args.get(5) {
        Some(v) => f64s(v)?,
        None => Prim::Scalar(Some(0.0)),
    };
    let scalar = parts.iter().all(|p| p.is_scalar()) && sec.is_scalar();
    let rows = if scalar { 1 } else { ctx.rows };
    let xs: Vec<Option<i64>> = (0..rows)
        .map(|i| {
            let g = |k: usize| parts.get(k).and_then(|p| p.at(i));
            let date = NaiveDate::from_ymd_opt(
                i32::try_from(g(0)?).ok()?,
                u32::try_from(g(1)?).ok()?,
                u32::try_from(g(2)?).ok()?,
            )?;
            let (h, m, s) = (g(3)?, g(4)?, sec.at(i)?);
            if !(0..24).contains(&h) || !(0..60).contains(&m) || !(0.0..60.0).contains(&s) {
                return None;
            }
            let tod = h * TICKS_PER_HOUR
                + m * TICKS_PER_MINUTE
                + (s * TICKS_PER_SECOND as f64).round() as i64;
            valid(date_ticks(date)?.checked_add(tod))
        })
        .collect();
    Ok(super::kernel::finish::<ODateTime>(xs, scalar))
}

/// `make_timespan(h, m)`, `(h, m, s)` or `(d, h, m, s)` (q/make-timespan-function.md).
fn make_timespan(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let views = args.iter().map(f64s).collect::<Result<Vec<_>, _>>()?;
    let units: &[f64] = match args.len() {
        2 => &[3600.0, 60.0],
        3 => &[3600.0, 60.0, 1.0],
        _ => &[86400.0, 3600.0, 60.0, 1.0],
    };
    let scalar = views.iter().all(|v| v.is_scalar());
    let rows = if scalar { 1 } else { ctx.rows };
    let xs: Vec<Option<i64>> = (0..rows)
        .map(|i| {
            let mut secs = 0.0;
            for (v, unit) in views.iter().zip(units) {
                secs += v.at(i)? * unit;
            }
            super::convert::real_to_long((secs * TICKS_PER_SECOND as f64).round())
        })
        .collect();
    Ok(super::kernel::finish::<OTimeSpan>(xs, scalar))
}

/// `unixtime_*_todatetime(n)`: `n` units of `num/den` ticks after 1970-01-01.
fn unixtime(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    num: i64,
    den: i64,
) -> Result<ColumnarValue, EvalError> {
    let v = any(arg(args, 0)?);
    Ok(map1::<ODateTime, _>(ctx, &v, |x| {
        let ticks = match x {
            Src::Int(Some(n)) => i64::from(n).checked_mul(num)? / den,
            Src::Long(Some(n)) => n.checked_mul(num)? / den,
            other => {
                let r = super::convert::to_real(other)?;
                super::convert::real_to_long((r * num as f64 / den as f64).floor())?
            }
        };
        valid(UNIX_EPOCH_TICKS.checked_add(ticks))
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "datetime_tests.rs"]
mod tests;
