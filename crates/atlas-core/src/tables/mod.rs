//! Tables as offices keep them: the cells of a CSV file or of each sheet of an `.xlsx`/`.ods`
//! workbook, with the row (and column) a person sees in a text editor or in Excel, read from
//! bytes so the CLI, the browser and the fuzz targets share one reader.
//!
//! This layer knows nothing of schools: it decodes text (UTF-8 with or without BOM, UTF-16 as
//! Excel's "Unicode text" writes it, otherwise GB18030, the superset of the GBK that Excel's plain
//! "CSV" type writes on Chinese Windows), splits CSV records strictly (a file is read completely
//! or refused: a quote that never closes is an error naming the line it opened on), and unpacks
//! workbooks with `calamine`. What the columns mean is decided by `crate::import`.
//!
//! Cells are kept in one string per table with end offsets, not one `String` per cell, so a
//! table costs about its own size in memory (a 250,000-row file is read in linear time and a
//! bounded multiple of its size).

mod csv_text;
mod workbook;

pub use csv_text::{decode_text, split_csv, TextEncoding};

use crate::report::Issue;

/// Largest input file an import reads. Bigger than the 32 MiB of a published file: a province's
/// school list in one CSV is larger than any one county's snapshot.
pub const MAX_INPUT_BYTES: u64 = 256 * 1024 * 1024;

/// Most rows a table may have (Excel's own limit), so a hostile file cannot make the reader
/// allocate without bound.
pub const MAX_ROWS: usize = 1_048_576;

/// Most cells in a row (Excel's limit is 16,384 columns).
pub const MAX_COLUMNS: usize = 16_384;

/// What a table was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableSource {
    /// A CSV or tab-separated text file, in this encoding.
    Text(TextEncoding),
    /// A sheet of an Excel `.xlsx` workbook.
    Xlsx,
    /// A sheet of an OpenDocument `.ods` workbook (LibreOffice, WPS).
    Ods,
    /// A sheet of an Excel 97–2003 `.xls` workbook (still what many offices' WPS saves).
    Xls,
}

/// A block of merged cells: every cell in it shows the value of its top-left cell. Excel users
/// merge a heading over the columns it covers (在校生数 over 小学 and 初中) or down the header
/// rows (学校名称 over two rows); the import spreads such headings to every column they cover.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Merge {
    /// 1-based sheet rows.
    pub first_line: u64,
    pub last_line: u64,
    /// 0-based columns.
    pub first_column: usize,
    pub last_column: usize,
}

/// One table: a CSV file or one sheet of a workbook.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The file name, as the person gave it.
    pub file: String,
    /// The sheet name, for a workbook.
    pub sheet: Option<String>,
    pub source: TableSource,
    /// A hidden sheet (lookup lists and old copies often live there).
    pub hidden: bool,
    /// Merged cells (workbooks; empty for CSV).
    pub merges: Vec<Merge>,
    text: String,
    /// End offset in `text` of each cell, across all rows.
    cell_ends: Vec<u32>,
    rows: Vec<RowMeta>,
}

#[derive(Clone, Copy, Debug, PartialEq)]
struct RowMeta {
    /// 1-based line (CSV: the physical line the record starts on) or sheet row number.
    line: u64,
    /// The last physical line of the record (equal to `line` unless a quoted cell spans lines).
    end_line: u64,
    /// Index in `cell_ends` of the row's first cell.
    first_cell: u32,
    cells: u32,
}

/// A row of a [`Table`].
#[derive(Clone, Copy, Debug)]
pub struct Row<'t> {
    table: &'t Table,
    meta: RowMeta,
}

impl<'t> Row<'t> {
    /// 1-based line or sheet row where the row starts.
    pub fn line(&self) -> u64 {
        self.meta.line
    }

    /// The last line of the row (a CSV record with a line break inside a quoted cell ends
    /// later than it starts).
    pub fn end_line(&self) -> u64 {
        self.meta.end_line
    }

    pub fn len(&self) -> usize {
        self.meta.cells as usize
    }

    pub fn is_empty(&self) -> bool {
        self.meta.cells == 0
    }

    /// The text of cell `index` (0-based column), trimmed; "" beyond the row's end.
    pub fn cell(&self, index: usize) -> &'t str {
        if index >= self.len() {
            return "";
        }
        let i = self.meta.first_cell as usize + index;
        let start = if i == 0 { 0 } else { self.table.cell_ends.get(i - 1).copied().unwrap_or(0) as usize };
        let end = self.table.cell_ends.get(i).copied().unwrap_or(0) as usize;
        self.table.text.get(start..end).unwrap_or("").trim()
    }

    pub fn cells(&self) -> impl Iterator<Item = &'t str> + '_ {
        (0..self.len()).map(move |i| self.cell(i))
    }

    /// Every cell empty (Excel leaves such rows after deleted data).
    pub fn is_blank(&self) -> bool {
        self.cells().all(str::is_empty)
    }
}

impl Table {
    fn new(file: &str, sheet: Option<String>, source: TableSource) -> Table {
        Table {
            file: file.to_string(),
            sheet,
            source,
            hidden: false,
            merges: Vec::new(),
            text: String::new(),
            cell_ends: Vec::new(),
            rows: Vec::new(),
        }
    }

    /// The table's name in messages: `schools.csv`, or `学校信息.xlsx[学校]` for a sheet.
    pub fn name(&self) -> String {
        match &self.sheet {
            Some(sheet) => format!("{}[{sheet}]", self.file),
            None => self.file.clone(),
        }
    }

    pub fn row_count(&self) -> usize {
        self.rows.len()
    }

    pub fn row(&self, index: usize) -> Option<Row<'_>> {
        self.rows.get(index).map(|&meta| Row { table: self, meta })
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        self.rows.iter().map(move |&meta| Row { table: self, meta })
    }

    /// The row starting on `line`, if the table has one (blank sheet rows are not stored).
    pub fn row_at_line(&self, line: u64) -> Option<Row<'_>> {
        let index = self.rows.binary_search_by_key(&line, |r| r.line).ok()?;
        self.row(index)
    }

    /// The text shown at `line`, `column`: a cell inside a merged block shows the block's
    /// top-left value.
    pub fn shown(&self, line: u64, column: usize) -> &str {
        let (line, column) = self
            .merges
            .iter()
            .find(|m| {
                (m.first_line..=m.last_line).contains(&line)
                    && (m.first_column..=m.last_column).contains(&column)
            })
            .map(|m| (m.first_line, m.first_column))
            .unwrap_or((line, column));
        self.row_at_line(line).map(|r| r.cell(column)).unwrap_or("")
    }

    /// Append a row of cells. `Err` when the table would outgrow its limits.
    #[cfg(test)]
    fn push_row<'c>(
        &mut self,
        line: u64,
        end_line: u64,
        cells: impl IntoIterator<Item = &'c str>,
    ) -> Result<(), TooLarge> {
        self.start_row(line)?;
        for cell in cells {
            self.text.push_str(cell);
            self.end_cell()?;
        }
        self.end_row(end_line);
        Ok(())
    }

    /// Begin a row; its cells follow as text pushed to `self.text`, each closed by
    /// [`Table::end_cell`], and the row by [`Table::end_row`].
    fn start_row(&mut self, line: u64) -> Result<(), TooLarge> {
        if self.rows.len() >= MAX_ROWS {
            return Err(TooLarge::Rows);
        }
        let first_cell = u32::try_from(self.cell_ends.len()).map_err(|_| TooLarge::Cells)?;
        self.rows.push(RowMeta { line, end_line: line, first_cell, cells: 0 });
        Ok(())
    }

    /// Close the current cell (its text is what was pushed since the previous cell ended). The
    /// text is addressed with 32-bit offsets, which [`MAX_INPUT_BYTES`] keeps within reach.
    fn end_cell(&mut self) -> Result<(), TooLarge> {
        let end = u32::try_from(self.text.len()).map_err(|_| TooLarge::Cells)?;
        let Some(row) = self.rows.last_mut() else { return Ok(()) };
        if row.cells as usize >= MAX_COLUMNS {
            return Err(TooLarge::Columns);
        }
        self.cell_ends.push(end);
        row.cells += 1;
        Ok(())
    }

    /// Close the current row; trailing empty cells carry nothing and are dropped, which keeps
    /// wide blank sheets small.
    fn end_row(&mut self, end_line: u64) {
        let Some(row) = self.rows.last_mut() else { return };
        row.end_line = end_line;
        while row.cells > 0 {
            let last = row.first_cell as usize + row.cells as usize - 1;
            let start = match last.checked_sub(1) {
                Some(i) => self.cell_ends.get(i).copied().unwrap_or(0) as usize,
                None => 0,
            };
            if self.text.get(start..).is_some_and(|t| t.trim().is_empty()) {
                self.text.truncate(start);
                self.cell_ends.pop();
                row.cells -= 1;
            } else {
                break;
            }
        }
    }
}

/// A table over one of the limits above.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum TooLarge {
    Rows,
    Columns,
    Cells,
}

impl TooLarge {
    fn issue(self, file: &str, line: u64) -> Issue {
        let (zh, en) = match self {
            TooLarge::Rows => {
                (format!("行数超过 {MAX_ROWS} 行，拒绝读取"), format!("more than {MAX_ROWS} rows; refused"))
            }
            TooLarge::Columns => (
                format!("一行超过 {MAX_COLUMNS} 列，拒绝读取"),
                format!("a row has more than {MAX_COLUMNS} columns; refused"),
            ),
            TooLarge::Cells => {
                ("表格内容过大，拒绝读取".to_string(), "the table is too large; refused".to_string())
            }
        };
        Issue::error(crate::validate::rules::FILE_TOO_LARGE, format!("{file} row {line}"), zh, en).at(line, 1)
    }
}

/// What kind of file the bytes are, from their first bytes (not the file name, which a person
/// may have got wrong).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileFormat {
    /// A zip archive: `.xlsx` or `.ods`.
    Zip,
    /// An Excel 97–2003 `.xls` (OLE compound file).
    LegacyXls,
    Text,
}

pub fn sniff(bytes: &[u8]) -> FileFormat {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        FileFormat::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        FileFormat::LegacyXls
    } else {
        FileFormat::Text
    }
}

/// Every table in a file: one for a CSV, one per sheet of a workbook (empty sheets left out).
/// `Err` holds the reasons the file cannot be read at all, each naming the file and, where it
/// applies, the line.
pub fn read_tables(file: &str, bytes: &[u8]) -> Result<Vec<Table>, Vec<Issue>> {
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(vec![Issue::error(
            crate::validate::rules::FILE_TOO_LARGE,
            file,
            format!("文件过大（{} 字节，上限 {MAX_INPUT_BYTES} 字节），拒绝读取", bytes.len()),
            format!("file too large ({} bytes; the limit is {MAX_INPUT_BYTES} bytes)", bytes.len()),
        )]);
    }
    match sniff(bytes) {
        FileFormat::Zip | FileFormat::LegacyXls => workbook::read_workbook(file, bytes),
        FileFormat::Text => {
            let (text, encoding) = decode_text(file, bytes).map_err(|issue| vec![issue])?;
            let mut table = Table::new(file, None, TableSource::Text(encoding));
            split_csv(&text, &mut table).map_err(|issue| vec![issue])?;
            Ok(vec![table])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_keep_their_cells_trimmed_and_drop_trailing_blanks() {
        let mut t = Table::new("t.csv", None, TableSource::Xlsx);
        t.push_row(1, 1, [" a ", "b", "", " "]).unwrap();
        t.push_row(2, 3, ["", "x"]).unwrap();
        t.push_row(4, 4, ["", ""]).unwrap();
        let rows: Vec<Vec<&str>> = t.rows().map(|r| r.cells().collect()).collect();
        assert_eq!(rows, [vec!["a", "b"], vec!["", "x"], vec![]]);
        let second = t.row(1).unwrap();
        assert_eq!((second.line(), second.end_line(), second.cell(1), second.cell(9)), (2, 3, "x", ""));
        assert!(t.row(2).unwrap().is_blank());
        assert_eq!(t.name(), "t.csv");
    }

    #[test]
    fn merged_cells_show_their_top_left_value() {
        let mut t = Table::new("b.xlsx", Some("学校".into()), TableSource::Xlsx);
        t.push_row(3, 3, ["学校名称", "在校生数", ""]).unwrap();
        t.push_row(4, 4, ["", "小学", "初中"]).unwrap();
        t.merges = vec![
            Merge { first_line: 3, last_line: 4, first_column: 0, last_column: 0 },
            Merge { first_line: 3, last_line: 3, first_column: 1, last_column: 2 },
        ];
        assert_eq!(
            (t.shown(4, 0), t.shown(3, 2), t.shown(4, 2), t.shown(5, 0)),
            ("学校名称", "在校生数", "初中", "")
        );
        assert_eq!(t.name(), "b.xlsx[学校]");
    }

    #[test]
    fn files_are_told_apart_by_their_bytes() {
        assert_eq!(sniff(b"PK\x03\x04rest"), FileFormat::Zip);
        assert_eq!(sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]), FileFormat::LegacyXls);
        assert_eq!(sniff("学校,乡镇\n".as_bytes()), FileFormat::Text);
    }
}
