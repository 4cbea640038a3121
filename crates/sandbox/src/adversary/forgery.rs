//! Building a token as a scenario wants it: signed honestly or forged, then encrypted to the
//! client, to someone else, with another algorithm, or not at all.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use josekit::JoseError;
use josekit::jwe::{self, JweEncrypter, JweHeader};
use josekit::jws::{HS256, JwsHeader};
use josekit::jwt::{self, JwtPayload};
use serde_json::{Map, Value, json};

use crate::jose::{EncryptionKey, KeyError, SigningKey};

/// How a token is signed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Signing {
    /// ES256 with the current key, its `kid` in the header.
    Honest,
    /// ES256 with the current key, no `kid` in the header.
    WithoutKid,
    /// ES256 with a fresh key, under the current key's `kid`.
    ImpostorKey,
    /// ES256 with a fresh key under its own `kid`, never published.
    UnpublishedKey,
    /// ES256 with a fresh key that the header carries as `jwk`, under the current `kid`.
    EmbeddedKey,
    /// `alg: none`, empty signature.
    Unsigned,
    /// HS256 keyed with the JSON of the current public JWK (the classic key-confusion attack).
    Hs256PublicJwk,
}

/// How a signed token is wrapped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Wrapping {
    /// JWE to the client's key: its registered `alg`, `enc` A256GCM.
    Honest,
    /// No encryption: the signed token as is.
    Plain,
    /// JWE to a fresh key under the client key's `kid`.
    ImpostorKey,
    /// JWE with `A128KW` key wrap under a random key.
    A128Kw,
    /// JWE with `dir` and a random content key.
    Direct,
    /// JWE to the client's key with `enc` A128CBC-HS256.
    CbcHmac,
}

/// How one token is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TokenPlan {
    pub(crate) signing: Signing,
    pub(crate) wrapping: Wrapping,
}

/// Why a token could not be made.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ForgeryError {
    /// josekit refused to sign or encrypt.
    #[error(transparent)]
    Jose(#[from] JoseError),
    /// A fresh key could not be made.
    #[error(transparent)]
    Key(#[from] KeyError),
    /// No randomness for a symmetric key.
    #[error("no randomness available: {0}")]
    Random(getrandom::Error),
}

/// Signs `claims` and wraps the result for `to`, as `plan` says. `key` is the provider's
/// current signing key (an honest token is signed with it, a forged one borrows its `kid`).
pub(crate) fn seal(
    key: &SigningKey,
    plan: TokenPlan,
    claims: Map<String, Value>,
    to: &EncryptionKey,
) -> Result<String, ForgeryError> {
    let jws = sign(key, plan.signing, claims)?;
    wrap(plan.wrapping, &jws, to)
}

fn sign(
    key: &SigningKey,
    signing: Signing,
    claims: Map<String, Value>,
) -> Result<String, ForgeryError> {
    Ok(match signing {
        Signing::Honest => key.sign(claims)?,
        Signing::WithoutKid => key.sign_as(claims, None)?,
        Signing::ImpostorKey => SigningKey::generate()?.sign_as(claims, Some(key.kid()))?,
        Signing::UnpublishedKey => SigningKey::generate()?.sign(claims)?,
        Signing::EmbeddedKey => {
            let forger = SigningKey::generate()?;
            let mut header = JwsHeader::new();
            header.set_token_type("JWT");
            header.set_key_id(key.kid());
            header.set_jwk(forger.public_key().clone());
            forger.sign_with_header(claims, &header)?
        }
        Signing::Unsigned => {
            let header = json!({ "alg": "none", "typ": "JWT", "kid": key.kid() });
            let encode = |value: &Value| URL_SAFE_NO_PAD.encode(value.to_string());
            format!("{}.{}.", encode(&header), encode(&Value::Object(claims)))
        }
        Signing::Hs256PublicJwk => {
            let secret = key.public_jwk().to_string();
            let signer = HS256.signer_from_bytes(secret.as_bytes())?;
            let mut header = JwsHeader::new();
            header.set_token_type("JWT");
            header.set_key_id(key.kid());
            jwt::encode_with_signer(&JwtPayload::from_map(claims)?, &header, &signer)?
        }
    })
}

fn wrap(wrapping: Wrapping, jws: &str, to: &EncryptionKey) -> Result<String, ForgeryError> {
    let symmetric = |encrypter: &dyn JweEncrypter, alg: &str| {
        let mut header = JweHeader::new();
        header.set_algorithm(alg);
        header.set_content_encryption("A256GCM");
        header.set_content_type("JWT");
        if let Some(kid) = to.key_id() {
            header.set_key_id(kid);
        }
        jwe::serialize_compact(jws.as_bytes(), &header, encrypter)
    };
    Ok(match wrapping {
        Wrapping::Honest => to.encrypt(jws)?,
        Wrapping::Plain => jws.to_owned(),
        Wrapping::ImpostorKey => to.impostor()?.encrypt(jws)?,
        Wrapping::A128Kw => {
            let encrypter = jwe::A128KW.encrypter_from_bytes(random_bytes::<16>()?)?;
            symmetric(&encrypter, "A128KW")?
        }
        Wrapping::Direct => {
            let encrypter = jwe::Dir.encrypter_from_bytes(random_bytes::<32>()?)?;
            symmetric(&encrypter, "dir")?
        }
        Wrapping::CbcHmac => to.encrypt_with_enc(jws, "A128CBC-HS256")?,
    })
}

fn random_bytes<const N: usize>() -> Result<[u8; N], ForgeryError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).map_err(ForgeryError::Random)?;
    Ok(bytes)
}
