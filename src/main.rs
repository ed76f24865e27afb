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
mod routes;
mod state;
mod survey_figures;

fn main() {
    console_error_panic_hook::set_once();
    // The static shell in index.html shows the title and a loading line until the app mounts.
    if let Some(shell) = leptos::prelude::document().get_element_by_id("shell") {
        shell.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
