//! The rules of a snapshot that its JSON Schema cannot express.

use super::common::{self, part_within_whole};
use super::{rules, Issues};
use crate::codes::{CountyCode, Date};
use crate::format::Unit;
use crate::indicators::{self, Basis, Level};
use crate::report::FileReport;
use crate::snapshot::{Facilities, Meta, Ownership, ReportLevel, SchoolType, Snapshot, Stage, StageRecord};
use std::collections::{HashMap, HashSet};

/// Above this many students per full-time teacher a stage's figures are probably mistyped: the
/// national staffing norm (中小学教职工编制标准, unified for town and country in 2014) allows one
/// staff member per 19 primary or 13.5 junior students, so 40 per teacher is far outside it.
pub const MAX_PLAUSIBLE_STUDENTS_PER_TEACHER: f64 = 40.0;

/// An average class above 66 students means the school is 超大班额 on average: possible, but worth a
/// second look (the Ministry of Education defines 56+ as 大班额 and 66+ as 超大班额).
pub const MAX_PLAUSIBLE_CLASS_SIZE: f64 = 66.0;

/// A class of this many students or more is a 大班额 (`large_classes`).
pub const LARGE_CLASS_SIZE: u64 = 56;

/// A reported percentage above this is almost certainly a typing error. Gross rates above 100
/// are normal (息烽 reports 巩固率 101.72%, because students move in) and are not flagged.
pub const MAX_PLAUSIBLE_PERCENT: f64 = 150.0;

/// Every rule of a snapshot that needs no other file. Works on a snapshot however it was built
/// (parsed, imported from CSV, generated), without the `schema` feature.
pub fn check_snapshot(file: &str, snapshot: &Snapshot) -> FileReport {
    let mut out = Issues::new();
    snapshot_rules(snapshot, &mut out);
    out.finish(file)
}

pub(crate) fn snapshot_rules(snapshot: &Snapshot, out: &mut Issues) {
    check_meta(&snapshot.meta, out);
    let county = Some(&snapshot.meta.county_code).filter(|c| c.is_well_formed());
    let townships = check_townships(snapshot, county, out);
    check_schools(snapshot, &townships, out);
    check_reported(snapshot, &townships, out);
    check_survey(snapshot, &townships, out);
}

fn check_meta(meta: &Meta, out: &mut Issues) {
    common::county_code(&meta.county_code, "meta.county_code", out);
    common::not_blank(&meta.county_name, "meta.county_name", out);
    common::school_year(&meta.school_year, "meta.school_year", out);
    common::date(&meta.as_of, "meta.as_of", out);
    for (text, field) in [
        (&meta.publisher, "publisher"),
        (&meta.source, "source"),
        (&meta.license, "license"),
        (&meta.contact, "contact"),
    ] {
        common::not_blank(text, &format!("meta.{field}"), out);
    }
    if let (Some(start), true) = (meta.school_year.start_year(), meta.as_of.is_well_formed()) {
        // A school year runs from 1 September to 31 August; well-formed dates sort as text.
        let first = Date(format!("{start}-09-01"));
        let last = Date(format!("{}-08-31", start + 1));
        if meta.as_of < first || meta.as_of > last {
            out.warning(
                rules::AS_OF_OUTSIDE_SCHOOL_YEAR,
                "meta.as_of",
                format!(
                    "统计时点 {} 不在 {} 之内（{first} 至 {last}）",
                    meta.as_of,
                    meta.school_year.label_zh()
                ),
                format!(
                    "as-of date {} is outside school year {} ({first} to {last})",
                    meta.as_of, meta.school_year
                ),
            );
        }
    }
    if let Some(method) = &meta.survey_method {
        common::not_blank(&method.notes, "meta.survey_method.notes", out);
        for (group, weight) in method.group_weights.iter().flatten() {
            common::amount(*weight, &format!("meta.survey_method.group_weights.{}", group.label_zh()), out);
        }
    }
}

/// Checks every township and returns the codes listed (well-formed or not, so a malformed code
/// is reported once, not again for every school in it).
fn check_townships<'a>(
    snapshot: &'a Snapshot,
    county: Option<&CountyCode>,
    out: &mut Issues,
) -> HashSet<&'a str> {
    let mut first_index: HashMap<&str, usize> = HashMap::new();
    for (i, township) in snapshot.townships.iter().enumerate() {
        let path = format!("townships[{i}].code");
        common::township_code(&township.code, county, &path, out);
        common::not_blank(&township.name, &format!("townships[{i}].name"), out);
        if let Some(first) = first_index.get(township.code.as_str()) {
            out.error(
                rules::DUPLICATE_TOWNSHIP_CODE,
                path,
                format!("乡镇代码 {} 与 townships[{first}] 重复", township.code),
                format!("township code {} is already used by townships[{first}]", township.code),
            );
        } else {
            first_index.insert(township.code.as_str(), i);
        }
    }
    first_index.into_keys().collect()
}

fn unknown_township(code: &str, path: String, out: &mut Issues) {
    out.error(
        rules::UNKNOWN_TOWNSHIP,
        path,
        format!("乡镇代码 {code} 不在本快照的 townships 列表中"),
        format!("township {code} is not listed in this snapshot's `townships`"),
    );
}

fn check_schools(snapshot: &Snapshot, townships: &HashSet<&str>, out: &mut Issues) {
    let mut first_index: HashMap<&str, usize> = HashMap::new();
    for (i, school) in snapshot.schools.iter().enumerate() {
        let at = format!("schools[{i}]");
        common::not_blank(&school.id, &format!("{at}.id"), out);
        common::not_blank(&school.name, &format!("{at}.name"), out);
        if let Some(first) = first_index.get(school.id.as_str()) {
            out.error(
                rules::DUPLICATE_SCHOOL_ID,
                format!("{at}.id"),
                format!("学校标识 {} 与 schools[{first}] 重复", school.id),
                format!("school id {} is already used by schools[{first}]", school.id),
            );
        } else {
            first_index.insert(school.id.as_str(), i);
        }
        if !townships.contains(school.township.as_str()) {
            unknown_township(school.township.as_str(), format!("{at}.township"), out);
        }
        if school.ownership == Ownership::PrivateInclusive && school.kind != SchoolType::Kindergarten {
            out.error(
                rules::INCLUSIVE_PRIVATE_NOT_KINDERGARTEN,
                format!("{at}.ownership"),
                format!("“民办普惠”只适用于幼儿园，{}应填“公办”或“民办”", school.kind.label_zh()),
                format!(
                    "民办普惠 (inclusive private) applies to kindergartens only; a {} is 公办 or 民办",
                    school.kind.label_zh()
                ),
            );
        }
        if let Some(location) = &school.location {
            coordinate(location.lon, 180.0, &format!("{at}.location.lon"), "经度", "longitude", out);
            coordinate(location.lat, 90.0, &format!("{at}.location.lat"), "纬度", "latitude", out);
        }
        if school.stages.iter().next().is_none() {
            out.error(
                rules::SCHOOL_WITHOUT_STAGES,
                format!("{at}.stages"),
                "学校没有任何学段记录，至少应填一个学段的学生、班级和教师".to_string(),
                "the school has no stage; give students, classes and teachers of at least one".to_string(),
            );
        }
        for (stage, record) in school.stages.iter() {
            let stage_path = format!("{at}.stages.{}", stage.wire());
            if !school.kind.allowed_stages().contains(&stage) {
                let allowed: Vec<&str> = school.kind.allowed_stages().iter().map(|s| s.wire()).collect();
                out.error(
                    rules::STAGE_NOT_TAUGHT,
                    stage_path.clone(),
                    format!(
                        "{}不含{}学段；可填：{}",
                        school.kind.label_zh(),
                        stage.label_zh(),
                        allowed.join("、")
                    ),
                    format!(
                        "a {} does not teach `{}`; allowed: {}",
                        school.kind.label_zh(),
                        stage.wire(),
                        allowed.join(", ")
                    ),
                );
            }
            check_stage(stage, record, &stage_path, out);
        }
        let teaches_compulsory = school.stages.iter().any(|(stage, _)| stage.is_compulsory());
        match &school.facilities {
            None if teaches_compulsory => out.error(
                rules::MISSING_FACILITIES,
                format!("{at}.facilities"),
                "有小学或初中学段的学校须填写办学条件 facilities（校舍、场地、设备、图书）".to_string(),
                "a school with primary or junior students needs `facilities` (buildings, grounds, equipment, books)"
                    .to_string(),
            ),
            None => {}
            Some(facilities) => check_facilities(facilities, &format!("{at}.facilities"), out),
        }
    }
}

fn coordinate(value: f64, limit: f64, path: &str, zh: &str, en: &str, out: &mut Issues) {
    if !value.is_finite() {
        out.error(
            rules::NON_FINITE_NUMBER,
            path,
            format!("{zh} {value} 不是有限数"),
            format!("{en} {value} is not finite"),
        );
    } else if value.abs() > limit {
        out.error(
            rules::OUT_OF_RANGE,
            path,
            format!("{zh} {value} 超出 ±{limit} 的范围"),
            format!("{en} {value} is outside ±{limit}"),
        );
    }
}

fn check_stage(stage: Stage, record: &StageRecord, at: &str, out: &mut Issues) {
    let students = record.students as u64;
    let classes = record.classes as u64;
    let large = record.large_classes as u64;
    if students > 0 && classes == 0 {
        out.error(
            rules::STUDENTS_WITHOUT_CLASSES,
            format!("{at}.classes"),
            format!("有 {students} 名学生但班数为 0"),
            format!("{students} students but 0 classes"),
        );
    }
    part_within_whole(
        large,
        classes,
        &format!("{at}.large_classes"),
        ("大班额班数", "large_classes"),
        ("班数", "classes"),
        out,
    );
    // 56+ is the 大班额 line for primary and secondary classes; kindergartens have other limits.
    if stage != Stage::Preschool && large <= classes {
        if large * LARGE_CLASS_SIZE > students {
            out.error(
                rules::LARGE_CLASSES_INCONSISTENT,
                format!("{at}.large_classes"),
                format!("{large} 个大班额（每班 ≥56 人）至少需要 {} 名学生，但只有 {students} 名", large * LARGE_CLASS_SIZE),
                format!(
                    "{large} large classes (56 or more each) need at least {} students, but there are {students}",
                    large * LARGE_CLASS_SIZE
                ),
            );
        } else if large == 0 && classes > 0 && students > (LARGE_CLASS_SIZE - 1) * classes {
            out.error(
                rules::LARGE_CLASSES_INCONSISTENT,
                format!("{at}.large_classes"),
                format!("{students} 名学生分 {classes} 个班，至少有一个班 ≥56 人，大班额班数不能为 0"),
                format!("{students} students in {classes} classes put 56 or more in at least one class, so large_classes cannot be 0"),
            );
        }
    }
    let t = &record.teachers;
    let teachers_at = format!("{at}.teachers");
    for (part, field, zh) in [
        (t.above_degree, "above_degree", "高于规定学历教师数"),
        (t.backbone, "backbone", "县级及以上骨干教师数"),
        (t.pe_art, "pe_art", "体育艺术专任教师数"),
        (t.senior_title, "senior_title", "高级职称教师数"),
    ] {
        part_within_whole(
            part,
            t.full_time,
            &format!("{teachers_at}.{field}"),
            (zh, field),
            ("专任教师数", "full_time"),
            out,
        );
    }
    if students > 0 && t.full_time == 0 {
        out.warning(
            rules::STUDENTS_WITHOUT_TEACHERS,
            format!("{teachers_at}.full_time"),
            format!("有 {students} 名学生但专任教师数为 0，请核实"),
            format!("{students} students but no full-time teacher; please check"),
        );
    } else if t.full_time > 0 {
        let ratio = students as f64 / t.full_time as f64;
        if ratio > MAX_PLAUSIBLE_STUDENTS_PER_TEACHER {
            out.warning(
                rules::STUDENTS_PER_TEACHER_HIGH,
                format!("{teachers_at}.full_time"),
                format!("生师比 {ratio:.1}:1（{students} 名学生、{} 名专任教师）高于 40:1，请核实", t.full_time),
                format!(
                    "{ratio:.1} students per full-time teacher ({students} students, {} teachers) is above 40; please check",
                    t.full_time
                ),
            );
        }
    }
    if classes > 0 {
        let size = students as f64 / classes as f64;
        if size > MAX_PLAUSIBLE_CLASS_SIZE {
            out.warning(
                rules::CLASS_SIZE_OVER_66,
                format!("{at}.classes"),
                format!("平均班额 {size:.1} 人（{students} 名学生、{classes} 个班）超过 66 人，请核实"),
                format!("average class of {size:.1} ({students} students in {classes} classes) is above 66; please check"),
            );
        }
    }
}

fn check_facilities(f: &Facilities, at: &str, out: &mut Issues) {
    let floor_ok = common::amount(f.floor_area_m2, &format!("{at}.floor_area_m2"), out);
    let indoor_ok = common::amount(f.indoor_sports_area_m2, &format!("{at}.indoor_sports_area_m2"), out);
    common::amount(f.sports_ground_area_m2, &format!("{at}.sports_ground_area_m2"), out);
    common::amount(f.equipment_value_yuan, &format!("{at}.equipment_value_yuan"), out);
    if floor_ok && indoor_ok {
        part_within_whole(
            f.indoor_sports_area_m2,
            f.floor_area_m2,
            &format!("{at}.indoor_sports_area_m2"),
            ("室内体育用房面积", "indoor_sports_area_m2"),
            ("教学及辅助用房面积", "floor_area_m2"),
            out,
        );
    }
}

fn check_reported(snapshot: &Snapshot, townships: &HashSet<&str>, out: &mut Issues) {
    let mut first_index: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    for (i, row) in snapshot.reported.iter().enumerate() {
        let at = format!("reported[{i}]");
        common::not_blank(&row.source, &format!("{at}.source"), out);
        let def = indicators::find(&row.indicator).filter(|d| d.basis() == Basis::Reported);
        match def {
            None => {
                let known: Vec<&str> = indicators::INDICATORS
                    .iter()
                    .filter(|d| d.basis() == Basis::Reported)
                    .map(|d| d.id)
                    .collect();
                out.error(
                    rules::UNKNOWN_INDICATOR,
                    format!("{at}.indicator"),
                    format!("“{}”不是指标表中的上报指标；可填：{}", row.indicator, known.join("、")),
                    format!(
                        "`{}` is not a reported indicator of the indicator table; expected one of {}",
                        row.indicator,
                        known.join(", ")
                    ),
                );
            }
            Some(def) => {
                if !unit_matches(&row.unit, def.unit) {
                    let expected = unit_text(def.unit);
                    out.error(
                        rules::UNIT_MISMATCH,
                        format!("{at}.unit"),
                        format!("{}的单位应为“{expected}”，不是“{}”", def.name_zh, row.unit),
                        format!("the unit of {} is `{expected}`, not `{}`", def.id, row.unit),
                    );
                }
                let level = match row.level {
                    ReportLevel::County => Level::County,
                    ReportLevel::Township => Level::Township,
                };
                if !def.exists_at(level) {
                    out.error(
                        rules::REPORTED_LEVEL_MISMATCH,
                        format!("{at}.level"),
                        format!("{}没有{}级数值", def.name_zh, level.label_zh()),
                        format!("{} has no {}-level value", def.id, level.label_en()),
                    );
                }
            }
        }
        let is_percent = def.map(|d| d.unit == Unit::Percent).unwrap_or(row.unit.trim() == "%");
        if !row.value.is_finite() {
            out.error(
                rules::NON_FINITE_NUMBER,
                format!("{at}.value"),
                format!("数值 {} 不是有限数", row.value),
                format!("{} is not a finite number", row.value),
            );
        } else if is_percent && row.value < 0.0 {
            out.error(
                rules::NEGATIVE_NUMBER,
                format!("{at}.value"),
                format!("百分比 {} 不能为负数", row.value),
                format!("percentage {} must not be negative", row.value),
            );
        } else if is_percent && row.value > MAX_PLAUSIBLE_PERCENT {
            out.warning(
                rules::RATE_OVER_150,
                format!("{at}.value"),
                format!("{}% 高于 150%，请核实（毛率略高于 100% 属正常）", row.value),
                format!(
                    "{}% is above 150%; please check (gross rates a little above 100% are normal)",
                    row.value
                ),
            );
        }
        match (row.level, &row.township) {
            (ReportLevel::Township, None) => out.error(
                rules::REPORTED_LEVEL_MISMATCH,
                format!("{at}.township"),
                "乡镇级（level: township）上报值须填写乡镇代码 township".to_string(),
                "a township-level value (level: township) needs `township`".to_string(),
            ),
            (ReportLevel::County, Some(code)) => out.error(
                rules::REPORTED_LEVEL_MISMATCH,
                format!("{at}.township"),
                format!(
                    "县级（level: county）上报值不应填写乡镇代码（{code}）；乡镇数值请填 level: township"
                ),
                format!("a county-level value must not name a township ({code}); use level: township"),
            ),
            (ReportLevel::Township, Some(code)) if !townships.contains(code.as_str()) => {
                unknown_township(code.as_str(), format!("{at}.township"), out)
            }
            _ => {}
        }
        let key = (row.indicator.as_str(), row.township.as_ref().map(|t| t.as_str()));
        if let Some(first) = first_index.get(&key) {
            out.error(
                rules::DUPLICATE_REPORTED_VALUE,
                format!("{at}.indicator"),
                format!("{} 已在 reported[{first}] 上报过", row.indicator),
                format!("{} is already reported in reported[{first}]", row.indicator),
            );
        } else {
            first_index.insert(key, i);
        }
    }
}

/// What to write in a reported row's `unit` for an indicator measured in `unit`: its printed
/// symbol (`%`, `:1`), or its English name when it has none (`count`).
pub fn unit_text(unit: Unit) -> &'static str {
    if unit.symbol_zh().is_empty() {
        unit.name_en()
    } else {
        unit.symbol_zh()
    }
}

/// The symbol and the Chinese and English names of a unit are all accepted.
fn unit_matches(written: &str, unit: Unit) -> bool {
    let written = written.trim();
    [unit_text(unit), unit.symbol_zh(), unit.name_zh(), unit.name_en()].contains(&written)
}

fn check_survey(snapshot: &Snapshot, townships: &HashSet<&str>, out: &mut Issues) {
    let Some(survey) = &snapshot.satisfaction else {
        return;
    };
    if snapshot.meta.survey_method.is_none() {
        out.warning(
            rules::SURVEY_METHOD_MISSING,
            "meta.survey_method",
            "有满意度调查结果，但未在 meta.survey_method 中说明调查方法（抽样、时间、方式、实施单位）"
                .to_string(),
            "survey results are given but `meta.survey_method` does not say how the survey was run"
                .to_string(),
        );
    }
    let mut first_index = HashMap::new();
    for (i, row) in survey.results.iter().enumerate() {
        let at = format!("satisfaction.results[{i}]");
        match (row.respondents, row.satisfied, &row.likert) {
            (Some(respondents), Some(satisfied), None) => part_within_whole(
                satisfied,
                respondents,
                &format!("{at}.satisfied"),
                ("认可人数", "satisfied"),
                ("答题人数", "respondents"),
                out,
            ),
            (None, None, Some(_)) => {}
            (None, None, None) => out.error(
                rules::SURVEY_ROW_SHAPE,
                at.clone(),
                "调查结果须填 respondents 和 satisfied，或填 likert".to_string(),
                "a survey row needs `respondents` and `satisfied`, or `likert`".to_string(),
            ),
            (_, _, Some(_)) => out.error(
                rules::SURVEY_ROW_SHAPE,
                at.clone(),
                "调查结果只能填一种：respondents 和 satisfied，或 likert，不能同时填".to_string(),
                "give either `respondents` and `satisfied`, or `likert`, not both".to_string(),
            ),
            (Some(_), None, None) => out.error(
                rules::SURVEY_ROW_SHAPE,
                format!("{at}.satisfied"),
                "填了答题人数 respondents，还须填认可人数 satisfied".to_string(),
                "`respondents` is given, so `satisfied` is needed too".to_string(),
            ),
            (None, Some(_), None) => out.error(
                rules::SURVEY_ROW_SHAPE,
                format!("{at}.respondents"),
                "填了认可人数 satisfied，还须填答题人数 respondents".to_string(),
                "`satisfied` is given, so `respondents` is needed too".to_string(),
            ),
        }
        if let Some(code) = &row.township {
            if !townships.contains(code.as_str()) {
                unknown_township(code.as_str(), format!("{at}.township"), out);
            }
        }
        let key = (row.group, row.area, row.township.as_ref().map(|t| t.as_str()));
        if let Some(first) = first_index.get(&key) {
            out.error(
                rules::DUPLICATE_SURVEY_ROW,
                at,
                format!(
                    "{}·{} 的结果已在 satisfaction.results[{first}] 中给出",
                    row.group.label_zh(),
                    row.area.label_zh()
                ),
                format!(
                    "{} / {} is already given in satisfaction.results[{first}]",
                    row.group.label_zh(),
                    row.area.label_zh()
                ),
            );
        } else {
            first_index.insert(key, i);
        }
    }
}
