// Pure formatting: what the window writes for a date, a place, a level, an error… Every
// function takes what it needs (the catalogue, the language) and touches neither the DOM nor
// the window's state, so src/format.test.ts can check it.
import { Code } from "./codes.generated";
import type { CommandError, EndResult, Identity, Language, Status } from "./backend";
import type { Catalogue } from "./i18n";

export { formatDuration } from "./duration";

/** Why the staff-PIN dialog is open. */
export type PinPurpose = "settings" | "quit" | "keep";

/** A field as the agent reads it: Rust writes the birthdate (presumed dates in words), names
 * INSEE codes and the gender, in both languages (`counter::reading`); FC+'s own value when
 * Rust said nothing. */
export function said(
  identity: Identity,
  field: keyof Identity["said"],
  language: Language,
): string | undefined {
  const raw = field === "gender" ? undefined : identity[field];
  return identity.said?.[field]?.[language] ?? raw;
}

/** The level of assurance, in words ("substantiel", "élevé"). */
export function levelName(acr: string, t: Catalogue): string {
  return acr === "eidas3" ? t.levelEidas3 : t.levelEidas2;
}

/** The time a session ends at the latest, as hours and minutes in the window's language. */
export function expiresTime(expiresAt: string, language: Language): string {
  return new Date(expiresAt).toLocaleTimeString(language === "fr" ? "fr-FR" : "en-GB", {
    hour: "2-digit",
    minute: "2-digit",
  });
}

/** The identity's rows as [element id suffix, label, value], in the order shown; a field FC+
 * did not send (or sent empty) has no row. */
export function identityRows(
  identity: Identity,
  t: Catalogue,
  language: Language,
): [string, string, string][] {
  const rows: [string, string, string | undefined][] = [
    ["family-name", t.familyName, identity.familyName],
    ["preferred-username", t.preferredUsername, identity.preferredUsername],
    ["given-name", t.givenName, identity.givenName],
    ["birthdate", t.birthdate, said(identity, "birthdate", language)],
    ["gender", t.gender, said(identity, "gender", language)],
    ["birthplace", t.birthplace, said(identity, "birthplace", language)],
    ["birthcountry", t.birthcountry, said(identity, "birthcountry", language)],
    ["level", t.level, levelName(identity.acr, t)],
    [
      "origin",
      t.origin,
      identity.origin === "eidas"
        ? t.originEidas
        : identity.origin === "france"
          ? t.originFrance
          : t.originUnknown,
    ],
  ];
  return rows.filter(
    (row): row is [string, string, string] => row[2] !== undefined && row[2] !== "",
  );
}

/** What to tell staff about an error: the sentence of its code (Rust's catalogue, generated
 * into codes.generated.ts), or the offline one for FC+ unreachable while the machine is. */
export function errorText(e: CommandError, t: Catalogue, offline = false): string {
  if (offline && e.code === Code.ProviderUnreachable) return t.offlineError;
  return t.errors[e.code];
}

/** What an end of session did, in one sentence: above all whether the next person's sign-in
 * in this browser could be handed this person's FC+ session. */
export function endedText(result: EndResult, t: Catalogue): string {
  if (!result.hadSession || result.remoteLogout === "done") return t.ended;
  if (result.remoteLogout === "browser_closed") return t.endedBrowserClosed;
  return result.fcSessionCleared ? t.ended : t.endedLocalOnly;
}

/** A session that ended on its own (idle, or too long), and whether FC+'s session went too. */
export function noticeText(notice: NonNullable<Status["notice"]>, t: Catalogue): string {
  const base = notice.code === "idle_ended" ? t.noticeIdle : t.noticeExpired;
  return notice.fcSessionCleared ? base : `${base} ${t.noticeFcNotCleared}`;
}

/** The PIN dialog's title, from what the PIN is for. */
export function pinTitle(purpose: PinPurpose, t: Catalogue): string {
  return purpose === "quit"
    ? t.pinTitleQuit
    : purpose === "keep"
      ? t.pinTitleKeep
      : t.pinTitleSettings;
}
