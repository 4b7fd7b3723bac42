//! Binding tabular expressions: sources (tables, lets, `datatable`, `print`, `range`,
//! `union`) and the piped operators.

use super::naming::{aggregate_name, expr_name, key_name, unique_name};
use super::plan::{BoundAggregate, BoundExpr, BoundExprKind, BoundSortKey, Plan, PlanKind};
use super::{suggest, Binder};
use crate::error::{BindError, BindErrorKind};
use crate::expr::evaluate_constant;
use crate::functions::{AggregateImpl, ArgType, ResultName};
use crate::table::{Column, ColumnBuilder, Field, Table};
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::{
    Datatable, Expr, ExprKind, Ident, NamedExpr, NullsOrder, Operator, OperatorKind, Range,
    SortKey, SortOrder, Source, SourceKind, Summarize, TabularExpr, Union, UnionKind,
};
use kql_parser::Span;
use std::sync::Arc;

fn err(kind: BindErrorKind, span: Span) -> BindError {
    BindError::new(kind, span)
}

/// A plan reading a stored table.
pub(crate) fn table_plan(t: &Arc<Table>, span: Span) -> Plan {
    Plan {
        schema: t.fields().to_vec(),
        kind: PlanKind::Table(Arc::clone(t)),
        span,
    }
}

pub(super) fn project(input: Plan, schema: Vec<Field>, exprs: Vec<BoundExpr>, span: Span) -> Plan {
    Plan {
        kind: PlanKind::Project {
            input: Box::new(input),
            exprs,
        },
        schema,
        span,
    }
}

pub(super) fn column_ref(schema: &[Field], i: usize, span: Span) -> BoundExpr {
    BoundExpr {
        kind: BoundExprKind::Column(i),
        ty: schema.get(i).map_or(DataType::Dynamic, |f| f.data_type),
        span,
    }
}

/// The next generated name `Column1`, `Column2`, ...; numbers whose name the input row
/// already has are skipped, as Kusto does.
fn next_generated(unnamed: &mut usize, input: &[Field]) -> String {
    loop {
        *unnamed += 1;
        let name = format!("Column{unnamed}");
        if !input.iter().any(|f| f.name == name) {
            return name;
        }
    }
}

/// The input's columns whose names `keep` accepts, in input order (`project-away`,
/// `project-keep`).
pub(super) fn select_columns(input: Plan, span: Span, keep: impl Fn(&str) -> bool) -> Plan {
    let kept: Vec<usize> = (0..input.schema.len())
        .filter(|&i| keep(&input.schema[i].name))
        .collect();
    let schema = kept.iter().map(|&i| input.schema[i].clone()).collect();
    let exprs = kept
        .iter()
        .map(|&i| column_ref(&input.schema, i, span))
        .collect();
    project(input, schema, exprs, span)
}

/// True when `name` matches a `project-away`-style pattern with `*` wildcards.
pub(super) fn wildcard_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == name;
    }
    let mut rest = name;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(p) => rest = &rest[p + part.len()..],
                None => return false,
            }
        }
    }
    true
}

impl Binder<'_> {
    pub(crate) fn bind_tabular_expr(&mut self, t: &TabularExpr) -> Result<Plan, BindError> {
        super::pipeline_limits::check_pipeline(t)?;
        let mut plan = self.bind_source(&t.source)?;
        for op in &t.operators {
            // Window functions are valid only over serialized input (see `ops`).
            let saved = std::mem::replace(&mut self.window_ok, super::ops::is_serialized(&plan));
            let bound = self.bind_operator(plan, op);
            self.window_ok = saved;
            plan = bound?;
        }
        if !t.operators.is_empty() {
            super::pipeline_limits::check_plan_depth(&plan, t.span)?;
        }
        Ok(plan)
    }

    fn bind_source(&mut self, s: &Source) -> Result<Plan, BindError> {
        match &s.kind {
            SourceKind::Expr(e) => self.bind_tabular(e),
            SourceKind::Datatable(d) => self.bind_datatable(d, s.span),
            SourceKind::Print(items) => {
                let input = Plan {
                    kind: PlanKind::SingleRow,
                    schema: Vec::new(),
                    span: s.span,
                };
                let (input, tuples) = self.bind_tuple_items(input, items, s.span)?;
                let mut schema = Vec::new();
                let mut exprs = Vec::new();
                for (i, (item, tuple)) in items.iter().zip(&tuples).enumerate() {
                    if let Some(t) = tuple {
                        self.push_tuple(&input.schema, t, &mut schema, &mut exprs)?;
                        continue;
                    }
                    let b = self.bind_scalar(&item.expr, &input.schema)?;
                    let name = match item.names.first() {
                        Some(n) => n.name.clone(),
                        None => format!("print_{i}"),
                    };
                    self.push_output(&mut schema, name, b.ty, item.span)?;
                    exprs.push(b);
                }
                Ok(project(input, schema, exprs, s.span))
            }
            SourceKind::Range(r) => self.bind_range(r, s.span),
            SourceKind::Union(u) => self.bind_union(None, u, s.span),
            SourceKind::Externaldata(x) => self.bind_externaldata(x, s.span),
            SourceKind::Search(x) => self.bind_search_source(x, s.span),
        }
    }

    fn push_output(
        &self,
        schema: &mut Vec<Field>,
        name: String,
        ty: DataType,
        span: Span,
    ) -> Result<(), BindError> {
        if schema.iter().any(|f| f.name == name) {
            return Err(err(BindErrorKind::DuplicateColumn { name }, span));
        }
        schema.push(Field::new(name, ty));
        Ok(())
    }

    pub(super) fn constant(&mut self, e: &Expr, what: &str) -> Result<Value, BindError> {
        let b = self.bind_scalar(e, &[])?;
        if !b.is_constant() {
            return Err(err(
                BindErrorKind::NotConstant { what: what.into() },
                e.span,
            ));
        }
        evaluate_constant(&b, self.now).map_err(|x| {
            err(
                BindErrorKind::InvalidValue {
                    message: x.to_string(),
                },
                e.span,
            )
        })
    }

    fn bind_datatable(&mut self, d: &Datatable, span: Span) -> Result<Plan, BindError> {
        let schema: Vec<Field> = d
            .columns
            .iter()
            .map(|c| Field::new(c.name.name.clone(), c.ty.into()))
            .collect();
        let width = schema.len().max(1);
        if !d.values.len().is_multiple_of(width) {
            return Err(err(
                BindErrorKind::InvalidValue {
                    message: format!(
                        "datatable has {} values, which is not a multiple of its {} columns",
                        d.values.len(),
                        width
                    ),
                },
                span,
            ));
        }
        let mut builders: Vec<ColumnBuilder> = schema
            .iter()
            .map(|f| ColumnBuilder::new(f.data_type))
            .collect();
        for (i, e) in d.values.iter().enumerate() {
            let v = self.constant(e, "a datatable value")?;
            let f = &schema[i % width];
            // A long goes into an int column only when it fits: nothing is silently nulled.
            let out_of_int_range = f.data_type == DataType::Int
                && matches!(v, Value::Long(Some(x)) if i32::try_from(x).is_err());
            let fits = !out_of_int_range
                && (v.data_type() == f.data_type
                    || f.data_type == DataType::Dynamic
                    || v.is_null()
                    || (v.data_type().is_integer() && f.data_type.is_numeric()));
            if !fits {
                return Err(err(
                    BindErrorKind::InvalidValue {
                        message: format!(
                            "a {} value cannot go in column '{}' of type {}",
                            v.data_type(),
                            f.name,
                            f.data_type
                        ),
                    },
                    e.span,
                ));
            }
            let v = if v.is_null() {
                Value::null(f.data_type)
            } else {
                v
            };
            builders[i % width].push(&v);
        }
        let columns: Vec<Arc<Column>> =
            builders.into_iter().map(|b| Arc::new(b.finish())).collect();
        let table = Table::new(schema.clone(), columns).map_err(|x| {
            err(
                BindErrorKind::InvalidValue {
                    message: x.to_string(),
                },
                span,
            )
        })?;
        Ok(Plan {
            kind: PlanKind::Table(Arc::new(table)),
            schema,
            span,
        })
    }

    fn bind_range(&mut self, r: &Range, span: Span) -> Result<Plan, BindError> {
        let from = self.constant(&r.from, "the start of range")?;
        let to = self.constant(&r.to, "the end of range")?;
        let step = self.constant(&r.step, "the step of range")?;
        let (from, to, ty) = match (from, to) {
            (Value::Int(a), b) => (Value::Long(a.map(i64::from)), b, DataType::Long),
            (a, b) => {
                let t = a.data_type();
                (a, b, t)
            }
        };
        let to = match (ty, to) {
            (DataType::Long, Value::Int(b)) => Value::Long(b.map(i64::from)),
            (DataType::Real, Value::Long(b)) => Value::Real(b.map(|x| x as f64)),
            (DataType::Real, Value::Int(b)) => Value::Real(b.map(f64::from)),
            (_, b) => b,
        };
        let step_ok = match (ty, &step) {
            (DataType::Long, Value::Long(Some(s))) => *s != 0,
            (DataType::Long, Value::Int(Some(s))) => *s != 0,
            (DataType::Real, Value::Real(Some(s))) => *s != 0.0 && s.is_finite(),
            (DataType::Real, Value::Long(Some(s))) => *s != 0,
            (DataType::DateTime | DataType::TimeSpan, Value::TimeSpan(Some(s))) => *s != 0,
            _ => false,
        };
        if !step_ok || to.data_type() != ty || to.is_null() || from.is_null() {
            return Err(err(
                BindErrorKind::InvalidValue {
                    message: format!(
                        "range needs non-null bounds of one type (long, real, datetime or timespan) and a non-zero step; got {} to {} step {}",
                        ty,
                        to.data_type(),
                        step.data_type()
                    ),
                },
                span,
            ));
        }
        Ok(Plan {
            kind: PlanKind::Range { from, to, step },
            schema: vec![Field::new(r.column.name.clone(), ty)],
            span,
        })
    }

    pub(super) fn bind_union(
        &mut self,
        first: Option<Plan>,
        u: &Union,
        span: Span,
    ) -> Result<Plan, BindError> {
        let mut legs: Vec<(String, Plan)> = Vec::new();
        if let Some(p) = first {
            let name = self
                .plan_name(&p)
                .unwrap_or_else(|| "union_arg0".to_string());
            legs.push((name, p));
        }
        for leg in &u.legs {
            match &leg.kind {
                ExprKind::Name(id) if id.name.contains('*') => {
                    let names: Vec<String> = self
                        .engine
                        .table_names()
                        .filter(|n| wildcard_match(&id.name, n))
                        .map(str::to_string)
                        .collect();
                    for n in names {
                        if let Some(t) = self.lookup_table(&n) {
                            let p = table_plan(t, leg.span);
                            legs.push((n, p));
                        }
                    }
                }
                ExprKind::Name(id) => {
                    // `isfuzzy=true` skips legs that do not resolve (q/union-operator.md).
                    let p = match self.bind_tabular(leg) {
                        Ok(p) => p,
                        Err(_) if u.is_fuzzy == Some(true) => continue,
                        Err(e) => return Err(e),
                    };
                    legs.push((id.name.clone(), p));
                }
                _ => {
                    let p = self.bind_tabular(leg)?;
                    let name = super::join::as_name(leg)
                        .unwrap_or_else(|| format!("union_arg{}", legs.len()));
                    legs.push((name, p));
                }
            }
        }
        let inner = u.kind == Some(UnionKind::Inner);
        // Output columns: by name and type, in first-appearance order.
        let leg_schemas: Vec<&[Field]> = legs.iter().map(|(_, p)| p.schema.as_slice()).collect();
        let super::union_columns::UnionColumns {
            mut schema,
            maps,
            taken,
        } = super::union_columns::union_columns(&leg_schemas, inner);
        let inputs = legs
            .iter()
            .zip(maps)
            .map(|((_, p), map)| (p.clone(), map))
            .collect();
        let source_names = match &u.with_source {
            Some(col) => {
                let name = unique_name(&col.name, &taken);
                schema.insert(0, Field::new(name, DataType::String));
                Some(legs.iter().map(|(n, _)| n.clone()).collect())
            }
            None => None,
        };
        Ok(Plan {
            kind: PlanKind::Union {
                inputs,
                source_names,
            },
            schema,
            span,
        })
    }

    pub(super) fn bind_operator(&mut self, input: Plan, op: &Operator) -> Result<Plan, BindError> {
        let span = op.span;
        match &op.kind {
            OperatorKind::Where(pred) => {
                let p = self.bind_scalar(pred, &input.schema)?;
                let p = match p.ty {
                    DataType::Bool => p,
                    DataType::Dynamic => self.convert(p, DataType::Bool)?,
                    other => {
                        return Err(err(
                            BindErrorKind::WrongType {
                                what: "the where predicate".into(),
                                expected: "bool".into(),
                                found: other,
                            },
                            pred.span,
                        ))
                    }
                };
                Ok(Plan {
                    schema: input.schema.clone(),
                    kind: PlanKind::Filter {
                        input: Box::new(input),
                        predicate: p,
                    },
                    span,
                })
            }
            OperatorKind::Project(items) => {
                let (input, tuples) = self.bind_tuple_items(input, items, span)?;
                let mut schema = Vec::new();
                let mut exprs = Vec::new();
                let mut unnamed = 0;
                for (item, tuple) in items.iter().zip(&tuples) {
                    if let Some(t) = tuple {
                        self.push_tuple(&input.schema, t, &mut schema, &mut exprs)?;
                        continue;
                    }
                    let b = self.bind_scalar(&item.expr, &input.schema)?;
                    let mut name = self.item_name(item, &mut unnamed, &input.schema)?;
                    // A name derived through a function gets a numeric suffix on a clash
                    // (`tostring(A), tolong(A)` gives `A`, `A1`); a repeated column or
                    // explicit name is an error.
                    let derived =
                        item.names.is_empty() && !matches!(item.expr.kind, ExprKind::Name(_));
                    if derived {
                        let taken: Vec<String> =
                            schema.iter().map(|f: &Field| f.name.clone()).collect();
                        name = unique_name(&name, &taken);
                    }
                    self.push_output(&mut schema, name, b.ty, item.span)?;
                    exprs.push(b);
                }
                Ok(project(input, schema, exprs, span))
            }
            OperatorKind::Extend(items) => {
                let mut plan = input;
                let mut unnamed = 0;
                for item in items {
                    if self.is_tuple_item(item) {
                        plan = self.extend_tuple(plan, item, span)?;
                        continue;
                    }
                    let b = self.bind_scalar(&item.expr, &plan.schema)?;
                    let name = self.item_name(item, &mut unnamed, &plan.schema)?;
                    let mut schema = plan.schema.clone();
                    let mut exprs: Vec<BoundExpr> = (0..schema.len())
                        .map(|i| column_ref(&schema, i, span))
                        .collect();
                    match schema.iter().position(|f| f.name == name) {
                        Some(i) => {
                            schema[i].data_type = b.ty;
                            exprs[i] = b;
                        }
                        None => {
                            schema.push(Field::new(name, b.ty));
                            exprs.push(b);
                        }
                    }
                    plan = project(plan, schema, exprs, span);
                }
                Ok(plan)
            }
            OperatorKind::ProjectAway(names) => {
                for n in names {
                    if !n.name.contains('*') && input.schema.iter().all(|f| f.name != n.name) {
                        return Err(self.unknown_column(n, &input.schema));
                    }
                }
                Ok(select_columns(input, span, |c| {
                    !names.iter().any(|n| wildcard_match(&n.name, c))
                }))
            }
            OperatorKind::ProjectRename(renames) => {
                let mut schema = input.schema.clone();
                for r in renames {
                    let Some(i) = input.schema.iter().position(|f| f.name == r.old.name) else {
                        return Err(self.unknown_column(&r.old, &input.schema));
                    };
                    schema[i].name = r.new.name.clone();
                }
                for (i, f) in schema.iter().enumerate() {
                    if schema[..i].iter().any(|g| g.name == f.name) {
                        return Err(err(
                            BindErrorKind::DuplicateColumn {
                                name: f.name.clone(),
                            },
                            span,
                        ));
                    }
                }
                let exprs = (0..schema.len())
                    .map(|i| column_ref(&input.schema, i, span))
                    .collect();
                Ok(project(input, schema, exprs, span))
            }
            OperatorKind::Summarize(s) => self.bind_summarize(input, s, span),
            OperatorKind::Take(n) => {
                let count = self.row_count(n, "take")?;
                Ok(Plan {
                    schema: input.schema.clone(),
                    kind: PlanKind::Take {
                        input: Box::new(input),
                        count,
                    },
                    span,
                })
            }
            OperatorKind::Sort(keys) => {
                let keys = keys
                    .iter()
                    .map(|k| self.bind_sort_key(k, &input.schema))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Plan {
                    schema: input.schema.clone(),
                    kind: PlanKind::Sort {
                        input: Box::new(input),
                        keys,
                    },
                    span,
                })
            }
            OperatorKind::Top(t) => {
                let count = self.row_count(&t.count, "top")?;
                let key = self.bind_sort_key(&t.key, &input.schema)?;
                Ok(Plan {
                    schema: input.schema.clone(),
                    kind: PlanKind::Top {
                        input: Box::new(input),
                        count,
                        key,
                    },
                    span,
                })
            }
            OperatorKind::Distinct(exprs) => {
                let items: Vec<NamedExpr> =
                    if exprs.iter().any(|e| matches!(e.expr.kind, ExprKind::Star)) {
                        input
                            .schema
                            .iter()
                            .map(|f| NamedExpr {
                                names: Vec::new(),
                                expr: Expr {
                                    kind: ExprKind::Name(Ident::new(f.name.clone(), span)),
                                    span,
                                },
                                span,
                            })
                            .collect()
                    } else {
                        exprs.clone()
                    };
                let s = Summarize {
                    aggregates: Vec::new(),
                    by: items,
                };
                self.bind_summarize(input, &s, span)
            }
            OperatorKind::Count => Ok(Plan {
                kind: PlanKind::Count {
                    input: Box::new(input),
                },
                schema: vec![Field::new("Count", DataType::Long)],
                span,
            }),
            OperatorKind::Union(u) => self.bind_union(Some(input), u, span),
            OperatorKind::Join(j) => self.bind_join(input, j, false, span),
            OperatorKind::Lookup(j) => self.bind_join(input, j, true, span),
            OperatorKind::As { name, .. } => self.bind_as(input, name),
            OperatorKind::Invoke(call) => self.bind_invoke(input, call, span),
            OperatorKind::Search(x) => self.bind_search_op(input, x, span),
            OperatorKind::MvExpand(_)
            | OperatorKind::MvApply(_)
            | OperatorKind::Parse(_)
            | OperatorKind::ParseKv(_)
            | OperatorKind::ProjectReorder(_)
            | OperatorKind::ProjectKeep(_)
            | OperatorKind::Serialize(_)
            | OperatorKind::Sample(_)
            | OperatorKind::GetSchema
            | OperatorKind::Render(_)
            | OperatorKind::MakeSeries(_)
            | OperatorKind::Evaluate(_)
            | OperatorKind::TopNested(_)
            | OperatorKind::TopHitters(_)
            | OperatorKind::SampleDistinct(_) => self.bind_ext_operator(input, op),
            OperatorKind::Unsupported { name, .. } => Err(err(
                BindErrorKind::Unsupported {
                    what: format!("operator '{name}'"),
                },
                span,
            )),
        }
    }

    pub(super) fn unknown_column(&self, id: &Ident, schema: &[Field]) -> BindError {
        let e = err(
            BindErrorKind::UnknownColumn {
                name: id.name.clone(),
            },
            id.span,
        );
        match suggest::did_you_mean(&id.name, schema.iter().map(|f| f.name.as_str())) {
            Some(h) => e.with_hint(h),
            None => e,
        }
    }

    /// The output name of a `project`/`extend` item: explicit, a column's own name, or
    /// `Column1`, `Column2`, ...
    fn item_name(
        &self,
        item: &NamedExpr,
        unnamed: &mut usize,
        input: &[Field],
    ) -> Result<String, BindError> {
        match item.names.as_slice() {
            [n] => Ok(n.name.clone()),
            [] => Ok(expr_name(&item.expr).unwrap_or_else(|| next_generated(unnamed, input))),
            _ => Err(err(
                BindErrorKind::Unsupported {
                    what: "assigning several names to one expression".into(),
                },
                item.span,
            )),
        }
    }

    pub(super) fn row_count(&mut self, e: &Expr, op: &str) -> Result<usize, BindError> {
        match self.constant(e, &format!("the row count of {op}"))? {
            Value::Long(Some(n)) => Ok(usize::try_from(n.max(0)).unwrap_or(usize::MAX)),
            Value::Int(Some(n)) => Ok(usize::try_from(n.max(0)).unwrap_or(0)),
            other => Err(err(
                BindErrorKind::WrongType {
                    what: format!("the row count of {op}"),
                    expected: "a non-null long".into(),
                    found: other.data_type(),
                },
                e.span,
            )),
        }
    }

    fn bind_sort_key(&mut self, k: &SortKey, schema: &[Field]) -> Result<BoundSortKey, BindError> {
        let expr = self.bind_scalar(&k.expr, schema)?;
        let order = k.order.unwrap_or(SortOrder::Desc);
        let nulls = k.nulls.unwrap_or(match order {
            SortOrder::Asc => NullsOrder::First,
            SortOrder::Desc => NullsOrder::Last,
        });
        Ok(BoundSortKey { expr, order, nulls })
    }

    pub(super) fn bind_summarize(
        &mut self,
        input: Plan,
        s: &Summarize,
        span: Span,
    ) -> Result<Plan, BindError> {
        let input_schema = input.schema.clone();
        let mut schema: Vec<Field> = Vec::new();
        let mut taken: Vec<String> = Vec::new();
        let mut keys = Vec::new();
        let mut unnamed = 0;
        for k in &s.by {
            let b = self.bind_scalar(&k.expr, &input.schema)?;
            let name = match k.names.as_slice() {
                [n] => n.name.clone(),
                _ => {
                    key_name(&k.expr).unwrap_or_else(|| next_generated(&mut unnamed, &input.schema))
                }
            };
            let name = if k.names.is_empty() {
                unique_name(&name, &taken)
            } else {
                name
            };
            if taken.contains(&name) {
                return Err(err(BindErrorKind::DuplicateColumn { name }, k.span));
            }
            taken.push(name.clone());
            schema.push(Field::new(name, b.ty));
            keys.push(b);
        }
        let key_names = taken.clone();
        let mut aggregates = Vec::new();
        // Items that wrap aggregates in an expression (`x = 100.0 * countif(p) / count()`)
        // are computed by a projection after the aggregation.
        let mut post: Vec<(String, Expr)> = Vec::new();
        // Each item's outputs in written order: direct aggregate columns or a computed one.
        let mut slots: Vec<Result<Vec<String>, usize>> = Vec::new();
        let items = expand_percentiles(&s.aggregates);
        for item in &items {
            if let Some(agg) = self.direct_aggregate(item, &input.schema, &key_names, &mut taken)? {
                slots.push(Ok(agg.outputs.iter().map(|f| f.name.clone()).collect()));
                schema.extend(agg.outputs.iter().cloned());
                aggregates.push(agg);
                continue;
            }
            let mut counter = aggregates.len();
            let mut found = Vec::new();
            let rewritten = extract_aggregates(&item.expr, self, &mut counter, &mut found);
            if found.is_empty() {
                return Err(err(
                    BindErrorKind::Aggregate {
                        message:
                            "a summarize item must use an aggregate function (count(), sum(), ...)"
                                .into(),
                    },
                    item.expr.span,
                ));
            }
            for (hidden, call) in found {
                let ne = NamedExpr {
                    names: vec![Ident::new(hidden.clone(), call.span)],
                    expr: call,
                    span: item.span,
                };
                let mut scratch = Vec::new();
                let agg = self
                    .direct_aggregate(&ne, &input.schema, &key_names, &mut scratch)?
                    .ok_or_else(|| {
                        err(
                            BindErrorKind::Aggregate {
                                message: "nested aggregate".into(),
                            },
                            item.span,
                        )
                    })?;
                schema.extend(agg.outputs.iter().cloned());
                aggregates.push(agg);
            }
            let name = match item.names.as_slice() {
                [n] => n.name.clone(),
                _ => next_generated(&mut unnamed, &input_schema),
            };
            let name = unique_name(&name, &taken);
            taken.push(name.clone());
            slots.push(Err(post.len()));
            post.push((name, rewritten));
        }
        let plan = Plan {
            kind: PlanKind::Summarize {
                input: Box::new(input),
                keys,
                aggregates,
            },
            schema,
            span,
        };
        if post.is_empty() {
            return Ok(plan);
        }
        // Final projection: keys, then each item in written order (direct aggregates as
        // columns, wrapped ones computed); the hidden columns are dropped.
        let mut out_schema: Vec<Field> = plan.schema[..key_names.len()].to_vec();
        let mut exprs: Vec<BoundExpr> = (0..key_names.len())
            .map(|i| column_ref(&plan.schema, i, span))
            .collect();
        for slot in slots {
            match slot {
                Ok(names) => {
                    for n in names {
                        if let Some(i) = plan.schema.iter().position(|f| f.name == n) {
                            out_schema.push(plan.schema[i].clone());
                            exprs.push(column_ref(&plan.schema, i, span));
                        }
                    }
                }
                Err(p) => {
                    let (name, e) = &post[p];
                    let b = self.bind_scalar(e, &plan.schema)?;
                    out_schema.push(Field::new(name.clone(), b.ty));
                    exprs.push(b);
                }
            }
        }
        Ok(project(plan, out_schema, exprs, span))
    }

    /// Binds a summarize item that is exactly one aggregate call; `None` otherwise.
    fn direct_aggregate(
        &mut self,
        item: &NamedExpr,
        schema: &[Field],
        key_names: &[String],
        taken: &mut Vec<String>,
    ) -> Result<Option<BoundAggregate>, BindError> {
        let ExprKind::Call { func, args } = &item.expr.kind else {
            return Ok(None);
        };
        let Some(agg) = self.engine.functions().aggregate(&func.name).cloned() else {
            return Ok(None);
        };
        // `*` expands to every column but the group keys.
        let mut arg_exprs: Vec<Expr> = Vec::new();
        for a in args {
            if matches!(a.kind, ExprKind::Star) {
                for f in schema {
                    if !key_names.contains(&f.name)
                        && !arg_exprs
                            .iter()
                            .any(|e| expr_name(e).as_deref() == Some(f.name.as_str()))
                    {
                        arg_exprs.push(Expr {
                            kind: ExprKind::Name(Ident::new(f.name.clone(), a.span)),
                            span: a.span,
                        });
                    }
                }
            } else {
                arg_exprs.push(a.clone());
            }
        }
        let sig = agg.signature;
        let is_selector = matches!(agg.imp, AggregateImpl::SelectRow(_));
        if arg_exprs.len() < sig.min_args() || (!is_selector && arg_exprs.len() > sig.max_args) {
            return Err(err(
                BindErrorKind::ArgumentCount {
                    func: func.name.clone(),
                    expected: sig.describe_count(),
                    found: arg_exprs.len(),
                },
                item.expr.span,
            ));
        }
        let mut bound = Vec::new();
        for (i, a) in arg_exprs.iter().enumerate() {
            let b = self.bind_scalar(a, schema)?;
            let ty = sig.arg_at(i).map_or(ArgType::Any, |x| x.ty);
            bound.push(self.coerce_arg(b, ty, &func.name, i + 1)?);
        }
        let mut outputs = Vec::new();
        let selector = match agg.imp {
            AggregateImpl::SelectRow(sel) => {
                let mut unnamed = 0;
                for (i, (a, b)) in arg_exprs.iter().zip(&bound).enumerate() {
                    let base = match (i, item.names.get(i)) {
                        (_, Some(n)) => n.name.clone(),
                        (0, None) if matches!(agg.result_name, ResultName::Prefix(_)) => {
                            aggregate_name(agg.result_name, &arg_exprs)
                        }
                        _ => expr_name(a).unwrap_or_else(|| {
                            unnamed += 1;
                            format!("{}_arg{}", agg.name, unnamed - 1)
                        }),
                    };
                    let name = unique_name(&base, taken);
                    taken.push(name.clone());
                    outputs.push(Field::new(name, b.ty));
                }
                Some(sel)
            }
            AggregateImpl::Accumulate(_) => {
                let types: Vec<DataType> = bound.iter().map(|b| b.ty).collect();
                let constants: Vec<Option<Value>> = bound
                    .iter()
                    .map(|b| match &b.kind {
                        BoundExprKind::Literal(v) => Some(v.clone()),
                        _ => None,
                    })
                    .collect();
                let ty = agg.returns.resolve(&types, &constants);
                let base = match item.names.first() {
                    Some(n) => n.name.clone(),
                    None => aggregate_name(agg.result_name, &arg_exprs),
                };
                let name = unique_name(&base, taken);
                taken.push(name.clone());
                outputs.push(Field::new(name, ty));
                None
            }
        };
        Ok(Some(BoundAggregate {
            func: agg,
            args: bound,
            outputs,
            selector,
        }))
    }
}

/// `percentiles(x, p1, p2, ...)` is one `percentile(x, pN)` item per percentile, each its
/// own column (default name `percentile_x_pN`); `(a, b) = percentiles(...)` names them;
/// `percentilesw(x, w, p1, ...)` likewise becomes `percentilew(x, w, pN)` items
/// (q/percentiles-aggregation-function.md).
fn expand_percentiles(items: &[NamedExpr]) -> Vec<NamedExpr> {
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        let ExprKind::Call { func, args } = &item.expr.kind else {
            out.push(item.clone());
            continue;
        };
        // (single, leading arguments kept in each call)
        let (single, lead) = match func.name.as_str() {
            "percentiles" => ("percentile", 1),
            "percentilesw" => ("percentilew", 2),
            _ => ("", 0),
        };
        if lead == 0 || args.len() <= lead {
            out.push(item.clone());
            continue;
        }
        for (i, p) in args[lead..].iter().enumerate() {
            let mut call_args = args[..lead].to_vec();
            call_args.push(p.clone());
            out.push(NamedExpr {
                names: item.names.get(i).cloned().into_iter().collect(),
                expr: Expr {
                    kind: ExprKind::Call {
                        func: Ident::new(single.to_string(), func.span),
                        args: call_args,
                    },
                    span: item.expr.span,
                },
                span: item.span,
            });
        }
    }
    out
}

/// Replaces each aggregate call inside `e` by a hidden column name `__aggN`, collecting
/// the calls.
fn extract_aggregates(
    e: &Expr,
    binder: &Binder<'_>,
    counter: &mut usize,
    found: &mut Vec<(String, Expr)>,
) -> Expr {
    let mut walk = |x: &Expr| extract_aggregates(x, binder, counter, found);
    let kind = match &e.kind {
        ExprKind::Call { func, .. }
            if binder.engine.functions().aggregate(&func.name).is_some() =>
        {
            let name = format!("__agg{}", *counter);
            *counter += 1;
            found.push((name.clone(), e.clone()));
            ExprKind::Name(Ident::new(name, e.span))
        }
        ExprKind::Call { func, args } => ExprKind::Call {
            func: func.clone(),
            args: args.iter().map(&mut walk).collect(),
        },
        ExprKind::Binary { op, lhs, rhs } => ExprKind::Binary {
            op: *op,
            lhs: Box::new(walk(lhs)),
            rhs: Box::new(walk(rhs)),
        },
        ExprKind::Unary { op, operand } => ExprKind::Unary {
            op: *op,
            operand: Box::new(walk(operand)),
        },
        ExprKind::InList { op, lhs, list } => ExprKind::InList {
            op: *op,
            lhs: Box::new(walk(lhs)),
            list: list.iter().map(&mut walk).collect(),
        },
        ExprKind::Between {
            negated,
            lhs,
            low,
            high,
        } => ExprKind::Between {
            negated: *negated,
            lhs: Box::new(walk(lhs)),
            low: Box::new(walk(low)),
            high: Box::new(walk(high)),
        },
        ExprKind::Member { target, name } => ExprKind::Member {
            target: Box::new(walk(target)),
            name: name.clone(),
        },
        ExprKind::Index { target, index } => ExprKind::Index {
            target: Box::new(walk(target)),
            index: Box::new(walk(index)),
        },
        other => other.clone(),
    };
    Expr { kind, span: e.span }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use crate::output::format_golden;
    use crate::Engine;

    fn golden(q: &str) -> String {
        let tables = Engine::new().run(q).unwrap_or_else(|e| panic!("{q}: {e}"));
        format_golden(&tables[0])
    }

    #[test]
    fn percentiles_is_one_column_per_percentile() {
        // q/percentiles-aggregation-function.md: percentile_<column>_<P> columns, nearest rank
        assert_eq!(
            golden("range x from 1 to 10 step 1 | summarize percentiles(x, 25, 90)"),
            "percentile_x_25:long\tpercentile_x_90:long\n3\t9\n"
        );
        assert_eq!(
            golden("range x from 1 to 10 step 1 | summarize (lo, hi) = percentiles(x, 10, 50) by k = 1"),
            "k:long\tlo:long\thi:long\n1\t1\t5\n"
        );
        // percentilesw: weighted, named like percentiles
        assert_eq!(
            golden(
                "datatable(v:long, w:long)[10, 5, 30, 3, 50, 2] | summarize percentilesw(v, w, 50, 60, 99.5)"
            ),
            "percentile_v_50:long\tpercentile_v_60:long\tpercentile_v_99_5:long\n10\t30\t50\n"
        );
    }
}
