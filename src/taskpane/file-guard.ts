// Browser mode's local .xlsx as the pane uses it: every change marks the page as differing from the file, and a
// failure reading or writing the file becomes a Chinese message that names it, as the CLI's workbookError does.
import type { WorkbookHost } from "../host/workbook-host";
import { failureReason } from "../xlsx/errors";
import { paneError } from "./errors";
import { downloadBlob } from "./io";

/** Calls that change the workbook in memory (so the pane knows it differs from the file). */
const MUTATING = new Set<string | symbol>(["applyPlan", "undoLastFill", "writeNarrative", "saveTemplates"]);

/** Calls that write the file's bytes: the message's head, and what was being done (said for a bug). */
const WRITES = new Map<string | symbol, [(name: string) => string, string]>([
  ["applyPlan", [(n) => `无法填充 ${n}`, "写入填充结果"]],
  ["undoLastFill", [(n) => `无法撤销 ${n} 的填充`, "撤销填充"]],
  ["writeNarrative", [(n) => `无法把情况说明写入 ${n}`, "写入情况说明"]],
  ["saveTemplates", [(n) => `无法把模板保存到 ${n}`, "保存模板"]],
  ["exportWorkbook", [(n) => `无法生成 ${n} 的下载文件`, "生成下载文件"]],
]);

/**
 * A failure with a file as the pane shows it (`what`: "无法读取 a.xlsx"): the reader's or writer's reason, or a bug
 * said so; a message the pane made already (a time limit, a cancel) is kept as it is.
 */
export function fileFailure(what: string, e: unknown, doing?: string): Error {
  if (e instanceof Error && e.name === "FileHostError") return e;
  return paneError(`${what}：${failureReason(e, doing)}`);
}

/** The host with `changed` called after every call that changes the workbook, and its write failures named. */
export function guardFileHost(host: WorkbookHost, changed: () => void): WorkbookHost {
  return new Proxy(host, {
    get(target, key) {
      const v = Reflect.get(target, key, target) as unknown;
      if (typeof v !== "function") return v;
      const write = WRITES.get(key);
      if (!write) return v.bind(target);
      return async (...args: unknown[]) => {
        let out: unknown;
        try {
          out = await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (e) {
          throw fileFailure(write[0](target.name()), e, write[1]);
        }
        if (MUTATING.has(key)) changed();
        return out;
      };
    },
  });
}

/**
 * Hands `blob` to the browser as a download named `name`. A failure names the file: the browser refusing it (a
 * DOMException: a sandboxed page, downloads blocked) says what to do; anything else is a bug, said so.
 */
export function downloadNamed(blob: Blob, name: string, download: (blob: Blob, name: string) => void = downloadBlob): void {
  try {
    download(blob, name);
  } catch (e) {
    if (typeof DOMException !== "undefined" && e instanceof DOMException) {
      throw paneError(
        `无法下载 ${name}：浏览器拒绝了下载（${e.name}${e.message ? `：${e.message.slice(0, 200)}` : ""}）。`,
        "请在浏览器中允许本页下载文件（地址栏中的下载图标或网站设置），然后再试；或换用最新版的 Edge、Chrome 或 Firefox。",
      );
    }
    throw fileFailure(`无法下载 ${name}`, e, "下载文件");
  }
}
