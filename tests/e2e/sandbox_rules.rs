//! The sandbox refuses in a real browser what FC+ refuses: an unknown authorize parameter gives
//! an error page that never comes back, `eidas1` comes back as `invalid_acr`.

use std::time::Duration;

use fcplus::callback::{Expected, RedirectKind};
use fcplus::{CancelHandle, DecryptionKeys, LoopbackListener};
use sandbox::{ClientRegistration, Sandbox, SandboxConfig};

use crate::support::browser::Chromium;

struct Setup {
    sandbox: Sandbox,
    listener: LoopbackListener,
}

async fn setup() -> Setup {
    let listener = LoopbackListener::bind_addr(([127, 0, 0, 1], 0).into())
        .await
        .unwrap();
    let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
        .await
        .unwrap();
    let keys = DecryptionKeys::generate_ec("k").unwrap();
    sandbox.register_client(ClientRegistration::loopback(
        "client-e2e",
        "secret-e2e",
        vec![listener.url_for("/callback").to_string()],
        keys.public_jwks(),
    ));
    Setup { sandbox, listener }
}

fn authorize_url(setup: &Setup, acr: &str, extra: &[(&str, &str)]) -> String {
    let mut url = setup.sandbox.issuer();
    url.set_path(&format!("{}/authorize", url.path()));
    url.query_pairs_mut()
        .append_pair("response_type", "code")
        .append_pair("client_id", "client-e2e")
        .append_pair("redirect_uri", setup.listener.url_for("/callback").as_str())
        .append_pair("scope", "openid given_name")
        .append_pair("acr_values", acr)
        .append_pair("state", "state-e2e-0123456789abcdefghij")
        .append_pair("nonce", "nonce-e2e-0123456789abcdefghij")
        .extend_pairs(extra);
    url.to_string()
}

fn expected(setup: &Setup) -> Expected {
    Expected {
        path: "/callback".into(),
        state: "state-e2e-0123456789abcdefghij".into(),
        issuer: setup.sandbox.issuer().to_string(),
        require_iss: true,
        kind: RedirectKind::Authorization,
    }
}

#[tokio::test]
async fn an_unknown_parameter_such_as_pkce_gets_an_error_page_that_never_redirects() {
    let setup = setup().await;
    let chromium = Chromium::new();
    chromium.launch(&authorize_url(
        &setup,
        "eidas3",
        &[("code_challenge", "abc")],
    ));
    let driver = chromium.attach().await;
    let message = driver.text("error-page").await;
    assert!(
        message.contains("code_challenge"),
        "the page names the refused parameter: {message}"
    );
    let wait = setup
        .listener
        .wait(
            expected(&setup),
            Duration::from_secs(2),
            &CancelHandle::new(),
        )
        .await;
    assert_eq!(
        wait.unwrap_err().code(),
        codes::Code::TimedOut,
        "FC+ never redirects after this error: the app must rely on its timeout"
    );
    driver.close().await;
}

#[tokio::test]
async fn eidas1_comes_back_as_invalid_acr() {
    let setup = setup().await;
    let chromium = Chromium::new();
    chromium.launch(&authorize_url(&setup, "eidas1", &[]));
    let result = setup
        .listener
        .wait(
            expected(&setup),
            Duration::from_secs(30),
            &CancelHandle::new(),
        )
        .await;
    match result {
        Err(fcplus::SignInError::Provider { code, .. }) => assert_eq!(code, "invalid_acr"),
        other => panic!("eidas1 must be refused with invalid_acr, got {other:?}"),
    }
}
