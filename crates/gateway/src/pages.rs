//! What the browser gets from the gateway: a redirect back to the kiosk's loopback port, or,
//! when nothing in the request can be trusted to redirect to, a small bilingual error page
//! that says what to do next. Every response is `no-store` and sends no referrer.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use url::Url;

/// An error page: HTTP status, stable code (`id="error-code"`), French and English text.
#[derive(Debug, Clone, Copy)]
pub struct ErrorPage {
    pub status: StatusCode,
    pub code: &'static str,
    pub fr: &'static str,
    pub en: &'static str,
}

pub const UNKNOWN_CLIENT: ErrorPage = ErrorPage {
    status: StatusCode::BAD_REQUEST,
    code: "unknown_client",
    fr: "Ce poste n'est pas enregistré auprès de la passerelle Guichet. Demandez à l'administrateur d'ajouter son identifiant (client_id) à la configuration.",
    en: "This kiosk is not registered at the Guichet gateway. Ask the administrator to add its client_id to the configuration.",
};

pub const INVALID_REDIRECT: ErrorPage = ErrorPage {
    status: StatusCode::BAD_REQUEST,
    code: "invalid_redirect_uri",
    fr: "L'adresse de retour doit être http://127.0.0.1:PORT/… ou http://[::1]:PORT/… sur le poste. Vérifiez la configuration du poste.",
    en: "The return address must be http://127.0.0.1:PORT/… or http://[::1]:PORT/… on the kiosk. Check the kiosk's configuration.",
};

pub const INVALID_REQUEST: ErrorPage = ErrorPage {
    status: StatusCode::BAD_REQUEST,
    code: "invalid_request",
    fr: "Cette demande de connexion est incomplète ou répète un paramètre. Recommencez depuis le poste.",
    en: "This sign-in request is incomplete or repeats a parameter. Start again from the kiosk.",
};

pub const UNKNOWN_SIGN_IN: ErrorPage = ErrorPage {
    status: StatusCode::BAD_REQUEST,
    code: "unknown_sign_in",
    fr: "Cette connexion est inconnue, déjà terminée ou a expiré (10 minutes). Revenez au poste et recommencez.",
    en: "This sign-in is unknown, already finished or expired (10 minutes). Go back to the kiosk and start again.",
};

pub const STORE_UNAVAILABLE: ErrorPage = ErrorPage {
    status: StatusCode::SERVICE_UNAVAILABLE,
    code: "temporarily_unavailable",
    fr: "La passerelle Guichet ne peut pas enregistrer la connexion pour le moment. Réessayez dans une minute ; si cela dure, prévenez l'administrateur.",
    en: "The Guichet gateway cannot record the sign-in right now. Try again in a minute; if it lasts, tell the administrator.",
};

pub const NOT_FOUND: ErrorPage = ErrorPage {
    status: StatusCode::NOT_FOUND,
    code: "not_found",
    fr: "Page introuvable.",
    en: "Page not found.",
};

impl IntoResponse for ErrorPage {
    fn into_response(self) -> Response {
        let body = format!(
            "<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>Guichet</title>\
             <style>body{{font-family:sans-serif;max-width:36em;margin:4em auto;padding:0 1em;line-height:1.5}}</style></head>\
             <body><main><p id=\"message-fr\">{}</p><p id=\"message-en\" lang=\"en\">{}</p>\
             <p><small>Code : <span id=\"error-code\">{}</span></small></p></main></body></html>",
            self.fr, self.en, self.code
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
