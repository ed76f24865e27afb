//! The bundled sample data as the app holds it, for native tests of figures built from real files.

use crate::api::LoadedSnapshot;
use atlas_core::manifest::{Manifest, SnapshotEntry};
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn data_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("public/data")
}

fn sample_manifest() -> Manifest {
    let bytes = std::fs::read(data_root().join("manifest.json")).expect("the sample manifest");
    atlas_core::load::parse_manifest("manifest.json", &bytes).expect("the sample manifest parses")
}

fn load(entry: &SnapshotEntry) -> Arc<LoadedSnapshot> {
    let bytes = std::fs::read(data_root().join(&entry.path)).expect("a listed sample snapshot");
    let snapshot = atlas_core::load::parse_snapshot(&entry.path, &bytes).expect("the sample snapshot parses");
    let values = atlas_core::indicators::compute(&snapshot);
    Arc::new(LoadedSnapshot { entry: entry.clone(), snapshot, values, warnings: Vec::new() })
}

/// The sample county 峨山's snapshots in force, oldest first.
pub fn sample_series() -> Vec<Arc<LoadedSnapshot>> {
    let manifest = sample_manifest();
    let county = manifest.county("530426").expect("峨山 is in the sample");
    county.current_snapshots().into_iter().map(load).collect()
}

/// Every snapshot of the sample data, superseded ones included.
pub fn every_sample_snapshot() -> Vec<Arc<LoadedSnapshot>> {
    sample_manifest().counties.iter().flat_map(|c| c.snapshots.iter().map(load)).collect()
}
