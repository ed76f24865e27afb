//! Words of the map page (/map).

use crate::i18n::messages;

messages! {
    pub fn map_msg() -> MapMessages {
        layout_boundaries: "边界示意图" / "Boundary sketch",
        layout_tiles: "方块图" / "Tile map",
        list_heading: "各乡镇（街道）" / "Townships",
        list_hint: "点选地图或下方列表查看乡镇概况。"
            / "Choose a township on the map or in the list below to see its summary.",
        no_geometry: "该县没有发布地图文件，请使用下方列表。"
            / "This county has not published a map file; please use the list below.",
        open_township_page: "查看乡镇详情" / "Open the township page",
        layout_group: "地图样式" / "Map style",
        close: "关闭" / "Close",
    }
}
