//! Parse arbitrary UTF-8; a query that parses must print and re-parse to the same tree and print.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kql_fuzz::run(data, kql_fuzz::check_roundtrip);
});
