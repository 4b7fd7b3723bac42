//! The `dynamic` type: a JSON-like tree that also holds datetimes, timespans and guids.

use crate::format::{format_datetime, format_guid, format_real, format_timespan};
use indexmap::IndexMap;
use std::cmp::Ordering;

/// A dynamic value. Property bags keep insertion order.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Dynamic {
    /// null
    #[default]
    Null,
    /// true / false
    Bool(bool),
    /// integer
    Long(i64),
    /// real
    Real(f64),
    /// string
    String(String),
    /// datetime (ticks)
    DateTime(i64),
    /// timespan (ticks)
    TimeSpan(i64),
    /// guid
    Guid(u128),
    /// array
    Array(Vec<Dynamic>),
    /// property bag
    Bag(IndexMap<String, Dynamic>),
}

impl Dynamic {
    /// True for `Dynamic::Null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Dynamic::Null)
    }

    /// The `gettype()` name of the value: `string`, `long`, `real`, `bool`, `datetime`,
    /// `timespan`, `guid`, `array`, `dictionary`, `null`.
    pub fn type_name(&self) -> &'static str {
        match self {
            Dynamic::Null => "null",
            Dynamic::Bool(_) => "bool",
            Dynamic::Long(_) => "long",
            Dynamic::Real(_) => "real",
            Dynamic::String(_) => "string",
            Dynamic::DateTime(_) => "datetime",
            Dynamic::TimeSpan(_) => "timespan",
            Dynamic::Guid(_) => "guid",
            Dynamic::Array(_) => "array",
            Dynamic::Bag(_) => "dictionary",
        }
    }

    /// Converts parsed JSON into a dynamic value. Integers that fit `i64` stay exact;
    /// larger ones become reals.
    pub fn from_json(v: serde_json::Value) -> Dynamic {
        match v {
            serde_json::Value::Null => Dynamic::Null,
            serde_json::Value::Bool(b) => Dynamic::Bool(b),
            serde_json::Value::Number(n) => match n.as_i64() {
                Some(i) => Dynamic::Long(i),
                None => Dynamic::Real(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => Dynamic::String(s),
            serde_json::Value::Array(a) => {
                Dynamic::Array(a.into_iter().map(Dynamic::from_json).collect())
            }
            serde_json::Value::Object(o) => Dynamic::Bag(
                o.into_iter()
                    .map(|(k, v)| (k, Dynamic::from_json(v)))
                    .collect(),
            ),
        }
    }

    /// Parses JSON text; `None` when it is not valid JSON.
    pub fn parse_json(text: &str) -> Option<Dynamic> {
        serde_json::from_str::<serde_json::Value>(text)
            .ok()
            .map(Dynamic::from_json)
    }

    /// The value as JSON. Datetimes, timespans and guids become strings; NaN and infinities
    /// become the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Dynamic::Null => J::Null,
            Dynamic::Bool(b) => J::Bool(*b),
            Dynamic::Long(i) => J::from(*i),
            Dynamic::Real(r) => match serde_json::Number::from_f64(*r) {
                Some(n) => J::Number(n),
                None => J::String(format_real(*r)),
            },
            Dynamic::String(s) => J::String(s.clone()),
            Dynamic::DateTime(t) => J::String(format_datetime(*t)),
            Dynamic::TimeSpan(t) => J::String(format_timespan(*t)),
            Dynamic::Guid(g) => J::String(format_guid(*g)),
            Dynamic::Array(a) => J::Array(a.iter().map(Dynamic::to_json).collect()),
            Dynamic::Bag(b) => J::Object(b.iter().map(|(k, v)| (k.clone(), v.to_json())).collect()),
        }
    }

    /// Compact JSON text (what `tostring()` gives for arrays and bags).
    pub fn to_json_string(&self) -> String {
        self.to_json().to_string()
    }

    /// `tostring()` of a dynamic value: strings without quotes, null as empty, the rest as JSON.
    pub fn to_kql_string(&self) -> String {
        match self {
            Dynamic::Null => String::new(),
            Dynamic::String(s) => s.clone(),
            Dynamic::Bool(b) => b.to_string(),
            Dynamic::Long(i) => i.to_string(),
            Dynamic::Real(r) => format_real(*r),
            Dynamic::DateTime(t) => format_datetime(*t),
            Dynamic::TimeSpan(t) => format_timespan(*t),
            Dynamic::Guid(g) => format_guid(*g),
            Dynamic::Array(_) | Dynamic::Bag(_) => self.to_json_string(),
        }
    }

    /// Member access `d.key` / `d['key']`: null when not a bag or the key is missing.
    pub fn get_key(&self, key: &str) -> Dynamic {
        match self {
            Dynamic::Bag(b) => b.get(key).cloned().unwrap_or(Dynamic::Null),
            _ => Dynamic::Null,
        }
    }

    /// Index `d[i]`; negative indexes count from the end. Null when out of range or not an array.
    pub fn get_index(&self, index: i64) -> Dynamic {
        match self {
            Dynamic::Array(a) => {
                let len = a.len() as i64;
                let i = if index < 0 { len + index } else { index };
                if (0..len).contains(&i) {
                    a[i as usize].clone()
                } else {
                    Dynamic::Null
                }
            }
            _ => Dynamic::Null,
        }
    }

    /// A total order used for sorting and for distinct/set semantics: null first, then by
    /// type, then by value.
    pub fn total_cmp(&self, other: &Dynamic) -> Ordering {
        fn rank(d: &Dynamic) -> u8 {
            match d {
                Dynamic::Null => 0,
                Dynamic::Bool(_) => 1,
                Dynamic::Long(_) | Dynamic::Real(_) => 2,
                Dynamic::String(_) => 3,
                Dynamic::DateTime(_) => 4,
                Dynamic::TimeSpan(_) => 5,
                Dynamic::Guid(_) => 6,
                Dynamic::Array(_) => 7,
                Dynamic::Bag(_) => 8,
            }
        }
        match (self, other) {
            (Dynamic::Bool(a), Dynamic::Bool(b)) => a.cmp(b),
            (Dynamic::Long(a), Dynamic::Long(b)) => a.cmp(b),
            (Dynamic::Long(a), Dynamic::Real(b)) => (*a as f64).total_cmp(b),
            (Dynamic::Real(a), Dynamic::Long(b)) => a.total_cmp(&(*b as f64)),
            (Dynamic::Real(a), Dynamic::Real(b)) => a.total_cmp(b),
            (Dynamic::String(a), Dynamic::String(b)) => a.cmp(b),
            (Dynamic::DateTime(a), Dynamic::DateTime(b)) => a.cmp(b),
            (Dynamic::TimeSpan(a), Dynamic::TimeSpan(b)) => a.cmp(b),
            (Dynamic::Guid(a), Dynamic::Guid(b)) => a.cmp(b),
            (Dynamic::Array(a), Dynamic::Array(b)) => {
                for (x, y) in a.iter().zip(b) {
                    let c = x.total_cmp(y);
                    if c != Ordering::Equal {
                        return c;
                    }
                }
                a.len().cmp(&b.len())
            }
            (Dynamic::Bag(_), Dynamic::Bag(_)) => {
                self.to_json_string().cmp(&other.to_json_string())
            }
            _ => rank(self).cmp(&rank(other)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_round_trip_keeps_order_and_big_ints() {
        let d = Dynamic::parse_json(r#"{"b":1,"a":[9007199254740993,1.5,null]}"#).unwrap();
        assert_eq!(
            d.to_json_string(),
            r#"{"b":1,"a":[9007199254740993,1.5,null]}"#
        );
    }

    #[test]
    fn index_and_key_access() {
        let d = Dynamic::parse_json(r#"{"a":[1,2,3]}"#).unwrap();
        assert_eq!(d.get_key("a").get_index(-1), Dynamic::Long(3));
        assert_eq!(d.get_key("a").get_index(3), Dynamic::Null);
        assert_eq!(d.get_key("zz"), Dynamic::Null);
    }
}
