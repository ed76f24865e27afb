//! Chart options, built with charming and finished as JSON. Pages ask for "a ranked bar of these
//! townships" or "a choropleth of this map"; only this file knows what ECharts wants.
//!
//! charming builds the parts (grid, axes, tooltip, series, reference lines). Data items are
//! written as JSON here because each carries fields charming has no place for: `code` (the
//! township code a click reports), `label` (map label) and `tip` (the tooltip as plain text,
//! escaped in js/charts.mjs). charming 0.6's `Map` series has no options at all, so the map
//! series is JSON too.

use super::palette;
use crate::i18n::lang;
use atlas_core::format::{format_number, format_value, Unit};
use charming::component::{Axis, Grid};
use charming::element::{
    AxisLabel, AxisType, Label, LabelPosition, LineStyle, LineStyleType, MarkLine, MarkLineData,
    MarkLineVariant, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Heatmap, Line, Scatter};
use serde_json::{json, Value};
use std::sync::Arc;

/// A chart ready to draw: its ECharts option, the map shape it needs (if any), its height.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSpec {
    pub option: Value,
    pub map: Option<MapShape>,
    pub height_px: u32,
}

impl ChartSpec {
    pub fn option_json(&self) -> String {
        self.option.to_string()
    }
}

/// A GeoJSON FeatureCollection registered with ECharts under `name`.
#[derive(Clone, Debug, PartialEq)]
pub struct MapShape {
    pub name: String,
    pub geojson: Arc<str>,
}

/// One category of a bar or map: a township, a group, a school.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub code: String,
    pub label: String,
    pub value: Option<f64>,
    /// Tooltip, plain text; `\n` separates lines.
    pub tip: String,
    pub color: &'static str,
}

/// A vertical (bars) or horizontal (lines) reference: the county value, the standard, a target.
#[derive(Clone, Debug, PartialEq)]
pub struct RefLine {
    pub label: String,
    pub value: f64,
    pub style: RefStyle,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RefStyle {
    County,
    Standard,
}

/// Serialise one charming part; its plain structs cannot fail to serialise (an empty object
/// would draw nothing rather than break the page).
fn part<T: serde::Serialize>(part: T) -> Value {
    serde_json::to_value(part).unwrap_or_else(|_| json!({}))
}

/// Room above the plot for a one-row legend (top 0, about 24 px) and, under it, the value
/// axis's name, which ECharts draws above the axis: less and the two overlap.
const GRID_TOP_WITH_LEGEND: i32 = 60;

/// An option from charming parts. Each part is serialised on its own rather than through
/// `charming::Chart`: Chart's serialiser covers every component and series type ECharts has
/// and added about 20 KB (brotli) of wasm that no chart here uses.
fn frame(grid: Option<Grid>, x_axis: Option<Axis>, y_axis: Option<Axis>, series: Vec<Value>) -> Value {
    let mut option = json!({ "tooltip": part(Tooltip::new().trigger(Trigger::Item)), "series": series });
    if let Some(g) = grid {
        option["grid"] = part(g);
    }
    if let Some(x) = x_axis {
        option["xAxis"] = part(x);
    }
    if let Some(y) = y_axis {
        option["yAxis"] = part(y);
    }
    option
}

fn mark_lines(refs: &[RefLine], axis_x: bool) -> Option<MarkLine> {
    if refs.is_empty() {
        return None;
    }
    let data: Vec<MarkLineVariant> = refs
        .iter()
        .map(|r| {
            let d = MarkLineData::new().name(r.label.clone()).label(
                Label::new().formatter(r.label.as_str()).position(LabelPosition::InsideEndTop).color(match r
                    .style
                {
                    RefStyle::County => palette::REF_COUNTY,
                    RefStyle::Standard => palette::REF_STANDARD,
                }),
            );
            MarkLineVariant::Simple(if axis_x { d.x_axis(r.value) } else { d.y_axis(r.value) })
        })
        .collect();
    Some(MarkLine::new().silent(true).symbol(vec![Symbol::None, Symbol::None]).data(data))
}

/// Colour each reference line after charming serialised it (its MarkLineData has no per-line
/// style). A vertical line (bars) is labelled above its top end, horizontally, one label per row,
/// so two lines close together do not print over each other; charming's LabelPosition has no
/// `end`.
fn style_mark_lines(series: &mut Value, refs: &[RefLine], vertical: bool) {
    if let Some(data) = series.pointer_mut("/markLine/data").and_then(Value::as_array_mut) {
        for (row, (item, r)) in data.iter_mut().zip(refs).enumerate() {
            let (color, kind) = match r.style {
                RefStyle::County => (palette::REF_COUNTY, "solid"),
                RefStyle::Standard => (palette::REF_STANDARD, "dashed"),
            };
            item["lineStyle"] = json!({ "color": color, "type": kind, "width": 1.5 });
            if vertical {
                // The category axis runs top-down (`inverse`), so the line starts at the top.
                item["label"]["position"] = json!("start");
                item["label"]["offset"] = json!([0, -18 * row as i32]);
            }
        }
    }
}

/// Room above the plot for the labels of vertical reference lines, stacked when there are two.
fn refs_top(refs: &[RefLine]) -> i32 {
    12 + 18 * refs.len() as i32
}

/// Long category names (an indicator's full Chinese name) wrap within 7em instead of squeezing
/// the bars on a 360 px screen. charming's AxisLabel has no `overflow`.
fn wrap_category_labels(option: &mut Value, axis: &str) {
    option[axis]["axisLabel"] = json!({ "width": 112, "overflow": "break", "lineHeight": 14 });
}

fn item_json(item: &Item) -> Value {
    json!({
        "value": item.value,
        "name": item.label,
        "code": item.code,
        "tip": item.tip,
        "itemStyle": { "color": item.color },
    })
}

/// Horizontal bars, one per item in the given order (callers rank them), with reference lines.
pub fn ranked_bars(items: &[Item], unit: Unit, refs: &[RefLine]) -> ChartSpec {
    let names: Vec<String> = items.iter().map(|i| i.label.clone()).collect();
    let mut bar = Bar::new().bar_width("60%");
    if let Some(ml) = mark_lines(refs, true) {
        bar = bar.mark_line(ml);
    }
    let mut option = frame(
        Some(Grid::new().left(8).right(56).top(refs_top(refs)).bottom(8).contain_label(true)),
        Some(Axis::new().type_(AxisType::Value)),
        Some(Axis::new().type_(AxisType::Category).data(names).inverse(true)),
        vec![part(bar)],
    );
    wrap_category_labels(&mut option, "yAxis");
    if let Some(series) = option.pointer_mut("/series/0") {
        series["data"] = Value::Array(items.iter().map(item_json).collect());
        series["label"] = json!({ "show": true, "position": "right", "formatter": "{c}", "fontSize": 11 });
        style_mark_lines(series, refs, true);
    }
    // Value labels print the raw number; round it to the unit's precision first.
    round_values(&mut option, unit);
    ChartSpec { option, map: None, height_px: 48 + 30 * items.len().max(1) as u32 }
}

/// Round every bar value to the unit's display precision, so labels read like the tables.
fn round_values(option: &mut Value, unit: Unit) {
    let factor = 10f64.powi(unit.decimals() as i32);
    if let Some(series) = option.get_mut("series").and_then(Value::as_array_mut) {
        for s in series {
            if let Some(data) = s.get_mut("data").and_then(Value::as_array_mut) {
                for d in data {
                    if let Some(v) = d.get("value").and_then(Value::as_f64) {
                        d["value"] = json!((v * factor).round() / factor);
                    }
                }
            }
        }
    }
}

/// One line of a trend chart.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendSeries {
    pub name: String,
    pub values: Vec<Option<f64>>,
    pub tips: Vec<String>,
    pub color: &'static str,
    pub dashed: bool,
}

/// Lines over school years (or any ordered categories), with horizontal reference lines.
pub fn trend_lines(categories: &[String], series: &[TrendSeries], unit: Unit, refs: &[RefLine]) -> ChartSpec {
    let mut parts = Vec::new();
    for (i, s) in series.iter().enumerate() {
        let mut line = Line::new().name(s.name.clone()).connect_nulls(false);
        if s.dashed {
            line = line.line_style(LineStyle::new().type_(LineStyleType::Dashed));
        }
        if i == 0 {
            if let Some(ml) = mark_lines(refs, false) {
                line = line.mark_line(ml);
            }
        }
        parts.push(part(line));
    }
    let mut option = frame(
        Some(Grid::new().left(8).right(16).top(GRID_TOP_WITH_LEGEND).bottom(8).contain_label(true)),
        Some(Axis::new().type_(AxisType::Category).data(categories.to_vec())),
        Some(Axis::new().type_(AxisType::Value).name(unit.name_zh()).scale(true)),
        parts,
    );
    if let Some(all) = option.get_mut("series").and_then(Value::as_array_mut) {
        for (i, (js, s)) in all.iter_mut().zip(series).enumerate() {
            js["data"] = Value::Array(
                s.values.iter().zip(&s.tips).map(|(v, tip)| json!({ "value": v, "tip": tip })).collect(),
            );
            js["itemStyle"] = json!({ "color": s.color });
            js["lineStyle"]["color"] = json!(s.color);
            js["symbolSize"] = json!(8);
            if i == 0 {
                style_mark_lines(js, refs, false);
            }
        }
    }
    option["legend"] = json!({ "top": 0, "type": "scroll" });
    round_values(&mut option, unit);
    let plotted: Vec<f64> = series.iter().flat_map(|s| s.values.iter().flatten().copied()).collect();
    keep_refs_in_view(&mut option, "yAxis", &plotted, refs);
    ChartSpec { option, map: None, height_px: 300 }
}

/// Townships coloured by class on a registered map; regions are keyed by township code.
pub fn choropleth(shape: MapShape, items: &[Item]) -> ChartSpec {
    let data: Vec<Value> = items
        .iter()
        .map(|i| {
            json!({
                "name": i.code,
                "code": i.code,
                "label": i.label,
                "value": i.value,
                "tip": i.tip,
                "itemStyle": { "areaColor": i.color },
            })
        })
        .collect();
    let mut option = frame(None, None, None, Vec::new());
    option["series"] = json!([{
        "type": "map",
        "map": shape.name,
        "nameProperty": "code",
        "roam": false,
        "selectedMode": false,
        "layoutCenter": ["50%", "50%"],
        "layoutSize": "95%",
        "aspectScale": 1.0,
        "label": { "show": true, "fontSize": 11, "color": palette::MAP_LABEL },
        "itemStyle": { "borderColor": palette::MAP_BORDER, "borderWidth": 1 },
        "emphasis": { "itemStyle": { "areaColor": palette::MAP_HOVER } },
        "data": data,
    }]);
    ChartSpec { option, map: Some(shape), height_px: 380 }
}

/// A group × area grid of coloured cells (survey rates).
pub struct HeatCell {
    pub x: usize,
    pub y: usize,
    pub value: Option<f64>,
    pub tip: String,
    pub color: &'static str,
}

pub fn heatmap(x_labels: &[String], y_labels: &[String], cells: &[HeatCell], unit: Unit) -> ChartSpec {
    let mut option = frame(
        Some(Grid::new().left(8).right(8).top(8).bottom(8).contain_label(true)),
        Some(
            Axis::new()
                .type_(AxisType::Category)
                .data(x_labels.to_vec())
                .axis_label(AxisLabel::new().interval(0).rotate(30)),
        ),
        Some(Axis::new().type_(AxisType::Category).data(y_labels.to_vec()).inverse(true)),
        vec![part(Heatmap::new())],
    );
    let factor = 10f64.powi(unit.decimals() as i32);
    if let Some(series) = option.pointer_mut("/series/0") {
        series["data"] = Value::Array(
            cells
                .iter()
                .map(|c| {
                    let v = c.value.map(|v| (v * factor).round() / factor);
                    json!({
                        "value": [c.x, c.y, v],
                        "label": format_number(c.value, unit),
                        "tip": c.tip,
                        "itemStyle": { "color": c.color },
                    })
                })
                .collect(),
        );
        series["label"] = json!({ "show": true, "fontSize": 11 });
    }
    ChartSpec { option, map: None, height_px: 60 + 34 * y_labels.len().max(1) as u32 }
}

/// A rate with its interval, for interval bars.
pub struct IntervalItem {
    pub code: String,
    pub label: String,
    pub share: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub tip: String,
    pub color: &'static str,
}

/// Horizontal interval bars: an invisible bar up to the lower bound, a pale bar from lower to
/// upper bound (stacked), and a dot at the estimate; reference lines (e.g. the 85% line).
pub fn interval_bars(items: &[IntervalItem], refs: &[RefLine]) -> ChartSpec {
    let names: Vec<String> = items.iter().map(|i| i.label.clone()).collect();
    let mut whisker = Bar::new().stack("interval").bar_width("40%");
    if let Some(ml) = mark_lines(refs, true) {
        whisker = whisker.mark_line(ml);
    }
    let mut option = frame(
        Some(Grid::new().left(8).right(24).top(refs_top(refs)).bottom(8).contain_label(true)),
        Some(Axis::new().type_(AxisType::Value).scale(true)),
        Some(Axis::new().type_(AxisType::Category).data(names).inverse(true)),
        vec![
            part(Bar::new().stack("interval").bar_width("40%")),
            part(whisker),
            part(Scatter::new().symbol_size(12)),
        ],
    );
    if let Some(all) = option.get_mut("series").and_then(Value::as_array_mut) {
        if let [base, range, dot] = all.as_mut_slice() {
            base["data"] = Value::Array(items.iter().map(|i| json!(i.low)).collect());
            base["itemStyle"] = json!({ "color": "transparent" });
            base["tooltip"] = json!({ "show": false });
            base["silent"] = json!(true);
            range["data"] = Value::Array(
                items
                    .iter()
                    .map(|i| {
                        let width = match (i.low, i.high) {
                            (Some(l), Some(h)) => Some(h - l),
                            _ => None,
                        };
                        json!({ "value": width, "tip": i.tip, "code": i.code, "itemStyle": { "color": palette::INTERVAL } })
                    })
                    .collect(),
            );
            style_mark_lines(range, refs, true);
            dot["data"] = Value::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(k, i)| json!({ "value": [i.share, k], "tip": i.tip, "code": i.code, "itemStyle": { "color": i.color } }))
                    .collect(),
            );
        }
    }
    let plotted: Vec<f64> = items.iter().flat_map(|i| [i.share, i.low, i.high]).flatten().collect();
    keep_refs_in_view(&mut option, "xAxis", &plotted, refs);
    ChartSpec { option, map: None, height_px: 48 + 32 * items.len().max(1) as u32 }
}

/// A scaled value axis spans the data only, so a reference line outside it (the 85% line under
/// rates that are all above 90%) would not be drawn. Widen the axis to the whole numbers around
/// such a line, with a point to spare, so the standard is always on the chart and off its edge.
fn keep_refs_in_view(option: &mut Value, axis: &str, plotted: &[f64], refs: &[RefLine]) {
    let finite = || plotted.iter().copied().filter(|v| v.is_finite());
    let (Some(data_min), Some(data_max)) = (finite().reduce(f64::min), finite().reduce(f64::max)) else {
        return;
    };
    let lines = || refs.iter().map(|r| r.value).filter(|v| v.is_finite());
    if let Some(lowest) = lines().reduce(f64::min).filter(|v| *v < data_min) {
        option[axis]["min"] = json!((lowest - 1.0).floor());
    }
    if let Some(highest) = lines().reduce(f64::max).filter(|v| *v > data_max) {
        option[axis]["max"] = json!((highest + 1.0).ceil());
    }
}

/// A plain-text tooltip: the item's name, then `value unit` lines.
pub fn tip(name: &str, lines: &[(String, Option<f64>, Unit)]) -> String {
    let mut out = name.to_string();
    for (label, value, unit) in lines {
        out.push('\n');
        if !label.is_empty() {
            out.push_str(label);
            out.push_str('：'.encode_utf8(&mut [0; 4]));
        }
        out.push_str(&format_value(*value, *unit, lang()));
    }
    out
}

/// The chart as a stand-alone image: title on top, source line, data version and (for sample
/// data) the sample notice at the bottom, so a downloaded PNG or SVG carries its provenance.
pub fn for_export(spec: &ChartSpec, title: &str, footer_lines: &[String]) -> ChartSpec {
    let mut option = spec.option.clone();
    let footer = footer_lines.join("\n");
    let footer_height = 16 * footer_lines.len() as u32 + 12;
    option["title"] = json!([
        { "text": title, "left": 12, "top": 8, "textStyle": { "fontSize": 16 } },
        { "text": footer, "left": 12, "bottom": 8, "textStyle": { "fontSize": 11, "fontWeight": "normal", "color": "#444", "lineHeight": 16 } }
    ]);
    // Title (top 8, about 24 px high), then the legend if any, then the plot.
    let has_legend = option.get("legend").is_some();
    if let Some(legend) = option.get_mut("legend") {
        legend["top"] = json!(36);
    }
    let grid_top = if has_legend { 36 + GRID_TOP_WITH_LEGEND } else { 56 };
    if let Some(grid) = option.get_mut("grid") {
        grid["top"] = json!(grid_top);
        grid["bottom"] = json!(footer_height + 16);
    }
    if let Some(series) = option.get_mut("series").and_then(Value::as_array_mut) {
        for s in series {
            if s["type"] == "map" {
                s["layoutSize"] = json!("78%");
            }
        }
    }
    ChartSpec {
        option,
        map: spec.map.clone(),
        height_px: spec.height_px + grid_top as u32 + footer_height + 16,
    }
}

/// A dated point of a plan target's chart: an ISO day (`2024-09-30`), a value and its tooltip.
#[derive(Clone, Debug, PartialEq)]
pub struct DatedPoint {
    pub date: String,
    pub value: f64,
    /// Plain text; `\n` separates lines.
    pub tip: String,
}

/// A plan target over time: the published values (solid, with dots) against the straight-line
/// path to the target (dashed, usually two points: its start and the deadline), with the
/// target level as a reference line. The x axis is a calendar (observations fall on census days,
/// the path starts and ends on other days) labelled by year only: a value axis would print
/// years with thousands separators (`2,024`), and month ticks would be noise here.
pub fn target_path(
    actual: (&str, &[DatedPoint]),
    path: Option<(&str, &[DatedPoint])>,
    unit: Unit,
    refs: &[RefLine],
) -> ChartSpec {
    let mut lines = vec![(actual.0, actual.1, palette::NEUTRAL, false)];
    if let Some((name, points)) = path {
        lines.push((name, points, palette::REF_STANDARD, true));
    }
    let factor = 10f64.powi(unit.decimals() as i32);
    let series: Vec<Value> = lines
        .iter()
        .enumerate()
        .map(|(i, (name, points, color, dashed))| {
            let mut line = Line::new().name(name.to_string());
            if *dashed {
                line = line.line_style(LineStyle::new().type_(LineStyleType::Dashed));
            }
            if i == 0 {
                if let Some(ml) = mark_lines(refs, false) {
                    line = line.mark_line(ml);
                }
            }
            let mut js = part(line);
            js["data"] = Value::Array(
                points
                    .iter()
                    .map(|p| json!({ "value": [p.date, (p.value * factor).round() / factor], "tip": p.tip }))
                    .collect(),
            );
            js["itemStyle"] = json!({ "color": color });
            js["lineStyle"]["color"] = json!(color);
            // Every published value gets its dot (ECharts hides some on a time axis by default);
            // the path is a plain line.
            js["showSymbol"] = json!(!*dashed);
            js["showAllSymbol"] = json!(true);
            js["symbolSize"] = json!(9);
            if i == 0 {
                style_mark_lines(&mut js, refs, false);
            }
            js
        })
        .collect();
    let mut option = frame(
        Some(Grid::new().left(8).right(20).top(GRID_TOP_WITH_LEGEND).bottom(8).contain_label(true)),
        None,
        Some(Axis::new().type_(AxisType::Value).name(unit.name_zh()).scale(true)),
        series,
    );
    const YEAR_MS: u64 = 365 * 24 * 3600 * 1000;
    option["xAxis"] = json!({
        "type": "time",
        "minInterval": YEAR_MS,
        "axisLabel": { "formatter": "{yyyy}", "hideOverlap": true },
        "splitLine": { "show": false },
    });
    option["legend"] = json!({ "top": 0, "type": "scroll" });
    // Drawn when a reader opens a target, to be read at once: no animation (the dots of a
    // line otherwise pop in one after another, after the line).
    option["animation"] = json!(false);
    ChartSpec { option, map: None, height_px: 240 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, values: &[f64]) -> TrendSeries {
        TrendSeries {
            name: name.into(),
            values: values.iter().map(|v| Some(*v)).collect(),
            tips: values.iter().map(|v| v.to_string()).collect(),
            color: palette::SERIES[0],
            dashed: false,
        }
    }

    fn top(option: &Value, key: &str) -> i64 {
        option[key]["top"].as_i64().unwrap_or_else(|| panic!("{key}.top is not a number: {}", option[key]))
    }

    /// The value axis's name is drawn above the plot: the legend must end before it starts,
    /// on the page and in the downloaded image (which puts a title above both).
    #[test]
    fn the_legend_and_the_value_axis_name_do_not_overlap() {
        let years = vec!["2023–2024学年".to_string(), "2024–2025学年".to_string()];
        let spec =
            trend_lines(&years, &[line("小学", &[1.0, 2.0]), line("初中", &[3.0, 4.0])], Unit::Count, &[]);
        let legend_row = 24;
        let axis_name_room = 30;
        assert!(top(&spec.option, "grid") - top(&spec.option, "legend") >= legend_row + axis_name_room);
        let export = for_export(&spec, "标题", &["来源".to_string()]);
        let title_row = 28;
        assert!(top(&export.option, "legend") >= title_row);
        assert!(top(&export.option, "grid") - top(&export.option, "legend") >= legend_row + axis_name_room);
        // The plot keeps at least its on-page height in the image.
        let plot_on_page = spec.height_px as i64 - top(&spec.option, "grid");
        let bottom = export.option["grid"]["bottom"].as_i64().unwrap_or(0);
        assert!(export.height_px as i64 - top(&export.option, "grid") - bottom >= plot_on_page);
    }
}
