// Reads every sheet's used range as plain arrays in two syncs, whatever the number of sheets, with its merged
// ranges (fill never writes a cell hidden under a merge, nor sums a row it cannot see).
import { a1, parseA1, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../core/snapshot";
import type { TemplateSet } from "../core/narrative/render";
import { STORE_SHEET, TEMPLATE_KEY_PREFIX } from "../host/workbook-host";
import { ExcelRunner, RESERVED_SHEET_PREFIX, defaultRunner, runBatch } from "./run";
import { supportsExcelApi } from "./requirements";

/** Range.getMergedAreasOrNullObject: ExcelApi 1.13. Older hosts leave merges unknown (the snapshot says so by omitting them). */
const MERGES_EXCEL_API = "1.13";

interface Pending {
  name: string;
  range: Excel.Range;
  merges: Excel.RangeAreas | null;
}

export async function readSnapshot(runner: ExcelRunner = defaultRunner): Promise<WorkbookSnapshot> {
  return runBatch(runner, async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const wb = context.workbook;
    wb.load("name");
    await context.sync();

    const pending: Pending[] = [];
    const withMerges = supportsExcelApi(MERGES_EXCEL_API);
    for (const ws of sheets.items) {
      if (ws.name.startsWith(RESERVED_SHEET_PREFIX)) continue;
      // valuesOnly: whole columns formatted down to row 1048576 must not blow the response size limit.
      const range = ws.getUsedRangeOrNullObject(true);
      range.load("rowIndex,columnIndex,values,formulas,numberFormat,valueTypes"); // isNullObject needs no load
      // The merged areas within the used range, in the same sync: one address string per sheet.
      const merges = withMerges ? range.getMergedAreasOrNullObject() : null;
      merges?.load("address");
      pending.push({ name: ws.name, range, merges });
    }
    await context.sync();

    return {
      name: safeName(wb),
      sheets: pending.map((p) => {
        const sheet = toSheet(p.name, p.range);
        if (p.merges) sheet.merges = p.merges.isNullObject ? [] : mergedRanges(p.merges.address);
        return sheet;
      }),
    };
  });
}

function safeName(wb: Excel.Workbook): string | undefined {
  try {
    return wb.name || undefined;
  } catch {
    return undefined; // Workbook.name needs ExcelApi 1.7; older hosts throw on read
  }
}

/**
 * The A1 ranges of a RangeAreas address ("Sheet1!A1:B2, 'My, sheet'!D1:D4", sheet names quoted when Excel
 * needs to), normalised ("$C$8:$D$8" → "C8:D8"); single cells are no merge and are left out.
 */
export function mergedRanges(address: string): string[] {
  const out: string[] = [];
  const area = /(?:'(?:[^']|'')*'|[^',!]+)!(\$?[A-Za-z]{1,3}\$?\d+)(?::(\$?[A-Za-z]{1,3}\$?\d+))?/g;
  for (const m of address.matchAll(area)) {
    const from = parseA1(m[1]);
    const to = m[2] ? parseA1(m[2]) : null;
    if (!from || !to || (from.row === to.row && from.col === to.col)) continue;
    out.push(`${a1(from.row, from.col)}:${a1(to.row, to.col)}`);
  }
  return out;
}

/** Converts a loaded used range into a sheet indexed from A1 (empty rows/columns before it padded). */
export function toSheet(name: string, range: Excel.Range): SheetSnapshot {
  if (range.isNullObject) return { name, rows: [], formulas: [], numberFormats: [] };
  const r0 = range.rowIndex;
  const c0 = range.columnIndex;
  const values = range.values as unknown[][];
  const formulas = range.formulas as unknown[][];
  const formats = range.numberFormat as unknown[][];
  const types = range.valueTypes as string[][];
  const rows: CellValue[][] = [];
  const fRows: (string | null)[][] = [];
  const nRows: (string | null)[][] = [];
  for (let r = 0; r < r0; r++) {
    rows.push([]);
    fRows.push([]);
    nRows.push([]);
  }
  for (let r = 0; r < values.length; r++) {
    const row: CellValue[] = new Array(c0).fill(null);
    const fRow: (string | null)[] = new Array(c0).fill(null);
    const nRow: (string | null)[] = new Array(c0).fill(null);
    for (let c = 0; c < values[r].length; c++) {
      row.push(toValue(values[r][c], types[r]?.[c]));
      const f = formulas[r]?.[c];
      fRow.push(typeof f === "string" && f.startsWith("=") ? f : null);
      const n = formats[r]?.[c];
      nRow.push(typeof n === "string" && n !== "General" && n !== "" ? n : null);
    }
    rows.push(trimRow(row));
    fRows.push(fRow);
    nRows.push(nRow);
  }
  return { name, rows, formulas: fRows, numberFormats: nRows };
}

function toValue(v: unknown, type: string | undefined): CellValue {
  if (type === "Error") return { error: String(v) };
  if (type === "Empty" || v === "" || v === undefined || v === null) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

function trimRow(row: CellValue[]): CellValue[] {
  let end = row.length;
  while (end > 0 && row[end - 1] === null) end--;
  return end === row.length ? row : row.slice(0, end);
}

/** Templates kept in the add-in's very hidden sheet (written by browser mode), in one sync. */
export async function readTemplateSheet(runner: ExcelRunner = defaultRunner): Promise<TemplateSet> {
  return runBatch(runner, async (context) => {
    // Methods on a null object give null objects, so a missing sheet costs nothing extra.
    const range = context.workbook.worksheets.getItemOrNullObject(STORE_SHEET).getUsedRangeOrNullObject(true);
    range.load("values");
    await context.sync();
    const out: TemplateSet = {};
    if (range.isNullObject) return out;
    for (const [k, v] of range.values as unknown[][]) {
      if (typeof k === "string" && k.startsWith(TEMPLATE_KEY_PREFIX) && typeof v === "string") out[k.slice(TEMPLATE_KEY_PREFIX.length)] = v;
    }
    return out;
  });
}
