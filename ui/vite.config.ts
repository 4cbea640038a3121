import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { defineConfig, type Plugin } from "vite";
import { dsfrClassesIn, keepWritten } from "./build/dsfr-used-only";

// DSFR and Fontsource declare each font as woff2 then woff; WebKitGTK reads woff2, so the woff
// copies would only weigh on the binary and the .deb (about 1 MB).
function woff2Only(): Plugin {
  return {
    name: "guichet-woff2-only",
    enforce: "pre",
    transform(code, id) {
      if (!/@gouvfr\/dsfr|@fontsource/.test(id) || !id.endsWith(".css")) return null;
      return code.replace(/,\s*url\([^)]*\.woff\)\s*format\(["']woff["']\)/g, "");
    },
  };
}

// DSFR's rules for classes the window never writes: its spacing and grid utilities alone are
// more than half of DSFR's core, all of it parsed before the first screen. The window builds
// its DOM from src/ and index.html only (no DSFR JavaScript adds classes), so a DSFR class
// absent from them can never be on the page: a selector that needs one is dropped
// (`keepWritten`, build/dsfr-used-only.ts). A class the window writes must appear whole in its
// sources (not pieced together), or its DSFR rules are dropped: the window's end-to-end tests
// check every class on every screen they photograph (`dsfr_classes_unwritten` in
// tests/support/window.rs). The sources are read once, when Vite starts (a dev server started
// before a class was written leaves that class's rules out until it starts again).
function dsfrUsedOnly(): Plugin {
  const written = new Set<string>();
  return {
    name: "guichet-dsfr-used-only",
    enforce: "pre",
    configResolved(config) {
      for (const file of ["index.html", ...sourceFiles(path.join(config.root, "src"))]) {
        const source = readFileSync(path.resolve(config.root, file), "utf8");
        for (const name of dsfrClassesIn(source)) written.add(name);
      }
    },
    transform(code, id) {
      if (!/@gouvfr\/dsfr/.test(id) || !id.endsWith(".css")) return null;
      return { code: keepWritten(code, written), map: null };
    },
  };
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((name) => /\.(ts|css)$/.test(name))
    .map((name) => path.join(dir, name));
}

// The upright fonts of the window's theme, asked for by the page itself: they arrive while
// the script starts and the first status comes, so the first layout has them. Without them,
// WebKit laid the first screen out in the fallback fonts (fontconfig's matching, most of the
// first frame's time) and again once they came (docs/PERFORMANCE.md). One page per theme,
// since Rust opens the window on its theme's page (src-tauri/src/window/mod.rs): index.html
// with Marianne's four weights (the State's theme, the default), collectivite.html with
// Atkinson Hyperlegible's two. A page preloading the other theme's fonts decoded them for
// nothing, and WebKit then counted a preloaded font as loaded though no text used it.
function preloadFonts(): Plugin {
  const themes = {
    "index.html": /Marianne-(Light|Regular|Medium|Bold)-.*\.woff2$/,
    "collectivite.html": /atkinson-hyperlegible-latin-(400|700)-normal-.*\.woff2$/,
  };
  return {
    name: "guichet-preload-fonts",
    // After Vite's own HTML plugin has put index.html in the bundle.
    enforce: "post",
    generateBundle(_options, bundle) {
      const index = bundle["index.html"];
      if (index?.type !== "asset") return;
      const html = String(index.source);
      for (const [page, fonts] of Object.entries(themes)) {
        const preloads = Object.keys(bundle)
          .filter((name) => fonts.test(name))
          .map(
            (name) =>
              `    <link rel="preload" href="/${name}" as="font" type="font/woff2" crossorigin>\n`,
          )
          .join("");
        const source = html.replace("  </head>", `${preloads}  </head>`);
        if (page === "index.html") index.source = source;
        else this.emitFile({ type: "asset", fileName: page, source });
      }
    },
  };
}

// Everything is bundled locally (DSFR CSS and Marianne fonts included): the window never
// fetches anything from the network.
export default defineConfig({
  clearScreen: false,
  plugins: [woff2Only(), dsfrUsedOnly(), preloadFonts()],
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
  },
});
