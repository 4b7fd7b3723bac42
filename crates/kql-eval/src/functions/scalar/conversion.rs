//! `tostring`, `tolong`, `toint`, `toreal`, `tobool`, `todatetime`, `totimespan`,
//! `todecimal`, `toguid`, `todynamic`/`parse_json`. All return null when the conversion
//! fails (`""` for `tostring`). (q/to*-function.md, q/parse-json-function.md)

use super::convert::{
    to_bool, to_datetime, to_decimal, to_dynamic_parsed, to_guid, to_int, to_long, to_real,
    to_timespan, write_text,
};
use super::def;
use super::kernel::{
    any, arg, map1, str1, OBool, ODateTime, ODecimal, ODyn, OGuid, OInt, OLong, OReal, OTimeSpan,
    Out, Src,
};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, ArgType, EvalContext, ReturnType, ScalarFunction, Signature};
use crate::types::DataType;

const ONE_VALUE: Signature = sig![a("value", ArgType::Any)];

fn conv(
    name: &'static str,
    aliases: &'static [&'static str],
    ty: DataType,
    eval: fn(&[ColumnarValue], &EvalContext) -> Result<ColumnarValue, EvalError>,
) -> ScalarFunction {
    ScalarFunction {
        aliases,
        ..def(name, ONE_VALUE, ReturnType::Fixed(ty), eval)
    }
}

/// Applies a conversion to every row; a value already of the target type passes through.
fn each<O: Out>(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    target: DataType,
    f: fn(Src<'_>) -> O::T,
) -> Result<ColumnarValue, EvalError> {
    let v = arg(args, 0)?;
    if v.data_type() == target {
        return Ok(v.clone());
    }
    Ok(map1::<O, _>(ctx, &any(v), f))
}

pub(super) fn functions() -> Vec<ScalarFunction> {
    use DataType as T;
    vec![
        conv("tostring", &[], T::String, |args, ctx| {
            let v = arg(args, 0)?;
            if v.data_type() == T::String {
                return Ok(v.clone());
            }
            Ok(str1(ctx, &any(v), write_text))
        }),
        conv("tolong", &[], T::Long, |args, ctx| {
            each::<OLong>(args, ctx, T::Long, to_long)
        }),
        conv("toint", &[], T::Int, |args, ctx| {
            each::<OInt>(args, ctx, T::Int, to_int)
        }),
        conv("toreal", &["todouble"], T::Real, |args, ctx| {
            each::<OReal>(args, ctx, T::Real, to_real)
        }),
        conv("todecimal", &[], T::Decimal, |args, ctx| {
            each::<ODecimal>(args, ctx, T::Decimal, to_decimal)
        }),
        conv("tobool", &["toboolean"], T::Bool, |args, ctx| {
            each::<OBool>(args, ctx, T::Bool, to_bool)
        }),
        conv("todatetime", &[], T::DateTime, |args, ctx| {
            each::<ODateTime>(args, ctx, T::DateTime, to_datetime)
        }),
        conv("totimespan", &["totime"], T::TimeSpan, |args, ctx| {
            each::<OTimeSpan>(args, ctx, T::TimeSpan, to_timespan)
        }),
        conv("toguid", &[], T::Guid, |args, ctx| {
            each::<OGuid>(args, ctx, T::Guid, to_guid)
        }),
        conv("todynamic", &["parse_json"], T::Dynamic, |args, ctx| {
            each::<ODyn>(args, ctx, T::Dynamic, to_dynamic_parsed)
        }),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::format::{TICKS_PER_SECOND, UNIX_EPOCH_TICKS};
    use crate::value::Value;

    #[test]
    fn tostring_of_everything() {
        // q/tostring-function.md: tostring(null) is ""
        assert_eq!(scalar("tostring", vec![l(123)]), sv("123"));
        assert_eq!(scalar("tostring", vec![lnull()]), sv(""));
        assert_eq!(scalar("tostring", vec![b(true)]), sv("true"));
        assert_eq!(scalar("tostring", vec![d("\"x\"")]), sv("x"));
        assert_eq!(scalar("tostring", vec![d("[1,\"a\"]")]), sv("[1,\"a\"]"));
        assert_eq!(
            scalar("tostring", vec![dt(UNIX_EPOCH_TICKS)]),
            sv("1970-01-01T00:00:00Z")
        );
        assert_eq!(
            scalar("tostring", vec![ts(90 * TICKS_PER_SECOND)]),
            sv("00:01:30")
        );
        assert_eq!(
            column("tostring", vec![lcol(&[Some(1), None])]),
            vec![sv("1"), sv("")]
        );
        assert_eq!(
            column("tostring", vec![rcol(&[Some(1.5)])]),
            vec![sv("1.5")]
        );
    }

    #[test]
    fn numeric_conversions() {
        // q/tolong-function.md: tolong("123") == 123; q/toint-function.md: toint(2.3) == 2
        assert_eq!(scalar("tolong", vec![s("12")]), lv(Some(12)));
        assert_eq!(scalar("tolong", vec![r(1.9)]), lv(Some(1)));
        assert_eq!(scalar("tolong", vec![s("abc")]), lv(None));
        assert_eq!(scalar("toint", vec![r(2.3)]), Value::Int(Some(2)));
        assert_eq!(scalar("toint", vec![l(1 << 40)]), Value::Int(None));
        assert_eq!(scalar("toreal", vec![s("1e3")]), rv(Some(1000.0)));
        assert_eq!(scalar("todouble", vec![l(2)]), rv(Some(2.0)));
        assert_eq!(
            column("tolong", vec![scol(&["1", "x", " 2 "])]),
            vec![lv(Some(1)), lv(None), lv(Some(2))]
        );
        assert_eq!(
            column("toreal", vec![lcol(&[Some(1), None])]),
            vec![rv(Some(1.0)), rv(None)]
        );
        assert_eq!(scalar("tolong", vec![dt(5)]), lv(Some(5)));
    }

    #[test]
    fn bool_conversions() {
        // q/tobool-function.md examples
        assert_eq!(scalar("tobool", vec![s("true")]), bv(Some(true)));
        assert_eq!(scalar("toboolean", vec![s("false")]), bv(Some(false)));
        assert_eq!(scalar("tobool", vec![l(1)]), bv(Some(true)));
        assert_eq!(scalar("tobool", vec![l(123)]), bv(Some(true)));
        assert_eq!(
            column("tobool", vec![scol(&["TRUE", "nah"])]),
            vec![bv(Some(true)), bv(None)]
        );
    }

    #[test]
    fn time_conversions() {
        assert_eq!(
            scalar("todatetime", vec![s("1970-01-01")]),
            Value::DateTime(Some(UNIX_EPOCH_TICKS))
        );
        assert_eq!(
            scalar("todatetime", vec![s("garbage")]),
            Value::DateTime(None)
        );
        // q/totimespan-function.md: totimespan("0.00:01:00") == time(1min)
        assert_eq!(
            scalar("totimespan", vec![s("0.00:01:00")]),
            Value::TimeSpan(Some(60 * TICKS_PER_SECOND))
        );
        assert_eq!(
            column("totime", vec![scol(&["00:00:01", "x"])]),
            vec![
                Value::TimeSpan(Some(TICKS_PER_SECOND)),
                Value::TimeSpan(None)
            ]
        );
    }

    #[test]
    fn parse_json_variants() {
        // q/parse-json-function.md: invalid JSON gives a dynamic string
        assert_eq!(scalar("parse_json", vec![s("{\"a\":1}")]), dv("{\"a\":1}"));
        assert_eq!(scalar("parse_json", vec![s("oops")]), dv("\"oops\""));
        assert_eq!(scalar("todynamic", vec![s("")]), dv("null"));
        assert_eq!(scalar("todynamic", vec![l(3)]), dv("3"));
        assert_eq!(scalar("parse_json", vec![d("[1]")]), dv("[1]"));
        assert_eq!(
            column("parse_json", vec![scol(&["1", "[2]"])]),
            vec![dv("1"), dv("[2]")]
        );
    }

    #[test]
    fn guid_and_decimal() {
        let g = scalar("toguid", vec![s("74be27de-1e4e-49d9-b579-fe0b331d3642")]);
        assert!(matches!(g, Value::Guid(Some(_))));
        assert_eq!(scalar("toguid", vec![s("nope")]), Value::Guid(None));
        assert_eq!(
            scalar("todecimal", vec![s("1.5")]),
            Value::Decimal(Some("1.5".parse().unwrap()))
        );
    }
}
