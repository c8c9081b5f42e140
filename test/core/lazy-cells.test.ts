// A code row whose amount cells are plain (numbers or blanks) makes them only when asked for, and the rules' per-row
// sums read its figures in 分 straight from the sheet (CodeRow.fenAt). Both must be what the cells say: fenAt is each
// cell's fen, a row made late is the row made at once, and what reading reports (text, errors, formulas without
// results) is reported as the table is read, once.
import { strict as assert } from "node:assert";
import fc from "fast-check";
import { checkWorkbook } from "../../src/core/check-tables";
import { readWorkbook } from "../../src/core/model/read-workbook";
import type { BudgetWorkbook, CodeRow, CodeTable } from "../../src/core/model/types";
import { amountKeys } from "../../src/core/rules/access";
import type { WorkbookSnapshot } from "../../src/core/snapshot";
import { generateWorkbook } from "../../bench/generate";
import { readSnapshot } from "../../src/xlsx/read-snapshot";
import { fixture, getCell, setCell } from "./support";

const codeTables = (wb: BudgetWorkbook) => [wb.t2, wb.t3, wb.t5, wb.t6, wb.t7, wb.t8].filter(Boolean) as CodeTable[];
const rowsOf = (t: CodeTable) => (t.total ? [t.total, ...t.rows] : t.rows);
const T5 = "一般公共预算支出表";

/** How many rows of a table have had their cells made (the reader's count, not part of the model's data). */
function madeRows(t: CodeTable): number {
  const row = rowsOf(t)[0] as unknown as { source: { s: { made: number } } };
  return row.source.s.made;
}

/** Every amount cell's fen, as fenAt reads it and as the cell has it (NaN for none). */
function sameFen(name: string, wb: BudgetWorkbook): number {
  let compared = 0;
  for (const t of codeTables(wb)) {
    for (const row of rowsOf(t)) {
      for (const k of amountKeys(t)) {
        const fast = row.fenAt!(k);
        const cell = row.cells[k].fen ?? NaN;
        assert.ok(Object.is(fast, cell) || (fast === 0 && cell === 0), `${name} ${t.title} ${row.code || "合计"} ${k}: fenAt ${fast}, cell ${cell}`);
        compared++;
      }
      assert.ok(Number.isNaN(row.fenAt!("no-such-column")), "a column the table has not: NaN, so that the cells decide");
    }
  }
  return compared;
}

describe("code rows make their amount cells when asked for", () => {
  it("fenAt is each cell's fen on the seed, its 元 twin, its other layout and the real Shanghai workbooks", async () => {
    let compared = 0;
    for (const name of ["seed", "seed-yuan", "seed-alt", "real/shanghai-putuo-swfy-2024", "real/shanghai-putuo-wanli-2025", "libreoffice/seed"]) compared += sameFen(name, readWorkbook(await fixture(name)));
    assert.ok(compared > 500, `${compared} cells compared`);
  });

  it("fenAt is the cell's fen for any figure a sheet may hold (noise, sub-分, huge, negative), in 万元 and in 元", async () => {
    for (const name of ["seed", "seed-yuan"]) {
      const base = await fixture(name);
      const cells = ["E10", "F9", "D8", "E8"];
      fc.assert(
        fc.property(fc.array(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e16, max: 1e16 }), fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 1000), fc.constantFrom(0.1 + 0.2, 883.0200000000001, -0, 1e15, null)), { minLength: 4, maxLength: 4 }), (values) => {
          const s = structuredClone(base);
          values.forEach((v, i) => setCell(s, T5, cells[i], v));
          sameFen(name, readWorkbook(s));
        }),
        { numRuns: 60, seed: 31 },
      );
    }
  });

  it("a check of a 2,000-row workbook makes the cells of the rows it reports on, not of the rows that foot", async () => {
    const { snapshot } = await readSnapshot(await generateWorkbook(77, 2000), "generated.xlsx");
    const wb = readWorkbook(snapshot);
    const t3 = wb.t3!;
    assert.ok(t3.rows.length >= 2000, `${t3.rows.length} rows`);
    assert.equal(madeRows(t3), 0, "reading makes no cell of a plain row");
    const findings = checkWorkbook(wb);
    assert.ok(madeRows(t3) < 50, `${madeRows(t3)} of ${t3.rows.length + 1} rows made by the check (${findings.length} findings)`);
    // Made late, a row is the row made at once: the same findings from a model whose every row was made before the check.
    const eager = readWorkbook(snapshot);
    for (const t of codeTables(eager)) for (const r of rowsOf(t)) void r.cells;
    assert.deepEqual(JSON.parse(JSON.stringify(checkWorkbook(eager))), JSON.parse(JSON.stringify(findings)));
  });

  it("a row with text, an error or a formula without its result is read at once, and reported once", async () => {
    const s: WorkbookSnapshot = await fixture("seed");
    setCell(s, T5, "E13", "待定");
    setCell(s, T5, "F10", "１０４２．５８");
    setCell(s, T5, "E12", null);
    const sheet = s.sheets.find((x) => x.name === T5)!;
    (sheet.formulas ??= sheet.rows.map((r) => r.map(() => null)))[11][4] = "=SUM(E13:E14)";
    const wb = readWorkbook(s);
    const t5 = wb.t5!;
    const made = madeRows(t5);
    assert.ok(made >= 3, `${made} rows made as read`);
    const at = (address: string) => wb.findings.filter((f) => f.sheet === T5 && f.cell === address).map((f) => f.rule);
    assert.deepEqual(at("E13"), ["P-01"]);
    assert.deepEqual(at("E12"), ["P-11"]);
    // The full-width figure is read as the number it is; fenAt gives its 分 from the cell, not from the sheet's text.
    const row10 = t5.rows.find((r: CodeRow) => r.codeLoc.row === 9)!;
    assert.equal(row10.fenAt!("project"), row10.cells.project.fen);
    assert.equal(row10.cells.project.value.toString(), "1042.58");
    // Asking again makes and reports nothing more.
    for (const r of rowsOf(t5)) void r.cells;
    assert.deepEqual(at("E13"), ["P-01"]);
    assert.equal(getCell(s, T5, "E13"), "待定");
  });

  it("the model reads as plain data: JSON has each row's cells and nothing of the sheet behind them", async () => {
    const wb = readWorkbook(await fixture("seed"));
    const row = JSON.parse(JSON.stringify(wb.t3!.rows[0]));
    assert.deepEqual(Object.keys(row), ["code", "name", "level", "cells", "sheet", "row", "codeCol", "nameCol"]);
    assert.deepEqual(Object.keys(row.cells), amountKeys(wb.t3!));
    assert.deepEqual(Object.keys(row.cells.total), ["sheet", "row", "col", "address"]);
  });
});
