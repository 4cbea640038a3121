//! The sign-in's hot steps, one by one (criterion): authorize URL, callback parsing and
//! checks, JWE decryption per algorithm FC+ may use, ES256 verification, ID token checks and
//! identity mapping. Tokens are made here with josekit the way FC+ makes them (A256GCM, `cty`
//! JWT, `kid` in both headers); the authorize URL comes from a relying party discovered on the
//! in-process sandbox, as the app's.
//!
//! `scripts/bench.sh steps` (or `cargo bench -p fcplus --bench steps`); figures in
//! docs/PERFORMANCE.md.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use fcplus::callback::{Expected, RedirectKind, classify};
use fcplus::config::{DEFAULT_SCOPES, DEFAULT_SESSION_LIFETIME};
use fcplus::identity::Identity;
use fcplus::jose::{VerifyingKey, verify_es256};
use fcplus::request::parse_head;
use fcplus::sensitive::{ClientSecret, random_token};
use fcplus::{
    Acr, DecryptionKeys, LoopbackListener, ProviderConfig, RelyingParty, RelyingPartyOptions,
    SignInRequest, TokenAuth,
};
use josekit::jwe::{self, JweEncrypter, JweHeader};
use josekit::jwk::Jwk;
use josekit::jwk::alg::ec::EcCurve;
use josekit::jws::{ES256, JwsHeader};
use sandbox::{ClientRegistration, Sandbox, SandboxConfig};
use serde_json::{Map, Value, json};

const ISSUER: &str = "https://auth.franceconnect.gouv.fr/api/v2";
const STATE: &str = "Yq3PZ0mD1tJb8uKc2VwXhN7sL5aE9fRg";

/// Userinfo as FC+ sends it for a French identity (the birth country is INSEE's code).
fn userinfo_claims() -> Map<String, Value> {
    let claims = json!({
        "sub": "b6048e95bb134ec5b1d1e1fa69f287172e91722b9354d637a1bcf2ebb0fd2ef5v1",
        "given_name": "Marie Claire",
        "given_name_array": ["Marie", "Claire"],
        "family_name": "MARTIN",
        "preferred_username": "DUPONT",
        "birthdate": "1985-04-12",
        "gender": "female",
        "birthplace": "75107",
        "birthcountry": "99100",
        "email": "marie.martin@example.fr",
        "iss": ISSUER,
        "aud": "guichet-bench",
    });
    claims.as_object().cloned().unwrap_or_default()
}

fn id_token_claims(nonce: &str) -> Map<String, Value> {
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let claims = json!({
        "iss": ISSUER,
        "sub": "b6048e95bb134ec5b1d1e1fa69f287172e91722b9354d637a1bcf2ebb0fd2ef5v1",
        "aud": "guichet-bench",
        "exp": now + 60,
        "iat": now,
        "nonce": nonce,
        "acr": "eidas2",
        "amr": ["pwd"],
        "auth_time": now,
    });
    claims.as_object().cloned().unwrap_or_default()
}

fn es256_key() -> Jwk {
    let mut key = Jwk::generate_ec_key(EcCurve::P256).expect("EC key");
    key.set_key_id("sig-bench");
    key
}

fn sign(claims: &Map<String, Value>, key: &Jwk) -> String {
    let mut header = JwsHeader::new();
    header.set_token_type("JWT");
    header.set_key_id("sig-bench");
    let payload = serde_json::to_vec(claims).expect("JSON");
    let signer = ES256.signer_from_jwk(key).expect("signer");
    josekit::jws::serialize_compact(&payload, &header, &signer).expect("signed")
}

/// A private key for `alg` (as the app's keys, and as the JWK), and a JWE of `jws` to its
/// public half, as FC+ encrypts.
fn encrypted_for(alg: &str, jws: &str) -> (DecryptionKeys, String, Jwk) {
    let mut key = match alg {
        "ECDH-ES" => Jwk::generate_ec_key(EcCurve::P256),
        _ => Jwk::generate_rsa_key(2048),
    }
    .expect("key");
    key.set_key_id("enc-bench");
    key.set_key_use("enc");
    let mut public = key.to_public_key().expect("public half");
    public.set_key_id("enc-bench");
    let encrypter: Box<dyn JweEncrypter> = match alg {
        "ECDH-ES" => Box::new(jwe::ECDH_ES.encrypter_from_jwk(&public).expect("encrypter")),
        "RSA-OAEP" => Box::new(
            jwe::RSA_OAEP
                .encrypter_from_jwk(&public)
                .expect("encrypter"),
        ),
        _ => Box::new(
            jwe::RSA_OAEP_256
                .encrypter_from_jwk(&public)
                .expect("encrypter"),
        ),
    };
    let mut header = JweHeader::new();
    header.set_content_encryption("A256GCM");
    header.set_content_type("JWT");
    header.set_key_id("enc-bench");
    let token = jwe::serialize_compact(jws.as_bytes(), &header, &*encrypter).expect("JWE");
    let keys = DecryptionKeys::from_keys(vec![key.clone()]).expect("decryption keys");
    (keys, token, key)
}

/// A relying party discovered on the in-process sandbox, with its runtime kept alive.
fn sandbox_relying_party() -> (tokio::runtime::Runtime, Sandbox, RelyingParty) {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .expect("runtime");
    let (sandbox, rp) = runtime.block_on(async {
        let sandbox = Sandbox::start(([127, 0, 0, 1], 0).into(), SandboxConfig::default())
            .await
            .expect("sandbox");
        let listener = LoopbackListener::bind_addr(([127, 0, 0, 1], 0).into())
            .await
            .expect("listener");
        let keys = DecryptionKeys::generate_ec("enc-bench").expect("key");
        let secret = random_token();
        let redirect_uri = listener.url_for("/callback");
        sandbox.register_client(ClientRegistration::loopback(
            "guichet-bench",
            &secret,
            vec![redirect_uri.to_string()],
            keys.public_jwks(),
        ));
        let config = ProviderConfig {
            issuer: sandbox.issuer(),
            client_id: "guichet-bench".into(),
            token_auth: TokenAuth::ClientSecretPost(ClientSecret::new(secret)),
            redirect_uri,
            post_logout_redirect_uri: None,
            decryption_keys: Some(keys),
            scopes: DEFAULT_SCOPES.iter().map(|s| (*s).to_owned()).collect(),
            request_amr: true,
            acr: Acr::Eidas2,
            eidas_idp_hint: Some("8aa849db-8402-4f2e-bad9-7471dd21ff94".into()),
            session_lifetime: DEFAULT_SESSION_LIFETIME,
        };
        let rp = RelyingParty::discover(config, RelyingPartyOptions::default())
            .await
            .expect("discovery");
        (sandbox, rp)
    });
    (runtime, sandbox, rp)
}

fn authorize_url(c: &mut Criterion) {
    let (_runtime, _sandbox, rp) = sandbox_relying_party();
    c.bench_function("authorize_url", |b| {
        b.iter(|| {
            rp.begin(black_box(SignInRequest::default()))
                .expect("begin")
        })
    });
    c.bench_function("authorize_url_eidas", |b| {
        let request = SignInRequest {
            eidas: true,
            acr: None,
        };
        b.iter(|| rp.begin(black_box(request)).expect("begin"))
    });
}

fn callback(c: &mut Criterion) {
    let request = format!(
        "GET /callback?code=9b1c3f0e7a2d4c5b8e6f1a0d3c2b5e4f7a6d9c8b&state={STATE}\
         &iss=https%3A%2F%2Fauth.franceconnect.gouv.fr%2Fapi%2Fv2 HTTP/1.1\r\n\
         Host: 127.0.0.1:51789\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) Chrome/142.0\r\n\
         Accept: text/html,application/xhtml+xml\r\nAccept-Language: fr-FR,fr;q=0.9\r\n\
         Connection: keep-alive\r\n\r\n"
    );
    let expected = Expected {
        path: "/callback".into(),
        state: STATE.into(),
        issuer: ISSUER.into(),
        require_iss: true,
        kind: RedirectKind::Authorization,
    };
    c.bench_function("callback_parse_and_check", |b| {
        b.iter(|| {
            let head = parse_head(black_box(request.as_bytes()))
                .expect("parsed")
                .expect("complete");
            classify(head.method, head.target, &expected)
        })
    });
}

fn jwe_decryption(c: &mut Criterion) {
    let key = es256_key();
    let jws = sign(&userinfo_claims(), &key);
    let mut group = c.benchmark_group("jwe_decrypt");
    for alg in ["ECDH-ES", "RSA-OAEP", "RSA-OAEP-256"] {
        let (keys, token, _) = encrypted_for(alg, &jws);
        assert_eq!(keys.decrypt(&token).expect("decrypts"), jws);
        group.bench_function(alg, |b| {
            b.iter(|| keys.decrypt(black_box(&token)).expect("decrypts"))
        });
    }
    group.finish();
}

fn es256_verification(c: &mut Criterion) {
    let key = es256_key();
    let mut public = key.to_public_key().expect("public half");
    public.set_key_id("sig-bench");
    let jws = sign(&id_token_claims("n-0S6_WzA2Mj"), &key);
    // The app's path: the provider's key parsed once (ProviderKeys keeps it).
    let parsed = VerifyingKey::new(&public).expect("an ES256 key");
    c.bench_function("es256_verify", |b| {
        b.iter(|| parsed.verify(black_box(&jws)).expect("verifies"))
    });
    // The key parsed again for each token, as before keys were kept.
    c.bench_function("es256_verify_key_parsed_each_time", |b| {
        b.iter(|| verify_es256(black_box(&jws), &public).expect("verifies"))
    });
}

/// The floor under `jwe_decrypt/ECDH-ES` and `es256_verify`: the same token's work done with
/// the primitives alone. `ecdh_es_rustcrypto` is a whole ECDH-ES + A256GCM decryption (RFC
/// 7518 §4.6: the agreement, Concat KDF with SHA-256, AES-256-GCM over the protected header)
/// written on RustCrypto's p256 and aes-gcm, checked to give the same plaintext as josekit; the
/// agreements and the signature check alone show what each library's own share is.
fn crypto_floor(c: &mut Criterion) {
    use aes_gcm::aead::{Aead, KeyInit, Payload};
    use base64::Engine as _;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD as B64;
    use p256::ecdsa::signature::Verifier as _;
    use sha2::Digest as _;

    let signing = es256_key();
    let jws = sign(&userinfo_claims(), &signing);
    let (_, token, private_jwk) = encrypted_for("ECDH-ES", &jws);
    let d = private_jwk
        .parameter("d")
        .and_then(Value::as_str)
        .expect("d");
    let secret =
        p256::SecretKey::from_slice(&B64.decode(d).expect("base64url")).expect("a P-256 scalar");

    // A P-256 public key from a JWK's or an `epk`'s base64url coordinates.
    let p256_public = |x: &Value, y: &Value| {
        let coordinate = |c: &Value| B64.decode(c.as_str().expect("a coordinate")).unwrap();
        let (x, y) = (coordinate(x), coordinate(y));
        let point = p256::EncodedPoint::from_affine_coordinates(
            x.as_slice().into(),
            y.as_slice().into(),
            false,
        );
        p256::PublicKey::from_sec1_bytes(point.as_bytes()).expect("a point on the curve")
    };
    let protected = |token: &str| -> Value {
        let header = token.split('.').next().unwrap();
        serde_json::from_slice(&B64.decode(header).unwrap()).unwrap()
    };
    let epk_key = {
        let header = protected(&token);
        p256_public(&header["epk"]["x"], &header["epk"]["y"])
    };

    let decrypt_rustcrypto = |token: &str| -> Vec<u8> {
        let parts: Vec<&str> = token.split('.').collect();
        let header = protected(token);
        let epk = p256_public(&header["epk"]["x"], &header["epk"]["y"]);
        let shared = p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), epk.as_affine());
        // Concat KDF, one round: counter, Z, AlgorithmID ("A256GCM"), PartyUInfo, PartyVInfo
        // (empty), SuppPubInfo (256 bits).
        let enc = header["enc"].as_str().unwrap().as_bytes();
        let mut kdf = sha2::Sha256::new();
        kdf.update(1u32.to_be_bytes());
        kdf.update(shared.raw_secret_bytes());
        kdf.update((enc.len() as u32).to_be_bytes());
        kdf.update(enc);
        kdf.update(0u32.to_be_bytes());
        kdf.update(0u32.to_be_bytes());
        kdf.update(256u32.to_be_bytes());
        let cek = kdf.finalize();
        let cipher = aes_gcm::Aes256Gcm::new_from_slice(&cek).unwrap();
        let iv = B64.decode(parts[2]).unwrap();
        let mut sealed = B64.decode(parts[3]).unwrap();
        sealed.extend(B64.decode(parts[4]).unwrap());
        cipher
            .decrypt(
                iv.as_slice().try_into().unwrap(),
                Payload {
                    msg: &sealed,
                    aad: parts[0].as_bytes(),
                },
            )
            .expect("decrypts")
    };
    assert_eq!(
        decrypt_rustcrypto(&token),
        jws.as_bytes(),
        "the hand-written decryption gives josekit's plaintext"
    );

    let mut group = c.benchmark_group("floor");
    group.bench_function("ecdh_es_rustcrypto", |b| {
        b.iter(|| decrypt_rustcrypto(black_box(&token)))
    });
    group.bench_function("p256_agreement_rustcrypto", |b| {
        b.iter(|| {
            p256::ecdh::diffie_hellman(secret.to_nonzero_scalar(), black_box(epk_key.as_affine()))
        })
    });
    // OpenSSL's agreement (what josekit calls), keys parsed once.
    let ossl_private = openssl::pkey::PKey::private_key_from_der(
        &p256::pkcs8::EncodePrivateKey::to_pkcs8_der(&secret)
            .unwrap()
            .to_bytes(),
    )
    .unwrap();
    let ossl_peer = openssl::pkey::PKey::public_key_from_der(
        p256::pkcs8::EncodePublicKey::to_public_key_der(&epk_key)
            .unwrap()
            .as_bytes(),
    )
    .unwrap();
    group.bench_function("p256_agreement_openssl", |b| {
        b.iter(|| {
            let mut deriver = openssl::derive::Deriver::new(&ossl_private).unwrap();
            deriver.set_peer(black_box(&ossl_peer)).unwrap();
            deriver.derive_to_vec().unwrap()
        })
    });
    // The same without OpenSSL's own validation of the peer's key (a multiplication by the
    // group's order), which fcplus's decryption leaves out once the point is on the curve.
    group.bench_function("p256_agreement_openssl_peer_not_revalidated", |b| {
        b.iter(|| {
            let mut deriver = openssl::derive::Deriver::new(&ossl_private).unwrap();
            deriver.set_peer_ex(black_box(&ossl_peer), false).unwrap();
            deriver.derive_to_vec().unwrap()
        })
    });
    // josekit's whole decryption, what `jwe_decrypt/ECDH-ES` measured before fcplus opened
    // ECDH-ES on OpenSSL itself.
    let josekit = jwe::ECDH_ES
        .decrypter_from_jwk(&private_jwk)
        .expect("a decrypter");
    assert_eq!(
        jwe::deserialize_compact(&token, &josekit)
            .expect("decrypts")
            .0,
        jws.as_bytes()
    );
    group.bench_function("ecdh_es_josekit", |b| {
        b.iter(|| jwe::deserialize_compact(black_box(&token), &josekit).expect("decrypts"))
    });

    // ES256: the ID token's signature checked with RustCrypto's p256 (josekit's is es256_verify).
    let id_token = sign(&id_token_claims("n-0S6_WzA2Mj"), &signing);
    let (signed, signature) = id_token.rsplit_once('.').unwrap();
    let signature = p256::ecdsa::Signature::from_slice(&B64.decode(signature).unwrap()).unwrap();
    let verifying = {
        let public = signing.to_public_key().unwrap();
        let coordinate = |name: &str| public.parameter(name).expect(name);
        p256::ecdsa::VerifyingKey::from(p256_public(coordinate("x"), coordinate("y")))
    };
    verifying
        .verify(signed.as_bytes(), &signature)
        .expect("RustCrypto verifies josekit's signature");
    group.bench_function("es256_verify_rustcrypto", |b| {
        b.iter(|| verifying.verify(black_box(signed.as_bytes()), &signature))
    });
    // The one signature per sign-in (the gateway's ID token to the kiosk), with josekit's
    // signer made once, as `gateway::keys::SigningKeys` keeps it.
    let signer = ES256.signer_from_jwk(&signing).expect("signer");
    let mut header = JwsHeader::new();
    header.set_token_type("JWT");
    header.set_key_id("sig-bench");
    let claims = serde_json::to_vec(&id_token_claims("n-0S6_WzA2Mj")).expect("JSON");
    group.bench_function("es256_sign", |b| {
        b.iter(|| josekit::jws::serialize_compact(black_box(&claims), &header, &signer))
    });
    group.finish();
}

fn identity_mapping(c: &mut Criterion) {
    let claims = userinfo_claims();
    let sub = claims["sub"].as_str().unwrap_or_default().to_owned();
    c.bench_function("identity_from_claims", |b| {
        b.iter(|| Identity::from_claims(sub.clone(), black_box(&claims)))
    });
}

criterion_group!(
    benches,
    authorize_url,
    callback,
    jwe_decryption,
    es256_verification,
    crypto_floor,
    identity_mapping
);
criterion_main!(benches);
