//! Words of the embeds (/embed/<kind>) and the embed gallery (/embeds).

use crate::i18n::messages;

messages! {
    pub fn embed_msg() -> EmbedMessages {
        full_view: "查看完整页面（新窗口）" / "Open the full page (new window)",
        unknown: "没有这种可嵌入的图表，可嵌入的图表见“嵌入图表”页面。"
            / "There is no embeddable chart of this kind; the “Embed charts” page lists the ones there are.",
        no_township: "链接没有指定本县的乡镇（街道）：请在 township 参数中写入乡镇代码。"
            / "The link names no township of this county: put a township code in the township parameter.",
        license: "许可" / "Licence",
        about_map: "各乡镇（街道）某项指标的分级地图，附图例；可用 layout=tiles 换成方块图。"
            / "A map of the townships classed on one indicator, with a legend; layout=tiles turns it into a tile map.",
        about_ranking: "各乡镇（街道）某项指标的排名条形图，标出全县数值和国家标准。"
            / "A bar chart ranking the townships on one indicator, marking the county value and the national standard.",
        about_trend: "某项指标历年的变化：全县和所选乡镇（towns 参数，最多 8 个）。"
            / "One indicator over the school years: the county and the chosen townships (towns parameter, up to 8).",
        about_township_enrolment: "一个乡镇（街道）历年各学段在校生人数。"
            / "One township's students by stage over the school years.",
        about_township_facilities: "一个乡镇（街道）的办学条件对照国家标准（100 = 达到标准线）。"
            / "One township's school facilities against the national standard (100 = on the line).",
        about_satisfaction_groups: "社会认可度调查：全县和各类受访群体的认可率，附置信区间和标准线。"
            / "Public satisfaction survey: the county's rate and each respondent group's, with confidence intervals and the standard's line.",
        about_satisfaction_heatmap: "社会认可度调查：各类受访群体对各项调查内容的认可率。"
            / "Public satisfaction survey: each respondent group's rate on each survey topic.",
        about_satisfaction_townships: "社会认可度调查：各乡镇（街道）的认可率，附置信区间。"
            / "Public satisfaction survey: each township's rate, with confidence intervals.",
        about_satisfaction_trend: "社会认可度调查：历次调查的认可率变化。"
            / "Public satisfaction survey: the rates over the surveys.",
        lede: "把图表放进报道或网页：复制代码，粘贴到网页的 HTML 中。嵌入的图表带标题、图例、来源和数据版本，不带本站的导航；每张图表都可下载 CSV、PNG 和 SVG。"
            / "Put a chart into an article or web page: copy the code and paste it into the page's HTML. An embedded chart carries its title, legend, source and data version, without this site's navigation; every chart can be downloaded as CSV, PNG and SVG.",
        params: "链接参数与完整页面相同（county 县、year 学年、metric 指标等），另有 theme=light、dark 或 auto（跟随系统），height=图表高度（120–4000 像素）。"
            / "The link takes the same parameters as the full page (county, year, metric and so on), plus theme=light, dark or auto (follow the system), height= the chart's height (120–4000 pixels) and lang=en for English.",
        resizer: "代码中的 embed-resizer.js 让框架随内容自动调整高度；不加载这个脚本时，框架保持代码中的固定高度。"
            / "The embed-resizer.js in the code lets the frame take its content's height; without that script the frame keeps the fixed height written in the code.",
        attribution: "使用时请保留图表中的来源和数据版本，并注明出自本站；数据许可见各图表下方。示例数据不是真实统计，不能作为事实引用。"
            / "Please keep the source and data version shown in the chart and credit this site; the data licence is given under each chart. Sample data is not real statistics and must not be quoted as fact.",
        code: "嵌入代码" / "Embed code",
        preview: "预览" / "Preview",
        copy: "复制代码" / "Copy code",
    }
}
