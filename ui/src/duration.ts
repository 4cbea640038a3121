// The countdown's format, on its own: the catalogues (i18n.ts) write it into their texts.

/** A countdown: 125 → "2:05". */
export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return `${m}:${String(s).padStart(2, "0")}`;
}
