//! The authorization endpoint: FC+'s parameter whitelist, the errors shown as a page, the errors
//! redirected to the client, and where a valid request goes next.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::claims::{Acr, ScopeError, Scopes, amr_requested};
use crate::config::Client;
use crate::identities::{IdentityOrigin, french_idp};
use crate::pages::{bad_parameter, error_page};
use crate::provider::{Provider, now};
use crate::random_token;
use crate::state::{AuthRequest, Authentication, ClientEntry};
use crate::texts::Lang;
use crate::web::{self, Params};

/// The only parameters FC+ accepts; anything else is an error page (`forbidNonWhitelisted`).
const ALLOWED: [&str; 11] = [
    "client_id",
    "response_type",
    "redirect_uri",
    "scope",
    "acr_values",
    "state",
    "nonce",
    "claims",
    "prompt",
    "idp_hint",
    "ui_locales",
];

/// Minimum length of `state` and `nonce`.
const MIN_STATE_LEN: usize = 22;

/// Why a request gets an error page: nothing in it can be trusted enough to redirect to.
enum PageError {
    /// A parameter outside FC+'s whitelist.
    NotAllowed(String),
    /// A missing or invalid parameter.
    Invalid {
        parameter: String,
        detail: &'static str,
    },
    /// A client whose registration was refused, with the reason.
    RefusedClient(String),
}

impl PageError {
    fn invalid(parameter: &str, detail: &'static str) -> PageError {
        PageError::Invalid {
            parameter: parameter.to_owned(),
            detail,
        }
    }

    fn into_page(self, lang: Lang) -> Response {
        match self {
            PageError::NotAllowed(name) => {
                let message = lang.texts().parameter_not_allowed.replace("{param}", &name);
                error_page(lang, StatusCode::BAD_REQUEST, "invalid_request", &message)
            }
            PageError::Invalid { parameter, detail } => bad_parameter(lang, &parameter, detail),
            PageError::RefusedClient(reason) => {
                let message = format!("this client's registration was refused: {reason}");
                error_page(lang, StatusCode::BAD_REQUEST, "invalid_client", &message)
            }
        }
    }
}

/// A request whose client and `redirect_uri` are trusted: errors can now go back to it.
struct Trusted<'a> {
    client: Client,
    redirect_uri: &'a str,
    state: &'a str,
    nonce: &'a str,
    /// `None` when a scope is unknown (an error redirected with `invalid_scope`).
    scopes: Option<Scopes>,
}

/// An error sent back to the client's `redirect_uri`.
struct Redirected {
    error: &'static str,
    description: &'static str,
}

/// Where the browser goes after a valid request.
enum Next {
    Chooser,
    Idp(&'static str),
    Eidas,
    Consent(Authentication),
}

pub(crate) async fn authorize(
    State(provider): State<Arc<Provider>>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
) -> Response {
    let params = Params::parse(query.as_deref().unwrap_or_default().as_bytes());
    let lang = Lang::from_ui_locales(params.get("ui_locales"));
    let trusted = match trust(&provider, &params) {
        Ok(trusted) => trusted,
        Err(error) => {
            tracing::info!(event = "authorize_refused");
            return error.into_page(lang);
        }
    };
    let (request, next) = match accept(&provider, &params, &headers, &trusted, lang) {
        Ok(accepted) => accepted,
        Err(Redirected { error, description }) => {
            tracing::info!(event = "authorize_error_redirected", error);
            let params = [
                ("error", error),
                ("error_description", description),
                ("state", trusted.state),
                ("iss", provider.issuer.as_str()),
            ];
            return match web::with_query(trusted.redirect_uri, &params) {
                Some(location) => web::redirect(&location),
                None => bad_parameter(lang, "redirect_uri", "not a URL"),
            };
        }
    };
    let Ok(uid) = random_token() else {
        return error_page(lang, StatusCode::INTERNAL_SERVER_ERROR, "server_error", "");
    };
    let (suffix, authenticated) = match next {
        Next::Chooser => (String::new(), None),
        Next::Idp(idp_id) => (format!("/idp/{idp_id}"), None),
        Next::Eidas => ("/eidas".to_owned(), None),
        Next::Consent(authentication) => ("/consent".to_owned(), Some(authentication)),
    };
    tracing::info!(
        event = "authorize_accepted",
        client_id = %request.client_id,
        acr = request.acr.as_str(),
        session_reused = authenticated.is_some(),
    );
    provider
        .store()
        .start_interaction(uid.clone(), request, authenticated, now());
    web::redirect(&Provider::interaction_path(&uid, &suffix))
}

/// The checks whose failure shows a page: whitelist, client, exact `redirect_uri`,
/// `response_type`, `state` and `nonce` lengths, `openid` in `scope`.
fn trust<'a>(provider: &Provider, params: &'a Params) -> Result<Trusted<'a>, PageError> {
    if let Some(name) = params.first_not_in(&ALLOWED) {
        return Err(PageError::NotAllowed(name.to_owned()));
    }
    if let Some(name) = params.first_repeated() {
        return Err(PageError::invalid(name, "given more than once"));
    }
    let client_id = params
        .get("client_id")
        .ok_or_else(|| PageError::invalid("client_id", "required"))?;
    let client = match provider.store().client(client_id) {
        Some(ClientEntry::Valid(client)) => client.clone(),
        Some(ClientEntry::Invalid { reason }) => {
            return Err(PageError::RefusedClient(reason.clone()));
        }
        None => return Err(PageError::invalid("client_id", "unknown client")),
    };
    let redirect_uri = params
        .get("redirect_uri")
        .filter(|uri| {
            client
                .redirect_uris
                .iter()
                .any(|registered| registered == uri)
        })
        .ok_or_else(|| {
            let detail = "not registered for this client: exact match, port included";
            PageError::invalid("redirect_uri", detail)
        })?;
    if params.get("response_type") != Some("code") {
        return Err(PageError::invalid("response_type", "must be \"code\""));
    }
    let long_enough = |name: &str| {
        params
            .get(name)
            .filter(|value| value.len() >= MIN_STATE_LEN)
            .ok_or_else(|| PageError::invalid(name, "at least 22 characters"))
    };
    let state = long_enough("state")?;
    let nonce = long_enough("nonce")?;
    let scopes = match params.get("scope").map(Scopes::parse) {
        None | Some(Err(ScopeError::MissingOpenid)) => {
            return Err(PageError::invalid("scope", "must contain \"openid\""));
        }
        Some(Err(ScopeError::Unknown(_))) => None,
        Some(Ok(scopes)) => Some(scopes),
    };
    Ok(Trusted {
        client,
        redirect_uri,
        state,
        nonce,
        scopes,
    })
}

/// The checks whose failure is redirected to the client, then where the browser goes next.
fn accept(
    provider: &Provider,
    params: &Params,
    headers: &HeaderMap,
    trusted: &Trusted<'_>,
    lang: Lang,
) -> Result<(AuthRequest, Next), Redirected> {
    let scopes = trusted.scopes.clone().ok_or(Redirected {
        error: "invalid_scope",
        description: "a requested scope is not supported",
    })?;
    let acr = Acr::from_acr_values(params.get("acr_values")).ok_or(Redirected {
        error: "invalid_acr",
        description: "acr_values must be eidas2 or eidas3",
    })?;
    let amr_requested = amr_requested(params.get("claims")).map_err(|()| Redirected {
        error: "invalid_request",
        description: "claims must be a JSON object",
    })?;
    let client = &trusted.client;
    let hint = params.get("idp_hint");
    let next = match hint {
        None => Next::Chooser,
        Some(hint) if hint == provider.eidas_idp_id && client.eidas_enabled => Next::Eidas,
        Some(hint) => match french_idp(hint) {
            Some(idp) if idp.max_acr >= acr => Next::Idp(idp.id),
            _ => {
                return Err(Redirected {
                    error: "invalid_idp_hint",
                    description: "idp_hint is not an identity provider allowed for this request",
                });
            }
        },
    };
    let request = AuthRequest {
        client_id: client.id.clone(),
        redirect_uri: trusted.redirect_uri.to_owned(),
        state: trusted.state.to_owned(),
        nonce: trusted.nonce.to_owned(),
        scopes,
        acr,
        amr_requested,
        lang,
    };
    let reused = reusable_session(provider, headers, &request, client.eidas_enabled, hint);
    Ok((request, reused.map_or(next, Next::Consent)))
}

/// The authentication of the browser's FC+ session, when FC+ would reuse it: only for an
/// `eidas2` request, and only if the session's identity could have been chosen on this path
/// (same identity provider when `idp_hint` is given, eIDAS only for an eIDAS client).
fn reusable_session(
    provider: &Provider,
    headers: &HeaderMap,
    request: &AuthRequest,
    eidas_enabled: bool,
    hint: Option<&str>,
) -> Option<Authentication> {
    if request.acr != Acr::Eidas2 {
        return None;
    }
    let session_id = web::session_cookie(headers)?;
    let session = provider.store().session(&session_id, now())?;
    let identity = provider.directory.find(&session.authentication.login)?;
    let usable = match &identity.origin {
        IdentityOrigin::Eidas { .. } => {
            eidas_enabled && hint.is_none_or(|hint| hint == provider.eidas_idp_id)
        }
        IdentityOrigin::France { idp_id } => hint.is_none_or(|hint| hint == idp_id),
    };
    usable.then_some(session.authentication)
}
