//! The data key's home: one entry in the OS keyring, in a platform store chosen explicitly here.
//!
//! We talk to `keyring-core` and pick the platform store ourselves (the same one keyring 4.2's
//! `v1` feature picks) rather than letting anything fall back: `keyring-core` has no implicit
//! store (without one it answers `NoDefaultStore`), and entries are built from the store this
//! module connected, never from whatever default another part of the process may have set.
//! A failed connection is not cached, so "start the keyring, then try again" works without
//! restarting the app.

use std::sync::{Arc, Mutex, PoisonError};

use keyring_core::{CredentialStore, Entry, Error};
use zeroize::Zeroizing;

use crate::error::{TamperReason, VaultError};

/// Length of the data key in bytes (AES-256).
pub(crate) const KEY_LEN: usize = 32;

/// The data key; zeroed when dropped.
pub(crate) type DataKey = Zeroizing<[u8; KEY_LEN]>;

/// The connected platform store, kept once a connection worked.
static PLATFORM_STORE: Mutex<Option<Arc<CredentialStore>>> = Mutex::new(None);

/// One keyring entry: `service` / `user`, holding a data key as 64 hex digits (text, so that
/// stores limited to UTF-8 secrets such as KWallet accept it).
#[derive(Debug, Clone)]
pub(crate) struct KeyringEntry {
    service: String,
    user: String,
}

impl KeyringEntry {
    pub(crate) fn new(service: &str, user: &str) -> Self {
        Self {
            service: service.to_owned(),
            user: user.to_owned(),
        }
    }

    /// The stored key, or `None` when there is no entry.
    pub(crate) fn get(&self) -> Result<Option<DataKey>, VaultError> {
        match self.entry()?.get_secret() {
            Ok(secret) => {
                let secret = Zeroizing::new(secret);
                decode_key(&secret).map(Some).ok_or(VaultError::Tampered {
                    reason: TamperReason::KeyMalformed,
                })
            }
            Err(Error::NoEntry) => Ok(None),
            Err(err) => Err(map_error(err)),
        }
    }

    /// Generates a fresh random key and stores it, replacing any previous one.
    pub(crate) fn create(&self) -> Result<DataKey, VaultError> {
        let mut key: DataKey = Zeroizing::new([0; KEY_LEN]);
        getrandom::fill(key.as_mut_slice())?;
        let text = encode_key(&key);
        self.entry()?.set_password(&text).map_err(map_error)?;
        Ok(key)
    }

    /// Deletes the entry; `Ok(false)` when there was none.
    pub(crate) fn delete(&self) -> Result<bool, VaultError> {
        match self.entry()?.delete_credential() {
            Ok(()) => Ok(true),
            Err(Error::NoEntry) => Ok(false),
            // Several items match our service and user (one planted by someone else?): remove them all.
            Err(Error::Ambiguous(entries)) => {
                for entry in entries {
                    match entry.delete_credential() {
                        Ok(()) | Err(Error::NoEntry) => {}
                        Err(err) => return Err(map_error(err)),
                    }
                }
                Ok(true)
            }
            Err(err) => Err(map_error(err)),
        }
    }

    fn entry(&self) -> Result<Entry, VaultError> {
        platform_store()
            .map_err(map_error)?
            .build(&self.service, &self.user, None)
            .map_err(map_error)
    }
}

/// Returns the connected platform store, connecting (and making it the default) if needed.
fn platform_store() -> Result<Arc<CredentialStore>, Error> {
    let mut slot = PLATFORM_STORE
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(store) = slot.as_ref() {
        return Ok(Arc::clone(store));
    }
    let store = connect_platform_store()?;
    keyring_core::set_default_store(Arc::clone(&store));
    tracing::debug!(event = "vault.keyring_connected");
    *slot = Some(Arc::clone(&store));
    Ok(store)
}

/// Keeps data keys in memory (keyring-core's mock store) instead of the OS keyring, for the
/// unit tests of the crates above the vault, which run without a keyring daemon. The proof
/// that the vault works with a real keyring stays in its own tests and the end-to-end suites.
#[cfg(feature = "memory-keyring")]
pub fn use_memory_keyring() {
    let mut slot = PLATFORM_STORE
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if slot.is_none() {
        let store: Arc<CredentialStore> =
            keyring_core::mock::Store::new().expect("the in-memory keyring store is made");
        *slot = Some(store);
    }
}

/// Forgets the connection after a platform failure, so the next call reconnects.
fn forget_platform_store() {
    PLATFORM_STORE
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .take();
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn connect_platform_store() -> Result<Arc<CredentialStore>, Error> {
    // Connects to the Secret Service on the session bus now: an error here means no keyring.
    let store: Arc<CredentialStore> = zbus_secret_service_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "macos")]
fn connect_platform_store() -> Result<Arc<CredentialStore>, Error> {
    let store: Arc<CredentialStore> = apple_native_keyring_store::keychain::Store::new()?;
    Ok(store)
}

#[cfg(target_os = "windows")]
fn connect_platform_store() -> Result<Arc<CredentialStore>, Error> {
    let store: Arc<CredentialStore> = windows_native_keyring_store::Store::new()?;
    Ok(store)
}

#[cfg(not(any(
    target_os = "macos",
    target_os = "windows",
    all(
        unix,
        not(any(target_os = "macos", target_os = "ios", target_os = "android"))
    )
)))]
fn connect_platform_store() -> Result<Arc<CredentialStore>, Error> {
    Err(Error::NotSupportedByStore(
        "this platform has no supported OS keyring".to_owned(),
    ))
}

/// Sorts a keyring error into the vault's codes. Errors that carry secret bytes
/// (`BadEncoding`, `BadDataFormat`) are dropped here, so no key material reaches a `Debug`.
fn map_error(err: Error) -> VaultError {
    match err {
        Error::NoStorageAccess(_) => VaultError::KeyringLocked {
            source: Box::new(err),
        },
        Error::PlatformFailure(_) => {
            forget_platform_store();
            VaultError::KeyringUnavailable {
                source: Box::new(err),
            }
        }
        Error::NoDefaultStore | Error::NotSupportedByStore(_) => VaultError::KeyringUnavailable {
            source: Box::new(err),
        },
        Error::BadEncoding(_) | Error::BadDataFormat(..) => VaultError::Tampered {
            reason: TamperReason::KeyMalformed,
        },
        Error::Ambiguous(_) => VaultError::Tampered {
            reason: TamperReason::KeyAmbiguous,
        },
        other => VaultError::KeyringFailed {
            source: Box::new(other),
        },
    }
}

fn encode_key(key: &[u8; KEY_LEN]) -> Zeroizing<String> {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut text = Zeroizing::new(String::with_capacity(2 * KEY_LEN));
    for byte in key {
        text.push(char::from(DIGITS[usize::from(byte >> 4)]));
        text.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
    text
}

fn decode_key(text: &[u8]) -> Option<DataKey> {
    if text.len() != 2 * KEY_LEN {
        return None;
    }
    let mut key: DataKey = Zeroizing::new([0; KEY_LEN]);
    for (byte, pair) in key.iter_mut().zip(text.chunks_exact(2)) {
        *byte = (hex_value(pair[0])? << 4) | hex_value(pair[1])?;
    }
    Some(key)
}

fn hex_value(digit: u8) -> Option<u8> {
    match digit {
        b'0'..=b'9' => Some(digit - b'0'),
        b'a'..=b'f' => Some(digit - b'a' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_survives_hex_round_trip() {
        let key: [u8; KEY_LEN] = std::array::from_fn(|i| (i * 37 + 5) as u8);
        let text = encode_key(&key);
        assert_eq!(text.len(), 64, "a 256-bit key is 64 hex digits");
        let back = decode_key(text.as_bytes()).expect("our own encoding must decode");
        assert_eq!(*back, key, "decoding must give back the same key");
    }

    #[test]
    fn rejects_keyring_secret_that_is_not_a_key() {
        assert!(decode_key(b"short").is_none(), "wrong length is not a key");
        let upper = "AB".repeat(KEY_LEN);
        assert!(
            decode_key(upper.as_bytes()).is_none(),
            "only our lowercase encoding is accepted"
        );
        let binary = [0xffu8; 2 * KEY_LEN];
        assert!(decode_key(&binary).is_none(), "binary bytes are not hex");
    }

    #[test]
    fn secret_carrying_keyring_errors_lose_their_bytes() {
        let err = map_error(Error::BadEncoding(b"SECRET-BYTES".to_vec()));
        assert_eq!(err.code(), "session_tampered");
        assert!(
            !format!("{err:?}").contains("83, 69, 67"),
            "the Debug of a mapped error must not carry the keyring's raw bytes: {err:?}"
        );
    }
}
