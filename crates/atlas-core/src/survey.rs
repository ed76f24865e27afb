//! Survey statistics. (Being written in the satisfaction issue.)
