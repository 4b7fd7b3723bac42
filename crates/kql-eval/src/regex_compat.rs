//! Compiles Kusto's regular expressions (RE2 syntax, q/re2.md) with the `regex` crate.
//!
//! The two dialects agree except where RE2 is more lenient: RE2 reads a `{` that does not
//! start a repetition (`{1-3}`, `{x}`, a trailing `{`) as a literal brace, while `regex`
//! rejects it. [`translate`] escapes those braces, so a pattern Kusto accepts compiles
//! here with the same meaning. Compiled programs are capped at [`SIZE_LIMIT`] bytes so a
//! hostile pattern (`(a{1000}){1000}`) is an error, not gigabytes of memory.

use regex::{Regex, RegexBuilder};
use std::borrow::Cow;

/// Largest compiled program accepted (the `regex` crate's own default is 10 MB).
pub const SIZE_LIMIT: usize = 10 << 20;

/// Compiles `pattern` with RE2's reading of stray braces.
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    RegexBuilder::new(&translate(pattern))
        .size_limit(SIZE_LIMIT)
        .build()
}

/// `pattern` with every `{` that does not open a counted repetition escaped.
pub fn translate(pattern: &str) -> Cow<'_, str> {
    if !pattern.contains('{') {
        return Cow::Borrowed(pattern);
    }
    let bytes = pattern.as_bytes();
    let mut out = String::with_capacity(pattern.len() + 4);
    let mut i = 0;
    let mut in_class = false;
    let mut changed = false;
    while i < bytes.len() {
        let c = bytes[i];
        match c {
            b'\\' => {
                // An escape and the (possibly multi-byte) character it escapes.
                let next = pattern[i + 1..].chars().next().map_or(0, char::len_utf8);
                out.push_str(&pattern[i..i + 1 + next]);
                i += 1 + next;
                continue;
            }
            b'[' if !in_class => {
                in_class = true;
                out.push('[');
                i += 1;
                // `[]...]` and `[^]...]`: a leading `]` is a literal.
                if bytes.get(i) == Some(&b'^') {
                    out.push('^');
                    i += 1;
                }
                if bytes.get(i) == Some(&b']') {
                    out.push(']');
                    i += 1;
                }
                continue;
            }
            b'[' if in_class && bytes.get(i + 1) == Some(&b':') => {
                // `[:alpha:]` inside a class.
                if let Some(end) = pattern[i + 2..].find(":]") {
                    let stop = i + 2 + end + 2;
                    out.push_str(&pattern[i..stop]);
                    i = stop;
                    continue;
                }
            }
            b']' if in_class => in_class = false,
            b'{' if !in_class && !is_repetition(&bytes[i..]) => {
                out.push_str("\\{");
                changed = true;
                i += 1;
                continue;
            }
            _ => {}
        }
        let len = pattern[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&pattern[i..i + len]);
        i += len;
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(pattern)
    }
}

/// Whether `text` (starting at `{`) opens `{n}`, `{n,}` or `{n,m}`.
fn is_repetition(text: &[u8]) -> bool {
    let mut i = 1;
    let digits = |i: &mut usize| {
        let start = *i;
        while text.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return false;
    }
    if text.get(i) == Some(&b',') {
        i += 1;
        digits(&mut i);
    }
    text.get(i) == Some(&b'}')
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn stray_braces_are_literals_as_in_re2() {
        // A detection rule writes `[0-9]{1-3}+`; RE2 reads `{1-3}` literally.
        assert_eq!(translate(r"a[0-9]{1-3}+"), r"a[0-9]\{1-3}+");
        let re = compile(r"_[0-9]{1-3}+").unwrap();
        assert!(re.is_match("_7{1-3}}}"));
        assert!(!re.is_match("_7"));
        assert_eq!(translate("{x}"), r"\{x}");
        assert_eq!(translate("a{"), r"a\{");
    }

    #[test]
    fn repetitions_classes_and_escapes_are_kept() {
        for p in [
            r"a{2}",
            r"a{2,}",
            r"a{2,5}",
            r"[{]",
            r"\{",
            r"[[:alpha:]{]",
            r"[]{]",
            "é{3}",
        ] {
            assert_eq!(translate(p), p, "{p}");
            compile(p).unwrap();
        }
        assert!(compile("a{2}").unwrap().is_match("aa"));
    }

    #[test]
    fn huge_programs_are_errors() {
        assert!(compile("(((a{100}){100}){100})").is_err());
    }
}
