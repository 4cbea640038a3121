//! A local FranceConnect+ stand-in: an OIDC provider on loopback with FC+'s rules (parameter
//! whitelist, eIDAS levels, signed-then-encrypted tokens, session reuse), an identity-provider
//! chooser and the eIDAS country path, for the demo mode, development and end-to-end tests.
//! Its adversary mode ([`Sandbox::set_scenario`] with a [`Scenario`]) plays a broken or
//! hostile provider instead, for a relying party's conformance tests. Its fault injection
//! ([`Sandbox::set_fault`], [`Sandbox::set_clock_offset`]) plays an outage instead: a slow
//! or failing endpoint, a network cut, a skewed clock.
//!
//! ```no_run
//! # async fn demo() -> Result<(), sandbox::SandboxError> {
//! let sandbox = sandbox::Sandbox::start(
//!     "127.0.0.1:0".parse().expect("address"),
//!     sandbox::SandboxConfig::default(),
//! )
//! .await?;
//! println!("issuer: {}", sandbox.issuer());
//! sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```
#![forbid(unsafe_code)]

mod adversary;
mod authorize;
#[cfg(feature = "browser")]
pub mod browser;
mod claims;
mod config;
mod faults;
mod identities;
mod interaction;
mod jose;
mod oidc;
mod pages;
mod provider;
mod state;
mod texts;
mod token;
mod web;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::routing::{get, post};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;
use url::Url;

pub use adversary::{FOREIGN_ISSUER, OTHER_CLIENT, Scenario};
pub use config::{ClientRegistration, EIDAS_BRIDGE_ID, SandboxConfig, load_clients_file};
pub use faults::{Endpoint, Fault};
pub use identities::{IdentityOrigin, TestIdentity, builtin_identities};

use config::Client;
use identities::{Directory, french_idp};
use jose::SigningKey;
use provider::Provider;
use state::{ClientEntry, Store};
use web::ISSUER_PATH;

/// Why the sandbox could not start or load its configuration.
#[non_exhaustive]
#[derive(thiserror::Error, Debug)]
pub enum SandboxError {
    /// The bind address is not loopback: the sandbox must never be reachable from the network.
    #[error(
        "refusing to listen on {addr}: the FC+ sandbox only binds to a loopback address (127.0.0.1 or ::1)"
    )]
    NonLoopbackAddress { addr: SocketAddr },
    /// The loopback port could not be bound (in use, or not permitted).
    #[error("cannot listen on {addr}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: std::io::Error,
    },
    /// The clients file could not be read.
    #[error("cannot read the clients file {}", path.display())]
    ReadClientsFile {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The clients file is not valid TOML with `[[client]]` tables of the expected fields.
    #[error("the clients file {} is not valid", path.display())]
    ParseClientsFile {
        path: PathBuf,
        #[source]
        source: Box<toml::de::Error>,
    },
    /// A client registration is unusable (no encryption key for its algorithm, no secret, ...).
    #[error("client {client_id:?} cannot be registered: {reason}")]
    InvalidClient { client_id: String, reason: String },
    /// A test identity is unusable (duplicate login, unknown identity provider or country).
    #[error("test identity {login:?} is invalid: {reason}")]
    InvalidIdentity { login: String, reason: String },
    /// The eIDAS `idp_hint` value is empty or collides with a French identity provider id.
    #[error("eidas_idp_id {0:?} must be non-empty and differ from the French identity providers")]
    InvalidEidasIdpId(String),
    /// The sandbox's own ES256 key could not be generated.
    #[error("cannot generate the sandbox signing key")]
    SigningKey(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// 32 random bytes, URL-safe base64: codes, tokens, interaction and session ids.
pub(crate) fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(URL_SAFE_NO_PAD.encode(bytes))
}

/// A running sandbox. Dropping it stops the server too; `shutdown` also waits for it.
pub struct Sandbox {
    provider: Arc<Provider>,
    local_addr: SocketAddr,
    issuer: Url,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("issuer", &self.issuer.as_str())
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts the provider on `bind` (loopback only; port 0 picks a free port).
    pub async fn start(bind: SocketAddr, config: SandboxConfig) -> Result<Sandbox, SandboxError> {
        if !bind.ip().is_loopback() {
            return Err(SandboxError::NonLoopbackAddress { addr: bind });
        }
        let SandboxConfig {
            clients,
            eidas_idp_id,
            extra_identities,
            logout_needs_session,
        } = config;
        if eidas_idp_id.is_empty() || french_idp(&eidas_idp_id).is_some() {
            return Err(SandboxError::InvalidEidasIdpId(eidas_idp_id));
        }
        let directory = Directory::new(extra_identities)?;
        let mut store = Store::default();
        for registration in &clients {
            if store.client(&registration.client_id).is_some() {
                return Err(SandboxError::InvalidClient {
                    client_id: registration.client_id.clone(),
                    reason: "registered twice".to_owned(),
                });
            }
            let client = Client::from_registration(registration)?;
            store.set_client(client.id.clone(), ClientEntry::Valid(Box::new(client)));
        }
        let signing_key =
            SigningKey::generate().map_err(|error| SandboxError::SigningKey(Box::new(error)))?;
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|source| SandboxError::Bind { addr: bind, source })?;
        let local_addr = listener
            .local_addr()
            .map_err(|source| SandboxError::Bind { addr: bind, source })?;
        let issuer_text = format!("http://{local_addr}{ISSUER_PATH}");
        let issuer = Url::parse(&issuer_text).map_err(|error| SandboxError::Bind {
            addr: bind,
            source: std::io::Error::other(error),
        })?;
        let provider = Arc::new(Provider::new(
            issuer_text,
            signing_key,
            directory,
            eidas_idp_id,
            logout_needs_session,
            store,
        ));
        let app = router(Arc::clone(&provider));
        let (stop, stopped) = oneshot::channel::<()>();
        let offline = provider.faults.offline_signal();
        let server = tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                // A send or a dropped sender both mean "stop"; so does a network-cut fault.
                tokio::select! {
                    _ = stopped => {}
                    () = offline.notified() => {}
                }
            });
            if let Err(error) = serve.await {
                tracing::error!(event = "sandbox_server_failed", %error);
            }
        });
        tracing::info!(event = "sandbox_started", %local_addr);
        Ok(Sandbox {
            provider,
            local_addr,
            issuer,
            stop: Some(stop),
            server: Some(server),
        })
    }

    /// `http://127.0.0.1:{port}/api/v2`.
    pub fn issuer(&self) -> Url {
        self.issuer.clone()
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// Adds or replaces a client while running (the app registers its loopback redirect URI
    /// once it has bound its port). An unusable registration is kept as such: its sign-in
    /// shows an error page that says why, and the reason is logged.
    pub fn register_client(&self, client: ClientRegistration) {
        let entry = match Client::from_registration(&client) {
            Ok(valid) => ClientEntry::Valid(Box::new(valid)),
            Err(error) => {
                tracing::warn!(event = "client_registration_refused", %error);
                ClientEntry::Invalid {
                    reason: error.to_string(),
                }
            }
        };
        self.provider.store().set_client(client.client_id, entry);
    }

    /// Makes the next sign-ins of `client_id` misbehave as `scenario` says, until another
    /// scenario is set ([`Scenario::Honest`] restores FC+'s real behaviour). Scenarios that
    /// touch what FC+ has only one of (discovery, JWKS, signing key) affect every client.
    pub fn set_scenario(&self, client_id: &str, scenario: Scenario) {
        self.provider.adversary.set(client_id, scenario);
    }

    /// The scenario in force for `client_id`.
    pub fn scenario(&self, client_id: &str) -> Scenario {
        self.provider.adversary.scenario(client_id)
    }

    /// Makes `endpoint` fail as `fault` says (for every client) until cleared with `None`.
    pub fn set_fault(&self, endpoint: Endpoint, fault: Option<Fault>) {
        self.provider.faults.set(endpoint, fault);
    }

    /// How many requests reached `endpoint` since the start, faulty or not (a test waits on
    /// this to act while a request is in flight).
    pub fn requests(&self, endpoint: Endpoint) -> usize {
        self.provider.faults.requests(endpoint)
    }

    /// Moves the provider's clock by `offset_secs` (negative: behind real time): the tokens'
    /// `iat`, `exp` and `auth_time` are read off it, as when a client and FC+ disagree on the
    /// time.
    pub fn set_clock_offset(&self, offset_secs: i64) {
        self.provider.faults.set_clock_offset(offset_secs);
    }

    /// Takes the provider off the network now: it stops listening and closes its connections.
    pub fn go_offline(&self) {
        self.provider.faults.go_offline();
    }

    /// How many times the JWKS was fetched since the start (key rotation tests count the
    /// relying party's refetches).
    pub fn jwks_fetches(&self) -> usize {
        self.provider.jwks_fetches()
    }

    /// The FC+ browser sessions alive (created when the person is back from the identity
    /// provider, renewed at consent, ended by logout or after 600 s).
    pub fn active_sessions(&self) -> usize {
        self.provider.store().active_sessions(provider::now())
    }

    /// Stops the server and waits (at most 5 s) for open connections to finish.
    pub async fn shutdown(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(mut server) = self.server.take()
            && tokio::time::timeout(Duration::from_secs(5), &mut server)
                .await
                .is_err()
        {
            server.abort();
        }
        tracing::info!(event = "sandbox_stopped");
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

fn router(provider: Arc<Provider>) -> Router {
    let interaction = |suffix: &str| format!("{ISSUER_PATH}/interaction/{{uid}}{suffix}");
    Router::new()
        .route(
            &format!("{ISSUER_PATH}/.well-known/openid-configuration"),
            get(oidc::discovery),
        )
        .route(&format!("{ISSUER_PATH}/jwks"), get(oidc::jwks))
        .route(
            &format!("{ISSUER_PATH}/authorize"),
            get(authorize::authorize),
        )
        .route(&format!("{ISSUER_PATH}/token"), post(token::token))
        .route(&format!("{ISSUER_PATH}/userinfo"), get(oidc::userinfo))
        .route(
            &format!("{ISSUER_PATH}/session/end"),
            get(oidc::end_session),
        )
        .route(
            &format!("{ISSUER_PATH}/session/end/confirm/{{logout_id}}"),
            post(oidc::confirm_logout),
        )
        .route(
            &format!("{ISSUER_PATH}/js/auto-submit.js"),
            get(oidc::auto_submit_script),
        )
        .route(&interaction(""), get(interaction::chooser))
        .route(&interaction("/idp/{idp_id}"), get(interaction::idp_login))
        .route(&interaction("/eidas"), get(interaction::eidas_countries))
        .route(
            &interaction("/eidas/{country}"),
            get(interaction::country_identities),
        )
        .route(
            &interaction("/identity/{login}"),
            post(interaction::select_identity),
        )
        .route(
            &interaction("/consent"),
            get(interaction::consent_page).post(interaction::consent),
        )
        .route(
            &interaction("/idp-error/{idp_id}"),
            get(interaction::idp_error),
        )
        .route(&interaction("/abort"), get(interaction::abort))
        .fallback(oidc::not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&provider.faults),
            faults::apply,
        ))
        .with_state(provider)
}
