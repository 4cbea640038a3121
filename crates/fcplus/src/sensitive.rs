//! Types for secrets and personal data: their `Debug` prints `[redacted]` and they have no
//! `Display`, so logging one by mistake either does not compile or prints nothing useful.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};
use subtle::ConstantTimeEq as _;

/// A value that must never reach a log: a person's data or a credential.
///
/// It does not serialize by itself: the few places that write one out (the vault, `--json`,
/// the gateway) go through `fcplus::identity::Revealed`. It deserializes transparently.
/// `Debug` is redacted and there is deliberately no `Display`.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a value.
    pub fn new(value: T) -> Self {
        Self(value)
    }

    /// The value itself, for the few places that must use it (HTTP bodies, output).
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the value.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    a.as_bytes().ct_eq(b.as_bytes()).into()
}

/// 32 bytes from the operating system's random source, URL-safe base64 (43 characters).
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    // The OS random source failing means the machine cannot do cryptography at all;
    // continuing with predictable values would be worse than stopping.
    getrandom::fill(&mut bytes).expect("the operating system's random source failed");
    URL_SAFE_NO_PAD.encode(bytes)
}

macro_rules! secret_string {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(PartialEq, Eq, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a value received from elsewhere.
            pub fn new(value: impl Into<String>) -> Self {
                Self(value.into())
            }

            /// The secret itself, for the HTTP request or the URL that must carry it.
            pub fn secret(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, concat!(stringify!($name), "([redacted])"))
            }
        }
    };
}

secret_string!(
    /// The OAuth `state` of one sign-in: binds the redirect to the request. Not `Clone`.
    State
);
secret_string!(
    /// The OIDC `nonce` of one sign-in: binds the ID token to the request. Not `Clone`.
    Nonce
);
secret_string!(
    /// The one-time authorization code from the redirect (30 s lifetime at FC+).
    AuthorizationCode
);
secret_string!(
    /// The access token for userinfo (60 s lifetime at FC+).
    AccessToken
);
secret_string!(
    /// The client secret for `client_secret_post`.
    ClientSecret
);
secret_string!(
    /// The decrypted, signed ID token (compact JWS), kept as `id_token_hint` for logout.
    SignedIdToken
);
secret_string!(
    /// The PKCE `code_verifier` of one sign-in (RFC 7636), sent only to the token endpoint.
    /// Not `Clone`: it serves once.
    PkceVerifier
);

impl PkceVerifier {
    /// A fresh verifier: 32 random bytes, URL-safe base64 (43 characters, RFC 7636 §4.1).
    pub fn random() -> Self {
        Self(random_token())
    }

    /// The S256 `code_challenge`: BASE64URL(SHA-256(verifier)).
    pub fn s256_challenge(&self) -> String {
        pkce_s256_challenge(&self.0)
    }
}

/// BASE64URL(SHA-256(`verifier`)) without padding: the S256 challenge of RFC 7636 §4.2.
pub fn pkce_s256_challenge(verifier: &str) -> String {
    use sha2::Digest as _;
    URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(verifier.as_bytes()))
}

impl State {
    /// A fresh random state (32 bytes).
    pub fn random() -> Self {
        Self(random_token())
    }
}

impl Nonce {
    /// A fresh random nonce (32 bytes).
    pub fn random() -> Self {
        Self(random_token())
    }
}

impl Clone for SignedIdToken {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl Clone for ClientSecret {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_the_secret() {
        let state = State::new("canary-state-value");
        let person = Sensitive::new("Canary Name".to_string());
        let printed = format!("{state:?} {person:?}");
        assert!(
            !printed.contains("canary-state-value"),
            "state leaked: {printed}"
        );
        assert!(
            !printed.contains("Canary Name"),
            "personal data leaked: {printed}"
        );
    }

    #[test]
    fn random_tokens_are_long_enough_for_fc_plus_and_distinct() {
        let a = State::random();
        let b = State::random();
        assert!(
            a.secret().len() >= 32,
            "FC+ wants at least 22 characters, we send 43"
        );
        assert_ne!(
            a.secret(),
            b.secret(),
            "two sign-ins must never share a state"
        );
    }

    #[test]
    fn s256_challenge_matches_rfc_7636_appendix_b() {
        let verifier = PkceVerifier::new("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");
        assert_eq!(
            verifier.s256_challenge(),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
            "the challenge must be the RFC's worked example"
        );
        assert!(
            !format!("{verifier:?}").contains("dBjft"),
            "Debug must redact the verifier"
        );
    }

    #[test]
    fn constant_time_eq_compares_whole_values() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }
}
