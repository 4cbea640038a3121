// The window's frame, drawn once (DSFR header, then #banner, #main, #overlay, #dialog), and
// the parts of it that follow the state: the header's tools and the banners.
import { askPin, openNotice, setLanguage } from "./actions";
import type { Language } from "./backend";
import { h, replace } from "./dom";
import { complianceWords, operatorWords } from "./screens/notices";
import { canOpenNotices, canOpenSettings, rendered, screen, t, ui } from "./state";
import { fill } from "./i18n";

export function layout(): void {
  replace(
    document.getElementById("app")!,
    h(
      "header",
      { role: "banner", class: "fr-header" },
      h(
        "div",
        { class: "fr-header__body" },
        h(
          "div",
          { class: "fr-container" },
          h(
            "div",
            { class: "fr-header__body-row" },
            h(
              "div",
              { class: "fr-header__brand" },
              h(
                "div",
                { class: "fr-header__brand-top" },
                // A local authority's theme shows its own name here instead (style.css).
                h("p", { id: "operator-brand", class: "guichet-operator-brand" }),
                h(
                  "div",
                  { class: "fr-header__logo" },
                  h(
                    "p",
                    { class: "fr-logo" },
                    ...t()
                      .republic.split("\n")
                      .flatMap((line, i) => (i ? [h("br"), line] : [line])),
                  ),
                ),
              ),
              h(
                "div",
                { class: "fr-header__service" },
                h("p", { class: "fr-header__service-title" }, t().appName),
                h("p", { id: "service-tagline", class: "fr-header__service-tagline" }),
              ),
            ),
            h("div", { id: "header-tools", class: "fr-header__tools" }),
          ),
        ),
      ),
    ),
    h("div", { id: "banner" }),
    h("main", { id: "main", class: "fr-container fr-py-4w", role: "main" }),
    h("div", { id: "overlay" }),
    h("footer", { id: "footer", class: "guichet-footer", role: "contentinfo" }),
    h("div", { id: "dialog" }),
    h("div", { id: "info" }),
    // The one live region, there from the start so screen readers follow it (announce.ts).
    h("div", { id: "announcer", class: "fr-sr-only", role: "status", "aria-live": "polite" }),
  );
}

/** The language buttons, and the settings button between sessions. */
export function renderHeader(): void {
  document.getElementById("operator-brand")!.textContent = ui.status?.settings.operator.name ?? "";
  const tools = document.getElementById("header-tools")!;
  const key = JSON.stringify([ui.language, screen()]);
  if (tools.dataset.key === key) return;
  tools.dataset.key = key;
  const language = (code: Language, label: string) =>
    h(
      "button",
      {
        id: `lang-${code}`,
        class: `fr-btn fr-btn--tertiary-no-outline fr-btn--sm`,
        lang: code,
        "aria-pressed": String(ui.language === code),
        onclick: () => void setLanguage(code),
      },
      label,
    );
  replace(
    tools,
    h(
      "div",
      { class: "guichet-tools", role: "group", "aria-label": t().languageLabel },
      language("fr", t().languageFrench),
      language("en", t().languageEnglish),
      canOpenSettings(screen()) &&
        h(
          "button",
          {
            id: "settings-button",
            class: "fr-btn fr-btn--tertiary fr-btn--sm",
            onclick: () => askPin("settings"),
          },
          t().settings,
        ),
    ),
  );
  document.getElementById("service-tagline")!.textContent = t().tagline;
}

/** The offline banner, and the sandbox's (test data: always said). */
export function renderBanner(): void {
  const banner = document.getElementById("banner")!;
  const offline = ui.status?.online === false;
  const env = ui.status?.env === "sandbox" ? t().envSandbox : null; // test data: always said
  const key = JSON.stringify([offline, env, ui.language]);
  if (key === rendered.banner) return;
  rendered.banner = key;
  replace(
    banner,
    offline &&
      h(
        "div",
        { id: "offline-banner", class: "fr-notice fr-notice--alert", role: "status" },
        h(
          "div",
          { class: "fr-container" },
          h(
            "div",
            { class: "fr-notice__body" },
            h("p", { class: "fr-notice__title" }, t().offline),
          ),
        ),
      ),
    env &&
      h(
        "div",
        { id: "env-banner", class: "fr-notice fr-notice--info" },
        h(
          "div",
          { class: "fr-container" },
          h("div", { class: "fr-notice__body" }, h("p", { class: "fr-notice__title" }, env)),
        ),
      ),
  );
}

/** The compact footer on every screen: who runs this Guichet, its accessibility status and
 * the two notices (links while a notice may open over the screen, plain text otherwise). */
export function renderFooter(): void {
  const footer = document.getElementById("footer")!;
  const operator = ui.status?.settings.operator;
  const links = canOpenNotices(screen());
  const key = JSON.stringify([operator, ui.language, links]);
  if (key === rendered.footer) return;
  rendered.footer = key;
  const link = (id: string, page: "accessibility" | "data", text: string) =>
    links
      ? h(
          "button",
          { id, class: "fr-link fr-link--sm", type: "button", onclick: () => openNotice(page) },
          text,
        )
      : h("span", { id, class: "fr-text--sm" }, text);
  replace(
    footer,
    h(
      "div",
      { class: "fr-container guichet-footer__row" },
      h(
        "p",
        { id: "footer-operator", class: "fr-text--sm fr-mb-0" },
        fill(t().footerOperator, operatorWords(operator)),
      ),
      link(
        "footer-accessibility",
        "accessibility",
        fill(t().footerAccessibility, { status: complianceWords(operator) }),
      ),
      link("footer-data", "data", t().dataTitle),
    ),
  );
}
