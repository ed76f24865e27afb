//! The 优质均衡 per-school rule, spelled out for a parent.
//!
//! 《县域义务教育优质均衡发展督导评估办法》（教督〔2017〕6号）: each primary and junior school must
//! meet the line of at least 6 of the 7 resource indicators, and the remaining one must reach 85%
//! of its line. [`crate::indicators::school_standard_checks`] applies the rule; this module says
//! in one sentence what the result means: how many are met, which one is missed and by how much,
//! and what was not reported.

use crate::classify::percent_of_line;
use crate::format::{format_number, format_value, Unit};
use crate::indicators::{
    find, school_standard_checks, SchoolStandardCheck, Threshold, ThresholdOp, NEAR_MISS_SHARE, REQUIRED_MET,
};
use crate::lang::Lang;
use crate::snapshot::{Snapshot, Stage};
use serde::Serialize;

/// What the per-school rule says about one stage of a school.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// At least 6 of 7 lines met and the rest at 85% of its line or more.
    Meets,
    /// The rule is not met, whatever the unreported figures are.
    Misses,
    /// Some figures are not reported (未报送) and the rule could go either way.
    NotReported,
}

/// A resource indicator whose line the school does not meet.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shortfall {
    /// Indicator id, e.g. `pe_art_teachers_per100_primary`.
    pub indicator: &'static str,
    pub value: f64,
    pub line: Threshold,
    /// The value as a whole percentage of the line, rounded down: 84.6% is 84, so a sentence
    /// never says 85% of a value that misses the 85% rule.
    pub percent_of_line: u32,
    /// Reaches 85% of the line (the tolerance the rule gives one indicator).
    pub reaches_85: bool,
}

/// The per-school rule for one primary or junior stage of a school, ready to be said.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SchoolVerdict {
    pub school_id: String,
    pub stage: Stage,
    /// How many resource indicators the rule looks at (7).
    pub indicators: usize,
    /// How many meet their line.
    pub met: usize,
    /// Reported values below their line, in table order.
    pub shortfalls: Vec<Shortfall>,
    /// Indicators without a value (the school reported no facilities, or a figure is 未报送).
    pub not_reported: Vec<&'static str>,
    pub outcome: Outcome,
}

/// Every primary and junior stage of every school with students, in school order.
pub fn school_verdicts(snapshot: &Snapshot) -> Vec<SchoolVerdict> {
    school_standard_checks(snapshot).iter().map(verdict).collect()
}

/// The verdict of one check.
pub fn verdict(check: &SchoolStandardCheck) -> SchoolVerdict {
    let mut met = 0;
    let mut shortfalls = Vec::new();
    let mut not_reported = Vec::new();
    for item in &check.indicators {
        let line = find(item.indicator).and_then(|def| def.threshold);
        match (item.value, line) {
            (Some(_), Some(_)) if item.met => met += 1,
            (Some(value), Some(line)) => shortfalls.push(Shortfall {
                indicator: item.indicator,
                value,
                line,
                percent_of_line: whole_percent_of_line(value, &line, item.reaches_85),
                reaches_85: item.reaches_85,
            }),
            _ => not_reported.push(item.indicator),
        }
    }
    // If every figure not reported met its line, would the school meet the rule? If not, it
    // misses whatever they are; if so and some are missing, it cannot be judged.
    let best_case = met + not_reported.len() >= REQUIRED_MET && shortfalls.iter().all(|s| s.reaches_85);
    let outcome = if not_reported.is_empty() {
        if check.meets_standard {
            Outcome::Meets
        } else {
            Outcome::Misses
        }
    } else if best_case {
        Outcome::NotReported
    } else {
        Outcome::Misses
    };
    SchoolVerdict {
        school_id: check.school_id.clone(),
        stage: check.stage,
        indicators: check.indicators.len(),
        met,
        shortfalls,
        not_reported,
        outcome,
    }
}

/// `value` as a whole percentage of its line, rounded down but never below 85 when the rule's
/// comparison (which allows for floating-point slack) says it reaches 85%.
fn whole_percent_of_line(value: f64, line: &Threshold, reaches_85: bool) -> u32 {
    let percent = match line.op {
        ThresholdOp::AtLeast => percent_of_line(value, line.value),
        // For a cap, the share of the line reached is line ÷ value (a value twice the cap is 50%).
        ThresholdOp::AtMost => percent_of_line(line.value, value),
    }
    .unwrap_or(0.0);
    // Values are ratios of counts; a hair of slack keeps 80.0 from printing as 79.
    let floored = (percent + 1e-9).floor().clamp(0.0, 99.0) as u32;
    let minimum = (NEAR_MISS_SHARE * 100.0).round() as u32;
    if reaches_85 {
        floored.max(minimum)
    } else {
        floored.min(minimum - 1)
    }
}

impl SchoolVerdict {
    /// The verdict in one sentence, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.text_zh(),
            Lang::En => self.text_en(),
        }
    }

    /// The verdict in one sentence: "7 项中 6 项达标；每百名学生拥有体育、艺术（美术、音乐）专任
    /// 教师数 0.72，达到标准线的 80%，未达到 85% 的最低要求。"
    pub fn text_zh(&self) -> String {
        let n = self.indicators;
        let minimum = (NEAR_MISS_SHARE * 100.0).round() as u32;
        let listed = |items: &[Shortfall]| {
            items
                .iter()
                .map(|s| {
                    format!(
                        "{} {}（标准线的 {}%）",
                        self.name_zh(s.indicator),
                        sentence_value(s, Lang::Zh),
                        s.percent_of_line
                    )
                })
                .collect::<Vec<_>>()
                .join("、")
        };
        if !self.not_reported.is_empty() {
            let reported = n - self.not_reported.len();
            let mut text = match self.outcome {
                Outcome::Misses => format!(
                    "{n} 项中 {} 项未报送；已报送的 {reported} 项中 {} 项达标，即使未报送的都达标也达不到校级要求",
                    self.not_reported.len(),
                    self.met
                ),
                _ => format!(
                    "{n} 项中 {} 项未报送，无法判断是否达到校级要求；已报送的 {reported} 项中 {} 项达标",
                    self.not_reported.len(),
                    self.met
                ),
            };
            if !self.shortfalls.is_empty() {
                text.push_str(&format!("；未达标的有：{}", listed(&self.shortfalls)));
            }
            text.push('。');
            return text;
        }
        match self.shortfalls.as_slice() {
            [] => format!("{n} 项全部达标。"),
            [one] if self.met >= REQUIRED_MET => format!(
                "{n} 项中 {} 项达标；{} {}，达到标准线的 {}%，{} {minimum}% 的最低要求。",
                self.met,
                self.name_zh(one.indicator),
                sentence_value(one, Lang::Zh),
                one.percent_of_line,
                if one.reaches_85 { "不低于" } else { "未达到" },
            ),
            several => format!(
                "{n} 项中 {} 项达标，未达到至少 {REQUIRED_MET} 项的要求；未达标的有：{}。",
                self.met,
                listed(several)
            ),
        }
    }

    /// The verdict in one English sentence.
    pub fn text_en(&self) -> String {
        let n = self.indicators;
        let minimum = (NEAR_MISS_SHARE * 100.0).round() as u32;
        let listed = |items: &[Shortfall]| {
            items
                .iter()
                .map(|s| {
                    format!(
                        "{} {} ({}% of the line)",
                        self.name_en(s.indicator),
                        sentence_value(s, Lang::En),
                        s.percent_of_line
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        if !self.not_reported.is_empty() {
            let reported = n - self.not_reported.len();
            let mut text = match self.outcome {
                Outcome::Misses => format!(
                    "{} of {n} not reported; {} of the {reported} reported met, too few even if the rest met theirs",
                    self.not_reported.len(),
                    self.met
                ),
                _ => format!(
                    "{} of {n} not reported, so the school cannot be judged; {} of the {reported} reported met",
                    self.not_reported.len(),
                    self.met
                ),
            };
            if !self.shortfalls.is_empty() {
                text.push_str(&format!("; not met: {}", listed(&self.shortfalls)));
            }
            text.push('.');
            return text;
        }
        match self.shortfalls.as_slice() {
            [] => format!("All {n} met."),
            [one] if self.met >= REQUIRED_MET => format!(
                "{} of {n} met; {} is {}, {}% of the line, {} the {minimum}% minimum.",
                self.met,
                self.name_en(one.indicator),
                sentence_value(one, Lang::En),
                one.percent_of_line,
                if one.reaches_85 { "at least" } else { "short of" },
            ),
            several => format!(
                "{} of {n} met, fewer than the {REQUIRED_MET} required; not met: {}.",
                self.met,
                listed(several)
            ),
        }
    }

    /// The indicator's name without the stage the verdict is already about: "小学每百名学生拥有…"
    /// reads "每百名学生拥有…" under 小学.
    fn name_zh(&self, id: &str) -> &'static str {
        let Some(def) = find(id) else { return "" };
        def.name_zh.strip_prefix(self.stage.label_zh()).unwrap_or(def.name_zh)
    }

    fn name_en(&self, id: &str) -> &'static str {
        let Some(def) = find(id) else { return "" };
        let stage = match self.stage {
            Stage::Primary => ", primary",
            Stage::Junior => ", junior secondary",
            _ => "",
        };
        def.name_en.strip_suffix(stage).unwrap_or(def.name_en)
    }
}

/// A value inside a sentence: per-100 figures without their unit (the name already says 每百名
/// 学生), others with it.
fn sentence_value(shortfall: &Shortfall, lang: Lang) -> String {
    let unit = find(shortfall.indicator).map(|def| def.unit).unwrap_or(Unit::Count);
    match unit {
        Unit::PerHundredStudents => format_number(Some(shortfall.value), unit),
        _ => format_value(Some(shortfall.value), unit, lang),
    }
}
