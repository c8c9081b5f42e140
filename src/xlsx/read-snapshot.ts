// An .xlsx file (bytes) → WorkbookSnapshot, values only: the ZIP's central directory, shared strings, styles'
// number formats and each sheet's XML, within limits checked while inflating and scanning.
// No fs/path here: the browser bundle uses this file too.
import type { WorkbookSnapshot } from "../core/snapshot";
import { DEFAULT_LIMITS, internalError, MESSAGES, XlsxReadError, type ReadLimits } from "./errors";
import { InflateLimitError } from "./inflate";
import { openPackage, type XlsxPackage } from "./package";
import { readSharedStrings, readSheet, readStyles } from "./sheet-xml";

export { XlsxReadError, type XlsxReadErrorCode } from "./errors";

export interface ReadOptions {
  limits?: Partial<ReadLimits>;
}

function withLimits(o?: ReadOptions): ReadLimits {
  // The defaults themselves when nothing is changed: a fresh spread copy of each file's limits had another hidden
  // class in the first files than in later ones, and the reader's optimised code was thrown away for it (5 deopts).
  return o?.limits ? { ...DEFAULT_LIMITS, ...o.limits } : DEFAULT_LIMITS;
}

/** Snapshot of every worksheet of an opened package, in the workbook's sheet order. */
export function snapshotOfPackage(pkg: XlsxPackage, name?: string): WorkbookSnapshot {
  const { zip } = pkg;
  const limits = zip.limits;
  const strings = pkg.sharedStringsPath ? readSharedStrings(zip.text(pkg.sharedStringsPath), pkg.sharedStringsPath, limits) : [];
  const styles = readStyles(pkg.stylesPath ? zip.text(pkg.stylesPath) : null, pkg.stylesPath ?? "");
  const cells = { count: 0, merged: 0, formulaChars: 0, merges: 0 };
  const sheets = pkg.sheets.map((s) =>
    readSheet(zip.text(s.path), { name: s.name, part: s.path, strings, styles, date1904: pkg.date1904, limits, cells }),
  );
  return { name, sheets };
}

/**
 * Reads .xlsx bytes. Throws XlsxReadError (code + Chinese message) for input that is not a readable workbook
 * or that passes a limit. The package is kept for writing the fill back into it.
 */
export async function readSnapshot(data: ArrayBuffer | Uint8Array, name?: string, options?: ReadOptions): Promise<{ snapshot: WorkbookSnapshot; pkg: XlsxPackage }> {
  return readSnapshotSync(data, name, options);
}

/** The package's index alone (zip directory, workbook and its parts), for a file whose snapshot was read already. */
export function packageOf(data: ArrayBuffer | Uint8Array, options?: ReadOptions): XlsxPackage {
  return openPackage(data, withLimits(options));
}

/**
 * What escaped the reader, as the user is told it. Bad offsets and sizes in a damaged file end as a RangeError (typed
 * arrays, strings or arrays made too long) or a codec's error; the reader's own checks throw XlsxReadError.
 * Anything else (a TypeError, a ReferenceError…) is a bug of the reader: said so, not blamed on the file, no stack.
 */
export function asReadError(e: unknown): XlsxReadError {
  if (XlsxReadError.is(e)) return e;
  // Codecs' errors: zlib's codes start "Z_", fflate's are numbers. Node's own "ERR_INVALID_ARG_TYPE" and the like come
  // from a wrong call: a bug.
  const code = (e as { code?: unknown } | null)?.code;
  if (e instanceof RangeError || e instanceof InflateLimitError || (e instanceof Error && (typeof code === "number" || /^Z_/.test(String(code))))) {
    return new XlsxReadError("damaged", MESSAGES.damaged());
  }
  return internalError(e);
}

export function readSnapshotSync(data: ArrayBuffer | Uint8Array, name?: string, options?: ReadOptions): { snapshot: WorkbookSnapshot; pkg: XlsxPackage } {
  try {
    const pkg = openPackage(data, withLimits(options));
    return { snapshot: snapshotOfPackage(pkg, name), pkg };
  } catch (e) {
    throw asReadError(e);
  }
}
