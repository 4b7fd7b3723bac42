//! `parse-kv` (q/parse-kv-operator.md): the listed keys' values, typed; a missing key is
//! null (`""` for strings); the first occurrence of a key wins; values are trimmed.

use super::{execute, ExecContext};
use crate::bind::ops::{KvMode, ParseKvPlan};
use crate::error::EvalError;
use crate::expr::{evaluate, ColumnarValue};
use crate::functions::scalar::convert::cast;
use crate::table::{Column, Field, StringColumn, Table};
use crate::types::DataType;
use std::collections::HashMap;
use std::sync::Arc;

/// Reads a quoted run starting at `s[0]` (a quote); returns the unquoted text and the
/// bytes consumed.
fn quoted(s: &str, escape: Option<char>) -> (String, usize) {
    let mut chars = s.char_indices();
    let Some((_, q)) = chars.next() else {
        return (String::new(), 0);
    };
    let mut out = String::new();
    while let Some((i, c)) = chars.next() {
        if Some(c) == escape {
            if let Some((_, n)) = chars.next() {
                out.push(n);
            }
        } else if c == q {
            return (out, i + c.len_utf8());
        } else {
            out.push(c);
        }
    }
    (out, s.len())
}

/// The pairs of `text` in delimited mode.
fn delimited(
    text: &str,
    pair: &str,
    kv: &str,
    quotes: &[char],
    escape: Option<char>,
    greedy: bool,
) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while !rest.is_empty() {
        rest = rest.trim_start();
        // key
        let (key, used) = if rest.starts_with(|c| quotes.contains(&c)) {
            quoted(rest, escape)
        } else {
            let end = [rest.find(kv), rest.find(pair)]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(rest.len());
            (rest[..end].trim().to_string(), end)
        };
        rest = &rest[used..];
        if let Some(after) = rest.strip_prefix(kv) {
            let after = after.trim_start();
            let (value, used) = if after.starts_with(|c| quotes.contains(&c)) {
                let (v, u) = quoted(after, escape);
                let tail = &after[u..];
                (v, u + tail.find(pair).unwrap_or(tail.len()))
            } else if greedy {
                // Up to the next pair delimiter that starts another `key kv` pair.
                let mut end = after.len();
                let mut from = 0;
                while let Some(p) = after[from..].find(pair) {
                    let at = from + p;
                    let next = &after[at + pair.len()..];
                    let key_end = next.find(pair).unwrap_or(next.len());
                    if next[..key_end].contains(kv) {
                        end = at;
                        break;
                    }
                    from = at + pair.len();
                }
                (after[..end].trim().to_string(), end)
            } else {
                let end = after.find(pair).unwrap_or(after.len());
                (after[..end].trim().to_string(), end)
            };
            if !key.is_empty() {
                out.push((key, value));
            }
            rest = &after[used..];
        }
        match rest.find(pair) {
            Some(p) => rest = &rest[p + pair.len()..],
            None => break,
        }
    }
    out
}

/// The tokens of `text` in loose mode: runs of word characters, or quoted runs.
fn loose_tokens(text: &str, quotes: &[char], escape: Option<char>) -> Vec<String> {
    let word = |c: char| c.is_alphanumeric() || matches!(c, '_' | '.' | '-');
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if quotes.contains(&c) {
            let (v, used) = quoted(rest, escape);
            out.push(v);
            rest = &rest[used.max(1)..];
        } else if word(c) {
            let end = rest.find(|c: char| !word(c)).unwrap_or(rest.len());
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        } else {
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The key/value pairs of one text.
fn pairs(mode: &KvMode, text: &str, keys: &[(String, DataType)]) -> HashMap<String, String> {
    let mut found: HashMap<String, String> = HashMap::new();
    let mut add = |k: String, v: String| {
        found.entry(k).or_insert(v);
    };
    match mode {
        KvMode::Delimited {
            pair,
            kv,
            quotes,
            escape,
            greedy,
        } => {
            for (k, v) in delimited(text, pair, kv, quotes, *escape, *greedy) {
                add(k, v);
            }
        }
        KvMode::Regex(re) => {
            for c in re.captures_iter(text) {
                let k = c.get(1).map_or("", |m| m.as_str()).trim().to_string();
                let v = c.get(2).map_or("", |m| m.as_str()).trim().to_string();
                add(k, v);
            }
        }
        KvMode::Loose { quotes, escape } => {
            let tokens = loose_tokens(text, quotes, *escape);
            for w in tokens.windows(2) {
                if keys.iter().any(|(k, _)| *k == w[0]) {
                    add(w[0].clone(), w[1].clone());
                }
            }
        }
    }
    found
}

/// Runs `p` over its input; the output has `schema`.
pub fn parse_kv(p: &ParseKvPlan, schema: &[Field], ctx: &ExecContext) -> Result<Table, EvalError> {
    let input = execute(&p.input, ctx)?;
    let rows = input.num_rows();
    let text = evaluate(&p.expr, &input, ctx.now)?.into_column(rows);
    let Column::String(strings) = text.as_ref() else {
        return Err(EvalError::internal("parse-kv input is not a string"));
    };
    let mut values: Vec<Vec<String>> = vec![Vec::with_capacity(rows); p.keys.len()];
    for r in 0..rows {
        if r % 65_536 == 0 {
            ctx.check_time()?;
        }
        let found = pairs(&p.mode, strings.get(r), &p.keys);
        for (k, (key, _)) in p.keys.iter().enumerate() {
            values[k].push(found.get(key).cloned().unwrap_or_default());
        }
    }
    let parsed: Vec<Arc<Column>> = p
        .keys
        .iter()
        .zip(&values)
        .map(|((_, ty), v)| {
            let col = Arc::new(Column::String(StringColumn::from_strs(
                v.iter().map(String::as_str),
            )));
            if *ty == DataType::String {
                col
            } else {
                cast(&ColumnarValue::Column(col), *ty).into_column(rows)
            }
        })
        .collect();
    let mut columns = Vec::with_capacity(schema.len());
    for out in &p.outputs {
        columns.push(match *out {
            Ok(i) => input
                .columns()
                .get(i)
                .cloned()
                .ok_or_else(|| EvalError::internal("parse-kv input column"))?,
            Err(k) => Arc::clone(&parsed[k]),
        });
    }
    Table::new(schema.to_vec(), columns).map_err(|e| EvalError::internal(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimited_pairs_with_quotes_and_greedy() {
        let p = delimited("a=1, b='x, y', c=3", ",", "=", &['\''], None, false);
        assert_eq!(
            p,
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x, y".into()),
                ("c".into(), "3".into())
            ]
        );
        let g = delimited("name=John Smith age=30", " ", "=", &[], None, true);
        assert_eq!(
            g,
            vec![
                ("name".into(), "John Smith".into()),
                ("age".into(), "30".into())
            ]
        );
    }
}
