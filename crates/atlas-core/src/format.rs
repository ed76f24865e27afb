//! Units and number formatting, in one place: every page, tooltip, CSV header and embed prints
//! numbers through here, so `12,345`, `95.2%` and `—` (missing) look the same everywhere, in
//! either language (`Lang`): numbers are written the same way, only the unit's words differ.

use crate::lang::Lang;
use serde::{Deserialize, Serialize};

/// Printed where a value is missing (no data, or a zero denominator).
pub const MISSING: &str = "—";

/// The short label of sample data (示例数据), and the notice shown on every page, embed and
/// download of sample data, which starts with it.
pub const SAMPLE_LABEL_ZH: &str = "示例数据";
pub const SAMPLE_NOTICE_ZH: &str = "示例数据：本页数字为演示而虚构，不是真实统计，请勿引用。";
pub const SAMPLE_LABEL_EN: &str = "Sample data";
pub const SAMPLE_NOTICE_EN: &str =
    "Sample data: these figures are made up for demonstration. Do not quote them.";

/// The short label of sample data in `lang`.
pub fn sample_label(lang: Lang) -> &'static str {
    lang.pick(SAMPLE_LABEL_ZH, SAMPLE_LABEL_EN)
}

/// The sample-data notice in `lang`; it starts with [`sample_label`].
pub fn sample_notice(lang: Lang) -> &'static str {
    lang.pick(SAMPLE_NOTICE_ZH, SAMPLE_NOTICE_EN)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// People, schools, classes.
    Count,
    /// A share or rate on a 0–100 scale; gross rates may exceed 100.
    Percent,
    /// Percentage points, for changes of a percent.
    PercentagePoints,
    /// Per 100 students (每百名学生).
    PerHundredStudents,
    /// m² per student (生均平方米).
    SquareMetresPerStudent,
    /// Yuan per student (生均元).
    YuanPerStudent,
    /// Books per student (生均册).
    BooksPerStudent,
    /// Students per full-time teacher (生师比, written n:1).
    StudentsPerTeacher,
    /// Students per class (平均班额).
    StudentsPerClass,
    /// Coefficient of variation (差异系数), unitless.
    Coefficient,
    /// A ratio written n:1, e.g. 生机比 5.2:1 (students per computer); the value is n.
    Ratio,
    /// Money in units of 10,000 yuan (万元), as budgets are published.
    TenThousandYuan,
}

impl Unit {
    /// Symbol as printed after a number ("" for none).
    pub fn symbol_zh(self) -> &'static str {
        match self {
            Unit::Count => "",
            Unit::Percent => "%",
            Unit::PercentagePoints => "个百分点",
            Unit::PerHundredStudents => "/百生",
            Unit::SquareMetresPerStudent => "m²/生",
            Unit::YuanPerStudent => "元/生",
            Unit::BooksPerStudent => "册/生",
            Unit::StudentsPerTeacher => ":1",
            Unit::StudentsPerClass => "人/班",
            Unit::Coefficient => "",
            Unit::Ratio => ":1",
            Unit::TenThousandYuan => "万元",
        }
    }

    /// Symbol as printed after a number in English text ("" for none).
    pub fn symbol_en(self) -> &'static str {
        match self {
            Unit::Count => "",
            Unit::Percent => "%",
            Unit::PercentagePoints => "pp",
            Unit::PerHundredStudents => "per 100 students",
            Unit::SquareMetresPerStudent => "m²/student",
            Unit::YuanPerStudent => "yuan/student",
            Unit::BooksPerStudent => "books/student",
            Unit::StudentsPerTeacher => ":1",
            Unit::StudentsPerClass => "students/class",
            Unit::Coefficient => "",
            Unit::Ratio => ":1",
            Unit::TenThousandYuan => "× 10,000 yuan",
        }
    }

    pub fn symbol(self, lang: Lang) -> &'static str {
        lang.pick(self.symbol_zh(), self.symbol_en())
    }

    /// Unit name for axis titles and CSV headers.
    pub fn name_zh(self) -> &'static str {
        match self {
            Unit::Count => "人数/个数",
            Unit::Percent => "%",
            Unit::PercentagePoints => "百分点",
            Unit::PerHundredStudents => "每百名学生",
            Unit::SquareMetresPerStudent => "平方米/生",
            Unit::YuanPerStudent => "元/生",
            Unit::BooksPerStudent => "册/生",
            Unit::StudentsPerTeacher => "学生数/教师数",
            Unit::StudentsPerClass => "人/班",
            Unit::Coefficient => "系数",
            Unit::Ratio => "比值（n:1）",
            Unit::TenThousandYuan => "万元",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "%",
            Unit::PercentagePoints => "percentage points",
            Unit::PerHundredStudents => "per 100 students",
            Unit::SquareMetresPerStudent => "m² per student",
            Unit::YuanPerStudent => "yuan per student",
            Unit::BooksPerStudent => "books per student",
            Unit::StudentsPerTeacher => "students per teacher",
            Unit::StudentsPerClass => "students per class",
            Unit::Coefficient => "coefficient",
            Unit::Ratio => "ratio (n:1)",
            Unit::TenThousandYuan => "10,000 yuan",
        }
    }

    pub fn name(self, lang: Lang) -> &'static str {
        lang.pick(self.name_zh(), self.name_en())
    }

    /// Decimals shown for this unit: enough to compare with the standard's threshold.
    pub fn decimals(self) -> usize {
        match self {
            Unit::Count => 0,
            Unit::Percent | Unit::PercentagePoints => 1,
            Unit::PerHundredStudents | Unit::SquareMetresPerStudent | Unit::BooksPerStudent => 2,
            Unit::YuanPerStudent => 0,
            Unit::StudentsPerTeacher | Unit::StudentsPerClass => 1,
            Unit::Coefficient => 3,
            Unit::Ratio => 1,
            Unit::TenThousandYuan => 0,
        }
    }
}

/// `12345.6` → `12,346` (rounded, thousands separated).
pub fn group_thousands(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(text.len() + text.len() / 3);
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if let Some(f) = frac_part {
        grouped.push('.');
        grouped.push_str(f);
    }
    // "-0" after rounding a tiny negative is just 0.
    let is_zero = grouped.chars().all(|c| c == '0' || c == '.' || c == ',');
    if value < 0.0 && !is_zero {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// A value with its unit, or `—` when missing or not finite: `95.2%`, `4.50 m²/生`,
/// `4.50 m²/student`.
pub fn format_value(value: Option<f64>, unit: Unit, lang: Lang) -> String {
    match value {
        Some(v) if v.is_finite() => {
            let number = group_thousands(v, unit.decimals());
            match unit {
                Unit::Count | Unit::Coefficient => number,
                Unit::Percent => format!("{number}%"),
                Unit::StudentsPerTeacher | Unit::Ratio => format!("{number}:1"),
                _ => format!("{number} {}", unit.symbol(lang)),
            }
        }
        _ => MISSING.to_string(),
    }
}

/// The number alone (no unit), for table cells and CSV: `95.2`, or `—`. The same in both
/// languages.
pub fn format_number(value: Option<f64>, unit: Unit) -> String {
    match value {
        Some(v) if v.is_finite() => group_thousands(v, unit.decimals()),
        _ => MISSING.to_string(),
    }
}

/// A signed change, e.g. `+1.2 个百分点` / `+1.2 pp` or `-340`; `—` when missing. A change of a
/// percent is in percentage points.
pub fn format_change(change: Option<f64>, unit: Unit, lang: Lang) -> String {
    match change {
        Some(c) if c.is_finite() => {
            let body = group_thousands(c, unit.decimals());
            let unit_text = match unit {
                Unit::Count | Unit::Coefficient | Unit::StudentsPerTeacher | Unit::Ratio => String::new(),
                Unit::Percent => format!(" {}", Unit::PercentagePoints.symbol(lang)),
                other => format!(" {}", other.symbol(lang)),
            };
            if body.starts_with('-') || body.chars().all(|ch| ch == '0' || ch == '.') {
                format!("{body}{unit_text}")
            } else {
                format!("+{body}{unit_text}")
            }
        }
        _ => MISSING.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_starts_with_the_label() {
        assert!(SAMPLE_NOTICE_ZH.starts_with(SAMPLE_LABEL_ZH));
    }

    #[test]
    fn thousands_and_rounding() {
        assert_eq!(group_thousands(44545.0, 0), "44,545");
        assert_eq!(group_thousands(1234567.891, 2), "1,234,567.89");
        assert_eq!(group_thousands(999.5, 0), "1,000");
        assert_eq!(group_thousands(-1234.0, 0), "-1,234");
        assert_eq!(group_thousands(-0.0001, 1), "0.0");
        assert_eq!(group_thousands(12.0, 0), "12");
    }

    #[test]
    fn values_with_units() {
        let zh = Lang::Zh;
        assert_eq!(format_value(Some(95.18), Unit::Percent, zh), "95.2%");
        assert_eq!(format_value(Some(101.72), Unit::Percent, zh), "101.7%");
        assert_eq!(format_value(Some(14.456), Unit::StudentsPerTeacher, zh), "14.5:1");
        assert_eq!(format_value(Some(4.5), Unit::SquareMetresPerStudent, zh), "4.50 m²/生");
        assert_eq!(format_value(Some(2345.6), Unit::YuanPerStudent, zh), "2,346 元/生");
        assert_eq!(format_value(None, Unit::Percent, zh), "—");
        assert_eq!(format_value(Some(f64::NAN), Unit::Count, zh), "—");
        assert_eq!(format_value(Some(0.3456), Unit::Coefficient, zh), "0.346");
        assert_eq!(format_value(Some(5.2), Unit::Ratio, zh), "5.2:1");
        assert_eq!(format_value(Some(73500.0), Unit::TenThousandYuan, zh), "73,500 万元");
    }

    /// Every unit once, in English, written out by hand.
    #[test]
    fn values_with_units_in_english() {
        let en = Lang::En;
        assert_eq!(format_value(Some(12345.0), Unit::Count, en), "12,345");
        assert_eq!(format_value(Some(95.18), Unit::Percent, en), "95.2%");
        assert_eq!(format_value(Some(0.64), Unit::PercentagePoints, en), "0.6 pp");
        assert_eq!(format_value(Some(2.304), Unit::PerHundredStudents, en), "2.30 per 100 students");
        assert_eq!(format_value(Some(4.5), Unit::SquareMetresPerStudent, en), "4.50 m²/student");
        assert_eq!(format_value(Some(2345.6), Unit::YuanPerStudent, en), "2,346 yuan/student");
        assert_eq!(format_value(Some(30.0), Unit::BooksPerStudent, en), "30.00 books/student");
        assert_eq!(format_value(Some(14.456), Unit::StudentsPerTeacher, en), "14.5:1");
        assert_eq!(format_value(Some(45.26), Unit::StudentsPerClass, en), "45.3 students/class");
        assert_eq!(format_value(Some(0.3456), Unit::Coefficient, en), "0.346");
        assert_eq!(format_value(Some(5.2), Unit::Ratio, en), "5.2:1");
        assert_eq!(format_value(Some(73500.0), Unit::TenThousandYuan, en), "73,500 × 10,000 yuan");
        assert_eq!(format_value(None, Unit::Percent, en), "—");
        assert_eq!(format_value(Some(f64::INFINITY), Unit::Count, en), "—");
    }

    #[test]
    fn english_unit_names_have_no_chinese() {
        for unit in ALL_UNITS {
            for text in [unit.symbol(Lang::En), unit.name(Lang::En)] {
                assert!(text.chars().all(|c| !('\u{4e00}'..='\u{9fff}').contains(&c)), "{unit:?}: {text}");
            }
            assert_eq!(unit.name(Lang::Zh), unit.name_zh());
            assert_eq!(unit.symbol(Lang::Zh), unit.symbol_zh());
        }
    }

    const ALL_UNITS: [Unit; 12] = [
        Unit::Count,
        Unit::Percent,
        Unit::PercentagePoints,
        Unit::PerHundredStudents,
        Unit::SquareMetresPerStudent,
        Unit::YuanPerStudent,
        Unit::BooksPerStudent,
        Unit::StudentsPerTeacher,
        Unit::StudentsPerClass,
        Unit::Coefficient,
        Unit::Ratio,
        Unit::TenThousandYuan,
    ];

    #[test]
    fn changes_carry_a_sign() {
        let zh = Lang::Zh;
        assert_eq!(format_change(Some(1.26), Unit::Percent, zh), "+1.3 个百分点");
        assert_eq!(format_change(Some(-340.0), Unit::Count, zh), "-340");
        assert_eq!(format_change(Some(0.0), Unit::Count, zh), "0");
        assert_eq!(format_change(None, Unit::Count, zh), "—");
    }

    /// Every unit's change once, in English, written out by hand.
    #[test]
    fn changes_in_english() {
        let en = Lang::En;
        assert_eq!(format_change(Some(-340.0), Unit::Count, en), "-340");
        assert_eq!(format_change(Some(0.62), Unit::Percent, en), "+0.6 pp");
        assert_eq!(format_change(Some(-1.26), Unit::PercentagePoints, en), "-1.3 pp");
        assert_eq!(format_change(Some(0.5), Unit::PerHundredStudents, en), "+0.50 per 100 students");
        assert_eq!(format_change(Some(-0.123), Unit::SquareMetresPerStudent, en), "-0.12 m²/student");
        assert_eq!(format_change(Some(1500.0), Unit::YuanPerStudent, en), "+1,500 yuan/student");
        assert_eq!(format_change(Some(2.0), Unit::BooksPerStudent, en), "+2.00 books/student");
        assert_eq!(format_change(Some(-0.44), Unit::StudentsPerTeacher, en), "-0.4");
        assert_eq!(format_change(Some(3.0), Unit::StudentsPerClass, en), "+3.0 students/class");
        assert_eq!(format_change(Some(-0.012), Unit::Coefficient, en), "-0.012");
        assert_eq!(format_change(Some(0.3), Unit::Ratio, en), "+0.3");
        assert_eq!(format_change(Some(1200.0), Unit::TenThousandYuan, en), "+1,200 × 10,000 yuan");
        assert_eq!(format_change(Some(0.0), Unit::Percent, en), "0.0 pp");
        assert_eq!(format_change(None, Unit::Percent, en), "—");
    }

    #[test]
    fn sample_notice_in_both_languages() {
        assert!(sample_notice(Lang::En).starts_with(sample_label(Lang::En)));
        assert!(sample_notice(Lang::Zh).starts_with(sample_label(Lang::Zh)));
    }
}
