// Shared strings, styles and sheet XML → the snapshot's values, formulas, number formats and merges.
import type { CellValue, SheetSnapshot } from "../core/snapshot";
import { a1, columnLetter, mergeBoxes, type MergeBox } from "../core/snapshot";
import { MESSAGES, XlsxReadError, type ReadLimits } from "./errors";
import { decodeXstring, isSpace, normalise, Tok, XmlScanner } from "./xml";

// ---------- shared strings ----------

/** Text of an <si> or <is>: its <t>, or its runs' <t>, without phonetic (rPh) runs. */
function richText(x: XmlScanner, end: string): string {
  let out = "";
  for (let t = x.next(); ; t = x.next()) {
    if (t === Tok.End) throw x.broken();
    if (t === Tok.Close && x.name === end) return out;
    if (t !== Tok.Open || x.selfClosing) continue;
    if (x.name === "t") out += x.text();
    else if (x.name === "rPh" || x.name === "phoneticPr") x.skip();
  }
}

/**
 * The text of <si><t>…</t></si> (or <t xml:space="preserve">) read in place, as almost every shared string is written;
 * null for anything else (runs, phonetics, prefixes, CDATA, white space between tags), which richText reads.
 */
function plainSharedString(x: XmlScanner): string | null {
  const xml = x.xml;
  let at = x.pos;
  if (!xml.startsWith("<t", at)) return null;
  if (xml.charCodeAt(at + 2) === 62 /* > */) at += 3;
  else if (xml.startsWith(' xml:space="preserve">', at + 2)) at += 24;
  else return null;
  const lt = xml.indexOf("<", at);
  if (lt < 0 || !xml.startsWith("</t></si>", lt)) return null;
  x.pos = lt + 9;
  return lt === at ? "" : normalise(xml.slice(at, lt), x.part);
}

export function readSharedStrings(xml: string, part: string, limits: ReadLimits): string[] {
  const x = new XmlScanner(xml, part);
  const out: string[] = [];
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    if (t !== Tok.Open || x.name !== "si") continue;
    if (out.length >= limits.maxSharedStrings) throw new XlsxReadError("too-many-strings", MESSAGES.tooManyStrings(limits.maxSharedStrings));
    const s = x.selfClosing ? "" : decodeXstring(plainSharedString(x) ?? richText(x, "si"));
    if (s.length > limits.maxStringLength) {
      throw new XlsxReadError("string-too-long", MESSAGES.stringTooLong(`共享字符串第 ${out.length + 1} 项`, s.length, limits.maxStringLength));
    }
    out.push(s);
  }
  return out;
}

// ---------- styles ----------

const BUILTIN_FORMATS: Record<number, string> = {
  1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 11: "0.00E+00", 12: "# ?/?", 13: "# ??/??",
  14: "mm-dd-yy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm",
  21: "h:mm:ss", 22: 'm/d/yy "h":mm', 27: 'yyyy"年"m"月"', 28: 'm"月"d"日"', 29: 'm"月"d"日"', 30: "m-d-yy",
  31: 'yyyy"年"m"月"d"日"', 32: 'h"时"mm"分"', 33: 'h"时"mm"分"ss"秒"', 34: '上午/下午 h"时"mm"分"',
  35: '上午/下午 h"时"mm"分"ss"秒"', 36: 'yyyy"年"m"月"', 37: "#,##0 ;(#,##0)", 38: "#,##0 ;[Red](#,##0)",
  39: "#,##0.00 ;(#,##0.00)", 40: "#,##0.00 ;[Red](#,##0.00)", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0",
  48: "##0.0E+0", 49: "@", 50: 'yyyy"年"m"月"', 51: 'm"月"d"日"', 52: 'yyyy"年"m"月"', 53: 'm"月"d"日"',
  54: 'm"月"d"日"', 55: '上午/下午 h"时"mm"分"', 56: '上午/下午 h"时"mm"分"ss"秒"', 57: 'yyyy"年"m"月"', 58: 'm"月"d"日"',
};

/** A format shows a date or time when, outside quotes and brackets, it has y, m, d, h, s (as Excel and ExcelJS decide). */
export function isDateFormat(fmt: string | null): boolean {
  if (!fmt) return false;
  const f = withoutPairs(withoutPairs(fmt, "[", "]"), '"', '"');
  return /[ymdhMsb]/.test(f.replace(/\\./g, ""));
}

/**
 * s without each `open`…`close` pair, as s.replace(/\[[^\]]*]/g, "") does, in linear time: that regular expression
 * scans to the end of the text from every unclosed "[" (a 200,000-character format took 48 s).
 */
function withoutPairs(s: string, open: string, close: string): string {
  let at = s.indexOf(open);
  if (at < 0) return s;
  let out = "";
  let from = 0;
  while (at >= 0) {
    const end = s.indexOf(close, at + 1);
    if (end < 0) break; // no pair closes after this one, nor after any later open
    out += s.slice(from, at);
    from = end + 1;
    at = s.indexOf(open, from);
  }
  return out + s.slice(from);
}

export interface Styles {
  /** Number format of each cellXfs index (null for General). */
  formats: (string | null)[];
  isDate: boolean[];
}

export function readStyles(xml: string | null, part: string): Styles {
  const formats: (string | null)[] = [];
  if (xml !== null) {

    const custom = new Map<number, string>();
    const x = new XmlScanner(xml, part);
    let inXfs = false;
    for (let t = x.next(); t !== Tok.End; t = x.next()) {
      if (t === Tok.Close) {
        if (x.name === "cellXfs") inXfs = false;
        continue;
      }
      if (x.name === "numFmt") custom.set(Number(x.attr("numFmtId")), x.attr("formatCode") ?? "");
      else if (x.name === "cellXfs") inXfs = !x.selfClosing;
      else if (inXfs && x.name === "xf") {
        const id = Number(x.attr("numFmtId") ?? 0);
        const f = id === 0 ? null : (custom.get(id) ?? BUILTIN_FORMATS[id] ?? null);
        // LibreOffice declares "General" as a custom format; it is the default, as no format is.
        formats.push(f === null || /^general$/i.test(f) ? null : f);
        if (!x.selfClosing) x.skip();
      }
    }
  }
  // Once per distinct format: a styles part may repeat one long format in thousands of xf.
  const known = new Map<string | null, boolean>();
  const isDate = formats.map((f) => {
    let d = known.get(f);
    if (d === undefined) known.set(f, (d = isDateFormat(f)));
    return d;
  });
  return { formats, isDate };
}

// ---------- sheets ----------

/** Excel serial date → "2023-12-31", or the ISO time when it has a time of day (UTC, as ExcelJS reads it). */
function serialDate(v: number, date1904: boolean): string {
  const d = new Date(Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 86400000));
  return dateText(d);
}

/** Date → "2023-12-31", or the full ISO time when it has a time of day. */
export function dateText(d: Date): string {
  if (Number.isNaN(d.getTime())) return "";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

const REF_RX = /(^|[^A-Za-z0-9_.])(\$?)([A-Z]{1,3})(\$?)(\d{1,7})(?![A-Za-z0-9_(!])/g;

/** A shared formula moved from its master to another cell: relative references shift, quoted text stays. */
export function slideFormula(f: string, dRow: number, dCol: number): string {
  if (dRow === 0 && dCol === 0) return f;
  return f
    .split(/("(?:[^"]|"")*"|'(?:[^']|'')*')/)
    .map((seg, i) =>
      i % 2 === 1
        ? seg
        : seg.replace(REF_RX, (all, pre: string, cd: string, cs: string, rd: string, rs: string) => {
            if (cs.length === 3 && cs > "XFD") return all;
            let col = 0;
            for (const ch of cs) col = col * 26 + ch.charCodeAt(0) - 64;
            const c = cd ? col - 1 : col - 1 + dCol;
            const r = rd ? Number(rs) : Number(rs) + dRow;
            if (c < 0 || r < 1) return `${pre}#REF!`;
            return `${pre}${cd}${columnLetter(c)}${rd}${r}`;
          }),
    )
    .join("");
}

export interface SheetContext {
  name: string;
  part: string;
  strings: string[];
  styles: Styles;
  date1904: boolean;
  limits: ReadLimits;
  /**
   * Work done so far in the workbook (the limits are for all sheets together): cells read (blanks padding a row and
   * blank rows between rows included), cells visited to blank merged ranges, characters of formulas built from shared
   * formulas, mergeCell elements.
   */
  cells: { count: number; merged: number; formulaChars: number; merges: number };
}

/** A shared formula's master cell and text, by its si. */
interface SharedMaster {
  row: number;
  col: number;
  text: string;
}

/** What reading a sheet's cells builds, kept between the sheetData loop and the rest of the sheet. */
interface SheetBuild {
  ctx: SheetContext;
  rows: CellValue[][];
  numberFormats: (string | null)[][];
  formulas: (string | null)[][] | null;
  shared: Map<string, SharedMaster>;
  /** Clones saved before their master, resolved at the end. */
  early: { si: string; row: number; col: number }[] | null;
  /** Rows written again after others, whose formats have their own array already. */
  ownFormats: Set<number>;
  /** Rows up to the last one that has a cell. */
  extent: number;
  // The open row is built in two scratch arrays and copied out at its size when another row starts: no arrays grown
  // cell by cell, and a row's formats shared with the row before when they are the same (tables repeat them).
  open: number;
  width: number;
  vals: CellValue[];
  fmts: (string | null)[];
  lastNf: (string | null)[] | null;
  rowIdx: number;
  colIdx: number;
  /** The formula of the cell just read by slowCell, or null. */
  formula: string | null;
}

/** One worksheet's XML → its snapshot. Merged cells other than the top-left read as blank, as in Excel's range.values. */
export function readSheet(xml: string, ctx: SheetContext): SheetSnapshot {
  const x = new XmlScanner(xml, ctx.part);
  const merges: string[] = [];
  const b: SheetBuild = {
    ctx, rows: [], numberFormats: [], formulas: null, shared: new Map(), early: null, ownFormats: new Set(), extent: 0,
    open: -1, width: 0, vals: [], fmts: [], lastNf: null, rowIdx: -1, colIdx: -1, formula: null,
  };
  // Everything but the cells: the hot loop over sheetData is its own function, small enough to optimise early and
  // never sent back to the interpreter by what follows the cells (merges, page set-up).
  for (let t = x.next(); t !== Tok.End; t = x.next()) {
    if (t !== Tok.Open) continue;
    if (x.name === "sheetData") {
      if (!x.selfClosing) readSheetData(x, b);
    } else if (x.name === "mergeCell") {
      // Counted as they are scanned: millions of ranges cost seconds and hundreds of MB before the cell limits see them.
      if (++ctx.cells.merges > ctx.limits.maxMerges) throw new XlsxReadError("too-many-merges", MESSAGES.tooManyMergeRanges(ctx.name, ctx.limits.maxMerges));
      const r = x.attr("ref");
      if (r) merges.push(r.toUpperCase().replace(/\$/g, ""));
    }
  }
  const { rows, numberFormats } = b;
  if (b.open >= 0) closeRow(rows, numberFormats, b.open, b.vals, b.fmts, b.width, b.lastNf);
  // Dense rows (no holes) and blank merged cells.
  for (let r = 0; r < rows.length; r++) {
    if (!rows[r]) {
      rows[r] = [];
      numberFormats[r] = [];
    }
    // Rows of a table repeat their formats: one array for a run of equal rows (read only, as the snapshot is).
    if (r > 0 && sameFormats(numberFormats[r], numberFormats[r - 1])) numberFormats[r] = numberFormats[r - 1];
  }
  // Clones saved before their master (Excel never does; other writers may): their formulas, once the master is known.
  // A clone whose master is nowhere keeps no formula: its text cannot be known.
  for (const c of b.early ?? []) {
    const master = b.shared.get(c.si);
    if (master) setFormula(b, c.row, c.col, cloned(b, master, c.row, c.col));
  }
  const formulas = b.formulas;
  for (const m of mergeBoxes(merges)) blankMerged(m, rows, formulas, ctx);
  const snap: SheetSnapshot = { name: ctx.name, rows, numberFormats, merges };
  if (formulas) {
    for (let r = 0; r < rows.length; r++) {
      const fr = (formulas[r] ??= []);
      while (fr.length < rows[r].length) fr.push(null);
    }
    snap.formulas = formulas;
  }
  return snap;
}

/** The cells of a <sheetData> (the scanner right after its start tag) into b, up to its end tag. */
function readSheetData(x: XmlScanner, b: SheetBuild): void {
  const { ctx, rows, numberFormats, vals, fmts } = b;
  const { strings, styles } = ctx;
  const cell: CellAttrs = { row: -1, col: -1, type: null, style: 0 };
  let { rowIdx, colIdx, open, width, lastNf, extent } = b;
  for (;;) {
    // Most tags are <c …>: read its tag and attributes in one pass.
    const fast = cellOpen(x, cell);
    if (!fast) {
      // The other tags of every row, <row …> and </row>, without the general tokenizer.
      const r = rowOpen(x);
      if (r === ROW_END) continue;
      if (r !== ROW_NONE) {
        rowIdx = r === ROW_NO_R ? rowIdx + 1 : r;
        if (!(rowIdx >= 0 && rowIdx < 1048576)) throw badAddress(ctx, "行号", String(rowIdx + 1));
        colIdx = -1;
        continue;
      }
      const t = x.next();
      if (t === Tok.End) break;
      if (t === Tok.Close) {
        if (x.name === "sheetData") break;
        continue;
      }
      const name = x.name;
      if (name === "row") {
        const r = x.attr("r");
        rowIdx = r ? Number(r) - 1 : rowIdx + 1;
        if (!(rowIdx >= 0 && rowIdx < 1048576)) throw rowIdx === rowIdx ? badAddress(ctx, "行号", r ?? String(rowIdx + 1)) : x.broken();
        colIdx = -1;
        continue;
      }
      if (name !== "c") {
        if (!x.selfClosing) x.skip();
        continue;
      }
      cellAttrs(x, cell);
    }
    countCells(ctx, 1);
    if (cell.col >= 0) {
      // A row past the last would make the sheet's rows array that long (r="A4294967290" took 3 GB and crashed).
      if (cell.col >= 16384 || cell.row >= 1048576) throw badAddress(ctx, "单元格地址", x.attr("r") ?? "");
      if (cell.row >= 0) rowIdx = cell.row;
      colIdx = cell.col;
    } else colIdx++;
    if (rowIdx < 0) rowIdx = 0;
    const type = cell.type;
    const style = cell.style;
    let value: CellValue = null;
    let formula: string | null = null;
    // Fast path for the common cell, <c …><v>…</v></c>: no tokens for <v>, </v> and </c>.
    const vs = x.selfClosing ? -1 : fastValue(x);
    if (vs >= 0) {
      const ve = x.pos - 8;
      if (type === null || type === "n") {
        // Most cells are numbers: plain decimals are read from the text in place, anything else as Number() does.
        const n = valueNumber;
        value = n === n ? (styles.isDate[style] ? serialDate(n, ctx.date1904) : n) : cellValue(type, normalise(x.xml.slice(vs, ve), ctx.part), null, style, ctx, rowIdx, colIdx);
      } else {
        // A shared string's index, read as the number it is (anything else reads as cellValue reads it: Number(text)).
        const si = type === "s" ? valueNumber : -1;
        value = si >= 0 && si < strings.length && Number.isInteger(si) ? strings[si] : cellValue(type, normalise(x.xml.slice(vs, ve), ctx.part), null, style, ctx, rowIdx, colIdx);
      }
    } else if (!x.selfClosing) {
      value = slowCell(x, b, type, style, rowIdx, colIdx);
      formula = b.formula;
    }
    const format = styles.formats[style] ?? null;
    if (rowIdx === open || !rows[rowIdx]) {
      if (rowIdx !== open) {
        if (open >= 0) lastNf = closeRow(rows, numberFormats, open, vals, fmts, width, lastNf);
        open = rowIdx;
        width = 0;
        // Blank rows before this one become empty rows: they count as cells (a cell in row 1,048,576 of 100 sheets
        // made 100 million rows).
        if (rowIdx > extent) countCells(ctx, rowIdx - extent);
        if (rowIdx >= extent) extent = rowIdx + 1;
      }
      // The row is padded with blanks up to this cell: they count towards the limit as cells do (they take memory; a
      // format filled out to column XFD on every row would otherwise hold billions).
      if (colIdx > width) countCells(ctx, colIdx - width);
      while (width < colIdx) {
        vals[width] = null;
        fmts[width] = null;
        width++;
      }
      vals[colIdx] = value;
      fmts[colIdx] = format;
      if (colIdx >= width) width = colIdx + 1;
    } else rewriteCell(b, rowIdx, colIdx, value, format);
    if (formula !== null) setFormula(b, rowIdx, colIdx, formula);
  }
  Object.assign(b, { rowIdx, colIdx, open, width, lastNf, extent });
}

/** A cell's formula into b.formulas (made with the first one), its row padded with nulls up to it. */
function setFormula(b: SheetBuild, row: number, col: number, text: string): void {
  const fr = ((b.formulas ??= [])[row] ??= []);
  while (fr.length < col) fr.push(null);
  fr[col] = "=" + text;
}

/** A shared formula's clone, moved from its master's: each clone's text is counted (a long master copied to many clones). */
function cloned(b: SheetBuild, master: SharedMaster, row: number, col: number): string {
  const { cells, limits } = b.ctx;
  if ((cells.formulaChars += master.text.length) > limits.maxSharedFormulaChars) {
    throw new XlsxReadError("formula-too-long", MESSAGES.sharedFormulasTooLong(b.ctx.name, a1(row, col), limits.maxSharedFormulaChars));
  }
  return slideFormula(master.text, row - master.row, col - master.col);
}

/**
 * A cell that is not just <v>…</v> (a formula, an inline string, a value with attributes): read with the general
 * tokenizer up to its </c>. Returns the value; its formula (or null) is left in b.formula.
 */
function slowCell(x: XmlScanner, b: SheetBuild, type: string | null, style: number, rowIdx: number, colIdx: number): CellValue {
  let raw: string | null = null;
  let inline: string | null = null;
  let formula: string | null = null;
  for (let u = x.next(); !(u === Tok.Close && x.name === "c"); u = x.next()) {
    if (u === Tok.End) throw x.broken();
    if (u !== Tok.Open) continue;
    const n = x.name;
    if (n === "v") raw = x.selfClosing ? "" : x.text();
    else if (n === "f") {
      const ft = x.attr("t");
      const si = x.attr("si");
      const text = x.selfClosing ? "" : x.text();
      if (ft === "shared" && si !== null) {
        const master = b.shared.get(si);
        if (text !== "" && (x.attr("ref") !== null || !master)) {
          b.shared.set(si, { row: rowIdx, col: colIdx, text });
          formula = text;
        } else if (master) formula = cloned(b, master, rowIdx, colIdx);
        else (b.early ??= []).push({ si, row: rowIdx, col: colIdx }); // its master comes later in the file
      } else if (ft !== "dataTable" && text !== "") formula = text;
    } else if (n === "is") inline = x.selfClosing ? "" : richText(x, "is");
    else if (!x.selfClosing) x.skip();
  }
  b.formula = formula;
  return cellValue(type, raw, inline, style, b.ctx, rowIdx, colIdx);
}

/**
 * A cell of a row written again after others (rows out of order), in place: the row's formats get their own array the
 * first time (they may be shared with the rows around it).
 */
function rewriteCell(b: SheetBuild, rowIdx: number, colIdx: number, value: CellValue, format: string | null): void {
  const row = b.rows[rowIdx];
  if (colIdx > row.length) countCells(b.ctx, colIdx - row.length);
  if (!b.ownFormats.has(rowIdx)) {
    b.ownFormats.add(rowIdx);
    b.numberFormats[rowIdx] = b.numberFormats[rowIdx].slice();
  }
  const nf = b.numberFormats[rowIdx];
  while (row.length < colIdx) {
    row.push(null);
    nf.push(null);
  }
  row[colIdx] = value;
  nf[colIdx] = format;
}

/** Copies the open row out of the scratch arrays; returns the formats array the next row may share. */
function closeRow(
  rows: CellValue[][],
  numberFormats: (string | null)[][],
  row: number,
  vals: CellValue[],
  fmts: (string | null)[],
  width: number,
  lastNf: (string | null)[] | null,
): (string | null)[] {
  rows[row] = vals.slice(0, width);
  let same = lastNf !== null && lastNf.length === width;
  for (let i = 0; same && i < width; i++) same = fmts[i] === lastNf![i];
  return (numberFormats[row] = same ? lastNf! : fmts.slice(0, width));
}

export interface CellAttrs {
  row: number;
  col: number;
  type: string | null;
  style: number;
}

/**
 * When the scanner stands right before "<c " (no prefix), reads that start tag's r, s and t into `out` in one pass
 * (quoted values skipped with indexOf) and moves past the tag, as next() and cellAttrs() would together. Anything
 * unusual returns false with the scanner unmoved, and the general path reads the tag (and reports it if broken).
 */
export function cellOpen(x: XmlScanner, out: CellAttrs): boolean {
  const xml = x.xml;
  const lt = x.pos;
  if (xml.charCodeAt(lt) !== 60 || xml.charCodeAt(lt + 1) !== 99 || xml.charCodeAt(lt + 2) !== 32) return false; // "<c "
  out.row = -1;
  out.col = -1;
  out.type = null;
  out.style = 0;
  const gt = tagAttrs(xml, lt + 3, out, false);
  if (gt < 0) return false;
  const selfClosing = xml.charCodeAt(gt - 1) === 47;
  x.name = "c";
  x.tagStart = lt;
  x.qnameStart = lt + 1;
  x.nameStart = lt + 1;
  x.attrStart = lt + 2;
  x.attrEnd = selfClosing ? gt - 1 : gt;
  x.selfClosing = selfClosing;
  x.pos = gt + 1;
  return true;
}

/**
 * A start tag's attributes from i (right after its name) to its end in one pass (quoted values skipped with a loop:
 * they are a few characters, and indexOf's set-up costs more than the scan). Each one-letter attribute goes to
 * cellAttr (a <c>) or rowAttr (a <row>). Returns where the tag's ">" is, or -1 for anything unusual (white space
 * around "=", an unquoted value, a one-letter attribute its reader refuses), for the general path to read.
 */
function tagAttrs(xml: string, i: number, out: CellAttrs, row: boolean): number {
  const len = xml.length;
  for (;;) {
    let ch = xml.charCodeAt(i);
    while (ch === 32 || ch === 10 || ch === 9 || ch === 13) ch = xml.charCodeAt(++i);
    if (ch === 62 /* > */) return i;
    if (ch === 47 /* / */) return xml.charCodeAt(i + 1) === 62 ? i + 1 : -1;
    // A cell's r="B12", s="8" and t="s", as Excel writes them, read as they are scanned (every cell has them).
    if (!row && xml.charCodeAt(i + 1) === 61 && xml.charCodeAt(i + 2) === 34) {
      const end = ch === 114 /* r */ ? cellRef(xml, i + 3, out) : ch === 115 /* s */ ? styleIndex(xml, i + 3, out) : ch === 116 /* t */ ? shortType(xml, i + 3, out) : -1;
      if (end >= 0) {
        i = end + 1;
        continue;
      }
    }
    const nameStart = i;
    while (ch !== 61 /* = */ && ch !== 32 && ch !== 10 && ch !== 9 && ch !== 13 && ch !== 62 && ch !== 47 && ch === ch) ch = xml.charCodeAt(++i);
    if (ch !== 61) return -1;
    const q = xml.charCodeAt(i + 1);
    if (q !== 34 && q !== 39) return -1;
    const vs = i + 2;
    let ve = vs;
    while (ve < len && xml.charCodeAt(ve) !== q) ve++;
    if (ve >= len) return -1;
    if (i - nameStart === 1 && !(row ? rowAttr(xml, nameStart, vs, ve, out) : cellAttr(xml, nameStart, vs, ve, out))) return -1;
    i = ve + 1;
  }
}

/**
 * An r value of capital letters then digits, closed by '"', from k into out (as cellAttr reads it); returns where the
 * quote is, or -1 for anything else (left to cellAttr).
 */
function cellRef(xml: string, k: number, out: CellAttrs): number {
  let col = 0;
  let c = xml.charCodeAt(k);
  while (c >= 65 && c <= 90) {
    col = col * 26 + c - 64;
    c = xml.charCodeAt(++k);
  }
  let row = 0;
  while (c >= 48 && c <= 57) {
    row = row * 10 + c - 48;
    c = xml.charCodeAt(++k);
  }
  if (c !== 34 || col === 0 || row === 0) return -1;
  out.col = col - 1;
  out.row = row - 1;
  return k;
}

/** An s value of digits closed by '"', from k into out (as cellAttr reads it); where the quote is, or -1. */
function styleIndex(xml: string, k: number, out: CellAttrs): number {
  const start = k;
  let v = 0;
  let c = xml.charCodeAt(k);
  while (c >= 48 && c <= 57) {
    v = v * 10 + c - 48;
    c = xml.charCodeAt(++k);
  }
  if (c !== 34 || k === start) return -1;
  out.style = v;
  return k;
}

/** A one-letter t value closed by '"' ("s", "n", "b", "e", "d"), from k into out; where the quote is, or -1. */
function shortType(xml: string, k: number, out: CellAttrs): number {
  if (xml.charCodeAt(k + 1) !== 34 || xml.charCodeAt(k) === 34) return -1;
  out.type = cellType(xml, k, k + 1);
  return k + 1;
}

/** The t attribute's value, without allocating for the types Excel writes. */
function cellType(xml: string, vs: number, ve: number): string {
  const len = ve - vs;
  if (len === 1) {
    const c = xml.charCodeAt(vs);
    if (c === 115) return "s";
    if (c === 110) return "n";
    if (c === 98) return "b";
    if (c === 101) return "e";
    if (c === 100) return "d";
  } else if (len === 3 && xml.startsWith("str", vs)) return "str";
  else if (len === 9 && xml.startsWith("inlineStr", vs)) return "inlineStr";
  return xml.slice(vs, ve);
}

/** r, t and s of a <c> tag in one pass over its attributes, without allocating (this runs for every cell). */
export function cellAttrs(x: XmlScanner, out: CellAttrs): void {
  const xml = x.xml;
  const end = x.attrEnd;
  out.row = -1;
  out.col = -1;
  out.type = null;
  out.style = 0;
  let i = x.attrStart;
  while (i < end) {
    const ch = xml.charCodeAt(i);
    if (ch === 32 || ch === 10 || ch === 9 || ch === 13) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < end && xml.charCodeAt(i) !== 61 /* = */) i++;
    let nameEnd = i;
    while (nameEnd > nameStart && isSpace(xml.charCodeAt(nameEnd - 1))) nameEnd--;
    i++;
    while (i < end && isSpace(xml.charCodeAt(i))) i++;
    const q = xml.charCodeAt(i);
    if (q !== 34 && q !== 39) throw x.broken();
    const vs = i + 1;
    const ve = xml.indexOf(q === 34 ? '"' : "'", vs);
    if (ve < 0 || ve > end) throw x.broken();
    i = ve + 1;
    if (nameEnd - nameStart === 1 && !cellAttr(xml, nameStart, vs, ve, out)) throw x.broken();
  }
}

/** One of a <c> tag's one-letter attributes (r, s or t) into `out`; false for an r that is not a cell address. */
function cellAttr(xml: string, nameStart: number, vs: number, ve: number, out: CellAttrs): boolean {
  const n = xml.charCodeAt(nameStart);
  if (n === 114 /* r */) {
    let col = 0;
    let k = vs;
    for (; k < ve; k++) {
      const c = xml.charCodeAt(k);
      if (c >= 65 && c <= 90) col = col * 26 + c - 64;
      else if (c >= 97 && c <= 122) col = col * 26 + c - 96;
      else if (c !== 36) break;
    }
    let row = 0;
    for (; k < ve; k++) {
      const c = xml.charCodeAt(k);
      if (c >= 48 && c <= 57) row = row * 10 + c - 48;
      else if (c !== 36) return false;
    }
    out.col = col - 1;
    out.row = row - 1;
  } else if (n === 115 /* s */) {
    let v = 0;
    for (let k = vs; k < ve; k++) v = v * 10 + xml.charCodeAt(k) - 48;
    out.style = v >= 0 ? v : 0;
  } else if (n === 116 /* t */) out.type = cellType(xml, vs, ve);
  return true;
}

/**
 * When the open <c> is followed by exactly <v>text</v></c>, moves past it and returns where the text starts
 * (it ends 8 characters before the new position); else -1 and nothing moves. The text read as a plain number (see
 * plainNumber) is left in `valueNumber`: one pass over the text finds its end and its figure.
 */
export function fastValue(x: XmlScanner): number {
  const xml = x.xml;
  const p = x.pos;
  if (xml.charCodeAt(p) !== 60 || xml.charCodeAt(p + 1) !== 118 || xml.charCodeAt(p + 2) !== 62) return -1; // <v>
  valueNumber = scanNumber(xml, p + 3, xml.length);
  const lt = scanEnd;
  if (
    xml.charCodeAt(lt) !== 60 || xml.charCodeAt(lt + 1) !== 47 || xml.charCodeAt(lt + 2) !== 118 || xml.charCodeAt(lt + 3) !== 62 || // </v>
    xml.charCodeAt(lt + 4) !== 60 || xml.charCodeAt(lt + 5) !== 47 || xml.charCodeAt(lt + 6) !== 99 || xml.charCodeAt(lt + 7) !== 62 // </c>
  ) {
    return -1;
  }
  x.pos = lt + 8;
  return p + 3;
}

/** The value fastValue last read, as plainNumber reads it (NaN when it is not a plain decimal). */
let valueNumber = NaN;

// Not row indexes (those are ≥ 0; r="0" is left to the general path, which refuses it).
const ROW_NONE = -100;
const ROW_END = -101;
const ROW_NO_R = -102;

/**
 * When the scanner stands right before "<row" (no prefix) or "</row>", moves past that tag and returns the row's
 * 0-based index from r (ROW_NO_R when the tag has no r, ROW_END for "</row>"). Anything unusual (an r that is not
 * plain digits, an entity, a tag it cannot read) returns ROW_NONE with the scanner unmoved, for the general path.
 */
export function rowOpen(x: XmlScanner): number {
  const xml = x.xml;
  const lt = x.pos;
  if (xml.charCodeAt(lt) !== 60) return ROW_NONE;
  let i = lt + 1;
  const close = xml.charCodeAt(i) === 47;
  if (close) i++;
  if (xml.charCodeAt(i) !== 114 || xml.charCodeAt(i + 1) !== 111 || xml.charCodeAt(i + 2) !== 119) return ROW_NONE; // row
  i += 3;
  if (close) {
    if (xml.charCodeAt(i) !== 62) return ROW_NONE;
    x.pos = i + 1;
    return ROW_END;
  }
  const ch = xml.charCodeAt(i);
  if (ch !== 32 && ch !== 62 && ch !== 47 && ch !== 10 && ch !== 9 && ch !== 13) return ROW_NONE; // <rows…> is another tag
  rowTag.row = ROW_NO_R;
  const gt = tagAttrs(xml, i, rowTag, true);
  if (gt < 0) return ROW_NONE;
  x.pos = gt + 1;
  return rowTag.row;
}

const rowTag: CellAttrs = { row: ROW_NO_R, col: -1, type: null, style: 0 };

/** A <row> tag's r into out.row when it is plain digits from 1 (other one-letter attributes ignored); false for any other r. */
function rowAttr(xml: string, nameStart: number, vs: number, ve: number, out: CellAttrs): boolean {
  if (xml.charCodeAt(nameStart) !== 114 /* r */) return true;
  if (ve === vs || ve - vs > 7) return false;
  let n = 0;
  for (let k = vs; k < ve; k++) {
    const c = xml.charCodeAt(k);
    if (c < 48 || c > 57) return false;
    n = n * 10 + c - 48;
  }
  if (n === 0) return false;
  out.row = n - 1;
  return true;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A plain decimal ("-12.50", "3", "0.1") of at most 15 digits read in place; NaN for anything else (exponents,
 * spaces, entities, more digits), which the caller reads with Number(). The digits make an exact integer below
 * 2^53 and 10^k is exact, so one division rounds as Number() does.
 */
export function plainNumber(xml: string, vs: number, ve: number): number {
  const n = scanNumber(xml, vs, ve);
  return scanEnd === ve ? n : NaN;
}

/** Where scanNumber stopped: at `ve` or at the first "<". */
let scanEnd = 0;

/** plainNumber of the text from vs up to ve or the first "<" before it, whose position is left in scanEnd. */
function scanNumber(xml: string, vs: number, ve: number): number {
  let k = vs;
  const neg = xml.charCodeAt(k) === 45; /* - */
  if (neg) k++;
  let m = 0;
  let digits = 0;
  let dot = -1;
  let plain = true;
  for (; k < ve; k++) {
    const c = xml.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      m = m * 10 + c - 48;
      digits++;
    } else if (c === 60 /* < */) break;
    else if (c === 46 /* . */ && dot < 0) dot = k;
    else plain = false;
  }
  scanEnd = k;
  if (!plain || digits === 0 || digits > 15) return NaN;
  if (dot >= 0) {
    const fraction = k - dot - 1;
    // "5." and ".5" are numbers to Number() too, but never what Excel writes: leave them to it.
    if (fraction === 0 || dot === (neg ? vs + 1 : vs)) return NaN;
    m /= POW10[fraction];
  }
  return neg ? -m : m;
}

function sameFormats(a: (string | null)[], b: (string | null)[]): boolean {
  if (a === b) return true; // shared already when the row was read
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** n more cells read (or blanks padding rows): past the workbook's limit, the read ends with its message. */
function countCells(ctx: SheetContext, n: number): void {
  if ((ctx.cells.count += n) > ctx.limits.maxCells) throw new XlsxReadError("too-many-cells", MESSAGES.tooManyCells(ctx.name, ctx.limits.maxCells));
}

/** n more cells visited to blank merged ranges (overlapping ranges visit cells again), within the same limit. */
function countMerged(ctx: SheetContext, range: string, n: number): void {
  if ((ctx.cells.merged += n) > ctx.limits.maxCells) throw new XlsxReadError("too-many-merges", MESSAGES.tooManyMerges(ctx.name, range, ctx.limits.maxCells));
}

function badAddress(ctx: SheetContext, what: string, ref: string): XlsxReadError {
  return new XlsxReadError("bad-reference", MESSAGES.badAddress(ctx.name, what, ref));
}

/** Blanks a merged range's cells but its first; the rows and cells visited count (overlapping ranges visit cells again). */
function blankMerged(box: MergeBox, rows: CellValue[][], formulas: (string | null)[][] | null, ctx: SheetContext): void {
  const range = box.range;
  const lastRow = Math.min(box.r1, rows.length - 1);
  // A range counts once even past the last row: the fill looks at every range of a table's sheet.
  countMerged(ctx, range, 1);
  for (let r = box.r0; r <= lastRow; r++) {
    const row = rows[r];
    const last = Math.min(box.c1, row.length - 1);
    countMerged(ctx, range, 1 + Math.max(0, last - box.c0 + 1));
    for (let c = box.c0; c <= last; c++) {
      if (r === box.r0 && c === box.c0) continue;
      row[c] = null;
      const fr = formulas?.[r];
      if (fr && c < fr.length) fr[c] = null;
    }
  }
}

/** xsd:double as Excel writes it: digits, a point, an exponent; white space around allowed. */
const DECIMAL = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/;

function textValue(s: string, ctx: SheetContext, row: number, col: number): string {
  if (s.length > ctx.limits.maxStringLength) {
    throw new XlsxReadError("string-too-long", MESSAGES.stringTooLong(`工作表“${ctx.name}”单元格 ${a1(row, col)} `, s.length, ctx.limits.maxStringLength));
  }
  return s;
}

function cellValue(type: string | null, raw: string | null, inline: string | null, style: number, ctx: SheetContext, row: number, col: number): CellValue {
  switch (type) {
    case null:
    case "n": {
      if (raw === null || raw === "") return null;
      const n = Number(raw);
      if (Number.isFinite(n) && DECIMAL.test(raw)) return ctx.styles.isDate[style] ? serialDate(n, ctx.date1904) : n;
      // Not a number as Excel writes one ("1,234.50", "NaN", "0x1A", 400 digits): its text, which the check reports as
      // not a number, never a blank that sums as nothing.
      return textValue(raw, ctx, row, col);
    }
    case "s": {
      if (raw === null || raw === "") return null;
      const i = Number(raw);
      const s = ctx.strings[i];
      if (s === undefined) throw new XlsxReadError("bad-reference", MESSAGES.badString(ctx.name, a1(row, col), raw, ctx.strings.length));
      return s;
    }
    case "str":
    case "inlineStr": {
      const s = type === "inlineStr" ? (inline ?? raw) : raw;
      if (s === null) return null;
      return textValue(decodeXstring(s), ctx, row, col);
    }
    case "b":
      if (raw === null || raw === "") return null;
      // Anything but Excel's four spellings stays text, for the check to report: never a silent false.
      return raw === "1" || raw === "true" ? true : raw === "0" || raw === "false" ? false : textValue(raw, ctx, row, col);
    case "e":
      return raw ? { error: raw } : null;
    case "d":
      return raw ? dateText(new Date(raw)) || textValue(raw, ctx, row, col) : null;
    default:
      return raw;
  }
}
