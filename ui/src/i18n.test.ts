import { describe, expect, it } from "vitest";
import { en, fill, fr } from "./i18n";

// `tsc` checks that `en` has every key of `fr`, but not the keys inside the records typed
// Record<string, string> (error codes, suspicions): a code missing in one language would show
// Rust's message or the generic sentence there instead.
describe("catalogues", () => {
  it("have a sentence for the same error codes in both languages", () => {
    expect(Object.keys(en.errors).sort()).toEqual(Object.keys(fr.errors).sort());
  });

  it("explain the same suspicions in both languages", () => {
    expect(Object.keys(en.confirmLead).sort()).toEqual(Object.keys(fr.confirmLead).sort());
    expect(Object.keys(fr.confirmLead).sort()).toEqual(["french_after_eidas", "same_as_previous"]);
  });

  it("list the same FC+ error pages in both languages", () => {
    expect(en.fcErrorPages.map(([code]) => code)).toEqual(fr.fcErrorPages.map(([code]) => code));
  });

  it("have no empty text", () => {
    for (const catalogue of [fr, en]) {
      for (const [key, value] of Object.entries(catalogue)) {
        if (typeof value === "string") expect(value, key).not.toBe("");
      }
      for (const [code, sentence] of Object.entries(catalogue.errors))
        expect(sentence, code).not.toBe("");
    }
  });

  it("fill their placeholders from Rust's catalogue", () => {
    expect(fill("Temps restant : {time}", { time: "2:05" })).toBe("Temps restant : 2:05");
    expect(en.countdown(125)).toBe("Time left: 2:05");
    expect(fr.levelNote("élevé")).toBe("Niveau de garantie demandé : élevé.");
    expect(en.idleLead(30)).toContain(" 30 s ");
    expect(fr.expiresAt("18:30")).toContain("18:30");
    for (const catalogue of [fr, en]) {
      for (const text of [
        catalogue.levelNote("x"),
        catalogue.countdown(5),
        catalogue.expiresAt("x"),
        catalogue.idleLead(5),
      ])
        expect(text).not.toMatch(/[{}]/);
    }
  });

  it("leave no placeholder in a text shown as it is", () => {
    // The texts the screens fill themselves (`fill`), with the operator's name and contact.
    const filled = [
      "levelNote",
      "countdown",
      "expiresAt",
      "idleLead",
      "footerOperator",
      "footerAccessibility",
      "accessibilityCommitment",
      "accessibilityStatus",
      "accessibilityContact",
      "dataWiped",
      "dataContact",
    ];
    for (const catalogue of [fr, en]) {
      for (const [key, value] of Object.entries(catalogue)) {
        if (typeof value === "string" && !filled.includes(key))
          expect(value, key).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
