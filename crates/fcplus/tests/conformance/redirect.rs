//! Redirect and discovery family: the provider is who discovery says (OIDC Discovery §4.3),
//! the redirect comes from it (RFC 9207 `iss`), and FC+'s error codes end the sign-in with
//! that code.

use fcplus::SignInError;
use sandbox::Scenario;

use crate::case::{Case, Refusal, refusal};

/// FC+'s error codes on the redirect, and a legacy one.
const FC_PLUS_ERRORS: [&str; 9] = [
    "access_denied",
    "invalid_request",
    "invalid_scope",
    "server_error",
    "temporarily_unavailable",
    "invalid_acr",
    "invalid_idp_hint",
    "eidas_node_error",
    "Y000400",
];

pub fn cases() -> Vec<Case> {
    let mut cases = vec![
        Case::refuses_at_discovery(
            "rejects_discovery_document_for_another_issuer",
            Scenario::DiscoveryIssuerMismatch,
            refusal!(SignInError::InvalidDiscovery { .. }),
            "a document naming another issuer could steer every later check (mix-up)",
        ),
        Case::refuses(
            "rejects_redirect_with_another_issuers_iss",
            Scenario::ForeignIssParameter,
            refusal!(SignInError::CallbackIssuerMismatch),
            "RFC 9207: a code from another issuer must not be sent to our token endpoint",
        )
        .oracle_disagrees(
            "openidconnect 4 has no RFC 9207: it judges tokens, not the redirect's iss, and the \
             tokens behind this code are honest; fcplus refuses at the redirect, before the token \
             request, which is the point of RFC 9207",
        ),
        Case::refuses(
            "rejects_redirect_without_iss_when_discovery_promises_it",
            Scenario::MissingIssParameter,
            refusal!(SignInError::CallbackIssuerMismatch),
            "authorization_response_iss_parameter_supported makes iss mandatory (RFC 9207 §2.4)",
        )
        .oracle_disagrees(
            "as above: a missing iss on the redirect is outside openidconnect, and the tokens \
             are honest; fcplus refuses before the token request",
        ),
    ];
    cases.extend(FC_PLUS_ERRORS.iter().map(|code| error_case(code)));
    cases
}

/// The provider answers the consent with `code`: the sign-in ends with exactly that code.
fn error_case(code: &'static str) -> Case {
    // Two have their own stable code: the person left, or the registration lacks a scope.
    let stable_code = match code {
        "access_denied" => codes::Code::AccessDenied,
        "invalid_scope" => codes::Code::InvalidScope,
        _ => codes::Code::ProviderError,
    };
    let refusal = Refusal {
        what: format!(
            "SignInError::Provider {{ code: \"{code}\", .. }} (code() == \"{stable_code}\")"
        ),
        matches: std::sync::Arc::new(move |error: &SignInError| {
            matches!(error, SignInError::Provider { code: got, .. } if got == code)
                && error.code() == stable_code
        }),
    };
    Case::refuses(
        &format!("reports_provider_error_{}", code.to_ascii_lowercase()),
        Scenario::ErrorRedirect(code.to_owned()),
        refusal,
        "FC+'s error ends the sign-in with its code, which the app shows and audits",
    )
    .no_token_for_the_oracle()
}
