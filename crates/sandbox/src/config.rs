//! Sandbox configuration: client registrations (in code or a TOML file) and their validation.

use std::fmt;
use std::path::Path;

use serde::Deserialize;
use sha2::{Digest, Sha256};
use url::Url;

use crate::SandboxError;
use crate::claims::Scopes;
use crate::identities::TestIdentity;
use crate::jose::{EncryptionAlg, EncryptionKey};

/// The eIDAS bridge's identity-provider id in FC's own stacks, a UUID (FC's docker data,
/// `docker/volumes/mongo-fcp-high/scripts/db-states/_default/idp.js`, as FCPLUS.md reads
/// it); a hint that looks like a name would hide a client that cannot pass a UUID through.
pub const EIDAS_BRIDGE_ID: &str = "8aa849db-8402-4f2e-bad9-7471dd21ff94";

/// What a sandbox starts with.
#[derive(Clone, Debug)]
pub struct SandboxConfig {
    /// Clients registered at start (more can be added with `Sandbox::register_client`).
    pub clients: Vec<ClientRegistration>,
    /// The `idp_hint` value that selects the eIDAS bridge (configurable because the
    /// production value is unconfirmed); [`EIDAS_BRIDGE_ID`] by default.
    pub eidas_idp_id: String,
    /// Identities offered in addition to `builtin_identities()` (tests add canaries).
    pub extra_identities: Vec<TestIdentity>,
    /// Logout without the live FC+ session cookie in that browser shows page `Y100019`, as
    /// on FC+ (FC's `core-oidc-provider-config-app.service.ts`). On by default; off only to
    /// exercise what a lenient provider would let through.
    pub logout_needs_session: bool,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            clients: Vec::new(),
            eidas_idp_id: EIDAS_BRIDGE_ID.to_owned(),
            extra_identities: Vec::new(),
            logout_needs_session: true,
        }
    }
}

/// A service provider as FC+ knows it. In a clients file, one `[[client]]` table.
#[derive(Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientRegistration {
    pub client_id: String,
    /// The secret for `client_secret_post`. Never printed by `Debug`.
    #[serde(default)]
    pub client_secret: Option<String>,
    /// Matched character for character, port included.
    pub redirect_uris: Vec<String>,
    #[serde(default)]
    pub post_logout_redirect_uris: Vec<String>,
    /// The client's PUBLIC JWKS: encryption key(s) and, for `private_key_jwt`, ES256 keys.
    pub jwks: serde_json::Value,
    /// `ECDH-ES`, `RSA-OAEP` or `RSA-OAEP-256` (enc is always A256GCM); also for userinfo.
    pub id_token_encrypted_response_alg: String,
    /// `client_secret_post` (default) or `private_key_jwt`.
    #[serde(default = "default_auth_method")]
    pub token_endpoint_auth_method: String,
    /// Whether the eIDAS button and `idp_hint` are available to this client (default true).
    #[serde(default = "default_true")]
    pub eidas_enabled: bool,
    /// The scopes of the registration. A known scope outside them is redirected as
    /// `invalid_scope`, as FC+ does (FC's `service-provider-adapter-mongo.service.ts`, cypress
    /// `connexion-scope.feature`). `None` (absent from a clients file): every scope FC+ knows,
    /// for the sandbox's own throw-away clients; real registrations list theirs.
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    /// Whether the registration grants the `amr` claim (default true). Asking for it without
    /// the right shows page `Y100009` and never redirects (FC's
    /// `core-oidc-provider-middleware.service.ts`, `overrideClaimAmrMiddleware`).
    #[serde(default = "default_true")]
    pub amr: bool,
    /// The one place the sandbox is kinder than FC+: a client registered with
    /// `loopback_dev = true` may use `http://127.0.0.1:PORT` redirect URIs (demos and tests of
    /// direct mode). Every other client needs `https`, as on FC+ (`urlsRequireTld`).
    #[serde(default)]
    pub loopback_dev: bool,
}

impl ClientRegistration {
    /// A throw-away client on `http://127.0.0.1` redirects, as Guichet's sandbox mode, the tests
    /// and the benches register one: `client_secret_post` with `secret`, its public `jwks` for
    /// ECDH-ES, every scope FC+ knows, `amr` and eIDAS, and the sandbox's one leniency,
    /// `loopback_dev`. Other fields by struct update (`..ClientRegistration::loopback(…)`).
    pub fn loopback(
        client_id: &str,
        secret: &str,
        redirect_uris: Vec<String>,
        jwks: serde_json::Value,
    ) -> Self {
        Self {
            client_id: client_id.to_owned(),
            client_secret: Some(secret.to_owned()),
            redirect_uris,
            post_logout_redirect_uris: Vec::new(),
            jwks,
            id_token_encrypted_response_alg: "ECDH-ES".to_owned(),
            token_endpoint_auth_method: default_auth_method(),
            eidas_enabled: true,
            scopes: None,
            amr: true,
            loopback_dev: true,
        }
    }
}

fn default_auth_method() -> String {
    "client_secret_post".to_owned()
}

fn default_true() -> bool {
    true
}

impl fmt::Debug for ClientRegistration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientRegistration")
            .field("client_id", &self.client_id)
            .field(
                "client_secret",
                &self.client_secret.as_ref().map(|_| "[redacted]"),
            )
            .field("redirect_uris", &self.redirect_uris)
            .field("post_logout_redirect_uris", &self.post_logout_redirect_uris)
            .field("jwks", &self.jwks)
            .field(
                "id_token_encrypted_response_alg",
                &self.id_token_encrypted_response_alg,
            )
            .field(
                "token_endpoint_auth_method",
                &self.token_endpoint_auth_method,
            )
            .field("eidas_enabled", &self.eidas_enabled)
            .field("scopes", &self.scopes)
            .field("amr", &self.amr)
            .field("loopback_dev", &self.loopback_dev)
            .finish()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientsFile {
    #[serde(default)]
    client: Vec<ClientRegistration>,
}

/// Reads a TOML file of `[[client]]` tables and checks every registration. Unknown fields are
/// errors, so that a misspelt one never silently falls back to its default.
///
/// ```toml
/// [[client]]
/// client_id = "guichet"
/// client_secret = "..."                  # for client_secret_post
/// redirect_uris = ["http://127.0.0.1:51789/callback"]
/// post_logout_redirect_uris = ["http://127.0.0.1:51789/logged-out"]
/// id_token_encrypted_response_alg = "ECDH-ES"
/// token_endpoint_auth_method = "client_secret_post"   # default
/// eidas_enabled = true                                # default
/// scopes = ["openid", "identite_pivot", "preferred_username"]  # default: every scope
/// amr = true                                          # default
/// loopback_dev = true      # http://127.0.0.1 redirects (the sandbox's only leniency)
///
/// [client.jwks]
/// keys = [{ kty = "EC", crv = "P-256", use = "enc", kid = "enc-1", x = "...", y = "..." }]
/// ```
pub fn load_clients_file(path: &Path) -> Result<Vec<ClientRegistration>, SandboxError> {
    let text = std::fs::read_to_string(path).map_err(|source| SandboxError::ReadClientsFile {
        path: path.to_owned(),
        source,
    })?;
    let file: ClientsFile =
        toml::from_str(&text).map_err(|source| SandboxError::ParseClientsFile {
            path: path.to_owned(),
            source: Box::new(source),
        })?;
    for registration in &file.client {
        Client::from_registration(registration)?;
    }
    Ok(file.client)
}

/// A registration that passed validation: what the endpoints work with.
#[derive(Clone, Debug)]
pub(crate) struct Client {
    pub(crate) id: String,
    /// SHA-256 of the `client_secret_post` secret (the only method FC+ accepts), compared in
    /// constant time.
    pub(crate) secret_digest: [u8; 32],
    pub(crate) redirect_uris: Vec<String>,
    pub(crate) post_logout_redirect_uris: Vec<String>,
    pub(crate) encryption_key: EncryptionKey,
    pub(crate) eidas_enabled: bool,
    /// The registered scopes; `None` grants every scope FC+ knows.
    pub(crate) scopes: Option<Scopes>,
    pub(crate) amr: bool,
    pub(crate) loopback_dev: bool,
}

/// SHA-256 of a client secret: both sides of the comparison have the same length.
pub(crate) fn secret_digest(secret: &str) -> [u8; 32] {
    Sha256::digest(secret.as_bytes()).into()
}

impl Client {
    pub(crate) fn from_registration(
        registration: &ClientRegistration,
    ) -> Result<Client, SandboxError> {
        let invalid = |reason: String| SandboxError::InvalidClient {
            client_id: registration.client_id.clone(),
            reason,
        };
        let id = &registration.client_id;
        if id.is_empty() || id.chars().any(char::is_control) {
            return Err(invalid(
                "client_id is empty or holds control characters".into(),
            ));
        }
        if registration.redirect_uris.is_empty() {
            return Err(invalid("no redirect_uris".into()));
        }
        for uri in registration
            .redirect_uris
            .iter()
            .chain(&registration.post_logout_redirect_uris)
        {
            check_redirect_uri(uri).map_err(&invalid)?;
        }
        let scopes = match &registration.scopes {
            None => None,
            Some(scopes) => Some(Scopes::parse(&scopes.join(" ")).map_err(|error| {
                invalid(format!(
                    "scopes must hold openid and known FC+ scopes only: {error:?}"
                ))
            })?),
        };
        let alg = EncryptionAlg::parse(&registration.id_token_encrypted_response_alg).ok_or_else(
            || {
                invalid(format!(
                    "id_token_encrypted_response_alg must be one of {}",
                    EncryptionAlg::ALL.join(", ")
                ))
            },
        )?;
        let encryption_key = EncryptionKey::select(&registration.jwks, alg).map_err(&invalid)?;
        // FC+'s client records have no auth-method field: every client is
        // `client_secret_post` (FC's `instances/core-fcp-high/src/config/oidc-provider.ts`).
        if registration.token_endpoint_auth_method != "client_secret_post" {
            return Err(invalid(
                "token_endpoint_auth_method must be client_secret_post: FC+ refuses private_key_jwt with invalid_client although its discovery lists it".into(),
            ));
        }
        let secret_digest = match registration.client_secret.as_deref() {
            Some(secret) if !secret.is_empty() => secret_digest(secret),
            _ => return Err(invalid("client_secret_post needs a client_secret".into())),
        };
        Ok(Client {
            id: id.clone(),
            secret_digest,
            redirect_uris: registration.redirect_uris.clone(),
            post_logout_redirect_uris: registration.post_logout_redirect_uris.clone(),
            encryption_key,
            eidas_enabled: registration.eidas_enabled,
            scopes,
            amr: registration.amr,
            loopback_dev: registration.loopback_dev,
        })
    }
}

fn check_redirect_uri(uri: &str) -> Result<(), String> {
    let parsed = Url::parse(uri).map_err(|error| format!("redirect URI {uri:?}: {error}"))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.fragment().is_some() {
        return Err(format!(
            "redirect URI {uri:?} must be http(s) and have no fragment"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILE: &str = r#"
        [[client]]
        client_id = "guichet"
        client_secret = "s3cret-s3cret"
        redirect_uris = ["http://127.0.0.1:51789/callback"]
        id_token_encrypted_response_alg = "ECDH-ES"
        jwks = { keys = [{ kty = "EC", crv = "P-256", use = "enc", kid = "k1", x = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0" }] }
    "#;

    #[test]
    fn clients_file_gets_defaults_and_keeps_the_secret_out_of_debug() {
        let file: ClientsFile = toml::from_str(FILE).expect("valid clients file");
        let client = &file.client[0];
        assert_eq!(client.token_endpoint_auth_method, "client_secret_post");
        assert!(client.eidas_enabled, "eIDAS defaults to on in the sandbox");
        assert!(
            !format!("{client:?}").contains("s3cret"),
            "a secret must never reach a log through Debug"
        );
        assert!(Client::from_registration(client).is_ok());
    }

    #[test]
    fn refuses_a_client_without_a_usable_encryption_key() {
        let mut file: ClientsFile = toml::from_str(FILE).expect("valid clients file");
        file.client[0].id_token_encrypted_response_alg = "RSA-OAEP".into();
        let error = Client::from_registration(&file.client[0]).expect_err("no RSA key");
        assert!(
            error.to_string().contains("RSA-OAEP"),
            "the error says which algorithm lacks a key: {error}"
        );
    }
}
