//! top-hitters, sample-distinct, `evaluate ... : (*, ...)` output schemas and
//! `mv-expand ... to typeof(T)` casting: whole queries through `Engine::run`, with data
//! modelled on the docs' examples (pages cited per test, under
//! learn.microsoft.com/kusto/query/). Column names and types were checked against the
//! official analyzer (`@kusto/language-service-next`, result schema).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_eval::{DataType, Engine, Error, Table};

fn run(q: &str) -> Table {
    let mut r = Engine::new().run(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    assert_eq!(r.len(), 1);
    r.remove(0)
}

fn run_err(q: &str) -> Error {
    match Engine::new().run(q) {
        Ok(t) => panic!("{q} ran: {t:?}"),
        Err(e) => e,
    }
}

/// Rows as display strings, `null` for nulls.
fn rows(t: &Table) -> Vec<Vec<String>> {
    (0..t.num_rows())
        .map(|r| {
            t.row(r)
                .iter()
                .map(|v| {
                    if v.is_null() {
                        "null".to_string()
                    } else {
                        v.to_string()
                    }
                })
                .collect()
        })
        .collect()
}

fn names(t: &Table) -> Vec<&str> {
    t.fields().iter().map(|f| f.name.as_str()).collect()
}

fn types(t: &Table) -> Vec<DataType> {
    t.fields().iter().map(|f| f.data_type).collect()
}

fn s(rows: &[&[&str]]) -> Vec<Vec<String>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

const EVENTS: &str = r#"let Events = datatable(EventType:string, State:string, Damage:long)[
    "Hail", "TEXAS", 10,
    "Flood", "IOWA", 500,
    "Hail", "IOWA", 20,
    "Wind", "TEXAS", 5,
    "Hail", "KANSAS", 1,
    "Flood", "TEXAS", 7,
    "Wind", "IOWA", 3,
];
"#;

// ---------------------------------------------------------------------------------------
// top-hitters (top-hitters-operator)

#[test]
fn top_hitters_counts_values() {
    // "Get most frequent items": `top-hitters 5 of EventType`, counted exactly.
    let t = run(&format!("{EVENTS}Events | top-hitters 2 of EventType"));
    assert_eq!(names(&t), ["EventType", "approximate_count_EventType"]);
    assert_eq!(types(&t), [DataType::String, DataType::Long]);
    assert_eq!(rows(&t), s(&[&["Hail", "3"], &["Flood", "2"]]));
    // Ties keep first-appearance order; N beyond the distinct values gives them all.
    let t = run(&format!("{EVENTS}Events | top-hitters 10 of EventType"));
    assert_eq!(
        rows(&t),
        s(&[&["Hail", "3"], &["Flood", "2"], &["Wind", "2"]])
    );
    // A negative N gives no rows.
    let t = run(&format!("{EVENTS}Events | top-hitters -1 of EventType"));
    assert_eq!(t.num_rows(), 0);
}

#[test]
fn top_hitters_by_sum() {
    // The second syntax is `summarize S = sum(Summing) by V | top N by S desc`.
    let t = run(&format!(
        "{EVENTS}Events | top-hitters 2 of State by Damage"
    ));
    assert_eq!(names(&t), ["State", "approximate_sum_Damage"]);
    assert_eq!(types(&t), [DataType::String, DataType::Long]);
    assert_eq!(rows(&t), s(&[&["IOWA", "523"], &["TEXAS", "22"]]));
    // The result has the summed expression's type and name (analyzer: `toreal(x)` is
    // named `x`, `Name = e` is `Name`, other expressions have an empty name).
    let t = run(&format!(
        "{EVENTS}Events | top-hitters 1 of State by toreal(Damage)"
    ));
    assert_eq!(names(&t), ["State", "approximate_sum_Damage"]);
    assert_eq!(types(&t), [DataType::String, DataType::Real]);
    assert_eq!(rows(&t), s(&[&["IOWA", "523"]]));
    let t = run(&format!(
        "{EVENTS}Events | top-hitters 1 of State by d = toint(Damage)"
    ));
    assert_eq!(names(&t), ["State", "approximate_sum_d"]);
    assert_eq!(types(&t), [DataType::String, DataType::Int]);
    let t = run(&format!(
        "{EVENTS}Events | top-hitters 1 of State by Damage * 2"
    ));
    assert_eq!(names(&t), ["State", "approximate_sum_"]);
    assert_eq!(rows(&t), s(&[&["IOWA", "1046"]]));
}

#[test]
fn top_hitters_errors() {
    // The analyzer wants a column after `of` ("Column name expected.").
    let e = run_err(&format!("{EVENTS}Events | top-hitters 2 of strlen(State)"));
    assert!(e.to_string().contains("column name"), "{e}");
    let e = run_err(&format!("{EVENTS}Events | top-hitters 2 of s = State"));
    assert!(e.to_string().contains("column name"), "{e}");
    // ... a number to sum ("The expression value must be a number."),
    let e = run_err(&format!(
        "{EVENTS}Events | top-hitters 2 of State by EventType"
    ));
    assert!(e.to_string().contains("number"), "{e}");
    // ... and an integer count ("The expression value must be an integer.").
    let e = run_err(&format!("{EVENTS}Events | top-hitters 2.5 of State"));
    assert!(e.to_string().contains("long"), "{e}");
    let e = run_err(&format!("{EVENTS}Events | top-hitters 2 of Nope"));
    assert!(e.to_string().contains("Nope"), "{e}");
}

// ---------------------------------------------------------------------------------------
// sample-distinct (sample-distinct-operator)

#[test]
fn sample_distinct_returns_the_first_distinct_values() {
    // "Get 10 distinct values from a population": one column, at most N distinct values;
    // here the first N in input order.
    let t = run(&format!("{EVENTS}Events | sample-distinct 2 of State"));
    assert_eq!(names(&t), ["State"]);
    assert_eq!(types(&t), [DataType::String]);
    assert_eq!(rows(&t), s(&[&["TEXAS"], &["IOWA"]]));
    let t = run(&format!("{EVENTS}Events | sample-distinct 10 of State"));
    assert_eq!(rows(&t), s(&[&["TEXAS"], &["IOWA"], &["KANSAS"]]));
    // "Sample a population and do further computation".
    let t = run(&format!(
        "{EVENTS}let sample = Events | sample-distinct 1 of State;
        Events | where State in (sample) | summarize total = sum(Damage) by State"
    ));
    assert_eq!(rows(&t), s(&[&["TEXAS", "22"]]));
    let t = run("range x from 1 to 5 step 1 | sample-distinct 0 of x");
    assert_eq!(t.num_rows(), 0);
}

#[test]
fn sample_distinct_errors() {
    let e = run_err("range x from 1 to 5 step 1 | sample-distinct 2 of x % 2");
    assert!(e.to_string().contains("column name"), "{e}");
    // The analyzer: "The value of type 'dynamic' is not allowed in this context."
    let e = run_err("print d = dynamic([1]) | sample-distinct 2 of d");
    assert!(e.to_string().contains("dynamic"), "{e}");
    let e = run_err("range x from 1 to 5 step 1 | sample-distinct 'a' of x");
    assert!(e.to_string().contains("long"), "{e}");
}

// ---------------------------------------------------------------------------------------
// evaluate ... : (*, ...) (bag-unpack-plugin, "Output schema syntax")

#[test]
fn output_schema_wildcard_keeps_the_source_columns() {
    // "Expand a bag with an OutputSchema and use the wildcard * option": the source column
    // Description, then Name and Age; the unlisted slot `height` is not returned.
    let t = run(r#"datatable(d:dynamic, Description: string)[
        dynamic({"Name": "John", "Age":20, "height":180}), "Student",
        dynamic({"Name": "Dave", "Age":40, "height":160}), "Teacher",
        dynamic({"Name": "Jasmine", "Age":30, "height":172}), "Student",
    ]
    | evaluate bag_unpack(d) : (*, Name:string, Age:long)"#);
    assert_eq!(names(&t), ["Description", "Name", "Age"]);
    assert_eq!(
        types(&t),
        [DataType::String, DataType::String, DataType::Long]
    );
    assert_eq!(
        rows(&t),
        s(&[
            &["Student", "John", "20"],
            &["Teacher", "Dave", "40"],
            &["Student", "Jasmine", "30"],
        ])
    );
    // `(*)` alone keeps the source columns only; a declared source column is converted in
    // place; a declared column the result lacks is null (the analyzer's result schemas).
    let q = r#"datatable(d:dynamic, n:long)[dynamic({"a": 1}), 7]"#;
    let t = run(&format!("{q} | evaluate bag_unpack(d) : (*)"));
    assert_eq!(names(&t), ["n"]);
    let t = run(&format!(
        "{q} | evaluate bag_unpack(d) : (*, n:string, zz:real, a:long)"
    ));
    assert_eq!(names(&t), ["n", "zz", "a"]);
    assert_eq!(
        types(&t),
        [DataType::String, DataType::Real, DataType::Long]
    );
    assert_eq!(rows(&t), s(&[&["7", "null", "1"]]));
    // pivot keeps its key columns (q/pivot-plugin.md).
    let t = run(
        r#"datatable(k:string, p:string, v:long)["a", "x", 1, "a", "y", 2]
        | evaluate pivot(p, sum(v)) : (*, y:long)"#,
    );
    assert_eq!(names(&t), ["k", "y"]);
    assert_eq!(rows(&t), s(&[&["a", "2"]]));
    let e = run_err(&format!(
        "{q} | evaluate bag_unpack(d) : (*, n:long, n:real)"
    ));
    assert!(e.to_string().contains("twice"), "{e}");
}

// ---------------------------------------------------------------------------------------
// mv-expand ... to typeof(T) (mv-expand-operator)

#[test]
fn mv_expand_to_typeof_casts_without_parsing() {
    // Typename: "The operation of applying type is cast-only and doesn't include parsing or
    // type-conversion. Array elements that don't conform with the declared type become
    // null values." (A null string is the empty string.) Before this rule was followed,
    // "2" expanded to the long 2, 2.5 to 2 and true to 1.
    let t = run(r#"print d = dynamic([1, "2", 2.5, true, "x", 3000000000])
        | mv-expand v = d to typeof(long), w = d to typeof(int), r = d to typeof(real),
            s = d to typeof(string), b = d to typeof(bool)
        | project v, w, r, s, b"#);
    assert_eq!(
        types(&t),
        [
            DataType::Long,
            DataType::Int,
            DataType::Real,
            DataType::String,
            DataType::Bool
        ]
    );
    assert_eq!(
        rows(&t),
        s(&[
            &["1", "1", "1", "", "null"],
            &["null", "null", "null", "2", "null"],
            &["null", "null", "2.5", "", "null"],
            &["null", "null", "null", "", "true"],
            &["null", "null", "null", "x", "null"],
            &["3000000000", "null", "3000000000", "", "null"],
        ])
    );
    // Datetimes stay datetimes; a datetime-looking string is not parsed.
    let t = run(r#"print d = pack_array(datetime(2020-01-01), "2020-01-01")
        | mv-expand d to typeof(datetime)"#);
    assert_eq!(types(&t), [DataType::DateTime]);
    assert_eq!(rows(&t)[1], ["null"]);
    assert_ne!(rows(&t)[0], ["null"]);
}
