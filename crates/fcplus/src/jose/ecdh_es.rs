//! ECDH-ES with A256GCM (RFC 7518 §4.6 and §5.3), the JWE that FC+ sends to an EC key, opened
//! on OpenSSL's primitives directly.
//!
//! josekit spends more than half of its 261 µs outside the cryptography a decryption needs: it
//! rebuilds the ephemeral key through a DER encoding and OpenSSL's decoders, then has OpenSSL
//! validate that key with a full scalar multiplication by the group order, which P-256 (a
//! prime-order curve, cofactor 1) does not need once the point is known to be on the curve.
//! Here the point is decoded from its coordinates (OpenSSL refuses one that is not on P-256),
//! the shared secret is the x coordinate of the private scalar times that point (what
//! OpenSSL's `ECDH_compute_key` computes, with the same constant-time `EC_POINT_mul`), the key
//! comes from the Concat KDF and the content is opened with AES-256-GCM.
//!
//! The agreement does not go through OpenSSL 3's `EVP_PKEY_derive`: that path turned the
//! ephemeral key into a provider key for every token, building a new P-256 group each time
//! (`EC_GROUP_new_from_params`), which cost more under load than the multiplication itself.
//! Figures in docs/PERFORMANCE.md ("The crypto floor").
//!
//! Everything a header may carry that this code does not implement is refused, not ignored:
//! compression (`zip`), critical extensions (`crit`), an encrypted key (ECDH-ES has none), an
//! ephemeral key on another curve.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use josekit::jwk::Jwk;
use openssl::bn::{BigNum, BigNumContext};
use openssl::ec::{EcGroup, EcKey, EcPoint, EcPointRef};
use openssl::nid::Nid;
use openssl::pkey::Private;
use openssl::symm::{Cipher, decrypt_aead};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

/// The only content encryption: its name goes into the key derivation.
const ENC: &str = "A256GCM";
/// A256GCM's key, IV and tag lengths (RFC 7518 §5.3).
const KEY_BITS: u32 = 256;
const IV_LEN: usize = 12;
const TAG_LEN: usize = 16;
/// A P-256 coordinate.
const COORDINATE_LEN: usize = 32;

/// Why a token could not be opened with this key. The caller turns every one of them into
/// "not for us" or "malformed"; the variants name the check for the tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Refused {
    /// A part is not base64url, or the header not a JSON object.
    Encoding,
    /// `alg` is not `ECDH-ES` or `enc` not `A256GCM`.
    Algorithm,
    /// `zip` or `crit`: features this decryption does not implement.
    Unsupported,
    /// ECDH-ES carries no encrypted key.
    EncryptedKey,
    /// `epk` missing, not a P-256 EC key, or its point not on the curve.
    EphemeralKey,
    /// The IV or the tag has the wrong length.
    Lengths,
    /// The tag does not verify: the token was not encrypted for this key, or was altered.
    Tag,
}

/// One P-256 private key, ready to open ECDH-ES tokens.
pub(super) struct EcdhEsKey {
    key: EcKey<Private>,
    group: EcGroup,
}

impl EcdhEsKey {
    /// The key if `jwk` is a private P-256 key, `None` for any other.
    pub(super) fn from_jwk(jwk: &Jwk) -> Option<Self> {
        if jwk.key_type() != "EC" || jwk.curve() != Some("P-256") {
            return None;
        }
        let group = EcGroup::from_curve_name(Nid::X9_62_PRIME256V1).ok()?;
        let coordinate = |name: &str| -> Option<Vec<u8>> {
            URL_SAFE_NO_PAD.decode(jwk.parameter(name)?.as_str()?).ok()
        };
        let d = openssl::bn::BigNum::from_slice(&coordinate("d")?).ok()?;
        let public = point(&group, &coordinate("x")?, &coordinate("y")?)?;
        // Checks that `d` and the public point belong together (a key file with a mismatched
        // pair is refused here, once, not on each token).
        let key = EcKey::from_private_components(&group, &d, &public).ok()?;
        key.check_key().ok()?;
        Some(Self { key, group })
    }

    /// Opens the compact JWE `parts` (already split in five) whose decoded protected header is
    /// `header`; returns the plaintext.
    pub(super) fn decrypt(
        &self,
        parts: [&str; 5],
        header: &Map<String, Value>,
    ) -> Result<Vec<u8>, Refused> {
        let [protected, encrypted_key, iv, ciphertext, tag] = parts;
        let text = |name: &str| header.get(name).and_then(Value::as_str);
        if text("alg") != Some("ECDH-ES") || text("enc") != Some(ENC) {
            return Err(Refused::Algorithm);
        }
        if header.contains_key("zip") || header.contains_key("crit") {
            return Err(Refused::Unsupported);
        }
        if !encrypted_key.is_empty() {
            return Err(Refused::EncryptedKey);
        }
        let iv = decode(iv)?;
        let tag = decode(tag)?;
        if iv.len() != IV_LEN || tag.len() != TAG_LEN {
            return Err(Refused::Lengths);
        }
        let ciphertext = decode(ciphertext)?;
        let party = |name: &str| match header.get(name) {
            None => Ok(Vec::new()),
            Some(Value::String(value)) => decode(value),
            Some(_) => Err(Refused::Encoding),
        };
        let (apu, apv) = (party("apu")?, party("apv")?);
        let peer = self.ephemeral_point(header.get("epk"))?;
        let shared = self.agree(&peer).ok_or(Refused::EphemeralKey)?;
        let key = concat_kdf(&shared, ENC, KEY_BITS, &apu, &apv);
        decrypt_aead(
            Cipher::aes_256_gcm(),
            &key,
            Some(&iv),
            protected.as_bytes(),
            &ciphertext,
            &tag,
        )
        .map_err(|_| Refused::Tag)
    }

    /// The header's `epk`, if it is a point of P-256.
    fn ephemeral_point(&self, epk: Option<&Value>) -> Result<EcPoint, Refused> {
        let epk = epk
            .and_then(Value::as_object)
            .ok_or(Refused::EphemeralKey)?;
        let text = |name: &str| epk.get(name).and_then(Value::as_str);
        if text("kty") != Some("EC") || text("crv") != Some("P-256") {
            return Err(Refused::EphemeralKey);
        }
        let coordinate = |name: &str| {
            decode(text(name).ok_or(Refused::EphemeralKey)?)
                .ok()
                .filter(|bytes| bytes.len() == COORDINATE_LEN)
                .ok_or(Refused::EphemeralKey)
        };
        point(&self.group, &coordinate("x")?, &coordinate("y")?).ok_or(Refused::EphemeralKey)
    }

    /// The ECDH shared secret with `peer` (SEC 1 §3.3.1, cofactor 1): the x coordinate of
    /// d·peer, 32 bytes. `peer` is on P-256 (`point` checked it), which is all the validation a
    /// prime-order curve needs: OpenSSL's full check would multiply it by the order again.
    /// The scalar is the key's, flagged constant-time by OpenSSL when it was set; the
    /// temporaries are secure big numbers, wiped when freed.
    fn agree(&self, peer: &EcPointRef) -> Option<Vec<u8>> {
        let mut context = BigNumContext::new_secure().ok()?;
        let mut product = EcPoint::new(&self.group).ok()?;
        product
            .mul2(&self.group, peer, self.key.private_key(), &mut context)
            .ok()?;
        let (mut x, mut y) = (BigNum::new_secure().ok()?, BigNum::new_secure().ok()?);
        // Fails for the point at infinity, which a point of P-256 times a valid key never is.
        product
            .affine_coordinates(&self.group, &mut x, &mut y, &mut context)
            .ok()?;
        let shared = x.to_vec_padded(COORDINATE_LEN as i32).ok();
        x.clear();
        y.clear();
        shared
    }
}

/// The point (x, y) of `group`; `None` if it is not on the curve (OpenSSL checks it when it
/// decodes an uncompressed point) or is the point at infinity.
fn point(group: &EcGroup, x: &[u8], y: &[u8]) -> Option<EcPoint> {
    if x.len() > COORDINATE_LEN || y.len() > COORDINATE_LEN {
        return None;
    }
    // SEC 1's uncompressed form: 0x04, then x and y, each left-padded to the field's size.
    let mut encoded = [0u8; 1 + 2 * COORDINATE_LEN];
    encoded[0] = 0x04;
    encoded[1 + COORDINATE_LEN - x.len()..=COORDINATE_LEN].copy_from_slice(x);
    encoded[1 + 2 * COORDINATE_LEN - y.len()..].copy_from_slice(y);
    let mut context = BigNumContext::new().ok()?;
    let point = EcPoint::from_bytes(group, &encoded, &mut context).ok()?;
    (!point.is_infinity(group)).then_some(point)
}

fn decode(part: &str) -> Result<Vec<u8>, Refused> {
    URL_SAFE_NO_PAD.decode(part).map_err(|_| Refused::Encoding)
}

/// The first round of NIST SP 800-56A's Concat KDF with SHA-256, as RFC 7518 §4.6.2 fills it
/// for direct key agreement: the algorithm ID is `enc`, the key `bits` long (A256GCM's 256
/// take the whole round; a shorter key is its first bytes).
fn concat_kdf(shared: &[u8], enc: &str, bits: u32, apu: &[u8], apv: &[u8]) -> [u8; 32] {
    let with_length = |hash: &mut Sha256, field: &[u8]| {
        hash.update((field.len() as u32).to_be_bytes());
        hash.update(field);
    };
    let mut hash = Sha256::new();
    hash.update(1u32.to_be_bytes());
    hash.update(shared);
    with_length(&mut hash, enc.as_bytes());
    with_length(&mut hash, apu);
    with_length(&mut hash, apv);
    hash.update(bits.to_be_bytes());
    hash.finalize().into()
}

#[cfg(test)]
mod tests;
