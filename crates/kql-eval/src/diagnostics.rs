//! Renders errors as text with the source line and a caret under the span.

use crate::error::Error;

/// Renders `err` against the query `source`, e.g.
///
/// ```text
/// error[KQL2002]: unknown column or name 'RemoteUr'
///  --> query.kql:2:9
///   |
/// 2 | | where RemoteUr has 'x'
///   |         ^^^^^^^^ did you mean 'RemoteUrl'?
/// ```
///
/// `file` names the query's file (`<query>` when `None`).
pub fn render_error(source: &str, err: &Error, file: Option<&str>) -> String {
    let mut out = format!("error[{}]: {}\n", err.code(), err);
    let file = file.unwrap_or("<query>");
    let Some(span) = err.span() else {
        out.push_str(&format!(" --> {file}\n"));
        return out;
    };
    let (line, col) = span.line_col(source);
    let line_text = source.lines().nth(line - 1).unwrap_or("");
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    out.push_str(&format!("{pad}--> {file}:{line}:{col}\n"));
    out.push_str(&format!("{pad} |\n"));
    out.push_str(&format!("{line} | {line_text}\n"));
    // Underline the span's characters on this line (at least one caret).
    let line_chars = line_text.chars().count();
    let span_chars = source
        .get(span.start.min(source.len())..span.end.min(source.len()))
        .map(|s| s.chars().take_while(|c| *c != '\n').count())
        .unwrap_or(1);
    let width = span_chars.clamp(1, (line_chars + 1).saturating_sub(col - 1).max(1));
    let display_col: usize = line_text
        .chars()
        .take(col - 1)
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum();
    out.push_str(&format!(
        "{pad} | {}{}",
        " ".repeat(display_col),
        "^".repeat(width)
    ));
    if let Some(h) = err.hint() {
        out.push(' ');
        out.push_str(h);
    }
    out.push('\n');
    out
}
