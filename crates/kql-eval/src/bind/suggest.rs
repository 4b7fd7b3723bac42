//! "Did you mean ...?" suggestions for unknown names.

/// The candidate closest to `name` (case-insensitive equality first, then edit distance
/// of at most a third of the name's length), as a hint text.
pub fn did_you_mean<'a>(
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let lower = name.to_lowercase();
    let max = (name.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = if c.to_lowercase() == lower {
            0
        } else {
            edit_distance(&lower, &c.to_lowercase())
        };
        if d <= max && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| format!("did you mean '{c}'?"))
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        let cols = ["RemoteUrl", "RemoteIP", "DeviceName"];
        assert_eq!(
            did_you_mean("RemoteUr", cols).as_deref(),
            Some("did you mean 'RemoteUrl'?")
        );
        assert_eq!(
            did_you_mean("devicename", cols).as_deref(),
            Some("did you mean 'DeviceName'?")
        );
        assert_eq!(did_you_mean("Zzzzzz", cols), None);
    }
}
