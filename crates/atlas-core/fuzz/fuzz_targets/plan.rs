//! A plan file, parsed and checked.
#![no_main]

use atlas_core::validate;
use atlas_core_fuzz::{assert_consistent, FILE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (plan, report) = validate::validate_plan(FILE, bytes);
    assert_consistent(&plan, &report);
});
