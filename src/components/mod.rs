//! Small reusable pieces of the UI. Each reads core types and draws them. Values, standings,
//! changes and ranks come from `atlas_core` (`standing_chip` asks the core's `evaluate`); the only
//! arithmetic here is layout in CSS pixels (scrolling the tab list in `shell`).

pub mod figure;
pub mod indicator_card;
pub mod loaded;
pub mod near_screen;
pub mod pickers;
pub mod share;
pub mod shell;
pub mod status;
pub mod survey_rate;
