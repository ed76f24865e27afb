//! Import: build a snapshot from the CSV files a county bureau keeps, and the inverse (write a
//! snapshot out as those CSV files), so `atlas import` of files written from a snapshot gives the
//! same snapshot back.
//!
//! The files (column tables with examples in `docs/publishing.md`):
//! - a meta JSON file: the snapshot's `meta` object exactly as in `docs/data-format.md`;
//! - `schools.csv`: **one row per school per stage** (学段). A 九年一贯制 school has a 小学 row
//!   and an 初中 row. The school's own columns (name, township, type, ownership, location,
//!   facilities) may be repeated on each of its rows or left blank after the first; when they are
//!   repeated they must agree. This keeps every row the same short width (about 20 columns)
//!   instead of six stage blocks side by side;
//! - `townships.csv`, optional `population.csv`, `reported.csv` and `survey.csv`.
//!
//! Headers may be Chinese (`学生数`) or English snake_case (`students`); a unit in brackets after
//! a header (`教学及辅助用房面积（平方米）`) is ignored, as are spaces. Every bad cell is reported, not
//! just the first, as `file:line:column` with the path `schools.csv row 14, column 学生数`. The
//! snapshot built from good files then goes through the same validation as a published file.

use crate::codes::TownshipCode;
use crate::report::{FileReport, Issue};
use crate::snapshot::{
    Facilities, Likert, Location, Meta, Ownership, Population, ReportLevel, ReportedValue, RespondentGroup,
    School, SchoolType, Snapshot, Stage, StageRecord, Stages, Survey, SurveyArea, SurveyResult, Teachers,
    Township, TownshipKind, SCHEMA_VERSION,
};
use crate::validate::rules;
use std::collections::BTreeMap;

/// A cell that does not parse: the rule it breaks and the message in Chinese and English.
type Problem = (&'static str, String, String);

/// One input file: its name (for messages) and its bytes.
#[derive(Clone, Copy, Debug)]
pub struct InputFile<'a> {
    pub name: &'a str,
    pub bytes: &'a [u8],
}

/// The files `atlas import` reads.
#[derive(Clone, Copy, Debug)]
pub struct ImportFiles<'a> {
    /// JSON: the snapshot's `meta` object.
    pub meta: InputFile<'a>,
    pub schools: InputFile<'a>,
    pub townships: InputFile<'a>,
    pub population: Option<InputFile<'a>>,
    pub reported: Option<InputFile<'a>>,
    pub survey: Option<InputFile<'a>>,
}

/// A snapshot built from CSV, with the warnings found on the way (they do not block it).
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub snapshot: Snapshot,
    pub warnings: Vec<FileReport>,
}

/// A snapshot written as import files: `meta_json` and CSV texts (UTF-8 with BOM). Optional files
/// are `None` when the snapshot has nothing for them.
#[derive(Clone, Debug, PartialEq)]
pub struct CsvFiles {
    pub meta_json: String,
    pub schools: String,
    pub townships: String,
    pub population: Option<String>,
    pub reported: Option<String>,
    pub survey: Option<String>,
}

/// Conventional file names for [`CsvFiles`], used by `atlas export --import-files` and the docs.
pub const META_FILE: &str = "meta.json";
pub const SCHOOLS_FILE: &str = "schools.csv";
pub const TOWNSHIPS_FILE: &str = "townships.csv";
pub const POPULATION_FILE: &str = "population.csv";
pub const REPORTED_FILE: &str = "reported.csv";
pub const SURVEY_FILE: &str = "survey.csv";

// ---------------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------------

/// A column: the Chinese header written by [`snapshot_to_csv`], the English snake_case alias, and
/// other accepted spellings.
#[derive(Debug)]
pub struct Column {
    pub zh: &'static str,
    pub en: &'static str,
    pub also: &'static [&'static str],
    /// Unit written in brackets after the header on export (not needed on import).
    pub unit: Option<&'static str>,
}

const fn col(zh: &'static str, en: &'static str) -> Column {
    Column { zh, en, also: &[], unit: None }
}

impl Column {
    fn header(&self) -> String {
        match self.unit {
            Some(u) => format!("{}（{u}）", self.zh),
            None => self.zh.to_string(),
        }
    }

    fn matches(&self, normalised_header: &str) -> bool {
        normalise_header(self.zh) == normalised_header
            || self.en == normalised_header
            || self.also.iter().any(|a| normalise_header(a) == normalised_header)
    }
}

/// Columns of `schools.csv`, in the order they are written.
pub mod school_columns {
    use super::{col, Column};
    pub const ID: Column =
        Column { also: &["学校代码", "学校编号", "id"], ..col("学校标识码", "school_id") };
    pub const NAME: Column = Column { also: &["名称", "name"], ..col("学校名称", "school_name") };
    pub const TOWNSHIP: Column = Column { also: &["township"], ..col("乡镇代码", "township_code") };
    pub const TYPE: Column = Column { also: &["type"], ..col("办学类型", "school_type") };
    pub const OWNERSHIP: Column = Column { also: &["举办者类型"], ..col("办学性质", "ownership") };
    pub const STAGE: Column = Column { also: &["学部"], ..col("学段", "stage") };
    pub const STUDENTS: Column =
        Column { also: &["在校生数", "在园幼儿数"], ..col("学生数", "students") };
    pub const CLASSES: Column = col("班数", "classes");
    pub const LARGE_CLASSES: Column =
        Column { also: &["大班额"], ..col("大班额班数", "large_classes") };
    pub const TEACHERS: Column =
        Column { also: &["专任教师"], ..col("专任教师数", "teachers_full_time") };
    pub const ABOVE_DEGREE: Column = Column {
        also: &["高于规定学历"],
        ..col("高于规定学历教师数", "teachers_above_degree")
    };
    pub const BACKBONE: Column = Column {
        also: &["骨干教师数", "骨干教师"],
        ..col("县级及以上骨干教师数", "teachers_backbone")
    };
    pub const PE_ART: Column =
        Column { also: &["体育艺术教师数"], ..col("体育艺术专任教师数", "teachers_pe_art") };
    pub const SENIOR_TITLE: Column =
        Column { also: &["高级职称"], ..col("高级职称教师数", "teachers_senior_title") };
    pub const LON: Column = Column { also: &["lon"], ..col("经度", "longitude") };
    pub const LAT: Column = Column { also: &["lat"], ..col("纬度", "latitude") };
    pub const FLOOR_AREA: Column =
        Column { unit: Some("平方米"), ..col("教学及辅助用房面积", "floor_area_m2") };
    pub const INDOOR_SPORTS: Column =
        Column { unit: Some("平方米"), ..col("室内体育用房面积", "indoor_sports_area_m2") };
    pub const SPORTS_GROUND: Column =
        Column { unit: Some("平方米"), ..col("运动场地面积", "sports_ground_area_m2") };
    pub const EQUIPMENT: Column =
        Column { unit: Some("元"), ..col("教学仪器设备值", "equipment_value_yuan") };
    pub const MULTIMEDIA: Column = col("网络多媒体教室数", "multimedia_classrooms");
    pub const BOOKS: Column = Column { unit: Some("册"), also: &["图书"], ..col("图书册数", "books") };

    pub const ALL: [&Column; 22] = [
        &ID,
        &NAME,
        &TOWNSHIP,
        &TYPE,
        &OWNERSHIP,
        &STAGE,
        &STUDENTS,
        &CLASSES,
        &LARGE_CLASSES,
        &TEACHERS,
        &ABOVE_DEGREE,
        &BACKBONE,
        &PE_ART,
        &SENIOR_TITLE,
        &LON,
        &LAT,
        &FLOOR_AREA,
        &INDOOR_SPORTS,
        &SPORTS_GROUND,
        &EQUIPMENT,
        &MULTIMEDIA,
        &BOOKS,
    ];
    /// The facility columns: all six on a row, or none.
    pub const FACILITIES: [&Column; 6] =
        [&FLOOR_AREA, &INDOOR_SPORTS, &SPORTS_GROUND, &EQUIPMENT, &MULTIMEDIA, &BOOKS];
    pub const REQUIRED: [&Column; 13] = [
        &ID,
        &NAME,
        &TOWNSHIP,
        &TYPE,
        &OWNERSHIP,
        &STAGE,
        &STUDENTS,
        &CLASSES,
        &TEACHERS,
        &ABOVE_DEGREE,
        &BACKBONE,
        &PE_ART,
        &SENIOR_TITLE,
    ];
}

/// Columns of `townships.csv`.
pub mod township_columns {
    use super::{col, Column};
    pub const CODE: Column =
        Column { also: &["乡镇代码", "统计用区划代码", "township_code"], ..col("代码", "code") };
    pub const NAME: Column = Column { also: &["乡镇名称", "乡镇"], ..col("名称", "name") };
    pub const KIND: Column = Column { also: &["乡镇类型"], ..col("类型", "kind") };
    pub const ALL: [&Column; 3] = [&CODE, &NAME, &KIND];
}

/// Columns of `population.csv` (resident population by age band; blank = not known).
pub mod population_columns {
    use super::{col, Column};
    pub const TOWNSHIP: Column =
        Column { also: &["代码", "township"], ..col("乡镇代码", "township_code") };
    pub const AGE_0_2: Column = Column { also: &["0-2岁人口"], ..col("0-2岁", "age_0_2") };
    pub const AGE_3_5: Column = Column { also: &["3-5岁人口"], ..col("3-5岁", "age_3_5") };
    pub const AGE_6_11: Column = Column { also: &["6-11岁人口"], ..col("6-11岁", "age_6_11") };
    pub const AGE_12_14: Column = Column { also: &["12-14岁人口"], ..col("12-14岁", "age_12_14") };
    pub const AGE_15_17: Column = Column { also: &["15-17岁人口"], ..col("15-17岁", "age_15_17") };
    pub const ALL: [&Column; 6] = [&TOWNSHIP, &AGE_0_2, &AGE_3_5, &AGE_6_11, &AGE_12_14, &AGE_15_17];
}

/// Columns of `reported.csv`.
pub mod reported_columns {
    use super::{col, Column};
    pub const INDICATOR: Column =
        Column { also: &["指标代码", "指标编号"], ..col("指标", "indicator") };
    pub const VALUE: Column = Column { also: &["值"], ..col("数值", "value") };
    pub const UNIT: Column = col("单位", "unit");
    pub const LEVEL: Column = col("层级", "level");
    pub const TOWNSHIP: Column = Column { also: &["township"], ..col("乡镇代码", "township_code") };
    pub const SOURCE: Column = col("来源", "source");
    pub const NOTE: Column = Column { also: &["说明"], ..col("备注", "note") };
    pub const ALL: [&Column; 7] = [&INDICATOR, &VALUE, &UNIT, &LEVEL, &TOWNSHIP, &SOURCE, &NOTE];
    pub const REQUIRED: [&Column; 5] = [&INDICATOR, &VALUE, &UNIT, &LEVEL, &SOURCE];
}

/// Columns of `survey.csv`: per row either 答卷人数 + 认可人数, or the five Likert counts.
pub mod survey_columns {
    use super::{col, Column};
    pub const GROUP: Column = Column { also: &["调查对象", "对象"], ..col("群体", "group") };
    pub const AREA: Column = Column { also: &["问题领域", "调查内容"], ..col("领域", "area") };
    pub const TOWNSHIP: Column = Column { also: &["township"], ..col("乡镇代码", "township_code") };
    pub const RESPONDENTS: Column =
        Column { also: &["调查人数", "有效问卷数"], ..col("答卷人数", "respondents") };
    pub const SATISFIED: Column =
        Column { also: &["满意人数", "认可人数（满意）"], ..col("认可人数", "satisfied") };
    pub const VERY_SATISFIED: Column = col("非常满意", "likert_very_satisfied");
    pub const LIKERT_SATISFIED: Column = col("满意", "likert_satisfied");
    pub const NEUTRAL: Column = col("一般", "likert_neutral");
    pub const DISSATISFIED: Column = col("不满意", "likert_dissatisfied");
    pub const VERY_DISSATISFIED: Column = col("非常不满意", "likert_very_dissatisfied");
    pub const LIKERT: [&Column; 5] =
        [&VERY_SATISFIED, &LIKERT_SATISFIED, &NEUTRAL, &DISSATISFIED, &VERY_DISSATISFIED];
    pub const ALL: [&Column; 10] = [
        &GROUP,
        &AREA,
        &TOWNSHIP,
        &RESPONDENTS,
        &SATISFIED,
        &VERY_SATISFIED,
        &LIKERT_SATISFIED,
        &NEUTRAL,
        &DISSATISFIED,
        &VERY_DISSATISFIED,
    ];
}

/// Header text as compared: no BOM, no spaces, no unit in brackets at the end, ASCII lowercase,
/// and `–`, `—`, `~`, `～` read as `-` (3–5岁, 3~5岁).
fn normalise_header(header: &str) -> String {
    let mut h: String = header
        .trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '–' | '—' | '~' | '～' | '－' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if h.ends_with(close) {
            if let Some(start) = h.rfind(open) {
                if start > 0 {
                    h.truncate(start);
                }
            }
        }
    }
    h
}

// ---------------------------------------------------------------------------------------------
// Reading a CSV file into rows
// ---------------------------------------------------------------------------------------------

/// A parsed CSV file: which file column holds each known column, and the data rows.
struct Sheet<'a> {
    file: &'a str,
    /// Header text as written in the file, by 0-based position.
    headers: Vec<String>,
    /// Position of each known column present, by its Chinese name.
    positions: BTreeMap<&'static str, usize>,
    rows: Vec<Row>,
}

struct Row {
    /// 1-based line number of the row in the file (the spreadsheet row number).
    line: u64,
    cells: Vec<String>,
}

/// Read `input` as CSV with a header row. Problems go to `report`; `None` when the file cannot be
/// read as a table at all (not UTF-8, no header row, a required column missing).
fn read_sheet<'a>(
    input: &InputFile<'a>,
    known: &[&'static Column],
    required: &[&'static Column],
    report: &mut FileReport,
) -> Option<Sheet<'a>> {
    let file = input.name;
    if let Err(e) = crate::load::check_size(file, input.bytes.len() as u64) {
        report.push(e.issue);
        return None;
    }
    let bytes = input.bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input.bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let before = bytes.get(..e.valid_up_to()).unwrap_or(bytes);
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
        let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count() as u64;
        report.push(
            Issue::error(
                "not_utf8",
                format!("{file} row {line}"),
                "文件不是 UTF-8 编码（Excel 另存为“CSV（逗号分隔）”时使用 GBK 编码）。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”",
                "the file is not UTF-8 (Excel's plain \"CSV (Comma delimited)\" on Chinese Windows writes GBK); \
                 save it as \"CSV UTF-8 (Comma delimited)\"",
            )
            .at(line, column),
        );
        return None;
    }

    let lines = LineIndex::new(bytes);
    let mut reader = csv::ReaderBuilder::new().has_headers(false).flexible(true).from_reader(bytes);
    let mut records = reader.records();
    let mut header: Option<(u64, Vec<String>)> = None;
    let mut rows = Vec::new();
    for record in records.by_ref() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| lines.line_of(p.byte())).unwrap_or(0);
                report.push(
                    Issue::error(
                        "malformed_csv",
                        format!("{file} row {line}"),
                        format!("CSV 格式错误：{e}"),
                        format!("malformed CSV: {e}"),
                    )
                    .at(line, 1),
                );
                return None;
            }
        };
        let line = record.position().map(|p| lines.line_of(p.byte())).unwrap_or(0);
        let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
        // Excel leaves rows of empty cells after deleted data; they are not records.
        if cells.iter().all(String::is_empty) {
            continue;
        }
        match header {
            None => header = Some((line, cells)),
            Some(_) => rows.push(Row { line, cells }),
        }
    }
    let Some((header_line, headers)) = header else {
        report.push(
            Issue::error(rules::EMPTY_FILE, file, "文件为空，缺少表头行", "the file is empty: no header row")
                .at(1, 1),
        );
        return None;
    };

    let mut positions = BTreeMap::new();
    let mut ok = true;
    for (i, text) in headers.iter().enumerate() {
        let normalised = normalise_header(text);
        let column_no = i as u64 + 1;
        match known.iter().find(|c| c.matches(&normalised)) {
            Some(c) => {
                if let Some(first) = positions.insert(c.zh, i) {
                    ok = false;
                    report.push(
                        Issue::error(
                            "duplicate_column",
                            format!("{file} row {header_line}, column {text}"),
                            format!("列“{}”出现了两次（第 {} 列和第 {column_no} 列）", c.zh, first + 1),
                            format!(
                                "column `{}` appears twice (columns {} and {column_no})",
                                c.zh,
                                first + 1
                            ),
                        )
                        .at(header_line, column_no),
                    );
                }
            }
            None => report.push(
                Issue::warning(
                    "unknown_column",
                    format!("{file} row {header_line}, column {text}"),
                    format!("不认识的列“{text}”，已忽略。可用的列：{}", column_names(known)),
                    format!("unknown column `{text}`, ignored. Known columns: {}", column_names(known)),
                )
                .at(header_line, column_no),
            ),
        }
    }
    for c in required {
        if !positions.contains_key(c.zh) {
            ok = false;
            let mut issue = Issue::error(
                "missing_column",
                format!("{file} row {header_line}, column {}", c.zh),
                format!("缺少必填列“{}”（英文列名 {}）", c.zh, c.en),
                format!("missing required column `{}` (`{}`)", c.zh, c.en),
            );
            issue.line = Some(header_line);
            report.push(issue);
        }
    }
    ok.then_some(Sheet { file, headers, positions, rows })
}

/// Line numbers from byte offsets. The csv crate's own `Position::line` is not used: after a CRLF
/// line end (what Excel writes) it reports the record at the `\n` of the previous line, one line
/// too early.
struct LineIndex {
    newlines: Vec<usize>,
    len: usize,
}

impl LineIndex {
    fn new(bytes: &[u8]) -> Self {
        let newlines = bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i).collect();
        LineIndex { newlines, len: bytes.len() }
    }

    /// The 1-based line of the record starting at `byte` (a `\n` there ends the previous line).
    fn line_of(&self, byte: u64) -> u64 {
        let byte = (byte as usize).min(self.len);
        // Newlines before `byte`, and the one at `byte` itself in the CRLF case.
        self.newlines.partition_point(|&n| n <= byte) as u64 + 1
    }
}

fn column_names(columns: &[&Column]) -> String {
    columns.iter().map(|c| c.zh).collect::<Vec<_>>().join("、")
}

/// One row being read: cell access, value parsing and the issues found in it.
struct RowReader<'s, 'a> {
    sheet: &'s Sheet<'a>,
    row: &'s Row,
    issues: Vec<Issue>,
}

/// A cell's content: blank, a good value, or bad (already reported).
enum Cell<T> {
    Blank,
    Value(T),
    Bad,
}

impl<T> Cell<T> {
    fn value(self) -> Option<T> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<'s, 'a> RowReader<'s, 'a> {
    fn new(sheet: &'s Sheet<'a>, row: &'s Row) -> Self {
        let mut reader = RowReader { sheet, row, issues: Vec::new() };
        for (i, cell) in row.cells.iter().enumerate().skip(sheet.headers.len()) {
            if !cell.is_empty() {
                let line = row.line;
                reader.issues.push(
                    Issue::error(
                        "extra_cell",
                        format!("{} row {line}, column {}", sheet.file, i + 1),
                        format!("第 {} 列没有表头，但有内容“{cell}”", i + 1),
                        format!("column {} has no header but holds `{cell}`", i + 1),
                    )
                    .at(line, i as u64 + 1),
                );
            }
        }
        reader
    }

    /// The trimmed text of a column ("" when the column is absent or the row is short).
    fn raw(&self, column: &Column) -> &'s str {
        self.sheet
            .positions
            .get(column.zh)
            .and_then(|&i| self.row.cells.get(i))
            .map(String::as_str)
            .unwrap_or("")
    }

    fn location(&self, column: &Column) -> (String, u64) {
        match self.sheet.positions.get(column.zh) {
            Some(&i) => (
                format!(
                    "{} row {}, column {}",
                    self.sheet.file,
                    self.row.line,
                    self.sheet.headers.get(i).map(String::as_str).unwrap_or(column.zh)
                ),
                i as u64 + 1,
            ),
            None => (format!("{} row {}, column {}", self.sheet.file, self.row.line, column.zh), 0),
        }
    }

    fn error(&mut self, column: &Column, rule: &'static str, zh: String, en: String) {
        let (path, column_no) = self.location(column);
        let mut issue = Issue::error(rule, path, zh, en);
        issue.line = Some(self.row.line);
        if column_no > 0 {
            issue.column = Some(column_no);
        }
        self.issues.push(issue);
    }

    fn parse<T>(&mut self, column: &Column, parse: impl Fn(&str) -> Result<T, Problem>) -> Cell<T> {
        let text = self.raw(column);
        if text.is_empty() {
            return Cell::Blank;
        }
        match parse(text) {
            Ok(v) => Cell::Value(v),
            Err((rule, zh, en)) => {
                self.error(column, rule, zh, en);
                Cell::Bad
            }
        }
    }

    fn require<T>(&mut self, column: &Column, cell: Cell<T>) -> Option<T> {
        match cell {
            Cell::Value(v) => Some(v),
            Cell::Bad => None,
            Cell::Blank => {
                self.error(
                    column,
                    "missing_value",
                    format!("“{}”为必填项，不能为空", column.zh),
                    format!("`{}` is required and is empty", column.zh),
                );
                None
            }
        }
    }

    fn text(&mut self, column: &Column) -> Option<String> {
        let cell = self.parse(column, |s| Ok(s.to_string()));
        self.require(column, cell)
    }

    fn optional_text(&mut self, column: &Column) -> Option<String> {
        self.parse(column, |s| Ok(s.to_string())).value()
    }

    fn count(&mut self, column: &Column) -> Option<u32> {
        let cell = self.parse(column, parse_count);
        self.require(column, cell)
    }

    fn amount(&mut self, column: &Column) -> Option<f64> {
        let cell = self.parse(column, parse_amount);
        self.require(column, cell)
    }

    fn choice<T: Copy>(&mut self, column: &Column, choices: &[(&str, T)]) -> Option<T> {
        let cell = self.parse(column, |s| {
            choices.iter().find(|(label, _)| *label == s).map(|&(_, v)| v).ok_or_else(|| {
                let allowed: Vec<&str> = choices.iter().map(|(l, _)| *l).collect();
                (
                    rules::UNKNOWN_VALUE,
                    format!("“{s}”不是可用的取值；可用：{}", allowed.join("、")),
                    format!("`{s}` is not one of: {}", allowed.join(", ")),
                )
            })
        });
        self.require(column, cell)
    }
}

/// A whole number ≥ 0 that fits the format (counts of people, classes, books). Thousands
/// separators as Excel may write them (`1,234`) are accepted; decimals, negatives and `NaN` are not.
fn parse_count(text: &str) -> Result<u32, Problem> {
    let digits = strip_thousands(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.parse::<u32>().map_err(|_| {
            (
                rules::OUT_OF_RANGE,
                format!("“{text}”超出可记录的范围（最大 {}）", u32::MAX),
                format!("`{text}` is too large (the largest is {})", u32::MAX),
            )
        });
    }
    Err(match text.parse::<f64>() {
        Ok(v) if !v.is_finite() => (
            rules::NON_FINITE_NUMBER,
            format!("“{text}”不是有限数值"),
            format!("`{text}` is not a finite number"),
        ),
        Ok(v) if v < 0.0 => (
            rules::NEGATIVE_NUMBER,
            format!("“{text}”为负数；人数、个数不能为负"),
            format!("`{text}` is negative; a count cannot be"),
        ),
        Ok(_) => (
            rules::WRONG_TYPE,
            format!("“{text}”不是整数；人数、个数应为整数"),
            format!("`{text}` is not a whole number"),
        ),
        Err(_) => (
            rules::WRONG_TYPE,
            format!("“{text}”不是数字，应为非负整数"),
            format!("`{text}` is not a number; expected a whole number ≥ 0"),
        ),
    })
}

/// A finite number ≥ 0 (areas, money, rates).
fn parse_amount(text: &str) -> Result<f64, Problem> {
    parse_finite(text).and_then(|v| {
        if v < 0.0 {
            Err((
                rules::NEGATIVE_NUMBER,
                format!("“{text}”为负数，应为非负数"),
                format!("`{text}` is negative; expected a number ≥ 0"),
            ))
        } else {
            Ok(v)
        }
    })
}

/// A finite number of any sign (coordinates).
fn parse_finite(text: &str) -> Result<f64, Problem> {
    match strip_thousands(text).parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err((
            rules::NON_FINITE_NUMBER,
            format!("“{text}”不是有限数值"),
            format!("`{text}` is not a finite number"),
        )),
        Err(_) => Err((rules::WRONG_TYPE, format!("“{text}”不是数字"), format!("`{text}` is not a number"))),
    }
}

/// `12,345.5` → `12345.5`, only when the commas group thousands exactly (so `1,2` stays invalid).
fn strip_thousands(text: &str) -> String {
    if !text.contains(',') {
        return text.to_string();
    }
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let groups: Vec<&str> = int_part.split(',').collect();
    let well_grouped = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !well_grouped {
        return text.to_string();
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

fn file_report(name: &str) -> FileReport {
    FileReport::new(name)
}

// ---------------------------------------------------------------------------------------------
// The import
// ---------------------------------------------------------------------------------------------

/// Build a snapshot from the import files. `Err` holds a report for every file with problems
/// (warnings included) when any error was found, in the CSV files or in the built snapshot.
/// `snapshot_name` names the built snapshot in validation messages (the output path).
pub fn import_snapshot(files: &ImportFiles, snapshot_name: &str) -> Result<Imported, Vec<FileReport>> {
    let mut reports = Vec::new();

    let mut meta_report = file_report(files.meta.name);
    let meta = read_meta(&files.meta, &mut meta_report);
    reports.push(meta_report);

    let mut townships_report = file_report(files.townships.name);
    let mut townships = read_townships(&files.townships, &mut townships_report);
    reports.push(townships_report);

    if let Some(input) = &files.population {
        let mut report = file_report(input.name);
        attach_population(input, &mut townships, &mut report);
        reports.push(report);
    }

    let mut schools_report = file_report(files.schools.name);
    let (schools, school_lines) = read_schools(&files.schools, &mut schools_report);
    reports.push(schools_report);

    let mut reported = Vec::new();
    if let Some(input) = &files.reported {
        let mut report = file_report(input.name);
        reported = read_reported(input, &mut report);
        reports.push(report);
    }

    let mut satisfaction = None;
    if let Some(input) = &files.survey {
        let mut report = file_report(input.name);
        satisfaction = Some(Survey { results: read_survey(input, &mut report) });
        reports.push(report);
    }

    reports.retain(|r| !r.issues.is_empty());
    let (Some(meta), false) = (meta, reports.iter().any(FileReport::has_errors)) else {
        return Err(reports);
    };
    let snapshot = Snapshot {
        schema_version: SCHEMA_VERSION,
        meta,
        townships: townships.into_iter().map(|(t, _)| t).collect(),
        schools,
        reported,
        satisfaction,
    };

    // The same validation as a published file, on the bytes that would be written.
    let bytes = match crate::to_published_json(&snapshot) {
        Ok(text) => text.into_bytes(),
        Err(e) => {
            let mut report = file_report(snapshot_name);
            report.push(Issue::error(
                "unwritable",
                "",
                format!("无法生成 JSON：{e}"),
                format!("cannot write JSON: {e}"),
            ));
            reports.push(report);
            return Err(reports);
        }
    };
    let (_, mut validation) = crate::validate::validate_snapshot(snapshot_name, &bytes);
    point_to_school_rows(&mut validation, files.schools.name, &school_lines);
    if !validation.issues.is_empty() {
        reports.push(validation);
    }
    if reports.iter().any(FileReport::has_errors) {
        return Err(reports);
    }
    Ok(Imported { snapshot, warnings: reports })
}

/// A validation issue at `schools[7]…` also names the CSV rows of that school, so the
/// statistician can find it in the spreadsheet.
fn point_to_school_rows(report: &mut FileReport, schools_file: &str, school_lines: &[Vec<u64>]) {
    for issue in &mut report.issues {
        let Some(rest) = issue.path.strip_prefix("schools[") else { continue };
        let Some(index) = rest.split(']').next().and_then(|n| n.parse::<usize>().ok()) else { continue };
        let Some(lines) = school_lines.get(index) else { continue };
        let list = lines.iter().map(u64::to_string).collect::<Vec<_>>().join(", ");
        issue.message_zh.push_str(&format!("（{schools_file} 第 {list} 行）"));
        issue.message_en.push_str(&format!(" ({schools_file} line {list})"));
    }
}

fn read_meta(input: &InputFile, report: &mut FileReport) -> Option<Meta> {
    let value = match crate::load::parse_json_value(input.name, input.bytes) {
        Ok(v) => v,
        Err(e) => {
            report.push(e.issue);
            return None;
        }
    };
    match crate::load::from_value::<Meta>(input.name, value) {
        Ok(meta) => Some(meta),
        Err(e) => {
            let mut issue = e.issue;
            issue.path = if issue.path.is_empty() { "meta".into() } else { format!("meta.{}", issue.path) };
            report.push(issue);
            None
        }
    }
}

const TOWNSHIP_KINDS: [(&str, TownshipKind); 4] = [
    ("镇", TownshipKind::Town),
    ("乡", TownshipKind::Township),
    ("民族乡", TownshipKind::EthnicTownship),
    ("街道", TownshipKind::Subdistrict),
];

/// Townships with the line each came from.
fn read_townships(input: &InputFile, report: &mut FileReport) -> Vec<(Township, u64)> {
    use township_columns as c;
    let Some(sheet) = read_sheet(input, &c::ALL, &c::ALL, report) else { return Vec::new() };
    let mut out: Vec<(Township, u64)> = Vec::new();
    for row in &sheet.rows {
        let mut r = RowReader::new(&sheet, row);
        let code = r.text(&c::CODE);
        let name = r.text(&c::NAME);
        let kind = r.choice(&c::KIND, &TOWNSHIP_KINDS);
        if let Some(code) = &code {
            if let Some((_, first)) = out.iter().find(|(t, _)| t.code.as_str() == code) {
                r.error(
                    &c::CODE,
                    rules::DUPLICATE_TOWNSHIP_CODE,
                    format!("乡镇代码 {code} 重复（第 {first} 行已有）"),
                    format!("township code {code} appears twice (also on line {first})"),
                );
            }
        }
        let issues = std::mem::take(&mut r.issues);
        let clean = issues.is_empty();
        report.issues.extend(issues);
        if let (Some(code), Some(name), Some(kind), true) = (code, name, kind, clean) {
            out.push((Township { code: TownshipCode(code), name, kind, population: None }, row.line));
        }
    }
    out
}

fn attach_population(input: &InputFile, townships: &mut [(Township, u64)], report: &mut FileReport) {
    use population_columns as c;
    let Some(sheet) = read_sheet(input, &c::ALL, &[&c::TOWNSHIP], report) else { return };
    let mut seen: BTreeMap<String, u64> = BTreeMap::new();
    for row in &sheet.rows {
        let mut r = RowReader::new(&sheet, row);
        let code = r.text(&c::TOWNSHIP);
        fn band(r: &mut RowReader, column: &Column) -> Option<u32> {
            r.parse(column, parse_count).value()
        }
        let population = Population {
            age_0_2: band(&mut r, &c::AGE_0_2),
            age_3_5: band(&mut r, &c::AGE_3_5),
            age_6_11: band(&mut r, &c::AGE_6_11),
            age_12_14: band(&mut r, &c::AGE_12_14),
            age_15_17: band(&mut r, &c::AGE_15_17),
        };
        let mut target = None;
        if let Some(code) = &code {
            if let Some(first) = seen.insert(code.clone(), row.line) {
                r.error(
                    &c::TOWNSHIP,
                    "duplicate_population_row",
                    format!("乡镇 {code} 的人口出现两次（第 {first} 行已有）"),
                    format!("population of township {code} is given twice (also on line {first})"),
                );
            }
            target = townships.iter().position(|(t, _)| t.code.as_str() == code);
            if target.is_none() {
                r.error(
                    &c::TOWNSHIP,
                    rules::UNKNOWN_TOWNSHIP,
                    format!("乡镇代码 {code} 不在乡镇表中"),
                    format!("township code {code} is not in the townships file"),
                );
            }
        }
        let issues = std::mem::take(&mut r.issues);
        if issues.is_empty() {
            if let Some((township, _)) = target.and_then(|i| townships.get_mut(i)) {
                township.population = Some(population);
            }
        }
        report.issues.extend(issues);
    }
}

const SCHOOL_TYPES: [(&str, SchoolType); 10] = [
    ("幼儿园", SchoolType::Kindergarten),
    ("小学", SchoolType::Primary),
    ("初中", SchoolType::Junior),
    ("九年一贯制", SchoolType::NineYear),
    ("完全中学", SchoolType::CompleteSecondary),
    ("十二年一贯制", SchoolType::TwelveYear),
    ("普通高中", SchoolType::Senior),
    ("中职", SchoolType::Vocational),
    ("特殊教育", SchoolType::Special),
    ("教学点", SchoolType::TeachingPoint),
];

const OWNERSHIPS: [(&str, Ownership); 4] = [
    ("公办", Ownership::Public),
    ("民办普惠", Ownership::PrivateInclusive),
    ("普惠性民办", Ownership::PrivateInclusive),
    ("民办", Ownership::Private),
];

const STAGES: [(&str, Stage); 17] = [
    ("学前", Stage::Preschool),
    ("学前教育", Stage::Preschool),
    ("preschool", Stage::Preschool),
    ("小学", Stage::Primary),
    ("primary", Stage::Primary),
    ("初中", Stage::Junior),
    ("junior", Stage::Junior),
    ("普通高中", Stage::Senior),
    ("高中", Stage::Senior),
    ("senior", Stage::Senior),
    ("中职", Stage::Vocational),
    ("中等职业教育", Stage::Vocational),
    ("vocational", Stage::Vocational),
    ("特殊教育", Stage::Special),
    ("特教", Stage::Special),
    ("special", Stage::Special),
    ("特殊教育学校", Stage::Special),
];

/// The school-level columns of one row (each `None` when blank or bad).
struct SchoolColumns {
    name: Option<String>,
    township: Option<String>,
    kind: Option<SchoolType>,
    ownership: Option<Ownership>,
    location: Option<Location>,
    facilities: Option<Facilities>,
}

/// A school being assembled from its rows.
struct SchoolDraft {
    id: String,
    lines: Vec<u64>,
    /// Each school-level value with the line it was first given on.
    name: Option<(String, u64)>,
    township: Option<(String, u64)>,
    kind: Option<(SchoolType, u64)>,
    ownership: Option<(Ownership, u64)>,
    location: Option<(Location, u64)>,
    facilities: Option<(Facilities, u64)>,
    stages: Stages,
    stage_lines: BTreeMap<Stage, u64>,
    /// A row of the school had a bad cell (already reported): a value it lacks is not reported
    /// again as missing.
    had_bad_cells: bool,
}

/// Schools in order of first appearance, with the lines each came from.
fn read_schools(input: &InputFile, report: &mut FileReport) -> (Vec<School>, Vec<Vec<u64>>) {
    use school_columns as c;
    let Some(sheet) = read_sheet(input, &c::ALL, &c::REQUIRED, report) else {
        return (Vec::new(), Vec::new());
    };
    let mut drafts: Vec<SchoolDraft> = Vec::new();

    for row in &sheet.rows {
        let mut r = RowReader::new(&sheet, row);
        let id = r.text(&c::ID);
        let columns = read_school_columns(&mut r);
        let stage = r.parse(&c::STAGE, |s| {
            STAGES.iter().find(|(l, _)| *l == s).map(|&(_, v)| v).ok_or_else(|| {
                (
                    rules::UNKNOWN_VALUE,
                    format!("“{s}”不是学段；可用：学前、小学、初中、普通高中、中职、特殊教育"),
                    format!("`{s}` is not a stage; use 学前, 小学, 初中, 普通高中, 中职 or 特殊教育"),
                )
            })
        });
        let (stage, record) = match stage {
            Cell::Blank => {
                // A row with no stage carries only the school's own columns (a school with no
                // students this year); its stage columns must then be blank too.
                for column in [&c::STUDENTS, &c::CLASSES, &c::TEACHERS] {
                    if !r.raw(column).is_empty() {
                        r.error(
                            &c::STAGE,
                            "missing_value",
                            format!("填写了“{}”却没有填写学段", column.zh),
                            format!("`{}` is given but the stage is empty", column.zh),
                        );
                        break;
                    }
                }
                (None, None)
            }
            Cell::Bad => (None, None),
            Cell::Value(stage) => (Some(stage), read_stage_record(&mut r)),
        };

        let Some(id) = id else {
            report.issues.append(&mut r.issues);
            continue;
        };
        let index = match drafts.iter().position(|d| d.id == id) {
            Some(i) => i,
            None => {
                drafts.push(SchoolDraft {
                    id: id.clone(),
                    lines: Vec::new(),
                    name: None,
                    township: None,
                    kind: None,
                    ownership: None,
                    location: None,
                    facilities: None,
                    stages: Stages::default(),
                    stage_lines: BTreeMap::new(),
                    had_bad_cells: false,
                });
                drafts.len() - 1
            }
        };
        let Some(draft) = drafts.get_mut(index) else { continue };
        draft.lines.push(row.line);
        merge_school_columns(&mut r, draft, columns);
        if let (Some(stage), Some(record)) = (stage, record) {
            if let Some(first) = draft.stage_lines.get(&stage) {
                let first = *first;
                r.error(
                    &c::STAGE,
                    "duplicate_stage",
                    format!("学校 {id} 的“{}”学段出现两次（第 {first} 行已有）", stage.label_zh()),
                    format!("school {id} has its {} stage twice (also on line {first})", stage.key()),
                );
            } else {
                draft.stage_lines.insert(stage, row.line);
                *draft.stages.get_mut(stage) = Some(record);
            }
        }
        draft.had_bad_cells |= !r.issues.is_empty();
        report.issues.append(&mut r.issues);
    }

    let mut schools = Vec::new();
    let mut lines = Vec::new();
    for draft in drafts {
        let first_line = draft.lines.first().copied().unwrap_or(0);
        let mut missing = |value_missing: bool, column: &Column| {
            if value_missing && !draft.had_bad_cells {
                let mut issue = Issue::error(
                    "missing_value",
                    format!("{} row {first_line}, column {}", sheet.file, column.zh),
                    format!("学校 {} 的各行都没有填写“{}”", draft.id, column.zh),
                    format!("no row of school {} gives `{}`", draft.id, column.zh),
                );
                issue.line = Some(first_line);
                issue.column = sheet.positions.get(column.zh).map(|&i| i as u64 + 1);
                report.push(issue);
            }
        };
        missing(draft.name.is_none(), &c::NAME);
        missing(draft.township.is_none(), &c::TOWNSHIP);
        missing(draft.kind.is_none(), &c::TYPE);
        missing(draft.ownership.is_none(), &c::OWNERSHIP);
        let (Some(name), Some(township), Some(kind), Some(ownership)) =
            (draft.name, draft.township, draft.kind, draft.ownership)
        else {
            continue;
        };
        schools.push(School {
            id: draft.id,
            name: name.0,
            township: TownshipCode(township.0),
            kind: kind.0,
            ownership: ownership.0,
            location: draft.location.map(|l| l.0),
            stages: draft.stages,
            facilities: draft.facilities.map(|f| f.0),
        });
        lines.push(draft.lines);
    }
    (schools, lines)
}

fn read_school_columns(r: &mut RowReader) -> SchoolColumns {
    use school_columns as c;
    let name = r.optional_text(&c::NAME);
    let township = r.optional_text(&c::TOWNSHIP);
    let kind = match r.raw(&c::TYPE) {
        "" => None,
        _ => r.choice(&c::TYPE, &SCHOOL_TYPES),
    };
    let ownership = match r.raw(&c::OWNERSHIP) {
        "" => None,
        _ => r.choice(&c::OWNERSHIP, &OWNERSHIPS),
    };
    let lon = r.parse(&c::LON, |s| parse_finite(s).and_then(|v| in_range(s, v, 180.0)));
    let lat = r.parse(&c::LAT, |s| parse_finite(s).and_then(|v| in_range(s, v, 90.0)));
    let location = match (lon, lat) {
        (Cell::Value(lon), Cell::Value(lat)) => Some(Location { lon, lat }),
        (Cell::Blank, Cell::Blank) | (Cell::Bad, _) | (_, Cell::Bad) => None,
        (Cell::Blank, _) => {
            r.error(
                &c::LON,
                "missing_value",
                "填写了纬度却没有经度".into(),
                "latitude given without longitude".into(),
            );
            None
        }
        (_, Cell::Blank) => {
            r.error(
                &c::LAT,
                "missing_value",
                "填写了经度却没有纬度".into(),
                "longitude given without latitude".into(),
            );
            None
        }
    };
    let facilities = read_facilities(r);
    SchoolColumns { name, township, kind, ownership, location, facilities }
}

fn in_range(text: &str, v: f64, limit: f64) -> Result<f64, Problem> {
    if v.abs() <= limit {
        Ok(v)
    } else {
        Err((
            rules::OUT_OF_RANGE,
            format!("“{text}”超出 ±{limit} 度"),
            format!("`{text}` is outside ±{limit} degrees"),
        ))
    }
}

/// All six facility columns, or none; a partly filled set names each blank column.
fn read_facilities(r: &mut RowReader) -> Option<Facilities> {
    use school_columns as c;
    if c::FACILITIES.iter().all(|col| r.raw(col).is_empty()) {
        return None;
    }
    let floor_area_m2 = r.amount(&c::FLOOR_AREA);
    let indoor_sports_area_m2 = r.amount(&c::INDOOR_SPORTS);
    let sports_ground_area_m2 = r.amount(&c::SPORTS_GROUND);
    let equipment_value_yuan = r.amount(&c::EQUIPMENT);
    let multimedia_classrooms = r.count(&c::MULTIMEDIA);
    let books = r.count(&c::BOOKS);
    Some(Facilities {
        floor_area_m2: floor_area_m2?,
        indoor_sports_area_m2: indoor_sports_area_m2?,
        sports_ground_area_m2: sports_ground_area_m2?,
        equipment_value_yuan: equipment_value_yuan?,
        multimedia_classrooms: multimedia_classrooms?,
        books: books?,
    })
}

fn read_stage_record(r: &mut RowReader) -> Option<StageRecord> {
    use school_columns as c;
    let students = r.count(&c::STUDENTS);
    let classes = r.count(&c::CLASSES);
    let large_classes = match r.parse(&c::LARGE_CLASSES, parse_count) {
        Cell::Blank => Some(0),
        Cell::Value(v) => Some(v),
        Cell::Bad => None,
    };
    let full_time = r.count(&c::TEACHERS);
    let above_degree = r.count(&c::ABOVE_DEGREE);
    let backbone = r.count(&c::BACKBONE);
    let pe_art = r.count(&c::PE_ART);
    let senior_title = r.count(&c::SENIOR_TITLE);
    Some(StageRecord {
        students: students?,
        classes: classes?,
        large_classes: large_classes?,
        teachers: Teachers {
            full_time: full_time?,
            above_degree: above_degree?,
            backbone: backbone?,
            pe_art: pe_art?,
            senior_title: senior_title?,
        },
    })
}

/// Take each school-level value from the first row that gives it; a later row that gives a
/// different value is an error naming both lines.
fn merge_school_columns(r: &mut RowReader, draft: &mut SchoolDraft, columns: SchoolColumns) {
    use school_columns as c;
    let line = r.row.line;
    let id = draft.id.clone();
    let conflict = |r: &mut RowReader, column: &Column, first: u64| {
        r.error(
            column,
            "conflicting_value",
            format!("学校 {id} 的“{}”与第 {first} 行不一致", column.zh),
            format!("`{}` of school {id} differs from line {first}", column.zh),
        );
    };
    fn merge<T: PartialEq>(slot: &mut Option<(T, u64)>, value: Option<T>, line: u64) -> Option<u64> {
        match (slot.as_ref(), value) {
            (None, Some(v)) => {
                *slot = Some((v, line));
                None
            }
            (Some((existing, first)), Some(v)) if *existing != v => Some(*first),
            _ => None,
        }
    }
    if let Some(first) = merge(&mut draft.name, columns.name, line) {
        conflict(r, &c::NAME, first);
    }
    if let Some(first) = merge(&mut draft.township, columns.township, line) {
        conflict(r, &c::TOWNSHIP, first);
    }
    if let Some(first) = merge(&mut draft.kind, columns.kind, line) {
        conflict(r, &c::TYPE, first);
    }
    if let Some(first) = merge(&mut draft.ownership, columns.ownership, line) {
        conflict(r, &c::OWNERSHIP, first);
    }
    if let Some(first) = merge(&mut draft.location, columns.location, line) {
        conflict(r, &c::LON, first);
    }
    if let Some(first) = merge(&mut draft.facilities, columns.facilities, line) {
        conflict(r, &c::FLOOR_AREA, first);
    }
}

const LEVELS: [(&str, ReportLevel); 6] = [
    ("县", ReportLevel::County),
    ("县级", ReportLevel::County),
    ("county", ReportLevel::County),
    ("乡镇", ReportLevel::Township),
    ("乡镇级", ReportLevel::Township),
    ("township", ReportLevel::Township),
];

fn read_reported(input: &InputFile, report: &mut FileReport) -> Vec<ReportedValue> {
    use reported_columns as c;
    let Some(sheet) = read_sheet(input, &c::ALL, &c::REQUIRED, report) else { return Vec::new() };
    let mut out = Vec::new();
    for row in &sheet.rows {
        let mut r = RowReader::new(&sheet, row);
        // The id (`compulsory_retention_rate`) or the Chinese name in the indicator table
        // (九年义务教育巩固率), which is what a bureau's own sheet says.
        let indicator = r.text(&c::INDICATOR).map(|text| {
            crate::indicators::INDICATORS
                .iter()
                .find(|d| d.name_zh == text)
                .map(|d| d.id.to_string())
                .unwrap_or(text)
        });
        let value = r.amount(&c::VALUE);
        let unit = r.text(&c::UNIT);
        let level = r.choice(&c::LEVEL, &LEVELS);
        let township = r.optional_text(&c::TOWNSHIP);
        let source = r.text(&c::SOURCE);
        let note = r.optional_text(&c::NOTE);
        match (level, &township) {
            (Some(ReportLevel::Township), None) => r.error(
                &c::TOWNSHIP,
                "missing_value",
                "层级为乡镇时必须填写乡镇代码".into(),
                "a township-level value needs the township code".into(),
            ),
            (Some(ReportLevel::County), Some(_)) => r.error(
                &c::TOWNSHIP,
                "unexpected_value",
                "层级为县时不应填写乡镇代码".into(),
                "a county-level value must not give a township code".into(),
            ),
            _ => {}
        }
        let clean = r.issues.is_empty();
        report.issues.append(&mut r.issues);
        if let (Some(indicator), Some(value), Some(unit), Some(level), Some(source), true) =
            (indicator, value, unit, level, source, clean)
        {
            out.push(ReportedValue {
                indicator,
                value,
                unit,
                level,
                township: township.map(TownshipCode),
                source,
                note,
            });
        }
    }
    out
}

fn read_survey(input: &InputFile, report: &mut FileReport) -> Vec<SurveyResult> {
    use survey_columns as c;
    let Some(sheet) = read_sheet(input, &c::ALL, &[&c::GROUP, &c::AREA], report) else { return Vec::new() };
    let groups: Vec<(&str, RespondentGroup)> =
        RespondentGroup::ALL.iter().map(|g| (g.label_zh(), *g)).collect();
    let areas: Vec<(&str, SurveyArea)> = SurveyArea::ALL.iter().map(|a| (a.label_zh(), *a)).collect();
    let mut out = Vec::new();
    for row in &sheet.rows {
        let mut r = RowReader::new(&sheet, row);
        let group = r.choice(&c::GROUP, &groups);
        let area = r.choice(&c::AREA, &areas);
        let township = r.optional_text(&c::TOWNSHIP);
        let respondents = r.parse(&c::RESPONDENTS, parse_count);
        let satisfied = r.parse(&c::SATISFIED, parse_count);
        let likert = if c::LIKERT.iter().all(|col| r.raw(col).is_empty()) {
            None
        } else {
            let counts: Vec<Option<u32>> = c::LIKERT.iter().map(|col| r.count(col)).collect();
            match counts.as_slice() {
                [Some(a), Some(b), Some(n), Some(d), Some(e)] => Some(Likert {
                    very_satisfied: *a,
                    satisfied: *b,
                    neutral: *n,
                    dissatisfied: *d,
                    very_dissatisfied: *e,
                }),
                _ => None,
            }
        };
        let clean = r.issues.is_empty();
        report.issues.append(&mut r.issues);
        if let (Some(group), Some(area), true) = (group, area, clean) {
            out.push(SurveyResult {
                group,
                area,
                township: township.map(TownshipCode),
                respondents: respondents.value(),
                satisfied: satisfied.value(),
                likert,
            });
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The inverse: a snapshot as import files
// ---------------------------------------------------------------------------------------------

/// Write a snapshot as the import files, so a bureau can start from a published snapshot (or the
/// sample data) and so import is tested by a round trip. Numbers are written in Rust's shortest
/// form that reads back to the same value, so the round trip is exact.
pub fn snapshot_to_csv(snapshot: &Snapshot) -> Result<CsvFiles, serde_json::Error> {
    use school_columns as sc;
    let meta_json = crate::to_published_json(&snapshot.meta)?;

    let mut schools = vec![sc::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
    for school in &snapshot.schools {
        let stage_rows: Vec<Option<(Stage, &StageRecord)>> = if school.stages.iter().next().is_none() {
            vec![None]
        } else {
            school.stages.iter().map(Some).collect()
        };
        for (i, stage_row) in stage_rows.into_iter().enumerate() {
            let first = i == 0;
            let mut row = vec![
                school.id.clone(),
                school.name.clone(),
                school.township.to_string(),
                school.kind.label_zh().to_string(),
                school.ownership.label_zh().to_string(),
            ];
            match stage_row {
                Some((stage, rec)) => row.extend([
                    stage.label_zh().to_string(),
                    rec.students.to_string(),
                    rec.classes.to_string(),
                    rec.large_classes.to_string(),
                    rec.teachers.full_time.to_string(),
                    rec.teachers.above_degree.to_string(),
                    rec.teachers.backbone.to_string(),
                    rec.teachers.pe_art.to_string(),
                    rec.teachers.senior_title.to_string(),
                ]),
                None => row.extend(std::iter::repeat_n(String::new(), 9)),
            }
            match (&school.location, first) {
                (Some(l), true) => row.extend([l.lon.to_string(), l.lat.to_string()]),
                _ => row.extend([String::new(), String::new()]),
            }
            match (&school.facilities, first) {
                (Some(f), true) => row.extend([
                    f.floor_area_m2.to_string(),
                    f.indoor_sports_area_m2.to_string(),
                    f.sports_ground_area_m2.to_string(),
                    f.equipment_value_yuan.to_string(),
                    f.multimedia_classrooms.to_string(),
                    f.books.to_string(),
                ]),
                _ => row.extend(std::iter::repeat_n(String::new(), 6)),
            }
            schools.push(row);
        }
    }

    let mut townships = vec![township_columns::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
    let mut population = vec![population_columns::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
    for t in &snapshot.townships {
        townships.push(vec![t.code.to_string(), t.name.clone(), t.kind.label_zh().to_string()]);
        if let Some(p) = &t.population {
            let band = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
            population.push(vec![
                t.code.to_string(),
                band(p.age_0_2),
                band(p.age_3_5),
                band(p.age_6_11),
                band(p.age_12_14),
                band(p.age_15_17),
            ]);
        }
    }

    let mut reported = vec![reported_columns::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
    for v in &snapshot.reported {
        reported.push(vec![
            v.indicator.clone(),
            v.value.to_string(),
            v.unit.clone(),
            match v.level {
                ReportLevel::County => "县".into(),
                ReportLevel::Township => "乡镇".into(),
            },
            v.township.as_ref().map(|t| t.to_string()).unwrap_or_default(),
            v.source.clone(),
            v.note.clone().unwrap_or_default(),
        ]);
    }

    let survey = snapshot.satisfaction.as_ref().map(|s| {
        let mut rows = vec![survey_columns::ALL.iter().map(|c| c.header()).collect::<Vec<_>>()];
        for result in &s.results {
            let count = |v: Option<u32>| v.map(|n| n.to_string()).unwrap_or_default();
            let mut row = vec![
                result.group.label_zh().to_string(),
                result.area.label_zh().to_string(),
                result.township.as_ref().map(|t| t.to_string()).unwrap_or_default(),
                count(result.respondents),
                count(result.satisfied),
            ];
            match &result.likert {
                Some(l) => row.extend(
                    [l.very_satisfied, l.satisfied, l.neutral, l.dissatisfied, l.very_dissatisfied]
                        .iter()
                        .map(u32::to_string),
                ),
                None => row.extend(std::iter::repeat_n(String::new(), 5)),
            }
            rows.push(row);
        }
        csv_text(&rows)
    });

    Ok(CsvFiles {
        meta_json,
        schools: csv_text(&schools),
        townships: csv_text(&townships),
        population: (population.len() > 1).then(|| csv_text(&population)),
        reported: (!snapshot.reported.is_empty()).then(|| csv_text(&reported)),
        survey,
    })
}

/// Rows as CSV text with BOM and CRLF, quoted by the csv crate. These are the bureau's own input
/// files, written back exactly (no formula neutralising, which would change the data).
fn csv_text(rows: &[Vec<String>]) -> String {
    let mut writer =
        csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).flexible(true).from_writer(Vec::new());
    for row in rows {
        // Writing into a Vec cannot fail with an I/O error.
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    format!("{}{}", crate::export::UTF8_BOM, String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::codes::{CountyCode, Date, SchoolYear};
    use crate::snapshot::SurveyMethod;

    fn stage(students: u32, classes: u32, full_time: u32) -> StageRecord {
        StageRecord {
            students,
            classes,
            large_classes: 0,
            teachers: Teachers {
                full_time,
                above_degree: full_time / 2,
                backbone: 1,
                pe_art: 2,
                senior_title: 1,
            },
        }
    }

    fn facilities(floor: f64) -> Facilities {
        Facilities {
            floor_area_m2: floor,
            indoor_sports_area_m2: 120.5,
            sports_ground_area_m2: 3200.0,
            equipment_value_yuan: 812345.67,
            multimedia_classrooms: 14,
            books: 15_230,
        }
    }

    /// A small valid snapshot that uses every part of the import files: a school spanning two
    /// stages, a location, facilities, population bands left blank, reported values at both
    /// levels, survey rows with counts and with a Likert scale, and awkward text (comma, quote).
    pub(crate) fn example_snapshot() -> Snapshot {
        let township = |code: &str, name: &str, kind, population| Township {
            code: TownshipCode(code.into()),
            name: name.into(),
            kind,
            population,
        };
        let school =
            |id: &str, name: &str, t: &str, kind, ownership, stages: Stages, f: Option<Facilities>| School {
                id: id.into(),
                name: name.into(),
                township: TownshipCode(t.into()),
                kind,
                ownership,
                location: None,
                stages,
                facilities: f,
            };
        let mut primary = school(
            "5304260001",
            "峨山县双江第一小学, \"本部\"",
            "530426001",
            SchoolType::Primary,
            Ownership::Public,
            Stages {
                preschool: Some(stage(60, 2, 4)),
                primary: Some(stage(1210, 24, 66)),
                ..Stages::default()
            },
            Some(facilities(6543.25)),
        );
        primary.location = Some(Location { lon: 102.405, lat: 24.1725 });
        primary.stages.primary.as_mut().unwrap().large_classes = 3;
        Snapshot {
            schema_version: SCHEMA_VERSION,
            meta: Meta {
                county_code: CountyCode("530426".into()),
                county_name: "峨山彝族自治县".into(),
                school_year: SchoolYear("2024-2025".into()),
                as_of: Date("2024-09-30".into()),
                publisher: "峨山彝族自治县教育体育局（示例）".into(),
                source: "教育事业统计年报（示例）".into(),
                license: "CC BY 4.0".into(),
                contact: "0877-0000000".into(),
                sample: true,
                notes: vec!["示例数据，仅供演示".into()],
                survey_method: Some(SurveyMethod {
                    notes: "2024年11月网上问卷（示例）".into(),
                    group_weights: None,
                }),
            },
            townships: vec![
                township(
                    "530426001",
                    "双江街道",
                    TownshipKind::Subdistrict,
                    Some(Population {
                        age_0_2: Some(1500),
                        age_3_5: Some(1620),
                        age_6_11: Some(3300),
                        age_12_14: Some(1600),
                        age_15_17: Some(1500),
                    }),
                ),
                township(
                    "530426100",
                    "化念镇",
                    TownshipKind::Town,
                    Some(Population { age_3_5: Some(720), ..Population::default() }),
                ),
                township("530426200", "岔河乡", TownshipKind::Township, None),
            ],
            schools: vec![
                school(
                    "5304260100",
                    "双江街道中心幼儿园",
                    "530426001",
                    SchoolType::Kindergarten,
                    Ownership::Public,
                    Stages { preschool: Some(stage(240, 8, 16)), ..Stages::default() },
                    None,
                ),
                school(
                    "5304260101",
                    "化念镇阳光幼儿园",
                    "530426100",
                    SchoolType::Kindergarten,
                    Ownership::PrivateInclusive,
                    Stages { preschool: Some(stage(150, 5, 9)), ..Stages::default() },
                    None,
                ),
                primary,
                school(
                    "5304260002",
                    "化念镇九年一贯制学校",
                    "530426100",
                    SchoolType::NineYear,
                    Ownership::Public,
                    Stages {
                        primary: Some(stage(520, 12, 30)),
                        junior: Some(stage(380, 8, 31)),
                        ..Stages::default()
                    },
                    Some(facilities(7800.0)),
                ),
                school(
                    "5304260003",
                    "岔河乡大寨教学点",
                    "530426200",
                    SchoolType::TeachingPoint,
                    Ownership::Public,
                    Stages { primary: Some(stage(36, 3, 4)), ..Stages::default() },
                    Some(facilities(410.0)),
                ),
            ],
            reported: vec![
                ReportedValue {
                    indicator: "compulsory_retention_rate".into(),
                    value: 101.72,
                    unit: "%".into(),
                    level: ReportLevel::County,
                    township: None,
                    source: "2024年教育统计公报（示例）".into(),
                    note: Some("含外县转入学生".into()),
                },
                ReportedValue {
                    indicator: "myopia_rate".into(),
                    value: 48.3,
                    unit: "%".into(),
                    level: ReportLevel::County,
                    township: None,
                    source: "学生体质健康监测（示例）".into(),
                    note: None,
                },
            ],
            satisfaction: Some(Survey {
                results: vec![
                    SurveyResult {
                        group: RespondentGroup::Parents,
                        area: SurveyArea::Equity,
                        township: None,
                        respondents: Some(420),
                        satisfied: Some(381),
                        likert: None,
                    },
                    SurveyResult {
                        group: RespondentGroup::Parents,
                        area: SurveyArea::Equity,
                        township: Some(TownshipCode("530426100".into())),
                        respondents: Some(96),
                        satisfied: Some(80),
                        likert: None,
                    },
                    SurveyResult {
                        group: RespondentGroup::Deputies,
                        area: SurveyArea::Quality,
                        township: None,
                        respondents: None,
                        satisfied: None,
                        likert: Some(Likert {
                            very_satisfied: 12,
                            satisfied: 15,
                            neutral: 4,
                            dissatisfied: 1,
                            very_dissatisfied: 0,
                        }),
                    },
                ],
            }),
        }
    }

    fn files_of(csv: &CsvFiles) -> ImportFiles<'_> {
        ImportFiles {
            meta: InputFile { name: META_FILE, bytes: csv.meta_json.as_bytes() },
            schools: InputFile { name: SCHOOLS_FILE, bytes: csv.schools.as_bytes() },
            townships: InputFile { name: TOWNSHIPS_FILE, bytes: csv.townships.as_bytes() },
            population: csv
                .population
                .as_ref()
                .map(|t| InputFile { name: POPULATION_FILE, bytes: t.as_bytes() }),
            reported: csv.reported.as_ref().map(|t| InputFile { name: REPORTED_FILE, bytes: t.as_bytes() }),
            survey: csv.survey.as_ref().map(|t| InputFile { name: SURVEY_FILE, bytes: t.as_bytes() }),
        }
    }

    /// Import with good meta/townships and the given schools CSV; the issues of schools.csv.
    fn schools_issues(schools_csv: &str) -> Vec<Issue> {
        let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
        csv.schools = schools_csv.to_string();
        let reports = import_snapshot(&files_of(&csv), "out.json").unwrap_err();
        reports.into_iter().filter(|r| r.file == SCHOOLS_FILE).flat_map(|r| r.issues).collect()
    }

    const SCHOOLS_HEADER: &str =
        "学校标识码,学校名称,乡镇代码,办学类型,办学性质,学段,学生数,班数,大班额班数,专任教师数,\
        高于规定学历教师数,县级及以上骨干教师数,体育艺术专任教师数,高级职称教师数";

    #[test]
    fn the_example_is_a_valid_snapshot() {
        let bytes = crate::to_published_json(&example_snapshot()).unwrap();
        let (_, report) = crate::validate::validate_snapshot("example.json", bytes.as_bytes());
        assert!(!report.has_errors(), "{:#?}", report.issues);
    }

    #[test]
    fn a_snapshot_written_as_csv_imports_back_unchanged() {
        let snapshot = example_snapshot();
        let csv = snapshot_to_csv(&snapshot).unwrap();
        let imported = import_snapshot(&files_of(&csv), "out.json").unwrap();
        assert_eq!(imported.snapshot, snapshot);
        // The nine-year school is written as two rows, one per stage.
        assert_eq!(csv.schools.matches("化念镇九年一贯制学校").count(), 2);
        assert!(csv.schools.starts_with('\u{FEFF}'));
    }

    #[test]
    fn english_headers_and_units_in_brackets_are_accepted() {
        let csv = "school_id,school_name,township_code,school_type,ownership,stage,students,classes,large_classes,\
            teachers_full_time,teachers_above_degree,teachers_backbone,teachers_pe_art,teachers_senior_title,\
            教学及辅助用房面积(m²),室内体育用房面积（平方米）,运动场地面积,教学仪器设备值（元）,网络多媒体教室数,图书册数\r\n\
            K1,双江街道中心幼儿园,530426001,幼儿园,公办,学前,\"1,240\",30,,60,30,1,2,1,,,,,,\r\n";
        let mut files = snapshot_to_csv(&example_snapshot()).unwrap();
        files.schools = csv.to_string();
        let imported = import_snapshot(&files_of(&files), "out.json").unwrap();
        let school = &imported.snapshot.schools[0];
        // "1,240" is Excel's thousands grouping: 1240 children.
        assert_eq!(school.stages.preschool.as_ref().unwrap().students, 1240);
        assert_eq!(school.stages.preschool.as_ref().unwrap().large_classes, 0);
    }

    #[test]
    fn every_bad_cell_is_reported_with_line_and_column() {
        let csv = format!(
            "{SCHOOLS_HEADER}\n\
             K1,幼儿园甲,530426001,幼儿园,公办,学前,-5,4,0,8,4,1,1,0\n\
             K2,幼儿园乙,530426001,幼儿园,公办,学前,NaN,4,0,8,4,1,1,0\n\
             K3,幼儿园丙,530426001,幼儿园,公办,学前,100,inf,0,8,4,1,1,0\n\
             K4,幼儿园丁,530426001,幼儿园,公办,学前,100,4.5,0,8,4,1,1,0\n\
             K5,幼儿园戊,530426001,托儿所,公办,学前,100,4,0,8,4,1,1,0\n"
        );
        let issues = schools_issues(&csv);
        let found: Vec<(&str, Option<u64>, Option<u64>, &str)> =
            issues.iter().map(|i| (i.rule, i.line, i.column, i.path.as_str())).collect();
        assert_eq!(
            found,
            [
                (rules::NEGATIVE_NUMBER, Some(2), Some(7), "schools.csv row 2, column 学生数"),
                (rules::NON_FINITE_NUMBER, Some(3), Some(7), "schools.csv row 3, column 学生数"),
                (rules::NON_FINITE_NUMBER, Some(4), Some(8), "schools.csv row 4, column 班数"),
                (rules::WRONG_TYPE, Some(5), Some(8), "schools.csv row 5, column 班数"),
                (rules::UNKNOWN_VALUE, Some(6), Some(4), "schools.csv row 6, column 办学类型"),
            ]
        );
        assert!(issues[4].message_zh.contains("托儿所"));
    }

    #[test]
    fn a_missing_column_is_named() {
        let csv =
            "学校标识码,学校名称,乡镇代码,办学类型,办学性质,学段,班数\nK1,甲,530426001,幼儿园,公办,学前,4\n";
        let issues = schools_issues(csv);
        let missing: Vec<&str> =
            issues.iter().filter(|i| i.rule == "missing_column").map(|i| i.path.as_str()).collect();
        assert_eq!(
            missing,
            [
                "schools.csv row 1, column 学生数",
                "schools.csv row 1, column 专任教师数",
                "schools.csv row 1, column 高于规定学历教师数",
                "schools.csv row 1, column 县级及以上骨干教师数",
                "schools.csv row 1, column 体育艺术专任教师数",
                "schools.csv row 1, column 高级职称教师数",
            ]
        );
    }

    #[test]
    fn a_school_spanning_stages_must_agree_with_itself() {
        let csv = format!(
            "{SCHOOLS_HEADER}\n\
             N1,九年一贯制学校,530426100,九年一贯制,公办,小学,500,12,0,30,20,1,2,1\n\
             N1,九年一贯制学校,530426200,九年一贯制,公办,初中,300,8,0,25,20,1,2,1\n\
             N1,,,,,初中,1,1,0,1,1,0,0,0\n"
        );
        let issues = schools_issues(&csv);
        let found: Vec<(&str, Option<u64>, &str)> =
            issues.iter().map(|i| (i.rule, i.line, i.path.as_str())).collect();
        assert_eq!(
            found,
            [
                ("conflicting_value", Some(3), "schools.csv row 3, column 乡镇代码"),
                ("duplicate_stage", Some(4), "schools.csv row 4, column 学段"),
            ]
        );
        assert!(issues[0].message_en.contains("line 2"), "{}", issues[0].message_en);
    }

    #[test]
    fn gbk_bytes_are_refused_with_advice() {
        let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
        // "代码" in GBK is B4 FA C2 EB: not UTF-8.
        let gbk: Vec<u8> = [b"\xB4\xFA\xC2\xEB,name,kind\n".as_slice()].concat();
        let files = {
            csv.population = None;
            let mut f = files_of(&csv);
            f.townships = InputFile { name: TOWNSHIPS_FILE, bytes: &gbk };
            import_snapshot(&f, "out.json").unwrap_err()
        };
        let issue = &files.iter().find(|r| r.file == TOWNSHIPS_FILE).unwrap().issues[0];
        assert_eq!((issue.rule, issue.line, issue.column), ("not_utf8", Some(1), Some(1)));
        assert!(issue.message_zh.contains("CSV UTF-8"));
    }

    #[test]
    fn population_of_an_unknown_township_is_refused() {
        let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
        csv.population = Some("乡镇代码,3-5岁\n530426999,100\n530426100,abc\n".into());
        let reports = import_snapshot(&files_of(&csv), "out.json").unwrap_err();
        let issues = &reports.iter().find(|r| r.file == POPULATION_FILE).unwrap().issues;
        let found: Vec<(&str, Option<u64>)> = issues.iter().map(|i| (i.rule, i.line)).collect();
        assert_eq!(found, [(rules::UNKNOWN_TOWNSHIP, Some(2)), (rules::WRONG_TYPE, Some(3))]);
    }

    #[test]
    fn validation_of_the_built_snapshot_points_to_the_csv_rows() {
        let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
        // A kindergarten row in a township the townships file does not have.
        csv.schools.push_str("K9,新幼儿园,530426999,幼儿园,公办,学前,30,1,0,3,1,0,0,0,,,,,,,,\r\n");
        let reports = import_snapshot(&files_of(&csv), "out.json").unwrap_err();
        let validation = reports.iter().find(|r| r.file == "out.json").unwrap();
        let issue = validation.issues.iter().find(|i| i.rule == rules::UNKNOWN_TOWNSHIP).unwrap();
        assert_eq!(issue.path, "schools[5].township");
        // The schools file has a header and 7 rows before this one (the nine-year school and the
        // primary school with its preschool class take two rows each).
        assert!(issue.message_en.ends_with("(schools.csv line 9)"), "{}", issue.message_en);
    }

    #[test]
    fn survey_rows_give_counts_or_all_five_likert_columns() {
        let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
        csv.survey = Some("群体,领域,非常满意,满意\n人大代表,教育质量,3,4\n".into());
        let reports = import_snapshot(&files_of(&csv), "out.json").unwrap_err();
        let issues = &reports.iter().find(|r| r.file == SURVEY_FILE).unwrap().issues;
        let missing: Vec<&str> =
            issues.iter().filter(|i| i.rule == "missing_value").map(|i| i.path.as_str()).collect();
        assert_eq!(
            missing,
            [
                "survey.csv row 2, column 一般",
                "survey.csv row 2, column 不满意",
                "survey.csv row 2, column 非常不满意"
            ]
        );
    }

    #[test]
    fn reported_indicators_may_be_named_in_chinese() {
        let mut csv = snapshot_to_csv(&example_snapshot()).unwrap();
        csv.reported = Some("指标,数值,单位,层级,来源\n九年义务教育巩固率,101.72,%,县,统计公报\n".into());
        let imported = import_snapshot(&files_of(&csv), "out.json").unwrap();
        assert_eq!(imported.snapshot.reported[0].indicator, "compulsory_retention_rate");
        assert_eq!(imported.snapshot.reported[0].value, 101.72);
    }

    #[test]
    fn thousands_separators_must_group_by_three() {
        assert_eq!(strip_thousands("12,345.5"), "12345.5");
        assert_eq!(strip_thousands("1,2"), "1,2");
        assert_eq!(parse_count("1,234,567"), Ok(1_234_567));
        assert_eq!(parse_count("4294967296").unwrap_err().0, rules::OUT_OF_RANGE);
        assert_eq!(parse_amount("-0.5").unwrap_err().0, rules::NEGATIVE_NUMBER);
        assert_eq!(parse_amount("infinity").unwrap_err().0, rules::NON_FINITE_NUMBER);
    }

    #[test]
    fn headers_are_compared_without_units_spaces_or_dash_styles() {
        assert_eq!(normalise_header("\u{FEFF} 3–5岁（人） "), "3-5岁");
        assert_eq!(normalise_header("Students"), "students");
        assert_eq!(normalise_header("(x)"), "(x)");
    }
}
