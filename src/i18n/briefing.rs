//! Words of the satisfaction briefing (/satisfaction/briefing), printed for deputies.

use crate::i18n::messages;
use crate::i18n::{lang, Lang};

messages! {
    pub fn brief_msg() -> BriefingMessages {
        title: "社会认可度简报" / "Public satisfaction briefing",
        audience: "供人大代表、政协委员参阅" / "For people's congress deputies and CPPCC members",
        print: "打印或另存为 PDF" / "Print or save as PDF",
        back: "返回满意度页面" / "Back to the satisfaction page",
        weakest_heading: "认可率最低的环节" / "Where satisfaction is lowest",
        kind: "类别" / "Kind",
        weakest_groups: "受访群体" / "Respondent group",
        weakest_areas: "调查内容" / "Survey topic",
        weakest_townships: "乡镇（街道）" / "Township",
        all_groups: "全部受访群体" / "All respondent groups",
        method_heading: "方法要点" / "Method in brief",
        version_heading: "数据来源与版本" / "Data source and version",
        snapshot_id: "数据快照" / "Data snapshot",
        sha256: "SHA-256 校验值" / "SHA-256 checksum",
        generated: "生成日期" / "Generated on",
        online: "在线版本" / "Online version",
        loading_trend: "正在加载历次调查……" / "Loading the earlier surveys…",
        name: "名称" / "Name",
        significant_groups: "与上一次调查相比有明显变化的受访群体"
            / "Respondent groups with a clear change since the previous survey",
        none: "无" / "None",
    }
}

/// "生成日期：2025-03-01" / "Generated on 2025-03-01".
pub fn generated_on(date: &str) -> String {
    match lang() {
        Lang::Zh => format!("{}：{date}", brief_msg().generated),
        Lang::En => format!("{} {date}", brief_msg().generated),
    }
}
