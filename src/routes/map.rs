//! `/map`: a choropleth of townships for the chosen metric, on the boundary map or the tile grid.
//! Tapping a township (or choosing it in the list, which the keyboard reaches) opens its
//! summary: a bottom sheet on phones, a side panel on wide screens.

use crate::api::{self, LoadedGeometry, LoadedSnapshot};
use crate::components::figure::FigureFrame;
use crate::components::indicator_card::{chip_class, definition_href, standing_chip, threshold_text};
use crate::components::loaded::WithSnapshot;
use crate::components::pickers::{MetricPicker, PeriodPicker};
use crate::components::status::{ErrorPanel, Notice, Skeleton};
use crate::context::{use_go, use_query, use_selection};
use crate::figures::{map_figure, ranked_townships, township_name, Legend};
use crate::i18n::figure::figure_msg;
use crate::i18n::map::map_msg;
use crate::i18n::township::township_msg;
use crate::i18n::{self, lang, msg};
use crate::state::MapLayout;
use atlas_core::format::format_value;
use atlas_core::indicators::{find, known_id, IndicatorDef};
use atlas_core::TownshipCode;
use leptos::prelude::*;
use std::sync::Arc;

/// The map a parent sees first answers "are there enough kindergarten places near me?".
pub const DEFAULT_METRIC: &str = known_id("preschool_gross_enrolment");

/// The metric in the URL if it can be shown by township, else the default.
pub fn metric_of(id: Option<&str>) -> &'static IndicatorDef {
    id.and_then(find)
        .filter(|d| d.exists_at(atlas_core::indicators::Level::Township))
        .or_else(|| find(DEFAULT_METRIC))
        .unwrap_or(&atlas_core::indicators::INDICATORS[0])
}

#[component]
pub fn MapPage() -> impl IntoView {
    // The map is the first screen: fetch the chart bundle and the geometry while the snapshot
    // loads, rather than one after another.
    crate::charts::warm_up();
    let selection = use_selection();
    let geometry = LocalResource::new(move || {
        let county = selection.with(|s| s.as_ref().map(|s| s.county.clone()));
        async move {
            match county {
                Some(c) => Some(api::load_geometry(c).await),
                None => None,
            }
        }
    });
    let query = use_query();
    let metric = Signal::derive(move || metric_of(query.with(|q| q.metric.clone()).as_deref()));
    let metric_id = Signal::derive(move || metric.get().id);
    view! {
        <section class="page map-page">
            <h1>{msg().nav_map}</h1>
            <div class="controls">
                <PeriodPicker/>
                <MetricPicker selected=metric_id/>
                <LayoutSwitch/>
            </div>
            <WithSnapshot render=move |_sel, snap| view! { <MapBody snapshot=snap metric=metric geometry=geometry/> }.into_any()/>
        </section>
    }
}

#[component]
fn LayoutSwitch() -> impl IntoView {
    let query = use_query();
    let go = use_go();
    let button = move |layout: MapLayout, label: &'static str| {
        let go = go.clone();
        view! {
            <button
                type="button"
                class="toggle"
                aria-pressed=move || (query.with(|q| q.layout) == layout).to_string()
                on:click=move |_| go("/map", query.get_untracked().with(|q| q.layout = layout))
            >
                {label}
            </button>
        }
    };
    view! {
        <div class="layout-switch" role="group" aria-label=map_msg().layout_group>
            {button(MapLayout::Boundaries, map_msg().layout_boundaries)}
            {button(MapLayout::Tiles, map_msg().layout_tiles)}
        </div>
    }
}

#[component]
fn MapBody(
    snapshot: Arc<LoadedSnapshot>,
    metric: Signal<&'static IndicatorDef>,
    geometry: LocalResource<Option<Result<Arc<LoadedGeometry>, api::DataError>>>,
) -> impl IntoView {
    let query = use_query();
    let go = use_go();
    let selected = Signal::derive(move || query.with(|q| q.township.clone()));
    let focused = RwSignal::new(None::<u32>);
    let select = {
        let go = go.clone();
        Callback::new(move |code: String| go("/map", query.get_untracked().with(|q| q.township = Some(code))))
    };
    let snap = snapshot.clone();
    let map_view = move || {
        let snap = snap.clone();
        match geometry.get().flatten() {
            None => view! { <Skeleton blocks=1/> }.into_any(),
            Some(Err(e)) => {
                let retry = Callback::new(move |_| geometry.refetch());
                view! { <ErrorPanel error=e on_retry=retry/> }.into_any()
            }
            Some(Ok(geo)) => {
                view! { <MapFigure snapshot=snap geometry=geo metric=metric select=select focused=focused/> }
                    .into_any()
            }
        }
    };
    let list_snap = snapshot.clone();
    let panel_snap = snapshot.clone();
    view! {
        <div class="map-layout">
            <div class="map-main">{map_view}</div>
            <TownshipList snapshot=list_snap metric=metric select=select focused=focused/>
            {move || selected.get().map(|code| {
                let go = go.clone();
                let close = Callback::new(move |_| go("/map", query.get_untracked().with(|q| q.township = None)));
                view! { <TownshipSheet snapshot=panel_snap.clone() code=TownshipCode(code) metric=metric on_close=close/> }
            })}
        </div>
    }
}

#[component]
fn MapFigure(
    snapshot: Arc<LoadedSnapshot>,
    geometry: Arc<LoadedGeometry>,
    metric: Signal<&'static IndicatorDef>,
    select: Callback<String>,
    focused: RwSignal<Option<u32>>,
) -> impl IntoView {
    let query = use_query();
    let built = Memo::new(move |_| {
        let layout = query.with(|q| q.layout);
        map_figure(&snapshot, metric.get(), &geometry, layout)
    });
    move || match built.get() {
        None => view! { <Notice text=map_msg().no_geometry/> }.into_any(),
        Some((figure, legend, notice)) => {
            let def_href =
                Signal::derive(move || query.with(|q| definition_href(&q.base(), metric.get().id)));
            view! {
                <FigureFrame figure=figure on_select=select highlight=focused definition_href=def_href top_level=true>
                    <MapLegend legend=legend/>
                    <p class="map-notice" data-map-notice="">{notice}</p>
                </FigureFrame>
            }
            .into_any()
        }
    }
}

/// The colour key of a map (also drawn by the map embed).
#[component]
pub fn MapLegend(legend: Legend) -> impl IntoView {
    view! {
        <div class="legend" aria-label=figure_msg().map_legend>
            <p class="legend-title">{legend.title()}</p>
            <ul>
                {legend
                    .entries()
                    .into_iter()
                    .map(|e| view! {
                        <li><span class="swatch" style=format!("background:{}", e.color)></span>{e.label}</li>
                    })
                    .collect_view()}
            </ul>
        </div>
    }
}

/// Every township as a button: the keyboard route to each one, and a readable list on phones.
#[component]
fn TownshipList(
    snapshot: Arc<LoadedSnapshot>,
    metric: Signal<&'static IndicatorDef>,
    select: Callback<String>,
    focused: RwSignal<Option<u32>>,
) -> impl IntoView {
    let query = use_query();
    view! {
        <section class="township-list" aria-labelledby="township-list-h">
            <h2 id="township-list-h">{map_msg().list_heading}</h2>
            <p class="hint">{map_msg().list_hint}</p>
            <ul>
                {move || {
                    let def = metric.get();
                    snapshot
                        .snapshot
                        .townships
                        .iter()
                        .enumerate()
                        .map(|(i, t)| {
                            let code = t.code.to_string();
                            let value = snapshot.values.township(def.id, &t.code);
                            let chip = standing_chip(def, value);
                            let is_selected = {
                                let code = code.clone();
                                move || query.with(|q| q.township.as_deref() == Some(code.as_str()))
                            };
                            let code_click = code.clone();
                            view! {
                                <li>
                                    <button
                                        type="button"
                                        class="township-button"
                                        data-township=code.clone()
                                        aria-pressed=move || is_selected().to_string()
                                        on:click=move |_| select.run(code_click.clone())
                                        on:focus=move |_| focused.set(Some(i as u32))
                                    >
                                        <span class="tb-name">{t.name.clone()}</span>
                                        <span class="tb-value">{format_value(value, def.unit, lang())}</span>
                                        {chip.map(|s| view! { <span class=chip_class(s)>{s.label(lang())}</span> })}
                                    </button>
                                </li>
                            }
                        })
                        .collect_view()
                }}
            </ul>
        </section>
    }
}

/// The selected township's summary: bottom sheet on phones, side panel on wide screens.
#[component]
fn TownshipSheet(
    snapshot: Arc<LoadedSnapshot>,
    code: TownshipCode,
    metric: Signal<&'static IndicatorDef>,
    on_close: Callback<()>,
) -> impl IntoView {
    let query = use_query();
    let Some(township) = snapshot.snapshot.township(&code).cloned() else {
        return view! { <Notice text=township_msg().township_not_found/> }.into_any();
    };
    const KEY_FACTS: [&str; 5] = [
        known_id("students_total"),
        known_id("schools_total"),
        known_id("teachers_total"),
        known_id("student_teacher_ratio_primary"),
        known_id("preschool_gross_enrolment"),
    ];
    let snap = snapshot.clone();
    let code_for_metric = code.clone();
    let metric_line = move || {
        let def = metric.get();
        let ranked = ranked_townships(&snap, def);
        let of = ranked.iter().filter(|r| r.rank.is_some()).count();
        let entry = ranked.iter().find(|r| r.key == code_for_metric);
        let value = entry.and_then(|r| r.value);
        let rank = entry.and_then(|r| r.rank).map(|r| i18n::figure::rank_of(r, of)).unwrap_or_default();
        view! {
            <p class="sheet-metric">
                <span class="sheet-metric-name">{def.name_zh}</span>
                <strong data-value=value.map(|v| v.to_string()).unwrap_or_default()>{format_value(value, def.unit, lang())}</strong>
                <span class="sheet-rank">{rank}</span>
                <span class="sheet-county">{format!("{} {}", figure_msg().county_value, format_value(snap.values.county(def.id), def.unit, lang()))}</span>
                {threshold_text(def).map(|t| view! { <span>{format!("{} {t}", msg().standard)}</span> })}
            </p>
        }
    };
    let facts = KEY_FACTS
        .iter()
        .filter_map(|id| find(id))
        .map(|def| {
            let v = snapshot.values.township(def.id, &code);
            view! { <div class="fact"><dt>{def.name_zh}</dt><dd>{format_value(v, def.unit, lang())}</dd></div> }
        })
        .collect_view();
    let href = {
        let code = code.to_string();
        move || query.with(|q| q.base().href(&format!("/township/{code}")))
    };
    let name = township_name(&snapshot.snapshot, &code);
    view! {
        <aside class="sheet" role="dialog" aria-modal="false" aria-labelledby="sheet-title" data-sheet=code.to_string()>
            <header class="sheet-head">
                <h2 id="sheet-title">{name}</h2>
                <span class="sheet-kind">{township.kind.label_zh()}</span>
                <button type="button" class="close" aria-label=map_msg().close on:click=move |_| on_close.run(())>"×"</button>
            </header>
            {metric_line}
            <dl class="facts">{facts}</dl>
            <a class="button primary" href=href>{map_msg().open_township_page}</a>
        </aside>
    }
    .into_any()
}
