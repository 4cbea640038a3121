// Generated from crates/codes (Rust's `codes::Word`): do not edit.
// Regenerate with `GUICHET_REGENERATE=1 cargo test -p codes`.

/** The name of a text of the catalogue. */
export type WordName =
  | "appName"
  | "tagline"
  | "republic"
  | "languageLabel"
  | "languageFrench"
  | "languageEnglish"
  | "settings"
  | "envSandbox"
  | "envDirect"
  | "envGateway"
  | "offline"
  | "homeTitle"
  | "homeLead"
  | "fcButtonLogin"
  | "fcButtonBrand"
  | "whatIsFcLink"
  | "whatIsFcNewWindow"
  | "fcInfoLead"
  | "fcInfoSecurity"
  | "fcInfoData"
  | "fcInfoEidas"
  | "fcInfoMore"
  | "eidasTitle"
  | "eidasButton"
  | "levelNote"
  | "levelEidas2"
  | "levelEidas3"
  | "waitingTitle"
  | "waitingLead"
  | "waitingLeadEidas"
  | "waitingOpening"
  | "countdown"
  | "reopen"
  | "cancel"
  | "identityTitle"
  | "identityLead"
  | "familyName"
  | "preferredUsername"
  | "givenName"
  | "birthdate"
  | "birthplace"
  | "gender"
  | "birthcountry"
  | "level"
  | "origin"
  | "originFrance"
  | "originEidas"
  | "originUnknown"
  | "expiresAt"
  | "endSession"
  | "endingTitle"
  | "endingLead"
  | "ended"
  | "endedLocalOnly"
  | "endedBrowserClosed"
  | "noticeIdle"
  | "noticeExpired"
  | "noticeFcNotCleared"
  | "confirmTitle"
  | "confirmLeadFrenchAfterEidas"
  | "confirmLeadSameAsPrevious"
  | "confirmQuestion"
  | "confirmKeep"
  | "confirmDiscard"
  | "discarded"
  | "discardedNotCleared"
  | "browserClosed"
  | "pinTitleKeep"
  | "errorTitle"
  | "blockingTitle"
  | "retry"
  | "home"
  | "technicalDetail"
  | "idleTitle"
  | "idleLead"
  | "idleStay"
  | "pinTitleSettings"
  | "pinTitleQuit"
  | "pinLead"
  | "pinLabel"
  | "pinSubmit"
  | "settingsTitle"
  | "settingEnv"
  | "settingEnvHint"
  | "settingAcr"
  | "settingIdle"
  | "settingBrowser"
  | "browserSystem"
  | "browserPrivate"
  | "settingKiosk"
  | "save"
  | "close"
  | "saved"
  | "offlineError"
  | "footerOperator"
  | "footerAccessibility"
  | "complianceNone"
  | "compliancePartial"
  | "complianceFull"
  | "operatorUnnamed"
  | "contactDesk"
  | "back"
  | "accessibilityTitle"
  | "accessibilityCommitment"
  | "accessibilityStatus"
  | "accessibilityChecks"
  | "accessibilityContact"
  | "accessibilityRemedy"
  | "dataTitle"
  | "dataShown"
  | "dataKept"
  | "dataWiped"
  | "dataAudit"
  | "dataContact";

/** Every text of the window's screens, by language; `{name}` is a placeholder (`fill` in
 * i18n.ts). */
export const WORDS: Record<"fr" | "en", Record<WordName, string>> = {
  fr: {
    appName: "Guichet",
    tagline: "Identification des usagers avec FranceConnect+",
    republic: "République\nFrançaise",
    languageLabel: "Langue",
    languageFrench: "Français",
    languageEnglish: "English",
    settings: "Réglages",
    envSandbox: "Bac à sable (données fictives)",
    envDirect: "Mode direct (fournisseur de test acceptant une redirection locale, pas FC+)",
    envGateway: "Passerelle Guichet de la structure",
    offline: "FranceConnect+ ne répond pas. Vérifiez la connexion réseau : ce message disparaîtra de lui-même dès que le service répondra.",
    homeTitle: "Identifiez-vous",
    homeLead: "Choisissez comment vous identifier. Une page s'ouvrira dans le navigateur.",
    fcButtonLogin: "S’identifier avec",
    fcButtonBrand: "FranceConnect",
    whatIsFcLink: "Qu’est-ce que FranceConnect+ ?",
    whatIsFcNewWindow: "Qu’est-ce que FranceConnect+ ? - nouvelle fenêtre",
    fcInfoLead: "FranceConnect+ est le service de l’État qui permet de s’identifier auprès d’un service public avec un compte que vous avez déjà chez un fournisseur d’identité numérique reconnu, comme France Identité ou L’Identité Numérique La Poste.",
    fcInfoSecurity: "C’est la version renforcée de FranceConnect : votre identité est vérifiée avec un niveau de sécurité élevé, et vous ne donnez aucun mot de passe à Guichet.",
    fcInfoData: "Après votre accord, le service reçoit de FranceConnect+ votre identité : noms, prénoms, sexe, date et lieu de naissance.",
    fcInfoEidas: "Avec une identité numérique d’un autre pays européen, choisissez plutôt le bouton eIDAS.",
    fcInfoMore: "Pour en savoir plus : franceconnect.gouv.fr/france-connect-plus",
    eidasTitle: "Vous avez une identité numérique d'un autre pays européen ?",
    eidasButton: "S'identifier avec une identité d'un autre pays européen (eIDAS)",
    levelNote: "Niveau de garantie demandé : {level}.",
    levelEidas2: "substantiel",
    levelEidas3: "élevé",
    waitingTitle: "Poursuivez dans le navigateur",
    waitingLead: "Choisissez votre compte sur la page FranceConnect+ ouverte dans le navigateur, puis revenez ici.",
    waitingLeadEidas: "Choisissez votre pays sur la page ouverte dans le navigateur, puis revenez ici.",
    waitingOpening: "Ouverture du navigateur…",
    countdown: "Temps restant : {time}",
    reopen: "Rouvrir la page",
    cancel: "Annuler",
    identityTitle: "Identité vérifiée",
    identityLead: "FranceConnect+ a vérifié cette identité.",
    familyName: "Nom de naissance",
    preferredUsername: "Nom d'usage",
    givenName: "Prénoms",
    birthdate: "Date de naissance",
    birthplace: "Lieu de naissance",
    gender: "Sexe",
    birthcountry: "Pays de naissance",
    level: "Niveau de garantie",
    origin: "Origine de l'identité",
    originFrance: "France",
    originEidas: "Autre pays de l'Union européenne (eIDAS)",
    originUnknown: "Non précisée",
    expiresAt: "La session se termine au plus tard à {time}.",
    endSession: "Terminer la session",
    endingTitle: "Fin de la session…",
    endingLead: "Déconnexion de FranceConnect+ et effacement des données de ce poste.",
    ended: "Session terminée : les données de la personne ont été effacées de ce poste.",
    endedLocalOnly: "Session terminée sur ce poste : ses données sont effacées. FranceConnect+ n'a pas pu être déconnecté : fermez toutes les fenêtres du navigateur avant la personne suivante, sinon sa connexion peut reprendre la session FranceConnect+ de celle-ci.",
    endedBrowserClosed: "Session terminée : les données de ce poste sont effacées. Session FranceConnect+ injoignable (navigateur fermé) : personne ne peut la réutiliser.",
    noticeIdle: "La session a été terminée après une période d'inactivité ; les données ont été effacées.",
    noticeExpired: "La session avait atteint sa durée maximale ; elle a été terminée et effacée.",
    noticeFcNotCleared: "FranceConnect+ n'a pas pu être déconnecté : fermez toutes les fenêtres du navigateur avant la personne suivante, sinon sa connexion peut reprendre la session FranceConnect+ de celle-ci.",
    confirmTitle: "Vérifiez l'identité avec la personne présente",
    confirmLeadFrenchAfterEidas: "Une identité française est revenue alors que la personne a choisi une identité d'un autre pays européen. FranceConnect+ fait cela quand il reprend la session encore ouverte de la personne précédente.",
    confirmLeadSameAsPrevious: "C'est la personne de la session précédente, dont la session FranceConnect+ est peut-être encore ouverte dans le navigateur.",
    confirmQuestion: "Cette identité est-elle celle de la personne présente ? Elle n'est pas conservée tant que vous ne l'avez pas confirmé.",
    confirmKeep: "Oui, c'est elle : garder",
    confirmDiscard: "Non : effacer et déconnecter",
    discarded: "Identité effacée, rien n'a été conservé. La session FranceConnect+ a été fermée dans ce navigateur : la personne présente peut s'identifier.",
    discardedNotCleared: "Identité effacée, rien n'a été conservé. La session FranceConnect+ n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis appuyez sur « Navigateur fermé ».",
    browserClosed: "Navigateur fermé : continuer",
    pinTitleKeep: "Confirmer l'identité",
    errorTitle: "La connexion n'a pas abouti",
    blockingTitle: "Guichet ne peut pas fonctionner pour l'instant",
    retry: "Recommencer",
    home: "Retour à l'accueil",
    technicalDetail: "Détail technique",
    idleTitle: "Êtes-vous toujours là ?",
    idleLead: "Sans action de votre part, la session se terminera dans {seconds} s et vos données seront effacées.",
    idleStay: "Je suis toujours là",
    pinTitleSettings: "Code agent",
    pinTitleQuit: "Fermer Guichet",
    pinLead: "Saisissez le code agent.",
    pinLabel: "Code agent",
    pinSubmit: "Valider",
    settingsTitle: "Réglages",
    settingEnv: "Environnement FranceConnect+",
    settingEnvHint: "FC+ ne se joint que par la passerelle de la structure. Le mode direct et la passerelle demandent la section [provider] du fichier de configuration.",
    settingAcr: "Niveau de garantie demandé",
    settingIdle: "Fin automatique après inactivité (secondes, 30 à 3600)",
    settingBrowser: "Navigateur",
    browserSystem: "Navigateur du système",
    browserPrivate: "Fenêtre privée effacée à chaque fin de session (recommandé en borne)",
    settingKiosk: "Mode borne (plein écran, fermeture avec le code agent)",
    save: "Enregistrer",
    close: "Fermer",
    saved: "Réglages enregistrés.",
    offlineError: "Ce poste est hors ligne : FranceConnect+ ne répond pas. Rétablissez la connexion réseau ; le bandeau disparaîtra de lui-même, puis recommencez.",
    footerOperator: "Service proposé par {operator}",
    footerAccessibility: "Accessibilité : {status}",
    complianceNone: "non conforme",
    compliancePartial: "partiellement conforme",
    complianceFull: "totalement conforme",
    operatorUnnamed: "le service qui vous accueille",
    contactDesk: "l’accueil de ce lieu",
    back: "Retour",
    accessibilityTitle: "Déclaration d’accessibilité",
    accessibilityCommitment: "{operator} s’engage à rendre ses services accessibles, conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.",
    accessibilityStatus: "Guichet est {status} avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.",
    accessibilityChecks: "Chaque écran est vérifié en français et en anglais par axe-core (règles WCAG 2.1 A et AA) dans la fenêtre même, et une connexion se fait entièrement au clavier. Ces vérifications automatiques ne remplacent pas un audit.",
    accessibilityContact: "Si vous ne pouvez pas utiliser Guichet, adressez-vous à {contact} : on vous proposera une autre façon de faire votre démarche.",
    accessibilityRemedy: "Si vous n’obtenez pas de réponse satisfaisante, vous pouvez saisir le Défenseur des droits (defenseurdesdroits.fr).",
    dataTitle: "Données personnelles",
    dataShown: "Guichet affiche l’identité que FranceConnect+ a vérifiée (noms, prénoms, sexe, date et lieu de naissance) pour que l’agent la vérifie avec vous. Il ne demande rien d’autre.",
    dataKept: "Pendant la session, cette identité est conservée chiffrée sur ce poste ; la clé de chiffrement est gardée dans le trousseau du système, à part.",
    dataWiped: "Elle est effacée de ce poste quand la session se termine : par l’agent, après {seconds} s sans activité, ou à la durée maximale de la session. Le navigateur privé utilisé pour la connexion est effacé aussi, et vous êtes déconnecté de FranceConnect+.",
    dataAudit: "Le journal du poste garde seulement l’heure et l’issue de chaque connexion, et une empreinte salée de l’identifiant FranceConnect+ qui ne permet pas de vous retrouver : ni nom, ni date de naissance.",
    dataContact: "Pour toute question sur vos données, adressez-vous à {contact} ({operator}).",
  },
  en: {
    appName: "Guichet",
    tagline: "Signing people in with FranceConnect+",
    republic: "République\nFrançaise",
    languageLabel: "Language",
    languageFrench: "Français",
    languageEnglish: "English",
    settings: "Settings",
    envSandbox: "Sandbox (test data)",
    envDirect: "Direct mode (a test provider that accepts loopback redirects, not FC+)",
    envGateway: "The office's Guichet gateway",
    offline: "FranceConnect+ is not answering. Check the network connection: this message goes away by itself as soon as the service answers.",
    homeTitle: "Sign in",
    homeLead: "Choose how to sign in. A page will open in the browser.",
    fcButtonLogin: "Sign in with",
    fcButtonBrand: "FranceConnect",
    whatIsFcLink: "What is FranceConnect+?",
    whatIsFcNewWindow: "What is FranceConnect+? - new window",
    fcInfoLead: "FranceConnect+ is the French State’s service for signing in to a public service with an account you already have at a recognised digital identity provider, such as France Identité or L’Identité Numérique La Poste.",
    fcInfoSecurity: "It is the stronger version of FranceConnect: your identity is checked at a high level of security, and you give no password to Guichet.",
    fcInfoData: "Once you agree, the service receives your identity from FranceConnect+: names, given names, gender, date and place of birth.",
    fcInfoEidas: "With a digital identity from another European country, choose the eIDAS button instead.",
    fcInfoMore: "To learn more: franceconnect.gouv.fr/france-connect-plus",
    eidasTitle: "Do you have a digital identity from another European country?",
    eidasButton: "Sign in with a digital identity from another European country (eIDAS)",
    levelNote: "Level of assurance requested: {level}.",
    levelEidas2: "substantial",
    levelEidas3: "high",
    waitingTitle: "Continue in the browser",
    waitingLead: "Choose your account on the FranceConnect+ page open in the browser, then come back here.",
    waitingLeadEidas: "Choose your country on the page open in the browser, then come back here.",
    waitingOpening: "Opening the browser…",
    countdown: "Time left: {time}",
    reopen: "Reopen the page",
    cancel: "Cancel",
    identityTitle: "Verified identity",
    identityLead: "FranceConnect+ has verified this identity.",
    familyName: "Birth name",
    preferredUsername: "Used name",
    givenName: "Given names",
    birthdate: "Date of birth",
    birthplace: "Place of birth",
    gender: "Gender",
    birthcountry: "Country of birth",
    level: "Level of assurance",
    origin: "Origin of the identity",
    originFrance: "France",
    originEidas: "Another EU country (eIDAS)",
    originUnknown: "Not stated",
    expiresAt: "The session ends at {time} at the latest.",
    endSession: "End session",
    endingTitle: "Ending the session…",
    endingLead: "Signing out of FranceConnect+ and wiping this machine's data.",
    ended: "Session ended: the person's data has been wiped from this machine.",
    endedLocalOnly: "Session ended on this machine: its data is wiped. FranceConnect+ could not be signed out: close every browser window before the next person, or their sign-in may reuse this person's FranceConnect+ session.",
    endedBrowserClosed: "Session ended: this machine's data is wiped. FranceConnect+ session unreachable (browser closed): nobody can reuse it.",
    noticeIdle: "The session was ended after a period without activity; its data has been wiped.",
    noticeExpired: "The session had reached its maximum length; it has been ended and wiped.",
    noticeFcNotCleared: "FranceConnect+ could not be signed out: close every browser window before the next person, or their sign-in may reuse this person's FranceConnect+ session.",
    confirmTitle: "Check the identity with the person in front of you",
    confirmLeadFrenchAfterEidas: "A French identity came back although the person chose an identity from another European country. FranceConnect+ does this when it reuses the previous person's session, still open.",
    confirmLeadSameAsPrevious: "This is the person of the previous session, whose FranceConnect+ session may still be open in the browser.",
    confirmQuestion: "Is this the identity of the person in front of you? It is not kept until you confirm.",
    confirmKeep: "Yes, it is theirs: keep",
    confirmDiscard: "No: wipe and sign out",
    discarded: "Identity wiped, nothing was kept. The FranceConnect+ session has been closed in this browser: the person in front of you can sign in.",
    discardedNotCleared: "Identity wiped, nothing was kept. The FranceConnect+ session could not be closed: close every browser window, then press \"Browser closed\".",
    browserClosed: "Browser closed: continue",
    pinTitleKeep: "Confirm the identity",
    errorTitle: "The sign-in did not complete",
    blockingTitle: "Guichet cannot work for now",
    retry: "Try again",
    home: "Back to the home screen",
    technicalDetail: "Technical detail",
    idleTitle: "Are you still there?",
    idleLead: "Unless you do something, the session ends in {seconds} s and your data will be wiped.",
    idleStay: "I'm still here",
    pinTitleSettings: "Staff PIN",
    pinTitleQuit: "Close Guichet",
    pinLead: "Enter the staff PIN.",
    pinLabel: "Staff PIN",
    pinSubmit: "Confirm",
    settingsTitle: "Settings",
    settingEnv: "FranceConnect+ environment",
    settingEnvHint: "FC+ is reached only through the office's gateway. Direct mode and the gateway need the [provider] section of the configuration file.",
    settingAcr: "Level of assurance requested",
    settingIdle: "Automatic end after inactivity (seconds, 30 to 3600)",
    settingBrowser: "Browser",
    browserSystem: "The system's browser",
    browserPrivate: "A private window wiped at each end of session (recommended for kiosks)",
    settingKiosk: "Kiosk mode (full screen, closed with the staff PIN)",
    save: "Save",
    close: "Close",
    saved: "Settings saved.",
    offlineError: "This machine is offline: FranceConnect+ is not answering. Restore the network connection; the banner goes away by itself, then start again.",
    footerOperator: "Service provided by {operator}",
    footerAccessibility: "Accessibility: {status}",
    complianceNone: "not compliant",
    compliancePartial: "partially compliant",
    complianceFull: "fully compliant",
    operatorUnnamed: "the service that receives you",
    contactDesk: "the reception desk here",
    back: "Back",
    accessibilityTitle: "Accessibility statement",
    accessibilityCommitment: "{operator} is committed to making its services accessible, under article 47 of French law no. 2005-102 of 11 February 2005.",
    accessibilityStatus: "Guichet is {status} with the French accessibility framework (RGAA), version 4.1.",
    accessibilityChecks: "Every screen is checked in French and English by axe-core (WCAG 2.1 A and AA rules) inside the window itself, and a sign-in can be done with the keyboard alone. These automatic checks do not replace an audit.",
    accessibilityContact: "If you cannot use Guichet, ask {contact}: you will be offered another way to carry out your request.",
    accessibilityRemedy: "If you do not get a satisfactory answer, you can refer the matter to the Défenseur des droits (defenseurdesdroits.fr).",
    dataTitle: "Personal data",
    dataShown: "Guichet shows the identity FranceConnect+ verified (names, given names, gender, date and place of birth) so that the member of staff can check it with you. It asks for nothing else.",
    dataKept: "During the session, this identity is kept encrypted on this machine; the encryption key is kept apart, in the system’s keyring.",
    dataWiped: "It is wiped from this machine when the session ends: by the member of staff, after {seconds} s without activity, or at the session’s maximum length. The private browser used for the sign-in is wiped too, and you are signed out of FranceConnect+.",
    dataAudit: "The machine’s log keeps only the time and the outcome of each sign-in, and a salted hash of the FranceConnect+ identifier that cannot lead back to you: no name, no date of birth.",
    dataContact: "For any question about your data, ask {contact} ({operator}).",
  },
};
