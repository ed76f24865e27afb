//! A snapshot as the portal takes it: parse and check, then for one that reads, the indicators
//! and the survey summary.
#![no_main]

use atlas_core::{indicators, survey, validate};
use atlas_core_fuzz::{assert_consistent, FILE};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (snapshot, report) = validate::validate_snapshot(FILE, bytes);
    assert_consistent(&snapshot, &report);
    if let Some(snapshot) = snapshot {
        let values = indicators::compute(&snapshot);
        let _ = values.county("students_total");
        let _ = survey::summarise(&snapshot);
    }
});
