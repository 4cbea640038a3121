//! The provider's public signing keys: cached, and fetched again once when a token names a key
//! we do not know (key rotation).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use josekit::jwk::{Jwk, JwkSet};
use url::Url;

use crate::cache::DocumentCache;
use crate::error::SignInError;
use crate::jose::{JoseError, VerifyingKey};

/// Refetches closer together than this are refused, so a flood of tokens with random `kid`s
/// cannot make us hammer the provider.
const MIN_REFETCH_INTERVAL: Duration = Duration::from_secs(5);

/// The provider's JWKS as last seen.
#[derive(Debug)]
pub struct ProviderKeys {
    jwks_uri: Url,
    issuer: String,
    cache: Option<DocumentCache>,
    state: Mutex<KeyState>,
}

#[derive(Debug, Default)]
struct KeyState {
    set: Option<JwkSet>,
    /// The last refetch an unknown `kid` triggered: the rate limit counts only those, not the
    /// warm-up at discovery, so a key rotated between the warm-up and the first token still
    /// verifies.
    kid_refetched_at: Option<Instant>,
    /// Keys of `set` already parsed, by the `kid` asked for (parsing costs more than a
    /// verification). Only keys found in `set` get here; emptied when `set` changes.
    parsed: Vec<(Option<String>, Arc<VerifyingKey>)>,
}

impl ProviderKeys {
    /// Keys from `jwks_uri`, with the cached copy loaded if there is one.
    pub fn new(jwks_uri: Url, issuer: &str, cache: Option<DocumentCache>) -> Self {
        let cached = cache
            .as_ref()
            .and_then(|c| c.read("jwks", issuer))
            .and_then(|bytes| JwkSet::from_bytes(bytes).ok());
        Self {
            jwks_uri,
            issuer: issuer.to_owned(),
            cache,
            state: Mutex::new(KeyState {
                set: cached,
                ..KeyState::default()
            }),
        }
    }

    /// The ES256 key that should verify a token with this `kid` (or no `kid`).
    pub async fn key_for(
        &self,
        http: &reqwest::Client,
        kid: Option<&str>,
    ) -> Result<Arc<VerifyingKey>, SignInError> {
        if let Some(found) = self.lookup(kid)? {
            return Ok(found);
        }
        if !self.may_refetch() {
            return Err(unknown(kid));
        }
        self.state
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .kid_refetched_at = Some(Instant::now());
        self.refresh(http).await?;
        self.lookup(kid)?.ok_or_else(|| unknown(kid))
    }

    /// Fetches the JWKS now (also used to warm the cache at start).
    pub async fn refresh(&self, http: &reqwest::Client) -> Result<(), SignInError> {
        let response = http
            .get(self.jwks_uri.clone())
            .send()
            .await
            .map_err(SignInError::unreachable)?;
        if !response.status().is_success() {
            return Err(SignInError::ProviderUnreachable {
                detail: format!("JWKS answered HTTP {}", response.status().as_u16()),
            });
        }
        let bytes = response.bytes().await.map_err(SignInError::unreachable)?;
        let set = JwkSet::from_bytes(&bytes).map_err(|e| SignInError::InvalidDiscovery {
            detail: format!("the provider's JWKS is not valid: {e}"),
        })?;
        if let Some(cache) = &self.cache {
            cache.write("jwks", &self.issuer, &bytes);
        }
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state.set = Some(set);
        state.parsed.clear();
        tracing::debug!(event = "jwks_fetched");
        Ok(())
    }

    fn may_refetch(&self) -> bool {
        let state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        state
            .kid_refetched_at
            .is_none_or(|at| at.elapsed() >= MIN_REFETCH_INTERVAL)
    }

    /// The parsed key for `kid`, parsing it on first use.
    fn lookup(&self, kid: Option<&str>) -> Result<Option<Arc<VerifyingKey>>, SignInError> {
        let mut state = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if let Some((_, key)) = state.parsed.iter().find(|(k, _)| k.as_deref() == kid) {
            return Ok(Some(Arc::clone(key)));
        }
        let Some(jwk) = find(&state, kid)? else {
            return Ok(None);
        };
        let key = Arc::new(VerifyingKey::new(&jwk)?);
        state
            .parsed
            .push((kid.map(str::to_owned), Arc::clone(&key)));
        Ok(Some(key))
    }
}

/// The ES256 key of the set for `kid`, or the only one when no `kid` is given.
fn find(state: &KeyState, kid: Option<&str>) -> Result<Option<Jwk>, SignInError> {
    let Some(set) = &state.set else {
        return Ok(None);
    };
    let signing: Vec<&Jwk> = set
        .keys()
        .into_iter()
        .filter(|k| k.key_type() == "EC" && k.key_use().is_none_or(|u| u == "sig"))
        .collect();
    match kid {
        Some(kid) => Ok(signing
            .into_iter()
            .find(|k| k.key_id() == Some(kid))
            .cloned()),
        None => match signing.as_slice() {
            [] => Ok(None),
            [only] => Ok(Some((*only).clone())),
            _ => Err(SignInError::Token(JoseError::AmbiguousKey)),
        },
    }
}

fn unknown(kid: Option<&str>) -> SignInError {
    SignInError::Token(JoseError::UnknownKey(kid.unwrap_or("(none)").to_owned()))
}
