//! `atlas verify DATA_DIR [--key PUB]`: is this folder what the publisher signed? The signature
//! of each manifest is checked with the publisher's public key, then every file the manifest
//! lists against its size and SHA-256 (and the data rules, as `validate` does): a mirror that
//! changed a file, or a file and its manifest entry together, is caught.

use crate::files::{read_under, shown, ReadFailure};
use crate::keys::public_key;
use crate::output::{self, Counts};
use crate::{cmd_validate, Fatal, Verdict};
use atlas_core::publish::MANIFEST_FILE;
use atlas_core::report::FileReport;
use atlas_core::signature::{self, PublisherKey};
use std::path::Path;

pub fn run(root: &Path, key: Option<&str>) -> Result<Verdict, Fatal> {
    if !root.is_dir() {
        return Err(Fatal(format!("{}: 不是目录 not a directory", root.display())));
    }
    let key = public_key(key)?;
    let mut text = format!("公钥 public key {} ({})\n", key.key_id(), key.base64());

    let mut reports = Vec::new();
    let signed = check_signature(root, MANIFEST_FILE, &key, &mut text)?;
    reports.extend(signed);
    cmd_validate::data_set(root, &mut reports)?;

    let counts = Counts::of(&reports);
    let mut problems = output::reports_text(&reports);
    if !problems.is_empty() {
        problems.push('\n');
    }
    text.insert_str(0, &problems);
    text.push_str(&output::summary_line(counts));
    if counts.errors == 0 {
        text.push_str("✓ 签名与所有文件均核对无误 / the signature and every file check out\n");
    } else {
        text.push_str("✗ 核对未通过：不要使用这份数据 / verification failed: do not use this data\n");
    }
    output::print(&text);
    Ok(if counts.errors > 0 { Verdict::Refused } else { Verdict::Done })
}

/// Check the signature of `file` (a manifest), noting what it vouches for in `text`; a report
/// naming the problem when it fails.
fn check_signature(
    root: &Path,
    file: &str,
    key: &PublisherKey,
    text: &mut String,
) -> Result<Option<FileReport>, Fatal> {
    let display = shown(&root.join(file));
    let bytes = match read_under(root, file) {
        Ok(bytes) => bytes,
        Err(ReadFailure::Refused(e)) => return Ok(Some(FileReport { file: display, issues: vec![e.issue] })),
        Err(ReadFailure::Io(m)) => return Err(Fatal(m)),
    };
    let sig_file = signature::signature_path(file);
    let sig_text = match read_under(root, &sig_file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(ReadFailure::Refused(e)) => {
            return Ok(Some(FileReport { file: shown(&root.join(&sig_file)), issues: vec![e.issue] }))
        }
        Err(ReadFailure::Io(m)) => {
            let issue = signature::missing_signature(file, &m);
            return Ok(Some(FileReport { file: shown(&root.join(&sig_file)), issues: vec![issue] }));
        }
    };
    match signature::verify(file, &bytes, &sig_text, key) {
        Ok(a) => {
            text.push_str(&format!(
                "✓ {display}: 签名有效 signed by {} on {}{}{}\n",
                key.key_id(),
                a.date,
                if a.county.is_empty() { String::new() } else { format!(", {}", a.county) },
                if a.snapshots.is_empty() { String::new() } else { format!(", {}", a.snapshots.join(" ")) },
            ));
            Ok(None)
        }
        Err(issue) => Ok(Some(FileReport { file: shown(&root.join(&sig_file)), issues: vec![issue] })),
    }
}
