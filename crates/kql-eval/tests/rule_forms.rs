//! Forms that real detection rules use and the official analyzer accepts: named call
//! arguments, assignments in `distinct`, `where * has`, `table()`, long arguments for int
//! parameters, `parse` into an existing column name, RE2's literal braces.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_eval::{Engine, Table, Value};

fn run(q: &str) -> Table {
    let mut r = Engine::new().run(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    r.remove(0)
}

fn header(t: &Table) -> Vec<String> {
    t.fields()
        .iter()
        .map(|f| format!("{}:{}", f.name, f.data_type))
        .collect()
}

fn cells(t: &Table) -> Vec<Vec<String>> {
    (0..t.num_rows())
        .map(|r| t.row(r).iter().map(Value::to_kql_string).collect())
        .collect()
}

#[test]
fn named_arguments_of_let_functions() {
    // q/functions/user-defined-functions.md: arguments may be passed by parameter name,
    // and a parameter with a default may be skipped.
    let t = run(
        "let f = (a: long, b: long = 10, c: long = 100) { a + b + c };
                 print x = f(1, c = 3), y = f(c = 5, a = 2), z = f(1, 2)",
    );
    assert_eq!(cells(&t), [["14", "17", "103"]]);
    let e = Engine::new()
        .run("let f = (a: long, b: long = 1) { a + b }; print f(b = 2)")
        .unwrap_err();
    assert!(e.to_string().contains("missing"), "{e}");
}

#[test]
fn named_arguments_of_builtins_follow_the_parameter_names() {
    // A name that is not a parameter stays positional, as the official analyzer accepts
    // (`case(p, strcat = x, y)` in a corpus rule).
    let t =
        run("print a = case(true, strcat = 'yes', 'no'), b = substring(source = 'abcdef', 1, 2)");
    assert_eq!(cells(&t), [["yes", "bc"]]);
    let e = Engine::new()
        .run("range x from 1 to 3 step 1 | summarize sum(v = x)")
        .unwrap_err();
    assert!(e.to_string().contains("named argument"), "{e}");
}

#[test]
fn distinct_with_assignments() {
    // The official parser accepts `distinct F = tolower(F)` (a corpus rule).
    let t = run("datatable(F:string, n:long)['A', 1, 'a', 2, 'B', 3] | distinct F = tolower(F)");
    assert_eq!(header(&t), ["F:string"]);
    assert_eq!(cells(&t), [["a"], ["b"]]);
}

#[test]
fn where_star_matches_any_column() {
    // q/search-operator.md: `* has "x"` tests every column's text.
    let t = run(
        "datatable(a:string, b:long)['reprise', 1, 'other', 99, 'x', 2] \
                 | where * contains 'pris' or * has '99'",
    );
    assert_eq!(cells(&t), [["reprise", "1"], ["other", "99"]]);
}

#[test]
fn long_arguments_convert_to_int_parameters() {
    let t = run("let f = (n: int) { n }; print x = f(100), y = f(100) * 2");
    assert_eq!(header(&t), ["x:int", "y:long"]);
    assert_eq!(cells(&t), [["100", "200"]]);
}

#[test]
fn parse_into_an_existing_name_adds_a_numbered_column() {
    // The official analyzer's result schema: `Issuer` stays, `Issuer1` holds the text.
    let t = run("print Issuer = dynamic('https://sts.example/x\"') \
                 | parse tostring(Issuer) with * '://' Issuer '/' *");
    assert_eq!(header(&t), ["Issuer:dynamic", "Issuer1:string"]);
    assert_eq!(cells(&t)[0][1], "sts.example");
}

#[test]
fn re2_literal_braces() {
    // q/re2.md: RE2 reads `{1-3}` as literal text.
    let t = run(
        r#"print a = 'pipe-12_{1-3}' matches regex @'pipe-\d+_[{]1-3}', b = 'pipe-12_4' matches regex @'pipe-\d+_[0-9]{1-3}+'"#,
    );
    assert_eq!(cells(&t), [["true", "false"]]);
}

#[test]
fn unknown_columns_after_bag_unpack_over_no_rows_say_why() {
    // Checking against schemas alone: the bag is empty, so its keys are unknown.
    let q = "datatable(d:dynamic)[] | evaluate bag_unpack(d) | where Signer == 'x'";
    let e = Engine::new().run(q).unwrap_err();
    let hint = format!("{e:?}");
    assert!(hint.contains("sample data"), "{hint}");
    // With rows, the key is a column.
    let t = run("datatable(d:dynamic)[dynamic({'Signer': 'x'})] | evaluate bag_unpack(d) | where Signer == 'x'");
    assert_eq!(cells(&t), [["x"]]);
}
