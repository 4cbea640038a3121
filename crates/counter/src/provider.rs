//! One provider environment, ready for sign-ins: the bound loopback listener, the in-process
//! sandbox when there is one, the relying party (discovered again when the last attempt failed
//! or came from the offline cache) and the session store of that provider's client.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::stand_in::StandIn;
use fcplus::{Freshness, LoopbackListener, ProviderConfig, RelyingParty, RelyingPartyOptions};
use session::config::RawAppConfig;
use session::lifecycle::Logout;
use session::paths::Folders;
use session::{BrowserMode, EndReason, EndReport, PreviousSession, SessionStore};
use url::Url;
use vault::Keyring;

use crate::env::Env;
use crate::environment::{adopt_listener_port, client_id, prepare, provider_config, read_config};
use crate::messages::Failure;
use crate::store;

/// How long a reachability check may take.
const PROBE_TIMEOUT: Duration = Duration::from_secs(3);

/// How long FC+ has to come back from a logout before the local wipe goes on without it: the
/// one default of both front ends (`session end --timeout` may set another).
pub const LOGOUT_TIMEOUT: Duration = Duration::from_secs(30);

/// A provider environment, kept as long as its listener's port and its sandbox must stay the
/// same (a command's run, or the window's life until staff switch environment).
#[derive(Debug)]
pub struct Provider {
    env: Env,
    listener: LoopbackListener,
    /// The in-process FC+ stand-in of the `sandbox` environment, until [`Self::shutdown`].
    sandbox: Mutex<Option<StandIn>>,
    issuer: Url,
    rp: Mutex<Discovered>,
    store: SessionStore,
    cache_dir: Option<PathBuf>,
    /// The configuration file, read again for each new discovery (it consumes the secrets).
    config_path: Option<PathBuf>,
}

/// The outcome of the last discovery.
#[derive(Debug)]
enum Discovered {
    Ready(Arc<RelyingParty>),
    Failed(Failure),
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Provider {
    /// Opens the store of `env`'s client, binds the listener (before any browser opens), starts
    /// the sandbox in-process for `sandbox`, and discovers the provider once (from the network,
    /// else the offline cache). A failed discovery is kept: see [`Self::discovered`].
    pub async fn open(
        env: Env,
        raw: RawAppConfig,
        base: &Path,
        config_path: Option<PathBuf>,
        keyring: Keyring,
    ) -> Result<Self, Failure> {
        Self::open_in(env, raw, base, config_path, &Folders::from_env(), keyring).await
    }

    /// [`Self::open`] in the given folders.
    pub async fn open_in(
        env: Env,
        mut raw: RawAppConfig,
        base: &Path,
        config_path: Option<PathBuf>,
        folders: &Folders,
        keyring: Keyring,
    ) -> Result<Self, Failure> {
        let audit =
            session::config::audit_rotation(raw.audit.as_ref()).map_err(Failure::from_config)?;
        let store = store::open_in(env, &client_id(env, &raw)?, folders, keyring, audit);
        let prepared = prepare(env, raw.provider_part(), base, folders.cache.clone()).await?;
        let issuer = prepared.config.issuer.clone();
        let provider = Self {
            env,
            listener: prepared.listener,
            sandbox: Mutex::new(prepared.sandbox),
            issuer,
            rp: Mutex::new(Discovered::Failed(Failure::internal(
                "no discovery yet".into(),
            ))),
            store,
            cache_dir: prepared.cache_dir,
            config_path,
        };
        provider.discover(prepared.config).await;
        Ok(provider)
    }

    pub fn store(&self) -> &SessionStore {
        &self.store
    }

    pub fn listener(&self) -> &LoopbackListener {
        &self.listener
    }

    /// Whether FC+ is the in-process sandbox (always reachable while this value lives).
    pub fn is_sandbox(&self) -> bool {
        lock(&self.sandbox).is_some()
    }

    /// Stops the in-process sandbox, if any (its sessions go with it).
    pub async fn shutdown(&self) {
        let sandbox = lock(&self.sandbox).take();
        if let Some(sandbox) = sandbox {
            sandbox.shutdown().await;
        }
    }

    async fn discover(&self, config: ProviderConfig) {
        let options = RelyingPartyOptions {
            cache_dir: self.cache_dir.clone(),
            ..RelyingPartyOptions::default()
        };
        let outcome = match RelyingParty::discover(config, options).await {
            Ok(rp) => Discovered::Ready(Arc::new(rp)),
            Err(e) => {
                tracing::info!(event = "discovery_failed", code = %e.code());
                Discovered::Failed(Failure::from_sign_in(e))
            }
        };
        *lock(&self.rp) = outcome;
    }

    /// The relying party of the last discovery, or why it failed; no new attempt.
    pub fn discovered(&self) -> Result<Arc<RelyingParty>, Failure> {
        match &*lock(&self.rp) {
            Discovered::Ready(rp) => Ok(rp.clone()),
            Discovered::Failed(failure) => Err(failure.clone()),
        }
    }

    /// Whether the last discovery failed or came from the offline cache.
    pub fn needs_discovery(&self) -> bool {
        match &*lock(&self.rp) {
            Discovered::Ready(rp) => rp.freshness() == Freshness::Cached,
            Discovered::Failed(_) => true,
        }
    }

    /// The relying party, discovering again first if the last attempt failed or used the
    /// cache (the sandbox is discovered once: it lives in this process).
    pub async fn relying_party(&self) -> Result<Arc<RelyingParty>, Failure> {
        if self.needs_discovery() && self.env != Env::Sandbox {
            let (mut raw, base) = read_config(self.config_path.as_deref())?;
            let mut config = provider_config(self.env, raw.provider_part(), &base)?;
            adopt_listener_port(&mut config, &self.listener);
            self.discover(config).await;
        }
        self.discovered()
    }

    /// Whether the provider's discovery document answers now.
    pub async fn probe(&self) -> bool {
        if self.is_sandbox() {
            return true;
        }
        let url = fcplus::discovery::discovery_url(&self.issuer);
        let request = fcplus::http_client().get(url).send();
        matches!(
            tokio::time::timeout(PROBE_TIMEOUT, request).await,
            Ok(Ok(response)) if response.status().is_success()
        )
    }

    /// [`previous_for_sign_in`] in this provider's store.
    pub fn previous_for_sign_in(
        &self,
        browser: &BrowserMode,
        browser_closed: bool,
    ) -> Result<Option<PreviousSession>, Failure> {
        previous_for_sign_in(&self.store, browser, browser_closed, None)
    }

    /// Ends the kept session: FC+ logout through `rp` when given (the caller decides whether
    /// FC+ can be reached), then the local wipe in every case ([`SessionStore::end`]).
    pub async fn end(
        &self,
        reason: EndReason,
        browser: &BrowserMode,
        rp: Option<&RelyingParty>,
        timeout: Duration,
    ) -> Result<EndReport, Failure> {
        let logout = rp.map(|rp| Logout {
            rp,
            listener: &self.listener,
            timeout,
        });
        self.store
            .end(reason, browser, logout)
            .await
            .map_err(|e| Failure::from_session(&e))
    }
}

/// The previous session whose FC+ session may still be alive, for a sign-in's reuse check;
/// refused (`previous_fc_session`) when this sign-in's browser could meet it: a shared browser,
/// and staff have not said every window was closed since. At `eidas2` FC+ would hand that
/// session to this sign-in, ignoring the eIDAS button. A private profile per sign-in cannot
/// meet it. `just_ended`: the end that ran right before this sign-in, if any; when it left
/// FC+'s session alive the sign-in is refused the same way, even if its record of the previous
/// session could not be written.
pub fn previous_for_sign_in(
    store: &SessionStore,
    browser: &BrowserMode,
    browser_closed: bool,
    just_ended: Option<&EndReport>,
) -> Result<Option<PreviousSession>, Failure> {
    let previous = store.previous_alive(time::OffsetDateTime::now_utc());
    let left_alive = just_ended.is_some_and(|report| !report.fc_session_cleared);
    if (previous.is_some() || left_alive)
        && !matches!(browser, BrowserMode::Private { .. })
        && !browser_closed
    {
        return Err(Failure::previous_fc_session());
    }
    Ok(previous)
}
