//! Words of the plan tracker (规划目标进展): /plan and the overview's plan box.

use crate::i18n::messages;
use crate::i18n::{lang, Lang};

messages! {
    pub fn plan_msg() -> PlanMessages {
        title: "规划目标进展" / "Plan progress",
        lede: "县里的教育规划承诺了什么、做到了多少：每一项能用数字衡量的目标，都对照已发布的数据判断进展。"
            / "What the county's education plan promised and how much of it is done: every target that can be measured is checked against the published data.",
        document: "规划文件" / "Plan document",
        reference_group: "参考模板" / "Reference template",
        reference_notice: "这是一份未填写县名和数值的区县文件模板，不属于任何一个县，仅供参考；其中的目标不与任何县的数据对照。"
            / "This is a template for district and county documents, without a county name or figures. It belongs to no county and is shown for reference only; its targets are not checked against any county's data.",
        reference_link: "参考：区县文件模板" / "Reference: district and county template",
        no_plan: "本站尚未收录该县的规划文件。" / "This site does not hold this county's plan documents yet.",
        issuing_body: "发文机关" / "Issued by",
        document_number: "文号" / "Document number",
        adopted: "印发日期" / "Issued on",
        years: "规划期" / "Plan period",
        source: "原文出处" / "Original text",
        not_stated: "原文未载" / "Not stated in the original",
        notes: "整理说明" / "Notes on this transcription",
        method: "判断方法：从基线（规划未给基线时，从第一次公布的数值起）到期限目标画一条直线，实际值在线上或更好为“进度正常”，不及为“进度滞后”；到期仍未达到为“未达成”。每年都要做到的目标，有一年没做到即为“未达成”。"
            / "How progress is judged: a straight line is drawn from the baseline (or, when the plan gives none, from the first published value) to the target at its deadline. A value on the line or better is “on track”, a value short of it “behind”; a target still not reached at its deadline is “missed”. A target to be met every year is “missed” as soon as one year falls short.",
        summary_heading: "目标进展概况" / "Progress at a glance",
        no_snapshot: "该县尚未发布统计数据快照：以下目标暂无公开数据可以对照。"
            / "This county has not published a statistics snapshot yet: there is no published data to check these targets against.",
        not_tracked: "模板不对照数据。" / "A template is not checked against data.",
        filter_status: "按进展筛选" / "Filter by progress",
        filter_area: "领域" / "Area",
        all: "全部" / "All",
        all_areas: "全部领域" / "All areas",
        no_match: "没有符合筛选条件的目标。" / "No target matches the filters.",
        show_all: "显示全部目标" / "Show all targets",
        goal: "目标" / "Target",
        deadline: "期限" / "Deadline",
        no_deadline: "未定期限" / "No deadline",
        baseline: "基线" / "Baseline",
        no_baseline: "规划未给出" / "Not given in the plan",
        latest: "最新数值" / "Latest value",
        no_data_yet: "暂无公开数据" / "No published data yet",
        no_indicator: "公开数据中没有衡量这项目标的指标。" / "The published data has no indicator that measures this target.",
        expected: "此时应达到" / "Expected by now",
        judged_on: "判定依据" / "Judged on",
        section: "原文位置" / "Where in the plan",
        note: "说明" / "Note",
        actual: "实际值" / "Actual",
        path: "目标路径" / "Path to the target",
        path_start: "路径起点" / "Start of the path",
        path_end: "期限目标" / "Target at the deadline",
        date: "时点" / "Date",
        target_from: "目标出自" / "Target from",
        open_page: "查看全部规划目标" / "See all plan targets",
        series_failed: "以下数据文件未能加载，进展只按其余年份判断："
            / "These data files could not be loaded; progress is judged on the other years only:",
        done: "已完成" / "Done",
        not_done: "尚未完成" / "Not done yet",
    }
}

/// "截至 2024–2025学年（统计时点 2024-09-30）的已发布数据".
pub fn as_of(school_year: &str, as_of: &str) -> String {
    match lang() {
        Lang::Zh => format!("截至{school_year}（统计时点 {as_of}）的已发布数据"),
        Lang::En => format!("Published data up to the {school_year} (as of {as_of})"),
    }
}

/// A plan deadline or baseline date: a year means that year's figures ("2024年", "2024"); a
/// day is printed as written.
pub fn date_text(date: &str) -> String {
    match lang() {
        Lang::Zh if date.len() == 4 => format!("{date}年"),
        _ => date.to_string(),
    }
}

/// "2022—2024年" / "2022–2024".
pub fn years_text(start: i32, end: i32) -> String {
    match lang() {
        Lang::Zh => format!("{start}—{end}年"),
        Lang::En => format!("{start}–{end}"),
    }
}

/// "96.1%（2024–2025学年）" / "96.1% (2024–25 school year)".
pub fn value_at(value: &str, when: &str) -> String {
    match lang() {
        Lang::Zh => format!("{value}（{when}）"),
        Lang::En => format!("{value} ({when})"),
    }
}

/// "学前三年毛入园率：实际值与目标路径".
pub fn chart_title(indicator: &str) -> String {
    let m = plan_msg();
    match lang() {
        Lang::Zh => format!("{indicator}：{}与{}", m.actual, m.path),
        Lang::En => format!("{indicator}: actual value and path to the target"),
    }
}

/// One sentence for a target's chart: the latest value, the goal and the verdict.
pub fn target_summary(indicator: &str, latest: &str, goal: &str, deadline: &str, status: &str) -> String {
    match lang() {
        Lang::Zh => {
            format!("{indicator}最新数值为 {latest}；目标为 {goal}（期限 {deadline}）；判定：{status}。")
        }
        Lang::En => format!(
            "{indicator}: latest value {latest}; target {goal} (deadline {deadline}); verdict: {status}."
        ),
    }
}

/// "目标出自：《平阳县教育事业发展“十四五”规划》二(一)".
pub fn target_from(title: &str, section: &str) -> String {
    match lang() {
        Lang::Zh => format!("{}：《{title}》{section}", plan_msg().target_from),
        Lang::En => format!("{}: “{title}”, {section}", plan_msg().target_from),
    }
}
