//! Column builders that values are parsed straight into: [`Typed`] converts each value to a
//! declared type (or reports why it cannot), [`Infer`] keeps values in the narrowest form
//! that holds all of them so far and settles the column type at the end.

use super::strings::StrBuilder;
use super::text::{parse_bool, parse_datetime, parse_iso_datetime, parse_real, parse_timespan};
use crate::dynamic::Dynamic;
use crate::format::{format_real, parse_guid};
use crate::table::{Column, StringArray};
use crate::types::DataType;
use rust_decimal::Decimal;
use std::str::FromStr;

/// A value's description in error messages.
fn describe_str(s: &str) -> String {
    format!("string {}", super::error::excerpt(s))
}

fn mismatch(ty: DataType, found: impl std::fmt::Display) -> String {
    format!("expected {ty}, found {found}")
}

fn complex_name(d: &Dynamic) -> &'static str {
    match d {
        Dynamic::Array(_) => "an array",
        Dynamic::Bag(_) => "an object",
        _ => "a value",
    }
}

/// A builder for a column of a declared type.
#[derive(Debug)]
pub(crate) enum Typed {
    Bool(Vec<Option<bool>>),
    Int(Vec<Option<i32>>),
    Long(Vec<Option<i64>>),
    Real(Vec<Option<f64>>),
    Decimal(Vec<Option<Decimal>>),
    String(StrBuilder),
    DateTime(Vec<Option<i64>>),
    TimeSpan(Vec<Option<i64>>),
    Guid(Vec<Option<u128>>),
    Dynamic(Vec<Dynamic>),
}

/// Applies `$body` to the vector of any non-string variant.
macro_rules! each_typed {
    ($t:expr, $v:ident => $body:expr, $s:ident => $sbody:expr) => {
        match $t {
            Typed::Bool($v) => $body,
            Typed::Int($v) => $body,
            Typed::Long($v) => $body,
            Typed::Real($v) => $body,
            Typed::Decimal($v) => $body,
            Typed::DateTime($v) => $body,
            Typed::TimeSpan($v) => $body,
            Typed::Guid($v) => $body,
            Typed::Dynamic($v) => $body,
            Typed::String($s) => $sbody,
        }
    };
}

impl Typed {
    pub fn new(ty: DataType) -> Typed {
        match ty {
            DataType::Bool => Typed::Bool(Vec::new()),
            DataType::Int => Typed::Int(Vec::new()),
            DataType::Long => Typed::Long(Vec::new()),
            DataType::Real => Typed::Real(Vec::new()),
            DataType::Decimal => Typed::Decimal(Vec::new()),
            DataType::String => Typed::String(StrBuilder::default()),
            DataType::DateTime => Typed::DateTime(Vec::new()),
            DataType::TimeSpan => Typed::TimeSpan(Vec::new()),
            DataType::Guid => Typed::Guid(Vec::new()),
            DataType::Dynamic => Typed::Dynamic(Vec::new()),
        }
    }

    pub fn data_type(&self) -> DataType {
        match self {
            Typed::Bool(_) => DataType::Bool,
            Typed::Int(_) => DataType::Int,
            Typed::Long(_) => DataType::Long,
            Typed::Real(_) => DataType::Real,
            Typed::Decimal(_) => DataType::Decimal,
            Typed::String(_) => DataType::String,
            Typed::DateTime(_) => DataType::DateTime,
            Typed::TimeSpan(_) => DataType::TimeSpan,
            Typed::Guid(_) => DataType::Guid,
            Typed::Dynamic(_) => DataType::Dynamic,
        }
    }

    pub fn len(&self) -> usize {
        each_typed!(self, v => v.len(), s => s.len())
    }

    /// A null (`""` for strings).
    pub fn push_null(&mut self) {
        each_typed!(self, v => v.push(Default::default()), s => s.push(""))
    }

    pub fn push_nulls(&mut self, n: usize) {
        each_typed!(self, v => v.resize(v.len() + n, Default::default()), s => s.push_empty(n))
    }

    /// A JSON boolean.
    pub fn push_bool(&mut self, b: bool) -> Result<(), String> {
        match self {
            Typed::Bool(v) => v.push(Some(b)),
            Typed::String(s) => s.push(if b { "true" } else { "false" }),
            Typed::Dynamic(v) => v.push(Dynamic::Bool(b)),
            other => return Err(mismatch(other.data_type(), b)),
        }
        Ok(())
    }

    /// A JSON integer.
    pub fn push_i64(&mut self, i: i64) -> Result<(), String> {
        match self {
            Typed::Bool(v) => match i {
                0 => v.push(Some(false)),
                1 => v.push(Some(true)),
                _ => return Err(mismatch(DataType::Bool, format!("number {i}"))),
            },
            Typed::Int(v) => match i32::try_from(i) {
                Ok(x) => v.push(Some(x)),
                Err(_) => return Err(format!("{i} is out of range for int")),
            },
            Typed::Long(v) => v.push(Some(i)),
            Typed::Real(v) => v.push(Some(i as f64)),
            Typed::Decimal(v) => v.push(Some(Decimal::from(i))),
            Typed::String(s) => s.push(&i.to_string()),
            Typed::Dynamic(v) => v.push(Dynamic::Long(i)),
            other => return Err(mismatch(other.data_type(), format!("number {i}"))),
        }
        Ok(())
    }

    /// A JSON integer that may exceed `i64`.
    pub fn push_u64(&mut self, u: u64) -> Result<(), String> {
        if let Ok(i) = i64::try_from(u) {
            return self.push_i64(i);
        }
        match self {
            Typed::Real(v) => v.push(Some(u as f64)),
            Typed::Decimal(v) => v.push(Some(Decimal::from(u))),
            Typed::String(s) => s.push(&u.to_string()),
            Typed::Dynamic(v) => v.push(Dynamic::Real(u as f64)),
            Typed::Int(_) | Typed::Long(_) => {
                return Err(format!("{u} is out of range for {}", self.data_type()))
            }
            other => return Err(mismatch(other.data_type(), format!("number {u}"))),
        }
        Ok(())
    }

    /// A JSON number with a fraction or exponent.
    pub fn push_f64(&mut self, f: f64) -> Result<(), String> {
        match self {
            Typed::Int(v) => match exact_integer(f).and_then(|i| i32::try_from(i).ok()) {
                Some(x) => v.push(Some(x)),
                None => return Err(mismatch(DataType::Int, format!("number {f}"))),
            },
            Typed::Long(v) => match exact_integer(f) {
                Some(x) => v.push(Some(x)),
                None => return Err(mismatch(DataType::Long, format!("number {f}"))),
            },
            Typed::Real(v) => v.push(Some(f)),
            Typed::Decimal(v) => match Decimal::from_str(&f.to_string()) {
                Ok(d) => v.push(Some(d)),
                Err(_) => return Err(format!("{f} is out of range for decimal")),
            },
            Typed::String(s) => s.push(&format_real(f)),
            Typed::Dynamic(v) => v.push(Dynamic::Real(f)),
            other => return Err(mismatch(other.data_type(), format!("number {f}"))),
        }
        Ok(())
    }

    /// A JSON string: parsed for typed columns (`""` is null there).
    pub fn push_str(&mut self, s: &str) -> Result<(), String> {
        match self {
            Typed::String(b) => {
                b.push(s);
                return Ok(());
            }
            Typed::Dynamic(v) => {
                v.push(Dynamic::String(s.to_string()));
                return Ok(());
            }
            _ => {}
        }
        if s.is_empty() {
            self.push_null();
            return Ok(());
        }
        let ok = match self {
            Typed::Bool(v) => parse_bool(s).map(|b| v.push(Some(b))),
            Typed::Int(v) => s.trim().parse::<i32>().ok().map(|i| v.push(Some(i))),
            Typed::Long(v) => s.trim().parse::<i64>().ok().map(|i| v.push(Some(i))),
            Typed::Real(v) => parse_real(s).map(|f| v.push(Some(f))),
            Typed::Decimal(v) => parse_decimal(s).map(|d| v.push(Some(d))),
            Typed::DateTime(v) => parse_datetime(s).map(|t| v.push(Some(t))),
            Typed::TimeSpan(v) => parse_timespan(s).map(|t| v.push(Some(t))),
            Typed::Guid(v) => parse_guid(s).map(|g| v.push(Some(g))),
            Typed::String(_) | Typed::Dynamic(_) => Some(()),
        };
        ok.ok_or_else(|| mismatch(self.data_type(), describe_str(s)))
    }

    /// A JSON array or object (already converted to a dynamic value).
    pub fn push_complex(&mut self, d: Dynamic) -> Result<(), String> {
        match self {
            Typed::String(s) => s.push(&d.to_json_string()),
            Typed::Dynamic(v) => v.push(d),
            other => return Err(mismatch(other.data_type(), complex_name(&d))),
        }
        Ok(())
    }

    /// A CSV cell: empty is null (`""` for strings); dynamic cells are parsed as JSON when
    /// they are valid JSON and kept as a dynamic string otherwise.
    pub fn push_text(&mut self, s: &str) -> Result<(), String> {
        match self {
            Typed::Dynamic(v) => {
                if s.is_empty() {
                    v.push(Dynamic::Null);
                } else {
                    v.push(
                        Dynamic::parse_json(s).unwrap_or_else(|| Dynamic::String(s.to_string())),
                    );
                }
                Ok(())
            }
            _ => self.push_str(s),
        }
    }

    /// Appends the rows of `other` (a builder of the same type over later rows).
    pub fn append(&mut self, other: Typed) {
        match (self, other) {
            (Typed::Bool(a), Typed::Bool(b)) => a.extend(b),
            (Typed::Int(a), Typed::Int(b)) => a.extend(b),
            (Typed::Long(a), Typed::Long(b)) => a.extend(b),
            (Typed::Real(a), Typed::Real(b)) => a.extend(b),
            (Typed::Decimal(a), Typed::Decimal(b)) => a.extend(b),
            (Typed::String(a), Typed::String(b)) => a.append(b),
            (Typed::DateTime(a), Typed::DateTime(b)) => a.extend(b),
            (Typed::TimeSpan(a), Typed::TimeSpan(b)) => a.extend(b),
            (Typed::Guid(a), Typed::Guid(b)) => a.extend(b),
            (Typed::Dynamic(a), Typed::Dynamic(b)) => a.extend(b),
            // Parts of one file share their schema, so the types always agree.
            (a, b) => a.push_nulls(b.len()),
        }
    }

    pub fn finish(self) -> Column {
        match self {
            Typed::Bool(v) => Column::Bool(v),
            Typed::Int(v) => Column::Int(v),
            Typed::Long(v) => Column::Long(v),
            Typed::Real(v) => Column::Real(v),
            Typed::Decimal(v) => Column::Decimal(v),
            Typed::String(s) => Column::String(s.finish()),
            Typed::DateTime(v) => Column::DateTime(v),
            Typed::TimeSpan(v) => Column::TimeSpan(v),
            Typed::Guid(v) => Column::Guid(v),
            Typed::Dynamic(v) => Column::Dynamic(v),
        }
    }
}

/// `f` as an `i64` when it is a whole number that converts exactly.
fn exact_integer(f: f64) -> Option<i64> {
    const LIMIT: f64 = 9_007_199_254_740_992.0; // 2^53
    (f.fract() == 0.0 && f.abs() <= LIMIT).then_some(f as i64)
}

fn parse_decimal(s: &str) -> Option<Decimal> {
    let t = s.trim();
    Decimal::from_str_exact(t)
        .ok()
        .or_else(|| Decimal::from_scientific(t).ok())
}

/// A number seen by [`Infer`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Num {
    Null,
    I(i64),
    F(f64),
}

/// The kinds an inferred column passes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Empty,
    Bool,
    Num,
    Date,
    Str,
    Dyn,
}

impl Kind {
    /// The narrowest kind that holds both.
    fn join(self, other: Kind) -> Kind {
        match (self, other) {
            (a, b) if a == b => a,
            (Kind::Empty, b) => b,
            (a, Kind::Empty) => a,
            (Kind::Date, Kind::Str) | (Kind::Str, Kind::Date) => Kind::Str,
            _ => Kind::Dyn,
        }
    }
}

/// A column whose type is inferred from its values (JSON input without a schema, or
/// fields a schema does not list).
///
/// Rules: only JSON booleans → `bool`; only integers that fit 64 bits → `long`; numbers
/// with a fraction among them → `real`; only strings that are ISO 8601 datetimes with a
/// time part (empty strings allowed, they become null) → `datetime`; other strings →
/// `string`; arrays, objects or a mix of kinds → `dynamic`; nothing but nulls → `dynamic`.
#[derive(Debug)]
pub(crate) enum Infer {
    /// Only nulls so far.
    Empty(usize),
    Bool(Vec<Option<bool>>),
    Num {
        vals: Vec<Num>,
        float: bool,
    },
    /// Strings that are all datetimes (or empty) so far; `text` keeps them verbatim in case
    /// a later value is not a datetime; `nulls` lists the rows that were JSON null.
    Date {
        ticks: Vec<Option<i64>>,
        text: StringArray,
        nulls: Vec<usize>,
        any: bool,
    },
    Str {
        b: StrBuilder,
        nulls: Vec<usize>,
    },
    Dyn(Vec<Dynamic>),
}

impl Default for Infer {
    fn default() -> Self {
        Infer::Empty(0)
    }
}

impl Infer {
    fn kind(&self) -> Kind {
        match self {
            Infer::Empty(_) => Kind::Empty,
            Infer::Bool(_) => Kind::Bool,
            Infer::Num { .. } => Kind::Num,
            Infer::Date { .. } => Kind::Date,
            Infer::Str { .. } => Kind::Str,
            Infer::Dyn(_) => Kind::Dyn,
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Infer::Empty(n) => *n,
            Infer::Bool(v) => v.len(),
            Infer::Num { vals, .. } => vals.len(),
            Infer::Date { ticks, .. } => ticks.len(),
            Infer::Str { b, .. } => b.len(),
            Infer::Dyn(v) => v.len(),
        }
    }

    /// Converts the values held to `target` (which must be a join of the current kind).
    fn promote(&mut self, target: Kind) {
        let kind = self.kind();
        if kind == target {
            return;
        }
        let me = std::mem::take(self);
        *self = match (me, target) {
            (Infer::Empty(n), Kind::Bool) => Infer::Bool(vec![None; n]),
            (Infer::Empty(n), Kind::Num) => Infer::Num {
                vals: vec![Num::Null; n],
                float: false,
            },
            (Infer::Empty(n), Kind::Date) => {
                let mut text = StringArray::with_capacity(n, 0);
                for _ in 0..n {
                    text.push("");
                }
                Infer::Date {
                    ticks: vec![None; n],
                    text,
                    nulls: (0..n).collect(),
                    any: false,
                }
            }
            (Infer::Empty(n), Kind::Str) => {
                let mut b = StrBuilder::default();
                b.push_empty(n);
                Infer::Str {
                    b,
                    nulls: (0..n).collect(),
                }
            }
            (Infer::Date { text, nulls, .. }, Kind::Str) => {
                let mut b = StrBuilder::default();
                for s in text.iter() {
                    b.push(s);
                }
                Infer::Str { b, nulls }
            }
            (me, _) => Infer::Dyn(me.into_dynamic()),
        };
    }

    /// The values as dynamic values.
    fn into_dynamic(self) -> Vec<Dynamic> {
        fn strings(n: usize, get: impl Fn(usize) -> String, nulls: &[usize]) -> Vec<Dynamic> {
            let mut out: Vec<Dynamic> = (0..n).map(|i| Dynamic::String(get(i))).collect();
            for &i in nulls {
                if let Some(d) = out.get_mut(i) {
                    *d = Dynamic::Null;
                }
            }
            out
        }
        match self {
            Infer::Empty(n) => vec![Dynamic::Null; n],
            Infer::Bool(v) => v
                .into_iter()
                .map(|b| b.map_or(Dynamic::Null, Dynamic::Bool))
                .collect(),
            Infer::Num { vals, .. } => vals
                .into_iter()
                .map(|n| match n {
                    Num::Null => Dynamic::Null,
                    Num::I(i) => Dynamic::Long(i),
                    Num::F(f) => Dynamic::Real(f),
                })
                .collect(),
            Infer::Date { text, nulls, .. } => {
                strings(text.len(), |i| text.get(i).to_string(), &nulls)
            }
            Infer::Str { b, nulls } => strings(b.len(), |i| b.get(i).to_string(), &nulls),
            Infer::Dyn(v) => v,
        }
    }

    fn become_at_least(&mut self, k: Kind) {
        let target = self.kind().join(k);
        self.promote(target);
    }

    pub fn push_null(&mut self) {
        let row = self.len();
        match self {
            Infer::Empty(n) => *n += 1,
            Infer::Bool(v) => v.push(None),
            Infer::Num { vals, .. } => vals.push(Num::Null),
            Infer::Date {
                ticks, text, nulls, ..
            } => {
                ticks.push(None);
                text.push("");
                nulls.push(row);
            }
            Infer::Str { b, nulls } => {
                b.push("");
                nulls.push(row);
            }
            Infer::Dyn(v) => v.push(Dynamic::Null),
        }
    }

    pub fn push_nulls(&mut self, n: usize) {
        match self {
            Infer::Empty(m) => *m += n,
            Infer::Dyn(v) => v.resize(v.len() + n, Dynamic::Null),
            _ => {
                for _ in 0..n {
                    self.push_null();
                }
            }
        }
    }

    pub fn push_bool(&mut self, b: bool) {
        self.become_at_least(Kind::Bool);
        match self {
            Infer::Bool(v) => v.push(Some(b)),
            Infer::Dyn(v) => v.push(Dynamic::Bool(b)),
            _ => {}
        }
    }

    pub fn push_i64(&mut self, i: i64) {
        self.become_at_least(Kind::Num);
        match self {
            Infer::Num { vals, .. } => vals.push(Num::I(i)),
            Infer::Dyn(v) => v.push(Dynamic::Long(i)),
            _ => {}
        }
    }

    pub fn push_u64(&mut self, u: u64) {
        match i64::try_from(u) {
            Ok(i) => self.push_i64(i),
            Err(_) => self.push_f64(u as f64),
        }
    }

    pub fn push_f64(&mut self, f: f64) {
        self.become_at_least(Kind::Num);
        match self {
            Infer::Num { vals, float } => {
                vals.push(Num::F(f));
                *float = true;
            }
            Infer::Dyn(v) => v.push(Dynamic::Real(f)),
            _ => {}
        }
    }

    pub fn push_str(&mut self, s: &str) {
        if let Infer::Str { b, .. } = self {
            b.push(s);
            return;
        }
        if let Infer::Empty(_) = self {
            let k = if s.is_empty() || parse_iso_datetime(s, true).is_some() {
                Kind::Date
            } else {
                Kind::Str
            };
            self.promote(k);
        }
        if let Infer::Date {
            ticks, text, any, ..
        } = self
        {
            if s.is_empty() {
                ticks.push(None);
                text.push("");
                return;
            }
            if let Some(t) = parse_iso_datetime(s, true) {
                ticks.push(Some(t));
                text.push(s);
                *any = true;
                return;
            }
            self.promote(Kind::Str);
        }
        self.become_at_least(Kind::Str);
        match self {
            Infer::Str { b, .. } => b.push(s),
            Infer::Dyn(v) => v.push(Dynamic::String(s.to_string())),
            _ => {}
        }
    }

    pub fn push_complex(&mut self, d: Dynamic) {
        self.promote(Kind::Dyn);
        if let Infer::Dyn(v) = self {
            v.push(d);
        }
    }

    /// Appends the values of `other` (the rows after this one's), widening as needed.
    pub fn append(&mut self, mut other: Infer) {
        let target = self.kind().join(other.kind());
        self.promote(target);
        other.promote(target);
        let offset = self.len();
        match (self, other) {
            (Infer::Empty(a), Infer::Empty(b)) => *a += b,
            (Infer::Bool(a), Infer::Bool(b)) => a.extend(b),
            (
                Infer::Num { vals, float },
                Infer::Num {
                    vals: v2,
                    float: f2,
                },
            ) => {
                vals.extend(v2);
                *float |= f2;
            }
            (
                Infer::Date {
                    ticks,
                    text,
                    nulls,
                    any,
                },
                Infer::Date {
                    ticks: t2,
                    text: x2,
                    nulls: n2,
                    any: a2,
                },
            ) => {
                ticks.extend(t2);
                for s in x2.iter() {
                    text.push(s);
                }
                nulls.extend(n2.into_iter().map(|i| i + offset));
                *any |= a2;
            }
            (Infer::Str { b, nulls }, Infer::Str { b: b2, nulls: n2 }) => {
                b.append(b2);
                nulls.extend(n2.into_iter().map(|i| i + offset));
            }
            (Infer::Dyn(a), Infer::Dyn(b)) => a.extend(b),
            // promote() made the kinds equal
            (_, _) => {}
        }
    }

    /// The column's type and values. A column of only nulls is `dynamic`.
    pub fn finish(self) -> Column {
        match self {
            Infer::Empty(n) => Column::Dynamic(vec![Dynamic::Null; n]),
            Infer::Bool(v) => Column::Bool(v),
            Infer::Num { vals, float: false } => Column::Long(
                vals.into_iter()
                    .map(|n| match n {
                        Num::I(i) => Some(i),
                        Num::F(f) => Some(f as i64),
                        Num::Null => None,
                    })
                    .collect(),
            ),
            Infer::Num { vals, float: true } => Column::Real(
                vals.into_iter()
                    .map(|n| match n {
                        Num::I(i) => Some(i as f64),
                        Num::F(f) => Some(f),
                        Num::Null => None,
                    })
                    .collect(),
            ),
            Infer::Date {
                ticks, any: true, ..
            } => Column::DateTime(ticks),
            Infer::Date { text, .. } => {
                let mut b = StrBuilder::default();
                for s in text.iter() {
                    b.push(s);
                }
                Column::String(b.finish())
            }
            Infer::Str { b, .. } => Column::String(b.finish()),
            Infer::Dyn(v) => Column::Dynamic(v),
        }
    }
}

/// A column being loaded: declared or inferred.
#[derive(Debug)]
pub(crate) enum Sink {
    Typed(Typed),
    Infer(Infer),
}

impl Sink {
    pub fn len(&self) -> usize {
        match self {
            Sink::Typed(t) => t.len(),
            Sink::Infer(i) => i.len(),
        }
    }

    pub fn push_null(&mut self) {
        match self {
            Sink::Typed(t) => t.push_null(),
            Sink::Infer(i) => i.push_null(),
        }
    }

    pub fn push_nulls(&mut self, n: usize) {
        match self {
            Sink::Typed(t) => t.push_nulls(n),
            Sink::Infer(i) => i.push_nulls(n),
        }
    }

    pub fn push_bool(&mut self, b: bool) -> Result<(), String> {
        match self {
            Sink::Typed(t) => t.push_bool(b),
            Sink::Infer(i) => {
                i.push_bool(b);
                Ok(())
            }
        }
    }

    pub fn push_i64(&mut self, v: i64) -> Result<(), String> {
        match self {
            Sink::Typed(t) => t.push_i64(v),
            Sink::Infer(i) => {
                i.push_i64(v);
                Ok(())
            }
        }
    }

    pub fn push_u64(&mut self, v: u64) -> Result<(), String> {
        match self {
            Sink::Typed(t) => t.push_u64(v),
            Sink::Infer(i) => {
                i.push_u64(v);
                Ok(())
            }
        }
    }

    pub fn push_f64(&mut self, v: f64) -> Result<(), String> {
        match self {
            Sink::Typed(t) => t.push_f64(v),
            Sink::Infer(i) => {
                i.push_f64(v);
                Ok(())
            }
        }
    }

    pub fn push_str(&mut self, s: &str) -> Result<(), String> {
        match self {
            Sink::Typed(t) => t.push_str(s),
            Sink::Infer(i) => {
                i.push_str(s);
                Ok(())
            }
        }
    }

    pub fn push_complex(&mut self, d: Dynamic) -> Result<(), String> {
        match self {
            Sink::Typed(t) => t.push_complex(d),
            Sink::Infer(i) => {
                i.push_complex(d);
                Ok(())
            }
        }
    }

    /// Appends the rows of `other`, a builder for the same column over later rows.
    pub fn append(&mut self, other: Sink) {
        match (self, other) {
            (Sink::Typed(a), Sink::Typed(b)) => a.append(b),
            (Sink::Infer(a), Sink::Infer(b)) => a.append(b),
            // A column is declared in every part or in none.
            (a, b) => a.push_nulls(b.len()),
        }
    }

    pub fn finish(self) -> Column {
        match self {
            Sink::Typed(t) => t.finish(),
            Sink::Infer(i) => i.finish(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn infer(values: &[serde_json::Value]) -> Column {
        let mut i = Infer::default();
        for v in values {
            match v {
                serde_json::Value::Null => i.push_null(),
                serde_json::Value::Bool(b) => i.push_bool(*b),
                serde_json::Value::Number(n) => match (n.as_i64(), n.as_u64()) {
                    (Some(x), _) => i.push_i64(x),
                    (None, Some(u)) => i.push_u64(u),
                    _ => i.push_f64(n.as_f64().unwrap()),
                },
                serde_json::Value::String(s) => i.push_str(s),
                other => i.push_complex(Dynamic::from_json(other.clone())),
            }
        }
        i.finish()
    }

    #[test]
    fn inference_rules() {
        use serde_json::json;
        assert_eq!(
            infer(&[json!(null), json!(1)]),
            Column::Long(vec![None, Some(1)])
        );
        assert_eq!(
            infer(&[json!(1), json!(1.5)]),
            Column::Real(vec![Some(1.0), Some(1.5)])
        );
        assert_eq!(
            infer(&[json!(true), json!(null)]),
            Column::Bool(vec![Some(true), None])
        );
        assert_eq!(
            infer(&[json!(1), json!("a"), json!(null)]),
            Column::Dynamic(vec![
                Dynamic::Long(1),
                Dynamic::String("a".into()),
                Dynamic::Null
            ])
        );
        assert_eq!(
            infer(&[json!("a"), json!(null), json!(1)]),
            Column::Dynamic(vec![
                Dynamic::String("a".into()),
                Dynamic::Null,
                Dynamic::Long(1)
            ])
        );
        assert_eq!(infer(&[json!(null)]), Column::Dynamic(vec![Dynamic::Null]));
        let c = infer(&[json!("2026-11-20T10:00:00Z"), json!(""), json!(null)]);
        assert!(
            matches!(&c, Column::DateTime(v) if v[0].is_some() && v[1].is_none() && v[2].is_none())
        );
        let c = infer(&[json!("2026-11-20T10:00:00Z"), json!("x"), json!(null)]);
        let Column::String(s) = c else { panic!() };
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            ["2026-11-20T10:00:00Z", "x", ""]
        );
        let c = infer(&[json!(null), json!("2026-11-20"), json!("a")]);
        assert!(matches!(c, Column::String(_)));
        let c = infer(&[json!(null), json!("x"), json!({"a": 1})]);
        assert_eq!(
            c,
            Column::Dynamic(vec![
                Dynamic::Null,
                Dynamic::String("x".into()),
                Dynamic::parse_json(r#"{"a":1}"#).unwrap()
            ])
        );
    }

    #[test]
    fn append_widens() {
        let mut a = Infer::default();
        a.push_i64(1);
        a.push_null();
        let mut b = Infer::default();
        b.push_null();
        b.push_f64(2.5);
        a.append(b);
        assert_eq!(
            a.finish(),
            Column::Real(vec![Some(1.0), None, None, Some(2.5)])
        );

        let mut a = Infer::default();
        a.push_str("2026-11-20T10:00:00Z");
        let mut b = Infer::default();
        b.push_null();
        b.push_str("x");
        a.append(b);
        let Column::String(s) = a.finish() else {
            panic!()
        };
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            ["2026-11-20T10:00:00Z", "", "x"]
        );

        let mut a = Infer::default();
        a.push_str("s");
        a.push_null();
        let mut b = Infer::default();
        b.push_i64(3);
        a.append(b);
        assert_eq!(
            a.finish(),
            Column::Dynamic(vec![
                Dynamic::String("s".into()),
                Dynamic::Null,
                Dynamic::Long(3)
            ])
        );

        let mut a = Infer::Empty(2);
        let mut b = Infer::default();
        b.push_bool(false);
        a.append(b);
        assert_eq!(a.finish(), Column::Bool(vec![None, None, Some(false)]));
    }

    #[test]
    fn typed_conversions() {
        let mut t = Typed::new(DataType::Int);
        assert!(t.push_i64(1 << 40).is_err());
        assert!(t.push_f64(2.0).is_ok());
        assert!(t.push_f64(2.5).is_err());
        assert!(t.push_str("7").is_ok());
        assert!(t.push_str("").is_ok());
        assert_eq!(t.finish(), Column::Int(vec![Some(2), Some(7), None]));

        let mut t = Typed::new(DataType::String);
        t.push_i64(5).unwrap();
        t.push_bool(true).unwrap();
        t.push_complex(Dynamic::parse_json("[1,{\"a\":null}]").unwrap())
            .unwrap();
        t.push_null();
        let Column::String(s) = t.finish() else {
            panic!()
        };
        assert_eq!(
            s.iter().collect::<Vec<_>>(),
            ["5", "true", "[1,{\"a\":null}]", ""]
        );

        let mut t = Typed::new(DataType::Dynamic);
        t.push_text("[1,2]").unwrap();
        t.push_text("abc").unwrap();
        t.push_text("").unwrap();
        assert_eq!(
            t.finish(),
            Column::Dynamic(vec![
                Dynamic::parse_json("[1,2]").unwrap(),
                Dynamic::String("abc".into()),
                Dynamic::Null
            ])
        );

        let mut t = Typed::new(DataType::Real);
        t.push_str("NaN").unwrap();
        t.push_str("-Infinity").unwrap();
        t.push_u64(u64::MAX).unwrap();
        let Column::Real(v) = t.finish() else {
            panic!()
        };
        assert!(v[0].unwrap().is_nan());
        assert_eq!(v[1], Some(f64::NEG_INFINITY));

        let mut t = Typed::new(DataType::DateTime);
        assert!(t.push_i64(5).is_err());
        assert_eq!(
            t.push_str("nope").unwrap_err(),
            "expected datetime, found string \"nope\""
        );
        let mut t = Typed::new(DataType::Decimal);
        t.push_str("1.10").unwrap();
        t.push_f64(0.1).unwrap();
        assert_eq!(
            t.finish(),
            Column::Decimal(vec![Some(Decimal::new(110, 2)), Some(Decimal::new(1, 1))])
        );
    }
}
