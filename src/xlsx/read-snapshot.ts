// An .xlsx file (bytes) → WorkbookSnapshot, through ExcelJS. No fs/path here: the browser bundle uses this file too.
import ExcelJS from "exceljs";
import JSZip from "jszip";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../core/snapshot";

export type XlsxReadErrorCode = "not-xlsx" | "damaged" | "encrypted" | "empty";

/** Bad input (not an exception of the program): the message says why and what to do, in Chinese. */
export class XlsxReadError extends Error {
  readonly code: XlsxReadErrorCode;
  constructor(code: XlsxReadErrorCode, message: string) {
    super(message);
    this.name = "XlsxReadError";
    this.code = code;
  }
  static is(e: unknown): e is XlsxReadError {
    return e instanceof XlsxReadError || (e instanceof Error && e.name === "XlsxReadError" && "code" in e);
  }
}

const MESSAGES: Record<XlsxReadErrorCode | "old-xls", string> = {
  empty: "文件是空的（0 字节或不含任何工作表）。请确认选择了正确的文件，或重新导出工作簿。",
  encrypted: "文件设置了打开密码（已加密），无法读取。请在 Excel 中打开，通过“文件 → 信息 → 保护工作簿 → 用密码进行加密”清除密码后另存为 .xlsx 再试。",
  "old-xls": "这是旧版 Excel 97-2003 工作簿（.xls），本工具只能读取 .xlsx。请在 Excel 中打开后“另存为”Excel 工作簿（.xlsx）再试。",
  "not-xlsx": "这不是 Excel 工作簿（.xlsx）文件。请选择预算公开表的 .xlsx 文件；如果是 .xls、.csv 或 WPS 格式，请先另存为 .xlsx。",
  damaged: "文件已损坏或不完整（可能下载或复制未完成），无法作为 .xlsx 打开。请重新获取原文件，或在 Excel 中打开修复后另存为 .xlsx。",
};

const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function toBytes(data: ArrayBuffer | Uint8Array): Uint8Array {
  return data instanceof Uint8Array ? data : new Uint8Array(data);
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  if (bytes.length < magic.length) return false;
  return magic.every((b, i) => bytes[i] === b);
}

/** Office encrypts an .xlsx by wrapping it in a CFB container with an "EncryptedPackage" stream (name in UTF-16LE). */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const needle: number[] = [];
  for (const ch of text) needle.push(ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8);
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

/** Classifies bytes that are not a readable .xlsx; returns null when they look like a ZIP. */
function classifyNonZip(bytes: Uint8Array): XlsxReadError | null {
  if (bytes.length === 0) return new XlsxReadError("empty", MESSAGES.empty);
  if (startsWith(bytes, CFB_MAGIC)) {
    return containsUtf16(bytes, "EncryptedPackage")
      ? new XlsxReadError("encrypted", MESSAGES.encrypted)
      : new XlsxReadError("not-xlsx", MESSAGES["old-xls"]);
  }
  // "PK\3\4" (local file header) or "PK\5\6" (an empty archive's end record)
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return null;
  return new XlsxReadError("not-xlsx", MESSAGES["not-xlsx"]);
}

/** After ExcelJS failed on a ZIP: a readable ZIP without a workbook part is another kind of file, else it is damaged. */
async function diagnoseZip(ab: ArrayBuffer): Promise<XlsxReadError> {
  try {
    const zip = await JSZip.loadAsync(ab);
    if (!zip.file("xl/workbook.xml") && !zip.file(/^xl\/workbook\d*\.xml$/i).length) {
      return new XlsxReadError("not-xlsx", MESSAGES["not-xlsx"]);
    }
  } catch {
    // unreadable archive: damaged
  }
  return new XlsxReadError("damaged", MESSAGES.damaged);
}

function plainArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) {
    return bytes.buffer;
  }
  // Copy: a Node Buffer's slice() is a view on the whole (pooled) buffer, not a copy.
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

/** Date → "2023-12-31" (or the full ISO time when it has a time of day). ExcelJS dates are UTC. */
function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

function richText(v: { richText: { text: string }[] }): string {
  return v.richText.map((r) => r.text ?? "").join("");
}

/** A plain value or a formula's cached result → snapshot value. */
function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" || typeof v === "boolean") return v;
  if (v instanceof Date) return dateText(v);
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) return richText(o as { richText: { text: string }[] });
    if ("text" in o && ("hyperlink" in o || typeof o.text === "string" || typeof o.text === "object")) {
      const t = o.text;
      if (typeof t === "string") return t;
      if (t && typeof t === "object" && Array.isArray((t as { richText?: unknown }).richText)) {
        return richText(t as { richText: { text: string }[] });
      }
      return t === null || t === undefined ? null : String(t);
    }
    if ("formula" in o || "sharedFormula" in o) return plainValue(o.result);
  }
  return String(v);
}

function sheetSnapshot(ws: ExcelJS.Worksheet): SheetSnapshot {
  const rows: CellValue[][] = [];
  const formulas: (string | null)[][] = [];
  const numberFormats: (string | null)[][] = [];
  let hasFormula = false;
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const r = rowNumber - 1;
    const values: CellValue[] = [];
    const fs: (string | null)[] = [];
    const nf: (string | null)[] = [];
    row.eachCell({ includeEmpty: true }, (cell, colNumber) => {
      const c = colNumber - 1;
      nf[c] = cell.numFmt ? String(cell.numFmt) : null;
      // ExcelJS repeats the master's value in every merged cell; Excel's range.values has it only top-left.
      if (cell.type === ExcelJS.ValueType.Merge) {
        values[c] = null;
        fs[c] = null;
        return;
      }
      const v = cell.value as unknown;
      values[c] = plainValue(v);
      if (cell.type === ExcelJS.ValueType.Formula) {
        const f = cell.formula;
        fs[c] = f ? "=" + f.replace(/^=/, "") : null;
        if (f) hasFormula = true;
      } else {
        fs[c] = null;
      }
    });
    // Fill holes so that rows are plain arrays (no sparse slots).
    for (let c = 0; c < values.length; c++) {
      if (values[c] === undefined) values[c] = null;
      if (fs[c] === undefined) fs[c] = null;
      if (nf[c] === undefined) nf[c] = null;
    }
    rows[r] = values;
    formulas[r] = fs;
    numberFormats[r] = nf;
  });
  for (let r = 0; r < rows.length; r++) {
    if (!rows[r]) {
      rows[r] = [];
      formulas[r] = [];
      numberFormats[r] = [];
    }
  }
  const snap: SheetSnapshot = { name: ws.name, rows, numberFormats };
  if (hasFormula) snap.formulas = formulas;
  const merges = mergedRanges(ws);
  if (merges.length) snap.merges = merges;
  return snap;
}

/** Merged ranges ("C8:D8"). ExcelJS keeps them by anchor in a private map; its public model would copy every cell. */
function mergedRanges(ws: ExcelJS.Worksheet): string[] {
  const merges = (ws as unknown as { _merges?: Record<string, { shortRange?: string } | undefined> })._merges ?? {};
  const out: string[] = [];
  for (const m of Object.values(merges)) if (m?.shortRange) out.push(m.shortRange);
  return out;
}

/** Snapshot of every worksheet, in the workbook's sheet order. */
export function snapshotOfWorkbook(workbook: ExcelJS.Workbook, name?: string): WorkbookSnapshot {
  return { name, sheets: workbook.worksheets.map(sheetSnapshot) };
}

/** Reads .xlsx bytes. Throws XlsxReadError (code + Chinese message) for input that is not a readable workbook. */
export async function readSnapshot(
  data: ArrayBuffer | Uint8Array,
  name?: string,
): Promise<{ snapshot: WorkbookSnapshot; workbook: ExcelJS.Workbook }> {
  const bytes = toBytes(data);
  const bad = classifyNonZip(bytes);
  if (bad) throw bad;
  const ab = plainArrayBuffer(bytes);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(ab);
  } catch {
    throw await diagnoseZip(ab);
  }
  if (workbook.worksheets.length === 0) {
    // ExcelJS reads any ZIP; one without a workbook part is another kind of file.
    const diagnosis = await diagnoseZip(ab);
    throw diagnosis.code === "not-xlsx" ? diagnosis : new XlsxReadError("empty", MESSAGES.empty);
  }
  return { snapshot: snapshotOfWorkbook(workbook, name), workbook };
}
