// An ExcelJS workbook → WorkbookSnapshot: for workbooks built in memory (fixtures, the bench generator) and as the
// reference the file reader is compared with in tests. Files are read by src/xlsx/read-snapshot.
import ExcelJS from "exceljs";
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../../src/core/snapshot";
import { dateText } from "../../src/xlsx/sheet-xml";

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
