//! One file per page.

pub mod about;
pub mod compare;
pub mod map;
pub mod overview;
pub mod township;
