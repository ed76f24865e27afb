//! Every rule, once — of validation, plans, import and publishing: its stable id (what
//! `Issue::rule` carries and what tests, the CLI's `--json` output and `docs/data-format.md` refer
//! to), its severity, the file kinds it applies to and what it means. An `Issue` takes a
//! [`RuleId`], which only this table makes, so a rule cannot be used without being listed. The rules table in `docs/data-format.md` is generated from [`RULES`].

use crate::report::{RuleId, Severity};

/// One rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rule {
    pub id: RuleId,
    pub severity: Severity,
    /// Which files it is checked in, for the documentation (e.g. `snapshot`, `all`).
    pub applies_to: &'static str,
    pub summary_en: &'static str,
    pub summary_zh: &'static str,
}

macro_rules! rules {
    ($( $(#[$doc:meta])* $name:ident = $id:literal, $severity:ident, $applies:literal, $en:literal, $zh:literal; )*) => {
        $( $(#[$doc])* pub const $name: RuleId = RuleId::new($id); )*
        /// Every rule, in the order the documentation lists them.
        pub const RULES: &[Rule] = &[
            $( Rule { id: RuleId::new($id), severity: Severity::$severity, applies_to: $applies, summary_en: $en, summary_zh: $zh }, )*
        ];
    };
}

rules! {
    // Reading the file at all (load.rs reports these; validation passes them on).
    FILE_TOO_LARGE = "file_too_large", Error, "all",
        "The file is larger than 32 MiB and is refused before it is parsed.",
        "文件超过 32 MiB，不予解析。";
    EMPTY_FILE = "empty_file", Error, "all",
        "The file is empty or only whitespace.",
        "文件为空。";
    MALFORMED_JSON = "malformed_json", Error, "all",
        "Not valid JSON (reported with line and column), truncated, or nested deeper than 128 levels.",
        "不是合法的 JSON（给出行号和列号）、文件被截断，或嵌套超过 128 层。";
    NON_FINITE_NUMBER = "non_finite_number", Error, "all",
        "A number too large to represent (such as 1e999), or NaN/infinity from an import.",
        "数值超出可表示范围（如 1e999），或导入时出现 NaN/无穷大。";
    UNKNOWN_SCHEMA_VERSION = "unknown_schema_version", Error, "all",
        "`schema_version` is not the version this build reads (1).",
        "`schema_version` 不是本程序支持的版本（1）。";
    // The shape of the file (the JSON Schema in schemas/).
    MISSING_FIELD = "missing_field", Error, "all",
        "A required field is absent.",
        "缺少必填字段。";
    UNKNOWN_FIELD = "unknown_field", Error, "all",
        "A field the format does not define (often a misspelling).",
        "格式中没有定义的字段（多为拼写错误）。";
    WRONG_TYPE = "wrong_type", Error, "all",
        "A value of the wrong JSON type, e.g. text where a whole number is expected.",
        "取值类型错误，如应填整数处填了文字。";
    UNKNOWN_VALUE = "unknown_value", Error, "all",
        "A categorical value that is not one of the allowed Chinese terms (e.g. 学校类型).",
        "分类取值不在允许的中文取值之内（如学校类型）。";
    NEGATIVE_NUMBER = "negative_number", Error, "all",
        "A count, area, amount or rate below zero.",
        "人数、面积、金额或比率为负数。";
    OUT_OF_RANGE = "out_of_range", Error, "all",
        "A number outside its possible range: a count above 4,294,967,295, a longitude outside ±180 or a latitude outside ±90.",
        "数值超出可能范围：计数超过 4294967295，经度超出 ±180 或纬度超出 ±90。";
    WRONG_SHAPE = "wrong_shape", Error, "all",
        "Any other mismatch between the file and the format.",
        "文件与格式不符的其他情形。";
    TOO_MANY_ISSUES = "too_many_issues", Error, "all",
        "More than 1,000 problems: the rest are counted, not listed. An error when any unlisted problem is an error, otherwise a warning.",
        "问题超过 1000 条，其余只计数不列出；未列出的问题中有错误时为错误，否则为警告。";
    RECORDS_SET_ASIDE = "records_set_aside", Warning, "all",
        "Records that could not be read because of structural errors were set aside so the meaning rules could be checked on the rest; validate again once they are fixed.",
        "因结构错误无法读取的记录被暂时搁置，其余记录照常按规则检查；修正后请再次校验。";
    // Codes and dates.
    BAD_COUNTY_CODE = "bad_county_code", Error, "all",
        "A county code that is not six digits.",
        "县级行政区划代码不是 6 位数字。";
    BAD_TOWNSHIP_CODE = "bad_township_code", Error, "snapshot, geometry",
        "A township code that is not nine digits.",
        "乡镇统计用区划代码不是 9 位数字。";
    TOWNSHIP_NOT_IN_COUNTY = "township_not_in_county", Error, "snapshot, geometry",
        "A township code that does not start with the file's county code.",
        "乡镇代码的前 6 位与本文件的县级代码不一致。";
    BAD_SCHOOL_YEAR = "bad_school_year", Error, "snapshot, manifest",
        "A school year not written `YYYY-YYYY` with consecutive years.",
        "学年不是 `YYYY-YYYY` 形式的相邻两年。";
    BAD_DATE = "bad_date", Error, "snapshot, manifest, plan",
        "A date that is not a real calendar date written `YYYY-MM-DD`.",
        "日期不是 `YYYY-MM-DD` 形式的真实日期。";
    AS_OF_OUTSIDE_SCHOOL_YEAR = "as_of_outside_school_year", Warning, "snapshot",
        "`meta.as_of` falls outside the school year (1 September to 31 August).",
        "统计时点不在该学年之内（9 月 1 日至次年 8 月 31 日）。";
    BLANK_TEXT = "blank_text", Error, "all",
        "A required text field is empty or only spaces.",
        "必填文字字段为空。";
    // Snapshots.
    DUPLICATE_TOWNSHIP_CODE = "duplicate_township_code", Error, "snapshot, geometry",
        "Two townships, features or tiles with the same code.",
        "两个乡镇（或地图要素、方块）代码相同。";
    DUPLICATE_SCHOOL_ID = "duplicate_school_id", Error, "snapshot",
        "Two schools with the same id.",
        "两所学校的标识相同。";
    UNKNOWN_TOWNSHIP = "unknown_township", Error, "snapshot",
        "A school, reported value or survey row names a township that is not in `townships`.",
        "学校、上报指标或调查结果所填乡镇不在 `townships` 中。";
    SCHOOL_WITHOUT_STAGES = "school_without_stages", Error, "snapshot",
        "A school with no stage record at all.",
        "学校没有任何学段记录。";
    STAGE_NOT_TAUGHT = "stage_not_taught", Error, "snapshot",
        "A stage the school type does not teach (e.g. `senior` in a 小学).",
        "学校类型不含该学段（如小学填了普通高中）。";
    INCLUSIVE_PRIVATE_NOT_KINDERGARTEN = "inclusive_private_not_kindergarten", Error, "snapshot",
        "民办普惠 on a school that is not a 幼儿园 (only kindergartens can be recognised as inclusive).",
        "非幼儿园填了民办普惠（只有幼儿园可认定为普惠性民办园）。";
    STUDENTS_WITHOUT_CLASSES = "students_without_classes", Error, "snapshot",
        "A stage with students but no classes.",
        "某学段有学生但班数为 0。";
    LARGE_CLASSES_INCONSISTENT = "large_classes_inconsistent", Error, "snapshot",
        "`large_classes` contradicts the students and classes: more large classes than 56 students each allow, or none although the average class has 56 or more.",
        "大班额班数与学生数、班数矛盾：大班额班数超过学生数按每班 56 人所能容纳的数目，或平均班额已达 56 人却填 0。";
    MISSING_FACILITIES = "missing_facilities", Error, "snapshot",
        "A school teaching a compulsory stage (primary or junior) without `facilities`.",
        "有小学或初中学段的学校缺少办学条件 `facilities`。";
    PART_EXCEEDS_WHOLE = "part_exceeds_whole", Error, "snapshot",
        "A part larger than its whole: a teacher subgroup above `full_time`, `large_classes` above `classes`, `indoor_sports_area_m2` above `floor_area_m2`, `satisfied` above `respondents`.",
        "部分大于整体：教师分项多于专任教师数、大班额班数多于班数、室内体育用房面积大于教学及辅助用房面积、认可人数多于答题人数。";
    SURVEY_ROW_SHAPE = "survey_row_shape", Error, "snapshot",
        "A survey row must give either `respondents` and `satisfied`, or `likert`, not neither and not both.",
        "调查结果须填 `respondents` 与 `satisfied`，或只填 `likert`，不能都不填或都填。";
    DUPLICATE_SURVEY_ROW = "duplicate_survey_row", Error, "snapshot",
        "Two survey rows for the same group, area and township.",
        "同一群体、同一问题领域、同一乡镇的调查结果出现两次。";
    SURVEY_METHOD_MISSING = "survey_method_missing", Warning, "snapshot",
        "Survey results without `meta.survey_method` saying how the survey was run.",
        "有调查结果但 `meta.survey_method` 未说明调查方法。";
    UNKNOWN_INDICATOR = "unknown_indicator", Error, "snapshot, plan",
        "A reported value whose `indicator` is not a reported indicator of the indicator table, or a plan target bound to an id the table does not have.",
        "上报指标的 `indicator` 不是指标表中的上报指标，或规划目标所绑定的指标不在指标表中。";
    UNIT_MISMATCH = "unit_mismatch", Error, "snapshot, plan (warning)",
        "A reported value whose `unit` differs from the indicator table's unit (in a plan, a target's unit that does not fit its indicator: a warning).",
        "上报指标的单位与指标表不一致（规划中目标单位与所绑定指标不符时为警告）。";
    REPORTED_LEVEL_MISMATCH = "reported_level_mismatch", Error, "snapshot",
        "A `township`-level reported value without `township`, or a `county`-level one with it.",
        "乡镇级上报指标未填 `township`，或县级上报指标填了 `township`。";
    DUPLICATE_REPORTED_VALUE = "duplicate_reported_value", Error, "snapshot",
        "The same indicator reported twice for the same county or township.",
        "同一指标在同一县或乡镇上报了两次。";
    STUDENTS_PER_TEACHER_HIGH = "students_per_teacher_high", Warning, "snapshot",
        "More than 40 students per full-time teacher in a stage of a school.",
        "某校某学段生师比高于 40:1。";
    CLASS_SIZE_OVER_66 = "class_size_over_66", Warning, "snapshot",
        "An average class of more than 66 students (超大班额 on average).",
        "平均班额超过 66 人（平均已达超大班额）。";
    STUDENTS_WITHOUT_TEACHERS = "students_without_teachers", Warning, "snapshot",
        "A stage with students but no full-time teacher.",
        "某学段有学生但没有专任教师。";
    RATE_OVER_150 = "rate_over_150", Warning, "snapshot",
        "A reported percentage above 150. Gross rates above 100 are normal (息烽 reports 巩固率 101.72%) and are not flagged.",
        "上报的百分比高于 150。毛率超过 100 属正常（息烽巩固率 101.72%），不报。";
    // Geometry.
    MAP_NOT_DECLARED = "map_not_declared", Error, "geometry",
        "A geometry file with neither `review_number` (审图号) nor `schematic: true`.",
        "地图文件既无审图号 `review_number`，也未声明 `schematic: true`。";
    BAD_RING = "bad_ring", Error, "boundaries",
        "A polygon ring with fewer than 4 positions or whose last position differs from the first (RFC 7946 §3.1.6).",
        "多边形环少于 4 个点，或首尾点不重合（RFC 7946 第 3.1.6 节）。";
    TILES_OVERLAP = "tiles_overlap", Error, "tile grid",
        "Two tiles in the same row and column.",
        "两个方块位于同一行同一列。";
    // The manifest.
    DUPLICATE_COUNTY = "duplicate_county", Error, "manifest",
        "The same county listed twice.",
        "同一个县列出两次。";
    DUPLICATE_ID = "duplicate_id", Error, "manifest",
        "A snapshot or plan id used twice (ids are never reused).",
        "快照或规划的 id 重复（id 不得重复使用）。";
    BAD_SHA256 = "bad_sha256", Error, "manifest",
        "A `sha256` that is not 64 lowercase hex digits.",
        "`sha256` 不是 64 位小写十六进制数。";
    BAD_PATH = "bad_path", Error, "manifest",
        "A path that is empty, absolute, uses `\\` or `..`, or leaves the data folder.",
        "路径为空、为绝对路径、含 `\\` 或 `..`，或指向数据目录之外。";
    BAD_REVISES = "bad_revises", Error, "manifest",
        "`revises` names no earlier snapshot of the same county and school year.",
        "`revises` 所指不是同一县、同一学年的更早快照。";
    REVISION_NOTE_MISSING = "revision_note_missing", Error, "manifest",
        "A correction (`revises` set) without a `revision_note` saying what changed.",
        "更正版（填了 `revises`）没有说明改动的 `revision_note`。";
    REVISION_FORK = "revision_fork", Error, "manifest",
        "Two corrections of the same snapshot: correct the latest correction instead.",
        "同一快照有两个更正版；应更正最新的更正版。";
    DUPLICATE_SCHOOL_YEAR = "duplicate_school_year", Error, "manifest",
        "Two snapshots in force for one county and school year: a second one must `revises` the first.",
        "同一县同一学年有两份现行快照；后一份须以 `revises` 指向前一份。";
    DUPLICATE_GEOMETRY_KIND = "duplicate_geometry_kind", Error, "manifest",
        "Two geometry files of the same kind for one county.",
        "同一县有两个同类地图文件。";
    // The data set as a whole (check_data_set).
    FILE_MISSING = "file_missing", Error, "data set",
        "A file listed in the manifest cannot be read.",
        "清单所列文件无法读取。";
    SIZE_MISMATCH = "size_mismatch", Error, "data set",
        "The file's size differs from the manifest's `bytes`.",
        "文件大小与清单中的 `bytes` 不符。";
    HASH_MISMATCH = "hash_mismatch", Error, "data set",
        "The file's SHA-256 differs from the manifest's `sha256`: the bytes changed after publication.",
        "文件的 SHA-256 与清单中的 `sha256` 不符：发布后内容被改动。";
    META_MISMATCH = "meta_mismatch", Error, "data set",
        "A snapshot's `meta` (county, school year, as-of date, sample) differs from its manifest entry.",
        "快照 `meta`（县、学年、统计时点、示例标记）与清单条目不一致。";
    COUNTY_MISMATCH = "county_mismatch", Error, "data set",
        "A geometry file's `county_code` differs from the county it is listed under.",
        "地图文件的 `county_code` 与其所在县不一致。";
    TOWNSHIP_WITHOUT_GEOMETRY = "township_without_geometry", Error, "data set",
        "A township of a snapshot has no feature in the boundary map or no tile in the tile grid.",
        "快照中的乡镇在边界地图中没有要素，或在方块图中没有方块。";
    GEOMETRY_UNKNOWN_TOWNSHIP = "geometry_unknown_township", Error, "data set",
        "A feature or tile for a township that no snapshot of the county has.",
        "地图要素或方块对应的乡镇不在该县任何快照中。";
    NO_GEOMETRY = "no_geometry", Warning, "data set",
        "A county with no geometry file: the portal can draw no map for it.",
        "该县没有地图文件，门户无法绘制地图。";
    NOT_IN_MANIFEST = "not_in_manifest", Warning, "data set",
        "A data file in the folder that the manifest does not list: the portal does not show it until it is published.",
        "文件夹中有未列入清单的数据文件：发布之前门户不会显示它。";
    // Plans (plan files in plans/).
    DUPLICATE_TARGET_ID = "duplicate_target_id", Error, "plan",
        "Two targets of a plan share an id.",
        "同一规划中两个目标编号相同。";
    BAD_ID = "bad_id", Error, "plan",
        "A plan or target id that is empty or not lowercase letters, digits, `-` and `_`.",
        "规划或目标编号为空，或含有小写字母、数字、- 和 _ 以外的字符。";
    PLAN_ID_NOT_COUNTY = "plan_id_not_county", Warning, "plan",
        "A county plan's id does not start with its county code.",
        "县级规划的编号不以县代码开头。";
    COUNTY_NAME_MISSING = "county_name_missing", Error, "plan",
        "A plan gives a county code but no county name.",
        "规划给出了县代码，却没有县名。";
    COUNTY_CODE_MISSING = "county_code_missing", Error, "plan",
        "A plan gives a county name but no county code (a template gives neither).",
        "规划给出了县名，却没有县代码（模板两者都不填）。";
    BAD_YEARS = "bad_years", Error, "plan",
        "Plan years that are implausible, or an end year before the start year.",
        "规划年份不合理，或结束年份早于开始年份。";
    MISSING_UNIT = "missing_unit", Warning, "plan",
        "A goal value without a unit.",
        "目标值缺少单位。";
    PLACEHOLDER_WITHOUT_X = "placeholder_without_x", Error, "plan",
        "A placeholder goal that does not record the document's unfilled value (such as `xx%`).",
        "占位目标没有照录原文的占位写法（如 xx%）。";
    PLACEHOLDER_NOT_MARKED = "placeholder_not_marked", Error, "plan",
        "A target with an unfilled value (xx) whose goal kind is not `placeholder`.",
        "目标含有未填的占位值（xx），类型却不是 placeholder。";
    NOT_A_NUMBER = "not_a_number", Error, "plan",
        "A goal or baseline value that is not a usable number.",
        "目标值或基线值不是有效数值。";
    RELATIVE_WITHOUT_AMOUNT = "relative_without_amount", Error, "plan",
        "A relative yearly change without `per_year`.",
        "按比例变化的目标没有给出 per_year。";
    MISSING_DEADLINE = "missing_deadline", Error, "plan",
        "A goal kind that needs a deadline has none.",
        "该类目标必须有期限，却没有。";
    DEADLINE_OUTSIDE_PLAN = "deadline_outside_plan", Warning, "plan",
        "A deadline not within or next to the plan years.",
        "期限不在规划年份之内或附近。";
    FROM_OUTSIDE_PLAN = "from_outside_plan", Warning, "plan",
        "A `from` date not within or next to the plan years.",
        "起始时间不在规划年份之内或附近。";
    FROM_AFTER_DEADLINE = "from_after_deadline", Error, "plan",
        "A `from` date after the target's deadline.",
        "起始时间晚于期限。";
    BASELINE_NOT_BEFORE_DEADLINE = "baseline_not_before_deadline", Error, "plan",
        "A baseline dated on or after the target's deadline.",
        "基线时间不早于期限。";
    GOAL_AGAINST_INDICATOR_DIRECTION = "goal_against_indicator_direction", Warning, "plan",
        "A goal that points against its indicator's better direction (e.g. lowering a rate where higher is better).",
        "目标方向与所绑定指标的好坏方向相反（如降低越高越好的比率）。";
    EMPTY_FIELD = "empty_field", Error, "plan",
        "A text field that must not be empty is empty.",
        "不能为空的文字字段为空。";
    TOWNSHIP_OUTSIDE_COUNTY = "township_outside_county", Error, "plan",
        "A target's township that is not a nine-digit code of the plan's county.",
        "目标所填乡镇代码不是本县的 9 位统计用区划代码。";
    NEW_SCHOOL_NOT_A_MILESTONE = "new_school_not_a_milestone", Error, "plan",
        "`new_school` on a target that is not a milestone naming a `school` without an `indicator`.",
        "new_school 只能用于写明 school、没有 indicator 的 milestone 目标。";
    // Importing the bureau's spreadsheets (atlas import).
    NOT_TEXT = "not_text", Error, "import",
        "A table file whose bytes are not text in any encoding tried (UTF-8, GBK, UTF-16), or that holds a NUL character.",
        "表格文件的字节无法按任何已尝试的编码（UTF-8、GBK、UTF-16）读成文字，或含有 NUL 字符。";
    UNBALANCED_QUOTE = "unbalanced_quote", Error, "import",
        "A quote in a CSV cell that is never closed, closes only after swallowing whole rows, or is followed by text: the file is not imported.",
        "CSV 单元格中的引号没有闭合、吞掉了后面的整行，或闭合后紧跟文字：整份文件未导入。";
    UNSUPPORTED_FILE = "unsupported_file", Error, "import",
        "A file that is neither a CSV text table nor an .xlsx, .ods or .xls workbook.",
        "文件既不是 CSV 文本表格，也不是 .xlsx、.ods 或 .xls 工作簿。";
    UNREADABLE_WORKBOOK = "unreadable_workbook", Error, "import",
        "A workbook that cannot be read (damaged, or not saved by Excel, WPS or LibreOffice).",
        "工作簿无法读取（文件损坏，或不是 Excel、WPS、LibreOffice 保存的工作簿）。";
    READ_AS_GB18030 = "read_as_gb18030", Warning, "import",
        "A text file that is not UTF-8 was read as GB18030 (GBK); the report shows its first names so a person can check them.",
        "文本文件不是 UTF-8 编码，已按 GB18030（GBK）读取；报告列出前几个名称，供核对是否显示正确。";
    SHEET_IGNORED = "sheet_ignored", Warning, "import",
        "A hidden sheet, or a table whose header names too few known columns to tell what it holds; it is not imported.",
        "隐藏的工作表，或表头中认得的列太少、看不出内容的表，未导入。";
    MISSING_TABLE = "missing_table", Error, "import",
        "No schools table or no townships table among the files given.",
        "所给文件中没有学校表或乡镇表。";
    ROW_SKIPPED = "row_skipped", Warning, "import",
        "A 合计/小计 row or a note under the table (填表人, 说明 …): not a school, skipped and named.",
        "合计、小计行或表下的说明（填表人、说明等）不是学校，已跳过并列出。";
    ID_FROM_NAME = "id_from_name", Warning, "import",
        "The schools table has no school id column: each school's name serves as its id.",
        "学校表没有学校标识码列，以学校名称作为标识。";
    MIXED_LAYOUT = "mixed_layout", Error, "import",
        "A schools table with a 学段 column (one row per stage) and per-stage columns (one row per school) at once.",
        "学校表既有“学段”列（每校每学段一行），又有分学段的列（每校一行）。";
    STAGES_NOT_SPLIT = "stages_not_split", Error, "import",
        "A school spanning stages whose students are given only for the whole school.",
        "跨学段学校只填了全校在校生数，没有分学段的在校生数。";
    TOTAL_NOT_SPLIT = "total_not_split", Warning, "import",
        "Only some stages of a school give a figure: the others are not reported and the whole-school total is not used.",
        "某项只有部分学段填写：未填的学段记为未报送，全校合计未使用。";
    WHOLE_SCHOOL_TOTALS = "whole_school_totals", Error, "import",
        "A school spanning stages gives classes or teachers only for the whole school.",
        "跨学段学校只填了全校的班数或教师数。";
    NO_SCHOOLS = "no_schools", Warning, "import",
        "The imported snapshot has no schools.",
        "导入生成的快照中没有任何学校。";
    DUPLICATE_COLUMN = "duplicate_column", Error, "import",
        "Two columns of a CSV file name the same field.",
        "CSV 文件中两列对应同一字段。";
    UNKNOWN_COLUMN = "unknown_column", Warning, "import",
        "A column header the importer does not know; the column is ignored.",
        "不认识的列名，该列被忽略。";
    MISSING_COLUMN = "missing_column", Error, "import",
        "A required column is absent from a CSV file.",
        "CSV 文件缺少必填列。";
    EXTRA_CELL = "extra_cell", Error, "import",
        "A row has a value in a column without a header.",
        "某行在没有表头的列中有内容。";
    MISSING_VALUE = "missing_value", Error, "import",
        "A required cell is empty, or a cell that needs another is given without it (latitude without longitude).",
        "必填单元格为空，或填写了需要配套的单元格却缺少另一项（如有纬度无经度）。";
    UNEXPECTED_VALUE = "unexpected_value", Error, "import",
        "A cell that must be empty is filled (a township code on a county-level reported value).",
        "应为空的单元格有内容（如县级报告值填写了乡镇代码）。";
    CONFLICTING_VALUE = "conflicting_value", Error, "import",
        "A school's own columns differ between its rows.",
        "同一学校不同行的学校信息不一致。";
    DUPLICATE_STAGE = "duplicate_stage", Error, "import",
        "A school has two rows for the same stage.",
        "同一学校的同一学段出现两行。";
    DUPLICATE_POPULATION_ROW = "duplicate_population_row", Error, "import",
        "A township's population is given on two rows.",
        "同一乡镇的人口出现两行。";
    UNWRITABLE = "unwritable", Error, "import",
        "The snapshot built from the files cannot be written as JSON.",
        "由导入文件生成的快照无法写成 JSON。";
    // Publishing (atlas publish).
    UNRECOGNISED_PATH = "unrecognised_path", Error, "publish",
        "A file whose path is none of the data folder's kinds (snapshot, geometry, plan).",
        "文件路径不属于数据文件夹中的任何一类（快照、地图、规划）。";
    PUBLISHED_FILE_CHANGED = "published_file_changed", Error, "publish",
        "A file already published has changed: a published file is never changed, a correction is published as a new revision.",
        "已发布的文件被改动：已发布文件不可更改，更正应作为新版本发布。";
    COUNTY_NOT_PUBLISHED = "county_not_published", Error, "publish",
        "Geometry or a plan for a county with no published snapshot (the manifest takes the county's name from a snapshot).",
        "为尚无已发布快照的县发布地图或规划（清单需要从快照读取县名）。";
    ALREADY_PUBLISHED = "already_published", Error, "publish",
        "A second snapshot for a school year already published; publish a correction as a revision with a note.",
        "该学年已有已发布的快照；更正请作为新版本发布并说明。";
    CORRECTION_WITHOUT_ORIGINAL = "correction_without_original", Error, "publish",
        "A correction (`-rN`) whose original snapshot is not published.",
        "更正文件（-rN）的原快照尚未发布。";
    REVISION_OUT_OF_ORDER = "revision_out_of_order", Error, "publish",
        "A correction numbered other than the next revision of its school year.",
        "更正文件的版本号不是该学年的下一个版本号。";
    UNREADABLE = "unreadable", Error, "publish",
        "A file that could not be read.",
        "文件无法读取。";
    SYMLINKED_FOLDER = "symlinked_folder", Error, "publish, validate",
        "A folder of the data folder that is a symbolic link: folders must be real folders.",
        "数据目录中的文件夹是符号链接：文件夹必须是真实的文件夹。";
    SYMLINK_OUTSIDE_FOLDER = "symlink_outside_folder", Error, "publish, validate",
        "A file that leads through a symbolic link out of the data folder, or whose link target cannot be read.",
        "文件经符号链接指向数据目录之外，或链接目标无法读取。";
    // Signatures (atlas publish --sign, atlas verify, the portal).
    SIGNATURE_MISSING = "signature_missing", Error, "signed files",
        "A signed file without its signature beside it.",
        "签名文件缺失。";
    SIGNATURE_MALFORMED = "signature_malformed", Error, "signed files",
        "A signature (or the trusted key, or the signature's trusted comment) that cannot be read as minisign.",
        "签名、公钥或签名的可信注释无法按 minisign 格式读取。";
    SIGNATURE_WRONG_KEY = "signature_wrong_key", Error, "signed files",
        "A signature made with another key than the site's publisher key.",
        "签名不是用本站公布的发布者公钥签署的。";
    SIGNATURE_MISMATCH = "signature_mismatch", Error, "signed files",
        "A file that does not match its signature: the file or the signature was changed.",
        "文件与签名不符：文件或签名被改动过。";
    SIGNATURE_WRONG_FILE = "signature_wrong_file", Error, "signed files",
        "A signature made for another file.",
        "签名是为另一个文件签署的。";
}

/// The rule with this id.
pub fn rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id.as_str() == id)
}

/// The rules table of `docs/data-format.md`, generated so the documentation lists exactly the
/// rules the code checks.
pub fn rules_markdown() -> String {
    let mut out =
        String::from("| rule id | severity | checked in | meaning | 说明 |\n|---|---|---|---|---|\n");
    for r in RULES {
        let severity = match r.severity {
            Severity::Error => "error 错误",
            Severity::Warning => "warning 警告",
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} |\n",
            r.id,
            severity,
            r.applies_to,
            r.summary_en.replace('|', "\\|"),
            r.summary_zh.replace('|', "\\|")
        ));
    }
    out
}

/// The reported-indicator table of `docs/data-format.md`: what a `reported` row may carry in
/// `indicator`, `unit` and `level`, generated from the indicator table.
pub fn reported_indicators_markdown() -> String {
    use crate::indicators::{Basis, Level, INDICATORS};
    let mut out =
        String::from("| `indicator` | 指标 | indicator | `unit` | `level` |\n|---|---|---|---|---|\n");
    for def in INDICATORS.iter().filter(|d| d.basis() == Basis::Reported) {
        let levels: Vec<&str> = [Level::County, Level::Township]
            .into_iter()
            .filter(|l| def.exists_at(*l))
            .map(|l| match l {
                Level::County => "`county`",
                _ => "`township`",
            })
            .collect();
        out.push_str(&format!(
            "| `{}` | {} | {} | `{}` | {} |\n",
            def.id,
            def.name_zh,
            def.name_en,
            super::unit_text(def.unit),
            levels.join(", ")
        ));
    }
    out
}
