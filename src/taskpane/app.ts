// Chooses the workbook host (Excel, WPS 表格, or a local file in a plain browser) and mounts the same three views on it.
import type { WorkbookHost } from "../host/workbook-host";
import { checkRequirements } from "../excel/requirements";
import { ExcelHost } from "../excel/excel-host";
import { detectWps } from "../wps/detect";
import { h, replace } from "./dom";
import { Pane } from "./pane";
import { createCheckView } from "./views/check-view";
import { createFillView } from "./views/fill-view";
import { createNarrativeView } from "./views/narrative-view";

/** `host`: Office's host type, "WPS" inside WPS, or null in a plain browser. */
export async function startPane(host: Office.HostType | string | null, root: HTMLElement = document.getElementById("app")!): Promise<void> {
  if (host === "Excel" || host === (typeof Office !== "undefined" ? Office.HostType?.Excel : "Excel")) {
    const req = checkRequirements();
    if (!req.ok) {
      replace(root, errorScreen(req.message!, req.hint!));
      return;
    }
    mountPane(new ExcelHost(), root);
    return;
  }
  if (host === "WPS") {
    const wps = detectWps();
    if (!wps?.spreadsheet) {
      replace(root, errorScreen("预算公开助手只能在 WPS 表格中使用。", "请在 WPS 表格中打开部门预算公开工作簿，再点击“预算公开”选项卡中的“打开助手”。"));
      return;
    }
    // Its own chunk: what Excel loads stays within its budget.
    const { WpsHost } = await import(/* webpackChunkName: "wps" */ "../wps/wps-host");
    mountPane(new WpsHost(wps), root);
    return;
  }
  if (host) {
    replace(root, errorScreen("预算公开助手只能在 Excel 或 WPS 表格中使用。", "请在 Excel 或 WPS 表格中打开，或直接在浏览器中打开本页面处理 .xlsx 文件。"));
    return;
  }
  // Browser mode is its own chunk: the pane inside Excel never loads it.
  const { mountOpenScreen } = await import(/* webpackChunkName: "browser" */ "./browser-mode");
  mountOpenScreen(root);
}

function errorScreen(message: string, hint: string): HTMLElement {
  return h("div", { className: "message error", role: "alert" }, h("strong", {}, message), h("div", { className: "hint" }, hint));
}

export function mountPane(host: WorkbookHost, root: HTMLElement, headerExtras: HTMLElement[] = []): Pane {
  const pane = new Pane(host, root, headerExtras);
  const checkView = createCheckView(pane, {
    onFill: () => {
      pane.show("fill");
      void fillView.preview();
    },
  });
  const fillView = createFillView(pane, { onChanged: () => checkView.markStale() });
  pane.mount([checkView, fillView, createNarrativeView(pane)]);
  void fillView.refreshUndo();
  return pane;
}

