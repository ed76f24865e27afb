//! The county summary of a plan ("32 项可衡量目标中：20 项已达成……") with the count of targets
//! in each status, each a link to the list filtered by that status: on the plan page and, in
//! the box on the overview, for the county's plan.

use super::model::{choose_plan, use_plan_model};
use super::target::status_class;
use crate::components::status::{ErrorPanel, Skeleton};
use crate::context::{use_atlas, use_query, use_selection};
use crate::i18n::plan::plan_msg;
use atlas_core::plan::{Status, Summary};
use leptos::prelude::*;

/// The summary sentence, the school year it is judged at, and the counts by status as links
/// (`link(None)` is the whole list). `filter` is the status filter in force on the plan page
/// (`Some(None)`: all), marked as current; None where the counts filter nothing (the overview).
/// Tests read `[data-plan-summary] [data-status=…]`'s `data-count`.
pub fn summary_view(
    summary: &Summary,
    plan_id: &str,
    as_of: String,
    filter: Option<Option<Status>>,
    link: impl Fn(Option<Status>) -> String,
) -> impl IntoView {
    let current = move |s: Option<Status>| (filter == Some(s)).then_some("true");
    let counts = summary.counts;
    let chips: Vec<_> = Status::ALL
        .into_iter()
        .filter(|s| counts.get(*s) > 0)
        .map(|s| {
            let n = counts.get(s);
            view! {
                <li>
                    <a
                        class=status_class(s)
                        href=link(Some(s))
                        data-status=s.key()
                        data-count=n
                        aria-current=current(Some(s))
                    >
                        {s.label_zh()}" "<b>{n}</b>
                    </a>
                </li>
            }
        })
        .collect();
    view! {
        <div
            class="plan-summary"
            data-plan-summary=""
            data-plan=plan_id.to_string()
            data-total=counts.total()
            data-measurable=counts.measurable()
        >
            <p class="plan-summary-text">{summary.text_zh()}</p>
            <p class="plan-as-of">{as_of}</p>
            <ul class="plan-status-filter" aria-label=plan_msg().filter_status>
                <li>
                    <a
                        class="plan-status status-all"
                        href=link(None)
                        data-status="all"
                        data-count=counts.total()
                        aria-current=current(None)
                    >
                        {plan_msg().all}" "<b>{counts.total()}</b>
                    </a>
                </li>
                {chips}
            </ul>
        </div>
    }
}

/// The overview's box: the summary of the county's (first) plan at the chosen school year, and
/// a link to the plan page. It loads the plan and the county's snapshots only once it is near
/// the screen, so the overview's first view downloads nothing more.
#[component]
pub fn PlanSummaryBox() -> impl IntoView {
    let atlas = use_atlas();
    let selection = use_selection();
    let query = use_query();
    let node = NodeRef::<leptos::html::Section>::new();
    let seen = crate::components::near_screen::near_screen(node);
    let choice = Memo::new(move |_| {
        let manifest = atlas.manifest.get()?.ok()?;
        selection.with(|s| choose_plan(&manifest, &s.as_ref()?.county, None))
    });
    let model = use_plan_model(choice, seen.into());
    let body = move || {
        if !seen.get() {
            // Space for the box, not marked busy: nothing is loading until it is near the screen.
            return view! { <div class="skeleton-block" aria-hidden="true"></div> }.into_any();
        }
        match model.get() {
            None => view! { <Skeleton blocks=1/> }.into_any(),
            Some(None) => ().into_any(),
            Some(Some(Err(e))) => {
                view! { <ErrorPanel error=e on_retry=Callback::new(move |_| model.refetch())/> }.into_any()
            }
            Some(Some(Ok(m))) => {
                let year = selection
                    .with(|s| s.as_ref().and_then(|s| s.current.as_ref().map(|e| e.school_year.clone())));
                let column = m.column(year.as_ref());
                let base = query.with(|q| q.base());
                let link = move |status: Option<Status>| {
                    base.with(|q| q.status = status.map(|s| s.key().to_string())).href("/plan")
                };
                let page = link(None);
                view! {
                    <p class="plan-box-title">{format!("《{}》", m.plan.meta.title)}</p>
                    {summary_view(&m.summary(column), &m.entry.id, m.as_of_text(column), None, link)}
                    <p><a class="button" href=page>{plan_msg().open_page}</a></p>
                }
                .into_any()
            }
        }
    };
    view! {
        <Show when=move || choice.with(Option::is_some)>
            <section class="section plan-box" node_ref=node aria-labelledby="sec-plan" data-plan-box="">
                <h2 id="sec-plan">{plan_msg().title}</h2>
                {body}
            </section>
        </Show>
    }
}
