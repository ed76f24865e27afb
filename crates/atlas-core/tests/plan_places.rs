//! Plan targets that name a place: a township (`township`), a school (`school`), or a school the
//! plan opens (`new_school`). The value followed is the place's own, and a new school counts as
//! built once a snapshot lists it. On `fixtures/schools_county.json` (as of 2024-09-30):
//!
//! Primary students / classes: 化念镇 530426104 has 化念镇中心小学 1250 / 28, 化念小学 1000 / 22,
//! 小河小学 700 / 16 and 石门教学点 30 / 3; the other townships 塔甸中心校 1300 / 29, 双江第二小学
//! 2600 / 52, 双江第三小学 625 / 15, 双江第四小学 600 / 14.
//!   化念小学 alone:   1000 ÷ 22 = 45.45 (above 45)
//!   化念镇:           2980 ÷ 69 = 43.19 (within 45)
//!   the county:       8105 ÷ 179 = 45.28 (above 45)

use atlas_core::load::{parse_plan, parse_snapshot};
use atlas_core::plan::{check_plan, track_plan, Plan, Status};
use atlas_core::snapshot::Snapshot;
use atlas_core::TownshipCode;

fn fixture() -> Snapshot {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schools_county.json");
    parse_snapshot("schools_county.json", &std::fs::read(path).unwrap()).unwrap()
}

/// A plan of 峨山 (530426) with these targets (JSON objects without the common fields).
fn plan(targets: &[&str]) -> Plan {
    let targets: Vec<String> = targets
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(r#"{{"id": "t{i}", "area": "义务教育", "commitment": "测试目标", "section": "一", {t}}}"#)
        })
        .collect();
    let text = format!(
        r#"{{"schema_version": 1, "meta": {{"id": "530426-2022-2024", "county_code": "530426",
        "county_name": "峨山彝族自治县", "title": "测试规划", "start_year": 2022, "end_year": 2024,
        "source": "测试", "sample": true, "wording_note": "测试"}}, "targets": [{}]}}"#,
        targets.join(",")
    );
    parse_plan("plan.json", text.as_bytes()).unwrap()
}

fn latest(plan: &Plan, snapshot: &Snapshot) -> Vec<(Option<f64>, Status)> {
    let tracking = track_plan(plan, &[snapshot]);
    tracking.targets.iter().map(|t| (t.values[0], t.latest.status)).collect()
}

#[test]
fn the_value_followed_is_the_named_places() {
    let at_most_45 = r#""indicator": "avg_class_size_primary", "goal": {"kind": "at_most", "value": 45.0}, "deadline": "2024""#;
    let plan = plan(&[
        &format!(r#"{at_most_45}, "school": "hn-p2", "township": "530426104""#),
        &format!(r#"{at_most_45}, "township": "530426104""#),
        at_most_45,
    ]);
    let got = latest(&plan, &fixture());
    let rounded: Vec<(f64, Status)> =
        got.iter().map(|(v, s)| ((v.unwrap() * 100.0).round() / 100.0, *s)).collect();
    // The 2024 deadline is reached by the 2024-09-30 snapshot: a value above 45 is missed.
    assert_eq!(rounded, [(45.45, Status::Missed), (43.19, Status::Achieved), (45.28, Status::Missed)]);
}

#[test]
fn a_new_school_is_built_once_a_snapshot_lists_it() {
    let opens = |school: &str, deadline: &str| {
        format!(
            r#""goal": {{"kind": "milestone"}}, "deadline": "{deadline}", "school": "{school}", "new_school": true"#
        )
    };
    let plan = plan(&[&opens("hn-p3", "2024"), &opens("hn-new", "2025"), &opens("hn-new", "2024")]);
    assert!(check_plan("plan.json", &plan).issues.is_empty(), "{:?}", check_plan("plan.json", &plan).issues);
    assert_eq!(
        latest(&plan, &fixture()),
        [
            // 小河小学 is listed with 700 students: built.
            (Some(1.0), Status::Achieved),
            // A school not listed yet, with the 2025 deadline ahead: on track; at the deadline: missed.
            (Some(0.0), Status::OnTrack),
            (Some(0.0), Status::Missed),
        ]
    );
}

#[test]
fn a_place_named_outside_the_county_or_a_new_school_that_is_not_a_milestone_is_refused() {
    let plan = plan(&[
        r#""goal": {"kind": "milestone"}, "deadline": "2024", "township": "520122101""#,
        r#""indicator": "students_primary", "goal": {"kind": "milestone"}, "deadline": "2024", "school": "x", "new_school": true"#,
        r#""goal": {"kind": "milestone"}, "deadline": "2024", "new_school": true"#,
    ]);
    let issues: Vec<(&str, String)> =
        check_plan("plan.json", &plan).issues.into_iter().map(|i| (i.rule.as_str(), i.path)).collect();
    assert_eq!(
        issues,
        [
            ("township_outside_county", "targets[0].township".to_string()),
            ("new_school_not_a_milestone", "targets[1].new_school".to_string()),
            ("new_school_not_a_milestone", "targets[2].new_school".to_string()),
        ]
    );
}

#[test]
fn a_page_finds_the_targets_about_its_place() {
    let plan = plan(&[
        r#""goal": {"kind": "milestone"}, "deadline": "2024", "school": "hn-p3", "new_school": true"#,
        r#""goal": {"kind": "milestone"}, "deadline": "2024", "township": "530426104""#,
        r#""goal": {"kind": "milestone"}, "deadline": "2024""#,
    ]);
    let huanian = TownshipCode::from("530426104");
    let tadian = TownshipCode::from("530426105");
    let schools_of_huanian = ["hn-p1", "hn-p2", "hn-p3"];
    let about = |code: &TownshipCode, schools: &[&str]| -> Vec<&str> {
        plan.targets.iter().filter(|t| t.names_township(code, schools)).map(|t| t.id.as_str()).collect()
    };
    // 化念镇's page lists the target naming it and the one naming a school in it.
    assert_eq!(about(&huanian, &schools_of_huanian), ["t0", "t1"]);
    assert!(about(&tadian, &["td-p1"]).is_empty());
    // The school's page lists only the target naming the school.
    let of_school: Vec<&str> =
        plan.targets.iter().filter(|t| t.names_school("hn-p3")).map(|t| t.id.as_str()).collect();
    assert_eq!(of_school, ["t0"]);
}
