//! A survey rate as a reader meets it everywhere: the rate, its 95% interval, how many people
//! answered, the 样本过少 flag and where it stands against the standard line. The page, the
//! briefing and the overview use these pieces, with the same data attributes (`data-rate`,
//! `data-interval-low`, `data-interval-high`, `data-respondents`) for tests and scrapers.

use crate::context::Selection;
use crate::figures::LegendEntry;
use crate::i18n::figure::figure_msg;
use crate::i18n::survey::survey_msg;
use crate::i18n::{self, lang};
use crate::state::Query;
use crate::survey_figures::{
    interval_ends, position, position_class, position_legend, position_short_label, rate_text,
    respondents_text, too_few_threshold, Count, StandardLine,
};
use atlas_core::survey::{Rate, SurveySummary};
use leptos::prelude::*;

fn attr(value: Option<f64>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The header cells matching [`RateCells`].
#[component]
pub fn RateHeads(count: Count) -> impl IntoView {
    view! {
        <th scope="col" class="num">{survey_msg().rate}</th>
        <th scope="col" class="num">{survey_msg().interval}</th>
        <th scope="col" class="num">{count.label()}</th>
        <th scope="col">{survey_msg().position}</th>
    }
}

/// Four table cells: rate, interval, respondents, verdict.
#[component]
pub fn RateCells(rate: Rate, line: Option<StandardLine>) -> impl IntoView {
    let (low, high) = interval_ends(&rate);
    view! {
        <td class="num" data-rate=attr(rate.share)>{rate_text(&rate)}</td>
        <td class="num sat-interval">
            <span data-interval-low=attr(rate.interval.map(|i| i.0))>{low}</span>
            " – "
            <span data-interval-high=attr(rate.interval.map(|i| i.1))>{high}</span>
        </td>
        <td class="num" data-respondents=rate.respondents.to_string()>{respondents_text(&rate)}</td>
        <td class="sat-verdict"><Verdict rate=rate line=line/></td>
    }
}

/// The position chip and, when it applies, the 样本过少 chip (its title says why).
#[component]
pub fn Verdict(rate: Rate, line: Option<StandardLine>) -> impl IntoView {
    let place = position(&rate, line);
    view! {
        {place.map(|p| view! {
            <span class=position_class(p) data-position=format!("{p:?}") title=p.label_zh()>{position_short_label(p)}</span>
        })}
        // The why is the chip's title and the method section's; a visually hidden note here
        // would be positioned outside the table's scroll box and widen the page on a phone.
        {rate.too_few.then(|| view! {
            " "
            <span class="chip too-few" data-too-few="" title=i18n::survey::too_few_note(&too_few_threshold())>
                {survey_msg().too_few}
            </span>
        })}
    }
}

/// The headline: the county rate large, its interval and respondents, the line and the verdict.
#[component]
pub fn OverallRate(summary: SurveySummary, line: Option<StandardLine>) -> impl IntoView {
    let rate = summary.overall.clone();
    let count = Count::of_combined(&summary);
    let (low, high) = interval_ends(&rate);
    view! {
        <div class="sat-overall" data-overall="">
            <p class="sat-overall-label">{survey_msg().overall}</p>
            <p class="sat-overall-value" data-rate=attr(rate.share)>{rate_text(&rate)}</p>
            <p class="sat-overall-detail">
                {survey_msg().interval}" "
                <span data-interval-low=attr(rate.interval.map(|i| i.0))>{low}</span>
                " – "
                <span data-interval-high=attr(rate.interval.map(|i| i.1))>{high}</span>
                " · "{count.label()}" "
                <span data-respondents=rate.respondents.to_string()>{respondents_text(&rate)}</span>
                " "{survey_msg().people}
            </p>
            <p class="sat-overall-line">
                {line.map(|l| l.label())}" "
                <Verdict rate=rate.clone() line=line/>
            </p>
        </div>
    }
}

/// A colour key for charts coloured by position against the line.
#[component]
pub fn PositionLegend() -> impl IntoView {
    let entries: Vec<LegendEntry> = position_legend();
    view! {
        <div class="legend" aria-label=figure_msg().map_legend>
            <p class="legend-title">{survey_msg().heatmap_legend}</p>
            <ul>
                {entries
                    .into_iter()
                    .map(|e| {
                        view! {
                            <li>
                                <span class="swatch" style=format!("background:{}", e.color)></span>
                                {e.label}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// The overview's box: the county's 社会认可度 with its interval, and the ways in.
#[component]
pub fn SatisfactionBox(summary: SurveySummary, selection: Selection) -> impl IntoView {
    // The county and year shown, written into the links, so they open the same survey.
    let query = selection.canonical(&Query::in_lang(lang()));
    let line = StandardLine::from_table();
    view! {
        <section class="section sat-box" aria-labelledby="sec-satisfaction">
            <h2 id="sec-satisfaction">{line.map(|l| l.def.name_zh).unwrap_or(survey_msg().title)}</h2>
            <OverallRate summary=summary line=line/>
            <p class="sat-links">
                <a class="button" data-satisfaction-link="" href=query.href("/satisfaction")>
                    {survey_msg().open_details}
                </a>
                " "
                <a class="button" data-briefing-link="" href=query.href("/satisfaction/briefing")>
                    {survey_msg().open_briefing}
                </a>
            </p>
        </section>
    }
}

/// A plain table of the excluded rows (position and reason), when the survey has any.
#[component]
pub fn ExcludedRows(summary: SurveySummary) -> impl IntoView {
    (!summary.excluded_rows.is_empty()).then(|| {
        view! {
            <section class="section" aria-labelledby="sat-excluded">
                <h2 id="sat-excluded">{survey_msg().excluded_heading}</h2>
                <ul class="warnings">
                    {summary
                        .excluded_rows
                        .iter()
                        .map(|row| view! { <li><code>{row.path.clone()}</code>" "{row.problem.label_zh()}</li> })
                        .collect_view()}
                </ul>
            </section>
        }
    })
}
