//! The school columns the importer knows, with every header an office's sheet may use for them:
//! the 教育事业统计 base forms (基础基111 学校（机构）基本情况 and the class, student, teacher and
//! building tables after it) and the county 综合表 built from them. `docs/publishing.md` lists this
//! catalogue (generated, and checked by a test).
//!
//! A header names a school's own property (标识码, 名称, 乡镇 …), a measure (在校生数, 班数,
//! 专任教师数 …), a part that sums to a measure (正高级 + 副高级 = 高级职称; 56–65人 + 66人及以上 =
//! 大班额), or a facility. A measure or part may be qualified by a stage (小学在校生数,
//! 在校生数（初中）, or 在校生数 merged over 小学 | 初中): that is the wide layout, one row per
//! school. Unqualified, it is the row's stage in the long layout (one row per school per stage,
//! with a 学段 column), or the whole school in the wide layout.

use crate::snapshot::Stage;

/// A count kept per stage (or for the whole school).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Measure {
    Students,
    Classes,
    LargeClasses,
    Teachers,
    AboveDegree,
    Backbone,
    PeArt,
    SeniorTitle,
}

impl Measure {
    pub const ALL: [Measure; 8] = [
        Measure::Students,
        Measure::Classes,
        Measure::LargeClasses,
        Measure::Teachers,
        Measure::AboveDegree,
        Measure::Backbone,
        Measure::PeArt,
        Measure::SeniorTitle,
    ];
}

/// A count that is one part of a measure; a measure an office does not keep itself is the sum of
/// one complete set of its parts (see [`PART_SETS`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Part {
    /// Classes of 56–60, 61–65, 66 or more, 56–65 students (班额分组).
    Classes56To60,
    Classes61To65,
    Classes66Plus,
    Classes56To65,
    /// Teachers with a 正高级 or 副高级 title.
    ProfessorTitle,
    AssociateProfessorTitle,
    /// Teachers by subject taught.
    PeTeachers,
    MusicTeachers,
    FineArtTeachers,
    ArtTeachers,
    /// Teachers by highest degree: 研究生, 本科, 专科 (each alone), and the running totals.
    Postgraduate,
    Bachelor,
    Associate,
    BachelorOrAbove,
    AssociateOrAbove,
}

/// A facility of the whole school.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facility {
    FloorArea,
    IndoorSports,
    SportsGround,
    Equipment,
    Multimedia,
    Books,
}

impl Facility {
    pub const ALL: [Facility; 6] = [
        Facility::FloorArea,
        Facility::IndoorSports,
        Facility::SportsGround,
        Facility::Equipment,
        Facility::Multimedia,
        Facility::Books,
    ];
}

/// What a column of a schools sheet holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SchoolField {
    Id,
    Name,
    /// The township: its 9-digit code, the 12-digit 统计用区划代码 of the school's site, or its name.
    Township,
    Type,
    /// 办学性质: 公办 / 民办 / 民办普惠.
    Ownership,
    /// 举办者: 教育部门, 其他部门, 地方企业, 事业单位, 部队, 集体, 民办 … (read as 公办 or 民办).
    Sponsor,
    /// Whether a kindergarten is recognised as 普惠性 (是/否).
    Inclusive,
    UrbanRural,
    Places,
    Longitude,
    Latitude,
    /// The row's stage, in the long layout.
    Stage,
    Measure(Measure),
    Part(Part),
    Facility(Facility),
}

/// One entry of the catalogue: a field, its header as `atlas export` writes it, its English
/// name, and other headers that mean it.
#[derive(Clone, Copy, Debug)]
pub struct FieldSpec {
    pub field: SchoolField,
    pub zh: &'static str,
    pub en: &'static str,
    pub also: &'static [&'static str],
    /// The stage the header itself names (在园幼儿数 is preschool students).
    pub stage: Option<Stage>,
    /// Whether a stage may qualify the header (小学在校生数).
    pub per_stage: bool,
    /// What it is, in English, for the documentation.
    pub meaning: &'static str,
}

const fn spec(field: SchoolField, zh: &'static str, en: &'static str, meaning: &'static str) -> FieldSpec {
    FieldSpec { field, zh, en, also: &[], stage: None, per_stage: false, meaning }
}

const fn measure(m: Measure, zh: &'static str, en: &'static str, meaning: &'static str) -> FieldSpec {
    FieldSpec { per_stage: true, ..spec(SchoolField::Measure(m), zh, en, meaning) }
}

const fn part(p: Part, zh: &'static str, en: &'static str, meaning: &'static str) -> FieldSpec {
    FieldSpec { per_stage: true, ..spec(SchoolField::Part(p), zh, en, meaning) }
}

const fn facility(f: Facility, zh: &'static str, en: &'static str, meaning: &'static str) -> FieldSpec {
    spec(SchoolField::Facility(f), zh, en, meaning)
}

use Facility as F;
use Measure as M;
use Part as P;
use SchoolField as S;

/// Every school column, in the order `atlas export --import-files` writes the known ones.
pub static SCHOOL_FIELDS: &[FieldSpec] = &[
    FieldSpec {
        also: &["学校（机构）标识码", "学校标识码（10位）", "标识码", "机构标识码", "学校代码", "学校编号", "id"],
        ..spec(S::Id, "学校标识码", "school_id", "the school's 10-digit 学校（机构）标识码, the same every year")
    },
    FieldSpec {
        also: &["学校（机构）名称", "学校名", "校名", "单位名称", "学校", "名称", "name"],
        ..spec(S::Name, "学校名称", "school_name", "the school's name")
    },
    FieldSpec {
        also: &[
            "乡镇",
            "乡镇（街道）",
            "乡镇街道",
            "所在乡镇",
            "所在乡镇（街道）",
            "所属乡镇",
            "乡镇名称",
            "学校驻地",
            "驻地代码",
            "学校驻地代码",
            "驻地行政区划代码",
            "行政区划代码",
            "统计用区划代码",
            "township",
        ],
        ..spec(
            S::Township,
            "乡镇代码",
            "township_code",
            "the township: its 9-digit code, the 12-digit 统计用区划代码 of the school's site (its first 9 digits are the township), or its name as in the townships sheet",
        )
    },
    FieldSpec {
        also: &["学校类型", "学校类别", "学校办学类型", "类型", "type"],
        ..spec(S::Type, "办学类型", "school_type", "幼儿园, 小学, 初中, 九年一贯制, 完全中学, 十二年一贯制, 普通高中, 中职, 特殊教育 or 教学点 (the base forms' longer names are accepted)")
    },
    FieldSpec {
        also: &["公办民办", "公民办", "办学体制", "性质"],
        ..spec(S::Ownership, "办学性质", "ownership", "公办, 民办普惠 (kindergartens; 普惠性民办 is accepted) or 民办")
    },
    FieldSpec {
        also: &["学校举办者", "举办者类型", "举办单位", "办别", "sponsor"],
        ..spec(S::Sponsor, "举办者", "sponsor", "the base forms' 举办者: 教育部门, 其他部门, 地方企业, 事业单位, 部队 and 集体 are 公办; 民办 (and 个人, 社会力量, 民办企业) is 民办; used when 办学性质 is not given")
    },
    FieldSpec {
        also: &["是否普惠性幼儿园", "是否普惠性民办幼儿园", "是否普惠性民办园", "普惠性", "普惠", "普惠性民办园", "inclusive"],
        ..spec(S::Inclusive, "是否普惠", "inclusive", "是/否: whether a private kindergarten is recognised as 普惠性 (inclusive); makes a 民办 kindergarten 民办普惠")
    },
    FieldSpec {
        also: &["城乡分类", "城乡类别", "驻地城乡类型", "学校驻地城乡类型", "学校（机构）驻地城乡类型", "城乡", "urban_rural"],
        ..spec(S::UrbanRural, "城乡类型", "urban_rural", "城区, 镇区 or 乡村; the sub-classes 主城区 … 村庄, their codes 111 … 220 and the older 城市, 县镇, 农村 are read as their class")
    },
    FieldSpec {
        also: &["学位数", "核定学位", "核定学位（个）", "places"],
        ..spec(S::Places, "核定学位数", "places", "approved places (核定学位数), mostly given for kindergartens")
    },
    FieldSpec { also: &["lon", "经度（东经）"], ..spec(S::Longitude, "经度", "longitude", "longitude (WGS 84); give both coordinates or neither") },
    FieldSpec { also: &["lat", "纬度（北纬）"], ..spec(S::Latitude, "纬度", "latitude", "latitude (WGS 84)") },
    FieldSpec {
        also: &["学部", "stage"],
        ..spec(S::Stage, "学段", "stage", "the long layout's stage of the row: 学前, 小学, 初中, 普通高中, 中职 or 特殊教育")
    },
    FieldSpec {
        also: &["在校生数", "在校生", "在校学生数", "学生人数", "学生", "在校生人数", "students"],
        ..measure(M::Students, "学生数", "students", "students (在校生; 在园幼儿 for preschool)")
    },
    FieldSpec {
        also: &["在园幼儿", "在园（班）幼儿数", "在园幼儿人数", "幼儿数", "幼儿人数", "在园儿童数", "附设幼儿班幼儿数"],
        stage: Some(Stage::Preschool),
        ..measure(M::Students, "在园幼儿数", "preschool_children", "children in kindergarten or an attached preschool class")
    },
    FieldSpec {
        also: &["班级数", "教学班数", "班级", "班级总数", "班数合计", "classes"],
        ..measure(M::Classes, "班数", "classes", "classes")
    },
    FieldSpec {
        also: &[
            "大班额",
            "大班额数",
            "大班额班级数",
            "56人以上班级数",
            "56人及以上班级数",
            "56人以上班数",
            "56人及以上班数",
            "56人以上",
            "56人及以上",
            "large_classes",
        ],
        ..measure(M::LargeClasses, "大班额班数", "large_classes", "classes of 56 or more students (write 0 for none)")
    },
    FieldSpec {
        also: &["专任教师", "专任教师人数", "专任教师合计", "专任教师总数", "teachers"],
        ..measure(M::Teachers, "专任教师数", "teachers_full_time", "full-time teachers (专任教师)")
    },
    FieldSpec {
        also: &["高于规定学历", "高于规定学历教师", "高于规定学历专任教师数"],
        ..measure(M::AboveDegree, "高于规定学历教师数", "teachers_above_degree", "teachers above the required degree: 专科+ for 学前 and 小学, 本科+ for 初中, 研究生 for 高中 and 中职")
    },
    FieldSpec {
        also: &["骨干教师数", "骨干教师", "县级以上骨干教师数", "县级及以上骨干教师", "县级以上骨干教师"],
        ..measure(M::Backbone, "县级及以上骨干教师数", "teachers_backbone", "backbone teachers recognised at county level or above")
    },
    FieldSpec {
        also: &["体育艺术教师数", "体育艺术教师", "体育艺术专任教师", "体艺教师数", "体艺教师", "体育和艺术专任教师数"],
        ..measure(M::PeArt, "体育艺术专任教师数", "teachers_pe_art", "PE and art (music, fine arts) teachers")
    },
    FieldSpec {
        also: &["高级职称", "高级职称教师", "高级职称专任教师数", "高级及以上职称", "副高级及以上", "副高及以上", "高级职称以上"],
        ..measure(M::SeniorTitle, "高级职称教师数", "teachers_senior_title", "teachers with a senior title (正高级 + 副高级)")
    },
    FieldSpec { also: &["56至60人", "56-60人班级数"], ..part(P::Classes56To60, "56-60人", "classes_56_60", "classes of 56–60 students") },
    FieldSpec { also: &["61至65人", "61-65人班级数"], ..part(P::Classes61To65, "61-65人", "classes_61_65", "classes of 61–65 students") },
    FieldSpec {
        also: &["66人以上", "66人及以上班级数", "66人以上班级数", "超大班额", "超大班额班数"],
        ..part(P::Classes66Plus, "66人及以上", "classes_66_plus", "classes of 66 or more students (超大班额)")
    },
    FieldSpec { also: &["56至65人", "56-65人班级数"], ..part(P::Classes56To65, "56-65人", "classes_56_65", "classes of 56–65 students") },
    FieldSpec {
        also: &["正高级职称", "正高", "正高级教师"],
        ..part(P::ProfessorTitle, "正高级", "title_professor", "teachers with a 正高级 title")
    },
    FieldSpec {
        also: &["副高级职称", "副高", "高级教师"],
        ..part(P::AssociateProfessorTitle, "副高级", "title_associate_professor", "teachers with a 副高级 title")
    },
    FieldSpec { also: &["体育", "体育专任教师", "体育教师数"], ..part(P::PeTeachers, "体育教师", "teachers_pe", "PE teachers") },
    FieldSpec { also: &["音乐", "音乐专任教师", "音乐教师数"], ..part(P::MusicTeachers, "音乐教师", "teachers_music", "music teachers") },
    FieldSpec { also: &["美术", "美术专任教师", "美术教师数"], ..part(P::FineArtTeachers, "美术教师", "teachers_fine_art", "fine-art teachers") },
    FieldSpec { also: &["艺术", "艺术专任教师", "艺术教师数"], ..part(P::ArtTeachers, "艺术教师", "teachers_art", "art teachers (music and fine arts together)") },
    FieldSpec {
        also: &["研究生毕业", "研究生学历", "研究生"],
        ..part(P::Postgraduate, "研究生", "degree_postgraduate", "teachers whose highest degree is a postgraduate one")
    },
    FieldSpec { also: &["本科毕业", "本科学历"], ..part(P::Bachelor, "本科", "degree_bachelor", "teachers whose highest degree is 本科") },
    FieldSpec {
        also: &["专科毕业", "专科学历", "大专"],
        ..part(P::Associate, "专科", "degree_associate", "teachers whose highest degree is 专科")
    },
    FieldSpec {
        also: &["本科及以上", "本科以上学历", "本科以上", "本科及以上学历教师数"],
        ..part(P::BachelorOrAbove, "本科及以上学历", "degree_bachelor_or_above", "teachers with 本科 or a higher degree")
    },
    FieldSpec {
        also: &["专科及以上", "大专及以上", "专科以上学历", "专科以上", "专科及以上学历教师数"],
        ..part(P::AssociateOrAbove, "专科及以上学历", "degree_associate_or_above", "teachers with 专科 or a higher degree")
    },
    FieldSpec {
        also: &["教学及辅助用房", "教学辅助用房面积", "教学及辅助用房建筑面积"],
        ..facility(F::FloorArea, "教学及辅助用房面积", "floor_area_m2", "teaching and auxiliary floor area, m², indoor sports halls included")
    },
    FieldSpec {
        also: &["室内体育用房", "体育馆面积", "风雨操场面积", "室内运动场馆面积"],
        ..facility(F::IndoorSports, "室内体育用房面积", "indoor_sports_area_m2", "indoor sports area, m²")
    },
    FieldSpec {
        also: &["运动场地", "运动场面积", "运动场地面积合计", "体育运动场地面积"],
        ..facility(F::SportsGround, "运动场地面积", "sports_ground_area_m2", "outdoor sports ground area, m²")
    },
    FieldSpec {
        also: &["教学仪器设备资产值", "教学、科研仪器设备资产值", "教学仪器设备总值", "仪器设备值", "教学仪器设备值合计"],
        ..facility(F::Equipment, "教学仪器设备值", "equipment_value_yuan", "book value of teaching instruments and equipment, 元 (a header in 万元 is converted)")
    },
    FieldSpec {
        also: &["网络多媒体教室", "多媒体教室数", "多媒体教室"],
        ..facility(F::Multimedia, "网络多媒体教室数", "multimedia_classrooms", "networked multimedia classrooms")
    },
    FieldSpec {
        also: &["图书", "图书数", "藏书", "藏书量", "图书藏量"],
        ..facility(F::Books, "图书册数", "books", "library books, 册 (a header in 万册 is converted)")
    },
];

/// Words for a stage in a header, longest first so 普通高中 is not read as 高中 plus 普通.
pub const STAGE_WORDS: &[(&str, Stage)] = &[
    ("附设幼儿班", Stage::Preschool),
    ("学前教育", Stage::Preschool),
    ("初级中学", Stage::Junior),
    ("普通高中", Stage::Senior),
    ("中等职业", Stage::Vocational),
    ("特殊教育", Stage::Special),
    ("幼儿园", Stage::Preschool),
    ("幼儿班", Stage::Preschool),
    ("学前", Stage::Preschool),
    ("幼儿", Stage::Preschool),
    ("小学", Stage::Primary),
    ("初中", Stage::Junior),
    ("高中", Stage::Senior),
    ("中职", Stage::Vocational),
    ("职高", Stage::Vocational),
    ("特教", Stage::Special),
];

/// Words that only group a part under its measure in a heading (专任教师 › 按职称分 › 正高级).
const GROUP_WORDS: &[&str] = &[
    "专任教师",
    "教师",
    "其中",
    "按职称分",
    "职称",
    "按学历分",
    "学历",
    "按学科分",
    "任教学科",
    "学科",
    "班额",
    "按班额分",
    "班级数",
    "班数",
];

/// A recognised header: the field, the stage it names (if any) and the factor its unit asks for
/// (10,000 for a header in 万元 or 万册).
#[derive(Clone, Copy, Debug)]
pub struct Recognised {
    pub field: SchoolField,
    pub stage: Option<Stage>,
    pub scale: f64,
    /// The catalogue entry, for messages.
    pub spec: &'static FieldSpec,
}

/// Header text as compared: no spaces, no 其中/# markers, ASCII letters in lower case, full-width
/// digits and letters as ASCII, and dashes, tildes and 至 as `-`; punctuation that only separates
/// words (、 ， · / _ ： :) dropped.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim_start_matches('\u{FEFF}').chars() {
        let c = match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '–' | '—' | '~' | '～' | '－' | '至' => '-',
            '（' => '(',
            '）' => ')',
            c => c,
        };
        if c.is_whitespace()
            || matches!(
                c,
                '、' | '，' | ',' | '·' | '/' | '_' | '：' | ':' | '#' | '＃' | '*' | '“' | '”' | '"'
            )
        {
            continue;
        }
        out.push(c.to_ascii_lowercase());
    }
    // 其中 only says "of which"; what follows names the column.
    out.replace("其中", "")
}

/// Split a trailing bracket off a normalised header: `在校生数(小学)` → (`在校生数`, `小学`).
fn split_bracket(key: &str) -> (&str, Option<&str>) {
    if let Some(inner) = key.strip_suffix(')') {
        if let Some(start) = inner.rfind('(') {
            if start > 0 {
                return (&inner[..start], Some(&inner[start + 1..]));
            }
        }
    }
    (key, None)
}

/// The factor of a unit in brackets: 万元, 万册, 万平方米 ×10,000; 千元 ×1,000; 亿元 ×10⁸.
pub fn unit_scale(unit: &str) -> f64 {
    if unit.starts_with('万') {
        10_000.0
    } else if unit.starts_with('千') {
        1_000.0
    } else if unit.starts_with('亿') {
        100_000_000.0
    } else {
        1.0
    }
}

fn stage_word(text: &str) -> Option<Stage> {
    STAGE_WORDS.iter().find(|(w, _)| *w == text).map(|&(_, s)| s)
}

/// The catalogue entry whose header or alias is `key` (normalised). The normalised names are
/// worked out once: a header search tries thousands of candidate names.
fn exact(key: &str) -> Option<&'static FieldSpec> {
    static BY_NAME: std::sync::OnceLock<std::collections::HashMap<String, &'static FieldSpec>> =
        std::sync::OnceLock::new();
    let by_name = BY_NAME.get_or_init(|| {
        let mut map = std::collections::HashMap::new();
        for s in SCHOOL_FIELDS {
            for name in [s.zh, s.en].into_iter().chain(s.also.iter().copied()) {
                map.entry(normalise(name)).or_insert(s);
            }
        }
        map
    });
    by_name.get(key).copied()
}

/// A class-size band written as numbers (`56-60人`, `66人及以上`, `56人以上班级数`).
fn band(key: &str) -> Option<SchoolField> {
    let key = key.trim_end_matches("班级数").trim_end_matches("班数").trim_end_matches("的班级");
    let (low, high) = if let Some((a, b)) = key.split_once('-') {
        (a.trim_end_matches('人'), Some(b.trim_end_matches('人')))
    } else {
        let low = key.strip_suffix("人及以上").or_else(|| key.strip_suffix("人以上"))?;
        (low, None)
    };
    let low: u32 = low.parse().ok()?;
    let high: Option<u32> = match high {
        Some(h) => Some(h.parse().ok()?),
        None => None,
    };
    Some(match (low, high) {
        (56, None) => S::Measure(M::LargeClasses),
        (66, None) => S::Part(P::Classes66Plus),
        (56, Some(60)) => S::Part(P::Classes56To60),
        (61, Some(65)) => S::Part(P::Classes61To65),
        (56, Some(65)) => S::Part(P::Classes56To65),
        _ => return None,
    })
}

fn spec_of(field: SchoolField) -> Option<&'static FieldSpec> {
    SCHOOL_FIELDS.iter().find(|s| s.field == field && s.stage.is_none())
}

/// What a header (one candidate name of a column) means, if the catalogue knows it.
pub fn recognise(header: &str) -> Option<Recognised> {
    let key = normalise(header);
    if key.is_empty() {
        return None;
    }
    let (mut core, bracket) = split_bracket(&key);
    let mut stage = None;
    let mut scale = 1.0;
    if let Some(b) = bracket {
        match stage_word(b) {
            Some(s) => stage = Some(s),
            None => scale = unit_scale(b),
        }
    }
    // A unit can also follow a stage in brackets: 图书（万册）is split above; 在校生数（小学）（人）
    // leaves one more bracket.
    let (c2, b2) = split_bracket(core);
    if let Some(b) = b2 {
        match stage_word(b) {
            Some(s) if stage.is_none() => {
                stage = Some(s);
                core = c2;
            }
            None if scale == 1.0 => {
                scale = unit_scale(b);
                core = c2;
            }
            _ => {}
        }
    }
    let found = |name: &str, stage: Option<Stage>| -> Option<Recognised> {
        let hit = exact(name)
            .map(|spec| (spec.field, spec))
            .or_else(|| band(name).and_then(|f| spec_of(f).map(|s| (f, s))))?;
        let (field, spec) = hit;
        let stage = match (spec.stage, stage) {
            (Some(implied), None) => Some(implied),
            (Some(implied), Some(given)) if implied == given => Some(given),
            (Some(_), Some(_)) => return None,
            (None, given) => given,
        };
        if stage.is_some() && !spec.per_stage {
            return None;
        }
        Some(Recognised { field, stage, scale, spec })
    };
    // As written, then with a stage word taken off its start or end, then with group words
    // (专任教师, 按职称分 …) taken off the front.
    let mut names: Vec<(String, Option<Stage>)> = vec![(core.to_string(), stage)];
    if stage.is_none() {
        for &(word, s) in STAGE_WORDS {
            if let Some(rest) = core.strip_prefix(word).filter(|r| !r.is_empty()) {
                names.push((rest.to_string(), Some(s)));
            }
            if let Some(rest) = core.strip_suffix(word).filter(|r| !r.is_empty()) {
                names.push((rest.to_string(), Some(s)));
            }
        }
    }
    for (name, stage) in names.clone() {
        let mut rest = name.as_str();
        while let Some(next) = GROUP_WORDS.iter().find_map(|w| rest.strip_prefix(w).filter(|r| !r.is_empty()))
        {
            rest = next;
            names.push((rest.to_string(), stage));
        }
    }
    names.iter().find_map(|(name, stage)| found(name, *stage))
}

/// Every header and alias the catalogue knows, normalised, with its canonical header: what
/// "did you mean" suggestions are drawn from.
pub fn known_headers() -> impl Iterator<Item = (String, &'static str)> {
    SCHOOL_FIELDS
        .iter()
        .flat_map(|s| std::iter::once(s.zh).chain(s.also.iter().copied()).map(move |a| (normalise(a), s.zh)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field(header: &str) -> Option<(SchoolField, Option<Stage>, f64)> {
        recognise(header).map(|r| (r.field, r.stage, r.scale))
    }

    #[test]
    fn base_form_and_county_sheet_headers_are_recognised() {
        use Stage::*;
        assert_eq!(field("学校（机构）标识码"), Some((S::Id, None, 1.0)));
        assert_eq!(field("所在乡镇（街道）"), Some((S::Township, None, 1.0)));
        assert_eq!(field("在校生数"), Some((S::Measure(M::Students), None, 1.0)));
        assert_eq!(field("小学在校生数"), Some((S::Measure(M::Students), Some(Primary), 1.0)));
        assert_eq!(field("在校生数（初中）"), Some((S::Measure(M::Students), Some(Junior), 1.0)));
        assert_eq!(field("在校生数初中"), Some((S::Measure(M::Students), Some(Junior), 1.0)));
        assert_eq!(field("在园幼儿数"), Some((S::Measure(M::Students), Some(Preschool), 1.0)));
        assert_eq!(field("幼儿园班数"), Some((S::Measure(M::Classes), Some(Preschool), 1.0)));
        assert_eq!(field("普通高中班级数"), Some((S::Measure(M::Classes), Some(Senior), 1.0)));
        assert_eq!(field("56人以上班级数"), Some((S::Measure(M::LargeClasses), None, 1.0)));
        assert_eq!(field("小学56人及以上班数"), Some((S::Measure(M::LargeClasses), Some(Primary), 1.0)));
        assert_eq!(field("班额 56～60人"), Some((S::Part(P::Classes56To60), None, 1.0)));
        assert_eq!(field("66人及以上"), Some((S::Part(P::Classes66Plus), None, 1.0)));
        assert_eq!(field("专任教师其中：高级职称"), Some((S::Measure(M::SeniorTitle), None, 1.0)));
        assert_eq!(field("专任教师按职称分副高级"), Some((S::Part(P::AssociateProfessorTitle), None, 1.0)));
        assert_eq!(field("体育、艺术专任教师"), Some((S::Measure(M::PeArt), None, 1.0)));
        assert_eq!(field("初中专任教师"), Some((S::Measure(M::Teachers), Some(Junior), 1.0)));
        assert_eq!(field("专任教师小学"), Some((S::Measure(M::Teachers), Some(Primary), 1.0)));
        assert_eq!(field("教学仪器设备资产值（万元）"), Some((S::Facility(F::Equipment), None, 10_000.0)));
        assert_eq!(field("图书（万册）"), Some((S::Facility(F::Books), None, 10_000.0)));
        assert_eq!(field("教学及辅助用房面积（平方米）"), Some((S::Facility(F::FloorArea), None, 1.0)));
        assert_eq!(field("Students"), Some((S::Measure(M::Students), None, 1.0)));
        assert_eq!(field("学段"), Some((S::Stage, None, 1.0)));
    }

    #[test]
    fn what_is_not_a_school_column_is_not_guessed() {
        assert_eq!(field("序号"), None);
        assert_eq!(field("备注"), None);
        assert_eq!(field("教职工数"), None);
        assert_eq!(field("小学"), None);
        // A stage cannot qualify the school's own properties, nor contradict the one a header
        // names itself.
        assert_eq!(field("小学学校名称"), None);
        assert_eq!(field("小学在园幼儿数"), None);
        assert_eq!(field("40-45人"), None);
    }

    #[test]
    fn every_alias_names_one_field() {
        let mut seen = std::collections::BTreeMap::new();
        for s in SCHOOL_FIELDS {
            for alias in std::iter::once(s.zh).chain(s.also.iter().copied()).chain(std::iter::once(s.en)) {
                let key = normalise(alias);
                if let Some(previous) = seen.insert(key.clone(), (s.field, s.stage)) {
                    assert_eq!(previous, (s.field, s.stage), "{alias} names two fields");
                }
                let got = recognise(alias).unwrap_or_else(|| panic!("{alias} not recognised"));
                assert_eq!((got.field, got.stage), (s.field, s.stage), "{alias}");
            }
        }
    }
}
