//! The FC+ browser session: reused for eidas2 (the kiosk risk), ended by logout.

use reqwest::StatusCode;
use serde_json::Value;
use url::Url;

use crate::support::{
    Browser, SECRET, TestClient, authorize_url, exchange, location, logout_uri, param, sign_in,
    start,
};

/// Signs `marie` in on `browser` and returns the decrypted, signed ID token.
async fn signed_in(sandbox: &sandbox::Sandbox, browser: &Browser, client: &TestClient) -> String {
    let url = authorize_url(sandbox, client, &[("acr_values", "eidas2")]);
    let callback = sign_in(browser, &url, &["idp-fip1"], "marie").await;
    let code = param(&callback, "code").expect("a code");
    let tokens: Value = exchange(sandbox, client, &code, SECRET)
        .await
        .json()
        .await
        .expect("JSON");
    client.decrypt(tokens["id_token"].as_str().expect("id_token"))
}

fn end_session_url(sandbox: &sandbox::Sandbox, params: &[(&str, &str)]) -> Url {
    let mut url = Url::parse(&format!("{}/session/end", sandbox.issuer())).expect("URL");
    url.query_pairs_mut().extend_pairs(params);
    url
}

#[tokio::test]
async fn eidas2_request_reuses_the_session_and_skips_the_chooser() {
    let client = TestClient::ecdh_es("kiosk");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    signed_in(&sandbox, &browser, &client).await;
    assert_eq!(
        sandbox.active_sessions(),
        1,
        "a sign-in leaves an FC+ session"
    );

    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas2")]);
    let response = browser.get(url.as_str()).await;
    assert!(
        location(&response).path().ends_with("/consent"),
        "FC+ reuses its session for eidas2: the next person at a kiosk lands on consent"
    );
    let consent = browser.follow(response).await;
    assert!(
        consent.contains("Martin"),
        "the reused session carries the previous person's identity"
    );

    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas3")]);
    let response = browser.get(url.as_str()).await;
    assert!(
        !location(&response).path().ends_with("/consent"),
        "eidas3 always asks the identity provider again"
    );
}

/// FC+ attaches the identity to its browser session when the person is back from the
/// identity provider, not at consent: a browser left on the consent page (a cancelled or
/// crashed sign-in) still holds a session that the next eidas2 request reuses.
#[tokio::test]
async fn a_browser_left_on_the_consent_page_holds_a_session_that_eidas2_reuses() {
    let client = TestClient::ecdh_es("left-at-consent");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas2")]);
    let response = browser.get(url.as_str()).await;
    let chooser = browser.follow(response).await;
    let response = browser.click(&chooser, "idp-fip1").await;
    let identities = response.text().await.expect("HTML");
    let response = browser.click(&identities, "identity-marie").await;
    let consent = browser.follow(response).await;
    assert!(consent.contains("consent-button"));
    assert_eq!(sandbox.active_sessions(), 1, "before any consent");

    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas2")]);
    let response = browser.get(url.as_str()).await;
    assert!(location(&response).path().ends_with("/consent"));
    assert!(browser.follow(response).await.contains("Martin"));
}

#[tokio::test]
async fn session_end_clears_the_session_and_returns_with_state() {
    let client = TestClient::ecdh_es("logout");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let id_token = signed_in(&sandbox, &browser, &client).await;
    assert_eq!(sandbox.active_sessions(), 1);

    let return_uri = logout_uri(client.id());
    let state = "logout-state-0123456789abcdef";
    let url = end_session_url(
        &sandbox,
        &[
            ("id_token_hint", id_token.as_str()),
            ("state", state),
            ("post_logout_redirect_uri", return_uri.as_str()),
        ],
    );
    let response = browser.get(url.as_str()).await;
    assert_eq!(
        response.status(),
        StatusCode::OK,
        "FC+ answers its auto-submitted logout page, not the redirect (FC's oidc-provider-logout-form.ejs)"
    );
    let page = response.text().await.expect("HTML");
    assert!(page.contains("data-auto-submit") && page.contains("/js/auto-submit.js"));
    assert_eq!(
        sandbox.active_sessions(),
        1,
        "the FC+ session ends when the form is submitted, not before"
    );
    let script = browser
        .get(&format!("{}/js/auto-submit.js", sandbox.issuer()))
        .await;
    assert!(
        script.text().await.expect("JS").contains("submit()"),
        "the page's script submits the form as it loads"
    );
    let response = browser.click(&page, "logout-continue-button").await;
    let target = location(&response);
    assert!(target.as_str().starts_with(&return_uri));
    assert_eq!(param(&target, "state").as_deref(), Some(state));
    let cookie = response.headers()["set-cookie"].to_str().expect("ASCII");
    assert!(
        cookie.starts_with("fc_session=;") && cookie.contains("Max-Age=0"),
        "logout clears the browser's FC+ cookie"
    );
    assert_eq!(
        sandbox.active_sessions(),
        0,
        "after logout nobody can inherit the FC+ session"
    );

    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas2")]);
    let response = browser.get(url.as_str()).await;
    assert!(
        !location(&response).path().ends_with("/consent"),
        "after logout an eidas2 request shows the chooser again"
    );

    let replay = browser.click(&page, "logout-continue-button").await;
    assert_eq!(
        replay.status(),
        StatusCode::BAD_REQUEST,
        "a logout form is confirmed once"
    );
}

#[tokio::test]
async fn session_end_refuses_an_unregistered_return_uri_and_a_foreign_hint() {
    let client = TestClient::ecdh_es("logout-refusals");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let id_token = signed_in(&sandbox, &browser, &client).await;
    let state = "logout-state-0123456789abcdef";

    let elsewhere = "http://127.0.0.1:51790/logged-out";
    let url = end_session_url(
        &sandbox,
        &[
            ("id_token_hint", id_token.as_str()),
            ("state", state),
            ("post_logout_redirect_uri", elsewhere),
        ],
    );
    let response = browser.get(url.as_str()).await;
    assert_eq!(
        response.status(),
        StatusCode::BAD_REQUEST,
        "logout never redirects to an unregistered URI"
    );

    let return_uri = logout_uri(client.id());
    let mut forged = id_token.clone();
    forged.replace_range(forged.len() - 4.., "AAAA");
    for hint in [forged.as_str(), "a.b.c.d.e"] {
        let url = end_session_url(
            &sandbox,
            &[
                ("id_token_hint", hint),
                ("state", state),
                ("post_logout_redirect_uri", return_uri.as_str()),
            ],
        );
        let response = browser.get(url.as_str()).await;
        assert_eq!(
            response.status(),
            StatusCode::BAD_REQUEST,
            "the hint must be a signed ID token from this sandbox"
        );
    }
    assert_eq!(
        sandbox.active_sessions(),
        1,
        "a refused logout ends nothing"
    );
}

#[tokio::test]
async fn eidas2_reuse_ignores_idp_hint_even_the_eidas_bridge() {
    let client = TestClient::ecdh_es("kiosk-hint");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    signed_in(&sandbox, &browser, &client).await;
    // The next person presses the eIDAS button: FC+ still reuses the session (shouldAbortIdpHint).
    for hint in ["8aa849db-8402-4f2e-bad9-7471dd21ff94", "fip2"] {
        let url = authorize_url(
            &sandbox,
            &client,
            &[("acr_values", "eidas2"), ("idp_hint", hint)],
        );
        let response = browser.get(url.as_str()).await;
        assert!(
            location(&response).path().ends_with("/consent"),
            "with idp_hint={hint} FC+ reuses the live session and ignores the hint"
        );
        let consent = browser.follow(response).await;
        assert!(consent.contains("Martin"), "the previous person's identity");
    }
}

#[tokio::test]
async fn the_returned_acr_is_the_identity_providers_level_and_eidas2_under_reuse() {
    let client = TestClient::ecdh_es("acr-level");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    // fip1 is certified high: an eidas2 request comes back eidas3.
    let id_token = signed_in(&sandbox, &browser, &client).await;
    assert_eq!(
        crate::support::verify(&sandbox, &id_token)
            .await
            .claim("acr"),
        Some(&serde_json::json!("eidas3")),
        "FC+ returns the identity provider's level when it is higher than asked"
    );
    // The same browser again at eidas2: the session is reused and the acr is eidas2.
    let url = authorize_url(&sandbox, &client, &[("acr_values", "eidas2")]);
    let response = browser.get(url.as_str()).await;
    let consent = browser.follow(response).await;
    let response = browser.click(&consent, "consent-button").await;
    let callback = location(&response);
    let code = param(&callback, "code").expect("a code");
    let tokens: Value = exchange(&sandbox, &client, &code, SECRET)
        .await
        .json()
        .await
        .expect("JSON");
    let reused = client.decrypt(tokens["id_token"].as_str().expect("id_token"));
    assert_eq!(
        crate::support::verify(&sandbox, &reused).await.claim("acr"),
        Some(&serde_json::json!("eidas2")),
        "a reused FC+ session answers eidas2"
    );
}

#[tokio::test]
async fn logout_without_the_live_session_in_that_browser_gets_page_y100019() {
    let client = TestClient::ecdh_es("logout-elsewhere");
    let config = sandbox::SandboxConfig {
        logout_needs_session: true,
        ..sandbox::SandboxConfig::default()
    };
    let sandbox = crate::support::start_with(&[&client], config).await;
    let id_token = signed_in(&sandbox, &Browser::new(&sandbox), &client).await;
    let return_uri = logout_uri(client.id());
    let url = end_session_url(
        &sandbox,
        &[
            ("id_token_hint", id_token.as_str()),
            ("state", "logout-state-0123456789abcdef"),
            ("post_logout_redirect_uri", return_uri.as_str()),
        ],
    );
    // Another browser (no FC+ cookie): the person closed the one that held the session.
    let response = Browser::new(&sandbox).get(url.as_str()).await;
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert!(
        response.headers().get("location").is_none(),
        "never redirected"
    );
    let html = response.text().await.expect("HTML");
    assert!(
        html.contains("Y100019"),
        "FC+'s logout-without-session page: {html}"
    );
    assert_eq!(
        sandbox.active_sessions(),
        1,
        "the real session is untouched"
    );
}
