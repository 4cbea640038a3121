//! The public documents: OpenID discovery for kiosks, the JWKS (the gateway's signing keys
//! for kiosks, its encryption keys for FC+), and health and readiness for the load balancer.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::App;
use crate::config::endpoint;

pub async fn discovery(State(app): State<Arc<App>>) -> Json<Value> {
    let at = |path: &str| endpoint(&app.public_url, path).to_string();
    Json(json!({
        "issuer": app.issuer,
        "authorization_endpoint": at("/authorize"),
        "token_endpoint": at("/token"),
        "userinfo_endpoint": at("/userinfo"),
        "jwks_uri": at("/jwks"),
        "end_session_endpoint": at("/session/end"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "userinfo_signing_alg_values_supported": ["ES256"],
        "token_endpoint_auth_methods_supported": ["none"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": app.rp.config().scopes,
        "acr_values_supported": ["eidas2", "eidas3"],
        "claims_supported": [
            "sub", "given_name", "family_name", "preferred_username", "birthdate", "gender",
            "birthplace", "birthcountry", "email", "acr", "amr", "origin", "sid", "nonce"
        ],
        "authorization_response_iss_parameter_supported": true,
    }))
}

pub async fn jwks(State(app): State<Arc<App>>) -> Json<Value> {
    let mut keys = app.signing.public_jwks();
    if let Some(Value::Array(encryption)) = app
        .rp
        .config()
        .decryption_keys
        .as_ref()
        .map(|k| k.public_jwks()["keys"].clone())
    {
        keys.extend(encryption);
    }
    Json(json!({ "keys": keys }))
}

/// Liveness: the process answers.
pub async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

/// Readiness: the store answers (Redis when configured). A load balancer stops sending
/// sign-ins to a replica that cannot record them.
pub async fn ready(State(app): State<Arc<App>>) -> Response {
    match app.store.ping().await {
        Ok(()) => Json(json!({ "status": "ready", "store": app.store.name() })).into_response(),
        Err(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            Json(json!({ "status": "store_unavailable", "store": app.store.name() })),
        )
            .into_response(),
    }
}
