// The Word export, run in a worker: building the document is seconds of solid work, and the pane must keep answering
// (busy state, tabs, Excel's own UI) meanwhile. The worker is its own chunk, fetched only when the user exports.
import type { DisclosureExport } from "../docx/from-snapshot";
import type { TemplateSet } from "../core/narrative/render";
import type { WorkbookSnapshot } from "../core/snapshot";

export interface ExportRequest {
  snapshot: WorkbookSnapshot;
  templates: TemplateSet;
  /** The published form (上海区级, 河北县级); undefined: from 说明参数 说明样式, else the tables' layout. */
  style?: string;
}

export type ExportReply = { ok: true; out: DisclosureExport } | { ok: false; name: string; message: string };

// Typed by hand: the pane's tsconfig has the DOM lib, not the WebWorker one.
const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ExportRequest>) => void) | null;
  postMessage(reply: ExportReply, transfer?: Transferable[]): void;
};

scope.onmessage = (e) => {
  // The docx chunk is shared with the page's own fallback (exportInPage), so the package is built and shipped once.
  import(/* webpackChunkName: "docx" */ "../docx/from-snapshot")
    .then(({ exportDisclosure }) => exportDisclosure(e.data.snapshot, { templates: e.data.templates, style: e.data.style }))
    .then(
    (out) => scope.postMessage({ ok: true, out }, [out.bytes.buffer as ArrayBuffer]),
    (err: unknown) => {
      const x = err instanceof Error ? err : new Error(String(err));
      scope.postMessage({ ok: false, name: x.name, message: x.message });
    },
  );
};
