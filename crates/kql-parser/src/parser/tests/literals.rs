use super::{assert_parses_to, assert_roundtrip, parse_err};
use crate::ast::{DynamicLiteral as D, ExprKind, Literal};
use crate::{parse_expr, ParseErrorKind, Span};

fn lit(text: &str) -> Literal {
    match &parse_expr(text)
        .unwrap_or_else(|e| panic!("{text}: {e}"))
        .kind
    {
        ExprKind::Literal(l) => l.clone(),
        other => panic!("{text}: not a literal: {other:?}"),
    }
}

const UNIX: i64 = 621_355_968_000_000_000;
const SEC: i64 = 10_000_000;

#[test]
fn numbers() {
    assert_eq!(lit("42"), Literal::Long(Some(42)));
    assert_eq!(lit("0x2A"), Literal::Long(Some(42)));
    assert_eq!(lit("1.5"), Literal::Real(Some(1.5)));
    assert_eq!(lit("1e3"), Literal::Real(Some(1000.0)));
    assert_eq!(lit("2."), Literal::Real(Some(2.0)));
    assert_eq!(lit("int(-5)"), Literal::Int(Some(-5)));
    assert_eq!(lit("long(-5)"), Literal::Long(Some(-5)));
    assert_eq!(lit("long(0x10)"), Literal::Long(Some(16)));
    assert_eq!(lit("real(2)"), Literal::Real(Some(2.0)));
    assert_eq!(lit("double(-1.5)"), Literal::Real(Some(-1.5)));
    assert_eq!(lit("real(+inf)"), Literal::Real(Some(f64::INFINITY)));
    assert_eq!(lit("real(-inf)"), Literal::Real(Some(f64::NEG_INFINITY)));
    assert!(matches!(lit("real(nan)"), Literal::Real(Some(v)) if v.is_nan()));
    assert_eq!(lit("decimal(1.50)"), Literal::Decimal(Some("1.50".into())));
    assert_eq!(lit("decimal(-1e5)"), Literal::Decimal(Some("-1e5".into())));
    assert_eq!(lit("-9223372036854775808"), Literal::Long(Some(i64::MIN)));
    assert_eq!(lit("9223372036854775807"), Literal::Long(Some(i64::MAX)));
}

#[test]
fn number_printing() {
    assert_roundtrip("print 42, 1.0, 0.1, 1e+300, 1e-7, int(5), int(-5), long(-5), decimal(1.50)");
    assert_roundtrip("print real(nan), real(+inf), real(-inf), real(-1.5), real(-0.0)");
    assert_roundtrip("print long(-9223372036854775808), 9223372036854775807");
    assert_parses_to(
        "print -9223372036854775808",
        "print long(-9223372036854775808)",
    );
    assert_parses_to(
        "print 0x10, 1e5, 2., real(5)",
        "print 16, 100000.0, 2.0, 5.0",
    );
    assert_parses_to("print double(1.5), long(+7)", "print 1.5, 7");
    // A real keeps its real type when printed.
    let Literal::Real(Some(v)) = lit("1e16") else {
        panic!()
    };
    assert_eq!(Literal::Real(Some(v)).to_string(), "1e+16");
}

#[test]
fn typed_nulls_and_bools() {
    for (text, want) in [
        ("bool(null)", Literal::Bool(None)),
        ("int(null)", Literal::Int(None)),
        ("long(null)", Literal::Long(None)),
        ("real(null)", Literal::Real(None)),
        ("double(null)", Literal::Real(None)),
        ("decimal(null)", Literal::Decimal(None)),
        ("datetime(null)", Literal::DateTime(None)),
        ("timespan(null)", Literal::TimeSpan(None)),
        ("guid(null)", Literal::Guid(None)),
        ("true", Literal::Bool(Some(true))),
        ("FALSE", Literal::Bool(Some(false))),
        ("bool(True)", Literal::Bool(Some(true))),
        ("bool(0)", Literal::Bool(Some(false))),
    ] {
        assert_eq!(lit(text), want, "{text}");
    }
    assert_roundtrip("print bool(null), int(null), long(null), real(null), decimal(null), datetime(null), timespan(null), guid(null), dynamic(null)");
    assert_parses_to(
        "print True, bool(false), double(null)",
        "print true, false, real(null)",
    );
}

#[test]
fn datetimes() {
    assert_eq!(lit("datetime(1970-01-01)"), Literal::DateTime(Some(UNIX)));
    assert_eq!(lit("date(1970-01-01)"), Literal::DateTime(Some(UNIX)));
    assert_eq!(
        lit("datetime(1970-01-01 00:00:01.5)"),
        Literal::DateTime(Some(UNIX + 15 * SEC / 10))
    );
    assert_eq!(lit("datetime('1970-01-01')"), Literal::DateTime(Some(UNIX)));
    assert_eq!(
        lit("datetime(1970-01-01T00:00:00Z)"),
        Literal::DateTime(Some(UNIX))
    );
    assert_roundtrip("print datetime(2024-01-01T10:00:00.5Z), datetime(0001-01-01T00:00:00Z), datetime(9999-12-31T23:59:59.9999999Z)");
    assert_parses_to(
        "print datetime(2024-01-01 10:00)",
        "print datetime(2024-01-01T10:00:00Z)",
    );
    assert_parses_to(
        "print datetime(Sat, 8 Nov 14 15:05:02 GMT)",
        "print datetime(2014-11-08T15:05:02Z)",
    );
}

#[test]
fn timespans() {
    assert_eq!(lit("1d"), Literal::TimeSpan(Some(86_400 * SEC)));
    assert_eq!(lit("1.5h"), Literal::TimeSpan(Some(5_400 * SEC)));
    assert_eq!(lit("100ms"), Literal::TimeSpan(Some(1_000_000)));
    assert_eq!(lit("10microseconds"), Literal::TimeSpan(Some(100)));
    assert_eq!(lit("2ticks"), Literal::TimeSpan(Some(2)));
    assert_eq!(
        lit("timespan(2)"),
        Literal::TimeSpan(Some(2 * 86_400 * SEC))
    );
    assert_eq!(lit("time(00:01:00)"), Literal::TimeSpan(Some(60 * SEC)));
    assert_eq!(
        lit("timespan(15 seconds)"),
        Literal::TimeSpan(Some(15 * SEC))
    );
    assert_eq!(lit("time(1d)"), lit("1d"));
    assert_roundtrip("print 1d, 2h, 30m, 10s, 100ms, 7microsecond, 3tick, 0d");
    assert_parses_to("print 90min, 1.5h, 36h, 1sec", "print 90m, 90m, 36h, 1s");
    assert_parses_to("print timespan(-1.02:03:04)", "print timespan(-1.02:03:04)");
    assert_parses_to("print timespan(0.12:34:56.7)", "print 45296700ms");
}

#[test]
fn guids() {
    assert_eq!(
        lit("guid(74be27de-1e4e-49d9-b579-fe0b331d3642)"),
        Literal::Guid(Some(0x74be27de_1e4e_49d9_b579_fe0b331d3642))
    );
    assert_roundtrip("print guid(74be27de-1e4e-49d9-b579-fe0b331d3642)");
    assert_parses_to(
        "print guid(74BE27DE-1E4E-49D9-B579-FE0B331D3642)",
        "print guid(74be27de-1e4e-49d9-b579-fe0b331d3642)",
    );
}

#[test]
fn strings() {
    assert_eq!(lit(r#""a\"b""#), Literal::String("a\"b".into()));
    assert_eq!(lit("@'c:\\x'"), Literal::String("c:\\x".into()));
    assert_roundtrip(
        "print \"\", \"a\\\"b\\\\c\", \"tab\\tnl\\ncr\\r\", \"日本 😀\", \"\\u0000\\u001f\\u2028\"",
    );
    assert_parses_to("print 'it\\'s'", "print \"it's\"");
    assert_parses_to("print @'it''s'", "print \"it's\"");
    assert_parses_to("print ```a\nb```", "print \"a\\nb\"");
    assert_parses_to("print h'secret'", "print \"secret\"");
    assert_parses_to(
        "print '\\U0001F600\\uD83D\\uDE00\\x41\\101'",
        "print \"😀😀AA\"",
    );
}

#[test]
fn dynamic_literals() {
    assert_eq!(lit("dynamic(null)"), Literal::Dynamic(D::Null));
    assert_eq!(
        lit("dynamic([1, -2, 1.5, 'a', true, null])"),
        Literal::Dynamic(D::Array(vec![
            D::Long(1),
            D::Long(-2),
            D::Real(1.5),
            D::String("a".into()),
            D::Bool(true),
            D::Null
        ]))
    );
    assert_eq!(
        lit("dynamic({'a': {\"b\": [1d, datetime(1970-01-01), guid(00000000-0000-0000-0000-000000000001), long(null), int(3)]}})"),
        Literal::Dynamic(D::Bag(vec![(
            "a".into(),
            D::Bag(vec![(
                "b".into(),
                D::Array(vec![
                    D::TimeSpan(86_400 * SEC),
                    D::DateTime(UNIX),
                    D::Guid(1),
                    D::Null,
                    D::Int(3)
                ])
            )])
        )]))
    );
    assert_roundtrip("print dynamic([1, \"a\", {\"b\": null, \"c\": [true, false]}, -1.5, real(nan), 1d, timespan(-00:00:01)])");
    assert_roundtrip("print dynamic({}), dynamic([]), dynamic(4), dynamic(\"s\")");
    assert_parses_to(
        "print dynamic ( [ -9223372036854775808 ] )",
        "print dynamic([-9223372036854775808])",
    );
    assert_eq!(
        parse_err("print dynamic([1,2,])").kind,
        ParseErrorKind::UnexpectedToken { found: "]".into() }
    );
    assert_eq!(
        parse_err("print dynamic(x)").expected,
        vec![crate::Expected::Kind("a dynamic value")]
    );
}

#[test]
fn literal_errors() {
    let e = parse_err("print datetime(2024-13-01)");
    assert_eq!(
        e.kind,
        ParseErrorKind::InvalidLiteral {
            what: "datetime literal".into()
        }
    );
    assert_eq!(e.span, Span::new(6, 26));
    assert_eq!(e.to_string(), "invalid datetime literal");
    assert_eq!(e.code(), "KQL1004");
    for text in [
        "print datetime(x)",
        "print guid(xyz)",
        "print timespan(1w)",
        "print long(1.5)",
        "print bool(yes)",
        "print decimal(abc)",
        "print real(1.2.3)",
    ] {
        assert!(
            matches!(parse_err(text).kind, ParseErrorKind::InvalidLiteral { .. }),
            "{text}"
        );
    }
    for text in [
        "print 9223372036854775808",
        "print 0xFFFFFFFFFFFFFFFFFFFF",
        "print int(3000000000)",
        "print 1e400",
        "print 99999999999999999999d",
        "print long(99999999999999999999)",
    ] {
        let e = parse_err(text);
        assert_eq!(e.kind, ParseErrorKind::NumberOutOfRange, "{text}");
        assert_eq!(e.code(), "KQL1005");
    }
    let e = parse_err("print 'a\\uD800'");
    assert_eq!(e.span, Span::new(8, 10));
}
