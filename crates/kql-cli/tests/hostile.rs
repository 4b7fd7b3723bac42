//! Hostile input through the built `kql` binary under `ulimit -v 4000000` (4 GB of address
//! space): every case must exit 0 or 1 within 10 seconds with a known message, never die
//! of a signal or a panic (exit code 101).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2026-11-26T00:00:00Z";
const TIME_LIMIT: Duration = Duration::from_secs(10);

/// A hostile query: its bytes, extra flags, the exit code and a substring of the output
/// (stdout for 0, stderr for 1).
struct Case {
    name: &'static str,
    query: Vec<u8>,
    flags: &'static [&'static str],
    code: i32,
    expect: &'static str,
}

fn case(name: &'static str, query: impl Into<Vec<u8>>, code: i32, expect: &'static str) -> Case {
    Case {
        name,
        query: query.into(),
        flags: &[],
        code,
        expect,
    }
}

fn with_flags(mut c: Case, flags: &'static [&'static str]) -> Case {
    c.flags = flags;
    c
}

fn joined(n: usize, f: impl Fn(usize) -> String, sep: &str) -> String {
    (0..n).map(f).collect::<Vec<_>>().join(sep)
}

fn cases() -> Vec<Case> {
    let mut invalid_utf8 = b"print x = '".to_vec();
    invalid_utf8.extend_from_slice(&[0xff, 0xfe, 0x80]);
    invalid_utf8.extend_from_slice(b"'");
    vec![
        case(
            "deep parentheses",
            format!("print x = {}1{}", "(".repeat(100_000), ")".repeat(100_000)),
            1,
            "KQL1006]: expression nested too deeply",
        ),
        case(
            "deep function calls",
            format!(
                "print x = {}1{}",
                "abs(".repeat(100_000),
                ")".repeat(100_000)
            ),
            1,
            "KQL1006]: expression nested too deeply",
        ),
        case(
            "deep dynamic literal",
            format!(
                "print x = dynamic({}1{})",
                "[".repeat(100_000),
                "]".repeat(100_000)
            ),
            1,
            "KQL1006]: expression nested too deeply",
        ),
        case(
            "long or chain in print",
            format!(
                "print x = {}",
                joined(20_000, |i| format!("1 == {i}"), " or ")
            ),
            0,
            "x\ntrue\n",
        ),
        case(
            "long or chain in where",
            format!(
                "range a from 1 to 100 step 1 | where {} | count",
                joined(20_000, |i| format!("a == {}", i * 10), " or ")
            ),
            0,
            "Count\n10\n",
        ),
        case(
            "long and chain",
            format!(
                "range a from 1 to 100 step 1 | where {} | count",
                joined(20_000, |i| format!("a != {}", i + 1000), " and ")
            ),
            0,
            "Count\n100\n",
        ),
        case(
            "long arithmetic chain",
            format!("print x = {}", vec!["1"; 20_000].join(" + ")),
            1,
            "KQL2015]: the query nests too deeply (limit 200)",
        ),
        case(
            "10 MB string literal",
            format!("print n = strlen('{}')", "x".repeat(10 << 20)),
            0,
            "n\n10485760\n",
        ),
        case(
            "huge range",
            "range x from 1 to 10000000000 step 1",
            1,
            "KQL3001]: a result would have more than 100000000 rows",
        ),
        with_flags(
            case(
                "range over --max-rows",
                "range x from 1 to 1000000 step 1 | count",
                1,
                "KQL3001]: a result would have more than 1000 rows",
            ),
            &["--max-rows", "1000"],
        ),
        with_flags(
            case(
                "range over --max-memory",
                "range x from 1 to 1000000 step 1 | extend y = strcat('row ', x) | count",
                1,
                "KQL3002]: the query needs more than 1048576 bytes",
            ),
            &["--max-memory", "1M"],
        ),
        with_flags(
            case(
                "slow query over --timeout",
                "range x from 1 to 60000000 step 1 | extend y = x * 2 | where y % 3 == 0 \
                 | summarize count() by k = y % 1000 | count",
                1,
                "KQL3003]: the query ran past its deadline",
            ),
            &["--timeout", "0.2"],
        ),
        case(
            "100,000 piped operators",
            format!(
                "range x from 1 to 3 step 1{} | count",
                " | where x > 0".repeat(100_000)
            ),
            1,
            "operators; this one has 100001",
        ),
        case(
            "1,000 piped operators",
            format!(
                "range x from 1 to 3 step 1{} | count",
                " | where x > 0".repeat(999)
            ),
            0,
            "Count\n3\n",
        ),
        case(
            "cross join",
            "range x from 1 to 100000 step 1 | extend k = 1 \
             | join kind=inner (range y from 1 to 100000 step 1 | extend k = 1) on k | count",
            1,
            "KQL3001]: a result would have more than 100000000 rows",
        ),
        case(
            "mv-expand a million rows",
            "range x from 1 to 1000 step 1 | extend a = range(1, 1000, 1) | mv-expand a | count",
            0,
            "Count\n1000000\n",
        ),
        with_flags(
            case(
                "mv-expand over --max-rows",
                "range x from 1 to 1000 step 1 | extend a = range(1, 1000, 1) | mv-expand a",
                1,
                "KQL3001]: a result would have more than 100000 rows",
            ),
            &["--max-rows", "100000"],
        ),
        with_flags(
            case(
                "expensive function over --timeout",
                "range x from 1 to 20000000 step 1 \
                 | extend y = hash_sha256(strcat('row ', x)) | summarize max(y)",
                1,
                "KQL3003]: the query ran past its deadline",
            ),
            &["--timeout", "0.5"],
        ),
        with_flags(
            case(
                "make_list of big arrays",
                "range x from 1 to 1000 step 1 | summarize make_list(range(1, 100000, 1))",
                1,
                "KQL3002]: the query needs more than 268435456 bytes",
            ),
            &["--max-memory", "256M"],
        ),
        with_flags(
            case(
                "a big array per row",
                "range x from 1 to 200 step 1 | extend a = range(x, 1000000, 1) \
                 | mv-expand a | count",
                1,
                "KQL3002]: the query needs more than 268435456 bytes",
            ),
            &["--max-memory", "256M"],
        ),
        with_flags(
            case(
                "a folded big array on every row",
                "range x from 1 to 200 step 1 | extend a = range(1, 1000000, 1) \
                 | mv-expand a | count",
                1,
                "KQL3002]: the query needs more than 268435456 bytes",
            ),
            &["--max-memory", "256M"],
        ),
        case(
            "datetime overflow",
            "print datetime(9999-12-31) + 1d",
            0,
            "print_0\n\"\"\n",
        ),
        case(
            "long overflow",
            "print long(9223372036854775807) + 1",
            0,
            "print_0\n\"\"\n",
        ),
        case(
            "long min divided by -1",
            "print -9223372036854775808 / -1",
            0,
            "print_0\n\"\"\n",
        ),
        case("modulo by zero", "print 1 % 0", 0, "print_0\n\"\"\n"),
        case("division by zero", "print 1 / 0", 0, "print_0\n\"\"\n"),
        case(
            "negate long min",
            "print -(-9223372036854775808)",
            0,
            "print_0\n\"\"\n",
        ),
        case(
            "abs of long min",
            "print abs(-9223372036854775808)",
            0,
            "print_0\n\"\"\n",
        ),
        case(
            "substring far out",
            "print s = substring('abc', 9223372036854775807)",
            0,
            "s\n\"\"\n",
        ),
        case(
            "substring negative",
            "print s = substring('abc', -9223372036854775808, 9223372036854775807)",
            0,
            "s\nabc\n",
        ),
        case(
            "strrep huge",
            "print n = strlen(strrep('x', 100000000))",
            0,
            "n\n1024\n",
        ),
        case(
            "strrep enormous",
            "print n = strlen(strrep('xyz', 9223372036854775807))",
            0,
            "n\n3072\n",
        ),
        case(
            "range function huge",
            "print r = array_length(range(1, 10000000000, 1))",
            0,
            "r\n1048576\n",
        ),
        case(
            "repeat huge",
            "print r = array_length(repeat(1, 9223372036854775807))",
            0,
            "r\n1048576\n",
        ),
        case(
            "datetime_add huge",
            "print d = datetime_add('year', 9223372036854775807, datetime(2020-01-01))",
            0,
            "d\n\"\"\n",
        ),
        case(
            "bin by zero",
            "print b = bin(5, 0), c = bin(datetime(2020-01-01), 0s)",
            0,
            "b,c\n,\n",
        ),
        case(
            "bad regex from a column",
            "print p = '(' | extend m = 'abc' matches regex p",
            1,
            "KQL3005]: invalid regular expression",
        ),
        case(
            "tabular where scalar expected",
            "print x = (range y from 1 to 3 step 1)",
            1,
            "KQL2010]: a tabular expression cannot be used as a scalar",
        ),
        case(
            "unterminated string",
            "print 'abc",
            1,
            "KQL1003]: unterminated string literal",
        ),
        case(
            "NUL byte in a string",
            "print s = 'a\0b' | extend n = strlen(s)",
            0,
            ",3\n",
        ),
        case(
            "NUL byte outside a string",
            "print 1\0",
            1,
            "KQL1009]: unexpected character",
        ),
        case(
            "invalid UTF-8",
            invalid_utf8,
            1,
            ":1:12: the query is not valid UTF-8",
        ),
        case("empty query", "", 0, ""),
        case("only comments", "// nothing here\n// at all\n", 0, ""),
        case(
            "1,000 statements",
            joined(1_000, |i| format!("print x = {i}"), ";\n"),
            0,
            "999",
        ),
        case(
            "1,000 lets",
            format!(
                "{}\nprint x = v999",
                joined(1_000, |i| format!("let v{i} = {i};"), "\n")
            ),
            0,
            "999",
        ),
    ]
}

fn tmp_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

fn run_case(c: &Case, dir: &Path) -> Outcome {
    let file = dir.join(format!("{}.kql", c.name.replace([' ', ',', '-'], "_")));
    std::fs::write(&file, &c.query).unwrap();
    let mut args = vec![
        "-c".to_string(),
        "ulimit -v 4000000; exec \"$0\" \"$@\"".to_string(),
        env!("CARGO_BIN_EXE_kql").to_string(),
        "run".to_string(),
        file.display().to_string(),
        "--now".to_string(),
        NOW.to_string(),
        "--format".to_string(),
        "csv".to_string(),
    ];
    args.extend(c.flags.iter().map(|s| s.to_string()));
    let out_path = file.with_extension("out");
    let err_path = file.with_extension("err");
    let start = Instant::now();
    let mut child = Command::new("sh")
        .args(&args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if start.elapsed() > TIME_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    let read = |p: &Path| {
        let bytes = std::fs::read(p).unwrap_or_default();
        String::from_utf8_lossy(&bytes).into_owned()
    };
    Outcome {
        code: status.and_then(|s| s.code()),
        stdout: read(&out_path),
        stderr: read(&err_path),
        elapsed,
    }
}

#[test]
fn hostile_inputs_exit_cleanly() {
    let dir = tmp_dir();
    let mut failures = Vec::new();
    for c in cases() {
        let o = run_case(&c, &dir);
        let text = if c.code == 0 { &o.stdout } else { &o.stderr };
        let ok = o.code == Some(c.code) && text.contains(c.expect) && o.elapsed <= TIME_LIMIT;
        eprintln!(
            "{:<32} exit {:?} in {:>6.2}s {}",
            c.name,
            o.code,
            o.elapsed.as_secs_f64(),
            if ok { "ok" } else { "FAILED" }
        );
        if !ok {
            failures.push(format!(
                "{}: expected exit {} with {:?}; got exit {:?} after {:.2}s\nstdout: {}\nstderr: {}",
                c.name,
                c.code,
                c.expect,
                o.code,
                o.elapsed.as_secs_f64(),
                o.stdout.chars().take(300).collect::<String>(),
                o.stderr.chars().take(600).collect::<String>(),
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

fn kql_run(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kql"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

#[test]
fn bad_rows_fail_the_load_or_are_skipped_and_counted() {
    let dir = tmp_dir();
    let file = dir.join("bad_rows.ndjson");
    std::fs::write(
        &file,
        b"{\"a\":1}\n{\"a\":\n{\"a\":3}\n\xff\xfe\n{\"a\":5}\n",
    )
    .unwrap();
    let table = format!("T={}", file.display());
    let out = kql_run(&[
        "run",
        "-e",
        "T | count",
        "--table",
        &table,
        "--format",
        "csv",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    // The loader names the first bad row it finds (it checks UTF-8 before JSON).
    assert!(err.contains("bad_rows.ndjson:4:1: invalid UTF-8"), "{err}");

    let out = kql_run(&[
        "run",
        "-e",
        "T | count",
        "--table",
        &table,
        "--format",
        "csv",
        "--skip-bad-rows",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "Count\n3\n");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("skipped 2 bad rows in ") && err.contains("(first: line 2"),
        "{err}"
    );
}

#[test]
fn parse_and_check_handle_long_chains_and_deep_nesting() {
    let dir = tmp_dir();
    let chain = dir.join("chain.kql");
    std::fs::write(
        &chain,
        format!(
            "print x = {}",
            joined(20_000, |i| format!("1 == {i}"), " or ")
        ),
    )
    .unwrap();
    let deep = dir.join("deep.kql");
    std::fs::write(
        &deep,
        format!("print {}1{}", "(".repeat(100_000), ")".repeat(100_000)),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let mut full = vec![
            "-c",
            "ulimit -v 4000000; exec \"$0\" \"$@\"",
            env!("CARGO_BIN_EXE_kql"),
        ];
        full.extend_from_slice(args);
        Command::new("sh")
            .args(&full)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .output()
            .unwrap()
    };
    let chain = chain.display().to_string();
    let deep = deep.display().to_string();
    let out = run(&["parse", &chain]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("1 == 19998 or 1 == 19999"));
    let out = run(&["check", &chain]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for cmd in ["parse", "check", "run"] {
        let out = run(&[cmd, &deep]);
        assert_eq!(out.status.code(), Some(1), "{cmd}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("nested too deeply"),
            "{cmd}"
        );
    }
}

#[test]
fn closed_output_streams_are_not_a_panic() {
    for (args, code) in [
        (&["run", "-e", "print x = ("][..], 1),
        (&["run", "-e", "range x from 1 to 100000 step 1"][..], 0),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_kql"))
            .args(args)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close both pipes before the command writes anything.
        drop(child.stdout.take());
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
}
