//! The interface language: Chinese first (zh-CN, the default), English second.
//!
//! Words live in the core as well as in the portal (unit symbols, school years, enum labels,
//! verdicts, validation messages), so the core formats in either language: every function that
//! writes words for a reader takes a `Lang`. The portal reads it from the URL (`?lang=en`).

/// A language the portal and the core write in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Simplified Chinese (zh-CN): the default, and the language the data is published in.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// The language named by a URL's `lang=` value or an HTML `lang` attribute: `en`, `en-GB`…
    /// are English, `zh`, `zh-CN`, `zh-Hans`… Chinese; anything else is not a language we write.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("en") {
            Some(Lang::En)
        } else if primary.eq_ignore_ascii_case("zh") {
            Some(Lang::Zh)
        } else {
            None
        }
    }

    /// The BCP 47 tag for `<html lang>`: `zh-CN` or `en`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// The value written into a URL's `lang=`; None for the default (a Chinese URL stays short,
    /// as it was before English existed).
    pub fn query_value(self) -> Option<&'static str> {
        match self {
            Lang::Zh => None,
            Lang::En => Some("en"),
        }
    }

    /// The other language, for the switch in the header.
    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// The name of the language in itself, as the switch shows it: `中文`, `English`.
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::Zh => "中文",
            Lang::En => "English",
        }
    }

    /// One of two texts (or values) by language: `lang.pick("学年", "school year")`.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_from_urls_and_html() {
        assert_eq!(Lang::from_tag("en"), Some(Lang::En));
        assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
        assert_eq!(Lang::from_tag("EN"), Some(Lang::En));
        assert_eq!(Lang::from_tag("zh"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh-CN"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("zh_Hans"), Some(Lang::Zh));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
        assert_eq!(Lang::from_tag("english"), None);
    }

    #[test]
    fn only_english_is_written_into_urls() {
        assert_eq!(Lang::Zh.query_value(), None);
        assert_eq!(Lang::En.query_value(), Some("en"));
        assert_eq!(Lang::En.tag(), "en");
        assert_eq!(Lang::Zh.tag(), "zh-CN");
        assert_eq!(Lang::Zh.other(), Lang::En);
    }
}
