//! The vault itself: store, load and wipe one session, tying the keyring key to the file.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, PoisonError};

use time::OffsetDateTime;
use zeroize::Zeroizing;

use crate::error::{TamperReason, VaultError};
use crate::file::{self, FileRead, SealedSession};
use crate::keyring_store::{DataKey, Keyring, KeyringEntry};

/// Where and under which names the vault keeps its session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VaultConfig {
    /// The app's data folder; created (mode 0700 on Unix) on first store.
    pub data_dir: PathBuf,
    /// Keyring service name, e.g. `"guichet"`.
    pub keyring_service: String,
    /// What the session belongs to (environment + client id): the keyring user, and bound
    /// into the file's associated data so a file cannot be moved to another binding.
    pub binding: String,
    /// Which keyring holds the data key.
    pub keyring: Keyring,
}

/// What [`Vault::load`] found.
pub enum Loaded {
    /// No session file.
    Nothing,
    /// A valid session had expired; it has been wiped.
    Expired,
    /// A valid, unexpired session.
    Session {
        /// The bytes given to [`Vault::store`]; zeroed when dropped.
        payload: Zeroizing<Vec<u8>>,
        /// The expiry given to [`Vault::store`], to the second.
        expires_at: OffsetDateTime,
    },
}

impl std::fmt::Debug for Loaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Nothing => f.write_str("Nothing"),
            Self::Expired => f.write_str("Expired"),
            Self::Session {
                payload,
                expires_at,
            } => f
                .debug_struct("Session")
                .field(
                    "payload",
                    &format_args!("<{} bytes redacted>", payload.len()),
                )
                .field("expires_at", expires_at)
                .finish(),
        }
    }
}

/// What [`Vault::wipe`] removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wiped {
    /// The session file was there and has been deleted.
    pub file_removed: bool,
    /// The keyring entry was there and has been deleted.
    pub key_removed: bool,
}

/// Stores one session for one binding. Holds no key material: the key is read from the
/// keyring for each operation and zeroed right after.
pub struct Vault {
    config: VaultConfig,
    keyring: KeyringEntry,
    /// Serializes operations in this process, so a store never removes another's temp file.
    busy: Mutex<()>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault")
            .field("data_dir", &self.config.data_dir)
            .field("keyring_service", &self.config.keyring_service)
            .field("binding", &self.config.binding)
            .field("keyring", &self.config.keyring)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Prepares a vault; touches neither the disk nor the keyring.
    pub fn new(config: VaultConfig) -> Self {
        let keyring = KeyringEntry::new(config.keyring, &config.keyring_service, &config.binding);
        Self {
            config,
            keyring,
            busy: Mutex::new(()),
        }
    }

    /// Where the session file lives.
    pub fn session_file(&self) -> PathBuf {
        self.config
            .data_dir
            .join(file::file_name(&self.config.binding))
    }

    /// Encrypts and saves `payload`, replacing any previous session atomically.
    ///
    /// The key is fetched (or created) before anything touches the disk, so a keyring
    /// failure writes nothing.
    pub fn store(&self, payload: &[u8], expires_at: OffsetDateTime) -> Result<(), VaultError> {
        if payload.len() > file::MAX_PAYLOAD {
            return Err(VaultError::PayloadTooLarge {
                len: payload.len(),
                max: file::MAX_PAYLOAD,
            });
        }
        let _busy = self.lock();
        let key = {
            let _span = tracing::debug_span!("keyring_key").entered();
            self.key_for_store()?
        };
        let mut nonce = [0; 12];
        getrandom::fill(&mut nonce)?;
        let sealed = file::seal(
            &key,
            nonce,
            &self.config.binding,
            expires_at.unix_timestamp(),
            payload,
        )
        .map_err(|_| VaultError::PayloadTooLarge {
            len: payload.len(),
            max: file::MAX_PAYLOAD,
        })?;
        {
            let _span = tracing::debug_span!("file_write").entered();
            file::write_atomically(&self.session_file(), &sealed).map_err(|e| self.storage(e))?;
        }
        tracing::info!(event = "vault.stored");
        Ok(())
    }

    /// Makes sure the next [`Self::store`] can get its data key: fetches it, or creates it
    /// now. A keyring that is locked or missing is reported before anything is asked of the
    /// person (a sign-in checks this before its browser opens). The key alone protects nothing
    /// and holds nothing personal; the next wipe removes it.
    pub fn prepare(&self) -> Result<(), VaultError> {
        let _busy = self.lock();
        self.key_for_store().map(drop)
    }

    /// Loads the session if there is a valid one.
    ///
    /// A file that fails any check is wiped and reported as [`VaultError::Tampered`]; an
    /// expired one is wiped and reported as [`Loaded::Expired`]. A keyring that cannot be
    /// reached is an error and leaves the file alone.
    pub fn load(&self, now: OffsetDateTime) -> Result<Loaded, VaultError> {
        let _busy = self.lock();
        let bytes = match file::read(&self.session_file()).map_err(|e| self.storage(e))? {
            FileRead::Missing => return Ok(Loaded::Nothing),
            FileRead::Oversized => return Err(self.refuse(TamperReason::Oversized)),
            FileRead::Bytes(bytes) => bytes,
        };
        let sealed = match SealedSession::parse(&bytes) {
            Ok(sealed) => sealed,
            Err(reason) => return Err(self.refuse(reason)),
        };
        let key = match self.keyring.get() {
            Ok(Some(key)) => key,
            Ok(None) => return Err(self.refuse(TamperReason::KeyMissing)),
            Err(VaultError::Tampered { reason }) => return Err(self.refuse(reason)),
            Err(err) => return Err(err),
        };
        let payload = match sealed.open(&key, &self.config.binding) {
            Ok(payload) => payload,
            Err(reason) => return Err(self.refuse(reason)),
        };
        // Authenticated above, so this is the expiry `store` was given.
        let Ok(expires_at) = OffsetDateTime::from_unix_timestamp(sealed.claimed_expiry) else {
            return Err(self.refuse(TamperReason::BadHeader));
        };
        if expires_at <= now {
            self.wipe_locked()?;
            tracing::info!(event = "vault.expired");
            return Ok(Loaded::Expired);
        }
        tracing::debug!(event = "vault.loaded");
        Ok(Loaded::Session {
            payload,
            expires_at,
        })
    }

    /// Deletes the session file (and stale temp files) and the keyring entry. Succeeds when
    /// either is already gone; the next store creates a fresh key.
    pub fn wipe(&self) -> Result<Wiped, VaultError> {
        let _busy = self.lock();
        self.wipe_locked()
    }

    fn wipe_locked(&self) -> Result<Wiped, VaultError> {
        // The file first: without it the key protects nothing, even if the keyring then fails.
        let file_removed = file::remove(&self.session_file()).map_err(|e| self.storage(e))?;
        let key_removed = self.keyring.delete()?;
        tracing::info!(event = "vault.wiped", file_removed, key_removed);
        Ok(Wiped {
            file_removed,
            key_removed,
        })
    }

    /// Wipes a session file that failed a check and returns the error to report.
    ///
    /// Removing the file is required; removing the key is best effort, because a tampered
    /// file does not reveal the key and the keyring may be what is failing.
    fn refuse(&self, reason: TamperReason) -> VaultError {
        tracing::warn!(event = "vault.tampered", reason = reason.code());
        if let Err(err) = file::remove(&self.session_file()) {
            return self.storage(err);
        }
        if let Err(err) = self.keyring.delete() {
            tracing::warn!(event = "vault.key_not_removed", code = %err.code());
        }
        VaultError::Tampered { reason }
    }

    fn key_for_store(&self) -> Result<DataKey, VaultError> {
        match self.keyring.get() {
            Ok(Some(key)) => Ok(key),
            Ok(None) => self.keyring.create(),
            Err(VaultError::Tampered { reason }) => {
                // Whatever sits in our keyring entry is not our key: replace it.
                tracing::warn!(event = "vault.key_replaced", reason = reason.code());
                self.keyring.delete()?;
                self.keyring.create()
            }
            Err(err) => Err(err),
        }
    }

    fn storage(&self, source: std::io::Error) -> VaultError {
        VaultError::storage(self.config.data_dir.clone(), source)
    }

    fn lock(&self) -> MutexGuard<'_, ()> {
        // The mutex guards no data, so a panic elsewhere cannot leave anything inconsistent.
        self.busy.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit_vault(data_dir: PathBuf) -> Vault {
        Vault::new(VaultConfig {
            data_dir,
            keyring_service: "guichet-unit".to_owned(),
            binding: "unit/client".to_owned(),
            keyring: Keyring::SecretService,
        })
    }

    #[test]
    fn vault_can_be_shared_between_threads() {
        fn shared<T: Send + Sync>() {}
        shared::<Vault>();
    }

    #[test]
    fn new_touches_neither_disk_nor_keyring() {
        let dir = tempfile::tempdir().expect("temp dir");
        let data_dir = dir.path().join("not-created");
        let vault = unit_vault(data_dir.clone());
        assert!(
            !data_dir.exists(),
            "Vault::new must not create the data folder"
        );
        assert!(
            vault.session_file().starts_with(&data_dir),
            "the session file lives in the data folder"
        );
    }

    #[test]
    fn oversized_payload_is_refused_before_touching_anything() {
        let dir = tempfile::tempdir().expect("temp dir");
        let vault = unit_vault(dir.path().join("data"));
        let payload = vec![0; file::MAX_PAYLOAD + 1];
        let err = vault
            .store(&payload, OffsetDateTime::UNIX_EPOCH)
            .expect_err("a payload over the limit must be refused");
        assert_eq!(err.code(), codes::Code::PayloadTooLarge);
        assert!(!dir.path().join("data").exists(), "nothing may be written");
    }

    #[test]
    fn loaded_debug_redacts_the_payload() {
        let loaded = Loaded::Session {
            payload: Zeroizing::new(b"SECRET".to_vec()),
            expires_at: OffsetDateTime::UNIX_EPOCH,
        };
        let debug = format!("{loaded:?}");
        assert!(
            !debug.contains("SECRET") && !debug.contains("83, 69"),
            "Debug must not print the payload: {debug}"
        );
        assert!(
            debug.contains("6 bytes redacted"),
            "Debug says what was hidden: {debug}"
        );
    }
}
