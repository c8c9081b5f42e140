// Writes cells into a sheet's XML text in one pass: only the edited <c> elements change (their style kept),
// missing cells and rows are inserted in order, and everything else is copied as it was.
import { a1, parseRange } from "../core/snapshot";
import { cellAttrs, cellOpen, fastValue, slideFormula, type CellAttrs } from "./sheet-xml";
import { escapeXml, Tok, XmlScanner } from "./xml";

/** A number as XML text ("1042.58"), the exact <c> element to put back (undo), or an inline string. */
export type CellEdit = { number: string } | { raw: string } | { text: string };

export interface SheetEdit {
  row: number; // 0-based
  col: number;
  edit: CellEdit;
}

export interface SheetEditResult {
  xml: string;
  /** The <c> element each edited cell had before ("" when there was none), by A1 address. */
  originals: Map<string, string>;
  /** A formula was replaced by a value (the calculation chain must go). */
  formulasRemoved: boolean;
}

/** A write that Excel would refuse (part of an array formula): the message names the cell. */
export class CellWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CellWriteError"; // known by name where the class is not imported (failureReason)
  }
}

const key = (row: number, col: number) => row * 16384 + col;

function cellXml(p: string, row: number, col: number, style: number, edit: CellEdit): string {
  if ("raw" in edit) return edit.raw;
  const s = style > 0 ? ` s="${style}"` : "";
  if ("text" in edit) {
    const space = /^\s|\s$|\n/.test(edit.text) ? ' xml:space="preserve"' : "";
    return `<${p}c r="${a1(row, col)}"${s} t="inlineStr"><${p}is><${p}t${space}>${escapeXml(edit.text)}</${p}t></${p}is></${p}c>`;
  }
  return `<${p}c r="${a1(row, col)}"${s}><${p}v>${edit.number}</${p}v></${p}c>`;
}

const UNTOUCHED = "为免损坏文件未做任何改动。请在 Excel 或 WPS 中打开并另存后再填充。";
const REFUSED = `，写入会留下重复的单元格（Excel 打开时要修复文件，填写的数字可能丢失），${UNTOUCHED}`;

/** Rows or cells not in ascending order: the edits are merged in by position, so a cell written later could be written twice. */
function outOfOrder(what: string, before: string | null): CellWriteError {
  return new CellWriteError(before === null ? `${what}在文件中保存了两次${REFUSED}` : `${what}在${before}之后保存（Excel 按行、列的顺序保存）${REFUSED}`);
}

/**
 * Each column's style from the <col> elements (1-based min/max, the first that covers a column wins), once per sheet:
 * a search of every <col> per inserted cell cost columns × cells. Each column is set once (`next` skips set ones), so
 * overlapping full-width <col> elements cost no more than the 16,384 columns.
 */
function columnStyles(cols: { min: number; max: number; style: number }[]): Float64Array {
  const styles = new Float64Array(16384);
  const next = Int32Array.from({ length: 16385 }, (_, i) => i); // the first column ≥ i not yet set
  const unset = (i: number): number => {
    let r = i;
    while (next[r] !== r) r = next[r];
    while (next[i] !== r) {
      const n = next[i];
      next[i] = r;
      i = n;
    }
    return r;
  };
  for (const c of cols) {
    // As `col + 1 >= min && col + 1 <= max` reads them: fractions round inwards, NaN covers nothing.
    const lo = Math.max(1, Math.ceil(c.min)) - 1;
    const hi = Math.min(16384, Math.floor(c.max)) - 1;
    if (!(lo <= hi)) continue;
    for (let i = unset(lo); i <= hi; i = unset(i + 1)) {
      styles[i] = c.style;
      next[i] = i + 1;
    }
  }
  return styles;
}

/** `keepOriginals` false leaves `originals` empty: a large fill then keeps no slice of the sheet's text alive. */
export function editSheetXml(xml: string, part: string, edits: SheetEdit[], keepOriginals = true): SheetEditResult {
  // One edit per cell (the last wins), in sheet order.
  const byKey = new Map<number, SheetEdit>();
  for (const e of edits) byKey.set(key(e.row, e.col), e);
  const todo = [...byKey.values()].sort((a, b) => a.row - b.row || a.col - b.col);
  const originals = new Map<string, string>();
  let formulasRemoved = false;

  const x = new XmlScanner(xml, part);
  const out: string[] = [];
  let copied = 0; // xml[0, copied) is in out
  const emit = (upTo: number, text: string) => {
    out.push(xml.slice(copied, upTo), text);
    copied = upTo;
  };
  let k = 0; // next edit in todo
  let p = ""; // the namespace prefix the sheet uses
  const colStyles: { min: number; max: number; style: number }[] = [];
  let byColumn: Float64Array | null = null; // built at the first inserted cell that needs it (<cols> comes before sheetData)
  const styleFor = (rowStyle: number, col: number) => {
    if (rowStyle > 0) return rowStyle;
    if (colStyles.length === 0) return 0;
    return (byColumn ??= columnStyles(colStyles))[col] ?? 0;
  };
  /** New cells for the edits of `row` with col < before (all of them when before is Infinity). */
  const newCells = (row: number, before: number, rowStyle: number) => {
    let s = "";
    while (k < todo.length && todo[k].row === row && todo[k].col < before) {
      const e = todo[k++];
      if (keepOriginals) originals.set(a1(e.row, e.col), "");
      s += cellXml(p, e.row, e.col, styleFor(rowStyle, e.col), e.edit);
    }
    return s;
  };
  /** New rows for the edits of rows before `row`. */
  const newRows = (row: number) => {
    let s = "";
    while (k < todo.length && todo[k].row < row) {
      const r = todo[k].row;
      s += `<${p}row r="${r + 1}">${newCells(r, Infinity, 0)}</${p}row>`;
    }
    return s;
  };

  const arrays: { ref: string; r0: number; r1: number; c0: number; c1: number }[] = []; // parsed once, not per edited cell
  const removedMasters = new Map<string, { row: number; col: number; text: string }>();
  const mastersSeen = new Set<string>();
  const earlyClones = new Map<string, string>(); // si → the first clone saved before any master of it
  const cell = { row: -1, col: -1, type: null, style: 0 } as CellAttrs;
  let inData = false;
  let rowIdx = -1;
  let rowStyle = 0;
  let colIdx = -1;
  let lastRow = -1;
  let lastCell = -1; // key of the cell before

  for (;;) {
    // As the reader does: a <c> tag in one pass, and a plain value cell not written skipped whole.
    const fast = inData && cellOpen(x, cell);
    const t = fast ? Tok.Open : x.next();
    if (t === Tok.End) break;
    const name = x.name;
    if (t === Tok.Close) {
      if (!inData) continue;
      if (name === "row") {
        const cells = newCells(rowIdx, Infinity, rowStyle);
        if (cells) emit(x.tagStart, cells);
      } else if (name === "sheetData") {
        const rows = newRows(Infinity);
        if (rows) emit(x.tagStart, rows);
        inData = false;
      }
      continue;
    }
    if (!inData) {
      if (name === "worksheet") p = x.prefix();
      else if (name === "col") {
        const style = Number(x.attr("style") ?? 0);
        if (style > 0) colStyles.push({ min: Number(x.attr("min")), max: Number(x.attr("max")), style });
      } else if (name === "sheetData") {
        if (x.selfClosing) {
          const rows = newRows(Infinity);
          if (rows) {
            emit(x.tagStart, `<${p}sheetData>${rows}</${p}sheetData>`);
            copied = x.pos;
          }
        } else inData = true;
      }
      continue;
    }
    if (name === "row") {
      const r = x.attr("r");
      rowIdx = r ? Number(r) - 1 : rowIdx + 1;
      if (rowIdx <= lastRow) throw outOfOrder(`第 ${rowIdx + 1} 行`, rowIdx === lastRow ? null : `第 ${lastRow + 1} 行`);
      lastRow = rowIdx;
      colIdx = -1;
      const cf = x.attr("customFormat");
      rowStyle = cf === "1" || cf === "true" ? Number(x.attr("s") ?? 0) : 0;
      const rows = newRows(rowIdx);
      if (rows) emit(x.tagStart, rows);
      if (x.selfClosing && k < todo.length && todo[k].row === rowIdx) {
        // <row r="5"/> that gets cells: open it, add them, close it.
        const open = xml.slice(x.tagStart, x.attrEnd) + ">";
        emit(x.tagStart, open + newCells(rowIdx, Infinity, rowStyle) + `</${p}row>`);
        copied = x.pos;
      }
      continue;
    }
    if (name === "c") {
      if (!fast) cellAttrs(x, cell);
      if (cell.col >= 0) {
        if (cell.row >= 0) rowIdx = cell.row;
        colIdx = cell.col;
      } else colIdx++;
      const here = key(rowIdx, colIdx);
      if (here <= lastCell) throw outOfOrder(`单元格 ${a1(rowIdx, colIdx)} `, here === lastCell ? null : ` ${a1(Math.floor(lastCell / 16384), lastCell % 16384)} `);
      lastCell = here;
      const before = newCells(rowIdx, colIdx, rowStyle);
      if (before) emit(x.tagStart, before);
      const edit = k < todo.length && todo[k].row === rowIdx && todo[k].col === colIdx ? todo[k] : null;
      if (!edit) {
        if (!x.selfClosing) fastValue(x);
        continue;
      }
      k++;
      const addr = a1(rowIdx, colIdx);
      const start = x.tagStart;
      const style = cell.style;
      if (!x.selfClosing) {
        for (let u = x.next(); !(u === Tok.Close && x.name === "c"); u = x.next()) {
          if (u === Tok.End) throw x.broken();
          if (u !== Tok.Open || x.name !== "f") continue;
          formulasRemoved = true;
          const ft = x.attr("t");
          const ref = x.attr("ref");
          const si = x.attr("si");
          const text = x.selfClosing ? "" : x.text();
          if (ft === "array" && ref && ref.includes(":")) throw new CellWriteError(`单元格 ${addr} 是数组公式 ${ref} 的一部分，不能单独写入。`);
          if (ft === "shared" && si !== null && ref !== null && text) {
            // Clones saved before their master were copied already, still pointing at it: the fill cannot give them
            // their own formulas any more.
            const early = earlyClones.get(si);
            if (early) throw new CellWriteError(`单元格 ${addr} 是共享公式的主单元格，而用这个公式的单元格 ${early} 保存在它之前（Excel 不会这样保存），写入会让 ${early} 的公式失效，${UNTOUCHED}`);
            removedMasters.set(si, { row: rowIdx, col: colIdx, text });
          }
        }
      }
      for (const r of arrays) {
        if (rowIdx >= r.r0 && rowIdx <= r.r1 && colIdx >= r.c0 && colIdx <= r.c1) throw new CellWriteError(`单元格 ${addr} 是数组公式 ${r.ref} 的一部分，不能单独写入。`);
      }
      if (keepOriginals) originals.set(addr, xml.slice(start, x.pos));
      emit(start, cellXml(p, rowIdx, colIdx, style, edit.edit));
      copied = x.pos;
      continue;
    }
    if (name === "f") {
      const ft = x.attr("t");
      if (ft === "array") {
        const ref = x.attr("ref");
        const b = ref && ref.includes(":") ? parseRange(ref) : null;
        if (b) arrays.push({ ref: ref!, ...b });
      } else if (ft === "shared") {
        const si = x.attr("si") ?? "";
        if (x.attr("ref") !== null) mastersSeen.add(si);
        else if (!mastersSeen.has(si) && !earlyClones.has(si)) earlyClones.set(si, a1(rowIdx, colIdx));
        // A clone whose master the fill replaced: it gets its own formula text.
        const master = removedMasters.get(si);
        if (!master || x.attr("ref") !== null) continue;
        const start = x.tagStart;
        if (!x.selfClosing) x.text();
        emit(start, `<${p}f>${escapeXml(slideFormula(master.text, rowIdx - master.row, colIdx - master.col))}</${p}f>`);
        copied = x.pos;
      }
    }
  }
  out.push(xml.slice(copied));
  if (k < todo.length) throw x.broken(); // no sheetData: not a worksheet
  return { xml: out.join(""), originals, formulasRemoved };
}
