//! `GET /authorize`: a kiosk's sign-in request (a native public client, RFC 8252), checked,
//! then turned into the gateway's own FC+ sign-in through `fcplus`, with the kiosk's level,
//! eIDAS choice and language passed on.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use fcplus::{Acr, SignInRequest};

use crate::App;
use crate::limits::Endpoint;
use crate::pages::{self, INVALID_REDIRECT, INVALID_REQUEST, STORE_UNAVAILABLE, UNKNOWN_CLIENT};
use crate::params;
use crate::records::{KioskRequest, PendingRecord};
use crate::store::Kind;

/// How long the person has at FC+ (FC+'s own interaction lifetime).
pub const PENDING_TTL: Duration = Duration::from_secs(600);

/// The `idp_hint` a kiosk sends for the eIDAS path (the gateway maps it to FC+'s own id).
pub const EIDAS_HINT: &str = "eidas";

pub async fn authorize(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    let Some(params) = params::parse(query.as_deref().unwrap_or_default()) else {
        return INVALID_REQUEST.into_response();
    };
    let get = |name: &str| params.get(name).map(String::as_str);
    // Until the client and its redirect URI are known good, errors are pages: redirecting to
    // an unchecked URI would make the gateway an open redirector.
    let Some(client_id) = get("client_id").filter(|c| app.kiosks.contains(*c)) else {
        tracing::warn!(event = "authorize_refused", reason = "unknown_client");
        return UNKNOWN_CLIENT.into_response();
    };
    let Some(redirect_uri) = get("redirect_uri").and_then(params::loopback_redirect) else {
        tracing::warn!(
            event = "authorize_refused",
            client_id,
            reason = "invalid_redirect_uri"
        );
        return INVALID_REDIRECT.into_response();
    };
    let state = get("state").filter(|s| params::opaque(s));
    let refuse = |error: &str, description: &str, reason: &'static str| {
        tracing::warn!(event = "authorize_refused", client_id, reason);
        let mut back = vec![("error", error), ("error_description", description)];
        if let Some(state) = state {
            back.push(("state", state));
        }
        back.push(("iss", app.issuer.as_str()));
        pages::to_kiosk(&redirect_uri, &back)
    };
    if !app.limits.allow(Endpoint::Authorize, client_id) {
        return refuse(
            "temporarily_unavailable",
            "too many sign-ins from this kiosk: wait a minute",
            "rate_limited",
        );
    }
    if get("response_type") != Some("code") {
        return refuse(
            "unsupported_response_type",
            "only response_type=code",
            "response_type",
        );
    }
    let Some(state) = state else {
        return refuse("invalid_request", "state is required", "state_missing");
    };
    let challenge = get("code_challenge").filter(|c| params::pkce_value(c));
    let (Some(code_challenge), Some("S256")) = (challenge, get("code_challenge_method")) else {
        return refuse(
            "invalid_request",
            "PKCE is required: code_challenge with code_challenge_method=S256",
            "pkce_missing",
        );
    };
    let Some(nonce) = get("nonce").filter(|n| params::opaque(n)) else {
        return refuse("invalid_request", "nonce is required", "nonce_missing");
    };
    if !get("scope").is_some_and(|s| s.split(' ').any(|s| s == "openid")) {
        return refuse("invalid_scope", "scope must contain openid", "scope");
    }
    let acr = match get("acr_values").map(lowest_acr) {
        None => None,
        Some(Some(acr)) => Some(acr),
        Some(None) => {
            return refuse(
                "invalid_acr",
                "acr_values must be eidas2 or eidas3",
                "invalid_acr",
            );
        }
    };
    let eidas = match get("idp_hint") {
        None => false,
        Some(hint)
            if hint == EIDAS_HINT || Some(hint) == app.rp.config().eidas_idp_hint.as_deref() =>
        {
            true
        }
        Some(_) => {
            return refuse(
                "invalid_idp_hint",
                "idp_hint can only be eidas",
                "invalid_idp_hint",
            );
        }
    };
    let ui_locales = match get("ui_locales") {
        Some(locales) if !params::ui_locales(locales) => {
            return refuse("invalid_request", "ui_locales is malformed", "ui_locales");
        }
        other => other,
    };
    let pending = match app
        .rp
        .begin_with_locales(SignInRequest { eidas, acr }, ui_locales)
    {
        Ok(pending) => pending,
        Err(e) => {
            // The only failure: eIDAS asked but no eIDAS hint configured at the gateway.
            tracing::error!(event = "authorize_failed", client_id, code = %e.code());
            return refuse(
                "invalid_idp_hint",
                "the gateway has no eIDAS access configured",
                "eidas_not_configured",
            );
        }
    };
    let fc_url = pending.authorize_url().clone();
    let fc_state = pending.state().secret().to_owned();
    let asked = pending.acr();
    let record = PendingRecord {
        fc: pending.into_stored(),
        kiosk: KioskRequest {
            client_id: client_id.to_owned(),
            redirect_uri: redirect_uri.clone(),
            state: state.to_owned(),
            nonce: nonce.to_owned(),
            code_challenge: code_challenge.to_owned(),
        },
    };
    let Ok(json) = serde_json::to_string(&record) else {
        return STORE_UNAVAILABLE.into_response();
    };
    if let Err(e) = app
        .store
        .put(Kind::Pending, &fc_state, json, PENDING_TTL)
        .await
    {
        tracing::error!(event = "store_failed", step = "authorize", error = %e);
        return STORE_UNAVAILABLE.into_response();
    }
    tracing::info!(event = "authorize_accepted", client_id, eidas, acr = %asked);
    pages::redirect(&fc_url)
}

/// FC+'s rule for several values: the lowest level is used. `None` if any value is not a
/// level FC+ accepts (`eidas1` included).
fn lowest_acr(values: &str) -> Option<Acr> {
    let mut lowest: Option<Acr> = None;
    for value in values.split(' ').filter(|v| !v.is_empty()) {
        let acr: Acr = value.parse().ok()?;
        lowest = Some(lowest.map_or(acr, |l| l.min(acr)));
    }
    lowest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lowest_of_several_levels_is_used_and_eidas1_refused() {
        assert_eq!(lowest_acr("eidas3 eidas2"), Some(Acr::Eidas2));
        assert_eq!(lowest_acr("eidas3"), Some(Acr::Eidas3));
        assert_eq!(lowest_acr("eidas1"), None);
        assert_eq!(lowest_acr("eidas3 loa9"), None);
        assert_eq!(lowest_acr(""), None);
    }
}
