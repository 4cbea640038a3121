import { defineConfig, type Plugin } from "vite";

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

// The upright fonts of both themes (Marianne's four weights, Atkinson Hyperlegible's two),
// asked for by index.html itself: they arrive while the script starts and the first status
// comes, so the first layout has them. Without them, WebKit laid the first screen out in the
// fallback fonts (fontconfig's matching, most of the first frame's time) and again once they
// came (docs/PERFORMANCE.md).
function preloadFonts(): Plugin {
  return {
    name: "guichet-preload-fonts",
    transformIndexHtml: {
      order: "post",
      handler(_html, ctx) {
        const fonts = Object.keys(ctx.bundle ?? {}).filter((name) =>
          /(Marianne-(Light|Regular|Medium|Bold)-|atkinson-hyperlegible-latin-(400|700)-normal-).*\.woff2$/.test(
            name,
          ),
        );
        return fonts.map((name) => ({
          tag: "link",
          attrs: {
            rel: "preload",
            href: `/${name}`,
            as: "font",
            type: "font/woff2",
            crossorigin: "",
          },
          injectTo: "head" as const,
        }));
      },
    },
  };
}

// Everything is bundled locally (DSFR CSS and Marianne fonts included): the window never
// fetches anything from the network.
export default defineConfig({
  clearScreen: false,
  plugins: [woff2Only(), preloadFonts()],
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
  },
});
