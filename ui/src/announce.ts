// The window's one live region (#announcer, polite, always in the page): what a screen reader
// should hear without the focus moving. The idle countdown speaks through it at 30, 10 and 5
// seconds, not every second.

/** The seconds left at which the idle countdown is said aloud. */
export const IDLE_ANNOUNCEMENTS = [30, 10, 5];

/** Whether the countdown, going from `previous` to `now` seconds left, has just reached one of
 * the announced marks. Nothing is said when the countdown first shows (`previous` undefined):
 * the dialog's own title and description are read as it takes the focus. */
export function crossesMark(previous: number | undefined, now: number): boolean {
  if (previous === undefined) return false;
  return IDLE_ANNOUNCEMENTS.some((mark) => previous > mark && now <= mark);
}

export function announce(text: string): void {
  const region = document.getElementById("announcer");
  if (!region) return;
  // Emptied first, so the same words said twice are said again.
  region.textContent = "";
  requestAnimationFrame(() => {
    region.textContent = text;
  });
}
