//! Everything the Satisfaction page and the printable briefing show, computed once per snapshot.
//!
//! County-wide rows and township rows: county figures (overall, by group, by area, the group ×
//! area cells) come only from rows without a township. Rows with a township are a breakdown that
//! feeds only the township figures. The two are never added together, so a county that publishes
//! both a county-wide survey and its township breakdown is not counted twice. A survey with only
//! township rows therefore has no county figure: township rows may cover only some townships,
//! and adding them up would present a partial survey as the county's.
//!
//! A respondent group across question areas: each person normally answers every area, so the
//! rows of one group hold the same people several times. The group's share pools the answers
//! (satisfied answers ÷ answers), but its interval and its respondent count use the number of
//! people, taken as the largest count among the group's areas. Treating six answers from one
//! person as six independent people would make the interval about √6 ≈ 2.4 times too narrow.
//! If a survey did ask different people about different areas, the largest count understates the
//! people and the interval errs on the wide side.

use super::rate::Rate;
use super::rows::{Cells, Counts, ExcludedRow, Tally};
use super::weighting::{combine, resolve, Rule, Weighting};
use crate::codes::TownshipCode;
use crate::snapshot::{RespondentGroup, Snapshot, SurveyArea};
use serde::Serialize;

/// How many entries the "weakest" lists hold.
pub const WEAKEST_SHOWN: usize = 3;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupRate {
    pub group: RespondentGroup,
    pub rate: Rate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AreaRate {
    pub area: SurveyArea,
    /// The area's rate across groups, weighted like the overall rate.
    pub rate: Rate,
}

/// One cell of the group × area heatmap: the published counts of one county-wide row (rows with
/// the same group and area added together).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellRate {
    pub group: RespondentGroup,
    pub area: SurveyArea,
    pub rate: Rate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TownshipRate {
    pub code: TownshipCode,
    /// From the snapshot's township list; `None` for a code the list does not have.
    pub name: Option<String>,
    /// The township's English name, where the snapshot gives one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The township's groups combined with the same weighting as the overall rate.
    pub rate: Rate,
    /// The respondent groups with rows for this township, in `RespondentGroup::ALL` order: a
    /// township's rate speaks only for them (often parents and students alone), and a figure of
    /// township rates says so.
    pub groups: Vec<RespondentGroup>,
}

impl TownshipRate {
    /// The township's name in `lang` (its code where the snapshot's list lacks it).
    pub fn name_in(&self, lang: crate::Lang) -> String {
        match (lang, &self.name_en, &self.name) {
            (crate::Lang::En, Some(english), _) => english.clone(),
            (_, _, Some(name)) => name.clone(),
            _ => self.code.to_string(),
        }
    }
}

/// Head counts behind the figures.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RespondentTotals {
    /// People in the county-wide rows: for each group the largest count among its question areas,
    /// summed over groups.
    pub county_respondents: u64,
    /// Answers in the county-wide rows (one per person per question area).
    pub county_answers: u64,
    /// People in the township rows, counted the same way per township and summed.
    pub township_respondents: u64,
    /// Answers in the township rows.
    pub township_answers: u64,
}

/// The 社会认可度 survey of one snapshot, ready to show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SurveySummary {
    /// The headline: the groups' rates combined with `weighting`. No share without county-wide rows.
    pub overall: Rate,
    /// How the groups were combined, and where that rule came from.
    pub weighting: Weighting,
    /// Groups with county-wide rows, in `RespondentGroup::ALL` order.
    pub by_group: Vec<GroupRate>,
    /// Areas with county-wide rows, in `SurveyArea::ALL` order.
    pub by_area: Vec<AreaRate>,
    /// The group × area heatmap, group-major in the same orders; absent cells were not surveyed.
    pub cells: Vec<CellRate>,
    /// Townships with township rows, in code order.
    pub by_township: Vec<TownshipRate>,
    /// Up to [`WEAKEST_SHOWN`] groups with the lowest share, leaving out rates flagged too_few.
    pub weakest_groups: Vec<GroupRate>,
    pub weakest_areas: Vec<AreaRate>,
    /// Up to [`WEAKEST_SHOWN`] group × area cells with the lowest share, leaving out too_few.
    pub weakest_cells: Vec<CellRate>,
    pub weakest_townships: Vec<TownshipRate>,
    pub totals: RespondentTotals,
    /// Rows left out of every figure, and why.
    pub excluded_rows: Vec<ExcludedRow>,
    /// `meta.survey_method.notes`, for the method box.
    pub method_notes: Option<String>,
}

/// The survey summary of a snapshot; `None` when the snapshot has no survey.
pub fn summarise(snapshot: &Snapshot) -> Option<SurveySummary> {
    summarise_with_rule(snapshot).map(|(summary, _)| summary)
}

/// The summary and the weighting rule behind it (the trend compares rules between periods).
pub(crate) fn summarise_with_rule(snapshot: &Snapshot) -> Option<(SurveySummary, Rule)> {
    let survey = snapshot.satisfaction.as_ref()?;
    let tally = Tally::of(survey);

    let surveyed: Vec<RespondentGroup> = RespondentGroup::ALL
        .into_iter()
        .filter(|group| {
            std::iter::once(&tally.county)
                .chain(tally.townships.values())
                .flat_map(|cells| cells.iter())
                .any(|((g, _), counts)| g == group && counts.respondents > 0)
        })
        .collect();
    let (rule, source) = resolve(snapshot.meta.survey_method.as_ref(), &surveyed);

    let by_group = group_rates(&tally.county);
    let (overall, weights) = combine(&rule, &as_parts(&by_group));

    let cells: Vec<CellRate> = tally
        .county
        .iter()
        .map(|(&(group, area), counts)| CellRate { group, area, rate: counts.rate() })
        .collect();

    let by_area: Vec<AreaRate> = SurveyArea::ALL
        .into_iter()
        .filter_map(|area| {
            let parts: Vec<(RespondentGroup, Rate)> =
                cells.iter().filter(|c| c.area == area).map(|c| (c.group, c.rate.clone())).collect();
            if parts.is_empty() {
                return None;
            }
            Some(AreaRate { area, rate: combine(&rule, &parts).0 })
        })
        .collect();

    let by_township: Vec<TownshipRate> = tally
        .townships
        .iter()
        .map(|(code, township_cells)| {
            let groups = group_rates(township_cells);
            TownshipRate {
                code: code.clone(),
                name: snapshot.township(code).map(|t| t.name.clone()),
                name_en: snapshot.township(code).and_then(|t| t.name_en.clone()),
                rate: combine(&rule, &as_parts(&groups)).0,
                groups: groups.iter().map(|g| g.group).collect(),
            }
        })
        .collect();

    let totals = RespondentTotals {
        county_respondents: people(&tally.county),
        county_answers: answers(&tally.county),
        township_respondents: tally.townships.values().map(people).fold(0, u64::saturating_add),
        township_answers: tally.townships.values().map(answers).fold(0, u64::saturating_add),
    };

    let summary = SurveySummary {
        overall,
        weighting: Weighting { source, groups: weights },
        weakest_groups: weakest(&by_group, |g| &g.rate),
        weakest_areas: weakest(&by_area, |a| &a.rate),
        weakest_cells: weakest(&cells, |c| &c.rate),
        weakest_townships: weakest(&by_township, |t| &t.rate),
        by_group,
        by_area,
        cells,
        by_township,
        totals,
        excluded_rows: tally.excluded,
        method_notes: snapshot.meta.survey_method.as_ref().map(|m| m.notes.clone()),
    };
    Some((summary, rule))
}

/// Each group's rate across its question areas: pooled answers for the share, people for the
/// interval (see the module comment).
fn group_rates(cells: &Cells) -> Vec<GroupRate> {
    RespondentGroup::ALL
        .into_iter()
        .filter_map(|group| {
            let mut group_cells = cells.iter().filter(|((g, _), _)| *g == group).map(|(_, c)| *c).peekable();
            group_cells.peek()?;
            Some(GroupRate { group, rate: group_rate(group_cells) })
        })
        .collect()
}

fn group_rate(cells: impl Iterator<Item = Counts>) -> Rate {
    let mut pooled = Counts::default();
    let mut people = 0u64;
    for counts in cells {
        pooled.add(counts);
        people = people.max(counts.respondents);
    }
    if pooled.respondents == people {
        // One area (or one area with answers): the published counts themselves.
        return pooled.rate();
    }
    Rate::from_proportion(pooled.satisfied as f64 / pooled.respondents as f64, people as f64)
}

fn as_parts(rates: &[GroupRate]) -> Vec<(RespondentGroup, Rate)> {
    rates.iter().map(|g| (g.group, g.rate.clone())).collect()
}

/// People behind a set of cells: per group the largest area count, summed over groups.
fn people(cells: &Cells) -> u64 {
    RespondentGroup::ALL
        .into_iter()
        .map(|group| {
            cells.iter().filter(|((g, _), _)| *g == group).map(|(_, c)| c.respondents).max().unwrap_or(0)
        })
        .fold(0, u64::saturating_add)
}

fn answers(cells: &Cells) -> u64 {
    cells.values().map(|c| c.respondents).fold(0, u64::saturating_add)
}

/// The lowest shares first, leaving out rates without a share or with too few respondents (a
/// small group's low rate is mostly noise). Ties keep the input order.
fn weakest<T: Clone>(items: &[T], rate_of: impl Fn(&T) -> &Rate) -> Vec<T> {
    let mut ranked: Vec<(f64, &T)> = items
        .iter()
        .filter(|item| !rate_of(item).too_few)
        .filter_map(|item| rate_of(item).share.map(|share| (share, item)))
        .collect();
    crate::sort::sort_by(&mut ranked, |a, b| a.0.total_cmp(&b.0));
    ranked.into_iter().take(WEAKEST_SHOWN).map(|(_, item)| item.clone()).collect()
}
