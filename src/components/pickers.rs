//! Selects that change the URL: county, school year, metric. Each writes the query and lets the
//! page re-derive from it, so Back undoes a change.

use crate::context::{use_atlas, use_go, use_query, use_selection};
use crate::i18n::msg;
use atlas_core::indicators::{IndicatorDef, INDICATORS};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// County picker (shown when the manifest has more than one county) and school-year picker.
#[component]
pub fn PeriodPicker() -> impl IntoView {
    let atlas = use_atlas();
    let selection = use_selection();
    let query = use_query();
    let go = use_go();
    let location = use_location();
    let counties = move || {
        atlas
            .manifest
            .get()
            .and_then(|m| m.ok())
            .map(|m| m.counties.iter().map(|c| (c.code.to_string(), c.name.clone())).collect::<Vec<_>>())
    };
    let go_county = go.clone();
    let on_county = move |ev: leptos::ev::Event| {
        let code = event_target_value(&ev);
        let path = location.pathname.get_untracked();
        // A new county starts at its latest year, with no township selected.
        go_county(
            &path,
            query.get_untracked().with(|q| {
                q.county = Some(code);
                q.year = None;
                q.township = None;
                q.towns.clear();
            }),
        );
    };
    let on_year = move |ev: leptos::ev::Event| {
        let year = event_target_value(&ev);
        let path = location.pathname.get_untracked();
        go(&path, query.get_untracked().with(|q| q.year = Some(year)));
    };
    let selected_county =
        move || selection.with(|s| s.as_ref().map(|s| s.county.code.to_string()).unwrap_or_default());
    let selected_year = move || {
        selection.with(|s| {
            s.as_ref().and_then(|s| s.current.as_ref().map(|e| e.school_year.to_string())).unwrap_or_default()
        })
    };
    view! {
        <div class="pickers">
            <Show when=move || counties().is_some_and(|c| c.len() > 1)>
                <label class="picker">
                    <span>{msg().county}</span>
                    <select on:change=on_county.clone() prop:value=selected_county>
                        {move || {
                            counties()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|(code, name)| {
                                    let selected = code == selected_county();
                                    view! { <option value=code selected=selected>{name}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </Show>
            <Show when=move || selection.with(|s| s.as_ref().is_some_and(|s| !s.series.is_empty()))>
                <label class="picker">
                    <span>{msg().school_year}</span>
                    <select on:change=on_year.clone() prop:value=selected_year>
                        {move || {
                            selection
                                .get()
                                .map(|s| s.series)
                                .unwrap_or_default()
                                .into_iter()
                                .rev()
                                .map(|e| {
                                    let value = e.school_year.to_string();
                                    let selected = value == selected_year();
                                    view! { <option value=value selected=selected>{e.school_year.label_zh()}</option> }
                                })
                                .collect_view()
                        }}
                    </select>
                </label>
            </Show>
        </div>
    }
}

/// Indicators that can be mapped and ranked by township, grouped by category.
pub fn township_metrics() -> Vec<&'static IndicatorDef> {
    INDICATORS.iter().filter(|d| d.levels.contains(&atlas_core::indicators::Level::Township)).collect()
}

/// Metric picker over `choices`, writing `metric` to the URL.
#[component]
pub fn MetricPicker(#[prop(into)] selected: Signal<&'static str>) -> impl IntoView {
    let query = use_query();
    let go = use_go();
    let location = use_location();
    let on_change = move |ev: leptos::ev::Event| {
        let id = event_target_value(&ev);
        let path = location.pathname.get_untracked();
        go(&path, query.get_untracked().with(|q| q.metric = Some(id)));
    };
    let choices = township_metrics();
    let mut groups: Vec<(&'static str, Vec<&'static IndicatorDef>)> = Vec::new();
    for def in choices {
        let label = def.category.label_zh();
        match groups.iter_mut().find(|(l, _)| *l == label) {
            Some((_, v)) => v.push(def),
            None => groups.push((label, vec![def])),
        }
    }
    view! {
        <label class="picker picker-wide">
            <span>{msg().metric}</span>
            <select on:change=on_change prop:value=move || selected.get()>
                {groups
                    .into_iter()
                    .map(|(label, defs)| {
                        view! {
                            <optgroup label=label>
                                {defs
                                    .into_iter()
                                    .map(|d| {
                                        view! {
                                            <option value=d.id selected=move || selected.get() == d.id>
                                                {d.name_zh}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </optgroup>
                        }
                    })
                    .collect_view()}
            </select>
        </label>
    }
}
