import { defineConfig, type Plugin } from "vite";

// DSFR declares each font as woff2 then woff; WebKitGTK reads woff2, so the woff copies
// would only weigh on the binary and the .deb (about 1 MB).
function woff2Only(): Plugin {
  return {
    name: "guichet-woff2-only",
    enforce: "pre",
    transform(code, id) {
      if (!id.includes("@gouvfr/dsfr") || !id.endsWith(".css")) return null;
      return code.replace(/,\s*url\([^)]*\.woff\)\s*format\(["']woff["']\)/g, "");
    },
  };
}

// Everything is bundled locally (DSFR CSS and Marianne fonts included): the window never
// fetches anything from the network.
export default defineConfig({
  clearScreen: false,
  plugins: [woff2Only()],
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
  },
});
