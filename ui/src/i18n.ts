// French and English texts: Rust's one catalogue (`codes::Word`, `codes::window_hint`,
// `codes::FC_ERROR_PAGES`), generated into words.generated.ts and codes.generated.ts. This file
// only fills the placeholders and shapes what the screens read; it writes no sentence itself.
import { FC_ERROR_PAGES, WINDOW_HINTS } from "./codes.generated";
import { formatDuration } from "./duration";
import { WORDS } from "./words.generated";

type Lang = "fr" | "en";

/** A text with each `{name}` replaced by its value (Rust's `Word::fill`). */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}

function catalogue(lang: Lang) {
  const w = WORDS[lang];
  return {
    ...w,
    levelNote: (level: string) => fill(w.levelNote, { level }),
    countdown: (s: number) => fill(w.countdown, { time: formatDuration(s) }),
    expiresAt: (time: string) => fill(w.expiresAt, { time }),
    idleLead: (s: number) => fill(w.idleLead, { seconds: String(s) }),
    confirmLead: {
      french_after_eidas: w.confirmLeadFrenchAfterEidas,
      same_as_previous: w.confirmLeadSameAsPrevious,
    } as Record<string, string>,
    fcErrorPagesIntro: FC_ERROR_PAGES[lang].intro,
    fcErrorPages: FC_ERROR_PAGES[lang].pages,
    // What to do after each error (`codes::window_hint`).
    errors: WINDOW_HINTS[lang],
  };
}

export type Catalogue = ReturnType<typeof catalogue>;

export const fr: Catalogue = catalogue("fr");
export const en: Catalogue = catalogue("en");

export const catalogues = { fr, en };
