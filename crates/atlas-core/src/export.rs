//! CSV export. (Being written in the data-core issue.)
