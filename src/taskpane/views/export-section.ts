// 导出 Word 文档: the whole disclosure (目录, 公开表一至九, 情况说明) as .docx, built here in the pane and saved locally.
import type { DisclosureExport } from "../../docx/from-snapshot";
import type { ExportReply, ExportRequest } from "../export-worker";
import { SEVERITY_LABEL } from "../../core/findings";
import type { Finding } from "../../core/findings";
import type { TemplateSet } from "../../core/narrative/render";
import { NARRATIVE_SHEET, type HostKind } from "../../host/workbook-host";
import { STYLES } from "../../core/narrative/styles";
import { h, nextFrame, replace } from "../dom";
import { paneError } from "../errors";
import { downloadBlob } from "../io";
import type { PaneContext } from "../pane";

const DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
/** What to do where Excel does not let a task pane save files: the same pane in a browser, or the CLI. */
function noDownloadHint(kind: HostKind): string {
  const cli = "在命令行运行 budget-disclosure export 工作簿.xlsx -o 预算公开.docx";
  return kind === "excel" ? `可以用浏览器打开 ${location.origin}${location.pathname}（浏览器模式），选择这个工作簿后导出；或${cli}。` : `请换用 Edge 或 Chrome 浏览器，或${cli}。`;
}

const SOURCE_TEXT: Record<DisclosureExport["narrativeSource"], string> = {
  sheet: `情况说明取自工作簿中的“${NARRATIVE_SHEET}”工作表（模板的修改不影响导出；要用模板生成的文字，请先写入该工作表）。`,
  templates: "情况说明按当前模板和“说明参数”表生成。",
  text: "情况说明取自给定的文字。",
};

/** One line per finding (badge + message), as the narrative view lists them. */
export function findingLines(findings: Finding[]): HTMLElement[] {
  return findings.map((f) => h("li", { className: `sev-${f.severity}` }, h("span", { className: `sev-badge sev-${f.severity}` }, SEVERITY_LABEL[f.severity]), " ", f.message));
}

let worker: Worker | null = null;

/** As exportNeedsConfirmation in docx/report, which the pane's bundle does not load: errors or 【缺少】. */
const needsConfirmation = (out: DisclosureExport) => out.report.errors.length > 0 || out.report.missing.length > 0;

/**
 * Builds the .docx in a worker so the pane never freezes. The docx package (about 1.6 MB) is its own chunk, which the
 * worker fetches on the first export (never with the pane Excel opens); the worker is kept for later exports.
 */
function exportInWorker(request: ExportRequest): Promise<DisclosureExport> {
  if (!worker) {
    try {
      // @ts-expect-error -- import.meta is left to webpack (module: esnext); tsc checks the sources as commonjs.
      worker = new Worker(new URL(/* webpackChunkName: "docx-worker" */ "../export-worker.ts", import.meta.url), { name: "docx" });
    } catch {
      // A page opened from a local folder (WPS's offline add-in: file:) may not start workers: build it here.
      return exportInPage(request);
    }
  }
  const w = worker;
  return new Promise((resolve, reject) => {
    w.onmessage = (e: MessageEvent<ExportReply>) => {
      if (e.data.ok) resolve(e.data.out);
      else reject(Object.assign(new Error(e.data.message), { name: e.data.name }));
    };
    // The worker's script could not be fetched or run (server unreachable, a new version deployed meanwhile).
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      if (worker === w) worker = null;
      reject(paneError("无法加载 Word 导出组件。", "请检查与加载项服务器的连接，关闭并重新打开任务窗格后再试。"));
    };
    w.postMessage(request);
  });
}

/** The same export in the page itself, from the same docx chunk the worker loads; the pane waits meanwhile. */
async function exportInPage(request: ExportRequest): Promise<DisclosureExport> {
  const { exportDisclosure } = await import(/* webpackChunkName: "docx" */ "../../docx/from-snapshot");
  return exportDisclosure(request.snapshot, { templates: request.templates, style: request.style });
}

export function createExportSection(ctx: PaneContext, templates: () => Promise<TemplateSet>): HTMLElement {
  const findingsEl = h("ul", { className: "narrative-findings export-findings", id: "export-findings" });
  const sourceEl = h("p", { className: "export-source", id: "export-source", hidden: true });
  const reportEl = h("div", { className: "export-report", id: "export-report", hidden: true });
  const button = h("button", { className: "action primary", type: "button", id: "btn-export-docx", onclick: () => void exportDocx() }, "导出 Word 文档");
  // 公开格式: the seed's (河北县级) or Shanghai's nine tables and 编制说明 order; automatic follows 说明样式 and the layout.
  const formSelect = h(
    "select",
    { id: "export-form", "aria-label": "公开格式" },
    h("option", { value: "" }, "自动（按说明样式和表格格式）"),
    ...STYLES.map((st) => h("option", { value: st.name }, st.name)),
  );
  const confirmBtn = h("button", { className: "action primary", type: "button", id: "btn-export-confirm", onclick: () => confirmExport() }, "仍然导出");
  const cancelBtn = h("button", { className: "action secondary", type: "button", id: "btn-export-cancel", onclick: () => cancelExport() }, "取消");
  const confirmBar = h("div", { className: "toolbar confirm-bar", hidden: true }, confirmBtn, cancelBtn);
  /** A built document held back until the user confirms it despite errors or 【缺少】. */
  let pending: DisclosureExport | null = null;

  function showReport(out: DisclosureExport, held: boolean): void {
    const lines = out.reportText;
    reportEl.hidden = !lines.length && !held;
    replace(
      reportEl,
      ...(held ? [h("p", { className: "export-held" }, "导出前请先处理下列问题。确认仍要导出，请点击“仍然导出”。")] : []),
      h("pre", { className: "export-report-lines" }, lines.join("\n")),
    );
    confirmBar.hidden = !held;
  }

  async function exportDocx(): Promise<void> {
    pending = null;
    confirmBar.hidden = true;
    await ctx.run("正在生成 Word 文档…", async (progress) => {
      const t = await templates();
      const snapshot = await ctx.snapshot(progress);
      progress("正在生成 Word 文档…");
      await nextFrame(); // paint the step before the snapshot is copied to the worker
      const out = await exportInWorker({ snapshot, templates: t, style: formSelect.value || undefined });
      replace(findingsEl, ...findingLines(out.findings.filter((f) => !/【缺少/.test(f.message))));
      sourceEl.hidden = false;
      sourceEl.textContent = `${SOURCE_TEXT[out.narrativeSource]}公开格式：${out.form}。`;
      if (needsConfirmation(out)) {
        pending = out;
        showReport(out, true);
        const { errors, missing } = out.report;
        ctx.notify(`未导出：${[errors.length ? `校验有 ${errors.length} 个错误` : "", missing.length ? `情况说明有 ${missing.length} 项缺少内容` : ""].filter(Boolean).join("，")}（见下方报告）。`, "warning");
        return;
      }
      showReport(out, false);
      progress("正在保存文件…");
      await deliver(out);
    });
  }

  async function confirmExport(): Promise<void> {
    const out = pending;
    if (!out) return;
    pending = null;
    confirmBar.hidden = true;
    // Saving can fail (an Excel that lets no task pane save files, WPS refusing the path): said as every failure is,
    // with what to do.
    await ctx.run("正在保存文件…", () => deliver(out));
  }

  function cancelExport(): void {
    pending = null;
    confirmBar.hidden = true;
    ctx.notify("已取消导出。");
  }

  async function deliver(out: DisclosureExport): Promise<void> {
    const problems = needsConfirmation(out);
    const note = problems ? "文档中仍有报告所列的问题，发布前请核对。" : out.report.slips.length ? "已更正的标点见下方报告。" : "";
    if (ctx.host.saveFile) {
      // WPS: its own Save As dialog and file system, next to the workbook by default.
      const path = await ctx.host.saveFile(out.bytes, out.fileName, "docx");
      if (path === null) ctx.notify(`已生成“${out.fileName}”，但没有保存（“另存为”已取消）。需要时请再次点击“导出 Word 文档”。`, "info");
      else ctx.notify(`已保存到“${path}”。${note}`, problems ? "warning" : "success");
      return;
    }
    save(new Blob([out.bytes as BlobPart], { type: DOCX_TYPE }), out.fileName);
    if (ctx.host.kind === "excel") {
      // Excel gives no signal whether the download happened: say where to look and what to do if it did not.
      ctx.notify(`已生成“${out.fileName}”。${note}如果没有出现保存或下载提示，说明当前的 Excel 不允许任务窗格保存文件：${noDownloadHint(ctx.host.kind)}`, problems ? "warning" : "success");
    } else {
      ctx.notify(`已生成“${out.fileName}”，请在浏览器的下载列表中查看。${note}`, problems ? "warning" : "success");
    }
  }

  function save(blob: Blob, fileName: string): void {
    // The only way out of a task pane is a Blob URL and <a download>; some Excel versions have neither.
    if (typeof URL.createObjectURL !== "function" || !("download" in HTMLAnchorElement.prototype)) {
      throw paneError(`当前环境不允许任务窗格保存文件，Word 文档“${fileName}”无法下载。`, noDownloadHint(ctx.host.kind));
    }
    try {
      downloadBlob(blob, fileName);
    } catch {
      throw paneError(`Word 文档“${fileName}”已生成，但当前环境不允许任务窗格保存文件。`, noDownloadHint(ctx.host.kind));
    }
  }

  return h(
    "section",
    { className: "export-word", "aria-labelledby": "export-word-title" },
    h("h2", { id: "export-word-title", className: "section-title" }, "导出 Word 文档"),
    h(
      "p",
      { className: "intro" },
      `按公开文件的顺序生成 .docx：目录、公开表一至九、情况说明（“公开格式”选上海区级时按上海的顺序和表式）。工作簿中有“${NARRATIVE_SHEET}”工作表时使用其中的文字，否则按“生成说明”所用的模板生成。校验有错误或说明中有【缺少】时，先列出问题，确认后才导出。文档在本机生成，不会上传。`,
    ),
    h("div", { className: "toolbar" }, button, h("label", { for: "export-form" }, "公开格式："), formSelect),
    sourceEl,
    reportEl,
    confirmBar,
    findingsEl,
  );
}
