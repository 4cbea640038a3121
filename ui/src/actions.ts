// What the buttons do, and the poll: the only callers of backend.ts. Each action updates
// `ui` and asks for a redraw; screens and dialogs only draw and wire their buttons here.
import { Code } from "./codes.generated";
import {
  asError,
  backend,
  type Language,
  type PageTimes,
  type SavedSettings,
  type Status,
} from "./backend";
import { replace } from "./dom";
import { endedText, errorText } from "./format";
import { applyStatus, render, t, ui, type Notice, type PinPurpose } from "./state";

let lastTouch = 0;

export async function signIn(eidas: boolean): Promise<void> {
  ui.error = null;
  ui.message = null;
  if (ui.status) {
    ui.status.phase = "signingIn";
    ui.status.signIn = {
      eidas,
      secondsLeft: ui.status.signIn?.timeoutSeconds ?? 0,
      timeoutSeconds: 0,
      browserOpened: false,
    };
  }
  render();
  try {
    // Kept or held for staff: the status read next says which screen (identity or confirm).
    await backend.signIn(eidas);
  } catch (e) {
    const error = asError(e);
    // Unreachable while the machine is offline: the error says so (the banner shows it too).
    const offline = error.code === Code.ProviderUnreachable && ui.status?.online === false;
    ui.error = { error, eidas, offline };
  }
  await refresh();
}

/** The link under the FranceConnect+ button: FC+'s page in the desktop's browser at a counter,
 * the same facts in a panel at a kiosk (Rust decides, from its settings). */
export async function whatIsFcPlus(): Promise<void> {
  try {
    if ((await backend.whatIsFcPlus()) === "panel") {
      ui.fcInfo = true;
      render();
    }
  } catch (e) {
    ui.error = { error: asError(e), eidas: false };
    render();
  }
}

/** The footer's links: a notice over the screen, until "Back". */
export function openNotice(page: Notice): void {
  ui.page = page;
  render();
}

export function closeNotice(): void {
  ui.page = null;
  render();
}

export function closeFcInfo(): void {
  ui.fcInfo = false;
  render();
  document.getElementById("what-is-fc")?.focus();
}

/** The waiting screen's "Reopen the page". */
export function reopenBrowser(eidas: boolean): Promise<void> {
  return backend.reopenBrowser().catch((e) => {
    ui.error = { error: asError(e), eidas };
  });
}

export function cancelSignIn(): Promise<void> {
  return backend.cancelSignIn();
}

/** Staff closed every browser window: the previous person's FC+ session is gone; sign in. */
export function browserClosed(eidas: boolean): Promise<void> {
  return backend.confirmBrowserClosed().then(() => signIn(eidas));
}

export async function keepHeld(pin: string | null): Promise<void> {
  await backend.keepHeld(pin);
  ui.error = null;
  await refresh();
}

/** The confirm screen's "keep": on a kiosk whose settings take a PIN, the PIN dialog first.
 * `status` is the one the screen was drawn from. */
export function keepOrAskPin(status: Status): void {
  if (status.kiosk && status.settings.pinRequired) {
    askPin("keep");
  } else {
    void keepHeld(null).catch((e) => (ui.error = { error: asError(e), eidas: false }));
  }
}

export async function discardHeld(): Promise<void> {
  if (ui.status) ui.status.phase = "ending";
  render();
  try {
    const result = await backend.discardHeld();
    ui.message = result.fcSessionCleared ? t().discarded : t().discardedNotCleared;
  } catch (e) {
    ui.error = { error: asError(e), eidas: false };
  }
  await refresh();
}

export async function endSession(): Promise<void> {
  if (ui.status) ui.status.phase = "ending";
  render();
  try {
    const result = await backend.endSession();
    ui.message = endedText(result, t());
  } catch (e) {
    ui.error = { error: asError(e), eidas: false };
  }
  await refresh();
}

/** The error screen's "Back to the home screen". */
export function goHome(): void {
  ui.error = null;
  render();
}

export async function setLanguage(language: Language): Promise<void> {
  ui.language = language;
  await backend.setLanguage(language);
  render();
}

/** Opens the staff PIN dialog. */
export function askPin(purpose: PinPurpose): void {
  ui.dialog = { purpose, error: null };
  render();
}

export async function submitPin(pin: string): Promise<void> {
  const dialog = ui.dialog;
  if (!dialog) return;
  try {
    if (dialog.purpose === "quit") {
      await backend.quit(pin);
    } else if (dialog.purpose === "keep") {
      await keepHeld(pin);
    } else {
      // A one-time key from Rust stands for the PIN while the settings are open: the PIN
      // itself is not kept.
      ui.settingsKey = await backend.unlockSettings(pin);
    }
    ui.dialog = null;
  } catch (e) {
    dialog.error = errorText(asError(e), t());
  }
  render();
}

export async function closeDialog(): Promise<void> {
  if (ui.dialog?.purpose === "quit") await backend.quit(null);
  ui.dialog = null;
  render();
}

export async function saveSettings(settings: SavedSettings): Promise<void> {
  const alert = document.getElementById("settings-error");
  try {
    ui.status = await backend.saveSettings(ui.settingsKey ?? "", settings);
    ui.settingsKey = null;
    ui.message = t().saved;
    render();
  } catch (e) {
    if (alert) {
      replace(alert, errorText(asError(e), t()));
      alert.hidden = false;
    }
  }
}

export function closeSettings(): void {
  ui.settingsKey = null;
  render();
}

/** Any touch or key press keeps the session alive (at most one call every 2 s). */
export function activity(): void {
  const now = Date.now();
  if (now - lastTouch < 2000) return;
  lastTouch = now;
  void backend.touch();
}

/** The idle overlay's "I'm still here": a touch now, however recent the last one. */
export function stayActive(): void {
  lastTouch = 0;
  activity();
  void refresh();
}

/** Polls Rust's status (every second, and after each action), then redraws. */
export async function refresh(times?: { answered?: number }): Promise<void> {
  try {
    const status = await backend.status();
    if (times) times.answered = performance.now();
    applyStatus(ui, status);
  } catch (e) {
    console.error("status failed", asError(e).code);
  }
  render();
}

/** Tells Rust the window has drawn its first screen, with the page's steps (Rust logs them). */
export function uiReady(page: PageTimes): Promise<void> {
  return backend.uiReady(page);
}
