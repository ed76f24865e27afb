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
mod header;
mod readers;
mod school_sheet;
mod schools;
mod sheet;
mod table_sheet;
#[cfg(test)]
mod tests;
mod write;

pub use columns::{
    population_columns, reported_columns, school_columns, survey_columns, township_columns, Column,
};
pub use write::snapshot_to_csv;

use crate::report::{FileReport, Issue};
use crate::snapshot::{Snapshot, Survey, SCHEMA_VERSION};
use crate::validate::rules;

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

// ---------------------------------------------------------------------------------------------
// The import
// ---------------------------------------------------------------------------------------------

/// Build a snapshot from the import files. `Err` holds a report for every file with problems
/// (warnings included) when any error was found, in the CSV files or in the built snapshot.
/// `snapshot_name` names the built snapshot in validation messages (the output path).
pub fn import_snapshot(files: &ImportFiles, snapshot_name: &str) -> Result<Imported, Vec<FileReport>> {
    let mut reports = Vec::new();

    let mut meta_report = file_report(files.meta.name);
    let meta = readers::read_meta(&files.meta, &mut meta_report);
    reports.push(meta_report);

    let mut townships_report = file_report(files.townships.name);
    let mut townships = readers::read_townships(&files.townships, &mut townships_report);
    reports.push(townships_report);

    if let Some(input) = &files.population {
        let mut report = file_report(input.name);
        readers::attach_population(input, &mut townships, &mut report);
        reports.push(report);
    }

    let mut schools_report = file_report(files.schools.name);
    let (schools, school_lines) = schools::read_schools(&files.schools, &mut schools_report);
    reports.push(schools_report);

    let mut reported = Vec::new();
    if let Some(input) = &files.reported {
        let mut report = file_report(input.name);
        reported = readers::read_reported(input, &mut report);
        reports.push(report);
    }

    let mut satisfaction = None;
    if let Some(input) = &files.survey {
        let mut report = file_report(input.name);
        satisfaction = Some(Survey { results: readers::read_survey(input, &mut report) });
        reports.push(report);
    }

    reports.retain(|r| !r.issues.is_empty());
    let (Some(meta), false) = (meta, reports.iter().any(FileReport::has_errors)) else {
        return Err(reports);
    };
    let snapshot = Snapshot {
        schema_version: SCHEMA_VERSION,
        meta,
        townships: townships.into_iter().map(|(t, _)| t).collect(),
        schools,
        reported,
        satisfaction,
    };

    // The same validation as a published file, on the bytes that would be written.
    let bytes = match crate::to_published_json(&snapshot) {
        Ok(text) => text.into_bytes(),
        Err(e) => {
            let mut report = file_report(snapshot_name);
            report.push(Issue::error(
                rules::UNWRITABLE,
                "",
                format!("无法生成 JSON：{e}"),
                format!("cannot write JSON: {e}"),
            ));
            reports.push(report);
            return Err(reports);
        }
    };
    let (_, mut validation) = crate::validate::validate_snapshot(snapshot_name, &bytes);
    point_to_school_rows(&mut validation, files.schools.name, &school_lines);
    if !validation.issues.is_empty() {
        reports.push(validation);
    }
    if reports.iter().any(FileReport::has_errors) {
        return Err(reports);
    }
    Ok(Imported { snapshot, warnings: reports })
}

/// A validation issue at `schools[7]…` also names the CSV rows of that school, so the
/// statistician can find it in the spreadsheet.
fn point_to_school_rows(report: &mut FileReport, schools_file: &str, school_lines: &[Vec<u64>]) {
    for issue in &mut report.issues {
        let Some(rest) = issue.path.strip_prefix("schools[") else { continue };
        let Some(index) = rest.split(']').next().and_then(|n| n.parse::<usize>().ok()) else { continue };
        let Some(lines) = school_lines.get(index) else { continue };
        let list = lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
        issue.message_zh.push_str(&format!("（{schools_file} 第 {list} 行）"));
        issue.message_en.push_str(&format!(" ({schools_file} line {list})"));
    }
}
