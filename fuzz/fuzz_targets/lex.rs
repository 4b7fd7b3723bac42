//! Lex arbitrary UTF-8: tokens or an error; spans in bounds, ordered, on character boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kql_fuzz::run(data, kql_fuzz::check_lex);
});
