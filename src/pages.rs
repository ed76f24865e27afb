//! Every page but the overview is downloaded when it is first opened, not with the app.
//!
//! Why: a parent's phone on a slow network should download only what the first screen needs.
//! Each function below is a split point (`wasm_split`): the code reachable only from it (the
//! page and everything only that page uses) is cut out of the main wasm module into its own
//! file by the post-build step (`crates/atlas-split`), and fetched by the first call.
//!
//! The split points are `fallible`: a chunk that fails to download (a dropped connection) comes
//! back as an error the page shows, with a retry, instead of aborting the whole app. Each one
//! returns a plain function pointer that renders the page, so the page itself is built in the
//! caller's reactive scope (router and data context) once its code is there.

use crate::api::LoadedSnapshot;
use crate::components::near_screen::near_screen;
use crate::components::status::Skeleton;
use crate::components::survey_rate::SatisfactionBox;
use crate::context::Selection;
use crate::i18n::msg;
use crate::routes::{
    about::AboutPage,
    briefing::BriefingPage,
    compare::ComparePage,
    embed::EmbedPage,
    embed_gallery::EmbedGalleryPage,
    map::MapPage,
    plan::{PlanPage, PlanSummaryBox},
    satisfaction::SatisfactionPage,
    township::TownshipPage,
};
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::future::Future;

/// A page's code could not be downloaded.
#[derive(Clone, Copy, Debug)]
pub struct PageLoadFailed;

impl From<SplitLoaderError> for PageLoadFailed {
    fn from(_: SplitLoaderError) -> Self {
        PageLoadFailed
    }
}

/// Renders a page (or a section of one) whose code has been downloaded.
pub type RenderPage = fn() -> AnyView;

type Loaded = Result<RenderPage, PageLoadFailed>;

/// A split point that renders one page (a component without props).
macro_rules! page {
    ($name:ident, $module:ident, $component:ident) => {
        #[wasm_split($module, wasm_split_path = ::leptos::wasm_split, fallible)]
        pub fn $name() -> Loaded {
            Ok(|| view! { <$component/> }.into_any())
        }
    };
}

page!(map, page_map, MapPage);
page!(township, page_township, TownshipPage);
page!(compare, page_compare, ComparePage);
page!(plan, page_plan, PlanPage);
page!(about, page_about, AboutPage);
page!(embed_gallery, page_embeds, EmbedGalleryPage);
page!(embed, page_embed, EmbedPage);
page!(satisfaction, page_satisfaction, SatisfactionPage);
page!(briefing, page_briefing, BriefingPage);

/// Parts of the overview that are below the first screen and need code of their own (the plan's
/// reader and progress rules, the survey statistics): fetched when scrolled near.
#[wasm_split(overview_plan, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn overview_plan() -> Loaded {
    Ok(|| view! { <PlanSummaryBox/> }.into_any())
}

/// Renders the overview's satisfaction box for a snapshot (nothing when it has no survey).
pub type RenderSatisfaction = fn(&LoadedSnapshot, &Selection) -> AnyView;

#[wasm_split(overview_satisfaction, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn overview_satisfaction() -> Result<RenderSatisfaction, PageLoadFailed> {
    Ok(|snapshot, selection| {
        atlas_core::survey::summarise(&snapshot.snapshot)
            .map(|summary| {
                view! { <SatisfactionBox summary=summary selection=selection.clone()/> }.into_any()
            })
            .unwrap_or_else(|| ().into_any())
    })
}

/// Checks a signed file with the publisher key built into the app: the signature's path, the
/// file's bytes and the signature file's text give what the bureau vouched for, or the problem.
pub type VerifySignature =
    fn(&str, &[u8], &str) -> Result<atlas_core::signature::Attestation, Box<atlas_core::Issue>>;

/// The signature checker (minisign-verify: Ed25519 and BLAKE2b in Rust), cut out of the main
/// module like a page: every page needs it once, right after the manifest, and it costs the
/// first screen nothing while the manifest downloads.
#[wasm_split(signature_check, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn signature_checker() -> Result<VerifySignature, PageLoadFailed> {
    Ok(|file, bytes, signature_text| {
        let key = atlas_core::signature::PublisherKey::parse(atlas_core::signature::BUILT_IN_PUBLIC_KEY)
            .map_err(|e| {
                atlas_core::Issue::error(
                    atlas_core::validate::rules::SIGNATURE_MALFORMED,
                    "",
                    "内置的发布者公钥无效",
                    e,
                )
            })?;
        Ok(atlas_core::signature::verify(file, bytes, signature_text, &key)?)
    })
}

/// A page whose code is downloaded on first use: a skeleton while it comes, the page when it is
/// there, and if the download failed, a message with a retry (the rest of the app keeps working).
#[component]
pub fn LazyPage<L, F>(load: L) -> impl IntoView
where
    L: Fn() -> F + Copy + Send + Sync + 'static,
    F: Future<Output = Loaded> + 'static,
{
    lazy(load, |render: RenderPage| render(), Part::Page)
}

/// What is downloaded: a whole page (its failure message is the page's heading) or a section
/// of one.
#[derive(Clone, Copy)]
pub enum Part {
    Page,
    /// `name` marks the section's place on the page (`data-lazy`) before its code is there.
    Section {
        name: &'static str,
        skeleton_blocks: usize,
    },
}

/// Code fetched on first use, then drawn by `draw` (in the caller's reactive scope, so the
/// router and data contexts are there). While it comes: grey blocks the size of `part`. If it
/// failed: what happened and a retry.
pub fn lazy<R, L, F>(
    load: L,
    draw: impl Fn(R) -> AnyView + Send + Sync + 'static,
    part: Part,
) -> impl IntoView
where
    R: Clone + 'static,
    L: Fn() -> F + Copy + Send + Sync + 'static,
    F: Future<Output = Result<R, PageLoadFailed>> + 'static,
{
    let attempt = RwSignal::new(0u32);
    // A page's code is wanted at once; a section's once it nears the screen, so the first
    // screen downloads nothing but the main module.
    let wrapper = NodeRef::<leptos::html::Div>::new();
    let wanted: Signal<bool> = match part {
        Part::Page => Signal::stored(true),
        Part::Section { .. } => near_screen(wrapper).into(),
    };
    let code = LocalResource::new(move || {
        attempt.track();
        let wanted = wanted.get();
        async move {
            if wanted {
                Some(load().await)
            } else {
                None
            }
        }
    });
    // What differs between a whole page and a section of one.
    let (skeleton_blocks, name, is_page) = match part {
        Part::Page => (4, "page", true),
        Part::Section { name, skeleton_blocks } => (skeleton_blocks, name, false),
    };
    let failed = move || {
        let heading = msg().page_load_failed;
        let panel = view! {
            <div class="error-panel" role="alert" data-code-load-failed="">
                {if is_page { view! { <h1>{heading}</h1> }.into_any() } else { view! { <h2>{heading}</h2> }.into_any() }}
                <p>{msg().page_load_failed_body}</p>
                <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>
                    {msg().retry}
                </button>
            </div>
        };
        if is_page {
            view! { <section class="page">{panel}</section> }.into_any()
        } else {
            panel.into_any()
        }
    };
    let skeleton = move || view! { <Skeleton blocks=skeleton_blocks/> };
    view! {
        <div class="lazy-part" data-lazy=name node_ref=wrapper>
            <Suspense fallback=skeleton>
                {move || code.get().map(|loaded| match loaded {
                    None => skeleton().into_any(),
                    Some(Ok(render)) => draw(render),
                    Some(Err(PageLoadFailed)) => failed(),
                })}
            </Suspense>
        </div>
    }
}
