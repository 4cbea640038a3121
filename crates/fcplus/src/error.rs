//! The one error type of a sign-in, with a stable code per kind that the CLI, the window and
//! the audit trail branch on, and the loopback listener's error, which it wraps. Messages never
//! carry tokens or personal data.

use crate::config::ConfigError;
use crate::jose::JoseError;
use crate::verify::ClaimError;
use codes::Code;

/// Everything that can stop a sign-in.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SignInError {
    /// The configuration is missing or invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// The provider could not be reached (offline, DNS, refused, timeout, HTTP 5xx).
    #[error("FranceConnect+ could not be reached ({detail})")]
    ProviderUnreachable { detail: String },
    /// The provider answered with a discovery document or JWKS we cannot use.
    #[error("FranceConnect+ sent an invalid configuration ({detail})")]
    InvalidDiscovery { detail: String },
    /// The loopback listener could not start or failed.
    #[error(transparent)]
    Listener(#[from] LoopbackError),
    /// Nobody came back from the browser in time.
    #[error("the sign-in timed out before the browser came back")]
    TimedOut,
    /// Staff or the person cancelled the sign-in in the app.
    #[error("the sign-in was cancelled")]
    Cancelled,
    /// The browser could not be opened.
    #[error("the browser could not be opened ({detail})")]
    Browser { detail: String },
    /// FC+ redirected back with an error (`access_denied` when the person aborted).
    #[error("FranceConnect+ returned the error `{code}`{}", description.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    Provider {
        code: String,
        description: Option<String>,
    },
    /// The redirect carried an `iss` that is not our provider's (RFC 9207 mix-up defence).
    #[error("the redirect came from another issuer than FranceConnect+")]
    CallbackIssuerMismatch,
    /// The token endpoint refused the code or our client authentication.
    #[error("FranceConnect+ refused the token request (HTTP {status}, `{error}`)")]
    TokenRejected { status: u16, error: String },
    /// The token or userinfo response was not what the protocol requires.
    #[error("FranceConnect+ sent an invalid response ({detail})")]
    InvalidResponse { detail: String },
    /// A token could not be decrypted or its signature verified.
    #[error("a token failed verification: {0}")]
    Token(#[from] JoseError),
    /// A token's claims failed a check.
    #[error("a token failed verification: {0}")]
    Claims(#[from] ClaimError),
}

/// Why the loopback listener could not start (re-exported as `loopback::LoopbackError`).
///
/// Here rather than in `loopback`, which returns [`SignInError`]: the listener uses this
/// module, not the other way round.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LoopbackError {
    /// The redirect URI's host is not a loopback IP address.
    #[error(
        "the redirect address {0} is not a loopback address: only 127.0.0.1 or [::1] may be used"
    )]
    NotLoopback(String),
    /// The redirect URI is not `http://IP:PORT/path`.
    #[error("the redirect URI {0} cannot be listened on")]
    Unusable(String),
    /// Another program holds the port.
    #[error("port {port} is already in use by another program")]
    PortInUse { port: u16 },
    /// Any other socket error.
    #[error("cannot listen on the loopback port: {0}")]
    Io(#[from] std::io::Error),
}

impl SignInError {
    /// A stable, short code the UI and the audit trail use (never personal data).
    pub fn code(&self) -> Code {
        match self {
            SignInError::Config(_) => Code::ConfigInvalid,
            SignInError::ProviderUnreachable { .. } => Code::ProviderUnreachable,
            SignInError::InvalidDiscovery { .. } => Code::ProviderInvalid,
            SignInError::Listener(LoopbackError::PortInUse { .. }) => Code::PortInUse,
            SignInError::Listener(_) => Code::ListenerFailed,
            SignInError::TimedOut => Code::TimedOut,
            SignInError::Cancelled => Code::Cancelled,
            SignInError::Browser { .. } => Code::BrowserFailed,
            SignInError::Provider { code, .. } if code == "access_denied" => Code::AccessDenied,
            // The scopes asked are not all in the registration: configuration, not FC+ failing.
            SignInError::Provider { code, .. } if code == "invalid_scope" => Code::InvalidScope,
            SignInError::Provider { .. } => Code::ProviderError,
            SignInError::TokenRejected { .. } => Code::TokenRejected,
            SignInError::CallbackIssuerMismatch
            | SignInError::InvalidResponse { .. }
            | SignInError::Token(_)
            | SignInError::Claims(_) => Code::VerificationFailed,
        }
    }

    pub(crate) fn unreachable(error: reqwest::Error) -> Self {
        // reqwest's Display can include the URL; ours carry no secrets (the code travels in a
        // POST body, never in a URL we fetch), so the kind of failure is enough.
        let detail = if error.is_timeout() {
            "timed out".to_owned()
        } else if error.is_connect() {
            "connection failed".to_owned()
        } else {
            "network error".to_owned()
        };
        SignInError::ProviderUnreachable { detail }
    }
}

/// Text that came from the network, made safe to print: no control characters, bounded.
pub fn printable(text: &str, max: usize) -> String {
    text.chars().filter(|c| !c.is_control()).take(max).collect()
}
