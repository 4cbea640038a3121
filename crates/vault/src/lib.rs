//! Session storage for Guichet: one sensitive payload, a data key in the OS keyring and an
//! AES-256-GCM file in the app's data folder, readable only by this app on this machine.
//!
//! The vault knows nothing of what it stores: the app serializes its session into bytes.
//! See `README.md` for the design, the file format and the threat notes.

mod error;
mod file;
mod keyring_store;
mod vault;

pub use error::{KeyringSource, TamperReason, VaultError};
pub use vault::{Loaded, Vault, VaultConfig, Wiped};

/// The largest payload [`Vault::store`] accepts, in bytes.
pub const MAX_PAYLOAD: usize = file::MAX_PAYLOAD;
