//! The token and userinfo endpoints' refusals, and client assertions refused as FC+ refuses them.

use reqwest::StatusCode;
use sandbox::{Sandbox, SandboxConfig};
use serde_json::Value;

use crate::support::{
    Browser, SECRET, TestClient, authorize_url, exchange, param, sign_in, start, userinfo,
};

/// A fresh code for `client` (signs in as `marie` at fip1).
async fn code_for(sandbox: &sandbox::Sandbox, client: &TestClient) -> String {
    let browser = Browser::new(sandbox);
    let url = authorize_url(sandbox, client, &[("idp_hint", "fip1")]);
    let callback = sign_in(&browser, &url, &[], "marie").await;
    param(&callback, "code").expect("a code")
}

async fn error_of(response: reqwest::Response) -> (StatusCode, String) {
    let status = response.status();
    let body: Value = response.json().await.expect("errors are JSON");
    assert!(body["error_description"].is_string());
    (
        status,
        body["error"].as_str().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn wrong_client_secret_is_invalid_client() {
    let client = TestClient::ecdh_es("secret");
    let sandbox = start(&[&client]).await;
    let code = code_for(&sandbox, &client).await;
    let response = exchange(&sandbox, &client, &code, "not-the-secret").await;
    assert_eq!(
        error_of(response).await,
        (StatusCode::UNAUTHORIZED, "invalid_client".to_owned()),
        "a wrong secret must not buy tokens"
    );
}

#[tokio::test]
async fn a_code_works_once_and_its_reuse_revokes_the_tokens() {
    let client = TestClient::ecdh_es("reuse");
    let sandbox = start(&[&client]).await;
    let code = code_for(&sandbox, &client).await;
    let first: Value = exchange(&sandbox, &client, &code, SECRET)
        .await
        .json()
        .await
        .expect("JSON");
    let access_token = first["access_token"].as_str().expect("access_token");

    let second = exchange(&sandbox, &client, &code, SECRET).await;
    assert_eq!(
        error_of(second).await,
        (StatusCode::BAD_REQUEST, "invalid_grant".to_owned()),
        "a code is one-time: a replay must fail"
    );
    let response = userinfo(&sandbox, access_token).await;
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "a replayed code means it leaked, so its access token is revoked"
    );
}

#[tokio::test]
async fn a_code_is_bound_to_its_client() {
    let alice = TestClient::ecdh_es("alice");
    let bob = TestClient::ecdh_es("bob");
    let sandbox = start(&[&alice, &bob]).await;
    let code = code_for(&sandbox, &alice).await;
    let response = exchange(&sandbox, &bob, &code, SECRET).await;
    assert_eq!(
        error_of(response).await.1,
        "invalid_grant",
        "another client cannot redeem a stolen code"
    );
}

#[tokio::test]
async fn token_endpoint_refuses_get_and_other_grants() {
    let client = TestClient::ecdh_es("grants");
    let sandbox = start(&[&client]).await;
    let token_url = format!("{}/token", sandbox.issuer());
    let response = reqwest::get(&token_url).await.expect("answer");
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);

    let response = reqwest::Client::new()
        .post(&token_url)
        .form(&[
            ("grant_type", "refresh_token"),
            ("client_id", client.id()),
            ("client_secret", SECRET),
        ])
        .send()
        .await
        .expect("answer");
    assert_eq!(
        error_of(response).await.1,
        "unsupported_grant_type",
        "FC+ has no refresh tokens"
    );
}

#[tokio::test]
async fn userinfo_refuses_a_bad_token_with_a_bearer_challenge() {
    let sandbox = start(&[]).await;
    let response = userinfo(&sandbox, "not-a-token").await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        response.headers()["www-authenticate"],
        "Bearer error=\"invalid_token\"",
        "RFC 6750: the client learns its token is invalid"
    );
}

/// FC's `instances/core-fcp-high/src/config/oidc-provider.ts`: discovery lists
/// `private_key_jwt`, client records have no auth method, so an assertion is `invalid_client`.
#[tokio::test]
async fn a_client_assertion_is_refused_invalid_client_as_fc_plus_does() {
    let client = TestClient::with_signing_key("signed");
    let sandbox = start(&[&client]).await;
    let token_url = format!("{}/token", sandbox.issuer());
    let post = |code: String, assertion: String, secret: Option<&'static str>| {
        let token_url = token_url.clone();
        let redirect_uri = client.redirect_uri().to_owned();
        let client_id = client.id().to_owned();
        async move {
            let mut form = vec![
                ("grant_type", "authorization_code".to_owned()),
                ("code", code),
                ("redirect_uri", redirect_uri),
                ("client_id", client_id),
                (
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".to_owned(),
                ),
                ("client_assertion", assertion),
            ];
            if let Some(secret) = secret {
                form.push(("client_secret", secret.to_owned()));
            }
            reqwest::Client::new()
                .post(token_url)
                .form(&form)
                .send()
                .await
                .expect("answer")
        }
    };

    let code = code_for(&sandbox, &client).await;
    let response = post(code.clone(), client.assertion(&token_url, "jti-1"), None).await;
    assert_eq!(
        response.status(),
        StatusCode::UNAUTHORIZED,
        "a well-formed ES256 assertion signed by a key the client published"
    );
    assert_eq!(error_of(response).await.1, "invalid_client");

    let response = post(
        code.clone(),
        client.assertion(&token_url, "jti-2"),
        Some(SECRET),
    )
    .await;
    assert_eq!(
        error_of(response).await.1,
        "invalid_client",
        "an assertion next to the right secret is still a method FC+ does not accept"
    );

    let response = exchange(&sandbox, &client, &code, SECRET).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "the same client with client_secret_post gets its tokens: the refusal is the method"
    );
}

#[tokio::test]
async fn a_registration_asking_for_private_key_jwt_is_refused_at_start() {
    let mut client = TestClient::with_signing_key("asks-for-jwt");
    client.registration.token_endpoint_auth_method = "private_key_jwt".into();
    let result = Sandbox::start(
        "127.0.0.1:0".parse().expect("address"),
        SandboxConfig {
            clients: vec![client.registration.clone()],
            ..SandboxConfig::default()
        },
    )
    .await;
    let Err(error) = result else {
        panic!("FC+ has no private_key_jwt client: the sandbox must not pretend to");
    };
    assert!(
        error.to_string().contains("client_secret_post"),
        "the error names the method to use: {error}"
    );
}
