//! The one shape of a problem found in a file: where (file, field path, line and column), how
//! bad (error blocks publication, warning is shown) and what, in Chinese and English. Parsing,
//! validation, import and publishing all report through it, so the CLI and the portal print
//! problems the same way.

use serde::Serialize;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks publication; the portal refuses the file.
    Error,
    /// Published and shown, with the warning beside the figure.
    Warning,
}

/// A rule's stable id, e.g. `part_exceeds_whole`. Only the rules table
/// ([`crate::validate::rules`]) makes one, so every id an issue carries is listed there and in the
/// rules table of `docs/data-format.md`; a misspelt id does not compile.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct RuleId(&'static str);

impl RuleId {
    /// For the rules table only.
    pub(crate) const fn new(id: &'static str) -> Self {
        RuleId(id)
    }

    pub const fn as_str(self) -> &'static str {
        self.0
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.0, f)
    }
}

/// Tests and tools compare with the id as text: `issue.rule == "unknown_value"`.
impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<RuleId> for &str {
    fn eq(&self, other: &RuleId) -> bool {
        *self == other.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Issue {
    pub severity: Severity,
    /// Stable rule id, e.g. `part_exceeds_whole`; documented in `docs/data-format.md`.
    pub rule: RuleId,
    /// Path to the field, e.g. `schools[12].stages.primary.teachers.backbone`; empty for the
    /// whole file. CSV problems use `row 14, column 学生数`.
    pub path: String,
    /// 1-based line and column when known (syntax errors, CSV rows).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u64>,
    pub message_zh: String,
    pub message_en: String,
}

impl Issue {
    pub fn error(
        rule: RuleId,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Issue {
            severity: Severity::Error,
            rule,
            path: path.into(),
            line: None,
            column: None,
            message_zh: zh.into(),
            message_en: en.into(),
        }
    }

    pub fn warning(
        rule: RuleId,
        path: impl Into<String>,
        zh: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Issue { severity: Severity::Warning, ..Issue::error(rule, path, zh, en) }
    }

    pub fn at(mut self, line: u64, column: u64) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Every problem found in one file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FileReport {
    pub file: String,
    pub issues: Vec<Issue>,
}

impl FileReport {
    pub fn new(file: impl Into<String>) -> Self {
        FileReport { file: file.into(), issues: Vec::new() }
    }
    pub fn push(&mut self, issue: Issue) {
        self.issues.push(issue);
    }
    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(Issue::is_error)
    }
    pub fn errors(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| i.is_error())
    }
    pub fn warnings(&self) -> impl Iterator<Item = &Issue> {
        self.issues.iter().filter(|i| !i.is_error())
    }
}

/// A file that could not be read at all; the first problem that stopped reading it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LoadError {
    pub file: String,
    pub issue: Issue,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{sev}[{}]", self.rule)?;
        if !self.path.is_empty() {
            write!(f, " {}", self.path)?;
        }
        write!(f, ": {} / {}", self.message_zh, self.message_en)
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let (Some(l), Some(c)) = (self.issue.line, self.issue.column) {
            write!(f, ":{l}:{c}")?;
        }
        write!(f, ": {}", self.issue)
    }
}

impl std::error::Error for LoadError {}
