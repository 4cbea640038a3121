// Draws the window from `ui`: the body's data-screen and data-kiosk, the header, the banners,
// the screen (redrawn only when what it shows changes, focusing its title when the screen
// itself changes), the texts that tick every second, the idle overlay and the PIN dialog.
import { renderFcInfo, renderIdleOverlay, renderPinDialog } from "./dialogs";
import { replace } from "./dom";
import { renderBanner, renderFooter, renderHeader } from "./layout";
import { screens } from "./screens";
import { rendered, screen, t, ui } from "./state";

export function renderWindow(): void {
  document.documentElement.lang = ui.language;
  const current = screen();
  document.body.dataset.screen = current;
  document.body.dataset.kiosk = String(ui.status?.kiosk ?? false);
  // Unknown until the first status: neither theme's identity shows before (style.css).
  if (ui.status) document.body.dataset.theme = ui.status.settings.theme;
  renderHeader();
  renderBanner();
  renderFooter();
  const key = JSON.stringify([
    current,
    ui.language,
    ui.status?.identity,
    ui.status?.suspicion,
    ui.error,
    ui.message,
    ui.status?.settings,
    ui.status?.acr,
    ui.status?.blockingError,
    ui.page,
  ]);
  const main = document.getElementById("main")!;
  if (key !== rendered.main) {
    const screenChanged = !rendered.main.startsWith(`["${current}"`);
    rendered.main = key;
    replace(main, screens[current]());
    if (screenChanged) document.getElementById("screen-title")?.focus();
  }
  updateLive();
  renderIdleOverlay();
  renderPinDialog();
  renderFcInfo();
}

/** Texts that change every second, updated in place so focus and screen readers stay put. */
function updateLive(): void {
  const signIn = ui.status?.signIn;
  const countdown = document.getElementById("countdown");
  if (countdown && signIn) {
    countdown.textContent = signIn.browserOpened
      ? t().countdown(signIn.secondsLeft)
      : t().waitingOpening;
    const bar = document.getElementById("countdown-bar") as HTMLProgressElement | null;
    if (bar && signIn.timeoutSeconds > 0) {
      bar.max = signIn.timeoutSeconds;
      bar.value = signIn.secondsLeft;
    }
  }
  const reopen = document.getElementById("reopen-button") as HTMLButtonElement | null;
  if (reopen) reopen.disabled = !signIn?.browserOpened;
  const idle = document.getElementById("idle-countdown");
  if (idle && ui.status?.idleSecondsLeft !== undefined)
    idle.textContent = t().idleLead(ui.status.idleSecondsLeft);
}
