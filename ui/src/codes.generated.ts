// Generated from crates/codes (Rust's `codes::Code`): do not edit.
// Regenerate with `GUICHET_REGENERATE=1 cargo test -p codes`.

/** A stable error code from Rust. */
export type ErrorCode =
  | "config_invalid"
  | "provider_unreachable"
  | "provider_invalid"
  | "port_in_use"
  | "listener_failed"
  | "timed_out"
  | "cancelled"
  | "browser_failed"
  | "access_denied"
  | "invalid_scope"
  | "provider_error"
  | "token_rejected"
  | "verification_failed"
  | "keyring_unavailable"
  | "keyring_locked"
  | "keyring_failed"
  | "session_tampered"
  | "storage_failed"
  | "payload_too_large"
  | "random_unavailable"
  | "session_unreadable"
  | "sandbox_failed"
  | "browser_closed"
  | "previous_fc_session"
  | "session_active"
  | "possible_reuse"
  | "usage"
  | "internal"
  | "busy"
  | "no_sign_in"
  | "pin_not_configured"
  | "pin_locked"
  | "pin_wrong"
  | "settings_closed";

/** Every code, in Rust's order. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "config_invalid",
  "provider_unreachable",
  "provider_invalid",
  "port_in_use",
  "listener_failed",
  "timed_out",
  "cancelled",
  "browser_failed",
  "access_denied",
  "invalid_scope",
  "provider_error",
  "token_rejected",
  "verification_failed",
  "keyring_unavailable",
  "keyring_locked",
  "keyring_failed",
  "session_tampered",
  "storage_failed",
  "payload_too_large",
  "random_unavailable",
  "session_unreadable",
  "sandbox_failed",
  "browser_closed",
  "previous_fc_session",
  "session_active",
  "possible_reuse",
  "usage",
  "internal",
  "busy",
  "no_sign_in",
  "pin_not_configured",
  "pin_locked",
  "pin_wrong",
  "settings_closed",
];

/** Each code by its Rust name, to branch on (`error.code === Code.TimedOut`). */
export const Code = {
  ConfigInvalid: "config_invalid",
  ProviderUnreachable: "provider_unreachable",
  ProviderInvalid: "provider_invalid",
  PortInUse: "port_in_use",
  ListenerFailed: "listener_failed",
  TimedOut: "timed_out",
  Cancelled: "cancelled",
  BrowserFailed: "browser_failed",
  AccessDenied: "access_denied",
  InvalidScope: "invalid_scope",
  ProviderError: "provider_error",
  TokenRejected: "token_rejected",
  VerificationFailed: "verification_failed",
  KeyringUnavailable: "keyring_unavailable",
  KeyringLocked: "keyring_locked",
  KeyringFailed: "keyring_failed",
  SessionTampered: "session_tampered",
  StorageFailed: "storage_failed",
  PayloadTooLarge: "payload_too_large",
  RandomUnavailable: "random_unavailable",
  SessionUnreadable: "session_unreadable",
  SandboxFailed: "sandbox_failed",
  BrowserClosed: "browser_closed",
  PreviousFcSession: "previous_fc_session",
  SessionActive: "session_active",
  PossibleReuse: "possible_reuse",
  Usage: "usage",
  Internal: "internal",
  Busy: "busy",
  NoSignIn: "no_sign_in",
  PinNotConfigured: "pin_not_configured",
  PinLocked: "pin_locked",
  PinWrong: "pin_wrong",
  SettingsClosed: "settings_closed",
} as const satisfies Record<string, ErrorCode>;

/** FC+'s page about FranceConnect+ (`codes::FC_PLUS_INFO_URL`). */
export const FC_PLUS_INFO_URL = "https://franceconnect.gouv.fr/france-connect-plus";

/** What to do next after each code, as the window says it (`codes::window_hint`). */
export const WINDOW_HINTS: Record<"fr" | "en", Record<ErrorCode, string>> = {
  fr: {
    config_invalid: "La configuration est incorrecte. Faites-la corriger (voir le détail technique), puis relancez Guichet.",
    provider_unreachable: "FranceConnect+ est injoignable. Vérifiez la connexion réseau, puis recommencez.",
    provider_invalid: "FranceConnect+ a répondu de façon inattendue. Recommencez dans quelques minutes ; si cela persiste, contactez le support.",
    port_in_use: "Le port de retour est occupé. Fermez l'autre instance de Guichet, puis recommencez.",
    listener_failed: "Le port de retour n'a pas pu être ouvert : redémarrez Guichet ; si cela persiste, contactez le support.",
    timed_out: "Le navigateur n'est pas revenu à temps. Recommencez la connexion.",
    cancelled: "Connexion annulée. Recommencez quand la personne est prête.",
    browser_failed: "Le navigateur n'a pas pu s'ouvrir. Vérifiez qu'un navigateur est installé, puis recommencez.",
    access_denied: "La personne a annulé sur FranceConnect+. Recommencez si elle le souhaite.",
    invalid_scope: "FranceConnect+ a refusé les données demandées : la configuration et l'enregistrement du service chez FC+ ne correspondent pas. Faites-les accorder (voir le détail technique).",
    provider_error: "FranceConnect+ a répondu de façon inattendue. Recommencez dans quelques minutes ; si cela persiste, contactez le support.",
    token_rejected: "FranceConnect+ a refusé la demande. Recommencez ; si cela persiste, contactez le support.",
    verification_failed: "L'identité reçue n'a pas pu être vérifiée : elle n'a pas été acceptée. Recommencez ; si cela persiste, contactez le support.",
    keyring_unavailable: "Aucun trousseau de clés n'est disponible sur ce poste. Ouvrez une session de bureau, puis recommencez. Une borne sans personne peut garder ses clés dans le trousseau du noyau : [vault] store = \"keyutils\". Rien n'a été enregistré.",
    keyring_locked: "Le trousseau de clés du poste est verrouillé. Déverrouillez-le (ouvrez la session du poste), puis recommencez. Une borne sans personne peut garder ses clés dans le trousseau du noyau : [vault] store = \"keyutils\".",
    keyring_failed: "Le trousseau de clés a refusé l'opération : réessayez ; si cela persiste, redémarrez la session de bureau. Rien n'a été enregistré.",
    session_tampered: "La session enregistrée était altérée : elle a été effacée. Identifiez la personne à nouveau.",
    storage_failed: "Les données ne peuvent pas être enregistrées sur ce poste. Vérifiez l'espace disque, puis recommencez.",
    payload_too_large: "L'identité reçue est trop grande pour être conservée : rien n'a été enregistré ; contactez le support.",
    random_unavailable: "Le système ne fournit pas de nombres aléatoires : redémarrez la machine ; rien n'a été enregistré.",
    session_unreadable: "La session enregistrée était altérée ou illisible : elle a été effacée. Reconnectez la personne.",
    sandbox_failed: "Le bac à sable FC+ intégré n'a pas pu démarrer : redémarrez Guichet ; si cela persiste, contactez le support.",
    browser_closed: "Le navigateur a été fermé avant la fin de la connexion. Recommencez quand la personne est prête.",
    previous_fc_session: "La session FranceConnect+ de la personne précédente n'a pas pu être fermée : fermez toutes les fenêtres du navigateur, puis appuyez sur « Navigateur fermé : continuer ». Sinon FranceConnect+ pourrait lui redonner l'identité précédente.",
    session_active: "Une session est en cours : terminez-la d'abord.",
    possible_reuse: "Cette identité est peut-être la session FranceConnect+ de la personne précédente : vérifiez-la avec la personne présente.",
    usage: "Réglage incorrect : vérifiez les valeurs saisies.",
    internal: "Une erreur inattendue est survenue. Recommencez ; si cela persiste, contactez le support avec l'heure de l'erreur.",
    busy: "Une opération est déjà en cours : attendez qu'elle se termine.",
    no_sign_in: "Aucune connexion en cours : revenez à l'accueil.",
    pin_not_configured: "Aucun code agent n'est défini : ajoutez kiosk.staff_pin au fichier de configuration.",
    pin_locked: "Trop d'essais : attendez une minute avant de réessayer.",
    pin_wrong: "Code agent incorrect : réessayez.",
    settings_closed: "Les réglages se sont refermés : rouvrez-les avec le code agent.",
  },
  en: {
    config_invalid: "The configuration is wrong. Have it fixed (see the technical detail), then restart Guichet.",
    provider_unreachable: "FranceConnect+ cannot be reached. Check the network connection, then start again.",
    provider_invalid: "FranceConnect+ answered unexpectedly. Start again in a few minutes; if it persists, contact support.",
    port_in_use: "The return port is in use. Close the other Guichet instance, then start again.",
    listener_failed: "The return port could not be opened: restart Guichet; if it persists, contact support.",
    timed_out: "The browser did not come back in time. Start the sign-in again.",
    cancelled: "Sign-in cancelled. Start again when the person is ready.",
    browser_failed: "The browser could not be opened. Check that a browser is installed, then start again.",
    access_denied: "The person cancelled at FranceConnect+. Start again if they wish.",
    invalid_scope: "FranceConnect+ refused the data asked for: the configuration and the service's FC+ registration do not match. Have them reconciled (see the technical detail).",
    provider_error: "FranceConnect+ answered unexpectedly. Start again in a few minutes; if it persists, contact support.",
    token_rejected: "FranceConnect+ refused the request. Start again; if it persists, contact support.",
    verification_failed: "The identity received could not be verified: it was not accepted. Start again; if it persists, contact support.",
    keyring_unavailable: "No keyring is available on this machine. Log in to a desktop session, then start again. An unattended kiosk can keep its keys in the kernel keyring: [vault] store = \"keyutils\". Nothing was saved.",
    keyring_locked: "This machine's keyring is locked. Unlock it (log in to the machine's session), then start again. An unattended kiosk can keep its keys in the kernel keyring: [vault] store = \"keyutils\".",
    keyring_failed: "The keyring refused the operation: try again; if it persists, restart the desktop session. Nothing was saved.",
    session_tampered: "The stored session had been altered: it has been wiped. Sign the person in again.",
    storage_failed: "Data cannot be saved on this machine. Check the free disk space, then start again.",
    payload_too_large: "The identity received is too large to keep: nothing was saved; contact support.",
    random_unavailable: "The system provides no random numbers: restart the machine; nothing was saved.",
    session_unreadable: "The stored session was altered or unreadable: it has been wiped. Sign the person in again.",
    sandbox_failed: "The embedded FC+ sandbox could not start: restart Guichet; if it persists, contact support.",
    browser_closed: "The browser was closed before the sign-in finished. Start again when the person is ready.",
    previous_fc_session: "The previous person's FranceConnect+ session could not be closed: close every browser window, then press \"Browser closed: continue\". Otherwise FranceConnect+ could hand them the previous identity.",
    session_active: "A session is open: end it first.",
    possible_reuse: "This may be the previous person's FranceConnect+ session: check it with the person in front of you.",
    usage: "Wrong setting: check the values entered.",
    internal: "Something unexpected happened. Start again; if it persists, contact support with the time of the error.",
    busy: "Something is already in progress: wait for it to finish.",
    no_sign_in: "No sign-in in progress: go back to the home screen.",
    pin_not_configured: "No staff PIN is set: add kiosk.staff_pin to the configuration file.",
    pin_locked: "Too many attempts: wait a minute before trying again.",
    pin_wrong: "Wrong staff PIN: try again.",
    settings_closed: "The settings have closed: open them again with the staff PIN.",
  },
};

/** FC+'s error pages that never come back from a sign-in, and what each means
 * (`codes::FC_ERROR_PAGES`, `SIGN_IN_ERROR_PAGES`, `fc_error_pages_intro`). */
export const FC_ERROR_PAGES: Record<
  "fr" | "en",
  { intro: string; pages: [string, string][] }
> = {
  fr: {
    intro: "Si le navigateur affiche une page d'erreur FranceConnect+, son code indique la cause :",
    pages: [
      ["Y030007", "la demande ne correspond pas à l'enregistrement du service chez FC+ (adresse de retour, niveau, paramètres) : faites vérifier la configuration et l'enregistrement."],
      ["Y100009", "l'enregistrement du service n'accorde pas « amr » : mettez request_amr = false ou demandez ce droit à FC+."],
      ["Y020023", "eIDAS n'est pas activé pour ce service : demandez-le à FC+, ou utilisez un fournisseur d'identité français."],
    ],
  },
  en: {
    intro: "If the browser shows a FranceConnect+ error page, its code says why:",
    pages: [
      ["Y030007", "the request does not match the service's FC+ registration (return address, level, parameters): have the configuration and the registration checked."],
      ["Y100009", "the service's registration does not grant amr: set request_amr = false, or ask FC+ for that right."],
      ["Y020023", "eIDAS is not enabled for this service: ask FC+ to enable it, or use a French identity provider."],
    ],
  },
};
