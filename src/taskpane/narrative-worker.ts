// The 情况说明 rendered in a worker: templates may come from a workbook someone mailed, so the pane renders them
// where a runaway loop can be stopped (terminate) without freezing the pane or Excel.
import { renderNarrative, type NarrativeResult, type TemplateSet } from "../core/narrative/render";
import { readWorkbook } from "../core/model/read-workbook";
import type { WorkbookSnapshot } from "../core/snapshot";

export interface NarrativeRequest {
  snapshot: WorkbookSnapshot;
  templates: TemplateSet;
  /** A style name, and last year's workbook (a snapshot: plain data crosses to the worker). */
  style?: string;
  previous?: WorkbookSnapshot;
}

export type NarrativeReply = { ok: true; result: NarrativeResult } | { ok: false; message: string };

// Typed by hand: the pane's tsconfig has the DOM lib, not the WebWorker one.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<NarrativeRequest>) => void) | null;
  postMessage(reply: NarrativeReply): void;
};

scope.onmessage = (e) => {
  try {
    scope.postMessage({ ok: true, result: renderNarrative(e.data.snapshot, e.data.templates, { style: e.data.style, previous: e.data.previous ? readWorkbook(e.data.previous) : undefined }) });
  } catch (err) {
    scope.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
