//! The small tables (townships, population, reported values, survey) read through the column
//! catalogue of `columns`: their header found under any title rows, each known column's position,
//! and the cells of one row read with every problem reported against its table, line and column.

use super::cells::{parse_amount, parse_count, Problem};
use super::columns::{column_names, normalise_header, Column};
pub(super) use super::table_sheet::Cell;
use super::table_sheet::{self, closest, Cells};
use crate::report::{FileReport, Issue, RuleId};
use crate::tables::{Row, Table};
use crate::validate::rules;
use crate::vocabulary::Vocabulary;
use std::collections::BTreeMap;

/// A table whose header names its columns from one catalogue.
pub(super) struct Sheet<'t> {
    inner: table_sheet::Sheet<'t, &'static Column>,
    /// Position of each known column present, by its Chinese name.
    positions: BTreeMap<&'static str, usize>,
}

impl<'t> Sheet<'t> {
    pub(super) fn rows(&self) -> impl Iterator<Item = Row<'t>> + '_ {
        self.inner.data_rows()
    }

    pub(super) fn has(&self, column: &Column) -> bool {
        self.positions.contains_key(column.zh)
    }
}

/// The catalogue column a header names.
pub(super) fn recognise(known: &[&'static Column], header: &str) -> Option<&'static Column> {
    let normalised = normalise_header(header);
    known.iter().copied().find(|c| c.matches(&normalised))
}

/// How many of `known` columns a table's best header row names (0 when none): how a table is
/// told apart from the others.
pub(super) fn score(table: &Table, known: &[&'static Column]) -> usize {
    table_sheet::Sheet::new(table, &|h| recognise(known, h)).map(|s| s.columns.len()).unwrap_or(0)
}

/// Find the header of `table` and the columns of `known` in it. Problems go to `report`; `None`
/// when the table cannot be read (no header, a required column missing, a column twice).
pub(super) fn read_sheet<'t>(
    table: &'t Table,
    known: &[&'static Column],
    required: &[&'static Column],
    report: &mut FileReport,
) -> Option<Sheet<'t>> {
    let Some(inner) = table_sheet::Sheet::new(table, &|h| recognise(known, h)) else {
        let mut issue = Issue::error(
            rules::MISSING_COLUMN,
            table.name(),
            format!("找不到表头：没有一行写着这些列名：{}", column_names(required)),
            format!(
                "no header row found: no row names the columns {}",
                required.iter().map(|c| c.zh).collect::<Vec<_>>().join(", ")
            ),
        );
        if table.rows().all(|r| r.is_blank()) {
            issue.rule = rules::EMPTY_FILE;
            issue.message_zh = "表格为空，缺少表头行".into();
            issue.message_en = "the table is empty: no header row".into();
        }
        report.push(issue.at(1, 1));
        return None;
    };
    let mut positions = BTreeMap::new();
    let mut ok = true;
    for &(index, column) in &inner.columns {
        if let Some(first) = positions.insert(column.zh, index) {
            ok = false;
            report.push(inner.header_issue(
                Some(index),
                Issue::error(
                    rules::DUPLICATE_COLUMN,
                    "",
                    format!("列“{}”出现了两次（第 {} 列和第 {} 列）", column.zh, first + 1, index + 1),
                    format!("column `{}` appears twice (columns {} and {})", column.zh, first + 1, index + 1),
                ),
            ));
        }
    }
    let known_headers = || {
        known.iter().flat_map(|c| {
            std::iter::once(c.zh).chain(c.also.iter().copied()).map(move |a| (normalise_header(a), c.zh))
        })
    };
    for (index, heading) in &inner.unknown {
        let suggestion = closest(&normalise_header(heading), known_headers())
            .map(|s| (format!("你是不是指“{s}”？"), format!(" Did you mean `{s}`?")))
            .unwrap_or_else(|| {
                (
                    format!("可用的列：{}", column_names(known)),
                    format!(" Known columns: {}", column_names(known)),
                )
            });
        report.push(inner.header_issue(
            Some(*index),
            Issue::warning(
                rules::UNKNOWN_COLUMN,
                "",
                format!("不认识的列“{heading}”，已忽略。{}", suggestion.0),
                format!("unknown column `{heading}`, ignored.{}", suggestion.1),
            ),
        ));
    }
    for c in required {
        if !positions.contains_key(c.zh) {
            ok = false;
            let near = inner.unknown.iter().find(|(_, heading)| {
                let aliases =
                    std::iter::once(c.zh).chain(c.also.iter().copied()).map(|a| (normalise_header(a), a));
                closest(&normalise_header(heading), aliases).is_some()
            });
            let (hint_zh, hint_en) = match near {
                Some((_, heading)) => (
                    format!("表中的“{heading}”是不是这一列？是的话请把表头改为“{}”", c.zh),
                    format!(" Is `{heading}` that column? Then name it `{}`.", c.zh),
                ),
                None => (String::new(), String::new()),
            };
            let mut issue = inner.header_issue(
                None,
                Issue::error(
                    rules::MISSING_COLUMN,
                    "",
                    format!("缺少必填列“{}”（英文列名 {}）。{hint_zh}", c.zh, c.en),
                    format!("missing required column `{}` (`{}`).{hint_en}", c.zh, c.en),
                ),
            );
            issue.path = format!("{} row {}, column {}", inner.name, inner.header.line(), c.zh);
            report.push(issue);
        }
    }
    ok.then_some(Sheet { inner, positions })
}

/// One row being read: cell access, value parsing and the issues found in it.
pub(super) struct RowReader<'s, 't> {
    positions: &'s BTreeMap<&'static str, usize>,
    cells: Cells<'s, 't, &'static Column>,
}

impl<'s, 't> RowReader<'s, 't> {
    pub(super) fn new(sheet: &'s Sheet<'t>, row: Row<'t>) -> Self {
        let mut cells = Cells::new(&sheet.inner, row);
        let width = sheet.inner.header.columns.len();
        for i in width..row.len() {
            let cell = row.cell(i);
            if !cell.is_empty() {
                let line = row.line();
                cells.issues.push(
                    Issue::error(
                        rules::EXTRA_CELL,
                        format!("{} row {line}, column {}", sheet.inner.name, i + 1),
                        format!("第 {} 列没有表头，但有内容“{cell}”", i + 1),
                        format!("column {} has no header but holds `{cell}`", i + 1),
                    )
                    .at(line, i as u64 + 1),
                );
            }
        }
        RowReader { positions: &sheet.positions, cells }
    }

    pub(super) fn line(&self) -> u64 {
        self.cells.line()
    }

    /// The issues found so far, taken out of the reader.
    pub(super) fn take_issues(&mut self) -> Vec<Issue> {
        std::mem::take(&mut self.cells.issues)
    }

    pub(super) fn is_clean(&self) -> bool {
        self.cells.issues.is_empty()
    }

    /// The trimmed text of a column ("" when the column is absent or the row is short).
    pub(super) fn raw(&self, column: &Column) -> &'t str {
        self.positions.get(column.zh).map(|&i| self.cells.raw(i)).unwrap_or("")
    }

    pub(super) fn error(&mut self, column: &Column, rule: RuleId, zh: String, en: String) {
        match self.positions.get(column.zh) {
            Some(&i) => self.cells.error(i, rule, zh, en),
            None => {
                let path = format!("{} row {}, column {}", self.cells.sheet.name, self.line(), column.zh);
                let mut issue = Issue::error(rule, path, zh, en);
                issue.line = Some(self.line());
                self.cells.issues.push(issue);
            }
        }
    }

    pub(super) fn parse<T>(
        &mut self,
        column: &Column,
        parse: impl Fn(&str) -> Result<T, Problem>,
    ) -> Cell<T> {
        match self.positions.get(column.zh) {
            Some(&i) => self.cells.parse(i, parse),
            None => Cell::Blank,
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
        let cell = self.parse(column, |s| Ok(super::cells::unguard(s).to_string()));
        self.require(column, cell)
    }

    pub(super) fn optional_text(&mut self, column: &Column) -> Option<String> {
        self.parse(column, |s| Ok(super::cells::unguard(s).to_string())).value()
    }

    pub(super) fn count(&mut self, column: &Column) -> Option<u32> {
        let cell = self.parse(column, parse_count);
        self.require(column, cell)
    }

    pub(super) fn amount(&mut self, column: &Column) -> Option<f64> {
        let cell = self.parse(column, parse_amount);
        self.require(column, cell)
    }

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
