//! Where a target stands at a point in time: achieved, on track, behind, missed, not yet
//! measurable, not checkable or not quantifiable.
//!
//! The rules, in plain language, are in `docs/plan-format.md` ("Status rules"); each function
//! below says which rule it implements. In short:
//!
//! - A target with a final value (at least / at most, ratio, running total) is judged on the
//!   latest observation up to the deadline. Reached → achieved (also before the deadline). Not
//!   reached at the deadline → missed. Before the deadline, a straight line runs from the
//!   baseline to the target value at the deadline: at or beyond the line → on track, short of it
//!   → behind.
//! - A level held every year (maintain) is achieved while every observed year from `from` to the
//!   deadline holds it, and missed as soon as one year does not: that year's promise is broken.
//! - A yearly change with an amount follows the baseline's yearly path, counted in whole
//!   statistical years (on track / behind, then achieved / missed at the deadline); without an
//!   amount ("只增不减") it is achieved while no year moves against the direction and missed once
//!   one does.
//! - A milestone is achieved once the indicator reads 1, missed if it has not by the deadline,
//!   and on track (time remains) before.
//! - Without a baseline in the plan, the path starts at the first observation (a running total
//!   starts at 0 on its `from` date; a yearly change at the last observation before `from`).

use super::{ratio_value, Area, Direction, Goal, Plan, PlanDate, Target};
use crate::codes::{Date, SchoolYear};
use crate::indicators::{IndicatorValues, Level};
use crate::snapshot::Snapshot;
use crate::vocabulary::vocabulary;
use serde::Serialize;

/// Values that equal a target on paper can differ from it in the last bits after arithmetic
/// (a share computed as 39 ÷ 40 × 100); comparisons allow this much, relative to the target.
const SLACK: f64 = 1e-9;

/// One observed value of a target's indicator, dated by the snapshot's `meta.as_of` (or the date
/// a reported value refers to).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Observation {
    pub as_of: Date,
    pub value: f64,
}

impl Observation {
    pub fn new(as_of: &str, value: f64) -> Self {
        Observation { as_of: Date(as_of.to_string()), value }
    }
}

vocabulary! {
    /// Where a target stands.
    pub enum Status {
        /// The target value is reached (for a yearly commitment: every year so far complied).
        Achieved => "achieved", zh "已达成", en "achieved";
        /// Not reached yet, but at or beyond the straight-line path, or time remains for a milestone.
        OnTrack => "on_track", zh "进度正常", en "on track";
        /// Short of the straight-line path before the deadline.
        Behind => "behind", zh "进度滞后", en "behind";
        /// Not reached by the deadline, or a yearly commitment broken in some year.
        Missed => "missed", zh "未达成", en "missed";
        /// Measurable, but no value has been published yet.
        NotYetMeasurable => "not_yet_measurable", zh "暂无公开数据", en "no data published yet";
        /// No published indicator measures it (no indicator, or a rank among other counties).
        NotCheckable => "not_checkable", zh "无法用公开数据核对", en "not checkable";
        /// The document gives no value (a template's `xx`).
        NotQuantifiable => "not_quantifiable", zh "未量化", en "not quantifiable";
    }
}

impl Status {
    /// Whether the target can be measured from published data at all (it may still lack data).
    pub fn is_measurable(self) -> bool {
        !matches!(self, Status::NotCheckable | Status::NotQuantifiable)
    }
}

/// Where the straight-line path starts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StartSource {
    /// The baseline the plan gives.
    PlanBaseline,
    /// No baseline in the plan: the first observation.
    FirstObservation,
    /// A yearly change without a baseline: the last observation before the change starts.
    LastBeforeFrom,
    /// A running total: 0 on its `from` date.
    CountFromZero,
}

/// The start of the straight-line path: a time (fractional year) and a value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct PathStart {
    pub at: f64,
    pub value: f64,
    pub source: StartSource,
}

/// A target's standing judged on the observations up to some point.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Progress {
    pub status: Status,
    /// The observation the status was judged on.
    pub judged: Option<Observation>,
    /// What the path expects at the judged observation's date (targets with a path).
    pub expected: Option<f64>,
    /// Where the path starts (targets with a path).
    pub start: Option<PathStart>,
}

impl Progress {
    fn bare(status: Status) -> Self {
        Progress { status, judged: None, expected: None, start: None }
    }
}

/// An observation with its position on the time axis.
#[derive(Clone, Copy)]
struct Point<'a> {
    at: f64,
    obs: &'a Observation,
}

/// The status of `target` judged on `observations` (any order; values that are not finite and
/// dates that are not real days are ignored). The latest observation is the one judged; the
/// earlier ones serve a yearly commitment and a path without a baseline.
pub fn progress(target: &Target, observations: &[Observation]) -> Progress {
    match &target.goal {
        Goal::Placeholder { .. } => return Progress::bare(Status::NotQuantifiable),
        Goal::Rank { .. } => return Progress::bare(Status::NotCheckable),
        _ if !target.is_measured() => return Progress::bare(Status::NotCheckable),
        _ => {}
    }
    let mut points: Vec<Point> = observations
        .iter()
        .filter(|o| o.value.is_finite())
        .filter_map(|o| o.as_of.as_fractional_year().map(|at| Point { at, obs: o }))
        .collect();
    crate::sort::sort_by(&mut points, |a, b| a.at.total_cmp(&b.at));
    if points.is_empty() {
        return Progress::bare(Status::NotYetMeasurable);
    }
    match &target.goal {
        Goal::AtLeast { value } => toward(target, &points, *value, true, None),
        Goal::AtMost { value } => toward(target, &points, *value, false, None),
        Goal::RatioAtLeast { ratio } | Goal::RatioAtMost { ratio } => match ratio_value(*ratio) {
            Some(value) => {
                toward(target, &points, value, matches!(target.goal, Goal::RatioAtLeast { .. }), None)
            }
            // A ratio with a zero or missing second term names no number (check_plan refuses it).
            None => Progress::bare(Status::NotQuantifiable),
        },
        Goal::Cumulative { value, from } => {
            let zero = from.start_as_fractional_year().map(|at| PathStart {
                at,
                value: 0.0,
                source: StartSource::CountFromZero,
            });
            toward(target, &points, *value, true, zero)
        }
        Goal::MaintainAtLeast { value, from } => maintain(target, &points, *value, true, from),
        Goal::MaintainAtMost { value, from } => maintain(target, &points, *value, false, from),
        Goal::YearlyChange { direction, per_year, relative, from } => {
            yearly_change(target, &points, *direction, *per_year, *relative, from)
        }
        Goal::Milestone => milestone(target, &points),
        Goal::Rank { .. } | Goal::Placeholder { .. } => Progress::bare(Status::NotCheckable),
    }
}

/// `value` is on the good side of `line` (or on it, within rounding).
fn meets(value: f64, line: f64, higher_is_better: bool) -> bool {
    let slack = SLACK * line.abs().max(1.0);
    if higher_is_better {
        value >= line - slack
    } else {
        value <= line + slack
    }
}

/// The observations a deadline-bound target is judged on: those up to the deadline. When every
/// observation comes after the deadline, the earliest one is the first reading there is.
fn up_to_deadline<'a>(target: &Target, points: &[Point<'a>]) -> Vec<Point<'a>> {
    let Some(deadline) = &target.deadline else { return points.to_vec() };
    let within: Vec<Point> =
        points.iter().copied().filter(|p| deadline.is_not_passed_by(&p.obs.as_of) != Some(false)).collect();
    if within.is_empty() {
        points.first().copied().into_iter().collect()
    } else {
        within
    }
}

fn deadline_reached(target: &Target, obs: &Observation) -> Option<bool> {
    target.deadline.as_ref().and_then(|d| d.is_reached_by(&obs.as_of))
}

/// Straight-line path from `start` to `goal` at `end`, evaluated at `at` (clamped to the line's
/// ends). Source: the rule "a straight-line path from baseline to the deadline".
pub fn path_value(start: PathStart, end: f64, goal: f64, at: f64) -> f64 {
    if end <= start.at {
        return goal;
    }
    let elapsed = ((at - start.at) / (end - start.at)).clamp(0.0, 1.0);
    start.value + (goal - start.value) * elapsed
}

/// Where the target's path ends, as (fractional year, value), for drawing it from
/// [`Progress::start`]: the target value at the deadline, or for a yearly change with an amount
/// the value its yearly path reaches in the deadline year. `None` for goals without a path
/// (levels held every year, "只增不减", milestones, ranks, placeholders) or without a deadline.
pub fn path_end(target: &Target, start: &PathStart) -> Option<(f64, f64)> {
    let deadline = target.deadline.as_ref()?;
    let end = deadline.as_fractional_year()?;
    let value = match &target.goal {
        Goal::YearlyChange { direction, per_year: Some(step), relative, .. } => {
            // The start's calendar year: `at` lies within it.
            let years = f64::from(deadline.calendar_year()?) - start.at.floor();
            let sign = if *direction == Direction::Up { 1.0 } else { -1.0 };
            if *relative {
                start.value * (1.0 + sign * step / 100.0).powf(years)
            } else {
                start.value + sign * step * years
            }
        }
        Goal::AtLeast { .. }
        | Goal::AtMost { .. }
        | Goal::RatioAtLeast { .. }
        | Goal::RatioAtMost { .. }
        | Goal::Cumulative { .. } => target.goal.target_value()?,
        _ => return None,
    };
    Some((end, value))
}

fn plan_baseline(target: &Target) -> Option<PathStart> {
    let b = target.baseline.as_ref()?;
    let at = b.date.as_fractional_year()?;
    b.value.is_finite().then_some(PathStart { at, value: b.value, source: StartSource::PlanBaseline })
}

/// Rule for at least / at most / ratio / running total.
fn toward(
    target: &Target,
    points: &[Point],
    goal: f64,
    higher_is_better: bool,
    default_start: Option<PathStart>,
) -> Progress {
    let window = up_to_deadline(target, points);
    let (Some(first), Some(last)) = (window.first(), window.last()) else {
        return Progress::bare(Status::NotYetMeasurable);
    };
    let start = plan_baseline(target).or(default_start).unwrap_or(PathStart {
        at: first.at,
        value: first.obs.value,
        source: StartSource::FirstObservation,
    });
    let end = target.deadline.as_ref().and_then(PlanDate::as_fractional_year);
    let expected = end.map(|end| path_value(start, end, goal, last.at));
    let status = if meets(last.obs.value, goal, higher_is_better) {
        Status::Achieved
    } else {
        match (deadline_reached(target, last.obs), expected) {
            (Some(true), _) => Status::Missed,
            (Some(false), Some(on_path)) if meets(last.obs.value, on_path, higher_is_better) => {
                Status::OnTrack
            }
            // Short of the path, or no deadline to draw a path to.
            _ => Status::Behind,
        }
    };
    Progress { status, judged: Some(last.obs.clone()), expected, start: Some(start) }
}

/// Rule for a level held every year from `from` to the deadline.
fn maintain(
    target: &Target,
    points: &[Point],
    level: f64,
    higher_is_better: bool,
    from: &PlanDate,
) -> Progress {
    let window: Vec<&Point> = points
        .iter()
        .filter(|p| from.is_reached_by(&p.obs.as_of) == Some(true))
        .filter(|p| target.deadline.as_ref().and_then(|d| d.is_not_passed_by(&p.obs.as_of)) != Some(false))
        .collect();
    let Some(last) = window.last() else {
        return Progress::bare(Status::NotYetMeasurable);
    };
    let broken = window.iter().find(|p| !meets(p.obs.value, level, higher_is_better));
    match broken {
        Some(year) => Progress {
            status: Status::Missed,
            judged: Some(year.obs.clone()),
            expected: Some(level),
            start: None,
        },
        None => Progress {
            status: Status::Achieved,
            judged: Some(last.obs.clone()),
            expected: Some(level),
            start: None,
        },
    }
}

/// Rule for a yearly change. Years are counted as whole statistical years (calendar years of
/// the dates): "down 1 point a year" compares each year's figure with the start's, so the 2023
/// figure of a series starting with the 2020 figure should be 3 points lower, whatever the days
/// of the census.
fn yearly_change(
    target: &Target,
    points: &[Point],
    direction: Direction,
    per_year: Option<f64>,
    relative: bool,
    from: &PlanDate,
) -> Progress {
    let up = direction == Direction::Up;
    let plan_start = target.baseline.as_ref().and_then(|b| {
        let year = b.date.calendar_year()?;
        plan_baseline(target).map(|start| (year, start))
    });
    let start = plan_start.or_else(|| {
        let before_from = points.iter().rev().find(|p| from.is_reached_by(&p.obs.as_of) == Some(false));
        let (p, source) = match before_from {
            Some(p) => (p, StartSource::LastBeforeFrom),
            None => (points.first()?, StartSource::FirstObservation),
        };
        let year = p.obs.as_of.parts()?.0;
        Some((year, PathStart { at: p.at, value: p.obs.value, source }))
    });
    let Some((start_year, start)) = start else { return Progress::bare(Status::NotYetMeasurable) };
    let year_of = |p: &Point| p.obs.as_of.parts().map(|(y, _, _)| y).unwrap_or(i32::MIN);
    let later: Vec<&Point> = points
        .iter()
        .filter(|p| year_of(p) > start_year)
        .filter(|p| target.deadline.as_ref().and_then(|d| d.is_not_passed_by(&p.obs.as_of)) != Some(false))
        .collect();
    let Some(last) = later.last() else {
        // Only the starting value: no change to judge yet.
        return Progress { start: Some(start), ..Progress::bare(Status::NotYetMeasurable) };
    };
    match per_year {
        Some(step) => {
            let years = f64::from(year_of(last) - start_year);
            let expected = match (relative, up) {
                (true, true) => start.value * (1.0 + step / 100.0).powf(years),
                (true, false) => start.value * (1.0 - step / 100.0).powf(years),
                (false, true) => start.value + step * years,
                (false, false) => start.value - step * years,
            };
            let on_path = meets(last.obs.value, expected, up);
            let status = match (deadline_reached(target, last.obs) == Some(true), on_path) {
                (true, true) => Status::Achieved,
                (true, false) => Status::Missed,
                (false, true) => Status::OnTrack,
                (false, false) => Status::Behind,
            };
            Progress { status, judged: Some(last.obs.clone()), expected: Some(expected), start: Some(start) }
        }
        None => {
            // 只增不减: every year no lower (or, downward, no higher) than the year before.
            let mut previous = start.value;
            for p in &later {
                if !meets(p.obs.value, previous, up) {
                    return Progress {
                        status: Status::Missed,
                        judged: Some(p.obs.clone()),
                        expected: Some(previous),
                        start: Some(start),
                    };
                }
                previous = p.obs.value;
            }
            Progress {
                status: Status::Achieved,
                judged: Some(last.obs.clone()),
                expected: None,
                start: Some(start),
            }
        }
    }
}

/// Rule for a yes/no milestone: the indicator reads 1 once done.
fn milestone(target: &Target, points: &[Point]) -> Progress {
    let window = up_to_deadline(target, points);
    let Some(last) = window.last() else { return Progress::bare(Status::NotYetMeasurable) };
    if let Some(done) = window.iter().find(|p| meets(p.obs.value, 1.0, true)) {
        return Progress {
            status: Status::Achieved,
            judged: Some(done.obs.clone()),
            expected: Some(1.0),
            start: None,
        };
    }
    let status = match deadline_reached(target, last.obs) {
        Some(true) => Status::Missed,
        _ => Status::OnTrack,
    };
    Progress { status, judged: Some(last.obs.clone()), expected: Some(1.0), start: None }
}

/// Counts of targets by status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    pub achieved: usize,
    pub on_track: usize,
    pub behind: usize,
    pub missed: usize,
    pub not_yet_measurable: usize,
    pub not_checkable: usize,
    pub not_quantifiable: usize,
}

impl StatusCounts {
    pub fn get(&self, status: Status) -> usize {
        match status {
            Status::Achieved => self.achieved,
            Status::OnTrack => self.on_track,
            Status::Behind => self.behind,
            Status::Missed => self.missed,
            Status::NotYetMeasurable => self.not_yet_measurable,
            Status::NotCheckable => self.not_checkable,
            Status::NotQuantifiable => self.not_quantifiable,
        }
    }

    fn add(&mut self, status: Status) {
        let slot = match status {
            Status::Achieved => &mut self.achieved,
            Status::OnTrack => &mut self.on_track,
            Status::Behind => &mut self.behind,
            Status::Missed => &mut self.missed,
            Status::NotYetMeasurable => &mut self.not_yet_measurable,
            Status::NotCheckable => &mut self.not_checkable,
            Status::NotQuantifiable => &mut self.not_quantifiable,
        };
        *slot += 1;
    }

    pub fn total(&self) -> usize {
        Status::ALL.iter().map(|s| self.get(*s)).sum()
    }

    /// Targets that published data can measure (with or without data yet).
    pub fn measurable(&self) -> usize {
        Status::ALL.iter().filter(|s| s.is_measurable()).map(|s| self.get(*s)).sum()
    }
}

/// A plan's targets counted by status, overall and by area.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub counts: StatusCounts,
    /// Areas that have targets, in [`Area::ALL`] order.
    pub by_area: Vec<(Area, StatusCounts)>,
}

/// Count `statuses` (the status of `plan.targets[i]` at index i) by status and area.
pub fn plan_summary(plan: &Plan, statuses: &[Status]) -> Summary {
    let mut counts = StatusCounts::default();
    let mut by_area: Vec<(Area, StatusCounts)> = Vec::new();
    for (target, status) in plan.targets.iter().zip(statuses) {
        counts.add(*status);
        match by_area.iter_mut().find(|(a, _)| *a == target.area) {
            Some((_, c)) => c.add(*status),
            None => {
                let mut c = StatusCounts::default();
                c.add(*status);
                by_area.push((target.area, c));
            }
        }
    }
    crate::sort::sort_by_key(&mut by_area, |(a, _)| Area::ALL.iter().position(|x| x == a));
    Summary { counts, by_area }
}

impl Summary {
    /// `31 项可衡量目标中：12 项已达成，5 项滞后` (parts with no targets are left out).
    pub fn text_zh(&self) -> String {
        let c = &self.counts;
        let mut parts = vec![format!("{} 项已达成", c.achieved)];
        for (n, label) in [
            (c.on_track, "进度正常"),
            (c.behind, "进度滞后"),
            (c.missed, "未达成"),
            (c.not_yet_measurable, "暂无公开数据"),
        ] {
            if n > 0 {
                parts.push(format!("{n} 项{label}"));
            }
        }
        format!("{} 项可衡量目标中：{}", c.measurable(), parts.join("，"))
    }

    /// `12 of 31 measurable targets achieved, 5 behind` (parts with no targets are left out).
    pub fn text_en(&self) -> String {
        let c = &self.counts;
        let mut text = format!("{} of {} measurable targets achieved", c.achieved, c.measurable());
        for (n, label) in [
            (c.on_track, "on track"),
            (c.behind, "behind"),
            (c.missed, "missed"),
            (c.not_yet_measurable, "without data yet"),
        ] {
            if n > 0 {
                text.push_str(&format!(", {n} {label}"));
            }
        }
        text
    }
}

pub use crate::indicators::county_value;

/// A snapshot's place on the time axis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SnapshotPoint {
    pub school_year: SchoolYear,
    pub as_of: Date,
}

/// One target followed across snapshots.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetTracking {
    pub target_id: String,
    /// The target's value in each snapshot (same order as [`PlanTracking::snapshots`]): the
    /// indicator's value at the place the target names (the county when it names none), or for
    /// a new school 1 once it is listed and 0 before.
    pub values: Vec<Option<f64>>,
    /// The status at each snapshot, judged on that snapshot and the ones before it.
    pub progress: Vec<Progress>,
    /// The status on everything published (the last snapshot's, or not yet measurable with none).
    pub latest: Progress,
}

/// Every target of a plan at every snapshot.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PlanTracking {
    /// The snapshots, oldest first.
    pub snapshots: Vec<SnapshotPoint>,
    /// One entry per plan target, in the plan's order.
    pub targets: Vec<TargetTracking>,
}

/// Follow each target of `plan` across `snapshots` (any order; they are sorted by `meta.as_of`).
/// An observation's date is its snapshot's `meta.as_of`.
pub fn track_plan(plan: &Plan, snapshots: &[&Snapshot]) -> PlanTracking {
    let mut ordered: Vec<&Snapshot> = snapshots.to_vec();
    crate::sort::sort_by(&mut ordered, |a, b| a.meta.as_of.cmp(&b.meta.as_of));
    let points: Vec<SnapshotPoint> = ordered
        .iter()
        .map(|s| SnapshotPoint { school_year: s.meta.school_year.clone(), as_of: s.meta.as_of.clone() })
        .collect();
    let computed: Vec<IndicatorValues> = ordered.iter().map(|s| crate::indicators::compute(s)).collect();
    let targets = plan
        .targets
        .iter()
        .map(|target| {
            let values: Vec<Option<f64>> = ordered
                .iter()
                .zip(&computed)
                .map(|(snapshot, values)| observe(target, snapshot, values))
                .collect();
            let mut observations = Vec::new();
            let mut statuses = Vec::new();
            for (point, value) in points.iter().zip(&values) {
                if let Some(v) = value {
                    observations.push(Observation { as_of: point.as_of.clone(), value: *v });
                }
                statuses.push(progress(target, &observations));
            }
            let latest = progress(target, &observations);
            TargetTracking { target_id: target.id.clone(), values, progress: statuses, latest }
        })
        .collect();
    PlanTracking { snapshots: points, targets }
}

/// A target's value in one snapshot, at the place it names (§6 of `docs/plan-format.md`):
/// - a new school: 1 once the snapshot lists the school with students, else 0;
/// - a school named and an indicator that exists for schools: the school's value;
/// - a township named and an indicator that exists for townships: the township's value;
/// - otherwise the county's value.
fn observe(target: &Target, snapshot: &Snapshot, values: &IndicatorValues) -> Option<f64> {
    if target.new_school {
        let open = target
            .school
            .as_deref()
            .is_some_and(|id| snapshot.schools.iter().any(|s| s.id == id && s.stages.total_students() > 0));
        return Some(if open { 1.0 } else { 0.0 });
    }
    let id = target.indicator.as_deref()?;
    let def = crate::indicators::find(id);
    let exists_at = |level| def.is_some_and(|d| d.exists_at(level));
    match (&target.school, &target.township) {
        (Some(school), _) if exists_at(Level::School) => values.school(id, school),
        (_, Some(township)) if exists_at(Level::Township) => values.township(id, township),
        _ => values.county(id),
    }
}

impl PlanTracking {
    /// Each target's status on everything published, in the plan's order.
    pub fn latest_statuses(&self) -> Vec<Status> {
        self.targets.iter().map(|t| t.latest.status).collect()
    }

    /// The status of target `id` at the snapshot of `school_year`.
    pub fn status_at(&self, id: &str, school_year: &str) -> Option<Status> {
        let column = self.snapshots.iter().position(|s| s.school_year.as_str() == school_year)?;
        let target = self.targets.iter().find(|t| t.target_id == id)?;
        target.progress.get(column).map(|p| p.status)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_keys_are_the_serialised_names_and_round_trip() {
        for status in Status::ALL {
            let serialised = serde_json::to_string(&status).unwrap();
            assert_eq!(serialised, format!("\"{}\"", status.key()));
            assert_eq!(Status::from_key(status.key()), Some(status));
        }
        assert_eq!(Status::from_key("done"), None);
    }
}
