//! Finding a school, a township or an indicator by name, the way a parent types it on a phone:
//! part of a name, several words in any order ("化念 小学"), and the usual variants of Chinese
//! school names — with or without the county's name in front (峨山县第一中学 / 第一中学), 第一 or
//! 一 (第二小学 / 二小学 / 二小), 中心小学 or 中心校, and the short forms 一幼 / 二小 / 一中.
//!
//! The index is built from a snapshot already loaded (no extra download) and the indicator table.
//! Matching is by substring over a few spelled-out forms of each name, so it needs no word list
//! and no tokeniser; a query word matches an entry when one of its forms is inside one of the
//! entry's forms. Every word must match (in the name or, with a lower score, in the township or
//! type), in any order.

use crate::indicators::{IndicatorDef, IndicatorValues, Level, Scope};
use crate::snapshot::Snapshot;
use serde::Serialize;

/// What a search result is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    School,
    Township,
    Indicator,
}

/// One result: what to link to and what to show.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    pub kind: ResultKind,
    /// School id, township code or indicator id.
    pub key: String,
    /// The name as published (school, township) or as in the table (indicator, Chinese).
    pub name: String,
    /// A second line: the school's township and type, the township's kind, the indicator's
    /// category.
    pub detail: String,
    /// For an indicator: whether this snapshot has a value for it (false: 本期未发布).
    pub published: bool,
    score: u32,
}

/// The results of one query, grouped as the page lists them (学校 / 乡镇 / 指标), best first.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Results {
    pub schools: Vec<Hit>,
    pub townships: Vec<Hit>,
    pub indicators: Vec<Hit>,
    /// How many matched in each group before the limit (schools, townships, indicators).
    pub totals: [usize; 3],
}

impl Results {
    pub fn is_empty(&self) -> bool {
        self.totals.iter().all(|n| *n == 0)
    }
}

struct Entry {
    hit: Hit,
    /// Spelled-out forms of the name (see [`name_forms`]).
    names: Vec<String>,
    /// Forms of the other searchable words: township name, type, kind, category.
    context: Vec<String>,
}

/// Everything a query is matched against, for one county and school year.
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// The county's name and its short forms (峨山彝族自治县, 峨山县, 峨山), normalised: a query
    /// word starting with one is also tried without it.
    county_prefixes: Vec<String>,
}

/// How well a query word matched an entry; the sum over the words orders the results.
const SCORE_WHOLE_NAME: u32 = 100;
const SCORE_NAME_START: u32 = 50;
const SCORE_IN_NAME: u32 = 30;
const SCORE_IN_CONTEXT: u32 = 10;

impl SearchIndex {
    /// The index of `snapshot`'s schools and townships and of `indicators` (usually the whole
    /// table; those without a value in `values` at county or township level are marked not
    /// published).
    pub fn build(snapshot: &Snapshot, values: &IndicatorValues, indicators: &[IndicatorDef]) -> SearchIndex {
        let mut entries =
            Vec::with_capacity(snapshot.schools.len() + snapshot.townships.len() + indicators.len());
        for school in &snapshot.schools {
            let township = snapshot.township(&school.township).map(|t| t.name.as_str()).unwrap_or("");
            let kind = school.kind.label_zh();
            entries.push(Entry {
                hit: Hit {
                    kind: ResultKind::School,
                    key: school.id.clone(),
                    name: school.name.clone(),
                    detail: format!("{township} · {kind}"),
                    published: true,
                    score: 0,
                },
                names: name_forms(&school.name),
                context: [name_forms(township), name_forms(kind)].concat(),
            });
        }
        for township in &snapshot.townships {
            let kind = township.kind.label_zh();
            entries.push(Entry {
                hit: Hit {
                    kind: ResultKind::Township,
                    key: township.code.to_string(),
                    name: township.name.clone(),
                    detail: kind.to_string(),
                    published: true,
                    score: 0,
                },
                names: name_forms(&township.name),
                context: name_forms(kind),
            });
        }
        for def in indicators {
            let published = values.county(def.id).is_some()
                || (def.exists_at(Level::Township)
                    && snapshot
                        .townships
                        .iter()
                        .any(|t| values.get(def.id, Scope::Township(&t.code)).is_some()));
            entries.push(Entry {
                hit: Hit {
                    kind: ResultKind::Indicator,
                    key: def.id.to_string(),
                    name: def.name_zh.to_string(),
                    detail: def.category.label_zh().to_string(),
                    published,
                    score: 0,
                },
                names: [name_forms(def.name_zh), vec![normalise(def.name_en)]].concat(),
                context: vec![normalise(def.category.label_zh()), normalise(def.category.label_en())],
            });
        }
        SearchIndex { entries, county_prefixes: county_prefixes(&snapshot.meta.county_name) }
    }

    /// How many entries the index holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries matching every word of `query`, grouped and best first, at most `limit` per
    /// group. An empty query (or one of spaces and punctuation) finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Results {
        let words: Vec<Vec<String>> = query
            .split(|c: char| c.is_whitespace() || is_separator(c))
            .map(|w| self.query_forms(w))
            .filter(|forms| !forms.is_empty())
            .collect();
        let mut results = Results::default();
        if words.is_empty() {
            return results;
        }
        let mut hits: Vec<Hit> = self
            .entries
            .iter()
            .filter_map(|entry| {
                let score = words.iter().map(|forms| word_score(entry, forms)).try_fold(0u32, |sum, s| {
                    let s = s?;
                    Some(sum + s)
                })?;
                Some(Hit { score, ..entry.hit.clone() })
            })
            .collect();
        crate::sort::sort_by(&mut hits, |a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| a.name.chars().count().cmp(&b.name.chars().count()))
                .then_with(|| a.name.cmp(&b.name))
        });
        for hit in hits {
            let (group, total) = match hit.kind {
                ResultKind::School => (&mut results.schools, &mut results.totals[0]),
                ResultKind::Township => (&mut results.townships, &mut results.totals[1]),
                ResultKind::Indicator => (&mut results.indicators, &mut results.totals[2]),
            };
            *total += 1;
            if group.len() < limit {
                group.push(hit);
            }
        }
        results
    }

    /// The forms one query word is tried in: as typed, without the county's name in front, and
    /// the variants of [`name_forms`] (short forms only when they keep two characters: "小学"
    /// must not become "小" and match 小河, 小街).
    fn query_forms(&self, word: &str) -> Vec<String> {
        let typed = normalise(word);
        if typed.is_empty() {
            return Vec::new();
        }
        let mut bases = vec![typed.clone()];
        for prefix in &self.county_prefixes {
            if let Some(rest) = typed.strip_prefix(prefix.as_str()) {
                if !rest.is_empty() {
                    bases.push(rest.to_string());
                }
            }
        }
        let mut forms = Vec::new();
        for base in bases {
            for form in variants(&base) {
                let long_enough = form == base || form.chars().count() >= 2;
                if long_enough && !forms.contains(&form) {
                    forms.push(form);
                }
            }
        }
        forms
    }
}

/// The best score of one query word (given as its forms) on an entry, or None if it matches
/// neither the name nor the context.
fn word_score(entry: &Entry, forms: &[String]) -> Option<u32> {
    let mut best: Option<u32> = None;
    for form in forms {
        for name in &entry.names {
            let score = if name == form {
                SCORE_WHOLE_NAME
            } else if name.starts_with(form.as_str()) {
                SCORE_NAME_START
            } else if name.contains(form.as_str()) {
                SCORE_IN_NAME
            } else {
                continue;
            };
            best = best.max(Some(score));
        }
        if best.is_none() && entry.context.iter().any(|c| c.contains(form.as_str())) {
            best = Some(SCORE_IN_CONTEXT);
        }
    }
    best
}

/// Lower case, full-width letters and digits as ASCII, without spaces and punctuation.
pub fn normalise(text: &str) -> String {
    text.chars()
        .filter_map(|c| {
            let c = match c {
                // Full-width ASCII (！ to ～) is ASCII shifted by 0xFEE0.
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            };
            (!c.is_whitespace() && !is_separator(c) && c != '\u{3000}').then(|| c.to_lowercase())
        })
        .flatten()
        .collect()
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        '·' | '・'
            | '-'
            | '—'
            | '_'
            | '('
            | ')'
            | '（'
            | '）'
            | '“'
            | '”'
            | '"'
            | '\''
            | '、'
            | '，'
            | ','
            | '.'
            | '。'
            | '/'
            | '《'
            | '》'
            | '「'
            | '」'
    )
}

/// The forms a name is matched in: normalised, then with 第 dropped before a number
/// (第一中学 → 一中学), with 中心小学 / 中心学校 as 中心校, and with the short forms 一幼 / 二小 /
/// 一中 for 幼儿园 / 小学 / 中学.
fn name_forms(name: &str) -> Vec<String> {
    variants(&normalise(name))
}

fn variants(base: &str) -> Vec<String> {
    let without_di = drop_di_before_numbers(base);
    let centre = without_di.replace("中心小学", "中心校").replace("中心学校", "中心校");
    let short = centre.replace("幼儿园", "幼").replace("小学", "小").replace("中学", "中");
    let mut forms = vec![base.to_string()];
    for form in [without_di, centre, short] {
        if !forms.contains(&form) {
            forms.push(form);
        }
    }
    forms
}

fn drop_di_before_numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, c) in chars.iter().enumerate() {
        let before_number = chars.get(i + 1).is_some_and(|next| is_number(*next));
        if *c == '第' && before_number {
            continue;
        }
        out.push(*c);
    }
    out
}

fn is_number(c: char) -> bool {
    c.is_ascii_digit() || "一二三四五六七八九十百零".contains(c)
}

/// 峨山彝族自治县 → [峨山彝族自治县, 峨山县, 峨山]; 息烽县 → [息烽县, 息烽]. A county's
/// schools are often named with the short form (峨山一中, 息烽县第一中学).
fn county_prefixes(county_name: &str) -> Vec<String> {
    let full = normalise(county_name);
    let place = ["自治县", "县", "市", "区", "旗"].iter().find_map(|s| full.strip_suffix(s)).unwrap_or(&full);
    // An autonomous county's name carries its peoples after the place (峨山彝族, 长阳土家族,
    // 双江拉祜族佤族布朗族傣族): the place is what comes before the first people's name, which
    // is one character before the first 族, or two when that still leaves a place of two.
    let chars: Vec<char> = place.chars().collect();
    let short: String = match chars.iter().position(|c| *c == '族') {
        Some(i) if i >= 4 => chars[..i - 2].iter().collect(),
        Some(i) if i >= 3 => chars[..i - 1].iter().collect(),
        Some(_) => String::new(),
        None => place.to_string(),
    };
    let mut prefixes = vec![full.clone()];
    if short.chars().count() >= 2 {
        for form in [format!("{short}县"), short] {
            if !prefixes.contains(&form) {
                prefixes.push(form);
            }
        }
    }
    prefixes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn county_short_forms() {
        assert_eq!(county_prefixes("峨山彝族自治县"), ["峨山彝族自治县", "峨山县", "峨山"]);
        assert_eq!(county_prefixes("息烽县"), ["息烽县", "息烽"]);
        assert_eq!(county_prefixes("长阳土家族自治县"), ["长阳土家族自治县", "长阳县", "长阳"]);
        assert_eq!(county_prefixes("双江拉祜族佤族布朗族傣族自治县")[2], "双江");
        assert_eq!(county_prefixes("示例县"), ["示例县", "示例"]);
    }

    #[test]
    fn name_variants() {
        assert_eq!(name_forms("峨山县第一幼儿园"), ["峨山县第一幼儿园", "峨山县一幼儿园", "峨山县一幼"]);
        assert_eq!(name_forms("化念镇中心小学"), ["化念镇中心小学", "化念镇中心校"]);
        // 第 before a word that is not a number stays.
        assert_eq!(drop_di_before_numbers("第二小学第宅"), "二小学第宅");
    }
}
