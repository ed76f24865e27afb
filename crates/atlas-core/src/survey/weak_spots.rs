//! The weak spots of a survey for a deputy: every rate below the line (the 85% of the 优质均衡
//! assessment), and the briefing's one-sentence headline.
//!
//! Every rate whose share is below the line is listed, **whatever its interval**: a rate of 83.1%
//! whose interval reaches 88% is still below 85% as measured, and hiding it because the survey
//! cannot rule out 85% would hide exactly the figure a deputy asks about. Its interval and
//! respondents are listed with it, so the reader sees how sure the survey is; rates from too few
//! respondents are listed too, with their flag.

use super::rate::Rate;
use super::summary::SurveySummary;
use crate::codes::TownshipCode;
use crate::format::{format_value, Unit};
use crate::lang::Lang;
use crate::snapshot::{RespondentGroup, SurveyArea};

/// What a rate is the rate of.
#[derive(Clone, Debug, PartialEq)]
pub enum RateSubject {
    Group(RespondentGroup),
    Area(SurveyArea),
    /// One respondent group on one question area (a heatmap cell).
    Cell(RespondentGroup, SurveyArea),
    Township {
        code: TownshipCode,
        name: Option<String>,
    },
}

impl RateSubject {
    /// "家长", "考试评价改革", "家长 · 考试评价改革", "化念镇" (the code when the name is unknown).
    pub fn label_zh(&self) -> String {
        match self {
            RateSubject::Group(g) => g.label_zh().to_string(),
            RateSubject::Area(a) => a.label_zh().to_string(),
            RateSubject::Cell(g, a) => format!("{} · {}", g.label_zh(), a.label_zh()),
            RateSubject::Township { code, name } => name.clone().unwrap_or_else(|| code.to_string()),
        }
    }

    /// The kind of subject, for a list's first column: 群体, 领域, 群体 × 领域, 乡镇.
    pub fn kind_zh(&self) -> &'static str {
        match self {
            RateSubject::Group(_) => "群体",
            RateSubject::Area(_) => "领域",
            RateSubject::Cell(..) => "群体 × 领域",
            RateSubject::Township { .. } => "乡镇",
        }
    }

    /// The kind as a stable key for pages and their tests: `group`, `area`, `cell`, `township`.
    pub fn kind_key(&self) -> &'static str {
        match self {
            RateSubject::Group(_) => "group",
            RateSubject::Area(_) => "area",
            RateSubject::Cell(..) => "cell",
            RateSubject::Township { .. } => "township",
        }
    }
}

/// A rate below the line, with everything needed to judge it.
#[derive(Clone, Debug, PartialEq)]
pub struct RateBelow {
    pub subject: RateSubject,
    /// Share, interval, respondents and the too-few flag.
    pub rate: Rate,
}

/// Every group, area, group × area cell and township rate whose share is below `line` (on 0–100),
/// lowest first; equal shares keep that order of kinds. The overall rate is not in the list: the
/// headline states it.
pub fn below_line(summary: &SurveySummary, line: f64) -> Vec<RateBelow> {
    let groups = summary.by_group.iter().map(|g| (RateSubject::Group(g.group), &g.rate));
    let areas = summary.by_area.iter().map(|a| (RateSubject::Area(a.area), &a.rate));
    let cells = summary.cells.iter().map(|c| (RateSubject::Cell(c.group, c.area), &c.rate));
    let townships = summary
        .by_township
        .iter()
        .map(|t| (RateSubject::Township { code: t.code.clone(), name: t.name.clone() }, &t.rate));
    let mut below: Vec<(f64, RateBelow)> = groups
        .chain(areas)
        .chain(cells)
        .chain(townships)
        .filter_map(|(subject, rate)| {
            let share = rate.share.filter(|s| *s < line)?;
            Some((share, RateBelow { subject, rate: rate.clone() }))
        })
        .collect();
    crate::sort::sort_by(&mut below, |a, b| a.0.total_cmp(&b.0));
    below.into_iter().map(|(_, item)| item).collect()
}

/// A rate below the line is named in the headline only up to this many (the lowest); the briefing
/// lists them all.
pub const HEADLINE_NAMED: usize = 3;

/// The briefing's headline, one sentence:
/// "全县认可率 91.6%，达到 85% 标准；1 项低于 85%：家长 · 考试评价改革 83.1%。"
pub fn headline(summary: &SurveySummary, line: f64) -> String {
    let line_text = line_text(line);
    let overall = match summary.overall.share {
        None => "没有全县认可率（调查没有全县数据）".to_string(),
        Some(share) => {
            let verdict = if share >= line { "达到" } else { "低于" };
            let mut text = format!("全县认可率 {}，{verdict} {line_text} 标准", percent(share));
            if let Some((lower, upper)) = summary.overall.interval.filter(|(l, u)| *l < line && line <= *u) {
                text.push_str(&format!(
                    "（95% 区间 {}–{} 含 {line_text}，调查不能确定在哪一侧）",
                    percent(lower),
                    percent(upper)
                ));
            }
            text
        }
    };
    let below = below_line(summary, line);
    let items = |list: &[RateBelow]| -> String {
        list.iter()
            .map(|b| {
                let flag = if b.rate.too_few { "（样本过少）" } else { "" };
                format!(
                    "{} {}{flag}",
                    b.subject.label_zh(),
                    format_value(b.rate.share, Unit::Percent, Lang::Zh)
                )
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let parts = match below.len() {
        0 => format!("各群体、领域、群体 × 领域和乡镇的认可率均不低于 {line_text}"),
        n if n <= HEADLINE_NAMED => format!("{n} 项低于 {line_text}：{}", items(&below)),
        n => {
            format!("{n} 项低于 {line_text}，最低的 {HEADLINE_NAMED} 项：{}", items(&below[..HEADLINE_NAMED]))
        }
    };
    format!("{overall}；{parts}。")
}

fn percent(value: f64) -> String {
    format_value(Some(value), Unit::Percent, Lang::Zh)
}

/// The line as the standard writes it: "85%", not "85.0%" (decimals only when it has them).
fn line_text(line: f64) -> String {
    if line.fract() == 0.0 {
        format!("{line:.0}%")
    } else {
        percent(line)
    }
}
