// A workbook as plain data: what every host (Excel, an .xlsx file) hands to the core.
// rows[r][c] is the cell at row r+1, column c+1 (A1 = rows[0][0]); ragged rows are fine.
import { cachedOn } from "./memo";

export interface CellError {
  error: string; // "#REF!", "#DIV/0!", ...
}

export type CellValue = string | number | boolean | null | CellError;

export interface SheetSnapshot {
  name: string;
  /** Values (formulas' cached results), indexed from A1. */
  rows: CellValue[][];
  /** Formula text ("=SUM(D5:D9)") where the cell holds one, same indexing; optional. */
  formulas?: (string | null)[][];
  /** Number formats ("0.00"), same indexing; optional. */
  numberFormats?: (string | null)[][];
  /** Merged ranges as A1 ranges ("C8:D8"); the value sits in the top-left cell. Optional: hosts that cannot tell leave it out. */
  merges?: string[];
}

export interface WorkbookSnapshot {
  /** File name or workbook name, for messages only. */
  name?: string;
  sheets: SheetSnapshot[];
}

export function isCellError(v: unknown): v is CellError {
  return typeof v === "object" && v !== null && typeof (v as CellError).error === "string";
}

export function cellAt(sheet: SheetSnapshot, row: number, col: number): CellValue {
  const r = sheet.rows[row];
  if (!r) return null;
  const v = r[col];
  return v === undefined ? null : v;
}

export function formulaAt(sheet: SheetSnapshot, row: number, col: number): string | null {
  return sheet.formulas?.[row]?.[col] ?? null;
}

const LETTERS: string[] = [];

/** 0-based column index → letters (0 → A, 26 → AA). */
export function columnLetter(col: number): string {
  if (col >= 0 && col < 256) return (LETTERS[col] ??= letters(col));
  return letters(col);
}

function letters(col: number): string {
  let s = "";
  let n = col + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** 0-based row/col → "B7". */
export function a1(row: number, col: number): string {
  return columnLetter(col) + String(row + 1);
}

/** "B7" → {row: 6, col: 1}; null when not an A1 address. */
export function parseA1(address: string): { row: number; col: number } | null {
  // Plain "AB12" (as readers write merges) without a regular expression; anything else below.
  return plainCorner(address, 0, address.length) ? { row: cornerRow, col: cornerCol } : parseA1Text(address);
}

let cornerRow = 0;
let cornerCol = 0;

/** text[s, e) as a plain "AB12" (1–3 capitals, then digits), into cornerRow and cornerCol; false for anything else. */
function plainCorner(text: string, s: number, e: number): boolean {
  let i = s;
  let col = 0;
  let row = 0;
  for (; i < e && i < s + 3; i++) {
    const c = text.charCodeAt(i);
    if (c < 65 || c > 90) break;
    col = col * 26 + c - 64;
  }
  if (i === s || i === e || e - i > 15) return false;
  for (let j = i; j < e; j++) {
    const c = text.charCodeAt(j);
    if (c < 48 || c > 57) return false;
    row = row * 10 + c - 48;
  }
  cornerRow = row - 1;
  cornerCol = col - 1;
  return true;
}

function parseA1Text(address: string): { row: number; col: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(address.trim());
  if (!m) return null;
  let col = 0;
  for (const ch of m[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { row: Number(m[2]) - 1, col: col - 1 };
}

/** "C8:D9", "$C$8:$D$9", "Sheet1!C8:D9" or "C8" → the 0-based box, corners in order; null when not a range. */
export function parseRange(ref: string): { r0: number; c0: number; r1: number; c1: number } | null {
  const text = String(ref);
  // Plain "C8:D9" (as readers write merges): no strings cut, no regular expression.
  const colon = text.indexOf(":");
  if (colon > 0 && plainCorner(text, 0, colon)) {
    const r = cornerRow;
    const c = cornerCol;
    if (plainCorner(text, colon + 1, text.length)) {
      return { r0: Math.min(r, cornerRow), c0: Math.min(c, cornerCol), r1: Math.max(r, cornerRow), c1: Math.max(c, cornerCol) };
    }
  }
  const [from, to = from] = (text.includes("!") ? text.replace(/^.*!/, "") : text).split(":");
  const a = parseA1(from);
  const b = parseA1(to);
  if (!a || !b) return null;
  return { r0: Math.min(a.row, b.row), c0: Math.min(a.col, b.col), r1: Math.max(a.row, b.row), c1: Math.max(a.col, b.col) };
}

/** A merged range of more than one cell: its 0-based box, corners in order, and the range as the sheet wrote it. */
export interface MergeBox {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
  range: string;
}

const MERGE_BOXES = Symbol("mergeBoxes");

/**
 * A sheet's merged ranges (SheetSnapshot.merges) as boxes, in order, ranges of one cell and unreadable ones left out.
 * Parsed once per list: the reader blanks the hidden cells with them and the fill looks them up.
 */
export function mergeBoxes(merges: readonly string[]): readonly MergeBox[] {
  return cachedOn(merges, MERGE_BOXES, parseMerges);
}

function parseMerges(merges: readonly string[]): readonly MergeBox[] {
  const out: MergeBox[] = [];
  for (const range of merges) {
    const box = range.includes(":") ? parseRange(range) : null;
    if (box && !(box.r0 === box.r1 && box.c0 === box.c1)) out.push({ r0: box.r0, c0: box.c0, r1: box.r1, c1: box.c1, range });
  }
  return out;
}

/** A number as Excel shows it in General format: at most 15 significant digits (60.150000000000006 → "60.15"). */
export function numberText(n: number): string {
  // A whole number below 10^15 has at most 15 digits: as it is (codes, counts, most figures), without toPrecision.
  if (Number.isInteger(n) && n < 1e15 && n > -1e15) return String(n);
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : String(n);
}

/** Display text of a cell value for messages and labels; a number as Excel shows it (numberText). */
export function cellText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "number") return numberText(v);
  if (isCellError(v)) return v.error;
  return String(v);
}
