//! `atlas keygen`: a publisher key pair in the minisign format.

use crate::keys::{password, write_private};
use crate::output;
use crate::{Fatal, Verdict};
use atlas_core::signature::signing::{self, Password};
use atlas_core::signature::PublisherKey;
use std::path::Path;

pub fn run(secret: &Path, public: &Path, no_password: bool, force: bool) -> Result<Verdict, Fatal> {
    if !force {
        for path in [secret, public] {
            if path.exists() {
                return Err(Fatal(format!(
                    "{}: 文件已存在，不会覆盖（确需覆盖请加 --force）/ already exists and is not overwritten (use --force to replace it)",
                    path.display()
                )));
            }
        }
    }
    let password = if no_password { Password::None } else { password("生成密钥 keygen")? };
    let (secret_text, public_text) =
        signing::generate(password).map_err(|e| Fatal(format!("生成密钥失败 could not make a key: {e}")))?;
    write_private(secret, &secret_text, force)?;
    std::fs::write(public, &public_text).map_err(|e| Fatal(format!("{}: {e}", public.display())))?;
    let key = PublisherKey::parse(&public_text).map_err(Fatal)?;
    output::eprint(&format!(
        "已写入 wrote {} (私钥 secret key, 0600) 和 and {} (公钥 public key)\n\
         密钥编号 key id: {}\n公钥 public key: {}\n\
         私钥请妥善保管、备份，不要放进数据目录或网站 / keep the secret key safe and backed up, never in the data folder or on the site\n",
        secret.display(),
        public.display(),
        key.key_id(),
        key.base64()
    ));
    Ok(Verdict::Done)
}
