//! Runs a bound [`Plan`] over in-memory tables, one operator at a time, checking the
//! limits after each.

mod ext;
mod filter;
mod ip_lookup;
mod join;
mod make_series;
mod mv_expand;
mod parse;
mod parse_kv;
mod sort;
mod source;
mod summarize;
mod top_nested;
mod union;

use crate::bind::plan::{Plan, PlanKind};
use crate::error::{EvalError, EvalErrorKind};
use crate::expr::evaluate;
use crate::limits::Limits;
use crate::table::{Column, Field, Table};
use std::sync::Arc;
use std::time::Instant;
pub(crate) use summarize::group_rows;

/// What a running query carries: its instant and its limits.
pub struct ExecContext {
    /// `now()` for this query (ticks).
    pub now: i64,
    limits: Limits,
    deadline: Option<Instant>,
}

impl ExecContext {
    /// A context for one query.
    pub fn new(now: i64, limits: Limits) -> Self {
        let deadline = limits.timeout.map(|t| Instant::now() + t);
        ExecContext {
            now,
            limits,
            deadline,
        }
    }

    /// Errors when the deadline passed or the query was cancelled.
    pub fn check_time(&self) -> Result<(), EvalError> {
        if self
            .limits
            .cancel
            .as_ref()
            .is_some_and(|c| c.is_cancelled())
        {
            return Err(EvalError::new(EvalErrorKind::Cancelled));
        }
        if self.deadline.is_some_and(|d| Instant::now() > d) {
            return Err(EvalError::new(EvalErrorKind::Deadline));
        }
        Ok(())
    }

    /// Errors when a table of `rows` rows would break the row limit.
    pub fn check_rows(&self, rows: usize) -> Result<(), EvalError> {
        if rows > self.limits.max_rows {
            return Err(EvalError::new(EvalErrorKind::RowLimit {
                limit: self.limits.max_rows,
            }));
        }
        Ok(())
    }

    /// Errors when an operator is about to allocate `bytes` more than the memory budget
    /// allows (checked before building a large result, not after).
    pub fn check_memory(&self, bytes: usize) -> Result<(), EvalError> {
        if bytes > self.limits.max_memory_bytes {
            return Err(EvalError::new(EvalErrorKind::MemoryLimit {
                limit: self.limits.max_memory_bytes,
            }));
        }
        Ok(())
    }

    fn check_table(&self, t: &Table) -> Result<(), EvalError> {
        self.check_time()?;
        self.check_rows(t.num_rows())?;
        if t.heap_size() > self.limits.max_memory_bytes {
            return Err(EvalError::new(EvalErrorKind::MemoryLimit {
                limit: self.limits.max_memory_bytes,
            }));
        }
        Ok(())
    }
}

/// Runs a plan to a table.
pub fn execute(plan: &Plan, ctx: &ExecContext) -> Result<Table, EvalError> {
    ctx.check_time()?;
    // Kernel loops stop early once the query is out of time or cancelled (`interrupt.rs`);
    // whatever error their partial result causes, the deadline or cancellation is reported.
    let _limits = crate::interrupt::enter(
        ctx.deadline,
        ctx.limits.cancel.clone(),
        ctx.limits.max_memory_bytes,
    );
    let result = execute_node(plan, ctx);
    if crate::interrupt::memory_exceeded() {
        return Err(EvalError::new(EvalErrorKind::MemoryLimit {
            limit: ctx.limits.max_memory_bytes,
        })
        .at(plan.span));
    }
    let out = match result {
        Ok(out) => out,
        Err(e) => {
            ctx.check_time().map_err(|t| t.at(plan.span))?;
            return Err(e.at(plan.span));
        }
    };
    ctx.check_table(&out).map_err(|e| e.at(plan.span))?;
    Ok(out)
}

fn table(fields: &[Field], columns: Vec<Arc<Column>>) -> Result<Table, EvalError> {
    Table::new(fields.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))
}

fn execute_node(plan: &Plan, ctx: &ExecContext) -> Result<Table, EvalError> {
    match &plan.kind {
        PlanKind::Table(t) => Ok(t.as_ref().clone()),
        PlanKind::SingleRow => Ok(Table::with_rows(1)),
        PlanKind::Range { from, to, step } => source::range(&plan.schema, from, to, step, ctx),
        PlanKind::Filter { input, predicate } => {
            let input = execute(input, ctx)?;
            filter::filter(input, predicate, ctx)
        }
        PlanKind::Project { input, exprs } => {
            let input = execute(input, ctx)?;
            let rows = input.num_rows();
            let columns = exprs
                .iter()
                .map(|e| evaluate(e, &input, ctx.now).map(|v| v.into_column(rows)))
                .collect::<Result<Vec<_>, _>>()?;
            let mut out = table(&plan.schema, columns)?;
            if plan.schema.is_empty() {
                out = Table::with_rows(rows);
            }
            Ok(out)
        }
        PlanKind::Summarize {
            input,
            keys,
            aggregates,
        } => {
            let input = execute(input, ctx)?;
            summarize::summarize(&input, keys, aggregates, &plan.schema, ctx)
        }
        PlanKind::Sort { input, keys } => {
            let input = execute(input, ctx)?;
            let order = sort::sort_indices(&input, keys, None, ctx)?;
            Ok(input.take(&order))
        }
        PlanKind::Top { input, count, key } => {
            let input = execute(input, ctx)?;
            let order = sort::sort_indices(&input, std::slice::from_ref(key), Some(*count), ctx)?;
            Ok(input.take(&order))
        }
        PlanKind::Take { input, count } => {
            let input = execute(input, ctx)?;
            if *count >= input.num_rows() {
                return Ok(input);
            }
            let idx: Vec<usize> = (0..*count).collect();
            Ok(input.take(&idx))
        }
        PlanKind::Count { input } => {
            let input = execute(input, ctx)?;
            let n = i64::try_from(input.num_rows()).unwrap_or(i64::MAX);
            table(&plan.schema, vec![Arc::new(Column::Long(vec![Some(n)]))])
        }
        PlanKind::Union {
            inputs,
            source_names,
        } => union::union(inputs, source_names.as_deref(), &plan.schema, ctx),
        PlanKind::Ext(x) => ext::execute_ext(x, &plan.schema, ctx),
        PlanKind::Join(j) => join::join(j, &plan.schema, ctx),
    }
}
