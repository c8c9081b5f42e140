// The WPS 表格 double in the browser tests: window.Application and window.wps for the add-in's pages.
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./support";

/** The WPS double as an init script: started from `window.__WPS_SEED__` or from the state a previous page left. */
export function wpsDoubleScript(): string {
  const read = (f: string) => fs.readFileSync(path.join(ROOT, "test/support", f), "utf8");
  return `${read("excel-double.js")}
;${read("wps-double.js")}
;(function () {
  var saved = null;
  try { saved = JSON.parse(sessionStorage.getItem("__wpsDoubleState") || "null"); } catch (e) {}
  var d = WpsDouble.createWpsDouble(saved || window.__WPS_SEED__ || { sheets: [] });
  if (window.__WPS_SAVE_AS__ !== undefined) d.state.saveAsAnswer = window.__WPS_SAVE_AS__;
  window.__wps = d;
  window.Application = d.Application;
  window.wps = d.wps;
  // The workbook stays open in WPS while the pane is closed and opened again.
  window.addEventListener("pagehide", function () {
    sessionStorage.setItem("__wpsDoubleState", JSON.stringify(d.exportState()));
  });
})();`;
}

