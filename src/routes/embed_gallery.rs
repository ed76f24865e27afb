//! `/embeds`: every embeddable figure of the chosen county and school year, each with a short
//! description, its embed code to copy and a live preview (the embed itself in an iframe, sized
//! by the same resizer script a host page loads).

use crate::api::LoadedSnapshot;
use crate::components::loaded::WithSnapshot;
use crate::components::pickers::PeriodPicker;
use crate::context::{use_query, Selection};
use crate::embeds::{embed_snippet, origin, EmbedKind};
use crate::i18n::embed::embed_msg;
use crate::i18n::figure::figure_msg;
use crate::i18n::msg;
use crate::state::Query;
use leptos::prelude::*;
use leptos::tachys::html::attribute::custom::custom_attribute;
use std::sync::Arc;

#[component]
pub fn EmbedGalleryPage() -> impl IntoView {
    load_resizer();
    view! {
        <section class="page embeds-page">
            <h1>{msg().embeds_title}</h1>
            <p class="lede">{embed_msg().lede}</p>
            <PeriodPicker/>
            <ul class="embed-notes">
                <li>{embed_msg().params}</li>
                <li>{embed_msg().resizer}</li>
                <li>{embed_msg().attribution}</li>
            </ul>
            <WithSnapshot
                skeleton_blocks=2
                render=move |sel, snap| view! { <Gallery selection=sel snapshot=snap/> }.into_any()
            />
        </section>
    }
}

/// The previews are sized like any host page's iframes: by the portal's own resizer script.
fn load_resizer() {
    let doc = document();
    if doc.query_selector("script[data-embed-resizer]").ok().flatten().is_some() {
        return;
    }
    if let (Ok(script), Some(head)) = (doc.create_element("script"), doc.head()) {
        let _ = script.set_attribute("src", "/embed-resizer.js");
        let _ = script.set_attribute("data-embed-resizer", "");
        let _ = head.append_child(&script);
    }
}

#[component]
fn Gallery(selection: Selection, snapshot: Arc<LoadedSnapshot>) -> impl IntoView {
    let query = use_query();
    // County and year pinned, so an embed keeps showing what the article describes.
    let base = query.with_untracked(|q| selection.canonical(&Query { metric: q.metric.clone(), ..q.base() }));
    // Township figures show the township in the URL if the county has it, else its first one.
    let township = query
        .with_untracked(|q| q.township.clone())
        .filter(|c| snapshot.snapshot.townships.iter().any(|t| t.code.as_str() == c))
        .or_else(|| snapshot.snapshot.townships.first().map(|t| t.code.to_string()));
    let county_name = selection.county.name.clone();
    let has_survey = atlas_core::survey::summarise(&snapshot.snapshot).is_some();
    EmbedKind::ALL
        .into_iter()
        .filter(|kind| has_survey || !kind.is_survey())
        .map(|kind| {
            let q = if kind.needs_township() {
                base.with(|q| q.township = township.clone())
            } else {
                base.clone()
            };
            let path = kind.embed_path("/embeds", &q);
            let title = format!("{county_name} · {}", kind.name());
            view! { <EmbedCard kind=kind path=path title=title/> }
        })
        .collect_view()
}

#[component]
fn EmbedCard(kind: EmbedKind, path: String, title: String) -> impl IntoView {
    let code = embed_snippet(&origin(), &path, &title, kind);
    let copied = RwSignal::new(false);
    let code_box = NodeRef::<leptos::html::Textarea>::new();
    let copy = {
        let code = code.clone();
        move |_| {
            let code = code.clone();
            let clipboard = window().navigator().clipboard();
            leptos::task::spawn_local(async move {
                match wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&code)).await {
                    Ok(_) => copied.set(true),
                    // No clipboard permission: select the code so Ctrl+C / long-press copies it.
                    Err(_) => select_all(code_box),
                }
            });
        }
    };
    let code_id = format!("embed-code-{}", kind.key());
    view! {
        <section class="section embed-card" data-embed-kind=kind.key()>
            <h2>{kind.name()}</h2>
            <p class="section-note">{kind.description()}</p>
            <label class="embed-code-label" for=code_id.clone()>{embed_msg().code}</label>
            <textarea
                id=code_id
                class="embed-code"
                readonly
                rows="4"
                node_ref=code_box
                prop:value=code
                on:focus=move |_| select_all(code_box)
            ></textarea>
            <p class="embed-copy">
                <button type="button" class="button" on:click=copy>{embed_msg().copy}</button>
                <span role="status">{move || copied.get().then_some(figure_msg().copied_embed)}</span>
            </p>
            <h3>{embed_msg().preview}</h3>
            <iframe
                class="embed-preview"
                src=path
                title=title
                width="100%"
                height=kind.fallback_height().to_string()
                data-edu-atlas-embed=""
                // `loading` has no typed setter on <iframe> in Leptos 0.8.
                {..custom_attribute("loading", "lazy")}
            ></iframe>
        </section>
    }
}

fn select_all(node: NodeRef<leptos::html::Textarea>) {
    // Runs after an await: the gallery may have been left meanwhile.
    if let Some(el) = node.try_get_untracked().flatten() {
        el.select();
    }
}
