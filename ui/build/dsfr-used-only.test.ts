import { describe, expect, it } from "vitest";
import { dsfrClassesIn, keepWritten } from "./dsfr-used-only";

const written = new Set(["fr-btn", "fr-btn--sm", "fr-header"]);

describe("keepWritten", () => {
  it("drops a rule whose only selector needs a class never written", () => {
    expect(keepWritten(".fr-btn{color:red}.fr-mt-4w{margin:0}", written)).toBe(
      ".fr-btn{color:red}",
    );
  });

  it("keeps the rule's other selectors", () => {
    expect(keepWritten(".fr-btn--lg,.fr-btn--sm,a{color:red}", written)).toBe(
      ".fr-btn--sm,a{color:red}",
    );
  });

  it("needs every class of a compound or descendant selector", () => {
    expect(keepWritten(".fr-header .fr-btn{a:b}.fr-header .fr-nav{c:d}", written)).toBe(
      ".fr-header .fr-btn{a:b}",
    );
  });

  it("does not judge what a functional pseudo-class holds", () => {
    const css = ".fr-btn:not(.fr-btn--lg){a:b}:is(.fr-nav,.fr-btn) a{c:d}";
    expect(keepWritten(css, written)).toBe(css);
  });

  it("keeps a selector with an escape, whose class names it does not read", () => {
    const css = ".fr-hidden-sm\\:block{a:b}";
    expect(keepWritten(css, written)).toBe(css);
  });

  it("keeps element, attribute and root selectors, font faces and keyframes", () => {
    const css =
      ":root{--x:1}a[href]{c:d}@font-face{font-family:M}@keyframes fr-spin{from{a:b}to{c:d}}";
    expect(keepWritten(css, written)).toBe(css);
  });

  it("drops an at-rule left empty, nested ones too", () => {
    const css = "@media (min-width:48em){@supports (display:grid){.fr-grid-row{a:b}}}.fr-btn{c:d}";
    expect(keepWritten(css, written)).toBe(".fr-btn{c:d}");
  });
});

describe("dsfrClassesIn", () => {
  it("reads whole class names, pieces of a template included", () => {
    expect(dsfrClassesIn('class: `fr-input-group${e ? " fr-input-group--error" : ""}`')).toEqual([
      "fr-input-group",
      "fr-input-group--error",
    ]);
  });
});
