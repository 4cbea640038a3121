//! Opening the session store of one provider environment and client.

use session::paths::Folders;
use session::{AuditLog, SessionStore};
use sha2::{Digest as _, Sha256};
use vault::{Vault, VaultConfig};

use crate::env::Env;

/// The keyring service name of Guichet's data keys.
pub const KEYRING_SERVICE: &str = "guichet";

/// The store for `env` and `client_id` in this install's folders ([`Folders::from_env`]).
pub fn open(env: Env, client_id: &str) -> SessionStore {
    open_in(env, client_id, &Folders::from_env())
}

/// The store for `env` and `client_id` in `folders`. The vault binding names both (a session
/// of one provider cannot be read as another's) and the data folder (two installs never share
/// a key).
pub fn open_in(env: Env, client_id: &str, folders: &Folders) -> SessionStore {
    let data_dir = folders.data.clone();
    let folder: String = Sha256::digest(data_dir.display().to_string().as_bytes())[..6]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let vault = Vault::new(VaultConfig {
        data_dir: data_dir.clone(),
        keyring_service: KEYRING_SERVICE.to_owned(),
        binding: format!("{}:{client_id}@{folder}", env.binding_name()),
    });
    SessionStore::new(vault, AuditLog::new(&data_dir), folders.profiles())
}
