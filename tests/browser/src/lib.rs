//! Browser tests for the portal: the built, optimised app (`dist/`) in headless Chromium through
//! chromedriver, at a phone's and a laptop's screen size. `./dev test` builds `dist/` and runs
//! them; they fail (never skip) when `dist/`, Chromium or chromedriver is missing.
//!
//! - [`server`]: the static server on 127.0.0.1 (also the benchmark's, `atlas-static-server`).
//! - [`browser`]: chromedriver, sessions, waits and the checks every page must pass.
//! - [`fixtures`]: the data folders served and the core's values for them.
//!
//! The tests themselves are in `tests/portal.rs`.

pub mod browser;
pub mod fixtures;
pub mod harness;
pub mod server;

use std::path::PathBuf;

/// The repository root (this crate lives in `tests/browser`).
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The built site: `$ATLAS_DIST_DIR`, else `dist/` at the repository root. Fails loudly when it
/// has not been built.
pub fn dist_dir() -> PathBuf {
    let dir = std::env::var_os("ATLAS_DIST_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("dist"));
    let has_wasm = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().any(|e| e.path().extension().is_some_and(|x| x == "wasm")))
        .unwrap_or(false);
    if !dir.join("index.html").is_file() || !has_wasm {
        panic!(
            "no built portal in {} (index.html and the .wasm are needed). \
             Build it first with `./dev build`, or run everything with `./dev test`.",
            dir.display()
        );
    }
    dir
}

/// The published sample data (`public/data`), which `./dev build` puts into dist/.
pub fn sample_data_dir() -> PathBuf {
    workspace_root().join("public/data")
}

/// Where screenshots go: `tests/screenshots/<page>-<width>.png` (git-ignored; the README
/// names it).
pub fn screenshots_dir() -> PathBuf {
    workspace_root().join("tests/screenshots")
}
