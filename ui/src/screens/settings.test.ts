import { describe, expect, it } from "vitest";
import { settingsFromForm } from "./settings";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("settingsFromForm", () => {
  it("reads the form's fields as Rust's settings", () => {
    expect(
      settingsFromForm(
        form({ env: "gateway", acr: "eidas3", idle: "600", browser: "system", kiosk: "on" }),
      ),
    ).toEqual({
      env: "gateway",
      acr: "eidas3",
      idle_timeout_secs: 600,
      browser_mode: "system",
      kiosk: true,
    });
  });

  it("reads an unticked kiosk box (absent from the form) as false", () => {
    const settings = settingsFromForm(
      form({ env: "sandbox", acr: "eidas2", idle: "30", browser: "private" }),
    );
    expect(settings.kiosk).toBe(false);
    expect(settings.idle_timeout_secs).toBe(30);
  });
});
