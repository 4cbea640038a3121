import { h } from "../dom";

/** Every screen's heading: #screen-title, focused when the screen changes. */
export function title(text: string): HTMLElement {
  return h("h1", { id: "screen-title", tabindex: "-1" }, text);
}
