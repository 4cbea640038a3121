//! The HTML pages. Element ids (`idp-*`, `eidas-button`, `country-*`, `identity-*`,
//! `consent-button`, `cancel-link`, `idp-cancel-link`, `interaction-error-banner`,
//! `error-page`) are a contract with the browser tests.

use axum::http::StatusCode;
use axum::response::Response;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use serde_json::{Map, Value};

use crate::claims::Acr;
use crate::identities::{Country, EIDAS_COUNTRIES, FRENCH_IDPS, FrenchIdp, TestIdentity};
use crate::provider::Provider;
use crate::texts::{EIDAS_BUTTON, Lang, claim_label};
use crate::web;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;background:#f6f6f6;color:#161616}\
header{background:#000091;color:#fff;padding:.8rem 1.5rem}header small{opacity:.8;margin-left:1rem}\
main{max-width:40rem;margin:2rem auto;background:#fff;padding:1.5rem 2rem;border-radius:4px}\
ul{list-style:none;padding:0}li{margin:.5rem 0}\
.button{display:inline-block;padding:.6rem 1rem;background:#000091;color:#fff;border:0;\
border-radius:4px;font-size:1rem;text-decoration:none;cursor:pointer}\
.button[disabled]{background:#929292;cursor:not-allowed}.secondary{background:#fff;color:#000091;\
border:1px solid #000091}dt{font-weight:bold}dd{margin:0 0 .6rem}.note{color:#666;font-size:.9rem}";

/// The whole document around `body`.
fn layout(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{title} – FranceConnect+ sandbox</title><style>{STYLE}</style></head>\
<body><header><strong>FranceConnect+</strong><small>{note}</small></header>\
<main>{body}</main></body></html>\n",
        lang = lang.code(),
        title = text(title),
        note = text(lang.texts().brand_note),
    )
}

/// An error page that does not redirect anywhere: FC+'s answer to a request it cannot trust.
pub(crate) fn error_page(lang: Lang, status: StatusCode, code: &str, message: &str) -> Response {
    let t = lang.texts();
    let body = format!(
        "<section id=\"error-page\"><h1>{title}</h1><p>{label} <code id=\"error-code\">{code}</code></p>\
<p id=\"error-message\">{message}</p></section>",
        title = text(t.error_title),
        label = text(t.error_code),
        code = text(code),
        message = text(message),
    );
    web::html(status, layout(lang, t.error_title, &body))
}

/// The page for a missing or invalid parameter; never a redirect.
pub(crate) fn bad_parameter(lang: Lang, parameter: &str, detail: &str) -> Response {
    bad_parameter_with_code(lang, "invalid_request", parameter, detail)
}

/// [`bad_parameter`] with FC+'s page code (`Y030007`, `Y100009`, `Y100019`…).
pub(crate) fn bad_parameter_with_code(
    lang: Lang,
    code: &str,
    parameter: &str,
    detail: &str,
) -> Response {
    let message = lang.texts().parameter_invalid.replace("{param}", parameter);
    error_page(
        lang,
        StatusCode::BAD_REQUEST,
        code,
        &format!("{message} ({detail})"),
    )
}

/// The error page for an interaction that expired or never existed.
pub(crate) fn expired_page(lang: Lang) -> Response {
    error_page(
        lang,
        StatusCode::BAD_REQUEST,
        "interaction_not_found",
        lang.texts().expired,
    )
}

/// The id the eIDAS node fails under on the chooser's banner (`idp-error/eidas`).
pub(crate) const EIDAS_PROVIDER: &str = "eidas";

/// A provider's name on the chooser's banner: a French identity provider or the eIDAS node.
pub(crate) fn provider_name(lang: Lang, idp: &str) -> &'static str {
    match crate::identities::french_idp(idp) {
        Some(found) => idp_name(lang, found),
        None => match lang {
            Lang::Fr => "l'identité numérique européenne (eIDAS)",
            Lang::En => "the European digital identity (eIDAS)",
        },
    }
}

/// The link of an identity provider's (or the eIDAS node's) pages: the attempt fails there
/// and the person is back at FC+'s chooser; nothing reaches the client.
fn idp_cancel_link(lang: Lang, uid: &str, idp: &str) -> String {
    format!(
        "<p><a id=\"idp-cancel-link\" href=\"{href}\">{label}</a></p>",
        href = attr(&Provider::interaction_path(
            uid,
            &format!("/idp-error/{idp}")
        )),
        label = text(lang.texts().idp_cancel),
    )
}

/// FC+'s own link back to the service (on the chooser only): `access_denied` to the client.
fn cancel_link(lang: Lang, uid: &str) -> String {
    format!(
        "<p><a id=\"cancel-link\" href=\"{href}\">{label}</a></p>",
        href = attr(&Provider::interaction_path(uid, "/abort")),
        label = text(lang.texts().cancel),
    )
}

/// `given_name family_name`, for a button label.
fn display_name(identity: &TestIdentity) -> String {
    ["given_name", "family_name"]
        .iter()
        .filter_map(|claim| identity.claims.get(*claim).and_then(Value::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The identity provider chooser.
pub(crate) fn chooser(
    lang: Lang,
    uid: &str,
    client_id: &str,
    acr: Acr,
    eidas: bool,
    failed_at: Option<&str>,
) -> String {
    let t = lang.texts();
    // FC's `interaction-error-banner` (`views/pages/interaction/interaction.error.ejs`).
    let banner = failed_at.map_or_else(String::new, |idp| {
        format!(
            "<section id=\"interaction-error-banner\" role=\"alert\"><p>{}</p></section>",
            text(&t.idp_failed.replace("{idp}", idp))
        )
    });
    let mut idps = String::new();
    for idp in &FRENCH_IDPS {
        let name = idp_name(lang, idp);
        let item = if idp.max_acr >= acr {
            format!(
                "<li><a class=\"button\" id=\"idp-{id}\" href=\"{href}\">{name}</a></li>",
                id = attr(idp.id),
                href = attr(&Provider::interaction_path(
                    uid,
                    &format!("/idp/{}", idp.id)
                )),
                name = text(name),
            )
        } else {
            format!(
                "<li><button class=\"button\" type=\"button\" id=\"idp-{id}\" disabled>{name}</button> \
<span class=\"note\">{why}</span></li>",
                id = attr(idp.id),
                name = text(name),
                why = text(t.level_too_low),
            )
        };
        idps.push_str(&item);
    }
    let eidas_button = if eidas {
        format!(
            "<p><a class=\"button secondary\" id=\"eidas-button\" href=\"{href}\" lang=\"en\">{label}</a></p>",
            href = attr(&Provider::interaction_path(uid, "/eidas")),
            label = text(EIDAS_BUTTON),
        )
    } else {
        String::new()
    };
    let body = format!(
        "{banner}<h1>{title}</h1><p>{intro} <code>{client}</code></p><ul>{idps}</ul>{eidas_button}{cancel}",
        title = text(t.chooser_title),
        intro = text(t.chooser_intro),
        client = text(client_id),
        cancel = cancel_link(lang, uid),
    );
    layout(lang, t.chooser_title, &body)
}

pub(crate) fn idp_name(lang: Lang, idp: &FrenchIdp) -> &'static str {
    match lang {
        Lang::Fr => idp.name_fr,
        Lang::En => idp.name_en,
    }
}

pub(crate) fn country_name(lang: Lang, country: &Country) -> &'static str {
    match lang {
        Lang::Fr => country.name_fr,
        Lang::En => country.name_en,
    }
}

/// One sign-in button (a POST form) per identity, or a note when there is none.
fn identity_list<'a>(
    lang: Lang,
    uid: &str,
    identities: impl Iterator<Item = &'a TestIdentity>,
) -> String {
    let buttons: String = identities
        .map(|identity| {
            format!(
                "<li><form method=\"post\" action=\"{action}\"><button class=\"button\" type=\"submit\" \
id=\"identity-{login}\">{name}</button></form></li>",
                action = attr(&Provider::interaction_path(
                    uid,
                    &format!("/identity/{}", identity.login)
                )),
                login = attr(&identity.login),
                name = text(&display_name(identity)),
            )
        })
        .collect();
    if buttons.is_empty() {
        format!("<p class=\"note\">{}</p>", text(lang.texts().no_identity))
    } else {
        format!("<ul>{buttons}</ul>")
    }
}

/// A French identity provider's login page.
pub(crate) fn idp_login<'a>(
    lang: Lang,
    uid: &str,
    idp: &FrenchIdp,
    identities: impl Iterator<Item = &'a TestIdentity>,
) -> String {
    let t = lang.texts();
    let title = format!("{} – {}", t.idp_title, idp_name(lang, idp));
    let body = format!(
        "<h1>{title}</h1><p>{intro}</p>{list}{cancel}",
        title = text(&title),
        intro = text(t.idp_intro),
        list = identity_list(lang, uid, identities),
        cancel = idp_cancel_link(lang, uid, idp.id),
    );
    layout(lang, &title, &body)
}

/// The eIDAS country list.
pub(crate) fn eidas_countries(lang: Lang, uid: &str) -> String {
    let t = lang.texts();
    let countries: String = EIDAS_COUNTRIES
        .iter()
        .map(|country| {
            format!(
                "<li><a class=\"button secondary\" id=\"country-{code}\" href=\"{href}\">{name}</a></li>",
                code = attr(country.code),
                href = attr(&Provider::interaction_path(
                    uid,
                    &format!("/eidas/{}", country.code)
                )),
                name = text(country_name(lang, country)),
            )
        })
        .collect();
    let body = format!(
        "<h1>{title}</h1><p>{intro}</p><ul>{countries}</ul>{cancel}",
        title = text(t.eidas_title),
        intro = text(t.eidas_intro),
        cancel = idp_cancel_link(lang, uid, EIDAS_PROVIDER),
    );
    layout(lang, t.eidas_title, &body)
}

/// The test identities of one eIDAS country.
pub(crate) fn country_identities<'a>(
    lang: Lang,
    uid: &str,
    country: &Country,
    identities: impl Iterator<Item = &'a TestIdentity>,
) -> String {
    let t = lang.texts();
    let title = format!("{} – {}", t.country_title, country_name(lang, country));
    let body = format!(
        "<h1>{title}</h1>{list}{cancel}",
        title = text(&title),
        list = identity_list(lang, uid, identities),
        cancel = idp_cancel_link(lang, uid, EIDAS_PROVIDER),
    );
    layout(lang, &title, &body)
}

/// The consent page: what will be shared, and the button that sends the user back.
pub(crate) fn consent(
    lang: Lang,
    uid: &str,
    client_id: &str,
    released: &Map<String, Value>,
) -> String {
    let t = lang.texts();
    let data = if released.is_empty() {
        format!("<p>{}</p>", text(t.consent_nothing))
    } else {
        let rows: String = released
            .iter()
            .map(|(claim, value)| {
                let value = value
                    .as_str()
                    .map_or_else(|| value.to_string(), str::to_owned);
                format!(
                    "<dt>{label}</dt><dd id=\"claim-{claim}\">{value}</dd>",
                    label = text(claim_label(lang, claim)),
                    claim = attr(claim),
                    value = text(&value),
                )
            })
            .collect();
        format!("<p>{}</p><dl>{rows}</dl>", text(t.consent_intro))
    };
    let body = format!(
        "<h1>{title}</h1><p><code>{client}</code></p>{data}\
<form method=\"post\" action=\"{action}\"><button class=\"button\" type=\"submit\" id=\"consent-button\">{button}</button></form>",
        title = text(t.consent_title),
        client = text(client_id),
        action = attr(&Provider::interaction_path(uid, "/consent")),
        button = text(t.consent_button),
    );
    layout(lang, t.consent_title, &body)
}

/// FC+'s logout page: oidc-provider's form, which `/js/auto-submit.js` submits as the page
/// loads (the button is there for a browser without scripts, and for scripted test browsers).
pub(crate) fn logout_form(lang: Lang, logout_id: &str) -> Response {
    let t = lang.texts();
    let body = format!(
        "<h1>{title}</h1><form id=\"logout-form\" method=\"post\" action=\"{action}\" data-auto-submit>\
<button class=\"button\" type=\"submit\" id=\"logout-continue-button\">{button}</button></form>\
<script src=\"{script}\" defer></script>",
        title = text(t.logout_title),
        action = attr(&format!(
            "{}/session/end/confirm/{logout_id}",
            crate::web::ISSUER_PATH
        )),
        button = text(t.logout_button),
        script = attr(&format!("{}/js/auto-submit.js", crate::web::ISSUER_PATH)),
    );
    web::html_with_script(StatusCode::OK, layout(lang, t.logout_title, &body))
}
