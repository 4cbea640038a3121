//! The token endpoint: client authentication (`client_secret_post` only, as FC+), the
//! one-time code, and the signed-then-encrypted ID token.

use std::sync::Arc;
use std::time::SystemTime;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};
use subtle::ConstantTimeEq;

use crate::adversary;
use crate::claims::Acr;
use crate::config::{Client, secret_digest};
use crate::identities::{IdentityOrigin, french_idp, pairwise_sub};
use crate::provider::{Provider, epoch_seconds, now};
use crate::random_token;
use crate::state::{ACCESS_TOKEN_TTL, CodeGrant, ID_TOKEN_TTL, RedeemError};
use crate::web::{self, Params, json_error};

/// An OAuth error of the token endpoint, answered as JSON.
#[derive(Debug)]
struct TokenError {
    status: StatusCode,
    error: &'static str,
    description: &'static str,
}

impl TokenError {
    fn request(description: &'static str) -> TokenError {
        TokenError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_request",
            description,
        }
    }

    fn client(description: &'static str) -> TokenError {
        TokenError {
            status: StatusCode::UNAUTHORIZED,
            error: "invalid_client",
            description,
        }
    }

    fn grant(description: &'static str) -> TokenError {
        TokenError {
            status: StatusCode::BAD_REQUEST,
            error: "invalid_grant",
            description,
        }
    }

    fn server() -> TokenError {
        TokenError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            error: "server_error",
            description: "the sandbox could not build the tokens",
        }
    }
}

pub(crate) async fn token(
    State(provider): State<Arc<Provider>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let scenario = requesting_client(&body)
        .map(|client_id| provider.adversary.scenario(&client_id))
        .unwrap_or_default();
    if let Some(response) = scenario.token_endpoint_status() {
        tracing::info!(event = "token_refused", error = "adversary_status");
        return response;
    }
    if let Some(delay) = scenario.token_delay() {
        tokio::time::sleep(delay).await;
    }
    match exchange(&provider, &headers, &body) {
        Ok(response) => web::json(StatusCode::OK, response),
        Err(TokenError {
            status,
            error,
            description,
        }) => {
            tracing::info!(event = "token_refused", error);
            json_error(status, error, description)
        }
    }
}

/// Checks the request, authenticates the client, redeems the code and builds the tokens.
fn exchange(provider: &Provider, headers: &HeaderMap, body: &[u8]) -> Result<Value, TokenError> {
    let is_form = headers
        .get(CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(TokenError::request(
            "the body must be application/x-www-form-urlencoded",
        ));
    }
    let form = Params::parse(body);
    if form.first_repeated().is_some() {
        return Err(TokenError::request("a parameter is given more than once"));
    }
    match form.get("grant_type") {
        Some("authorization_code") => {}
        Some(_) => {
            return Err(TokenError {
                status: StatusCode::BAD_REQUEST,
                error: "unsupported_grant_type",
                description: "only authorization_code is supported",
            });
        }
        None => return Err(TokenError::request("grant_type is required")),
    }
    let now = now();
    let client = authenticate_client(provider, &form)?;
    let (Some(code), Some(redirect_uri)) = (form.get("code"), form.get("redirect_uri")) else {
        return Err(TokenError::request("code and redirect_uri are required"));
    };
    let access_token = random_token().map_err(|_| TokenError::server())?;
    let redeemed =
        provider
            .store()
            .redeem_code(code, &client.id, redirect_uri, access_token.clone(), now);
    let grant = redeemed.map_err(|error| match error {
        RedeemError::NotFound => TokenError::grant("the code is invalid or expired"),
        RedeemError::Mismatch => {
            TokenError::grant("the code was issued to another client or redirect_uri")
        }
        RedeemError::Reused => {
            TokenError::grant("the code was already used; its tokens are revoked")
        }
    })?;
    let scenario = provider.adversary.scenario(&client.id);
    if scenario.rotates_key() {
        provider
            .rotate_signing_key()
            .map_err(|_| TokenError::server())?;
    }
    let mut claims = id_token_claims(provider, &grant, now);
    scenario.tamper_id_token(&mut claims);
    let id_token = adversary::seal(
        &provider.signing_key(),
        scenario.id_token_plan(),
        claims,
        &client.encryption_key,
    )
    .map_err(|_| {
        tracing::error!(event = "id_token_encryption_failed");
        TokenError::server()
    })?;
    tracing::info!(event = "token_issued", client_id = %client.id);
    Ok(json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": ACCESS_TOKEN_TTL.as_secs(),
        "id_token": id_token,
        "scope": grant.request.scopes.to_scope_string(),
    }))
}

/// The level FC+ returns: the identity provider's own when it is at least the one asked, so
/// it can be higher than asked (a provider certified high answers `eidas3` to an `eidas2`
/// request); `eidas2` under session reuse (FC's `libs/oidc-acr/src/oidc-acr.service.ts`).
fn returned_acr(provider: &Provider, grant: &CodeGrant) -> Acr {
    let asked = grant.request.acr;
    if grant.authentication.reused {
        return Acr::Eidas2;
    }
    let idp_level = provider
        .directory
        .find(&grant.authentication.login)
        .and_then(|identity| match &identity.origin {
            IdentityOrigin::France { idp_id } => french_idp(idp_id).map(|idp| idp.max_acr),
            IdentityOrigin::Eidas { .. } => None,
        });
    idp_level.filter(|level| *level >= asked).unwrap_or(asked)
}

/// The ID token's claims: no identity data, only who, for whom, when, how and how strongly.
fn id_token_claims(provider: &Provider, grant: &CodeGrant, now: SystemTime) -> Map<String, Value> {
    let request = &grant.request;
    let login = &grant.authentication.login;
    // The token's times are read off the provider's clock, which a fault may skew.
    let iat = epoch_seconds(provider.faults.provider_time(now));
    let mut claims = Map::new();
    claims.insert("iss".into(), json!(provider.issuer));
    claims.insert("sub".into(), json!(pairwise_sub(&request.client_id, login)));
    claims.insert("aud".into(), json!(request.client_id));
    claims.insert("exp".into(), json!(iat + ID_TOKEN_TTL.as_secs()));
    claims.insert("iat".into(), json!(iat));
    claims.insert(
        "auth_time".into(),
        json!(epoch_seconds(
            provider
                .faults
                .provider_time(grant.authentication.auth_time)
        )),
    );
    claims.insert("nonce".into(), json!(request.nonce));
    claims.insert("acr".into(), json!(returned_acr(provider, grant).as_str()));
    if request.amr_requested
        && let Some(identity) = provider.directory.find(login)
    {
        claims.insert("amr".into(), json!(identity.amr));
    }
    claims
}

/// The client, authenticated by `client_secret_post`, the only method FC+ accepts: its
/// discovery lists `private_key_jwt`, but client records carry no
/// `token_endpoint_auth_method`, so every client has oidc-provider's configured default and a
/// client assertion does not match it (`invalid_client`; FC's
/// `instances/core-fcp-high/src/config/oidc-provider.ts` and the service-provider schema).
fn authenticate_client(provider: &Provider, form: &Params) -> Result<Client, TokenError> {
    if form.get("client_assertion").is_some() || form.get("client_assertion_type").is_some() {
        return Err(TokenError::client(
            "FC+ accepts client_secret_post only: a client assertion is refused",
        ));
    }
    let client_id = form
        .get("client_id")
        .ok_or_else(|| TokenError::request("client_id is required"))?;
    let client = provider
        .store()
        .valid_client(client_id)
        .cloned()
        .ok_or_else(|| TokenError::client("unknown client"))?;
    let secret = form
        .get("client_secret")
        .ok_or_else(|| TokenError::client("no client authentication"))?;
    if !bool::from(secret_digest(secret).ct_eq(&client.secret_digest)) {
        return Err(TokenError::client("wrong client_secret"));
    }
    Ok(client)
}

/// The client a token request claims to come from, unauthenticated: only to pick its scenario.
fn requesting_client(body: &[u8]) -> Option<String> {
    Params::parse(body).get("client_id").map(str::to_owned)
}
