// Reads every sheet's used range with one Value2 and one Formula call each: the cost grows with the number of
// sheets, never with the number of cells.
import type { CellValue, SheetSnapshot, WorkbookSnapshot } from "../core/snapshot";
import { STORE_SHEET } from "../host/workbook-host";
import { wpsCall } from "./errors";
import type { EtCell, EtWorkbook } from "./et-model";
import { grid } from "./sheets";

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

export function readSnapshot(workbook: EtWorkbook): WorkbookSnapshot {
  return wpsCall("读取工作表", () => {
    const sheets = workbook.Worksheets;
    const count = sheets.Count;
    const out: SheetSnapshot[] = [];
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
      out.push(toSheet(name, used.Row, used.Column, values, grid(used.Formula)));
    }
    return { name: workbook.Name || undefined, sheets: out };
  });
}
