//! Provider configuration: the raw TOML as written by people, then validated typed values.

use std::path::{Path, PathBuf};
use std::time::Duration;

use josekit::jwk::JwkSet;
use serde::Deserialize;
use url::Url;

use crate::acr::Acr;
use crate::jose::DecryptionKeys;
use crate::sensitive::ClientSecret;

#[cfg(test)]
mod tests;
mod validate;

pub use validate::{
    refuse_franceconnect_issuer, session_lifetime, validate_acr, validate_issuer,
    validate_redirect, validate_scopes,
};

/// The issuer of FC+'s integration environment (reached only through the Guichet gateway).
pub const INTEGRATION_ISSUER: &str = "https://auth.integ01.dev-franceconnect.fr/api/v2";

/// Scopes asked by default: `openid`, the identité pivot and `preferred_username`, which a
/// standard FC+ registration grants. A known scope outside the registration is redirected as
/// `invalid_scope` by FC+ (`service-provider-adapter-mongo.service.ts`), so `email` and any
/// other scope is asked only when configured.
pub const DEFAULT_SCOPES: &[&str] = &[
    "openid",
    "given_name",
    "family_name",
    "birthdate",
    "gender",
    "birthplace",
    "birthcountry",
    "preferred_username",
];

/// A configuration that could not be read or does not make sense.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
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
    /// The environment variable that should hold the client secret is not set.
    #[error(
        "the environment variable {0} (named by provider.client_secret_env) is not set: set it to the client secret"
    )]
    SecretNotSet(String),
    /// A key file could not be used.
    #[error("cannot use the key file {path}: {reason}")]
    KeyFile { path: PathBuf, reason: String },
    /// Direct mode pointed at FranceConnect+ itself, which refuses loopback redirects.
    #[error(
        "{issuer} is FranceConnect+, which accepts only https redirect URIs: this app cannot be its client directly. Point provider.issuer at your office's Guichet gateway (guichet-gateway, see docs/DEPLOYMENT.md) and use --env gateway"
    )]
    FranceConnectNeedsGateway { issuer: String },
}

/// The configuration file as written, before validation.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    /// `[provider]`: the FC+ client registration.
    pub provider: Option<RawProvider>,
    /// `[session]`: how long a verified session is kept.
    pub session: Option<RawSession>,
}

/// `[provider]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawProvider {
    pub issuer: Option<String>,
    pub client_id: Option<String>,
    pub client_secret_env: Option<String>,
    /// `client_secret_post` (default, the only method FC+ accepts) or `none` for a kiosk of
    /// the Guichet gateway (a public client with PKCE: the gateway profile).
    pub token_auth: Option<String>,
    /// Read only to refuse it with a clear message: `private_key_jwt` is gone (FC+ refuses it).
    pub client_signing_key: Option<PathBuf>,
    pub redirect_uri: Option<String>,
    pub post_logout_redirect_uri: Option<String>,
    pub decryption_keys: Option<PathBuf>,
    pub scopes: Option<Vec<String>>,
    /// Whether to ask for `amr` (default true: it tells a French identity from an eIDAS
    /// one). FC+ shows page `Y100009` and never comes back when the registration does not
    /// grant it, so this must match the registration.
    pub request_amr: Option<bool>,
    pub acr: Option<String>,
    pub eidas_idp_hint: Option<String>,
}

/// `[session]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSession {
    pub lifetime_secs: Option<u64>,
}

impl RawConfig {
    /// Reads and parses a TOML file (no validation yet).
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_owned(),
            source,
        })?;
        toml::from_str(&text).map_err(|e| ConfigError::Syntax {
            path: path.to_owned(),
            message: e.message().to_owned(),
        })
    }
}

/// How the client authenticates at the token endpoint.
#[derive(Debug)]
pub enum TokenAuth {
    /// `client_id` and `client_secret` in the form body (FC+'s default).
    ClientSecretPost(ClientSecret),
    /// No client authentication: a kiosk that is a native public client of the Guichet
    /// gateway (RFC 8252). This is the gateway profile: every sign-in uses PKCE S256 and the
    /// ID token is signed, not encrypted. FC+ itself has no public clients.
    PublicClient,
}

impl TokenAuth {
    /// Whether this is the gateway profile (public client, PKCE).
    pub fn is_public(&self) -> bool {
        matches!(self, TokenAuth::PublicClient)
    }
}

/// A validated provider configuration, ready for [`crate::RelyingParty`].
#[derive(Debug)]
pub struct ProviderConfig {
    pub issuer: Url,
    pub client_id: String,
    pub token_auth: TokenAuth,
    /// An `http://127.0.0.1:PORT/path` URL the loopback listener binds exactly.
    pub redirect_uri: Url,
    /// On the same origin as `redirect_uri`, so the same listener catches it.
    pub post_logout_redirect_uri: Option<Url>,
    /// Private keys for the JWE ID token and userinfo; `None` only for unencrypted providers.
    pub decryption_keys: Option<DecryptionKeys>,
    pub scopes: Vec<String>,
    /// Whether the authorize request asks for `amr` (the `claims` parameter).
    pub request_amr: bool,
    pub acr: Acr,
    pub eidas_idp_hint: Option<String>,
    pub session_lifetime: Duration,
}

/// Default lifetime of a verified session kept by the app (FC+'s own session is 600 s).
pub const DEFAULT_SESSION_LIFETIME: Duration = Duration::from_secs(600);

impl ProviderConfig {
    /// Validates `[provider]` and `[session]`, reading secrets from the environment and keys
    /// from disk. `base` is the folder relative key paths are resolved against.
    pub fn from_raw(raw: RawConfig, base: &Path) -> Result<Self, ConfigError> {
        let provider = raw.provider.unwrap_or_default();
        let issuer = validate_issuer(
            provider
                .issuer
                .as_deref()
                .ok_or(ConfigError::Missing("provider.issuer"))?,
        )?;
        refuse_franceconnect_issuer(&issuer)?;
        let client_id = provider
            .client_id
            .filter(|id| !id.is_empty())
            .ok_or(ConfigError::Missing("provider.client_id"))?;
        if provider.client_signing_key.is_some() {
            return Err(private_key_jwt_refused());
        }
        let token_auth = match provider
            .token_auth
            .as_deref()
            .unwrap_or("client_secret_post")
        {
            "client_secret_post" => {
                let var = provider
                    .client_secret_env
                    .ok_or(ConfigError::Missing("provider.client_secret_env"))?;
                let secret = std::env::var(&var)
                    .ok()
                    .filter(|s| !s.is_empty())
                    .ok_or(ConfigError::SecretNotSet(var))?;
                TokenAuth::ClientSecretPost(ClientSecret::new(secret))
            }
            "none" => TokenAuth::PublicClient,
            "private_key_jwt" => return Err(private_key_jwt_refused()),
            other => {
                return Err(ConfigError::Invalid {
                    key: "provider.token_auth",
                    reason: format!(
                        "`{other}` is neither client_secret_post (FC+) nor none (a kiosk of the Guichet gateway)"
                    ),
                });
            }
        };
        let redirect_uri = validate_redirect(
            "provider.redirect_uri",
            provider
                .redirect_uri
                .as_deref()
                .ok_or(ConfigError::Missing("provider.redirect_uri"))?,
        )?;
        let post_logout_redirect_uri = provider
            .post_logout_redirect_uri
            .as_deref()
            .map(|u| validate_redirect("provider.post_logout_redirect_uri", u))
            .transpose()?;
        if let Some(logout) = &post_logout_redirect_uri
            && logout.origin() != redirect_uri.origin()
        {
            return Err(ConfigError::Invalid {
                key: "provider.post_logout_redirect_uri",
                reason:
                    "must use the same host and port as redirect_uri (one listener catches both)"
                        .into(),
            });
        }
        if token_auth.is_public() && provider.decryption_keys.is_some() {
            return Err(ConfigError::Invalid {
                key: "provider.decryption_keys",
                reason: "the Guichet gateway signs its ID tokens without encrypting them: remove decryption_keys when token_auth is none".into(),
            });
        }
        let decryption_keys = provider
            .decryption_keys
            .map(|path| DecryptionKeys::from_file(&base.join(path)))
            .transpose()?;
        let scopes = validate_scopes(provider.scopes)?;
        let acr = validate_acr(provider.acr.as_deref())?;
        let session_lifetime = session_lifetime(raw.session.as_ref());
        Ok(Self {
            issuer,
            client_id,
            token_auth,
            redirect_uri,
            post_logout_redirect_uri,
            decryption_keys,
            scopes,
            request_amr: provider.request_amr.unwrap_or(true),
            acr,
            eidas_idp_hint: provider.eidas_idp_hint.filter(|h| !h.is_empty()),
            session_lifetime,
        })
    }
}

impl DecryptionKeys {
    /// Reads a JWKS file of private keys (EC P-256 for ECDH-ES, RSA for RSA-OAEP).
    ///
    /// Here rather than in [`crate::jose`]: a key file is part of the configuration, and its
    /// errors are configuration errors.
    pub fn from_file(path: &Path) -> Result<Self, ConfigError> {
        read_key_file(path, |bytes| {
            let set = JwkSet::from_bytes(bytes).map_err(|e| e.to_string())?;
            Self::from_keys(set.keys().into_iter().cloned().collect())
        })
    }
}

/// Reads a key file and parses it, naming the file in any error.
fn read_key_file<T>(
    path: &Path,
    parse: impl FnOnce(&[u8]) -> Result<T, String>,
) -> Result<T, ConfigError> {
    let key_error = |reason: String| ConfigError::KeyFile {
        path: path.to_owned(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| key_error(e.to_string()))?;
    parse(&bytes).map_err(key_error)
}

/// FC+'s discovery lists `private_key_jwt`, but its client records have no auth-method field
/// and a client assertion is answered `invalid_client` (FC's
/// `instances/core-fcp-high/src/config/oidc-provider.ts`): older configurations that used it
/// get this at start instead of a sign-in that fails at the token endpoint.
fn private_key_jwt_refused() -> ConfigError {
    ConfigError::Invalid {
        key: "provider.token_auth",
        reason: "FC+ refuses private_key_jwt (invalid_client) although its discovery lists it: set token_auth = \"client_secret_post\" and client_secret_env, and remove client_signing_key".into(),
    }
}
