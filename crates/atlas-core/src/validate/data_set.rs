//! A whole data folder against its manifest: every listed file is there with the recorded size
//! and SHA-256, is valid on its own, agrees with its manifest entry, and the geometry covers
//! exactly the townships of the county's snapshots.

use super::manifest::is_safe_relative_path;
use super::{check_manifest, geometry, locate, plan_rules, rules, snapshot, validate_into, Issues};
use crate::codes::{CountyCode, TownshipCode};
use crate::geometry::{BoundaryMap, TileGrid};
use crate::hash::sha256_hex;
use crate::load;
use crate::load::FileKind;
use crate::manifest::{CountyEntry, GeometryKind, Manifest, PlanEntry, SnapshotEntry};
use crate::report::{FileReport, Issue};
use crate::snapshot::Snapshot;
use std::collections::BTreeMap;

/// The manifest's name at the data root; its report in [`check_data_set`] carries this name.
pub const MANIFEST_FILE: &str = "manifest.json";

/// Check the data set that `manifest` describes. `read` returns the bytes of a file by its
/// manifest path (relative to the data root, `/`-separated), or a message saying why it cannot;
/// a caller reading from disk should refuse files over [`load::MAX_FILE_BYTES`] before reading them.
///
/// Returns one report per file: first `manifest.json` (the manifest's own rules, as
/// [`check_manifest`] gives them, so a caller that has only validated the manifest's structure
/// gets them here), then every listed file in manifest order, each with its own structural and
/// semantic issues and the cross-file ones that concern it.
pub fn check_data_set(
    manifest: &Manifest,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> Vec<FileReport> {
    let mut manifest_report = check_manifest(MANIFEST_FILE, manifest);
    let mut reports = Vec::new();
    for (c, county) in manifest.counties.iter().enumerate() {
        let snapshots: Vec<(String, Snapshot)> = county
            .snapshots
            .iter()
            .filter_map(|entry| {
                let (snapshot, report) = check_snapshot_file(county, entry, read);
                reports.push(report);
                snapshot.map(|s| (entry.path.clone(), s))
            })
            .collect();
        // A county listed only for its plans has nothing to map.
        if county.geometry.is_empty() && !county.snapshots.is_empty() {
            manifest_report.push(Issue::warning(
                rules::NO_GEOMETRY,
                format!("counties[{c}].geometry"),
                format!(
                    "{}（{}）没有地图文件，门户无法为其绘制地图；至少应提供方块图 tiles.json",
                    county.name, county.code
                ),
                format!(
                    "{} ({}) has no geometry file, so the portal draws no map; add at least a tile grid",
                    county.name, county.code
                ),
            ));
        }
        for geometry in &county.geometry {
            reports.push(check_geometry_file(county, geometry, &snapshots, read));
        }
        for plan in &county.plans {
            reports.push(check_plan_file(plan, read));
        }
    }
    for plan in &manifest.reference_plans {
        reports.push(check_plan_file(plan, read));
    }
    reports.insert(0, manifest_report);
    reports
}

/// The file's bytes when it can be read and matches its recorded size and hash (a mismatch is
/// reported, and the bytes still returned so their content is checked too).
fn read_listed(
    path: &str,
    bytes: u64,
    sha256: &str,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
    out: &mut Issues,
) -> Option<Vec<u8>> {
    if !is_safe_relative_path(path) {
        // Reported on the manifest (bad_path); never read outside the data folder.
        out.error(
            rules::BAD_PATH,
            "",
            "清单中此文件的路径不安全，未读取".to_string(),
            "the manifest's path for this file is unsafe, so it was not read".to_string(),
        );
        return None;
    }
    if let Err(e) = load::check_size(path, bytes) {
        out.push(e.issue);
        return None;
    }
    let data = match read(path) {
        Ok(data) => data,
        Err(why) => {
            out.error(
                rules::FILE_MISSING,
                "",
                format!("清单列出了此文件，但无法读取：{why}"),
                format!("listed in the manifest but cannot be read: {why}"),
            );
            return None;
        }
    };
    if data.len() as u64 != bytes {
        out.error(
            rules::SIZE_MISMATCH,
            "",
            format!("文件大小 {} 字节，清单记录为 {bytes} 字节", data.len()),
            format!("the file has {} bytes; the manifest says {bytes}", data.len()),
        );
    }
    let actual = sha256_hex(&data);
    if actual != sha256 {
        out.error(
            rules::HASH_MISMATCH,
            "",
            format!("SHA-256 为 {actual}，与清单记录的 {sha256} 不符：文件发布后被改动。已发布的快照不得修改，更正须以新 id 发布并用 revises 指向原快照"),
            format!("SHA-256 is {actual}, not {sha256} as the manifest says: the bytes changed after publication. A published snapshot never changes; publish a correction under a new id that `revises` it"),
        );
    }
    Some(data)
}

fn check_snapshot_file(
    county: &CountyEntry,
    entry: &SnapshotEntry,
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> (Option<Snapshot>, FileReport) {
    let mut out = Issues::new();
    let Some(data) = read_listed(&entry.path, entry.bytes, &entry.sha256, read, &mut out) else {
        return (None, out.finish(&entry.path));
    };
    let parsed: Option<Snapshot> =
        validate_into(&entry.path, &data, FileKind::Snapshot, snapshot::snapshot_rules, &mut out);
    if let Some(s) = &parsed {
        let m = &s.meta;
        let sample = |b: bool| b.to_string();
        for (field, in_file, in_manifest) in [
            ("county_code", m.county_code.to_string(), county.code.to_string()),
            ("school_year", m.school_year.to_string(), entry.school_year.to_string()),
            ("as_of", m.as_of.to_string(), entry.as_of.to_string()),
            ("sample", sample(m.sample), sample(entry.sample)),
        ] {
            if in_file != in_manifest {
                out.error(
                    rules::META_MISMATCH,
                    format!("meta.{field}"),
                    format!("文件中为 {in_file}，清单条目 {} 中为 {in_manifest}", entry.id),
                    format!("{in_file} here, but {in_manifest} in manifest entry {}", entry.id),
                );
            }
        }
    }
    (parsed, finish(out, &entry.path, &data))
}

/// The report of a file that was read, with line and column for every issue with a path.
fn finish(out: Issues, file: &str, data: &[u8]) -> FileReport {
    let mut report = out.finish(file);
    locate::add_positions(data, &mut report.issues);
    report
}

/// What a geometry file covers.
struct Coverage {
    county_code: CountyCode,
    /// Each township code with the path of its feature or tile.
    codes: Vec<(TownshipCode, String)>,
    /// `features` or `tiles`, where a missing township would go.
    list: &'static str,
}

fn check_geometry_file(
    county: &CountyEntry,
    entry: &crate::manifest::GeometryEntry,
    snapshots: &[(String, Snapshot)],
    read: &dyn Fn(&str) -> Result<Vec<u8>, String>,
) -> FileReport {
    let mut out = Issues::new();
    let Some(data) = read_listed(&entry.path, entry.bytes, &entry.sha256, read, &mut out) else {
        return out.finish(&entry.path);
    };
    let parsed: Option<Coverage> = match entry.kind {
        GeometryKind::Geojson => {
            let map: Option<BoundaryMap> = validate_into(
                &entry.path,
                &data,
                FileKind::BoundaryMap,
                geometry::boundary_map_rules,
                &mut out,
            );
            map.map(|m| {
                let codes = m
                    .features
                    .iter()
                    .enumerate()
                    .map(|(i, f)| (f.properties.code.clone(), format!("features[{i}].properties.code")))
                    .collect();
                Coverage { county_code: m.county_code, codes, list: "features" }
            })
        }
        GeometryKind::TileGrid => {
            let grid: Option<TileGrid> =
                validate_into(&entry.path, &data, FileKind::TileGrid, geometry::tile_grid_rules, &mut out);
            grid.map(|g| {
                let codes = g
                    .tiles
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (t.code.clone(), format!("tiles[{i}].code")))
                    .collect();
                Coverage { county_code: g.county_code, codes, list: "tiles" }
            })
        }
    };
    let Some(Coverage { county_code, codes, list }) = parsed else {
        return finish(out, &entry.path, &data);
    };
    if county_code != county.code {
        out.error(
            rules::COUNTY_MISMATCH,
            "county_code",
            format!("地图文件属于县 {county_code}，却列在清单中县 {} 之下", county.code),
            format!("the file is for county {county_code} but is listed under county {}", county.code),
        );
    }
    if snapshots.is_empty() {
        return finish(out, &entry.path, &data);
    }
    // Every township of every snapshot, with the first snapshot that has it.
    let mut townships: BTreeMap<&TownshipCode, (&str, &str)> = BTreeMap::new();
    for (path, snapshot) in snapshots {
        for t in &snapshot.townships {
            townships.entry(&t.code).or_insert((t.name.as_str(), path.as_str()));
        }
    }
    let (what_zh, what_en) = match entry.kind {
        GeometryKind::Geojson => ("边界地图中的要素", "feature"),
        GeometryKind::TileGrid => ("方块图中的方块", "tile"),
    };
    for (code, (name, snapshot_path)) in &townships {
        if !codes.iter().any(|(c, _)| c == *code) {
            out.error(
                rules::TOWNSHIP_WITHOUT_GEOMETRY,
                list,
                format!("{snapshot_path} 中的乡镇 {name}（{code}）没有{what_zh}"),
                format!("township {name} ({code}) of {snapshot_path} has no {what_en} here"),
            );
        }
    }
    // A township of a snapshot that could not be read is unknown here, not missing there.
    let every_snapshot_read = snapshots.len() == county.snapshots.len();
    for (code, path) in codes.iter().filter(|_| every_snapshot_read) {
        if !townships.contains_key(code) {
            out.error(
                rules::GEOMETRY_UNKNOWN_TOWNSHIP,
                path.clone(),
                format!("乡镇 {code} 不在该县任何快照的 townships 中"),
                format!("township {code} is in none of the county's snapshots"),
            );
        }
    }
    finish(out, &entry.path, &data)
}

fn check_plan_file(plan: &PlanEntry, read: &dyn Fn(&str) -> Result<Vec<u8>, String>) -> FileReport {
    let mut out = Issues::new();
    let Some(data) = read_listed(&plan.path, plan.bytes, &plan.sha256, read, &mut out) else {
        return out.finish(&plan.path);
    };
    let _: Option<crate::plan::Plan> = validate_into(&plan.path, &data, FileKind::Plan, plan_rules, &mut out);
    finish(out, &plan.path, &data)
}
