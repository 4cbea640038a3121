use serde_json::{Value, json};

use super::*;
use crate::testing::object;

const NOW: i64 = 1_800_000_000;
const ISS: &str = "https://fc.example/api/v2";

fn good() -> Value {
    json!({
        "iss": ISS, "sub": "sub-1", "aud": "client-1", "exp": NOW + 60, "iat": NOW - 1,
        "nonce": "nonce-0123456789abcdefghijkl", "acr": "eidas3", "amr": ["fc", "pwd"]
    })
}

fn check(claims: Value, min_acr: Acr) -> Result<CheckedIdToken, ClaimError> {
    let nonce = Nonce::new("nonce-0123456789abcdefghijkl");
    check_id_token(
        &object(claims),
        &IdTokenExpectations {
            issuer: ISS,
            client_id: "client-1",
            nonce: &nonce,
            min_acr,
            now: NOW,
            leeway: DEFAULT_LEEWAY_SECS,
        },
    )
}

fn with(field: &str, value: Value) -> Value {
    let mut claims = good();
    claims[field] = value;
    claims
}

fn without(field: &str) -> Value {
    let mut claims = good();
    claims.as_object_mut().unwrap().remove(field);
    claims
}

#[test]
fn accepts_a_good_token() {
    let checked = check(good(), Acr::Eidas3).unwrap();
    assert_eq!(checked.sub, "sub-1");
    assert_eq!(checked.acr, Acr::Eidas3);
    assert_eq!(checked.amr, Some(vec!["fc".to_owned(), "pwd".to_owned()]));
}

#[test]
fn rejects_wrong_issuer() {
    assert_eq!(
        check(with("iss", json!("https://evil/api/v2")), Acr::Eidas3),
        Err(ClaimError::WrongIssuer)
    );
}

#[test]
fn rejects_wrong_or_missing_audience() {
    assert_eq!(
        check(with("aud", json!("other")), Acr::Eidas3),
        Err(ClaimError::WrongAudience)
    );
    assert_eq!(
        check(without("aud"), Acr::Eidas3),
        Err(ClaimError::Missing("aud"))
    );
}

#[test]
fn several_audiences_need_azp_naming_us() {
    let many = with("aud", json!(["client-1", "other"]));
    assert_eq!(
        check(many.clone(), Acr::Eidas3),
        Err(ClaimError::WrongAuthorizedParty)
    );
    let mut with_azp = many;
    with_azp["azp"] = json!("client-1");
    assert!(check(with_azp, Acr::Eidas3).is_ok());
    assert_eq!(
        check(with("azp", json!("other")), Acr::Eidas3),
        Err(ClaimError::WrongAuthorizedParty)
    );
}

#[test]
fn rejects_missing_sub_or_iat() {
    assert_eq!(
        check(without("sub"), Acr::Eidas3),
        Err(ClaimError::Missing("sub"))
    );
    assert_eq!(
        check(without("iat"), Acr::Eidas3),
        Err(ClaimError::Missing("iat"))
    );
}

#[test]
fn rejects_expired_tokens_beyond_the_leeway() {
    assert_eq!(
        check(with("exp", json!(NOW - 31)), Acr::Eidas3),
        Err(ClaimError::Expired)
    );
    assert!(
        check(with("exp", json!(NOW - 29)), Acr::Eidas3).is_ok(),
        "within leeway"
    );
}

#[test]
fn rejects_iat_in_the_future_or_too_old() {
    assert_eq!(
        check(with("iat", json!(NOW + 120)), Acr::Eidas3),
        Err(ClaimError::IssuedAtImplausible)
    );
    assert_eq!(
        check(with("iat", json!(NOW - 3600)), Acr::Eidas3),
        Err(ClaimError::IssuedAtImplausible)
    );
}

#[test]
fn rejects_wrong_or_missing_nonce() {
    assert_eq!(
        check(with("nonce", json!("replayed")), Acr::Eidas3),
        Err(ClaimError::NonceMismatch)
    );
    assert_eq!(
        check(without("nonce"), Acr::Eidas3),
        Err(ClaimError::Missing("nonce"))
    );
}

#[test]
fn rejects_acr_below_the_level_asked() {
    assert_eq!(
        check(with("acr", json!("eidas2")), Acr::Eidas3),
        Err(ClaimError::AcrTooLow {
            asked: Acr::Eidas3,
            got: Acr::Eidas2
        })
    );
    assert!(
        check(with("acr", json!("eidas3")), Acr::Eidas2).is_ok(),
        "higher than asked is fine"
    );
}

#[test]
fn rejects_eidas1_and_unknown_levels() {
    assert_eq!(
        check(with("acr", json!("eidas1")), Acr::Eidas2),
        Err(ClaimError::UnknownAcr("eidas1".into()))
    );
    assert_eq!(
        check(without("acr"), Acr::Eidas2),
        Err(ClaimError::Missing("acr"))
    );
}

#[test]
fn userinfo_must_be_about_the_same_subject() {
    let info = object(json!({"sub": "sub-2", "given_name": "x"}));
    assert_eq!(
        check_userinfo(&info, ISS, "client-1", "sub-1"),
        Err(ClaimError::SubjectMismatch)
    );
    let same = object(json!({"sub": "sub-1", "iss": ISS, "aud": "client-1"}));
    assert_eq!(check_userinfo(&same, ISS, "client-1", "sub-1"), Ok(()));
}

#[test]
fn userinfo_from_another_issuer_or_for_another_client_is_refused() {
    let info = object(json!({"sub": "sub-1", "iss": "https://evil"}));
    assert_eq!(
        check_userinfo(&info, ISS, "client-1", "sub-1"),
        Err(ClaimError::WrongIssuer)
    );
    let info = object(json!({"sub": "sub-1", "aud": "other"}));
    assert_eq!(
        check_userinfo(&info, ISS, "client-1", "sub-1"),
        Err(ClaimError::WrongAudience)
    );
}
