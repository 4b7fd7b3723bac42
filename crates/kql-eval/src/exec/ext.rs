//! Runs the plan nodes of `bind/ops` ([`ExtPlan`]): `serialize`, `sample` and the
//! `mv-apply` subtable here; the others in their own files.

use super::{execute, ip_lookup, make_series, mv_expand, parse, parse_kv, top_nested, ExecContext};
use crate::bind::ops::ExtPlan;
use crate::error::EvalError;
use crate::table::{Field, Table};

/// Runs one [`ExtPlan`] node with output `schema`.
pub fn execute_ext(x: &ExtPlan, schema: &[Field], ctx: &ExecContext) -> Result<Table, EvalError> {
    match x {
        ExtPlan::MvExpand(m) => {
            let input = execute(&m.input, ctx)?;
            mv_expand::mv_expand(m, &input, schema, ctx)
        }
        ExtPlan::MvApply(m) => mv_expand::mv_apply(m, schema, ctx),
        ExtPlan::Parse(p) => parse::parse(p, schema, ctx),
        ExtPlan::ParseKv(p) => parse_kv::parse_kv(p, schema, ctx),
        ExtPlan::Serialize(input) => execute(input, ctx),
        ExtPlan::Render { input, chart } => {
            Ok(execute(input, ctx)?.with_visualization(std::sync::Arc::clone(chart)))
        }
        ExtPlan::Sample { input, count } => {
            let input = execute(input, ctx)?;
            Ok(sample(&input, *count))
        }
        ExtPlan::MakeSeries(m) => make_series::make_series(m, schema, ctx),
        ExtPlan::TopNested(t) => top_nested::top_nested(t, schema, ctx),
        ExtPlan::IpLookup(p) => ip_lookup::ip_lookup(p, schema, ctx),
        ExtPlan::SubTable(slot) => match slot.0.lock() {
            Ok(guard) => guard
                .clone()
                .ok_or_else(|| EvalError::internal("mv-apply subtable is not set")),
            Err(_) => Err(EvalError::internal("mv-apply subtable lock")),
        },
    }
}

/// `sample N`: N rows chosen at random, in input order (q/sample-operator.md).
fn sample(input: &Table, count: usize) -> Table {
    let rows = input.num_rows();
    if count >= rows {
        return input.clone();
    }
    // xorshift64*, seeded from the clock: nondeterministic, as the operator is.
    let mut state = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0x9E37_79B9_7F4A_7C15)
        | 1;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    // Partial Fisher-Yates over the row indices.
    let mut idx: Vec<usize> = (0..rows).collect();
    for i in 0..count {
        let j = i + (next() % (rows - i) as u64) as usize;
        idx.swap(i, j);
    }
    let mut chosen = idx[..count].to_vec();
    chosen.sort_unstable();
    input.take(&chosen)
}
