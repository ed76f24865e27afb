//! CSV export: the one CSV writer of the project. `atlas export` and every download button of the
//! portal write through [`CsvTable::to_csv`], so a downloaded table always carries its title,
//! source, snapshot id, hash and (for made-up data) the sample notice.
//!
//! The file is UTF-8 with a byte-order mark, because Excel on Chinese Windows reads a CSV without
//! one as GBK and shows the Chinese as mojibake. Text cells that a spreadsheet would run as a
//! formula are neutralised (OWASP "CSV Injection": prefix `'` to cells beginning with `=`, `+`,
//! `-`, `@`, tab or carriage return); numbers are written as numbers and never altered.

use crate::cite::Citation;
use crate::codes::SchoolYear;
use crate::format::{Unit, SAMPLE_NOTICE_EN, SAMPLE_NOTICE_ZH};
use crate::indicators::{evaluate, IndicatorDef, IndicatorValues, Level, INDICATORS};
use crate::snapshot::Snapshot;

/// The UTF-8 byte-order mark that makes Excel read the file as UTF-8.
pub const UTF8_BOM: &str = "\u{FEFF}";

/// A table to download, with the provenance every download must carry.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvTable {
    /// What the table shows, e.g. `峨山彝族自治县 2024–2025学年 指标`.
    pub title: String,
    /// Publisher and source document, e.g. `峨山彝族自治县教育体育局，教育事业统计年报`.
    pub source: String,
    /// Id of the snapshot the figures come from, e.g. `530426-2024-2025`.
    pub snapshot_id: String,
    /// SHA-256 of the snapshot file, so a reader can check the download against the manifest.
    pub sha256: String,
    /// True for made-up data: the sample notice is written into the file.
    pub sample: bool,
    /// How to cite the table (the portal fills it in at download time, when the address and the
    /// day are known): written as the licence and both citation lines.
    pub cite: Option<Citation>,
    /// Column headers; put the unit in the header (see [`column_with_unit`]) when a column holds
    /// numbers of one unit.
    pub columns: Vec<String>,
    pub rows: Vec<Vec<CsvCell>>,
}

/// One cell of a [`CsvTable`].
#[derive(Clone, Debug, PartialEq)]
pub enum CsvCell {
    /// Text, neutralised against formula injection when written.
    Text(String),
    /// A number in `unit`, written plainly with the unit's decimals (no thousands separators, no
    /// unit symbol); missing or non-finite values are written as an empty cell.
    Number(Option<f64>, Unit),
}

impl CsvCell {
    pub fn text(s: impl Into<String>) -> Self {
        CsvCell::Text(s.into())
    }
}

/// `数值（%）`: a column header naming the unit of its numbers.
pub fn column_with_unit(name: &str, unit: Unit) -> String {
    format!("{name}（{}）", unit.name_zh())
}

impl CsvTable {
    /// The file's text: BOM, header lines, a blank line, the column header row and the rows,
    /// with CRLF line ends (RFC 4180, what Excel writes).
    pub fn to_csv(&self) -> String {
        let mut lines: Vec<Vec<String>> = vec![
            vec!["标题 Title".into(), neutralise(&self.title)],
            vec!["来源 Source".into(), neutralise(&self.source)],
            vec!["数据版本 Snapshot id".into(), neutralise(&self.snapshot_id)],
            vec!["SHA-256".into(), neutralise(&self.sha256)],
        ];
        if let Some(cite) = &self.cite {
            lines.push(vec!["许可协议 Licence".into(), neutralise(&cite.license)]);
            lines.push(vec!["网址 URL".into(), neutralise(&cite.url)]);
            lines.push(vec!["如何引用 Cite (GB/T 7714)".into(), neutralise(&cite.gb_t_7714())]);
            lines.push(vec!["Cite as".into(), neutralise(&cite.plain_english())]);
        }
        if self.sample {
            lines.push(vec!["示例数据 Sample data".into(), SAMPLE_NOTICE_ZH.into()]);
            lines.push(vec![String::new(), SAMPLE_NOTICE_EN.into()]);
        }
        let mut out = String::from(UTF8_BOM);
        write_records(&mut out, &lines);
        out.push_str("\r\n");
        let mut table: Vec<Vec<String>> = Vec::with_capacity(self.rows.len() + 1);
        table.push(self.columns.iter().map(|c| neutralise(c)).collect());
        table.extend(self.rows.iter().map(|row| row.iter().map(cell_text).collect()));
        write_records(&mut out, &table);
        out
    }
}

/// What a downloaded file holds, spelled out in its name, so a folder of downloads sorts by county
/// and period and says what each file is: `530426-2024-2025-large_class_share-ranking.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct DownloadName<'a> {
    /// County code.
    pub county: &'a str,
    /// A school year (`2024-2025`) or a span of them (`2021-2025`, see [`period_span`]).
    pub period: &'a str,
    /// What the figure is about when it is not the whole kind: an indicator id, a township code.
    pub subject: Option<&'a str>,
    /// The kind of figure or file (`ranking`, `map`, `satisfaction-heatmap`, `indicators`).
    pub kind: &'a str,
    /// Made-up data: the name ends in `-sample`, so a file cannot lose the label by being renamed
    /// less than it takes to notice.
    pub sample: bool,
}

impl DownloadName<'_> {
    /// The file name with `extension` (`csv`, `png`, `svg`). Every part is reduced to ASCII
    /// letters, digits, `_` and `-` (others become `_`), so the name is safe on every system.
    pub fn file(&self, extension: &str) -> String {
        let mut parts = vec![self.county, self.period];
        parts.extend(self.subject);
        parts.push(self.kind);
        if self.sample {
            parts.push("sample");
        }
        let stem: Vec<String> = parts.iter().filter(|p| !p.is_empty()).map(|p| file_safe(p)).collect();
        format!("{}.{}", stem.join("-"), file_safe(extension))
    }
}

/// The school years from `first` to `last` as one period: `2021-2022` … `2024-2025` → `2021-2025`.
pub fn period_span(first: &SchoolYear, last: &SchoolYear) -> String {
    match (first.start_year(), last.start_year()) {
        (Some(a), Some(b)) if a < b => format!("{a}-{}", b + 1),
        _ => last.to_string(),
    }
}

fn file_safe(part: &str) -> String {
    part.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' || c == '-' { c } else { '_' }).collect()
}

/// Column headers of [`indicators_csv`].
pub const INDICATOR_COLUMNS: [&str; 9] = [
    "层级 Level",
    "代码 Code",
    "名称 Name",
    "指标 Indicator",
    "指标名称 Indicator name",
    "数值 Value",
    "单位 Unit",
    "标准 Standard",
    "对照标准 Standing",
];

/// Every indicator of the table with a county value, then every township-level indicator for each
/// township in the snapshot's order: one row per (place, indicator), a missing value as an empty
/// cell. `snapshot_id` and `sha256` identify the published file the figures come from.
pub fn indicators_csv(
    snapshot_id: &str,
    sha256: &str,
    snapshot: &Snapshot,
    values: &IndicatorValues,
) -> String {
    indicators_table(snapshot_id, sha256, snapshot, values).to_csv()
}

/// The table [`indicators_csv`] writes.
pub fn indicators_table(
    snapshot_id: &str,
    sha256: &str,
    snapshot: &Snapshot,
    values: &IndicatorValues,
) -> CsvTable {
    let meta = &snapshot.meta;
    let mut rows = Vec::new();
    let county_code = meta.county_code.to_string();
    for def in INDICATORS.iter().filter(|d| d.exists_at(Level::County)) {
        rows.push(indicator_row(Level::County, &county_code, &meta.county_name, def, values.county(def.id)));
    }
    for township in &snapshot.townships {
        for def in INDICATORS.iter().filter(|d| d.exists_at(Level::Township)) {
            let value = values.township(def.id, &township.code);
            rows.push(indicator_row(Level::Township, township.code.as_str(), &township.name, def, value));
        }
    }
    CsvTable {
        title: format!(
            "{} {} 教育指标 / education indicators, {}",
            meta.county_name,
            meta.school_year.label_zh(),
            meta.school_year
        ),
        source: format!("{}；{}", meta.publisher, meta.source),
        snapshot_id: snapshot_id.to_string(),
        sha256: sha256.to_string(),
        sample: meta.sample,
        cite: None,
        columns: INDICATOR_COLUMNS.iter().map(|c| c.to_string()).collect(),
        rows,
    }
}

fn indicator_row(
    level: Level,
    code: &str,
    name: &str,
    def: &IndicatorDef,
    value: Option<f64>,
) -> Vec<CsvCell> {
    let standing = evaluate(def, value);
    vec![
        CsvCell::text(format!("{} {}", level.label_zh(), level.label_en())),
        CsvCell::text(code),
        CsvCell::text(name),
        CsvCell::text(def.id),
        CsvCell::text(def.name_zh),
        CsvCell::Number(value, def.unit),
        CsvCell::text(def.unit.name_zh()),
        CsvCell::text(def.threshold.map(|t| t.label()).unwrap_or_default()),
        CsvCell::text(format!("{} {}", standing.label_zh(), standing.label_en())),
    ]
}

/// Quote with the csv crate (commas, quotes and line breaks inside a cell) and append.
pub(crate) fn write_records(out: &mut String, records: &[Vec<String>]) {
    let mut writer =
        csv::WriterBuilder::new().flexible(true).terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    for record in records {
        // Writing into a Vec cannot fail with an I/O error, and `flexible` accepts any record
        // length; should the csv crate still refuse a record, it is skipped rather than panic.
        let _ = writer.write_record(record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    // The csv writer copies our UTF-8 strings byte for byte and adds only ASCII.
    out.push_str(&String::from_utf8_lossy(&bytes));
}

fn cell_text(cell: &CsvCell) -> String {
    match cell {
        CsvCell::Text(s) => neutralise(s),
        CsvCell::Number(value, unit) => plain_number(*value, *unit),
    }
}

/// OWASP CSV-injection guidance: a cell starting with one of these characters is run as a
/// formula by Excel, LibreOffice or Google Sheets; a leading `'` makes it text.
fn neutralise(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// `12345.678` in m²/生 → `12345.68`; missing → empty. Rounded to the unit's decimals, as the
/// portal shows it; `-0.00` after rounding is written `0.00`.
pub fn plain_number(value: Option<f64>, unit: Unit) -> String {
    match value {
        Some(v) if v.is_finite() => {
            let text = format!("{:.*}", unit.decimals(), v);
            match text.strip_prefix('-') {
                Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => rest.to_string(),
                _ => text,
            }
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: Vec<Vec<CsvCell>>, sample: bool) -> CsvTable {
        CsvTable {
            title: "峨山彝族自治县 2024–2025学年 指标".into(),
            source: "峨山彝族自治县教育体育局，教育事业统计年报".into(),
            snapshot_id: "530426-2024-2025".into(),
            sha256: "ab".repeat(32),
            sample,
            cite: None,
            columns: vec!["名称".into(), column_with_unit("数值", Unit::Percent)],
            rows,
        }
    }

    /// The lines of the file after the BOM, CRLF-split.
    fn lines(csv: &str) -> Vec<String> {
        csv.trim_start_matches(UTF8_BOM).split("\r\n").map(String::from).collect()
    }

    #[test]
    fn starts_with_a_bom_and_carries_provenance_before_the_table() {
        let csv =
            table(vec![vec![CsvCell::text("化念镇"), CsvCell::Number(Some(95.18), Unit::Percent)]], false)
                .to_csv();
        assert!(csv.starts_with('\u{FEFF}'));
        assert_eq!(csv.as_bytes()[..3], [0xEF, 0xBB, 0xBF]);
        assert_eq!(
            lines(&csv),
            [
                "标题 Title,峨山彝族自治县 2024–2025学年 指标",
                "来源 Source,峨山彝族自治县教育体育局，教育事业统计年报",
                "数据版本 Snapshot id,530426-2024-2025",
                &format!("SHA-256,{}", "ab".repeat(32)),
                "",
                "名称,数值（%）",
                // 95.18 shown with the percent unit's one decimal, as on the portal.
                "化念镇,95.2",
                "",
            ]
        );
    }

    #[test]
    fn sample_data_says_so_in_both_languages() {
        let csv = table(vec![], true).to_csv();
        let lines = lines(&csv);
        assert_eq!(lines[4], format!("示例数据 Sample data,{SAMPLE_NOTICE_ZH}"));
        assert_eq!(lines[5], format!(",{SAMPLE_NOTICE_EN}"));
        assert_eq!(lines[6], "");
        assert_eq!(lines[7], "名称,数值（%）");
    }

    #[test]
    fn a_cited_table_carries_its_licence_address_and_both_citations() {
        let cite = Citation {
            publisher: "峨山彝族自治县教育体育局".into(),
            title: "峨山彝族自治县：大班额比例（按乡镇）".into(),
            title_en: None,
            school_year: crate::SchoolYear("2024-2025".into()),
            snapshot_id: "530426-2024-2025".into(),
            sha256: "ab".repeat(32),
            published: crate::Date("2025-03-01".into()),
            url: "https://atlas.example.gov.cn/compare?county=530426&snapshot=530426-2024-2025".into(),
            accessed: crate::Date("2025-06-10".into()),
            license: "CC BY 4.0".into(),
            sample: false,
        };
        let csv = CsvTable { cite: Some(cite.clone()), ..table(vec![], false) }.to_csv();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.trim_start_matches(UTF8_BOM).as_bytes());
        let records: Vec<Vec<String>> =
            reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        assert_eq!(records[4], ["许可协议 Licence", "CC BY 4.0"]);
        assert_eq!(
            records[5],
            ["网址 URL", "https://atlas.example.gov.cn/compare?county=530426&snapshot=530426-2024-2025"]
        );
        assert_eq!(records[6], ["如何引用 Cite (GB/T 7714)".to_string(), cite.gb_t_7714()]);
        assert_eq!(records[7], ["Cite as".to_string(), cite.plain_english()]);
        assert_eq!(records[8], ["名称", "数值（%）"]);
    }

    #[test]
    fn a_download_is_named_by_county_period_subject_and_kind() {
        let ranking = DownloadName {
            county: "530426",
            period: "2024-2025",
            subject: Some("large_class_share"),
            kind: "ranking",
            sample: false,
        };
        assert_eq!(ranking.file("csv"), "530426-2024-2025-large_class_share-ranking.csv");
        let sample = DownloadName { sample: true, ..ranking.clone() };
        assert_eq!(sample.file("png"), "530426-2024-2025-large_class_share-ranking-sample.png");
        let heatmap = DownloadName { subject: None, kind: "satisfaction-heatmap", ..ranking };
        assert_eq!(heatmap.file("svg"), "530426-2024-2025-satisfaction-heatmap.svg");
        let odd =
            DownloadName { county: "53/04", period: "", subject: Some("a b"), kind: "map", sample: false };
        assert_eq!(odd.file("csv"), "53_04-a_b-map.csv");
        let years = |a: &str, b: &str| period_span(&SchoolYear(a.into()), &SchoolYear(b.into()));
        assert_eq!(years("2021-2022", "2024-2025"), "2021-2025");
        assert_eq!(years("2024-2025", "2024-2025"), "2024-2025");
    }

    #[test]
    fn formula_like_text_is_neutralised() {
        let rows = ["=1+1", "+1", "-1", "@SUM(A1:A2)", "\tx", "\rx", "a=1", "1-2"]
            .iter()
            .map(|t| vec![CsvCell::text(*t)])
            .collect();
        let csv = table(rows, false).to_csv();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.trim_start_matches(UTF8_BOM).as_bytes());
        let cells: Vec<String> =
            reader.records().map(|r| r.unwrap().get(0).unwrap_or("").to_string()).skip(4).collect();
        assert_eq!(cells, ["名称", "'=1+1", "'+1", "'-1", "'@SUM(A1:A2)", "'\tx", "'\rx", "a=1", "1-2"]);
    }

    #[test]
    fn numbers_are_never_altered_and_missing_is_empty() {
        let rows = vec![
            vec![CsvCell::text("a"), CsvCell::Number(Some(-1.25), Unit::Coefficient)],
            vec![CsvCell::text("b"), CsvCell::Number(None, Unit::Percent)],
            vec![CsvCell::text("c"), CsvCell::Number(Some(f64::NAN), Unit::Percent)],
            vec![CsvCell::text("d"), CsvCell::Number(Some(44545.0), Unit::Count)],
            vec![CsvCell::text("e"), CsvCell::Number(Some(-0.0001), Unit::Percent)],
        ];
        let lines = lines(&table(rows, false).to_csv());
        // Negative numbers stay numbers (no quote), no thousands separator, -0.0 becomes 0.0.
        assert_eq!(lines[6..11], ["a,-1.250", "b,", "c,", "d,44545", "e,0.0"]);
    }

    /// The data rows of an indicators CSV, as cells.
    fn indicator_rows(csv: &str) -> Vec<Vec<String>> {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.trim_start_matches(UTF8_BOM).as_bytes());
        let records: Vec<Vec<String>> =
            reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
        let header =
            records.iter().position(|r| r.first().map(String::as_str) == Some(INDICATOR_COLUMNS[0])).unwrap();
        records[header + 1..].to_vec()
    }

    #[test]
    fn indicators_csv_has_every_indicator_at_county_and_township_level() {
        let snapshot = crate::test_support::example_snapshot();
        let values = crate::indicators::compute(&snapshot);
        let csv = indicators_csv("530426-2024-2025", &"0".repeat(64), &snapshot, &values);
        assert!(csv.starts_with(UTF8_BOM));
        assert!(csv.contains(SAMPLE_NOTICE_ZH), "the example is sample data");
        let rows = indicator_rows(&csv);
        let county_defs = INDICATORS.iter().filter(|d| d.exists_at(Level::County)).count();
        let township_defs = INDICATORS.iter().filter(|d| d.exists_at(Level::Township)).count();
        assert_eq!(rows.len(), county_defs + snapshot.townships.len() * township_defs);

        let row = |code: &str, id: &str| rows.iter().find(|r| r[1] == code && r[3] == id).unwrap().clone();
        // 化念镇's only primary pupils are the nine-year school's 520, with 30 full-time teachers of
        // whom 15 are above the required degree: 15 ÷ 520 × 100 = 2.88 per 100 pupils, short of the
        // 优质均衡 line of 4.2 for primary schools.
        let degree = row("530426100", "degree_teachers_per100_primary");
        assert_eq!(degree[0], "乡镇 township");
        assert_eq!(degree[2], "化念镇");
        assert_eq!(degree[5], "2.88");
        assert_eq!(degree[7], "≥4.2");
        assert_eq!(degree[8], "未达标 below the standard");
        // Reported by the bureau: 101.72% retention, printed with the percent unit's one decimal.
        let retention = row("530426", "compulsory_retention_rate");
        assert_eq!(retention[0], "县 county");
        assert_eq!(retention[5], "101.7");
        // 岔河乡 has no population figures: its gross enrolment rate is an empty cell.
        let gross = row("530426200", "preschool_gross_enrolment");
        assert_eq!((gross[5].as_str(), gross[8].as_str()), ("", "无数据 no data"));
    }

    #[test]
    fn commas_quotes_and_newlines_are_quoted_and_round_trip() {
        let awkward = ["逗号,在中间", "引号\"在中间", "换行\n在中间", "峨山彝族自治县"];
        let rows = awkward
            .iter()
            .map(|t| vec![CsvCell::text(*t), CsvCell::Number(Some(1.0), Unit::Count)])
            .collect();
        let csv = table(rows, false).to_csv();
        assert!(csv.contains("\"逗号,在中间\",1"));
        assert!(csv.contains("\"引号\"\"在中间\",1"));
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.trim_start_matches(UTF8_BOM).as_bytes());
        let back: Vec<String> =
            reader.records().map(|r| r.unwrap().get(0).unwrap_or("").to_string()).skip(4).collect();
        assert_eq!(back[1..], awkward);
    }
}
