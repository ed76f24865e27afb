//! Hand-worked tests of every indicator formula.
//!
//! Most use `fixtures/ind_county.json`, a made-up county of two townships and nine schools whose
//! numbers were chosen so each formula can be worked on paper. The arithmetic is in the comments;
//! the formulas' sources are in the indicator table (`docs/indicators.md`):
//! 优质均衡 = 《县域义务教育优质均衡发展督导评估办法》(教督〔2017〕6号),
//! 普及普惠 = 《县域学前教育普及普惠督导评估办法》(教督〔2020〕1号).
//!
//! The fixture, school by school (students / classes / large classes / full-time teachers with
//! above-degree, backbone, PE-art and senior-title counts; facilities of the whole school):
//!
//! 甲镇 530426001 (3–5 population 500)
//!   k-a1  幼儿园 公办      preschool 210/7/0, teachers 15 (12, 2, 0, 1)
//!   k-a2  幼儿园 民办普惠  preschool 150/5/0, teachers 10 (6, 0, 0, 0)
//!   p-a1  小学 公办        preschool 40/1/0, teachers 2 (2, 0, 0, 0)
//!                          primary 500/12/2, teachers 26 (25, 6, 5, 3)
//!                          floor 3000 m² incl. indoor sports 300, ground 4020 m², equipment 1,350,000 元,
//!                          27 multimedia rooms, 16,200 books; 540 students
//!   n-a1  九年一贯制 公办  primary 300/6/0, teachers 14 (12, 3, 3, 1)
//!                          junior 200/5/0, teachers 18 (11, 2, 2, 3)
//!                          floor 2700 incl. indoor 200, ground 3800, equipment 1,100,000, 12 rooms,
//!                          12,500 books; 500 students
//!   s-a1  完全中学 公办    junior 400/10/1, teachers 30 (25, 7, 4, 6)
//!                          senior 600/10/7, teachers 50 (48, 10, 5, 21)
//!                          floor 6500 incl. indoor 500, ground 10,500, equipment 3,000,000, 25 rooms,
//!                          40,000 books; 1000 students
//!   v-a1  中职 公办        vocational 300/6/0, teachers 20 (18, 3, 2, 5)
//!   sp-a1 特殊教育 公办    special 40/4/0, teachers 10 (9, 1, 1, 1)
//! 乙乡 530426002 (3–5 population 80)
//!   k-b1  幼儿园 民办      preschool 100/3/0, teachers 5 (3, 0, 0, 0)
//!   p-b1  小学 公办        primary 200/7/0, teachers 10 (9, 1, 2, 1)
//!                          floor 1000 incl. indoor 100, ground 1300, equipment 360,000, 4 rooms,
//!                          4,000 books; 200 students

use atlas_core::codes::{CountyCode, Date, SchoolYear, TownshipCode};
use atlas_core::indicators::{
    self, compute, enrolment_weighted_cv, evaluate, find, school_standard_checks, Direction, IndicatorValues,
    Scope, Standing, UnitResource,
};
use atlas_core::snapshot::{
    Facilities, Meta, Ownership, Population, ReportLevel, ReportedValue, RespondentGroup, School, SchoolType,
    Snapshot, Stage, StageRecord, Stages, Survey, SurveyArea, SurveyResult, Teachers, Township, TownshipKind,
};

const A: &str = "530426001";
const B: &str = "530426002";

fn fixture() -> Snapshot {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/ind_county.json");
    let bytes = std::fs::read(path).unwrap();
    atlas_core::load::parse_snapshot("ind_county.json", &bytes).unwrap()
}

fn code(s: &str) -> TownshipCode {
    TownshipCode::from(s)
}

/// `actual` equals the hand-worked `expected` up to floating-point rounding.
#[track_caller]
fn assert_value(actual: Option<f64>, expected: f64) {
    let Some(actual) = actual else { panic!("expected {expected}, got no value") };
    let tolerance = 1e-9 * expected.abs().max(1.0);
    assert!((actual - expected).abs() <= tolerance, "expected {expected}, got {actual}");
}

/// `actual` rounds to the hand-worked `expected`, written with `decimals` decimals.
#[track_caller]
fn assert_rounded(actual: Option<f64>, expected: f64, decimals: i32) {
    let Some(actual) = actual else { panic!("expected {expected}, got no value") };
    let half_step = 0.5 * 10f64.powi(-decimals);
    assert!((actual - expected).abs() <= half_step, "expected ≈{expected}, got {actual}");
}

struct Values {
    values: IndicatorValues,
}

impl Values {
    fn of(snapshot: &Snapshot) -> Values {
        Values { values: compute(snapshot) }
    }
    fn county(&self, id: &str) -> Option<f64> {
        self.values.county(id)
    }
    fn township(&self, id: &str, township: &str) -> Option<f64> {
        self.values.township(id, &code(township))
    }
    fn school(&self, id: &str, school: &str) -> Option<f64> {
        self.values.school(id, school)
    }
}

// ── Enrolment ─────────────────────────────────────────────────────────────────────────────

#[test]
fn students_by_stage_add_up_by_school_township_and_county() {
    let v = Values::of(&fixture());
    // preschool 210 + 150 + 40 (p-a1's attached class) + 100 = 500
    assert_value(v.county("students_preschool"), 500.0);
    // primary 500 + 300 + 200 = 1000; junior 200 + 400 = 600; senior 600; vocational 300; special 40
    assert_value(v.county("students_primary"), 1000.0);
    assert_value(v.county("students_junior"), 600.0);
    assert_value(v.county("students_senior"), 600.0);
    assert_value(v.county("students_vocational"), 300.0);
    assert_value(v.county("students_special"), 40.0);
    // 500 + 1000 + 600 + 600 + 300 + 40 = 3040
    assert_value(v.county("students_total"), 3040.0);

    // 甲镇: 400 preschool + 800 primary + 600 + 600 + 300 + 40 = 2740; 乙乡: 100 + 200 = 300
    assert_value(v.township("students_total", A), 2740.0);
    assert_value(v.township("students_total", B), 300.0);
    assert_value(v.township("students_primary", A), 800.0);
    // 乙乡 has no junior school: a count of 0, not a missing value.
    assert_value(v.township("students_junior", B), 0.0);

    // n-a1: 300 + 200 = 500
    assert_value(v.school("students_total", "n-a1"), 500.0);
    assert_value(v.school("students_junior", "n-a1"), 200.0);
    // A kindergarten has no primary stage: no value rather than 0.
    assert_eq!(v.school("students_primary", "k-a1"), None);
}

#[test]
fn schools_and_teachers_are_counted() {
    let v = Values::of(&fixture());
    // 7 records in 甲镇, 2 in 乙乡
    assert_value(v.county("schools_total"), 9.0);
    assert_value(v.township("schools_total", A), 7.0);
    assert_value(v.township("schools_total", B), 2.0);
    // schools_total has no school level.
    assert_eq!(v.school("schools_total", "p-a1"), None);

    // preschool 15 + 10 + 2 + 5 = 32, primary 26 + 14 + 10 = 50, junior 18 + 30 = 48,
    // senior 50, vocational 20, special 10: 210
    assert_value(v.county("teachers_total"), 210.0);
    // 乙乡: 5 + 10 = 15
    assert_value(v.township("teachers_total", B), 15.0);
    // p-a1: 2 preschool + 26 primary = 28
    assert_value(v.school("teachers_total", "p-a1"), 28.0);
}

#[test]
fn kindergarten_children_by_ownership() {
    let v = Values::of(&fixture());
    // 公办: k-a1 210 + p-a1's attached class 40 = 250; 民办普惠: k-a2 150; 民办: k-b1 100
    assert_value(v.county("kindergarten_children_public"), 250.0);
    assert_value(v.county("kindergarten_children_inclusive_private"), 150.0);
    assert_value(v.county("kindergarten_children_private"), 100.0);
    assert_value(v.township("kindergarten_children_private", A), 0.0);
    assert_value(v.township("kindergarten_children_private", B), 100.0);
    // A public kindergarten has 0 children in private kindergartens; a junior school has no
    // preschool stage and so no value.
    assert_value(v.school("kindergarten_children_public", "p-a1"), 40.0);
    assert_value(v.school("kindergarten_children_private", "k-a1"), 0.0);
    assert_eq!(v.school("kindergarten_children_public", "s-a1"), None);
}

#[test]
fn large_class_share_counts_primary_junior_and_senior_classes() {
    let v = Values::of(&fixture());
    // classes: primary 12 + 6 + 7 = 25, junior 5 + 10 = 15, senior 10 → 50;
    // large: 2 (p-a1) + 1 (s-a1 junior) + 7 (s-a1 senior) = 10 → 10 ÷ 50 × 100 = 20.0
    assert_value(v.county("large_class_share"), 20.0);
    // s-a1: (1 + 7) ÷ (10 + 10) × 100 = 40.0
    assert_value(v.school("large_class_share", "s-a1"), 40.0);
    // n-a1: 0 ÷ 11 = 0.0; 乙乡: 0 ÷ 7 = 0.0
    assert_value(v.school("large_class_share", "n-a1"), 0.0);
    assert_value(v.township("large_class_share", B), 0.0);
    // 甲镇: 10 ÷ (12 + 6 + 5 + 10 + 10 = 43) × 100 = 23.256
    assert_rounded(v.township("large_class_share", A), 23.256, 3);
    // A kindergarten has none of the three stages' classes: zero denominator.
    assert_eq!(v.school("large_class_share", "k-a1"), None);
    assert_eq!(find("large_class_share").unwrap().direction, Direction::LowerIsBetter);
}

#[test]
fn average_class_size_by_stage() {
    let v = Values::of(&fixture());
    // preschool 500 ÷ (7 + 5 + 1 + 3 = 16) = 31.25
    assert_value(v.county("avg_class_size_preschool"), 31.25);
    // primary 1000 ÷ 25 = 40; junior 600 ÷ 15 = 40; senior 600 ÷ 10 = 60
    assert_value(v.county("avg_class_size_primary"), 40.0);
    assert_value(v.county("avg_class_size_junior"), 40.0);
    assert_value(v.county("avg_class_size_senior"), 60.0);
    // n-a1 primary 300 ÷ 6 = 50; 乙乡 primary 200 ÷ 7 = 28.571
    assert_value(v.school("avg_class_size_primary", "n-a1"), 50.0);
    assert_rounded(v.township("avg_class_size_primary", B), 28.571, 3);
    assert_eq!(v.school("avg_class_size_senior", "n-a1"), None);
}

// ── Preschool (普及普惠) ───────────────────────────────────────────────────────────────────

#[test]
fn preschool_gross_enrolment_uses_the_3_to_5_population_and_may_exceed_100() {
    let v = Values::of(&fixture());
    // 甲镇: 400 ÷ 500 × 100 = 80.0 (below the line of 85)
    assert_value(v.township("preschool_gross_enrolment", A), 80.0);
    // 乙乡: 100 ÷ 80 × 100 = 125.0 — children from elsewhere attend here; accepted, and it meets.
    assert_value(v.township("preschool_gross_enrolment", B), 125.0);
    // county: 500 ÷ (500 + 80) × 100 = 86.207
    assert_rounded(v.county("preschool_gross_enrolment"), 86.207, 3);

    let def = find("preschool_gross_enrolment").unwrap();
    assert_eq!(evaluate(def, v.township("preschool_gross_enrolment", A)), Standing::Below);
    assert_eq!(evaluate(def, v.township("preschool_gross_enrolment", B)), Standing::Meets);
    assert_eq!(evaluate(def, v.county("preschool_gross_enrolment")), Standing::Meets);
    // Not a school-level indicator.
    assert_eq!(v.school("preschool_gross_enrolment", "k-a1"), None);
}

#[test]
fn preschool_gross_enrolment_is_empty_where_population_is_missing() {
    let mut snapshot = fixture();
    snapshot.townships[1].population = None;
    let v = Values::of(&snapshot);
    assert_value(v.township("preschool_gross_enrolment", A), 80.0);
    assert_eq!(v.township("preschool_gross_enrolment", B), None);
    // The county value would need every township's population: 500 ÷ 500 would overstate it.
    assert_eq!(v.county("preschool_gross_enrolment"), None);

    snapshot.townships[1].population = Some(Population { age_0_2: Some(70), ..Population::default() });
    assert_eq!(Values::of(&snapshot).township("preschool_gross_enrolment", B), None);
}

#[test]
fn inclusive_coverage_and_public_share_sit_exactly_on_their_lines() {
    let v = Values::of(&fixture());
    // (250 公办 + 150 民办普惠) ÷ 500 × 100 = 80.0: exactly the line ≥80, which meets.
    assert_value(v.county("inclusive_kindergarten_coverage"), 80.0);
    // 250 ÷ 500 × 100 = 50.0: exactly the line ≥50.
    assert_value(v.county("preschool_public_share"), 50.0);
    assert_eq!(evaluate(find("inclusive_kindergarten_coverage").unwrap(), Some(80.0)), Standing::Meets);
    assert_eq!(evaluate(find("preschool_public_share").unwrap(), Some(50.0)), Standing::Meets);
    // 甲镇: (250 + 150) ÷ 400 = 100.0 and 250 ÷ 400 = 62.5; 乙乡 has only a 民办 kindergarten: 0 and 0.
    assert_value(v.township("inclusive_kindergarten_coverage", A), 100.0);
    assert_value(v.township("preschool_public_share", A), 62.5);
    assert_value(v.township("inclusive_kindergarten_coverage", B), 0.0);
    assert_value(v.township("preschool_public_share", B), 0.0);
    assert_eq!(
        evaluate(
            find("inclusive_kindergarten_coverage").unwrap(),
            v.township("inclusive_kindergarten_coverage", B)
        ),
        Standing::Below
    );
}

// ── Teachers ──────────────────────────────────────────────────────────────────────────────

#[test]
fn students_per_teacher_by_stage() {
    let v = Values::of(&fixture());
    // preschool 500 ÷ 32 = 15.625; primary 1000 ÷ 50 = 20; junior 600 ÷ 48 = 12.5; senior 600 ÷ 50 = 12
    assert_value(v.county("student_teacher_ratio_preschool"), 15.625);
    assert_value(v.county("student_teacher_ratio_primary"), 20.0);
    assert_value(v.county("student_teacher_ratio_junior"), 12.5);
    assert_value(v.county("student_teacher_ratio_senior"), 12.0);
    // k-a1: 210 ÷ 15 = 14; 乙乡 primary: 200 ÷ 10 = 20
    assert_value(v.school("student_teacher_ratio_preschool", "k-a1"), 14.0);
    assert_value(v.township("student_teacher_ratio_primary", B), 20.0);
}

#[test]
fn teachers_per_100_students_primary() {
    let v = Values::of(&fixture());
    // above the required degree (专科+): (25 + 12 + 9) ÷ 1000 × 100 = 4.6 (line ≥4.2)
    assert_value(v.county("degree_teachers_per100_primary"), 4.6);
    // backbone: (6 + 3 + 1) ÷ 1000 × 100 = 1.0 (line ≥1)
    assert_value(v.county("backbone_teachers_per100_primary"), 1.0);
    // PE and art: (5 + 3 + 2) ÷ 1000 × 100 = 1.0 (line ≥0.9)
    assert_value(v.county("pe_art_teachers_per100_primary"), 1.0);
    // n-a1's primary unit: 12 ÷ 300 × 100 = 4.0, below 4.2
    assert_value(v.school("degree_teachers_per100_primary", "n-a1"), 4.0);
    // p-b1: 1 ÷ 200 × 100 = 0.5
    assert_value(v.school("backbone_teachers_per100_primary", "p-b1"), 0.5);
    // 4.0 misses the line of 4.2 but reaches 85% of it (3.57): near, the per-school rule's
    // tolerance for one of the seven resource indicators. p-b1's backbone 0.5 is under 85% of 1.
    let degree = find("degree_teachers_per100_primary").unwrap();
    assert_eq!(evaluate(degree, v.school("degree_teachers_per100_primary", "n-a1")), Standing::Near);
    let backbone = find("backbone_teachers_per100_primary").unwrap();
    assert_eq!(evaluate(backbone, v.school("backbone_teachers_per100_primary", "p-b1")), Standing::Below);
    assert_eq!(evaluate(degree, v.county("degree_teachers_per100_primary")), Standing::Meets);
}

#[test]
fn teachers_per_100_students_junior() {
    let v = Values::of(&fixture());
    // above the required degree (本科+): (11 + 25) ÷ 600 × 100 = 6.0 (line ≥5.3)
    assert_value(v.county("degree_teachers_per100_junior"), 6.0);
    // backbone: (2 + 7) ÷ 600 × 100 = 1.5
    assert_value(v.county("backbone_teachers_per100_junior"), 1.5);
    // PE and art: (2 + 4) ÷ 600 × 100 = 1.0
    assert_value(v.county("pe_art_teachers_per100_junior"), 1.0);
    // s-a1's junior unit: 25 ÷ 400 × 100 = 6.25; its senior teachers do not count
    assert_value(v.school("degree_teachers_per100_junior", "s-a1"), 6.25);
    // 乙乡 has no junior students: zero denominator.
    assert_eq!(v.township("degree_teachers_per100_junior", B), None);
}

#[test]
fn backbone_and_senior_title_shares_cover_all_stages() {
    let v = Values::of(&fixture());
    // backbone: preschool 2 + primary 10 + junior 9 + senior 10 + vocational 3 + special 1 = 35;
    // 35 ÷ 210 × 100 = 16.667
    assert_rounded(v.county("backbone_teacher_share"), 16.667, 3);
    // senior title: 1 + 5 + 9 + 21 + 5 + 1 = 42; 42 ÷ 210 × 100 = 20.0
    assert_value(v.county("senior_title_share"), 20.0);
    // s-a1: (7 + 10) ÷ 80 × 100 = 21.25 and (6 + 21) ÷ 80 × 100 = 33.75
    assert_value(v.school("backbone_teacher_share", "s-a1"), 21.25);
    assert_value(v.school("senior_title_share", "s-a1"), 33.75);
}

// ── Facilities, with apportioning of schools spanning stages ──────────────────────────────

#[test]
fn nine_year_school_facilities_are_apportioned_by_students() {
    let v = Values::of(&fixture());
    // n-a1: 500 students, 300 primary (60%) and 200 junior (40%).
    // floor without sports: 2700 − 200 = 2500 → primary 1500 m², junior 1000 m²: 5.0 m² each.
    assert_value(v.school("floor_area_per_student_primary", "n-a1"), 5.0);
    assert_value(v.school("floor_area_per_student_junior", "n-a1"), 5.0);
    // sports: 3800 + 200 = 4000 → 2400 and 1600: 8.0 each
    assert_value(v.school("sports_area_per_student_primary", "n-a1"), 8.0);
    assert_value(v.school("sports_area_per_student_junior", "n-a1"), 8.0);
    // equipment: 1,100,000 → 660,000 and 440,000: 2200 元 each
    assert_value(v.school("equipment_value_per_student_junior", "n-a1"), 2200.0);
    // multimedia: 12 rooms → 7.2 and 4.8: 7.2 ÷ 300 × 100 = 2.4 per 100 students
    assert_value(v.school("multimedia_classrooms_per100_primary", "n-a1"), 2.4);
    assert_value(v.school("multimedia_classrooms_per100_junior", "n-a1"), 2.4);
    // books: 12,500 → 7500 and 5000: 25 each
    assert_value(v.school("books_per_student_primary", "n-a1"), 25.0);
    // The same per-student figure meets the primary line (4.5) and misses the junior one (5.8),
    // though within 85% of it (4.93): near.
    let primary = find("floor_area_per_student_primary").unwrap();
    let junior = find("floor_area_per_student_junior").unwrap();
    assert_eq!(evaluate(primary, v.school("floor_area_per_student_primary", "n-a1")), Standing::Meets);
    assert_eq!(evaluate(junior, v.school("floor_area_per_student_junior", "n-a1")), Standing::Near);
}

#[test]
fn an_attached_preschool_class_takes_its_share_of_a_primary_school() {
    let v = Values::of(&fixture());
    // p-a1: 540 students, 500 primary. Floor without sports 3000 − 300 = 2700 → primary
    // 2700 × 500 ÷ 540 = 2500 m² → 5.0 m²/student; the preschool class keeps 200 m².
    assert_value(v.school("floor_area_per_student_primary", "p-a1"), 5.0);
    // multimedia: 27 × 500 ÷ 540 = 25 rooms → 25 ÷ 500 × 100 = 5.0
    assert_value(v.school("multimedia_classrooms_per100_primary", "p-a1"), 5.0);
    // equipment 1,350,000 × 500 ÷ 540 = 1,250,000 → 2500 元
    assert_value(v.school("equipment_value_per_student_primary", "p-a1"), 2500.0);
}

#[test]
fn facility_indicators_primary_are_ratios_of_totals() {
    let v = Values::of(&fixture());
    // floor: (2500 p-a1 + 1500 n-a1 + 900 p-b1) ÷ 1000 = 4.9
    assert_value(v.county("floor_area_per_student_primary"), 4.9);
    // sports: (4000 + 2400 + 1400) ÷ 1000 = 7.8
    assert_value(v.county("sports_area_per_student_primary"), 7.8);
    // equipment: (1,250,000 + 660,000 + 360,000) ÷ 1000 = 2270
    assert_value(v.county("equipment_value_per_student_primary"), 2270.0);
    // multimedia: (25 + 7.2 + 4) ÷ 1000 × 100 = 3.62
    assert_value(v.county("multimedia_classrooms_per100_primary"), 3.62);
    // books: (15,000 + 7500 + 4000) ÷ 1000 = 26.5
    assert_value(v.county("books_per_student_primary"), 26.5);
    // p-b1 alone: floor 900 ÷ 200 = 4.5, exactly on the line
    assert_value(v.school("floor_area_per_student_primary", "p-b1"), 4.5);
    assert_eq!(
        evaluate(
            find("floor_area_per_student_primary").unwrap(),
            v.school("floor_area_per_student_primary", "p-b1")
        ),
        Standing::Meets
    );
    // Books have no line.
    assert_eq!(evaluate(find("books_per_student_primary").unwrap(), Some(26.5)), Standing::NoThreshold);
}

#[test]
fn facility_indicators_junior_are_ratios_of_totals() {
    let v = Values::of(&fixture());
    // floor: (1000 n-a1 + 6000 × 400 ÷ 1000 = 2400 s-a1) ÷ 600 = 5.667
    assert_rounded(v.county("floor_area_per_student_junior"), 5.667, 3);
    // sports: (1600 + 11,000 × 0.4 = 4400) ÷ 600 = 10.0
    assert_value(v.county("sports_area_per_student_junior"), 10.0);
    // equipment: (440,000 + 1,200,000) ÷ 600 = 2733.333
    assert_rounded(v.county("equipment_value_per_student_junior"), 2733.333, 3);
    // multimedia: (4.8 + 10) ÷ 600 × 100 = 2.467
    assert_rounded(v.county("multimedia_classrooms_per100_junior"), 2.467, 3);
    // books: (5000 + 16,000) ÷ 600 = 35
    assert_value(v.county("books_per_student_junior"), 35.0);
}

#[test]
fn township_values_are_ratios_of_totals_not_averages_of_schools() {
    let v = Values::of(&fixture());
    // 甲镇 primary: p-a1 (25 of 500) and n-a1 (12 of 300).
    // Ratio of totals: 37 ÷ 800 × 100 = 4.625. The average of the schools' ratios,
    // (5.0 + 4.0) ÷ 2 = 4.5, would be wrong.
    assert_value(v.township("degree_teachers_per100_primary", A), 4.625);
    // equipment: (1,250,000 + 660,000) ÷ 800 = 2387.5 (average of ratios would be 2350)
    assert_value(v.township("equipment_value_per_student_primary", A), 2387.5);
    // 乙乡 is p-b1 alone: 9 ÷ 200 × 100 = 4.5
    assert_value(v.township("degree_teachers_per100_primary", B), 4.5);
    // The county is the ratio of all totals, not an average of the townships (4.625 and 4.5).
    assert_value(v.county("degree_teachers_per100_primary"), 4.6);
    // Counts add up: 2740 + 300 = 3040.
    let townships: f64 = [A, B].iter().filter_map(|t| v.township("students_total", t)).sum();
    assert_value(v.county("students_total"), townships);
}

// ── Balance: enrolment-weighted 校际差异系数 ─────────────────────────────────────────────────

#[test]
fn balance_cv_of_each_resource_indicator() {
    let v = Values::of(&fixture());
    // Primary units and weights Pᵢ/P: p-a1 500 (0.5), n-a1 300 (0.3), p-b1 200 (0.2).
    // Junior units: n-a1 200 (1/3), s-a1 400 (2/3). CV = √Σ(Pᵢ/P)(Xᵢ − X̄)² ÷ X̄.
    let cases: [(&str, f64); 14] = [
        // X = 5.0, 4.0, 4.5; X̄ = 4.6; S² = .5×.16 + .3×.36 + .2×.01 = .19; √.19 ÷ 4.6 = 0.094759
        ("cv_degree_teachers_primary", 0.094759),
        // X = 1.2, 1.0, 0.5; X̄ = 1.0; S² = .5×.04 + 0 + .2×.25 = .07; √.07 = 0.264575
        ("cv_backbone_teachers_primary", 0.264575),
        // X = 1.0, 1.0, 1.0: every school alike
        ("cv_pe_art_teachers_primary", 0.0),
        // X = 5.0, 5.0, 4.5; X̄ = 4.9; S² = .5×.01 + .3×.01 + .2×.16 = .04; .2 ÷ 4.9 = 0.040816
        ("cv_floor_area_primary", 0.040816),
        // X = 8, 8, 7; X̄ = 7.8; S² = .5×.04 + .3×.04 + .2×.64 = .16; .4 ÷ 7.8 = 0.051282
        ("cv_sports_area_primary", 0.051282),
        // X = 2500, 2200, 1800; X̄ = 2270; S² = .5×52900 + .3×4900 + .2×220900 = 72100;
        // 268.514 ÷ 2270 = 0.118288
        ("cv_equipment_value_primary", 0.118288),
        // X = 5.0, 2.4, 2.0; X̄ = 3.62; S² = .5×1.9044 + .3×1.4884 + .2×2.6244 = 1.9236;
        // 1.386939 ÷ 3.62 = 0.383132
        ("cv_multimedia_classrooms_primary", 0.383132),
        // X = 5.5, 6.25; X̄ = 6.0; S² = ⅓×.25 + ⅔×.0625 = .125; .353553 ÷ 6 = 0.058926
        ("cv_degree_teachers_junior", 0.058926),
        // X = 1.0, 1.75; X̄ = 1.5; S² = .125; .353553 ÷ 1.5 = 0.235702
        ("cv_backbone_teachers_junior", 0.235702),
        // X = 1.0, 1.0
        ("cv_pe_art_teachers_junior", 0.0),
        // X = 5.0, 6.0; X̄ = 17/3; S² = ⅓×(2/3)² + ⅔×(1/3)² = 2/9; .471405 ÷ 5.666667 = 0.083189
        ("cv_floor_area_junior", 0.083189),
        // X = 8, 11; X̄ = 10; S² = ⅓×4 + ⅔×1 = 2; 1.414214 ÷ 10 = 0.141421
        ("cv_sports_area_junior", 0.141421),
        // X = 2200, 3000; X̄ = 2733.33; S² = ⅓×284444.4 + ⅔×71111.1 = 142222.2; 377.124 ÷ 2733.33 = 0.137972
        ("cv_equipment_value_junior", 0.137972),
        // X = 2.4, 2.5; X̄ = 2.466667; S² = ⅓×.004444 + ⅔×.001111 = .002222; .047140 ÷ 2.466667 = 0.019111
        ("cv_multimedia_classrooms_junior", 0.019111),
    ];
    for (id, expected) in cases {
        let value = v.county(id);
        assert!(
            value.is_some_and(|x| (x - expected).abs() <= 5e-7),
            "{id}: expected {expected}, got {value:?}"
        );
        assert_eq!(evaluate(find(id).unwrap(), value), Standing::Meets, "{id}");
        // County level only.
        assert_eq!(v.township(id, A), None, "{id}");
    }
}

/// Builds a snapshot of one township and the given schools, for the cases below.
fn county_of(schools: Vec<School>) -> Snapshot {
    Snapshot {
        schema_version: 1,
        meta: Meta {
            county_code: CountyCode("530426".into()),
            county_name: "示例县".into(),
            county_name_en: None,
            school_year: SchoolYear("2024-2025".into()),
            as_of: Date("2024-09-01".into()),
            publisher: "示例县教育局".into(),
            source: "测试".into(),
            license: "CC BY 4.0".into(),
            contact: "test@example.org".into(),
            sample: true,
            notes: vec![],
            survey_method: None,
        },
        townships: vec![Township {
            code: code(A),
            name: "甲镇".into(),
            name_en: None,
            kind: TownshipKind::Town,
            population: Some(Population { age_3_5: Some(100), ..Population::default() }),
        }],
        schools,
        reported: vec![],
        satisfaction: None,
    }
}

fn teachers(full_time: u32, above_degree: u32, backbone: u32, pe_art: u32) -> Teachers {
    Teachers { full_time, above_degree, backbone, pe_art, senior_title: 0 }
}

fn stage(students: u32, classes: u32, teachers: Teachers) -> Option<StageRecord> {
    Some(StageRecord { students, classes, large_classes: 0, teachers })
}

/// Facilities from the per-student figures of a school of `students`: floor area without the
/// indoor sports hall (which is 0 here), sports ground, equipment and multimedia rooms.
fn facilities(floor_m2: f64, ground_m2: f64, equipment_yuan: f64, multimedia: u32) -> Option<Facilities> {
    Some(Facilities {
        floor_area_m2: floor_m2,
        indoor_sports_area_m2: 0.0,
        sports_ground_area_m2: ground_m2,
        equipment_value_yuan: equipment_yuan,
        multimedia_classrooms: multimedia,
        books: 0,
    })
}

fn primary_school(id: &str, primary: Option<StageRecord>, facilities: Option<Facilities>) -> School {
    School {
        id: id.into(),
        name: format!("{id}小学"),
        name_en: None,
        township: code(A),
        kind: SchoolType::Primary,
        ownership: Ownership::Public,
        location: None,
        urban_rural: None,
        places: None,
        stages: Stages { primary, ..Stages::default() },
        facilities,
    }
}

#[test]
fn enrolment_weighting_turns_a_failing_cv_into_a_pass() {
    // Teachers above the required degree, three primary schools:
    //   big   800 students, 40 teachers → X = 5.0 per 100, weight 0.8
    //   small 100 students,  1 teacher  → X = 1.0,         weight 0.1
    //   far   100 students,  9 teachers → X = 9.0,         weight 0.1
    // X̄ = 50 ÷ 1000 × 100 = 5.0
    // weighted:   S² = 0.8×0 + 0.1×16 + 0.1×16 = 3.2; S = 1.788854; CV = 0.357771 ≤ 0.50 → meets
    // unweighted: mean 5.0; population S² = (0 + 16 + 16) ÷ 3 = 10.667; S = 3.265986;
    //             CV = 0.653197 > 0.50 → would fail
    let snapshot = county_of(vec![
        primary_school("big", stage(800, 20, teachers(45, 40, 8, 8)), facilities(4000.0, 6400.0, 2.0e6, 20)),
        primary_school("small", stage(100, 6, teachers(8, 1, 1, 1)), facilities(500.0, 800.0, 2.5e5, 3)),
        primary_school("far", stage(100, 6, teachers(10, 9, 1, 1)), facilities(500.0, 800.0, 2.5e5, 3)),
    ]);
    let v = Values::of(&snapshot);
    let weighted = v.county("cv_degree_teachers_primary");
    assert_rounded(weighted, 0.357771, 6);
    let def = find("cv_degree_teachers_primary").unwrap();
    assert_eq!(evaluate(def, weighted), Standing::Meets);

    // The same three schools counted alike, worked out here for contrast.
    let x = [5.0_f64, 1.0, 9.0];
    let mean = x.iter().sum::<f64>() / 3.0;
    let sd = (x.iter().map(|xi| (xi - mean).powi(2)).sum::<f64>() / 3.0).sqrt();
    let unweighted = sd / mean;
    assert_rounded(Some(unweighted), 0.653197, 6);
    assert_eq!(evaluate(def, Some(unweighted)), Standing::Below);

    // And through the public function, with the same units.
    let units = [
        UnitResource { amount: 40.0, students: 800 },
        UnitResource { amount: 1.0, students: 100 },
        UnitResource { amount: 9.0, students: 100 },
    ];
    assert_rounded(enrolment_weighted_cv(&units), 0.357771, 6);
}

// ── The per-school rule ───────────────────────────────────────────────────────────────────

/// A primary school of 100 students that meets all seven lines, except for the floor area and
/// sports ground given: degree 5 (line 4.2), backbone 1 (1), PE-art 1 (0.9) per 100 students;
/// equipment 2500 元 (2000), 3 multimedia rooms per 100 (2.3).
fn school_with_areas(id: &str, floor_m2: f64, ground_m2: f64) -> School {
    primary_school(id, stage(100, 4, teachers(6, 5, 1, 1)), facilities(floor_m2, ground_m2, 250_000.0, 3))
}

#[test]
fn per_school_rule_six_met_and_the_seventh_at_85_percent() {
    let snapshot = county_of(vec![
        // all seven met: floor 5.0 (≥4.5), sports 8.0 (≥7.5)
        school_with_areas("all-seven", 500.0, 800.0),
        // floor 3.9 = 86.7% of 4.5: six met, the seventh ≥85% → meets
        school_with_areas("near-miss", 390.0, 800.0),
        // floor 3.825 = exactly 85% of 4.5 → meets
        school_with_areas("at-85", 382.5, 800.0),
        // floor 3.6 = 80% of 4.5 → fails
        school_with_areas("at-80", 360.0, 800.0),
        // floor 4.0 (88.9%) and sports 7.0 (93.3%): only five met → fails however close
        school_with_areas("five-of-seven", 400.0, 700.0),
    ]);
    let checks = school_standard_checks(&snapshot);
    let verdicts: Vec<(&str, bool)> =
        checks.iter().map(|c| (c.school_id.as_str(), c.meets_standard)).collect();
    assert_eq!(
        verdicts,
        [
            ("all-seven", true),
            ("near-miss", true),
            ("at-85", true),
            ("at-80", false),
            ("five-of-seven", false)
        ]
    );

    let near_miss = &checks[1];
    assert_eq!(near_miss.stage, Stage::Primary);
    assert_eq!(near_miss.indicators.len(), 7);
    let floor =
        near_miss.indicators.iter().find(|c| c.indicator == "floor_area_per_student_primary").unwrap();
    assert_value(floor.value, 3.9);
    assert!(!floor.met && floor.reaches_85);
    let at_80 =
        checks[3].indicators.iter().find(|c| c.indicator == "floor_area_per_student_primary").unwrap();
    assert!(!at_80.met && !at_80.reaches_85);
    let five = &checks[4];
    assert_eq!(five.indicators.iter().filter(|c| c.met).count(), 5);
    assert!(five.indicators.iter().all(|c| c.reaches_85));

    // 3 of 5 schools meet: 60.0, against a line of 100.
    let v = Values::of(&snapshot);
    assert_value(v.county("schools_meeting_standard_share_primary"), 60.0);
    assert_value(v.township("schools_meeting_standard_share_primary", A), 60.0);
    let def = find("schools_meeting_standard_share_primary").unwrap();
    assert_eq!(evaluate(def, Some(60.0)), Standing::Below);
    assert_eq!(evaluate(def, Some(100.0)), Standing::Meets);
}

#[test]
fn per_school_rule_in_the_fixture() {
    let snapshot = fixture();
    let checks = school_standard_checks(&snapshot);
    let verdicts: Vec<(&str, Stage, bool)> =
        checks.iter().map(|c| (c.school_id.as_str(), c.stage, c.meets_standard)).collect();
    assert_eq!(
        verdicts,
        [
            // p-a1 primary: 5.0, 1.2, 1.0, 5.0 m², 8.0 m², 2500 元, 5.0 rooms — all seven
            ("p-a1", Stage::Primary, true),
            // n-a1 primary: degree 4.0 < 4.2 (95%), the other six met → meets
            ("n-a1", Stage::Primary, true),
            // n-a1 junior: floor 5.0 < 5.8, sports 8.0 < 10.2, equipment 2200 < 2500 → four met
            ("n-a1", Stage::Junior, false),
            // s-a1 junior: 6.25, 1.75, 1.0, 6.0 m², 11.0 m², 3000 元, 2.5 rooms — all seven
            ("s-a1", Stage::Junior, true),
            // p-b1: backbone 0.5, sports 7.0, equipment 1800, rooms 2.0 short → three met
            ("p-b1", Stage::Primary, false),
        ]
    );
    let v = Values::of(&snapshot);
    // primary: 2 of 3 → 66.667; junior: 1 of 2 → 50.0
    assert_rounded(v.county("schools_meeting_standard_share_primary"), 66.667, 3);
    assert_value(v.county("schools_meeting_standard_share_junior"), 50.0);
    // 甲镇 primary: p-a1 and n-a1 → 100.0; 乙乡: p-b1 → 0.0
    assert_value(v.township("schools_meeting_standard_share_primary", A), 100.0);
    assert_value(v.township("schools_meeting_standard_share_primary", B), 0.0);
    // 乙乡 has no junior school: no value.
    assert_eq!(v.township("schools_meeting_standard_share_junior", B), None);
}

// ── Zero denominators and missing inputs ─────────────────────────────────────────────────

#[test]
fn zero_denominators_give_no_value() {
    let mut snapshot = county_of(vec![
        // A primary school in its last year: a stage record with no students, no classes, no
        // teachers, and facilities that now serve no one.
        primary_school("closing", stage(0, 0, teachers(0, 0, 0, 0)), facilities(500.0, 800.0, 2.5e5, 3)),
    ]);
    snapshot.townships.push(Township {
        code: code(B),
        name: "乙乡".into(),
        name_en: None,
        kind: TownshipKind::Township,
        population: Some(Population { age_3_5: Some(0), ..Population::default() }),
    });
    let v = Values::of(&snapshot);

    // Counts are 0, not missing.
    assert_value(v.county("students_primary"), 0.0);
    assert_value(v.school("students_primary", "closing"), 0.0);
    assert_value(v.township("schools_total", B), 0.0);
    assert_value(v.township("students_total", B), 0.0);
    // Ratios with a zero denominator are missing.
    for id in [
        "avg_class_size_primary",
        "student_teacher_ratio_primary",
        "degree_teachers_per100_primary",
        "floor_area_per_student_primary",
        "books_per_student_primary",
        "large_class_share",
        "backbone_teacher_share",
        "senior_title_share",
    ] {
        assert_eq!(v.school(id, "closing"), None, "{id}");
        assert_eq!(v.county(id), None, "{id}");
    }
    for id in ["inclusive_kindergarten_coverage", "preschool_public_share", "cv_floor_area_primary"] {
        assert_eq!(v.county(id), None, "{id}");
    }
    // 3–5 population of 0 in 乙乡: no gross rate there.
    assert_eq!(v.township("preschool_gross_enrolment", B), None);
    // No unit with students: no per-school checks and no share of schools meeting the standard.
    assert!(school_standard_checks(&snapshot).is_empty());
    assert_eq!(v.county("schools_meeting_standard_share_primary"), None);
}

#[test]
fn a_school_without_facilities_has_no_facility_values() {
    let snapshot = county_of(vec![
        school_with_areas("complete", 500.0, 800.0),
        primary_school("no-facilities", stage(100, 4, teachers(6, 5, 1, 1)), None),
    ]);
    let v = Values::of(&snapshot);
    // Teachers are known: (5 + 5) ÷ 200 × 100 = 5.0
    assert_value(v.county("degree_teachers_per100_primary"), 5.0);
    // Facilities are unknown, not zero: no school, county or balance value.
    assert_eq!(v.school("floor_area_per_student_primary", "no-facilities"), None);
    assert_eq!(v.county("floor_area_per_student_primary"), None);
    assert_eq!(v.county("cv_floor_area_primary"), None);
    assert_value(v.school("floor_area_per_student_primary", "complete"), 5.0);
    let checks = school_standard_checks(&snapshot);
    assert!(checks[0].meets_standard);
    assert!(!checks[1].meets_standard);
}

// ── Reported values ───────────────────────────────────────────────────────────────────────

#[test]
fn reported_values_come_from_the_snapshot_rows() {
    let v = Values::of(&fixture());
    // 巩固率 over 100 is a gross rate and is kept as reported.
    assert_value(v.county("compulsory_retention_rate"), 101.72);
    assert_value(v.county("senior_gross_enrolment"), 95.94);
    assert_value(v.county("disabled_children_enrolment"), 96.65);
    assert_value(v.county("myopia_rate"), 48.5);
    assert_value(v.county("undergraduate_admission_rate"), 41.2);
    // A township row gives that township's value; other townships have none (never the
    // county's), and the county keeps its own row.
    assert_value(v.county("physical_health_pass_rate"), 92.3);
    assert_value(v.township("physical_health_pass_rate", B), 88.0);
    assert_eq!(v.township("physical_health_pass_rate", A), None);
    assert_eq!(v.school("physical_health_pass_rate", "p-a1"), None);
    assert_eq!(find("myopia_rate").unwrap().direction, Direction::LowerIsBetter);
    assert_eq!(
        evaluate(find("compulsory_retention_rate").unwrap(), v.county("compulsory_retention_rate")),
        Standing::NoThreshold
    );
}

#[test]
fn reported_rows_absent_repeated_or_unknown() {
    let mut snapshot = fixture();
    let row = |indicator: &str, value: f64| ReportedValue {
        indicator: indicator.into(),
        value,
        unit: "%".into(),
        level: ReportLevel::County,
        township: None,
        source: "测试".into(),
        note: None,
    };
    // A repeated county row: the first one stays (validation reports the repeat).
    snapshot.reported.push(row("compulsory_retention_rate", 50.0));
    // An id that is not a reported indicator is not read into a computed indicator.
    snapshot.reported.push(row("students_total", 1.0));
    snapshot.reported.push(row("no_such_indicator", 1.0));
    let v = Values::of(&snapshot);
    assert_value(v.county("compulsory_retention_rate"), 101.72);
    assert_value(v.county("students_total"), 3040.0);

    snapshot.reported.clear();
    assert_eq!(Values::of(&snapshot).county("compulsory_retention_rate"), None);
}

// ── Survey ────────────────────────────────────────────────────────────────────────────────

#[test]
fn social_recognition_rate_comes_from_the_survey_statistics() {
    let row = |group, township: Option<&str>, respondents, satisfied| SurveyResult {
        group,
        area: SurveyArea::Equity,
        township: township.map(code),
        respondents: Some(respondents),
        satisfied: Some(satisfied),
        likert: None,
    };
    let mut snapshot = fixture();
    assert_eq!(Values::of(&snapshot).county("social_recognition_rate"), None);
    snapshot.satisfaction = Some(Survey {
        results: vec![
            row(RespondentGroup::Parents, None, 200, 180),
            row(RespondentGroup::Students, None, 100, 85),
            row(RespondentGroup::Parents, Some(A), 50, 40),
        ],
    });
    let v = Values::of(&snapshot);
    // County-wide rows, pooled by respondents (no stated weights): (180 + 85) ÷ 300 × 100 = 88.333
    assert_rounded(v.county("social_recognition_rate"), 88.333, 3);
    // 甲镇's own row: 40 ÷ 50 × 100 = 80.0, below the veto line of 85; 乙乡 was not surveyed.
    assert_value(v.township("social_recognition_rate", A), 80.0);
    assert_eq!(v.township("social_recognition_rate", B), None);
    let def = find("social_recognition_rate").unwrap();
    assert_eq!(evaluate(def, v.township("social_recognition_rate", A)), Standing::Below);
    assert_eq!(evaluate(def, v.county("social_recognition_rate")), Standing::Meets);
}

// ── The value lookup API ──────────────────────────────────────────────────────────────────

#[test]
fn get_reads_every_scope() {
    let snapshot = fixture();
    let values = compute(&snapshot);
    let a = code(A);
    assert_eq!(values.get("students_total", Scope::County), Some(3040.0));
    assert_eq!(values.get("students_total", Scope::Township(&a)), Some(2740.0));
    assert_eq!(values.get("students_total", Scope::School("n-a1")), Some(500.0));
    assert_eq!(values.get("students_total", Scope::School("no-such-school")), None);
    assert_eq!(values.get("students_total", Scope::Township(&code("530426999"))), None);
    assert_eq!(values.get("no_such_indicator", Scope::County), None);
    assert_eq!(indicators::county_value(&snapshot, "students_total"), Some(3040.0));
}

// ── docs/indicators.md ────────────────────────────────────────────────────────────────────

#[test]
fn docs_indicators_md_is_generated_from_the_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/indicators.md");
    let expected = indicators::docs_markdown();
    if std::env::var("ATLAS_BLESS").as_deref() == Ok("1") {
        std::fs::write(path, &expected).unwrap();
        return;
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "docs/indicators.md is stale; regenerate it with `ATLAS_BLESS=1 cargo test -p atlas-core --test indicators`"
    );
}

#[test]
fn docs_name_every_indicator_and_work_the_cv_example() {
    let doc = indicators::docs_markdown();
    for def in indicators::INDICATORS {
        assert!(doc.contains(&format!("`{}`", def.id)), "{} missing from the docs", def.id);
    }
    // The worked example: X̄ = 5.00, S = √3.20 = 1.789, CV = 0.358; unweighted 0.653.
    assert!(doc.contains("S = √3.20 = 1.789；CV = 1.789 ÷ 5.00 = 0.358"), "{doc}");
    assert!(doc.contains("CV = 0.653"));
}
