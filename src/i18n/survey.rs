//! Words of the satisfaction survey (社会认可度): /satisfaction, its figures and embeds, the
//! overview's box and the briefing.

use crate::i18n::messages;
use crate::i18n::{lang, Lang};

messages! {
    pub fn survey_msg() -> SurveyMessages {
        title: "社会认可度调查" / "Public satisfaction survey",
        lede: "学生、家长、教师、校长、人大代表、政协委员和其他群众对本县义务教育工作的认可比例。每个比率都附 95% 置信区间和受访人数：受访的人越少，区间越宽，越难判断是否达到标准线。"
            / "How many students, parents, teachers, head teachers, people's congress deputies, CPPCC members and other residents approve of the county's compulsory education. Every rate comes with its 95% confidence interval and the number of respondents: the fewer people asked, the wider the interval, and the harder it is to tell whether the standard's line is reached.",
        no_survey: "该学年没有发布社会认可度调查结果。"
            / "No public satisfaction survey results were published for this school year.",
        overall: "全县总体认可率" / "County satisfaction rate",
        rate: "认可率" / "Satisfaction rate",
        interval: "95% 置信区间" / "95% confidence interval",
        interval_low: "区间下限" / "Interval low",
        interval_high: "区间上限" / "Interval high",
        respondents: "受访人数" / "Respondents",
        effective_respondents: "有效样本量" / "Effective sample size",
        head_count: "受访总人数" / "People surveyed",
        answers: "答题人次" / "Answers",
        people: "人" / "people",
        position: "对照标准线" / "Against the standard",
        too_few: "样本过少" / "Too few respondents",
        not_surveyed: "未调查" / "Not surveyed",
        group: "受访群体" / "Respondent group",
        area: "调查内容" / "Survey topic",
        groups_heading: "各类受访群体" / "By respondent group",
        areas_heading: "各项调查内容" / "By survey topic",
        heatmap_qualifier: "受访群体 × 调查内容" / "respondent group × survey topic",
        heatmap_legend: "颜色表示置信区间与标准线的关系"
            / "The colour shows where the confidence interval lies against the standard's line",
        townships_heading: "各乡镇（街道）" / "By township",
        townships_qualifier: "各乡镇（街道），含置信区间" / "by township, with confidence intervals",
        townships_note: "乡镇（街道）的比率只用按乡镇列出的调查行计算，与全县汇总行分开，不相加；按乡镇列出的受访群体可能少于全县。"
            / "Township rates use only the survey rows listed by township, kept apart from the county rows and never added to them; fewer respondent groups may be listed by township than for the county.",
        no_township_rows: "本次调查没有按乡镇（街道）列出结果。" / "This survey lists no results by township.",
        trend_heading: "历次调查" / "Over the surveys",
        trend_qualifier: "历次调查，全县及各受访群体" / "over the surveys, county and each respondent group",
        changes_heading: "与上一次调查相比" / "Compared with the previous survey",
        change: "变化" / "Change",
        significant: "明显变化" / "clear change",
        not_significant: "不明显" / "not clear",
        change_unknown: "无法比较" / "cannot be compared",
        weighting_changed: "两次调查的合并方法不同，变化可能部分来自方法而非看法"
            / "the two surveys were combined in different ways, so part of the change may come from the method rather than from opinion",
        first_survey: "这是已发布的第一次调查，没有可比较的上一次。"
            / "This is the first published survey; there is no earlier one to compare with.",
        series_failed: "以下年份的数据未能加载，历次调查中不含这些年份："
            / "The data of these years could not be loaded and is left out of the surveys over time:",
        weighting_heading: "总体认可率如何由各群体合并" / "How the groups are combined into the county rate",
        weight: "权重" / "Weight",
        excluded_heading: "未计入任何比率的数据行" / "Data rows not counted in any rate",
        method_heading: "计算方法" / "Method",
        method_likert: "认可率 =（非常满意 + 满意）÷ 回答人数；“一般”及以下不算认可。直接给出认可人数的调查行按原数计算。"
            / "Satisfaction rate = (very satisfied + satisfied) ÷ people who answered; “neutral” and below do not count as approval. Survey rows that give the number approving directly are counted as given.",
        method_county_township: "全县数字只用不分乡镇的汇总行；乡镇数字只用按乡镇列出的行。两者从不相加，以免同一批受访者被计两次。"
            / "County figures use only the rows not split by township; township figures only the rows listed by township. The two are never added, so no respondent is counted twice.",
        method_groups: "同一群体的各项调查内容通常由同一批人回答：群体认可率合并各题答案，受访人数取各题中人数最多的一题。"
            / "The topics of one group are usually answered by the same people: a group's rate combines its answers to every question, and its number of respondents is that of the question with the most respondents.",
        method_interval: "置信区间为 95% Wilson 区间。区间整体高于标准线才算“明确达到”，整体低于标准线算“明确未达到”，跨越标准线则无法判定。"
            / "Confidence intervals are 95% Wilson intervals. A rate “clearly meets” the line only when its whole interval lies above it and “clearly falls short” when the whole interval lies below it; an interval that straddles the line cannot decide.",
        method_notes: "发布方的调查说明" / "The publisher's notes on the survey",
        method_definition: "指标定义（关于数据）" / "Indicator definition (About the data)",
        open_details: "查看满意度详情" / "See the satisfaction details",
        open_briefing: "打印简报（A4）" / "Print a briefing (A4)",
        clearly_above: "明确达到" / "Clearly meets",
        undecided: "无法判定" / "Cannot tell",
        clearly_below: "明确未达到" / "Clearly falls short",
    }
}

/// "90.4% – 92.7%": a 95% interval from its two formatted ends.
pub fn interval_text(low: &str, high: &str) -> String {
    format!("{low} – {high}")
}

/// "2,227 人" / "2,227 people".
pub fn people_text(count: &str) -> String {
    format!("{count} {}", survey_msg().people)
}

/// Why a rate carries the 样本过少 flag, with the threshold from the core.
pub fn too_few_note(threshold: &str) -> String {
    match lang() {
        Lang::Zh => format!("受访不足 {threshold} 人：区间很宽，仅供参考，不列入“最低”名单。"),
        Lang::En => format!(
            "Fewer than {threshold} respondents: the interval is wide, the rate is for reference only and is left out of the “lowest” list."
        ),
    }
}

/// The method line about the too-few threshold and the change rule.
pub fn method_too_few_and_change(threshold: &str) -> String {
    match lang() {
        Lang::Zh => format!(
            "受访不足 {threshold} 人的比率标注“样本过少”，不列入“最低”名单。与上一次调查相比，只有两个置信区间不重叠时才标为“明显变化”。"
        ),
        Lang::En => format!(
            "Rates from fewer than {threshold} respondents are marked “too few respondents” and left out of the “lowest” list. A change since the previous survey is marked “clear change” only when the two confidence intervals do not overlap."
        ),
    }
}

/// "较 2023–2024学年调查" / "compared with the 2023–24 school year survey".
pub fn compared_with(previous_period: &str) -> String {
    match lang() {
        Lang::Zh => format!("较{previous_period}调查"),
        Lang::En => format!("compared with the {previous_period} survey"),
    }
}

/// One sentence for the group chart: the overall rate and where it stands.
pub fn overall_summary(
    period: &str,
    rate: &str,
    interval: &str,
    respondents: &str,
    position: &str,
) -> String {
    match lang() {
        Lang::Zh => format!("{period}，全县总体认可率 {rate}（95% 置信区间 {interval}，{respondents}），{position}。"),
        Lang::En => format!(
            "{period}: the county satisfaction rate is {rate} (95% confidence interval {interval}, {respondents}): {position}."
        ),
    }
}

/// One sentence for the heatmap: the lowest and highest cells.
pub fn heatmap_summary(period: &str, lowest: (&str, &str), highest: (&str, &str)) -> String {
    match lang() {
        Lang::Zh => format!(
            "{period}，认可率最低的是{}（{}），最高的是{}（{}）。",
            lowest.0, lowest.1, highest.0, highest.1
        ),
        Lang::En => format!(
            "{period}: satisfaction is lowest for {} ({}) and highest for {} ({}).",
            lowest.0, lowest.1, highest.0, highest.1
        ),
    }
}
