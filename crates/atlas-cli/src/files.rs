//! File access with the size limit applied before reading, data-folder walking and writing.

use crate::Fatal;
use atlas_core::load::{check_size, MAX_FILE_BYTES};
use atlas_core::LoadError;
use std::fs;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadFailure {
    /// Refused as a data problem (too large): reported like a validation error, exit code 1.
    Refused(Box<LoadError>),
    /// Missing, unreadable, not a file: exit code 2.
    Io(String),
}

impl From<ReadFailure> for Fatal {
    fn from(f: ReadFailure) -> Self {
        match f {
            ReadFailure::Refused(e) => Fatal(e.to_string()),
            ReadFailure::Io(m) => Fatal(m),
        }
    }
}

/// Read a file of at most [`MAX_FILE_BYTES`]. The size in the file's metadata is checked before
/// any byte is read, so a 1 GB file is refused without touching its contents; reading is then
/// capped at the limit + 1 byte, for files whose metadata does not tell the truth (a growing file,
/// a device).
pub fn read_limited(path: &Path, display: &str) -> Result<Vec<u8>, ReadFailure> {
    let metadata = fs::metadata(path).map_err(|e| ReadFailure::Io(format!("{}: {e}", path.display())))?;
    if !metadata.is_file() {
        return Err(ReadFailure::Io(format!("{}: 不是普通文件 not a regular file", path.display())));
    }
    check_size(display, metadata.len()).map_err(|e| ReadFailure::Refused(Box::new(e)))?;
    let file = fs::File::open(path).map_err(|e| ReadFailure::Io(format!("{}: {e}", path.display())))?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadFailure::Io(format!("{}: {e}", path.display())))?;
    check_size(display, bytes.len() as u64).map_err(|e| ReadFailure::Refused(Box::new(e)))?;
    Ok(bytes)
}

/// Read `relative` (a `/`-separated path from a manifest) under `root`, refusing paths that could
/// leave the data folder (absolute, `..`).
pub fn read_under(root: &Path, relative: &str) -> Result<Vec<u8>, ReadFailure> {
    let rel = Path::new(relative);
    if relative.is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(ReadFailure::Io(format!(
            "路径“{relative}”不在数据目录内 the path `{relative}` is not inside the data folder"
        )));
    }
    read_limited(&root.join(rel), relative)
}

/// Every `.json` and `.geojson` file under `root` (recursively, hidden entries skipped), as
/// sorted `/`-separated paths relative to `root`.
pub fn data_files_under(root: &Path) -> Result<Vec<String>, Fatal> {
    let mut out = Vec::new();
    walk(root, root, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<(), Fatal> {
    let entries = fs::read_dir(dir).map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
    for entry in entries {
        let entry = entry.map_err(|e| Fatal(format!("{}: {e}", dir.display())))?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            // Data paths are ASCII by the layout; anything else is not ours to publish.
            continue;
        };
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let file_type = entry.file_type().map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
        if file_type.is_dir() {
            walk(root, &path, out)?;
        } else if name.ends_with(".json") || name.ends_with(".geojson") {
            if let Some(rel) = relative_slash_path(root, &path) {
                out.push(rel);
            }
        }
    }
    Ok(())
}

/// `root/530426/2024-2025.json` → `530426/2024-2025.json`.
pub fn relative_slash_path(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    Some(parts?.join("/"))
}

/// Write a file through a temporary file in the same folder and a rename, so a reader (or a crash)
/// never sees half a manifest.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("atlas-output");
    let tmp: PathBuf = dir.join(format!(".{name}.atlas-tmp"));
    let result = (|| -> std::io::Result<()> {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&tmp, path)
    })();
    result.map_err(|e| {
        let _ = fs::remove_file(&tmp);
        Fatal(format!("{}: {e}", path.display()))
    })
}

/// A path as printed in messages.
pub fn shown(path: &Path) -> String {
    path.display().to_string()
}
