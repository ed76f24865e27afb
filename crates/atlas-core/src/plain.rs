//! Words a parent understands: the one-sentence verdict that opens each section of the township
//! and school pages, ranks that say which way they count, and why a gross rate can pass 100%.
//!
//! Each sentence is built from figures the core computed (indicator values, standings, the
//! per-school rule); the pages print it as it is. Chinese and English are built side by side.

use crate::classify::Order;
use crate::format::{format_change, format_value, Unit};
use crate::indicators::{evaluate, IndicatorDef, Standing};
use crate::lang::Lang;
use crate::schools::{OverallStanding, SchoolStandards};
use serde::Serialize;

// ── Ranks ──────────────────────────────────────────────────────────────────────────────────

/// "从高到低第 4 / 8 名": a rank that says which way it counts.
pub fn rank_text_zh(rank: usize, of: usize, order: Order) -> String {
    let way = match order {
        Order::Descending => "从高到低",
        Order::Ascending => "从低到高",
    };
    format!("{way}第 {rank} / {of} 名")
}

/// "4th of 8, highest first".
pub fn rank_text_en(rank: usize, of: usize, order: Order) -> String {
    let way = match order {
        Order::Descending => "highest first",
        Order::Ascending => "lowest first",
    };
    format!("{} of {of}, {way}", ordinal_en(rank))
}

fn ordinal_en(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

// ── Gross rates above 100% ─────────────────────────────────────────────────────────────────

/// Rates whose numerator is not a subset of their denominator, so a value above 100% is real,
/// not an error, with the one-line reason shown beside such a value.
/// FIXME(core12): move into the indicator table entry once each entry carries its measure.
const ABOVE_HUNDRED_REASONS: [(&str, &str, &str); 3] = [
    (
        "preschool_gross_enrolment",
        "毛入园率可以超过 100%：在园幼儿里有外乡镇、外县来的孩子，也有不满 3 岁或已满 6 岁的孩子，而分母只是本地 3–5 岁的人口。",
        "A gross enrolment rate can pass 100%: the children enrolled include children from other townships or counties and children younger or older than 3–5, while the denominator is only the local population aged 3–5.",
    ),
    (
        "senior_gross_enrolment",
        "毛入学率可以超过 100%：在校生里有外地来的学生和超龄学生，而分母只是本地 15–17 岁的人口。",
        "A gross enrolment rate can pass 100%: the students include students from elsewhere and older students, while the denominator is only the local population aged 15–17.",
    ),
    (
        "compulsory_retention_rate",
        "巩固率可以超过 100%：九年间转入的学生多于转出和辍学的学生时，毕业生会多于当年入学的人数。",
        "A retention rate can pass 100%: when more students move in over the nine years than move away or drop out, the graduates outnumber the original entrants.",
    ),
];

/// Why `value` of `def` is above 100%, when it is and the indicator is a gross rate.
pub fn above_hundred_reason(def: &IndicatorDef, value: Option<f64>) -> Option<(&'static str, &'static str)> {
    let value = value.filter(|v| v.is_finite())?;
    if def.unit != Unit::Percent || value <= 100.0 {
        return None;
    }
    ABOVE_HUNDRED_REASONS.iter().find(|(id, _, _)| *id == def.id).map(|(_, zh, en)| (*zh, *en))
}

/// The ids given a reason above; a test checks each is a percentage in the table.
pub fn gross_rate_ids() -> impl Iterator<Item = &'static str> {
    ABOVE_HUNDRED_REASONS.iter().map(|(id, _, _)| *id)
}

// ── Students this year and last ────────────────────────────────────────────────────────────

/// What is known of last year's figure when a sentence compares with it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LastYear {
    /// Still loading: the sentence says this year's figure alone, and nothing about last year.
    Pending,
    /// No figure for last year (no snapshot, or the place is not in it).
    None,
    Value(f64),
}

/// "在校生 1,234 人，比上一学年减少 56 人（-4.3%）。"
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub current: f64,
    pub previous: Option<f64>,
    /// True while last year's figure is still loading: nothing is said about it.
    pub pending: bool,
}

impl Change {
    pub fn new(current: f64, last_year: LastYear) -> Change {
        match last_year {
            LastYear::Pending => Change { current, previous: None, pending: true },
            LastYear::None => Change { current, previous: None, pending: false },
            LastYear::Value(v) => Change { current, previous: Some(v), pending: false },
        }
    }

    /// The change in percent of last year's figure (None without one, or from 0).
    fn percent(&self) -> Option<f64> {
        let previous = self.previous?;
        (previous != 0.0).then(|| (self.current - previous) / previous * 100.0)
    }

    pub fn students_zh(&self) -> String {
        let now = format_value(Some(self.current), Unit::Count, Lang::Zh);
        let Some(previous) = self.previous else {
            return if self.pending {
                format!("在校生 {now} 人。")
            } else {
                format!("在校生 {now} 人；没有上一学年的数据可比较。")
            };
        };
        let difference = self.current - previous;
        if difference == 0.0 {
            return format!("在校生 {now} 人，与上一学年持平。");
        }
        let way = if difference > 0.0 { "增加" } else { "减少" };
        let amount = format_value(Some(difference.abs()), Unit::Count, Lang::Zh);
        match self.percent() {
            Some(p) => format!("在校生 {now} 人，比上一学年{way} {amount} 人（{}%）。", percent_change(p)),
            None => format!("在校生 {now} 人，比上一学年{way} {amount} 人。"),
        }
    }

    pub fn students_en(&self) -> String {
        let now = format_value(Some(self.current), Unit::Count, Lang::En);
        let Some(previous) = self.previous else {
            return if self.pending {
                format!("{now} students.")
            } else {
                format!("{now} students; no figure for the school year before to compare with.")
            };
        };
        let difference = self.current - previous;
        if difference == 0.0 {
            return format!("{now} students, as many as the year before.");
        }
        let way = if difference > 0.0 { "more" } else { "fewer" };
        let amount = format_value(Some(difference.abs()), Unit::Count, Lang::En);
        match self.percent() {
            Some(p) => {
                format!("{now} students, {amount} {way} than the year before ({}%).", percent_change(p))
            }
            None => format!("{now} students, {amount} {way} than the year before."),
        }
    }
}

/// `-4.3` / `+12.0`: a percent change with one decimal and a sign.
fn percent_change(p: f64) -> String {
    format_change(Some(p), Unit::PercentagePoints, Lang::Zh).replace(" 个百分点", "")
}

// ── Indicators against their lines ─────────────────────────────────────────────────────────

/// A group of indicators (a section's table) against their standard lines.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Lines {
    /// Indicators of the group that have a line.
    pub with_line: usize,
    pub met: usize,
    /// (indicator id, value, line label) of those below their line, in the group's order.
    pub below: Vec<(&'static str, f64, String)>,
    /// Indicators with a line but no value (未报送, or nothing to divide by).
    pub not_reported: usize,
}

/// How the `rows` (indicator and its value at the page's place) stand against their lines.
pub fn lines(rows: &[(&'static IndicatorDef, Option<f64>)]) -> Lines {
    let mut summary = Lines { with_line: 0, met: 0, below: Vec::new(), not_reported: 0 };
    for (def, value) in rows {
        let Some(line) = def.threshold else { continue };
        summary.with_line += 1;
        match (evaluate(def, *value), value) {
            (Standing::Meets, _) => summary.met += 1,
            (Standing::Below, Some(v)) => summary.below.push((def.id, *v, line.label())),
            _ => summary.not_reported += 1,
        }
    }
    summary
}

impl Lines {
    /// "有标准线的 4 项中 3 项达到标准线；未达到：小学生均体育运动场馆面积 6.20 m²/生（标准 ≥7.5）。"
    /// None when no indicator of the group has a line.
    pub fn text_zh(&self) -> Option<String> {
        self.text(Lang::Zh)
    }

    /// "3 of the 4 indicators with a line meet it; below: …."
    pub fn text_en(&self) -> Option<String> {
        self.text(Lang::En)
    }

    /// One sentence in either language: the counts, the indicators below their line with their
    /// values, and how many were not reported.
    pub fn text(&self, lang: Lang) -> Option<String> {
        if self.with_line == 0 {
            return None;
        }
        let (n, met) = (self.with_line, self.met);
        let reported = n - self.not_reported;
        let mut text = if reported == 0 {
            lang.pick(
                format!("有标准线的 {n} 项本期均未报送"),
                format!("None of the {n} indicators with a line is reported this year"),
            )
        } else if met == n {
            lang.pick(
                format!("有标准线的 {n} 项全部达到标准线"),
                format!("All {n} indicators with a line meet it"),
            )
        } else {
            lang.pick(
                format!("有标准线的 {n} 项中 {met} 项达到标准线"),
                format!("{met} of the {n} indicators with a line meet it"),
            )
        };
        if !self.below.is_empty() {
            let listed: Vec<String> = self
                .below
                .iter()
                .map(|(id, v, line)| {
                    let def = crate::indicators::find(id);
                    let name = def.map(|d| d.name(lang)).unwrap_or(id);
                    let value = format_value(Some(*v), def.map(|d| d.unit).unwrap_or(Unit::Count), lang);
                    lang.pick(
                        format!("{name} {value}（标准 {line}）"),
                        format!("{name} {value} (line {line})"),
                    )
                })
                .collect();
            let (head, separator) = lang.pick(("；未达到：", "、"), ("; below: ", "; "));
            text.push_str(head);
            text.push_str(&listed.join(separator));
        }
        if self.not_reported > 0 && reported > 0 {
            let not_reported = self.not_reported;
            text.push_str(
                &lang.pick(format!("；{not_reported} 项未报送"), format!("; {not_reported} not reported")),
            );
        }
        text.push(lang.pick('。', '.'));
        Some(text)
    }
}

// ── A township's schools ───────────────────────────────────────────────────────────────────

/// How a township's schools stand on the standards that apply to them.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SchoolsSummary {
    pub schools: usize,
    /// Schools some standard applies to (primary and junior stages).
    pub judged: usize,
    pub meeting: usize,
    pub missing: usize,
    pub not_reported: usize,
}

pub fn schools_summary(standards: &[SchoolStandards]) -> SchoolsSummary {
    let mut summary = SchoolsSummary { schools: standards.len(), ..SchoolsSummary::default() };
    for s in standards {
        match s.overall() {
            OverallStanding::Meets => summary.meeting += 1,
            OverallStanding::Misses => summary.missing += 1,
            OverallStanding::NotReported => summary.not_reported += 1,
            OverallStanding::NoStandard => continue,
        }
        summary.judged += 1;
    }
    summary
}

impl SchoolsSummary {
    /// "共 8 所学校；其中 5 所小学、初中有班额和资源配置标准，3 所全部达到，2 所有未达到的标准。"
    pub fn text_zh(&self) -> String {
        if self.schools == 0 {
            return "本期没有学校记录。".to_string();
        }
        let mut text = format!("共 {} 所学校", self.schools);
        if self.judged == 0 {
            text.push_str("；都不是小学、初中，没有班额和资源配置标准可对照。");
            return text;
        }
        text.push_str(&format!("；其中 {} 所小学、初中有班额和资源配置标准，", self.judged));
        let mut parts = Vec::new();
        if self.meeting > 0 {
            parts.push(format!("{} 所全部达到", self.meeting));
        }
        if self.missing > 0 {
            parts.push(format!("{} 所有未达到的标准", self.missing));
        }
        if self.not_reported > 0 {
            parts.push(format!("{} 所部分数据未报送", self.not_reported));
        }
        text.push_str(&parts.join("，"));
        text.push('。');
        text
    }

    pub fn text_en(&self) -> String {
        if self.schools == 0 {
            return "No school records this year.".to_string();
        }
        let mut text = format!("{} schools", self.schools);
        if self.judged == 0 {
            text.push_str(
                "; none is a primary or junior school, so no class-size or resource standard applies.",
            );
            return text;
        }
        text.push_str(&format!(
            "; {} primary or junior schools are held to the class-size and resource standards: ",
            self.judged
        ));
        let mut parts = Vec::new();
        if self.meeting > 0 {
            parts.push(format!("{} meet them all", self.meeting));
        }
        if self.missing > 0 {
            parts.push(format!("{} miss some", self.missing));
        }
        if self.not_reported > 0 {
            parts.push(format!("{} have figures not reported", self.not_reported));
        }
        text.push_str(&parts.join(", "));
        text.push('.');
        text
    }
}

// ── Where a township ranks ─────────────────────────────────────────────────────────────────

/// "在 8 个乡镇中，按好坏方向排，2 项排在前三名，1 项排在最后三名。" over the ranked indicators
/// that have a direction (a neutral one, such as students per teacher, is neither good nor bad
/// at the top).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RanksSummary {
    pub townships: usize,
    pub ranked: usize,
    pub top_three: usize,
    pub bottom_three: usize,
}

/// `ranks`: each ranked indicator with a direction, as (rank, of), rank 1 the best.
pub fn ranks_summary(townships: usize, ranks: &[(usize, usize)]) -> RanksSummary {
    RanksSummary {
        townships,
        ranked: ranks.len(),
        top_three: ranks.iter().filter(|(r, _)| *r <= 3).count(),
        bottom_three: ranks.iter().filter(|(r, of)| *of >= 6 && *r + 3 > *of).count(),
    }
}

impl RanksSummary {
    pub fn text_zh(&self) -> String {
        if self.ranked == 0 {
            return format!("在 {} 个乡镇（街道）中的位置见下表。", self.townships);
        }
        format!(
            "在 {} 个乡镇（街道）中，下表 {} 项有好坏方向的指标里，{} 项排在最好的前三名，{} 项排在最后三名。",
            self.townships, self.ranked, self.top_three, self.bottom_three
        )
    }

    pub fn text_en(&self) -> String {
        if self.ranked == 0 {
            return format!("Its place among {} townships is in the table below.", self.townships);
        }
        format!(
            "Among {} townships, of the {} indicators below with a better direction, {} are among the best three and {} among the last three.",
            self.townships, self.ranked, self.top_three, self.bottom_three
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::indicators::find;

    #[test]
    fn every_gross_rate_with_a_reason_is_a_percentage_in_the_table() {
        for id in gross_rate_ids() {
            let def = find(id).unwrap_or_else(|| panic!("{id} is not in the table"));
            assert_eq!(def.unit, Unit::Percent, "{id}");
        }
    }
}
