// Property tests: any single amount changed beyond rounding is caught at its cell or at a total that
// depends on it; random grids and random cell contents never make the engine throw.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { check } from "../../src/core/check";
import { planFill } from "../../src/core/fill";
import { readWorkbook } from "../../src/core/model/read-workbook";
import { TABLE_SPECS } from "../../src/core/model/table-specs";
import { renderNarrative } from "../../src/core/narrative/render";
import type { Amount, BudgetWorkbook } from "../../src/core/model/types";
import type { CellValue, WorkbookSnapshot } from "../../src/core/snapshot";
import { fixture, keys, templates } from "./support";

/** Every amount cell of tables 1–9 that the reader located (filled or blank). */
function amountCells(wb: BudgetWorkbook): Amount[] {
  const out: Amount[] = [];
  const add = (cells: Record<string, Amount>) => Object.values(cells).forEach((a) => a.loc.col >= 0 && out.push(a));
  for (const t of [wb.t2, wb.t3, wb.t5, wb.t6, wb.t7, wb.t8]) if (t) for (const r of [t.total, ...t.rows]) if (r) add(r.cells);
  for (const t of [wb.t1, wb.t4]) if (t) for (const r of [...Object.values(t.income), ...Object.values(t.expense)]) add(r.cells);
  return out;
}

describe("properties", () => {
  let seed: WorkbookSnapshot;
  let cells: Amount[];
  let baseline: Set<string>;
  before(async () => {
    seed = await fixture("seed");
    cells = amountCells(readWorkbook(seed));
    baseline = new Set(keys(check(seed).findings));
  });

  it("a change beyond the rounding slack in any amount cell gives an error at it or at a total that depends on it", () => {
    assert.ok(cells.length > 150);
    fc.assert(
      // Beyond rounding: n figures shown to 2 decimals explain up to (n + 1) × 0.005 (表1's 31 classes and total: 0.16);
      // a blank cell made 0.02 beside four filled classes is a rounding note, rightly.
      fc.property(fc.nat({ max: cells.length - 1 }), fc.integer({ min: 20, max: 5_000_000 }), fc.boolean(), (i, cents, negative) => {
        const a = cells[i];
        const s = structuredClone(seed);
        const row = s.sheets.find((x) => x.name === a.loc.sheet)!.rows[a.loc.row];
        const delta = (negative ? -cents : cents) / 100;
        row[a.loc.col] = Number((a.raw.toNumber() + delta).toFixed(2));
        const errors = check(s).findings.filter((f) => f.severity === "error" && !baseline.has(`${f.rule} ${f.severity} ${f.sheet}!${f.cell}`));
        const hit = errors.some((f) => (f.sheet === a.loc.sheet && f.cell === a.loc.address) || f.related.some((r) => r.sheet === a.loc.sheet && r.cell === a.loc.address));
        assert.ok(hit, `${a.loc.sheet}!${a.loc.address} ${a.raw} → ${row[a.loc.col]}: ${errors.map((f) => f.rule + "@" + f.cell).join(", ") || "no error"}`);
      }),
      { numRuns: 300 },
    );
  });

  const titles = TABLE_SPECS.map((s) => s.title).concat(["项目绩效目标表", "说明参数", "栏次", "档次", "合计", "科目编码", "科目名称", "项目", "注：无预算，空表列示。"]);
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 12 }),
    fc.double({ noNaN: false }),
    fc.integer(),
    fc.boolean(),
    fc.constantFrom<CellValue>({ error: "#REF!" }, { error: "#DIV/0!" }, "—", "-", "１,０４２．５８", "待定", "1,042.58", "2080505", 201, "单位：元", "单位：万元", "预算年度：", "2024", "(3.00)"),
    fc.constantFrom(...titles),
  );
  const grid = fc.array(fc.array(cell, { maxLength: 14 }), { maxLength: 40 });
  const workbook = fc.array(fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }), rows: grid }), { maxLength: 6 });

  it("random grids never make check, fill or narrative throw", () => {
    const tpl = templates();
    fc.assert(
      fc.property(workbook, (sheets) => {
        const snap = { sheets };
        const r = check(snap);
        assert.ok(Array.isArray(r.findings));
        planFill(snap);
        renderNarrative(snap, tpl);
      }),
      { numRuns: 300 },
    );
  });

  it("random contents in the seed's cells never make the engine throw, and unreadable amounts are findings", () => {
    const tpl = templates();
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), fc.nat({ max: 60 }), fc.nat({ max: 16 }), cell), { minLength: 1, maxLength: 12 }), (edits) => {
        const s = structuredClone(seed);
        for (const [si, r, c, v] of edits) {
          const sh = s.sheets[si % s.sheets.length];
          while (sh.rows.length <= r) sh.rows.push([]);
          sh.rows[r][c] = v;
        }
        check(s);
        planFill(s);
        renderNarrative(s, tpl);
      }),
      { numRuns: 200 },
    );
  });
});
