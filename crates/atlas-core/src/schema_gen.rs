//! JSON Schemas (draft 2020-12) of the published file kinds, generated from the Rust types with
//! schemars, so the schema and the reader cannot disagree. `schemas/*.schema.json` are these,
//! checked in for people and other tools; a test fails when they are stale
//! (`ATLAS_BLESS=1 cargo test -p atlas-core --features schema` rewrites them). Validation uses
//! them for its structural pass (see [`crate::validate`]).

use crate::load::FileKind;
use schemars::generate::SchemaSettings;
use serde_json::{json, Map, Value};

/// Each file kind with a schema, and its file name under `schemas/`.
pub const SCHEMA_FILES: &[(FileKind, &str)] = &[
    (FileKind::Manifest, "manifest.schema.json"),
    (FileKind::Snapshot, "snapshot.schema.json"),
    (FileKind::BoundaryMap, "boundaries.schema.json"),
    (FileKind::TileGrid, "tile-grid.schema.json"),
    (FileKind::Plan, "plan.schema.json"),
];

/// The schema of `kind`. (An `Option` so a new file kind can be added before its schema.)
pub fn schema_for(kind: FileKind) -> Option<Value> {
    let generator = SchemaSettings::draft2020_12().for_deserialize().into_generator();
    let (schema, title) = match kind {
        FileKind::Manifest => (
            generator.into_root_schema_for::<crate::manifest::Manifest>(),
            "Edu Atlas manifest (数据清单) v1",
        ),
        FileKind::Snapshot => (
            generator.into_root_schema_for::<crate::snapshot::Snapshot>(),
            "Edu Atlas snapshot (县域教育数据快照) v1",
        ),
        FileKind::BoundaryMap => (
            generator.into_root_schema_for::<crate::geometry::BoundaryMap>(),
            "Edu Atlas township boundary map (乡镇边界地图, GeoJSON) v1",
        ),
        FileKind::TileGrid => (
            generator.into_root_schema_for::<crate::geometry::TileGrid>(),
            "Edu Atlas township tile grid (乡镇方块图) v1",
        ),
        FileKind::Plan => {
            (generator.into_root_schema_for::<crate::plan::Plan>(), "Edu Atlas plan targets (规划目标) v1")
        }
    };
    let mut value = schema.to_value();
    finish(&mut value, kind, title);
    Some(value)
}

/// The schema as checked in: two-space pretty JSON with keys sorted and a final newline, the same
/// bytes whatever order the generator produced them in.
pub fn schema_text(kind: FileKind) -> Option<String> {
    let value = sorted(schema_for(kind)?);
    let mut text = serde_json::to_string_pretty(&value).ok()?;
    text.push('\n');
    Some(text)
}

/// Additions the types cannot say through schemars attributes.
fn finish(schema: &mut Value, kind: FileKind, title: &str) {
    if let Some(root) = schema.as_object_mut() {
        root.insert("title".into(), json!(title));
        // The version check happens before the shape check, but the schema should still say
        // which version it describes.
        if let Some(version) = root.get_mut("properties").and_then(|p| p.get_mut("schema_version")) {
            let description = version.get("description").cloned().unwrap_or(Value::Null);
            let mut exact = Map::new();
            exact.insert("const".into(), json!(kind.supported_version()));
            if !description.is_null() {
                exact.insert("description".into(), description);
            }
            *version = Value::Object(exact);
        }
    }
    bound_unsigned(schema);
}

/// schemars marks `u32` fields with `minimum: 0` but no maximum; the reader refuses anything
/// above `u32::MAX`, so the schema says so too and the error names the field.
fn bound_unsigned(schema: &mut Value) {
    match schema {
        Value::Object(map) => {
            if map.get("format").and_then(Value::as_str) == Some("uint32") && !map.contains_key("maximum") {
                map.insert("maximum".into(), json!(u32::MAX));
            }
            map.values_mut().for_each(bound_unsigned);
        }
        Value::Array(items) => items.iter_mut().for_each(bound_unsigned),
        _ => {}
    }
}

/// Object keys in sorted order at every level (serde_json keeps insertion order when some crate
/// in the build turns on its `preserve_order` feature).
fn sorted(value: Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = map.into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Value::Object(entries.into_iter().map(|(k, v)| (k, sorted(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(sorted).collect()),
        other => other,
    }
}
