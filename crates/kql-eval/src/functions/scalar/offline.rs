//! Functions whose documented signature is known (so queries using them bind and check
//! against schemas) but whose data lives only in the Kusto service. Running them is an
//! error that says so.

use super::super::{arg, ArgType, EvalContext, ReturnType, ScalarFunction, Signature};
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::types::DataType;

/// `geo_info_from_ip_address(ip)` (q/geo-info-from-ip-address-function.md) needs the
/// service's IP geolocation database.
fn geo_info(_: &[ColumnarValue], _: &EvalContext) -> Result<ColumnarValue, EvalError> {
    Err(EvalError::invalid_argument(
        "geo_info_from_ip_address",
        "IP geolocation data is part of the Kusto service and is not available offline",
    ))
}

pub(super) fn functions() -> Vec<ScalarFunction> {
    const IP: &[super::super::Arg] = &[arg("ip", ArgType::String)];
    vec![ScalarFunction {
        name: "geo_info_from_ip_address",
        aliases: &[],
        signature: Signature::new(IP),
        returns: ReturnType::Fixed(DataType::Dynamic),
        eval: geo_info,
        volatile: false,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geo_lookup_is_a_clear_error() {
        let ctx = EvalContext { now: 0, rows: 1 };
        let err = geo_info(&[], &ctx).unwrap_err();
        assert!(err.to_string().contains("not available offline"), "{err}");
    }
}
