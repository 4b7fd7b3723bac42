//! `mv-expand` (q/mv-expand-operator.md) and `mv-apply` (q/mv-apply-operator.md).

use super::{invalid, ExtPlan, SubTableSlot};
use crate::bind::naming::expr_name;
use crate::bind::plan::{BoundExpr, Plan, PlanKind};
use crate::bind::Binder;
use crate::error::{BindError, BindErrorKind};
use crate::table::Field;
use crate::types::DataType;
use kql_parser::ast::{BagExpansion, MvApply, MvExpand};
use kql_parser::Span;

/// The legacy `mvexpand` row limit per input row.
const LEGACY_LIMIT: usize = 128;

/// One expanded column.
#[derive(Debug, Clone)]
pub struct ExpandColumn {
    /// The array or bag (dynamic) expression over the input row.
    pub expr: BoundExpr,
    /// The type of the expanded values (`to typeof(T)`, else dynamic).
    pub ty: DataType,
}

/// Where an output column of `mv-expand` comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputColumn {
    /// Input column `i`, repeated for each expanded row.
    Input(usize),
    /// Expanded column `k`.
    Item(usize),
    /// The `with_itemindex` column.
    Index,
}

/// A bound `mv-expand`.
#[derive(Debug, Clone)]
pub struct MvExpandPlan {
    /// Input.
    pub input: Box<Plan>,
    /// The expanded columns, expanded in parallel.
    pub items: Vec<ExpandColumn>,
    /// One entry per output field.
    pub outputs: Vec<OutputColumn>,
    /// How bags expand.
    pub bag: BagExpansion,
    /// Most rows per input row.
    pub limit: Option<usize>,
}

/// A bound `mv-apply`.
#[derive(Debug, Clone)]
pub struct MvApplyPlan {
    /// The expansion of each row into its subtable (schema: `sub_schema`).
    pub expand: MvExpandPlan,
    /// The subtable's fields.
    pub sub_schema: Vec<Field>,
    /// Where the subquery reads the subtable.
    pub slot: SubTableSlot,
    /// The subquery, over the subtable.
    pub subquery: Box<Plan>,
    /// The input columns copied to each output row (not expanded).
    pub kept: Vec<usize>,
    /// The subquery columns appended after them.
    pub sub_columns: Vec<usize>,
}

impl Binder<'_> {
    /// Binds the expansion part shared by `mv-expand` and `mv-apply`: the plan and its
    /// output schema.
    fn bind_expansion(
        &mut self,
        input: Plan,
        m: &MvExpand,
        op: &str,
    ) -> Result<(MvExpandPlan, Vec<Field>), BindError> {
        let mut schema = input.schema.clone();
        let mut outputs: Vec<OutputColumn> = (0..schema.len()).map(OutputColumn::Input).collect();
        let mut items = Vec::new();
        let mut unnamed = 0;
        for item in &m.items {
            let b = self.bind_scalar(&item.expr, &input.schema)?;
            if b.ty != DataType::Dynamic {
                return Err(BindError::new(
                    BindErrorKind::WrongType {
                        what: format!("an expanded column of {op}"),
                        expected: "dynamic".into(),
                        found: b.ty,
                    },
                    item.expr.span,
                ));
            }
            let name = match &item.name {
                Some(n) => n.name.clone(),
                None => expr_name(&item.expr).unwrap_or_else(|| {
                    unnamed += 1;
                    format!("Column{unnamed}")
                }),
            };
            let ty = item.to_type.map_or(DataType::Dynamic, DataType::from);
            let k = items.len();
            items.push(ExpandColumn { expr: b, ty });
            match schema.iter().position(|f| f.name == name) {
                Some(i) if matches!(outputs[i], OutputColumn::Input(_)) => {
                    schema[i].data_type = ty;
                    outputs[i] = OutputColumn::Item(k);
                }
                Some(_) => {
                    return Err(BindError::new(
                        BindErrorKind::DuplicateColumn { name },
                        item.expr.span,
                    ))
                }
                None => {
                    schema.push(Field::new(name, ty));
                    outputs.push(OutputColumn::Item(k));
                }
            }
        }
        if let Some(ix) = &m.with_itemindex {
            if schema.iter().any(|f| f.name == ix.name) {
                return Err(BindError::new(
                    BindErrorKind::DuplicateColumn {
                        name: ix.name.clone(),
                    },
                    ix.span,
                ));
            }
            schema.push(Field::new(ix.name.clone(), DataType::Long));
            outputs.push(OutputColumn::Index);
        }
        let limit = match &m.limit {
            Some(e) => Some(self.row_count(e, op)?),
            None if m.legacy => Some(LEGACY_LIMIT),
            None => None,
        };
        let plan = MvExpandPlan {
            input: Box::new(input),
            items,
            outputs,
            bag: m.kind.unwrap_or(BagExpansion::Bag),
            limit,
        };
        Ok((plan, schema))
    }

    pub(super) fn bind_mv_expand(
        &mut self,
        input: Plan,
        m: &MvExpand,
        span: Span,
    ) -> Result<Plan, BindError> {
        let (plan, schema) = self.bind_expansion(input, m, "mv-expand")?;
        Ok(Plan {
            kind: PlanKind::Ext(ExtPlan::MvExpand(Box::new(plan))),
            schema,
            span,
        })
    }

    pub(super) fn bind_mv_apply(
        &mut self,
        input: Plan,
        m: &MvApply,
        span: Span,
    ) -> Result<Plan, BindError> {
        if m.expand.kind == Some(BagExpansion::Array) {
            return Err(invalid("mv-apply does not take kind=array", span));
        }
        let input_schema = input.schema.clone();
        let (expand, sub_schema) = self.bind_expansion(input, &m.expand, "mv-apply")?;
        // The input columns that no expansion replaced are copied to every output row.
        let kept: Vec<usize> = expand
            .outputs
            .iter()
            .filter_map(|o| match o {
                OutputColumn::Input(i) => Some(*i),
                _ => None,
            })
            .collect();
        let slot = SubTableSlot::default();
        let mut sub = Plan {
            kind: PlanKind::Ext(ExtPlan::SubTable(slot.clone())),
            schema: sub_schema.clone(),
            span,
        };
        for op in &m.subquery {
            let saved = std::mem::replace(&mut self.window_ok, super::is_serialized(&sub));
            let bound = self.bind_operator(sub, op);
            self.window_ok = saved;
            sub = bound?;
        }
        let mut schema: Vec<Field> = kept.iter().map(|&i| input_schema[i].clone()).collect();
        let mut sub_columns = Vec::new();
        for (j, f) in sub.schema.iter().enumerate() {
            if schema.iter().all(|g| g.name != f.name) {
                schema.push(f.clone());
                sub_columns.push(j);
            }
        }
        Ok(Plan {
            kind: PlanKind::Ext(ExtPlan::MvApply(Box::new(MvApplyPlan {
                expand,
                sub_schema,
                slot,
                subquery: Box::new(sub),
                kept,
                sub_columns,
            }))),
            schema,
            span,
        })
    }
}
