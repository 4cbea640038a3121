//! The gateway's configuration: the TOML file as written, then validated typed values.

use std::collections::BTreeSet;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use fcplus::config::{ProviderConfig, validate_issuer};
use josekit::jwk::JwkSet;
use serde::Deserialize;
use url::Url;

use crate::keys::SigningKeys;

mod franceconnect;

use franceconnect::provider_config;

/// Paths under `public_url` that FC+ redirects the browser to.
pub const FC_CALLBACK_PATH: &str = "/fc/callback";
pub const FC_LOGGED_OUT_PATH: &str = "/fc/logged-out";

/// A configuration that cannot be used, with what to change.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum GatewayConfigError {
    /// The file could not be read.
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys.
    #[error("the configuration file {path} is not valid: {message}")]
    Syntax { path: PathBuf, message: String },
    /// A required value is missing.
    #[error("the configuration needs `{0}`")]
    Missing(&'static str),
    /// A value is present but wrong.
    #[error("`{key}` is not valid: {reason}")]
    Invalid { key: &'static str, reason: String },
    /// An fcplus part (issuer, scopes, keys) is wrong.
    #[error(transparent)]
    Provider(#[from] fcplus::ConfigError),
}

/// The file as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawGatewayConfig {
    pub server: Option<RawServer>,
    pub franceconnect: Option<RawFranceConnect>,
    pub signing: Option<RawSigning>,
    pub store: Option<RawStore>,
    pub limits: Option<RawLimits>,
    #[serde(default)]
    pub kiosk: Vec<RawKiosk>,
}

/// `[server]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawServer {
    /// `IP:PORT` to listen on (default `127.0.0.1:8443`).
    pub listen: Option<String>,
    /// The URL kiosks and FC+ use: the issuer, and the base of every endpoint.
    pub public_url: Option<String>,
    /// PEM certificate chain and private key: the gateway serves HTTPS itself.
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
}

/// `[franceconnect]`: the gateway's registration at FC+.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFranceConnect {
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    /// `client_secret_post`, the only method FC+ accepts (default).
    pub token_auth: Option<String>,
    pub client_secret_env: Option<String>,
    /// A file holding the secret (systemd credentials, container secrets).
    pub client_secret_file: Option<PathBuf>,
    /// Private JWKS whose public halves FC+ encrypts to (published at `/jwks`).
    pub decryption_keys: Option<PathBuf>,
    /// The scopes of the FC+ registration (default: `openid`, the identité pivot and
    /// `preferred_username`). A scope outside the registration is refused `invalid_scope`.
    pub scopes: Option<Vec<String>>,
    /// Whether the registration grants `amr` (default true; without the right FC+ shows page
    /// `Y100009` and never comes back). Without it the kiosk's origin is "unknown".
    pub request_amr: Option<bool>,
    /// The level asked when a kiosk asks none.
    pub acr: Option<String>,
    pub eidas_idp_hint: Option<String>,
    /// Where discovery and FC+'s keys are cached so the gateway can start while FC+ is down.
    pub cache_dir: Option<PathBuf>,
}

/// `[signing]`: the gateway's own ID-token keys.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSigning {
    /// Private ES256 JWKS: the first key signs, every key is published (rotation).
    pub keys: Option<PathBuf>,
}

/// `[store]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStore {
    /// `redis://HOST:PORT/DB` (or `rediss://`); absent: memory, one replica only.
    pub redis_url: Option<String>,
    pub key_prefix: Option<String>,
}

/// `[limits]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimits {
    pub authorize_per_minute: Option<u32>,
    pub token_per_minute: Option<u32>,
    /// How long the FC+ ID token is kept for a later `/session/end` (default 3600 s).
    pub logout_window_secs: Option<u64>,
}

/// One `[[kiosk]]`: a registered kiosk client.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKiosk {
    pub client_id: String,
}

impl RawGatewayConfig {
    /// Reads and parses a TOML file (no validation yet).
    pub fn from_file(path: &Path) -> Result<Self, GatewayConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| GatewayConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        Self::from_toml(&text, path)
    }

    /// Parses TOML text; `path` only names it in errors.
    pub fn from_toml(text: &str, path: &Path) -> Result<Self, GatewayConfigError> {
        toml::from_str(text).map_err(|e| GatewayConfigError::Syntax {
            path: path.to_owned(),
            message: e.message().to_owned(),
        })
    }
}

/// Per-kiosk request limits (per replica).
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub authorize_per_minute: u32,
    pub token_per_minute: u32,
    pub logout_window: Duration,
}

/// Where pending sign-ins and codes live.
#[derive(Debug, Clone)]
pub enum StoreConfig {
    Memory,
    Redis { url: String, prefix: String },
}

/// A validated configuration.
#[derive(Debug)]
pub struct GatewayConfig {
    pub listen: SocketAddr,
    /// No trailing slash: it is the issuer string.
    pub public_url: Url,
    pub tls: Option<(PathBuf, PathBuf)>,
    /// The FC+ client; its redirect URIs are under `public_url`.
    pub provider: ProviderConfig,
    pub fc_cache_dir: Option<PathBuf>,
    pub signing: SigningKeys,
    pub store: StoreConfig,
    pub limits: Limits,
    pub kiosks: BTreeSet<String>,
}

/// Where the configuration's relative file names are read: next to the configuration file,
/// and for the secret, the keys and the certificate first among systemd's credentials
/// (`LoadCredential=NAME:PATH` puts a root-only file at `$CREDENTIALS_DIRECTORY/NAME`, which
/// the service's dynamic user can read), so one file serves the service and an administrator's
/// `check-config` alike.
#[derive(Debug, Clone)]
pub struct ConfigFiles {
    base: PathBuf,
    credentials: Option<PathBuf>,
}

impl ConfigFiles {
    /// Relative names resolve against `base` only.
    pub fn in_folder(base: &Path) -> Self {
        Self {
            base: base.to_owned(),
            credentials: None,
        }
    }

    /// `credentials` (systemd's `$CREDENTIALS_DIRECTORY`) is looked in first for private files.
    #[must_use]
    pub fn with_credentials(mut self, credentials: Option<PathBuf>) -> Self {
        self.credentials = credentials;
        self
    }

    fn public(&self, path: &Path) -> PathBuf {
        self.base.join(path)
    }

    fn private(&self, path: &Path) -> PathBuf {
        if path.is_relative()
            && let Some(credential) = self.credentials.as_ref().map(|dir| dir.join(path))
            && credential.is_file()
        {
            return credential;
        }
        self.base.join(path)
    }
}

impl GatewayConfig {
    /// Validates everything, reading keys and the secret. Relative paths resolve against `base`.
    pub fn from_raw(raw: RawGatewayConfig, base: &Path) -> Result<Self, GatewayConfigError> {
        Self::from_raw_in(raw, &ConfigFiles::in_folder(base))
    }

    /// [`Self::from_raw`], with the private files looked for as [`ConfigFiles`] says.
    pub fn from_raw_in(
        raw: RawGatewayConfig,
        files: &ConfigFiles,
    ) -> Result<Self, GatewayConfigError> {
        let server = raw.server.unwrap_or_default();
        let listen = server.listen.as_deref().unwrap_or("127.0.0.1:8443");
        let listen: SocketAddr = listen.parse().map_err(|_| GatewayConfigError::Invalid {
            key: "server.listen",
            reason: format!("`{listen}` is not IP:PORT"),
        })?;
        let public_url = public_url(server.public_url.as_deref())?;
        let tls = match (server.tls_cert, server.tls_key) {
            (Some(cert), Some(key)) => Some((files.private(&cert), files.private(&key))),
            (None, None) => None,
            _ => {
                return Err(GatewayConfigError::Invalid {
                    key: "server.tls_cert",
                    reason: "tls_cert and tls_key go together".into(),
                });
            }
        };
        let fc = raw
            .franceconnect
            .ok_or(GatewayConfigError::Missing("[franceconnect]"))?;
        let fc_cache_dir = fc.cache_dir.as_ref().map(|d| files.public(d));
        let provider = provider_config(fc, &public_url, files)?;
        let signing_path = raw
            .signing
            .and_then(|s| s.keys)
            .ok_or(GatewayConfigError::Missing("signing.keys"))?;
        let signing = SigningKeys::from_file(&files.private(&signing_path))?;
        let store = match raw.store.unwrap_or_default() {
            RawStore {
                redis_url: Some(url),
                key_prefix,
            } => {
                if !(url.starts_with("redis://") || url.starts_with("rediss://")) {
                    return Err(GatewayConfigError::Invalid {
                        key: "store.redis_url",
                        reason: "use redis://HOST:PORT/DB or rediss://…".into(),
                    });
                }
                StoreConfig::Redis {
                    url,
                    prefix: key_prefix.unwrap_or_else(|| "guichet-gateway:".into()),
                }
            }
            _ => StoreConfig::Memory,
        };
        let limits = raw.limits.unwrap_or_default();
        let limits = Limits {
            authorize_per_minute: positive(
                "limits.authorize_per_minute",
                limits.authorize_per_minute.unwrap_or(120),
            )?,
            token_per_minute: positive(
                "limits.token_per_minute",
                limits.token_per_minute.unwrap_or(120),
            )?,
            logout_window: Duration::from_secs(limits.logout_window_secs.unwrap_or(3600)),
        };
        let mut kiosks = BTreeSet::new();
        for kiosk in raw.kiosk {
            if kiosk.client_id.is_empty()
                || kiosk.client_id.len() > 128
                || !kiosk
                    .client_id
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
            {
                return Err(GatewayConfigError::Invalid {
                    key: "kiosk.client_id",
                    reason: "1 to 128 characters among A-Z a-z 0-9 - _ .".into(),
                });
            }
            kiosks.insert(kiosk.client_id);
        }
        if kiosks.is_empty() {
            return Err(GatewayConfigError::Missing(
                "[[kiosk]] client_id (at least one kiosk)",
            ));
        }
        Ok(Self {
            listen,
            public_url,
            tls,
            provider,
            fc_cache_dir,
            signing,
            store,
            limits,
            kiosks,
        })
    }

    /// The issuer string kiosks see: `public_url` without a trailing slash.
    pub fn issuer(&self) -> String {
        self.public_url.as_str().trim_end_matches('/').to_owned()
    }
}

impl SigningKeys {
    /// Reads a JWKS of EC P-256 private keys, each with a distinct `kid`.
    ///
    /// Here rather than in [`crate::keys`]: the file is `signing.keys` of the configuration,
    /// and its errors are configuration errors.
    pub fn from_file(path: &Path) -> Result<Self, GatewayConfigError> {
        let invalid = |reason: String| GatewayConfigError::Invalid {
            key: "signing.keys",
            reason: format!("{}: {reason}", path.display()),
        };
        let bytes = std::fs::read(path).map_err(|e| invalid(e.to_string()))?;
        let set = JwkSet::from_bytes(&bytes).map_err(|e| invalid(e.to_string()))?;
        Self::from_keys(set.keys().into_iter().cloned().collect()).map_err(invalid)
    }
}

fn positive(key: &'static str, value: u32) -> Result<u32, GatewayConfigError> {
    if value == 0 {
        return Err(GatewayConfigError::Invalid {
            key,
            reason: "must be at least 1".into(),
        });
    }
    Ok(value)
}

/// HTTPS, or plain HTTP on a loopback address (demo, tests); no query or fragment.
fn public_url(text: Option<&str>) -> Result<Url, GatewayConfigError> {
    let text = text.ok_or(GatewayConfigError::Missing("server.public_url"))?;
    let url = validate_issuer(text).map_err(|e| GatewayConfigError::Invalid {
        key: "server.public_url",
        reason: e.to_string(),
    })?;
    if url.query().is_some() || url.fragment().is_some() {
        return Err(GatewayConfigError::Invalid {
            key: "server.public_url",
            reason: "no query or fragment".into(),
        });
    }
    Ok(url)
}

/// `public_url` joined with an absolute path, keeping a path prefix the URL may have.
pub fn endpoint(public_url: &Url, path: &str) -> Url {
    let mut url = public_url.clone();
    let joined = format!("{}{path}", public_url.path().trim_end_matches('/'));
    url.set_path(&joined);
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_keep_a_path_prefix() {
        let base = Url::parse("https://gw.example/guichet/").unwrap();
        assert_eq!(
            endpoint(&base, "/fc/callback").as_str(),
            "https://gw.example/guichet/fc/callback"
        );
        let bare = Url::parse("https://gw.example").unwrap();
        assert_eq!(
            endpoint(&bare, "/token").as_str(),
            "https://gw.example/token"
        );
    }

    #[test]
    fn refuses_plain_http_off_loopback_and_unknown_keys() {
        assert!(public_url(Some("http://gw.example")).is_err());
        assert!(public_url(Some("http://127.0.0.1:8080")).is_ok());
        let err =
            RawGatewayConfig::from_toml("[server]\nport = 1\n", Path::new("g.toml")).unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }
}
