//! `atlas import`: the bureau's CSV files (and meta.json) to a snapshot. The first byte of the
//! input picks which of the six files the rest replaces; the other files are the CLI's import
//! fixtures, so a fuzzed cell meets real rows and the build and validation behind the readers
//! run too.
#![no_main]

use atlas_core::import::{import_snapshot, ImportFiles, InputFile};
use libfuzzer_sys::fuzz_target;

macro_rules! fixture {
    ($name:literal) => {
        include_bytes!(concat!("../../../atlas-cli/tests/fixtures/import/", $name)).as_slice()
    };
}

fuzz_target!(|bytes: &[u8]| {
    let Some((&which, fuzzed)) = bytes.split_first() else { return };
    let mut contents = [
        fixture!("meta.json"),
        fixture!("schools.csv"),
        fixture!("townships.csv"),
        fixture!("population.csv"),
        fixture!("reported.csv"),
        fixture!("survey.csv"),
    ];
    contents[usize::from(which) % contents.len()] = fuzzed;
    let file = |name, bytes| InputFile { name, bytes };
    let files = ImportFiles {
        meta: file("meta.json", contents[0]),
        schools: file("schools.csv", contents[1]),
        townships: file("townships.csv", contents[2]),
        population: Some(file("population.csv", contents[3])),
        reported: Some(file("reported.csv", contents[4])),
        survey: Some(file("survey.csv", contents[5])),
    };
    match import_snapshot(&files, "out.json") {
        Ok(imported) => {
            // What import builds, export writes back as files that import again.
            let _ = atlas_core::import::snapshot_to_csv(&imported.snapshot);
        }
        Err(reports) => {
            assert!(reports.iter().any(|r| r.has_errors()), "refused without an error");
        }
    }
});
