//! Edu Atlas data core (县域教育数据地图 数据核心).
//!
//! Everything a figure on the portal depends on lives here, in plain Rust with no web
//! dependencies: the file formats (snapshot, manifest, geometry, plan), reading and validating
//! them, the indicator table and its formulas, plan progress, survey statistics and CSV export.
//! The wasm portal and the `atlas` CLI both depend on this crate; it depends on neither.

// A `LoadError` carries the whole `Issue` (path, bilingual messages, position) so a reader can
// say exactly what went wrong; it is returned once per file, so its size costs nothing that
// boxing would save.
#![allow(clippy::result_large_err)]

pub mod cite;
pub mod classify;
pub mod codes;
pub mod describe;
pub mod export;
pub mod format;
pub mod geometry;
pub mod hash;
pub mod import;
pub mod indicators;
pub mod lang;
pub mod load;
pub mod manifest;
pub mod plain;
pub mod plan;
pub mod publish;
pub mod report;
#[cfg(feature = "schema")]
pub mod schema_gen;
pub mod schools;
pub mod search;
pub mod signature;
pub mod snapshot;
pub mod sort;
pub mod survey;
pub mod tables;
#[cfg(test)]
pub(crate) mod test_support;
pub mod validate;
pub mod versions;
pub mod vocabulary;

pub use codes::{CountyCode, Date, SchoolYear, TownshipCode};
pub use lang::Lang;
pub use report::{FileReport, Issue, LoadError, RuleId, Severity};
pub use snapshot::Snapshot;

/// How every published JSON file is written: two-space pretty JSON and a final newline, so that
/// regenerating or republishing unchanged data changes no byte.
pub fn to_published_json<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}
