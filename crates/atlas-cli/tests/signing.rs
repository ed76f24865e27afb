//! Signed publication: `atlas keygen`, `atlas publish --sign` and `atlas verify`, checked against
//! the reference `minisign` tool (Debian package `minisign`, installed by `.ci/install`), so
//! anyone can verify what the bureau publishes without our code.

mod support;

use std::fs;
use std::path::Path;
use std::process::Command;
use support::{atlas, atlas_with, data_copy, s, scratch};

/// `minisign -Vm FILE -p PUB`: its exit code and output.
fn minisign_verify(file: &Path, public_key: &Path) -> (i32, String) {
    let output = Command::new("minisign")
        .args(["-V", "-m", s(file), "-p", s(public_key)])
        .output()
        .expect("run minisign (install the Debian package minisign, or run .ci/install)");
    let text =
        format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    (output.status.code().unwrap_or(-1), text)
}

#[test]
fn a_signed_folder_verifies_with_minisign_and_atlas_and_changes_are_rejected() {
    let keys = scratch("signing-keys");
    let (secret, public) = (keys.join("bureau.key"), keys.join("bureau.pub"));
    let run = atlas(&["keygen", "-s", s(&secret), "-p", s(&public), "--no-password"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&secret).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the secret key is readable by its owner only");
    }
    let again = atlas(&["keygen", "-s", s(&secret), "-p", s(&public), "--no-password"]);
    assert_eq!(again.code, 2, "an existing key is not overwritten: {}", again.stderr);

    let data = data_copy("signed");
    let run = atlas(&["publish", s(&data), "--date", "2025-03-01", "--sign", s(&secret)]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    let manifest = data.join("manifest.json");

    // The reference tool accepts it, and shows what the bureau vouched for.
    let (code, text) = minisign_verify(&manifest, &public);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Signature and comment signature verified"), "{text}");
    assert!(text.contains("file:manifest.json\tcounty:530426 峨山彝族自治县"), "{text}");
    assert!(text.contains("snapshots:530426-2024-2025\tdate:2025-03-01"), "{text}");

    let verify = |key: &Path| atlas(&["verify", s(&data), "--key", s(key)]);
    let run = verify(&public);
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert!(run.stdout.contains("the signature and every file check out"), "{}", run.stdout);

    // Publishing again changes nothing, the signature included.
    let signature = fs::read(data.join("manifest.json.minisig")).unwrap();
    let run = atlas(&["publish", s(&data), "--date", "2025-06-30", "--sign", s(&secret)]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("the signature still holds"), "{}", run.stderr);
    assert_eq!(fs::read(data.join("manifest.json.minisig")).unwrap(), signature);

    // Another key: refused, naming the signature.
    let other = scratch("signing-other");
    let run =
        atlas(&["keygen", "-s", s(&other.join("o.key")), "-p", s(&other.join("o.pub")), "--no-password"]);
    assert_eq!(run.code, 0);
    let run = verify(&other.join("o.pub"));
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("manifest.json.minisig: error[signature_wrong_key]"), "{}", run.stdout);
    assert_ne!(minisign_verify(&manifest, &other.join("o.pub")).0, 0);

    // One changed byte in a snapshot: its hash no longer matches the signed manifest.
    let snapshot = data.join("530426/2024-2025.json");
    let original = fs::read(&snapshot).unwrap();
    let mut changed = original.clone();
    let at = changed.iter().position(|&b| b == b'7').unwrap();
    changed[at] = b'8';
    fs::write(&snapshot, &changed).unwrap();
    let run = verify(&public);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("2024-2025.json: error[hash_mismatch]"), "{}", run.stdout);
    fs::write(&snapshot, &original).unwrap();

    // A changed manifest (a mirror that edits a hash or a date along with a file): the
    // signature no longer matches, for atlas and for minisign.
    let text = fs::read_to_string(&manifest).unwrap();
    fs::write(&manifest, text.replacen("2025-03-01", "2025-03-02", 1)).unwrap();
    let run = verify(&public);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("manifest.json.minisig: error[signature_mismatch]"), "{}", run.stdout);
    assert_ne!(minisign_verify(&manifest, &public).0, 0);

    // No signature at all.
    fs::write(&manifest, text).unwrap();
    fs::remove_file(data.join("manifest.json.minisig")).unwrap();
    let run = verify(&public);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(run.stdout.contains("error[signature_missing]"), "{}", run.stdout);
}

#[test]
fn a_password_protected_key_signs_with_the_password_only() {
    let keys = scratch("signing-password");
    let (secret, public) = (keys.join("k.key"), keys.join("k.pub"));
    let password = [("ATLAS_KEY_PASSWORD", "正确的密码 correct horse")];
    let run = atlas_with(&["keygen", "-s", s(&secret), "-p", s(&public)], &password);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);

    let data = data_copy("signing-password-data");
    // No terminal to ask on and no password given: it says how to give one.
    let run = atlas(&["publish", s(&data), "--sign", s(&secret)]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("ATLAS_KEY_PASSWORD"), "{}", run.stderr);
    let run = atlas_with(&["publish", s(&data), "--sign", s(&secret)], &[("ATLAS_KEY_PASSWORD", "wrong")]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(!data.join("manifest.json").exists(), "nothing published with a wrong password");

    let run = atlas_with(&["publish", s(&data), "--date", "2025-03-01", "--sign", s(&secret)], &password);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert_eq!(minisign_verify(&data.join("manifest.json"), &public).0, 0);
}

#[test]
fn publishing_without_a_key_warns_that_the_portal_refuses_unsigned_data() {
    let data = data_copy("unsigned");
    let run = atlas(&["publish", s(&data), "--date", "2025-03-01"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("not signed"), "{}", run.stderr);
    assert!(run.stderr.contains("--sign"), "{}", run.stderr);
}
