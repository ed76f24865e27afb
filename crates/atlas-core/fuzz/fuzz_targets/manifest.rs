//! The manifest (the first file every page reads), parsed and checked.
#![no_main]

use atlas_core::validate;
use atlas_core_fuzz::{assert_consistent, FILE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (manifest, report) = validate::validate_manifest(FILE, bytes);
    assert_consistent(&manifest, &report);
    if let Some(manifest) = manifest {
        let _ = atlas_core::publish::listed_paths(&manifest);
    }
});
