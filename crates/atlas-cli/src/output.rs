//! Printing: reports as text or JSON, summaries, and progress bars.
//!
//! Output goes through [`print`]/[`eprint`], which ignore a closed pipe (`atlas validate … | head`)
//! instead of panicking as `println!` does.

use atlas_core::report::{FileReport, Issue, Severity};
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};

pub fn print(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

pub fn eprint(text: &str) {
    let mut err = std::io::stderr().lock();
    let _ = err.write_all(text.as_bytes());
    let _ = err.flush();
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
