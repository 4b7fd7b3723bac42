//! Golden tests: every `tests/golden/<area>/<case>.kql` runs through the engine and its
//! output is compared with `<case>.out` (results in the golden format, separated by a blank
//! line) or `<case>.err` (the rendered error).
//!
//! Tables: every data file in `tests/golden/data/` and `examples/data/` (named by file
//! stem, loaded with the schema of that name from `tests/golden/data/schemas/` or
//! `examples/schemas/` when there is one). `now()` is pinned at 2026-11-26T00:00:00Z.
//!
//! Directives in a case's comments:
//! - `// golden: unordered` compares each result's rows as a multiset, and JSON arrays
//!   inside cells as sets (for `summarize` without `sort`, and `make_set`, whose orders
//!   are unspecified);
//! - `// golden: run queries/x.kql` runs that file instead of the case's own text, so a
//!   sample query lives in one place (the case file then holds only comments).
//!
//! `BLESS=1 cargo test --test golden` rewrites the expected files: review the diff before
//! committing, since expected outputs come from the docs, not from the engine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql::io::{load_table, read_schema_dir, LoadOptions};
use kql::{Engine, Schema};
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// 2026-11-26T00:00:00Z in ticks.
const NOW: i64 = 639_312_480_000_000_000;
const DATA_EXTENSIONS: &[&str] = &["ndjson", "jsonl", "json", "csv"];

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let trials = cases(&root.join("tests/golden"))
        .into_iter()
        .map(|case| {
            let name = case_name(root, &case);
            Trial::test(name, move || run_case(&case))
        })
        .collect();
    libtest_mimic::run(&args, trials).exit();
}

/// All `.kql` files under `dir`, except in `data/`, sorted.
fn cases(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.is_dir() && path.file_name() != Some("data".as_ref()) {
                stack.push(path);
            } else if path.extension() == Some("kql".as_ref()) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// `area/case` for `tests/golden/area/case.kql`.
fn case_name(root: &Path, case: &Path) -> String {
    let rel = case
        .strip_prefix(root.join("tests/golden"))
        .unwrap_or(case)
        .with_extension("");
    rel.to_string_lossy().replace('\\', "/")
}

fn run_case(case: &Path) -> Result<(), Failed> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let case_text = read(case)?;
    // `// golden: run queries/x.kql` runs that file, so the query is kept in one place.
    let query_file = directive(&case_text, "run").map_or(case.to_path_buf(), |p| root.join(p));
    let text = read(&query_file)?;
    let engine = engine(root)?;
    let display = query_file
        .strip_prefix(root)
        .unwrap_or(&query_file)
        .to_string_lossy()
        .replace('\\', "/");
    let (actual, ext) = match engine.run(&text) {
        Ok(tables) => (render_tables(&tables), "out"),
        Err(err) => (kql::render_error(&text, &err, Some(&display)), "err"),
    };
    let expected_path = case.with_extension(ext);
    if std::env::var_os("BLESS").is_some() {
        return bless(case, &expected_path, &actual);
    }
    let other = case.with_extension(if ext == "out" { "err" } else { "out" });
    let Ok(expected) = std::fs::read_to_string(&expected_path) else {
        let hint = if other.exists() {
            format!("expected {} but got:", file_name(&other))
        } else {
            format!("no {} (BLESS=1 writes it); got:", file_name(&expected_path))
        };
        return Err(format!("{hint}\n{actual}").into());
    };
    let unordered = directive(&case_text, "unordered").is_some();
    compare(&expected, &actual, unordered)
}

fn read(path: &Path) -> Result<String, Failed> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()).into())
}

/// The argument of a `// golden: NAME [ARG]` line (empty when there is none).
fn directive<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    text.lines().find_map(|line| {
        let rest = line.trim().strip_prefix("// golden:")?.trim();
        let (word, arg) = rest.split_once(' ').unwrap_or((rest, ""));
        (word == name).then_some(arg.trim())
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn bless(case: &Path, expected_path: &Path, actual: &str) -> Result<(), Failed> {
    for ext in ["out", "err"] {
        let p = case.with_extension(ext);
        if p != expected_path && p.exists() {
            std::fs::remove_file(&p).map_err(|e| e.to_string())?;
        }
    }
    std::fs::write(expected_path, actual).map_err(|e| e.to_string())?;
    Ok(())
}

/// Each result in the golden format, separated by a blank line.
fn render_tables(tables: &[kql::Table]) -> String {
    let blocks: Vec<String> = tables
        .iter()
        .map(|t| {
            let mut s = kql::output::format_golden(t);
            if !s.ends_with('\n') {
                s.push('\n');
            }
            s
        })
        .collect();
    blocks.join("\n")
}

fn compare(expected: &str, actual: &str, unordered: bool) -> Result<(), Failed> {
    let (e, a) = if unordered {
        (normalize_unordered(expected), normalize_unordered(actual))
    } else {
        (expected.to_string(), actual.to_string())
    };
    if e == a {
        return Ok(());
    }
    Err(format!(
        "output differs{} (- expected, + actual):\n{}",
        if unordered {
            " (rows compared as a set)"
        } else {
            ""
        },
        diff(&e, &a)
    )
    .into())
}

/// Sorts the rows of each result block (keeping the header first) and sorts the elements
/// of JSON arrays inside cells.
fn normalize_unordered(text: &str) -> String {
    let mut out = Vec::new();
    for block in text.split("\n\n") {
        let mut lines = block.lines();
        let Some(header) = lines.next() else {
            continue;
        };
        let mut rows: Vec<String> = lines
            .map(|l| {
                l.split('\t')
                    .map(normalize_cell)
                    .collect::<Vec<_>>()
                    .join("\t")
            })
            .collect();
        rows.sort();
        out.push(
            std::iter::once(header.to_string())
                .chain(rows)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    out.join("\n\n")
}

fn normalize_cell(cell: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(cell) {
        Ok(serde_json::Value::Array(items)) => {
            let mut items: Vec<String> = items.iter().map(|v| v.to_string()).collect();
            items.sort();
            format!("[{}]", items.join(","))
        }
        _ => cell.to_string(),
    }
}

/// A line diff (longest common subsequence): `-` expected only, `+` actual only.
fn diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let mut lcs = vec![vec![0usize; a.len() + 1]; e.len() + 1];
    for i in (0..e.len()).rev() {
        for j in (0..a.len()).rev() {
            lcs[i][j] = if e[i] == a[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, String::new());
    while i < e.len() || j < a.len() {
        if i < e.len() && j < a.len() && e[i] == a[j] {
            out.push_str(&format!("  {}\n", e[i]));
            i += 1;
            j += 1;
        } else if j < a.len() && (i == e.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+ {}\n", a[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", e[i]));
            i += 1;
        }
    }
    out
}

/// An engine with the golden and example tables, and the pinned clock.
fn engine(root: &Path) -> Result<Engine, String> {
    let mut engine = Engine::new();
    engine.set_now(NOW);
    for (data, schemas) in [
        ("examples/data", "examples/schemas"),
        ("tests/golden/data", "tests/golden/data/schemas"),
    ] {
        let schemas = read_schemas(&root.join(schemas))?;
        for (name, path) in data_files(&root.join(data)) {
            let options = LoadOptions {
                schema: schemas.get(&name).cloned(),
                format: None,
                columns: None,
            };
            let table = load_table(&path, &options).map_err(|e| e.to_string())?;
            engine.add_table(name, table);
        }
    }
    Ok(engine)
}

fn read_schemas(dir: &Path) -> Result<BTreeMap<String, Schema>, String> {
    if !dir.is_dir() {
        return Ok(BTreeMap::new());
    }
    read_schema_dir(dir).map_err(|e| e.to_string())
}

/// `(stem, path)` of each data file in `dir`, sorted.
fn data_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<(String, PathBuf)> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|x| x.to_str())
                    .is_some_and(|x| DATA_EXTENSIONS.contains(&x))
        })
        .filter_map(|p| Some((p.file_stem()?.to_str()?.to_string(), p)))
        .collect();
    files.sort();
    files
}
