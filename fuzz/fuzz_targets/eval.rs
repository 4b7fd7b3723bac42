//! Run arbitrary UTF-8 as a query over a small catalog under limits: Ok or Err, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    kql_fuzz::run(data, kql_fuzz::check_eval);
});
