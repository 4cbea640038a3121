// What opens over the screen: the staff PIN dialog (#pin-dialog, data-purpose settings, quit
// or keep) and the idle overlay (#idle-overlay). Each redraws only when what it shows changes.
import { closeDialog, stayActive, submitPin } from "./actions";
import { h, replace } from "./dom";
import { pinTitle } from "./format";
import { rendered, screen, showsIdleOverlay, t, ui } from "./state";

export function renderIdleOverlay(): void {
  const overlay = document.getElementById("overlay")!;
  const show = showsIdleOverlay(screen(), ui.status);
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
      {
        id: "idle-overlay",
        class: "guichet-overlay guichet-overlay--opaque",
        role: "alertdialog",
        "aria-modal": "true",
        "aria-labelledby": "idle-title",
        "aria-describedby": "idle-countdown",
      },
      h(
        "div",
        { class: "guichet-overlay__box" },
        h("h2", { id: "idle-title", class: "fr-h3" }, t().idleTitle),
        h(
          "p",
          { id: "idle-countdown", class: "fr-text--lg", "aria-live": "assertive" },
          t().idleLead(ui.status?.idleSecondsLeft ?? 0),
        ),
        h(
          "button",
          {
            id: "idle-stay",
            class: "fr-btn fr-btn--lg",
            onclick: () => stayActive(),
          },
          t().idleStay,
        ),
      ),
    ),
  );
  document.getElementById("idle-stay")?.focus();
}

export function renderPinDialog(): void {
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
      {
        id: "pin-dialog",
        class: "guichet-overlay",
        role: "dialog",
        "aria-modal": "true",
        "aria-labelledby": "pin-title",
        "data-purpose": dialog.purpose,
      },
      h(
        "form",
        {
          class: "guichet-overlay__box",
          onsubmit: (event: Event) => {
            event.preventDefault();
            void submitPin(input.value);
          },
        },
        h("h2", { id: "pin-title", class: "fr-h4" }, pinTitle(dialog.purpose, t())),
        h("p", {}, t().pinLead),
        h(
          "div",
          { class: `fr-input-group${dialog.error ? " fr-input-group--error" : ""}` },
          h("label", { class: "fr-label", for: "pin-input" }, t().pinLabel),
          input,
          dialog.error &&
            h("p", { id: "pin-error", class: "fr-error-text", role: "alert" }, dialog.error),
        ),
        h(
          "ul",
          { class: "fr-btns-group fr-btns-group--inline-md" },
          h(
            "li",
            {},
            h("button", { id: "pin-submit", class: "fr-btn", type: "submit" }, t().pinSubmit),
          ),
          h(
            "li",
            {},
            h(
              "button",
              {
                id: "pin-cancel",
                class: "fr-btn fr-btn--secondary",
                type: "button",
                onclick: () => void closeDialog(),
              },
              t().cancel,
            ),
          ),
        ),
      ),
    ),
  );
  if (!wasOpen || dialog.error) input.focus();
}
