// The window's state: what Rust last said (the Status polled every second) and what only the
// window knows (language, last error, open dialog…), with the pure rules that read it: which
// screen shows, whether the idle overlay or the settings button do, and how a new Status is
// taken in.
import type { CommandError, Language, Status } from "./backend";
import { noticeText, type PinPurpose } from "./format";
import { catalogues, type Catalogue } from "./i18n";

/** One screen at a time; its name is `body[data-screen]`, which the window tests wait for. */
export type Screen =
  | "home"
  | "waiting"
  | "identity"
  | "confirm"
  | "ending"
  | "error"
  | "blocking"
  | "settings"
  | "accessibility"
  | "data";

/** The footer's notices, opened over a screen that waits for nobody. */
export type Notice = "accessibility" | "data";

/** What the staff PIN dialog is for: opening settings, quitting, keeping a held identity. */
export type { PinPurpose } from "./format";

export interface Ui {
  status: Status | null;
  language: Language;
  /** The last sign-in's error, shown until staff go back home or try again. */
  error: { error: CommandError; eidas: boolean; offline?: boolean } | null;
  /** Open settings keep the PIN that opened them, to save with. */
  /** The open settings screen's one-time key from Rust (never the PIN). */
  settingsKey: string | null;
  dialog: { purpose: PinPurpose; error: string | null } | null;
  /** The footer's notice open over the screen, if any. */
  page: Notice | null;
  /** The "What is FranceConnect+?" panel is open (a kiosk's answer to the link). */
  fcInfo: boolean;
  /** A confirmation shown on the home screen (session ended, settings saved…). */
  message: string | null;
}

export const ui: Ui = {
  status: null,
  language: "fr",
  error: null,
  settingsKey: null,
  dialog: null,
  fcInfo: false,
  page: null,
  message: null,
};

/** What each part of the window last drew (a key of what it showed), so the poll every
 * second redraws only what changed and leaves focus where it is. */
export const rendered = { main: "", banner: "", footer: "", overlay: "", dialog: "", info: "" };

/** The texts in the window's current language. */
export const t = (): Catalogue => catalogues[ui.language];

/** The screen for this state: a blocking error first, then settings (only from home), then
 * the sign-in's phase; at home, the last sign-in's error if there is one. */
export function chooseScreen(
  state: Pick<Ui, "status" | "settingsKey" | "error"> & Partial<Pick<Ui, "page">>,
): Screen {
  const base = phaseScreen(state);
  return state.page && canOpenNotices(base) ? state.page : base;
}

/** The footer's notices open over a screen that waits for nobody: not while the browser is
 * open, a session ends, or staff confirm an identity. */
export function canOpenNotices(current: Screen): boolean {
  return ["home", "identity", "error", "blocking", "accessibility", "data"].includes(current);
}

function phaseScreen(state: Pick<Ui, "status" | "settingsKey" | "error">): Screen {
  const status = state.status;
  if (!status) return "home";
  if (status.blockingError) return "blocking";
  if (state.settingsKey !== null && status.phase === "home") return "settings";
  switch (status.phase) {
    case "signingIn":
      return "waiting";
    case "ending":
      return "ending";
    case "signedIn":
      return "identity";
    case "confirming":
      return "confirm";
    default:
      return state.error ? "error" : "home";
  }
}

/** The screen showing now. */
export function screen(): Screen {
  return chooseScreen(ui);
}

/** The idle overlay covers an identity (shown or held) while Rust counts down to its end. */
export function showsIdleOverlay(current: Screen, status: Status | null): boolean {
  return (current === "identity" || current === "confirm") && status?.idleSecondsLeft !== undefined;
}

/** Settings (behind the staff PIN) open only between sessions. */
export function canOpenSettings(current: Screen): boolean {
  return current === "home" || current === "error";
}

/** Takes in a Status just polled from Rust. */
export function applyStatus(state: Ui, status: Status): void {
  if (!state.status) state.language = status.language;
  if (
    status.language !== state.language &&
    status.phase === "home" &&
    state.status?.phase !== "home"
  ) {
    state.language = status.language; // a kiosk goes back to its own language after a session
  }
  if (status.notice) state.message = noticeText(status.notice, catalogues[state.language]);
  if (status.closeRequested && !state.dialog) state.dialog = { purpose: "quit", error: null };
  if (status.phase === "signedIn") state.error = null;
  state.status = status;
}

let renderer: () => void = () => {};

/** Redraws the window from `ui` (render.ts, set by main.ts: this way actions and screens ask
 * for a redraw without importing the module that imports them). */
export function render(): void {
  renderer();
}

export function setRenderer(draw: () => void): void {
  renderer = draw;
}
