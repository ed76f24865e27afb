//! Validation: every problem in a file, not just the first.
//!
//! Each `validate_*` function takes a file's name and bytes and returns the parsed value (when
//! the bytes map onto the types) with a [`FileReport`] of every [`Issue`] found, in two passes:
//!
//! 1. **Structure.** The bytes go through [`crate::load`] (size limit, BOM, JSON syntax with line
//!    and column, nesting limit, `schema_version`), so an oversized or absurdly nested file is
//!    refused before it can exhaust memory. With the `schema` feature the parsed JSON is then
//!    checked against the file kind's JSON Schema (generated from the Rust types by
//!    `schema_gen`) and every schema error becomes an issue; without it, the first
//!    error of the typed reader is reported.
//! 2. **Meaning.** When the file parses, the `check_*` function of its kind applies the rules
//!    that a schema cannot express (parts larger than their whole, unknown townships, duplicate
//!    ids, implausible values …). These work without the `schema` feature: the wasm portal and
//!    the CSV importer call them on values they built themselves.
//!
//! [`check_data_set`] checks a whole data folder against its manifest. Every rule has a stable id
//! listed once in [`rules::RULES`] and documented in `docs/data-format.md`.

mod data_set;
mod geometry;
mod locate;
mod manifest;
pub mod rules;
mod set_aside;
mod snapshot;
mod structural;

pub use data_set::{check_data_set, MANIFEST_FILE};
pub use geometry::{check_boundary_map, check_tile_grid};
pub use manifest::check_manifest;
pub use snapshot::{check_snapshot, unit_text};

use crate::geometry::{BoundaryMap, TileGrid};
use crate::load::{self, FileKind};
use crate::manifest::Manifest;
use crate::plan::Plan;
use crate::report::{FileReport, Issue, RuleId, Severity};
use crate::snapshot::Snapshot;
use serde::de::DeserializeOwned;
use std::collections::HashSet;

/// At most this many issues are listed per file; the rest are counted in one closing issue. A
/// generated file with the same mistake in every row would otherwise produce a report larger
/// than the file.
pub const MAX_LISTED_ISSUES: usize = 1000;

/// Structure and meaning of a snapshot (`<county_code>/<school_year>.json`).
///
/// The snapshot is returned whenever the bytes map onto [`Snapshot`], even if the report has
/// errors; check [`FileReport::has_errors`] before publishing or showing it.
pub fn validate_snapshot(file: &str, bytes: &[u8]) -> (Option<Snapshot>, FileReport) {
    validate_file(file, bytes, FileKind::Snapshot, snapshot::snapshot_rules)
}

/// The meaning rules of a snapshot built in memory (by the import), whose structure its types
/// already guarantee; `bytes` is the JSON it will be written as, checked against the size limit.
/// The same rules as [`validate_snapshot`] without parsing the JSON back: an import of 250,000
/// rows spends its time on reading, not on re-reading what it just wrote.
pub fn validate_built_snapshot(file: &str, snapshot: &Snapshot, bytes: &[u8]) -> FileReport {
    let mut issues = Issues::new();
    match load::check_size(file, bytes.len() as u64) {
        Ok(()) => snapshot::snapshot_rules(snapshot, &mut issues),
        Err(e) => issues.push(e.issue),
    }
    issues.finish(file)
}

/// Structure and meaning of `manifest.json`. The manifest's own rules only; [`check_data_set`]
/// then checks the files it lists.
pub fn validate_manifest(file: &str, bytes: &[u8]) -> (Option<Manifest>, FileReport) {
    validate_file(file, bytes, FileKind::Manifest, manifest::manifest_rules)
}

/// Structure and meaning of a GeoJSON boundary map (`<county_code>/boundaries.geojson`).
pub fn validate_boundary_map(file: &str, bytes: &[u8]) -> (Option<BoundaryMap>, FileReport) {
    validate_file(file, bytes, FileKind::BoundaryMap, geometry::boundary_map_rules)
}

/// Structure and meaning of a tile-grid layout (`<county_code>/tiles.json`).
pub fn validate_tile_grid(file: &str, bytes: &[u8]) -> (Option<TileGrid>, FileReport) {
    validate_file(file, bytes, FileKind::TileGrid, geometry::tile_grid_rules)
}

/// Structure and meaning of a plan file (`plans/<id>.json`); the meaning is
/// [`crate::plan::check_plan`], whose rules `docs/plan-format.md` lists.
pub fn validate_plan(file: &str, bytes: &[u8]) -> (Option<Plan>, FileReport) {
    validate_file(file, bytes, FileKind::Plan, plan_rules)
}

pub(crate) fn plan_rules(plan: &Plan, out: &mut Issues) {
    for issue in crate::plan::check_plan("", plan).issues {
        out.push(issue);
    }
}

fn validate_file<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    kind: FileKind,
    rules_of: fn(&T, &mut Issues),
) -> (Option<T>, FileReport) {
    let mut issues = Issues::new();
    let parsed = validate_into(file, bytes, kind, rules_of, &mut issues);
    let mut report = issues.finish(file);
    locate::add_positions(bytes, &mut report.issues);
    (parsed, report)
}

/// Both passes, adding to `out` (so `check_data_set` can put a file's own issues and the
/// cross-file ones in one report).
pub(crate) fn validate_into<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    kind: FileKind,
    rules_of: fn(&T, &mut Issues),
    out: &mut Issues,
) -> Option<T> {
    let value = match load::parse_json_value(file, bytes) {
        Ok(value) => value,
        Err(e) => {
            out.push(structural::refine_syntax_issue(e.issue, bytes));
            return None;
        }
    };
    if let Err(e) = load::check_version(file, &value, kind) {
        out.push(e.issue);
        return None;
    }
    let structural = structural::schema_issues(kind, &value);
    let found_structural_problems = !structural.is_empty();
    // A pattern or range in the schema and a rule below can see the same mistake; say it once.
    let already_reported: HashSet<(RuleId, String)> =
        structural.iter().map(|i| (i.rule, i.path.clone())).collect();
    for issue in structural {
        out.push(issue);
    }
    // Kept for a second reading without the broken records when the first one fails.
    let original = value.clone();
    let mut first_read_error = None;
    let parsed = match load::from_value::<T>(file, value) {
        Ok(parsed) => Some(parsed),
        Err(e) => {
            first_read_error = Some(e.issue);
            None
        }
    };
    match &parsed {
        Some(parsed) => {
            out.skip = already_reported;
            rules_of(parsed, out);
            out.skip = HashSet::new();
        }
        None => {
            let rest = set_aside::read_without_broken_records::<T>(original);
            // With the schema feature the schema errors already say what does not fit; the
            // typed reader's errors would repeat them. Without it, each set-aside record's read
            // error is reported, or the first read error when nothing could be set aside.
            if !found_structural_problems {
                match &rest {
                    Some(rest) => {
                        for (path, message) in &rest.errors {
                            let zh = format!("字段不符合格式：{message}");
                            let read = Issue::error(rules::WRONG_SHAPE, path.clone(), zh, message.clone());
                            out.push(structural::classify_serde_issue(read));
                        }
                    }
                    None => {
                        if let Some(issue) = first_read_error {
                            out.push(structural::classify_serde_issue(issue));
                        }
                    }
                }
            }
            if let Some(rest) = rest {
                let mut found = Issues::new();
                rules_of(&rest.parsed, &mut found);
                out.skip = already_reported;
                for mut issue in found.listed {
                    issue.path = rest.original_path(&issue.path);
                    issue.message_zh = rest.original_path(&issue.message_zh);
                    issue.message_en = rest.original_path(&issue.message_en);
                    out.push(issue);
                }
                out.skip = HashSet::new();
                let n = rest.count();
                out.push(Issue::warning(
                    rules::RECORDS_SET_ASIDE,
                    "",
                    format!("有 {n} 条记录因上述结构错误无法读取，其余记录已按规则检查；修正后请再次校验"),
                    format!("{n} record(s) could not be read because of the errors above; the rules were checked on the rest (validate again after fixing them)"),
                ));
            }
        }
    }
    parsed
}

/// Collects issues for one file, listing at most [`MAX_LISTED_ISSUES`].
pub(crate) struct Issues {
    listed: Vec<Issue>,
    unlisted: usize,
    unlisted_errors: bool,
    /// (rule, path) pairs already reported by the structural pass.
    skip: HashSet<(RuleId, String)>,
}

impl Issues {
    pub(crate) fn new() -> Self {
        Issues { listed: Vec::new(), unlisted: 0, unlisted_errors: false, skip: HashSet::new() }
    }

    pub(crate) fn push(&mut self, issue: Issue) {
        if !self.skip.is_empty() && self.skip.contains(&(issue.rule, issue.path.clone())) {
            return;
        }
        if self.listed.len() < MAX_LISTED_ISSUES {
            self.listed.push(issue);
        } else {
            self.unlisted += 1;
            self.unlisted_errors |= issue.is_error();
        }
    }

    pub(crate) fn error(&mut self, rule: RuleId, path: impl Into<String>, zh: String, en: String) {
        self.push(Issue::error(rule, path, zh, en));
    }

    pub(crate) fn warning(&mut self, rule: RuleId, path: impl Into<String>, zh: String, en: String) {
        self.push(Issue::warning(rule, path, zh, en));
    }

    pub(crate) fn finish(mut self, file: &str) -> FileReport {
        if self.unlisted > 0 {
            let n = self.unlisted;
            let summary = Issue {
                severity: if self.unlisted_errors { Severity::Error } else { Severity::Warning },
                ..Issue::error(
                    rules::TOO_MANY_ISSUES,
                    "",
                    format!("另有 {n} 个问题未列出（每个文件最多列出 {MAX_LISTED_ISSUES} 个）"),
                    format!("{n} more problems not listed (at most {MAX_LISTED_ISSUES} are listed per file)"),
                )
            };
            self.listed.push(summary);
        }
        FileReport { file: file.to_string(), issues: self.listed }
    }
}

/// Checks shared by every file kind.
pub(crate) mod common {
    use super::{rules, Issues};
    use crate::codes::{CountyCode, Date, SchoolYear, TownshipCode};

    pub(crate) fn county_code(code: &CountyCode, path: &str, out: &mut Issues) {
        if !code.is_well_formed() {
            out.error(
                rules::BAD_COUNTY_CODE,
                path,
                format!("县级行政区划代码“{code}”应为 6 位数字，如 530426"),
                format!("county code `{code}` must be six digits, e.g. 530426"),
            );
        }
    }

    /// Format and county membership of a township code. `county` is `None` when the county code
    /// itself is malformed (that is reported once, not again for every township).
    pub(crate) fn township_code(
        code: &TownshipCode,
        county: Option<&CountyCode>,
        path: &str,
        out: &mut Issues,
    ) {
        if !code.is_well_formed() {
            out.error(
                rules::BAD_TOWNSHIP_CODE,
                path,
                format!("乡镇统计用区划代码“{code}”应为 9 位数字，如 530426100"),
                format!("township code `{code}` must be nine digits, e.g. 530426100"),
            );
        } else if let Some(county) = county.filter(|c| c.is_well_formed()) {
            if !code.is_in(county) {
                out.error(
                    rules::TOWNSHIP_NOT_IN_COUNTY,
                    path,
                    format!("乡镇代码 {code} 不属于县 {county}（前 6 位应为 {county}）"),
                    format!("township code {code} is not in county {county} (it must start with {county})"),
                );
            }
        }
    }

    pub(crate) fn school_year(year: &SchoolYear, path: &str, out: &mut Issues) {
        if !year.is_well_formed() {
            out.error(
                rules::BAD_SCHOOL_YEAR,
                path,
                format!("学年“{year}”应写作相邻两年，如 2024-2025"),
                format!("school year `{year}` must be two consecutive years, e.g. 2024-2025"),
            );
        }
    }

    pub(crate) fn date(date: &Date, path: &str, out: &mut Issues) {
        if !date.is_well_formed() {
            out.error(
                rules::BAD_DATE,
                path,
                format!("日期“{date}”不是 YYYY-MM-DD 形式的真实日期，如 2024-09-30"),
                format!("date `{date}` is not a real calendar date written YYYY-MM-DD, e.g. 2024-09-30"),
            );
        }
    }

    pub(crate) fn not_blank(text: &str, path: &str, out: &mut Issues) {
        if text.trim().is_empty() {
            out.error(
                rules::BLANK_TEXT,
                path,
                "必填文字字段为空".to_string(),
                "this required text is empty".to_string(),
            );
        }
    }

    /// A measured amount (area, money, rate): finite and not negative. Returns whether it is.
    pub(crate) fn amount(value: f64, path: &str, out: &mut Issues) -> bool {
        if !value.is_finite() {
            out.error(
                rules::NON_FINITE_NUMBER,
                path,
                format!("数值 {value} 不是有限数"),
                format!("{value} is not a finite number"),
            );
            false
        } else if value < 0.0 {
            out.error(
                rules::NEGATIVE_NUMBER,
                path,
                format!("数值 {value} 不能为负数"),
                format!("{value} must not be negative"),
            );
            false
        } else {
            true
        }
    }

    /// A part that must not exceed its whole, e.g. backbone teachers within full-time teachers.
    /// Labels are (Chinese name, field name).
    pub(crate) fn part_within_whole<N: PartialOrd + std::fmt::Display>(
        part: N,
        whole: N,
        path: &str,
        (part_zh, part_field): (&str, &str),
        (whole_zh, whole_field): (&str, &str),
        out: &mut Issues,
    ) {
        if part > whole {
            out.error(
                rules::PART_EXCEEDS_WHOLE,
                path,
                format!("{part_zh}（{part}）大于{whole_zh}（{whole}），部分不能大于整体"),
                format!(
                    "`{part_field}` ({part}) is more than `{whole_field}` ({whole}), of which it is a part"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn issues_beyond_the_limit_are_counted_in_one_closing_issue() {
        let mut issues = Issues::new();
        for i in 0..MAX_LISTED_ISSUES {
            issues.warning(
                rules::RATE_OVER_150,
                format!("reported[{i}].value"),
                String::new(),
                String::new(),
            );
        }
        issues.error(rules::NEGATIVE_NUMBER, "x", String::new(), String::new());
        issues.warning(rules::RATE_OVER_150, "y", String::new(), String::new());
        let report = issues.finish("a.json");
        assert_eq!(report.issues.len(), MAX_LISTED_ISSUES + 1);
        let last = report.issues.last().unwrap();
        assert_eq!(last.rule, rules::TOO_MANY_ISSUES);
        // One of the two unlisted issues is an error, so the summary is one too.
        assert_eq!(last.severity, Severity::Error);
        assert!(last.message_en.starts_with("2 more problems"), "{}", last.message_en);
    }

    #[test]
    fn rule_ids_are_unique() {
        let mut seen = HashSet::new();
        for r in rules::RULES {
            assert!(seen.insert(r.id), "rule {} listed twice", r.id);
        }
    }
}
