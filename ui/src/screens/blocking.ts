// #blocking-screen[data-code]: Guichet cannot work (configuration, keyring…) until fixed.
import { h } from "../dom";
import { errorText } from "../format";
import { t, ui } from "../state";
import { title } from "./title";

export function blockingScreen(): HTMLElement {
  const error = ui.status!.blockingError!;
  return h(
    "section",
    { id: "blocking-screen", class: "guichet-screen", "data-code": error.code },
    title(t().blockingTitle),
    h(
      "div",
      { class: "fr-alert fr-alert--error fr-mb-4w", role: "alert" },
      h("p", { id: "error-message" }, errorText(error, t())),
    ),
    h(
      "p",
      { id: "error-detail", class: "fr-text--sm" },
      `${t().technicalDetail} — ${error.code}: ${error.detail}`,
    ),
  );
}
