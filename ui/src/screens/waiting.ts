// #waiting-screen: the sign-in goes on in the browser; its countdown ticks in render.ts.
import { cancelSignIn, reopenBrowser } from "../actions";
import { h } from "../dom";
import { t, ui } from "../state";
import { title } from "./title";

export function waitingScreen(): HTMLElement {
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
      h(
        "li",
        {},
        h(
          "button",
          {
            id: "reopen-button",
            class: "fr-btn fr-btn--lg",
            onclick: () => void reopenBrowser(eidas),
          },
          t().reopen,
        ),
      ),
      h(
        "li",
        {},
        h(
          "button",
          {
            id: "cancel-button",
            class: "fr-btn fr-btn--lg fr-btn--secondary",
            onclick: () => void cancelSignIn(),
          },
          t().cancel,
        ),
      ),
    ),
  );
}
