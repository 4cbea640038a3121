// The window: polls Rust's status every second and shows one screen at a time. Element ids
// are the contract with the end-to-end tests (src-tauri/tests/e2e/window.rs).
//
// Where things are: state.ts (the state, and the pure choice of screen), actions.ts (what
// buttons do; the only callers of backend.ts, which alone talks to Rust), render.ts (draws
// the window from the state), layout.ts (header, banners), screens/<name>.ts (one per
// screen), dialogs.ts (PIN dialog, idle overlay), lockdown.ts (what a kiosk's web view
// refuses), format.ts (dates, INSEE codes, texts: pure), i18n.ts (French and English texts).

// DSFR's core and only the components the window uses (the whole dsfr.min.css is twice the
// CSS for the web view to parse at start; docs/PERFORMANCE.md).
import "@gouvfr/dsfr/dist/core/core.min.css";
// The local authorities' theme's font (SIL Open Font License), in place of the State's.
import "@fontsource/atkinson-hyperlegible/latin-400.css";
import "@fontsource/atkinson-hyperlegible/latin-700.css";
import "@gouvfr/dsfr/dist/component/link/link.min.css";
import "@gouvfr/dsfr/dist/component/button/button.min.css";
import "@gouvfr/dsfr/dist/component/logo/logo.min.css";
import "@gouvfr/dsfr/dist/component/header/header.min.css";
import "@gouvfr/dsfr/dist/component/notice/notice.min.css";
import "@gouvfr/dsfr/dist/component/alert/alert.min.css";
import "@gouvfr/dsfr/dist/component/badge/badge.min.css";
import "@gouvfr/dsfr/dist/component/form/form.min.css";
import "@gouvfr/dsfr/dist/component/input/input.min.css";
import "@gouvfr/dsfr/dist/component/select/select.min.css";
import "@gouvfr/dsfr/dist/component/checkbox/checkbox.min.css";
import "@gouvfr/dsfr/dist/component/connect/connect.min.css";
import "./style.css";

import { activity, refresh, uiReady } from "./actions";
import { layout } from "./layout";
import { lockDown } from "./lockdown";
import { renderWindow } from "./render";
import { setRenderer } from "./state";

// When the page's own code starts (its modules loaded), for the first paint's breakdown.
const scriptMs = performance.now();
setRenderer(renderWindow);
lockDown();
layout();
for (const type of ["pointerdown", "keydown", "touchstart"]) {
  window.addEventListener(type, activity, { passive: true });
}
// The first paint's steps, sent once to Rust (docs/PERFORMANCE.md): the frame after the first
// render starts that render's style, layout and paint; the next frame starts once WebKit has
// drawn it, so that one is when the person sees the first screen.
// The window stays blank (`#app` hidden in index.html) until the first status has said which
// theme and language to draw it in: drawn before, the header took a frame of its own in the
// wrong font, then was drawn again, and the frame of the first screen waited for that one
// (docs/PERFORMANCE.md). Shown whether the status came or not (then with its error).
const first: { answered?: number } = {};
void refresh(first).then(() => {
  document.getElementById("app")!.hidden = false;
  const renderMs = performance.now();
  requestAnimationFrame(() => {
    const frameMs = performance.now();
    requestAnimationFrame(() => {
      const ms = (value: number) => Math.round(value);
      const navigation = performance.getEntriesByType("navigation")[0] as
        PerformanceNavigationTiming | undefined;
      void uiReady({
        originEpochMs: performance.timeOrigin,
        fetchMs: ms(navigation?.responseEnd ?? 0),
        scriptMs: ms(scriptMs),
        statusMs: ms(first.answered ?? renderMs),
        renderMs: ms(renderMs),
        loadMs: ms(navigation?.loadEventStart ?? 0),
        frameMs: ms(frameMs),
        shownMs: ms(performance.now()),
      });
    });
  });
});
setInterval(() => void refresh(), 1000);
