//! The output columns of `union` and where each leg's columns go, in time linear in the
//! number of leg columns (hash maps), so that `union *` over a catalog of a thousand
//! tables binds quickly.

use super::naming::unique_name;
use crate::table::Field;
use crate::types::DataType;
use std::collections::{HashMap, HashSet};

/// The merged columns of a union.
pub(super) struct UnionColumns {
    /// Output columns by (name, type), in first-appearance order.
    pub schema: Vec<Field>,
    /// Per leg, per output column: the leg's column index, if it has that column.
    pub maps: Vec<Vec<Option<usize>>>,
    /// The output column names (for naming an extra `withsource` column).
    pub taken: Vec<String>,
}

/// Merges the legs' schemas: one output column per distinct (name, type), named `name`
/// or, when a name comes with several types, `name_type`; with `inner`, only columns
/// that every leg has.
pub(super) fn union_columns(legs: &[&[Field]], inner: bool) -> UnionColumns {
    let mut all: Vec<(&str, DataType)> = Vec::new();
    let mut index: HashMap<(&str, DataType), usize> = HashMap::new();
    // Per leg, the index in `all` of each of its columns.
    let mut leg_indices: Vec<Vec<usize>> = Vec::with_capacity(legs.len());
    let mut seen_in: Vec<usize> = Vec::new();
    // The last leg (1-based) that had each column, so a repeated column counts once.
    let mut last_leg: Vec<usize> = Vec::new();
    for (leg_no, leg) in legs.iter().enumerate() {
        let mut indices = Vec::with_capacity(leg.len());
        for f in leg.iter() {
            let key = (f.name.as_str(), f.data_type);
            let i = *index.entry(key).or_insert_with(|| {
                all.push(key);
                seen_in.push(0);
                last_leg.push(0);
                all.len() - 1
            });
            if let (Some(last), Some(n)) = (last_leg.get_mut(i), seen_in.get_mut(i)) {
                if *last != leg_no + 1 {
                    *last = leg_no + 1;
                    *n += 1;
                }
            }
            indices.push(i);
        }
        leg_indices.push(indices);
    }
    // Where each of `all` goes in the output (`None`: dropped by `inner`).
    let mut out_of: Vec<Option<usize>> = Vec::with_capacity(all.len());
    let mut cols: Vec<(&str, DataType)> = Vec::new();
    for (c, n) in all.iter().zip(&seen_in) {
        if inner && *n != legs.len() {
            out_of.push(None);
        } else {
            out_of.push(Some(cols.len()));
            cols.push(*c);
        }
    }
    let mut per_name: HashMap<&str, usize> = HashMap::new();
    for (n, _) in &cols {
        *per_name.entry(n).or_insert(0) += 1;
    }
    let mut schema = Vec::with_capacity(cols.len());
    let mut taken: Vec<String> = Vec::with_capacity(cols.len());
    let mut taken_set: HashSet<String> = HashSet::new();
    for (n, t) in &cols {
        let clash = per_name.get(n).copied().unwrap_or(0) > 1;
        let base = if clash {
            format!("{n}_{t}")
        } else {
            n.to_string()
        };
        let name = if taken_set.contains(&base) {
            unique_name(&base, &taken)
        } else {
            base
        };
        taken_set.insert(name.clone());
        taken.push(name.clone());
        schema.push(Field::new(name, *t));
    }
    let maps = leg_indices
        .iter()
        .map(|indices| {
            let mut map = vec![None; cols.len()];
            for (pos, i) in indices.iter().enumerate() {
                if let Some(Some(o)) = out_of.get(*i) {
                    if let Some(slot @ None) = map.get_mut(*o) {
                        *slot = Some(pos);
                    }
                }
            }
            map
        })
        .collect();
    UnionColumns {
        schema,
        maps,
        taken,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_by_name_and_type() {
        let a = vec![
            Field::new("x", DataType::Long),
            Field::new("s", DataType::String),
        ];
        let b = vec![
            Field::new("x", DataType::String),
            Field::new("y", DataType::Long),
        ];
        let u = union_columns(&[&a, &b], false);
        let names: Vec<&str> = u.schema.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["x_long", "s", "x_string", "y"]);
        assert_eq!(u.maps[0], vec![Some(0), Some(1), None, None]);
        assert_eq!(u.maps[1], vec![None, None, Some(0), Some(1)]);
        let inner = union_columns(&[&a, &a], true);
        assert_eq!(inner.schema.len(), 2);
        let none = union_columns(&[&a, &b], true);
        assert!(none.schema.is_empty());
    }
}
