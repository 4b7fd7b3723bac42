//! `datetime_utc_to_local` and `datetime_local_to_utc` with IANA time zones
//! (q/datetime-utc-to-local-function.md, q/datetime-local-to-utc-function.md), using the
//! tz database compiled into `chrono-tz`.

use super::def;
use super::kernel::{arg, i64s, map2, strs, ODateTime};
use crate::format::{chrono_to_ticks, ticks_to_chrono, TICKS_PER_SECOND};
use crate::functions::{arg as a, ArgType, ReturnType, ScalarFunction};
use crate::types::DataType;
use chrono::{LocalResult, Offset, TimeZone};
use chrono_tz::Tz;

pub(super) fn functions() -> Vec<ScalarFunction> {
    let sig = sig![a("from", ArgType::DateTime), a("timezone", ArgType::String)];
    let returns = ReturnType::Fixed(DataType::DateTime);
    vec![
        def("datetime_utc_to_local", sig, returns, |args, ctx| {
            let (t, z) = (i64s(arg(args, 0)?)?, strs(arg(args, 1)?)?);
            Ok(map2::<ODateTime, _, _>(ctx, &t, &z, |t, z| {
                utc_to_local(t?, &z.parse::<Tz>().ok()?)
            }))
        }),
        def("datetime_local_to_utc", sig, returns, |args, ctx| {
            let (t, z) = (i64s(arg(args, 0)?)?, strs(arg(args, 1)?)?);
            Ok(map2::<ODateTime, _, _>(ctx, &t, &z, |t, z| {
                local_to_utc(t?, &z.parse::<Tz>().ok()?)
            }))
        }),
    ]
}

/// `ticks` shifted by `seconds`, when still a valid datetime.
fn shift(ticks: i64, seconds: i64) -> Option<i64> {
    let t = ticks.checked_add(seconds.checked_mul(TICKS_PER_SECOND)?)?;
    ticks_to_chrono(t).map(|_| t)
}

/// The local time in `tz` of a UTC instant (null for an unknown zone or out of range).
fn utc_to_local(ticks: i64, tz: &Tz) -> Option<i64> {
    let utc = ticks_to_chrono(ticks)?;
    let offset = tz.offset_from_utc_datetime(&utc.naive_utc()).fix();
    shift(ticks, i64::from(offset.local_minus_utc()))
}

/// The UTC instant of a local time in `tz`. An ambiguous local time (clocks set back)
/// takes the earlier instant; a local time skipped by a change (clocks set forward)
/// takes the offset in force after the change, as the documented example shows
/// (Europe/Brussels 2022-03-27 02:00 gives 00:00 UTC).
fn local_to_utc(ticks: i64, tz: &Tz) -> Option<i64> {
    let local = ticks_to_chrono(ticks)?.naive_utc();
    let offset = match tz.offset_from_local_datetime(&local) {
        LocalResult::Single(o) | LocalResult::Ambiguous(o, _) => o.fix(),
        LocalResult::None => (1..=96).find_map(|quarter| {
            let later = local.checked_add_signed(chrono::Duration::minutes(15 * quarter))?;
            match tz.offset_from_local_datetime(&later) {
                LocalResult::Single(o) | LocalResult::Ambiguous(o, _) => Some(o.fix()),
                LocalResult::None => None,
            }
        })?,
    };
    let t = shift(ticks, -i64::from(offset.local_minus_utc()))?;
    ticks_to_chrono(t).and_then(|d| chrono_to_ticks(&d))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::value::Value;
    use kql_parser::literal::parse_datetime_text;

    fn t(s: &str) -> i64 {
        parse_datetime_text(s).unwrap()
    }

    fn at(name: &str, local: &str, tz: &str) -> Value {
        scalar(name, vec![dt(t(local)), s(tz)])
    }

    #[test]
    fn local_to_utc_doc_example() {
        // q/datetime-local-to-utc-function.md
        let f = |tz| at("datetime_local_to_utc", "2020-02-02 20:02:20", tz);
        assert_eq!(
            f("Europe/Paris"),
            Value::DateTime(Some(t("2020-02-02 19:02:20")))
        );
        assert_eq!(
            f("America/Chicago"),
            Value::DateTime(Some(t("2020-02-03 02:02:20")))
        );
        assert_eq!(
            f("US/Pacific"),
            Value::DateTime(Some(t("2020-02-03 04:02:20")))
        );
    }

    #[test]
    fn local_to_utc_around_dst_change() {
        // q/datetime-local-to-utc-function.md: Europe/Brussels on 2022-03-27
        let cases = [
            ("2022-03-27 01:00:00", "2022-03-27 00:00:00"),
            ("2022-03-27 02:00:00", "2022-03-27 00:00:00"),
            ("2022-03-27 03:00:00", "2022-03-27 01:00:00"),
            ("2022-03-27 04:00:00", "2022-03-27 02:00:00"),
        ];
        for (local, utc) in cases {
            assert_eq!(
                at("datetime_local_to_utc", local, "Europe/Brussels"),
                Value::DateTime(Some(t(utc))),
                "{local}"
            );
        }
        // ... and back: 00:00 UTC is 01:00 local, 01:00 UTC is 03:00 local.
        assert_eq!(
            at(
                "datetime_utc_to_local",
                "2022-03-27 00:00:00",
                "Europe/Brussels"
            ),
            Value::DateTime(Some(t("2022-03-27 01:00:00")))
        );
        assert_eq!(
            at(
                "datetime_utc_to_local",
                "2022-03-27 01:00:00",
                "Europe/Brussels"
            ),
            Value::DateTime(Some(t("2022-03-27 03:00:00")))
        );
    }

    #[test]
    fn utc_to_local_doc_example() {
        // q/datetime-utc-to-local-function.md: 2022-07-11 22:18:48.4678620 UTC is
        // 15:18:48.4678620 in US/Pacific and 08:18:48.4678620 next day in Australia/Canberra.
        let dt_ = "2022-07-11 22:18:48.4678620";
        assert_eq!(
            at("datetime_utc_to_local", dt_, "US/Pacific"),
            Value::DateTime(Some(t("2022-07-11 15:18:48.4678620")))
        );
        assert_eq!(
            at("datetime_utc_to_local", dt_, "Australia/Canberra"),
            Value::DateTime(Some(t("2022-07-12 08:18:48.4678620")))
        );
        // Unknown zones and null datetimes give null.
        assert_eq!(
            at("datetime_utc_to_local", dt_, "Mars/Olympus"),
            Value::DateTime(None)
        );
        assert_eq!(
            column(
                "datetime_utc_to_local",
                vec![dtcol(&[None, Some(t(dt_))]), s("UTC")]
            ),
            vec![Value::DateTime(None), Value::DateTime(Some(t(dt_)))]
        );
    }
}
