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
use atlas_core::signature::{self, Attestation};
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
    static SIGNED: RefCell<Option<Attestation>> = const { RefCell::new(None) };
    // The SHA-256 of the manifest in use, and whether it is an offline copy.
    static MANIFEST: RefCell<(String, Option<OfflineCopy>)> = const { RefCell::new((String::new(), None)) };
}

/// The address of a data file listed in the manifest (for links to the published file itself).
pub fn url_of(path: &str) -> String {
    format!("{DATA_ROOT}/{path}")
}

/// How long a request may wait for the server's answer (the status and headers) before it is
/// given up with a notice and a retry: a stalled connection otherwise leaves a page loading for
/// ever. Generous for a rural phone network, where an answer can take seconds.
const ANSWER_WITHIN_MS: u32 = 20_000;
/// Then the body: that long again plus a second for every 2 KB (16 kbit/s, slower than a weak
/// 2G connection), so a large boundary file on a slow link is not cut off while it still flows.
const BODY_BYTES_PER_SECOND: u64 = 2_048;

async fn fetch_bytes(path: &str) -> Result<Vec<u8>, DataError> {
    fetch_answer(path).await.map(|answer| answer.bytes)
}

/// The header the service worker (js/sw.js) puts on an answer from its cache, given because the
/// network failed: when that copy was fetched (an ISO date), or `missing` on the 503 it gives for
/// a file it never had.
const OFFLINE_HEADER: &str = "x-atlas-offline";

/// A file's bytes and, when they are the service worker's copy from an earlier visit (the
/// network failed), when that copy was fetched.
struct Answer {
    bytes: Vec<u8>,
    offline_copy_of: Option<String>,
}

async fn fetch_answer(path: &str) -> Result<Answer, DataError> {
    let url = url_of(path);
    let deadline = crate::js_helpers::deadline(ANSWER_WITHIN_MS);
    let result = fetch_within(path, &url, &deadline).await;
    deadline.clear();
    result.map_err(|e| match deadline.expired() {
        true => DataError {
            file: path.to_string(),
            message_zh: msg().error_timeout.into(),
            detail: format!("no complete answer within the time limit ({})", e.detail),
        },
        false => e,
    })
}

async fn fetch_within(
    path: &str,
    url: &str,
    deadline: &crate::js_helpers::Deadline,
) -> Result<Answer, DataError> {
    let response =
        gloo_net::http::Request::get(url).abort_signal(Some(&deadline.signal())).send().await.map_err(
            |e| DataError {
                file: path.to_string(),
                message_zh: msg().error_network.into(),
                detail: e.to_string(),
            },
        )?;
    let offline_copy_of = response.headers().get(OFFLINE_HEADER);
    if !response.ok() {
        if offline_copy_of.as_deref() == Some("missing") {
            return Err(DataError {
                file: path.to_string(),
                message_zh: msg().error_offline_missing.into(),
                detail: "offline, and this file was not downloaded on an earlier visit".into(),
            });
        }
        return Err(DataError {
            file: path.to_string(),
            message_zh: i18n::error_http(response.status()),
            detail: format!("HTTP {} {}", response.status(), response.status_text()),
        });
    }
    let length = response.headers().get("content-length").and_then(|v| v.parse::<u64>().ok());
    if let Some(len) = length {
        atlas_core::load::check_size(path, len).map_err(DataError::from_load)?;
    }
    // Without a length (a chunked answer) the body may take as long as a 1 MB file would.
    let body_ms = u64::from(ANSWER_WITHIN_MS) + length.unwrap_or(1 << 20) * 1000 / BODY_BYTES_PER_SECOND;
    deadline.extend(body_ms.min(u64::from(u32::MAX)) as u32);
    let bytes = response.binary().await.map_err(|e| DataError {
        file: path.to_string(),
        message_zh: msg().error_incomplete.into(),
        detail: e.to_string(),
    })?;
    Ok(Answer { bytes, offline_copy_of })
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
    let (answer, attested) = fetch_signed(path).await?;
    let manifest = atlas_core::load::parse_manifest(path, &answer.bytes).map_err(DataError::from_load)?;
    let copy = answer.offline_copy_of.map(|fetched| OfflineCopy {
        published: attested.date.clone(),
        fetched: fetched.chars().take(10).collect(),
    });
    SIGNED.with(|s| *s.borrow_mut() = Some(attested));
    MANIFEST.with(|m| *m.borrow_mut() = (atlas_core::hash::sha256_hex(&answer.bytes), copy));
    Ok(Arc::new(manifest))
}

/// The manifest in use is the service worker's copy from an earlier visit (the network failed):
/// the date its signature gives as the publication date, and the day the copy was fetched.
#[derive(Clone, Debug, PartialEq)]
pub struct OfflineCopy {
    pub published: String,
    pub fetched: String,
}

/// When the manifest in use came from the offline copy, which one (None when it is current).
pub fn manifest_offline_copy() -> Option<OfflineCopy> {
    MANIFEST.with(|m| m.borrow().1.clone())
}

/// Ask the network for the manifest again: `Some(true)` when it answered with another manifest
/// than the one in use (new data was published), `Some(false)` when with the same, None while
/// still offline (the answer was again the offline copy, or none came).
pub async fn manifest_changed() -> Option<bool> {
    let answer = fetch_answer("manifest.json").await.ok()?;
    if answer.offline_copy_of.is_some() {
        return None;
    }
    let sha = atlas_core::hash::sha256_hex(&answer.bytes);
    Some(MANIFEST.with(|m| m.borrow().0 != sha))
}

/// What the publisher's signature of the manifest vouched for (file, county, snapshots, date),
/// once it has been checked: the about page shows it.
pub fn signed_manifest() -> Option<Attestation> {
    SIGNED.with(|s| s.borrow().clone())
}

/// A manifest and its signature (`FILE.minisig`), fetched side by side and checked with the
/// publisher key built into the app before anything is read from the manifest: a mirror that
/// changed a data file and its manifest entry together is refused here, naming the signature.
async fn fetch_signed(path: &str) -> Result<(Answer, Attestation), DataError> {
    let sig_path = signature::signature_path(path);
    let (answer, sig) = futures::join!(fetch_answer(path), fetch_bytes(&sig_path));
    let answer = answer?;
    let refused = |issue: Issue| DataError {
        file: sig_path.clone(),
        message_zh: msg().error_signature.into(),
        detail: format!("{}: {}", issue.rule, issue.message_en),
    };
    let sig = sig.map_err(|e| refused(signature::missing_signature(path, &e.detail)))?;
    let sig_text = String::from_utf8_lossy(&sig);
    let check = crate::pages::signature_checker().await.map_err(|_| DataError {
        file: sig_path.clone(),
        message_zh: msg().error_network.into(),
        detail: "the signature checker's code could not be downloaded".into(),
    })?;
    let attested = check(path, &answer.bytes, &sig_text).map_err(|e| refused(*e))?;
    Ok((answer, attested))
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
