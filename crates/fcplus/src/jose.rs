//! JOSE for FC+: decrypt the JWE (RSA-OAEP, RSA-OAEP-256, ECDH-ES with A256GCM) and check the
//! inner JWS is ES256 before any signature is verified.

use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use josekit::jwe::{self, JweDecrypter};
use josekit::jwk::Jwk;
use josekit::jws::alg::ecdsa::EcdsaJwsVerifier;
use josekit::jws::{self, ES256};
use serde_json::Value;

mod ecdh_es;

/// Key management algorithms FC+ may use to encrypt to us.
pub const SUPPORTED_JWE_ALGS: &[&str] = &["ECDH-ES", "RSA-OAEP", "RSA-OAEP-256"];
/// The only content encryption FC+ uses.
pub const SUPPORTED_JWE_ENC: &str = "A256GCM";

/// Why a token could not be opened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum JoseError {
    /// Not a compact JWS or JWE at all.
    #[error("the token is malformed")]
    Malformed,
    /// A signed token arrived where an encrypted one was required.
    #[error("the token is not encrypted, but encryption is configured")]
    NotEncrypted,
    /// The JWE uses an algorithm we do not accept.
    #[error("the token is encrypted with `{alg}`/`{enc}`, which is not accepted")]
    UnexpectedEncryption { alg: String, enc: String },
    /// None of our keys opens the JWE: it was encrypted for someone else.
    #[error("the token was not encrypted for this application's keys")]
    NotForUs,
    /// The JWS says `alg: none`.
    #[error("the token is unsigned (alg none)")]
    Unsigned,
    /// The JWS is signed with something else than ES256 (e.g. HS256).
    #[error("the token is signed with `{0}`, only ES256 is accepted")]
    UnexpectedSignatureAlgorithm(String),
    /// The provider publishes no key with that `kid`, even after a refetch.
    #[error("the provider has no signing key `{0}`")]
    UnknownKey(String),
    /// No `kid` and several candidate keys: refuse rather than guess.
    #[error("the token names no key and the provider has several")]
    AmbiguousKey,
    /// The signature does not verify.
    #[error("the signature is invalid")]
    BadSignature,
    /// The payload is not a JSON object.
    #[error("the token payload is not JSON")]
    PayloadNotJson,
}

/// The header of a compact token, decoded without any verification.
pub fn peek_header(compact: &str) -> Result<serde_json::Map<String, Value>, JoseError> {
    let first = compact.split('.').next().ok_or(JoseError::Malformed)?;
    let bytes = URL_SAFE_NO_PAD
        .decode(first)
        .map_err(|_| JoseError::Malformed)?;
    match serde_json::from_slice(&bytes) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(JoseError::Malformed),
    }
}

fn header_str<'a>(header: &'a serde_json::Map<String, Value>, name: &str) -> Option<&'a str> {
    header.get(name).and_then(Value::as_str)
}

/// Our private decryption keys (a JWKS file with `d`). `Debug` shows only key ids.
///
/// Each key is parsed once, here, into a ready decrypter per algorithm it serves: importing a
/// private key costs more than the decryption itself (see docs/PERFORMANCE.md).
pub struct DecryptionKeys {
    keys: Vec<Jwk>,
    decrypters: Vec<PreparedDecrypter>,
}

/// One key, ready for one algorithm. Which key may open a token is decided by
/// [`DecryptionKeys::decrypt`] from the token's header.
struct PreparedDecrypter {
    kid: Option<String>,
    alg: &'static str,
    decrypter: Decrypter,
}

/// ECDH-ES on OpenSSL directly ([`ecdh_es`]: 3 times faster than josekit's); RSA-OAEP
/// through josekit, built from the key without its `kid`.
enum Decrypter {
    EcdhEs(ecdh_es::EcdhEsKey),
    Josekit(Arc<dyn JweDecrypter>),
}

impl std::fmt::Debug for DecryptionKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<_> = self
            .keys
            .iter()
            .map(|k| k.key_id().unwrap_or("-"))
            .collect();
        f.debug_struct("DecryptionKeys")
            .field("kids", &ids)
            .finish()
    }
}

impl DecryptionKeys {
    // `from_file`, which reads a configured key file and fails with a `ConfigError`, is in
    // `config`: this module knows nothing of the configuration.

    /// Keys from memory (the sandbox mode generates one per run).
    pub fn from_keys(keys: Vec<Jwk>) -> Result<Self, String> {
        if keys.is_empty() {
            return Err("no key in the set".into());
        }
        for key in &keys {
            if key.parameter("d").is_none() {
                return Err("a decryption key has no private part (`d`)".into());
            }
            if !matches!(key.key_type(), "EC" | "RSA") {
                return Err(format!(
                    "key type `{}` cannot decrypt FC+ tokens",
                    key.key_type()
                ));
            }
        }
        let mut decrypters = Vec::new();
        for key in &keys {
            let name = key.key_id().unwrap_or("(no kid)");
            let before = decrypters.len();
            for alg in SUPPORTED_JWE_ALGS {
                if let Some(decrypter) = decrypter_for(alg, key) {
                    decrypters.push(PreparedDecrypter {
                        kid: key.key_id().map(str::to_owned),
                        alg,
                        decrypter,
                    });
                }
            }
            if decrypters.len() == before {
                return Err(format!(
                    "the key {name} serves none of {}",
                    SUPPORTED_JWE_ALGS.join(", ")
                ));
            }
        }
        Ok(Self { keys, decrypters })
    }

    /// One fresh P-256 key for ECDH-ES, kept in memory only (the sandbox mode's client).
    pub fn generate_ec(kid: &str) -> Result<Self, String> {
        let mut key = Jwk::generate_ec_key(josekit::jwk::alg::ec::EcCurve::P256)
            .map_err(|e| e.to_string())?;
        key.set_key_id(kid);
        key.set_key_use("enc");
        Self::from_keys(vec![key])
    }

    /// The public halves, as a JWKS to register at the provider.
    pub fn public_jwks(&self) -> Value {
        let keys: Vec<Value> = self
            .keys
            .iter()
            .filter_map(|k| {
                let mut public = k.to_public_key().ok()?;
                if let Some(kid) = k.key_id() {
                    public.set_key_id(kid);
                }
                public.set_key_use("enc");
                Some(Value::Object(public.as_ref().clone()))
            })
            .collect();
        serde_json::json!({ "keys": keys })
    }

    /// Opens a compact JWE and returns its plaintext (for FC+, a compact JWS).
    pub fn decrypt(&self, compact: &str) -> Result<String, JoseError> {
        let parts: Vec<&str> = compact.split('.').collect();
        let parts: [&str; 5] = match parts.try_into() {
            Ok(parts) => parts,
            Err(parts) if parts.len() == 3 => return Err(JoseError::NotEncrypted),
            Err(_) => return Err(JoseError::Malformed),
        };
        let header = peek_header(compact)?;
        let alg = header_str(&header, "alg").unwrap_or_default().to_owned();
        let enc = header_str(&header, "enc").unwrap_or_default().to_owned();
        if !SUPPORTED_JWE_ALGS.contains(&alg.as_str()) || enc != SUPPORTED_JWE_ENC {
            return Err(JoseError::UnexpectedEncryption { alg, enc });
        }
        let kid = header_str(&header, "kid");
        let candidates = self.decrypters.iter().filter(|prepared| {
            prepared.alg == alg
                && match (kid, prepared.kid.as_deref()) {
                    (Some(wanted), Some(ours)) => wanted == ours,
                    _ => true,
                }
        });
        for prepared in candidates {
            let opened = match &prepared.decrypter {
                Decrypter::EcdhEs(key) => key.decrypt(parts, &header).ok(),
                Decrypter::Josekit(decrypter) => {
                    jwe::deserialize_compact(compact, decrypter.as_ref())
                        .ok()
                        .map(|(plaintext, _)| plaintext)
                }
            };
            if let Some(plaintext) = opened {
                return String::from_utf8(plaintext).map_err(|_| JoseError::Malformed);
            }
        }
        Err(JoseError::NotForUs)
    }
}

fn decrypter_for(alg: &str, key: &Jwk) -> Option<Decrypter> {
    let anonymous = || anonymous(key).ok();
    let decrypter: Arc<dyn JweDecrypter> = match (alg, key.key_type()) {
        ("ECDH-ES", "EC") => return ecdh_es::EcdhEsKey::from_jwk(key).map(Decrypter::EcdhEs),
        ("RSA-OAEP", "RSA") => Arc::new(jwe::RSA_OAEP.decrypter_from_jwk(&anonymous()?).ok()?),
        ("RSA-OAEP-256", "RSA") => {
            Arc::new(jwe::RSA_OAEP_256.decrypter_from_jwk(&anonymous()?).ok()?)
        }
        _ => return None,
    };
    Some(Decrypter::Josekit(decrypter))
}

/// The key without its `kid`: josekit insists a token's header names the key whenever the key
/// has an id, and a token without `kid` is accepted when only one key can fit.
fn anonymous(key: &Jwk) -> Result<Jwk, JoseError> {
    let mut anonymous = key.clone();
    if key.key_id().is_some() {
        anonymous
            .set_parameter("kid", None)
            .map_err(|_| JoseError::Malformed)?;
    }
    Ok(anonymous)
}

/// Checks the JWS header before any key is touched: ES256 only, never `none` or HMAC.
pub fn check_signature_algorithm(compact: &str) -> Result<Option<String>, JoseError> {
    if compact.split('.').count() != 3 {
        return Err(JoseError::Malformed);
    }
    let header = peek_header(compact)?;
    match header_str(&header, "alg") {
        Some("ES256") => Ok(header_str(&header, "kid").map(str::to_owned)),
        Some("none") | None => Err(JoseError::Unsigned),
        Some(other) => Err(JoseError::UnexpectedSignatureAlgorithm(other.to_owned())),
    }
}

/// Verifies an ES256 compact JWS with one public key and returns its JSON payload.
pub fn verify_es256(compact: &str, key: &Jwk) -> Result<serde_json::Map<String, Value>, JoseError> {
    VerifyingKey::new(key)?.verify(compact)
}

/// An ES256 public key, parsed once for any number of verifications.
pub struct VerifyingKey {
    kid: Option<String>,
    verifier: EcdsaJwsVerifier,
}

impl std::fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyingKey")
            .field("kid", &self.kid)
            .finish()
    }
}

impl VerifyingKey {
    /// Parses `key`; one that is not an EC P-256 key makes every signature invalid.
    pub fn new(key: &Jwk) -> Result<Self, JoseError> {
        let verifier = ES256
            .verifier_from_jwk(&anonymous(key)?)
            .map_err(|_| JoseError::BadSignature)?;
        Ok(Self {
            kid: key.key_id().map(str::to_owned),
            verifier,
        })
    }

    /// The key's id.
    pub fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// Verifies a compact JWS and returns its JSON payload. A token naming another key than
    /// this one is refused.
    pub fn verify(&self, compact: &str) -> Result<serde_json::Map<String, Value>, JoseError> {
        let header = peek_header(compact)?;
        if let (Some(named), Some(ours)) = (header_str(&header, "kid"), self.key_id())
            && named != ours
        {
            return Err(JoseError::BadSignature);
        }
        let (payload, _) = jws::deserialize_compact(compact, &self.verifier)
            .map_err(|_| JoseError::BadSignature)?;
        match serde_json::from_slice(&payload) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(JoseError::PayloadNotJson),
        }
    }
}

#[cfg(test)]
mod tests;
