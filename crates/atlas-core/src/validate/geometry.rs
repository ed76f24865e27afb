//! The rules of a boundary map and a tile grid that their JSON Schemas cannot express. Whether
//! they cover the townships of the county's snapshots is checked in `check_data_set`.

use super::common;
use super::{rules, Issues};
use crate::codes::{CountyCode, TownshipCode};
use crate::geometry::{BoundaryMap, Geometry, MapDeclaration, Ring, TileGrid};
use crate::report::FileReport;
use std::collections::HashMap;

pub fn check_boundary_map(file: &str, map: &BoundaryMap) -> FileReport {
    let mut out = Issues::new();
    boundary_map_rules(map, &mut out);
    out.finish(file)
}

pub fn check_tile_grid(file: &str, grid: &TileGrid) -> FileReport {
    let mut out = Issues::new();
    tile_grid_rules(grid, &mut out);
    out.finish(file)
}

pub(crate) fn boundary_map_rules(map: &BoundaryMap, out: &mut Issues) {
    common::county_code(&map.county_code, "county_code", out);
    declared(&map.declaration(), out);
    common::not_blank(&map.attribution, "attribution", out);
    let codes = map
        .features
        .iter()
        .enumerate()
        .map(|(i, f)| (&f.properties.code, format!("features[{i}].properties.code")));
    township_codes(codes, &map.county_code, out);
    for (i, feature) in map.features.iter().enumerate() {
        common::not_blank(&feature.properties.name, &format!("features[{i}].properties.name"), out);
        let at = format!("features[{i}].geometry.coordinates");
        match &feature.geometry {
            Geometry::Polygon(rings) => {
                for (r, ring) in rings.iter().enumerate() {
                    check_ring(ring, &format!("{at}[{r}]"), out);
                }
            }
            Geometry::MultiPolygon(polygons) => {
                for (p, rings) in polygons.iter().enumerate() {
                    for (r, ring) in rings.iter().enumerate() {
                        check_ring(ring, &format!("{at}[{p}][{r}]"), out);
                    }
                }
            }
        }
    }
}

pub(crate) fn tile_grid_rules(grid: &TileGrid, out: &mut Issues) {
    common::county_code(&grid.county_code, "county_code", out);
    declared(&grid.declaration(), out);
    let codes = grid.tiles.iter().enumerate().map(|(i, t)| (&t.code, format!("tiles[{i}].code")));
    township_codes(codes, &grid.county_code, out);
    let mut occupied: HashMap<(u32, u32), usize> = HashMap::new();
    for (i, tile) in grid.tiles.iter().enumerate() {
        if let Some(first) = occupied.get(&(tile.row, tile.col)) {
            out.error(
                rules::TILES_OVERLAP,
                format!("tiles[{i}]"),
                format!("第 {} 行第 {} 列已有 tiles[{first}] 的方块", tile.row, tile.col),
                format!("row {} column {} is already taken by tiles[{first}]", tile.row, tile.col),
            );
        } else {
            occupied.insert((tile.row, tile.col), i);
        }
    }
}

fn declared(declaration: &MapDeclaration, out: &mut Issues) {
    if !declaration.is_declared() {
        out.error(
            rules::MAP_NOT_DECLARED,
            "review_number",
            "地图文件须填写审图号 review_number，或声明 \"schematic\": true（示意图）；公开展示的行政区划地图须经审核"
                .to_string(),
            "a geometry file needs its map review number (`review_number`, 审图号) or `\"schematic\": true`; a boundary map shown to the public in China must be approved".to_string(),
        );
    }
}

fn township_codes<'a>(
    codes: impl Iterator<Item = (&'a TownshipCode, String)>,
    county: &CountyCode,
    out: &mut Issues,
) {
    let county = Some(county).filter(|c| c.is_well_formed());
    let mut first_path: HashMap<&str, String> = HashMap::new();
    for (code, path) in codes {
        common::township_code(code, county, &path, out);
        if let Some(first) = first_path.get(code.as_str()) {
            out.error(
                rules::DUPLICATE_TOWNSHIP_CODE,
                path,
                format!("乡镇代码 {code} 与 {first} 重复"),
                format!("township code {code} is already used at {first}"),
            );
        } else {
            first_path.insert(code.as_str(), path);
        }
    }
}

/// RFC 7946 §3.1.6: a linear ring has four or more positions and ends where it starts. Positions
/// are WGS 84 longitude and latitude (§4). One problem per ring is enough to find it.
fn check_ring(ring: &Ring, at: &str, out: &mut Issues) {
    if let Some((k, [lon, lat])) =
        ring.iter().enumerate().find(|(_, [lon, lat])| !(lon.abs() <= 180.0 && lat.abs() <= 90.0))
    {
        out.error(
            rules::OUT_OF_RANGE,
            format!("{at}[{k}]"),
            format!("坐标 [{lon}, {lat}] 超出经度 ±180、纬度 ±90 的范围（应为 WGS 84 经纬度）"),
            format!(
                "position [{lon}, {lat}] is outside longitude ±180 / latitude ±90 (WGS 84 degrees expected)"
            ),
        );
        return;
    }
    let closed = ring.first() == ring.last();
    if ring.len() < 4 || !closed {
        out.error(
            rules::BAD_RING,
            at,
            format!(
                "多边形环须至少 4 个点且首尾相同，此环有 {} 个点{}",
                ring.len(),
                if closed { "" } else { "，首尾不同" }
            ),
            format!(
                "a polygon ring needs at least 4 positions and must end where it starts; this one has {}{}",
                ring.len(),
                if closed { "" } else { " and is not closed" }
            ),
        );
    }
}
