//! Figures built from loaded data: the map, the township ranking, trends. Pages and embeds call
//! the same builders, so an embedded chart is exactly the chart on the page. Each builder
//! returns the chart spec and the table it plots (which is also the CSV download).

use crate::api::{LoadedGeometry, LoadedSnapshot};
use crate::charts::options::{self, Item, RefLine, RefStyle, TrendSeries};
use crate::charts::{palette, MapShape};
use crate::components::figure::Figure;
use crate::i18n::figure::figure_msg;
use crate::i18n::{self, lang, msg};
use crate::state::MapLayout;
use atlas_core::classify::{class_of, percent_of_line, quantile_breaks, rank, Order, Ranked};
use atlas_core::export::{CsvCell, CsvTable};
use atlas_core::format::{format_value, Unit};
use atlas_core::indicators::{evaluate, find, known_id, Direction, IndicatorDef, Standing};
use atlas_core::{Snapshot, TownshipCode};
use std::sync::Arc;

/// The CsvTable shell for a figure from one snapshot: title and provenance filled in.
pub fn table_for(
    snap: &LoadedSnapshot,
    title: String,
    columns: Vec<String>,
    rows: Vec<Vec<CsvCell>>,
) -> CsvTable {
    let meta = &snap.snapshot.meta;
    CsvTable {
        title,
        source: format!("{}，{}", meta.publisher, meta.source),
        snapshot_id: snap.entry.id.clone(),
        sha256: snap.entry.sha256.clone(),
        sample: meta.sample,
        cite: None,
        columns,
        rows,
    }
}

pub fn order_of(def: &IndicatorDef) -> Order {
    match def.direction {
        Direction::LowerIsBetter => Order::Ascending,
        _ => Order::Descending,
    }
}

/// Every township's value of `def`, ranked best first (by the indicator's direction).
pub fn ranked_townships(snap: &LoadedSnapshot, def: &IndicatorDef) -> Vec<Ranked<TownshipCode>> {
    let entries: Vec<(TownshipCode, Option<f64>)> = snap
        .snapshot
        .townships
        .iter()
        .map(|t| (t.code.clone(), snap.values.township(def.id, &t.code)))
        .collect();
    rank(&entries, order_of(def))
}

pub fn township_name(snapshot: &Snapshot, code: &TownshipCode) -> String {
    snapshot.township(code).map(|t| t.name.clone()).unwrap_or_else(|| code.to_string())
}

/// One sentence naming the best and worst township and the county value.
pub fn ranking_sentence(
    snap: &LoadedSnapshot,
    def: &IndicatorDef,
    ranked: &[Ranked<TownshipCode>],
) -> String {
    let period = snap.entry.school_year.label_zh();
    let with_value: Vec<&Ranked<TownshipCode>> = ranked.iter().filter(|r| r.value.is_some()).collect();
    match (with_value.first(), with_value.last()) {
        (Some(first), Some(last)) => {
            // Highest and lowest by value, whatever the direction.
            let (top, bottom) =
                if order_of(def) == Order::Descending { (first, last) } else { (last, first) };
            i18n::figure::ranking_summary(
                &period,
                def.name_zh,
                (&township_name(&snap.snapshot, &top.key), &format_value(top.value, def.unit, lang())),
                (&township_name(&snap.snapshot, &bottom.key), &format_value(bottom.value, def.unit, lang())),
                &format_value(snap.values.county(def.id), def.unit, lang()),
            )
        }
        _ => i18n::figure::no_ranking_summary(&period, def.name_zh),
    }
}

/// How a map colours townships: against the standard when there is one, else by quantile.
#[derive(Clone, Debug, PartialEq)]
pub enum Legend {
    /// Each standing with its printed range of values (`Threshold::ranges`): meets and below,
    /// and near between them where the standard grants a tolerance.
    Standard {
        ranges: Vec<(Standing, String)>,
    },
    Quantile {
        breaks: Vec<f64>,
        unit: Unit,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub struct LegendEntry {
    pub color: &'static str,
    pub label: String,
}

impl Legend {
    pub fn for_values(def: &IndicatorDef, values: &[f64]) -> Legend {
        match def.threshold {
            Some(line) => Legend::Standard { ranges: line.ranges(def.unit, lang()) },
            None => Legend::Quantile {
                breaks: quantile_breaks(values, palette::SEQUENTIAL.len()),
                unit: def.unit,
            },
        }
    }

    pub fn color(&self, def: &IndicatorDef, value: Option<f64>) -> &'static str {
        let Some(v) = value else { return palette::MISSING };
        match self {
            Legend::Standard { .. } => palette::standing(evaluate(def, Some(v))),
            Legend::Quantile { breaks, .. } => {
                // Fewer distinct breaks than colours: spread the classes over the palette.
                let classes = breaks.len() + 1;
                let class = class_of(v, breaks);
                let idx = if classes >= palette::SEQUENTIAL.len() {
                    class
                } else {
                    (class * (palette::SEQUENTIAL.len() - 1)) / (classes - 1).max(1)
                };
                palette::SEQUENTIAL[idx.min(palette::SEQUENTIAL.len() - 1)]
            }
        }
    }

    pub fn title(&self) -> &'static str {
        match self {
            Legend::Standard { .. } => figure_msg().legend_by_standard,
            Legend::Quantile { .. } => figure_msg().legend_by_quantile,
        }
    }

    pub fn entries(&self) -> Vec<LegendEntry> {
        let mut out: Vec<LegendEntry> = match self {
            Legend::Standard { ranges } => ranges
                .iter()
                .map(|(standing, range)| LegendEntry {
                    color: palette::standing(*standing),
                    label: format!("{}（{range}）", standing.label_zh()),
                })
                .collect(),
            Legend::Quantile { breaks, unit } => {
                let classes = breaks.len() + 1;
                (0..classes)
                    .map(|c| {
                        let label = match (c.checked_sub(1).and_then(|i| breaks.get(i)), breaks.get(c)) {
                            (None, Some(hi)) => format!("< {}", format_value(Some(*hi), *unit, lang())),
                            (Some(lo), Some(hi)) => {
                                format!(
                                    "{} – {}",
                                    format_value(Some(*lo), *unit, lang()),
                                    format_value(Some(*hi), *unit, lang())
                                )
                            }
                            (Some(lo), None) => format!("≥ {}", format_value(Some(*lo), *unit, lang())),
                            (None, None) => figure_msg().value.to_string(),
                        };
                        let idx = if classes >= palette::SEQUENTIAL.len() {
                            c
                        } else {
                            (c * (palette::SEQUENTIAL.len() - 1)) / (classes - 1).max(1)
                        };
                        LegendEntry {
                            color: palette::SEQUENTIAL[idx.min(palette::SEQUENTIAL.len() - 1)],
                            label,
                        }
                    })
                    .collect()
            }
        };
        out.push(LegendEntry { color: palette::MISSING, label: figure_msg().missing_data.to_string() });
        out
    }
}

/// Items for every township, in snapshot order, coloured by `legend`.
fn township_items(
    snap: &LoadedSnapshot,
    def: &IndicatorDef,
    legend: &Legend,
    ranked: &[Ranked<TownshipCode>],
) -> Vec<Item> {
    let with_rank = ranked.iter().filter(|r| r.rank.is_some()).count();
    snap.snapshot
        .townships
        .iter()
        .map(|t| {
            let value = snap.values.township(def.id, &t.code);
            let rank = ranked.iter().find(|r| r.key == t.code).and_then(|r| r.rank);
            let mut tip = options::tip(&t.name, &[(def.name_zh.to_string(), value, def.unit)]);
            if let Some(r) = rank {
                tip.push('\n');
                tip.push_str(&i18n::figure::rank_of(r, with_rank));
            }
            Item {
                code: t.code.to_string(),
                label: t.name.clone(),
                value,
                tip,
                color: legend.color(def, value),
            }
        })
        .collect()
}

/// The table behind a township figure: code, name, value, rank, standing.
fn township_table(
    snap: &LoadedSnapshot,
    def: &IndicatorDef,
    ranked: &[Ranked<TownshipCode>],
    title: String,
) -> CsvTable {
    let columns = vec![
        figure_msg().township_code.to_string(),
        figure_msg().township.to_string(),
        format!("{}（{}）", def.name_zh, def.unit.name_zh()),
        figure_msg().rank.to_string(),
        msg().standard.to_string(),
    ];
    let rows = ranked
        .iter()
        .map(|r| {
            vec![
                CsvCell::Text(r.key.to_string()),
                CsvCell::Text(township_name(&snap.snapshot, &r.key)),
                CsvCell::Number(r.value, def.unit),
                CsvCell::Number(r.rank.map(|x| x as f64), Unit::Count),
                CsvCell::Text(evaluate(def, r.value).label(lang()).to_string()),
            ]
        })
        .collect();
    table_for(snap, title, columns, rows)
}

/// The choropleth of `def` by township, on the chosen layout. None when the county publishes no
/// geometry for that layout.
pub fn map_figure(
    snap: &LoadedSnapshot,
    def: &'static IndicatorDef,
    geometry: &LoadedGeometry,
    layout: MapLayout,
) -> Option<(Figure, Legend, String)> {
    let (shape, notice) = map_shape(snap, geometry, layout)?;
    let ranked = ranked_townships(snap, def);
    let values: Vec<f64> = ranked.iter().filter_map(|r| r.value).collect();
    let legend = Legend::for_values(def, &values);
    let items = township_items(snap, def, &legend, &ranked);
    let title =
        i18n::figure::figure_title(&snap.snapshot.meta.county_name, def.name_zh, figure_msg().by_township);
    let figure = Figure {
        kind: "map",
        unit: def.unit,
        period: snap.entry.school_year.label_zh(),
        summary: ranking_sentence(snap, def, &ranked),
        definition: Some(def.id),
        table: township_table(snap, def, &ranked, title),
        spec: options::choropleth(shape, &items),
    };
    Some((figure, legend, notice))
}

/// The GeoJSON to draw and the line that must be printed under it (审图号 or 示意图).
pub fn map_shape(
    snap: &LoadedSnapshot,
    geometry: &LoadedGeometry,
    layout: MapLayout,
) -> Option<(MapShape, String)> {
    let county = snap.snapshot.meta.county_code.to_string();
    match layout {
        MapLayout::Boundaries => {
            let map = geometry.boundaries.as_ref()?;
            let json = serde_json::to_string(map).ok()?;
            Some((
                MapShape { name: format!("{county}-geo"), geojson: Arc::from(json) },
                map.declaration().notice_zh(),
            ))
        }
        MapLayout::Tiles => {
            let grid = geometry.tiles.as_ref()?;
            let map = grid.to_boundary_map(|code| township_name(&snap.snapshot, code));
            let json = serde_json::to_string(&map).ok()?;
            // Names are part of the tile shapes, so a corrected name needs a new registration.
            let name = format!("{county}-tiles-{}", atlas_core::hash::short_hash(&snap.entry.sha256));
            Some((MapShape { name, geojson: Arc::from(json) }, grid.declaration().notice_zh()))
        }
    }
}

/// Townships ranked as horizontal bars, with the county value and the standard as lines.
pub fn ranking_figure(snap: &LoadedSnapshot, def: &'static IndicatorDef, selected: Option<&str>) -> Figure {
    let ranked = ranked_townships(snap, def);
    let values: Vec<f64> = ranked.iter().filter_map(|r| r.value).collect();
    let legend = Legend::for_values(def, &values);
    let items: Vec<Item> = {
        let all = township_items(snap, def, &legend, &ranked);
        ranked
            .iter()
            .filter_map(|r| all.iter().find(|i| i.code == r.key.as_str()).cloned())
            .map(|mut i| {
                if matches!(legend, Legend::Quantile { .. }) {
                    i.color = palette::NEUTRAL;
                }
                if selected == Some(i.code.as_str()) {
                    i.color = palette::SELECTED;
                }
                i
            })
            .collect()
    };
    let mut refs = Vec::new();
    if let Some(v) = snap.values.county(def.id) {
        refs.push(RefLine {
            label: format!("{} {}", figure_msg().county_value, format_value(Some(v), def.unit, lang())),
            value: v,
            style: RefStyle::County,
        });
    }
    if let Some(t) = &def.threshold {
        refs.push(RefLine {
            label: format!(
                "{} {}{}",
                msg().standard,
                t.op.symbol(),
                format_value(Some(t.value), def.unit, lang())
            ),
            value: t.value,
            style: RefStyle::Standard,
        });
    }
    let title = i18n::figure::figure_title(
        &snap.snapshot.meta.county_name,
        def.name_zh,
        figure_msg().township_ranking,
    );
    Figure {
        kind: "ranking",
        unit: def.unit,
        period: snap.entry.school_year.label_zh(),
        summary: ranking_sentence(snap, def, &ranked),
        definition: Some(def.id),
        table: township_table(snap, def, &ranked, title),
        spec: options::ranked_bars(&items, def.unit, &refs),
    }
}

/// `def` over the school years of `series` for the county and the chosen townships.
pub fn trend_figure(
    series: &[Arc<LoadedSnapshot>],
    def: &'static IndicatorDef,
    towns: &[TownshipCode],
) -> Option<Figure> {
    let latest = series.last()?;
    let categories: Vec<String> = series.iter().map(|s| s.entry.school_year.label_zh()).collect();
    let mut lines = Vec::new();
    let county_values: Vec<Option<f64>> = series.iter().map(|s| s.values.county(def.id)).collect();
    if def.exists_at(atlas_core::indicators::Level::County) {
        lines.push(TrendSeries {
            name: figure_msg().county_value.to_string(),
            tips: county_values
                .iter()
                .zip(&categories)
                .map(|(v, c)| options::tip(figure_msg().county_value, &[(c.clone(), *v, def.unit)]))
                .collect(),
            values: county_values.clone(),
            color: palette::REF_COUNTY,
            dashed: true,
        });
    }
    for (i, code) in towns.iter().enumerate() {
        let name = township_name(&latest.snapshot, code);
        let values: Vec<Option<f64>> = series.iter().map(|s| s.values.township(def.id, code)).collect();
        lines.push(TrendSeries {
            tips: values
                .iter()
                .zip(&categories)
                .map(|(v, c)| options::tip(&name, &[(c.clone(), *v, def.unit)]))
                .collect(),
            name,
            values,
            color: palette::SERIES[i % palette::SERIES.len()],
            dashed: false,
        });
    }
    let refs: Vec<RefLine> = def
        .threshold
        .iter()
        .map(|t| RefLine {
            label: format!(
                "{} {}{}",
                msg().standard,
                t.op.symbol(),
                format_value(Some(t.value), def.unit, lang())
            ),
            value: t.value,
            style: RefStyle::Standard,
        })
        .collect();
    let mut columns = vec![msg().school_year.to_string()];
    columns.extend(lines.iter().map(|l| format!("{}（{}）", l.name, def.unit.name_zh())));
    let rows: Vec<Vec<CsvCell>> = categories
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let mut row = vec![CsvCell::Text(c.clone())];
            row.extend(lines.iter().map(|l| CsvCell::Number(l.values.get(k).copied().flatten(), def.unit)));
            row
        })
        .collect();
    let first = categories.first().cloned().unwrap_or_default();
    let last = categories.last().cloned().unwrap_or_default();
    let summary = {
        let start = county_values.first().copied().flatten();
        let end = county_values.last().copied().flatten();
        i18n::figure::trend_summary(
            &first,
            &last,
            def.name_zh,
            &format_value(start, def.unit, lang()),
            &format_value(end, def.unit, lang()),
        )
    };
    let title =
        i18n::figure::figure_title(&latest.snapshot.meta.county_name, def.name_zh, figure_msg().over_years);
    Some(Figure {
        kind: "trend",
        unit: def.unit,
        period: i18n::figure::period_span(&first, &last),
        summary,
        definition: Some(def.id),
        table: table_for(latest, title, columns, rows),
        spec: options::trend_lines(&categories, &lines, def.unit, &refs),
    })
}

/// The townships drawn on a trend: those named in the URL (`towns`) that the snapshot knows,
/// else the first two, so a trend never starts empty.
pub fn trend_townships(snap: &LoadedSnapshot, chosen: &[String]) -> Vec<TownshipCode> {
    let known: Vec<TownshipCode> = chosen
        .iter()
        .map(|t| TownshipCode(t.clone()))
        .filter(|c| snap.snapshot.township(c).is_some())
        .collect();
    if known.is_empty() {
        snap.snapshot.townships.iter().take(2).map(|t| t.code.clone()).collect()
    } else {
        known
    }
}

/// The stages of a township's enrolment history, each with its line colour.
const ENROLMENT_STAGES: [(&str, &str); 5] = [
    (known_id("students_preschool"), palette::SERIES[0]),
    (known_id("students_primary"), palette::SERIES[1]),
    (known_id("students_junior"), palette::SERIES[2]),
    (known_id("students_senior"), palette::SERIES[3]),
    (known_id("students_vocational"), palette::SERIES[4]),
];

/// A township's students by stage in every school year of `series` (one line per stage that
/// has students). None when no school year loaded.
pub fn enrolment_figure(series: &[Arc<LoadedSnapshot>], code: &TownshipCode) -> Option<Figure> {
    let latest = series.last()?;
    let name = latest.snapshot.township(code).map(|t| t.name.clone()).unwrap_or_default();
    let categories: Vec<String> = series.iter().map(|s| s.entry.school_year.label_zh()).collect();
    let lines: Vec<TrendSeries> = ENROLMENT_STAGES
        .iter()
        .filter_map(|(id, color)| {
            let def = find(id)?;
            let values: Vec<Option<f64>> = series.iter().map(|s| s.values.township(id, code)).collect();
            values.iter().any(|v| v.is_some_and(|x| x > 0.0)).then(|| TrendSeries {
                name: def.name_zh.to_string(),
                tips: values
                    .iter()
                    .zip(&categories)
                    .map(|(v, c)| options::tip(def.name_zh, &[(c.clone(), *v, Unit::Count)]))
                    .collect(),
                values,
                color,
                dashed: false,
            })
        })
        .collect();
    let mut columns = vec![msg().school_year.to_string()];
    columns.extend(lines.iter().map(|l| l.name.clone()));
    let rows = categories
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let mut row = vec![CsvCell::Text(c.clone())];
            row.extend(
                lines.iter().map(|l| CsvCell::Number(l.values.get(k).copied().flatten(), Unit::Count)),
            );
            row
        })
        .collect();
    let first = categories.first().cloned().unwrap_or_default();
    let last = categories.last().cloned().unwrap_or_default();
    const TOTAL: &str = known_id("students_total");
    let total_first = series.first().and_then(|s| s.values.township(TOTAL, code));
    let total_last = latest.values.township(TOTAL, code);
    Some(Figure {
        kind: "township-enrolment",
        unit: Unit::Count,
        period: i18n::figure::period_span(&first, &last),
        summary: i18n::figure::enrolment_summary(
            &name,
            &first,
            &last,
            &format_value(total_first, Unit::Count, lang()),
            &format_value(total_last, Unit::Count, lang()),
        ),
        definition: Some(TOTAL),
        table: table_for(latest, format!("{name}：{}", figure_msg().township_enrolment), columns, rows),
        spec: options::trend_lines(&categories, &lines, Unit::Count, &[]),
    })
}

/// The facility indicators a township is measured against the standard on.
pub const FACILITY_INDICATORS: [&str; 8] = [
    known_id("floor_area_per_student_primary"),
    known_id("floor_area_per_student_junior"),
    known_id("sports_area_per_student_primary"),
    known_id("sports_area_per_student_junior"),
    known_id("equipment_value_per_student_primary"),
    known_id("equipment_value_per_student_junior"),
    known_id("multimedia_classrooms_per100_primary"),
    known_id("multimedia_classrooms_per100_junior"),
];

/// Each facility indicator of a township as a percentage of its standard's line (100 = on the
/// line), so eight indicators with four units share one axis; the table gives the values
/// themselves.
pub fn facilities_figure(snapshot: &LoadedSnapshot, code: &TownshipCode) -> Figure {
    let name = snapshot.snapshot.township(code).map(|t| t.name.clone()).unwrap_or_default();
    let defs: Vec<&'static IndicatorDef> = FACILITY_INDICATORS.iter().filter_map(|id| find(id)).collect();
    let items: Vec<Item> = defs
        .iter()
        .map(|def| {
            let v = snapshot.values.township(def.id, code);
            let line = def.threshold.map(|t| t.value);
            let pct = v.zip(line).and_then(|(v, l)| percent_of_line(v, l));
            let color = palette::standing(evaluate(def, v));
            let tip = options::tip(
                def.name_zh,
                &[
                    (name.clone(), v, def.unit),
                    (msg().standard.to_string(), line, def.unit),
                    (figure_msg().percent_of_standard.to_string(), pct, Unit::Percent),
                ],
            );
            Item { code: def.id.to_string(), label: def.name_zh.to_string(), value: pct, tip, color }
        })
        .collect();
    let columns = vec![
        msg().indicator.to_string(),
        figure_msg().value.to_string(),
        figure_msg().unit.to_string(),
        msg().standard.to_string(),
        figure_msg().percent_of_standard.to_string(),
    ];
    let rows = defs
        .iter()
        .zip(&items)
        .map(|(def, item)| {
            vec![
                CsvCell::Text(def.name_zh.to_string()),
                CsvCell::Number(snapshot.values.township(def.id, code), def.unit),
                CsvCell::Text(def.unit.name_zh().to_string()),
                CsvCell::Number(def.threshold.map(|t| t.value), def.unit),
                CsvCell::Number(item.value, Unit::Percent),
            ]
        })
        .collect();
    let below: Vec<&str> = defs
        .iter()
        .filter(|d| evaluate(d, snapshot.values.township(d.id, code)) != Standing::Meets)
        .map(|d| d.name_zh)
        .collect();
    Figure {
        kind: "township-facilities",
        unit: Unit::Percent,
        period: snapshot.entry.school_year.label_zh(),
        summary: i18n::figure::facilities_summary(&name, &below),
        definition: None,
        table: table_for(snapshot, format!("{name}：{}", figure_msg().township_facilities), columns, rows),
        spec: options::ranked_bars(
            &items,
            Unit::Percent,
            &[RefLine {
                label: figure_msg().standard_line.to_string(),
                value: 100.0,
                style: RefStyle::Standard,
            }],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::every_sample_snapshot;
    use atlas_core::export::indicators_table;
    use atlas_core::indicators::{Level, INDICATORS};

    fn text(cell: &CsvCell) -> String {
        match cell {
            CsvCell::Text(t) => t.clone(),
            CsvCell::Number(v, unit) => atlas_core::export::plain_number(*v, *unit),
        }
    }

    /// Issue 12: the map's CSV download and `atlas export` once disagreed on 接近标准. For every
    /// sample snapshot, township and township-level indicator, both say the same value and the
    /// same standing.
    #[test]
    fn the_figure_csv_and_atlas_export_agree_on_every_standing() {
        let mut compared = 0;
        for snap in every_sample_snapshot() {
            let export = indicators_table(&snap.entry.id, &snap.entry.sha256, &snap.snapshot, &snap.values);
            for def in INDICATORS.iter().filter(|d| d.exists_at(Level::Township)) {
                let table = township_table(&snap, def, &ranked_townships(&snap, def), String::new());
                for row in &table.rows {
                    let [code, _, value, _, standing] = row.as_slice() else { panic!("{row:?}") };
                    let exported = export
                        .rows
                        .iter()
                        .find(|r| text(&r[1]) == text(code) && text(&r[3]) == def.id)
                        .unwrap_or_else(|| panic!("{} {} not exported", text(code), def.id));
                    let context = format!("{} {} {}", snap.entry.id, text(code), def.id);
                    assert_eq!(text(value), text(&exported[5]), "{context}");
                    let portal = Standing::from_any_label(&text(standing));
                    let cli = text(&exported[8]).split_whitespace().next().and_then(Standing::from_any_label);
                    assert!(portal.is_some(), "{context}: {}", text(standing));
                    assert_eq!(portal, cli, "{context}");
                    compared += 1;
                }
            }
        }
        assert!(compared > 1000, "only {compared} standings compared");
    }

    /// A county line without a tolerance has no 接近标准 band in the map legend.
    #[test]
    fn a_line_without_a_tolerance_has_no_near_band_in_the_legend() {
        let gross = find("preschool_gross_enrolment").unwrap();
        let labels: Vec<String> =
            Legend::for_values(gross, &[70.0, 90.0]).entries().into_iter().map(|e| e.label).collect();
        assert_eq!(labels, ["达标（≥ 85.0%）", "未达标（< 85.0%）", "无数据"]);
        let floor = find("floor_area_per_student_primary").unwrap();
        let labels: Vec<String> =
            Legend::for_values(floor, &[4.0]).entries().into_iter().map(|e| e.label).collect();
        assert_eq!(labels[1], "接近标准（3.83 m²/生 – 4.50 m²/生）");
    }
}
