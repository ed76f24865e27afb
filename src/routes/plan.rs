//! `/plan`: "did they do what they promised?" Every quantifiable target of the county's plan,
//! grouped by area, with its status at the chosen school year, judged by the core on the
//! county's published snapshots. A county without snapshots (平阳, 石泉) still sees every
//! target, each saying that no data has been published yet.
//!
//! URL: `county`, `year` (the school year the statuses are judged at, default the latest),
//! `status` and `area` (filters; an unknown value shows everything) and `plan` (a plan id of
//! the county or a reference template; default the county's first plan). `plan` is read here
//! rather than in `state::Query` because only this page knows it; links made here keep it.

mod model;
mod summary;
mod target;

pub use summary::PlanSummaryBox;

use crate::components::indicator_card::definition_href;
use crate::components::pickers::PeriodPicker;
use crate::components::status::{ErrorPanel, Notice, Skeleton};
use crate::context::{use_atlas, use_query, use_selection};
use crate::i18n;
use crate::i18n::plan::plan_msg;
use crate::state::Query;
use atlas_core::plan::{Area, Status};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;
use model::{choose_plan, indicator_of, plan_choices, use_plan_model, PlanModel};
use std::sync::Arc;
use summary::summary_view;
use target::TargetItem;

/// `/plan` with `q` and, when the reader picked one, the plan.
fn plan_href(q: &Query, plan: Option<&str>) -> String {
    let mut href = q.href("/plan");
    if let Some(id) = plan {
        href.push(if href.contains('?') { '&' } else { '?' });
        href.push_str("plan=");
        href.push_str(id);
    }
    href
}

/// A plan the reader can pick: id, title, and whether it is a reference template.
#[derive(Clone, PartialEq)]
struct PlanOption {
    id: String,
    title: String,
    reference: bool,
}

#[component]
pub fn PlanPage() -> impl IntoView {
    let atlas = use_atlas();
    let selection = use_selection();
    let query = use_query();
    let params = use_query_map();
    let wanted = Memo::new(move |_| params.with(|m| m.get_str("plan").map(str::to_string)));
    let choice = Memo::new(move |_| {
        let manifest = atlas.manifest.get()?.ok()?;
        selection.with(|s| choose_plan(&manifest, &s.as_ref()?.county, wanted.get().as_deref()))
    });
    let model = use_plan_model(choice, Signal::from(true));
    let options = Memo::new(move |_| {
        let manifest = atlas.manifest.get().and_then(Result::ok);
        selection.with(|s| match (manifest, s) {
            (Some(m), Some(s)) => plan_choices(&m, &s.county)
                .into_iter()
                .map(|(p, reference)| PlanOption { id: p.id.clone(), title: p.title.clone(), reference })
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    });
    let body = move || {
        if let Some(Err(e)) = atlas.manifest.get() {
            return view! { <ErrorPanel error=e on_retry=Callback::new(move |_| atlas.manifest.refetch())/> }
                .into_any();
        }
        match model.get() {
            None => view! { <Skeleton blocks=4/> }.into_any(),
            Some(None) => {
                // No plan for this county: the templates stay reachable.
                let q = query.get_untracked().base();
                let references: Vec<PlanOption> = options.get().into_iter().filter(|o| o.reference).collect();
                view! {
                    <Notice text=plan_msg().no_plan/>
                    {references
                        .into_iter()
                        .map(|o| {
                            let text = format!("{}《{}》", plan_msg().reference_link, o.title);
                            view! { <p><a href=plan_href(&q, Some(&o.id))>{text}</a></p> }
                        })
                        .collect_view()}
                }
                .into_any()
            }
            Some(Some(Err(e))) => {
                view! { <ErrorPanel error=e on_retry=Callback::new(move |_| model.refetch())/> }.into_any()
            }
            Some(Some(Ok(m))) => {
                // Keep `plan` in links only when the URL named this plan.
                let explicit = wanted.get_untracked().is_some_and(|w| w == m.entry.id);
                view! { <PlanBody model=m options=options.get_untracked() explicit=explicit/> }.into_any()
            }
        }
    };
    view! {
        <section class="page plan-page">
            <h1>{plan_msg().title}</h1>
            <p class="lede">{plan_msg().lede}</p>
            <PeriodPicker/>
            {body}
        </section>
    }
}

#[component]
fn PlanBody(model: Arc<PlanModel>, options: Vec<PlanOption>, explicit: bool) -> impl IntoView {
    let query = use_query();
    let selection = use_selection();
    let navigate = use_navigate();
    let plan_param = explicit.then(|| model.entry.id.clone());
    let meta = &model.plan.meta;

    let picker = (options.len() > 1).then(|| {
        let navigate = navigate.clone();
        let on_change = move |ev: leptos::ev::Event| {
            let id = event_target_value(&ev);
            // Another plan starts unfiltered.
            let href = plan_href(&query.get_untracked().base(), Some(&id));
            navigate(&href, NavigateOptions { scroll: false, ..Default::default() });
        };
        let current = model.entry.id.clone();
        let option = move |o: &PlanOption| {
            view! { <option value=o.id.clone() selected=o.id == current>{o.title.clone()}</option> }
        };
        let (references, own): (Vec<PlanOption>, Vec<PlanOption>) = options.into_iter().partition(|o| o.reference);
        view! {
            <label class="picker picker-wide">
                <span>{plan_msg().document}</span>
                <select on:change=on_change data-plan-picker="">
                    {own.iter().map(option.clone()).collect_view()}
                    <optgroup label=plan_msg().reference_group>{references.iter().map(option).collect_view()}</optgroup>
                </select>
            </label>
        }
    });

    let not_stated = || plan_msg().not_stated.to_string();
    let facts = [
        (plan_msg().issuing_body, meta.issuing_body.clone().unwrap_or_else(not_stated)),
        (plan_msg().document_number, meta.document_number.clone().unwrap_or_else(not_stated)),
        (plan_msg().adopted, meta.adopted.as_ref().map(|d| d.to_string()).unwrap_or_else(not_stated)),
        (plan_msg().years, i18n::plan::years_text(meta.start_year, meta.end_year)),
    ];
    // The document in brief on top; where to find it (the target of every "原文位置" link) and
    // how it was read, at the end, so the summary is on a phone's first screens.
    let header = view! {
        <section class="plan-meta" data-plan=model.entry.id.clone()>
            <h2>{format!("《{}》", meta.title)}</h2>
            {model.reference.then(|| view! { <p class="notice" data-reference-plan="">{plan_msg().reference_notice}</p> })}
            <dl class="plan-meta-facts">
                {facts
                    .into_iter()
                    .map(|(label, value)| view! { <div><dt>{label}</dt><dd>{value}</dd></div> })
                    .collect_view()}
            </dl>
            <p class="section-note">{meta.wording_note.clone()}</p>
        </section>
    };
    let notes = meta.notes.clone();
    let source = view! {
        <section class="section plan-source" id="plan-source" aria-labelledby="plan-source-h">
            <h2 id="plan-source-h">{plan_msg().source}</h2>
            <p>{meta.source.clone()}</p>
            {(!notes.is_empty()).then(|| view! {
                <details class="plan-notes">
                    <summary>{format!("{}（{}）", plan_msg().notes, notes.len())}</summary>
                    <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
                </details>
            })}
        </section>
    };
    let failed = (!model.failed.is_empty()).then(|| {
        view! {
            <div class="notice" role="note">
                <p>{plan_msg().series_failed}</p>
                <ul>
                    {model
                        .failed
                        .iter()
                        .map(|e| view! { <li><code>{e.file.clone()}</code>" "{e.message_zh.clone()}</li> })
                        .collect_view()}
                </ul>
            </div>
        }
    });

    // Everything that depends on the school year and the filters, rebuilt when they change.
    let progress_view = {
        let model = model.clone();
        move || {
            let q = query.get();
            let year = selection
                .with(|s| s.as_ref().and_then(|s| s.current.as_ref().map(|e| e.school_year.clone())));
            let column = model.column(year.as_ref());
            let status = q.status.as_deref().and_then(Status::from_key);
            let area = q.area.as_deref().and_then(Area::from_key);
            let summary = model.summary(column);
            let statuses = model.statuses(column);
            let base = q.base();
            let status_link = {
                let (base, plan) = (base.clone(), plan_param.clone());
                move |s: Option<Status>| {
                    plan_href(
                        &base.with(|b| {
                            b.status = s.map(|s| s.key().to_string());
                            b.area = area.map(|a| a.key().to_string());
                        }),
                        plan.as_deref(),
                    )
                }
            };
            let area_change = {
                let (base, plan, navigate) = (base.clone(), plan_param.clone(), navigate.clone());
                move |ev: leptos::ev::Event| {
                    let key = event_target_value(&ev);
                    let next = base.with(|b| {
                        b.status = status.map(|s| s.key().to_string());
                        b.area = Area::from_key(&key).map(|a| a.key().to_string());
                    });
                    navigate(
                        &plan_href(&next, plan.as_deref()),
                        NavigateOptions { scroll: false, ..Default::default() },
                    );
                }
            };
            let area_options = summary
                .by_area
                .iter()
                .map(|(a, counts)| {
                    let text = format!("{}（{}）", a.label_zh(), counts.total());
                    view! { <option value=a.key() selected=area == Some(*a)>{text}</option> }
                })
                .collect_view();
            let shows = |i: usize| {
                let target = &model.plan.targets[i];
                status.is_none_or(|s| statuses.get(i) == Some(&s)) && area.is_none_or(|a| target.area == a)
            };
            let groups: Vec<_> = summary
                .by_area
                .iter()
                .filter_map(|(a, _)| {
                    let members: Vec<usize> = (0..model.plan.targets.len())
                        .filter(|&i| model.plan.targets[i].area == *a && shows(i))
                        .collect();
                    if members.is_empty() {
                        return None;
                    }
                    let items = members
                        .into_iter()
                        .map(|i| {
                            let href = indicator_of(&model.plan.targets[i]).map(|d| definition_href(&base, d.id));
                            view! { <TargetItem model=model.clone() index=i column=column definition_href=href/> }
                        })
                        .collect_view();
                    Some(view! {
                        <section class="plan-area" data-area=a.key()>
                            <h2>{a.label_zh()}</h2>
                            <ul class="plan-targets">{items}</ul>
                        </section>
                    })
                })
                .collect();
            let empty = groups.is_empty().then(|| {
                let all = plan_href(&base, plan_param.as_deref());
                view! {
                    <p class="notice" data-plan-empty="">
                        {plan_msg().no_match}" "<a href=all>{plan_msg().show_all}</a>
                    </p>
                }
            });
            view! {
                <section class="section" aria-labelledby="plan-summary-h">
                    <h2 id="plan-summary-h">{plan_msg().summary_heading}</h2>
                    {summary_view(&summary, &model.entry.id, model.as_of_text(column), Some(status), status_link)}
                    <p class="section-note">{plan_msg().method}</p>
                    <label class="picker">
                        <span>{plan_msg().filter_area}</span>
                        <select on:change=area_change data-area-filter="">
                            <option value="" selected=area.is_none()>{plan_msg().all_areas}</option>
                            {area_options}
                        </select>
                    </label>
                </section>
                <div class="plan-list" data-plan-list="">{groups}{empty}</div>
            }
            .into_any()
        }
    };

    view! {
        {picker}
        {header}
        {failed}
        {progress_view}
        {source}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_filters_and_a_chosen_plan() {
        let q = Query { county: Some("530426".into()), status: Some("missed".into()), ..Query::default() };
        assert_eq!(plan_href(&q, None), "/plan?county=530426&status=missed");
        assert_eq!(
            plan_href(&q, Some("template-2019-2025")),
            "/plan?county=530426&status=missed&plan=template-2019-2025"
        );
        assert_eq!(plan_href(&Query::default(), Some("template-2019-2025")), "/plan?plan=template-2019-2025");
    }
}
