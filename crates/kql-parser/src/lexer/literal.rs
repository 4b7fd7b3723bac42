//! Scanning literal tokens: numbers and timespans, strings, raw bodies of typed literals.
//! These only find where a literal ends and check its shape; values are computed by the
//! parser through [`crate::literal`].

use super::{is_ident_char, is_line_break, missing_close, words, TokenKind};
use crate::ast::TypeName;
use crate::error::{ParseError, ParseErrorKind};
use crate::Span;

fn byte(text: &str, pos: usize) -> u8 {
    text.as_bytes().get(pos).copied().unwrap_or(0)
}

fn ident_char_at(text: &str, pos: usize) -> bool {
    text.get(pos..)
        .and_then(|s| s.chars().next())
        .is_some_and(is_ident_char)
}

fn digits(text: &str, pos: usize) -> usize {
    text.as_bytes()
        .get(pos..)
        .map_or(0, |b| b.iter().take_while(|c| c.is_ascii_digit()).count())
}

fn hex_digits(text: &str, pos: usize) -> usize {
    text.as_bytes().get(pos..).map_or(0, |b| {
        b.iter().take_while(|c| c.is_ascii_hexdigit()).count()
    })
}

/// `e5`, `E-3`, `e+10`: its length, or 0.
fn exponent(text: &str, pos: usize) -> usize {
    if !matches!(byte(text, pos), b'e' | b'E') {
        return 0;
    }
    let sign = usize::from(matches!(byte(text, pos + 1), b'+' | b'-'));
    let n = digits(text, pos + 1 + sign);
    if n == 0 {
        0
    } else {
        1 + sign + n
    }
}

/// A token starting with an ASCII digit: real, timespan, long (decimal or hex), or an
/// identifier such as `5abc` (Kusto allows those). Tried in that order, like Kusto.
pub(super) fn scan_number(text: &str, start: usize) -> (TokenKind, usize) {
    let int_len = digits(text, start);
    if let Some(len) = real_len(text, start, int_len) {
        return (TokenKind::Real, len);
    }
    if let Some(len) = timespan_len(text, start, int_len) {
        return (TokenKind::TimeSpan, len);
    }
    if matches!(byte(text, start + 1), b'x' | b'X') && byte(text, start) == b'0' {
        let n = hex_digits(text, start + 2);
        if n > 0 && !ident_char_at(text, start + 2 + n) {
            return (TokenKind::Long, 2 + n);
        }
    }
    if !ident_char_at(text, start + int_len) {
        return (TokenKind::Long, int_len);
    }
    let rest = &text[start + int_len..];
    let ident = rest
        .char_indices()
        .find(|&(_, c)| !is_ident_char(c))
        .map_or(rest.len(), |(i, _)| i);
    (TokenKind::Word, int_len + ident)
}

/// `1.5`, `1.`, `1e5`, `1.5e-3`; `1..2` is not a real (it is `1` `..` `2`).
fn real_len(text: &str, start: usize, int_len: usize) -> Option<usize> {
    let mut pos = start + int_len;
    if byte(text, pos) == b'.' && (byte(text, pos + 1) != b'.' || byte(text, pos + 2) == b'.') {
        pos += 1;
        pos += digits(text, pos);
        pos += exponent(text, pos);
    } else {
        let e = exponent(text, pos);
        if e == 0 {
            return None;
        }
        pos += e;
    }
    (!ident_char_at(text, pos)).then_some(pos - start)
}

/// `5d`, `1.5h`, `10microseconds`: number, optional fraction, longest unit suffix.
fn timespan_len(text: &str, start: usize, int_len: usize) -> Option<usize> {
    let mut pos = start + int_len;
    if byte(text, pos) == b'.' {
        let frac = digits(text, pos + 1);
        if frac > 0 {
            pos += 1 + frac;
        }
    }
    let suffix = words::longest_time_suffix(text.get(pos..)?)?;
    pos += suffix.len();
    (!ident_char_at(text, pos)).then_some(pos - start)
}

/// A string literal at `start`: `'..'`, `".."`, `@'..'`, `h'..'`, `H@".."`, ```` ```..``` ````.
/// Escapes are checked here (so a bad escape is reported where it is); the value is decoded
/// by [`crate::literal::decode_string`].
pub(super) fn scan_string(text: &str, start: usize) -> Result<usize, ParseError> {
    let mut pos = start;
    if matches!(byte(text, pos), b'h' | b'H') {
        pos += 1;
    }
    let verbatim = byte(text, pos) == b'@';
    if verbatim {
        pos += 1;
    }
    if text[pos..].starts_with("```") {
        return match text[pos + 3..].find("```") {
            Some(i) => Ok(pos + 3 + i + 3 - start),
            None => Err(unterminated(start, text.len())),
        };
    }
    let quote = byte(text, pos);
    pos += 1;
    loop {
        let Some(c) = text.get(pos..).and_then(|s| s.chars().next()) else {
            return Err(unterminated(start, pos));
        };
        if c == quote as char {
            if verbatim && byte(text, pos + 1) == quote {
                pos += 2;
                continue;
            }
            return Ok(pos + 1 - start);
        }
        if is_line_break(c) {
            return Err(unterminated(start, pos));
        }
        if c == '\\' && !verbatim {
            pos += escape_len(text, pos).ok_or_else(|| bad_escape(text, pos))?;
            continue;
        }
        pos += c.len_utf8();
    }
}

fn unterminated(start: usize, end: usize) -> ParseError {
    ParseError::new(ParseErrorKind::UnterminatedString, Span::new(start, end))
}

fn bad_escape(text: &str, pos: usize) -> ParseError {
    let end = text[pos + 1..]
        .chars()
        .next()
        .map_or(pos + 1, |c| pos + 1 + c.len_utf8());
    ParseError::new(
        ParseErrorKind::InvalidLiteral {
            what: "escape sequence".into(),
        },
        Span::new(pos, end),
    )
}

/// The length of the escape sequence at `pos` (which holds `\`), or `None` if invalid.
pub(crate) fn escape_len(text: &str, pos: usize) -> Option<usize> {
    let hex = |from: usize, n: usize| hex_digits(text, from) >= n;
    match byte(text, pos + 1) {
        b'\\' | b'\'' | b'"' | b'a' | b'b' | b'f' | b'n' | b'r' | b't' | b'v' => Some(2),
        b'u' if hex(pos + 2, 4) => Some(6),
        b'U' if hex(pos + 2, 8) => Some(10),
        b'x' if hex(pos + 2, 2) => Some(4),
        b'0'..=b'7' => Some(1 + octal_len(text, pos + 1)),
        _ => None,
    }
}

/// One to three octal digits; three only when the first is at most 3.
pub(crate) fn octal_len(text: &str, pos: usize) -> usize {
    let is_oct = |p: usize| matches!(byte(text, p), b'0'..=b'7');
    if !is_oct(pos + 1) {
        1
    } else if is_oct(pos + 2) && byte(text, pos) <= b'3' {
        3
    } else {
        2
    }
}

/// The `(...)` body of a typed literal, from the `(` at `open`: up to the first `)` on the
/// same line (bodies do not nest, as in Kusto).
pub(super) fn scan_raw_body(text: &str, open: usize, ty: TypeName) -> Result<usize, ParseError> {
    let rest = &text[open..];
    for (i, c) in rest.char_indices() {
        if c == ')' {
            return Ok(i + 1);
        }
        if is_line_break(c) {
            return Err(missing_close(text, open + i, &literal_what(ty), ")"));
        }
    }
    Err(missing_close(text, text.len(), &literal_what(ty), ")"))
}

/// "datetime literal", "long literal", ...
pub(crate) fn literal_what(ty: TypeName) -> String {
    format!("{} literal", ty.as_str())
}
