//! Parse arbitrary UTF-8; a query that parses must print and re-parse to the same print.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(message) = kql_fuzz::check_parse(text) {
            panic!("{message}");
        }
    }
});
