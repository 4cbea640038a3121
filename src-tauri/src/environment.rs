//! The provider environments: `sandbox` starts the FC+ stand-in in-process and registers a
//! throw-away client for this run; `integration` reads the client registration from the
//! configuration file.

use std::path::{Path, PathBuf};

use fcplus::config::{session_lifetime, validate_acr, validate_scopes};
use fcplus::sensitive::{ClientSecret, random_token};
use fcplus::{DecryptionKeys, LoopbackListener, ProviderConfig, RawConfig, TokenAuth};
use sandbox::{ClientRegistration, Sandbox, SandboxConfig};
use session::config::RawAppConfig;

use crate::cli::Env;
use crate::messages::Failure;

/// The client id the sandbox mode registers.
pub const SANDBOX_CLIENT_ID: &str = "guichet-sandbox";
/// The sandbox's eIDAS bridge id (`idp_hint`).
pub const SANDBOX_EIDAS_IDP: &str = "eidas-bridge";
/// Redirect paths on the loopback listener.
pub const CALLBACK_PATH: &str = "/callback";
pub const LOGOUT_CALLBACK_PATH: &str = "/logout-callback";

/// A provider ready for a sign-in: its configuration, the bound listener, and the sandbox
/// when it runs in-process (kept alive as long as this value).
#[derive(Debug)]
pub struct Prepared {
    pub config: ProviderConfig,
    pub listener: LoopbackListener,
    pub sandbox: Option<Sandbox>,
    pub cache_dir: Option<PathBuf>,
}

/// Reads the configuration file, if any. Relative key paths resolve against its folder.
pub fn read_config(path: Option<&Path>) -> Result<(RawAppConfig, PathBuf), Failure> {
    RawAppConfig::read(path).map_err(Failure::from_config)
}

/// The client id whose session the vault holds, without validating secrets (showing or
/// wiping a session must not need the client secret).
pub fn client_id(env: Env, raw: &RawAppConfig) -> Result<String, Failure> {
    match env {
        Env::Sandbox => Ok(SANDBOX_CLIENT_ID.to_owned()),
        Env::Integration => raw
            .provider
            .as_ref()
            .and_then(|p| p.client_id.clone())
            .ok_or_else(|| {
                Failure::usage("--env integration needs --config FILE with provider.client_id")
            }),
    }
}

/// Prepares the environment. The listener is bound here, before any browser opens.
pub async fn prepare(env: Env, raw: RawConfig, base: &Path) -> Result<Prepared, Failure> {
    match env {
        Env::Integration => {
            if raw.provider.is_none() {
                return Err(Failure::usage(
                    "--env integration needs --config FILE with a [provider] section (client_id, client_secret_env, redirect_uri, decryption_keys)",
                ));
            }
            let config = ProviderConfig::from_raw(raw, base).map_err(Failure::from_config)?;
            let listener = LoopbackListener::bind(&config.redirect_uri)
                .await
                .map_err(|e| Failure::from_sign_in(e.into()))?;
            Ok(Prepared {
                config,
                listener,
                sandbox: None,
                cache_dir: Some(session::paths::cache_dir()),
            })
        }
        Env::Sandbox => prepare_sandbox(raw).await,
    }
}

async fn prepare_sandbox(raw: RawConfig) -> Result<Prepared, Failure> {
    let provider = raw.provider.unwrap_or_default();
    let listener = LoopbackListener::bind_addr(([127, 0, 0, 1], 0).into())
        .await
        .map_err(|e| Failure::from_sign_in(e.into()))?;
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
        .await
        .map_err(Failure::from_sandbox)?;
    let keys = DecryptionKeys::generate_ec("guichet-sandbox-enc").map_err(Failure::internal)?;
    let secret = random_token();
    let redirect_uri = listener.url_for(CALLBACK_PATH);
    let post_logout_redirect_uri = listener.url_for(LOGOUT_CALLBACK_PATH);
    sandbox.register_client(ClientRegistration {
        client_id: SANDBOX_CLIENT_ID.into(),
        client_secret: Some(secret.clone()),
        redirect_uris: vec![redirect_uri.to_string()],
        post_logout_redirect_uris: vec![post_logout_redirect_uri.to_string()],
        jwks: keys.public_jwks(),
        id_token_encrypted_response_alg: "ECDH-ES".into(),
        token_endpoint_auth_method: "client_secret_post".into(),
        eidas_enabled: true,
    });
    let scopes = validate_scopes(provider.scopes).map_err(Failure::from_config)?;
    let acr = validate_acr(provider.acr.as_deref()).map_err(Failure::from_config)?;
    let session_lifetime = session_lifetime(raw.session.as_ref());
    let config = ProviderConfig {
        issuer: sandbox.issuer(),
        client_id: SANDBOX_CLIENT_ID.into(),
        token_auth: TokenAuth::ClientSecretPost(ClientSecret::new(secret)),
        redirect_uri,
        post_logout_redirect_uri: Some(post_logout_redirect_uri),
        decryption_keys: Some(keys),
        scopes,
        acr,
        eidas_idp_hint: Some(
            provider
                .eidas_idp_hint
                .unwrap_or_else(|| SANDBOX_EIDAS_IDP.into()),
        ),
        session_lifetime,
    };
    Ok(Prepared {
        config,
        listener,
        sandbox: Some(sandbox),
        // The sandbox lives on a new port each run: caching its documents would only litter.
        cache_dir: None,
    })
}
