//! `evaluate bag_unpack(Col [, Prefix [, columnsConflict [, ignoredProperties]]])`, positional
//! or named (`columnsConflict = 'keep_source'`)
//! (q/bag-unpack-plugin.md).
//!
//! The output columns depend on the data (one per distinct top-level key), and later
//! operators must be bound against them, so the input is run here, while binding, and the
//! result becomes a constant table. Keys keep first-seen order; a column's type is the
//! slots' common type, or `dynamic` when they differ; null bags add nothing.

use super::invalid;
use crate::bind::plan::{Plan, PlanKind};
use crate::bind::{optimize, Binder};
use crate::dynamic::Dynamic;
use crate::error::BindError;
use crate::exec::{execute, ExecContext};
use crate::table::{Column, ColumnBuilder, Field, Table};
use crate::types::DataType;
use crate::value::Value;
use indexmap::IndexMap;
use kql_parser::ast::{Expr, ExprKind, NamedExpr};
use kql_parser::Span;
use std::sync::Arc;

/// The type a dynamic slot value has as a column (`None` for null).
fn slot_type(d: &Dynamic) -> Option<DataType> {
    Some(match d {
        Dynamic::Null => return None,
        Dynamic::Bool(_) => DataType::Bool,
        Dynamic::Long(_) => DataType::Long,
        Dynamic::Real(_) => DataType::Real,
        Dynamic::String(_) => DataType::String,
        Dynamic::DateTime(_) => DataType::DateTime,
        Dynamic::TimeSpan(_) => DataType::TimeSpan,
        Dynamic::Guid(_) => DataType::Guid,
        Dynamic::Array(_) | Dynamic::Bag(_) => DataType::Dynamic,
    })
}

/// A slot value as a value of column type `ty`.
fn slot_value(d: &Dynamic, ty: DataType) -> Value {
    match (d, ty) {
        (_, DataType::Dynamic) => Value::Dynamic(d.clone()),
        (Dynamic::Bool(b), DataType::Bool) => Value::Bool(Some(*b)),
        (Dynamic::Long(x), DataType::Long) => Value::Long(Some(*x)),
        (Dynamic::Real(x), DataType::Real) => Value::Real(Some(*x)),
        (Dynamic::String(s), DataType::String) => Value::String(s.clone()),
        (Dynamic::DateTime(x), DataType::DateTime) => Value::DateTime(Some(*x)),
        (Dynamic::TimeSpan(x), DataType::TimeSpan) => Value::TimeSpan(Some(*x)),
        (Dynamic::Guid(x), DataType::Guid) => Value::Guid(Some(*x)),
        _ => Value::null(ty),
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Conflict {
    Error,
    ReplaceSource,
    KeepSource,
}

impl Binder<'_> {
    fn string_arg(&mut self, e: &Expr, what: &str) -> Result<String, BindError> {
        match self.constant(e, what)? {
            Value::String(s) => Ok(s),
            _ => Err(invalid(format!("{what} must be a string constant"), e.span)),
        }
    }

    pub(super) fn bind_bag_unpack(
        &mut self,
        input: Plan,
        named_args: &[NamedExpr],
        span: Span,
    ) -> Result<Plan, BindError> {
        // Positional arguments fill the slots in order; named ones go to their slot.
        const SLOTS: [&str; 4] = [
            "column",
            "outputcolumnprefix",
            "columnsconflict",
            "ignoredproperties",
        ];
        let mut args: [Option<&Expr>; 4] = [None; 4];
        for (i, a) in named_args.iter().enumerate() {
            let slot = match a.names.as_slice() {
                [] => i,
                [n] => SLOTS
                    .iter()
                    .position(|s| n.name.eq_ignore_ascii_case(s))
                    .ok_or_else(|| {
                        invalid(format!("bag_unpack has no parameter '{}'", n.name), n.span)
                    })?,
                _ => return Err(invalid("bag_unpack arguments take one name", a.span)),
            };
            match args.get_mut(slot) {
                Some(x @ None) => *x = Some(&a.expr),
                Some(Some(_)) => {
                    return Err(invalid("a bag_unpack argument is given twice", a.span))
                }
                None => return Err(invalid("bag_unpack takes at most four arguments", span)),
            }
        }
        let Some(first) = args[0] else {
            return Err(invalid("bag_unpack needs the column to unpack", span));
        };
        let ExprKind::Name(col) = &first.kind else {
            return Err(invalid(
                "bag_unpack's first argument must be a column name",
                first.span,
            ));
        };
        let Some(ci) = input.schema.iter().position(|f| f.name == col.name) else {
            return Err(self.unknown_column(col, &input.schema));
        };
        if input.schema[ci].data_type != DataType::Dynamic {
            return Err(invalid(
                format!(
                    "bag_unpack needs a dynamic column; '{}' is {}",
                    col.name, input.schema[ci].data_type
                ),
                first.span,
            ));
        }
        let prefix = match args[1] {
            Some(e) => self.string_arg(e, "the bag_unpack prefix")?,
            None => String::new(),
        };
        let conflict = match args[2] {
            Some(e) => match self.string_arg(e, "columnsConflict")?.as_str() {
                "error" => Conflict::Error,
                "replace_source" => Conflict::ReplaceSource,
                "keep_source" => Conflict::KeepSource,
                other => {
                    return Err(invalid(
                        format!("columnsConflict must be 'error', 'replace_source' or 'keep_source', not '{other}'"),
                        e.span,
                    ))
                }
            },
            None => Conflict::Error,
        };
        let ignored: Vec<String> = match args[3] {
            Some(e) => match self.constant(e, "ignoredProperties")? {
                Value::Dynamic(Dynamic::Array(a)) => a.iter().map(Dynamic::to_kql_string).collect(),
                _ => return Err(invalid("ignoredProperties must be a dynamic array", e.span)),
            },
            None => Vec::new(),
        };
        let ctx = ExecContext::new(self.now, self.engine.limits().clone());
        let table = execute(&optimize(input.clone()), &ctx)
            .map_err(|e| invalid(format!("while running the input of bag_unpack: {e}"), span))?;
        if table.num_rows() == 0 {
            self.data_columns_unknown = true;
        }
        let bags: &[Dynamic] = match table.columns().get(ci).map(|c| c.as_ref()) {
            Some(Column::Dynamic(v)) => v,
            _ => &[],
        };
        // Keys in first-seen order with their common type.
        let mut keys: IndexMap<String, Option<DataType>> = IndexMap::new();
        for b in bags {
            if let Dynamic::Bag(m) = b {
                for (k, v) in m {
                    if ignored.contains(k) {
                        continue;
                    }
                    let t = slot_type(v);
                    let e = keys.entry(k.clone()).or_insert(t);
                    if let (Some(a), Some(b)) = (*e, t) {
                        if a != b {
                            *e = Some(DataType::Dynamic);
                        }
                    } else if e.is_none() {
                        *e = t;
                    }
                }
            }
        }
        let mut fields: Vec<Field> = Vec::new();
        let mut columns: Vec<Arc<Column>> = Vec::new();
        for (i, f) in table.fields().iter().enumerate() {
            if i != ci {
                fields.push(f.clone());
                columns.push(Arc::clone(&table.columns()[i]));
            }
        }
        for (k, t) in &keys {
            let name = format!("{prefix}{k}");
            let ty = t.unwrap_or(DataType::Dynamic);
            if let Some(pos) = fields.iter().position(|f| f.name == name) {
                match conflict {
                    Conflict::Error => {
                        return Err(invalid(
                            format!("bag_unpack: column '{name}' already exists (use columnsConflict='replace_source' or 'keep_source')"),
                            span,
                        ))
                    }
                    Conflict::KeepSource => continue,
                    Conflict::ReplaceSource => {
                        fields.remove(pos);
                        columns.remove(pos);
                    }
                }
            }
            let mut b = ColumnBuilder::new(ty);
            for bag in bags {
                b.push(&slot_value(&bag.get_key(k), ty));
            }
            fields.push(Field::new(name, ty));
            columns.push(Arc::new(b.finish()));
        }
        let out = if fields.is_empty() {
            Table::with_rows(table.num_rows())
        } else {
            Table::new(fields.clone(), columns).map_err(|e| invalid(e.to_string(), span))?
        };
        Ok(Plan {
            kind: PlanKind::Table(Arc::new(out)),
            schema: fields,
            span,
        })
    }
}
