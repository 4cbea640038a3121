//! What staff read when something goes wrong: one sentence of what happened and one of what
//! to do next, in French or English, keyed by the stable error code.

use fcplus::{ConfigError, SignInError};
use sandbox::SandboxError;

pub use codes::{Code, Language, hint};

/// FC+'s error pages that never come back to the app (so the app only sees its wait time
/// out), and what each code means for staff: (code, French, English). Read in FC's
/// `core-fcp-high` (FCPLUS.md lists the paths).
pub const FC_ERROR_PAGES: [(&str, &str, &str); 4] = [
    (
        "Y030007",
        "la demande ne correspond pas à l'enregistrement du service chez FC+ (adresse de retour, niveau, paramètres) : faites vérifier la configuration et l'enregistrement.",
        "the request does not match the service's FC+ registration (return address, level, parameters): have the configuration and the registration checked.",
    ),
    (
        "Y100009",
        "l'enregistrement du service n'accorde pas « amr » : mettez request_amr = false ou demandez ce droit à FC+.",
        "the service's registration does not grant amr: set request_amr = false, or ask FC+ for that right.",
    ),
    (
        "Y020023",
        "eIDAS n'est pas activé pour ce service : demandez-le à FC+, ou utilisez un fournisseur d'identité français.",
        "eIDAS is not enabled for this service: ask FC+ to enable it, or use a French identity provider.",
    ),
    (
        "Y100019",
        "déconnexion sans session FC+ dans ce navigateur (déjà déconnecté, ou navigateur fermé) : les données locales sont effacées quand même.",
        "sign-out without an FC+ session in this browser (already signed out, or the browser was closed): local data is wiped anyway.",
    ),
];

/// What the FC+ error pages of `codes` mean, one line each, under a line that says where to
/// read the code: printed when a wait for the browser times out.
pub fn fc_error_pages(codes: &[&str], lang: Language) -> String {
    let mut text = String::from(match lang {
        Language::French => {
            "Si le navigateur affiche une page d'erreur FranceConnect+, son code indique la cause :"
        }
        Language::English => "If the browser shows a FranceConnect+ error page, its code says why:",
    });
    for (code, fr, en) in FC_ERROR_PAGES
        .iter()
        .filter(|(code, ..)| codes.contains(code))
    {
        let meaning = if lang == Language::French { fr } else { en };
        text.push_str(&format!("\n  {code} : {meaning}"));
    }
    text
}

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

    pub fn from_sandbox(error: SandboxError) -> Self {
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
        match lang {
            Language::English => format!("{}. {}", self.detail, hint(self.code, lang)),
            Language::French => format!("{} (détail : {})", hint(self.code, lang), self.detail),
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fc_error_page_is_explained_in_both_languages() {
        let all: Vec<&str> = FC_ERROR_PAGES.iter().map(|(code, ..)| *code).collect();
        for lang in [Language::French, Language::English] {
            let text = fc_error_pages(&all, lang);
            for code in ["Y030007", "Y100009", "Y020023", "Y100019"] {
                assert!(text.contains(code), "{code} missing: {text}");
            }
            assert_eq!(text.lines().count(), 5);
        }
        let only = fc_error_pages(&["Y100019"], Language::English);
        assert!(
            only.contains("Y100019") && !only.contains("Y030007"),
            "{only}"
        );
    }
}
