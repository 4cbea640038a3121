// The window: polls Rust's status every second and shows one screen at a time. Element ids
// are the contract with the end-to-end tests (src-tauri/tests/e2e/window.rs).
// DSFR's core and only the components the window uses (the whole dsfr.min.css is twice the
// CSS for the web view to parse at start; docs/PERFORMANCE.md).
import "@gouvfr/dsfr/dist/core/core.min.css";
import "@gouvfr/dsfr/dist/component/link/link.min.css";
import "@gouvfr/dsfr/dist/component/button/button.min.css";
import "@gouvfr/dsfr/dist/component/logo/logo.min.css";
import "@gouvfr/dsfr/dist/component/header/header.min.css";
import "@gouvfr/dsfr/dist/component/notice/notice.min.css";
import "@gouvfr/dsfr/dist/component/alert/alert.min.css";
import "@gouvfr/dsfr/dist/component/badge/badge.min.css";
import "@gouvfr/dsfr/dist/component/form/form.min.css";
import "@gouvfr/dsfr/dist/component/input/input.min.css";
import "@gouvfr/dsfr/dist/component/select/select.min.css";
import "@gouvfr/dsfr/dist/component/checkbox/checkbox.min.css";
import "@gouvfr/dsfr/dist/component/connect/connect.min.css";
import "./style.css";

import {
  asError,
  backend,
  type CommandError,
  type EndResult,
  type Identity,
  type Language,
  type SavedSettings,
  type Status,
} from "./backend";
import { h, replace } from "./dom";
import { catalogues, type Catalogue } from "./i18n";

type Screen = "home" | "waiting" | "identity" | "confirm" | "ending" | "error" | "blocking" | "settings";

interface Ui {
  status: Status | null;
  language: Language;
  /** The last sign-in's error, shown until staff go back home or try again. */
  error: { error: CommandError; eidas: boolean } | null;
  /** Open settings keep the PIN that opened them, to save with. */
  settingsPin: string | null;
  dialog: { purpose: "settings" | "quit" | "keep"; error: string | null } | null;
  /** A confirmation shown on the home screen (session ended, settings saved…). */
  message: string | null;
}

const ui: Ui = { status: null, language: "fr", error: null, settingsPin: null, dialog: null, message: null };
const rendered = { main: "", banner: "", overlay: "", dialog: "" };
let lastTouch = 0;

const t = (): Catalogue => catalogues[ui.language];
const errorText = (e: CommandError): string => t().errors[e.code] ?? (e.message || t().errors.internal);

function screen(): Screen {
  const status = ui.status;
  if (!status) return "home";
  if (status.blockingError) return "blocking";
  if (ui.settingsPin !== null && status.phase === "home") return "settings";
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
      return ui.error ? "error" : "home";
  }
}

// ---- actions -------------------------------------------------------------------------

async function signIn(eidas: boolean): Promise<void> {
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
    await backend.signIn(eidas);
  } catch (e) {
    const error = asError(e);
    if (error.code === "provider_unreachable" && ui.status?.online === false) error.code = "offline";
    // A held identity is shown by the confirm screen, from the status.
    if (error.code !== "possible_reuse") ui.error = { error, eidas };
  }
  await refresh();
}

/** What an end of session did, in one sentence: above all whether the next person's sign-in
 * in this browser could be handed this person's FC+ session. */
function endedText(result: EndResult): string {
  if (!result.hadSession || result.remoteLogout === "done") return t().ended;
  if (result.remoteLogout === "browser_closed") return t().endedBrowserClosed;
  return result.fcSessionCleared ? t().ended : t().endedLocalOnly;
}

async function keepHeld(pin: string | null): Promise<void> {
  await backend.keepHeld(pin);
  ui.error = null;
  await refresh();
}

async function discardHeld(): Promise<void> {
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

async function endSession(): Promise<void> {
  if (ui.status) ui.status.phase = "ending";
  render();
  try {
    const result = await backend.endSession();
    ui.message = endedText(result);
  } catch (e) {
    ui.error = { error: asError(e), eidas: false };
  }
  await refresh();
}

async function setLanguage(language: Language): Promise<void> {
  ui.language = language;
  await backend.setLanguage(language);
  render();
}

async function submitPin(pin: string): Promise<void> {
  const dialog = ui.dialog;
  if (!dialog) return;
  try {
    if (dialog.purpose === "quit") {
      await backend.quit(pin);
    } else if (dialog.purpose === "keep") {
      await keepHeld(pin);
    } else {
      await backend.unlockSettings(pin);
      ui.settingsPin = pin;
    }
    ui.dialog = null;
  } catch (e) {
    dialog.error = errorText(asError(e));
  }
  render();
}

async function closeDialog(): Promise<void> {
  if (ui.dialog?.purpose === "quit") await backend.quit(null);
  ui.dialog = null;
  render();
}

async function saveSettings(form: HTMLFormElement): Promise<void> {
  const data = new FormData(form);
  const settings: SavedSettings = {
    env: String(data.get("env")),
    acr: String(data.get("acr")),
    idle_timeout_secs: Number(data.get("idle")),
    browser_mode: String(data.get("browser")),
    kiosk: data.get("kiosk") === "on",
  };
  const alert = document.getElementById("settings-error");
  try {
    ui.status = await backend.saveSettings(ui.settingsPin ?? "", settings);
    ui.settingsPin = null;
    ui.message = t().saved;
    render();
  } catch (e) {
    if (alert) {
      replace(alert, errorText(asError(e)));
      alert.hidden = false;
    }
  }
}

/** Any touch or key press keeps the session alive (at most one call every 2 s). */
function activity(): void {
  const now = Date.now();
  if (now - lastTouch < 2000) return;
  lastTouch = now;
  void backend.touch();
}

// ---- polling -------------------------------------------------------------------------

async function refresh(): Promise<void> {
  try {
    const status = await backend.status();
    if (!ui.status) ui.language = status.language;
    if (status.language !== ui.language && status.phase === "home" && ui.status?.phase !== "home") {
      ui.language = status.language; // a kiosk goes back to its own language after a session
    }
    if (status.notice) {
      const base = status.notice.code === "idle_ended" ? t().noticeIdle : t().noticeExpired;
      ui.message = status.notice.fcSessionCleared ? base : `${base} ${t().noticeFcNotCleared}`;
    }
    if (status.closeRequested && !ui.dialog) ui.dialog = { purpose: "quit", error: null };
    if (status.phase === "signedIn") ui.error = null;
    ui.status = status;
  } catch (e) {
    console.error("status failed", asError(e).code);
  }
  render();
}

// ---- rendering -----------------------------------------------------------------------

function render(): void {
  document.documentElement.lang = ui.language;
  const current = screen();
  document.body.dataset.screen = current;
  document.body.dataset.kiosk = String(ui.status?.kiosk ?? false);
  renderHeader();
  renderBanner();
  const key = JSON.stringify([current, ui.language, ui.status?.identity, ui.status?.suspicion, ui.error, ui.message, ui.status?.settings, ui.status?.acr, ui.status?.blockingError]);
  const main = document.getElementById("main")!;
  if (key !== rendered.main) {
    const screenChanged = !rendered.main.startsWith(`["${current}"`);
    rendered.main = key;
    replace(main, screens[current]());
    if (screenChanged) document.getElementById("screen-title")?.focus();
  }
  updateLive();
  renderOverlay();
  renderDialog();
}

function renderHeader(): void {
  const tools = document.getElementById("header-tools")!;
  const key = JSON.stringify([ui.language, screen()]);
  if (tools.dataset.key === key) return;
  tools.dataset.key = key;
  const language = (code: Language, label: string) =>
    h(
      "button",
      {
        id: `lang-${code}`,
        class: `fr-btn fr-btn--tertiary-no-outline fr-btn--sm`,
        lang: code,
        "aria-pressed": String(ui.language === code),
        onclick: () => void setLanguage(code),
      },
      label,
    );
  const canOpenSettings = screen() === "home" || screen() === "error";
  replace(
    tools,
    h(
      "div",
      { class: "guichet-tools", role: "group", "aria-label": t().languageLabel },
      language("fr", "Français"),
      language("en", "English"),
      canOpenSettings &&
        h(
          "button",
          {
            id: "settings-button",
            class: "fr-btn fr-btn--tertiary fr-btn--sm",
            onclick: () => {
              ui.dialog = { purpose: "settings", error: null };
              render();
            },
          },
          t().settings,
        ),
    ),
  );
  document.getElementById("service-tagline")!.textContent = t().tagline;
}

function renderBanner(): void {
  const banner = document.getElementById("banner")!;
  const offline = ui.status?.online === false;
  const env = ui.status?.env === "sandbox" ? t().envSandbox : null; // test data: always said
  const key = JSON.stringify([offline, env, ui.language]);
  if (key === rendered.banner) return;
  rendered.banner = key;
  replace(
    banner,
    offline &&
      h(
        "div",
        { id: "offline-banner", class: "fr-notice fr-notice--alert", role: "status" },
        h("div", { class: "fr-container" }, h("div", { class: "fr-notice__body" }, h("p", { class: "fr-notice__title" }, t().offline))),
      ),
    env &&
      h(
        "div",
        { id: "env-banner", class: "fr-notice fr-notice--info" },
        h("div", { class: "fr-container" }, h("div", { class: "fr-notice__body" }, h("p", { class: "fr-notice__title" }, env))),
      ),
  );
}

/** Texts that change every second, updated in place so focus and screen readers stay put. */
function updateLive(): void {
  const signIn = ui.status?.signIn;
  const countdown = document.getElementById("countdown");
  if (countdown && signIn) {
    countdown.textContent = signIn.browserOpened ? t().countdown(signIn.secondsLeft) : t().waitingOpening;
    const bar = document.getElementById("countdown-bar") as HTMLProgressElement | null;
    if (bar && signIn.timeoutSeconds > 0) {
      bar.max = signIn.timeoutSeconds;
      bar.value = signIn.secondsLeft;
    }
  }
  const reopen = document.getElementById("reopen-button") as HTMLButtonElement | null;
  if (reopen) reopen.disabled = !signIn?.browserOpened;
  const idle = document.getElementById("idle-countdown");
  if (idle && ui.status?.idleSecondsLeft !== undefined) idle.textContent = t().idleLead(ui.status.idleSecondsLeft);
}

function renderOverlay(): void {
  const overlay = document.getElementById("overlay")!;
  const show = (screen() === "identity" || screen() === "confirm") && ui.status?.idleSecondsLeft !== undefined;
  const key = JSON.stringify([show, ui.language]);
  if (key === rendered.overlay) return;
  rendered.overlay = key;
  if (!show) {
    replace(overlay);
    return;
  }
  replace(
    overlay,
    h(
      "div",
      { id: "idle-overlay", class: "guichet-overlay guichet-overlay--opaque", role: "alertdialog", "aria-modal": "true", "aria-labelledby": "idle-title", "aria-describedby": "idle-countdown" },
      h(
        "div",
        { class: "guichet-overlay__box" },
        h("h2", { id: "idle-title", class: "fr-h3" }, t().idleTitle),
        h("p", { id: "idle-countdown", class: "fr-text--lg", "aria-live": "assertive" }, t().idleLead(ui.status?.idleSecondsLeft ?? 0)),
        h(
          "button",
          {
            id: "idle-stay",
            class: "fr-btn fr-btn--lg",
            onclick: () => {
              lastTouch = 0;
              activity();
              void refresh();
            },
          },
          t().idleStay,
        ),
      ),
    ),
  );
  document.getElementById("idle-stay")?.focus();
}

function renderDialog(): void {
  const host = document.getElementById("dialog")!;
  const dialog = ui.dialog;
  const key = JSON.stringify([dialog, ui.language]);
  if (key === rendered.dialog) return;
  const wasOpen = rendered.dialog !== "" && !rendered.dialog.startsWith("[null");
  rendered.dialog = key;
  if (!dialog) {
    replace(host);
    return;
  }
  const input = h("input", {
    id: "pin-input",
    class: "fr-input",
    type: "password",
    inputmode: "numeric",
    autocomplete: "off",
    pattern: "[0-9]*",
    maxlength: 12,
    "aria-describedby": dialog.error ? "pin-error" : undefined,
  }) as HTMLInputElement;
  replace(
    host,
    h(
      "div",
      { id: "pin-dialog", class: "guichet-overlay", role: "dialog", "aria-modal": "true", "aria-labelledby": "pin-title", "data-purpose": dialog.purpose },
      h(
        "form",
        {
          class: "guichet-overlay__box",
          onsubmit: (event: Event) => {
            event.preventDefault();
            void submitPin(input.value);
          },
        },
        h("h2", { id: "pin-title", class: "fr-h4" }, dialog.purpose === "quit" ? t().pinTitleQuit : dialog.purpose === "keep" ? t().pinTitleKeep : t().pinTitleSettings),
        h("p", {}, t().pinLead),
        h(
          "div",
          { class: `fr-input-group${dialog.error ? " fr-input-group--error" : ""}` },
          h("label", { class: "fr-label", for: "pin-input" }, t().pinLabel),
          input,
          dialog.error && h("p", { id: "pin-error", class: "fr-error-text", role: "alert" }, dialog.error),
        ),
        h(
          "ul",
          { class: "fr-btns-group fr-btns-group--inline-md" },
          h("li", {}, h("button", { id: "pin-submit", class: "fr-btn", type: "submit" }, t().pinSubmit)),
          h("li", {}, h("button", { id: "pin-cancel", class: "fr-btn fr-btn--secondary", type: "button", onclick: () => void closeDialog() }, t().cancel)),
        ),
      ),
    ),
  );
  if (!wasOpen || dialog.error) input.focus();
}

function title(text: string): HTMLElement {
  return h("h1", { id: "screen-title", tabindex: "-1" }, text);
}

function levelName(acr: string): string {
  return acr === "eidas3" ? t().levelEidas3 : t().levelEidas2;
}

const screens: Record<Screen, () => HTMLElement> = {
  home: () =>
    h(
      "section",
      { id: "home-screen", class: "guichet-screen" },
      ui.message && h("div", { id: "notice", class: "fr-alert fr-alert--success fr-alert--sm fr-mb-4w", role: "status" }, h("p", {}, ui.message)),
      title(t().homeTitle),
      h("p", { class: "fr-text--lead" }, t().homeLead),
      h(
        "div",
        { class: "guichet-paths" },
        h(
          "div",
          { class: "guichet-path" },
          h(
            "div",
            { class: "fr-connect-group" },
            h(
              "button",
              { id: "sign-in-fc", class: "fr-connect fr-connect--plus", onclick: () => void signIn(false) },
              h("span", { class: "fr-connect__login" }, t().fcButtonLogin),
              " ",
              h("span", { class: "fr-connect__brand" }, t().fcButtonBrand),
            ),
            h("p", { class: "fr-text--sm" }, t().whatIsFc),
          ),
        ),
        h(
          "div",
          { class: "guichet-path" },
          h("h2", { class: "fr-h6" }, t().eidasTitle),
          h("button", { id: "sign-in-eidas", class: "fr-btn fr-btn--lg fr-btn--secondary guichet-eidas", onclick: () => void signIn(true) }, t().eidasButton),
        ),
      ),
      h("p", { id: "level-note", class: "fr-text--sm fr-mt-4w" }, t().levelNote(levelName(ui.status?.acr ?? "eidas2"))),
    ),

  waiting: () => {
    const eidas = ui.status?.signIn?.eidas ?? false;
    return h(
      "section",
      { id: "waiting-screen", class: "guichet-screen", "aria-busy": "true" },
      title(t().waitingTitle),
      h("p", { class: "fr-text--lead" }, eidas ? t().waitingLeadEidas : t().waitingLead),
      h("progress", { id: "countdown-bar", class: "guichet-progress", "aria-hidden": "true" }),
      h("p", { id: "countdown", role: "timer", "aria-live": "off" }, t().waitingOpening),
      h(
        "ul",
        { class: "fr-btns-group fr-btns-group--inline-md" },
        h("li", {}, h("button", { id: "reopen-button", class: "fr-btn fr-btn--lg", onclick: () => void backend.reopenBrowser().catch((e) => (ui.error = { error: asError(e), eidas })) }, t().reopen)),
        h("li", {}, h("button", { id: "cancel-button", class: "fr-btn fr-btn--lg fr-btn--secondary", onclick: () => void backend.cancelSignIn() }, t().cancel)),
      ),
    );
  },

  identity: () => identityScreen(ui.status!.identity!),

  confirm: () => {
    const status = ui.status!;
    const keep = () => {
      if (status.kiosk && status.settings.pinRequired) {
        ui.dialog = { purpose: "keep", error: null };
        render();
      } else {
        void keepHeld(null).catch((e) => (ui.error = { error: asError(e), eidas: false }));
      }
    };
    return h(
      "section",
      { id: "confirm-screen", class: "guichet-screen", "data-suspicion": status.suspicion ?? "" },
      title(t().confirmTitle),
      h(
        "div",
        { class: "fr-alert fr-alert--warning fr-mb-4w", role: "alert" },
        h("p", { id: "confirm-reason" }, t().confirmLead[status.suspicion ?? ""] ?? t().errors.possible_reuse),
        h("p", {}, t().confirmQuestion),
      ),
      // The answer above the fold: staff read the identity below against the person's papers.
      h(
        "ul",
        { class: "fr-btns-group fr-btns-group--inline-md" },
        h("li", {}, h("button", { id: "confirm-discard-button", class: "fr-btn fr-btn--lg", onclick: () => void discardHeld() }, t().confirmDiscard)),
        h("li", {}, h("button", { id: "confirm-keep-button", class: "fr-btn fr-btn--lg fr-btn--secondary", onclick: keep }, t().confirmKeep)),
      ),
      identityList(status.identity!),
    );
  },

  ending: () =>
    h(
      "section",
      { id: "ending-screen", class: "guichet-screen", "aria-busy": "true" },
      title(t().endingTitle),
      h("p", { class: "fr-text--lead" }, t().endingLead),
      h("progress", { class: "guichet-progress", "aria-hidden": "true" }),
    ),

  error: () => {
    const { error, eidas } = ui.error!;
    return h(
      "section",
      { id: "error-screen", class: "guichet-screen", "data-code": error.code },
      title(t().errorTitle),
      h("div", { class: "fr-alert fr-alert--error fr-mb-4w", role: "alert" }, h("p", { id: "error-message" }, errorText(error))),
      // FC+ shows these pages instead of coming back: all the app sees is its wait running out.
      error.code === "timed_out" &&
        h(
          "div",
          { id: "fc-error-pages", class: "fr-mb-4w" },
          h("p", {}, t().fcErrorPagesIntro),
          h("ul", {}, ...t().fcErrorPages.map(([code, meaning]) => h("li", { id: `fc-error-${code}` }, h("strong", {}, code), ` — ${meaning}`))),
        ),
      error.detail && h("details", { class: "fr-text--sm" }, h("summary", {}, t().technicalDetail), h("p", { id: "error-detail" }, `${error.code}: ${error.detail}`)),
      h(
        "ul",
        { class: "fr-btns-group fr-btns-group--inline-md" },
        // Staff closed every browser window: the previous person's FC+ session is gone.
        error.code === "previous_fc_session"
          ? h("li", {}, h("button", { id: "browser-closed-button", class: "fr-btn fr-btn--lg", onclick: () => void backend.confirmBrowserClosed().then(() => signIn(eidas)) }, t().browserClosed))
          : h("li", {}, h("button", { id: "error-retry", class: "fr-btn fr-btn--lg", onclick: () => void signIn(eidas) }, t().retry)),
        h("li", {}, h("button", { id: "error-home", class: "fr-btn fr-btn--lg fr-btn--secondary", onclick: () => { ui.error = null; render(); } }, t().home)),
      ),
    );
  },

  blocking: () => {
    const error = ui.status!.blockingError!;
    return h(
      "section",
      { id: "blocking-screen", class: "guichet-screen", "data-code": error.code },
      title(t().blockingTitle),
      h("div", { class: "fr-alert fr-alert--error fr-mb-4w", role: "alert" }, h("p", { id: "error-message" }, errorText(error))),
      h("p", { id: "error-detail", class: "fr-text--sm" }, `${t().technicalDetail} — ${error.code}: ${error.detail}`),
    );
  },

  settings: () => settingsScreen(),
};

function identityList(identity: Identity): HTMLElement {
  const rows: [string, string, string | undefined][] = [
    ["family-name", t().familyName, identity.familyName],
    ["preferred-username", t().preferredUsername, identity.preferredUsername],
    ["given-name", t().givenName, identity.givenName],
    ["birthdate", t().birthdate, identity.birthdate && formatDate(identity.birthdate)],
    ["birthplace", t().birthplace, insee(identity.birthplace)],
    ["birthcountry", t().birthcountry, insee(identity.birthcountry)],
    ["level", t().level, levelName(identity.acr)],
    ["origin", t().origin, identity.origin === "eidas" ? t().originEidas : identity.origin === "france" ? t().originFrance : t().originUnknown],
  ];
  return h(
    "dl",
    { class: "guichet-identity" },
    ...rows
      .filter(([, , value]) => value !== undefined && value !== "")
      .map(([id, label, value]) => h("div", { class: "guichet-identity__row" }, h("dt", {}, label), h("dd", { id: `field-${id}` }, value!))),
  );
}

function identityScreen(identity: Identity): HTMLElement {
  const expires = new Date(identity.expiresAt).toLocaleTimeString(ui.language === "fr" ? "fr-FR" : "en-GB", { hour: "2-digit", minute: "2-digit" });
  return h(
    "section",
    { id: "identity-screen", class: "guichet-screen" },
    h(
      "div",
      { class: "guichet-identity__head" },
      h("div", {}, title(t().identityTitle), h("p", { class: "fr-badge fr-badge--success" }, t().identityLead)),
      h("button", { id: "end-session-button", class: "fr-btn fr-btn--lg", onclick: () => void endSession() }, t().endSession),
    ),
    identityList(identity),
    h("p", { class: "fr-text--sm" }, t().expiresAt(expires)),
  );
}

/** French places and countries come as five-digit INSEE codes; eIDAS places as free text. */
function insee(value: string | undefined): string | undefined {
  return value && /^\d{5}$/.test(value) ? `${value} (${t().inseeCode})` : value;
}

/** A birthdate as a person reads it. FC+ sends a presumed date as YYYY-MM-00 (day unknown) or
 * YYYY-00-00 (month unknown too): those read "08/1962" and "1962", never "00/08/1962".
 * Same rule as the CLI's `readable_birthdate` (src-tauri/src/output.rs). */
function formatDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return iso;
  const [, y, m, d] = match;
  if (m === "00" && d === "00") return y;
  if (d === "00") return `${m}/${y}`;
  return ui.language === "fr" ? `${d}/${m}/${y}` : `${d}/${m}/${y} (${iso})`;
}

function settingsScreen(): HTMLElement {
  const s = ui.status!.settings;
  const option = (value: string, label: string, selected: boolean, disabled = false) =>
    h("option", { value, selected, disabled }, label);
  const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
    h("div", { class: "fr-select-group fr-mb-3w" }, h("label", { class: "fr-label", for: id }, label, hint && h("span", { class: "fr-hint-text" }, hint)), control);
  const form = h(
    "form",
    {
      id: "settings-form",
      onsubmit: (event: Event) => {
        event.preventDefault();
        void saveSettings(event.currentTarget as HTMLFormElement);
      },
    },
    field(
      "setting-env",
      t().settingEnv,
      h("select", { id: "setting-env", name: "env", class: "fr-select" }, option("sandbox", t().envSandbox, s.env === "sandbox"), option("direct", t().envDirect, s.env === "direct", s.fileEnv !== "direct"), option("gateway", t().envGateway, s.env === "gateway", s.fileEnv !== "gateway")),
      t().settingEnvHint,
    ),
    field("setting-acr", t().settingAcr, h("select", { id: "setting-acr", name: "acr", class: "fr-select" }, option("eidas2", t().levelEidas2, s.acr === "eidas2"), option("eidas3", t().levelEidas3, s.acr === "eidas3"))),
    h("div", { class: "fr-input-group fr-mb-3w" }, h("label", { class: "fr-label", for: "setting-idle" }, t().settingIdle), h("input", { id: "setting-idle", name: "idle", class: "fr-input", type: "number", min: 30, max: 3600, required: true, value: s.idleTimeoutSecs })),
    field("setting-browser", t().settingBrowser, h("select", { id: "setting-browser", name: "browser", class: "fr-select" }, option("system", t().browserSystem, s.browserMode === "system"), option("private", t().browserPrivate, s.browserMode === "private"))),
    h(
      "div",
      { class: "fr-checkbox-group fr-mb-3w" },
      h("input", { id: "setting-kiosk", name: "kiosk", type: "checkbox", checked: s.kiosk }),
      h("label", { class: "fr-label", for: "setting-kiosk" }, t().settingKiosk),
    ),
    h("p", { id: "settings-error", class: "fr-error-text", role: "alert", hidden: true }),
    h(
      "ul",
      { class: "fr-btns-group fr-btns-group--inline-md" },
      h("li", {}, h("button", { id: "settings-save", class: "fr-btn", type: "submit" }, t().save)),
      h("li", {}, h("button", { id: "settings-close", class: "fr-btn fr-btn--secondary", type: "button", onclick: () => { ui.settingsPin = null; render(); } }, t().close)),
    ),
  );
  return h("section", { id: "settings-screen", class: "guichet-screen" }, title(t().settingsTitle), form);
}

// ---- start ---------------------------------------------------------------------------

function layout(): void {
  replace(
    document.getElementById("app")!,
    h(
      "header",
      { role: "banner", class: "fr-header" },
      h(
        "div",
        { class: "fr-header__body" },
        h(
          "div",
          { class: "fr-container" },
          h(
            "div",
            { class: "fr-header__body-row" },
            h(
              "div",
              { class: "fr-header__brand" },
              h("div", { class: "fr-header__brand-top" }, h("div", { class: "fr-header__logo" }, h("p", { class: "fr-logo" }, "République", h("br"), "Française"))),
              h("div", { class: "fr-header__service" }, h("p", { class: "fr-header__service-title" }, "Guichet"), h("p", { id: "service-tagline", class: "fr-header__service-tagline" })),
            ),
            h("div", { id: "header-tools", class: "fr-header__tools" }),
          ),
        ),
      ),
    ),
    h("div", { id: "banner" }),
    h("main", { id: "main", class: "fr-container fr-py-4w", role: "main" }),
    h("div", { id: "overlay" }),
    h("div", { id: "dialog" }),
  );
}

layout();
for (const type of ["pointerdown", "keydown", "touchstart"]) {
  window.addEventListener(type, activity, { passive: true });
}
void refresh().then(() => {
  requestAnimationFrame(() => void backend.uiReady());
});
setInterval(() => void refresh(), 1000);
