//! IPv6 and more IPv4 functions: `ipv6_compare`, `ipv6_is_match`, `parse_ipv6`,
//! `parse_ipv6_mask`, `ipv6_is_in_range`, `ipv6_is_in_any_range`, `ipv4_is_in_any_range`,
//! `format_ipv4`, `format_ipv4_mask`, `ipv4_netmask_suffix`, `ipv4_range_to_cidr_list`,
//! and (in [`text`]) the IPv4 text-match functions `has_ipv4`, `has_any_ipv4`, ....
//!
//! Addresses are parsed by [`crate::ip_ranges`] (IPv6 functions, 128-bit space with IPv4 as
//! IPv4-mapped IPv6) and by [`super::network::parse_ip_prefix`] (IPv4 functions).

use super::def;
use super::kernel::{
    all_scalar, any, arg, finish, i64s, map1, map2, map3, str1, str2, strs, OBool, ODyn, OLong,
    Prim, Src, Strs, View,
};
use super::network::{mask, parse_ip_prefix};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::ip_ranges::{parse_ipv6_address, IpNet};
use crate::types::DataType;
use std::cmp::Ordering;
use std::fmt::Write;

mod text;

/// `::ffff:0:0`, where IPv4 addresses sit in the 128-bit space.
const V4_MAPPED: u128 = 0xffff << 32;

pub(super) fn functions() -> Vec<ScalarFunction> {
    let two_ips = sig![
        a("ip1", ArgType::String),
        a("ip2", ArgType::String),
        opt("prefix", ArgType::Long)
    ];
    let ip_range = sig![a("ip", ArgType::String), a("range", ArgType::String)];
    let any_range = var_sig![64; a("ip", ArgType::String), a("ranges", ArgType::Any)];
    let format = sig![a("ip", ArgType::Any), opt("prefix", ArgType::Long)];
    let long = ReturnType::Fixed(DataType::Long);
    let bool_ = ReturnType::Fixed(DataType::Bool);
    let string = ReturnType::Fixed(DataType::String);
    let mut v = text::functions();
    v.extend([
        // q/ipv6-compare-function.md
        def("ipv6_compare", two_ips, long, |args, ctx| {
            let (x, y, p) = ip_pair(args)?;
            Ok(map3::<OLong, _, _, _>(ctx, &x, &y, &p, |x, y, p| {
                compare_v6(x, y, p).map(|o| o as i64)
            }))
        }),
        // q/ipv6-is-match-function.md
        def("ipv6_is_match", two_ips, bool_, |args, ctx| {
            let (x, y, p) = ip_pair(args)?;
            Ok(map3::<OBool, _, _, _>(ctx, &x, &y, &p, |x, y, p| {
                compare_v6(x, y, p).map(|o| o == Ordering::Equal)
            }))
        }),
        // q/parse-ipv6-function.md: canonical text, empty when the input is not an address.
        def(
            "parse_ipv6",
            sig![a("ip", ArgType::String)],
            string,
            |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(str1(ctx, &s, |out, s| {
                    if let Some((addr, prefix)) = parse_ipv6_address(s) {
                        write_ipv6(out, IpNet::new(addr, prefix).base);
                    }
                }))
            },
        ),
        // q/parse-ipv6-mask-function.md: `prefix` (0-128) counts bits of the 128-bit
        // address, IPv4 included (`120` keeps 24 bits of an IPv4 address).
        def(
            "parse_ipv6_mask",
            sig![a("ip", ArgType::String), a("prefix", ArgType::Long)],
            string,
            |args, ctx| {
                let (s, p) = (strs(arg(args, 0)?)?, i64s(arg(args, 1)?)?);
                Ok(str2(ctx, &s, &p, |out, s, p| {
                    let Some((addr, own)) = parse_ipv6_address(s) else {
                        return;
                    };
                    if let Some(p) = prefix_arg(p, 128) {
                        write_ipv6(out, IpNet::new(addr, own.min(p)).base);
                    }
                }))
            },
        ),
        // q/ipv6-is-in-range-function.md
        def("ipv6_is_in_range", ip_range, bool_, |args, ctx| {
            let (ip, range) = (strs(arg(args, 0)?)?, strs(arg(args, 1)?)?);
            Ok(map2::<OBool, _, _>(ctx, &ip, &range, |ip, range| {
                let (addr, _) = parse_ipv6_address(ip)?;
                Some(network(parse_ipv6_address, range)?.contains(addr))
            }))
        }),
        // q/ipv6-is-in-any-range-function.md
        def("ipv6_is_in_any_range", any_range, bool_, |args, ctx| {
            in_any_range(args, ctx, parse_ipv6_address)
        }),
        // q/ipv4-is-in-any-range-function.md
        def("ipv4_is_in_any_range", any_range, bool_, |args, ctx| {
            in_any_range(args, ctx, parse_v4_as_v6)
        }),
        // q/format-ipv4-function.md
        def("format_ipv4", format, string, |args, ctx| {
            format_v4(args, ctx, false)
        }),
        // q/format-ipv4-mask-function.md
        def("format_ipv4_mask", format, string, |args, ctx| {
            format_v4(args, ctx, true)
        }),
        // q/ipv4-netmask-suffix-function.md: the `/suffix`, 32 without one, null when the
        // input is not an IPv4 address.
        def(
            "ipv4_netmask_suffix",
            sig![a("ip", ArgType::String)],
            long,
            |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(map1::<OLong, _>(ctx, &s, |s| {
                    parse_ip_prefix(s).map(|(_, p)| i64::from(p))
                }))
            },
        ),
        // q/ipv4-range-to-cidr-list-function.md
        def(
            "ipv4_range_to_cidr_list",
            sig![a("start", ArgType::String), a("end", ArgType::String)],
            ReturnType::Fixed(DataType::Dynamic),
            |args, ctx| {
                let (x, y) = (strs(arg(args, 0)?)?, strs(arg(args, 1)?)?);
                Ok(map2::<ODyn, _, _>(ctx, &x, &y, |x, y| {
                    match (parse_ip_prefix(x), parse_ip_prefix(y)) {
                        (Some((x, _)), Some((y, _))) if x <= y => cidr_list(x, y),
                        _ => Dynamic::Null,
                    }
                }))
            },
        ),
    ]);
    v
}

/// The two address arguments and the prefix (128 when absent).
fn ip_pair(args: &[ColumnarValue]) -> Result<(Strs<'_>, Strs<'_>, Prim<'_, i64>), EvalError> {
    let p = match args.get(2) {
        Some(p) => i64s(p)?,
        None => Prim::Scalar(Some(128)),
    };
    Ok((strs(arg(args, 0)?)?, strs(arg(args, 1)?)?, p))
}

/// A prefix argument in `0..=max`.
fn prefix_arg(p: Option<i64>, max: u8) -> Option<u8> {
    u8::try_from(p?).ok().filter(|p| *p <= max)
}

/// Compares two addresses on their first `min(prefix of x, prefix of y, p)` bits
/// (q/ipv6-compare-function.md). The `p` argument counts bits of the 128-bit address.
fn compare_v6(x: &str, y: &str, p: Option<i64>) -> Option<Ordering> {
    let (x, px) = parse_ipv6_address(x)?;
    let (y, py) = parse_ipv6_address(y)?;
    let bits = px.min(py).min(prefix_arg(p, 128)?);
    Some(IpNet::new(x, bits).base.cmp(&IpNet::new(y, bits).base))
}

/// An IPv4 address (with prefix) in the 128-bit space: IPv4-mapped, prefix + 96.
fn parse_v4_as_v6(s: &str) -> Option<(u128, u8)> {
    let (ip, p) = parse_ip_prefix(s)?;
    Some((V4_MAPPED | u128::from(ip), p.checked_add(96)?))
}

/// The network a range string denotes.
fn network(parse: fn(&str) -> Option<(u128, u8)>, range: &str) -> Option<IpNet> {
    parse(range).map(|(addr, prefix)| IpNet::new(addr, prefix))
}

/// `ipv4/ipv6_is_in_any_range(ip, range, ...)`: the ranges are strings or dynamic arrays
/// of strings. Null when the address or any range does not parse.
fn in_any_range(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    parse: fn(&str) -> Option<(u128, u8)>,
) -> Result<ColumnarValue, EvalError> {
    let ip = strs(arg(args, 0)?)?;
    let ranges: Vec<_> = args.iter().skip(1).map(any).collect();
    let scalar = all_scalar(args);
    let rows = if scalar { 1 } else { ctx.rows };
    let out: Vec<Option<bool>> = (0..rows)
        .take_while(|&i| crate::interrupt::keep_going(i))
        .map(|i| {
            let (addr, _) = parse(ip.at(i))?;
            let mut hit = false;
            let mut check = |range: &str| -> Option<()> {
                hit |= network(parse, range)?.contains(addr);
                Some(())
            };
            for r in &ranges {
                match r.at(i) {
                    Src::Str(s) => check(s)?,
                    Src::Dyn(Dynamic::String(s)) => check(s)?,
                    Src::Dyn(Dynamic::Array(items)) => {
                        for item in items.iter() {
                            match item {
                                Dynamic::String(s) => check(s)?,
                                _ => return None,
                            }
                        }
                    }
                    _ => return None,
                }
            }
            Some(hit)
        })
        .collect();
    Ok(finish::<OBool>(out, scalar))
}

/// `format_ipv4(ip [, prefix])` and `format_ipv4_mask` (with `/prefix`): the address is
/// IPv4 text (optionally with a prefix) or a number in big-endian order; the prefix
/// argument is 0-32 (32 when absent). Empty when either is invalid.
fn format_v4(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    with_mask: bool,
) -> Result<ColumnarValue, EvalError> {
    let ip = any(arg(args, 0)?);
    let p = match args.get(1) {
        Some(p) => i64s(p)?,
        None => Prim::Scalar(Some(32)),
    };
    Ok(str2(ctx, &ip, &p, |out, ip, p| {
        let (Some((ip, own)), Some(p)) = (ipv4_of(ip), prefix_arg(p, 32)) else {
            return;
        };
        let bits = own.min(p);
        write_ipv4(out, mask(ip, bits));
        if with_mask {
            let _ = write!(out, "/{bits}");
        }
    }))
}

/// An IPv4 address and prefix from text or a number.
fn ipv4_of(v: Src<'_>) -> Option<(u32, u8)> {
    let number = |n: i64| u32::try_from(n).ok().map(|n| (n, 32));
    match v {
        Src::Str(s) => parse_ip_prefix(s),
        Src::Dyn(Dynamic::String(s)) => parse_ip_prefix(s),
        Src::Int(n) => number(i64::from(n?)),
        Src::Long(n) => number(n?),
        Src::Dyn(Dynamic::Long(n)) => number(*n),
        _ => None,
    }
}

fn write_ipv4(out: &mut String, ip: u32) {
    let [a, b, c, d] = ip.to_be_bytes();
    let _ = write!(out, "{a}.{b}.{c}.{d}");
}

/// Eight groups of four lowercase hex digits (q/parse-ipv6-function.md).
fn write_ipv6(out: &mut String, addr: u128) {
    for (i, pair) in addr.to_be_bytes().chunks(2).enumerate() {
        if i > 0 {
            out.push(':');
        }
        for byte in pair {
            let _ = write!(out, "{byte:02x}");
        }
    }
}

/// The fewest CIDR blocks covering `start..=end` (q/ipv4-range-to-cidr-list-function.md).
fn cidr_list(start: u32, end: u32) -> Dynamic {
    let (mut cur, end) = (u64::from(start), u64::from(end));
    let mut out = Vec::new();
    while cur <= end {
        // The largest aligned block starting at `cur` that ends by `end`.
        let mut size = cur.trailing_zeros().min(32);
        while size > 0 && cur + (1u64 << size) - 1 > end {
            size -= 1;
        }
        let mut s = String::new();
        write_ipv4(&mut s, u32::try_from(cur).unwrap_or(u32::MAX));
        let _ = write!(s, "/{}", 32 - size);
        out.push(Dynamic::String(s));
        cur += 1u64 << size;
    }
    Dynamic::Array(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::value::Value;

    fn cmp6(x: &str, y: &str) -> Value {
        scalar("ipv6_compare", vec![s(x), s(y)])
    }

    #[test]
    fn ipv6_compare_examples() {
        // q/ipv6-compare-function.md, first example table: every row gives 0
        for (x, y) in [
            ("192.168.1.1", "192.168.1.1"),
            ("192.168.1.1/24", "192.168.1.255"),
            ("192.168.1.1", "192.168.1.255/24"),
            ("192.168.1.1/30", "192.168.1.255/24"),
            ("fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7994"),
            ("fe80::85d:e82c:9446:7994/120", "fe80::85d:e82c:9446:7998"),
            ("fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7998/120"),
            (
                "fe80::85d:e82c:9446:7994/120",
                "fe80::85d:e82c:9446:7998/120",
            ),
            ("192.168.1.1", "::ffff:c0a8:0101"),
            ("192.168.1.1/24", "::ffff:c0a8:01ff"),
            ("::ffff:c0a8:0101", "192.168.1.255/24"),
            ("::192.168.1.1/30", "192.168.1.255/24"),
        ] {
            assert_eq!(cmp6(x, y), lv(Some(0)), "{x} {y}");
            assert_eq!(
                scalar("ipv6_is_match", vec![s(x), s(y)]),
                bv(Some(true)),
                "{x} {y}"
            );
        }
        // second table, with the prefix argument: every row gives 0
        for (x, y, p) in [
            ("192.168.1.1", "192.168.1.0", 31),
            ("192.168.1.1/24", "192.168.1.255", 31),
            ("192.168.1.1", "192.168.1.255", 24),
            ("fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7995", 127),
            (
                "fe80::85d:e82c:9446:7994/127",
                "fe80::85d:e82c:9446:7998",
                120,
            ),
            (
                "fe80::85d:e82c:9446:7994/120",
                "fe80::85d:e82c:9446:7998",
                127,
            ),
            ("192.168.1.1/24", "::ffff:c0a8:01ff", 127),
            ("::ffff:c0a8:0101", "192.168.1.255", 120),
            ("::192.168.1.1/30", "192.168.1.255/24", 127),
        ] {
            assert_eq!(
                scalar("ipv6_compare", vec![s(x), s(y), l(p)]),
                lv(Some(0)),
                "{x} {y} {p}"
            );
            assert_eq!(
                scalar("ipv6_is_match", vec![s(x), s(y), l(p)]),
                bv(Some(true))
            );
        }
        // q/ipv6-compare-function.md "Returns": -1, 1 and null
        assert_eq!(
            cmp6("fe80::85d:e82c:9446:7994", "fe80::85d:e82c:9446:7995"),
            lv(Some(-1))
        );
        assert_eq!(cmp6("::2", "::1"), lv(Some(1)));
        assert_eq!(cmp6("::1", "bad"), lv(None));
        assert_eq!(
            scalar("ipv6_compare", vec![s("::1"), s("::1"), l(129)]),
            lv(None)
        );
        assert_eq!(scalar("ipv6_is_match", vec![s("x"), s("::1")]), bv(None));
        assert_eq!(
            column("ipv6_compare", vec![scol(&["::1", "::3", ""]), s("::2")]),
            vec![lv(Some(-1)), lv(Some(1)), lv(None)]
        );
    }

    #[test]
    fn parse_ipv6_examples() {
        // q/parse-ipv6-function.md
        assert_eq!(
            column(
                "parse_ipv6",
                vec![scol(&[
                    "192.168.255.255",
                    "192.168.255.255/24",
                    "255.255.255.255",
                    "nope"
                ])]
            ),
            vec![
                sv("0000:0000:0000:0000:0000:ffff:c0a8:ffff"),
                sv("0000:0000:0000:0000:0000:ffff:c0a8:ff00"),
                sv("0000:0000:0000:0000:0000:ffff:ffff:ffff"),
                sv(""),
            ]
        );
        // q/parse-ipv6-mask-function.md
        for (ip, p, want) in [
            (
                "192.168.255.255",
                120,
                "0000:0000:0000:0000:0000:ffff:c0a8:ff00",
            ),
            (
                "192.168.255.255/24",
                124,
                "0000:0000:0000:0000:0000:ffff:c0a8:ff00",
            ),
            (
                "255.255.255.255",
                128,
                "0000:0000:0000:0000:0000:ffff:ffff:ffff",
            ),
            (
                "fe80::85d:e82c:9446:7994",
                128,
                "fe80:0000:0000:0000:085d:e82c:9446:7994",
            ),
            (
                "fe80::85d:e82c:9446:7994/120",
                124,
                "fe80:0000:0000:0000:085d:e82c:9446:7900",
            ),
            (
                "::192.168.255.255",
                128,
                "0000:0000:0000:0000:0000:ffff:c0a8:ffff",
            ),
            (
                "::192.168.255.255/24",
                128,
                "0000:0000:0000:0000:0000:ffff:c0a8:ff00",
            ),
            ("::1", 129, ""),
            ("::1", -1, ""),
        ] {
            assert_eq!(
                scalar("parse_ipv6_mask", vec![s(ip), l(p)]),
                sv(want),
                "{ip} {p}"
            );
        }
    }

    #[test]
    fn ipv6_ranges() {
        // q/ipv6-is-in-range-function.md
        let ip = "a5e:f127:8a9d:146d:e102:b5d3:c755:abcd";
        for (range, want) in [
            ("a5e:f127:8a9d:146d:e102:b5d3:c755:0000/112", Some(true)),
            ("a5e:f127:8a9d:146d:e102:b5d3:c755:abcd", Some(true)),
            ("0:0:0:0:0:ffff:c0a8:ac/60", Some(false)),
            ("::/129", None),
        ] {
            assert_eq!(
                scalar("ipv6_is_in_range", vec![s(ip), s(range)]),
                bv(want),
                "{range}"
            );
        }
        // q/ipv6-is-in-any-range-function.md
        let ip = "a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd";
        assert_eq!(
            scalar(
                "ipv6_is_in_any_range",
                vec![
                    s(ip),
                    d(
                        r#"["a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112", "0:0:0:0:0:ffff:c0a8:ac/60"]"#
                    )
                ]
            ),
            bv(Some(true))
        );
        assert_eq!(
            scalar(
                "ipv6_is_in_any_range",
                vec![
                    s(ip),
                    s("a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112"),
                    s("0:0:0:0:0:ffff:c0a8:ac/60")
                ]
            ),
            bv(Some(true))
        );
        assert_eq!(
            scalar(
                "ipv6_is_in_any_range",
                vec![
                    s("a5e:f127:8a9d:146d:e102:b5d3:c756:abd1"),
                    s("a5e:f127:8a9d:146d:e102:b5d3:c755:f6cd/112"),
                    s("0:0:0:0:0:ffff:c0a8:ac/60")
                ]
            ),
            bv(Some(false))
        );
    }

    #[test]
    fn ipv4_any_range_examples() {
        // q/ipv4-is-in-any-range-function.md
        assert_eq!(
            scalar(
                "ipv4_is_in_any_range",
                vec![
                    s("192.168.1.6"),
                    s("192.168.1.1/24"),
                    s("10.0.0.1/8"),
                    s("127.1.0.1/16")
                ]
            ),
            bv(Some(true))
        );
        assert_eq!(
            scalar(
                "ipv4_is_in_any_range",
                vec![s("127.0.0.1"), d(r#"["127.0.0.1", "192.168.1.1"]"#)]
            ),
            bv(Some(true))
        );
        let nets = d(r#"["192.168.1.1/16", "127.0.0.1/8", "10.0.0.1/8"]"#);
        assert_eq!(
            column(
                "ipv4_is_in_any_range",
                vec![
                    scol(&["10.1.2.3", "192.168.1.5", "123.1.11.21", "1.1.1.1", "x"]),
                    nets
                ]
            ),
            vec![
                bv(Some(true)),
                bv(Some(true)),
                bv(Some(false)),
                bv(Some(false)),
                bv(None)
            ]
        );
        assert_eq!(
            scalar("ipv4_is_in_any_range", vec![s("1.1.1.1"), s("1.1.1.0/33")]),
            bv(None)
        );
    }

    #[test]
    fn format_ipv4_examples() {
        // q/format-ipv4-function.md and q/format-ipv4-mask-function.md
        for (ip, p, plain, masked) in [
            ("192.168.1.1", 24, "192.168.1.0", "192.168.1.0/24"),
            ("192.168.1.1", 32, "192.168.1.1", "192.168.1.1/32"),
            ("192.168.1.1/24", 32, "192.168.1.0", "192.168.1.0/24"),
            ("192.168.1.1/24", -1, "", ""),
        ] {
            assert_eq!(scalar("format_ipv4", vec![s(ip), l(p)]), sv(plain));
            assert_eq!(scalar("format_ipv4_mask", vec![s(ip), l(p)]), sv(masked));
        }
        // "a string or number representation in big-endian order"
        assert_eq!(
            scalar("format_ipv4", vec![l(3232235777)]),
            sv("192.168.1.1")
        );
        assert_eq!(
            scalar("format_ipv4_mask", vec![i(16909060)]),
            sv("1.2.3.4/32")
        );
        assert_eq!(scalar("format_ipv4", vec![l(-1)]), sv(""));
        assert_eq!(scalar("format_ipv4", vec![s("1.2.3")]), sv(""));
    }

    #[test]
    fn netmask_suffix_and_cidr_list() {
        // q/ipv4-netmask-suffix-function.md
        assert_eq!(
            column(
                "ipv4_netmask_suffix",
                vec![scol(&["10.1.2.3", "192.168.1.1/24", "127.0.0.1/16", "x"])]
            ),
            vec![lv(Some(32)), lv(Some(24)), lv(Some(16)), lv(None)]
        );
        // q/ipv4-range-to-cidr-list-function.md
        assert_eq!(
            scalar(
                "ipv4_range_to_cidr_list",
                vec![s("1.1.128.0"), s("1.1.140.255")]
            ),
            dv(r#"["1.1.128.0/21", "1.1.136.0/22", "1.1.140.0/24"]"#)
        );
        assert_eq!(
            scalar(
                "ipv4_range_to_cidr_list",
                vec![s("0.0.0.0"), s("255.255.255.255")]
            ),
            dv(r#"["0.0.0.0/0"]"#)
        );
        assert_eq!(
            scalar("ipv4_range_to_cidr_list", vec![s("1.1.1.1"), s("1.1.1.1")]),
            dv(r#"["1.1.1.1/32"]"#)
        );
        assert_eq!(
            scalar("ipv4_range_to_cidr_list", vec![s("1.1.1.2"), s("1.1.1.1")]),
            dv("null")
        );
    }
}
