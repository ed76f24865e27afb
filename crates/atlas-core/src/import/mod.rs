//! Import: build a snapshot from the CSV files a county bureau keeps, and the inverse (write a
//! snapshot out as those CSV files), so `atlas import` of files written from a snapshot gives the
//! same snapshot back.
//!
//! The files (column tables with examples in `docs/publishing.md`):
//! - a meta JSON file: the snapshot's `meta` object exactly as in `docs/data-format.md`;
//! - `schools.csv`: **one row per school per stage** (学段). A 九年一贯制 school has a 小学 row
//!   and an 初中 row. The school's own columns (name, township, type, ownership, location,
//!   facilities) may be repeated on each of its rows or left blank after the first; when they are
//!   repeated they must agree. This keeps every row the same short width (about 20 columns)
//!   instead of six stage blocks side by side;
//! - `townships.csv`, optional `population.csv`, `reported.csv` and `survey.csv`.
//!
//! Headers may be Chinese (`学生数`) or English snake_case (`students`); a unit in brackets after
//! a header (`教学及辅助用房面积（平方米）`) is ignored, as are spaces. Every bad cell is reported, not
//! just the first, as `file:line:column` with the path `schools.csv row 14, column 学生数`. The
//! snapshot built from good files then goes through the same validation as a published file.
//!
//! The parts, one job each: `columns` (the column catalogue), `sheet` (a CSV file read into rows,
//! and the cells of a row), `cells` (parsing one cell), `readers` (meta, townships, population,
//! reported values, survey), `schools` (a school assembled from its per-stage rows) and `write`
//! (the inverse, through the crate's one CSV writer in [`crate::export`]).

mod catalogue;
mod cells;
mod columns;
mod finish;
mod header;
mod readers;
mod run;
mod school_sheet;
mod sheet;
mod table_sheet;
#[cfg(test)]
mod tests;
mod write;

pub use catalogue::{FieldSpec, SCHOOL_FIELDS};
pub use columns::{
    population_columns, reported_columns, school_columns, survey_columns, township_columns, Column,
};
pub use run::{import_sources, ImportSource, MetaSource, Role};
pub use write::snapshot_to_csv;

use crate::report::FileReport;
use crate::snapshot::Snapshot;

/// One input file: its name (for messages) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The files `atlas import` reads.
#[derive(Clone, Copy, Debug)]
pub struct ImportFiles<'a> {
    /// JSON: the snapshot's `meta` object.
    pub meta: InputFile<'a>,
    pub schools: InputFile<'a>,
    pub townships: InputFile<'a>,
    pub population: Option<InputFile<'a>>,
    pub reported: Option<InputFile<'a>>,
    pub survey: Option<InputFile<'a>>,
}

/// A snapshot built from CSV, with the warnings found on the way (they do not block it).
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub snapshot: Snapshot,
    /// The snapshot as published JSON ([`crate::to_published_json`]): the bytes to write.
    pub json: String,
    pub warnings: Vec<FileReport>,
}

/// A snapshot written as import files: `meta_json` and CSV texts (UTF-8 with BOM). Optional files
/// are `None` when the snapshot has nothing for them.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvFiles {
    pub meta_json: String,
    pub schools: String,
    pub townships: String,
    pub population: Option<String>,
    pub reported: Option<String>,
    pub survey: Option<String>,
}

/// Conventional file names for [`CsvFiles`], used by `atlas export --import-files` and the docs.
pub const META_FILE: &str = "meta.json";
pub const SCHOOLS_FILE: &str = "schools.csv";
pub const TOWNSHIPS_FILE: &str = "townships.csv";
pub const POPULATION_FILE: &str = "population.csv";
pub const REPORTED_FILE: &str = "reported.csv";
pub const SURVEY_FILE: &str = "survey.csv";

fn file_report(name: &str) -> FileReport {
    FileReport::new(name)
}

/// Build a snapshot from the import files named by what they hold (`atlas import --schools …`).
/// Each may be a CSV file or a workbook; see [`import_sources`].
pub fn import_snapshot(files: &ImportFiles, snapshot_name: &str) -> Result<Imported, Vec<FileReport>> {
    let mut sources = vec![
        ImportSource { input: files.schools, role: Some(Role::Schools) },
        ImportSource { input: files.townships, role: Some(Role::Townships) },
    ];
    for (input, role) in
        [(files.population, Role::Population), (files.reported, Role::Reported), (files.survey, Role::Survey)]
    {
        if let Some(input) = input {
            sources.push(ImportSource { input, role: Some(role) });
        }
    }
    import_sources(MetaSource::File(files.meta), &sources, snapshot_name)
}
