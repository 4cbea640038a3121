//! Short-lived state shared by the replicas: pending sign-ins (10 min), one-time codes (30 s),
//! access tokens (60 s), kept FC+ ID tokens for logout. In memory for one replica, in Redis
//! for several. Keys are SHA-256 digests of the secret they are filed under, so neither a
//! `KEYS *` nor a slow log shows a usable code or state.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use sha2::{Digest as _, Sha256};

use crate::config::StoreConfig;

/// How long one Redis command may take before the request fails (and the kiosk retries).
const REDIS_TIMEOUT: Duration = Duration::from_secs(2);

/// The store could not be used.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    /// Redis is unreachable or answered an error.
    #[error("the shared store (Redis) is unavailable: {0}")]
    Unavailable(String),
}

/// What a value is, so that a code can never be read as a pending sign-in.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Pending,
    Code,
    Access,
    Session,
    Logout,
}

impl Kind {
    fn prefix(self) -> &'static str {
        match self {
            Kind::Pending => "pending",
            Kind::Code => "code",
            Kind::Access => "access",
            Kind::Session => "session",
            Kind::Logout => "logout",
        }
    }
}

/// The key a secret is filed under: its kind and SHA-256, never the secret itself.
fn key(prefix: &str, kind: Kind, secret: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let kind = kind.prefix();
    // One allocation (a `format!` per byte made 32 more on each store access).
    let mut key = String::with_capacity(prefix.len() + kind.len() + 1 + 64);
    key.push_str(prefix);
    key.push_str(kind);
    key.push(':');
    for byte in Sha256::digest(secret.as_bytes()) {
        key.push(char::from(HEX[usize::from(byte >> 4)]));
        key.push(char::from(HEX[usize::from(byte & 0x0f)]));
    }
    key
}

/// The store in use.
#[derive(Debug)]
pub enum Store {
    Memory(MemoryStore),
    Redis(RedisStore),
}

impl Store {
    /// Opens the configured store (connects to Redis at once, so a wrong URL fails at start).
    pub async fn open(config: &StoreConfig) -> Result<Self, StoreError> {
        match config {
            StoreConfig::Memory => Ok(Store::Memory(MemoryStore::default())),
            StoreConfig::Redis { url, prefix } => {
                Ok(Store::Redis(RedisStore::connect(url, prefix).await?))
            }
        }
    }

    /// Files `value` under `secret` for `ttl`.
    pub async fn put(
        &self,
        kind: Kind,
        secret: &str,
        value: String,
        ttl: Duration,
    ) -> Result<(), StoreError> {
        match self {
            Store::Memory(m) => {
                m.put(key("", kind, secret), value, ttl);
                Ok(())
            }
            Store::Redis(r) => r.put(key(&r.prefix, kind, secret), value, ttl).await,
        }
    }

    /// Takes the value out (atomically: of two replicas taking at once, one gets it).
    pub async fn take(&self, kind: Kind, secret: &str) -> Result<Option<String>, StoreError> {
        match self {
            Store::Memory(m) => Ok(m.take(&key("", kind, secret))),
            Store::Redis(r) => r.take(key(&r.prefix, kind, secret)).await,
        }
    }

    /// Reads the value and leaves it.
    pub async fn get(&self, kind: Kind, secret: &str) -> Result<Option<String>, StoreError> {
        match self {
            Store::Memory(m) => Ok(m.get(&key("", kind, secret))),
            Store::Redis(r) => r.get(key(&r.prefix, kind, secret)).await,
        }
    }

    /// Whether the store answers (readiness).
    pub async fn ping(&self) -> Result<(), StoreError> {
        match self {
            Store::Memory(_) => Ok(()),
            Store::Redis(r) => r.ping().await,
        }
    }

    /// `memory` or `redis`, for logs.
    pub fn name(&self) -> &'static str {
        match self {
            Store::Memory(_) => "memory",
            Store::Redis(_) => "redis",
        }
    }
}

/// How often, at most, a replica's memory is swept of expired entries.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// One replica's memory. Every lookup checks its entry's expiry; expired entries are swept
/// as new ones arrive, at most once per [`SWEEP_EVERY`] (a sweep every 64 puts walked every
/// entry kept for logout, tens of thousands under the load bench: 1.4 % of the gateway's CPU).
#[derive(Debug, Default)]
pub struct MemoryStore {
    entries: Mutex<Entries>,
}

#[derive(Debug, Default)]
struct Entries {
    map: HashMap<String, (String, Instant)>,
    swept_at: Option<Instant>,
}

impl MemoryStore {
    fn put(&self, key: String, value: String, ttl: Duration) {
        self.put_at(key, value, ttl, Instant::now());
    }

    fn put_at(&self, key: String, value: String, ttl: Duration, now: Instant) {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries
            .swept_at
            .is_none_or(|at| now.saturating_duration_since(at) >= SWEEP_EVERY)
        {
            entries.map.retain(|_, (_, until)| *until > now);
            entries.swept_at = Some(now);
        }
        entries.map.insert(key, (value, now + ttl));
    }

    fn take(&self, key: &str) -> Option<String> {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let (value, until) = entries.map.remove(key)?;
        (until > Instant::now()).then_some(value)
    }

    fn get(&self, key: &str) -> Option<String> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        let (value, until) = entries.map.get(key)?;
        (*until > Instant::now()).then(|| value.clone())
    }
}

/// Redis (6.2 or later, for `GETDEL`), through a connection that reconnects by itself.
pub struct RedisStore {
    connection: ConnectionManager,
    prefix: String,
}

impl std::fmt::Debug for RedisStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL may hold a password: never printed.
        f.debug_struct("RedisStore")
            .field("prefix", &self.prefix)
            .finish()
    }
}

fn unavailable(error: redis::RedisError) -> StoreError {
    // RedisError's text can echo the command; the kind and category are enough.
    StoreError::Unavailable(format!("{:?} {}", error.kind(), error.category()))
}

impl RedisStore {
    async fn connect(url: &str, prefix: &str) -> Result<Self, StoreError> {
        let client = redis::Client::open(url).map_err(unavailable)?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(REDIS_TIMEOUT))
            .set_response_timeout(Some(REDIS_TIMEOUT))
            .set_number_of_retries(2)
            .set_max_delay(Duration::from_millis(500));
        let connection = client
            .get_connection_manager_with_config(config)
            .await
            .map_err(unavailable)?;
        Ok(Self {
            connection,
            prefix: prefix.to_owned(),
        })
    }

    async fn put(&self, key: String, value: String, ttl: Duration) -> Result<(), StoreError> {
        let millis = ttl.as_millis().max(1) as u64;
        redis::cmd("SET")
            .arg(key)
            .arg(value)
            .arg("PX")
            .arg(millis)
            .query_async::<()>(&mut self.connection.clone())
            .await
            .map_err(unavailable)
    }

    async fn take(&self, key: String) -> Result<Option<String>, StoreError> {
        redis::cmd("GETDEL")
            .arg(key)
            .query_async(&mut self.connection.clone())
            .await
            .map_err(unavailable)
    }

    async fn get(&self, key: String) -> Result<Option<String>, StoreError> {
        redis::cmd("GET")
            .arg(key)
            .query_async(&mut self.connection.clone())
            .await
            .map_err(unavailable)
    }

    async fn ping(&self) -> Result<(), StoreError> {
        redis::cmd("PING")
            .query_async::<String>(&mut self.connection.clone())
            .await
            .map(|_| ())
            .map_err(unavailable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn memory_values_are_taken_once_and_expire() {
        let store = Store::Memory(MemoryStore::default());
        store
            .put(Kind::Code, "c", "v".into(), Duration::from_secs(30))
            .await
            .unwrap();
        assert!(
            store.take(Kind::Pending, "c").await.unwrap().is_none(),
            "kinds are separate"
        );
        assert_eq!(
            store.take(Kind::Code, "c").await.unwrap().as_deref(),
            Some("v")
        );
        assert!(
            store.take(Kind::Code, "c").await.unwrap().is_none(),
            "a code serves once"
        );
        store
            .put(Kind::Code, "d", "v".into(), Duration::from_millis(1))
            .await
            .unwrap();
        tokio::time::sleep(Duration::from_millis(5)).await;
        assert!(
            store.take(Kind::Code, "d").await.unwrap().is_none(),
            "expired"
        );
    }

    #[test]
    fn memory_is_swept_at_most_once_a_second_and_an_expired_entry_is_refused_between() {
        let memory = MemoryStore::default();
        // Ten seconds ago, so that the lookups (on the real clock) see "old" expired.
        let start = Instant::now() - Duration::from_secs(10);
        let len = |m: &MemoryStore| m.entries.lock().unwrap().map.len();
        memory.put_at("old".into(), "v".into(), Duration::from_millis(10), start);
        let later = start + Duration::from_millis(500);
        memory.put_at("new".into(), "v".into(), Duration::from_secs(30), later);
        assert_eq!(len(&memory), 2, "no sweep within a second of the last");
        assert!(
            memory.get("old").is_none(),
            "expired, refused though not swept"
        );
        memory.put_at(
            "newer".into(),
            "v".into(),
            Duration::from_secs(30),
            start + SWEEP_EVERY,
        );
        assert_eq!(len(&memory), 2, "swept a second after the last sweep");
        assert!(memory.get("new").is_some() && memory.get("newer").is_some());
    }

    #[test]
    fn keys_never_contain_the_secret() {
        let k = key("p:", Kind::Code, "the-secret-code");
        assert!(!k.contains("the-secret-code"));
        assert!(k.starts_with("p:code:"));
    }

    #[test]
    fn a_key_is_the_kind_and_the_secrets_sha256_in_lowercase_hex() {
        // SHA-256("abc"), FIPS 180-2's example: the keys Redis already holds stay valid.
        assert_eq!(
            key("p:", Kind::Code, "abc"),
            "p:code:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
