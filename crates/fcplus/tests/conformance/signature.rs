//! Signature family: ES256 only, the key from the provider's JWKS (by `kid`, or the only one),
//! one refetch on rotation, and never a key or algorithm the token chooses for itself.

use fcplus::{JoseError, SignInError};
use sandbox::{Sandbox, Scenario};

use crate::case::{Case, refusal};

pub fn cases() -> Vec<Case> {
    vec![
        Case::refuses(
            "rejects_id_token_signed_with_another_key_under_the_real_kid",
            Scenario::BadSignature,
            refusal!(SignInError::Token(JoseError::BadSignature)),
            "the kid only names the key; the signature must verify with the published key",
        ),
        Case::refuses(
            "rejects_id_token_signed_with_unknown_key",
            Scenario::UnknownKid,
            refusal!(SignInError::Token(JoseError::UnknownKey(_))),
            "a key the provider never published cannot vouch for anything",
        ),
        Case::refuses(
            "rejects_id_token_whose_header_embeds_its_own_key",
            Scenario::EmbeddedJwk,
            refusal!(SignInError::Token(JoseError::BadSignature)),
            "a `jwk` header is the forger's key: only the provider's JWKS counts",
        ),
        Case::refuses(
            "rejects_unsigned_id_token_alg_none",
            Scenario::AlgNone,
            refusal!(SignInError::Token(JoseError::Unsigned)),
            "alg none means anyone could have written the token",
        ),
        Case::refuses(
            "rejects_hs256_id_token_keyed_with_the_public_jwk",
            Scenario::Hs256WithPublicKey,
            refusal!(SignInError::Token(JoseError::UnexpectedSignatureAlgorithm(alg)) if alg == "HS256"),
            "key confusion: the public key is public, so an HMAC keyed with it proves nothing",
        ),
        Case::accepts(
            "accepts_tokens_without_kid_when_the_jwks_has_one_key",
            Scenario::NoKidOneKey,
            "with a single published key there is no doubt which one verifies (OIDC Core §10.1)",
        ),
        Case::refuses(
            "rejects_tokens_without_kid_when_the_jwks_has_several_keys",
            Scenario::NoKidSeveralKeys,
            refusal!(SignInError::Token(JoseError::AmbiguousKey)),
            "without a kid among several keys, trying each would let any published key sign",
        ),
        Case::accepts(
            "accepts_a_key_rotated_just_before_signing_after_one_jwks_refetch",
            Scenario::RotatedKey,
            "a rotation is routine, even right after the warm-up at discovery: an unknown kid triggers one JWKS refetch (the 5 s limit counts only those), then it verifies",
        )
        .after(refetched_the_jwks_once),
        Case::refuses(
            "rejects_userinfo_signed_with_another_key_under_the_real_kid",
            Scenario::UserinfoBadSignature,
            refusal!(SignInError::Token(JoseError::BadSignature)),
            "userinfo carries the identity: its signature matters as much as the ID token's",
        ),
        Case::refuses(
            "rejects_unsigned_userinfo_alg_none",
            Scenario::UserinfoAlgNone,
            refusal!(SignInError::Token(JoseError::Unsigned)),
            "an unsigned userinfo could name anyone",
        ),
    ]
}

/// Discovery's prefetch, then exactly one refetch for the new kid.
fn refetched_the_jwks_once(sandbox: &Sandbox) -> Result<(), String> {
    match sandbox.jwks_fetches() {
        2 => Ok(()),
        n => Err(format!(
            "the JWKS was fetched {n} times, expected 2 (prefetch at discovery, one refetch)"
        )),
    }
}
