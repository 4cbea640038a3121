//! Single configured values checked as FC+ accepts them: the level, the lifetime, the scopes,
//! the issuer and the redirect URIs.

use std::net::IpAddr;
use std::time::Duration;

use url::Url;

use super::{ConfigError, DEFAULT_SCOPES, DEFAULT_SESSION_LIFETIME, RawSession};
use crate::acr::Acr;

/// The hosts of FranceConnect's own environments. FC+ accepts only `https` redirect URIs
/// (`urlsRequireTld`, FC's `libs/common/src/validators/is-url-required-tld-from-config.ts`),
/// so a loopback redirect never comes back from them: direct mode there is refused.
const FRANCECONNECT_DOMAINS: &[&str] = &["franceconnect.gouv.fr", "dev-franceconnect.fr"];

/// The configured level, `eidas3` when absent.
pub fn validate_acr(text: Option<&str>) -> Result<Acr, ConfigError> {
    match text {
        None => Ok(Acr::Eidas3),
        Some(text) => text.parse().map_err(|reason| ConfigError::Invalid {
            key: "provider.acr",
            reason,
        }),
    }
}

/// `[session] lifetime_secs`, or [`DEFAULT_SESSION_LIFETIME`].
pub fn session_lifetime(raw: Option<&RawSession>) -> Duration {
    raw.and_then(|s| s.lifetime_secs)
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_SESSION_LIFETIME)
}

/// Scopes as configured, or the defaults; `openid` must be among them.
pub fn validate_scopes(scopes: Option<Vec<String>>) -> Result<Vec<String>, ConfigError> {
    let scopes = scopes.unwrap_or_else(|| DEFAULT_SCOPES.iter().map(|s| s.to_string()).collect());
    if !scopes.iter().any(|s| s == "openid") {
        return Err(ConfigError::Invalid {
            key: "provider.scopes",
            reason: "must contain `openid`".into(),
        });
    }
    Ok(scopes)
}

/// Refuses FranceConnect's own hosts as the issuer of the app's direct mode: FC+ refuses the
/// app's loopback redirect with page `Y030007` (FC's cypress `api-authorize-localhost.feature`,
/// "localhost refusé en integ pour FC+"), so the sign-in would only end at its timeout.
pub fn refuse_franceconnect_issuer(issuer: &Url) -> Result<(), ConfigError> {
    let host = issuer.host_str().unwrap_or_default().to_ascii_lowercase();
    let host = host.trim_end_matches('.');
    let is_franceconnect = FRANCECONNECT_DOMAINS
        .iter()
        .any(|domain| host == *domain || host.ends_with(&format!(".{domain}")));
    if is_franceconnect {
        return Err(ConfigError::FranceConnectNeedsGateway {
            issuer: issuer.to_string(),
        });
    }
    Ok(())
}

/// An issuer is HTTPS, or plain HTTP only on a loopback address (the local sandbox).
pub fn validate_issuer(text: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(text).map_err(|e| ConfigError::Invalid {
        key: "provider.issuer",
        reason: e.to_string(),
    })?;
    match url.scheme() {
        "https" => Ok(url),
        "http" if is_loopback_host(&url) => Ok(url),
        "http" => Err(ConfigError::Invalid {
            key: "provider.issuer",
            reason: "plain http is only allowed on a loopback address; use https".into(),
        }),
        other => Err(ConfigError::Invalid {
            key: "provider.issuer",
            reason: format!("unsupported scheme `{other}`"),
        }),
    }
}

/// A redirect URI the app can catch itself: `http://` on a loopback IP with an explicit port.
pub fn validate_redirect(key: &'static str, text: &str) -> Result<Url, ConfigError> {
    let url = Url::parse(text).map_err(|e| ConfigError::Invalid {
        key,
        reason: e.to_string(),
    })?;
    let invalid = |reason: &str| ConfigError::Invalid {
        key,
        reason: reason.to_owned(),
    };
    if url.scheme() != "http" {
        return Err(invalid(
            "the app catches the redirect itself: use http://127.0.0.1:PORT/path (an https redirect needs the gateway)",
        ));
    }
    match url.host() {
        Some(url::Host::Ipv4(ip)) if ip.is_loopback() => {}
        Some(url::Host::Ipv6(ip)) if ip.is_loopback() => {}
        _ => {
            return Err(invalid(
                "the host must be a loopback IP address such as 127.0.0.1 (not localhost)",
            ));
        }
    }
    if url.port().is_none() {
        return Err(invalid(
            "the port must be written out: FC+ matches it exactly",
        ));
    }
    Ok(url)
}

fn is_loopback_host(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}
