//! Request parameters (query or form): each name at most once (RFC 6749 §3.1), and the
//! checks shared by the endpoints (loopback redirect URIs, PKCE values).

use std::collections::HashMap;
use std::net::IpAddr;

use url::Url;

/// Parameters by name; `None` when a name repeats (the request is then refused).
pub fn parse(encoded: &str) -> Option<HashMap<String, String>> {
    let mut params = HashMap::new();
    for (name, value) in url::form_urlencoded::parse(encoded.as_bytes()) {
        if params
            .insert(name.into_owned(), value.into_owned())
            .is_some()
        {
            return None;
        }
    }
    Some(params)
}

/// A kiosk's redirect URI: `http://` on a loopback IP literal with an explicit port (any
/// port, RFC 8252 §7.3), no user info, no fragment. Never `localhost` (RFC 8252 §8.3).
pub fn loopback_redirect(text: &str) -> Option<Url> {
    let url = Url::parse(text).ok()?;
    let loopback = match url.host()? {
        url::Host::Ipv4(ip) => IpAddr::V4(ip).is_loopback(),
        url::Host::Ipv6(ip) => IpAddr::V6(ip).is_loopback(),
        url::Host::Domain(_) => false,
    };
    let clean = url.scheme() == "http"
        && loopback
        && url.port().is_some_and(|p| p != 0)
        && url.username().is_empty()
        && url.password().is_none()
        && url.fragment().is_none();
    clean.then_some(url)
}

/// RFC 7636 §4.1/§4.2: 43 to 128 characters of `[A-Za-z0-9-._~]`.
pub fn pkce_value(text: &str) -> bool {
    (43..=128).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~".contains(&b))
}

/// A bounded printable value (`state`, `nonce`) passed back to the kiosk unchanged.
pub fn opaque(text: &str) -> bool {
    !text.is_empty() && text.len() <= 512 && text.bytes().all(|b| b.is_ascii_graphic())
}

/// `ui_locales`: space-separated language tags such as `fr en`, bounded.
pub fn ui_locales(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b' ')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loopback_ip_literals_with_a_port_are_redirect_uris() {
        for good in [
            "http://127.0.0.1:51789/callback",
            "http://127.0.0.1:1/cb",
            "http://[::1]:8080/callback",
        ] {
            assert!(loopback_redirect(good).is_some(), "{good} refused");
        }
        for bad in [
            "http://localhost:51789/callback",
            "https://127.0.0.1:51789/callback",
            "http://192.168.1.10:51789/callback",
            "http://0.0.0.0:51789/callback",
            "http://127.0.0.1/callback",
            "http://127.0.0.1:0/callback",
            "http://user@127.0.0.1:5/callback",
            "http://127.0.0.1:5/callback#x",
            "https://evil.example/callback",
        ] {
            assert!(loopback_redirect(bad).is_none(), "{bad} accepted");
        }
    }

    #[test]
    fn repeated_parameters_are_refused() {
        assert!(parse("a=1&b=2").is_some());
        assert!(parse("code=1&code=2").is_none());
    }

    #[test]
    fn pkce_values_follow_rfc_7636() {
        assert!(pkce_value(&"a".repeat(43)));
        assert!(!pkce_value(&"a".repeat(42)));
        assert!(!pkce_value(&"a".repeat(129)));
        assert!(!pkce_value(&format!("{}+", "a".repeat(43))));
    }
}
