//! `docs/indicators.md`, generated from the indicator table so the document cannot drift from
//! the code. A test compares the checked-in file with [`docs_markdown`]; `ATLAS_BLESS=1 cargo
//! test -p atlas-core --test indicators` rewrites it.

use super::{enrolment_weighted_cv, Category, IndicatorDef, Standing, UnitResource, INDICATORS};

/// The whole of `docs/indicators.md`.
pub fn docs_markdown() -> String {
    let mut doc = String::new();
    doc.push_str(INTRODUCTION);
    doc.push_str(&standings_section());
    for category in Category::ALL {
        let defs: Vec<&IndicatorDef> = INDICATORS.iter().filter(|d| d.category == category).collect();
        if defs.is_empty() {
            continue;
        }
        doc.push_str(&format!("\n## {} {}\n\n", category.label_zh(), category.label_en()));
        doc.push_str(
            "| id | 中文名 | English | 单位 Unit | 公式 Formula | 方向 Direction | 层级 Levels | 标准线 Threshold | 数据 Basis | 依据 Source |\n",
        );
        doc.push_str("|---|---|---|---|---|---|---|---|---|---|\n");
        for def in &defs {
            doc.push_str(&table_row(def));
        }
        doc.push_str("\n定义 Definitions:\n\n");
        for def in &defs {
            doc.push_str(&definition(def));
        }
    }
    doc.push_str(&balance_section());
    doc.push_str(STAGE_SPLITTING);
    doc.push_str(PER_SCHOOL_RULE);
    doc.push_str(REPORTED_AND_SURVEY);
    doc
}

fn table_row(def: &IndicatorDef) -> String {
    let unit = if def.unit.name_zh() == def.unit.name_en() {
        def.unit.name_zh().to_string()
    } else {
        format!("{} ({})", def.unit.name_zh(), def.unit.name_en())
    };
    let levels_zh: Vec<&str> = def.levels.iter().map(|l| l.label_zh()).collect();
    let levels_en: Vec<&str> = def.levels.iter().map(|l| l.label_en()).collect();
    let threshold = match def.threshold {
        Some(t) => format!("{}<br>{}", t.label(), t.standard_zh),
        None => "—".to_string(),
    };
    let cells = [
        format!("`{}`", def.id),
        def.name_zh.to_string(),
        def.name_en.to_string(),
        unit,
        def.formula_symbols.to_string(),
        format!("{}<br>{}", def.direction.label_zh(), def.direction.label_en()),
        format!("{}<br>{}", levels_zh.join("、"), levels_en.join(", ")),
        threshold,
        format!("{}<br>{}", def.basis().label_zh(), def.basis().label_en()),
        def.source_zh.to_string(),
    ];
    let cells: Vec<String> = cells.iter().map(|c| table_cell(c)).collect();
    format!("| {} |\n", cells.join(" | "))
}

/// A Markdown table cell: a `|` would end the cell and a newline the row.
fn table_cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn definition(def: &IndicatorDef) -> String {
    let mut item = format!("- **`{}`** {} / {}\n", def.id, def.name_zh, def.name_en);
    item.push_str(&format!("  - 公式：{}\n", def.formula_zh));
    item.push_str(&format!("  - Formula: {}\n", def.formula_en));
    if let Some(t) = def.threshold {
        item.push_str(&format!("  - 标准 Standard: {} — {} / {}\n", t.label(), t.standard_zh, t.standard_en));
        let ranges: Vec<String> = t
            .ranges(def.unit, crate::Lang::Zh)
            .iter()
            .map(|(standing, range)| format!("{} {} {range}", standing.label_zh(), standing.label_en()))
            .collect();
        item.push_str(&format!("  - 对照标准 Standing: {}\n", ranges.join("；")));
        match t.near {
            Some(near) => {
                item.push_str(&format!("  - 接近标准的依据 Tolerance: {} / {}\n", near.rule_zh, near.rule_en))
            }
            None => item.push_str(
                "  - 该标准未规定容差，没有“接近标准”一档 / The standard grants no tolerance: no near band\n",
            ),
        }
    }
    // The balance indicators' source is their standard: say it once.
    if def.threshold.is_none_or(|t| t.standard_zh != def.source_zh) {
        item.push_str(&format!("  - 依据 Source: {} / {}\n", def.source_zh, def.source_en));
    }
    item
}

/// What each standing means, from the vocabulary the pages and downloads print.
fn standings_section() -> String {
    let mut out = String::from(
        "\n对照标准 Standing against the standard — 页面、地图图例、表格、两种 CSV 下载和嵌入图表都用同一判定：\n\
         Every page, map legend, table, both CSV downloads and embeds use the same verdict:\n\n",
    );
    for standing in Standing::ALL {
        let meaning = match standing {
            Standing::Meets => "数值达到标准线 / the value reaches the standard's line",
            Standing::Near => {
                "未达到标准线，但在该标准规定的容差之内；只有规定了容差的标准才有这一档（见各指标的“接近标准的依据”） / \
                 short of the line but within the tolerance its standard grants; only a standard that grants one has this band \
                 (see each indicator's Tolerance)"
            }
            Standing::Below => "未达到标准线，且不在容差之内 / short of the line and not within a tolerance",
            Standing::NoThreshold => "该指标没有国家统一的标准线 / the indicator has no national line",
            Standing::NoData => "没有数值（未报送或分母为0） / no value (not reported, or a zero denominator)",
        };
        out.push_str(&format!(
            "- **{}** {}（`{}`）：{meaning}\n",
            standing.label_zh(),
            standing.label_en(),
            standing.wire()
        ));
    }
    out
}

const INTRODUCTION: &str = "\
# 指标定义 Indicator definitions

<!-- Generated from the indicator table in crates/atlas-core/src/indicators/. Do not edit by hand:
     change the table and run `ATLAS_BLESS=1 cargo test -p atlas-core --test indicators`. -->

本页列出县域教育数据地图中每一个指标的定义：名称、单位、公式、好坏方向、有值的层级、国家标准的达标线及其文件、数据来源。
网站各页面、提示框、CSV 表头和嵌入图表都读取同一张指标表，本页也由这张表生成。

This page defines every indicator of Edu Atlas: names, unit, formula, which way is better, the levels
at which it has a value, the line of the national standard and its document, and where the data comes
from. Every page, tooltip, CSV header and embedded chart reads the same table, and so does this page.

读数说明 How to read the values:

- 百分比按 0–100 记录（95.2 即 95.2%）。毛入园率、巩固率等毛率可以超过100%。
  Percentages are on a 0–100 scale (95.2 means 95.2%). Gross rates can exceed 100%.
- 乡镇和县的数值是总量之比（Σ资源 ÷ Σ学生），不是各校比值的平均。
  Township and county values are ratios of totals (Σ resource ÷ Σ students), not averages of
  school ratios.
- 分母为0、缺少人口数或报告值时数值为空，页面显示“—”。
  A value is empty, shown as “—”, when its denominator is 0 or its population or reported figure
  is missing.
";

/// The worked example of the enrolment-weighted 校际差异系数. The coefficient is computed by the
/// same function the portal uses, so the example cannot disagree with the code.
fn balance_section() -> String {
    // Three primary schools: (name, students, teachers above the required degree).
    let schools =
        [("甲校 School A", 800_u64, 40.0_f64), ("乙校 School B", 100, 1.0), ("丙校 School C", 100, 9.0)];
    let units: Vec<UnitResource> =
        schools.iter().map(|&(_, students, amount)| UnitResource { amount, students }).collect();
    let students: u64 = schools.iter().map(|s| s.1).sum();
    let total: f64 = schools.iter().map(|s| s.2).sum();
    let mean = total * 100.0 / students as f64;
    let per_hundred: Vec<f64> = schools.iter().map(|s| s.2 * 100.0 / s.1 as f64).collect();

    let mut text = String::from(
        "\n## 按在校生加权的校际差异系数 Enrolment-weighted coefficient of variation\n\n\
         优质均衡评估用校际差异系数衡量县内学校之间的差距。按在校生加权：大校按其学生数计入，\
         一所学生很少的学校偏离均值时，对系数的影响小于不加权的算法。\n\n\
         The 优质均衡 assessment measures the gap between a county's schools with a coefficient of\n\
         variation weighted by enrolment: a big school counts for as many students as it has, so a\n\
         tiny school far from the mean moves the coefficient less than in an unweighted one.\n\n\
         - Xᵢ：第 i 所学校（学段）的指标值 / unit i's value; Pᵢ：其在校生 / its students; P = ΣPᵢ\n\
         - X̄ = Σ资源 ÷ Σ在校生（即县级值）/ total resource ÷ total students (the county value)\n\
         - S = √Σ(Pᵢ/P)(Xᵢ − X̄)²\n\
         - CV = S ÷ X̄；小学 ≤ 0.50，初中 ≤ 0.45\n\
         - 只计该学段有在校生的学校；跨学段学校的每个学段各算一所（见下节）。\n  \
           Only units with students count; each stage of a school spanning stages is a unit (next section).\n\n\
         示例 Worked example — 小学每百名学生拥有高于规定学历教师数 (teachers above the required degree per 100 students, primary):\n\n\
         | 学校 School | Pᵢ | 高于规定学历教师 Teachers | Xᵢ（每百名学生）| Pᵢ/P | (Xᵢ − X̄)² |\n\
         |---|---|---|---|---|---|\n",
    );
    let mut weighted_sum = 0.0;
    for (&(name, p, amount), &x) in schools.iter().zip(&per_hundred) {
        let weight = p as f64 / students as f64;
        let squared = (x - mean) * (x - mean);
        weighted_sum += weight * squared;
        text.push_str(&format!("| {name} | {p} | {amount} | {x:.2} | {weight:.2} | {squared:.2} |\n"));
    }
    let s = weighted_sum.sqrt();
    let cv = enrolment_weighted_cv(&units);
    let unweighted = unweighted_cv(&per_hundred);
    text.push_str(&format!(
        "\nX̄ = {total} ÷ {students} × 100 = {mean:.2}；S = √{weighted_sum:.2} = {s:.3}；CV = {s:.3} ÷ {mean:.2} = {cv}，\
         不超过 0.50，达标 (at most 0.50: met)。\n\n\
         不加权时三校同等计入：均值 {umean:.2}，标准差 {usd:.3}，CV = {ucv}，超过 0.50，会判为不达标。\
         差别来自两所各只有100名学生的学校：加权后它们合计只占 20% 的权重。\n\n\
         Unweighted, the three schools would count alike: mean {umean:.2}, standard deviation {usd:.3},\n\
         CV = {ucv}, above 0.50, so the county would fail. The difference comes from the two schools of\n\
         100 students each, which together carry 20% of the weight.\n",
        cv = cv.map_or_else(|| "—".to_string(), |v| format!("{v:.3}")),
        umean = unweighted.0,
        usd = unweighted.1,
        ucv = format!("{:.3}", unweighted.1 / unweighted.0),
    ));
    text
}

/// Mean and population standard deviation of the values, each school counting once: shown only
/// to contrast with the weighted coefficient.
fn unweighted_cv(values: &[f64]) -> (f64, f64) {
    let n = values.len().max(1) as f64;
    let mean = values.iter().sum::<f64>() / n;
    let variance = values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
    (mean, variance.sqrt())
}

const STAGE_SPLITTING: &str = "
## 跨学段学校的拆分 Schools spanning stages

九年一贯制、完全中学、十二年一贯制学校，以及附设幼儿班的小学和教学点，按学段拆成几个“学校学段单位”：

- 在校生、班数、专任教师（及其中的学历、骨干、体育艺术、高级职称教师）在学校记录中本来就按学段填写，直接归入各学段。
- 全校共用的设施——教学及辅助用房面积、室内体育用房面积、运动场地面积、教学仪器设备值、网络多媒体教室、图书——按各学段在校生占全校在校生的比例分摊。
- 学校级的小学、初中指标取该校对应学段单位的数值；乡镇和县的数值把各单位的资源和学生分别加总后再相除。

A 九年一贯制, 完全中学 or 十二年一贯制 school, and a primary school or teaching point with a
preschool class, is split into school-stage units:

- Students, classes and full-time teachers (with their degree, backbone, PE and art, and senior
  title counts) are recorded per stage in the school record and go to their stage unchanged.
- Whole-school facilities — teaching and auxiliary floor area, indoor sports area, sports ground,
  equipment value, networked multimedia classrooms, books — are apportioned to each stage by the
  stage's share of the school's students.
- A school's primary or junior indicator is the value of its unit of that stage; townships and the
  county add up the units' resources and students before dividing.

示例 Example: a 九年一贯制 school with 300 primary and 200 junior students, 2,700 m² of teaching and
auxiliary floor area of which 200 m² is indoor sports area. Floor area without sports: 2,700 − 200 =
2,500 m². Primary unit: 2,500 × 300 ÷ 500 = 1,500 m², 1,500 ÷ 300 = 5.0 m² per student; junior unit:
2,500 × 200 ÷ 500 = 1,000 m², 1,000 ÷ 200 = 5.0 m² per student. Apportioning by students gives every
stage the whole school's per-student figure, which is then compared with the stage's own line
(小学 4.5, 初中 5.8: this school meets the primary line and misses the junior one).

没有在校生的学段不参与任何生均指标，它的设施分摊为0。
A stage without students takes part in no per-student indicator, and its share of facilities is 0.
";

const PER_SCHOOL_RULE: &str = "
## 每所学校的达标规则 The per-school rule

优质均衡的7项资源配置指标（每百名学生拥有高于规定学历教师数、县级及以上骨干教师数、体育艺术专任教师数，\
生均教学及辅助用房面积，生均体育运动场馆面积，生均教学仪器设备值，每百名学生拥有网络多媒体教室数）中，\
一所学校（学段单位）至少6项达到标准值，且其余1项不低于标准值的85%，即为达标。生均图书不在这7项之内。
“资源配置达标学校占比”按有在校生的学段单位计算，标准要求每所学校都达标（100%）。

Of the seven 优质均衡 resource indicators (teachers above the required degree, backbone teachers, PE
and art teachers, per 100 students; teaching and auxiliary floor area, sports area and equipment value
per student; networked multimedia classrooms per 100 students), a school-stage unit meets the standard
when at least 6 meet their line and the remaining one reaches at least 85% of its line. Books per
student are not among the seven. The share of schools meeting the standard counts the units with
students; the standard expects every school to meet it (100%).

这7项的“接近标准”一档（标准值的85%至标准值）即来自这条规则；其他指标的标准没有规定容差，只分达标与未达标。
The near band of these seven (from 85% of the line up to it) comes from this rule; no other standard
in the table grants a tolerance, so every other line is only met or not.

示例 Example (小学 primary): a school meets six lines and has 3.9 m² of floor area per student against
the line of 4.5: 3.9 ÷ 4.5 = 86.7% ≥ 85%, so it meets the standard. With 3.6 m² (80%) it does not; nor
does a school that meets only five lines, however close the other two are.

比较时允许 10⁻⁹ 的相对误差，使恰好落在标准线上的数值（如 0.85 × 4.5 = 3.825）在浮点运算后仍判为达到。
Comparisons allow a relative slack of 10⁻⁹, so a value exactly on a line (such as 0.85 × 4.5 = 3.825)
still counts as reaching it after floating-point arithmetic.
";

const REPORTED_AND_SURVEY: &str = "
## 报告值与调查 Reported values and the survey

“教育成效”类指标无法由学校记录算出，由教育局在快照的 `reported` 列表中报告：`indicator` 为上表中的 id，\
`level` 为 `county` 的一行给出县级值，`level` 为 `township`（并给出 `township` 代码）的一行给出该乡镇的值。\
县级值不由乡镇行推算。毛率可以超过100%（如息烽县2020年九年义务教育巩固率 101.72%），不会被拒绝。

Outcome indicators cannot be computed from school records; the bureau reports them in the snapshot's
`reported` list, with `indicator` set to an id above. A row with `level: county` gives the county value;
a row with `level: township` and a `township` code gives that township's. The county value is never
derived from township rows. Gross rates may exceed 100% (息烽 reported a retention rate of 101.72% for
2020) and are accepted.

社会认可度由快照 `satisfaction` 部分的调查结果计算，方法见 `docs/survey-method.md`。
The social recognition rate comes from the survey results in the snapshot's `satisfaction` section;
`docs/survey-method.md` explains the method.
";
