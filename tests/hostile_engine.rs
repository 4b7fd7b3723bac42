//! Hostile queries through the library: deep nesting, long chains, huge literals, limits,
//! cancellation. Each must return `Ok` or a clear `Err`, never overflow the stack or hang.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql::{DataType, Engine, Field, Table, Value};

fn engine() -> Engine {
    let mut engine = Engine::new();
    let rows: Vec<Vec<Value>> = (0..10).map(|i| vec![Value::Long(Some(i))]).collect();
    engine.add_table(
        "T",
        Table::from_rows(vec![Field::new("a", DataType::Long)], &rows),
    );
    engine
}

fn or_chain(lhs: &str, n: usize) -> String {
    (1..=n)
        .map(|i| format!("{lhs} == {i}"))
        .collect::<Vec<_>>()
        .join(" or ")
}

#[test]
fn long_or_chain_in_print() {
    let q = format!("print x = {}", or_chain("1", 20_000));
    let r = engine().run(&q).unwrap();
    assert_eq!(r[0].row(0), vec![Value::Bool(Some(true))]);
}

#[test]
fn long_or_chain_in_where() {
    let q = format!("T | where {} | count", or_chain("a", 20_000));
    let r = engine().run(&q).unwrap();
    assert_eq!(r[0].row(0), vec![Value::Long(Some(9))]);
}

#[test]
fn long_or_chain_parses_and_drops() {
    let q = format!("T | where {} | count", or_chain("a", 20_000));
    let query = kql::parse(&q).unwrap();
    drop(query);
}

fn expect_err(q: &str, needle: &str) {
    match engine().run(q) {
        Ok(_) => panic!("expected an error containing {needle:?}"),
        Err(e) => {
            let text = e.to_string();
            assert!(
                text.contains(needle),
                "{text:?} does not contain {needle:?}"
            );
        }
    }
}

#[test]
fn long_and_chain_with_columns() {
    let q = format!(
        "T | where {} | count",
        (0..20_000)
            .map(|i| format!("a != {}", i + 100))
            .collect::<Vec<_>>()
            .join(" and ")
    );
    let r = engine().run(&q).unwrap();
    assert_eq!(r[0].row(0), vec![Value::Long(Some(10))]);
}

#[test]
fn long_or_chain_inside_a_function_body() {
    let q = format!(
        "let f = () {{ T | where {} }}; f() | count",
        or_chain("a", 20_000)
    );
    let r = engine().run(&q).unwrap();
    assert_eq!(r[0].row(0), vec![Value::Long(Some(9))]);
}

#[test]
fn deep_parentheses_are_an_error() {
    let q = format!("print x = {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    expect_err(&q, "deep");
}

#[test]
fn deep_function_calls_are_an_error() {
    let q = format!(
        "print x = {}1{}",
        "abs(".repeat(100_000),
        ")".repeat(100_000)
    );
    expect_err(&q, "deep");
}

#[test]
fn deep_dynamic_literal_is_an_error() {
    let q = format!(
        "print x = dynamic({}1{})",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(engine().run(&q).is_err());
}

#[test]
fn deep_let_chain_is_an_error_or_works() {
    // let x0 = 1; let x1 = x0 + 1; ... each let refers to the previous one.
    let mut q = String::from("let x0 = 1;\n");
    for i in 1..5_000 {
        q.push_str(&format!("let x{i} = x{} + 1;\n", i - 1));
    }
    q.push_str("print x4999");
    let r = engine().run(&q).unwrap();
    assert_eq!(r[0].row(0), vec![Value::Long(Some(5000))]);
}

#[test]
fn deep_user_function_calls_are_an_error() {
    // f1 calls f0, f2 calls f1, ...: binding inlines each call.
    let mut q = String::from("let f0 = () { 1 };\n");
    for i in 1..1_000 {
        q.push_str(&format!("let f{i} = () {{ f{}() + 1 }};\n", i - 1));
    }
    q.push_str("print f999()");
    expect_err(&q, "deep");
}

#[test]
fn ten_megabyte_string_literal_works() {
    let big = "x".repeat(10 << 20);
    let q = format!("print n = strlen('{big}')");
    let r = engine().run(&q).unwrap();
    assert_eq!(r[0].row(0), vec![Value::Long(Some(10 << 20))]);
}

#[test]
fn long_arithmetic_chain_is_an_error_not_a_crash() {
    let q = format!("print x = {}", vec!["1"; 20_000].join(" + "));
    expect_err(&q, "deep");
}

/// An engine whose queries another thread cancels after `ms` milliseconds.
fn cancelled_after(ms: u64) -> (Engine, std::thread::JoinHandle<()>) {
    let flag = kql::CancelFlag::new();
    let mut engine = engine();
    engine.set_limits(kql::Limits {
        cancel: Some(flag.clone()),
        ..kql::Limits::default()
    });
    let canceller = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(ms));
        flag.cancel();
    });
    (engine, canceller)
}

#[test]
fn cancelling_from_another_thread_stops_a_long_query_promptly() {
    let (engine, canceller) = cancelled_after(50);
    let start = std::time::Instant::now();
    let r = engine.run(
        "range x from 1 to 30000000 step 1 | extend y = x * 2 | where y % 3 == 0 \
         | summarize count() by k = y % 1000 | count",
    );
    let elapsed = start.elapsed();
    canceller.join().unwrap();
    let Err(err) = r else {
        panic!("the query was not cancelled");
    };
    assert!(err.to_string().contains("cancelled"), "{err}");
    assert!(
        elapsed < std::time::Duration::from_secs(5),
        "took {elapsed:?}"
    );
}

#[test]
fn a_timeout_stops_a_long_query() {
    let mut engine = engine();
    engine.set_limits(kql::Limits {
        timeout: Some(std::time::Duration::from_millis(50)),
        ..kql::Limits::default()
    });
    let start = std::time::Instant::now();
    let r = engine.run("range x from 1 to 30000000 step 1 | extend y = x * 2 | count");
    assert!(r.is_err());
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

#[test]
fn range_past_the_row_limit_fails_before_allocating() {
    let start = std::time::Instant::now();
    expect_err("range x from 1 to 10000000000 step 1", "row limit");
    expect_err("range x from 1.0 to 10000000000.0 step 0.5", "row limit");
    expect_err(
        "range t from datetime(0001-01-01) to datetime(9999-12-31) step 1tick",
        "row limit",
    );
    assert!(start.elapsed() < std::time::Duration::from_secs(2));
}

#[test]
fn cancelling_stops_expensive_per_row_work_inside_one_operator() {
    let (engine, canceller) = cancelled_after(300);
    let start = std::time::Instant::now();
    // One `extend` with an expensive function over 5 million rows: tens of seconds in a
    // debug build if the kernel loop did not look at the cancel flag.
    let r = engine.run(
        "range x from 1 to 5000000 step 1 \
         | extend y = hash_sha256(strcat('row ', x)) | summarize max(y)",
    );
    let elapsed = start.elapsed();
    canceller.join().unwrap();
    let Err(err) = r else {
        panic!("the query was not cancelled");
    };
    assert!(err.to_string().contains("cancelled"), "{err}");
    assert!(
        elapsed < std::time::Duration::from_secs(3),
        "took {elapsed:?}"
    );
}

#[test]
fn a_join_too_big_for_the_memory_budget_stops_before_building_it() {
    // 3,000 x 3,000 rows on one key: 9 million output rows, far over a 16 MB budget but
    // under the row limit: the memory check stops it (join checks before gathering).
    let mut engine = Engine::new();
    engine.set_limits(kql::Limits {
        max_memory_bytes: 16 << 20,
        ..kql::Limits::default()
    });
    let q = "let L = range i from 1 to 3000 step 1 | extend k = 1, s = strcat('left-', i);
             let R = range j from 1 to 3000 step 1 | extend k = 1, t = strcat('right-', j);
             L | join kind=inner R on k | count";
    let err = engine.run(q).unwrap_err().to_string();
    assert!(err.contains("memory"), "{err}");
}
