//! One target of a plan: its status (coloured chip with the status in words), the commitment,
//! the goal, deadline and latest value in one line; tapping it opens the baseline, what the path
//! expects now, the links to the indicator's definition and to the document, and the chart.
//! The chart is built and drawn only when the target is opened: a plan has up to 115 targets,
//! and a phone should not draw charts nobody looks at.

use super::model::{indicator_of, value_text, PlanModel};
use crate::components::figure::{Figure, FigureFrame};
use crate::i18n::figure::figure_msg;
use crate::i18n::plan::plan_msg;
use crate::i18n::{self, msg};
use atlas_core::plan::{Goal, Status};
use leptos::prelude::*;
use leptos::web_sys;
use std::sync::Arc;

/// CSS class of a status chip; the colour always comes with the status in words.
pub fn status_class(status: Status) -> String {
    format!("plan-status status-{}", status.key())
}

/// The latest value of a target as a reader should read it.
fn latest_text(model: &PlanModel, index: usize, column: Option<usize>) -> String {
    let Some(target) = model.plan.targets.get(index) else { return String::new() };
    let status = model.status(index, column);
    match model.latest(index, column) {
        // A milestone's indicator is 1 once done: say it in words.
        Some((_, point)) if matches!(target.goal, Goal::Milestone) => {
            let done = if status == Status::Achieved { plan_msg().done } else { plan_msg().not_done };
            i18n::plan::value_at(done, &point.school_year.label_zh())
        }
        Some((value, point)) => {
            i18n::plan::value_at(&value_text(target, value), &point.school_year.label_zh())
        }
        None if status.is_measurable() => plan_msg().no_data_yet.to_string(),
        None => figure_msg().missing_data.to_string(),
    }
}

#[component]
pub fn TargetItem(
    model: Arc<PlanModel>,
    index: usize,
    column: Option<usize>,
    /// Link to the indicator's definition on the About page.
    definition_href: Option<String>,
) -> impl IntoView {
    let Some(target) = model.plan.targets.get(index).cloned() else { return ().into_any() };
    let status = model.status(index, column);
    let progress = model.progress(index, column).cloned();
    let goal = target.goal.label_zh(&target.unit);
    let deadline = target
        .deadline
        .as_ref()
        .map(|d| i18n::plan::date_text(d.as_str()))
        .unwrap_or_else(|| plan_msg().no_deadline.to_string());
    let baseline = target
        .baseline
        .as_ref()
        .map(|b| i18n::plan::value_at(&value_text(&target, b.value), &i18n::plan::date_text(b.date.as_str())))
        .unwrap_or_else(|| plan_msg().no_baseline.to_string());
    let latest = latest_text(&model, index, column);
    let brief = format!(
        "{} {goal} · {} {deadline} · {} {latest}",
        plan_msg().goal,
        plan_msg().deadline,
        plan_msg().latest
    );
    // What the path (or the level held) expects at the judged date, when there is a path.
    let expected = progress
        .as_ref()
        .filter(|p| p.status.is_measurable())
        .and_then(|p| Some((p.expected?, p.judged.as_ref()?)))
        .map(|(e, judged)| i18n::plan::value_at(&value_text(&target, e), judged.as_of.as_str()));
    // The observation judged, when it is not the latest (a broken year of a yearly commitment).
    let judged = progress
        .as_ref()
        .and_then(|p| p.judged.clone())
        .filter(|j| model.latest(index, column).is_none_or(|(_, point)| point.as_of != j.as_of))
        .map(|j| i18n::plan::value_at(&value_text(&target, j.value), j.as_of.as_str()));
    // One row template for every fact keeps the page's code small (a plan has up to 115 targets,
    // but the code is what a phone downloads).
    let mut facts: Vec<(&'static str, &'static str, String)> = vec![
        ("goal", plan_msg().goal, goal),
        ("deadline", plan_msg().deadline, deadline),
        ("baseline", plan_msg().baseline, baseline),
        ("latest", plan_msg().latest, latest),
    ];
    facts.extend(expected.map(|e| ("expected", plan_msg().expected, e)));
    facts.extend(judged.map(|j| ("judged", plan_msg().judged_on, j)));
    // The indicator's definition as a link, or as text why there is none.
    let definition = match (indicator_of(&target), definition_href) {
        (Some(def), Some(href)) => (format!("{}：{}", msg().definition, def.name_zh), Some(href)),
        _ => (plan_msg().no_indicator.to_string(), None),
    };
    let open = RwSignal::new(false);
    let on_toggle = move |ev: leptos::ev::Event| {
        if event_target::<web_sys::Element>(&ev).has_attribute("open") {
            open.set(true);
        }
    };
    let plan_line = i18n::plan::target_from(&model.plan.meta.title, &target.section);
    let chart = {
        let model = model.clone();
        move || {
            open.get()
                .then(|| model.target_figure(index, column))
                .flatten()
                .map(|figure| view! { <TargetChart figure=figure plan_line=plan_line.clone()/> })
        }
    };
    view! {
        <li class="plan-target" data-target=target.id.clone() data-status=status.key() data-area=target.area.key()>
            <details on:toggle=on_toggle>
                <summary>
                    <span class=status_class(status)>{status.label_zh()}</span>
                    <span class="plan-commitment">{target.commitment.clone()}</span>
                    <span class="plan-brief">{brief}</span>
                </summary>
                <div class="plan-detail">
                    <dl class="plan-facts">
                        {facts
                            .into_iter()
                            .map(|(key, label, value)| view! { <div data-fact=key><dt>{label}</dt><dd>{value}</dd></div> })
                            .collect_view()}
                    </dl>
                    <p class="plan-links">
                        {match definition.1 {
                            Some(href) => view! { <a href=href>{definition.0}</a> }.into_any(),
                            None => view! { <span>{definition.0}</span> }.into_any(),
                        }}
                        " · "
                        <a href="#plan-source">{format!("{}：{}", plan_msg().section, target.section)}</a>
                    </p>
                    {target.note.clone().map(|n| view! { <p class="plan-note">{format!("{}：{n}", plan_msg().note)}</p> })}
                    {chart}
                </div>
            </details>
        </li>
    }
    .into_any()
}

/// A target's chart in the common frame (title, unit, period, chart or table, summary, source,
/// downloads), with the plan as a second source line.
#[component]
fn TargetChart(figure: Figure, plan_line: String) -> impl IntoView {
    view! {
        <FigureFrame figure=figure>
            <p class="figure-source">{plan_line}</p>
        </FigureFrame>
    }
}
