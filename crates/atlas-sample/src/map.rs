//! Schematic township maps: Voronoi cells of approximate township centres, clipped to a convex
//! county outline, and a tile grid. Neither shows real boundaries (a boundary map shown to the
//! public in China needs an approved 审图号), so both files say `schematic: true`.

use crate::roster::{round_to, TownshipSpec};
use atlas_core::geometry::{
    BoundaryMap, Feature, FeatureCollectionTag, FeatureProperties, FeatureTag, Geometry, Tile, TileGrid,
    GEOMETRY_VERSION,
};
use atlas_core::{CountyCode, TownshipCode};

/// Longitude degrees are shorter than latitude degrees away from the equator; cells are computed
/// in a plane where both are the same length at the county's latitude, so bisectors are fair.
struct LocalPlane {
    lon_scale: f64,
}

impl LocalPlane {
    fn at_latitude(lat: f64) -> Self {
        LocalPlane { lon_scale: lat.to_radians().cos() }
    }
    fn to_plane(&self, p: [f64; 2]) -> [f64; 2] {
        [p[0] * self.lon_scale, p[1]]
    }
    fn to_lon_lat(&self, p: [f64; 2]) -> [f64; 2] {
        [p[0] / self.lon_scale, p[1]]
    }
}

/// Keep the part of convex polygon `poly` at least as close to `site` as to `other`
/// (Sutherland–Hodgman clipping by the perpendicular bisector's half-plane).
fn clip_closer_to(poly: &[[f64; 2]], site: [f64; 2], other: [f64; 2]) -> Vec<[f64; 2]> {
    let normal = [other[0] - site[0], other[1] - site[1]];
    let mid = [(site[0] + other[0]) / 2.0, (site[1] + other[1]) / 2.0];
    // Negative or zero: on `site`'s side of the bisector.
    let side = |p: [f64; 2]| (p[0] - mid[0]) * normal[0] + (p[1] - mid[1]) * normal[1];
    let mut out = Vec::new();
    for (i, &current) in poly.iter().enumerate() {
        let previous = poly[(i + poly.len() - 1) % poly.len()];
        let (sc, sp) = (side(current), side(previous));
        if (sc <= 0.0) != (sp <= 0.0) {
            let t = sp / (sp - sc);
            out.push([
                previous[0] + t * (current[0] - previous[0]),
                previous[1] + t * (current[1] - previous[1]),
            ]);
        }
        if sc <= 0.0 {
            out.push(current);
        }
    }
    out
}

/// The Voronoi cell of each site inside the convex `outline` (counter-clockwise, unclosed),
/// in the same order as `sites`. Cells are convex and counter-clockwise, like the outline.
pub fn voronoi_cells(outline: &[[f64; 2]], sites: &[[f64; 2]]) -> Vec<Vec<[f64; 2]>> {
    let mean_lat = sites.iter().map(|s| s[1]).sum::<f64>() / sites.len().max(1) as f64;
    let plane = LocalPlane::at_latitude(mean_lat);
    let outline: Vec<[f64; 2]> = outline.iter().map(|&p| plane.to_plane(p)).collect();
    let sites: Vec<[f64; 2]> = sites.iter().map(|&p| plane.to_plane(p)).collect();
    sites
        .iter()
        .enumerate()
        .map(|(i, &site)| {
            let cell = sites
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != i)
                .fold(outline.clone(), |cell, (_, &other)| clip_closer_to(&cell, site, other));
            cell.into_iter().map(|p| plane.to_lon_lat(p)).collect()
        })
        .collect()
}

/// Twice the signed area: positive for a counter-clockwise ring.
pub fn signed_area2(ring: &[[f64; 2]]) -> f64 {
    (0..ring.len())
        .map(|i| {
            let (a, b) = (ring[i], ring[(i + 1) % ring.len()]);
            a[0] * b[1] - b[0] * a[1]
        })
        .sum()
}

/// Whether `p` lies inside the convex counter-clockwise polygon `poly` (unclosed).
pub fn inside_convex(poly: &[[f64; 2]], p: [f64; 2]) -> bool {
    (0..poly.len()).all(|i| {
        let (a, b) = (poly[i], poly[(i + 1) % poly.len()]);
        (b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]) >= 0.0
    })
}

pub fn boundary_map(county: &CountyCode, outline: &[[f64; 2]], townships: &[TownshipSpec]) -> BoundaryMap {
    let sites: Vec<[f64; 2]> = townships.iter().map(|t| t.centre).collect();
    let features = townships
        .iter()
        .zip(voronoi_cells(outline, &sites))
        .map(|(t, cell)| {
            // Four decimals (about 10 m) is far finer than a schematic needs and keeps the file small.
            let mut ring: Vec<[f64; 2]> =
                cell.iter().map(|p| [round_to(p[0], 4), round_to(p[1], 4)]).collect();
            ring.dedup();
            if let Some(&first) = ring.first() {
                ring.push(first);
            }
            Feature {
                kind: FeatureTag::Feature,
                properties: FeatureProperties {
                    code: TownshipCode(t.code.to_string()),
                    name: t.name.to_string(),
                },
                geometry: Geometry::Polygon(vec![ring]),
            }
        })
        .collect();
    BoundaryMap {
        kind: FeatureCollectionTag::FeatureCollection,
        schema_version: GEOMETRY_VERSION,
        county_code: county.clone(),
        review_number: None,
        schematic: true,
        attribution: "示意图（示例数据）：按各乡镇（街道）大致中心位置生成的泰森多边形，\
不代表实际行政区划界线，仅供演示"
            .to_string(),
        features,
    }
}

pub fn tile_grid(county: &CountyCode, townships: &[TownshipSpec]) -> TileGrid {
    TileGrid {
        schema_version: GEOMETRY_VERSION,
        county_code: county.clone(),
        review_number: None,
        schematic: true,
        tiles: townships
            .iter()
            .map(|t| Tile { code: TownshipCode(t.code.to_string()), row: t.tile.0, col: t.tile.1 })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_sites_split_a_square_down_the_middle() {
        // Sites at the equator (no longitude scaling): the bisector of (0.25, 0.5) and
        // (0.75, 0.5) is x = 0.5, so each gets half of the unit square.
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
        let cells = voronoi_cells(&square, &[[0.25, 0.0], [0.75, 0.0]]);
        assert_eq!(cells[0], vec![[0.0, 0.0], [0.5, 0.0], [0.5, 1.0], [0.0, 1.0]]);
        assert!((signed_area2(&cells[1]) - 1.0).abs() < 1e-12, "half of twice the unit area");
    }

    #[test]
    fn inside_means_inside() {
        let square = [[0.0, 0.0], [1.0, 0.0], [1.0, 1.0], [0.0, 1.0]];
        assert!(inside_convex(&square, [0.5, 0.5]));
        assert!(!inside_convex(&square, [1.5, 0.5]));
    }
}
