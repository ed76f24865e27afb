//! Publishing: turning data files into `manifest.json` entries, with sizes, hashes and the
//! correction history. Pure: the caller reads and writes files (`atlas publish` does), so the
//! sample generator and the CLI publish through the same rules.
//!
//! The rules, in the order they are checked:
//! - a path already in the manifest with the same SHA-256 is left alone (not even the date moves),
//!   so publishing twice changes no byte;
//! - a published snapshot is immutable: other bytes under its path are refused, and a correction
//!   is published as a new file `<school_year>-r<N>.json` with a note; its entry `revises` the
//!   entry it replaces, so the history stays visible;
//! - geometry files and plans are not statistical releases and may be replaced in place (a
//!   redrawn boundary, a plan re-keyed): their size and hash are updated;
//! - every new or replaced file is validated first; errors block publication, warnings do not.
//!
//! Data layout under the data root (one definition, used by [`DataPath::parse`]):
//! `manifest.json`; `<county_code>/<school_year>.json` and corrections
//! `<county_code>/<school_year>-r<N>.json`; `<county_code>/boundaries.geojson`;
//! `<county_code>/tiles.json`; `plans/<plan_id>.json`.

use crate::codes::{CountyCode, Date, SchoolYear};
use crate::hash::sha256_hex;
use crate::load::FileKind;
use crate::manifest::{
    CountyEntry, GeometryEntry, GeometryKind, Manifest, PlanEntry, SnapshotEntry, MANIFEST_VERSION,
};
use crate::report::{FileReport, Issue};
use crate::snapshot::Snapshot;
use crate::validate::{self, rules};

/// What publishing one file did to the manifest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AddOutcome {
    /// A new entry: a first snapshot, a correction, a new geometry file or plan.
    Added,
    /// A geometry file or plan already listed, now with other bytes (size and hash updated).
    Replaced,
    /// Already published with these exact bytes; nothing changed.
    Unchanged,
}

/// One file's result in [`publish_dir`]: each data file, then `manifest.json` itself (`Added`
/// when there was none, `Replaced` when it changes, `Unchanged`) with the data set's warnings.
#[derive(Clone, Debug, PartialEq)]
pub struct FileOutcome {
    /// Path relative to the data root.
    pub path: String,
    pub outcome: AddOutcome,
    /// Warnings found while validating (they do not block publication).
    pub warnings: Vec<Issue>,
}

/// Where a file sits in the data layout, which says what kind of file it is.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DataPath {
    /// `<county>/<school_year>.json` (revision `None`) or `<county>/<school_year>-r<N>.json`.
    Snapshot { county: CountyCode, school_year: SchoolYear, revision: Option<u32> },
    /// `<county>/boundaries.geojson` or `<county>/tiles.json`.
    Geometry { county: CountyCode, kind: GeometryKindOrd },
    /// `plans/<plan_id>.json`.
    Plan { id: String },
}

/// [`GeometryKind`] with an order (boundaries before tiles), for sorting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GeometryKindOrd {
    Geojson,
    TileGrid,
}

impl GeometryKindOrd {
    pub fn kind(self) -> GeometryKind {
        match self {
            GeometryKindOrd::Geojson => GeometryKind::Geojson,
            GeometryKindOrd::TileGrid => GeometryKind::TileGrid,
        }
    }
}

/// File name of the boundary map inside a county folder.
pub const BOUNDARIES_FILE: &str = "boundaries.geojson";
/// File name of the tile-grid layout inside a county folder.
pub const TILES_FILE: &str = "tiles.json";
/// Folder of plan files under the data root.
pub const PLANS_DIR: &str = "plans";
pub use crate::validate::MANIFEST_FILE;

impl DataPath {
    /// Classify a `/`-separated path relative to the data root; `None` when it is not a data file
    /// of the layout (the manifest itself included).
    pub fn parse(path: &str) -> Option<DataPath> {
        let (dir, name) = path.split_once('/')?;
        if name.contains('/') {
            return None;
        }
        if dir == PLANS_DIR {
            let id = name.strip_suffix(".json")?;
            return is_plain_id(id).then(|| DataPath::Plan { id: id.to_string() });
        }
        let county = CountyCode(dir.to_string());
        if !county.is_well_formed() {
            return None;
        }
        if name == BOUNDARIES_FILE {
            return Some(DataPath::Geometry { county, kind: GeometryKindOrd::Geojson });
        }
        if name == TILES_FILE {
            return Some(DataPath::Geometry { county, kind: GeometryKindOrd::TileGrid });
        }
        let stem = name.strip_suffix(".json")?;
        let (year, revision) = match stem.split_once("-r") {
            Some((year, n)) => (year, Some(parse_revision(n)?)),
            None => (stem, None),
        };
        let school_year = SchoolYear(year.to_string());
        school_year.is_well_formed().then_some(DataPath::Snapshot { county, school_year, revision })
    }

    /// The path this value stands for (the inverse of [`DataPath::parse`]).
    pub fn to_path(&self) -> String {
        match self {
            DataPath::Snapshot { county, school_year, revision } => {
                snapshot_path(county, school_year, *revision)
            }
            DataPath::Geometry { county, kind: GeometryKindOrd::Geojson } => {
                format!("{county}/{BOUNDARIES_FILE}")
            }
            DataPath::Geometry { county, kind: GeometryKindOrd::TileGrid } => {
                format!("{county}/{TILES_FILE}")
            }
            DataPath::Plan { id } => format!("{PLANS_DIR}/{id}.json"),
        }
    }
}

impl DataPath {
    /// The reader and validator this file goes through.
    pub fn file_kind(&self) -> FileKind {
        match self {
            DataPath::Snapshot { .. } => FileKind::Snapshot,
            DataPath::Geometry { kind: GeometryKindOrd::Geojson, .. } => FileKind::BoundaryMap,
            DataPath::Geometry { kind: GeometryKindOrd::TileGrid, .. } => FileKind::TileGrid,
            DataPath::Plan { .. } => FileKind::Plan,
        }
    }
}

/// Validate one file as `kind`: every problem, errors and warnings. (`atlas validate` on a single
/// file; publishing uses the same validators.)
pub fn validate_file(kind: FileKind, file: &str, bytes: &[u8]) -> FileReport {
    match kind {
        FileKind::Manifest => validate::validate_manifest(file, bytes).1,
        FileKind::Snapshot => validate::validate_snapshot(file, bytes).1,
        FileKind::BoundaryMap => validate::validate_boundary_map(file, bytes).1,
        FileKind::TileGrid => validate::validate_tile_grid(file, bytes).1,
        FileKind::Plan => validate::validate_plan(file, bytes).1,
    }
}

/// `530426/2023-2024.json`, or `530426/2023-2024-r1.json` for the first correction.
pub fn snapshot_path(county: &CountyCode, school_year: &SchoolYear, revision: Option<u32>) -> String {
    match revision {
        None => format!("{county}/{school_year}.json"),
        Some(n) => format!("{county}/{school_year}-r{n}.json"),
    }
}

/// `530426-2023-2024`, or `530426-2023-2024-r1` for the first correction: the id matches the
/// file name, so a reader can go from one to the other.
pub fn snapshot_id(county: &CountyCode, school_year: &SchoolYear, revision: Option<u32>) -> String {
    match revision {
        None => format!("{county}-{school_year}"),
        Some(n) => format!("{county}-{school_year}-r{n}"),
    }
}

/// A revision number as written in a file name: 1, 2, … without leading zeros.
fn parse_revision(text: &str) -> Option<u32> {
    if text.is_empty() || text.starts_with('0') || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|&n| n >= 1)
}

/// Plan ids become file names and URL parts: ASCII letters, digits, `-`, `_` and `.` only
/// (and not starting with a dot).
fn is_plain_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'.')
}

/// An empty manifest, the start of a new data root.
pub fn empty_manifest() -> Manifest {
    Manifest { schema_version: MANIFEST_VERSION, counties: Vec::new(), reference_plans: Vec::new() }
}

/// Add (or confirm) one file in the manifest. `path` is relative to the data root and decides the
/// file kind; `published` is the publication date written into a new snapshot entry;
/// `revision_note` is required when the file is a correction. On `Err` the manifest is unchanged
/// and the issues say why (validation errors included; warnings ride along).
pub fn add_to_manifest(
    manifest: &mut Manifest,
    path: &str,
    bytes: &[u8],
    published: &Date,
    revision_note: Option<&str>,
) -> Result<AddOutcome, Vec<Issue>> {
    add_file(manifest, path, bytes, published, revision_note).map(|(outcome, _warnings)| outcome)
}

/// Publish every data file of a data root. `files` are `(path relative to the root, bytes)`;
/// files that are not JSON or GeoJSON, and the root `manifest.json`, are ignored, while a JSON
/// file outside the layout is an error (it would never be shown). Snapshots are added before
/// their corrections, and before geometry and plans, whatever order `files` come in.
///
/// Every file is checked before anything is decided, so `Err` lists every problem of every file
/// (warnings of other files included); a file listed in the manifest but missing from `files` is
/// an error too, because published history must stay readable.
pub fn publish_dir(
    manifest: Option<Manifest>,
    files: &[(String, Vec<u8>)],
    today: &Date,
    revision_note: Option<&str>,
) -> Result<(Manifest, Vec<FileOutcome>), Vec<FileReport>> {
    publish_dir_with_progress(manifest, files, today, revision_note, &mut |_| {})
}

/// [`publish_dir`], calling `on_file` with each path as it is processed (for a progress bar).
pub fn publish_dir_with_progress(
    manifest: Option<Manifest>,
    files: &[(String, Vec<u8>)],
    today: &Date,
    revision_note: Option<&str>,
    on_file: &mut dyn FnMut(&str),
) -> Result<(Manifest, Vec<FileOutcome>), Vec<FileReport>> {
    let before = manifest.clone();
    let mut manifest = manifest.unwrap_or_else(empty_manifest);
    let mut reports: Vec<FileReport> = Vec::new();
    let mut data_files: Vec<(DataPath, &str, &[u8])> = Vec::new();

    for (path, bytes) in files {
        if path == MANIFEST_FILE || !(path.ends_with(".json") || path.ends_with(".geojson")) {
            continue;
        }
        match DataPath::parse(path) {
            Some(data_path) => data_files.push((data_path, path, bytes)),
            None => {
                on_file(path);
                let mut report = FileReport::new(path.clone());
                report.push(unrecognised_path(path));
                reports.push(report);
            }
        }
    }
    // DataPath's order is snapshots (by county, year, then the original before r1 before r2 …),
    // then geometry, then plans; a plain path sort would put `-r1.json` before `.json`.
    data_files.sort();

    let mut outcomes = Vec::new();
    for (_, path, bytes) in &data_files {
        on_file(path);
        match add_file(&mut manifest, path, bytes, today, revision_note) {
            Ok((outcome, warnings)) => {
                if !warnings.is_empty() {
                    reports.push(FileReport { file: path.to_string(), issues: warnings.clone() });
                }
                outcomes.push(FileOutcome { path: path.to_string(), outcome, warnings });
            }
            Err(issues) => reports.push(FileReport { file: path.to_string(), issues }),
        }
    }

    for listed in listed_paths(&manifest) {
        if !files.iter().any(|(p, _)| p == &listed) {
            let mut report = FileReport::new(listed.clone());
            report.push(Issue::error(
                rules::FILE_MISSING,
                "",
                "清单中已发布的文件不存在；已发布的数据须保留，以便公众查阅历史版本",
                "this file is listed in manifest.json but is missing; published files must stay so their history can be read",
            ));
            reports.push(report);
        }
    }

    if !reports.iter().any(FileReport::has_errors) {
        let manifest_warnings = check_joins(&manifest, files, &outcomes, &mut reports);
        let outcome = match &before {
            None => AddOutcome::Added,
            Some(old) if *old == manifest => AddOutcome::Unchanged,
            Some(_) => AddOutcome::Replaced,
        };
        outcomes.push(FileOutcome { path: MANIFEST_FILE.to_string(), outcome, warnings: manifest_warnings });
    }
    if reports.iter().any(FileReport::has_errors) {
        reports.sort_by(|a, b| a.file.cmp(&b.file));
        return Err(reports);
    }
    Ok((manifest, outcomes))
}

/// The checks between files ([`validate::check_data_set`] on the manifest about to be written):
/// every township of a county's snapshots has its place in the county's maps and no map shows a
/// township no snapshot has. Errors go into `reports`; the manifest's own warnings (a county
/// without a map) are returned.
///
/// A file published earlier and unchanged now is not held to rules added since: it cannot be
/// changed, only corrected. Its own content problems are left to `atlas validate`; only the
/// joins, which a new file can break, block publication.
fn check_joins(
    manifest: &Manifest,
    files: &[(String, Vec<u8>)],
    outcomes: &[FileOutcome],
    reports: &mut Vec<FileReport>,
) -> Vec<Issue> {
    let read = |path: &str| -> Result<Vec<u8>, String> {
        files
            .iter()
            .find(|(p, _)| p == path)
            .map(|(_, bytes)| bytes.clone())
            .ok_or_else(|| "不在数据目录中 not in the data folder".to_string())
    };
    let is_new = |path: &str| outcomes.iter().any(|o| o.path == path && o.outcome != AddOutcome::Unchanged);
    let mut manifest_warnings = Vec::new();
    for report in validate::check_data_set(manifest, &read) {
        let blocking: Vec<Issue> = if report.file == MANIFEST_FILE {
            manifest_warnings.extend(report.warnings().cloned());
            report.errors().cloned().collect()
        } else {
            // Warnings of new files were collected when they were added.
            report
                .errors()
                .filter(|i| {
                    is_new(&report.file)
                        || i.rule == rules::TOWNSHIP_WITHOUT_GEOMETRY
                        || i.rule == rules::GEOMETRY_UNKNOWN_TOWNSHIP
                })
                .cloned()
                .collect()
        };
        if !blocking.is_empty() {
            reports.push(FileReport { file: report.file, issues: blocking });
        }
    }
    manifest_warnings
}

/// Every path the manifest lists.
pub fn listed_paths(manifest: &Manifest) -> Vec<String> {
    let mut paths = Vec::new();
    for county in &manifest.counties {
        paths.extend(county.snapshots.iter().map(|s| s.path.clone()));
        paths.extend(county.geometry.iter().map(|g| g.path.clone()));
        paths.extend(county.plans.iter().map(|p| p.path.clone()));
    }
    paths.extend(manifest.reference_plans.iter().map(|p| p.path.clone()));
    paths
}

fn unrecognised_path(path: &str) -> Issue {
    Issue::error(
        rules::UNRECOGNISED_PATH,
        "",
        format!(
            "文件“{path}”不在数据目录约定的位置：快照为 <县代码>/<学年>.json，更正为 <县代码>/<学年>-r<N>.json，\
             地图为 <县代码>/boundaries.geojson 或 <县代码>/tiles.json，规划为 plans/<规划编号>.json"
        ),
        format!(
            "`{path}` is not a path of the data layout: snapshots are <county_code>/<school_year>.json, \
             corrections <county_code>/<school_year>-r<N>.json, geometry <county_code>/boundaries.geojson or \
             <county_code>/tiles.json, plans plans/<plan_id>.json"
        ),
    )
}

/// The work of [`add_to_manifest`], keeping the warnings for [`publish_dir`].
fn add_file(
    manifest: &mut Manifest,
    path: &str,
    bytes: &[u8],
    published: &Date,
    revision_note: Option<&str>,
) -> Result<(AddOutcome, Vec<Issue>), Vec<Issue>> {
    let Some(data_path) = DataPath::parse(path) else {
        return Err(vec![unrecognised_path(path)]);
    };
    let sha256 = sha256_hex(bytes);
    let size = bytes.len() as u64;

    if let Some(listed_sha) = listed_sha256(manifest, path) {
        if listed_sha == sha256 {
            // Validated when it was first published; the bytes are the same.
            return Ok((AddOutcome::Unchanged, Vec::new()));
        }
        if let DataPath::Snapshot { county, school_year, .. } = &data_path {
            let next = next_revision(manifest, county, school_year);
            return Err(vec![Issue::error(
                rules::PUBLISHED_FILE_CHANGED,
                "",
                format!(
                    "该快照已发布，内容不得更改（清单记录的 SHA-256 为 {listed_sha}，现为 {sha256}）。\
                     请恢复原文件，把更正后的数据另存为 {} 并用 --note 说明更正内容后发布",
                    snapshot_path(county, school_year, Some(next))
                ),
                format!(
                    "this snapshot is published and immutable (manifest SHA-256 {listed_sha}, file now {sha256}). \
                     Restore the original file, save the corrected data as {} and publish it with a --note \
                     saying what changed",
                    snapshot_path(county, school_year, Some(next))
                ),
            )]);
        }
    }

    match data_path {
        DataPath::Snapshot { county, school_year, revision } => {
            let (snapshot, warnings) = check_snapshot(path, bytes)?;
            let entry = new_snapshot_entry(
                manifest,
                path,
                &snapshot,
                &county,
                &school_year,
                revision,
                published,
                revision_note,
                size,
                sha256,
            )?;
            let county_entry = county_entry_mut(manifest, &county, &snapshot.meta.county_name);
            county_entry.snapshots.push(entry);
            sort_manifest(manifest);
            Ok((AddOutcome::Added, warnings))
        }
        DataPath::Geometry { county, kind } => {
            let warnings = check_geometry(path, bytes, &county, kind)?;
            let Some(county_entry) = manifest.counties.iter_mut().find(|c| c.code == county) else {
                return Err(vec![Issue::error(
                    rules::COUNTY_NOT_PUBLISHED,
                    "county_code",
                    format!("县 {county} 尚无已发布的快照；请先发布快照（清单需要从快照中读取县名）"),
                    format!(
                        "county {county} has no published snapshot yet; publish a snapshot first \
                         (the manifest takes the county's name from it)"
                    ),
                )]);
            };
            let entry = GeometryEntry { kind: kind.kind(), path: path.to_string(), bytes: size, sha256 };
            let outcome = match county_entry.geometry.iter_mut().find(|g| g.path == path) {
                Some(existing) => {
                    *existing = entry;
                    AddOutcome::Replaced
                }
                None => {
                    county_entry.geometry.push(entry);
                    AddOutcome::Added
                }
            };
            sort_manifest(manifest);
            Ok((outcome, warnings))
        }
        DataPath::Plan { id } => add_plan(manifest, path, bytes, &id, size, sha256),
    }
}

/// The SHA-256 the manifest records for `path`, if it lists it.
fn listed_sha256<'m>(manifest: &'m Manifest, path: &str) -> Option<&'m str> {
    for county in &manifest.counties {
        if let Some(s) = county.snapshots.iter().find(|s| s.path == path) {
            return Some(&s.sha256);
        }
        if let Some(g) = county.geometry.iter().find(|g| g.path == path) {
            return Some(&g.sha256);
        }
        if let Some(p) = county.plans.iter().find(|p| p.path == path) {
            return Some(&p.sha256);
        }
    }
    manifest.reference_plans.iter().find(|p| p.path == path).map(|p| p.sha256.as_str())
}

/// Entries of one county's school year, as listed.
fn year_entries<'m>(
    manifest: &'m Manifest,
    county: &CountyCode,
    school_year: &SchoolYear,
) -> Vec<&'m SnapshotEntry> {
    manifest
        .counties
        .iter()
        .filter(|c| &c.code == county)
        .flat_map(|c| c.snapshots.iter())
        .filter(|s| &s.school_year == school_year)
        .collect()
}

/// The revision number the next correction of a school year takes: 1 after the original, 2 after
/// the first correction, …
fn next_revision(manifest: &Manifest, county: &CountyCode, school_year: &SchoolYear) -> u32 {
    year_entries(manifest, county, school_year).len().max(1) as u32
}

/// The revision number of an entry, from its path (0 for the original).
fn revision_of(entry: &SnapshotEntry) -> u32 {
    match DataPath::parse(&entry.path) {
        Some(DataPath::Snapshot { revision, .. }) => revision.unwrap_or(0),
        _ => 0,
    }
}

#[allow(clippy::too_many_arguments)]
fn new_snapshot_entry(
    manifest: &Manifest,
    path: &str,
    snapshot: &Snapshot,
    county: &CountyCode,
    school_year: &SchoolYear,
    revision: Option<u32>,
    published: &Date,
    revision_note: Option<&str>,
    size: u64,
    sha256: String,
) -> Result<SnapshotEntry, Vec<Issue>> {
    let mut issues = Vec::new();
    let meta = &snapshot.meta;
    if &meta.county_code != county {
        issues.push(Issue::error(
            rules::META_MISMATCH,
            "meta.county_code",
            format!("文件在县代码目录 {county} 下，但 meta.county_code 为 {}", meta.county_code),
            format!("the file is in folder {county} but meta.county_code is {}", meta.county_code),
        ));
    }
    if &meta.school_year != school_year {
        issues.push(Issue::error(
            rules::META_MISMATCH,
            "meta.school_year",
            format!("文件名表示 {school_year} 学年，但 meta.school_year 为 {}", meta.school_year),
            format!(
                "the file name says school year {school_year} but meta.school_year is {}",
                meta.school_year
            ),
        ));
    }
    if !published.is_well_formed() {
        issues.push(Issue::error(
            rules::BAD_DATE,
            "published",
            format!("发布日期“{published}”不是 YYYY-MM-DD 格式的有效日期"),
            format!("publication date `{published}` is not a valid YYYY-MM-DD date"),
        ));
    }

    let earlier = year_entries(manifest, county, school_year);
    let id = snapshot_id(county, school_year, revision);
    let mut revises = None;
    let mut note = None;
    match revision {
        None if !earlier.is_empty() => {
            let next = next_revision(manifest, county, school_year);
            issues.push(Issue::error(
                rules::ALREADY_PUBLISHED,
                "",
                format!(
                    "{county} 县 {school_year} 学年已有发布的快照；更正请另存为 {} 并用 --note 说明",
                    snapshot_path(county, school_year, Some(next))
                ),
                format!(
                    "county {county} already has a published snapshot for {school_year}; publish a correction \
                     as {} with a --note",
                    snapshot_path(county, school_year, Some(next))
                ),
            ));
        }
        None => {}
        Some(n) => {
            let expected = earlier.len() as u32;
            if earlier.is_empty() {
                issues.push(Issue::error(
                    rules::CORRECTION_WITHOUT_ORIGINAL,
                    "",
                    format!(
                        "更正文件需要先有原快照 {}；原快照尚未发布",
                        snapshot_path(county, school_year, None)
                    ),
                    format!(
                        "a correction needs the snapshot it revises, {}, which is not published",
                        snapshot_path(county, school_year, None)
                    ),
                ));
            } else if n != expected {
                issues.push(Issue::error(
                    rules::REVISION_OUT_OF_ORDER,
                    "",
                    format!(
                        "该学年已有 {} 个版本，下一个更正应命名为 {}，而不是 -r{n}",
                        earlier.len(),
                        snapshot_path(county, school_year, Some(expected))
                    ),
                    format!(
                        "this school year has {} published version(s); the next correction is {}, not -r{n}",
                        earlier.len(),
                        snapshot_path(county, school_year, Some(expected))
                    ),
                ));
            }
            // The entry in force: the latest version of the year.
            revises = earlier
                .iter()
                .max_by(|a, b| revision_of(a).cmp(&revision_of(b)).then(a.published.cmp(&b.published)))
                .map(|e| e.id.clone());
            match revision_note.map(str::trim).filter(|n| !n.is_empty()) {
                Some(text) => note = Some(text.to_string()),
                None => issues.push(Issue::error(
                    rules::REVISION_NOTE_MISSING,
                    "revision_note",
                    "更正必须附说明：更正了什么、为什么（atlas publish --note \"…\"）",
                    "a correction needs a note saying what changed and why (atlas publish --note \"…\")",
                )),
            }
        }
    }
    if manifest.counties.iter().flat_map(|c| c.snapshots.iter()).any(|s| s.id == id) {
        issues.push(Issue::error(
            rules::DUPLICATE_ID,
            "",
            format!("清单中已有编号为 {id} 的快照，编号不得重复使用"),
            format!("the manifest already has a snapshot with id {id}; ids are never reused"),
        ));
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    Ok(SnapshotEntry {
        id,
        school_year: school_year.clone(),
        as_of: meta.as_of.clone(),
        published: published.clone(),
        schema_version: snapshot.schema_version,
        path: path.to_string(),
        bytes: size,
        sha256,
        sample: meta.sample,
        revises,
        revision_note: note,
    })
}

/// The county's entry, created (with `name`) when the county is new.
fn county_entry_mut<'m>(manifest: &'m mut Manifest, code: &CountyCode, name: &str) -> &'m mut CountyEntry {
    let index = match manifest.counties.iter().position(|c| &c.code == code) {
        Some(i) => i,
        None => {
            manifest.counties.push(CountyEntry {
                code: code.clone(),
                name: name.to_string(),
                snapshots: Vec::new(),
                geometry: Vec::new(),
                plans: Vec::new(),
            });
            manifest.counties.len() - 1
        }
    };
    &mut manifest.counties[index]
}

/// The deterministic order of everything in the manifest, so that the same files always give the
/// same bytes: counties by code, snapshots by school year then publication date then revision,
/// geometry by kind, plans by id.
pub fn sort_manifest(manifest: &mut Manifest) {
    manifest.counties.sort_by(|a, b| a.code.cmp(&b.code));
    for county in &mut manifest.counties {
        county.snapshots.sort_by(|a, b| {
            a.school_year
                .cmp(&b.school_year)
                .then(a.published.cmp(&b.published))
                .then(revision_of(a).cmp(&revision_of(b)))
                .then(a.id.cmp(&b.id))
        });
        county.geometry.sort_by_key(|g| geometry_rank(g.kind));
        county.plans.sort_by(|a, b| a.id.cmp(&b.id));
    }
    manifest.reference_plans.sort_by(|a, b| a.id.cmp(&b.id));
}

fn geometry_rank(kind: GeometryKind) -> u8 {
    match kind {
        GeometryKind::Geojson => 0,
        GeometryKind::TileGrid => 1,
    }
}

/// Validate a snapshot's bytes: `Ok` with the parsed snapshot and its warnings, `Err` with every
/// issue when there is an error.
fn check_snapshot(path: &str, bytes: &[u8]) -> Result<(Snapshot, Vec<Issue>), Vec<Issue>> {
    let (snapshot, report) = validate::validate_snapshot(path, bytes);
    split_report(snapshot, report)
}

fn check_geometry(
    path: &str,
    bytes: &[u8],
    county: &CountyCode,
    kind: GeometryKindOrd,
) -> Result<Vec<Issue>, Vec<Issue>> {
    let (declared_county, report) = match kind {
        GeometryKindOrd::Geojson => {
            let (map, report) = validate::validate_boundary_map(path, bytes);
            (map.map(|m| m.county_code), report)
        }
        GeometryKindOrd::TileGrid => {
            let (grid, report) = validate::validate_tile_grid(path, bytes);
            (grid.map(|g| g.county_code), report)
        }
    };
    let (declared_county, mut warnings) = split_report(declared_county, report)?;
    if &declared_county != county {
        warnings.push(Issue::error(
            rules::COUNTY_MISMATCH,
            "county_code",
            format!("文件在县代码目录 {county} 下，但 county_code 为 {declared_county}"),
            format!("the file is in folder {county} but county_code is {declared_county}"),
        ));
        return Err(warnings);
    }
    Ok(warnings)
}

/// `Ok((value, warnings))` when the report has no error and the file parsed, else `Err(issues)`.
fn split_report<T>(value: Option<T>, report: FileReport) -> Result<(T, Vec<Issue>), Vec<Issue>> {
    match value {
        Some(v) if !report.has_errors() => Ok((v, report.issues)),
        _ => {
            let mut issues = report.issues;
            if !issues.iter().any(Issue::is_error) {
                // A validator that returns no value owes an error; never let such a file through.
                issues.push(Issue::error(
                    rules::UNREADABLE,
                    "",
                    "无法读取该文件",
                    "the file could not be read",
                ));
            }
            Err(issues)
        }
    }
}

fn add_plan(
    manifest: &mut Manifest,
    path: &str,
    bytes: &[u8],
    id: &str,
    size: u64,
    sha256: String,
) -> Result<(AddOutcome, Vec<Issue>), Vec<Issue>> {
    let (plan, report) = validate::validate_plan(path, bytes);
    let (plan, mut warnings) = split_report(plan, report)?;
    let meta = &plan.meta;
    if meta.id != id {
        warnings.push(Issue::error(
            rules::META_MISMATCH,
            "meta.id",
            format!("文件名表示规划编号 {id}，但 meta.id 为 {}", meta.id),
            format!("the file name says plan id {id} but meta.id is {}", meta.id),
        ));
        return Err(warnings);
    }
    let entry = PlanEntry {
        id: id.to_string(),
        title: meta.title.clone(),
        path: path.to_string(),
        bytes: size,
        sha256,
    };
    // The county's name, needed only when the plan brings a county the manifest does not list.
    let new_county_name = match &meta.county_code {
        Some(code) if !manifest.counties.iter().any(|c| &c.code == code) => {
            match meta.county_name.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
                Some(name) => name.to_string(),
                None => {
                    warnings.push(Issue::error(
                        rules::COUNTY_NOT_PUBLISHED,
                        "meta.county_name",
                        format!("县 {code} 尚未发布快照，规划须在 meta.county_name 中写明县名"),
                        format!(
                            "county {code} has no published snapshot; the plan must give meta.county_name"
                        ),
                    ));
                    return Err(warnings);
                }
            }
        }
        _ => String::new(),
    };
    // A replaced plan may have moved between a county and the reference list: drop the old entry
    // wherever it is, then add the new one where its meta says.
    let existed = remove_plan_entry(manifest, path);
    match &meta.county_code {
        None => manifest.reference_plans.push(entry),
        Some(code) => county_entry_mut(manifest, code, &new_county_name).plans.push(entry),
    }
    sort_manifest(manifest);
    Ok((if existed { AddOutcome::Replaced } else { AddOutcome::Added }, warnings))
}

/// Remove a plan entry by path from wherever it is listed; whether one was there.
fn remove_plan_entry(manifest: &mut Manifest, path: &str) -> bool {
    let before =
        manifest.reference_plans.len() + manifest.counties.iter().map(|c| c.plans.len()).sum::<usize>();
    manifest.reference_plans.retain(|p| p.path != path);
    for county in &mut manifest.counties {
        county.plans.retain(|p| p.path != path);
    }
    let after =
        manifest.reference_plans.len() + manifest.counties.iter().map(|c| c.plans.len()).sum::<usize>();
    after < before
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::GeometryKind;
    use crate::report::RuleId;
    use crate::snapshot::{Township, TownshipKind};
    use crate::test_support::example_snapshot;

    fn date(s: &str) -> Date {
        Date(s.into())
    }

    fn bytes_of(snapshot: &Snapshot) -> Vec<u8> {
        crate::to_published_json(snapshot).unwrap().into_bytes()
    }

    /// The example snapshot for another school year (its as-of date moved with it).
    fn snapshot_for(start: i32) -> Snapshot {
        let mut s = example_snapshot();
        s.meta.school_year = SchoolYear::from_start(start);
        s.meta.as_of = Date(format!("{start}-09-30"));
        s
    }

    /// A schematic tile grid with one tile per township of the example.
    fn tiles(codes: &[&str]) -> Vec<u8> {
        let tiles: Vec<String> =
            codes.iter().enumerate().map(|(i, c)| format!(r#"{{"code":"{c}","row":0,"col":{i}}}"#)).collect();
        format!(
            r#"{{"schema_version":1,"county_code":"530426","schematic":true,"tiles":[{}]}}"#,
            tiles.join(",")
        )
        .into_bytes()
    }

    const EXAMPLE_TOWNSHIPS: [&str; 3] = ["530426001", "530426100", "530426200"];

    fn plan(id: &str, county: Option<(&str, &str)>) -> Vec<u8> {
        let county = match county {
            Some((code, name)) => format!(r#""county_code":"{code}","county_name":"{name}","#),
            None => String::new(),
        };
        format!(
            r#"{{"schema_version":1,"meta":{{"id":"{id}",{county}"title":"示例规划","start_year":2022,"end_year":2024,
            "source":"示例","sample":true,"wording_note":"示例：目标为本项目自拟的概述"}},"targets":[]}}"#
        )
        .into_bytes()
    }

    fn files(list: &[(&str, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
        list.iter().map(|(p, b)| (p.to_string(), b.clone())).collect()
    }

    fn rules_of(reports: &[FileReport]) -> Vec<(String, RuleId)> {
        reports.iter().flat_map(|r| r.errors().map(move |i| (r.file.clone(), i.rule))).collect()
    }

    fn first_publication() -> Manifest {
        let files = files(&[
            ("530426/2024-2025.json", bytes_of(&example_snapshot())),
            ("530426/tiles.json", tiles(&EXAMPLE_TOWNSHIPS)),
        ]);
        publish_dir(None, &files, &date("2025-03-01"), None).unwrap().0
    }

    #[test]
    fn data_paths_follow_the_layout() {
        let county = CountyCode("530426".into());
        let year = SchoolYear("2023-2024".into());
        let snapshot =
            |revision| DataPath::Snapshot { county: county.clone(), school_year: year.clone(), revision };
        assert_eq!(DataPath::parse("530426/2023-2024.json"), Some(snapshot(None)));
        assert_eq!(DataPath::parse("530426/2023-2024-r12.json"), Some(snapshot(Some(12))));
        assert_eq!(snapshot(Some(2)).to_path(), "530426/2023-2024-r2.json");
        assert_eq!(snapshot_id(&county, &year, Some(2)), "530426-2023-2024-r2");
        assert_eq!(
            DataPath::parse("530426/tiles.json"),
            Some(DataPath::Geometry { county: county.clone(), kind: GeometryKindOrd::TileGrid })
        );
        assert_eq!(
            DataPath::parse("plans/530426-2022-2024.json"),
            Some(DataPath::Plan { id: "530426-2022-2024".into() })
        );
        for not_data in [
            "manifest.json",
            "530426/2023-2024-r0.json",
            "530426/2023-2024-r01.json",
            "530426/2023-2025.json",
            "53042/2023-2024.json",
            "530426/x/2023-2024.json",
            "530426/notes.json",
            "plans/../x.json",
            "plans/.hidden.json",
        ] {
            assert_eq!(DataPath::parse(not_data), None, "{not_data}");
        }
        // r1 sorts after the original, r10 after r2, snapshots before geometry before plans.
        let mut paths: Vec<DataPath> = [
            "plans/a.json",
            "530426/tiles.json",
            "530426/2023-2024-r10.json",
            "530426/2023-2024-r2.json",
            "530426/2023-2024.json",
        ]
        .iter()
        .filter_map(|p| DataPath::parse(p))
        .collect();
        paths.sort();
        let sorted: Vec<String> = paths.iter().map(DataPath::to_path).collect();
        assert_eq!(
            sorted,
            [
                "530426/2023-2024.json",
                "530426/2023-2024-r2.json",
                "530426/2023-2024-r10.json",
                "530426/tiles.json",
                "plans/a.json"
            ]
        );
    }

    #[test]
    fn first_publication_lists_the_county_its_snapshot_and_map() {
        let snapshot_bytes = bytes_of(&example_snapshot());
        let manifest = first_publication();
        assert_eq!(manifest.schema_version, MANIFEST_VERSION);
        let county = manifest.county("530426").unwrap();
        assert_eq!(county.name, "峨山彝族自治县");
        let entry = &county.snapshots[0];
        assert_eq!(entry.id, "530426-2024-2025");
        assert_eq!(entry.path, "530426/2024-2025.json");
        assert_eq!(entry.as_of.as_str(), "2024-09-30");
        assert_eq!(entry.published.as_str(), "2025-03-01");
        assert_eq!(entry.bytes, snapshot_bytes.len() as u64);
        assert_eq!(entry.sha256, sha256_hex(&snapshot_bytes));
        assert!(entry.sample);
        assert_eq!(entry.revises, None);
        assert_eq!(county.geometry[0].kind, GeometryKind::TileGrid);
        // What publish writes, validate accepts.
        assert!(!validate::check_manifest("manifest.json", &manifest).has_errors());
    }

    #[test]
    fn publishing_the_same_files_again_changes_no_byte() {
        let files = files(&[
            ("530426/tiles.json", tiles(&EXAMPLE_TOWNSHIPS)),
            ("530426/2024-2025.json", bytes_of(&example_snapshot())),
        ]);
        let (first, _) = publish_dir(None, &files, &date("2025-03-01"), None).unwrap();
        // A later date, as when the command is run again another day: nothing moves.
        let (second, outcomes) = publish_dir(Some(first.clone()), &files, &date("2025-06-01"), None).unwrap();
        assert_eq!(second.to_published_json().unwrap(), first.to_published_json().unwrap());
        assert!(outcomes.iter().all(|o| o.outcome == AddOutcome::Unchanged), "{outcomes:?}");
    }

    #[test]
    fn changed_bytes_under_a_published_path_are_refused() {
        let mut manifest = first_publication();
        let before = manifest.clone();
        let mut changed = example_snapshot();
        changed.schools[0].stages.preschool.as_mut().unwrap().students += 1;
        let issues = add_to_manifest(
            &mut manifest,
            "530426/2024-2025.json",
            &bytes_of(&changed),
            &date("2025-04-01"),
            Some("x"),
        )
        .unwrap_err();
        assert_eq!(issues[0].rule, "published_file_changed");
        assert!(issues[0].message_en.contains("530426/2024-2025-r1.json"), "{}", issues[0].message_en);
        assert_eq!(manifest, before);
    }

    #[test]
    fn a_correction_revises_the_latest_version_and_needs_a_note() {
        let mut manifest = first_publication();
        let mut corrected = example_snapshot();
        corrected.schools[0].stages.preschool.as_mut().unwrap().students = 241;
        let r1 = bytes_of(&corrected);
        let issues =
            add_to_manifest(&mut manifest, "530426/2024-2025-r1.json", &r1, &date("2025-04-01"), None)
                .unwrap_err();
        assert_eq!(issues[0].rule, rules::REVISION_NOTE_MISSING);

        let note = "更正双江街道中心幼儿园在园幼儿数";
        let outcome =
            add_to_manifest(&mut manifest, "530426/2024-2025-r1.json", &r1, &date("2025-04-01"), Some(note));
        assert_eq!(outcome, Ok(AddOutcome::Added));
        corrected.schools[0].stages.preschool.as_mut().unwrap().students = 242;
        let r2 = bytes_of(&corrected);
        add_to_manifest(
            &mut manifest,
            "530426/2024-2025-r2.json",
            &r2,
            &date("2025-05-01"),
            Some("再次更正"),
        )
        .unwrap();

        let county = manifest.county("530426").unwrap();
        let history: Vec<(&str, Option<&str>, Option<&str>)> = county
            .snapshots
            .iter()
            .map(|s| (s.id.as_str(), s.revises.as_deref(), s.revision_note.as_deref()))
            .collect();
        assert_eq!(
            history,
            [
                ("530426-2024-2025", None, None),
                ("530426-2024-2025-r1", Some("530426-2024-2025"), Some(note)),
                ("530426-2024-2025-r2", Some("530426-2024-2025-r1"), Some("再次更正")),
            ]
        );
        let current: Vec<&str> = county.current_snapshots().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(current, ["530426-2024-2025-r2"]);
        assert!(!validate::check_manifest("manifest.json", &manifest).has_errors());
    }

    #[test]
    fn a_correction_needs_its_original_and_the_next_number() {
        let bytes = bytes_of(&example_snapshot());
        let mut empty = empty_manifest();
        let issues =
            add_to_manifest(&mut empty, "530426/2024-2025-r1.json", &bytes, &date("2025-04-01"), Some("n"))
                .unwrap_err();
        assert_eq!(issues[0].rule, "correction_without_original");

        let mut manifest = first_publication();
        let issues = add_to_manifest(
            &mut manifest,
            "530426/2024-2025-r2.json",
            &bytes,
            &date("2025-04-01"),
            Some("n"),
        )
        .unwrap_err();
        assert_eq!(issues[0].rule, "revision_out_of_order");
        assert!(issues[0].message_en.contains("2024-2025-r1.json"));
    }

    #[test]
    fn corrections_in_a_folder_are_published_after_their_original() {
        let mut corrected = example_snapshot();
        corrected.meta.notes.push("更正".into());
        // A plain path sort would put `-r1.json` before `.json`.
        let files = files(&[
            ("530426/2024-2025-r1.json", bytes_of(&corrected)),
            ("530426/2024-2025.json", bytes_of(&example_snapshot())),
            ("530426/tiles.json", tiles(&EXAMPLE_TOWNSHIPS)),
        ]);
        let (manifest, _) = publish_dir(None, &files, &date("2025-03-01"), Some("补充说明")).unwrap();
        let ids: Vec<&str> = manifest.counties[0].snapshots.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["530426-2024-2025", "530426-2024-2025-r1"]);
    }

    #[test]
    fn the_folder_and_file_name_must_match_the_meta() {
        let mut manifest = empty_manifest();
        let issues = add_to_manifest(
            &mut manifest,
            "520122/2023-2024.json",
            &bytes_of(&example_snapshot()),
            &date("2025-03-01"),
            None,
        )
        .unwrap_err();
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(paths, ["meta.county_code", "meta.school_year"]);
        assert!(issues.iter().all(|i| i.rule == rules::META_MISMATCH));
    }

    #[test]
    fn validation_errors_block_publication_and_name_the_field() {
        let mut broken = example_snapshot();
        broken.schools[1].id = broken.schools[0].id.clone();
        let mut manifest = empty_manifest();
        let issues = add_to_manifest(
            &mut manifest,
            "530426/2024-2025.json",
            &bytes_of(&broken),
            &date("2025-03-01"),
            None,
        )
        .unwrap_err();
        assert!(
            issues.iter().any(|i| i.rule == rules::DUPLICATE_SCHOOL_ID && i.path == "schools[1].id"),
            "{issues:#?}"
        );
        assert_eq!(manifest, empty_manifest());
    }

    #[test]
    fn geometry_may_be_replaced_but_needs_its_county_first() {
        let mut empty = empty_manifest();
        let issues = add_to_manifest(
            &mut empty,
            "530426/tiles.json",
            &tiles(&EXAMPLE_TOWNSHIPS),
            &date("2025-03-01"),
            None,
        )
        .unwrap_err();
        assert_eq!(issues[0].rule, "county_not_published");

        let mut manifest = first_publication();
        let redrawn = tiles(&["530426200", "530426100", "530426001"]);
        let outcome =
            add_to_manifest(&mut manifest, "530426/tiles.json", &redrawn, &date("2025-04-01"), None);
        assert_eq!(outcome, Ok(AddOutcome::Replaced));
        let geometry = &manifest.county("530426").unwrap().geometry;
        assert_eq!(geometry.len(), 1);
        assert_eq!(geometry[0].sha256, sha256_hex(&redrawn));
    }

    #[test]
    fn a_new_township_without_a_tile_blocks_publication() {
        let manifest = first_publication();
        let mut next_year = snapshot_for(2025);
        next_year.townships.push(Township {
            code: "530426300".into(),
            name: "新设乡".into(),
            name_en: None,
            kind: TownshipKind::Township,
            population: None,
        });
        let files = files(&[
            ("530426/2024-2025.json", bytes_of(&example_snapshot())),
            ("530426/2025-2026.json", bytes_of(&next_year)),
            ("530426/tiles.json", tiles(&EXAMPLE_TOWNSHIPS)),
        ]);
        let reports = publish_dir(Some(manifest), &files, &date("2026-03-01"), None).unwrap_err();
        assert_eq!(rules_of(&reports), [("530426/tiles.json".to_string(), rules::TOWNSHIP_WITHOUT_GEOMETRY)]);
    }

    #[test]
    fn stray_json_is_an_error_other_files_are_ignored_and_published_files_must_stay() {
        let files = files(&[
            ("530426/2024-2025.json", bytes_of(&example_snapshot())),
            ("530426/tiles.json", tiles(&EXAMPLE_TOWNSHIPS)),
            ("530426/notes.json", b"{}".to_vec()),
            ("README.md", b"# data".to_vec()),
        ]);
        let reports = publish_dir(None, &files, &date("2025-03-01"), None).unwrap_err();
        assert_eq!(rules_of(&reports), [("530426/notes.json".to_string(), rules::UNRECOGNISED_PATH)]);

        let manifest = first_publication();
        let without_snapshot = self::files(&[("530426/tiles.json", tiles(&EXAMPLE_TOWNSHIPS))]);
        let reports = publish_dir(Some(manifest), &without_snapshot, &date("2025-03-01"), None).unwrap_err();
        assert_eq!(rules_of(&reports), [("530426/2024-2025.json".to_string(), rules::FILE_MISSING)]);
    }

    #[test]
    fn plans_go_under_their_county_or_into_the_reference_list() {
        let mut manifest = first_publication();
        let county_plan = plan("530426-2022-2024", Some(("530426", "峨山彝族自治县")));
        let template = plan("template-2019-2025", None);
        add_to_manifest(
            &mut manifest,
            "plans/530426-2022-2024.json",
            &county_plan,
            &date("2025-03-01"),
            None,
        )
        .unwrap();
        add_to_manifest(&mut manifest, "plans/template-2019-2025.json", &template, &date("2025-03-01"), None)
            .unwrap();
        let plans: Vec<&str> =
            manifest.county("530426").unwrap().plans.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(plans, ["530426-2022-2024"]);
        assert_eq!(manifest.reference_plans[0].title, "示例规划");
        assert_eq!(manifest.reference_plans[0].sha256, sha256_hex(&template));

        // A plan's file name and its id must agree.
        let issues = add_to_manifest(&mut manifest, "plans/other.json", &template, &date("2025-03-01"), None)
            .unwrap_err();
        assert_eq!((issues[0].rule, issues[0].path.as_str()), (rules::META_MISMATCH, "meta.id"));
    }

    #[test]
    fn a_plan_for_an_unpublished_county_creates_it_by_name() {
        let mut manifest = empty_manifest();
        let xifeng = plan("520122-2021-2025", Some(("520122", "息烽县")));
        add_to_manifest(&mut manifest, "plans/520122-2021-2025.json", &xifeng, &date("2025-03-01"), None)
            .unwrap();
        assert_eq!(manifest.county("520122").unwrap().name, "息烽县");
    }
}
