//! The relying party: one configured provider, its metadata and keys, and the sign-in from
//! authorize URL to verified identity.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tracing::Instrument;
use url::Url;

use crate::authorize::{AuthorizeParams, PendingSignIn, SignInRequest};
use crate::cache::DocumentCache;
use crate::callback::{Expected, Redirect, RedirectKind};
use crate::clock::{Clock, SystemClock};
use crate::config::ProviderConfig;
use crate::discovery::{Freshness, ProviderMetadata, discover};
use crate::error::SignInError;
use crate::identity::{Identity, Origin, VerifiedIdentity};
use crate::jose::check_signature_algorithm;
use crate::jwks::ProviderKeys;
use crate::loopback::{Answer, CancelHandle, LoopbackListener};
use crate::page::{Page, PageLanguage};
use crate::sensitive::{SignedIdToken, State};
use crate::token::{exchange_code, fetch_userinfo};
use crate::verify::{DEFAULT_LEEWAY_SECS, IdTokenExpectations, check_id_token, check_userinfo};

/// Options beside the provider configuration.
#[derive(Debug, Clone)]
pub struct RelyingPartyOptions {
    /// Where discovery and JWKS are cached for offline starts; `None`: no cache.
    pub cache_dir: Option<PathBuf>,
    pub clock: Arc<dyn Clock>,
    /// Accepted clock difference with the provider, in seconds.
    pub leeway_secs: i64,
}

impl Default for RelyingPartyOptions {
    fn default() -> Self {
        Self {
            cache_dir: None,
            clock: Arc::new(SystemClock),
            leeway_secs: DEFAULT_LEEWAY_SECS,
        }
    }
}

/// The HTTP client every provider call uses: rustls, no redirects, short timeouts.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        .user_agent(concat!("Guichet/", env!("CARGO_PKG_VERSION")))
        .build()
        // Building only fails if the TLS backend cannot initialise, which is a broken install.
        .expect("the HTTP client could not be built")
}

/// A session that passed every check.
#[derive(Debug, Clone)]
pub struct VerifiedSignIn {
    pub identity: VerifiedIdentity,
    /// The inner signed ID token, kept for `id_token_hint` at logout.
    pub id_token: SignedIdToken,
}

/// An FC+ relying party ready to sign people in.
#[derive(Debug)]
pub struct RelyingParty {
    config: ProviderConfig,
    http: reqwest::Client,
    metadata: ProviderMetadata,
    freshness: Freshness,
    keys: ProviderKeys,
    options: RelyingPartyOptions,
}

impl RelyingParty {
    /// Reads discovery (or its cached copy when offline) and prepares the key set.
    pub async fn discover(
        config: ProviderConfig,
        options: RelyingPartyOptions,
    ) -> Result<Self, SignInError> {
        let http = http_client();
        let cache = options.cache_dir.clone().map(DocumentCache::new);
        let (metadata, freshness) = discover(&http, &config.issuer, cache.as_ref()).await?;
        let keys = ProviderKeys::new(metadata.jwks_uri.clone(), &metadata.issuer, cache);
        if freshness == Freshness::Fetched {
            // Warm the keys now so verification does not wait on them; a failure here is
            // retried when a token needs a key.
            if let Err(e) = keys.refresh(&http).await {
                tracing::warn!(event = "jwks_prefetch_failed", code = %e.code());
            }
        }
        Ok(Self {
            config,
            http,
            metadata,
            freshness,
            keys,
            options,
        })
    }

    /// The provider's metadata.
    pub fn metadata(&self) -> &ProviderMetadata {
        &self.metadata
    }

    /// Whether discovery came from the network or the offline cache.
    pub fn freshness(&self) -> Freshness {
        self.freshness
    }

    /// The configuration in use.
    pub fn config(&self) -> &ProviderConfig {
        &self.config
    }

    /// Starts a sign-in: the URL to open and the pending state to complete later.
    pub fn begin(&self, request: SignInRequest) -> Result<PendingSignIn, SignInError> {
        self.begin_with_locales(request, None)
    }

    /// [`Self::begin`] with the person's language for the provider's pages (`ui_locales`),
    /// which the gateway receives from a kiosk and passes on to FC+. Without it the eIDAS path
    /// asks for `en`. In the gateway profile (a public client) the URL also carries PKCE S256.
    pub fn begin_with_locales(
        &self,
        request: SignInRequest,
        ui_locales: Option<&str>,
    ) -> Result<PendingSignIn, SignInError> {
        let idp_hint = if request.eidas {
            Some(self.config.eidas_idp_hint.as_deref().ok_or(
                crate::config::ConfigError::Missing(
                    "provider.eidas_idp_hint (the eIDAS bridge's identity-provider id)",
                ),
            )?)
        } else {
            None
        };
        let pending = AuthorizeParams {
            endpoint: &self.metadata.authorization_endpoint,
            client_id: &self.config.client_id,
            redirect_uri: &self.config.redirect_uri,
            scopes: &self.config.scopes,
            request_amr: self.config.request_amr,
            acr: request.acr.unwrap_or(self.config.acr),
            idp_hint,
            ui_locales: ui_locales
                .filter(|l| !l.is_empty())
                .or(request.eidas.then_some("en")),
        }
        .into_pending();
        let pending = if self.config.token_auth.is_public() {
            pending.with_pkce()
        } else {
            pending
        };
        tracing::info!(event = "sign_in_started", eidas = request.eidas, acr = %pending.acr());
        Ok(pending)
    }

    /// What the loopback listener must wait for to complete `pending`.
    pub fn expected_redirect(&self, pending: &PendingSignIn) -> Expected {
        Expected {
            path: pending.redirect_uri.path().to_owned(),
            state: pending.state.secret().to_owned(),
            issuer: self.metadata.issuer.clone(),
            require_iss: self.metadata.authorization_response_iss_parameter_supported,
            kind: RedirectKind::Authorization,
        }
    }

    /// Exchanges the code, verifies the ID token and userinfo, and builds the identity.
    pub async fn complete(
        &self,
        pending: PendingSignIn,
        redirect: Redirect,
    ) -> Result<VerifiedSignIn, SignInError> {
        let Redirect::Code(code) = redirect else {
            return Err(SignInError::InvalidResponse {
                detail: "expected an authorization code".into(),
            });
        };
        let tokens = exchange_code(
            &self.http,
            &self.metadata.token_endpoint,
            &self.config.client_id,
            &self.config.token_auth,
            code,
            &pending.redirect_uri,
            pending.pkce.as_ref(),
        )
        .instrument(tracing::debug_span!("token_request"))
        .await?;
        let id_token_jws = self.open(&tokens.id_token)?;
        let id_claims = self.verify_signature(&id_token_jws).await?;
        let checked = check_id_token(
            &id_claims,
            &IdTokenExpectations {
                issuer: &self.metadata.issuer,
                client_id: &self.config.client_id,
                nonce: &pending.nonce,
                min_acr: pending.acr,
                now: self.options.clock.now().unix_timestamp(),
                leeway: self.options.leeway_secs,
            },
        )?;
        let userinfo = fetch_userinfo(
            &self.http,
            &self.metadata.userinfo_endpoint,
            &tokens.access_token,
        )
        .instrument(tracing::debug_span!("userinfo_request"))
        .await?;
        let userinfo_jws = self.open(&userinfo)?;
        let userinfo_claims = self.verify_signature(&userinfo_jws).await?;
        check_userinfo(
            &userinfo_claims,
            &self.metadata.issuer,
            &self.config.client_id,
            &checked.sub,
        )?;
        let origin = Origin::from_amr(checked.amr.as_deref());
        let identity = VerifiedIdentity {
            identity: Identity::from_claims(checked.sub, &userinfo_claims),
            acr: checked.acr,
            amr: checked.amr.unwrap_or_default(),
            origin,
            expires_at: self.options.clock.now() + self.config.session_lifetime,
        };
        tracing::info!(
            event = "sign_in_verified",
            origin = ?identity.origin,
            acr = %identity.acr,
            elapsed_ms = pending.started().elapsed().as_millis() as u64
        );
        Ok(VerifiedSignIn {
            identity,
            id_token: SignedIdToken::new(id_token_jws),
        })
    }

    /// Decrypts when we hold decryption keys; a signed-only token is then refused.
    fn open(&self, token: &str) -> Result<String, SignInError> {
        let _span = tracing::debug_span!("decrypt").entered();
        match &self.config.decryption_keys {
            Some(keys) => Ok(keys.decrypt(token)?),
            None => Ok(token.to_owned()),
        }
    }

    async fn verify_signature(
        &self,
        jws: &str,
    ) -> Result<serde_json::Map<String, serde_json::Value>, SignInError> {
        let kid = check_signature_algorithm(jws)?;
        let key = self
            .keys
            .key_for(&self.http, kid.as_deref())
            .instrument(tracing::debug_span!("jwks_key"))
            .await?;
        let _span = tracing::debug_span!("verify").entered();
        key.verify(jws).map_err(SignInError::from)
    }

    /// What the loopback listener must wait for after [`Self::logout_url`] with `state`.
    pub fn expected_logout(&self, state: &State) -> Option<Expected> {
        let post_logout = self.config.post_logout_redirect_uri.as_ref()?;
        Some(Expected {
            path: post_logout.path().to_owned(),
            state: state.secret().to_owned(),
            issuer: self.metadata.issuer.clone(),
            require_iss: false,
            kind: RedirectKind::Logout,
        })
    }

    /// The URL that ends the person's FC+ session, for the browser, or `None` when the
    /// provider has no logout endpoint or no post-logout URI is configured.
    pub fn logout_url(&self, id_token: &SignedIdToken, state: &State) -> Option<Url> {
        let mut url = self.metadata.end_session_endpoint.clone()?;
        let post_logout = self.config.post_logout_redirect_uri.as_ref()?;
        url.query_pairs_mut()
            .append_pair("id_token_hint", id_token.secret())
            .append_pair("state", state.secret())
            .append_pair("post_logout_redirect_uri", post_logout.as_str());
        Some(url)
    }
}

/// One whole sign-in: begin, open the browser, wait for the redirect, complete. The browser's
/// tab is told the outcome once the identity is verified, or not (French then English).
pub async fn sign_in(
    rp: &RelyingParty,
    listener: &LoopbackListener,
    request: SignInRequest,
    open_browser: impl FnOnce(&Url) -> Result<(), SignInError>,
    timeout: Duration,
    cancel: &CancelHandle,
) -> Result<VerifiedSignIn, SignInError> {
    let (verified, answer) =
        sign_in_answering(rp, listener, request, None, open_browser, timeout, cancel).await?;
    answer.send(Page::SignedIn).await;
    Ok(verified)
}

/// [`sign_in`] for a caller with more to do before the person may be told it worked (keep the
/// session, or hold it for staff): a verified sign-in comes with its tab's [`Answer`], to send
/// once the caller knows. A sign-in that fails has had its tab told so already, in `language`
/// (else French then English).
pub async fn sign_in_answering(
    rp: &RelyingParty,
    listener: &LoopbackListener,
    request: SignInRequest,
    language: Option<PageLanguage>,
    open_browser: impl FnOnce(&Url) -> Result<(), SignInError>,
    timeout: Duration,
    cancel: &CancelHandle,
) -> Result<(VerifiedSignIn, Answer), SignInError> {
    let pending = rp.begin(request)?;
    let expected = rp.expected_redirect(&pending);
    open_browser(pending.authorize_url())?;
    let (redirect, answer) = listener
        .wait_answering(expected, timeout, cancel, language)
        .await?;
    match rp.complete(pending, redirect).await {
        Ok(verified) => Ok((verified, answer)),
        Err(e) => {
            answer.send(Page::Failed).await;
            Err(e)
        }
    }
}
