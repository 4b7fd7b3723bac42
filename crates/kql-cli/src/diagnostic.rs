//! Diagnostics of `kql check` (and query errors in rule files): a position in a file, a
//! stable code, a message and a hint, printed as text with the source line and a caret,
//! or as a JSON object for CI annotations.

use crate::rule::QueryMap;
use std::fmt::Write as _;

/// One problem found in one file.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// The file, as shown.
    pub file: String,
    /// 1-based start (line, column) and end (line, column, exclusive); `None` when the
    /// problem has no position (an unreadable file, an evaluation error without a span).
    pub pos: Option<Position>,
    /// Stable code: `KQL1xxx` parse, `KQL2xxx` bind, `KQL3xxx` eval, `KQL0001` file/YAML.
    pub code: String,
    /// What is wrong.
    pub message: String,
    /// A suggestion ("did you mean 'RemoteUrl'?").
    pub hint: Option<String>,
    /// The text of the start line in the file, for the caret display.
    pub source_line: Option<String>,
}

/// A span in a file, 1-based; the end column is exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Start line.
    pub line: usize,
    /// Start column (characters).
    pub column: usize,
    /// End line.
    pub end_line: usize,
    /// End column (characters, exclusive).
    pub end_column: usize,
}

/// The code of problems with the file itself (unreadable, invalid YAML, not a rule).
pub const FILE_ERROR_CODE: &str = "KQL0001";

impl Diagnostic {
    /// A query error. `query` is the query text; `file_text` is the whole file when the
    /// query sits inside one (a rule) and `map` says where.
    pub fn from_query_error(
        err: &kql::Error,
        query: &str,
        file: &str,
        embedding: Option<(&str, &QueryMap)>,
    ) -> Diagnostic {
        let mut d = Diagnostic {
            file: file.to_string(),
            pos: None,
            code: err.code().to_string(),
            message: err.to_string(),
            hint: err.hint().map(str::to_string),
            source_line: None,
        };
        let Some(span) = err.span() else {
            return d;
        };
        let (line, column) = span.line_col(query);
        let end = kql::Span::new(span.end.max(span.start), span.end.max(span.start));
        let (end_line, end_column) = end.line_col(query);
        let (pos, text) = match embedding {
            Some((file_text, map)) => {
                let (l, c) = map.map(line, column);
                let (el, ec) = map.map(end_line, end_column);
                (
                    Position {
                        line: l,
                        column: c,
                        end_line: el,
                        end_column: ec,
                    },
                    file_text.lines().nth(l.saturating_sub(1)),
                )
            }
            None => (
                Position {
                    line,
                    column,
                    end_line,
                    end_column,
                },
                query.lines().nth(line.saturating_sub(1)),
            ),
        };
        d.pos = Some(pos);
        d.source_line = Some(text.unwrap_or("").to_string());
        d
    }

    /// An error in a rule's query, at its line and column in the rule file when the query's
    /// place in the file is known, else at the query's own position ("FILE (query)").
    pub fn from_rule_error(rule: &crate::rule::Rule, err: &kql::Error) -> Diagnostic {
        match &rule.map {
            Some(map) => Diagnostic::from_query_error(
                err,
                &rule.query,
                &rule.path,
                Some((&rule.file_text, map)),
            ),
            None => Diagnostic::from_query_error(
                err,
                &rule.query,
                &format!("{} (query)", rule.path),
                None,
            ),
        }
    }

    /// A problem with a file as a whole; a leading `path:line:column: ` in `message` (as
    /// YAML errors have) becomes the position.
    pub fn file_error(file: &str, message: &str) -> Diagnostic {
        let mut d = Diagnostic {
            file: file.to_string(),
            pos: None,
            code: FILE_ERROR_CODE.to_string(),
            message: message.to_string(),
            hint: None,
            source_line: None,
        };
        if let Some(rest) = message.strip_prefix(file).and_then(|r| r.strip_prefix(':')) {
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().and_then(|p| p.parse::<usize>().ok());
            let column = parts.next().and_then(|p| p.parse::<usize>().ok());
            match (line, column, parts.next()) {
                (Some(line), Some(column), Some(msg)) => {
                    d.pos = Some(Position {
                        line,
                        column,
                        end_line: line,
                        end_column: column + 1,
                    });
                    d.message = msg.trim().to_string();
                }
                _ => d.message = rest.trim().to_string(),
            }
        }
        d
    }

    /// Reads the source line for a file error from the file text.
    pub fn with_source(mut self, file_text: &str) -> Diagnostic {
        if let Some(pos) = self.pos {
            self.source_line = file_text
                .lines()
                .nth(pos.line.saturating_sub(1))
                .map(str::to_string);
        }
        self
    }

    /// `file:line:column` (or just the file).
    pub fn location(&self) -> String {
        match self.pos {
            Some(p) => format!("{}:{}:{}", self.file, p.line, p.column),
            None => self.file.clone(),
        }
    }

    /// The text form, as [`kql::render_error`] prints it:
    ///
    /// ```text
    /// error[KQL2002]: unknown column or name 'RemoteUr'
    ///  --> rule.yaml:14:9
    ///    |
    /// 14 |   | where RemoteUr has 'x'
    ///    |         ^^^^^^^^ did you mean 'RemoteUrl'?
    /// ```
    pub fn render(&self, colour: bool) -> String {
        let (red, blue, reset) = if colour {
            ("\x1b[1;31m", "\x1b[1;34m", "\x1b[0m")
        } else {
            ("", "", "")
        };
        let mut out = format!("{red}error[{}]: {}{reset}\n", self.code, self.message);
        let (Some(pos), Some(text)) = (self.pos, &self.source_line) else {
            let _ = writeln!(out, " --> {}", self.location());
            if let Some(h) = &self.hint {
                let _ = writeln!(out, "  = {h}");
            }
            return out;
        };
        let gutter = pos.line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}{blue}-->{reset} {}", self.location());
        let _ = writeln!(out, "{pad} {blue}|{reset}");
        let _ = writeln!(out, "{blue}{}{reset} {blue}|{reset} {text}", pos.line);
        let line_chars = text.chars().count();
        let width = if pos.end_line == pos.line {
            pos.end_column.saturating_sub(pos.column)
        } else {
            (line_chars + 1).saturating_sub(pos.column)
        }
        .max(1);
        let display_col: usize = text
            .chars()
            .take(pos.column.saturating_sub(1))
            .map(|c| if c == '\t' { 4 } else { 1 })
            .sum();
        let _ = write!(
            out,
            "{pad} {blue}|{reset} {}{red}{}{reset}",
            " ".repeat(display_col),
            "^".repeat(width)
        );
        if let Some(h) = &self.hint {
            let _ = write!(out, " {h}");
        }
        out.push('\n');
        out
    }

    /// The JSON form: `{"file","line","column","end_line","end_column","code","message","hint"}`
    /// (positions `null` when unknown).
    pub fn to_json(&self) -> serde_json::Value {
        let num = |f: fn(&Position) -> usize| match &self.pos {
            Some(p) => serde_json::Value::from(f(p)),
            None => serde_json::Value::Null,
        };
        let mut obj = serde_json::Map::new();
        obj.insert("file".into(), self.file.clone().into());
        obj.insert("line".into(), num(|p| p.line));
        obj.insert("column".into(), num(|p| p.column));
        obj.insert("end_line".into(), num(|p| p.end_line));
        obj.insert("end_column".into(), num(|p| p.end_column));
        obj.insert("code".into(), self.code.clone().into());
        obj.insert("message".into(), self.message.clone().into());
        obj.insert(
            "hint".into(),
            self.hint
                .clone()
                .map(serde_json::Value::from)
                .unwrap_or(serde_json::Value::Null),
        );
        serde_json::Value::Object(obj)
    }
}

/// True when `stream_is_terminal` and `NO_COLOR` is not set.
pub fn use_colour(stream_is_terminal: bool) -> bool {
    stream_is_terminal && std::env::var_os("NO_COLOR").is_none()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use kql::{Engine, Field, Schema};

    fn engine() -> Engine {
        let mut e = Engine::new();
        let schema: Schema = vec![
            Field::new("RemoteUrl", kql::DataType::String),
            Field::new("Port", kql::DataType::Long),
        ];
        e.add_schema("T", schema);
        e
    }

    #[test]
    fn a_query_error_in_a_rule_points_into_the_file() {
        let file = "name: x\nquery: |\n  T\n  | where RemoteUr has 'a'\n";
        let rule = crate::rule::Rule::parse(file, "r.yaml").unwrap();
        let err = engine().check(&rule.query).unwrap_err();
        let map = rule.map.as_ref().unwrap();
        let d = Diagnostic::from_query_error(&err, &rule.query, "r.yaml", Some((file, map)));
        let pos = d.pos.unwrap();
        assert_eq!((pos.line, pos.column, pos.end_column), (4, 11, 19));
        let text = d.render(false);
        assert!(text.contains(" --> r.yaml:4:11\n"), "{text}");
        assert!(text.contains("4 |   | where RemoteUr has 'a'\n"), "{text}");
        assert!(
            text.contains("  |           ^^^^^^^^ did you mean 'RemoteUrl'?"),
            "{text}"
        );
    }

    #[test]
    fn plain_query_errors_render_like_render_error() {
        let q = "T\n| where RemoteUr has 'a'";
        let err = engine().check(q).unwrap_err();
        let d = Diagnostic::from_query_error(&err, q, "q.kql", None);
        assert_eq!(d.render(false), kql::render_error(q, &err, Some("q.kql")));
    }

    #[test]
    fn json_has_the_ci_fields() {
        let q = "T | where Nope > 1";
        let err = engine().check(q).unwrap_err();
        let d = Diagnostic::from_query_error(&err, q, "q.kql", None);
        let j = d.to_json();
        for key in [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "code",
            "message",
            "hint",
        ] {
            assert!(j.get(key).is_some(), "{key} missing in {j}");
        }
        assert_eq!(j["file"], "q.kql");
        assert_eq!(j["line"], 1);
    }

    #[test]
    fn yaml_file_errors_take_their_position_from_the_message() {
        let d = Diagnostic::file_error("r.yaml", "r.yaml:3:5: invalid YAML: bad");
        assert_eq!(d.location(), "r.yaml:3:5");
        assert_eq!(d.message, "invalid YAML: bad");
    }
}
