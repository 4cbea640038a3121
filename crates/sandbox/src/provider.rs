//! The state every handler shares: issuer, signing keys, identities, the in-memory store and
//! the adversary scenarios.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::SystemTime;

use josekit::jwt::JwtPayload;
use serde_json::{Value, json};

use crate::adversary::Adversary;
use crate::faults::Faults;
use crate::identities::Directory;
use crate::jose::{KeyError, SigningKey};
use crate::state::Store;
use crate::web::ISSUER_PATH;

#[derive(Debug)]
pub(crate) struct Provider {
    /// `http://127.0.0.1:{port}/api/v2`, without a trailing slash.
    pub(crate) issuer: String,
    pub(crate) directory: Directory,
    pub(crate) eidas_idp_id: String,
    /// Whether logout needs the live FC+ session in that browser (page `Y100019`), as FC+.
    pub(crate) logout_needs_session: bool,
    /// Per-client misbehaviour; every client is honest until told otherwise.
    pub(crate) adversary: Adversary,
    /// Outages and clock skew (none until a test sets them). Shared with the middleware that
    /// applies them ([`crate::faults::apply`]), which needs nothing else of the provider.
    pub(crate) faults: Arc<Faults>,
    keys: Mutex<KeyRing>,
    jwks_fetches: AtomicUsize,
    store: Mutex<Store>,
}

/// The provider's signing keys: the current one signs; the one it replaced stays published,
/// as at a real rotation, so a token signed just before it still verifies.
#[derive(Debug)]
struct KeyRing {
    current: Arc<SigningKey>,
    previous: Option<Arc<SigningKey>>,
}

impl Provider {
    pub(crate) fn new(
        issuer: String,
        signing_key: SigningKey,
        directory: Directory,
        eidas_idp_id: String,
        logout_needs_session: bool,
        store: Store,
    ) -> Provider {
        Provider {
            issuer,
            directory,
            eidas_idp_id,
            logout_needs_session,
            adversary: Adversary::default(),
            faults: Arc::default(),
            keys: Mutex::new(KeyRing {
                current: Arc::new(signing_key),
                previous: None,
            }),
            jwks_fetches: AtomicUsize::new(0),
            store: Mutex::new(store),
        }
    }

    /// The store. A handler that panicked cannot leave it half-updated in a way that matters
    /// for a test stand-in, so a poisoned lock is simply taken over.
    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn keys(&self) -> MutexGuard<'_, KeyRing> {
        self.keys.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The key that signs ID tokens and userinfo now.
    pub(crate) fn signing_key(&self) -> Arc<SigningKey> {
        Arc::clone(&self.keys().current)
    }

    /// Replaces the signing key by a fresh one with a new `kid`; the old one stays published.
    pub(crate) fn rotate_signing_key(&self) -> Result<Arc<SigningKey>, KeyError> {
        let fresh = Arc::new(SigningKey::generate()?);
        let mut keys = self.keys();
        keys.previous = Some(std::mem::replace(&mut keys.current, Arc::clone(&fresh)));
        tracing::info!(event = "signing_key_rotated", kid = fresh.kid());
        Ok(fresh)
    }

    /// The JWKS served at `/jwks`: the signing keys, plus a decoy when a scenario wants one.
    pub(crate) fn jwks(&self) -> Value {
        self.jwks_fetches.fetch_add(1, Ordering::Relaxed);
        let mut keys = {
            let ring = self.keys();
            let mut keys = vec![ring.current.public_jwk()];
            keys.extend(ring.previous.as_ref().map(|key| key.public_jwk()));
            keys
        };
        keys.extend(self.adversary.decoy_key());
        json!({ "keys": keys })
    }

    /// How many times `/jwks` was fetched since the start.
    pub(crate) fn jwks_fetches(&self) -> usize {
        self.jwks_fetches.load(Ordering::Relaxed)
    }

    /// The claims of a JWT signed by one of this provider's published keys (claims unchecked).
    pub(crate) fn verify(&self, token: &str) -> Option<JwtPayload> {
        let (current, previous) = {
            let ring = self.keys();
            (Arc::clone(&ring.current), ring.previous.clone())
        };
        current
            .verify(token)
            .or_else(|| previous.and_then(|key| key.verify(token)))
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
