// Entry: wait for office.js, then start the pane. No other side effects at import time.
import { startPane } from "./app";

if (typeof Office === "undefined") {
  // office.js could not load (no network): the pane still works on local files.
  void startPane(null);
} else {
  void Office.onReady((info) => startPane(info.host ?? null));
}
