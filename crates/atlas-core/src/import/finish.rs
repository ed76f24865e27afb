//! Finishing the schools read from their rows: the township each names (by code, by the 12-digit
//! code of the school's site, or by name), the values every school needs, and the records of the
//! snapshot format.

use super::catalogue::{self, Measure};
use super::school_sheet::{Counts, FacilityValues, SchoolDraft, Schools};
use super::table_sheet::closest;
use crate::codes::TownshipCode;
use crate::report::{FileReport, Issue, RuleId};
use crate::snapshot::{Facilities, School, StageRecord, Stages, Teachers, Township};
use crate::validate::rules;
use std::collections::{HashMap, HashSet};

/// The townships of the import, to find the one a school names.
pub(crate) struct TownshipIndex {
    codes: HashSet<String>,
    /// Normalised name (and the name without 镇/乡/街道 at its end) → code; `None` when two
    /// townships share it.
    names: HashMap<String, Option<String>>,
    /// Every name, for "did you mean".
    all_names: Vec<String>,
}

/// A township's name without the word for its kind: 化念镇 → 化念, 双江街道办事处 → 双江.
fn short_name(name: &str) -> &str {
    let name = name.trim_end_matches("办事处");
    for suffix in ["民族乡", "街道", "镇", "乡"] {
        if let Some(short) = name.strip_suffix(suffix).filter(|s| s.chars().count() >= 2) {
            return short;
        }
    }
    name
}

impl TownshipIndex {
    pub fn new(townships: &[(Township, u64)]) -> TownshipIndex {
        let mut names: HashMap<String, Option<String>> = HashMap::new();
        let mut add = |key: String, code: &str| {
            names
                .entry(key)
                .and_modify(|c| {
                    if c.as_deref() != Some(code) {
                        *c = None
                    }
                })
                .or_insert_with(|| Some(code.to_string()));
        };
        for (t, _) in townships {
            let name = catalogue::normalise(&t.name);
            add(short_name(&name).to_string(), t.code.as_str());
            add(name, t.code.as_str());
        }
        TownshipIndex {
            codes: townships.iter().map(|(t, _)| t.code.as_str().to_string()).collect(),
            names,
            all_names: townships.iter().map(|(t, _)| t.name.clone()).collect(),
        }
    }

    /// The township code a school's cell names, or why it names none.
    pub fn resolve(&self, text: &str) -> Result<String, (RuleId, String, String)> {
        let text = text.trim();
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            // A 12-digit 统计用区划代码 of the school's site (village level) starts with its
            // township's nine.
            let code = match text.len() {
                9 => text,
                12 => &text[..9],
                _ => {
                    return Err((
                        rules::BAD_TOWNSHIP_CODE,
                        format!("“{text}”不是乡镇代码：应为 9 位统计用区划代码（或学校驻地的 12 位代码）"),
                        format!("`{text}` is not a township code: 9 digits (or the 12-digit code of the school's site)"),
                    ))
                }
            };
            return if self.codes.contains(code) {
                Ok(code.to_string())
            } else {
                Err((
                    rules::UNKNOWN_TOWNSHIP,
                    format!("乡镇代码 {code} 不在乡镇表中"),
                    format!("township code {code} is not in the townships table"),
                ))
            };
        }
        let key = catalogue::normalise(text);
        let found = self.names.get(&key).or_else(|| self.names.get(short_name(&key)));
        match found {
            Some(Some(code)) => Ok(code.clone()),
            Some(None) => Err((
                rules::UNKNOWN_TOWNSHIP,
                format!("乡镇表中有不止一个叫“{text}”的乡镇，请改填乡镇代码"),
                format!(
                    "more than one township in the townships table is called `{text}`: give the code instead"
                ),
            )),
            None => {
                let known = self.all_names.iter().map(|n| (catalogue::normalise(n), n.as_str()));
                let hint = closest(&key, known)
                    .map(|n| (format!("你是不是指“{n}”？"), format!(" Did you mean `{n}`?")))
                    .unwrap_or_default();
                Err((
                    rules::UNKNOWN_TOWNSHIP,
                    format!("乡镇“{text}”不在乡镇表中。{}", hint.0),
                    format!("township `{text}` is not in the townships table.{}", hint.1),
                ))
            }
        }
    }
}

/// The report of `table`, added to `reports` when it is not there yet.
fn report_for<'r>(reports: &'r mut Vec<FileReport>, table: &str) -> &'r mut FileReport {
    let index = match reports.iter().position(|r| r.file == table) {
        Some(i) => i,
        None => {
            reports.push(FileReport::new(table));
            reports.len() - 1
        }
    };
    &mut reports[index]
}

/// The snapshot's schools, and the table and rows each came from. Problems go to the report of
/// the school's table.
pub(crate) fn finish_schools(
    schools: Schools,
    townships: &TownshipIndex,
    reports: &mut Vec<FileReport>,
) -> (Vec<School>, Vec<(String, Vec<u64>)>) {
    let mut out = Vec::with_capacity(schools.drafts.len());
    let mut rows = Vec::with_capacity(schools.drafts.len());
    for draft in schools.drafts {
        let report = report_for(reports, &draft.table);
        if let Some(school) = finish(&draft, townships, report) {
            out.push(school);
            rows.push((draft.table, draft.lines));
        }
    }
    (out, rows)
}

fn finish(draft: &SchoolDraft, townships: &TownshipIndex, report: &mut FileReport) -> Option<School> {
    let first_line = draft.lines.first().copied().unwrap_or(0);
    let at = |column: &str| format!("{} row {first_line}, column {column}", draft.table);
    let mut ok = !draft.had_bad_cells;
    let mut missing = |absent: bool, column: &str, report: &mut FileReport| {
        if absent {
            ok = false;
            if !draft.had_bad_cells {
                let mut issue = Issue::error(
                    rules::MISSING_VALUE,
                    at(column),
                    format!("学校 {} 没有填写“{column}”", draft.id),
                    format!("school {} gives no `{column}`", draft.id),
                );
                issue.line = Some(first_line);
                report.push(issue);
            }
        }
    };
    missing(draft.name.is_none(), "学校名称", report);
    missing(draft.township.is_none(), "乡镇", report);
    missing(draft.kind.is_none(), "办学类型", report);
    missing(draft.ownership.is_none(), "办学性质", report);
    let township = match &draft.township {
        Some((text, line, column)) => match townships.resolve(text) {
            Ok(code) => Some(code),
            Err((rule, zh, en)) => {
                let path = format!("{} row {line}, column {}", draft.table, column + 1);
                report.push(Issue::error(rule, path, zh, en).at(*line, *column as u64 + 1));
                None
            }
        },
        None => None,
    };
    let stages = stage_records(draft, report)?;
    let facilities = facilities(draft, report)?;
    let (Some(name), Some(township), Some(kind), Some(ownership), true) =
        (&draft.name, township, draft.kind, draft.ownership, ok)
    else {
        return None;
    };
    Some(School {
        id: draft.id.clone(),
        name: name.0.clone(),
        name_en: None,
        township: TownshipCode(township),
        kind: kind.0,
        ownership: ownership.0,
        location: draft.location.map(|l| l.0),
        urban_rural: draft.urban_rural.map(|u| u.0),
        places: draft.places.map(|p| p.0),
        stages,
        facilities,
    })
}

/// The stage records of snapshot format 1, which needs every count but 大班额 (blank = 0 there).
fn stage_records(draft: &SchoolDraft, report: &mut FileReport) -> Option<Stages> {
    let first_line = draft.lines.first().copied().unwrap_or(0);
    let mut stages = Stages::default();
    let mut ok = true;
    if !draft.whole_school.is_empty() {
        ok = false;
        report.push(
            Issue::error(
                rules::WHOLE_SCHOOL_TOTALS,
                format!("{} row {first_line}", draft.table),
                format!("学校 {} 跨学段，但只有全校的班数、教师数：请按学段分列填写", draft.id),
                format!("school {} spans stages but gives only whole-school classes and teachers: give them per stage", draft.id),
            )
            .at(first_line, 1),
        );
    }
    for (&stage, counts) in &draft.stages {
        match stage_record(counts) {
            Ok(record) => *stages.get_mut(stage) = Some(record),
            Err(absent) => {
                ok = false;
                if !draft.had_bad_cells {
                    report.push(
                        Issue::error(
                            rules::MISSING_VALUE,
                            format!("{} row {first_line}", draft.table),
                            format!(
                                "学校 {} 的{}学段没有填写：{}",
                                draft.id,
                                stage.label_zh(),
                                absent.iter().map(|m| measure_zh(*m)).collect::<Vec<_>>().join("、")
                            ),
                            format!(
                                "the {} stage of school {} lacks {}",
                                stage.key(),
                                draft.id,
                                absent.iter().map(|m| measure_zh(*m)).collect::<Vec<_>>().join(", ")
                            ),
                        )
                        .at(first_line, 1),
                    );
                }
            }
        }
    }
    ok.then_some(stages)
}

fn measure_zh(m: Measure) -> &'static str {
    catalogue::SCHOOL_FIELDS
        .iter()
        .find(|s| s.field == catalogue::SchoolField::Measure(m) && s.stage.is_none())
        .map(|s| s.zh)
        .unwrap_or("")
}

fn stage_record(c: &Counts) -> Result<StageRecord, Vec<Measure>> {
    let required = [
        Measure::Students,
        Measure::Classes,
        Measure::Teachers,
        Measure::AboveDegree,
        Measure::Backbone,
        Measure::PeArt,
        Measure::SeniorTitle,
    ];
    let absent: Vec<Measure> = required.into_iter().filter(|m| c.get(*m).is_none()).collect();
    if !absent.is_empty() {
        return Err(absent);
    }
    let v = |m| c.get(m).unwrap_or(0);
    Ok(StageRecord {
        students: v(Measure::Students),
        classes: v(Measure::Classes),
        large_classes: v(Measure::LargeClasses),
        teachers: Teachers {
            full_time: v(Measure::Teachers),
            above_degree: v(Measure::AboveDegree),
            backbone: v(Measure::Backbone),
            pe_art: v(Measure::PeArt),
            senior_title: v(Measure::SeniorTitle),
        },
    })
}

/// All six facilities, or none (snapshot format 1).
fn facilities(draft: &SchoolDraft, report: &mut FileReport) -> Option<Option<Facilities>> {
    let Some((f, line)) = draft.facilities else { return Some(None) };
    match f {
        FacilityValues {
            floor_area_m2: Some(floor_area_m2),
            indoor_sports_area_m2: Some(indoor_sports_area_m2),
            sports_ground_area_m2: Some(sports_ground_area_m2),
            equipment_value_yuan: Some(equipment_value_yuan),
            multimedia_classrooms: Some(multimedia_classrooms),
            books: Some(books),
        } => Some(Some(Facilities {
            floor_area_m2,
            indoor_sports_area_m2,
            sports_ground_area_m2,
            equipment_value_yuan,
            multimedia_classrooms,
            books,
        })),
        _ => {
            if !draft.had_bad_cells {
                report.push(
                    Issue::error(
                        rules::MISSING_VALUE,
                        format!("{} row {line}", draft.table),
                        format!("学校 {} 的六项办学条件须全部填写或全部留空", draft.id),
                        format!("school {} must give all six facilities or none", draft.id),
                    )
                    .at(line, 1),
                );
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::snapshot::TownshipKind;

    fn index() -> TownshipIndex {
        let t = |code: &str, name: &str| {
            (
                Township {
                    code: TownshipCode(code.into()),
                    name: name.into(),
                    name_en: None,
                    kind: TownshipKind::Town,
                    population: None,
                },
                1,
            )
        };
        TownshipIndex::new(&[t("530426100", "化念镇"), t("530426001", "双江街道"), t("530426200", "岔河乡")])
    }

    #[test]
    fn a_school_names_its_township_by_code_site_code_or_name() {
        let i = index();
        assert_eq!(i.resolve("530426100"), Ok("530426100".into()));
        assert_eq!(i.resolve("530426100203"), Ok("530426100".into()));
        assert_eq!(i.resolve("化念镇"), Ok("530426100".into()));
        assert_eq!(i.resolve("化念"), Ok("530426100".into()));
        assert_eq!(i.resolve("双江街道办事处"), Ok("530426001".into()));
        let err = i.resolve("化年镇").unwrap_err();
        assert_eq!(err.0, rules::UNKNOWN_TOWNSHIP);
        assert!(err.1.contains("你是不是指“化念镇”"), "{}", err.1);
        assert_eq!(i.resolve("530426999").unwrap_err().0, rules::UNKNOWN_TOWNSHIP);
        assert_eq!(i.resolve("5304261").unwrap_err().0, rules::BAD_TOWNSHIP_CODE);
    }
}
