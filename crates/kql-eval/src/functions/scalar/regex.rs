//! Regex functions: `trim*`, `extract`, `extract_all`, `replace_regex`, `countof`.
//! Patterns compile once per call (once per distinct pattern when the pattern is a
//! column); a bad pattern is an `InvalidRegex` error. (q/regex.md)

use super::convert::{to_bool, to_datetime, to_int, to_long, to_real, to_timespan};
use super::def;
use super::kernel::{
    arg, const_str, dyns, i64s, map2, map3, str2, str3, strs, ODyn, OLong, Src, Strs,
};
use crate::dynamic::Dynamic;
use crate::error::{EvalError, EvalErrorKind};
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;
use crate::value::Value;
use regex::Regex;
use std::collections::HashMap;

pub(super) fn functions() -> Vec<ScalarFunction> {
    let trim_sig = sig![a("regex", ArgType::String), a("source", ArgType::String)];
    let string = ReturnType::Fixed(DataType::String);
    vec![
        def("trim", trim_sig, string, |args, ctx| {
            trim(args, ctx, true, true)
        }),
        def("trim_start", trim_sig, string, |args, ctx| {
            trim(args, ctx, true, false)
        }),
        def("trim_end", trim_sig, string, |args, ctx| {
            trim(args, ctx, false, true)
        }),
        def(
            "extract",
            sig![
                a("regex", ArgType::String),
                a("captureGroup", ArgType::Long),
                a("source", ArgType::String),
                opt("typeLiteral", ArgType::Type),
            ],
            ReturnType::Custom(|_, consts| {
                consts
                    .get(3)
                    .and_then(|c| match c {
                        Some(Value::String(t)) => DataType::from_name(t),
                        _ => None,
                    })
                    .unwrap_or(DataType::String)
            }),
            extract,
        ),
        ScalarFunction {
            aliases: &["extractall"],
            ..def(
                "extract_all",
                sig![
                    a("regex", ArgType::String),
                    a("captureGroups_or_source", ArgType::Any),
                    opt("source", ArgType::String),
                ],
                ReturnType::Fixed(DataType::Dynamic),
                extract_all,
            )
        },
        ScalarFunction {
            aliases: &["replace"],
            ..def(
                "replace_regex",
                sig![
                    a("source", ArgType::String),
                    a("lookup_regex", ArgType::String),
                    a("rewrite_pattern", ArgType::String),
                ],
                string,
                replace_regex,
            )
        },
        def(
            "countof",
            sig![
                a("source", ArgType::String),
                a("search", ArgType::String),
                opt("kind", ArgType::String),
            ],
            ReturnType::Fixed(DataType::Long),
            countof,
        ),
    ]
}

/// Compiled patterns of a regex argument: one for a scalar, one per distinct value for a
/// column. `wrap` turns the user pattern into the compiled one.
pub(crate) struct Patterns {
    one: Option<Regex>,
    many: HashMap<String, Regex>,
}

impl Patterns {
    /// Compiles every pattern of `v`.
    pub(crate) fn compile(
        v: &Strs<'_>,
        rows: usize,
        wrap: impl Fn(&str) -> String,
    ) -> Result<Patterns, EvalError> {
        let build = |p: &str| {
            crate::regex_compat::compile(&wrap(p)).map_err(|e| {
                EvalError::new(EvalErrorKind::InvalidRegex {
                    message: e.to_string(),
                })
            })
        };
        match v {
            Strs::Scalar(p) => Ok(Patterns {
                one: Some(build(p)?),
                many: HashMap::new(),
            }),
            Strs::Col(c) => {
                let mut many = HashMap::new();
                for i in 0..rows {
                    let p = c.get(i);
                    if !many.contains_key(p) {
                        many.insert(p.to_string(), build(p)?);
                    }
                }
                Ok(Patterns { one: None, many })
            }
        }
    }

    /// The compiled form of `pattern` (the row's pattern text).
    pub(crate) fn get(&self, pattern: &str) -> Option<&Regex> {
        self.one.as_ref().or_else(|| self.many.get(pattern))
    }
}

fn plain(p: &str) -> String {
    p.to_string()
}

/// `trim(re, s)`, `trim_start`, `trim_end`: removes repeated matches of `re` anchored at
/// the start and/or end (q/trim-function.md, q/trim-start-function.md).
fn trim(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    start: bool,
    end: bool,
) -> Result<ColumnarValue, EvalError> {
    let re = strs(arg(args, 0)?)?;
    let src = strs(arg(args, 1)?)?;
    let starts = Patterns::compile(&re, ctx.rows, |p| format!("^(?:{p})+"))?;
    let ends = Patterns::compile(&re, ctx.rows, |p| format!("(?:{p})+$"))?;
    Ok(str2(ctx, &re, &src, |out, p, s| {
        let mut s = s;
        if start {
            if let Some(m) = starts.get(p).and_then(|r| r.find(s)) {
                s = s.get(m.end()..).unwrap_or("");
            }
        }
        if end {
            if let Some(m) = ends.get(p).and_then(|r| r.find(s)) {
                s = s.get(..m.start()).unwrap_or("");
            }
        }
        out.push_str(s);
    }))
}

/// `extract(re, group, source[, typeof(T)])`: the group's text of the first match,
/// converted to `T` when given; no match gives null (`""` for strings)
/// (q/extract-function.md).
fn extract(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let re = strs(arg(args, 0)?)?;
    let group = i64s(arg(args, 1)?)?;
    let src = strs(arg(args, 2)?)?;
    let pats = Patterns::compile(&re, ctx.rows, plain)?;
    let ty = args
        .get(3)
        .and_then(const_str)
        .and_then(DataType::from_name)
        .unwrap_or(DataType::String);
    let find = |p: &str, g: Option<i64>, s: &'_ str| -> Option<(usize, usize)> {
        let g = usize::try_from(g?).ok()?;
        let m = pats.get(p)?.captures(s)?.get(g)?;
        Some((m.start(), m.end()))
    };
    let text = |p: &str, g: Option<i64>, s: &'_ str| -> Option<String> {
        find(p, g, s)
            .and_then(|(a, b)| s.get(a..b))
            .map(str::to_string)
    };
    macro_rules! typed {
        ($out:ty, $conv:expr) => {
            Ok(map3::<$out, _, _, _>(ctx, &re, &group, &src, |p, g, s| {
                text(p, g, s).and_then(|t| $conv(Src::Str(&t)))
            }))
        };
    }
    use super::kernel::{OBool, ODateTime, OInt, OReal, OTimeSpan};
    match ty {
        DataType::Long => typed!(OLong, to_long),
        DataType::Int => typed!(OInt, to_int),
        DataType::Real => typed!(OReal, to_real),
        DataType::Bool => typed!(OBool, to_bool),
        DataType::DateTime => typed!(ODateTime, to_datetime),
        DataType::TimeSpan => typed!(OTimeSpan, to_timespan),
        DataType::Dynamic => Ok(map3::<ODyn, _, _, _>(ctx, &re, &group, &src, |p, g, s| {
            text(p, g, s).map_or(Dynamic::Null, Dynamic::String)
        })),
        _ => Ok(str3(ctx, &re, &group, &src, |out, p, g, s| {
            if let Some(t) = find(p, g, s).and_then(|(a, b)| s.get(a..b)) {
                out.push_str(t);
            }
        })),
    }
}

/// Which groups `extract_all` returns.
enum GroupSel {
    Index(usize),
    Name(String),
}

/// `extract_all(re, [groups,] source)`: every match's groups as a dynamic array (an array
/// of arrays for several groups); null when nothing matches (q/extract-all-function.md).
fn extract_all(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let re = strs(arg(args, 0)?)?;
    let pats = Patterns::compile(&re, ctx.rows, plain)?;
    if args.len() < 3 {
        let src = super::kernel::as_type(arg(args, 1)?, DataType::String);
        let src = strs(&src)?;
        return Ok(map2::<ODyn, _, _>(ctx, &re, &src, |p, s| {
            pats.get(p)
                .map_or(Dynamic::Null, |r| all_matches(r, None, s))
        }));
    }
    let groups = dyns(arg(args, 1)?)?;
    let src = strs(arg(args, 2)?)?;
    Ok(map3::<ODyn, _, _, _>(ctx, &re, &groups, &src, |p, g, s| {
        let sel: Option<Vec<GroupSel>> = match g {
            Dynamic::Array(a) => a
                .iter()
                .map(|x| match x {
                    Dynamic::Long(i) => usize::try_from(*i).ok().map(GroupSel::Index),
                    Dynamic::String(n) => Some(GroupSel::Name(n.clone())),
                    _ => None,
                })
                .collect(),
            _ => None,
        };
        match (pats.get(p), sel) {
            (Some(r), Some(sel)) => all_matches(r, Some(&sel), s),
            _ => Dynamic::Null,
        }
    }))
}

fn all_matches(r: &Regex, sel: Option<&[GroupSel]>, s: &str) -> Dynamic {
    let text = |m: Option<regex::Match<'_>>| {
        m.map_or(Dynamic::Null, |m| Dynamic::String(m.as_str().to_string()))
    };
    let default: Vec<GroupSel> = if r.captures_len() > 1 {
        (1..r.captures_len()).map(GroupSel::Index).collect()
    } else {
        vec![GroupSel::Index(0)]
    };
    let sel = sel.unwrap_or(&default);
    let mut out = Vec::new();
    for caps in r.captures_iter(s) {
        let mut row: Vec<Dynamic> = sel
            .iter()
            .map(|g| match g {
                GroupSel::Index(i) => text(caps.get(*i)),
                GroupSel::Name(n) => text(caps.name(n)),
            })
            .collect();
        if row.len() == 1 {
            out.extend(row.pop());
        } else {
            out.push(Dynamic::Array(row));
        }
    }
    if out.is_empty() {
        Dynamic::Null
    } else {
        Dynamic::Array(out)
    }
}

/// Converts a KQL rewrite pattern (`\1` group references) into the regex crate's syntax
/// (`${1}`, with literal `$` escaped).
fn rewrite_pattern(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    let mut chars = p.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '$' => out.push_str("$$"),
            '\\' if chars.peek().is_some_and(char::is_ascii_digit) => {
                out.push_str("${");
                while let Some(d) = chars.next_if(char::is_ascii_digit) {
                    out.push(d);
                }
                out.push('}');
            }
            other => out.push(other),
        }
    }
    out
}

/// `replace_regex(source, re, rewrite)`: every match replaced; `\1` refers to groups
/// (q/replace-regex-function.md).
fn replace_regex(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let src = strs(arg(args, 0)?)?;
    let re = strs(arg(args, 1)?)?;
    let rewrite = strs(arg(args, 2)?)?;
    let pats = Patterns::compile(&re, ctx.rows, plain)?;
    let fixed_rewrite = match rewrite {
        Strs::Scalar(r) => Some(rewrite_pattern(r)),
        Strs::Col(_) => None,
    };
    Ok(str3(ctx, &src, &re, &rewrite, |out, s, p, w| {
        let Some(r) = pats.get(p) else {
            out.push_str(s);
            return;
        };
        let w = match &fixed_rewrite {
            Some(w) => std::borrow::Cow::Borrowed(w.as_str()),
            None => std::borrow::Cow::Owned(rewrite_pattern(w)),
        };
        out.push_str(&r.replace_all(s, w.as_ref()));
    }))
}

/// `countof(source, search[, kind])`: plain matches may overlap, regex matches do not
/// (q/countof-function.md: `countof("aaa", "aa")` is 2, `countof("aaa", "aa", "regex")`
/// is 1).
fn countof(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let src = strs(arg(args, 0)?)?;
    let search = strs(arg(args, 1)?)?;
    let kind = match args.get(2) {
        Some(k) => {
            let k = const_str(k)
                .ok_or_else(|| EvalError::invalid_argument("countof", "kind must be a constant"))?;
            if k.eq_ignore_ascii_case("regex") {
                true
            } else if k.eq_ignore_ascii_case("normal") || k.is_empty() {
                false
            } else {
                return Err(EvalError::invalid_argument(
                    "countof",
                    format!("kind must be 'normal' or 'regex', not '{k}'"),
                ));
            }
        }
        None => false,
    };
    if kind {
        let pats = Patterns::compile(&search, ctx.rows, plain)?;
        return Ok(map2::<OLong, _, _>(ctx, &src, &search, |s, p| {
            pats.get(p).map(|r| r.find_iter(s).count() as i64)
        }));
    }
    Ok(map2::<OLong, _, _>(ctx, &src, &search, |s, p| {
        if p.is_empty() {
            return Some(0);
        }
        let mut n = 0;
        let mut from = 0;
        while let Some(pos) = s.get(from..).and_then(|rest| rest.find(p)) {
            n += 1;
            let at = from + pos;
            from = at
                + s.get(at..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8);
        }
        Some(n)
    }))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use crate::error::EvalErrorKind;
    use crate::value::Value;

    #[test]
    fn trim_family() {
        // q/trim-function.md: trim("--", "--https://bing.com--") is "https://bing.com"
        assert_eq!(
            scalar("trim", vec![s("--"), s("--https://bing.com--")]),
            sv("https://bing.com")
        );
        assert_eq!(scalar("trim", vec![s(r"\s"), s("  a b  ")]), sv("a b"));
        assert_eq!(scalar("trim_start", vec![s("x"), s("xxaxx")]), sv("axx"));
        assert_eq!(scalar("trim_end", vec![s("x"), s("xxaxx")]), sv("xxa"));
        // q/trim-end-function.md examples
        assert_eq!(
            scalar("trim_end", vec![s(".com"), s("bing.com")]),
            sv("bing")
        );
        assert_eq!(
            scalar("trim_end", vec![s(r"[^\w]+"), s("-  Te st1// $")]),
            sv("-  Te st1")
        );
        assert_eq!(
            scalar("trim_end", vec![s(r"\s+"), s("    Hello, world!    ")]),
            sv("    Hello, world!")
        );
        assert_eq!(
            column("trim", vec![s("a"), scol(&["aba", "", "aaa"])]),
            vec![sv("b"), sv(""), sv("")]
        );
        assert_eq!(
            column("trim", vec![scol(&["a", "b"]), scol(&["aca", "bcb"])]),
            vec![sv("c"), sv("c")]
        );
        let e = try_call("trim", vec![s("("), s("x")]).unwrap_err();
        assert!(matches!(e.kind, EvalErrorKind::InvalidRegex { .. }));
    }

    #[test]
    fn extract_groups_and_types() {
        // q/extract-function.md
        let src = "Duration: 12.5s, Id: 42";
        assert_eq!(
            scalar("extract", vec![s(r"Id: (\d+)"), l(1), s(src)]),
            sv("42")
        );
        assert_eq!(
            scalar("extract", vec![s(r"Id: (\d+)"), l(0), s(src)]),
            sv("Id: 42")
        );
        assert_eq!(
            scalar("extract", vec![s(r"nope(\d)"), l(1), s(src)]),
            sv("")
        );
        assert_eq!(scalar("extract", vec![s(r"(\d)"), l(5), s(src)]), sv(""));
        assert_eq!(
            scalar("extract", vec![s(r"Id: (\d+)"), l(1), s(src), s("long")]),
            lv(Some(42))
        );
        assert_eq!(
            scalar(
                "extract",
                vec![s(r"Duration: ([\d.]+)"), l(1), s(src), s("real")]
            ),
            rv(Some(12.5))
        );
        assert_eq!(
            scalar("extract", vec![s("(x)"), l(1), s(src), s("long")]),
            lv(None)
        );
        assert_eq!(
            column(
                "extract",
                vec![s(r"(\d+)"), l(1), scol(&["a1", "b", "c22"])]
            ),
            vec![sv("1"), sv(""), sv("22")]
        );
        assert!(try_call("extract", vec![s("["), l(1), s("x")]).is_err());
    }

    #[test]
    fn extract_all_shapes() {
        // q/extract-all-function.md examples
        assert_eq!(
            scalar(
                "extract_all",
                vec![s(r"(\d+)"), s("a set of numbers: 123, 567 and 789")]
            ),
            dv(r#"["123","567","789"]"#)
        );
        let id = "82b8be2d-dfa7-4bd1-8f63-24ad26d31449";
        assert_eq!(
            scalar("extract_all", vec![s(r"(\w)(\w+)(\w)"), s(id)]),
            dv(
                r#"[["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]]"#
            )
        );
        assert_eq!(
            scalar("extract_all", vec![s(r"(\w)(\w+)(\w)"), d("[1,3]"), s(id)]),
            dv(r#"[["8","d"],["d","7"],["4","1"],["8","3"],["2","9"]]"#)
        );
        assert_eq!(
            scalar(
                "extract_all",
                vec![
                    s(r"(?P<first>\w)(?P<middle>\w+)(?P<last>\w)"),
                    d(r#"["first",2,"last"]"#),
                    s(id)
                ]
            ),
            dv(
                r#"[["8","2b8be2","d"],["d","fa","7"],["4","bd","1"],["8","f6","3"],["2","4ad26d3144","9"]]"#
            )
        );
        assert_eq!(
            scalar("extract_all", vec![s(r"(\d)"), s("none")]),
            Value::Dynamic(crate::Dynamic::Null)
        );
        assert_eq!(
            column("extract_all", vec![s(r"(\d)"), scol(&["a1b2", "x"])]),
            vec![dv(r#"["1","2"]"#), dv("null")]
        );
    }

    #[test]
    fn replace_regex_with_groups() {
        // q/replace-regex-function.md: replace_regex(s, @'is (\w+)', @'was \1')
        assert_eq!(
            scalar(
                "replace_regex",
                vec![s("Number is 42"), s(r"is (\d+)"), s(r"was: \1")]
            ),
            sv("Number was: 42")
        );
        assert_eq!(
            scalar("replace", vec![s("a$b"), s(r"\$"), s("$")]),
            sv("a$b")
        );
        assert_eq!(
            column(
                "replace_regex",
                vec![scol(&["a1", "b22"]), s(r"\d"), s("#")]
            ),
            vec![sv("a#"), sv("b##")]
        );
    }

    #[test]
    fn countof_normal_and_regex() {
        // q/countof-function.md examples
        assert_eq!(scalar("countof", vec![s("aaa"), s("a")]), lv(Some(3)));
        assert_eq!(scalar("countof", vec![s("aaaa"), s("aa")]), lv(Some(3)));
        assert_eq!(
            scalar("countof", vec![s("ababa"), s("ab"), s("normal")]),
            lv(Some(2))
        );
        assert_eq!(scalar("countof", vec![s("ababa"), s("aba")]), lv(Some(2)));
        assert_eq!(
            scalar("countof", vec![s("ababa"), s("aba"), s("regex")]),
            lv(Some(1))
        );
        assert_eq!(
            scalar("countof", vec![s("abcabc"), s("a.c"), s("regex")]),
            lv(Some(2))
        );
        assert_eq!(
            column("countof", vec![scol(&["aXa", ""]), s("a")]),
            vec![lv(Some(2)), lv(Some(0))]
        );
    }

    #[test]
    fn extract_all_converts_a_dynamic_source() {
        assert_eq!(
            scalar("extract_all", vec![s(r"(\d)"), d("\"a1\"")]),
            dv("[\"1\"]")
        );
    }
}
