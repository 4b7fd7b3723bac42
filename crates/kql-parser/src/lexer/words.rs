//! The one table of special words: operator words with `!` and `~`, dashed operator names,
//! timespan unit suffixes, raw-body literal keywords, and the words that cannot be plain names.

use crate::ast::TypeName;

/// Words that form one operator word when written right after `!` (`!has_cs`, `!between`).
pub const NEGATABLE_WORDS: &[&str] = &[
    "between",
    "contains",
    "contains_cs",
    "endswith",
    "endswith_cs",
    "has",
    "has_cs",
    "hasprefix",
    "hasprefix_cs",
    "hassuffix",
    "hassuffix_cs",
    "in",
    "startswith",
    "startswith_cs",
];

/// Operator names written with dashes, lexed as one word (`project-away`). Only these:
/// elsewhere `a-b` is a subtraction.
pub const DASHED_WORDS: &[&str] = &[
    "assert-schema",
    "graph-mark-components",
    "graph-match",
    "graph-merge",
    "graph-shortest-paths",
    "graph-to-table",
    "macro-expand",
    "make-graph",
    "make-series",
    "mv-apply",
    "mv-expand",
    "parse-kv",
    "parse-where",
    "project-away",
    "project-keep",
    "project-rename",
    "project-reorder",
    "project-smart",
    "sample-distinct",
    "top-hitters",
    "top-nested",
];

/// A timespan unit: its suffixes and its length. `nano` units are a hundredth of a tick,
/// so they carry `divisor = 100`.
pub struct TimeUnit {
    /// Suffixes naming this unit (`h`, `hr`, `hrs`, `hour`, `hours`).
    pub suffixes: &'static [&'static str],
    /// Ticks per unit (before `divisor`).
    pub ticks: i64,
    /// Divides `ticks` (100 for nanoseconds, else 1).
    pub divisor: i64,
}

/// 100 ns ticks per second.
pub const TICKS_PER_SECOND: i64 = 10_000_000;
/// Ticks per day.
pub const TICKS_PER_DAY: i64 = 86_400 * TICKS_PER_SECOND;

/// The timespan units, with the suffixes Kusto accepts after a number (`5m`, `1.5hours`).
pub const TIME_UNITS: &[TimeUnit] = &[
    TimeUnit {
        suffixes: &["d", "day", "days"],
        ticks: TICKS_PER_DAY,
        divisor: 1,
    },
    TimeUnit {
        suffixes: &["h", "hr", "hrs", "hour", "hours"],
        ticks: 3600 * TICKS_PER_SECOND,
        divisor: 1,
    },
    TimeUnit {
        suffixes: &["m", "min", "minute", "minutes"],
        ticks: 60 * TICKS_PER_SECOND,
        divisor: 1,
    },
    TimeUnit {
        suffixes: &["s", "sec", "second", "seconds"],
        ticks: TICKS_PER_SECOND,
        divisor: 1,
    },
    TimeUnit {
        suffixes: &[
            "ms",
            "milli",
            "millis",
            "millisec",
            "millisecond",
            "milliseconds",
        ],
        ticks: 10_000,
        divisor: 1,
    },
    TimeUnit {
        suffixes: &["micro", "micros", "microsec", "microsecond", "microseconds"],
        ticks: 10,
        divisor: 1,
    },
    TimeUnit {
        suffixes: &["nano", "nanos", "nanosec", "nanosecond", "nanoseconds"],
        ticks: 1,
        divisor: 100,
    },
    TimeUnit {
        suffixes: &["tick", "ticks"],
        ticks: 1,
        divisor: 1,
    },
];

/// The unit named by exactly `suffix`.
pub fn time_unit(suffix: &str) -> Option<&'static TimeUnit> {
    TIME_UNITS.iter().find(|u| u.suffixes.contains(&suffix))
}

/// The longest timespan suffix at the start of `text` (`"msx"` gives `"ms"`).
pub fn longest_time_suffix(text: &str) -> Option<&'static str> {
    TIME_UNITS
        .iter()
        .flat_map(|u| u.suffixes.iter().copied())
        .filter(|s| text.starts_with(s))
        .max_by_key(|s| s.len())
}

/// Keywords that, written right before `(`, start a raw-body literal: `datetime(...)`.
pub fn typed_literal_keyword(word: &str) -> Option<TypeName> {
    Some(match word {
        "bool" => TypeName::Bool,
        "int" => TypeName::Int,
        "long" => TypeName::Long,
        "real" | "double" => TypeName::Real,
        "decimal" => TypeName::Decimal,
        "datetime" | "date" => TypeName::DateTime,
        "timespan" | "time" => TypeName::TimeSpan,
        "guid" => TypeName::Guid,
        _ => return None,
    })
}

/// The boolean literal words.
pub fn bool_word(word: &str) -> Option<bool> {
    match word {
        "true" | "True" | "TRUE" => Some(true),
        "false" | "False" | "FALSE" => Some(false),
        _ => None,
    }
}

/// Words that cannot start an expression: binary-operator and clause keywords, and the
/// words that start a statement or a tabular source. As names they must be quoted
/// (`['by']`).
pub fn is_reserved_in_expr(word: &str) -> bool {
    matches!(
        word,
        "and"
            | "or"
            | "by"
            | "asc"
            | "desc"
            | "in"
            | "!in"
            | "in~"
            | "!in~"
            | "between"
            | "!between"
            | "has_any"
            | "has_all"
            | "matches"
            | "like"
            | "notlike"
            | "likecs"
            | "notlikecs"
            | "let"
            | "set"
            | "print"
            | "union"
            | "datatable"
            | "where"
    ) || string_op_word(word).is_some()
}

/// Words that must be quoted when printed as a plain name, because the parser gives them a
/// meaning somewhere a name can appear.
pub fn needs_quotes_as_name(word: &str) -> bool {
    is_reserved_in_expr(word)
        || bool_word(word).is_some()
        || typed_literal_keyword(word).is_some()
        || matches!(
            word,
            "dynamic"
                | "typeof"
                | "range"
                | "from"
                | "to"
                | "step"
                | "nulls"
                | "first"
                | "last"
                | "kind"
                | "withsource"
                | "isfuzzy"
                | "null"
        )
}

/// The string operator a word names: `has`, `!contains_cs`, ... as
/// `(family, negated, case_sensitive)`.
pub fn string_op_word(word: &str) -> Option<(crate::ast::StringOpKind, bool, bool)> {
    use crate::ast::StringOpKind as K;
    let (negated, rest) = match word.strip_prefix('!') {
        Some(rest) => (true, rest),
        None => (false, word),
    };
    let (cs, base) = match rest.strip_suffix("_cs") {
        Some(base) => (true, base),
        None => (false, rest),
    };
    let kind = match base {
        "has" => K::Has,
        "hasprefix" => K::HasPrefix,
        "hassuffix" => K::HasSuffix,
        "contains" => K::Contains,
        // Legacy spellings the official parser still accepts: `notcontains`, `containscs`.
        "notcontains" if !negated => return Some((K::Contains, true, cs)),
        "containscs" if !negated && !cs => return Some((K::Contains, false, true)),
        "notcontainscs" if !negated && !cs => return Some((K::Contains, true, true)),
        "startswith" => K::StartsWith,
        "endswith" => K::EndsWith,
        _ => return None,
    };
    Some((kind, negated, cs))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ast::StringOpKind;

    #[test]
    fn string_op_words_decompose() {
        assert_eq!(
            string_op_word("!hasprefix_cs"),
            Some((StringOpKind::HasPrefix, true, true))
        );
        assert_eq!(
            string_op_word("contains"),
            Some((StringOpKind::Contains, false, false))
        );
        assert_eq!(string_op_word("has_any"), None);
        assert_eq!(string_op_word("!in"), None);
    }

    #[test]
    fn longest_suffix_wins() {
        assert_eq!(longest_time_suffix("msx"), Some("ms"));
        assert_eq!(longest_time_suffix("minutes"), Some("minutes"));
        assert_eq!(longest_time_suffix("mins"), Some("min"));
        assert_eq!(longest_time_suffix("w"), None);
    }
}
