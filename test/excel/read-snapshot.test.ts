import assert from "node:assert/strict";
import { readSnapshot } from "../../src/excel/read-snapshot";
import { createExcelDouble } from "../support/excel-double";
import type { DoubleSnapshot } from "../support/excel-double";

function bigWorkbook(sheets: number): DoubleSnapshot {
  return {
    name: "多表.xlsx",
    sheets: Array.from({ length: sheets }, (_, i) => ({
      name: `表${i + 1}`,
      rows: [["标题"], [], [null, "科目", 12.5, { error: "#REF!" }]],
      formulas: [[], [], [null, null, "=SUM(C5:C9)"]],
      numberFormats: [[], [], [null, null, "0.00"]],
    })),
  };
}

describe("excel/readSnapshot", () => {
  for (const n of [1, 3, 15]) {
    it(`reads ${n} sheet(s) in 2 syncs`, async () => {
      const d = createExcelDouble(bigWorkbook(n));
      const snap = await readSnapshot(d.Excel.run);
      assert.equal(d.state.syncs, 2);
      assert.equal(snap.sheets.length, n);
      assert.equal(snap.name, "多表.xlsx");
    });
  }

  it("converts values, formulas, number formats and errors, indexed from A1", async () => {
    const d = createExcelDouble(bigWorkbook(1));
    const s = (await readSnapshot(d.Excel.run)).sheets[0];
    assert.deepEqual(s.rows[0], ["标题"]);
    assert.deepEqual(s.rows[2], [null, "科目", 12.5, { error: "#REF!" }]);
    assert.equal(s.formulas?.[2]?.[2], "=SUM(C5:C9)");
    assert.equal(s.formulas?.[2]?.[1], null);
    assert.equal(s.numberFormats?.[2]?.[2], "0.00");
    assert.equal(s.numberFormats?.[2]?.[1], null, "General becomes null");
  });

  it("pads a used range that starts away from A1", async () => {
    const d = createExcelDouble({ sheets: [{ name: "S", rows: [[], [], [null, null, "C3", 4]] }] });
    const s = (await readSnapshot(d.Excel.run)).sheets[0];
    assert.equal(s.rows.length, 3);
    assert.deepEqual(s.rows[0], []);
    assert.deepEqual(s.rows[2], [null, null, "C3", 4]);
  });

  it("returns an empty sheet for a blank worksheet and skips the add-in's own sheets", async () => {
    const d = createExcelDouble({ sheets: [{ name: "空", rows: [] }, { name: "_预算公开助手", rows: [["x"]] }] });
    const snap = await readSnapshot(d.Excel.run);
    assert.deepEqual(snap.sheets.map((s) => s.name), ["空"]);
    assert.deepEqual(snap.sheets[0].rows, []);
    assert.equal(d.state.syncs, 2);
  });
});
