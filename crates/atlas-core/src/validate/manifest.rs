//! The rules of `manifest.json` that need no other file: ids, paths, hashes, and the correction
//! history (a published snapshot never changes; a correction is a new entry that `revises` it).

use super::common;
use super::{rules, Issues};
use crate::manifest::{CountyEntry, Manifest, PlanEntry};
use crate::report::FileReport;
use crate::snapshot::SCHEMA_VERSION;
use std::collections::{HashMap, HashSet};

pub fn check_manifest(file: &str, manifest: &Manifest) -> FileReport {
    let mut out = Issues::new();
    manifest_rules(manifest, &mut out);
    out.finish(file)
}

pub(crate) fn manifest_rules(manifest: &Manifest, out: &mut Issues) {
    let mut counties: HashMap<&str, usize> = HashMap::new();
    // Ids are unique across the whole manifest and never reused.
    let mut ids: HashMap<&str, String> = HashMap::new();
    for (c, county) in manifest.counties.iter().enumerate() {
        let at = format!("counties[{c}]");
        common::county_code(&county.code, &format!("{at}.code"), out);
        common::not_blank(&county.name, &format!("{at}.name"), out);
        if let Some(first) = counties.get(county.code.as_str()) {
            out.error(
                rules::DUPLICATE_COUNTY,
                format!("{at}.code"),
                format!("县 {} 已在 counties[{first}] 列出", county.code),
                format!("county {} is already listed at counties[{first}]", county.code),
            );
        } else {
            counties.insert(county.code.as_str(), c);
        }
        check_snapshot_entries(county, &at, &mut ids, out);
        let mut kinds = HashMap::new();
        for (g, geometry) in county.geometry.iter().enumerate() {
            let gat = format!("{at}.geometry[{g}]");
            file_entry(&geometry.path, &geometry.sha256, &gat, out);
            if let Some(first) = kinds.insert(geometry.kind, g) {
                out.error(
                    rules::DUPLICATE_GEOMETRY_KIND,
                    format!("{gat}.kind"),
                    format!("该县已有同类地图文件 {at}.geometry[{first}]"),
                    format!("the county already has a geometry file of this kind at {at}.geometry[{first}]"),
                );
            }
        }
        for (p, plan) in county.plans.iter().enumerate() {
            plan_entry(plan, &format!("{at}.plans[{p}]"), &mut ids, out);
        }
    }
    for (p, plan) in manifest.reference_plans.iter().enumerate() {
        plan_entry(plan, &format!("reference_plans[{p}]"), &mut ids, out);
    }
}

fn plan_entry<'a>(plan: &'a PlanEntry, at: &str, ids: &mut HashMap<&'a str, String>, out: &mut Issues) {
    unique_id(&plan.id, at, ids, out);
    common::not_blank(&plan.title, &format!("{at}.title"), out);
    file_entry(&plan.path, &plan.sha256, at, out);
}

fn unique_id<'a>(id: &'a str, at: &str, ids: &mut HashMap<&'a str, String>, out: &mut Issues) {
    common::not_blank(id, &format!("{at}.id"), out);
    if let Some(first) = ids.get(id) {
        out.error(
            rules::DUPLICATE_ID,
            format!("{at}.id"),
            format!("id “{id}” 已用于 {first}；id 不得重复使用，更正版须用新 id"),
            format!(
                "id `{id}` is already used by {first}; ids are never reused (a correction gets a new id)"
            ),
        );
    } else {
        ids.insert(id, at.to_string());
    }
}

/// A file's path and hash, as every entry kind lists them.
fn file_entry(path: &str, sha256: &str, at: &str, out: &mut Issues) {
    if !is_safe_relative_path(path) {
        out.error(
            rules::BAD_PATH,
            format!("{at}.path"),
            format!("路径“{path}”应为数据目录内、以 / 分隔的相对路径，如 530426/2024-2025.json"),
            format!("path `{path}` must be a `/`-separated path inside the data folder, e.g. 530426/2024-2025.json"),
        );
    }
    if !(sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))) {
        out.error(
            rules::BAD_SHA256,
            format!("{at}.sha256"),
            format!("“{sha256}”不是 64 位小写十六进制的 SHA-256（由 atlas publish 填写）"),
            format!("`{sha256}` is not a SHA-256 in 64 lowercase hex digits (atlas publish writes it)"),
        );
    }
}

/// Relative, `/`-separated, inside the data folder: no drive letters, no `..`, no empty parts.
/// `check_data_set` reads only such paths.
pub(crate) fn is_safe_relative_path(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && !path.contains(':')
        && path.split('/').all(|part| !part.is_empty() && part != "." && part != "..")
}

fn check_snapshot_entries<'a>(
    county: &'a CountyEntry,
    at: &str,
    ids: &mut HashMap<&'a str, String>,
    out: &mut Issues,
) {
    let mut revised_by: HashMap<&str, usize> = HashMap::new();
    for (s, entry) in county.snapshots.iter().enumerate() {
        let sat = format!("{at}.snapshots[{s}]");
        unique_id(&entry.id, &sat, ids, out);
        common::school_year(&entry.school_year, &format!("{sat}.school_year"), out);
        common::date(&entry.as_of, &format!("{sat}.as_of"), out);
        common::date(&entry.published, &format!("{sat}.published"), out);
        file_entry(&entry.path, &entry.sha256, &sat, out);
        if entry.schema_version != SCHEMA_VERSION {
            out.error(
                rules::UNKNOWN_SCHEMA_VERSION,
                format!("{sat}.schema_version"),
                format!("快照格式版本 {} 不受支持，本程序读取版本 {SCHEMA_VERSION}", entry.schema_version),
                format!(
                    "snapshot schema version {} is not supported; this build reads {SCHEMA_VERSION}",
                    entry.schema_version
                ),
            );
        }
        let Some(revised_id) = &entry.revises else {
            continue;
        };
        if entry.revision_note.as_deref().is_none_or(|n| n.trim().is_empty()) {
            out.error(
                rules::REVISION_NOTE_MISSING,
                format!("{sat}.revision_note"),
                "更正版须在 revision_note 中说明改了什么、为什么改".to_string(),
                "a correction needs a `revision_note` saying what changed and why".to_string(),
            );
        }
        let earlier = county.snapshots.iter().take(s).position(|o| &o.id == revised_id);
        let problem = match earlier.and_then(|i| county.snapshots.get(i)) {
            None if county.snapshot(revised_id).is_some() => Some((
                format!("所更正的快照 {revised_id} 须列在本条之前（按发布先后排列）"),
                format!(
                    "the snapshot it corrects, {revised_id}, must be listed before this entry (oldest first)"
                ),
            )),
            None => Some((
                format!("本县没有 id 为 {revised_id} 的快照"),
                format!("this county has no snapshot with id {revised_id}"),
            )),
            Some(original) if original.school_year != entry.school_year => Some((
                format!(
                    "所更正的快照 {revised_id} 是 {} 学年，本条是 {} 学年",
                    original.school_year, entry.school_year
                ),
                format!(
                    "{revised_id} is for school year {}, this entry for {}",
                    original.school_year, entry.school_year
                ),
            )),
            Some(original) if original.published > entry.published => Some((
                format!("更正版发布日期 {} 早于所更正快照的 {}", entry.published, original.published),
                format!(
                    "published {}, before the snapshot it corrects ({})",
                    entry.published, original.published
                ),
            )),
            Some(_) => None,
        };
        if let Some((zh, en)) = problem {
            out.error(rules::BAD_REVISES, format!("{sat}.revises"), zh, en);
        }
        if let Some(first) = revised_by.get(revised_id.as_str()) {
            out.error(
                rules::REVISION_FORK,
                format!("{sat}.revises"),
                format!("{revised_id} 已被 {at}.snapshots[{first}] 更正；请更正最新的更正版"),
                format!("{revised_id} is already corrected by {at}.snapshots[{first}]; correct the latest correction instead"),
            );
        } else {
            revised_by.insert(revised_id, s);
        }
    }
    // The snapshots in force are those no other entry revises: one per school year.
    let revised: HashSet<&str> = county.snapshots.iter().filter_map(|e| e.revises.as_deref()).collect();
    let mut in_force: HashMap<&str, usize> = HashMap::new();
    for (s, entry) in county.snapshots.iter().enumerate() {
        if revised.contains(entry.id.as_str()) {
            continue;
        }
        if let Some(first) = in_force.get(entry.school_year.as_str()) {
            out.error(
                rules::DUPLICATE_SCHOOL_YEAR,
                format!("{at}.snapshots[{s}].school_year"),
                format!(
                    "{} 学年已有现行快照 {at}.snapshots[{first}]；若本条是更正版，请用 revises 指向被更正的快照",
                    entry.school_year
                ),
                format!(
                    "school year {} already has a snapshot in force ({at}.snapshots[{first}]); a correction must name it in `revises`",
                    entry.school_year
                ),
            );
        } else {
            in_force.insert(entry.school_year.as_str(), s);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_safe_relative_path;

    #[test]
    fn paths_stay_inside_the_data_folder() {
        assert!(is_safe_relative_path("530426/2024-2025.json"));
        assert!(is_safe_relative_path("plans/530426-2022-2024.json"));
        for bad in [
            "",
            "/etc/passwd",
            "../secret.json",
            "530426/../../x",
            "530426\\a.json",
            "C:/a.json",
            "a//b",
            "./a",
        ] {
            assert!(!is_safe_relative_path(bad), "{bad}");
        }
    }
}
