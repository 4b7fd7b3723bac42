//! String operators (q/datatypes-string-operators.md): `has` (whole terms), `hasprefix`,
//! `hassuffix`, `contains`, `startswith`, `endswith` with `!` and `_cs` forms, `=~`,
//! `matches regex`.
//!
//! A term is a maximal run of alphanumeric characters. A needle matches as a substring
//! whose start lies on a term boundary when the needle starts with an alphanumeric
//! character, and whose end lies on a term boundary when it ends with one (so
//! `'x.rmm.datto.com/y' has 'rmm.datto.com'` is true and `'xrmm.datto.com' has
//! 'rmm.datto.com'` is false). `hasprefix` checks only the start, `hassuffix` only the end.

use super::kernel::{bools_result, loop_rows, string_predicate, strs, Strs};
use super::ColumnarValue;
use crate::error::{EvalError, EvalErrorKind};
use aho_corasick::AhoCorasick;
use kql_parser::ast::{StringOp, StringOpKind};
use std::borrow::Cow;

/// Which boundaries a match needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MatchKind {
    /// Whole term: both ends on term boundaries.
    Term,
    /// Term prefix: the start on a boundary.
    TermPrefix,
    /// Term suffix: the end on a boundary.
    TermSuffix,
    /// Any substring.
    Substring,
}

/// Several needles searched in one pass over a haystack (Aho-Corasick), with the
/// boundary check done on candidate hits only.
#[derive(Debug, Clone)]
pub struct TermMatcher {
    kind: MatchKind,
    case_sensitive: bool,
    needles: Vec<String>,
    ac: Option<AhoCorasick>,
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric()
}

impl TermMatcher {
    /// A matcher for `needles`; case-insensitive ones fold with Unicode lower-casing.
    pub fn new(needles: &[&str], kind: MatchKind, case_sensitive: bool) -> Result<Self, EvalError> {
        let needles: Vec<String> = needles
            .iter()
            .map(|n| {
                if case_sensitive {
                    n.to_string()
                } else {
                    n.to_lowercase()
                }
            })
            .collect();
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(!case_sensitive)
            .build(&needles)
            .map_err(|e| EvalError::new(EvalErrorKind::Internal(format!("matcher: {e}"))))?;
        Ok(TermMatcher {
            kind,
            case_sensitive,
            needles,
            ac: Some(ac),
        })
    }

    fn boundary_ok(&self, hay: &str, needle: &str, start: usize, end: usize) -> bool {
        let check_start = matches!(self.kind, MatchKind::Term | MatchKind::TermPrefix)
            && needle.chars().next().is_some_and(is_word);
        let check_end = matches!(self.kind, MatchKind::Term | MatchKind::TermSuffix)
            && needle.chars().next_back().is_some_and(is_word);
        (!check_start || !hay[..start].chars().next_back().is_some_and(is_word))
            && (!check_end || !hay[end..].chars().next().is_some_and(is_word))
    }

    fn folded<'h>(&self, hay: &'h str) -> Cow<'h, str> {
        if self.case_sensitive || hay.is_ascii() {
            Cow::Borrowed(hay)
        } else {
            Cow::Owned(hay.to_lowercase())
        }
    }

    /// Bit set (as a `Vec<bool>`) of which needles match somewhere in `hay`, stopping
    /// early when `any` is set and one matched.
    fn scan(&self, hay: &str, any: bool) -> Vec<bool> {
        let mut found = vec![false; self.needles.len()];
        let Some(ac) = &self.ac else { return found };
        let hay = self.folded(hay);
        for m in ac.find_overlapping_iter(hay.as_ref()) {
            let p = m.pattern().as_usize();
            if found.get(p).copied().unwrap_or(true) {
                continue;
            }
            let needle = &self.needles[p];
            if self.boundary_ok(&hay, needle, m.start(), m.end()) {
                found[p] = true;
                if any {
                    break;
                }
            }
        }
        found
    }

    /// True when some needle matches `hay`.
    pub fn matches_any(&self, hay: &str) -> bool {
        !self.needles.is_empty() && self.scan(hay, true).iter().any(|b| *b)
    }

    /// True when every needle matches `hay`.
    pub fn matches_all(&self, hay: &str) -> bool {
        self.scan(hay, false).iter().all(|b| *b)
    }
}

fn eq_ci(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

fn starts_with(h: &str, n: &str, cs: bool) -> bool {
    if cs {
        h.starts_with(n)
    } else if h.is_ascii() && n.is_ascii() {
        h.len() >= n.len() && h.as_bytes()[..n.len()].eq_ignore_ascii_case(n.as_bytes())
    } else {
        h.to_lowercase().starts_with(&n.to_lowercase())
    }
}

fn ends_with(h: &str, n: &str, cs: bool) -> bool {
    if cs {
        h.ends_with(n)
    } else if h.is_ascii() && n.is_ascii() {
        h.len() >= n.len() && h.as_bytes()[h.len() - n.len()..].eq_ignore_ascii_case(n.as_bytes())
    } else {
        h.to_lowercase().ends_with(&n.to_lowercase())
    }
}

fn match_kind(k: StringOpKind) -> Option<MatchKind> {
    match k {
        StringOpKind::Has => Some(MatchKind::Term),
        StringOpKind::HasPrefix => Some(MatchKind::TermPrefix),
        StringOpKind::HasSuffix => Some(MatchKind::TermSuffix),
        StringOpKind::Contains => Some(MatchKind::Substring),
        StringOpKind::StartsWith | StringOpKind::EndsWith => None,
    }
}

/// One string operator on one haystack/needle pair (used when the needle varies by row).
fn single(op: StringOp, h: &str, n: &str) -> Result<bool, EvalError> {
    let cs = op.case_sensitive;
    Ok(match match_kind(op.kind) {
        Some(kind) => TermMatcher::new(&[n], kind, cs)?.matches_any(h),
        None if op.kind == StringOpKind::StartsWith => starts_with(h, n, cs),
        None => ends_with(h, n, cs),
    })
}

/// `lhs op rhs` for a string operator.
pub fn string_op(
    op: StringOp,
    l: &ColumnarValue,
    r: &ColumnarValue,
    rows: usize,
) -> Result<ColumnarValue, EvalError> {
    let (all_scalar, n) = loop_rows(&[l, r], rows);
    let (a, b) = match (strs(l), strs(r)) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(EvalError::internal("string operator on non-strings")),
    };
    let neg = op.negated;
    let out = match b {
        Strs::Scalar(needle) => {
            let pred: Box<dyn Fn(&str) -> bool> = match match_kind(op.kind) {
                Some(kind) => {
                    let m = TermMatcher::new(&[needle], kind, op.case_sensitive)?;
                    Box::new(move |h| m.matches_any(h))
                }
                None if op.kind == StringOpKind::StartsWith => {
                    Box::new(move |h| starts_with(h, needle, op.case_sensitive))
                }
                None => Box::new(move |h| ends_with(h, needle, op.case_sensitive)),
            };
            match a {
                Strs::Col(c) => string_predicate(c, |h| Some(pred(h) != neg)),
                Strs::Scalar(h) => vec![Some(pred(h) != neg)],
            }
        }
        Strs::Col(_) => (0..n)
            .map(|i| single(op, a.get(i), b.get(i)).map(|x| Some(x != neg)))
            .collect::<Result<_, _>>()?,
    };
    Ok(bools_result(all_scalar, out))
}

/// `lhs =~ rhs` / `lhs !~ rhs`.
pub fn equals_ci(
    negated: bool,
    l: &ColumnarValue,
    r: &ColumnarValue,
    rows: usize,
) -> Result<ColumnarValue, EvalError> {
    let (all_scalar, n) = loop_rows(&[l, r], rows);
    let (a, b) = match (strs(l), strs(r)) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(EvalError::internal("=~ on non-strings")),
    };
    let out = match (a, b) {
        (Strs::Col(c), Strs::Scalar(s)) => string_predicate(c, |h| Some(eq_ci(h, s) != negated)),
        _ => (0..n)
            .map(|i| Some(eq_ci(a.get(i), b.get(i)) != negated))
            .collect(),
    };
    Ok(bools_result(all_scalar, out))
}

/// `lhs matches regex rhs` (unanchored search).
pub fn matches_regex(
    l: &ColumnarValue,
    r: &ColumnarValue,
    rows: usize,
) -> Result<ColumnarValue, EvalError> {
    let (all_scalar, n) = loop_rows(&[l, r], rows);
    let (a, b) = match (strs(l), strs(r)) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(EvalError::internal("matches regex on non-strings")),
    };
    let compile = |p: &str| {
        crate::regex_compat::compile(p).map_err(|e| {
            EvalError::new(EvalErrorKind::InvalidRegex {
                message: e.to_string(),
            })
        })
    };
    let out = match (a, b) {
        (Strs::Col(c), Strs::Scalar(p)) => {
            let re = compile(p)?;
            string_predicate(c, |h| Some(re.is_match(h)))
        }
        _ => (0..n)
            .map(|i| compile(b.get(i)).map(|re| Some(re.is_match(a.get(i)))))
            .collect::<Result<_, _>>()?,
    };
    Ok(bools_result(all_scalar, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(h: &str, n: &str) -> bool {
        TermMatcher::new(&[n], MatchKind::Term, false)
            .unwrap()
            .matches_any(h)
    }

    #[test]
    fn has_is_whole_term() {
        // q/datatypes-string-operators.md; kql-semantics.md §5.2
        assert!(has("North America", "america"));
        assert!(!has("KustoExplorerQueryRun", "Explorer"));
        assert!(!has("BA", "b"));
        assert!(!has("xrmm.datto.com.evil.net", "rmm.datto.com"));
        assert!(has("RMM.DATTO.COM.evil.net", "rmm.datto.com"));
        assert!(has("https://rmm.datto.com/x", "rmm.datto.com"));
        assert!(!has("rmm.datto.company", "rmm.datto.com"));
        assert!(!has("agent.centrastage.network", "agent.centrastage.net"));
        // The first occurrence fails the boundary, a later one passes.
        assert!(has("xrmm.datto.com rmm.datto.com", "rmm.datto.com"));
        assert!(has("Ünïcode ÉTÉ word", "été"));
    }

    #[test]
    fn prefix_suffix_and_all() {
        let p = TermMatcher::new(&["ame"], MatchKind::TermPrefix, false).unwrap();
        assert!(p.matches_any("North America"));
        let s = TermMatcher::new(&["th"], MatchKind::TermSuffix, false).unwrap();
        assert!(s.matches_any("NORTH CAROLINA"));
        let all = TermMatcher::new(&["south", "north"], MatchKind::Term, false).unwrap();
        assert!(all.matches_all("North and South America"));
        assert!(!all.matches_all("North America"));
    }

    #[test]
    fn starts_ends_case() {
        assert!(starts_with("FabriKam", "fab", false));
        assert!(!starts_with("FabriKam", "fab", true));
        assert!(ends_with("FabriKam", "KAM", false));
    }
}
