//! `timespan` text: `[-][d.]hh:mm[:ss[.fffffff]]`, a bare number of days (`2`, `1.5`),
//! and unit-suffixed numbers (`1.5h`, `15 seconds`, `100ms`), as 100 ns ticks.

use super::{TICKS_PER_DAY, TICKS_PER_SECOND};
use crate::lexer::words::time_unit;

/// Parses timespan text (the body of `timespan(...)`, or what `totimespan` accepts) to
/// ticks. `None` when the text is not a timespan or does not fit in 64 bits.
///
/// Forms: `[-][d.]hh:mm[:ss[.fffffff]]` (fraction beyond 7 digits truncated), a bare
/// number meaning days (`2`, `0.5`), and a number with a unit (`1.5h`, `15 seconds`,
/// `10microseconds`, `2ticks`).
pub fn parse_timespan_text(text: &str) -> Option<i64> {
    let text = text.trim();
    let (negative, body) = match text.as_bytes().first() {
        Some(b'-') => (true, text[1..].trim_start()),
        Some(b'+') => (false, text[1..].trim_start()),
        _ => (false, text),
    };
    let ticks = if body.contains(':') {
        clock_ticks(body)?
    } else {
        unit_ticks(body)?
    };
    let ticks = if negative { -ticks } else { ticks };
    i64::try_from(ticks).ok()
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn int(s: &str) -> Option<i128> {
    if !all_digits(s) || s.len() > 30 {
        return None;
    }
    s.parse().ok()
}

/// `[d.]hh:mm[:ss[.f]]`
fn clock_ticks(body: &str) -> Option<i128> {
    let parts: Vec<&str> = body.split(':').collect();
    let (first, minutes, seconds) = match parts.as_slice() {
        [a, b] => (*a, *b, None),
        [a, b, c] => (*a, *b, Some(*c)),
        _ => return None,
    };
    let (days, hours) = match first.split_once('.') {
        Some((d, h)) => (int(d)?, int(h)?),
        None => (0, int(first)?),
    };
    let has_days = first.contains('.');
    if minutes.len() > 2 || (has_days && hours >= 24) {
        return None;
    }
    let minutes = int(minutes)?;
    let (secs, frac) = match seconds {
        None => (0, 0),
        Some(s) => {
            let (whole, f) = s.split_once('.').unwrap_or((s, ""));
            let frac = if f.is_empty() && !s.contains('.') {
                0
            } else {
                fraction_ticks(f)?
            };
            if whole.len() > 2 {
                return None;
            }
            (int(whole)?, frac)
        }
    };
    if minutes >= 60 || secs >= 60 {
        return None;
    }
    let tps = i128::from(TICKS_PER_SECOND);
    let total = days
        .checked_mul(i128::from(TICKS_PER_DAY))?
        .checked_add(hours.checked_mul(3600 * tps)?)?
        .checked_add(minutes * 60 * tps + secs * tps + frac)?;
    Some(total)
}

/// Fraction-of-a-second digits as ticks (7 digits kept).
fn fraction_ticks(f: &str) -> Option<i128> {
    if !all_digits(f) {
        return None;
    }
    let mut ticks: i128 = 0;
    for (i, b) in f.bytes().take(7).enumerate() {
        ticks += i128::from(b - b'0') * 10i128.pow(6 - i as u32);
    }
    Some(ticks)
}

/// `2`, `1.5`, `1.5h`, `15 seconds`.
fn unit_ticks(body: &str) -> Option<i128> {
    let num_len = body
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    let (number, unit) = body.split_at(num_len);
    let unit = unit.trim_start();
    let (ticks, divisor) = if unit.is_empty() {
        (TICKS_PER_DAY, 1)
    } else {
        let u = time_unit(unit)?;
        (u.ticks, u.divisor)
    };
    let (whole, frac) = match number.split_once('.') {
        Some((w, f)) => (w, f),
        None => (number, ""),
    };
    let whole = int(whole)?;
    let frac_digits = &frac[..frac.len().min(18)];
    let frac_value: i128 = if frac_digits.is_empty() {
        0
    } else {
        int(frac_digits)?
    };
    if !frac.is_empty() && !all_digits(frac) {
        return None;
    }
    let scale = 10i128.pow(frac_digits.len() as u32);
    let unit_ticks = i128::from(ticks);
    let total = whole
        .checked_mul(unit_ticks)?
        .checked_add(frac_value * unit_ticks / scale)?;
    Some(total / i128::from(divisor))
}

/// Timespan text `[-][d.]hh:mm:ss[.fffffff]`: days only when not zero, fraction as 7
/// digits only when not zero. `parse_timespan_text` reads it back to the same ticks.
pub fn format_timespan_ticks(ticks: i64) -> String {
    let abs = ticks.unsigned_abs();
    let tps = TICKS_PER_SECOND.unsigned_abs();
    let days = abs / TICKS_PER_DAY.unsigned_abs();
    let rem = abs % TICKS_PER_DAY.unsigned_abs();
    let (h, m, s, frac) = (
        rem / (3600 * tps),
        rem / (60 * tps) % 60,
        rem / tps % 60,
        rem % tps,
    );
    let mut out = String::new();
    if ticks < 0 {
        out.push('-');
    }
    if days > 0 {
        out.push_str(&format!("{days}."));
    }
    out.push_str(&format!("{h:02}:{m:02}:{s:02}"));
    if frac != 0 {
        out.push_str(&format!(".{frac:07}"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: i64 = TICKS_PER_SECOND;

    #[test]
    fn clock_forms() {
        assert_eq!(parse_timespan_text("00:01:00"), Some(60 * S));
        assert_eq!(
            parse_timespan_text("1.02:03:04"),
            Some(TICKS_PER_DAY + (2 * 3600 + 3 * 60 + 4) * S)
        );
        assert_eq!(
            parse_timespan_text("0.12:34:56.7"),
            Some((12 * 3600 + 34 * 60 + 56) * S + 7_000_000)
        );
        assert_eq!(parse_timespan_text("-1.00:00:00"), Some(-TICKS_PER_DAY));
        assert_eq!(
            parse_timespan_text("10:30"),
            Some((10 * 3600 + 30 * 60) * S)
        );
        assert_eq!(parse_timespan_text("00:00:00.0000001"), Some(1));
    }

    #[test]
    fn unit_forms() {
        assert_eq!(parse_timespan_text("2"), Some(2 * TICKS_PER_DAY));
        assert_eq!(parse_timespan_text("1.5h"), Some(5400 * S));
        assert_eq!(parse_timespan_text("15 seconds"), Some(15 * S));
        assert_eq!(parse_timespan_text("100ms"), Some(1_000_000));
        assert_eq!(parse_timespan_text("10microseconds"), Some(100));
        assert_eq!(parse_timespan_text("2ticks"), Some(2));
        assert_eq!(parse_timespan_text("200nanoseconds"), Some(2));
        assert_eq!(parse_timespan_text("-1d"), Some(-TICKS_PER_DAY));
        assert_eq!(parse_timespan_text("1min"), Some(60 * S));
    }

    #[test]
    fn rejects_invalid() {
        for bad in [
            "",
            "x",
            "1w",
            "1:60",
            "1.24:00:00",
            "1:2:3:4",
            "1..5h",
            "1e5",
            "00:00:61",
            "99999999999999999999999999999d",
        ] {
            assert_eq!(parse_timespan_text(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_and_round_trips() {
        assert_eq!(format_timespan_ticks(0), "00:00:00");
        assert_eq!(format_timespan_ticks(TICKS_PER_DAY), "1.00:00:00");
        assert_eq!(format_timespan_ticks(-12 * 3600 * S), "-12:00:00");
        assert_eq!(format_timespan_ticks(1), "00:00:00.0000001");
        for t in [0, 1, -1, 5400 * S, i64::MAX, i64::MIN, i64::MIN + 1] {
            assert_eq!(
                parse_timespan_text(&format_timespan_ticks(t)),
                Some(t),
                "{t}"
            );
        }
    }
}
