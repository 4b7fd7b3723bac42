//! Microsoft Sentinel analytic and hunting rules (`.yaml`/`.yml`) as query input: the
//! `query`, its `queryPeriod`/`queryFrequency`, the tables the rule needs
//! (`requiredDataConnectors[].dataTypes`), and where the query sits in the file, so that
//! an error in the query points at the YAML file's own line and column.

use std::path::Path;

/// A rule read from a YAML file.
#[derive(Debug, Clone)]
pub struct Rule {
    /// The file, as given.
    pub path: String,
    /// `name`, when present.
    pub name: Option<String>,
    /// The KQL query.
    pub query: String,
    /// `queryPeriod` (e.g. `5d`), when present.
    pub query_period: Option<String>,
    /// `queryFrequency` (e.g. `1h`), when present.
    pub query_frequency: Option<String>,
    /// The tables the rule needs: every `dataTypes` entry of `requiredDataConnectors`.
    pub data_types: Vec<String>,
    /// Where the query's lines are in the file, when that could be worked out.
    pub map: Option<QueryMap>,
    /// The whole file.
    pub file_text: String,
}

/// Where each line of the query sits in the YAML file: query line `i` (0-based) is file
/// line `first_line + i` (1-based), shifted right by `indents[i]` characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryMap {
    /// The 1-based file line of the query's first line.
    pub first_line: usize,
    /// Per query line, how many characters precede it on its file line.
    pub indents: Vec<usize>,
}

impl QueryMap {
    /// Maps a 1-based (line, column) in the query to one in the file.
    pub fn map(&self, line: usize, column: usize) -> (usize, usize) {
        let indent = self
            .indents
            .get(line.saturating_sub(1))
            .or(self.indents.last())
            .copied()
            .unwrap_or(0);
        (self.first_line + line.saturating_sub(1), column + indent)
    }
}

/// True for paths read as rules (`.yaml`, `.yml`).
pub fn is_rule_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"))
}

/// Parses YAML text into JSON values; an error reads `path:line:column: invalid YAML: ...`.
pub fn parse_yaml(text: &str, path: &str) -> Result<serde_json::Value, String> {
    yaml_serde::from_str::<serde_json::Value>(text).map_err(|e| {
        let message = e.to_string();
        // The library appends " at line L column C"; the position goes in front instead.
        let message = match message.find(" at line ") {
            Some(i) => message[..i].to_string(),
            None => message,
        };
        match e.location() {
            Some(loc) => format!(
                "{path}:{}:{}: invalid YAML: {message}",
                loc.line(),
                loc.column()
            ),
            None => format!("{path}: invalid YAML: {message}"),
        }
    })
}

impl Rule {
    /// Reads and parses a rule file. Errors are messages naming the file.
    pub fn read(path: &Path) -> Result<Rule, String> {
        let shown = path.display().to_string();
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read rule file '{shown}': {e}"))?;
        Rule::parse(&text, &shown)
    }

    /// Parses a rule from its YAML text; `path` names it in errors.
    pub fn parse(text: &str, path: &str) -> Result<Rule, String> {
        let doc = parse_yaml(text, path)?;
        let serde_json::Value::Object(obj) = &doc else {
            return Err(format!(
                "{path}: not a Sentinel rule: expected a mapping with a 'query' key"
            ));
        };
        let query = match obj.get("query") {
            Some(serde_json::Value::String(q)) => q.clone(),
            Some(_) => return Err(format!("{path}: the rule's 'query' must be a string")),
            None => {
                return Err(format!(
                    "{path}: not a Sentinel rule: it has no 'query' key"
                ))
            }
        };
        let text_field = |key: &str| match obj.get(key) {
            Some(serde_json::Value::String(s)) => Some(s.clone()),
            Some(v) if !v.is_null() => Some(v.to_string()),
            _ => None,
        };
        let mut data_types = Vec::new();
        if let Some(serde_json::Value::Array(connectors)) = obj.get("requiredDataConnectors") {
            for connector in connectors {
                if let Some(serde_json::Value::Array(types)) = connector.get("dataTypes") {
                    for t in types.iter().filter_map(|t| t.as_str()) {
                        let name = table_of_data_type(t);
                        if !name.is_empty() && !data_types.iter().any(|d| d == name) {
                            data_types.push(name.to_string());
                        }
                    }
                }
            }
        }
        let map = locate_query(text, &query);
        Ok(Rule {
            path: path.to_string(),
            name: text_field("name"),
            query,
            query_period: text_field("queryPeriod"),
            query_frequency: text_field("queryFrequency"),
            data_types,
            map,
            file_text: text.to_string(),
        })
    }
}

/// Checks that every table a rule needs (`requiredDataConnectors[].dataTypes`) is loaded;
/// a usage error names those that are not.
pub fn require_tables(
    rule: Option<&Rule>,
    engine: &kql::Engine,
) -> Result<(), crate::error::CliError> {
    let Some(rule) = rule else {
        return Ok(());
    };
    let missing = missing_tables(rule, |name| engine.table(name).is_some());
    if missing.is_empty() {
        return Ok(());
    }
    Err(crate::error::CliError::Usage(format!(
        "rule {} needs table(s) {} (its requiredDataConnectors), but no --table or --data provides {}",
        match &rule.name {
            Some(name) => format!("'{name}' ({})", rule.path),
            None => format!("'{}'", rule.path),
        },
        missing
            .iter()
            .map(|m| format!("'{m}'"))
            .collect::<Vec<_>>()
            .join(", "),
        if missing.len() == 1 { "it" } else { "them" }
    )))
}

/// The tables a rule needs that `has` says are absent.
pub fn missing_tables(rule: &Rule, has: impl Fn(&str) -> bool) -> Vec<String> {
    rule.data_types
        .iter()
        .filter(|t| !has(t))
        .cloned()
        .collect()
}

/// The table of a `dataTypes` entry: `SecurityEvent`, or `Syslog` in
/// `Syslog (Microsoft-Windows-...)`.
fn table_of_data_type(entry: &str) -> &str {
    entry
        .split(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("")
}

/// Finds the top-level `query:` key and checks that the query's lines appear in the file
/// one for one (a literal block scalar `|`, or a one-line plain value); `None` otherwise
/// (folded or quoted styles), and errors then use the query's own positions.
pub fn locate_query(text: &str, query: &str) -> Option<QueryMap> {
    let lines: Vec<&str> = text.lines().collect();
    let key_index = lines.iter().position(|l| {
        l.strip_prefix("query")
            .map(|rest| rest.trim_start().starts_with(':'))
            .unwrap_or(false)
    })?;
    let key_line = lines[key_index];
    let after_colon = key_line.split_once(':')?.1;
    let value = after_colon.trim();
    if !value.starts_with('|') {
        // A one-line plain scalar: `query: T | take 1`.
        let q = query.trim_end_matches('\n');
        if value.is_empty() || q.contains('\n') || value != q {
            return None;
        }
        let prefix_bytes = key_line.len() - after_colon.trim_start().len();
        let indent = key_line[..prefix_bytes].chars().count();
        return Some(QueryMap {
            first_line: key_index + 1,
            indents: vec![indent],
        });
    }
    let body = &lines[key_index + 1..];
    let indent = body
        .iter()
        .find(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())?;
    if indent == 0 {
        return None;
    }
    let query_lines: Vec<&str> = query.trim_end_matches('\n').split('\n').collect();
    let mut indents = Vec::with_capacity(query_lines.len());
    for (i, q) in query_lines.iter().enumerate() {
        let file_line = body.get(i)?;
        if q.is_empty() {
            if !file_line.trim().is_empty() {
                return None;
            }
        } else if file_line.get(indent..) != Some(q) || !file_line[..indent].trim().is_empty() {
            return None;
        }
        indents.push(indent);
    }
    Some(QueryMap {
        first_line: key_index + 2,
        indents,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const RULE: &str = "id: x\nname: Demo\nrequiredDataConnectors:\n  - connectorId: C\n    dataTypes:\n      - DeviceNetworkEvents\n      - Syslog (Linux)\nqueryPeriod: 5d\nquery: |\n  let a = 1;\n\n  T\n  | where x > a\n";

    #[test]
    fn reads_query_and_metadata() {
        let rule = Rule::parse(RULE, "r.yaml").unwrap();
        assert_eq!(rule.name.as_deref(), Some("Demo"));
        assert_eq!(rule.query, "let a = 1;\n\nT\n| where x > a\n");
        assert_eq!(rule.query_period.as_deref(), Some("5d"));
        assert_eq!(rule.data_types, vec!["DeviceNetworkEvents", "Syslog"]);
        let map = rule.map.unwrap();
        assert_eq!(map.first_line, 10);
        // Query line 4, column 9 (`x`) is file line 13, column 11.
        assert_eq!(map.map(4, 9), (13, 11));
    }

    #[test]
    fn one_line_query_maps_onto_its_key_line() {
        let rule = Rule::parse("name: a\nquery: T | take 1\n", "r.yaml").unwrap();
        assert_eq!(rule.map.unwrap().map(1, 5), (2, 12));
    }

    #[test]
    fn folded_queries_have_no_map() {
        let rule = Rule::parse("query: >\n  T\n  | take 1\n", "r.yaml").unwrap();
        assert_eq!(rule.query, "T | take 1\n");
        assert!(rule.map.is_none());
    }

    #[test]
    fn invalid_yaml_names_line_and_column() {
        let err = Rule::parse("name: a\nquery: [\n  - b\n", "r.yaml").unwrap_err();
        assert!(err.starts_with("r.yaml:"), "{err}");
        assert!(err.contains("invalid YAML"), "{err}");
        let pos: Vec<&str> = err.split(':').collect();
        assert!(pos[1].parse::<usize>().is_ok() && pos[2].parse::<usize>().is_ok());
    }

    #[test]
    fn a_rule_needs_a_query() {
        let err = Rule::parse("name: a\n", "r.yaml").unwrap_err();
        assert!(err.contains("no 'query' key"), "{err}");
    }

    #[test]
    fn seed_rule_loads() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/rules/datto_rmm_network_connection.yaml");
        let rule = Rule::read(&path).unwrap();
        assert_eq!(rule.data_types, vec!["DeviceNetworkEvents"]);
        assert!(rule.query.starts_with("let Time_start = now(-5d);"));
        assert_eq!(rule.map.unwrap().first_line, 13);
    }
}
