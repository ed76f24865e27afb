//! `atlas publish DATA_DIR`: validate every data file and rewrite `manifest.json`.
//!
//! Nothing is written unless every file passes; an unchanged data folder leaves `manifest.json`
//! untouched (not even its modification time), so publishing twice changes nothing.

use crate::files::{data_files_under, manifest_escape, read_limited, shown, write_atomically, ReadFailure};
use crate::output::{self, Counts};
use crate::{Fatal, Verdict};
use atlas_core::publish::{publish_dir_with_progress, AddOutcome, MANIFEST_FILE};
use atlas_core::report::FileReport;
use atlas_core::{signature, validate, Date};
use std::path::Path;

pub fn run(
    root: &Path,
    date: Option<String>,
    note: Option<String>,
    sign: Option<&Path>,
) -> Result<Verdict, Fatal> {
    if !root.is_dir() {
        return Err(Fatal(format!("{}: 不是目录 not a directory", root.display())));
    }
    // Opened first: a wrong password stops the run before anything is checked or written.
    let signing_key = sign.map(crate::keys::open_secret_key).transpose()?;
    let today = match date {
        Some(text) => {
            let date = Date(text);
            if !date.is_well_formed() {
                return Err(Fatal(format!(
                    "--date “{date}” 不是 YYYY-MM-DD 形式的日期 is not a YYYY-MM-DD date"
                )));
            }
            date
        }
        None => crate::today::today_in_china(),
    };

    let manifest_path = root.join(MANIFEST_FILE);
    let manifest_display = shown(&manifest_path);
    if let Some(issue) = manifest_escape(root, &manifest_path)? {
        return Ok(refuse(&[FileReport { file: manifest_display, issues: vec![issue] }]));
    }
    let old_manifest_bytes = if manifest_path.exists() {
        match read_limited(&manifest_path, &manifest_display) {
            Ok(bytes) => Some(bytes),
            Err(ReadFailure::Refused(e)) => {
                return Ok(refuse(&[FileReport { file: manifest_display, issues: vec![e.issue] }]))
            }
            Err(ReadFailure::Io(message)) => return Err(Fatal(message)),
        }
    } else {
        None
    };
    let manifest = match &old_manifest_bytes {
        None => None,
        Some(bytes) => {
            let (manifest, report) = validate::validate_manifest(&manifest_display, bytes);
            match manifest {
                Some(m) if !report.has_errors() => Some(m),
                _ => return Ok(refuse(&[report])),
            }
        }
    };

    let folder = data_files_under(root)?;
    let bar = output::progress(folder.files.len() * 2, "发布 publishing");
    let mut files = Vec::with_capacity(folder.files.len());
    let mut refused = folder.refused;
    for rel in folder.files {
        bar.set_message(output::terminal_safe(&rel).into_owned());
        match read_limited(&root.join(&rel), &rel) {
            Ok(bytes) => files.push((rel, bytes)),
            Err(ReadFailure::Refused(e)) => {
                refused.push(FileReport { file: shown(&root.join(&rel)), issues: vec![e.issue] })
            }
            Err(ReadFailure::Io(message)) => return Err(Fatal(message)),
        }
        bar.inc(1);
    }
    if !refused.is_empty() {
        bar.finish_and_clear();
        return Ok(refuse(&refused));
    }

    let result = publish_dir_with_progress(manifest, &files, &today, note.as_deref(), &mut |path| {
        bar.set_message(output::terminal_safe(path).into_owned());
        bar.inc(1);
    });
    bar.finish_and_clear();
    let (manifest, outcomes) = match result {
        Ok(done) => done,
        Err(reports) => return Ok(refuse(&under_root(root, reports))),
    };

    let json = manifest.to_published_json().map_err(|e| Fatal(e.to_string()))?;
    let mut text = String::new();
    let warnings: Vec<FileReport> = outcomes
        .iter()
        .filter(|o| !o.warnings.is_empty())
        .map(|o| FileReport { file: shown(&root.join(&o.path)), issues: o.warnings.clone() })
        .collect();
    text.push_str(&output::reports_text(&warnings));
    // The last outcome is manifest.json itself; the counts are of data files.
    let data_outcomes: Vec<_> = outcomes.iter().filter(|o| o.path != MANIFEST_FILE).collect();
    let count = |wanted: AddOutcome| data_outcomes.iter().filter(|o| o.outcome == wanted).count();
    for outcome in &data_outcomes {
        match outcome.outcome {
            AddOutcome::Added => text.push_str(&format!("+ 新发布 added     {}\n", outcome.path)),
            AddOutcome::Replaced => text.push_str(&format!("~ 已替换 replaced  {}\n", outcome.path)),
            AddOutcome::Unchanged => {}
        }
    }
    if old_manifest_bytes.as_deref() == Some(json.as_bytes()) {
        text.push_str(&format!(
            "{manifest_display} 无变化 unchanged ({} 个文件均已发布 files already published)\n",
            count(AddOutcome::Unchanged)
        ));
    } else {
        write_atomically(&manifest_path, json.as_bytes())?;
        text.push_str(&format!(
            "已写入 wrote {manifest_display}: 新发布 {} added, 替换 {} replaced, 未变 {} unchanged\n",
            count(AddOutcome::Added),
            count(AddOutcome::Replaced),
            count(AddOutcome::Unchanged)
        ));
    }
    let sig_path = root.join(signature::signature_path(MANIFEST_FILE));
    match &signing_key {
        Some(key) => {
            let existing = std::fs::read(&sig_path).ok().map(|b| String::from_utf8_lossy(&b).into_owned());
            let still_good = existing.is_some_and(|sig| {
                signature::verify(MANIFEST_FILE, json.as_bytes(), &sig, &key.public_key()).is_ok()
            });
            if still_good {
                text.push_str(&format!(
                    "{} 无变化 unchanged (签名仍有效 the signature still holds)\n",
                    shown(&sig_path)
                ));
            } else {
                let attestation = signature::manifest_attestation(MANIFEST_FILE, &manifest, today.as_str());
                let sig = key
                    .sign(json.as_bytes(), &attestation)
                    .map_err(|e| Fatal(format!("签名失败 signing failed: {e}")))?;
                write_atomically(&sig_path, sig.as_bytes())?;
                text.push_str(&format!(
                    "已签名 signed {} (密钥 key {}): {}\n",
                    shown(&sig_path),
                    key.public_key().key_id(),
                    attestation.to_comment().replace('\t', "  ")
                ));
            }
        }
        None => text.push_str(&unsigned_warning(&sig_path, json.as_bytes())),
    }
    output::eprint(&text);
    Ok(Verdict::Done)
}

/// Publishing without `--sign`: the portal refuses a manifest without a valid signature, so say
/// so, and say when an old signature no longer matches.
fn unsigned_warning(sig_path: &Path, manifest: &[u8]) -> String {
    let stale = std::fs::read(sig_path).ok().is_some_and(|sig| {
        let key = crate::keys::public_key(None).ok();
        key.is_none_or(|k| {
            signature::verify(MANIFEST_FILE, manifest, &String::from_utf8_lossy(&sig), &k).is_err()
        })
    });
    let what = if stale {
        format!("{} 与新的 manifest.json 不再相符 no longer matches the new manifest.json", shown(sig_path))
    } else if sig_path.exists() {
        return String::new();
    } else {
        "未签名 not signed".to_string()
    };
    format!(
        "警告 warning: {what}；门户网站拒绝显示未正确签名的数据，请加 --sign 私钥文件 重新发布 / the portal refuses data without a valid signature: publish again with --sign SECRET.key\n"
    )
}

/// Reports name files relative to the data root; print them as paths the user can open.
fn under_root(root: &Path, reports: Vec<FileReport>) -> Vec<FileReport> {
    reports.into_iter().map(|r| FileReport { file: shown(&root.join(&r.file)), ..r }).collect()
}

fn refuse(reports: &[FileReport]) -> Verdict {
    let mut text = output::reports_text(reports);
    text.push_str(&output::summary_line(Counts::of(reports)));
    text.push_str("未发布：manifest.json 保持不变 / nothing published: manifest.json left unchanged\n");
    output::eprint(&text);
    Verdict::Refused
}
