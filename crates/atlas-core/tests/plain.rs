//! Words a parent understands: ranks with their direction, why a gross rate passes 100%, and
//! the sentence that opens each section of the township and school pages. Values from
//! `fixtures/schools_county.json` (see `tests/schools.rs` for the school by school figures).

use atlas_core::classify::Order;
use atlas_core::indicators::{compute, find, IndicatorDef};
use atlas_core::plain::{
    above_hundred_reason, lines, rank_text_en, rank_text_zh, ranks_summary, schools_summary, Change, LastYear,
};
use atlas_core::schools::{school_verdicts, SchoolStandards};
use atlas_core::snapshot::Snapshot;
use atlas_core::TownshipCode;

fn fixture() -> Snapshot {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/schools_county.json");
    atlas_core::load::parse_snapshot("schools_county.json", &std::fs::read(path).unwrap()).unwrap()
}

fn def(id: &str) -> &'static IndicatorDef {
    find(id).unwrap_or_else(|| panic!("{id}"))
}

#[test]
fn a_rank_says_which_way_it_counts() {
    assert_eq!(rank_text_zh(4, 8, Order::Descending), "从高到低第 4 / 8 名");
    assert_eq!(rank_text_zh(1, 8, Order::Ascending), "从低到高第 1 / 8 名");
    assert_eq!(rank_text_en(4, 8, Order::Descending), "4th of 8, highest first");
    let ordinals: Vec<String> =
        [1, 2, 3, 11, 12, 13, 21, 22].iter().map(|r| rank_text_en(*r, 30, Order::Ascending)).collect();
    assert_eq!(
        ordinals.iter().map(|t| t.split(' ').next().unwrap()).collect::<Vec<_>>(),
        ["1st", "2nd", "3rd", "11th", "12th", "13th", "21st", "22nd"]
    );
}

#[test]
fn a_gross_rate_above_100_carries_its_reason() {
    // 息烽's 2020 巩固率 was 101.72%: real, because students moved in.
    let (zh, en) = above_hundred_reason(def("compulsory_retention_rate"), Some(101.72)).unwrap();
    assert!(zh.starts_with("巩固率可以超过 100%") && en.starts_with("A retention rate can pass 100%"));
    assert!(above_hundred_reason(def("preschool_gross_enrolment"), Some(104.0)).is_some());
    // Exactly 100, below it, no value, or not a gross rate: nothing to explain.
    assert_eq!(above_hundred_reason(def("preschool_gross_enrolment"), Some(100.0)), None);
    assert_eq!(above_hundred_reason(def("preschool_gross_enrolment"), None), None);
    assert_eq!(above_hundred_reason(def("inclusive_kindergarten_coverage"), Some(100.5)), None);
}

#[test]
fn students_against_last_year() {
    // 1,234 against 1,290: 56 fewer, −56 ÷ 1,290 = −4.34%.
    let change = Change::new(1234.0, LastYear::Value(1290.0));
    assert_eq!(change.students_zh(), "在校生 1,234 人，比上一学年减少 56 人（-4.3%）。");
    assert_eq!(change.students_en(), "1,234 students, 56 fewer than the year before (-4.3%).");
    // 1,290 after 1,234: 56 more, 56 ÷ 1,234 = +4.54%.
    assert_eq!(
        Change::new(1290.0, LastYear::Value(1234.0)).students_zh(),
        "在校生 1,290 人，比上一学年增加 56 人（+4.5%）。"
    );
    assert_eq!(Change::new(700.0, LastYear::Value(700.0)).students_zh(), "在校生 700 人，与上一学年持平。");
    // While last year is loading nothing is said about it; only a known absence says so.
    assert_eq!(Change::new(700.0, LastYear::Pending).students_zh(), "在校生 700 人。");
    assert_eq!(Change::new(700.0, LastYear::None).students_zh(), "在校生 700 人；没有上一学年的数据可比较。");
}

#[test]
fn a_section_of_indicators_against_their_lines() {
    let snapshot = fixture();
    let values = compute(&snapshot);
    let rows = |school: &str, ids: &[&str]| -> Vec<(&'static IndicatorDef, Option<f64>)> {
        ids.iter().map(|id| (def(id), values.school(id, school))).collect()
    };
    // 化念镇中心小学's teachers: students per teacher has no line; degree 4.8 and backbone 1.2
    // meet theirs; PE-art 9 ÷ 1250 × 100 = 0.72 is below 0.9.
    let teachers = [
        "student_teacher_ratio_primary",
        "degree_teachers_per100_primary",
        "backbone_teachers_per100_primary",
        "pe_art_teachers_per100_primary",
    ];
    let summary = lines(&rows("hn-p1", &teachers));
    assert_eq!((summary.with_line, summary.met, summary.not_reported), (3, 2, 0));
    assert_eq!(
        summary.text_zh().unwrap(),
        "有标准线的 3 项中 2 项达到标准线；未达到：小学每百名学生拥有体育、艺术（美术、音乐）专任教师数 0.72 /百生（标准 ≥0.9）。"
    );
    // Its facilities: floor 5.0, sports 8.0, equipment 2500, multimedia 2.4 all meet; books have
    // no line.
    let facilities = [
        "floor_area_per_student_primary",
        "sports_area_per_student_primary",
        "equipment_value_per_student_primary",
        "multimedia_classrooms_per100_primary",
        "books_per_student_primary",
    ];
    assert_eq!(lines(&rows("hn-p1", &facilities)).text_zh().unwrap(), "有标准线的 4 项全部达到标准线。");
    assert_eq!(
        lines(&rows("hn-p1", &facilities)).text_en().unwrap(),
        "All 4 indicators with a line meet it."
    );
    // 小河小学 reported no facilities.
    assert_eq!(lines(&rows("hn-p3", &facilities)).text_zh().unwrap(), "有标准线的 4 项本期均未报送。");
    // No line at all: no sentence.
    assert_eq!(lines(&rows("hn-p1", &["students_total"])).text_zh(), None);
}

#[test]
fn a_townships_schools_in_one_sentence() {
    // 化念镇: 中心小学 misses (PE-art 80%), 化念小学 misses (class 45.5), 小河小学 is not reported,
    // 石门教学点 misses (0 backbone and 0 PE-art teachers: 5 of 7), 化念中学 meets everything.
    let snapshot = fixture();
    let values = compute(&snapshot);
    let verdicts = school_verdicts(&snapshot);
    let standards: Vec<SchoolStandards> = snapshot
        .schools_in(&TownshipCode::from("530426104"))
        .map(|s| SchoolStandards::of(s, &values, &verdicts))
        .collect();
    let summary = schools_summary(&standards);
    assert_eq!(
        (summary.schools, summary.judged, summary.meeting, summary.missing, summary.not_reported),
        (5, 5, 1, 3, 1)
    );
    assert_eq!(
        summary.text_zh(),
        "共 5 所学校；其中 5 所小学、初中有班额和资源配置标准，1 所全部达到，3 所有未达到的标准，1 所部分数据未报送。"
    );
    // 双江街道's kindergarten and senior high school are held to neither standard.
    let sj: Vec<SchoolStandards> = ["sj-k1", "sj-s1"]
        .iter()
        .map(|id| {
            SchoolStandards::of(snapshot.schools.iter().find(|s| s.id == *id).unwrap(), &values, &verdicts)
        })
        .collect();
    assert_eq!(
        schools_summary(&sj).text_zh(),
        "共 2 所学校；都不是小学、初中，没有班额和资源配置标准可对照。"
    );
}

#[test]
fn where_a_township_ranks_in_one_sentence() {
    // Of 8 townships: ranks 1 and 3 are in the best three, 7 in the last three (6, 7, 8), 5 in
    // neither.
    let summary = ranks_summary(8, &[(1, 8), (3, 8), (5, 8), (7, 8)]);
    assert_eq!((summary.top_three, summary.bottom_three), (2, 1));
    assert_eq!(
        summary.text_zh(),
        "在 8 个乡镇（街道）中，下表 4 项有好坏方向的指标里，2 项排在最好的前三名，1 项排在最后三名。"
    );
    // With 5 townships the best and last three overlap: only the best three are counted.
    assert_eq!(ranks_summary(5, &[(3, 5)]).bottom_three, 0);
}
