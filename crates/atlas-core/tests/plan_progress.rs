//! Plan progress, one kind and one status at a time, with the arithmetic written out.
//!
//! The rules are those of `docs/plan-format.md` ("Status rules"): a straight-line path from the
//! baseline to the target value at the deadline (issue 5); dates become fractional years by
//! `Date::as_fractional_year` (day of year ÷ days in the year); a year `YYYY` stands for
//! 31 December on the path and is reached by any observation dated in that year.

use atlas_core::plan::progress::{plan_summary, progress, Observation, StartSource, Status};
use atlas_core::plan::{Area, Baseline, Direction, Goal, Plan, PlanDate, PlanMeta, Target};

fn target(goal: Goal, deadline: Option<&str>, baseline: Option<(f64, &str)>) -> Target {
    Target {
        id: "t".into(),
        area: Area::Preschool,
        commitment: "测试目标".into(),
        commitment_en: None,
        indicator: Some("preschool_gross_enrolment".into()),
        goal,
        deadline: deadline.map(|d| PlanDate(d.into())),
        baseline: baseline.map(|(value, date)| Baseline { value, date: PlanDate(date.into()) }),
        unit: "%".into(),
        section: "一".into(),
        note: None,
        township: None,
        school: None,
        new_school: false,
    }
}

fn obs(list: &[(&str, f64)]) -> Vec<Observation> {
    list.iter().map(|(d, v)| Observation::new(d, *v)).collect()
}

fn status(t: &Target, list: &[(&str, f64)]) -> Status {
    progress(t, &obs(list)).status
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

// ── at least / at most ─────────────────────────────────────────────────────────────────────

/// Baseline 88% on 2021-09-01, target ≥95% by 2024-12-31, observed on 2022-09-30.
/// 2021-09-01 = 2021 + 243/365 = 2021.665753; 2022-09-30 = 2022 + 272/365 = 2022.745205;
/// 2024-12-31 = 2024 + 365/366 = 2024.997268. Elapsed 1.079452 of 3.331514 years = 0.324012,
/// so the path expects 88 + 7 × 0.324012 = 90.268.
#[test]
fn at_least_before_the_deadline_is_on_track_at_or_above_the_path_and_behind_below_it() {
    let t = target(Goal::AtLeast { value: 95.0 }, Some("2024-12-31"), Some((88.0, "2021-09-01")));
    let p = progress(&t, &obs(&[("2022-09-30", 91.0)]));
    assert_eq!(p.status, Status::OnTrack);
    assert!(close(p.expected.unwrap(), 90.268087), "{:?}", p.expected);
    assert_eq!(p.start.unwrap().source, StartSource::PlanBaseline);
    assert_eq!(status(&t, &[("2022-09-30", 90.0)]), Status::Behind);
    // Exactly on the path counts as on track.
    assert_eq!(status(&t, &[("2022-09-30", 90.268087009)]), Status::OnTrack);
}

#[test]
fn at_least_reached_early_is_achieved() {
    let t = target(Goal::AtLeast { value: 95.0 }, Some("2024"), Some((88.0, "2021-09-01")));
    assert_eq!(status(&t, &[("2023-09-30", 95.5)]), Status::Achieved);
    assert_eq!(status(&t, &[("2023-09-30", 95.0)]), Status::Achieved);
}

/// "By 2024" is judged on the 2024 figures (the autumn 2024 census, dated 2024-09-30).
#[test]
fn at_least_not_reached_in_the_deadline_year_is_missed() {
    let t = target(Goal::AtLeast { value: 95.0 }, Some("2024"), Some((88.0, "2021-09-01")));
    assert_eq!(status(&t, &[("2023-09-30", 92.0), ("2024-09-30", 94.0)]), Status::Missed);
}

/// A figure after the deadline does not change the verdict: the 2024 target was judged on the
/// 2024 figure (94, missed), and reaching 96 in 2025 is late.
#[test]
fn figures_after_the_deadline_do_not_change_the_verdict() {
    let t = target(Goal::AtLeast { value: 95.0 }, Some("2024"), None);
    let p = progress(&t, &obs(&[("2024-09-30", 94.0), ("2025-09-30", 96.0)]));
    assert_eq!(p.status, Status::Missed);
    assert_eq!(p.judged.unwrap().as_of.as_str(), "2024-09-30");
}

/// 近视率 at most 50% by 2025, baseline 56% in 2020 (2020 stands for 2020-12-31 = 2020.997268).
/// 2022-09-30 = 2022.745205: elapsed 1.747938 of 4.999993 years (to 2025-12-31) = 0.349588,
/// so the path expects 56 − 6 × 0.349588 = 53.902.
#[test]
fn at_most_follows_the_path_downwards() {
    let mut t = target(Goal::AtMost { value: 50.0 }, Some("2025"), Some((56.0, "2020")));
    t.indicator = Some("myopia_rate".into());
    let p = progress(&t, &obs(&[("2022-09-30", 53.5)]));
    assert_eq!(p.status, Status::OnTrack);
    assert!(close(p.expected.unwrap(), 53.902472), "{:?}", p.expected);
    assert_eq!(status(&t, &[("2022-09-30", 54.2)]), Status::Behind);
    assert_eq!(status(&t, &[("2022-09-30", 49.0)]), Status::Achieved);
    assert_eq!(status(&t, &[("2025-09-30", 50.5)]), Status::Missed);
}

/// Without a baseline the first observation starts the path: 90 on 2021-09-30 (2021.745205),
/// target 95 by 2024 (2024.997268). On 2023-09-30, 2.0 of 3.252062 years = 0.614994 have passed:
/// the path expects 90 + 5 × 0.614994 = 93.075, so 92 is behind and 93.5 on track.
#[test]
fn without_a_baseline_the_first_observation_starts_the_path() {
    let t = target(Goal::AtLeast { value: 95.0 }, Some("2024"), None);
    let p = progress(&t, &obs(&[("2021-09-30", 90.0), ("2022-09-30", 91.0), ("2023-09-30", 92.0)]));
    assert_eq!(p.status, Status::Behind);
    assert!(close(p.expected.unwrap(), 93.074972), "{:?}", p.expected);
    assert_eq!(p.start.unwrap().source, StartSource::FirstObservation);
    assert_eq!(status(&t, &[("2021-09-30", 90.0), ("2023-09-30", 93.5)]), Status::OnTrack);
    // The first observation alone sits on its own path.
    assert_eq!(status(&t, &[("2021-09-30", 90.0)]), Status::OnTrack);
}

// ── ratio ───────────────────────────────────────────────────────────────────────────────────

/// 生机比 5.2:1 by 2025 (at most 5.2 students per computer), baseline 8.0 in 2020.
/// On 2023-09-30 (2023.745205), 2.747938 of 4.999993 years = 0.549588 have passed: the path
/// expects 8 − 2.8 × 0.549588 = 6.461.
#[test]
fn a_ratio_is_judged_on_its_first_term_per_one_of_the_second() {
    let mut t = target(Goal::RatioAtMost { ratio: [5.2, 1.0] }, Some("2025"), Some((8.0, "2020")));
    t.indicator = Some("students_per_computer".into());
    let p = progress(&t, &obs(&[("2023-09-30", 6.0)]));
    assert_eq!(p.status, Status::OnTrack);
    assert!(close(p.expected.unwrap(), 6.461153), "{:?}", p.expected);
    assert_eq!(status(&t, &[("2023-09-30", 6.8)]), Status::Behind);
    assert_eq!(status(&t, &[("2023-09-30", 5.2)]), Status::Achieved);
    assert_eq!(status(&t, &[("2025-09-30", 5.3)]), Status::Missed);
    // A ratio that must reach at least a:b, e.g. at least 1 computer per teacher (1:1).
    let at_least = target(Goal::RatioAtLeast { ratio: [1.0, 1.0] }, Some("2025"), None);
    assert_eq!(status(&at_least, &[("2025-09-30", 1.0)]), Status::Achieved);
    assert_eq!(status(&at_least, &[("2025-09-30", 0.9)]), Status::Missed);
}

// ── running total ───────────────────────────────────────────────────────────────────────────

/// 智慧教室 18 间 by 2024, counted from 2022 (0 on 2022-01-01 = 2022.0). On 2023-09-30
/// (2023.745205), 1.745205 of 2.997268 years = 0.582265 have passed: the path expects
/// 18 × 0.582265 = 10.48 rooms.
#[test]
fn a_running_total_starts_from_zero() {
    let mut t = target(Goal::Cumulative { value: 18.0, from: PlanDate::year(2022) }, Some("2024"), None);
    t.indicator = Some("smart_classrooms_built".into());
    let p = progress(&t, &obs(&[("2023-09-30", 4.0)]));
    assert_eq!(p.status, Status::Behind);
    assert!(close(p.expected.unwrap(), 10.480778), "{:?}", p.expected);
    assert_eq!(p.start.unwrap().source, StartSource::CountFromZero);
    assert_eq!(status(&t, &[("2023-09-30", 12.0)]), Status::OnTrack);
    assert_eq!(status(&t, &[("2024-09-30", 18.0)]), Status::Achieved);
    assert_eq!(status(&t, &[("2024-09-30", 17.0)]), Status::Missed);
}

// ── level held every year ───────────────────────────────────────────────────────────────────

/// 巩固率 ≥95% every year from 2021 to 2025. The 2020 figure (94) is before the commitment and
/// does not count; 2021 (96) and 2022 (97) hold; 2023 (94.9) breaks the promise for that year.
#[test]
fn a_level_held_every_year_is_achieved_until_one_year_falls_short() {
    let mut t = target(Goal::MaintainAtLeast { value: 95.0, from: PlanDate::year(2021) }, Some("2025"), None);
    t.indicator = Some("compulsory_retention_rate".into());
    assert_eq!(status(&t, &[("2020-09-30", 94.0)]), Status::NotYetMeasurable);
    assert_eq!(
        status(&t, &[("2020-09-30", 94.0), ("2021-09-30", 96.0), ("2022-09-30", 97.0)]),
        Status::Achieved
    );
    let broken = progress(
        &t,
        &obs(&[("2021-09-30", 96.0), ("2022-09-30", 97.0), ("2023-09-30", 94.9), ("2024-09-30", 98.0)]),
    );
    assert_eq!(broken.status, Status::Missed);
    assert_eq!(broken.judged.unwrap().as_of.as_str(), "2023-09-30");
    // After the deadline the level no longer binds: 2026's 90 is outside 2021–2025.
    assert_eq!(status(&t, &[("2025-09-30", 96.0), ("2026-09-30", 90.0)]), Status::Achieved);
}

#[test]
fn a_ceiling_held_every_year() {
    let t = target(Goal::MaintainAtMost { value: 0.0, from: PlanDate::year(2022) }, Some("2024"), None);
    assert_eq!(status(&t, &[("2022-09-30", 0.0), ("2023-09-30", 0.0)]), Status::Achieved);
    assert_eq!(status(&t, &[("2022-09-30", 0.0), ("2023-09-30", 2.0)]), Status::Missed);
}

// ── yearly change ───────────────────────────────────────────────────────────────────────────

/// 近视率 down at least 1 percentage point a year from 2021, no baseline in the plan: the path
/// starts at the last figure before 2021 (56.0 in 2020). Years are whole statistical years, so
/// the 2021 figure should be at most 56 − 1 × 1 = 55 and the 2022 figure at most 54.
#[test]
fn a_yearly_change_follows_the_yearly_path() {
    let mut t = target(
        Goal::YearlyChange {
            direction: Direction::Down,
            per_year: Some(1.0),
            relative: false,
            from: PlanDate::year(2021),
        },
        Some("2025"),
        None,
    );
    t.indicator = Some("myopia_rate".into());
    let p = progress(&t, &obs(&[("2020-09-30", 56.0), ("2021-09-30", 55.2)]));
    assert_eq!(p.status, Status::Behind);
    assert_eq!(p.expected, Some(55.0));
    assert_eq!(p.start.unwrap().source, StartSource::LastBeforeFrom);
    let p = progress(&t, &obs(&[("2020-09-30", 56.0), ("2021-09-30", 55.2), ("2022-09-30", 53.5)]));
    assert_eq!((p.status, p.expected), (Status::OnTrack, Some(54.0)));
    // In the deadline year the path is the verdict: 2025 should be at most 56 − 5 = 51.
    assert_eq!(status(&t, &[("2020-09-30", 56.0), ("2025-09-30", 50.9)]), Status::Achieved);
    assert_eq!(status(&t, &[("2020-09-30", 56.0), ("2025-09-30", 51.5)]), Status::Missed);
    // Only the starting figure: nothing has changed yet.
    assert_eq!(status(&t, &[("2020-09-30", 56.0)]), Status::NotYetMeasurable);
}

/// Funding up 10% a year from a baseline of 100 (万元) in 2021: the 2022 figure should be at
/// least 100 × 1.1 = 110, the 2023 figure 100 × 1.1² = 121.
#[test]
fn a_relative_yearly_change_compounds() {
    let t = target(
        Goal::YearlyChange {
            direction: Direction::Up,
            per_year: Some(10.0),
            relative: true,
            from: PlanDate::year(2022),
        },
        Some("2025"),
        Some((100.0, "2021")),
    );
    let p = progress(&t, &obs(&[("2022-12-31", 109.0)]));
    assert_eq!(p.status, Status::Behind);
    assert!(close(p.expected.unwrap(), 110.0));
    assert_eq!(status(&t, &[("2022-12-31", 111.0)]), Status::OnTrack);
    let p = progress(&t, &obs(&[("2023-12-31", 121.0)]));
    assert_eq!(p.status, Status::OnTrack);
    assert!(close(p.expected.unwrap(), 121.0));
}

/// 只增不减: 100 → 105 → 105 holds (equal is not a decrease); 104 in 2024 breaks it.
#[test]
fn never_against_the_direction() {
    let mut t = target(
        Goal::YearlyChange {
            direction: Direction::Up,
            per_year: None,
            relative: false,
            from: PlanDate::year(2021),
        },
        Some("2025"),
        None,
    );
    t.indicator = Some("education_budget_expenditure".into());
    let rising = [("2021-12-31", 100.0), ("2022-12-31", 105.0), ("2023-12-31", 105.0)];
    assert_eq!(status(&t, &rising), Status::Achieved);
    let p = progress(&t, &obs(&[rising[0], rising[1], rising[2], ("2024-12-31", 104.0)]));
    assert_eq!(p.status, Status::Missed);
    assert_eq!((p.judged.unwrap().as_of.as_str(), p.expected), ("2024-12-31", Some(105.0)));
    assert_eq!(status(&t, &[("2021-12-31", 100.0)]), Status::NotYetMeasurable);
}

// ── milestone ───────────────────────────────────────────────────────────────────────────────

#[test]
fn a_milestone_is_done_once_its_indicator_reads_one() {
    let mut t = target(Goal::Milestone, Some("2024"), None);
    t.indicator = Some("quality_balanced_county_recognised".into());
    assert_eq!(status(&t, &[("2023-09-30", 0.0)]), Status::OnTrack);
    assert_eq!(status(&t, &[("2023-09-30", 0.0), ("2024-09-30", 0.0)]), Status::Missed);
    assert_eq!(status(&t, &[("2023-09-30", 0.0), ("2024-09-30", 1.0)]), Status::Achieved);
    // Recognition is not undone by a later 0 (a data slip): it was achieved.
    assert_eq!(status(&t, &[("2023-09-30", 1.0), ("2024-09-30", 0.0)]), Status::Achieved);
}

// ── not measurable, not checkable, not quantifiable ────────────────────────────────────────

#[test]
fn targets_without_data_or_numbers() {
    let t = target(Goal::AtLeast { value: 95.0 }, Some("2024"), None);
    assert_eq!(status(&t, &[]), Status::NotYetMeasurable);
    // A value that is not a number, or a date that is not a day, is no observation.
    assert_eq!(status(&t, &[("2023-09-30", f64::NAN), ("2023-02-30", 96.0)]), Status::NotYetMeasurable);

    let rank = target(Goal::Rank { position: "前4名".into() }, Some("2024"), None);
    assert_eq!(status(&rank, &[("2024-09-30", 1.0)]), Status::NotCheckable);

    let mut no_indicator = target(Goal::AtLeast { value: 30.0 }, Some("2024"), None);
    no_indicator.indicator = None;
    assert_eq!(status(&no_indicator, &[("2024-09-30", 31.0)]), Status::NotCheckable);

    let placeholder = target(Goal::Placeholder { written: "xx%".into() }, Some("2025"), None);
    assert_eq!(status(&placeholder, &[("2024-09-30", 90.0)]), Status::NotQuantifiable);
}

// ── summary ─────────────────────────────────────────────────────────────────────────────────

fn plan_with_areas(areas: &[Area]) -> Plan {
    Plan {
        schema_version: 1,
        meta: PlanMeta {
            id: "000000-2022-2024".into(),
            county_code: None,
            county_name: None,
            title: "测试".into(),
            title_en: None,
            issuing_body: None,
            document_number: None,
            adopted: None,
            start_year: 2022,
            end_year: 2024,
            source: "测试".into(),
            sample: true,
            wording_note: "测试".into(),
            notes: vec![],
        },
        targets: areas
            .iter()
            .enumerate()
            .map(|(i, area)| {
                let mut t = target(Goal::Milestone, Some("2024"), None);
                t.id = format!("t{i}");
                t.area = *area;
                t
            })
            .collect(),
    }
}

/// 7 targets: 2 achieved, 1 on track, 1 behind, 1 not yet measurable, 1 not checkable,
/// 1 not quantifiable. Measurable = 7 − 1 − 1 = 5.
#[test]
fn summary_counts_measurable_targets_by_status() {
    use Area::*;
    let plan = plan_with_areas(&[Preschool, Preschool, Compulsory, Compulsory, Health, Health, Senior]);
    let statuses = [
        Status::Achieved,
        Status::Achieved,
        Status::OnTrack,
        Status::Behind,
        Status::NotYetMeasurable,
        Status::NotCheckable,
        Status::NotQuantifiable,
    ];
    let summary = plan_summary(&plan, &statuses);
    assert_eq!(summary.counts.total(), 7);
    assert_eq!(summary.counts.measurable(), 5);
    assert_eq!(summary.counts.achieved, 2);
    assert_eq!(
        summary.text_en(),
        "2 of 5 measurable targets achieved, 1 on track, 1 behind, 1 without data yet"
    );
    assert_eq!(
        summary.text_zh(),
        "5 项可衡量目标中：2 项已达成，1 项进度正常，1 项进度滞后，1 项暂无公开数据"
    );
    let areas: Vec<(Area, usize)> = summary.by_area.iter().map(|(a, c)| (*a, c.total())).collect();
    assert_eq!(areas, [(Preschool, 2), (Compulsory, 2), (Senior, 1), (Health, 2)]);
    assert_eq!(summary.by_area[0].1.achieved, 2);
}

// ── drawing the path ────────────────────────────────────────────────────────────────────────

/// The chart draws the path from `Progress::start` to `path_end`: for 毛入园率 from (2021.6658,
/// 88) to (2024-12-31 = 2024.9973, 95); for 近视率 down 1 point a year from 56 in 2020 to the
/// 2025 figure, 56 − 5 = 51.
#[test]
fn the_path_ends_at_the_target_value_on_the_deadline() {
    use atlas_core::plan::progress::path_end;
    let t = target(Goal::AtLeast { value: 95.0 }, Some("2024-12-31"), Some((88.0, "2021-09-01")));
    let start = progress(&t, &obs(&[("2022-09-30", 91.0)])).start.unwrap();
    let (at, value) = path_end(&t, &start).unwrap();
    assert!(close(at, 2024.0 + 365.0 / 366.0) && value == 95.0, "{at} {value}");

    let mut myopia = target(
        Goal::YearlyChange {
            direction: Direction::Down,
            per_year: Some(1.0),
            relative: false,
            from: PlanDate::year(2021),
        },
        Some("2025"),
        None,
    );
    myopia.indicator = Some("myopia_rate".into());
    let start = progress(&myopia, &obs(&[("2020-09-30", 56.0), ("2021-09-30", 55.0)])).start.unwrap();
    assert_eq!(path_end(&myopia, &start).map(|(_, v)| v), Some(51.0));

    let held = target(Goal::MaintainAtLeast { value: 95.0, from: PlanDate::year(2021) }, Some("2025"), None);
    assert_eq!(path_end(&held, &start), None);
}
