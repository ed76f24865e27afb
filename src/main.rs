//! Edu Atlas (县域教育数据地图): the portal, a Leptos client-side app. It reads published
//! snapshots through `atlas-core` and draws them; every number on screen is computed by the core.

mod api;
mod app;
mod charts;
mod components;
mod context;
mod embeds;
mod figures;
mod i18n;
mod js_helpers;
mod pages;
mod routes;
mod state;
mod survey_figures;
#[cfg(test)]
mod test_support;

fn main() {
    console_error_panic_hook::set_once();
    match leptos::prelude::document().get_element_by_id("app") {
        Some(root) => {
            use leptos::wasm_bindgen::JsCast;
            leptos::mount::mount_to(root.unchecked_into(), app::App).forget();
        }
        // An index.html without the #app root (a custom deployment): mount onto the body.
        None => leptos::mount::mount_to_body(app::App),
    }
    js_helpers::keep_offline_copies();
}
