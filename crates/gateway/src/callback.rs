//! `GET /fc/callback`: FC+ sends the browser back. Any replica can answer: the pending sign-in
//! is taken out of the shared store by its `state`, completed through `fcplus` (token request,
//! JWE decryption, ES256 verification, claim checks, userinfo), and the kiosk gets a one-time
//! code on its loopback port.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::response::{IntoResponse, Response};
use fcplus::callback::{Classified, classify};
use fcplus::sensitive::random_token;
use fcplus::{Redirect, SignInError};

use crate::App;
use crate::pages::{self, INVALID_REQUEST, STORE_UNAVAILABLE, UNKNOWN_SIGN_IN};
use crate::params;
use crate::records::{CodeRecord, PendingRecord, SessionRecord};
use crate::store::Kind;

/// A gateway code lives as long as FC+'s: 30 s.
pub const CODE_TTL: Duration = Duration::from_secs(30);

pub async fn fc_callback(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    let query = query.unwrap_or_default();
    let Some(fc_state) = params::parse(&query).and_then(|p| p.get("state").cloned()) else {
        return INVALID_REQUEST.into_response();
    };
    let record = match app.store.take(Kind::Pending, &fc_state).await {
        Ok(Some(json)) => serde_json::from_str::<PendingRecord>(&json).ok(),
        Ok(None) => None,
        Err(e) => {
            tracing::error!(event = "store_failed", step = "callback", error = %e);
            return STORE_UNAVAILABLE.into_response();
        }
    };
    let Some(PendingRecord { fc, kiosk }) = record else {
        tracing::warn!(event = "callback_refused", reason = "unknown_sign_in");
        return UNKNOWN_SIGN_IN.into_response();
    };
    let client_id = kiosk.client_id.as_str();
    let pending = fc.into_pending();
    let expected = app.rp.expected_redirect(&pending);
    let target = format!("{}?{query}", expected.path);
    let back = |params: &[(&str, &str)]| {
        let mut all = params.to_vec();
        all.push(("state", kiosk.state.as_str()));
        all.push(("iss", app.issuer.as_str()));
        pages::to_kiosk(&kiosk.redirect_uri, &all)
    };
    let redirect = match classify("GET", &target, &expected) {
        Classified::Finished(Ok(redirect @ Redirect::Code(_))) => redirect,
        Classified::Finished(Err(e)) => {
            tracing::info!(event = "sign_in_failed", client_id, code = %e.code());
            let (error, description) = kiosk_error(&e);
            return back(&[
                ("error", error.as_str()),
                ("error_description", description),
            ]);
        }
        // A repeated parameter, or a logout answer where a code was awaited.
        _ => return INVALID_REQUEST.into_response(),
    };
    let verified = match app.rp.complete(pending, redirect).await {
        Ok(verified) => verified,
        Err(e) => {
            tracing::warn!(event = "sign_in_failed", client_id, code = %e.code());
            let (error, description) = kiosk_error(&e);
            return back(&[
                ("error", error.as_str()),
                ("error_description", description),
            ]);
        }
    };
    let code = random_token();
    let sid = random_token();
    let origin = verified.identity.origin;
    let acr = verified.identity.acr;
    let session = SessionRecord {
        client_id: client_id.to_owned(),
        fc_id_token: verified.id_token,
    };
    let grant = CodeRecord {
        client_id: client_id.to_owned(),
        redirect_uri: kiosk.redirect_uri.clone(),
        code_challenge: kiosk.code_challenge.clone(),
        nonce: kiosk.nonce.clone(),
        sid: sid.clone(),
        identity: verified.identity,
    };
    let stored = async {
        let session = serde_json::to_string(&session).map_err(|e| e.to_string())?;
        let grant = serde_json::to_string(&grant).map_err(|e| e.to_string())?;
        app.store
            .put(Kind::Session, &sid, session, app.logout_window)
            .await
            .map_err(|e| e.to_string())?;
        app.store
            .put(Kind::Code, &code, grant, CODE_TTL)
            .await
            .map_err(|e| e.to_string())
    };
    if let Err(error) = stored.await {
        tracing::error!(event = "store_failed", step = "callback", %error);
        return back(&[
            ("error", "temporarily_unavailable"),
            (
                "error_description",
                "the gateway could not record the sign-in",
            ),
        ]);
    }
    tracing::info!(event = "sign_in_verified", client_id, origin = ?origin, acr = %acr);
    back(&[("code", code.as_str())])
}

/// The error the kiosk sees: FC+'s own code when FC+ sent one (`access_denied` when the person
/// cancelled), else one saying whether retrying may help. Never personal data.
fn kiosk_error(error: &SignInError) -> (String, &'static str) {
    match error {
        SignInError::Provider { code, .. } => (code.clone(), "FranceConnect+ returned this error"),
        SignInError::ProviderUnreachable { .. } => (
            "temporarily_unavailable".into(),
            "FranceConnect+ could not be reached from the gateway",
        ),
        _ => (
            "server_error".into(),
            "the gateway could not verify the answer of FranceConnect+",
        ),
    }
}
