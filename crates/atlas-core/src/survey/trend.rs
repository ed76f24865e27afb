//! The survey across periods: the overall rate and each group's rate per school year, each with
//! its change against the previous survey.

use super::rate::{compare, Change, Rate};
use super::summary::{summarise_with_rule, SurveySummary};
use super::weighting::{Rule, WeightingSource};
use crate::codes::SchoolYear;
use crate::snapshot::{RespondentGroup, Snapshot};
use serde::Serialize;
use std::collections::BTreeMap;

/// One school year's survey in the trend.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrendPoint {
    pub school_year: SchoolYear,
    pub overall: Rate,
    pub weighting: WeightingSource,
    /// The school year of the previous survey in the trend (not necessarily the previous year:
    /// years without a survey are skipped).
    pub previous_school_year: Option<SchoolYear>,
    /// The overall rate against the previous survey's.
    pub change: Option<Change>,
    /// The weighting differs from the previous survey's (a different source, or different stated
    /// weights), so the change mixes a change of method with a change of opinion.
    pub weighting_changed: bool,
    pub by_group: Vec<GroupTrend>,
}

/// One group's rate in one school year and its change against the previous survey.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupTrend {
    pub group: RespondentGroup,
    pub rate: Rate,
    /// `None` when the previous survey did not ask this group (or there is no previous survey).
    pub change: Option<Change>,
}

/// The trend over snapshots of one county, oldest first. Snapshots without a survey are skipped.
/// Pass one snapshot per school year (the current revision); if two share a school year, the
/// later one in the input is used.
pub fn trend<'a>(snapshots: impl IntoIterator<Item = &'a Snapshot>) -> Vec<TrendPoint> {
    let mut by_year: BTreeMap<SchoolYear, (SurveySummary, Rule)> = BTreeMap::new();
    for snapshot in snapshots {
        if let Some(summary_and_rule) = summarise_with_rule(snapshot) {
            by_year.insert(snapshot.meta.school_year.clone(), summary_and_rule);
        }
    }
    let mut points = Vec::with_capacity(by_year.len());
    let mut previous: Option<(&SchoolYear, &SurveySummary, &Rule)> = None;
    for (year, (summary, rule)) in &by_year {
        let by_group = summary
            .by_group
            .iter()
            .map(|g| GroupTrend {
                group: g.group,
                rate: g.rate.clone(),
                change: previous.and_then(|(_, before, _)| {
                    let earlier = before.by_group.iter().find(|b| b.group == g.group)?;
                    Some(compare(&g.rate, &earlier.rate))
                }),
            })
            .collect();
        points.push(TrendPoint {
            school_year: year.clone(),
            overall: summary.overall.clone(),
            weighting: summary.weighting.source,
            previous_school_year: previous.map(|(before_year, _, _)| before_year.clone()),
            change: previous.map(|(_, before, _)| compare(&summary.overall, &before.overall)),
            weighting_changed: previous.is_some_and(|(_, _, before_rule)| !rule.same_as(before_rule)),
            by_group,
        });
        previous = Some((year, summary, rule));
    }
    points
}
