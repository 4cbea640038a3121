//! What a request to the loopback port means for the sign-in waiting on it: the redirect we
//! expect, someone else's request to ignore, or a redirect that must end the sign-in.

use crate::error::{SignInError, printable};
use crate::sensitive::{AuthorizationCode, constant_time_eq};

/// What the listener waits for on one path.
#[derive(Debug)]
pub struct Expected {
    /// The redirect path, e.g. `/callback`.
    pub path: String,
    /// The `state` sent in the request, compared in constant time.
    pub state: String,
    /// The issuer; `iss` must equal it when present, and be present when `require_iss`.
    pub issuer: String,
    pub require_iss: bool,
    /// A logout redirect carries only `state`.
    pub kind: RedirectKind,
}

/// Which redirect is awaited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RedirectKind {
    /// The authorization response: `code` or `error`.
    Authorization,
    /// The post-logout redirect.
    Logout,
}

/// The meaning of one request.
#[derive(Debug)]
pub enum Classified {
    /// Not the redirect (favicon, scanner, wrong path or method): answer 404, keep waiting.
    Stray,
    /// The redirect path with a missing or wrong `state`: answer 400, keep waiting, since
    /// anyone on the machine can send this and it must not end the real sign-in.
    WrongState,
    /// The awaited redirect: answer and end the wait with this.
    Finished(Result<Redirect, SignInError>),
}

/// An accepted redirect.
#[derive(Debug)]
pub enum Redirect {
    /// FC+ sent an authorization code.
    Code(AuthorizationCode),
    /// FC+ came back from logout.
    LoggedOut,
}

/// Classifies a request by method and target.
pub fn classify(method: &str, target: &str, expected: &Expected) -> Classified {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    if method != "GET" || path != expected.path {
        return Classified::Stray;
    }
    let mut params = Params::default();
    for (name, value) in url::form_urlencoded::parse(query.as_bytes()) {
        if !params.set(&name, value.into_owned()) {
            // A parameter twice (RFC 6749 §3.1): ambiguous, treat like a forged request.
            return Classified::WrongState;
        }
    }
    match &params.state {
        Some(state) if constant_time_eq(state, &expected.state) => {}
        _ => return Classified::WrongState,
    }
    if expected.kind == RedirectKind::Logout {
        return Classified::Finished(Ok(Redirect::LoggedOut));
    }
    match params.iss.as_deref() {
        Some(iss) if iss.trim_end_matches('/') != expected.issuer.trim_end_matches('/') => {
            return Classified::Finished(Err(SignInError::CallbackIssuerMismatch));
        }
        None if expected.require_iss => {
            return Classified::Finished(Err(SignInError::CallbackIssuerMismatch));
        }
        _ => {}
    }
    if let Some(code) = params.error {
        return Classified::Finished(Err(SignInError::Provider {
            code: printable(&code, 64),
            description: params.error_description.map(|d| printable(&d, 300)),
        }));
    }
    match params.code {
        Some(code) if !code.is_empty() => {
            Classified::Finished(Ok(Redirect::Code(AuthorizationCode::new(code))))
        }
        _ => Classified::Finished(Err(SignInError::InvalidResponse {
            detail: "the redirect carries neither a code nor an error".into(),
        })),
    }
}

#[derive(Default)]
struct Params {
    code: Option<String>,
    state: Option<String>,
    iss: Option<String>,
    error: Option<String>,
    error_description: Option<String>,
}

impl Params {
    /// Records a parameter; false when it was already there.
    fn set(&mut self, name: &str, value: String) -> bool {
        let slot = match name {
            "code" => &mut self.code,
            "state" => &mut self.state,
            "iss" => &mut self.iss,
            "error" => &mut self.error,
            "error_description" => &mut self.error_description,
            _ => return true,
        };
        slot.replace(value).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expected() -> Expected {
        Expected {
            path: "/callback".into(),
            state: "the-real-state-0123456789abcdef".into(),
            issuer: "https://fc.example/api/v2".into(),
            require_iss: true,
            kind: RedirectKind::Authorization,
        }
    }

    const ISS: &str = "https%3A%2F%2Ffc.example%2Fapi%2Fv2";

    #[test]
    fn accepts_the_expected_redirect() {
        let target = format!("/callback?code=c0de&state=the-real-state-0123456789abcdef&iss={ISS}");
        match classify("GET", &target, &expected()) {
            Classified::Finished(Ok(Redirect::Code(code))) => assert_eq!(code.secret(), "c0de"),
            other => panic!("the genuine redirect must finish the wait: {other:?}"),
        }
    }

    #[test]
    fn ignores_wrong_state_without_ending_the_wait() {
        let target = format!("/callback?code=forged&state=guess&iss={ISS}");
        assert!(matches!(
            classify("GET", &target, &expected()),
            Classified::WrongState
        ));
        assert!(matches!(
            classify("GET", "/callback?code=x", &expected()),
            Classified::WrongState
        ));
    }

    #[test]
    fn ignores_strays() {
        assert!(matches!(
            classify("GET", "/favicon.ico", &expected()),
            Classified::Stray
        ));
        assert!(matches!(
            classify("POST", "/callback", &expected()),
            Classified::Stray
        ));
    }

    #[test]
    fn rejects_a_redirect_from_another_issuer() {
        let target =
            "/callback?code=c&state=the-real-state-0123456789abcdef&iss=https%3A%2F%2Fevil.example";
        assert!(matches!(
            classify("GET", target, &expected()),
            Classified::Finished(Err(SignInError::CallbackIssuerMismatch))
        ));
        let missing = "/callback?code=c&state=the-real-state-0123456789abcdef";
        assert!(
            matches!(
                classify("GET", missing, &expected()),
                Classified::Finished(Err(SignInError::CallbackIssuerMismatch))
            ),
            "a provider that advertises RFC 9207 must send iss"
        );
    }

    #[test]
    fn provider_errors_end_the_wait_with_their_code() {
        let target = format!(
            "/callback?error=access_denied&error_description=User%20aborted&state=the-real-state-0123456789abcdef&iss={ISS}"
        );
        match classify("GET", &target, &expected()) {
            Classified::Finished(Err(e)) => assert_eq!(e.code(), codes::Code::AccessDenied),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn duplicated_parameters_are_treated_as_forged() {
        let target = "/callback?code=a&code=b&state=the-real-state-0123456789abcdef";
        assert!(matches!(
            classify("GET", target, &expected()),
            Classified::WrongState
        ));
    }
}
