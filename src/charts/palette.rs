//! Every colour a chart uses, in one place. The classes are ColorBrewer schemes that stay
//! distinguishable for the common forms of colour blindness; the same values appear as CSS
//! custom properties in style/main.css for HTML legends.

/// Five sequential classes, light to dark (ColorBrewer Blues).
pub const SEQUENTIAL: [&str; 5] = ["#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"];

/// Meets the standard's threshold.
pub const MEETS: &str = "#2166ac";
/// Short of the threshold but within the tolerance its standard grants.
pub const NEAR: &str = "#f4a582";
/// Below the threshold (and not near it).
pub const BELOW: &str = "#b2182b";
/// No data for this township.
pub const MISSING: &str = "#d9d9d9";

/// The colour of a standing; grey when there is no verdict (no line, no value).
pub fn standing(s: atlas_core::indicators::Standing) -> &'static str {
    use atlas_core::indicators::Standing;
    match s {
        Standing::Meets => MEETS,
        Standing::Near => NEAR,
        Standing::Below => BELOW,
        Standing::NoThreshold | Standing::NoData => MISSING,
    }
}
/// Indicator without a threshold, in bar charts.
pub const NEUTRAL: &str = "#4393c3";
/// The selected township.
pub const SELECTED: &str = "#f1a340";

pub const REF_COUNTY: &str = "#525252";
pub const REF_STANDARD: &str = "#d6604d";
pub const INTERVAL: &str = "#abd0e6";

pub const MAP_BORDER: &str = "#ffffff";
pub const MAP_LABEL: &str = "#1a1a1a";
pub const MAP_HOVER: &str = "#fdb863";

/// Lines of a multi-township trend chart.
pub const SERIES: [&str; 8] =
    ["#1b9e77", "#d95f02", "#7570b3", "#e7298a", "#66a61e", "#e6ab02", "#a6761d", "#666666"];
