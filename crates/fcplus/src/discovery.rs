//! OpenID discovery: the provider's endpoints, fetched once and cached for offline starts.

use serde::{Deserialize, Serialize};
use url::Url;

use crate::cache::DocumentCache;
use crate::error::SignInError;

/// The parts of the discovery document Guichet uses.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ProviderMetadata {
    pub issuer: String,
    pub authorization_endpoint: Url,
    pub token_endpoint: Url,
    pub userinfo_endpoint: Url,
    pub jwks_uri: Url,
    #[serde(default)]
    pub end_session_endpoint: Option<Url>,
    #[serde(default)]
    pub authorization_response_iss_parameter_supported: bool,
}

/// Where the metadata came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freshness {
    /// Fetched from the provider just now.
    Fetched,
    /// The provider could not be reached; the cached copy is used.
    Cached,
}

/// Discovery URL: `{issuer}/.well-known/openid-configuration`.
pub fn discovery_url(issuer: &Url) -> Url {
    let mut text = issuer.as_str().trim_end_matches('/').to_owned();
    text.push_str("/.well-known/openid-configuration");
    // The issuer was a valid URL, so appending a path keeps it one.
    Url::parse(&text).unwrap_or_else(|_| issuer.clone())
}

/// Fetches discovery, falling back to the cache when the provider cannot be reached.
pub async fn discover(
    http: &reqwest::Client,
    issuer: &Url,
    cache: Option<&DocumentCache>,
) -> Result<(ProviderMetadata, Freshness), SignInError> {
    let issuer_text = issuer.as_str().trim_end_matches('/');
    match fetch(http, issuer).await {
        Ok((metadata, bytes)) => {
            check_issuer(&metadata, issuer_text)?;
            if let Some(cache) = cache {
                cache.write("discovery", issuer_text, &bytes);
            }
            Ok((metadata, Freshness::Fetched))
        }
        Err(error @ SignInError::ProviderUnreachable { .. }) => {
            let cached = cache
                .and_then(|c| c.read("discovery", issuer_text))
                .and_then(|bytes| serde_json::from_slice::<ProviderMetadata>(&bytes).ok());
            match cached {
                Some(metadata) => {
                    check_issuer(&metadata, issuer_text)?;
                    tracing::info!(event = "discovery_from_cache");
                    Ok((metadata, Freshness::Cached))
                }
                None => Err(error),
            }
        }
        Err(other) => Err(other),
    }
}

async fn fetch(
    http: &reqwest::Client,
    issuer: &Url,
) -> Result<(ProviderMetadata, Vec<u8>), SignInError> {
    let response = http
        .get(discovery_url(issuer))
        .send()
        .await
        .map_err(SignInError::unreachable)?;
    if !response.status().is_success() {
        return Err(SignInError::ProviderUnreachable {
            detail: format!("discovery answered HTTP {}", response.status().as_u16()),
        });
    }
    let bytes = response
        .bytes()
        .await
        .map_err(SignInError::unreachable)?
        .to_vec();
    let metadata = serde_json::from_slice(&bytes).map_err(|e| SignInError::InvalidDiscovery {
        detail: e.to_string(),
    })?;
    Ok((metadata, bytes))
}

/// OpenID Connect Discovery §4.3: the document's issuer must be the one we asked.
fn check_issuer(metadata: &ProviderMetadata, expected: &str) -> Result<(), SignInError> {
    if metadata.issuer.trim_end_matches('/') != expected {
        return Err(SignInError::InvalidDiscovery {
            detail: "the document's issuer is not the configured issuer".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovery_url_appends_well_known_after_the_issuer_path() {
        let issuer = Url::parse("https://auth.integ01.dev-franceconnect.fr/api/v2").unwrap();
        assert_eq!(
            discovery_url(&issuer).as_str(),
            "https://auth.integ01.dev-franceconnect.fr/api/v2/.well-known/openid-configuration"
        );
    }

    #[test]
    fn rejects_a_document_for_another_issuer() {
        let metadata: ProviderMetadata = serde_json::from_value(serde_json::json!({
            "issuer": "https://evil.example/api/v2",
            "authorization_endpoint": "https://evil.example/a",
            "token_endpoint": "https://evil.example/t",
            "userinfo_endpoint": "https://evil.example/u",
            "jwks_uri": "https://evil.example/j",
        }))
        .unwrap();
        assert!(check_issuer(&metadata, "https://auth.example/api/v2").is_err());
    }
}
