//! The gateway as FC+'s client: its provider configuration (issuer, HTTPS redirects under the
//! public URL, keys, scopes, level) and its client secret, from the environment or a file.

use std::path::PathBuf;

use fcplus::DecryptionKeys;
use fcplus::config::{
    DEFAULT_SESSION_LIFETIME, ProviderConfig, TokenAuth, validate_acr, validate_issuer,
    validate_scopes,
};
use fcplus::sensitive::ClientSecret;
use url::Url;

use super::{
    ConfigFiles, FC_CALLBACK_PATH, FC_LOGGED_OUT_PATH, GatewayConfigError, RawFranceConnect,
    endpoint,
};

pub(super) fn provider_config(
    fc: RawFranceConnect,
    public_url: &Url,
    files: &ConfigFiles,
) -> Result<ProviderConfig, GatewayConfigError> {
    let issuer = validate_issuer(
        fc.issuer
            .as_deref()
            .ok_or(GatewayConfigError::Missing("franceconnect.issuer"))?,
    )?;
    let client_id = fc
        .client_id
        .filter(|c| !c.is_empty())
        .ok_or(GatewayConfigError::Missing("franceconnect.client_id"))?;
    let token_auth = match fc.token_auth.as_deref().unwrap_or("client_secret_post") {
        "client_secret_post" => TokenAuth::ClientSecretPost(client_secret(
            fc.client_secret_env.as_deref(),
            fc.client_secret_file.as_deref().map(|p| files.private(p)),
        )?),
        // FC+'s discovery advertises private_key_jwt, but its client records have no
        // auth-method field, so a client assertion is refused `invalid_client` (FC's
        // `instances/core-fcp-high/src/config/oidc-provider.ts`, the service-provider schema).
        other => {
            return Err(GatewayConfigError::Invalid {
                key: "franceconnect.token_auth",
                reason: format!(
                    "`{other}`: FC+ accepts client_secret_post only (it refuses private_key_jwt with invalid_client although its discovery lists it); set token_auth = \"client_secret_post\" and client_secret_env or client_secret_file"
                ),
            });
        }
    };
    let decryption_keys = DecryptionKeys::from_file(
        &files.private(
            &fc.decryption_keys
                .ok_or(GatewayConfigError::Missing("franceconnect.decryption_keys"))?,
        ),
    )?;
    Ok(ProviderConfig {
        issuer,
        client_id,
        token_auth,
        redirect_uri: endpoint(public_url, FC_CALLBACK_PATH),
        post_logout_redirect_uri: Some(endpoint(public_url, FC_LOGGED_OUT_PATH)),
        decryption_keys: Some(decryption_keys),
        scopes: validate_scopes(fc.scopes)?,
        request_amr: fc.request_amr.unwrap_or(true),
        acr: validate_acr(fc.acr.as_deref())?,
        eidas_idp_hint: fc.eidas_idp_hint.filter(|h| !h.is_empty()),
        session_lifetime: DEFAULT_SESSION_LIFETIME,
    })
}

fn client_secret(
    env: Option<&str>,
    file: Option<PathBuf>,
) -> Result<ClientSecret, GatewayConfigError> {
    let secret =
        match (env, file) {
            (Some(var), None) => std::env::var(var).ok().ok_or_else(|| {
                GatewayConfigError::Invalid {
                    key: "franceconnect.client_secret_env",
                    reason: format!(
                        "the environment variable {var} is not set: set it to the FC+ client secret"
                    ),
                }
            })?,
            (None, Some(path)) => std::fs::read_to_string(&path)
                .map_err(|e| GatewayConfigError::Invalid {
                    key: "franceconnect.client_secret_file",
                    reason: format!("cannot read {}: {e}", path.display()),
                })?
                .trim()
                .to_owned(),
            (None, None) => {
                return Err(GatewayConfigError::Missing(
                    "franceconnect.client_secret_env or franceconnect.client_secret_file",
                ));
            }
            (Some(_), Some(_)) => {
                return Err(GatewayConfigError::Invalid {
                    key: "franceconnect.client_secret_env",
                    reason: "give client_secret_env or client_secret_file, not both".into(),
                });
            }
        };
    if secret.is_empty() {
        return Err(GatewayConfigError::Invalid {
            key: "franceconnect.client_secret_env",
            reason: "the client secret is empty".into(),
        });
    }
    Ok(ClientSecret::new(secret))
}
