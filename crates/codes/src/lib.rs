//! Guichet's stable error codes: one enum from the libraries that fail (`fcplus`, `vault`,
//! `session`, `counter`) to the command line's exit codes and the window's UI, which gets the
//! same set as a TypeScript union (`ui/src/codes.generated.ts`, checked by a test here). Each
//! code says what to do next, in French and English ([`hint`]); both matches are exhaustive, so
//! a new code does not compile until it has its words and its exit code.
//!
//! It is also the one French/English catalogue ([`Word`]): every other sentence and label a
//! person reads, on the window's screens, on the command line, in the browser's end pages and
//! on the gateway's error pages. A test fails when a sentence is written in Rust or TypeScript
//! source outside this crate.
#![forbid(unsafe_code)]

use serde::{Deserialize, Serialize};

pub mod generated;
mod words;
pub use words::Word;

/// A stable error code: short, snake_case on the wire (`"timed_out"`), never personal data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Code {
    // sign-in (fcplus)
    ConfigInvalid,
    ProviderUnreachable,
    ProviderInvalid,
    PortInUse,
    ListenerFailed,
    TimedOut,
    Cancelled,
    BrowserFailed,
    AccessDenied,
    InvalidScope,
    ProviderError,
    TokenRejected,
    VerificationFailed,
    // vault
    KeyringUnavailable,
    KeyringLocked,
    KeyringFailed,
    SessionTampered,
    StorageFailed,
    PayloadTooLarge,
    RandomUnavailable,
    // session
    SessionUnreadable,
    // counter
    SandboxFailed,
    BrowserClosed,
    PreviousFcSession,
    SessionActive,
    PossibleReuse,
    Usage,
    Internal,
    // window
    Busy,
    NoSignIn,
    PinNotConfigured,
    PinLocked,
    PinWrong,
    SettingsClosed,
}

impl Code {
    /// Every code, in declaration order.
    pub const ALL: &[Code] = &[
        Code::ConfigInvalid,
        Code::ProviderUnreachable,
        Code::ProviderInvalid,
        Code::PortInUse,
        Code::ListenerFailed,
        Code::TimedOut,
        Code::Cancelled,
        Code::BrowserFailed,
        Code::AccessDenied,
        Code::InvalidScope,
        Code::ProviderError,
        Code::TokenRejected,
        Code::VerificationFailed,
        Code::KeyringUnavailable,
        Code::KeyringLocked,
        Code::KeyringFailed,
        Code::SessionTampered,
        Code::StorageFailed,
        Code::PayloadTooLarge,
        Code::RandomUnavailable,
        Code::SessionUnreadable,
        Code::SandboxFailed,
        Code::BrowserClosed,
        Code::PreviousFcSession,
        Code::SessionActive,
        Code::PossibleReuse,
        Code::Usage,
        Code::Internal,
        Code::Busy,
        Code::NoSignIn,
        Code::PinNotConfigured,
        Code::PinLocked,
        Code::PinWrong,
        Code::SettingsClosed,
    ];

    /// The code as it travels (serde's spelling).
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ConfigInvalid => "config_invalid",
            Code::ProviderUnreachable => "provider_unreachable",
            Code::ProviderInvalid => "provider_invalid",
            Code::PortInUse => "port_in_use",
            Code::ListenerFailed => "listener_failed",
            Code::TimedOut => "timed_out",
            Code::Cancelled => "cancelled",
            Code::BrowserFailed => "browser_failed",
            Code::AccessDenied => "access_denied",
            Code::InvalidScope => "invalid_scope",
            Code::ProviderError => "provider_error",
            Code::TokenRejected => "token_rejected",
            Code::VerificationFailed => "verification_failed",
            Code::KeyringUnavailable => "keyring_unavailable",
            Code::KeyringLocked => "keyring_locked",
            Code::KeyringFailed => "keyring_failed",
            Code::SessionTampered => "session_tampered",
            Code::StorageFailed => "storage_failed",
            Code::PayloadTooLarge => "payload_too_large",
            Code::RandomUnavailable => "random_unavailable",
            Code::SessionUnreadable => "session_unreadable",
            Code::SandboxFailed => "sandbox_failed",
            Code::BrowserClosed => "browser_closed",
            Code::PreviousFcSession => "previous_fc_session",
            Code::SessionActive => "session_active",
            Code::PossibleReuse => "possible_reuse",
            Code::Usage => "usage",
            Code::Internal => "internal",
            Code::Busy => "busy",
            Code::NoSignIn => "no_sign_in",
            Code::PinNotConfigured => "pin_not_configured",
            Code::PinLocked => "pin_locked",
            Code::PinWrong => "pin_wrong",
            Code::SettingsClosed => "settings_closed",
        }
    }

    /// The command line's exit code for it (the README's table), so scripts can branch without
    /// parsing text.
    pub fn exit_code(self) -> u8 {
        match self {
            Code::Cancelled | Code::AccessDenied | Code::BrowserClosed => 3,
            Code::TimedOut => 4,
            Code::ProviderUnreachable
            | Code::ProviderInvalid
            | Code::ProviderError
            | Code::InvalidScope => 5,
            Code::VerificationFailed | Code::TokenRejected => 6,
            Code::ConfigInvalid
            | Code::Usage
            | Code::PortInUse
            | Code::ListenerFailed
            | Code::BrowserFailed => 7,
            Code::KeyringUnavailable
            | Code::KeyringLocked
            | Code::StorageFailed
            | Code::SessionTampered
            | Code::SessionUnreadable => 8,
            Code::PreviousFcSession => 12,
            Code::SessionActive => 13,
            Code::PossibleReuse => 14,
            Code::KeyringFailed
            | Code::PayloadTooLarge
            | Code::RandomUnavailable
            | Code::SandboxFailed
            | Code::Internal
            | Code::Busy
            | Code::NoSignIn
            | Code::PinNotConfigured
            | Code::PinLocked
            | Code::PinWrong
            | Code::SettingsClosed => 1,
        }
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

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

/// What to do next after `code`, in `lang`.
pub fn hint(code: Code, lang: Language) -> &'static str {
    let (fr, en) = match code {
        Code::AccessDenied => (
            "La personne a annulé sur FranceConnect+ : relancez la connexion si elle le souhaite.",
            "The person cancelled at FranceConnect+: start the sign-in again if they wish.",
        ),
        Code::Cancelled => (
            "Connexion annulée dans l'application : relancez-la quand la personne est prête.",
            "The sign-in was cancelled in the app: start it again when the person is ready.",
        ),
        Code::BrowserClosed => (
            "Le navigateur a été fermé avant la fin de la connexion : relancez-la quand la personne est prête.",
            "The browser was closed before the sign-in finished: start it again when the person is ready.",
        ),
        Code::TimedOut => (
            "Le navigateur n'est pas revenu à temps : relancez la connexion (ou augmentez --timeout).",
            "The browser did not come back in time: start the sign-in again (or raise --timeout).",
        ),
        Code::ProviderUnreachable => (
            "FranceConnect+ est injoignable : vérifiez la connexion réseau puis réessayez.",
            "FranceConnect+ cannot be reached: check the network connection, then try again.",
        ),
        Code::ProviderInvalid | Code::ProviderError => (
            "FranceConnect+ a répondu de façon inattendue : réessayez dans quelques minutes ; si cela persiste, contactez le support.",
            "FranceConnect+ answered unexpectedly: try again in a few minutes; if it persists, contact support.",
        ),
        Code::InvalidScope => (
            "FranceConnect+ a refusé les données demandées (invalid_scope) : les « scopes » de la configuration (ou de la passerelle) doivent tous figurer dans l'enregistrement du service chez FC+ ; faites-les accorder (voir docs/DEPLOYMENT.md).",
            "FranceConnect+ refused the data asked for (invalid_scope): the configuration's scopes (or the gateway's) must all be in the service's FC+ registration; have them reconciled (see docs/DEPLOYMENT.md).",
        ),
        Code::SessionActive => (
            "Une session est déjà ouverte pour la personne identifiée : terminez-la d'abord (guichet session end), ou relancez avec --end-current pour la terminer, déconnexion FC+ comprise, avant la nouvelle connexion.",
            "A session is kept for the person signed in: end it first (guichet session end), or run again with --end-current to end it, FC+ logout included, before the new sign-in.",
        ),
        Code::PreviousFcSession => (
            "La session FranceConnect+ de la personne précédente n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis relancez la connexion avec --browser-closed (sinon elle pourrait être reprise).",
            "The previous person's FranceConnect+ session could not be closed: close every browser window, then start the sign-in again with --browser-closed (otherwise it could be reused).",
        ),
        Code::PossibleReuse => (
            "Cette identité est peut-être la session FranceConnect+ de la personne précédente : rien n'a été conservé. Fermez toutes les fenêtres du navigateur, puis relancez la connexion.",
            "This may be the previous person's FranceConnect+ session: nothing was kept. Close every browser window, then start the sign-in again.",
        ),
        Code::TokenRejected => (
            "FranceConnect+ a refusé la demande : relancez la connexion ; si cela persiste, faites vérifier l'identifiant et le secret client.",
            "FranceConnect+ refused the request: start the sign-in again; if it persists, have the client id and secret checked.",
        ),
        Code::VerificationFailed => (
            "L'identité reçue n'a pas pu être vérifiée et n'a pas été acceptée : relancez la connexion ; si cela persiste, contactez le support.",
            "The identity received could not be verified and was not accepted: start the sign-in again; if it persists, contact support.",
        ),
        Code::PortInUse => (
            "Le port de retour est occupé : fermez l'autre instance de Guichet (ou le programme qui l'utilise) puis réessayez.",
            "The return port is in use: close the other Guichet instance (or the program using it), then try again.",
        ),
        Code::BrowserFailed => (
            "Aucun navigateur n'a pu être ouvert : installez-en un, ou indiquez-le avec --browser.",
            "No browser could be opened: install one, or name it with --browser.",
        ),
        Code::Usage => (
            "Vérifiez les options de la commande (guichet login --help).",
            "Check the command's options (guichet login --help).",
        ),
        Code::KeyringUnavailable => (
            "Aucun trousseau de clés n'est disponible : ouvrez une session de bureau (GNOME Keyring, KWallet) puis réessayez ; une borne Linux sans personne peut garder ses clés dans le trousseau du noyau ([vault] store = \"keyutils\"). Rien n'a été enregistré.",
            "No keyring is available: log in to a desktop session (GNOME Keyring, KWallet), then try again; an unattended Linux kiosk can keep its keys in the kernel keyring ([vault] store = \"keyutils\"). Nothing was saved.",
        ),
        Code::KeyringLocked => (
            "Le trousseau de clés est verrouillé : déverrouillez-le puis réessayez ; une borne Linux sans personne peut garder ses clés dans le trousseau du noyau ([vault] store = \"keyutils\").",
            "The keyring is locked: unlock it, then try again; an unattended Linux kiosk can keep its keys in the kernel keyring ([vault] store = \"keyutils\").",
        ),
        Code::SessionTampered | Code::SessionUnreadable => (
            "La session enregistrée était altérée ou illisible : elle a été effacée. Reconnectez la personne.",
            "The stored session was altered or unreadable: it has been wiped. Sign the person in again.",
        ),
        Code::StorageFailed => (
            "Le dossier de données n'est pas accessible en écriture : vérifiez ses droits et l'espace disque.",
            "The data folder cannot be written: check its permissions and free disk space.",
        ),
        Code::ConfigInvalid => (
            "Corrigez la configuration indiquée puis relancez (voir README, « Configuration »).",
            "Fix the configuration as described, then run again (see the README, \"Configuration\").",
        ),
        Code::ListenerFailed => (
            "Le port de retour n'a pas pu être ouvert : redémarrez Guichet ; si cela persiste, contactez le support.",
            "The return port could not be opened: restart Guichet; if it persists, contact support.",
        ),
        Code::SandboxFailed => (
            "Le bac à sable FC+ intégré n'a pas pu démarrer : redémarrez Guichet ; si cela persiste, contactez le support.",
            "The embedded FC+ sandbox could not start: restart Guichet; if it persists, contact support.",
        ),
        Code::KeyringFailed => (
            "Le trousseau de clés a refusé l'opération : réessayez ; si cela persiste, redémarrez la session de bureau. Rien n'a été enregistré.",
            "The keyring refused the operation: try again; if it persists, restart the desktop session. Nothing was saved.",
        ),
        Code::PayloadTooLarge => (
            "L'identité reçue est trop grande pour être conservée : rien n'a été enregistré ; contactez le support.",
            "The identity received is too large to keep: nothing was saved; contact support.",
        ),
        Code::RandomUnavailable => (
            "Le système ne fournit pas de nombres aléatoires : redémarrez la machine ; rien n'a été enregistré.",
            "The system provides no random numbers: restart the machine; nothing was saved.",
        ),
        Code::Busy => (
            "Une opération est déjà en cours : attendez qu'elle se termine.",
            "Something is already in progress: wait for it to finish.",
        ),
        Code::NoSignIn => (
            "Aucune connexion en cours : revenez à l'accueil.",
            "No sign-in in progress: go back to the home screen.",
        ),
        Code::PinNotConfigured => (
            "Les réglages sont fermés : aucun code agent n'est défini (kiosk.staff_pin dans le fichier de configuration).",
            "Settings are closed: no staff PIN is set (kiosk.staff_pin in the configuration file).",
        ),
        Code::PinLocked => (
            "Trop d'essais : attendez une minute avant de réessayer le code agent.",
            "Too many attempts: wait a minute before trying the staff PIN again.",
        ),
        Code::PinWrong => (
            "Code agent incorrect : réessayez.",
            "Wrong staff PIN: try again.",
        ),
        Code::SettingsClosed => (
            "Les réglages se sont refermés : rouvrez-les avec le code agent.",
            "The settings have closed: open them again with the staff PIN.",
        ),
        Code::Internal => (
            "Réessayez ; si cela persiste, contactez le support avec l'heure de l'erreur.",
            "Try again; if it persists, contact support with the time of the error.",
        ),
    };
    match lang {
        Language::French => fr,
        Language::English => en,
    }
}

/// What to do next after `code`, in `lang`, as the window says it: the same advice as [`hint`]
/// without the command line's options (a person at a counter or a kiosk has buttons, not
/// flags). The UI reads these sentences from `ui/src/codes.generated.ts`, written from here.
pub fn window_hint(code: Code, lang: Language) -> &'static str {
    let (fr, en) = match code {
        Code::AccessDenied => (
            "La personne a annulé sur FranceConnect+. Recommencez si elle le souhaite.",
            "The person cancelled at FranceConnect+. Start again if they wish.",
        ),
        Code::BrowserClosed => (
            "Le navigateur a été fermé avant la fin de la connexion. Recommencez quand la personne est prête.",
            "The browser was closed before the sign-in finished. Start again when the person is ready.",
        ),
        Code::BrowserFailed => (
            "Le navigateur n'a pas pu s'ouvrir. Vérifiez qu'un navigateur est installé, puis recommencez.",
            "The browser could not be opened. Check that a browser is installed, then start again.",
        ),
        Code::Busy => (
            "Une opération est déjà en cours : attendez qu'elle se termine.",
            "Something is already in progress: wait for it to finish.",
        ),
        Code::Cancelled => (
            "Connexion annulée. Recommencez quand la personne est prête.",
            "Sign-in cancelled. Start again when the person is ready.",
        ),
        Code::ConfigInvalid => (
            "La configuration est incorrecte. Faites-la corriger (voir le détail technique), puis relancez Guichet.",
            "The configuration is wrong. Have it fixed (see the technical detail), then restart Guichet.",
        ),
        Code::Internal => (
            "Une erreur inattendue est survenue. Recommencez ; si cela persiste, contactez le support avec l'heure de l'erreur.",
            "Something unexpected happened. Start again; if it persists, contact support with the time of the error.",
        ),
        Code::InvalidScope => (
            "FranceConnect+ a refusé les données demandées : la configuration et l'enregistrement du service chez FC+ ne correspondent pas. Faites-les accorder (voir le détail technique).",
            "FranceConnect+ refused the data asked for: the configuration and the service's FC+ registration do not match. Have them reconciled (see the technical detail).",
        ),
        Code::KeyringLocked => (
            "Le trousseau de clés du poste est verrouillé. Déverrouillez-le (ouvrez la session du poste), puis recommencez. Une borne sans personne peut garder ses clés dans le trousseau du noyau : [vault] store = \"keyutils\".",
            "This machine's keyring is locked. Unlock it (log in to the machine's session), then start again. An unattended kiosk can keep its keys in the kernel keyring: [vault] store = \"keyutils\".",
        ),
        Code::KeyringUnavailable => (
            "Aucun trousseau de clés n'est disponible sur ce poste. Ouvrez une session de bureau, puis recommencez. Une borne sans personne peut garder ses clés dans le trousseau du noyau : [vault] store = \"keyutils\". Rien n'a été enregistré.",
            "No keyring is available on this machine. Log in to a desktop session, then start again. An unattended kiosk can keep its keys in the kernel keyring: [vault] store = \"keyutils\". Nothing was saved.",
        ),
        Code::NoSignIn => (
            "Aucune connexion en cours : revenez à l'accueil.",
            "No sign-in in progress: go back to the home screen.",
        ),
        Code::PinLocked => (
            "Trop d'essais : attendez une minute avant de réessayer.",
            "Too many attempts: wait a minute before trying again.",
        ),
        Code::PinNotConfigured => (
            "Aucun code agent n'est défini : ajoutez kiosk.staff_pin au fichier de configuration.",
            "No staff PIN is set: add kiosk.staff_pin to the configuration file.",
        ),
        Code::PinWrong => (
            "Code agent incorrect : réessayez.",
            "Wrong staff PIN: try again.",
        ),
        Code::PortInUse => (
            "Le port de retour est occupé. Fermez l'autre instance de Guichet, puis recommencez.",
            "The return port is in use. Close the other Guichet instance, then start again.",
        ),
        Code::PossibleReuse => (
            "Cette identité est peut-être la session FranceConnect+ de la personne précédente : vérifiez-la avec la personne présente.",
            "This may be the previous person's FranceConnect+ session: check it with the person in front of you.",
        ),
        Code::PreviousFcSession => (
            "La session FranceConnect+ de la personne précédente n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis appuyez sur « Navigateur fermé : continuer ». Sinon FranceConnect+ pourrait lui redonner l'identité précédente.",
            "The previous person's FranceConnect+ session could not be closed: close every browser window, then press \"Browser closed: continue\". Otherwise FranceConnect+ could hand them the previous identity.",
        ),
        Code::ProviderError => (
            "FranceConnect+ a répondu de façon inattendue. Recommencez dans quelques minutes ; si cela persiste, contactez le support.",
            "FranceConnect+ answered unexpectedly. Start again in a few minutes; if it persists, contact support.",
        ),
        Code::ProviderInvalid => (
            "FranceConnect+ a répondu de façon inattendue. Recommencez dans quelques minutes ; si cela persiste, contactez le support.",
            "FranceConnect+ answered unexpectedly. Start again in a few minutes; if it persists, contact support.",
        ),
        Code::ProviderUnreachable => (
            "FranceConnect+ est injoignable. Vérifiez la connexion réseau, puis recommencez.",
            "FranceConnect+ cannot be reached. Check the network connection, then start again.",
        ),
        Code::SessionActive => (
            "Une session est en cours : terminez-la d'abord.",
            "A session is open: end it first.",
        ),
        Code::SessionTampered => (
            "La session enregistrée était altérée : elle a été effacée. Identifiez la personne à nouveau.",
            "The stored session had been altered: it has been wiped. Sign the person in again.",
        ),
        Code::SettingsClosed => (
            "Les réglages se sont refermés : rouvrez-les avec le code agent.",
            "The settings have closed: open them again with the staff PIN.",
        ),
        Code::StorageFailed => (
            "Les données ne peuvent pas être enregistrées sur ce poste. Vérifiez l'espace disque, puis recommencez.",
            "Data cannot be saved on this machine. Check the free disk space, then start again.",
        ),
        Code::TimedOut => (
            "Le navigateur n'est pas revenu à temps. Recommencez la connexion.",
            "The browser did not come back in time. Start the sign-in again.",
        ),
        Code::TokenRejected => (
            "FranceConnect+ a refusé la demande. Recommencez ; si cela persiste, contactez le support.",
            "FranceConnect+ refused the request. Start again; if it persists, contact support.",
        ),
        Code::Usage => (
            "Réglage incorrect : vérifiez les valeurs saisies.",
            "Wrong setting: check the values entered.",
        ),
        Code::VerificationFailed => (
            "L'identité reçue n'a pas pu être vérifiée : elle n'a pas été acceptée. Recommencez ; si cela persiste, contactez le support.",
            "The identity received could not be verified: it was not accepted. Start again; if it persists, contact support.",
        ),
        // The same words on both surfaces.
        Code::ListenerFailed
        | Code::KeyringFailed
        | Code::PayloadTooLarge
        | Code::RandomUnavailable
        | Code::SandboxFailed
        | Code::SessionUnreadable => return hint(code, lang),
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
    let mut text = String::from(fc_error_pages_intro(lang));
    for (code, fr, en) in FC_ERROR_PAGES
        .iter()
        .filter(|(code, ..)| codes.contains(code))
    {
        let meaning = if lang == Language::French { fr } else { en };
        text.push_str(&format!("\n  {code} : {meaning}"));
    }
    text
}

/// The line above FC+'s error pages' meanings.
pub fn fc_error_pages_intro(lang: Language) -> &'static str {
    match lang {
        Language::French => {
            "Si le navigateur affiche une page d'erreur FranceConnect+, son code indique la cause :"
        }
        Language::English => "If the browser shows a FranceConnect+ error page, its code says why:",
    }
}

/// FC+'s page that says what FranceConnect+ is: DSFR's FranceConnect+ button links to it
/// ("Qu’est-ce que FranceConnect+ ?"). Fixed here; the UI gets it generated.
pub const FC_PLUS_INFO_URL: &str = "https://franceconnect.gouv.fr/france-connect-plus";

/// The pages FC+ may show instead of coming back from a sign-in (the rest is for a logout).
pub const SIGN_IN_ERROR_PAGES: [&str; 3] = ["Y030007", "Y100009", "Y020023"];

#[cfg(test)]
mod tests;
