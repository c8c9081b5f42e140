// Reads every sheet's used range with one Value2 and one Formula call each, and its merged ranges by halving
// (readMerges): the cost grows with the number of sheets and of merges, never with the number of cells.
import { a1, parseRange, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../core/snapshot";
import { readWorkbook } from "../core/model/read-workbook";
import { fillTables } from "../core/fill";
import { STORE_SHEET } from "../host/workbook-host";
import { wpsCall } from "./errors";
import type { EtCell, EtRange, EtWorkbook, EtWorksheet } from "./et-model";
import { blockRange, grid } from "./sheets";

/** Excel's error values as COM hands them over (CVErr codes, or the same as HRESULT 0x800A07xx). */
const ERROR_CODES: Record<number, string> = {
  2000: "#NULL!",
  2007: "#DIV/0!",
  2015: "#VALUE!",
  2023: "#REF!",
  2029: "#NAME?",
  2036: "#NUM!",
  2042: "#N/A",
  2043: "#GETTING_DATA",
};
const ERROR_TEXTS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#SPILL!", "#CALC!"]);

/** The error text when a Value2 item is one of Excel's error values, else null. */
export function errorText(v: EtCell): string | null {
  if (typeof v === "string") return ERROR_TEXTS.has(v) ? v : null;
  if (typeof v !== "number" || !Number.isInteger(v)) return null;
  // HRESULT form: 0x800A0000 | code, seen as a negative 32-bit integer.
  if (v < 0 && (v >>> 16) === 0x800a) return ERROR_CODES[v & 0xffff] ?? null;
  return null; // a bare 2007 is a number a user typed, not an error
}

export function toCellValue(v: EtCell): CellValue {
  if (v === null || v === undefined || v === "") return null;
  const err = errorText(v);
  if (err) return { error: err };
  if (typeof v === "number" || typeof v === "string" || typeof v === "boolean") return v;
  return String(v);
}

/** One sheet from its used range's top-left (1-based Row/Column) and Value2/Formula grids, indexed from A1. */
export function toSheet(name: string, row0: number, col0: number, values: EtCell[][], formulas: EtCell[][]): SheetSnapshot {
  const rows: CellValue[][] = [];
  const fRows: (string | null)[][] = [];
  for (let r = 0; r < row0 - 1; r++) {
    rows.push([]);
    fRows.push([]);
  }
  for (let r = 0; r < values.length; r++) {
    const row: CellValue[] = new Array(col0 - 1).fill(null);
    const fRow: (string | null)[] = new Array(col0 - 1).fill(null);
    const vr = values[r] ?? [];
    const fr = formulas[r] ?? [];
    for (let c = 0; c < vr.length; c++) {
      row.push(toCellValue(vr[c]));
      const f = fr[c];
      fRow.push(typeof f === "string" && f.startsWith("=") ? f : null);
    }
    let end = row.length;
    while (end > 0 && row[end - 1] === null) end--;
    rows.push(end === row.length ? row : row.slice(0, end));
    fRows.push(fRow);
  }
  return { name, rows, formulas: fRows };
}

/** `merges`: also read the merged ranges of the budget tables' sheets (a few calls per merge; only fill needs them). */
export function readSnapshot(workbook: EtWorkbook, options: { merges?: boolean } = {}): WorkbookSnapshot {
  return wpsCall("读取工作表", () => {
    const sheets = workbook.Worksheets;
    const count = sheets.Count;
    const out: SheetSnapshot[] = [];
    const read: { sheet: SheetSnapshot; ws: EtWorksheet; used: EtRange; row0: number; col0: number; rows: number; cols: number }[] = [];
    for (let i = 1; i <= count; i++) {
      const ws = sheets.Item(i);
      const name = ws.Name;
      if (name.startsWith(STORE_SHEET)) continue;
      const used = ws.UsedRange;
      const values = grid(used.Value2);
      const empty = values.length === 1 && values[0].length === 1 && (values[0][0] === undefined || values[0][0] === null || values[0][0] === "");
      if (empty) {
        out.push({ name, rows: [], formulas: [] });
        continue;
      }
      const row0 = used.Row;
      const col0 = used.Column;
      const sheet = toSheet(name, row0, col0, values, grid(used.Formula));
      out.push(sheet);
      read.push({ sheet, ws, used, row0: row0 - 1, col0: col0 - 1, rows: values.length, cols: values[0]?.length ?? 0 });
    }
    const snapshot: WorkbookSnapshot = { name: workbook.Name || undefined, sheets: out };
    if (!options.merges) return snapshot;
    // Merges cost calls per merge: read them where fill works (the budget tables), not on the project and
    // parameter sheets, which hold many merges and no figure fill derives.
    const wanted = fillSheets(snapshot);
    const budget = { left: MERGE_CALL_BUDGET };
    for (const r of read) {
      if (wanted && !wanted.has(r.sheet.name)) continue;
      const merges = budget.left > 0 ? readMerges(r.ws, r.used, r.row0, r.col0, r.rows, r.cols, budget) : undefined;
      if (merges) r.sheet.merges = merges;
    }
    return snapshot;
  });
}

/** The sheets of the tables fill derives figures in; null (all sheets) when the workbook cannot be read. */
function fillSheets(snapshot: WorkbookSnapshot): Set<string> | null {
  try {
    const wb = readWorkbook(snapshot);
    return new Set(fillTables(wb).map((t) => t.sheet));
  } catch {
    return null;
  }
}

/** Calls readMerges may make for one workbook; past it the remaining sheets' merges stay unknown (left out). */
export const MERGE_CALL_BUDGET = 3000;

/**
 * The merged ranges of a used range (rows × cols from row0/col0, 0-based). WPS has no list of a sheet's merges,
 * and a call per cell is out of the question, so blocks are halved: MergeCells is false for a block without a
 * merged cell. Rows first (data rows rarely hold merges), then along each row that does (scanRow). About
 * 2·log2(rows) calls per run of merged rows and 3 to 2·log2(cols) + 5 per merge (the seed's 16 sheets: see
 * test/wps). Undefined when the budget runs out: merges unknown, as a host that cannot tell.
 */
export function readMerges(ws: EtWorksheet, used: EtRange, row0: number, col0: number, rows: number, cols: number, budget: { left: number } = { left: MERGE_CALL_BUDGET }): string[] | undefined {
  if (rows === 0 || cols === 0) return [];
  const found: { r0: number; c0: number; r1: number; c1: number }[] = [];
  const spend = (calls: number) => {
    budget.left -= calls;
    if (budget.left < 0) throw new OutOfBudget();
  };
  const merged = (v: unknown) => v !== false && v !== 0;
  /** Whether any cell of the block (absolute, 0-based, inclusive) is merged: 2 calls. */
  const any = (r0: number, c0: number, r1: number, c1: number): boolean => {
    spend(2);
    return merged(ws.Range(blockRange(r0, c0, r1 - r0 + 1, c1 - c0 + 1)).MergeCells);
  };
  const known = (r: number, c: number) => found.find((m) => r >= m.r0 && r <= m.r1 && c >= m.c0 && c <= m.c1);
  /** The first column in lo..hi of row r holding a merged cell (the block is known to hold one), by halving. */
  const firstMerged = (r: number, lo: number, hi: number): number => {
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (any(r, lo, r, mid)) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
  /** The merged range a cell lies in, or null when it is not merged: 3 calls. */
  const probe = (r: number, c: number) => {
    spend(3);
    const area = parseRange(ws.Range(a1(r, c)).MergeArea.Address());
    return area && (area.r0 !== area.r1 || area.c0 !== area.c1) ? area : null;
  };
  // Along a row with merges: probe the cell (header rows are mostly merged cells side by side); after a cell
  // that is not merged, ask whether the rest of the row holds any and halve to the next one.
  const scanRow = (r: number) => {
    const end = col0 + cols - 1;
    let c = col0;
    while (c <= end) {
      const k = known(r, c);
      if (k) {
        c = k.c1 + 1;
        continue;
      }
      const area = probe(r, c);
      if (area) {
        found.push(area);
        c = area.c1 + 1;
        continue;
      }
      if (++c > end || !any(r, c, r, end)) return;
      c = firstMerged(r, c, end);
    }
  };
  const scanRows = (r0: number, r1: number, checked: boolean) => {
    if (!checked && !any(r0, col0, r1, col0 + cols - 1)) return;
    if (r0 === r1) return scanRow(r0);
    const mid = (r0 + r1) >> 1;
    scanRows(r0, mid, false);
    scanRows(mid + 1, r1, false);
  };
  try {
    spend(1);
    if (!merged(used.MergeCells)) return [];
    scanRows(row0, row0 + rows - 1, true);
  } catch (e) {
    if (e instanceof OutOfBudget) return undefined;
    throw e;
  }
  return found.map((m) => `${a1(m.r0, m.c0)}:${a1(m.r1, m.c1)}`);
}

class OutOfBudget extends Error {}

