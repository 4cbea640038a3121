import { describe, expect, it } from "vitest";
import { kioskAllows } from "./lockdown";

const plain = { ctrlKey: false, metaKey: false, altKey: false };

describe("what a kiosk lets through", () => {
  it("lets the keys that drive the screens and the PIN pad through", () => {
    for (const key of ["Tab", "Enter", " ", "Escape", "ArrowDown", "Backspace", "4", "a"]) {
      expect(kioskAllows({ key, ...plain }), key).toBe(true);
    }
  });

  it("stops every browser shortcut", () => {
    const shortcuts = [
      { key: "p", ...plain, ctrlKey: true },
      { key: "r", ...plain, ctrlKey: true },
      { key: "f", ...plain, ctrlKey: true },
      { key: "+", ...plain, ctrlKey: true },
      { key: "0", ...plain, ctrlKey: true },
      { key: "I", ...plain, ctrlKey: true },
      { key: "a", ...plain, ctrlKey: true },
      { key: "p", ...plain, metaKey: true },
      { key: "ArrowLeft", ...plain, altKey: true },
      { key: "F5", ...plain },
      { key: "F7", ...plain },
      { key: "F12", ...plain },
    ];
    for (const keys of shortcuts) {
      expect(kioskAllows(keys), JSON.stringify(keys)).toBe(false);
    }
  });
});
