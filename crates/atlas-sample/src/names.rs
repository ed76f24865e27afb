//! English names for the sample's townships and schools, in Hanyu Pinyin (the format's
//! `name_en`): each generic word of a name (镇, 街道, 中心, 小学, 幼儿园 …) is a word of its own,
//! the proper name before it is one word, as place names are written in Pinyin (化念镇中心小学 →
//! `Huanian Zhen Zhongxin Xiaoxue`).

use pinyin::ToPinyin;

/// Generic words, longest first where one starts another (初级中学 before 中学).
const GENERIC: &[&str] = &[
    "九年一贯制",
    "特殊教育",
    "中等职业",
    "职业",
    "自治县",
    "初级中学",
    "高级中学",
    "教学点",
    "幼儿园",
    "街道",
    "中心",
    "小学",
    "中学",
    "学校",
    "第一",
    "第二",
    "第三",
    "民族",
    "县",
    "镇",
    "乡",
    "村",
];

/// Readings the dictionary's first reading gets wrong in these names.
const READINGS: &[(char, &str)] = &[('长', "chang"), ('堡', "bu"), ('曾', "zeng"), ('重', "chong")];

fn syllable(c: char) -> Option<String> {
    if let Some((_, r)) = READINGS.iter().find(|(h, _)| *h == c) {
        return Some((*r).to_string());
    }
    c.to_pinyin().map(|p| p.plain().to_string())
}

/// One word of Pinyin from Chinese characters: syllables run together, an apostrophe before a
/// syllable starting with a, o or e (Xi'an), the first letter capital.
fn word(hanzi: &str) -> String {
    let mut out = String::new();
    for c in hanzi.chars() {
        match syllable(c) {
            Some(s) => {
                if !out.is_empty() && s.starts_with(['a', 'o', 'e']) {
                    out.push('\'');
                }
                out.push_str(&s);
            }
            None => out.push(c),
        }
    }
    let mut chars = out.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => out,
    }
}

/// The Pinyin name of a township or school.
pub fn pinyin_name(name: &str) -> String {
    let mut words = Vec::new();
    let mut proper = String::new();
    let mut rest = name;
    while let Some(c) = rest.chars().next() {
        if let Some(g) = GENERIC.iter().find(|g| rest.starts_with(**g)) {
            if !proper.is_empty() {
                words.push(word(&proper));
                proper.clear();
            }
            words.push(word(g));
            rest = &rest[g.len()..];
        } else {
            proper.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !proper.is_empty() {
        words.push(word(&proper));
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::pinyin_name;

    #[test]
    fn names_are_written_in_pinyin_word_by_word() {
        assert_eq!(pinyin_name("化念镇"), "Huanian Zhen");
        assert_eq!(pinyin_name("化念镇中心小学"), "Huanian Zhen Zhongxin Xiaoxue");
        assert_eq!(pinyin_name("双江街道"), "Shuangjiang Jiedao");
        assert_eq!(pinyin_name("岔河乡九年一贯制学校"), "Chahe Xiang Jiunianyiguanzhi Xuexiao");
        assert_eq!(pinyin_name("峨山县第一中学"), "Eshan Xian Diyi Zhongxue");
        assert_eq!(pinyin_name("流长镇"), "Liuchang Zhen");
        assert_eq!(pinyin_name("西安"), "Xi'an");
    }
}
