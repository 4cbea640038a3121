//! The verified identity of a person, French or from another EU country (eIDAS), with the
//! fields an origin does not give left absent rather than empty.

use serde::{Deserialize, Serialize};
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
/// redacts them and nothing here implements `Display`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Identity {
    /// Per-service-provider pseudonym.
    pub sub: Sensitive<String>,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub given_name: Field,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub family_name: Field,
    /// Usage name (nom d'usage); for eIDAS identities FC+ repeats the family name here.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub preferred_username: Field,
    /// `YYYY-MM-DD` as FC+ sent it; a presumed date keeps its zeros (`YYYY-MM-00` when the
    /// day is unknown, `YYYY-00-00` when the month is too: FC's
    /// `libs/oidc-client/src/validators/is-idp-birthdate.validator.ts`).
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub birthdate: Field,
    /// `male`, `female` or `unspecified`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub gender: Field,
    /// France: a 5-character INSEE code; eIDAS: free text.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub birthplace: Field,
    /// France only: a 5-character INSEE country code.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub birthcountry: Field,
    /// France only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
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

/// What a completed sign-in yields: who, how sure, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
        let json = serde_json::to_value(&identity).unwrap();
        let object = json.as_object().unwrap();
        for absent in ["birthcountry", "email", "birthplace", "gender"] {
            assert!(
                !object.contains_key(absent),
                "{absent} must be absent, not empty: {json}"
            );
        }
        assert_eq!(object["given_name"], "Erika");
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
