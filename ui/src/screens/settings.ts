// #settings-screen: the settings staff may change (after the staff PIN), saved by Rust.
import { closeSettings, saveSettings } from "../actions";
import type { SavedSettings } from "../backend";
import { h } from "../dom";
import { t, ui } from "../state";
import { title } from "./title";

/** The settings to save, from the form's fields (named env, acr, idle, browser, kiosk). */
export function settingsFromForm(data: FormData): SavedSettings {
  return {
    env: String(data.get("env")),
    acr: String(data.get("acr")),
    idle_timeout_secs: Number(data.get("idle")),
    browser_mode: String(data.get("browser")),
    kiosk: data.get("kiosk") === "on",
  };
}

export function settingsScreen(): HTMLElement {
  const s = ui.status!.settings;
  const option = (value: string, label: string, selected: boolean, disabled = false) =>
    h("option", { value, selected, disabled }, label);
  const field = (id: string, label: string, control: HTMLElement, hint?: string) =>
    h(
      "div",
      { class: "fr-select-group fr-mb-3w" },
      h(
        "label",
        { class: "fr-label", for: id },
        label,
        hint && h("span", { class: "fr-hint-text" }, hint),
      ),
      control,
    );
  const form = h(
    "form",
    {
      id: "settings-form",
      onsubmit: (event: Event) => {
        event.preventDefault();
        void saveSettings(settingsFromForm(new FormData(event.currentTarget as HTMLFormElement)));
      },
    },
    field(
      "setting-env",
      t().settingEnv,
      h(
        "select",
        { id: "setting-env", name: "env", class: "fr-select" },
        option("sandbox", t().envSandbox, s.env === "sandbox"),
        option("direct", t().envDirect, s.env === "direct", s.fileEnv !== "direct"),
        option("gateway", t().envGateway, s.env === "gateway", s.fileEnv !== "gateway"),
      ),
      t().settingEnvHint,
    ),
    field(
      "setting-acr",
      t().settingAcr,
      h(
        "select",
        { id: "setting-acr", name: "acr", class: "fr-select" },
        option("eidas2", t().levelEidas2, s.acr === "eidas2"),
        option("eidas3", t().levelEidas3, s.acr === "eidas3"),
      ),
    ),
    h(
      "div",
      { class: "fr-input-group fr-mb-3w" },
      h("label", { class: "fr-label", for: "setting-idle" }, t().settingIdle),
      h("input", {
        id: "setting-idle",
        name: "idle",
        class: "fr-input",
        type: "number",
        min: 30,
        max: 3600,
        required: true,
        value: s.idleTimeoutSecs,
      }),
    ),
    field(
      "setting-browser",
      t().settingBrowser,
      h(
        "select",
        { id: "setting-browser", name: "browser", class: "fr-select" },
        option("system", t().browserSystem, s.browserMode === "system"),
        option("private", t().browserPrivate, s.browserMode === "private"),
      ),
    ),
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
      h(
        "li",
        {},
        h(
          "button",
          {
            id: "settings-close",
            class: "fr-btn fr-btn--secondary",
            type: "button",
            onclick: () => closeSettings(),
          },
          t().close,
        ),
      ),
    ),
  );
  return h(
    "section",
    { id: "settings-screen", class: "guichet-screen" },
    title(t().settingsTitle),
    form,
  );
}
