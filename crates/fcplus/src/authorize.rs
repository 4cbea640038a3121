//! The authorization request: FC+'s whitelisted parameters only, with a fresh `state` and
//! `nonce` held by a [`PendingSignIn`] that the completion consumes.

use std::time::Instant;

use url::Url;

use serde::{Deserialize, Serialize};

use crate::acr::Acr;
use crate::sensitive::{Nonce, PkceVerifier, State};

/// Asks FC+ to return `amr`, which tells a French identity from an eIDAS one.
pub const CLAIMS_REQUEST: &str = r#"{"id_token":{"amr":{"essential":true}}}"#;

/// What the person chose at the counter.
#[derive(Debug, Clone, Copy, Default)]
pub struct SignInRequest {
    /// The eIDAS path for people with an identity from another EU country.
    pub eidas: bool,
    /// Overrides the configured level.
    pub acr: Option<Acr>,
}

/// A sign-in between the browser opening and the redirect. Not `Clone`: completing it
/// consumes it, so its `state` and `nonce` serve once.
#[derive(Debug)]
pub struct PendingSignIn {
    pub(crate) state: State,
    pub(crate) nonce: Nonce,
    pub(crate) acr: Acr,
    pub(crate) redirect_uri: Url,
    pub(crate) authorize_url: Url,
    pub(crate) started: Instant,
    /// Set in the gateway profile: the verifier whose S256 challenge the URL carries.
    pub(crate) pkce: Option<PkceVerifier>,
}

impl PendingSignIn {
    /// The URL to open in the browser.
    pub fn authorize_url(&self) -> &Url {
        &self.authorize_url
    }

    /// The level asked.
    pub fn acr(&self) -> Acr {
        self.acr
    }

    /// When the sign-in started (monotonic), for progress and benchmarks.
    pub fn started(&self) -> Instant {
        self.started
    }

    /// The `state` sent, for a server that files pending sign-ins under it (the gateway).
    pub fn state(&self) -> &State {
        &self.state
    }

    /// Adds PKCE S256 (RFC 7636): a fresh verifier is kept, its challenge goes in the URL.
    /// Only for the gateway profile: FC+ refuses `code_challenge` (not on its whitelist).
    pub fn with_pkce(mut self) -> Self {
        let verifier = PkceVerifier::random();
        self.authorize_url
            .query_pairs_mut()
            .append_pair("code_challenge", &verifier.s256_challenge())
            .append_pair("code_challenge_method", "S256");
        self.pkce = Some(verifier);
        self
    }

    /// The sign-in as data a server can keep between the browser leaving and coming back
    /// (the gateway keeps it in Redis so that any replica can finish it). Consumes `self`.
    pub fn into_stored(self) -> StoredSignIn {
        StoredSignIn {
            state: self.state,
            nonce: self.nonce,
            acr: self.acr,
            redirect_uri: self.redirect_uri,
            pkce: self.pkce,
        }
    }
}

/// A [`PendingSignIn`] at rest: what completing it needs. Serializable so that a server can
/// store it; `Debug` redacts the secrets. It is taken out of the store once, so it still
/// serves once.
#[derive(Debug, Serialize, Deserialize)]
pub struct StoredSignIn {
    state: State,
    nonce: Nonce,
    acr: Acr,
    redirect_uri: Url,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pkce: Option<PkceVerifier>,
}

impl StoredSignIn {
    /// Back to a pending sign-in, ready for [`crate::RelyingParty::complete`].
    pub fn into_pending(self) -> PendingSignIn {
        let authorize_url = self.redirect_uri.clone();
        PendingSignIn {
            state: self.state,
            nonce: self.nonce,
            acr: self.acr,
            redirect_uri: self.redirect_uri,
            // The URL was for the browser, which has used it; it is not kept.
            authorize_url,
            started: Instant::now(),
            pkce: self.pkce,
        }
    }
}

/// The parameters of one authorization request.
#[derive(Debug)]
pub struct AuthorizeParams<'a> {
    pub endpoint: &'a Url,
    pub client_id: &'a str,
    pub redirect_uri: &'a Url,
    pub scopes: &'a [String],
    /// Whether to ask for `amr` through `claims` (only when the registration grants it).
    pub request_amr: bool,
    pub acr: Acr,
    /// The eIDAS bridge's identity-provider id, on the eIDAS path.
    pub idp_hint: Option<&'a str>,
    pub ui_locales: Option<&'a str>,
}

impl AuthorizeParams<'_> {
    /// Builds the URL and the pending sign-in with a fresh state and nonce.
    pub fn into_pending(self) -> PendingSignIn {
        let state = State::random();
        let nonce = Nonce::random();
        let mut url = self.endpoint.clone();
        {
            let mut query = url.query_pairs_mut();
            query
                .append_pair("response_type", "code")
                .append_pair("client_id", self.client_id)
                .append_pair("redirect_uri", self.redirect_uri.as_str())
                .append_pair("scope", &self.scopes.join(" "))
                .append_pair("acr_values", self.acr.as_str())
                .append_pair("state", state.secret())
                .append_pair("nonce", nonce.secret())
                .append_pair("prompt", "login consent");
            if self.request_amr {
                query.append_pair("claims", CLAIMS_REQUEST);
            }
            if let Some(hint) = self.idp_hint {
                query.append_pair("idp_hint", hint);
            }
            if let Some(locales) = self.ui_locales {
                query.append_pair("ui_locales", locales);
            }
        }
        PendingSignIn {
            state,
            nonce,
            acr: self.acr,
            redirect_uri: self.redirect_uri.clone(),
            authorize_url: url,
            started: Instant::now(),
            pkce: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parameters FC+ accepts; anything else gives an error page that never redirects.
    const FC_PLUS_WHITELIST: &[&str] = &[
        "client_id",
        "response_type",
        "redirect_uri",
        "scope",
        "acr_values",
        "state",
        "nonce",
        "claims",
        "prompt",
        "idp_hint",
        "ui_locales",
    ];

    fn params<'a>(
        endpoint: &'a Url,
        redirect: &'a Url,
        scopes: &'a [String],
        eidas: bool,
    ) -> AuthorizeParams<'a> {
        AuthorizeParams {
            endpoint,
            client_id: "client-1",
            redirect_uri: redirect,
            scopes,
            request_amr: true,
            acr: Acr::Eidas3,
            idp_hint: eidas.then_some("8aa849db-8402-4f2e-bad9-7471dd21ff94"),
            ui_locales: eidas.then_some("en"),
        }
    }

    #[test]
    fn asks_for_amr_only_when_configured() {
        let endpoint = Url::parse("https://fc.example/api/v2/authorize").unwrap();
        let redirect = Url::parse("http://127.0.0.1:7878/callback").unwrap();
        let scopes = vec!["openid".to_owned()];
        for request_amr in [true, false] {
            let pending = AuthorizeParams {
                request_amr,
                ..params(&endpoint, &redirect, &scopes, false)
            }
            .into_pending();
            let claims = pending
                .authorize_url()
                .query_pairs()
                .find(|(name, _)| name == "claims");
            assert_eq!(
                claims.is_some(),
                request_amr,
                "a registration without amr gets page Y100009 if claims asks for it"
            );
        }
    }

    #[test]
    fn sends_only_whitelisted_parameters_and_never_pkce() {
        let endpoint = Url::parse("https://fc.example/api/v2/authorize").unwrap();
        let redirect = Url::parse("http://127.0.0.1:7878/callback").unwrap();
        let scopes = vec!["openid".to_owned(), "given_name".to_owned()];
        for eidas in [false, true] {
            let pending = params(&endpoint, &redirect, &scopes, eidas).into_pending();
            for (name, _) in pending.authorize_url().query_pairs() {
                assert!(
                    FC_PLUS_WHITELIST.contains(&name.as_ref()),
                    "FC+ would refuse `{name}`"
                );
            }
        }
    }

    #[test]
    fn pkce_adds_an_s256_challenge_of_the_kept_verifier() {
        let endpoint = Url::parse("https://gateway.example/authorize").unwrap();
        let redirect = Url::parse("http://127.0.0.1:0/callback").unwrap();
        let scopes = vec!["openid".to_owned()];
        let pending = params(&endpoint, &redirect, &scopes, false)
            .into_pending()
            .with_pkce();
        let query: std::collections::HashMap<_, _> =
            pending.authorize_url().query_pairs().into_owned().collect();
        assert_eq!(query["code_challenge_method"], "S256");
        let verifier = pending.pkce.as_ref().expect("the verifier is kept");
        assert_eq!(
            query["code_challenge"],
            verifier.s256_challenge(),
            "the challenge must be the kept verifier's, or the token request fails"
        );
    }

    #[test]
    fn a_stored_sign_in_round_trips_its_secrets() {
        let endpoint = Url::parse("https://fc.example/api/v2/authorize").unwrap();
        let redirect = Url::parse("https://gateway.example/fc/callback").unwrap();
        let scopes = vec!["openid".to_owned()];
        let pending = params(&endpoint, &redirect, &scopes, false).into_pending();
        let state = pending.state.secret().to_owned();
        let json = serde_json::to_string(&pending.into_stored()).unwrap();
        let stored: StoredSignIn = serde_json::from_str(&json).unwrap();
        assert!(
            !format!("{stored:?}").contains(&state),
            "Debug must redact the state"
        );
        let back = stored.into_pending();
        assert_eq!(back.state.secret(), state);
        assert_eq!(back.redirect_uri, redirect);
        assert_eq!(back.acr, Acr::Eidas3);
    }

    #[test]
    fn carries_fresh_state_nonce_acr_and_the_eidas_hint() {
        let endpoint = Url::parse("https://fc.example/api/v2/authorize").unwrap();
        let redirect = Url::parse("http://127.0.0.1:7878/callback").unwrap();
        let scopes = vec!["openid".to_owned()];
        let a = params(&endpoint, &redirect, &scopes, true).into_pending();
        let b = params(&endpoint, &redirect, &scopes, true).into_pending();
        let query: std::collections::HashMap<_, _> =
            a.authorize_url().query_pairs().into_owned().collect();
        assert_eq!(query["acr_values"], "eidas3");
        assert_eq!(query["idp_hint"], "8aa849db-8402-4f2e-bad9-7471dd21ff94");
        assert_eq!(query["ui_locales"], "en");
        assert_eq!(query["prompt"], "login consent");
        assert!(
            query["state"].len() >= 32 && query["nonce"].len() >= 32,
            "FC+ wants ≥ 22 characters"
        );
        assert_ne!(
            a.state.secret(),
            b.state.secret(),
            "each sign-in needs its own state"
        );
        assert_ne!(
            a.nonce.secret(),
            b.nonce.secret(),
            "each sign-in needs its own nonce"
        );
    }
}
