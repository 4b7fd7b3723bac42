//! `dcount_hll` and the scalar `hll_merge`, over the exact sketches that the `hll()`
//! aggregate makes (representation documented in `functions/aggregate/hll.rs`).

use super::def;
use super::kernel::{all_scalar, arg, dyns, finish, map1, ODyn, OLong, View};
use crate::dynamic::Dynamic;
use crate::functions::aggregate::hll::{not_a_sketch, Sketch};
use crate::functions::{arg as a, ArgType, ReturnType, ScalarFunction};
use crate::types::DataType;

pub(super) fn functions() -> Vec<ScalarFunction> {
    vec![
        // q/dcount-hll-function.md: the distinct count of an hll()/hll_merge() value; null
        // for null or any other value.
        def(
            "dcount_hll",
            sig![a("hll", ArgType::Dynamic)],
            ReturnType::Fixed(DataType::Long),
            |args, ctx| {
                let h = dyns(arg(args, 0)?)?;
                Ok(map1::<OLong, _>(ctx, &h, |d| {
                    Sketch::from_dynamic(d).and_then(|s| i64::try_from(s.count()).ok())
                }))
            },
        ),
        // q/hll-merge-function.md: the scalar form merges its arguments (2 to 64); null
        // arguments are skipped, and all-null gives null. A value that is not a sketch, or
        // sketches of different accuracy, are an error.
        def(
            "hll_merge",
            var_sig![64; a("hll1", ArgType::Dynamic), a("hll2", ArgType::Dynamic)],
            ReturnType::Fixed(DataType::Dynamic),
            |args, ctx| {
                let views = args.iter().map(dyns).collect::<Result<Vec<_>, _>>()?;
                let scalar = all_scalar(args);
                let rows = if scalar { 1 } else { ctx.rows };
                let mut out = Vec::with_capacity(rows);
                for i in (0..rows).take_while(|&i| crate::interrupt::keep_going(i)) {
                    let mut merged: Option<Sketch> = None;
                    for v in &views {
                        let d = v.at(i);
                        if d.is_null() {
                            continue;
                        }
                        let s = Sketch::from_dynamic(d).ok_or_else(not_a_sketch)?;
                        match merged.as_mut() {
                            Some(m) => m.merge(s, "hll_merge")?,
                            None => merged = Some(s),
                        }
                    }
                    out.push(merged.map_or(Dynamic::Null, |m| m.to_dynamic()));
                }
                Ok(finish::<ODyn>(out, scalar))
            },
        ),
    ]
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;

    const A: &str = r#"{"kind":"exact_hll","accuracy":1,"values":["i:1","i:2"]}"#;
    const B: &str = r#"{"kind":"exact_hll","accuracy":1,"values":["i:2","s:x"]}"#;
    const C: &str = r#"{"kind":"exact_hll","accuracy":2,"values":["i:2"]}"#;

    #[test]
    fn dcount_hll_counts_values() {
        // q/dcount-hll-function.md
        assert_eq!(scalar("dcount_hll", vec![d(A)]), lv(Some(2)));
        assert_eq!(scalar("dcount_hll", vec![d("null")]), lv(None));
        assert_eq!(scalar("dcount_hll", vec![d("[1,2]")]), lv(None));
        // a stored value read back as JSON text
        let text = serde_json::to_string(A).unwrap();
        assert_eq!(scalar("dcount_hll", vec![d(&text)]), lv(Some(2)));
        assert_eq!(scalar("dcount_hll", vec![d(r#""{x""#)]), lv(None));
        assert_eq!(
            column("dcount_hll", vec![dcol(&[A, B, "{}"])]),
            vec![lv(Some(2)), lv(Some(2)), lv(None)]
        );
    }

    #[test]
    fn scalar_hll_merge() {
        // q/hll-merge-function.md: merging then counting
        let merged = call("hll_merge", vec![d(A), d(B), d("null")]);
        assert_eq!(scalar("dcount_hll", vec![merged]), lv(Some(3)));
        assert_eq!(scalar("hll_merge", vec![d("null"), d("null")]), dv("null"));
        assert!(try_call("hll_merge", vec![d(A), d(C)]).is_err());
        assert!(try_call("hll_merge", vec![d(A), d("[1]")]).is_err());
    }
}
