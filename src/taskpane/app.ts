// Chooses the workbook host (Excel, WPS 表格, or a local file in a plain browser) and mounts the same three views on it.
import type { WorkbookHost } from "../host/workbook-host";
import { checkRequirements } from "../excel/requirements";
import { ExcelHost } from "../excel/excel-host";
import { detectWps } from "../wps/detect";
import { h, replace } from "./dom";
import { describeError } from "./errors";
import { downloadBlob } from "./io";
import { readInWorker } from "./read-in-worker";
import { Pane } from "./pane";
import { createCheckView } from "./views/check-view";
import { createFillView } from "./views/fill-view";
import { createNarrativeView } from "./views/narrative-view";

export const SAMPLE_NAME = "平乡县行政审批局-2024年部门预算.xlsx";

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
  mountOpenScreen(root);
}

function errorScreen(message: string, hint: string): HTMLElement {
  return h("div", { className: "message error", role: "alert" }, h("strong", {}, message), h("div", { className: "hint" }, hint));
}

export function mountPane(host: WorkbookHost, root: HTMLElement, headerExtras: HTMLElement[] = []): Pane {
  const pane = new Pane(host, root, headerExtras);
  const checkView = createCheckView(pane);
  const fillView = createFillView(pane, { onChanged: () => checkView.markStale() });
  pane.mount([checkView, fillView, createNarrativeView(pane)]);
  void fillView.refreshUndo();
  return pane;
}

/** Browser mode: a file picker and drop zone; the .xlsx is read here, in this browser, and goes nowhere else. */
function mountOpenScreen(root: HTMLElement): void {
  const status = h("p", { className: "open-status", role: "status" });
  const input = h("input", { type: "file", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", id: "file-input", className: "file-input" });
  const drop = h(
    "label",
    { className: "drop-zone", for: "file-input", id: "drop-zone" },
    h("strong", {}, "选择或拖入部门预算公开工作簿（.xlsx）"),
    h("span", {}, "文件只在本机浏览器中读取，不会上传到任何地方。"),
    h("span", { className: "action secondary pick" }, "选择文件…"),
    input,
  );
  const sampleBtn = h("button", { className: "action secondary", type: "button", id: "btn-sample", onclick: () => void openSample() }, "使用示例工作簿");
  replace(
    root,
    h("header", { className: "header" }, h("div", { className: "title-row" }, h("h1", {}, "预算公开助手"), h("span", { className: "badge mode-file" }, "浏览器模式"))),
    h("p", { className: "intro" }, "未在 Excel 中运行：可以直接打开本机的 .xlsx 文件，完成校验、填充合计和生成说明，再下载结果。"),
    drop,
    h("div", { className: "toolbar" }, sampleBtn),
    status,
  );

  let opening = false;
  async function open(load: () => Promise<{ bytes: ArrayBuffer; name: string }>): Promise<void> {
    if (opening) return;
    opening = true;
    root.classList.add("is-busy");
    status.className = "open-status";
    status.textContent = "正在读取工作簿…";
    try {
      const { bytes, name } = await load();
      // Read in a worker with a time limit and a cancel button: no file can freeze the page.
      const reading = readInWorker(bytes, name);
      status.append(" ", h("button", { className: "action secondary", type: "button", id: "btn-cancel-read", onclick: () => reading.cancel() }, "取消"));
      const snapshot = await reading.result;
      // The .xlsx reader and writer are only fetched here, in browser mode; the pane inside Excel never loads them.
      const { openFileHost } = await import(/* webpackChunkName: "xlsx" */ "../xlsx/file-host");
      const host = await openFileHost(bytes, name, snapshot ?? undefined);
      mountFilePane(host, root);
    } catch (e) {
      const d = describeError(e);
      status.className = "open-status message error";
      status.setAttribute("role", "alert");
      replace(status, h("strong", {}, d.message), d.hint ? h("div", { className: "hint" }, d.hint) : null);
    } finally {
      opening = false;
      root.classList.remove("is-busy");
    }
  }

  async function openSample(): Promise<void> {
    await open(async () => {
      // From a lazy chunk, not fetched: the pane's CSP allows no connection (connect-src 'none').
      const { sampleBytes } = await import(/* webpackChunkName: "sample" */ "./sample");
      return { bytes: sampleBytes(), name: SAMPLE_NAME };
    });
  }

  async function openFile(file: File | undefined): Promise<void> {
    if (!file) return;
    await open(async () => ({ bytes: await file.arrayBuffer(), name: file.name }));
  }

  input.addEventListener("change", () => void openFile(input.files?.[0]));
  drop.addEventListener("dragover", (e) => {
    e.preventDefault();
    drop.classList.add("over");
  });
  drop.addEventListener("dragleave", () => drop.classList.remove("over"));
  drop.addEventListener("drop", (e) => {
    e.preventDefault();
    drop.classList.remove("over");
    void openFile(e.dataTransfer?.files?.[0]);
  });
  if (new URLSearchParams(location.search).get("sample") === "1") void openSample();
}

function mountFilePane(host: WorkbookHost, root: HTMLElement): void {
  const downloadBtn = h("button", { className: "action secondary", type: "button", id: "btn-download", onclick: () => void download() }, "下载工作簿（.xlsx）");
  const otherBtn = h("button", { className: "action link", type: "button", id: "btn-open-other", onclick: () => mountOpenScreen(root) }, "打开其他文件");
  const pane = mountPane(host, root, [h("div", { className: "toolbar header-actions" }, downloadBtn, otherBtn)]);
  async function download(): Promise<void> {
    await pane.run("正在生成 .xlsx 文件…", async () => {
      const bytes = await host.exportWorkbook!();
      const name = host.name().replace(/\.xlsx$/i, "") + "（已处理）.xlsx";
      downloadBlob(new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), name);
      pane.notify(`已生成“${name}”，请在浏览器的下载列表中查看。`, "success");
    });
  }
}
