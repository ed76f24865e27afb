//! What every fuzz target checks besides "no panic": a parser gives a value, or errors that
//! name the file and say what is wrong in both languages, never neither.

use atlas_core::report::FileReport;

pub const FILE: &str = "fuzzed.json";

pub fn assert_consistent<T>(value: &Option<T>, report: &FileReport) {
    assert!(value.is_some() || report.has_errors(), "nothing read and no error reported");
    assert_eq!(report.file, FILE, "the report names another file");
    for issue in report.errors() {
        assert!(!issue.message_zh.is_empty() && !issue.message_en.is_empty(), "an error without a message: {issue}");
    }
}
