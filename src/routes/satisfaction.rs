//! `/satisfaction`: the 社会认可度 survey as deputies need it: the county rate against the 85%
//! line with its interval and respondent count, every group and question area, the group × area
//! heatmap, the townships with their intervals, the trend across surveys with the changes the
//! survey can actually show, and the method. Every number is the core's (`atlas_core::survey`).

use crate::api::{Loaded, LoadedSnapshot};
use crate::components::figure::FigureFrame;
use crate::components::indicator_card::definition_href;
use crate::components::loaded::WithSnapshot;
use crate::components::pickers::PeriodPicker;
use crate::components::status::{Notice, Skeleton};
use crate::components::survey_rate::{ExcludedRows, OverallRate, PositionLegend, RateCells, RateHeads};
use crate::context::{use_query, use_selection, use_series, Selection};
use crate::i18n::survey::survey_msg;
use crate::i18n::{self, lang};
use crate::state::Query;
use crate::survey_figures::{
    change_text, groups_figure, heatmap_figure, rate_text, respondents_text, survey_trend, too_few_threshold,
    townships_figure, trend_figure, Count, StandardLine, SURVEY_INDICATOR,
};
use atlas_core::format::{format_value, Unit};
use atlas_core::survey::{summarise, Rate, SurveySummary, TrendPoint};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn SatisfactionPage() -> impl IntoView {
    let selection = use_selection();
    let title = move || {
        selection.with(|s| match s {
            Some(s) => format!(
                "{} · {} {}",
                survey_msg().title,
                s.county.name,
                s.current.as_ref().map(|e| e.school_year.label_zh()).unwrap_or_default()
            ),
            None => survey_msg().title.to_string(),
        })
    };
    view! {
        <section class="page satisfaction-page">
            <h1>{title}</h1>
            <p class="lede">{survey_msg().lede}</p>
            <PeriodPicker/>
            <WithSnapshot render=move |sel, snap| view! { <SatisfactionBody selection=sel snapshot=snap/> }.into_any()/>
        </section>
    }
}

/// The briefing of the shown county and year, as a link that survives being pasted elsewhere.
pub fn briefing_href(selection: &Selection) -> String {
    selection.canonical(&Query::in_lang(lang())).href("/satisfaction/briefing")
}

/// The surveys of the selected county across school years.
#[derive(Clone, Copy)]
pub struct SurveyTrend {
    /// Every survey, oldest first; None while the school years load.
    pub points: Memo<Option<Vec<TrendPoint>>>,
    /// Files of school years that failed to load (their surveys are missing from `points`).
    pub failed: Memo<Vec<String>>,
    pub series: LocalResource<Vec<Loaded<LoadedSnapshot>>>,
}

pub fn use_survey_trend(selection: Memo<Option<Selection>>) -> SurveyTrend {
    let series = use_series(selection);
    let points = Memo::new(move |_| {
        series.get().map(|loaded| {
            let ok: Vec<Arc<LoadedSnapshot>> = loaded.into_iter().filter_map(Result::ok).collect();
            survey_trend(&ok)
        })
    });
    let failed = Memo::new(move |_| {
        series
            .get()
            .map(|loaded| loaded.into_iter().filter_map(|r| r.err().map(|e| e.file)).collect())
            .unwrap_or_default()
    });
    SurveyTrend { points, failed, series }
}

#[component]
fn SatisfactionBody(selection: Selection, snapshot: Arc<LoadedSnapshot>) -> impl IntoView {
    let line = StandardLine::from_table();
    let summary = summarise(&snapshot.snapshot);
    let SurveyTrend { points, failed, series } = use_survey_trend(use_selection());
    let year = snapshot.entry.school_year.clone();
    let current_point = Memo::new(move |_| {
        points.with(|p| p.as_ref().and_then(|p| p.iter().find(|t| t.school_year == year).cloned()))
    });
    let latest =
        move || series.get().and_then(|loaded| loaded.into_iter().filter_map(Result::ok).next_back());
    let trend_view = move || match points.get() {
        None => view! { <Skeleton blocks=1/> }.into_any(),
        Some(p) if p.is_empty() => view! { <Notice text=survey_msg().no_survey/> }.into_any(),
        Some(p) => match latest().and_then(|snap| trend_figure(&snap, &p, line)) {
            Some(figure) => view! { <FigureFrame figure=figure/> }.into_any(),
            None => view! { <Notice text=survey_msg().no_survey/> }.into_any(),
        },
    };
    let briefing = briefing_href(&selection);
    let body = match summary {
        None => view! { <Notice text=survey_msg().no_survey/> }.into_any(),
        Some(summary) => view! {
            <SurveyBody snapshot=snapshot.clone() summary=summary line=line current_point=current_point briefing=briefing/>
        }
        .into_any(),
    };
    view! {
        {body}
        <section class="section" aria-labelledby="sat-trend">
            <h2 id="sat-trend">{survey_msg().trend_heading}</h2>
            {move || {
                let files = failed.get();
                (!files.is_empty()).then(|| view! { <p class="notice">{survey_msg().series_failed}" "{files.join("、")}</p> })
            }}
            {trend_view}
            <ChangesTable points=points current=current_point/>
        </section>
        <MethodSection snapshot=snapshot/>
    }
}

#[component]
fn SurveyBody(
    snapshot: Arc<LoadedSnapshot>,
    summary: SurveySummary,
    line: Option<StandardLine>,
    current_point: Memo<Option<TrendPoint>>,
    briefing: String,
) -> impl IntoView {
    let combined = Count::of_combined(&summary);
    let change_line = move || {
        current_point.get().map(|p| match p.previous_school_year {
            Some(previous) => format!(
                "{}：{}",
                i18n::survey::compared_with(&previous.label_zh()),
                change_text(p.change.as_ref(), p.weighting_changed)
            ),
            None => survey_msg().first_survey.to_string(),
        })
    };
    let groups = groups_figure(&snapshot, &summary, line);
    let heatmap = heatmap_figure(&snapshot, &summary, line);
    let townships = townships_figure(&snapshot, &summary, line);
    view! {
        <section class="section sat-head" aria-label=survey_msg().overall>
            <OverallRate summary=summary.clone() line=line/>
            <p class="sat-change" data-overall-change="">{change_line}</p>
            <p class="sat-totals">
                {(combined == Count::Effective).then(|| format!(
                    "{} {} · ",
                    survey_msg().head_count,
                    i18n::survey::people_text(&format_value(Some(summary.totals.county_respondents as f64), Unit::Count, lang()))
                ))}
                {survey_msg().answers}" "{format_value(Some(summary.totals.county_answers as f64), Unit::Count, lang())}
            </p>
            <Weighting summary=summary.clone()/>
            <p class="sat-links">
                <a class="button primary" href=briefing data-briefing-link="">{survey_msg().open_briefing}</a>
                " "
                <a class="button" href="#method">{survey_msg().method_heading}</a>
            </p>
        </section>
        <section class="section" aria-labelledby="sat-groups">
            <h2 id="sat-groups">{survey_msg().groups_heading}</h2>
            <RatesTable
                heading=survey_msg().group
                count=Count::People
                rows=summary.by_group.iter().map(|g| (g.group.label_zh(), g.rate.clone())).collect()
                attribute=RowKey::Group
                line=line
            />
            <FigureFrame figure=groups>
                <PositionLegend/>
            </FigureFrame>
        </section>
        <section class="section" aria-labelledby="sat-areas">
            <h2 id="sat-areas">{survey_msg().areas_heading}</h2>
            <RatesTable
                heading=survey_msg().area
                count=combined
                rows=summary.by_area.iter().map(|a| (a.area.label_zh(), a.rate.clone())).collect()
                attribute=RowKey::Area
                line=line
            />
            <FigureFrame figure=heatmap>
                <PositionLegend/>
            </FigureFrame>
        </section>
        <section class="section" aria-labelledby="sat-townships">
            <h2 id="sat-townships">{survey_msg().townships_heading}</h2>
            <p class="section-note">{survey_msg().townships_note}</p>
            {match townships {
                Some(figure) => view! {
                    <FigureFrame figure=figure>
                        <PositionLegend/>
                    </FigureFrame>
                }
                .into_any(),
                None => view! { <Notice text=survey_msg().no_township_rows/> }.into_any(),
            }}
        </section>
        <ExcludedRows summary=summary/>
    }
}

/// How the groups were combined into the overall rate: the rule, where it came from, and each
/// group's weight and respondents.
#[component]
fn Weighting(summary: SurveySummary) -> impl IntoView {
    view! {
        <details class="sat-weighting">
            <summary>{survey_msg().weighting_heading}</summary>
            <p data-weighting=format!("{:?}", summary.weighting.source)>{summary.weighting.source.label_zh()}</p>
            <div class="table-scroll" tabindex="0">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{survey_msg().group}</th>
                            <th scope="col" class="num">{survey_msg().weight}</th>
                            <th scope="col" class="num">{survey_msg().respondents}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {summary
                            .weighting
                            .groups
                            .iter()
                            .map(|w| view! {
                                <tr>
                                    <th scope="row">{w.group.label_zh()}</th>
                                    <td class="num">{format_value(Some(w.percent()), Unit::Percent, lang())}</td>
                                    <td class="num">{format_value(Some(w.respondents), Unit::Count, lang())}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
}

/// Which data attribute names a row: `data-group="家长"` or `data-area="教育公平"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowKey {
    Group,
    Area,
}

/// Rows of named rates with intervals, respondents and verdicts; each row carries its name in
/// the attribute `attribute` names, so a test or a reader's script can find one group or area.
#[component]
pub fn RatesTable(
    heading: &'static str,
    count: Count,
    rows: Vec<(&'static str, Rate)>,
    attribute: RowKey,
    line: Option<StandardLine>,
) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="sat-table">
                <thead>
                    <tr>
                        <th scope="col">{heading}</th>
                        <RateHeads count=count/>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|(name, rate)| match attribute {
                            RowKey::Group => view! {
                                <tr data-group=name>
                                    <th scope="row">{name}</th>
                                    <RateCells rate=rate line=line/>
                                </tr>
                            }
                            .into_any(),
                            RowKey::Area => view! {
                                <tr data-area=name>
                                    <th scope="row">{name}</th>
                                    <RateCells rate=rate line=line/>
                                </tr>
                            }
                            .into_any(),
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// This survey against the one before, for the overall rate and every group.
#[component]
fn ChangesTable(points: Memo<Option<Vec<TrendPoint>>>, current: Memo<Option<TrendPoint>>) -> impl IntoView {
    move || {
        let point = current.get()?;
        let previous_year = point.previous_school_year.clone()?;
        let previous =
            points.with(|p| p.as_ref()?.iter().find(|t| t.school_year == previous_year).cloned())?;
        let with_n = |rate: &Rate| {
            format!("{}（{}）", rate_text(rate), i18n::survey::people_text(&respondents_text(rate)))
        };
        let mut rows = vec![(
            survey_msg().overall.to_string(),
            with_n(&point.overall),
            with_n(&previous.overall),
            change_text(point.change.as_ref(), point.weighting_changed),
            point.change.is_some_and(|c| c.significant),
        )];
        for g in &point.by_group {
            let before = previous.by_group.iter().find(|b| b.group == g.group);
            rows.push((
                g.group.label_zh().to_string(),
                with_n(&g.rate),
                before.map(|b| with_n(&b.rate)).unwrap_or_else(|| survey_msg().not_surveyed.to_string()),
                change_text(g.change.as_ref(), false),
                g.change.is_some_and(|c| c.significant),
            ));
        }
        Some(view! {
            <h3>{format!("{}（{}）", survey_msg().changes_heading, i18n::survey::compared_with(&previous_year.label_zh()))}</h3>
            <div class="table-scroll" tabindex="0">
                <table class="sat-table" data-changes="">
                    <thead>
                        <tr>
                            <th scope="col">{survey_msg().group}</th>
                            <th scope="col" class="num">{point.school_year.label_zh()}</th>
                            <th scope="col" class="num">{previous_year.label_zh()}</th>
                            <th scope="col">{survey_msg().change}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {rows
                            .into_iter()
                            .map(|(name, now, before, change, significant)| view! {
                                <tr data-change-row=name.clone() class:sat-significant=significant>
                                    <th scope="row">{name.clone()}</th>
                                    <td class="num">{now}</td>
                                    <td class="num">{before}</td>
                                    <td data-significant=significant.to_string()>{change}</td>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
        })
    }
}

/// How the figures are made, the publisher's own notes, and the definition link.
#[component]
pub fn MethodSection(snapshot: Arc<LoadedSnapshot>) -> impl IntoView {
    let query = use_query();
    let notes = snapshot.snapshot.meta.survey_method.as_ref().map(|m| m.notes.clone());
    view! {
        <section class="section sat-method" id="method" aria-labelledby="sat-method-h">
            <h2 id="sat-method-h">{survey_msg().method_heading}</h2>
            <MethodRules/>
            {notes.map(|n| view! {
                <h3>{survey_msg().method_notes}</h3>
                <p class="sat-notes" data-method-notes="">{n}</p>
            })}
            <p>
                <a href=move || query.with(|q| definition_href(&q.base(), SURVEY_INDICATOR))>
                    {survey_msg().method_definition}
                </a>
            </p>
        </section>
    }
}

/// The rules behind every figure, in brief (docs/survey-method.md in full).
#[component]
pub fn MethodRules() -> impl IntoView {
    view! {
        <ul class="sat-rules">
            <li>{survey_msg().method_likert}</li>
            <li>{survey_msg().method_county_township}</li>
            <li>{survey_msg().method_groups}</li>
            <li>{survey_msg().method_interval}</li>
            <li>{i18n::survey::method_too_few_and_change(&too_few_threshold())}</li>
        </ul>
    }
}
