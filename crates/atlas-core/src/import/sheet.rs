//! Reading a CSV file into a sheet of rows, and reading the cells of one row with every problem
//! reported against its file, line and column.

use super::cells::{parse_amount, parse_count, Problem};
use super::columns::{column_names, normalise_header, Column};
use super::InputFile;
use crate::report::{FileReport, Issue, RuleId};
use crate::validate::rules;
use crate::vocabulary::Vocabulary;
use std::collections::BTreeMap;

/// A parsed CSV file: which file column holds each known column, and the data rows.
pub(super) struct Sheet<'a> {
    pub(super) file: &'a str,
    /// Header text as written in the file, by 0-based position.
    pub(super) headers: Vec<String>,
    /// Position of each known column present, by its Chinese name.
    pub(super) positions: BTreeMap<&'static str, usize>,
    pub(super) rows: Vec<Row>,
}

pub(super) struct Row {
    /// 1-based line number of the row in the file (the spreadsheet row number).
    pub(super) line: u64,
    cells: Vec<String>,
}

/// Read `input` as CSV with a header row. Problems go to `report`; `None` when the file cannot be
/// read as a table at all (not UTF-8, no header row, a required column missing).
pub(super) fn read_sheet<'a>(
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
                rules::NOT_UTF8,
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
                        rules::MALFORMED_CSV,
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
                            rules::DUPLICATE_COLUMN,
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
                    rules::UNKNOWN_COLUMN,
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
                rules::MISSING_COLUMN,
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

/// One row being read: cell access, value parsing and the issues found in it.
pub(super) struct RowReader<'s, 'a> {
    sheet: &'s Sheet<'a>,
    pub(super) row: &'s Row,
    pub(super) issues: Vec<Issue>,
}

/// A cell's content: blank, a good value, or bad (already reported).
pub(super) enum Cell<T> {
    Blank,
    Value(T),
    Bad,
}

impl<T> Cell<T> {
    pub(super) fn value(self) -> Option<T> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }
}

impl<'s, 'a> RowReader<'s, 'a> {
    pub(super) fn new(sheet: &'s Sheet<'a>, row: &'s Row) -> Self {
        let mut reader = RowReader { sheet, row, issues: Vec::new() };
        for (i, cell) in row.cells.iter().enumerate().skip(sheet.headers.len()) {
            if !cell.is_empty() {
                let line = row.line;
                reader.issues.push(
                    Issue::error(
                        rules::EXTRA_CELL,
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
    pub(super) fn raw(&self, column: &Column) -> &'s str {
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

    pub(super) fn error(&mut self, column: &Column, rule: RuleId, zh: String, en: String) {
        let (path, column_no) = self.location(column);
        let mut issue = Issue::error(rule, path, zh, en);
        issue.line = Some(self.row.line);
        if column_no > 0 {
            issue.column = Some(column_no);
        }
        self.issues.push(issue);
    }

    pub(super) fn parse<T>(
        &mut self,
        column: &Column,
        parse: impl Fn(&str) -> Result<T, Problem>,
    ) -> Cell<T> {
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
                    rules::MISSING_VALUE,
                    format!("“{}”为必填项，不能为空", column.zh),
                    format!("`{}` is required and is empty", column.zh),
                );
                None
            }
        }
    }

    pub(super) fn text(&mut self, column: &Column) -> Option<String> {
        let cell = self.parse(column, |s| Ok(s.to_string()));
        self.require(column, cell)
    }

    pub(super) fn optional_text(&mut self, column: &Column) -> Option<String> {
        self.parse(column, |s| Ok(s.to_string())).value()
    }

    pub(super) fn count(&mut self, column: &Column) -> Option<u32> {
        let cell = self.parse(column, parse_count);
        self.require(column, cell)
    }

    pub(super) fn amount(&mut self, column: &Column) -> Option<f64> {
        let cell = self.parse(column, parse_amount);
        self.require(column, cell)
    }

    /// One term of a vocabulary, in any spelling its table accepts.
    pub(super) fn choice<T: Vocabulary>(&mut self, column: &Column) -> Option<T> {
        let cell = self.parse(column, |s| {
            T::from_any_label(s).ok_or_else(|| {
                (
                    rules::UNKNOWN_VALUE,
                    format!("“{s}”不是可用的取值；可用：{}", T::labels_zh().join("、")),
                    format!("`{s}` is not one of: {}", T::labels_zh().join(", ")),
                )
            })
        });
        self.require(column, cell)
    }
}
