//! A small on-disk cache for public provider documents (discovery, JWKS), so the app can start
//! offline. Only public data goes here: never tokens or personal data.

use std::path::{Path, PathBuf};

use sha2::{Digest as _, Sha256};

/// A folder holding cached provider documents, one file per document and issuer.
#[derive(Debug, Clone)]
pub struct DocumentCache {
    dir: PathBuf,
}

impl DocumentCache {
    /// A cache in `dir` (created on first write).
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    fn path(&self, kind: &str, issuer: &str) -> PathBuf {
        let digest = Sha256::digest(issuer.as_bytes());
        let short: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
        self.dir.join(format!("{kind}-{short}.json"))
    }

    /// The cached bytes, if any.
    pub fn read(&self, kind: &str, issuer: &str) -> Option<Vec<u8>> {
        std::fs::read(self.path(kind, issuer)).ok()
    }

    /// Writes atomically (temp file, then rename) so a crash never leaves half a document.
    /// Failing to cache is not an error for the sign-in: it is logged and ignored.
    pub fn write(&self, kind: &str, issuer: &str, bytes: &[u8]) {
        if let Err(e) = write_atomically(&self.dir, &self.path(kind, issuer), bytes) {
            tracing::warn!(event = "cache_write_failed", kind, error = %e);
        }
    }
}

fn write_atomically(dir: &Path, target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let tmp = target.with_extension("json.tmp");
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_per_issuer() {
        let dir = tempfile::tempdir().unwrap();
        let cache = DocumentCache::new(dir.path().join("cache"));
        cache.write("discovery", "https://a", b"A");
        cache.write("discovery", "https://b", b"B");
        assert_eq!(
            cache.read("discovery", "https://a").as_deref(),
            Some(&b"A"[..])
        );
        assert_eq!(
            cache.read("discovery", "https://b").as_deref(),
            Some(&b"B"[..])
        );
        assert_eq!(
            cache.read("jwks", "https://a"),
            None,
            "kinds must not collide"
        );
    }
}
