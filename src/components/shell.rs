//! The frame around every page: header with navigation, the sample-data notice, the footer.

use crate::context::{use_query, use_selection, Freshness};
use crate::i18n::{lang, msg};
use atlas_core::format::{sample_label, sample_notice};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn Page(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#main">{msg().skip_to_content}</a>
        <SiteHeader/>
        <SampleNotice/>
        <OfflineNotice/>
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
    // On a phone the tabs scroll sideways and the last ones start off screen: bring the current
    // page's tab into view whenever the page changes, so a reader always sees where they are.
    let nav_list = NodeRef::<leptos::html::Ul>::new();
    let shown = use_context::<crate::app::AppShown>();
    Effect::new(move |_| {
        location.pathname.track();
        if !shown.is_none_or(|s| s.0.get()) {
            return;
        }
        request_animation_frame(move || {
            // The header belongs to the page: after a navigation this frame may find it gone.
            let Some(list) = nav_list.try_get_untracked().flatten() else { return };
            let Ok(Some(tab)) = list.query_selector("a[aria-current=page]") else { return };
            let (outer, inner) = (list.get_bounding_client_rect(), tab.get_bounding_client_rect());
            const MARGIN: f64 = 16.0;
            if inner.right() > outer.right() {
                list.set_scroll_left(list.scroll_left() + (inner.right() - outer.right() + MARGIN) as i32);
            } else if inner.left() < outer.left() {
                list.set_scroll_left(list.scroll_left() - (outer.left() - inner.left() + MARGIN) as i32);
            }
        });
    });
    view! {
        <header class="site-header">
            <div class="brand">
                <a href=move || query.with(|q| q.base().href("/")) class="brand-link">
                    <span class="brand-title">{m.site_title}</span>
                </a>
                <span class="brand-county">{county_name}</span>
                <LanguageSwitch/>
            </div>
            <nav aria-label=msg().main_nav>
                <ul class="nav" node_ref=nav_list>
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

/// The link to this same view in the other language: the page, its query and its fragment-free
/// state stay, only `lang` changes. Named in its own language (`English`, `中文`), as readers
/// look for it.
#[component]
fn LanguageSwitch() -> impl IntoView {
    let query = use_query();
    let location = use_location();
    let other = lang().other();
    let href = move || query.with(|q| q.with(|q| q.lang = other).href(&location.pathname.get()));
    view! {
        <a class="language-switch" href=href lang=other.tag() hreflang=other.tag() aria-label=move || format!("{}: {}", msg().language, other.endonym())>
            {other.endonym()}
        </a>
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
                <strong>{sample_label(lang())}</strong>
                {sample_notice(lang()).trim_start_matches(sample_label(lang()))}
            </p>
        </Show>
    }
}

/// Shown while the data on screen is the copy kept from an earlier visit (no network), with
/// its publication date; then, once the network is back with other data, an offer to load it.
#[component]
pub fn OfflineNotice() -> impl IntoView {
    let freshness = crate::context::use_atlas().freshness;
    move || match freshness.get() {
        Freshness::Current => None,
        Freshness::OfflineCopy(copy) => {
            let (shown, saved) = crate::i18n::offline_copy(&copy.published, &copy.fetched);
            Some(
                view! {
                    <p class="sample-notice offline-notice" role="status" data-offline=copy.published>
                        <strong>{shown}</strong>{saved}
                    </p>
                }
                .into_any(),
            )
        }
        Freshness::NewData => Some(
            view! {
                <p class="sample-notice offline-notice" role="status" data-new-data="">
                    {msg().offline_new_data}" "
                    <button type="button" class="button" on:click=|_| {
                        let _ = window().location().reload();
                    }>{msg().offline_load_new_data}</button>
                </p>
            }
            .into_any(),
        ),
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
