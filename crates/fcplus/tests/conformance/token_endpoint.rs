//! Token endpoint family: a provider that fails or lags is reported as unreachable (the person
//! can retry), a refusal as such, and a slow but working one still signs in.

use std::time::Duration;

use fcplus::SignInError;
use sandbox::Scenario;

use crate::case::{Case, refusal};

pub fn cases() -> Vec<Case> {
    vec![
        Case::refuses(
            "reports_token_endpoint_http_500_as_unreachable",
            Scenario::TokenEndpointStatus(500),
            refusal!(error @ SignInError::ProviderUnreachable { .. } if error.code() == codes::Code::ProviderUnreachable),
            "a 5xx is FC+'s own failure: staff should retry later, not suspect the app",
        )
        .no_token_for_the_oracle(),
        Case::refuses(
            "reports_token_endpoint_http_503_as_unreachable",
            Scenario::TokenEndpointStatus(503),
            refusal!(error @ SignInError::ProviderUnreachable { .. } if error.code() == codes::Code::ProviderUnreachable),
            "503 is FC+ under maintenance: a retry later is the right advice",
        )
        .no_token_for_the_oracle(),
        Case::refuses(
            "reports_token_endpoint_http_400_as_token_rejected",
            Scenario::TokenEndpointStatus(400),
            refusal!(SignInError::TokenRejected { status: 400, error } if error == "invalid_request"),
            "a 4xx is a refusal of our request, with the provider's OAuth error code",
        )
        .no_token_for_the_oracle(),
        Case::accepts(
            "accepts_a_slow_token_endpoint_within_the_timeout",
            Scenario::SlowToken(Duration::from_secs(2)),
            "two seconds is slow but well within fcplus's 10 s HTTP timeout",
        ),
        Case::refuses(
            "reports_a_token_endpoint_slower_than_the_timeout_as_unreachable",
            Scenario::SlowToken(Duration::from_secs(12)),
            refusal!(SignInError::ProviderUnreachable { detail } if detail == "timed out"),
            "fcplus gives up after 10 s instead of leaving the counter hanging",
        )
        .no_token_for_the_oracle(),
    ]
}
