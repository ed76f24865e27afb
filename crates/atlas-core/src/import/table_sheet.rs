//! A table with its header found: which column holds what, which rows are data, and the reading
//! of one row's cells with every problem reported against the table, the row and the column as
//! the person sees them (`学校.xlsx[学校] row 14, column 在校生数/小学`).

use super::cells::{parse_amount, parse_count, Problem};
use super::header::{find_header, Header};
use crate::report::{Issue, RuleId};
use crate::tables::{Row, Table};
use crate::validate::rules;

/// A table whose header is known. `K` is what a column is recognised as.
pub(crate) struct Sheet<'t, K> {
    pub table: &'t Table,
    /// The table's name in messages.
    pub name: String,
    pub header: Header,
    /// Each recognised column: its 0-based index and what it holds.
    pub columns: Vec<(usize, K)>,
    /// Columns with a heading nobody recognised: index and heading as shown.
    pub unknown: Vec<(usize, String)>,
}

impl<'t, K: Copy> Sheet<'t, K> {
    /// Find the header with `recognise` (a column is what its first recognised candidate name
    /// says). `None` when no row of the table names a column `recognise` knows.
    pub fn new(table: &'t Table, recognise: &dyn Fn(&str) -> Option<K>) -> Option<Sheet<'t, K>> {
        let header = find_header(table, &|name| recognise(name).is_some())?;
        let mut columns = Vec::new();
        let mut unknown = Vec::new();
        for column in &header.columns {
            match column.candidates.iter().find_map(|name| recognise(name)) {
                Some(k) => columns.push((column.index, k)),
                None if !column.shown.is_empty() => unknown.push((column.index, column.shown.clone())),
                None => {}
            }
        }
        Some(Sheet { table, name: table.name(), header, columns, unknown })
    }

    /// The heading of column `index` as shown.
    pub fn heading(&self, index: usize) -> &str {
        self.header.columns.get(index).map(|c| c.shown.as_str()).unwrap_or("")
    }

    /// The data rows: after the header, without blank rows.
    pub fn data_rows(&self) -> impl Iterator<Item = Row<'t>> + '_ {
        (self.header.data_from..self.table.row_count())
            .filter_map(|i| self.table.row(i))
            .filter(|r| !r.is_blank())
    }

    /// An issue at the header row, naming column `index` (or the table when `None`).
    pub fn header_issue(&self, index: Option<usize>, issue: Issue) -> Issue {
        let line = self.header.line();
        let mut issue = issue;
        issue.path = match index {
            Some(i) => format!("{} row {line}, column {}", self.name, self.heading(i)),
            None => format!("{} row {line}", self.name),
        };
        issue.line = Some(line);
        issue.column = index.map(|i| i as u64 + 1);
        issue
    }
}

/// A cell's content: blank, a good value, or bad (already reported).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Cell<T> {
    Blank,
    Value(T),
    Bad,
}

impl<T> Cell<T> {
    pub fn value(self) -> Option<T> {
        match self {
            Cell::Value(v) => Some(v),
            _ => None,
        }
    }
}

/// One data row being read: its cells and the problems found in them.
pub(crate) struct Cells<'s, 't, K> {
    pub sheet: &'s Sheet<'t, K>,
    pub row: Row<'t>,
    pub issues: Vec<Issue>,
}

impl<'s, 't, K: Copy> Cells<'s, 't, K> {
    pub fn new(sheet: &'s Sheet<'t, K>, row: Row<'t>) -> Self {
        Cells { sheet, row, issues: Vec::new() }
    }

    pub fn line(&self) -> u64 {
        self.row.line()
    }

    /// The trimmed text of column `index`.
    pub fn raw(&self, index: usize) -> &'t str {
        self.row.cell(index)
    }

    pub fn path(&self, index: usize) -> String {
        format!("{} row {}, column {}", self.sheet.name, self.row.line(), self.sheet.heading(index))
    }

    /// Report a problem in column `index`, once: a cell read twice (for a stage and for the whole
    /// school) is not reported twice.
    pub fn error(&mut self, index: usize, rule: RuleId, zh: String, en: String) {
        let column = Some(index as u64 + 1);
        if self.issues.iter().any(|i| i.rule == rule && i.column == column) {
            return;
        }
        let issue = Issue::error(rule, self.path(index), zh, en).at(self.row.line(), index as u64 + 1);
        self.issues.push(issue);
    }

    pub fn warning(&mut self, index: usize, rule: RuleId, zh: String, en: String) {
        let issue = Issue::warning(rule, self.path(index), zh, en).at(self.row.line(), index as u64 + 1);
        self.issues.push(issue);
    }

    pub fn parse<T>(&mut self, index: usize, parse: impl Fn(&str) -> Result<T, Problem>) -> Cell<T> {
        let text = self.raw(index);
        if text.is_empty() {
            return Cell::Blank;
        }
        match parse(text) {
            Ok(v) => Cell::Value(v),
            Err((rule, zh, en)) => {
                self.error(index, rule, zh, en);
                Cell::Bad
            }
        }
    }

    /// A count, times the factor of the header's unit (`图书（万册）`): a whole number ≥ 0.
    pub fn count(&mut self, index: usize, scale: f64) -> Cell<u32> {
        if scale == 1.0 {
            return self.parse(index, parse_count);
        }
        self.parse(index, |text| {
            let value = parse_amount(text)? * scale;
            let rounded = value.round();
            // 2.35 万册 is 23,500 books; 2.35001 万册 is not a whole number of books.
            if (value - rounded).abs() > 1e-6 * value.abs().max(1.0) {
                return Err((
                    rules::WRONG_TYPE,
                    format!("“{text}”乘以单位 {scale} 后不是整数"),
                    format!("`{text}` times the unit's {scale} is not a whole number"),
                ));
            }
            if rounded > f64::from(u32::MAX) {
                return Err((
                    rules::OUT_OF_RANGE,
                    format!("“{text}”超出可记录的范围（最大 {}）", u32::MAX),
                    format!("`{text}` is too large (the largest is {})", u32::MAX),
                ));
            }
            Ok(rounded as u32)
        })
    }

    /// An amount ≥ 0 times the header's unit factor (`教学仪器设备值（万元）`).
    pub fn amount(&mut self, index: usize, scale: f64) -> Cell<f64> {
        self.parse(index, |text| parse_amount(text).map(|v| v * scale))
    }

    /// Text, with the `'` that guards formula-like text in exported files taken off.
    pub fn text(&mut self, index: usize) -> Cell<String> {
        self.parse(index, |s| Ok(super::cells::unguard(s).to_string()))
    }
}

/// Edit distance between two headers, in characters (for "did you mean").
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[b.len()]
}

/// The known header closest to `heading` (both normalised), if it is close enough to be a
/// likely misspelling: at most half of its characters differ, or one contains the other.
pub(crate) fn closest<'a>(heading: &str, known: impl Iterator<Item = (String, &'a str)>) -> Option<&'a str> {
    let len = heading.chars().count();
    if len == 0 {
        return None;
    }
    let mut best: Option<(usize, &'a str)> = None;
    for (alias, canonical) in known {
        let d = edit_distance(heading, &alias);
        let contains = alias.chars().count() >= 2 && (heading.contains(&alias) || alias.contains(heading));
        let limit = (len.max(alias.chars().count()) / 2).max(1);
        let score = if contains { d.min(limit) } else { d };
        if (score <= limit || contains) && best.is_none_or(|(s, _)| score < s) {
            best = Some((score, canonical));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("班级数", "班数"), 1);
        assert_eq!(edit_distance("学生数", "学生数"), 0);
        assert_eq!(edit_distance("", "abc"), 3);
    }

    #[test]
    fn the_closest_known_header_is_suggested() {
        let known = || [("班数".to_string(), "班数"), ("学生数".to_string(), "学生数")].into_iter();
        assert_eq!(closest("班级个数", known()), Some("班数"));
        assert_eq!(closest("学生人数", known()), Some("学生数"));
        assert_eq!(closest("备注", known()), None);
    }
}
