//! Plan files: reading (`load::parse_plan`) and validation (`plan::check_plan`), one rule at a
//! time, on the fixtures `tests/fixtures/plan_*.json`.

use atlas_core::load::parse_plan;
use atlas_core::plan::{check_plan, Goal, Plan};
use atlas_core::Severity;

fn fixture(name: &str) -> (String, Vec<u8>) {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    (name.to_string(), std::fs::read(path).unwrap())
}

fn minimal() -> Plan {
    let (name, bytes) = fixture("plan_minimal.json");
    parse_plan(&name, &bytes).unwrap()
}

/// (severity, rule, path) of every issue, in report order.
fn issues(plan: &Plan) -> Vec<(Severity, &'static str, String)> {
    check_plan("p.json", plan).issues.into_iter().map(|i| (i.severity, i.rule.as_str(), i.path)).collect()
}

#[test]
fn a_plan_with_every_kind_of_goal_is_clean() {
    let plan = minimal();
    let kinds: Vec<&str> = plan.targets.iter().map(|t| t.goal.kind()).collect();
    assert_eq!(
        kinds,
        [
            "at_least",
            "at_most",
            "maintain_at_least",
            "maintain_at_most",
            "yearly_change",
            "yearly_change",
            "ratio_at_most",
            "cumulative",
            "milestone",
            "rank",
            "placeholder"
        ]
    );
    assert_eq!(issues(&plan), []);
}

#[test]
fn every_problem_is_reported_with_its_field() {
    use Severity::{Error, Warning};
    let (name, bytes) = fixture("plan_problems.json");
    let plan = parse_plan(&name, &bytes).unwrap();
    let expected: Vec<(Severity, &str, &str)> = vec![
        (Error, "empty_field", "meta.title"),
        (Error, "bad_id", "meta.id"),
        (Error, "county_code_missing", "meta.county_code"),
        (Error, "bad_date", "meta.adopted"),
        (Error, "unknown_indicator", "targets[0].indicator"),
        (Error, "duplicate_target_id", "targets[1].id"),
        (Error, "missing_deadline", "targets[1].deadline"),
        (Warning, "deadline_outside_plan", "targets[2].deadline"),
        (Error, "placeholder_not_marked", "targets[3].goal.kind"),
        (Error, "placeholder_without_x", "targets[4].goal.written"),
        (Error, "not_a_number", "targets[5].goal.ratio"),
        (Error, "not_a_number", "targets[6].goal.per_year"),
        (Error, "relative_without_amount", "targets[7].goal.relative"),
        (Error, "baseline_not_before_deadline", "targets[8].baseline.date"),
        (Error, "bad_date", "targets[9].deadline"),
        (Error, "bad_date", "targets[9].goal.from"),
        (Error, "from_after_deadline", "targets[10].goal.from"),
        (Error, "bad_id", "targets[11].id"),
        (Error, "empty_field", "targets[11].commitment"),
        (Error, "empty_field", "targets[11].section"),
        (Warning, "unit_mismatch", "targets[12].unit"),
        (Warning, "goal_against_indicator_direction", "targets[13].goal.kind"),
        (Warning, "missing_unit", "targets[14].unit"),
        (Error, "not_a_number", "targets[15].goal.value"),
    ];
    let got = issues(&plan);
    let got: Vec<(Severity, &str, &str)> = got.iter().map(|(s, r, p)| (*s, *r, p.as_str())).collect();
    assert_eq!(got, expected);
}

#[test]
fn messages_are_in_chinese_and_english() {
    let (name, bytes) = fixture("plan_problems.json");
    let plan = parse_plan(&name, &bytes).unwrap();
    let report = check_plan(&name, &plan);
    let unknown = report.issues.iter().find(|i| i.rule == "unknown_indicator").unwrap();
    assert_eq!(unknown.message_zh, "指标表中没有指标 no_such_indicator");
    assert_eq!(unknown.message_en, "`no_such_indicator` is not in the indicator table");
    assert!(report.has_errors());
}

#[test]
fn plan_years_must_run_forwards() {
    let mut plan = minimal();
    plan.meta.start_year = 2025;
    assert!(issues(&plan).contains(&(Severity::Error, "bad_years", "meta.end_year".to_string())));
    plan.meta.start_year = 1900;
    assert!(issues(&plan).contains(&(Severity::Error, "bad_years", "meta.start_year".to_string())));
}

#[test]
fn a_template_has_neither_county_code_nor_name_and_a_county_both() {
    let mut plan = minimal();
    plan.meta.county_code = None;
    plan.meta.county_name = None;
    plan.meta.id = "template-2022-2024".into();
    assert_eq!(issues(&plan), []);
    let mut plan = minimal();
    plan.meta.county_name = None;
    assert_eq!(issues(&plan), [(Severity::Error, "county_name_missing", "meta.county_name".to_string())]);
    let mut plan = minimal();
    plan.meta.id = "xifeng-2022-2024".into();
    assert_eq!(issues(&plan), [(Severity::Warning, "plan_id_not_county", "meta.id".to_string())]);
}

#[test]
fn a_from_date_far_from_the_plan_years_is_a_warning() {
    // The minimal plan runs 2022–2024; counting from 2010 is a likely typo for 2020.
    let mut plan = minimal();
    let smart = plan.targets.iter_mut().find(|t| t.id == "smart_rooms").unwrap();
    smart.goal = Goal::Cumulative { value: 18.0, from: atlas_core::plan::PlanDate::year(2010) };
    assert_eq!(issues(&plan), [(Severity::Warning, "from_outside_plan", "targets[7].goal.from".to_string())]);
}

#[test]
fn a_year_from_counts_from_the_start_of_that_year() {
    // Counting from 2024 to a deadline in mid-2024 is fine: "2024" starts on 1 January.
    let mut plan = minimal();
    let smart = plan.targets.iter_mut().find(|t| t.id == "smart_rooms").unwrap();
    smart.goal = Goal::Cumulative { value: 18.0, from: atlas_core::plan::PlanDate::year(2024) };
    smart.deadline = Some(atlas_core::plan::PlanDate("2024-06-30".into()));
    assert_eq!(issues(&plan), []);
}

#[test]
fn an_unknown_field_is_refused_with_its_path() {
    let (name, bytes) = fixture("plan_unknown_field.json");
    let err = parse_plan(&name, &bytes).unwrap_err();
    assert_eq!(err.issue.rule, "wrong_shape");
    // The reader locates the problem from serde's line and column: the unknown key itself.
    assert_eq!(err.issue.path, "targets[0].goal.by");
    assert!(err.issue.message_en.contains("unknown field `by`"), "{err}");
}

#[test]
fn an_unknown_area_is_refused_with_its_path() {
    let (name, bytes) = fixture("plan_wrong_kind.json");
    let err = parse_plan(&name, &bytes).unwrap_err();
    assert_eq!(err.issue.rule, "wrong_shape");
    assert_eq!(err.issue.path, "targets[1].area");
    assert!(err.issue.message_en.contains("幼教"), "{err}");
}

#[test]
fn a_later_schema_version_is_refused() {
    let err = parse_plan("p.json", br#"{"schema_version": 2, "meta": {}, "targets": []}"#).unwrap_err();
    assert_eq!(err.issue.rule, "unknown_schema_version");
}

#[test]
fn published_form_round_trips() {
    let plan = minimal();
    let text = plan.to_published_json().unwrap();
    assert!(text.ends_with("}\n"));
    let again = parse_plan("p.json", text.as_bytes()).unwrap();
    assert_eq!(again, plan);
}

#[test]
fn an_unknown_goal_kind_names_the_goal() {
    let text = r#"{"schema_version": 1,
        "meta": {"id": "x", "title": "t", "start_year": 2022, "end_year": 2024, "source": "s", "wording_note": "w"},
        "targets": [{"id": "a", "area": "学前", "commitment": "c", "goal": {"kind": "about", "value": 1.0},
                     "deadline": "2024", "unit": "所", "section": "一"}]}"#;
    let err = parse_plan("p.json", text.as_bytes()).unwrap_err();
    assert_eq!(err.issue.path, "targets[0].goal.kind");
    assert!(err.issue.message_en.contains("unknown variant `about`"), "{err}");
}
