//! Claims family: OpenID Connect Core §3.1.3.7 on the ID token (issuer, audience, times,
//! nonce), FC+'s `acr`, and userinfo bound to the same subject, issuer and audience.

use fcplus::verify::ClaimError;
use fcplus::{Acr, SignInError};
use sandbox::Scenario;

use crate::case::{Case, refusal};

pub fn cases() -> Vec<Case> {
    vec![
        Case::refuses(
            "rejects_id_token_from_another_issuer",
            Scenario::WrongIssuer,
            refusal!(SignInError::Claims(ClaimError::WrongIssuer)),
            "iss must be exactly the discovered issuer",
        ),
        Case::refuses(
            "rejects_id_token_without_sub",
            Scenario::MissingSubject,
            refusal!(SignInError::Claims(ClaimError::Missing("sub"))),
            "without sub there is nobody to sign in",
        ),
        Case::refuses(
            "rejects_id_token_for_another_client",
            Scenario::WrongAudience,
            refusal!(SignInError::Claims(ClaimError::WrongAudience)),
            "a token for another service provider must not sign anyone in here",
        ),
        Case::refuses(
            "rejects_id_token_without_aud",
            Scenario::MissingAudience,
            refusal!(SignInError::Claims(ClaimError::Missing("aud"))),
            "a token addressed to nobody could be replayed to anyone",
        ),
        Case::refuses(
            "rejects_id_token_with_several_audiences_and_no_azp",
            Scenario::ExtraAudienceWithoutAzp,
            refusal!(SignInError::Claims(ClaimError::WrongAuthorizedParty)),
            "several audiences need azp naming us (OIDC Core §3.1.3.7 items 4 and 5)",
        ),
        Case::refuses(
            "rejects_id_token_authorized_for_another_party",
            Scenario::WrongAuthorizedParty,
            refusal!(SignInError::Claims(ClaimError::WrongAuthorizedParty)),
            "azp names the client the token was issued to; it must be us",
        )
        .oracle_disagrees(
            "openidconnect skips azp on purpose (its IdTokenVerifier leaves OIDC Core §3.1.3.7 \
             items 4 and 5 out, calling the spec unclear), so it never sees the other party; \
             fcplus applies item 5: an azp must be our client_id",
        ),
        Case::refuses(
            "rejects_id_token_without_iat",
            Scenario::MissingIssuedAt,
            refusal!(SignInError::Claims(ClaimError::Missing("iat"))),
            "iat is required and bounds how old a token may be",
        ),
        Case::refuses(
            "rejects_id_token_without_exp",
            Scenario::MissingExpiry,
            refusal!(SignInError::Claims(ClaimError::Missing("exp"))),
            "a token that never expires could be replayed forever",
        ),
        Case::refuses(
            "rejects_expired_id_token_beyond_the_leeway",
            Scenario::ExpiredIdToken,
            refusal!(SignInError::Claims(ClaimError::Expired)),
            "exp two minutes ago is past the 30 s leeway",
        ),
        Case::refuses(
            "rejects_id_token_issued_in_the_future_beyond_the_skew",
            Scenario::IssuedInFuture,
            refusal!(SignInError::Claims(ClaimError::IssuedAtImplausible)),
            "iat five minutes ahead is not clock skew: the token was minted for later use",
        )
        .oracle_disagrees(
            "openidconnect accepts any iat by default (OIDC Core §3.1.3.7 item 10 leaves the \
             range to the client) and exp is moved ahead with it, so nothing has expired; fcplus \
             bounds iat by its clock skew",
        ),
        Case::refuses(
            "rejects_id_token_issued_too_long_ago",
            Scenario::IssuedLongAgo,
            refusal!(SignInError::Claims(ClaimError::IssuedAtImplausible)),
            "FC+ tokens live 60 s; one issued 15 min ago was stockpiled",
        )
        .oracle_disagrees(
            "this token's exp has not passed, and openidconnect's default puts no bound on iat \
             (§3.1.3.7 item 10: the client's choice); fcplus knows FC+ tokens live 60 s",
        ),
        Case::refuses(
            "rejects_id_token_with_another_nonce",
            Scenario::WrongNonce,
            refusal!(SignInError::Claims(ClaimError::NonceMismatch)),
            "the nonce binds the token to this sign-in: another one means injection or replay",
        ),
        Case::refuses(
            "rejects_id_token_without_nonce",
            Scenario::MissingNonce,
            refusal!(SignInError::Claims(ClaimError::Missing("nonce"))),
            "we always send a nonce, so the token must carry it back",
        ),
        Case::refuses(
            "rejects_acr_lower_than_asked",
            Scenario::AcrLowerThanAsked,
            refusal!(SignInError::Claims(ClaimError::AcrTooLow {
                asked: Acr::Eidas3,
                got: Acr::Eidas2
            })),
            "eidas2 when eidas3 was asked is a weaker identity than the counter requires",
        )
        .oracle_disagrees(
            "the meaning of acr is outside OIDC (Core §3.1.3.7 item 12), and openidconnect's \
             default accepts any acr; the eIDAS levels and the one asked are FC+'s, which only \
             fcplus checks",
        ),
        Case::refuses(
            "rejects_acr_eidas1",
            Scenario::AcrEidas1,
            refusal!(SignInError::Claims(ClaimError::UnknownAcr(acr)) if acr == "eidas1"),
            "eidas1 (low) is not an FC+ level at all",
        )
        .oracle_disagrees(
            "as above: openidconnect accepts any acr by default, and only fcplus knows that \
             eidas1 is no FC+ level",
        ),
        Case::refuses(
            "rejects_userinfo_about_another_subject",
            Scenario::UserinfoSubMismatch,
            refusal!(SignInError::Claims(ClaimError::SubjectMismatch)),
            "userinfo of someone else must never be attached to this ID token (OIDC Core §5.3.2)",
        ),
        Case::refuses(
            "rejects_userinfo_from_another_issuer",
            Scenario::UserinfoWrongIssuer,
            refusal!(SignInError::Claims(ClaimError::WrongIssuer)),
            "a signed userinfo's iss must be our provider",
        ),
        Case::refuses(
            "rejects_userinfo_for_another_client",
            Scenario::UserinfoWrongAudience,
            refusal!(SignInError::Claims(ClaimError::WrongAudience)),
            "a signed userinfo's aud must be us",
        ),
    ]
}
