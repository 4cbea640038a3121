// #identity-screen: the verified identity (#field-* rows, also on the confirm screen) and
// the end of the session.
import { endSession } from "../actions";
import type { Identity } from "../backend";
import { h } from "../dom";
import { expiresTime, identityRows } from "../format";
import { t, ui } from "../state";
import { title } from "./title";

export function identityList(identity: Identity): HTMLElement {
  return h(
    "dl",
    { class: "guichet-identity" },
    ...identityRows(identity, t(), ui.language).map(([id, label, value]) =>
      h(
        "div",
        { class: "guichet-identity__row" },
        h("dt", {}, label),
        h("dd", { id: `field-${id}` }, value),
      ),
    ),
  );
}

export function identityScreen(identity: Identity): HTMLElement {
  const expires = expiresTime(identity.expiresAt, ui.language);
  return h(
    "section",
    { id: "identity-screen", class: "guichet-screen" },
    h(
      "div",
      { class: "guichet-identity__head" },
      h(
        "div",
        {},
        title(t().identityTitle),
        h("p", { class: "fr-badge fr-badge--success" }, t().identityLead),
      ),
      h(
        "button",
        { id: "end-session-button", class: "fr-btn fr-btn--lg", onclick: () => void endSession() },
        t().endSession,
      ),
    ),
    identityList(identity),
    h("p", { class: "fr-text--sm" }, t().expiresAt(expires)),
  );
}
