//! `search` (https://learn.microsoft.com/kusto/query/search-operator): bare terms match
//! any column, `Col:"x"` one column, `*` every row; the source form unions the matches of
//! several tables with their names in `$table`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_eval::{Engine, Error, Table};

const XY: &str = "
    let X = datatable(Key:string, Value1:long)['alpha one', 1, 'beta two', 2, 'gamma', 3];
    let Y = datatable(Name:string, Note:string)['beta', 'x', 'delta', 'ALPHA'];
";

fn run(q: &str) -> Table {
    let mut r = Engine::new().run(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    r.remove(r.len() - 1)
}

fn rows(t: &Table) -> Vec<String> {
    let mut r: Vec<String> = (0..t.num_rows())
        .map(|r| {
            t.row(r)
                .iter()
                .map(|v| v.to_string())
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    r.sort();
    r
}

#[test]
fn operator_form_filters_on_any_column() {
    assert_eq!(
        rows(&run(&format!("{XY} X | search 'beta'"))),
        ["beta two,2"]
    );
    // Terms are whole words, case-insensitive; numbers are searched as text.
    assert_eq!(
        rows(&run(&format!("{XY} X | search 'ALPHA'"))),
        ["alpha one,1"]
    );
    assert_eq!(rows(&run(&format!("{XY} X | search 'alp'"))).len(), 0);
    assert_eq!(rows(&run(&format!("{XY} X | search '3'"))), ["gamma,3"]);
    // `x*` prefix, `*x*` substring, `*` everything, `Col:"x"` one column, and/or.
    assert_eq!(
        rows(&run(&format!("{XY} X | search 'alp*'"))),
        ["alpha one,1"]
    );
    assert_eq!(rows(&run(&format!("{XY} X | search '*amm*'"))), ["gamma,3"]);
    assert_eq!(rows(&run(&format!("{XY} X | search *"))).len(), 3);
    assert_eq!(
        rows(&run(&format!("{XY} X | search Key:'two' or 'gamma'"))),
        ["beta two,2", "gamma,3"]
    );
    assert_eq!(
        rows(&run(&format!("{XY} X | search 'beta' and Value1 > 5"))).len(),
        0
    );
    assert_eq!(
        rows(&run(&format!(
            "{XY} X | search kind=case_sensitive 'ALPHA'"
        )))
        .len(),
        0
    );
}

#[test]
fn source_form_unions_tables_with_their_names() {
    let t = run(&format!("{XY} search in (X, Y) 'beta' | project $table"));
    assert_eq!(rows(&t), ["X", "Y"]);
    let t = run(&format!(
        "{XY} search in (X, Y) 'alpha' | summarize count() by $table"
    ));
    assert_eq!(rows(&t), ["X,1", "Y,1"]);
    // A `Col:"x"` term is false for a table without the column.
    let t = run(&format!(
        "{XY} search in (X, Y) Name:'delta' | project $table, Name"
    ));
    assert_eq!(rows(&t), ["Y,delta"]);
    // The legs' names do not leak: X is still the whole table afterwards.
    let t = run(&format!("{XY} search in (X) 'beta' | count; X | count"));
    assert_eq!(rows(&t), ["3"]);
}

#[test]
fn search_errors_are_named() {
    let e = Engine::new()
        .run(&format!("{XY} X | search 'a*b'"))
        .unwrap_err();
    assert!(matches!(e, Error::Bind(_)), "{e}");
    let e = Engine::new()
        .run(&format!("{XY} X | search in (Y) 'a'"))
        .unwrap_err();
    assert!(matches!(e, Error::Bind(_)), "{e}");
}
