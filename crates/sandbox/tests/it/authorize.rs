//! The authorization endpoint's refusals: error pages that never redirect, and errors that
//! redirect to a trusted client.

use reqwest::StatusCode;
use sandbox::{IdentityOrigin, Sandbox, SandboxConfig, TestIdentity};
use serde_json::Map;

use crate::support::{
    Browser, STATE, TestClient, authorize_url, location, param, start, start_with,
};

/// Asserts that `url` gets a 400 error page naming `parameter`, with no redirect.
async fn assert_error_page(sandbox: &Sandbox, url: &url::Url, parameter: &str) -> String {
    let response = Browser::new(sandbox).get(url.as_str()).await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "FC+ answers an untrusted request with a 400 page"
    );
    assert!(
        response.headers().get("location").is_none(),
        "an untrusted request must never be redirected anywhere"
    );
    let html = response.text().await.expect("HTML");
    assert!(
        html.contains("id=\"error-page\""),
        "the page is an error page"
    );
    assert!(
        html.contains(parameter),
        "the error page names the parameter at fault ({parameter})"
    );
    html
}

/// Asserts that `url` redirects to the client with `error` and the RFC 9207 `iss`.
async fn assert_error_redirect(
    sandbox: &Sandbox,
    client: &TestClient,
    url: &url::Url,
    error: &str,
) {
    let response = Browser::new(sandbox).get(url.as_str()).await;
    let target = location(&response);
    assert!(
        target.as_str().starts_with(client.redirect_uri()),
        "errors go back to the registered redirect_uri, got {target}"
    );
    assert_eq!(param(&target, "error").as_deref(), Some(error));
    assert!(param(&target, "error_description").is_some());
    assert_eq!(
        param(&target, "state").as_deref(),
        Some(STATE),
        "the client matches the error to its request by state"
    );
    assert_eq!(
        param(&target, "iss").as_deref(),
        Some(sandbox.issuer().as_str()),
        "iss lets the client detect mix-up attacks (RFC 9207)"
    );
}

#[tokio::test]
async fn pkce_code_challenge_gets_an_error_page_and_no_redirect() {
    let client = TestClient::ecdh_es("pkce");
    let sandbox = start(&[&client]).await;
    let url = authorize_url(
        &sandbox,
        &client,
        &[(
            "code_challenge",
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        )],
    );
    assert_error_page(&sandbox, &url, "code_challenge").await;
}

#[tokio::test]
async fn unregistered_redirect_uri_gets_an_error_page() {
    let client = TestClient::ecdh_es("wrong-port");
    let sandbox = start(&[&client]).await;
    let other_port = client.redirect_uri().replace(":51789", ":51790");
    let url = authorize_url(&sandbox, &client, &[("redirect_uri", &other_port)]);
    assert_error_page(&sandbox, &url, "redirect_uri").await;
}

#[tokio::test]
async fn unknown_client_short_state_and_missing_openid_get_error_pages() {
    let client = TestClient::ecdh_es("pages");
    let sandbox = start(&[&client]).await;
    let cases = [
        (vec![("client_id", "nobody")], "client_id"),
        (vec![("state", "only-21-characters-xx")], "state"),
        (vec![("nonce", "short")], "nonce"),
        (vec![("response_type", "token")], "response_type"),
        (vec![("scope", "profile")], "scope"),
    ];
    for (overrides, parameter) in cases {
        let url = authorize_url(&sandbox, &client, &overrides);
        assert_error_page(&sandbox, &url, parameter).await;
    }
}

#[tokio::test]
async fn eidas1_is_redirected_with_invalid_acr() {
    let client = TestClient::ecdh_es("eidas1");
    let sandbox = start(&[&client]).await;
    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas1")]);
    assert_error_redirect(&sandbox, &client, &url, "invalid_acr").await;
    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas2 eidas1")]);
    assert_error_redirect(&sandbox, &client, &url, "invalid_acr").await;
}

#[tokio::test]
async fn unknown_scope_and_idp_hint_are_redirected_with_their_error() {
    let client = TestClient::ecdh_es("redirected");
    let mut no_eidas = TestClient::ecdh_es("no-eidas");
    no_eidas.registration.eidas_enabled = false;
    let sandbox = start(&[&client, &no_eidas]).await;

    let url = authorize_url(&sandbox, &client, &[("scope", "openid phone")]);
    assert_error_redirect(&sandbox, &client, &url, "invalid_scope").await;
    let url = authorize_url(&sandbox, &client, &[("idp_hint", "somewhere-else")]);
    assert_error_redirect(&sandbox, &client, &url, "invalid_idp_hint").await;
    let url = authorize_url(&sandbox, &no_eidas, &[("idp_hint", "eidas-bridge")]);
    assert_error_redirect(&sandbox, &no_eidas, &url, "invalid_idp_hint").await;
}

#[tokio::test]
async fn chooser_disables_a_substantial_only_idp_for_eidas3_and_hides_eidas_when_off() {
    let client = TestClient::ecdh_es("chooser");
    let mut no_eidas = TestClient::ecdh_es("chooser-no-eidas");
    no_eidas.registration.eidas_enabled = false;
    let sandbox = start(&[&client, &no_eidas]).await;
    let browser = Browser::new(&sandbox);

    let response = browser
        .get(authorize_url(&sandbox, &client, &[]).as_str())
        .await;
    let html = browser.follow(response).await;
    assert!(html.contains("<html lang=\"fr\">"), "French by default");
    assert!(html.contains("<title>"));
    assert!(html.contains("id=\"idp-fip1\"") && html.contains("id=\"idp-fip2\""));
    assert!(
        html.contains("id=\"idp-fip3\" disabled"),
        "fip3 only reaches eidas2, so it cannot be picked for eidas3"
    );
    assert!(html.contains("id=\"eidas-button\""));
    assert!(html.contains("Sign in with a digital identity from another European country"));
    assert!(html.contains("id=\"cancel-link\""));

    let url = authorize_url(
        &sandbox,
        &no_eidas,
        &[("acr_values", "eidas2"), ("ui_locales", "en")],
    );
    let response = browser.get(url.as_str()).await;
    let html = browser.follow(response).await;
    assert!(
        html.contains("<html lang=\"en\">"),
        "ui_locales=en gives English pages"
    );
    assert!(
        !html.contains("id=\"idp-fip3\" disabled"),
        "fip3 is available for eidas2"
    );
    assert!(
        !html.contains("eidas-button"),
        "eIDAS is off unless FC+ enabled it for the client"
    );
}

#[tokio::test]
async fn cancel_link_returns_access_denied_to_the_client() {
    let client = TestClient::ecdh_es("cancel");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let response = browser
        .get(authorize_url(&sandbox, &client, &[]).as_str())
        .await;
    let html = browser.follow(response).await;
    let response = browser.click(&html, "cancel-link").await;
    let target = location(&response);
    assert!(target.as_str().starts_with(client.redirect_uri()));
    assert_eq!(
        param(&target, "error").as_deref(),
        Some("access_denied"),
        "the app must learn that the user gave up, not wait forever"
    );
    assert_eq!(param(&target, "state").as_deref(), Some(STATE));
    assert_eq!(
        param(&target, "iss").as_deref(),
        Some(sandbox.issuer().as_str())
    );
}

#[tokio::test]
async fn an_extra_identity_appears_on_its_identity_provider_page() {
    let client = TestClient::ecdh_es("extra");
    let mut claims = Map::new();
    claims.insert("given_name".into(), "Canari".into());
    claims.insert("family_name".into(), "Témoin".into());
    let config = SandboxConfig {
        extra_identities: vec![TestIdentity {
            login: "canary".into(),
            origin: IdentityOrigin::France {
                idp_id: "fip2".into(),
            },
            claims,
            amr: vec!["fr".into(), "mfa".into()],
        }],
        ..SandboxConfig::default()
    };
    let sandbox = start_with(&[&client], config).await;
    let browser = Browser::new(&sandbox);
    let url = authorize_url(&sandbox, &client, &[("idp_hint", "fip2")]);
    let response = browser.get(url.as_str()).await;
    let html = browser.follow(response).await;
    assert!(
        html.contains("id=\"identity-canary\"") && html.contains("id=\"identity-jean\""),
        "tests inject canary identities next to the built-ins"
    );
    assert!(html.contains("T&#xE9;moin") || html.contains("Témoin"));
}
