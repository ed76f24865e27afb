//! Workbooks: `.xlsx`, `.ods` and legacy `.xls`, read with `calamine` (pure Rust, builds for
//! wasm32). Every sheet becomes a [`Table`] whose rows carry the sheet's own row numbers, so a
//! message says "row 14" where Excel shows row 14; merged cells are kept so the import can spread
//! a merged heading over the columns it covers.
//!
//! A workbook is a zip of XML files, and a small one can unpack to gigabytes. So the parts a
//! sheet is read from are checked by their declared unpacked size first, `.xlsx` sheets are read
//! cell by cell (never as one dense grid, which one stray cell at XFD1048576 would make 17 billion
//! cells big), and `.ods` sheets, which calamine reads as a grid, are refused when the grid would
//! be too big.

use super::{Merge, Table, TableSource, TooLarge};
use crate::report::Issue;
use crate::validate::rules;
use calamine::{open_workbook_from_rs, Data, DataRef, Ods, Reader, SheetVisible, Xls, Xlsx};
use std::io::{Cursor, Read};

/// The largest unpacked size of all the parts of a workbook together.
const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

/// The most cells of a sheet read as a dense grid (`.ods`, `.xls`): 32 bytes each in calamine,
/// so at most 256 MiB.
const MAX_GRID_CELLS: u64 = 8 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Xlsx,
    Ods,
    Xls,
}

pub fn read_workbook(file: &str, bytes: &[u8]) -> Result<Vec<Table>, Vec<Issue>> {
    let kind = if super::sniff(bytes) == super::FileFormat::LegacyXls {
        Kind::Xls
    } else {
        zip_kind(file, bytes).map_err(|issue| vec![issue])?
    };
    let result = match kind {
        Kind::Xlsx => read_xlsx(file, bytes),
        Kind::Ods => read_grid::<Ods<_>>(file, bytes, TableSource::Ods),
        Kind::Xls => read_grid::<Xls<_>>(file, bytes, TableSource::Xls),
    };
    result.map_err(|issue| vec![issue])
}

/// Whether a zip is an `.xlsx` or an `.ods`, after checking the unpacked sizes it declares.
fn zip_kind(file: &str, bytes: &[u8]) -> Result<Kind, Issue> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| unreadable(file, &e.to_string()))?;
    let mut unpacked: u64 = 0;
    let mut kind = None;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|e| unreadable(file, &e.to_string()))?;
        unpacked = unpacked.saturating_add(entry.size());
        match entry.name().as_deref().unwrap_or("") {
            "xl/workbook.xml" | "xl/workbook.bin" => kind = Some(Kind::Xlsx),
            "content.xml" if kind.is_none() => kind = Some(Kind::Ods),
            _ => {}
        }
    }
    if unpacked > MAX_UNPACKED_BYTES {
        return Err(Issue::error(
            crate::validate::rules::FILE_TOO_LARGE,
            file,
            format!("工作簿解压后超过 {} MiB，拒绝读取", MAX_UNPACKED_BYTES >> 20),
            format!("the workbook unpacks to more than {} MiB; refused", MAX_UNPACKED_BYTES >> 20),
        ));
    }
    if kind == Some(Kind::Ods) {
        check_ods_grid(file, &mut archive)?;
    }
    kind.ok_or_else(|| {
        Issue::error(
            rules::UNSUPPORTED_FILE,
            file,
            "这是一个 zip 压缩文件，但不是 Excel（.xlsx）或 OpenDocument（.ods）工作簿",
            "this is a zip archive but not an Excel (.xlsx) or OpenDocument (.ods) workbook",
        )
    })
}

fn unreadable(file: &str, why: &str) -> Issue {
    Issue::error(
        rules::UNREADABLE_WORKBOOK,
        file,
        format!("无法读取工作簿（文件可能已损坏，或不是 Excel/WPS/LibreOffice 保存的工作簿）：{why}"),
        format!("cannot read the workbook (damaged, or not saved by Excel/WPS/LibreOffice?): {why}"),
    )
}

/// Read each visible sheet of an `.xlsx` cell by cell.
fn read_xlsx(file: &str, bytes: &[u8]) -> Result<Vec<Table>, Issue> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| unreadable(file, &e.to_string()))?;
    let sheets: Vec<(String, bool)> =
        book.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible != SheetVisible::Visible)).collect();
    let mut tables = Vec::new();
    for (name, hidden) in sheets {
        // Worksheets only: a chart sheet has no cells and is not found as a worksheet.
        let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
        let mut table = Table::new(file, Some(name.clone()), TableSource::Xlsx);
        table.hidden = hidden;
        let mut reader = match book.worksheet_cells_reader(&name) {
            Ok(reader) => reader,
            Err(_) => continue,
        };
        let mut row: Option<(u32, Vec<(u32, String)>)> = None;
        loop {
            let cell = reader.next_cell().map_err(|e| unreadable(file, &format!("{name}: {e}")))?;
            let Some(cell) = cell else { break };
            let (r, c) = cell.get_position();
            let text = data_ref_text(cell.get_value());
            match &mut row {
                Some((current, cells)) if *current == r => cells.push((c, text)),
                Some((current, _)) if *current > r => {
                    return Err(unreadable(file, &format!("{name}: rows out of order at row {}", r + 1)))
                }
                _ => {
                    if let Some((line, cells)) = row.take() {
                        push_sparse_row(&mut table, line, cells)
                            .map_err(|e| e.issue(&table_name(file, &name), u64::from(line) + 1))?;
                    }
                    row = Some((r, vec![(c, text)]));
                }
            }
        }
        if let Some((line, cells)) = row.take() {
            push_sparse_row(&mut table, line, cells)
                .map_err(|e| e.issue(&table_name(file, &name), u64::from(line) + 1))?;
        }
        table.merges = merges_of(&merges);
        if table.rows().any(|r| !r.is_blank()) {
            tables.push(table);
        }
    }
    Ok(tables)
}

fn table_name(file: &str, sheet: &str) -> String {
    format!("{file}[{sheet}]")
}

/// Add a sheet row from its cells (0-based columns, in any order, gaps allowed).
fn push_sparse_row(table: &mut Table, row: u32, mut cells: Vec<(u32, String)>) -> Result<(), TooLarge> {
    cells.sort_by_key(|(c, _)| *c);
    let line = u64::from(row) + 1;
    table.start_row(line)?;
    let mut next = 0u32;
    for (column, text) in cells {
        while next < column {
            table.end_cell()?;
            next += 1;
        }
        if next > column {
            continue; // a repeated column: the first value stands
        }
        table.text.push_str(&text);
        table.end_cell()?;
        next += 1;
    }
    table.end_row(line);
    Ok(())
}

/// Read each sheet of an `.ods` or `.xls` as calamine's dense grid (bounded: see
/// [`check_ods_grid`]; an `.xls` sheet has at most 65,536 × 256 cells).
fn read_grid<R>(file: &str, bytes: &[u8], source: TableSource) -> Result<Vec<Table>, Issue>
where
    R: Reader<Cursor<Vec<u8>>>,
    R::Error: std::fmt::Display,
{
    let mut book: R = open_workbook_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e: R::Error| unreadable(file, &e.to_string()))?;
    let sheets: Vec<(String, bool)> =
        book.sheets_metadata().iter().map(|s| (s.name.clone(), s.visible != SheetVisible::Visible)).collect();
    let mut tables = Vec::new();
    for (name, hidden) in sheets {
        let Ok(range) = book.worksheet_range(&name) else { continue };
        let Some((row0, col0)) = range.start() else { continue };
        let mut table = Table::new(file, Some(name.clone()), source);
        table.hidden = hidden;
        for (i, cells) in range.rows().enumerate() {
            let row = row0 + i as u32;
            let sparse: Vec<(u32, String)> = cells
                .iter()
                .enumerate()
                .filter(|(_, d)| !matches!(d, Data::Empty))
                .map(|(j, d)| (col0 + j as u32, data_text(d)))
                .collect();
            if sparse.is_empty() {
                continue;
            }
            push_sparse_row(&mut table, row, sparse)
                .map_err(|e| e.issue(&table_name(file, &name), u64::from(row) + 1))?;
        }
        if table.rows().any(|r| !r.is_blank()) {
            tables.push(table);
        }
    }
    Ok(tables)
}

/// An `.ods` describes repeated rows and cells by count (`number-rows-repeated="1048000"`), so
/// a few bytes can stand for a grid calamine would expand to billions of cells. Before calamine
/// reads it, the bounding box of the cells that hold a value is worked out from those counts.
fn check_ods_grid<R: Read + std::io::Seek>(
    file: &str,
    archive: &mut zip::ZipArchive<R>,
) -> Result<(), Issue> {
    use quick_xml::events::Event;
    let mut content = String::new();
    let Ok(entry) = archive.by_name("content.xml") else { return Ok(()) };
    entry
        .take(MAX_UNPACKED_BYTES)
        .read_to_string(&mut content)
        .map_err(|e| unreadable(file, &e.to_string()))?;
    let mut reader = quick_xml::Reader::from_str(&content);
    let repeated = |e: &quick_xml::events::BytesStart, name: &str| -> u64 {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| a.value.parse::<u64>().ok())
            .unwrap_or(1)
    };
    let (mut row, mut column) = (0u64, 0u64);
    let mut row_repeat = 1u64;
    let (mut max_row, mut max_column) = (0u64, 0u64);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "table" => {
                row = 0;
            }
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) if e.local_name().as_ref() == "table-row" => {
                row_repeat = repeated(&e, "table:number-rows-repeated");
                column = 0;
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == "table-row" => {
                row = row.saturating_add(row_repeat);
            }
            Ok(Event::Start(e)) | Ok(Event::Empty(e))
                if matches!(e.local_name().as_ref(), "table-cell" | "covered-table-cell") =>
            {
                let columns = repeated(&e, "table:number-columns-repeated");
                let has_value = e.attributes().flatten().any(|a| a.key.as_ref() == "office:value-type");
                column = column.saturating_add(columns);
                if has_value {
                    max_row = max_row.max(row.saturating_add(row_repeat));
                    max_column = max_column.max(column);
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => return Err(unreadable(file, &e.to_string())),
            _ => {}
        }
    }
    if max_row.saturating_mul(max_column) > MAX_GRID_CELLS {
        return Err(Issue::error(
            crate::validate::rules::FILE_TOO_LARGE,
            file,
            format!(
                "工作表的数据区域过大（{max_row} 行 × {max_column} 列）：.ods 文件最多读取 {MAX_GRID_CELLS} 个单元格。请删除多余的行列，或另存为 .xlsx 后导入"
            ),
            format!(
                "a sheet's data area is too large ({max_row} rows × {max_column} columns): at most {MAX_GRID_CELLS} cells are read from an .ods. Delete the stray rows and columns, or save it as .xlsx"
            ),
        ));
    }
    Ok(())
}

fn merges_of(dimensions: &[calamine::Dimensions]) -> Vec<Merge> {
    dimensions
        .iter()
        .map(|d| Merge {
            first_line: u64::from(d.start.0) + 1,
            last_line: u64::from(d.end.0) + 1,
            first_column: d.start.1 as usize,
            last_column: d.end.1 as usize,
        })
        .collect()
}

fn data_ref_text(value: &DataRef<'_>) -> String {
    match value {
        DataRef::Int(i) => i.to_string(),
        DataRef::Float(f) => number_text(*f),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        DataRef::DateTime(d) => number_text(d.as_f64()),
        DataRef::Error(e) => e.to_string(),
        DataRef::Empty => String::new(),
    }
}

fn data_text(value: &Data) -> String {
    match value {
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(d) => number_text(d.as_f64()),
        Data::Error(e) => e.to_string(),
        Data::Empty => String::new(),
    }
}

/// A cell's number as Excel shows it in General format: at most 15 significant digits, so a
/// formula's 1203.9999999999998 reads as the 1204 on the screen, and whole numbers without `.0`.
pub(crate) fn number_text(value: f64) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let shown: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    if shown.fract() == 0.0 && shown.abs() < 1e15 {
        format!("{shown:.0}")
    } else {
        shown.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_as_excel_shows_them() {
        assert_eq!(number_text(1240.0), "1240");
        assert_eq!(number_text(1203.9999999999998), "1204");
        assert_eq!(number_text(6543.25), "6543.25");
        assert_eq!(number_text(0.1 + 0.2), "0.3");
        assert_eq!(number_text(-3.0), "-3");
        assert_eq!(number_text(1e20), "100000000000000000000");
    }

    #[test]
    fn an_xlsx_keeps_sheet_rows_merges_and_hidden_sheets() {
        use rust_xlsxwriter::{Format, Workbook};
        let mut book = Workbook::new();
        let merged = Format::new();
        let sheet = book.add_worksheet().set_name("学校").unwrap();
        sheet.merge_range(0, 0, 0, 3, "2024年学校基本情况", &merged).unwrap();
        sheet.merge_range(2, 0, 3, 0, "学校名称", &merged).unwrap();
        sheet.merge_range(2, 1, 2, 2, "在校生数", &merged).unwrap();
        sheet.write_string(3, 1, "小学").unwrap();
        sheet.write_string(3, 2, "初中").unwrap();
        sheet.write_string(4, 0, "化念中学").unwrap();
        sheet.write_number(4, 1, 300.0).unwrap();
        sheet.write_number(4, 2, 1203.9999999999998).unwrap();
        sheet.write_string(6, 3, "备注").unwrap();
        let other = book.add_worksheet().set_name("下拉列表").unwrap();
        other.write_string(0, 0, "公办").unwrap();
        other.set_hidden(true);
        book.add_worksheet().set_name("空表").unwrap();
        let bytes = book.save_to_buffer().unwrap();

        let tables = super::super::read_tables("学校.xlsx", &bytes).unwrap();
        let names: Vec<(String, bool)> = tables.iter().map(|t| (t.name(), t.hidden)).collect();
        assert_eq!(
            names,
            [("学校.xlsx[学校]".to_string(), false), ("学校.xlsx[下拉列表]".to_string(), true)]
        );
        let t = &tables[0];
        assert_eq!(t.source, TableSource::Xlsx);
        let rows: Vec<(u64, Vec<&str>)> = t.rows().map(|r| (r.line(), r.cells().collect())).collect();
        assert_eq!(
            rows,
            [
                (1, vec!["2024年学校基本情况"]),
                (3, vec!["学校名称", "在校生数"]),
                (4, vec!["", "小学", "初中"]),
                (5, vec!["化念中学", "300", "1204"]),
                (7, vec!["", "", "", "备注"]),
            ]
        );
        assert_eq!(
            (t.shown(4, 0), t.shown(3, 2), t.shown(1, 3)),
            ("学校名称", "在校生数", "2024年学校基本情况")
        );
    }

    /// A minimal OpenDocument spreadsheet, as LibreOffice writes one (mimetype first, stored).
    fn ods(rows_xml: &str) -> Vec<u8> {
        let content = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <office:document-content xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
             xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
             xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
             <office:body><office:spreadsheet><table:table table:name=\"乡镇\">{rows_xml}</table:table>\
             </office:spreadsheet></office:body></office:document-content>"
        );
        let manifest = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
             <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" manifest:version=\"1.2\">\
             <manifest:file-entry manifest:full-path=\"/\" manifest:media-type=\"application/vnd.oasis.opendocument.spreadsheet\"/>\
             <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
             </manifest:manifest>";
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(Cursor::new(&mut bytes));
            let stored =
                zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
            for (name, text) in [
                ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                ("content.xml", content.as_str()),
                ("META-INF/manifest.xml", manifest),
            ] {
                zip.start_file(name, stored).unwrap();
                std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
            }
            zip.finish().unwrap();
        }
        bytes
    }

    fn cell(text: &str) -> String {
        format!("<table:table-cell office:value-type=\"string\"><text:p>{text}</text:p></table:table-cell>")
    }

    #[test]
    fn an_ods_sheet_is_read_and_a_repeated_cell_bomb_is_refused() {
        let rows = format!(
            "<table:table-row>{}{}</table:table-row><table:table-row>{}{}</table:table-row>",
            cell("代码"),
            cell("名称"),
            cell("530426102"),
            cell("化念镇")
        );
        let tables = super::super::read_tables("乡镇.ods", &ods(&rows)).unwrap();
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].source, TableSource::Ods);
        let cells: Vec<Vec<&str>> = tables[0].rows().map(|r| r.cells().collect()).collect();
        assert_eq!(cells, [vec!["代码", "名称"], vec!["530426102", "化念镇"]]);

        // One value repeated over a million rows and a thousand columns: a few hundred bytes that
        // calamine would expand to a billion cells.
        let bomb = "<table:table-row table:number-rows-repeated=\"1000000\">\
            <table:table-cell table:number-columns-repeated=\"1000\" office:value-type=\"float\" office:value=\"1\"/>\
            </table:table-row>";
        let err = super::super::read_tables("bomb.ods", &ods(bomb)).unwrap_err();
        assert_eq!(err[0].rule, crate::validate::rules::FILE_TOO_LARGE);
    }

    #[test]
    fn a_zip_that_is_no_workbook_is_named() {
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(Cursor::new(&mut bytes));
            zip.start_file("readme.txt", zip::write::SimpleFileOptions::default()).unwrap();
            std::io::Write::write_all(&mut zip, b"hello").unwrap();
            zip.finish().unwrap();
        }
        let err = read_workbook("a.xlsx", &bytes).unwrap_err();
        assert_eq!(err[0].rule, rules::UNSUPPORTED_FILE);
        let err = read_workbook("a.xlsx", b"PK\x03\x04 truncated").unwrap_err();
        assert_eq!(err[0].rule, rules::UNREADABLE_WORKBOOK);
    }
}
