// #home-screen: the two ways to sign in (FC+, eIDAS), and the last confirmation (#notice).
import { signIn } from "../actions";
import { h } from "../dom";
import { levelName } from "../format";
import { t, ui } from "../state";
import { title } from "./title";

export function homeScreen(): HTMLElement {
  return h(
    "section",
    { id: "home-screen", class: "guichet-screen" },
    ui.message &&
      h(
        "div",
        { id: "notice", class: "fr-alert fr-alert--success fr-alert--sm fr-mb-4w", role: "status" },
        h("p", {}, ui.message),
      ),
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
            {
              id: "sign-in-fc",
              class: "fr-connect fr-connect--plus",
              onclick: () => void signIn(false),
            },
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
        h(
          "button",
          {
            id: "sign-in-eidas",
            class: "fr-btn fr-btn--lg fr-btn--secondary guichet-eidas",
            onclick: () => void signIn(true),
          },
          t().eidasButton,
        ),
      ),
    ),
    h(
      "p",
      { id: "level-note", class: "fr-text--sm fr-mt-4w" },
      t().levelNote(levelName(ui.status?.acr ?? "eidas2", t())),
    ),
  );
}
