//! A school's class sizes: the average of each stage against the 优质均衡 line (小学 ≤ 45, 初中 ≤ 50,
//! held by the indicator table) and its 大班额 (classes of 56 or more).

use crate::format::{format_number, Unit};
use crate::indicators::{evaluate, IndicatorDef, IndicatorValues, Level, Standing, Threshold, INDICATORS};
use crate::snapshot::{School, Stage};
use serde::Serialize;

/// The size from which a class is a 大班额 in the education statistics (66 and more is 超大班额).
pub const LARGE_CLASS_FROM: u32 = 56;

/// One stage of one school: average class size against the line, and its large classes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassSize {
    pub stage: Stage,
    /// The average-class-size indicator of the stage, e.g. `avg_class_size_primary`.
    pub indicator: &'static str,
    /// Students ÷ classes; `None` when the classes are not reported (or 0).
    pub average: Option<f64>,
    /// The standard's cap, for primary and junior.
    pub line: Option<Threshold>,
    pub standing: Standing,
    /// Classes of 56 or more, for the stages the 大班额 count is defined for (primary, junior,
    /// senior); `None` for the others.
    pub large_classes: Option<u32>,
}

/// The average-class-size indicator of `stage`, from the table (the one per-stage indicator in
/// students per class that exists at school level).
pub fn class_size_indicator(stage: Stage) -> Option<&'static IndicatorDef> {
    INDICATORS.iter().find(|def| {
        def.unit == Unit::StudentsPerClass && def.stage == Some(stage) && def.exists_at(Level::School)
    })
}

/// Every stage of `school` that has an average class size, in stage order.
pub fn class_sizes(school: &School, values: &IndicatorValues) -> Vec<ClassSize> {
    school
        .stages
        .iter()
        .filter_map(|(stage, record)| {
            let def = class_size_indicator(stage)?;
            let average = values.school(def.id, &school.id);
            let counts_large = matches!(stage, Stage::Primary | Stage::Junior | Stage::Senior);
            Some(ClassSize {
                stage,
                indicator: def.id,
                average,
                line: def.threshold,
                standing: evaluate(def, average),
                large_classes: counts_large.then_some(record.large_classes),
            })
        })
        .collect()
}

impl ClassSize {
    /// "小学平均每班 42.3 人，不超过 45 人的标准线；没有 56 人及以上的大班额。"
    pub fn text_zh(&self) -> String {
        let stage = self.stage.label_zh();
        let Some(average) = self.average else {
            return format!("{stage}班数未报送，无法计算平均班额。");
        };
        let mut text = format!("{stage}平均每班 {} 人", format_number(Some(average), Unit::StudentsPerClass));
        if let Some(line) = self.line {
            let cap = format_number(Some(line.value), Unit::Count);
            text.push_str(&match self.standing {
                Standing::Meets => format!("，不超过 {cap} 人的标准线"),
                _ => format!("，超过 {cap} 人的标准线"),
            });
        }
        match self.large_classes {
            Some(0) => text.push_str(&format!("；没有 {LARGE_CLASS_FROM} 人及以上的大班额")),
            Some(n) => text.push_str(&format!("；有 {n} 个 {LARGE_CLASS_FROM} 人及以上的大班额")),
            None => {}
        }
        text.push('。');
        text
    }

    /// "Primary: 42.3 students per class on average, within the line of 45; no class of 56 or more."
    pub fn text_en(&self) -> String {
        let stage = stage_en(self.stage);
        let Some(average) = self.average else {
            return format!("{stage}: classes not reported, so no average class size.");
        };
        let mut text = format!(
            "{stage}: {} students per class on average",
            format_number(Some(average), Unit::StudentsPerClass)
        );
        if let Some(line) = self.line {
            let cap = format_number(Some(line.value), Unit::Count);
            text.push_str(&match self.standing {
                Standing::Meets => format!(", within the line of {cap}"),
                _ => format!(", above the line of {cap}"),
            });
        }
        match self.large_classes {
            Some(0) => text.push_str(&format!("; no class of {LARGE_CLASS_FROM} or more")),
            Some(1) => text.push_str(&format!("; 1 class of {LARGE_CLASS_FROM} or more")),
            Some(n) => text.push_str(&format!("; {n} classes of {LARGE_CLASS_FROM} or more")),
            None => {}
        }
        text.push('.');
        text
    }

    /// Whether the average is above the stage's line (a standard the school misses).
    pub fn above_line(&self) -> bool {
        self.line.is_some() && self.standing == Standing::Below
    }
}

/// The stage's English name at the start of a sentence (the vocabulary's `label(Lang::En)` is
/// lower-case, for the middle of one).
pub(crate) fn stage_en(stage: Stage) -> &'static str {
    match stage {
        Stage::Preschool => "Preschool",
        Stage::Primary => "Primary",
        Stage::Junior => "Junior secondary",
        Stage::Senior => "Senior secondary",
        Stage::Vocational => "Vocational",
        Stage::Special => "Special education",
    }
}
