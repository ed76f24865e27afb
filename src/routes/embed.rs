//! `/embed/:kind`: one figure for a host page's iframe, built by the same builder as on its page
//! (figures.rs), with its title, legend, source line and data version, the sample notice, the
//! licence, a link to the full view and the share and download menu; no site header, navigation
//! or footer. `theme` (light, dark, auto), `height` (the chart's height in px) and `lang` (`en` for
//! English; anything else is Chinese) come from the query like the data state does.
//!
//! The page tells its parent window its height (embeds::report_height_to_parent) and listens to
//! no message: a host page cannot make it do anything.

use crate::api::{self, LoadedSnapshot};
use crate::charts::ChartTheme;
use crate::components::figure::{Figure, FigureFrame};
use crate::components::loaded::WithSnapshot;
use crate::components::shell::{OfflineNotice, SampleNotice};
use crate::components::status::{ErrorPanel, Notice, Skeleton};
use crate::components::survey_rate::PositionLegend;
use crate::context::{use_query, use_selection, use_series, Selection};
use crate::embeds::{report_height_to_parent, EmbedKind};
use crate::figures::{
    enrolment_figure, facilities_figure, map_figure, ranking_figure, trend_figure, trend_townships,
};
use crate::i18n::msg;
use crate::i18n::{embed::embed_msg, map::map_msg, survey::survey_msg};
use crate::routes::map::{metric_of, MapLegend};
use crate::survey_figures::{
    groups_figure, heatmap_figure, survey_trend, townships_figure, trend_figure as survey_trend_figure,
    StandardLine,
};
use atlas_core::survey::summarise;
use atlas_core::TownshipCode;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use std::sync::Arc;

#[component]
pub fn EmbedPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query();
    let kind = Memo::new(move |_| params.with(|p| p.get("kind").as_deref().and_then(EmbedKind::from_key)));
    use_embed_theme();
    // An embed is a chart and little else: import the chart bundle while the data loads.
    if kind.get_untracked().is_some() {
        crate::charts::warm_up();
    }
    let observer = StoredValue::new_local(report_height_to_parent());
    on_cleanup(move || {
        if let Some(o) = observer.try_get_value().flatten() {
            o.disconnect();
        }
    });
    let full_view = move || match kind.get() {
        Some(k) => query.with(|q| k.full_view(q)),
        None => "/embeds".to_string(),
    };
    view! {
        <main class="embed" id="main" data-embed=move || kind.get().map(EmbedKind::key).unwrap_or("unknown")>
            <SampleNotice/>
            <OfflineNotice/>
            {move || match kind.get() {
                None => view! { <Notice text=embed_msg().unknown/> }.into_any(),
                Some(k) => view! {
                    <WithSnapshot
                        skeleton_blocks=1
                        render=move |sel, snap| view! { <EmbedBody kind=k selection=sel snapshot=snap/> }.into_any()
                    />
                }
                .into_any(),
            }}
            <p class="embed-foot">
                <a href=full_view target="_blank" rel="noopener">{embed_msg().full_view}</a>
            </p>
        </main>
    }
}

/// `theme`: sets `data-theme` on `<html>` (style/main.css picks colours by it) and gives the
/// charts a theme to match; `auto` and no value follow the system's setting.
fn use_embed_theme() {
    let query = use_query();
    let system = use_context::<ChartTheme>().map(|t| t.dark).unwrap_or_else(|| Signal::stored(false));
    let theme = Memo::new(move |_| query.with(|q| q.theme.clone()).unwrap_or_else(|| "auto".to_string()));
    provide_context(ChartTheme {
        dark: Signal::derive(move || match theme.get().as_str() {
            "dark" => true,
            "light" => false,
            _ => system.get(),
        }),
    });
    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("data-theme", &theme.get());
            let _ = root.set_attribute("data-embed", "");
        }
    });
    on_cleanup(|| {
        if let Some(root) = document().document_element() {
            let _ = root.remove_attribute("data-theme");
            let _ = root.remove_attribute("data-embed");
        }
    });
}

/// The figure at the `height` the embed code asked for, if any.
fn sized(mut figure: Figure, height: Option<u32>) -> Figure {
    if let Some(h) = height {
        figure.spec.height_px = h;
    }
    figure
}

#[component]
fn EmbedBody(kind: EmbedKind, selection: Selection, snapshot: Arc<LoadedSnapshot>) -> impl IntoView {
    let query = use_query();
    let height = query.with_untracked(|q| q.height);
    let metric = metric_of(query.with_untracked(|q| q.metric.clone()).as_deref());
    let township = query
        .with_untracked(|q| q.township.clone())
        .map(TownshipCode)
        .filter(|code| snapshot.snapshot.township(code).is_some());
    let license = snapshot.snapshot.meta.license.clone();
    let figure = match (kind, township) {
        (EmbedKind::Map, _) => {
            view! { <EmbedMap selection=selection snapshot=snapshot height=height/> }.into_any()
        }
        (EmbedKind::Ranking, _) => {
            let selected = query.with_untracked(|q| q.township.clone());
            let figure = sized(ranking_figure(&snapshot, metric, selected.as_deref()), height);
            view! { <FigureFrame figure=figure/> }.into_any()
        }
        (EmbedKind::Trend, _) => {
            let towns = query.with_untracked(|q| trend_townships(&snapshot, &q.towns));
            view! {
                <WithSeries
                    none_text=msg().no_snapshot_for_county
                    render=series_figure(move |series| trend_figure(series, metric, &towns).map(|f| sized(f, height)))
                />
            }
            .into_any()
        }
        (EmbedKind::TownshipEnrolment, Some(code)) => view! {
            <WithSeries
                none_text=msg().no_snapshot_for_county
                render=series_figure(move |series| enrolment_figure(series, &code).map(|f| sized(f, height)))
            />
        }
        .into_any(),
        (EmbedKind::TownshipFacilities, Some(code)) => {
            view! { <FigureFrame figure=sized(facilities_figure(&snapshot, &code), height)/> }.into_any()
        }
        (EmbedKind::TownshipEnrolment | EmbedKind::TownshipFacilities, None) => {
            view! { <Notice text=embed_msg().no_township/> }.into_any()
        }
        (EmbedKind::SatisfactionTrend, _) => view! {
            <WithSeries
                none_text=survey_msg().no_survey
                render=series_figure(move |series| {
                    let points = survey_trend(series);
                    survey_trend_figure(series.last()?, &points, StandardLine::from_table())
                        .map(|f| sized(f, height))
                })
            />
        }
        .into_any(),
        (
            EmbedKind::SatisfactionGroups | EmbedKind::SatisfactionHeatmap | EmbedKind::SatisfactionTownships,
            _,
        ) => survey_figure(kind, &snapshot, height),
    };
    view! {
        {figure}
        <p class="embed-license">{format!("{}：{}", embed_msg().license, license)}</p>
    }
}

/// A 社会认可度 figure of one survey, with its colour key; a notice when there is none.
fn survey_figure(kind: EmbedKind, snapshot: &LoadedSnapshot, height: Option<u32>) -> AnyView {
    let Some(summary) = summarise(&snapshot.snapshot) else {
        return view! { <Notice text=survey_msg().no_survey/> }.into_any();
    };
    let line = StandardLine::from_table();
    let figure = match kind {
        EmbedKind::SatisfactionGroups => Some(groups_figure(snapshot, &summary, line)),
        EmbedKind::SatisfactionHeatmap => Some(heatmap_figure(snapshot, &summary, line)),
        _ => townships_figure(snapshot, &summary, line),
    };
    match figure {
        Some(f) => view! {
            <FigureFrame figure=sized(f, height)>
                <PositionLegend/>
            </FigureFrame>
        }
        .into_any(),
        None => view! { <Notice text=survey_msg().no_township_rows/> }.into_any(),
    }
}

/// Builds a figure from every loaded school year. A trait object rather than a generic: each
/// instance of a generic component is another copy of its view code in the wasm.
type SeriesFigure = Arc<dyn Fn(&[Arc<LoadedSnapshot>]) -> Option<Figure> + Send + Sync>;

fn series_figure(
    build: impl Fn(&[Arc<LoadedSnapshot>]) -> Option<Figure> + Send + Sync + 'static,
) -> SeriesFigure {
    Arc::new(build)
}

/// A figure drawn from every school year of the county (trends); `none_text` when it has
/// nothing to draw.
#[component]
fn WithSeries(render: SeriesFigure, none_text: &'static str) -> impl IntoView {
    let series = use_series(use_selection());
    move || {
        let loaded: Option<Vec<Arc<LoadedSnapshot>>> =
            series.get().map(|all| all.into_iter().filter_map(Result::ok).collect());
        match loaded.as_deref().map(|series| render(series)) {
            None => view! { <Skeleton blocks=1/> }.into_any(),
            Some(None) => view! { <Notice text=none_text/> }.into_any(),
            Some(Some(figure)) => view! { <FigureFrame figure=figure/> }.into_any(),
        }
    }
}

#[component]
fn EmbedMap(selection: Selection, snapshot: Arc<LoadedSnapshot>, height: Option<u32>) -> impl IntoView {
    let query = use_query();
    let county = selection.county.clone();
    let geometry = LocalResource::new(move || api::load_geometry(county.clone()));
    let metric = metric_of(query.with_untracked(|q| q.metric.clone()).as_deref());
    let layout = query.with_untracked(|q| q.layout);
    move || match geometry.get() {
        None => view! { <Skeleton blocks=1/> }.into_any(),
        Some(Err(e)) => {
            let retry = Callback::new(move |_| geometry.refetch());
            view! { <ErrorPanel error=e on_retry=retry/> }.into_any()
        }
        Some(Ok(geo)) => match map_figure(&snapshot, metric, &geo, layout) {
            None => view! { <Notice text=map_msg().no_geometry/> }.into_any(),
            Some((figure, legend, notice)) => view! {
                <FigureFrame figure=sized(figure, height)>
                    <MapLegend legend=legend/>
                    <p class="map-notice" data-map-notice="">{notice}</p>
                </FigureFrame>
            }
            .into_any(),
        },
    }
}
