//! Validation of a plan file beyond its shape: what `serde` cannot see. Every problem is
//! returned, each naming the field (`targets[3].goal.value`) in Chinese and English.
//!
//! Rule ids are listed in `docs/plan-format.md` ("Validation").

use super::{Goal, Plan, PlanDate, Target};
use crate::format::Unit;
use crate::indicators::{self, Direction as IndicatorDirection};
use crate::report::{FileReport, Issue};
use crate::validate::rules;
use std::collections::BTreeMap;

/// Deadlines a year either side of the plan's years are normal (a 2024–2027 plan with a task due
/// in August 2027, a plan adopted late with a target for the year before); further out is
/// probably a typing error, so it is a warning.
const DEADLINE_SLACK_YEARS: i32 = 1;

/// Check `plan` (read from `file`) and return every problem found.
pub fn check_plan(file: &str, plan: &Plan) -> FileReport {
    let mut report = FileReport::new(file);
    check_meta(plan, &mut report);
    let mut first_index: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, target) in plan.targets.iter().enumerate() {
        let at = format!("targets[{i}]");
        if let Some(first) = first_index.get(target.id.as_str()) {
            report.push(Issue::error(
                rules::DUPLICATE_TARGET_ID,
                format!("{at}.id"),
                format!("目标编号 {} 与 targets[{first}] 重复", target.id),
                format!("target id `{}` repeats targets[{first}]", target.id),
            ));
        } else {
            first_index.insert(&target.id, i);
        }
        check_target(plan, &at, target, &mut report);
    }
    report
}

fn check_meta(plan: &Plan, report: &mut FileReport) {
    let meta = &plan.meta;
    if plan.schema_version != super::PLAN_VERSION {
        report.push(Issue::error(
            rules::UNKNOWN_SCHEMA_VERSION,
            "schema_version",
            format!("不支持的格式版本 {}，本程序读取版本 {}", plan.schema_version, super::PLAN_VERSION),
            format!(
                "unsupported schema version {}; this build reads {}",
                plan.schema_version,
                super::PLAN_VERSION
            ),
        ));
    }
    for (field, text) in [
        ("meta.id", &meta.id),
        ("meta.title", &meta.title),
        ("meta.source", &meta.source),
        ("meta.wording_note", &meta.wording_note),
    ] {
        require_text(field, text, report);
    }
    if !meta.id.is_empty() && !is_slug(&meta.id) {
        report.push(Issue::error(
            rules::BAD_ID,
            "meta.id",
            format!("计划编号 {} 只能由小写字母、数字、- 和 _ 组成", meta.id),
            format!("plan id `{}` may only contain lowercase letters, digits, `-` and `_`", meta.id),
        ));
    }
    match (&meta.county_code, &meta.county_name) {
        (Some(code), Some(_)) => {
            if !code.is_well_formed() {
                report.push(Issue::error(
                    rules::BAD_COUNTY_CODE,
                    "meta.county_code",
                    format!("县级行政区划代码 {code} 应为 6 位数字"),
                    format!("county code `{code}` must be six digits"),
                ));
            } else if !meta.id.starts_with(code.as_str()) {
                report.push(Issue::warning(
                    rules::PLAN_ID_NOT_COUNTY,
                    "meta.id",
                    format!("计划编号 {} 建议以县代码 {code} 开头", meta.id),
                    format!("plan id `{}` should start with the county code {code}", meta.id),
                ));
            }
        }
        (None, None) => {}
        (Some(_), None) => report.push(Issue::error(
            rules::COUNTY_NAME_MISSING,
            "meta.county_name",
            "给出了县代码，但缺少县名",
            "a county code is given but no county name",
        )),
        (None, Some(_)) => report.push(Issue::error(
            rules::COUNTY_CODE_MISSING,
            "meta.county_code",
            "给出了县名，但缺少县代码（模板两者都不填）",
            "a county name is given but no county code (a template gives neither)",
        )),
    }
    if let Some(adopted) = &meta.adopted {
        if !adopted.is_well_formed() {
            report.push(bad_date("meta.adopted", adopted.as_str()));
        }
    }
    if !(1949..=2200).contains(&meta.start_year) || !(1949..=2200).contains(&meta.end_year) {
        report.push(Issue::error(
            rules::BAD_YEARS,
            "meta.start_year",
            format!("规划年份 {}–{} 不合理", meta.start_year, meta.end_year),
            format!("plan years {}–{} are implausible", meta.start_year, meta.end_year),
        ));
    } else if meta.start_year > meta.end_year {
        report.push(Issue::error(
            rules::BAD_YEARS,
            "meta.end_year",
            format!("结束年份 {} 早于开始年份 {}", meta.end_year, meta.start_year),
            format!("end year {} is before start year {}", meta.end_year, meta.start_year),
        ));
    }
}

fn check_target(plan: &Plan, at: &str, target: &Target, report: &mut FileReport) {
    if target.id.is_empty() || !is_slug(&target.id) {
        report.push(Issue::error(
            rules::BAD_ID,
            format!("{at}.id"),
            format!("目标编号 “{}” 只能由小写字母、数字、- 和 _ 组成且不能为空", target.id),
            format!("target id `{}` must be non-empty lowercase letters, digits, `-` and `_`", target.id),
        ));
    }
    require_text(&format!("{at}.commitment"), &target.commitment, report);
    require_text(&format!("{at}.section"), &target.section, report);
    check_placeholder_marking(at, target, report);
    check_numbers(at, target, report);
    check_dates(plan, at, target, report);
    check_indicator(at, target, report);
    check_place(plan, at, target, report);
    let has_value = target.goal.target_value().is_some() || matches!(target.goal, Goal::YearlyChange { .. });
    // A coefficient (差异系数) has no unit to print.
    let unitless = match target.indicator.as_deref().and_then(indicators::find) {
        Some(def) => def.unit == Unit::Coefficient,
        None => target.commitment.contains("差异系数"),
    };
    if has_value && !matches!(target.goal, Goal::Milestone) && !unitless && target.unit.trim().is_empty() {
        report.push(Issue::warning(
            rules::MISSING_UNIT,
            format!("{at}.unit"),
            "目标值缺少单位",
            "the goal's value has no unit",
        ));
    }
}

/// The template's unfilled values (`xx%`, `x所`) must be recorded as placeholders, never as a
/// number someone guessed.
fn check_placeholder_marking(at: &str, target: &Target, report: &mut FileReport) {
    let looks_unfilled = |s: &str| s.contains("xx") || s.contains("XX");
    match &target.goal {
        Goal::Placeholder { written } => {
            if !written.contains(['x', 'X']) {
                report.push(Issue::error(
                    rules::PLACEHOLDER_WITHOUT_X,
                    format!("{at}.goal.written"),
                    format!("占位目标应照录原文的占位写法（如 xx%），而不是 “{written}”"),
                    format!("a placeholder goal records the document's unfilled value (e.g. `xx%`), not `{written}`"),
                ));
            }
        }
        _ => {
            if looks_unfilled(&target.commitment) || looks_unfilled(&target.unit) {
                report.push(Issue::error(
                    rules::PLACEHOLDER_NOT_MARKED,
                    format!("{at}.goal.kind"),
                    "目标含有未填的占位值（xx），其类型应为 placeholder",
                    "the target has an unfilled value (xx); its kind must be `placeholder`",
                ));
            }
        }
    }
}

fn check_numbers(at: &str, target: &Target, report: &mut FileReport) {
    let not_a_number = |field: &str, what: String| {
        Issue::error(
            rules::NOT_A_NUMBER,
            format!("{at}.goal.{field}"),
            format!("{what} 不是有效数值"),
            format!("{what} is not a usable number"),
        )
    };
    match &target.goal {
        Goal::AtLeast { value }
        | Goal::AtMost { value }
        | Goal::MaintainAtLeast { value, .. }
        | Goal::MaintainAtMost { value, .. } => {
            if !value.is_finite() {
                report.push(not_a_number("value", format!("{value}")));
            }
        }
        Goal::Cumulative { value, .. } => {
            if !value.is_finite() || *value <= 0.0 {
                report.push(not_a_number("value", format!("running total {value}")));
            }
        }
        Goal::RatioAtLeast { ratio } | Goal::RatioAtMost { ratio } => {
            if !ratio.iter().all(|t| t.is_finite() && *t > 0.0) {
                report.push(not_a_number("ratio", format!("ratio {}:{}", ratio[0], ratio[1])));
            }
        }
        Goal::YearlyChange { per_year, relative, .. } => match per_year {
            Some(step) if !step.is_finite() || *step <= 0.0 => {
                report.push(not_a_number("per_year", format!("yearly step {step}")));
            }
            None if *relative => report.push(Issue::error(
                rules::RELATIVE_WITHOUT_AMOUNT,
                format!("{at}.goal.relative"),
                "按比例变化（relative）必须给出 per_year",
                "a relative yearly change needs `per_year`",
            )),
            _ => {}
        },
        Goal::Milestone | Goal::Rank { .. } | Goal::Placeholder { .. } => {}
    }
    if let Some(b) = &target.baseline {
        if !b.value.is_finite() {
            report.push(Issue::error(
                rules::NOT_A_NUMBER,
                format!("{at}.baseline.value"),
                "基线值不是有效数值",
                "the baseline value is not a usable number",
            ));
        }
    }
}

fn check_dates(plan: &Plan, at: &str, target: &Target, report: &mut FileReport) {
    let (start, end) = (plan.meta.start_year, plan.meta.end_year);
    let near_plan = |year: i32| (start - DEADLINE_SLACK_YEARS..=end + DEADLINE_SLACK_YEARS).contains(&year);
    let needs_deadline = matches!(
        target.goal,
        Goal::AtLeast { .. }
            | Goal::AtMost { .. }
            | Goal::RatioAtLeast { .. }
            | Goal::RatioAtMost { .. }
            | Goal::Cumulative { .. }
            | Goal::Milestone
    );
    match &target.deadline {
        None if needs_deadline => report.push(Issue::error(
            rules::MISSING_DEADLINE,
            format!("{at}.deadline"),
            format!("{} 类目标必须有期限（原文未写明时按规划期末填写并在 note 中说明）", target.goal.kind()),
            format!(
                "a `{}` target needs a deadline (when the document gives none, use the plan's last year and say so in `note`)",
                target.goal.kind()
            ),
        )),
        None => {}
        Some(deadline) => match deadline.calendar_year() {
            None => report.push(bad_date(&format!("{at}.deadline"), deadline.as_str())),
            Some(year) if !near_plan(year) => report.push(Issue::warning(
                rules::DEADLINE_OUTSIDE_PLAN,
                format!("{at}.deadline"),
                format!("期限 {deadline} 不在规划年份 {start}–{end} 附近"),
                format!("deadline {deadline} is not within or next to the plan years {start}–{end}"),
            )),
            Some(_) => {}
        },
    }
    let from = match &target.goal {
        Goal::MaintainAtLeast { from, .. }
        | Goal::MaintainAtMost { from, .. }
        | Goal::YearlyChange { from, .. }
        | Goal::Cumulative { from, .. } => Some(from),
        _ => None,
    };
    if let Some(from) = from {
        match from.calendar_year() {
            None => report.push(bad_date(&format!("{at}.goal.from"), from.as_str())),
            Some(year) if !near_plan(year) => report.push(Issue::warning(
                rules::FROM_OUTSIDE_PLAN,
                format!("{at}.goal.from"),
                format!("起始时间 {from} 不在规划年份 {start}–{end} 附近"),
                format!("`from` {from} is not within or next to the plan years {start}–{end}"),
            )),
            Some(_) => {}
        }
        if let Some(deadline) = &target.deadline {
            let starts_after = match (from.start_as_fractional_year(), deadline.as_fractional_year()) {
                (Some(start), Some(end)) => start > end,
                _ => false,
            };
            if starts_after {
                report.push(Issue::error(
                    rules::FROM_AFTER_DEADLINE,
                    format!("{at}.goal.from"),
                    format!("起始时间 {from} 晚于期限 {deadline}"),
                    format!("`from` {from} is after the deadline {deadline}"),
                ));
            }
        }
    }
    if let Some(baseline) = &target.baseline {
        if !baseline.date.is_well_formed() {
            report.push(bad_date(&format!("{at}.baseline.date"), baseline.date.as_str()));
        } else if let Some(deadline) = &target.deadline {
            if !later_than(deadline, &baseline.date) {
                report.push(Issue::error(
                    rules::BASELINE_NOT_BEFORE_DEADLINE,
                    format!("{at}.baseline.date"),
                    format!("基线时间 {} 不早于期限 {deadline}", baseline.date),
                    format!("the baseline date {} is not before the deadline {deadline}", baseline.date),
                ));
            }
        }
    }
}

/// `a` is strictly after `b` on the path's time axis.
fn later_than(a: &PlanDate, b: &PlanDate) -> bool {
    match (a.as_fractional_year(), b.as_fractional_year()) {
        (Some(x), Some(y)) => x > y,
        _ => false,
    }
}

fn check_indicator(at: &str, target: &Target, report: &mut FileReport) {
    let Some(id) = &target.indicator else { return };
    let Some(def) = indicators::find(id) else {
        report.push(Issue::error(
            rules::UNKNOWN_INDICATOR,
            format!("{at}.indicator"),
            format!("指标表中没有指标 {id}"),
            format!("`{id}` is not in the indicator table"),
        ));
        return;
    };
    let unit_fits = match def.unit {
        Unit::Percent | Unit::PercentagePoints => target.unit == "%",
        _ => target.unit != "%",
    };
    let has_unit = !matches!(target.goal, Goal::Milestone | Goal::Rank { .. } | Goal::Placeholder { .. });
    if has_unit && !unit_fits {
        report.push(Issue::warning(
            rules::UNIT_MISMATCH,
            format!("{at}.unit"),
            format!("目标单位 “{}” 与指标 {id} 的单位（{}）不符", target.unit, def.unit.name_zh()),
            format!("target unit `{}` does not fit indicator `{id}` ({})", target.unit, def.unit.name_en()),
        ));
    }
    let against = matches!(
        (def.direction, target.goal.higher_is_better()),
        (IndicatorDirection::HigherIsBetter, Some(false)) | (IndicatorDirection::LowerIsBetter, Some(true))
    );
    if against {
        report.push(Issue::warning(
            rules::GOAL_AGAINST_INDICATOR_DIRECTION,
            format!("{at}.goal.kind"),
            format!("目标方向与指标 {id} 的好坏方向（{}）相反", def.direction.label_zh()),
            format!("the goal points against indicator `{id}`'s direction ({})", def.direction.label_en()),
        ));
    }
}

/// The township and school a target names: the township is one of the plan's county, a school
/// id is not blank, and a new school is a milestone measured by the school's appearance alone.
fn check_place(plan: &Plan, at: &str, target: &Target, report: &mut FileReport) {
    if let Some(code) = &target.township {
        let in_county = match &plan.meta.county_code {
            Some(county) => code.is_in(county),
            None => code.is_well_formed(),
        };
        if !code.is_well_formed() || !in_county {
            report.push(Issue::error(
                rules::TOWNSHIP_OUTSIDE_COUNTY,
                format!("{at}.township"),
                format!("乡镇代码 {code} 不是本县（{}）的 9 位统计用区划代码", county_text(plan)),
                format!(
                    "township `{code}` is not a 9-digit code of this plan's county ({})",
                    county_text(plan)
                ),
            ));
        }
    }
    if let Some(school) = &target.school {
        require_text(&format!("{at}.school"), school, report);
    }
    if target.new_school {
        let fits = target.school.is_some() && target.indicator.is_none() && target.goal == Goal::Milestone;
        if !fits {
            report.push(Issue::error(
                rules::NEW_SCHOOL_NOT_A_MILESTONE,
                format!("{at}.new_school"),
                "new_school 只能用于写明 school、没有 indicator 的 milestone 目标（学校出现在快照中即为达成）",
                "new_school needs a milestone with a `school` and no `indicator` (the school appearing in a snapshot is the measure)",
            ));
        }
    }
}

fn county_text(plan: &Plan) -> String {
    plan.meta.county_code.as_ref().map(|c| c.to_string()).unwrap_or_else(|| "—".to_string())
}

fn require_text(path: &str, text: &str, report: &mut FileReport) {
    if text.trim().is_empty() {
        report.push(Issue::error(
            rules::EMPTY_FIELD,
            path,
            format!("{path} 不能为空"),
            format!("`{path}` must not be empty"),
        ));
    }
}

fn bad_date(path: &str, text: &str) -> Issue {
    Issue::error(
        rules::BAD_DATE,
        path,
        format!("“{text}” 不是有效的年份（YYYY）或日期（YYYY-MM-DD）"),
        format!("`{text}` is not a year (YYYY) or a real date (YYYY-MM-DD)"),
    )
}

fn is_slug(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}
