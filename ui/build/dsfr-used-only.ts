// DSFR's rules for the classes the window writes, and for no other (used by ui/vite.config.ts
// on DSFR's CSS files at build time; docs/PERFORMANCE.md).
import postcss from "postcss";

/** The DSFR class names (`fr-…`) `source` holds whole. */
export function dsfrClassesIn(source: string): string[] {
  return [...source.matchAll(/fr-[A-Za-z0-9_-]+/g)].map(([name]) => name);
}

/**
 * `css` without the selectors that need a DSFR class absent from `written`: a rule keeps its
 * other selectors, or goes when none is left, and an at-rule left empty goes too. Classes
 * inside a functional pseudo-class (`:not(.fr-x)`, `:is(…)`) are not judged, so such a
 * selector stays; so does one with an escape. Keyframes' steps and font faces name no class.
 */
export function keepWritten(css: string, written: ReadonlySet<string>): string {
  const root = postcss.parse(css);
  root.walkRules((rule) => {
    const kept = rule.selectors.filter((selector) => needs(selector).every((c) => written.has(c)));
    if (kept.length === 0) rule.remove();
    else if (kept.length < rule.selectors.length) rule.selectors = kept;
  });
  let emptied = true;
  while (emptied) {
    emptied = false;
    root.walkAtRules((at) => {
      if (at.nodes !== undefined && at.nodes.length === 0) {
        at.remove();
        emptied = true;
      }
    });
  }
  return root.toString();
}

/** The DSFR classes an element must have for `selector` to match it (none when unsure). */
function needs(selector: string): string[] {
  const judged = outsideArguments(selector);
  if (judged.includes("\\")) return [];
  return [...judged.matchAll(/\.(fr-[A-Za-z0-9_-]+)/g)].map(([, name]) => name!);
}

/** `selector` without what functional pseudo-classes hold: `a:not(.b) .c` → `a:not() .c`. */
function outsideArguments(selector: string): string {
  let out = "";
  let depth = 0;
  for (const ch of selector) {
    if (ch === "(") depth += 1;
    if (depth === 0) out += ch;
    if (ch === ")") depth -= 1;
  }
  return out;
}
