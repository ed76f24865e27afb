//! Schools from the sheets an office keeps, in either layout:
//!
//! - **long**: one row per school per stage, with a 学段 column (what `atlas export
//!   --import-files` writes); a school's own columns may repeat on each of its rows or be blank
//!   after the first, and must agree where they repeat;
//! - **wide**: one row per school (the base forms and county 综合表), with per-stage columns
//!   (小学在校生数, 在校生数 merged over 小学 | 初中 …) and whole-school totals (班级数, 专任教师数 …).
//!
//! Nothing is made up on the way. A blank cell or an absent column is "not reported", never 0.
//! A whole-school total of a school with one stage is that stage's; of a school spanning stages it
//! stays a whole-school figure (`whole_school`) unless every stage gives its own. A measure the
//! office keeps only as parts (正高级 + 副高级, 56–65人 + 66人及以上) is their sum.

use super::catalogue::{self, Facility, Measure, Part, Recognised, SchoolField};
use super::cells::{in_range, parse_finite, Problem};
use super::table_sheet::{closest, Cell, Cells, Sheet};
use crate::report::{FileReport, Issue};
use crate::snapshot::{Location, Ownership, SchoolType, Stage, UrbanRural};
use crate::validate::rules;
use crate::vocabulary::Vocabulary;
use std::collections::{BTreeMap, HashMap};

/// The counts of one stage (or of the whole school), each `None` when not reported.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Counts {
    values: [Option<u32>; 8],
}

impl Counts {
    pub fn get(&self, m: Measure) -> Option<u32> {
        self.values[m as usize]
    }

    pub fn set(&mut self, m: Measure, value: Option<u32>) {
        self.values[m as usize] = value;
    }

    pub fn is_empty(&self) -> bool {
        self.values.iter().all(Option::is_none)
    }
}

/// Facilities as read, each `None` when not reported.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct FacilityValues {
    pub floor_area_m2: Option<f64>,
    pub indoor_sports_area_m2: Option<f64>,
    pub sports_ground_area_m2: Option<f64>,
    pub equipment_value_yuan: Option<f64>,
    pub multimedia_classrooms: Option<u32>,
    pub books: Option<u32>,
}

impl FacilityValues {
    pub fn is_empty(&self) -> bool {
        *self == FacilityValues::default()
    }
}

/// A school as read from its rows, before its township and ownership are settled.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SchoolDraft {
    pub id: String,
    /// The table it was read from and its rows there.
    pub table: String,
    pub lines: Vec<u64>,
    pub name: Option<(String, u64)>,
    /// The township as written (code, 12-digit site code or name), with line and column.
    pub township: Option<(String, u64, usize)>,
    pub kind: Option<(SchoolType, u64)>,
    pub ownership: Option<(Ownership, u64)>,
    pub urban_rural: Option<(UrbanRural, u64)>,
    pub places: Option<(u32, u64)>,
    pub location: Option<(Location, u64)>,
    pub facilities: Option<(FacilityValues, u64)>,
    pub stages: BTreeMap<Stage, Counts>,
    /// Whole-school figures of a school spanning stages whose stages do not give them.
    pub whole_school: Counts,
    stage_lines: BTreeMap<Stage, u64>,
    /// A row had a bad cell (already reported): what the school lacks is not reported again.
    pub had_bad_cells: bool,
}

impl SchoolDraft {
    fn new(id: String, table: &str) -> SchoolDraft {
        SchoolDraft {
            id,
            table: table.to_string(),
            lines: Vec::new(),
            name: None,
            township: None,
            kind: None,
            ownership: None,
            urban_rural: None,
            places: None,
            location: None,
            facilities: None,
            stages: BTreeMap::new(),
            whole_school: Counts::default(),
            stage_lines: BTreeMap::new(),
            had_bad_cells: false,
        }
    }
}

/// Schools read so far from every schools table, in order of first appearance.
#[derive(Default)]
pub(crate) struct Schools {
    pub drafts: Vec<SchoolDraft>,
    by_id: HashMap<String, usize>,
}

/// Which column holds what in one schools table.
struct Layout {
    attributes: BTreeMap<SchoolField, (usize, f64)>,
    measures: BTreeMap<(Measure, Option<Stage>), (usize, f64)>,
    parts: BTreeMap<(Part, Option<Stage>), (usize, f64)>,
    facilities: BTreeMap<Facility, (usize, f64)>,
    /// One row per school per stage (a 学段 column) rather than one row per school.
    long: bool,
}

impl Layout {
    fn column(&self, field: SchoolField) -> Option<usize> {
        self.attributes.get(&field).map(|&(i, _)| i)
    }
}

/// The headers of a school table that mean the same field, reported once.
fn layout_of(sheet: &Sheet<Recognised>, report: &mut FileReport) -> Option<Layout> {
    let mut layout = Layout {
        attributes: BTreeMap::new(),
        measures: BTreeMap::new(),
        parts: BTreeMap::new(),
        facilities: BTreeMap::new(),
        long: false,
    };
    let mut ok = true;
    for &(index, r) in &sheet.columns {
        let first = match r.field {
            SchoolField::Measure(m) => layout.measures.insert((m, r.stage), (index, r.scale)),
            SchoolField::Part(p) => layout.parts.insert((p, r.stage), (index, r.scale)),
            SchoolField::Facility(f) => layout.facilities.insert(f, (index, r.scale)),
            field => layout.attributes.insert(field, (index, r.scale)),
        };
        if let Some((first, _)) = first {
            ok = false;
            let stage = r.stage.map(|s| s.label_zh().to_string()).unwrap_or_default();
            report.push(sheet.header_issue(
                Some(index),
                Issue::error(
                    rules::DUPLICATE_COLUMN,
                    "",
                    format!(
                        "第 {} 列“{}”与第 {} 列“{}”都是{stage}“{}”",
                        index + 1,
                        sheet.heading(index),
                        first + 1,
                        sheet.heading(first),
                        r.spec.zh
                    ),
                    format!(
                        "column {} `{}` and column {} `{}` are both {stage}`{}`",
                        index + 1,
                        sheet.heading(index),
                        first + 1,
                        sheet.heading(first),
                        r.spec.en
                    ),
                ),
            ));
        }
    }
    layout.long = layout.attributes.contains_key(&SchoolField::Stage);
    ok.then_some(layout)
}

/// Read one schools table into `schools`. Problems go to `report`.
pub(crate) fn read_school_table(sheet: &Sheet<Recognised>, schools: &mut Schools, report: &mut FileReport) {
    let Some(layout) = layout_of(sheet, report) else { return };
    report_unknown_columns(sheet, report);
    if !required_columns_present(sheet, &layout, report) {
        return;
    }
    if layout.long {
        let staged: Vec<usize> =
            layout.measures.iter().filter(|((_, stage), _)| stage.is_some()).map(|(_, &(i, _))| i).collect();
        if let Some(&index) = staged.first() {
            report.push(sheet.header_issue(
                Some(index),
                Issue::error(
                    rules::MIXED_LAYOUT,
                    "",
                    format!(
                        "表中有“学段”列（每校每学段一行），又有分学段的列“{}”（每校一行）。请二选一：每校每学段一行时删去分学段的列；每校一行时删去“学段”列",
                        sheet.heading(index)
                    ),
                    format!(
                        "the table has a 学段 column (one row per school per stage) and a per-stage column `{}` (one row per school). Use one layout: drop the per-stage columns, or drop the 学段 column",
                        sheet.heading(index)
                    ),
                ),
            ));
            return;
        }
    }
    let id_column = layout.column(SchoolField::Id);
    if id_column.is_none() {
        report.push(sheet.header_issue(
            None,
            Issue::warning(
                rules::ID_FROM_NAME,
                "",
                "表中没有学校标识码列：以学校名称作为学校的标识。名称逐年不变时，各年的数据才能对上；有标识码时请加上“学校标识码”列",
                "the table has no school id column: the school's name serves as its id, which links the years only while the name stays the same; add a 学校标识码 column when there is one",
            ),
        ));
    }

    for row in sheet.data_rows() {
        let mut r = Cells::new(sheet, row);
        if skip_row(&mut r, &layout, report) {
            continue;
        }
        let id_index = id_column.or(layout.column(SchoolField::Name)).unwrap_or(0);
        let id = match r.text(id_index) {
            Cell::Value(id) => Some(id),
            _ => {
                r.error(
                    id_index,
                    rules::MISSING_VALUE,
                    format!("“{}”为必填项，不能为空", sheet.heading(id_index)),
                    format!("`{}` is required and is empty", sheet.heading(id_index)),
                );
                None
            }
        };
        let own = read_school_columns(&mut r, &layout);
        let (counts, whole) =
            if layout.long { long_counts(&mut r, &layout) } else { wide_counts(&mut r, &layout, own.kind) };
        let Some(id) = id else {
            report.issues.append(&mut r.issues);
            continue;
        };
        let index = match schools.by_id.get(&id) {
            Some(&i) => {
                let draft = &schools.drafts[i];
                if !layout.long || draft.table != sheet.name {
                    let first = draft.lines.first().copied().unwrap_or(0);
                    let hint_zh =
                        if layout.long { "" } else { "若每校每学段一行，请加“学段”列" };
                    let hint_en =
                        if layout.long { "" } else { " If each stage has its own row, add a 学段 column." };
                    r.error(
                        id_index,
                        rules::DUPLICATE_SCHOOL_ID,
                        format!("学校 {id} 出现了两次（{} 第 {first} 行已有）。{hint_zh}", draft.table),
                        format!("school {id} appears twice (also {} line {first}).{hint_en}", draft.table),
                    );
                    report.issues.append(&mut r.issues);
                    continue;
                }
                i
            }
            None => {
                schools.by_id.insert(id.clone(), schools.drafts.len());
                schools.drafts.push(SchoolDraft::new(id.clone(), &sheet.name));
                schools.drafts.len() - 1
            }
        };
        let Some(draft) = schools.drafts.get_mut(index) else { continue };
        draft.lines.push(r.line());
        merge_school_columns(&mut r, &layout, draft, own);
        for (stage, record) in counts {
            if let Some(&first) = draft.stage_lines.get(&stage) {
                let column = layout.column(SchoolField::Stage).unwrap_or(0);
                r.error(
                    column,
                    rules::DUPLICATE_STAGE,
                    format!("学校 {id} 的“{}”学段出现两次（第 {first} 行已有）", stage.label_zh()),
                    format!("school {id} has its {} stage twice (also on line {first})", stage.key()),
                );
            } else {
                draft.stage_lines.insert(stage, r.line());
                draft.stages.insert(stage, record);
            }
        }
        draft.whole_school = whole;
        draft.had_bad_cells |= r.issues.iter().any(Issue::is_error);
        report.issues.append(&mut r.issues);
    }
}

/// Columns nobody recognised: a warning each with a likely intended header when there is one,
/// otherwise one warning listing them (序号, 备注 … do no harm).
fn report_unknown_columns(sheet: &Sheet<Recognised>, report: &mut FileReport) {
    let mut unused = Vec::new();
    for (index, heading) in &sheet.unknown {
        let key = catalogue::normalise(heading);
        // A stage word in front does not stop a suggestion (小学在校学生人数 → 学生数).
        let bare = catalogue::STAGE_WORDS
            .iter()
            .find_map(|(w, _)| key.strip_prefix(w).filter(|r| !r.is_empty()))
            .unwrap_or(&key);
        match closest(bare, catalogue::known_headers()) {
            Some(suggestion) => report.push(sheet.header_issue(
                Some(*index),
                Issue::warning(
                    rules::UNKNOWN_COLUMN,
                    "",
                    format!("不认识的列“{heading}”，已忽略。你是不是指“{suggestion}”？"),
                    format!("unknown column `{heading}`, ignored. Did you mean `{suggestion}`?"),
                ),
            )),
            None if ["序号", "备注", "说明", "编号"].contains(&key.as_str()) => {}
            None => unused.push(heading.as_str()),
        }
    }
    if !unused.is_empty() {
        report.push(sheet.header_issue(
            None,
            Issue::warning(
                rules::UNKNOWN_COLUMN,
                "",
                format!("这些列不是导入所用的列，已忽略：{}", unused.join("、")),
                format!("these columns are not ones the import reads, ignored: {}", unused.join(", ")),
            ),
        ));
    }
}

/// The columns without which no school can be read: id or name, name, township, type,
/// ownership (办学性质 or 举办者) and students. A missing one names the unknown header most like it.
fn required_columns_present(sheet: &Sheet<Recognised>, layout: &Layout, report: &mut FileReport) -> bool {
    let mut missing: Vec<(&str, &str, &[SchoolField])> = Vec::new();
    let has = |f: SchoolField| layout.attributes.contains_key(&f);
    if !has(SchoolField::Name) {
        missing.push(("学校名称", "school_name", &[SchoolField::Name]));
    }
    if !has(SchoolField::Township) {
        missing.push(("乡镇代码", "township_code", &[SchoolField::Township]));
    }
    if !has(SchoolField::Type) {
        missing.push(("办学类型", "school_type", &[SchoolField::Type]));
    }
    if !has(SchoolField::Ownership) && !has(SchoolField::Sponsor) {
        missing.push(("办学性质", "ownership", &[SchoolField::Ownership, SchoolField::Sponsor]));
    }
    let students = layout.measures.keys().any(|(m, _)| *m == Measure::Students);
    if !students {
        missing.push(("学生数", "students", &[SchoolField::Measure(Measure::Students)]));
    }
    for (zh, en, fields) in &missing {
        let aliases = catalogue::SCHOOL_FIELDS
            .iter()
            .filter(|s| fields.contains(&s.field))
            .flat_map(|s| std::iter::once(s.zh).chain(s.also.iter().copied()))
            .map(|a| (catalogue::normalise(a), a));
        let near = sheet
            .unknown
            .iter()
            .find(|(_, heading)| closest(&catalogue::normalise(heading), aliases.clone()).is_some());
        let (hint_zh, hint_en) = match near {
            Some((_, heading)) => (
                format!("表中的“{heading}”是不是这一列？是的话请把表头改为“{zh}”"),
                format!(" Is `{heading}` that column? Then name it `{zh}`."),
            ),
            None => (String::new(), String::new()),
        };
        report.push(sheet.header_issue(
            None,
            Issue::error(
                rules::MISSING_COLUMN,
                "",
                format!("缺少必填列“{zh}”（英文列名 {en}）。{hint_zh}"),
                format!("missing required column `{zh}` (`{en}`).{hint_en}"),
            ),
        ));
        if let Some(last) = report.issues.last_mut() {
            last.path = format!("{} row {}, column {zh}", sheet.name, sheet.header.line());
        }
    }
    missing.is_empty()
}

/// Rows that hold no school: a 合计/小计 row of the office's own totals, and notes under the
/// table (填表人, 审核人 …). Each is named in a warning, so every row is accounted for.
fn skip_row(r: &mut Cells<Recognised>, layout: &Layout, report: &mut FileReport) -> bool {
    let name_column = layout.column(SchoolField::Name);
    let id_column = layout.column(SchoolField::Id);
    let name = name_column.map(|i| r.raw(i)).unwrap_or("");
    let id = id_column.map(|i| r.raw(i)).unwrap_or("");
    let first_text = r.row.cells().find(|c| !c.is_empty()).unwrap_or("");
    let label = if name.is_empty() { first_text } else { name };
    // Most rows are schools: only a label with one of these characters can be a total or a note.
    if !label.contains(['计', '县', '数', '区', '市', '注', '说', '填', '制', '审', '负', '备', '来'])
    {
        return false;
    }
    let key = catalogue::normalise(label);
    let total_word = |key: &str| {
        ["合计", "总计", "小计", "全县", "全县合计", "全县总计", "全区合计", "全市合计", "总数", "累计"]
            .contains(&key)
            || key.ends_with("合计")
            || key.ends_with("小计")
            || key.ends_with("总计")
    };
    let is_total = total_word(&key);
    let filled = r.row.cells().filter(|c| !c.is_empty()).count();
    let is_note = id.is_empty()
        && name.is_empty()
        && filled <= 2
        && [
            "注",
            "说明",
            "填表",
            "制表",
            "审核",
            "负责人",
            "单位负责人",
            "统计负责人",
            "填报",
            "备注",
            "数据来源",
        ]
        .iter()
        .any(|w| key.starts_with(w));
    let id_blank = id.is_empty() || total_word(&catalogue::normalise(id));
    if (is_total && id_blank) || is_note {
        let (zh, en) = if is_total {
            (
                format!("第 {} 行“{label}”是合计行，不是学校，已跳过", r.line()),
                format!("row {} `{label}` is a total row, not a school; skipped", r.line()),
            )
        } else {
            (
                format!("第 {} 行“{label}”是表下的说明，不是学校，已跳过", r.line()),
                format!("row {} `{label}` is a note under the table, not a school; skipped", r.line()),
            )
        };
        let column = name_column.unwrap_or(0);
        report
            .push(Issue::warning(rules::ROW_SKIPPED, r.path(column), zh, en).at(r.line(), column as u64 + 1));
        return true;
    }
    false
}

/// The school's own columns of one row (each `None` when blank or bad).
struct OwnColumns {
    name: Option<String>,
    township: Option<(String, usize)>,
    kind: Option<SchoolType>,
    ownership: Option<Ownership>,
    urban_rural: Option<UrbanRural>,
    places: Option<u32>,
    location: Option<Location>,
    facilities: Option<FacilityValues>,
}

fn read_school_columns(r: &mut Cells<Recognised>, layout: &Layout) -> OwnColumns {
    let text = |r: &mut Cells<Recognised>, f: SchoolField| layout.column(f).and_then(|i| r.text(i).value());
    let name = text(r, SchoolField::Name);
    let township = layout.column(SchoolField::Township).and_then(|i| r.text(i).value().map(|t| (t, i)));
    let kind = layout.column(SchoolField::Type).and_then(|i| r.parse(i, school_type).value());
    let ownership = read_ownership(r, layout);
    let urban_rural =
        layout.column(SchoolField::UrbanRural).and_then(|i| r.parse(i, term::<UrbanRural>).value());
    let places = layout.column(SchoolField::Places).and_then(|i| {
        let scale = layout.attributes.get(&SchoolField::Places).map(|&(_, s)| s).unwrap_or(1.0);
        r.count(i, scale).value()
    });
    let coordinate = |r: &mut Cells<Recognised>, f: SchoolField, limit: f64| match layout.column(f) {
        Some(i) => r.parse(i, |s| parse_finite(s).and_then(|v| in_range(s, v, limit))),
        None => Cell::Blank,
    };
    let lon = coordinate(r, SchoolField::Longitude, 180.0);
    let lat = coordinate(r, SchoolField::Latitude, 90.0);
    let location = match (lon, lat) {
        (Cell::Value(lon), Cell::Value(lat)) => Some(Location { lon, lat }),
        (Cell::Blank, Cell::Blank) | (Cell::Bad, _) | (_, Cell::Bad) => None,
        (Cell::Blank, _) => {
            let i =
                layout.column(SchoolField::Longitude).or(layout.column(SchoolField::Latitude)).unwrap_or(0);
            r.error(
                i,
                rules::MISSING_VALUE,
                "填写了纬度却没有经度".into(),
                "latitude given without longitude".into(),
            );
            None
        }
        (_, Cell::Blank) => {
            let i =
                layout.column(SchoolField::Latitude).or(layout.column(SchoolField::Longitude)).unwrap_or(0);
            r.error(
                i,
                rules::MISSING_VALUE,
                "填写了经度却没有纬度".into(),
                "longitude given without latitude".into(),
            );
            None
        }
    };
    let mut facilities = FacilityValues::default();
    for (&f, &(i, scale)) in &layout.facilities {
        match f {
            Facility::FloorArea => facilities.floor_area_m2 = r.amount(i, scale).value(),
            Facility::IndoorSports => facilities.indoor_sports_area_m2 = r.amount(i, scale).value(),
            Facility::SportsGround => facilities.sports_ground_area_m2 = r.amount(i, scale).value(),
            Facility::Equipment => facilities.equipment_value_yuan = r.amount(i, scale).value(),
            Facility::Multimedia => facilities.multimedia_classrooms = r.count(i, scale).value(),
            Facility::Books => facilities.books = r.count(i, scale).value(),
        }
    }
    let facilities = (!facilities.is_empty()).then_some(facilities);
    OwnColumns { name, township, kind, ownership, urban_rural, places, location, facilities }
}

/// 办学性质 from its own column, or from 举办者: every sponsor of the base forms but 民办 runs a
/// public school. A private kindergarten recognised as 普惠性 (是否普惠 = 是) is 民办普惠; a public
/// one is 公办 whatever the flag says (public kindergartens are inclusive by definition). Where
/// both 办学性质 and 举办者 are given they must agree.
fn read_ownership(r: &mut Cells<Recognised>, layout: &Layout) -> Option<Ownership> {
    let stated = layout.column(SchoolField::Ownership).map(|i| (i, r.parse(i, term::<Ownership>)));
    let sponsor = layout.column(SchoolField::Sponsor).map(|i| (i, r.parse(i, sponsor_is_public)));
    let inclusive = layout.column(SchoolField::Inclusive).and_then(|i| r.parse(i, yes_or_no).value());
    let from_sponsor = match sponsor {
        Some((_, Cell::Value(true))) => Some(Ownership::Public),
        Some((_, Cell::Value(false))) => Some(Ownership::Private),
        _ => None,
    };
    let base = match (stated, from_sponsor) {
        (Some((_, Cell::Value(o))), Some(s)) => {
            let public = o == Ownership::Public;
            if public != (s == Ownership::Public) {
                let i = sponsor.map(|(i, _)| i).unwrap_or(0);
                r.error(
                    i,
                    rules::CONFLICTING_VALUE,
                    format!("举办者“{}”与办学性质“{}”不一致", r.raw(i), o.label_zh()),
                    format!("the sponsor `{}` contradicts the ownership `{}`", r.raw(i), o.label_zh()),
                );
            }
            Some(o)
        }
        (Some((_, Cell::Value(o))), None) => Some(o),
        (Some((_, Cell::Bad)), _) => None,
        (_, s) => s,
    };
    match (base, inclusive) {
        (Some(Ownership::Private), Some(true)) => Some(Ownership::PrivateInclusive),
        (base, _) => base,
    }
}

/// Take each school-level value from the first row that gives it; a later row that gives a
/// different value is an error naming both lines.
fn merge_school_columns(
    r: &mut Cells<Recognised>,
    layout: &Layout,
    draft: &mut SchoolDraft,
    own: OwnColumns,
) {
    let line = r.line();
    let id = draft.id.clone();
    fn merge<T: PartialEq>(slot: &mut Option<(T, u64)>, value: Option<T>, line: u64) -> Option<u64> {
        match (slot.as_ref(), value) {
            (None, Some(v)) => {
                *slot = Some((v, line));
                None
            }
            (Some((existing, first)), Some(v)) if *existing != v => Some(*first),
            _ => None,
        }
    }
    let mut conflicts: Vec<(SchoolField, u64)> = Vec::new();
    let mut check = |field: SchoolField, first: Option<u64>| {
        if let Some(first) = first {
            conflicts.push((field, first));
        }
    };
    check(SchoolField::Name, merge(&mut draft.name, own.name, line));
    let township_conflict = match (&draft.township, own.township) {
        (None, Some((text, column))) => {
            draft.township = Some((text, line, column));
            None
        }
        (Some((existing, first, _)), Some((text, _))) if *existing != text => Some(*first),
        _ => None,
    };
    check(SchoolField::Township, township_conflict);
    check(SchoolField::Type, merge(&mut draft.kind, own.kind, line));
    let ownership_field = if layout.column(SchoolField::Ownership).is_some() {
        SchoolField::Ownership
    } else {
        SchoolField::Sponsor
    };
    check(ownership_field, merge(&mut draft.ownership, own.ownership, line));
    check(SchoolField::UrbanRural, merge(&mut draft.urban_rural, own.urban_rural, line));
    check(SchoolField::Places, merge(&mut draft.places, own.places, line));
    check(SchoolField::Longitude, merge(&mut draft.location, own.location, line));
    if let Some(first) = merge(&mut draft.facilities, own.facilities, line) {
        let column = layout.facilities.values().next().map(|&(i, _)| i).unwrap_or(0);
        r.error(
            column,
            rules::CONFLICTING_VALUE,
            format!("学校 {id} 的办学条件与第 {first} 行不一致"),
            format!("the facilities of school {id} differ from line {first}"),
        );
    }
    for (field, first) in conflicts {
        let column = layout.column(field).unwrap_or(0);
        let heading = r.sheet.heading(column).to_string();
        r.error(
            column,
            rules::CONFLICTING_VALUE,
            format!("学校 {id} 的“{heading}”与第 {first} 行不一致"),
            format!("`{heading}` of school {id} differs from line {first}"),
        );
    }
}

/// The long layout: the row's stage and its counts.
fn long_counts(r: &mut Cells<Recognised>, layout: &Layout) -> (Vec<(Stage, Counts)>, Counts) {
    let stage_column = layout.column(SchoolField::Stage).unwrap_or(0);
    let stage = r.parse(stage_column, stage_of);
    let counts = read_counts(r, layout, None);
    match stage {
        Cell::Value(stage) => (vec![(stage, counts)], Counts::default()),
        Cell::Blank => {
            // A row without a stage carries only the school's own columns; its counts must be
            // blank too.
            if !counts.is_empty() {
                r.error(
                    stage_column,
                    rules::MISSING_VALUE,
                    "填写了学生、班级或教师数却没有填写学段".into(),
                    "students, classes or teachers are given but the stage is empty".into(),
                );
            }
            (Vec::new(), Counts::default())
        }
        Cell::Bad => (Vec::new(), Counts::default()),
    }
}

/// Every measure for one stage qualifier (`None`: unqualified columns) from its own column or,
/// failing that, from a complete set of its parts.
fn read_counts(r: &mut Cells<Recognised>, layout: &Layout, stage: Option<Stage>) -> Counts {
    let mut counts = Counts::default();
    for m in Measure::ALL {
        let direct = layout.measures.get(&(m, stage)).copied();
        let value = match direct {
            Some((i, scale)) => r.count(i, scale).value(),
            None => from_parts(r, layout, m, stage),
        };
        counts.set(m, value);
    }
    counts
}

/// A measure from its parts, when the table has a complete set of them for this stage qualifier:
/// the sum of the filled cells, or not reported when all are blank. Blank cells in a set that has
/// a filled one count as 0 (an office that fills 副高级 and leaves 正高级 blank has none).
fn from_parts(r: &mut Cells<Recognised>, layout: &Layout, m: Measure, stage: Option<Stage>) -> Option<u32> {
    use Part::*;
    let sets: &[&[Part]] = match m {
        Measure::LargeClasses => {
            &[&[Classes56To65, Classes66Plus], &[Classes56To60, Classes61To65, Classes66Plus]]
        }
        Measure::SeniorTitle => &[&[ProfessorTitle, AssociateProfessorTitle]],
        Measure::PeArt => &[&[PeTeachers, ArtTeachers], &[PeTeachers, MusicTeachers, FineArtTeachers]],
        // The degree above the one a stage requires: 专科 for 学前 and 小学, 本科 for 初中, 研究生
        // for 高中 and 中职. Unqualified columns of a one-row-per-school table serve the school's
        // one stage (see `wide_counts`).
        Measure::AboveDegree => match stage {
            Some(Stage::Preschool | Stage::Primary) => {
                &[&[AssociateOrAbove], &[Postgraduate, Bachelor, Associate]]
            }
            Some(Stage::Junior) => &[&[BachelorOrAbove], &[Postgraduate, Bachelor]],
            Some(Stage::Senior | Stage::Vocational) => &[&[Postgraduate]],
            _ => &[],
        },
        _ => &[],
    };
    let columns: Vec<(usize, f64)> = sets
        .iter()
        .find(|set| set.iter().all(|p| layout.parts.contains_key(&(*p, stage))))
        .map(|set| set.iter().filter_map(|p| layout.parts.get(&(*p, stage)).copied()).collect())?;
    let mut sum: Option<u32> = None;
    for (i, scale) in columns {
        if let Some(v) = r.count(i, scale).value() {
            sum = Some(sum.unwrap_or(0).saturating_add(v));
        }
    }
    sum
}

/// The stages a school of this type teaches in every case, and the ones it may add (a 小学's
/// attached preschool class).
fn main_stages(kind: SchoolType) -> &'static [Stage] {
    match kind {
        SchoolType::Primary | SchoolType::TeachingPoint => &[Stage::Primary],
        other => other.allowed_stages(),
    }
}

/// The wide layout: per-stage counts where the table has per-stage columns, whole-school totals
/// otherwise. Returns the stages with their counts, and the whole-school figures of a school
/// spanning stages that no stage column gives.
fn wide_counts(
    r: &mut Cells<Recognised>,
    layout: &Layout,
    kind: Option<SchoolType>,
) -> (Vec<(Stage, Counts)>, Counts) {
    let total = read_counts(r, layout, None);
    let Some(kind) = kind else { return (Vec::new(), Counts::default()) };
    let allowed = kind.allowed_stages();
    let main = main_stages(kind);
    let mut per_stage: BTreeMap<Stage, Counts> = BTreeMap::new();
    let mut present: Vec<Stage> = Vec::new();
    let stage_columns = |s: Stage| layout.measures.contains_key(&(Measure::Students, Some(s)));
    for &s in allowed {
        if !stage_columns(s) {
            continue;
        }
        let counts = read_counts(r, layout, Some(s));
        let students = counts.get(Measure::Students);
        // A main stage is taught when its students are given (0 included); an attached preschool
        // class only when it has children.
        let taught = match students {
            Some(n) => main.contains(&s) || n > 0,
            None => false,
        };
        if taught {
            present.push(s);
            per_stage.insert(s, counts);
        }
    }
    if present.is_empty() {
        if main.len() == 1 {
            // One stage: the unqualified columns are that stage's.
            let s = main[0];
            let mut counts = total;
            if counts.get(Measure::AboveDegree).is_none() {
                counts.set(Measure::AboveDegree, from_parts_unqualified(r, layout, s));
            }
            if counts.get(Measure::Students).is_none() {
                missing_students(r, layout, kind);
                return (Vec::new(), Counts::default());
            }
            return (vec![(s, counts)], Counts::default());
        }
        if total.get(Measure::Students).is_some() || allowed.iter().all(|s| !stage_columns(*s)) {
            let column = layout.measures.get(&(Measure::Students, None)).map(|&(i, _)| i).unwrap_or(0);
            let stages: Vec<&str> = main.iter().map(|s| s.label_zh()).collect();
            r.error(
                column,
                rules::STAGES_NOT_SPLIT,
                format!(
                    "{}跨{}学段，表中只有全校的在校生数。请加上分学段的在校生数列（如“{}在校生数”），或改用每校每学段一行的格式（加“学段”列）",
                    kind.label_zh(),
                    stages.join("、"),
                    stages.join("在校生数”“")
                ),
                format!(
                    "a {} spans the stages {}, and the table gives only the whole school's students. Add a students column per stage (such as `{}在校生数`), or use one row per school per stage (with a 学段 column)",
                    kind.label_zh(),
                    stages.join(", "),
                    stages.first().copied().unwrap_or("小学")
                ),
            );
        } else {
            missing_students(r, layout, kind);
        }
        return (Vec::new(), Counts::default());
    }
    // A measure every taught stage gives stays per stage; a whole-school total then has to agree
    // with their sum. A measure no stage gives, with a total, is a whole-school figure.
    let mut whole = Counts::default();
    for m in Measure::ALL.into_iter().filter(|m| *m != Measure::Students) {
        let given: Vec<Option<u32>> =
            present.iter().map(|s| per_stage.get(s).and_then(|c| c.get(m))).collect();
        let total_value = total.get(m);
        if present.len() == 1 {
            if given[0].is_none() {
                let value = if m == Measure::AboveDegree {
                    total_value.or_else(|| from_parts_unqualified(r, layout, present[0]))
                } else {
                    total_value
                };
                if let Some(c) = per_stage.get_mut(&present[0]) {
                    c.set(m, value);
                }
            }
            continue;
        }
        let filled: Vec<u32> = given.iter().flatten().copied().collect();
        match (filled.len() == present.len(), total_value) {
            (true, Some(t)) => {
                let sum: u64 = filled.iter().map(|&v| u64::from(v)).sum();
                if sum != u64::from(t) {
                    let column = layout.measures.get(&(m, None)).map(|&(i, _)| i).unwrap_or(0);
                    r.error(
                        column,
                        rules::CONFLICTING_VALUE,
                        format!("全校合计 {t} 与各学段之和 {sum} 不符"),
                        format!("the whole-school total {t} differs from the sum of the stages, {sum}"),
                    );
                }
            }
            (true, None) => {}
            (false, Some(t)) if filled.is_empty() => whole.set(m, Some(t)),
            (false, Some(_)) => {
                let column = layout.measures.get(&(m, None)).map(|&(i, _)| i).unwrap_or(0);
                r.warning(
                    column,
                    rules::TOTAL_NOT_SPLIT,
                    "只有部分学段填写了这一项：未填的学段记为未报送，全校合计未使用".into(),
                    "only some stages give this figure: the others are not reported, and the whole-school total is not used".into(),
                );
            }
            (false, None) => {}
        }
    }
    (present.into_iter().filter_map(|s| per_stage.remove(&s).map(|c| (s, c))).collect(), whole)
}

/// Degree parts without a stage qualifier, for a school whose one stage is `stage`.
fn from_parts_unqualified(r: &mut Cells<Recognised>, layout: &Layout, stage: Stage) -> Option<u32> {
    let qualified: BTreeMap<(Part, Option<Stage>), (usize, f64)> = layout
        .parts
        .iter()
        .filter(|((_, s), _)| s.is_none())
        .map(|(&(p, _), &v)| ((p, Some(stage)), v))
        .collect();
    if qualified.is_empty() {
        return None;
    }
    let view = Layout {
        attributes: BTreeMap::new(),
        measures: BTreeMap::new(),
        parts: qualified,
        facilities: BTreeMap::new(),
        long: false,
    };
    from_parts(r, &view, Measure::AboveDegree, Some(stage))
}

fn missing_students(r: &mut Cells<Recognised>, layout: &Layout, kind: SchoolType) {
    let column =
        layout.measures.iter().find(|((m, _), _)| *m == Measure::Students).map(|(_, &(i, _))| i).unwrap_or(0);
    r.error(
        column,
        rules::MISSING_VALUE,
        format!("这所{}没有填写在校生数", kind.label_zh()),
        format!("this {} gives no students", kind.label_zh()),
    );
}

// ── Values ───────────────────────────────────────────────────────────────────────────────────

fn unknown_value(text: &str, allowed: &[&str]) -> Problem {
    (
        rules::UNKNOWN_VALUE,
        format!("“{text}”不是可用的取值；可用：{}", allowed.join("、")),
        format!("`{text}` is not one of: {}", allowed.join(", ")),
    )
}

/// A term of one of the format's vocabularies, in any spelling its table accepts (the base
/// forms' names among them), with the spaces and punctuation of a spreadsheet cell ignored.
pub(crate) fn term<T: Vocabulary>(text: &str) -> Result<T, Problem> {
    T::from_any_label(text)
        .or_else(|| T::from_any_label(&catalogue::normalise(text)))
        .ok_or_else(|| unknown_value(text, &T::labels_zh()))
}

/// 办学类型 as the base forms and county sheets write it.
pub(crate) fn school_type(text: &str) -> Result<SchoolType, Problem> {
    term(text)
}

/// 举办者 → whether the school is publicly run: every sponsor of the base forms but 民办.
fn sponsor_is_public(text: &str) -> Result<bool, Problem> {
    const PUBLIC: &[&str] = &[
        "教育部门",
        "教育行政部门",
        "地方教育部门",
        "教育部门办",
        "教育部门和集体办",
        "其他部门",
        "地方其他部门",
        "其他部门办",
        "中央部门",
        "地方企业",
        "国有企业",
        "事业单位",
        "部队",
        "军队",
        "集体",
        "集体办",
        "村集体",
        "街道",
        "乡镇政府",
        "公办",
    ];
    const PRIVATE: &[&str] = &[
        "民办",
        "社会力量",
        "社会力量办",
        "个人",
        "公民个人",
        "私人",
        "民办企业",
        "民营企业",
        "社会团体",
        "社会组织",
    ];
    let key = catalogue::normalise(text);
    if PUBLIC.contains(&key.as_str()) {
        Ok(true)
    } else if PRIVATE.contains(&key.as_str()) || key.starts_with("民办") {
        Ok(false)
    } else {
        Err(unknown_value(text, &["教育部门", "其他部门", "地方企业", "事业单位", "部队", "集体", "民办"]))
    }
}

fn yes_or_no(text: &str) -> Result<bool, Problem> {
    match catalogue::normalise(text).as_str() {
        "是" | "普惠" | "普惠性" | "普惠园" | "√" | "✓" | "y" | "yes" | "true" | "1" => Ok(true),
        "否" | "非普惠" | "非普惠性" | "×" | "n" | "no" | "false" | "0" => Ok(false),
        _ => Err(unknown_value(text, &["是", "否"])),
    }
}

fn stage_of(text: &str) -> Result<Stage, Problem> {
    term::<Stage>(text).map_err(|_| {
        (
            rules::UNKNOWN_VALUE,
            format!("“{text}”不是学段；可用：学前、小学、初中、普通高中、中职、特殊教育"),
            format!("`{text}` is not a stage; use 学前, 小学, 初中, 普通高中, 中职 or 特殊教育"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::read_tables;

    fn read(csv: &str) -> (Vec<SchoolDraft>, Vec<Issue>) {
        let table = read_tables("学校.csv", csv.as_bytes()).unwrap().remove(0);
        let sheet = Sheet::new(&table, &catalogue::recognise).unwrap();
        let mut schools = Schools::default();
        let mut report = FileReport::new("学校.csv");
        read_school_table(&sheet, &mut schools, &mut report);
        (schools.drafts, report.issues)
    }

    fn stage(d: &SchoolDraft, s: Stage, m: Measure) -> Option<u32> {
        d.stages.get(&s).and_then(|c| c.get(m))
    }

    #[test]
    fn the_wide_layout_reads_stages_and_whole_school_totals() {
        let csv = "2024年学校基本情况表\n\
            学校标识码,学校名称,乡镇,办学类型,举办者,小学在校生数,初中在校生数,班级数,专任教师数,其中：高级职称,56人以上班级数\n\
            2153000001,化念中学,化念镇,九年一贯制学校,教育部门,300,210,11,35,4,\n\
            2153000002,双江一小,双江街道,完全小学,教育部门,620,,14,36,,1\n\
            合计,,,,,920,210,25,71,4,1\n";
        let (drafts, issues) = read(csv);
        assert!(issues.iter().all(|i| !i.is_error()), "{issues:#?}");
        assert!(issues.iter().any(|i| i.rule == rules::ROW_SKIPPED && i.line == Some(5)), "{issues:#?}");
        let nine = &drafts[0];
        assert_eq!(stage(nine, Stage::Primary, Measure::Students), Some(300));
        assert_eq!(stage(nine, Stage::Junior, Measure::Students), Some(210));
        // Whole-school totals of a school spanning stages stay whole-school figures.
        assert_eq!(stage(nine, Stage::Primary, Measure::Teachers), None);
        assert_eq!(nine.whole_school.get(Measure::Teachers), Some(35));
        assert_eq!(nine.whole_school.get(Measure::Classes), Some(11));
        assert_eq!(nine.whole_school.get(Measure::SeniorTitle), Some(4));
        // A blank cell is not reported, never 0.
        assert_eq!(nine.whole_school.get(Measure::LargeClasses), None);
        assert_eq!(nine.ownership.map(|o| o.0), Some(Ownership::Public));
        // A one-stage school's totals are its stage's.
        let primary = &drafts[1];
        assert_eq!(primary.kind.map(|k| k.0), Some(SchoolType::Primary));
        assert_eq!(stage(primary, Stage::Primary, Measure::Teachers), Some(36));
        assert_eq!(stage(primary, Stage::Primary, Measure::LargeClasses), Some(1));
        assert_eq!(stage(primary, Stage::Primary, Measure::SeniorTitle), None);
        assert!(!primary.stages.contains_key(&Stage::Junior));
    }

    #[test]
    fn parts_sum_to_their_measure_and_units_scale() {
        let csv = "学校名称,乡镇,办学类型,办学性质,学生数,56-65人,66人及以上,正高级,副高级,专科及以上学历,教学仪器设备值（万元）\n\
            甲小学,化念镇,小学,公办,500,2,,0,3,28,12.5\n";
        let (drafts, issues) = read(csv);
        assert!(issues.iter().all(|i| !i.is_error()), "{issues:#?}");
        assert!(issues.iter().any(|i| i.rule == rules::ID_FROM_NAME));
        let d = &drafts[0];
        assert_eq!(d.id, "甲小学");
        assert_eq!(stage(d, Stage::Primary, Measure::LargeClasses), Some(2));
        assert_eq!(stage(d, Stage::Primary, Measure::SeniorTitle), Some(3));
        assert_eq!(stage(d, Stage::Primary, Measure::AboveDegree), Some(28));
        assert_eq!(d.facilities.unwrap().0.equipment_value_yuan, Some(125_000.0));
    }

    #[test]
    fn a_school_spanning_stages_needs_its_students_per_stage() {
        let csv =
            "学校标识码,学校名称,乡镇,办学类型,办学性质,在校生数\n1,化念中学,化念镇,九年一贯制,公办,510\n";
        let (_, issues) = read(csv);
        let issue = issues.iter().find(|i| i.is_error()).unwrap();
        assert_eq!((issue.rule, issue.line, issue.column), (rules::STAGES_NOT_SPLIT, Some(2), Some(6)));
        assert!(issue.message_zh.contains("小学在校生数"), "{}", issue.message_zh);
    }

    #[test]
    fn a_missing_column_suggests_the_header_that_was_meant() {
        let csv = "学校标识码,学校名称,乡镇代码,办学类型,办学性质,学段,学生人数x,班级个数\n1,甲,530426001,小学,公办,小学,5,1\n";
        let (_, issues) = read(csv);
        let missing = issues.iter().find(|i| i.rule == rules::MISSING_COLUMN).unwrap();
        assert!(missing.message_zh.contains("学生人数x"), "{}", missing.message_zh);
        let unknown: Vec<&str> = issues
            .iter()
            .filter(|i| i.rule == rules::UNKNOWN_COLUMN)
            .map(|i| i.message_zh.as_str())
            .collect();
        assert_eq!(
            unknown,
            [
                "不认识的列“学生人数x”，已忽略。你是不是指“学生数”？",
                "不认识的列“班级个数”，已忽略。你是不是指“班数”？"
            ]
        );
    }

    #[test]
    fn values_as_the_base_forms_write_them() {
        assert_eq!(school_type("九年一贯制学校"), Ok(SchoolType::NineYear));
        assert_eq!(school_type("小学教学点"), Ok(SchoolType::TeachingPoint));
        assert_eq!(school_type("托儿所").unwrap_err().0, rules::UNKNOWN_VALUE);
        assert_eq!(sponsor_is_public("地方企业"), Ok(true));
        assert_eq!(sponsor_is_public("民办（个人）"), Ok(false));
        assert_eq!(term::<UrbanRural>("镇乡结合区"), Ok(UrbanRural::Town));
        assert_eq!(term::<UrbanRural>("220"), Ok(UrbanRural::Rural));
        assert_eq!(yes_or_no("√"), Ok(true));
        assert_eq!(stage_of("附设幼儿班"), Ok(Stage::Preschool));
    }
}
