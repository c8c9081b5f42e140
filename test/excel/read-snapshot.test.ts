import assert from "node:assert/strict";
import { mergedRanges, readSnapshot } from "../../src/excel/read-snapshot";
import { planFill } from "../../src/core/fill";
import { resetRequirementCache } from "../../src/excel/requirements";
import { fixture } from "../core/support";
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

  describe("merged ranges", () => {
    const g = globalThis as unknown as Record<string, unknown>;
    const saved = g.Office;
    afterEach(() => {
      g.Office = saved;
      resetRequirementCache();
    });

    const merged: DoubleSnapshot = {
      sheets: [
        { name: "表 1", rows: [["标题"], [null, "合计", 883.02]], merges: ["A1:D1", "B2:C2"] },
        { name: "无合并", rows: [["x"]] },
      ],
    };

    it("reads each sheet's merged ranges in the same 2 syncs (ExcelApi 1.13)", async () => {
      const d = createExcelDouble(merged, { excelApi: "1.13" });
      g.Office = d.Office;
      const snap = await readSnapshot(d.Excel.run);
      assert.equal(d.state.syncs, 2);
      assert.deepEqual(snap.sheets[0].merges, ["A1:D1", "B2:C2"]);
      assert.deepEqual(snap.sheets[1].merges, [], "no merges: known to be none");
    });

    it("leaves merges unknown on hosts before ExcelApi 1.13, without a failing call", async () => {
      const d = createExcelDouble(merged, { excelApi: "1.12" });
      g.Office = d.Office;
      const snap = await readSnapshot(d.Excel.run);
      assert.equal(d.state.syncs, 2);
      assert.equal(snap.sheets[0].merges, undefined);
    });

    it("fill in Excel mode does not write a total merged with its label; without merges it would", async () => {
      // The seed with 收支总表's 本年收入合计 label merged over its (blank) total: B37:C37.
      const seed = await fixture("seed");
      const sheet = seed.sheets.find((x) => x.name === "收支总表")!;
      sheet.rows[36][2] = null;
      sheet.merges = [...(sheet.merges ?? []), "B37:C37"];
      const plans = [];
      for (const excelApi of ["1.13", "1.12"]) {
        const d = createExcelDouble(seed, { excelApi });
        g.Office = d.Office;
        resetRequirementCache();
        plans.push(planFill(await readSnapshot(d.Excel.run)));
      }
      const [withMerges, without] = plans;
      assert.ok(!withMerges.writes.some((w) => w.sheet === "收支总表" && w.cell === "C37"));
      assert.match(withMerges.findings?.find((f) => f.sheet === "收支总表" && f.cell === "C37")?.message ?? "", /“收支总表”C37（本年收入合计）在合并单元格 B37:C37 中.*未填充/);
      assert.ok(without.writes.some((w) => w.sheet === "收支总表" && w.cell === "C37"), "the test can fail: unknown merges let fill write C37");
      // …and then the preview says the merges could not be read (F-03); with them read, it does not.
      assert.match(without.findings?.find((f) => f.rule === "F-03")?.message ?? "", /无法读取.*“收支总表”.*的合并单元格（Excel 版本低于 ExcelApi 1\.13/);
      assert.equal(withMerges.findings?.some((f) => f.rule === "F-03"), false);
    });

    it("parses RangeAreas addresses: quoted names, absolute refs, single cells left out", () => {
      assert.deepEqual(mergedRanges("Sheet1!$A$1:$D$1,Sheet1!B2:C2"), ["A1:D1", "B2:C2"]);
      assert.deepEqual(mergedRanges("'My, sheet!'!$C$8:$D$8, 'My, sheet!'!E5"), ["C8:D8"]);
      assert.deepEqual(mergedRanges("'它''s'!A3:A4"), ["A3:A4"]);
      assert.deepEqual(mergedRanges("收支总表!A1:E1"), ["A1:E1"]);
      assert.deepEqual(mergedRanges(""), []);
    });
  });
});
