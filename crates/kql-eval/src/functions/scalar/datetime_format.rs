//! `format_datetime` / `format_timespan` format strings: .NET-like specifiers (`yyyy`,
//! `MM`, `dd`, `HH`, `hh`, `mm`, `ss`, `f`…`fffffff`, `F`…`FFFFFFF`, `tt`); other
//! characters are copied. (q/format-datetime-function.md, q/format-timespan-function.md)

use super::datetime::civil;
use crate::format::{TICKS_PER_DAY, TICKS_PER_SECOND};
use chrono::Datelike;
use std::fmt::Write;

/// One piece of a format string.
enum Piece<'a> {
    /// A run of one specifier letter: the letter and the run length.
    Spec(char, usize),
    /// Text copied as is.
    Lit(&'a str),
}

/// Splits a format into specifier runs (`letters`) and literal text; `'...'`/`"..."` quote
/// literal text and `\` escapes one character.
fn pieces<'a>(fmt: &'a str, letters: &str) -> Vec<Piece<'a>> {
    let mut out = Vec::new();
    let mut it = fmt.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if letters.contains(c) {
            let mut n = 1;
            while it.next_if(|(_, x)| *x == c).is_some() {
                n += 1;
            }
            out.push(Piece::Spec(c, n));
        } else if c == '\'' || c == '"' {
            let start = i + 1;
            let mut end = fmt.len();
            for (j, x) in it.by_ref() {
                if x == c {
                    end = j;
                    break;
                }
            }
            out.push(Piece::Lit(fmt.get(start..end).unwrap_or("")));
        } else if c == '\\' {
            if let Some((j, x)) = it.next() {
                out.push(Piece::Lit(fmt.get(j..j + x.len_utf8()).unwrap_or("")));
            }
        } else {
            out.push(Piece::Lit(fmt.get(i..i + c.len_utf8()).unwrap_or("")));
        }
    }
    out
}

/// `f`/`F` runs: the first `n` digits of the 7-digit fraction; `F` drops trailing zeros.
fn push_fraction(out: &mut String, frac_ticks: i64, n: usize, trim: bool) {
    let digits = format!("{frac_ticks:07}");
    let d = digits.get(..n.min(7)).unwrap_or("");
    if trim {
        out.push_str(d.trim_end_matches('0'));
    } else {
        out.push_str(d);
    }
}

fn push_num(out: &mut String, v: i64, width: usize) {
    let _ = write!(out, "{v:0width$}");
}

const DAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn push_name(out: &mut String, name: &str, full: bool) {
    if full {
        out.push_str(name);
    } else {
        out.extend(name.chars().take(3));
    }
}

/// Appends `ticks` (a datetime) formatted with `fmt`.
pub(crate) fn format_datetime_with(out: &mut String, ticks: i64, fmt: &str) {
    let Some((date, tod)) = civil(ticks) else {
        return;
    };
    let hour = tod / (3600 * TICKS_PER_SECOND);
    let frac = tod % TICKS_PER_SECOND;
    for p in pieces(fmt, "dfFhHmMsyt") {
        match p {
            Piece::Lit(s) => out.push_str(s),
            Piece::Spec('d', n) if n >= 3 => {
                let wd = date.weekday().num_days_from_monday() as usize;
                push_name(out, DAYS.get(wd).copied().unwrap_or(""), n > 3);
            }
            Piece::Spec('d', n) => push_num(out, date.day().into(), n),
            Piece::Spec('f', n) => push_fraction(out, frac, n, false),
            Piece::Spec('F', n) => push_fraction(out, frac, n, true),
            Piece::Spec('h', n) => push_num(out, (hour + 11) % 12 + 1, n.min(2)),
            Piece::Spec('H', n) => push_num(out, hour, n.min(2)),
            Piece::Spec('m', n) => push_num(out, tod / (60 * TICKS_PER_SECOND) % 60, n.min(2)),
            Piece::Spec('M', n) if n >= 3 => {
                let m = date.month0() as usize;
                push_name(out, MONTHS.get(m).copied().unwrap_or(""), n > 3);
            }
            Piece::Spec('M', n) => push_num(out, date.month().into(), n),
            Piece::Spec('s', n) => push_num(out, tod / TICKS_PER_SECOND % 60, n.min(2)),
            Piece::Spec('y', n) if n <= 2 => push_num(out, i64::from(date.year() % 100), n),
            Piece::Spec('y', n) => push_num(out, date.year().into(), n),
            Piece::Spec('t', n) => {
                let ampm = if hour < 12 { "AM" } else { "PM" };
                out.push_str(if n == 1 {
                    ampm.get(..1).unwrap_or("")
                } else {
                    ampm
                });
            }
            Piece::Spec(c, _) => out.push(c),
        }
    }
}

/// Appends `ticks` (a timespan) formatted with `fmt`; negative spans get a leading `-`.
pub(crate) fn format_timespan_with(out: &mut String, ticks: i64, fmt: &str) {
    if ticks < 0 {
        out.push('-');
    }
    let abs = ticks.unsigned_abs();
    let tpd = TICKS_PER_DAY as u64;
    let tps = TICKS_PER_SECOND as u64;
    let days = abs / tpd;
    let rem = abs % tpd;
    let (h, m, s) = (rem / (3600 * tps), rem / (60 * tps) % 60, rem / tps % 60);
    let frac = (rem % tps) as i64;
    for p in pieces(fmt, "dfFhHms") {
        match p {
            Piece::Lit(x) => out.push_str(x),
            Piece::Spec('d', n) => {
                let _ = write!(out, "{days:0n$}");
            }
            Piece::Spec('f', n) => push_fraction(out, frac, n, false),
            Piece::Spec('F', n) => push_fraction(out, frac, n, true),
            Piece::Spec('h' | 'H', n) => {
                let _ = write!(out, "{h:0w$}", w = n.min(2));
            }
            Piece::Spec('m', n) => {
                let _ = write!(out, "{m:0w$}", w = n.min(2));
            }
            Piece::Spec('s', n) => {
                let _ = write!(out, "{s:0w$}", w = n.min(2));
            }
            Piece::Spec(c, _) => out.push(c),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::functions::scalar::convert::{parse_datetime_text, parse_timespan_text};

    fn fd(dt: &str, fmt: &str) -> String {
        let mut s = String::new();
        format_datetime_with(&mut s, parse_datetime_text(dt).unwrap(), fmt);
        s
    }

    fn ft(ts: &str, fmt: &str) -> String {
        let mut s = String::new();
        format_timespan_with(&mut s, parse_timespan_text(ts).unwrap(), fmt);
        s
    }

    #[test]
    fn datetime_doc_examples() {
        // q/format-datetime-function.md examples
        let dt = "2017-01-29 09:00:05";
        assert_eq!(fd(dt, "yy-MM-dd [HH:mm:ss]"), "17-01-29 [09:00:05]");
        assert_eq!(fd(dt, "yyyy-M-dd [H:mm:ss]"), "2017-1-29 [9:00:05]");
        assert_eq!(fd(dt, "yy-MM-dd [hh:mm:ss tt]"), "17-01-29 [09:00:05 AM]");
        assert_eq!(
            fd("2009-06-15T13:45:30.6170000", "fff|FF|h|tt"),
            "617|61|1|PM"
        );
        assert_eq!(fd("2009-06-15T13:45:30.05", "f|F"), "0|");
        assert_eq!(fd("0900-01-01", "y|yy|yyyy"), "0|00|0900");
        assert_eq!(fd("2009-06-15", "ddd, dd MMM yyyy"), "Mon, 15 Jun 2009");
    }

    #[test]
    fn timespan_doc_examples() {
        // q/format-timespan-function.md examples
        let t = "29.09:00:05.12345";
        assert_eq!(ft(t, "dd.hh:mm:ss:FF"), "29.09:00:05:12");
        assert_eq!(ft(t, "ddd.h:mm:ss [fffffff]"), "029.9:00:05 [1234500]");
        assert_eq!(ft("-01:00:00", "hh:mm"), "-01:00");
    }
}
