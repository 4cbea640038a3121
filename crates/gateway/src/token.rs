//! `POST /token` (the one-time code for an ES256 ID token, checked with PKCE) and
//! `GET /userinfo` (the same claims as a signed JWT, for the access token's 60 s).

use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use fcplus::identity::Revealed;
use fcplus::sensitive::{constant_time_eq, pkce_s256_challenge, random_token};
use fcplus::{Origin, VerifiedIdentity};
use serde_json::{Map, Value, json};

use crate::App;
use crate::limits::Endpoint;
use crate::params;
use crate::records::{AccessRecord, CodeRecord};
use crate::store::Kind;

/// ID and access tokens live as long as FC+'s: 60 s.
pub const TOKEN_TTL: Duration = Duration::from_secs(60);

/// An OAuth error answer (RFC 6749 §5.2). The description says what to do next.
fn oauth_error(status: StatusCode, error: &str, description: &str) -> Response {
    (
        status,
        [(header::CONTENT_TYPE, "application/json")],
        json!({ "error": error, "error_description": description }).to_string(),
    )
        .into_response()
}

fn invalid_grant(client_id: &str, reason: &'static str) -> Response {
    tracing::warn!(event = "token_refused", client_id, reason);
    oauth_error(
        StatusCode::BAD_REQUEST,
        "invalid_grant",
        "the code is unknown, expired, already used, or does not match this request: sign in again",
    )
}

pub async fn token(State(app): State<Arc<App>>, body: String) -> Response {
    let Some(form) = params::parse(&body) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "a parameter is repeated",
        );
    };
    let get = |name: &str| form.get(name).map(String::as_str);
    let Some(client_id) = get("client_id").filter(|c| app.kiosks.contains(*c)) else {
        tracing::warn!(event = "token_refused", reason = "unknown_client");
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "this kiosk is not registered at the gateway: ask the administrator to add its client_id",
        );
    };
    if !app.limits.allow(Endpoint::Token, client_id) {
        tracing::warn!(event = "token_refused", client_id, reason = "rate_limited");
        return oauth_error(
            StatusCode::TOO_MANY_REQUESTS,
            "slow_down",
            "too many token requests from this kiosk: wait a minute",
        );
    }
    if get("grant_type") != Some("authorization_code") {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "only authorization_code",
        );
    }
    let Some(code) = get("code").filter(|c| !c.is_empty()) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_request",
            "code is required",
        );
    };
    // Taken before any check: a wrong verifier burns the code, so it cannot be guessed at.
    let record = match app.store.take(Kind::Code, code).await {
        Ok(Some(json)) => serde_json::from_str::<CodeRecord>(&json).ok(),
        Ok(None) => None,
        Err(e) => {
            tracing::error!(event = "store_failed", step = "token", error = %e);
            return oauth_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "temporarily_unavailable",
                "the gateway's store is unavailable: try again",
            );
        }
    };
    let Some(grant) = record else {
        return invalid_grant(client_id, "code_unknown_or_used");
    };
    if grant.client_id != client_id {
        return invalid_grant(client_id, "code_of_another_client");
    }
    if get("redirect_uri") != Some(grant.redirect_uri.as_str()) {
        return invalid_grant(client_id, "redirect_uri_mismatch");
    }
    let verified = get("code_verifier")
        .filter(|v| params::pkce_value(v))
        .is_some_and(|v| constant_time_eq(&pkce_s256_challenge(v), &grant.code_challenge));
    if !verified {
        return invalid_grant(client_id, "pkce_mismatch");
    }
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let mut claims = identity_claims(&app.issuer, client_id, &grant.identity);
    claims.insert("nonce".into(), grant.nonce.into());
    claims.insert("sid".into(), grant.sid.into());
    claims.insert("iat".into(), now.into());
    claims.insert("exp".into(), (now + TOKEN_TTL.as_secs() as i64).into());
    claims.insert("acr".into(), grant.identity.acr.as_str().into());
    // Absent upstream (not granted) stays absent: an empty `amr` would read as France.
    if !grant.identity.amr.is_empty() {
        claims.insert("amr".into(), json!(grant.identity.amr));
    }
    claims.insert("origin".into(), json!(origin_name(grant.identity.origin)));
    let id_token = match app.signing.sign(&claims) {
        Ok(token) => token,
        Err(_) => {
            tracing::error!(event = "token_signing_failed", client_id);
            return oauth_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "the gateway could not sign the token: tell the administrator",
            );
        }
    };
    let access_token = random_token();
    let access = AccessRecord {
        client_id: client_id.to_owned(),
        identity: grant.identity,
    };
    if let Ok(json) = serde_json::to_string(&access)
        && let Err(e) = app
            .store
            .put(Kind::Access, &access_token, json, TOKEN_TTL)
            .await
    {
        // The ID token already carries everything; userinfo will answer 401.
        tracing::warn!(event = "store_failed", step = "access_token", error = %e);
    }
    tracing::info!(event = "token_issued", client_id);
    (
        StatusCode::OK,
        [(header::CONTENT_TYPE, "application/json")],
        json!({
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": TOKEN_TTL.as_secs(),
            "id_token": id_token,
        })
        .to_string(),
    )
        .into_response()
}

pub async fn userinfo(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
    let unauthorized = || {
        (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")],
        )
            .into_response()
    };
    let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return unauthorized();
    };
    let record = match app.store.get(Kind::Access, token.trim()).await {
        Ok(Some(json)) => serde_json::from_str::<AccessRecord>(&json).ok(),
        _ => None,
    };
    let Some(access) = record else {
        return unauthorized();
    };
    let claims = identity_claims(&app.issuer, &access.client_id, &access.identity);
    match app.signing.sign(&claims) {
        Ok(jwt) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/jwt")],
            jwt,
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// `iss`, `aud` and the identity claims FC+ gave (only those present).
fn identity_claims(
    issuer: &str,
    client_id: &str,
    identity: &VerifiedIdentity,
) -> Map<String, Value> {
    // The one place the gateway writes a person's claims out: into the kiosk's tokens.
    let mut claims = match serde_json::to_value(Revealed(&identity.identity)) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    };
    claims.insert("iss".into(), issuer.into());
    claims.insert("aud".into(), client_id.into());
    claims
}

fn origin_name(origin: Origin) -> &'static str {
    match origin {
        Origin::France => "france",
        Origin::Eidas => "eidas",
        Origin::Unknown => "unknown",
    }
}
