//! The tile grid (one square per township), parsed and checked.
#![no_main]

use atlas_core::validate;
use atlas_core_fuzz::{assert_consistent, FILE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (grid, report) = validate::validate_tile_grid(FILE, bytes);
    assert_consistent(&grid, &report);
});
