//! Every sentence and label a person reads from Guichet, in French and English: the window's
//! screens (the UI gets them as `ui/src/words.generated.ts`, written from here and checked by
//! a test), the command line's lines, the pages the browser shows at the end of a sign-in and
//! the gateway's error pages. The error codes' advice is beside it ([`crate::hint`],
//! [`crate::window_hint`]). A `{name}` in a text is a placeholder ([`Word::fill`]); both
//! languages have the same ones (a test checks it).

use crate::Language;

macro_rules! words {
    (
        screens { $( $(#[$sdoc:meta])* $screen:ident => $sfr:literal, $sen:literal; )* }
        others { $( $(#[$odoc:meta])* $other:ident => $ofr:literal, $oen:literal; )* }
    ) => {
        /// One text of the catalogue.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum Word {
            $( $(#[$sdoc])* $screen, )*
            $( $(#[$odoc])* $other, )*
        }

        impl Word {
            /// Every word, in the catalogue's order.
            pub const ALL: &[Word] = &[$( Word::$screen, )* $( Word::$other, )*];

            /// The window's screens' words, which the UI gets (`ui/src/words.generated.ts`).
            pub const SCREENS: &[Word] = &[$( Word::$screen, )*];

            /// The text in `lang`, placeholders unfilled.
            pub fn text(self, lang: Language) -> &'static str {
                match (self, lang) {
                    $(
                        (Word::$screen, Language::French) => $sfr,
                        (Word::$screen, Language::English) => $sen,
                    )*
                    $(
                        (Word::$other, Language::French) => $ofr,
                        (Word::$other, Language::English) => $oen,
                    )*
                }
            }

            /// Its name in the catalogue (`HomeTitle`; the UI's key is `homeTitle`).
            pub fn name(self) -> &'static str {
                match self {
                    $( Word::$screen => stringify!($screen), )*
                    $( Word::$other => stringify!($other), )*
                }
            }
        }
    };
}

impl Word {
    /// The text in `lang` with each `{name}` replaced by its value.
    ///
    /// # Panics
    /// In debug builds, when a value has no placeholder in the text (a test fills every word).
    pub fn fill(self, lang: Language, values: &[(&str, &str)]) -> String {
        let mut text = self.text(lang).to_owned();
        for (name, value) in values {
            let placeholder = format!("{{{name}}}");
            debug_assert!(text.contains(&placeholder), "{self:?} has no {placeholder}");
            text = text.replace(&placeholder, value);
        }
        text
    }

    /// The placeholders of its text in `lang`, in order (`["level"]`).
    pub fn placeholders(self, lang: Language) -> Vec<&'static str> {
        let text = self.text(lang);
        let mut found = Vec::new();
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            let Some(close) = rest[open..].find('}') else {
                break;
            };
            found.push(&rest[open + 1..open + close]);
            rest = &rest[open + close + 1..];
        }
        found
    }
}

words! {
screens {
    // The window's screens (`ui/src/i18n.ts` reads them by their camelCase names).
    AppName => "Guichet",
        "Guichet";
    Tagline => "Identification des usagers avec FranceConnect+",
        "Signing people in with FranceConnect+";
    Republic => "République\nFrançaise",
        "République\nFrançaise";
    LanguageLabel => "Langue",
        "Language";
    /// Each language by its own name, in both.
    LanguageFrench => "Français",
        "Français";
    LanguageEnglish => "English",
        "English";
    Settings => "Réglages",
        "Settings";
    EnvSandbox => "Bac à sable (données fictives)",
        "Sandbox (test data)";
    EnvDirect => "Mode direct (fournisseur de test acceptant une redirection locale, pas FC+)",
        "Direct mode (a test provider that accepts loopback redirects, not FC+)";
    EnvGateway => "Passerelle Guichet de la structure",
        "The office's Guichet gateway";
    Offline => "FranceConnect+ ne répond pas. Vérifiez la connexion réseau : ce message disparaîtra de lui-même dès que le service répondra.",
        "FranceConnect+ is not answering. Check the network connection: this message goes away by itself as soon as the service answers.";
    HomeTitle => "Identifiez-vous",
        "Sign in";
    HomeLead => "Choisissez comment vous identifier. Une page s'ouvrira dans le navigateur.",
        "Choose how to sign in. A page will open in the browser.";
    /// DSFR's FranceConnect+ button, word for word (its `--plus` class draws the "+").
    FcButtonLogin => "S’identifier avec",
        "Sign in with";
    FcButtonBrand => "FranceConnect",
        "FranceConnect";
    /// The information link DSFR puts under the button, and its title (a new window).
    WhatIsFcLink => "Qu’est-ce que FranceConnect+ ?",
        "What is FranceConnect+?";
    WhatIsFcNewWindow => "Qu’est-ce que FranceConnect+ ? - nouvelle fenêtre",
        "What is FranceConnect+? - new window";
    /// The same facts in a panel, at a kiosk (which opens no free browser).
    FcInfoLead => "FranceConnect+ est le service de l’État qui permet de s’identifier auprès d’un service public avec un compte que vous avez déjà chez un fournisseur d’identité numérique reconnu, comme France Identité ou L’Identité Numérique La Poste.",
        "FranceConnect+ is the French State’s service for signing in to a public service with an account you already have at a recognised digital identity provider, such as France Identité or L’Identité Numérique La Poste.";
    FcInfoSecurity => "C’est la version renforcée de FranceConnect : votre identité est vérifiée avec un niveau de sécurité élevé, et vous ne donnez aucun mot de passe à Guichet.",
        "It is the stronger version of FranceConnect: your identity is checked at a high level of security, and you give no password to Guichet.";
    FcInfoData => "Après votre accord, le service reçoit de FranceConnect+ votre identité : noms, prénoms, sexe, date et lieu de naissance.",
        "Once you agree, the service receives your identity from FranceConnect+: names, given names, gender, date and place of birth.";
    FcInfoEidas => "Avec une identité numérique d’un autre pays européen, choisissez plutôt le bouton eIDAS.",
        "With a digital identity from another European country, choose the eIDAS button instead.";
    FcInfoMore => "Pour en savoir plus : franceconnect.gouv.fr/france-connect-plus",
        "To learn more: franceconnect.gouv.fr/france-connect-plus";
    EidasTitle => "Vous avez une identité numérique d'un autre pays européen ?",
        "Do you have a digital identity from another European country?";
    EidasButton => "S'identifier avec une identité d'un autre pays européen (eIDAS)",
        "Sign in with a digital identity from another European country (eIDAS)";
    LevelNote => "Niveau de garantie demandé : {level}.",
        "Level of assurance requested: {level}.";
    LevelEidas2 => "substantiel",
        "substantial";
    LevelEidas3 => "élevé",
        "high";
    WaitingTitle => "Poursuivez dans le navigateur",
        "Continue in the browser";
    WaitingLead => "Choisissez votre compte sur la page FranceConnect+ ouverte dans le navigateur, puis revenez ici.",
        "Choose your account on the FranceConnect+ page open in the browser, then come back here.";
    WaitingLeadEidas => "Choisissez votre pays sur la page ouverte dans le navigateur, puis revenez ici.",
        "Choose your country on the page open in the browser, then come back here.";
    WaitingOpening => "Ouverture du navigateur…",
        "Opening the browser…";
    Countdown => "Temps restant : {time}",
        "Time left: {time}";
    Reopen => "Rouvrir la page",
        "Reopen the page";
    Cancel => "Annuler",
        "Cancel";
    IdentityTitle => "Identité vérifiée",
        "Verified identity";
    IdentityLead => "FranceConnect+ a vérifié cette identité.",
        "FranceConnect+ has verified this identity.";
    FamilyName => "Nom de naissance",
        "Birth name";
    PreferredUsername => "Nom d'usage",
        "Used name";
    GivenName => "Prénoms",
        "Given names";
    Birthdate => "Date de naissance",
        "Date of birth";
    Birthplace => "Lieu de naissance",
        "Place of birth";
    Gender => "Sexe",
        "Gender";
    Birthcountry => "Pays de naissance",
        "Country of birth";
    Level => "Niveau de garantie",
        "Level of assurance";
    Origin => "Origine de l'identité",
        "Origin of the identity";
    OriginFrance => "France",
        "France";
    OriginEidas => "Autre pays de l'Union européenne (eIDAS)",
        "Another EU country (eIDAS)";
    OriginUnknown => "Non précisée",
        "Not stated";
    ExpiresAt => "La session se termine au plus tard à {time}.",
        "The session ends at {time} at the latest.";
    EndSession => "Terminer la session",
        "End session";
    EndingTitle => "Fin de la session…",
        "Ending the session…";
    EndingLead => "Déconnexion de FranceConnect+ et effacement des données de ce poste.",
        "Signing out of FranceConnect+ and wiping this machine's data.";
    Ended => "Session terminée : les données de la personne ont été effacées de ce poste.",
        "Session ended: the person's data has been wiped from this machine.";
    EndedLocalOnly => "Session terminée sur ce poste : ses données sont effacées. FranceConnect+ n'a pas pu être déconnecté : fermez toutes les fenêtres du navigateur avant la personne suivante, sinon sa connexion peut reprendre la session FranceConnect+ de celle-ci.",
        "Session ended on this machine: its data is wiped. FranceConnect+ could not be signed out: close every browser window before the next person, or their sign-in may reuse this person's FranceConnect+ session.";
    EndedBrowserClosed => "Session terminée : les données de ce poste sont effacées. Session FranceConnect+ injoignable (navigateur fermé) : personne ne peut la réutiliser.",
        "Session ended: this machine's data is wiped. FranceConnect+ session unreachable (browser closed): nobody can reuse it.";
    NoticeIdle => "La session a été terminée après une période d'inactivité ; les données ont été effacées.",
        "The session was ended after a period without activity; its data has been wiped.";
    NoticeExpired => "La session avait atteint sa durée maximale ; elle a été terminée et effacée.",
        "The session had reached its maximum length; it has been ended and wiped.";
    NoticeFcNotCleared => "FranceConnect+ n'a pas pu être déconnecté : fermez toutes les fenêtres du navigateur avant la personne suivante, sinon sa connexion peut reprendre la session FranceConnect+ de celle-ci.",
        "FranceConnect+ could not be signed out: close every browser window before the next person, or their sign-in may reuse this person's FranceConnect+ session.";
    ConfirmTitle => "Vérifiez l'identité avec la personne présente",
        "Check the identity with the person in front of you";
    ConfirmLeadFrenchAfterEidas => "Une identité française est revenue alors que la personne a choisi une identité d'un autre pays européen. FranceConnect+ fait cela quand il reprend la session encore ouverte de la personne précédente.",
        "A French identity came back although the person chose an identity from another European country. FranceConnect+ does this when it reuses the previous person's session, still open.";
    ConfirmLeadSameAsPrevious => "C'est la personne de la session précédente, dont la session FranceConnect+ est peut-être encore ouverte dans le navigateur.",
        "This is the person of the previous session, whose FranceConnect+ session may still be open in the browser.";
    ConfirmQuestion => "Cette identité est-elle celle de la personne présente ? Elle n'est pas conservée tant que vous ne l'avez pas confirmé.",
        "Is this the identity of the person in front of you? It is not kept until you confirm.";
    ConfirmKeep => "Oui, c'est elle : garder",
        "Yes, it is theirs: keep";
    ConfirmDiscard => "Non : effacer et déconnecter",
        "No: wipe and sign out";
    Discarded => "Identité effacée, rien n'a été conservé. La session FranceConnect+ a été fermée dans ce navigateur : la personne présente peut s'identifier.",
        "Identity wiped, nothing was kept. The FranceConnect+ session has been closed in this browser: the person in front of you can sign in.";
    DiscardedNotCleared => "Identité effacée, rien n'a été conservé. La session FranceConnect+ n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis appuyez sur « Navigateur fermé ».",
        "Identity wiped, nothing was kept. The FranceConnect+ session could not be closed: close every browser window, then press \"Browser closed\".";
    BrowserClosed => "Navigateur fermé : continuer",
        "Browser closed: continue";
    PinTitleKeep => "Confirmer l'identité",
        "Confirm the identity";
    ErrorTitle => "La connexion n'a pas abouti",
        "The sign-in did not complete";
    BlockingTitle => "Guichet ne peut pas fonctionner pour l'instant",
        "Guichet cannot work for now";
    Retry => "Recommencer",
        "Try again";
    Home => "Retour à l'accueil",
        "Back to the home screen";
    TechnicalDetail => "Détail technique",
        "Technical detail";
    IdleTitle => "Êtes-vous toujours là ?",
        "Are you still there?";
    IdleLead => "Sans action de votre part, la session se terminera dans {seconds} s et vos données seront effacées.",
        "Unless you do something, the session ends in {seconds} s and your data will be wiped.";
    IdleStay => "Je suis toujours là",
        "I'm still here";
    PinTitleSettings => "Code agent",
        "Staff PIN";
    PinTitleQuit => "Fermer Guichet",
        "Close Guichet";
    PinLead => "Saisissez le code agent.",
        "Enter the staff PIN.";
    PinLabel => "Code agent",
        "Staff PIN";
    PinSubmit => "Valider",
        "Confirm";
    SettingsTitle => "Réglages",
        "Settings";
    SettingEnv => "Environnement FranceConnect+",
        "FranceConnect+ environment";
    SettingEnvHint => "FC+ ne se joint que par la passerelle de la structure. Le mode direct et la passerelle demandent la section [provider] du fichier de configuration.",
        "FC+ is reached only through the office's gateway. Direct mode and the gateway need the [provider] section of the configuration file.";
    SettingAcr => "Niveau de garantie demandé",
        "Level of assurance requested";
    SettingIdle => "Fin automatique après inactivité (secondes, 30 à 3600)",
        "Automatic end after inactivity (seconds, 30 to 3600)";
    SettingBrowser => "Navigateur",
        "Browser";
    BrowserSystem => "Navigateur du système",
        "The system's browser";
    BrowserPrivate => "Fenêtre privée effacée à chaque fin de session (recommandé en borne)",
        "A private window wiped at each end of session (recommended for kiosks)";
    SettingKiosk => "Mode borne (plein écran, fermeture avec le code agent)",
        "Kiosk mode (full screen, closed with the staff PIN)";
    Save => "Enregistrer",
        "Save";
    Close => "Fermer",
        "Close";
    Saved => "Réglages enregistrés.",
        "Settings saved.";
    OfflineError => "Ce poste est hors ligne : FranceConnect+ ne répond pas. Rétablissez la connexion réseau ; le bandeau disparaîtra de lui-même, puis recommencez.",
        "This machine is offline: FranceConnect+ is not answering. Restore the network connection; the banner goes away by itself, then start again.";

    // The footer and its two notices (RGAA's accessibility statement; what happens to the
    // person's data). `{operator}` and `{contact}` come from `[operator]`.
    FooterOperator => "Service proposé par {operator}",
        "Service provided by {operator}";
    FooterAccessibility => "Accessibilité : {status}",
        "Accessibility: {status}";
    ComplianceNone => "non conforme",
        "not compliant";
    CompliancePartial => "partiellement conforme",
        "partially compliant";
    ComplianceFull => "totalement conforme",
        "fully compliant";
    OperatorUnnamed => "le service qui vous accueille",
        "the service that receives you";
    ContactDesk => "l’accueil de ce lieu",
        "the reception desk here";
    Back => "Retour",
        "Back";
    AccessibilityTitle => "Déclaration d’accessibilité",
        "Accessibility statement";
    AccessibilityCommitment => "{operator} s’engage à rendre ses services accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.",
        "{operator} is committed to making its services accessible, under article 47 of French law no. 2005-102 of 11 February 2005.";
    AccessibilityStatus => "Guichet est {status} avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.",
        "Guichet is {status} with the French accessibility framework (RGAA), version 4.1.";
    AccessibilityChecks => "Chaque écran est vérifié en français et en anglais par axe-core (règles WCAG 2.1 A et AA) dans la fenêtre même, et une connexion se fait entièrement au clavier. Ces vérifications automatiques ne remplacent pas un audit.",
        "Every screen is checked in French and English by axe-core (WCAG 2.1 A and AA rules) inside the window itself, and a sign-in can be done with the keyboard alone. These automatic checks do not replace an audit.";
    AccessibilityContact => "Si vous ne pouvez pas utiliser Guichet, adressez-vous à {contact} : on vous proposera une autre façon de faire votre démarche.",
        "If you cannot use Guichet, ask {contact}: you will be offered another way to carry out your request.";
    AccessibilityRemedy => "Si vous n’obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits (defenseurdesdroits.fr).",
        "If you do not get a satisfactory answer, you can refer the matter to the Défenseur des droits (defenseurdesdroits.fr).";
    DataTitle => "Données personnelles",
        "Personal data";
    DataShown => "Guichet affiche l’identité que FranceConnect+ a vérifiée (noms, prénoms, sexe, date et lieu de naissance) pour que l’agent la vérifie avec vous. Il ne demande rien d’autre.",
        "Guichet shows the identity FranceConnect+ verified (names, given names, gender, date and place of birth) so that the member of staff can check it with you. It asks for nothing else.";
    DataKept => "Pendant la session, cette identité est conservée chiffrée sur ce poste ; la clé de chiffrement est gardée dans le trousseau du système, à part.",
        "During the session, this identity is kept encrypted on this machine; the encryption key is kept apart, in the system’s keyring.";
    DataWiped => "Elle est effacée de ce poste quand la session se termine : par l’agent, après {seconds} s sans activité, ou à la durée maximale de la session. Le navigateur privé utilisé pour la connexion est effacé aussi, et vous êtes déconnecté de FranceConnect+.",
        "It is wiped from this machine when the session ends: by the member of staff, after {seconds} s without activity, or at the session’s maximum length. The private browser used for the sign-in is wiped too, and you are signed out of FranceConnect+.";
    DataAudit => "Le journal du poste garde seulement l’heure et l’issue de chaque connexion, et une empreinte salée de l’identifiant FranceConnect+ qui ne permet pas de vous retrouver : ni nom, ni date de naissance.",
        "The machine’s log keeps only the time and the outcome of each sign-in, and a salted hash of the FranceConnect+ identifier that cannot lead back to you: no name, no date of birth.";
    DataContact => "Pour toute question sur vos données, adressez-vous à {contact} ({operator}).",
        "For any question about your data, ask {contact} ({operator}).";
}
others {
    // The identity as the command line prints it (its labels are the window's, above).
    Email => "Courriel",
        "Email";
    SessionEnds => "Fin de session",
        "Session ends";
    BirthdateDayUnknown => "{month}/{year}, jour inconnu",
        "{month}/{year}, day unknown";
    BirthdateDayAndMonthUnknown => "{year}, jour et mois inconnus",
        "{year}, day and month unknown";
    GenderMale => "Masculin",
        "Male";
    GenderFemale => "Féminin",
        "Female";
    GenderUnspecified => "Non précisé",
        "Unspecified";
    BirthplaceDeclared => "{place} (déclaré par l'autre pays)",
        "{place} (as declared by the other country)";
    CommuneToday => "{then}, aujourd'hui {now} ({code})",
        "{then}, today {now} ({code})";
    FormerCommuneToday => "ancienne commune, aujourd'hui {now} ({code})",
        "former commune, today {now} ({code})";
    UnknownCode => "{code} (code inconnu)",
        "{code} (unknown code)";

    // The end of a session, as the command line reports it.
    EndExpired => "La session avait expiré (durée maximale atteinte) : elle est terminée.",
        "The session had expired (maximum length reached): it is ended.";
    EndNoSession => "Aucune session à terminer ; les données locales ont été vérifiées et effacées.",
        "No session to end; local data was checked and wiped.";
    EndLoggedOut => "Session terminée : déconnecté de FranceConnect+, données locales effacées.",
        "Session ended: signed out of FranceConnect+, local data wiped.";
    EndBrowserClosed => "Session terminée : données locales et profil de navigateur privé effacés. La session FranceConnect+ est injoignable (le navigateur privé avait été fermé, et son cookie FC+ avec lui) : personne ne peut la réutiliser, mais aucune déconnexion FC+ n'a eu lieu.",
        "Session ended: local data and private browser profile wiped. The FranceConnect+ session is unreachable (the private browser had been closed, and its FC+ cookie with it): nobody can reuse it, but no FC+ sign-out took place.";
    EndProfileDeleted => "Session terminée : données locales effacées. Le navigateur privé avait été fermé et son profil effacé dès l'identité vérifiée, avec le cookie de la session FranceConnect+ : personne ne peut la réutiliser.",
        "Session ended: local data wiped. The private browser had been closed and its profile deleted as soon as the identity was verified, with the FranceConnect+ session's cookie: nobody can reuse it.";
    EndFcExpired => "Session terminée : données locales effacées. La session FranceConnect+ avait déjà expiré d'elle-même (600 s) : personne ne peut la réutiliser.",
        "Session ended: local data wiped. The FranceConnect+ session had already expired by itself (600 s): nobody can reuse it.";
    EndSandboxStopped => "Session terminée : données locales effacées (la session du bac à sable FC+ s'est arrêtée avec lui).",
        "Session ended: local data wiped (the FC+ sandbox's session stopped with it).";
    EndIncomplete => "Session terminée sur ce poste : données locales et profil de navigateur effacés. La déconnexion de FranceConnect+ n'a pas pu se faire ({why}) : fermez toutes les fenêtres du navigateur avant la personne suivante, sinon sa connexion peut reprendre la session FranceConnect+ de celle-ci.",
        "Session ended on this machine: local data and browser profile wiped. The FranceConnect+ logout could not be done ({why}): close every browser window before the next person, or their sign-in may reuse this person's FranceConnect+ session.";

    // What the window refuses, beyond its codes' hints.
    NoIdentityToCheck => "Aucune identité à vérifier : revenez à l'accueil.",
        "No identity to check: go back to the home screen.";
    SomeoneSignedIn => "Une personne est déjà connectée : terminez sa session d'abord.",
        "Someone is already signed in: end their session first.";
    EndSessionBeforeSettings => "Terminez la session en cours avant de changer les réglages.",
        "End the current session before changing the settings.";
    IdleTimeoutRange => "Le délai d'inactivité doit être compris entre {min} et {max} secondes.",
        "The idle timeout must be between {min} and {max} seconds.";

    // The command line's own lines.
    FailureLine => "{hint} (détail : {detail})",
        "{detail}. {hint}";
    ConfigFiles => "# Fichiers lus, du moins prioritaire au plus prioritaire :",
        "# Files read, lowest priority first:";
    ConfigNoFile => "aucun : les valeurs par défaut",
        "none: the defaults";
    ConfigHidden => "\"(défini, non affiché)\"",
        "\"(set, not shown)\"";
    ConfigSaved => "# Choix de l’écran des réglages ({path}), prioritaires sur les fichiers :",
        "# The settings screen's choices ({path}), over the files:";
    ConfigEnvironment => "# Environnement : {env}",
        "# Environment: {env}";
    ConfigNoSandbox => "# Cette version de Guichet n'a pas de bac à sable : indiquez le fournisseur du bureau dans [provider] (/etc/guichet/guichet.toml, voir man guichet).",
        "# This build of Guichet has no sandbox: name the office's provider in [provider] (/etc/guichet/guichet.toml, see man guichet).";
    NobodySignedIn => "Personne n'est connecté.",
        "Nobody is signed in.";
    IdleWarning => "La session se termine dans {seconds} s : appuyez sur Entrée pour la garder.",
        "The session ends in {seconds} s: press Enter to keep it.";
    WaitingForBrowser => "FranceConnect+ est ouvert dans le navigateur. En attente du retour (au plus {timeout} s ; Ctrl-C pour annuler)…",
        "FranceConnect+ is open in the browser. Waiting for it to come back (up to {timeout} s; Ctrl-C to cancel)…";
    ReuseWarning => "Attention : cette identité est peut-être la session FranceConnect+ de la personne précédente ({why}). Vérifiez-la avec la personne présente :",
        "Warning: this may be the previous person's FranceConnect+ session ({why}). Check it with the person in front of you:";
    ReuseWhyFrenchAfterEidas => "une identité française est revenue après le bouton eIDAS",
        "a French identity came back after the eIDAS button";
    ReuseWhySameAsPrevious => "c'est la personne de la session précédente",
        "it is the person of the previous session";
    KeepQuestion => "Est-ce bien la personne présente ? Garder cette identité [o/N] : ",
        "Is this the person in front of you? Keep this identity [y/N]: ";
    DiscardedStartAgain => "Sa session FranceConnect+ a été fermée dans ce navigateur : relancez la connexion pour la personne présente.",
        "Its FranceConnect+ session has been closed in this browser: start the sign-in again for the person in front of you.";
    DiscardedCloseBrowser => "Sa session FranceConnect+ n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis relancez la connexion avec --browser-closed.",
        "Its FranceConnect+ session could not be closed: close every browser window, then start the sign-in again with --browser-closed.";
    NoDisplay => "guichet : aucun écran n'est disponible (ni DISPLAY ni WAYLAND_DISPLAY) pour ouvrir la fenêtre. Sur cette machine, utilisez la ligne de commande : `guichet login` (voir `guichet --help`).",
        "guichet: there is no display (neither DISPLAY nor WAYLAND_DISPLAY) to open the window on. On this machine, use the command line: `guichet login` (see `guichet --help`).";

    // The pages the browser shows at the end of a sign-in or a logout (fcplus's loopback
    // listener) and the gateway's error pages.
    PageSignedIn => "Identité vérifiée",
        "Identity verified";
    PageSignedInText => "Votre identité a été vérifiée. Regardez l'écran de Guichet : elle y est affichée. Vous pouvez fermer cet onglet.",
        "Your identity has been verified. Look at the Guichet screen: it is shown there. You can close this tab.";
    PageHeld => "Identité à confirmer",
        "Identity to be confirmed";
    PageHeldText => "Votre identité a été vérifiée ; un agent doit la confirmer avec vous. Regardez l'écran de Guichet.",
        "Your identity has been verified; a member of staff must confirm it with you. Look at the Guichet screen.";
    PageLoggedOut => "Déconnecté de FranceConnect+",
        "Signed out of FranceConnect+";
    PageLoggedOutText => "Vous êtes déconnecté de FranceConnect+. Vous pouvez fermer cet onglet.",
        "You are signed out of FranceConnect+. You can close this tab.";
    PageCancelled => "Connexion annulée",
        "Sign-in cancelled";
    PageCancelledText => "La connexion a été annulée et rien n'a été enregistré. Regardez l'écran de Guichet pour recommencer.",
        "The sign-in was cancelled and nothing was kept. Look at the Guichet screen to start again.";
    PageFailed => "Connexion non aboutie",
        "Sign-in failed";
    PageFailedText => "La connexion n'a pas abouti et rien n'a été enregistré. Regardez l'écran de Guichet : il indique quoi faire.",
        "The sign-in did not succeed and nothing was kept. Look at the Guichet screen: it says what to do next.";
    PageNotFound => "Page introuvable",
        "Page not found";
    PageNotFoundText => "Page introuvable.",
        "Page not found.";
    PageUnexpected => "Lien inattendu",
        "Unexpected link";
    PageUnexpectedText => "Ce lien n'est pas attendu par l'application Guichet.",
        "This link is not expected by the Guichet application.";
    GatewayUnknownClient => "Ce poste n'est pas enregistré auprès de la passerelle Guichet. Demandez à l'administrateur d'ajouter son identifiant (client_id) à la configuration.",
        "This kiosk is not registered at the Guichet gateway. Ask the administrator to add its client_id to the configuration.";
    GatewayInvalidRedirect => "L'adresse de retour doit être http://127.0.0.1:PORT/… ou http://[::1]:PORT/… sur le poste. Vérifiez la configuration du poste.",
        "The return address must be http://127.0.0.1:PORT/… or http://[::1]:PORT/… on the kiosk. Check the kiosk's configuration.";
    GatewayInvalidRequest => "Cette demande de connexion est incomplète ou répète un paramètre. Recommencez depuis le poste.",
        "This sign-in request is incomplete or repeats a parameter. Start again from the kiosk.";
    GatewayUnknownSignIn => "Cette connexion est inconnue, déjà terminée ou a expiré (10 minutes). Revenez au poste et recommencez.",
        "This sign-in is unknown, already finished or expired (10 minutes). Go back to the kiosk and start again.";
    GatewayStoreUnavailable => "La passerelle Guichet ne peut pas enregistrer la connexion pour le moment. Réessayez dans une minute ; si cela dure, prévenez l'administrateur.",
        "The Guichet gateway cannot record the sign-in right now. Try again in a minute; if it lasts, tell the administrator.";
}
}
