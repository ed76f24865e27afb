//! Reading published files into core types. Every reader takes the file's name (for messages)
//! and its bytes, refuses oversized or absurdly nested input before it can exhaust memory, and
//! returns a [`LoadError`] naming the file, the field and, for syntax errors, line and column.
//!
//! The portal uses these readers directly; `validate` builds on them to collect every problem.

use crate::geometry::{BoundaryMap, TileGrid, GEOMETRY_VERSION};
use crate::manifest::{Manifest, MANIFEST_VERSION};
use crate::report::{Issue, LoadError};
use crate::snapshot::{Snapshot, SCHEMA_VERSION};
use crate::validate::rules;
use serde::de::DeserializeOwned;

/// Largest file any reader accepts. A county snapshot is tens of kilobytes (a few hundred
/// schools); 32 MiB leaves room for boundary maps with fine detail while refusing a 1 GB file
/// before parsing it.
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// What kind of file is being read, for messages and version checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Manifest,
    Snapshot,
    BoundaryMap,
    TileGrid,
    Plan,
}

impl FileKind {
    pub fn supported_version(self) -> u32 {
        match self {
            FileKind::Manifest => MANIFEST_VERSION,
            FileKind::Snapshot => SCHEMA_VERSION,
            FileKind::BoundaryMap | FileKind::TileGrid => GEOMETRY_VERSION,
            FileKind::Plan => crate::plan::PLAN_VERSION,
        }
    }
}

pub fn parse_manifest(file: &str, bytes: &[u8]) -> Result<Manifest, LoadError> {
    parse_versioned(file, bytes, FileKind::Manifest)
}

pub fn parse_snapshot(file: &str, bytes: &[u8]) -> Result<Snapshot, LoadError> {
    parse_versioned(file, bytes, FileKind::Snapshot)
}

pub fn parse_boundary_map(file: &str, bytes: &[u8]) -> Result<BoundaryMap, LoadError> {
    parse_versioned(file, bytes, FileKind::BoundaryMap)
}

pub fn parse_tile_grid(file: &str, bytes: &[u8]) -> Result<TileGrid, LoadError> {
    parse_versioned(file, bytes, FileKind::TileGrid)
}

pub fn parse_plan(file: &str, bytes: &[u8]) -> Result<crate::plan::Plan, LoadError> {
    parse_versioned(file, bytes, FileKind::Plan)
}

/// Parse `bytes` straight into `T` (size-checked, depth-limited), after checking
/// `schema_version`. This is the reader the portal uses, so it avoids building a
/// `serde_json::Value` first (half the memory, and it keeps `serde_path_to_error`'s per-type
/// code out of the wasm); when `T` does not fit, the field is found by [`path_at`] from the
/// error's line and column.
pub fn parse_versioned<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    kind: FileKind,
) -> Result<T, LoadError> {
    let text = json_text(file, bytes)?;
    // Only the version is read here; every other member is skipped without being stored.
    #[derive(serde::Deserialize)]
    struct VersionProbe {
        schema_version: Option<serde_json::Value>,
    }
    let probe: VersionProbe = serde_json::from_slice(text).map_err(|e| syntax_error(file, &e))?;
    let version = serde_json::Value::Object(
        probe.schema_version.into_iter().map(|v| ("schema_version".to_string(), v)).collect(),
    );
    check_version(file, &version, kind)?;
    serde_json::from_slice(text).map_err(|e| {
        let line = e.line() as u64;
        let column = e.column() as u64;
        let path = path_at(text, e.line(), e.column());
        let inner = strip_position(&e.to_string());
        load_error(
            file,
            Issue::error(rules::WRONG_SHAPE, path, format!("字段不符合格式：{inner}"), inner)
                .at(line, column),
        )
    })
}

fn syntax_error(file: &str, e: &serde_json::Error) -> LoadError {
    let (zh, en) = if e.to_string().contains("recursion limit") {
        (
            "嵌套层数过深（超过 128 层），拒绝读取".to_string(),
            format!("nested too deeply (over 128 levels): {e}"),
        )
    } else if e.is_eof() {
        ("文件不完整（可能被截断）".to_string(), format!("the file ends early (truncated?): {e}"))
    } else if e.is_data() {
        // The probe only rejects a document that is not an object at all.
        ("文件顶层必须是一个 JSON 对象".to_string(), format!("the file must be a JSON object: {e}"))
    } else {
        ("不是合法的 JSON".to_string(), format!("not valid JSON: {e}"))
    };
    load_error(file, Issue::error(rules::MALFORMED_JSON, "", zh, en).at(e.line() as u64, e.column() as u64))
}

/// serde_json appends " at line L column C"; the issue carries those separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// The path (`schools[12].stages.primary.students`) of the member being read at 1-based `line`
/// and byte `column` of a JSON text: the keys and indices of the containers open at that point.
/// A light scan (strings, brackets, commas, colons), enough to name the field a typed read
/// stopped at; it does not validate the JSON.
pub fn path_at(text: &[u8], line: usize, column: usize) -> String {
    enum Frame {
        Object { key: Option<String>, expecting_key: bool },
        Array { index: usize },
    }
    // Byte offset of (line, column).
    let mut offset = text.len();
    let mut current_line = 1;
    for (i, b) in text.iter().enumerate() {
        if current_line == line {
            offset = (i + column.saturating_sub(1)).min(text.len());
            break;
        }
        if *b == b'\n' {
            current_line += 1;
        }
    }
    let mut stack: Vec<Frame> = Vec::new();
    let mut i = 0;
    while i < offset {
        match text[i] {
            b'{' => stack.push(Frame::Object { key: None, expecting_key: true }),
            b'[' => stack.push(Frame::Array { index: 0 }),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array { index }) => *index += 1,
                Some(Frame::Object { expecting_key, .. }) => *expecting_key = true,
                None => {}
            },
            b':' => {
                if let Some(Frame::Object { expecting_key, .. }) = stack.last_mut() {
                    *expecting_key = false;
                }
            }
            b'"' => {
                let start = i + 1;
                let mut j = start;
                while j < text.len() && text[j] != b'"' {
                    j += if text[j] == b'\\' { 2 } else { 1 };
                }
                let end = j.min(text.len());
                if let Some(Frame::Object { key, expecting_key: true }) = stack.last_mut() {
                    *key = Some(String::from_utf8_lossy(&text[start..end]).into_owned());
                }
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for frame in &stack {
        match frame {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array { index } => path.push_str(&format!("[{index}]")),
        }
    }
    path
}

/// Syntax only: size limit, UTF-8 (a leading BOM is allowed, as Excel writes one), JSON with
/// serde_json's nesting limit of 128 levels.
pub fn parse_json_value(file: &str, bytes: &[u8]) -> Result<serde_json::Value, LoadError> {
    let text = json_text(file, bytes)?;
    serde_json::from_slice(text).map_err(|e| syntax_error(file, &e))
}

/// The JSON text of a file: within the size limit, without a leading BOM, not empty.
fn json_text<'a>(file: &str, bytes: &'a [u8]) -> Result<&'a [u8], LoadError> {
    check_size(file, bytes.len() as u64)?;
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(load_error(file, Issue::error(rules::EMPTY_FILE, "", "文件为空", "the file is empty")));
    }
    Ok(text)
}

/// Refuse a file before reading it when its declared or actual size is over the limit.
pub fn check_size(file: &str, len: u64) -> Result<(), LoadError> {
    if len > MAX_FILE_BYTES {
        return Err(load_error(
            file,
            Issue::error(
                rules::FILE_TOO_LARGE,
                "",
                format!("文件过大（{} 字节，上限 {} 字节），拒绝读取", len, MAX_FILE_BYTES),
                format!("file too large ({len} bytes; the limit is {MAX_FILE_BYTES} bytes)"),
            ),
        ));
    }
    Ok(())
}

/// `schema_version` must be present and the one this build reads for `kind`.
pub fn check_version(file: &str, value: &serde_json::Value, kind: FileKind) -> Result<(), LoadError> {
    let expected = kind.supported_version();
    match value.get("schema_version") {
        None => Err(load_error(
            file,
            Issue::error(
                rules::MISSING_FIELD,
                "schema_version",
                "缺少必填字段 schema_version",
                "missing required field `schema_version`",
            ),
        )),
        Some(v) if v.as_u64() == Some(expected as u64) => Ok(()),
        Some(v) => Err(load_error(
            file,
            Issue::error(
                rules::UNKNOWN_SCHEMA_VERSION,
                "schema_version",
                format!("不支持的格式版本 {v}，本程序读取版本 {expected}"),
                format!("unsupported schema version {v}; this build reads version {expected}"),
            ),
        )),
    }
}

/// Map a parsed value onto `T`, naming the field that does not fit.
pub fn from_value<T: DeserializeOwned>(file: &str, value: serde_json::Value) -> Result<T, LoadError> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = display_path(e.path());
        let inner = e.into_inner().to_string();
        load_error(file, Issue::error(rules::WRONG_SHAPE, path, format!("字段不符合格式：{inner}"), inner))
    })
}

/// `schools[12].stages.primary` rather than serde_path_to_error's `schools.12.stages.primary`.
fn display_path(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = String::new();
    for seg in path.iter() {
        match seg {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Unknown => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push('?');
            }
        }
    }
    out
}

fn load_error(file: &str, issue: Issue) -> LoadError {
    LoadError { file: file.to_string(), issue }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syntax_errors_give_line_and_column() {
        let err = parse_snapshot("a.json", b"{\n  \"schema_version\": 1,\n  oops\n}").unwrap_err();
        assert_eq!(err.issue.rule, "malformed_json");
        assert_eq!((err.issue.line, err.issue.column), (Some(3), Some(3)));
        assert!(err.to_string().starts_with("a.json:3:3: error[malformed_json]"));
    }

    #[test]
    fn truncated_file_says_so() {
        let err = parse_snapshot("a.json", b"{\"schema_version\": 1, \"meta\": {").unwrap_err();
        assert!(err.issue.message_en.contains("truncated"), "{err}");
    }

    #[test]
    fn unknown_version_is_refused_before_the_shape_is_checked() {
        let err = parse_snapshot("a.json", b"{\"schema_version\": 2}").unwrap_err();
        assert_eq!(err.issue.rule, "unknown_schema_version");
        assert_eq!(err.issue.path, "schema_version");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let err = parse_snapshot("deep.json", deep.as_bytes()).unwrap_err();
        assert!(err.issue.message_en.contains("nested too deeply"), "{err}");
    }

    #[test]
    fn oversized_input_is_refused_by_length() {
        let err = check_size("big.json", 1 << 30).unwrap_err();
        assert_eq!(err.issue.rule, "file_too_large");
    }

    #[test]
    fn path_at_names_the_open_containers() {
        let text =
            b"{\"schools\": [\n {\"id\": \"a\"},\n {\"stages\": {\"primary\": {\"students\": -3}}}\n]}";
        // Line 3 is ` {"stages": {"primary": {"students": -3}}}`; byte column 40 is just after `-3`.
        assert_eq!(path_at(text, 3, 40), "schools[1].stages.primary.students");
        assert_eq!(path_at(text, 2, 9), "schools[0].id");
        assert_eq!(path_at(b"{\"a\\\"b\": [1, 2, 3]}", 1, 17), "a\\\"b[2]");
    }

    #[test]
    fn a_negative_count_is_named_in_a_snapshot() {
        let text = "{\"schema_version\":1,\"counties\":[{\"code\":\"530426\",\"name\":\"x\",\"snapshots\":[{\"id\":\"a\",\"school_year\":\"2024-2025\",\"as_of\":\"2024-09-30\",\"published\":\"2025-03-01\",\"schema_version\":1,\"path\":\"p\",\"bytes\":-5,\"sha256\":\"0\",\"sample\":true}]}]}";
        let err = parse_manifest("manifest.json", text.as_bytes()).unwrap_err();
        assert_eq!(err.issue.path, "counties[0].snapshots[0].bytes");
        assert!(err.issue.message_en.contains("-5"), "{err}");
        assert_eq!(err.issue.line, Some(1));
    }

    #[test]
    fn a_wrong_type_names_the_field() {
        let text = r#"{"schema_version":1,"counties":[{"code":"530426","name":"x","snapshots":[{"id":"a","school_year":"2024-2025","as_of":"2024-09-30","published":"2025-03-01","schema_version":1,"path":"p","bytes":"many","sha256":"0","sample":true}]}]}"#;
        let err = parse_manifest("manifest.json", text.as_bytes()).unwrap_err();
        assert_eq!(err.issue.path, "counties[0].snapshots[0].bytes");
    }
}
