//! `datetime` text: ISO 8601 (`2024-01-01T10:00:00.5Z`, `2024-01-01 10:00`), RFC 822
//! (`Sat, 8 Nov 14 15:05:02 GMT`) and RFC 850 (`Saturday, 08-Nov-14 15:05:02 GMT`), as
//! 100 ns ticks since 0001-01-01T00:00:00Z. Years 0001 to 9999, proleptic Gregorian.

use super::{TICKS_PER_DAY, TICKS_PER_SECOND};

/// The last tick of 9999-12-31.
pub const MAX_DATETIME_TICKS: i64 = 3_155_378_975_999_999_999;

/// Days from 0001-01-01 to 1970-01-01.
const DAYS_0001_TO_1970: i64 = 719_162;

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a count of days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Ticks of a UTC date and time; `None` when a field is out of range (year 1..=9999,
/// hour < 24, minute < 60, second < 60, `frac` < 10^7 ticks).
pub fn ticks_from_civil(
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    frac: i64,
) -> Option<i64> {
    let valid = (1..=9999).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && (0..24).contains(&hour)
        && (0..60).contains(&minute)
        && (0..60).contains(&second)
        && (0..TICKS_PER_SECOND).contains(&frac);
    if !valid {
        return None;
    }
    let days = days_from_civil(year, month, day) + DAYS_0001_TO_1970;
    let secs = hour * 3600 + minute * 60 + second;
    days.checked_mul(TICKS_PER_DAY)?
        .checked_add(secs * TICKS_PER_SECOND + frac)
}

/// Parses datetime text to ticks since 0001-01-01T00:00:00Z.
///
/// Accepts ISO 8601 with `T` or a space (`2024-01-01T10:00:00.1234567Z`,
/// `2024-01-01 10:00`), a date alone, an optional `Z`/`UTC`/`GMT` or `+hh:mm` offset,
/// RFC 822 (`Sat, 8 Nov 14 15:05:02 GMT`) and RFC 850 (`Saturday, 08-Nov-14 15:05:02 GMT`).
/// Fractions keep 7 digits (more are truncated). `None` when the text is not a valid
/// datetime in 0001..9999.
pub fn parse_datetime_text(text: &str) -> Option<i64> {
    let text = text.trim();
    parse_iso(text).or_else(|| parse_rfc(text))
}

/// A small cursor over ASCII text.
struct Cursor<'a> {
    s: &'a [u8],
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> u8 {
        self.s.get(self.pos).copied().unwrap_or(0)
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == b;
        self.pos += usize::from(hit);
        hit
    }

    /// Between `min` and `max` digits as a number.
    fn number(&mut self, min: usize, max: usize) -> Option<i64> {
        let start = self.pos;
        let mut value: i64 = 0;
        while self.pos - start < max && self.peek().is_ascii_digit() {
            value = value * 10 + i64::from(self.peek() - b'0');
            self.pos += 1;
        }
        (self.pos - start >= min).then_some(value)
    }

    /// Fraction digits after `.` as ticks (7 digits kept, the rest truncated).
    fn fraction(&mut self) -> Option<i64> {
        let start = self.pos;
        let mut ticks = 0;
        while self.peek().is_ascii_digit() {
            if self.pos - start < 7 {
                ticks = ticks * 10 + i64::from(self.peek() - b'0');
            }
            self.pos += 1;
        }
        let n = self.pos - start;
        if n == 0 {
            return None;
        }
        for _ in n..7 {
            ticks *= 10;
        }
        Some(ticks)
    }

    fn skip_spaces(&mut self) -> usize {
        let start = self.pos;
        while self.peek() == b' ' {
            self.pos += 1;
        }
        self.pos - start
    }

    fn rest(&self) -> &[u8] {
        self.s.get(self.pos..).unwrap_or(&[])
    }

    fn at_end(&self) -> bool {
        self.pos >= self.s.len()
    }
}

/// `hh:mm[:ss[.fffffff]]` as (hour, minute, second, fraction ticks).
fn clock(c: &mut Cursor<'_>) -> Option<(i64, i64, i64, i64)> {
    let hour = c.number(1, 2)?;
    if !c.eat(b':') {
        return None;
    }
    let minute = c.number(2, 2)?;
    let (mut second, mut frac) = (0, 0);
    if c.eat(b':') {
        second = c.number(2, 2)?;
        if c.eat(b'.') {
            frac = c.fraction()?;
        }
    }
    Some((hour, minute, second, frac))
}

/// `Z`, `UTC`, `GMT`, `+hh:mm`, `-hhmm`, `+hh`: the offset east of UTC in minutes.
fn zone(c: &mut Cursor<'_>) -> Option<i64> {
    let rest = c.rest();
    for (name, minutes) in ZONES {
        if rest.eq_ignore_ascii_case(name.as_bytes()) {
            c.pos = c.s.len();
            return Some(*minutes);
        }
    }
    let sign = match c.peek() {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    c.pos += 1;
    let hours = c.number(2, 2)?;
    c.eat(b':');
    let minutes = if c.at_end() { 0 } else { c.number(2, 2)? };
    (hours < 24 && minutes < 60).then_some(sign * (hours * 60 + minutes))
}

const ZONES: &[(&str, i64)] = &[
    ("Z", 0),
    ("UT", 0),
    ("UTC", 0),
    ("GMT", 0),
    ("EST", -300),
    ("EDT", -240),
    ("CST", -360),
    ("CDT", -300),
    ("MST", -420),
    ("MDT", -360),
    ("PST", -480),
    ("PDT", -420),
];

fn apply_offset(ticks: i64, offset_minutes: i64) -> Option<i64> {
    let t = ticks.checked_sub(offset_minutes * 60 * TICKS_PER_SECOND)?;
    (0..=MAX_DATETIME_TICKS).contains(&t).then_some(t)
}

fn parse_iso(text: &str) -> Option<i64> {
    let mut c = Cursor {
        s: text.as_bytes(),
        pos: 0,
    };
    let year = c.number(4, 4)?;
    let sep = c.peek();
    if !(sep == b'-' || sep == b'/') {
        return None;
    }
    c.pos += 1;
    let month = c.number(1, 2)?;
    if !c.eat(sep) {
        return None;
    }
    let day = c.number(1, 2)?;
    let (mut h, mut mi, mut s, mut f) = (0, 0, 0, 0);
    if !c.at_end() && (c.eat(b'T') || c.eat(b't') || c.skip_spaces() > 0) {
        (h, mi, s, f) = clock(&mut c)?;
    }
    let mut offset = 0;
    if !c.at_end() {
        c.skip_spaces();
        offset = zone(&mut c)?;
    }
    if !c.at_end() {
        return None;
    }
    apply_offset(ticks_from_civil(year, month, day, h, mi, s, f)?, offset)
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn month_number(name: &str) -> Option<i64> {
    let lower = name.to_ascii_lowercase();
    let idx = MONTHS.iter().position(|m| lower == *m)?;
    i64::try_from(idx).ok().map(|i| i + 1)
}

/// Two-digit years: 00..=49 are 20xx, 50..=99 are 19xx (the .NET default).
fn full_year(text: &str) -> Option<i64> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i64 = text.parse().ok()?;
    match text.len() {
        2 if y < 50 => Some(2000 + y),
        2 => Some(1900 + y),
        4 => Some(y),
        _ => None,
    }
}

fn small_number(text: &str) -> Option<i64> {
    if text.is_empty() || text.len() > 2 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// RFC 822 `[Sat, ]8 Nov 14 15:05:02 GMT` and RFC 850 `Saturday, 08-Nov-14 15:05:02 GMT`.
fn parse_rfc(text: &str) -> Option<i64> {
    let body = match text.split_once(',') {
        Some((weekday, rest)) if weekday.bytes().all(|b| b.is_ascii_alphabetic()) => rest,
        Some(_) => return None,
        None => text,
    };
    let parts: Vec<&str> = body.split_whitespace().collect();
    let (day, month, year, rest) = match parts.as_slice() {
        [date, rest @ ..] if date.contains('-') => {
            let mut it = date.split('-');
            let d = (it.next()?, it.next()?, it.next()?);
            if it.next().is_some() {
                return None;
            }
            (d.0, d.1, d.2, rest)
        }
        [d, m, y, rest @ ..] => (*d, *m, *y, rest),
        _ => return None,
    };
    let (day, month, year) = (small_number(day)?, month_number(month)?, full_year(year)?);
    let (time, zone_text) = match rest {
        [] => (None, None),
        [t] => (Some(*t), None),
        [t, z] => (Some(*t), Some(*z)),
        _ => return None,
    };
    let (mut h, mut mi, mut s, mut f) = (0, 0, 0, 0);
    if let Some(t) = time {
        let mut c = Cursor {
            s: t.as_bytes(),
            pos: 0,
        };
        (h, mi, s, f) = clock(&mut c)?;
        if !c.at_end() {
            return None;
        }
    }
    let offset = match zone_text {
        Some(z) => {
            let mut c = Cursor {
                s: z.as_bytes(),
                pos: 0,
            };
            let o = zone(&mut c)?;
            if !c.at_end() {
                return None;
            }
            o
        }
        None => 0,
    };
    apply_offset(ticks_from_civil(year, month, day, h, mi, s, f)?, offset)
}

/// ISO 8601 UTC text of ticks: `2024-01-01T10:00:00Z`, with a fraction (up to 7 digits,
/// trailing zeros dropped) only when it is not zero. `parse_datetime_text` reads it back to
/// the same ticks. Ticks outside 0001..9999 still format (with an out-of-range year).
pub fn format_datetime_ticks(ticks: i64) -> String {
    let days = ticks.div_euclid(TICKS_PER_DAY);
    let rem = ticks.rem_euclid(TICKS_PER_DAY);
    let (y, m, d) = civil_from_days(days - DAYS_0001_TO_1970);
    let secs = rem / TICKS_PER_SECOND;
    let frac = rem % TICKS_PER_SECOND;
    let mut out = format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    );
    if frac != 0 {
        let digits = format!("{frac:07}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push('Z');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const UNIX_EPOCH: i64 = 621_355_968_000_000_000;

    #[test]
    fn iso_forms() {
        assert_eq!(parse_datetime_text("1970-01-01"), Some(UNIX_EPOCH));
        assert_eq!(parse_datetime_text("0001-01-01T00:00:00Z"), Some(0));
        assert_eq!(
            parse_datetime_text("9999-12-31 23:59:59.9999999"),
            Some(MAX_DATETIME_TICKS)
        );
        assert_eq!(
            parse_datetime_text("1970-01-01T00:00:00.1234567Z"),
            Some(UNIX_EPOCH + 1_234_567)
        );
        assert_eq!(
            parse_datetime_text("1970-01-01 00:01"),
            Some(UNIX_EPOCH + 60 * TICKS_PER_SECOND)
        );
        assert_eq!(
            parse_datetime_text("1970-01-01T02:00:00+02:00"),
            Some(UNIX_EPOCH)
        );
        assert_eq!(
            parse_datetime_text("1970-01-01T00:00:00.123456789"),
            Some(UNIX_EPOCH + 1_234_567)
        );
    }

    #[test]
    fn rfc_forms() {
        let want = parse_datetime_text("2014-11-08 15:05:02");
        assert!(want.is_some());
        assert_eq!(parse_datetime_text("Sat, 8 Nov 14 15:05:02 GMT"), want);
        assert_eq!(
            parse_datetime_text("Saturday, 08-Nov-14 15:05:02 GMT"),
            want
        );
        assert_eq!(parse_datetime_text("8 Nov 2014 15:05:02"), want);
        assert_eq!(parse_datetime_text("Sat, 8 Nov 14 10:05:02 EST"), want);
    }

    #[test]
    fn rejects_invalid() {
        for bad in [
            "2024-13-01",
            "2024-02-30",
            "2023-02-29",
            "0000-01-01",
            "2024-01-01T24:00",
            "2024-01-01T10:60",
            "2024-01-01x",
            "garbage",
            "",
            "0001-01-01T00:00:00+01:00",
            "Sat, 8 Foo 14 15:05:02 GMT",
        ] {
            assert_eq!(parse_datetime_text(bad), None, "{bad}");
        }
        assert!(parse_datetime_text("2024-02-29").is_some());
    }

    #[test]
    fn formats_and_round_trips() {
        assert_eq!(format_datetime_ticks(UNIX_EPOCH), "1970-01-01T00:00:00Z");
        assert_eq!(
            format_datetime_ticks(UNIX_EPOCH + 5_000_000),
            "1970-01-01T00:00:00.5Z"
        );
        assert_eq!(format_datetime_ticks(0), "0001-01-01T00:00:00Z");
        assert_eq!(
            format_datetime_ticks(MAX_DATETIME_TICKS),
            "9999-12-31T23:59:59.9999999Z"
        );
        for t in [
            0,
            1,
            UNIX_EPOCH + 123,
            638_400_000_000_000_001,
            MAX_DATETIME_TICKS,
        ] {
            assert_eq!(parse_datetime_text(&format_datetime_ticks(t)), Some(t));
        }
        // Out of range ticks format without panicking.
        let _ = format_datetime_ticks(i64::MIN);
        let _ = format_datetime_ticks(i64::MAX);
    }
}
