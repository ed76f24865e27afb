//! The frame around every page: header with navigation, the sample-data notice, the footer.

use crate::context::{use_query, use_selection};
use crate::i18n::msg;
use atlas_core::format::{SAMPLE_LABEL_ZH, SAMPLE_NOTICE_ZH};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Page(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{msg().skip_to_content}</a>
        <SiteHeader/>
        <SampleNotice/>
        <main id="main" tabindex="-1">{children()}</main>
        <SiteFooter/>
    }
}

#[component]
fn SiteHeader() -> impl IntoView {
    let query = use_query();
    let selection = use_selection();
    let location = use_location();
    let m = msg();
    let links: [(&'static str, &'static str); 6] = [
        ("/", m.nav_overview),
        ("/map", m.nav_map),
        ("/compare", m.nav_compare),
        ("/plan", m.nav_plan),
        ("/satisfaction", m.nav_satisfaction),
        ("/about", m.nav_about),
    ];
    let county_name =
        move || selection.with(|s| s.as_ref().map(|s| s.county.name.clone()).unwrap_or_default());
    view! {
        <header class="site-header">
            <div class="brand">
                <a href=move || query.with(|q| q.base().href("/")) class="brand-link">
                    <span class="brand-title">{m.site_title}</span>
                </a>
                <span class="brand-county">{county_name}</span>
            </div>
            <nav aria-label=msg().main_nav>
                <ul class="nav">
                    {links
                        .into_iter()
                        .map(|(path, label)| {
                            let current = move || {
                                let here = location.pathname.get();
                                let active = if path == "/" { here == "/" } else { here.starts_with(path) };
                                active.then_some("page")
                            };
                            view! {
                                <li>
                                    <a href=move || query.with(|q| q.base().href(path)) aria-current=current>
                                        {label}
                                    </a>
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
    }
}

/// Shown on every page while the selected county's data is sample data (示例数据).
#[component]
pub fn SampleNotice() -> impl IntoView {
    let selection = use_selection();
    let is_sample = move || selection.with(|s| s.as_ref().is_some_and(|s| s.is_sample()));
    view! {
        <Show when=is_sample>
            <p class="sample-notice" role="note" data-sample-notice="">
                <strong>{SAMPLE_LABEL_ZH}</strong>
                {SAMPLE_NOTICE_ZH.trim_start_matches(SAMPLE_LABEL_ZH)}
            </p>
        </Show>
    }
}

#[component]
fn SiteFooter() -> impl IntoView {
    let query = use_query();
    view! {
        <footer class="site-footer">
            <p>
                {msg().footer_note}
                " "
                <a href=move || query.with(|q| q.base().href("/about"))>{msg().nav_about}</a>
                " · "
                <a href=move || query.with(|q| q.base().href("/embeds"))>{msg().embeds_title}</a>
            </p>
            <p class="footer-small">{msg().about_privacy_body}</p>
        </footer>
    }
}
