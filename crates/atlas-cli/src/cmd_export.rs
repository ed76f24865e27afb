//! `atlas export SNAPSHOT.json`: the computed indicators as CSV (UTF-8 with BOM), or with
//! `--import-files DIR` the snapshot as the CSV files `atlas import` reads.

use crate::files::{read_limited, relative_slash_path, shown, write_atomically, ReadFailure};
use crate::output::{self, Counts};
use crate::{Fatal, Verdict};
use atlas_core::hash::sha256_hex;
use atlas_core::import::{self, snapshot_to_csv};
use atlas_core::manifest::Manifest;
use atlas_core::publish::MANIFEST_FILE;
use atlas_core::report::{FileReport, Issue};
use atlas_core::validate::rules;
use atlas_core::{export, indicators, validate};
use std::path::Path;

pub fn run(
    snapshot_path: &Path,
    output: Option<&Path>,
    import_files: Option<&Path>,
) -> Result<Verdict, Fatal> {
    let display = shown(snapshot_path);
    let bytes = match read_limited(snapshot_path, &display) {
        Ok(bytes) => bytes,
        Err(ReadFailure::Refused(e)) => {
            return Ok(refuse(&[FileReport { file: display, issues: vec![e.issue] }]))
        }
        Err(ReadFailure::Io(message)) => return Err(Fatal(message)),
    };
    let (snapshot, report) = validate::validate_snapshot(&display, &bytes);
    let snapshot = match snapshot {
        Some(s) if !report.has_errors() => s,
        _ => return Ok(refuse(&[report])),
    };
    if !report.issues.is_empty() {
        output::eprint(&output::reports_text(std::slice::from_ref(&report)));
    }

    if let Some(dir) = import_files {
        return write_import_files(&snapshot, dir);
    }

    let sha256 = sha256_hex(&bytes);
    let snapshot_id = match published_entry(snapshot_path) {
        Some((manifest_display, id, listed_sha)) => {
            if listed_sha != sha256 {
                let mut report = FileReport::new(display);
                report.push(Issue::error(
                    rules::HASH_MISMATCH,
                    "",
                    format!(
                        "文件内容与 {manifest_display} 记录的 SHA-256 不一致（记录 {listed_sha}，实际 {sha256}）：\
                         这不是已发布的快照 {id}"
                    ),
                    format!(
                        "the bytes do not match the SHA-256 in {manifest_display} (listed {listed_sha}, file {sha256}): \
                         this is not the published snapshot {id}"
                    ),
                ));
                return Ok(refuse(&[report]));
            }
            id
        }
        None => {
            let stem = snapshot_path.file_stem().and_then(|s| s.to_str()).unwrap_or("snapshot").to_string();
            output::eprint(&format!(
                "注意 note: {display} 不在 manifest.json 中，数据版本记为文件名 {stem} \
                 / not listed in a manifest.json; the snapshot id is taken from the file name\n"
            ));
            stem
        }
    };

    let values = indicators::compute(&snapshot);
    let csv = export::indicators_csv(&snapshot_id, &sha256, &snapshot, &values);
    match output {
        Some(path) => {
            write_atomically(path, csv.as_bytes())?;
            output::eprint(&format!("已写入 wrote {}\n", shown(path)));
        }
        None => output::print_data(&csv),
    }
    Ok(Verdict::Done)
}

/// `(manifest shown, snapshot id, listed sha256)` when a `manifest.json` in the snapshot's folder
/// or the one above lists this file.
fn published_entry(snapshot_path: &Path) -> Option<(String, String, String)> {
    let absolute = snapshot_path.canonicalize().ok()?;
    for root in absolute.ancestors().skip(1).take(2) {
        let manifest_path = root.join(MANIFEST_FILE);
        if !manifest_path.is_file() {
            continue;
        }
        let manifest_display = shown(&manifest_path);
        let bytes = read_limited(&manifest_path, &manifest_display).ok()?;
        let manifest: Manifest = atlas_core::load::parse_manifest(&manifest_display, &bytes).ok()?;
        let rel = relative_slash_path(root, &absolute)?;
        let entry = manifest.counties.iter().flat_map(|c| c.snapshots.iter()).find(|s| s.path == rel)?;
        return Some((manifest_display, entry.id.clone(), entry.sha256.clone()));
    }
    None
}

fn write_import_files(snapshot: &atlas_core::Snapshot, dir: &Path) -> Result<Verdict, Fatal> {
    let files = snapshot_to_csv(snapshot).map_err(|e| Fatal(e.to_string()))?;
    std::fs::create_dir_all(dir).map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
    let mut written = Vec::new();
    let mut write = |name: &str, text: &str| -> Result<(), Fatal> {
        let path = dir.join(name);
        write_atomically(&path, text.as_bytes())?;
        written.push(shown(&path));
        Ok(())
    };
    write(import::META_FILE, &files.meta_json)?;
    write(import::SCHOOLS_FILE, &files.schools)?;
    write(import::TOWNSHIPS_FILE, &files.townships)?;
    if let Some(text) = &files.population {
        write(import::POPULATION_FILE, text)?;
    }
    if let Some(text) = &files.reported {
        write(import::REPORTED_FILE, text)?;
    }
    if let Some(text) = &files.survey {
        write(import::SURVEY_FILE, text)?;
    }
    output::eprint(&format!("已写入 wrote: {}\n", written.join(", ")));
    Ok(Verdict::Done)
}

fn refuse(reports: &[FileReport]) -> Verdict {
    let mut text = output::reports_text(reports);
    text.push_str(&output::summary_line(Counts::of(reports)));
    output::eprint(&text);
    Verdict::Refused
}
