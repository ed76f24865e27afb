//! Text tables: decoding the bytes and splitting CSV records.
//!
//! The splitter is our own rather than the `csv` crate's reader because the import must account
//! for every physical line: it needs the line each record and each quoted cell starts on, and
//! must refuse a quote that never closes (the `csv` reader silently runs such a cell to the end
//! of the file, so a stray `"` in a 备注 in row 50 swallowed every later row). The format is
//! RFC 4180 as Excel writes it: `,` (or tab, for Excel's "Unicode text") between cells, `"` around
//! a cell that holds a separator, quote or line break, `""` for a quote inside it, and CRLF, LF or
//! CR at line ends.

use super::{Table, TooLarge};
use crate::report::Issue;
use crate::validate::rules;
use std::borrow::Cow;

/// The encoding a text file was read in. The import reports anything but UTF-8, with the first
/// names it decoded, so a person can see the characters came out right.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 with a byte-order mark ("CSV UTF-8" in Excel).
    Utf8Bom,
    /// GB18030, the superset of GBK: Excel's plain "CSV" type on Chinese Windows.
    Gb18030,
    /// UTF-16 with a byte-order mark: Excel's "Unicode text (*.txt)", tab-separated.
    Utf16,
}

impl TextEncoding {
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Gb18030 => "GB18030/GBK",
            TextEncoding::Utf16 => "UTF-16",
        }
    }
}

/// The text of a file and the encoding it was read in: UTF-8 (a BOM is dropped), UTF-16 with a
/// BOM, or else GB18030. A file that is none of them, or holds NUL characters (a binary file, or
/// UTF-16 without its BOM), is refused naming the line of the first bad byte.
pub fn decode_text<'a>(file: &str, bytes: &'a [u8]) -> Result<(Cow<'a, str>, TextEncoding), Issue> {
    let (text, encoding): (Cow<str>, TextEncoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        match std::str::from_utf8(rest) {
            Ok(text) => (Cow::Borrowed(text), TextEncoding::Utf8Bom),
            Err(e) => return Err(undecodable(file, rest, e.valid_up_to(), "UTF-8")),
        }
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let encoding =
            if bytes.starts_with(b"\xFF\xFE") { encoding_rs::UTF_16LE } else { encoding_rs::UTF_16BE };
        let rest = bytes.get(2..).unwrap_or_default();
        match encoding.decode_without_bom_handling_and_without_replacement(rest) {
            Some(text) => (Cow::Owned(text.into_owned()), TextEncoding::Utf16),
            None => {
                return Err(undecodable_after_decoding(
                    file,
                    encoding.decode_without_bom_handling(rest).0,
                    "UTF-16",
                ))
            }
        }
    } else {
        match std::str::from_utf8(bytes) {
            Ok(text) => (Cow::Borrowed(text), TextEncoding::Utf8),
            Err(_) => match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes) {
                Some(text) => (Cow::Owned(text.into_owned()), TextEncoding::Gb18030),
                None => {
                    return Err(undecodable_after_decoding(
                        file,
                        encoding_rs::GB18030.decode_without_bom_handling(bytes).0,
                        "UTF-8 / GB18030",
                    ))
                }
            },
        }
    };
    if let Some(at) = text.find('\0') {
        let (line, column) = line_and_column(&text, at);
        return Err(Issue::error(
            rules::NOT_TEXT,
            format!("{file} row {line}"),
            format!("第 {line} 行第 {column} 列含有 NUL 字符：这不是文本表格（可能是二进制文件，或没有 BOM 的 UTF-16 文件）"),
            format!("line {line}, column {column} holds a NUL character: not a text table (a binary file, or UTF-16 without its byte-order mark?)"),
        )
        .at(line, column));
    }
    Ok((text, encoding))
}

fn undecodable(file: &str, bytes: &[u8], valid_up_to: usize, tried: &str) -> Issue {
    let before = bytes.get(..valid_up_to).unwrap_or(bytes);
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count() as u64;
    let column = 1 + String::from_utf8_lossy(before.rsplit(|&b| b == b'\n').next().unwrap_or_default())
        .chars()
        .count() as u64;
    not_text(file, line, column, tried)
}

fn undecodable_after_decoding(file: &str, lossy: Cow<str>, tried: &str) -> Issue {
    let at = lossy.find('\u{FFFD}').unwrap_or(0);
    let (line, column) = line_and_column(&lossy, at);
    not_text(file, line, column, tried)
}

fn not_text(file: &str, line: u64, column: u64, tried: &str) -> Issue {
    Issue::error(
        rules::NOT_TEXT,
        format!("{file} row {line}"),
        format!(
            "第 {line} 行第 {column} 列的字节无法按 {tried} 编码读取：这不是文本表格，或编码不明。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”，或直接导入 .xlsx 工作簿"
        ),
        format!(
            "line {line}, column {column} cannot be read as {tried}: not a text table, or an unknown encoding. \
             Save it as \"CSV UTF-8 (Comma delimited)\" in Excel, or import the .xlsx workbook itself"
        ),
    )
    .at(line, column)
}

/// 1-based line and character column of byte offset `at` of `text`.
fn line_and_column(text: &str, at: usize) -> (u64, u64) {
    let before = text.get(..at).unwrap_or(text);
    let line = 1 + before.matches('\n').count() as u64;
    let column = 1 + before.rsplit('\n').next().unwrap_or("").chars().count() as u64;
    (line, column)
}

/// The separator: a tab when the first line has tabs and no commas (Excel's "Unicode text"),
/// otherwise a comma.
fn separator(text: &str) -> char {
    let first_line = text.split(['\n', '\r']).find(|l| !l.trim().is_empty()).unwrap_or("");
    if first_line.contains('\t') && !first_line.contains(',') {
        '\t'
    } else {
        ','
    }
}

/// Split `text` into the records of `table`. Each record keeps the line it starts and ends on.
/// Refused, naming the line: a quote that never closes, text after a closing quote, and a quoted
/// cell whose line breaks hold what look like whole rows (a stray quote swallowing the rows after
/// it). A quoted cell with an ordinary line break in it (Alt+Enter in Excel) is kept.
pub fn split_csv(text: &str, table: &mut Table) -> Result<(), Issue> {
    let file = table.file.clone();
    let separator = separator(text);
    // The number of separators a header line has; a line inside a quoted cell with at least half
    // as many is taken for a swallowed row.
    let mut header_separators: Option<usize> = None;
    let mut line: u64 = 1;
    let mut chars = text.char_indices().peekable();
    let too_large = |e: TooLarge, line: u64| e.issue(&file, line);

    while chars.peek().is_some() {
        let record_line = line;
        table.start_row(record_line).map_err(|e| too_large(e, line))?;
        let mut record_separators = 0usize;
        let mut ended_at_line_end = false;
        // One record: cells until a line end outside quotes, or the end of the text.
        'record: loop {
            let cell_line = line;
            let cell_column = table_column(table);
            match chars.peek() {
                Some(&(_, '"')) => {
                    chars.next();
                    let open_column = cell_column;
                    let mut inner_line_separators: Vec<(u64, usize)> = Vec::new();
                    let mut separators_on_line = 0usize;
                    loop {
                        match chars.next() {
                            None => {
                                return Err(Issue::error(
                                    rules::UNBALANCED_QUOTE,
                                    format!("{file} row {cell_line}"),
                                    format!(
                                        "第 {cell_line} 行第 {open_column} 列的单元格以引号 \" 开头，但这个引号直到文件末尾都没有闭合，其后各行都会被吞进这个单元格。请检查该单元格（常见于备注中的不成对引号），整份文件未导入"
                                    ),
                                    format!(
                                        "the cell at line {cell_line}, column {open_column} opens a quote \" that never closes, which would swallow every later line. Check that cell (a stray quote in a remark, often); nothing of the file was imported"
                                    ),
                                )
                                .at(cell_line, open_column));
                            }
                            Some((_, '"')) => {
                                if let Some(&(_, '"')) = chars.peek() {
                                    chars.next();
                                    table.text.push('"');
                                    continue;
                                }
                                break;
                            }
                            Some((_, c)) => {
                                if c == '\n' || (c == '\r' && chars.peek().map(|&(_, n)| n) != Some('\n')) {
                                    inner_line_separators.push((line, separators_on_line));
                                    separators_on_line = 0;
                                    line += 1;
                                } else if c == separator {
                                    separators_on_line += 1;
                                }
                                table.text.push(c);
                            }
                        }
                    }
                    if line > cell_line {
                        inner_line_separators.push((line, separators_on_line));
                        let swallowed = header_separators.and_then(|h| {
                            inner_line_separators
                                .iter()
                                .skip(1)
                                .find(|(_, n)| *n > 0 && *n * 2 >= h.max(1))
                                .map(|(l, _)| *l)
                        });
                        if let Some(swallowed_line) = swallowed {
                            return Err(Issue::error(
                                rules::UNBALANCED_QUOTE,
                                format!("{file} row {cell_line}"),
                                format!(
                                    "第 {cell_line} 行第 {open_column} 列的引号到第 {line} 行才闭合，中间的第 {swallowed_line} 行看起来是完整的一行数据：很可能是不成对的引号吞掉了后面的行。请检查该单元格，整份文件未导入"
                                ),
                                format!(
                                    "the quote opened at line {cell_line}, column {open_column} closes only at line {line}, and line {swallowed_line} inside it looks like a whole row: a stray quote has probably swallowed the rows after it. Check that cell; nothing of the file was imported"
                                ),
                            )
                            .at(cell_line, open_column));
                        }
                    }
                    // After the closing quote: a separator, a line end or the end of the text.
                    match chars.peek() {
                        None => {
                            table.end_cell().map_err(|e| too_large(e, line))?;
                            break 'record;
                        }
                        Some(&(_, c)) if c == separator => {
                            chars.next();
                            record_separators += 1;
                            table.end_cell().map_err(|e| too_large(e, line))?;
                        }
                        Some(&(_, '\n')) | Some(&(_, '\r')) => {
                            table.end_cell().map_err(|e| too_large(e, line))?;
                            consume_line_end(&mut chars);
                            line += 1;
                            ended_at_line_end = true;
                            break 'record;
                        }
                        Some(&(_, c)) => {
                            return Err(Issue::error(
                                rules::UNBALANCED_QUOTE,
                                format!("{file} row {line}"),
                                format!(
                                    "第 {cell_line} 行第 {open_column} 列的引号在第 {line} 行闭合后，紧跟着字符“{c}”而不是逗号或换行：单元格中可能有不成对的引号。整份文件未导入"
                                ),
                                format!(
                                    "the quote opened at line {cell_line}, column {open_column} closes on line {line} and is followed by `{c}` instead of a separator or line end: a stray quote in a cell? Nothing of the file was imported"
                                ),
                            )
                            .at(cell_line, open_column));
                        }
                    }
                }
                _ => {
                    // An unquoted cell: up to the separator or the line end. A quote inside it is
                    // literal, as Excel reads it (`12"` stays `12"`).
                    loop {
                        match chars.peek() {
                            None => {
                                table.end_cell().map_err(|e| too_large(e, line))?;
                                break 'record;
                            }
                            Some(&(_, c)) if c == separator => {
                                chars.next();
                                record_separators += 1;
                                table.end_cell().map_err(|e| too_large(e, line))?;
                                break;
                            }
                            Some(&(_, '\n')) | Some(&(_, '\r')) => {
                                table.end_cell().map_err(|e| too_large(e, line))?;
                                consume_line_end(&mut chars);
                                line += 1;
                                ended_at_line_end = true;
                                break 'record;
                            }
                            Some(&(_, c)) => {
                                chars.next();
                                table.text.push(c);
                            }
                        }
                    }
                }
            }
        }
        // After a line end `line` is already the next record's line.
        let end_line = if ended_at_line_end { line - 1 } else { line };
        table.end_row(end_line);
        if header_separators.is_none() && !table.row(table.row_count() - 1).is_some_and(|r| r.is_blank()) {
            header_separators = Some(record_separators);
        }
    }
    Ok(())
}

/// The 1-based column of the cell about to start in the current row.
fn table_column(table: &Table) -> u64 {
    table.rows.last().map(|r| r.cells as u64 + 1).unwrap_or(1)
}

fn consume_line_end(chars: &mut std::iter::Peekable<std::str::CharIndices>) {
    if let Some((_, '\r')) = chars.next() {
        if let Some(&(_, '\n')) = chars.peek() {
            chars.next();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::TableSource;
    use super::*;

    fn split(text: &str) -> Result<Vec<(u64, u64, Vec<String>)>, Issue> {
        let mut table = Table::new("t.csv", None, TableSource::Text(TextEncoding::Utf8));
        split_csv(text, &mut table)?;
        Ok(table.rows().map(|r| (r.line(), r.end_line(), r.cells().map(String::from).collect())).collect())
    }

    fn cells(rows: &[(u64, u64, Vec<String>)]) -> Vec<Vec<&str>> {
        rows.iter().map(|(_, _, c)| c.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn records_are_split_as_excel_writes_them() {
        let rows = split("a,b,c\r\n1,\"x, \"\"y\"\"\",3\r\n\r\n4,5,6").unwrap();
        assert_eq!(
            cells(&rows),
            [vec!["a", "b", "c"], vec!["1", "x, \"y\"", "3"], vec![], vec!["4", "5", "6"]]
        );
        let lines: Vec<(u64, u64)> = rows.iter().map(|(l, e, _)| (*l, *e)).collect();
        assert_eq!(lines, [(1, 1), (2, 2), (3, 3), (4, 4)]);
    }

    #[test]
    fn a_line_break_inside_quotes_keeps_the_record_and_its_lines() {
        let rows = split("名称,备注\n甲,\"第一行\n第二行\"\n乙,无\n").unwrap();
        assert_eq!(cells(&rows), [vec!["名称", "备注"], vec!["甲", "第一行\n第二行"], vec!["乙", "无"]]);
        let lines: Vec<(u64, u64)> = rows.iter().map(|(l, e, _)| (*l, *e)).collect();
        assert_eq!(lines, [(1, 1), (2, 3), (4, 4)]);
    }

    #[test]
    fn a_quote_that_never_closes_names_its_line() {
        let mut text = String::from("学校,学生数,备注\n");
        for i in 2..50 {
            text.push_str(&format!("学校{i},{i},\n"));
        }
        text.push_str("学校50,50,\"待核实\n学校51,51,\n学校52,52,\n");
        let err = split(&text).unwrap_err();
        assert_eq!((err.rule, err.line, err.column), (rules::UNBALANCED_QUOTE, Some(50), Some(3)));
        assert!(err.message_zh.contains("第 50 行第 3 列"), "{}", err.message_zh);
    }

    #[test]
    fn a_stray_quote_closed_by_a_later_one_is_caught() {
        // Closed by the quote that opens a later quoted cell: text follows the "closing" quote.
        let text = "学校,学生数,备注\n甲,1,\"待核实\n乙,2,\n丙,\"1,210\",x\n";
        let err = split(text).unwrap_err();
        assert_eq!((err.rule, err.line), (rules::UNBALANCED_QUOTE, Some(2)));
        // Closed cleanly before a separator, after swallowing a whole row.
        let text = "学校,学生数,备注\n甲,1,\"待核实\n乙,2,\n丙,3,\"\n";
        let err = split(text).unwrap_err();
        assert_eq!((err.rule, err.line), (rules::UNBALANCED_QUOTE, Some(2)));
        assert!(err.message_en.contains("line 3"), "{}", err.message_en);
    }

    #[test]
    fn lone_cr_and_tabs_and_literal_quotes() {
        assert_eq!(cells(&split("a\tb\r1\t12\"\r").unwrap()), [vec!["a", "b"], vec!["1", "12\""]]);
        assert_eq!(cells(&split("a,b").unwrap()), [vec!["a", "b"]]);
        assert_eq!(split("").unwrap().len(), 0);
    }

    #[test]
    fn encodings_are_detected_and_named() {
        let (text, enc) = decode_text("a.csv", "\u{FEFF}代码,名称".as_bytes()).unwrap();
        assert_eq!((text.as_ref(), enc), ("代码,名称", TextEncoding::Utf8Bom));
        // "代码,名称" in GBK.
        let gbk = b"\xB4\xFA\xC2\xEB,\xC3\xFB\xB3\xC6";
        let (text, enc) = decode_text("a.csv", gbk).unwrap();
        assert_eq!((text.as_ref(), enc), ("代码,名称", TextEncoding::Gb18030));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("名\t称".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        let (text, enc) = decode_text("a.txt", &utf16).unwrap();
        assert_eq!((text.as_ref(), enc), ("名\t称", TextEncoding::Utf16));
        let err = decode_text("a.csv", b"ok\nab\0c").unwrap_err();
        assert_eq!((err.rule, err.line, err.column), (rules::NOT_TEXT, Some(2), Some(3)));
        // A lone GB18030 lead byte at the end cannot be decoded.
        let err = decode_text("a.csv", b"x\n\xB4").unwrap_err();
        assert_eq!((err.rule, err.line), (rules::NOT_TEXT, Some(2)));
    }
}
