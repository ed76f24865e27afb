//! The states a reader can meet besides "here is your data": loading, failed (with what failed
//! and a retry), and nothing published.

use crate::api::DataError;
use crate::i18n::msg;
use leptos::prelude::*;

/// Grey blocks the size of what is coming, so nothing jumps when it arrives.
#[component]
pub fn Skeleton(#[prop(default = 3)] blocks: usize) -> impl IntoView {
    view! {
        <div class="skeleton" aria-busy="true" aria-live="polite">
            <span class="visually-hidden">{msg().loading}</span>
            {(0..blocks).map(|_| view! { <div class="skeleton-block"></div> }).collect_view()}
        </div>
    }
}

/// Which file failed and why, with a retry; says that the rest of the portal still works.
#[component]
pub fn ErrorPanel(error: DataError, #[prop(optional)] on_retry: Option<Callback<()>>) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert" data-error-file=error.file.clone()>
            <h2>{msg().load_failed}</h2>
            <p>
                <code class="file">{error.file.clone()}</code>
                "："
                {error.message_zh.clone()}
            </p>
            <p class="detail">
                <small>{error.detail.clone()}</small>
            </p>
            <p>{msg().still_available}</p>
            {on_retry.map(|retry| view! {
                <button type="button" class="button" on:click=move |_| retry.run(())>{msg().retry}</button>
            })}
        </div>
    }
}

#[component]
pub fn Notice(#[prop(into)] text: String) -> impl IntoView {
    view! { <p class="notice">{text}</p> }
}
