//! Data folders for the tests and what the core says about them.
//!
//! The tests serve the published sample data (`public/data`) or a temporary copy changed in one
//! way (a tampered snapshot, a hostile township name), and compute every expected number with
//! `atlas-core` from the very files they serve: the page must show what the core computes.

use atlas_core::indicators::{self, IndicatorValues};
use atlas_core::manifest::{Manifest, SnapshotEntry};
use atlas_core::Snapshot;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder under the system temp dir, removed when dropped.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(label: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("atlas-browser-{label}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap_or_else(|e| panic!("cannot create {}: {e}", path.display()));
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap_or_else(|e| panic!("cannot create {}: {e}", to.display()));
    let entries = fs::read_dir(from).unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("cannot read {}: {e}", from.display()));
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).unwrap_or_else(|e| {
                panic!("cannot copy {} to {}: {e}", entry.path().display(), target.display())
            });
        }
    }
}

/// A published data folder, read with the core's own readers.
#[derive(Debug)]
pub struct DataFolder {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// Keeps a temporary copy alive as long as the folder is used.
    _temp: Option<TempDir>,
}

/// A county's snapshot in force for a school year, with the indicator values the core computes.
#[derive(Debug)]
pub struct CoreView {
    pub entry: SnapshotEntry,
    pub snapshot: Snapshot,
    pub values: IndicatorValues,
}

impl DataFolder {
    pub fn open(dir: &Path) -> DataFolder {
        DataFolder { dir: dir.to_path_buf(), manifest: read_manifest(dir), _temp: None }
    }

    /// A private copy of `source` that a test may change.
    pub fn copy_of(source: &DataFolder, label: &str) -> DataFolder {
        let temp = TempDir::new(label);
        let dir = temp.path().join("data");
        copy_dir(&source.dir, &dir);
        DataFolder { manifest: read_manifest(&dir), dir, _temp: Some(temp) }
    }

    /// The snapshot in force for `county` and `school_year` (None: the latest).
    pub fn snapshot(&self, county: &str, school_year: Option<&str>) -> CoreView {
        let entry = self
            .manifest
            .county(county)
            .unwrap_or_else(|| {
                panic!("county {county} is not in {}", self.dir.join("manifest.json").display())
            })
            .current_snapshots()
            .into_iter()
            .rfind(|e| school_year.is_none_or(|y| e.school_year.as_str() == y))
            .unwrap_or_else(|| panic!("county {county} has no snapshot for {school_year:?}"))
            .clone();
        let bytes = self.read(&entry.path);
        let snapshot = atlas_core::load::parse_snapshot(&entry.path, &bytes)
            .unwrap_or_else(|e| panic!("{}: {e:?}", entry.path));
        let values = indicators::compute(&snapshot);
        CoreView { entry, snapshot, values }
    }

    /// The snapshot in force for the school year before `view`'s, if the county published one.
    pub fn previous(&self, view: &CoreView) -> Option<CoreView> {
        let county = view.snapshot.meta.county_code.to_string();
        let series = self.manifest.county(&county)?.current_snapshots();
        let at = series.iter().position(|e| e.id == view.entry.id)?;
        let before = series.get(at.checked_sub(1)?)?;
        Some(self.snapshot(&county, Some(before.school_year.as_str())))
    }

    pub fn read(&self, path: &str) -> Vec<u8> {
        let file = self.dir.join(path);
        fs::read(&file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()))
    }

    /// Replace one digit inside the snapshot file at `path` by another: the file stays valid
    /// JSON of the same length, but its bytes no longer match the manifest's SHA-256, which is
    /// the only thing that can refuse it.
    pub fn tamper_with(&self, path: &str) {
        let mut bytes = self.read(path);
        let marker = b"\"students\": ";
        let at = bytes
            .windows(marker.len())
            .position(|w| w == marker)
            .map(|i| i + marker.len())
            .unwrap_or_else(|| panic!("{path} has no `\"students\": ` field to change"));
        bytes[at] = if bytes[at] == b'9' { b'8' } else { b'9' };
        assert!(bytes[at].is_ascii_digit());
        self.write(path, &bytes);
    }

    /// Rename a township in the snapshot at `path` and publish the change properly: the manifest
    /// gets the new size and SHA-256, so the portal accepts the file and must show the name.
    pub fn rename_township(&mut self, path: &str, code: &str, new_name: &str) {
        self.republish_json(path, |json| {
            let townships =
                json["townships"].as_array_mut().unwrap_or_else(|| panic!("{path}: no townships"));
            let township = townships
                .iter_mut()
                .find(|t| t["code"] == code)
                .unwrap_or_else(|| panic!("{path}: no township {code}"));
            township["name"] = new_name.into();
        });
    }

    /// Edit the JSON of the file at `path` and publish the result as if the bureau had: the
    /// manifest gets the new size and SHA-256, so only the portal's own checks stand between
    /// the edit and the page.
    pub fn republish_json(&mut self, path: &str, edit: impl FnOnce(&mut serde_json::Value)) {
        let bytes = self.read(path);
        let mut json: serde_json::Value =
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        edit(&mut json);
        let mut edited = serde_json::to_vec_pretty(&json).expect("a JSON value serialises");
        edited.push(b'\n');
        self.republish_bytes(path, &edited);
    }

    /// Replace the bytes of the snapshot at `path` and list their size and SHA-256 in the
    /// manifest (a publisher who skipped `atlas publish`'s checks).
    pub fn republish_bytes(&mut self, path: &str, bytes: &[u8]) {
        self.write(path, bytes);
        let entry = self
            .manifest
            .counties
            .iter_mut()
            .flat_map(|c| c.snapshots.iter_mut())
            .find(|s| s.path == path)
            .unwrap_or_else(|| panic!("{path} is not in the manifest"));
        entry.bytes = bytes.len() as u64;
        entry.sha256 = atlas_core::hash::sha256_hex(bytes);
        let manifest = self.manifest.to_published_json().expect("a manifest serialises");
        self.write("manifest.json", manifest.as_bytes());
        self.sign_manifest_with_sample_key();
    }

    /// Sign `manifest.json` again with the sample key, as `atlas publish --sign` would: the
    /// portal (built with the sample key) accepts it. Without this, an edited manifest is a
    /// malicious mirror's, which the portal refuses by its signature.
    pub fn sign_manifest_with_sample_key(&self) {
        use atlas_core::signature::{self, signing};
        let secret = include_str!("../../../crates/atlas-sample/keys/sample.key");
        let key = signing::SigningKey::open(secret, signing::Password::None).expect("the sample key opens");
        let bytes = self.read("manifest.json");
        let attestation = signature::manifest_attestation("manifest.json", &self.manifest, "2025-04-01");
        let sig = key.sign(&bytes, &attestation).expect("the sample key signs");
        self.write("manifest.json.minisig", sig.as_bytes());
    }

    /// Change the snapshot at `path` and its manifest entry together, consistently, without
    /// re-signing: what a mirror, CDN or object store that alters data would serve.
    pub fn alter_like_a_mirror(&mut self, path: &str, edit: impl FnOnce(&mut serde_json::Value)) {
        let signature = self.read("manifest.json.minisig");
        self.republish_json(path, edit);
        self.write("manifest.json.minisig", &signature);
    }

    fn write(&self, path: &str, bytes: &[u8]) {
        assert!(self._temp.is_some(), "refusing to change the published data folder {}", self.dir.display());
        let file = self.dir.join(path);
        fs::write(&file, bytes).unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
    }
}

fn read_manifest(dir: &Path) -> Manifest {
    let file = dir.join("manifest.json");
    let bytes = fs::read(&file).unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
    atlas_core::load::parse_manifest("manifest.json", &bytes)
        .unwrap_or_else(|e| panic!("{}: {e:?}", file.display()))
}
