//! Words of the township page (/township/<code>).

use crate::i18n::messages;

messages! {
    pub fn township_msg() -> TownshipMessages {
        teachers_heading: "教师配置" / "Teachers",
        schools_heading: "辖区学校" / "Schools in the township",
        school_name: "学校" / "School",
        school_type: "类型" / "Type",
        ownership: "办别" / "Ownership",
        teachers: "专任教师" / "Full-time teachers",
        students_per_teacher: "生师比" / "Students per teacher",
        meets_balance_standard: "优质均衡达标" / "Meets the quality-balance standard",
        township_rank: "在全县的位置" / "Position in the county",
        township_not_found: "找不到这个乡镇（街道）代码。" / "There is no township with this code.",
        students: "在校生" / "Students",
        classes: "班数" / "Classes",
    }
}
