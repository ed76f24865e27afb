//! Data loading, in one place: fetch a published file with gloo-net, check its size and SHA-256
//! against the manifest, parse and check it with the core, and keep the result for the session.
//! Every failure becomes a [`DataError`] that names the file and says what went wrong, so a page
//! can show it (with a retry) while everything that did load keeps working.

use crate::i18n::{self, msg};
use atlas_core::geometry::{BoundaryMap, TileGrid};
use atlas_core::indicators::{self, IndicatorValues};
use atlas_core::manifest::{CountyEntry, GeometryEntry, GeometryKind, Manifest, PlanEntry, SnapshotEntry};
use atlas_core::plan::Plan;
use atlas_core::report::{Issue, LoadError};
use atlas_core::Snapshot;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// Where the published data lives, relative to the site root. `./dev serve --data DIR` and the
/// production build copy the data folder here (see README).
pub const DATA_ROOT: &str = "/data";

#[derive(Clone, Debug, PartialEq)]
pub struct DataError {
    /// Path of the file, as listed in the manifest (e.g. `530426/2024-2025.json`).
    pub file: String,
    /// What went wrong, for people (Chinese).
    pub message_zh: String,
    /// Details: the field path, line/column or HTTP status (English, from the core or network).
    pub detail: String,
}

/// One line for places without room for the error panel: "file：why（detail）".
impl std::fmt::Display for DataError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}：{}（{}）", self.file, self.message_zh, self.detail)
    }
}

impl DataError {
    fn from_load(err: LoadError) -> Self {
        let Issue { path, message_zh, message_en, line, column, .. } = err.issue;
        let mut detail = String::new();
        if !path.is_empty() {
            detail.push_str(&format!("{path}: "));
        }
        if let (Some(l), Some(c)) = (line, column) {
            detail.push_str(&format!("line {l}, column {c}: "));
        }
        detail.push_str(&message_en);
        DataError { file: err.file, message_zh, detail }
    }
}

/// A snapshot that arrived intact, parsed, and passed the core's checks, with its indicators.
#[derive(Debug)]
pub struct LoadedSnapshot {
    pub entry: SnapshotEntry,
    pub snapshot: Snapshot,
    pub values: IndicatorValues,
    /// Warnings from validation (published data may carry them; they are shown, not hidden).
    pub warnings: Vec<Issue>,
}

/// Both layouts of a county's map, as GeoJSON the chart module can register.
#[derive(Debug)]
pub struct LoadedGeometry {
    pub boundaries: Option<BoundaryMap>,
    pub tiles: Option<TileGrid>,
}

pub type Loaded<T> = Result<Arc<T>, DataError>;

thread_local! {
    // The wasm app is single-threaded; the cache lives as long as the page. Only successes are
    // kept, so a retry after a failure fetches again.
    static SNAPSHOTS: RefCell<HashMap<String, Arc<LoadedSnapshot>>> = RefCell::new(HashMap::new());
    static GEOMETRY: RefCell<HashMap<String, Arc<LoadedGeometry>>> = RefCell::new(HashMap::new());
    static PLANS: RefCell<HashMap<String, Arc<Plan>>> = RefCell::new(HashMap::new());
}

/// The address of a data file listed in the manifest (for links to the published file itself).
pub fn url_of(path: &str) -> String {
    format!("{DATA_ROOT}/{path}")
}

async fn fetch_bytes(path: &str) -> Result<Vec<u8>, DataError> {
    let url = url_of(path);
    let response = gloo_net::http::Request::get(&url).send().await.map_err(|e| DataError {
        file: path.to_string(),
        message_zh: msg().error_network.into(),
        detail: e.to_string(),
    })?;
    if !response.ok() {
        return Err(DataError {
            file: path.to_string(),
            message_zh: i18n::error_http(response.status()),
            detail: format!("HTTP {} {}", response.status(), response.status_text()),
        });
    }
    if let Some(len) = response.headers().get("content-length").and_then(|v| v.parse::<u64>().ok()) {
        atlas_core::load::check_size(path, len).map_err(DataError::from_load)?;
    }
    response.binary().await.map_err(|e| DataError {
        file: path.to_string(),
        message_zh: msg().error_incomplete.into(),
        detail: e.to_string(),
    })
}

/// Refuse bytes that differ from what the manifest says was published.
fn check_integrity(
    path: &str,
    bytes: &[u8],
    expected_bytes: u64,
    expected_sha256: &str,
) -> Result<(), DataError> {
    let actual = atlas_core::hash::sha256_hex(bytes);
    if bytes.len() as u64 != expected_bytes || actual != expected_sha256 {
        return Err(DataError {
            file: path.to_string(),
            message_zh: msg().error_hash_mismatch.into(),
            detail: format!(
                "expected {expected_bytes} bytes, SHA-256 {}…; got {} bytes, SHA-256 {}…",
                atlas_core::hash::short_hash(expected_sha256),
                bytes.len(),
                atlas_core::hash::short_hash(&actual)
            ),
        });
    }
    Ok(())
}

pub async fn load_manifest() -> Loaded<Manifest> {
    let path = "manifest.json";
    let bytes = fetch_bytes(path).await?;
    atlas_core::load::parse_manifest(path, &bytes).map(Arc::new).map_err(DataError::from_load)
}

pub async fn load_snapshot(entry: SnapshotEntry) -> Loaded<LoadedSnapshot> {
    if let Some(hit) = SNAPSHOTS.with(|c| c.borrow().get(&entry.id).cloned()) {
        return Ok(hit);
    }
    let bytes = fetch_bytes(&entry.path).await?;
    check_integrity(&entry.path, &bytes, entry.bytes, &entry.sha256)?;
    let snapshot = atlas_core::load::parse_snapshot(&entry.path, &bytes).map_err(DataError::from_load)?;
    let report = atlas_core::validate::check_snapshot(&entry.path, &snapshot);
    if let Some(first) = report.errors().next() {
        let count = report.errors().count();
        return Err(DataError {
            file: entry.path.clone(),
            message_zh: i18n::error_invalid(count),
            detail: first.to_string(),
        });
    }
    let values = indicators::compute(&snapshot);
    let loaded = Arc::new(LoadedSnapshot {
        warnings: report.warnings().cloned().collect(),
        entry: entry.clone(),
        snapshot,
        values,
    });
    SNAPSHOTS.with(|c| c.borrow_mut().insert(entry.id.clone(), loaded.clone()));
    Ok(loaded)
}

/// Load every current snapshot of a county (for trends), each independently: one broken file
/// does not hide the others.
pub async fn load_county_series(county: CountyEntry) -> Vec<Loaded<LoadedSnapshot>> {
    let entries: Vec<SnapshotEntry> = county.current_snapshots().into_iter().cloned().collect();
    let futures = entries.into_iter().map(load_snapshot);
    futures::future::join_all(futures).await
}

async fn load_geometry_file(entry: &GeometryEntry) -> Result<Vec<u8>, DataError> {
    let bytes = fetch_bytes(&entry.path).await?;
    check_integrity(&entry.path, &bytes, entry.bytes, &entry.sha256)?;
    Ok(bytes)
}

pub async fn load_geometry(county: CountyEntry) -> Loaded<LoadedGeometry> {
    let key = county.code.to_string();
    if let Some(hit) = GEOMETRY.with(|c| c.borrow().get(&key).cloned()) {
        return Ok(hit);
    }
    let mut boundaries = None;
    let mut tiles = None;
    if let Some(entry) = county.geometry_of(GeometryKind::Geojson) {
        let bytes = load_geometry_file(entry).await?;
        boundaries =
            Some(atlas_core::load::parse_boundary_map(&entry.path, &bytes).map_err(DataError::from_load)?);
    }
    if let Some(entry) = county.geometry_of(GeometryKind::TileGrid) {
        let bytes = load_geometry_file(entry).await?;
        tiles = Some(atlas_core::load::parse_tile_grid(&entry.path, &bytes).map_err(DataError::from_load)?);
    }
    let loaded = Arc::new(LoadedGeometry { boundaries, tiles });
    GEOMETRY.with(|c| c.borrow_mut().insert(key, loaded.clone()));
    Ok(loaded)
}

pub async fn load_plan(entry: PlanEntry) -> Loaded<Plan> {
    if let Some(hit) = PLANS.with(|c| c.borrow().get(&entry.id).cloned()) {
        return Ok(hit);
    }
    let bytes = fetch_bytes(&entry.path).await?;
    check_integrity(&entry.path, &bytes, entry.bytes, &entry.sha256)?;
    let plan = Arc::new(atlas_core::load::parse_plan(&entry.path, &bytes).map_err(DataError::from_load)?);
    PLANS.with(|c| c.borrow_mut().insert(entry.id.clone(), plan.clone()));
    Ok(plan)
}
