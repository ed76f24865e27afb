//! Township geometry: a GeoJSON boundary map and a tile-grid layout, both keyed by township code.
//!
//! In China a boundary map shown to the public needs an approved map review number (审图号); a
//! schematic map must say that it is one. So every geometry file declares either
//! `review_number` or `schematic: true`, and the portal prints [`MapDeclaration::notice_zh`]
//! under every map.

use crate::codes::{CountyCode, TownshipCode};
use serde::{Deserialize, Serialize};

/// Geometry format version this build reads and writes.
pub const GEOMETRY_VERSION: u32 = 1;

/// A GeoJSON FeatureCollection (RFC 7946) of township boundaries, with Edu Atlas's foreign
/// members `county_code`, `review_number`, `schematic` and `attribution` at the top level.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BoundaryMap {
    /// Always `FeatureCollection`.
    #[serde(rename = "type")]
    pub kind: FeatureCollectionTag,
    /// Format version of the Edu Atlas members; must be 1.
    pub schema_version: u32,
    pub county_code: CountyCode,
    /// Approved map review number (审图号), e.g. `GS(2024)1234号`. Required unless `schematic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_number: Option<String>,
    /// True when the shapes are schematic (示意图) and do not show real boundaries.
    #[serde(default)]
    pub schematic: bool,
    /// Where the boundaries come from.
    pub attribution: String,
    pub features: Vec<Feature>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum FeatureCollectionTag {
    FeatureCollection,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum FeatureTag {
    Feature,
}

/// What a map is, legally: an approved boundary map or a schematic.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MapDeclaration {
    pub review_number: Option<String>,
    pub schematic: bool,
}

impl BoundaryMap {
    pub fn declaration(&self) -> MapDeclaration {
        MapDeclaration { review_number: self.review_number.clone(), schematic: self.schematic }
    }
}

impl TileGrid {
    pub fn declaration(&self) -> MapDeclaration {
        MapDeclaration { review_number: self.review_number.clone(), schematic: self.schematic }
    }
}

impl MapDeclaration {
    /// Whether the file says what kind of map it is (one of the two is required).
    pub fn is_declared(&self) -> bool {
        self.schematic || self.review_number.as_deref().is_some_and(|r| !r.trim().is_empty())
    }

    /// The line printed under the map.
    pub fn notice_zh(&self) -> String {
        match (&self.review_number, self.schematic) {
            (Some(r), _) if !r.trim().is_empty() => format!("审图号：{}", r.trim()),
            (_, true) => "示意图：形状与位置仅示意，不代表实际行政区划界线".to_string(),
            _ => "未声明审图号，不得作为地图公开使用".to_string(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Feature {
    /// Always `Feature`.
    #[serde(rename = "type")]
    pub kind: FeatureTag,
    pub properties: FeatureProperties,
    pub geometry: Geometry,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FeatureProperties {
    /// Township code; joins the shape to the snapshot's township.
    pub code: TownshipCode,
    /// Township name, for people reading the file.
    pub name: String,
}

/// A ring is a closed list of `[lon, lat]` positions.
pub type Ring = Vec<[f64; 2]>;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", content = "coordinates")]
pub enum Geometry {
    Polygon(Vec<Ring>),
    MultiPolygon(Vec<Vec<Ring>>),
}

impl Geometry {
    pub fn positions(&self) -> Box<dyn Iterator<Item = &[f64; 2]> + '_> {
        match self {
            Geometry::Polygon(rings) => Box::new(rings.iter().flatten()),
            Geometry::MultiPolygon(polys) => Box::new(polys.iter().flatten().flatten()),
        }
    }
}

/// A tile-grid layout: one equal square per township, placed roughly where the township lies.
/// It needs no boundaries and gives small townships the same visual weight as large ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TileGrid {
    /// Format version; must be 1.
    pub schema_version: u32,
    pub county_code: CountyCode,
    /// Map review number (审图号), if the layout was ever reviewed. Required unless `schematic`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_number: Option<String>,
    /// True for a schematic layout; a tile grid normally is one.
    #[serde(default)]
    pub schematic: bool,
    pub tiles: Vec<Tile>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Tile {
    pub code: TownshipCode,
    /// Row from the top, starting at 0.
    pub row: u32,
    /// Column from the left, starting at 0.
    pub col: u32,
}

impl TileGrid {
    /// The grid as GeoJSON squares (unit squares, row 0 at the top), so one map renderer draws
    /// both layouts. Names come from `name_of`, usually the snapshot's township names.
    pub fn to_boundary_map(&self, name_of: impl Fn(&TownshipCode) -> String) -> BoundaryMap {
        let features = self
            .tiles
            .iter()
            .map(|t| {
                // 0.06 gap so neighbouring tiles read as separate squares.
                let (x0, x1) = (t.col as f64 + 0.03, t.col as f64 + 0.97);
                let (y0, y1) = (-(t.row as f64) - 0.97, -(t.row as f64) - 0.03);
                Feature {
                    kind: FeatureTag::Feature,
                    properties: FeatureProperties { code: t.code.clone(), name: name_of(&t.code) },
                    geometry: Geometry::Polygon(vec![vec![[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]),
                }
            })
            .collect();
        BoundaryMap {
            kind: FeatureCollectionTag::FeatureCollection,
            schema_version: GEOMETRY_VERSION,
            county_code: self.county_code.clone(),
            review_number: self.review_number.clone(),
            schematic: self.schematic,
            attribution: "Edu Atlas tile grid".into(),
            features,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_map_must_say_what_it_is() {
        let none = MapDeclaration::default();
        assert!(!none.is_declared());
        let schematic = MapDeclaration { review_number: None, schematic: true };
        assert!(schematic.is_declared());
        assert!(schematic.notice_zh().starts_with("示意图"));
        let approved = MapDeclaration { review_number: Some("云S(2023)56号".into()), schematic: false };
        assert_eq!(approved.notice_zh(), "审图号：云S(2023)56号");
        let blank = MapDeclaration { review_number: Some("  ".into()), schematic: false };
        assert!(!blank.is_declared());
    }

    #[test]
    fn geojson_round_trips_with_foreign_members() {
        let text = r#"{"type":"FeatureCollection","schema_version":1,"county_code":"530426","schematic":true,
            "attribution":"sample","features":[{"type":"Feature","properties":{"code":"530426001","name":"双江街道"},
            "geometry":{"type":"Polygon","coordinates":[[[102.4,24.1],[102.5,24.1],[102.5,24.2],[102.4,24.1]]]}}]}"#;
        let map: BoundaryMap = serde_json::from_str(text).unwrap();
        assert!(map.declaration().schematic);
        assert_eq!(map.features[0].properties.code.as_str(), "530426001");
        assert_eq!(map.features[0].geometry.positions().count(), 4);
    }

    #[test]
    fn tiles_become_unit_squares_row_zero_on_top() {
        let grid = TileGrid {
            schema_version: 1,
            county_code: CountyCode("530426".into()),
            review_number: None,
            schematic: true,
            tiles: vec![Tile { code: "530426001".into(), row: 1, col: 2 }],
        };
        let map = grid.to_boundary_map(|_| "双江街道".into());
        let Geometry::Polygon(rings) = &map.features[0].geometry else { panic!("polygon expected") };
        assert_eq!(rings[0][0], [2.03, -1.97]);
        assert_eq!(map.features[0].properties.name, "双江街道");
    }
}
