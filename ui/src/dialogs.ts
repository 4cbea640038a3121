// What opens over the screen: the staff PIN dialog (#pin-dialog, data-purpose settings, quit
// or keep), the idle countdown (#idle-overlay) and a kiosk's "What is FranceConnect+?"
// panel (#fc-info). Both are <dialog>s opened with showModal():
// the screen behind is inert, the focus stays inside, Escape is "cancel" for the PIN and "I'm
// still here" for the countdown. Each redraws its content only when what it shows changes,
// keeping the open dialog (and the focus) in place.
import { closeDialog, closeFcInfo, stayActive, submitPin } from "./actions";
import { announce, crossesMark } from "./announce";
import { h, replace } from "./dom";
import { pinTitle } from "./format";
import { rendered, screen, showsIdleOverlay, t, ui } from "./state";

/** The open modal `<dialog>` with this id in `host`, created and opened if needed; `onCancel`
 * runs on Escape instead of the browser closing it behind the state's back. */
function modal(host: HTMLElement, id: string, onCancel: () => void): HTMLDialogElement {
  let dialog = document.getElementById(id) as HTMLDialogElement | null;
  if (!dialog) {
    dialog = h("dialog", { id }) as HTMLDialogElement;
    dialog.addEventListener("cancel", (event) => {
      event.preventDefault();
      onCancel();
    });
    replace(host, dialog);
  }
  if (!dialog.open) dialog.showModal();
  return dialog;
}

function dismiss(host: HTMLElement, id: string): void {
  const dialog = document.getElementById(id) as HTMLDialogElement | null;
  if (dialog?.open) dialog.close();
  replace(host);
}

/** Seconds left at the last redraw of the countdown, for the announcements. */
let idleSecondsSaid: number | undefined;

export function renderIdleOverlay(): void {
  const overlay = document.getElementById("overlay")!;
  const show = showsIdleOverlay(screen(), ui.status);
  const seconds = ui.status?.idleSecondsLeft;
  if (show && seconds !== undefined) {
    if (crossesMark(idleSecondsSaid, seconds)) announce(t().idleLead(seconds));
    idleSecondsSaid = seconds;
  } else {
    idleSecondsSaid = undefined;
  }
  const key = JSON.stringify([show, ui.language]);
  if (key === rendered.overlay) return;
  rendered.overlay = key;
  if (!show) {
    dismiss(overlay, "idle-overlay");
    return;
  }
  const wasOpen = document.getElementById("idle-overlay") !== null;
  const dialog = modal(overlay, "idle-overlay", stayActive);
  dialog.className = "guichet-dialog guichet-dialog--opaque";
  dialog.setAttribute("role", "alertdialog");
  dialog.setAttribute("aria-labelledby", "idle-title");
  dialog.setAttribute("aria-describedby", "idle-countdown");
  replace(
    dialog,
    h("h2", { id: "idle-title", class: "fr-h3" }, t().idleTitle),
    // Updated every second in place (render.ts); said aloud only at the marks, through
    // the window's live region.
    h("p", { id: "idle-countdown", class: "fr-text--lg" }, t().idleLead(seconds ?? 0)),
    h(
      "button",
      {
        id: "idle-stay",
        class: "fr-btn fr-btn--lg",
        onclick: () => stayActive(),
      },
      t().idleStay,
    ),
  );
  if (!wasOpen || document.activeElement === document.body) {
    document.getElementById("idle-stay")?.focus();
  }
}

export function renderPinDialog(): void {
  const host = document.getElementById("dialog")!;
  const dialog = ui.dialog;
  const key = JSON.stringify([dialog, ui.language]);
  if (key === rendered.dialog) return;
  const wasOpen = rendered.dialog !== "" && !rendered.dialog.startsWith("[null");
  rendered.dialog = key;
  if (!dialog) {
    dismiss(host, "pin-dialog");
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
  const element = modal(host, "pin-dialog", () => void closeDialog());
  element.className = "guichet-dialog";
  element.setAttribute("aria-labelledby", "pin-title");
  element.dataset.purpose = dialog.purpose;
  replace(
    element,
    h(
      "form",
      {
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
  );
  if (!wasOpen || dialog.error) input.focus();
}

/** A kiosk's answer to "What is FranceConnect+?": FC+'s facts in the window, since a kiosk
 * opens no free browser. Escape or "Close" closes it and gives the focus back to the link. */
export function renderFcInfo(): void {
  const host = document.getElementById("info")!;
  const key = JSON.stringify([ui.fcInfo, ui.language]);
  if (key === rendered.info) return;
  const wasOpen = rendered.info.startsWith("[true");
  rendered.info = key;
  if (!ui.fcInfo) {
    dismiss(host, "fc-info");
    return;
  }
  const dialog = modal(host, "fc-info", closeFcInfo);
  dialog.className = "guichet-dialog";
  dialog.setAttribute("aria-labelledby", "fc-info-title");
  replace(
    dialog,
    h("h2", { id: "fc-info-title", class: "fr-h4" }, t().whatIsFcLink),
    h("p", {}, t().fcInfoLead),
    h("p", {}, t().fcInfoSecurity),
    h("p", {}, t().fcInfoData),
    h("p", {}, t().fcInfoEidas),
    h("p", { class: "fr-text--sm" }, t().fcInfoMore),
    h(
      "button",
      { id: "fc-info-close", class: "fr-btn", type: "button", onclick: () => closeFcInfo() },
      t().close,
    ),
  );
  if (!wasOpen) document.getElementById("fc-info-close")?.focus();
}
