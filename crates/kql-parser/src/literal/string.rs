//! String literal values: decoding the written forms, and printing any string back as a
//! double-quoted literal that decodes to the same text.

/// A string literal whose escape names no Unicode character (`"\uD800"` alone,
/// `"\U00110000"`), or text that is not a string literal at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringError {
    /// Byte offset of the bad part within the literal's text.
    pub offset: usize,
    /// Its length in bytes.
    pub len: usize,
}

/// Decodes one string literal as written: `'a\tb'`, `"a\"b"`, `@'it''s'`, `h"secret"`,
/// `H@'raw'`, ```` ```multi
/// line``` ````. Escapes: `\\ \' \" \a \b \f \n \r \t \v \uXXXX \UXXXXXXXX \xHH` and
/// octal `\0`..`\377`; a UTF-16 surrogate pair written as two `\u` escapes is one character.
pub fn decode_string(literal: &str) -> Result<String, StringError> {
    let whole = StringError {
        offset: 0,
        len: literal.len(),
    };
    let mut start = 0;
    if literal.starts_with(['h', 'H']) {
        start = 1;
    }
    let verbatim = literal[start..].starts_with('@');
    if verbatim {
        start += 1;
    }
    let body = &literal[start..];
    if let Some(inner) = body.strip_prefix("```") {
        return inner.strip_suffix("```").map(str::to_string).ok_or(whole);
    }
    let quote = body
        .chars()
        .next()
        .filter(|c| *c == '\'' || *c == '"')
        .ok_or(whole)?;
    let inner = body
        .get(1..body.len().saturating_sub(1))
        .filter(|_| body.len() >= 2 && body.ends_with(quote))
        .ok_or(whole)?;
    if verbatim {
        let doubled: String = [quote, quote].iter().collect();
        return Ok(inner.replace(&doubled, &quote.to_string()));
    }
    unescape(inner, start + 1)
}

/// Resolves backslash escapes in `inner`, which starts at `base` in the literal text.
fn unescape(inner: &str, base: usize) -> Result<String, StringError> {
    let mut out = String::with_capacity(inner.len());
    let mut pos = 0;
    while let Some(i) = inner[pos..].find('\\') {
        out.push_str(&inner[pos..pos + i]);
        pos += i;
        let (c, len) = escape_at(inner, pos).ok_or(StringError {
            offset: base + pos,
            len: 2,
        })?;
        out.push(c);
        pos += len;
    }
    out.push_str(&inner[pos..]);
    Ok(out)
}

fn hex_value(text: &str, from: usize, n: usize) -> Option<u32> {
    let digits = text.get(from..from + n)?;
    if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    u32::from_str_radix(digits, 16).ok()
}

/// The character of the escape at `pos` and the escape's length.
fn escape_at(text: &str, pos: usize) -> Option<(char, usize)> {
    let simple = |c: char| Some((c, 2));
    match text.as_bytes().get(pos + 1)? {
        b'\\' => simple('\\'),
        b'\'' => simple('\''),
        b'"' => simple('"'),
        b'a' => simple('\u{7}'),
        b'b' => simple('\u{8}'),
        b'f' => simple('\u{c}'),
        b'n' => simple('\n'),
        b'r' => simple('\r'),
        b't' => simple('\t'),
        b'v' => simple('\u{b}'),
        b'x' => Some((char::from_u32(hex_value(text, pos + 2, 2)?)?, 4)),
        b'U' => Some((char::from_u32(hex_value(text, pos + 2, 8)?)?, 10)),
        b'u' => utf16_escape(text, pos),
        b'0'..=b'7' => {
            let n = crate::lexer::octal_len_at(text, pos + 1);
            let value = u32::from_str_radix(text.get(pos + 1..pos + 1 + n)?, 8).ok()?;
            Some((char::from_u32(value)?, 1 + n))
        }
        _ => None,
    }
}

/// `\uXXXX`, or a surrogate pair `\uD83D\uDE00`.
fn utf16_escape(text: &str, pos: usize) -> Option<(char, usize)> {
    let unit = hex_value(text, pos + 2, 4)?;
    if let Some(c) = char::from_u32(unit) {
        return Some((c, 6));
    }
    let low = text
        .get(pos + 6..pos + 8)
        .filter(|s| *s == "\\u")
        .and_then(|_| hex_value(text, pos + 8, 4))?;
    if !(0xD800..0xDC00).contains(&unit) || !(0xDC00..0xE000).contains(&low) {
        return None;
    }
    let c = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))?;
    Some((c, 12))
}

/// Prints `value` as a double-quoted KQL string literal that decodes back to `value`:
/// `\\`, `\"`, `\n`, `\r`, `\t`, and `\uXXXX` for other control characters and line
/// separators; everything else is written as is.
pub fn quote_string(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> String {
        decode_string(s).unwrap()
    }

    #[test]
    fn decodes_every_form() {
        assert_eq!(dec(r#""a\"b""#), "a\"b");
        assert_eq!(dec(r"'a\'b'"), "a'b");
        assert_eq!(dec(r#"'say "hi"'"#), "say \"hi\"");
        assert_eq!(dec(r"'\\ \t\n\r'"), "\\ \t\n\r");
        assert_eq!(dec(r"'\a\b\f\v'"), "\u{7}\u{8}\u{c}\u{b}");
        assert_eq!(dec(r#""Hello\u00A0World""#), "Hello\u{a0}World");
        assert_eq!(dec(r"'\U0001F600'"), "😀");
        assert_eq!(dec(r"'\uD83D\uDE00'"), "😀");
        assert_eq!(dec(r"'\x41\101\0'"), "AA\0");
        assert_eq!(dec(r"@'C:\path'"), "C:\\path");
        assert_eq!(dec("@'it''s'"), "it's");
        assert_eq!(dec(r#"@"a""b""#), "a\"b");
        assert_eq!(dec("h'secret'"), "secret");
        assert_eq!(dec("H@\"a\\b\""), "a\\b");
        assert_eq!(dec("```line1\nline2 \\n```"), "line1\nline2 \\n");
        assert_eq!(dec("'日本'"), "日本");
    }

    #[test]
    fn rejects_lone_surrogates() {
        assert_eq!(
            decode_string(r"'a\uD800'"),
            Err(StringError { offset: 2, len: 2 })
        );
        assert!(decode_string(r"'\U00110000'").is_err());
    }

    #[test]
    fn quote_round_trips() {
        for s in [
            "",
            "plain",
            "a\"b\\c",
            "\u{0}\u{1f}\u{7f}\u{85}",
            "\u{2028}x",
            "tab\tnl\n",
            "😀 日本",
            "'",
        ] {
            let q = quote_string(s);
            assert_eq!(decode_string(&q).unwrap(), s, "{q}");
        }
        assert_eq!(quote_string("a\"b"), r#""a\"b""#);
    }
}
