//! A signature file and a public key as the portal and `atlas verify` read them: any text gives
//! a verdict, never a panic. The input is split at its first NUL into the signature file's text
//! and the signed bytes, checked against the sample key.
#![no_main]

use atlas_core::signature::{self, Attestation, PublisherKey};
use libfuzzer_sys::fuzz_target;

const KEY: &str = "RWSTyoI42Pwi9WLbqRDEckFGegTXH5l8XUGA2sXW7pup1hzj9pJcKj7K";

fuzz_target!(|bytes: &[u8]| {
    let (text, signed) = match bytes.iter().position(|&b| b == 0) {
        Some(i) => (&bytes[..i], &bytes[i + 1..]),
        None => (bytes, &b""[..]),
    };
    let Ok(text) = std::str::from_utf8(text) else { return };
    let _ = PublisherKey::parse(text);
    if let Ok(a) = Attestation::parse(text) {
        // What is read back from a comment we write is what was written.
        let again = Attestation::parse(&a.to_comment()).expect("a written comment reads back");
        assert_eq!(again.file, a.file.replace(|c: char| c.is_control(), " "));
    }
    let key = PublisherKey::parse(KEY).expect("the test key parses");
    if let Ok(a) = signature::verify("manifest.json", signed, text, &key) {
        assert_eq!(a.file, "manifest.json");
    }
});
