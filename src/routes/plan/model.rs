//! What the plan page and the overview box show, all computed by the core: which plan a URL
//! names, the plan followed across the county's snapshots (`plan::track_plan`), the status of
//! every target at the chosen school year, the county summary (`plan::plan_summary`) and the
//! chart of one target against its straight-line path (`plan::progress::path_end`).

use crate::api::{self, DataError, Loaded, LoadedSnapshot};
use crate::charts::options::{self, DatedPoint, RefLine, RefStyle};
use crate::components::figure::Figure;
use crate::figures::table_for;
use crate::i18n::plan::plan_msg;
use crate::i18n::{self, lang, msg};
use atlas_core::codes::Date;
use atlas_core::export::CsvCell;
use atlas_core::format::format_value;
use atlas_core::indicators::{find, IndicatorDef};
use atlas_core::manifest::{CountyEntry, Manifest, PlanEntry};
use atlas_core::plan::progress::{path_end, SnapshotPoint};
use atlas_core::plan::{
    plan_summary, track_plan, Goal, Plan, PlanTracking, Progress, Status, Summary, Target,
};
use atlas_core::{SchoolYear, Snapshot};
use leptos::prelude::*;
use std::sync::Arc;

/// The plan a page shows and the data it is followed on.
#[derive(Clone, Debug, PartialEq)]
pub struct PlanChoice {
    pub entry: PlanEntry,
    /// The county whose snapshots the plan is followed on; None for a reference template, which
    /// belongs to no county and is shown without data.
    pub county: Option<CountyEntry>,
}

/// Every plan a reader of `county` can pick: the county's own, then the reference templates.
pub fn plan_choices<'a>(manifest: &'a Manifest, county: &'a CountyEntry) -> Vec<(&'a PlanEntry, bool)> {
    let own = county.plans.iter().map(|p| (p, false));
    own.chain(manifest.reference_plans.iter().map(|p| (p, true))).collect()
}

/// The plan `wanted` names (a plan of the county or a reference template), else the county's
/// first plan; None when the county has no plan and none was asked for.
pub fn choose_plan(manifest: &Manifest, county: &CountyEntry, wanted: Option<&str>) -> Option<PlanChoice> {
    let picked = wanted
        .and_then(|id| plan_choices(manifest, county).into_iter().find(|(p, _)| p.id == id))
        .or_else(|| county.plans.first().map(|p| (p, false)))?;
    let (entry, reference) = picked;
    Some(PlanChoice { entry: entry.clone(), county: (!reference).then(|| county.clone()) })
}

/// A plan followed across the county's snapshots in force.
pub struct PlanModel {
    pub entry: PlanEntry,
    pub plan: Arc<Plan>,
    /// A reference template: not followed on any data.
    pub reference: bool,
    /// The snapshots that loaded; `tracking.snapshots` says which is which.
    snapshots: Vec<Arc<LoadedSnapshot>>,
    /// Snapshots of the county that failed to load; the plan is followed on the others.
    pub failed: Vec<DataError>,
    pub tracking: PlanTracking,
}

/// Load the chosen plan and, for a county plan, the county's snapshots, and follow the plan
/// across them. Nothing is fetched while `enabled` is false (the overview box waits until it is
/// on screen, so the first view does not download the whole series).
pub fn use_plan_model(
    choice: Memo<Option<PlanChoice>>,
    enabled: Signal<bool>,
) -> LocalResource<Option<Loaded<PlanModel>>> {
    LocalResource::new(move || {
        let choice = if enabled.get() { choice.get() } else { None };
        async move {
            let choice = choice?;
            let plan = match api::load_plan(choice.entry.clone()).await {
                Ok(plan) => plan,
                Err(e) => return Some(Err(e)),
            };
            let series = match &choice.county {
                Some(county) => api::load_county_series(county.clone()).await,
                None => Vec::new(),
            };
            Some(Ok(Arc::new(PlanModel::follow(choice.entry, plan, choice.county.is_none(), series))))
        }
    })
}

impl PlanModel {
    pub fn follow(
        entry: PlanEntry,
        plan: Arc<Plan>,
        reference: bool,
        series: Vec<Loaded<LoadedSnapshot>>,
    ) -> PlanModel {
        let (snapshots, failed): (Vec<_>, Vec<_>) = series.into_iter().partition(Result::is_ok);
        let snapshots: Vec<Arc<LoadedSnapshot>> = snapshots.into_iter().filter_map(Result::ok).collect();
        let failed = failed.into_iter().filter_map(Result::err).collect();
        let refs: Vec<&Snapshot> = snapshots.iter().map(|s| &s.snapshot).collect();
        let tracking = track_plan(&plan, &refs);
        PlanModel { entry, plan, reference, snapshots, failed, tracking }
    }

    /// The tracking column of `school_year` (the year the reader chose); the latest column when
    /// that year did not load or none was chosen; None without any snapshot.
    pub fn column(&self, school_year: Option<&SchoolYear>) -> Option<usize> {
        let chosen =
            school_year.and_then(|y| self.tracking.snapshots.iter().position(|s| &s.school_year == y));
        chosen.or_else(|| self.tracking.snapshots.len().checked_sub(1))
    }

    pub fn point(&self, column: Option<usize>) -> Option<&SnapshotPoint> {
        self.tracking.snapshots.get(column?)
    }

    fn snapshot_at(&self, column: Option<usize>) -> Option<&Arc<LoadedSnapshot>> {
        let point = self.point(column)?;
        self.snapshots.iter().find(|s| s.snapshot.meta.school_year == point.school_year)
    }

    /// Target `index`'s standing judged on the snapshots up to `column`.
    pub fn progress(&self, index: usize, column: Option<usize>) -> Option<&Progress> {
        let tracked = self.tracking.targets.get(index)?;
        match column {
            Some(c) => tracked.progress.get(c),
            None => Some(&tracked.latest),
        }
    }

    pub fn status(&self, index: usize, column: Option<usize>) -> Status {
        self.progress(index, column).map(|p| p.status).unwrap_or(Status::NotYetMeasurable)
    }

    pub fn statuses(&self, column: Option<usize>) -> Vec<Status> {
        (0..self.plan.targets.len()).map(|i| self.status(i, column)).collect()
    }

    pub fn summary(&self, column: Option<usize>) -> Summary {
        plan_summary(&self.plan, &self.statuses(column))
    }

    /// "截至 2024–2025学年（统计时点 2024-09-30）…", or why there is no data to follow.
    pub fn as_of_text(&self, column: Option<usize>) -> String {
        match self.point(column) {
            _ if self.reference => plan_msg().not_tracked.to_string(),
            Some(p) => i18n::plan::as_of(&p.school_year.label_zh(), p.as_of.as_str()),
            None => plan_msg().no_snapshot.to_string(),
        }
    }

    /// The latest published value of target `index` up to `column`, with its school year.
    pub fn latest(&self, index: usize, column: Option<usize>) -> Option<(f64, &SnapshotPoint)> {
        let values = &self.tracking.targets.get(index)?.values;
        let end = column?;
        (0..=end)
            .rev()
            .find_map(|k| Some((values.get(k).copied().flatten()?, self.tracking.snapshots.get(k)?)))
    }

    /// The chart of target `index` against its straight-line path, up to `column`: None when
    /// nothing was published for it, and for a milestone (a yes/no, said in words instead).
    pub fn target_figure(&self, index: usize, column: Option<usize>) -> Option<Figure> {
        let target = self.plan.targets.get(index)?;
        let def = indicator_of(target)?;
        if matches!(target.goal, Goal::Milestone) {
            return None;
        }
        let end = column?;
        let tracked = self.tracking.targets.get(index)?;
        let progress = tracked.progress.get(end)?;
        let latest_snap = self.snapshot_at(column)?;
        let points = self.tracking.snapshots.get(..=end)?;
        let unit = def.unit;
        let actual: Vec<DatedPoint> = points
            .iter()
            .zip(&tracked.values)
            .filter_map(|(p, v)| {
                let value = (*v)?;
                let tip = options::tip(plan_msg().actual, &[(p.school_year.label_zh(), Some(value), unit)]);
                Some(DatedPoint { date: p.as_of.to_string(), value, tip })
            })
            .collect();
        if actual.is_empty() {
            return None;
        }
        let path: Vec<DatedPoint> = progress
            .start
            .and_then(|start| {
                let (end_at, end_value) = path_end(target, &start)?;
                let from = Date::from_fractional_year(start.at)?;
                let to = Date::from_fractional_year(end_at)?;
                let point = |label: &str, date: Date, value: f64| DatedPoint {
                    tip: options::tip(label, &[(date.to_string(), Some(value), unit)]),
                    date: date.to_string(),
                    value,
                };
                Some(vec![
                    point(plan_msg().path_start, from, start.value),
                    point(plan_msg().path_end, to, end_value),
                ])
            })
            .unwrap_or_default();
        let goal = target.goal.label_zh(&target.unit);
        let refs: Vec<RefLine> = target
            .goal
            .target_value()
            .map(|value| RefLine {
                label: format!("{} {goal}", plan_msg().goal),
                value,
                style: RefStyle::Standard,
            })
            .into_iter()
            .collect();
        let spec = options::target_path(
            (plan_msg().actual, &actual),
            (!path.is_empty()).then_some((plan_msg().path, path.as_slice())),
            unit,
            &refs,
        );

        let mut rows: Vec<Vec<CsvCell>> = Vec::new();
        let text = |s: &str| CsvCell::Text(s.to_string());
        if let Some(first) = path.first() {
            rows.push(vec![
                text(&first.date),
                text(plan_msg().path_start),
                CsvCell::Number(None, unit),
                CsvCell::Number(Some(first.value), unit),
            ]);
        }
        for (k, p) in points.iter().enumerate() {
            // What the path expects at this snapshot's date, when this snapshot was the one judged.
            let judged_here =
                tracked.progress.get(k).filter(|pr| pr.judged.as_ref().is_some_and(|o| o.as_of == p.as_of));
            rows.push(vec![
                text(p.as_of.as_str()),
                CsvCell::Text(p.school_year.label_zh()),
                CsvCell::Number(tracked.values.get(k).copied().flatten(), unit),
                CsvCell::Number(judged_here.and_then(|pr| pr.expected), unit),
            ]);
        }
        if let Some(last) = path.get(1) {
            rows.push(vec![
                text(&last.date),
                text(plan_msg().path_end),
                CsvCell::Number(None, unit),
                CsvCell::Number(Some(last.value), unit),
            ]);
        }
        let columns = vec![
            plan_msg().date.to_string(),
            msg().school_year.to_string(),
            format!("{}（{}）", plan_msg().actual, unit.name_zh()),
            format!("{}（{}）", plan_msg().path, unit.name_zh()),
        ];
        let title = i18n::plan::chart_title(def.name_zh);
        let latest = actual
            .last()
            .map(|p| i18n::plan::value_at(&format_value(Some(p.value), unit, lang()), &p.date))
            .unwrap_or_default();
        let deadline = target
            .deadline
            .as_ref()
            .map(|d| i18n::plan::date_text(d.as_str()))
            .unwrap_or_else(|| plan_msg().no_deadline.to_string());
        let summary =
            i18n::plan::target_summary(def.name_zh, &latest, &goal, &deadline, progress.status.label_zh());
        let first_year = points.first().map(|p| p.school_year.label_zh()).unwrap_or_default();
        let last_year = points.last().map(|p| p.school_year.label_zh()).unwrap_or_default();
        Some(Figure {
            kind: "plan-target",
            unit,
            period: crate::i18n::figure::period_span(&first_year, &last_year),
            summary,
            definition: Some(def.id),
            table: table_for(latest_snap, title, columns, rows),
            spec,
        })
    }
}

/// The indicator that measures `target`, from the core's table.
pub fn indicator_of(target: &Target) -> Option<&'static IndicatorDef> {
    target.indicator.as_deref().and_then(find)
}

/// A value on `target`'s scale as text: formatted by the indicator's unit, or, for a target no
/// indicator measures, as the plan writes it (the number and the goal's unit).
pub fn value_text(target: &Target, value: f64) -> String {
    match indicator_of(target) {
        Some(def) => format_value(Some(value), def.unit, lang()),
        None => format!("{value}{}", target.unit),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atlas_core::format::Unit;
    use atlas_core::CountyCode;

    fn plan(id: &str) -> PlanEntry {
        PlanEntry {
            id: id.into(),
            title: id.into(),
            path: format!("plans/{id}.json"),
            bytes: 1,
            sha256: "0".repeat(64),
        }
    }

    fn county(code: &str, plans: &[&str]) -> CountyEntry {
        CountyEntry {
            code: CountyCode(code.into()),
            name: code.into(),
            snapshots: vec![],
            geometry: vec![],
            plans: plans.iter().map(|p| plan(p)).collect(),
        }
    }

    fn manifest() -> Manifest {
        Manifest {
            schema_version: 1,
            counties: vec![county("330326", &["330326-2021-2025"]), county("999999", &[])],
            reference_plans: vec![plan("template-2019-2025")],
        }
    }

    #[test]
    fn a_county_shows_its_own_plan_unless_the_url_names_another_it_can_pick() {
        let m = manifest();
        let pingyang = &m.counties[0];
        let default = choose_plan(&m, pingyang, None).unwrap();
        assert_eq!(default.entry.id, "330326-2021-2025");
        assert_eq!(default.county.as_ref().map(|c| c.code.as_str()), Some("330326"));
        // A plan of another county, or no plan at all, falls back to the county's own.
        assert_eq!(choose_plan(&m, pingyang, Some("530426-2022-2024")).unwrap().entry.id, "330326-2021-2025");
        // The template is followed on no county's data.
        let template = choose_plan(&m, pingyang, Some("template-2019-2025")).unwrap();
        assert_eq!(template.entry.id, "template-2019-2025");
        assert!(template.county.is_none());
    }

    /// 峨山's plan followed across its sample snapshots, as the page loads them.
    fn emshan() -> PlanModel {
        let read =
            |path: &str| std::fs::read(format!("{}/public/data/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let m = atlas_core::load::parse_manifest("manifest.json", &read("manifest.json")).unwrap();
        let county = m.county("530426").unwrap();
        let series = county
            .current_snapshots()
            .into_iter()
            .map(|entry| {
                let snapshot = atlas_core::load::parse_snapshot(&entry.path, &read(&entry.path)).unwrap();
                let values = atlas_core::indicators::compute(&snapshot);
                Ok(Arc::new(LoadedSnapshot { entry: entry.clone(), snapshot, values, warnings: vec![] }))
            })
            .collect();
        let entry = county.plans[0].clone();
        let plan = atlas_core::load::parse_plan(&entry.path, &read(&entry.path)).unwrap();
        PlanModel::follow(entry, Arc::new(plan), false, series)
    }

    #[test]
    fn a_targets_figure_plots_its_values_against_the_cores_path() {
        let m = emshan();
        let latest = m.column(None);
        assert_eq!(latest, Some(3), "four school years, the 2023–2024 correction in force");
        assert_eq!(m.column(Some(&SchoolYear("2022-2023".into()))), Some(1));
        assert_eq!(m.column(Some(&SchoolYear("1999-2000".into()))), latest, "an unknown year: the latest");
        let i = m.plan.targets.iter().position(|t| t.id == "preschool_gross_95").unwrap();
        let figure = m.target_figure(i, latest).unwrap();
        let values = &m.tracking.targets[i].values;
        // No baseline in the plan: the path runs from the first value (2021-09-30) to 95 at the
        // end of the deadline year.
        let rows = &figure.table.rows;
        assert_eq!(rows.len(), 4 + 2);
        assert_eq!(rows[0][0], CsvCell::Text("2021-09-30".into()));
        assert_eq!(rows[0][3], CsvCell::Number(values[0], Unit::Percent));
        assert_eq!(rows[5][0], CsvCell::Text("2024-12-31".into()));
        assert_eq!(rows[5][3], CsvCell::Number(Some(95.0), Unit::Percent));
        for (k, row) in rows[1..5].iter().enumerate() {
            assert_eq!(row[2], CsvCell::Number(values[k], Unit::Percent));
        }
        let series = figure.spec.option["series"].as_array().unwrap();
        assert_eq!(series[0]["data"].as_array().unwrap().len(), 4, "one dot per published value");
        assert_eq!(series[1]["data"].as_array().unwrap().len(), 2, "the path: start and deadline");
        assert_eq!(figure.table.snapshot_id, "530426-2024-2025");
        assert!(figure.summary.contains(m.status(i, latest).label_zh()));
        // Nothing published for the target: nothing to draw (the item says so in words).
        let unpublished = m.plan.targets.iter().position(|t| t.id == "preschool_public_places_75").unwrap();
        assert_eq!(m.status(unpublished, latest), Status::NotYetMeasurable);
        assert!(m.target_figure(unpublished, latest).is_none());
    }

    #[test]
    fn a_county_without_a_plan_has_none_but_can_open_the_template() {
        let m = manifest();
        let none = &m.counties[1];
        assert!(choose_plan(&m, none, None).is_none());
        assert_eq!(choose_plan(&m, none, Some("template-2019-2025")).unwrap().entry.id, "template-2019-2025");
        let ids: Vec<(&str, bool)> =
            plan_choices(&m, none).iter().map(|(p, r)| (p.id.as_str(), *r)).collect();
        assert_eq!(ids, [("template-2019-2025", true)]);
    }
}
