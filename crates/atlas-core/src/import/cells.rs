//! Parsing one cell's text: counts, amounts, coordinates, each refusal as a rule and a message in
//! Chinese and English.

use crate::report::RuleId;
use crate::validate::rules;

/// A cell that does not parse: the rule it breaks and the message in Chinese and English.
pub(super) type Problem = (RuleId, String, String);

/// A whole number ≥ 0 that fits the format (counts of people, classes, books). Thousands
/// separators as Excel may write them (`1,234`) are accepted; decimals, negatives and `NaN` are not.
pub(super) fn parse_count(text: &str) -> Result<u32, Problem> {
    let digits = strip_thousands(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return digits.parse::<u32>().map_err(|_| {
            (
                rules::OUT_OF_RANGE,
                format!("“{text}”超出可记录的范围（最大 {}）", u32::MAX),
                format!("`{text}` is too large (the largest is {})", u32::MAX),
            )
        });
    }
    Err(match text.parse::<f64>() {
        Ok(v) if !v.is_finite() => (
            rules::NON_FINITE_NUMBER,
            format!("“{text}”不是有限数值"),
            format!("`{text}` is not a finite number"),
        ),
        Ok(v) if v < 0.0 => (
            rules::NEGATIVE_NUMBER,
            format!("“{text}”为负数；人数、个数不能为负"),
            format!("`{text}` is negative; a count cannot be"),
        ),
        Ok(_) => (
            rules::WRONG_TYPE,
            format!("“{text}”不是整数；人数、个数应为整数"),
            format!("`{text}` is not a whole number"),
        ),
        Err(_) => (
            rules::WRONG_TYPE,
            format!("“{text}”不是数字，应为非负整数"),
            format!("`{text}` is not a number; expected a whole number ≥ 0"),
        ),
    })
}

/// A finite number ≥ 0 (areas, money, rates).
pub(super) fn parse_amount(text: &str) -> Result<f64, Problem> {
    parse_finite(text).and_then(|v| {
        if v < 0.0 {
            Err((
                rules::NEGATIVE_NUMBER,
                format!("“{text}”为负数，应为非负数"),
                format!("`{text}` is negative; expected a number ≥ 0"),
            ))
        } else {
            Ok(v)
        }
    })
}

/// A finite number of any sign (coordinates).
pub(super) fn parse_finite(text: &str) -> Result<f64, Problem> {
    match strip_thousands(text).parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(v),
        Ok(_) => Err((
            rules::NON_FINITE_NUMBER,
            format!("“{text}”不是有限数值"),
            format!("`{text}` is not a finite number"),
        )),
        Err(_) => Err((rules::WRONG_TYPE, format!("“{text}”不是数字"), format!("`{text}` is not a number"))),
    }
}

/// `12,345.5` → `12345.5`, only when the commas group thousands exactly (so `1,2` stays invalid).
fn strip_thousands(text: &str) -> String {
    if !text.contains(',') {
        return text.to_string();
    }
    let (int_part, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let groups: Vec<&str> = int_part.split(',').collect();
    let well_grouped = groups.first().is_some_and(|g| (1..=3).contains(&g.len()))
        && groups.iter().skip(1).all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !well_grouped {
        return text.to_string();
    }
    let mut out = groups.concat();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// Characters that make a spreadsheet run a cell as a formula (OWASP "CSV injection").
fn formula_start(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r')
}

/// A text cell as `atlas export --import-files` writes it for a person to edit in Excel: a
/// leading `'` before text a spreadsheet would run as a formula (and before text that already
/// starts with `'` and one of those, so the mark is never ambiguous). [`unguard`] takes it off
/// again, so the round trip is exact.
pub(super) fn guard(text: &str) -> String {
    let mut chars = text.chars();
    let needs = match (chars.next(), chars.next()) {
        (Some(c), _) if formula_start(c) => true,
        (Some('\''), Some(c)) => formula_start(c) || c == '\'',
        _ => false,
    };
    if needs {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// A text cell read back: the `'` that [`guard`] put before formula-like text is taken off.
pub(super) fn unguard(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(|c: char| formula_start(c) || c == '\'') => rest,
        _ => text,
    }
}

/// A coordinate within ±`limit` degrees.
pub(super) fn in_range(text: &str, v: f64, limit: f64) -> Result<f64, Problem> {
    if v.abs() <= limit {
        Ok(v)
    } else {
        Err((
            rules::OUT_OF_RANGE,
            format!("“{text}”超出 ±{limit} 度"),
            format!("`{text}` is outside ±{limit} degrees"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_text_is_guarded_and_read_back_exactly() {
        for text in ["=SUM(A1)", "+86", "-", "@x", "'=x", "''", "'a", "a=b", "", "'", "\t1"] {
            assert_eq!(unguard(&guard(text)), text, "{text:?}");
        }
        assert_eq!(guard("=1+1"), "'=1+1");
        assert_eq!(guard("'=1"), "''=1");
        assert_eq!(guard("'ok"), "'ok");
        assert_eq!(guard("双江"), "双江");
    }

    #[test]
    fn thousands_separators_must_group_by_three() {
        assert_eq!(strip_thousands("12,345.5"), "12345.5");
        assert_eq!(strip_thousands("1,2"), "1,2");
        assert_eq!(parse_count("1,234,567"), Ok(1_234_567));
        assert_eq!(parse_count("4294967296").unwrap_err().0, rules::OUT_OF_RANGE);
        assert_eq!(parse_amount("-0.5").unwrap_err().0, rules::NEGATIVE_NUMBER);
        assert_eq!(parse_amount("infinity").unwrap_err().0, rules::NON_FINITE_NUMBER);
    }
}
