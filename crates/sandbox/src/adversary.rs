//! Adversary mode: per-client scenarios that make the stand-in misbehave as a broken or
//! hostile provider would, so that a relying party's defences are tested end to end.
//!
//! A scenario is set for one client and holds for its next sign-ins until replaced. What FC+
//! has only one of (the discovery document, the JWKS, the signing key) changes for every
//! client while a scenario that touches it is set.

mod forgery;

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use axum::http::StatusCode;
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::identities::pairwise_sub;
use crate::jose::SigningKey;
use crate::web;

pub(crate) use forgery::{Signing, TokenPlan, Wrapping, seal};

/// The issuer a hostile provider claims to be, in tokens, redirects and discovery.
pub const FOREIGN_ISSUER: &str = "https://fc-plus.attacker.example/api/v2";
/// A client that is not the one signing in, for `aud` and `azp`.
pub const OTHER_CLIENT: &str = "another-service-provider";

/// How the sandbox behaves for a client's sign-ins.
#[non_exhaustive]
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scenario {
    /// FranceConnect+'s real behaviour.
    #[default]
    Honest,
    /// The ID token's `iss` is another issuer.
    WrongIssuer,
    /// The ID token has no `sub`.
    MissingSubject,
    /// The ID token's `aud` is another client.
    WrongAudience,
    /// The ID token has no `aud`.
    MissingAudience,
    /// The ID token's `aud` names this client and another one, without `azp`.
    ExtraAudienceWithoutAzp,
    /// The ID token's `azp` is another client.
    WrongAuthorizedParty,
    /// The ID token has no `iat`.
    MissingIssuedAt,
    /// The ID token has no `exp`.
    MissingExpiry,
    /// The ID token expired two minutes ago (beyond any 30 s leeway).
    ExpiredIdToken,
    /// The ID token's `iat` (and `exp`) are five minutes in the future.
    IssuedInFuture,
    /// The ID token was issued 15 minutes ago yet is not expired (a stockpiled token).
    IssuedLongAgo,
    /// The ID token's `nonce` is not the one the client sent.
    WrongNonce,
    /// The ID token has no `nonce`.
    MissingNonce,
    /// The ID token's `acr` is `eidas2` whatever was asked (lower than asked for `eidas3`).
    AcrLowerThanAsked,
    /// The ID token's `acr` is `eidas1`, a level FC+ never issues.
    AcrEidas1,
    /// The ID token is signed by another key under the real key's `kid`.
    BadSignature,
    /// The ID token is signed by a key the JWKS never publishes, under its own `kid`.
    UnknownKid,
    /// The ID token is signed by a fresh key that its header embeds as `jwk` (real `kid`).
    EmbeddedJwk,
    /// The ID token says `alg: none` and has no signature.
    AlgNone,
    /// The ID token is HS256, keyed with the JSON bytes of the provider's public JWK.
    Hs256WithPublicKey,
    /// Tokens carry no `kid`; the JWKS holds one key (acceptable: the key is unambiguous).
    NoKidOneKey,
    /// Tokens carry no `kid`; the JWKS also publishes a decoy key (ambiguous).
    NoKidSeveralKeys,
    /// The provider rotates to a new key (new `kid`, JWKS updated) just before signing.
    RotatedKey,
    /// The ID token is signed but not encrypted.
    UnencryptedIdToken,
    /// The ID token is encrypted to a fresh key under the client key's `kid`.
    EncryptedToAnotherKey,
    /// The ID token is encrypted with `A128KW` key wrap (a random key) instead of the client's.
    JweKeyWrapA128Kw,
    /// The ID token is encrypted with `dir` (a random content key).
    JweDirect,
    /// The ID token is encrypted to the client with `enc` A128CBC-HS256 instead of A256GCM.
    JweEncA128CbcHs256,
    /// Userinfo is signed but not encrypted.
    UnencryptedUserinfo,
    /// Userinfo is plain JSON (`application/json`), neither signed nor encrypted.
    UserinfoPlainJson,
    /// Userinfo's `sub` is another person's.
    UserinfoSubMismatch,
    /// Userinfo's `iss` is another issuer.
    UserinfoWrongIssuer,
    /// Userinfo's `aud` is another client.
    UserinfoWrongAudience,
    /// Userinfo is signed by another key under the real key's `kid`.
    UserinfoBadSignature,
    /// Userinfo says `alg: none` and has no signature.
    UserinfoAlgNone,
    /// The discovery document's `issuer` is not the issuer URL it is served under.
    DiscoveryIssuerMismatch,
    /// The authorization redirect's `iss` parameter is another issuer (RFC 9207 mix-up).
    ForeignIssParameter,
    /// The authorization redirect has no `iss` though discovery advertises it.
    MissingIssParameter,
    /// The consent answers with this `error` code instead of an authorization code.
    ErrorRedirect(String),
    /// The token endpoint answers this HTTP status with an OAuth error body.
    TokenEndpointStatus(u16),
    /// The token endpoint waits this long before answering.
    SlowToken(Duration),
}

/// How the consent answers the client.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum RedirectPlan<'a> {
    /// An authorization code, with this `iss` parameter (none when `None`).
    Code { iss: Option<&'a str> },
    /// This error code instead of a code.
    Error(&'a str),
}

impl Scenario {
    /// How the ID token is signed and wrapped.
    pub(crate) fn id_token_plan(&self) -> TokenPlan {
        let (signing, wrapping) = match self {
            Scenario::BadSignature => (Signing::ImpostorKey, Wrapping::Honest),
            Scenario::UnknownKid => (Signing::UnpublishedKey, Wrapping::Honest),
            Scenario::EmbeddedJwk => (Signing::EmbeddedKey, Wrapping::Honest),
            Scenario::AlgNone => (Signing::Unsigned, Wrapping::Honest),
            Scenario::Hs256WithPublicKey => (Signing::Hs256PublicJwk, Wrapping::Honest),
            Scenario::NoKidOneKey | Scenario::NoKidSeveralKeys => {
                (Signing::WithoutKid, Wrapping::Honest)
            }
            Scenario::UnencryptedIdToken => (Signing::Honest, Wrapping::Plain),
            Scenario::EncryptedToAnotherKey => (Signing::Honest, Wrapping::ImpostorKey),
            Scenario::JweKeyWrapA128Kw => (Signing::Honest, Wrapping::A128Kw),
            Scenario::JweDirect => (Signing::Honest, Wrapping::Direct),
            Scenario::JweEncA128CbcHs256 => (Signing::Honest, Wrapping::CbcHmac),
            _ => (Signing::Honest, Wrapping::Honest),
        };
        TokenPlan { signing, wrapping }
    }

    /// How userinfo is signed and wrapped.
    pub(crate) fn userinfo_plan(&self) -> TokenPlan {
        let (signing, wrapping) = match self {
            Scenario::NoKidOneKey | Scenario::NoKidSeveralKeys => {
                (Signing::WithoutKid, Wrapping::Honest)
            }
            Scenario::UnencryptedUserinfo => (Signing::Honest, Wrapping::Plain),
            Scenario::UserinfoBadSignature => (Signing::ImpostorKey, Wrapping::Honest),
            Scenario::UserinfoAlgNone => (Signing::Unsigned, Wrapping::Honest),
            _ => (Signing::Honest, Wrapping::Honest),
        };
        TokenPlan { signing, wrapping }
    }

    /// Alters the honest ID token claims.
    pub(crate) fn tamper_id_token(&self, claims: &mut Map<String, Value>) {
        let iat = claims.get("iat").and_then(Value::as_i64).unwrap_or(0);
        let exp = claims.get("exp").and_then(Value::as_i64).unwrap_or(0);
        let client_id = claims.get("aud").cloned().unwrap_or(Value::Null);
        let mut set = |name: &str, value: Value| claims.insert(name.to_owned(), value);
        match self {
            Scenario::WrongIssuer => set("iss", json!(FOREIGN_ISSUER)),
            Scenario::WrongAudience => set("aud", json!(OTHER_CLIENT)),
            Scenario::ExtraAudienceWithoutAzp => set("aud", json!([client_id, OTHER_CLIENT])),
            Scenario::WrongAuthorizedParty => set("azp", json!(OTHER_CLIENT)),
            Scenario::ExpiredIdToken => {
                set("iat", json!(iat - 180));
                set("exp", json!(exp - 180))
            }
            Scenario::IssuedInFuture => {
                set("iat", json!(iat + 300));
                set("exp", json!(exp + 300))
            }
            Scenario::IssuedLongAgo => set("iat", json!(iat - 900)),
            Scenario::WrongNonce => set("nonce", json!("a-nonce-this-client-never-sent-0123")),
            Scenario::AcrLowerThanAsked => set("acr", json!("eidas2")),
            Scenario::AcrEidas1 => set("acr", json!("eidas1")),
            _ => None,
        };
        let removed = match self {
            Scenario::MissingSubject => "sub",
            Scenario::MissingAudience => "aud",
            Scenario::MissingIssuedAt => "iat",
            Scenario::MissingExpiry => "exp",
            Scenario::MissingNonce => "nonce",
            _ => return,
        };
        claims.remove(removed);
    }

    /// Alters the honest userinfo claims.
    pub(crate) fn tamper_userinfo(&self, claims: &mut Map<String, Value>, client_id: &str) {
        match self {
            Scenario::UserinfoSubMismatch => {
                let someone_else = pairwise_sub(client_id, "someone-else-entirely");
                claims.insert("sub".into(), json!(someone_else));
            }
            Scenario::UserinfoWrongIssuer => {
                claims.insert("iss".into(), json!(FOREIGN_ISSUER));
            }
            Scenario::UserinfoWrongAudience => {
                claims.insert("aud".into(), json!(OTHER_CLIENT));
            }
            _ => {}
        }
    }

    /// Whether userinfo is answered as plain JSON.
    pub(crate) fn userinfo_as_json(&self) -> bool {
        *self == Scenario::UserinfoPlainJson
    }

    /// Whether the signing key is rotated just before the ID token is signed.
    pub(crate) fn rotates_key(&self) -> bool {
        *self == Scenario::RotatedKey
    }

    /// How the consent redirects back to the client of a provider whose issuer is `issuer`.
    pub(crate) fn redirect<'a>(&'a self, issuer: &'a str) -> RedirectPlan<'a> {
        match self {
            Scenario::ErrorRedirect(error) => RedirectPlan::Error(error),
            Scenario::ForeignIssParameter => RedirectPlan::Code {
                iss: Some(FOREIGN_ISSUER),
            },
            Scenario::MissingIssParameter => RedirectPlan::Code { iss: None },
            _ => RedirectPlan::Code { iss: Some(issuer) },
        }
    }

    /// The token endpoint's answer before any check, when this scenario replaces it.
    pub(crate) fn token_endpoint_status(&self) -> Option<Response> {
        let Scenario::TokenEndpointStatus(status) = self else {
            return None;
        };
        let status = StatusCode::from_u16(*status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let error = match status {
            StatusCode::SERVICE_UNAVAILABLE => "temporarily_unavailable",
            status if status.is_server_error() => "server_error",
            _ => "invalid_request",
        };
        Some(web::json_error(
            status,
            error,
            "the sandbox's adversary mode answers this status",
        ))
    }

    /// How long the token endpoint waits before answering.
    pub(crate) fn token_delay(&self) -> Option<Duration> {
        match self {
            Scenario::SlowToken(delay) => Some(*delay),
            _ => None,
        }
    }
}

/// The scenarios in force, by client, and the decoy key some of them publish.
#[derive(Debug, Default)]
pub(crate) struct Adversary {
    scenarios: Mutex<HashMap<String, Scenario>>,
    decoy: Mutex<Option<Value>>,
}

impl Adversary {
    fn scenarios(&self) -> MutexGuard<'_, HashMap<String, Scenario>> {
        self.scenarios
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Sets the scenario of `client_id`'s next sign-ins.
    pub(crate) fn set(&self, client_id: &str, scenario: Scenario) {
        tracing::info!(event = "adversary_scenario_set", client_id, scenario = ?scenario);
        let mut scenarios = self.scenarios();
        if scenario == Scenario::Honest {
            scenarios.remove(client_id);
        } else {
            scenarios.insert(client_id.to_owned(), scenario);
        }
    }

    /// The scenario of `client_id` (honest unless set).
    pub(crate) fn scenario(&self, client_id: &str) -> Scenario {
        self.scenarios().get(client_id).cloned().unwrap_or_default()
    }

    /// Whether some client's scenario is `scenario` (for what FC+ has only one of).
    pub(crate) fn any_client_has(&self, scenario: &Scenario) -> bool {
        self.scenarios().values().any(|set| set == scenario)
    }

    /// A public key to publish beside the real ones while a client is in `NoKidSeveralKeys`;
    /// the same one on every fetch.
    pub(crate) fn decoy_key(&self) -> Option<Value> {
        if !self.any_client_has(&Scenario::NoKidSeveralKeys) {
            return None;
        }
        let mut decoy = self.decoy.lock().unwrap_or_else(PoisonError::into_inner);
        if decoy.is_none() {
            match SigningKey::generate() {
                Ok(key) => *decoy = Some(key.public_jwk()),
                Err(error) => tracing::error!(event = "decoy_key_failed", %error),
            }
        }
        decoy.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn honest_claims() -> Map<String, Value> {
        json!({"iss": "i", "sub": "s", "aud": "c", "iat": 1000, "exp": 1060, "nonce": "n", "acr": "eidas3"})
            .as_object()
            .cloned()
            .expect("object")
    }

    #[test]
    fn honest_is_the_default_and_changes_nothing() {
        let scenario = Scenario::default();
        assert_eq!(scenario, Scenario::Honest);
        let mut claims = honest_claims();
        scenario.tamper_id_token(&mut claims);
        assert_eq!(claims, honest_claims(), "honest tokens are FC+'s tokens");
        let honest = TokenPlan {
            signing: Signing::Honest,
            wrapping: Wrapping::Honest,
        };
        assert_eq!(scenario.id_token_plan(), honest);
        assert_eq!(scenario.userinfo_plan(), honest);
        assert_eq!(
            scenario.redirect("https://fc"),
            RedirectPlan::Code {
                iss: Some("https://fc")
            }
        );
    }

    #[test]
    fn time_scenarios_move_the_token_out_of_any_leeway() {
        let mut expired = honest_claims();
        Scenario::ExpiredIdToken.tamper_id_token(&mut expired);
        assert_eq!(expired["exp"], 1060 - 180, "120 s in the past at iat 1000");
        let mut future = honest_claims();
        Scenario::IssuedInFuture.tamper_id_token(&mut future);
        assert_eq!(future["iat"], 1300, "five minutes ahead");
    }

    #[test]
    fn a_client_back_to_honest_no_longer_counts() {
        let adversary = Adversary::default();
        adversary.set("c", Scenario::NoKidSeveralKeys);
        assert!(adversary.decoy_key().is_some(), "the decoy is published");
        let first = adversary.decoy_key();
        assert_eq!(first, adversary.decoy_key(), "the decoy is stable");
        adversary.set("c", Scenario::Honest);
        assert_eq!(adversary.scenario("c"), Scenario::Honest);
        assert!(
            adversary.decoy_key().is_none(),
            "no decoy once honest again"
        );
    }
}
