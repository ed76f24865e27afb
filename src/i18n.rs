//! Every user-facing string of the portal, in one table. zh-CN is the only language today; an
//! English table is a second `Messages` value, and the compiler will list every string it lacks.
//! Strings with data in them are small functions so word order can differ between languages.
//! Indicator names, units and formulas are not here: they come from the core's indicator table.

pub struct Messages {
    pub error_network: &'static str,
    pub error_incomplete: &'static str,
    pub error_hash_mismatch: &'static str,
    pub site_title: &'static str,
    pub site_tagline: &'static str,
    pub nav_overview: &'static str,
    pub nav_map: &'static str,
    pub nav_compare: &'static str,
    pub nav_plan: &'static str,
    pub nav_satisfaction: &'static str,
    pub nav_about: &'static str,
    pub skip_to_content: &'static str,
    pub county: &'static str,
    pub school_year: &'static str,
    pub metric: &'static str,
    pub township: &'static str,
    pub loading: &'static str,
    pub retry: &'static str,
    pub load_failed: &'static str,
    pub still_available: &'static str,
    pub page_load_failed: &'static str,
    pub page_load_failed_body: &'static str,
    pub no_snapshot_for_county: &'static str,
    pub no_data_for_metric: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_to_overview: &'static str,
    pub chart_failed: &'static str,
    pub view_table: &'static str,
    pub view_chart: &'static str,
    pub source: &'static str,
    pub data_version: &'static str,
    pub definition: &'static str,
    pub standard: &'static str,
    pub no_standard: &'static str,
    pub missing_data: &'static str,
    pub vs_last_year: &'static str,
    pub no_previous_year: &'static str,
    pub county_value: &'static str,
    pub rank: &'static str,
    pub value: &'static str,
    pub overview_townships: &'static str,
    pub section_enrolment: &'static str,
    pub section_preschool: &'static str,
    pub section_preschool_note: &'static str,
    pub section_balance: &'static str,
    pub section_balance_note: &'static str,
    pub section_cv: &'static str,
    pub section_cv_note: &'static str,
    pub section_outcomes: &'static str,
    pub section_outcomes_note: &'static str,
    pub primary: &'static str,
    pub junior: &'static str,
    pub indicator: &'static str,
    pub map_layout_boundaries: &'static str,
    pub map_layout_tiles: &'static str,
    pub map_legend: &'static str,
    pub map_list_heading: &'static str,
    pub map_list_hint: &'static str,
    pub map_no_geometry: &'static str,
    pub close: &'static str,
    pub open_township_page: &'static str,
    pub legend_by_standard: &'static str,
    pub legend_by_quantile: &'static str,
    pub township_enrolment: &'static str,
    pub township_teachers: &'static str,
    pub township_facilities: &'static str,
    pub township_schools: &'static str,
    pub township_rank: &'static str,
    pub township_not_found: &'static str,
    pub school_name: &'static str,
    pub school_type: &'static str,
    pub ownership: &'static str,
    pub students: &'static str,
    pub classes: &'static str,
    pub teachers: &'static str,
    pub students_per_teacher: &'static str,
    pub meets_balance_standard: &'static str,
    pub compare_trend: &'static str,
    pub compare_pick_townships: &'static str,
    pub about_title: &'static str,
    pub about_intro: &'static str,
    pub about_indicators: &'static str,
    pub about_snapshots: &'static str,
    pub about_publisher: &'static str,
    pub about_privacy: &'static str,
    pub about_privacy_body: &'static str,
    pub about_downloads: &'static str,
    pub about_download_json: &'static str,
    pub about_download_csv: &'static str,
    pub about_downloads_note: &'static str,
    pub formula: &'static str,
    pub unit: &'static str,
    pub direction: &'static str,
    pub levels: &'static str,
    pub basis: &'static str,
    pub published: &'static str,
    pub as_of: &'static str,
    pub revises: &'static str,
    pub superseded: &'static str,
    pub in_force: &'static str,
    pub license: &'static str,
    pub contact: &'static str,
    pub warnings_in_data: &'static str,
    pub footer_note: &'static str,
    pub share_menu: &'static str,
    pub copy_link: &'static str,
    pub copy_embed: &'static str,
    pub download_csv: &'static str,
    pub download_png: &'static str,
    pub download_svg: &'static str,
    pub copied_link: &'static str,
    pub copied_embed: &'static str,
    pub downloaded: &'static str,
    pub copy_manually: &'static str,
    // Embeds (/embed/…) and the embed gallery (/embeds).
    pub embed_full_view: &'static str,
    pub embed_unknown: &'static str,
    pub embed_no_township: &'static str,
    pub embed_license: &'static str,
    pub embed_about_map: &'static str,
    pub embed_about_ranking: &'static str,
    pub embed_about_trend: &'static str,
    pub embed_about_township_enrolment: &'static str,
    pub embed_about_township_facilities: &'static str,
    pub embed_about_satisfaction_groups: &'static str,
    pub embed_about_satisfaction_heatmap: &'static str,
    pub embed_about_satisfaction_townships: &'static str,
    pub embed_about_satisfaction_trend: &'static str,
    pub embeds_title: &'static str,
    pub embeds_lede: &'static str,
    pub embeds_params: &'static str,
    pub embeds_resizer: &'static str,
    pub embeds_attribution: &'static str,
    pub embeds_code: &'static str,
    pub embeds_preview: &'static str,
    pub embeds_copy: &'static str,
    pub about_software: &'static str,
    pub file_size: &'static str,
    pub status: &'static str,
    pub publisher: &'static str,
    pub percent_of_standard: &'static str,
    pub standard_line: &'static str,
    pub township_code: &'static str,
    pub by_township: &'static str,
    pub township_ranking: &'static str,
    pub over_years: &'static str,
    pub layout_group: &'static str,
    pub main_nav: &'static str,
    pub toc: &'static str,
    pub sample_badge: &'static str,
    // Plan tracker (规划目标进展): /plan and the overview box.
    pub plan_title: &'static str,
    pub plan_lede: &'static str,
    pub plan_document: &'static str,
    pub plan_reference_group: &'static str,
    pub plan_reference_notice: &'static str,
    pub plan_reference_link: &'static str,
    pub plan_no_plan: &'static str,
    pub plan_issuing_body: &'static str,
    pub plan_document_number: &'static str,
    pub plan_adopted: &'static str,
    pub plan_years: &'static str,
    pub plan_source: &'static str,
    pub plan_not_stated: &'static str,
    pub plan_notes: &'static str,
    pub plan_method: &'static str,
    pub plan_summary_heading: &'static str,
    pub plan_no_snapshot: &'static str,
    pub plan_not_tracked: &'static str,
    pub plan_filter_status: &'static str,
    pub plan_filter_area: &'static str,
    pub plan_all: &'static str,
    pub plan_all_areas: &'static str,
    pub plan_no_match: &'static str,
    pub plan_show_all: &'static str,
    pub plan_goal: &'static str,
    pub plan_deadline: &'static str,
    pub plan_no_deadline: &'static str,
    pub plan_baseline: &'static str,
    pub plan_no_baseline: &'static str,
    pub plan_latest: &'static str,
    pub plan_no_data_yet: &'static str,
    pub plan_no_indicator: &'static str,
    pub plan_expected: &'static str,
    pub plan_judged_on: &'static str,
    pub plan_section: &'static str,
    pub plan_note: &'static str,
    pub plan_actual: &'static str,
    pub plan_path: &'static str,
    pub plan_path_start: &'static str,
    pub plan_path_end: &'static str,
    pub plan_date: &'static str,
    pub plan_target_from: &'static str,
    pub plan_open_page: &'static str,
    pub plan_series_failed: &'static str,
    pub plan_done: &'static str,
    pub plan_not_done: &'static str,
    // Satisfaction (社会认可度): /satisfaction, /satisfaction/briefing and the overview box.
    pub sat_title: &'static str,
    pub sat_lede: &'static str,
    pub sat_no_survey: &'static str,
    pub sat_overall: &'static str,
    pub sat_rate: &'static str,
    pub sat_interval: &'static str,
    pub sat_interval_low: &'static str,
    pub sat_interval_high: &'static str,
    pub sat_respondents: &'static str,
    pub sat_effective_respondents: &'static str,
    pub sat_head_count: &'static str,
    pub sat_answers: &'static str,
    pub sat_people: &'static str,
    pub sat_position: &'static str,
    pub sat_too_few: &'static str,
    pub sat_not_surveyed: &'static str,
    pub sat_group: &'static str,
    pub sat_area: &'static str,
    pub sat_groups_heading: &'static str,
    pub sat_areas_heading: &'static str,
    pub sat_heatmap_qualifier: &'static str,
    pub sat_heatmap_legend: &'static str,
    pub sat_townships_heading: &'static str,
    pub sat_townships_qualifier: &'static str,
    pub sat_townships_note: &'static str,
    pub sat_no_township_rows: &'static str,
    pub sat_trend_heading: &'static str,
    pub sat_trend_qualifier: &'static str,
    pub sat_changes_heading: &'static str,
    pub sat_change: &'static str,
    pub sat_significant: &'static str,
    pub sat_not_significant: &'static str,
    pub sat_change_unknown: &'static str,
    pub sat_weighting_changed: &'static str,
    pub sat_first_survey: &'static str,
    pub sat_series_failed: &'static str,
    pub sat_weighting_heading: &'static str,
    pub sat_weight: &'static str,
    pub sat_excluded_heading: &'static str,
    pub sat_method_heading: &'static str,
    pub sat_method_likert: &'static str,
    pub sat_method_county_township: &'static str,
    pub sat_method_groups: &'static str,
    pub sat_method_interval: &'static str,
    pub sat_method_notes: &'static str,
    pub sat_method_definition: &'static str,
    pub sat_open_details: &'static str,
    pub sat_open_briefing: &'static str,
    pub brief_title: &'static str,
    pub brief_audience: &'static str,
    pub brief_print: &'static str,
    pub brief_back: &'static str,
    pub brief_weakest_heading: &'static str,
    pub brief_kind: &'static str,
    pub brief_weakest_groups: &'static str,
    pub brief_weakest_areas: &'static str,
    pub brief_weakest_townships: &'static str,
    pub brief_all_groups: &'static str,
    pub brief_method_heading: &'static str,
    pub brief_version_heading: &'static str,
    pub brief_snapshot_id: &'static str,
    pub brief_sha256: &'static str,
    pub brief_generated: &'static str,
    pub brief_online: &'static str,
    pub brief_loading_trend: &'static str,
    pub brief_name: &'static str,
    pub brief_significant_groups: &'static str,
    pub brief_none: &'static str,
    pub sat_clearly_above: &'static str,
    pub sat_undecided: &'static str,
    pub sat_clearly_below: &'static str,
}

pub static ZH_CN: Messages = Messages {
    error_network: "网络错误，无法下载该文件",
    error_incomplete: "下载中断，文件不完整",
    error_hash_mismatch: "文件内容与发布清单（manifest.json）记录的校验值不符，已拒绝使用：可能被篡改或传输出错",
    site_title: "县域教育数据地图",
    site_tagline: "看懂身边学校的办学条件与规划进展",
    nav_overview: "概览",
    nav_map: "地图",
    nav_compare: "比较",
    nav_plan: "规划进度",
    nav_satisfaction: "满意度",
    nav_about: "关于数据",
    skip_to_content: "跳到正文",
    county: "县（区）",
    school_year: "学年",
    metric: "指标",
    township: "乡镇（街道）",
    loading: "正在加载数据……",
    retry: "重试",
    load_failed: "数据加载失败",
    still_available: "其他已加载的数据不受影响，可继续浏览。",
    page_load_failed: "页面未能加载",
    page_load_failed_body: "这个页面的程序文件没有下载完成，可能是网络中断。请检查网络后重试；其他页面不受影响。",
    no_snapshot_for_county: "该县尚未发布学校统计数据快照；可查看其规划目标。",
    no_data_for_metric: "该学年没有这项指标的数据。",
    not_found_title: "找不到这个页面",
    not_found_body: "链接可能有误或已过期。",
    back_to_overview: "返回概览",
    chart_failed: "图表未能绘制，下方表格仍可查看数据。",
    view_table: "以表格查看",
    view_chart: "以图表查看",
    source: "来源",
    data_version: "数据版本",
    definition: "指标定义",
    standard: "标准",
    no_standard: "无统一标准",
    missing_data: "无数据",
    vs_last_year: "较上学年",
    no_previous_year: "无上一学年数据",
    county_value: "全县",
    rank: "县内排名",
    value: "数值",
    overview_townships: "查看我所在的乡镇（街道）",
    section_enrolment: "学生、学校与教师",
    section_preschool: "学前教育普及普惠",
    section_preschool_note: "县域学前教育普及普惠督导评估的三项覆盖指标，对照国家标准。",
    section_balance: "义务教育优质均衡：资源配置",
    section_balance_note: "七项资源配置指标（县均值），对照《县域义务教育优质均衡发展督导评估办法》标准。",
    section_cv: "义务教育优质均衡：校际差异系数",
    section_cv_note: "按在校生数加权计算，越小表示学校之间越均衡。",
    section_outcomes: "教育局报告的指标",
    section_outcomes_note: "以下数值由教育局直接报告，无法从学校基表计算。",
    primary: "小学",
    junior: "初中",
    indicator: "指标",
    map_layout_boundaries: "边界示意图",
    map_layout_tiles: "方块图",
    map_legend: "图例",
    map_list_heading: "各乡镇（街道）",
    map_list_hint: "点选地图或下方列表查看乡镇概况。",
    map_no_geometry: "该县没有发布地图文件，请使用下方列表。",
    close: "关闭",
    open_township_page: "查看乡镇详情",
    legend_by_standard: "按国家标准分级",
    legend_by_quantile: "按分位数分级（各级乡镇数大致相等）",
    township_enrolment: "各学段在校生（历年）",
    township_teachers: "教师配置",
    township_facilities: "办学条件（生均），对照标准",
    township_schools: "辖区学校",
    township_rank: "在全县的位置",
    township_not_found: "找不到这个乡镇（街道）代码。",
    school_name: "学校",
    school_type: "类型",
    ownership: "办别",
    students: "在校生",
    classes: "班数",
    teachers: "专任教师",
    students_per_teacher: "生师比",
    meets_balance_standard: "优质均衡达标",
    compare_trend: "历年变化",
    compare_pick_townships: "选择要比较的乡镇（最多 8 个）",
    about_title: "关于数据",
    about_downloads: "下载",
    about_download_json: "原始数据（JSON）",
    about_download_csv: "全部指标（CSV）",
    about_downloads_note: "原始数据即发布的文件本身，可用 SHA-256 校验值核对（如 sha256sum 文件名）。“全部指标”是本站按指标定义由该文件算出的全县及各乡镇数值，每行一个指标，Excel 可直接打开。",
    about_intro: "本站展示县教育行政部门发布的教育统计数据快照。每个数字都由公开的指标定义计算，并可追溯到具体的数据文件及其校验值。",
    about_indicators: "指标定义",
    about_snapshots: "已发布的数据快照",
    about_publisher: "发布机构与许可",
    about_privacy: "隐私",
    about_privacy_body: "本站不使用 Cookie、统计或追踪脚本，不向任何第三方发送请求；所有数据和脚本都来自本站。",
    formula: "公式",
    unit: "单位",
    direction: "方向",
    levels: "适用层级",
    basis: "数据来源",
    published: "发布日期",
    as_of: "统计时点",
    revises: "更正自",
    superseded: "已被更正版本取代",
    in_force: "现行版本",
    license: "许可",
    contact: "联系方式",
    warnings_in_data: "数据提示",
    footer_note: "数字由公开数据按公开定义计算。",
    share_menu: "分享与下载",
    copy_link: "复制链接",
    copy_embed: "复制嵌入代码",
    download_csv: "下载 CSV",
    download_png: "下载 PNG（2倍）",
    download_svg: "下载 SVG",
    copied_link: "已复制链接",
    copied_embed: "已复制嵌入代码",
    downloaded: "已开始下载",
    copy_manually: "无法自动完成，请手动复制：",
    embed_full_view: "查看完整页面（新窗口）",
    embed_unknown: "没有这种可嵌入的图表，可嵌入的图表见“嵌入图表”页面。",
    embed_no_township: "链接没有指定本县的乡镇（街道）：请在 township 参数中写入乡镇代码。",
    embed_license: "许可",
    embed_about_map: "各乡镇（街道）某项指标的分级地图，附图例；可用 layout=tiles 换成方块图。",
    embed_about_ranking: "各乡镇（街道）某项指标的排名条形图，标出全县数值和国家标准。",
    embed_about_trend: "某项指标历年的变化：全县和所选乡镇（towns 参数，最多 8 个）。",
    embed_about_township_enrolment: "一个乡镇（街道）历年各学段在校生人数。",
    embed_about_township_facilities: "一个乡镇（街道）的办学条件对照国家标准（100 = 达到标准线）。",
    embed_about_satisfaction_groups: "社会认可度调查：全县和各类受访群体的认可率，附置信区间和标准线。",
    embed_about_satisfaction_heatmap: "社会认可度调查：各类受访群体对各项调查内容的认可率。",
    embed_about_satisfaction_townships: "社会认可度调查：各乡镇（街道）的认可率，附置信区间。",
    embed_about_satisfaction_trend: "社会认可度调查：历次调查的认可率变化。",
    embeds_title: "嵌入图表",
    embeds_lede: "把图表放进报道或网页：复制代码，粘贴到网页的 HTML 中。嵌入的图表带标题、图例、来源和数据版本，不带本站的导航；每张图表都可下载 CSV、PNG 和 SVG。",
    embeds_params: "链接参数与完整页面相同（county 县、year 学年、metric 指标等），另有 theme=light、dark 或 auto（跟随系统），height=图表高度（120–4000 像素）。",
    embeds_resizer: "代码中的 embed-resizer.js 让框架随内容自动调整高度；不加载这个脚本时，框架保持代码中的固定高度。",
    embeds_attribution: "使用时请保留图表中的来源和数据版本，并注明出自本站；数据许可见各图表下方。示例数据不是真实统计，不能作为事实引用。",
    embeds_code: "嵌入代码",
    embeds_preview: "预览",
    embeds_copy: "复制代码",
    about_software: "图表由 Apache ECharts（Apache License 2.0）绘制，随本站一同发布，不从外部加载。",
    file_size: "文件大小（字节）",
    status: "状态",
    publisher: "发布机构",
    percent_of_standard: "达到标准的百分比",
    standard_line: "标准线 100%",
    township_code: "乡镇代码",
    by_township: "按乡镇",
    township_ranking: "各乡镇排名",
    over_years: "历年",
    layout_group: "地图样式",
    main_nav: "主导航",
    toc: "目录",
    sample_badge: "示例",
    plan_title: "规划目标进展",
    plan_lede: "县里的教育规划承诺了什么、做到了多少：每一项能用数字衡量的目标，都对照已发布的数据判断进展。",
    plan_document: "规划文件",
    plan_reference_group: "参考模板",
    plan_reference_notice: "这是一份未填写县名和数值的区县文件模板，不属于任何一个县，仅供参考；其中的目标不与任何县的数据对照。",
    plan_reference_link: "参考：区县文件模板",
    plan_no_plan: "本站尚未收录该县的规划文件。",
    plan_issuing_body: "发文机关",
    plan_document_number: "文号",
    plan_adopted: "印发日期",
    plan_years: "规划期",
    plan_source: "原文出处",
    plan_not_stated: "原文未载",
    plan_notes: "整理说明",
    plan_method: "判断方法：从基线（规划未给基线时，从第一次公布的数值起）到期限目标画一条直线，实际值在线上或更好为“进度正常”，不及为“进度滞后”；到期仍未达到为“未达成”。每年都要做到的目标，有一年没做到即为“未达成”。",
    plan_summary_heading: "目标进展概况",
    plan_no_snapshot: "该县尚未发布统计数据快照：以下目标暂无公开数据可以对照。",
    plan_not_tracked: "模板不对照数据。",
    plan_filter_status: "按进展筛选",
    plan_filter_area: "领域",
    plan_all: "全部",
    plan_all_areas: "全部领域",
    plan_no_match: "没有符合筛选条件的目标。",
    plan_show_all: "显示全部目标",
    plan_goal: "目标",
    plan_deadline: "期限",
    plan_no_deadline: "未定期限",
    plan_baseline: "基线",
    plan_no_baseline: "规划未给出",
    plan_latest: "最新数值",
    plan_no_data_yet: "暂无公开数据",
    plan_no_indicator: "公开数据中没有衡量这项目标的指标。",
    plan_expected: "此时应达到",
    plan_judged_on: "判定依据",
    plan_section: "原文位置",
    plan_note: "说明",
    plan_actual: "实际值",
    plan_path: "目标路径",
    plan_path_start: "路径起点",
    plan_path_end: "期限目标",
    plan_date: "时点",
    plan_target_from: "目标出自",
    plan_open_page: "查看全部规划目标",
    plan_series_failed: "以下数据文件未能加载，进展只按其余年份判断：",
    plan_done: "已完成",
    plan_not_done: "尚未完成",
    sat_title: "社会认可度调查",
    sat_lede: "学生、家长、教师、校长、人大代表、政协委员和其他群众对本县义务教育工作的认可比例。每个比率都附 95% 置信区间和受访人数：受访的人越少，区间越宽，越难判断是否达到标准线。",
    sat_no_survey: "该学年没有发布社会认可度调查结果。",
    sat_overall: "全县总体认可率",
    sat_rate: "认可率",
    sat_interval: "95% 置信区间",
    sat_interval_low: "区间下限",
    sat_interval_high: "区间上限",
    sat_respondents: "受访人数",
    sat_effective_respondents: "有效样本量",
    sat_head_count: "受访总人数",
    sat_answers: "答题人次",
    sat_people: "人",
    sat_position: "对照标准线",
    sat_too_few: "样本过少",
    sat_not_surveyed: "未调查",
    sat_group: "受访群体",
    sat_area: "调查内容",
    sat_groups_heading: "各类受访群体",
    sat_areas_heading: "各项调查内容",
    sat_heatmap_qualifier: "受访群体 × 调查内容",
    sat_heatmap_legend: "颜色表示置信区间与标准线的关系",
    sat_townships_heading: "各乡镇（街道）",
    sat_townships_qualifier: "各乡镇（街道），含置信区间",
    sat_townships_note: "乡镇（街道）的比率只用按乡镇列出的调查行计算，与全县汇总行分开，不相加；按乡镇列出的受访群体可能少于全县。",
    sat_no_township_rows: "本次调查没有按乡镇（街道）列出结果。",
    sat_trend_heading: "历次调查",
    sat_trend_qualifier: "历次调查，全县及各受访群体",
    sat_changes_heading: "与上一次调查相比",
    sat_change: "变化",
    sat_significant: "明显变化",
    sat_not_significant: "不明显",
    sat_change_unknown: "无法比较",
    sat_weighting_changed: "两次调查的合并方法不同，变化可能部分来自方法而非看法",
    sat_first_survey: "这是已发布的第一次调查，没有可比较的上一次。",
    sat_series_failed: "以下年份的数据未能加载，历次调查中不含这些年份：",
    sat_weighting_heading: "总体认可率如何由各群体合并",
    sat_weight: "权重",
    sat_excluded_heading: "未计入任何比率的数据行",
    sat_method_heading: "计算方法",
    sat_method_likert: "认可率 =（非常满意 + 满意）÷ 回答人数；“一般”及以下不算认可。直接给出认可人数的调查行按原数计算。",
    sat_method_county_township: "全县数字只用不分乡镇的汇总行；乡镇数字只用按乡镇列出的行。两者从不相加，以免同一批受访者被计两次。",
    sat_method_groups: "同一群体的各项调查内容通常由同一批人回答：群体认可率合并各题答案，受访人数取各题中人数最多的一题。",
    sat_method_interval: "置信区间为 95% Wilson 区间。区间整体高于标准线才算“明确达到”，整体低于标准线算“明确未达到”，跨越标准线则无法判定。",
    sat_method_notes: "发布方的调查说明",
    sat_method_definition: "指标定义（关于数据）",
    sat_open_details: "查看满意度详情",
    sat_open_briefing: "打印简报（A4）",
    brief_title: "社会认可度简报",
    brief_audience: "供人大代表、政协委员参阅",
    brief_print: "打印或另存为 PDF",
    brief_back: "返回满意度页面",
    brief_weakest_heading: "认可率最低的环节",
    brief_kind: "类别",
    brief_weakest_groups: "受访群体",
    brief_weakest_areas: "调查内容",
    brief_weakest_townships: "乡镇（街道）",
    brief_all_groups: "全部受访群体",
    brief_method_heading: "方法要点",
    brief_version_heading: "数据来源与版本",
    brief_snapshot_id: "数据快照",
    brief_sha256: "SHA-256 校验值",
    brief_generated: "生成日期",
    brief_online: "在线版本",
    brief_loading_trend: "正在加载历次调查……",
    brief_name: "名称",
    brief_significant_groups: "与上一次调查相比有明显变化的受访群体",
    brief_none: "无",
    sat_clearly_above: "明确达到",
    sat_undecided: "无法判定",
    sat_clearly_below: "明确未达到",
};

/// The message table for the current language.
pub fn msg() -> &'static Messages {
    &ZH_CN
}

/// "较上学年 +1.2 个百分点" style change line.
pub fn change_line(change: &str) -> String {
    format!("{} {}", msg().vs_last_year, change)
}

/// "第 3 / 8 名".
pub fn rank_of(rank: usize, of: usize) -> String {
    format!("第 {rank} / {of} 名")
}

/// One-sentence summary of a ranking, for screen readers and captions.
pub fn ranking_summary(
    period: &str,
    indicator: &str,
    top: (&str, &str),
    bottom: (&str, &str),
    county: &str,
) -> String {
    format!(
        "{period}，{indicator}最高的是{}（{}），最低的是{}（{}）；全县为 {county}。",
        top.0, top.1, bottom.0, bottom.1
    )
}

pub fn no_ranking_summary(period: &str, indicator: &str) -> String {
    format!("{period}，没有乡镇有{indicator}的数据。")
}

/// "化念镇 2021–2022学年至2024–2025学年在校生从 3,210 人变为 3,050 人。"
pub fn enrolment_summary(name: &str, first: &str, last: &str, start: &str, end: &str) -> String {
    format!("{name}在校生总数：{first} 为 {start}，{last} 为 {end}。")
}

/// Which facility indicators are below the standard, in one sentence.
pub fn facilities_summary(name: &str, below: &[&str]) -> String {
    if below.is_empty() {
        format!("{name}的各项生均办学条件指标均达到标准。")
    } else {
        format!("{name}未达到标准的指标：{}。", below.join("、"))
    }
}

/// The school years a figure spans: "2021–2022学年至2024–2025学年", or the one year. Its
/// own word, because the years themselves are written with a dash.
pub fn period_span(first: &str, last: &str) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}至{last}")
    }
}

/// "2021–2022学年至2024–2025学年，全县X从 a 变为 b。"
pub fn trend_summary(first: &str, last: &str, indicator: &str, start: &str, end: &str) -> String {
    format!("{}，全县{indicator}从 {start} 变为 {end}。", period_span(first, last))
}

/// "峨山彝族自治县：学前三年毛入园率（按乡镇）"
pub fn figure_title(county: &str, indicator: &str, qualifier: &str) -> String {
    format!("{county}：{indicator}（{qualifier}）")
}

/// "90.4% – 92.7%": a 95% interval from its two formatted ends.
pub fn interval_text(low: &str, high: &str) -> String {
    format!("{low} – {high}")
}

/// "2,227 人".
pub fn people_text(count: &str) -> String {
    format!("{count} {}", msg().sat_people)
}

/// Why a rate carries the 样本过少 flag, with the threshold from the core.
pub fn too_few_note(threshold: &str) -> String {
    format!("受访不足 {threshold} 人：区间很宽，仅供参考，不列入“最低”名单。")
}

/// The method line about the too-few threshold and the change rule.
pub fn method_too_few_and_change(threshold: &str) -> String {
    format!(
        "受访不足 {threshold} 人的比率标注“样本过少”，不列入“最低”名单。与上一次调查相比，只有两个置信区间不重叠时才标为“明显变化”。"
    )
}

/// "较 2023–2024学年调查".
pub fn compared_with(previous_period: &str) -> String {
    format!("较{previous_period}调查")
}

/// "生成日期：2025-03-01".
pub fn generated_on(date: &str) -> String {
    format!("{}：{date}", msg().brief_generated)
}

/// One sentence for the group chart: the overall rate and where it stands.
pub fn overall_summary(
    period: &str,
    rate: &str,
    interval: &str,
    respondents: &str,
    position: &str,
) -> String {
    format!("{period}，全县总体认可率 {rate}（95% 置信区间 {interval}，{respondents}），{position}。")
}

/// One sentence for the heatmap: the lowest and highest cells.
pub fn heatmap_summary(period: &str, lowest: (&str, &str), highest: (&str, &str)) -> String {
    format!("{period}，认可率最低的是{}（{}），最高的是{}（{}）。", lowest.0, lowest.1, highest.0, highest.1)
}

/// "截至 2024–2025学年（统计时点 2024-09-30）的已发布数据".
pub fn plan_as_of(school_year: &str, as_of: &str) -> String {
    format!("截至{school_year}（统计时点 {as_of}）的已发布数据")
}

/// A plan deadline or baseline date: a year means that year's figures ("2024年"); a day is
/// printed as written.
pub fn plan_date_text(date: &str) -> String {
    if date.len() == 4 {
        format!("{date}年")
    } else {
        date.to_string()
    }
}

/// "2022—2024年".
pub fn plan_years_text(start: i32, end: i32) -> String {
    format!("{start}—{end}年")
}

/// "96.1%（2024–2025学年）".
pub fn plan_value_at(value: &str, when: &str) -> String {
    format!("{value}（{when}）")
}

/// "学前三年毛入园率：实际值与目标路径".
pub fn plan_chart_title(indicator: &str) -> String {
    format!("{indicator}：{}与{}", msg().plan_actual, msg().plan_path)
}

/// One sentence for a target's chart: the latest value, the goal and the verdict.
pub fn plan_target_summary(
    indicator: &str,
    latest: &str,
    goal: &str,
    deadline: &str,
    status: &str,
) -> String {
    format!("{indicator}最新数值为 {latest}；目标为 {goal}（期限 {deadline}）；判定：{status}。")
}

/// "目标出自：《平阳县教育事业发展“十四五”规划》二(一)".
pub fn plan_target_from(title: &str, section: &str) -> String {
    format!("{}：《{title}》{section}", msg().plan_target_from)
}

/// A data file the server answered with an HTTP error.
pub fn error_http(status: u16) -> String {
    format!("服务器返回错误（HTTP {status}）")
}

/// A snapshot that arrived intact but breaks validation rules.
pub fn error_invalid(errors: usize) -> String {
    format!("数据未通过校验（{errors} 个错误），已拒绝使用")
}
