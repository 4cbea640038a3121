//! The data key's home: one entry in a keyring, in a store chosen explicitly here.
//!
//! We talk to `keyring-core` and pick the store ourselves rather than letting anything fall
//! back: the desktop's keyring (the same store keyring 4.2's `v1` feature picks per platform),
//! or Linux's kernel keyring when the configuration says so ([`Keyring`]). Entries are built
//! from the store this module connected, never from a process-wide default. A failed
//! connection is not cached, so "start the keyring, then try again" works without restarting
//! the app.

use std::sync::{Arc, Mutex, PoisonError};

use keyring_core::{CredentialStore, Entry, Error};
use zeroize::Zeroizing;

use crate::error::{TamperReason, VaultError};

/// Length of the data key in bytes (AES-256).
pub(crate) const KEY_LEN: usize = 32;

/// The data key; zeroed when dropped.
pub(crate) type DataKey = Zeroizing<[u8; KEY_LEN]>;

/// Which keyring holds the data key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Keyring {
    /// The desktop's keyring: the Secret Service (GNOME Keyring, KWallet) on Linux, the
    /// Keychain on macOS, Credential Manager on Windows. Kept across reboots; on Linux it must
    /// be unlocked, which an autologin session often leaves undone.
    #[default]
    SecretService,
    /// Linux's kernel keyring (keyutils, the login session's keyring): no daemon and no
    /// unlock, in kernel memory and gone at reboot, which suits sessions of minutes on an
    /// unattended kiosk. Linux only.
    Keyutils,
}

impl Keyring {
    /// The name the configuration uses (`[vault] store`).
    pub fn name(self) -> &'static str {
        match self {
            Self::SecretService => "secret-service",
            Self::Keyutils => "keyutils",
        }
    }

    /// Reads a configuration name.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "secret-service" => Some(Self::SecretService),
            "keyutils" => Some(Self::Keyutils),
            _ => None,
        }
    }

    fn slot(self) -> usize {
        self as usize
    }
}

/// Whether the desktop's keyring would answer without asking anyone to unlock it: on Linux a
/// Secret Service whose default collection exists and is unlocked (asked over D-Bus, never
/// prompting); elsewhere always `true`. A kiosk with no such keyring keeps its keys in the
/// kernel keyring instead.
#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
pub fn secret_service_unlocked() -> bool {
    use secret_service::EncryptionType;
    use secret_service::blocking::SecretService;
    let answer = SecretService::connect(EncryptionType::Plain).and_then(|service| {
        let default = service.get_default_collection()?;
        default.is_locked()
    });
    match answer {
        Ok(locked) => !locked,
        Err(err) => {
            tracing::debug!(event = "vault.secret_service_absent", reason = %err);
            false
        }
    }
}

/// Whether the desktop's keyring would answer without asking anyone to unlock it: on Linux a
/// Secret Service whose default collection exists and is unlocked (asked over D-Bus, never
/// prompting); elsewhere always `true`.
#[cfg(not(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
)))]
pub fn secret_service_unlocked() -> bool {
    true
}

/// The connected stores, by [`Keyring::slot`], kept once a connection worked.
static STORES: Mutex<[Option<Arc<CredentialStore>>; 2]> = Mutex::new([None, None]);

/// One keyring entry: `service` / `user`, holding a data key as 64 hex digits (text, so that
/// stores limited to UTF-8 secrets such as KWallet accept it).
#[derive(Debug, Clone)]
pub(crate) struct KeyringEntry {
    keyring: Keyring,
    service: String,
    user: String,
}

impl KeyringEntry {
    pub(crate) fn new(keyring: Keyring, service: &str, user: &str) -> Self {
        Self {
            keyring,
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
            Err(err) => Err(map_error(self.keyring, err)),
        }
    }

    /// Generates a fresh random key and stores it, replacing any previous one.
    pub(crate) fn create(&self) -> Result<DataKey, VaultError> {
        let mut key: DataKey = Zeroizing::new([0; KEY_LEN]);
        getrandom::fill(key.as_mut_slice())?;
        let text = encode_key(&key);
        self.entry()?
            .set_password(&text)
            .map_err(|err| map_error(self.keyring, err))?;
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
                        Err(err) => return Err(map_error(self.keyring, err)),
                    }
                }
                Ok(true)
            }
            Err(err) => Err(map_error(self.keyring, err)),
        }
    }

    fn entry(&self) -> Result<Entry, VaultError> {
        let map = |err| map_error(self.keyring, err);
        store(self.keyring)
            .map_err(map)?
            .build(&self.service, &self.user, None)
            .map_err(map)
    }
}

/// Returns the connected store for `keyring`, connecting if needed.
fn store(keyring: Keyring) -> Result<Arc<CredentialStore>, Error> {
    let mut stores = STORES.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(store) = stores[keyring.slot()].as_ref() {
        return Ok(Arc::clone(store));
    }
    let store = match keyring {
        Keyring::SecretService => connect_platform_store()?,
        Keyring::Keyutils => connect_kernel_store()?,
    };
    tracing::debug!(event = "vault.keyring_connected", keyring = keyring.name());
    stores[keyring.slot()] = Some(Arc::clone(&store));
    Ok(store)
}

/// Keeps data keys in memory (keyring-core's mock store) instead of a real keyring, whichever
/// is configured, for the unit tests of the crates above the vault, which run without a
/// keyring daemon. The proof that the vault works with a real keyring stays in its own tests
/// and the end-to-end suites.
#[cfg(feature = "memory-keyring")]
pub fn use_memory_keyring() {
    let mut stores = STORES.lock().unwrap_or_else(PoisonError::into_inner);
    if stores[0].is_none() {
        let store: Arc<CredentialStore> =
            keyring_core::mock::Store::new().expect("the in-memory keyring store is made");
        *stores = [Some(Arc::clone(&store)), Some(store)];
    }
}

/// Forgets the connection after a platform failure, so the next call reconnects.
fn forget_store(keyring: Keyring) {
    STORES.lock().unwrap_or_else(PoisonError::into_inner)[keyring.slot()].take();
}

#[cfg(target_os = "linux")]
fn connect_kernel_store() -> Result<Arc<CredentialStore>, Error> {
    let store: Arc<CredentialStore> = crate::kernel_keyring::Store::new()?;
    Ok(store)
}

#[cfg(not(target_os = "linux"))]
fn connect_kernel_store() -> Result<Arc<CredentialStore>, Error> {
    Err(Error::NotSupportedByStore(
        "the kernel keyring (keyutils) exists only on Linux".to_owned(),
    ))
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
fn map_error(keyring: Keyring, err: Error) -> VaultError {
    match err {
        Error::NoStorageAccess(_) => VaultError::KeyringLocked {
            source: Box::new(err),
        },
        Error::PlatformFailure(_) => {
            forget_store(keyring);
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

    /// A kernel that refuses its keyring (a seccomp filter) says "no keyring", never "locked":
    /// nobody could unlock it.
    #[cfg(target_os = "linux")]
    #[test]
    fn a_refused_kernel_keyring_is_unavailable_not_locked() {
        use linux_keyutils::KeyError;
        for refusal in [
            KeyError::AccessDenied,
            KeyError::PermissionDenied,
            KeyError::OperationNotSupported,
        ] {
            let err = map_error(Keyring::Keyutils, crate::kernel_keyring::to_core(refusal));
            assert_eq!(err.code(), codes::Code::KeyringUnavailable, "{err:?}");
        }
    }

    #[test]
    fn secret_carrying_keyring_errors_lose_their_bytes() {
        let err = map_error(
            Keyring::SecretService,
            Error::BadEncoding(b"SECRET-BYTES".to_vec()),
        );
        assert_eq!(err.code(), codes::Code::SessionTampered);
        assert!(
            !format!("{err:?}").contains("83, 69, 67"),
            "the Debug of a mapped error must not carry the keyring's raw bytes: {err:?}"
        );
    }
}
