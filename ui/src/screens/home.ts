// #home-screen: the two ways to sign in (FC+, eIDAS), and the last confirmation (#notice).
import { signIn, whatIsFcPlus } from "../actions";
import { FC_PLUS_INFO_URL } from "../codes.generated";
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
        // DSFR's FranceConnect+ button as its documentation writes it (component "connect").
        h(
          "div",
          { class: "fr-connect-group" },
          h(
            "button",
            {
              id: "sign-in-fc",
              class: "fr-connect fr-connect--plus",
              type: "button",
              onclick: () => void signIn(false),
            },
            h("span", { class: "fr-connect__login" }, t().fcButtonLogin),
            " ",
            h("span", { class: "fr-connect__brand" }, t().fcButtonBrand),
          ),
          h("p", {}, whatIsFcLink()),
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

/** DSFR's information link under the button. At a counter a link to FC+'s page, which Rust
 * opens in the desktop's browser (the address is Rust's, fixed); at a kiosk, which opens no
 * free browser, a button that shows the same facts in a panel. */
function whatIsFcLink(): HTMLElement {
  const open = (event: Event) => {
    event.preventDefault();
    void whatIsFcPlus();
  };
  if (ui.status?.kiosk)
    return h(
      "button",
      {
        id: "what-is-fc",
        class: "fr-link",
        type: "button",
        "aria-haspopup": "dialog",
        onclick: open,
      },
      t().whatIsFcLink,
    );
  return h(
    "a",
    {
      id: "what-is-fc",
      href: FC_PLUS_INFO_URL,
      target: "_blank",
      rel: "noopener",
      title: t().whatIsFcNewWindow,
      onclick: open,
    },
    t().whatIsFcLink,
  );
}
