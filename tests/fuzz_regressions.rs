//! Replays the fuzz corpus and saved regressions on stable, with the fuzz targets' checks
//! (`kql::fuzzing`, the same functions the targets in `fuzz/fuzz_targets/` call): lexing,
//! parsing, binding and evaluation return `Ok` or `Err` without panicking, and parse →
//! print → re-parse gives the same print. Every input is replayed through every check. Also checks that every `.kql` file
//! in `queries/` and `tests/golden/` prints stably (CONVENTIONS.md habit 8).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql::fuzzing as checks;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Files directly inside each subdirectory of `dir` (`fuzz/corpus/parse/*`, ...), sorted.
fn files_in_subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let Ok(subdirs) = std::fs::read_dir(dir) else {
        return files;
    };
    for sub in subdirs.filter_map(|e| e.ok().map(|e| e.path())) {
        let Ok(entries) = std::fs::read_dir(&sub) else {
            continue;
        };
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && !is_hidden(p)),
        );
    }
    files.sort();
    files
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// `.kql` files under `dir`, recursively, sorted.
fn kql_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            if path.is_dir() {
                stack.push(path);
            } else if path.extension() == Some("kql".as_ref()) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// Runs `check` on every file, collecting failures (an `Err` or a panic) instead of
/// stopping at the first.
fn replay(files: &[PathBuf], check: impl Fn(&str) -> Result<(), String>) -> Vec<String> {
    let mut failures = Vec::new();
    for file in files {
        let bytes = std::fs::read(file).unwrap();
        let Ok(text) = std::str::from_utf8(&bytes) else {
            continue; // the targets skip non-UTF-8 input too
        };
        let name = file
            .strip_prefix(root())
            .unwrap_or(file)
            .display()
            .to_string();
        match catch_unwind(AssertUnwindSafe(|| check(text))) {
            Ok(Ok(())) => {}
            Ok(Err(message)) => failures.push(format!("{name}: {message}")),
            Err(_) => failures.push(format!("{name}: panicked (message above)")),
        }
    }
    failures
}

fn fuzz_inputs() -> Vec<PathBuf> {
    let mut files = files_in_subdirs(&root().join("fuzz/corpus"));
    files.extend(files_in_subdirs(&root().join("fuzz/regressions")));
    files
}

#[test]
fn fuzz_inputs_parse_and_print_stably() {
    let files = fuzz_inputs();
    assert!(!files.is_empty(), "no fuzz corpus found");
    let failures = replay(&files, |text| {
        checks::check_lex(text)?;
        checks::check_parse(text)?;
        checks::check_roundtrip(text)
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn fuzz_inputs_bind_and_evaluate_without_panicking() {
    let failures = replay(&fuzz_inputs(), |text| {
        checks::check_bind(text)?;
        checks::check_eval(text)
    });
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_repository_query_prints_stably() {
    let mut files = kql_files(&root().join("queries"));
    files.extend(kql_files(&root().join("tests/golden")));
    assert!(!files.is_empty());
    let failures = replay(&files, checks::check_roundtrip);
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
