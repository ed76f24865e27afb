//! Validation. (Being written in the data-core issue.)
