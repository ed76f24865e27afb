//! `atlas validate FILE…`: a report per file; a data folder or its `manifest.json` checks the
//! whole data set (every listed file, its size and hash, and the joins between files).

use crate::files::{data_files_under, read_limited, read_under, shown, ReadFailure};
use crate::output::{self, Counts};
use crate::{Fatal, Verdict};
use atlas_core::load::FileKind;
use atlas_core::publish::{self, DataPath, MANIFEST_FILE};
use atlas_core::report::{FileReport, Issue};
use atlas_core::validate;
use atlas_core::validate::rules;
use std::path::{Path, PathBuf};

pub fn run(paths: &[PathBuf], json: bool) -> Result<Verdict, Fatal> {
    let mut reports: Vec<FileReport> = Vec::new();
    let mut io_failures: Vec<String> = Vec::new();

    for path in paths {
        let result = if path.is_dir() {
            if path.join(MANIFEST_FILE).is_file() {
                data_set(path, &mut reports)
            } else {
                loose_folder(path, &mut reports, &mut io_failures)
            }
        } else if path.file_name().and_then(|n| n.to_str()) == Some(MANIFEST_FILE) {
            let root = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            data_set(root, &mut reports)
        } else {
            single_file(path, &mut reports, &mut io_failures);
            Ok(())
        };
        if let Err(Fatal(message)) = result {
            io_failures.push(message);
        }
    }

    let counts = Counts::of(&reports);
    if json {
        let text = serde_json::to_string_pretty(&reports).map_err(|e| Fatal(e.to_string()))?;
        output::print_json(&format!("{text}\n"));
    } else {
        let mut text = output::reports_text(&reports);
        if !text.is_empty() {
            text.push('\n');
        }
        for report in &reports {
            text.push_str(&output::file_status(report));
        }
        text.push_str(&output::summary_line(counts));
        output::print(&text);
    }
    if !io_failures.is_empty() {
        for message in &io_failures {
            output::eprint(&format!("atlas: 错误 error: {message}\n"));
        }
        return Err(Fatal(format!("{} 个文件无法读取 file(s) could not be read", io_failures.len())));
    }
    Ok(if counts.errors > 0 { Verdict::Refused } else { Verdict::Done })
}

/// One file, its kind told by where it sits in the data layout or, for a loose file, by its
/// content.
fn single_file(path: &Path, reports: &mut Vec<FileReport>, io_failures: &mut Vec<String>) {
    let display = shown(path);
    match read_limited(path, &display) {
        Ok(bytes) => {
            let kind = kind_of(path, &bytes);
            reports.push(publish::validate_file(kind, &display, &bytes));
        }
        Err(ReadFailure::Refused(e)) => reports.push(FileReport { file: display, issues: vec![e.issue] }),
        Err(ReadFailure::Io(message)) => io_failures.push(message),
    }
}

/// A folder without a manifest: each data file on its own.
fn loose_folder(
    dir: &Path,
    reports: &mut Vec<FileReport>,
    io_failures: &mut Vec<String>,
) -> Result<(), Fatal> {
    let folder = data_files_under(dir)?;
    reports.extend(folder.refused);
    let bar = output::progress(folder.files.len(), "校验 validating");
    for rel in &folder.files {
        bar.set_message(output::terminal_safe(rel).into_owned());
        single_file(&dir.join(rel), reports, io_failures);
        bar.inc(1);
    }
    bar.finish_and_clear();
    Ok(())
}

/// The whole data set under `root`: the manifest, every file it lists (size, hash, contents,
/// joins), and any data file present but not listed.
pub(crate) fn data_set(root: &Path, reports: &mut Vec<FileReport>) -> Result<(), Fatal> {
    let manifest_path = root.join(MANIFEST_FILE);
    let manifest_display = shown(&manifest_path);
    let bytes = match read_limited(&manifest_path, &manifest_display) {
        Ok(bytes) => bytes,
        Err(ReadFailure::Refused(e)) => {
            reports.push(FileReport { file: manifest_display, issues: vec![e.issue] });
            return Ok(());
        }
        Err(ReadFailure::Io(message)) => return Err(Fatal(message)),
    };
    let (manifest, manifest_report) = validate::validate_manifest(&manifest_display, &bytes);
    let Some(manifest) = manifest else {
        reports.push(manifest_report);
        return Ok(());
    };

    let listed = publish::listed_paths(&manifest);
    let bar = output::progress(listed.len(), "校验 validating");
    let read = |rel: &str| -> Result<Vec<u8>, String> {
        bar.set_message(output::terminal_safe(rel).into_owned());
        bar.inc(1);
        read_under(root, rel).map_err(|f| match f {
            ReadFailure::Refused(e) => format!("{} / {}", e.issue.message_zh, e.issue.message_en),
            ReadFailure::Io(m) => m,
        })
    };
    let set_reports = validate::check_data_set(&manifest, &read);
    bar.finish_and_clear();

    // Reports name files relative to the root; print them as paths the user can open.
    let prefix = |rel: &str| if rel == manifest_display { rel.to_string() } else { shown(&root.join(rel)) };
    let first = reports.len();
    let mut merged = manifest_report;
    for mut report in set_reports {
        if report.file == MANIFEST_FILE || report.file == manifest_display {
            // The manifest's own rules run in both validate_manifest and check_data_set.
            for issue in report.issues {
                if !merged.issues.iter().any(|i| i.rule == issue.rule && i.path == issue.path) {
                    merged.issues.push(issue);
                }
            }
        } else {
            report.file = prefix(&report.file);
            reports.push(report);
        }
    }
    reports.insert(first, merged);

    // Files the portal will never show because they are not in the manifest.
    let folder = data_files_under(root)?;
    reports.extend(folder.refused);
    for rel in folder.files {
        if rel != MANIFEST_FILE && !listed.contains(&rel) {
            let mut report = FileReport::new(shown(&root.join(&rel)));
            report.push(Issue::warning(
                rules::NOT_IN_MANIFEST,
                "",
                "该文件未列入 manifest.json，门户网站不会显示它；发布请运行 atlas publish",
                "this file is not listed in manifest.json, so the portal will not show it; run atlas publish to publish it",
            ));
            reports.push(report);
        }
    }
    Ok(())
}

/// The kind of a file: by its place in the data layout (`530426/2024-2025.json`,
/// `530426/tiles.json`, `plans/x.json`), else by what its JSON contains.
fn kind_of(path: &Path, bytes: &[u8]) -> FileKind {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let parent = path.parent().and_then(|p| p.file_name()).and_then(|n| n.to_str()).unwrap_or("");
    if name == MANIFEST_FILE {
        return FileKind::Manifest;
    }
    if let Some(data_path) = DataPath::parse(&format!("{parent}/{name}")) {
        return data_path.file_kind();
    }
    if name.ends_with(".geojson") {
        return FileKind::BoundaryMap;
    }
    // A loose file (e.g. the output of `atlas import` before it is moved into place): look at
    // its top-level fields. Unparseable JSON is read as a snapshot, whose report then gives the
    // syntax error with line and column.
    let value: Option<serde_json::Value> = atlas_core::load::parse_json_value(name, bytes).ok();
    let has = |key: &str| value.as_ref().and_then(|v| v.get(key)).is_some();
    if has("counties") {
        FileKind::Manifest
    } else if value.as_ref().and_then(|v| v.get("type")).and_then(|t| t.as_str()) == Some("FeatureCollection")
    {
        FileKind::BoundaryMap
    } else if has("tiles") {
        FileKind::TileGrid
    } else if has("targets") {
        FileKind::Plan
    } else {
        FileKind::Snapshot
    }
}
