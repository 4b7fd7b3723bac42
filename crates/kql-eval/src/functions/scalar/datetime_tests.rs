use super::super::convert::parse_datetime_text;
use super::super::testutil::*;
use crate::format::{TICKS_PER_DAY, TICKS_PER_SECOND};
use crate::value::Value;

fn t(s: &str) -> i64 {
    parse_datetime_text(s).unwrap()
}
fn dtv(s: &str) -> Value {
    Value::DateTime(Some(t(s)))
}

#[test]
fn now_and_ago() {
    // q/now-function.md: now(offset) = now + offset; q/ago-function.md: ago(a) = now - a
    assert_eq!(scalar("now", vec![]), Value::DateTime(Some(NOW)));
    assert_eq!(
        scalar("now", vec![ts(-TICKS_PER_DAY)]),
        Value::DateTime(Some(NOW - TICKS_PER_DAY))
    );
    assert_eq!(
        scalar("ago", vec![ts(TICKS_PER_DAY)]),
        Value::DateTime(Some(NOW - TICKS_PER_DAY))
    );
    assert_eq!(
        column("ago", vec![tscol(&[Some(0), None])]),
        vec![Value::DateTime(Some(NOW)), Value::DateTime(None)]
    );
}

#[test]
fn start_and_end_of_periods() {
    let d = dt(t("2017-01-01 10:10:17"));
    assert_eq!(scalar("startofday", vec![d.clone()]), dtv("2017-01-01"));
    // q/startofday-function.md: offset in days
    assert_eq!(
        scalar("startofday", vec![d.clone(), l(-1)]),
        dtv("2016-12-31")
    );
    assert_eq!(
        scalar("startofday", vec![d.clone(), l(1)]),
        dtv("2017-01-02")
    );
    // q/startofweek-function.md: weeks start on Sunday (2017-01-01 was a Sunday)
    assert_eq!(scalar("startofweek", vec![d.clone()]), dtv("2017-01-01"));
    assert_eq!(
        scalar("startofweek", vec![dt(t("2017-01-07")), l(-1)]),
        dtv("2016-12-25")
    );
    assert_eq!(
        scalar("startofmonth", vec![dt(t("2017-03-31 10:00")), l(-1)]),
        dtv("2017-02-01")
    );
    assert_eq!(
        scalar("startofmonth", vec![d.clone(), l(-13)]),
        dtv("2015-12-01")
    );
    assert_eq!(
        scalar("startofyear", vec![d.clone(), l(1)]),
        dtv("2018-01-01")
    );
    // q/endofday-function.md: endofday(2017-01-01 10:10:17) = 2017-01-01 23:59:59.9999999
    assert_eq!(
        scalar("endofday", vec![d.clone()]),
        Value::DateTime(Some(t("2017-01-02") - 1))
    );
    assert_eq!(
        scalar("endofweek", vec![d.clone()]),
        Value::DateTime(Some(t("2017-01-08") - 1))
    );
    assert_eq!(
        scalar("endofmonth", vec![dt(t("2016-02-10"))]),
        Value::DateTime(Some(t("2016-03-01") - 1))
    );
    assert_eq!(
        scalar("endofyear", vec![d.clone(), l(-1)]),
        Value::DateTime(Some(t("2017-01-01") - 1))
    );
    assert_eq!(
        scalar("endofyear", vec![dt(t("9999-05-05"))]),
        Value::DateTime(Some(t("9999-12-31 23:59:59.9999999")))
    );
    assert_eq!(
        column(
            "startofday",
            vec![dtcol(&[Some(t("2020-05-05 12:00")), None]), l(0)]
        ),
        vec![dtv("2020-05-05"), Value::DateTime(None)]
    );
    assert_eq!(
        column("startofmonth", vec![d, lcol(&[Some(1), None])]),
        vec![dtv("2017-02-01"), Value::DateTime(None)]
    );
}

#[test]
fn calendar_parts() {
    let d = dt(t("2015-12-14 08:30"));
    // q/day-of-week-function.md: dayofweek(2015-12-14) (a Monday) = 1.00:00:00
    assert_eq!(
        scalar("dayofweek", vec![d.clone()]),
        Value::TimeSpan(Some(TICKS_PER_DAY))
    );
    assert_eq!(
        scalar("dayofweek", vec![dt(t("1947-11-30"))]),
        Value::TimeSpan(Some(0))
    );
    assert_eq!(scalar("dayofmonth", vec![d.clone()]), Value::Int(Some(14)));
    assert_eq!(scalar("dayofyear", vec![d.clone()]), Value::Int(Some(348)));
    assert_eq!(scalar("hourofday", vec![d.clone()]), Value::Int(Some(8)));
    assert_eq!(scalar("getyear", vec![d.clone()]), Value::Int(Some(2015)));
    assert_eq!(scalar("getmonth", vec![d.clone()]), Value::Int(Some(12)));
    assert_eq!(scalar("monthofyear", vec![d.clone()]), Value::Int(Some(12)));
    // q/week-of-year-function.md: ISO 8601, 2020-12-31 is week 53
    assert_eq!(
        scalar("week_of_year", vec![dt(t("2020-12-31"))]),
        Value::Int(Some(53))
    );
    assert_eq!(
        column("getyear", vec![dtcol(&[Some(t("2001-01-01")), None])]),
        vec![Value::Int(Some(2001)), Value::Int(None)]
    );
}

#[test]
fn datetime_diff_doc_examples() {
    // q/datetime-diff-function.md examples
    let diff = |p: &str, a: &str, b: &str| scalar("datetime_diff", vec![s(p), dt(t(a)), dt(t(b))]);
    assert_eq!(diff("year", "2017-01-01", "2000-12-31"), lv(Some(17)));
    assert_eq!(diff("quarter", "2017-07-01", "2017-03-30"), lv(Some(2)));
    assert_eq!(diff("month", "2017-01-01", "2015-12-30"), lv(Some(13)));
    assert_eq!(
        diff("week", "2017-10-29 00:00", "2017-09-30 23:59"),
        lv(Some(5))
    );
    assert_eq!(
        diff("Day", "2017-10-29 00:00", "2017-09-30 23:59"),
        lv(Some(29))
    );
    assert_eq!(
        diff("hour", "2017-10-31 01:00", "2017-10-30 23:59"),
        lv(Some(2))
    );
    assert_eq!(
        diff("minute", "2017-10-30 23:05:01", "2017-10-30 23:00:59"),
        lv(Some(5))
    );
    assert_eq!(
        diff(
            "second",
            "2017-10-30 23:00:10.100",
            "2017-10-30 23:00:00.900"
        ),
        lv(Some(10))
    );
    assert_eq!(
        diff(
            "millisecond",
            "2017-10-30 23:00:00.200100",
            "2017-10-30 23:00:00.100900"
        ),
        lv(Some(100))
    );
    assert_eq!(
        diff(
            "microsecond",
            "2017-10-30 23:00:00.1009001",
            "2017-10-30 23:00:00.1008009"
        ),
        lv(Some(100))
    );
    assert_eq!(
        diff(
            "NANOSECOND",
            "2017-10-30 23:00:00.0000000",
            "2017-10-30 23:00:00.0000007"
        ),
        lv(Some(-700))
    );
    assert!(try_call("datetime_diff", vec![s("fortnight"), dt(0), dt(0)]).is_err());
    assert_eq!(
        column(
            "datetime_diff",
            vec![
                s("day"),
                dtcol(&[Some(t("2000-01-03")), None]),
                dt(t("2000-01-01"))
            ]
        ),
        vec![lv(Some(2)), lv(None)]
    );
}

#[test]
fn datetime_add_and_part() {
    let d = dt(t("2017-10-30 01:02:03.7654321"));
    // q/datetime-add-function.md
    assert_eq!(
        scalar("datetime_add", vec![s("month"), l(1), dt(t("2017-01-31"))]),
        dtv("2017-02-28")
    );
    assert_eq!(
        scalar("datetime_add", vec![s("year"), l(-5), dt(t("2017-01-01"))]),
        dtv("2012-01-01")
    );
    assert_eq!(
        scalar(
            "datetime_add",
            vec![s("quarter"), l(1), dt(t("2017-01-01"))]
        ),
        dtv("2017-04-01")
    );
    assert_eq!(
        scalar("datetime_add", vec![s("week"), l(1), dt(t("2017-01-01"))]),
        dtv("2017-01-08")
    );
    assert_eq!(
        scalar(
            "datetime_add",
            vec![s("minute"), l(90), dt(t("2017-01-01"))]
        ),
        dtv("2017-01-01 01:30")
    );
    assert_eq!(
        column(
            "datetime_add",
            vec![s("day"), lcol(&[Some(1), None]), dt(t("2017-01-01"))]
        ),
        vec![dtv("2017-01-02"), Value::DateTime(None)]
    );
    // q/datetime-part-function.md example
    let part = |p: &str| scalar("datetime_part", vec![s(p), d.clone()]);
    assert_eq!(part("Year"), Value::Int(Some(2017)));
    assert_eq!(part("Quarter"), Value::Int(Some(4)));
    assert_eq!(part("Month"), Value::Int(Some(10)));
    assert_eq!(part("week_of_year"), Value::Int(Some(44)));
    assert_eq!(part("Day"), Value::Int(Some(30)));
    assert_eq!(part("DayOfYear"), Value::Int(Some(303)));
    assert_eq!(part("Hour"), Value::Int(Some(1)));
    assert_eq!(part("Minute"), Value::Int(Some(2)));
    assert_eq!(part("Second"), Value::Int(Some(3)));
    assert_eq!(part("Millisecond"), Value::Int(Some(765)));
    assert_eq!(part("Microsecond"), Value::Int(Some(765432)));
    assert_eq!(part("Nanosecond"), Value::Int(Some(765432100)));
}

#[test]
fn make_and_unix() {
    // q/make-datetime-function.md: make_datetime(2017,10,01,12,10) == datetime(2017-10-01 12:10)
    assert_eq!(
        scalar("make_datetime", vec![l(2017), l(10), l(1), l(12), l(10)]),
        dtv("2017-10-01 12:10")
    );
    assert_eq!(
        scalar(
            "make_datetime",
            vec![l(2017), l(10), l(1), l(12), l(10), r(7.5)]
        ),
        dtv("2017-10-01 12:10:07.5")
    );
    assert_eq!(
        scalar("make_datetime", vec![l(2017), l(2), l(30)]),
        Value::DateTime(None)
    );
    assert_eq!(
        column("make_datetime", vec![lcol(&[Some(2000), None]), l(1), l(1)]),
        vec![dtv("2000-01-01"), Value::DateTime(None)]
    );
    // q/make-timespan-function.md: make_timespan(1,12,30,55.123) == 1.12:30:55.123
    assert_eq!(
        scalar("make_timespan", vec![r(1.0), r(12.0), r(30.0), r(55.123)]),
        Value::TimeSpan(Some(
            TICKS_PER_DAY + (12 * 3600 + 30 * 60 + 55) * TICKS_PER_SECOND + 1_230_000
        ))
    );
    assert_eq!(
        scalar("make_timespan", vec![r(1.0), r(30.0)]),
        Value::TimeSpan(Some(5400 * TICKS_PER_SECOND))
    );
    // q/unixtime-seconds-todatetime-function.md: 1546300800 -> 2019-01-01
    assert_eq!(
        scalar("unixtime_seconds_todatetime", vec![l(1546300800)]),
        dtv("2019-01-01")
    );
    assert_eq!(
        scalar("unixtime_milliseconds_todatetime", vec![l(1546300800123)]),
        dtv("2019-01-01 00:00:00.123")
    );
    assert_eq!(
        scalar(
            "unixtime_microseconds_todatetime",
            vec![l(1546300800123456)]
        ),
        dtv("2019-01-01 00:00:00.123456")
    );
    assert_eq!(
        scalar(
            "unixtime_nanoseconds_todatetime",
            vec![l(1546300800123456700)]
        ),
        dtv("2019-01-01 00:00:00.1234567")
    );
    assert_eq!(
        scalar("unixtime_seconds_todatetime", vec![r(1.5)]),
        dtv("1970-01-01 00:00:01.5")
    );
    assert_eq!(
        column("unixtime_seconds_todatetime", vec![lcol(&[Some(0), None])]),
        vec![dtv("1970-01-01"), Value::DateTime(None)]
    );
}

#[test]
fn format_functions() {
    assert_eq!(
        scalar(
            "format_datetime",
            vec![dt(t("2017-01-29 09:00:05")), s("yy-MM-dd [HH:mm:ss]")]
        ),
        sv("17-01-29 [09:00:05]")
    );
    assert_eq!(
        column(
            "format_datetime",
            vec![dtcol(&[Some(t("2017-01-29")), None]), s("yyyy")]
        ),
        vec![sv("2017"), sv("")]
    );
    assert_eq!(
        scalar(
            "format_timespan",
            vec![ts(TICKS_PER_DAY + 5 * TICKS_PER_SECOND), s("d.hh:mm:ss")]
        ),
        sv("1.00:00:05")
    );
}

#[test]
fn ingestion_time_is_null_for_loaded_tables() {
    // q/ingestion-time-function.md: null when the table keeps no ingestion time.
    assert_eq!(scalar("ingestion_time", vec![]), Value::DateTime(None));
}
