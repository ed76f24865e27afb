//! The sample data generator (示例数据生成器): writes `public/data` — snapshots, schematic maps
//! and `manifest.json` — for 峨山彝族自治县 (four school years and one correction) and 息烽县 (one
//! school year matching the 2020 totals of its plan). Every figure is labelled 示例数据.
//!
//! The output is deterministic: the same bytes on every run (keyed pseudo-random streams, fixed
//! publication dates, the core's one JSON writer). The manifest is built with the core's publish
//! rules, the same ones `atlas publish` applies, so publishing the generated directory again
//! changes nothing. See README.md for the assumptions behind the magnitudes.

pub mod apportion;
pub mod eshan;
pub mod map;
pub mod model;
pub mod names;
pub mod rng;
pub mod roster;
pub mod survey;
pub mod xifeng;

use atlas_core::manifest::Manifest;
use atlas_core::publish::{
    add_to_manifest, empty_manifest, BOUNDARIES_FILE, MANIFEST_FILE, PLANS_DIR, TILES_FILE,
};
use atlas_core::signature::signing::{Password, SigningKey};
use atlas_core::signature::{self, signature_path, PublisherKey};
use atlas_core::{Date, Issue};
use std::fmt;
use std::path::{Path, PathBuf};

/// A generated data file and how it is published.
#[derive(Clone, Debug, PartialEq)]
pub struct DataFile {
    /// Path relative to the data root, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
    /// Fixed publication date written into the manifest.
    pub published: Date,
    /// For a correction: what changed.
    pub revision_note: Option<String>,
}

#[derive(Debug)]
pub enum GenerateError {
    /// The generator's own tables do not fit together (a bug in this crate).
    Model(String),
    Json {
        path: String,
        error: serde_json::Error,
    },
    Io {
        path: PathBuf,
        error: std::io::Error,
    },
    /// The core's publish rules refused a file.
    Publish {
        path: String,
        issues: Vec<Issue>,
    },
    /// The sample key could not sign the manifest.
    Sign {
        message: String,
    },
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GenerateError::Model(message) => write!(f, "sample model: {message}"),
            GenerateError::Json { path, error } => write!(f, "{path}: cannot write JSON: {error}"),
            GenerateError::Io { path, error } => write!(f, "{}: {error}", path.display()),
            GenerateError::Sign { message } => write!(f, "signing with the sample key: {message}"),
            GenerateError::Publish { path, issues } => {
                write!(f, "{path}: refused by the publish rules:")?;
                for issue in issues {
                    write!(f, "\n  {issue}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for GenerateError {}

/// When each kind of file is published. Each school year's snapshot comes out the following
/// March, the correction of 2023–2024 three months after the original, a county's maps with its
/// first snapshot, and the plan files when the plan tracker went live.
const XIFENG_PUBLISHED: &str = "2021-03-19";
const ESHAN_PUBLISHED: [&str; eshan::YEARS] = ["2022-03-18", "2023-03-17", "2024-03-15", "2025-03-14"];
const ESHAN_CORRECTION_PUBLISHED: &str = "2024-06-14";
const PLANS_PUBLISHED: &str = "2025-04-01";

fn json_file<T: serde::Serialize>(
    path: String,
    value: &T,
    published: &str,
) -> Result<DataFile, GenerateError> {
    let text = atlas_core::to_published_json(value)
        .map_err(|error| GenerateError::Json { path: path.clone(), error })?;
    Ok(DataFile {
        path,
        bytes: text.into_bytes(),
        published: Date(published.to_string()),
        revision_note: None,
    })
}

/// Every generated data file (the manifest aside), in publication order.
pub fn data_files() -> Result<Vec<DataFile>, GenerateError> {
    let mut files = Vec::new();

    let xifeng_code = atlas_core::CountyCode(xifeng::COUNTY_CODE.to_string());
    let snapshot = xifeng::snapshot()?;
    files.push(json_file(
        format!("{xifeng_code}/{}.json", snapshot.meta.school_year),
        &snapshot,
        XIFENG_PUBLISHED,
    )?);
    files.push(json_file(
        format!("{xifeng_code}/{BOUNDARIES_FILE}"),
        &map::boundary_map(&xifeng_code, &xifeng::OUTLINE, &xifeng::TOWNSHIPS),
        XIFENG_PUBLISHED,
    )?);
    files.push(json_file(
        format!("{xifeng_code}/{TILES_FILE}"),
        &map::tile_grid(&xifeng_code, &xifeng::TOWNSHIPS),
        XIFENG_PUBLISHED,
    )?);

    let eshan_code = eshan::county_code();
    let snapshots = eshan::snapshots()?;
    let revision_note = eshan::revision_note(&snapshots);
    let mut year = 0;
    for (stem, snapshot) in &snapshots {
        let path = format!("{eshan_code}/{stem}.json");
        if stem.ends_with("-r1") {
            let mut file = json_file(path, snapshot, ESHAN_CORRECTION_PUBLISHED)?;
            file.revision_note = revision_note.clone();
            files.push(file);
            continue;
        }
        let published = ESHAN_PUBLISHED.get(year).copied().unwrap_or(PLANS_PUBLISHED);
        files.push(json_file(path, snapshot, published)?);
        if year == 0 {
            files.push(json_file(
                format!("{eshan_code}/{BOUNDARIES_FILE}"),
                &map::boundary_map(&eshan_code, &eshan::OUTLINE, &eshan::TOWNSHIPS),
                published,
            )?);
            files.push(json_file(
                format!("{eshan_code}/{TILES_FILE}"),
                &map::tile_grid(&eshan_code, &eshan::TOWNSHIPS),
                published,
            )?);
        }
        year += 1;
    }
    // Publication order is chronological; the sort is stable, so files of one day keep the
    // order above (a county's snapshot before its maps, which take the county's name from it).
    files.sort_by(|a, b| a.published.cmp(&b.published));
    Ok(files)
}

/// The plan files under `data_root/plans/` (written by the plan tracker, not by this generator),
/// as `(path relative to the data root, bytes)`, sorted by name.
pub fn read_plans(data_root: &Path) -> Result<Vec<(String, Vec<u8>)>, GenerateError> {
    let dir = data_root.join(PLANS_DIR);
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let io = |error| GenerateError::Io { path: dir.clone(), error };
    let mut plans = Vec::new();
    for entry in std::fs::read_dir(&dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".json") {
            continue;
        }
        let path = entry.path();
        let bytes = std::fs::read(&path).map_err(|error| GenerateError::Io { path, error })?;
        plans.push((format!("{PLANS_DIR}/{name}"), bytes));
    }
    plans.sort();
    Ok(plans)
}

/// The manifest, built by publishing every file in order with the core's rules.
pub fn build_manifest(files: &[DataFile], plans: &[(String, Vec<u8>)]) -> Result<Manifest, GenerateError> {
    let mut manifest = empty_manifest();
    let plans_published = Date(PLANS_PUBLISHED.to_string());
    let plan_files = plans.iter().map(|(path, bytes)| (path, bytes, &plans_published, None));
    let data = files.iter().map(|f| (&f.path, &f.bytes, &f.published, f.revision_note.as_deref()));
    for (path, bytes, published, note) in data.chain(plan_files) {
        add_to_manifest(&mut manifest, path, bytes, published, note)
            .map_err(|issues| GenerateError::Publish { path: path.clone(), issues })?;
    }
    Ok(manifest)
}

/// A file written (or found already up to date) by [`generate`].
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub path: String,
    pub bytes: u64,
    pub changed: bool,
}

fn write_if_changed(data_root: &Path, relative: &str, bytes: &[u8]) -> Result<Written, GenerateError> {
    let path = data_root.join(relative);
    let changed = std::fs::read(&path).map_or(true, |old| old != bytes);
    if changed {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|error| GenerateError::Io { path: parent.to_path_buf(), error })?;
        }
        std::fs::write(&path, bytes).map_err(|error| GenerateError::Io { path: path.clone(), error })?;
    }
    Ok(Written { path: relative.to_string(), bytes: bytes.len() as u64, changed })
}

/// Write the sample data under `data_root`: the data files first, then `manifest.json` listing
/// them and the plan files already in `data_root/plans/`. Files whose bytes are unchanged are not
/// rewritten.
pub fn generate(data_root: &Path) -> Result<Vec<Written>, GenerateError> {
    let files = data_files()?;
    let mut written = Vec::new();
    for file in &files {
        written.push(write_if_changed(data_root, &file.path, &file.bytes)?);
    }
    let plans = read_plans(data_root)?;
    let manifest = build_manifest(&files, &plans)?;
    let text = manifest
        .to_published_json()
        .map_err(|error| GenerateError::Json { path: MANIFEST_FILE.to_string(), error })?;
    written.push(write_if_changed(data_root, MANIFEST_FILE, text.as_bytes())?);
    let sig_path = signature_path(MANIFEST_FILE);
    let signature = match still_signed(data_root, &sig_path, &manifest, text.as_bytes()) {
        Some(kept) => kept,
        None => sign_with_sample_key(&manifest, text.as_bytes())?,
    };
    written.push(write_if_changed(data_root, &sig_path, signature.as_bytes())?);
    Ok(written)
}

/// The signature already in `data_root`, if it still vouches for these manifest bytes and says
/// what a new one would: minisign adds randomness to every signature, so signing again would
/// change the file on every run.
fn still_signed(data_root: &Path, sig_path: &str, manifest: &Manifest, bytes: &[u8]) -> Option<String> {
    let text = std::fs::read_to_string(data_root.join(sig_path)).ok()?;
    let key = PublisherKey::parse(signature::BUILT_IN_PUBLIC_KEY).ok()?;
    let attested = signature::verify(MANIFEST_FILE, bytes, &text, &key).ok()?;
    (attested == signature::manifest_attestation(MANIFEST_FILE, manifest, &latest_publication(manifest)))
        .then_some(text)
}

/// The sample key's secret half (published on purpose: `keys/README.md`).
const SAMPLE_SECRET_KEY: &str = include_str!("../keys/sample.key");

/// The latest publication date the manifest lists: the date its signature gives.
fn latest_publication(manifest: &Manifest) -> String {
    let snapshots = manifest.counties.iter().flat_map(|c| c.snapshots.iter().map(|e| e.published.as_str()));
    snapshots.chain([PLANS_PUBLISHED]).max().unwrap_or(PLANS_PUBLISHED).to_string()
}

/// The manifest's signature by the sample key.
fn sign_with_sample_key(manifest: &Manifest, bytes: &[u8]) -> Result<String, GenerateError> {
    let attestation = signature::manifest_attestation(MANIFEST_FILE, manifest, &latest_publication(manifest));
    let fail = |message: String| GenerateError::Sign { message };
    let key = SigningKey::open(SAMPLE_SECRET_KEY, Password::None).map_err(fail)?;
    key.sign(bytes, &attestation).map_err(fail)
}
