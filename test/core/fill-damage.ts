// Random damage to a workbook (unreadable amounts, merges over amount cells) and the check of the fill's plan
// against it, for test/core/fill-properties.test.ts (and by hand: a script that calls `subject` and `check`).
// Dependencies are measured on each undamaged workbook: a derived cell depends on a leaf when changing the leaf
// changes what the fill plans for that cell.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import Decimal from "decimal.js";
import { planFill } from "../../src/core/fill";
import type { FillPlan } from "../../src/core/plan";
import { readWorkbook } from "../../src/core/model/read-workbook";
import type { Amount } from "../../src/core/model/types";
import { a1, type CellValue, type WorkbookSnapshot } from "../../src/core/snapshot";
import { fixture } from "./support";

const key = (sheet: string, row: number, col: number) => `${sheet}!${a1(row, col)}`;

interface Num {
  sheet: string;
  row: number;
  col: number;
  /** The cell as stored (a number, or text such as "１０４２．５８") and the amount it reads as. */
  v: CellValue;
  n: number;
}

/** Amount cells the reader found in the budget tables (numbers or figures typed as text): the cells a fill could ever consider. */
function numericCells(s: WorkbookSnapshot): Num[] {
  const out = new Map<string, Num>();
  const seen = new Set<object>();
  const walk = (x: unknown): void => {
    if (typeof x !== "object" || x === null || seen.has(x) || x instanceof Decimal) return;
    seen.add(x);
    const a = x as Partial<Amount>;
    if (a.raw instanceof Decimal && a.loc) {
      const { sheet, row, col } = a.loc;
      const v = s.sheets.find((sh) => sh.name === sheet)?.rows[row]?.[col] ?? null;
      if (col >= 0 && a.readable && !a.blank && v !== null) out.set(key(sheet, row, col), { sheet, row, col, v, n: a.raw.toNumber() });
      return;
    }
    // A code row's cells are made when asked for (a getter), not among its own values.
    if ("cells" in x) walk(x.cells);
    for (const v of Object.values(x)) walk(v);
  };
  walk(readWorkbook(s));
  return [...out.values()].sort((a, b) => a.sheet.localeCompare(b.sheet) || a.row - b.row || a.col - b.col);
}

/** What the fill plans for each cell it writes. */
function planned(s: WorkbookSnapshot): Map<string, string> {
  return new Map(planFill(s).writes.map((w) => [`${w.sheet}!${w.cell}`, w.newValue.toString()]));
}

/** A workbook with its derived cells and, for each leaf, the derived cells that follow it. */
export interface Subject {
  name: string;
  book: WorkbookSnapshot;
  cells: Num[];
  derived: Set<string>;
  dependents: Map<string, Set<string>>;
}

export async function subject(name: string): Promise<Subject> {
  const book = await fixture(name);
  const cells = numericCells(book);
  const base = planned(book);
  const derived = new Set<string>(base.keys());
  const rowOf = (c: Num) => book.sheets.find((x) => x.name === c.sheet)!.rows[c.row];
  for (const c of cells) {
    rowOf(c)[c.col] = null;
    if (planned(book).has(key(c.sheet, c.row, c.col))) derived.add(key(c.sheet, c.row, c.col));
    rowOf(c)[c.col] = c.v;
  }
  const dependents = new Map<string, Set<string>>();
  for (const c of cells) {
    const k = key(c.sheet, c.row, c.col);
    if (derived.has(k)) continue;
    rowOf(c)[c.col] = c.n + 1000;
    const after = planned(book);
    const changed = new Set<string>();
    for (const [cell, v] of after) if (base.get(cell) !== v) changed.add(cell);
    for (const cell of base.keys()) if (!after.has(cell)) changed.add(cell);
    dependents.set(k, changed);
    rowOf(c)[c.col] = c.v;
  }
  return { name, book, cells, derived, dependents };
}

export const bad: fc.Arbitrary<CellValue> = fc.constantFrom<CellValue>(
  "190万元",
  "693.02\u200b",
  "¥190",
  { error: "#N/A" },
  { error: "#REF!" },
  { error: "#DIV/0!" },
  "待定",
  "1 9 0 元",
  "19O",
  true,
);

/** A merge over a chosen cell: up to 2 rows above and 3 columns left of it, up to 1 below and right. */
export const merge = fc.record({ at: fc.nat(), up: fc.integer({ min: 0, max: 2 }), left: fc.integer({ min: 0, max: 3 }), down: fc.integer({ min: 0, max: 1 }), right: fc.integer({ min: 0, max: 1 }) });

export const damageCase = fc.record({
  book: fc.nat(),
  damage: fc.array(fc.tuple(fc.nat(), bad), { maxLength: 6 }),
  merges: fc.array(merge, { maxLength: 3 }),
  blanks: fc.array(fc.nat(), { maxLength: 8 }),
});

export type DamageCase = typeof damageCase extends fc.Arbitrary<infer T> ? T : never;

/** One case applied to a copy of its workbook: the cells made unreadable (or hidden) and the damage in words. */
export function damage(subjects: Subject[], c: DamageCase) {
  const sub = subjects[c.book % subjects.length];
  const s = structuredClone(sub.book);
  const sheet = (name: string) => s.sheets.find((x) => x.name === name)!;
  const at = (i: number) => sub.cells[i % sub.cells.length];
  /** The damage in words, for the failure message. */
  const what: string[] = [];
  // Blank some derived cells so the fill has work to do.
  for (const i of c.blanks) {
    const x = at(i);
    if (!sub.derived.has(key(x.sheet, x.row, x.col))) continue;
    sheet(x.sheet).rows[x.row][x.col] = null;
    what.push(`blank ${key(x.sheet, x.row, x.col)}`);
  }
  const unreadable: string[] = [];
  for (const [i, v] of c.damage) {
    const x = at(i);
    sheet(x.sheet).rows[x.row][x.col] = v;
    unreadable.push(key(x.sheet, x.row, x.col));
    what.push(`${key(x.sheet, x.row, x.col)} = ${JSON.stringify(v)}`);
  }
  // Merged ranges around a cell (over labels or other amounts), hidden values blanked as readers show them.
  const hidden = new Set<string>();
  for (const m of c.merges) {
    const x = at(m.at);
    const sh = sheet(x.sheet);
    const r0 = Math.max(0, x.row - m.up);
    const c0 = Math.max(0, x.col - m.left);
    const r1 = x.row + m.down;
    const c1 = x.col + m.right;
    if (r0 === r1 && c0 === c1) continue;
    sh.merges = [...(sh.merges ?? []), `${a1(r0, c0)}:${a1(r1, c1)}`];
    what.push(`merge ${x.sheet}!${a1(r0, c0)}:${a1(r1, c1)}`);
    for (let row = r0; row <= r1; row++) {
      for (let col = c0; col <= c1; col++) {
        if (row === r0 && col === c0) continue;
        if (sh.rows[row]) sh.rows[row][col] = null;
        hidden.add(key(x.sheet, row, col));
        unreadable.push(key(x.sheet, row, col));
      }
    }
  }
  return { sub, damaged: s, hidden, unreadable, what };
}

/** Apply one case and check the fill's plan; throws an AssertionError naming the cell on a violation. */
export function check(subjects: Subject[], c: DamageCase): FillPlan {
  const { sub, damaged, hidden, unreadable, what } = damage(subjects, c);
  const plan = planFill(damaged);
  const after = ` (${sub.name}: ${what.join("; ")})`;
  for (const w of plan.writes) {
    const k = `${w.sheet}!${w.cell}`;
    assert.ok(sub.derived.has(k), `${k} is not a derived amount cell (a label or a leaf)${after}`);
    assert.ok(!hidden.has(k), `${k} is under a merge${after}`);
    for (const u of unreadable) assert.ok(u !== k && !(sub.dependents.get(u)?.has(k) ?? false), `${k} was written although it depends on unreadable ${u}${after}`);
  }
  return plan;
}

