// Reports the first paint as Guichet's UI does, with the page's steps from its time origin:
// the frame after the first render starts drawing it, the next one starts once it is drawn.
const scriptMs = performance.now();
requestAnimationFrame(() => {
  const frameMs = performance.now();
  requestAnimationFrame(() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    window.__TAURI_INTERNALS__.invoke("ready", {
      originEpochMs: performance.timeOrigin,
      fetchMs: Math.round(navigation ? navigation.responseEnd : 0),
      scriptMs: Math.round(scriptMs),
      loadMs: Math.round(navigation ? navigation.loadEventStart : 0),
      frameMs: Math.round(frameMs),
      shownMs: Math.round(performance.now()),
    });
  });
});
