// Worker: reads a local .xlsx for browser mode, so that a file built to be slow or huge costs a worker the pane
// can stop, never the pane's own page. Replies with the snapshot, or the reader's Chinese message.
import { readSnapshotSync } from "../xlsx/read-snapshot";
import { MESSAGES, XlsxReadError } from "../xlsx/errors";
import type { WorkbookSnapshot } from "../core/snapshot";

export type ReadReply = { ok: true; snapshot: WorkbookSnapshot } | { ok: false; code: string; message: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<{ bytes: ArrayBuffer; name: string }>) => void) | null; postMessage(m: ReadReply): void };

scope.onmessage = (e) => {
  let reply: ReadReply;
  try {
    reply = { ok: true, snapshot: readSnapshotSync(e.data.bytes, e.data.name).snapshot };
  } catch (err) {
    // readSnapshotSync turns whatever a file causes into an XlsxReadError; anything else is reported plainly.
    reply = XlsxReadError.is(err) ? { ok: false, code: err.code, message: err.message } : { ok: false, code: "damaged", message: MESSAGES.damaged() };
  }
  scope.postMessage(reply);
};
