//! `GET /session/end` from a kiosk's browser: the gateway checks its own ID token (the hint),
//! finds the FC+ ID token it kept for that session and sends the browser to FC+'s logout with
//! it; `GET /fc/logged-out` is FC+ coming back, and the browser goes on to the kiosk.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use fcplus::callback::{Classified, classify};
use fcplus::{Redirect, State as OAuthState};

use crate::App;
use crate::authorize::PENDING_TTL;
use crate::pages::{self, INVALID_REDIRECT, INVALID_REQUEST, STORE_UNAVAILABLE, UNKNOWN_SIGN_IN};
use crate::params;
use crate::records::{LogoutRecord, SessionRecord};
use crate::store::Kind;

pub async fn session_end(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    let Some(params) = params::parse(query.as_deref().unwrap_or_default()) else {
        return INVALID_REQUEST.into_response();
    };
    let get = |name: &str| params.get(name).map(String::as_str);
    // Only a token this gateway signed names the session; expiry does not matter here.
    let Some(claims) = get("id_token_hint").and_then(|t| app.signing.verify(t)) else {
        tracing::warn!(event = "logout_refused", reason = "invalid_id_token_hint");
        return INVALID_REQUEST.into_response();
    };
    let issuer_ok = claims.get("iss").and_then(|v| v.as_str()) == Some(app.issuer.as_str());
    let client_id = claims
        .get("aud")
        .and_then(|v| v.as_str())
        .unwrap_or_default();
    let sid = claims.get("sid").and_then(|v| v.as_str());
    let (true, true, Some(sid)) = (issuer_ok, app.kiosks.contains(client_id), sid) else {
        tracing::warn!(event = "logout_refused", reason = "foreign_id_token_hint");
        return INVALID_REQUEST.into_response();
    };
    let Some(back) = get("post_logout_redirect_uri").and_then(params::loopback_redirect) else {
        tracing::warn!(
            event = "logout_refused",
            client_id,
            reason = "invalid_redirect_uri"
        );
        return INVALID_REDIRECT.into_response();
    };
    let kiosk_state = get("state")
        .filter(|s| params::opaque(s))
        .map(str::to_owned);
    let to_kiosk = |state: Option<&str>| match state {
        Some(state) => pages::to_kiosk(&back, &[("state", state)]),
        None => pages::redirect(&back),
    };
    let session = match app.store.take(Kind::Session, sid).await {
        Ok(found) => found.and_then(|json| serde_json::from_str::<SessionRecord>(&json).ok()),
        Err(e) => {
            tracing::error!(event = "store_failed", step = "session_end", error = %e);
            return STORE_UNAVAILABLE.into_response();
        }
    };
    let Some(session) = session.filter(|s| s.client_id == client_id) else {
        // Ended already, or kept longer ago than the logout window: nothing to end at FC+.
        tracing::info!(event = "logout_without_fc_session", client_id);
        return to_kiosk(kiosk_state.as_deref());
    };
    let fc_state = OAuthState::random();
    let Some(fc_logout) = app.rp.logout_url(&session.fc_id_token, &fc_state) else {
        tracing::warn!(event = "logout_unavailable_at_fc", client_id);
        return to_kiosk(kiosk_state.as_deref());
    };
    let record = LogoutRecord {
        post_logout_redirect_uri: back.clone(),
        state: kiosk_state.clone(),
    };
    let stored = match serde_json::to_string(&record) {
        Ok(json) => app
            .store
            .put(Kind::Logout, fc_state.secret(), json, PENDING_TTL)
            .await
            .map_err(|e| e.to_string()),
        Err(e) => Err(e.to_string()),
    };
    if let Err(error) = stored {
        tracing::error!(event = "store_failed", step = "session_end", %error);
        return STORE_UNAVAILABLE.into_response();
    }
    tracing::info!(event = "logout_relayed", client_id);
    pages::redirect(&fc_logout)
}

pub async fn fc_logged_out(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let Some(fc_state) = params::parse(&query).and_then(|p| p.get("state").cloned()) else {
        return INVALID_REQUEST.into_response();
    };
    let record = match app.store.take(Kind::Logout, &fc_state).await {
        Ok(found) => found.and_then(|json| serde_json::from_str::<LogoutRecord>(&json).ok()),
        Err(e) => {
            tracing::error!(event = "store_failed", step = "logged_out", error = %e);
            return STORE_UNAVAILABLE.into_response();
        }
    };
    let Some(record) = record else {
        return UNKNOWN_SIGN_IN.into_response();
    };
    let state = OAuthState::new(fc_state);
    let Some(expected) = app.rp.expected_logout(&state) else {
        return INVALID_REQUEST.into_response();
    };
    let target = format!("{}?{query}", expected.path);
    if !matches!(
        classify("GET", &target, &expected),
        Classified::Finished(Ok(Redirect::LoggedOut))
    ) {
        return INVALID_REQUEST.into_response();
    }
    tracing::info!(event = "logout_completed");
    match record.state {
        Some(kiosk_state) => pages::to_kiosk(
            &record.post_logout_redirect_uri,
            &[("state", kiosk_state.as_str())],
        ),
        None => pages::redirect(&record.post_logout_redirect_uri),
    }
}
