//! Claim checks of the ID token and userinfo (OpenID Connect Core §3.1.3.7 plus FC+'s `acr`).
//! Pure functions: time is passed in, so tests fix it.

use serde_json::{Map, Value};

use crate::acr::Acr;
use crate::sensitive::{Nonce, constant_time_eq};

/// Seconds of clock difference tolerated between this machine and the provider.
pub const DEFAULT_LEEWAY_SECS: i64 = 30;
/// An ID token issued longer ago than this is refused even if not expired.
pub const MAX_TOKEN_AGE_SECS: i64 = 600;

/// A claim check that failed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ClaimError {
    /// A required claim is absent or has the wrong type.
    #[error("the claim `{0}` is missing")]
    Missing(&'static str),
    /// `iss` is not our provider.
    #[error("the issuer is wrong")]
    WrongIssuer,
    /// `aud` does not name this client.
    #[error("the audience is wrong")]
    WrongAudience,
    /// `azp` is present (or required by several audiences) and is not this client.
    #[error("the authorized party is wrong")]
    WrongAuthorizedParty,
    /// `exp` is in the past.
    #[error("the token has expired")]
    Expired,
    /// `iat` is in the future beyond the allowed clock skew, or too far in the past.
    #[error("the token's issue time is not plausible")]
    IssuedAtImplausible,
    /// `nonce` is not the one we sent.
    #[error("the nonce does not match this sign-in")]
    NonceMismatch,
    /// `acr` is not an FC+ level.
    #[error("the level of assurance `{0}` is not accepted")]
    UnknownAcr(String),
    /// `acr` is below the level asked.
    #[error("the level of assurance {got} is below the level asked ({asked})")]
    AcrTooLow { asked: Acr, got: Acr },
    /// Userinfo is about another person than the ID token.
    #[error("userinfo is about another subject than the ID token")]
    SubjectMismatch,
}

/// What the ID token must match.
#[derive(Debug)]
pub struct IdTokenExpectations<'a> {
    pub issuer: &'a str,
    pub client_id: &'a str,
    pub nonce: &'a Nonce,
    pub min_acr: Acr,
    /// Unix seconds, from the injected clock.
    pub now: i64,
    pub leeway: i64,
}

/// The ID token facts a session keeps after the checks passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckedIdToken {
    pub sub: String,
    pub acr: Acr,
    /// `None` when the token carries no `amr` (not asked, or not granted).
    pub amr: Option<Vec<String>>,
    pub exp: i64,
}

fn string_claim<'a>(
    claims: &'a Map<String, Value>,
    name: &'static str,
) -> Result<&'a str, ClaimError> {
    claims
        .get(name)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or(ClaimError::Missing(name))
}

fn time_claim(claims: &Map<String, Value>, name: &'static str) -> Result<i64, ClaimError> {
    claims
        .get(name)
        .and_then(|v| v.as_i64().or_else(|| v.as_f64().map(|f| f as i64)))
        .ok_or(ClaimError::Missing(name))
}

fn check_audience(claims: &Map<String, Value>, client_id: &str) -> Result<(), ClaimError> {
    let audiences: Vec<&str> = match claims.get("aud") {
        Some(Value::String(one)) => vec![one.as_str()],
        Some(Value::Array(many)) => many.iter().filter_map(Value::as_str).collect(),
        _ => return Err(ClaimError::Missing("aud")),
    };
    if !audiences.contains(&client_id) {
        return Err(ClaimError::WrongAudience);
    }
    match claims.get("azp").and_then(Value::as_str) {
        Some(azp) if azp != client_id => Err(ClaimError::WrongAuthorizedParty),
        None if audiences.len() > 1 => Err(ClaimError::WrongAuthorizedParty),
        _ => Ok(()),
    }
}

/// Checks a verified ID token's claims; returns what the session keeps.
pub fn check_id_token(
    claims: &Map<String, Value>,
    expected: &IdTokenExpectations<'_>,
) -> Result<CheckedIdToken, ClaimError> {
    if string_claim(claims, "iss")? != expected.issuer {
        return Err(ClaimError::WrongIssuer);
    }
    let sub = string_claim(claims, "sub")?.to_owned();
    check_audience(claims, expected.client_id)?;
    let exp = time_claim(claims, "exp")?;
    if exp + expected.leeway <= expected.now {
        return Err(ClaimError::Expired);
    }
    let iat = time_claim(claims, "iat")?;
    if iat > expected.now + expected.leeway || iat < expected.now - MAX_TOKEN_AGE_SECS {
        return Err(ClaimError::IssuedAtImplausible);
    }
    if !constant_time_eq(string_claim(claims, "nonce")?, expected.nonce.secret()) {
        return Err(ClaimError::NonceMismatch);
    }
    let acr_text = string_claim(claims, "acr")?;
    let acr: Acr = acr_text
        .parse()
        .map_err(|_| ClaimError::UnknownAcr(acr_text.chars().take(32).collect()))?;
    if acr < expected.min_acr {
        return Err(ClaimError::AcrTooLow {
            asked: expected.min_acr,
            got: acr,
        });
    }
    let amr = match claims.get("amr") {
        Some(Value::Array(values)) => Some(
            values
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
        ),
        _ => None,
    };
    Ok(CheckedIdToken { sub, acr, amr, exp })
}

/// Checks a verified userinfo response: same subject, and `iss`/`aud` when present.
pub fn check_userinfo(
    claims: &Map<String, Value>,
    issuer: &str,
    client_id: &str,
    id_token_sub: &str,
) -> Result<(), ClaimError> {
    if !constant_time_eq(string_claim(claims, "sub")?, id_token_sub) {
        return Err(ClaimError::SubjectMismatch);
    }
    if claims.contains_key("iss") && string_claim(claims, "iss")? != issuer {
        return Err(ClaimError::WrongIssuer);
    }
    if claims.contains_key("aud") {
        check_audience(claims, client_id)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
