//! `make-series` (q/make-series-operator.md): a `summarize` by the group keys and the
//! binned axis (`bin_at(Axis, step, start)`), then one array per aggregate with one slot
//! per bin (missing bins get the default, 0 unless `default =` says otherwise).
//!
//! `from a to b step s`: bins start at `a`, `b` is exclusive. `in range(a, b, s)`: `b` is
//! inclusive. Without `from` the series starts at the first bin with data (binned with
//! `bin(Axis, step)`); without `to` it ends after the last bin with data.

use super::{invalid, ExtPlan};
use crate::bind::naming::expr_name;
use crate::bind::plan::{Plan, PlanKind};
use crate::bind::Binder;
use crate::error::BindError;
use crate::table::Field;
use crate::types::DataType;
use crate::value::Value;
use kql_parser::ast::{Expr, ExprKind, Ident, MakeSeries, NamedExpr, SeriesRange, Summarize};
use kql_parser::Span;

/// Most bins a series may have (q/make-series-operator.md).
pub const MAX_BINS: usize = 1 << 20;

/// A bound `make-series`.
#[derive(Debug, Clone)]
pub struct MakeSeriesPlan {
    /// The summarize by keys and bin: `keys..., bin, aggregates...`.
    pub input: Box<Plan>,
    /// Number of group keys.
    pub keys: usize,
    /// Default per aggregate.
    pub defaults: Vec<Value>,
    /// First bin (axis type); `None`: the first bin with data.
    pub start: Option<Value>,
    /// End of the range; `None`: after the last bin with data.
    pub end: Option<Value>,
    /// True when `end` is inclusive (`in range(...)`).
    pub inclusive: bool,
    /// Bin size (timespan for datetime axes, else the axis type).
    pub step: Value,
    /// `kind=nonempty`: one row of defaults for empty input.
    pub nonempty: bool,
}

/// `v` as a number on the axis: ticks or integers exactly, reals as reals.
pub fn axis_number(v: &Value) -> Option<f64> {
    match v {
        Value::Int(Some(x)) => Some(f64::from(*x)),
        Value::Long(Some(x)) | Value::DateTime(Some(x)) | Value::TimeSpan(Some(x)) => {
            Some(*x as f64)
        }
        Value::Real(Some(x)) => Some(*x),
        Value::Decimal(Some(d)) => d.to_string().parse().ok(),
        _ => None,
    }
}

/// `v` as an exact integer on the axis (ticks, long), when it is one.
pub fn axis_int(v: &Value) -> Option<i128> {
    match v {
        Value::Int(Some(x)) => Some(i128::from(*x)),
        Value::Long(Some(x)) | Value::DateTime(Some(x)) | Value::TimeSpan(Some(x)) => {
            Some(i128::from(*x))
        }
        _ => None,
    }
}

/// The number of bins from `start` to `end` by `step` (`end` exclusive unless
/// `inclusive`); 0 for an empty or invalid range.
pub fn bin_count(start: &Value, end: &Value, step: &Value, inclusive: bool) -> usize {
    let n: i128 = match (axis_int(start), axis_int(end), axis_int(step)) {
        (Some(s), Some(e), Some(st)) if st > 0 => {
            let d = e - s;
            if d < 0 {
                0
            } else if inclusive {
                d / st + 1
            } else {
                (d + st - 1) / st
            }
        }
        _ => match (axis_number(start), axis_number(end), axis_number(step)) {
            (Some(s), Some(e), Some(st)) if st > 0.0 => {
                let n = (e - s) / st;
                if !n.is_finite() || n < 0.0 {
                    0
                } else if inclusive {
                    n.floor() as i128 + 1
                } else {
                    n.ceil() as i128
                }
            }
            _ => 0,
        },
    };
    usize::try_from(n).unwrap_or(usize::MAX)
}

impl Binder<'_> {
    pub(super) fn bind_make_series(
        &mut self,
        input: Plan,
        m: &MakeSeries,
        span: Span,
    ) -> Result<Plan, BindError> {
        let (from, to, step, inclusive) = match &m.range {
            SeriesRange::FromTo { from, to, step } => (from.as_ref(), to.as_ref(), step, false),
            SeriesRange::InRange { start, stop, step } => (Some(start), Some(stop), step, true),
        };
        let axis = self.bind_scalar(&m.axis, &input.schema)?;
        let start = match from {
            Some(e) => Some(self.constant(e, "the start of make-series")?),
            None => None,
        };
        let end = match to {
            Some(e) => Some(self.constant(e, "the end of make-series")?),
            None => None,
        };
        let step_v = self.constant(step, "the step of make-series")?;
        let ok_axis = matches!(
            axis.ty,
            DataType::DateTime
                | DataType::TimeSpan
                | DataType::Long
                | DataType::Int
                | DataType::Real
        );
        if !ok_axis {
            return Err(invalid(
                format!(
                    "the make-series axis must be a datetime, timespan or number, not {}",
                    axis.ty
                ),
                m.axis.span,
            ));
        }
        let bad_bound = [&start, &end]
            .iter()
            .any(|v| v.as_ref().is_some_and(|v| axis_number(v).is_none()));
        if bad_bound || !axis_number(&step_v).is_some_and(|st| st > 0.0) {
            return Err(invalid(
                "make-series needs non-null start and end and a positive step",
                span,
            ));
        }
        if let (Some(s), Some(e)) = (&start, &end) {
            let bins = bin_count(s, e, &step_v, inclusive);
            if bins > MAX_BINS {
                return Err(invalid(
                    format!("make-series would make {bins} bins (at most {MAX_BINS})"),
                    span,
                ));
            }
        }
        // summarize aggs by keys..., bin_at(axis, step, start)
        let bin_name = "__series_bin".to_string();
        let bin = NamedExpr {
            names: vec![Ident::new(bin_name, m.axis.span)],
            expr: Expr {
                kind: match from {
                    Some(from) => ExprKind::Call {
                        func: Ident::new("bin_at", m.axis.span),
                        args: vec![m.axis.clone(), step.clone(), from.clone()],
                    },
                    None => ExprKind::Call {
                        func: Ident::new("bin", m.axis.span),
                        args: vec![m.axis.clone(), step.clone()],
                    },
                },
                span: m.axis.span,
            },
            span: m.axis.span,
        };
        let mut by = m.by.clone();
        by.push(bin);
        let summarize = Summarize {
            aggregates: m.aggregates.iter().map(|a| a.item.clone()).collect(),
            by,
        };
        let keys = m.by.len();
        let inner = self.bind_summarize(input, &summarize, span)?;
        let mut defaults = Vec::new();
        for a in &m.aggregates {
            defaults.push(match &a.default {
                Some(d) => self.constant(d, "a make-series default")?,
                None => Value::Long(Some(0)),
            });
        }
        let mut schema: Vec<Field> = inner.schema[..keys].to_vec();
        for f in inner.schema.iter().skip(keys + 1) {
            schema.push(Field::new(f.name.clone(), DataType::Dynamic));
        }
        let axis_name = expr_name(&m.axis).unwrap_or_else(|| "Column1".to_string());
        if schema.iter().any(|f| f.name == axis_name) {
            return Err(BindError::new(
                crate::error::BindErrorKind::DuplicateColumn { name: axis_name },
                m.axis.span,
            ));
        }
        schema.push(Field::new(axis_name, DataType::Dynamic));
        Ok(Plan {
            kind: PlanKind::Ext(ExtPlan::MakeSeries(Box::new(MakeSeriesPlan {
                input: Box::new(inner),
                keys,
                defaults,
                start,
                end,
                inclusive,
                step: step_v,
                nonempty: m.nonempty,
            }))),
            schema,
            span,
        })
    }
}
