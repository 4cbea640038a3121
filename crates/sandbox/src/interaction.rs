//! The browser path of a sign-in: chooser, identity provider or eIDAS country, identity,
//! consent (or cancel), ending in a redirect to the client.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::adversary::RedirectPlan;
use crate::identities::{IdentityOrigin, TestIdentity, eidas_country, french_idp};
use crate::pages::{self, error_page, expired_page};
use crate::provider::{Provider, now};
use crate::random_token;
use crate::state::{Authentication, Interaction};
use crate::texts::Lang;
use crate::web;

/// The interaction and whether its client may use eIDAS; `None` once it has expired.
fn load(provider: &Provider, uid: &str) -> Option<(Interaction, bool)> {
    let mut store = provider.store();
    let interaction = store.interaction(uid, now())?;
    let eidas_enabled = store
        .valid_client(&interaction.request.client_id)
        .is_some_and(|client| client.eidas_enabled);
    Some((interaction, eidas_enabled))
}

fn not_offered(lang: Lang, what: &str) -> Response {
    error_page(
        lang,
        StatusCode::NOT_FOUND,
        "not_found",
        &format!("{what} is not offered for this sign-in"),
    )
}

fn ok(html: String) -> Response {
    web::html(StatusCode::OK, html)
}

pub(crate) async fn chooser(
    State(provider): State<Arc<Provider>>,
    Path(uid): Path<String>,
) -> Response {
    let Some((interaction, eidas_enabled)) = load(&provider, &uid) else {
        return expired_page(Lang::Fr);
    };
    let request = &interaction.request;
    let failed_at = provider.store().take_failure(&uid);
    let failed_at = failed_at
        .as_deref()
        .map(|idp| pages::provider_name(request.lang, idp));
    ok(pages::chooser(
        request.lang,
        &uid,
        &request.client_id,
        request.acr,
        eidas_enabled,
        failed_at,
    ))
}

/// A failure at an identity provider or the eIDAS node (refused, cancelled, level too low):
/// FC+ sends the person back to its chooser with a banner naming the provider, and the client
/// hears nothing (FC's `apps/core-fcp/src/controllers/core-fcp.controller.ts`, `hasError`
/// when coming back from the identity provider's callback, and
/// `views/pages/interaction/interaction.error.ejs`). Only the chooser's own link back to the
/// service returns `access_denied`.
pub(crate) async fn idp_error(
    State(provider): State<Arc<Provider>>,
    Path((uid, idp_id)): Path<(String, String)>,
) -> Response {
    let Some((interaction, eidas_enabled)) = load(&provider, &uid) else {
        return expired_page(Lang::Fr);
    };
    let known = french_idp(&idp_id).is_some() || (idp_id == pages::EIDAS_PROVIDER && eidas_enabled);
    if !known {
        return not_offered(interaction.request.lang, "this identity provider");
    }
    if !provider.store().fail_at_idp(&uid, &idp_id, now()) {
        return expired_page(interaction.request.lang);
    }
    tracing::info!(event = "identity_provider_failed");
    web::redirect_with(StatusCode::SEE_OTHER, &Provider::interaction_path(&uid, ""))
}

pub(crate) async fn idp_login(
    State(provider): State<Arc<Provider>>,
    Path((uid, idp_id)): Path<(String, String)>,
) -> Response {
    let Some((interaction, _)) = load(&provider, &uid) else {
        return expired_page(Lang::Fr);
    };
    let lang = interaction.request.lang;
    let Some(idp) = french_idp(&idp_id).filter(|idp| idp.max_acr >= interaction.request.acr) else {
        return not_offered(lang, "this identity provider");
    };
    let origin = IdentityOrigin::France {
        idp_id: idp.id.to_owned(),
    };
    let identities = provider.directory.with_origin(&origin);
    ok(pages::idp_login(lang, &uid, idp, identities))
}

pub(crate) async fn eidas_countries(
    State(provider): State<Arc<Provider>>,
    Path(uid): Path<String>,
) -> Response {
    match load(&provider, &uid) {
        Some((interaction, true)) => ok(pages::eidas_countries(interaction.request.lang, &uid)),
        Some((interaction, false)) => not_offered(interaction.request.lang, "eIDAS"),
        None => expired_page(Lang::Fr),
    }
}

pub(crate) async fn country_identities(
    State(provider): State<Arc<Provider>>,
    Path((uid, code)): Path<(String, String)>,
) -> Response {
    let Some((interaction, eidas_enabled)) = load(&provider, &uid) else {
        return expired_page(Lang::Fr);
    };
    let lang = interaction.request.lang;
    let Some(country) = eidas_country(&code).filter(|_| eidas_enabled) else {
        return not_offered(lang, "this country");
    };
    let origin = IdentityOrigin::Eidas {
        country: country.code.to_owned(),
    };
    let identities = provider.directory.with_origin(&origin);
    ok(pages::country_identities(lang, &uid, country, identities))
}

/// Whether `identity` could have been chosen in this interaction's pages.
fn selectable(identity: &TestIdentity, interaction: &Interaction, eidas_enabled: bool) -> bool {
    match &identity.origin {
        IdentityOrigin::France { idp_id } => {
            french_idp(idp_id).is_some_and(|idp| idp.max_acr >= interaction.request.acr)
        }
        IdentityOrigin::Eidas { .. } => eidas_enabled,
    }
}

/// The identity button: the person has "authenticated" at the identity provider. FC+'s browser
/// session holds the identity from here, before the consent page: FC's verify step stores the
/// `accountId` and `idpId` that its SSO check asks for ([S] `apps/core-fcp/src/handlers/verify/
/// core-fcp-default-verify.handler.ts`, `dto/get-authorize-session.dto.ts`), so a browser that
/// leaves at the consent page still holds a session FC+ would hand to the next eidas2 request.
pub(crate) async fn select_identity(
    State(provider): State<Arc<Provider>>,
    Path((uid, login)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some((interaction, eidas_enabled)) = load(&provider, &uid) else {
        return expired_page(Lang::Fr);
    };
    let lang = interaction.request.lang;
    let offered = provider
        .directory
        .find(&login)
        .is_some_and(|identity| selectable(identity, &interaction, eidas_enabled));
    if !offered {
        return not_offered(lang, "this identity");
    }
    let Ok(session_id) = random_token() else {
        return error_page(lang, StatusCode::INTERNAL_SERVER_ERROR, "server_error", "");
    };
    let now = now();
    let authentication = Authentication {
        login,
        auth_time: now,
        reused: false,
    };
    let mut store = provider.store();
    if !store.authenticate(&uid, authentication.clone(), now) {
        return expired_page(lang);
    }
    let previous = web::session_cookie(&headers);
    store.open_session(session_id.clone(), previous.as_deref(), authentication, now);
    drop(store);
    tracing::info!(event = "identity_authenticated");
    let mut response = web::redirect_with(
        StatusCode::SEE_OTHER,
        &Provider::interaction_path(&uid, "/consent"),
    );
    web::set_session_cookie(&mut response, &session_id);
    response
}

pub(crate) async fn consent_page(
    State(provider): State<Arc<Provider>>,
    Path(uid): Path<String>,
) -> Response {
    let Some((interaction, _)) = load(&provider, &uid) else {
        return expired_page(Lang::Fr);
    };
    let request = &interaction.request;
    let identity = interaction
        .authenticated
        .as_ref()
        .and_then(|authentication| provider.directory.find(&authentication.login));
    let Some(identity) = identity else {
        // Nobody signed in yet: back to the start of the path.
        return web::redirect(&Provider::interaction_path(&uid, ""));
    };
    let released = request.scopes.release(&identity.claims);
    ok(pages::consent(
        request.lang,
        &uid,
        &request.client_id,
        &released,
    ))
}

/// The consent button: one code for the client, an FC+ session for the browser.
pub(crate) async fn consent(
    State(provider): State<Arc<Provider>>,
    Path(uid): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (Ok(code), Ok(session_id)) = (random_token(), random_token()) else {
        return error_page(
            Lang::Fr,
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            "",
        );
    };
    let now = now();
    let mut store = provider.store();
    let Some(interaction) = store.interaction(&uid, now) else {
        return expired_page(Lang::Fr);
    };
    let Some(authentication) = interaction.authenticated else {
        return web::redirect_with(StatusCode::SEE_OTHER, &Provider::interaction_path(&uid, ""));
    };
    store.take_interaction(&uid, now);
    let request = interaction.request;
    let scenario = provider.adversary.scenario(&request.client_id);
    let iss = match scenario.redirect(&provider.issuer) {
        RedirectPlan::Code { iss } => iss,
        RedirectPlan::Error(error) => {
            drop(store);
            tracing::info!(event = "consent_answered_with_error", error);
            let params = [
                ("error", error),
                (
                    "error_description",
                    "answered by the sandbox's adversary mode",
                ),
                ("state", request.state.as_str()),
                ("iss", provider.issuer.as_str()),
            ];
            return match web::with_query(&request.redirect_uri, &params) {
                Some(location) => web::redirect(&location),
                None => error_page(request.lang, StatusCode::BAD_REQUEST, "invalid_request", ""),
            };
        }
    };
    let mut params = vec![("code", code.as_str()), ("state", request.state.as_str())];
    params.extend(iss.map(|iss| ("iss", iss)));
    let Some(location) = web::with_query(&request.redirect_uri, &params) else {
        return error_page(request.lang, StatusCode::BAD_REQUEST, "invalid_request", "");
    };
    let previous = web::session_cookie(&headers);
    store.open_session(
        session_id.clone(),
        previous.as_deref(),
        authentication.clone(),
        now,
    );
    store.issue_code(code, request, authentication, now);
    drop(store);
    tracing::info!(event = "consent_given");
    let mut response = web::redirect(&location);
    web::set_session_cookie(&mut response, &session_id);
    response
}

/// The cancel link: back to the client with `access_denied`.
pub(crate) async fn abort(
    State(provider): State<Arc<Provider>>,
    Path(uid): Path<String>,
) -> Response {
    let Some(interaction) = provider.store().take_interaction(&uid, now()) else {
        return expired_page(Lang::Fr);
    };
    let request = interaction.request;
    tracing::info!(event = "interaction_cancelled");
    let params = [
        ("error", "access_denied"),
        ("error_description", "User canceled the authentication"),
        ("state", request.state.as_str()),
        ("iss", provider.issuer.as_str()),
    ];
    match web::with_query(&request.redirect_uri, &params) {
        Some(location) => web::redirect(&location),
        None => error_page(request.lang, StatusCode::BAD_REQUEST, "invalid_request", ""),
    }
}
