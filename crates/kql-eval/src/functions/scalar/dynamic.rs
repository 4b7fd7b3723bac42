//! Dynamic (array and property-bag) functions: `array_*` (with `array_shift_*`,
//! `array_rotate_*`, `array_iff`), `pack_array`, `bag_*`,
//! `set_*`, `gettype`, `zip`, `repeat`, `range`. (q/scalar-data-types/dynamic.md)

use super::def;
use super::kernel::{
    all_scalar, any, arg, dyns, finish, i64s, map1, map2, map3, strs, AnyView, OBool, ODyn, OLong,
    OReal, Prim, Src, View,
};
use crate::dynamic::Dynamic;
use crate::error::EvalError;
use crate::expr::ColumnarValue;
use crate::functions::{arg as a, opt, ArgType, EvalContext, ReturnType, ScalarFunction};
use crate::types::DataType;
use indexmap::IndexMap;
use std::cmp::Ordering;

const DYNAMIC: ReturnType = ReturnType::Fixed(DataType::Dynamic);

/// The most elements `range()`/`repeat()` build.
const MAX_ELEMENTS: i64 = 1 << 20;

pub(super) fn functions() -> Vec<ScalarFunction> {
    let one_dyn = sig![a("value", ArgType::Dynamic)];
    let arrays = var_sig![64; a("array1", ArgType::Dynamic), a("array2", ArgType::Dynamic)];
    let shift_sig = sig![
        a("array", ArgType::Dynamic),
        a("shift_count", ArgType::Long),
        opt("default_value", ArgType::Any)
    ];
    let rotate_sig = sig![
        a("array", ArgType::Dynamic),
        a("rotate_count", ArgType::Long)
    ];
    vec![
        def(
            "array_length",
            one_dyn,
            ReturnType::Fixed(DataType::Long),
            |args, ctx| {
                let d = dyns(arg(args, 0)?)?;
                Ok(map1::<OLong, _>(ctx, &d, |d| match d {
                    Dynamic::Array(a) => Some(a.len() as i64),
                    _ => None,
                }))
            },
        ),
        def(
            "array_concat",
            var_sig![64; a("array", ArgType::Dynamic)],
            DYNAMIC,
            |args, ctx| {
                rows_of_arrays(args, ctx, |arrs| {
                    Some(Dynamic::Array(
                        arrs.iter().flat_map(|a| a.iter().cloned()).collect(),
                    ))
                })
            },
        ),
        def(
            "array_slice",
            sig![
                a("array", ArgType::Dynamic),
                a("start", ArgType::Long),
                a("end", ArgType::Long)
            ],
            DYNAMIC,
            array_slice,
        ),
        def(
            "array_index_of",
            sig![
                a("array", ArgType::Dynamic),
                a("value", ArgType::Any),
                opt("start", ArgType::Long),
                opt("length", ArgType::Long),
                opt("occurrence", ArgType::Long)
            ],
            ReturnType::Fixed(DataType::Long),
            array_index_of,
        ),
        def("array_reverse", one_dyn, DYNAMIC, |args, ctx| {
            let d = dyns(arg(args, 0)?)?;
            Ok(map1::<ODyn, _>(ctx, &d, |d| match d {
                Dynamic::Array(a) => Dynamic::Array(a.iter().rev().cloned().collect()),
                _ => Dynamic::Null,
            }))
        }),
        def("array_shift_left", shift_sig, DYNAMIC, |args, ctx| {
            shift(args, ctx, 1, false)
        }),
        def("array_shift_right", shift_sig, DYNAMIC, |args, ctx| {
            shift(args, ctx, -1, false)
        }),
        def("array_rotate_left", rotate_sig, DYNAMIC, |args, ctx| {
            shift(args, ctx, 1, true)
        }),
        def("array_rotate_right", rotate_sig, DYNAMIC, |args, ctx| {
            shift(args, ctx, -1, true)
        }),
        ScalarFunction {
            aliases: &["array_iif"],
            ..def(
                "array_iff",
                sig![
                    a("condition_array", ArgType::Dynamic),
                    a("when_true", ArgType::Any),
                    a("when_false", ArgType::Any)
                ],
                DYNAMIC,
                array_iff,
            )
        },
        def("array_sort_asc", one_dyn, DYNAMIC, |args, ctx| {
            sort(args, ctx, false)
        }),
        def("array_sort_desc", one_dyn, DYNAMIC, |args, ctx| {
            sort(args, ctx, true)
        }),
        def(
            "array_sum",
            one_dyn,
            ReturnType::Fixed(DataType::Real),
            |args, ctx| {
                let d = dyns(arg(args, 0)?)?;
                Ok(map1::<OReal, _>(ctx, &d, |d| match d {
                    Dynamic::Array(a) => a.iter().map(number).sum(),
                    _ => None,
                }))
            },
        ),
        def(
            "pack_array",
            var_sig![64; a("value", ArgType::Any)],
            DYNAMIC,
            |args, ctx| {
                let views: Vec<AnyView<'_>> = args.iter().map(any).collect();
                per_row(args, ctx, |i| {
                    Dynamic::Array(views.iter().map(|v| v.at(i).to_dynamic()).collect())
                })
            },
        ),
        ScalarFunction {
            aliases: &["pack", "pack_dictionary"],
            ..def(
                "bag_pack",
                var_sig![128; a("key", ArgType::Scalar), a("value", ArgType::Any)],
                DYNAMIC,
                bag_pack,
            )
        },
        def(
            "pack_all",
            var_sig![4097; a("ignore_null_empty", ArgType::Bool), a("value", ArgType::Any)],
            DYNAMIC,
            pack_all,
        ),
        def("bag_keys", one_dyn, DYNAMIC, |args, ctx| {
            let d = dyns(arg(args, 0)?)?;
            Ok(map1::<ODyn, _>(ctx, &d, |d| match d {
                Dynamic::Bag(b) => {
                    Dynamic::Array(b.keys().map(|k| Dynamic::String(k.clone())).collect())
                }
                _ => Dynamic::Null,
            }))
        }),
        def(
            "bag_has_key",
            sig![a("bag", ArgType::Dynamic), a("key", ArgType::String)],
            ReturnType::Fixed(DataType::Bool),
            |args, ctx| {
                let (d, k) = (dyns(arg(args, 0)?)?, strs(arg(args, 1)?)?);
                Ok(map2::<OBool, _, _>(ctx, &d, &k, |d, k| match d {
                    Dynamic::Bag(_) => Some(!lookup_path(d, k).is_null() || has_path(d, k)),
                    _ => None,
                }))
            },
        ),
        def("bag_merge", arrays, DYNAMIC, |args, ctx| {
            let views = args.iter().map(dyns).collect::<Result<Vec<_>, _>>()?;
            per_row(args, ctx, |i| {
                let mut out = IndexMap::new();
                for v in &views {
                    if let Dynamic::Bag(b) = v.at(i) {
                        for (k, x) in b {
                            out.entry(k.clone()).or_insert_with(|| x.clone());
                        }
                    }
                }
                Dynamic::Bag(out)
            })
        }),
        def(
            "bag_remove_keys",
            sig![a("bag", ArgType::Dynamic), a("keys", ArgType::Dynamic)],
            DYNAMIC,
            |args, ctx| {
                let (d, keys) = (dyns(arg(args, 0)?)?, dyns(arg(args, 1)?)?);
                Ok(map2::<ODyn, _, _>(ctx, &d, &keys, |d, keys| {
                    match (d, keys) {
                        (Dynamic::Bag(b), Dynamic::Array(ks)) => Dynamic::Bag(
                            b.iter()
                                .filter(|(k, _)| !ks.iter().any(|x| x.to_kql_string() == **k))
                                .map(|(k, v)| (k.clone(), v.clone()))
                                .collect(),
                        ),
                        (Dynamic::Bag(_), _) => d.clone(),
                        _ => Dynamic::Null,
                    }
                }))
            },
        ),
        def(
            "bag_set_key",
            sig![
                a("bag", ArgType::Dynamic),
                a("key", ArgType::String),
                a("value", ArgType::Dynamic)
            ],
            DYNAMIC,
            |args, ctx| {
                let (d, k, v) = (
                    dyns(arg(args, 0)?)?,
                    strs(arg(args, 1)?)?,
                    dyns(arg(args, 2)?)?,
                );
                Ok(map3::<ODyn, _, _, _>(ctx, &d, &k, &v, |d, k, v| match d {
                    Dynamic::Bag(b) => {
                        let mut b = b.clone();
                        b.insert(k.to_string(), v.clone());
                        Dynamic::Bag(b)
                    }
                    _ => Dynamic::Null,
                }))
            },
        ),
        def("set_union", arrays, DYNAMIC, |args, ctx| {
            rows_of_arrays(args, ctx, |arrs| {
                Some(Dynamic::Array(distinct(arrs.iter().flat_map(|a| a.iter()))))
            })
        }),
        def("set_intersect", arrays, DYNAMIC, |args, ctx| {
            rows_of_arrays(args, ctx, |arrs| {
                let (first, rest) = arrs.split_first()?;
                let keep = first
                    .iter()
                    .filter(|x| rest.iter().all(|a| a.iter().any(|y| same(x, y))));
                Some(Dynamic::Array(distinct(keep)))
            })
        }),
        def("set_difference", arrays, DYNAMIC, |args, ctx| {
            rows_of_arrays(args, ctx, |arrs| {
                let (first, rest) = arrs.split_first()?;
                let keep = first
                    .iter()
                    .filter(|x| !rest.iter().any(|a| a.iter().any(|y| same(x, y))));
                Some(Dynamic::Array(distinct(keep)))
            })
        }),
        def(
            "set_has_element",
            sig![a("array", ArgType::Dynamic), a("value", ArgType::Any)],
            ReturnType::Fixed(DataType::Bool),
            |args, ctx| {
                let d = dyns(arg(args, 0)?)?;
                let v = any(arg(args, 1)?);
                Ok(map2::<OBool, _, _>(ctx, &d, &v, |d, v| match d {
                    Dynamic::Array(a) => {
                        let v = v.to_dynamic();
                        Some(a.iter().any(|x| same(x, &v)))
                    }
                    _ => None,
                }))
            },
        ),
        def(
            "gettype",
            sig![a("value", ArgType::Any)],
            ReturnType::Fixed(DataType::String),
            |args, ctx| {
                let v = any(arg(args, 0)?);
                Ok(super::kernel::str1(ctx, &v, |out, x| {
                    out.push_str(type_name(&x))
                }))
            },
        ),
        def("zip", arrays, DYNAMIC, |args, ctx| {
            rows_of_arrays(args, ctx, |arrs| {
                let n = arrs.iter().map(|a| a.len()).max().unwrap_or(0);
                Some(Dynamic::Array(
                    (0..n)
                        .map(|k| {
                            Dynamic::Array(
                                arrs.iter()
                                    .map(|a| a.get(k).cloned().unwrap_or_default())
                                    .collect(),
                            )
                        })
                        .collect(),
                ))
            })
        }),
        def(
            "repeat",
            sig![a("value", ArgType::Any), a("count", ArgType::Long)],
            DYNAMIC,
            |args, ctx| {
                let v = any(arg(args, 0)?);
                let n = i64s(arg(args, 1)?)?;
                Ok(map2::<ODyn, _, _>(ctx, &v, &n, |v, n| match n {
                    Some(n) if n >= 0 => {
                        let n = n.min(MAX_ELEMENTS) as usize;
                        let bytes = n.saturating_mul(std::mem::size_of::<Dynamic>());
                        if crate::interrupt::charge(bytes) {
                            Dynamic::Array(vec![v.to_dynamic(); n])
                        } else {
                            Dynamic::Null
                        }
                    }
                    _ => Dynamic::Null,
                }))
            },
        ),
        def(
            "range",
            sig![
                a("start", ArgType::Scalar),
                a("stop", ArgType::Scalar),
                opt("step", ArgType::Scalar)
            ],
            DYNAMIC,
            range,
        ),
    ]
}

/// One dynamic result per row from a row-index function.
fn per_row(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    mut f: impl FnMut(usize) -> Dynamic,
) -> Result<ColumnarValue, EvalError> {
    let scalar = all_scalar(args);
    let rows = if scalar { 1 } else { ctx.rows };
    Ok(finish::<ODyn>((0..rows).map(&mut f).collect(), scalar))
}

/// A dynamic result per row from the arrays in every argument; null when some argument is
/// not an array (q/array-concat-function.md, q/set-union-function.md).
fn rows_of_arrays(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    f: impl Fn(&[&Vec<Dynamic>]) -> Option<Dynamic>,
) -> Result<ColumnarValue, EvalError> {
    let views = args.iter().map(dyns).collect::<Result<Vec<_>, _>>()?;
    let mut arrs = Vec::with_capacity(views.len());
    per_row(args, ctx, |i| {
        arrs.clear();
        for v in &views {
            match v.at(i) {
                Dynamic::Array(a) => arrs.push(a),
                _ => return Dynamic::Null,
            }
        }
        f(&arrs).unwrap_or_default()
    })
}

/// Dynamic equality for set semantics (numbers compare by value: `1 == 1.0`).
fn same(a: &Dynamic, b: &Dynamic) -> bool {
    a.total_cmp(b) == Ordering::Equal
}

/// The distinct values, in first-seen order.
fn distinct<'a>(it: impl Iterator<Item = &'a Dynamic>) -> Vec<Dynamic> {
    let mut out: Vec<Dynamic> = Vec::new();
    for x in it {
        if !out.iter().any(|y| same(x, y)) {
            out.push(x.clone());
        }
    }
    out
}

fn number(d: &Dynamic) -> Option<f64> {
    match d {
        Dynamic::Long(x) => Some(*x as f64),
        Dynamic::Real(x) => Some(*x),
        _ => None,
    }
}

/// Resolves a negative index from the end.
fn resolve_index(i: i64, len: i64) -> i64 {
    if i < 0 {
        len + i
    } else {
        i
    }
}

/// `array_shift_left/right(arr, n[, default])`: the elements moved `n` places (`dir` 1:
/// left, -1: right; a negative `n` moves the other way), the emptied places filled with
/// `default` or null (q/array-shift-left-function.md, q/array-shift-right-function.md);
/// with `rotate`, `array_rotate_left/right(arr, n)`: the elements leaving one end come back
/// at the other (q/array-rotate-left-function.md, q/array-rotate-right-function.md).
fn shift(
    args: &[ColumnarValue],
    ctx: &EvalContext,
    dir: i64,
    rotate: bool,
) -> Result<ColumnarValue, EvalError> {
    let d = dyns(arg(args, 0)?)?;
    let n = i64s(arg(args, 1)?)?;
    let fill = args.get(2).map(any);
    per_row(args, ctx, |i| {
        let (Dynamic::Array(a), Some(n)) = (d.at(i), n.at(i)) else {
            return Dynamic::Null;
        };
        let len = a.len() as i64;
        if len == 0 {
            return Dynamic::Array(Vec::new());
        }
        // Element j of the result is element j + k of the input.
        let k = n.saturating_mul(dir);
        let fill = fill
            .as_ref()
            .map_or(Dynamic::Null, |f| f.at(i).to_dynamic());
        Dynamic::Array(
            (0..len)
                .map(|j| {
                    let src = if rotate {
                        Some((j + k.rem_euclid(len)).rem_euclid(len))
                    } else {
                        j.checked_add(k).filter(|s| (0..len).contains(s))
                    };
                    src.map_or_else(|| fill.clone(), |s| a[s as usize].clone())
                })
                .collect(),
        )
    })
}

/// `array_iff(conditions, when_true, when_false)`: element-wise choice, as long as the
/// condition array; a number is true when not 0, any other condition gives null; the value
/// arrays (or scalars) are null past their end (q/array-iff-function.md).
fn array_iff(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let cond = dyns(arg(args, 0)?)?;
    let (t, f) = (any(arg(args, 1)?), any(arg(args, 2)?));
    per_row(args, ctx, |i| {
        let Dynamic::Array(c) = cond.at(i) else {
            return Dynamic::Null;
        };
        let (t, f) = (t.at(i).to_dynamic(), f.at(i).to_dynamic());
        let pick = |v: &Dynamic, j: usize| match v {
            Dynamic::Array(a) => a.get(j).cloned().unwrap_or(Dynamic::Null),
            other => other.clone(),
        };
        Dynamic::Array(
            c.iter()
                .enumerate()
                .map(|(j, x)| {
                    let truth = match x {
                        Dynamic::Bool(b) => Some(*b),
                        Dynamic::Long(n) => Some(*n != 0),
                        Dynamic::Real(r) => Some(*r != 0.0),
                        _ => None,
                    };
                    match truth {
                        Some(true) => pick(&t, j),
                        Some(false) => pick(&f, j),
                        None => Dynamic::Null,
                    }
                })
                .collect(),
        )
    })
}

/// `array_slice(arr, start, end)`: both ends inclusive, negative indexes from the end,
/// out-of-range parts ignored (q/array-slice-function.md).
fn array_slice(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let d = dyns(arg(args, 0)?)?;
    let (s, e) = (i64s(arg(args, 1)?)?, i64s(arg(args, 2)?)?);
    Ok(map3::<ODyn, _, _, _>(ctx, &d, &s, &e, |d, s, e| {
        let (Dynamic::Array(a), Some(s), Some(e)) = (d, s, e) else {
            return Dynamic::Null;
        };
        let len = a.len() as i64;
        let (s, e) = (
            resolve_index(s, len).max(0),
            resolve_index(e, len).min(len - 1),
        );
        if s > e {
            return Dynamic::Array(Vec::new());
        }
        let (s, e) = (s as usize, e as usize);
        Dynamic::Array(a.get(s..=e).map(<[Dynamic]>::to_vec).unwrap_or_default())
    }))
}

/// `array_index_of(arr, value[, start[, length[, occurrence]]])`: -1 when absent; null
/// when `arr` is not an array (q/array-index-of-function.md).
fn array_index_of(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let d = dyns(arg(args, 0)?)?;
    let v = any(arg(args, 1)?);
    let opt_long = |i: usize, dflt: i64| match args.get(i) {
        Some(x) => i64s(x),
        None => Ok(Prim::Scalar(Some(dflt))),
    };
    let (start, len, occ) = (opt_long(2, 0)?, opt_long(3, -1)?, opt_long(4, 1)?);
    let scalar = all_scalar(args);
    let rows = if scalar { 1 } else { ctx.rows };
    let xs: Vec<Option<i64>> = (0..rows)
        .map(|i| {
            let Dynamic::Array(a) = d.at(i) else {
                return None;
            };
            let (start, len, occ) = (start.at(i)?, len.at(i)?, occ.at(i)?);
            if len < -1 || occ < 1 {
                return None;
            }
            let n = a.len() as i64;
            let start = resolve_index(start, n).max(0);
            let end = if len == -1 {
                n
            } else {
                start.saturating_add(len).min(n)
            };
            let needle = v.at(i).to_dynamic();
            let mut found = 0;
            for k in start..end {
                if a.get(k as usize).is_some_and(|x| same(x, &needle)) {
                    found += 1;
                    if found == occ {
                        return Some(k);
                    }
                }
            }
            Some(-1)
        })
        .collect();
    Ok(finish::<OLong>(xs, scalar))
}

/// `array_sort_asc/desc(arr)`: nulls last (q/array-sort-asc-function.md).
fn sort(args: &[ColumnarValue], ctx: &EvalContext, desc: bool) -> Result<ColumnarValue, EvalError> {
    let d = dyns(arg(args, 0)?)?;
    Ok(map1::<ODyn, _>(ctx, &d, |d| match d {
        Dynamic::Array(a) => {
            let (mut vals, nulls): (Vec<Dynamic>, Vec<Dynamic>) =
                a.iter().cloned().partition(|x| !x.is_null());
            vals.sort_by(|x, y| if desc { y.total_cmp(x) } else { x.total_cmp(y) });
            vals.extend(nulls);
            Dynamic::Array(vals)
        }
        _ => Dynamic::Null,
    }))
}

/// `bag_pack(k1, v1, k2, v2, ...)` (q/bag-pack-function.md).
/// `pack_all([ignore_null_empty])` as the binder rewrites it: the flag, then a name and a
/// value per column (q/pack-all-function.md).
fn pack_all(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let Some((flag, pairs)) = args.split_first() else {
        return Err(EvalError::invalid_argument("pack_all", "missing arguments"));
    };
    let skip_empty = matches!(
        flag,
        ColumnarValue::Scalar(crate::value::Value::Bool(Some(true)))
    );
    let views: Vec<AnyView<'_>> = pairs.iter().map(any).collect();
    let mut key = String::new();
    per_row(args, ctx, |i| {
        let mut bag = IndexMap::new();
        for pair in views.chunks(2) {
            if let [k, v] = pair {
                let value = v.at(i).to_dynamic();
                let empty = value.is_null() || matches!(&value, Dynamic::String(s) if s.is_empty());
                if skip_empty && empty {
                    continue;
                }
                key.clear();
                super::convert::write_text(&mut key, k.at(i));
                bag.insert(key.clone(), value);
            }
        }
        Dynamic::Bag(bag)
    })
}

fn bag_pack(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    if args.len() % 2 == 1 {
        return Err(EvalError::invalid_argument(
            "bag_pack",
            "expects an even number of arguments (key/value pairs)",
        ));
    }
    let views: Vec<AnyView<'_>> = args.iter().map(any).collect();
    let mut key = String::new();
    per_row(args, ctx, |i| {
        let mut bag = IndexMap::new();
        for pair in views.chunks(2) {
            if let [k, v] = pair {
                key.clear();
                super::convert::write_text(&mut key, k.at(i));
                bag.insert(key.clone(), v.at(i).to_dynamic());
            }
        }
        Dynamic::Bag(bag)
    })
}

/// Follows a key, or a JSONPath-like `$.a.b` / `$['a']` path, through bags.
fn lookup_path<'d>(d: &'d Dynamic, key: &str) -> &'d Dynamic {
    static NULL: Dynamic = Dynamic::Null;
    let Some(path) = key.strip_prefix('$') else {
        return match d {
            Dynamic::Bag(b) => b.get(key).unwrap_or(&NULL),
            _ => &NULL,
        };
    };
    let mut cur = d;
    for part in path
        .split(['.', '[', ']'])
        .map(|p| p.trim_matches(['\'', '"']))
        .filter(|p| !p.is_empty())
    {
        cur = match cur {
            Dynamic::Bag(b) => b.get(part).unwrap_or(&NULL),
            _ => &NULL,
        };
    }
    cur
}

/// True when the key (or path) exists, even holding null.
fn has_path(d: &Dynamic, key: &str) -> bool {
    match (d, key.starts_with('$')) {
        (Dynamic::Bag(b), false) => b.contains_key(key),
        _ => false,
    }
}

/// `gettype()` names (q/gettype-function.md): dynamic values report their runtime type;
/// dynamic integers that fit 32 bits report `int` (`gettype(parse_json('1'))`).
fn type_name(v: &Src<'_>) -> &'static str {
    match v {
        Src::Bool(_) => "bool",
        Src::Int(_) => "int",
        Src::Long(_) => "long",
        Src::Real(_) => "real",
        Src::Decimal(_) => "decimal",
        Src::Str(_) => "string",
        Src::DateTime(_) => "datetime",
        Src::TimeSpan(_) => "timespan",
        Src::Guid(_) => "guid",
        Src::Dyn(Dynamic::Long(x)) if i32::try_from(*x).is_ok() => "int",
        Src::Dyn(d) => d.type_name(),
    }
}

/// `range(start, stop[, step])` as a dynamic array: numbers (step 1 by default) or
/// datetimes/timespans with a timespan step (q/range-function.md).
fn range(args: &[ColumnarValue], ctx: &EvalContext) -> Result<ColumnarValue, EvalError> {
    let views: Vec<AnyView<'_>> = args.iter().map(any).collect();
    per_row(args, ctx, |i| {
        if crate::interrupt::memory_exceeded() {
            return Dynamic::Null;
        }
        let g = |k: usize| views.get(k).map(|v| v.at(i));
        match range_one(g(0), g(1), g(2)) {
            // Over the operator's memory budget: null, and the executor reports the limit.
            Some(Dynamic::Array(a))
                if !crate::interrupt::charge(
                    a.len().saturating_mul(std::mem::size_of::<Dynamic>()),
                ) =>
            {
                Dynamic::Null
            }
            r => r.unwrap_or_default(),
        }
    })
}

fn range_one(
    start: Option<Src<'_>>,
    stop: Option<Src<'_>>,
    step: Option<Src<'_>>,
) -> Option<Dynamic> {
    use super::convert::{to_long, to_real};
    let ticks = |s: Src<'_>| match s {
        Src::DateTime(x) | Src::TimeSpan(x) => x,
        _ => None,
    };
    let start = start?;
    let stop = stop?;
    match start {
        Src::DateTime(_) | Src::TimeSpan(_) => {
            let (a, b) = (ticks(start)?, ticks(stop)?);
            let s = match step {
                Some(s) => ticks(s)?,
                None => return None,
            };
            let mk = |t: i64| match start {
                Src::DateTime(_) => Dynamic::DateTime(t),
                _ => Dynamic::TimeSpan(t),
            };
            steps_i64(a, b, s).map(|v| Dynamic::Array(v.into_iter().map(mk).collect()))
        }
        Src::Int(_) | Src::Long(_)
            if matches!(stop, Src::Int(_) | Src::Long(_))
                && step.is_none_or(|s| matches!(s, Src::Int(_) | Src::Long(_))) =>
        {
            let s = step.map_or(Some(1), to_long)?;
            steps_i64(to_long(start)?, to_long(stop)?, s)
                .map(|v| Dynamic::Array(v.into_iter().map(Dynamic::Long).collect()))
        }
        _ => {
            let (a, b) = (to_real(start)?, to_real(stop)?);
            let s = step.map_or(Some(1.0), to_real)?;
            if s == 0.0 || !s.is_finite() || (b - a) / s < 0.0 {
                return (s != 0.0).then(|| Dynamic::Array(Vec::new()));
            }
            let n = ((b - a) / s).floor().min(MAX_ELEMENTS as f64 - 1.0) as i64;
            Some(Dynamic::Array(
                (0..=n).map(|k| Dynamic::Real(a + k as f64 * s)).collect(),
            ))
        }
    }
}

fn steps_i64(a: i64, b: i64, s: i64) -> Option<Vec<i64>> {
    if s == 0 {
        return None;
    }
    let mut out = Vec::new();
    let mut x = a;
    while (s > 0 && x <= b) || (s < 0 && x >= b) {
        out.push(x);
        if out.len() as i64 >= MAX_ELEMENTS {
            break;
        }
        match x.checked_add(s) {
            Some(n) => x = n,
            None => break,
        }
    }
    Some(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
#[path = "dynamic_tests.rs"]
mod tests;
