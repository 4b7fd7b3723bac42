use super::super::convert::parse_datetime_text;
use super::super::testutil::*;
use crate::format::{TICKS_PER_DAY, TICKS_PER_SECOND};
use crate::value::Value;

const HOUR: i64 = 3600 * TICKS_PER_SECOND;

#[test]
fn bin_doc_examples() {
    // q/bin-function.md examples
    assert_eq!(scalar("bin", vec![r(4.5), l(1)]), rv(Some(4.0)));
    assert_eq!(
        scalar("bin", vec![ts(16 * TICKS_PER_DAY), ts(7 * TICKS_PER_DAY)]),
        Value::TimeSpan(Some(14 * TICKS_PER_DAY))
    );
    let t = parse_datetime_text("1970-05-11 13:45:07").unwrap();
    assert_eq!(
        scalar("bin", vec![dt(t), ts(TICKS_PER_DAY)]),
        Value::DateTime(parse_datetime_text("1970-05-11"))
    );
    // null, zero or negative size -> null
    assert_eq!(scalar("bin", vec![l(7), l(-2)]), lv(None));
    assert_eq!(scalar("bin", vec![l(7), l(0)]), lv(None));
    assert_eq!(scalar("bin", vec![l(7), lnull()]), lv(None));
    assert_eq!(scalar("floor", vec![l(-3), l(2)]), lv(Some(-4)));
    assert_eq!(scalar("bin", vec![l(7), r(2.5)]), rv(Some(5.0)));
    assert_eq!(scalar("bin", vec![i(7), l(5)]), Value::Int(Some(5)));
    assert_eq!(
        column("bin", vec![lcol(&[Some(1), Some(12), None]), l(5)]),
        vec![lv(Some(0)), lv(Some(10)), lv(None)]
    );
    assert_eq!(
        column("bin", vec![dtcol(&[Some(t), None]), ts(HOUR)]),
        vec![
            Value::DateTime(Some(t - 45 * 60 * TICKS_PER_SECOND - 7 * TICKS_PER_SECOND)),
            Value::DateTime(None)
        ]
    );
    assert_eq!(
        column(
            "bin",
            vec![
                rcol(&[Some(1.5), Some(-0.5)]),
                rcol(&[Some(1.0), Some(0.25)])
            ]
        ),
        vec![rv(Some(1.0)), rv(Some(-0.5))]
    );
}

#[test]
fn bin_at_doc_examples() {
    // q/bin-at-function.md examples
    assert_eq!(
        scalar("bin_at", vec![r(6.5), r(2.5), r(7.0)]),
        rv(Some(4.5))
    );
    assert_eq!(
        scalar("bin_at", vec![ts(HOUR), ts(TICKS_PER_DAY), ts(12 * HOUR)]),
        Value::TimeSpan(Some(-12 * HOUR))
    );
    let p = |s| parse_datetime_text(s).unwrap();
    assert_eq!(
        scalar(
            "bin_at",
            vec![
                dt(p("2017-05-15 10:20:00")),
                ts(TICKS_PER_DAY),
                dt(p("1970-01-01 12:00"))
            ]
        ),
        Value::DateTime(Some(p("2017-05-14 12:00")))
    );
    assert_eq!(
        scalar(
            "bin_at",
            vec![
                dt(p("2017-05-17 10:20:00")),
                ts(7 * TICKS_PER_DAY),
                dt(p("2017-06-04"))
            ]
        ),
        Value::DateTime(Some(p("2017-05-14")))
    );
}

#[test]
fn abs_ceiling_round() {
    assert_eq!(scalar("abs", vec![l(-5)]), lv(Some(5)));
    assert_eq!(scalar("abs", vec![l(i64::MIN)]), lv(None));
    assert_eq!(scalar("abs", vec![r(-1.5)]), rv(Some(1.5)));
    assert_eq!(scalar("abs", vec![ts(-5)]), Value::TimeSpan(Some(5)));
    assert_eq!(
        column("abs", vec![lcol(&[Some(-1), None])]),
        vec![lv(Some(1)), lv(None)]
    );
    assert_eq!(scalar("ceiling", vec![r(1.1)]), rv(Some(2.0)));
    assert_eq!(scalar("ceiling", vec![l(3)]), lv(Some(3)));
    // q/round-function.md examples
    assert_eq!(scalar("round", vec![r(2.98765), l(3)]), rv(Some(2.988)));
    assert_eq!(scalar("round", vec![r(2.15), l(1)]), rv(Some(2.2)));
    assert_eq!(scalar("round", vec![r(2.15)]), rv(Some(2.0)));
    assert_eq!(scalar("round", vec![r(-50.55), l(-2)]), rv(Some(-100.0)));
    assert_eq!(scalar("round", vec![r(21.5), l(-1)]), rv(Some(20.0)));
    assert_eq!(scalar("round", vec![l(1250), l(-2)]), lv(Some(1300)));
    assert_eq!(
        column("round", vec![rcol(&[Some(0.5), None, Some(-0.5)])]),
        vec![rv(Some(1.0)), rv(None), rv(Some(-1.0))]
    );
}

#[test]
fn real_functions() {
    assert_eq!(scalar("sqrt", vec![r(4.0)]), rv(Some(2.0)));
    // q/sqrt-function.md: null if the argument is negative
    assert_eq!(scalar("sqrt", vec![r(-4.0)]), rv(None));
    // q/log-function.md example: log(5) = 1.6094379124341003
    assert_eq!(scalar("log", vec![r(5.0)]), rv(Some(1.6094379124341003)));
    assert_eq!(scalar("log", vec![r(-1.0)]), rv(None));
    assert_eq!(scalar("log10", vec![r(100.0)]), rv(Some(2.0)));
    assert_eq!(scalar("log2", vec![r(8.0)]), rv(Some(3.0)));
    assert_eq!(scalar("exp", vec![r(0.0)]), rv(Some(1.0)));
    assert_eq!(scalar("pow", vec![r(2.0), r(10.0)]), rv(Some(1024.0)));
    assert_eq!(
        column("pow", vec![rcol(&[Some(2.0), None]), r(2.0)]),
        vec![rv(Some(4.0)), rv(None)]
    );
    assert_eq!(
        column("sqrt", vec![rcol(&[Some(9.0), None])]),
        vec![rv(Some(3.0)), rv(None)]
    );
    assert_eq!(scalar("isnan", vec![r(f64::NAN)]), bv(Some(true)));
    assert_eq!(scalar("isinf", vec![r(f64::INFINITY)]), bv(Some(true)));
    assert_eq!(scalar("isfinite", vec![r(1.0)]), bv(Some(true)));
    assert_eq!(
        column("isnan", vec![rcol(&[Some(1.0), None])]),
        vec![bv(Some(false)), bv(None)]
    );
    assert_eq!(scalar("sign", vec![l(-3)]), rv(Some(-1.0)));
}

#[test]
fn min_of_max_of() {
    // q/max-of-function.md: max_of(10, 1, -3, 17) == 17; nulls ignored
    assert_eq!(
        scalar("max_of", vec![l(10), l(1), l(-3), l(17)]),
        lv(Some(17))
    );
    assert_eq!(
        scalar("min_of", vec![l(10), l(1), l(-3), l(17)]),
        lv(Some(-3))
    );
    assert_eq!(scalar("max_of", vec![lnull(), l(1)]), lv(Some(1)));
    assert_eq!(scalar("max_of", vec![lnull(), lnull()]), lv(None));
    assert_eq!(scalar("max_of", vec![l(1), r(1.5)]), rv(Some(1.5)));
    assert_eq!(scalar("min_of", vec![s("b"), s("a")]), sv("a"));
    assert_eq!(
        column(
            "max_of",
            vec![
                lcol(&[Some(1), None, None]),
                lcol(&[Some(3), Some(2), None])
            ]
        ),
        vec![lv(Some(3)), lv(Some(2)), lv(None)]
    );
    assert_eq!(
        column("min_of", vec![lcol(&[Some(5), Some(0)]), l(2)]),
        vec![lv(Some(2)), lv(Some(0))]
    );
}

#[test]
fn rand_ranges() {
    for _ in 0..100 {
        let Value::Real(Some(x)) = scalar("rand", vec![]) else {
            panic!()
        };
        assert!((0.0..1.0).contains(&x));
        let Value::Real(Some(n)) = scalar("rand", vec![l(10)]) else {
            panic!()
        };
        assert!((0.0..10.0).contains(&n) && n.fract() == 0.0);
    }
    assert_eq!(scalar("pi", vec![]), rv(Some(std::f64::consts::PI)));
}

#[test]
fn bin_aligns_datetimes_to_year_one() {
    // The docs' tutorial output for `summarize count() by bin(StartTime, 7d)` over 2007
    // shows bins starting 2007-01-01, 2007-01-08, 2007-01-29 (Mondays, like 0001-01-01),
    // so datetime bins are multiples of the size from tick 0, not from the Unix epoch
    // (q/tutorials/learn-common-operators.md).
    let p = |s| parse_datetime_text(s).unwrap();
    assert_eq!(
        scalar(
            "bin",
            vec![dt(p("2007-01-03 10:00")), ts(7 * TICKS_PER_DAY)]
        ),
        Value::DateTime(Some(p("2007-01-01")))
    );
    assert_eq!(
        scalar("bin", vec![dt(p("2007-02-01")), ts(7 * TICKS_PER_DAY)]),
        Value::DateTime(Some(p("2007-01-29")))
    );
}
