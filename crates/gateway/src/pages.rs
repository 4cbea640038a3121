//! What the browser gets from the gateway: a redirect back to the kiosk's loopback port, or,
//! when nothing in the request can be trusted to redirect to, a small bilingual error page
//! that says what to do next. Every response is `no-store` and sends no referrer.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use codes::{Language, Word};
use url::Url;

/// An error page: HTTP status, stable code (`id="error-code"`), its text in the catalogue
/// (shown in French, then English).
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub code: &'static str,
    pub text: Word,
}

pub const UNKNOWN_CLIENT: ErrorPage = ErrorPage {
    status: StatusCode::BAD_REQUEST,
    code: "unknown_client",
    text: Word::GatewayUnknownClient,
};

pub const INVALID_REDIRECT: ErrorPage = ErrorPage {
    status: StatusCode::BAD_REQUEST,
    code: "invalid_redirect_uri",
    text: Word::GatewayInvalidRedirect,
};

pub const INVALID_REQUEST: ErrorPage = ErrorPage {
    status: StatusCode::BAD_REQUEST,
    code: "invalid_request",
    text: Word::GatewayInvalidRequest,
};

pub const UNKNOWN_SIGN_IN: ErrorPage = ErrorPage {
    status: StatusCode::BAD_REQUEST,
    code: "unknown_sign_in",
    text: Word::GatewayUnknownSignIn,
};

pub const STORE_UNAVAILABLE: ErrorPage = ErrorPage {
    status: StatusCode::SERVICE_UNAVAILABLE,
    code: "temporarily_unavailable",
    text: Word::GatewayStoreUnavailable,
};

pub const NOT_FOUND: ErrorPage = ErrorPage {
    status: StatusCode::NOT_FOUND,
    code: "not_found",
    text: Word::PageNotFoundText,
};

impl IntoResponse for ErrorPage {
    fn into_response(self) -> Response {
        let body = format!(
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Guichet</title>\
             <style>body{{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.5}}</style></head>\
             <body><main><p id=\"message-fr\">{}</p><p id=\"message-en\" lang=\"en\">{}</p>\
             <p><small>Code : <span id=\"error-code\">{}</span></small></p></main></body></html>",
            self.text.text(Language::French),
            self.text.text(Language::English),
            self.code
        );
        (
            self.status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response()
    }
}

/// A 302 to `url` (the kiosk's loopback redirect or FC+).
pub fn redirect(url: &Url) -> Response {
    let mut response = StatusCode::FOUND.into_response();
    if let Ok(value) = HeaderValue::from_str(url.as_str()) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Back to the kiosk with `params` (RFC 6749 §4.1.2; `iss` per RFC 9207).
pub fn to_kiosk(redirect_uri: &Url, params: &[(&str, &str)]) -> Response {
    let mut url = redirect_uri.clone();
    {
        let mut query = url.query_pairs_mut();
        for (name, value) in params {
            query.append_pair(name, value);
        }
    }
    redirect(&url)
}

/// Headers on every response: nothing cached, no referrer (URLs carry codes), no framing.
pub fn harden(response: &mut Response) {
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store"),
        (header::PRAGMA, "no-cache"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
}
