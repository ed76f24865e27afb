//! Every target of the 峨山 plan (`public/data/plans/530426-2022-2024.json`) at each sample
//! snapshot of 峨山 (`public/data/530426/`, the snapshots in force per `manifest.json`, so the
//! 2023–2024 correction `-r1` replaces the original).
//!
//! The sample data is made up (示例数据) and produced by `atlas-sample`; if the generator changes
//! the figures, these statuses must be re-derived by hand, as below, not copied from the output.
//!
//! Hand check of the paths (rules in `docs/plan-format.md`): the 峨山 plan gives no baselines, so
//! each path starts at the first snapshot, 2021-09-30 = 2021 + 272/365 = 2021.745205, and ends
//! at the deadline 2024 = 2024-12-31 = 2024.997268 (3.252063 years). The 2022-09-30 snapshot is
//! 1.0 year along (0.307498 of the way), 2023-09-30 is 2.0 years (0.614994); the 2024-09-30
//! snapshot falls in the deadline year and is judged achieved or missed.

use atlas_core::load::{parse_manifest, parse_plan, parse_snapshot};
use atlas_core::plan::{plan_summary, track_plan, Plan, PlanTracking, Status};
use atlas_core::Snapshot;

fn data(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../../public/data/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn eshan() -> (Plan, PlanTracking) {
    let manifest = parse_manifest("manifest.json", &data("manifest.json")).unwrap();
    let county = manifest.county("530426").unwrap();
    let snapshots: Vec<Snapshot> = county
        .current_snapshots()
        .iter()
        .map(|entry| parse_snapshot(&entry.path, &data(&entry.path)).unwrap())
        .collect();
    let plan_path = "plans/530426-2022-2024.json";
    let plan = parse_plan(plan_path, &data(plan_path)).unwrap();
    let refs: Vec<&Snapshot> = snapshots.iter().collect();
    let tracking = track_plan(&plan, &refs);
    (plan, tracking)
}

fn values(tracking: &PlanTracking, id: &str) -> Vec<f64> {
    let t = tracking.targets.iter().find(|t| t.target_id == id).unwrap();
    t.values.iter().map(|v| v.unwrap()).collect()
}

fn expected(tracking: &PlanTracking, id: &str) -> Vec<f64> {
    let t = tracking.targets.iter().find(|t| t.target_id == id).unwrap();
    t.progress.iter().map(|p| p.expected.unwrap()).collect()
}

fn assert_close(got: &[f64], want: &[f64], tolerance: f64) {
    assert_eq!(got.len(), want.len());
    for (g, w) in got.iter().zip(want) {
        assert!((g - w).abs() < tolerance, "{got:?} vs {want:?}");
    }
}

#[test]
fn four_school_years_with_the_correction_in_force() {
    let (_, tracking) = eshan();
    let years: Vec<(&str, &str)> =
        tracking.snapshots.iter().map(|s| (s.school_year.as_str(), s.as_of.as_str())).collect();
    assert_eq!(
        years,
        [
            ("2021-2022", "2021-09-30"),
            ("2022-2023", "2022-09-30"),
            ("2023-2024", "2023-09-30"),
            ("2024-2025", "2024-09-30"),
        ]
    );
}

/// 毛入园率 89.60 → 91.80 → 93.91 → 95.61 against ≥95 by 2024. Path from 89.60:
/// 2022: 89.598 + 5.402 × 0.307498 = 91.259 (91.80 is above: on track);
/// 2023: 89.598 + 5.402 × 0.614994 = 92.920 (93.91 above: on track); 2024: 95.61 ≥ 95, achieved.
#[test]
fn preschool_gross_enrolment_reaches_95_in_2024() {
    let (_, t) = eshan();
    assert_close(&values(&t, "preschool_gross_95"), &[89.598, 91.800, 93.907, 95.609], 1e-3);
    assert_close(&expected(&t, "preschool_gross_95")[1..3], &[91.259, 92.920], 1e-3);
}

/// 巩固率 96.8 → 97.1 → 97.4 → 97.8 against ≥97.5 by 2024. Path from 96.8:
/// 2022: 96.8 + 0.7 × 0.307498 = 97.015 (97.1 above); 2023: 96.8 + 0.7 × 0.614994 = 97.230
/// (97.4 above); 2024: 97.8 ≥ 97.5, achieved.
#[test]
fn retention_reaches_97_5_in_2024() {
    let (_, t) = eshan();
    assert_close(&values(&t, "retention_97_5"), &[96.8, 97.1, 97.4, 97.8], 1e-9);
    assert_close(&expected(&t, "retention_97_5")[1..3], &[97.015, 97.230], 1e-3);
}

/// 高中阶段毛入学率 93.2 → 94.5 → 95.6 → 96.3 against ≥97: on the path until 2023
/// (2022: 93.2 + 3.8 × 0.307498 = 94.368; 2023: 93.2 + 3.8 × 0.614994 = 95.537), then short of 97
/// in the deadline year: missed.
#[test]
fn senior_gross_enrolment_misses_97() {
    let (_, t) = eshan();
    assert_close(&values(&t, "senior_gross_97"), &[93.2, 94.5, 95.6, 96.3], 1e-9);
    assert_close(&expected(&t, "senior_gross_97")[1..3], &[94.368, 95.537], 1e-3);
}

/// 残疾儿童少年入学率 95.1 → 95.8 → 96.6 → 97.2 against 100: 2022 path 95.1 + 4.9 × 0.307498
/// = 96.607 (95.8 is below: behind); 2023 path 98.113 (96.6 below: behind); 2024 missed.
#[test]
fn disabled_children_enrolment_falls_behind() {
    let (_, t) = eshan();
    assert_close(&values(&t, "disabled_children_all_enrolled"), &[95.1, 95.8, 96.6, 97.2], 1e-9);
    assert_close(&expected(&t, "disabled_children_all_enrolled")[1..3], &[96.607, 98.113], 1e-3);
}

/// Junior schools meeting the standard: 8 of 11 (72.73%), 8 of 11, 10 of 11 (90.91%), 10 of 11
/// against 100%. 2022 path 72.727 + 27.273 × 0.307498 = 81.114 (behind); 2023 path
/// 72.727 + 27.273 × 0.614994 = 89.500 (90.91 is above: on track); 2024 short of 100: missed.
#[test]
fn junior_schools_meeting_the_standard() {
    let (_, t) = eshan();
    assert_close(
        &values(&t, "schools_meeting_standard_junior"),
        &[800.0 / 11.0, 800.0 / 11.0, 1000.0 / 11.0, 1000.0 / 11.0],
        1e-9,
    );
    assert_close(&expected(&t, "schools_meeting_standard_junior")[1..3], &[81.114, 89.500], 1e-3);
}

#[test]
fn every_target_at_every_snapshot() {
    use Status::{
        Achieved as A, Behind as B, Missed as M, NotCheckable as C, NotYetMeasurable as N, OnTrack as O,
    };
    let all_achieved = [A, A, A, A];
    let no_indicator = [C, C, C, C];
    let no_data = [N, N, N, N];
    let expected: Vec<(&str, [Status; 4])> = vec![
        ("quality_first_tier", no_indicator),
        // The sample snapshots carry no 公办学位供给率.
        ("preschool_public_places_75", no_data),
        ("preschool_gross_95", [O, O, O, A]),
        // 86.0 → 90.0 → 93.0 → 95.2 against 95: paths 88.767 and 91.535 are passed each year.
        ("inclusive_coverage_95", [O, O, O, A]),
        ("county_kindergarten_expansion", no_indicator),
        // A new school (化念镇第二幼儿园, 530426-K17): not listed in 2021 and 2022 (0, deadline
        // 2024 still ahead: on track), listed with children from the 2023–2024 snapshot on.
        ("huanian_second_kindergarten", [O, O, A, A]),
        ("quality_balanced_county", no_data),
        ("retention_97_5", [O, O, O, A]),
        ("dropouts_zero", no_indicator),
        ("junior_quality_awards", no_indicator),
        ("senior_gross_97", [O, O, O, M]),
        ("gaokao_first_tier_rank", no_indicator),
        ("gaokao_undergraduate_rank", no_indicator),
        ("vocational_contract_30", no_indicator),
        ("budget_up_yearly", no_data),
        ("budget_per_student_up_yearly", no_data),
        ("special_fund_3000", no_indicator),
        ("annual_fund_300", no_indicator),
        ("three_major_projects", no_indicator),
        ("education_groups_3", no_indicator),
        ("mental_health_teachers", no_indicator),
        ("art_skills", no_indicator),
        ("security_guards_100", no_data),
        ("alarm_link_100", no_data),
        ("disabled_children_all_enrolled", [O, B, B, M]),
        // 2413 → 2806 元 (primary, line 2000) and 2978 → 3399 元 (junior, line 2500): above the
        // line from the first snapshot on.
        ("equipment_value_primary", all_achieved),
        ("equipment_value_junior", all_achieved),
        // 54.2% → 58.3% → 66.7% → 69.6% against 100%: paths 68.260 (2022) and 82.354 (2023).
        ("schools_meeting_standard_primary", [O, B, B, M]),
        ("schools_meeting_standard_junior", [O, B, O, M]),
        // Every 差异系数 stays under its line (0.50 primary, 0.45 junior) in every year; the
        // largest is multimedia classrooms in primary, 0.399 in 2021.
        ("cv_degree_teachers_primary", all_achieved),
        ("cv_backbone_teachers_primary", all_achieved),
        ("cv_pe_art_teachers_primary", all_achieved),
        ("cv_floor_area_primary", all_achieved),
        ("cv_sports_area_primary", all_achieved),
        ("cv_equipment_value_primary", all_achieved),
        ("cv_multimedia_classrooms_primary", all_achieved),
        ("cv_degree_teachers_junior", all_achieved),
        ("cv_backbone_teachers_junior", all_achieved),
        ("cv_pe_art_teachers_junior", all_achieved),
        ("cv_floor_area_junior", all_achieved),
        ("cv_sports_area_junior", all_achieved),
        ("cv_equipment_value_junior", all_achieved),
        ("cv_multimedia_classrooms_junior", all_achieved),
        // 社会认可度 89.9 → 90.6 → 91.0 → 91.5, above 85 throughout.
        ("social_recognition_85", all_achieved),
        ("projects_11", no_indicator),
        ("floor_area_35648", no_indicator),
        ("projects_2022", no_indicator),
        ("floor_area_2022", no_indicator),
        ("projects_2023", no_indicator),
        ("floor_area_2023", no_indicator),
        ("projects_2024", no_indicator),
        ("floor_area_2024", no_indicator),
        ("computer_rooms_2022", no_indicator),
        ("touch_screens_270", no_indicator),
        ("smart_classrooms_18", no_data),
        ("interactive_classrooms_49", no_indicator),
        ("ai_coding_rooms_9", no_indicator),
        ("teacher_pay_parity", no_data),
        ("research_training_yearly", no_indicator),
        ("holiday_training_yearly", no_indicator),
        ("lesson_research_monthly", no_indicator),
        ("annual_education_conference", no_indicator),
        ("leading_group_monthly_meeting", no_indicator),
    ];
    let (plan, tracking) = eshan();
    let ids: Vec<&str> = plan.targets.iter().map(|t| t.id.as_str()).collect();
    let expected_ids: Vec<&str> = expected.iter().map(|(id, _)| *id).collect();
    assert_eq!(ids, expected_ids, "every target of the plan is listed, in order");
    for (target, (id, want)) in tracking.targets.iter().zip(&expected) {
        let got: Vec<Status> = target.progress.iter().map(|p| p.status).collect();
        assert_eq!(got, want, "{id}");
        assert_eq!(target.latest.status, want[3], "{id}");
    }
}

#[test]
fn inclusive_coverage_and_primary_standard_paths() {
    let (_, t) = eshan();
    assert_close(&values(&t, "inclusive_coverage_95"), &[85.999, 90.0, 93.016, 95.182], 1e-3);
    assert_close(&expected(&t, "inclusive_coverage_95")[1..3], &[88.767, 91.535], 1e-3);
    assert_close(&values(&t, "schools_meeting_standard_primary"), &[54.167, 58.333, 66.667, 69.565], 1e-3);
    assert_close(&expected(&t, "schools_meeting_standard_primary")[1..3], &[68.260, 82.354], 1e-3);
}

/// The county summary on everything published (the 2024–2025 snapshot and before).
#[test]
fn summary_in_2024_2025() {
    let (plan, tracking) = eshan();
    let summary = plan_summary(&plan, &tracking.latest_statuses());
    let c = summary.counts;
    // 63 targets: 30 with no indicator or a rank (not checkable), 33 measurable.
    assert_eq!((c.total(), c.measurable(), c.not_checkable), (63, 33, 30));
    // Achieved: 毛入园率, 普惠覆盖率, 巩固率, 2 设备值, 14 差异系数, 社会认可度, and the new
    // 化念镇第二幼儿园 = 21.
    // Missed: 高中毛入学率, 残疾儿童入学率, 小学和初中达标学校占比 = 4.
    // No data yet: 公办学位供给率, 优质均衡认定, 2 教育支出, 保安, 联网, 智慧教室, 教师工资 = 8.
    assert_eq!((c.achieved, c.on_track, c.behind, c.missed, c.not_yet_measurable), (21, 0, 0, 4, 8));
    assert_eq!(summary.text_en(), "21 of 33 measurable targets achieved, 4 missed, 8 without data yet");
}
