//! Printing: reports as text or JSON, summaries, and progress bars.
//!
//! [`print`], [`print_json`] and [`print_data`] write what a command was asked for to standard
//! output (a CSV, the report of `validate`/`verify`); [`eprint`] writes everything about the run
//! (notes, warnings, refusals, "wrote FILE") to standard error, so redirected output holds data only.
//!
//! Output goes through [`print`]/[`eprint`], which ignore a closed pipe (`atlas validate … | head`)
//! instead of panicking as `println!` does, and escape control characters: file names and cell
//! text come from the data, and an escape sequence in a cell must not retitle or clear the
//! reader's terminal.

use atlas_core::report::{FileReport, Issue, Severity};
use indicatif::{ProgressBar, ProgressStyle};
use std::borrow::Cow;
use std::io::{IsTerminal, Write};

pub fn print(text: &str) {
    write_raw(&mut std::io::stdout().lock(), &terminal_safe(text));
}

pub fn eprint(text: &str) {
    write_raw(&mut std::io::stderr().lock(), &terminal_safe(text));
}

/// JSON for machines: serde_json already escapes the C0 controls; the rest that a terminal acts
/// on are written as JSON `\uXXXX` escapes, so the output stays the same JSON value.
pub fn print_json(json: &str) {
    write_raw(&mut std::io::stdout().lock(), &escape_with(json, |c| format!("\\u{:04x}", c as u32)));
}

/// Data meant for a file (`atlas export` without `-o`): written as is when redirected, and
/// escaped like any other text when it lands on a terminal.
pub fn print_data(text: &str) {
    let mut out = std::io::stdout().lock();
    if out.is_terminal() {
        write_raw(&mut out, &terminal_safe(text));
    } else {
        write_raw(&mut out, text);
    }
}

fn write_raw(out: &mut impl Write, text: &str) {
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// `text` with every character a terminal could act on written as a visible `\u{…}` escape:
/// control characters but newline and tab (ESC starts sequences that set the window title or
/// clear the screen; C1 controls such as U+009B do the same in some terminals) and the
/// bidirectional controls that make text display in an order other than the one it has
/// ("Trojan Source"). Chinese, emoji and other printable text are left alone.
pub fn terminal_safe(text: &str) -> Cow<'_, str> {
    escape_with(text, |c| format!("\\u{{{:x}}}", c as u32))
}

fn escape_with(text: &str, escape: impl Fn(char) -> String) -> Cow<'_, str> {
    if !text.chars().any(acts_on_terminal) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if acts_on_terminal(c) {
            out.push_str(&escape(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn acts_on_terminal(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `file:line:column: error[rule] path: 中文 / English`, the same shape as compiler messages so
/// editors can jump to the spot; line and column are left out when unknown.
pub fn issue_line(file: &str, issue: &Issue) -> String {
    let mut text = file.to_string();
    if let Some(line) = issue.line {
        text.push_str(&format!(":{line}"));
        if let Some(column) = issue.column {
            text.push_str(&format!(":{column}"));
        }
    }
    format!("{text}: {issue}\n")
}

/// Counts of errors and warnings over reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub files: usize,
    pub files_with_errors: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Counts {
    pub fn of(reports: &[FileReport]) -> Self {
        let mut c = Counts { files: reports.len(), ..Counts::default() };
        for r in reports {
            let errors = r.errors().count();
            c.errors += errors;
            c.warnings += r.warnings().count();
            if errors > 0 {
                c.files_with_errors += 1;
            }
        }
        c
    }
}

/// Every issue of every report, then a status line per file, as text.
pub fn reports_text(reports: &[FileReport]) -> String {
    let mut text = String::new();
    for report in reports {
        let mut issues: Vec<&Issue> = report.issues.iter().collect();
        // Errors first, then by position, so the first line is the one to fix first.
        issues.sort_by_key(|i| (i.severity != Severity::Error, i.line.unwrap_or(0), i.column.unwrap_or(0)));
        for issue in issues {
            text.push_str(&issue_line(&report.file, issue));
        }
    }
    text
}

/// `✗ file: 2 个错误 errors, 1 个警告 warnings` or `✓ file`.
pub fn file_status(report: &FileReport) -> String {
    let errors = report.errors().count();
    let warnings = report.warnings().count();
    let mark = if errors > 0 { "✗" } else { "✓" };
    match (errors, warnings) {
        (0, 0) => format!("{mark} {}\n", report.file),
        _ => format!("{mark} {}: {errors} 个错误 errors, {warnings} 个警告 warnings\n", report.file),
    }
}

pub fn summary_line(counts: Counts) -> String {
    format!(
        "共 {} 个文件，{} 个有错误；错误 {} 个，警告 {} 个 / {} files, {} with errors; {} errors, {} warnings\n",
        counts.files,
        counts.files_with_errors,
        counts.errors,
        counts.warnings,
        counts.files,
        counts.files_with_errors,
        counts.errors,
        counts.warnings
    )
}

/// A progress bar on stderr for `len` steps, drawn only when stderr is a terminal and there is
/// more than one step (a single small file is done before a bar could be read).
pub fn progress(len: usize, what: &str) -> ProgressBar {
    if len < 2 || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {wide_msg}") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_prefix(what.to_string());
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_controls_are_printed_visibly() {
        assert_eq!(terminal_safe("化念镇\t12\n"), "化念镇\t12\n");
        assert_eq!(terminal_safe("\u{1b}]0;owned\u{7}x"), "\\u{1b}]0;owned\\u{7}x");
        assert_eq!(terminal_safe("a\u{9b}2Jb\u{7f}"), "a\\u{9b}2Jb\\u{7f}");
        assert_eq!(terminal_safe("学校\u{202e}cba"), "学校\\u{202e}cba");
        assert_eq!(terminal_safe("🏫 <b>x</b>"), "🏫 <b>x</b>");
    }

    #[test]
    fn json_keeps_its_value_when_escaped() {
        let json = serde_json::to_string(&"a\u{1b}[2J\u{9b}\u{202e}b").unwrap();
        let escaped = escape_with(&json, |c| format!("\\u{:04x}", c as u32));
        assert!(!escaped.chars().any(acts_on_terminal), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{1b}[2J\u{9b}\u{202e}b");
    }
}
