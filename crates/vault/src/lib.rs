//! Session storage for Guichet: one sensitive payload, a data key in the OS keyring and an
//! AES-256-GCM file in the app's data folder, readable only by this app on this machine.
//!
//! The vault knows nothing of what it stores: the app serializes its session into bytes.
//! See `README.md` for the design, the file format and the threat notes.
//!
//! ```no_run
//! use time::{Duration, OffsetDateTime};
//! use vault::{Keyring, Loaded, Vault, VaultConfig};
//!
//! # fn main() -> Result<(), vault::VaultError> {
//! let vault = Vault::new(VaultConfig {
//!     data_dir: "/var/lib/guichet".into(),
//!     keyring_service: "guichet".to_owned(),
//!     binding: "integration/client-id".to_owned(),
//!     keyring: Keyring::SecretService,
//! });
//! let now = OffsetDateTime::now_utc();
//! vault.store(b"serialized session", now + Duration::hours(1))?;
//! if let Loaded::Session { payload, .. } = vault.load(now)? {
//!     assert_eq!(payload.as_slice(), b"serialized session");
//! }
//! let wiped = vault.wipe()?;
//! assert!(wiped.file_removed && wiped.key_removed);
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod error;
mod file;
#[cfg(target_os = "linux")]
mod kernel_keyring;
mod keyring_store;
mod vault;

pub use error::{KeyringSource, TamperReason, VaultError};
#[cfg(feature = "memory-keyring")]
pub use keyring_store::use_memory_keyring;
pub use keyring_store::{Keyring, secret_service_unlocked};
pub use vault::{Loaded, Vault, VaultConfig, Wiped};

/// The largest payload [`Vault::store`] accepts, in bytes.
pub const MAX_PAYLOAD: usize = file::MAX_PAYLOAD;

/// Entry points for the fuzz targets in `fuzz/` (not part of the API).
#[doc(hidden)]
pub mod fuzzing {
    /// Parses and tries to open arbitrary bytes as a session file with a fixed key, the way
    /// `Vault::load` does after reading the file. Must never panic.
    pub fn open_session_file(bytes: &[u8]) -> bool {
        let Ok(sealed) = crate::file::SealedSession::parse(bytes) else {
            return false;
        };
        let key: crate::keyring_store::DataKey = zeroize::Zeroizing::new([7u8; 32]);
        sealed.open(&key, "fuzz:binding").is_ok()
    }
}
