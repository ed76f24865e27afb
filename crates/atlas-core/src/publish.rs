//! Publishing: manifest entries, sizes, hashes, corrections. (Being written in the data-core issue.)
