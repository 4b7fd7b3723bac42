//! IPv4 text match: `has_ipv4`, `has_ipv4_prefix`, `has_any_ipv4`, `has_any_ipv4_prefix`
//! (q/has-ipv4-function.md, q/has-ipv4-prefix-function.md, q/has-any-ipv4-function.md,
//! q/has-any-ipv4-prefix-function.md).
//!
//! An address in the text is a word delimited by non-alphanumeric characters other than
//! `.` (a trailing sentence period is dropped) that is a valid dotted IPv4 address:
//! `05:04:54 127.0.0.1 GET` holds `127.0.0.1`, `05:04:54127.0.0.1` holds none, and
//! `127.0.0.256` is no address. Addresses compare by value (`010.0.0.1` is `10.0.0.1`).

use super::super::def;
use super::super::kernel::{all_scalar, any, arg, finish, strs, OBool, Src, View};
use super::super::network::parse_ip_prefix;
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;

pub(super) fn functions() -> Vec<ScalarFunction> {
    let one = sig![a("source", ArgType::String), a("ip", ArgType::String)];
    let many = var_sig![64; a("source", ArgType::String), a("ips", ArgType::Any)];
    let bool_ = ReturnType::Fixed(DataType::Bool);
    vec![
        def("has_ipv4", one, bool_, |args, ctx| {
            text_match(args, ctx, Needle::address)
        }),
        def("has_ipv4_prefix", one, bool_, |args, ctx| {
            text_match(args, ctx, Needle::prefix)
        }),
        def("has_any_ipv4", many, bool_, |args, ctx| {
            text_match(args, ctx, Needle::address)
        }),
        def("has_any_ipv4_prefix", many, bool_, |args, ctx| {
            text_match(args, ctx, Needle::prefix)
        }),
    ]
}

/// What to look for: the leading octets of an address (all four for a full address).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Needle(Vec<u8>);

impl Needle {
    /// A complete IPv4 address.
    fn address(s: &str) -> Option<Needle> {
        if s.contains('/') {
            return None;
        }
        parse_ip_prefix(s).map(|(ip, _)| Needle(ip.to_be_bytes().to_vec()))
    }

    /// A complete address, or 1 to 3 octets each followed by a dot (`192.168.`).
    fn prefix(s: &str) -> Option<Needle> {
        let s = s.trim();
        let Some(head) = s.strip_suffix('.') else {
            return Needle::address(s);
        };
        let mut octets = Vec::new();
        for part in head.split('.') {
            if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            octets.push(part.parse::<u8>().ok()?);
        }
        (octets.len() <= 3).then_some(Needle(octets))
    }

    fn matches(&self, addr: &[u8; 4]) -> bool {
        addr.starts_with(&self.0)
    }
}

/// The properly delimited IPv4 addresses in `text`.
fn addresses(text: &str) -> impl Iterator<Item = [u8; 4]> + '_ {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.'))
        .filter_map(|w| {
            let w = w.trim_end_matches('.');
            if w.is_empty() || w.starts_with('.') {
                return None;
            }
            parse_ip_prefix(w).map(|(ip, _)| ip.to_be_bytes())
        })
}

/// True when some address in the text (argument 0) matches one of the needles (the other
/// arguments: strings or dynamic arrays of strings; invalid ones never match).
fn text_match(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    parse: fn(&str) -> Option<Needle>,
) -> Result<ColumnarValue, EvalError> {
    let text = strs(arg(args, 0)?)?;
    let lists: Vec<_> = args.iter().skip(1).map(any).collect();
    let scalar = all_scalar(args);
    let rows = if scalar { 1 } else { ctx.rows };
    let out: Vec<Option<bool>> = (0..rows)
        .take_while(|&i| crate::interrupt::keep_going(i))
        .map(|i| {
            let mut needles = Vec::new();
            for l in &lists {
                match l.at(i) {
                    Src::Str(s) => needles.extend(parse(s)),
                    Src::Dyn(Dynamic::String(s)) => needles.extend(parse(s)),
                    Src::Dyn(Dynamic::Array(items)) => {
                        for item in items.iter() {
                            if let Dynamic::String(s) = item {
                                needles.extend(parse(s));
                            }
                        }
                    }
                    _ => {}
                }
            }
            let found = !needles.is_empty()
                && addresses(text.at(i)).any(|addr| needles.iter().any(|n| n.matches(&addr)));
            Some(found)
        })
        .collect();
    Ok(finish::<OBool>(out, scalar))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::super::testutil::*;

    const LOG: &str = "05:04:54 127.0.0.1 GET /favicon.ico 404";

    #[test]
    fn has_ipv4_examples() {
        // q/has-ipv4-function.md
        assert_eq!(
            scalar("has_ipv4", vec![s(LOG), s("127.0.0.1")]),
            bv(Some(true))
        );
        assert_eq!(
            scalar(
                "has_ipv4",
                vec![
                    s("05:04:54 127.0.0.256 GET /favicon.ico 404"),
                    s("127.0.0.256")
                ]
            ),
            bv(Some(false))
        );
        assert_eq!(
            scalar(
                "has_ipv4",
                vec![s("05:04:54127.0.0.1 GET /favicon.ico 404"), s("127.0.0.1")]
            ),
            bv(Some(false))
        );
        assert_eq!(
            column(
                "has_ipv4",
                vec![
                    scol(&[
                        "These requests came from: 192.168.1.1, 10.1.1.115 and 10.1.1.201.",
                        "10.1.1.2015"
                    ]),
                    s("10.1.1.201")
                ]
            ),
            vec![bv(Some(true)), bv(Some(false))]
        );
    }

    #[test]
    fn has_ipv4_prefix_examples() {
        // q/has-ipv4-prefix-function.md
        assert_eq!(
            scalar("has_ipv4_prefix", vec![s(LOG), s("127.0.")]),
            bv(Some(true))
        );
        assert_eq!(
            scalar("has_ipv4_prefix", vec![s(LOG), s("127.0")]),
            bv(Some(false))
        );
        assert_eq!(
            scalar(
                "has_ipv4_prefix",
                vec![s("05:04:54 127.0.0.256 GET /favicon.ico 404"), s("127.0.")]
            ),
            bv(Some(false))
        );
        assert_eq!(
            scalar(
                "has_ipv4_prefix",
                vec![s("05:04:54127.0.0.1 GET /favicon.ico 404"), s("127.0.")]
            ),
            bv(Some(false))
        );
        assert_eq!(
            scalar("has_ipv4_prefix", vec![s(LOG), s("127.0.0.1")]),
            bv(Some(true))
        );
    }

    #[test]
    fn has_any_ipv4_examples() {
        // q/has-any-ipv4-function.md
        assert_eq!(
            scalar("has_any_ipv4", vec![s(LOG), s("127.0.0.1"), s("127.0.0.2")]),
            bv(Some(true))
        );
        assert_eq!(
            scalar(
                "has_any_ipv4",
                vec![
                    s("05:04:54 127.0.0.256 GET /favicon.ico 404"),
                    d(r#"["127.0.0.256", "192.168.1.1"]"#)
                ]
            ),
            bv(Some(false))
        );
        assert_eq!(
            scalar(
                "has_any_ipv4",
                vec![
                    s("05:04:54127.0.0.1 GET /favicon.ico 404"),
                    s("127.0.0.1"),
                    s("192.168.1.1")
                ]
            ),
            bv(Some(false))
        );
        // q/has-any-ipv4-prefix-function.md
        assert_eq!(
            scalar(
                "has_any_ipv4_prefix",
                vec![s(LOG), s("127.0."), s("192.168.")]
            ),
            bv(Some(true))
        );
        assert_eq!(
            scalar(
                "has_any_ipv4_prefix",
                vec![s(LOG), d(r#"["127.0", "192.168."]"#)]
            ),
            bv(Some(false))
        );
        assert_eq!(
            scalar(
                "has_any_ipv4_prefix",
                vec![
                    s("05:04:54 127.0.0.256 GET /favicon.ico 404"),
                    s("127.0."),
                    s("192.168.")
                ]
            ),
            bv(Some(false))
        );
        assert_eq!(
            scalar(
                "has_any_ipv4_prefix",
                vec![
                    s("05:04:54127.0.0.1 GET /favicon.ico 404"),
                    s("127.0."),
                    s("192.")
                ]
            ),
            bv(Some(false))
        );
    }
}
