//! ECDH-ES key agreement to a client's P-256 key (RFC 7518 §4.6), for josekit's JWE
//! serialization: the sandbox's encryption of every ID token and userinfo answer.
//!
//! josekit's own ECDH-ES encrypter builds the P-256 group, the ephemeral key's JWK and an
//! OpenSSL 3 `EVP_PKEY_derive` for every token (which imports the client's key into a new group
//! each time): more than half of the sandbox's CPU per sign-in under the gateway's load bench,
//! where the sandbox stands for FC+ and its cost is charged to neither side (issue 32). Here
//! the group and the client's point are made once; per token, one ephemeral key, one
//! multiplication, the Concat KDF. josekit still writes the header, draws the IV and seals the
//! content. Only A256GCM (FC+'s `enc`) takes this path: the adversary's other `enc` values go
//! through josekit's encrypter.
//!
//! The relying party's decryption (`fcplus`) shares no code with this: the sandbox must not
//! carry its bugs. A test here has josekit's decrypter open what this makes.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use josekit::JoseError;
use josekit::jwe::{self, JweAlgorithm, JweContentEncryption, JweEncrypter, JweHeader};
use josekit::jwk::Jwk;
use openssl::bn::{BigNum, BigNumContext};
use openssl::ec::{EcGroup, EcKey, EcPoint, EcPointRef};
use openssl::nid::Nid;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// A P-256 coordinate's length.
const COORDINATE_LEN: usize = 32;

/// ECDH-ES (direct key agreement) to one P-256 public key.
#[derive(Clone)]
pub(super) struct P256EcdhEs {
    recipient: Arc<Recipient>,
    key_id: Option<String>,
}

struct Recipient {
    group: EcGroup,
    point: EcPoint,
}

impl fmt::Debug for P256EcdhEs {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("P256EcdhEs")
            .field("key_id", &self.key_id)
            .finish_non_exhaustive()
    }
}

impl P256EcdhEs {
    /// The encrypter for `jwk` if it is a public P-256 key whose point is on the curve.
    pub(super) fn from_jwk(jwk: &Jwk) -> Option<Self> {
        if jwk.key_type() != "EC" || jwk.curve() != Some("P-256") {
            return None;
        }
        let coordinate = |name: &str| -> Option<Vec<u8>> {
            let bytes = URL_SAFE_NO_PAD
                .decode(jwk.parameter(name)?.as_str()?)
                .ok()?;
            (bytes.len() == COORDINATE_LEN).then_some(bytes)
        };
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).ok()?;
        let mut encoded = vec![0x04];
        encoded.extend(coordinate("x")?);
        encoded.extend(coordinate("y")?);
        let mut context = BigNumContext::new().ok()?;
        // OpenSSL refuses a point that is not on the curve.
        let point = EcPoint::from_bytes(&group, &encoded, &mut context).ok()?;
        Some(Self {
            recipient: Arc::new(Recipient { group, point }),
            key_id: jwk.key_id().map(str::to_owned),
        })
    }
}

impl JweEncrypter for P256EcdhEs {
    fn algorithm(&self) -> &dyn JweAlgorithm {
        &jwe::ECDH_ES
    }

    fn key_id(&self) -> Option<&str> {
        self.key_id.as_deref()
    }

    fn compute_content_encryption_key(
        &self,
        cencryption: &dyn JweContentEncryption,
        _merged: &JweHeader,
        header: &mut JweHeader,
    ) -> Result<Option<Cow<'_, [u8]>>, JoseError> {
        if cencryption.key_len() != Sha256::output_size() {
            return Err(refused(
                "only a 256-bit content key (A256GCM) takes this path",
            ));
        }
        if header.claim("apu").is_some() || header.claim("apv").is_some() {
            return Err(refused("apu and apv are not written by the sandbox"));
        }
        let Recipient { group, point } = &*self.recipient;
        let ephemeral = EcKey::generate(group).map_err(openssl_failed)?;
        let (x, y) = coordinates(group, ephemeral.public_key())?;
        let shared = agree(group, point, &ephemeral)?;
        let mut epk = Map::new();
        epk.insert("kty".into(), "EC".into());
        epk.insert("crv".into(), "P-256".into());
        epk.insert("x".into(), URL_SAFE_NO_PAD.encode(x).into());
        epk.insert("y".into(), URL_SAFE_NO_PAD.encode(y).into());
        header.set_claim("epk", Some(Value::Object(epk)))?;
        Ok(Some(Cow::Owned(
            concat_kdf(&shared, cencryption.name()).to_vec(),
        )))
    }

    fn encrypt(
        &self,
        _key: &[u8],
        _merged: &JweHeader,
        _header: &mut JweHeader,
    ) -> Result<Option<Vec<u8>>, JoseError> {
        // Direct key agreement: no encrypted key.
        Ok(None)
    }

    fn box_clone(&self) -> Box<dyn JweEncrypter> {
        Box::new(self.clone())
    }
}

/// A token this encrypter does not make.
fn refused(why: &str) -> JoseError {
    JoseError::InvalidKeyFormat(std::io::Error::other(why.to_owned()).into())
}

fn openssl_failed(error: openssl::error::ErrorStack) -> JoseError {
    JoseError::InvalidKeyFormat(error.into())
}

/// x and y of `point`, each 32 bytes.
fn coordinates(
    group: &EcGroup,
    point: &EcPointRef,
) -> Result<([u8; COORDINATE_LEN], [u8; COORDINATE_LEN]), JoseError> {
    let mut context = BigNumContext::new().map_err(openssl_failed)?;
    let (mut x, mut y) = (
        BigNum::new().map_err(openssl_failed)?,
        BigNum::new().map_err(openssl_failed)?,
    );
    point
        .affine_coordinates(group, &mut x, &mut y, &mut context)
        .map_err(openssl_failed)?;
    let padded = |n: &BigNum| -> Result<[u8; COORDINATE_LEN], JoseError> {
        let bytes = n
            .to_vec_padded(COORDINATE_LEN as i32)
            .map_err(openssl_failed)?;
        bytes
            .try_into()
            .map_err(|_| refused("a coordinate longer than 32 bytes"))
    };
    Ok((padded(&x)?, padded(&y)?))
}

/// The shared secret: the x coordinate of the ephemeral scalar times the client's point
/// (what OpenSSL's `ECDH_compute_key` computes, cofactor 1).
fn agree(
    group: &EcGroup,
    recipient: &EcPointRef,
    ephemeral: &EcKey<openssl::pkey::Private>,
) -> Result<[u8; COORDINATE_LEN], JoseError> {
    let mut context = BigNumContext::new_secure().map_err(openssl_failed)?;
    let mut product = EcPoint::new(group).map_err(openssl_failed)?;
    product
        .mul2(group, recipient, ephemeral.private_key(), &mut context)
        .map_err(openssl_failed)?;
    Ok(coordinates(group, &product)?.0)
}

/// NIST SP 800-56A's Concat KDF, one round of SHA-256, as RFC 7518 §4.6.2 fills it for
/// direct agreement with no `apu` or `apv`: the algorithm ID is `enc`, the key 256 bits.
fn concat_kdf(shared: &[u8], enc: &str) -> [u8; 32] {
    let mut hash = Sha256::new();
    hash.update(1u32.to_be_bytes());
    hash.update(shared);
    hash.update((enc.len() as u32).to_be_bytes());
    hash.update(enc.as_bytes());
    // PartyUInfo and PartyVInfo: empty, each written as its zero length.
    hash.update(0u32.to_be_bytes());
    hash.update(0u32.to_be_bytes());
    hash.update(256u32.to_be_bytes());
    hash.finalize().into()
}

#[cfg(test)]
mod tests {
    use josekit::jwe::{ECDH_ES, JweHeader};
    use josekit::jwk::Jwk;
    use josekit::jwk::alg::ec::EcCurve;

    use super::P256EcdhEs;

    #[test]
    fn josekit_opens_what_it_encrypts() {
        let private = Jwk::generate_ec_key(EcCurve::P256).expect("key");
        let mut public = private.to_public_key().expect("public");
        public.set_key_id("client-key");
        let encrypter = P256EcdhEs::from_jwk(&public).expect("a P-256 key");
        let mut header = JweHeader::new();
        header.set_content_encryption("A256GCM");
        header.set_content_type("JWT");
        header.set_key_id("client-key");
        let plaintext = b"eyJhbGciOiJFUzI1NiJ9.e30.c2ln";
        let token = josekit::jwe::serialize_compact(plaintext, &header, &encrypter).expect("token");
        let decrypter = ECDH_ES.decrypter_from_jwk(&private).expect("decrypter");
        let (opened, header) =
            josekit::jwe::deserialize_compact(&token, &decrypter).expect("opened");
        assert_eq!(opened, plaintext);
        assert_eq!(header.algorithm(), Some("ECDH-ES"));
        assert_eq!(header.key_id(), Some("client-key"));
        let epk = header
            .claim("epk")
            .and_then(|v| v.as_object())
            .expect("epk");
        assert_eq!(epk.get("crv").and_then(|v| v.as_str()), Some("P-256"));
        // A fresh ephemeral key for each token: the same plaintext twice gives two epks.
        let again = josekit::jwe::serialize_compact(plaintext, &header, &encrypter).expect("again");
        assert_ne!(token.split('.').next(), again.split('.').next());
    }

    #[test]
    fn only_p256_keys_with_a_point_on_the_curve_take_this_path() {
        let p384 = Jwk::generate_ec_key(EcCurve::P384).expect("key");
        assert!(P256EcdhEs::from_jwk(&p384.to_public_key().expect("public")).is_none());
        let mut off_curve = Jwk::generate_ec_key(EcCurve::P256)
            .expect("key")
            .to_public_key()
            .expect("public");
        // y + 1 is not on P-256 for x.
        let y = off_curve
            .parameter("y")
            .and_then(|v| v.as_str())
            .expect("y")
            .to_owned();
        let mut bytes =
            base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, y)
                .expect("y bytes");
        bytes[31] ^= 1;
        off_curve
            .set_parameter(
                "y",
                Some(
                    base64::Engine::encode(
                        &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                        bytes,
                    )
                    .into(),
                ),
            )
            .expect("set y");
        assert!(P256EcdhEs::from_jwk(&off_curve).is_none());
    }
}
