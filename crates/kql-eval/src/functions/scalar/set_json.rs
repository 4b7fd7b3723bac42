//! `jaccard_index` (q/jaccard-index-function.md) and `dynamic_to_json`
//! (q/dynamic-to-json-function.md).

use super::def;
use super::kernel::{any, arg, dyns, map2, str1, Src};
use crate::dynamic::Dynamic;
use crate::functions::{arg as a, ArgType, ReturnType, ScalarFunction};
use crate::types::DataType;
use std::cmp::Ordering;

pub(super) fn functions() -> Vec<ScalarFunction> {
    vec![
        // The official analyzer types the result as dynamic (a real inside).
        def(
            "jaccard_index",
            sig![a("set1", ArgType::Dynamic), a("set2", ArgType::Dynamic)],
            ReturnType::Fixed(DataType::Dynamic),
            |args, ctx| {
                let (x, y) = (dyns(arg(args, 0)?)?, dyns(arg(args, 1)?)?);
                Ok(map2::<super::kernel::ODyn, _, _>(
                    ctx,
                    &x,
                    &y,
                    |x, y| match (x, y) {
                        (Dynamic::Array(x), Dynamic::Array(y)) => {
                            jaccard(x, y).map_or(Dynamic::Null, Dynamic::Real)
                        }
                        _ => Dynamic::Null,
                    },
                ))
            },
        ),
        def(
            "dynamic_to_json",
            sig![a("expr", ArgType::Any)],
            ReturnType::Fixed(DataType::String),
            |args, ctx| {
                let v = any(arg(args, 0)?);
                Ok(str1(ctx, &v, |out, x| match x {
                    Src::Dyn(d) => canonical_json(d, out),
                    other => out.push_str(&other.to_value().to_kql_string()),
                }))
            },
        ),
    ]
}

/// The distinct values of `xs`, sorted (duplicates are ignored, q/jaccard-index-function.md).
fn distinct_sorted(xs: &[Dynamic]) -> Vec<&Dynamic> {
    let mut v: Vec<&Dynamic> = xs.iter().collect();
    v.sort_by(|a, b| a.total_cmp(b));
    v.dedup_by(|a, b| a.total_cmp(b) == Ordering::Equal);
    v
}

/// `|x ∩ y| / |x ∪ y|` over distinct values; `None` when both sets are empty (0 / 0).
fn jaccard(x: &[Dynamic], y: &[Dynamic]) -> Option<f64> {
    let (x, y) = (distinct_sorted(x), distinct_sorted(y));
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while let (Some(a), Some(b)) = (x.get(i), y.get(j)) {
        match a.total_cmp(b) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = x.len() + y.len() - common;
    (union > 0).then(|| common as f64 / union as f64)
}

/// Canonical JSON (q/dynamic-to-json-function.md): arrays in order, property bags with
/// their keys sorted (ordinally), recursively; scalars as JSON.
fn canonical_json(d: &Dynamic, out: &mut String) {
    match d {
        Dynamic::Array(xs) => {
            out.push('[');
            for (i, x) in xs.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                canonical_json(x, out);
            }
            out.push(']');
        }
        Dynamic::Bag(b) => {
            let mut keys: Vec<&String> = b.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(k.clone()).to_string());
                out.push(':');
                if let Some(v) = b.get(k) {
                    canonical_json(v, out);
                }
            }
            out.push('}');
        }
        scalar => out.push_str(&scalar.to_json_string()),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;

    #[test]
    fn jaccard_index_doc_example() {
        // q/jaccard-index-function.md: [1,2,3] and [1,2,3,4] give 0.75
        assert_eq!(
            scalar("jaccard_index", vec![d("[1,2,3]"), d("[1,2,3,4]")]),
            dv("0.75")
        );
        // Duplicates are ignored: {1,2} and {2,3} share 1 of 3.
        assert_eq!(
            scalar("jaccard_index", vec![d("[1,1,2,2]"), d("[2,3,3]")]),
            crate::value::Value::Dynamic(crate::dynamic::Dynamic::Real(1.0 / 3.0))
        );
        assert_eq!(
            scalar("jaccard_index", vec![d("[\"a\"]"), d("[\"b\"]")]),
            dv("0.0")
        );
        assert_eq!(scalar("jaccard_index", vec![d("[]"), d("[]")]), dv("null"));
        assert_eq!(scalar("jaccard_index", vec![d("1"), d("[1]")]), dv("null"));
        assert_eq!(
            column("jaccard_index", vec![dcol(&["[1]", "[1,2]"]), d("[1]")]),
            vec![dv("1.0"), dv("0.5")]
        );
    }

    #[test]
    fn dynamic_to_json_doc_example() {
        // q/dynamic-to-json-function.md: two bags with the same content in different
        // orders give the same text, keys sorted at every level.
        let bag1 = d(
            r#"{"Y10":{},"X8":{"c3":1,"d8":5,"a4":6},"D1":114,"A1":12,"B1":2,"C1":3,"A14":[15,13,18]}"#,
        );
        let bag2 = d(
            r#"{"X8":{"a4":6,"c3":1,"d8":5},"A14":[15,13,18],"C1":3,"B1":2,"Y10":{},"A1":12,"D1":114}"#,
        );
        let want = r#"{"A1":12,"A14":[15,13,18],"B1":2,"C1":3,"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}}"#;
        assert_eq!(scalar("dynamic_to_json", vec![bag1]), sv(want));
        assert_eq!(scalar("dynamic_to_json", vec![bag2]), sv(want));
        // A non-dynamic value is tostring()'d.
        assert_eq!(scalar("dynamic_to_json", vec![l(5)]), sv("5"));
        assert_eq!(scalar("dynamic_to_json", vec![s("a\"b")]), sv("a\"b"));
        assert_eq!(
            scalar("dynamic_to_json", vec![d(r#"["x",null,1.5]"#)]),
            sv(r#"["x",null,1.5]"#)
        );
    }
}
