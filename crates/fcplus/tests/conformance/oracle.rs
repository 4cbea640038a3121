//! The independent oracle: a second relying party built on `openidconnect`, which signs in with
//! the same sandbox in the same scenario right after fcplus; the suite compares its verdict
//! with fcplus's (`Case::oracle` says what it must be).
//!
//! openidconnect judges all it can: discovery (`CoreProviderMetadata::discover_async` checks
//! the issuer), the ID token (`IdTokenVerifier`: the algorithms discovery lists, ES256, the
//! provider's JWKS, issuer, audience, nonce, and expiry on fcplus's own clock) and userinfo
//! (`UserInfoVerifier`: signature, issuer, audience, subject of the ID token). Everything else
//! is openidconnect's defaults, which check no `azp`, `acr`, `auth_time` or `iat` bound and no
//! RFC 9207 `iss` on the redirect: the cases where this makes it disagree with fcplus say why.
//!
//! openidconnect has no JWE, so the oracle opens a JWE itself (josekit, the client's private
//! key, the algorithm the header names) and hands on a token that is not one as it is. It also
//! makes the token and userinfo requests itself, since openidconnect would parse the JWE in
//! `id_token` as a JWS.
//!
//! It signs in a second time rather than re-judging fcplus's tokens because neither the sandbox
//! nor fcplus (whose HTTP client is its own) hands those out; so, for a case that fcplus signs
//! in, openidconnect also judges the very ID token fcplus accepted.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::{DateTime, Utc};
use fcplus::{Clock, SystemClock};
use josekit::jwe;
use josekit::jwk::Jwk;
use openidconnect::core::{
    CoreAuthPrompt, CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreIdToken,
    CoreIdTokenVerifier, CoreJsonWebKey, CoreJsonWebKeySet, CoreJsonWebKeyType, CoreJsonWebKeyUse,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreProviderMetadata,
    CoreUserInfoClaims,
};
use openidconnect::{
    AuthenticationContextClass, ClientId, ClientSecret, CsrfToken, EmptyAdditionalClaims,
    IssuerUrl, JsonWebKey, JsonWebKeyAlgorithm, JsonWebKeyId, JsonWebKeySet, JwsSigningAlgorithm,
    Nonce, RedirectUrl, Scope, SignatureVerificationError, SubjectIdentifier, UserInfoJsonWebToken,
    UserInfoVerifier,
};
use sandbox::browser::Browser;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use tokio::sync::oneshot;
use url::Url;

/// The scopes asked, as fcplus's default configuration asks them (`openid` is openidconnect's).
const SCOPES: &[&str] = &[
    "given_name",
    "family_name",
    "birthdate",
    "gender",
    "birthplace",
    "birthcountry",
    "preferred_username",
];
/// Asks FC+ for `amr`, as fcplus does.
const CLAIMS_REQUEST: &str = r#"{"id_token":{"amr":{"essential":true}}}"#;
/// The level asked, as the conformance client asks it.
const ACR: &str = "eidas3";
/// Where the oracle's sign-in comes back.
const CALLBACK_PATH: &str = "/oracle/callback";

/// The registered client, as the oracle knows it: what fcplus is configured with too.
#[derive(Clone)]
pub struct Client {
    pub issuer: Url,
    pub client_id: String,
    pub client_secret: String,
    /// The private key the provider encrypts to (the one fcplus decrypts with).
    pub decryption_key: Jwk,
}

/// Where a refusal of the test's own JWE layer is reported (the one step openidconnect lacks).
const JWE_STEP: &str = "the JWE";

/// What the oracle concluded about one case.
#[derive(Clone, Debug)]
pub enum Judgement {
    /// openidconnect accepted the ID token and the userinfo.
    Accepted,
    /// Refused at `step`, with this error (openidconnect's, but at [`JWE_STEP`]).
    Refused { step: &'static str, detail: String },
    /// The provider handed out no ID token: nothing was judged.
    NoToken(String),
}

impl Judgement {
    /// Whether the test's JWE layer refused, before openidconnect saw a token.
    pub fn stopped_at_the_jwe_layer(&self) -> bool {
        matches!(self, Judgement::Refused { step, .. } if *step == JWE_STEP)
    }
}

impl fmt::Display for Judgement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Judgement::Accepted => write!(f, "openidconnect accepted"),
            Judgement::Refused { step, detail } if *step == JWE_STEP => write!(
                f,
                "the test's JWE layer refused (openidconnect has none): {detail}"
            ),
            Judgement::Refused { step, detail } => {
                write!(f, "openidconnect refused at {step}: {detail}")
            }
            Judgement::NoToken(why) => write!(f, "no token to judge: {why}"),
        }
    }
}

fn refused(step: &'static str) -> impl FnOnce(String) -> Judgement {
    move |detail| Judgement::Refused {
        step,
        detail: crate::case::one_line(&detail),
    }
}

/// The oracle's redirect URI: a loopback server that keeps the query it is called with.
pub struct RedirectCatcher {
    url: Url,
    query: Arc<Mutex<Option<String>>>,
    stop: Option<oneshot::Sender<()>>,
}

impl RedirectCatcher {
    pub async fn bind() -> Result<RedirectCatcher, String> {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .map_err(|e| format!("the oracle's redirect listener does not bind: {e}"))?;
        let addr = listener
            .local_addr()
            .map_err(|e| format!("the oracle's redirect listener has no address: {e}"))?;
        let url = Url::parse(&format!("http://{addr}{CALLBACK_PATH}"))
            .map_err(|e| format!("the oracle's redirect URI: {e}"))?;
        let query = Arc::new(Mutex::new(None));
        let app = Router::new()
            .route(CALLBACK_PATH, get(caught))
            .with_state(Arc::clone(&query));
        let (stop, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async move {
                let _ = stopped.await;
            });
            let _ = serve.await;
        });
        Ok(RedirectCatcher {
            url,
            query,
            stop: Some(stop),
        })
    }

    pub fn url(&self) -> &Url {
        &self.url
    }

    fn take(&self) -> Option<String> {
        self.query
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
    }
}

impl Drop for RedirectCatcher {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

async fn caught(
    State(slot): State<Arc<Mutex<Option<String>>>>,
    RawQuery(query): RawQuery,
) -> &'static str {
    *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(query.unwrap_or_default());
    "the oracle has its redirect"
}

/// The same transport limits as fcplus (`fcplus::http_client`), so that only the judgement
/// differs: no redirects, 5 s to connect, 10 s in all.
fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(10))
        .build()
        .expect("the oracle's HTTP client builds")
}

/// Now, read off the clock fcplus verifies with (`RelyingPartyOptions::default()`).
fn fcplus_clock() -> DateTime<Utc> {
    let now = SystemClock.now();
    DateTime::from_timestamp(now.unix_timestamp(), now.nanosecond())
        .expect("the system clock is within chrono's range")
}

/// A whole sign-in by the oracle: discovery, authorize URL, the scripted browser, token
/// request, then openidconnect's verdict on the ID token and the userinfo.
pub async fn sign_in(client: &Client, redirect: &RedirectCatcher) -> Judgement {
    match try_sign_in(client, redirect).await {
        Ok(()) => Judgement::Accepted,
        Err(judgement) => judgement,
    }
}

async fn try_sign_in(client: &Client, redirect: &RedirectCatcher) -> Result<(), Judgement> {
    let http = http_client();
    let metadata = discover(client, &http).await?;
    let oidc = CoreClient::from_provider_metadata(
        metadata.clone(),
        ClientId::new(client.client_id.clone()),
        Some(ClientSecret::new(client.client_secret.clone())),
    )
    .set_redirect_uri(RedirectUrl::from_url(redirect.url().clone()));
    let (authorize_url, state, nonce) = oidc
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            || CsrfToken::new_random_len(32),
            || Nonce::new_random_len(32),
        )
        .add_scopes(SCOPES.iter().map(|scope| Scope::new((*scope).to_owned())))
        .add_auth_context_value(AuthenticationContextClass::new(ACR.to_owned()))
        .add_prompt(CoreAuthPrompt::Login)
        .add_prompt(CoreAuthPrompt::Consent)
        .add_extra_param("claims", CLAIMS_REQUEST)
        .url();
    let browsed = Browser::new().sign_in(authorize_url, "fip1", "marie").await;
    let Some(query) = redirect.take() else {
        let why = browsed
            .err()
            .unwrap_or_else(|| "no reason given".to_owned());
        return Err(Judgement::NoToken(format!(
            "the browser never reached the redirect URI ({why})"
        )));
    };
    let params: HashMap<String, String> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    if let Some(error) = params.get("error") {
        return Err(Judgement::NoToken(format!(
            "the provider answered error={error}"
        )));
    }
    if params.get("state").map(String::as_str) != Some(state.secret().as_str()) {
        return Err(refused("the redirect")(
            "state is not the one sent".to_owned(),
        ));
    }
    let code = params
        .get("code")
        .ok_or_else(|| refused("the redirect")("no code".to_owned()))?;
    let tokens = exchange(client, &http, &metadata, code, redirect.url()).await?;
    let jwks = CoreJsonWebKeySet::fetch_async(metadata.jwks_uri(), &http)
        .await
        .map_err(|e| refused("the JWKS")(error_chain(&e)))?;
    let id_token = open(&tokens.id_token, &client.decryption_key).map_err(refused(JWE_STEP))?;
    let subject = judge_id_token(client, &metadata, &jwks, &id_token, &nonce)
        .map_err(refused("the ID token"))?;
    let userinfo_endpoint = metadata
        .userinfo_endpoint()
        .ok_or_else(|| refused("discovery")("no userinfo endpoint".to_owned()))?;
    let response = http
        .get(userinfo_endpoint.url().clone())
        .bearer_auth(&tokens.access_token)
        .send()
        .await
        .map_err(|e| refused("userinfo")(format!("the request failed: {e}")))?;
    if !response.status().is_success() {
        return Err(refused("userinfo")(format!("HTTP {}", response.status())));
    }
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let body = response
        .text()
        .await
        .map_err(|e| refused("userinfo")(format!("the body does not read: {e}")))?;
    judge_userinfo(client, &jwks, &content_type, &body, &subject).map_err(refused("userinfo"))
}

/// openidconnect's discovery: the document, its issuer, and the JWKS.
async fn discover(
    client: &Client,
    http: &reqwest::Client,
) -> Result<CoreProviderMetadata, Judgement> {
    CoreProviderMetadata::discover_async(IssuerUrl::from_url(client.issuer.clone()), http)
        .await
        .map_err(|e| refused("discovery")(error_chain(&e)))
}

#[derive(Deserialize)]
struct Tokens {
    access_token: String,
    id_token: String,
}

/// The token request (`client_secret_post`, as the client is registered). A provider that
/// answers no tokens gives nothing to judge.
async fn exchange(
    client: &Client,
    http: &reqwest::Client,
    metadata: &CoreProviderMetadata,
    code: &str,
    redirect_uri: &Url,
) -> Result<Tokens, Judgement> {
    let endpoint = metadata
        .token_endpoint()
        .ok_or_else(|| refused("discovery")("no token endpoint".to_owned()))?;
    let response = http
        .post(endpoint.url().clone())
        .form(&[
            ("grant_type", "authorization_code"),
            ("code", code),
            ("redirect_uri", redirect_uri.as_str()),
            ("client_id", client.client_id.as_str()),
            ("client_secret", client.client_secret.as_str()),
        ])
        .send()
        .await
        .map_err(|e| Judgement::NoToken(format!("the token endpoint did not answer: {e}")))?;
    let status = response.status();
    if !status.is_success() {
        return Err(Judgement::NoToken(format!(
            "the token endpoint answered HTTP {status}"
        )));
    }
    response
        .json::<Tokens>()
        .await
        .map_err(|e| refused("the token response")(e.to_string()))
}

/// The JWE layer, which openidconnect lacks: a five-part token is decrypted with the client's
/// key by the algorithm its header names (those an EC key serves; `enc` as the header says),
/// and anything else is handed on as it is, for openidconnect to judge.
fn open(token: &str, key: &Jwk) -> Result<String, String> {
    if token.split('.').count() != 5 {
        return Ok(token.to_owned());
    }
    let header = token.split('.').next().unwrap_or_default();
    let header: serde_json::Value = URL_SAFE_NO_PAD
        .decode(header)
        .ok()
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .ok_or("the JWE header is not base64url JSON")?;
    let alg = header["alg"].as_str().unwrap_or_default();
    let algorithm = match alg {
        "ECDH-ES" => jwe::ECDH_ES,
        "ECDH-ES+A128KW" => jwe::ECDH_ES_A128KW,
        "ECDH-ES+A192KW" => jwe::ECDH_ES_A192KW,
        "ECDH-ES+A256KW" => jwe::ECDH_ES_A256KW,
        other => {
            return Err(format!(
                "no key of the client opens a JWE with alg {other:?}"
            ));
        }
    };
    let decrypter = algorithm
        .decrypter_from_jwk(key)
        .map_err(|e| format!("the client's key: {e}"))?;
    let (plaintext, _) = jwe::deserialize_compact(token, &decrypter)
        .map_err(|e| format!("the JWE does not open with the client's key: {e}"))?;
    String::from_utf8(plaintext).map_err(|_| "the JWE's plaintext is not UTF-8".to_owned())
}

/// openidconnect's `IdTokenVerifier`, configured as the client is registered; the subject.
fn judge_id_token(
    client: &Client,
    metadata: &CoreProviderMetadata,
    jwks: &CoreJsonWebKeySet,
    jws: &str,
    nonce: &Nonce,
) -> Result<SubjectIdentifier, String> {
    let id_token = CoreIdToken::from_str(jws)
        .map_err(|e| format!("openidconnect cannot read it as an ID token: {e}"))?;
    let verifier = CoreIdTokenVerifier::new_confidential_client(
        ClientId::new(client.client_id.clone()),
        ClientSecret::new(client.client_secret.clone()),
        IssuerUrl::from_url(client.issuer.clone()),
        jwks.clone(),
    )
    .set_allowed_algs(metadata.id_token_signing_alg_values_supported().clone())
    .set_time_fn(fcplus_clock);
    let claims = id_token
        .claims(&verifier, nonce)
        .map_err(|e| error_chain(&e))?;
    Ok(claims.subject().clone())
}

/// openidconnect's userinfo checks: `UserInfoVerifier` on a JWT (after the JWE layer), or, for
/// plain JSON, what its `UserInfoRequest` does by default (`UserInfoClaims::from_json`, which
/// only compares the subject).
fn judge_userinfo(
    client: &Client,
    jwks: &CoreJsonWebKeySet,
    content_type: &str,
    body: &str,
    subject: &SubjectIdentifier,
) -> Result<(), String> {
    if content_type.starts_with("application/json") {
        return CoreUserInfoClaims::from_json::<std::convert::Infallible>(
            body.as_bytes(),
            Some(subject),
        )
        .map(drop)
        .map_err(|e| error_chain(&e));
    }
    if !content_type.starts_with("application/jwt") {
        return Err(format!("unexpected Content-Type {content_type:?}"));
    }
    let jws = open(body.trim(), &client.decryption_key).map_err(|e| format!("{JWE_STEP}: {e}"))?;
    let token: UserInfoJwt = serde_json::from_value(serde_json::Value::String(jws))
        .map_err(|e| format!("openidconnect cannot read it as a userinfo JWT: {e}"))?;
    let keys: JsonWebKeySet<Es256Key> = serde_json::to_value(jwks)
        .and_then(serde_json::from_value)
        .map_err(|e| format!("the JWKS does not convert: {e}"))?;
    let verifier = UserInfoVerifier::<CoreJweContentEncryptionAlgorithm, Es256Key>::new(
        ClientId::new(client.client_id.clone()),
        IssuerUrl::from_url(client.issuer.clone()),
        keys,
        Some(subject.clone()),
    );
    token
        .claims(&verifier)
        .map(drop)
        .map_err(|e| error_chain(&e))
}

/// For a case fcplus signed in: openidconnect's verdict on the very ID token fcplus accepted
/// (`jws`, after fcplus's decryption), with fcplus's nonce and the JWKS as published now.
pub async fn judge_fcplus_id_token(client: &Client, jws: &str, nonce: &str) -> Judgement {
    let step = "the ID token fcplus accepted";
    let http = http_client();
    let metadata = match discover(client, &http).await {
        Ok(metadata) => metadata,
        Err(judgement) => return judgement,
    };
    let jwks = match CoreJsonWebKeySet::fetch_async(metadata.jwks_uri(), &http).await {
        Ok(jwks) => jwks,
        Err(e) => return refused("the JWKS")(error_chain(&e)),
    };
    match judge_id_token(client, &metadata, &jwks, jws, &Nonce::new(nonce.to_owned())) {
        Ok(_) => Judgement::Accepted,
        Err(detail) => refused(step)(detail),
    }
}

/// An error and its sources, on one line.
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

// openidconnect's `UserInfoVerifier` has no `set_allowed_algs`: it allows only
// `JwsSigningAlgorithm::rsa_sha_256()`, RS256 for its core types, and so refuses every FC+
// userinfo (ES256) whatever it says. The two types below are openidconnect's core algorithm and
// key, unchanged, except that the algorithm they name as that default is ES256: the verifier
// then allows ES256 and nothing else, and `CoreJsonWebKey` still checks the signature.

type UserInfoJwt = UserInfoJsonWebToken<
    EmptyAdditionalClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    Es256Default,
>;

/// `CoreJwsSigningAlgorithm`, whose default (`rsa_sha_256`) is ES256.
#[derive(Clone, Debug, Deserialize, Eq, Hash, PartialEq, Serialize)]
#[serde(transparent)]
pub struct Es256Default(CoreJwsSigningAlgorithm);

impl JwsSigningAlgorithm for Es256Default {
    type KeyType = CoreJsonWebKeyType;

    fn key_type(&self) -> Option<CoreJsonWebKeyType> {
        self.0.key_type()
    }

    fn uses_shared_secret(&self) -> bool {
        self.0.uses_shared_secret()
    }

    fn rsa_sha_256() -> Self {
        Es256Default(CoreJwsSigningAlgorithm::EcdsaP256Sha256)
    }
}

/// `CoreJsonWebKey` with [`Es256Default`] as its algorithm type.
#[derive(Clone, Debug)]
pub struct Es256Key {
    key: CoreJsonWebKey,
    /// The key's own `alg`, in [`Es256Default`]'s terms.
    alg: KeyAlg,
}

#[derive(Clone, Debug)]
enum KeyAlg {
    Unspecified,
    Unsupported,
    Algorithm(Es256Default),
}

impl From<CoreJsonWebKey> for Es256Key {
    fn from(key: CoreJsonWebKey) -> Self {
        let alg = match key.signing_alg() {
            JsonWebKeyAlgorithm::Unspecified => KeyAlg::Unspecified,
            JsonWebKeyAlgorithm::Unsupported => KeyAlg::Unsupported,
            JsonWebKeyAlgorithm::Algorithm(alg) => KeyAlg::Algorithm(Es256Default(alg.clone())),
        };
        Es256Key { key, alg }
    }
}

impl Serialize for Es256Key {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.key.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Es256Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        CoreJsonWebKey::deserialize(deserializer).map(Es256Key::from)
    }
}

impl JsonWebKey for Es256Key {
    type KeyUse = CoreJsonWebKeyUse;
    type SigningAlgorithm = Es256Default;

    fn key_id(&self) -> Option<&JsonWebKeyId> {
        self.key.key_id()
    }

    fn key_type(&self) -> &CoreJsonWebKeyType {
        self.key.key_type()
    }

    fn key_use(&self) -> Option<&CoreJsonWebKeyUse> {
        self.key.key_use()
    }

    fn signing_alg(&self) -> JsonWebKeyAlgorithm<&Es256Default> {
        match &self.alg {
            KeyAlg::Unspecified => JsonWebKeyAlgorithm::Unspecified,
            KeyAlg::Unsupported => JsonWebKeyAlgorithm::Unsupported,
            KeyAlg::Algorithm(alg) => JsonWebKeyAlgorithm::Algorithm(alg),
        }
    }

    fn new_symmetric(key: Vec<u8>) -> Self {
        CoreJsonWebKey::new_symmetric(key).into()
    }

    fn verify_signature(
        &self,
        signature_alg: &Es256Default,
        message: &[u8],
        signature: &[u8],
    ) -> Result<(), SignatureVerificationError> {
        self.key
            .verify_signature(&signature_alg.0, message, signature)
    }

    fn hash_bytes(&self, bytes: &[u8], alg: &Es256Default) -> Result<Vec<u8>, String> {
        self.key.hash_bytes(bytes, &alg.0)
    }
}
