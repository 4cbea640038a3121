//! The token request (authorization code grant) with `client_secret_post` (the only method
//! FC+ accepts) or none (a kiosk of the gateway, with PKCE), and the userinfo request.

use serde::Deserialize;
use url::Url;

use crate::config::TokenAuth;
use crate::error::{SignInError, printable};
use crate::sensitive::{AccessToken, AuthorizationCode, PkceVerifier};

/// The token endpoint's answer, before verification.
#[derive(Debug)]
pub struct TokenResponse {
    pub access_token: AccessToken,
    /// Compact JWE (FC+) or JWS (unencrypted providers).
    pub id_token: String,
}

#[derive(Deserialize)]
struct RawTokenResponse {
    access_token: Option<String>,
    id_token: Option<String>,
    token_type: Option<String>,
}

#[derive(Deserialize)]
struct RawTokenError {
    error: Option<String>,
}

/// Sends a request; a network failure or an HTTP 5xx means FC+ is unreachable (the person can
/// retry later), anything else is for the caller to judge.
async fn send(
    request: reqwest::RequestBuilder,
    what: &str,
) -> Result<reqwest::Response, SignInError> {
    let response = request.send().await.map_err(SignInError::unreachable)?;
    if response.status().is_server_error() {
        return Err(SignInError::ProviderUnreachable {
            detail: format!("{what} answered HTTP {}", response.status().as_u16()),
        });
    }
    Ok(response)
}

/// Exchanges the code at once (it lives 30 s at FC+), with the PKCE verifier of the gateway
/// profile when there is one.
pub async fn exchange_code(
    http: &reqwest::Client,
    token_endpoint: &Url,
    client_id: &str,
    auth: &TokenAuth,
    code: AuthorizationCode,
    redirect_uri: &Url,
    verifier: Option<&PkceVerifier>,
) -> Result<TokenResponse, SignInError> {
    let mut form: Vec<(&str, String)> = vec![
        ("grant_type", "authorization_code".into()),
        ("code", code.secret().to_owned()),
        ("redirect_uri", redirect_uri.to_string()),
        ("client_id", client_id.to_owned()),
    ];
    if let Some(verifier) = verifier {
        form.push(("code_verifier", verifier.secret().to_owned()));
    }
    match auth {
        TokenAuth::PublicClient => {}
        TokenAuth::ClientSecretPost(secret) => {
            form.push(("client_secret", secret.secret().to_owned()))
        }
    }
    let response = send(
        http.post(token_endpoint.clone()).form(&form),
        "token endpoint",
    )
    .await?;
    let status = response.status();
    let bytes = response.bytes().await.map_err(SignInError::unreachable)?;
    if !status.is_success() {
        let error = serde_json::from_slice::<RawTokenError>(&bytes)
            .ok()
            .and_then(|e| e.error)
            .map(|e| printable(&e, 64))
            .unwrap_or_else(|| "unknown".into());
        return Err(SignInError::TokenRejected {
            status: status.as_u16(),
            error,
        });
    }
    let raw: RawTokenResponse =
        serde_json::from_slice(&bytes).map_err(|_| SignInError::InvalidResponse {
            detail: "the token response is not JSON".into(),
        })?;
    if !raw
        .token_type
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("bearer"))
    {
        return Err(SignInError::InvalidResponse {
            detail: "the token type is not Bearer".into(),
        });
    }
    match (raw.access_token, raw.id_token) {
        (Some(access), Some(id)) if !access.is_empty() && !id.is_empty() => Ok(TokenResponse {
            access_token: AccessToken::new(access),
            id_token: id,
        }),
        _ => Err(SignInError::InvalidResponse {
            detail: "the token response lacks the access token or the ID token".into(),
        }),
    }
}

/// Fetches userinfo; FC+ answers `application/jwt` (signed, then encrypted).
pub async fn fetch_userinfo(
    http: &reqwest::Client,
    userinfo_endpoint: &Url,
    access_token: &AccessToken,
) -> Result<String, SignInError> {
    let response = send(
        http.get(userinfo_endpoint.clone())
            .bearer_auth(access_token.secret()),
        "userinfo",
    )
    .await?;
    let status = response.status();
    if !status.is_success() {
        return Err(SignInError::InvalidResponse {
            detail: format!("userinfo answered HTTP {}", status.as_u16()),
        });
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !content_type.starts_with("application/jwt") {
        return Err(SignInError::InvalidResponse {
            detail: "userinfo is not a signed token (application/jwt)".into(),
        });
    }
    let body = response.text().await.map_err(SignInError::unreachable)?;
    Ok(body.trim().to_owned())
}
