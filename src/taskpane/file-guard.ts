// Browser mode's local .xlsx as the pane uses it: every change marks the page as differing from the file, and a
// failure reading or writing the file becomes a Chinese message that names it, as the CLI's workbookError does.
import type { WorkbookHost } from "../host/workbook-host";
import { failureReason, MAX_INPUT_BYTES, MESSAGES } from "../xlsx/errors";
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
 * A failure of the browser itself with a file (`what`: "无法下载 a.xlsx"): a DOMException (a sandboxed page, a file
 * moved since it was chosen) is said as `refused` with what to do; anything else is a bug met while `doing`.
 */
function browserFailure(what: string, e: unknown, doing: string, refused: string, hint: string): Error {
  if (typeof DOMException !== "undefined" && e instanceof DOMException) {
    return paneError(`${what}：${refused}（${e.name}${e.message ? `：${e.message.slice(0, 200)}` : ""}）。`, hint);
  }
  return fileFailure(what, e, doing);
}

/** Hands `blob` to the browser as a download named `name`; a failure names the file. */
export function downloadNamed(blob: Blob, name: string, download: (blob: Blob, name: string) => void = downloadBlob): void {
  try {
    download(blob, name);
  } catch (e) {
    throw browserFailure(`无法下载 ${name}`, e, "下载文件", "浏览器拒绝了下载", "请在浏览器中允许本页下载文件（地址栏中的下载图标或网站设置），然后再试；或换用最新版的 Edge、Chrome 或 Firefox。");
  }
}

/**
 * The bytes of a file the user chose; a failure names it. Too large a file is refused before it is read: reading
 * gigabytes into the page would freeze or crash the tab.
 */
export async function readChosen(file: Pick<File, "name" | "size" | "arrayBuffer">): Promise<ArrayBuffer> {
  if (file.size > MAX_INPUT_BYTES) throw paneError(`无法读取 ${file.name}：${MESSAGES.inputTooLarge(file.size)}`);
  try {
    return await file.arrayBuffer();
  } catch (e) {
    throw browserFailure(`无法读取 ${file.name}`, e, "读取文件", "浏览器无法读取这个文件", "文件可能在选择后被移动、删除或修改，或正被其他程序占用。请关闭占用它的程序后重新选择文件。");
  }
}
