//! The import as a whole: every file read into tables, each table told what it holds (schools,
//! townships, population, reported values or survey results) from its header and sheet name,
//! the tables read in the order their links need (townships before the schools naming them), the
//! snapshot built and then checked like any published file.

use super::catalogue;
use super::columns::{population_columns, reported_columns, survey_columns, township_columns};
use super::finish::{finish_schools, TownshipIndex};
use super::readers;
use super::school_sheet::{read_school_table, Schools};
use super::sheet;
use super::table_sheet::Sheet;
use super::{file_report, Imported, InputFile};
use crate::report::{FileReport, Issue};
use crate::snapshot::{Meta, Snapshot, Survey, SCHEMA_VERSION};
use crate::tables::{Table, TableSource, TextEncoding};
use crate::validate::rules;

/// What a table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    Schools,
    Townships,
    Population,
    Reported,
    Survey,
}

impl Role {
    pub const ALL: [Role; 5] =
        [Role::Townships, Role::Population, Role::Schools, Role::Reported, Role::Survey];

    pub fn label_zh(self) -> &'static str {
        match self {
            Role::Schools => "学校表",
            Role::Townships => "乡镇表",
            Role::Population => "人口表",
            Role::Reported => "上报指标表",
            Role::Survey => "认可度调查表",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Role::Schools => "schools",
            Role::Townships => "townships",
            Role::Population => "population",
            Role::Reported => "reported values",
            Role::Survey => "survey",
        }
    }

    /// Words in a sheet's name that say what it holds (学校, 乡镇, 人口, 认可度调查 …).
    fn sheet_words(self) -> &'static [&'static str] {
        match self {
            Role::Schools => &["学校", "幼儿园", "中小学", "基本情况", "school"],
            Role::Townships => &["乡镇", "街道", "township"],
            Role::Population => &["人口", "population"],
            Role::Reported => &["指标", "上报", "reported"],
            Role::Survey => &["调查", "认可", "满意", "survey"],
        }
    }
}

/// One file given to the import, and what it holds when the person said so (`--schools FILE`).
#[derive(Clone, Copy, Debug)]
pub struct ImportSource<'a> {
    pub input: InputFile<'a>,
    pub role: Option<Role>,
}

/// The snapshot's `meta`: a JSON file, or fields already filled in (the /publish page's form).
#[derive(Clone, Debug)]
pub enum MetaSource<'a> {
    File(InputFile<'a>),
    Given(Box<Meta>),
}

/// How well a table fits each role: the number of its columns that role's catalogue recognises,
/// plus a little for a sheet name that says it, plus much for the person's word. A role whose
/// required columns are missing can still win (its reader then names what is missing), but a
/// complete one wins a tie.
fn classify(table: &Table, hint: Option<Role>, single_table: bool) -> Option<Role> {
    let sheet_name = table.sheet.as_deref().unwrap_or("").to_lowercase();
    let mut best: Option<(usize, bool, Role)> = None;
    for role in Role::ALL {
        let (columns, complete) = match role {
            Role::Schools => match Sheet::new(table, &catalogue::recognise) {
                Some(s) => {
                    let has = |f| s.columns.iter().any(|(_, r)| r.field == f);
                    let students = s.columns.iter().any(|(_, r)| {
                        r.field == catalogue::SchoolField::Measure(catalogue::Measure::Students)
                    });
                    (
                        s.columns.len(),
                        has(catalogue::SchoolField::Name) && has(catalogue::SchoolField::Type) && students,
                    )
                }
                None => (0, false),
            },
            Role::Townships => {
                let n = sheet::score(table, &township_columns::WITH_POPULATION);
                let complete = sheet::score(table, &township_columns::REQUIRED) == 2;
                (n, complete)
            }
            Role::Population => (sheet::score(table, &population_columns::ALL), true),
            Role::Reported => (sheet::score(table, &reported_columns::ALL), true),
            Role::Survey => (sheet::score(table, &survey_columns::ALL), true),
        };
        let mut score = columns;
        if role.sheet_words().iter().any(|w| sheet_name.contains(w)) {
            score += 2;
        }
        if hint == Some(role) {
            score += if single_table { 1000 } else { 2 };
        }
        let better = match best {
            None => true,
            Some((s, c, _)) => score > s || (score == s && complete && !c),
        };
        if score > 0 && better {
            best = Some((score, complete, role));
        }
    }
    // One recognised column is too little to go on, unless the person said what the table is.
    best.filter(|(score, _, role)| *score >= 2 || hint == Some(*role)).map(|(_, _, role)| role)
}

/// Build a snapshot from the files. `Err` holds a report for every file (or sheet) with problems,
/// warnings included, when any error was found in the files or in the built snapshot.
pub fn import_sources(
    meta: MetaSource,
    sources: &[ImportSource],
    snapshot_name: &str,
) -> Result<Imported, Vec<FileReport>> {
    let mut reports: Vec<FileReport> = Vec::new();
    let meta = match meta {
        MetaSource::Given(meta) => Some(*meta),
        MetaSource::File(input) => {
            let mut report = file_report(input.name);
            let meta = readers::read_meta(&input, &mut report);
            reports.push(report);
            meta
        }
    };

    // Every table of every file, with the role it plays.
    let mut tables: Vec<(Role, Table)> = Vec::new();
    for source in sources {
        let mut report = file_report(source.input.name);
        match crate::tables::read_tables(source.input.name, source.input.bytes) {
            Err(issues) => report.issues.extend(issues),
            Ok(file_tables) => {
                let single = file_tables.len() == 1;
                for table in file_tables {
                    if table.hidden {
                        report.push(Issue::warning(
                            rules::SHEET_IGNORED,
                            table.name(),
                            format!("工作表“{}”是隐藏的，未导入", table.sheet.as_deref().unwrap_or("")),
                            format!(
                                "sheet `{}` is hidden and was not imported",
                                table.sheet.as_deref().unwrap_or("")
                            ),
                        ));
                        continue;
                    }
                    match classify(&table, source.role, single) {
                        Some(role) => tables.push((role, table)),
                        None => report.push(Issue::warning(
                            rules::SHEET_IGNORED,
                            table.name(),
                            "看不出这张表是学校表、乡镇表、人口表、上报指标表还是认可度调查表（表头中认得的列太少），未导入。请检查表头",
                            "cannot tell whether this table holds schools, townships, population, reported values or survey results (too few known column headers); not imported. Check its header row",
                        )),
                    }
                }
            }
        }
        reports.push(report);
    }
    tables.sort_by_key(|(role, _)| Role::ALL.iter().position(|r| r == role));
    for role in [Role::Schools, Role::Townships] {
        if !tables.iter().any(|(r, _)| *r == role) {
            let mut report = file_report(sources.first().map(|s| s.input.name).unwrap_or(""));
            report.push(Issue::error(
                rules::MISSING_TABLE,
                "",
                format!(
                    "没有找到{}：快照需要学校表和乡镇表。请检查文件和表头（见 docs/publishing.md）",
                    role.label_zh()
                ),
                format!(
                    "no {} table found: a snapshot needs a schools table and a townships table. Check the files and their headers (see docs/publishing.md)",
                    role.label_en()
                ),
            ));
            reports.push(report);
        }
    }

    let mut townships = Vec::new();
    let mut schools = Schools::default();
    let mut reported = Vec::new();
    let mut survey: Option<Vec<_>> = None;
    // Each table is dropped once read: a large schools sheet is not kept beside the schools.
    for (role, table) in tables.drain(..) {
        let role = &role;
        let table = &table;
        let mut report = file_report(&table.name());
        match role {
            Role::Townships => townships.extend(readers::read_townships(table, &mut report)),
            Role::Population => readers::attach_population(table, &mut townships, &mut report),
            Role::Schools => match Sheet::new(table, &catalogue::recognise) {
                Some(sheet) => read_school_table(&sheet, &mut schools, &mut report),
                None => report.push(Issue::error(
                    rules::MISSING_COLUMN,
                    table.name(),
                    "找不到学校表的表头行",
                    "no header row found in the schools table",
                )),
            },
            Role::Reported => reported.extend(readers::read_reported(table, &mut report)),
            Role::Survey => {
                survey.get_or_insert_with(Vec::new).extend(readers::read_survey(table, &mut report))
            }
        }
        if let Some(note) = encoding_note(table, *role) {
            report.issues.insert(0, note);
        }
        reports.push(report);
    }

    let index = TownshipIndex::new(&townships);
    let (schools, school_rows) = finish_schools(schools, &index, &mut reports);

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
        satisfaction: survey.map(|results| Survey { results }),
    };
    warn_on_empty(&snapshot, &mut reports, snapshot_name);

    // The rules of a published file, on the snapshot and the size of the bytes to be written.
    let json = match crate::to_published_json(&snapshot) {
        Ok(text) => text,
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
    let mut validation = crate::validate::validate_built_snapshot(snapshot_name, &snapshot, json.as_bytes());
    point_to_school_rows(&mut validation, &school_rows);
    if !validation.issues.is_empty() {
        reports.push(validation);
    }
    if reports.iter().any(FileReport::has_errors) {
        return Err(reports);
    }
    Ok(Imported { snapshot, json, warnings: reports })
}

/// A text file read as anything but UTF-8 says so, with the first names it decoded, so a person
/// can see the characters came out right.
fn encoding_note(table: &Table, role: Role) -> Option<Issue> {
    let TableSource::Text(encoding) = table.source else { return None };
    if matches!(encoding, TextEncoding::Utf8 | TextEncoding::Utf8Bom) {
        return None;
    }
    let names: Vec<&str> = match role {
        Role::Schools => Sheet::new(table, &catalogue::recognise)
            .and_then(|s| {
                let column = s.columns.iter().find(|(_, r)| r.field == catalogue::SchoolField::Name)?.0;
                Some(s.data_rows().map(|r| r.cell(column)).filter(|c| !c.is_empty()).take(3).collect())
            })
            .unwrap_or_default(),
        _ => {
            let known: &[&'static super::Column] = match role {
                Role::Townships => &township_columns::ALL,
                Role::Population => &population_columns::ALL,
                Role::Reported => &reported_columns::ALL,
                _ => &survey_columns::ALL,
            };
            Sheet::new(table, &|h| sheet::recognise(known, h))
                .map(|s| {
                    let column = s
                        .columns
                        .iter()
                        // By its alias, not its address: a `const` has no fixed address, so
                        // `ptr::eq` against one held or failed with how the build merged copies.
                        .find(|(_, c)| c.en == township_columns::NAME.en)
                        .or(s.columns.first())
                        .map(|(i, _)| *i)
                        .unwrap_or(0);
                    s.data_rows().map(|r| r.cell(column)).filter(|c| !c.is_empty()).take(3).collect()
                })
                .unwrap_or_default()
        }
    };
    let shown = names.join("、");
    Some(Issue::warning(
        rules::READ_AS_GB18030,
        table.name(),
        format!(
            "这个文件不是 UTF-8 编码，已按 {} 读取。请核对前几个名称是否显示正确：{shown}",
            encoding.label()
        ),
        format!(
            "this file is not UTF-8 and was read as {}. Check that the first names read right: {shown}",
            encoding.label()
        ),
    ))
}

/// A snapshot with no schools or no townships publishes nothing a reader can use.
fn warn_on_empty(snapshot: &Snapshot, reports: &mut Vec<FileReport>, snapshot_name: &str) {
    if snapshot.schools.is_empty() {
        let mut report = file_report(snapshot_name);
        report.push(Issue::warning(
            rules::NO_SCHOOLS,
            "schools",
            "快照中没有任何学校：学校表中没有数据行？",
            "the snapshot has no schools: does the schools table have no data rows?",
        ));
        reports.push(report);
    }
}

/// A validation issue at `schools[7]…` also names the table and rows of that school, so the
/// statistician can find it in the spreadsheet.
fn point_to_school_rows(report: &mut FileReport, school_rows: &[(String, Vec<u64>)]) {
    for issue in &mut report.issues {
        let Some(rest) = issue.path.strip_prefix("schools[") else { continue };
        let Some(index) = rest.split(']').next().and_then(|n| n.parse::<usize>().ok()) else { continue };
        let Some((table, lines)) = school_rows.get(index) else { continue };
        let list = lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
        issue.message_zh.push_str(&format!("（{table} 第 {list} 行）"));
        issue.message_en.push_str(&format!(" ({table} line {list})"));
    }
}
