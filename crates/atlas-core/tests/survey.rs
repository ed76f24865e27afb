//! Survey statistics on whole snapshots: how county-wide and township rows relate, how groups
//! combine into the headline (default and stated weights), Likert rows, unusable rows, the
//! "weakest" lists and the trend. Wilson values are worked by hand in the comments with
//! z = 1.959964:  centre = (p + z²/2n)/(1 + z²/n),  half-width = z√(p(1−p)/n + z²/4n²)/(1 + z²/n)
//! (E. B. Wilson 1927); the method is `docs/survey-method.md`.

use atlas_core::snapshot::{RespondentGroup, SurveyArea};
use atlas_core::survey::{
    county_rate, summarise, township_rate, trend, LinePosition, Rate, RowProblem, WeightingSource,
};
use atlas_core::{Snapshot, TownshipCode};
use serde_json::{json, Value};

const SHUANGJIANG: &str = "530426001";
const HUANIAN: &str = "530426100";
const CHAHE: &str = "530426200";

/// A minimal 峨山 snapshot for `school_year` with the given survey rows and survey method.
fn snapshot(school_year: &str, results: Value, survey_method: Option<Value>) -> Snapshot {
    let mut meta = json!({
        "county_code": "530426",
        "county_name": "峨山彝族自治县",
        "school_year": school_year,
        "as_of": "2024-09-01",
        "publisher": "示例教育体育局",
        "source": "示例数据",
        "license": "CC BY 4.0",
        "contact": "示例",
        "sample": true
    });
    if let Some(method) = survey_method {
        meta["survey_method"] = method;
    }
    let value = json!({
        "schema_version": 1,
        "meta": meta,
        "townships": [
            { "code": SHUANGJIANG, "name": "双江街道", "kind": "街道" },
            { "code": HUANIAN, "name": "化念镇", "kind": "镇" },
            { "code": CHAHE, "name": "岔河乡", "kind": "乡" }
        ],
        "schools": [],
        "satisfaction": { "results": results }
    });
    serde_json::from_value(value).expect("test snapshot matches the format")
}

fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
    (actual - expected).abs() <= tolerance
}

fn assert_interval(rate: &Rate, lower: f64, upper: f64) {
    let (l, u) = rate.interval.expect("rate has an interval");
    assert!(
        close(l, lower, 0.00005) && close(u, upper, 0.00005),
        "interval {l} … {u}, expected {lower} … {upper}"
    );
}

#[test]
fn township_rows_are_a_breakdown_and_never_counted_into_the_county() {
    // County-wide: 家长 教育质量 170/200. Township breakdown of the same people: 双江 80/100 and
    // 化念 90/100. Counting both would give 340/400; the county figure must stay 170/200.
    let snap = snapshot(
        "2024-2025",
        json!([
            { "group": "家长", "area": "教育质量", "respondents": 200, "satisfied": 170 },
            { "group": "家长", "area": "教育质量", "township": SHUANGJIANG, "respondents": 100, "satisfied": 80 },
            { "group": "家长", "area": "教育质量", "township": HUANIAN, "respondents": 100, "satisfied": 90 }
        ]),
        None,
    );
    let summary = summarise(&snap).unwrap();
    assert_eq!(summary.overall, Rate::from_counts(170, 200));
    assert_eq!(summary.by_group.len(), 1);
    assert_eq!(summary.by_group[0].rate.respondents, 200.0);
    assert_eq!(summary.cells.len(), 1);
    assert_eq!(summary.cells[0].rate, Rate::from_counts(170, 200));
    assert_eq!(summary.totals.county_respondents, 200);
    assert_eq!(summary.totals.township_respondents, 200);
    assert_eq!(county_rate(&snap), Some(85.0));

    // Townships: 80/100 → 71.1171 … 86.6633 and 90/100 → 82.5634 … 94.4771, named from the list.
    assert_eq!(summary.by_township.len(), 2);
    assert_eq!(summary.by_township[0].name.as_deref(), Some("双江街道"));
    assert_eq!(summary.by_township[0].rate, Rate::from_counts(80, 100));
    assert_interval(&summary.by_township[0].rate, 71.1171, 86.6633);
    assert_interval(&summary.by_township[1].rate, 82.5634, 94.4771);
    assert_eq!(township_rate(&snap, &TownshipCode::from(HUANIAN)), Some(90.0));
    assert_eq!(township_rate(&snap, &TownshipCode::from(CHAHE)), None);
}

#[test]
fn a_survey_with_only_township_rows_has_no_county_figure() {
    let snap = snapshot(
        "2024-2025",
        json!([{ "group": "家长", "area": "教育质量", "township": HUANIAN, "respondents": 100, "satisfied": 90 }]),
        None,
    );
    let summary = summarise(&snap).unwrap();
    assert_eq!(summary.overall.share, None);
    assert!(summary.by_group.is_empty());
    assert_eq!(county_rate(&snap), None);
    assert_eq!(township_rate(&snap, &TownshipCode::from(HUANIAN)), Some(90.0));
}

#[test]
fn a_group_across_areas_pools_answers_but_counts_people_once() {
    // 家长 教育公平 160/200, 教育质量 170/200: the same 200 parents answered both.
    // Share = 330/400 = 82.5%. Interval at n = 200 people, not 400 answers:
    //   z²/n = 0.019207, centre = (0.825 + 0.009604)/1.019207 = 0.818875,
    //   half-width = 1.959964 × √(0.000721875 + 0.000024009)/1.019207 = 0.052520
    //   → 76.6356% … 87.1395%   (at n = 400 it would wrongly be 78.4721% … 85.9096%)
    let snap = snapshot(
        "2024-2025",
        json!([
            { "group": "家长", "area": "教育公平", "respondents": 200, "satisfied": 160 },
            { "group": "家长", "area": "教育质量", "respondents": 200, "satisfied": 170 }
        ]),
        None,
    );
    let summary = summarise(&snap).unwrap();
    let parents = &summary.by_group[0].rate;
    assert_eq!(parents.share, Some(82.5));
    assert_eq!(parents.respondents, 200.0);
    assert_interval(parents, 76.6356, 87.1395);
    assert_eq!(summary.totals.county_respondents, 200);
    assert_eq!(summary.totals.county_answers, 400);
    // The heatmap keeps each area's own counts.
    assert_eq!(summary.cells[0].area, SurveyArea::Equity);
    assert_eq!(summary.cells[0].rate, Rate::from_counts(160, 200));
}

fn parents_and_deputies(method: Option<Value>) -> Snapshot {
    snapshot(
        "2024-2025",
        json!([
            { "group": "家长", "area": "教育质量", "respondents": 200, "satisfied": 170 },
            { "group": "人大代表", "area": "教育质量", "respondents": 20, "satisfied": 12 }
        ]),
        method,
    )
}

#[test]
fn default_weighting_counts_every_respondent_once() {
    // (170 + 12)/(200 + 20) = 182/220 = 82.7273%, n = 220:
    //   z²/n = 0.017461, centre = (0.827273 + 0.008731)/1.017461 = 0.821656,
    //   half-width = 1.959964 × √(0.000649512 + 0.000019842)/1.017461 = 0.049838
    //   → 77.1819% … 87.1494%. Weights 200/220 = 0.9091 and 20/220 = 0.0909.
    let summary = summarise(&parents_and_deputies(None)).unwrap();
    assert_eq!(summary.weighting.source, WeightingSource::RespondentCounts);
    assert_eq!(summary.overall, Rate::from_counts(182, 220));
    assert_interval(&summary.overall, 77.1819, 87.1494);
    let weights: Vec<(RespondentGroup, f64)> =
        summary.weighting.groups.iter().map(|w| (w.group, w.weight)).collect();
    assert_eq!(weights.len(), 2);
    assert_eq!(weights[0].0, RespondentGroup::Parents);
    assert!(close(weights[0].1, 0.909091, 0.000001));
    assert!(close(weights[1].1, 0.090909, 0.000001));
}

#[test]
fn meta_weights_win_and_the_interval_uses_the_effective_sample_size() {
    // 家长 : 人大代表 = 3 : 1 → W = 0.75, 0.25.
    //   p = 0.75 × 0.85 + 0.25 × 0.60 = 0.7875 → 78.75%
    //   n_eff = 1/(0.75²/200 + 0.25²/20) = 1/(0.0028125 + 0.003125) = 168.4211 (Kish)
    //   Wilson at (0.7875, 168.4211): 71.9665% … 84.2512%
    let method = json!({ "notes": "分层抽样", "group_weights": { "家长": 3, "人大代表": 1 } });
    let summary = summarise(&parents_and_deputies(Some(method))).unwrap();
    assert_eq!(summary.weighting.source, WeightingSource::Meta);
    assert!(close(summary.overall.share.unwrap(), 78.75, 1e-9));
    assert!(close(summary.overall.respondents, 168.4211, 0.0001));
    assert_interval(&summary.overall, 71.9665, 84.2512);
    assert_eq!(summary.method_notes.as_deref(), Some("分层抽样"));
    // Actual head count is still 220.
    assert_eq!(summary.totals.county_respondents, 220);
}

#[test]
fn equal_meta_weights_show_why_they_are_not_the_default() {
    // 1 : 1 → p = 0.5 × 0.85 + 0.5 × 0.60 = 0.725; n_eff = 1/(0.25/200 + 0.25/20) = 72.7273.
    // The 20 deputies pull the headline down 10 points and the interval widens to
    // 61.3063% … 81.4360% (from 77.18 … 87.15 pooled).
    let method = json!({ "notes": "", "group_weights": { "家长": 1, "人大代表": 1 } });
    let summary = summarise(&parents_and_deputies(Some(method))).unwrap();
    assert!(close(summary.overall.share.unwrap(), 72.5, 1e-9));
    assert!(close(summary.overall.respondents, 72.7273, 0.0001));
    assert_interval(&summary.overall, 61.3063, 81.4360);
}

#[test]
fn unusable_meta_weights_fall_back_to_the_default() {
    let method = json!({ "notes": "", "group_weights": { "家长": -1, "人大代表": 1 } });
    let summary = summarise(&parents_and_deputies(Some(method))).unwrap();
    assert_eq!(summary.weighting.source, WeightingSource::RespondentCountsMetaUnusable);
    assert_eq!(summary.overall, Rate::from_counts(182, 220));
}

#[test]
fn too_few_groups_are_flagged_and_left_out_of_the_weakest() {
    // 人大代表 12/20 = 60% is the lowest rate, but 20 < 30 respondents: flagged, shown, not ranked.
    let summary = summarise(&parents_and_deputies(None)).unwrap();
    let deputies = summary.by_group.iter().find(|g| g.group == RespondentGroup::Deputies).unwrap();
    assert!(deputies.rate.too_few);
    assert_eq!(deputies.rate.share, Some(60.0));
    let weakest: Vec<RespondentGroup> = summary.weakest_groups.iter().map(|g| g.group).collect();
    assert_eq!(weakest, vec![RespondentGroup::Parents]);
}

#[test]
fn areas_combine_groups_like_the_headline_and_rank_lowest_first() {
    // 教育公平: 家长 160/200 → 80%.  教育质量: 家长 170/200 + 人大代表 12/20 → 182/220 = 82.73%.
    // Overall (default): 家长 330/400 answers from 200 people → 0.825 × 200 = 165, plus 12 of 20
    // deputies → 177/220 = 80.4545%, n = 220 → 74.7108% … 85.1530%.
    let snap = snapshot(
        "2024-2025",
        json!([
            { "group": "家长", "area": "教育公平", "respondents": 200, "satisfied": 160 },
            { "group": "家长", "area": "教育质量", "respondents": 200, "satisfied": 170 },
            { "group": "人大代表", "area": "教育质量", "respondents": 20, "satisfied": 12 }
        ]),
        None,
    );
    let summary = summarise(&snap).unwrap();
    let areas: Vec<(SurveyArea, Option<f64>)> =
        summary.by_area.iter().map(|a| (a.area, a.rate.share)).collect();
    assert_eq!(areas[0], (SurveyArea::Equity, Some(80.0)));
    assert_eq!(areas[1].0, SurveyArea::Quality);
    assert!(close(areas[1].1.unwrap(), 100.0 * 182.0 / 220.0, 1e-9));
    let weakest: Vec<SurveyArea> = summary.weakest_areas.iter().map(|a| a.area).collect();
    assert_eq!(weakest, vec![SurveyArea::Equity, SurveyArea::Quality]);
    assert!(close(summary.overall.share.unwrap(), 100.0 * 177.0 / 220.0, 1e-9));
    assert_interval(&summary.overall, 74.7108, 85.1530);
    assert_eq!(summary.overall.against(85.0), Some(LinePosition::Uncertain));
}

#[test]
fn likert_rows_count_only_the_two_satisfied_answers() {
    // 非常满意 40 + 满意 45 = 85 of 100; the 10 一般 answers do not count as satisfied.
    let snap = snapshot(
        "2024-2025",
        json!([{ "group": "学生", "area": "素质教育", "likert": {
            "very_satisfied": 40, "satisfied": 45, "neutral": 10, "dissatisfied": 3, "very_dissatisfied": 2
        } }]),
        None,
    );
    assert_eq!(summarise(&snap).unwrap().overall, Rate::from_counts(85, 100));
}

#[test]
fn impossible_rows_are_left_out_and_listed() {
    let snap = snapshot(
        "2024-2025",
        json!([
            { "group": "家长", "area": "教育质量", "respondents": 200, "satisfied": 170 },
            { "group": "教师", "area": "教育质量", "respondents": 50, "satisfied": 60 },
            { "group": "校长", "area": "教育质量" }
        ]),
        None,
    );
    let summary = summarise(&snap).unwrap();
    assert_eq!(summary.overall, Rate::from_counts(170, 200));
    let excluded: Vec<(&str, RowProblem)> =
        summary.excluded_rows.iter().map(|row| (row.path.as_str(), row.problem)).collect();
    assert_eq!(
        excluded,
        vec![
            ("satisfaction.results[1]", RowProblem::SatisfiedExceedsRespondents),
            ("satisfaction.results[2]", RowProblem::NoCounts)
        ]
    );
}

#[test]
fn weakest_townships_skip_small_samples() {
    // 双江 80/100, 化念 90/100, 岔河 5/10 (lowest, but 10 < 30).
    let snap = snapshot(
        "2024-2025",
        json!([
            { "group": "家长", "area": "教育质量", "township": SHUANGJIANG, "respondents": 100, "satisfied": 80 },
            { "group": "家长", "area": "教育质量", "township": HUANIAN, "respondents": 100, "satisfied": 90 },
            { "group": "家长", "area": "教育质量", "township": CHAHE, "respondents": 10, "satisfied": 5 }
        ]),
        None,
    );
    let summary = summarise(&snap).unwrap();
    let weakest: Vec<&str> = summary.weakest_townships.iter().map(|t| t.code.as_str()).collect();
    assert_eq!(weakest, vec![SHUANGJIANG, HUANIAN]);
    assert!(summary.by_township.iter().any(|t| t.code.as_str() == CHAHE && t.rate.too_few));
}

#[test]
fn no_survey_means_no_summary() {
    let mut snap = parents_and_deputies(None);
    snap.satisfaction = None;
    assert_eq!(summarise(&snap), None);
    assert_eq!(county_rate(&snap), None);
}

#[test]
fn trend_compares_each_survey_with_the_previous_one() {
    // 2021–2022: 家长 130/200 → 58.1635 … 71.2712.  2022–2023: no survey (skipped).
    // 2023–2024: 家长 170/200 → 79.3944 … 89.2864: +20 points, intervals apart → significant.
    let parents = |satisfied: u32| json!([{ "group": "家长", "area": "教育质量", "respondents": 200, "satisfied": satisfied }]);
    let first = snapshot("2021-2022", parents(130), None);
    let mut no_survey = snapshot("2022-2023", parents(0), None);
    no_survey.satisfaction = None;
    let third = snapshot("2023-2024", parents(170), None);

    // Input order does not matter: points come oldest first.
    let points = trend([&third, &no_survey, &first]);
    assert_eq!(points.len(), 2);
    assert_eq!(points[0].school_year.as_str(), "2021-2022");
    assert_eq!(points[0].change, None);
    assert_eq!(points[1].previous_school_year.as_ref().map(|y| y.as_str()), Some("2021-2022"));
    let change = points[1].change.unwrap();
    assert!(close(change.delta_points.unwrap(), 20.0, 1e-9));
    assert!(change.significant);
    assert!(!points[1].weighting_changed);
    let group_change = points[1].by_group[0].change.unwrap();
    assert!(group_change.significant);
}

#[test]
fn trend_says_when_the_weighting_changed() {
    let stated = json!({ "notes": "", "group_weights": { "家长": 1, "人大代表": 1 } });
    let before = snapshot("2022-2023", parents_and_deputies_rows(), None);
    let after = snapshot("2023-2024", parents_and_deputies_rows(), Some(stated));
    let points = trend([&before, &after]);
    assert!(points[1].weighting_changed);
    assert_eq!(points[1].weighting, WeightingSource::Meta);
    // Same answers, different method: the headline moves from 82.73% to 72.5% (overlapping
    // intervals 77.18 … 87.15 and 61.31 … 81.44, so not flagged as significant).
    let change = points[1].change.unwrap();
    assert!(close(change.delta_points.unwrap(), 72.5 - 100.0 * 182.0 / 220.0, 1e-9));
    assert!(!change.significant);
}

fn parents_and_deputies_rows() -> Value {
    json!([
        { "group": "家长", "area": "教育质量", "respondents": 200, "satisfied": 170 },
        { "group": "人大代表", "area": "教育质量", "respondents": 20, "satisfied": 12 }
    ])
}

#[test]
fn the_summary_serialises_with_chinese_group_names() {
    let summary = summarise(&parents_and_deputies(None)).unwrap();
    let text = serde_json::to_string(&summary).unwrap();
    assert!(text.contains("\"group\":\"人大代表\""), "{text}");
    assert!(text.contains("\"source\":\"respondent_counts\""), "{text}");
}

/// 家长 and 学生 county-wide on two areas, and township rows for 化念镇 and 岔河乡.
fn one_cell_below_the_line() -> Snapshot {
    snapshot(
        "2024-2025",
        json!([
            { "group": "家长", "area": "教育公平", "respondents": 200, "satisfied": 185 },
            { "group": "家长", "area": "考试评价改革", "respondents": 200, "satisfied": 166 },
            { "group": "学生", "area": "教育公平", "respondents": 200, "satisfied": 190 },
            { "group": "学生", "area": "考试评价改革", "respondents": 200, "satisfied": 180 },
            { "group": "家长", "area": "教育公平", "township": HUANIAN, "respondents": 50, "satisfied": 40 },
            { "group": "家长", "area": "教育公平", "township": CHAHE, "respondents": 25, "satisfied": 20 },
            { "group": "学生", "area": "教育公平", "township": CHAHE, "respondents": 25, "satisfied": 25 }
        ]),
        None,
    )
}

#[test]
fn every_rate_below_the_line_is_listed_whatever_its_interval() {
    // Below 85%: 家长 · 考试评价改革 166/200 = 83.0% (interval 77.18 … 87.57, crossing 85), 化念镇
    // 40/50 = 80.0%. Not below: 家长 351/400 = 87.75%, 学生 92.5%, 教育公平 375/400 = 93.75%,
    // 考试评价改革 346/400 = 86.5%, 岔河乡 (20 + 25)/50 = 90.0%.
    let summary = summarise(&one_cell_below_the_line()).unwrap();
    let below = atlas_core::survey::below_line(&summary, 85.0);
    let listed: Vec<(String, &str, Option<f64>)> =
        below.iter().map(|b| (b.subject.label_zh(), b.subject.kind_key(), b.rate.share)).collect();
    assert_eq!(
        listed,
        [
            ("化念镇".to_string(), "township", Some(80.0)),
            ("家长 · 考试评价改革".to_string(), "cell", Some(83.0))
        ]
    );
    assert_interval(&below[1].rate, 77.1841, 87.5721);
    assert_eq!(below[1].rate.respondents, 200.0);
    assert_eq!(below[1].rate.against(85.0), Some(LinePosition::Uncertain));
    // The same cell heads the weakest cells; 化念镇 heads the weakest townships.
    assert_eq!(summary.weakest_cells[0].rate.share, Some(83.0));
    assert_eq!(summary.weakest_townships[0].code.as_str(), HUANIAN);
}

#[test]
fn township_rates_say_which_groups_they_come_from() {
    let summary = summarise(&one_cell_below_the_line()).unwrap();
    let groups: Vec<(&str, Vec<RespondentGroup>)> =
        summary.by_township.iter().map(|t| (t.code.as_str(), t.groups.clone())).collect();
    assert_eq!(
        groups,
        [
            (HUANIAN, vec![RespondentGroup::Parents]),
            (CHAHE, vec![RespondentGroup::Students, RespondentGroup::Parents])
        ]
    );
}

#[test]
fn the_headline_states_the_county_rate_against_the_line_and_what_is_below_it() {
    // Overall: every respondent once, (351 + 370) / 800 = 90.125%, interval 86.81 … 92.68 (n = 400),
    // wholly above 85.
    let summary = summarise(&one_cell_below_the_line()).unwrap();
    assert_eq!(
        atlas_core::survey::headline(&summary, 85.0),
        "全县认可率 90.1%，达到 85% 标准；2 项低于 85%：化念镇 80.0%、家长 · 考试评价改革 83.0%。"
    );
}

#[test]
fn the_headline_says_when_the_survey_cannot_tell_the_side_and_names_the_lowest_three() {
    // Overall (172 + 16) / 220 = 85.45%, interval 80.19 … 89.50 (n = 220): contains 85.
    // Below 85: 人大代表 16/20 = 80.0% (too few) as a group and as a cell, 岔河乡 82/100,
    // 化念镇 83/100, 双江街道 84/100: five, the lowest three named.
    let parents = |township: &str, satisfied: u32| json!({ "group": "家长", "area": "教育质量", "township": township, "respondents": 100, "satisfied": satisfied });
    let snap = snapshot(
        "2024-2025",
        json!([
            { "group": "家长", "area": "教育质量", "respondents": 200, "satisfied": 172 },
            { "group": "人大代表", "area": "教育质量", "respondents": 20, "satisfied": 16 },
            parents(SHUANGJIANG, 84),
            parents(HUANIAN, 83),
            parents(CHAHE, 82)
        ]),
        None,
    );
    let summary = summarise(&snap).unwrap();
    assert_eq!(atlas_core::survey::below_line(&summary, 85.0).len(), 5);
    assert_eq!(
        atlas_core::survey::headline(&summary, 85.0),
        "全县认可率 85.5%，达到 85% 标准（95% 区间 80.2%–89.5% 含 85%，调查不能确定在哪一侧）；\
         5 项低于 85%，最低的 3 项：人大代表 80.0%（样本过少）、人大代表 · 教育质量 80.0%（样本过少）、岔河乡 82.0%。"
    );
}

#[test]
fn the_headline_without_a_county_figure_or_anything_below() {
    let township_only = snapshot(
        "2024-2025",
        json!([{ "group": "家长", "area": "教育质量", "township": HUANIAN, "respondents": 100, "satisfied": 90 }]),
        None,
    );
    let summary = summarise(&township_only).unwrap();
    assert_eq!(
        atlas_core::survey::headline(&summary, 85.0),
        "没有全县认可率（调查没有全县数据）；各群体、领域、群体 × 领域和乡镇的认可率均不低于 85%。"
    );
}
