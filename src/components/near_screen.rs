//! "Has this box come near the screen yet?" — what defers work until a reader scrolls to it: a
//! chart's ECharts import, the overview's plan box. One IntersectionObserver per box, which
//! disconnects itself once the box has been seen.

use leptos::html::ElementType;
use leptos::prelude::*;
use leptos::wasm_bindgen::{closure::Closure, JsCast};
use leptos::web_sys;

/// How far outside the viewport a box counts as near: far enough that its work is done by the
/// time it scrolls in, near enough that boxes further down wait.
const MARGIN: &str = "200px";

/// A signal that turns true once `node` is within [`MARGIN`] of the viewport (at once where the
/// browser has no IntersectionObserver) and stays true.
pub fn near_screen<E>(node: NodeRef<E>) -> ReadSignal<bool>
where
    E: ElementType,
    E::Output: JsCast + Clone + 'static,
{
    let seen = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(el) = node.get() else { return };
        if seen.get_untracked() {
            return;
        }
        let callback = Closure::<dyn FnMut(js_sys::Array, web_sys::IntersectionObserver)>::new(
            move |entries: js_sys::Array, observer: web_sys::IntersectionObserver| {
                let near = entries
                    .iter()
                    .any(|e| e.unchecked_into::<web_sys::IntersectionObserverEntry>().is_intersecting());
                if near {
                    seen.set(true);
                    observer.disconnect();
                }
            },
        );
        let init = web_sys::IntersectionObserverInit::new();
        init.set_root_margin(MARGIN);
        match web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &init) {
            Ok(observer) => {
                observer.observe(el.unchecked_ref::<web_sys::Element>());
                callback.forget(); // lives as long as the observer, which disconnects itself
            }
            Err(_) => seen.set(true),
        }
    });
    seen.read_only()
}
