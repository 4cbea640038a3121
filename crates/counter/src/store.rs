//! Opening the session store of one provider environment and client.

use session::audit::Rotation;
use session::config::{RawAppConfig, vault_keyring};
use session::paths::Folders;
use session::{AuditLog, SessionStore};
use sha2::{Digest as _, Sha256};
use vault::{Keyring, Vault, VaultConfig};

use crate::env::Env;
use crate::messages::Failure;

/// The keyring service name of Guichet's data keys.
pub const KEYRING_SERVICE: &str = "guichet";

/// The keyring that keeps the data keys: the file's `[vault] store`, else on a kiosk on Linux
/// the kernel keyring when no unlocked Secret Service answers (an autologin session leaves it
/// locked, and nobody is there to unlock it), else the desktop's keyring. `secret_service_unlocked`
/// is asked only in that one case ([`vault::secret_service_unlocked`] in the app).
pub fn keyring(
    raw: &RawAppConfig,
    kiosk: bool,
    secret_service_unlocked: impl FnOnce() -> bool,
) -> Result<Keyring, Failure> {
    if let Some(keyring) = vault_keyring(raw.vault.as_ref()).map_err(Failure::from_config)? {
        return Ok(keyring);
    }
    if kiosk && cfg!(target_os = "linux") && !secret_service_unlocked() {
        tracing::info!(event = "vault.kernel_keyring_chosen");
        return Ok(Keyring::Keyutils);
    }
    Ok(Keyring::SecretService)
}

/// The store for `env` and `client_id` in this install's folders ([`Folders::from_env`]).
pub fn open(env: Env, client_id: &str, keyring: Keyring, audit: Rotation) -> SessionStore {
    open_in(env, client_id, &Folders::from_env(), keyring, audit)
}

/// The store for `env` and `client_id` in `folders`, its keys in `keyring`. The vault binding
/// names both (a session of one provider cannot be read as another's) and the data folder (two
/// installs never share a key).
pub fn open_in(
    env: Env,
    client_id: &str,
    folders: &Folders,
    keyring: Keyring,
    audit: Rotation,
) -> SessionStore {
    let data_dir = folders.data.clone();
    let folder: String = Sha256::digest(data_dir.display().to_string().as_bytes())[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let vault = Vault::new(VaultConfig {
        data_dir: data_dir.clone(),
        keyring_service: KEYRING_SERVICE.to_owned(),
        binding: format!("{}:{client_id}@{folder}", env.binding_name()),
        keyring,
    });
    SessionStore::new(
        vault,
        AuditLog::new(&data_dir).with_rotation(audit),
        folders.profiles(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(text: &str) -> RawAppConfig {
        toml::from_str(text).unwrap()
    }

    fn never_asked() -> bool {
        panic!("the Secret Service is asked only for a kiosk that names no store")
    }

    #[test]
    fn the_file_names_the_keyring_and_the_secret_service_is_not_asked() {
        let keyutils = raw("[vault]\nstore = \"keyutils\"\n");
        assert_eq!(
            keyring(&keyutils, false, never_asked).unwrap(),
            Keyring::Keyutils
        );
        let desktop = raw("[vault]\nstore = \"secret-service\"\n");
        assert_eq!(
            keyring(&desktop, true, never_asked).unwrap(),
            Keyring::SecretService
        );
        let wrong = raw("[vault]\nstore = \"memory\"\n");
        assert_eq!(
            keyring(&wrong, true, never_asked).unwrap_err().code,
            codes::Code::ConfigInvalid
        );
    }

    #[test]
    fn a_kiosk_with_no_unlocked_secret_service_keeps_its_keys_in_the_kernel() {
        let none = raw("");
        assert_eq!(
            keyring(&none, false, never_asked).unwrap(),
            Keyring::SecretService
        );
        assert_eq!(
            keyring(&none, true, || true).unwrap(),
            Keyring::SecretService
        );
        let locked = keyring(&none, true, || false).unwrap();
        if cfg!(target_os = "linux") {
            assert_eq!(locked, Keyring::Keyutils);
        } else {
            assert_eq!(locked, Keyring::SecretService);
        }
    }
}
