//! The app shell: data context, theme, routes. Pages live in `routes/`, one file each.

use crate::charts::ChartTheme;
use crate::components::shell::Page;
use crate::context::{provide_atlas, use_atlas, use_query};
use crate::i18n::{self, msg};
use crate::pages::{self, LazyPage};
use crate::routes;
use crate::state::Query;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    provide_atlas();
    provide_context(ChartTheme { dark: prefers_dark() });
    reveal_when_ready();
    view! {
        <Router>
            <InUrlLanguage>
            <Routes fallback=|| view! { <Page><NotFound/></Page> }>
                <Route path=path!("/") view=|| view! { <Page><routes::overview::Overview/></Page> }/>
                <Route path=path!("/map") view=|| view! { <Page><LazyPage load=pages::map/></Page> }/>
                <Route path=path!("/township/:code") view=|| view! { <Page><LazyPage load=pages::township/></Page> }/>
                <Route path=path!("/compare") view=|| view! { <Page><LazyPage load=pages::compare/></Page> }/>
                <Route path=path!("/plan") view=|| view! { <Page><LazyPage load=pages::plan/></Page> }/>
                <Route path=path!("/about") view=|| view! { <Page><LazyPage load=pages::about/></Page> }/>
                <Route path=path!("/embeds") view=|| view! { <Page><LazyPage load=pages::embed_gallery/></Page> }/>
                // An embed is the figure alone: no header, navigation or footer.
                <Route path=path!("/embed/:kind") view=|| view! { <LazyPage load=pages::embed/> }/>
                <Route path=path!("/satisfaction") view=|| view! { <Page><LazyPage load=pages::satisfaction/></Page> }/>
                <Route path=path!("/satisfaction/briefing") view=|| view! { <Page><LazyPage load=pages::briefing/></Page> }/>
            </Routes>
            </InUrlLanguage>
        </Router>
    }
}

/// Draws the pages in the language the URL names (`?lang=en`), and draws them again when it
/// changes (the switch in the header is a link): every component reads its words while it is
/// built, so a change of language is a redraw, which the data cache makes cheap. `<html lang>`
/// (screen readers, fonts, search engines) and the document title follow.
#[component]
fn InUrlLanguage(children: ChildrenFn) -> impl IntoView {
    let query = use_query();
    let lang = Memo::new(move |_| query.with(|q| q.lang));
    move || {
        let lang = lang.get();
        i18n::set_lang(lang);
        let document = document();
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", lang.tag());
        }
        document.set_title(msg().document_title);
        children()
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="page">
            <h1>{msg().not_found_title}</h1>
            <p>{msg().not_found_body}</p>
            <p><a href=Query::in_lang(i18n::lang()).href("/")>{msg().back_to_overview}</a></p>
        </section>
    }
}

/// Whether the app is on screen yet (it is laid out only then: measuring before gives zeros).
#[derive(Clone, Copy)]
pub struct AppShown(pub ReadSignal<bool>);

/// Swap the static shell of index.html for the app once the manifest has loaded (or failed):
/// the first frame of the app then already has the county, the pickers and the sample notice,
/// so nothing below them moves when they arrive.
fn reveal_when_ready() {
    let atlas = use_atlas();
    let shown = RwSignal::new(false);
    provide_context(AppShown(shown.read_only()));
    Effect::new(move |revealed: Option<bool>| {
        if revealed == Some(true) || atlas.manifest.get().is_none() {
            return revealed.unwrap_or(false);
        }
        // Two animation frames: the shell is painted at least once before it goes, even when
        // the wasm and the (preloaded) manifest arrive before the browser's first paint, so the
        // first paint is always the shell's and never waits for the app.
        request_animation_frame(move || {
            request_animation_frame(move || {
                let document = document();
                if let Some(shell) = document.get_element_by_id("shell") {
                    shell.remove();
                }
                if let Some(root) = document.get_element_by_id("app") {
                    let _ = root.remove_attribute("hidden");
                }
                shown.set(true);
            })
        });
        true
    });
}

/// Follows the system's light/dark setting, live.
fn prefers_dark() -> Signal<bool> {
    let query = window().match_media("(prefers-color-scheme: dark)").ok().flatten();
    let dark = RwSignal::new(query.as_ref().is_some_and(|q| q.matches()));
    if let Some(q) = query {
        let on_change = leptos::wasm_bindgen::closure::Closure::<
            dyn FnMut(leptos::web_sys::MediaQueryListEvent),
        >::new(move |e: leptos::web_sys::MediaQueryListEvent| dark.set(e.matches()));
        let _ = q.add_event_listener_with_callback(
            "change",
            leptos::wasm_bindgen::JsCast::unchecked_ref(on_change.as_ref()),
        );
        on_change.forget(); // listens for the page's lifetime
    }
    dark.into()
}
