//! What staff read when something goes wrong: one sentence of what happened and one of what
//! to do next, in French or English, keyed by the stable error code.

use fcplus::{ConfigError, SignInError};
use sandbox::SandboxError;

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    French,
    English,
}

impl Language {
    /// `GUICHET_LANG`, else `LC_ALL`/`LANG`: French when it starts with `fr`.
    pub fn from_env() -> Self {
        let value = ["GUICHET_LANG", "LC_ALL", "LANG"]
            .iter()
            .find_map(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
            .unwrap_or_default();
        if value.to_ascii_lowercase().starts_with("fr") {
            Language::French
        } else {
            Language::English
        }
    }
}

/// What to do next for an error code.
pub fn hint(code: &str, lang: Language) -> &'static str {
    let (fr, en) = match code {
        "access_denied" => (
            "La personne a annulé sur FranceConnect+ : relancez la connexion si elle le souhaite.",
            "The person cancelled at FranceConnect+: start the sign-in again if they wish.",
        ),
        "cancelled" => (
            "Connexion annulée dans l'application : relancez-la quand la personne est prête.",
            "The sign-in was cancelled in the app: start it again when the person is ready.",
        ),
        "browser_closed" => (
            "Le navigateur a été fermé avant la fin de la connexion : relancez-la quand la personne est prête.",
            "The browser was closed before the sign-in finished: start it again when the person is ready.",
        ),
        "timed_out" => (
            "Le navigateur n'est pas revenu à temps : relancez la connexion (ou augmentez --timeout).",
            "The browser did not come back in time: start the sign-in again (or raise --timeout).",
        ),
        "provider_unreachable" => (
            "FranceConnect+ est injoignable : vérifiez la connexion réseau puis réessayez.",
            "FranceConnect+ cannot be reached: check the network connection, then try again.",
        ),
        "provider_invalid" | "provider_error" => (
            "FranceConnect+ a répondu de façon inattendue : réessayez dans quelques minutes ; si cela persiste, contactez le support.",
            "FranceConnect+ answered unexpectedly: try again in a few minutes; if it persists, contact support.",
        ),
        "invalid_scope" => (
            "FranceConnect+ a refusé les données demandées (invalid_scope) : les « scopes » de la configuration (ou de la passerelle) doivent tous figurer dans l'enregistrement du service chez FC+ ; faites-les accorder (voir docs/DEPLOYMENT.md).",
            "FranceConnect+ refused the data asked for (invalid_scope): the configuration's scopes (or the gateway's) must all be in the service's FC+ registration; have them reconciled (see docs/DEPLOYMENT.md).",
        ),
        "session_active" => (
            "Une session est déjà ouverte pour la personne identifiée : terminez-la d'abord (guichet session end), ou relancez avec --end-current pour la terminer, déconnexion FC+ comprise, avant la nouvelle connexion.",
            "A session is kept for the person signed in: end it first (guichet session end), or run again with --end-current to end it, FC+ logout included, before the new sign-in.",
        ),
        "previous_fc_session" => (
            "La session FranceConnect+ de la personne précédente n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis relancez la connexion avec --browser-closed (sinon elle pourrait être reprise).",
            "The previous person's FranceConnect+ session could not be closed: close every browser window, then start the sign-in again with --browser-closed (otherwise it could be reused).",
        ),
        "possible_reuse" => (
            "Cette identité est peut-être la session FranceConnect+ de la personne précédente : rien n'a été conservé. Fermez toutes les fenêtres du navigateur, puis relancez la connexion.",
            "This may be the previous person's FranceConnect+ session: nothing was kept. Close every browser window, then start the sign-in again.",
        ),
        "token_rejected" => (
            "FranceConnect+ a refusé la demande : relancez la connexion ; si cela persiste, faites vérifier l'identifiant et le secret client.",
            "FranceConnect+ refused the request: start the sign-in again; if it persists, have the client id and secret checked.",
        ),
        "verification_failed" => (
            "L'identité reçue n'a pas pu être vérifiée et n'a pas été acceptée : relancez la connexion ; si cela persiste, contactez le support.",
            "The identity received could not be verified and was not accepted: start the sign-in again; if it persists, contact support.",
        ),
        "port_in_use" => (
            "Le port de retour est occupé : fermez l'autre instance de Guichet (ou le programme qui l'utilise) puis réessayez.",
            "The return port is in use: close the other Guichet instance (or the program using it), then try again.",
        ),
        "browser_failed" => (
            "Aucun navigateur n'a pu être ouvert : installez-en un, ou indiquez-le avec --browser.",
            "No browser could be opened: install one, or name it with --browser.",
        ),
        "usage" => (
            "Vérifiez les options de la commande (guichet login --help).",
            "Check the command's options (guichet login --help).",
        ),
        "keyring_unavailable" => (
            "Aucun trousseau de clés n'est disponible : ouvrez une session de bureau (GNOME Keyring, KWallet) puis réessayez ; une borne Linux sans personne peut garder ses clés dans le trousseau du noyau ([vault] store = \"keyutils\"). Rien n'a été enregistré.",
            "No keyring is available: log in to a desktop session (GNOME Keyring, KWallet), then try again; an unattended Linux kiosk can keep its keys in the kernel keyring ([vault] store = \"keyutils\"). Nothing was saved.",
        ),
        "keyring_locked" => (
            "Le trousseau de clés est verrouillé : déverrouillez-le puis réessayez ; une borne Linux sans personne peut garder ses clés dans le trousseau du noyau ([vault] store = \"keyutils\").",
            "The keyring is locked: unlock it, then try again; an unattended Linux kiosk can keep its keys in the kernel keyring ([vault] store = \"keyutils\").",
        ),
        "session_tampered" | "session_unreadable" => (
            "La session enregistrée était altérée ou illisible : elle a été effacée. Reconnectez la personne.",
            "The stored session was altered or unreadable: it has been wiped. Sign the person in again.",
        ),
        "storage_failed" => (
            "Le dossier de données n'est pas accessible en écriture : vérifiez ses droits et l'espace disque.",
            "The data folder cannot be written: check its permissions and free disk space.",
        ),
        "config_invalid" => (
            "Corrigez la configuration indiquée puis relancez (voir README, « Configuration »).",
            "Fix the configuration as described, then run again (see the README, \"Configuration\").",
        ),
        _ => (
            "Réessayez ; si cela persiste, contactez le support avec l'heure de l'erreur.",
            "Try again; if it persists, contact support with the time of the error.",
        ),
    };
    match lang {
        Language::French => fr,
        Language::English => en,
    }
}

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
    pub code: &'static str,
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
            code: "sandbox_failed",
            detail: error_chain(&error),
        }
    }

    /// The vault's own message already says what to do; its technical cause (the keyring's
    /// wording) goes to the debug log for support, not to the person at the counter.
    pub fn from_session(error: &session::SessionError) -> Self {
        tracing::debug!(event = "session_error", code = error.code(), chain = %error_chain(error));
        let detail = match error.code() {
            "keyring_locked" => "the keyring is locked".to_owned(),
            "keyring_unavailable" => "no keyring service answered".to_owned(),
            "session_tampered" | "session_unreadable" => {
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
            code: "browser_closed",
            detail: "no process holds the sign-in's private browser profile any more".into(),
        }
    }

    /// A sign-in in a shared browser while the last session's FC+ session may be alive there.
    pub fn previous_fc_session() -> Self {
        Self {
            code: "previous_fc_session",
            detail: "the last session's FC+ logout did not complete and its FC+ session may still be alive in the browser".into(),
        }
    }

    pub fn usage(detail: &str) -> Self {
        Self {
            code: "usage",
            detail: detail.to_owned(),
        }
    }

    pub fn internal(detail: String) -> Self {
        Self {
            code: "internal",
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
    fn every_code_has_an_actionable_hint_in_both_languages() {
        for code in [
            "access_denied",
            "cancelled",
            "browser_closed",
            "timed_out",
            "provider_unreachable",
            "provider_invalid",
            "provider_error",
            "token_rejected",
            "verification_failed",
            "port_in_use",
            "browser_failed",
            "config_invalid",
            "usage",
            "keyring_unavailable",
            "keyring_locked",
            "session_tampered",
            "storage_failed",
        ] {
            let fr = hint(code, Language::French);
            let en = hint(code, Language::English);
            assert_ne!(fr, en, "{code}: French and English must differ");
            assert_ne!(
                en,
                hint("something_else", Language::English),
                "{code} needs its own hint"
            );
        }
    }

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
