// Browser mode reads a picked .xlsx in a worker with a time limit and a cancel button: the reader's own limits
// bound any file, and this bounds the time a file may take, whatever it holds.
import type { WorkbookSnapshot } from "../core/snapshot";
import type { ReadReply } from "./read-worker";
import { paneError } from "./errors";
import { XlsxReadError, type XlsxReadErrorCode } from "../xlsx/errors";

/** Well past what the largest real workbook takes (a few seconds); a file that needs more is not read. */
const READ_TIMEOUT_MS = 60_000;

export interface RunningRead {
  /** The snapshot; null when no worker can run here (the caller reads on the page, as before workers). */
  result: Promise<WorkbookSnapshot | null>;
  /** Stops the read at once (the worker is terminated); `result` rejects with a Chinese message. */
  cancel(): void;
}

export function readInWorker(bytes: ArrayBuffer, name: string, timeoutMs = READ_TIMEOUT_MS): RunningRead {
  let w: Worker | null = null;
  try {
    // @ts-expect-error -- import.meta is left to webpack (module: esnext); tsc checks the sources as commonjs.
    if (typeof Worker === "function") w = new Worker(new URL(/* webpackChunkName: "read-worker" */ "./read-worker.ts", import.meta.url), { name: "read" });
  } catch {
    w = null;
  }
  const worker = w;
  if (!worker) return { result: Promise.resolve(null), cancel: () => undefined };
  let settle: ((e: Error | null, s?: WorkbookSnapshot | null) => void) | null = null;
  const result = new Promise<WorkbookSnapshot | null>((resolve, reject) => {
    const timer = setTimeout(() => settle?.(paneError(`读取 ${name} 超过 ${timeoutMs / 1000} 秒仍未完成，已停止。`, "文件可能过大或结构异常。请在 Excel 或 WPS 中打开，删去多余的工作表或内容后另存为 .xlsx 再试。")), timeoutMs);
    settle = (e, s) => {
      settle = null;
      clearTimeout(timer);
      worker.terminate();
      if (e) reject(e);
      else resolve(s ?? null);
    };
    worker.onmessage = (e: MessageEvent<ReadReply>) => {
      const r = e.data;
      if (r.ok) return settle?.(null, r.snapshot);
      settle?.(new XlsxReadError(r.code as XlsxReadErrorCode, r.message)); // shown as the reader's own message (describeError)
    };
    // The worker's script could not be fetched or run: read on the page instead.
    worker.onerror = (e) => {
      e.preventDefault();
      settle?.(null, null);
    };
    worker.postMessage({ bytes, name });
  });
  return { result, cancel: () => settle?.(paneError("已取消读取工作簿。")) };
}
