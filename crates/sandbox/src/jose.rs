//! JOSE for the sandbox: its ES256 key, sign-then-encrypt to a client, and the JWTs it verifies.

use std::fmt;
use std::sync::Arc;

use josekit::JoseError;
use josekit::jwe::{self, JweEncrypter, JweHeader};
use josekit::jwk::alg::ec::EcCurve;
use josekit::jwk::{Jwk, KeyPair};
use josekit::jws::alg::ecdsa::{EcdsaJwsSigner, EcdsaJwsVerifier};
use josekit::jws::{ES256, JwsHeader};
use josekit::jwt::{self, JwtPayload};
use serde_json::{Map, Value};

use crate::random_token;

mod ecdh_es;

/// The JWE key management algorithms FC+ supports (content encryption is always A256GCM).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EncryptionAlg {
    EcdhEs,
    RsaOaep,
    RsaOaep256,
}

impl EncryptionAlg {
    pub(crate) const ALL: [&'static str; 3] = ["ECDH-ES", "RSA-OAEP", "RSA-OAEP-256"];

    pub(crate) fn parse(name: &str) -> Option<EncryptionAlg> {
        match name {
            "ECDH-ES" => Some(EncryptionAlg::EcdhEs),
            "RSA-OAEP" => Some(EncryptionAlg::RsaOaep),
            "RSA-OAEP-256" => Some(EncryptionAlg::RsaOaep256),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            EncryptionAlg::EcdhEs => "ECDH-ES",
            EncryptionAlg::RsaOaep => "RSA-OAEP",
            EncryptionAlg::RsaOaep256 => "RSA-OAEP-256",
        }
    }

    fn encrypter(self, jwk: &Jwk) -> Result<Box<dyn JweEncrypter>, JoseError> {
        Ok(match self {
            EncryptionAlg::EcdhEs => Box::new(jwe::ECDH_ES.encrypter_from_jwk(jwk)?),
            EncryptionAlg::RsaOaep => Box::new(jwe::RSA_OAEP.encrypter_from_jwk(jwk)?),
            EncryptionAlg::RsaOaep256 => Box::new(jwe::RSA_OAEP_256.encrypter_from_jwk(jwk)?),
        })
    }
}

/// The public keys of a client's JWKS, parsed; a key that is not a JSON object is an error.
fn jwks_keys(jwks: &Value) -> Result<Vec<Jwk>, String> {
    let keys = jwks
        .get("keys")
        .and_then(Value::as_array)
        .ok_or("jwks has no \"keys\" array")?;
    keys.iter()
        .map(|key| match key {
            Value::Object(map) if map.contains_key("d") => Err(
                "a jwks key holds private material (\"d\"): register the public key only"
                    .to_owned(),
            ),
            Value::Object(map) => {
                Jwk::from_map(map.clone()).map_err(|error| format!("jwks key: {error}"))
            }
            _ => Err("a jwks key is not a JSON object".to_owned()),
        })
        .collect()
}

/// The client's key that ID tokens and userinfo are encrypted to.
#[derive(Clone, Debug)]
pub(crate) struct EncryptionKey {
    alg: EncryptionAlg,
    jwk: Jwk,
    /// Made once, at registration: importing the client's key into OpenSSL for every token
    /// cost about as much as the encryption (the gateway's load bench, issue 32).
    encrypter: Arc<dyn JweEncrypter>,
    /// ECDH-ES to a P-256 key with A256GCM, what FC+ sends a client with an EC key, without
    /// josekit's per-token overhead (`ecdh_es`); `None` for other keys.
    p256: Option<ecdh_es::P256EcdhEs>,
}

impl EncryptionKey {
    /// The first key of `jwks` that can encrypt with `alg` (right key type, `use` "enc" or
    /// absent, `alg` equal or absent).
    pub(crate) fn select(jwks: &Value, alg: EncryptionAlg) -> Result<EncryptionKey, String> {
        for jwk in jwks_keys(jwks)? {
            if let Ok(encrypter) = alg.encrypter(&jwk) {
                return Ok(EncryptionKey::new(alg, Arc::from(encrypter), jwk));
            }
        }
        Err(format!(
            "jwks has no public encryption key usable with {}",
            alg.name()
        ))
    }

    fn new(alg: EncryptionAlg, encrypter: Arc<dyn JweEncrypter>, jwk: Jwk) -> EncryptionKey {
        let p256 = (alg == EncryptionAlg::EcdhEs)
            .then(|| ecdh_es::P256EcdhEs::from_jwk(&jwk))
            .flatten();
        EncryptionKey {
            alg,
            encrypter,
            p256,
            jwk,
        }
    }

    /// Encrypts `jws` (a signed JWT) as a JWE compact token: `cty` "JWT", `enc` A256GCM.
    pub(crate) fn encrypt(&self, jws: &str) -> Result<String, JoseError> {
        self.encrypt_with_enc(jws, "A256GCM")
    }

    /// Encrypts `jws` with another content encryption than FC+'s A256GCM (adversary mode).
    pub(crate) fn encrypt_with_enc(&self, jws: &str, enc: &str) -> Result<String, JoseError> {
        let mut header = JweHeader::new();
        header.set_algorithm(self.alg.name());
        header.set_content_encryption(enc);
        header.set_content_type("JWT");
        if let Some(kid) = self.jwk.key_id() {
            header.set_key_id(kid);
        }
        match &self.p256 {
            Some(p256) if enc == "A256GCM" => jwe::serialize_compact(jws.as_bytes(), &header, p256),
            _ => jwe::serialize_compact(jws.as_bytes(), &header, &*self.encrypter),
        }
    }

    /// The client's key id, if its JWKS gives one.
    pub(crate) fn key_id(&self) -> Option<&str> {
        self.jwk.key_id()
    }

    /// A fresh public key of the same kind, algorithm and `kid` as this one: a JWE made with it
    /// looks addressed to the client, which cannot open it (adversary mode).
    pub(crate) fn impostor(&self) -> Result<EncryptionKey, JoseError> {
        let private = match (self.jwk.key_type(), self.jwk.curve()) {
            ("RSA", _) => Jwk::generate_rsa_key(2048)?,
            (_, Some("P-384")) => Jwk::generate_ec_key(EcCurve::P384)?,
            (_, Some("P-521")) => Jwk::generate_ec_key(EcCurve::P521)?,
            _ => Jwk::generate_ec_key(EcCurve::P256)?,
        };
        let mut jwk = private.to_public_key()?;
        if let Some(kid) = self.jwk.key_id() {
            jwk.set_key_id(kid);
        }
        Ok(EncryptionKey::new(
            self.alg,
            Arc::from(self.alg.encrypter(&jwk)?),
            jwk,
        ))
    }
}

/// The sandbox's own ES256 key pair, fresh at every start.
pub(crate) struct SigningKey {
    kid: String,
    signer: EcdsaJwsSigner,
    verifier: EcdsaJwsVerifier,
    public_jwk: Jwk,
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

/// Why the sandbox could not make its key.
#[derive(Debug, thiserror::Error)]
pub(crate) enum KeyError {
    /// OpenSSL refused to generate or load the key.
    #[error(transparent)]
    Jose(#[from] JoseError),
    /// No randomness for the key id.
    #[error("no randomness available: {0}")]
    Random(getrandom::Error),
}

impl SigningKey {
    pub(crate) fn generate() -> Result<SigningKey, KeyError> {
        let kid = random_token().map_err(KeyError::Random)?;
        let key_pair = ES256.generate_key_pair()?;
        let mut private_jwk = key_pair.to_jwk_key_pair();
        private_jwk.set_key_id(kid.clone());
        let mut public_jwk = key_pair.to_jwk_public_key();
        public_jwk.set_key_id(kid.clone());
        public_jwk.set_key_use("sig");
        public_jwk.set_algorithm("ES256");
        let mut signer = ES256.signer_from_jwk(&private_jwk)?;
        // josekit would write the signer's kid over the header's: the header alone decides.
        signer.remove_key_id();
        Ok(SigningKey {
            signer,
            verifier: ES256.verifier_from_jwk(&public_jwk)?,
            public_jwk,
            kid,
        })
    }

    /// Signs `claims` as a JWS compact token (`alg` ES256, `typ` JWT, `kid`).
    pub(crate) fn sign(&self, claims: Map<String, Value>) -> Result<String, JoseError> {
        self.sign_as(claims, Some(&self.kid))
    }

    /// Signs `claims` with this key but `kid` in the header (another key's, or none):
    /// adversary mode's forgeries.
    pub(crate) fn sign_as(
        &self,
        claims: Map<String, Value>,
        kid: Option<&str>,
    ) -> Result<String, JoseError> {
        let mut header = JwsHeader::new();
        header.set_token_type("JWT");
        if let Some(kid) = kid {
            header.set_key_id(kid);
        }
        self.sign_with_header(claims, &header)
    }

    /// Signs `claims` with this key under `header` as given (adversary mode's forgeries).
    pub(crate) fn sign_with_header(
        &self,
        claims: Map<String, Value>,
        header: &JwsHeader,
    ) -> Result<String, JoseError> {
        jwt::encode_with_signer(&JwtPayload::from_map(claims)?, header, &self.signer)
    }

    /// The key id in the JWKS and in token headers.
    pub(crate) fn kid(&self) -> &str {
        &self.kid
    }

    /// The public JWK as published in the JWKS.
    pub(crate) fn public_jwk(&self) -> Value {
        Value::Object(self.public_jwk.as_ref().clone())
    }

    /// The public key, as a JWK.
    pub(crate) fn public_key(&self) -> &Jwk {
        &self.public_jwk
    }

    /// The claims of a JWT this sandbox signed (signature checked, claims not).
    pub(crate) fn verify(&self, token: &str) -> Option<JwtPayload> {
        jwt::decode_with_verifier(token, &self.verifier)
            .ok()
            .map(|(payload, _)| payload)
    }
}
