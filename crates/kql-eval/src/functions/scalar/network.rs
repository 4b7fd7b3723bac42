//! URL, path and IPv4 functions: `parse_url`, `parse_urlquery`, `parse_path`,
//! `parse_ipv4`, `parse_ipv4_mask`, `ipv4_compare`, `ipv4_is_match`, `ipv4_is_in_range`,
//! `ipv4_is_private`.

use super::def;
use super::kernel::{arg, i64s, map1, map2, map3, strs, OBool, ODyn, OLong, Prim};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;
use indexmap::IndexMap;

pub(super) fn functions() -> Vec<ScalarFunction> {
    let one_string = sig![a("value", ArgType::String)];
    let two_ips = sig![
        a("ip1", ArgType::String),
        a("ip2", ArgType::String),
        opt("prefix", ArgType::Long)
    ];
    let bool_ = ReturnType::Fixed(DataType::Bool);
    let dynamic = ReturnType::Fixed(DataType::Dynamic);
    vec![
        ScalarFunction {
            aliases: &["parseurl"],
            ..def("parse_url", one_string, dynamic, |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(map1::<ODyn, _>(ctx, &s, parse_url))
            })
        },
        def("parse_urlquery", one_string, dynamic, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(map1::<ODyn, _>(ctx, &s, |s| {
                let q = s.split_once('?').map_or(s, |(_, q)| q);
                let mut bag = IndexMap::new();
                bag.insert("Query Parameters".to_string(), query_params(q));
                Dynamic::Bag(bag)
            }))
        }),
        def("parse_path", one_string, dynamic, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(map1::<ODyn, _>(ctx, &s, parse_path))
        }),
        def(
            "parse_ipv4",
            one_string,
            ReturnType::Fixed(DataType::Long),
            |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(map1::<OLong, _>(ctx, &s, |s| {
                    let (ip, prefix) = parse_ip_prefix(s)?;
                    Some(i64::from(mask(ip, prefix)))
                }))
            },
        ),
        def(
            "parse_ipv4_mask",
            sig![a("ip", ArgType::String), a("prefix", ArgType::Long)],
            ReturnType::Fixed(DataType::Long),
            |args, ctx| {
                let (s, p) = (strs(arg(args, 0)?)?, i64s(arg(args, 1)?)?);
                Ok(map2::<OLong, _, _>(ctx, &s, &p, |s, p| {
                    let (ip, prefix) = parse_ip_prefix(s)?;
                    let p = u8::try_from(p?).ok().filter(|p| *p <= 32)?;
                    Some(i64::from(mask(ip, prefix.min(p))))
                }))
            },
        ),
        def(
            "ipv4_compare",
            two_ips,
            ReturnType::Fixed(DataType::Long),
            |args, ctx| compare_ips(args, ctx, |o| o as i64),
        ),
        def("ipv4_is_match", two_ips, bool_, |args, ctx| {
            compare_ips(args, ctx, |o| i64::from(o == std::cmp::Ordering::Equal))
                .and_then(|v| long_to_bool(v, ctx))
        }),
        def(
            "ipv4_is_in_range",
            sig![a("ip", ArgType::String), a("range", ArgType::String)],
            bool_,
            |args, ctx| {
                let (ip, range) = (strs(arg(args, 0)?)?, strs(arg(args, 1)?)?);
                Ok(map2::<OBool, _, _>(ctx, &ip, &range, |ip, range| {
                    let (ip, _) = parse_ip_prefix(ip)?;
                    let (net, p2) = parse_ip_prefix(range)?;
                    Some(mask(ip, p2) == mask(net, p2))
                }))
            },
        ),
        def("ipv4_is_private", one_string, bool_, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(map1::<OBool, _>(ctx, &s, |s| {
                let (ip, _) = parse_ip_prefix(s)?;
                // q/ipv4-is-private-function.md: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16
                Some(
                    mask(ip, 8) == 0x0A00_0000
                        || mask(ip, 12) == 0xAC10_0000
                        || mask(ip, 16) == 0xC0A8_0000,
                )
            }))
        }),
    ]
}

/// `a.b.c.d[/prefix]` as an address and prefix length (32 when absent).
pub(crate) fn parse_ip_prefix(s: &str) -> Option<(u32, u8)> {
    let s = s.trim();
    let (ip, prefix) = match s.split_once('/') {
        Some((ip, p)) => (ip, p.trim().parse::<u8>().ok().filter(|p| *p <= 32)?),
        None => (s, 32),
    };
    let mut v: u32 = 0;
    let mut parts = 0;
    for part in ip.trim().split('.') {
        if part.is_empty() || part.len() > 3 || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        v = (v << 8) | u32::from(part.parse::<u8>().ok()?);
        parts += 1;
    }
    (parts == 4).then_some((v, prefix))
}

/// The address with all but the first `prefix` bits cleared.
pub(super) fn mask(ip: u32, prefix: u8) -> u32 {
    match prefix {
        0 => 0,
        p if p >= 32 => ip,
        p => ip & (u32::MAX << (32 - p)),
    }
}

/// Compares two addresses on the shorter of their prefixes (and the optional third
/// argument) (q/ipv4-compare-function.md).
fn compare_ips(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    f: fn(std::cmp::Ordering) -> i64,
) -> Result<ColumnarValue, EvalError> {
    let (x, y) = (strs(arg(args, 0)?)?, strs(arg(args, 1)?)?);
    let p = match args.get(2) {
        Some(p) => i64s(p)?,
        None => Prim::Scalar(Some(32)),
    };
    Ok(map3::<OLong, _, _, _>(ctx, &x, &y, &p, |x, y, p| {
        let (x, px) = parse_ip_prefix(x)?;
        let (y, py) = parse_ip_prefix(y)?;
        let p = u8::try_from(p?).ok().filter(|p| *p <= 32)?;
        let bits = px.min(py).min(p);
        Some(f(mask(x, bits).cmp(&mask(y, bits))))
    }))
}

fn long_to_bool(v: ColumnarValue, ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let longs = i64s(&v)?;
    Ok(map1::<OBool, _>(ctx, &longs, |x| x.map(|x| x != 0)))
}

/// `k1=v1&k2=v2` as a bag (values URL-decoded).
fn query_params(q: &str) -> Dynamic {
    let mut bag = IndexMap::new();
    for pair in q.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        bag.insert(decode(k), Dynamic::String(decode(v)));
    }
    Dynamic::Bag(bag)
}

fn decode(s: &str) -> String {
    let mut out = String::new();
    super::string::url_decode_into(&mut out, s);
    out
}

/// `parse_url(url)`: a bag of Scheme, Host, Port, Path, Username, Password,
/// Query Parameters and Fragment; an empty bag when `url` has no scheme
/// (q/parse-url-function.md). The path keeps its leading `/`.
fn parse_url(url: &str) -> Dynamic {
    let Some((scheme, rest)) = url.split_once("://") else {
        return Dynamic::Bag(IndexMap::new());
    };
    let (rest, fragment) = rest.split_once('#').unwrap_or((rest, ""));
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, path) = match rest.find('/') {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let (userinfo, hostport) = authority.rsplit_once('@').unwrap_or(("", authority));
    let (user, pass) = userinfo.split_once(':').unwrap_or((userinfo, ""));
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || hostport.starts_with('[') => (h, p),
        _ => (hostport, ""),
    };
    let s = |x: &str| Dynamic::String(x.to_string());
    let mut bag = IndexMap::new();
    bag.insert("Scheme".to_string(), s(scheme));
    bag.insert("Host".to_string(), s(host));
    bag.insert("Port".to_string(), s(port));
    bag.insert("Path".to_string(), s(path));
    bag.insert("Username".to_string(), s(user));
    bag.insert("Password".to_string(), s(pass));
    bag.insert("Query Parameters".to_string(), query_params(query));
    bag.insert("Fragment".to_string(), s(fragment));
    Dynamic::Bag(bag)
}

/// `parse_path(path)` (q/parse-path-function.md).
fn parse_path(path: &str) -> Dynamic {
    let (scheme, rest) = match path.split_once("://") {
        Some((s, r)) if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric()) => (s, r),
        _ => ("", path),
    };
    let sep = rest.rfind(['/', '\\']);
    let (dir, file) = match sep {
        Some(i) => (rest.get(..i).unwrap_or(""), rest.get(i + 1..).unwrap_or("")),
        None => ("", rest),
    };
    let (file, stream) = match file.split_once(':') {
        Some((f, s)) if sep.is_some() => (f, s),
        _ => (file, ""),
    };
    let bytes = rest.as_bytes();
    let root = if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        rest.get(..2).unwrap_or("")
    } else {
        ""
    };
    let dir_name = dir.rsplit(['/', '\\']).next().unwrap_or("");
    let ext = file.rsplit_once('.').map_or("", |(_, e)| e);
    let s = |x: &str| Dynamic::String(x.to_string());
    let mut bag = IndexMap::new();
    bag.insert("Scheme".to_string(), s(scheme));
    bag.insert("RootPath".to_string(), s(root));
    bag.insert("DirectoryPath".to_string(), s(dir));
    bag.insert("DirectoryName".to_string(), s(dir_name));
    bag.insert("Filename".to_string(), s(file));
    bag.insert("Extension".to_string(), s(ext));
    bag.insert("AlternateDataStreamName".to_string(), s(stream));
    Dynamic::Bag(bag)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn parse_url_example() {
        // q/parse-url-function.md example (the doc's table drops the leading '/' of Path
        // and quotes the query bag; the value here is the parsed structure)
        assert_eq!(
            scalar(
                "parse_url",
                vec![s(
                    "scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment"
                )]
            ),
            dv(
                r#"{"Scheme":"scheme","Host":"host","Port":"1234","Path":"/this/is/a/path","Username":"username","Password":"password","Query Parameters":{"k1":"v1","k2":"v2"},"Fragment":"fragment"}"#
            )
        );
        assert_eq!(scalar("parse_url", vec![s("not a url")]), dv("{}"));
        assert_eq!(
            column("parse_url", vec![scol(&["https://a.com", "x"])]),
            vec![
                dv(
                    r#"{"Scheme":"https","Host":"a.com","Port":"","Path":"","Username":"","Password":"","Query Parameters":{},"Fragment":""}"#
                ),
                dv("{}")
            ]
        );
        assert_eq!(
            scalar("parse_urlquery", vec![s("k1=v1&k2=v%202")]),
            dv(r#"{"Query Parameters":{"k1":"v1","k2":"v 2"}}"#)
        );
    }

    #[test]
    fn parse_path_examples() {
        // q/parse-path-function.md examples
        assert_eq!(
            scalar("parse_path", vec![s(r"C:\temp\file.txt")]),
            dv(
                r#"{"Scheme":"","RootPath":"C:","DirectoryPath":"C:\\temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}"#
            )
        );
        assert_eq!(
            scalar("parse_path", vec![s("file://C:/temp/file.txt:some.exe")]),
            dv(
                r#"{"Scheme":"file","RootPath":"C:","DirectoryPath":"C:/temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":"some.exe"}"#
            )
        );
        assert_eq!(
            column(
                "parse_path",
                vec![scol(&[
                    r"\\shared\users\temp\file.txt.gz",
                    "/usr/lib/temp/file.txt"
                ])]
            ),
            vec![
                dv(
                    r#"{"Scheme":"","RootPath":"","DirectoryPath":"\\\\shared\\users\\temp","DirectoryName":"temp","Filename":"file.txt.gz","Extension":"gz","AlternateDataStreamName":""}"#
                ),
                dv(
                    r#"{"Scheme":"","RootPath":"","DirectoryPath":"/usr/lib/temp","DirectoryName":"temp","Filename":"file.txt","Extension":"txt","AlternateDataStreamName":""}"#
                ),
            ]
        );
    }

    #[test]
    fn ipv4_doc_example_tables() {
        // q/parse-ipv4-function.md
        assert_eq!(
            column(
                "parse_ipv4",
                vec![scol(&[
                    "192.168.1.1",
                    "192.168.1.1/24",
                    "255.255.255.255/31"
                ])]
            ),
            vec![
                lv(Some(3232235777)),
                lv(Some(3232235776)),
                lv(Some(4294967294))
            ]
        );
        // q/ipv4-is-private-function.md
        assert_eq!(
            column(
                "ipv4_is_private",
                vec![scol(&[
                    "192.168.1.1/24",
                    "10.1.2.3/24",
                    "202.1.2.3",
                    "127.0.0.1"
                ])]
            ),
            vec![
                bv(Some(true)),
                bv(Some(true)),
                bv(Some(false)),
                bv(Some(false))
            ]
        );
        // q/ipv4-compare-function.md and q/ipv4-is-match-function.md: every row equal
        for (x, y) in [
            ("192.168.1.0", "192.168.1.0"),
            ("192.168.1.1/24", "192.168.1.255"),
            ("192.168.1.1", "192.168.1.255/24"),
            ("192.168.1.1/30", "192.168.1.255/24"),
        ] {
            assert_eq!(scalar("ipv4_compare", vec![s(x), s(y)]), lv(Some(0)));
            assert_eq!(scalar("ipv4_is_match", vec![s(x), s(y)]), bv(Some(true)));
        }
        for (x, y, p) in [
            ("192.168.1.1", "192.168.1.0", 31),
            ("192.168.1.1/24", "192.168.1.255", 31),
            ("192.168.1.1", "192.168.1.255", 24),
        ] {
            assert_eq!(scalar("ipv4_compare", vec![s(x), s(y), l(p)]), lv(Some(0)));
            assert_eq!(
                scalar("ipv4_is_match", vec![s(x), s(y), l(p)]),
                bv(Some(true))
            );
        }
        // q/parse-ipv4-mask-function.md
        assert_eq!(
            scalar("parse_ipv4_mask", vec![s("127.0.0.1"), l(24)]),
            lv(Some(2130706432))
        );
    }

    #[test]
    fn ipv4_functions() {
        // q/parse-ipv4-function.md: parse_ipv4("127.0.0.1") == 2130706433
        assert_eq!(
            scalar("parse_ipv4", vec![s("127.0.0.1")]),
            lv(Some(2130706433))
        );
        assert_eq!(
            scalar("parse_ipv4", vec![s("192.1.168.1/24")]),
            lv(Some(3221334016))
        );
        assert_eq!(scalar("parse_ipv4", vec![s("256.0.0.1")]), lv(None));
        assert_eq!(
            scalar("parse_ipv4_mask", vec![s("192.1.168.2"), l(24)]),
            lv(Some(3221334016))
        );
        // q/ipv4-is-in-range-function.md examples
        assert_eq!(
            scalar("ipv4_is_in_range", vec![s("192.168.1.1"), s("192.168.1.1")]),
            bv(Some(true))
        );
        assert_eq!(
            scalar(
                "ipv4_is_in_range",
                vec![s("192.168.1.1"), s("192.168.1.255/24")]
            ),
            bv(Some(true))
        );
        assert_eq!(
            scalar(
                "ipv4_is_in_range",
                vec![s("192.168.2.1"), s("192.168.1.255/24")]
            ),
            bv(Some(false))
        );
        assert_eq!(
            scalar("ipv4_is_in_range", vec![s("x"), s("192.168.1.255/24")]),
            bv(None)
        );
        assert_eq!(
            column(
                "ipv4_is_private",
                vec![scol(&[
                    "10.1.2.3",
                    "8.8.8.8",
                    "172.20.0.1",
                    "192.168.0.1",
                    ""
                ])]
            ),
            vec![
                bv(Some(true)),
                bv(Some(false)),
                bv(Some(true)),
                bv(Some(true)),
                bv(None)
            ]
        );
        // q/ipv4-compare-function.md examples
        assert_eq!(
            scalar("ipv4_compare", vec![s("192.168.1.1"), s("192.168.1.255")]),
            lv(Some(-1))
        );
        assert_eq!(
            scalar(
                "ipv4_compare",
                vec![s("192.168.1.1/24"), s("192.168.1.255/24")]
            ),
            lv(Some(0))
        );
        assert_eq!(
            scalar(
                "ipv4_compare",
                vec![s("192.168.1.1"), s("192.168.1.255"), l(24)]
            ),
            lv(Some(0))
        );
        assert_eq!(
            scalar(
                "ipv4_is_match",
                vec![s("192.168.1.1/24"), s("192.168.1.255")]
            ),
            bv(Some(true))
        );
        assert_eq!(
            column(
                "ipv4_compare",
                vec![scol(&["1.1.1.2", "bad"]), s("1.1.1.1")]
            ),
            vec![lv(Some(1)), lv(None)]
        );
    }
}
