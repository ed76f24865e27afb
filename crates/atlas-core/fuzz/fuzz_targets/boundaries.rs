//! Township boundaries (GeoJSON), parsed and checked.
#![no_main]

use atlas_core::validate;
use atlas_core_fuzz::{assert_consistent, FILE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (map, report) = validate::validate_boundary_map(FILE, bytes);
    assert_consistent(&map, &report);
});
