//! The state every handler shares: issuer, signing key, identities and the in-memory store.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use crate::identities::Directory;
use crate::jose::SigningKey;
use crate::state::Store;

/// The path every endpoint lives under; the issuer is `http://{addr}{ISSUER_PATH}`.
pub(crate) const ISSUER_PATH: &str = "/api/v2";

#[derive(Debug)]
pub(crate) struct Provider {
    /// `http://127.0.0.1:{port}/api/v2`, without a trailing slash.
    pub(crate) issuer: String,
    pub(crate) signing_key: SigningKey,
    pub(crate) directory: Directory,
    pub(crate) eidas_idp_id: String,
    store: Mutex<Store>,
}

impl Provider {
    pub(crate) fn new(
        issuer: String,
        signing_key: SigningKey,
        directory: Directory,
        eidas_idp_id: String,
        store: Store,
    ) -> Provider {
        Provider {
            issuer,
            signing_key,
            directory,
            eidas_idp_id,
            store: Mutex::new(store),
        }
    }

    /// The store. A handler that panicked cannot leave it half-updated in a way that matters
    /// for a test stand-in, so a poisoned lock is simply taken over.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The token endpoint URL, one of the accepted `aud` of a client assertion.
    pub(crate) fn token_endpoint(&self) -> String {
        format!("{}/token", self.issuer)
    }

    /// The path of an interaction page: `/api/v2/interaction/{uid}{suffix}`.
    pub(crate) fn interaction_path(uid: &str, suffix: &str) -> String {
        format!("{ISSUER_PATH}/interaction/{uid}{suffix}")
    }
}

/// The clock of the request handlers; the store takes the time as a parameter.
pub(crate) fn now() -> SystemTime {
    SystemTime::now()
}

/// Seconds since the Unix epoch, for JWT claims.
pub(crate) fn epoch_seconds(time: SystemTime) -> u64 {
    time.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs())
}
