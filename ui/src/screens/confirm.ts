// #confirm-screen[data-suspicion]: an identity held because it may be the previous person's
// FC+ session; staff keep it or wipe it.
import { discardHeld, keepOrAskPin } from "../actions";
import { h } from "../dom";
import { t, ui } from "../state";
import { identityList } from "./identity";
import { title } from "./title";

export function confirmScreen(): HTMLElement {
  const status = ui.status!;
  return h(
    "section",
    { id: "confirm-screen", class: "guichet-screen", "data-suspicion": status.suspicion ?? "" },
    title(t().confirmTitle),
    h(
      "div",
      { class: "fr-alert fr-alert--warning fr-mb-4w", role: "alert" },
      h(
        "p",
        { id: "confirm-reason" },
        t().confirmLead[status.suspicion ?? ""] ?? t().errors.possible_reuse,
      ),
      h("p", {}, t().confirmQuestion),
    ),
    // The answer above the fold: staff read the identity below against the person's papers.
    h(
      "ul",
      { class: "fr-btns-group fr-btns-group--inline-md" },
      h(
        "li",
        {},
        h(
          "button",
          {
            id: "confirm-discard-button",
            class: "fr-btn fr-btn--lg",
            onclick: () => void discardHeld(),
          },
          t().confirmDiscard,
        ),
      ),
      h(
        "li",
        {},
        h(
          "button",
          {
            id: "confirm-keep-button",
            class: "fr-btn fr-btn--lg fr-btn--secondary",
            onclick: () => keepOrAskPin(status),
          },
          t().confirmKeep,
        ),
      ),
    ),
    identityList(status.identity!),
  );
}
