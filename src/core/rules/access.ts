// Small read helpers the rules share: rows by code, column labels, parent/children, implied zeros.
import { FISCAL_PART_KEYS, INCOME_SOURCE_KEYS, specFor } from "../model/table-specs";
import type { Amount, CodeRow, CodeTable, LabeledRow, TableKey, TwoSidedTable } from "../model/types";
import { amountIsZero, fenOf, footsExactly, missingAmount, rowFen, rowFootsInFen, type Emitter, type Lazy, type Side } from "./framework";
import { decimalFromFen, sumFen } from "../money";
import { codeIndex } from "../model/code-index";
import { cachedOn } from "../memo";

export { codeIndex };

const COL_LABELS = new Map<TableKey, Map<string, string>>();

/** A column's first label ("基本支出"), by table and column key; fill and messages ask for it for every cell. */
export function colLabel(key: TableKey, col: string): string {
  let labels = COL_LABELS.get(key);
  if (!labels) COL_LABELS.set(key, (labels = new Map()));
  let label = labels.get(col);
  if (label === undefined) {
    label = specFor(key).columns.find((c) => c.key === col)?.labels[0] ?? col;
    labels.set(col, label);
  }
  return label;
}

const AMOUNT_KEYS = new Map<TableKey, string[]>();

export function amountKeys(t: CodeTable): string[] {
  let keys = AMOUNT_KEYS.get(t.key);
  if (!keys) {
    keys = specFor(t.key).columns.filter((c) => c.amount).map((c) => c.key);
    AMOUNT_KEYS.set(t.key, keys);
  }
  return keys;
}

/** Some cell of the row holds a figure other than zero (without building the list of its cells). */
export function hasNonZero(cells: Record<string, Amount>): boolean {
  for (const k in cells) if (!amountIsZero(cells[k])) return true;
  return false;
}

/** Some amount cell of a code row holds a figure other than zero: in 分 by rowFen where it can (no cell made). */
export function rowHasNonZero(t: CodeTable, row: CodeRow): boolean {
  for (const k of amountKeys(t)) {
    const fen = rowFen(row, k);
    if (fen !== fen) return hasNonZero(row.cells);
    if (fen !== 0) return true;
  }
  return false;
}

export function rowLabel(row: CodeRow): string {
  return row.level === 0 ? "合计行" : `${row.code} ${row.name}`.trim();
}

export function cellOf(row: CodeRow | LabeledRow | undefined, key: string, sheet = ""): Amount {
  return row?.cells[key] ?? missingAmount(sheet);
}

export function side(t: { key: TableKey; title: string }, row: CodeRow | LabeledRow | undefined, key: string, label?: Lazy): Side {
  return { amount: cellOf(row, key), table: t.title, label: label ?? (() => `${row ? ("code" in row ? rowLabel(row) : row.label) : ""} ${colLabel(t.key, key)}`.trim()) };
}

const CHILDREN = Symbol("children");
const CLASSES = Symbol("classes");

export function parentCode(code: string): string | null {
  return code.length === 7 ? code.slice(0, 5) : code.length === 5 ? code.slice(0, 3) : null;
}

/** Direct children: 款 of a 类, 项 of a 款. */
export function childrenOf(t: CodeTable, row: CodeRow): CodeRow[] {
  return cachedOn(t, CHILDREN, childLists).get(row.code) ?? [];
}

function childLists(t: CodeTable): Map<string, CodeRow[]> {
  const m = new Map<string, CodeRow[]>();
  // Rows mostly follow their parent's other children: the last parent's list serves without a slice or a lookup.
  let last = "";
  let lastList: CodeRow[] = [];
  for (const r of t.rows) {
    const code = r.code;
    if (last && code.length === last.length + 2 && code.startsWith(last)) {
      lastList.push(r);
      continue;
    }
    const p = parentCode(code);
    if (p === null) continue;
    let list = m.get(p);
    if (!list) m.set(p, (list = []));
    list.push(r);
    last = p;
    lastList = list;
  }
  return m;
}

export function classRows(t: CodeTable): CodeRow[] {
  return cachedOn(t, CLASSES, () => t.rows.filter((r) => r.level === 1));
}

/** Leaves: rows without children (项, or 款/类 listed without their children). */
export function leafRows(t: CodeTable): CodeRow[] {
  return t.rows.filter((r) => childrenOf(t, r).length === 0);
}

export function hasAmounts(t: CodeTable): boolean {
  return (t.total !== undefined && rowHasNonZero(t, t.total)) || t.rows.some((r) => rowHasNonZero(t, r));
}

/** The income sources of a 收入总表 row, which its 本年收入小计 adds up. */
export const T2_SOURCES = ["fiscal", "special", "business", "operating", "superior", "affiliated", "other"];

type RowTotal = [total: string, parts: string[]];
const T2_WITH_SUBTOTAL: RowTotal[] = [
  ["subtotal", T2_SOURCES],
  ["total", ["subtotal", "carry"]],
];
// Without a 小计 column (Shanghai's and others' 收入总表) the 合计 adds the sources itself.
const T2_WITHOUT_SUBTOTAL: RowTotal[] = [["total", [...T2_SOURCES, "carry"]]];
const ROW_TOTALS: Partial<Record<TableKey, RowTotal[]>> = {
  T3: [["total", ["basic", "project", "operating", "remit", "subsidy"]]],
  T5: [["total", ["basic", "project"]]],
  T6: [["total", ["personnel", "public"]]],
  T7: [["total", ["basic", "project"]]],
  T8: [["total", ["basic", "project"]]],
};

/**
 * A code table's per-row totals, [total column, its parts], as its layout has them, in the order to compute them:
 * the rules check these relations and the fill computes them, so that the two never disagree.
 */
export function rowTotalRelations(t: CodeTable): RowTotal[] {
  if (t.key === "T2") return t.columns.subtotal ? T2_WITH_SUBTOTAL : T2_WITHOUT_SUBTOTAL;
  return ROW_TOTALS[t.key] ?? [];
}

/** Per-row total = Σ parts, for the 合计 row and every code row. */
export function rowTotals(emit: Emitter, t: CodeTable, totalKey: string, partKeys: string[]): void {
  const parts: Amount[] = [];
  for (let i = -1; i < t.rows.length; i++) {
    const row = i < 0 ? t.total : t.rows[i];
    if (!row) continue;
    if (rowFootsInFen(row, totalKey, partKeys)) continue;
    parts.length = 0;
    for (const k of partKeys) parts.push(row.cells[k]);
    if (footsExactly(row.cells[totalKey], parts)) continue;
    // Name the parts the row has (the "基本支出+项目支出"), or all of them when none is filled.
    const partsLabel = () => {
      const filled = partKeys.filter((k) => row.cells[k] && !row.cells[k].blank);
      return (filled.length ? filled : partKeys).map((k) => colLabel(t.key, k)).join("+");
    };
    emit.sum({
      table: t.title,
      target: { amount: row.cells[totalKey], label: () => `${rowLabel(row)} ${colLabel(t.key, totalKey)}` },
      items: partKeys.map((k) => ({ amount: row.cells[k] })),
      itemsLabel: partsLabel,
    });
  }
}

/** Σ of one column over rows, as a computed (exact) amount with the rows as related cells. */
export function sumOf(rows: (CodeRow | LabeledRow | undefined)[], key: string): { amount: Amount; parts: Amount[] } {
  const parts = rows.filter(Boolean).map((r) => r!.cells[key]).filter((a) => a && a.loc.col >= 0);
  const fen = sumFen(parts.map(fenOf));
  const value = fen === fen ? decimalFromFen(fen) : parts.reduce((s, a) => s.plus(a.value), missingAmount().value);
  return { amount: { ...missingAmount(), value, fen, readable: parts.every((a) => a.readable) }, parts };
}

/**
 * The year's income sources of a 收支总表 as its layout lists them: the seed's five rows, or 财政拨款 (by its three
 * funds when listed) with 事业收入, 经营收入, 其他收入 … one by one. Rows a layout does not have are left out.
 */
export function incomeSources(t: TwoSidedTable): LabeledRow[] {
  const inc = t.income;
  const parts = INCOME_SOURCE_KEYS.map((k) => inc[k]).filter((r) => r && !r.derived);
  if (inc.fiscal && !FISCAL_PART_KEYS.some((k) => inc[k])) parts.unshift(inc.fiscal);
  return parts;
}

/** The three fund rows under 财政拨款收入 that the layout lists. */
export function fiscalParts(t: TwoSidedTable): LabeledRow[] {
  return FISCAL_PART_KEYS.map((k) => t.income[k]).filter(Boolean);
}
