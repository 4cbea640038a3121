// #ending-screen: while Rust signs out of FC+ and wipes the session.
import { h } from "../dom";
import { t } from "../state";
import { title } from "./title";

export function endingScreen(): HTMLElement {
  return h(
    "section",
    { id: "ending-screen", class: "guichet-screen", "aria-busy": "true" },
    title(t().endingTitle),
    h("p", { class: "fr-text--lead" }, t().endingLead),
    h("progress", { class: "guichet-progress", "aria-hidden": "true" }),
  );
}
