import { describe, expect, it } from "vitest";
import type { Status } from "./backend";
import { fr, en } from "./i18n";
import {
  applyStatus,
  canOpenSettings,
  chooseScreen,
  showsIdleOverlay,
  type Screen,
  type Ui,
} from "./state";

function status(patch: Partial<Status> = {}): Status {
  return {
    env: "sandbox",
    kiosk: false,
    acr: "eidas2",
    language: "fr",
    online: true,
    phase: "home",
    closeRequested: false,
    settings: {
      env: "sandbox",
      acr: "eidas2",
      idleTimeoutSecs: 300,
      browserMode: "private",
      kiosk: false,
      pinRequired: false,
      operator: { accessibility: "none" },
      theme: "etat",
    },
    ...patch,
  };
}

function ui(patch: Partial<Ui> = {}): Ui {
  return {
    status: null,
    language: "fr",
    error: null,
    settingsKey: null,
    dialog: null,
    fcInfo: false,
    page: null,
    message: null,
    ...patch,
  };
}

const signInError: Ui["error"] = {
  error: { code: "timed_out", message: "", detail: "" },
  eidas: false,
};
const allScreens: Screen[] = [
  "home",
  "waiting",
  "identity",
  "confirm",
  "ending",
  "error",
  "blocking",
  "settings",
  "accessibility",
  "data",
];

describe("chooseScreen", () => {
  it("shows home before the first status", () => {
    expect(chooseScreen(ui())).toBe("home");
    expect(chooseScreen(ui({ error: signInError, settingsKey: "1234" }))).toBe("home");
  });

  it("opens the footer's notices over a screen that waits for nobody only", () => {
    const page = "data" as const;
    expect(chooseScreen(ui({ status: status({ phase: "home" }), page }))).toBe("data");
    expect(chooseScreen(ui({ status: status({ phase: "signedIn" }), page }))).toBe("data");
    expect(chooseScreen(ui({ status: status({ phase: "signingIn" }), page }))).toBe("waiting");
    expect(chooseScreen(ui({ status: status({ phase: "confirming" }), page }))).toBe("confirm");
    expect(chooseScreen(ui({ status: status({ phase: "ending" }), page }))).toBe("ending");
  });

  it("follows the sign-in's phase", () => {
    expect(chooseScreen(ui({ status: status({ phase: "home" }) }))).toBe("home");
    expect(chooseScreen(ui({ status: status({ phase: "signingIn" }) }))).toBe("waiting");
    expect(chooseScreen(ui({ status: status({ phase: "signedIn" }) }))).toBe("identity");
    expect(chooseScreen(ui({ status: status({ phase: "confirming" }) }))).toBe("confirm");
    expect(chooseScreen(ui({ status: status({ phase: "ending" }) }))).toBe("ending");
  });

  it("shows the last sign-in's error at home only", () => {
    expect(chooseScreen(ui({ status: status(), error: signInError }))).toBe("error");
    expect(chooseScreen(ui({ status: status({ phase: "signingIn" }), error: signInError }))).toBe(
      "waiting",
    );
    expect(chooseScreen(ui({ status: status({ phase: "signedIn" }), error: signInError }))).toBe(
      "identity",
    );
    expect(chooseScreen(ui({ status: status({ phase: "confirming" }), error: signInError }))).toBe(
      "confirm",
    );
  });

  it("opens settings from home only, before an error", () => {
    expect(chooseScreen(ui({ status: status(), settingsKey: "1234" }))).toBe("settings");
    expect(chooseScreen(ui({ status: status(), settingsKey: "" }))).toBe("settings");
    expect(chooseScreen(ui({ status: status(), settingsKey: "1234", error: signInError }))).toBe(
      "settings",
    );
    expect(chooseScreen(ui({ status: status({ phase: "signingIn" }), settingsKey: "1234" }))).toBe(
      "waiting",
    );
    expect(chooseScreen(ui({ status: status({ phase: "signedIn" }), settingsKey: "1234" }))).toBe(
      "identity",
    );
  });

  it("puts a blocking error above everything", () => {
    const blockingError = { code: "config_invalid" as const, message: "", detail: "bad toml" };
    for (const phase of ["home", "signingIn", "signedIn", "confirming", "ending"] as const) {
      expect(
        chooseScreen(
          ui({ status: status({ phase, blockingError }), settingsKey: "1", error: signInError }),
        ),
      ).toBe("blocking");
    }
  });

  it("stays on its screen offline (the banner says it) and while the idle countdown runs", () => {
    expect(chooseScreen(ui({ status: status({ online: false }) }))).toBe("home");
    expect(chooseScreen(ui({ status: status({ online: null }) }))).toBe("home");
    expect(chooseScreen(ui({ status: status({ online: false, phase: "signedIn" }) }))).toBe(
      "identity",
    );
    const offline: Ui["error"] = {
      error: { code: "provider_unreachable", message: "", detail: "" },
      eidas: true,
      offline: true,
    };
    expect(chooseScreen(ui({ status: status({ online: false }), error: offline }))).toBe("error");
    expect(chooseScreen(ui({ status: status({ phase: "signedIn", idleSecondsLeft: 10 }) }))).toBe(
      "identity",
    );
    expect(chooseScreen(ui({ status: status({ phase: "confirming", idleSecondsLeft: 10 }) }))).toBe(
      "confirm",
    );
  });
});

describe("showsIdleOverlay", () => {
  it("covers an identity, shown or held, while the idle countdown runs", () => {
    expect(showsIdleOverlay("identity", status({ idleSecondsLeft: 30 }))).toBe(true);
    expect(showsIdleOverlay("confirm", status({ idleSecondsLeft: 30 }))).toBe(true);
    expect(showsIdleOverlay("identity", status({ idleSecondsLeft: 0 }))).toBe(true);
  });

  it("is not shown without a countdown, nor on other screens", () => {
    expect(showsIdleOverlay("identity", status())).toBe(false);
    expect(showsIdleOverlay("identity", null)).toBe(false);
    for (const screen of allScreens.filter((s) => s !== "identity" && s !== "confirm")) {
      expect(showsIdleOverlay(screen, status({ idleSecondsLeft: 30 }))).toBe(false);
    }
  });
});

describe("canOpenSettings", () => {
  it("offers settings between sessions only", () => {
    expect(allScreens.filter(canOpenSettings)).toEqual(["home", "error"]);
  });
});

describe("applyStatus", () => {
  it("takes the first status's language, even in the middle of a session", () => {
    const state = ui({ language: "fr" });
    applyStatus(state, status({ phase: "signedIn", language: "en" }));
    expect(state.language).toBe("en");
    const atHome = ui({ language: "fr" });
    applyStatus(atHome, status({ language: "en" }));
    expect(atHome.language).toBe("en");
  });

  it("keeps the language chosen for a session while it goes on", () => {
    const state = ui({ language: "en", status: status({ phase: "signedIn" }) });
    applyStatus(state, status({ phase: "signedIn", language: "fr" }));
    expect(state.language).toBe("en");
    applyStatus(state, status({ phase: "ending", language: "fr" }));
    expect(state.language).toBe("en");
  });

  it("goes back to the kiosk's language when a session ends", () => {
    const state = ui({ language: "en", status: status({ phase: "ending" }) });
    applyStatus(state, status({ phase: "home", language: "fr" }));
    expect(state.language).toBe("fr");
  });

  it("does not change the language at home from one home to the next", () => {
    const state = ui({ language: "en", status: status({ phase: "home" }) });
    applyStatus(state, status({ phase: "home", language: "fr" }));
    expect(state.language).toBe("en");
  });

  it("turns a notice into the home screen's message, in the language it goes back to", () => {
    const state = ui({ language: "en", status: status({ phase: "signedIn" }), message: "old" });
    applyStatus(
      state,
      status({
        language: "fr",
        notice: { code: "expired", remoteLogout: "failed", fcSessionCleared: false },
      }),
    );
    expect(state.message).toBe(`${fr.noticeExpired} ${fr.noticeFcNotCleared}`);
    const english = ui({ language: "en", status: status({ language: "en" }) });
    applyStatus(
      english,
      status({
        language: "en",
        notice: { code: "idle_ended", remoteLogout: "done", fcSessionCleared: true },
      }),
    );
    expect(english.message).toBe(en.noticeIdle);
  });

  it("keeps the message when there is no notice", () => {
    const state = ui({ status: status(), message: "Réglages enregistrés." });
    applyStatus(state, status());
    expect(state.message).toBe("Réglages enregistrés.");
  });

  it("opens the quit dialog when the window is asked to close, unless a dialog is open", () => {
    const state = ui({ status: status() });
    applyStatus(state, status({ closeRequested: true }));
    expect(state.dialog).toEqual({ purpose: "quit", error: null });
    const busy = ui({
      status: status(),
      dialog: { purpose: "settings", error: "Code agent incorrect" },
    });
    applyStatus(busy, status({ closeRequested: true }));
    expect(busy.dialog).toEqual({ purpose: "settings", error: "Code agent incorrect" });
  });

  it("forgets the last error once signed in, not before", () => {
    const state = ui({ status: status(), error: signInError });
    applyStatus(state, status({ phase: "signingIn" }));
    expect(state.error).toBe(signInError);
    applyStatus(state, status({ phase: "signedIn" }));
    expect(state.error).toBeNull();
  });

  it("keeps the new status", () => {
    const state = ui({ status: status() });
    const next = status({ phase: "signingIn", online: false });
    applyStatus(state, next);
    expect(state.status).toBe(next);
  });
});
