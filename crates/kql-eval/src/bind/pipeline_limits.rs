//! Bounds on pipelines: every piped operator wraps the plan one level deeper, and planning,
//! optimizing, executing and dropping a plan recurse per level. A 30,000-operator pipeline
//! (`T | where x > 0 | where x > 0 | ...`) would overflow even a large stack, so pipelines
//! are bounded like expressions are ([`super::MAX_BIND_DEPTH`]).

use super::plan::Plan;
use crate::error::{BindError, BindErrorKind};
use kql_parser::ast::TabularExpr;
use kql_parser::Span;

/// Most operators one pipeline may have.
pub const MAX_PIPELINE_OPERATORS: usize = 1_000;

/// Deepest a bound plan may be (pipelines feeding tabular `let`s that feed pipelines ...).
pub const MAX_PLAN_DEPTH: usize = 5_000;

/// Errors when `t` has more than [`MAX_PIPELINE_OPERATORS`] operators (checked before
/// binding any, so no over-deep plan is ever built).
pub(super) fn check_pipeline(t: &TabularExpr) -> Result<(), BindError> {
    let n = t.operators.len();
    if n <= MAX_PIPELINE_OPERATORS {
        return Ok(());
    }
    let span = t
        .operators
        .get(MAX_PIPELINE_OPERATORS)
        .map_or(t.span, |op| op.span);
    Err(BindError::new(
        BindErrorKind::InvalidValue {
            message: format!(
                "a pipeline may have at most {MAX_PIPELINE_OPERATORS} operators; this one has {n}"
            ),
        },
        span,
    ))
}

/// Errors when `plan` is deeper than [`MAX_PLAN_DEPTH`]. Recurses at most that deep (the
/// query runs on a large stack, see `crate::stack`), in a small frame.
pub(super) fn check_plan_depth(plan: &Plan, span: Span) -> Result<(), BindError> {
    if deeper_than_limit(plan, 1) {
        return Err(BindError::new(
            BindErrorKind::TooDeep {
                limit: MAX_PLAN_DEPTH,
            },
            span,
        ));
    }
    Ok(())
}

fn deeper_than_limit(plan: &Plan, depth: usize) -> bool {
    if depth > MAX_PLAN_DEPTH {
        return true;
    }
    let mut over = false;
    plan.for_each_input(|input| over = over || deeper_than_limit(input, depth + 1));
    over
}

#[cfg(test)]
mod tests {
    use crate::{DataType, Engine, Field, Table, Value};

    fn engine() -> Engine {
        let mut engine = Engine::new();
        let rows = vec![vec![Value::Long(Some(1))]];
        engine.add_table(
            "T",
            Table::from_rows(vec![Field::new("x", DataType::Long)], &rows),
        );
        engine
    }

    #[test]
    fn a_long_pipeline_works_up_to_the_limit() {
        let q = format!("T{} | count", " | where x > 0".repeat(999));
        let r = engine().run(&q).unwrap();
        assert_eq!(r[0].row(0), vec![Value::Long(Some(1))]);
    }

    #[test]
    fn a_longer_pipeline_is_an_error() {
        let q = format!("T{}", " | where x > 0".repeat(30_000));
        let e = engine().run(&q).unwrap_err().to_string();
        assert!(
            e.contains("at most 1000 operators; this one has 30000"),
            "{e}"
        );
    }

    #[test]
    fn chained_lets_are_bounded_by_depth() {
        let mut q = String::from("let t0 = T;\n");
        for i in 1..=10 {
            q.push_str(&format!(
                "let t{i} = t{}{};\n",
                i - 1,
                " | where x > 0".repeat(900)
            ));
        }
        q.push_str("t10 | count");
        let e = engine().run(&q).unwrap_err().to_string();
        assert!(e.contains("nests too deeply (limit 5000)"), "{e}");
    }
}
