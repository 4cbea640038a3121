//! The provider environments: `sandbox` starts the FC+ stand-in in-process and registers a
//! throw-away client for this run; `direct` reads the client registration from the
//! configuration file (a provider that accepts loopback redirects: not FC+); `gateway` is a
//! kiosk of the office's gateway, the one way to FC+.

use std::path::{Path, PathBuf};

use fcplus::{LoopbackListener, ProviderConfig, RawConfig};
use session::config::RawAppConfig;

use crate::env::Env;
use crate::messages::Failure;

/// The client id the sandbox mode registers.
pub const SANDBOX_CLIENT_ID: &str = "guichet-sandbox";
/// Redirect paths on the loopback listener.
pub const CALLBACK_PATH: &str = "/callback";
pub const LOGOUT_CALLBACK_PATH: &str = "/logout-callback";
/// The `idp_hint` the gateway maps to FC+'s eIDAS bridge.
pub const GATEWAY_EIDAS_HINT: &str = "eidas";

/// A provider ready for a sign-in: its configuration, the bound listener, and the sandbox
/// when it runs in-process (kept alive as long as this value).
#[derive(Debug)]
pub struct Prepared {
    pub config: ProviderConfig,
    pub listener: LoopbackListener,
    pub sandbox: Option<crate::stand_in::StandIn>,
    pub cache_dir: Option<PathBuf>,
}

/// Reads the configuration file, if any. Relative key paths resolve against its folder.
pub fn read_config(path: Option<&Path>) -> Result<(RawAppConfig, PathBuf), Failure> {
    RawAppConfig::read(path).map_err(Failure::from_config)
}

/// The environment a configuration file's `[provider]` section is for, if it names a provider
/// (an `issuer` or a `client_id`): a kiosk of a gateway says `token_auth = "none"`; anything
/// else is a confidential client in direct mode. A section with only request settings
/// (`scopes`, `acr`, `request_amr`…) names no provider: the sandbox uses them.
pub fn file_env(raw: &RawAppConfig) -> Option<Env> {
    raw.provider
        .as_ref()
        .filter(|provider| provider.issuer.is_some() || provider.client_id.is_some())
        .map(|provider| match provider.token_auth.as_deref() {
            Some("none") => Env::Gateway,
            _ => Env::Direct,
        })
}

/// The environment a command runs in: `--env` when given, else the one the file's
/// `[provider]` section is for, else the sandbox. `--env sandbox` with a file that names a
/// provider is refused: nobody is signed in at a provider other than the one the file names.
pub fn resolve_env(explicit: Option<Env>, raw: &RawAppConfig) -> Result<Env, Failure> {
    match (explicit, file_env(raw)) {
        (Some(Env::Sandbox), Some(named)) => Err(Failure::usage(&format!(
            "the configuration file's [provider] section is for the {} environment, and --env sandbox would sign people in at the embedded sandbox instead: remove --env to use the file's provider, or remove its issuer and client_id",
            named.name()
        ))),
        (Some(env), _) => Ok(env),
        (None, Some(named)) => Ok(named),
        (None, None) => Ok(Env::Sandbox),
    }
}

/// The client id whose session the vault holds, without validating secrets (showing or
/// wiping a session must not need the client secret).
pub fn client_id(env: Env, raw: &RawAppConfig) -> Result<String, Failure> {
    match env {
        Env::Sandbox => Ok(SANDBOX_CLIENT_ID.to_owned()),
        Env::Direct => raw
            .provider
            .as_ref()
            .and_then(|p| p.client_id.clone())
            .ok_or_else(|| {
                Failure::usage("--env direct needs --config FILE with provider.client_id")
            }),
        Env::Gateway => raw
            .provider
            .as_ref()
            .and_then(|p| p.client_id.clone())
            .ok_or_else(|| {
                Failure::usage(
                    "--env gateway needs --config FILE with provider.client_id (this kiosk's id at the gateway)",
                )
            }),
    }
}

/// Prepares the environment. The listener is bound here, before any browser opens; `cache_dir`
/// keeps the provider's public documents for an offline start (not for the sandbox).
pub async fn prepare(
    env: Env,
    raw: RawConfig,
    base: &Path,
    cache_dir: PathBuf,
) -> Result<Prepared, Failure> {
    if env == Env::Sandbox {
        return prepare_sandbox(raw).await;
    }
    let mut config = provider_config(env, raw, base)?;
    let listener = LoopbackListener::bind(&config.redirect_uri)
        .await
        .map_err(|e| Failure::from_sign_in(e.into()))?;
    adopt_listener_port(&mut config, &listener);
    Ok(Prepared {
        config,
        listener,
        sandbox: None,
        cache_dir: Some(cache_dir),
    })
}

/// The configuration of a provider the file describes (`direct` or `gateway`), before
/// a listener is bound. The window builds it again for each discovery attempt.
pub fn provider_config(
    env: Env,
    mut raw: RawConfig,
    base: &Path,
) -> Result<ProviderConfig, Failure> {
    match env {
        Env::Direct if raw.provider.is_none() => Err(Failure::usage(
            "--env direct needs --config FILE with a [provider] section (issuer, client_id, client_secret_env, redirect_uri, decryption_keys)",
        )),
        Env::Gateway => {
            // The kiosk's side of the gateway profile: a public client with PKCE (no secret,
            // no decryption key), a loopback redirect on the configured port or, when the
            // configuration gives none or port 0, on any free port (RFC 8252 §7.3).
            let usage = "--env gateway needs --config FILE with a [provider] section: issuer (the gateway's URL), client_id, token_auth = \"none\"";
            let Some(provider) = raw.provider.as_mut() else {
                return Err(Failure::usage(usage));
            };
            if provider.issuer.is_none() || provider.token_auth.as_deref() != Some("none") {
                return Err(Failure::usage(usage));
            }
            provider
                .redirect_uri
                .get_or_insert_with(|| format!("http://127.0.0.1:0{CALLBACK_PATH}"));
            provider
                .eidas_idp_hint
                .get_or_insert_with(|| GATEWAY_EIDAS_HINT.to_owned());
            ProviderConfig::from_raw(raw, base).map_err(Failure::from_config)
        }
        _ => ProviderConfig::from_raw(raw, base).map_err(Failure::from_config),
    }
}

/// A redirect on port 0 (the gateway accepts any loopback port) becomes the port `listener`
/// actually bound, for both the sign-in and the logout redirect.
pub fn adopt_listener_port(config: &mut ProviderConfig, listener: &LoopbackListener) {
    if config.redirect_uri.port() == Some(0) {
        config.redirect_uri = listener.url_for(config.redirect_uri.path());
        let logout_path = config
            .post_logout_redirect_uri
            .as_ref()
            .map_or(LOGOUT_CALLBACK_PATH, |u| u.path());
        config.post_logout_redirect_uri = Some(listener.url_for(logout_path));
    }
}

#[cfg(feature = "sandbox")]
async fn prepare_sandbox(raw: RawConfig) -> Result<Prepared, Failure> {
    use fcplus::config::{session_lifetime, validate_acr, validate_scopes};
    use fcplus::sensitive::{ClientSecret, random_token};
    use fcplus::{DecryptionKeys, TokenAuth};
    use sandbox::{ClientRegistration, Sandbox, SandboxConfig};

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
        post_logout_redirect_uris: vec![post_logout_redirect_uri.to_string()],
        // What a real registration for Guichet holds (the identité pivot, the username and
        // amr), so that the default request profile is proven against it on every sign-in.
        scopes: Some(
            fcplus::config::DEFAULT_SCOPES
                .iter()
                .map(|scope| (*scope).to_owned())
                .collect(),
        ),
        // The in-process sandbox's throw-away client: the one http loopback redirect allowed.
        ..ClientRegistration::loopback(
            SANDBOX_CLIENT_ID,
            &secret,
            vec![redirect_uri.to_string()],
            keys.public_jwks(),
        )
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
        request_amr: provider.request_amr.unwrap_or(true),
        acr,
        eidas_idp_hint: Some(
            provider
                .eidas_idp_hint
                .unwrap_or_else(|| sandbox::EIDAS_BRIDGE_ID.into()),
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

/// A build without the stand-in (a package for production) refuses the sandbox in words.
#[cfg(not(feature = "sandbox"))]
async fn prepare_sandbox(_raw: RawConfig) -> Result<Prepared, Failure> {
    Err(Failure::from_config(fcplus::ConfigError::Invalid {
        key: "env",
        reason: "this build of Guichet has no sandbox (the packages leave it out): configure \
                 the office's provider in [provider] (see the README, \"Production: the \
                 gateway\"), or use a development build for the sandbox"
            .into(),
    }))
}
