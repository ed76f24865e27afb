//! The 社会认可度 survey as figures and table rows: the groups with their intervals, the group ×
//! area heatmap, the townships ranked with intervals, and the trend across surveys. The
//! Satisfaction page, the printable briefing and the overview box all draw from here, so a rate,
//! its interval and its respondent count read the same everywhere.
//!
//! Every number comes from `atlas_core::survey` (rates, Wilson intervals, the too-few flag,
//! changes) and the 85% line from the indicator table; this module only arranges and formats.

use crate::api::LoadedSnapshot;
use crate::charts::options::{self, HeatCell, IntervalItem, RefLine, RefStyle, TrendSeries};
use crate::charts::palette;
use crate::components::figure::Figure;
use crate::figures::{table_for, LegendEntry};
use crate::i18n::figure::figure_msg;
use crate::i18n::survey::survey_msg;
use crate::i18n::{self, lang, msg};
use atlas_core::classify::{rank, Order};
use atlas_core::export::CsvCell;
use atlas_core::format::{format_change, format_value, Unit};
use atlas_core::indicators::{find, known_id, IndicatorDef};
use atlas_core::snapshot::{RespondentGroup, SurveyArea};
use atlas_core::survey::{trend, Change, LinePosition, Rate, SurveySummary, TrendPoint, WeightingSource};
use std::sync::Arc;

/// The indicator whose threshold is the line every rate is held against.
pub const SURVEY_INDICATOR: &str = known_id("social_recognition_rate");

/// The standard line (85% in the 优质均衡 measures), read from the indicator table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StandardLine {
    pub def: &'static IndicatorDef,
    pub value: f64,
}

impl StandardLine {
    /// None only if the indicator table lost the indicator or its threshold; rates are then
    /// shown without a verdict rather than against an invented line.
    pub fn from_table() -> Option<StandardLine> {
        let def = find(SURVEY_INDICATOR)?;
        let threshold = def.threshold.as_ref()?;
        Some(StandardLine { def, value: threshold.value })
    }

    /// "标准 ≥85.0%".
    pub fn label(&self) -> String {
        match crate::components::indicator_card::threshold_text(self.def) {
            Some(text) => format!("{} {text}", msg().standard),
            None => format!("{} {}", msg().standard, format_value(Some(self.value), Unit::Percent, lang())),
        }
    }

    fn reference(&self) -> RefLine {
        RefLine { label: self.label(), value: self.value, style: RefStyle::Standard }
    }
}

/// Whether the respondent count of a rate is people or, for a rate combined with stated group
/// weights, Kish's effective sample size (docs/survey-method.md §5).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Count {
    People,
    Effective,
}

impl Count {
    /// The count behind the summary's combined rates (overall, areas, townships).
    pub fn of_combined(summary: &SurveySummary) -> Count {
        match summary.weighting.source {
            WeightingSource::Meta => Count::Effective,
            WeightingSource::RespondentCounts | WeightingSource::RespondentCountsMetaUnusable => {
                Count::People
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Count::People => survey_msg().respondents,
            Count::Effective => survey_msg().effective_respondents,
        }
    }
}

/// Where a rate stands against the line; None without an interval or a line.
pub fn position(rate: &Rate, line: Option<StandardLine>) -> Option<LinePosition> {
    rate.against(line?.value)
}

pub fn position_label(position: Option<LinePosition>) -> &'static str {
    position.map(LinePosition::label_zh).unwrap_or(atlas_core::format::MISSING)
}

/// The verdict in a word or two, for chips in narrow table columns (the full sentence is the
/// chip's title and the legend's).
pub fn position_short_label(position: LinePosition) -> &'static str {
    match position {
        LinePosition::ClearlyAbove => survey_msg().clearly_above,
        LinePosition::Uncertain => survey_msg().undecided,
        LinePosition::ClearlyBelow => survey_msg().clearly_below,
    }
}

/// The chip style of a position, shared with the standard chips elsewhere.
pub fn position_class(position: LinePosition) -> &'static str {
    match position {
        LinePosition::ClearlyAbove => "chip meets",
        LinePosition::Uncertain => "chip near",
        LinePosition::ClearlyBelow => "chip below",
    }
}

pub fn position_color(rate: &Rate, line: Option<StandardLine>) -> &'static str {
    match position(rate, line) {
        Some(LinePosition::ClearlyAbove) => palette::MEETS,
        Some(LinePosition::Uncertain) => palette::NEAR,
        Some(LinePosition::ClearlyBelow) => palette::BELOW,
        None => palette::MISSING,
    }
}

/// The legend of every chart coloured by position against the line.
pub fn position_legend() -> Vec<LegendEntry> {
    [
        (palette::MEETS, LinePosition::ClearlyAbove.label_zh()),
        (palette::NEAR, LinePosition::Uncertain.label_zh()),
        (palette::BELOW, LinePosition::ClearlyBelow.label_zh()),
        (palette::MISSING, survey_msg().not_surveyed),
    ]
    .into_iter()
    .map(|(color, label)| LegendEntry { color, label: label.to_string() })
    .collect()
}

pub fn rate_text(rate: &Rate) -> String {
    format_value(rate.share, Unit::Percent, lang())
}

/// The interval's two ends, formatted ("—" each without one).
pub fn interval_ends(rate: &Rate) -> (String, String) {
    (
        format_value(rate.interval.map(|(low, _)| low), Unit::Percent, lang()),
        format_value(rate.interval.map(|(_, high)| high), Unit::Percent, lang()),
    )
}

pub fn interval_text(rate: &Rate) -> String {
    let (low, high) = interval_ends(rate);
    i18n::survey::interval_text(&low, &high)
}

/// The respondent count as shown beside a rate ("2,227").
pub fn respondents_text(rate: &Rate) -> String {
    format_value(Some(rate.respondents), Unit::Count, lang())
}

/// The too-few threshold as the page prints it ("30").
pub fn too_few_threshold() -> String {
    format_value(Some(atlas_core::survey::TOO_FEW_RESPONDENTS), Unit::Count, lang())
}

/// "+0.6 个百分点（不明显）"; the weighting warning is added when the method changed.
pub fn change_text(change: Option<&Change>, weighting_changed: bool) -> String {
    let Some(change) = change else { return survey_msg().change_unknown.to_string() };
    let Some(delta) = change.delta_points else { return survey_msg().change_unknown.to_string() };
    let verdict = if change.significant { survey_msg().significant } else { survey_msg().not_significant };
    let mut text = format!("{}（{verdict}）", format_change(Some(delta), Unit::Percent, lang()));
    if weighting_changed {
        text.push('；');
        text.push_str(survey_msg().weighting_changed);
    }
    text
}

/// A plain-text tooltip: name, rate, interval, respondents, flags and position.
pub fn rate_tip(name: &str, rate: &Rate, count: Count, line: Option<StandardLine>) -> String {
    let mut lines = vec![
        name.to_string(),
        format!("{}：{}", survey_msg().rate, rate_text(rate)),
        format!("{}：{}", survey_msg().interval, interval_text(rate)),
        format!("{}：{}", count.label(), i18n::survey::people_text(&respondents_text(rate))),
    ];
    if rate.too_few {
        lines.push(format!("{}：{}", survey_msg().too_few, i18n::survey::too_few_note(&too_few_threshold())));
    }
    if line.is_some() {
        lines.push(format!("{}：{}", survey_msg().position, position_label(position(rate, line))));
    }
    lines.join("\n")
}

/// Columns of a rate in a figure's table (and its CSV).
fn rate_columns(count: Count) -> Vec<String> {
    vec![
        format!("{}（%）", survey_msg().rate),
        format!("{}（%）", survey_msg().interval_low),
        format!("{}（%）", survey_msg().interval_high),
        count.label().to_string(),
        survey_msg().too_few.to_string(),
        survey_msg().position.to_string(),
    ]
}

fn rate_cells(rate: &Rate, line: Option<StandardLine>) -> Vec<CsvCell> {
    vec![
        CsvCell::Number(rate.share, Unit::Percent),
        CsvCell::Number(rate.interval.map(|(low, _)| low), Unit::Percent),
        CsvCell::Number(rate.interval.map(|(_, high)| high), Unit::Percent),
        CsvCell::Number(Some(rate.respondents), Unit::Count),
        CsvCell::Text(if rate.too_few { survey_msg().too_few.to_string() } else { String::new() }),
        CsvCell::Text(position_label(position(rate, line)).to_string()),
    ]
}

fn refs(line: Option<StandardLine>) -> Vec<RefLine> {
    line.iter().map(StandardLine::reference).collect()
}

fn county_name(snap: &LoadedSnapshot) -> &str {
    &snap.snapshot.meta.county_name
}

fn indicator_name() -> &'static str {
    find(SURVEY_INDICATOR).map(|d| d.name_zh).unwrap_or(survey_msg().title)
}

/// The overall rate and each group as interval bars against the line.
pub fn groups_figure(snap: &LoadedSnapshot, summary: &SurveySummary, line: Option<StandardLine>) -> Figure {
    let combined = Count::of_combined(summary);
    let mut rows: Vec<(String, String, &Rate, Count, &'static str)> = vec![(
        "overall".into(),
        survey_msg().overall.to_string(),
        &summary.overall,
        combined,
        palette::REF_COUNTY,
    )];
    for g in &summary.by_group {
        let color = position_color(&g.rate, line);
        rows.push((
            g.group.label_zh().to_string(),
            g.group.label_zh().to_string(),
            &g.rate,
            Count::People,
            color,
        ));
    }
    let items: Vec<IntervalItem> = rows
        .iter()
        .map(|(code, label, rate, count, color)| IntervalItem {
            code: code.clone(),
            label: label.clone(),
            share: rate.share,
            low: rate.interval.map(|(low, _)| low),
            high: rate.interval.map(|(_, high)| high),
            tip: rate_tip(label, rate, *count, line),
            color,
        })
        .collect();
    let mut columns = vec![survey_msg().group.to_string()];
    columns.extend(rate_columns(Count::People));
    let table_rows = rows
        .iter()
        .map(|(_, label, rate, _, _)| {
            let mut row = vec![CsvCell::Text(label.clone())];
            row.extend(rate_cells(rate, line));
            row
        })
        .collect();
    let period = snap.entry.school_year.label_zh();
    let summary_sentence = i18n::survey::overall_summary(
        &period,
        &rate_text(&summary.overall),
        &interval_text(&summary.overall),
        &format!("{} {}", combined.label(), i18n::survey::people_text(&respondents_text(&summary.overall))),
        position_label(position(&summary.overall, line)),
    );
    Figure {
        kind: "satisfaction-groups",
        unit: Unit::Percent,
        period,
        summary: summary_sentence,
        definition: Some(SURVEY_INDICATOR),
        table: table_for(
            snap,
            i18n::figure::figure_title(county_name(snap), indicator_name(), survey_msg().groups_heading),
            columns,
            table_rows,
        ),
        spec: options::interval_bars(&items, &refs(line)),
    }
}

/// Groups (rows) × question areas (columns), each cell coloured by its position against the
/// line and labelled with its rate.
pub fn heatmap_figure(snap: &LoadedSnapshot, summary: &SurveySummary, line: Option<StandardLine>) -> Figure {
    let groups: Vec<RespondentGroup> = summary.by_group.iter().map(|g| g.group).collect();
    let areas: Vec<SurveyArea> = summary.by_area.iter().map(|a| a.area).collect();
    let cells: Vec<HeatCell> = summary
        .cells
        .iter()
        .filter_map(|c| {
            let x = areas.iter().position(|a| *a == c.area)?;
            let y = groups.iter().position(|g| *g == c.group)?;
            let name = format!("{} · {}", c.group.label_zh(), c.area.label_zh());
            Some(HeatCell {
                x,
                y,
                value: c.rate.share,
                tip: rate_tip(&name, &c.rate, Count::People, line),
                color: position_color(&c.rate, line),
            })
        })
        .collect();
    let x_labels: Vec<String> = areas.iter().map(|a| a.label_zh().to_string()).collect();
    let y_labels: Vec<String> = groups.iter().map(|g| g.label_zh().to_string()).collect();
    let mut columns = vec![survey_msg().group.to_string(), survey_msg().area.to_string()];
    columns.extend(rate_columns(Count::People));
    let rows = summary
        .cells
        .iter()
        .map(|c| {
            let mut row = vec![
                CsvCell::Text(c.group.label_zh().to_string()),
                CsvCell::Text(c.area.label_zh().to_string()),
            ];
            row.extend(rate_cells(&c.rate, line));
            row
        })
        .collect();
    let period = snap.entry.school_year.label_zh();
    let ranked = rank(
        &summary.cells.iter().enumerate().map(|(i, c)| (i, c.rate.share)).collect::<Vec<_>>(),
        Order::Descending,
    );
    let cell_name = |i: usize| {
        summary
            .cells
            .get(i)
            .map(|c| (format!("{} · {}", c.group.label_zh(), c.area.label_zh()), rate_text(&c.rate)))
    };
    let ranked_with_value: Vec<usize> = ranked.iter().filter(|r| r.value.is_some()).map(|r| r.key).collect();
    let sentence = match (
        ranked_with_value.last().and_then(|i| cell_name(*i)),
        ranked_with_value.first().and_then(|i| cell_name(*i)),
    ) {
        (Some(lowest), Some(highest)) => {
            i18n::survey::heatmap_summary(&period, (&lowest.0, &lowest.1), (&highest.0, &highest.1))
        }
        _ => survey_msg().no_survey.to_string(),
    };
    Figure {
        kind: "satisfaction-heatmap",
        unit: Unit::Percent,
        period,
        summary: sentence,
        definition: Some(SURVEY_INDICATOR),
        table: table_for(
            snap,
            i18n::figure::figure_title(county_name(snap), indicator_name(), survey_msg().heatmap_qualifier),
            columns,
            rows,
        ),
        spec: options::heatmap(&x_labels, &y_labels, &cells, Unit::Percent),
    }
}

/// Townships ranked by their rate, highest first, with intervals and the line. None when the
/// survey has no township rows.
pub fn townships_figure(
    snap: &LoadedSnapshot,
    summary: &SurveySummary,
    line: Option<StandardLine>,
) -> Option<Figure> {
    if summary.by_township.is_empty() {
        return None;
    }
    let count = Count::of_combined(summary);
    let ranked = rank(
        &summary.by_township.iter().map(|t| (t.code.clone(), t.rate.share)).collect::<Vec<_>>(),
        Order::Descending,
    );
    let ordered: Vec<(&atlas_core::survey::TownshipRate, Option<usize>)> = ranked
        .iter()
        .filter_map(|r| summary.by_township.iter().find(|t| t.code == r.key).map(|t| (t, r.rank)))
        .collect();
    let name_of = |t: &atlas_core::survey::TownshipRate| t.name.clone().unwrap_or_else(|| t.code.to_string());
    let items: Vec<IntervalItem> = ordered
        .iter()
        .map(|(t, _)| IntervalItem {
            code: t.code.to_string(),
            label: name_of(t),
            share: t.rate.share,
            low: t.rate.interval.map(|(low, _)| low),
            high: t.rate.interval.map(|(_, high)| high),
            tip: rate_tip(&name_of(t), &t.rate, count, line),
            color: position_color(&t.rate, line),
        })
        .collect();
    let mut columns = vec![figure_msg().township_code.to_string(), figure_msg().township.to_string()];
    columns.extend(rate_columns(count));
    columns.push(figure_msg().rank.to_string());
    let rows = ordered
        .iter()
        .map(|(t, township_rank)| {
            let mut row = vec![CsvCell::Text(t.code.to_string()), CsvCell::Text(name_of(t))];
            row.extend(rate_cells(&t.rate, line));
            row.push(CsvCell::Number(township_rank.map(|r| r as f64), Unit::Count));
            row
        })
        .collect();
    let period = snap.entry.school_year.label_zh();
    let with_value: Vec<&(&atlas_core::survey::TownshipRate, Option<usize>)> =
        ordered.iter().filter(|(t, _)| t.rate.share.is_some()).collect();
    let sentence = match (with_value.first(), with_value.last()) {
        (Some((top, _)), Some((bottom, _))) => i18n::figure::ranking_summary(
            &period,
            indicator_name(),
            (&name_of(top), &rate_text(&top.rate)),
            (&name_of(bottom), &rate_text(&bottom.rate)),
            &rate_text(&summary.overall),
        ),
        _ => i18n::figure::no_ranking_summary(&period, indicator_name()),
    };
    Some(Figure {
        kind: "satisfaction-townships",
        unit: Unit::Percent,
        period,
        summary: sentence,
        definition: Some(SURVEY_INDICATOR),
        table: table_for(
            snap,
            i18n::figure::figure_title(county_name(snap), indicator_name(), survey_msg().townships_qualifier),
            columns,
            rows,
        ),
        spec: options::interval_bars(&items, &refs(line)),
    })
}

/// The surveys of every loaded school year, oldest first, each with its change against the
/// survey before.
pub fn survey_trend(series: &[Arc<LoadedSnapshot>]) -> Vec<TrendPoint> {
    trend(series.iter().map(|s| &s.snapshot))
}

/// The overall rate and each group across surveys, with the line. None with no survey at all.
pub fn trend_figure(
    latest: &LoadedSnapshot,
    points: &[TrendPoint],
    line: Option<StandardLine>,
) -> Option<Figure> {
    let (first, last) = (points.first()?, points.last()?);
    let categories: Vec<String> = points.iter().map(|p| p.school_year.label_zh()).collect();
    // One row per survey and line: the overall rate first, then every group any survey asked.
    struct Row<'a> {
        name: String,
        rate: Option<&'a Rate>,
        change: Option<&'a Change>,
        weighting_changed: bool,
        count: Count,
    }
    let groups: Vec<RespondentGroup> = RespondentGroup::ALL
        .into_iter()
        .filter(|g| points.iter().any(|p| p.by_group.iter().any(|b| b.group == *g)))
        .collect();
    let overall_count = |p: &TrendPoint| match p.weighting {
        WeightingSource::Meta => Count::Effective,
        _ => Count::People,
    };
    let mut table_rows: Vec<Vec<CsvCell>> = Vec::new();
    let mut series: Vec<TrendSeries> = Vec::new();
    let mut add_line = |name: String, rows: Vec<(String, Row)>, color: &'static str, dashed: bool| {
        let mut values = Vec::new();
        let mut tips = Vec::new();
        for (period, row) in &rows {
            values.push(row.rate.and_then(|r| r.share));
            tips.push(match row.rate {
                Some(rate) => format!(
                    "{}\n{}：{}",
                    rate_tip(&format!("{} · {period}", row.name), rate, row.count, line),
                    survey_msg().change,
                    change_text(row.change, row.weighting_changed)
                ),
                None => format!("{} · {period}\n{}", row.name, survey_msg().not_surveyed),
            });
            if let Some(rate) = row.rate {
                let mut cells = vec![CsvCell::Text(period.clone()), CsvCell::Text(row.name.clone())];
                cells.extend(rate_cells(rate, line));
                cells.push(CsvCell::Number(row.change.and_then(|c| c.delta_points), Unit::PercentagePoints));
                cells.push(CsvCell::Text(match row.change {
                    Some(c) if c.delta_points.is_some() => {
                        if c.significant { survey_msg().significant } else { survey_msg().not_significant }
                            .to_string()
                    }
                    _ => String::new(),
                }));
                table_rows.push(cells);
            }
        }
        series.push(TrendSeries { name, values, tips, color, dashed });
    };
    add_line(
        survey_msg().overall.to_string(),
        points
            .iter()
            .map(|p| {
                (
                    p.school_year.label_zh(),
                    Row {
                        name: survey_msg().overall.to_string(),
                        rate: Some(&p.overall),
                        change: p.change.as_ref(),
                        weighting_changed: p.weighting_changed,
                        count: overall_count(p),
                    },
                )
            })
            .collect(),
        palette::REF_COUNTY,
        true,
    );
    for (i, group) in groups.iter().enumerate() {
        add_line(
            group.label_zh().to_string(),
            points
                .iter()
                .map(|p| {
                    let g = p.by_group.iter().find(|b| b.group == *group);
                    (
                        p.school_year.label_zh(),
                        Row {
                            name: group.label_zh().to_string(),
                            rate: g.map(|g| &g.rate),
                            change: g.and_then(|g| g.change.as_ref()),
                            weighting_changed: false,
                            count: Count::People,
                        },
                    )
                })
                .collect(),
            palette::SERIES[i % palette::SERIES.len()],
            false,
        );
    }
    // Rows by survey, then line, as a reader scans a table.
    table_rows.sort_by(|a, b| match (a.first(), b.first()) {
        (Some(CsvCell::Text(x)), Some(CsvCell::Text(y))) => x.cmp(y),
        _ => std::cmp::Ordering::Equal,
    });
    let mut columns = vec![msg().school_year.to_string(), survey_msg().group.to_string()];
    columns.extend(rate_columns(Count::People));
    columns.push(format!("{}（{}）", survey_msg().change, Unit::PercentagePoints.name_zh()));
    columns.push(survey_msg().significant.to_string());
    let (first_label, last_label) = (first.school_year.label_zh(), last.school_year.label_zh());
    let sentence = i18n::figure::trend_summary(
        &first_label,
        &last_label,
        indicator_name(),
        &rate_text(&first.overall),
        &rate_text(&last.overall),
    );
    Some(Figure {
        kind: "satisfaction-trend",
        unit: Unit::Percent,
        period: i18n::figure::period_span(&first_label, &last_label),
        summary: sentence,
        definition: Some(SURVEY_INDICATOR),
        table: table_for(
            latest,
            i18n::figure::figure_title(county_name(latest), indicator_name(), survey_msg().trend_qualifier),
            columns,
            table_rows,
        ),
        spec: options::trend_lines(&categories, &series, Unit::Percent, &refs(line)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::sample_series;
    use atlas_core::survey::summarise;

    #[test]
    fn the_line_is_the_indicator_tables_threshold() {
        let line = StandardLine::from_table().unwrap();
        assert_eq!(line.def.id, "social_recognition_rate");
        assert_eq!(line.value, 85.0);
        assert_eq!(line.label(), "标准 ≥ 85.0%");
    }

    #[test]
    fn a_change_reads_with_its_verdict() {
        let unclear = Change { delta_points: Some(0.6447), significant: false };
        assert_eq!(change_text(Some(&unclear), false), "+0.6 个百分点（不明显）");
        let clear = Change { delta_points: Some(-20.0), significant: true };
        assert_eq!(change_text(Some(&clear), false), "-20.0 个百分点（明显变化）");
        assert_eq!(
            change_text(Some(&unclear), true),
            "+0.6 个百分点（不明显）；两次调查的合并方法不同，变化可能部分来自方法而非看法"
        );
        assert_eq!(change_text(None, false), "无法比较");
        assert_eq!(change_text(Some(&Change { delta_points: None, significant: false }), false), "无法比较");
    }

    #[test]
    fn a_small_groups_tooltip_carries_its_count_interval_and_flag() {
        // 20 of 25: p = 0.8, z²/n = 3.841459/25 = 0.153658, centre = (0.8 + 0.076829)/1.153658
        // = 0.760042, half-width = 1.959964 × √(0.0064 + 0.001537)/1.153658 = 0.151350,
        // so 60.87% – 91.14%; 25 < 30 is too few; the interval contains 85: undecided.
        let rate = Rate::from_counts(20, 25);
        let tip = rate_tip("人大代表", &rate, Count::People, StandardLine::from_table());
        assert_eq!(
            tip,
            "人大代表\n认可率：80.0%\n95% 置信区间：60.9% – 91.1%\n受访人数：25 人\n\
             样本过少：受访不足 30 人：区间很宽，仅供参考，不列入“最低”名单。\n\
             对照标准线：置信区间跨越标准线，无法判定"
        );
    }

    #[test]
    fn the_group_figure_plots_and_tabulates_the_cores_rates() {
        let series = sample_series();
        let latest = series.last().unwrap();
        let summary = summarise(&latest.snapshot).unwrap();
        let figure = groups_figure(latest, &summary, StandardLine::from_table());
        // The overall rate first, then each group in the survey's order.
        assert_eq!(figure.table.rows.len(), 1 + summary.by_group.len());
        let parents = summary.by_group.iter().find(|g| g.group == RespondentGroup::Parents).unwrap();
        let row = figure
            .table
            .rows
            .iter()
            .find(|r| matches!(r.first(), Some(CsvCell::Text(t)) if t == "家长"))
            .unwrap();
        assert_eq!(row[1], CsvCell::Number(parents.rate.share, Unit::Percent));
        assert_eq!(row[2], CsvCell::Number(parents.rate.interval.map(|i| i.0), Unit::Percent));
        assert_eq!(row[3], CsvCell::Number(parents.rate.interval.map(|i| i.1), Unit::Percent));
        assert_eq!(row[4], CsvCell::Number(Some(parents.rate.respondents), Unit::Count));
        assert_eq!(figure.table.snapshot_id, latest.entry.id);
    }

    #[test]
    fn the_trend_chart_keeps_the_85_line_on_its_axis() {
        // Every rate of the sample surveys is above 85% (the lowest, 其他群众 in 2021–2022, is
        // 87.0%), so a scaled axis would start above the line; it starts at floor(85 − 1) = 84.
        let series = sample_series();
        let points = survey_trend(&series);
        assert_eq!(points.len(), 4);
        let figure = trend_figure(series.last().unwrap(), &points, StandardLine::from_table()).unwrap();
        assert_eq!(figure.spec.option["yAxis"]["min"], serde_json::json!(84.0));
        // One row per survey and line: four surveys × (overall + 7 groups).
        assert_eq!(figure.table.rows.len(), 4 * 8);
    }

    #[test]
    fn townships_are_ranked_highest_first() {
        let series = sample_series();
        let latest = series.last().unwrap();
        let summary = summarise(&latest.snapshot).unwrap();
        let figure = townships_figure(latest, &summary, StandardLine::from_table()).unwrap();
        let shares: Vec<Option<f64>> = figure
            .table
            .rows
            .iter()
            .map(|r| match r.get(2) {
                Some(CsvCell::Number(v, _)) => *v,
                _ => None,
            })
            .collect();
        assert_eq!(shares.len(), summary.by_township.len());
        assert!(shares.windows(2).all(|w| w[0] >= w[1]), "{shares:?}");
        assert_eq!(figure.table.rows.last().and_then(|r| r.get(1)), Some(&CsvCell::Text("大龙潭乡".into())));
    }
}
