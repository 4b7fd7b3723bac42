//! `parse_xml` (q/parse-xml-function.md): XML text to a dynamic value with the documented
//! mapping. Only elements, attributes and text (CDATA included) are translated; the
//! declaration, comments and processing instructions are skipped. Invalid XML, input
//! over 1 MB and documents with a DTD give null.

use super::def;
use super::kernel::{arg, map1, strs, ODyn};
use crate::dynamic::Dynamic;
use crate::functions::{arg as a, ArgType, ReturnType, ScalarFunction};
use crate::types::DataType;
use indexmap::IndexMap;
use roxmltree::{Document, Node, ParsingOptions};

/// The longest input interpreted (q/parse-xml-function.md: 1 MB).
const MAX_INPUT: usize = 1 << 20;

/// Deeper nesting than this gives null (keeps the conversion's recursion bounded).
const MAX_DEPTH: usize = 128;

pub(super) fn functions() -> Vec<ScalarFunction> {
    vec![def(
        "parse_xml",
        sig![a("xml", ArgType::String)],
        ReturnType::Fixed(DataType::Dynamic),
        |args, ctx| {
            let x = strs(arg(args, 0)?)?;
            Ok(map1::<ODyn, _>(ctx, &x, |x| {
                parse_xml(x).unwrap_or(Dynamic::Null)
            }))
        },
    )]
}

fn parse_xml(text: &str) -> Option<Dynamic> {
    if text.len() > MAX_INPUT {
        return None;
    }
    let opts = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(text, opts).ok()?;
    let root = doc.root_element();
    let mut bag = IndexMap::new();
    bag.insert(qualified_name(root), element(root, 0)?);
    Some(Dynamic::Bag(bag))
}

/// `prefix:local` as written (the namespace's prefix looked up again), or `local`.
fn qualified_name(n: Node<'_, '_>) -> String {
    let tag = n.tag_name();
    match tag.namespace().and_then(|ns| n.lookup_prefix(ns)) {
        Some(p) if !p.is_empty() => format!("{p}:{}", tag.name()),
        _ => tag.name().to_string(),
    }
}

/// Adds `value` under `key`; a repeated key collects its values into an array.
fn push(bag: &mut IndexMap<String, Dynamic>, key: String, value: Dynamic) {
    match bag.get_mut(&key) {
        Some(Dynamic::Array(xs)) => xs.push(value),
        Some(old) => {
            let first = std::mem::take(old);
            *old = Dynamic::Array(vec![first, value]);
        }
        None => {
            bag.insert(key, value);
        }
    }
}

/// One element: `null` when empty, its text when it holds only text, else a bag of
/// `@attributes`, child elements (repeated names as arrays) and `#text`.
fn element(n: Node<'_, '_>, depth: usize) -> Option<Dynamic> {
    if depth > MAX_DEPTH {
        return None;
    }
    let has_attributes = n.attributes().len() > 0;
    let has_elements = n.children().any(|c| c.is_element());
    if !has_attributes && !has_elements {
        let text: String = n
            .children()
            .filter(|c| c.is_text())
            .filter_map(|c| c.text())
            .collect();
        return Some(if text.trim().is_empty() {
            Dynamic::Null
        } else {
            Dynamic::String(text)
        });
    }
    let mut bag = IndexMap::new();
    for attr in n.attributes() {
        bag.insert(
            format!("@{}", attr.name()),
            Dynamic::String(attr.value().to_string()),
        );
    }
    for c in n.children() {
        if c.is_element() {
            push(&mut bag, qualified_name(c), element(c, depth + 1)?);
        } else if let Some(t) = c
            .text()
            .filter(|_| c.is_text())
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            push(
                &mut bag,
                "#text".to_string(),
                Dynamic::String(t.to_string()),
            );
        }
    }
    Some(Dynamic::Bag(bag))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;

    fn xml(x: &str) -> crate::value::Value {
        scalar("parse_xml", vec![s(x)])
    }

    #[test]
    fn documented_mapping() {
        // q/parse-xml-function.md: the conversion table, row by row
        assert_eq!(xml("<e/>"), dv(r#"{"e": null}"#));
        assert_eq!(xml("<e>text</e>"), dv(r#"{"e": "text"}"#));
        assert_eq!(
            xml(r#"<e name="value" />"#),
            dv(r#"{"e": {"@name": "value"}}"#)
        );
        assert_eq!(
            xml(r#"<e name="value">text</e>"#),
            dv(r##"{"e": {"@name": "value", "#text": "text"}}"##)
        );
        assert_eq!(
            xml("<e> <a>text</a> <b>text</b> </e>"),
            dv(r#"{"e": {"a": "text", "b": "text"}}"#)
        );
        assert_eq!(
            xml("<e> <a>text</a> <a>text</a> </e>"),
            dv(r#"{"e": {"a": ["text", "text"]}}"#)
        );
        assert_eq!(
            xml("<e> text <a>text</a> </e>"),
            dv(r##"{"e": {"#text": "text", "a": "text"}}"##)
        );
    }

    #[test]
    fn doc_example_document() {
        // q/parse-xml-function.md example: the declaration is skipped, d.duration.value
        // and d.duration.min hold 118.0 and 100.0 (as text).
        let text = r#"<?xml version="1.0" encoding="UTF-8"?>
<duration>
    <value>118.0</value>
    <count>5.0</count>
    <min>100.0</min>
    <max>150.0</max>
    <stdDev>0.0</stdDev>
    <sampledValue>118.0</sampledValue>
    <sum>118.0</sum>
</duration>"#;
        assert_eq!(
            xml(text),
            dv(
                r#"{"duration": {"value": "118.0", "count": "5.0", "min": "100.0",
                "max": "150.0", "stdDev": "0.0", "sampledValue": "118.0", "sum": "118.0"}}"#
            )
        );
    }

    #[test]
    fn invalid_or_oversized_input_is_null() {
        assert_eq!(xml("<a><b></a>"), dv("null"));
        assert_eq!(xml("not xml"), dv("null"));
        assert_eq!(xml(""), dv("null"));
        assert_eq!(
            xml(r#"<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>"#),
            dv("null")
        );
        let big = format!("<a>{}</a>", "x".repeat(super::MAX_INPUT));
        assert_eq!(xml(&big), dv("null"));
        let deep = format!("{}{}", "<a>".repeat(200), "</a>".repeat(200));
        assert_eq!(xml(&deep), dv("null"));
        // Comments are skipped, CDATA is text, repeated text parts become an array.
        assert_eq!(
            xml("<e><!-- c --><![CDATA[x<y]]></e>"),
            dv(r#"{"e": "x<y"}"#)
        );
        assert_eq!(
            xml("<e>a<b/>c</e>"),
            dv(r##"{"e": {"#text": ["a", "c"], "b": null}}"##)
        );
        assert_eq!(
            column("parse_xml", vec![scol(&["<x>1</x>", "<"])]),
            vec![dv(r#"{"x": "1"}"#), dv("null")]
        );
    }
}
