import { describe, expect, it } from "vitest";
import { crossesMark } from "./announce";

describe("the idle countdown said aloud", () => {
  it("speaks at 30, 10 and 5 seconds left, once each", () => {
    const said: number[] = [];
    let previous: number | undefined;
    for (let now = 40; now >= 0; now--) {
      if (crossesMark(previous, now)) said.push(now);
      previous = now;
    }
    expect(said).toEqual([30, 10, 5]);
  });

  it("does not miss a mark when a poll skips a second", () => {
    expect(crossesMark(11, 9)).toBe(true);
    expect(crossesMark(6, 4)).toBe(true);
    expect(crossesMark(9, 8)).toBe(false);
  });

  it("says nothing as the countdown first shows: the dialog is read as it opens", () => {
    expect(crossesMark(undefined, 30)).toBe(false);
    expect(crossesMark(undefined, 10)).toBe(false);
  });
});
