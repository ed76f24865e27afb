//! `/about`: what every number means and where it comes from: the indicator table (from the
//! core), every published snapshot with its date, size, hash and corrections, the publisher and
//! licence, and what the site does not do (no trackers, no third-party requests).

use crate::api;
use crate::components::share::download_text;
use crate::components::status::{ErrorPanel, Skeleton};
use crate::context::{use_atlas, use_current_snapshot, use_selection};
use crate::i18n::about::about_msg;
use crate::i18n::figure::figure_msg;
use crate::i18n::{lang, msg};
use atlas_core::format::group_thousands;
use atlas_core::indicators::{Category, IndicatorDef, INDICATORS};
use atlas_core::manifest::{CountyEntry, SnapshotEntry};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

#[component]
pub fn AboutPage() -> impl IntoView {
    let location = use_location();
    // Definition links carry `#ind-<id>`; the router does not scroll to fragments itself.
    Effect::new(move |_| {
        let hash = location.hash.get();
        let id = hash.trim_start_matches('#').to_string();
        if id.is_empty() {
            return;
        }
        request_animation_frame(move || {
            if let Some(el) = document().get_element_by_id(&id) {
                el.scroll_into_view();
            }
        });
    });
    view! {
        <section class="page about-page">
            <h1>{about_msg().title}</h1>
            <p class="lede">{about_msg().intro}</p>
            <nav class="toc" aria-label=about_msg().toc>
                // In the order of the sections below.
                <a href="#publisher">{about_msg().publisher}</a>
                " · "
                <a href="#signature">{about_msg().signature}</a>
                " · "
                <a href="#snapshots">{about_msg().snapshots}</a>
                " · "
                <a href="#indicators">{about_msg().indicators}</a>
                " · "
                <a href="#privacy">{about_msg().privacy}</a>
            </nav>
            <Publisher/>
            <SignatureSection/>
            <Snapshots/>
            <Indicators/>
            <section class="section" id="privacy">
                <h2>{about_msg().privacy}</h2>
                <p>{msg().about_privacy_body}</p>
                <p>{about_msg().software}</p>
            </section>
        </section>
    }
}

#[component]
fn Indicators() -> impl IntoView {
    view! {
        <section class="section" id="indicators">
            <h2>{about_msg().indicators}</h2>
            {Category::ALL
                .iter()
                .map(|cat| {
                    let defs: Vec<&'static IndicatorDef> = INDICATORS.iter().filter(|d| d.category == *cat).collect();
                    view! {
                        <h3>{cat.label_zh()}</h3>
                        <div class="definitions">{defs.into_iter().map(|d| view! { <Definition def=d/> }).collect_view()}</div>
                    }
                })
                .collect_view()}
        </section>
    }
}

#[component]
fn Definition(def: &'static IndicatorDef) -> impl IntoView {
    let levels = def.levels.iter().map(|l| l.label_zh()).collect::<Vec<_>>().join("、");
    let threshold = def.threshold.as_ref().map(|t| {
        format!(
            "{} {}（{}）",
            t.op.symbol(),
            group_thousands(t.value, def.unit.decimals().max(1)),
            t.standard_zh
        )
    });
    view! {
        <article class="definition" id=format!("ind-{}", def.id) data-indicator=def.id>
            <h4>{def.name_zh}<span class="en">{def.name_en}</span></h4>
            <dl>
                <dt>{about_msg().formula}</dt>
                <dd>{def.formula_zh}<br/><code>{def.formula_symbols}</code></dd>
                <dt>{figure_msg().unit}</dt>
                <dd>{def.unit.name_zh()}</dd>
                <dt>{msg().standard}</dt>
                <dd>{threshold.unwrap_or_else(|| figure_msg().no_standard.to_string())}</dd>
                <dt>{about_msg().direction}</dt>
                <dd>{def.direction.label_zh()}</dd>
                <dt>{about_msg().levels}</dt>
                <dd>{levels}</dd>
                <dt>{about_msg().basis}</dt>
                <dd>{def.basis().label(lang())}</dd>
                <dt>{figure_msg().source}</dt>
                <dd>{def.source_zh}</dd>
                <dt>"ID"</dt>
                <dd><code>{def.id}</code></dd>
            </dl>
        </article>
    }
}

#[component]
fn Snapshots() -> impl IntoView {
    let atlas = use_atlas();
    view! {
        <section class="section" id="snapshots">
            <h2>{about_msg().snapshots}</h2>
            <p class="section-note">{about_msg().downloads_note}</p>
            // A manifest that failed says so here too, with a retry; the definitions below
            // need no data and stay readable.
            {move || match atlas.manifest.get() {
                None => view! { <Skeleton blocks=1/> }.into_any(),
                Some(Err(e)) => {
                    let retry = Callback::new(move |_| atlas.manifest.refetch());
                    view! { <ErrorPanel error=e on_retry=retry/> }.into_any()
                }
                Some(Ok(m)) => {
                    m.counties.iter().map(|c| view! { <CountySnapshots county=c.clone()/> }).collect_view().into_any()
                }
            }}
        </section>
    }
}

#[component]
fn CountySnapshots(county: CountyEntry) -> impl IntoView {
    let current: Vec<String> = county.current_snapshots().iter().map(|e| e.id.clone()).collect();
    let rows = county.snapshots.iter().map(|e| snapshot_row(e, current.contains(&e.id))).collect_view();
    let empty = county.snapshots.is_empty();
    view! {
        <h3>{county.name.clone()}" ("{county.code.to_string()}")"</h3>
        {if empty {
            view! { <p>{msg().no_snapshot_for_county}</p> }.into_any()
        } else {
            view! {
                <div class="table-scroll" tabindex="0">
                    <table class="data-table snapshots">
                        <thead>
                            <tr>
                                <th scope="col">{figure_msg().data_version}</th>
                                <th scope="col">{msg().school_year}</th>
                                <th scope="col">{figure_msg().as_of}</th>
                                <th scope="col">{figure_msg().published}</th>
                                <th scope="col">{about_msg().file_size}</th>
                                <th scope="col">"SHA-256"</th>
                                <th scope="col">{about_msg().status}</th>
                                <th scope="col">{about_msg().downloads}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
                .into_any()
        }}
    }
}

fn snapshot_row(e: &SnapshotEntry, in_force: bool) -> impl IntoView {
    let status = if in_force { about_msg().in_force } else { about_msg().superseded };
    let revision = e
        .revises
        .as_ref()
        .map(|r| format!("{} {r}：{}", about_msg().revises, e.revision_note.clone().unwrap_or_default()));
    view! {
        <tr data-snapshot=e.id.clone()>
            <th scope="row">
                <code>{e.id.clone()}</code>
                {e.sample.then(|| view! { " " <span class="chip sample">{about_msg().sample_badge}</span> })}
            </th>
            <td>{e.school_year.label_zh()}</td>
            <td>{e.as_of.to_string()}</td>
            <td>{e.published.to_string()}</td>
            <td class="num">{group_thousands(e.bytes as f64, 0)}</td>
            <td><code class="hash">{e.sha256.clone()}</code></td>
            <td>{status}{revision.map(|r| view! { <br/><small>{r}</small> })}</td>
            <td class="downloads">
                <a href=api::url_of(&e.path) download="" data-download="json">{about_msg().download_json}</a>
                <IndicatorsCsvButton entry=e.clone()/>
            </td>
        </tr>
    }
}

/// Every computed indicator of one snapshot as CSV (`atlas export` in the browser): the file is
/// loaded and checked like any snapshot the portal shows, so a file that fails its hash or its
/// validation gives that error here instead of a download.
#[component]
fn IndicatorsCsvButton(entry: SnapshotEntry) -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let on_click = move |_| {
        let entry = entry.clone();
        problem.set(None);
        leptos::task::spawn_local(async move {
            let outcome = match api::load_snapshot(entry.clone()).await {
                Ok(loaded) => {
                    let csv = atlas_core::export::indicators_csv(
                        &entry.id,
                        &entry.sha256,
                        &loaded.snapshot,
                        &loaded.values,
                    );
                    download_text(&format!("{}-indicators.csv", entry.id), "text/csv;charset=utf-8", &csv)
                }
                Err(e) => Err(e.to_string()),
            };
            if let Err(text) = outcome {
                problem.set(Some(text));
            }
        });
    };
    view! {
        <button type="button" class="link-button" data-download="indicators-csv" on:click=on_click>
            {about_msg().download_csv}
        </button>
        {move || problem.get().map(|p| view! { <p class="notice" role="alert">{p}</p> })}
    }
}

#[component]
fn Publisher() -> impl IntoView {
    let selection = use_selection();
    let current = use_current_snapshot(selection);
    view! {
        <section class="section" id="publisher">
            <h2>{about_msg().publisher}</h2>
            {move || current.get().flatten().and_then(|r| r.ok()).map(|s| {
                let meta = s.snapshot.meta.clone();
                view! {
                    <dl class="facts">
                        <div class="fact"><dt>{msg().county}</dt><dd>{meta.county_name.clone()}</dd></div>
                        <div class="fact"><dt>{figure_msg().publisher}</dt><dd>{meta.publisher.clone()}</dd></div>
                        <div class="fact"><dt>{figure_msg().source}</dt><dd>{meta.source.clone()}</dd></div>
                        <div class="fact"><dt>{about_msg().license}</dt><dd>{meta.license.clone()}</dd></div>
                        <div class="fact"><dt>{about_msg().contact}</dt><dd>{meta.contact.clone()}</dd></div>
                    </dl>
                    {(!meta.notes.is_empty()).then(|| view! {
                        <ul class="notes">{meta.notes.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
                    })}
                }
            })}
        </section>
    }
}

/// The publisher key the portal checks with, what its signature vouched for, and how anyone can
/// check a download with the standard minisign tool.
#[component]
fn SignatureSection() -> impl IntoView {
    let atlas = use_atlas();
    let key = atlas_core::signature::PublisherKey::parse(atlas_core::signature::BUILT_IN_PUBLIC_KEY).ok();
    let (key_id, key_text) = key.map(|k| (k.key_id(), k.base64().to_string())).unwrap_or_default();
    let command = format!("minisign -Vm manifest.json -P {key_text}");
    view! {
        <section class="section" id="signature">
            <h2>{about_msg().signature}</h2>
            <p>{about_msg().signature_body}</p>
            <dl class="facts">
                <div class="fact">
                    <dt>{about_msg().signature_key}</dt>
                    <dd><code data-key-id="">{key_id}</code>" "<code class="hash" data-public-key="">{key_text}</code></dd>
                </div>
                {move || atlas.manifest.get().and_then(|m| m.ok()).and(api::signed_manifest()).map(|a| view! {
                    <div class="fact">
                        <dt>{about_msg().signature_signed}</dt>
                        <dd data-signed-date="">{format!("{} · {} · {}", a.file, a.date, a.snapshots.join(" "))}</dd>
                    </div>
                })}
            </dl>
            {atlas_core::signature::built_in_key_is_sample().then(|| view! {
                <p class="notice" data-sample-key="">{about_msg().signature_sample}</p>
            })}
            <p>{about_msg().signature_how}</p>
            <pre class="command"><code>{command}</code></pre>
        </section>
    }
}
