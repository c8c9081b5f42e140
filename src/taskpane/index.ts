// Entry: find the host (WPS 表格, Excel through office.js, or neither), then start the pane. No other side effects at import time.
import { detectWps } from "../wps/detect";
import { startPane } from "./app";

const wps = detectWps();
if (wps) {
  // WPS's page has no office.js (wps-taskpane.html): its object model is window.Application.
  void startPane("WPS");
} else if (typeof Office === "undefined") {
  // office.js could not load (no network): the pane still works on local files.
  void startPane(null);
} else {
  void Office.onReady((info) => startPane(info.host ?? null));
}
