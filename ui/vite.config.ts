import { defineConfig } from "vite";

// Everything is bundled locally (DSFR CSS and Marianne fonts included): the window never
// fetches anything from the network.
export default defineConfig({
  clearScreen: false,
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
  },
});
