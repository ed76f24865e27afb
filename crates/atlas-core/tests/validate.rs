//! Validation, one test per rule (`every_rule_has_a_test` keeps it so). Each test starts from a
//! good fixture in `tests/fixtures/val_good_*`, makes the one mistake the rule is about, and
//! asserts the rule id and the field path of the issue it gets.
//!
//! Run both ways: `cargo test -p atlas-core --features schema` (structural problems from the JSON
//! Schema, all of them) and `cargo test -p atlas-core` (the typed reader's first problem). Tests
//! whose expectations differ between the two say so with `cfg`.

use atlas_core::hash::sha256_hex;
use atlas_core::load::MAX_FILE_BYTES;
use atlas_core::manifest::Manifest;
use atlas_core::report::{FileReport, Issue, Severity};
use atlas_core::snapshot::Snapshot;
use atlas_core::validate::{self, rules};
use atlas_core::RuleId;
use serde_json::{json, Value};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// Helpers

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read fixture {}: {e}", path.display()))
}

fn fixture_json(name: &str) -> Value {
    serde_json::from_slice(&fixture(name)).unwrap()
}

fn pretty(value: &Value) -> Vec<u8> {
    serde_json::to_vec_pretty(value).unwrap()
}

const SNAPSHOT_FILE: &str = "530426/2024-2025.json";

/// The good snapshot fixture with one edit, validated.
fn snapshot_with(edit: impl FnOnce(&mut Value)) -> FileReport {
    let mut value = fixture_json("val_good_snapshot.json");
    edit(&mut value);
    validate::validate_snapshot(SNAPSHOT_FILE, &pretty(&value)).1
}

fn boundaries_with(edit: impl FnOnce(&mut Value)) -> FileReport {
    let mut value = fixture_json("val_good_boundaries.geojson");
    edit(&mut value);
    validate::validate_boundary_map("530426/boundaries.geojson", &pretty(&value)).1
}

fn tiles_with(edit: impl FnOnce(&mut Value)) -> FileReport {
    let mut value = fixture_json("val_good_tiles.json");
    edit(&mut value);
    validate::validate_tile_grid("530426/tiles.json", &pretty(&value)).1
}

fn manifest_with(edit: impl FnOnce(&mut Value)) -> FileReport {
    let mut value = fixture_json("val_good_manifest.json");
    edit(&mut value);
    validate::validate_manifest("manifest.json", &pretty(&value)).1
}

/// Remove the member at a JSON pointer.
fn remove(value: &mut Value, pointer: &str) {
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    value.pointer_mut(parent).unwrap().as_object_mut().unwrap().remove(key).unwrap();
}

fn listing(report: &FileReport) -> String {
    report.issues.iter().map(|i| format!("  {i}\n")).collect()
}

/// Every issue names a documented rule with the documented severity.
#[track_caller]
fn assert_documented(report: &FileReport) {
    for issue in &report.issues {
        let rule = rules::rule(issue.rule.as_str())
            .unwrap_or_else(|| panic!("rule {} is not in rules::RULES", issue.rule));
        if issue.rule != rules::TOO_MANY_ISSUES {
            assert_eq!(issue.severity, rule.severity, "{issue}");
        }
        assert!(!issue.message_zh.is_empty() && !issue.message_en.is_empty(), "{issue}");
    }
}

/// The issue with this rule at this path; fails with the whole report otherwise.
#[track_caller]
fn issue<'a>(report: &'a FileReport, rule: RuleId, path: &str) -> &'a Issue {
    assert_documented(report);
    report.issues.iter().find(|i| i.rule == rule && i.path == path).unwrap_or_else(|| {
        panic!("expected {rule} at `{path}` in {}, got:\n{}", report.file, listing(report))
    })
}

#[track_caller]
fn assert_clean(report: &FileReport) {
    assert!(report.issues.is_empty(), "{} should have no issues, got:\n{}", report.file, listing(report));
}

#[track_caller]
fn assert_no(report: &FileReport, rule: RuleId) {
    assert!(report.issues.iter().all(|i| i.rule != rule), "unexpected {rule} in:\n{}", listing(report));
}

/// 1-based line of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> u64 {
    let at = text.find(needle).unwrap();
    text[..at].matches('\n').count() as u64 + 1
}

// ---------------------------------------------------------------------------------------------
// Good files

#[test]
fn good_fixtures_have_no_issues() {
    let (snapshot, report) = validate::validate_snapshot(SNAPSHOT_FILE, &fixture("val_good_snapshot.json"));
    assert_clean(&report);
    assert_eq!(snapshot.unwrap().schools.len(), 6);
    assert_clean(&validate::validate_boundary_map("b.geojson", &fixture("val_good_boundaries.geojson")).1);
    assert_clean(&validate::validate_tile_grid("t.json", &fixture("val_good_tiles.json")).1);
    assert_clean(&validate::validate_manifest("manifest.json", &fixture("val_good_manifest.json")).1);
}

#[test]
fn a_gross_rate_above_100_is_not_a_problem() {
    // 息烽 reports 九年义务教育巩固率 101.72%: students who move in count in the numerator.
    let report = snapshot_with(|v| v["reported"][0]["value"] = json!(101.72));
    assert_clean(&report);
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let report = snapshot_with(|v| {
        v["schools"][2]["stages"]["primary"]["teachers"]["backbone"] = json!(40);
        v["schools"][3]["township"] = json!("530426999");
        v["schools"][4]["id"] = json!("530426-k-01");
    });
    issue(&report, rules::PART_EXCEEDS_WHOLE, "schools[2].stages.primary.teachers.backbone");
    issue(&report, rules::UNKNOWN_TOWNSHIP, "schools[3].township");
    issue(&report, rules::DUPLICATE_SCHOOL_ID, "schools[4].id");
    assert_eq!(report.errors().count(), 3, "{}", listing(&report));
}

#[cfg(feature = "schema")]
#[test]
fn every_structural_problem_is_reported_not_just_the_first() {
    let report = snapshot_with(|v| {
        v["schools"][0]["stages"]["preschool"]["students"] = json!("240");
        v["schools"][2]["stages"]["primary"]["classes"] = json!(-14);
        remove(v, "/meta/contact");
    });
    issue(&report, rules::WRONG_TYPE, "schools[0].stages.preschool.students");
    issue(&report, rules::NEGATIVE_NUMBER, "schools[2].stages.primary.classes");
    issue(&report, rules::MISSING_FIELD, "meta.contact");
    assert_eq!(report.errors().count(), 3, "{}", listing(&report));
}

#[test]
fn issues_carry_the_line_and_column_of_their_field() {
    let report = snapshot_with(|v| v["schools"][2]["stages"]["primary"]["teachers"]["backbone"] = json!(40));
    let text = String::from_utf8(pretty(&{
        let mut v = fixture_json("val_good_snapshot.json");
        v["schools"][2]["stages"]["primary"]["teachers"]["backbone"] = json!(40);
        v
    }))
    .unwrap();
    let found = issue(&report, rules::PART_EXCEEDS_WHOLE, "schools[2].stages.primary.teachers.backbone");
    // The pretty printer puts `"backbone": 40` on its own line, the value after 12 spaces of
    // indentation and the 12 characters of `"backbone": `: column 25.
    assert_eq!(found.line, Some(line_of(&text, "\"backbone\": 40")));
    assert_eq!(found.column, Some(25));
}

// ---------------------------------------------------------------------------------------------
// Reading the file at all

#[test]
fn rule_file_too_large() {
    // One byte over the limit is refused before parsing; a 1 GB file is refused the same way by
    // its declared size (see rule_file_too_large_by_declared_size_is_not_read).
    let big = vec![b' '; MAX_FILE_BYTES as usize + 1];
    let (parsed, report) = validate::validate_snapshot("big.json", &big);
    assert!(parsed.is_none());
    issue(&report, rules::FILE_TOO_LARGE, "");
}

#[test]
fn rule_empty_file() {
    let (_, report) = validate::validate_snapshot("empty.json", b" \n\t");
    issue(&report, rules::EMPTY_FILE, "");
}

#[test]
fn rule_malformed_json_gives_line_and_character_column() {
    let (parsed, report) = validate::validate_snapshot("bad.json", &fixture("val_bad_syntax.json"));
    assert!(parsed.is_none());
    let found = issue(&report, rules::MALFORMED_JSON, "");
    // Line 4 is `    "county_name": "峨山彝族自治县" "county_code": "530426"`: the comma is missing
    // before the second key, whose opening quote is character 30 (byte 44, since each of the
    // seven Chinese characters is three bytes in UTF-8).
    assert_eq!((found.line, found.column), (Some(4), Some(30)));
}

#[test]
fn rule_malformed_json_when_truncated() {
    let whole = fixture("val_good_snapshot.json");
    let (_, report) = validate::validate_snapshot("cut.json", &whole[..whole.len() / 2]);
    let found = issue(&report, rules::MALFORMED_JSON, "");
    assert!(found.message_en.contains("truncated"), "{found}");
}

#[test]
fn rule_malformed_json_when_nested_absurdly_deep() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (_, report) = validate::validate_snapshot("deep.json", deep.as_bytes());
    let found = issue(&report, rules::MALFORMED_JSON, "");
    assert!(found.message_en.contains("nested too deeply"), "{found}");
}

#[test]
fn rule_non_finite_number_from_an_overflowing_literal() {
    let text = String::from_utf8(fixture("val_good_snapshot.json")).unwrap().replacen(
        "\"floor_area_m2\": 4200.0",
        "\"floor_area_m2\": 1e999",
        1,
    );
    let (_, report) = validate::validate_snapshot("inf.json", text.as_bytes());
    let found = issue(&report, rules::NON_FINITE_NUMBER, "");
    assert_eq!(found.line, Some(line_of(&text, "1e999")));
    assert!(found.message_en.contains("too large to represent"), "{found}");
    assert!(found.message_zh.contains("1e999"), "{found}");
}

#[test]
fn rule_non_finite_number_in_a_snapshot_built_by_an_import() {
    // JSON cannot hold NaN, but a CSV import can produce one; check_snapshot catches it.
    let mut snapshot: Snapshot = serde_json::from_slice(&fixture("val_good_snapshot.json")).unwrap();
    snapshot.schools[2].facilities.as_mut().unwrap().floor_area_m2 = f64::NAN;
    snapshot.reported[1].value = f64::INFINITY;
    let report = validate::check_snapshot("import.csv", &snapshot);
    issue(&report, rules::NON_FINITE_NUMBER, "schools[2].facilities.floor_area_m2");
    issue(&report, rules::NON_FINITE_NUMBER, "reported[1].value");
}

#[test]
fn rule_unknown_schema_version() {
    let report = snapshot_with(|v| v["schema_version"] = json!(2));
    issue(&report, rules::UNKNOWN_SCHEMA_VERSION, "schema_version");
}

// ---------------------------------------------------------------------------------------------
// Shape

#[test]
fn rule_missing_field() {
    let report = snapshot_with(|v| remove(v, "/schools/2/stages/primary/teachers/backbone"));
    issue(&report, rules::MISSING_FIELD, "schools[2].stages.primary.teachers.backbone");
}

#[test]
fn rule_missing_field_schema_version() {
    let report = snapshot_with(|v| remove(v, "/schema_version"));
    issue(&report, rules::MISSING_FIELD, "schema_version");
}

#[test]
fn rule_unknown_field() {
    let report = snapshot_with(|v| v["schools"][2]["stages"]["primary"]["teachers"]["backbones"] = json!(3));
    issue(&report, rules::UNKNOWN_FIELD, "schools[2].stages.primary.teachers.backbones");
}

#[test]
fn rule_wrong_type() {
    let report = snapshot_with(|v| v["schools"][2]["stages"]["primary"]["students"] = json!("620"));
    let found = issue(&report, rules::WRONG_TYPE, "schools[2].stages.primary.students");
    assert!(found.message_en.contains("620"), "{found}");
}

#[test]
fn rule_unknown_value() {
    let report = snapshot_with(|v| v["schools"][1]["ownership"] = json!("私立"));
    let found = issue(&report, rules::UNKNOWN_VALUE, "schools[1].ownership");
    assert!(found.message_zh.contains("民办普惠"), "the message lists the allowed values: {found}");
    let report = snapshot_with(|v| v["schools"][2]["type"] = json!("高级中学"));
    issue(&report, rules::UNKNOWN_VALUE, "schools[2].type");
}

#[test]
fn rule_negative_number() {
    let report = snapshot_with(|v| v["schools"][2]["stages"]["primary"]["classes"] = json!(-1));
    issue(&report, rules::NEGATIVE_NUMBER, "schools[2].stages.primary.classes");
    let report = snapshot_with(|v| v["schools"][2]["facilities"]["floor_area_m2"] = json!(-5.0));
    issue(&report, rules::NEGATIVE_NUMBER, "schools[2].facilities.floor_area_m2");
    let report = snapshot_with(|v| v["reported"][1]["value"] = json!(-3.0));
    issue(&report, rules::NEGATIVE_NUMBER, "reported[1].value");
}

#[test]
fn rule_out_of_range() {
    let report =
        snapshot_with(|v| v["schools"][2]["stages"]["primary"]["students"] = json!(5_000_000_000u64));
    issue(&report, rules::OUT_OF_RANGE, "schools[2].stages.primary.students");
    let report = snapshot_with(|v| v["schools"][0]["location"]["lat"] = json!(95.0));
    issue(&report, rules::OUT_OF_RANGE, "schools[0].location.lat");
    let report =
        boundaries_with(|v| v["features"][0]["geometry"]["coordinates"][0][2] = json!([202.44, 24.21]));
    issue(&report, rules::OUT_OF_RANGE, "features[0].geometry.coordinates[0][2]");
}

#[test]
fn rule_wrong_shape() {
    // A position is [longitude, latitude]; one number is not a position.
    let report = boundaries_with(|v| v["features"][0]["geometry"]["coordinates"][0][1] = json!([102.44]));
    let expected_path = if cfg!(feature = "schema") {
        "features[0].geometry.coordinates[0][1]"
    } else {
        // The typed reader stops at the tagged geometry and cannot say which position.
        "features[0].geometry"
    };
    issue(&report, rules::WRONG_SHAPE, expected_path);
}

#[test]
fn rule_too_many_issues() {
    let report = snapshot_with(|v| {
        let school = v["schools"][0].clone();
        let schools = v["schools"].as_array_mut().unwrap();
        // 1,200 more kindergartens in an unknown township: 1,200 unknown_township errors plus
        // 1,200 duplicate ids, of which 1,000 are listed.
        for _ in 0..1200 {
            let mut copy = school.clone();
            copy["township"] = json!("530426999");
            schools.push(copy);
        }
    });
    assert_eq!(report.issues.len(), validate::MAX_LISTED_ISSUES + 1);
    let last = issue(&report, rules::TOO_MANY_ISSUES, "");
    assert_eq!(last.severity, Severity::Error);
    assert!(last.message_en.starts_with("1400 more problems"), "{last}");
}

// ---------------------------------------------------------------------------------------------
// Codes, dates and text

#[test]
fn rule_bad_county_code() {
    let report = snapshot_with(|v| v["meta"]["county_code"] = json!("53042"));
    issue(&report, rules::BAD_COUNTY_CODE, "meta.county_code");
}

#[test]
fn rule_bad_township_code() {
    let report = snapshot_with(|v| v["townships"][1]["code"] = json!("53042610"));
    issue(&report, rules::BAD_TOWNSHIP_CODE, "townships[1].code");
}

#[test]
fn rule_township_not_in_county() {
    let report = snapshot_with(|v| v["townships"][1]["code"] = json!("520122102"));
    issue(&report, rules::TOWNSHIP_NOT_IN_COUNTY, "townships[1].code");
}

#[test]
fn rule_bad_school_year() {
    // Right shape, years not consecutive: only the semantic check sees it.
    let report = snapshot_with(|v| v["meta"]["school_year"] = json!("2024-2026"));
    issue(&report, rules::BAD_SCHOOL_YEAR, "meta.school_year");
    let report = snapshot_with(|v| v["meta"]["school_year"] = json!("2024/2025"));
    issue(&report, rules::BAD_SCHOOL_YEAR, "meta.school_year");
}

#[test]
fn rule_bad_date() {
    let report = snapshot_with(|v| v["meta"]["as_of"] = json!("2024-02-30"));
    issue(&report, rules::BAD_DATE, "meta.as_of");
    let report = snapshot_with(|v| v["meta"]["as_of"] = json!("2024/09/30"));
    issue(&report, rules::BAD_DATE, "meta.as_of");
}

#[test]
fn rule_as_of_outside_school_year() {
    // 2024-2025 runs from 2024-09-01 to 2025-08-31; 2023-09-30 is a year early.
    let report = snapshot_with(|v| v["meta"]["as_of"] = json!("2023-09-30"));
    issue(&report, rules::AS_OF_OUTSIDE_SCHOOL_YEAR, "meta.as_of");
    assert!(!report.has_errors());
    assert_clean(&snapshot_with(|v| v["meta"]["as_of"] = json!("2025-08-31")));
}

#[test]
fn rule_blank_text() {
    let report = snapshot_with(|v| v["meta"]["publisher"] = json!("  "));
    issue(&report, rules::BLANK_TEXT, "meta.publisher");
}

// ---------------------------------------------------------------------------------------------
// Snapshot rules

#[test]
fn rule_duplicate_township_code() {
    let report = snapshot_with(|v| {
        let copy = v["townships"][0].clone();
        v["townships"].as_array_mut().unwrap().push(copy);
    });
    issue(&report, rules::DUPLICATE_TOWNSHIP_CODE, "townships[2].code");
}

#[test]
fn rule_duplicate_school_id() {
    let report = snapshot_with(|v| v["schools"][1]["id"] = json!("530426-k-01"));
    issue(&report, rules::DUPLICATE_SCHOOL_ID, "schools[1].id");
}

#[test]
fn rule_unknown_township() {
    let report = snapshot_with(|v| {
        v["schools"][0]["township"] = json!("530426999");
        v["reported"][1]["township"] = json!("530426998");
        v["satisfaction"]["results"][2]["township"] = json!("530426997");
    });
    issue(&report, rules::UNKNOWN_TOWNSHIP, "schools[0].township");
    issue(&report, rules::UNKNOWN_TOWNSHIP, "reported[1].township");
    issue(&report, rules::UNKNOWN_TOWNSHIP, "satisfaction.results[2].township");
}

#[test]
fn rule_school_without_stages() {
    let report = snapshot_with(|v| v["schools"][0]["stages"] = json!({}));
    issue(&report, rules::SCHOOL_WITHOUT_STAGES, "schools[0].stages");
}

#[test]
fn rule_stage_not_taught() {
    // A 小学 teaches preschool (附设幼儿班) and primary, not senior.
    let report = snapshot_with(|v| {
        v["schools"][2]["stages"]["senior"] = v["schools"][4]["stages"]["senior"].clone();
    });
    issue(&report, rules::STAGE_NOT_TAUGHT, "schools[2].stages.senior");
}

#[test]
fn rule_inclusive_private_not_kindergarten() {
    let report = snapshot_with(|v| v["schools"][2]["ownership"] = json!("民办普惠"));
    issue(&report, rules::INCLUSIVE_PRIVATE_NOT_KINDERGARTEN, "schools[2].ownership");
}

#[test]
fn rule_students_without_classes() {
    let report = snapshot_with(|v| v["schools"][0]["stages"]["preschool"]["classes"] = json!(0));
    issue(&report, rules::STUDENTS_WITHOUT_CLASSES, "schools[0].stages.preschool.classes");
}

#[test]
fn rule_large_classes_inconsistent() {
    // 12 classes of 56 or more hold at least 12 × 56 = 672 students; the school has 620.
    let report = snapshot_with(|v| v["schools"][2]["stages"]["primary"]["large_classes"] = json!(12));
    issue(&report, rules::LARGE_CLASSES_INCONSISTENT, "schools[2].stages.primary.large_classes");
    // 800 students in 14 classes: if every class had at most 55 there would be at most
    // 14 × 55 = 770, so at least one class has 56 or more and large_classes cannot be 0.
    let report = snapshot_with(|v| {
        v["schools"][2]["stages"]["primary"]["students"] = json!(800);
        v["schools"][2]["stages"]["primary"]["large_classes"] = json!(0);
    });
    issue(&report, rules::LARGE_CLASSES_INCONSISTENT, "schools[2].stages.primary.large_classes");
    // 770 students in 14 classes can all be 55: no contradiction.
    let report = snapshot_with(|v| {
        v["schools"][2]["stages"]["primary"]["students"] = json!(770);
        v["schools"][2]["stages"]["primary"]["large_classes"] = json!(0);
    });
    assert_no(&report, rules::LARGE_CLASSES_INCONSISTENT);
}

#[test]
fn rule_missing_facilities() {
    let report = snapshot_with(|v| remove(v, "/schools/3/facilities"));
    issue(&report, rules::MISSING_FACILITIES, "schools[3].facilities");
    // A kindergarten needs none.
    assert_clean(&snapshot_with(|v| v["schools"][0]["facilities"] = Value::Null));
}

#[test]
fn rule_records_set_aside() {
    // One school cannot be read (a negative count); the meaning rules still run on the others,
    // and report their problems at the records' places in the original file.
    let report = snapshot_with(|v| {
        v["schools"][1]["stages"]["primary"]["students"] = json!(-5);
        v["schools"][2]["stages"]["primary"]["teachers"]["backbone"] = json!(40);
    });
    issue(&report, rules::NEGATIVE_NUMBER, "schools[1].stages.primary.students");
    issue(&report, rules::PART_EXCEEDS_WHOLE, "schools[2].stages.primary.teachers.backbone");
    let note = issue(&report, rules::RECORDS_SET_ASIDE, "");
    assert!(note.message_en.starts_with("1 record(s)"), "{}", note.message_en);
    assert_eq!(note.severity, Severity::Warning);
    // An error outside any record (the county code) leaves nothing to set aside.
    let report = snapshot_with(|v| v["meta"]["sample"] = json!("yes"));
    assert_no(&report, rules::RECORDS_SET_ASIDE);
}

#[test]
fn rule_part_exceeds_whole() {
    let report = snapshot_with(|v| {
        // 40 backbone teachers among 36 full-time teachers.
        v["schools"][2]["stages"]["primary"]["teachers"]["backbone"] = json!(40);
        // 15 large classes among 14 classes.
        v["schools"][3]["stages"]["primary"]["large_classes"] = json!(15);
        // 4,500 m² indoor sports area inside 4,200 m² of floor area.
        v["schools"][2]["facilities"]["indoor_sports_area_m2"] = json!(4500.0);
        // 430 satisfied parents of 420 who answered.
        v["satisfaction"]["results"][0]["satisfied"] = json!(430);
    });
    issue(&report, rules::PART_EXCEEDS_WHOLE, "schools[2].stages.primary.teachers.backbone");
    issue(&report, rules::PART_EXCEEDS_WHOLE, "schools[3].stages.primary.large_classes");
    issue(&report, rules::PART_EXCEEDS_WHOLE, "schools[2].facilities.indoor_sports_area_m2");
    issue(&report, rules::PART_EXCEEDS_WHOLE, "satisfaction.results[0].satisfied");
    for field in ["above_degree", "pe_art", "senior_title"] {
        let report = snapshot_with(|v| v["schools"][4]["stages"]["junior"]["teachers"][field] = json!(63));
        issue(&report, rules::PART_EXCEEDS_WHOLE, &format!("schools[4].stages.junior.teachers.{field}"));
    }
}

#[test]
fn rule_survey_row_shape() {
    let report = snapshot_with(|v| {
        remove(v, "/satisfaction/results/0/respondents");
        remove(v, "/satisfaction/results/0/satisfied");
    });
    issue(&report, rules::SURVEY_ROW_SHAPE, "satisfaction.results[0]");
    let report = snapshot_with(|v| v["satisfaction"]["results"][1]["respondents"] = json!(32));
    issue(&report, rules::SURVEY_ROW_SHAPE, "satisfaction.results[1]");
    let report = snapshot_with(|v| remove(v, "/satisfaction/results/2/satisfied"));
    issue(&report, rules::SURVEY_ROW_SHAPE, "satisfaction.results[2].satisfied");
}

#[test]
fn rule_duplicate_survey_row() {
    let report = snapshot_with(|v| {
        let copy = v["satisfaction"]["results"][0].clone();
        v["satisfaction"]["results"].as_array_mut().unwrap().push(copy);
    });
    issue(&report, rules::DUPLICATE_SURVEY_ROW, "satisfaction.results[3]");
}

#[test]
fn rule_survey_method_missing() {
    let report = snapshot_with(|v| remove(v, "/meta/survey_method"));
    issue(&report, rules::SURVEY_METHOD_MISSING, "meta.survey_method");
    assert!(!report.has_errors());
}

#[test]
fn rule_unknown_indicator() {
    let report = snapshot_with(|v| v["reported"][0]["indicator"] = json!("graduation_rate"));
    let found = issue(&report, rules::UNKNOWN_INDICATOR, "reported[0].indicator");
    assert!(found.message_en.contains("compulsory_retention_rate"), "lists the known ids: {found}");
}

#[test]
fn rule_unit_mismatch() {
    let report = snapshot_with(|v| v["reported"][0]["unit"] = json!("‰"));
    issue(&report, rules::UNIT_MISMATCH, "reported[0].unit");
}

#[test]
fn rule_reported_level_mismatch() {
    let report = snapshot_with(|v| remove(v, "/reported/1/township"));
    issue(&report, rules::REPORTED_LEVEL_MISMATCH, "reported[1].township");
    let report = snapshot_with(|v| v["reported"][0]["township"] = json!("530426001"));
    issue(&report, rules::REPORTED_LEVEL_MISMATCH, "reported[0].township");
}

#[test]
fn rule_duplicate_reported_value() {
    let report = snapshot_with(|v| {
        let mut copy = v["reported"][0].clone();
        copy["value"] = json!(97.0);
        v["reported"].as_array_mut().unwrap().push(copy);
    });
    issue(&report, rules::DUPLICATE_REPORTED_VALUE, "reported[2].indicator");
}

#[test]
fn rule_students_per_teacher_high() {
    // 620 students ÷ 15 full-time teachers = 41.3 per teacher, above 40.
    let report = snapshot_with(|v| {
        v["schools"][2]["stages"]["primary"]["teachers"] = json!({
            "full_time": 15, "above_degree": 15, "backbone": 2, "pe_art": 2, "senior_title": 1
        })
    });
    let found =
        issue(&report, rules::STUDENTS_PER_TEACHER_HIGH, "schools[2].stages.primary.teachers.full_time");
    assert!(found.message_zh.contains("41.3:1"), "{found}");
    assert!(!report.has_errors());
    // 620 ÷ 16 = 38.75: no warning.
    assert_no(
        &snapshot_with(|v| v["schools"][2]["stages"]["primary"]["teachers"]["full_time"] = json!(16)),
        rules::STUDENTS_PER_TEACHER_HIGH,
    );
}

#[test]
fn rule_class_size_over_66() {
    // 620 students in 9 classes average 68.9; all 9 may be large (9 × 56 = 504 ≤ 620).
    let report = snapshot_with(|v| {
        v["schools"][2]["stages"]["primary"]["classes"] = json!(9);
        v["schools"][2]["stages"]["primary"]["large_classes"] = json!(9);
    });
    let found = issue(&report, rules::CLASS_SIZE_OVER_66, "schools[2].stages.primary.classes");
    assert!(found.message_en.contains("68.9"), "{found}");
    assert!(!report.has_errors(), "{}", listing(&report));
}

#[test]
fn rule_students_without_teachers() {
    let report = snapshot_with(|v| {
        v["schools"][5]["stages"]["primary"]["teachers"] = json!({
            "full_time": 0, "above_degree": 0, "backbone": 0, "pe_art": 0, "senior_title": 0
        })
    });
    issue(&report, rules::STUDENTS_WITHOUT_TEACHERS, "schools[5].stages.primary.teachers.full_time");
    assert!(!report.has_errors());
}

#[test]
fn rule_rate_over_150() {
    let report = snapshot_with(|v| v["reported"][0]["value"] = json!(151.0));
    issue(&report, rules::RATE_OVER_150, "reported[0].value");
    assert!(!report.has_errors());
    assert_clean(&snapshot_with(|v| v["reported"][0]["value"] = json!(150.0)));
}

// ---------------------------------------------------------------------------------------------
// Geometry

#[test]
fn rule_map_not_declared() {
    let report = boundaries_with(|v| v["schematic"] = json!(false));
    issue(&report, rules::MAP_NOT_DECLARED, "review_number");
    let report = tiles_with(|v| remove(v, "/schematic"));
    issue(&report, rules::MAP_NOT_DECLARED, "review_number");
    // An approved map with its 审图号 is declared.
    assert_clean(&boundaries_with(|v| {
        v["schematic"] = json!(false);
        v["review_number"] = json!("云S(2023)56号");
    }));
}

#[test]
fn rule_bad_ring() {
    // The last position must repeat the first.
    let report =
        boundaries_with(|v| v["features"][0]["geometry"]["coordinates"][0][4] = json!([102.38, 24.16]));
    issue(&report, rules::BAD_RING, "features[0].geometry.coordinates[0]");
    let report = boundaries_with(|v| {
        v["features"][1]["geometry"]["coordinates"][1][0] =
            json!([[102.62, 24.05], [102.64, 24.05], [102.62, 24.05]])
    });
    issue(&report, rules::BAD_RING, "features[1].geometry.coordinates[1][0]");
}

#[test]
fn rule_tiles_overlap() {
    // tiles[0] is at row 0, column 0; move tiles[1] from (1, 1) onto it.
    let report = tiles_with(|v| {
        v["tiles"][1]["row"] = json!(0);
        v["tiles"][1]["col"] = json!(0);
    });
    issue(&report, rules::TILES_OVERLAP, "tiles[1]");
    let report = tiles_with(|v| v["tiles"][1]["col"] = json!(0));
    assert_no(&report, rules::TILES_OVERLAP);
}

#[test]
fn geometry_township_codes_are_checked_like_snapshot_ones() {
    let report = boundaries_with(|v| v["features"][1]["properties"]["code"] = json!("530426001"));
    issue(&report, rules::DUPLICATE_TOWNSHIP_CODE, "features[1].properties.code");
    let report = tiles_with(|v| v["tiles"][0]["code"] = json!("520122001"));
    issue(&report, rules::TOWNSHIP_NOT_IN_COUNTY, "tiles[0].code");
    let report = tiles_with(|v| v["county_code"] = json!("5304"));
    issue(&report, rules::BAD_COUNTY_CODE, "county_code");
}

// ---------------------------------------------------------------------------------------------
// Manifest

#[test]
fn rule_duplicate_county() {
    let report = manifest_with(|v| {
        let copy = v["counties"][0].clone();
        v["counties"].as_array_mut().unwrap().push(copy);
    });
    issue(&report, rules::DUPLICATE_COUNTY, "counties[1].code");
}

#[test]
fn rule_duplicate_id() {
    let report = manifest_with(|v| v["counties"][0]["snapshots"][1]["id"] = json!("530426-2024-2025"));
    issue(&report, rules::DUPLICATE_ID, "counties[0].snapshots[1].id");
}

#[test]
fn rule_bad_sha256() {
    let report = manifest_with(|v| v["counties"][0]["snapshots"][0]["sha256"] = json!("5F1D"));
    issue(&report, rules::BAD_SHA256, "counties[0].snapshots[0].sha256");
}

#[test]
fn rule_bad_path() {
    let report = manifest_with(|v| v["counties"][0]["geometry"][1]["path"] = json!("../../etc/passwd"));
    issue(&report, rules::BAD_PATH, "counties[0].geometry[1].path");
}

#[test]
fn rule_bad_revises() {
    let report = manifest_with(|v| v["counties"][0]["snapshots"][1]["revises"] = json!("530426-2023-2024"));
    issue(&report, rules::BAD_REVISES, "counties[0].snapshots[1].revises");
    // A correction cannot be older than what it corrects.
    let report = manifest_with(|v| v["counties"][0]["snapshots"][1]["published"] = json!("2025-02-01"));
    issue(&report, rules::BAD_REVISES, "counties[0].snapshots[1].revises");
    // Nor be for another school year.
    let report = manifest_with(|v| v["counties"][0]["snapshots"][1]["school_year"] = json!("2023-2024"));
    issue(&report, rules::BAD_REVISES, "counties[0].snapshots[1].revises");
}

#[test]
fn rule_revision_note_missing() {
    let report = manifest_with(|v| remove(v, "/counties/0/snapshots/1/revision_note"));
    issue(&report, rules::REVISION_NOTE_MISSING, "counties[0].snapshots[1].revision_note");
}

#[test]
fn rule_revision_fork() {
    let report = manifest_with(|v| {
        let mut second = v["counties"][0]["snapshots"][1].clone();
        second["id"] = json!("530426-2024-2025-r2");
        second["path"] = json!("530426/2024-2025-r2.json");
        v["counties"][0]["snapshots"].as_array_mut().unwrap().push(second);
    });
    issue(&report, rules::REVISION_FORK, "counties[0].snapshots[2].revises");
}

#[test]
fn rule_duplicate_school_year() {
    // A second 2024-2025 snapshot that does not say it corrects the first.
    let report = manifest_with(|v| {
        remove(v, "/counties/0/snapshots/1/revises");
        remove(v, "/counties/0/snapshots/1/revision_note");
    });
    issue(&report, rules::DUPLICATE_SCHOOL_YEAR, "counties[0].snapshots[1].school_year");
}

#[test]
fn rule_duplicate_geometry_kind() {
    let report = manifest_with(|v| v["counties"][0]["geometry"][1]["kind"] = json!("geojson"));
    issue(&report, rules::DUPLICATE_GEOMETRY_KIND, "counties[0].geometry[1].kind");
}

#[test]
fn rule_unknown_schema_version_of_a_listed_snapshot() {
    let report = manifest_with(|v| v["counties"][0]["snapshots"][0]["schema_version"] = json!(2));
    issue(&report, rules::UNKNOWN_SCHEMA_VERSION, "counties[0].snapshots[0].schema_version");
}

// ---------------------------------------------------------------------------------------------
// The data set as a whole

/// A data folder in memory: the good manifest with its files, sizes and hashes filled in as
/// `atlas publish` would.
struct DataSet {
    manifest: Value,
    files: BTreeMap<String, Vec<u8>>,
}

impl DataSet {
    fn good() -> Self {
        let snapshot = fixture("val_good_snapshot.json");
        let mut corrected = fixture_json("val_good_snapshot.json");
        corrected["schools"][3]["stages"]["junior"]["teachers"]["full_time"] = json!(17);
        corrected["meta"]["notes"] = json!(["更正：初中专任教师数录入错误"]);
        let files = BTreeMap::from([
            ("530426/2024-2025.json".to_string(), snapshot),
            ("530426/2024-2025-r1.json".to_string(), pretty(&corrected)),
            ("530426/boundaries.geojson".to_string(), fixture("val_good_boundaries.geojson")),
            ("530426/tiles.json".to_string(), fixture("val_good_tiles.json")),
        ]);
        let mut data = DataSet { manifest: fixture_json("val_good_manifest.json"), files };
        data.publish();
        data
    }

    /// Record every file's size and SHA-256 in the manifest.
    fn publish(&mut self) {
        for list in ["snapshots", "geometry"] {
            for entry in self.manifest["counties"][0][list].as_array_mut().unwrap() {
                let bytes = &self.files[entry["path"].as_str().unwrap()];
                entry["bytes"] = json!(bytes.len());
                entry["sha256"] = json!(sha256_hex(bytes));
            }
        }
    }

    fn edit_file(&mut self, path: &str, edit: impl FnOnce(&mut Value)) {
        let mut value: Value = serde_json::from_slice(&self.files[path]).unwrap();
        edit(&mut value);
        self.files.insert(path.to_string(), pretty(&value));
    }

    fn check(&self) -> Vec<FileReport> {
        let manifest: Manifest = serde_json::from_value(self.manifest.clone()).unwrap();
        validate::check_data_set(&manifest, &|path| {
            self.files.get(path).cloned().ok_or_else(|| format!("no such file: {path}"))
        })
    }
}

#[track_caller]
fn report_of<'a>(reports: &'a [FileReport], file: &str) -> &'a FileReport {
    reports.iter().find(|r| r.file == file).unwrap_or_else(|| panic!("no report for {file}"))
}

#[test]
fn a_good_data_set_has_no_issues() {
    let reports = DataSet::good().check();
    let files: Vec<&str> = reports.iter().map(|r| r.file.as_str()).collect();
    assert_eq!(
        files,
        [
            "manifest.json",
            "530426/2024-2025.json",
            "530426/2024-2025-r1.json",
            "530426/boundaries.geojson",
            "530426/tiles.json"
        ]
    );
    for report in &reports {
        assert_clean(report);
    }
}

#[test]
fn rule_file_missing() {
    let mut data = DataSet::good();
    data.files.remove("530426/tiles.json");
    let reports = data.check();
    issue(report_of(&reports, "530426/tiles.json"), rules::FILE_MISSING, "");
}

#[test]
fn rule_file_too_large_by_declared_size_is_not_read() {
    // A manifest that claims a 1 GB snapshot: refused by its size, never read into memory.
    let mut data = DataSet::good();
    data.manifest["counties"][0]["snapshots"][0]["bytes"] = json!(1u64 << 30);
    let manifest: Manifest = serde_json::from_value(data.manifest.clone()).unwrap();
    let reads = Cell::new(Vec::new());
    let reports = validate::check_data_set(&manifest, &|path| {
        let mut seen = reads.take();
        seen.push(path.to_string());
        reads.set(seen);
        data.files.get(path).cloned().ok_or_else(|| "missing".to_string())
    });
    issue(report_of(&reports, "530426/2024-2025.json"), rules::FILE_TOO_LARGE, "");
    assert!(!reads.take().contains(&"530426/2024-2025.json".to_string()));
}

#[test]
fn rule_size_mismatch_and_rule_hash_mismatch() {
    // Changed bytes under a published id: the manifest still records the old size and hash.
    let mut data = DataSet::good();
    data.edit_file("530426/2024-2025.json", |v| {
        v["schools"][2]["stages"]["primary"]["students"] = json!(621)
    });
    let reports = data.check();
    let report = report_of(&reports, "530426/2024-2025.json");
    issue(report, rules::HASH_MISMATCH, "");
    issue(report, rules::SIZE_MISMATCH, "");
}

#[test]
fn rule_hash_mismatch_with_the_same_size() {
    // Row 1 → row 2: the same number of bytes, a different hash.
    let mut data = DataSet::good();
    let path = "530426/tiles.json";
    let text = String::from_utf8(data.files[path].clone()).unwrap().replace("\"row\": 1", "\"row\": 2");
    data.files.insert(path.to_string(), text.into_bytes());
    let reports = data.check();
    let report = report_of(&reports, path);
    issue(report, rules::HASH_MISMATCH, "");
    assert_no(report, rules::SIZE_MISMATCH);
}

#[test]
fn rule_meta_mismatch() {
    let mut data = DataSet::good();
    data.edit_file("530426/2024-2025.json", |v| {
        v["meta"]["as_of"] = json!("2024-10-15");
        v["meta"]["sample"] = json!(false);
    });
    data.publish();
    let reports = data.check();
    let report = report_of(&reports, "530426/2024-2025.json");
    issue(report, rules::META_MISMATCH, "meta.as_of");
    issue(report, rules::META_MISMATCH, "meta.sample");
}

#[test]
fn rule_county_mismatch() {
    let mut data = DataSet::good();
    data.edit_file("530426/tiles.json", |v| {
        v["county_code"] = json!("520122");
        v["tiles"] = json!([]);
    });
    data.publish();
    let reports = data.check();
    issue(report_of(&reports, "530426/tiles.json"), rules::COUNTY_MISMATCH, "county_code");
}

#[test]
fn rule_township_without_geometry() {
    let mut data = DataSet::good();
    data.edit_file("530426/boundaries.geojson", |v| {
        v["features"].as_array_mut().unwrap().pop();
    });
    data.publish();
    let reports = data.check();
    let found =
        issue(report_of(&reports, "530426/boundaries.geojson"), rules::TOWNSHIP_WITHOUT_GEOMETRY, "features");
    assert!(found.message_zh.contains("化念镇（530426102）"), "{found}");
}

#[test]
fn rule_geometry_unknown_township() {
    let mut data = DataSet::good();
    data.edit_file("530426/tiles.json", |v| {
        v["tiles"].as_array_mut().unwrap().push(json!({ "code": "530426200", "row": 2, "col": 0 }));
    });
    data.publish();
    let reports = data.check();
    issue(report_of(&reports, "530426/tiles.json"), rules::GEOMETRY_UNKNOWN_TOWNSHIP, "tiles[2].code");
}

#[test]
fn an_unreadable_snapshot_does_not_make_its_townships_unknown_to_the_maps() {
    // The tile of 530426200 may belong to a township of the snapshot that cannot be read.
    let mut data = DataSet::good();
    data.edit_file("530426/tiles.json", |v| {
        v["tiles"].as_array_mut().unwrap().push(json!({ "code": "530426200", "row": 2, "col": 0 }));
    });
    data.files.insert("530426/2024-2025-r1.json".to_string(), b"{ broken".to_vec());
    data.publish();
    let reports = data.check();
    issue(report_of(&reports, "530426/2024-2025-r1.json"), rules::MALFORMED_JSON, "");
    assert_clean(report_of(&reports, "530426/tiles.json"));
}

#[test]
fn rule_no_geometry() {
    let mut data = DataSet::good();
    data.manifest["counties"][0]["geometry"] = json!([]);
    let reports = data.check();
    let found = issue(report_of(&reports, "manifest.json"), rules::NO_GEOMETRY, "counties[0].geometry");
    assert_eq!(found.severity, Severity::Warning);
}

#[test]
fn problems_inside_listed_files_are_reported_with_the_file() {
    let mut data = DataSet::good();
    data.edit_file("530426/2024-2025-r1.json", |v| v["schools"][0]["township"] = json!("530426999"));
    data.publish();
    let reports = data.check();
    issue(report_of(&reports, "530426/2024-2025-r1.json"), rules::UNKNOWN_TOWNSHIP, "schools[0].township");
    assert_clean(report_of(&reports, "530426/2024-2025.json"));
}

#[test]
fn manifest_rules_are_part_of_the_data_set_check() {
    let mut data = DataSet::good();
    data.manifest["counties"][0]["snapshots"][1]["revision_note"] = json!(" ");
    let reports = data.check();
    issue(
        report_of(&reports, "manifest.json"),
        rules::REVISION_NOTE_MISSING,
        "counties[0].snapshots[1].revision_note",
    );
}

// ---------------------------------------------------------------------------------------------
// The published sample data in public/data

/// Every file under public/data that the manifest lists is valid, and the set is consistent.
/// The sample generator (`crates/atlas-sample`) writes these files.
#[test]
fn sample_data_in_public_is_valid() {
    let root = repo_root().join("public/data");
    let manifest_path = root.join("manifest.json");
    let bytes = std::fs::read(&manifest_path).unwrap_or_else(|e| {
        panic!(
            "{} cannot be read ({e}); generate the sample data with `cargo run -p atlas-sample`",
            manifest_path.display()
        )
    });
    let (manifest, report) = validate::validate_manifest("manifest.json", &bytes);
    assert!(!report.has_errors(), "public/data/manifest.json:\n{}", listing(&report));
    let manifest = manifest.unwrap();
    let reports = validate::check_data_set(&manifest, &|path| {
        std::fs::read(root.join(path)).map_err(|e| format!("public/data/{path}: {e}"))
    });
    let errors: String =
        reports.iter().filter(|r| r.has_errors()).map(|r| format!("{}:\n{}", r.file, listing(r))).collect();
    assert!(errors.is_empty(), "the sample data has errors:\n{errors}");
    for county in &manifest.counties {
        for entry in &county.snapshots {
            let bytes = std::fs::read(root.join(&entry.path)).unwrap();
            let (snapshot, _) = validate::validate_snapshot(&entry.path, &bytes);
            assert!(snapshot.unwrap().meta.sample, "{} must be labelled sample: true", entry.path);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// JSON Schemas

#[cfg(feature = "schema")]
mod schemas {
    use super::*;
    use atlas_core::load::FileKind;
    use atlas_core::schema_gen::{schema_for, schema_text, SCHEMA_FILES};

    fn checked_in(name: &str) -> Value {
        let path = repo_root().join("schemas").join(name);
        let text = std::fs::read(&path).unwrap_or_else(|e| {
            panic!(
                "{} missing ({e}); run ATLAS_BLESS=1 cargo test -p atlas-core --features schema",
                path.display()
            )
        });
        serde_json::from_slice(&text).unwrap()
    }

    fn checked_in_validator(kind: FileKind) -> jsonschema::Validator {
        let name = SCHEMA_FILES.iter().find(|(k, _)| *k == kind).unwrap().1;
        jsonschema::validator_for(&checked_in(name)).unwrap()
    }

    #[track_caller]
    fn assert_valid(validator: &jsonschema::Validator, file: &str, instance: &Value) {
        let errors: Vec<String> =
            validator.iter_errors(instance).map(|e| format!("  {e} at {}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{file} does not match its schema:\n{}", errors.join("\n"));
    }

    #[test]
    fn checked_in_schemas_are_up_to_date() {
        let bless = std::env::var("ATLAS_BLESS").is_ok_and(|v| v == "1");
        for &(kind, name) in SCHEMA_FILES {
            let path = repo_root().join("schemas").join(name);
            let generated = schema_text(kind).unwrap();
            if bless {
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(&path, &generated).unwrap();
                continue;
            }
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            let same = serde_json::from_str::<Value>(&on_disk).ok()
                == serde_json::from_str::<Value>(&generated).ok();
            assert!(
                same,
                "schemas/{name} is stale: the Rust types changed. Regenerate with \
                 `ATLAS_BLESS=1 cargo test -p atlas-core --features schema` and check in the result"
            );
        }
    }

    #[test]
    fn generated_schemas_compile() {
        for &(kind, name) in SCHEMA_FILES {
            let schema = schema_for(kind).unwrap();
            assert!(jsonschema::validator_for(&schema).is_ok(), "{name} does not compile");
        }
    }

    #[test]
    fn good_fixtures_match_the_checked_in_schemas() {
        for (kind, file) in [
            (FileKind::Snapshot, "val_good_snapshot.json"),
            (FileKind::Manifest, "val_good_manifest.json"),
            (FileKind::BoundaryMap, "val_good_boundaries.geojson"),
            (FileKind::TileGrid, "val_good_tiles.json"),
        ] {
            assert_valid(&checked_in_validator(kind), file, &fixture_json(file));
        }
    }

    #[test]
    fn the_checked_in_snapshot_schema_refuses_a_bad_snapshot() {
        let mut bad = fixture_json("val_good_snapshot.json");
        bad["schools"][0]["stages"]["preschool"]["students"] = json!(-1);
        assert!(!checked_in_validator(FileKind::Snapshot).is_valid(&bad));
    }

    #[test]
    fn sample_data_in_public_matches_the_checked_in_schemas() {
        let root = repo_root().join("public/data");
        let manifest_path = root.join("manifest.json");
        let manifest_bytes = std::fs::read(&manifest_path).unwrap_or_else(|e| {
            panic!(
                "{} cannot be read ({e}); generate the sample data with `cargo run -p atlas-sample`",
                manifest_path.display()
            )
        });
        let manifest: Value = serde_json::from_slice(&manifest_bytes).unwrap();
        assert_valid(&checked_in_validator(FileKind::Manifest), "public/data/manifest.json", &manifest);
        let mut checked = 0;
        for county in manifest["counties"].as_array().unwrap() {
            let listed = county["snapshots"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| (FileKind::Snapshot, e))
                .chain(county["geometry"].as_array().into_iter().flatten().map(|e| {
                    let kind =
                        if e["kind"] == "geojson" { FileKind::BoundaryMap } else { FileKind::TileGrid };
                    (kind, e)
                }))
                .chain(county["plans"].as_array().into_iter().flatten().map(|e| (FileKind::Plan, e)));
            for (kind, entry) in listed {
                let path = entry["path"].as_str().unwrap();
                let bytes = std::fs::read(root.join(path)).unwrap_or_else(|e| {
                    panic!("public/data/manifest.json lists {path}, which cannot be read: {e}")
                });
                let value: Value = serde_json::from_slice(&bytes).unwrap();
                assert_valid(&checked_in_validator(kind), path, &value);
                checked += 1;
            }
        }
        for entry in manifest["reference_plans"].as_array().into_iter().flatten() {
            let path = entry["path"].as_str().unwrap();
            let value: Value = serde_json::from_slice(&std::fs::read(root.join(path)).unwrap()).unwrap();
            assert_valid(&checked_in_validator(FileKind::Plan), path, &value);
            checked += 1;
        }
        assert!(checked > 0, "public/data/manifest.json lists no files");
    }

    /// Every field of every schema has a row in the field tables of docs/data-format.md.
    #[test]
    fn the_format_document_describes_every_field() {
        let doc = std::fs::read_to_string(repo_root().join("docs/data-format.md")).unwrap();
        let mut missing = Vec::new();
        // Plan files are documented in docs/plan-format.md.
        for &(kind, name) in SCHEMA_FILES.iter().filter(|(kind, _)| *kind != FileKind::Plan) {
            let schema = schema_for(kind).unwrap();
            let mut objects = vec![&schema];
            objects.extend(schema["$defs"].as_object().into_iter().flat_map(|d| d.values()));
            for object in objects {
                for field in object["properties"].as_object().into_iter().flat_map(|p| p.keys()) {
                    // group_weights is keyed by respondent group, which has its own table.
                    if !doc.contains(&format!("| `{field}` |")) && field.is_ascii() {
                        missing.push(format!("{name}: {field}"));
                    }
                }
            }
        }
        assert!(missing.is_empty(), "docs/data-format.md has no table row for: {}", missing.join(", "));
    }
}

// ---------------------------------------------------------------------------------------------
// The format document

fn format_doc() -> String {
    let path = repo_root().join("docs/data-format.md");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Compare a generated section of docs/data-format.md (between `<!-- NAME:begin … -->` and
/// `<!-- NAME:end -->`) with what the code generates; `ATLAS_BLESS=1` rewrites it.
fn check_generated_section(name: &str, generated: &str) {
    let doc = format_doc();
    let begin = format!("<!-- {name}:begin");
    let end = format!("<!-- {name}:end -->");
    let start = doc.find(&begin).unwrap_or_else(|| panic!("docs/data-format.md has no {begin} marker"));
    let body_start = start + doc[start..].find("-->\n").unwrap() + "-->\n".len();
    let body_end = doc.find(&end).unwrap_or_else(|| panic!("docs/data-format.md has no {end} marker"));
    if std::env::var("ATLAS_BLESS").is_ok_and(|v| v == "1") {
        let updated = format!("{}{generated}{}", &doc[..body_start], &doc[body_end..]);
        std::fs::write(repo_root().join("docs/data-format.md"), updated).unwrap();
        return;
    }
    assert_eq!(
        &doc[body_start..body_end],
        generated,
        "the {name} table in docs/data-format.md is stale; regenerate with `ATLAS_BLESS=1 cargo test -p atlas-core`"
    );
}

/// One test for both tables, so that blessing does not write the file from two threads at once.
#[test]
fn the_generated_tables_in_the_format_document_are_up_to_date() {
    check_generated_section("rules", &rules::rules_markdown());
    check_generated_section("reported", &rules::reported_indicators_markdown());
}

#[test]
fn the_example_snapshot_in_the_format_document_is_valid() {
    let doc = format_doc();
    let marker = "<!-- example:snapshot -->";
    let after = doc.split_once(marker).expect("docs/data-format.md has no example:snapshot marker").1;
    let body = after.split_once("```json\n").unwrap().1.split_once("```").unwrap().0;
    let (snapshot, report) = validate::validate_snapshot("docs/data-format.md (example)", body.as_bytes());
    assert_clean(&report);
    let snapshot = snapshot.unwrap();
    assert!(snapshot.meta.sample);
}

#[test]
fn every_rule_has_a_test() {
    /// The test part of a source file that also holds the code.
    fn tests_of(source: &'static str) -> &'static str {
        source.split_once("#[cfg(test)]").map_or("", |(_, tests)| tests)
    }
    // The tests of validation, plans, import, publishing and signatures.
    let sources = [
        include_str!("validate.rs"),
        include_str!("plan_check.rs"),
        include_str!("plan_places.rs"),
        include_str!("publish_rules.rs"),
        tests_of(include_str!("../src/tables/csv_text.rs")),
        tests_of(include_str!("../src/tables/workbook.rs")),
        include_str!("../src/import/tests.rs"),
        tests_of(include_str!("../src/import/cells.rs")),
        tests_of(include_str!("../src/import/school_sheet.rs")),
        tests_of(include_str!("../src/import/finish.rs")),
        tests_of(include_str!("../src/import/run.rs")),
        tests_of(include_str!("../src/publish.rs")),
        tests_of(include_str!("../src/load.rs")),
        include_str!("../../atlas-cli/tests/cli.rs"),
        include_str!("../../atlas-cli/tests/hostile_folders.rs"),
        include_str!("../../atlas-cli/tests/signing.rs"),
        tests_of(include_str!("../src/signature.rs")),
    ];
    // Defensive branches no input reaches: a snapshot of plain numbers and strings always
    // serialises; every validator that returns no value has reported an error already.
    let unreachable = [rules::UNWRITABLE, rules::UNREADABLE];
    let untested: Vec<&str> = rules::RULES
        .iter()
        .filter(|r| !unreachable.contains(&r.id))
        .map(|r| r.id.as_str())
        .filter(|id| {
            let constant = format!("rules::{}", id.to_uppercase());
            // As a constant, a string, or as the CLI prints it: `error[unknown_value]`.
            let forms = [constant, format!("\"{id}\""), format!("[{id}]")];
            !sources.iter().any(|s| forms.iter().any(|form| s.contains(form.as_str())))
        })
        .collect();
    assert!(untested.is_empty(), "rules without a test: {untested:?}");
}
