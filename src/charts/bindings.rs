//! wasm-bindgen bindings to `js/charts.mjs` (our ECharts bundle). charming 0.6's WasmRenderer has
//! no `registerMap`, no chart events, no export to PNG/SVG and expects ECharts as a global loaded
//! up front, so the calls we need are bound here, once, and the bundle is imported lazily the
//! first time a chart is on screen.

use std::cell::{Cell, RefCell};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Path of the bundle in `dist/` (copied there by index.html).
const BUNDLE_URL: &str = "/atlas-charts.js";
/// The bundle is about 150 KB on the wire: a minute covers a weak 2G link; after that the chart
/// says so and offers a retry instead of waiting for ever.
const BUNDLE_WITHIN_MS: u32 = 60_000;

#[wasm_bindgen]
extern "C" {
    /// The ES module namespace of atlas-charts.js.
    #[derive(Clone)]
    pub type ChartsModule;

    #[wasm_bindgen(method, catch)]
    pub fn render(
        this: &ChartsModule,
        el: &web_sys::Element,
        option_json: &str,
        dark: bool,
    ) -> Result<(), JsValue>;

    #[wasm_bindgen(method, catch, js_name = registerMap)]
    pub fn register_map(this: &ChartsModule, name: &str, geojson: &str) -> Result<(), JsValue>;

    #[wasm_bindgen(method, js_name = onSelect)]
    pub fn on_select(this: &ChartsModule, el: &web_sys::Element, callback: &Closure<dyn FnMut(String)>);

    #[wasm_bindgen(method, js_name = showTip)]
    pub fn show_tip(this: &ChartsModule, el: &web_sys::Element, index: u32);

    #[wasm_bindgen(method)]
    pub fn dispose(this: &ChartsModule, el: &web_sys::Element);

    #[wasm_bindgen(method, catch, js_name = toPng)]
    pub fn to_png(
        this: &ChartsModule,
        option_json: &str,
        width: u32,
        height: u32,
        pixel_ratio: f64,
        background: &str,
    ) -> Result<String, JsValue>;

    #[wasm_bindgen(method, catch, js_name = toSvg)]
    pub fn to_svg(this: &ChartsModule, option_json: &str, width: u32, height: u32)
        -> Result<String, JsValue>;
}

thread_local! {
    static MODULE: RefCell<Option<ChartsModule>> = const { RefCell::new(None) };
    /// Failed loads so far: a retry imports the bundle under a new URL, since the browser
    /// would join a load of the old one that is still hanging.
    static FAILURES: Cell<u32> = const { Cell::new(0) };
}

/// The chart bundle, imported on first use. Concurrent first calls each await the same
/// browser-level module load (the browser fetches a module URL once). A failure (no answer in
/// time, a network error) is a plain sentence; the next call tries again.
pub async fn charts() -> Result<ChartsModule, String> {
    if let Some(m) = MODULE.with(|m| m.borrow().clone()) {
        return Ok(m);
    }
    let failures = FAILURES.get();
    let url = match failures {
        0 => BUNDLE_URL.to_string(),
        n => format!("{BUNDLE_URL}?retry={n}"),
    };
    let module =
        JsFuture::from(crate::js_helpers::import_within(&url, BUNDLE_WITHIN_MS)).await.map_err(|e| {
            // Charts that failed together count once, so they retry under the same new URL.
            if FAILURES.get() == failures {
                FAILURES.set(failures + 1);
            }
            e.as_string().unwrap_or_default()
        })?;
    let module: ChartsModule = module.unchecked_into();
    MODULE.with(|m| *m.borrow_mut() = Some(module.clone()));
    Ok(module)
}

/// The already-loaded bundle, if a chart has been drawn (for downloads from a drawn chart).
pub fn loaded() -> Option<ChartsModule> {
    MODULE.with(|m| m.borrow().clone())
}
