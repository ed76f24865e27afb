//! One file per page.

pub mod about;
pub mod briefing;
pub mod compare;
pub mod embed;
pub mod embed_gallery;
pub mod map;
pub mod overview;
pub mod plan;
pub mod satisfaction;
pub mod township;
