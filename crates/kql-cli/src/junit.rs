//! JUnit XML reports (`kql test --junit FILE`): one `<testsuite>` per test file, one
//! `<testcase>` per test, a `<failure>` holding the explanation for each failed test.

/// The outcome of one test.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseResult {
    /// The test file.
    pub file: String,
    /// The test's name.
    pub name: String,
    /// How long it took.
    pub seconds: f64,
    /// Why it failed; `None` when it passed.
    pub failure: Option<String>,
}

/// The report as XML text.
pub fn to_xml(results: &[CaseResult]) -> String {
    let mut files: Vec<&str> = Vec::new();
    for r in results {
        if !files.contains(&r.file.as_str()) {
            files.push(&r.file);
        }
    }
    let total_failures = results.iter().filter(|r| r.failure.is_some()).count();
    let total_time: f64 = results.iter().map(|r| r.seconds).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!(
        "<testsuites name=\"kql test\" tests=\"{}\" failures=\"{total_failures}\" errors=\"0\" time=\"{total_time:.3}\">\n",
        results.len()
    ));
    for file in files {
        let cases: Vec<&CaseResult> = results.iter().filter(|r| r.file == file).collect();
        let failures = cases.iter().filter(|r| r.failure.is_some()).count();
        let time: f64 = cases.iter().map(|r| r.seconds).sum();
        xml.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{failures}\" errors=\"0\" time=\"{time:.3}\">\n",
            escape(file),
            cases.len()
        ));
        for case in cases {
            xml.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\" time=\"{:.3}\"",
                escape(file),
                escape(&case.name),
                case.seconds
            ));
            match &case.failure {
                None => xml.push_str("/>\n"),
                Some(text) => {
                    let first = text.lines().next().unwrap_or("failed");
                    xml.push_str(&format!(
                        ">\n      <failure message=\"{}\">{}</failure>\n    </testcase>\n",
                        escape(first),
                        escape(text)
                    ));
                }
            }
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    xml
}

/// Escapes text for XML attributes and content; drops characters XML 1.0 cannot hold.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_are_escaped_and_counted() {
        let results = vec![
            CaseResult {
                file: "a.test.yaml".into(),
                name: "ok".into(),
                seconds: 0.5,
                failure: None,
            },
            CaseResult {
                file: "a.test.yaml".into(),
                name: "x < y".into(),
                seconds: 0.25,
                failure: Some("rows differ\n  - {A: \"&\"}\u{1}".into()),
            },
        ];
        let xml = to_xml(&results);
        assert!(xml.contains("<testsuites name=\"kql test\" tests=\"2\" failures=\"1\""));
        assert!(xml.contains("<testsuite name=\"a.test.yaml\" tests=\"2\" failures=\"1\""));
        assert!(xml.contains("<testcase classname=\"a.test.yaml\" name=\"ok\" time=\"0.500\"/>"));
        assert!(xml.contains("name=\"x &lt; y\""));
        assert!(xml.contains(
            "<failure message=\"rows differ\">rows differ\n  - {A: &quot;&amp;&quot;}</failure>"
        ));
    }
}
