// Groups scattered cell writes into rectangles so a fill assigns a few 2-D arrays instead of one range per cell.
import { a1, parseA1 } from "../core/snapshot";
import type { FillPlan } from "../core/plan";

export interface CellItem<T> {
  sheet: string;
  row: number;
  col: number;
  value: T;
}

export interface Block<T> {
  sheet: string;
  row: number;
  col: number;
  values: T[][];
  /** "B5:D9" (or "B5" for one cell). */
  address: string;
}

export function cellItem<T>(sheet: string, cell: string, value: T): CellItem<T> {
  const p = parseA1(cell);
  if (!p) throw new Error(`不是有效的单元格地址：${sheet}!${cell}`);
  return { sheet, row: p.row, col: p.col, value };
}

/** Horizontal runs per row, then runs with the same columns on consecutive rows merged into one block. */
/** A fill plan's cells in the order hosts write them: the amounts, then the empty-table notes ("" clears one it removes). */
export function planItems(plan: FillPlan): CellItem<number | string>[] {
  return [...plan.writes.map((w) => cellItem<number | string>(w.sheet, w.cell, w.newValue.toNumber())), ...(plan.notes ?? []).map((n) => cellItem<number | string>(n.sheet, n.cell, n.newValue ?? ""))];
}

export function toBlocks<T>(items: CellItem<T>[]): Block<T>[] {
  const bySheet = new Map<string, CellItem<T>[]>();
  for (const it of items) {
    const list = bySheet.get(it.sheet) ?? [];
    list.push(it);
    bySheet.set(it.sheet, list);
  }
  const out: Block<T>[] = [];
  for (const [sheet, list] of bySheet) {
    // Last write wins when a cell appears twice.
    const uniq = new Map<string, CellItem<T>>();
    for (const it of list) uniq.set(`${it.row}:${it.col}`, it);
    const sorted = [...uniq.values()].sort((a, b) => a.row - b.row || a.col - b.col);
    const runs: { row: number; col: number; values: T[] }[] = [];
    for (const it of sorted) {
      const last = runs[runs.length - 1];
      if (last && last.row === it.row && last.col + last.values.length === it.col) last.values.push(it.value);
      else runs.push({ row: it.row, col: it.col, values: [it.value] });
    }
    const open = new Map<string, Block<T>>(); // key col:width → block ending on the previous row
    const blocks: Block<T>[] = [];
    for (const run of runs) {
      const key = `${run.col}:${run.values.length}`;
      const b = open.get(key);
      if (b && b.row + b.values.length === run.row) {
        b.values.push(run.values);
      } else {
        const nb: Block<T> = { sheet, row: run.row, col: run.col, values: [run.values], address: "" };
        blocks.push(nb);
        open.set(key, nb);
      }
    }
    for (const b of blocks) b.address = blockAddress(b);
    out.push(...blocks);
  }
  return out;
}

export function blockAddress(b: { row: number; col: number; values: unknown[][] }): string {
  const start = a1(b.row, b.col);
  const h = b.values.length;
  const w = b.values[0]?.length ?? 1;
  return h === 1 && w === 1 ? start : `${start}:${a1(b.row + h - 1, b.col + w - 1)}`;
}

/** Rough size of what a block adds to an Excel request (JSON of its values plus overhead). */
export function blockPayload(b: Block<unknown>): number {
  return JSON.stringify(b.values).length * 3 + b.sheet.length * 3 + 200;
}

/** Splits blocks into batches that each stay under the request limit. */
export function chunkBlocks<T>(blocks: Block<T>[], limit: number): Block<T>[][] {
  const chunks: Block<T>[][] = [];
  let cur: Block<T>[] = [];
  let size = 0;
  for (const b of blocks) {
    const s = blockPayload(b);
    if (cur.length > 0 && size + s > limit) {
      chunks.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(b);
    size += s;
  }
  if (cur.length > 0) chunks.push(cur);
  return chunks;
}
