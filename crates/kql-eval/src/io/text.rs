//! Text to typed values: the forms that data files use for datetimes, timespans, numbers
//! and booleans. Fast hand-written parsers: these run once per cell on large files.

use crate::format::{MAX_DATETIME_TICKS, TICKS_PER_DAY, TICKS_PER_SECOND, UNIX_EPOCH_TICKS};

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A cursor over ASCII bytes.
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// Exactly `n` digits as a number.
    fn digits(&mut self, n: usize) -> Option<u32> {
        let mut v = 0u32;
        for _ in 0..n {
            let c = self.peek()?;
            if !c.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(c - b'0');
            self.i += 1;
        }
        Some(v)
    }

    /// One or more digits; the first seven as 100 ns ticks of a fraction, the rest dropped.
    fn fraction_ticks(&mut self) -> Option<i64> {
        let start = self.i;
        let mut ticks = 0i64;
        while let Some(c) = self.peek().filter(u8::is_ascii_digit) {
            if self.i - start < 7 {
                ticks = ticks * 10 + i64::from(c - b'0');
            }
            self.i += 1;
        }
        let n = self.i - start;
        if n == 0 {
            return None;
        }
        for _ in n..7 {
            ticks *= 10;
        }
        Some(ticks)
    }

    fn at_end(&self) -> bool {
        self.i >= self.b.len()
    }
}

/// Parses an ISO 8601 datetime: `YYYY-MM-DD`, then `T` or a space and `hh:mm[:ss[.f...]]`,
/// then an optional `Z` or `±hh[:mm]` offset (none means UTC). With `require_time`, a date
/// alone is rejected (used when inferring column types). Fractions keep 7 digits (100 ns);
/// further digits are dropped.
pub fn parse_iso_datetime(s: &str, require_time: bool) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 10 || b.get(4) != Some(&b'-') {
        return None;
    }
    let mut c = Cursor { b, i: 0 };
    let year = i64::from(c.digits(4)?);
    c.eat(b'-').then_some(())?;
    let month = c.digits(2)?;
    c.eat(b'-').then_some(())?;
    let day = c.digits(2)?;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    let (mut hour, mut minute, mut second, mut frac) = (0u32, 0u32, 0u32, 0i64);
    let mut offset_secs = 0i64;
    if c.at_end() {
        if require_time {
            return None;
        }
    } else {
        if !(c.eat(b'T') || c.eat(b' ') || c.eat(b't')) {
            return None;
        }
        hour = c.digits(2)?;
        c.eat(b':').then_some(())?;
        minute = c.digits(2)?;
        if c.eat(b':') {
            second = c.digits(2)?;
            if c.eat(b'.') || c.eat(b',') {
                frac = c.fraction_ticks()?;
            }
        }
        if hour > 23 || minute > 59 || second > 59 {
            return None;
        }
        match c.peek() {
            None => {}
            Some(b'Z' | b'z') => c.i += 1,
            Some(sign @ (b'+' | b'-')) => {
                c.i += 1;
                let oh = c.digits(2)?;
                let om = if c.eat(b':') {
                    c.digits(2)?
                } else if c.at_end() {
                    0
                } else {
                    c.digits(2)?
                };
                if oh > 23 || om > 59 {
                    return None;
                }
                let o = i64::from(oh * 3600 + om * 60);
                offset_secs = if sign == b'+' { o } else { -o };
            }
            Some(_) => return None,
        }
        if !c.at_end() {
            return None;
        }
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + i64::from(hour * 3600 + minute * 60 + second) - offset_secs;
    let ticks = secs
        .checked_mul(TICKS_PER_SECOND)?
        .checked_add(frac)?
        .checked_add(UNIX_EPOCH_TICKS)?;
    (0..=MAX_DATETIME_TICKS).contains(&ticks).then_some(ticks)
}

/// Parses datetime text for a `datetime` column: ISO 8601 (a date alone is midnight), or
/// RFC 2822 (`Sat, 8 Nov 2014 15:05:02 GMT`).
// TODO(lead): also accept the other forms of kql_parser::parse_datetime_text once it exists.
pub fn parse_datetime(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Some(v) = parse_iso_datetime(t, false) {
        return Some(v);
    }
    let dt = chrono::DateTime::parse_from_rfc2822(t).ok()?;
    crate::format::chrono_to_ticks(&dt.with_timezone(&chrono::Utc))
        .filter(|v| (0..=MAX_DATETIME_TICKS).contains(v))
}

/// Parses timespan text `[-][d.]hh:mm[:ss[.fffffff]]`, or a number with a unit (`2d`,
/// `1.5h`, `30m`, `10s`, `100ms`, `10microsecond`, `1tick`).
// TODO(lead): use kql_parser::parse_timespan_text once it exists.
pub fn parse_timespan(s: &str) -> Option<i64> {
    let t = s.trim();
    let (neg, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t),
    };
    let v = parse_clock_timespan(body).or_else(|| parse_unit_timespan(body))?;
    Some(if neg { -v } else { v })
}

fn parse_clock_timespan(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let mut c = Cursor { b, i: 0 };
    // Leading number: days (followed by '.') or hours (followed by ':').
    let start = c.i;
    let mut lead: i64 = 0;
    while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
        lead = lead.checked_mul(10)?.checked_add(i64::from(d - b'0'))?;
        c.i += 1;
    }
    if c.i == start {
        return None;
    }
    let (days, hours) = if c.eat(b'.') {
        let hs = c.i;
        let mut h = 0i64;
        while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
            h = h * 10 + i64::from(d - b'0');
            c.i += 1;
            if c.i - hs > 2 {
                return None;
            }
        }
        if c.i == hs {
            return None;
        }
        (lead, h)
    } else {
        (0, lead)
    };
    c.eat(b':').then_some(())?;
    let minutes = i64::from(c.digits(2)?);
    let mut seconds = 0i64;
    let mut frac = 0i64;
    if c.eat(b':') {
        seconds = i64::from(c.digits(2)?);
        if c.eat(b'.') {
            frac = c.fraction_ticks()?;
        }
    }
    if !c.at_end() || (hours > 23 && days > 0) || minutes > 59 || seconds > 59 {
        return None;
    }
    let secs = hours * 3600 + minutes * 60 + seconds;
    days.checked_mul(TICKS_PER_DAY)?
        .checked_add(secs.checked_mul(TICKS_PER_SECOND)?)?
        .checked_add(frac)
}

fn parse_unit_timespan(s: &str) -> Option<i64> {
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(split);
    if num.is_empty() {
        return None;
    }
    let per: i64 = match unit {
        "d" | "day" | "days" => TICKS_PER_DAY,
        "h" | "hr" | "hrs" | "hour" | "hours" => 3600 * TICKS_PER_SECOND,
        "m" | "min" | "minute" | "minutes" => 60 * TICKS_PER_SECOND,
        "s" | "sec" | "second" | "seconds" => TICKS_PER_SECOND,
        "ms" | "milli" | "millis" | "millisecond" | "milliseconds" => 10_000,
        "microsecond" | "microseconds" => 10,
        "tick" | "ticks" => 1,
        _ => return None,
    };
    if let Ok(n) = num.parse::<i64>() {
        return n.checked_mul(per);
    }
    let f: f64 = num.parse().ok()?;
    let v = (f * per as f64).round();
    (v.is_finite() && v.abs() < 9.2e18).then_some(v as i64)
}

/// True when `s` follows the JSON number grammar: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
/// Returns `Some(is_integer)`.
fn json_number_shape(s: &str) -> Option<bool> {
    let b = s.as_bytes();
    let mut c = Cursor { b, i: 0 };
    c.eat(b'-');
    match c.peek() {
        Some(b'0') => c.i += 1,
        Some(b'1'..=b'9') => {
            while c.peek().is_some_and(|d| d.is_ascii_digit()) {
                c.i += 1;
            }
        }
        _ => return None,
    }
    let mut integer = true;
    if c.eat(b'.') {
        integer = false;
        let s0 = c.i;
        while c.peek().is_some_and(|d| d.is_ascii_digit()) {
            c.i += 1;
        }
        if c.i == s0 {
            return None;
        }
    }
    if c.eat(b'e') || c.eat(b'E') {
        integer = false;
        if !c.eat(b'+') {
            c.eat(b'-');
        }
        let s0 = c.i;
        while c.peek().is_some_and(|d| d.is_ascii_digit()) {
            c.i += 1;
        }
        if c.i == s0 {
            return None;
        }
    }
    c.at_end().then_some(integer)
}

/// A CSV cell that type inference reads as a `long`: a JSON-style integer (no `+`, no
/// leading zeros) that fits 64 bits.
pub fn infer_long(s: &str) -> Option<i64> {
    match json_number_shape(s) {
        Some(true) => s.parse().ok(),
        _ => None,
    }
}

/// A CSV cell that type inference reads as a `real`: a JSON-style number (integers too
/// large for `long` included), or `NaN`, `Infinity`, `-Infinity`.
pub fn infer_real(s: &str) -> Option<f64> {
    match s {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => json_number_shape(s).and_then(|_| s.parse().ok()),
    }
}

/// A CSV cell that type inference reads as a `bool`: `true` or `false`, any case.
pub fn infer_bool(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// Bool text in a `bool` column: `true`/`false` in any case, `1`, `0`.
pub fn parse_bool(s: &str) -> Option<bool> {
    match s.trim() {
        "1" => Some(true),
        "0" => Some(false),
        t => infer_bool(t),
    }
}

/// Real text in a `real` column: any decimal number, `NaN`, `Infinity`, `-Infinity`
/// (also `inf`, `nan` in any case).
pub fn parse_real(s: &str) -> Option<f64> {
    let t = s.trim();
    infer_real(t).or_else(|| t.parse().ok())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::format::format_datetime;

    #[test]
    fn iso_datetimes() {
        let t = parse_iso_datetime("2026-11-20T10:00:00.1234567Z", true).unwrap();
        assert_eq!(format_datetime(t), "2026-11-20T10:00:00.1234567Z");
        let t2 = parse_iso_datetime("2026-11-20 10:00:00.123", true).unwrap();
        assert_eq!(format_datetime(t2), "2026-11-20T10:00:00.123Z");
        let t3 = parse_iso_datetime("2026-11-20T12:00:00+02:00", true).unwrap();
        assert_eq!(format_datetime(t3), "2026-11-20T10:00:00Z");
        assert_eq!(
            parse_iso_datetime("2026-11-20T10:00Z", true).map(format_datetime),
            Some("2026-11-20T10:00:00Z".into())
        );
        assert_eq!(parse_iso_datetime("0001-01-01T00:00:00Z", true), Some(0));
        assert_eq!(
            parse_iso_datetime("9999-12-31T23:59:59.9999999Z", true),
            Some(MAX_DATETIME_TICKS)
        );
        // 8+ fraction digits are truncated to 100 ns
        assert_eq!(
            parse_iso_datetime("1970-01-01T00:00:00.123456789Z", true),
            Some(UNIX_EPOCH_TICKS + 1_234_567)
        );
        assert!(parse_iso_datetime("2026-11-20", true).is_none());
        assert!(parse_iso_datetime("2026-11-20", false).is_some());
        assert!(parse_iso_datetime("2026-02-30T00:00:00Z", true).is_none());
        assert!(parse_iso_datetime("2024-02-29T00:00:00Z", true).is_some());
        assert!(parse_iso_datetime("2026-11-20T25:00:00Z", true).is_none());
        assert!(parse_iso_datetime("2026-11-20T10:00:00Zx", true).is_none());
        assert!(parse_iso_datetime("hello world, long", true).is_none());
        assert!(parse_datetime("Sat, 8 Nov 2014 15:05:02 GMT").is_some());
    }

    #[test]
    fn timespans() {
        assert_eq!(parse_timespan("00:00:01"), Some(TICKS_PER_SECOND));
        assert_eq!(
            parse_timespan("1.02:00:00"),
            Some(TICKS_PER_DAY + 7200 * TICKS_PER_SECOND)
        );
        assert_eq!(parse_timespan("-00:00:00.0000001"), Some(-1));
        assert_eq!(parse_timespan("2d"), Some(2 * TICKS_PER_DAY));
        assert_eq!(parse_timespan("1.5h"), Some(5400 * TICKS_PER_SECOND));
        assert_eq!(parse_timespan("x"), None);
        assert_eq!(parse_timespan("00:60:00"), None);
    }

    #[test]
    fn inference_shapes() {
        assert_eq!(infer_long("-12"), Some(-12));
        assert_eq!(infer_long("007"), None);
        assert_eq!(infer_long("+5"), None);
        assert_eq!(infer_long("1.0"), None);
        assert_eq!(infer_real("1.5e3"), Some(1500.0));
        assert!(infer_real("NaN").unwrap().is_nan());
        assert_eq!(infer_real("inf"), None);
        assert_eq!(infer_real("99999999999999999999"), Some(1e20));
        assert_eq!(infer_bool("True"), Some(true));
        assert_eq!(parse_bool("0"), Some(false));
    }
}
