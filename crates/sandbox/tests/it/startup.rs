//! Starting the sandbox, its clients file, and registering a client at runtime.

use std::io::Write;

use reqwest::StatusCode;
use sandbox::{Sandbox, SandboxConfig, SandboxError, load_clients_file};

use crate::support::{Browser, TestClient, authorize_url, location, start};

#[tokio::test]
async fn refuses_a_non_loopback_address() {
    let result = Sandbox::start(
        "0.0.0.0:0".parse().expect("address"),
        SandboxConfig::default(),
    )
    .await;
    let error = result.expect_err("0.0.0.0 is not loopback");
    assert!(
        matches!(error, SandboxError::NonLoopbackAddress { .. }),
        "a stand-in IdP must never be reachable from the network: {error}"
    );
    assert!(error.to_string().contains("loopback"), "the error says why");
}

#[tokio::test]
async fn refuses_a_client_without_a_usable_encryption_key() {
    let mut client = TestClient::ecdh_es("broken");
    client.registration.id_token_encrypted_response_alg = "RSA-OAEP".into();
    let result = Sandbox::start(
        "127.0.0.1:0".parse().expect("address"),
        SandboxConfig {
            clients: vec![client.registration.clone()],
            ..SandboxConfig::default()
        },
    )
    .await;
    assert!(
        matches!(result, Err(SandboxError::InvalidClient { .. })),
        "a client FC+ could not encrypt to is refused at start, not at the first sign-in"
    );
}

#[tokio::test]
async fn a_client_registered_at_runtime_can_sign_in() {
    let sandbox = start(&[]).await;
    let client = TestClient::ecdh_es("late");
    let url = authorize_url(&sandbox, &client, &[]);
    let browser = Browser::new(&sandbox);
    assert_eq!(
        browser.get(url.as_str()).await.status(),
        StatusCode::BAD_REQUEST,
        "unknown before registration"
    );
    sandbox.register_client(client.registration.clone());
    let response = browser.get(url.as_str()).await;
    assert!(
        location(&response).path().contains("/interaction/"),
        "the app registers its loopback redirect URI after binding its port"
    );
}

#[test]
fn clients_file_loads_and_rejects_unknown_fields() {
    let client = TestClient::ecdh_es("from-file");
    let jwk = &client.registration.jwks["keys"][0];
    let text = format!(
        r#"
[[client]]
client_id = "from-file"
client_secret = "file-secret"
redirect_uris = ["http://127.0.0.1:51789/callback"]
post_logout_redirect_uris = ["http://127.0.0.1:51789/logged-out"]
id_token_encrypted_response_alg = "ECDH-ES"
eidas_enabled = false

[client.jwks]
keys = [{{ kty = "EC", crv = "P-256", use = "enc", kid = "k1", x = "{x}", y = "{y}" }}]
"#,
        x = jwk["x"].as_str().expect("x"),
        y = jwk["y"].as_str().expect("y"),
    );
    let mut file = tempfile::NamedTempFile::new().expect("temp file");
    file.write_all(text.as_bytes()).expect("write");
    let clients = load_clients_file(file.path()).expect("a valid clients file");
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0].token_endpoint_auth_method, "client_secret_post");
    assert!(!clients[0].eidas_enabled);

    let mut typo = tempfile::NamedTempFile::new().expect("temp file");
    typo.write_all(text.replace("eidas_enabled", "eidas_enable").as_bytes())
        .expect("write");
    assert!(
        matches!(
            load_clients_file(typo.path()),
            Err(SandboxError::ParseClientsFile { .. })
        ),
        "a misspelt field must not silently fall back to a default"
    );
}
