// Reports the first paint, as Guichet's UI does (requestAnimationFrame after the first render).
requestAnimationFrame(() => window.__TAURI_INTERNALS__.invoke("ready"));
