//! Bind arbitrary UTF-8 against a fixed catalog of schemas (no rows): schemas or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kql_fuzz::run(data, kql_fuzz::check_bind);
});
