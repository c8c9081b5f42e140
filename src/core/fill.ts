// Fill: compute every derived figure from the leaf inputs and return the cells whose value would change.
// Order matters: code tables bottom-up (row totals, 项 → 款 → 类 → 合计), then tables 1 and 4 from them,
// then 三公 and 政府采购 row totals. Leaf inputs are never written; a derived zero never fills a blank cell.
import Decimal from "decimal.js";
import { a1, cellText, columnLetter, formulaAt, mergeBoxes, parseA1, type CellValue, type MergeBox, type SheetSnapshot, type WorkbookSnapshot } from "./snapshot";
import type { CellWrite, FillPlan } from "./plan";
import type { Finding } from "./findings";
import { decimalFromFen, parseAmount, roundFen, sumFen } from "./money";
import { quoteText } from "./quote";
import { FUNCTIONAL_CLASSES, classKey } from "./model/classification";
import type { Amount, BudgetWorkbook, CodeRow, CodeTable, LabeledRow, Loc, TableBase, TwoSidedTable } from "./model/types";
import { specFor, type FixedRowSpec } from "./model/table-specs";
import { amountIsZero, fenOf, ROUNDING_NOTE } from "./rules/framework";
import { checkWorkbook } from "./check-tables";
import { amountKeys, rowTotalRelations, childrenOf, classRows, codeIndex, colLabel, fiscalParts, incomeSources, parentCode, rowLabel } from "./rules/access";
import { READ_RULES, readWorkbook } from "./model/read-workbook";

const ZERO = new Decimal(0);

/** Why a figure cannot be computed: the cell at the root of it (an unreadable input, or a cell fill may not write). */
interface Cause {
  loc: Loc;
  /** Chinese: what is wrong with that cell ("“190万元”不是数字"). */
  why: string;
  /** What the user should do. */
  todo: string;
}

/**
 * A computed figure, or the reason it could not be computed. Sums run in whole 分 (`fen`, see money.ts) when every
 * part is one; the Decimal is made only when asked for (a write, a message), or serves alone when `fen` is NaN.
 */
class Val {
  private d: Decimal | undefined;
  constructor(
    readonly fen: number,
    d?: Decimal,
    readonly cause?: Cause,
    private readonly amount?: Amount,
  ) {
    this.d = d;
  }
  get value(): Decimal {
    return (this.d ??= this.amount ? this.amount.value : decimalFromFen(this.fen));
  }
  get isZero(): boolean {
    return this.fen === this.fen ? this.fen === 0 : this.value.isZero();
  }
}

const ZERO_VAL = new Val(0, ZERO);
const blockedBy = (cause: Cause): Val => new Val(0, ZERO, cause);
const ofAmount = (a: Amount): Val => new Val(fenOf(a), undefined, undefined, a);

/** A derived cell and what it is; the label is built only when a write or a message needs it (most totals are right). */
class Target {
  constructor(
    readonly amount: Amount,
    readonly table: string,
    private l: string | (() => string),
  ) {}
  get label(): string {
    const l = this.l;
    return typeof l === "string" ? l : (this.l = l());
  }
}

/** Totals left as they are, grouped by the cell that stopped them. */
interface Blocked {
  cause: Cause;
  targets: Target[];
}

class FillState {
  /** What the fill made of each cell it set: its computed figure, or (with a cause) why it is left as it is. */
  private readonly state = new Map<Amount, Val>();
  private readonly targets: Target[] = [];
  readonly blocked = new Map<string, Blocked>();
  /** Sheets whose layout could not be read in full (a column heading hidden): nothing on them is written. */
  readonly sheetProblems = new Map<string, Cause>();
  /** Code tables whose sums cannot be trusted: a class they lack may be one they could not read. */
  readonly tableProblems = new Map<CodeTable, Cause>();
  /** Formula totals kept whose cached result is stale or missing. */
  readonly formulas: { target: Target; formula: string; computed: Decimal }[] = [];

  constructor(
    private readonly cells: SnapshotCells,
    /** Totals ("sheet!A1") to keep as shown: within rounding of their parts (FillOptions.rounding). */
    private readonly keep?: ReadonlySet<string>,
  ) {}

  /** The cell's current figure (computed if filled), or why it cannot serve as an input. */
  get(a: Amount | undefined): Val {
    if (!a) return ZERO_VAL;
    const v = this.state.get(a);
    if (v) return v;
    if (a.loc.col < 0) return ZERO_VAL;
    const problem = this.cells.inputProblem(a);
    return problem ? blockedBy(problem) : ofAmount(a);
  }

  /** A part as get(a) sees it, in whole 分 (NaN when it is none), or the blocked Val when it cannot serve. */
  private part(a: Amount | undefined): number | Val {
    if (!a) return 0;
    const v = this.state.get(a);
    if (v) return v.cause ? v : v.fen;
    if (a.loc.col < 0) return 0;
    const problem = this.cells.inputProblem(a);
    return problem ? blockedBy(problem) : fenOf(a);
  }

  sum(amounts: (Amount | undefined)[]): Val {
    // combine(amounts.map(get)) in whole 分, without a Val per part: the same first cause, the same total.
    let fen = 0;
    for (const a of amounts) {
      const f = this.part(a);
      if (typeof f !== "number") return f;
      fen += f;
      if (!(fen <= 8e15 && fen >= -8e15)) return combine(amounts.map((x) => this.get(x)));
    }
    return new Val(fen);
  }

  /**
   * Σ of a row's parts, or null when every part is a plain blank (then a lone total typed by hand is kept): as
   * parts.every(empty) and sum(parts) together, in one pass and in whole 分 (the leaf rows of a 50,000-row table).
   */
  rowSum(cells: Record<string, Amount>, parts: string[]): Val | null {
    let fen = 0;
    let allEmpty = true;
    for (const k of parts) {
      const a = cells[k];
      // A part with a cause is no plain blank, and the sum stops at the first cause, as sum() does.
      const f = this.part(a);
      if (typeof f !== "number") return f;
      if (a && !(a.blank && f === 0)) allEmpty = false;
      fen += f;
      if (!(fen <= 8e15 && fen >= -8e15)) {
        const list = parts.map((x) => cells[x]).filter((x) => x && x.loc.col >= 0);
        return list.every((x) => this.empty(x)) ? null : this.sum(list);
      }
    }
    return allEmpty ? null : new Val(fen);
  }

  /** True when the part is a plain blank: nothing typed, nothing unreadable. */
  empty(a: Amount | undefined): boolean {
    if (!a || a.loc.col < 0) return true;
    if (!a.blank) return false;
    const v = this.state.get(a);
    // As get(a) would say, without a Val for every cell of a 50,000-row table.
    return v ? !v.cause && v.isZero : !this.cells.inputProblem(a) && amountIsZero(a);
  }

  set(a: Amount | undefined, v: Val, table: string, label: string | (() => string)): void {
    if (!a || a.loc.col < 0) return;
    // The published figure, which rounding explains: kept, and the sums above it take it as shown.
    if (this.keep?.has(`${a.loc.sheet}!${a.loc.address}`) && a.readable && !a.blank && !v.cause) {
      this.state.set(a, ofAmount(a));
      return;
    }
    const target = new Target(a, table, label);
    const cause = v.cause ?? this.sheetProblems.get(a.loc.sheet) ?? this.cells.targetProblem(a);
    if (cause) {
      this.state.set(a, v.cause === cause ? v : blockedBy(cause));
      const key = `${cause.loc.sheet}!${cause.loc.address}|${cause.why}`;
      const b = this.blocked.get(key) ?? { cause, targets: [] };
      if (!b.targets.some((t) => t.amount === a)) b.targets.push(target);
      this.blocked.set(key, b);
      return;
    }
    this.state.set(a, v);
    this.targets.push(target);
  }

  /** A standard row the table lacks: not a zero, since its label may be misspelt or hidden under a merge. */
  missingRow(t: TableBase, label: string): Val {
    return blockedBy({ loc: t.titleLoc, why: `中找不到“${label}”行（名称不同，或被合并单元格遮住）`, todo: `请按标准格式核对“${label}”行后再填充。` });
  }

  /** One column of standard rows, by key; labels for messages come from the table's spec. */
  rows(t: TableBase, side: Record<string, LabeledRow>, keys: string[], col: string, spec: FixedRowSpec[] | undefined): Val[] {
    return keys.map((k) => (side[k] ? this.get(side[k].cells[col]) : this.missingRow(t, spec?.find((r) => r.key === k)?.labels[0] ?? k)));
  }

  /**
   * A two-sided table's side with a label or amount cell hidden under a merge: a row there may be one the reader
   * could not see, so sums over the side's rows are not to be trusted.
   */
  hiddenRow(t: TwoSidedTable, cols: string[], side: Record<string, LabeledRow>): Val | null {
    const rows = Object.values(side).map((r) => r.labelLoc.row);
    if (rows.length === 0) return null;
    const cause = this.hiddenCell(t, cols, Math.max(...rows));
    return cause ? blockedBy(cause) : null;
  }

  /**
   * A code table with a row the reader may not have seen: one of its cells under another cell's merge on a data
   * row (after the header, before the notes) that was not read. A row read with a hidden amount is not one: that
   * amount is an unreadable input of its own.
   */
  hiddenCodeRow(t: CodeTable): Cause | undefined {
    const read = new Set([...t.rows, ...(t.total ? [t.total] : [])].map((r) => r.codeLoc.row));
    return this.hiddenCell(t, Object.keys(t.columns), Math.min(firstNoteRow(t), this.cells.rowCount(t.sheet)) - 1, read);
  }

  /** No merged range of the table's sheet reaches into its data: each lies in the header, or from its first note down. */
  mergesOutsideData(t: TableBase): boolean {
    const notes = firstNoteRow(t);
    return this.cells.mergesOf(t.sheet).every((m) => m.r1 <= t.headerEndRow || m.r0 >= notes);
  }

  /** The first cell of the table's columns under another cell's merge, on rows after the header up to `end`. */
  private hiddenCell(t: TableBase, cols: string[], end: number, skip?: Set<number>): Cause | undefined {
    const wanted = [...new Set(cols.map((k) => t.columns[k]?.col).filter((c) => c !== undefined))].sort((a, b) => a - b);
    // Over the merges, not the cells: a sheet of a million rows has few merges. Only the wanted columns of each (a
    // merge out to column XFD has 16,000 others).
    for (const m of this.cells.mergesOf(t.sheet)) {
      if (!wanted.some((col) => col >= m.c0 && col <= m.c1)) continue;
      for (let row = Math.max(m.r0, t.headerEndRow + 1); row <= Math.min(m.r1, end); row++) {
        if (skip?.has(row)) continue;
        for (const col of wanted) {
          if (col < m.c0 || col > m.c1 || (row === m.r0 && col === m.c0)) continue;
          const loc = { sheet: t.sheet, row, col, address: a1(row, col) };
          return { loc, why: `在合并单元格 ${m.range} 中，这一行看不到，是否应计入合计无法判断`, todo: `请取消合并 ${m.range} 后再填充。` };
        }
      }
    }
    return undefined;
  }

  /**
   * A column of the table the reader did not recognise whose own heading is hidden under a merge from another
   * column (below its last visible heading text, if any), while it holds figures or the merge reaches into the
   * data: the reader could not tell what the column is, so sums across the table's columns may miss it. A group
   * heading over several columns, or a heading merged down its own column, hides nothing that matters.
   */
  hiddenColumn(t: TableBase): Cause | undefined {
    const known = new Set(Object.values(t.columns).map((l) => l.col));
    const top = t.titleLoc.row + 1;
    const last = t.headerEndRow;
    // The next column not looked at yet from each column on (sparse, with path compression): each column is looked at
    // once, and a merge over columns already looked at costs nothing (thousands of merges out to column XFD hung).
    // Made for the first merge in the header only: this runs for every table of every workbook of a folder.
    let next: Map<number, number> | undefined;
    const unchecked = (c: number) => {
      let r = c;
      for (let n = next!.get(r); n !== undefined; n = next!.get(r)) r = n;
      while (c !== r) {
        const n = next!.get(c)!;
        next!.set(c, r);
        c = n;
      }
      return r;
    };
    for (const m of this.cells.mergesOf(t.sheet)) {
      if (m.r1 < top || m.r0 > last) continue;
      next ??= new Map();
      for (let col = unchecked(Math.min(m.c0, 16384)); col <= m.c1 && col < 16384; col = unchecked(col + 1)) {
        next.set(col, col + 1);
        if (known.has(col)) continue;
        let hidden: { row: number; m: MergeBox } | undefined;
        let heading = -1; // the row of the column's last visible heading text
        for (let row = top; row <= last; row++) {
          const by = this.cells.hiddenAt(t.sheet, row, col);
          if (by) {
            // A heading merged down its own column (序号 over two rows) still shows; anything else hides it.
            if (by.c0 !== col || by.r0 !== heading) hidden ??= { row, m: by };
          } else if (cellText(this.cells.valueAt(t.sheet, row, col)).trim()) {
            heading = row;
            hidden = undefined; // a heading of its own below
          }
        }
        if (!hidden) continue;
        // It matters when the column holds figures, or a merge from the header reaches into its data (hiding them).
        const below = this.cells.hiddenAt(t.sheet, last + 1, col);
        if (!(below && below.r0 <= last) && !this.cells.columnHasValue(t.sheet, col, last + 1)) continue;
        return {
          loc: { sheet: t.sheet, row: hidden.row, col, address: a1(hidden.row, col) },
          why: `在合并单元格 ${hidden.m.range} 中，${columnLetter(col)} 列的标题看不到，这一列的金额是否应计入合计无法判断`,
          todo: `请取消合并 ${hidden.m.range}，让每一列的标题单独显示后再填充。`,
        };
      }
    }
    return undefined;
  }

  get all(): Target[] {
    return this.targets;
  }

  final(a: Amount): Val | null {
    const v = this.state.get(a);
    return v?.cause ? null : (v ?? ofAmount(a));
  }
}

function combine(vals: Val[], weights?: (1 | -1)[]): Val {
  for (const v of vals) if (v.cause) return blockedBy(v.cause);
  const fen = sumFen(vals.map((v) => v.fen), weights);
  if (fen === fen) return new Val(fen);
  let value = ZERO;
  for (let i = 0; i < vals.length; i++) value = weights?.[i] === -1 ? value.minus(vals[i].value) : value.plus(vals[i].value);
  return new Val(NaN, value);
}

/** Snapshot facts the fill needs beyond the model: merges, formulas, what a cell holds. */
class SnapshotCells {
  private readonly sheets = new Map<string, SheetSnapshot>();
  private readonly merges = new Map<string, MergeIndex | null>();

  constructor(snapshot: WorkbookSnapshot) {
    for (const sh of snapshot.sheets) this.sheets.set(sh.name, sh);
  }

  /** A sheet's merges, indexed when first asked for (the project sheets' many merges seldom are). */
  private mergeIndex(sheet: string): MergeIndex | null {
    let m = this.merges.get(sheet);
    if (m === undefined) {
      const ranges = this.sheets.get(sheet)?.merges;
      m = ranges?.length ? new MergeIndex(ranges, this.rowCount(sheet)) : null;
      this.merges.set(sheet, m);
    }
    return m;
  }

  value(loc: Loc): CellValue {
    return this.valueAt(loc.sheet, loc.row, loc.col);
  }

  valueAt(sheet: string, row: number, col: number): CellValue {
    return this.sheets.get(sheet)?.rows[row]?.[col] ?? null;
  }

  formula(loc: Loc): string | null {
    const sh = this.sheets.get(loc.sheet);
    return sh ? formulaAt(sh, loc.row, loc.col) : null;
  }

  rowCount(sheet: string): number {
    return this.sheets.get(sheet)?.rows.length ?? 0;
  }

  mergesOf(sheet: string): readonly MergeBox[] {
    return this.mergeIndex(sheet)?.all ?? [];
  }

  /** True when some cell of the column at or below `from` holds anything. */
  columnHasValue(sheet: string, col: number, from: number): boolean {
    const rows = this.sheets.get(sheet)?.rows ?? [];
    for (let row = from; row < rows.length; row++) if ((rows[row]?.[col] ?? null) !== null) return true;
    return false;
  }

  /** The merged range that hides this cell (its anchor is another cell), if any. */
  hiddenAt(sheet: string, row: number, col: number): MergeBox | null {
    return this.mergeIndex(sheet)?.covering(row, col) ?? null;
  }

  /** Why an input cannot be read: unreadable text or error, a formula never calculated, a value under a merge. */
  inputProblem(a: Amount): Cause | undefined {
    const m = this.hiddenAt(a.loc.sheet, a.loc.row, a.loc.col);
    if (m) return { loc: a.loc, why: `在合并单元格 ${m.range} 中，显示的是 ${a1(m.r0, m.c0)} 的内容，本格的数值看不到`, todo: `请取消合并 ${m.range}，在 ${a.loc.address} 填入数字后再填充。` };
    if (a.readable) return undefined;
    return this.unreadable(a.loc);
  }

  private unreadable(loc: Loc): Cause {
    const f = this.formula(loc);
    const v = this.value(loc);
    if (f && v === null) return { loc, why: `公式 ${quoteText(f)} 没有保存计算结果（公式未计算）`, todo: "请在 Excel 或 WPS 中打开文件，重新计算（F9）并保存后再填充。" };
    const p = parseAmount(v);
    return { loc, why: p.ok ? "无法读取为金额" : p.reason, todo: `请把 ${loc.address} 改为数字（或留空）后再填充。` };
  }

  /** Why fill may not write this derived cell: it sits under another cell's merge, or holds text the user typed. */
  targetProblem(a: Amount): Cause | undefined {
    const m = this.hiddenAt(a.loc.sheet, a.loc.row, a.loc.col);
    if (m) {
      const anchor = a1(m.r0, m.c0);
      return {
        loc: a.loc,
        why: `在合并单元格 ${m.range} 中（内容在 ${anchor}），写入会覆盖 ${anchor} 的“${quoteText(cellText(this.valueAt(a.loc.sheet, m.r0, m.c0)))}”`,
        todo: `请取消合并 ${m.range}，让金额单独占一格后再填充。`,
      };
    }
    if (this.formula(a.loc)) return undefined; // formulas are kept; see planFillWorkbook
    if (!a.readable) return this.unreadable(a.loc);
    return undefined;
  }
}

/** Merged ranges of one sheet, bucketed by blocks of rows so a lookup does not scan every merge. */
class MergeIndex {
  private static readonly BLOCK = 64;
  /** Ranges by block of rows, made on the first lookup: most sheets are only scanned through `all`. */
  private buckets: Map<number, MergeBox[]> | null = null;
  /** Every range of more than one cell, in the sheet's order. */
  readonly all: readonly MergeBox[];

  /** The first block wholly past the sheet's rows: ranges reaching past them are listed there once, not in every block out to row 1,048,576. */
  private readonly lastBlock: number;

  constructor(ranges: string[], rowCount: number) {
    this.lastBlock = Math.ceil(rowCount / MergeIndex.BLOCK);
    this.all = mergeBoxes(ranges);
  }

  private blocks(): Map<number, MergeBox[]> {
    if (this.buckets) return this.buckets;
    const buckets = new Map<number, MergeBox[]>();
    for (const m of this.all) {
      for (let k = this.block(m.r0); k <= this.block(m.r1); k++) {
        const list = buckets.get(k) ?? [];
        list.push(m);
        buckets.set(k, list);
      }
    }
    return (this.buckets = buckets);
  }

  private block(row: number): number {
    return Math.min(Math.floor(row / MergeIndex.BLOCK), this.lastBlock);
  }

  covering(row: number, col: number): MergeBox | null {
    // Every range is checked: a cell that anchors one range may still lie inside another (overlapping ranges are
    // invalid, but a hostile or broken file can hold them, and Excel shows the outer anchor's value there).
    const bucket = this.blocks().get(this.block(row));
    if (!bucket) return null; // most cells: no merge anywhere near
    for (const m of bucket) {
      if (row < m.r0 || row > m.r1 || col < m.c0 || col > m.c1) continue;
      if (row === m.r0 && col === m.c0) continue; // the anchor holds the value
      return m;
    }
    return null;
  }
}

/**
 * Row totals of one code row: only when at least one part is given, so a lone 合计 input survives. With a cause
 * (its parts may not be what they seem), the total is left as it is.
 */
function fillRowTotal(s: FillState, t: CodeTable, row: CodeRow, totalKey: string, parts: string[], cause?: Cause): void {
  const v = s.rowSum(row.cells, parts);
  if (v === null) return;
  s.set(row.cells[totalKey], cause ? blockedBy(cause) : v, t.title, () => `${rowLabel(row)} ${colLabel(t.key, totalKey)}`);
}

/**
 * Why the table's column sums cannot be trusted: a row the reader could not place (no or a malformed code, a
 * duplicate) or a 款/项 whose 类/款 row is missing; its amounts would silently drop out of every sum above it.
 */
function codeTableProblem(t: CodeTable, wb: BudgetWorkbook): Cause | undefined {
  const f = wb.findings.find((x) => x.sheet === t.sheet && (x.rule === READ_RULES.codeFormat || x.rule === READ_RULES.duplicateCode));
  if (f) {
    const at = parseA1(f.cell);
    const loc = at ? { sheet: t.sheet, row: at.row, col: at.col, address: f.cell } : t.titleLoc;
    return { loc, why: `：${quoteText(f.message.replace(/^.*?：/, "").replace(/请.*$/, "").replace(/[，。]$/, ""), 80)}`, todo: "该表的小计、合计保持原值，请先改正这一行。" };
  }
  const codes = codeIndex(t);
  const orphan = t.rows.find((r) => r.level > 1 && !codes.has(parentCode(r.code) ?? ""));
  if (orphan) return { loc: orphan.codeLoc, why: `的科目 ${orphan.code} 找不到所属的${orphan.level === 3 ? "款" : "类"}（${parentCode(orphan.code)}）行`, todo: "该表的小计、合计保持原值，请补上所属的行（或检查科目编码）。" };
  return undefined;
}

function fillCodeTable(s: FillState, t: CodeTable | undefined, wb: BudgetWorkbook): void {
  if (!t) return;
  const totals = rowTotalRelations(t);
  const problem = codeTableProblem(t, wb) ?? s.hiddenCodeRow(t);
  // A 类 or 款 with no child in sight is a leaf only when the table was read in full: else its children may be
  // the rows the reader could not place or see, and its own parts totals over them.
  const leafLevel = t.key === "T6" ? 2 : 3;
  for (const row of t.rows) {
    if (childrenOf(t, row).length > 0) continue;
    const unsure = problem && row.level < leafLevel ? problem : undefined;
    for (const [key, parts] of totals) fillRowTotal(s, t, row, key, parts, unsure);
  }
  const keys = amountKeys(t);
  if (problem) {
    s.tableProblems.set(t, problem);
    // Every 款, 类 and 合计 of the table is left as it is (and so is whatever depends on them).
    for (const row of [...t.rows.filter((r) => r.level < 3 && childrenOf(t, r).length > 0), ...(t.total ? [t.total] : [])]) {
      for (const k of keys) s.set(row.cells[k], blockedBy(problem), t.title, () => `${rowLabel(row)} ${colLabel(t.key, k)}`);
    }
    return;
  }
  for (const level of [2, 1] as const) {
    for (const row of t.rows) {
      if (row.level !== level) continue;
      const kids = childrenOf(t, row);
      if (kids.length === 0) continue;
      for (const k of keys) s.set(row.cells[k], s.sum(kids.map((c) => c.cells[k])), t.title, () => `${rowLabel(row)} ${colLabel(t.key, k)}`);
    }
  }
  if (t.total && t.rows.length) {
    const classes = classRows(t);
    for (const k of keys) s.set(t.total.cells[k], s.sum(classes.map((c) => c.cells[k])), t.title, () => `合计行 ${colLabel(t.key, k)}`);
  }
}

/**
 * A code table's column total as an input: its 合计 cell; without a 合计 row, the sum of its 类 rows (what the
 * 合计 would hold) unless the table has a row it could not place — then the total is unknown, not a zero.
 * Null when the table has no such column: the figure is not stated there, so the cell it would fill is left as
 * it is (and serves as an input itself), never set to 0.
 */
function codeTotal(s: FillState, t: CodeTable | undefined, key: string): Val | null {
  if (!t) return ZERO_VAL;
  if (!t.columns[key]) return null;
  if (t.total) return s.get(t.total.cells[key]);
  const problem = s.tableProblems.get(t);
  if (problem) return blockedBy(problem);
  return s.sum(classRows(t).map((r) => r.cells[key]));
}

function classTotal(t: CodeTable | undefined, code: string): Amount | undefined {
  return t ? codeIndex(t).get(code)?.cells.total : undefined;
}

/**
 * A class's total from a code table; a class the table lacks is 0 only when the table was read without problems.
 * Null when the table has no 合计 column (not stated, as in codeTotal).
 */
function classVal(s: FillState, t: CodeTable, code: string): Val | null {
  if (!t.columns.total) return null;
  const a = classTotal(t, code);
  const problem = s.tableProblems.get(t);
  if (!a && problem) return blockedBy(problem);
  return s.get(a);
}

/**
 * The class rows of a two-sided table's expense side in one column. A class row the table leaves out counts as zero
 * when the table the class comes from has nothing in it (layouts that list only the classes with money, renumbered);
 * otherwise it blocks, as any missing standard row does.
 */
function classColumn(s: FillState, t: TwoSidedTable, col: string, source: CodeTable | undefined, spec: FixedRowSpec[] | undefined): Val[] {
  return FUNCTIONAL_CLASSES.map((c) => {
    const k = classKey(c);
    const row = t.expense[k];
    if (row) return s.get(row.cells[col]);
    // 人行科目 has no national code: no table the fill reads holds it, so a table without its row has none.
    const v = source ? (c.code ? classVal(s, source, c.code) : ZERO_VAL) : null;
    return isZeroVal(v) ? ZERO_VAL : s.missingRow(t, spec?.find((r) => r.key === k)?.labels[0] ?? k);
  });
}

/**
 * The parts of a side's 总计 in one column: 本年合计 + 结转. A side without its year-end carry-over row (Shanghai's)
 * has none when no carry-over came in (`noCarryIn`) and 本年支出合计 alone balances the income it is set against
 * (`income`); otherwise the missing row blocks.
 */
function grandParts(s: FillState, t: TwoSidedTable, col: string, income: Amount | undefined, noCarryIn: boolean, spec: FixedRowSpec[] | undefined): Val[] {
  const ex = t.expense;
  if (!ex.carry && ex.total && income && noCarryIn) {
    const total = s.get(ex.total.cells[col]);
    const balance = s.get(income);
    if (!total.cause && !balance.cause && (total.fen === total.fen && balance.fen === balance.fen ? total.fen === balance.fen : total.value.eq(balance.value))) return [total];
  }
  return s.rows(t, ex, ["total", "carry"], col, spec);
}

function isZeroVal(v: Val | null): boolean {
  return v !== null && !v.cause && v.isZero;
}

/** combine() over figures some of which are not stated: null when any is. */
function combineStated(vals: (Val | null)[], weights?: (1 | -1)[]): Val | null {
  return vals.every((v) => v !== null) ? combine(vals as Val[], weights) : null;
}

function setRow(s: FillState, t: TwoSidedTable, row: LabeledRow | undefined, key: string, value: Val | null): void {
  if (!row || !value) return;
  // The label is made only for a write or a message (most totals are right already).
  s.set(row.cells[key], value, t.title, () => {
    const col = colLabel(t.key, key);
    return `${row.label}${col === "预算数" || col === "金额" ? "" : " " + col}`;
  });
}

/**
 * The year's 政府性基金 (国有资本经营) income: what 表7 (表8) spends, less last year's carry-over of that fund spent with
 * it, plus what it carries to next year (T4-07), the carry-overs from 表4; without 表4's row, from the carry-over of
 * all money (表2 上年结转, 表1 年终结转结余) when that is none. Null when the fund's carry-over cannot be told: its
 * spending is then no measure of its income (a figure that adds up with a carry-over was overwritten).
 */
function fundIncome(s: FillState, wb: BudgetWorkbook, t: CodeTable | undefined, carryIn: "carryFund" | "carrySoe", col: "exFund" | "exSoe"): Val | null {
  const spent = codeTotal(s, t, "total");
  if (spent === null) return null;
  const inRow = wb.t4?.income[carryIn];
  const out = wb.t4?.expense.carry?.cells[col];
  const carriedIn = inRow ? s.get(inRow.cells.inAmount) : noneOrUnknown(codeTotal(s, wb.t2, "carry"));
  const carriedOut = out ? s.get(out) : noneOrUnknown(s.get(wb.t1?.expense.carry?.cells.exAmount));
  return combineStated([spent, carriedIn, carriedOut], [1, -1, 1]);
}

/** A carry-over of all money as one fund's: none when there is none, the cause when it cannot be read, else unknown. */
function noneOrUnknown(v: Val | null): Val | null {
  if (v === null) return ZERO_VAL; // a layout without the column states no carry-over
  return v.cause || v.isZero ? v : null;
}

function fillT1(s: FillState, wb: BudgetWorkbook): void {
  const t = wb.t1;
  if (!t) return;
  const inc = t.income;
  const t2 = wb.t2;
  // Table 2 without a 合计 row still gives its totals (from its 类 rows), or blocks them when it has a row it
  // could not place: the income rows of table 1 then depend on an unknown total and stay as they are.
  if (t2 && (t2.total || t2.rows.length > 0 || s.tableProblems.has(t2))) {
    const fund = fundIncome(s, wb, wb.t7, "carryFund", "exFund");
    const soe = fundIncome(s, wb, wb.t8, "carrySoe", "exSoe");
    setRow(s, t, inc.gp, "inAmount", combineStated([codeTotal(s, t2, "fiscal"), fund, soe], [1, -1, -1]));
    setRow(s, t, inc.fund, "inAmount", fund);
    setRow(s, t, inc.soe, "inAmount", soe);
    setRow(s, t, inc.special, "inAmount", codeTotal(s, t2, "special"));
    // 单位资金 from the items the 收入总表 has (a layout may lack some); not stated when it has none of them.
    const unitFunds = ["business", "operating", "superior", "affiliated", "other"].map((k) => codeTotal(s, t2, k)).filter((v) => v !== null);
    setRow(s, t, inc.unitFunds, "inAmount", unitFunds.length ? combine(unitFunds) : null);
    setRow(s, t, inc.carry, "inAmount", codeTotal(s, t2, "carry"));
    // Other schemes list 财政拨款 and the 单位资金 items one by one; only from columns the 收入总表 has.
    for (const k of ["fiscal", "business", "operating", "superior", "affiliated", "other"]) if (t2.columns[k]) setRow(s, t, inc[k], "inAmount", codeTotal(s, t2, k));
  }
  const spec = specFor("T1");
  // Income rows differ by scheme (listed one by one or grouped): sum the sources the table has.
  const parts = fiscalParts(t);
  if (parts.length) setRow(s, t, inc.fiscal, "inAmount", s.sum(parts.map((r) => r.cells.inAmount)));
  const hidden = s.hiddenRow(t, ["inLabel", "inAmount"], inc);
  setRow(s, t, inc.total, "inAmount", hidden ?? s.sum(incomeSources(t).map((r) => r.cells.inAmount)));
  setRow(s, t, inc.grand, "inAmount", hidden ?? s.sum([inc.total?.cells.inAmount, inc.carry?.cells.inAmount]));
  const ex = t.expense;
  if (wb.t3) for (const c of FUNCTIONAL_CLASSES) if (c.code) setRow(s, t, ex[c.code], "exAmount", classVal(s, wb.t3, c.code));
  setRow(s, t, ex.total, "exAmount", combine(classColumn(s, t, "exAmount", wb.t3, spec.expenseRows)));
  const noCarryIn = !inc.carry || isZeroVal(s.get(inc.carry.cells.inAmount));
  setRow(s, t, ex.grand, "exAmount", combine(grandParts(s, t, "exAmount", inc.grand?.cells.inAmount, noCarryIn, spec.expenseRows)));
}

function fillT4(s: FillState, wb: BudgetWorkbook): void {
  const t = wb.t4;
  if (!t) return;
  const inc = t.income;
  // A row of table 1 hidden under a merge may be one of these: then they cannot be taken from table 1.
  const hidden = wb.t1 ? s.hiddenRow(wb.t1, ["inLabel", "inAmount"], wb.t1.income) : null;
  if (wb.t1) for (const k of ["gp", "fund", "soe"]) if (wb.t1.income[k] || hidden) setRow(s, t, inc[k], "inAmount", hidden ?? s.get(wb.t1.income[k].cells.inAmount));
  const spec = specFor("T4");
  setRow(s, t, inc.total, "inAmount", combine(s.rows(t, inc, ["gp", "fund", "soe"], "inAmount", spec.incomeRows)));
  setRow(s, t, inc.carry, "inAmount", combine(s.rows(t, inc, ["carryGp", "carryFund", "carrySoe"], "inAmount", spec.incomeRows)));
  // A table without any carry-over row (Shanghai's) in a workbook without carry-over (the 收入总表's column, or else
  // 表1's row, is zero): its 收入总计 is the year's.
  const carryRows = ["carry", "carryGp", "carryFund", "carrySoe"].some((k) => inc[k]);
  const carry2 = wb.t2 ? codeTotal(s, wb.t2, "carry") : null;
  const carry1 = wb.t1?.income.carry ? s.get(wb.t1.income.carry.cells.inAmount) : null;
  const noCarry = !carryRows && (isZeroVal(carry2) || (carry2 === null && isZeroVal(carry1)));
  setRow(s, t, inc.grand, "inAmount", combine(noCarry ? s.rows(t, inc, ["total"], "inAmount", spec.incomeRows) : s.rows(t, inc, ["total", "carry"], "inAmount", spec.incomeRows)));
  const ex = t.expense;
  const sources: [string, CodeTable | undefined][] = [
    ["exGp", wb.t5],
    ["exFund", wb.t7],
    ["exSoe", wb.t8],
  ];
  for (const c of FUNCTIONAL_CLASSES) {
    const row = ex[classKey(c)];
    if (!row || !c.code) continue;
    for (const [col, src] of sources) if (src) setRow(s, t, row, col, classVal(s, src, c.code));
    setRow(s, t, row, "exTotal", s.sum(sources.map(([col]) => row.cells[col])));
  }
  for (const [col, src] of sources) setRow(s, t, ex.total, col, combine(classColumn(s, t, col, src, spec.expenseRows)));
  for (const key of ["total", "carry"]) if (ex[key]) setRow(s, t, ex[key], "exTotal", s.sum(["exGp", "exFund", "exSoe"].map((col) => ex[key].cells[col])));
  // Each column against the income it spends: all of it, or its fund's.
  const income: Record<string, LabeledRow | undefined> = { exTotal: inc.grand, exGp: inc.gp, exFund: inc.fund, exSoe: inc.soe };
  const carryIn = ["carry", "carryGp", "carryFund", "carrySoe"].filter((k) => inc[k]).map((k) => s.get(inc[k].cells.inAmount));
  const noCarryIn = noCarry || (carryIn.length > 0 && carryIn.every(isZeroVal));
  for (const col of ["exTotal", "exGp", "exFund", "exSoe"]) setRow(s, t, ex.grand, col, combine(grandParts(s, t, col, income[col]?.cells.inAmount, noCarryIn, spec.expenseRows)));
}

function fillT9(s: FillState, wb: BudgetWorkbook): void {
  const t = wb.t9;
  if (!t) return;
  const rows = t.rows;
  const label = (r: LabeledRow, col: string) => `${r.label} ${colLabel("T9", col)}`;
  for (const key of ["abroad", "reception", "carBuy", "carRun"]) {
    const r = rows[key];
    if (r && ["gp", "fund", "soe"].some((c) => !s.empty(r.cells[c]))) s.set(r.cells.total, s.sum(["gp", "fund", "soe"].map((c) => r.cells[c])), t.title, label(r, "total"));
  }
  for (const col of ["gp", "fund", "soe", "total"]) {
    if (rows.car && (rows.carBuy || rows.carRun)) s.set(rows.car.cells[col], s.sum([rows.carBuy?.cells[col], rows.carRun?.cells[col]]), t.title, label(rows.car, col));
    if (rows.total) s.set(rows.total.cells[col], combine(s.rows(t, rows, ["abroad", "car", "reception"], col, specFor("T9").rows)), t.title, label(rows.total, col));
  }
}

function fillT10(s: FillState, wb: BudgetWorkbook): void {
  const t = wb.t10;
  if (!t) return;
  const funds = ["gp", "fund", "soe", "special", "unitFunds"];
  for (const r of t.rows) {
    if (funds.every((k) => s.empty(r.cells[k]))) continue;
    s.set(r.cells.total, s.sum(funds.map((k) => r.cells[k])), t.title, `“${r.item || r.project}” 合计`);
  }
}

/**
 * What toSheet(v, yuan, 2) shows, for v = fen 分, as whole 分 of 万元 (so it compares with an Amount's fen): a 元
 * sheet shows 分 as they are; a 万元 sheet rounds to 0.01 万元 (10,000 分), half away from zero as toSheet does.
 */
function shownFen(fen: number, unitYuan: boolean): number {
  return unitYuan ? fen : roundFen(fen, 10000);
}

/** Round a 万元 value into the sheet's unit and precision. */
function toSheet(v: Decimal, unitYuan: boolean, decimals: number): Decimal {
  const raw = unitYuan ? v.mul(10000) : v;
  return raw.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}

/**
 * The rules that test, exactly or within rounding, each relation the fill computes in a code table (row totals, 款,
 * 类 and 合计 sums, orphan rows), and every reader finding (unreadable or uncalculated cells, malformed codes).
 */
export const CODE_TABLE_FILL_RULES: ReadonlySet<string> = new Set(["H-01", "H-02", "H-03", "H-04", "H-06", "T2-01", "T2-02", "T3-01", "T5-01", "T6-01", ...Object.values(READ_RULES)]);

export interface FillOptions {
  /**
   * Tables whose every relation the fill computes a full table check found to hold (see `settledTables`): the fill
   * would change nothing there (test/core/fill-agrees.test.ts), so their cells serve as they are. What grouping the
   * findings needs, for a large table that adds up and for the many small workbooks of a folder.
   */
  settled?: ReadonlySet<TableBase>;
  /**
   * Totals that the rules found equal to the sum of their parts within rounding (an info finding, ROUNDING_NOTE), by
   * "sheet!A1", with the parts' cells: the fill keeps such a total as published (the budget system's figure, whose
   * parts are shown rounded), unless it writes one of those parts.
   */
  rounding?: ReadonlyMap<string, readonly string[]>;
}

/** The rounding totals of FillOptions from a check's findings. */
export function roundingTotals(findings: readonly Finding[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of findings) {
    if (f.severity === "info" && f.note === ROUNDING_NOTE && f.cell) out.set(`${f.sheet}!${f.cell}`, f.related.map((r) => `${r.sheet}!${r.cell}`));
  }
  return out;
}

/**
 * The fill tables a check result leaves settled: a code table where no rule of the fill's relations (nor the reader)
 * reports anything; 表9 and 表10, which sum their own rows, when nothing is reported on their sheet. Never 表1 and 表4:
 * the fill takes their 政府性基金 and 国有资本经营 from the 合计 of 表7 and 表8, which no rule compares with them (X-04
 * reports on 表2's sheet, X-10 on 表4's), so a 表1 with nothing reported may still be one the fill changes; they are
 * small, and filled from the settled code tables' cells as they are.
 */
export function settledTables(wb: BudgetWorkbook, findings: readonly Finding[]): Set<TableBase> {
  const flagged = new Set<string>();
  const reported = new Set<string>();
  for (const f of findings) {
    reported.add(f.sheet);
    if (CODE_TABLE_FILL_RULES.has(f.rule)) flagged.add(f.sheet);
  }
  const out = new Set<TableBase>([wb.t2, wb.t3, wb.t5, wb.t6, wb.t7, wb.t8].filter((t): t is CodeTable => t !== undefined && !flagged.has(t.sheet)));
  for (const t of [wb.t9, wb.t10]) if (t && !reported.has(t.sheet)) out.add(t);
  return out;
}

/** The row of a table's first note below its header (注：…), where its data ends; Infinity without one. */
function firstNoteRow(t: TableBase): number {
  let row = Infinity;
  for (const n of t.notes) if (n.loc.row > t.headerEndRow && n.loc.row < row) row = n.loc.row;
  return row;
}

/** A settled table whose cells the fill may take as they are: nothing merged in its data, its layout read in full. */
function settled(s: FillState, t: TableBase, options: FillOptions): boolean {
  return !!options.settled?.has(t) && !s.sheetProblems.has(t.sheet) && s.mergesOutsideData(t);
}

/** The tables fill derives figures in (表1 to 表10), as the workbook has them. */
export function fillTables(wb: BudgetWorkbook): TableBase[] {
  return [wb.t1, wb.t2, wb.t3, wb.t4, wb.t5, wb.t6, wb.t7, wb.t8, wb.t9, wb.t10].filter((t) => t !== undefined);
}

export function planFillWorkbook(wb: BudgetWorkbook, snapshot: WorkbookSnapshot, options: FillOptions = {}): FillPlan {
  const keep = new Set(options.rounding?.keys());
  for (;;) {
    const plan = planOnce(wb, snapshot, options, keep);
    // A total kept for rounding whose parts the fill now writes no longer adds up as published: plan again without it.
    const written = new Set(plan.writes.map((w) => `${w.sheet}!${w.cell}`));
    const stale = [...keep].filter((k) => options.rounding!.get(k)!.some((r) => written.has(r)));
    if (stale.length === 0) return plan;
    for (const k of stale) keep.delete(k);
  }
}

function planOnce(wb: BudgetWorkbook, snapshot: WorkbookSnapshot, options: FillOptions, keep: ReadonlySet<string>): FillPlan {
  const cells = new SnapshotCells(snapshot);
  const s = new FillState(cells, keep.size ? keep : undefined);
  for (const t of fillTables(wb)) {
    const cause = !s.sheetProblems.has(t.sheet) ? s.hiddenColumn(t) : undefined;
    if (cause) s.sheetProblems.set(t.sheet, cause);
  }
  for (const t of [wb.t2, wb.t3, wb.t5, wb.t6, wb.t7, wb.t8]) if (!(t && settled(s, t, options) && !codeTableProblem(t, wb))) fillCodeTable(s, t, wb);
  const steps: [TableBase | undefined, (s: FillState, wb: BudgetWorkbook) => void][] = [
    [wb.t1, fillT1],
    [wb.t4, fillT4],
    [wb.t9, fillT9],
    [wb.t10, fillT10],
  ];
  for (const [t, fill] of steps) if (!(t && settled(s, t, options))) fill(s, wb);
  const units = new Map(wb.tables.map((t) => [t.sheet, t.unit]));
  const writes: CellWrite[] = [];
  const findings: Finding[] = [];
  let recalculateOnOpen = false;
  const seen = new Set<Amount>();
  for (const target of s.all) {
    const a = target.amount;
    if (seen.has(a)) continue;
    seen.add(a);
    const computed = s.final(a);
    if (computed === null) continue; // a later step found it blocked
    const yuan = units.get(a.loc.sheet) === "元";
    // The figure as the sheet would show it, in 分 when both sides are whole 分 (no Decimal for the many totals
    // that are right already), else as a Decimal.
    const shown = shownFen(computed.fen, yuan);
    const fast = shown === shown && fenOf(a) === fenOf(a);
    let exact: Decimal | undefined;
    const value = () => (exact ??= toSheet(computed.value, yuan, 2));
    const same = fast ? shown === a.fen : value().eq(a.raw);
    const zero = fast ? shown === 0 : value().isZero();
    const formula = cells.formula(a.loc);
    if (formula) {
      // A formula total keeps its formula; a stale or missing result is reported and recalculated on open.
      const cached = cells.value(a.loc);
      if (a.readable && cached !== null && same) continue;
      recalculateOnOpen = true;
      findings.push(formulaFinding(target, formula, cached, value()));
      continue;
    }
    if (a.readable && same && !(a.blank && !zero)) continue;
    if (a.blank && a.readable && zero) continue; // keep blanks blank: the disclosure leaves zeros empty
    writes.push({
      sheet: a.loc.sheet,
      cell: a.loc.address,
      row: a.loc.row,
      col: a.loc.col,
      oldValue: cells.value(a.loc),
      oldFormula: null,
      newValue: value(),
      table: target.table,
      label: target.label,
      replaces: !a.blank,
    });
  }
  for (const b of s.blocked.values()) findings.push(blockedFinding(b));
  const blind = mergesUnknown(wb, snapshot, writes);
  if (blind) findings.push(blind);
  // Formulas elsewhere may read the cells written: have Excel recalculate them when the file is opened.
  if (writes.length > 0 && snapshot.sheets.some((sh) => sh.formulas?.some((r) => r?.some((f) => f)))) recalculateOnOpen = true;
  return { writes, findings, recalculateOnOpen };
}

export const FILL_RULES = { blocked: "F-01", formula: "F-02", mergesUnknown: "F-03" } as const;

/**
 * F-03: the host could not say where the merged ranges are (Excel before ExcelApi 1.13, or WPS past its call
 * budget) on a sheet the fill writes: it cannot keep clear of cells hidden under a merge there, so the preview says so.
 */
function mergesUnknown(wb: BudgetWorkbook, snapshot: WorkbookSnapshot, writes: CellWrite[]): Finding | null {
  const written = new Set(writes.map((w) => w.sheet));
  const blind = wb.tables.map((t) => t.sheet).filter((name, i, all) => all.indexOf(name) === i && written.has(name) && snapshot.sheets.find((x) => x.name === name)?.merges === undefined);
  if (blind.length === 0) return null;
  const list = blind.slice(0, 6).map((n) => `“${n}”`).join("、") + (blind.length > 6 ? ` 等 ${blind.length} 张表` : "");
  return {
    rule: FILL_RULES.mergesUnknown,
    severity: "warning",
    sheet: blind[0],
    cell: "",
    related: [],
    message:
      `无法读取${list}的合并单元格（Excel 版本低于 ExcelApi 1.13，或合并单元格过多），填充无法避开被合并单元格遮住的格子。` +
      `请核对将要写入的单元格没有与科目名称或其他数字合并；也可以在浏览器模式或命令行中填充。`,
  };
}

function where(loc: Loc): string {
  return `“${loc.sheet}”${loc.address}`;
}

function blockedFinding(b: Blocked): Finding {
  const { cause } = b;
  const self = b.targets.find((t) => t.amount.loc.sheet === cause.loc.sheet && t.amount.loc.address === cause.loc.address);
  const others = b.targets.filter((t) => t !== self);
  const list = others.slice(0, 12).map((t) => `${where(t.amount.loc)}（${t.label}）`).join("、") + (others.length > 12 ? ` 等 ${others.length} 处` : "");
  const head = self ? `${where(cause.loc)}（${self.label}）${cause.why}，未填充` : `${where(cause.loc)}${cause.why}`;
  const rest = others.length ? `${self ? "；依赖它的 " + others.length + " 个合计也" : "，依赖它的 " + others.length + " 个合计"}保持原值未填充：${list}` : "";
  return {
    rule: FILL_RULES.blocked,
    severity: "warning",
    sheet: cause.loc.sheet,
    cell: cause.loc.address,
    table: self?.table ?? others[0]?.table,
    related: others.slice(0, 40).map((t) => ({ sheet: t.amount.loc.sheet, cell: t.amount.loc.address })),
    message: `${head}${rest}。${cause.todo}`,
  };
}

function formulaFinding(t: Target, formula: string, cached: CellValue, value: Decimal): Finding {
  const a = t.amount;
  const f = quoteText(formula);
  const state =
    cached === null
      ? `的公式 ${f} 没有保存计算结果（公式未计算），按明细应为 ${value.toFixed(2)}`
      : `的公式 ${f} 现在的结果为 ${quoteText(cellText(cached))}，按明细应为 ${value.toFixed(2)}`;
  return {
    rule: FILL_RULES.formula,
    severity: "warning",
    sheet: a.loc.sheet,
    cell: a.loc.address,
    table: t.table,
    related: [],
    expected: value.toFixed(2),
    actual: cached === null ? undefined : cellText(cached),
    message:
      `${where(a.loc)}（${t.label}）${state}。公式保留未改写，文件已设置为打开时重新计算；` +
      `请在 Excel 或 WPS 中打开并保存后核对该公式是否引用了全部明细。`,
  };
}

/** Every derived figure whose cell differs from what the tables imply, as cell writes. Leaf inputs are never written. */
export function planFill(snapshot: WorkbookSnapshot): FillPlan {
  return planFillKeepingRounding(readWorkbook(snapshot), snapshot);
}

/**
 * planFillWorkbook keeping the totals that rounding explains (FillOptions.rounding): the rules are asked only when
 * the plan replaces a figure, so a workbook whose totals are blank (50,000 rows) is not checked for nothing.
 */
export function planFillKeepingRounding(wb: BudgetWorkbook, snapshot: WorkbookSnapshot, options: FillOptions = {}): FillPlan {
  const plan = planFillWorkbook(wb, snapshot, options);
  if (options.rounding || !plan.writes.some((w) => w.replaces)) return plan;
  const rounding = roundingTotals(checkWorkbook(wb));
  return plan.writes.some((w) => w.replaces && rounding.has(`${w.sheet}!${w.cell}`)) ? planFillWorkbook(wb, snapshot, { ...options, rounding }) : plan;
}
