//! Publisher keys for `keygen`, `publish --sign` and `verify`: the password, the secret key file
//! (created readable by its owner only) and the public key to check against.

use crate::files::read_limited;
use crate::Fatal;
use atlas_core::signature::signing::{Password, SigningKey};
use atlas_core::signature::{PublisherKey, BUILT_IN_PUBLIC_KEY};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// Where scripts put the secret key's password (a terminal is asked instead).
pub const PASSWORD_ENV: &str = "ATLAS_KEY_PASSWORD";

/// The password from [`PASSWORD_ENV`], else asked on the terminal. Without a terminal to ask
/// on, a command that needs a password stops here and says how to give one.
pub fn password(purpose: &str) -> Result<Password, Fatal> {
    match std::env::var(PASSWORD_ENV) {
        Ok(p) => Ok(Password::Given(p)),
        Err(_) if std::io::stdin().is_terminal() => Ok(Password::AskOnTerminal),
        Err(_) => Err(Fatal(format!(
            "{purpose}需要密码：请设置环境变量 {PASSWORD_ENV}，或在终端中运行 / {purpose} needs a password: set {PASSWORD_ENV}, or run it in a terminal"
        ))),
    }
}

/// Write `text` to a new file readable and writable by its owner only (0600): a secret key
/// must not be readable by other users of the machine, even for a moment.
pub fn write_private(path: &Path, text: &str, force: bool) -> Result<(), Fatal> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true);
    if force {
        options.create(true).truncate(true);
    } else {
        options.create_new(true);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        // An existing file overwritten with --force keeps its mode: set it.
        if force && path.exists() {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| Fatal(format!("{}: {e}", path.display())))?;
        }
    }
    let mut file = options.open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Fatal(format!(
            "{}: 文件已存在，不会覆盖（确需覆盖请加 --force）/ already exists and is not overwritten (use --force to replace it)",
            path.display()
        )),
        _ => Fatal(format!("{}: {e}", path.display())),
    })?;
    file.write_all(text.as_bytes())
        .and_then(|_| file.sync_all())
        .map_err(|e| Fatal(format!("{}: {e}", path.display())))
}

/// Open the secret key file at `path` for signing, asking for its password when it has one.
pub fn open_secret_key(path: &Path) -> Result<SigningKey, Fatal> {
    let display = path.display().to_string();
    let bytes = read_limited(path, &display)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Fatal(format!("{display}: 不是 minisign 密钥文件 not a minisign secret key file")))?;
    let encrypted = SigningKey::needs_password(&text).map_err(|e| Fatal(format!("{display}: {e}")))?;
    let password = if encrypted { password("签名 signing")? } else { Password::None };
    SigningKey::open(&text, password).map_err(|e| {
        Fatal(format!("{display}: 无法打开密钥（密码错误或文件损坏）cannot open the secret key (wrong password, or not a minisign secret key): {e}"))
    })
}

/// The public key to check against: `given` is a `.pub` file or the base64 key itself; without
/// it, the key built into this program (the portal's too).
pub fn public_key(given: Option<&str>) -> Result<PublisherKey, Fatal> {
    let Some(given) = given else {
        return PublisherKey::parse(BUILT_IN_PUBLIC_KEY)
            .map_err(|e| Fatal(format!("内置公钥无效 the built-in public key is invalid: {e}")));
    };
    let path = Path::new(given);
    let text = if path.is_file() {
        let bytes = read_limited(path, given)?;
        String::from_utf8_lossy(&bytes).into_owned()
    } else {
        given.to_string()
    };
    PublisherKey::parse(&text)
        .map_err(|e| Fatal(format!("--key {given}: 不是 minisign 公钥 not a minisign public key: {e}")))
}
