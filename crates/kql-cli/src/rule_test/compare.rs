//! Compares a query's result with a test's expectations and explains any difference as a
//! readable diff: `- ` rows expected but missing, `+ ` rows present but not expected.

use super::spec::Expect;
use serde_json::{Map, Value};

/// A result table as JSON: column names and types, and rows of JSON cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Actual {
    /// `(name, type)` per column.
    pub columns: Vec<(String, String)>,
    /// Rows, one JSON value per column.
    pub rows: Vec<Vec<Value>>,
}

impl Actual {
    /// The result table as JSON (as `kql run --format json` prints it).
    pub fn from_table(table: &kql::Table) -> Actual {
        let json = kql::output::table_to_json(table);
        let columns = json["columns"]
            .as_array()
            .map(|cols| {
                cols.iter()
                    .map(|c| {
                        (
                            c["name"].as_str().unwrap_or("").to_string(),
                            c["type"].as_str().unwrap_or("").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let rows = json["rows"]
            .as_array()
            .map(|rows| {
                rows.iter()
                    .map(|r| r.as_array().cloned().unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default();
        Actual { columns, rows }
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|(n, _)| n == name)
    }

    /// One row as `{Name: value, ...}`.
    fn show_row(&self, r: usize) -> String {
        let cells: Vec<String> = self
            .columns
            .iter()
            .zip(self.rows.get(r).map(Vec::as_slice).unwrap_or(&[]))
            .map(|((name, _), v)| format!("{name}: {v}"))
            .collect();
        format!("{{{}}}", cells.join(", "))
    }

    /// Does row `r` hold every value `expected` lists?
    fn row_matches(&self, r: usize, expected: &Map<String, Value>) -> bool {
        let Some(row) = self.rows.get(r) else {
            return false;
        };
        expected.iter().all(|(name, want)| {
            self.column(name).is_some_and(|c| {
                let ty = self.columns.get(c).map(|(_, t)| t.as_str()).unwrap_or("");
                row.get(c).is_some_and(|got| cell_matches(want, got, ty))
            })
        })
    }
}

/// A partial or whole expected row as `{Name: value, ...}`.
fn show_expected(row: &Map<String, Value>) -> String {
    let cells: Vec<String> = row.iter().map(|(k, v)| format!("{k}: {v}")).collect();
    format!("{{{}}}", cells.join(", "))
}

/// Does the actual JSON cell `got` (of KQL type `ty`) equal the expected value `want`?
/// Numbers compare by value, datetimes by instant (any RFC 3339 spelling), a string
/// column's empty string equals `null`, and dynamic values compare structurally.
pub fn cell_matches(want: &Value, got: &Value, ty: &str) -> bool {
    match (want, got) {
        (Value::Null, Value::Null) => true,
        (Value::Null, Value::String(s)) | (Value::String(s), Value::Null) if ty == "string" => {
            s.is_empty()
        }
        (Value::String(w), Value::String(g)) if ty == "datetime" => {
            match (
                crate::data::parse_datetime_arg(w),
                crate::data::parse_datetime_arg(g),
            ) {
                (Some(a), Some(b)) => a == b,
                _ => w == g,
            }
        }
        (Value::Number(n), Value::String(g)) if ty == "string" => g.as_str() == n.to_string(),
        (Value::Bool(w), Value::String(g)) if ty == "string" => {
            g.as_str() == if *w { "true" } else { "false" }
        }
        _ => json_equal(want, got),
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`).
fn json_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_f64(), y.as_f64()) {
            (Some(p), Some(q)) => p == q || (p - q).abs() <= 1e-9 * p.abs().max(q.abs()),
            _ => x == y,
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| json_equal(p, q))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| json_equal(v, w)))
        }
        _ => a == b,
    }
}

/// Checks `actual` against `expect`; each failure is a multi-line explanation.
pub fn compare(expect: &Expect, actual: &Actual) -> Vec<String> {
    let mut failures = Vec::new();
    // Expected columns that the result does not have make every other check misleading.
    let mut unknown: Vec<&str> = Vec::new();
    let all_expected = expect
        .rows
        .iter()
        .flatten()
        .chain(&expect.contains)
        .chain(&expect.not_contains);
    for row in all_expected {
        for name in row.keys() {
            if actual.column(name).is_none() && !unknown.contains(&name.as_str()) {
                unknown.push(name);
            }
        }
    }
    if !unknown.is_empty() {
        failures.push(format!(
            "expected column(s) {} not in the result; its columns are: {}",
            unknown
                .iter()
                .map(|u| format!("'{u}'"))
                .collect::<Vec<_>>()
                .join(", "),
            actual
                .columns
                .iter()
                .map(|(n, t)| format!("{n}:{t}"))
                .collect::<Vec<_>>()
                .join(", ")
        ));
        return failures;
    }
    // Whether to list the actual rows after the failures (the row diff shows them itself).
    let mut show = false;
    if let Some(count) = expect.count {
        if actual.rows.len() != count {
            failures.push(format!(
                "expected {count} row{}, got {}",
                plural(count),
                actual.rows.len()
            ));
            show = true;
        }
    }
    if let Some(rows) = &expect.rows {
        if let Some(f) = compare_rows(rows, expect.ordered, actual) {
            failures.push(f);
        }
    }
    let missing: Vec<&Map<String, Value>> = expect
        .contains
        .iter()
        .filter(|want| !(0..actual.rows.len()).any(|r| actual.row_matches(r, want)))
        .collect();
    if !missing.is_empty() {
        let mut f = format!(
            "{} expected row{} missing (- expected, comparing only the listed columns):\n",
            missing.len(),
            plural(missing.len())
        );
        for m in &missing {
            f.push_str(&format!("  - {}\n", show_expected(m)));
        }
        failures.push(f.trim_end().to_string());
        show = true;
    }
    let mut unwanted = String::new();
    for row in &expect.not_contains {
        let hits: Vec<usize> = (0..actual.rows.len())
            .filter(|&r| actual.row_matches(r, row))
            .collect();
        if !hits.is_empty() {
            unwanted.push_str(&format!("  must not appear: {}\n", show_expected(row)));
            for r in hits {
                unwanted.push_str(&format!("  + {}\n", actual.show_row(r)));
            }
        }
    }
    if !unwanted.is_empty() {
        failures.push(format!(
            "rows that must not appear do (+ actual):\n{}",
            unwanted.trim_end()
        ));
    }
    if show {
        failures.push(show_actual(actual));
    }
    failures
}

/// Exact rows: every expected row must list every result column; unordered rows are
/// matched as a multiset.
fn compare_rows(rows: &[Map<String, Value>], ordered: bool, actual: &Actual) -> Option<String> {
    for (i, row) in rows.iter().enumerate() {
        let unlisted: Vec<&str> = actual
            .columns
            .iter()
            .map(|(n, _)| n.as_str())
            .filter(|n| !row.contains_key(*n))
            .collect();
        if !unlisted.is_empty() {
            return Some(format!(
                "expected row {} does not list column(s) {} (`rows` compares whole rows; use `contains` for partial rows)",
                i + 1,
                unlisted
                    .iter()
                    .map(|u| format!("'{u}'"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let mut diff = String::new();
    if ordered {
        for i in 0..rows.len().max(actual.rows.len()) {
            let same = rows.get(i).is_some_and(|want| actual.row_matches(i, want));
            if same {
                continue;
            }
            if let Some(want) = rows.get(i) {
                diff.push_str(&format!("  - [{}] {}\n", i + 1, show_expected(want)));
            }
            if i < actual.rows.len() {
                diff.push_str(&format!("  + [{}] {}\n", i + 1, actual.show_row(i)));
            }
        }
    } else {
        let mut used = vec![false; actual.rows.len()];
        let mut missing = Vec::new();
        for want in rows {
            let hit = (0..actual.rows.len()).find(|&r| !used[r] && actual.row_matches(r, want));
            match hit {
                Some(r) => used[r] = true,
                None => missing.push(want),
            }
        }
        for want in missing {
            diff.push_str(&format!("  - {}\n", show_expected(want)));
        }
        for (r, u) in used.iter().enumerate() {
            if !u {
                diff.push_str(&format!("  + {}\n", actual.show_row(r)));
            }
        }
    }
    if diff.is_empty() {
        return None;
    }
    Some(format!(
        "rows differ ({}; - expected, + actual):\n{}",
        if ordered { "in order" } else { "in any order" },
        diff.trim_end()
    ))
}

/// The actual rows (at most 20) under a heading.
fn show_actual(actual: &Actual) -> String {
    const MAX: usize = 20;
    let n = actual.rows.len();
    let mut s = format!("  actual ({n} row{}):", plural(n));
    for r in 0..n.min(MAX) {
        s.push_str(&format!("\n    {}", actual.show_row(r)));
    }
    if n > MAX {
        s.push_str(&format!("\n    ... {} more", n - MAX));
    }
    s
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use serde_json::json;

    fn actual() -> Actual {
        Actual {
            columns: vec![
                ("Host".into(), "string".into()),
                ("Seen".into(), "datetime".into()),
                ("Count".into(), "long".into()),
            ],
            rows: vec![
                vec![json!("a"), json!("2026-11-25T00:00:00Z"), json!(2)],
                vec![json!("b"), json!("2026-11-24T10:00:00Z"), json!(1)],
            ],
        }
    }

    fn rows(v: Value) -> Vec<Map<String, Value>> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_object().unwrap().clone())
            .collect()
    }

    #[test]
    fn exact_rows_in_any_order_pass() {
        let e = Expect {
            rows: Some(rows(json!([
                {"Host": "b", "Seen": "2026-11-24T10:00:00.0000000Z", "Count": 1.0},
                {"Host": "a", "Seen": "2026-11-25T01:00:00+01:00", "Count": 2}
            ]))),
            count: Some(2),
            ..Expect::default()
        };
        assert_eq!(compare(&e, &actual()), Vec::<String>::new());
    }

    #[test]
    fn order_matters_when_asked() {
        let e = Expect {
            rows: Some(rows(json!([
                {"Host": "b", "Seen": "2026-11-24T10:00:00Z", "Count": 1},
                {"Host": "a", "Seen": "2026-11-25T00:00:00Z", "Count": 2}
            ]))),
            ordered: true,
            ..Expect::default()
        };
        let f = compare(&e, &actual());
        assert_eq!(f.len(), 1);
        assert!(f[0].contains("rows differ (in order"), "{}", f[0]);
        assert!(f[0].contains("  - [1] {Host: \"b\""), "{}", f[0]);
        assert!(f[0].contains("  + [1] {Host: \"a\""), "{}", f[0]);
    }

    #[test]
    fn a_wrong_row_shows_as_minus_and_plus() {
        let e = Expect {
            rows: Some(rows(json!([
                {"Host": "a", "Seen": "2026-11-25T00:00:00Z", "Count": 3},
                {"Host": "b", "Seen": "2026-11-24T10:00:00Z", "Count": 1}
            ]))),
            ..Expect::default()
        };
        let f = compare(&e, &actual());
        assert_eq!(
            f,
            vec!["rows differ (in any order; - expected, + actual):\n  - {Host: \"a\", Seen: \"2026-11-25T00:00:00Z\", Count: 3}\n  + {Host: \"a\", Seen: \"2026-11-25T00:00:00Z\", Count: 2}".to_string()]
        );
    }

    #[test]
    fn partial_rows_and_counts() {
        let e = Expect {
            count: Some(3),
            contains: rows(json!([{"Host": "a"}, {"Host": "c"}])),
            not_contains: rows(json!([{"Count": 1}])),
            ..Expect::default()
        };
        let f = compare(&e, &actual());
        assert_eq!(f.len(), 4, "{f:?}");
        assert_eq!(f[0], "expected 3 rows, got 2");
        assert!(f[1].contains("  - {Host: \"c\"}"), "{}", f[1]);
        assert!(f[2].contains("  + {Host: \"b\""), "{}", f[2]);
        assert!(f[3].starts_with("  actual (2 rows):"), "{}", f[3]);
    }

    #[test]
    fn unknown_and_unlisted_columns_are_explained() {
        let e = Expect {
            contains: rows(json!([{"Hots": "a"}])),
            ..Expect::default()
        };
        let f = compare(&e, &actual());
        assert!(f[0].contains("'Hots' not in the result"), "{}", f[0]);
        let e = Expect {
            rows: Some(rows(json!([{"Host": "a"}]))),
            ..Expect::default()
        };
        let f = compare(&e, &actual());
        assert!(
            f[0].contains("does not list column(s) 'Seen', 'Count'"),
            "{}",
            f[0]
        );
    }

    #[test]
    fn cells_compare_by_meaning() {
        assert!(cell_matches(&json!(null), &json!(""), "string"));
        assert!(cell_matches(&json!(443), &json!("443"), "string"));
        assert!(!cell_matches(&json!("443"), &json!(443), "long"));
        assert!(cell_matches(
            &json!([1, "a"]),
            &json!([1.0, "a"]),
            "dynamic"
        ));
        assert!(!cell_matches(&json!([1, 2]), &json!([2, 1]), "dynamic"));
    }
}
