//! String functions: `strcat`, `strlen`, `tolower`, `substring`, `split`, `indexof`, ...
//! Positions and lengths count Unicode code points (q/strlen-function.md).

use super::convert::write_text;
use super::def;
use super::kernel::{
    all_scalar, any, arg, as_type, build_strings, dyns, i64s, map1, map2, map3, str1, str2, str3,
    strs, AnyView, ODyn, OLong, Prim, View,
};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;

const STRING: ReturnType = ReturnType::Fixed(DataType::String);
const LONG: ReturnType = ReturnType::Fixed(DataType::Long);

pub(super) fn functions() -> Vec<ScalarFunction> {
    let one_string = sig![a("value", ArgType::String)];
    vec![
        def(
            "strcat",
            var_sig![64; a("arg", ArgType::Any)],
            STRING,
            strcat,
        ),
        def(
            "strcat_delim",
            var_sig![65;
                a("delimiter", ArgType::String),
                a("arg1", ArgType::Any),
                a("arg2", ArgType::Any),
            ],
            STRING,
            strcat_delim,
        ),
        def("strlen", one_string, LONG, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(map1::<OLong, _>(
                ctx,
                &s,
                |s| Some(s.chars().count() as i64),
            ))
        }),
        def("string_size", one_string, LONG, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(map1::<OLong, _>(ctx, &s, |s| Some(s.len() as i64)))
        }),
        def("tolower", one_string, STRING, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(str1(ctx, &s, |out, s| {
                out.extend(s.chars().flat_map(char::to_lowercase))
            }))
        }),
        def("toupper", one_string, STRING, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(str1(ctx, &s, |out, s| {
                out.extend(s.chars().flat_map(char::to_uppercase))
            }))
        }),
        def(
            "reverse",
            sig![a("value", ArgType::Any)],
            STRING,
            |args, ctx| {
                let v = as_type(arg(args, 0)?, DataType::String);
                let s = strs(&v)?;
                Ok(str1(ctx, &s, |out, s| out.extend(s.chars().rev())))
            },
        ),
        def(
            "substring",
            sig![
                a("source", ArgType::String),
                a("startingIndex", ArgType::Long),
                opt("length", ArgType::Long),
            ],
            STRING,
            substring,
        ),
        def(
            "split",
            sig![
                a("source", ArgType::String),
                a("delimiter", ArgType::String),
                opt("requestedIndex", ArgType::Long),
            ],
            ReturnType::Fixed(DataType::Dynamic),
            split,
        ),
        def(
            "replace_string",
            sig![
                a("text", ArgType::String),
                a("lookup", ArgType::String),
                a("rewrite", ArgType::String),
            ],
            STRING,
            replace_string,
        ),
        def(
            "indexof",
            sig![
                a("string", ArgType::Scalar),
                a("match", ArgType::Scalar),
                opt("start", ArgType::Long),
                opt("length", ArgType::Long),
                opt("occurrence", ArgType::Long),
            ],
            LONG,
            indexof,
        ),
        def(
            "strrep",
            sig![
                a("value", ArgType::Scalar),
                a("multiplier", ArgType::Long),
                opt("delimiter", ArgType::Scalar),
            ],
            STRING,
            strrep,
        ),
        def("url_encode", one_string, STRING, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(str1(ctx, &s, |out, s| url_encode(out, s, true)))
        }),
        def("url_encode_component", one_string, STRING, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(str1(ctx, &s, |out, s| url_encode(out, s, false)))
        }),
        def("url_decode", one_string, STRING, |args, ctx| {
            let s = strs(arg(args, 0)?)?;
            Ok(str1(ctx, &s, url_decode_into))
        }),
        ScalarFunction {
            aliases: &["base64_encodestring"],
            ..def("base64_encode_tostring", one_string, STRING, |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(str1(ctx, &s, |out, s| base64_encode(out, s.as_bytes())))
            })
        },
        ScalarFunction {
            aliases: &["base64_decodestring"],
            ..def("base64_decode_tostring", one_string, STRING, |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(str1(ctx, &s, |out, s| {
                    if let Some(text) = base64_decode(s).and_then(|b| String::from_utf8(b).ok()) {
                        out.push_str(&text);
                    }
                }))
            })
        },
        def(
            "base64_encode_fromarray",
            sig![a("base64_string_decoded_as_array", ArgType::Dynamic)],
            STRING,
            |args, ctx| {
                let d = dyns(arg(args, 0)?)?;
                Ok(str1(ctx, &d, |out, d| {
                    if let Some(bytes) = byte_array(d) {
                        base64_encode(out, &bytes);
                    }
                }))
            },
        ),
        def(
            "base64_decode_toarray",
            one_string,
            ReturnType::Fixed(DataType::Dynamic),
            |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(map1::<ODyn, _>(ctx, &s, |s| {
                    base64_decode(s).map_or(Dynamic::Null, |b| {
                        Dynamic::Array(b.into_iter().map(|x| Dynamic::Long(i64::from(x))).collect())
                    })
                }))
            },
        ),
        def(
            "tohex",
            sig![
                a("value", ArgType::OneOf(&[DataType::Int, DataType::Long])),
                opt("minLength", ArgType::Long),
            ],
            STRING,
            tohex,
        ),
    ]
}

/// `strcat(a, ...)`: every argument converted with `tostring()` rules
/// (q/strcat-function.md).
fn strcat(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let views: Vec<AnyView<'_>> = args.iter().map(any).collect();
    Ok(build_strings(ctx, all_scalar(args), |out, i| {
        for v in &views {
            write_text(out, v.at(i));
        }
    }))
}

/// `strcat_delim(delim, a, b, ...)` (q/strcat-delim-function.md).
fn strcat_delim(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let delim = strs(arg(args, 0)?)?;
    let views: Vec<AnyView<'_>> = args.iter().skip(1).map(any).collect();
    Ok(build_strings(ctx, all_scalar(args), |out, i| {
        for (k, v) in views.iter().enumerate() {
            if k > 0 {
                out.push_str(delim.at(i));
            }
            write_text(out, v.at(i));
        }
    }))
}

/// Byte offset of code point `n` in `s` (`s.len()` past the end).
fn byte_at(s: &str, n: usize) -> usize {
    s.char_indices().nth(n).map_or(s.len(), |(b, _)| b)
}

/// `substring(s, start[, len])`: zero-based; a negative start counts from the end
/// (q/substring-function.md: `substring("123456", -2, 2)` is `"56"`).
fn substring(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let s = strs(arg(args, 0)?)?;
    let start = i64s(arg(args, 1)?)?;
    let len = match args.get(2) {
        Some(v) => i64s(v)?,
        None => Prim::Scalar(Some(i64::MAX)),
    };
    Ok(str3(ctx, &s, &start, &len, |out, s, start, len| {
        let (Some(start), Some(len)) = (start, len) else {
            return;
        };
        let start = if start < 0 {
            let n = s.chars().count() as i64;
            n.saturating_add(start).max(0)
        } else {
            start
        };
        if len <= 0 {
            return;
        }
        let from = byte_at(s, usize::try_from(start).unwrap_or(usize::MAX));
        let rest = s.get(from..).unwrap_or("");
        let to = byte_at(rest, usize::try_from(len).unwrap_or(usize::MAX));
        out.push_str(rest.get(..to).unwrap_or(""));
    }))
}

/// `split(s, delim[, i])`: a dynamic array of the pieces, empty pieces kept; with an index
/// a one-element array, or an empty one when out of range (q/split-function.md).
fn split(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let s = strs(arg(args, 0)?)?;
    let delim = strs(arg(args, 1)?)?;
    let pieces = |s: &str, d: &str| -> Vec<Dynamic> {
        if d.is_empty() {
            return vec![Dynamic::String(s.to_string())];
        }
        s.split(d).map(|p| Dynamic::String(p.to_string())).collect()
    };
    match args.get(2) {
        None => Ok(map2::<ODyn, _, _>(ctx, &s, &delim, |s, d| {
            Dynamic::Array(pieces(s, d))
        })),
        Some(index) => {
            let index = i64s(index)?;
            Ok(map3::<ODyn, _, _, _>(ctx, &s, &delim, &index, |s, d, i| {
                let piece = i.and_then(|i| {
                    let i = usize::try_from(i).ok()?;
                    if d.is_empty() {
                        return (i == 0).then(|| s.to_string());
                    }
                    s.split(d).nth(i).map(str::to_string)
                });
                Dynamic::Array(piece.map(Dynamic::String).into_iter().collect())
            }))
        }
    }
}

/// `replace_string(text, lookup, rewrite)`: every non-overlapping occurrence
/// (q/replace-string-function.md).
fn replace_string(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let text = strs(arg(args, 0)?)?;
    let lookup = strs(arg(args, 1)?)?;
    let rewrite = strs(arg(args, 2)?)?;
    Ok(str3(ctx, &text, &lookup, &rewrite, |out, t, l, r| {
        if l.is_empty() {
            out.push_str(t);
            return;
        }
        let mut last = 0;
        for (pos, m) in t.match_indices(l) {
            out.push_str(t.get(last..pos).unwrap_or(""));
            out.push_str(r);
            last = pos + m.len();
        }
        out.push_str(t.get(last..).unwrap_or(""));
    }))
}

/// `indexof(s, match[, start[, length[, occurrence]]])` in code points; -1 when absent,
/// null for a length below -1 or an occurrence below 1. A negative start counts from the
/// end. The examined range is `start ..= start + length` (q/indexof-function.md examples:
/// `indexof("abcdefgabcdefg", "cde", 1, 10, 2)` is 9, `indexof("abcdefg", "cde", 1, 2)`
/// is -1).
fn indexof(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let text = as_type(arg(args, 0)?, DataType::String);
    let needle = as_type(arg(args, 1)?, DataType::String);
    let (text, needle) = (strs(&text)?, strs(&needle)?);
    let opt_long = |i: usize, dflt: i64| match args.get(i) {
        Some(v) => i64s(v),
        None => Ok(Prim::Scalar(Some(dflt))),
    };
    let (start, len, occ) = (opt_long(2, 0)?, opt_long(3, -1)?, opt_long(4, 1)?);
    let scalar = all_scalar(args);
    let rows = if scalar { 1 } else { ctx.rows };
    let xs: Vec<Option<i64>> = (0..rows)
        .map(|i| {
            index_of(
                text.at(i),
                needle.at(i),
                start.at(i)?,
                len.at(i)?,
                occ.at(i)?,
            )
        })
        .collect();
    Ok(super::kernel::finish::<OLong>(xs, scalar))
}

fn index_of(text: &str, needle: &str, start: i64, len: i64, occ: i64) -> Option<i64> {
    if len < -1 || occ < 1 {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len() as i64;
    let start = if start < 0 { (n + start).max(0) } else { start };
    if start > n {
        return Some(-1);
    }
    let end = if len == -1 {
        n
    } else {
        start.saturating_add(len).saturating_add(1).min(n)
    };
    let byte = |c: i64| {
        usize::try_from(c)
            .ok()
            .and_then(|c| chars.get(c))
            .map_or(text.len(), |(b, _)| *b)
    };
    let window = text.get(byte(start)..byte(end))?;
    let mut found = 0;
    for (pos, _) in window.char_indices() {
        if window.get(pos..).is_some_and(|w| w.starts_with(needle)) {
            found += 1;
            if found == occ {
                let abs = byte(start) + pos;
                return Some(chars.iter().position(|(b, _)| *b == abs).unwrap_or(0) as i64);
            }
        }
    }
    Some(-1)
}

/// The largest repeat count `strrep` honours (q/strrep-function.md: "more than ... 1024,
/// the input string will be repeated 1024 times").
const MAX_REPEAT: i64 = 1024;

/// `strrep(value, n[, delimiter])`.
fn strrep(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let value = as_type(arg(args, 0)?, DataType::String);
    let value = strs(&value)?;
    let times = i64s(arg(args, 1)?)?;
    let delim = match args.get(2) {
        Some(d) => as_type(d, DataType::String),
        None => std::borrow::Cow::Owned(ColumnarValue::Scalar(crate::value::Value::String(
            String::new(),
        ))),
    };
    let delim = strs(&delim)?;
    Ok(str3(ctx, &value, &times, &delim, |out, v, n, d| {
        // also bound the result's size (64 MiB)
        let cap = (64 << 20) / (v.len() + d.len()).max(1) as i64;
        let n = n.unwrap_or(0).min(MAX_REPEAT).min(cap);
        for k in 0..n {
            if k > 0 {
                out.push_str(d);
            }
            out.push_str(v);
        }
    }))
}

/// Percent-encoding with lower-case hex, as .NET's `HttpUtility.UrlEncode`
/// (q/url-encode-function.md: `https%3a%2f%2fwww.bing.com%2fhello+world`); `plus` encodes
/// spaces as `+` (`url_encode`) instead of `%20` (`url_encode_component`).
fn url_encode(out: &mut String, s: &str, plus: bool) {
    for b in s.bytes() {
        match b {
            b'a'..=b'z'
            | b'A'..=b'Z'
            | b'0'..=b'9'
            | b'-'
            | b'_'
            | b'.'
            | b'!'
            | b'*'
            | b'('
            | b')' => out.push(char::from(b)),
            b' ' if plus => out.push('+'),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 15)]));
            }
        }
    }
}

/// Decodes `%xx` escapes and `+` (space); invalid UTF-8 gives `""`.
pub(crate) fn url_decode_into(out: &mut String, s: &str) {
    let b = s.as_bytes();
    let mut bytes = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let hex = |j: usize| b.get(j).and_then(|c| char::from(*c).to_digit(16));
        match c {
            b'%' => match (hex(i + 1), hex(i + 2)) {
                (Some(h), Some(l)) => {
                    bytes.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => bytes.push(c),
            },
            b'+' => bytes.push(b' '),
            _ => bytes.push(c),
        }
        i += 1;
    }
    if let Ok(text) = String::from_utf8(bytes) {
        out.push_str(&text);
    }
}

const B64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub(crate) fn base64_encode(out: &mut String, data: &[u8]) {
    for chunk in data.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                let idx = (n >> (18 - 6 * k)) & 63;
                out.push(char::from(B64[idx as usize]));
            } else {
                out.push('=');
            }
        }
    }
}

/// Decodes standard base64 (padding optional); `None` when invalid.
/// The bytes of an array of integers 0..=255 (`base64_encode_fromarray`), `None` when the
/// value is not such an array (q/base64-encode-fromarray-function.md).
fn byte_array(d: &Dynamic) -> Option<Vec<u8>> {
    let Dynamic::Array(items) = d else {
        return None;
    };
    items
        .iter()
        .map(|x| match x {
            Dynamic::Long(n) => u8::try_from(*n).ok(),
            _ => None,
        })
        .collect()
}

pub(crate) fn base64_decode(s: &str) -> Option<Vec<u8>> {
    let s = s.trim().trim_end_matches('=');
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    (bits < 6).then_some(out)
}

/// `tohex(n[, minLength])`: lower-case hex; negative numbers in two's complement of the
/// argument's width; `minLength` pads with zeros, up to 16 digits (q/tohex-function.md:
/// `tohex(-256)` is `ffffffffffffff00`).
fn tohex(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let v = arg(args, 0)?;
    let is_int = v.data_type() == DataType::Int;
    let v = as_type(v, DataType::Long);
    let v = i64s(&v)?;
    let min = match args.get(1) {
        Some(m) => i64s(m)?,
        None => Prim::Scalar(Some(0)),
    };
    Ok(str2(ctx, &v, &min, |out, v, min| {
        let Some(v) = v else { return };
        let hex = if is_int {
            format!("{:x}", v as i32)
        } else {
            format!("{v:x}")
        };
        let pad = usize::try_from(min.unwrap_or(0)).unwrap_or(0).min(16);
        for _ in hex.len()..pad {
            out.push('0');
        }
        out.push_str(&hex);
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn strcat_converts_and_concatenates() {
        // q/strcat-function.md
        assert_eq!(
            scalar("strcat", vec![s("hello"), s(" "), s("world")]),
            sv("hello world")
        );
        assert_eq!(
            scalar("strcat", vec![s("a"), l(1), lnull(), b(true)]),
            sv("a1true")
        );
        assert_eq!(
            column(
                "strcat",
                vec![scol(&["a", "b"]), s("-"), lcol(&[Some(1), None])]
            ),
            vec![sv("a-1"), sv("b-")]
        );
        assert_eq!(
            column("strcat", vec![scol(&["x", "y"]), scol(&["1", "2"])]),
            vec![sv("x1"), sv("y2")]
        );
    }

    #[test]
    fn strcat_delim_joins() {
        // q/strcat-delim-function.md
        assert_eq!(
            scalar("strcat_delim", vec![s("-"), s("1"), s("2"), s("A"), l(1)]),
            sv("1-2-A-1")
        );
        assert_eq!(
            column(
                "strcat_delim",
                vec![s(","), scol(&["a", "b"]), lcol(&[None, Some(2)])]
            ),
            vec![sv("a,"), sv("b,2")]
        );
    }

    #[test]
    fn strlen_counts_code_points() {
        // q/strlen-function.md: code points, not bytes
        assert_eq!(scalar("strlen", vec![s("hello")]), lv(Some(5)));
        assert_eq!(scalar("strlen", vec![s("⒦⒰⒮⒯⒪")]), lv(Some(5)));
        assert_eq!(scalar("string_size", vec![s("⒦")]), lv(Some(3)));
        assert_eq!(
            column("strlen", vec![scol(&["", "ab"])]),
            vec![lv(Some(0)), lv(Some(2))]
        );
    }

    #[test]
    fn case_mapping_and_reverse() {
        assert_eq!(scalar("tolower", vec![s("HeLLo ÄÖ")]), sv("hello äö"));
        assert_eq!(scalar("toupper", vec![s("abc")]), sv("ABC"));
        assert_eq!(
            column("toupper", vec![scol(&["a", ""])]),
            vec![sv("A"), sv("")]
        );
        // q/reverse-function.md: non-strings are converted first
        assert_eq!(scalar("reverse", vec![s("ABCDEF")]), sv("FEDCBA"));
        assert_eq!(scalar("reverse", vec![l(123)]), sv("321"));
    }

    #[test]
    fn substring_cases() {
        // q/substring-function.md examples
        assert_eq!(scalar("substring", vec![s("123456"), l(1)]), sv("23456"));
        assert_eq!(scalar("substring", vec![s("123456"), l(2), l(2)]), sv("34"));
        assert_eq!(scalar("substring", vec![s("ABCD"), l(0), l(2)]), sv("AB"));
        assert_eq!(
            scalar("substring", vec![s("123456"), l(-2), l(2)]),
            sv("56")
        );
        assert_eq!(scalar("substring", vec![s("abc"), l(10)]), sv(""));
        assert_eq!(scalar("substring", vec![s("abc"), l(1), l(100)]), sv("bc"));
        assert_eq!(scalar("substring", vec![s("abc"), l(-10), l(2)]), sv("ab"));
        assert_eq!(scalar("substring", vec![s("abc"), lnull()]), sv(""));
        assert_eq!(scalar("substring", vec![s("⒦⒰⒮"), l(1), l(1)]), sv("⒰"));
        assert_eq!(
            column(
                "substring",
                vec![scol(&["hello", "hi"]), lcol(&[Some(1), Some(5)]), l(2)]
            ),
            vec![sv("el"), sv("")]
        );
    }

    #[test]
    fn split_cases() {
        // q/split-function.md examples
        assert_eq!(
            scalar("split", vec![s("aa_bb"), s("_")]),
            dv(r#"["aa","bb"]"#)
        );
        assert_eq!(
            scalar("split", vec![s("aaa_bbb_ccc"), s("_"), l(1)]),
            dv(r#"["bbb"]"#)
        );
        assert_eq!(scalar("split", vec![s(""), s("_")]), dv(r#"[""]"#));
        assert_eq!(
            scalar("split", vec![s("a__b"), s("_")]),
            dv(r#"["a","","b"]"#)
        );
        assert_eq!(
            scalar("split", vec![s("aabbcc"), s("bb")]),
            dv(r#"["aa","cc"]"#)
        );
        assert_eq!(scalar("split", vec![s("a_b"), s("_"), l(5)]), dv("[]"));
        assert_eq!(
            column("split", vec![scol(&["a,b", "c"]), s(",")]),
            vec![dv(r#"["a","b"]"#), dv(r#"["c"]"#)]
        );
    }

    #[test]
    fn replace_string_all_occurrences() {
        // q/replace-string-function.md
        assert_eq!(
            scalar(
                "replace_string",
                vec![
                    s("A magic trick can turn a cat into a dog"),
                    s("cat"),
                    s("hamster")
                ]
            ),
            sv("A magic trick can turn a hamster into a dog")
        );
        assert_eq!(
            scalar("replace_string", vec![s("aaa"), s("aa"), s("b")]),
            sv("ba")
        );
        assert_eq!(
            scalar("replace_string", vec![s("abc"), s(""), s("x")]),
            sv("abc")
        );
        assert_eq!(
            column("replace_string", vec![scol(&["a.b", "c"]), s("."), s("/")]),
            vec![sv("a/b"), sv("c")]
        );
    }

    #[test]
    fn indexof_doc_examples() {
        // q/indexof-function.md examples idx1..idx9
        let t = "abcdefg";
        assert_eq!(scalar("indexof", vec![s(t), s("cde")]), lv(Some(2)));
        assert_eq!(
            scalar("indexof", vec![s(t), s("cde"), l(1), l(4)]),
            lv(Some(2))
        );
        assert_eq!(
            scalar("indexof", vec![s(t), s("cde"), l(1), l(2)]),
            lv(Some(-1))
        );
        assert_eq!(
            scalar("indexof", vec![s(t), s("cde"), l(3), l(4)]),
            lv(Some(-1))
        );
        assert_eq!(scalar("indexof", vec![s(t), s("cde"), l(-5)]), lv(Some(2)));
        assert_eq!(
            scalar("indexof", vec![l(1234567), l(5), l(1), l(4)]),
            lv(Some(4))
        );
        assert_eq!(
            scalar("indexof", vec![s(t), s("cde"), l(2), l(-1)]),
            lv(Some(2))
        );
        let t2 = "abcdefgabcdefg";
        assert_eq!(
            scalar("indexof", vec![s(t2), s("cde"), l(1), l(10), l(2)]),
            lv(Some(9))
        );
        assert_eq!(
            scalar("indexof", vec![s(t2), s("cde"), l(1), l(-1), l(3)]),
            lv(Some(-1))
        );
        assert_eq!(
            scalar("indexof", vec![s(t), s("cde"), l(0), l(-2)]),
            lv(None)
        );
        assert_eq!(
            column("indexof", vec![scol(&["abc", "xyz", "⒦b"]), s("b")]),
            vec![lv(Some(1)), lv(Some(-1)), lv(Some(1))]
        );
    }

    #[test]
    fn strrep_examples() {
        // q/strrep-function.md example
        assert_eq!(scalar("strrep", vec![s("ABC"), l(2)]), sv("ABCABC"));
        assert_eq!(
            scalar("strrep", vec![l(123), l(3), s(".")]),
            sv("123.123.123")
        );
        assert_eq!(
            scalar("strrep", vec![ts(30_000_000), l(2), s(" ")]),
            sv("00:00:03 00:00:03")
        );
        assert_eq!(
            column("strrep", vec![scol(&["a", "b"]), lcol(&[Some(2), None])]),
            vec![sv("aa"), sv("")]
        );
    }

    #[test]
    fn url_and_base64() {
        // q/url-encode-function.md example
        assert_eq!(
            scalar("url_encode", vec![s("https://www.bing.com/hello world")]),
            sv("https%3a%2f%2fwww.bing.com%2fhello+world")
        );
        assert_eq!(scalar("url_encode_component", vec![s("a b")]), sv("a%20b"));
        assert_eq!(
            scalar("url_decode", vec![s("https%3a%2f%2fwww.bing.com%2f")]),
            sv("https://www.bing.com/")
        );
        // q/base64-encode-tostring-function.md: "Kusto" -> "S3VzdG8="
        assert_eq!(
            scalar("base64_encode_tostring", vec![s("Kusto")]),
            sv("S3VzdG8=")
        );
        assert_eq!(
            scalar("base64_decode_tostring", vec![s("S3VzdG8=")]),
            sv("Kusto")
        );
        assert_eq!(scalar("base64_decode_tostring", vec![s("!!")]), sv(""));
        assert_eq!(
            column("base64_encode_tostring", vec![scol(&["a", "ab", "abc"])]),
            vec![sv("YQ=="), sv("YWI="), sv("YWJj")]
        );
    }

    #[test]
    fn base64_byte_arrays() {
        // q/base64-decode-toarray-function.md, q/base64-encode-fromarray-function.md:
        // "S3VzdG8=" <-> [75,117,115,116,111]
        assert_eq!(
            scalar("base64_decode_toarray", vec![s("S3VzdG8=")]),
            dv("[75,117,115,116,111]")
        );
        assert_eq!(
            scalar("base64_encode_fromarray", vec![d("[75,117,115,116,111]")]),
            sv("S3VzdG8=")
        );
        assert_eq!(scalar("base64_encode_fromarray", vec![d("[256]")]), sv(""));
    }

    #[test]
    fn tohex_cases() {
        // q/tohex-function.md example
        assert_eq!(scalar("tohex", vec![l(256)]), sv("100"));
        assert_eq!(scalar("tohex", vec![l(-256)]), sv("ffffffffffffff00"));
        assert_eq!(scalar("tohex", vec![i(-256), l(8)]), sv("ffffff00"));
        assert_eq!(scalar("tohex", vec![l(256), l(8)]), sv("00000100"));
        assert_eq!(scalar("tohex", vec![l(256), l(2)]), sv("100"));
        assert_eq!(scalar("tohex", vec![l(1), l(40)]), sv("0000000000000001"));
        assert_eq!(
            column("tohex", vec![lcol(&[Some(15), None])]),
            vec![sv("f"), sv("")]
        );
    }
}
