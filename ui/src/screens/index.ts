// One function per screen (screens/<name>.ts), by the name state.ts chooses.
import { ui, type Screen } from "../state";
import { blockingScreen } from "./blocking";
import { confirmScreen } from "./confirm";
import { endingScreen } from "./ending";
import { errorScreen } from "./error";
import { homeScreen } from "./home";
import { identityScreen } from "./identity";
import { accessibilityScreen, dataScreen } from "./notices";
import { settingsScreen } from "./settings";
import { waitingScreen } from "./waiting";

export const screens: Record<Screen, () => HTMLElement> = {
  home: homeScreen,
  waiting: waitingScreen,
  identity: () => identityScreen(ui.status!.identity!),
  confirm: confirmScreen,
  ending: endingScreen,
  error: errorScreen,
  blocking: blockingScreen,
  settings: settingsScreen,
  accessibility: accessibilityScreen,
  data: dataScreen,
};
