//! File access with the size limit applied before reading, data-folder walking and writing.

use crate::Fatal;
use atlas_core::load::{check_size, MAX_FILE_BYTES};
use atlas_core::report::{FileReport, Issue};
use atlas_core::validate::rules;
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
    read_up_to(path, display, MAX_FILE_BYTES, |file, len| check_size(file, len).map_err(Box::new))
}

/// Read an import input (a CSV file or a workbook), which may be larger than a published file:
/// up to [`atlas_core::tables::MAX_INPUT_BYTES`].
pub fn read_input(path: &Path, display: &str) -> Result<Vec<u8>, ReadFailure> {
    read_up_to(path, display, atlas_core::tables::MAX_INPUT_BYTES, |file, len| {
        if len > atlas_core::tables::MAX_INPUT_BYTES {
            Err(Box::new(LoadError {
                file: file.to_string(),
                issue: Issue::error(
                    atlas_core::validate::rules::FILE_TOO_LARGE,
                    "",
                    format!(
                        "文件过大（{len} 字节，上限 {} 字节），拒绝读取",
                        atlas_core::tables::MAX_INPUT_BYTES
                    ),
                    format!(
                        "file too large ({len} bytes; the limit is {} bytes)",
                        atlas_core::tables::MAX_INPUT_BYTES
                    ),
                ),
            }))
        } else {
            Ok(())
        }
    })
}

fn read_up_to(
    path: &Path,
    display: &str,
    limit: u64,
    check_size: impl Fn(&str, u64) -> Result<(), Box<LoadError>>,
) -> Result<Vec<u8>, ReadFailure> {
    let metadata = fs::metadata(path).map_err(|e| ReadFailure::Io(format!("{}: {e}", path.display())))?;
    if !metadata.is_file() {
        return Err(ReadFailure::Io(format!("{}: 不是普通文件 not a regular file", path.display())));
    }
    check_size(display, metadata.len()).map_err(ReadFailure::Refused)?;
    let file = fs::File::open(path).map_err(|e| ReadFailure::Io(format!("{}: {e}", path.display())))?;
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadFailure::Io(format!("{}: {e}", path.display())))?;
    check_size(display, bytes.len() as u64).map_err(ReadFailure::Refused)?;
    Ok(bytes)
}

/// Read `relative` (a `/`-separated path from a manifest) under `root`, refusing paths that could
/// leave the data folder (absolute, `..`, a symbolic link leading outside it).
pub fn read_under(root: &Path, relative: &str) -> Result<Vec<u8>, ReadFailure> {
    let rel = Path::new(relative);
    if relative.is_empty() || !rel.components().all(|c| matches!(c, Component::Normal(_))) {
        return Err(ReadFailure::Io(format!(
            "路径“{relative}”不在数据目录内 the path `{relative}` is not inside the data folder"
        )));
    }
    let path = root.join(rel);
    let inside = Inside::of(root).map_err(ReadFailure::Io)?;
    if let Some(issue) = inside.escape_of(&path) {
        return Err(ReadFailure::Refused(Box::new(LoadError { file: relative.to_string(), issue })));
    }
    read_limited(&path, relative)
}

/// What walking a data folder found: its data files, and the links it refused to follow.
pub struct DataFolder {
    /// Every `.json` and `.geojson` file, as sorted `/`-separated paths relative to the root.
    pub files: Vec<String>,
    /// A symbolic link to a folder, or to a file outside the data folder: publishing it would
    /// publish what the folder does not hold (and a mirror of the folder would not have it).
    pub refused: Vec<FileReport>,
}

/// Every `.json` and `.geojson` file under `root` (recursively, hidden entries skipped), and the
/// symbolic links that are refused: any link to a folder, and a data file's link that leads
/// outside `root`. A link to a file inside `root` is read like the file.
pub fn data_files_under(root: &Path) -> Result<DataFolder, Fatal> {
    let inside = Inside::of(root).map_err(Fatal)?;
    let mut found = DataFolder { files: Vec::new(), refused: Vec::new() };
    walk(root, root, &inside, &mut found)?;
    found.files.sort();
    found.refused.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(found)
}

fn is_data_file_name(name: &str) -> bool {
    name.ends_with(".json") || name.ends_with(".geojson")
}

fn walk(root: &Path, dir: &Path, inside: &Inside, found: &mut DataFolder) -> Result<(), Fatal> {
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
        // `file_type` does not follow links: a link is seen as a link.
        let file_type = entry.file_type().map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
        if file_type.is_symlink() {
            let leads_to_folder = fs::metadata(&path).map(|m| m.is_dir()).unwrap_or(false);
            let issue = if leads_to_folder {
                Some(symlinked_folder(&path))
            } else if is_data_file_name(name) {
                inside.escape_of(&path)
            } else {
                None
            };
            match issue {
                Some(issue) => found.refused.push(FileReport { file: shown(&path), issues: vec![issue] }),
                None if is_data_file_name(name) => push_relative(root, &path, found),
                None => {}
            }
        } else if file_type.is_dir() {
            walk(root, &path, inside, found)?;
        } else if is_data_file_name(name) {
            push_relative(root, &path, found);
        }
    }
    Ok(())
}

fn push_relative(root: &Path, path: &Path, found: &mut DataFolder) {
    if let Some(rel) = relative_slash_path(root, path) {
        found.files.push(rel);
    }
}

fn symlinked_folder(path: &Path) -> Issue {
    let target = fs::read_link(path).map(|t| shown(&t)).unwrap_or_default();
    Issue::error(
        rules::SYMLINKED_FOLDER,
        "",
        format!("这是指向文件夹“{target}”的符号链接；数据目录里的文件夹必须是真实的文件夹（请把文件复制进来）"),
        format!(
            "this is a symbolic link to the folder `{target}`; folders in the data folder must be real folders (copy the files in)"
        ),
    )
}

/// The data folder's real location, to tell whether a symbolic link leads out of it.
struct Inside {
    root: PathBuf,
}

impl Inside {
    fn of(root: &Path) -> Result<Self, String> {
        let root = fs::canonicalize(root).map_err(|e| format!("{}: {e}", root.display()))?;
        Ok(Inside { root })
    }

    /// The problem with reading `path` as a file of the data folder, if it leads out of the
    /// folder through a symbolic link (the file itself or a folder on the way), or is a link to
    /// nothing; `None` for anything else (a missing plain file is left to the read to report).
    fn escape_of(&self, path: &Path) -> Option<Issue> {
        let is_link = fs::symlink_metadata(path).map(|m| m.file_type().is_symlink()).unwrap_or(false);
        match fs::canonicalize(path) {
            Ok(real) if real.starts_with(&self.root) => None,
            Ok(real) => Some(Issue::error(
                rules::SYMLINK_OUTSIDE_FOLDER,
                "",
                format!("经符号链接指向数据目录之外的“{}”，拒绝读取（请把文件复制进数据目录）", real.display()),
                format!(
                    "leads through a symbolic link to `{}`, outside the data folder: refused (copy the file into the data folder)",
                    real.display()
                ),
            )),
            Err(e) if is_link => Some(Issue::error(
                rules::SYMLINK_OUTSIDE_FOLDER,
                "",
                format!("这是一个符号链接，其目标无法读取（{e}），拒绝读取"),
                format!("this is a symbolic link whose target cannot be read ({e}): refused"),
            )),
            Err(_) => None,
        }
    }
}

/// Refuse a `manifest.json` that is a symbolic link leading out of the data folder: publishing
/// would read another folder's manifest.
pub fn manifest_escape(root: &Path, manifest: &Path) -> Result<Option<Issue>, Fatal> {
    Ok(Inside::of(root).map_err(Fatal)?.escape_of(manifest))
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
        // A stale temporary file, or a link planted under its name, is removed (removing a
        // link removes the link, not its target) and the file is created anew, never opened
        // through a link: nothing is written outside the folder.
        match fs::remove_file(&tmp) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
        let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
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
