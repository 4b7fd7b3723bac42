//! `join`, `lookup`, `as`, `invoke`, `materialize`, `toscalar` and tabular `in` lists,
//! through `Engine::run`. Data modelled on the docs' examples:
//! https://learn.microsoft.com/kusto/query/join-operator and the join-* flavor pages
//! (join-innerunique, join-inner, join-leftouter, join-rightouter, join-fullouter,
//! join-leftsemi, join-rightsemi, join-leftanti, join-rightanti), lookup-operator,
//! as-operator, invoke-operator, materialize-function, toscalar-function, in-operator.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kql_eval::{Engine, Error, Limits, Table};

/// The X and Y tables of the join flavor pages.
const XY: &str = "
    let X = datatable(Key:string, Value1:long)['a', 1, 'b', 2, 'b', 3, 'c', 4];
    let Y = datatable(Key:string, Value2:long)['b', 10, 'c', 20, 'c', 30, 'd', 40];
";

fn run(q: &str) -> Table {
    let mut r = Engine::new().run(q).unwrap_or_else(|e| panic!("{q}: {e}"));
    assert_eq!(r.len(), 1);
    r.remove(0)
}

fn names(t: &Table) -> Vec<&str> {
    t.fields().iter().map(|f| f.name.as_str()).collect()
}

/// Rows as text, `null` for nulls (empty strings print empty), in output order.
fn rows(t: &Table) -> Vec<String> {
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
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect()
}

/// Rows sorted: join output order is unspecified.
fn sorted(t: &Table) -> Vec<String> {
    let mut r = rows(t);
    r.sort();
    r
}

fn join(kind: &str) -> Table {
    run(&format!("{XY} X | join kind={kind} Y on Key"))
}

#[test]
fn innerunique_is_the_default_and_dedups_the_left() {
    // join-innerunique: X | join Y on Key → (b,2,b,10), (c,4,c,20), (c,4,c,30).
    let t = run(&format!("{XY} X | join Y on Key"));
    assert_eq!(names(&t), ["Key", "Value1", "Key1", "Value2"]);
    assert_eq!(sorted(&t), ["b,2,b,10", "c,4,c,20", "c,4,c,30"]);
    assert_eq!(sorted(&join("innerunique")), sorted(&t));
}

#[test]
fn inner_keeps_every_pair() {
    // join-inner: b3 and b2 both match b10.
    assert_eq!(
        sorted(&join("inner")),
        ["b,2,b,10", "b,3,b,10", "c,4,c,20", "c,4,c,30"]
    );
}

#[test]
fn outer_kinds_pad_with_nulls() {
    // join-leftouter / join-rightouter / join-fullouter (strings have no null: empty).
    assert_eq!(
        sorted(&join("leftouter")),
        ["a,1,,null", "b,2,b,10", "b,3,b,10", "c,4,c,20", "c,4,c,30"]
    );
    assert_eq!(
        sorted(&join("rightouter")),
        [",null,d,40", "b,2,b,10", "b,3,b,10", "c,4,c,20", "c,4,c,30"]
    );
    assert_eq!(
        sorted(&join("fullouter")),
        [
            ",null,d,40",
            "a,1,,null",
            "b,2,b,10",
            "b,3,b,10",
            "c,4,c,20",
            "c,4,c,30"
        ]
    );
}

#[test]
fn semi_and_anti_kinds_keep_one_side() {
    let t = join("leftsemi");
    assert_eq!(names(&t), ["Key", "Value1"]);
    assert_eq!(sorted(&t), ["b,2", "b,3", "c,4"]);
    let t = join("rightsemi");
    assert_eq!(names(&t), ["Key", "Value2"]);
    assert_eq!(sorted(&t), ["b,10", "c,20", "c,30"]);
    for kind in ["leftanti", "anti", "leftantisemi"] {
        assert_eq!(sorted(&join(kind)), ["a,1"], "{kind}");
    }
    for kind in ["rightanti", "rightantisemi"] {
        let t = join(kind);
        assert_eq!(names(&t), ["Key", "Value2"]);
        assert_eq!(sorted(&t), ["d,40"], "{kind}");
    }
}

#[test]
fn left_right_conditions_and_several_keys() {
    let t = run(&format!(
        "{XY} X | join kind=inner (Y | project K2 = Key, V = Value2) on $left.Key == $right.K2"
    ));
    assert_eq!(names(&t), ["Key", "Value1", "K2", "V"]);
    assert_eq!(t.num_rows(), 4);
    // Two keys, with `and` and `,` (join-operator: "several conditions").
    let q = "
        let L = datatable(a:long, b:string, x:long)[1, 'p', 10, 1, 'q', 11, 2, 'p', 12];
        let R = datatable(c:long, b:string, y:long)[1, 'p', 100, 2, 'q', 200];";
    let t = run(&format!(
        "{q} L | join kind=inner R on $left.a == $right.c and b"
    ));
    assert_eq!(names(&t), ["a", "b", "x", "c", "b1", "y"]);
    assert_eq!(sorted(&t), ["1,p,10,1,p,100"]);
    let t = run(&format!(
        "{q} L | join kind=inner R on b, $right.c == $left.a"
    ));
    assert_eq!(sorted(&t), ["1,p,10,1,p,100"]);
}

#[test]
fn clashing_right_names_get_suffixes() {
    let t = run("let A = datatable(Key:string, V:long, V1:long)['k', 1, 2];
         A | join kind=inner (A) on Key");
    assert_eq!(names(&t), ["Key", "V", "V1", "Key1", "V2", "V11"]);
    // A suffix the right side itself uses is skipped (the official analyzer's naming).
    let t = run("let A = datatable(Key:string, T:long)['k', 1];
         let B = datatable(Key:string, T:long, T1:long)['k', 1, 2];
         A | join kind=inner (B) on Key");
    assert_eq!(names(&t), ["Key", "T", "Key1", "T2", "T1"]);
}

#[test]
fn null_keys_never_match() {
    let q = "let T = datatable(k:long, v:long)[1, 1, long(null), 2];";
    let t = run(&format!("{q} T | join kind=inner T on k"));
    assert_eq!(sorted(&t), ["1,1,1,1"]);
    let t = run(&format!("{q} T | join kind=leftouter T on k"));
    assert_eq!(sorted(&t), ["1,1,1,1", "null,2,null,null"]);
    let t = run(&format!("{q} T | join kind=leftanti T on k"));
    assert_eq!(sorted(&t), ["null,2"]);
}

#[test]
fn int_and_long_keys_match() {
    let t = run("datatable(k:int)[int(1), int(2)]
         | join kind=inner (datatable(k:long, s:string)[1, 'one']) on k");
    assert_eq!(sorted(&t), ["1,1,one"]);
}

#[test]
fn key_type_mismatch_and_unknown_keys_are_bind_errors() {
    let e = Engine::new()
        .run("datatable(k:long)[1] | join (datatable(k:string)['1']) on k")
        .unwrap_err();
    assert!(matches!(e, Error::Bind(_)), "{e}");
    let e = Engine::new()
        .run("datatable(k:long)[1] | join (datatable(j:long)[1]) on k")
        .unwrap_err();
    assert!(matches!(e, Error::Bind(_)), "{e}");
}

#[test]
fn cross_product_hits_the_row_limit_before_materializing() {
    let mut engine = Engine::new();
    engine.set_limits(Limits {
        max_rows: 1000,
        ..Limits::default()
    });
    let e = engine
        .run(
            "range x from 1 to 100 step 1 | extend k = 1
             | join kind=inner (range y from 1 to 100 step 1 | extend k = 1) on k",
        )
        .unwrap_err();
    assert!(e.to_string().contains("row"), "{e}");
}

#[test]
fn lookup_appends_non_key_columns() {
    // lookup-operator: key columns once; leftouter by default; inner drops unmatched.
    let t = run(&format!("{XY} X | lookup Y on Key"));
    assert_eq!(names(&t), ["Key", "Value1", "Value2"]);
    assert_eq!(
        sorted(&t),
        ["a,1,null", "b,2,10", "b,3,10", "c,4,20", "c,4,30"]
    );
    let t = run(&format!("{XY} X | lookup kind=inner Y on Key"));
    assert_eq!(sorted(&t), ["b,2,10", "b,3,10", "c,4,20", "c,4,30"]);
    // $left/$right: the right key is dropped; a clashing name is renamed.
    let t = run(&format!(
        "{XY} X | lookup (Y | project K = Key, Value1 = Value2) on $left.Key == $right.K"
    ));
    assert_eq!(names(&t), ["Key", "Value1", "Value11"]);
}

#[test]
fn as_binds_a_name_for_the_rest_of_the_query() {
    // as-operator: the name is usable on a join's right side and in later statements.
    let t = run(&format!(
        "{XY} X | as T1 | join kind=inner (T1 | where Value1 > 2) on Key"
    ));
    assert_eq!(sorted(&t), ["b,2,b,3", "b,3,b,3", "c,4,c,4"]);
    let mut r = Engine::new()
        .run(&format!(
            "{XY} X | where Value1 > 1 | as hint.materialized=true M | count; M | count"
        ))
        .unwrap();
    assert_eq!(rows(&r.remove(1)), ["3"]);
}

#[test]
fn invoke_passes_the_input_as_first_argument() {
    // invoke-operator.
    let t = run(&format!(
        "{XY} let f = (T:(Key:string, Value1:long), n:long) {{ T | where Value1 > n }};
         X | invoke f(2)"
    ));
    assert_eq!(sorted(&t), ["b,3", "c,4"]);
    let t = run(&format!(
        "{XY} let g = (T:(*)) {{ T | count }}; X | invoke g()"
    ));
    assert_eq!(rows(&t), ["4"]);
    assert!(Engine::new()
        .run(&format!("{XY} X | invoke nope()"))
        .is_err());
}

#[test]
fn materialize_is_transparent() {
    // materialize-function.
    let t = run(&format!(
        "{XY} let M = materialize(X | where Value1 > 1); M | join kind=inner M on Key | count"
    ));
    assert_eq!(rows(&t), ["5"]);
}

#[test]
fn toscalar_takes_the_first_cell() {
    // toscalar-function.
    let t = run(&format!(
        "{XY} let m = toscalar(X | summarize max(Value1)); X | where Value1 == m"
    ));
    assert_eq!(rows(&t), ["c,4"]);
    let t = run(&format!(
        "{XY} print n = toscalar(Y | where Value2 > 100 | project Value2)"
    ));
    assert_eq!(rows(&t), ["null"]);
    let t = run(&format!("{XY} print n = toscalar(Y | count) + 1"));
    assert_eq!(rows(&t), ["5"]);
    // It cannot depend on the current row.
    let e = Engine::new()
        .run(&format!("{XY} X | extend y = toscalar(Value1)"))
        .unwrap_err();
    assert!(matches!(e, Error::Bind(_)), "{e}");
}

#[test]
fn tabular_in_lists_use_the_first_column() {
    // in-operator: "a tabular expression whose first column supplies the values".
    let t = run(&format!("{XY} X | where Key in ((Y | project Key))"));
    assert_eq!(sorted(&t), ["b,2", "b,3", "c,4"]);
    let t = run(&format!(
        "{XY} X | where Key !in (Y | where Value2 > 15 | project Key)"
    ));
    assert_eq!(sorted(&t), ["a,1", "b,2", "b,3"]);
    let t = run(&format!(
        "{XY} X | where Value1 in (Y | project Value2 / 10)"
    ));
    assert_eq!(sorted(&t), ["a,1", "b,2", "b,3", "c,4"]);
    let t = run("let W = datatable(w:string)['world'];
         datatable(s:string)['hello world', 'foo'] | where s has_any (W)");
    assert_eq!(rows(&t), ["hello world"]);
}

#[test]
fn still_unsupported_sources_are_named_errors() {
    for q in [
        "externaldata(a:string)['https://x']",
        "search 'x'",
        "T | search 'x'",
    ] {
        let e = Engine::new().run(q).unwrap_err();
        assert!(matches!(e, Error::Bind(_)), "{q}: {e}");
    }
}

#[test]
fn view_lets_and_query_parameters_bind() {
    let t = run("let V = view () { range x from 1 to 3 step 1 }; V | count");
    assert_eq!(rows(&t), ["3"]);
    let t = run("declare query_parameters(n:long = 2); range x from 1 to 5 step 1 | where x <= n");
    assert_eq!(rows(&t), ["1", "2"]);
}

#[test]
fn union_names_as_legs_and_skips_fuzzy_legs() {
    // union-operator: withsource shows the `as` name; isfuzzy=true tolerates missing legs.
    let t = run(&format!(
        "{XY} union withsource=src (X | take 1 | as First), (Y | take 1) | project src"
    ));
    assert_eq!(sorted(&t), ["First", "union_arg1"]);
    let t = run(&format!("{XY} union isfuzzy=true X, NoSuchTable | count"));
    assert_eq!(rows(&t), ["4"]);
    assert!(Engine::new()
        .run(&format!("{XY} union X, NoSuchTable | count"))
        .is_err());
}

#[test]
fn cross_database_references_are_named_errors() {
    for q in [
        "database('db').T | take 1",
        "database('db').T",
        "cluster('c').database('db').T | count",
    ] {
        let e = Engine::new().run(q).unwrap_err();
        assert!(e.to_string().contains("database"), "{q}: {e}");
    }
}

#[test]
fn as_names_the_piped_union_leg() {
    // as-operator example: TableName holds 'T1' and 'T2'.
    let t = run("range x from 1 to 2 step 1
        | as T1
        | union withsource=TableName (range x from 1 to 2 step 1 | as T2)
        | summarize count() by TableName");
    assert_eq!(sorted(&t), ["T1,2", "T2,2"]);
}

#[test]
fn where_with_a_named_predicate_uses_the_value() {
    // The official parser reads `where a = true` as a named expression: the predicate is
    // `true` (every row kept), and `where a = 1` is a type error.
    let t = run(&format!("{XY} X | where Value1 = true | count"));
    assert_eq!(rows(&t), ["4"]);
    let e = Engine::new()
        .run(&format!("{XY} X | where Value1 = 1"))
        .unwrap_err();
    assert!(matches!(e, Error::Bind(_)), "{e}");
}

#[test]
fn union_with_empty_legs_keeps_every_column() {
    // union-operator: the output has every leg's columns, even legs without rows.
    let t =
        run("union (datatable(a:long)[] ), (datatable(b:string)['x', 'y']), (datatable(c:real)[])");
    assert_eq!(names(&t), ["a", "b", "c"]);
    assert_eq!(rows(&t), ["null,x,null", "null,y,null"]);
}

#[test]
fn defender_enrichment_functions_are_named_unsupported() {
    let e = Engine::new()
        .run("datatable(SHA1:string)['a'] | invoke FileProfile(SHA1, 100)")
        .unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("FileProfile") && text.contains("not supported"),
        "{text}"
    );
    // A let function of that name is used as written.
    let t = run(
        "let FileProfile = (T:(SHA1:string)) { T | extend GlobalPrevalence = 7 };
                 datatable(SHA1:string)['a'] | invoke FileProfile()",
    );
    assert_eq!(rows(&t), ["a,7"]);
}
