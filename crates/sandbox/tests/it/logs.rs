//! Canary test: no personal data, secret or token reaches the logs.

use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

use sandbox::{IdentityOrigin, SandboxConfig, TestIdentity};
use serde_json::{Map, Value};
use url::Url;

use crate::support::{
    Browser, SECRET, TestClient, authorize_url, exchange, logout_uri, param, sign_in, start_with,
    userinfo,
};

/// A log sink shared between the subscriber and the test.
#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

// current_thread: the server runs on this thread, under this thread's subscriber.
#[tokio::test(flavor = "current_thread")]
async fn no_personal_data_secret_or_token_reaches_the_logs() {
    let capture = Capture::default();
    let writer = capture.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new("sandbox=trace"))
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    // tracing caches each callsite's interest globally. With a single registered dispatcher
    // it asks the *registering thread's* default, so an event first reached by a concurrent
    // test (which has no subscriber) would be cached as "never" and vanish from this capture.
    // A second registered dispatcher makes tracing ask every dispatcher instead.
    let _second_dispatcher = tracing::Dispatch::new(tracing::subscriber::NoSubscriber::default());
    let _guard = tracing::subscriber::set_default(subscriber);

    let mut claims = Map::new();
    for (claim, value) in [
        ("given_name", "Canarygivenname"),
        ("family_name", "Canaryfamilyname"),
        ("birthdate", "1911-11-11"),
        ("email", "canary@example.org"),
    ] {
        claims.insert(claim.into(), value.into());
    }
    let config = SandboxConfig {
        extra_identities: vec![TestIdentity {
            login: "canarylogin".into(),
            origin: IdentityOrigin::France {
                idp_id: "fip1".into(),
            },
            claims,
            amr: vec!["fc".into(), "pwd".into()],
        }],
        ..SandboxConfig::default()
    };
    let client = TestClient::ecdh_es("canary-client");
    let sandbox = start_with(&[&client], config).await;
    let browser = Browser::new(&sandbox);
    let url = authorize_url(
        &sandbox,
        &client,
        &[("idp_hint", "fip1"), ("acr_values", "eidas2")],
    );
    let callback = sign_in(&browser, &url, &[], "canarylogin").await;
    let code = param(&callback, "code").expect("a code");
    exchange(&sandbox, &client, &code, "wrong-secret-canary").await;
    let tokens: Value = exchange(&sandbox, &client, &code, SECRET)
        .await
        .json()
        .await
        .expect("JSON");
    let access_token = tokens["access_token"].as_str().expect("access_token");
    userinfo(&sandbox, access_token).await;
    let id_token = client.decrypt(tokens["id_token"].as_str().expect("id_token"));
    let mut logout = Url::parse(&format!("{}/session/end", sandbox.issuer())).expect("URL");
    logout.query_pairs_mut().extend_pairs([
        ("id_token_hint", id_token.as_str()),
        ("state", "logout-state-0123456789abcdef"),
        ("post_logout_redirect_uri", logout_uri(client.id()).as_str()),
    ]);
    let logout_page = browser
        .get(logout.as_str())
        .await
        .text()
        .await
        .expect("HTML");
    browser.click(&logout_page, "logout-continue-button").await;
    sandbox.shutdown().await;

    let logs = String::from_utf8(
        capture
            .0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone(),
    )
    .expect("UTF-8 logs");
    assert!(
        logs.contains("token_issued") && logs.contains("session_ended"),
        "the capture works and events are logged by name:\n{logs}"
    );
    for canary in [
        "Canarygivenname",
        "Canaryfamilyname",
        "1911-11-11",
        "canary@example.org",
        "canarylogin",
        "wrong-secret-canary",
        SECRET,
        &code,
        access_token,
        &id_token,
        &id_token[..40],
    ] {
        assert!(
            !logs.contains(canary),
            "logs must carry event names and codes only, never {canary:?}:\n{logs}"
        );
    }
}
