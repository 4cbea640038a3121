//! The gateway's own ES256 keys: the first signs ID tokens, all are published so that a
//! rotation never breaks a token signed a moment before (see docs/DEPLOYMENT.md).

use fcplus::jose::{VerifyingKey, check_signature_algorithm};
use josekit::jwk::Jwk;
use josekit::jwk::alg::ec::EcCurve;
use josekit::jws::alg::ecdsa::EcdsaJwsSigner;
use josekit::jws::{self, ES256, JwsHeader};
use serde_json::{Map, Value};

/// Private signing keys. `Debug` prints key ids only. Each is parsed once, at load: importing
/// a key costs more than a signature (see docs/PERFORMANCE.md).
pub struct SigningKeys {
    keys: Vec<Jwk>,
    /// Signs with `keys[0]`.
    signer: EcdsaJwsSigner,
    /// Verifies with any of `keys`, by `kid`.
    verifiers: Vec<VerifyingKey>,
}

impl std::fmt::Debug for SigningKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kids: Vec<_> = self.keys.iter().map(|k| k.key_id()).collect();
        f.debug_struct("SigningKeys").field("kids", &kids).finish()
    }
}

impl SigningKeys {
    // `from_file`, which reads `signing.keys` and fails with a `GatewayConfigError`, is in
    // `config`: this module knows nothing of the configuration.

    /// Keys from memory; the first signs.
    pub fn from_keys(keys: Vec<Jwk>) -> Result<Self, String> {
        if keys.is_empty() {
            return Err("no key in the set".into());
        }
        let mut kids = std::collections::HashSet::new();
        let mut signers = Vec::new();
        let mut verifiers = Vec::new();
        for key in &keys {
            let kid = key.key_id().ok_or("every key needs a `kid`")?;
            if !kids.insert(kid.to_owned()) {
                return Err(format!("the kid `{kid}` appears twice"));
            }
            let not_es256 = |e: String| format!("`{kid}` is not an ES256 (P-256) private key: {e}");
            signers.push(
                ES256
                    .signer_from_jwk(key)
                    .map_err(|e| not_es256(e.to_string()))?,
            );
            let public = public_half(key).ok_or_else(|| not_es256("no public half".into()))?;
            verifiers.push(VerifyingKey::new(&public).map_err(|e| not_es256(e.to_string()))?);
        }
        let signer = signers.swap_remove(0);
        Ok(Self {
            keys,
            signer,
            verifiers,
        })
    }

    /// A fresh P-256 private key with `kid`, for `guichet-gateway keygen`.
    pub fn generate(kid: &str, key_use: &str) -> Result<Jwk, String> {
        let mut key = Jwk::generate_ec_key(EcCurve::P256).map_err(|e| e.to_string())?;
        key.set_key_id(kid);
        key.set_key_use(key_use);
        if key_use == "sig" {
            key.set_algorithm("ES256");
        }
        Ok(key)
    }

    /// The id of the key that signs now.
    pub fn active_kid(&self) -> &str {
        self.keys[0].key_id().unwrap_or_default()
    }

    /// Signs claims with the active key (compact JWS, `typ: JWT`).
    pub fn sign(&self, claims: &Map<String, Value>) -> Result<String, String> {
        let mut header = JwsHeader::new();
        header.set_token_type("JWT");
        header.set_key_id(self.active_kid());
        let body = serde_json::to_vec(claims).map_err(|e| e.to_string())?;
        jws::serialize_compact(&body, &header, &self.signer).map_err(|e| e.to_string())
    }

    /// Verifies a token this gateway signed (any published key) and returns its claims.
    /// Expiry is the caller's business: `/session/end` accepts an expired `id_token_hint`.
    pub fn verify(&self, compact: &str) -> Option<Map<String, Value>> {
        let kid = check_signature_algorithm(compact).ok()??;
        let key = self
            .verifiers
            .iter()
            .find(|k| k.key_id() == Some(kid.as_str()))?;
        key.verify(compact).ok()
    }

    /// The public halves, for `/jwks`.
    pub fn public_jwks(&self) -> Vec<Value> {
        self.keys
            .iter()
            .filter_map(public_half)
            .map(|k| Value::Object(k.as_ref().clone()))
            .collect()
    }
}

fn public_half(key: &Jwk) -> Option<Jwk> {
    let mut public = key.to_public_key().ok()?;
    if let Some(kid) = key.key_id() {
        public.set_key_id(kid);
    }
    public.set_key_use("sig");
    public.set_algorithm("ES256");
    Some(public)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verifies_tokens_of_every_published_key_and_nothing_else() {
        let old = SigningKeys::generate("old", "sig").unwrap();
        let new = SigningKeys::generate("new", "sig").unwrap();
        let before = SigningKeys::from_keys(vec![old.clone()]).unwrap();
        let after = SigningKeys::from_keys(vec![new, old]).unwrap();
        let mut claims = Map::new();
        claims.insert("sub".into(), "s".into());
        let signed_before = before.sign(&claims).unwrap();
        assert!(
            after.verify(&signed_before).is_some(),
            "a retired key stays published so its tokens still verify"
        );
        let stranger = SigningKeys::from_keys(vec![SigningKeys::generate("old", "sig").unwrap()])
            .unwrap()
            .sign(&claims)
            .unwrap();
        assert!(
            after.verify(&stranger).is_none(),
            "a key with a known kid but other material must not verify"
        );
        assert_eq!(after.public_jwks().len(), 2);
        assert!(
            after.public_jwks().iter().all(|k| k.get("d").is_none()),
            "private parts never published"
        );
    }
}
