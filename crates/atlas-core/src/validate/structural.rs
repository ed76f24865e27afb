//! Structural problems — the file is not JSON, or not the shape of its kind — as bilingual
//! issues with the field path in the `schools[12].stages.primary` form.
//!
//! With the `schema` feature every error of the kind's JSON Schema is reported; without it, the
//! first error of the typed reader in `load.rs`, classified under the same rule ids so a report
//! reads the same either way.

use super::rules;
use crate::report::Issue;

/// A syntax problem from `load.rs`, with its column counted in characters (serde_json counts
/// bytes, and a Chinese character is three of them) and a number that overflowed reported as
/// such rather than as bad syntax.
pub(crate) fn refine_syntax_issue(mut issue: Issue, bytes: &[u8]) -> Issue {
    if let (Some(line), Some(column)) = (issue.line, issue.column) {
        issue.column = Some(super::locate::char_column(bytes, line, column));
    }
    // serde_json's words for a literal such as 1e999 that no f64 can hold.
    if issue.rule == rules::MALFORMED_JSON && issue.message_en.contains("number out of range") {
        issue.rule = rules::NON_FINITE_NUMBER;
        issue.message_zh = "数值超出可表示范围（如 1e999），不是有限数；请填写实际数值".to_string();
        issue.message_en =
            "a number too large to represent (such as 1e999), so not a finite number; write the actual value"
                .to_string();
    }
    issue
}

/// The typed reader's error (`wrong_shape` from `load::from_value`) under the rule it breaks.
pub(crate) fn classify_serde_issue(issue: Issue) -> Issue {
    if issue.rule != rules::WRONG_SHAPE {
        return issue;
    }
    let text = issue.message_en.clone();
    let path = issue.path.clone();
    let line_col = (issue.line, issue.column);
    let classified = if let Some(field) = quoted_after(&text, "missing field `") {
        let path = if path.ends_with(field) { path } else { join(&path, field) };
        Issue::error(
            rules::MISSING_FIELD,
            path,
            format!("缺少必填字段 `{field}`"),
            format!("missing required field `{field}`"),
        )
    } else if let Some(field) = quoted_after(&text, "unknown field `") {
        let path = if path.ends_with(field) { path } else { join(&path, field) };
        let allowed = text.split_once(", expected ").map(|(_, rest)| rest).unwrap_or("");
        Issue::error(
            rules::UNKNOWN_FIELD,
            path,
            format!(
                "格式中没有字段 `{field}`（是否拼写错误？）可用字段：{}",
                allowed.trim_start_matches("one of ")
            ),
            format!("the format has no field `{field}` (misspelt?); expected {allowed}"),
        )
    } else if let Some(rest) = text.strip_prefix("invalid type: ") {
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        Issue::error(
            rules::WRONG_TYPE,
            path,
            format!("类型错误：应为{}，实际为 {found}", serde_expected_zh(expected)),
            format!("wrong type: expected {expected}, found {found}"),
        )
    } else if let Some(number) = quoted_after(&text, "invalid value: integer `") {
        let expected = text.split_once(", expected ").map(|(_, e)| e).unwrap_or("");
        if number.starts_with('-') {
            Issue::error(
                rules::NEGATIVE_NUMBER,
                path,
                format!("数值 {number} 不能为负数"),
                format!("{number} must not be negative (expected {expected})"),
            )
        } else {
            Issue::error(
                rules::OUT_OF_RANGE,
                path,
                format!("数值 {number} 超出范围（{}）", serde_expected_zh(expected)),
                format!("{number} is out of range (expected {expected})"),
            )
        }
    } else if let Some(value) = quoted_after(&text, "unknown variant `") {
        let allowed = text.split_once(", expected ").map(|(_, rest)| rest).unwrap_or("");
        Issue::error(
            rules::UNKNOWN_VALUE,
            path,
            format!("取值“{value}”不在允许范围内；可选：{}", allowed.trim_start_matches("one of ")),
            format!("`{value}` is not an allowed value; expected {allowed}"),
        )
    } else {
        issue
    };
    match line_col {
        (Some(line), Some(column)) => classified.at(line, column),
        _ => classified,
    }
}

/// The text between `prefix` and the next backtick.
fn quoted_after<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let rest = text.strip_prefix(prefix)?;
    rest.split_once('`').map(|(quoted, _)| quoted)
}

fn serde_expected_zh(expected: &str) -> &'static str {
    match expected {
        "u32" | "u64" | "u16" | "u8" => "非负整数",
        "f64" | "f32" => "数字",
        "a string" => "文字（字符串）",
        "a boolean" => "true 或 false",
        "a sequence" => "数组 [...]",
        e if e.starts_with("struct") || e == "a map" => "对象 {...}",
        e if e.starts_with("an array of length") => "[经度, 纬度] 两个数",
        _ => "格式规定的类型",
    }
}

fn join(path: &str, field: &str) -> String {
    if path.is_empty() {
        field.to_string()
    } else {
        format!("{path}.{field}")
    }
}

#[cfg(not(feature = "schema"))]
pub(crate) fn schema_issues(_kind: crate::load::FileKind, _value: &serde_json::Value) -> Vec<Issue> {
    Vec::new()
}

#[cfg(feature = "schema")]
pub(crate) use with_schema::schema_issues;

#[cfg(feature = "schema")]
mod with_schema {
    use super::{join, rules, Issue};
    use crate::codes::{COUNTY_CODE_PATTERN, DATE_PATTERN, SCHOOL_YEAR_PATTERN, TOWNSHIP_CODE_PATTERN};
    use crate::hash::SHA256_HEX_PATTERN;
    use crate::load::FileKind;
    use jsonschema::error::{TypeKind, ValidationErrorKind};
    use jsonschema::paths::{Location, LocationSegment};
    use jsonschema::{ValidationError, Validator};
    use serde_json::Value;
    use std::sync::OnceLock;

    /// Every way `value` departs from the JSON Schema of `kind`.
    pub(crate) fn schema_issues(kind: FileKind, value: &Value) -> Vec<Issue> {
        let Some(validator) = validator(kind) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for error in validator.iter_errors(value) {
            map_error(&error, value, &mut out);
        }
        out
    }

    /// Compiled once per kind. `None` for a kind without a schema (then the typed reader's first
    /// error is reported instead).
    fn validator(kind: FileKind) -> Option<&'static Validator> {
        static COMPILED: [OnceLock<Option<Validator>>; 5] =
            [OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new(), OnceLock::new()];
        let slot = match kind {
            FileKind::Manifest => &COMPILED[0],
            FileKind::Snapshot => &COMPILED[1],
            FileKind::BoundaryMap => &COMPILED[2],
            FileKind::TileGrid => &COMPILED[3],
            FileKind::Plan => &COMPILED[4],
        };
        slot.get_or_init(|| {
            let schema = crate::schema_gen::schema_for(kind)?;
            // The generated schemas are compiled in a test (`generated_schemas_compile`), so
            // this does not fail; if it ever did, the typed reader still reports problems.
            jsonschema::validator_for(&schema).ok()
        })
        .as_ref()
    }

    fn map_error(error: &ValidationError<'_>, root: &Value, out: &mut Vec<Issue>) {
        let path = display_path(root, error.instance_path());
        let found = describe(error.instance());
        match error.kind() {
            ValidationErrorKind::Required { property } => {
                let field = property.as_str().unwrap_or_default();
                out.push(Issue::error(
                    rules::MISSING_FIELD,
                    join(&path, field),
                    format!("缺少必填字段 `{field}`"),
                    format!("missing required field `{field}`"),
                ));
            }
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for field in unexpected {
                    out.push(Issue::error(
                        rules::UNKNOWN_FIELD,
                        join(&path, field),
                        format!("格式中没有字段 `{field}`（是否拼写错误？本格式不允许多余字段）"),
                        format!("the format has no field `{field}` (misspelt? no extra fields are allowed)"),
                    ));
                }
            }
            ValidationErrorKind::Type { kind } => {
                let expected: Vec<&str> = match kind {
                    TypeKind::Single(t) => vec![t.as_str()],
                    TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
                };
                out.push(wrong_type(path, &expected, &found));
            }
            ValidationErrorKind::Minimum { limit } | ValidationErrorKind::ExclusiveMinimum { limit }
                if limit.as_f64() == Some(0.0) =>
            {
                out.push(Issue::error(
                    rules::NEGATIVE_NUMBER,
                    path,
                    format!("数值 {found} 不能为负数"),
                    format!("{found} must not be negative"),
                ));
            }
            ValidationErrorKind::Minimum { limit }
            | ValidationErrorKind::ExclusiveMinimum { limit }
            | ValidationErrorKind::Maximum { limit }
            | ValidationErrorKind::ExclusiveMaximum { limit } => {
                let (zh, en) = match error.kind() {
                    ValidationErrorKind::Minimum { .. } => ("不能小于", "must be at least"),
                    ValidationErrorKind::ExclusiveMinimum { .. } => ("应大于", "must be more than"),
                    ValidationErrorKind::Maximum { .. } => ("不能大于", "must be at most"),
                    _ => ("应小于", "must be less than"),
                };
                out.push(Issue::error(
                    rules::OUT_OF_RANGE,
                    path,
                    format!("数值 {found} 超出范围：{zh} {limit}"),
                    format!("{found} is out of range: it {en} {limit}"),
                ));
            }
            ValidationErrorKind::Enum { options } => {
                let allowed = list_values(options.as_array().map(Vec::as_slice).unwrap_or_default());
                out.push(unknown_value(path, &found, &allowed));
            }
            ValidationErrorKind::Constant { expected_value } => {
                out.push(unknown_value(path, &found, &list_values(std::slice::from_ref(expected_value))));
            }
            ValidationErrorKind::Pattern { pattern } => out.push(pattern_issue(path, pattern, &found)),
            ValidationErrorKind::MinItems { limit } | ValidationErrorKind::MaxItems { limit } => {
                let hint = if matches!(error.kind(), ValidationErrorKind::MinItems { .. }) {
                    ("至少", "at least")
                } else {
                    ("至多", "at most")
                };
                out.push(Issue::error(
                    rules::WRONG_SHAPE,
                    path,
                    format!("数组应有{}{limit} 项", hint.0),
                    format!("the array must have {} {limit} items", hint.1),
                ));
            }
            ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
                map_alternatives(error, context, path, &found, root, out);
            }
            _ => out.push(Issue::error(
                rules::WRONG_SHAPE,
                path,
                format!("不符合格式：{error}"),
                format!("does not fit the format: {error}"),
            )),
        }
    }

    /// The value matched none of several allowed forms (an optional object, a Chinese enum value
    /// with a description per value, a Polygon or a MultiPolygon). When every form failed right
    /// at the value itself, say what forms were allowed; otherwise the value has the right form
    /// but something inside it is wrong, so report the errors of the form that was meant.
    fn map_alternatives(
        error: &ValidationError<'_>,
        context: &[Vec<ValidationError<'static>>],
        path: String,
        found: &str,
        root: &Value,
        out: &mut Vec<Issue>,
    ) {
        let depth = error.instance_path().iter().count();
        let deepest = |branch: &[ValidationError<'static>]| {
            branch.iter().map(|e| e.instance_path().iter().count()).max().unwrap_or(0)
        };
        let all_at_value = context.iter().all(|branch| deepest(branch) <= depth);
        let errors_here = || context.iter().flatten();
        if all_at_value {
            let constants: Vec<&Value> = errors_here()
                .filter_map(|e| match e.kind() {
                    ValidationErrorKind::Constant { expected_value } => Some(&**expected_value),
                    _ => None,
                })
                .collect();
            let enums: Vec<&Value> = errors_here()
                .filter_map(|e| match e.kind() {
                    ValidationErrorKind::Enum { options } => options.as_array(),
                    _ => None,
                })
                .flatten()
                .collect();
            if !constants.is_empty() || !enums.is_empty() {
                let allowed: Vec<Value> = constants.into_iter().chain(enums).cloned().collect();
                out.push(unknown_value(path, found, &list_values(&allowed)));
                return;
            }
            let mut expected: Vec<&str> = Vec::new();
            for e in errors_here() {
                if let ValidationErrorKind::Type { kind } = e.kind() {
                    let types: Vec<&str> = match kind {
                        TypeKind::Single(t) => vec![t.as_str()],
                        TypeKind::Multiple(set) => set.iter().map(|t| t.as_str()).collect(),
                    };
                    for t in types {
                        if !expected.contains(&t) {
                            expected.push(t);
                        }
                    }
                }
            }
            if !expected.is_empty() {
                out.push(wrong_type(path, &expected, found));
                return;
            }
        }
        // A branch whose tag matched (no `const`/`enum` error, as for `"type": "Polygon"`) is
        // the form the writer meant; among those, the one whose errors lie deepest got furthest.
        let tag_matched = |branch: &[ValidationError<'static>]| {
            !branch.iter().any(|e| {
                matches!(e.kind(), ValidationErrorKind::Constant { .. } | ValidationErrorKind::Enum { .. })
            })
        };
        let best = context.iter().filter(|branch| !branch.is_empty()).max_by(|a, b| {
            (tag_matched(a), deepest(a)).cmp(&(tag_matched(b), deepest(b))).then(b.len().cmp(&a.len()))
        });
        match best {
            Some(branch) => {
                for e in branch {
                    map_error(e, root, out);
                }
            }
            None => out.push(Issue::error(
                rules::WRONG_SHAPE,
                path,
                "不符合任何一种允许的格式".to_string(),
                "matches none of the allowed forms".to_string(),
            )),
        }
    }

    fn wrong_type(path: String, expected: &[&str], found: &str) -> Issue {
        let zh: Vec<&str> = expected.iter().map(|t| type_zh(t)).collect();
        Issue::error(
            rules::WRONG_TYPE,
            path,
            format!("类型错误：应为{}，实际为 {found}", zh.join("或")),
            format!("wrong type: expected {}, found {found}", expected.join(" or ")),
        )
    }

    fn unknown_value(path: String, found: &str, allowed: &str) -> Issue {
        Issue::error(
            rules::UNKNOWN_VALUE,
            path,
            format!("取值 {found} 不在允许范围内；可选：{allowed}"),
            format!("{found} is not an allowed value; expected one of {allowed}"),
        )
    }

    /// Patterns come from the types (codes.rs, hash.rs), so each names its own rule.
    fn pattern_issue(path: String, pattern: &str, found: &str) -> Issue {
        let (rule, zh, en) = match pattern {
            p if p == COUNTY_CODE_PATTERN => (
                rules::BAD_COUNTY_CODE,
                "县级行政区划代码应为 6 位数字，如 530426",
                "a county code is six digits, e.g. 530426",
            ),
            p if p == TOWNSHIP_CODE_PATTERN => (
                rules::BAD_TOWNSHIP_CODE,
                "乡镇统计用区划代码应为 9 位数字，如 530426100",
                "a township code is nine digits, e.g. 530426100",
            ),
            p if p == SCHOOL_YEAR_PATTERN => (
                rules::BAD_SCHOOL_YEAR,
                "学年应写作相邻两年，如 2024-2025",
                "a school year is written like 2024-2025",
            ),
            p if p == DATE_PATTERN => (
                rules::BAD_DATE,
                "日期应写作 YYYY-MM-DD，如 2024-09-30",
                "a date is written YYYY-MM-DD, e.g. 2024-09-30",
            ),
            p if p == SHA256_HEX_PATTERN => (
                rules::BAD_SHA256,
                "SHA-256 应为 64 位小写十六进制数",
                "a SHA-256 is 64 lowercase hex digits",
            ),
            _ => (rules::WRONG_SHAPE, "取值不符合规定格式", "the value does not have the required form"),
        };
        Issue::error(rule, path, format!("{found}：{zh}"), format!("{found}: {en}"))
    }

    /// `/schools/12/stages` → `schools[12].stages`. A segment is an index only where the value
    /// at that point is an array (an object key may be digits).
    pub(crate) fn display_path(root: &Value, location: &Location) -> String {
        let mut out = String::new();
        let mut current = Some(root);
        for segment in location.iter() {
            let key = match &segment {
                LocationSegment::Property(p) => p.to_string(),
                LocationSegment::Index(i) => i.to_string(),
            };
            match current {
                Some(Value::Array(items)) => {
                    let index: Option<usize> = key.parse().ok();
                    out.push_str(&format!("[{key}]"));
                    current = index.and_then(|i| items.get(i));
                }
                other => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(&key);
                    current = other.and_then(|v| v.get(&key));
                }
            }
        }
        out
    }

    /// A short rendering of the offending value for messages.
    fn describe(value: &Value) -> String {
        let text = value.to_string();
        const MAX_CHARS: usize = 40;
        if text.chars().count() > MAX_CHARS {
            let cut: String = text.chars().take(MAX_CHARS).collect();
            format!("{cut}…")
        } else {
            text
        }
    }

    fn list_values(values: &[Value]) -> String {
        values
            .iter()
            .map(|v| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))
            .collect::<Vec<_>>()
            .join("、")
    }

    fn type_zh(t: &str) -> &'static str {
        match t {
            "integer" => "整数",
            "number" => "数字",
            "string" => "文字（字符串）",
            "boolean" => "true 或 false",
            "array" => "数组 [...]",
            "object" => "对象 {...}",
            "null" => "null",
            _ => "其他类型",
        }
    }
}
