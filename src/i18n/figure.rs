//! Words of the figures (charts with their table, source and share menu) that pages and embeds
//! share: titles, legends, axis names, screen-reader summaries, downloads.

use crate::i18n::{lang, messages, Lang};

messages! {
    pub fn figure_msg() -> FigureMessages {
        township: "乡镇（街道）" / "Township",
        no_data_for_metric: "该学年没有这项指标的数据。" / "There is no data for this indicator in this school year.",
        chart_failed: "图表未能绘制，下方表格仍可查看数据。"
            / "The chart could not be drawn; the table below still shows the data.",
        view_table: "以表格查看" / "Show as table",
        view_chart: "以图表查看" / "Show as chart",
        source: "来源" / "Source",
        data_version: "数据版本" / "Data version",
        no_standard: "无统一标准" / "No national standard",
        missing_data: "无数据" / "No data",
        county_value: "全县" / "County",
        rank: "县内排名" / "Rank in the county",
        value: "数值" / "Value",
        map_legend: "图例" / "Legend",
        legend_by_standard: "按国家标准分级" / "Classes by the national standard",
        legend_by_quantile: "按分位数分级（各级乡镇数大致相等）" / "Classes by quantile (about as many townships in each)",
        township_enrolment: "各学段在校生（历年）" / "Students by stage over the years",
        township_facilities: "办学条件（生均），对照标准" / "School facilities per student, against the standard",
        compare_trend: "历年变化" / "Over the years",
        compare_pick_townships: "选择要比较的乡镇（最多 8 个）" / "Choose townships to compare (up to 8)",
        unit: "单位" / "Unit",
        published: "发布日期" / "Published",
        as_of: "统计时点" / "As of",
        share_menu: "分享与下载" / "Share and download",
        copy_link: "复制链接" / "Copy link",
        copy_embed: "复制嵌入代码" / "Copy embed code",
        download_csv: "下载 CSV" / "Download CSV",
        download_png: "下载 PNG（2倍）" / "Download PNG (2×)",
        download_svg: "下载 SVG" / "Download SVG",
        copied_link: "已复制链接" / "Link copied",
        copied_embed: "已复制嵌入代码" / "Embed code copied",
        downloaded: "已开始下载" / "Download started",
        copy_manually: "无法自动完成，请手动复制：" / "This could not be done automatically; please copy it by hand:",
        publisher: "发布机构" / "Publisher",
        percent_of_standard: "达到标准的百分比" / "Percent of the standard",
        standard_line: "标准线 100%" / "Standard line 100%",
        township_code: "乡镇代码" / "Township code",
        by_township: "按乡镇" / "by township",
        township_ranking: "各乡镇排名" / "Townships ranked",
        over_years: "历年" / "over the years",
    }
}

/// "第 3 / 8 名" / "3 of 8".
pub fn rank_of(rank: usize, of: usize) -> String {
    match lang() {
        Lang::Zh => format!("第 {rank} / {of} 名"),
        Lang::En => format!("{rank} of {of}"),
    }
}

/// One-sentence summary of a ranking, for screen readers and captions.
pub fn ranking_summary(
    period: &str,
    indicator: &str,
    top: (&str, &str),
    bottom: (&str, &str),
    county: &str,
) -> String {
    match lang() {
        Lang::Zh => format!(
            "{period}，{indicator}最高的是{}（{}），最低的是{}（{}）；全县为 {county}。",
            top.0, top.1, bottom.0, bottom.1
        ),
        Lang::En => format!(
            "{period}: {indicator} is highest in {} ({}) and lowest in {} ({}); the county figure is {county}.",
            top.0, top.1, bottom.0, bottom.1
        ),
    }
}

pub fn no_ranking_summary(period: &str, indicator: &str) -> String {
    match lang() {
        Lang::Zh => format!("{period}，没有乡镇有{indicator}的数据。"),
        Lang::En => format!("{period}: no township has data on {indicator}."),
    }
}

/// "化念镇在校生总数：2021–2022学年 为 3,210，2024–2025学年 为 3,050。"
pub fn enrolment_summary(name: &str, first: &str, last: &str, start: &str, end: &str) -> String {
    match lang() {
        Lang::Zh => format!("{name}在校生总数：{first} 为 {start}，{last} 为 {end}。"),
        Lang::En => format!("Students in {name}: {start} in the {first}, {end} in the {last}."),
    }
}

/// Which facility indicators are below the standard, in one sentence.
pub fn facilities_summary(name: &str, below: &[&str]) -> String {
    match (lang(), below.is_empty()) {
        (Lang::Zh, true) => format!("{name}的各项生均办学条件指标均达到标准。"),
        (Lang::Zh, false) => format!("{name}未达到标准的指标：{}。", below.join("、")),
        (Lang::En, true) => format!("{name} meets the standard on every facility indicator."),
        (Lang::En, false) => format!("{name} is below the standard on: {}.", below.join("; ")),
    }
}

/// The school years a figure spans: "2021–2022学年至2024–2025学年", or the one year. Its
/// own word, because the years themselves are written with a dash.
pub fn period_span(first: &str, last: &str) -> String {
    if first == last {
        first.to_string()
    } else {
        match lang() {
            Lang::Zh => format!("{first}至{last}"),
            Lang::En => format!("{first} to {last}"),
        }
    }
}

/// "2021–2022学年至2024–2025学年，全县X从 a 变为 b。"
pub fn trend_summary(first: &str, last: &str, indicator: &str, start: &str, end: &str) -> String {
    let span = period_span(first, last);
    match lang() {
        Lang::Zh => format!("{span}，全县{indicator}从 {start} 变为 {end}。"),
        Lang::En => format!("{span}: the county's {indicator} went from {start} to {end}."),
    }
}

/// "峨山彝族自治县：学前三年毛入园率（按乡镇）"
pub fn figure_title(county: &str, indicator: &str, qualifier: &str) -> String {
    match lang() {
        Lang::Zh => format!("{county}：{indicator}（{qualifier}）"),
        Lang::En => format!("{county}: {indicator} ({qualifier})"),
    }
}
