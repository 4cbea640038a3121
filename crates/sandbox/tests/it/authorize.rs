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

/// Asserts that `url` gets FC+'s error page `code` (400, no redirect) naming `parameter`.
async fn assert_fc_page(sandbox: &Sandbox, url: &url::Url, code: &str, parameter: &str) {
    let html = assert_error_page(sandbox, url, parameter).await;
    assert!(
        html.contains(&format!("<code id=\"error-code\">{code}</code>")),
        "FC+ shows page {code} for a bad {parameter}: {html}"
    );
}

#[tokio::test]
async fn unknown_client_short_nonce_missing_acr_and_bad_prompt_get_error_pages() {
    let client = TestClient::ecdh_es("pages");
    let sandbox = start(&[&client]).await;
    let cases = [
        (vec![("client_id", "nobody")], "client_id"),
        (vec![("nonce", "short")], "nonce"),
        (vec![("prompt", "none")], "prompt"),
        (vec![("prompt", "select_account")], "prompt"),
        (vec![("prompt", "")], "prompt"),
    ];
    for (overrides, parameter) in cases {
        let url = authorize_url(&sandbox, &client, &overrides);
        assert_fc_page(&sandbox, &url, "Y030007", parameter).await;
    }
    // acr_values is required (FC's authorize-params.dto.ts has no @IsOptional on it).
    let mut url = authorize_url(&sandbox, &client, &[]);
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(name, _)| name != "acr_values")
        .map(|(n, v)| (n.into_owned(), v.into_owned()))
        .collect();
    url.query_pairs_mut().clear().extend_pairs(kept);
    assert_fc_page(&sandbox, &url, "Y030007", "acr_values").await;
}

#[tokio::test]
async fn a_short_state_is_accepted_as_fc_plus_sets_no_minimum() {
    let client = TestClient::ecdh_es("short-state");
    let sandbox = start(&[&client]).await;
    let url = authorize_url(&sandbox, &client, &[("state", "s")]);
    let response = Browser::new(&sandbox).get(url.as_str()).await;
    assert!(
        location(&response).path().contains("/interaction/"),
        "a one-character state goes on to the chooser, as on FC+"
    );
}

#[tokio::test]
async fn http_redirect_uris_get_page_y030007_unless_the_client_is_loopback_dev() {
    let mut strict = TestClient::ecdh_es("strict");
    strict.registration.loopback_dev = false;
    let mut https = TestClient::ecdh_es("https");
    https.registration.loopback_dev = false;
    https.registration.redirect_uris = vec![
        "https://guichet.mairie.example/callback".to_owned(),
        "https://127.0.0.1:8443/callback".to_owned(),
        "https://localhost:8443/callback".to_owned(),
    ];
    let dev = TestClient::ecdh_es("dev");
    let sandbox = start(&[&strict, &https, &dev]).await;
    // The same http loopback URI, registered exactly: refused for a normal client.
    let url = authorize_url(&sandbox, &strict, &[]);
    assert_fc_page(&sandbox, &url, "Y030007", "redirect_uri").await;
    // https with a TLD or an IP address is what FC+ accepts; localhost has no TLD.
    for (uri, accepted) in [
        ("https://guichet.mairie.example/callback", true),
        ("https://127.0.0.1:8443/callback", true),
        ("https://localhost:8443/callback", false),
    ] {
        let url = authorize_url(&sandbox, &https, &[("redirect_uri", uri)]);
        let response = Browser::new(&sandbox).get(url.as_str()).await;
        assert_eq!(
            response.status() != StatusCode::BAD_REQUEST,
            accepted,
            "{uri}: FC+ requires https and a top-level domain or an IP (urlsRequireTld)"
        );
    }
    let url = authorize_url(&sandbox, &dev, &[]);
    let response = Browser::new(&sandbox).get(url.as_str()).await;
    assert!(
        location(&response).path().contains("/interaction/"),
        "a loopback_dev client is the sandbox's one documented leniency"
    );
}

#[tokio::test]
async fn amr_not_granted_gets_page_y100009_and_is_fine_when_not_asked() {
    let mut client = TestClient::ecdh_es("no-amr");
    client.registration.amr = false;
    let sandbox = start(&[&client]).await;
    let url = authorize_url(&sandbox, &client, &[]);
    assert_fc_page(&sandbox, &url, "Y100009", "claims").await;
    let url = authorize_url(&sandbox, &client, &[("claims", r#"{"id_token":{}}"#)]);
    let response = Browser::new(&sandbox).get(url.as_str()).await;
    assert!(
        location(&response).path().contains("/interaction/"),
        "without amr in claims the same registration signs in"
    );
}

#[tokio::test]
async fn response_type_and_missing_openid_are_redirected_with_their_error() {
    let client = TestClient::ecdh_es("redirect-errors");
    let sandbox = start(&[&client]).await;
    let url = authorize_url(&sandbox, &client, &[("response_type", "token")]);
    assert_error_redirect(&sandbox, &client, &url, "unsupported_response_type").await;
    let url = authorize_url(&sandbox, &client, &[("scope", "profile")]);
    assert_error_redirect(&sandbox, &client, &url, "invalid_request").await;
}

#[tokio::test]
async fn unknown_acr_values_are_ignored_and_give_eidas3() {
    let client = TestClient::ecdh_es("unknown-acr");
    let sandbox = start(&[&client]).await;
    let url = authorize_url(&sandbox, &client, &[("acr_values", "loa-high")]);
    let response = Browser::new(&sandbox).get(url.as_str()).await;
    let chooser = Browser::new(&sandbox)
        .get(location(&response).as_str())
        .await
        .text()
        .await
        .expect("chooser");
    assert!(
        chooser.contains("id=\"idp-fip3\" disabled"),
        "an unknown acr is read as eidas3: the substantial-only provider is disabled"
    );
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
async fn scope_outside_the_registration_and_bad_idp_hint_are_redirected_with_their_error() {
    let client = TestClient::ecdh_es("redirected");
    let mut no_eidas = TestClient::ecdh_es("no-eidas");
    no_eidas.registration.eidas_enabled = false;
    let sandbox = start(&[&client, &no_eidas]).await;

    let mut pivot = TestClient::ecdh_es("pivot-only");
    pivot.registration.scopes = Some(vec!["openid".into(), "identite_pivot".into()]);
    sandbox.register_client(pivot.registration.clone());
    // A known scope outside the registration is refused; an unknown one is ignored.
    let url = authorize_url(&sandbox, &pivot, &[("scope", "openid given_name email")]);
    assert_error_redirect(&sandbox, &pivot, &url, "invalid_scope").await;
    let url = authorize_url(&sandbox, &pivot, &[("scope", "openid given_name phone")]);
    let response = Browser::new(&sandbox).get(url.as_str()).await;
    assert!(
        location(&response).path().contains("/interaction/"),
        "an unknown scope is ignored, as FC+ does"
    );
    let url = authorize_url(&sandbox, &client, &[("idp_hint", "somewhere-else")]);
    assert_error_redirect(&sandbox, &client, &url, "invalid_idp_hint").await;
    let url = authorize_url(
        &sandbox,
        &no_eidas,
        &[("idp_hint", "8aa849db-8402-4f2e-bad9-7471dd21ff94")],
    );
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

/// FC's `core-fcp.controller.ts` (`hasError` on the way back from the identity provider) and
/// `interaction.error.ejs`: a failure at an identity provider or the eIDAS node brings the
/// chooser back with a banner; the client hears nothing, and the person can try again.
#[tokio::test]
async fn a_failure_at_an_identity_provider_or_the_eidas_node_returns_to_the_chooser() {
    let client = TestClient::ecdh_es("idp-error");
    let sandbox = start(&[&client]).await;
    let browser = Browser::new(&sandbox);
    let response = browser
        .get(authorize_url(&sandbox, &client, &[("ui_locales", "en")]).as_str())
        .await;
    let chooser = browser.follow(response).await;
    assert!(
        !chooser.contains("interaction-error-banner"),
        "no banner at first"
    );

    for path in [
        vec!["idp-fip2"],
        vec!["eidas-button"],
        vec!["eidas-button", "country-DE"],
    ] {
        let mut html = chooser.clone();
        for id in &path {
            let response = browser.click(&html, id).await;
            assert_eq!(response.status(), StatusCode::OK, "clicking {id}");
            html = response.text().await.expect("HTML");
        }
        assert!(
            !html.contains("id=\"cancel-link\""),
            "{path:?}: the identity provider's pages have no link back to the service"
        );
        let response = browser.click(&html, "idp-cancel-link").await;
        let back = location(&response);
        assert!(
            !back.as_str().starts_with(client.redirect_uri()),
            "{path:?}: a failure at the identity provider never reaches the client"
        );
        let again = browser.follow(response).await;
        assert!(
            again.contains("id=\"interaction-error-banner\""),
            "{path:?}: the chooser says the connection failed: {again}"
        );
        let expected = if path[0] == "idp-fip2" {
            "Demo identity provider 2"
        } else {
            "eIDAS"
        };
        let banner_at = again.find("interaction-error-banner").expect("banner");
        let banner =
            &again[banner_at..banner_at + again[banner_at..].find("</section>").expect("end")];
        assert!(
            banner.contains(expected),
            "{path:?}: the banner names it: {banner}"
        );
        assert!(
            again.contains("id=\"idp-fip1\""),
            "the person can try again"
        );
        let reloaded = browser.get(back.as_str()).await.text().await.expect("HTML");
        assert!(
            !reloaded.contains("interaction-error-banner"),
            "the banner is shown once, as FC+ shows it on the way back only"
        );
    }

    // After the failure the same interaction still signs in.
    let response = browser.click(&chooser, "idp-fip1").await;
    let idp = response.text().await.expect("HTML");
    let response = browser.click(&idp, "identity-marie").await;
    let consent = browser.follow(response).await;
    assert!(
        !consent.contains("id=\"cancel-link\""),
        "FC+'s consent page has no link back either (FC's consent.ejs)"
    );
    let response = browser.click(&consent, "consent-button").await;
    let callback = location(&response);
    assert!(param(&callback, "code").is_some(), "{callback}");
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
