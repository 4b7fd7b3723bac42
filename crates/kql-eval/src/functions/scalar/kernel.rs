//! Small generic helpers every scalar function is built from: typed read-only views of an
//! argument (a scalar or a column), result kinds, and `map` kernels with a scalar fast path.
//!
//! A function body is typically:
//! ```ignore
//! let s = strs(arg(args, 0)?)?;
//! Ok(map1::<OLong, _>(ctx, &s, |s| Some(s.chars().count() as i64)))
//! ```

use super::convert::cast;
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::EvalContext;
use crate::table::{Column, StringColumn, StringColumnBuilder};
use crate::types::DataType;
use crate::value::Value;
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::sync::Arc;

/// Argument `i`, or an internal error when the binder passed fewer.
pub(crate) fn arg(args: &[ColumnarValue], i: usize) -> Result<&ColumnarValue, EvalError> {
    args.get(i)
        .ok_or_else(|| EvalError::internal(format!("missing argument {}", i + 1)))
}

/// A read-only view of one argument: `at(i)` is row `i`'s value.
pub(crate) trait View<'a> {
    /// The per-row value.
    type Item;
    /// True when the argument is one value for every row.
    fn is_scalar(&self) -> bool;
    /// Row `i`'s value (the scalar for every row).
    fn at(&self, i: usize) -> Self::Item;
}

/// A view of a `bool`/`int`/`long`/`real`/`decimal`/`datetime`/`timespan`/`guid` argument.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Prim<'a, T: Copy> {
    /// One value for every row.
    Scalar(Option<T>),
    /// One value per row.
    Col(&'a [Option<T>]),
}

impl<'a, T: Copy> View<'a> for Prim<'a, T> {
    type Item = Option<T>;
    fn is_scalar(&self) -> bool {
        matches!(self, Prim::Scalar(_))
    }
    fn at(&self, i: usize) -> Option<T> {
        match self {
            Prim::Scalar(v) => *v,
            Prim::Col(c) => c.get(i).copied().flatten(),
        }
    }
}

/// A view of a `string` argument.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Strs<'a> {
    /// One value for every row.
    Scalar(&'a str),
    /// One value per row.
    Col(&'a StringColumn),
}

impl<'a> View<'a> for Strs<'a> {
    type Item = &'a str;
    fn is_scalar(&self) -> bool {
        matches!(self, Strs::Scalar(_))
    }
    fn at(&self, i: usize) -> &'a str {
        match self {
            Strs::Scalar(s) => s,
            Strs::Col(c) => c.get(i),
        }
    }
}

/// A view of a `dynamic` argument.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Dyns<'a> {
    /// One value for every row.
    Scalar(&'a Dynamic),
    /// One value per row.
    Col(&'a [Dynamic]),
}

static NULL_DYNAMIC: Dynamic = Dynamic::Null;

impl<'a> View<'a> for Dyns<'a> {
    type Item = &'a Dynamic;
    fn is_scalar(&self) -> bool {
        matches!(self, Dyns::Scalar(_))
    }
    fn at(&self, i: usize) -> &'a Dynamic {
        match self {
            Dyns::Scalar(d) => d,
            Dyns::Col(c) => c.get(i).unwrap_or(&NULL_DYNAMIC),
        }
    }
}

fn wrong_type(expected: &str, found: DataType) -> EvalError {
    EvalError::internal(format!("expected a {expected} argument, got {found}"))
}

macro_rules! prim_view {
    ($(#[$m:meta])* $name:ident, $t:ty, $what:literal, $($variant:ident),+) => {
        $(#[$m])*
        pub(crate) fn $name(v: &ColumnarValue) -> Result<Prim<'_, $t>, EvalError> {
            match v {
                $(ColumnarValue::Scalar(Value::$variant(x)) => Ok(Prim::Scalar(*x)),)+
                ColumnarValue::Column(c) => match &**c {
                    $(Column::$variant(x) => Ok(Prim::Col(x)),)+
                    other => Err(wrong_type($what, other.data_type())),
                },
                ColumnarValue::Scalar(other) => Err(wrong_type($what, other.data_type())),
            }
        }
    };
}

prim_view!(
    /// A `long`, `datetime` or `timespan` argument as 64-bit integers (ticks for the latter).
    i64s, i64, "long", Long, DateTime, TimeSpan
);
prim_view!(
    /// An `int` argument.
    i32s, i32, "int", Int
);
prim_view!(
    /// A `real` argument.
    f64s, f64, "real", Real
);
prim_view!(
    /// A `bool` argument.
    bools, bool, "bool", Bool
);
prim_view!(
    /// A `decimal` argument.
    decimals, Decimal, "decimal", Decimal
);
prim_view!(
    /// A `guid` argument.
    guids, u128, "guid", Guid
);

/// A `string` argument.
pub(crate) fn strs(v: &ColumnarValue) -> Result<Strs<'_>, EvalError> {
    match v {
        ColumnarValue::Scalar(Value::String(s)) => Ok(Strs::Scalar(s)),
        ColumnarValue::Column(c) => match &**c {
            Column::String(s) => Ok(Strs::Col(s)),
            other => Err(wrong_type("string", other.data_type())),
        },
        ColumnarValue::Scalar(other) => Err(wrong_type("string", other.data_type())),
    }
}

/// A `dynamic` argument.
pub(crate) fn dyns(v: &ColumnarValue) -> Result<Dyns<'_>, EvalError> {
    match v {
        ColumnarValue::Scalar(Value::Dynamic(d)) => Ok(Dyns::Scalar(d)),
        ColumnarValue::Column(c) => match &**c {
            Column::Dynamic(d) => Ok(Dyns::Col(d)),
            other => Err(wrong_type("dynamic", other.data_type())),
        },
        ColumnarValue::Scalar(other) => Err(wrong_type("dynamic", other.data_type())),
    }
}

/// The argument converted to `ty` when it has another type (`to*()` rules).
pub(crate) fn as_type(v: &ColumnarValue, ty: DataType) -> Cow<'_, ColumnarValue> {
    if v.data_type() == ty {
        Cow::Borrowed(v)
    } else {
        Cow::Owned(cast(v, ty))
    }
}

/// The result type of a kernel: how its per-row values become a [`Value`] or a [`Column`].
pub(crate) trait Out {
    /// The per-row result.
    type T;
    /// One result as a scalar.
    fn value(x: Self::T) -> Value;
    /// All rows' results as a column.
    fn column(xs: Vec<Self::T>) -> Column;
}

macro_rules! out_kind {
    ($(#[$m:meta])* $name:ident, $t:ty, $variant:ident) => {
        $(#[$m])*
        pub(crate) struct $name;
        impl Out for $name {
            type T = Option<$t>;
            fn value(x: Option<$t>) -> Value {
                Value::$variant(x)
            }
            fn column(xs: Vec<Option<$t>>) -> Column {
                Column::$variant(xs)
            }
        }
    };
}

out_kind!(
    /// `bool` results.
    OBool, bool, Bool
);
out_kind!(
    /// `int` results.
    OInt, i32, Int
);
out_kind!(
    /// `long` results.
    OLong, i64, Long
);
out_kind!(
    /// `real` results.
    OReal, f64, Real
);
out_kind!(
    /// `decimal` results.
    ODecimal, Decimal, Decimal
);
out_kind!(
    /// `datetime` results (ticks).
    ODateTime, i64, DateTime
);
out_kind!(
    /// `timespan` results (ticks).
    OTimeSpan, i64, TimeSpan
);
out_kind!(
    /// `guid` results.
    OGuid, u128, Guid
);

/// `dynamic` results.
pub(crate) struct ODyn;
impl Out for ODyn {
    type T = Dynamic;
    fn value(x: Dynamic) -> Value {
        Value::Dynamic(x)
    }
    fn column(xs: Vec<Dynamic>) -> Column {
        Column::Dynamic(xs)
    }
}

fn column_of<O: Out>(xs: Vec<O::T>) -> ColumnarValue {
    ColumnarValue::Column(Arc::new(O::column(xs)))
}

/// Applies `f` to every row of one argument.
pub(crate) fn map1<'a, O: Out, A: View<'a>>(
    ctx: &EvalContext,
    a: &A,
    mut f: impl FnMut(A::Item) -> O::T,
) -> ColumnarValue {
    if a.is_scalar() {
        return ColumnarValue::Scalar(O::value(f(a.at(0))));
    }
    column_of::<O>(
        (0..ctx.rows)
            .take_while(|&i| crate::interrupt::keep_going(i))
            .map(|i| f(a.at(i)))
            .collect(),
    )
}

/// Applies `f` to every row of two arguments.
pub(crate) fn map2<'a, 'b, O: Out, A: View<'a>, B: View<'b>>(
    ctx: &EvalContext,
    a: &A,
    b: &B,
    mut f: impl FnMut(A::Item, B::Item) -> O::T,
) -> ColumnarValue {
    if a.is_scalar() && b.is_scalar() {
        return ColumnarValue::Scalar(O::value(f(a.at(0), b.at(0))));
    }
    column_of::<O>(
        (0..ctx.rows)
            .take_while(|&i| crate::interrupt::keep_going(i))
            .map(|i| f(a.at(i), b.at(i)))
            .collect(),
    )
}

/// Applies `f` to every row of three arguments.
pub(crate) fn map3<'a, 'b, 'c, O: Out, A: View<'a>, B: View<'b>, C: View<'c>>(
    ctx: &EvalContext,
    a: &A,
    b: &B,
    c: &C,
    mut f: impl FnMut(A::Item, B::Item, C::Item) -> O::T,
) -> ColumnarValue {
    if a.is_scalar() && b.is_scalar() && c.is_scalar() {
        return ColumnarValue::Scalar(O::value(f(a.at(0), b.at(0), c.at(0))));
    }
    column_of::<O>(
        (0..ctx.rows)
            .take_while(|&i| crate::interrupt::keep_going(i))
            .map(|i| f(a.at(i), b.at(i), c.at(i)))
            .collect(),
    )
}

/// Builds a string result row by row: `f(out, i)` appends row `i`'s text to a reused buffer.
/// `scalar` says whether every input is a scalar (then only row 0 is computed).
pub(crate) fn build_strings(
    ctx: &EvalContext,
    scalar: bool,
    mut f: impl FnMut(&mut String, usize),
) -> ColumnarValue {
    let mut buf = String::new();
    if scalar {
        f(&mut buf, 0);
        return ColumnarValue::Scalar(Value::String(buf));
    }
    let mut b = StringColumnBuilder::default();
    for i in (0..ctx.rows).take_while(|&i| crate::interrupt::keep_going(i)) {
        buf.clear();
        f(&mut buf, i);
        b.push(&buf);
    }
    ColumnarValue::Column(Arc::new(Column::String(b.finish())))
}

/// String results of one argument, written into a reused buffer.
pub(crate) fn str1<'a, A: View<'a>>(
    ctx: &EvalContext,
    a: &A,
    mut f: impl FnMut(&mut String, A::Item),
) -> ColumnarValue {
    build_strings(ctx, a.is_scalar(), |out, i| f(out, a.at(i)))
}

/// String results of two arguments, written into a reused buffer.
pub(crate) fn str2<'a, 'b, A: View<'a>, B: View<'b>>(
    ctx: &EvalContext,
    a: &A,
    b: &B,
    mut f: impl FnMut(&mut String, A::Item, B::Item),
) -> ColumnarValue {
    build_strings(ctx, a.is_scalar() && b.is_scalar(), |out, i| {
        f(out, a.at(i), b.at(i))
    })
}

/// String results of three arguments, written into a reused buffer.
pub(crate) fn str3<'a, 'b, 'c, A: View<'a>, B: View<'b>, C: View<'c>>(
    ctx: &EvalContext,
    a: &A,
    b: &B,
    c: &C,
    mut f: impl FnMut(&mut String, A::Item, B::Item, C::Item),
) -> ColumnarValue {
    let scalar = a.is_scalar() && b.is_scalar() && c.is_scalar();
    build_strings(ctx, scalar, |out, i| f(out, a.at(i), b.at(i), c.at(i)))
}

/// True when every argument is a scalar.
pub(crate) fn all_scalar(args: &[ColumnarValue]) -> bool {
    args.iter().all(|a| a.as_scalar().is_some())
}

/// The common type of several values (`iff`, `case`, `coalesce`, `max_of`): their type
/// when all agree, the numeric common type for mixed numbers (any `real` gives `real`,
/// else any `decimal` gives `decimal`, else `long`), otherwise `dynamic`.
pub(crate) fn common_type(types: &[DataType]) -> DataType {
    let Some(&first) = types.first() else {
        return DataType::Dynamic;
    };
    if types.iter().all(|t| *t == first) {
        return first;
    }
    // String and dynamic branches give a string (what Kusto's analyzer computes for
    // `iff(c, split(s, ","), "none")`).
    if types
        .iter()
        .all(|t| matches!(t, DataType::String | DataType::Dynamic))
    {
        return DataType::String;
    }
    if types.iter().all(|t| t.is_numeric()) {
        return if types.contains(&DataType::Real) {
            DataType::Real
        } else if types.contains(&DataType::Decimal) {
            DataType::Decimal
        } else {
            DataType::Long
        };
    }
    DataType::Dynamic
}

/// Row-wise selection among `choices` (all of type `ty`): row `i` takes
/// `choices[pick(i)]`'s value, or null when `pick` gives `None`. Every choice must
/// already have type `ty`.
pub(crate) fn select(
    ctx: &EvalContext,
    ty: DataType,
    choices: &[&ColumnarValue],
    scalar: bool,
    mut pick: impl FnMut(usize) -> Option<usize>,
) -> Result<ColumnarValue, EvalError> {
    let rows = if scalar { 1 } else { ctx.rows };
    macro_rules! gather {
        ($view:ident, $out:ty) => {{
            let views = choices
                .iter()
                .map(|c| $view(c))
                .collect::<Result<Vec<_>, _>>()?;
            let xs: Vec<_> = (0..rows)
                .map(|i| pick(i).and_then(|k| views.get(k)).and_then(|v| v.at(i)))
                .collect();
            finish::<$out>(xs, scalar)
        }};
    }
    Ok(match ty {
        DataType::Bool => gather!(bools, OBool),
        DataType::Int => gather!(i32s, OInt),
        DataType::Long => gather!(i64s, OLong),
        DataType::Real => gather!(f64s, OReal),
        DataType::Decimal => gather!(decimals, ODecimal),
        DataType::DateTime => gather!(i64s, ODateTime),
        DataType::TimeSpan => gather!(i64s, OTimeSpan),
        DataType::Guid => gather!(guids, OGuid),
        DataType::String => {
            let views = choices
                .iter()
                .map(|c| strs(c))
                .collect::<Result<Vec<_>, _>>()?;
            build_strings(ctx, scalar, |out, i| {
                if let Some(v) = pick(i).and_then(|k| views.get(k)) {
                    out.push_str(v.at(i));
                }
            })
        }
        DataType::Dynamic => {
            let views = choices
                .iter()
                .map(|c| dyns(c))
                .collect::<Result<Vec<_>, _>>()?;
            let xs: Vec<Dynamic> = (0..rows)
                .map(|i| {
                    pick(i)
                        .and_then(|k| views.get(k))
                        .map(|v| v.at(i).clone())
                        .unwrap_or_default()
                })
                .collect();
            finish::<ODyn>(xs, scalar)
        }
    })
}

/// A result of per-row values: the first as a scalar, or all as a column.
pub(crate) fn finish<O: Out>(mut xs: Vec<O::T>, scalar: bool) -> ColumnarValue {
    if scalar {
        if let Some(x) = xs.pop() {
            return ColumnarValue::Scalar(O::value(x));
        }
    }
    column_of::<O>(xs)
}

/// True when row `i` of `v` is null, or (for strings) empty.
pub(crate) fn is_empty_at(v: &ColumnarValue, i: usize) -> bool {
    match v {
        ColumnarValue::Scalar(Value::String(s)) => s.is_empty(),
        ColumnarValue::Scalar(x) => x.is_null(),
        ColumnarValue::Column(c) => match &**c {
            Column::String(s) => s.get(i).is_empty(),
            other => other.is_null(i),
        },
    }
}

/// A constant string argument (e.g. a period name or `typeof(T)`), if the argument is a
/// scalar string.
pub(crate) fn const_str(v: &ColumnarValue) -> Option<&str> {
    match v {
        ColumnarValue::Scalar(Value::String(s)) => Some(s),
        _ => None,
    }
}

/// One row's value of an argument of any type, borrowed (no allocation for strings or
/// dynamic values).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Src<'a> {
    /// `bool`
    Bool(Option<bool>),
    /// `int`
    Int(Option<i32>),
    /// `long`
    Long(Option<i64>),
    /// `real`
    Real(Option<f64>),
    /// `decimal`
    Decimal(Option<Decimal>),
    /// `string`
    Str(&'a str),
    /// `datetime`
    DateTime(Option<i64>),
    /// `timespan`
    TimeSpan(Option<i64>),
    /// `guid`
    Guid(Option<u128>),
    /// `dynamic`
    Dyn(&'a Dynamic),
}

impl<'a> Src<'a> {
    /// The borrowed form of a value.
    pub(crate) fn of(v: &'a Value) -> Src<'a> {
        match v {
            Value::Bool(x) => Src::Bool(*x),
            Value::Int(x) => Src::Int(*x),
            Value::Long(x) => Src::Long(*x),
            Value::Real(x) => Src::Real(*x),
            Value::Decimal(x) => Src::Decimal(*x),
            Value::String(s) => Src::Str(s),
            Value::DateTime(x) => Src::DateTime(*x),
            Value::TimeSpan(x) => Src::TimeSpan(*x),
            Value::Guid(x) => Src::Guid(*x),
            Value::Dynamic(d) => Src::Dyn(d),
        }
    }

    /// True for a null (strings are never null).
    pub(crate) fn is_null(&self) -> bool {
        match self {
            Src::Bool(x) => x.is_none(),
            Src::Int(x) => x.is_none(),
            Src::Long(x) | Src::DateTime(x) | Src::TimeSpan(x) => x.is_none(),
            Src::Real(x) => x.is_none(),
            Src::Decimal(x) => x.is_none(),
            Src::Str(_) => false,
            Src::Guid(x) => x.is_none(),
            Src::Dyn(d) => d.is_null(),
        }
    }

    /// True for a null or an empty string.
    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Src::Str(s) => s.is_empty(),
            Src::Dyn(Dynamic::String(s)) => s.is_empty(),
            other => other.is_null(),
        }
    }

    /// The owned value.
    pub(crate) fn to_value(self) -> Value {
        match self {
            Src::Bool(x) => Value::Bool(x),
            Src::Int(x) => Value::Int(x),
            Src::Long(x) => Value::Long(x),
            Src::Real(x) => Value::Real(x),
            Src::Decimal(x) => Value::Decimal(x),
            Src::Str(s) => Value::String(s.to_string()),
            Src::DateTime(x) => Value::DateTime(x),
            Src::TimeSpan(x) => Value::TimeSpan(x),
            Src::Guid(x) => Value::Guid(x),
            Src::Dyn(d) => Value::Dynamic(d.clone()),
        }
    }

    /// The value as a dynamic (what `pack_array`/`bag_pack` store).
    pub(crate) fn to_dynamic(self) -> Dynamic {
        match self {
            Src::Str(s) => Dynamic::String(s.to_string()),
            Src::Dyn(d) => d.clone(),
            other => other.to_value().to_dynamic(),
        }
    }
}

/// A view of an argument of any type.
#[derive(Debug, Clone, Copy)]
pub(crate) enum AnyView<'a> {
    /// `bool`
    Bool(Prim<'a, bool>),
    /// `int`
    Int(Prim<'a, i32>),
    /// `long`
    Long(Prim<'a, i64>),
    /// `real`
    Real(Prim<'a, f64>),
    /// `decimal`
    Decimal(Prim<'a, Decimal>),
    /// `string`
    Str(Strs<'a>),
    /// `datetime`
    DateTime(Prim<'a, i64>),
    /// `timespan`
    TimeSpan(Prim<'a, i64>),
    /// `guid`
    Guid(Prim<'a, u128>),
    /// `dynamic`
    Dyn(Dyns<'a>),
}

impl<'a> View<'a> for AnyView<'a> {
    type Item = Src<'a>;
    fn is_scalar(&self) -> bool {
        match self {
            AnyView::Bool(v) => v.is_scalar(),
            AnyView::Int(v) => v.is_scalar(),
            AnyView::Long(v) | AnyView::DateTime(v) | AnyView::TimeSpan(v) => v.is_scalar(),
            AnyView::Real(v) => v.is_scalar(),
            AnyView::Decimal(v) => v.is_scalar(),
            AnyView::Str(v) => v.is_scalar(),
            AnyView::Guid(v) => v.is_scalar(),
            AnyView::Dyn(v) => v.is_scalar(),
        }
    }
    fn at(&self, i: usize) -> Src<'a> {
        match self {
            AnyView::Bool(v) => Src::Bool(v.at(i)),
            AnyView::Int(v) => Src::Int(v.at(i)),
            AnyView::Long(v) => Src::Long(v.at(i)),
            AnyView::Real(v) => Src::Real(v.at(i)),
            AnyView::Decimal(v) => Src::Decimal(v.at(i)),
            AnyView::Str(v) => Src::Str(v.at(i)),
            AnyView::DateTime(v) => Src::DateTime(v.at(i)),
            AnyView::TimeSpan(v) => Src::TimeSpan(v.at(i)),
            AnyView::Guid(v) => Src::Guid(v.at(i)),
            AnyView::Dyn(v) => Src::Dyn(v.at(i)),
        }
    }
}

/// A view of an argument of any type.
pub(crate) fn any(v: &ColumnarValue) -> AnyView<'_> {
    match v {
        ColumnarValue::Scalar(x) => match x {
            Value::Bool(x) => AnyView::Bool(Prim::Scalar(*x)),
            Value::Int(x) => AnyView::Int(Prim::Scalar(*x)),
            Value::Long(x) => AnyView::Long(Prim::Scalar(*x)),
            Value::Real(x) => AnyView::Real(Prim::Scalar(*x)),
            Value::Decimal(x) => AnyView::Decimal(Prim::Scalar(*x)),
            Value::String(s) => AnyView::Str(Strs::Scalar(s)),
            Value::DateTime(x) => AnyView::DateTime(Prim::Scalar(*x)),
            Value::TimeSpan(x) => AnyView::TimeSpan(Prim::Scalar(*x)),
            Value::Guid(x) => AnyView::Guid(Prim::Scalar(*x)),
            Value::Dynamic(d) => AnyView::Dyn(Dyns::Scalar(d)),
        },
        ColumnarValue::Column(c) => match &**c {
            Column::Bool(x) => AnyView::Bool(Prim::Col(x)),
            Column::Int(x) => AnyView::Int(Prim::Col(x)),
            Column::Long(x) => AnyView::Long(Prim::Col(x)),
            Column::Real(x) => AnyView::Real(Prim::Col(x)),
            Column::Decimal(x) => AnyView::Decimal(Prim::Col(x)),
            Column::String(s) => AnyView::Str(Strs::Col(s)),
            Column::DateTime(x) => AnyView::DateTime(Prim::Col(x)),
            Column::TimeSpan(x) => AnyView::TimeSpan(Prim::Col(x)),
            Column::Guid(x) => AnyView::Guid(Prim::Col(x)),
            Column::Dynamic(d) => AnyView::Dyn(Dyns::Col(d)),
        },
    }
}

/// `result` as a column of `ctx.rows` rows when some argument is a column (the contract:
/// scalars only for all-scalar calls).
pub(crate) fn shape(
    result: ColumnarValue,
    args: &[ColumnarValue],
    ctx: &EvalContext,
) -> ColumnarValue {
    if all_scalar(args) {
        result
    } else {
        ColumnarValue::Column(result.into_column(ctx.rows))
    }
}
