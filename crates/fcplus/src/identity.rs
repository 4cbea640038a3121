//! The verified identity of a person, French or from another EU country (eIDAS), with the
//! fields an origin does not give left absent rather than empty.
//!
//! Nothing here serializes by itself: writing a person's data out takes an explicit
//! [`reveal`] (or [`Revealed`]) at each of its few real uses (the vault's stored session, the
//! command line's `--json`, the gateway's short-lived records). Reading back needs nothing.

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::acr::Acr;
use crate::sensitive::Sensitive;

/// Where the identity comes from, read from `amr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// A French identity provider (`amr` present without `eidas`: French providers send
    /// `["fc","pop","pin","mfa"]` or, in the partner documentation, `["pin","pop","mfa"]`).
    France,
    /// Another EU member state through the eIDAS node (`amr` contains `eidas`).
    Eidas,
    /// FC+ did not send `amr` (the client is not allowed it): origin cannot be told.
    Unknown,
}

impl Origin {
    /// Reads the origin from `amr`: containing `eidas` → eIDAS, present without it →
    /// France, absent (not asked or not granted) → unknown.
    pub fn from_amr(amr: Option<&[String]>) -> Self {
        match amr {
            Some(amr) if amr.iter().any(|m| m == "eidas") => Origin::Eidas,
            Some(_) => Origin::France,
            None => Origin::Unknown,
        }
    }
}

type Field = Option<Sensitive<String>>;

/// A person's identity claims under their OIDC names. Every field is personal data: `Debug`
/// redacts them, nothing here implements `Display`, and only [`Revealed`] serializes them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Identity {
    /// Per-service-provider pseudonym.
    pub sub: Sensitive<String>,
    #[serde(default)]
    pub given_name: Field,
    #[serde(default)]
    pub family_name: Field,
    /// Usage name (nom d'usage); for eIDAS identities FC+ repeats the family name here.
    #[serde(default)]
    pub preferred_username: Field,
    /// `YYYY-MM-DD` as FC+ sent it; a presumed date keeps its zeros (`YYYY-MM-00` when the
    /// day is unknown, `YYYY-00-00` when the month is too: FC's
    /// `libs/oidc-client/src/validators/is-idp-birthdate.validator.ts`).
    #[serde(default)]
    pub birthdate: Field,
    /// `male`, `female` or `unspecified`.
    #[serde(default)]
    pub gender: Field,
    /// France: a 5-character INSEE code; eIDAS: free text.
    #[serde(default)]
    pub birthplace: Field,
    /// France only: a 5-character INSEE country code.
    #[serde(default)]
    pub birthcountry: Field,
    /// France only.
    #[serde(default)]
    pub email: Field,
}

impl Identity {
    /// Builds the identity from verified userinfo claims. Empty strings count as absent.
    pub fn from_claims(sub: String, claims: &Map<String, Value>) -> Self {
        let field = |name: &str| -> Field {
            claims
                .get(name)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(|v| Sensitive::new(v.to_owned()))
        };
        Self {
            sub: Sensitive::new(sub),
            given_name: field("given_name"),
            family_name: field("family_name"),
            preferred_username: field("preferred_username"),
            birthdate: field("birthdate"),
            gender: field("gender"),
            birthplace: field("birthplace"),
            birthcountry: field("birthcountry"),
            email: field("email"),
        }
    }
}

/// What a completed sign-in yields: who, how sure, and until when. Serialized only through
/// [`Revealed`] ([`reveal`] on a field).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct VerifiedIdentity {
    #[serde(flatten)]
    pub identity: Identity,
    pub acr: Acr,
    pub amr: Vec<String>,
    pub origin: Origin,
    /// RFC 3339, UTC.
    #[serde(with = "time::serde::rfc3339")]
    pub expires_at: time::OffsetDateTime,
}

/// A verified identity ([`VerifiedIdentity`]) or its claims alone ([`Identity`]), values and
/// all, for one of the places that must write them out: say `Revealed(&identity)` there. The
/// JSON is the one those types read back.
pub struct Revealed<'a, T>(pub &'a T);

impl<T> std::fmt::Debug for Revealed<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Revealed([redacted])")
    }
}

/// `#[serde(serialize_with = "fcplus::identity::reveal")]` on a field holding a verified
/// identity: the explicit call that lets a record carrying one be written out.
pub fn reveal<S: Serializer>(
    identity: &VerifiedIdentity,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    Revealed(identity).serialize(serializer)
}

impl Serialize for Revealed<'_, Identity> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Claims::of(self.0).serialize(serializer)
    }
}

impl Serialize for Revealed<'_, VerifiedIdentity> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let Revealed(verified) = self;
        Verified {
            claims: Claims::of(&verified.identity),
            acr: &verified.acr,
            amr: &verified.amr,
            origin: verified.origin,
            expires_at: verified.expires_at,
        }
        .serialize(serializer)
    }
}

/// The written form of [`Identity`], field for field what it reads.
#[derive(Serialize)]
struct Claims<'a> {
    sub: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    given_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    family_name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preferred_username: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birthdate: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    gender: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birthplace: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    birthcountry: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<&'a str>,
}

impl<'a> Claims<'a> {
    fn of(person: &'a Identity) -> Self {
        let value = |field: &'a Field| field.as_ref().map(|v| v.expose().as_str());
        Claims {
            sub: person.sub.expose(),
            given_name: value(&person.given_name),
            family_name: value(&person.family_name),
            preferred_username: value(&person.preferred_username),
            birthdate: value(&person.birthdate),
            gender: value(&person.gender),
            birthplace: value(&person.birthplace),
            birthcountry: value(&person.birthcountry),
            email: value(&person.email),
        }
    }
}

/// The written form of [`VerifiedIdentity`] (its claims flattened, as it reads them).
#[derive(Serialize)]
struct Verified<'a> {
    #[serde(flatten)]
    claims: Claims<'a>,
    acr: &'a Acr,
    amr: &'a [String],
    origin: Origin,
    #[serde(with = "time::serde::rfc3339")]
    expires_at: time::OffsetDateTime,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(value: Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    #[test]
    fn origin_comes_from_amr() {
        let amr = |values: &[&str]| values.iter().map(|v| (*v).to_owned()).collect::<Vec<_>>();
        assert_eq!(Origin::from_amr(Some(&amr(&["eidas"]))), Origin::Eidas);
        assert_eq!(
            Origin::from_amr(Some(&amr(&["fc", "pop", "pin", "mfa"]))),
            Origin::France
        );
        assert_eq!(
            Origin::from_amr(Some(&amr(&["pin", "pop", "mfa"]))),
            Origin::France,
            "the partner documentation's French amr has no origin marker"
        );
        assert_eq!(Origin::from_amr(None), Origin::Unknown);
    }

    #[test]
    fn eidas_identity_has_no_birthcountry_or_email_fields_at_all() {
        let identity = Identity::from_claims(
            "s".into(),
            &claims(
                json!({"given_name": "Erika", "family_name": "Mustermann", "birthdate": "1964-08-12", "birthplace": ""}),
            ),
        );
        let verified = verified(identity);
        let json = serde_json::to_value(Revealed(&verified)).unwrap();
        let object = json.as_object().unwrap();
        for absent in ["birthcountry", "email", "birthplace", "gender"] {
            assert!(
                !object.contains_key(absent),
                "{absent} must be absent, not empty: {json}"
            );
        }
        assert_eq!(object["given_name"], "Erika");
    }

    fn verified(identity: Identity) -> VerifiedIdentity {
        VerifiedIdentity {
            identity,
            acr: Acr::Eidas3,
            amr: vec!["eidas".into()],
            origin: Origin::Eidas,
            expires_at: time::OffsetDateTime::UNIX_EPOCH,
        }
    }

    /// What is revealed reads back as it was: the vault's and the gateway's round trip.
    #[test]
    fn a_revealed_identity_reads_back_the_same() {
        let identity = Identity::from_claims(
            "sub-1".into(),
            &claims(json!({"given_name": "Erika", "birthdate": "1964-08-00", "gender": "female"})),
        );
        let verified = verified(identity);
        let json = serde_json::to_string(&Revealed(&verified)).unwrap();
        let back: VerifiedIdentity = serde_json::from_str(&json).unwrap();
        assert_eq!(back, verified);
    }

    #[test]
    fn debug_of_an_identity_prints_no_personal_data() {
        let identity = Identity::from_claims(
            "sub-canary".into(),
            &claims(json!({"given_name": "CanaryGiven"})),
        );
        let printed = format!("{identity:?}");
        assert!(
            !printed.contains("CanaryGiven") && !printed.contains("sub-canary"),
            "{printed}"
        );
    }
}
