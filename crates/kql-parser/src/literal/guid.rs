//! `guid` text: `74be27de-1e4e-49d9-b579-fe0b331d3642` (8-4-4-4-12 hex digits), or 32 hex
//! digits without dashes, optionally in braces.

/// Parses guid text to its 128-bit value. `None` when it is not a guid.
pub fn parse_guid_text(text: &str) -> Option<u128> {
    let text = text.trim();
    let text = match text.strip_prefix('{') {
        Some(inner) => inner.strip_suffix('}')?,
        None => text,
    };
    let b = text.as_bytes();
    let dashed = b.len() == 36 && [8, 13, 18, 23].iter().all(|&i| b.get(i) == Some(&b'-'));
    if !(dashed || b.len() == 32) {
        return None;
    }
    let mut value: u128 = 0;
    let mut count = 0;
    for (i, &c) in b.iter().enumerate() {
        if dashed && matches!(i, 8 | 13 | 18 | 23) {
            continue;
        }
        let digit = char::from(c).to_digit(16)?;
        value = (value << 4) | u128::from(digit);
        count += 1;
    }
    (count == 32).then_some(value)
}

/// Lower-case 8-4-4-4-12 text of a guid.
pub fn format_guid(value: u128) -> String {
    let h = format!("{value:032x}");
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let text = "74be27de-1e4e-49d9-b579-fe0b331d3642";
        let g = parse_guid_text(text).unwrap();
        assert_eq!(format_guid(g), text);
        assert_eq!(parse_guid_text("74BE27DE1E4E49D9B579FE0B331D3642"), Some(g));
        assert_eq!(
            parse_guid_text("{74be27de-1e4e-49d9-b579-fe0b331d3642}"),
            Some(g)
        );
        assert_eq!(format_guid(0), "00000000-0000-0000-0000-000000000000");
        assert_eq!(parse_guid_text(&format_guid(u128::MAX)), Some(u128::MAX));
    }

    #[test]
    fn rejects_invalid() {
        for bad in [
            "",
            "xyz",
            "74be27de-1e4e-49d9-b579-fe0b331d364",
            "74be27de-1e4e-49d9-b579-fe0b331d364g",
            "74be27de1-e4e-49d9-b579-fe0b331d3642",
        ] {
            assert_eq!(parse_guid_text(bad), None, "{bad}");
        }
    }
}
