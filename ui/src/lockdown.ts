// A kiosk's web view lets nothing out and nothing change under the person (issue 26): no print
// (it would print the identity), no context menu (Reload, Inspect), no reload, zoom, find, view
// source, save, history navigation or developer tools by keyboard, no text selection or drag of
// the identity. Installed once; each event looks at body[data-kiosk] when it happens, since
// staff can switch kiosk mode from the settings. A counter keeps the web view as it is.

/** The part of a key event the decision reads. */
export interface Keys {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Whether a kiosk lets this key through. Plain keys, Shift, Tab, Enter, Space, Escape and
 * arrows drive the screens and the PIN pad; every Ctrl, Meta or Alt combination and every
 * function key is a browser's shortcut (print, reload, find, zoom, save, source, history,
 * inspector, caret browsing), none of which a person at a kiosk needs. */
export function kioskAllows(keys: Keys): boolean {
  if (keys.ctrlKey || keys.metaKey || keys.altKey) return false;
  return !/^F\d{1,2}$/.test(keys.key);
}

function kiosk(): boolean {
  return document.body.dataset.kiosk === "true";
}

function editable(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function lockDown(): void {
  const stop = (event: Event) => {
    if (kiosk()) event.preventDefault();
  };
  window.addEventListener(
    "keydown",
    (event) => {
      if (!kioskAllows(event)) stop(event);
    },
    { capture: true },
  );
  window.addEventListener("contextmenu", stop, { capture: true });
  window.addEventListener("dragstart", stop, { capture: true });
  window.addEventListener(
    "selectstart",
    (event) => {
      if (!editable(event.target)) stop(event);
    },
    { capture: true },
  );
  // Ctrl + wheel or a pinch (a ctrl wheel event on touchpads) zooms.
  window.addEventListener(
    "wheel",
    (event) => {
      if (event.ctrlKey) stop(event);
    },
    { capture: true, passive: false },
  );
  const print = window.print.bind(window);
  window.print = () => {
    if (!kiosk()) print();
  };
}
