// Runs the narrative worker with a time limit and a way to cancel. LiquidJS and the renderer live only in the
// worker's chunk, fetched on the first 生成说明: the pane Excel opens stays small, and templates never run in it.
import type { NarrativeResult, TemplateSet } from "../core/narrative/render";
import type { WorkbookSnapshot } from "../core/snapshot";
import type { NarrativeReply } from "./narrative-worker";
import { paneError } from "./errors";

/** Longer than the templates' own limits (6 s in all), so this only ends a worker that stopped answering. */
export const NARRATIVE_TIMEOUT_MS = 15_000;

export class RenderStopped extends Error {
  constructor(
    message: string,
    readonly cancelled: boolean,
  ) {
    super(message);
    this.name = "RenderStopped";
  }
}

export interface RunningRender {
  result: Promise<NarrativeResult>;
  /** Stops the render at once (the worker is terminated); `result` rejects with RenderStopped. */
  cancel(): void;
}

function unavailable(): Error {
  return paneError("无法加载生成说明的组件。", "请检查与加载项服务器的连接，关闭并重新打开任务窗格后再试。");
}

function startWorker(): Worker | null {
  try {
    // @ts-expect-error -- import.meta is left to webpack (module: esnext); tsc checks the sources as commonjs.
    return new Worker(new URL(/* webpackChunkName: "narrative" */ "./narrative-worker.ts", import.meta.url), { name: "narrative" });
  } catch {
    return null;
  }
}

export function renderInWorker(snapshot: WorkbookSnapshot, templates: TemplateSet, timeoutMs = NARRATIVE_TIMEOUT_MS, options: { style?: string; previous?: WorkbookSnapshot } = {}): RunningRender {
  const w = typeof Worker === "function" ? startWorker() : null;
  if (!w) return { result: Promise.reject(unavailable()), cancel: () => undefined };
  let settle: { resolve(r: NarrativeResult): void; reject(e: Error): void } | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (e: Error | null, r?: NarrativeResult) => {
    if (!settle) return;
    const s = settle;
    settle = null;
    clearTimeout(timer);
    w.terminate();
    if (e) s.reject(e);
    else s.resolve(r!);
  };
  const result = new Promise<NarrativeResult>((resolve, reject) => {
    settle = { resolve, reject };
    w.onmessage = (e: MessageEvent<NarrativeReply>) => (e.data.ok ? stop(null, e.data.result) : stop(new Error(e.data.message)));
    // The worker's script could not be fetched or run (server unreachable, a new version deployed meanwhile).
    w.onerror = (e) => {
      e.preventDefault();
      stop(unavailable());
    };
    timer = setTimeout(() => stop(new RenderStopped(`生成说明超过 ${timeoutMs / 1000} 秒仍未完成，已停止。请检查模板中是否有过长的循环，修改后再生成。`, false)), timeoutMs);
    w.postMessage({ snapshot, templates, ...options });
  });
  return { result, cancel: () => stop(new RenderStopped("已取消生成说明。", true)) };
}
