//! More string functions: `strcmp`, `translate`, `make_string`,
//! `unicode_codepoints_from_string`, `to_utf8`, `strcat_array`, `regex_quote`.

use super::convert::write_text;
use super::def;
use super::kernel::{
    all_scalar, any, arg, build_strings, dyns, map1, map2, str1, str2, str3, strs, AnyView, ODyn,
    OLong, Src, View,
};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;

pub(super) fn functions() -> Vec<ScalarFunction> {
    let string = ReturnType::Fixed(DataType::String);
    let dynamic = ReturnType::Fixed(DataType::Dynamic);
    vec![
        // q/strcmp-function.md: -1, 0 or 1 (ordinal comparison)
        def(
            "strcmp",
            sig![a("string1", ArgType::String), a("string2", ArgType::String)],
            ReturnType::Fixed(DataType::Long),
            |args, ctx| {
                let (x, y) = (strs(arg(args, 0)?)?, strs(arg(args, 1)?)?);
                Ok(map2::<OLong, _, _>(ctx, &x, &y, |x, y| {
                    Some(x.cmp(y) as i64)
                }))
            },
        ),
        def(
            "translate",
            sig![
                a("searchList", ArgType::String),
                a("replacementList", ArgType::String),
                a("source", ArgType::String)
            ],
            string,
            translate,
        ),
        def(
            "make_string",
            var_sig![64; a("codepoints", ArgType::Any)],
            string,
            make_string,
        ),
        def(
            "unicode_codepoints_from_string",
            sig![a("value", ArgType::String)],
            dynamic,
            |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(map1::<ODyn, _>(ctx, &s, |s| {
                    Dynamic::Array(
                        s.chars()
                            .map(|c| Dynamic::Long(u32::from(c).into()))
                            .collect(),
                    )
                }))
            },
        ),
        def(
            "to_utf8",
            sig![a("value", ArgType::String)],
            dynamic,
            |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(map1::<ODyn, _>(ctx, &s, |s| {
                    Dynamic::Array(s.bytes().map(|b| Dynamic::Long(b.into())).collect())
                }))
            },
        ),
        def(
            "strcat_array",
            sig![
                a("array", ArgType::Dynamic),
                a("delimiter", ArgType::String)
            ],
            string,
            |args, ctx| {
                let (arr, delim) = (dyns(arg(args, 0)?)?, strs(arg(args, 1)?)?);
                Ok(str2(ctx, &arr, &delim, |out, arr, delim| {
                    if let Dynamic::Array(items) = arr {
                        for (k, x) in items.iter().enumerate() {
                            if k > 0 {
                                out.push_str(delim);
                            }
                            write_text(out, Src::Dyn(x));
                        }
                    }
                }))
            },
        ),
        def(
            "regex_quote",
            sig![a("value", ArgType::String)],
            string,
            |args, ctx| {
                let s = strs(arg(args, 0)?)?;
                Ok(str1(ctx, &s, |out, s| out.push_str(&regex::escape(s))))
            },
        ),
    ]
}

/// `translate(search, replace, source)`: each character of `search` becomes the character
/// at the same position of `replace` (its last character when `replace` is shorter), or is
/// removed when `replace` is empty (q/translate-function.md).
fn translate(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let search = strs(arg(args, 0)?)?;
    let replace = strs(arg(args, 1)?)?;
    let src = strs(arg(args, 2)?)?;
    Ok(str3(
        ctx,
        &search,
        &replace,
        &src,
        |out, search, replace, src| {
            let last = replace.chars().last();
            for c in src.chars() {
                match search.chars().position(|x| x == c) {
                    Some(k) => out.extend(replace.chars().nth(k).or(last)),
                    None => out.push(c),
                }
            }
        },
    ))
}

/// `make_string(cp, ...)`: a string from code points (numbers or arrays of numbers);
/// `""` when one is not a valid code point (q/make-string-function.md).
fn make_string(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let views: Vec<AnyView<'_>> = args.iter().map(any).collect();
    Ok(build_strings(ctx, all_scalar(args), |out, i| {
        let start = out.len();
        let mut ok = true;
        let mut push = |n: Option<i64>| match n
            .and_then(|n| u32::try_from(n).ok())
            .and_then(char::from_u32)
        {
            Some(c) => out.push(c),
            None => ok = false,
        };
        for v in &views {
            match v.at(i) {
                Src::Dyn(Dynamic::Array(a)) => a.iter().for_each(|x| push(dyn_long(x))),
                other => push(super::convert::to_long(other)),
            }
        }
        if !ok {
            out.truncate(start);
        }
    }))
}

fn dyn_long(d: &Dynamic) -> Option<i64> {
    super::convert::to_long(Src::Dyn(d))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn strcmp_translate() {
        // q/strcmp-function.md: strcmp("ABC", "ABC") == 0, strcmp("abc", "ABC") == 1
        assert_eq!(scalar("strcmp", vec![s("ABC"), s("ABC")]), lv(Some(0)));
        assert_eq!(scalar("strcmp", vec![s("abc"), s("ABC")]), lv(Some(1)));
        assert_eq!(scalar("strcmp", vec![s("ABC"), s("abc")]), lv(Some(-1)));
        assert_eq!(
            column("strcmp", vec![scol(&["a", "c"]), s("b")]),
            vec![lv(Some(-1)), lv(Some(1))]
        );
        // q/translate-function.md examples
        assert_eq!(
            scalar("translate", vec![s("abc"), s("x"), s("abc")]),
            sv("xxx")
        );
        assert_eq!(scalar("translate", vec![s("abc"), s(""), s("ab")]), sv(""));
        assert_eq!(
            scalar("translate", vec![s("krasp"), s("otsku"), s("spark")]),
            sv("kusto")
        );
        assert_eq!(
            column("translate", vec![s("a"), s("b"), scol(&["aa", "c"])]),
            vec![sv("bb"), sv("c")]
        );
    }

    #[test]
    fn code_points() {
        // q/make-string-function.md: make_string(75, 117, 115, 116, 111) == "Kusto"
        assert_eq!(
            scalar("make_string", vec![l(75), l(117), l(115), l(116), l(111)]),
            sv("Kusto")
        );
        assert_eq!(
            scalar("make_string", vec![d("[75, 117]"), l(115)]),
            sv("Kus")
        );
        assert_eq!(scalar("make_string", vec![l(-1)]), sv(""));
        assert_eq!(
            column("make_string", vec![lcol(&[Some(65), None])]),
            vec![sv("A"), sv("")]
        );
        assert_eq!(
            scalar("unicode_codepoints_from_string", vec![s("KUSTO")]),
            dv("[75,85,83,84,79]")
        );
        assert_eq!(scalar("to_utf8", vec![s("⒦")]), dv("[226,146,166]"));
        assert_eq!(
            scalar("strcat_array", vec![d("[1, 2, \"a\"]"), s("-")]),
            sv("1-2-a")
        );
        assert_eq!(scalar("strcat_array", vec![d("5"), s("-")]), sv(""));
        assert_eq!(scalar("regex_quote", vec![s("(a.b)")]), sv(r"\(a\.b\)"));
    }
}
