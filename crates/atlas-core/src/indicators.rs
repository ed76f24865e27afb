//! Indicator table and formulas. (Being written in the data-core issue.)
