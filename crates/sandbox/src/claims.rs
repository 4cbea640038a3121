//! What a client may ask for: the eIDAS levels (`acr`), the scopes and the claims they release.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

/// An eIDAS level of assurance that FC+ serves. `eidas1` (low) does not exist on FC+.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Acr {
    /// Substantial.
    Eidas2,
    /// High.
    Eidas3,
}

impl Acr {
    /// The value carried by `acr_values` and the `acr` claim.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Acr::Eidas2 => "eidas2",
            Acr::Eidas3 => "eidas3",
        }
    }

    /// The effective level of a present `acr_values` parameter (its absence is page
    /// `Y030007`, checked before): the lowest of the known values, `eidas3` when none is
    /// known (unknown values are ignored), `None` (→ `invalid_acr`) when `eidas1` is asked.
    /// FC's `libs/core/src/transforms/acr.transform.ts`, `libs/oidc-acr/src/oidc-acr.service.ts`.
    pub(crate) fn from_acr_values(values: &str) -> Option<Acr> {
        let mut lowest = None;
        for value in values.split(' ').filter(|value| !value.is_empty()) {
            let level = match value {
                "eidas1" => return None,
                "eidas2" => Acr::Eidas2,
                "eidas3" => Acr::Eidas3,
                _ => continue,
            };
            lowest = Some(lowest.map_or(level, |current: Acr| current.min(level)));
        }
        Some(lowest.unwrap_or(Acr::Eidas3))
    }
}

/// The identity claims FC+ can release, in the order they are shown and returned.
pub(crate) const IDENTITY_CLAIMS: [&str; 8] = [
    "given_name",
    "family_name",
    "preferred_username",
    "birthdate",
    "gender",
    "birthplace",
    "birthcountry",
    "email",
];

/// Scope groups and the claims they stand for.
const GROUPS: [(&str, &[&str]); 3] = [
    (
        "profile",
        &[
            "given_name",
            "family_name",
            "birthdate",
            "gender",
            "preferred_username",
        ],
    ),
    ("birth", &["birthplace", "birthcountry"]),
    ("identite_pivot", &IDENTITE_PIVOT),
];

/// The identité pivot: the `identite_pivot` scope group, and the claims that also have an
/// `rnipp_` scope (accepted here as aliases of the plain scope).
const IDENTITE_PIVOT: [&str; 6] = [
    "given_name",
    "family_name",
    "birthdate",
    "gender",
    "birthplace",
    "birthcountry",
];

/// Every scope the sandbox accepts, for the discovery document.
pub(crate) fn scopes_supported() -> Vec<String> {
    let mut scopes = vec!["openid".to_owned()];
    scopes.extend(IDENTITY_CLAIMS.iter().map(|claim| (*claim).to_owned()));
    scopes.extend(GROUPS.iter().map(|(group, _)| (*group).to_owned()));
    scopes.extend(IDENTITE_PIVOT.iter().map(|claim| format!("rnipp_{claim}")));
    scopes.push("amr".to_owned());
    scopes
}

/// Why a `scope` parameter was refused.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum ScopeError {
    /// `openid` is missing: not an OpenID Connect request (redirect with `invalid_request`,
    /// FC's cypress `api-authorize.feature`).
    MissingOpenid,
}

/// The scopes of a request and the identity claims they cover.
#[derive(Clone, Debug)]
pub(crate) struct Scopes {
    requested: Vec<String>,
    claims: BTreeSet<&'static str>,
}

impl Scopes {
    /// Parses a space-separated `scope` parameter. Without `openid` the request is not
    /// OpenID Connect at all, whatever else it holds. Scopes FC+ does not know are ignored,
    /// as FC+ ignores them (cypress `connexion-scope.feature`).
    pub(crate) fn parse(scope: &str) -> Result<Scopes, ScopeError> {
        let scopes = scope.split(' ').filter(|scope| !scope.is_empty());
        if !scopes.clone().any(|scope| scope == "openid") {
            return Err(ScopeError::MissingOpenid);
        }
        let mut requested: Vec<String> = Vec::new();
        let mut claims = BTreeSet::new();
        for scope in scopes {
            let Some(covered) = claims_of_scope(scope) else {
                continue;
            };
            claims.extend(covered);
            if !requested.iter().any(|seen| seen == scope) {
                requested.push(scope.to_owned());
            }
        }
        Ok(Scopes { requested, claims })
    }

    /// The first scope asked that `registered` does not hold (→ `invalid_scope`).
    pub(crate) fn first_outside(&self, registered: &Scopes) -> Option<&str> {
        self.requested
            .iter()
            .find(|scope| {
                !registered.requested.contains(scope)
                    && claims_of_scope(scope)
                        .is_some_and(|claims| claims.iter().any(|c| !registered.claims.contains(c)))
            })
            .map(String::as_str)
    }

    /// The granted scopes as the token response's `scope` string.
    pub(crate) fn to_scope_string(&self) -> String {
        self.requested.join(" ")
    }

    /// The claims of `identity_claims` that these scopes cover, in the canonical order.
    /// An identity that lacks a claim (an eIDAS person has no `birthcountry`) simply does not
    /// release it: absent, never an empty string.
    pub(crate) fn release(&self, identity_claims: &Map<String, Value>) -> Map<String, Value> {
        IDENTITY_CLAIMS
            .iter()
            .filter(|claim| self.claims.contains(**claim))
            .filter_map(|claim| {
                identity_claims
                    .get(*claim)
                    .map(|value| ((*claim).to_owned(), value.clone()))
            })
            .collect()
    }
}

/// The identity claims a single scope covers; `None` for an unknown scope.
fn claims_of_scope(scope: &str) -> Option<Vec<&'static str>> {
    if scope == "openid" || scope == "amr" {
        return Some(Vec::new());
    }
    let plain = scope.strip_prefix("rnipp_");
    if let Some(plain) = plain {
        return IDENTITE_PIVOT
            .iter()
            .find(|claim| **claim == plain)
            .map(|claim| vec![*claim]);
    }
    if let Some(claim) = IDENTITY_CLAIMS.iter().find(|claim| **claim == scope) {
        return Some(vec![*claim]);
    }
    GROUPS
        .iter()
        .find(|(group, _)| *group == scope)
        .map(|(_, claims)| claims.to_vec())
}

/// Whether the `claims` request parameter asks for `amr` in the ID token.
/// `Err` when the parameter is not a JSON object (→ `invalid_request`).
pub(crate) fn amr_requested(claims: Option<&str>) -> Result<bool, ()> {
    let Some(claims) = claims else {
        return Ok(false);
    };
    let parsed: Value = serde_json::from_str(claims).map_err(|_| ())?;
    let object = parsed.as_object().ok_or(())?;
    Ok(object
        .get("id_token")
        .and_then(Value::as_object)
        .is_some_and(|id_token| id_token.contains_key("amr")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowest_of_several_acr_values_wins() {
        assert_eq!(Acr::from_acr_values("eidas3 eidas2"), Some(Acr::Eidas2));
        assert_eq!(Acr::from_acr_values("eidas1 eidas3"), None);
        assert_eq!(
            Acr::from_acr_values("loa-high"),
            Some(Acr::Eidas3),
            "unknown values are ignored: FC+ then uses eidas3"
        );
        assert_eq!(Acr::from_acr_values("eidas2 loa-high"), Some(Acr::Eidas2));
    }

    #[test]
    fn groups_and_aliases_expand_to_claims() {
        let scopes = Scopes::parse("openid birth rnipp_given_name").expect("valid scopes");
        let identity: Map<String, Value> = serde_json::from_str(
            r#"{"given_name":"A","family_name":"B","birthplace":"75107","email":"a@b"}"#,
        )
        .expect("json");
        let released = scopes.release(&identity);
        assert_eq!(
            released.keys().collect::<Vec<_>>(),
            ["given_name", "birthplace"],
            "only claims covered by a scope and present on the identity are released"
        );
        let ignored = Scopes::parse("openid phone given_name").expect("unknown scopes ignored");
        assert_eq!(ignored.to_scope_string(), "openid given_name");
        let registered = Scopes::parse("openid identite_pivot").expect("scopes");
        assert_eq!(
            Scopes::parse("openid given_name email")
                .expect("scopes")
                .first_outside(&registered),
            Some("email"),
            "a known scope outside the registration is found"
        );
        assert_eq!(
            Scopes::parse("openid birthplace gender")
                .expect("scopes")
                .first_outside(&registered),
            None,
            "claims covered by a registered group are inside the registration"
        );
        assert_eq!(
            Scopes::parse("profile").err(),
            Some(ScopeError::MissingOpenid)
        );
    }

    #[test]
    fn amr_is_requested_only_through_the_claims_parameter() {
        assert_eq!(
            amr_requested(Some(r#"{"id_token":{"amr":{"essential":true}}}"#)),
            Ok(true)
        );
        assert_eq!(
            amr_requested(Some(r#"{"userinfo":{"amr":null}}"#)),
            Ok(false)
        );
        assert_eq!(amr_requested(None), Ok(false));
        assert_eq!(amr_requested(Some("not json")), Err(()));
    }
}
