//! Number text: `long(...)`/`int(...)` bodies, `real(...)` bodies (`nan`, `+inf`), decimal
//! validation, and printing reals so they read back as the same real.

/// Why a number's text was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number at all.
    Invalid,
    /// A number, but too large for the type.
    OutOfRange,
}

/// Parses an integer: optional sign, then decimal digits or `0x` hex digits. Hex text of up
/// to 16 digits is read as a 64-bit two's complement pattern (`0xFFFFFFFFFFFFFFFF` is -1),
/// as .NET does.
pub fn parse_long_text(text: &str) -> Result<i64, NumberError> {
    let text = text.trim();
    let (negative, digits) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    if let Some(hex) = digits
        .strip_prefix("0x")
        .or_else(|| digits.strip_prefix("0X"))
    {
        if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(NumberError::Invalid);
        }
        let hex = hex.trim_start_matches('0');
        if hex.len() > 16 {
            return Err(NumberError::OutOfRange);
        }
        let bits = u64::from_str_radix(if hex.is_empty() { "0" } else { hex }, 16)
            .map_err(|_| NumberError::OutOfRange)?;
        let value = bits as i64;
        return if negative {
            value.checked_neg().ok_or(NumberError::OutOfRange)
        } else {
            Ok(value)
        };
    }
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(NumberError::Invalid);
    }
    let trimmed = digits.trim_start_matches('0');
    if trimmed.len() > 20 {
        return Err(NumberError::OutOfRange);
    }
    let magnitude: u128 = if trimmed.is_empty() {
        0
    } else {
        trimmed.parse().map_err(|_| NumberError::OutOfRange)?
    };
    let signed = if negative {
        -(magnitude as i128)
    } else {
        magnitude as i128
    };
    i64::try_from(signed).map_err(|_| NumberError::OutOfRange)
}

/// Parses a real: decimal or exponent notation with optional sign, or `nan`, `inf`,
/// `+inf`, `-inf`, `infinity` (any case). Finite text too large for a double is
/// `OutOfRange`.
pub fn parse_real_text(text: &str) -> Result<f64, NumberError> {
    let text = text.trim();
    let unsigned = text.trim_start_matches(['+', '-']);
    let special = unsigned.eq_ignore_ascii_case("nan")
        || unsigned.eq_ignore_ascii_case("inf")
        || unsigned.eq_ignore_ascii_case("infinity");
    let numeric = is_decimal_text(text);
    if !(special || numeric) || text.len() - unsigned.len() > 1 {
        return Err(NumberError::Invalid);
    }
    let value: f64 = text.parse().map_err(|_| NumberError::Invalid)?;
    if numeric && value.is_infinite() {
        return Err(NumberError::OutOfRange);
    }
    Ok(value)
}

/// True for decimal number text: `[+-]digits[.digits][e[+-]digits]` (or `.5`, `5.`).
pub fn is_decimal_text(text: &str) -> bool {
    let b = text.trim().as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'+' | b'-')));
    let count = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    let mut n = count(&mut i);
    if b.get(i) == Some(&b'.') {
        i += 1;
        n += count(&mut i);
    }
    if n == 0 {
        return false;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        if count(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The shortest text that reads back as the same finite real and still looks like a real:
/// `1.0`, `0.1`, `1e+300`, `1e-7`. Negative numbers keep their `-`. NaN and infinities are
/// printed as `nan`, `inf`, `-inf` (callers wrap them as `real(...)`).
pub fn format_real(value: f64) -> String {
    if value.is_nan() {
        return "nan".into();
    }
    if value.is_infinite() {
        return if value > 0.0 {
            "+inf".into()
        } else {
            "-inf".into()
        };
    }
    let text = format!("{value:?}");
    match text.split_once('e') {
        Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longs() {
        assert_eq!(parse_long_text("42"), Ok(42));
        assert_eq!(parse_long_text(" -42 "), Ok(-42));
        assert_eq!(parse_long_text("+7"), Ok(7));
        assert_eq!(parse_long_text("0x2A"), Ok(42));
        assert_eq!(parse_long_text("0xFFFFFFFFFFFFFFFF"), Ok(-1));
        assert_eq!(parse_long_text("-9223372036854775808"), Ok(i64::MIN));
        assert_eq!(parse_long_text("9223372036854775807"), Ok(i64::MAX));
        assert_eq!(
            parse_long_text("9223372036854775808"),
            Err(NumberError::OutOfRange)
        );
        assert_eq!(
            parse_long_text("0x1FFFFFFFFFFFFFFFF"),
            Err(NumberError::OutOfRange)
        );
        assert_eq!(
            parse_long_text("99999999999999999999999999999"),
            Err(NumberError::OutOfRange)
        );
        assert_eq!(parse_long_text("1.5"), Err(NumberError::Invalid));
        assert_eq!(parse_long_text(""), Err(NumberError::Invalid));
        assert_eq!(parse_long_text("--1"), Err(NumberError::Invalid));
    }

    #[test]
    fn reals() {
        assert_eq!(parse_real_text("1.5"), Ok(1.5));
        assert_eq!(parse_real_text("-2e5"), Ok(-2e5));
        assert!(parse_real_text("nan").unwrap().is_nan());
        assert_eq!(parse_real_text("+inf"), Ok(f64::INFINITY));
        assert_eq!(parse_real_text("-inf"), Ok(f64::NEG_INFINITY));
        assert_eq!(parse_real_text("1e400"), Err(NumberError::OutOfRange));
        assert_eq!(parse_real_text("abc"), Err(NumberError::Invalid));
        assert_eq!(parse_real_text("--1"), Err(NumberError::Invalid));
    }

    #[test]
    fn real_printing_round_trips() {
        for v in [
            0.0,
            1.0,
            0.1,
            1e300,
            1e-7,
            123456.789,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            -2.5,
        ] {
            let text = format_real(v);
            assert!(text.contains(['.', 'e']), "{text}");
            assert_eq!(parse_real_text(&text), Ok(v));
        }
        assert_eq!(format_real(1.0), "1.0");
        assert_eq!(format_real(1e300), "1e+300");
        assert_eq!(format_real(1e-7), "1e-7");
    }
}
