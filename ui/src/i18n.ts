// French and English texts. Every key exists in both (checked by `tsc`: `en` has the type of
// `fr`). Error sentences say what happened and what to do next.
import type { ErrorCode } from "./codes.generated";
import { formatDuration } from "./duration";

export const fr = {
  appName: "Guichet",
  tagline: "Identification des usagers avec FranceConnect+",
  republic: "République\nFrançaise",
  languageLabel: "Langue",
  settings: "Réglages",
  envSandbox: "Bac à sable (données fictives)",
  envDirect: "Mode direct (fournisseur de test acceptant une redirection locale, pas FC+)",
  envGateway: "Passerelle Guichet de la structure",
  offline:
    "FranceConnect+ ne répond pas. Vérifiez la connexion réseau : ce message disparaîtra de lui-même dès que le service répondra.",
  homeTitle: "Identifiez-vous",
  homeLead: "Choisissez comment vous identifier. Une page s'ouvrira dans le navigateur.",
  fcButtonLogin: "S'identifier avec",
  fcButtonBrand: "FranceConnect+",
  whatIsFc:
    "Qu'est-ce que FranceConnect+ ? Un service de l'État pour vous identifier avec un compte que vous avez déjà.",
  eidasTitle: "Vous avez une identité numérique d'un autre pays européen ?",
  eidasButton: "S'identifier avec une identité d'un autre pays européen (eIDAS)",
  levelNote: (level: string) => `Niveau de garantie demandé : ${level}.`,
  levelEidas2: "substantiel",
  levelEidas3: "élevé",
  waitingTitle: "Poursuivez dans le navigateur",
  waitingLead:
    "Choisissez votre compte sur la page FranceConnect+ ouverte dans le navigateur, puis revenez ici.",
  waitingLeadEidas:
    "Choisissez votre pays sur la page ouverte dans le navigateur, puis revenez ici.",
  waitingOpening: "Ouverture du navigateur…",
  countdown: (s: number) => `Temps restant : ${formatDuration(s)}`,
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
  expiresAt: (time: string) => `La session se termine au plus tard à ${time}.`,
  endSession: "Terminer la session",
  endingTitle: "Fin de la session…",
  endingLead: "Déconnexion de FranceConnect+ et effacement des données de ce poste.",
  ended: "Session terminée : les données de la personne ont été effacées de ce poste.",
  endedLocalOnly:
    "Session terminée sur ce poste : ses données sont effacées. FranceConnect+ n'a pas pu être déconnecté : fermez toutes les fenêtres du navigateur avant la personne suivante, sinon sa connexion peut reprendre la session FranceConnect+ de celle-ci.",
  endedBrowserClosed:
    "Session terminée : les données de ce poste sont effacées. Session FranceConnect+ injoignable (navigateur fermé) : personne ne peut la réutiliser.",
  noticeIdle:
    "La session a été terminée après une période d'inactivité ; les données ont été effacées.",
  noticeExpired: "La session avait atteint sa durée maximale ; elle a été terminée et effacée.",
  noticeFcNotCleared:
    "FranceConnect+ n'a pas pu être déconnecté : fermez toutes les fenêtres du navigateur avant la personne suivante, sinon sa connexion peut reprendre la session FranceConnect+ de celle-ci.",
  confirmTitle: "Vérifiez l'identité avec la personne présente",
  confirmLead: {
    french_after_eidas:
      "Une identité française est revenue alors que la personne a choisi une identité d'un autre pays européen. FranceConnect+ fait cela quand il reprend la session encore ouverte de la personne précédente.",
    same_as_previous:
      "C'est la personne de la session précédente, dont la session FranceConnect+ est peut-être encore ouverte dans le navigateur.",
  } as Record<string, string>,
  confirmQuestion:
    "Cette identité est-elle celle de la personne présente ? Elle n'est pas conservée tant que vous ne l'avez pas confirmé.",
  confirmKeep: "Oui, c'est elle : garder",
  confirmDiscard: "Non : effacer et déconnecter",
  discarded:
    "Identité effacée, rien n'a été conservé. La session FranceConnect+ a été fermée dans ce navigateur : la personne présente peut s'identifier.",
  discardedNotCleared:
    "Identité effacée, rien n'a été conservé. La session FranceConnect+ n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis appuyez sur « Navigateur fermé ».",
  browserClosed: "Navigateur fermé : continuer",
  pinTitleKeep: "Confirmer l'identité",
  errorTitle: "La connexion n'a pas abouti",
  blockingTitle: "Guichet ne peut pas fonctionner pour l'instant",
  retry: "Recommencer",
  home: "Retour à l'accueil",
  technicalDetail: "Détail technique",
  fcErrorPagesIntro:
    "Si le navigateur affiche une page d'erreur FranceConnect+, son code indique la cause :",
  // Same meanings as the CLI's FC_ERROR_PAGES (src-tauri/src/messages.rs).
  fcErrorPages: [
    [
      "Y030007",
      "la demande ne correspond pas à l'enregistrement du service chez FC+ (adresse de retour, niveau, paramètres) : faites vérifier la configuration et l'enregistrement.",
    ],
    [
      "Y100009",
      "l'enregistrement du service n'accorde pas « amr » : mettez request_amr = false ou demandez ce droit à FC+.",
    ],
    [
      "Y020023",
      "eIDAS n'est pas activé pour ce service : demandez-le à FC+, ou utilisez un fournisseur d'identité français.",
    ],
  ] as [string, string][],
  idleTitle: "Êtes-vous toujours là ?",
  idleLead: (s: number) =>
    `Sans action de votre part, la session se terminera dans ${s} s et vos données seront effacées.`,
  idleStay: "Je suis toujours là",
  pinTitleSettings: "Code agent",
  pinTitleQuit: "Fermer Guichet",
  pinLead: "Saisissez le code agent.",
  pinLabel: "Code agent",
  pinSubmit: "Valider",
  settingsTitle: "Réglages",
  settingEnv: "Environnement FranceConnect+",
  settingEnvHint:
    "FC+ ne se joint que par la passerelle de la structure. Le mode direct et la passerelle demandent la section [provider] du fichier de configuration.",
  settingAcr: "Niveau de garantie demandé",
  settingIdle: "Fin automatique après inactivité (secondes, 30 à 3600)",
  settingBrowser: "Navigateur",
  browserSystem: "Navigateur du système",
  browserPrivate: "Fenêtre privée effacée à chaque fin de session (recommandé en borne)",
  settingKiosk: "Mode borne (plein écran, fermeture avec le code agent)",
  save: "Enregistrer",
  close: "Fermer",
  saved: "Réglages enregistrés.",
  offlineError:
    "Ce poste est hors ligne : FranceConnect+ ne répond pas. Rétablissez la connexion réseau ; le bandeau disparaîtra de lui-même, puis recommencez.",
  errors: {
    cancelled: "Connexion annulée. Recommencez quand la personne est prête.",
    browser_closed:
      "Le navigateur a été fermé avant la fin de la connexion. Recommencez quand la personne est prête.",
    access_denied: "La personne a annulé sur FranceConnect+. Recommencez si elle le souhaite.",
    timed_out: "Le navigateur n'est pas revenu à temps. Recommencez la connexion.",
    provider_unreachable:
      "FranceConnect+ est injoignable. Vérifiez la connexion réseau, puis recommencez.",
    provider_error:
      "FranceConnect+ a répondu de façon inattendue. Recommencez dans quelques minutes ; si cela persiste, contactez le support.",
    provider_invalid:
      "FranceConnect+ a répondu de façon inattendue. Recommencez dans quelques minutes ; si cela persiste, contactez le support.",
    token_rejected:
      "FranceConnect+ a refusé la demande. Recommencez ; si cela persiste, contactez le support.",
    invalid_scope:
      "FranceConnect+ a refusé les données demandées : la configuration et l'enregistrement du service chez FC+ ne correspondent pas. Faites-les accorder (voir le détail technique).",
    verification_failed:
      "L'identité reçue n'a pas pu être vérifiée : elle n'a pas été acceptée. Recommencez ; si cela persiste, contactez le support.",
    keyring_locked:
      'Le trousseau de clés du poste est verrouillé. Déverrouillez-le (ouvrez la session du poste), puis recommencez. Une borne sans personne peut garder ses clés dans le trousseau du noyau : [vault] store = "keyutils".',
    keyring_unavailable:
      "Aucun trousseau de clés n'est disponible sur ce poste. Ouvrez une session de bureau, puis recommencez. Une borne sans personne peut garder ses clés dans le trousseau du noyau : [vault] store = \"keyutils\". Rien n'a été enregistré.",
    storage_failed:
      "Les données ne peuvent pas être enregistrées sur ce poste. Vérifiez l'espace disque, puis recommencez.",
    session_tampered:
      "La session enregistrée était altérée : elle a été effacée. Identifiez la personne à nouveau.",
    browser_failed:
      "Le navigateur n'a pas pu s'ouvrir. Vérifiez qu'un navigateur est installé, puis recommencez.",
    port_in_use:
      "Le port de retour est occupé. Fermez l'autre instance de Guichet, puis recommencez.",
    config_invalid:
      "La configuration est incorrecte. Faites-la corriger (voir le détail technique), puis relancez Guichet.",
    usage: "Réglage incorrect : vérifiez les valeurs saisies.",
    busy: "Une opération est déjà en cours : attendez qu'elle se termine.",
    session_active: "Une session est en cours : terminez-la d'abord.",
    previous_fc_session:
      "La session FranceConnect+ de la personne précédente n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis appuyez sur « Navigateur fermé : continuer ». Sinon FranceConnect+ pourrait lui redonner l'identité précédente.",
    possible_reuse:
      "Cette identité est peut-être la session FranceConnect+ de la personne précédente : vérifiez-la avec la personne présente.",
    no_sign_in: "Aucune connexion en cours : revenez à l'accueil.",
    pin_wrong: "Code agent incorrect : réessayez.",
    settings_closed: "Les réglages se sont refermés : rouvrez-les avec le code agent.",
    pin_locked: "Trop d'essais : attendez une minute avant de réessayer.",
    pin_not_configured:
      "Aucun code agent n'est défini : ajoutez kiosk.staff_pin au fichier de configuration.",
    internal:
      "Une erreur inattendue est survenue. Recommencez ; si cela persiste, contactez le support avec l'heure de l'erreur.",
  } satisfies Partial<Record<ErrorCode, string>>,
};

export type Catalogue = typeof fr;

export const en: Catalogue = {
  appName: "Guichet",
  tagline: "Signing people in with FranceConnect+",
  republic: "République\nFrançaise",
  languageLabel: "Language",
  settings: "Settings",
  envSandbox: "Sandbox (test data)",
  envDirect: "Direct mode (a test provider that accepts loopback redirects, not FC+)",
  envGateway: "The office's Guichet gateway",
  offline:
    "FranceConnect+ is not answering. Check the network connection: this message goes away by itself as soon as the service answers.",
  homeTitle: "Sign in",
  homeLead: "Choose how to sign in. A page will open in the browser.",
  fcButtonLogin: "Sign in with",
  fcButtonBrand: "FranceConnect+",
  whatIsFc:
    "What is FranceConnect+? A French State service to sign in with an account you already have.",
  eidasTitle: "Do you have a digital identity from another European country?",
  eidasButton: "Sign in with a digital identity from another European country (eIDAS)",
  levelNote: (level: string) => `Level of assurance requested: ${level}.`,
  levelEidas2: "substantial",
  levelEidas3: "high",
  waitingTitle: "Continue in the browser",
  waitingLead:
    "Choose your account on the FranceConnect+ page open in the browser, then come back here.",
  waitingLeadEidas: "Choose your country on the page open in the browser, then come back here.",
  waitingOpening: "Opening the browser…",
  countdown: (s: number) => `Time left: ${formatDuration(s)}`,
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
  expiresAt: (time: string) => `The session ends at ${time} at the latest.`,
  endSession: "End session",
  endingTitle: "Ending the session…",
  endingLead: "Signing out of FranceConnect+ and wiping this machine's data.",
  ended: "Session ended: the person's data has been wiped from this machine.",
  endedLocalOnly:
    "Session ended on this machine: its data is wiped. FranceConnect+ could not be signed out: close every browser window before the next person, or their sign-in may reuse this person's FranceConnect+ session.",
  endedBrowserClosed:
    "Session ended: this machine's data is wiped. FranceConnect+ session unreachable (browser closed): nobody can reuse it.",
  noticeIdle: "The session was ended after a period without activity; its data has been wiped.",
  noticeExpired: "The session had reached its maximum length; it has been ended and wiped.",
  noticeFcNotCleared:
    "FranceConnect+ could not be signed out: close every browser window before the next person, or their sign-in may reuse this person's FranceConnect+ session.",
  confirmTitle: "Check the identity with the person in front of you",
  confirmLead: {
    french_after_eidas:
      "A French identity came back although the person chose an identity from another European country. FranceConnect+ does this when it reuses the previous person's session, still open.",
    same_as_previous:
      "This is the person of the previous session, whose FranceConnect+ session may still be open in the browser.",
  } as Record<string, string>,
  confirmQuestion:
    "Is this the identity of the person in front of you? It is not kept until you confirm.",
  confirmKeep: "Yes, it is theirs: keep",
  confirmDiscard: "No: wipe and sign out",
  discarded:
    "Identity wiped, nothing was kept. The FranceConnect+ session has been closed in this browser: the person in front of you can sign in.",
  discardedNotCleared:
    'Identity wiped, nothing was kept. The FranceConnect+ session could not be closed: close every browser window, then press "Browser closed".',
  browserClosed: "Browser closed: continue",
  pinTitleKeep: "Confirm the identity",
  errorTitle: "The sign-in did not complete",
  blockingTitle: "Guichet cannot work for now",
  retry: "Try again",
  home: "Back to the home screen",
  technicalDetail: "Technical detail",
  fcErrorPagesIntro: "If the browser shows a FranceConnect+ error page, its code says why:",
  fcErrorPages: [
    [
      "Y030007",
      "the request does not match the service's FC+ registration (return address, level, parameters): have the configuration and the registration checked.",
    ],
    [
      "Y100009",
      "the service's registration does not grant amr: set request_amr = false, or ask FC+ for that right.",
    ],
    [
      "Y020023",
      "eIDAS is not enabled for this service: ask FC+ to enable it, or use a French identity provider.",
    ],
  ] as [string, string][],
  idleTitle: "Are you still there?",
  idleLead: (s: number) =>
    `Unless you do something, the session ends in ${s} s and your data will be wiped.`,
  idleStay: "I'm still here",
  pinTitleSettings: "Staff PIN",
  pinTitleQuit: "Close Guichet",
  pinLead: "Enter the staff PIN.",
  pinLabel: "Staff PIN",
  pinSubmit: "Confirm",
  settingsTitle: "Settings",
  settingEnv: "FranceConnect+ environment",
  settingEnvHint:
    "FC+ is reached only through the office's gateway. Direct mode and the gateway need the [provider] section of the configuration file.",
  settingAcr: "Level of assurance requested",
  settingIdle: "Automatic end after inactivity (seconds, 30 to 3600)",
  settingBrowser: "Browser",
  browserSystem: "The system's browser",
  browserPrivate: "A private window wiped at each end of session (recommended for kiosks)",
  settingKiosk: "Kiosk mode (full screen, closed with the staff PIN)",
  save: "Save",
  close: "Close",
  saved: "Settings saved.",
  offlineError:
    "This machine is offline: FranceConnect+ is not answering. Restore the network connection; the banner goes away by itself, then start again.",
  errors: {
    cancelled: "Sign-in cancelled. Start again when the person is ready.",
    browser_closed:
      "The browser was closed before the sign-in finished. Start again when the person is ready.",
    access_denied: "The person cancelled at FranceConnect+. Start again if they wish.",
    timed_out: "The browser did not come back in time. Start the sign-in again.",
    provider_unreachable:
      "FranceConnect+ cannot be reached. Check the network connection, then start again.",
    provider_error:
      "FranceConnect+ answered unexpectedly. Start again in a few minutes; if it persists, contact support.",
    provider_invalid:
      "FranceConnect+ answered unexpectedly. Start again in a few minutes; if it persists, contact support.",
    token_rejected:
      "FranceConnect+ refused the request. Start again; if it persists, contact support.",
    invalid_scope:
      "FranceConnect+ refused the data asked for: the configuration and the service's FC+ registration do not match. Have them reconciled (see the technical detail).",
    verification_failed:
      "The identity received could not be verified: it was not accepted. Start again; if it persists, contact support.",
    keyring_locked:
      "This machine's keyring is locked. Unlock it (log in to the machine's session), then start again. An unattended kiosk can keep its keys in the kernel keyring: [vault] store = \"keyutils\".",
    keyring_unavailable:
      'No keyring is available on this machine. Log in to a desktop session, then start again. An unattended kiosk can keep its keys in the kernel keyring: [vault] store = "keyutils". Nothing was saved.',
    storage_failed:
      "Data cannot be saved on this machine. Check the free disk space, then start again.",
    session_tampered:
      "The stored session had been altered: it has been wiped. Sign the person in again.",
    browser_failed:
      "The browser could not be opened. Check that a browser is installed, then start again.",
    port_in_use: "The return port is in use. Close the other Guichet instance, then start again.",
    config_invalid:
      "The configuration is wrong. Have it fixed (see the technical detail), then restart Guichet.",
    usage: "Wrong setting: check the values entered.",
    busy: "Something is already in progress: wait for it to finish.",
    session_active: "A session is open: end it first.",
    previous_fc_session:
      'The previous person\'s FranceConnect+ session could not be closed: close every browser window, then press "Browser closed: continue". Otherwise FranceConnect+ could hand them the previous identity.',
    possible_reuse:
      "This may be the previous person's FranceConnect+ session: check it with the person in front of you.",
    no_sign_in: "No sign-in in progress: go back to the home screen.",
    pin_wrong: "Wrong staff PIN: try again.",
    settings_closed: "The settings have closed: open them again with the staff PIN.",
    pin_locked: "Too many attempts: wait a minute before trying again.",
    pin_not_configured: "No staff PIN is set: add kiosk.staff_pin to the configuration file.",
    internal:
      "Something unexpected happened. Start again; if it persists, contact support with the time of the error.",
  },
};

export const catalogues = { fr, en };
