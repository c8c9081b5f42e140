// Snapshot → BudgetWorkbook: recognise the tables by title, columns by header label, rows by code or label.
// Whatever cannot be read becomes a finding at its cell; nothing here throws on bad content.
import Decimal from "decimal.js";
import type { Finding, Severity } from "../findings";
import { decimalFromNumber, fenOfDecimal, fenOfNumber, parseAmount, YUAN_IN_WANYUAN, ZERO } from "../money";
import { a1, type CellValue, type SheetSnapshot, type WorkbookSnapshot } from "../snapshot";
import { boundedMemo, cachedOn } from "../memo";
import { quoteText } from "../quote";
import { normBasic, normLabel, textOf, titleCore } from "./text";
import { keepCodeIndex } from "./code-index";
import { TABLE_SPECS, TITLE_PATTERNS, publishedForm, type ColumnSpec, type FixedRowSpec, type TableSpec } from "./table-specs";
import type {
  Amount,
  BudgetWorkbook,
  CodeRow,
  CodeTable,
  Indicator,
  LabeledRow,
  LabeledTable,
  Loc,
  Note,
  Param,
  ParamsTable,
  ProcurementRow,
  ProcurementTable,
  ProjectTable,
  TableBase,
  TableKey,
  TwoSidedTable,
  Unit,
} from "./types";

const TITLE_SCAN_ROWS = 8;
const HEADER_SCAN_ROWS = 16;
const DEFAULT_DECIMALS = 2;

const SPEC_BY_KEY = new Map<TableKey, TableSpec>(TABLE_SPECS.map((s) => [s.key, s]));

export interface ParseIssue {
  rule: string;
  severity: Severity;
  message: string;
}

/** Reader-level rule ids (listed in the rule registry with the table rules). */
export const READ_RULES = {
  amount: "P-01",
  codeFormat: "P-02",
  duplicateCode: "P-03",
  missingTable: "P-04",
  missingColumn: "P-05",
  unknownRow: "P-06",
  noColumnNumbers: "P-07",
  duplicateTable: "P-08",
  noUnit: "P-09",
  unrecognised: "P-10",
  uncalculated: "P-11",
} as const;

/** A cell location whose A1 address is built only when asked (most cells never appear in a finding). */
class CellLoc implements Loc {
  constructor(
    readonly sheet: string,
    readonly row: number,
    readonly col: number,
  ) {}
  get address(): string {
    return a1(this.row, this.col);
  }
  toJSON(): Loc {
    return { sheet: this.sheet, row: this.row, col: this.col, address: this.address };
  }
}

// CellAmount's bits.
const BLANK = 1;
const READABLE = 2;
const YUAN = 4;
const ABSENT = 8;

/**
 * An amount cell that is also its own location (`loc` is the object itself): one object per cell instead of two, as
 * code tables of 50,000 rows hold a million cells. It reads as an Amount whose loc is a CellLoc.
 */
class CellAmount implements Amount, Loc {
  /** blank, readable, a 元 figure, absent (bits), and the figure's decimals (<< 4): a million cells, one field. */
  private readonly bits: number;
  constructor(
    readonly sheet: string,
    readonly row: number,
    readonly col: number,
    /**
     * The figure as the sheet shows it: the cell's number (its Decimal and 分 are made when asked for: most figures
     * of a large table are only ever summed, in 分), a Decimal read from text, or null for 0 (blank, unreadable).
     */
    private readonly r: number | Decimal | null,
    /** A 元 figure: value = raw × 0.0001. */
    yuan: boolean,
    decimals: number,
    blank: boolean,
    readable: boolean,
    absent = false,
  ) {
    this.bits = (blank ? BLANK : 0) | (readable ? READABLE : 0) | (yuan ? YUAN : 0) | (absent ? ABSENT : 0) | (decimals << 4);
  }
  get blank(): boolean {
    return (this.bits & BLANK) !== 0;
  }
  get readable(): boolean {
    return (this.bits & READABLE) !== 0;
  }
  get absent(): boolean | undefined {
    return (this.bits & ABSENT) !== 0 || undefined;
  }
  get decimals(): number {
    return this.bits >> 4;
  }
  get raw(): Decimal {
    const r = this.r;
    return r === null ? ZERO : typeof r === "number" ? decimalFromNumber(r) : r;
  }
  get value(): Decimal {
    return this.bits & YUAN ? this.raw.mul(YUAN_IN_WANYUAN) : this.raw;
  }
  /** The value in whole 分 (see money.ts), or NaN. */
  get fen(): number {
    const r = this.r;
    if (r === null) return 0;
    if (typeof r === "number") return fenOfNumber(r, this.bits & YUAN ? 100 : 1e6);
    return fenOfDecimal(this.value);
  }
  /** Itself (a getter, so that a copy of the cell's own properties has no cycle); a spread copy must keep loc. */
  get loc(): Loc {
    return this;
  }
  get address(): string {
    return a1(this.row, this.col);
  }
  /** As JSON it is its location, as a CellLoc serialises. */
  toJSON(): Loc {
    return { sheet: this.sheet, row: this.row, col: this.col, address: this.address };
  }
}

/** What RowAmounts knows: each amount column's key, place and label, and how many rows' cells it has made. */
interface RowAmountsState {
  readonly amounts: AmountReader;
  readonly keys: string[];
  readonly at: (number | undefined)[];
  readonly labels: string[];
  /** 分 per unit of the sheet's figures (money.ts fenOfNumber): its numbers are 元 or 万元. */
  readonly perUnit: number;
  made: number;
}

/** What RowAmounts.plain finds in a row's amount cells. */
const NOT_PLAIN = 0;
const PLAIN_BLANK = 1;
const PLAIN_FIGURES = 2;

/**
 * How the rows of one code table read their amount cells. Its one field is not enumerable: the model reads as plain
 * data, as it did before its cells were lazy (a checked model deep-equal to the model as read, JSON without the sheet).
 */
class RowAmounts {
  declare private readonly s: RowAmountsState;
  constructor(amounts: AmountReader, columns: ColumnSpec[], header: Header) {
    const amountCols = columns.filter((c) => c.amount);
    const keys = amountCols.map((c) => c.key);
    const s: RowAmountsState = {
      amounts,
      keys,
      at: amountCols.map((c) => header.cols[c.key]),
      labels: amountCols.map((c) => c.labels[0]),
      perUnit: amounts.base.unit === "元" ? 100 : 1e6,
      made: 0,
    };
    Object.defineProperty(this, "s", { value: s });
  }

  /** The row's amount cells by column key, read (and reported when unreadable) as AmountReader.read reads them. */
  cells(row: number): Record<string, Amount> {
    const s = this.s;
    const { keys, amounts, at, labels } = s;
    const cells: Record<string, Amount> = {};
    for (let i = 0; i < keys.length; i++) cells[keys[i]] = amounts.read(row, at[i], labels[i]);
    s.made++;
    return cells;
  }

  /**
   * PLAIN_FIGURES or PLAIN_BLANK when every amount cell of the row is a number or blank (no formula waiting for its
   * result), some a number or none: reading such a row reports nothing, so its cells can wait until asked for, and its
   * figures are read by fen(). NOT_PLAIN for a row with text, an error or a formula without its result.
   */
  plain(row: number): number {
    const s = this.s;
    const sheet = s.amounts.r.sheet;
    const values = sheet.rows[row];
    let kind = PLAIN_BLANK;
    for (let i = 0; i < s.at.length; i++) {
      const col = s.at[i];
      if (col === undefined) continue;
      const v = values?.[col];
      if (v === null || v === undefined) {
        if (sheet.formulas?.[row]?.[col]) return NOT_PLAIN;
      } else if (typeof v === "number" && Number.isFinite(v)) kind = PLAIN_FIGURES;
      else return NOT_PLAIN;
    }
    return kind;
  }

  /** A plain row's figure in column `key` in whole 分, as its cell's fen; NaN for a key the table has not. */
  fen(row: number, key: string): number {
    const s = this.s;
    // A handful of columns, named by the same strings as keys (the spec's): a scan beats a lookup.
    const i = s.keys.indexOf(key);
    if (i < 0) return NaN;
    const col = s.at[i];
    if (col === undefined) return 0;
    const v = s.amounts.r.sheet.rows[row]?.[col];
    return typeof v === "number" ? fenOfNumber(v, s.perUnit) : 0;
  }
}

/**
 * A code row whose code and name cells become locations only when asked (most rows never appear in a finding), and
 * whose amount cells, when plain (see RowAmounts.plain), are made only when asked: the million cells of a 50,000-row
 * table are mostly only summed, in 分, which fenAt reads from the sheet.
 */
class ReadCodeRow implements CodeRow {
  /** The cells once made: a private field, which copies, JSON and deep comparisons do not see (a checked model equals the model as read). */
  #cells: Record<string, Amount> | undefined;
  constructor(
    readonly code: string,
    readonly name: string,
    readonly level: 0 | 1 | 2 | 3,
    /** The cells as read, for a row that is not plain; undefined for one that is (made when asked for). */
    cells: Record<string, Amount> | undefined,
    private readonly source: RowAmounts,
    private readonly sheet: string,
    private readonly row: number,
    private readonly codeCol: number,
    private readonly nameCol: number,
  ) {
    this.#cells = cells;
  }
  get cells(): Record<string, Amount> {
    return (this.#cells ??= this.source.cells(this.row));
  }
  fenAt(key: string): number {
    const cells = this.#cells;
    if (cells === undefined) return this.source.fen(this.row, key);
    const a = cells[key];
    return a ? (a.fen ?? NaN) : NaN;
  }
  get codeLoc(): Loc {
    return new CellLoc(this.sheet, this.row, this.codeCol);
  }
  get nameLoc(): Loc {
    return new CellLoc(this.sheet, this.row, this.nameCol);
  }
  /** As JSON, the row as plain data: its cells, not the sheet they are read from. */
  toJSON(): object {
    const { code, name, level, cells, sheet, row, codeCol, nameCol } = this;
    return { code, name, level, cells, sheet, row, codeCol, nameCol };
  }
}

class SheetReader {
  constructor(
    readonly sheet: SheetSnapshot,
    readonly findings: Finding[],
    readonly table: string,
  ) {}

  get name(): string {
    return this.sheet.name;
  }

  get rowCount(): number {
    return this.sheet.rows.length;
  }

  width(row: number): number {
    return this.sheet.rows[row]?.length ?? 0;
  }

  value(row: number, col: number): CellValue {
    const v = this.sheet.rows[row]?.[col];
    return v === undefined ? null : v;
  }

  text(row: number, col: number): string {
    return textOf(this.value(row, col));
  }

  loc(row: number, col: number): Loc {
    return new CellLoc(this.sheet.name, row, col);
  }

  report(rule: string, severity: Severity, loc: Loc | null, message: string): void {
    this.findings.push({
      rule,
      severity,
      sheet: this.sheet.name,
      cell: loc?.address ?? "",
      table: this.table,
      related: [],
      message,
    });
  }

  /** First non-empty text of a row, with its column. */
  firstText(row: number): { text: string; col: number } | null {
    const w = this.width(row);
    for (let c = 0; c < w; c++) {
      const t = this.text(row, c);
      if (t) return { text: t, col: c };
    }
    return null;
  }

  isNoteRow(row: number): boolean {
    // As firstText(row) starting with 注: or 注：, without making text of the figures of every data row.
    const cells = this.sheet.rows[row];
    if (!cells) return false;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (typeof v !== "string") {
        if (v === null || v === undefined || textOf(v) === "") continue;
        return false; // a figure, a date, TRUE: no note
      }
      const t = v.trim();
      if (t) return t.charCodeAt(0) === 0x6ce8 /* 注 */ && /^注[:：]/.test(t.replace(/\s/g, ""));
    }
    return false;
  }

  isBlankRow(row: number): boolean {
    // As firstText(row) === null, without making text of every figure.
    const cells = this.sheet.rows[row];
    if (!cells) return true;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (v === null || v === undefined) continue;
      if (typeof v === "string") {
        if (v.trim() !== "") return false;
      } else if (typeof v === "number" || typeof v === "boolean") return false;
    }
    return true;
  }
}

interface TableFrame {
  spec: TableSpec;
  title: string;
  titleLoc: Loc;
}

/** Find the table title in the first rows of a sheet. */
function locateTitle(r: SheetReader): TableFrame | null {
  const rows = Math.min(r.rowCount, TITLE_SCAN_ROWS);
  for (let row = 0; row < rows; row++) {
    const w = Math.min(r.width(row), 30);
    for (let col = 0; col < w; col++) {
      const v = r.value(row, col);
      if (typeof v !== "string") continue;
      const t = v.trim();
      if (!t || t.length > 60) continue;
      const spec = matchTitle(t);
      if (spec) return { spec, title: t, titleLoc: r.loc(row, col) };
    }
  }
  if (normBasic(r.name) === "说明参数") {
    const spec = TABLE_SPECS.find((s) => s.key === "PARAMS")!;
    return { spec, title: "说明参数", titleLoc: r.loc(0, 0) };
  }
  return null;
}

/** A table's title further down an unrecognised sheet than titles are looked for (rows pasted above it): where it is. */
function lowTitle(unread: SheetReader[], spec: TableSpec): Loc | null {
  for (const r of unread) {
    const rows = Math.min(r.rowCount, 100);
    for (let row = TITLE_SCAN_ROWS; row < rows; row++) {
      const w = Math.min(r.width(row), 30);
      for (let col = 0; col < w; col++) {
        const v = r.value(row, col);
        if (typeof v === "string" && v.trim() && v.trim().length <= 60 && matchTitle(v.trim())?.key === spec.key) return r.loc(row, col);
      }
    }
  }
  return null;
}

/** What an unrecognised sheet shows as its title: the first text that reads like one, else its first text. */
function apparentTitle(r: SheetReader): { title: string; loc: Loc } | null {
  let first: { title: string; loc: Loc } | null = null;
  const rows = Math.min(r.rowCount, TITLE_SCAN_ROWS);
  for (let row = 0; row < rows; row++) {
    const w = Math.min(r.width(row), 30);
    for (let col = 0; col < w; col++) {
      const t = r.text(row, col);
      if (!t) continue;
      const found = { title: t.length > 60 ? `${t.slice(0, 60)}…` : t, loc: r.loc(row, col) };
      if (t.length <= 60 && /表$/.test(normBasic(t))) return found;
      first ??= found;
    }
  }
  return first;
}

export const matchTitle = boundedMemo(matchTitleUncached, 5000);

function matchTitleUncached(text: string): TableSpec | null {
  const core = titleCore(text);
  if (!core || !/(表|预算|参数)$/.test(core)) return null;
  for (const p of TITLE_PATTERNS) {
    if (p.all.every((re) => re.test(core)) && !(p.none ?? []).some((re) => re.test(core))) return SPEC_BY_KEY.get(p.key)!;
  }
  return null;
}

interface Meta {
  unit?: Unit;
  unitLoc?: Loc;
  year?: string;
  yearLoc?: Loc;
  deptCode?: string;
  deptName?: string;
  deptLoc?: Loc;
}

const UNIT_RE = /单位[:：]\s*(万元|元)/;
const DEPT_LABEL = /^(?:单位名称|编制部门|编制单位|预算主管部门|主管部门|部门名称)[:：](.+)$/;

/** Department, year and unit lines between the title and the header. */
function readMeta(r: SheetReader, fromRow: number, toRow: number): Meta {
  const m: Meta = {};
  for (let row = fromRow; row < toRow; row++) {
    const w = r.width(row);
    for (let col = 0; col < w; col++) {
      const t = r.text(row, col);
      if (!t) continue;
      const compact = t.replace(/[\s\u3000]/g, "");
      const u = UNIT_RE.exec(compact);
      if (u && !m.unit) {
        m.unit = u[1] as Unit;
        m.unitLoc = r.loc(row, col);
      }
      const y = /预算年度[:：]?(\d{4})?/.exec(compact);
      if (y && !m.year) {
        if (y[1]) {
          m.year = y[1];
          m.yearLoc = r.loc(row, col);
        } else {
          // "预算年度：" and "2024" in separate cells (right or below)
          for (const [rr, cc] of [
            [row, col + 1],
            [row, col + 2],
            [row + 1, col],
          ]) {
            const n = r.text(rr, cc);
            if (/^\d{4}$/.test(n)) {
              m.year = n;
              m.yearLoc = r.loc(rr, cc);
              break;
            }
          }
        }
      }
      if (!m.deptName) {
        const named = DEPT_LABEL.exec(compact);
        const body = named ? t.replace(/^.*?(?:单位名称|编制部门|编制单位|预算主管部门|主管部门|部门名称)\s*[:：]\s*/, "") : t;
        // "428 平乡县行政审批局", or the code glued to the name: "920平山县下口镇财政所"
        const d = /^(\d{2,})\s*([^\d\s年月日号].{2,})$/.exec(body.trim());
        if (d && !/预算年度|单位[:：]/.test(body)) {
          m.deptCode = d[1];
          m.deptName = d[2].trim();
          m.deptLoc = r.loc(row, col);
        } else if (named) {
          m.deptName = body.trim();
          m.deptLoc = r.loc(row, col);
        }
      }
    }
  }
  return m;
}

interface Header {
  /** Column index per column key. */
  cols: Record<string, number>;
  headerRows: number[];
  /** Last header row (the 栏次 row when there is one); data starts after it. */
  endRow: number;
  hasColumnNumbers: boolean;
}

function isColumnNumbersRow(r: SheetReader, row: number): boolean {
  const w = Math.min(r.width(row), 40);
  for (let c = 0; c < w; c++) {
    const v = r.value(row, c);
    if (typeof v !== "string" || !(v.includes("栏") || v.includes("档"))) continue;
    const t = normBasic(v);
    if (t === "栏次" || t === "档次") return true;
  }
  return false;
}

// Spec labels normalised once: header matching runs for every header cell of every sheet.
const NORM_LABELS = Symbol("normLabels");

function normSpec(spec: ColumnSpec): { labels: string[]; group: string | null } {
  return cachedOn(spec, NORM_LABELS, (s) => ({ labels: s.labels.map(normBasic), group: s.group ? normBasic(s.group) : null }));
}

function labelMatches(spec: ColumnSpec, label: string, normalised = false): boolean {
  const n = normalised ? label : normBasic(label);
  if (!n) return false;
  for (const k of normSpec(spec).labels) {
    if (spec.match === "prefix" ? n.startsWith(k) : spec.match === "suffix" ? n.endsWith(k) : n === k) return true;
  }
  return false;
}

/** Every header word of a table (labels and groups), for a quick "is this a header row" test. */
const HEADER_WORDS = Symbol("headerWords");

/** Header words every table may show without naming a column. */
const GENERIC_HEADER_WORDS = ["序号", "项目"];

/** The standard columns and those of other layouts (variants), in matching order. */
export function allColumns(spec: TableSpec): ColumnSpec[] {
  return spec.variantColumns ? [...spec.columns, ...spec.variantColumns] : spec.columns;
}

function headerWords(spec: TableSpec): { exact: Set<string>; loose: ColumnSpec[] } {
  return cachedOn(spec, HEADER_WORDS, makeHeaderWords);
}

function makeHeaderWords(spec: TableSpec): { exact: Set<string>; loose: ColumnSpec[] } {
  const h = { exact: new Set([...GENERIC_HEADER_WORDS, ...(spec.headerWords ?? [])].map(normBasic)), loose: [] as ColumnSpec[] };
  for (const cs of allColumns(spec)) {
    const n = normSpec(cs);
    if (n.group) h.exact.add(n.group);
    if (cs.match === "prefix" || cs.match === "suffix") h.loose.push(cs);
    else for (const l of n.labels) h.exact.add(l);
  }
  return h;
}

function rowHasLabels(r: SheetReader, row: number, spec: TableSpec): number {
  let n = 0;
  const words = headerWords(spec);
  const w = Math.min(r.width(row), 60);
  for (let c = 0; c < w; c++) {
    // Header words are text: a figure's digits are none of them (and each would be a new string to normalise).
    if (typeof r.value(row, c) !== "string") continue;
    const t = r.text(row, c);
    if (!t || t.length > 40) continue;
    const nt = normBasic(t);
    if (words.exact.has(nt)) n++;
    else for (const cs of words.loose) if (labelMatches(cs, nt, true)) {
      n++;
      break;
    }
  }
  return n;
}

function findHeader(r: SheetReader, spec: TableSpec, titleRow: number): Header | null {
  const last = Math.min(r.rowCount, titleRow + 1 + HEADER_SCAN_ROWS);
  let numbersRow = -1;
  for (let row = titleRow + 1; row < last; row++) {
    if (isColumnNumbersRow(r, row)) {
      numbersRow = row;
      break;
    }
  }
  let headerRows: number[] = [];
  let endRow: number;
  if (numbersRow >= 0) {
    for (let row = titleRow + 1; row < numbersRow; row++) if (rowHasLabels(r, row, spec) > 0) headerRows.push(row);
    endRow = numbersRow;
  } else {
    // No 栏次 row: the header is the first row with two header words and the rows under it up to the first
    // data row (a code, a figure, or a row label of the table), as many as the layout has (up to five).
    let first = -1;
    for (let row = titleRow + 1; row < last; row++) {
      if (rowHasLabels(r, row, spec) >= 2 && !isDataRow(r, row, spec)) {
        first = row;
        break;
      }
    }
    if (first < 0) return null;
    headerRows = [first];
    for (let row = first + 1; row < last && headerRows.length < 5; row++) {
      if (isDataRow(r, row, spec) || rowHasLabels(r, row, spec) === 0) break;
      headerRows.push(row);
    }
    endRow = headerRows[headerRows.length - 1];
  }
  if (headerRows.length === 0) return null;
  return { cols: resolveColumns(r, spec, headerRows), headerRows, endRow, hasColumnNumbers: numbersRow >= 0 };
}

/** Fixed-row labels of a table: a row whose label is one of them is data, not header. */
const ROW_LABELS = Symbol("rowLabels");

function rowLabelSet(spec: TableSpec): Set<string> {
  return cachedOn(spec, ROW_LABELS, (s) => {
    const set = new Set(["合计", "总计"]);
    for (const list of [s.rows, s.incomeRows, s.expenseRows, s.variantIncomeRows, s.variantExpenseRows]) for (const f of list ?? []) for (const l of f.labels) set.add(normLabel(l));
    return set;
  });
}

/** A row below the header: it holds a figure or a code, or its label is one of the table's row labels. */
function isDataRow(r: SheetReader, row: number, spec: TableSpec): boolean {
  if (isColumnNumbersRow(r, row)) return false;
  const w = Math.min(r.width(row), 60);
  let firstText = "";
  for (let c = 0; c < w; c++) {
    const v = r.value(row, c);
    if (typeof v === "number") return true;
    if (typeof v === "string" && !firstText) firstText = v.trim();
  }
  if (!firstText) return false;
  if (/^\d+$/.test(firstText) || /^注[:：]/.test(firstText)) return true;
  return rowHasLabels(r, row, spec) < 2 && rowLabelSet(spec).has(normLabel(firstText));
}

/** Map column specs to sheet columns by the bottom-most header label of each column and its group above. */
function resolveColumns(r: SheetReader, spec: TableSpec, headerRows: number[]): Record<string, number> {
  const width = Math.max(...headerRows.map((h) => r.width(h)));
  const labels: { col: number; label: string; group: string }[] = [];
  for (let col = 0; col < width; col++) {
    let labelRowIdx = -1;
    for (let i = headerRows.length - 1; i >= 0; i--) {
      if (r.text(headerRows[i], col)) {
        labelRowIdx = i;
        break;
      }
    }
    if (labelRowIdx < 0) continue;
    let group = "";
    for (let i = labelRowIdx - 1; i >= 0 && !group; i--) {
      for (let c = col; c >= 0; c--) {
        const t = r.text(headerRows[i], c);
        if (t) {
          group = t;
          break;
        }
      }
    }
    labels.push({ col, label: r.text(headerRows[labelRowIdx], col), group });
  }
  const used = new Set<number>();
  const cols: Record<string, number> = {};
  // Two-sided tables: the expenditure side starts at the second 项目 column.
  const itemCols = labels.filter((l) => normBasic(l.label) === "项目").map((l) => l.col);
  const sideStart = itemCols.length > 1 ? itemCols[1] : Infinity;
  for (const cs of allColumns(spec)) {
    let cands = labels.filter((l) => !used.has(l.col) && labelMatches(cs, l.label));
    if (cs.group === "收入" || cs.group === "支出") {
      const byGroup = cands.filter((l) => normBasic(l.group).includes(cs.group!));
      if (byGroup.length) cands = byGroup;
      else cands = cands.filter((l) => (cs.group === "收入" ? l.col < sideStart : l.col >= sideStart));
    }
    if (cands.length) {
      cols[cs.key] = cands[0].col;
      used.add(cands[0].col);
    }
  }
  return cols;
}

/** What every recognised table shares (title, unit, department line, header); see TableBase. */
type Base = TableBase;

/** Amount reader bound to one table: unit conversion to 万元 and a finding for unreadable cells. */
class AmountReader {
  /** Decimals in 万元 terms of a figure showing d decimals in the sheet's unit. */
  private readonly shift: number;
  private lastFormat: string | null = null;
  private lastDecimals: number | undefined;
  constructor(
    readonly r: SheetReader,
    readonly base: Base,
  ) {
    this.shift = base.unit === "元" ? 4 : 0;
  }

  /**
   * The precision of one figure: what the cell shows. Its number format when it has one ("#,##0" → 0), the
   * digits of a text amount ("4335.3" → 1), else the table's (see tableDecimals).
   */
  private shown(row: number, col: number, v: CellValue): number {
    if (typeof v === "string") {
      const m = /[.．]([0-9０-９]+)\s*$/.exec(v.trim());
      return m ? m[1].length : 0;
    }
    const f = this.r.sheet.numberFormats?.[row]?.[col];
    if (!f) return this.base.sheetDecimals;
    // A table's figures share a format or two: remember the last one instead of a lookup per cell.
    if (f !== this.lastFormat) {
      this.lastFormat = f;
      this.lastDecimals = formatDecimals(f);
    }
    return this.lastDecimals ?? this.base.sheetDecimals;
  }

  read(row: number, col: number | undefined, what: string, money = true): Amount {
    const shift = money ? this.shift : 0;
    let decimals = this.base.sheetDecimals + shift;
    const sheet = this.r.name;
    if (col === undefined) {
      return new CellAmount(sheet, row, -1, null, false, decimals, true, true, true);
    }
    const v = this.r.value(row, col);
    // Fast paths: blank and plain numbers are most cells; text and errors go through parseAmount.
    let raw: Decimal | number | null;
    let blank = false;
    const yuan = money && this.base.unit === "元";
    if (v === null) {
      const f = this.r.sheet.formulas?.[row]?.[col];
      if (f) {
        // A formula saved without its result (by a tool that does not calculate) is not a zero.
        const loc = new CellAmount(sheet, row, col, null, false, decimals, true, false);
        this.r.report(READ_RULES.uncalculated, "error", loc, `${this.base.title} ${loc.address}：公式未计算（公式 ${quoteText(f)} 没有保存计算结果），无法读取该金额，依赖它的核对已跳过。请在 Excel 或 WPS 中打开文件，重新计算（F9）并保存后再检查。`);
        return loc;
      }
      raw = null;
      blank = true;
    } else if (typeof v === "number" && Number.isFinite(v)) {
      raw = v;
    } else {
      const p = parseAmount(v);
      if (!p.ok) {
        const loc = new CellAmount(sheet, row, col, null, false, decimals, true, false);
        this.r.report(READ_RULES.amount, "error", loc, `${this.base.title} ${loc.address}：${what ? `“${quoteText(what)}”` : ""}${p.reason}，无法作为金额读取，依赖它的合计未核对、不会自动填充。请改为数字或留空。`);
        return loc;
      }
      raw = p.blank ? null : p.value;
      blank = p.blank;
    }
    if (!blank) decimals = this.shown(row, col, v) + shift;
    return new CellAmount(sheet, row, col, raw, yuan && !blank, decimals, blank, true);
  }
}

/** Decimals a number format shows ("0.00" → 2, "#,##0" → 0); undefined for General and text formats. */
export const formatDecimals = boundedMemo((format: string): number | undefined => {
  const section = format.split(";")[0].replace(/"[^"]*"|\\.|\[[^\]]*\]/g, "");
  if (!/[0#?]/.test(section)) return undefined;
  const m = /\.([0#?]+)/.exec(section);
  return m ? m[1].length : 0;
}, 500);

/**
 * Decimals of a table's figures that carry no format of their own: 2 for 万元; for 元, 0 when every figure
 * is a whole number (元 printed without 分, as Shanghai's tables), else 2.
 */
function tableDecimals(r: SheetReader, unit: Unit, fromRow: number): number {
  if (unit !== "元") return DEFAULT_DECIMALS;
  for (let row = fromRow; row < r.rowCount; row++) {
    const cells = r.sheet.rows[row];
    if (!cells) continue;
    for (let c = 0; c < cells.length; c++) {
      const v = cells[c];
      if (typeof v === "number" && !Number.isInteger(v)) return DEFAULT_DECIMALS;
      if (typeof v === "string" && /\d[.．]\d/.test(v)) return DEFAULT_DECIMALS;
    }
  }
  return 0;
}

function readNotes(r: SheetReader, from: number): { notes: Note[]; dataEnd: number } {
  const notes: Note[] = [];
  let dataEnd = r.rowCount;
  for (let row = from; row < r.rowCount; row++) {
    if (r.isNoteRow(row)) {
      const f = r.firstText(row)!;
      notes.push({ text: f.text, loc: r.loc(row, f.col) });
      if (dataEnd === r.rowCount) dataEnd = row;
    }
  }
  return { notes, dataEnd };
}

function makeBase(r: SheetReader, frame: TableFrame, header: Header | null, meta: Meta): Base {
  const unit: Unit = meta.unit ?? "万元";
  const columns: Record<string, Loc> = {};
  if (header) for (const [k, c] of Object.entries(header.cols)) columns[k] = r.loc(header.headerRows[header.headerRows.length - 1], c);
  return {
    key: frame.spec.key,
    no: frame.spec.no,
    title: frame.title,
    sheet: r.name,
    unit,
    scale: unit === "元" ? YUAN_IN_WANYUAN : new Decimal(1),
    sheetDecimals: tableDecimals(r, unit, (header?.endRow ?? frame.titleLoc.row) + 1),
    titleLoc: frame.titleLoc,
    deptCode: meta.deptCode,
    deptName: meta.deptName,
    deptLoc: meta.deptLoc,
    year: meta.year,
    yearLoc: meta.yearLoc,
    unitLoc: meta.unitLoc,
    columns,
    headerEndRow: header?.endRow ?? frame.titleLoc.row,
    notes: [],
  };
}

/** P-05 for each required column the header lacks (spec.requiredColumns); the others may be absent. */
function checkColumns(r: SheetReader, spec: TableSpec, header: Header): void {
  for (const key of spec.requiredColumns) {
    if (header.cols[key] === undefined && !(key === "code" && header.cols.codeClass !== undefined)) {
      const cs = spec.columns.find((c) => c.key === key)!;
      r.report(READ_RULES.missingColumn, "error", r.loc(header.headerRows[0], 0), `${r.table}：表头中找不到“${cs.labels[0]}”列，该列的数据无法读取。请检查表头文字。`);
    }
  }
}

const CODE_SPACE = /[\s\u3000]/;

function codeText(v: CellValue): string {
  if (typeof v === "number") return String(v);
  const t = textOf(v);
  return CODE_SPACE.test(t) ? t.replace(/[\s\u3000]/g, "") : t;
}

const TOTAL_WORDS = new Set(["合计", "总计"]);

/** 合计 or 总计 however spaced; only text with 计 in it is normalised. */
function isTotalWord(t: string): boolean {
  return t.includes("计") && TOTAL_WORDS.has(normBasic(t));
}

/**
 * The code of a row, from one code column or joined from 类 | 款 | 项 columns. A 款 or 项 that lost its leading
 * zero (2 for 02) is padded; a 类 that is not 3 digits is kept as is so that the row is reported. `shown` is the
 * code as the sheet shows it ("7 | 11 | 02").
 */
function rowCode(r: SheetReader, header: Header, row: number): { code: string; shown: string } {
  if (header.cols.code !== undefined) {
    const code = codeText(r.value(row, header.cols.code));
    return { code, shown: code };
  }
  if (header.cols.codeClass === undefined) return { code: "", shown: "" };
  const parts = [header.cols.codeClass, header.cols.codeKuan, header.cols.codeXiang].map((c) => (c === undefined ? "" : codeText(r.value(row, c))));
  const shown = parts.filter(Boolean).join(" | ");
  if (!parts[0]) return { code: "", shown };
  if (!parts.every((p) => /^\d*$/.test(p))) return { code: parts.join(""), shown };
  const [cls, kuan, xiang] = parts;
  if (cls.length !== 3 || kuan.length > 2 || xiang.length > 2 || (xiang && !kuan)) return { code: shown, shown };
  const pad = (p: string) => (p.length === 1 ? `0${p}` : p);
  if (!kuan) return { code: cls, shown };
  return { code: cls + pad(kuan) + (xiang ? pad(xiang) : ""), shown };
}

function readCodeTable(r: SheetReader, frame: TableFrame, header: Header, meta: Meta): CodeTable {
  const spec = frame.spec;
  const base = makeBase(r, frame, header, meta);
  checkColumns(r, spec, header);
  const { notes, dataEnd } = readNotes(r, header.endRow + 1);
  base.notes = notes;
  // `total` from the start, set or not: one shape for every code table, so the rules' loops over tables see one.
  const table: CodeTable = { ...base, kind: "code", total: undefined, rows: [] };
  const rows = new CodeRowReader(r, spec, header, base, table);
  // The loop only calls: the row's work is a method that stays optimised from one table to the next (a loop that does
  // the work itself is compiled anew for each table, and run slowly until it is).
  for (let row = header.endRow + 1; row < dataEnd; row++) rows.read(row);
  keepCodeIndex(table, rows.seen);
  return table;
}

/** Reads the rows of one code table into it, one row a call. */
class CodeRowReader {
  private readonly amounts: RowAmounts;
  private readonly economic: boolean;
  private readonly codeCol: number | undefined;
  private readonly nameCol: number | undefined;
  readonly seen = new Map<string, CodeRow>();
  /** The greatest code read so far: a code above it cannot be in `seen`. */
  private maxCode = "";

  constructor(
    private readonly r: SheetReader,
    private readonly spec: TableSpec,
    private readonly header: Header,
    private readonly base: Base,
    private readonly table: CodeTable,
  ) {
    // Per amount column: its key, its column in the sheet, its label (looked up once, not for each of 50,000 rows).
    this.amounts = new RowAmounts(new AmountReader(r, base), spec.columns, header);
    this.economic = spec.key === "T6";
    this.codeCol = header.cols.code ?? header.cols.codeClass;
    this.nameCol = header.cols.name;
  }

  read(row: number): void {
    const { r, spec, header, base, table, amounts, codeCol, nameCol } = this;
    if (r.isBlankRow(row) || isColumnNumbersRow(r, row)) return;
    const { code, shown } = rowCode(r, header, row);
    const name = nameCol === undefined ? "" : r.text(row, nameCol);
    if (code && !/^\d+$/.test(code) && allColumns(spec).some((c) => (c.key === "code" || c.key === "codeClass") && labelMatches(c, code))) return; // repeated header
    // Cells made now only where reading them may report something (text, errors, formulas without results).
    const kind = amounts.plain(row);
    let cells: Record<string, Amount> | undefined;
    let noAmounts = kind === PLAIN_BLANK;
    if (kind === NOT_PLAIN) {
      cells = amounts.cells(row);
      noAmounts = true;
      for (const k in cells) if (!cells[k].blank) noAmounts = false;
    }
    // 合计 wherever it sits: first, last, in the name or the code column, written 合   计.
    if (isTotalWord(name) || isTotalWord(shown)) {
      if (!table.total) table.total = new ReadCodeRow("", name || shown, 0, cells, amounts, r.name, row, codeCol ?? 0, nameCol ?? 0);
      return;
    }
    if (!code) {
      if (noAmounts) return;
      const codeLoc = r.loc(row, codeCol ?? 0);
      r.report(READ_RULES.codeFormat, "error", codeLoc, `${r.table} ${codeLoc.address}：第 ${row + 1} 行有金额但没有科目编码，无法归入类、款、项。请补上科目编码。`);
      return;
    }
    if (noAmounts && !/\d/.test(shown)) {
      // A lone 无, 此表为空 …: the empty table's statement, not a row.
      base.notes.push({ text: [shown, name].filter(Boolean).join(" "), loc: r.loc(row, codeCol ?? 0) });
      return;
    }
    const economic = this.economic;
    if (!/^\d+$/.test(code) || !(code.length === 3 || code.length === 5 || (!economic && code.length === 7))) {
      const codeLoc = r.loc(row, codeCol ?? 0);
      const want = economic ? "3 位（类）或 5 位（款）" : "3 位（类）、5 位（款）或 7 位（项）";
      r.report(READ_RULES.codeFormat, "error", codeLoc, `${r.table} ${codeLoc.address}：科目编码“${shown}”${shown === code ? "" : `（即 ${code}）`}不是${want}数字，该行未参与计算。`);
      return;
    }
    const level = (code.length === 3 ? 1 : code.length === 5 ? 2 : 3) as 1 | 2 | 3;
    const rowObj = new ReadCodeRow(code, name, level, cells, amounts, r.name, row, codeCol ?? 0, nameCol ?? 0);
    // A code above every code so far cannot repeat one (tables list them in ascending order: 类, its 款, their 项).
    let prev: CodeRow | undefined;
    if (code > this.maxCode) this.maxCode = code;
    else prev = this.seen.get(code);
    if (prev) {
      const codeLoc = rowObj.codeLoc;
      r.report(READ_RULES.duplicateCode, "error", codeLoc, `${r.table} ${codeLoc.address}：科目编码 ${code} 重复出现（第一次在 ${prev.codeLoc.address}），重复的行未参与计算。请合并为一行。`);
      return;
    }
    this.seen.set(code, rowObj);
    table.rows.push(rowObj);
  }
}

/** Normalised label → row spec, per list of fixed rows (first spec wins, as in the list's order). */
const FIXED_INDEX = Symbol("fixedIndex");

function matchFixedRow(rows: readonly FixedRowSpec[], label: string): FixedRowSpec | undefined {
  const n = normLabel(label);
  if (!n) return undefined;
  return cachedOn(rows, FIXED_INDEX, fixedIndex).get(n);
}

function fixedIndex(rows: readonly FixedRowSpec[]): Map<string, FixedRowSpec> {
  const index = new Map<string, FixedRowSpec>();
  for (const s of rows) for (const l of s.labels) if (!index.has(normLabel(l))) index.set(normLabel(l), s);
  return index;
}

/** A 收支总表's income and expense rows as read: one list per spec (the label index is made once for each). */
const TWO_SIDED_ROWS = Symbol("twoSidedRows");

function twoSidedRows(spec: TableSpec): { income: readonly FixedRowSpec[]; expense: readonly FixedRowSpec[] } {
  return cachedOn(spec, TWO_SIDED_ROWS, (s) => ({
    income: [...s.incomeRows!.filter((r) => !r.key.startsWith("carry") || r.key === "carry"), ...(s.variantIncomeRows ?? [])],
    expense: [...s.expenseRows!, ...(s.variantExpenseRows ?? [])],
  }));
}

function readTwoSided(r: SheetReader, frame: TableFrame, header: Header, meta: Meta): TwoSidedTable {
  const spec = frame.spec;
  const base = makeBase(r, frame, header, meta);
  const amounts = new AmountReader(r, base);
  // Standard amount columns always (absent ones read as absent cells); variant ones only where the layout has them.
  const amountCols = [...spec.columns.filter((c) => c.amount), ...(spec.variantColumns ?? []).filter((c) => c.amount && header.cols[c.key] !== undefined)];
  const inAmountCols = amountCols.filter((c) => c.key.startsWith("in"));
  const exAmountCols = amountCols.filter((c) => c.key.startsWith("ex"));
  checkColumns(r, spec, header);
  const { notes, dataEnd } = readNotes(r, header.endRow + 1);
  base.notes = notes;
  const table: TwoSidedTable = { ...base, kind: "two-sided", income: {}, expense: {} };
  const carrySubKeys: Record<string, string> = { gp: "carryGp", fund: "carryFund", soe: "carrySoe" };
  const { income: incomeRows, expense: expenseRows } = twoSidedRows(spec);
  let afterCarry = false;
  for (let row = header.endRow + 1; row < dataEnd; row++) {
    if (r.isBlankRow(row) || isColumnNumbersRow(r, row)) continue;
    const inLabel = header.cols.inLabel === undefined ? "" : r.text(row, header.cols.inLabel);
    const exLabel = header.cols.exLabel === undefined ? "" : r.text(row, header.cols.exLabel);
    if (normBasic(inLabel) === "项目" && normBasic(exLabel) === "项目") continue; // repeated header
    if (inLabel) {
      let s = matchFixedRow(incomeRows, inLabel);
      if (s && afterCarry && carrySubKeys[s.key] && spec.key === "T4") s = spec.incomeRows!.find((x) => x.key === carrySubKeys[s!.key]);
      if (s?.key === "carry") afterCarry = true;
      if (s?.key === "grand") afterCarry = false;
      const cells: Record<string, Amount> = {};
      for (const cs of inAmountCols) cells[cs.key] = amounts.read(row, header.cols[cs.key], inLabel);
      if (s && !table.income[s.key]) table.income[s.key] = { key: s.key, label: inLabel, labelLoc: r.loc(row, header.cols.inLabel!), cells };
      else if (!s) unknownRow(r, spec, row, header.cols.inLabel!, inLabel, cells);
    }
    if (exLabel) {
      const s = matchFixedRow(expenseRows, exLabel);
      const cells: Record<string, Amount> = {};
      for (const cs of exAmountCols) cells[cs.key] = amounts.read(row, header.cols[cs.key], exLabel);
      if (s && !table.expense[s.key]) table.expense[s.key] = { key: s.key, label: exLabel, labelLoc: r.loc(row, header.cols.exLabel!), cells };
      else if (!s) unknownRow(r, spec, row, header.cols.exLabel!, exLabel, cells);
    }
  }
  // Layouts without 本年收入合计 and 上年结转 rows (Shanghai) state the year's total only as 收入总计: the same figure.
  for (const side of [table.income, table.expense]) {
    if (!side.total && side.grand && !Object.keys(side).some((k) => k.startsWith("carry"))) side.total = side.grand;
  }
  if (spec.key === "T1") deriveSeedRows(table, base);
  return table;
}

/** 单位资金 items of other schemes: together they are the seed's 五、单位资金. */
const UNIT_FUND_ITEMS = ["business", "operating", "superior", "affiliated", "other", "reserve"];

/**
 * A scheme that lists 财政拨款 and the 单位资金 items one by one (Shanghai) implies the seed's rows it does not print:
 * 单位资金 is the sum of its items; 财政专户 and 上年结转 are zero. Only when the listed sources add up to the year's
 * total exactly (the scheme is then complete); else those rows stay absent. The derived rows are never written.
 */
function deriveSeedRows(t: TwoSidedTable, base: Base): void {
  const inc = t.income;
  const items = UNIT_FUND_ITEMS.map((k) => inc[k]).filter(Boolean);
  if (inc.unitFunds || items.length === 0 || !inc.total) return;
  const parts = ["gp", "fund", "soe"].some((k) => inc[k]) ? ["gp", "fund", "soe", "special"].map((k) => inc[k]) : [inc.fiscal, inc.special];
  const sources = [...parts, ...items].filter(Boolean);
  const sum = (rows: LabeledRow[]) => rows.reduce((s, r) => s.plus(r.cells.inAmount?.value ?? ZERO), ZERO);
  if (!sum(sources).eq(inc.total.cells.inAmount?.value ?? ZERO)) return;
  const derived = (key: string, label: string, rows: LabeledRow[]): LabeledRow => {
    const value = sum(rows);
    const raw = rows.reduce((s, r) => s.plus(r.cells.inAmount?.raw ?? ZERO), ZERO);
    const decimals = Math.max(base.sheetDecimals + (base.unit === "元" ? 4 : 0), ...rows.map((r) => r.cells.inAmount?.decimals ?? 0));
    const loc = { sheet: t.sheet, row: -1, col: -1, address: "" };
    return { key, label, labelLoc: loc, derived: true, cells: { inAmount: { value, raw, decimals, blank: value.isZero(), readable: true, loc } } };
  };
  inc.unitFunds = derived("unitFunds", "单位资金", items);
  inc.special ??= derived("special", "财政专户管理资金收入", []);
  if (inc.total === inc.grand) inc.carry ??= derived("carry", "上年结转结余", []);
}

function unknownRow(r: SheetReader, spec: TableSpec, row: number, col: number, label: string, cells: Record<string, Amount>): void {
  if (Object.values(cells).every((a) => a.blank)) return;
  const loc = r.loc(row, col);
  r.report(READ_RULES.unknownRow, "warning", loc, `${r.table} ${loc.address}：行“${label}”不是本表的标准行，其金额未参与校验。请使用标准行名称。`);
}

function readLabeled(r: SheetReader, frame: TableFrame, header: Header, meta: Meta): LabeledTable {
  const spec = frame.spec;
  const base = makeBase(r, frame, header, meta);
  const amounts = new AmountReader(r, base);
  const amountCols = spec.columns.filter((c) => c.amount);
  checkColumns(r, spec, header);
  const { notes, dataEnd } = readNotes(r, header.endRow + 1);
  base.notes = notes;
  const table: LabeledTable = { ...base, kind: "labeled", rows: {} };
  for (let row = header.endRow + 1; row < dataEnd; row++) {
    if (r.isBlankRow(row) || isColumnNumbersRow(r, row)) continue;
    if (header.cols.label === undefined) break;
    const label = r.text(row, header.cols.label);
    if (!label || normBasic(label).replace(/^项目/, "") === "") continue;
    const cells: Record<string, Amount> = {};
    for (const cs of amountCols) cells[cs.key] = amounts.read(row, header.cols[cs.key], label, cs.key !== "quantity");
    const s = matchFixedRow(spec.rows!, label);
    if (s && !table.rows[s.key]) table.rows[s.key] = { key: s.key, label, labelLoc: r.loc(row, header.cols.label), cells };
    else if (!s) unknownRow(r, spec, row, header.cols.label, label, cells);
  }
  return table;
}

/** Which 三公 figure a header names (the bottom label of its column, `above` the group labels over it). */
const SAN_GONG_COLUMNS: { key: string; test: (label: string, above: string) => boolean }[] = [
  { key: "running", test: (l) => l.includes("机关运行经费") },
  { key: "meeting", test: (l) => l.includes("会议费") },
  { key: "training", test: (l) => l.includes("培训费") },
  { key: "abroad", test: (l) => l.includes("因公出国") },
  { key: "reception", test: (l) => l.includes("公务接待") },
  { key: "carBuy", test: (l) => l.includes("购置") && !l.includes("运行") },
  { key: "carRun", test: (l) => (l.includes("运行") || l.includes("运维")) && !l.includes("购置") },
  { key: "car", test: (l, above) => l.includes("公务用车") || (l === "小计" && above.includes("公务用车")) },
  { key: "total", test: (l, above) => l === "小计" && above.includes("三公") },
  { key: "total", test: (l, above) => (l === "合计" || l === "总计") && above.includes("三公") },
  { key: "all", test: (l) => l === "合计" || l === "总计" },
];

/**
 * The 三公 table as one row of figures under a header naming each item (Shanghai: 合计 | 因公出国(境)费 |
 * 公务接待费 | 公务用车购置及运行费 {小计 | 购置费 | 运行费} | 机关运行经费; Jiangsu: 合计 | 三公 {小计 | 出国 |
 * 公务用车 {小计 | 购置 | 运行} | 接待} | 会议费 | 培训费). Null when the table has the seed's shape (one row per item).
 */
function readSanGongRow(r: SheetReader, frame: TableFrame): LabeledTable | null {
  const top = frame.titleLoc.row + 1;
  const last = Math.min(r.rowCount, top + HEADER_SCAN_ROWS);
  const named = (row: number, word: string) => {
    const w = Math.min(r.width(row), 40);
    for (let c = 0; c < w; c++) if (normBasic(r.text(row, c)).includes(word)) return true;
    return false;
  };
  let itemsRow = -1;
  for (let row = top; row < last && itemsRow < 0; row++) if (named(row, "因公出国") && named(row, "公务接待")) itemsRow = row;
  if (itemsRow < 0) return null;
  const isMeta = (row: number) => {
    const f = r.firstText(row);
    if (!f) return true;
    const w = r.width(row);
    for (let c = 0; c < w; c++) {
      const t = r.text(row, c).replace(/\s/g, "");
      if (UNIT_RE.test(t) || DEPT_LABEL.test(t) || /预算年度/.test(t)) return true;
    }
    return false;
  };
  let headerStart = top;
  while (headerStart < itemsRow && isMeta(headerStart)) headerStart++;
  // The row of figures: the first under the header with a number (or a dash); else the row right under it.
  let dataRow = -1;
  let headerEnd = itemsRow;
  for (let row = itemsRow + 1; row < Math.min(r.rowCount, itemsRow + 6); row++) {
    if (isColumnNumbersRow(r, row)) {
      headerEnd = row;
      continue;
    }
    if (r.isNoteRow(row)) break;
    const w = r.width(row);
    let figures = false;
    for (let c = 0; c < w && !figures; c++) {
      const v = r.value(row, c);
      figures = typeof v === "number" || (typeof v === "string" && parseAmount(v).ok && v.trim() !== "");
    }
    if (figures) {
      dataRow = row;
      break;
    }
    if (r.isBlankRow(row)) break;
    headerEnd = row;
  }
  if (dataRow < 0) dataRow = headerEnd + 1;
  const headerRows: number[] = [];
  for (let row = headerStart; row <= headerEnd; row++) if (!isColumnNumbersRow(r, row)) headerRows.push(row);
  const width = Math.max(...headerRows.map((h) => r.width(h)), r.width(dataRow));
  const cols: Record<string, number> = {};
  const labels: Record<string, string> = {};
  const labelLocs: Record<string, Loc> = {};
  for (let col = 0; col < width; col++) {
    let bottom = -1;
    for (let i = headerRows.length - 1; i >= 0 && bottom < 0; i--) if (r.text(headerRows[i], col)) bottom = i;
    if (bottom < 0) continue;
    const label = normBasic(r.text(headerRows[bottom], col));
    // The group labels over the column: in each row above, the nearest text at or left of it (merged groups).
    let above = "";
    for (let i = bottom - 1; i >= 0; i--) {
      for (let c = col; c >= 0; c--) {
        const t = r.text(headerRows[i], c);
        if (t) {
          above += normBasic(t);
          break;
        }
      }
    }
    const hit = SAN_GONG_COLUMNS.find((x) => cols[x.key] === undefined && x.test(label, above));
    if (!hit) continue;
    cols[hit.key] = col;
    labels[hit.key] = r.text(headerRows[bottom], col);
    labelLocs[hit.key] = r.loc(headerRows[bottom], col);
  }
  if (cols.total === undefined && cols.all !== undefined && cols.meeting === undefined && cols.training === undefined) {
    // A 合计 over the 三公 items alone (no 会议费 or 培训费 beside them) is the 三公 total.
    cols.total = cols.all;
    labels.total = labels.all;
    labelLocs.total = labelLocs.all;
    delete cols.all;
  }
  const meta = readMeta(r, top, headerStart);
  yearFromTitle(meta, frame);
  const header: Header = { cols, headerRows, endRow: dataRow - 1, hasColumnNumbers: false };
  const base = makeBase(r, frame, header, meta);
  const amounts = new AmountReader(r, base);
  const table: LabeledTable = { ...base, kind: "labeled", rows: {}, extra: {} };
  const fundCols = frame.spec.columns.filter((c) => c.amount && c.key !== "total");
  for (const [key, col] of Object.entries(cols)) {
    const cells: Record<string, Amount> = { total: amounts.read(dataRow, col, labels[key]) };
    for (const c of fundCols) cells[c.key] = amounts.read(dataRow, undefined, c.labels[0]);
    const row = { key, label: labels[key], labelLoc: labelLocs[key], cells };
    if (frame.spec.rows!.some((s) => s.key === key)) table.rows[key] = row;
    else table.extra![key] = row;
  }
  base.notes = readNotes(r, dataRow + 1).notes;
  table.notes = base.notes;
  return table;
}

function readProcurement(r: SheetReader, frame: TableFrame, header: Header, meta: Meta): ProcurementTable {
  const spec = frame.spec;
  const base = makeBase(r, frame, header, meta);
  const amounts = new AmountReader(r, base);
  checkColumns(r, spec, header);
  const { notes, dataEnd } = readNotes(r, header.endRow + 1);
  base.notes = notes;
  const table: ProcurementTable = { ...base, kind: "procurement", rows: [] };
  const t = (row: number, key: string) => (header.cols[key] === undefined ? "" : r.text(row, header.cols[key]));
  for (let row = header.endRow + 1; row < dataEnd; row++) {
    if (r.isBlankRow(row) || isColumnNumbersRow(r, row)) continue;
    const item = t(row, "item");
    const cells: Record<string, Amount> = {};
    for (const key of ["projectBudget", "total", "gp", "fund", "soe", "special", "unitFunds", "sme"]) cells[key] = amounts.read(row, header.cols[key], "");
    const first = r.firstText(row)!;
    const pr: ProcurementRow = {
      row,
      project: t(row, "project"),
      item,
      catalog: t(row, "catalog"),
      measure: t(row, "measure"),
      quantity: amounts.read(row, header.cols.quantity, "数量", false),
      price: amounts.read(row, header.cols.price, "单价"),
      cells,
      loc: r.loc(row, first.col),
    };
    if (normBasic(pr.project) === "合计" || normBasic(item) === "合计") continue; // a totals line is derived, not a purchase
    table.rows.push(pr);
  }
  return table;
}

const PROJECT_LABELS = ["项目编码", "项目名称", "预算数", "其中:财政资金", "财政资金", "其他资金", "预算规模及资金用途", "绩效目标"];

function isProjectLabel(t: string): boolean {
  const n = normBasic(t);
  return PROJECT_LABELS.includes(n) || n.startsWith("资金支出计划") || /^\d+月底$/.test(n);
}

/** The value right of a label in the same row: the first non-blank cell that is not itself a label. */
function valueRight(r: SheetReader, row: number, col: number): { col: number } | null {
  const w = r.width(row);
  for (let c = col + 1; c < w; c++) {
    const t = r.text(row, c);
    const v = r.value(row, c);
    if (t && isProjectLabel(t)) return null;
    if (v !== null && (t !== "" || typeof v === "number")) return { col: c };
  }
  return null;
}

/** Flat 绩效目标表 columns (one row per indicator): key → header labels, matched without spaces and brackets. */
const FLAT_PROJECT_COLUMNS: Record<string, string[]> = {
  code: ["项目编码", "项目代码"],
  name: ["项目名称"],
  budget: ["预算数", "项目预算数", "预算金额", "年度预算数"],
  fiscal: ["财政资金", "其中:财政资金", "财政拨款"],
  other: ["其他资金"],
  purpose: ["资金用途", "用途", "预算规模及资金用途"],
  goal: ["绩效目标", "年度绩效目标", "项目绩效目标"],
  level1: ["一级指标"],
  level2: ["二级指标"],
  level3: ["三级指标"],
  description: ["绩效指标描述", "指标内容", "指标描述"],
  value: ["指标值"],
  basis: ["指标值确定依据", "确定依据"],
};

/** The header row of a flat 绩效目标表 (项目名称 and 一级指标 side by side), or -1 for the form layout. */
function flatProjectHeader(r: SheetReader, from: number): number {
  const last = Math.min(r.rowCount, from + HEADER_SCAN_ROWS);
  for (let row = from; row < last; row++) {
    let name = false;
    let level1 = false;
    const w = Math.min(r.width(row), 40);
    for (let c = 0; c < w; c++) {
      const v = r.value(row, c);
      // Only text with 称 or 标 in it can read 项目名称 or 一级指标: the rest is not normalised.
      if (typeof v !== "string" || !(v.includes("称") || v.includes("标"))) continue;
      const t = normBasic(r.text(row, c));
      if (t === "项目名称") name = true;
      if (t === "一级指标") level1 = true;
    }
    if (name && level1) return row;
  }
  return -1;
}

/**
 * The flat 绩效目标表: one row per indicator after the header (and a 栏次 row), the project's own cells on its
 * first row (often merged down); a new 项目编码 or 项目名称 starts the next project. One sheet, one or many projects.
 */
function readFlatProjects(r: SheetReader, frame: TableFrame, meta: Meta, headerRow: number): ProjectTable[] {
  // The month columns and other labels may sit one row under a group (资金支出计划 over 3月底 … 12月底).
  const rows = [headerRow];
  if (headerRow + 1 < r.rowCount && !isColumnNumbersRow(r, headerRow + 1) && [...Array(Math.min(r.width(headerRow + 1), 40)).keys()].some((c) => /^\d+月底$/.test(normBasic(r.text(headerRow + 1, c))))) rows.push(headerRow + 1);
  const cols: Record<string, number> = {};
  const months: { label: string; col: number }[] = [];
  let planHeader = "";
  const width = Math.max(...rows.map((h) => r.width(h)));
  for (let col = 0; col < width; col++) {
    for (const h of rows) {
      const t = r.text(h, col);
      const n = normBasic(t).replace(/^其中:/, "其中:");
      if (!n) continue;
      if (/^\d+月底$/.test(n)) months.push({ label: t, col });
      else if (n.startsWith("资金支出计划")) planHeader = t;
      else for (const [key, labels] of Object.entries(FLAT_PROJECT_COLUMNS)) if (cols[key] === undefined && labels.some((l) => normBasic(l) === n)) cols[key] = col;
    }
  }
  let start = rows[rows.length - 1] + 1;
  while (start < r.rowCount && isColumnNumbersRow(r, start)) start++;
  const base = makeBase(r, frame, null, meta);
  base.headerEndRow = start - 1;
  const amounts = new AmountReader(r, base);
  const text = (row: number, key: string) => (cols[key] === undefined ? "" : r.text(row, cols[key]));
  const out: ProjectTable[] = [];
  let p = null as ProjectTable | null;
  let l1 = "";
  let l2 = "";
  const { dataEnd } = readNotes(r, start);
  for (let row = start; row < dataEnd; row++) {
    if (r.isBlankRow(row)) continue;
    const code = text(row, "code");
    const name = text(row, "name");
    if ((code && code !== p?.code) || (name && name !== p?.name)) {
      p = { ...base, title: name ? `${name}绩效目标表` : frame.title, kind: "project", code, name, purpose: text(row, "purpose"), planHeader, plan: [], goal: text(row, "goal"), indicators: [] };
      if (cols.code !== undefined) p.codeLoc = r.loc(row, cols.code);
      if (cols.name !== undefined) p.nameLoc = r.loc(row, cols.name);
      if (cols.budget !== undefined) p.budget = amounts.read(row, cols.budget, "预算数");
      if (cols.fiscal !== undefined) p.fiscal = amounts.read(row, cols.fiscal, "财政资金");
      if (cols.other !== undefined) p.other = amounts.read(row, cols.other, "其他资金");
      p.plan = months.map((m) => ({ label: m.label, amount: amounts.read(row, m.col, m.label) }));
      p.titleLoc = p.nameLoc ?? frame.titleLoc;
      out.push(p);
      l1 = "";
      l2 = "";
    }
    if (!p) continue;
    l1 = text(row, "level1") || l1;
    l2 = text(row, "level2") || l2;
    const ind: Indicator = { level1: l1, level2: l2, level3: text(row, "level3"), description: text(row, "description"), value: text(row, "value"), basis: text(row, "basis"), loc: r.loc(row, cols.value ?? 0) };
    if (ind.level3 || ind.description || ind.value) p.indicators.push(ind);
  }
  return out;
}

/** A character each label of the project form has (项目编码 码, 项目名称 称, 预算数 数, 财政资金 金, 资金支出计划 划, 3月底 底, 绩效目标 标). */
const PROJECT_LABEL_CHARS = /[码称数金划底标]/;

function readProjects(r: SheetReader, frame: TableFrame, meta: Meta): ProjectTable[] {
  const flat = flatProjectHeader(r, frame.titleLoc.row + 1);
  if (flat >= 0) return readFlatProjects(r, frame, meta, flat);
  // A sheet may hold several projects one under another; each starts at a 项目编码 row.
  const starts: number[] = [];
  for (let row = 0; row < r.rowCount; row++) {
    const w = r.width(row);
    for (let c = 0; c < w; c++) {
      const v = r.value(row, c);
      if (typeof v === "string" && v.includes("编码") && normBasic(v) === "项目编码") {
        starts.push(row);
        break;
      }
    }
  }
  const out: ProjectTable[] = [];
  starts.forEach((start, i) => {
    const end = i + 1 < starts.length ? starts[i + 1] : r.rowCount;
    // Title of this block: nearest 绩效目标表 text above the block start (after the previous block).
    let title = frame.title;
    let titleLoc = frame.titleLoc;
    const from = i === 0 ? 0 : starts[i - 1] + 1;
    for (let row = start - 1; row >= from; row--) {
      const f = r.firstText(row);
      if (f && normBasic(f.text).endsWith("绩效目标表")) {
        title = f.text;
        titleLoc = r.loc(row, f.col);
        break;
      }
    }
    const base = makeBase(r, { ...frame, title, titleLoc }, null, meta);
    base.headerEndRow = start;
    const amounts = new AmountReader(r, base);
    const p: ProjectTable = { ...base, kind: "project", code: "", name: "", purpose: "", planHeader: "", plan: [], goal: "", indicators: [] };
    let indicatorHeader = -1;
    const indCols: Record<string, number> = {};
    for (let row = start; row < end; row++) {
      const w = r.width(row);
      for (let c = 0; c < w; c++) {
        // Labels are text (a figure has none of their characters): no text made of every figure of the block.
        if (typeof r.value(row, c) !== "string") continue;
        const t = r.text(row, c);
        if (!t || t.length > 16) continue; // labels are short; long texts are values
        if (!PROJECT_LABEL_CHARS.test(t)) continue; // every label below has one of these characters
        const n = normBasic(t);
        if (n === "项目编码") {
          const v = valueRight(r, row, c);
          if (v) {
            p.code = r.text(row, v.col);
            p.codeLoc = r.loc(row, v.col);
          }
        } else if (n === "项目名称") {
          const v = valueRight(r, row, c);
          if (v) {
            p.name = r.text(row, v.col);
            p.nameLoc = r.loc(row, v.col);
          }
        } else if (n === "预算数") {
          const v = valueRight(r, row, c);
          p.budget = amounts.read(row, v?.col, "预算数");
          // The 用途 text sits in the row below the 预算数 row.
          const f = r.firstText(row + 1);
          if (f) {
            const w2 = r.width(row + 1);
            for (let cc = 0; cc < w2; cc++) {
              const tt = r.text(row + 1, cc);
              if (tt && !isProjectLabel(tt)) {
                p.purpose = tt;
                break;
              }
            }
          }
        } else if (n === "其中:财政资金" || n === "财政资金") {
          p.fiscal = amounts.read(row, valueRight(r, row, c)?.col, "财政资金");
        } else if (n === "其他资金") {
          p.other = amounts.read(row, valueRight(r, row, c)?.col, "其他资金");
        } else if (n.startsWith("资金支出计划")) {
          p.planHeader = t;
        } else if (/^\d+月底$/.test(n)) {
          p.plan.push({ label: t, amount: amounts.read(row + 1, c, t) });
        } else if (n === "绩效目标" && indicatorHeader < 0) {
          const v = valueRight(r, row, c);
          if (v) p.goal = r.text(row, v.col);
        } else if (n === "一级指标" && indicatorHeader < 0) {
          indicatorHeader = row;
          for (let cc = 0; cc < w; cc++) {
            const h = normBasic(r.text(row, cc));
            const key = { 一级指标: "level1", 二级指标: "level2", 三级指标: "level3", 绩效指标描述: "description", 指标值: "value", 指标值确定依据: "basis" }[h];
            if (key) indCols[key] = cc;
          }
        }
      }
    }
    if (indicatorHeader >= 0) {
      let l1 = "";
      let l2 = "";
      for (let row = indicatorHeader + 1; row < end; row++) {
        if (r.isBlankRow(row)) continue;
        const g = (k: string) => (indCols[k] === undefined ? "" : r.text(row, indCols[k]));
        if (normBasic(g("level1")) === "一级指标") continue; // repeated header
        if (normBasic(r.firstText(row)!.text).endsWith("绩效目标表")) break;
        l1 = g("level1") || l1;
        l2 = g("level2") || l2;
        const ind: Indicator = {
          level1: l1,
          level2: l2,
          level3: g("level3"),
          description: g("description"),
          value: g("value"),
          basis: g("basis"),
          loc: r.loc(row, indCols.value ?? 0),
        };
        if (ind.level3 || ind.description || ind.value) p.indicators.push(ind);
      }
    }
    out.push(p);
  });
  if (starts.length === 0) {
    r.report(READ_RULES.missingColumn, "warning", frame.titleLoc, `${frame.title}：找不到“项目编码”，无法读取该项目绩效目标表。`);
  }
  return out;
}

function readParams(r: SheetReader, frame: TableFrame, meta: Meta): ParamsTable {
  const spec = frame.spec;
  const header = findHeader(r, spec, frame.titleLoc.row);
  const base = makeBase(r, frame, header, meta);
  const keyCol = header?.cols.key ?? 0;
  const valueCol = header?.cols.value ?? keyCol + 1;
  const start = header ? header.endRow + 1 : frame.titleLoc.row + 1;
  const params: Record<string, Param> = {};
  for (let row = start; row < r.rowCount; row++) {
    const k = r.text(row, keyCol);
    if (!k || UNIT_RE.test(k.replace(/\s/g, ""))) continue;
    const v = r.value(row, valueCol);
    const value = textOf(v);
    const key = paramKey(k);
    if (!params[key]) params[key] = { key: k.trim(), value, loc: r.loc(row, valueCol) };
  }
  return { ...base, kind: "params", params };
}

/** 说明参数 keys compare without spaces and quotes: 上年"三公"经费 = 上年“三公”经费 = 上年三公经费. */
export function paramKey(k: string): string {
  return normBasic(k);
}

function majority(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [v, c] of counts) if (c > n) [best, n] = [v, c];
  return best;
}

export function readWorkbook(snapshot: WorkbookSnapshot): BudgetWorkbook {
  const wb: BudgetWorkbook = { unit: "万元", projects: [], tables: [], findings: [], unrecognised: [] };
  const seen = new Map<TableKey, string>();
  const unread: SheetReader[] = [];
  for (const sheet of snapshot.sheets) {
    const probe = new SheetReader(sheet, wb.findings, "");
    const frame = locateTitle(probe);
    if (!frame) {
      listUnrecognised(wb, probe);
      unread.push(probe);
      continue;
    }
    const spec = frame.spec;
    const r = new SheetReader(sheet, wb.findings, frame.title);
    if (spec.key !== "T12" && seen.has(spec.key)) {
      r.report(READ_RULES.duplicateTable, "warning", frame.titleLoc, `工作表“${sheet.name}”与“${seen.get(spec.key)}”都是${spec.title}，只读取了第一个。请删除或改名重复的表。`);
      continue;
    }
    seen.set(spec.key, sheet.name);
    if (spec.key === "T12") {
      const meta = readMeta(r, frame.titleLoc.row + 1, Math.min(r.rowCount, frame.titleLoc.row + 4));
      for (const p of readProjects(r, frame, meta)) {
        wb.projects.push(p);
        wb.tables.push(info(p));
      }
      continue;
    }
    if (spec.key === "PARAMS") {
      const meta = readMeta(r, frame.titleLoc.row + 1, Math.min(r.rowCount, frame.titleLoc.row + 3));
      wb.params = readParams(r, frame, meta);
      wb.tables.push(info(wb.params));
      continue;
    }
    if (spec.key === "T9") {
      const horizontal = readSanGongRow(r, frame);
      if (horizontal) {
        wb.t9 = horizontal;
        wb.runningCost = horizontal.extra?.running?.cells.total;
        wb.tables.push(info(horizontal));
        continue;
      }
    }
    const header = findHeader(r, spec, frame.titleLoc.row);
    if (!header) {
      r.report(READ_RULES.missingColumn, "error", frame.titleLoc, `${r.table}（工作表“${sheet.name}”）：找不到表头行，无法读取该表。请保留标题下方的表头和栏次行。`);
      continue;
    }
    // Only where the layout is the standard one otherwise (a 序号 column): other provinces' layouts have no 栏次 row.
    if (spec.hasColumnNumbers && !header.hasColumnNumbers && header.headerRows.some((h) => [...Array(Math.min(r.width(h), 40)).keys()].some((c) => normBasic(r.text(h, c)) === "序号"))) {
      r.report(READ_RULES.noColumnNumbers, "info", r.loc(header.endRow, 0), `${r.table}：表头下没有“栏次”行，已按表头文字识别各列。`);
    }
    const meta = readMeta(r, frame.titleLoc.row + 1, header.headerRows[0]);
    yearFromTitle(meta, frame);
    if (!meta.unit) {
      // T11 states its unit in the 价值 header: 价值（金额单位：万元）
      for (const h of header.headerRows) {
        const w = r.width(h);
        for (let c = 0; c < w && !meta.unit; c++) {
          const u = UNIT_RE.exec(r.text(h, c).replace(/\s/g, ""));
          if (u) meta.unit = u[1] as Unit;
        }
      }
      if (!meta.unit) r.report(READ_RULES.noUnit, "warning", frame.titleLoc, `${r.table}：标题下没有“单位：万元”或“单位：元”，按万元处理。`);
    }
    let table;
    switch (spec.kind) {
      case "code":
        table = readCodeTable(r, frame, header, meta);
        break;
      case "two-sided":
        table = readTwoSided(r, frame, header, meta);
        break;
      case "labeled":
        table = readLabeled(r, frame, header, meta);
        break;
      case "procurement":
        table = readProcurement(r, frame, header, meta);
        break;
      default:
        continue;
    }
    const slot = spec.key.toLowerCase() as "t1";
    (wb as unknown as Record<string, unknown>)[slot] = table;
    wb.tables.push(info(table));
  }
  const form = publishedForm(wb.tables.map((t) => t.title));
  wb.form = form?.name;
  for (const spec of TABLE_SPECS) {
    if (spec.key === "PARAMS") continue;
    // A table its published form leaves out (its facts are in the form's text) is not missing.
    if (form && !form.publishes.includes(spec.key)) continue;
    const present = spec.key === "T12" ? wb.projects.length > 0 : seen.has(spec.key);
    const low = present ? null : lowTitle(unread, spec);
    if (low) {
      wb.findings.push({
        rule: READ_RULES.missingTable,
        severity: spec.required ? "error" : "warning",
        sheet: low.sheet,
        cell: low.address,
        table: spec.title,
        related: [],
        message: `工作表“${low.sheet}”${low.address} 是“${spec.title}”的标题，但它在第 ${low.row + 1} 行：标题要在前 ${TITLE_SCAN_ROWS} 行内才能识别这张表。请删去标题上方多余的行后再检查。`,
      });
    } else if (!present) {
      wb.findings.push({
        rule: READ_RULES.missingTable,
        severity: spec.required ? "error" : "warning",
        sheet: "",
        cell: "",
        table: spec.title,
        related: [],
        message: spec.key === "T12"
          ? "工作簿中没有项目绩效目标表（标题以“绩效目标表”结尾）。有项目支出时应逐项公开绩效目标。"
          : `工作簿中没有找到“${spec.title}”。请添加该表（标题写在表格上方），没有数据时也应空表列示并注明。`,
      });
    }
  }
  const all = [wb.t1, wb.t2, wb.t3, wb.t4, wb.t5, wb.t6, wb.t7, wb.t8, wb.t9, wb.t10, wb.t11, ...wb.projects].filter(Boolean) as Base[];
  wb.unit = wb.t1?.unit ?? all[0]?.unit ?? "万元";
  wb.deptCode = majority(all.map((t) => t.deptCode));
  wb.deptName = majority(all.map((t) => t.deptName));
  wb.year = majority(all.map((t) => t.year));
  return wb;
}

/** The year in the title ("2025年部门财务收支预算总表") when no 预算年度 line states it. */
function yearFromTitle(meta: Meta, frame: TableFrame): void {
  if (meta.year) return;
  const y = /((?:19|20)\d{2})年/.exec(frame.title);
  if (y) {
    meta.year = y[1];
    meta.yearLoc = frame.titleLoc;
  }
}

/** Sheets a reader skips silently: empty ones and the 情况说明 that the text check reads. */
function listUnrecognised(wb: BudgetWorkbook, r: SheetReader): void {
  const seen = apparentTitle(r);
  if (!seen) return;
  if (normBasic(r.name) === "情况说明" || /情况说明$/.test(normBasic(seen.title))) return;
  wb.unrecognised!.push({ sheet: r.name, title: seen.title, loc: seen.loc });
  wb.findings.push({
    rule: READ_RULES.unrecognised,
    severity: "info",
    sheet: r.name,
    cell: seen.loc.address,
    related: [],
    message: `工作表“${r.name}”（“${seen.title}”）不是可识别的预算公开表，未读取，不影响其他表的校验。如果它是公开表之一，请检查标题文字。`,
  });
}

function info(t: Base) {
  return { key: t.key, no: t.no, title: t.title, sheet: t.sheet, unit: t.unit };
}

