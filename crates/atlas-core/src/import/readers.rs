//! The readers of the small files: meta, townships, population, reported values and survey
//! results. Schools, which span rows, are assembled in `schools`.

use super::cells::parse_count;
use super::columns::{population_columns, reported_columns, survey_columns, township_columns, Column};
use super::sheet::{read_sheet, RowReader};
use super::InputFile;
use crate::codes::TownshipCode;
use crate::report::FileReport;
use crate::snapshot::{
    Likert, Meta, Population, ReportLevel, ReportedValue, RespondentGroup, SurveyArea, SurveyResult,
    Township, TownshipKind,
};
use crate::tables::Table;
use crate::validate::rules;
use std::collections::BTreeMap;

pub(super) fn read_meta(input: &InputFile, report: &mut FileReport) -> Option<Meta> {
    let value = match crate::load::parse_json_value(input.name, input.bytes) {
        Ok(v) => v,
        Err(e) => {
            report.push(e.issue);
            return None;
        }
    };
    match crate::load::from_value::<Meta>(input.name, value) {
        Ok(meta) => Some(meta),
        Err(e) => {
            let mut issue = e.issue;
            issue.path = if issue.path.is_empty() { "meta".into() } else { format!("meta.{}", issue.path) };
            report.push(issue);
            None
        }
    }
}

/// The kind a township's name says: 街道, 民族乡, 乡 or 镇 at its end.
fn kind_of_name(name: &str) -> Option<TownshipKind> {
    let name = name.trim_end_matches("办事处");
    if name.ends_with("街道") {
        Some(TownshipKind::Subdistrict)
    } else if name.ends_with("民族乡") {
        Some(TownshipKind::EthnicTownship)
    } else if name.ends_with('乡') {
        Some(TownshipKind::Township)
    } else if name.ends_with('镇') {
        Some(TownshipKind::Town)
    } else {
        None
    }
}

/// Townships with the line each came from. The kind may be left out when the name says it; the
/// population by age band may sit in the same sheet.
pub(super) fn read_townships(table: &Table, report: &mut FileReport) -> Vec<(Township, u64)> {
    use township_columns as c;
    let Some(sheet) = read_sheet(table, &c::WITH_POPULATION, &c::REQUIRED, report) else { return Vec::new() };
    let with_population = [&population_columns::AGE_0_2, &population_columns::AGE_3_5]
        .into_iter()
        .chain([
            &population_columns::AGE_6_11,
            &population_columns::AGE_12_14,
            &population_columns::AGE_15_17,
        ])
        .any(|col| sheet.has(col));
    let mut out: Vec<(Township, u64)> = Vec::new();
    let mut seen: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for row in sheet.rows() {
        let mut r = RowReader::new(&sheet, row);
        let code = r.text(&c::CODE);
        let name = r.text(&c::NAME);
        let kind = if r.raw(&c::KIND).is_empty() {
            match name.as_deref().map(kind_of_name) {
                Some(Some(kind)) => Some(kind),
                Some(None) => {
                    r.error(
                        &c::KIND,
                        rules::MISSING_VALUE,
                        "名称看不出是镇、乡、民族乡还是街道，请填写“类型”".into(),
                        "the name does not say whether it is a 镇, 乡, 民族乡 or 街道: give its 类型".into(),
                    );
                    None
                }
                None => None,
            }
        } else {
            r.choice::<TownshipKind>(&c::KIND)
        };
        let population =
            with_population.then(|| read_population_bands(&mut r)).filter(|p| *p != Population::default());
        if let Some(code) = &code {
            if let Some(first) = seen.insert(code.clone(), r.line()) {
                r.error(
                    &c::CODE,
                    rules::DUPLICATE_TOWNSHIP_CODE,
                    format!("乡镇代码 {code} 重复（第 {first} 行已有）"),
                    format!("township code {code} appears twice (also on line {first})"),
                );
            }
        }
        let issues = r.take_issues();
        let clean = issues.is_empty();
        report.issues.extend(issues);
        if let (Some(code), Some(name), Some(kind), true) = (code, name, kind, clean) {
            out.push((
                Township { code: TownshipCode(code), name, name_en: None, kind, population },
                r.line(),
            ));
        }
    }
    out
}

pub(super) fn attach_population(table: &Table, townships: &mut [(Township, u64)], report: &mut FileReport) {
    use population_columns as c;
    let Some(sheet) = read_sheet(table, &c::ALL, &[&c::TOWNSHIP], report) else { return };
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for row in sheet.rows() {
        let mut r = RowReader::new(&sheet, row);
        let code = r.text(&c::TOWNSHIP);
        let population = read_population_bands(&mut r);
        let mut target = None;
        if let Some(code) = &code {
            if let Some(first) = seen.insert(code.clone(), r.line()) {
                r.error(
                    &c::TOWNSHIP,
                    rules::DUPLICATE_POPULATION_ROW,
                    format!("乡镇 {code} 的人口出现两次（第 {first} 行已有）"),
                    format!("population of township {code} is given twice (also on line {first})"),
                );
            }
            target = townships.iter().position(|(t, _)| t.code.as_str() == code);
            if target.is_none() {
                r.error(
                    &c::TOWNSHIP,
                    rules::UNKNOWN_TOWNSHIP,
                    format!("乡镇代码 {code} 不在乡镇表中"),
                    format!("township code {code} is not in the townships file"),
                );
            }
        }
        let issues = r.take_issues();
        if issues.is_empty() {
            if let Some((township, _)) = target.and_then(|i| townships.get_mut(i)) {
                township.population = Some(population);
            }
        }
        report.issues.extend(issues);
    }
}

/// The five age bands of a row; a blank cell is "not known".
fn read_population_bands(r: &mut RowReader) -> Population {
    use population_columns as c;
    fn band(r: &mut RowReader, column: &Column) -> Option<u32> {
        r.parse(column, parse_count).value()
    }
    Population {
        age_0_2: band(r, &c::AGE_0_2),
        age_3_5: band(r, &c::AGE_3_5),
        age_6_11: band(r, &c::AGE_6_11),
        age_12_14: band(r, &c::AGE_12_14),
        age_15_17: band(r, &c::AGE_15_17),
    }
}

pub(super) fn read_reported(table: &Table, report: &mut FileReport) -> Vec<ReportedValue> {
    use reported_columns as c;
    let Some(sheet) = read_sheet(table, &c::ALL, &c::REQUIRED, report) else { return Vec::new() };
    let mut out = Vec::new();
    for row in sheet.rows() {
        let mut r = RowReader::new(&sheet, row);
        // The id (`compulsory_retention_rate`) or the Chinese name in the indicator table
        // (九年义务教育巩固率), which is what a bureau's own sheet says.
        let indicator = r.text(&c::INDICATOR).map(|text| {
            crate::indicators::INDICATORS
                .iter()
                .find(|d| d.name_zh == text)
                .map(|d| d.id.to_string())
                .unwrap_or(text)
        });
        let value = r.amount(&c::VALUE);
        let unit = r.text(&c::UNIT);
        let level = r.choice::<ReportLevel>(&c::LEVEL);
        let township = r.optional_text(&c::TOWNSHIP);
        let source = r.text(&c::SOURCE);
        let note = r.optional_text(&c::NOTE);
        match (level, &township) {
            (Some(ReportLevel::Township), None) => r.error(
                &c::TOWNSHIP,
                rules::MISSING_VALUE,
                "层级为乡镇时必须填写乡镇代码".into(),
                "a township-level value needs the township code".into(),
            ),
            (Some(ReportLevel::County), Some(_)) => r.error(
                &c::TOWNSHIP,
                rules::UNEXPECTED_VALUE,
                "层级为县时不应填写乡镇代码".into(),
                "a county-level value must not give a township code".into(),
            ),
            _ => {}
        }
        let clean = r.is_clean();
        report.issues.extend(r.take_issues());
        if let (Some(indicator), Some(value), Some(unit), Some(level), Some(source), true) =
            (indicator, value, unit, level, source, clean)
        {
            out.push(ReportedValue {
                indicator,
                value,
                unit,
                level,
                township: township.map(TownshipCode),
                source,
                note,
            });
        }
    }
    out
}

pub(super) fn read_survey(table: &Table, report: &mut FileReport) -> Vec<SurveyResult> {
    use survey_columns as c;
    let Some(sheet) = read_sheet(table, &c::ALL, &[&c::GROUP, &c::AREA], report) else { return Vec::new() };
    let mut out = Vec::new();
    for row in sheet.rows() {
        let mut r = RowReader::new(&sheet, row);
        let group = r.choice::<RespondentGroup>(&c::GROUP);
        let area = r.choice::<SurveyArea>(&c::AREA);
        let township = r.optional_text(&c::TOWNSHIP);
        let respondents = r.parse(&c::RESPONDENTS, parse_count);
        let satisfied = r.parse(&c::SATISFIED, parse_count);
        let likert = if c::LIKERT.iter().all(|col| r.raw(col).is_empty()) {
            None
        } else {
            let counts: Vec<Option<u32>> = c::LIKERT.iter().map(|col| r.count(col)).collect();
            match counts.as_slice() {
                [Some(a), Some(b), Some(n), Some(d), Some(e)] => Some(Likert {
                    very_satisfied: *a,
                    satisfied: *b,
                    neutral: *n,
                    dissatisfied: *d,
                    very_dissatisfied: *e,
                }),
                _ => None,
            }
        };
        let clean = r.is_clean();
        report.issues.extend(r.take_issues());
        if let (Some(group), Some(area), true) = (group, area, clean) {
            out.push(SurveyResult {
                group,
                area,
                township: township.map(TownshipCode),
                respondents: respondents.value(),
                satisfied: satisfied.value(),
                likert,
            });
        }
    }
    out
}
