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
"#)]
extern "C" {
    pub fn import_within(url: &str, ms: u32) -> js_sys::Promise;

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
