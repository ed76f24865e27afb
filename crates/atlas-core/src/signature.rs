//! Signed publication in the minisign format: the bureau signs each manifest it publishes with
//! an Ed25519 key, and anyone can check a download with the standard `minisign` tool
//! (`minisign -Vm manifest.json -P KEY`) or with `atlas verify`. A manifest lists every data
//! file's SHA-256, so its one signature covers the whole folder.
//!
//! A signature file (`manifest.json.minisig`) has four lines: an untrusted comment, the
//! signature of the file (algorithm `ED`: Ed25519 over the file's BLAKE2b-512, minisign's default
//! since 0.8), a trusted comment, and a signature over the file's signature and that comment.
//! Our trusted comment says which file was signed, for which county, with which snapshots and on
//! which date ([`Attestation`]), so a mirror cannot pass one county's signed manifest off as
//! another's. Checking is `minisign-verify` (no dependencies, no allocation beyond the
//! decoded lines); signing is the CLI's (`minisign` crate).

use crate::report::{Issue, RuleId};
use crate::validate::rules;

/// A signature sits beside the file it signs: `manifest.json` → `manifest.json.minisig`.
pub const SIGNATURE_SUFFIX: &str = ".minisig";

/// The longest trusted comment written: the reference implementation refuses longer ones.
pub const MAX_TRUSTED_COMMENT_BYTES: usize = 8000;

/// The signature file's path for a signed file's path.
pub fn signature_path(file: &str) -> String {
    format!("{file}{SIGNATURE_SUFFIX}")
}

/// A bureau's public key: the base64 string `minisign -P` takes (42 bytes: `Ed`, the 8-byte key
/// id, the 32-byte Ed25519 key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublisherKey {
    base64: String,
    key_id: [u8; 8],
}

impl PublisherKey {
    /// From the base64 string alone or from a `minisign.pub` file's text (an `untrusted
    /// comment:` line, then the key).
    pub fn parse(text: &str) -> Result<Self, String> {
        let line = text
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
            .ok_or("no public key in the text")?;
        let bytes = decode_base64(line).ok_or("the public key is not base64")?;
        if bytes.len() != 42 || &bytes[..2] != b"Ed" {
            return Err("not a minisign Ed25519 public key (42 bytes starting with `Ed`)".into());
        }
        let mut key_id = [0; 8];
        key_id.copy_from_slice(&bytes[2..10]);
        Ok(PublisherKey { base64: line.to_string(), key_id })
    }

    /// The key as `minisign -P` takes it.
    pub fn base64(&self) -> &str {
        &self.base64
    }

    /// The key id as minisign prints it (`minisign public key 8CBBD4E65DCD7C0F`): 16 hex digits
    /// of the little-endian number the 8 bytes make.
    pub fn key_id(&self) -> String {
        self.key_id.iter().rev().map(|b| format!("{b:02X}")).collect()
    }

    /// The text of a `minisign.pub` file for this key.
    pub fn to_file_text(&self) -> String {
        format!("untrusted comment: minisign public key {}\n{}\n", self.key_id(), self.base64)
    }
}

/// What the bureau vouches for in a signature's trusted comment, beyond the bytes: which file
/// (its path in the data folder), for which county, its snapshots, and the publication date.
/// One line of `key:value` fields separated by tabs, like minisign's own default comment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Attestation {
    /// The signed file's path in the data folder, e.g. `530426/manifest.json`.
    pub file: String,
    /// `530426 峨山彝族自治县` for a county's manifest; empty for a file of several counties.
    pub county: String,
    /// The snapshot ids the file lists (for people reading the comment; the bytes are signed).
    pub snapshots: Vec<String>,
    /// The number of counties, for a file listing several.
    pub counties: Option<usize>,
    /// The publication date, `YYYY-MM-DD`.
    pub date: String,
}

impl Attestation {
    /// The trusted comment: `file:…\tcounty:…\tsnapshots:… …\tdate:…`. Tabs, line breaks and
    /// other control characters in a county name are replaced by spaces (the comment is one
    /// line); a snapshot list too long for minisign is cut, saying how many were left out.
    pub fn to_comment(&self) -> String {
        let clean = |s: &str| -> String { s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect() };
        let mut fields = vec![format!("file:{}", clean(&self.file))];
        if !self.county.is_empty() {
            fields.push(format!("county:{}", clean(&self.county)));
        }
        if let Some(n) = self.counties {
            fields.push(format!("counties:{n}"));
        }
        fields.push(format!("date:{}", clean(&self.date)));
        let fixed: usize = fields.iter().map(|f| f.len() + 1).sum();
        let mut snapshots = String::new();
        for (i, id) in self.snapshots.iter().enumerate() {
            let id = clean(id);
            let left = self.snapshots.len() - i;
            if fixed + "snapshots:".len() + snapshots.len() + id.len() + 24 > MAX_TRUSTED_COMMENT_BYTES {
                snapshots.push_str(&format!(" …(+{left})"));
                break;
            }
            if i > 0 {
                snapshots.push(' ');
            }
            snapshots.push_str(&id);
        }
        if !self.snapshots.is_empty() {
            fields.insert(fields.len() - 1, format!("snapshots:{snapshots}"));
        }
        fields.join("\t")
    }

    /// Read a trusted comment written by [`Attestation::to_comment`]. Fields it does not know
    /// are ignored (a later version may add some); `file` and `date` are required.
    pub fn parse(comment: &str) -> Result<Self, String> {
        let mut out = Attestation::default();
        for field in comment.split('\t') {
            let Some((key, value)) = field.split_once(':') else { continue };
            match key {
                "file" => out.file = value.to_string(),
                "county" => out.county = value.to_string(),
                "counties" => out.counties = value.parse().ok(),
                "snapshots" => {
                    out.snapshots = value.split(' ').filter(|s| !s.is_empty()).map(String::from).collect()
                }
                "date" => out.date = value.to_string(),
                _ => {}
            }
        }
        if out.file.is_empty() || out.date.is_empty() {
            return Err(format!("the trusted comment names no file or date: `{comment}`"));
        }
        Ok(out)
    }
}

/// What the signature of a manifest at `file` vouches for: the county when it lists one (else
/// how many), every snapshot id it lists, and the publication `date`.
pub fn manifest_attestation(file: &str, manifest: &crate::manifest::Manifest, date: &str) -> Attestation {
    let county = match manifest.counties.as_slice() {
        [one] => format!("{} {}", one.code, one.name),
        _ => String::new(),
    };
    Attestation {
        file: file.to_string(),
        counties: (manifest.counties.len() != 1).then_some(manifest.counties.len()),
        county,
        snapshots: manifest.counties.iter().flat_map(|c| c.snapshots.iter().map(|e| e.id.clone())).collect(),
        date: date.to_string(),
    }
}

/// Check `bytes` (the file at `file` in the data folder) against its signature file's text with
/// `key`. The signature must be by that key, over these bytes, and its trusted comment must name
/// this very file: a signed manifest copied to another county's place is refused.
pub fn verify(
    file: &str,
    bytes: &[u8],
    signature_text: &str,
    key: &PublisherKey,
) -> Result<Attestation, Issue> {
    let sig_file = signature_path(file);
    let signature = minisign_verify::Signature::decode(signature_text).map_err(|e| {
        signature_issue(
            rules::SIGNATURE_MALFORMED,
            format!("签名文件 {sig_file} 无法读取（不是 minisign 签名）"),
            format!("the signature file {sig_file} cannot be read as a minisign signature ({e})"),
        )
    })?;
    let public_key = minisign_verify::PublicKey::from_base64(key.base64()).map_err(|e| {
        signature_issue(
            rules::SIGNATURE_MALFORMED,
            "内置的发布者公钥无效".to_string(),
            format!("the built-in publisher key is not a minisign public key ({e})"),
        )
    })?;
    // Legacy signatures (over the raw bytes) are refused: `atlas publish` writes prehashed ones.
    public_key.verify(bytes, &signature, false).map_err(|e| match e {
        minisign_verify::Error::UnexpectedKeyId => signature_issue(
            rules::SIGNATURE_WRONG_KEY,
            format!("{sig_file} 不是用本站公布的发布者公钥（{}）签署的", key.key_id()),
            format!("{sig_file} was not made with this site's publisher key ({})", key.key_id()),
        ),
        _ => signature_issue(
            rules::SIGNATURE_MISMATCH,
            format!("{file} 与其签名 {sig_file} 不符：文件或签名被改动过"),
            format!(
                "{file} does not match its signature {sig_file}: the file or the signature was changed ({e})"
            ),
        ),
    })?;
    let attestation = Attestation::parse(signature.trusted_comment()).map_err(|e| {
        signature_issue(rules::SIGNATURE_MALFORMED, format!("签名 {sig_file} 的可信注释无法读取"), e)
    })?;
    if attestation.file != file {
        return Err(signature_issue(
            rules::SIGNATURE_WRONG_FILE,
            format!("签名 {sig_file} 是为 {} 签署的，不是 {file}", attestation.file),
            format!("the signature {sig_file} was made for {}, not {file}", attestation.file),
        ));
    }
    Ok(attestation)
}

/// The public key the portal and `atlas verify` trust unless told otherwise: the build-time
/// setting `ATLAS_PUBLIC_KEY` (a bureau's key as `minisign -P` takes it), else the **sample
/// key**, whose secret half is in this repository (`crates/atlas-sample/keys/`): it proves
/// nothing about who published, and a real deployment sets its own (docs/publishing.md §11).
pub const BUILT_IN_PUBLIC_KEY: &str = match option_env!("ATLAS_PUBLIC_KEY") {
    Some(key) => key,
    None => include_str!("../../atlas-sample/keys/sample.pub"),
};

/// Whether [`BUILT_IN_PUBLIC_KEY`] is the sample key (the portal then says so beside it).
pub fn built_in_key_is_sample() -> bool {
    option_env!("ATLAS_PUBLIC_KEY").is_none()
}

/// The problem when a signed file has no signature beside it.
pub fn missing_signature(file: &str, detail: &str) -> Issue {
    let sig_file = signature_path(file);
    signature_issue(
        rules::SIGNATURE_MISSING,
        format!("缺少签名文件 {sig_file}，无法确认 {file} 由发布者发布"),
        format!("the signature {sig_file} is missing, so {file} cannot be shown to come from the publisher ({detail})"),
    )
}

/// Making keys and signatures (the CLI and the sample generator; not the portal, which only
/// checks). Signatures are prehashed (`ED`), minisign's default.
#[cfg(feature = "sign")]
pub mod signing {
    use super::{Attestation, PublisherKey};

    /// How a secret key is protected.
    pub enum Password {
        /// No password (unattended publishing; the file itself must be kept safe).
        None,
        Given(String),
        /// minisign asks on the terminal (twice when making a key).
        AskOnTerminal,
    }

    /// A new key pair as the text of a secret key file (encrypted with the password, as
    /// `minisign -G` does, unless [`Password::None`]) and the text of its `.pub` file.
    pub fn generate(password: Password) -> Result<(String, String), String> {
        let pair = match password {
            Password::None => minisign::KeyPair::generate_unencrypted_keypair(),
            Password::Given(p) => minisign::KeyPair::generate_encrypted_keypair(Some(p)),
            Password::AskOnTerminal => minisign::KeyPair::generate_encrypted_keypair(None),
        }
        .map_err(|e| e.to_string())?;
        let secret = pair.sk.to_box(None).map_err(|e| e.to_string())?.to_string();
        let public = pair.pk.to_box().map_err(|e| e.to_string())?.to_string();
        Ok((secret, public))
    }

    /// A secret key opened for signing.
    pub struct SigningKey {
        secret: minisign::SecretKey,
        public: minisign::PublicKey,
    }

    impl SigningKey {
        /// Open a secret key file's text with its password ([`Password::None`] for a key made
        /// without one).
        pub fn open(text: &str, password: Password) -> Result<Self, String> {
            let boxed = minisign::SecretKeyBox::from_string(text).map_err(|e| e.to_string())?;
            let secret = match password {
                Password::None => boxed.into_unencrypted_secret_key(),
                Password::Given(p) => boxed.into_secret_key(Some(p)),
                Password::AskOnTerminal => boxed.into_secret_key(None),
            }
            .map_err(|e| e.to_string())?;
            let public = minisign::PublicKey::from_secret_key(&secret).map_err(|e| e.to_string())?;
            Ok(SigningKey { secret, public })
        }

        /// Whether the key file is protected by a password (ask for one before [`Self::open`]):
        /// bytes 2 and 3 of a minisign secret key name its key derivation, `Sc` (scrypt) when
        /// it is encrypted, zeros when not.
        pub fn needs_password(text: &str) -> Result<bool, String> {
            let line = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty() && !l.starts_with("untrusted comment:"))
                .ok_or("no secret key in the file")?;
            let bytes = super::decode_base64(line).ok_or("the secret key is not base64")?;
            match bytes.get(2..4) {
                Some(b"Sc") => Ok(true),
                Some([0, 0]) => Ok(false),
                _ => Err("not a minisign secret key".into()),
            }
        }

        pub fn public_key(&self) -> PublisherKey {
            PublisherKey::parse(&self.public.to_base64()).expect("minisign writes a well-formed public key")
        }

        /// The text of the signature file for `bytes`, vouching for `attestation`.
        pub fn sign(&self, bytes: &[u8], attestation: &Attestation) -> Result<String, String> {
            let comment = attestation.to_comment();
            let untrusted = "signature from an Edu Atlas publisher key (atlas publish --sign)";
            minisign::sign(Some(&self.public), &self.secret, bytes, Some(&comment), Some(untrusted))
                .map(|sig| sig.to_string())
                .map_err(|e| e.to_string())
        }
    }
}

fn signature_issue(rule: RuleId, zh: String, en: String) -> Issue {
    Issue::error(rule, "", zh, en)
}

/// Standard base64 with padding, as minisign writes it; `None` for anything else.
fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let value = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let bytes = text.as_bytes();
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    for (i, chunk) in bytes.chunks(4).enumerate() {
        let last = i + 1 == bytes.len() / 4;
        let pad = chunk.iter().rev().take_while(|&&c| c == b'=').count();
        if pad > 2 || (pad > 0 && !last) {
            return None;
        }
        let mut n = 0u32;
        for &c in &chunk[..4 - pad] {
            n = n << 6 | value(c)?;
        }
        n <<= 6 * pad as u32;
        let three = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend_from_slice(&three[..3 - pad]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Made once with the reference tool (minisign 0.11): `minisign -G -W`, then
    // `minisign -S -m manifest.json -t 'file:manifest.json<TAB>counties:0<TAB>date:2025-03-01'`
    // over the bytes of MANIFEST. Checking it here shows we read what `minisign` writes.
    const KEY: &str = "RWSTyoI42Pwi9WLbqRDEckFGegTXH5l8XUGA2sXW7pup1hzj9pJcKj7K";
    const MANIFEST: &[u8] = b"{\"counties\":[]}\n";
    const SIGNATURE: &str = "untrusted comment: signature from minisign secret key
RUSTyoI42Pwi9Xf1Zf1J5LdjJWqdkfrlrc110Re9UKM1pFlg1+WbIplwIUavXbtbCsc2yWCo/dTuNWr//m37w6IN+TGV8PhOGgI=
trusted comment: file:manifest.json\tcounties:0\tdate:2025-03-01
vdrwpTipLM3zy2QoMv24rpoA7S5mTcxlnXBVHaF3se60hey0rMEOYtWK06B1L91lkpoPYEC9zAvwqvlD07k7Ag==
";

    fn key() -> PublisherKey {
        PublisherKey::parse(KEY).unwrap()
    }

    #[test]
    fn a_signature_made_by_minisign_is_accepted_with_its_trusted_comment() {
        let a = verify("manifest.json", MANIFEST, SIGNATURE, &key()).unwrap();
        assert_eq!(a.file, "manifest.json");
        assert_eq!(a.counties, Some(0));
        assert_eq!(a.date, "2025-03-01");
    }

    #[test]
    fn a_changed_byte_a_changed_comment_another_file_or_key_are_refused() {
        let rule = |r: Result<Attestation, Issue>| r.unwrap_err().rule;
        assert_eq!(
            rule(verify("manifest.json", b"{\"counties\":[1]}\n", SIGNATURE, &key())),
            "signature_mismatch"
        );
        let comment_changed = SIGNATURE.replace("date:2025-03-01", "date:2026-03-01");
        assert_eq!(rule(verify("manifest.json", MANIFEST, &comment_changed, &key())), "signature_mismatch");
        assert_eq!(rule(verify("530426/manifest.json", MANIFEST, SIGNATURE, &key())), "signature_wrong_file");
        let other = PublisherKey::parse("RWTmtsqk9Abdby/62P3tw3yJZ4uEL+gGhyDaTbUmpVdBKIX64NHg1PNy").unwrap();
        assert_eq!(rule(verify("manifest.json", MANIFEST, SIGNATURE, &other)), "signature_wrong_key");
        assert_eq!(rule(verify("manifest.json", MANIFEST, "<html>", &key())), "signature_malformed");
    }

    #[test]
    fn base64_decodes_as_minisign_writes_it() {
        assert_eq!(decode_base64("TWFu"), Some(b"Man".to_vec()));
        assert_eq!(decode_base64("TWE="), Some(b"Ma".to_vec()));
        assert_eq!(decode_base64("TQ=="), Some(b"M".to_vec()));
        assert_eq!(decode_base64("TQ==TWFu"), None, "padding only at the end");
        assert_eq!(decode_base64("TWF"), None);
        assert_eq!(decode_base64("TW-u"), None);
    }

    #[test]
    fn the_key_id_is_printed_as_minisign_prints_it() {
        let key = key();
        // As `minisign -G` printed it: bytes 2..10 of the key, read as a little-endian number.
        assert_eq!(key.key_id(), "F522FCD83882CA93");
        let file = key.to_file_text();
        assert_eq!(PublisherKey::parse(&file).unwrap(), key);
        assert!(PublisherKey::parse("RWQ=").is_err());
        assert!(PublisherKey::parse("").is_err());
    }

    #[test]
    fn the_trusted_comment_round_trips_and_stays_one_line() {
        let a = Attestation {
            file: "530426/manifest.json".into(),
            county: "530426 峨山\t彝族\n自治县".into(),
            snapshots: vec!["530426-2023-2024".into(), "530426-2024-2025".into()],
            counties: None,
            date: "2025-03-01".into(),
        };
        let comment = a.to_comment();
        assert_eq!(
            comment,
            "file:530426/manifest.json\tcounty:530426 峨山 彝族 自治县\tsnapshots:530426-2023-2024 530426-2024-2025\tdate:2025-03-01"
        );
        let back = Attestation::parse(&comment).unwrap();
        assert_eq!(back.county, "530426 峨山 彝族 自治县");
        assert_eq!(back.snapshots, a.snapshots);
        assert!(Attestation::parse("timestamp:1\tfile:x").is_err(), "no date");
    }

    #[test]
    fn a_long_snapshot_list_is_cut_to_what_minisign_accepts() {
        let a = Attestation {
            file: "index.json".into(),
            snapshots: (0..2000).map(|i| format!("530426-{i:04}-2025")).collect(),
            date: "2025-03-01".into(),
            ..Attestation::default()
        };
        let comment = a.to_comment();
        assert!(comment.len() <= MAX_TRUSTED_COMMENT_BYTES, "{}", comment.len());
        assert!(comment.contains("…(+"), "says that some were left out");
        assert!(comment.ends_with("\tdate:2025-03-01"));
    }
}
