//! What staff read when something goes wrong: one sentence of what happened and one of what
//! to do next, in French or English, keyed by the stable error code.

use fcplus::{ConfigError, SignInError};

pub use codes::{Code, FC_ERROR_PAGES, Language, SIGN_IN_ERROR_PAGES, fc_error_pages, hint};

/// A failure of a command: a stable code and a sentence without personal data.
#[derive(Debug, Clone)]
pub struct Failure {
    pub code: Code,
    pub detail: String,
}

impl Failure {
    pub fn from_sign_in(error: SignInError) -> Self {
        Self {
            code: error.code(),
            detail: error.to_string(),
        }
    }

    pub fn from_config(error: ConfigError) -> Self {
        Self::from_sign_in(SignInError::Config(error))
    }

    #[cfg(feature = "sandbox")]
    pub fn from_sandbox(error: sandbox::SandboxError) -> Self {
        Self {
            code: Code::SandboxFailed,
            detail: error_chain(&error),
        }
    }

    /// The vault's own message already says what to do; its technical cause (the keyring's
    /// wording) goes to the debug log for support, not to the person at the counter.
    pub fn from_session(error: &session::SessionError) -> Self {
        tracing::debug!(event = "session_error", code = %error.code(), chain = %error_chain(error));
        let detail = match error.code() {
            Code::KeyringLocked => "the keyring is locked".to_owned(),
            Code::KeyringUnavailable => "no keyring service answered".to_owned(),
            Code::SessionTampered | Code::SessionUnreadable => {
                "the stored session failed its integrity check".to_owned()
            }
            _ => error.to_string(),
        };
        Self {
            code: error.code(),
            detail,
        }
    }

    /// The private browser of a sign-in was closed while Guichet waited for FC+'s answer.
    pub fn browser_closed() -> Self {
        Self {
            code: Code::BrowserClosed,
            detail: "no process holds the sign-in's private browser profile any more".into(),
        }
    }

    /// A sign-in in a shared browser while the last session's FC+ session may be alive there.
    pub fn previous_fc_session() -> Self {
        Self {
            code: Code::PreviousFcSession,
            detail: "the last session's FC+ logout did not complete and its FC+ session may still be alive in the browser".into(),
        }
    }

    pub fn usage(detail: &str) -> Self {
        Self {
            code: Code::Usage,
            detail: detail.to_owned(),
        }
    }

    pub fn internal(detail: String) -> Self {
        Self {
            code: Code::Internal,
            detail,
        }
    }

    /// The one line printed on stderr: what to do and what happened, in the reader's
    /// language (technical details stay in English, for support).
    pub fn line(&self, lang: Language) -> String {
        codes::Word::FailureLine.fill(
            lang,
            &[("hint", hint(self.code, lang)), ("detail", &self.detail)],
        )
    }
}

fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}
