//! SHA-256 of published bytes, as lowercase hex: the manifest records it, the portal checks it.

use sha2::{Digest, Sha256};

/// What `sha256_hex` returns, as a JSON Schema pattern: 64 lowercase hex digits.
pub const SHA256_HEX_PATTERN: &str = "^[0-9a-f]{64}$";

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        out.push(char::from_digit((b & 0xf) as u32, 16).unwrap_or('0'));
    }
    out
}

/// The first 8 hex digits, as printed in source lines under charts.
pub fn short_hash(sha256: &str) -> &str {
    sha256.get(..8).unwrap_or(sha256)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_digests() {
        // FIPS 180-2 test vector for "abc".
        assert_eq!(sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(short_hash("ba7816bf8f01"), "ba7816bf");
        assert_eq!(short_hash("ab"), "ab");
    }
}
