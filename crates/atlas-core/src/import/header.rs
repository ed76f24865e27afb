//! Finding the header of a table as Excel users lay it out: a title row or two above it
//! (「2024年XX县中小学基本情况统计表」, 「填报单位：」), a heading merged over the columns it covers
//! (在校生数 over 小学 | 初中), a heading merged down two rows (学校名称), and a row of column
//! numbers under it (甲 乙 1 2 3 …) as the statistical forms print.
//!
//! The header is the run of one to three rows whose columns the importer recognises best. Each
//! column then has a few candidate names, most specific first: the headings above it joined
//! (「在校生数」+「小学」 = 「在校生数小学」), then the lower ones alone, then the upper ones when
//! the lowest is only 「合计」. The caller's catalogue decides which candidate names what.

use crate::tables::Table;

/// How far down a sheet the header is looked for (title rows, notes, blank rows above it).
const SEARCH_ROWS: usize = 30;

/// The most header rows combined.
const MAX_DEPTH: usize = 3;

/// A table's header: where it is and the candidate names of each column.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Header {
    /// Sheet lines (1-based) of the header rows, top to bottom.
    pub lines: Vec<u64>,
    /// Index (in the table's stored rows) of the first row after the header and any row of
    /// column numbers.
    pub data_from: usize,
    /// One entry per column up to the widest header row.
    pub columns: Vec<HeaderColumn>,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct HeaderColumn {
    /// 0-based column.
    pub index: usize,
    /// The heading as shown, levels joined with `/` (`在校生数/小学`), for messages.
    pub shown: String,
    /// Names to try, most specific first; empty for a column with no heading.
    pub candidates: Vec<String>,
}

impl Header {
    /// The line of the lowest header row, where column problems are reported.
    pub fn line(&self) -> u64 {
        self.lines.last().copied().unwrap_or(1)
    }
}

/// Find the header: the rows (up to three, consecutive, among the first [`SEARCH_ROWS`]) under
/// which the most columns have a name `recognised` accepts. `None` when no row names even one
/// column the caller knows.
pub(crate) fn find_header(table: &Table, recognised: &dyn Fn(&str) -> bool) -> Option<Header> {
    let searched = table.row_count().min(SEARCH_ROWS);
    // The same names come up under many candidate header rows: recognise each once.
    let mut memo: std::collections::HashMap<String, bool> = std::collections::HashMap::new();
    let mut recognised = |name: &str| -> bool {
        if let Some(&known) = memo.get(name) {
            return known;
        }
        let known = recognised(name);
        memo.insert(name.to_string(), known);
        known
    };
    let mut best: Option<(usize, Header)> = None;
    for bottom in 0..searched {
        let Some(row) = table.row(bottom) else { continue };
        if row.is_blank() {
            continue;
        }
        for depth in 1..=MAX_DEPTH.min(bottom + 1) {
            let top = bottom + 1 - depth;
            // The header rows are consecutive sheet rows with something in them.
            let rows: Vec<usize> = (top..=bottom).collect();
            if !consecutive(table, &rows) {
                break;
            }
            let header = build(table, &rows);
            let score = header
                .columns
                .iter()
                .filter(|c| c.candidates.iter().any(|name| recognised(name.as_str())))
                .count();
            // A deeper header must recognise more columns to be preferred.
            if score > 0 && best.as_ref().is_none_or(|(s, _)| score > *s) {
                best = Some((score, header));
            }
        }
    }
    best.map(|(_, mut header)| {
        header.data_from = skip_column_numbers(table, header.data_from);
        header
    })
}

fn consecutive(table: &Table, rows: &[usize]) -> bool {
    let lines: Vec<u64> = rows.iter().filter_map(|&i| table.row(i).map(|r| r.line())).collect();
    lines.len() == rows.len()
        && lines.windows(2).all(|w| w[1] == w[0] + 1)
        && rows.iter().all(|&i| table.row(i).is_some_and(|r| !r.is_blank()))
}

fn build(table: &Table, rows: &[usize]) -> Header {
    let lines: Vec<u64> = rows.iter().filter_map(|&i| table.row(i).map(|r| r.line())).collect();
    let width = rows.iter().filter_map(|&i| table.row(i).map(|r| r.len())).max().unwrap_or(0);
    let width = table
        .merges
        .iter()
        .filter(|m| lines.iter().any(|l| (m.first_line..=m.last_line).contains(l)))
        .map(|m| m.last_column + 1)
        .fold(width, usize::max);
    // Each header row's text per column: merged cells show their block's value, and in a row
    // above the lowest one a blank cell over a filled lower cell belongs to the heading on its
    // left (a merge that a CSV file lost, or "centre across selection").
    let grid: Vec<Vec<String>> = lines
        .iter()
        .enumerate()
        .map(|(level, &line)| {
            let mut cells: Vec<String> = (0..width).map(|c| table.shown(line, c).to_string()).collect();
            let lowest = level + 1 == lines.len();
            let filled = cells.iter().filter(|c| !c.is_empty()).count();
            if !lowest && filled >= 2 {
                let mut left: Option<String> = None;
                for (c, cell) in cells.iter_mut().enumerate() {
                    let below_filled = lines[level + 1..].iter().any(|&l| !table.shown(l, c).is_empty());
                    if cell.is_empty() {
                        if below_filled && !in_merge(table, line, c) {
                            if let Some(text) = &left {
                                *cell = text.clone();
                            }
                        }
                    } else {
                        left = Some(cell.clone());
                    }
                }
            }
            cells
        })
        .collect();
    let columns = (0..width)
        .map(|c| {
            let mut levels: Vec<&str> = Vec::new();
            for row in &grid {
                let text = row[c].as_str();
                if !text.is_empty() && levels.last() != Some(&text) {
                    levels.push(text);
                }
            }
            HeaderColumn { index: c, shown: levels.join("/"), candidates: candidates(&levels) }
        })
        .collect();
    let data_from = rows.last().map(|&r| r + 1).unwrap_or(0);
    Header { lines, data_from, columns }
}

fn in_merge(table: &Table, line: u64, column: usize) -> bool {
    table.merges.iter().any(|m| {
        (m.first_line..=m.last_line).contains(&line) && (m.first_column..=m.last_column).contains(&column)
    })
}

/// Words that only say "the total of the heading above".
fn is_total_word(text: &str) -> bool {
    let t: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(t.as_str(), "合计" | "小计" | "总计" | "计" | "总数" | "总" | "全校" | "合计数")
}

/// Candidate names of a column from its heading levels (top to bottom), most specific first.
fn candidates(levels: &[&str]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    let n = levels.len();
    if n == 0 {
        return Vec::new();
    }
    let (levels, total_child) = match levels.split_last() {
        Some((last, rest)) if n > 1 && is_total_word(last) => (rest, true),
        _ => (levels, false),
    };
    // Joined suffixes: all levels, then without the top one, …, the lowest alone.
    for start in 0..levels.len() {
        push(levels[start..].concat());
    }
    // The top heading with the lowest (skipping a middle one), and the lowest before the top
    // (「小学」 over 「在校生数」 reads 「在校生数小学」 too).
    if levels.len() == 3 {
        push(format!("{}{}", levels[0], levels[2]));
    }
    if levels.len() >= 2 {
        push(format!("{}{}", levels[levels.len() - 1], levels[0]));
    }
    // The upper headings alone, when the lowest adds nothing the catalogue knows (「班数」 over
    // 「其中：大班额」 stays for the lower; 「专任教师」 over 「合计」 is 专任教师).
    if total_child {
        for end in (1..levels.len()).rev() {
            push(levels[..end].concat());
        }
    }
    out
}

/// Rows of column numbers printed under a statistical form's header (甲 乙 1 2 3 …, 栏次) carry no
/// data: skip them.
fn skip_column_numbers(table: &Table, mut from: usize) -> usize {
    while let Some(row) = table.row(from) {
        let cells: Vec<&str> = row.cells().filter(|c| !c.is_empty()).collect();
        let numbering = !cells.is_empty()
            && cells.iter().all(|c| {
                matches!(*c, "甲" | "乙" | "丙" | "丁" | "戊" | "己" | "栏次" | "序号")
                    || (c.len() <= 3 && c.bytes().all(|b| b.is_ascii_digit()))
            })
            && {
                // Digits must count up by one, as column numbers do; a data row of small numbers
                // does not.
                let numbers: Vec<u32> = cells.iter().filter_map(|c| c.parse().ok()).collect();
                numbers.len() >= 2 && numbers.windows(2).all(|w| w[1] == w[0] + 1)
            };
        if !numbering {
            break;
        }
        from += 1;
    }
    from
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::{Merge, TableSource};

    fn table(rows: &[&[&str]]) -> Table {
        let text: String = rows.iter().map(|r| r.join(",")).collect::<Vec<_>>().join("\n");
        let mut t = crate::tables::read_tables("t.csv", text.as_bytes()).unwrap().remove(0);
        t.source = TableSource::Xlsx;
        t
    }

    fn known(name: &str) -> bool {
        ["学校名称", "在校生数小学", "在校生数初中", "专任教师", "专任教师高级职称", "学生数", "班数"]
            .contains(&name)
    }

    #[test]
    fn a_title_row_and_a_heading_over_two_columns() {
        let t = table(&[
            &["2024年某县中小学基本情况", "", "", "", ""],
            &["", "", "", "", ""],
            &["学校名称", "在校生数", "", "专任教师", ""],
            &["", "小学", "初中", "合计", "其中：高级职称"],
            &["甲", "乙", "1", "2", "3"],
            &["化念中学", "300", "210", "35", "4"],
        ]);
        let h = find_header(&t, &known).unwrap();
        assert_eq!(h.lines, [3, 4]);
        assert_eq!(t.row(h.data_from).unwrap().cell(0), "化念中学");
        let shown: Vec<&str> = h.columns.iter().map(|c| c.shown.as_str()).collect();
        assert_eq!(
            shown,
            ["学校名称", "在校生数/小学", "在校生数/初中", "专任教师/合计", "专任教师/其中：高级职称"]
        );
        assert_eq!(h.columns[3].candidates, ["专任教师"]);
        assert_eq!(h.columns[4].candidates[0], "专任教师其中：高级职称");
    }

    #[test]
    fn merged_headings_in_a_workbook() {
        let mut t = table(&[&["学校名称", "在校生数", ""], &["", "小学", "初中"], &["甲校", "1", "2"]]);
        t.merges = vec![
            Merge { first_line: 1, last_line: 2, first_column: 0, last_column: 0 },
            Merge { first_line: 1, last_line: 1, first_column: 1, last_column: 2 },
        ];
        let h = find_header(&t, &known).unwrap();
        assert_eq!(h.lines, [1, 2]);
        assert_eq!(h.columns[2].candidates[0], "在校生数初中");
        assert_eq!(h.columns[0].candidates, ["学校名称"]);
    }

    #[test]
    fn a_single_header_row_is_preferred_when_it_is_enough() {
        let t = table(&[&["学校名称", "学生数", "班数"], &["甲校", "1", "2"], &["乙校", "3", "4"]]);
        let h = find_header(&t, &known).unwrap();
        assert_eq!((h.lines.as_slice(), h.data_from), (&[1u64][..], 1));
        assert!(find_header(&t, &|_| false).is_none());
    }
}
