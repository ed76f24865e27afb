//! The column catalogue: every column of the import files, its Chinese header, English alias and
//! accepted spellings, and how a header is compared.

/// A column: the Chinese header written by [`snapshot_to_csv`](super::snapshot_to_csv), the English snake_case alias, and
/// other accepted spellings.
#[derive(Debug)]
pub struct Column {
    pub zh: &'static str,
    pub en: &'static str,
    pub also: &'static [&'static str],
    /// Unit written in brackets after the header on export (not needed on import).
    pub unit: Option<&'static str>,
}

const fn col(zh: &'static str, en: &'static str) -> Column {
    Column { zh, en, also: &[], unit: None }
}

impl Column {
    pub(super) fn header(&self) -> String {
        match self.unit {
            Some(u) => format!("{}（{u}）", self.zh),
            None => self.zh.to_string(),
        }
    }

    pub(super) fn matches(&self, normalised_header: &str) -> bool {
        normalise_header(self.zh) == normalised_header
            || self.en == normalised_header
            || self.also.iter().any(|a| normalise_header(a) == normalised_header)
    }
}

/// Columns of `schools.csv`, in the order they are written.
pub mod school_columns {
    use super::{col, Column};
    pub const ID: Column =
        Column { also: &["学校代码", "学校编号", "id"], ..col("学校标识码", "school_id") };
    pub const NAME: Column = Column { also: &["名称", "name"], ..col("学校名称", "school_name") };
    pub const TOWNSHIP: Column = Column { also: &["township"], ..col("乡镇代码", "township_code") };
    pub const TYPE: Column = Column { also: &["type"], ..col("办学类型", "school_type") };
    pub const OWNERSHIP: Column = Column { also: &["举办者类型"], ..col("办学性质", "ownership") };
    pub const STAGE: Column = Column { also: &["学部"], ..col("学段", "stage") };
    pub const STUDENTS: Column =
        Column { also: &["在校生数", "在园幼儿数"], ..col("学生数", "students") };
    pub const CLASSES: Column = col("班数", "classes");
    pub const LARGE_CLASSES: Column =
        Column { also: &["大班额"], ..col("大班额班数", "large_classes") };
    pub const TEACHERS: Column =
        Column { also: &["专任教师"], ..col("专任教师数", "teachers_full_time") };
    pub const ABOVE_DEGREE: Column = Column {
        also: &["高于规定学历"],
        ..col("高于规定学历教师数", "teachers_above_degree")
    };
    pub const BACKBONE: Column = Column {
        also: &["骨干教师数", "骨干教师"],
        ..col("县级及以上骨干教师数", "teachers_backbone")
    };
    pub const PE_ART: Column =
        Column { also: &["体育艺术教师数"], ..col("体育艺术专任教师数", "teachers_pe_art") };
    pub const SENIOR_TITLE: Column =
        Column { also: &["高级职称"], ..col("高级职称教师数", "teachers_senior_title") };
    pub const LON: Column = Column { also: &["lon"], ..col("经度", "longitude") };
    pub const LAT: Column = Column { also: &["lat"], ..col("纬度", "latitude") };
    pub const URBAN_RURAL: Column = Column {
        also: &[
            "城乡分类",
            "城乡类别",
            "驻地城乡类型",
            "学校驻地城乡类型",
            "学校（机构）驻地城乡类型",
            "城乡",
        ],
        ..col("城乡类型", "urban_rural")
    };
    pub const PLACES: Column = Column {
        also: &["学位数", "核定学位", "核定学位（个）", "places"],
        ..col("核定学位数", "places")
    };
    pub const FLOOR_AREA: Column =
        Column { unit: Some("平方米"), ..col("教学及辅助用房面积", "floor_area_m2") };
    pub const INDOOR_SPORTS: Column =
        Column { unit: Some("平方米"), ..col("室内体育用房面积", "indoor_sports_area_m2") };
    pub const SPORTS_GROUND: Column =
        Column { unit: Some("平方米"), ..col("运动场地面积", "sports_ground_area_m2") };
    pub const EQUIPMENT: Column =
        Column { unit: Some("元"), ..col("教学仪器设备值", "equipment_value_yuan") };
    pub const MULTIMEDIA: Column = col("网络多媒体教室数", "multimedia_classrooms");
    pub const BOOKS: Column = Column { unit: Some("册"), also: &["图书"], ..col("图书册数", "books") };

    pub const ALL: [&Column; 24] = [
        &ID,
        &NAME,
        &TOWNSHIP,
        &TYPE,
        &OWNERSHIP,
        &STAGE,
        &STUDENTS,
        &CLASSES,
        &LARGE_CLASSES,
        &TEACHERS,
        &ABOVE_DEGREE,
        &BACKBONE,
        &PE_ART,
        &SENIOR_TITLE,
        &LON,
        &LAT,
        &URBAN_RURAL,
        &PLACES,
        &FLOOR_AREA,
        &INDOOR_SPORTS,
        &SPORTS_GROUND,
        &EQUIPMENT,
        &MULTIMEDIA,
        &BOOKS,
    ];
    /// The facility columns: all six on a row, or none.
    pub const FACILITIES: [&Column; 6] =
        [&FLOOR_AREA, &INDOOR_SPORTS, &SPORTS_GROUND, &EQUIPMENT, &MULTIMEDIA, &BOOKS];
    pub const REQUIRED: [&Column; 13] = [
        &ID,
        &NAME,
        &TOWNSHIP,
        &TYPE,
        &OWNERSHIP,
        &STAGE,
        &STUDENTS,
        &CLASSES,
        &TEACHERS,
        &ABOVE_DEGREE,
        &BACKBONE,
        &PE_ART,
        &SENIOR_TITLE,
    ];
}

/// Columns of `townships.csv`.
pub mod township_columns {
    use super::{col, population_columns as p, Column};
    pub const CODE: Column = Column {
        also: &[
            "乡镇代码",
            "乡镇（街道）代码",
            "统计用区划代码",
            "区划代码",
            "行政区划代码",
            "township_code",
        ],
        ..col("代码", "code")
    };
    pub const NAME: Column = Column {
        also: &["乡镇名称", "乡镇", "乡镇（街道）", "乡镇街道", "乡镇（街道）名称"],
        ..col("名称", "name")
    };
    /// Optional: a name ending in 街道, 民族乡, 乡 or 镇 says its kind.
    pub const KIND: Column = Column { also: &["乡镇类型", "区划类型"], ..col("类型", "kind") };
    pub const ALL: [&Column; 3] = [&CODE, &NAME, &KIND];
    pub const REQUIRED: [&Column; 2] = [&CODE, &NAME];
    /// A townships sheet may carry the resident population by age band as well.
    pub const WITH_POPULATION: [&Column; 8] =
        [&CODE, &NAME, &KIND, &p::AGE_0_2, &p::AGE_3_5, &p::AGE_6_11, &p::AGE_12_14, &p::AGE_15_17];
}

/// Columns of `population.csv` (resident population by age band; blank = not known).
pub mod population_columns {
    use super::{col, Column};
    pub const TOWNSHIP: Column =
        Column { also: &["代码", "township"], ..col("乡镇代码", "township_code") };
    pub const AGE_0_2: Column = Column { also: &["0-2岁人口"], ..col("0-2岁", "age_0_2") };
    pub const AGE_3_5: Column = Column { also: &["3-5岁人口"], ..col("3-5岁", "age_3_5") };
    pub const AGE_6_11: Column = Column { also: &["6-11岁人口"], ..col("6-11岁", "age_6_11") };
    pub const AGE_12_14: Column = Column { also: &["12-14岁人口"], ..col("12-14岁", "age_12_14") };
    pub const AGE_15_17: Column = Column { also: &["15-17岁人口"], ..col("15-17岁", "age_15_17") };
    pub const ALL: [&Column; 6] = [&TOWNSHIP, &AGE_0_2, &AGE_3_5, &AGE_6_11, &AGE_12_14, &AGE_15_17];
}

/// Columns of `reported.csv`.
pub mod reported_columns {
    use super::{col, Column};
    pub const INDICATOR: Column =
        Column { also: &["指标代码", "指标编号"], ..col("指标", "indicator") };
    pub const VALUE: Column = Column { also: &["值"], ..col("数值", "value") };
    pub const UNIT: Column = col("单位", "unit");
    pub const LEVEL: Column = col("层级", "level");
    pub const TOWNSHIP: Column = Column { also: &["township"], ..col("乡镇代码", "township_code") };
    pub const SOURCE: Column = col("来源", "source");
    pub const NOTE: Column = Column { also: &["说明"], ..col("备注", "note") };
    pub const ALL: [&Column; 7] = [&INDICATOR, &VALUE, &UNIT, &LEVEL, &TOWNSHIP, &SOURCE, &NOTE];
    pub const REQUIRED: [&Column; 5] = [&INDICATOR, &VALUE, &UNIT, &LEVEL, &SOURCE];
}

/// Columns of `survey.csv`: per row either 答卷人数 + 认可人数, or the five Likert counts.
pub mod survey_columns {
    use super::{col, Column};
    pub const GROUP: Column = Column { also: &["调查对象", "对象"], ..col("群体", "group") };
    pub const AREA: Column = Column { also: &["问题领域", "调查内容"], ..col("领域", "area") };
    pub const TOWNSHIP: Column = Column { also: &["township"], ..col("乡镇代码", "township_code") };
    pub const RESPONDENTS: Column =
        Column { also: &["调查人数", "有效问卷数"], ..col("答卷人数", "respondents") };
    pub const SATISFIED: Column =
        Column { also: &["满意人数", "认可人数（满意）"], ..col("认可人数", "satisfied") };
    pub const VERY_SATISFIED: Column = col("非常满意", "likert_very_satisfied");
    pub const LIKERT_SATISFIED: Column = col("满意", "likert_satisfied");
    pub const NEUTRAL: Column = col("一般", "likert_neutral");
    pub const DISSATISFIED: Column = col("不满意", "likert_dissatisfied");
    pub const VERY_DISSATISFIED: Column = col("非常不满意", "likert_very_dissatisfied");
    pub const LIKERT: [&Column; 5] =
        [&VERY_SATISFIED, &LIKERT_SATISFIED, &NEUTRAL, &DISSATISFIED, &VERY_DISSATISFIED];
    pub const ALL: [&Column; 10] = [
        &GROUP,
        &AREA,
        &TOWNSHIP,
        &RESPONDENTS,
        &SATISFIED,
        &VERY_SATISFIED,
        &LIKERT_SATISFIED,
        &NEUTRAL,
        &DISSATISFIED,
        &VERY_DISSATISFIED,
    ];
}

/// Header text as compared: no BOM, no spaces, no unit in brackets at the end, ASCII lowercase,
/// and `–`, `—`, `~`, `～` read as `-` (3–5岁, 3~5岁).
pub(super) fn normalise_header(header: &str) -> String {
    let mut h: String = header
        .trim_start_matches('\u{FEFF}')
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '–' | '—' | '~' | '～' | '－' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    for (open, close) in [('（', '）'), ('(', ')')] {
        if h.ends_with(close) {
            if let Some(start) = h.rfind(open) {
                if start > 0 {
                    h.truncate(start);
                }
            }
        }
    }
    h
}

pub(super) fn column_names(columns: &[&Column]) -> String {
    columns.iter().map(|c| c.zh).collect::<Vec<_>>().join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_compared_without_units_spaces_or_dash_styles() {
        assert_eq!(normalise_header("\u{FEFF} 3–5岁（人） "), "3-5岁");
        assert_eq!(normalise_header("Students"), "students");
        assert_eq!(normalise_header("(x)"), "(x)");
    }
}
