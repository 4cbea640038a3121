// #error-screen[data-code]: the last sign-in failed; what happened, and try again or go home.
import { Code } from "../codes.generated";
import { browserClosed, goHome, signIn } from "../actions";
import { h } from "../dom";
import { errorText } from "../format";
import { t, ui } from "../state";
import { title } from "./title";

export function errorScreen(): HTMLElement {
  const { error, eidas, offline } = ui.error!;
  return h(
    "section",
    { id: "error-screen", class: "guichet-screen", "data-code": error.code },
    title(t().errorTitle),
    h(
      "div",
      { class: "fr-alert fr-alert--error fr-mb-4w", role: "alert" },
      h("p", { id: "error-message" }, errorText(error, t(), offline)),
    ),
    // FC+ shows these pages instead of coming back: all the app sees is its wait running out.
    error.code === Code.TimedOut &&
      h(
        "div",
        { id: "fc-error-pages", class: "fr-mb-4w" },
        h("p", {}, t().fcErrorPagesIntro),
        h(
          "ul",
          {},
          ...t().fcErrorPages.map(([code, meaning]) =>
            h("li", { id: `fc-error-${code}` }, h("strong", {}, code), ` — ${meaning}`),
          ),
        ),
      ),
    error.detail &&
      h(
        "details",
        { class: "fr-text--sm" },
        h("summary", {}, t().technicalDetail),
        h("p", { id: "error-detail" }, `${error.code}: ${error.detail}`),
      ),
    h(
      "ul",
      { class: "fr-btns-group fr-btns-group--inline-md" },
      // Staff closed every browser window: the previous person's FC+ session is gone.
      error.code === Code.PreviousFcSession
        ? h(
            "li",
            {},
            h(
              "button",
              {
                id: "browser-closed-button",
                class: "fr-btn fr-btn--lg",
                onclick: () => void browserClosed(eidas),
              },
              t().browserClosed,
            ),
          )
        : h(
            "li",
            {},
            h(
              "button",
              { id: "error-retry", class: "fr-btn fr-btn--lg", onclick: () => void signIn(eidas) },
              t().retry,
            ),
          ),
      h(
        "li",
        {},
        h(
          "button",
          {
            id: "error-home",
            class: "fr-btn fr-btn--lg fr-btn--secondary",
            onclick: () => goHome(),
          },
          t().home,
        ),
      ),
    ),
  );
}
