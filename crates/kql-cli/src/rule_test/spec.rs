//! The `*.test.yaml` format of `kql test`:
//!
//! ```yaml
//! rule: my_rule.yaml            # the rule under test (relative to this file), or
//! # query: |                    #   an inline query
//! #   T | where x > 1
//! now: 2026-11-26T00:00:00Z     # pins now() and ago()
//! schemas: ../schemas           # optional: column types for the tables below
//! tables:                       # defaults for every test below
//!   DeviceNetworkEvents: fixtures/events.ndjson
//! watchlists:                   # optional: _GetWatchlist('name') stand-ins
//!   HighValueHosts: fixtures/hosts.csv
//! geoip: fixtures/geo.csv       # optional: geo_info_from_ip_address's table (README)
//! tests:
//!   - name: true positive
//!     tables:                   # a file, inline rows, or {file: ...} / {rows: [...]}
//!       DeviceNetworkEvents:
//!         - {Timestamp: 2026-11-25T10:00:00Z, RemoteUrl: rmm.datto.com}
//!     expect:
//!       count: 1                # the number of rows
//!       rows: [...]             # exactly these rows (every column); `ordered: true`
//!       contains: [...]         # partial rows (listed columns) that must appear
//!       not_contains: [...]     # partial rows that must not appear
//! ```
//!
//! Without `tests:`, the file itself is one test (with `expect:` at the top level).

use crate::rule::parse_yaml;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// A parsed test file.
#[derive(Debug, Clone, PartialEq)]
pub struct TestFile {
    /// The file, as shown.
    pub path: String,
    /// The tests, in file order.
    pub cases: Vec<TestCase>,
}

/// What a test runs: a rule file or an inline query.
#[derive(Debug, Clone, PartialEq)]
pub enum Subject {
    /// A Sentinel rule file (resolved against the test file's folder).
    Rule(PathBuf),
    /// An inline query.
    Query(String),
}

/// One table of a test: a data file, or rows written in the test file.
#[derive(Debug, Clone, PartialEq)]
pub enum TableSource {
    /// A data file (resolved against the test file's folder).
    File(PathBuf),
    /// Rows as JSON objects.
    Rows(Vec<Value>),
}

/// One test.
#[derive(Debug, Clone, PartialEq)]
pub struct TestCase {
    /// Its name (the file name for a one-test file).
    pub name: String,
    /// The rule or query.
    pub subject: Subject,
    /// `now`, as written (RFC 3339).
    pub now: Option<String>,
    /// A schema folder (resolved against the test file's folder).
    pub schemas: Option<PathBuf>,
    /// Tables by name, in file order.
    pub tables: Vec<(String, TableSource)>,
    /// Watchlists by name.
    pub watchlists: Vec<(String, PathBuf)>,
    /// The IP geolocation table (resolved against the test file's folder).
    pub geoip: Option<PathBuf>,
    /// What must hold.
    pub expect: Expect,
}

/// The expectations of a test; all given ones must hold.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Expect {
    /// The exact rows (every column compared).
    pub rows: Option<Vec<Map<String, Value>>>,
    /// Compare `rows` in order.
    pub ordered: bool,
    /// The row count.
    pub count: Option<usize>,
    /// Partial rows that must appear.
    pub contains: Vec<Map<String, Value>>,
    /// Partial rows that must not appear.
    pub not_contains: Vec<Map<String, Value>>,
}

const FILE_KEYS: &[&str] = &[
    "rule",
    "query",
    "now",
    "schemas",
    "tables",
    "watchlists",
    "geoip",
    "tests",
    "expect",
    "name",
];
const CASE_KEYS: &[&str] = &[
    "name",
    "rule",
    "query",
    "now",
    "schemas",
    "tables",
    "watchlists",
    "geoip",
    "expect",
];
const EXPECT_KEYS: &[&str] = &["rows", "ordered", "count", "contains", "not_contains"];

/// Reads and parses a test file.
pub fn read(path: &Path) -> Result<TestFile, String> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read '{shown}': {e}"))?;
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    parse(&text, &shown, &base)
}

/// Parses a test file's text; relative paths are resolved against `base`.
pub fn parse(text: &str, shown: &str, base: &Path) -> Result<TestFile, String> {
    let doc = parse_yaml(text, shown)?;
    let top = as_map(&doc, shown, "the test file")?;
    check_keys(top, FILE_KEYS, shown, "the test file")?;
    let defaults = Partial::read(top, shown, base, "the test file")?;
    let mut cases = Vec::new();
    match top.get("tests") {
        Some(Value::Array(items)) => {
            if top.contains_key("expect") {
                return Err(format!(
                    "{shown}: 'expect' belongs inside each entry of 'tests'"
                ));
            }
            for (i, item) in items.iter().enumerate() {
                let what = format!("tests[{i}]");
                let map = as_map(item, shown, &what)?;
                check_keys(map, CASE_KEYS, shown, &what)?;
                let name = match map.get("name") {
                    Some(Value::String(s)) => s.clone(),
                    Some(v) => v.to_string(),
                    None => format!("test {}", i + 1),
                };
                let own = Partial::read(map, shown, base, &what)?;
                cases.push(
                    own.over(&defaults)
                        .finish(name, map.get("expect"), shown, &what)?,
                );
            }
        }
        Some(_) => return Err(format!("{shown}: 'tests' must be a list")),
        None => {
            let name = match top.get("name") {
                Some(Value::String(s)) => s.clone(),
                _ => Path::new(shown)
                    .file_name()
                    .and_then(|n| n.to_str())
                    .unwrap_or(shown)
                    .to_string(),
            };
            cases.push(defaults.finish(name, top.get("expect"), shown, "the test file")?);
        }
    }
    if cases.is_empty() {
        return Err(format!("{shown}: no tests"));
    }
    Ok(TestFile {
        path: shown.to_string(),
        cases,
    })
}

/// The settings a file's top level and a test can both give.
#[derive(Debug, Clone, Default)]
struct Partial {
    subject: Option<Subject>,
    now: Option<String>,
    schemas: Option<PathBuf>,
    tables: Option<Vec<(String, TableSource)>>,
    watchlists: Option<Vec<(String, PathBuf)>>,
    geoip: Option<PathBuf>,
}

impl Partial {
    fn read(
        map: &Map<String, Value>,
        shown: &str,
        base: &Path,
        what: &str,
    ) -> Result<Self, String> {
        let subject = match (map.get("rule"), map.get("query")) {
            (Some(_), Some(_)) => {
                return Err(format!(
                    "{shown}: {what} gives both 'rule' and 'query'; give one"
                ))
            }
            (Some(Value::String(r)), None) => Some(Subject::Rule(base.join(r))),
            (None, Some(Value::String(q))) => Some(Subject::Query(q.clone())),
            (None, None) => None,
            _ => {
                return Err(format!(
                    "{shown}: {what}: 'rule' (a path) and 'query' (KQL text) must be strings"
                ))
            }
        };
        let now = match map.get("now") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(v) => Some(v.to_string()),
        };
        let schemas = match map.get("schemas") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(base.join(s)),
            Some(_) => return Err(format!("{shown}: {what}: 'schemas' must be a folder path")),
        };
        let tables = match map.get("tables") {
            None | Some(Value::Null) => None,
            Some(Value::Object(t)) => {
                let mut out = Vec::new();
                for (name, spec) in t {
                    out.push((name.clone(), table_source(spec, shown, base, what, name)?));
                }
                Some(out)
            }
            Some(_) => {
                return Err(format!(
                    "{shown}: {what}: 'tables' must map table names to files or rows"
                ))
            }
        };
        let watchlists = match map.get("watchlists") {
            None | Some(Value::Null) => None,
            Some(Value::Object(w)) => {
                let mut out = Vec::new();
                for (name, spec) in w {
                    let Value::String(p) = spec else {
                        return Err(format!(
                            "{shown}: {what}: watchlist '{name}' must be a file path"
                        ));
                    };
                    out.push((name.clone(), base.join(p)));
                }
                Some(out)
            }
            Some(_) => {
                return Err(format!(
                    "{shown}: {what}: 'watchlists' must map names to files"
                ))
            }
        };
        let geoip = match map.get("geoip") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(base.join(s)),
            Some(_) => return Err(format!("{shown}: {what}: 'geoip' must be a file path")),
        };
        Ok(Partial {
            subject,
            now,
            schemas,
            tables,
            watchlists,
            geoip,
        })
    }

    /// These settings, with `defaults` filling the gaps.
    fn over(self, defaults: &Partial) -> Partial {
        Partial {
            subject: self.subject.or_else(|| defaults.subject.clone()),
            now: self.now.or_else(|| defaults.now.clone()),
            schemas: self.schemas.or_else(|| defaults.schemas.clone()),
            tables: match (self.tables, &defaults.tables) {
                // A test's tables replace the defaults of the same name and add the rest.
                (Some(mut own), Some(def)) => {
                    for (name, src) in def {
                        if !own.iter().any(|(n, _)| n == name) {
                            own.push((name.clone(), src.clone()));
                        }
                    }
                    Some(own)
                }
                (own, def) => own.or_else(|| def.clone()),
            },
            watchlists: self.watchlists.or_else(|| defaults.watchlists.clone()),
            geoip: self.geoip.or_else(|| defaults.geoip.clone()),
        }
    }

    fn finish(
        self,
        name: String,
        expect: Option<&Value>,
        shown: &str,
        what: &str,
    ) -> Result<TestCase, String> {
        let Some(subject) = self.subject else {
            return Err(format!(
                "{shown}: {what} names no 'rule' (a rule file) or 'query' (KQL text)"
            ));
        };
        let Some(expect) = expect else {
            return Err(format!("{shown}: {what} has no 'expect'"));
        };
        Ok(TestCase {
            name,
            subject,
            now: self.now,
            schemas: self.schemas,
            tables: self.tables.unwrap_or_default(),
            watchlists: self.watchlists.unwrap_or_default(),
            geoip: self.geoip,
            expect: read_expect(expect, shown, what)?,
        })
    }
}

fn table_source(
    spec: &Value,
    shown: &str,
    base: &Path,
    what: &str,
    name: &str,
) -> Result<TableSource, String> {
    match spec {
        Value::String(p) => Ok(TableSource::File(base.join(p))),
        Value::Array(rows) => rows_of(rows, shown, what, name).map(TableSource::Rows),
        Value::Object(m) => match (m.get("file"), m.get("rows")) {
            (Some(Value::String(p)), None) => Ok(TableSource::File(base.join(p))),
            (None, Some(Value::Array(rows))) => {
                rows_of(rows, shown, what, name).map(TableSource::Rows)
            }
            _ => Err(format!(
                "{shown}: {what}: table '{name}' must be a file path, a list of rows, {{file: PATH}} or {{rows: [...]}}"
            )),
        },
        _ => Err(format!(
            "{shown}: {what}: table '{name}' must be a file path or a list of rows"
        )),
    }
}

fn rows_of(rows: &[Value], shown: &str, what: &str, name: &str) -> Result<Vec<Value>, String> {
    for (i, r) in rows.iter().enumerate() {
        if !r.is_object() {
            return Err(format!(
                "{shown}: {what}: row {} of table '{name}' must be a mapping of column: value",
                i + 1
            ));
        }
    }
    Ok(rows.to_vec())
}

fn read_expect(v: &Value, shown: &str, what: &str) -> Result<Expect, String> {
    let what = format!("{what}: expect");
    let map = as_map(v, shown, &what)?;
    check_keys(map, EXPECT_KEYS, shown, &what)?;
    let rows = |key: &str| -> Result<Option<Vec<Map<String, Value>>>, String> {
        match map.get(key) {
            None => Ok(None),
            Some(Value::Null) => Ok(Some(Vec::new())),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, r)| match r {
                    Value::Object(m) => Ok(m.clone()),
                    _ => Err(format!(
                        "{shown}: {what}: {key}[{i}] must be a mapping of column: value"
                    )),
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Some),
            Some(_) => Err(format!("{shown}: {what}: '{key}' must be a list of rows")),
        }
    };
    let count = match map.get("count") {
        None => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|n| usize::try_from(n).ok())
                .ok_or_else(|| format!("{shown}: {what}: 'count' must be a whole number"))?,
        ),
    };
    let ordered = match map.get("ordered") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => return Err(format!("{shown}: {what}: 'ordered' must be true or false")),
    };
    let expect = Expect {
        rows: rows("rows")?,
        ordered,
        count,
        contains: rows("contains")?.unwrap_or_default(),
        not_contains: rows("not_contains")?.unwrap_or_default(),
    };
    if expect.rows.is_none()
        && expect.count.is_none()
        && expect.contains.is_empty()
        && expect.not_contains.is_empty()
    {
        return Err(format!(
            "{shown}: {what} needs at least one of 'rows', 'count', 'contains', 'not_contains'"
        ));
    }
    if ordered && expect.rows.is_none() {
        return Err(format!("{shown}: {what}: 'ordered' applies to 'rows' only"));
    }
    Ok(expect)
}

fn as_map<'a>(v: &'a Value, shown: &str, what: &str) -> Result<&'a Map<String, Value>, String> {
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(format!("{shown}: {what} must be a mapping")),
    }
}

fn check_keys(
    map: &Map<String, Value>,
    allowed: &[&str],
    shown: &str,
    what: &str,
) -> Result<(), String> {
    for key in map.keys() {
        if !allowed.contains(&key.as_str()) {
            let hint = allowed
                .iter()
                .map(|a| (edit_distance(key, a), a))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, a)| format!(" (did you mean '{a}'?)"))
                .unwrap_or_default();
            return Err(format!(
                "{shown}: {what}: unknown key '{key}'{hint}; expected one of {}",
                allowed.join(", ")
            ));
        }
    }
    Ok(())
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<TestFile, String> {
        parse(text, "t.test.yaml", Path::new("dir"))
    }

    #[test]
    fn one_test_file() {
        let f = p("rule: r.yaml\nnow: 2026-11-26T00:00:00Z\ntables:\n  T: t.ndjson\nexpect:\n  count: 2\n").unwrap();
        assert_eq!(f.cases.len(), 1);
        let c = &f.cases[0];
        assert_eq!(c.name, "t.test.yaml");
        assert_eq!(c.subject, Subject::Rule(PathBuf::from("dir/r.yaml")));
        assert_eq!(c.now.as_deref(), Some("2026-11-26T00:00:00Z"));
        assert_eq!(
            c.tables,
            vec![(
                "T".to_string(),
                TableSource::File(PathBuf::from("dir/t.ndjson"))
            )]
        );
        assert_eq!(c.expect.count, Some(2));
    }

    #[test]
    fn tests_inherit_and_override_defaults() {
        let f = p(concat!(
            "query: T | take 1\ntables:\n  T: a.csv\n  U: u.csv\n",
            "tests:\n",
            "  - name: inline\n    tables:\n      T:\n        - {x: 1}\n    expect:\n      rows:\n        - {x: 1}\n      ordered: true\n",
            "  - expect:\n      not_contains:\n        - {x: 2}\n",
        ))
        .unwrap();
        assert_eq!(f.cases.len(), 2);
        let a = &f.cases[0];
        assert_eq!(a.name, "inline");
        assert_eq!(a.tables.len(), 2);
        assert!(matches!(&a.tables[0], (n, TableSource::Rows(r)) if n == "T" && r.len() == 1));
        assert!(a.expect.ordered);
        let b = &f.cases[1];
        assert_eq!(b.name, "test 2");
        assert_eq!(b.subject, Subject::Query("T | take 1".into()));
        assert_eq!(b.expect.not_contains.len(), 1);
    }

    #[test]
    fn typos_and_gaps_are_errors() {
        let e = p("rule: r.yaml\nexpects:\n  count: 1\n").unwrap_err();
        assert!(e.contains("unknown key 'expects'"), "{e}");
        assert!(e.contains("did you mean 'expect'"), "{e}");
        let e = p("rule: r.yaml\n").unwrap_err();
        assert!(e.contains("has no 'expect'"), "{e}");
        let e = p("expect:\n  count: 1\n").unwrap_err();
        assert!(e.contains("names no 'rule'"), "{e}");
        let e = p("rule: r\nexpect:\n  cnt: 1\n").unwrap_err();
        assert!(e.contains("unknown key 'cnt'"), "{e}");
        let e = p("rule: r\nexpect:\n  count: -1\n").unwrap_err();
        assert!(e.contains("whole number"), "{e}");
        let e = p("rule: r\nexpect: {}\n").unwrap_err();
        assert!(e.contains("at least one"), "{e}");
        let e = p("rule: [\n").unwrap_err();
        assert!(e.contains("invalid YAML"), "{e}");
    }
}
