//! The authorization endpoint: FC+'s parameter whitelist, the errors shown as a page, the errors
//! redirected to the client, and where a valid request goes next.

use std::sync::Arc;

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::claims::{Acr, ScopeError, Scopes, amr_requested};
use crate::config::Client;
use crate::identities::french_idp;
use crate::pages::{bad_parameter, bad_parameter_with_code, error_page};
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

/// Minimum length of `nonce` (`@MinLength(22)` in FC's `core-fcp/src/dto/authorize-params.dto.ts`;
/// `state` has none there, cypress `api-authorize.feature`).
const MIN_NONCE_LEN: usize = 22;

/// The error code of FC+'s page for a request that fails its DTO validation (a missing
/// `acr_values`, a bad `prompt`, an `http` redirect URI): cypress
/// `api-authorize-localhost.feature` expects it for `http://localhost/...`.
pub(crate) const Y_INVALID_REQUEST: &str = "Y030007";
/// FC+'s page when `claims` asks for `amr` and the registration does not grant it
/// (`core-claim-amr.exception.ts`, cypress `connexion-claims.feature`).
pub(crate) const Y_AMR_NOT_GRANTED: &str = "Y100009";

/// Why a request gets an error page: nothing in it can be trusted enough to redirect to.
enum PageError {
    /// A parameter outside FC+'s whitelist.
    NotAllowed(String),
    /// A missing or invalid parameter, with FC+'s page code.
    Invalid {
        code: &'static str,
        parameter: String,
        detail: &'static str,
    },
    /// A client whose registration was refused, with the reason.
    RefusedClient(String),
}

impl PageError {
    fn invalid(parameter: &str, detail: &'static str) -> PageError {
        PageError::Invalid {
            code: Y_INVALID_REQUEST,
            parameter: parameter.to_owned(),
            detail,
        }
    }

    fn into_page(self, lang: Lang) -> Response {
        match self {
            PageError::NotAllowed(name) => {
                let message = lang.texts().parameter_not_allowed.replace("{param}", &name);
                error_page(lang, StatusCode::BAD_REQUEST, Y_INVALID_REQUEST, &message)
            }
            PageError::Invalid {
                code,
                parameter,
                detail,
            } => bad_parameter_with_code(lang, code, &parameter, detail),
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
    acr_values: &'a str,
    amr_requested: bool,
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

/// The checks whose failure shows a page: the DTO's (whitelist, `acr_values` present,
/// `nonce` length, `prompt`, an `https` redirect URI), then the client, the exact
/// `redirect_uri`, and the `amr` right.
fn trust<'a>(provider: &Provider, params: &'a Params) -> Result<Trusted<'a>, PageError> {
    if let Some(name) = params.first_not_in(&ALLOWED) {
        return Err(PageError::NotAllowed(name.to_owned()));
    }
    if let Some(name) = params.first_repeated() {
        return Err(PageError::invalid(name, "given more than once"));
    }
    let acr_values = params
        .get("acr_values")
        .ok_or_else(|| PageError::invalid("acr_values", "required"))?;
    let nonce = params
        .get("nonce")
        .filter(|value| value.len() >= MIN_NONCE_LEN)
        .ok_or_else(|| PageError::invalid("nonce", "at least 22 characters"))?;
    let state = params
        .get("state")
        .ok_or_else(|| PageError::invalid("state", "required"))?;
    // FC's `libs/oidc-provider/src/validators/prompt.validator.ts`: FC+ rewrites a valid
    // prompt to `login consent`, and refuses `none`, `select_account` and an empty one.
    if params.has("prompt") {
        let prompt = params.get("prompt").unwrap_or_default();
        let values: Vec<&str> = prompt.split(' ').filter(|v| !v.is_empty()).collect();
        if values.is_empty()
            || values
                .iter()
                .any(|value| matches!(*value, "none" | "select_account"))
        {
            return Err(PageError::invalid(
                "prompt",
                "none, select_account and an empty prompt are refused",
            ));
        }
    }
    let client_id = params
        .get("client_id")
        .ok_or_else(|| PageError::invalid("client_id", "required"))?;
    let client = match provider.store().client(client_id) {
        Some(ClientEntry::Valid(client)) => Client::clone(client),
        Some(ClientEntry::Invalid { reason }) => {
            return Err(PageError::RefusedClient(reason.clone()));
        }
        None => return Err(PageError::invalid("client_id", "unknown client")),
    };
    let redirect_uri = params
        .get("redirect_uri")
        .ok_or_else(|| PageError::invalid("redirect_uri", "required"))?;
    if !redirect_uri_allowed(redirect_uri, client.loopback_dev) {
        return Err(PageError::invalid(
            "redirect_uri",
            "FC+ accepts only https redirect URIs with a real host name or IP address (urlsRequireTld)",
        ));
    }
    if !client
        .redirect_uris
        .iter()
        .any(|registered| registered == redirect_uri)
    {
        let detail = "not registered for this client: exact match, port included";
        return Err(PageError::invalid("redirect_uri", detail));
    }
    let amr_requested = amr_requested(params.get("claims"))
        .map_err(|()| PageError::invalid("claims", "must be a JSON object"))?;
    if amr_requested && !client.amr {
        return Err(PageError::Invalid {
            code: Y_AMR_NOT_GRANTED,
            parameter: "claims".to_owned(),
            detail: "amr is not granted to this service provider's registration",
        });
    }
    Ok(Trusted {
        client,
        redirect_uri,
        state,
        nonce,
        acr_values,
        amr_requested,
    })
}

/// FC+'s rule for `redirect_uri` and `post_logout_redirect_uri` (`isURL` with
/// `protocols: ['https']` and `require_tld` in FC's
/// `libs/common/src/validators/is-url-required-tld-from-config.ts`): `https`, with an IP
/// address or a host name that has a top-level domain (so never `localhost`). A
/// `loopback_dev` client may also use `http` on a loopback IP.
pub(crate) fn redirect_uri_allowed(uri: &str, loopback_dev: bool) -> bool {
    let Ok(url) = url::Url::parse(uri) else {
        return false;
    };
    match (url.scheme(), url.host()) {
        ("https", Some(url::Host::Ipv4(_) | url::Host::Ipv6(_))) => true,
        ("https", Some(url::Host::Domain(domain))) => {
            let domain = domain.trim_end_matches('.');
            domain.rsplit_once('.').is_some_and(|(name, tld)| {
                !name.is_empty()
                    && tld.len() >= 2
                    && (tld.chars().all(|c| c.is_ascii_alphabetic()) || tld.starts_with("xn--"))
            })
        }
        ("http", Some(url::Host::Ipv4(ip))) => loopback_dev && ip.is_loopback(),
        ("http", Some(url::Host::Ipv6(ip))) => loopback_dev && ip.is_loopback(),
        _ => false,
    }
}

/// The checks whose failure is redirected to the client, then where the browser goes next.
fn accept(
    provider: &Provider,
    params: &Params,
    headers: &HeaderMap,
    trusted: &Trusted<'_>,
    lang: Lang,
) -> Result<(AuthRequest, Next), Redirected> {
    if params.get("response_type") != Some("code") {
        return Err(Redirected {
            error: "unsupported_response_type",
            description: "response_type must be code",
        });
    }
    let scopes = match Scopes::parse(params.get("scope").unwrap_or_default()) {
        Ok(scopes) => scopes,
        Err(ScopeError::MissingOpenid) => {
            return Err(Redirected {
                error: "invalid_request",
                description: "openid scope must be requested",
            });
        }
    };
    let client = &trusted.client;
    if let Some(registered) = &client.scopes
        && scopes.first_outside(registered).is_some()
    {
        return Err(Redirected {
            error: "invalid_scope",
            description: "a requested scope is not granted to this service provider",
        });
    }
    let acr = Acr::from_acr_values(trusted.acr_values).ok_or(Redirected {
        error: "invalid_acr",
        description: "acr_values must be eidas2 or eidas3",
    })?;
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
        amr_requested: trusted.amr_requested,
        lang,
    };
    let reused = reusable_session(provider, headers, &request);
    Ok((request, reused.map_or(next, Next::Consent)))
}

/// The authentication of the browser's FC+ session, when FC+ would reuse it: an `eidas2`
/// request with a live session in this browser. `idp_hint` is then ignored, exactly as FC+
/// does (`shouldAbortIdpHint` returns true when `ctx.isSso`, and `isSsoAvailable` allows SSO
/// for the `allowedSsoAcrs`, in FC's `libs/core/src/services/core-oidc-provider-middleware.service.ts`):
/// at a shared browser the next person, even one who pressed the eIDAS button, gets the
/// previous person's identity. The reused sign-in's `acr` is `eidas2`.
fn reusable_session(
    provider: &Provider,
    headers: &HeaderMap,
    request: &AuthRequest,
) -> Option<Authentication> {
    if request.acr != Acr::Eidas2 {
        return None;
    }
    let session_id = web::session_cookie(headers)?;
    let session = provider.store().session(&session_id, now())?;
    provider.directory.find(&session.authentication.login)?;
    Some(Authentication {
        reused: true,
        ..session.authentication
    })
}
