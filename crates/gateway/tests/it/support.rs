//! A real sandbox FC+ with the gateway registered as its confidential client, the gateway
//! (in this process, or as `guichet-gateway` processes), and a scripted kiosk.

use crate::browser::Expect as _;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use fcplus::sensitive::{pkce_s256_challenge, random_token};
use gateway::keys::SigningKeys;
use gateway::{GatewayConfig, RawGatewayConfig, RunningGateway};
use reqwest::StatusCode;
use sandbox::{ClientRegistration, Sandbox, SandboxConfig, TestIdentity};
use serde_json::{Map, Value, json};
use url::Url;

pub const KIOSK: &str = "kiosk-accueil-1";
pub const FC_CLIENT: &str = "guichet-gateway-test";
pub const SECRET: &str = "gateway-test-secret-0123456789";
/// The sandbox's id for the eIDAS bridge.
pub const FC_EIDAS_HINT: &str = "8aa849db-8402-4f2e-bad9-7471dd21ff94";
pub const FRENCH: &[&str] = &["idp-fip1", "identity-marie", "consent-button"];
pub const EIDAS: &[&str] = &["country-DE", "identity-erika", "consent-button"];

pub use sandbox::browser::free_port;

/// Key files and the secret the gateway replicas share.
pub struct Files {
    pub dir: tempfile::TempDir,
    pub encryption_public: Value,
}

impl Files {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let signing = SigningKeys::generate("sig-test", "sig").expect("signing key");
        let encryption = SigningKeys::generate("enc-test", "enc").expect("encryption key");
        let mut public = encryption.to_public_key().expect("public half");
        public.set_key_id("enc-test");
        public.set_key_use("enc");
        std::fs::write(
            dir.path().join("signing.jwks.json"),
            json!({ "keys": [signing.as_ref()] }).to_string(),
        )
        .expect("write");
        std::fs::write(
            dir.path().join("encryption.jwks.json"),
            json!({ "keys": [encryption.as_ref()] }).to_string(),
        )
        .expect("write");
        std::fs::write(dir.path().join("fc-secret"), SECRET).expect("write");
        Self {
            dir,
            encryption_public: json!({ "keys": [public.as_ref()] }),
        }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A gateway configuration listening on `port`, known to kiosks and FC+ as `public_url`.
    pub fn config(&self, port: u16, public_url: &Url, issuer: &Url, extra: &str) -> PathBuf {
        self.config_with(port, public_url, issuer, "", extra)
    }

    /// [`Self::config`] with more lines in `[server]`.
    pub fn config_with(
        &self,
        port: u16,
        public_url: &Url,
        issuer: &Url,
        server: &str,
        extra: &str,
    ) -> PathBuf {
        let path = self.path(&format!("gateway-{port}.toml"));
        let text = format!(
            "[server]\nlisten = \"127.0.0.1:{port}\"\npublic_url = \"{public}\"\n{server}\n\
             [franceconnect]\nissuer = \"{issuer}\"\nclient_id = \"{FC_CLIENT}\"\n\
             client_secret_file = \"fc-secret\"\ndecryption_keys = \"encryption.jwks.json\"\n\
             eidas_idp_hint = \"{FC_EIDAS_HINT}\"\n\n\
             [signing]\nkeys = \"signing.jwks.json\"\n\n\
             [[kiosk]]\nclient_id = \"{KIOSK}\"\n\n{extra}\n",
            public = public_url.as_str().trim_end_matches('/'),
        );
        std::fs::write(&path, text).expect("write config");
        path
    }
}

/// The sandbox, with the gateway at `public_url` registered as its client.
pub async fn sandbox(files: &Files, public_url: &Url, extra: Vec<TestIdentity>) -> Sandbox {
    let sandbox = Sandbox::start(
        ([127, 0, 0, 1], 0).into(),
        SandboxConfig {
            extra_identities: extra,
            ..SandboxConfig::default()
        },
    )
    .await
    .expect("sandbox starts");
    let base = public_url.as_str().trim_end_matches('/');
    sandbox.register_client(ClientRegistration {
        post_logout_redirect_uris: vec![format!("{base}/fc/logged-out")],
        ..ClientRegistration::loopback(
            FC_CLIENT,
            SECRET,
            vec![format!("{base}/fc/callback")],
            files.encryption_public.clone(),
        )
    });
    sandbox
}

/// One gateway in this process with a sandbox behind it.
pub struct Setup {
    pub _files: Files,
    pub sandbox: Sandbox,
    pub _gateway: RunningGateway,
    pub url: Url,
}

impl Setup {
    pub async fn start(extra_config: &str) -> Self {
        Self::start_with(extra_config, Vec::new()).await
    }

    pub async fn start_with(extra_config: &str, identities: Vec<TestIdentity>) -> Self {
        let files = Files::new();
        let port = free_port();
        let url = Url::parse(&format!("http://127.0.0.1:{port}")).expect("URL");
        let sandbox = sandbox(&files, &url, identities).await;
        let path = files.config(port, &url, &sandbox.issuer(), extra_config);
        let gateway = gateway::start(load(&path))
            .await
            .expect("the gateway starts");
        Self {
            _files: files,
            sandbox,
            _gateway: gateway,
            url,
        }
    }
}

pub fn load(path: &Path) -> GatewayConfig {
    let raw = RawGatewayConfig::from_file(path).expect("config parses");
    GatewayConfig::from_raw(raw, path.parent().expect("folder")).expect("config is valid")
}

/// What a kiosk holds during one sign-in.
pub struct Kiosk {
    pub verifier: String,
    pub state: String,
    pub nonce: String,
    pub redirect_uri: String,
}

impl Kiosk {
    /// A kiosk sign-in with a redirect on an arbitrary loopback port (nothing listens there:
    /// the scripted browser stops at it).
    pub fn new() -> Self {
        Self {
            verifier: random_token(),
            state: random_token(),
            nonce: random_token(),
            redirect_uri: format!("http://127.0.0.1:{}/callback", free_port()),
        }
    }

    /// The authorize URL with PKCE S256; `change` edits parameters (`None` removes one).
    pub fn authorize_url(&self, gateway: &Url, change: &[(&str, Option<&str>)]) -> Url {
        let challenge = pkce_s256_challenge(&self.verifier);
        let mut params: Vec<(&str, String)> = vec![
            ("response_type", "code".into()),
            ("client_id", KIOSK.into()),
            ("redirect_uri", self.redirect_uri.clone()),
            ("scope", "openid given_name family_name birthdate".into()),
            ("state", self.state.clone()),
            ("nonce", self.nonce.clone()),
            ("code_challenge", challenge),
            ("code_challenge_method", "S256".into()),
            ("acr_values", "eidas2".into()),
        ];
        for (name, value) in change {
            params.retain(|(n, _)| n != name);
            if let Some(value) = value {
                params.push((name, (*value).to_owned()));
            }
        }
        let mut url = gateway.join("/authorize").expect("URL");
        url.query_pairs_mut().extend_pairs(params);
        url
    }

    pub fn browser(&self) -> crate::browser::Browser {
        crate::browser::Browser::new(&self.redirect_uri)
    }
}

/// The query parameters of a URL.
pub fn query(url: &Url) -> HashMap<String, String> {
    url.query_pairs().into_owned().collect()
}

/// `POST /token` as a kiosk; `verifier: None` leaves it out.
pub async fn token(
    gateway: &Url,
    kiosk: &Kiosk,
    code: &str,
    verifier: Option<&str>,
) -> (StatusCode, Value) {
    let mut form = vec![
        ("grant_type", "authorization_code"),
        ("code", code),
        ("redirect_uri", kiosk.redirect_uri.as_str()),
        ("client_id", KIOSK),
    ];
    if let Some(verifier) = verifier {
        form.push(("code_verifier", verifier));
    }
    let response = reqwest::Client::new()
        .post(gateway.join("/token").expect("URL"))
        .form(&form)
        .send()
        .await
        .expect("token request");
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// Verifies an ID token against the gateway's published JWKS and returns its claims.
pub async fn verify_id_token(gateway: &Url, id_token: &str) -> Map<String, Value> {
    let jwks: Value = reqwest::get(gateway.join("/jwks").expect("URL"))
        .await
        .expect("jwks")
        .json()
        .await
        .expect("jwks JSON");
    let kid = fcplus::jose::check_signature_algorithm(id_token)
        .expect("ES256")
        .expect("a kid");
    let key = jwks["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .find(|k| k["kid"] == kid.as_str())
        .expect("the signing key is published");
    let jwk = josekit::jwk::Jwk::from_map(key.as_object().expect("JWK").clone()).expect("JWK");
    fcplus::jose::verify_es256(id_token, &jwk).expect("the gateway's signature verifies")
}

/// A whole sign-in as a kiosk: browser through FC+, then `/token` with the right verifier.
pub async fn sign_in(gateway: &Url, clicks: &[&str], change: &[(&str, Option<&str>)]) -> Value {
    let kiosk = Kiosk::new();
    let back = kiosk
        .browser()
        .sign_in(kiosk.authorize_url(gateway, change), clicks)
        .await
        .kiosk();
    let params = query(&back);
    let code = params
        .get("code")
        .unwrap_or_else(|| panic!("no code: {back}"));
    let (status, body) = token(gateway, &kiosk, code, Some(&kiosk.verifier)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

/// Waits until `url` answers HTTP 200 (a gateway process has started).
pub async fn wait_ready(url: &Url) {
    let start = std::time::Instant::now();
    loop {
        if let Ok(response) = reqwest::get(url.join("/ready").expect("URL")).await
            && response.status() == StatusCode::OK
        {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "{url} never became ready"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
