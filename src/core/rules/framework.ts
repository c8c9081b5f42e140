// Rule plumbing: a rule is data (id, confidence, description) plus a pure check that emits findings
// through an Emitter, which does the rounding-aware comparison and writes the Chinese message.
import Decimal from "decimal.js";
import type { CellRef, Finding, Severity } from "../findings";
import { compareSame, compareSum, fmt, fmtExact, halfStep, sumFen, ZERO, type Comparison, type Term } from "../money";
import { cachedOn } from "../memo";
import type { Amount, BudgetWorkbook, CodeRow, Loc, Unit } from "../model/types";

export type Confidence = "H" | "M" | "L";

export interface Rule {
  id: string;
  confidence: Confidence;
  /** Chinese, one line: what the rule checks (README rule list, task pane). */
  description: string;
  /** Tables the rule reads, for the README ("表1、表2"). */
  tables: string;
  check(wb: BudgetWorkbook, emit: Emitter): void;
}

export const CONFIDENCE_SEVERITY: Record<Confidence, Severity> = { H: "error", M: "warning", L: "info" };

export const ROUNDING_NOTE = "因四舍五入，表中个别合计数与分项之和可能存在尾差。";

/** Labels are built only when a finding is reported: most checks pass, and 5,000-row tables run many. */
export type Lazy = string | (() => string);

const text = (l: Lazy): string => (typeof l === "function" ? l() : l);

export interface Side {
  amount: Amount;
  /** Title of the table the cell belongs to (between-table checks name both tables). */
  table?: string;
  /** What the figure is, in Chinese: "20805 行政事业单位养老支出 合计". */
  label: Lazy;
}

export interface SumCheck {
  table: string; // title of the target's table
  target: Side;
  items: { amount: Amount; weight?: 1 | -1 }[];
  /** How the items are described: "基本支出+项目支出". */
  itemsLabel: Lazy;
}

function term(a: Amount, weight?: 1 | -1): Term {
  return { value: a.value, fen: a.fen, decimals: a.blank ? null : a.decimals, weight };
}

const UNITS = Symbol("units");

export class Emitter {
  readonly findings: Finding[] = [];
  private readonly units: Map<string, Unit>;
  private readonly seen = new Set<string>();

  constructor(
    readonly rule: Rule,
    wb: BudgetWorkbook,
  ) {
    this.units = cachedOn(wb, UNITS, () => new Map(wb.tables.map((t) => [t.sheet, t.unit])));
  }

  get severity(): Severity {
    return CONFIDENCE_SEVERITY[this.rule.confidence];
  }

  /** An amount in 万元 shown in the unit of the sheet it belongs to. */
  show(v: Decimal, sheet: string): string {
    return this.units.get(sheet) === "元" ? fmt(v.mul(10000)) : fmt(v);
  }

  private showSlack(v: Decimal, sheet: string): string {
    return this.units.get(sheet) === "元" ? fmtExact(v.mul(10000)) : fmtExact(v, 3);
  }

  unitOf(sheet: string): Unit {
    return this.units.get(sheet) ?? "万元";
  }

  emit(f: Omit<Finding, "rule" | "severity" | "related" | "sheet" | "cell"> & { loc: Loc; severity?: Severity; related?: (Loc | CellRef)[] }): void {
    const { loc, related, severity, ...rest } = f;
    // One row can stand under two keys (a layout's 收入总计 is also its 本年收入合计): report it once.
    const key = `${loc.sheet}!${loc.address}|${rest.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push({
      rule: this.rule.id,
      severity: severity ?? this.severity,
      sheet: loc.sheet,
      cell: loc.address,
      related: (related ?? []).filter((r) => ("address" in r ? r.address : r.cell) !== "" && !("col" in r && r.col < 0)).map((r) => ("address" in r ? { sheet: r.sheet, cell: r.address } : r)),
      ...rest,
    });
  }

  /** Total = Σ items, rounding-aware; a finding when it is not. */
  sum(c: SumCheck): void {
    // A total or all its parts absent from the layout (columns or rows it does not have): the rule does not apply.
    if (!c.target.amount || c.target.amount.loc.col < 0) return;
    // An unreadable figure has its own finding (P-01, P-11); a sum that counts it as 0 would be a guess.
    if (!c.target.amount.readable || c.items.some((i) => i.amount && !i.amount.readable)) return;
    if (c.items.length > 0 && c.items.every((i) => !i.amount || i.amount.loc.col < 0)) return;
    if (c.items.length > 0 && c.items.every((i) => !i.amount || i.amount.absent)) return;
    c = { ...c, items: c.items.filter((i) => i.amount) };
    // Exact to the 分 (nearly always): no Decimal made for any figure.
    const fen = fenOf(c.target.amount);
    if (fen === fen && fen === sumFen(c.items.map((i) => fenOf(i.amount)), c.items.map((i) => i.weight))) return;
    const cmp = compareSum(term(c.target.amount), c.items.map((i) => term(i.amount, i.weight)));
    this.report(c.table, c.target, `${text(c.itemsLabel)} = `, cmp, c.items.map((i) => i.amount).filter((a) => !a.blank));
  }

  /** Two cells that report the same figure (between tables); a finding when they differ beyond rounding. */
  same(table: string, a: Side, b: Side): void {
    if (a.amount.loc.col < 0 && b.amount.loc.col < 0) return;
    if (a.amount.absent || b.amount.absent) return; // a column the layout does not have
    if (sameFigure(a.amount, b.amount)) return;
    if (!a.amount.readable || !b.amount.readable) return;
    if (a.amount.loc.col < 0) [a, b] = [b, a]; // report at the cell that exists; the missing side counts as 0
    if (a.table) table = a.table;
    this.report(table, a, `${text(b.label)} `, compareSame(term(a.amount), term(b.amount)), b.amount.loc.col < 0 ? [] : [b.amount]);
  }

  /** a ≤ b (or a ≥ b with flip), allowing rounding of both figures. */
  atMost(table: string, a: Side, b: Side, relation = "不应大于"): boolean {
    if (a.amount.loc.col < 0 || a.amount.absent || b.amount.absent || !a.amount.readable || !b.amount.readable) return true;
    const over = a.amount.value.minus(b.amount.value);
    if (over.lte(0)) return true;
    const slack = halfStepOf(a.amount).plus(halfStepOf(b.amount));
    if (over.lte(slack)) return true;
    const sh = a.amount.loc.sheet;
    this.emit({
      loc: a.amount.loc,
      table,
      related: [b.amount.loc],
      expected: `≤ ${this.show(b.amount.value, sh)}`,
      actual: this.show(a.amount.value, sh),
      message: `${table} ${a.amount.loc.address}：${text(a.label)} ${this.show(a.amount.value, sh)}，${relation}${text(b.label)} ${this.show(b.amount.value, sh)}，超出 ${this.show(over, sh)}。`,
    });
    return false;
  }

  private report(table: string, target: Side, itemsPrefix: string, cmp: Comparison, related: Amount[]): void {
    if (cmp.verdict === "exact") return;
    const sh = target.amount.loc.sheet;
    const head = `${table} ${target.amount.loc.address}：${text(target.label)} ${this.show(cmp.total, sh)}，${itemsPrefix}${this.show(cmp.sum, sh)}，相差 ${this.show(cmp.diff.abs(), sh)}`;
    const rel = related.slice(0, 40).map((a) => a.loc);
    if (cmp.verdict === "rounding") {
      this.emit({
        loc: target.amount.loc,
        severity: "info",
        table,
        related: rel,
        expected: this.show(cmp.sum, sh),
        actual: this.show(cmp.total, sh),
        message: `${head}，在四舍五入允许的尾差 ${this.showSlack(cmp.slack, sh)} 以内。可在情况说明中注明尾差原因。`,
        note: ROUNDING_NOTE,
      });
      return;
    }
    const slackText = cmp.slack.isZero() ? "两处应完全一致" : `超出四舍五入可解释的尾差 ${this.showSlack(cmp.slack, sh)}`;
    this.emit({
      loc: target.amount.loc,
      table,
      related: rel,
      expected: this.show(cmp.sum, sh),
      actual: this.show(cmp.total, sh),
      message: `${head}，${slackText}。`,
    });
  }
}

/** Half the rounding step of the figure as shown; 0 for a blank cell, which is exactly zero. */
export function halfStepOf(a: Amount): Decimal {
  return a.blank ? ZERO : halfStep(a.decimals);
}

/** A zero amount that stands for a missing cell (not reported): loc.col = -1 makes checks skip it. */
/**
 * Fast path for the common case: total = Σ items to the cent, with no allocation of closures or terms
 * (checks over 5,000-row tables call this for every cell; only mismatches go on to Emitter.sum).
 */
export function footsExactly(total: Amount | undefined, items: (Amount | undefined)[]): boolean {
  if (!total) return true;
  // In whole 分 when every figure is one (nearly always): integers, no Decimal (bounded as in money.ts sumFen).
  let fen = fenOf(total);
  for (let i = 0; i < items.length && fen === fen; i++) {
    const a = items[i];
    if (a) fen = within(fen) - fenOf(a);
  }
  if (fen === fen) return fen === 0;
  let rest = total.value;
  for (const a of items) if (a && !a.value.isZero()) rest = rest.minus(a.value);
  return rest.isZero();
}

export function missingAmount(sheet = ""): Amount {
  return {
    value: new Decimal(0),
    raw: new Decimal(0),
    decimals: 2,
    blank: true,
    readable: true,
    loc: { sheet, row: -1, col: -1, address: "" },
    fen: 0,
  };
}

/**
 * A copy of `a` (its cell, precision, state) that holds the figure of `b`: a spread copy would lose the reader's
 * getters (loc, blank, readable, decimals…), so every field is named.
 */
export function withValue(a: Amount, b: Pick<Amount, "value" | "fen">): Amount {
  return { value: b.value, fen: b.fen, raw: a.raw, decimals: a.decimals, blank: a.blank, readable: a.readable, absent: a.absent, loc: a.loc };
}

/** The amount in whole 分, NaN when it is none (then only its Decimal serves). */
export function fenOf(a: Amount): number {
  return a.fen ?? NaN;
}

/** A row's figure in column `key` in whole 分; NaN when not known so, or when the row has no such cell. */
export function rowFen(row: CodeRow, key: string): number {
  if (row.fenAt) return row.fenAt(key);
  const a = row.cells[key];
  return a ? fenOf(a) : NaN;
}

/**
 * A row's `totalKey` cell = Σ its `partKeys` cells, to the 分 by rowFen (no cell made). False when not, or not known
 * so: then footsExactly on the cells decides (and the rule reports).
 */
export function rowFootsInFen(row: CodeRow, totalKey: string, partKeys: string[]): boolean {
  let fen = rowFen(row, totalKey);
  for (let i = 0; i < partKeys.length && fen === fen; i++) fen = within(fen - rowFen(row, partKeys[i]));
  return fen === 0;
}

/** A parent row's cell in column `key` = Σ its children's, to the 分 by rowFen; false when not, or not known so. */
export function childrenFootInFen(parent: CodeRow, kids: CodeRow[], key: string): boolean {
  let fen = rowFen(parent, key);
  for (let i = 0; i < kids.length && fen === fen; i++) fen = within(fen - rowFen(kids[i], key));
  return fen === 0;
}

/** NaN for a sum of 分 past what a double holds exactly (as footsExactly and money.ts sumFen bound it). */
const within = (fen: number): number => (fen > 8e15 || fen < -8e15 ? NaN : fen);

/** The figure is zero (in 分 when known so: no Decimal). */
export function amountIsZero(a: Amount): boolean {
  const f = fenOf(a);
  return f === f ? f === 0 : a.value.isZero();
}

/** a ≤ b, exactly (b absent: 0); in 分 when both are known so. */
export function notAbove(a: Amount, b: Amount | undefined): boolean {
  const fa = fenOf(a);
  const fb = b ? fenOf(b) : 0;
  return fa === fa && fb === fb ? fa <= fb : a.value.lte(b?.value ?? 0);
}

/** Two amounts are the same figure (in 分 when both are known so). */
export function sameFigure(a: Amount, b: Amount): boolean {
  const fa = fenOf(a);
  const fb = fenOf(b);
  return fa === fa && fb === fb ? fa === fb : a.value.eq(b.value);
}

/** A blank amount that exists as an implied zero (e.g. a class row a table does not list). */
export function isZero(a: Amount | undefined): boolean {
  return !a || amountIsZero(a);
}
