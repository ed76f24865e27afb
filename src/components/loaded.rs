//! The wait-then-draw pattern every data page shares: skeleton while the manifest and the
//! snapshot load, a named error with retry if either fails, a notice when the county has no
//! snapshot, and the page itself once the data is in.

use crate::api::LoadedSnapshot;
use crate::components::status::{ErrorPanel, Notice, Skeleton};
use crate::context::{use_atlas, use_current_snapshot, use_selection, Selection};
use crate::i18n::msg;
use leptos::prelude::*;
use std::sync::Arc;

/// Draws `render(selection, snapshot)` once both are loaded. The render runs again only when the
/// county or school year changes, not on every URL change, so charts inside are not rebuilt
/// when, say, a township is selected.
#[component]
pub fn WithSnapshot<F>(render: F, #[prop(default = 3)] skeleton_blocks: usize) -> impl IntoView
where
    F: Fn(Selection, Arc<LoadedSnapshot>) -> AnyView + Send + Sync + 'static,
{
    let atlas = use_atlas();
    let selection = use_selection();
    let current = use_current_snapshot(selection);
    move || {
        match atlas.manifest.get() {
            None => return view! { <Skeleton blocks=skeleton_blocks/> }.into_any(),
            Some(Err(e)) => {
                let retry = Callback::new(move |_| atlas.manifest.refetch());
                return view! { <ErrorPanel error=e on_retry=retry/> }.into_any();
            }
            Some(Ok(_)) => {}
        }
        // None only for a manifest that lists no county at all.
        let Some(sel) = selection.get() else {
            return view! { <Notice text=msg().no_snapshot_for_county/> }.into_any();
        };
        match current.get() {
            None => view! { <Skeleton blocks=skeleton_blocks/> }.into_any(),
            // While the resource re-runs for a newly resolved selection it still holds its
            // previous "nothing to load" value: only a county that has no snapshot gets the notice.
            Some(None) if sel.current.is_some() => view! { <Skeleton blocks=skeleton_blocks/> }.into_any(),
            Some(None) => view! { <Notice text=msg().no_snapshot_for_county/> }.into_any(),
            Some(Some(Err(e))) => {
                let retry = Callback::new(move |_| current.refetch());
                view! { <ErrorPanel error=e on_retry=retry/> }.into_any()
            }
            // Likewise a stale snapshot of the previous selection is not drawn under the new one.
            Some(Some(Ok(snapshot))) if sel.current.as_ref().map(|e| &e.id) != Some(&snapshot.entry.id) => {
                view! { <Skeleton blocks=skeleton_blocks/> }.into_any()
            }
            Some(Some(Ok(snapshot))) => render(sel, snapshot),
        }
    }
}
