// The one module that talks to Rust. Every call is one of Guichet's own commands; the
// window's capability grants nothing else (see src-tauri/capabilities/main.json).
import { invoke } from "@tauri-apps/api/core";
import { ERROR_CODES, type ErrorCode } from "./codes.generated";

export type { ErrorCode };

export type Language = "fr" | "en";
export type Phase = "home" | "signingIn" | "signedIn" | "confirming" | "ending";
export type Origin = "france" | "eidas" | "unknown";

/** An error from Rust: a stable code, what to do next, and a technical detail for support. */
export interface CommandError {
  code: ErrorCode;
  message: string;
  detail: string;
}

/** What a sign-in that did not fail ended with (Rust's `SignInOutcome`): the identity kept,
 * or held for staff to check with the person (the status then says what to check). */
export type SignInOutcome = { outcome: "signed_in"; identity: Identity } | { outcome: "held" };

export interface Said {
  fr: string;
  en: string;
}

export interface Identity {
  givenName?: string;
  familyName?: string;
  preferredUsername?: string;
  birthdate?: string;
  birthplace?: string;
  birthcountry?: string;
  /** The birthplace, birth country and gender as the agent reads them, in both languages
   * (Rust's `counter::reading`): names for INSEE codes, words for the gender. */
  said: {
    birthdate?: Said;
    birthplace?: Said;
    birthcountry?: Said;
    gender?: Said;
  };
  acr: string;
  origin: Origin;
  expiresAt: string;
}

export interface SettingsView {
  env: "sandbox" | "direct" | "gateway";
  acr: string;
  idleTimeoutSecs: number;
  browserMode: "system" | "private";
  kiosk: boolean;
  fileEnv?: "direct" | "gateway";
  pinRequired: boolean;
  operator: OperatorView;
  /** `etat` (DSFR with the Marianne block) or `collectivite` (without the State's identity). */
  theme: "etat" | "collectivite";
}

/** Who runs this Guichet (`[operator]`): named in the footer and the notices. */
export interface OperatorView {
  name?: string;
  contact?: string;
  accessibility: "none" | "partial" | "full";
}

export interface Status {
  env: string;
  kiosk: boolean;
  acr: string;
  language: Language;
  online: boolean | null;
  phase: Phase;
  signIn?: { eidas: boolean; secondsLeft: number; timeoutSeconds: number; browserOpened: boolean };
  identity?: Identity;
  idleSecondsLeft?: number;
  /** A session ended on its own, and whether FC+'s session went with it. */
  notice?: { code: "idle_ended" | "expired"; remoteLogout: string; fcSessionCleared: boolean };
  /** While confirming: why the identity shown may be the previous person's FC+ session. */
  suspicion?: "french_after_eidas" | "same_as_previous";
  blockingError?: CommandError;
  closeRequested: boolean;
  settings: SettingsView;
}

export interface EndResult {
  hadSession: boolean;
  remoteLogout: string;
  /** No browser can present this session's FC+ session again. */
  fcSessionCleared: boolean;
}

export interface SavedSettings {
  env?: string;
  acr?: string;
  idle_timeout_secs?: number;
  browser_mode?: string;
  kiosk?: boolean;
}

/** Turns whatever a rejected invoke gives into a CommandError. */
export function asError(value: unknown): CommandError {
  if (value && typeof value === "object" && "code" in value) {
    const e = value as Partial<CommandError>;
    return {
      code: isErrorCode(e.code) ? e.code : "internal",
      message: String(e.message ?? ""),
      detail: String(e.detail ?? ""),
    };
  }
  return { code: "internal", message: "", detail: String(value) };
}

/** Whether `value` is one of Rust's error codes (`codes::Code`, generated into codes.generated.ts). */
export function isErrorCode(value: unknown): value is ErrorCode {
  return (ERROR_CODES as readonly unknown[]).includes(value);
}

export const backend = {
  status: () => invoke<Status>("status"),
  signIn: (eidas: boolean) => invoke<SignInOutcome>("sign_in", { eidas }),
  cancelSignIn: () => invoke<void>("cancel_sign_in"),
  reopenBrowser: () => invoke<void>("reopen_browser"),
  endSession: () => invoke<EndResult>("end_session"),
  keepHeld: (pin: string | null) => invoke<Identity>("keep_held", { pin }),
  discardHeld: () => invoke<EndResult>("discard_held"),
  confirmBrowserClosed: () => invoke<void>("confirm_browser_closed"),
  /** "browser": FC+'s page opened at a counter; "panel": a kiosk shows the facts itself. */
  whatIsFcPlus: () => invoke<"browser" | "panel">("what_is_fc_plus"),
  touch: () => invoke<void>("touch"),
  setLanguage: (language: Language) => invoke<void>("set_language", { language }),
  unlockSettings: (pin: string) => invoke<string>("unlock_settings", { pin }),
  saveSettings: (key: string, settings: SavedSettings) =>
    invoke<Status>("save_settings", { key, settings }),
  quit: (pin: string | null) => invoke<void>("quit", { pin }),
  uiReady: (page: PageTimes) => invoke<void>("ui_ready", { page }),
};

/** When the page reached its first paint's steps, in ms from its time origin (Rust logs them
 * with `first_paint`, for the window benchmark's breakdown). */
export interface PageTimes {
  /** The page's time origin (`performance.timeOrigin`), in ms since the Unix epoch: Rust
   * places the other steps after its own start with it. */
  originEpochMs: number;
  /** The page (`index.html`) has arrived from Rust's asset protocol. */
  fetchMs: number;
  scriptMs: number;
  statusMs: number;
  /** The first screen is in the DOM (the status applied and rendered). */
  renderMs: number;
  /** The page's `load` event: every file asked for by then (CSS, fonts, icons) has arrived
   * (0 if it has not come yet). */
  loadMs: number;
  /** The frame that draws the first screen starts. */
  frameMs: number;
  /** The next frame starts: the first screen has been drawn. */
  shownMs: number;
}
