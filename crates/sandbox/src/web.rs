//! HTTP building blocks: HTML and JSON responses, redirects, and the `fc_session` cookie.

use axum::http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, COOKIE, LOCATION, REFERRER_POLICY,
    SET_COOKIE,
};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use url::Url;

/// The path every endpoint lives under; the issuer is `http://{addr}{ISSUER_PATH}`.
pub(crate) const ISSUER_PATH: &str = "/api/v2";

/// The FC+ browser session cookie.
pub(crate) const SESSION_COOKIE: &str = "fc_session";

/// Pages load nothing from anywhere; form posts and redirects are left free because the
/// consent form ends in a redirect to the client's loopback URI.
const PAGE_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'";

/// The auto-submitted pages may run the sandbox's own script, and nothing else. No
/// `form-action`: browsers apply it to the redirects that follow the submission, and this
/// form's answer redirects to the client.
const SCRIPT_PAGE_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

/// An HTML page that no cache keeps.
pub(crate) fn html(status: StatusCode, body: String) -> Response {
    page_with_csp(status, body, PAGE_CSP)
}

/// An HTML page whose form the sandbox's script submits on load.
pub(crate) fn html_with_script(status: StatusCode, body: String) -> Response {
    page_with_csp(status, body, SCRIPT_PAGE_CSP)
}

fn page_with_csp(status: StatusCode, body: String, csp: &'static str) -> Response {
    (
        status,
        [
            (CONTENT_TYPE, "text/html; charset=utf-8"),
            (CACHE_CONTROL, "no-store"),
            (CONTENT_SECURITY_POLICY, csp),
            (REFERRER_POLICY, "no-referrer"),
        ],
        body,
    )
        .into_response()
}

/// A JSON body with `Cache-Control: no-store` (token endpoint answers hold secrets).
pub(crate) fn json(status: StatusCode, body: serde_json::Value) -> Response {
    (status, [(CACHE_CONTROL, "no-store")], axum::Json(body)).into_response()
}

/// An OAuth error as JSON: `{"error", "error_description"}`.
pub(crate) fn json_error(status: StatusCode, error: &str, description: &str) -> Response {
    json(
        status,
        json!({ "error": error, "error_description": description }),
    )
}

/// A redirect with `status` (302 after a GET, 303 after a form post).
pub(crate) fn redirect_with(status: StatusCode, location: &str) -> Response {
    match HeaderValue::from_str(location) {
        Ok(location) => (
            status,
            [
                (LOCATION, location),
                (CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
        )
            .into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A 302 redirect.
pub(crate) fn redirect(location: &str) -> Response {
    redirect_with(StatusCode::FOUND, location)
}

/// `uri` with `params` appended to its query (kept if it already has one). `None` if `uri`
/// does not parse, which validated registrations rule out.
pub(crate) fn with_query(uri: &str, params: &[(&str, &str)]) -> Option<String> {
    let mut url = Url::parse(uri).ok()?;
    url.query_pairs_mut().extend_pairs(params);
    Some(url.into())
}

/// The parameters of a query string or of a form body.
#[derive(Debug)]
pub(crate) struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    pub(crate) fn parse(encoded: &[u8]) -> Params {
        Params {
            pairs: url::form_urlencoded::parse(encoded).into_owned().collect(),
        }
    }

    /// The value of `name`; an empty value counts as absent.
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, value)| key == name && !value.is_empty())
            .map(|(_, value)| value.as_str())
    }

    /// Whether `name` is given at all, even with an empty value (an empty `prompt` is an
    /// error on FC+, not an absent one).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.pairs.iter().any(|(key, _)| key == name)
    }

    /// The first parameter whose name is not in `allowed`.
    pub(crate) fn first_not_in<'a>(&'a self, allowed: &[&str]) -> Option<&'a str> {
        self.pairs
            .iter()
            .map(|(key, _)| key.as_str())
            .find(|key| !allowed.contains(key))
    }

    /// The first parameter given more than once (ambiguous, so refused).
    pub(crate) fn first_repeated(&self) -> Option<&str> {
        self.pairs.iter().enumerate().find_map(|(index, (key, _))| {
            self.pairs[..index]
                .iter()
                .any(|(earlier, _)| earlier == key)
                .then_some(key.as_str())
        })
    }
}

/// The `fc_session` cookie value the browser sent, if any.
pub(crate) fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, value)| *name == SESSION_COOKIE && !value.is_empty())
        .map(|(_, value)| value.to_owned())
}

/// `Set-Cookie` for a new session: HttpOnly, kept until the browser closes (as FC+ does).
pub(crate) fn set_session_cookie(response: &mut Response, session_id: &str) {
    set_cookie(
        response,
        &format!("{SESSION_COOKIE}={session_id}; Path={ISSUER_PATH}; HttpOnly; SameSite=Lax"),
    );
}

/// `Set-Cookie` that removes the session cookie.
pub(crate) fn clear_session_cookie(response: &mut Response) {
    set_cookie(
        response,
        &format!("{SESSION_COOKIE}=; Path={ISSUER_PATH}; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
}

fn set_cookie(response: &mut Response, cookie: &str) {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(SET_COOKIE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_session_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, HeaderValue::from_static("a=1; fc_session=abc; b=2"));
        assert_eq!(session_cookie(&headers).as_deref(), Some("abc"));
        headers.insert(COOKIE, HeaderValue::from_static("fc_session="));
        assert_eq!(
            session_cookie(&headers),
            None,
            "a cleared cookie is no session"
        );
    }

    #[test]
    fn appends_to_an_existing_query() {
        assert_eq!(
            with_query("http://127.0.0.1:1/cb?x=1", &[("code", "a b")]).as_deref(),
            Some("http://127.0.0.1:1/cb?x=1&code=a+b")
        );
    }
}
