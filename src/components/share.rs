//! Share and download, on every chart and map: permalink, embed code, CSV (exactly the table
//! plotted), PNG (2×, for print) and SVG. Every file carries the title, source, data version
//! and, for sample data, the sample notice.

use crate::charts::{self, options};
use crate::components::figure::{source_line, Figure};
use crate::context::{use_query, use_selection};
use crate::embeds::{self, EmbedKind};
use crate::i18n::figure::figure_msg;
use atlas_core::format::{SAMPLE_NOTICE_EN, SAMPLE_NOTICE_ZH};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use leptos::web_sys;

#[derive(Clone, Debug, PartialEq)]
enum ShareStatus {
    Idle,
    Done(&'static str),
    Failed(String),
}

/// Width of downloaded images in CSS pixels (doubled for PNG).
const EXPORT_WIDTH: u32 = 800;

#[component]
pub fn ShareMenu(#[prop(into)] figure: Signal<Figure>) -> impl IntoView {
    let status = RwSignal::new(ShareStatus::Idle);
    let query = use_query();
    let selection = use_selection();
    let embed_kind = move || figure.with(|f| EmbedKind::from_key(f.kind));
    let path = move || window().location().pathname().unwrap_or_default();
    // Inside an embed the permalink is the full page's, not the embed's.
    let permalink = move || match embed_kind().filter(|_| path().starts_with("/embed/")) {
        Some(kind) => format!("{}{}", embeds::origin(), query.with_untracked(|q| kind.full_view(q))),
        None => window().location().href().unwrap_or_default(),
    };
    // Embed code pins the county and school year: an article keeps showing what it describes
    // when a later year is published.
    let embed_code = move || {
        let kind = embed_kind()?;
        let q = query.with_untracked(|q| {
            selection.with_untracked(|s| s.as_ref().map(|s| s.canonical(q)).unwrap_or_else(|| q.clone()))
        });
        let src = kind.embed_path(&path(), &q);
        Some(embeds::embed_snippet(&embeds::origin(), &src, &figure.with(|f| f.table.title.clone()), kind))
    };

    let copy = move |text: String, done: &'static str| {
        let clipboard = window().navigator().clipboard();
        leptos::task::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await {
                Ok(_) => status.set(ShareStatus::Done(done)),
                // Without clipboard permission the text is still shown below to copy by hand.
                Err(_) => status.set(ShareStatus::Failed(text)),
            }
        });
    };

    let download_csv = move |_| {
        let f = figure.get_untracked();
        let name = file_name(&f, "csv");
        match download_text(&name, "text/csv;charset=utf-8", &f.table.to_csv()) {
            Ok(()) => status.set(ShareStatus::Done(figure_msg().downloaded)),
            Err(e) => status.set(ShareStatus::Failed(e)),
        }
    };
    let download_png = move |_| {
        let f = figure.get_untracked();
        leptos::task::spawn_local(async move {
            let export = export_spec(&f);
            match charts::png_of(&export, EXPORT_WIDTH, export.height_px, 2.0).await {
                Ok(url) => match download_url(&file_name(&f, "png"), &url) {
                    Ok(()) => status.set(ShareStatus::Done(figure_msg().downloaded)),
                    Err(e) => status.set(ShareStatus::Failed(e)),
                },
                Err(e) => status.set(ShareStatus::Failed(e)),
            }
        });
    };
    let download_svg = move |_| {
        let f = figure.get_untracked();
        leptos::task::spawn_local(async move {
            let export = export_spec(&f);
            match charts::svg_of(&export, EXPORT_WIDTH, export.height_px).await {
                Ok(svg) => match download_text(&file_name(&f, "svg"), "image/svg+xml", &svg) {
                    Ok(()) => status.set(ShareStatus::Done(figure_msg().downloaded)),
                    Err(e) => status.set(ShareStatus::Failed(e)),
                },
                Err(e) => status.set(ShareStatus::Failed(e)),
            }
        });
    };

    view! {
        <details class="share">
            <summary>{figure_msg().share_menu}</summary>
            <div class="share-actions">
                <button type="button" class="button" on:click=move |_| copy(permalink(), figure_msg().copied_link)>
                    {figure_msg().copy_link}
                </button>
                {move || embed_kind().is_some().then(|| view! {
                    <button
                        type="button"
                        class="button"
                        data-copy="embed"
                        on:click=move |_| {
                            if let Some(code) = embed_code() {
                                copy(code, figure_msg().copied_embed)
                            }
                        }
                    >
                        {figure_msg().copy_embed}
                    </button>
                })}
                <button type="button" class="button" data-download="csv" on:click=download_csv>
                    {figure_msg().download_csv}
                </button>
                <button type="button" class="button" data-download="png" on:click=download_png>
                    {figure_msg().download_png}
                </button>
                <button type="button" class="button" data-download="svg" on:click=download_svg>
                    {figure_msg().download_svg}
                </button>
            </div>
            <p class="share-status" role="status">
                {move || match status.get() {
                    ShareStatus::Idle => None,
                    ShareStatus::Done(text) => Some(view! { <span>{text}</span> }.into_any()),
                    ShareStatus::Failed(text) => Some(
                        view! {
                            <span>{figure_msg().copy_manually}</span>
                            <textarea readonly rows="3" class="share-fallback">{text}</textarea>
                        }
                            .into_any(),
                    ),
                }}
            </p>
        </details>
    }
}

fn file_name(f: &Figure, ext: &str) -> String {
    let sample = if f.table.sample { "-sample" } else { "" };
    format!("{}-{}{}.{}", f.table.snapshot_id, f.kind, sample, ext)
}

fn export_spec(f: &Figure) -> options::ChartSpec {
    let mut footer = vec![format!("{} · {}", f.period, f.unit.name_zh()), source_line(&f.table)];
    if f.table.sample {
        footer.push(SAMPLE_NOTICE_ZH.to_string());
        footer.push(SAMPLE_NOTICE_EN.to_string());
    }
    options::for_export(&f.spec, &f.table.title, &footer)
}

fn download_url(name: &str, url: &str) -> Result<(), String> {
    let document = document();
    let a: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|e| format!("{e:?}"))?.unchecked_into();
    a.set_href(url);
    a.set_download(name);
    a.set_attribute("hidden", "").ok();
    let body = document.body().ok_or("no body")?;
    body.append_child(&a).map_err(|e| format!("{e:?}"))?;
    a.click();
    a.remove();
    Ok(())
}

/// Save `text` as a file named `name` (through a Blob URL: nothing leaves the browser).
pub fn download_text(name: &str, mime: &str, text: &str) -> Result<(), String> {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob =
        web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(|e| format!("{e:?}"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|e| format!("{e:?}"))?;
    let result = download_url(name, &url);
    // The click has started the download; the URL can go once the event loop moves on.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 1000);
    result
}
