//! One-sentence summaries of a figure, written here so that what a chart's caption (and a screen
//! reader) says is tested like the figures themselves: "2024–2025学年大班额比例：最高的是化念镇
//! （12.5%）；7 个乡镇并列最低，均为 0.0%；全县为 3.1%。"
//!
//! Ties are stated, never hidden: when several townships print the same highest or lowest value,
//! the sentence names them (up to [`NAMED_IN_A_TIE`]) or counts them.

use crate::classify::{Extremes, Tier};
use crate::format::{format_value, Unit};
use crate::lang::Lang;

/// A tie of up to this many places names them all; a larger one gives their number.
pub const NAMED_IN_A_TIE: usize = 3;

/// Which end of a ranking a clause describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum End {
    Highest,
    Lowest,
}

impl End {
    fn word(self) -> &'static str {
        match self {
            End::Highest => "最高",
            End::Lowest => "最低",
        }
    }
}

/// "最高的是化念镇（12.5%）", "化念镇、塔甸镇并列最低，均为 0.0%", "7 个乡镇并列最低，均为 0.0%".
fn end_clause(tier: &Tier<String>, end: End, unit: Unit) -> String {
    let value = format_value(Some(tier.value), unit, Lang::Zh);
    match tier.keys.as_slice() {
        [one] => format!("{}的是{one}（{value}）", end.word()),
        names if names.len() <= NAMED_IN_A_TIE => {
            format!("{}并列{}，均为 {value}", names.join("、"), end.word())
        }
        names => format!("{} 个乡镇并列{}，均为 {value}", names.len(), end.word()),
    }
}

/// "只有化念镇有数据（12.5%）", "化念镇、塔甸镇均为 0.0%", "8 个乡镇均为 0.0%".
fn one_value_clause(tier: &Tier<String>, unit: Unit) -> String {
    let value = format_value(Some(tier.value), unit, Lang::Zh);
    match tier.keys.as_slice() {
        [one] => format!("只有{one}有数据（{value}）"),
        names if names.len() <= NAMED_IN_A_TIE => format!("{}均为 {value}", names.join("、")),
        names => format!("{} 个乡镇均为 {value}", names.len()),
    }
}

/// The summary of a figure of one indicator by township: its highest and lowest townships (ties
/// stated) and the county value. `extremes` holds township names; `None` when no township has a
/// value.
pub fn ranking_summary(
    period: &str,
    indicator: &str,
    extremes: Option<&Extremes<String>>,
    county: Option<f64>,
    unit: Unit,
) -> String {
    let county = format_value(county, unit, Lang::Zh);
    match extremes {
        None => format!("{period}，没有乡镇有{indicator}的数据。"),
        Some(Extremes::AllEqual(tier)) => {
            format!("{period}{indicator}：{}；全县为 {county}。", one_value_clause(tier, unit))
        }
        Some(Extremes::Spread { highest, lowest }) => format!(
            "{period}{indicator}：{}；{}；全县为 {county}。",
            end_clause(highest, End::Highest, unit),
            end_clause(lowest, End::Lowest, unit)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::extremes;

    fn names(entries: &[(&str, Option<f64>)]) -> Option<Extremes<String>> {
        let owned: Vec<(String, Option<f64>)> = entries.iter().map(|(k, v)| (k.to_string(), *v)).collect();
        extremes(&owned, Unit::Percent)
    }

    #[test]
    fn seven_townships_tied_at_the_bottom_are_counted() {
        let e = names(&[
            ("化念镇", Some(12.5)),
            ("双江街道", Some(0.0)),
            ("小街街道", Some(0.0)),
            ("宝山镇", Some(0.0)),
            ("甸中镇", Some(0.0)),
            ("大龙潭乡", Some(0.0)),
            ("富良棚乡", Some(0.0)),
            ("塔甸镇", Some(0.0)),
            ("岔河乡", Some(3.0)),
        ]);
        assert_eq!(
            ranking_summary("2024–2025学年", "大班额比例", e.as_ref(), Some(3.1), Unit::Percent),
            "2024–2025学年大班额比例：最高的是化念镇（12.5%）；7 个乡镇并列最低，均为 0.0%；全县为 3.1%。"
        );
    }

    #[test]
    fn a_small_tie_names_every_township() {
        let e = names(&[
            ("化念镇", Some(12.5)),
            ("塔甸镇", Some(12.46)),
            ("岔河乡", Some(3.0)),
            ("宝山镇", None),
        ]);
        assert_eq!(
            ranking_summary("2024–2025学年", "大班额比例", e.as_ref(), None, Unit::Percent),
            "2024–2025学年大班额比例：化念镇、塔甸镇并列最高，均为 12.5%；最低的是岔河乡（3.0%）；全县为 —。"
        );
    }

    #[test]
    fn one_value_for_all_or_none_at_all() {
        let all = names(&[("化念镇", Some(0.0)), ("塔甸镇", Some(0.0))]);
        assert_eq!(
            ranking_summary("2024–2025学年", "大班额比例", all.as_ref(), Some(0.0), Unit::Percent),
            "2024–2025学年大班额比例：化念镇、塔甸镇均为 0.0%；全县为 0.0%。"
        );
        let one = names(&[("化念镇", Some(4.0)), ("塔甸镇", None)]);
        assert_eq!(
            ranking_summary("2024–2025学年", "大班额比例", one.as_ref(), Some(4.0), Unit::Percent),
            "2024–2025学年大班额比例：只有化念镇有数据（4.0%）；全县为 4.0%。"
        );
        assert_eq!(
            ranking_summary("2024–2025学年", "大班额比例", None, None, Unit::Percent),
            "2024–2025学年，没有乡镇有大班额比例的数据。"
        );
    }
}
