//! Small reusable pieces of the UI. Each reads core types and draws them; none computes a figure.

pub mod figure;
pub mod indicator_card;
pub mod loaded;
pub mod near_screen;
pub mod pickers;
pub mod share;
pub mod shell;
pub mod status;
pub mod survey_rate;
