//! The few browser calls that are shorter in JavaScript than through web-sys, in one inline
//! module (wasm-bindgen ships each `inline_js` block as its own file, and every file is one
//! more request before the app starts).

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
// import(url), given up after `ms`: a stalled download otherwise leaves its promise pending for
// ever. A retry passes a fresh `url` (a query added): a module URL whose load is still hanging
// would otherwise join that same load.
export function import_within(url, ms) {
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer from ${url} within ${Math.round(ms / 1000)} s`)), ms);
  });
  // Rejected with a sentence (not an Error object), which the app shows as it is.
  return Promise.race([import(url), late])
    .catch((e) => Promise.reject(String((e && e.message) || e)))
    .finally(() => clearTimeout(timer));
}
// An AbortSignal that fires `ms` after it is made, or after `extend(ms)` was last called: a
// fetch gets a limit for its headers, then one for its body that grows with its size.
export function deadline(ms) {
  const controller = new AbortController();
  let timer;
  const d = {
    signal: controller.signal,
    expired: false,
    extend(ms) {
      clearTimeout(timer);
      timer = setTimeout(() => { d.expired = true; controller.abort(); }, ms);
    },
    clear() { clearTimeout(timer); },
  };
  d.extend(ms);
  return d;
}
// Keep what a reader opened for a visit without a network (js/sw.js). Nothing happens where the
// browser has no service workers (or not on this address: they need https or localhost).
export function keep_offline_copies() {
  if (!('serviceWorker' in navigator)) return;
  const sw = navigator.serviceWorker;
  const controlled = !!sw.controller;
  sw.register('/sw.js').catch(() => {});
  if (controlled) return;
  // A first visit: what it loads comes before the worker, which is handed the addresses to keep.
  let keep = [];
  const send = () => sw.ready.then((r) => {
    if (r.active && keep.length) r.active.postMessage({ page: location.href, keep: keep.splice(0) });
  });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name.startsWith(location.origin + '/')) keep.push(e.name);
    send();
  }).observe({ type: 'resource', buffered: true });
}
// Resolves when the browser says it is online again, or after `ms`, whichever is first.
export function online_or_after(ms) {
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); removeEventListener('online', done); resolve(); };
    const timer = setTimeout(done, ms);
    addEventListener('online', done);
  });
}
"#)]
extern "C" {
    pub fn import_within(url: &str, ms: u32) -> js_sys::Promise;
    pub fn keep_offline_copies();
    pub fn online_or_after(ms: u32) -> js_sys::Promise;

    /// See `deadline` above.
    pub type Deadline;
    pub fn deadline(ms: u32) -> Deadline;
    #[wasm_bindgen(method, getter)]
    pub fn signal(this: &Deadline) -> web_sys::AbortSignal;
    #[wasm_bindgen(method, getter)]
    pub fn expired(this: &Deadline) -> bool;
    #[wasm_bindgen(method)]
    pub fn extend(this: &Deadline, ms: u32);
    #[wasm_bindgen(method)]
    pub fn clear(this: &Deadline);
}
