//! The test identities, and the French identity providers and eIDAS countries they sign in with.

use std::collections::HashSet;
use std::fmt;

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::SandboxError;
use crate::claims::Acr;

mod builtin;

pub use builtin::builtin_identities;

/// Where a test identity comes from: a French identity provider or another EU country's
/// scheme through the eIDAS node.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IdentityOrigin {
    /// A French identity provider of the sandbox (`fip1`, `fip2`, `fip3`).
    France {
        /// The identity provider's id, as in `idp_hint` and `id="idp-<idp_id>"`.
        idp_id: String,
    },
    /// Another EU member state, through the eIDAS bridge.
    Eidas {
        /// ISO 3166-1 alpha-2 code, upper case (`"DE"`).
        country: String,
    },
}

/// A person one can sign in as. `claims` hold the identity claims exactly as FC+ would
/// release them (`given_name`, `family_name`, `birthdate`, ...), `amr` the authentication
/// methods reported when the client asks for them.
#[derive(Clone)]
pub struct TestIdentity {
    /// Unique across all identities; used in `id="identity-<login>"`. ASCII letters, digits,
    /// `-` and `_` only.
    pub login: String,
    /// The identity provider or country this person signs in with.
    pub origin: IdentityOrigin,
    /// Identity claims as released in userinfo.
    pub claims: Map<String, Value>,
    /// Authentication methods (`["fc","pwd"]`, `["eidas"]`, ...).
    pub amr: Vec<String>,
}

impl fmt::Debug for TestIdentity {
    /// Prints the claim names only: even fake personal data stays out of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TestIdentity")
            .field("login", &self.login)
            .field("origin", &self.origin)
            .field("claims", &self.claims.keys().collect::<Vec<_>>())
            .field("amr", &self.amr)
            .finish()
    }
}

/// A French identity provider of the sandbox.
#[derive(Debug)]
pub(crate) struct FrenchIdp {
    pub(crate) id: &'static str,
    pub(crate) name_fr: &'static str,
    pub(crate) name_en: &'static str,
    pub(crate) amr: &'static [&'static str],
    /// The highest level it can vouch for: it is unavailable when more is asked.
    pub(crate) max_acr: Acr,
}

pub(crate) const FRENCH_IDPS: [FrenchIdp; 3] = [
    FrenchIdp {
        id: "fip1",
        name_fr: "Fournisseur d'identité démo 1",
        name_en: "Demo identity provider 1",
        amr: &["fc", "pwd"],
        max_acr: Acr::Eidas3,
    },
    FrenchIdp {
        id: "fip2",
        name_fr: "Fournisseur d'identité démo 2",
        name_en: "Demo identity provider 2",
        amr: &["fr", "mfa"],
        max_acr: Acr::Eidas3,
    },
    FrenchIdp {
        id: "fip3",
        name_fr: "Fournisseur d'identité démo 3 (substantiel)",
        name_en: "Demo identity provider 3 (substantial)",
        amr: &["fc", "mfa"],
        max_acr: Acr::Eidas2,
    },
];

/// The French identity provider with this id.
pub(crate) fn french_idp(id: &str) -> Option<&'static FrenchIdp> {
    FRENCH_IDPS.iter().find(|idp| idp.id == id)
}

/// A country offered on the eIDAS page.
#[derive(Debug)]
pub(crate) struct Country {
    pub(crate) code: &'static str,
    pub(crate) name_fr: &'static str,
    pub(crate) name_en: &'static str,
}

pub(crate) const EIDAS_COUNTRIES: [Country; 8] = [
    Country {
        code: "DE",
        name_fr: "Allemagne",
        name_en: "Germany",
    },
    Country {
        code: "AT",
        name_fr: "Autriche",
        name_en: "Austria",
    },
    Country {
        code: "BE",
        name_fr: "Belgique",
        name_en: "Belgium",
    },
    Country {
        code: "ES",
        name_fr: "Espagne",
        name_en: "Spain",
    },
    Country {
        code: "IT",
        name_fr: "Italie",
        name_en: "Italy",
    },
    Country {
        code: "LU",
        name_fr: "Luxembourg",
        name_en: "Luxembourg",
    },
    Country {
        code: "NL",
        name_fr: "Pays-Bas",
        name_en: "Netherlands",
    },
    Country {
        code: "PT",
        name_fr: "Portugal",
        name_en: "Portugal",
    },
];

/// The eIDAS country with this code.
pub(crate) fn eidas_country(code: &str) -> Option<&'static Country> {
    EIDAS_COUNTRIES.iter().find(|country| country.code == code)
}

/// All identities of a running sandbox (built-in and extra), checked once at start.
#[derive(Debug)]
pub(crate) struct Directory {
    identities: Vec<TestIdentity>,
}

impl Directory {
    /// The built-in identities plus `extra`; refuses a duplicate or unusable login and an
    /// identity provider or country the sandbox does not have.
    pub(crate) fn new(extra: Vec<TestIdentity>) -> Result<Directory, SandboxError> {
        let mut identities = builtin_identities();
        identities.extend(extra);
        let mut logins = HashSet::new();
        for identity in &identities {
            let invalid = |reason: &str| SandboxError::InvalidIdentity {
                login: identity.login.clone(),
                reason: reason.to_owned(),
            };
            let login_is_usable = !identity.login.is_empty()
                && identity
                    .login
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
            if !login_is_usable {
                return Err(invalid(
                    "a login is made of ASCII letters, digits, '-' and '_' only",
                ));
            }
            if !logins.insert(identity.login.as_str()) {
                return Err(invalid("this login is used by another identity"));
            }
            match &identity.origin {
                IdentityOrigin::France { idp_id } if french_idp(idp_id).is_none() => {
                    return Err(invalid(
                        "unknown French identity provider (fip1, fip2, fip3)",
                    ));
                }
                IdentityOrigin::Eidas { country } if eidas_country(country).is_none() => {
                    return Err(invalid("country not offered on the eIDAS page"));
                }
                _ => {}
            }
        }
        Ok(Directory { identities })
    }

    pub(crate) fn find(&self, login: &str) -> Option<&TestIdentity> {
        self.identities
            .iter()
            .find(|identity| identity.login == login)
    }

    /// The identities that sign in with this origin, in declaration order.
    pub(crate) fn with_origin<'a>(
        &'a self,
        origin: &'a IdentityOrigin,
    ) -> impl Iterator<Item = &'a TestIdentity> + 'a {
        self.identities
            .iter()
            .filter(move |identity| identity.origin == *origin)
    }
}

/// The `sub` a client sees for an identity: hex SHA-256 of `client_id`, a NUL byte and the
/// login. Stable per client across restarts, different between clients.
pub(crate) fn pairwise_sub(client_id: &str, login: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(client_id.as_bytes());
    hasher.update([0u8]);
    hasher.update(login.as_bytes());
    hasher
        .finalize()
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_eidas_identities_never_carry_birthcountry_or_email() {
        for identity in builtin_identities() {
            if let IdentityOrigin::Eidas { .. } = identity.origin {
                assert!(
                    !identity.claims.contains_key("birthcountry")
                        && !identity.claims.contains_key("email"),
                    "FC+ never releases birthcountry or email for eIDAS identities ({})",
                    identity.login
                );
                assert_eq!(identity.amr, ["eidas"], "eIDAS is detected by amr");
            }
        }
    }

    #[test]
    fn presumed_birthdates_are_offered_as_fc_plus_sends_them() {
        let birthdates: Vec<String> = builtin_identities()
            .iter()
            .filter_map(|identity| {
                identity
                    .claims
                    .get("birthdate")?
                    .as_str()
                    .map(str::to_owned)
            })
            .collect();
        assert!(
            birthdates
                .iter()
                .any(|d| d.ends_with("-00") && !d.ends_with("-00-00"))
        );
        assert!(birthdates.iter().any(|d| d.ends_with("-00-00")));
    }

    #[test]
    fn refuses_a_duplicate_login() {
        let duplicate = builtin_identities().remove(0);
        let error = Directory::new(vec![duplicate]).expect_err("duplicate login");
        assert!(
            matches!(error, SandboxError::InvalidIdentity { .. }),
            "logins are element ids and must be unique: {error}"
        );
    }

    #[test]
    fn sub_is_pairwise() {
        assert_eq!(pairwise_sub("a", "marie"), pairwise_sub("a", "marie"));
        assert_ne!(
            pairwise_sub("a", "marie"),
            pairwise_sub("b", "marie"),
            "two clients must not be able to correlate a person by sub"
        );
        assert_eq!(pairwise_sub("a", "marie").len(), 64);
    }
}
