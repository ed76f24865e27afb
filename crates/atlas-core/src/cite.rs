//! How to cite what the portal shows (如何引用): the same facts written in two styles, for the
//! "cite this" box of every page and figure and for the header of every CSV download.
//!
//! - **GB/T 7714-2015** (信息与文献 参考文献著录规则), the style Chinese newspapers, journals and
//!   theses use. A published data file is a data set (文献类型标志 `DS`) read online (载体标志
//!   `OL`). The pattern of §4.1 and §8.8 for an online resource, as in the standard's own example
//!   for an online document by an institution:
//!   `主要责任者. 题名: 其他题名信息[DS/OL]. 版本项. (更新或修改日期)[引用日期]. 获取和访问路径.`
//!   The data version (snapshot id and the start of its SHA-256) is the 版本项: it says which
//!   published file the figures come from, so a reader can check a quoted number against it. The
//!   licence follows as a note after the access path.
//! - **Plain English**, author–date order as in APA 7 for a data set (author (year). Title
//!   [Data set]. Retrieved date, from URL), with the version, publication date and licence
//!   spelled out. The title is the publisher's Chinese one; an English rendering, when there is
//!   one, follows in square brackets, as APA asks for a title in another language.
//!
//! Sample data is cited with its notice, so a pasted citation cannot pass it off as real.

use crate::codes::{Date, SchoolYear};
use crate::hash::short_hash;

/// Everything a citation states. Every field is shown as given; dates are `YYYY-MM-DD`.
#[derive(Clone, Debug, PartialEq)]
pub struct Citation {
    /// The body that publishes the data (`meta.publisher`), the citation's author.
    pub publisher: String,
    /// What is cited: the page's or the figure's title, in Chinese as the portal shows it.
    pub title: String,
    /// The title in English, when the portal has one; added in brackets in the English citation.
    pub title_en: Option<String>,
    pub school_year: SchoolYear,
    /// The id of the snapshot the figures come from.
    pub snapshot_id: String,
    /// SHA-256 of that snapshot's file (its first 8 hex digits are cited, as in source lines).
    pub sha256: String,
    /// The date the snapshot was published.
    pub published: Date,
    /// The address that shows exactly this (a pinned link).
    pub url: String,
    /// The day the reader looked at it.
    pub accessed: Date,
    /// The data's licence (`meta.license`).
    pub license: String,
    /// Made-up data: the citation says so.
    pub sample: bool,
}

impl Citation {
    /// The citation in GB/T 7714-2015 style (Chinese).
    pub fn gb_t_7714(&self) -> String {
        let mut text = format!(
            "{}. {}: {}[DS/OL]. 数据版本 {}（SHA-256 {}）. ({})[{}]. {}. 许可协议: {}.",
            self.publisher,
            self.title,
            self.school_year.label_zh(),
            self.snapshot_id,
            short_hash(&self.sha256),
            self.published,
            self.accessed,
            self.url,
            self.license,
        );
        if self.sample {
            text.push_str(" 示例数据, 不是真实统计.");
        }
        text
    }

    /// The citation in plain English (author–date).
    pub fn plain_english(&self) -> String {
        let year = self.published.parts().map(|(y, _, _)| y.to_string()).unwrap_or_else(|| "n.d.".into());
        let translation = self.title_en.as_ref().map(|t| format!(" [{t}]")).unwrap_or_default();
        let mut text = format!(
            "{} ({year}). {}{translation}, school year {} [Data set; version {}, SHA-256 {}]. \
             Published {}. Retrieved {}, from {}. Licence: {}.",
            self.publisher,
            self.title,
            school_year_en(&self.school_year),
            self.snapshot_id,
            short_hash(&self.sha256),
            self.published,
            self.accessed,
            self.url,
            self.license,
        );
        if self.sample {
            text.push_str(" Sample data, not real statistics.");
        }
        text
    }
}

/// `2024-2025` → `2024–2025` (an en dash between the years, as in English typesetting).
fn school_year_en(year: &SchoolYear) -> String {
    match year.start_year() {
        Some(y) => format!("{}–{}", y, y + 1),
        None => year.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranking() -> Citation {
        Citation {
            publisher: "峨山彝族自治县教育体育局".into(),
            title: "峨山彝族自治县：大班额比例（按乡镇）".into(),
            title_en: Some("Eshan Yi Autonomous County: share of large classes, by township".into()),
            school_year: SchoolYear("2024-2025".into()),
            snapshot_id: "530426-2024-2025".into(),
            sha256: "3f2a9c1e0b7d45aa".to_string() + &"0".repeat(48),
            published: Date("2025-03-01".into()),
            url: "https://atlas.example.gov.cn/compare?county=530426&snapshot=530426-2024-2025&metric=large_class_share"
                .into(),
            accessed: Date("2025-06-10".into()),
            license: "CC BY 4.0".into(),
            sample: false,
        }
    }

    #[test]
    fn gb_t_7714_names_publisher_title_year_version_dates_address_and_licence() {
        assert_eq!(
            ranking().gb_t_7714(),
            "峨山彝族自治县教育体育局. 峨山彝族自治县：大班额比例（按乡镇）: 2024–2025学年[DS/OL]. \
             数据版本 530426-2024-2025（SHA-256 3f2a9c1e）. (2025-03-01)[2025-06-10]. \
             https://atlas.example.gov.cn/compare?county=530426&snapshot=530426-2024-2025&metric=large_class_share. \
             许可协议: CC BY 4.0."
        );
    }

    #[test]
    fn plain_english_gives_the_same_facts_author_date_first() {
        assert_eq!(
            ranking().plain_english(),
            "峨山彝族自治县教育体育局 (2025). 峨山彝族自治县：大班额比例（按乡镇） \
             [Eshan Yi Autonomous County: share of large classes, by township], school year 2024–2025 \
             [Data set; version 530426-2024-2025, SHA-256 3f2a9c1e]. Published 2025-03-01. \
             Retrieved 2025-06-10, from \
             https://atlas.example.gov.cn/compare?county=530426&snapshot=530426-2024-2025&metric=large_class_share. \
             Licence: CC BY 4.0."
        );
    }

    #[test]
    fn sample_data_is_cited_as_sample_and_a_missing_translation_leaves_no_brackets() {
        let c = Citation { sample: true, title_en: None, ..ranking() };
        assert!(c.gb_t_7714().ends_with("许可协议: CC BY 4.0. 示例数据, 不是真实统计."));
        let en = c.plain_english();
        assert!(en.contains("（按乡镇）, school year 2024–2025"), "{en}");
        assert!(en.ends_with("Licence: CC BY 4.0. Sample data, not real statistics."), "{en}");
    }
}
