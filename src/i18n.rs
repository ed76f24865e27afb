//! Every word the portal shows, in Chinese (zh-CN, the default) and English, and the language
//! the page is drawn in.
//!
//! The language is the URL's (`?lang=en`; no cookie): `App` reads it before anything is drawn
//! and draws everything again when it changes; [`lang`] gives it to code that writes words.
//!
//! Words are kept in tables declared with [`messages!`], each message with its Chinese and its
//! English side by side; a message without its English does not compile. Strings with data in
//! them are small functions matching on [`lang`] (so word order can differ between languages,
//! and a missing language is again a compile error). Indicator names, units, formulas, enum
//! labels and data-validation messages are not here: they come from the core, which writes in
//! either language.
//!
//! Why several tables: a table is one piece of data, and the build's wasm splitter
//! (`crates/atlas-split`) puts data into the module of the code that reads it. The table in
//! this file is read by the first screen (shell, overview, shared figures) and ships in the
//! main module; each page's own table (`i18n/plan.rs`, …) is downloaded with that page, in both
//! languages. Put a message in the table of the page that shows it, or here when the overview,
//! the shell or a shared component shows it.

pub use atlas_core::Lang;
use std::cell::Cell;

pub mod about;
pub mod briefing;
pub mod embed;
pub mod figure;
pub mod map;
pub mod plan;
pub mod survey;
pub mod township;

thread_local! {
    /// The language being drawn. Thread-local rather than global so that native tests running in
    /// parallel threads can each draw in their own language; the browser has one thread.
    static LANG: Cell<Lang> = const { Cell::new(Lang::Zh) };
}

/// The language the page is being drawn in.
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

/// Called by `App` with the URL's language, before it draws the page.
pub fn set_lang(lang: Lang) {
    LANG.with(|cell| cell.set(lang));
}

/// Declares a table of messages: a struct with one `&'static str` per message, and a function
/// returning the table in the current language. Each message is written once, with its Chinese
/// and its English: `name: "中文" / "English",`. Leaving out the English does not compile.
macro_rules! messages {
    (
        $(#[$meta:meta])*
        pub fn $accessor:ident() -> $table:ident {
            $( $field:ident: $zh:literal / $en:literal, )*
        }
    ) => {
        $(#[$meta])*
        pub struct $table {
            $( pub $field: &'static str, )*
        }

        /// The table in the language being drawn.
        pub fn $accessor() -> &'static $table {
            static ZH: $table = $table { $( $field: $zh, )* };
            static EN: $table = $table { $( $field: $en, )* };
            $crate::i18n::lang().pick(&ZH, &EN)
        }

        #[cfg(test)]
        #[test]
        fn english_messages_have_no_chinese() {
            for (zh, en) in [$( ($zh, $en), )*] {
                assert!(!$crate::i18n::has_cjk(en), "the English of {zh:?} has Chinese in it: {en:?}");
                assert!(!en.trim().is_empty(), "{zh:?} has no English");
            }
        }
    };
}
pub(crate) use messages;

/// Whether `text` has a CJK ideograph (the browser tests' check of English pages, in the small).
#[cfg(test)]
pub fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{3400}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{3000}'..='\u{303f}' | '\u{ff01}'..='\u{ff60}'))
}

messages! {
    /// What the first screen shows: the shell, the overview, and the components and figures
    /// pages share.
    pub fn msg() -> Messages {
        document_title: "县域教育数据地图 · Edu Atlas" / "County Education Atlas · Edu Atlas",
        error_network: "网络错误，无法下载该文件" / "Network error: the file could not be downloaded",
        error_incomplete: "下载中断，文件不完整" / "The download was interrupted: the file is incomplete",
        error_timeout: "下载超时：服务器长时间没有响应，可能是网络不稳定"
            / "The download timed out: the server did not answer for a long time; the connection may be unstable",
        error_signature: "发布清单的签名缺失或无效，无法确认数据来自发布单位，已拒绝使用：数据可能被镜像站点或传输途中改动"
            / "The publication list's signature is missing or invalid, so the data cannot be shown to come from the publisher and was refused: a mirror or the network may have altered it",
        error_offline_missing: "离线：此前没有下载过这个文件，联网后才能显示"
            / "Offline: this file was not downloaded on an earlier visit; it can be shown once you are online",
        offline_new_data: "已发布新的数据。" / "New data has been published.",
        offline_load_new_data: "载入新数据" / "Load the new data",
        error_hash_mismatch: "文件内容与发布清单（manifest.json）记录的校验值不符，已拒绝使用：可能被篡改或传输出错"
            / "The file does not match the checksum recorded in the publication list (manifest.json) and was refused: it may have been altered or damaged in transit",
        site_title: "县域教育数据地图" / "County Education Atlas",
        site_tagline: "看懂身边学校的办学条件与规划进展" / "School conditions and plan progress near you, made readable",
        nav_overview: "概览" / "Overview",
        nav_map: "地图" / "Map",
        nav_compare: "比较" / "Compare",
        nav_plan: "规划进度" / "Plan progress",
        nav_satisfaction: "满意度" / "Satisfaction",
        nav_about: "关于数据" / "About the data",
        skip_to_content: "跳到正文" / "Skip to content",
        county: "县（区）" / "County",
        school_year: "学年" / "School year",
        metric: "指标" / "Indicator",
        loading: "正在加载数据……" / "Loading data…",
        retry: "重试" / "Retry",
        load_failed: "数据加载失败" / "The data could not be loaded",
        still_available: "其他已加载的数据不受影响，可继续浏览。"
            / "Data that has already loaded is not affected; you can keep browsing.",
        page_load_failed: "页面未能加载" / "This page could not be loaded",
        page_load_failed_body: "这个页面的程序文件没有下载完成，可能是网络中断。请检查网络后重试；其他页面不受影响。"
            / "The program file for this page did not finish downloading, perhaps because the connection dropped. Check your connection and retry; other pages are not affected.",
        no_snapshot_for_county: "该县尚未发布学校统计数据快照；可查看其规划目标。"
            / "This county has not published a school statistics snapshot yet; its plan targets can still be viewed.",
        not_found_title: "找不到这个页面" / "Page not found",
        not_found_body: "链接可能有误或已过期。" / "The link may be mistyped or out of date.",
        back_to_overview: "返回概览" / "Back to the overview",
        definition: "指标定义" / "Definition",
        standard: "标准" / "Standard",
        vs_last_year: "较上学年" / "Change on the previous school year:",
        no_previous_year: "无上一学年数据" / "No data for the previous school year",
        overview_townships: "查看我所在的乡镇（街道）" / "See my township",
        section_enrolment: "学生、学校与教师" / "Students, schools and teachers",
        section_preschool: "学前教育普及普惠" / "Preschool access and affordability",
        section_preschool_note: "县域学前教育普及普惠督导评估的三项覆盖指标，对照国家标准。"
            / "The three coverage indicators of the county preschool access and affordability assessment, against the national standard.",
        section_balance: "义务教育优质均衡：资源配置" / "Quality balance in compulsory education: resources",
        section_balance_note: "七项资源配置指标（县均值），对照《县域义务教育优质均衡发展督导评估办法》标准。"
            / "Seven resource indicators (county averages), against the standards of the national assessment of high-quality balanced compulsory education in counties.",
        section_cv: "义务教育优质均衡：校际差异系数" / "Quality balance in compulsory education: variation between schools",
        section_cv_note: "按在校生数加权计算，越小表示学校之间越均衡。"
            / "Weighted by enrolment; the smaller the coefficient, the more alike the schools.",
        section_outcomes: "教育局报告的指标" / "Indicators reported by the education bureau",
        section_outcomes_note: "以下数值由教育局直接报告，无法从学校基表计算。"
            / "These values are reported directly by the education bureau and cannot be computed from the school records.",
        primary: "小学" / "Primary",
        junior: "初中" / "Junior secondary",
        indicator: "指标" / "Indicator",
        about_privacy_body: "本站不使用 Cookie、统计或追踪脚本，不向任何第三方发送请求；所有数据和脚本都来自本站。"
            / "This site uses no cookies and no analytics or tracking scripts, and sends no request to any third party; all data and scripts come from this site.",
        warnings_in_data: "数据提示" / "Notes on the data",
        footer_note: "数字由公开数据按公开定义计算。" / "Figures are computed from published data by published definitions.",
        embeds_title: "嵌入图表" / "Embed charts",
        main_nav: "主导航" / "Main navigation",
        language: "语言" / "Language",
    }
}

/// "较上学年 +1.2 个百分点" / "+1.2 pp on the previous year".
pub fn change_line(change: &str) -> String {
    match lang() {
        Lang::Zh => format!("{} {}", msg().vs_last_year, change),
        Lang::En => format!("{change} on the previous year"),
    }
}

/// The offline notice: the publication date of the data shown (from the manifest's signature)
/// and the day the copy was saved.
pub fn offline_copy(published: &str, fetched: &str) -> (String, String) {
    match lang() {
        Lang::Zh => (
            format!("离线：显示 {published} 发布的数据"),
            format!("（{fetched} 联网时保存的副本；恢复联网后会检查有没有新数据）"),
        ),
        Lang::En => (
            format!("Offline: showing the data published on {published}"),
            format!(" (the copy saved online on {fetched}; checked for new data once you are back online)"),
        ),
    }
}

/// A data file the server answered with an HTTP error.
pub fn error_http(status: u16) -> String {
    match lang() {
        Lang::Zh => format!("服务器返回错误（HTTP {status}）"),
        Lang::En => format!("The server answered with an error (HTTP {status})"),
    }
}

/// A snapshot that arrived intact but breaks validation rules.
pub fn error_invalid(errors: usize) -> String {
    match (lang(), errors) {
        (Lang::Zh, _) => format!("数据未通过校验（{errors} 个错误），已拒绝使用"),
        (Lang::En, 1) => "The data failed validation (1 error) and was refused".to_string(),
        (Lang::En, _) => format!("The data failed validation ({errors} errors) and was refused"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_language_drawn_picks_the_table() {
        set_lang(Lang::En);
        assert_eq!(msg().nav_map, "Map");
        assert_eq!(error_invalid(1), "The data failed validation (1 error) and was refused");
        set_lang(Lang::Zh);
        assert_eq!(msg().nav_map, "地图");
    }
}
