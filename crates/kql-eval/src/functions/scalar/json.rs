//! `extract_json(jsonPath, text[, typeof(T)])` (alias `extractjson`): one element of a JSON
//! text selected by a simple JSONPath (`$`, `.key`, `['key']`, `[index]`), as text or
//! converted to `T`; null (`""`) when the text is not JSON or the path selects nothing
//! (q/extract-json-function.md, q/jsonpath.md).

use super::convert::{cast, write_text};
use super::def;
use super::kernel::{arg, const_str, str2, strs, Src, Strs};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;
use crate::value::Value;

pub(super) fn functions() -> Vec<ScalarFunction> {
    vec![ScalarFunction {
        aliases: &["extractjson"],
        ..def(
            "extract_json",
            sig![
                a("jsonPath", ArgType::String),
                a("dataSource", ArgType::String),
                opt("type", ArgType::Type)
            ],
            ReturnType::Custom(|_, consts| {
                consts
                    .get(2)
                    .and_then(|c| match c {
                        Some(Value::String(t)) => DataType::from_name(t),
                        _ => None,
                    })
                    .unwrap_or(DataType::String)
            }),
            extract_json,
        )
    }]
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq)]
enum Step {
    Key(String),
    Index(i64),
}

/// Parses `$.a['b'][0]`; `None` for paths this subset does not support.
fn parse_path(path: &str) -> Option<Vec<Step>> {
    let mut rest = path.trim().strip_prefix('$')?;
    let mut steps = Vec::new();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('.') {
            let end = r.find(['.', '[']).unwrap_or(r.len());
            let key = r.get(..end)?;
            if key.is_empty() || key == "*" {
                return None;
            }
            steps.push(Step::Key(key.to_string()));
            rest = r.get(end..)?;
        } else if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let inner = r.get(..end)?.trim();
            let quoted = inner
                .strip_prefix('\'')
                .and_then(|x| x.strip_suffix('\''))
                .or_else(|| inner.strip_prefix('"').and_then(|x| x.strip_suffix('"')));
            steps.push(match quoted {
                Some(k) => Step::Key(k.to_string()),
                None => Step::Index(inner.parse().ok()?),
            });
            rest = r.get(end + 1..)?;
        } else {
            return None;
        }
    }
    Some(steps)
}

fn select<'d>(d: &'d Dynamic, steps: &[Step]) -> Option<&'d Dynamic> {
    let mut cur = d;
    for s in steps {
        cur = match (s, cur) {
            (Step::Key(k), Dynamic::Bag(b)) => b.get(k)?,
            (Step::Index(i), Dynamic::Array(a)) => {
                let n = a.len() as i64;
                let i = if *i < 0 { n + i } else { *i };
                a.get(usize::try_from(i).ok()?)?
            }
            _ => return None,
        };
    }
    Some(cur)
}

fn extract_json(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let path = strs(arg(args, 0)?)?;
    let src = strs(arg(args, 1)?)?;
    let fixed = match path {
        Strs::Scalar(p) => Some(parse_path(p)),
        Strs::Col(_) => None,
    };
    let text = str2(ctx, &path, &src, |out, p, s| {
        let parsed;
        let steps = match &fixed {
            Some(steps) => steps.as_deref(),
            None => {
                parsed = parse_path(p);
                parsed.as_deref()
            }
        };
        let (Some(steps), Some(doc)) = (steps, Dynamic::parse_json(s)) else {
            return;
        };
        if let Some(v) = select(&doc, steps) {
            write_text(out, Src::Dyn(v));
        }
    });
    let ty = args
        .get(2)
        .and_then(const_str)
        .and_then(DataType::from_name)
        .unwrap_or(DataType::String);
    Ok(match ty {
        DataType::String => text,
        // an empty extraction is null, not the empty string converted
        DataType::Dynamic => cast_dynamic(&text),
        other => cast(&text, other),
    })
}

/// Extracted text as dynamic: JSON values parsed back, `""` as null.
fn cast_dynamic(text: &ColumnarValue) -> ColumnarValue {
    let rows = match text {
        ColumnarValue::Column(c) => c.len(),
        ColumnarValue::Scalar(_) => 1,
    };
    let ctx = EvalContext { now: 0, rows };
    match strs(text) {
        Ok(s) => super::kernel::map1::<super::kernel::ODyn, _>(&ctx, &s, |t| {
            super::convert::parse_json_or_string(t)
        }),
        Err(_) => cast(text, DataType::Dynamic),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use super::{parse_path, Step};

    #[test]
    fn paths() {
        assert_eq!(parse_path("$"), Some(vec![]));
        assert_eq!(
            parse_path("$.a['b c'][2]"),
            Some(vec![
                Step::Key("a".into()),
                Step::Key("b c".into()),
                Step::Index(2)
            ])
        );
        assert_eq!(parse_path("a.b"), None);
        assert_eq!(parse_path("$..a"), None);
    }

    #[test]
    fn extracts() {
        // q/extract-json-function.md example
        let json = r#"{"name": "John", "age": 30, "city": "New York", "tags": ["a", {"k": 1}]}"#;
        assert_eq!(
            scalar("extract_json", vec![s("$.name"), s(json), s("string")]),
            sv("John")
        );
        assert_eq!(scalar("extract_json", vec![s("$.age"), s(json)]), sv("30"));
        assert_eq!(
            scalar("extract_json", vec![s("$.age"), s(json), s("long")]),
            lv(Some(30))
        );
        assert_eq!(
            scalar("extract_json", vec![s("$.tags[1]"), s(json)]),
            sv(r#"{"k":1}"#)
        );
        assert_eq!(
            scalar("extractjson", vec![s("$.tags[-1].k"), s(json), s("int")]),
            crate::value::Value::Int(Some(1))
        );
        assert_eq!(
            scalar("extract_json", vec![s("$.nope"), s(json), s("long")]),
            lv(None)
        );
        assert_eq!(
            scalar("extract_json", vec![s("$.a"), s("not json")]),
            sv("")
        );
        assert_eq!(
            scalar("extract_json", vec![s("$.tags"), s(json), s("dynamic")]),
            dv(r#"["a",{"k":1}]"#)
        );
        assert_eq!(
            column(
                "extract_json",
                vec![s("$.x"), scol(&[r#"{"x":"1"}"#, "{}"])]
            ),
            vec![sv("1"), sv("")]
        );
        assert_eq!(
            column(
                "extract_json",
                vec![scol(&["$.x", "$.y"]), s(r#"{"x":1,"y":2}"#)]
            ),
            vec![sv("1"), sv("2")]
        );
    }
}
