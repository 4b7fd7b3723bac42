//! Parse arbitrary UTF-8: a tree or an error, never a panic (the print round trip is the
//! `roundtrip` target).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kql_fuzz::run(data, kql_fuzz::check_parse);
});
