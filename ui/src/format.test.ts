import { describe, expect, it } from "vitest";
import { asError, type Identity } from "./backend";
import { ERROR_CODES } from "./codes.generated";
import {
  endedText,
  errorText,
  expiresTime,
  formatDuration,
  identityRows,
  said,
  levelName,
  noticeText,
  pinTitle,
} from "./format";
import { en, fr } from "./i18n";

describe("formatDuration", () => {
  it("writes minutes and two-digit seconds", () => {
    expect(formatDuration(0)).toBe("0:00");
    expect(formatDuration(5)).toBe("0:05");
    expect(formatDuration(65)).toBe("1:05");
    expect(formatDuration(600)).toBe("10:00");
    expect(formatDuration(3599)).toBe("59:59");
  });

  it("is the waiting screen's countdown in both languages", () => {
    expect(fr.countdown(125)).toBe("Temps restant : 2:05");
    expect(en.countdown(125)).toBe("Time left: 2:05");
  });
});

describe("said", () => {
  const identity: Identity = {
    birthplace: "74011",
    said: { birthplace: { fr: "Annecy-le-Vieux, aujourd'hui Annecy (74011)", en: "x" } },
    acr: "eidas3",
    origin: "france",
    expiresAt: "2026-01-02T10:30:00Z",
  };

  it("reads what Rust said in the window's language", () => {
    expect(said(identity, "birthplace", "fr")).toBe("Annecy-le-Vieux, aujourd'hui Annecy (74011)");
    expect(said(identity, "birthplace", "en")).toBe("x");
  });

  it("falls back on FC+'s value, and on nothing for an unsaid gender", () => {
    expect(said({ ...identity, said: {} }, "birthplace", "fr")).toBe("74011");
    expect(said(identity, "birthcountry", "fr")).toBeUndefined();
    expect(said(identity, "gender", "fr")).toBeUndefined();
  });
});

describe("levelName", () => {
  it("names eidas3 high, and anything else substantial", () => {
    expect(levelName("eidas3", fr)).toBe("élevé");
    expect(levelName("eidas3", en)).toBe("high");
    expect(levelName("eidas2", fr)).toBe("substantiel");
    expect(levelName("eidas2", en)).toBe("substantial");
    expect(levelName("", en)).toBe("substantial");
  });
});

describe("expiresTime", () => {
  it("writes hours and minutes on 24 hours in both languages", () => {
    const morning = new Date(2026, 0, 2, 9, 5).toISOString();
    const evening = new Date(2026, 0, 2, 21, 40).toISOString();
    expect(expiresTime(morning, "fr")).toBe("09:05");
    expect(expiresTime(morning, "en")).toBe("09:05");
    expect(expiresTime(evening, "fr")).toBe("21:40");
    expect(expiresTime(evening, "en")).toBe("21:40");
  });
});

describe("identityRows", () => {
  const identity: Identity = {
    familyName: "Dupont",
    preferredUsername: "Martin",
    givenName: "Marie Claire",
    birthdate: "1962-08-00",
    birthplace: "75107",
    birthcountry: "99100",
    said: {
      birthdate: { fr: "08/1962, jour inconnu", en: "08/1962, day unknown" },
      birthplace: { fr: "Paris 7e Arrondissement (75107)", en: "Paris 7e Arrondissement (75107)" },
      birthcountry: { fr: "France (99100)", en: "France (99100)" },
      gender: { fr: "Féminin", en: "Female" },
    },
    acr: "eidas3",
    origin: "france",
    expiresAt: "2026-01-02T10:30:00Z",
  };

  it("lists every field in order, formatted", () => {
    expect(identityRows(identity, fr, "fr")).toEqual([
      ["family-name", "Nom de naissance", "Dupont"],
      ["preferred-username", "Nom d'usage", "Martin"],
      ["given-name", "Prénoms", "Marie Claire"],
      ["birthdate", "Date de naissance", "08/1962, jour inconnu"],
      ["gender", "Sexe", "Féminin"],
      ["birthplace", "Lieu de naissance", "Paris 7e Arrondissement (75107)"],
      ["birthcountry", "Pays de naissance", "France (99100)"],
      ["level", "Niveau de garantie", "élevé"],
      ["origin", "Origine de l'identité", "France"],
    ]);
  });

  it("leaves out fields not sent or empty", () => {
    const rows = identityRows(
      {
        ...identity,
        preferredUsername: "",
        birthdate: undefined,
        birthplace: undefined,
        said: { birthcountry: identity.said.birthcountry },
      },
      en,
      "en",
    );
    expect(rows.map(([id]) => id)).toEqual([
      "family-name",
      "given-name",
      "birthcountry",
      "level",
      "origin",
    ]);
  });

  it("writes an eIDAS identity's free-text place and origin, and a full date in English", () => {
    const rows = identityRows(
      {
        ...identity,
        birthdate: "1980-03-07",
        birthplace: "Berlin",
        said: {
          birthdate: { fr: "07/03/1980", en: "07/03/1980 (1980-03-07)" },
          birthplace: {
            fr: "Berlin (déclaré par l'autre pays)",
            en: "Berlin (as declared by the other country)",
          },
        },
        origin: "eidas",
        acr: "eidas2",
      },
      en,
      "en",
    );
    const value = (id: string) => rows.find(([rowId]) => rowId === id)?.[2];
    expect(value("birthdate")).toBe("07/03/1980 (1980-03-07)");
    expect(value("birthplace")).toBe("Berlin (as declared by the other country)");
    expect(value("level")).toBe("substantial");
    expect(value("origin")).toBe("Another EU country (eIDAS)");
    expect(value("family-name")).toBe("Dupont");
  });

  it("says when the origin is not known", () => {
    const rows = identityRows({ ...identity, origin: "unknown" }, fr, "fr");
    expect(rows[rows.length - 1]).toEqual(["origin", "Origine de l'identité", "Non précisée"]);
  });
});

describe("errorText", () => {
  it("uses the catalogue's sentence for a known code, whatever Rust's message", () => {
    expect(errorText({ code: "pin_wrong", message: "from Rust", detail: "" }, fr)).toBe(
      "Code agent incorrect : réessayez.",
    );
    expect(errorText({ code: "pin_wrong", message: "", detail: "" }, en)).toBe(
      "Wrong staff PIN: try again.",
    );
  });

  it("has a sentence for every one of Rust's codes, in both languages", () => {
    for (const code of ERROR_CODES) {
      const [french, english] = [fr, en].map((t) =>
        errorText({ code, message: "", detail: "" }, t),
      );
      expect(french, code).toBeTruthy();
      expect(english, code).toBeTruthy();
      expect(french, code).not.toBe(english);
    }
  });

  it("says the machine is offline when FC+ is unreachable while offline", () => {
    const unreachable = { code: "provider_unreachable" as const, message: "", detail: "" };
    expect(errorText(unreachable, en, true)).toBe(en.offlineError);
    expect(errorText(unreachable, en)).toBe(en.errors.provider_unreachable);
  });
});

describe("asError", () => {
  it("keeps Rust's codes and turns anything else into internal", () => {
    expect(asError({ code: "pin_wrong", message: "m", detail: "d" }).code).toBe("pin_wrong");
    expect(asError({ code: "made_up", message: "m", detail: "d" }).code).toBe("internal");
    expect(asError("a string").code).toBe("internal");
  });
});

describe("endedText", () => {
  it("says the data is wiped when there was nothing to sign out of, or FC+ signed out", () => {
    expect(
      endedText({ hadSession: false, remoteLogout: "failed", fcSessionCleared: false }, fr),
    ).toBe(fr.ended);
    expect(endedText({ hadSession: true, remoteLogout: "done", fcSessionCleared: false }, fr)).toBe(
      fr.ended,
    );
  });

  it("says when the browser was closed, so nobody can reuse FC+'s session", () => {
    expect(
      endedText({ hadSession: true, remoteLogout: "browser_closed", fcSessionCleared: true }, en),
    ).toBe(en.endedBrowserClosed);
  });

  it("warns staff to close the browser when FC+'s session may still be alive", () => {
    expect(
      endedText({ hadSession: true, remoteLogout: "failed", fcSessionCleared: false }, en),
    ).toBe(en.endedLocalOnly);
    expect(
      endedText({ hadSession: true, remoteLogout: "failed", fcSessionCleared: true }, en),
    ).toBe(en.ended);
  });
});

describe("noticeText", () => {
  it("says why the session ended, and adds a warning when FC+'s session was not cleared", () => {
    expect(
      noticeText({ code: "idle_ended", remoteLogout: "done", fcSessionCleared: true }, fr),
    ).toBe(fr.noticeIdle);
    expect(noticeText({ code: "expired", remoteLogout: "done", fcSessionCleared: true }, fr)).toBe(
      fr.noticeExpired,
    );
    expect(
      noticeText({ code: "idle_ended", remoteLogout: "failed", fcSessionCleared: false }, en),
    ).toBe(`${en.noticeIdle} ${en.noticeFcNotCleared}`);
  });
});

describe("pinTitle", () => {
  it("titles the PIN dialog by what the PIN is for", () => {
    expect(pinTitle("settings", fr)).toBe("Code agent");
    expect(pinTitle("quit", fr)).toBe("Fermer Guichet");
    expect(pinTitle("keep", en)).toBe("Confirm the identity");
  });
});
