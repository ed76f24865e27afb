//! The table readers behind `atlas import` and /publish: a file as an office keeps it (CSV in
//! UTF-8, GBK or UTF-16; .xlsx, .ods or .xls workbooks, merged cells), sniffed and read into
//! tables, or refused with reasons that name the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    match atlas_core::tables::read_tables("fuzzed.xlsx", bytes) {
        Ok(_) => {}
        Err(issues) => assert!(!issues.is_empty(), "refused without a reason"),
    }
});
