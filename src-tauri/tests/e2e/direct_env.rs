//! `--env integration` with a configuration file, against `guichet sandbox` running as its own
//! process: the path a real FC+ integration client takes (fixed port, secret from the
//! environment, decryption keys from a file, discovery cached for offline starts).

use std::path::Path;
use std::time::Duration;

use josekit::jwk::Jwk;
use josekit::jwk::alg::ec::EcCurve;
use serde_json::json;

use crate::browser::{Chromium, free_port};
use crate::cli::{assert_no_tokens, finish, guichet, stderr, stdout};

struct Registration {
    dir: tempfile::TempDir,
    sandbox: tokio::process::Child,
}

/// How the registered client authenticates at the token endpoint.
enum ClientAuth<'a> {
    Secret(&'a str),
    /// `private_key_jwt` with an ES256 key written to `client-signing.jwk.json`.
    PrivateKeyJwt,
}

/// Writes the key files and a clients file, and starts `guichet sandbox` on them.
async fn register(secret: &str) -> Registration {
    register_with(ClientAuth::Secret(secret)).await
}

async fn register_with(auth: ClientAuth<'_>) -> Registration {
    let dir = tempfile::tempdir().unwrap();
    let callback_port = free_port();
    let sandbox_port = free_port();
    let mut key = Jwk::generate_ec_key(EcCurve::P256).unwrap();
    key.set_key_id("integration-enc");
    key.set_key_use("enc");
    let mut public = key.to_public_key().unwrap();
    public.set_key_id("integration-enc");
    std::fs::write(
        dir.path().join("keys.jwks.json"),
        json!({ "keys": [key.as_ref()] }).to_string(),
    )
    .unwrap();
    let mut public_keys = vec![serde_json::Value::Object(public.as_ref().clone())];
    let mut client = json!({
        "client_id": "integration-client",
        "redirect_uris": [format!("http://127.0.0.1:{callback_port}/callback")],
        "post_logout_redirect_uris": [format!("http://127.0.0.1:{callback_port}/logout-callback")],
        "id_token_encrypted_response_alg": "ECDH-ES",
        // Direct mode needs a provider that accepts loopback redirects: FC+ does not, the
        // sandbox does only for a client registered so (its one leniency).
        "loopback_dev": true,
    });
    let auth_config = match auth {
        ClientAuth::Secret(secret) => {
            client["client_secret"] = json!(secret);
            "client_secret_env = \"GUICHET_TEST_CLIENT_SECRET\"\n".to_owned()
        }
        ClientAuth::PrivateKeyJwt => {
            let mut signing = Jwk::generate_ec_key(EcCurve::P256).unwrap();
            signing.set_key_id("integration-sig");
            signing.set_key_use("sig");
            let mut signing_public = signing.to_public_key().unwrap();
            signing_public.set_key_id("integration-sig");
            public_keys.push(serde_json::Value::Object(signing_public.as_ref().clone()));
            std::fs::write(
                dir.path().join("client-signing.jwk.json"),
                signing.to_string(),
            )
            .unwrap();
            client["token_endpoint_auth_method"] = json!("private_key_jwt");
            "token_auth = \"private_key_jwt\"\nclient_signing_key = \"client-signing.jwk.json\"\n"
                .to_owned()
        }
    };
    client["jwks"] = json!({ "keys": public_keys });
    let clients = json!({ "client": [client] });
    std::fs::write(
        dir.path().join("clients.toml"),
        toml::to_string(&clients).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("guichet.toml"),
        format!(
            "[provider]\n\
             issuer = \"http://127.0.0.1:{sandbox_port}/api/v2\"\n\
             client_id = \"integration-client\"\n\
             {auth_config}\
             redirect_uri = \"http://127.0.0.1:{callback_port}/callback\"\n\
             post_logout_redirect_uri = \"http://127.0.0.1:{callback_port}/logout-callback\"\n\
             decryption_keys = \"keys.jwks.json\"\n\
             acr = \"eidas2\"\n\
             eidas_idp_hint = \"eidas-bridge\"\n"
        ),
    )
    .unwrap();
    let sandbox = guichet()
        .args(["sandbox", "--port", &sandbox_port.to_string(), "--clients"])
        .arg(dir.path().join("clients.toml"))
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while tokio::net::TcpStream::connect(("127.0.0.1", sandbox_port))
        .await
        .is_err()
    {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "guichet sandbox did not start"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    Registration { dir, sandbox }
}

async fn login(
    registration: &Registration,
    client_secret: &str,
    clicks: &[&str],
) -> std::process::Output {
    let chromium = Chromium::new();
    let config = registration.dir.path().join("guichet.toml");
    let child = guichet()
        .env("GUICHET_TEST_CLIENT_SECRET", client_secret)
        .env("GUICHET_CACHE_DIR", registration.dir.path().join("cache"))
        .env("GUICHET_DATA_DIR", registration.dir.path().join("data"))
        .args([
            "login",
            "--env",
            "integration",
            "--json",
            "--timeout",
            "60",
            "--config",
        ])
        .arg(&config)
        .args(["--browser", &chromium.command()])
        .spawn()
        .unwrap();
    let driver = chromium.attach().await;
    for id in clicks {
        driver.click(id).await;
    }
    driver.text("message-en").await;
    driver.close().await;
    finish(child).await
}

fn files_under(dir: &Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default()
}

#[tokio::test]
async fn a_configured_client_signs_in_and_caches_only_public_documents() {
    let registration = register("integration-secret").await;
    let output = login(
        &registration,
        "integration-secret",
        &["idp-fip1", "identity-marie", "consent-button"],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let identity: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(identity["family_name"], "Martin");
    assert_eq!(
        identity["acr"], "eidas3",
        "eidas2 is asked (the configured level); fip1 is certified high, and FC+ returns the identity provider's level when it is higher than asked"
    );
    assert_no_tokens(&stderr(&output));

    let cached = files_under(&registration.dir.path().join("cache"));
    assert_eq!(
        cached.len(),
        2,
        "discovery and JWKS are cached for offline starts: {cached:?}"
    );
    for file in cached {
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(
            !text.contains("Martin") && !text.contains("eyJ"),
            "{file:?} holds personal data or a token"
        );
        assert!(!text.contains("\"d\""), "{file:?} holds a private key");
    }
}

#[tokio::test]
async fn a_wrong_client_secret_is_refused_with_a_clear_error() {
    let registration = register("the-registered-secret").await;
    let output = login(
        &registration,
        "not-the-secret",
        &["idp-fip2", "identity-jean", "consent-button"],
    )
    .await;
    assert_eq!(output.status.code(), Some(6), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(err.contains("invalid_client"), "{err}");
    assert!(
        err.contains("client id and secret"),
        "the message says what to check: {err}"
    );
    assert!(
        !err.contains("not-the-secret"),
        "the secret must never be printed: {err}"
    );
    assert!(stdout(&output).is_empty());
}

#[tokio::test]
async fn a_missing_secret_variable_is_named_in_the_error() {
    let registration = register("x").await;
    let output = guichet()
        .env_remove("GUICHET_TEST_CLIENT_SECRET")
        .args(["login", "--env", "integration", "--config"])
        .arg(registration.dir.path().join("guichet.toml"))
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(7));
    assert!(
        stderr(&output).contains("GUICHET_TEST_CLIENT_SECRET"),
        "{}",
        stderr(&output)
    );
    drop(registration.sandbox);
}

#[tokio::test]
async fn a_private_key_jwt_client_signs_in_without_any_secret() {
    let registration = register_with(ClientAuth::PrivateKeyJwt).await;
    let output = login(
        &registration,
        "unused",
        &["idp-fip2", "identity-jean", "consent-button"],
    )
    .await;
    assert!(output.status.success(), "{}", stderr(&output));
    let identity: serde_json::Value = serde_json::from_str(stdout(&output).trim()).unwrap();
    assert_eq!(
        identity["family_name"], "Bernard",
        "the ES256 client assertion was accepted"
    );
}
