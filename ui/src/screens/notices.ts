// The footer's two notices, in the catalogue's words with the operator's name and contact
// (`[operator]`): #accessibility-screen (RGAA's accessibility statement) and #data-screen (what
// Guichet does with the person's data). "Back" returns to the screen below.
import { closeNotice } from "../actions";
import type { OperatorView } from "../backend";
import { h } from "../dom";
import { fill } from "../i18n";
import { t, ui } from "../state";
import { title } from "./title";

/** The operator's name and contact as the notices say them (the catalogue's words when
 * `[operator]` gives none). */
export function operatorWords(operator: OperatorView | undefined): {
  operator: string;
  contact: string;
} {
  return {
    operator: operator?.name ?? t().operatorUnnamed,
    contact: operator?.contact ?? t().contactDesk,
  };
}

/** The RGAA status in words ("partiellement conforme"). */
export function complianceWords(operator: OperatorView | undefined): string {
  switch (operator?.accessibility) {
    case "full":
      return t().complianceFull;
    case "partial":
      return t().compliancePartial;
    default:
      return t().complianceNone;
  }
}

function back(): HTMLElement {
  return h(
    "button",
    { id: "notice-back", class: "fr-btn fr-btn--secondary", type: "button", onclick: closeNotice },
    t().back,
  );
}

export function accessibilityScreen(): HTMLElement {
  const operator = ui.status?.settings.operator;
  const words = operatorWords(operator);
  return h(
    "section",
    { id: "accessibility-screen", class: "guichet-screen" },
    title(t().accessibilityTitle),
    h("p", {}, fill(t().accessibilityCommitment, words)),
    h(
      "p",
      { id: "accessibility-status" },
      fill(t().accessibilityStatus, { status: complianceWords(operator) }),
    ),
    h("p", {}, t().accessibilityChecks),
    h("p", {}, fill(t().accessibilityContact, words)),
    h("p", {}, t().accessibilityRemedy),
    back(),
  );
}

export function dataScreen(): HTMLElement {
  const words = operatorWords(ui.status?.settings.operator);
  const seconds = String(ui.status?.settings.idleTimeoutSecs ?? 120);
  return h(
    "section",
    { id: "data-screen", class: "guichet-screen" },
    title(t().dataTitle),
    h("p", {}, t().dataShown),
    h("p", {}, t().dataKept),
    h("p", { id: "data-wiped" }, fill(t().dataWiped, { seconds })),
    h("p", {}, t().dataAudit),
    h("p", { id: "data-contact" }, fill(t().dataContact, words)),
    back(),
  );
}
