//! The plain OIDC endpoints: discovery, JWKS, userinfo and end of session.

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::adversary::{self, FOREIGN_ISSUER, Scenario};
use crate::authorize::{Y_INVALID_REQUEST, redirect_uri_allowed};
use crate::claims::{IDENTITY_CLAIMS, scopes_supported};
use crate::identities::pairwise_sub;
use crate::jose::EncryptionAlg;
use crate::pages::{self, bad_parameter, bad_parameter_with_code, error_page};

/// FC+'s page for a logout without the live FC+ session in that browser.
pub(crate) const Y_LOGOUT_WITHOUT_SESSION: &str = "Y100019";
use crate::provider::{Provider, now};
use crate::random_token;
use crate::texts::Lang;
use crate::web::{self, Params};

pub(crate) async fn discovery(State(provider): State<Arc<Provider>>) -> Response {
    let issuer = &provider.issuer;
    let claimed_issuer = if provider
        .adversary
        .any_client_has(&Scenario::DiscoveryIssuerMismatch)
    {
        FOREIGN_ISSUER
    } else {
        issuer
    };
    let mut claims_supported = vec!["sub", "amr", "acr"];
    claims_supported.extend(IDENTITY_CLAIMS);
    let document = json!({
        "issuer": claimed_issuer,
        "authorization_endpoint": format!("{issuer}/authorize"),
        "token_endpoint": provider.token_endpoint(),
        "userinfo_endpoint": format!("{issuer}/userinfo"),
        "end_session_endpoint": format!("{issuer}/session/end"),
        "jwks_uri": format!("{issuer}/jwks"),
        "scopes_supported": scopes_supported(),
        "claims_supported": claims_supported,
        "response_types_supported": ["code"],
        "grant_types_supported": ["authorization_code"],
        "acr_values_supported": ["eidas2", "eidas3"],
        "subject_types_supported": ["pairwise"],
        "id_token_signing_alg_values_supported": ["ES256"],
        "id_token_encryption_alg_values_supported": EncryptionAlg::ALL,
        "id_token_encryption_enc_values_supported": ["A256GCM"],
        "userinfo_signing_alg_values_supported": ["ES256"],
        "userinfo_encryption_alg_values_supported": EncryptionAlg::ALL,
        "userinfo_encryption_enc_values_supported": ["A256GCM"],
        "token_endpoint_auth_methods_supported": ["client_secret_post", "private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["ES256"],
        "claims_parameter_supported": true,
        "authorization_response_iss_parameter_supported": true,
        "request_parameter_supported": false,
        "request_uri_parameter_supported": false,
        "ui_locales_supported": ["fr", "en"],
    });
    axum::Json(document).into_response()
}

pub(crate) async fn jwks(State(provider): State<Arc<Provider>>) -> Response {
    axum::Json(provider.jwks()).into_response()
}

fn invalid_token(description: &str) -> Response {
    tracing::info!(event = "userinfo_refused");
    let mut response = web::json_error(StatusCode::UNAUTHORIZED, "invalid_token", description);
    let challenge = axum::http::HeaderValue::from_static("Bearer error=\"invalid_token\"");
    response.headers_mut().insert(WWW_AUTHENTICATE, challenge);
    response
}

pub(crate) async fn userinfo(
    State(provider): State<Arc<Provider>>,
    headers: HeaderMap,
) -> Response {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    let Some(token) = token.filter(|token| !token.is_empty()) else {
        return invalid_token("no bearer access token");
    };
    let now = now();
    let (grant, client) = {
        let mut store = provider.store();
        let Some(grant) = store.access_grant(token, now) else {
            return invalid_token("the access token is invalid or expired");
        };
        let Some(client) = store.valid_client(&grant.client_id).cloned() else {
            return invalid_token("the access token's client is gone");
        };
        (grant, client)
    };
    let Some(identity) = provider.directory.find(&grant.login) else {
        return invalid_token("the access token's identity is gone");
    };
    let mut claims = Map::new();
    claims.insert("iss".into(), json!(provider.issuer));
    claims.insert("aud".into(), json!(client.id));
    claims.insert(
        "sub".into(),
        json!(pairwise_sub(&client.id, &identity.login)),
    );
    claims.extend(grant.scopes.release(&identity.claims));
    let scenario = provider.adversary.scenario(&client.id);
    scenario.tamper_userinfo(&mut claims, &client.id);
    if scenario.userinfo_as_json() {
        return web::json(StatusCode::OK, Value::Object(claims));
    }
    let sealed = adversary::seal(
        &provider.signing_key(),
        scenario.userinfo_plan(),
        claims,
        &client.encryption_key,
    );
    let Ok(body) = sealed else {
        tracing::error!(event = "userinfo_encryption_failed");
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    tracing::info!(event = "userinfo_served", client_id = %client.id);
    (
        StatusCode::OK,
        [
            (CONTENT_TYPE, "application/jwt"),
            (CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

/// RP-initiated logout: checks the hint and the return URI, ends the browser's FC+ session
/// (the one its cookie names) and sends it back with `state`.
pub(crate) async fn end_session(
    State(provider): State<Arc<Provider>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = Params::parse(query.as_deref().unwrap_or_default().as_bytes());
    let lang = Lang::from_ui_locales(params.get("ui_locales"));
    let Some(hint) = params.get("id_token_hint") else {
        return bad_parameter(lang, "id_token_hint", "required");
    };
    if hint.split('.').count() == 5 {
        let detail = "send the decrypted, signed ID token (JWS), not the encrypted one (JWE)";
        return bad_parameter(lang, "id_token_hint", detail);
    }
    // An ID token lives 60 s and logout comes later: its expiry is not checked, as in FC+.
    // A userinfo JWT is signed with the same key but has no nonce: it is not an ID token.
    let client_id = provider
        .verify(hint)
        .filter(|payload| payload.issuer() == Some(&provider.issuer))
        .filter(|payload| payload.claim("nonce").is_some())
        .and_then(|payload| {
            payload
                .audience()
                .and_then(|audience| audience.first().map(|aud| (*aud).to_owned()))
        });
    let Some(client_id) = client_id else {
        return bad_parameter(
            lang,
            "id_token_hint",
            "not an ID token issued by this sandbox",
        );
    };
    let Some(client) = provider.store().valid_client(&client_id).cloned() else {
        return bad_parameter(lang, "id_token_hint", "its client is not registered");
    };
    let return_uri = params.get("post_logout_redirect_uri").filter(|uri| {
        client
            .post_logout_redirect_uris
            .iter()
            .any(|registered| registered == uri)
    });
    let Some(return_uri) = return_uri else {
        let detail = "not registered for this client: exact match, port included";
        return bad_parameter(lang, "post_logout_redirect_uri", detail);
    };
    // Same rule as redirect_uri (FC's `libs/oidc-provider/src/dto/logout-params.dto.ts`).
    if !redirect_uri_allowed(return_uri, client.loopback_dev) {
        let detail = "FC+ accepts only https logout redirect URIs (urlsRequireTld)";
        return bad_parameter_with_code(
            lang,
            Y_INVALID_REQUEST,
            "post_logout_redirect_uri",
            detail,
        );
    }
    // Logout runs in the browser that holds the live FC+ session; without it FC+ shows page
    // Y100019 instead of redirecting (FC's `core-oidc-provider-config-app.service.ts`).
    let cookie = web::session_cookie(&headers);
    let live = || {
        cookie
            .as_deref()
            .is_some_and(|session_id| provider.store().session(session_id, now()).is_some())
    };
    if provider.logout_needs_session && !live() {
        tracing::info!(event = "logout_without_session");
        return error_page(
            lang,
            StatusCode::BAD_REQUEST,
            Y_LOGOUT_WITHOUT_SESSION,
            lang.texts().logout_without_session,
        );
    }
    let Some(state) = params.get("state") else {
        return bad_parameter(lang, "state", "required");
    };
    let Some(location) = web::with_query(return_uri, &[("state", state)]) else {
        return error_page(lang, StatusCode::BAD_REQUEST, "invalid_request", "");
    };
    let Ok(logout_id) = random_token() else {
        return error_page(lang, StatusCode::INTERNAL_SERVER_ERROR, "server_error", "");
    };
    // FC+ does not redirect at once: it answers oidc-provider's logout form, submitted by a
    // script as the page loads, and logs out at the identity provider on the way (FC's
    // `apps/core-fcp/src/views/oidc-provider-logout-form.ejs` with `/js/auto-submit.js`). A
    // client that stops at the first page never gets its post-logout redirect.
    provider
        .store()
        .begin_logout(logout_id.clone(), location, cookie, now());
    tracing::info!(event = "logout_page_shown", client_id = %client.id);
    pages::logout_form(lang, &logout_id)
}

/// FC+'s logout form, submitted: the FC+ session ends and the browser goes back to the client.
pub(crate) async fn confirm_logout(
    State(provider): State<Arc<Provider>>,
    Path(logout_id): Path<String>,
) -> Response {
    let Some(logout) = provider.store().take_logout(&logout_id, now()) else {
        return pages::expired_page(Lang::Fr);
    };
    if let Some(session_id) = &logout.session_id {
        provider.store().end_session(session_id);
    }
    tracing::info!(event = "session_ended");
    let mut response = web::redirect_with(StatusCode::SEE_OTHER, &logout.location);
    web::clear_session_cookie(&mut response);
    response
}

/// The script FC+'s auto-submitted pages load (`/js/auto-submit.js` in FC's views): it submits
/// the page's form marked `data-auto-submit`, as soon as the page is read.
pub(crate) async fn auto_submit_script() -> Response {
    (
        [
            (CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
        ],
        "document.querySelectorAll('form[data-auto-submit]').forEach(function (form) { form.submit(); });\n",
    )
        .into_response()
}

/// Unknown paths.
pub(crate) async fn not_found() -> Response {
    error_page(Lang::Fr, StatusCode::NOT_FOUND, "not_found", "")
}
