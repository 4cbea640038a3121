//! Test helpers: clients with real key pairs, a cookie-keeping "browser" that follows the
//! pages by element id, and opening the sandbox's signed-then-encrypted tokens.

use std::time::{Duration, SystemTime};

use josekit::jwe::{self, JweDecrypter};
use josekit::jwk::{Jwk, KeyPair};
use josekit::jws::alg::ecdsa::EcdsaJwsSigner;
use josekit::jws::{ES256, JwsHeader};
use josekit::jwt::{self, JwtPayload};
use reqwest::{Method, StatusCode, redirect};
use sandbox::browser::ClickTarget;
use sandbox::{ClientRegistration, Sandbox, SandboxConfig};
use serde_json::{Value, json};
use url::Url;

pub const SECRET: &str = "a-client-secret-for-tests-only";
/// 32 characters: above FC+'s 22-character minimum.
pub const STATE: &str = "state-0123456789abcdef0123456789";
pub const NONCE: &str = "nonce-0123456789abcdef0123456789";

/// A client as the app would be: its registration and the private keys behind it.
pub struct TestClient {
    pub registration: ClientRegistration,
    decrypter: Box<dyn JweDecrypter>,
    signer: Option<EcdsaJwsSigner>,
}

impl TestClient {
    /// A `client_secret_post` client whose tokens are encrypted with ECDH-ES to a P-256 key.
    pub fn ecdh_es(client_id: &str) -> TestClient {
        let key_pair = jwe::ECDH_ES
            .generate_ec_key_pair(josekit::jwk::alg::ec::EcCurve::P256)
            .expect("P-256 key pair");
        let decrypter = jwe::ECDH_ES
            .decrypter_from_jwk(&key_pair.to_jwk_key_pair())
            .expect("ECDH-ES decrypter");
        TestClient::new(
            client_id,
            "ECDH-ES",
            enc_key(key_pair.to_jwk_public_key(), "enc-ec"),
            Box::new(decrypter),
        )
    }

    /// A `client_secret_post` client whose tokens are encrypted with RSA-OAEP-256.
    pub fn rsa_oaep_256(client_id: &str) -> TestClient {
        let key_pair = jwe::RSA_OAEP_256
            .generate_key_pair(2048)
            .expect("RSA key pair");
        let decrypter = jwe::RSA_OAEP_256
            .decrypter_from_jwk(&key_pair.to_jwk_key_pair())
            .expect("RSA-OAEP-256 decrypter");
        TestClient::new(
            client_id,
            "RSA-OAEP-256",
            enc_key(key_pair.to_jwk_public_key(), "enc-rsa"),
            Box::new(decrypter),
        )
    }

    /// A `client_secret_post` client (FC+ has no other kind) that also publishes an ES256
    /// signing key and can sign RFC 7523 client assertions with it: what a client that
    /// believed FC+'s discovery (`private_key_jwt` listed) would send.
    pub fn with_signing_key(client_id: &str) -> TestClient {
        let mut client = TestClient::ecdh_es(client_id);
        let key_pair = ES256.generate_key_pair().expect("ES256 key pair");
        let mut public = key_pair.to_jwk_public_key();
        public.set_key_id("sig-1");
        public.set_key_use("sig");
        let mut private = key_pair.to_jwk_key_pair();
        private.set_key_id("sig-1");
        let signer = ES256.signer_from_jwk(&private).expect("ES256 signer");
        let keys = client.registration.jwks["keys"]
            .as_array_mut()
            .expect("keys array");
        keys.push(Value::Object(public.into()));
        client.signer = Some(signer);
        client
    }

    fn new(client_id: &str, alg: &str, enc_key: Jwk, decrypter: Box<dyn JweDecrypter>) -> Self {
        let registration = ClientRegistration {
            post_logout_redirect_uris: vec![logout_uri(client_id)],
            id_token_encrypted_response_alg: alg.to_owned(),
            ..ClientRegistration::loopback(
                client_id,
                SECRET,
                vec![redirect_uri(client_id)],
                json!({ "keys": [Value::Object(enc_key.into())] }),
            )
        };
        TestClient {
            registration,
            decrypter,
            signer: None,
        }
    }

    pub fn id(&self) -> &str {
        &self.registration.client_id
    }

    pub fn redirect_uri(&self) -> &str {
        &self.registration.redirect_uris[0]
    }

    /// A fresh ES256 client assertion for the token endpoint.
    pub fn assertion(&self, audience: &str, jti: &str) -> String {
        let signer = self.signer.as_ref().expect("a client with a signing key");
        let mut payload = JwtPayload::new();
        payload.set_issuer(self.id());
        payload.set_subject(self.id());
        payload.set_audience(vec![audience]);
        payload.set_jwt_id(jti);
        payload.set_issued_at(&SystemTime::now());
        payload.set_expires_at(&(SystemTime::now() + Duration::from_secs(60)));
        jwt::encode_with_signer(&payload, &JwsHeader::new(), signer).expect("assertion")
    }

    /// Decrypts a token from the sandbox, checks its JWE header, and returns the inner JWS.
    pub fn decrypt(&self, token: &str) -> String {
        let (inner, header) = jwe::deserialize_compact(token, &*self.decrypter)
            .expect("the token decrypts with the client's private key");
        assert_eq!(
            header.content_encryption(),
            Some("A256GCM"),
            "FC+ uses A256GCM"
        );
        assert_eq!(
            header.content_type(),
            Some("JWT"),
            "cty JWT says the payload is a nested signed JWT"
        );
        assert_eq!(
            header.algorithm(),
            Some(self.registration.id_token_encrypted_response_alg.as_str()),
            "the registered key management algorithm is used"
        );
        assert!(
            header.key_id().is_some(),
            "the JWE kid names the client's key"
        );
        String::from_utf8(inner).expect("UTF-8 JWS")
    }
}

fn enc_key(mut jwk: Jwk, kid: &str) -> Jwk {
    jwk.set_key_id(kid);
    jwk.set_key_use("enc");
    jwk
}

pub fn redirect_uri(client_id: &str) -> String {
    format!("http://127.0.0.1:51789/{client_id}/callback")
}

pub fn logout_uri(client_id: &str) -> String {
    format!("http://127.0.0.1:51789/{client_id}/logged-out")
}

pub async fn start(clients: &[&TestClient]) -> Sandbox {
    start_with(clients, SandboxConfig::default()).await
}

pub async fn start_with(clients: &[&TestClient], mut config: SandboxConfig) -> Sandbox {
    config
        .clients
        .extend(clients.iter().map(|client| client.registration.clone()));
    Sandbox::start("127.0.0.1:0".parse().expect("address"), config)
        .await
        .expect("the sandbox starts on loopback")
}

/// Verifies the ES256 signature of `jws` against the sandbox's published JWKS.
pub async fn verify(sandbox: &Sandbox, jws: &str) -> JwtPayload {
    let header = jwt::decode_header(jws).expect("JWS header");
    assert_eq!(
        header.claim("alg"),
        Some(&json!("ES256")),
        "FC+ signs ES256 only"
    );
    assert_eq!(header.claim("typ"), Some(&json!("JWT")));
    let kid = header.claim("kid").and_then(Value::as_str).expect("kid");
    let jwks: Value = reqwest::get(format!("{}/jwks", sandbox.issuer()))
        .await
        .expect("jwks")
        .json()
        .await
        .expect("jwks JSON");
    let key = jwks["keys"]
        .as_array()
        .expect("keys")
        .iter()
        .find(|key| key["kid"] == kid)
        .expect("the signing kid is published in the JWKS");
    let jwk = Jwk::from_map(key.as_object().expect("object").clone()).expect("JWK");
    let verifier = ES256.verifier_from_jwk(&jwk).expect("verifier");
    jwt::decode_with_verifier(jws, &verifier)
        .expect("the signature verifies against the published key")
        .0
}

/// The authorize URL with sensible defaults; `overrides` replace or add parameters.
pub fn authorize_url(sandbox: &Sandbox, client: &TestClient, overrides: &[(&str, &str)]) -> Url {
    let claims = r#"{"id_token":{"amr":{"essential":true}}}"#;
    let mut params: Vec<(&str, &str)> = vec![
        ("client_id", client.id()),
        ("response_type", "code"),
        ("redirect_uri", client.redirect_uri()),
        ("scope", "openid identite_pivot email preferred_username"),
        ("acr_values", "eidas3"),
        ("state", STATE),
        ("nonce", NONCE),
        ("claims", claims),
        ("prompt", "login consent"),
    ];
    for (name, value) in overrides {
        params.retain(|(existing, _)| existing != name);
        params.push((name, value));
    }
    let mut url = Url::parse(&format!("{}/authorize", sandbox.issuer())).expect("URL");
    url.query_pairs_mut().extend_pairs(params);
    url
}

/// A browser: keeps cookies, does not follow redirects, finds links and buttons by id.
pub struct Browser {
    http: reqwest::Client,
    origin: Url,
}

impl Browser {
    pub fn new(sandbox: &Sandbox) -> Browser {
        let http = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(redirect::Policy::none())
            .build()
            .expect("HTTP client");
        Browser {
            http,
            origin: sandbox.issuer(),
        }
    }

    pub async fn get(&self, url: &str) -> reqwest::Response {
        self.request(Method::GET, url).await
    }

    async fn request(&self, method: Method, url: &str) -> reqwest::Response {
        let url = self.origin.join(url).expect("URL");
        self.http
            .request(method, url)
            .send()
            .await
            .expect("the sandbox answers")
    }

    /// Clicks the element with this id on `html`: a link is followed, a button submits its
    /// form (the scripted browser's own finder, `sandbox::browser::ClickTarget`).
    pub async fn click(&self, html: &str, id: &str) -> reqwest::Response {
        let target = ClickTarget::find(html, id)
            .unwrap_or_else(|| panic!("no clickable element id={id:?} on the page:\n{html}"));
        self.request(target.method, &target.url).await
    }

    /// Follows one redirect inside the sandbox and returns the page's HTML.
    pub async fn follow(&self, response: reqwest::Response) -> String {
        let location = location(&response);
        let page = self.get(location.as_str()).await;
        assert_eq!(page.status(), StatusCode::OK, "page at {location}");
        page.text().await.expect("HTML")
    }
}

/// The `Location` of a redirect, which must be one.
pub fn location(response: &reqwest::Response) -> Url {
    assert!(
        response.status().is_redirection(),
        "expected a redirect, got {}",
        response.status()
    );
    let location = response.headers()["location"].to_str().expect("ASCII");
    Url::parse(location)
        .or_else(|_| response.url().join(location))
        .expect("a URL")
}

/// A query parameter of `url`.
pub fn param(url: &Url, name: &str) -> Option<String> {
    url.query_pairs()
        .find(|(key, _)| key == name)
        .map(|(_, value)| value.into_owned())
}

/// Signs in through the pages: authorize → (chooser →) IdP or country → identity → consent.
/// `path` lists the ids to click before the identity button. Returns the client callback URL.
pub async fn sign_in(browser: &Browser, url: &Url, path: &[&str], login: &str) -> Url {
    let response = browser.get(url.as_str()).await;
    let mut html = browser.follow(response).await;
    for id in path {
        let response = browser.click(&html, id).await;
        assert_eq!(response.status(), StatusCode::OK, "clicking {id}");
        html = response.text().await.expect("HTML");
    }
    let response = browser.click(&html, &format!("identity-{login}")).await;
    let consent = browser.follow(response).await;
    let response = browser.click(&consent, "consent-button").await;
    location(&response)
}

/// `POST /token` with `client_secret_post`.
pub async fn exchange(
    sandbox: &Sandbox,
    client: &TestClient,
    code: &str,
    secret: &str,
) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!("{}/token", sandbox.issuer()))
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", client.redirect_uri()),
            ("client_id", client.id()),
            ("client_secret", secret),
        ])
        .send()
        .await
        .expect("token endpoint answers")
}

/// `GET /userinfo` with a bearer token.
pub async fn userinfo(sandbox: &Sandbox, access_token: &str) -> reqwest::Response {
    reqwest::Client::new()
        .get(format!("{}/userinfo", sandbox.issuer()))
        .bearer_auth(access_token)
        .send()
        .await
        .expect("userinfo answers")
}
