// Browser mode: the pane on a local .xlsx, read in this browser and sent nowhere. A chunk of its own, never loaded in Excel.
import type { WorkbookHost } from "../host/workbook-host";
import { mountPane } from "./app";
import { h, replace } from "./dom";
import { describeError } from "./errors";
import { downloadNamed, fileFailure, guardFileHost, readChosen } from "./file-guard";
import { readInWorker } from "./read-in-worker";
import { titleRow } from "./pane";

const SAMPLE_NAME = "平乡县行政审批局-2024年部门预算.xlsx";

/**
 * A modal question in the page (office.js replaces window.confirm with a function that throws). Resolves true when
 * the user chose `yes`; Esc or `no` resolve false. Focus starts on the safe answer and returns where it was.
 */
function ask(question: string, detail: string, yes: string, no: string): Promise<boolean> {
  const back = document.activeElement as HTMLElement | null;
  return new Promise((resolve) => {
    const noBtn = h("button", { className: "action primary", type: "button", id: "ask-no" }, no);
    const yesBtn = h("button", { className: "action secondary", type: "button", id: "ask-yes" }, yes);
    const dialog = h(
      "dialog",
      { className: "ask", id: "ask", "aria-labelledby": "ask-title", "aria-describedby": "ask-detail" },
      h("p", { id: "ask-title", className: "ask-title" }, question),
      h("p", { id: "ask-detail" }, detail),
      h("div", { className: "toolbar" }, noBtn, yesBtn),
    );
    const done = (answer: boolean) => {
      dialog.close();
      dialog.remove();
      back?.focus();
      resolve(answer);
    };
    noBtn.addEventListener("click", () => done(false));
    yesBtn.addEventListener("click", () => done(true));
    dialog.addEventListener("cancel", (e) => {
      e.preventDefault();
      done(false);
    });
    document.body.appendChild(dialog);
    dialog.showModal();
    noBtn.focus();
  });
}

/** Browser mode: a file picker and drop zone; the .xlsx is read here, in this browser, and goes nowhere else. */
export function mountOpenScreen(root: HTMLElement): void {
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
    h("header", { className: "header" }, titleRow("file")),
    h(
      "main",
      {},
      h("p", { className: "intro" }, "未在 Excel 中运行：可以直接打开本机的 .xlsx 文件，完成校验、填充合计和生成说明，再下载结果。"),
      drop,
      h("div", { className: "toolbar" }, sampleBtn),
      status,
    ),
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
      const named = <T>(p: Promise<T>) => p.catch((e: unknown) => Promise.reject(fileFailure(`无法读取 ${name}`, e, "读取工作簿")));
      const snapshot = await named(reading.result);
      // The .xlsx reader and writer are only fetched here, in browser mode; the pane inside Excel never loads them.
      const { openFileHost } = await import(/* webpackChunkName: "xlsx" */ "../xlsx/file-host");
      mountFilePane(await named(openFileHost(bytes, name, snapshot ?? undefined)), root);
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
    await open(async () => ({ bytes: await readChosen(file), name: file.name }));
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

let unloadGuard: ((e: BeforeUnloadEvent) => void) | null = null;

/** Browser mode: the pane says what is saved where; nothing that discards changes happens without asking. */
function mountFilePane(fileHost: WorkbookHost, root: HTMLElement): void {
  let dirty = false;
  const stateEl = h("p", { className: "file-state", id: "file-state" });
  const downloadBtn = h("button", { className: "action secondary", type: "button", id: "btn-download", onclick: () => void download() }, "下载工作簿（.xlsx）");
  const otherBtn = h("button", { className: "action link", type: "button", id: "btn-open-other", onclick: () => void openOther() }, "打开其他文件");
  const host = guardFileHost(fileHost, () => setDirty(true));
  const pane = mountPane(host, root, [stateEl, h("div", { className: "toolbar header-actions" }, downloadBtn, otherBtn)]);
  setDirty(false);

  function setDirty(on: boolean, downloaded?: string): void {
    dirty = on;
    stateEl.classList.toggle("dirty", on);
    stateEl.textContent = on
      ? "已修改，尚未下载：修改只在本页中，请点击“下载工作簿”保存。"
      : downloaded
        ? `已下载为“${downloaded}”。原文件没有改动。`
        : "未修改。填充、写入说明等修改会先保存在本页中，再由“下载工作簿”保存为新文件。";
    downloadBtn.className = on ? "action primary" : "action secondary";
    if (unloadGuard) window.removeEventListener("beforeunload", unloadGuard);
    unloadGuard = null;
    if (on) {
      // Closing or reloading the tab asks first (the browser shows its own wording).
      unloadGuard = (e: BeforeUnloadEvent) => {
        e.preventDefault();
        e.returnValue = "";
      };
      window.addEventListener("beforeunload", unloadGuard);
    }
  }

  async function openOther(): Promise<void> {
    if (dirty && !(await ask("工作簿已修改，尚未下载。", "打开其他文件会丢失这些修改。要保留它们，请先点“继续编辑”，再点“下载工作簿”。", "放弃修改，打开其他文件", "继续编辑"))) return;
    setDirty(false);
    mountOpenScreen(root);
  }

  async function download(): Promise<void> {
    const name = host.name().replace(/\.xlsx$/i, "").replace(/（已处理）$/, "") + "（已处理）.xlsx";
    const ok = await pane.run("正在生成 .xlsx 文件…", async () => {
      const bytes = await host.exportWorkbook!();
      downloadNamed(new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), name);
      pane.notify(`已生成“${name}”，请在浏览器的下载列表中查看。撤销记录和修改过的模板都保存在这个文件中，重新打开后仍可撤销填充。`, "success");
    });
    if (ok) setDirty(false, name);
  }
}
