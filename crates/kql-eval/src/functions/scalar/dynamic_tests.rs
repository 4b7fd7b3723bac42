use super::super::testutil::*;
use crate::value::Value;

#[test]
fn array_length_and_concat() {
    // q/scalar-data-types/dynamic.md: array_length of a non-array is null
    assert_eq!(scalar("array_length", vec![d("[1,2,3]")]), lv(Some(3)));
    assert_eq!(scalar("array_length", vec![d("{\"a\":1}")]), lv(None));
    assert_eq!(
        column("array_length", vec![dcol(&["[]", "null", "[1]"])]),
        vec![lv(Some(0)), lv(None), lv(Some(1))]
    );
    // q/array-concat-function.md
    assert_eq!(
        scalar("array_concat", vec![d("[1,2]"), d("[\"a\"]")]),
        dv("[1,2,\"a\"]")
    );
    assert_eq!(scalar("array_concat", vec![d("[1]"), d("5")]), dv("null"));
    assert_eq!(
        column("array_concat", vec![dcol(&["[1]", "[2]"]), d("[0]")]),
        vec![dv("[1,0]"), dv("[2,0]")]
    );
}

#[test]
fn array_slice_cases() {
    // q/array-slice-function.md examples
    let arr = d("[1,2,3]");
    assert_eq!(
        scalar("array_slice", vec![arr.clone(), l(1), l(2)]),
        dv("[2,3]")
    );
    assert_eq!(
        scalar("array_slice", vec![arr.clone(), l(1), l(10)]),
        dv("[2,3]")
    );
    assert_eq!(
        scalar("array_slice", vec![d("[1,2,3,4,5]"), l(-3), l(-2)]),
        dv("[3,4]")
    );
    assert_eq!(
        scalar("array_slice", vec![arr.clone(), l(2), l(1)]),
        dv("[]")
    );
    assert_eq!(scalar("array_slice", vec![d("5"), l(0), l(1)]), dv("null"));
    assert_eq!(
        column("array_slice", vec![arr, lcol(&[Some(0), None]), l(0)]),
        vec![dv("[1]"), dv("null")]
    );
}

#[test]
fn array_index_of_doc_examples() {
    // q/array-index-of-function.md examples idx1..idx9
    let arr = d(r#"["this", "is", "an", "example", "an", "example"]"#);
    let f = |args: Vec<crate::expr::ColumnarValue>| {
        let mut v = vec![arr.clone()];
        v.extend(args);
        scalar("array_index_of", v)
    };
    assert_eq!(f(vec![s("an")]), lv(Some(2)));
    assert_eq!(f(vec![s("example"), l(1), l(3)]), lv(Some(3)));
    assert_eq!(f(vec![s("example"), l(1), l(2)]), lv(Some(-1)));
    assert_eq!(f(vec![s("is"), l(2), l(4)]), lv(Some(-1)));
    assert_eq!(f(vec![s("example"), l(2), l(-1)]), lv(Some(3)));
    assert_eq!(f(vec![s("an"), l(1), l(-1), l(2)]), lv(Some(4)));
    assert_eq!(f(vec![s("an"), l(1), l(-1), l(3)]), lv(Some(-1)));
    assert_eq!(f(vec![s("an"), l(-3)]), lv(Some(4)));
    assert_eq!(f(vec![s("is"), l(-4)]), lv(Some(-1)));
    assert_eq!(
        scalar("array_index_of", vec![d("[1,2]"), l(2)]),
        lv(Some(1))
    );
    assert_eq!(
        column("array_index_of", vec![dcol(&["[1,2]", "7"]), l(1)]),
        vec![lv(Some(0)), lv(None)]
    );
}

#[test]
fn pack_and_bags() {
    // q/pack-array-function.md, q/bag-pack-function.md
    assert_eq!(
        scalar("pack_array", vec![l(1), s("a"), lnull()]),
        dv("[1,\"a\",null]")
    );
    assert_eq!(
        column("pack_array", vec![lcol(&[Some(1), Some(2)]), s("x")]),
        vec![dv("[1,\"x\"]"), dv("[2,\"x\"]")]
    );
    assert_eq!(
        scalar("bag_pack", vec![s("a"), l(1), s("b"), s("x")]),
        dv(r#"{"a":1,"b":"x"}"#)
    );
    assert_eq!(scalar("pack", vec![s("k"), d("[1]")]), dv(r#"{"k":[1]}"#));
    assert!(try_call("bag_pack", vec![s("a"), l(1), s("b")]).is_err());
    assert_eq!(
        column("bag_pack", vec![s("v"), lcol(&[Some(1), None])]),
        vec![dv(r#"{"v":1}"#), dv(r#"{"v":null}"#)]
    );
    let bag = d(r#"{"a":1,"b":{"c":2}}"#);
    assert_eq!(scalar("bag_keys", vec![bag.clone()]), dv(r#"["a","b"]"#));
    assert_eq!(scalar("bag_keys", vec![d("[1]")]), dv("null"));
    assert_eq!(
        scalar("bag_has_key", vec![bag.clone(), s("a")]),
        bv(Some(true))
    );
    assert_eq!(
        scalar("bag_has_key", vec![bag.clone(), s("z")]),
        bv(Some(false))
    );
    assert_eq!(
        scalar("bag_has_key", vec![bag.clone(), s("$.b.c")]),
        bv(Some(true))
    );
    // q/bag-merge-function.md: the leftmost bag wins on duplicate keys
    assert_eq!(
        scalar(
            "bag_merge",
            vec![d(r#"{"a":1,"b":2}"#), d(r#"{"b":3,"c":4}"#)]
        ),
        dv(r#"{"a":1,"b":2,"c":4}"#)
    );
    assert_eq!(
        scalar("bag_remove_keys", vec![bag.clone(), d(r#"["b"]"#)]),
        dv(r#"{"a":1}"#)
    );
    assert_eq!(
        scalar("bag_set_key", vec![bag, s("a"), d("5")]),
        dv(r#"{"a":5,"b":{"c":2}}"#)
    );
}

#[test]
fn set_functions() {
    // q/set-union-function.md, q/set-intersect-function.md, q/set-difference-function.md
    assert_eq!(
        scalar("set_union", vec![d("[1,2,2]"), d("[2,3]")]),
        dv("[1,2,3]")
    );
    assert_eq!(
        scalar("set_intersect", vec![d("[1,2,3]"), d("[3,2,9]")]),
        dv("[2,3]")
    );
    assert_eq!(
        scalar("set_difference", vec![d("[1,2,3,1]"), d("[2]")]),
        dv("[1,3]")
    );
    assert_eq!(scalar("set_union", vec![d("[1]"), d("7")]), dv("null"));
    assert_eq!(
        scalar("set_has_element", vec![d("[\"a\",\"b\"]"), s("b")]),
        bv(Some(true))
    );
    assert_eq!(
        scalar("set_has_element", vec![d("[1]"), l(2)]),
        bv(Some(false))
    );
    assert_eq!(
        column("set_union", vec![dcol(&["[1]", "[2]"]), d("[1]")]),
        vec![dv("[1]"), dv("[2,1]")]
    );
}

#[test]
fn gettype_names() {
    // q/gettype-function.md examples
    assert_eq!(scalar("gettype", vec![s("a")]), sv("string"));
    assert_eq!(scalar("gettype", vec![l(111)]), sv("long"));
    assert_eq!(scalar("gettype", vec![d("1")]), sv("int"));
    assert_eq!(scalar("gettype", vec![d("1.5")]), sv("real"));
    assert_eq!(scalar("gettype", vec![d("[]")]), sv("array"));
    assert_eq!(scalar("gettype", vec![d("{}")]), sv("dictionary"));
    assert_eq!(scalar("gettype", vec![d("null")]), sv("null"));
    assert_eq!(scalar("gettype", vec![dt(0)]), sv("datetime"));
    assert_eq!(
        column("gettype", vec![dcol(&["true", "\"x\""])]),
        vec![sv("bool"), sv("string")]
    );
}

#[test]
fn array_helpers() {
    assert_eq!(scalar("array_reverse", vec![d("[1,2,3]")]), dv("[3,2,1]"));
    assert_eq!(
        scalar("array_sort_asc", vec![d("[3,null,1,2]")]),
        dv("[1,2,3,null]")
    );
    assert_eq!(
        scalar("array_sort_desc", vec![d("[3,null,1,2]")]),
        dv("[3,2,1,null]")
    );
    assert_eq!(scalar("array_sum", vec![d("[1,2.5]")]), rv(Some(3.5)));
    // q/zip-function.md: shorter arrays are padded with null
    assert_eq!(
        scalar("zip", vec![d("[1,2]"), d("[\"a\"]")]),
        dv("[[1,\"a\"],[2,null]]")
    );
    assert_eq!(scalar("repeat", vec![l(1), l(3)]), dv("[1,1,1]"));
    assert_eq!(scalar("repeat", vec![s("a"), l(-1)]), dv("null"));
    // q/range-function.md: range(1, 8, 3) = [1,4,7]
    assert_eq!(scalar("range", vec![l(1), l(8), l(3)]), dv("[1,4,7]"));
    assert_eq!(scalar("range", vec![l(5), l(1), l(-2)]), dv("[5,3,1]"));
    assert_eq!(
        scalar("range", vec![r(1.0), r(2.0), r(0.5)]),
        dv("[1.0,1.5,2.0]")
    );
    let day = crate::format::TICKS_PER_DAY;
    assert_eq!(
        scalar("range", vec![dt(0), dt(2 * day), ts(day)]),
        Value::Dynamic(crate::Dynamic::Array(vec![
            crate::Dynamic::DateTime(0),
            crate::Dynamic::DateTime(day),
            crate::Dynamic::DateTime(2 * day)
        ]))
    );
}

#[test]
fn shifts_and_rotations() {
    // q/array-shift-left-function.md, q/array-shift-right-function.md,
    // q/array-rotate-left-function.md, q/array-rotate-right-function.md
    let arr = d("[1,2,3,4,5]");
    assert_eq!(
        scalar("array_shift_left", vec![arr.clone(), l(2)]),
        dv("[3,4,5,null,null]")
    );
    assert_eq!(
        scalar("array_shift_left", vec![arr.clone(), l(-2)]),
        dv("[null,null,1,2,3]")
    );
    assert_eq!(
        scalar("array_shift_left", vec![arr.clone(), l(2), l(-1)]),
        dv("[3,4,5,-1,-1]")
    );
    assert_eq!(
        scalar("array_shift_right", vec![arr.clone(), l(1)]),
        dv("[null,1,2,3,4]")
    );
    assert_eq!(
        scalar("array_rotate_left", vec![arr.clone(), l(2)]),
        dv("[3,4,5,1,2]")
    );
    assert_eq!(
        scalar("array_rotate_left", vec![arr.clone(), l(-2)]),
        dv("[4,5,1,2,3]")
    );
    assert_eq!(
        scalar("array_rotate_right", vec![arr.clone(), l(7)]),
        dv("[4,5,1,2,3]")
    );
    assert_eq!(scalar("array_rotate_left", vec![d("[]"), l(1)]), dv("[]"));
    assert_eq!(scalar("array_shift_left", vec![d("{}"), l(1)]), dv("null"));
}

#[test]
fn array_iff_cases() {
    // q/array-iff-function.md: numbers are true when not 0, short value arrays give null
    assert_eq!(
        scalar(
            "array_iff",
            vec![d("[true,false,true]"), d("[1,2,3]"), d("[4,5,6]")]
        ),
        dv("[1,5,3]")
    );
    assert_eq!(
        scalar(
            "array_iff",
            vec![d("[1,0,-1,44,0]"), d("[1,2,3,4]"), d("[4,5,6]")]
        ),
        dv("[1,5,3,4,null]")
    );
    assert_eq!(
        scalar("array_iff", vec![d("[true,\"x\",false]"), l(1), l(0)]),
        dv("[1,null,0]")
    );
}
