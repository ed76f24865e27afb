use super::*;
use crate::report::{Issue, RuleId};
use crate::test_support::example_snapshot;
use crate::validate::rules;

fn files_of(csv: &CsvFiles) -> ImportFiles<'_> {
    ImportFiles {
        meta: InputFile { name: META_FILE, bytes: csv.meta_json.as_bytes() },
        schools: InputFile { name: SCHOOLS_FILE, bytes: csv.schools.as_bytes() },
        townships: InputFile { name: TOWNSHIPS_FILE, bytes: csv.townships.as_bytes() },
        population: csv.population.as_ref().map(|t| InputFile { name: POPULATION_FILE, bytes: t.as_bytes() }),
        reported: csv.reported.as_ref().map(|t| InputFile { name: REPORTED_FILE, bytes: t.as_bytes() }),
        survey: csv.survey.as_ref().map(|t| InputFile { name: SURVEY_FILE, bytes: t.as_bytes() }),
    }
}

/// Import with good meta/townships and the given schools CSV; the issues of schools.csv.
fn schools_issues(schools_csv: &str) -> Vec<Issue> {
    let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
    csv.schools = schools_csv.to_string();
    let reports = import_snapshot(&files_of(&csv), "out.json").unwrap_err();
    reports.into_iter().filter(|r| r.file == SCHOOLS_FILE).flat_map(|r| r.issues).collect()
}

const SCHOOLS_HEADER: &str =
    "学校标识码,学校名称,乡镇代码,办学类型,办学性质,学段,学生数,班数,大班额班数,专任教师数,\
    高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,高级职称教师数";

#[test]
fn the_example_is_a_valid_snapshot() {
    let bytes = crate::to_published_json(&example_snapshot()).unwrap();
    let (_, report) = crate::validate::validate_snapshot("example.json", bytes.as_bytes());
    assert!(!report.has_errors(), "{:#?}", report.issues);
}

#[test]
fn a_snapshot_written_as_csv_imports_back_unchanged() {
    let snapshot = example_snapshot();
    let csv = snapshot_to_csv(&snapshot).unwrap();
    let imported = import_snapshot(&files_of(&csv), "out.json").unwrap();
    assert_eq!(imported.snapshot, snapshot);
    // The nine-year school is written as two rows, one per stage.
    assert_eq!(csv.schools.matches("化念镇九年一贯制学校").count(), 2);
    assert!(csv.schools.starts_with('\u{FEFF}'));
}

#[test]
fn english_headers_and_units_in_brackets_are_accepted() {
    let csv = "school_id,school_name,township_code,school_type,ownership,stage,students,classes,large_classes,\
        teachers_full_time,teachers_above_degree,teachers_backbone,teachers_pe_art,teachers_senior_title,\
        教学及辅助用房面积(m²),室内体育用房面积（平方米）,运动场地面积,教学仪器设备值（元）,网络多媒体教室数,图书册数\r\n\
        K1,双江街道中心幼儿园,530426001,幼儿园,公办,学前,\"1,240\",30,,60,30,1,2,1,,,,,,\r\n";
    let mut files = snapshot_to_csv(&example_snapshot()).unwrap();
    files.schools = csv.to_string();
    let imported = import_snapshot(&files_of(&files), "out.json").unwrap();
    let school = &imported.snapshot.schools[0];
    // "1,240" is Excel's thousands grouping: 1240 children.
    assert_eq!(school.stages.preschool.as_ref().unwrap().students, 1240);
    assert_eq!(school.stages.preschool.as_ref().unwrap().large_classes, 0);
}

#[test]
fn every_bad_cell_is_reported_with_line_and_column() {
    let csv = format!(
        "{SCHOOLS_HEADER}\n\
         K1,幼儿园甲,530426001,幼儿园,公办,学前,-5,4,0,8,4,1,1,0\n\
         K2,幼儿园乙,530426001,幼儿园,公办,学前,NaN,4,0,8,4,1,1,0\n\
         K3,幼儿园丙,530426001,幼儿园,公办,学前,100,inf,0,8,4,1,1,0\n\
         K4,幼儿园丁,530426001,幼儿园,公办,学前,100,4.5,0,8,4,1,1,0\n\
         K5,幼儿园戊,530426001,托儿所,公办,学前,100,4,0,8,4,1,1,0\n"
    );
    let issues = schools_issues(&csv);
    let found: Vec<(RuleId, Option<u64>, Option<u64>, &str)> =
        issues.iter().map(|i| (i.rule, i.line, i.column, i.path.as_str())).collect();
    assert_eq!(
        found,
        [
            (rules::NEGATIVE_NUMBER, Some(2), Some(7), "schools.csv row 2, column 学生数"),
            (rules::NON_FINITE_NUMBER, Some(3), Some(7), "schools.csv row 3, column 学生数"),
            (rules::NON_FINITE_NUMBER, Some(4), Some(8), "schools.csv row 4, column 班数"),
            (rules::WRONG_TYPE, Some(5), Some(8), "schools.csv row 5, column 班数"),
            (rules::UNKNOWN_VALUE, Some(6), Some(4), "schools.csv row 6, column 办学类型"),
        ]
    );
    assert!(issues[4].message_zh.contains("托儿所"));
}

#[test]
fn a_missing_column_is_named() {
    // Only the students are essential among the counts; this header misspells them.
    let csv = "学校标识码,学校名称,乡镇代码,办学类型,办学性质,学段,学声数,班数\nK1,甲,530426001,幼儿园,公办,学前,40,4\n";
    let issues = schools_issues(csv);
    let missing: Vec<(&str, &str)> = issues
        .iter()
        .filter(|i| i.rule == rules::MISSING_COLUMN)
        .map(|i| (i.path.as_str(), i.message_zh.as_str()))
        .collect();
    assert_eq!(
        missing,
        [(
            "schools.csv row 1, column 学生数",
            "缺少必填列“学生数”（英文列名 students）。表中的“学声数”是不是这一列？是的话请把表头改为“学生数”"
        )]
    );
}

#[test]
fn a_school_spanning_stages_must_agree_with_itself() {
    let csv = format!(
        "{SCHOOLS_HEADER}\n\
         N1,九年一贯制学校,530426100,九年一贯制,公办,小学,500,12,0,30,20,1,2,1\n\
         N1,九年一贯制学校,530426200,九年一贯制,公办,初中,300,8,0,25,20,1,2,1\n\
         N1,,,,,初中,1,1,0,1,1,0,0,0\n"
    );
    let issues = schools_issues(&csv);
    let found: Vec<(RuleId, Option<u64>, &str)> =
        issues.iter().map(|i| (i.rule, i.line, i.path.as_str())).collect();
    assert_eq!(
        found,
        [
            (rules::CONFLICTING_VALUE, Some(3), "schools.csv row 3, column 乡镇代码"),
            (rules::DUPLICATE_STAGE, Some(4), "schools.csv row 4, column 学段"),
        ]
    );
    assert!(issues[0].message_en.contains("line 2"), "{}", issues[0].message_en);
}

#[test]
fn a_gbk_file_is_read_and_the_report_shows_its_first_names() {
    let snapshot = example_snapshot();
    let csv = snapshot_to_csv(&snapshot).unwrap();
    // What Excel's plain "CSV" type writes on Chinese Windows: GBK, no byte-order mark.
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(csv.townships.trim_start_matches('\u{FEFF}'));
    assert!(!unmappable);
    let mut files = files_of(&csv);
    files.townships = InputFile { name: TOWNSHIPS_FILE, bytes: &gbk };
    let imported = import_snapshot(&files, "out.json").unwrap();
    assert_eq!(imported.snapshot, snapshot);
    let note = &imported.warnings.iter().find(|r| r.file == TOWNSHIPS_FILE).unwrap().issues[0];
    assert_eq!(note.rule, rules::READ_AS_GB18030);
    assert!(note.message_zh.contains("GB18030/GBK"), "{}", note.message_zh);
    assert!(note.message_zh.ends_with("双江街道、化念镇、岔河乡"), "{}", note.message_zh);
}

#[test]
fn population_of_an_unknown_township_is_refused() {
    let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
    csv.population = Some("乡镇代码,3-5岁\n530426999,100\n530426100,abc\n".into());
    let reports = import_snapshot(&files_of(&csv), "out.json").unwrap_err();
    let issues = &reports.iter().find(|r| r.file == POPULATION_FILE).unwrap().issues;
    let found: Vec<(RuleId, Option<u64>)> = issues.iter().map(|i| (i.rule, i.line)).collect();
    assert_eq!(found, [(rules::UNKNOWN_TOWNSHIP, Some(2)), (rules::WRONG_TYPE, Some(3))]);
}

#[test]
fn a_township_not_in_the_townships_table_is_named_at_its_cell() {
    let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
    csv.schools.push_str("K9,新幼儿园,530426999,幼儿园,公办,学前,30,1,0,3,1,0,0,0,,,,,,,,,,\r\n");
    let issues = schools_issues(&csv.schools);
    let found: Vec<(RuleId, Option<u64>, Option<u64>)> =
        issues.iter().map(|i| (i.rule, i.line, i.column)).collect();
    assert_eq!(found, [(rules::UNKNOWN_TOWNSHIP, Some(9), Some(3))]);
}

#[test]
fn validation_of_the_built_snapshot_points_to_the_csv_rows() {
    let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
    // A kindergarten row with more large classes than classes.
    csv.schools.push_str("K9,新幼儿园,530426001,幼儿园,公办,学前,30,1,2,3,1,0,0,0,,,,,,,,,,\r\n");
    let reports = import_snapshot(&files_of(&csv), "out.json").unwrap_err();
    let validation = reports.iter().find(|r| r.file == "out.json").unwrap();
    let issue = validation.issues.iter().find(|i| i.rule == rules::PART_EXCEEDS_WHOLE).unwrap();
    assert_eq!(issue.path, "schools[5].stages.preschool.large_classes");
    // The schools file has a header and 7 rows before this one (the nine-year school and the
    // primary school with its preschool class take two rows each).
    assert!(issue.message_en.ends_with("(schools.csv line 9)"), "{}", issue.message_en);
}

#[test]
fn survey_rows_give_counts_or_all_five_likert_columns() {
    let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
    csv.survey = Some("群体,领域,非常满意,满意\n人大代表,教育质量,3,4\n".into());
    let reports = import_snapshot(&files_of(&csv), "out.json").unwrap_err();
    let issues = &reports.iter().find(|r| r.file == SURVEY_FILE).unwrap().issues;
    let missing: Vec<&str> =
        issues.iter().filter(|i| i.rule == rules::MISSING_VALUE).map(|i| i.path.as_str()).collect();
    assert_eq!(
        missing,
        [
            "survey.csv row 2, column 一般",
            "survey.csv row 2, column 不满意",
            "survey.csv row 2, column 非常不满意"
        ]
    );
}

#[test]
fn reported_indicators_may_be_named_in_chinese() {
    let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
    csv.reported = Some("指标,数值,单位,层级,来源\n九年义务教育巩固率,101.72,%,县,统计公报\n".into());
    let imported = import_snapshot(&files_of(&csv), "out.json").unwrap();
    assert_eq!(imported.snapshot.reported[0].indicator, "compulsory_retention_rate");
    assert_eq!(imported.snapshot.reported[0].value, 101.72);
}

#[test]
fn formula_like_text_is_neutralised_for_excel_and_imports_back_exactly() {
    let mut snapshot = example_snapshot();
    snapshot.schools[0].name = "=HYPERLINK(\"http://example.com\",\"点我\")".into();
    snapshot.schools[1].name = "'=已经加了引号".into();
    snapshot.reported[0].note = Some("-含外县转入学生".into());
    snapshot.reported[1].source = "@监测中心".into();
    let csv = snapshot_to_csv(&snapshot).unwrap();
    assert!(csv.schools.contains(",\"'=HYPERLINK("), "{}", csv.schools);
    assert!(csv.schools.contains(",''=已经加了引号,"), "{}", csv.schools);
    let reported = csv.reported.as_deref().unwrap();
    assert!(reported.contains(",'-含外县转入学生") && reported.contains(",'@监测中心,"), "{reported}");
    let imported = import_snapshot(&files_of(&csv), "out.json").unwrap();
    assert_eq!(imported.snapshot, snapshot);
}

#[test]
fn header_and_row_problems_name_their_rule_line_and_column() {
    let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
    // 调查人数 is another name of 答卷人数: the column is given twice; 备注 is not a survey column.
    csv.survey = Some("群体,领域,答卷人数,认可人数,调查人数,备注\n家长,教育公平,420,381,420,\n".into());
    // Population given twice for one township, and a cell beyond the last header.
    csv.population = Some("乡镇代码,3-5岁\n530426001,100\n530426001,120,9\n".into());
    // A county-level value that names a township.
    csv.reported = Some("指标,数值,单位,层级,乡镇代码,来源\nmyopia_rate,48.3,%,县,530426001,监测\n".into());
    let reports = import_snapshot(&files_of(&csv), "out.json").unwrap_err();
    let found: Vec<(&str, RuleId, Option<u64>, Option<u64>)> = reports
        .iter()
        .flat_map(|r| r.issues.iter().map(move |i| (r.file.as_str(), i.rule, i.line, i.column)))
        .collect();
    assert_eq!(
        found,
        [
            (POPULATION_FILE, rules::EXTRA_CELL, Some(3), Some(3)),
            (POPULATION_FILE, rules::DUPLICATE_POPULATION_ROW, Some(3), Some(1)),
            (REPORTED_FILE, rules::UNEXPECTED_VALUE, Some(2), Some(5)),
            (SURVEY_FILE, rules::DUPLICATE_COLUMN, Some(1), Some(5)),
            (SURVEY_FILE, rules::UNKNOWN_COLUMN, Some(1), Some(6)),
        ]
    );
}

/// Import `files` (each told apart by its header) with the example's meta; every issue as
/// (file, rule, line).
fn sources_issues(files: &[(&str, &str)]) -> Vec<(String, RuleId, Option<u64>)> {
    let csv = snapshot_to_csv(&example_snapshot()).unwrap();
    let sources: Vec<ImportSource> = files
        .iter()
        .map(|(name, text)| ImportSource { input: InputFile { name, bytes: text.as_bytes() }, role: None })
        .collect();
    let meta = MetaSource::File(InputFile { name: META_FILE, bytes: csv.meta_json.as_bytes() });
    let reports = match import_sources(meta, &sources, "out.json") {
        Ok(imported) => imported.warnings,
        Err(reports) => reports,
    };
    reports.iter().flat_map(|r| r.issues.iter().map(move |i| (r.file.clone(), i.rule, i.line))).collect()
}

#[test]
fn a_table_of_nothing_known_is_set_aside_and_a_missing_townships_table_is_named() {
    let csv = snapshot_to_csv(&example_snapshot()).unwrap();
    let found = sources_issues(&[(SCHOOLS_FILE, &csv.schools), ("notes.csv", "甲,乙\n1,2\n")]);
    assert!(found.contains(&("notes.csv".into(), rules::SHEET_IGNORED, None)), "{found:?}");
    assert!(found.iter().any(|(_, rule, _)| *rule == rules::MISSING_TABLE), "{found:?}");
}

#[test]
fn a_schools_table_without_rows_is_imported_with_a_warning() {
    let csv = snapshot_to_csv(&example_snapshot()).unwrap();
    let header = csv.schools.lines().next().unwrap().to_string() + "\n";
    let found = sources_issues(&[(SCHOOLS_FILE, &header), (TOWNSHIPS_FILE, &csv.townships)]);
    assert!(found.iter().any(|(_, rule, _)| *rule == rules::NO_SCHOOLS), "{found:?}");
}

const WIDE_HEADER: &str = "学校名称,乡镇,办学类型,办学性质,小学在校生数,初中在校生数";

#[test]
fn a_stage_column_and_per_stage_columns_are_two_layouts_at_once() {
    let csv = snapshot_to_csv(&example_snapshot()).unwrap();
    let schools = format!("{WIDE_HEADER},学段\n化念中学,化念镇,九年一贯制,公办,300,210,小学\n");
    let found = sources_issues(&[(SCHOOLS_FILE, &schools), (TOWNSHIPS_FILE, &csv.townships)]);
    assert!(found.contains(&(SCHOOLS_FILE.into(), rules::MIXED_LAYOUT, Some(1))), "{found:?}");
}

#[test]
fn whole_school_figures_of_a_school_spanning_stages() {
    let csv = snapshot_to_csv(&example_snapshot()).unwrap();
    // 班数 for the whole school only; 专任教师数 for the primary stage only.
    let schools = format!(
        "{WIDE_HEADER},班数,小学专任教师数,专任教师数\n化念中学,化念镇,九年一贯制,公办,300,210,12,20,35\n"
    );
    let found = sources_issues(&[(SCHOOLS_FILE, &schools), (TOWNSHIPS_FILE, &csv.townships)]);
    assert!(found.contains(&(SCHOOLS_FILE.into(), rules::TOTAL_NOT_SPLIT, Some(2))), "{found:?}");
    assert!(found.contains(&(SCHOOLS_FILE.into(), rules::WHOLE_SCHOOL_TOTALS, Some(2))), "{found:?}");
}
