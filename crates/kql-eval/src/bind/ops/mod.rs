//! Binding of the expanding, parsing and reshaping operators: `mv-expand`, `mv-apply`,
//! `parse`/`parse-where`, `parse-kv`, `project-reorder`, `project-keep`, `serialize`,
//! `sample`, `getschema`, `render`, `make-series`, `evaluate bag_unpack`, `top-nested`,
//! `top-hitters`, `sample-distinct`. Their plan
//! nodes live in [`ExtPlan`] (one [`PlanKind::Ext`] variant); the executor is in
//! `exec/ext.rs` and the files it names.
//!
//! Window functions (`row_number`, `prev`, `next`, `row_cumsum`, ...) are valid only over
//! serialized input (q/window-functions.md, q/serialize-operator.md): after `sort`,
//! `top`, `serialize`, `range`, `getschema`, or any operator that keeps its input's order.

mod bag_unpack;
mod ip_lookup;
mod make_series;
mod mv_expand;
mod parse;
mod parse_kv;
mod pivot;
mod reshape;
mod top_hitters;
mod top_nested;

pub use ip_lookup::IpLookupPlan;
pub use make_series::{axis_int, axis_number, bin_count, MakeSeriesPlan, MAX_BINS};
pub use mv_expand::{ExpandColumn, MvApplyPlan, MvExpandPlan, OutputColumn};
pub use parse::{group_name, ParseMode, ParsePlan};
pub use parse_kv::{KvMode, ParseKvPlan};
pub use top_nested::{OthersFold, TopNestedLevel, TopNestedPlan};

use super::plan::{Plan, PlanKind};
use super::Binder;
use crate::error::{BindError, BindErrorKind};
use crate::table::Table;
use kql_parser::ast::{Operator, OperatorKind};
use kql_parser::Span;
use std::sync::{Arc, Mutex};

/// Plan nodes of the operators bound in this module.
#[derive(Debug, Clone)]
pub enum ExtPlan {
    /// `mv-expand`.
    MvExpand(Box<MvExpandPlan>),
    /// `mv-apply`.
    MvApply(Box<MvApplyPlan>),
    /// `parse` / `parse-where`.
    Parse(Box<ParsePlan>),
    /// `parse-kv`.
    ParseKv(Box<ParseKvPlan>),
    /// `serialize`: rows unchanged, order now meaningful.
    Serialize(Box<Plan>),
    /// `render`: rows unchanged, the chart kept as the result's metadata.
    Render {
        /// Input.
        input: Box<Plan>,
        /// The chart kind and properties.
        chart: Arc<crate::table::Visualization>,
    },
    /// `sample N`.
    Sample {
        /// Input.
        input: Box<Plan>,
        /// How many rows.
        count: usize,
    },
    /// `make-series`.
    MakeSeries(Box<MakeSeriesPlan>),
    /// The per-row subtable an `mv-apply` subquery reads.
    SubTable(SubTableSlot),
    /// `top-nested`.
    TopNested(Box<TopNestedPlan>),
    /// `evaluate ipv4_lookup` / `ipv6_lookup`.
    IpLookup(Box<IpLookupPlan>),
}

/// Where `mv-apply` puts the current row's subtable before running its subquery.
#[derive(Debug, Clone, Default)]
pub struct SubTableSlot(pub Arc<Mutex<Option<Table>>>);

impl ExtPlan {
    /// Applies `f` to each direct input (the `mv-apply` subquery is not an input).
    pub fn map_inputs(self, f: &mut dyn FnMut(Plan) -> Plan) -> ExtPlan {
        let mut b = |p: Box<Plan>| Box::new(f(*p));
        match self {
            ExtPlan::MvExpand(mut m) => {
                m.input = b(m.input);
                ExtPlan::MvExpand(m)
            }
            ExtPlan::MvApply(mut m) => {
                m.expand.input = b(m.expand.input);
                ExtPlan::MvApply(m)
            }
            ExtPlan::Parse(mut p) => {
                p.input = b(p.input);
                ExtPlan::Parse(p)
            }
            ExtPlan::ParseKv(mut p) => {
                p.input = b(p.input);
                ExtPlan::ParseKv(p)
            }
            ExtPlan::Serialize(input) => ExtPlan::Serialize(b(input)),
            ExtPlan::Render { input, chart } => ExtPlan::Render {
                input: b(input),
                chart,
            },
            ExtPlan::Sample { input, count } => ExtPlan::Sample {
                input: b(input),
                count,
            },
            ExtPlan::MakeSeries(mut m) => {
                m.input = b(m.input);
                ExtPlan::MakeSeries(m)
            }
            ExtPlan::TopNested(mut t) => {
                for level in &mut t.levels {
                    let summary = std::mem::replace(
                        &mut level.summary,
                        Plan {
                            kind: PlanKind::SingleRow,
                            schema: Vec::new(),
                            span: Span::default(),
                        },
                    );
                    level.summary = f(summary);
                }
                ExtPlan::TopNested(t)
            }
            ExtPlan::IpLookup(mut p) => {
                p.input = f(p.input);
                p.lookup = f(p.lookup);
                ExtPlan::IpLookup(p)
            }
            leaf @ ExtPlan::SubTable(_) => leaf,
        }
    }

    /// Calls `f` on each direct input (the `mv-apply` subquery included: it runs once per
    /// input row).
    pub fn for_each_input(&self, f: &mut dyn FnMut(&Plan)) {
        match self {
            ExtPlan::MvExpand(m) => f(&m.input),
            ExtPlan::MvApply(m) => {
                f(&m.expand.input);
                f(&m.subquery);
            }
            ExtPlan::Parse(p) => f(&p.input),
            ExtPlan::ParseKv(p) => f(&p.input),
            ExtPlan::Serialize(input)
            | ExtPlan::Sample { input, .. }
            | ExtPlan::Render { input, .. } => f(input),
            ExtPlan::MakeSeries(m) => f(&m.input),
            ExtPlan::TopNested(t) => t.levels.iter().for_each(|l| f(&l.summary)),
            ExtPlan::IpLookup(p) => {
                f(&p.input);
                f(&p.lookup);
            }
            ExtPlan::SubTable(_) => {}
        }
    }

    fn is_serialized(&self) -> bool {
        match self {
            ExtPlan::Serialize(_) | ExtPlan::SubTable(_) => true,
            ExtPlan::Render { input, .. } => is_serialized(input),
            ExtPlan::MvExpand(m) => is_serialized(&m.input),
            ExtPlan::MvApply(m) => is_serialized(&m.expand.input),
            ExtPlan::Parse(p) => is_serialized(&p.input),
            ExtPlan::ParseKv(p) => is_serialized(&p.input),
            ExtPlan::Sample { .. } | ExtPlan::MakeSeries(_) | ExtPlan::TopNested(_) => false,
            ExtPlan::IpLookup(_) => false,
        }
    }
}

/// True when `plan`'s row order is meaningful, so window functions may run over it
/// (q/window-functions.md, q/serialize-operator.md).
pub(crate) fn is_serialized(plan: &Plan) -> bool {
    match &plan.kind {
        PlanKind::Sort { .. } | PlanKind::Top { .. } | PlanKind::SingleRow => true,
        PlanKind::Range { .. } => true,
        PlanKind::Filter { input, .. }
        | PlanKind::Project { input, .. }
        | PlanKind::Take { input, .. } => is_serialized(input),
        PlanKind::Ext(x) => x.is_serialized(),
        _ => false,
    }
}

/// The window functions: they read neighbouring rows.
pub(crate) fn is_window_function(name: &str) -> bool {
    matches!(
        name,
        "row_number"
            | "prev"
            | "next"
            | "row_cumsum"
            | "row_rank_dense"
            | "row_rank_min"
            | "row_window_session"
    )
}

/// The error for a window function over input that is not serialized.
pub(crate) fn window_error(name: &str, span: Span) -> BindError {
    BindError::new(
        BindErrorKind::InvalidValue {
            message: format!(
                "function '{name}' needs serialized input: use it after 'sort', 'top' or 'serialize'"
            ),
        },
        span,
    )
    .with_hint("add '| serialize' (or '| sort by ...') before this operator")
}

pub(super) fn invalid(message: impl Into<String>, span: Span) -> BindError {
    BindError::new(
        BindErrorKind::InvalidValue {
            message: message.into(),
        },
        span,
    )
}

impl Binder<'_> {
    /// Binds the operators of this module (called from `bind_operator`).
    pub(super) fn bind_ext_operator(
        &mut self,
        input: Plan,
        op: &Operator,
    ) -> Result<Plan, BindError> {
        let span = op.span;
        match &op.kind {
            OperatorKind::MvExpand(m) => self.bind_mv_expand(input, m, span),
            OperatorKind::MvApply(m) => self.bind_mv_apply(input, m, span),
            OperatorKind::Parse(p) => self.bind_parse(input, p, span),
            OperatorKind::ParseKv(p) => self.bind_parse_kv(input, p, span),
            OperatorKind::ProjectReorder(items) => self.bind_project_reorder(input, items, span),
            OperatorKind::ProjectKeep(names) => self.bind_project_keep(input, names, span),
            OperatorKind::Serialize(items) => self.bind_serialize(input, items, span),
            OperatorKind::Sample(n) => {
                let count = self.row_count(n, "sample")?;
                Ok(Plan {
                    schema: input.schema.clone(),
                    kind: PlanKind::Ext(ExtPlan::Sample {
                        input: Box::new(input),
                        count,
                    }),
                    span,
                })
            }
            OperatorKind::GetSchema => {
                // A constant table, marked serialized as getschema's output is.
                let table = reshape::getschema(&input, span);
                Ok(Plan {
                    schema: table.schema.clone(),
                    kind: PlanKind::Ext(ExtPlan::Serialize(Box::new(table))),
                    span,
                })
            }
            // The chart is a presentation hint: rows and columns pass through unchanged,
            // the chart kind and properties become the result's metadata
            // (q/render-operator.md).
            OperatorKind::Render(r) => {
                let chart = Arc::new(visualization(r));
                Ok(Plan {
                    schema: input.schema.clone(),
                    kind: PlanKind::Ext(ExtPlan::Render {
                        input: Box::new(input),
                        chart,
                    }),
                    span,
                })
            }
            OperatorKind::MakeSeries(m) => self.bind_make_series(input, m, span),
            OperatorKind::TopNested(clauses) => self.bind_top_nested(input, clauses, span),
            OperatorKind::TopHitters(t) => self.bind_top_hitters(input, t, span),
            OperatorKind::SampleDistinct(t) => self.bind_sample_distinct(input, t, span),
            OperatorKind::Evaluate(e) => {
                let input_names: Vec<String> =
                    input.schema.iter().map(|f| f.name.clone()).collect();
                let plan = self.bind_plugin(input, e, span)?;
                match &e.output_schema {
                    Some(schema) => {
                        let kept = if schema.wildcard {
                            static_columns(&e.plugin.name, &input_names, &plan.schema)
                        } else {
                            Vec::new()
                        };
                        self.apply_output_schema(plan, &kept, &schema.columns, span)
                    }
                    None => Ok(plan),
                }
            }
            _ => Err(BindError::new(
                BindErrorKind::Unsupported {
                    what: "this operator".into(),
                },
                span,
            )),
        }
    }

    /// The plan of `evaluate plugin(...)`, before any output schema.
    fn bind_plugin(
        &mut self,
        input: Plan,
        e: &kql_parser::ast::Evaluate,
        span: Span,
    ) -> Result<Plan, BindError> {
        match e.plugin.name.as_str() {
            "bag_unpack" => self.bind_bag_unpack(input, &e.args, span),
            "ipv4_lookup" => {
                self.bind_ip_lookup(input, &e.args, crate::ip_ranges::Family::V4, span)
            }
            "ipv6_lookup" => {
                self.bind_ip_lookup(input, &e.args, crate::ip_ranges::Family::Any, span)
            }
            "pivot" => self.bind_pivot(input, &e.args, span),
            other => Err(BindError::new(
                BindErrorKind::Unsupported {
                    what: format!("evaluate plugin '{other}'"),
                },
                e.plugin.span,
            )),
        }
    }

    /// `evaluate plugin(...) : ([*,] Name: type, ...)`: the result columns in `kept` (the
    /// ones `*` keeps), a declared one among them converted in place; then the other
    /// declared columns in their order, each taken by name from the plugin's result and
    /// converted to its declared type; a declared column the result lacks is null
    /// (q/pivot-plugin.md, q/bag-unpack-plugin.md).
    fn apply_output_schema(
        &mut self,
        plan: Plan,
        kept: &[usize],
        columns: &[kql_parser::ast::ColumnDecl],
        span: Span,
    ) -> Result<Plan, BindError> {
        use super::plan::{BoundExpr, BoundExprKind};
        use crate::table::Field;
        use crate::value::Value;
        let mut schema: Vec<Field> = Vec::with_capacity(kept.len() + columns.len());
        let mut exprs = Vec::with_capacity(kept.len() + columns.len());
        for &i in kept {
            let Some(field) = plan.schema.get(i) else {
                return Err(invalid("evaluate: output schema column out of range", span));
            };
            let col = BoundExpr {
                kind: BoundExprKind::Column(i),
                ty: field.data_type,
                span,
            };
            let (ty, e) = match columns.iter().find(|c| c.name.name == field.name) {
                Some(c) => (c.ty.into(), self.convert(col, c.ty.into())?),
                None => (field.data_type, col),
            };
            schema.push(Field::new(field.name.clone(), ty));
            exprs.push(e);
        }
        let in_kept = schema.len();
        for c in columns {
            if schema[..in_kept].iter().any(|f| f.name == c.name.name) {
                // Declared for a column `*` kept: converted in place above, unless declared
                // twice.
                if columns
                    .iter()
                    .filter(|d| d.name.name == c.name.name)
                    .count()
                    > 1
                {
                    return Err(invalid(
                        format!("column '{}' is declared twice", c.name.name),
                        c.name.span,
                    ));
                }
                continue;
            }
            let ty = c.ty.into();
            let e = match plan.schema.iter().position(|f| f.name == c.name.name) {
                Some(i) => {
                    let col = BoundExpr {
                        kind: BoundExprKind::Column(i),
                        ty: plan.schema[i].data_type,
                        span: c.name.span,
                    };
                    self.convert(col, ty)?
                }
                None => BoundExpr::literal(Value::null(ty), c.name.span),
            };
            if schema.iter().any(|f: &Field| f.name == c.name.name) {
                return Err(invalid(
                    format!("column '{}' is declared twice", c.name.name),
                    c.name.span,
                ));
            }
            schema.push(Field::new(c.name.name.clone(), ty));
            exprs.push(e);
        }
        Ok(Plan {
            kind: PlanKind::Project {
                input: Box::new(plan),
                exprs,
            },
            schema,
            span,
        })
    }
}

/// The result columns of plugin `plugin` that `: (*, ...)` keeps: those that do not depend
/// on the data. The official analyzer keeps all of `ipv4_lookup` / `ipv6_lookup`'s columns
/// and, for `bag_unpack` and `pivot`, the columns of the source table that pass through (the
/// bag_unpack page's example keeps `Description` but not the unlisted slot `height`).
fn static_columns(plugin: &str, input: &[String], result: &[crate::table::Field]) -> Vec<usize> {
    match plugin {
        "bag_unpack" | "pivot" => result
            .iter()
            .enumerate()
            .filter(|(_, f)| input.contains(&f.name))
            .map(|(i, _)| i)
            .collect(),
        _ => (0..result.len()).collect(),
    }
}

/// The chart of a `render`: its kind and `with (...)` properties as text.
fn visualization(r: &kql_parser::ast::Render) -> crate::table::Visualization {
    use kql_parser::ast::{ExprKind, Literal};
    let text = |e: &kql_parser::ast::Expr| match &e.kind {
        ExprKind::Literal(Literal::String(s)) => s.clone(),
        _ => e.to_string(),
    };
    let properties = r
        .properties
        .iter()
        .flatten()
        .map(|p| {
            let values: Vec<String> = p.values.iter().map(text).collect();
            (p.name.name.clone(), values.join(", "))
        })
        .collect();
    crate::table::Visualization {
        kind: r.visualization.name.clone(),
        properties,
    }
}
