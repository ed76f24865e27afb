//! Words of the about page (/about): definitions, snapshots, downloads, privacy.

use crate::i18n::messages;

messages! {
    pub fn about_msg() -> AboutMessages {
        title: "关于数据" / "About the data",
        downloads: "下载" / "Downloads",
        download_json: "原始数据（JSON）" / "Original data (JSON)",
        download_csv: "全部指标（CSV）" / "All indicators (CSV)",
        downloads_note: "原始数据即发布的文件本身，可用 SHA-256 校验值核对（如 sha256sum 文件名）。“全部指标”是本站按指标定义由该文件算出的全县及各乡镇数值，每行一个指标，Excel 可直接打开。"
            / "The original data is the published file itself; check it against its SHA-256 checksum (for example with sha256sum). “All indicators” holds the county and township values this site computes from that file by the indicator definitions, one row per indicator; Excel opens it directly.",
        intro: "本站展示县教育行政部门发布的教育统计数据快照。每个数字都由公开的指标定义计算，并可追溯到具体的数据文件及其校验值。"
            / "This site shows the education statistics snapshots published by the county's education authority. Every figure is computed by a published indicator definition and can be traced to a specific data file and its checksum.",
        indicators: "指标定义" / "Indicator definitions",
        snapshots: "已发布的数据快照" / "Published data snapshots",
        publisher: "发布机构与许可" / "Publisher and licence",
        privacy: "隐私" / "Privacy",
        formula: "公式" / "Formula",
        superseded: "已被更正版本取代" / "Replaced by a corrected version",
        in_force: "现行版本" / "Current version",
        contact: "联系方式" / "Contact",
        software: "图表由 Apache ECharts（Apache License 2.0）绘制，随本站一同发布，不从外部加载。"
            / "Charts are drawn by Apache ECharts (Apache License 2.0), which is served with this site and not loaded from elsewhere.",
        file_size: "文件大小（字节）" / "File size (bytes)",
        toc: "目录" / "Contents",
        sample_badge: "示例" / "Sample",
        direction: "方向" / "Direction",
        levels: "适用层级" / "Levels",
        basis: "数据来源" / "Basis",
        revises: "更正自" / "Corrects",
        license: "许可" / "Licence",
        status: "状态" / "Status",
        signature: "数据签名" / "Data signature",
        signature_body: "发布单位用自己的密钥对发布清单（manifest.json）签名，清单记录了每个数据文件的 SHA-256 校验值。本站在显示任何数字之前先核对签名；签名缺失或不符的数据会被拒绝。下载的数据也可以用通用的 minisign 工具自行核对，无需本站程序。"
            / "The publisher signs the publication list (manifest.json) with its own key; the list records every data file's SHA-256 checksum. This site checks the signature before it shows any figure and refuses data whose signature is missing or does not match. Anyone can check downloaded data with the standard minisign tool, without this site's code.",
        signature_key: "发布者公钥" / "Publisher's public key",
        signature_sample: "示例密钥：这是代码仓库中公开的示例密钥，任何人都能用它签名，不能证明数据来源。正式部署须换成发布单位自己的公钥。"
            / "Sample key: this key is published in the code repository, so anyone can sign with it and it proves nothing about where data came from. A real deployment must use the publisher's own public key.",
        signature_signed: "签名内容" / "Signed",
        signature_how: "核对下载的清单（清单旁须有同名 .minisig 文件），再用 sha256sum 对照清单中每个文件的校验值："
            / "Check a downloaded list (its .minisig file must be beside it), then compare each file with sha256sum against the checksum in the list:",
    }
}
