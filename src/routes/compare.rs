//! `/compare`: all townships ranked on a metric (bars, with the county value and the standard as
//! reference lines) and the metric over the years for the townships a reader picks.

use crate::api::LoadedSnapshot;
use crate::components::figure::FigureFrame;
use crate::components::indicator_card::definition_href;
use crate::components::loaded::WithSnapshot;
use crate::components::pickers::{MetricPicker, PeriodPicker};
use crate::components::status::Skeleton;
use crate::context::{use_go, use_query, use_selection, use_series};
use crate::figures::{ranking_figure, trend_figure, trend_townships};
use crate::i18n::figure::figure_msg;
use crate::i18n::msg;
use crate::routes::map::metric_of;
use atlas_core::indicators::IndicatorDef;
use atlas_core::TownshipCode;
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn ComparePage() -> impl IntoView {
    let query = use_query();
    let metric = Signal::derive(move || metric_of(query.with(|q| q.metric.clone()).as_deref()));
    let metric_id = Signal::derive(move || metric.get().id);
    view! {
        <section class="page compare-page">
            <h1>{msg().nav_compare}</h1>
            <div class="controls">
                <PeriodPicker/>
                <MetricPicker selected=metric_id/>
            </div>
            <WithSnapshot render=move |_sel, snap| view! { <CompareBody snapshot=snap metric=metric/> }.into_any()/>
        </section>
    }
}

#[component]
fn CompareBody(snapshot: Arc<LoadedSnapshot>, metric: Signal<&'static IndicatorDef>) -> impl IntoView {
    let query = use_query();
    let go = use_go();
    let def_href = Signal::derive(move || query.with(|q| definition_href(&q.base(), metric.get().id)));
    let selected = Signal::derive(move || query.with(|q| q.township.clone()));
    let snap = snapshot.clone();
    let ranking = Memo::new(move |_| ranking_figure(&snap, metric.get(), selected.get().as_deref()));
    let select = {
        let go = go.clone();
        Callback::new(move |code: String| {
            go("/compare", query.get_untracked().with(|q| q.township = Some(code)))
        })
    };
    let memo_sel = use_selection();
    let series = use_series(memo_sel);
    let towns = Signal::derive({
        let snap = snapshot.clone();
        move || query.with(|q| trend_townships(&snap, &q.towns))
    });
    let toggle = Callback::new(move |code: TownshipCode| {
        let mut current = towns.get_untracked();
        if let Some(pos) = current.iter().position(|c| *c == code) {
            current.remove(pos);
        } else if current.len() < 8 {
            current.push(code);
        }
        go(
            "/compare",
            query.get_untracked().with(|q| q.towns = current.iter().map(|c| c.to_string()).collect()),
        );
    });
    let trend = move || {
        let loaded = series.get()?;
        let ok: Vec<Arc<LoadedSnapshot>> = loaded.into_iter().filter_map(Result::ok).collect();
        trend_figure(&ok, metric.get(), &towns.get())
    };
    view! {
        <FigureFrame figure=Signal::derive(move || ranking.get()) on_select=select definition_href=def_href top_level=true/>
        <section class="section" aria-labelledby="trend-h">
            <h2 id="trend-h">{figure_msg().compare_trend}</h2>
            <fieldset class="town-picker">
                <legend>{figure_msg().compare_pick_townships}</legend>
                {snapshot
                    .snapshot
                    .townships
                    .iter()
                    .map(|t| {
                        let code = t.code.clone();
                        let code_check = code.clone();
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || towns.with(|ts| ts.contains(&code_check))
                                    on:change=move |_| toggle.run(code.clone())
                                />
                                {t.name.clone()}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            {move || match trend() {
                None => view! { <Skeleton blocks=1/> }.into_any(),
                Some(figure) => view! { <FigureFrame figure=figure definition_href=def_href/> }.into_any(),
            }}
        </section>
    }
}
