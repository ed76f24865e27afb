//! `manifest.json`: the index at the data root. It lists every county and, for each, its
//! snapshots (with size and SHA-256 so the portal can refuse altered bytes), geometry and plans.
//! `atlas publish` writes it; nobody edits sizes or hashes by hand.

use crate::codes::{CountyCode, Date, SchoolYear};
use serde::{Deserialize, Serialize};

/// The manifest schema version this build reads and writes.
pub const MANIFEST_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// Format version of this file; must be 1.
    pub schema_version: u32,
    /// The counties whose data is published here.
    pub counties: Vec<CountyEntry>,
    /// Plan documents tied to no county (e.g. a provincial template with `xx县` placeholders),
    /// shown for reference.
    #[serde(default)]
    pub reference_plans: Vec<PlanEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CountyEntry {
    /// County code (行政区划代码), six digits.
    pub code: CountyCode,
    /// County name, e.g. 峨山彝族自治县.
    pub name: String,
    /// Every snapshot ever published for the county, corrections included, oldest first.
    pub snapshots: Vec<SnapshotEntry>,
    /// Geometry files: a GeoJSON boundary map and/or a tile-grid layout.
    #[serde(default)]
    pub geometry: Vec<GeometryEntry>,
    /// Plan files (规划/行动计划) whose targets the portal tracks.
    #[serde(default)]
    pub plans: Vec<PlanEntry>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SnapshotEntry {
    /// Identifier, unique across the manifest and never reused, e.g. `530426-2024-2025` or
    /// `530426-2023-2024-r1` for a correction.
    pub id: String,
    /// School year, `YYYY-YYYY`.
    pub school_year: SchoolYear,
    /// Statistical reference date, copied from the snapshot's `meta.as_of`.
    pub as_of: Date,
    /// Date the file was published.
    pub published: Date,
    /// Snapshot format version.
    pub schema_version: u32,
    /// Path relative to the data root, `/`-separated.
    pub path: String,
    /// Exact size of the file in bytes.
    pub bytes: u64,
    /// SHA-256 of the file's bytes, lowercase hex.
    #[cfg_attr(feature = "schema", schemars(pattern(crate::hash::SHA256_HEX_PATTERN)))]
    pub sha256: String,
    /// Copied from the snapshot's `meta.sample`.
    pub sample: bool,
    /// For a correction: the id of the snapshot it replaces.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revises: Option<String>,
    /// For a correction: what changed and why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GeometryEntry {
    /// `geojson` (township boundaries) or `tile_grid` (one square per township).
    pub kind: GeometryKind,
    pub path: String,
    pub bytes: u64,
    #[cfg_attr(feature = "schema", schemars(pattern(crate::hash::SHA256_HEX_PATTERN)))]
    pub sha256: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum GeometryKind {
    Geojson,
    TileGrid,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlanEntry {
    /// Plan identifier, e.g. `530426-2022-2024`.
    pub id: String,
    /// Plan title as issued.
    pub title: String,
    pub path: String,
    pub bytes: u64,
    #[cfg_attr(feature = "schema", schemars(pattern(crate::hash::SHA256_HEX_PATTERN)))]
    pub sha256: String,
}

impl Manifest {
    pub fn county(&self, code: &str) -> Option<&CountyEntry> {
        self.counties.iter().find(|c| c.code.as_str() == code)
    }

    /// The manifest as published: pretty JSON with a final newline. `atlas publish` and the
    /// sample generator both write through this, so publishing twice changes no byte.
    pub fn to_published_json(&self) -> Result<String, serde_json::Error> {
        crate::to_published_json(self)
    }
}

impl CountyEntry {
    /// Snapshots in force: for each school year, the latest correction (the entry no other entry
    /// revises), ordered by school year.
    pub fn current_snapshots(&self) -> Vec<&SnapshotEntry> {
        let mut current: Vec<&SnapshotEntry> = self
            .snapshots
            .iter()
            .filter(|s| !self.snapshots.iter().any(|o| o.revises.as_deref() == Some(s.id.as_str())))
            .collect();
        crate::sort::sort_by(&mut current, |a, b| {
            a.school_year.cmp(&b.school_year).then(a.published.cmp(&b.published))
        });
        current
    }

    pub fn snapshot(&self, id: &str) -> Option<&SnapshotEntry> {
        self.snapshots.iter().find(|s| s.id == id)
    }

    /// Every version of a school year's snapshot, oldest first: the history a correction leaves.
    pub fn history_of(&self, school_year: &SchoolYear) -> Vec<&SnapshotEntry> {
        let mut v: Vec<&SnapshotEntry> =
            self.snapshots.iter().filter(|s| &s.school_year == school_year).collect();
        crate::sort::sort_by(&mut v, |a, b| a.published.cmp(&b.published));
        v
    }

    pub fn geometry_of(&self, kind: GeometryKind) -> Option<&GeometryEntry> {
        self.geometry.iter().find(|g| g.kind == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, year: &str, published: &str, revises: Option<&str>) -> SnapshotEntry {
        SnapshotEntry {
            id: id.into(),
            school_year: SchoolYear(year.into()),
            as_of: Date(format!("{}-09-30", &year[..4])),
            published: Date(published.into()),
            schema_version: 1,
            path: format!("x/{id}.json"),
            bytes: 1,
            sha256: "0".repeat(64),
            sample: true,
            revises: revises.map(Into::into),
            revision_note: None,
        }
    }

    #[test]
    fn a_correction_replaces_the_snapshot_it_revises() {
        let county = CountyEntry {
            code: CountyCode("530426".into()),
            name: "峨山彝族自治县".into(),
            snapshots: vec![
                entry("a-2023", "2023-2024", "2024-03-01", None),
                entry("a-2022", "2022-2023", "2023-03-01", None),
                entry("a-2023-r1", "2023-2024", "2024-05-01", Some("a-2023")),
            ],
            geometry: vec![],
            plans: vec![],
        };
        let ids: Vec<&str> = county.current_snapshots().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["a-2022", "a-2023-r1"]);
        let history: Vec<&str> =
            county.history_of(&SchoolYear("2023-2024".into())).iter().map(|s| s.id.as_str()).collect();
        assert_eq!(history, ["a-2023", "a-2023-r1"]);
    }
}
