//! Text forms of datetimes, timespans, guids and reals, shared by `tostring`, dynamic
//! serialization and the output formats.

use chrono::{DateTime, Datelike, Timelike};

/// Ticks (100 ns) per second.
pub const TICKS_PER_SECOND: i64 = 10_000_000;
/// Ticks per day.
pub const TICKS_PER_DAY: i64 = 86_400 * TICKS_PER_SECOND;
/// Ticks from 0001-01-01T00:00:00Z to the Unix epoch.
pub const UNIX_EPOCH_TICKS: i64 = 621_355_968_000_000_000;
/// Largest valid datetime: 9999-12-31T23:59:59.9999999Z.
pub const MAX_DATETIME_TICKS: i64 = 3_155_378_975_999_999_999;

/// A datetime (ticks since 0001-01-01) as a chrono UTC datetime; `None` when out of range.
pub fn ticks_to_chrono(ticks: i64) -> Option<DateTime<chrono::Utc>> {
    if !(0..=MAX_DATETIME_TICKS).contains(&ticks) {
        return None;
    }
    let since_epoch = ticks - UNIX_EPOCH_TICKS;
    let secs = since_epoch.div_euclid(TICKS_PER_SECOND);
    let nanos = (since_epoch.rem_euclid(TICKS_PER_SECOND) * 100) as u32;
    DateTime::from_timestamp(secs, nanos)
}

/// A chrono datetime as ticks since 0001-01-01.
pub fn chrono_to_ticks(dt: &DateTime<chrono::Utc>) -> Option<i64> {
    let secs = dt.timestamp();
    let sub = i64::from(dt.timestamp_subsec_nanos() / 100);
    secs.checked_mul(TICKS_PER_SECOND)?
        .checked_add(sub)?
        .checked_add(UNIX_EPOCH_TICKS)
}

/// ISO 8601 UTC text of a datetime: `2026-11-26T10:00:00Z`, with the fraction (up to 7
/// digits, trailing zeros dropped) only when it is not zero.
pub fn format_datetime(ticks: i64) -> String {
    let Some(dt) = ticks_to_chrono(ticks) else {
        return format!("<invalid datetime {ticks}>");
    };
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    );
    push_fraction(&mut s, ticks.rem_euclid(TICKS_PER_SECOND));
    s.push('Z');
    s
}

fn push_fraction(s: &mut String, frac_ticks: i64) {
    if frac_ticks != 0 {
        let digits = format!("{frac_ticks:07}");
        s.push('.');
        s.push_str(digits.trim_end_matches('0'));
    }
}

/// Timespan text `[-][d.]hh:mm:ss[.fffffff]` (days only when not zero, fraction as 7 digits
/// only when not zero).
pub fn format_timespan(ticks: i64) -> String {
    let neg = ticks < 0;
    let abs = ticks.unsigned_abs();
    let tps = TICKS_PER_SECOND as u64;
    let days = abs / (TICKS_PER_DAY as u64);
    let rem = abs % (TICKS_PER_DAY as u64);
    let (h, m, sec, frac) = (
        rem / (3600 * tps),
        rem / (60 * tps) % 60,
        rem / tps % 60,
        rem % tps,
    );
    let mut s = String::new();
    if neg {
        s.push('-');
    }
    if days > 0 {
        s.push_str(&format!("{days}."));
    }
    s.push_str(&format!("{h:02}:{m:02}:{sec:02}"));
    if frac != 0 {
        s.push_str(&format!(".{frac:07}"));
    }
    s
}

/// Lower-case 8-4-4-4-12 text of a guid.
pub fn format_guid(g: u128) -> String {
    let h = format!("{g:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// Parses 8-4-4-4-12 (or 32 hex digits) guid text.
pub fn parse_guid(s: &str) -> Option<u128> {
    let s = s.trim();
    let s = s
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(s);
    let hex: String = s.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    if s.len() == 36 {
        let dashes: Vec<usize> = s.match_indices('-').map(|(i, _)| i).collect();
        if dashes != [8, 13, 18, 23] {
            return None;
        }
    } else if s.len() != 32 {
        return None;
    }
    u128::from_str_radix(&hex, 16).ok()
}

/// Shortest text that reads back as the same real: `1.5`, `3`, `NaN`, `Infinity`, `-Infinity`.
pub fn format_real(r: f64) -> String {
    if r.is_nan() {
        "NaN".to_string()
    } else if r.is_infinite() {
        if r > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else {
        let s = format!("{r}");
        // Rust prints very large/small values in full; switch to exponent form when long.
        if s.len() > 24 {
            format!("{r:e}")
        } else {
            s
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_text_keeps_ticks() {
        let t = UNIX_EPOCH_TICKS + 1_234_567;
        assert_eq!(format_datetime(t), "1970-01-01T00:00:00.1234567Z");
        assert_eq!(format_datetime(UNIX_EPOCH_TICKS), "1970-01-01T00:00:00Z");
        assert_eq!(
            format_datetime(UNIX_EPOCH_TICKS + 5_000_000),
            "1970-01-01T00:00:00.5Z"
        );
        let dt = ticks_to_chrono(t).unwrap();
        assert_eq!(chrono_to_ticks(&dt), Some(t));
    }

    #[test]
    fn timespan_text() {
        assert_eq!(format_timespan(0), "00:00:00");
        assert_eq!(format_timespan(TICKS_PER_DAY), "1.00:00:00");
        assert_eq!(format_timespan(-12 * 3600 * TICKS_PER_SECOND), "-12:00:00");
        assert_eq!(format_timespan(1), "00:00:00.0000001");
    }

    #[test]
    fn guid_text_round_trips() {
        let g = parse_guid("74be27de-1e4e-49d9-b579-fe0b331d3642").unwrap();
        assert_eq!(format_guid(g), "74be27de-1e4e-49d9-b579-fe0b331d3642");
        assert_eq!(parse_guid("74be27de1e4e-49d9-b579-fe0b331d3642x"), None);
    }

    #[test]
    fn real_text() {
        assert_eq!(format_real(1.5), "1.5");
        assert_eq!(format_real(f64::NAN), "NaN");
        assert_eq!(format_real(f64::NEG_INFINITY), "-Infinity");
        assert_eq!(format_real(0.1).parse::<f64>().unwrap(), 0.1);
    }
}
