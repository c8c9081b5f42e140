// Fill: compute every derived figure from the leaf inputs and return the cells whose value would change.
// Order matters: code tables bottom-up (row totals, 项 → 款 → 类 → 合计), then tables 1 and 4 from them,
// then 三公 and 政府采购 row totals. Leaf inputs are never written; a derived zero never fills a blank cell.
import Decimal from "decimal.js";
import type { WorkbookSnapshot } from "./snapshot";
import type { CellWrite, FillPlan } from "./plan";
import { readWorkbook } from "./model/read-workbook";
import { FUNCTIONAL_CLASSES, classKey } from "./model/classification";
import type { Amount, BudgetWorkbook, CodeRow, CodeTable, LabeledRow, TwoSidedTable } from "./model/types";
import { amountKeys, childrenOf, classRows, colLabel, fiscalParts, incomeSources, rowLabel } from "./rules/access";
import { formulaAt } from "./snapshot";

const ZERO = new Decimal(0);

interface Target {
  amount: Amount;
  table: string;
  label: string;
}

class FillState {
  private readonly next = new Map<Amount, Decimal>();
  private readonly targets: Target[] = [];

  get(a: Amount | undefined): Decimal {
    if (!a) return ZERO;
    return this.next.get(a) ?? a.value;
  }

  sum(amounts: (Amount | undefined)[]): Decimal {
    return amounts.reduce<Decimal>((s, a) => s.plus(this.get(a)), ZERO);
  }

  set(a: Amount | undefined, value: Decimal, table: string, label: string): void {
    if (!a || a.loc.col < 0) return;
    this.next.set(a, value);
    this.targets.push({ amount: a, table, label });
  }

  get all(): Target[] {
    return this.targets;
  }

  final(a: Amount): Decimal {
    return this.get(a);
  }
}

const CLASS_KEYS = FUNCTIONAL_CLASSES.map(classKey);

/** Row totals of one code row: only when at least one part is given, so a lone 合计 input survives. */
function fillRowTotal(s: FillState, t: CodeTable, row: CodeRow, totalKey: string, parts: string[]): void {
  const cells = parts.map((k) => row.cells[k]).filter((a) => a && a.loc.col >= 0);
  if (cells.every((a) => a.blank && s.get(a).isZero())) return;
  s.set(row.cells[totalKey], s.sum(cells), t.title, `${rowLabel(row)} ${colLabel(t.key, totalKey)}`);
}

const ROW_TOTALS: Record<string, [string, string[]][]> = {
  T2: [
    ["subtotal", ["fiscal", "special", "business", "operating", "superior", "affiliated", "other"]],
    ["total", ["subtotal", "carry"]],
  ],
  T3: [["total", ["basic", "project", "operating", "remit", "subsidy"]]],
  T5: [["total", ["basic", "project"]]],
  T6: [["total", ["personnel", "public"]]],
  T7: [["total", ["basic", "project"]]],
  T8: [["total", ["basic", "project"]]],
};

function fillCodeTable(s: FillState, t: CodeTable | undefined): void {
  if (!t) return;
  const totals = ROW_TOTALS[t.key] ?? [];
  for (const row of t.rows) {
    if (childrenOf(t, row).length > 0) continue;
    for (const [key, parts] of totals) fillRowTotal(s, t, row, key, parts);
  }
  const keys = amountKeys(t);
  for (const level of [2, 1] as const) {
    for (const row of t.rows) {
      if (row.level !== level) continue;
      const kids = childrenOf(t, row);
      if (kids.length === 0) continue;
      for (const k of keys) s.set(row.cells[k], s.sum(kids.map((c) => c.cells[k])), t.title, `${rowLabel(row)} ${colLabel(t.key, k)}`);
    }
  }
  if (t.total && t.rows.length) {
    const classes = classRows(t);
    for (const k of keys) s.set(t.total.cells[k], s.sum(classes.map((c) => c.cells[k])), t.title, `合计行 ${colLabel(t.key, k)}`);
  }
}

function codeTotal(t: CodeTable | undefined, key: string): Amount | undefined {
  return t?.total?.cells[key];
}

function classTotal(t: CodeTable | undefined, code: string): Amount | undefined {
  return t?.rows.find((r) => r.code === code)?.cells.total;
}

function setRow(s: FillState, t: TwoSidedTable, row: LabeledRow | undefined, key: string, value: Decimal): void {
  if (row) s.set(row.cells[key], value, t.title, `${row.label}${colLabel(t.key, key) === "预算数" || colLabel(t.key, key) === "金额" ? "" : " " + colLabel(t.key, key)}`);
}

function fillT1(s: FillState, wb: BudgetWorkbook): void {
  const t = wb.t1;
  if (!t) return;
  const inc = t.income;
  const t2 = wb.t2;
  if (t2?.total) {
    const fund = s.get(codeTotal(wb.t7, "total"));
    const soe = s.get(codeTotal(wb.t8, "total"));
    setRow(s, t, inc.gp, "inAmount", s.get(codeTotal(t2, "fiscal")).minus(fund).minus(soe));
    setRow(s, t, inc.fund, "inAmount", fund);
    setRow(s, t, inc.soe, "inAmount", soe);
    setRow(s, t, inc.special, "inAmount", s.get(codeTotal(t2, "special")));
    setRow(s, t, inc.unitFunds, "inAmount", s.sum(["business", "operating", "superior", "affiliated", "other"].map((k) => codeTotal(t2, k))));
    setRow(s, t, inc.carry, "inAmount", s.get(codeTotal(t2, "carry")));
    // Other schemes list 财政拨款 and the 单位资金 items one by one; only from columns the 收入总表 has.
    for (const k of ["fiscal", "business", "operating", "superior", "affiliated", "other"]) if (t2.columns[k]) setRow(s, t, inc[k], "inAmount", s.get(codeTotal(t2, k)));
  }
  const parts = fiscalParts(t);
  if (parts.length) setRow(s, t, inc.fiscal, "inAmount", s.sum(parts.map((r) => r.cells.inAmount)));
  setRow(s, t, inc.total, "inAmount", s.sum(incomeSources(t).map((r) => r.cells.inAmount)));
  setRow(s, t, inc.grand, "inAmount", s.sum([inc.total?.cells.inAmount, inc.carry?.cells.inAmount]));
  const ex = t.expense;
  if (wb.t3) for (const c of FUNCTIONAL_CLASSES) if (c.code) setRow(s, t, ex[c.code], "exAmount", s.get(classTotal(wb.t3, c.code)));
  setRow(s, t, ex.total, "exAmount", s.sum(CLASS_KEYS.map((k) => ex[k]?.cells.exAmount)));
  setRow(s, t, ex.grand, "exAmount", s.sum([ex.total?.cells.exAmount, ex.carry?.cells.exAmount]));
}

function fillT4(s: FillState, wb: BudgetWorkbook): void {
  const t = wb.t4;
  if (!t) return;
  const inc = t.income;
  if (wb.t1) for (const k of ["gp", "fund", "soe"]) if (wb.t1.income[k]) setRow(s, t, inc[k], "inAmount", s.get(wb.t1.income[k].cells.inAmount));
  setRow(s, t, inc.total, "inAmount", s.sum(["gp", "fund", "soe"].map((k) => inc[k]?.cells.inAmount)));
  setRow(s, t, inc.carry, "inAmount", s.sum(["carryGp", "carryFund", "carrySoe"].map((k) => inc[k]?.cells.inAmount)));
  setRow(s, t, inc.grand, "inAmount", s.sum([inc.total?.cells.inAmount, inc.carry?.cells.inAmount]));
  const ex = t.expense;
  const sources: [string, CodeTable | undefined][] = [
    ["exGp", wb.t5],
    ["exFund", wb.t7],
    ["exSoe", wb.t8],
  ];
  for (const c of FUNCTIONAL_CLASSES) {
    const row = ex[classKey(c)];
    if (!row || !c.code) continue;
    for (const [col, src] of sources) if (src) setRow(s, t, row, col, s.get(classTotal(src, c.code)));
    setRow(s, t, row, "exTotal", s.sum(sources.map(([col]) => row.cells[col])));
  }
  for (const col of ["exGp", "exFund", "exSoe"]) setRow(s, t, ex.total, col, s.sum(CLASS_KEYS.map((k) => ex[k]?.cells[col])));
  for (const key of ["total", "carry"]) if (ex[key]) setRow(s, t, ex[key], "exTotal", s.sum(["exGp", "exFund", "exSoe"].map((col) => ex[key].cells[col])));
  for (const col of ["exTotal", "exGp", "exFund", "exSoe"]) setRow(s, t, ex.grand, col, s.sum([ex.total?.cells[col], ex.carry?.cells[col]]));
}

function fillT9(s: FillState, wb: BudgetWorkbook): void {
  const t = wb.t9;
  if (!t) return;
  const rows = t.rows;
  const label = (r: LabeledRow, col: string) => `${r.label} ${colLabel("T9", col)}`;
  for (const key of ["abroad", "reception", "carBuy", "carRun"]) {
    const r = rows[key];
    if (r && ["gp", "fund", "soe"].some((c) => !r.cells[c].blank)) s.set(r.cells.total, s.sum(["gp", "fund", "soe"].map((c) => r.cells[c])), t.title, label(r, "total"));
  }
  for (const col of ["gp", "fund", "soe", "total"]) {
    if (rows.car && (rows.carBuy || rows.carRun)) s.set(rows.car.cells[col], s.sum([rows.carBuy?.cells[col], rows.carRun?.cells[col]]), t.title, label(rows.car, col));
    if (rows.total) s.set(rows.total.cells[col], s.sum([rows.abroad?.cells[col], rows.car?.cells[col], rows.reception?.cells[col]]), t.title, label(rows.total, col));
  }
}

function fillT10(s: FillState, wb: BudgetWorkbook): void {
  const t = wb.t10;
  if (!t) return;
  const funds = ["gp", "fund", "soe", "special", "unitFunds"];
  for (const r of t.rows) {
    if (funds.every((k) => r.cells[k].blank)) continue;
    s.set(r.cells.total, s.sum(funds.map((k) => r.cells[k])), t.title, `“${r.item || r.project}” 合计`);
  }
}

/** Round a 万元 value into the sheet's unit and precision. */
function toSheet(v: Decimal, unitYuan: boolean, decimals: number): Decimal {
  const raw = unitYuan ? v.mul(10000) : v;
  return raw.toDecimalPlaces(decimals, Decimal.ROUND_HALF_UP);
}

export function planFillWorkbook(wb: BudgetWorkbook, snapshot: WorkbookSnapshot): FillPlan {
  const s = new FillState();
  for (const t of [wb.t2, wb.t3, wb.t5, wb.t6, wb.t7, wb.t8]) fillCodeTable(s, t);
  fillT1(s, wb);
  fillT4(s, wb);
  fillT9(s, wb);
  fillT10(s, wb);
  const units = new Map(wb.tables.map((t) => [t.sheet, t.unit]));
  const sheets = new Map(snapshot.sheets.map((sh) => [sh.name, sh]));
  const writes: CellWrite[] = [];
  const seen = new Set<Amount>();
  for (const target of s.all) {
    const a = target.amount;
    if (seen.has(a)) continue;
    seen.add(a);
    const yuan = units.get(a.loc.sheet) === "元";
    const value = toSheet(s.final(a), yuan, 2);
    if (a.readable && value.eq(a.raw) && !(a.blank && !value.isZero())) continue;
    if (a.blank && a.readable && value.isZero()) continue; // keep blanks blank: the disclosure leaves zeros empty
    const sheet = sheets.get(a.loc.sheet);
    const oldValue = sheet?.rows[a.loc.row]?.[a.loc.col] ?? null;
    const oldFormula = sheet ? formulaAt(sheet, a.loc.row, a.loc.col) : null;
    writes.push({
      sheet: a.loc.sheet,
      cell: a.loc.address,
      row: a.loc.row,
      col: a.loc.col,
      oldValue,
      oldFormula,
      newValue: value,
      table: target.table,
      label: target.label,
      replaces: !a.blank || !a.readable || oldFormula !== null,
    });
  }
  return { writes };
}

/** Every derived figure whose cell differs from what the tables imply, as cell writes. Leaf inputs are never written. */
export function planFill(snapshot: WorkbookSnapshot): FillPlan {
  return planFillWorkbook(readWorkbook(snapshot), snapshot);
}
