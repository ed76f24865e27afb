//! The one module that talks to ECharts: bindings (bindings.rs), option building (options.rs),
//! colours (palette.rs) and the `<EChart>` component that draws a [`ChartSpec`] into a div.
//!
//! The bundle is imported only when a chart's box scrolls into view, so pages whose first
//! screen has no chart (the overview) never download ECharts before first paint.

mod bindings;
pub mod options;
pub mod palette;

pub use options::{ChartSpec, MapShape};

use crate::i18n::figure::figure_msg;
use leptos::prelude::*;
use leptos::wasm_bindgen::closure::Closure;
use leptos::web_sys;

/// Whether charts draw in the dark theme. Provided by the app shell (prefers-color-scheme, or an
/// embed's `theme` parameter).
#[derive(Clone, Copy)]
pub struct ChartTheme {
    pub dark: Signal<bool>,
}

#[derive(Clone, Debug, PartialEq)]
enum DrawState {
    Waiting,
    Drawn,
    Failed(String),
}

/// Draws `spec` when its box is on screen; reports clicks on data items with their `code`.
#[component]
pub fn EChart(
    #[prop(into)] spec: Signal<Option<ChartSpec>>,
    /// Accessible description (the chart's one-sentence summary).
    #[prop(into)]
    label: Signal<String>,
    #[prop(optional)] on_select: Option<Callback<String>>,
    /// Item index whose tooltip to show (keyboard focus in a list mirrors hover on the chart).
    #[prop(optional, into)]
    highlight: Option<Signal<Option<u32>>>,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Div>::new();
    let state = RwSignal::new(DrawState::Waiting);
    let dark = use_context::<ChartTheme>().map(|t| t.dark).unwrap_or_else(|| Signal::from(false));
    let click = StoredValue::new_local(None::<Closure<dyn FnMut(String)>>);
    // Bumped by the retry button after a failure: the drawing effect runs again.
    let attempt = RwSignal::new(0u32);

    // ECharts is imported only once the box is near the screen.
    let visible = crate::components::near_screen::near_screen(node);

    Effect::new(move |_| {
        let (Some(spec), true, Some(el)) = (spec.get(), visible.get(), node.get()) else { return };
        attempt.track();
        let dark = dark.get();
        let el: web_sys::Element = el.into();
        leptos::task::spawn_local(async move {
            let module = match bindings::charts().await {
                Ok(m) => m,
                Err(e) => {
                    state.set(DrawState::Failed(e));
                    return;
                }
            };
            if let Some(shape) = &spec.map {
                if let Err(e) = module.register_map(&shape.name, &shape.geojson) {
                    state.set(DrawState::Failed(format!("{e:?}")));
                    return;
                }
            }
            if let Err(e) = module.render(&el, &spec.option_json(), dark) {
                state.set(DrawState::Failed(format!("{e:?}")));
                return;
            }
            if let Some(cb) = on_select {
                let closure = Closure::<dyn FnMut(String)>::new(move |code: String| cb.run(code));
                module.on_select(&el, &closure);
                click.set_value(Some(closure));
            }
            state.set(DrawState::Drawn);
        });
    });

    if let Some(highlight) = highlight {
        Effect::new(move |_| {
            let (Some(index), Some(el), DrawState::Drawn) = (highlight.get(), node.get(), state.get()) else {
                return;
            };
            if let Some(m) = bindings::loaded() {
                m.show_tip(&el.into(), index);
            }
        });
    }

    on_cleanup(move || {
        if let (Some(el), Some(m)) = (node.get_untracked(), bindings::loaded()) {
            m.dispose(&el.into());
        }
    });

    let height = move || spec.with(|s| s.as_ref().map(|s| s.height_px).unwrap_or(240));
    view! {
        <div class="chart-box">
            <div
                class="chart"
                node_ref=node
                role="img"
                aria-label=move || label.get()
                data-chart-state=move || match state.get() {
                    DrawState::Waiting => "waiting",
                    DrawState::Drawn => "drawn",
                    DrawState::Failed(_) => "failed",
                }
                style=move || format!("height:{}px", height())
            ></div>
            {move || match state.get() {
                DrawState::Failed(e) => Some(view! {
                    <p class="chart-error" role="alert">
                        {figure_msg().chart_failed}" "
                        <button type="button" class="button" on:click=move |_| {
                            state.set(DrawState::Waiting);
                            attempt.update(|n| *n += 1);
                        }>{crate::i18n::msg().retry}</button>
                        " "<small class="detail">{e}</small>
                    </p>
                }),
                _ => None,
            }}
        </div>
    }
}

/// Start importing the chart bundle now, for a page whose first screen is a chart (the map):
/// the import then runs alongside the data requests instead of after them.
pub fn warm_up() {
    leptos::task::spawn_local(async {
        // A failure is reported by the chart that needs the bundle, with its own message.
        let _ = bindings::charts().await;
    });
}

/// `spec` drawn off-screen as a PNG data URL (`pixel_ratio` 2 for print).
pub async fn png_of(spec: &ChartSpec, width: u32, height: u32, pixel_ratio: f64) -> Result<String, String> {
    let module = bindings::charts().await?;
    if let Some(shape) = &spec.map {
        module.register_map(&shape.name, &shape.geojson).map_err(|e| format!("{e:?}"))?;
    }
    module.to_png(&spec.option_json(), width, height, pixel_ratio, "#ffffff").map_err(|e| format!("{e:?}"))
}

/// `spec` rendered to an SVG document by ECharts' SVG renderer.
pub async fn svg_of(spec: &ChartSpec, width: u32, height: u32) -> Result<String, String> {
    let module = bindings::charts().await?;
    if let Some(shape) = &spec.map {
        module.register_map(&shape.name, &shape.geojson).map_err(|e| format!("{e:?}"))?;
    }
    module.to_svg(&spec.option_json(), width, height).map_err(|e| format!("{e:?}"))
}
