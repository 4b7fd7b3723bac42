//! `parse_user_agent` (q/parse-user-agent-function.md): a user-agent string to a property
//! bag with `Browser` {Family, MajorVersion, MinorVersion, Patch}, `OperatingSystem`
//! {Family, MajorVersion, MinorVersion, Patch, PatchMinor} and `Device` {Family, Brand,
//! Model}, for the targets named by `look_for` ("browser", "os", "device", or a dynamic
//! array of them). Every value is a string; a missing part is `""`.
//!
//! Kusto matches the input against the uap-core regex database. This module is **our own
//! recognition of common families, not uap-core's full database** (whose data we do not
//! copy): it knows the families that real detection rules meet, named as uap-core names
//! them — Edge (`Edge/` and `Edg/`), Chrome, Chrome Mobile, Firefox, Safari, Mobile
//! Safari, Opera, IE, Samsung Internet, HTTP tools and libraries (curl, Wget, Python
//! Requests, Python-urllib, Go-http-client, WindowsPowerShell, okhttp, Java,
//! Apache-HttpClient), Googlebot and bingbot, Outlook and Microsoft Teams; the operating
//! systems Windows, Mac OS X, iOS, Android, Chrome OS, Ubuntu, Linux and Symbian OS; and
//! Apple, Samsung, Pixel and Nokia devices. Uncommon agents may be classified "Other"
//! where Kusto names them, and rare variants of the known families may differ. Names and
//! versions follow current uap-core: Windows is Family "Windows" with MajorVersion "10",
//! "7", "XP", ... (older uap-core releases, which Kusto may bundle, put the version into
//! the family, "Windows 10").
//!
//! The patterns compile once per process into one [`RegexSet`] per target; each distinct
//! input string of a call is parsed once, and only its first 4 KB are looked at.

use super::def;
use super::kernel::{any, arg, map2, strs, ODyn, Src};
use crate::dynamic::Dynamic;
use crate::functions::{arg as a, ArgType, ReturnType, ScalarFunction};
use crate::types::DataType;
use indexmap::IndexMap;
use regex::{Captures, Regex, RegexSet};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The longest prefix of an input that is matched (bounds the work per string).
const MAX_INPUT: usize = 4096;

/// The most distinct input strings whose results one call keeps for reuse (bounds memory
/// on columns of mostly distinct strings).
const MAX_CACHED: usize = 16_384;

/// The family reported when no rule matches (uap-core's name for it).
const OTHER: &str = "Other";

pub(super) fn functions() -> Vec<ScalarFunction> {
    vec![def(
        "parse_user_agent",
        sig![
            // Strictly a string: the official analyzer rejects a dynamic value (KS107).
            a("user_agent_string", ArgType::OneOf(&[DataType::String])),
            a(
                "look_for",
                ArgType::OneOf(&[DataType::String, DataType::Dynamic])
            ),
        ],
        ReturnType::Fixed(DataType::Dynamic),
        |args, ctx| {
            let ua = strs(arg(args, 0)?)?;
            let look_for = any(arg(args, 1)?);
            // One parse per distinct input string (up to MAX_CACHED of them are kept).
            let mut seen: HashMap<&str, Parsed> = HashMap::new();
            Ok(map2::<ODyn, _, _>(ctx, &ua, &look_for, |s, want| {
                let targets = Targets::of(want);
                if let Some(p) = seen.get(s) {
                    return p.bag(targets);
                }
                let p = Parsed::of(s);
                let bag = p.bag(targets);
                if seen.len() < MAX_CACHED {
                    seen.insert(s, p);
                }
                bag
            }))
        },
    )]
}

/// Which parts of the result were asked for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Targets {
    browser: bool,
    os: bool,
    device: bool,
}

impl Targets {
    /// The targets named by a `look_for` value: a string or an array of strings (names
    /// compared ignoring case; anything else names nothing).
    fn of(look_for: Src<'_>) -> Targets {
        let mut t = Targets::default();
        match look_for {
            Src::Str(s) => t.add(s),
            Src::Dyn(Dynamic::String(s)) => t.add(s),
            Src::Dyn(Dynamic::Array(xs)) => {
                for x in xs {
                    if let Dynamic::String(s) = x {
                        t.add(s);
                    }
                }
            }
            _ => {}
        }
        t
    }

    fn add(&mut self, name: &str) {
        match name.trim().to_ascii_lowercase().as_str() {
            "browser" => self.browser = true,
            "os" => self.os = true,
            "device" => self.device = true,
            _ => {}
        }
    }
}

/// The three parts of one user-agent string, each already a property bag.
#[derive(Debug, Clone)]
struct Parsed {
    browser: Dynamic,
    os: Dynamic,
    device: Dynamic,
}

impl Parsed {
    fn of(ua: &str) -> Parsed {
        let ua = truncate(ua);
        let browser = Rules::get().browser.first_match(ua);
        let os = Rules::get().os.first_match(ua);
        let device = Rules::get().device.first_match(ua);
        Parsed {
            browser: versioned(browser, &["MajorVersion", "MinorVersion", "Patch"]),
            os: versioned(os, &["MajorVersion", "MinorVersion", "Patch", "PatchMinor"]),
            device: device_bag(device),
        }
    }

    /// The result for `t`: the requested parts, always in the order Browser,
    /// OperatingSystem, Device.
    fn bag(&self, t: Targets) -> Dynamic {
        let mut bag = IndexMap::new();
        if t.browser {
            bag.insert("Browser".to_string(), self.browser.clone());
        }
        if t.os {
            bag.insert("OperatingSystem".to_string(), self.os.clone());
        }
        if t.device {
            bag.insert("Device".to_string(), self.device.clone());
        }
        Dynamic::Bag(bag)
    }
}

/// The first [`MAX_INPUT`] bytes of `s`, cut at a character boundary.
fn truncate(s: &str) -> &str {
    if s.len() <= MAX_INPUT {
        return s;
    }
    let mut end = MAX_INPUT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or("")
}

/// A `{Family, <version keys>...}` bag from a match (`"Other"` and empty versions when
/// there is none).
fn versioned(m: Option<Match>, keys: &[&str]) -> Dynamic {
    let (family, versions) = match m {
        Some(m) => (m.family, m.parts),
        None => (OTHER.to_string(), Vec::new()),
    };
    let mut bag = IndexMap::new();
    bag.insert("Family".to_string(), Dynamic::String(family));
    for (i, k) in keys.iter().enumerate() {
        let v = versions.get(i).cloned().unwrap_or_default();
        bag.insert((*k).to_string(), Dynamic::String(v));
    }
    Dynamic::Bag(bag)
}

/// A `{Family, Brand, Model}` bag from a device match.
fn device_bag(m: Option<Match>) -> Dynamic {
    let (family, parts) = match m {
        Some(m) => (m.family, m.parts),
        None => (OTHER.to_string(), Vec::new()),
    };
    let mut bag = IndexMap::new();
    bag.insert("Family".to_string(), Dynamic::String(family));
    for (i, k) in ["Brand", "Model"].iter().enumerate() {
        let v = parts.get(i).cloned().unwrap_or_default();
        bag.insert((*k).to_string(), Dynamic::String(v));
    }
    Dynamic::Bag(bag)
}

/// What a matching rule reports: a family and its parts (versions for browsers and
/// operating systems; brand and model for devices).
#[derive(Debug, Clone, PartialEq)]
struct Match {
    family: String,
    parts: Vec<String>,
}

/// One recognition rule. `family` and every part are templates expanded with the
/// pattern's captures (`${1}` is group 1); a part that expands to nothing is `""`.
struct Rule {
    pattern: &'static str,
    family: &'static str,
    parts: &'static [&'static str],
}

/// A rule with the family taken from group 1 and the versions from groups 2, 3 and 4.
const fn named(pattern: &'static str) -> Rule {
    Rule {
        pattern,
        family: "${1}",
        parts: &["${2}", "${3}", "${4}", "${5}"],
    }
}

/// A rule with a fixed family and the versions from groups 1, 2, 3 and 4.
const fn family(pattern: &'static str, family: &'static str) -> Rule {
    Rule {
        pattern,
        family,
        parts: &["${1}", "${2}", "${3}", "${4}"],
    }
}

/// A rule with a fixed family and fixed (or templated) parts.
const fn fixed(
    pattern: &'static str,
    family: &'static str,
    parts: &'static [&'static str],
) -> Rule {
    Rule {
        pattern,
        family,
        parts,
    }
}

/// Rules compiled for one target: the first rule (in table order) that matches wins.
struct Compiled {
    set: RegexSet,
    regexes: Vec<Regex>,
    rules: &'static [Rule],
}

impl Compiled {
    /// Compiles `rules`. A pattern that fails to compile is a bug caught by the tests;
    /// here it only disables the table (never a panic).
    fn new(rules: &'static [Rule]) -> Compiled {
        let regexes: Result<Vec<Regex>, _> = rules.iter().map(|r| Regex::new(r.pattern)).collect();
        let set = RegexSet::new(rules.iter().map(|r| r.pattern));
        match (regexes, set) {
            (Ok(regexes), Ok(set)) => Compiled {
                set,
                regexes,
                rules,
            },
            _ => Compiled {
                set: RegexSet::empty(),
                regexes: Vec::new(),
                rules: &[],
            },
        }
    }

    fn first_match(&self, ua: &str) -> Option<Match> {
        let i = self.set.matches(ua).iter().next()?;
        let (re, rule) = (self.regexes.get(i)?, self.rules.get(i)?);
        let caps = re.captures(ua)?;
        let family = expand(&caps, rule.family);
        let parts = rule.parts.iter().map(|p| expand(&caps, p)).collect();
        Some(Match { family, parts })
    }
}

/// `template` with `${n}` replaced by group `n` (empty when the group did not take part).
fn expand(caps: &Captures<'_>, template: &str) -> String {
    let mut out = String::new();
    caps.expand(template, &mut out);
    out.trim().to_string()
}

/// The three rule tables, compiled once per process.
struct Rules {
    browser: Compiled,
    os: Compiled,
    device: Compiled,
}

impl Rules {
    fn get() -> &'static Rules {
        static RULES: OnceLock<Rules> = OnceLock::new();
        RULES.get_or_init(|| Rules {
            browser: Compiled::new(BROWSERS),
            os: Compiled::new(OPERATING_SYSTEMS),
            device: Compiled::new(DEVICES),
        })
    }
}

/// Browsers and other clients, most specific first: crawlers and embedded clients before
/// the engines they embed, Chromium derivatives before Chrome, Chrome before Safari
/// (every Chrome string also names Safari), Safari and IE before Firefox, and bare HTTP
/// tools last.
const BROWSERS: &[Rule] = &[
    // Crawlers name themselves anywhere in the string, often next to a browser token.
    named(r"(Googlebot|bingbot)(?:/([0-9]+)(?:\.([0-9]+)(?:\.([0-9]+))?)?)?"),
    family(r"facebookexternalhit/([0-9]+)\.([0-9]+)", "FacebookBot"),
    // HTTP libraries that keep their own name and version.
    named(
        r"(Apache-HttpClient|Go-http-client|Python-urllib|okhttp|PostmanRuntime)(?:[ /]([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?)?",
    ),
    // Nokia phones (q/parse-user-agent-function.md example).
    family(r"^Nokia", "Nokia Services (WAP) Browser"),
    fixed(r"Series60/5\.0", "Nokia Browser", &["7", "0"]),
    family(r"Series60/([0-9]+)\.([0-9]+)", "Nokia OSS Browser"),
    // Firefox on phones and tablets, and on iOS.
    family(
        r"(?:Mobile|Tablet);.{0,200}Firefox/([0-9]+)\.([0-9]+)",
        "Firefox Mobile",
    ),
    family(r"FxiOS/([0-9]+)\.([0-9]+)(?:\.([0-9]+))?", "Firefox iOS"),
    // Opera: Presto (version in Version/), then Chromium-based (OPR/).
    family(
        r"Opera/9\.80.{0,200}Version/([0-9]+)\.([0-9]+)(?:\.([0-9]+))?",
        "Opera",
    ),
    family(
        r"Mobile Safari.{1,300}OPR/([0-9]+)\.([0-9]+)\.([0-9]+)",
        "Opera Mobile",
    ),
    family(r"Chrome.{1,300}OPR/([0-9]+)\.([0-9]+)\.([0-9]+)", "Opera"),
    // Edge on phones, Samsung Internet, then Chrome's mobile forms.
    family(
        r"Windows Phone .{0,200}Edge/([0-9]+)\.([0-9]+)",
        "Edge Mobile",
    ),
    family(
        r"(?:EdgiOS|EdgA)/([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?",
        "Edge Mobile",
    ),
    family(r"SamsungBrowser/([0-9]+)\.([0-9]+)", "Samsung Internet"),
    family(
        r"Version/.{1,300}Chrome/([0-9]+)\.([0-9]+)\.([0-9]+)\.[0-9]+",
        "Chrome Mobile WebView",
    ),
    family(
        r"; wv\).{1,300}Chrome/([0-9]+)\.([0-9]+)\.([0-9]+)\.[0-9]+",
        "Chrome Mobile WebView",
    ),
    family(
        r"CriOS/([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?",
        "Chrome Mobile iOS",
    ),
    family(
        r"Chrome/([0-9]+)\.([0-9]+)\.([0-9]+)\.[0-9]+ Mobile(?:[ /]|$)",
        "Chrome Mobile",
    ),
    family(
        r" Mobile .{1,300}Chrome/([0-9]+)\.([0-9]+)\.([0-9]+)\.[0-9]+",
        "Chrome Mobile",
    ),
    // Microsoft clients seen in sign-in logs.
    fixed(
        r"Microsoft Outlook (?:Mail )?16\.[0-9]+\.[0-9]+|MSOffice 16",
        "Outlook",
        &["2016"],
    ),
    family(r"Teams/([0-9]+)\.([0-9]+)\.([0-9]+)", "Microsoft Teams"),
    // Desktop Edge: EdgeHTML (Edge/) and Chromium (Edg/).
    family(r"Edge?/([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?", "Edge"),
    named(r"(HeadlessChrome)(?:/([0-9]+)\.([0-9]+)\.([0-9]+))?"),
    named(r"(AdobeAIR)/([0-9]+)\.([0-9]+)(?:\.([0-9]+))?"),
    named(r"(Chromium|Chrome)/([0-9]+)\.([0-9]+)(?:\.([0-9]+))?"),
    // The stock Android browser names the platform with a space.
    named(r"(Android) ([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?"),
    // Safari on iPhone, iPad and iPod; app web views without a Version/ token.
    family(
        r"(?:iPod|iPhone|iPad).{1,200}Version/([0-9]+)\.([0-9]+)(?:\.([0-9]+))?.{1,200}[ +]Safari",
        "Mobile Safari",
    ),
    family(
        r"(?:iPod|iPhone|iPad).{1,200}Version/([0-9]+)\.([0-9]+)(?:\.([0-9]+))?",
        "Mobile Safari UI/WKWebView",
    ),
    fixed(r"(?:iPod|iPhone|iPad).{0,200} Safari", "Mobile Safari", &[]),
    fixed(r"iPod|iPhone|iPad", "Mobile Safari UI/WKWebView", &[]),
    // Desktop Safari; before 3.0 it had no Version/ token.
    family(
        r"Version/([0-9]+)\.([0-9]+)(?:\.([0-9]+))?.{0,100}Safari/",
        "Safari",
    ),
    fixed(r"Safari/[0-9]+", "Safari", &[]),
    // Internet Explorer 8 to 11 by their Trident engine version.
    fixed(r"Trident/[78]\.0", "IE", &["11", "0"]),
    fixed(r"Trident/6\.0", "IE", &["10", "0"]),
    fixed(r"Trident/5\.0", "IE", &["9", "0"]),
    fixed(r"Trident/4\.0", "IE", &["8", "0"]),
    family(r"AppleWebKit/([0-9]+)\.([0-9]+)\.([0-9]+)", "Apple Mail"),
    named(r"(Firefox)/([0-9]+)\.([0-9]+)(?:\.([0-9]+))?"),
    family(r"MSIE ([0-9]+)\.([0-9]+)", "IE"),
    // Command-line tools and scripting runtimes.
    family(r"python-requests/([0-9]+)\.([0-9]+)", "Python Requests"),
    named(r"\b(WindowsPowerShell|curl|Wget)(?:[ /]([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?)?"),
    fixed(
        r"Java[/ ]?1\.([0-9]+)\.([0-9]+)[_-]*([a-zA-Z0-9]*)",
        "Java",
        &["${1}", "${2}", "${3}"],
    ),
    named(r"(Java)[/ ]?([0-9]+)\.([0-9]+)\.([0-9]+)"),
];

/// Operating systems. Phones first (their strings also mention desktop systems), then
/// Windows by NT version, Apple systems, Chrome OS and Linux distributions.
const OPERATING_SYSTEMS: &[Rule] = &[
    named(r"(Windows Phone) (?:OS[ /])?([0-9]+)\.([0-9]+)"),
    named(r"(Android)[ /-]([0-9]+)(?:\.([0-9]+))?(?:[.-]([a-z0-9]+))?"),
    named(r"(Android) ([0-9]+);"),
    fixed(r"Windows ?Mobile", "Windows Mobile", &[]),
    // Windows: the marketing name of the NT version (ARM builds are Windows RT).
    fixed(
        r"Windows 10|Windows NT 10\.0|Windows NT 6\.4",
        "Windows",
        &["10"],
    ),
    fixed(r"Windows NT 5\.[12]", "Windows", &["XP"]),
    fixed(r"Win(?:dows NT |32NT/)6\.1", "Windows", &["7"]),
    fixed(r"Win(?:dows NT |32NT/)6\.0", "Windows", &["Vista"]),
    fixed(r"Windows NT 6\.2; ARM;", "Windows", &["RT"]),
    fixed(r"Win(?:dows NT |32NT/)6\.2", "Windows", &["8"]),
    fixed(r"Windows NT 6\.3; ARM;", "Windows", &["RT 8", "1"]),
    fixed(r"Win(?:dows NT |32NT/)6\.3", "Windows", &["8", "1"]),
    fixed(r"Windows NT 5\.0", "Windows", &["2000"]),
    fixed(r"Windows ?CE", "Windows", &["CE"]),
    family(
        r"Win(?:dows)? ?(95|98|3\.1|NT|ME|2000|XP|Vista|7)",
        "Windows",
    ),
    // Apple: macOS still reports itself as Mac OS X 10_15_7; iOS as "CPU iPhone OS".
    family(
        r"(?:Mac[ +]?|; )OS[ +]X[ +/_]([0-9]+)[_.]([0-9]+)(?:[_.]([0-9]+))?",
        "Mac OS X",
    ),
    fixed(r"(?:PPC|Intel) Mac OS X", "Mac OS X", &[]),
    family(
        r"(?:CPU[ +]OS|iPhone[ +]OS|CPU[ +]iPhone|CPU IPhone OS|CPU iPad OS)[ +]+([0-9]+)[_.]([0-9]+)(?:[_.]([0-9]+))?",
        "iOS",
    ),
    fixed(r"iPhone|iPad|iPod", "iOS", &[]),
    family(
        r"CrOS [a-z0-9_]+ ([0-9]+)\.([0-9]+)(?:\.([0-9]+))?",
        "Chrome OS",
    ),
    family(r"Symbian[Oo][Ss][/ ]([0-9]+)\.([0-9]+)", "Symbian OS"),
    named(r"(Ubuntu)[/ ]([0-9]+)\.([0-9]+)(?:\.([0-9]+))?"),
    fixed(r"Windows", "Windows", &[]),
    fixed(r"Ubuntu", "Ubuntu", &[]),
    named(r"(Linux)(?:[ /]([0-9]+)\.([0-9]+)(?:\.([0-9]+))?)?"),
    fixed(r"\(linux-gnu\)|linux", "Linux", &[]),
];

/// Devices: `{Family, Brand, Model}` templates. Crawlers on phones first, then the
/// models a string states, then generic phones and tablets, desktop crawlers, and last
/// Macs (iPhone strings also say "like Mac OS X").
const DEVICES: &[Rule] = &[
    fixed(
        r"(?i)(?:iPhone|Android).{0,300}(?:bots?/[0-9]|(?:bot|spider)\.html)",
        "Spider",
        &["Spider", "Smartphone"],
    ),
    fixed(
        r"Nokia([A-Z]?[0-9]+[a-z]?)(-[0-9]+)?[/ ;)]",
        "Nokia ${1}",
        &["Nokia", "${1}${2}"],
    ),
    fixed(r"iPad", "iPad", &["Apple", "iPad"]),
    fixed(r"iPod", "iPod", &["Apple", "iPod"]),
    fixed(r"iPhone", "iPhone", &["Apple", "iPhone"]),
    fixed(
        r"; ?(?:SAMSUNG[ -])?((?:SM|GT|SCH|SGH|SHV|SPH)-[A-Za-z0-9]+)(?: Build|[;)])",
        "Samsung ${1}",
        &["Samsung", "${1}"],
    ),
    fixed(
        r"; ?(Pixel(?: [A-Za-z0-9]+)*)(?: Build|[;)])",
        "${1}",
        &["Google", "${1}"],
    ),
    // Any other Android model: phones say "Mobile Safari", tablets only "Safari".
    fixed(
        r"Android [0-9][0-9.]*; ([^;/)]{1,100}?)(?: Build|\) AppleWebKit).{1,200}? Mobile Safari",
        "${1}",
        &["Generic_Android", "${1}"],
    ),
    fixed(
        r"Android [0-9][0-9.]*; ([^;/)]{1,100}?)(?: Build|\) AppleWebKit).{1,200}? Safari",
        "${1}",
        &["Generic_Android_Tablet", "${1}"],
    ),
    fixed(
        r"Android [0-9][0-9.]*; ([^;/)]{1,100}?)(?: Build|\))",
        "${1}",
        &["Generic_Android", "${1}"],
    ),
    fixed(
        r"(?i)Android 3\.[0-9]|Tablet; .{1,100}Firefox/",
        "Generic Tablet",
        &["Generic", "Tablet"],
    ),
    fixed(
        r"Mobile; .{1,200}Firefox/|iPhone OS|Android|Windows {0,2}Phone|Opera Mobi",
        "Generic Smartphone",
        &["Generic", "Smartphone"],
    ),
    fixed(
        r"(?i)^(?:.{0,100}(?:bot|crawl|spider|scraper|indexer|archiver|slurp|bingpreview|facebookexternalhit|python-urllib|winhttp|masscan)|java/)",
        "Spider",
        &["Spider", "Desktop"],
    ),
    fixed(r"Mac OS", "Mac", &["Apple", "Mac"]),
];

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::super::testutil::*;
    use super::*;

    /// `parse_user_agent(ua, dynamic(["browser","os","device"]))` as JSON text.
    fn all(ua: &str) -> Dynamic {
        match scalar(
            "parse_user_agent",
            vec![s(ua), d(r#"["browser","os","device"]"#)],
        ) {
            crate::value::Value::Dynamic(d) => d,
            other => panic!("expected dynamic, got {other:?}"),
        }
    }

    fn browser(ua: &str) -> [String; 4] {
        let d = all(ua).get_key("Browser");
        [
            d.get_key("Family").to_kql_string(),
            d.get_key("MajorVersion").to_kql_string(),
            d.get_key("MinorVersion").to_kql_string(),
            d.get_key("Patch").to_kql_string(),
        ]
    }

    fn os(ua: &str) -> [String; 4] {
        let d = all(ua).get_key("OperatingSystem");
        [
            d.get_key("Family").to_kql_string(),
            d.get_key("MajorVersion").to_kql_string(),
            d.get_key("MinorVersion").to_kql_string(),
            d.get_key("Patch").to_kql_string(),
        ]
    }

    fn device(ua: &str) -> [String; 3] {
        let d = all(ua).get_key("Device");
        [
            d.get_key("Family").to_kql_string(),
            d.get_key("Brand").to_kql_string(),
            d.get_key("Model").to_kql_string(),
        ]
    }

    #[test]
    fn every_pattern_compiles() {
        for table in [BROWSERS, OPERATING_SYSTEMS, DEVICES] {
            for r in table {
                assert!(Regex::new(r.pattern).is_ok(), "{}", r.pattern);
            }
        }
        let rules = Rules::get();
        assert_eq!(rules.browser.regexes.len(), BROWSERS.len());
        assert_eq!(rules.os.regexes.len(), OPERATING_SYSTEMS.len());
        assert_eq!(rules.device.regexes.len(), DEVICES.len());
    }

    #[test]
    fn user_agent_doc_example_string_look_for() {
        // q/parse-user-agent-function.md, "Look-for parameter as string".
        let ua =
            "Mozilla/5.0 (Windows; U; en-US) AppleWebKit/531.9 (KHTML, like Gecko) AdobeAIR/2.5.1";
        assert_eq!(
            scalar("parse_user_agent", vec![s(ua), s("browser")]),
            dv(
                r#"{"Browser":{"Family":"AdobeAIR","MajorVersion":"2","MinorVersion":"5","Patch":"1"}}"#
            )
        );
    }

    #[test]
    fn user_agent_doc_example_dynamic_look_for() {
        // q/parse-user-agent-function.md, "Look-for parameter as dynamic array".
        let ua = "Mozilla/5.0 (SymbianOS/9.2; U; Series60/3.1 NokiaN81-3/10.0.032 Profile/MIDP-2.0 Configuration/CLDC-1.1 ) AppleWebKit/413 (KHTML, like Gecko) Safari/4";
        assert_eq!(
            scalar(
                "parse_user_agent",
                vec![s(ua), d(r#"["browser","os","device"]"#)]
            ),
            dv(r#"{
                "Browser":{"Family":"Nokia OSS Browser","MajorVersion":"3","MinorVersion":"1","Patch":""},
                "OperatingSystem":{"Family":"Symbian OS","MajorVersion":"9","MinorVersion":"2","Patch":"","PatchMinor":""},
                "Device":{"Family":"Nokia N81","Brand":"Nokia","Model":"N81-3"}}"#)
        );
    }

    #[test]
    fn user_agent_desktop_browsers() {
        let chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.130 Safari/537.36";
        assert_eq!(browser(chrome), ["Chrome", "120", "0", "6099"]);
        assert_eq!(os(chrome), ["Windows", "10", "", ""]);
        assert_eq!(device(chrome), ["Other", "", ""]);

        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91";
        assert_eq!(browser(edge), ["Edge", "120", "0", "2210"]);
        let old_edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.17763";
        assert_eq!(browser(old_edge), ["Edge", "18", "17763", ""]);

        let firefox =
            "Mozilla/5.0 (Windows NT 6.1; Win64; x64; rv:109.0) Gecko/20100101 Firefox/115.0";
        assert_eq!(browser(firefox), ["Firefox", "115", "0", ""]);
        assert_eq!(os(firefox), ["Windows", "7", "", ""]);

        let safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15";
        assert_eq!(browser(safari), ["Safari", "17", "1", ""]);
        assert_eq!(os(safari), ["Mac OS X", "10", "15", "7"]);
        assert_eq!(device(safari), ["Mac", "Apple", "Mac"]);

        let opera = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 OPR/105.0.0.0";
        assert_eq!(browser(opera), ["Opera", "105", "0", "0"]);

        let ie11 = "Mozilla/5.0 (Windows NT 6.3; WOW64; Trident/7.0; rv:11.0) like Gecko";
        assert_eq!(browser(ie11), ["IE", "11", "0", ""]);
        assert_eq!(os(ie11), ["Windows", "8", "1", ""]);
        let ie8 = "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 5.1; Trident/4.0)";
        assert_eq!(browser(ie8), ["IE", "8", "0", ""]);
        assert_eq!(os(ie8), ["Windows", "XP", "", ""]);

        let ubuntu =
            "Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0";
        assert_eq!(browser(ubuntu), ["Firefox", "121", "0", ""]);
        assert_eq!(os(ubuntu), ["Ubuntu", "", "", ""]);
        let linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
        assert_eq!(os(linux), ["Linux", "", "", ""]);
        let cros = "Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
        assert_eq!(os(cros), ["Chrome OS", "14541", "0", "0"]);
    }

    #[test]
    fn user_agent_mobile_browsers() {
        let iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1.2 Mobile/15E148 Safari/604.1";
        assert_eq!(browser(iphone), ["Mobile Safari", "17", "1", "2"]);
        assert_eq!(os(iphone), ["iOS", "17", "1", "2"]);
        assert_eq!(device(iphone), ["iPhone", "Apple", "iPhone"]);

        let ipad_chrome = "Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1";
        assert_eq!(
            browser(ipad_chrome),
            ["Chrome Mobile iOS", "120", "0", "6099"]
        );
        assert_eq!(os(ipad_chrome), ["iOS", "16", "6", ""]);
        assert_eq!(device(ipad_chrome), ["iPad", "Apple", "iPad"]);

        let android = "Mozilla/5.0 (Linux; Android 13; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36";
        assert_eq!(browser(android), ["Chrome Mobile", "120", "0", "6099"]);
        assert_eq!(os(android), ["Android", "13", "", ""]);
        assert_eq!(device(android), ["Samsung SM-S918B", "Samsung", "SM-S918B"]);

        let samsung = "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36";
        assert_eq!(browser(samsung), ["Samsung Internet", "23", "0", ""]);

        let pixel = "Mozilla/5.0 (Linux; Android 14; Pixel 7 Pro) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36 EdgA/120.0.2210.115";
        assert_eq!(browser(pixel), ["Edge Mobile", "120", "0", "2210"]);
        assert_eq!(device(pixel), ["Pixel 7 Pro", "Google", "Pixel 7 Pro"]);
    }

    #[test]
    fn user_agent_tools_and_crawlers() {
        assert_eq!(browser("curl/7.68.0"), ["curl", "7", "68", "0"]);
        assert_eq!(os("curl/7.68.0"), ["Other", "", "", ""]);
        assert_eq!(device("curl/7.68.0"), ["Other", "", ""]);
        assert_eq!(browser("Wget/1.21.2 (linux-gnu)"), ["Wget", "1", "21", "2"]);
        assert_eq!(os("Wget/1.21.2 (linux-gnu)"), ["Linux", "", "", ""]);
        assert_eq!(
            browser("python-requests/2.31.0"),
            ["Python Requests", "2", "31", ""]
        );
        assert_eq!(
            browser("Python-urllib/3.10"),
            ["Python-urllib", "3", "10", ""]
        );
        assert_eq!(
            browser("Go-http-client/1.1"),
            ["Go-http-client", "1", "1", ""]
        );
        assert_eq!(browser("okhttp/4.9.2"), ["okhttp", "4", "9", "2"]);
        assert_eq!(
            browser("Apache-HttpClient/4.5.13 (Java/11.0.19)"),
            ["Apache-HttpClient", "4", "5", "13"]
        );
        assert_eq!(browser("Java/1.8.0_292"), ["Java", "8", "0", "292"]);
        assert_eq!(browser("Java/17.0.2"), ["Java", "17", "0", "2"]);
        let ps =
            "Mozilla/5.0 (Windows NT; Windows NT 10.0; en-US) WindowsPowerShell/5.1.19041.3803";
        assert_eq!(browser(ps), ["WindowsPowerShell", "5", "1", "19041"]);
        assert_eq!(os(ps), ["Windows", "10", "", ""]);

        let google = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        assert_eq!(browser(google), ["Googlebot", "2", "1", ""]);
        assert_eq!(device(google), ["Spider", "Spider", "Desktop"]);
        let bing = "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)";
        assert_eq!(browser(bing), ["bingbot", "2", "0", ""]);
        let google_mobile = "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.71 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";
        assert_eq!(browser(google_mobile), ["Googlebot", "2", "1", ""]);
        assert_eq!(device(google_mobile), ["Spider", "Spider", "Smartphone"]);

        assert_eq!(
            device("Python-urllib/3.10"),
            ["Spider", "Spider", "Desktop"]
        );
        assert_eq!(device("Java/17.0.2"), ["Spider", "Spider", "Desktop"]);
        assert_eq!(device("okhttp/4.9.2"), ["Other", "", ""]);

        let outlook = "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17029; Pro)";
        assert_eq!(browser(outlook), ["Outlook", "2016", "", ""]);
    }

    #[test]
    fn user_agent_unknown_and_invalid_input() {
        // Unrecognised agents are "Other" with empty parts, as in uap-core.
        let other = r#"{"Browser":{"Family":"Other","MajorVersion":"","MinorVersion":"","Patch":""},
            "OperatingSystem":{"Family":"Other","MajorVersion":"","MinorVersion":"","Patch":"","PatchMinor":""},
            "Device":{"Family":"Other","Brand":"","Model":""}}"#;
        assert_eq!(all("BAV2ROPC"), Dynamic::parse_json(other).unwrap());
        assert_eq!(all(""), Dynamic::parse_json(other).unwrap());
        // Targets: any order and case, unknown names ignored, the result in a fixed order.
        assert_eq!(
            scalar(
                "parse_user_agent",
                vec![s("curl/8.4.0"), d(r#"["OS","nope"]"#)]
            ),
            dv(
                r#"{"OperatingSystem":{"Family":"Other","MajorVersion":"","MinorVersion":"","Patch":"","PatchMinor":""}}"#
            )
        );
        assert_eq!(
            scalar("parse_user_agent", vec![s("curl/8.4.0"), s("nothing")]),
            dv("{}")
        );
        assert_eq!(
            scalar("parse_user_agent", vec![s("curl/8.4.0"), d("null")]),
            dv("{}")
        );
        // Very long input: only the first 4 KB are read, without error.
        let long = format!("curl/7.1.1 {}", "x".repeat(100_000));
        assert_eq!(browser(&long), ["curl", "7", "1", "1"]);
        let multibyte = "é".repeat(5000);
        assert_eq!(browser(&multibyte)[0], "Other");
    }

    #[test]
    fn user_agent_over_columns() {
        let got = column(
            "parse_user_agent",
            vec![
                scol(&["curl/7.68.0", "Wget/1.20", "curl/7.68.0"]),
                s("browser"),
            ],
        );
        assert_eq!(
            got,
            vec![
                dv(
                    r#"{"Browser":{"Family":"curl","MajorVersion":"7","MinorVersion":"68","Patch":"0"}}"#
                ),
                dv(
                    r#"{"Browser":{"Family":"Wget","MajorVersion":"1","MinorVersion":"20","Patch":""}}"#
                ),
                dv(
                    r#"{"Browser":{"Family":"curl","MajorVersion":"7","MinorVersion":"68","Patch":"0"}}"#
                ),
            ]
        );
        // look_for per row.
        let got = column(
            "parse_user_agent",
            vec![s("curl/7.68.0"), dcol(&[r#""device""#, r#"["browser"]"#])],
        );
        assert_eq!(
            got,
            vec![
                dv(r#"{"Device":{"Family":"Other","Brand":"","Model":""}}"#),
                dv(
                    r#"{"Browser":{"Family":"curl","MajorVersion":"7","MinorVersion":"68","Patch":"0"}}"#
                ),
            ]
        );
    }
}
