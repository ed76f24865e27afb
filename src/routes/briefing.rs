//! `/satisfaction/briefing?county=…&year=…`: the 社会认可度 briefing a deputy takes into a
//! meeting, laid out for A4 and at most two printed pages: the county rate against the line with
//! its interval and respondents, the weakest groups, areas and townships, the surveys so far, the
//! method in brief, and the data version with its full SHA-256 so a printed copy can be traced
//! to the exact file. Tables only (no chart): they print sharply and never wait for ECharts.

use crate::api::LoadedSnapshot;
use crate::components::loaded::WithSnapshot;
use crate::components::status::Notice;
use crate::components::survey_rate::{OverallRate, RateCells, RateHeads};
use crate::context::{use_selection, Selection};
use crate::i18n::figure::figure_msg;
use crate::i18n::{self, lang, msg};
use crate::i18n::{briefing::brief_msg, survey::survey_msg};
use crate::routes::satisfaction::{use_survey_trend, MethodRules, RatesTable, RowKey, SurveyTrend};
use crate::state::Query;
use crate::survey_figures::{change_text, too_few_threshold, Count, StandardLine};
use atlas_core::format::{format_value, Unit, SAMPLE_NOTICE_ZH};
use atlas_core::survey::{summarise, Rate, SurveySummary, TrendPoint};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn BriefingPage() -> impl IntoView {
    view! {
        <section class="page briefing-page">
            <WithSnapshot render=move |sel, snap| view! { <Briefing selection=sel snapshot=snap/> }.into_any()/>
        </section>
    }
}

/// Today's date in the reader's time zone, as the browser knows it: the day the briefing was
/// generated (printed copies are dated by it).
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", now.get_full_year(), now.get_month() + 1, now.get_date())
}

#[component]
fn Briefing(selection: Selection, snapshot: Arc<LoadedSnapshot>) -> impl IntoView {
    let line = StandardLine::from_table();
    let summary = summarise(&snapshot.snapshot);
    let SurveyTrend { points, failed, .. } = use_survey_trend(use_selection());
    let meta = &snapshot.snapshot.meta;
    let entry = &snapshot.entry;
    let year = entry.school_year.clone();
    let current_point = Memo::new(move |_| {
        points.with(|p| p.as_ref().and_then(|p| p.iter().find(|t| t.school_year == year).cloned()))
    });
    let back = selection.canonical(&Query::in_lang(lang())).href("/satisfaction");
    let online = window().location().href().unwrap_or_default();
    let print = move |_| {
        // Printing is the browser's; if it refuses (an embedded viewer) the page stays as it is.
        let _ = window().print();
    };
    let body = match summary {
        None => view! { <Notice text=survey_msg().no_survey/> }.into_any(),
        Some(summary) => {
            view! { <BriefingBody summary=summary line=line current_point=current_point/> }.into_any()
        }
    };
    view! {
        <article class="briefing" data-briefing="" data-ready=move || points.with(|p| p.is_some()).to_string()>
            <div class="briefing-actions">
                <button type="button" class="button primary" on:click=print>{brief_msg().print}</button>
                <a class="button" href=back>{brief_msg().back}</a>
            </div>
            <header class="briefing-head">
                <h1>{format!("{}{}", meta.county_name, brief_msg().title)}</h1>
                <p class="briefing-sub">
                    {entry.school_year.label_zh()}" · "{brief_msg().audience}
                </p>
                <p class="briefing-generated" data-generated="">{i18n::briefing::generated_on(&today())}</p>
            </header>
            {meta.sample.then(|| view! {
                <p class="briefing-sample" role="note" data-sample-notice="">{SAMPLE_NOTICE_ZH}</p>
            })}
            {body}
            <section class="briefing-section" aria-labelledby="brief-trend">
                <h2 id="brief-trend">{survey_msg().trend_heading}</h2>
                {move || {
                    let files = failed.get();
                    (!files.is_empty()).then(|| view! { <p class="notice">{survey_msg().series_failed}" "{files.join("、")}</p> })
                }}
                {move || match points.get() {
                    None => view! { <p class="notice">{brief_msg().loading_trend}</p> }.into_any(),
                    Some(p) => view! { <TrendTable points=p line=line/> }.into_any(),
                }}
            </section>
            <section class="briefing-section" aria-labelledby="brief-method">
                <h2 id="brief-method">{brief_msg().method_heading}</h2>
                <MethodRules/>
                {meta.survey_method.as_ref().map(|m| view! {
                    <p class="briefing-notes"><strong>{survey_msg().method_notes}"："</strong>{m.notes.clone()}</p>
                })}
            </section>
            <footer class="briefing-section briefing-version" aria-labelledby="brief-version">
                <h2 id="brief-version">{brief_msg().version_heading}</h2>
                <dl>
                    <dt>{figure_msg().publisher}</dt>
                    <dd>{meta.publisher.clone()}</dd>
                    <dt>{figure_msg().source}</dt>
                    <dd>{meta.source.clone()}</dd>
                    <dt>{brief_msg().snapshot_id}</dt>
                    <dd data-snapshot-id="">{entry.id.clone()}</dd>
                    <dt>{figure_msg().as_of}</dt>
                    <dd>{entry.as_of.0.clone()}</dd>
                    <dt>{figure_msg().published}</dt>
                    <dd>{entry.published.0.clone()}</dd>
                    <dt>{brief_msg().sha256}</dt>
                    <dd><code class="briefing-hash" data-sha256="">{entry.sha256.clone()}</code></dd>
                    <dt>{brief_msg().online}</dt>
                    <dd class="briefing-url">{online}</dd>
                </dl>
            </footer>
        </article>
    }
}

#[component]
fn BriefingBody(
    summary: SurveySummary,
    line: Option<StandardLine>,
    current_point: Memo<Option<TrendPoint>>,
) -> impl IntoView {
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
    let significant_groups = move || {
        current_point.get().filter(|p| p.previous_school_year.is_some()).map(|p| {
            let names: Vec<&str> = p
                .by_group
                .iter()
                .filter(|g| g.change.is_some_and(|c| c.significant))
                .map(|g| g.group.label_zh())
                .collect();
            format!(
                "{}：{}",
                brief_msg().significant_groups,
                if names.is_empty() { brief_msg().none.to_string() } else { names.join("、") }
            )
        })
    };
    let combined = Count::of_combined(&summary);
    let weakest: Vec<(&'static str, String, Rate)> = summary
        .weakest_groups
        .iter()
        .map(|g| (brief_msg().weakest_groups, g.group.label_zh().to_string(), g.rate.clone()))
        .chain(
            summary
                .weakest_areas
                .iter()
                .map(|a| (brief_msg().weakest_areas, a.area.label_zh().to_string(), a.rate.clone())),
        )
        .chain(summary.weakest_townships.iter().map(|t| {
            (
                brief_msg().weakest_townships,
                t.name.clone().unwrap_or_else(|| t.code.to_string()),
                t.rate.clone(),
            )
        }))
        .collect();
    view! {
        <section class="briefing-section briefing-headline" aria-label=survey_msg().overall>
            <OverallRate summary=summary.clone() line=line/>
            <div class="briefing-headline-notes">
                <p data-overall-change="">{change_line}</p>
                <p>{significant_groups}</p>
                <p>
                    {survey_msg().head_count}" "
                    {i18n::survey::people_text(&format_value(Some(summary.totals.county_respondents as f64), Unit::Count, lang()))}
                    " · "{summary.weighting.source.label_zh()}
                </p>
            </div>
        </section>
        <section class="briefing-section" aria-labelledby="brief-weakest">
            <h2 id="brief-weakest">{brief_msg().weakest_heading}</h2>
            <div class="table-scroll" tabindex="0">
                <table class="sat-table briefing-table" data-weakest="">
                    <thead>
                        <tr>
                            <th scope="col">{brief_msg().kind}</th>
                            <th scope="col">{brief_msg().name}</th>
                            <RateHeads count=combined/>
                        </tr>
                    </thead>
                    <tbody>
                        {weakest
                            .into_iter()
                            .map(|(kind, name, rate)| view! {
                                <tr data-weakest-kind=kind>
                                    <td>{kind}</td>
                                    <th scope="row">{name}</th>
                                    <RateCells rate=rate line=line/>
                                </tr>
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <p class="briefing-small">{i18n::survey::too_few_note(&too_few_threshold())}</p>
        </section>
        <section class="briefing-section" aria-labelledby="brief-groups">
            <h2 id="brief-groups">{brief_msg().all_groups}</h2>
            <RatesTable
                heading=survey_msg().group
                count=Count::People
                rows=summary.by_group.iter().map(|g| (g.group.label_zh(), g.rate.clone())).collect()
                attribute=RowKey::Group
                line=line
            />
        </section>
    }
}

/// The overall rate of every survey so far, with its change against the survey before.
#[component]
fn TrendTable(points: Vec<TrendPoint>, line: Option<StandardLine>) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0">
            <table class="sat-table briefing-table" data-trend="">
                <thead>
                    <tr>
                        <th scope="col">{msg().school_year}</th>
                        <RateHeads count=Count::People/>
                        <th scope="col">{survey_msg().change}</th>
                    </tr>
                </thead>
                <tbody>
                    {points
                        .into_iter()
                        .map(|p| {
                            let change = if p.previous_school_year.is_some() {
                                change_text(p.change.as_ref(), p.weighting_changed)
                            } else {
                                atlas_core::format::MISSING.to_string()
                            };
                            view! {
                                <tr data-year=p.school_year.to_string()>
                                    <th scope="row">{p.school_year.label_zh()}</th>
                                    <RateCells rate=p.overall.clone() line=line/>
                                    <td>{change}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}
