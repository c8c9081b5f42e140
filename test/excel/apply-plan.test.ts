import assert from "node:assert/strict";
import Decimal from "decimal.js";
import { applyPlan, restoreValue, undoLastFill } from "../../src/excel/apply-plan";
import { toBlocks, cellItem, chunkBlocks } from "../../src/excel/blocks";
import { MemoryStore, STORE_KEYS } from "../../src/excel/store";
import type { FillPlan, CellWrite } from "../../src/core/plan";
import type { UndoRecord } from "../../src/host/workbook-host";
import { createExcelDouble } from "../support/excel-double";
import type { DoubleSnapshot } from "../support/excel-double";

function workbook(): DoubleSnapshot {
  return {
    sheets: [
      {
        name: "表2",
        rows: [["部门预算收入总表"], [], [], [], ["", "合计", 100, 1], ["201", "一般公共服务支出", 60, "1,042.58"], ["20101", "x", 40, null]],
        formulas: [[], [], [], [], [null, null, "=SUM(C6:C7)"]],
      },
      { name: "表3", rows: [["部门预算支出总表"], [null, null, "old"]] },
    ],
  };
}

function w(sheet: string, cell: string, value: number): CellWrite {
  const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
  return {
    sheet,
    cell,
    row: Number(m[2]) - 1,
    col: m[1].charCodeAt(0) - 65,
    oldValue: null,
    oldFormula: null,
    newValue: new Decimal(value),
    table: "t",
    label: "l",
    replaces: true,
  };
}

const plan: FillPlan = {
  writes: [w("表2", "C5", 101), w("表2", "D5", 2), w("表2", "D6", 1042.6), w("表2", "D7", 3), w("表3", "C2", 7)],
};

describe("excel/applyPlan", () => {

  it("adds and removes empty-table notes in the same sync, and undo puts them back", async () => {
    const d = createExcelDouble(workbook());
    const store = new MemoryStore();
    const notes: FillPlan = {
      writes: [w("表2", "C5", 101)],
      notes: [
        { sheet: "表3", cell: "A3", row: 2, col: 0, oldValue: null, newValue: "注：无政府采购预算，空表列示。", table: "t" },
        { sheet: "表3", cell: "C2", row: 1, col: 2, oldValue: "old", newValue: null, table: "t" },
      ],
    };
    const res = await applyPlan(notes, store, d.Excel.run);
    assert.equal(res.syncs, 1);
    assert.equal(res.written, 3);
    assert.equal(d.cell("表3", "A3")?.v, "注：无政府采购预算，空表列示。");
    assert.ok(!d.cell("表3", "C2")?.v, "the note is removed");
    const undo = await undoLastFill(store, d.Excel.run);
    assert.equal(undo.restored, 3);
    assert.equal(d.cell("表3", "C2")?.v, "old");
    assert.ok(!d.cell("表3", "A3")?.v);
  });
  it("writes every planned cell in one sync with calculation suspended", async () => {
    const d = createExcelDouble(workbook());
    const store = new MemoryStore();
    const res = await applyPlan(plan, store, d.Excel.run);
    assert.equal(res.syncs, 1);
    assert.equal(d.state.syncs, 1);
    assert.equal(d.state.suspendCalls, 1);
    assert.equal(res.written, 5);
    const written = d.state.writes.map((x) => `${x.sheet}!${x.cell}=${x.value}`).sort();
    assert.deepEqual(written, ["表2!C5=101", "表2!D5=2", "表2!D6=1042.6", "表2!D7=3", "表3!C2=7"]);
    assert.equal(d.cell("表2", "C5")?.f, null, "a formula is replaced by the value");
    assert.equal(d.cell("表2", "C6")?.v, 60, "cells outside the plan are untouched");
  });

  it("records what each cell held before the write, in the workbook store", async () => {
    const d = createExcelDouble(workbook());
    const store = new MemoryStore();
    await applyPlan(plan, store, d.Excel.run);
    const rec = store.get<UndoRecord>(STORE_KEYS.undo)!;
    const by = Object.fromEntries(rec.cells.map((c) => [`${c.sheet}!${c.cell}`, c.restore]));
    assert.deepEqual(by, { "表2!C5": "=SUM(C6:C7)", "表2!D5": 1, "表2!D6": "'1,042.58", "表2!D7": "", "表3!C2": "'old" });
  });

  it("undo restores values and formulas of exactly the replaced cells", async () => {
    const d = createExcelDouble(workbook());
    const store = new MemoryStore();
    const before = JSON.stringify([d.cells("表2"), d.cells("表3")]);
    await applyPlan(plan, store, d.Excel.run);
    d.state.syncs = 0;
    d.state.writes.length = 0;
    const res = await undoLastFill(store, d.Excel.run);
    assert.equal(res.restored, 5);
    assert.deepEqual(res.skipped, []);
    assert.equal(d.state.syncs, 2, "one read to protect later edits, one write");
    assert.deepEqual(d.state.writes.map((x) => `${x.sheet}!${x.cell}`).sort(), ["表2!C5", "表2!D5", "表2!D6", "表2!D7", "表3!C2"]);
    assert.equal(JSON.stringify([d.cells("表2"), d.cells("表3")]), before);
    assert.equal(store.get(STORE_KEYS.undo), null);
  });

  it("undo leaves a cell the user edited after the fill", async () => {
    const d = createExcelDouble(workbook());
    const store = new MemoryStore();
    await applyPlan(plan, store, d.Excel.run);
    await d.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("表3").getRange("C2").values = [[99]];
      await ctx.sync();
    });
    const res = await undoLastFill(store, d.Excel.run);
    assert.equal(res.restored, 4);
    assert.deepEqual(res.skipped, [{ sheet: "表3", cell: "C2" }]);
    assert.equal(d.cell("表3", "C2")?.v, 99);
    assert.equal(d.cell("表2", "C5")?.f, "=SUM(C6:C7)");
  });

  it("reports cells that changed between the preview and the write", async () => {
    const d = createExcelDouble(workbook());
    const withOld = (x: CellWrite, oldValue: CellWrite["oldValue"], oldFormula: string | null = null): CellWrite => ({ ...x, oldValue, oldFormula });
    const p: FillPlan = {
      writes: [withOld(w("表2", "C5", 101), 100, "=SUM(C6:C7)"), withOld(w("表2", "D6", 1), "1,042.58"), withOld(w("表2", "D7", 3), null), withOld(w("表3", "C2", 7), "old")],
    };
    await d.Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem("表3").getRange("C2").values = [["user typed this"]];
      await ctx.sync();
    });
    const res = await applyPlan(p, new MemoryStore(), d.Excel.run);
    assert.deepEqual(res.changedSincePreview, [{ sheet: "表3", cell: "C2" }]);
  });

  it("splits into more syncs only when the payload passes the request limit", async () => {
    const d = createExcelDouble(workbook());
    const res = await applyPlan(plan, new MemoryStore(), d.Excel.run, 300);
    assert.ok(res.syncs > 1);
    assert.equal(res.written, 5);
  });

  it("an empty plan makes no call", async () => {
    const d = createExcelDouble(workbook());
    const res = await applyPlan({ writes: [] }, new MemoryStore(), d.Excel.run);
    assert.equal(res.syncs, 0);
    assert.equal(d.state.runs, 0);
  });
});

describe("excel/blocks", () => {
  it("merges neighbouring cells into rectangles", () => {
    const items = ["C5", "D5", "C6", "D6", "F9", "C7"].map((c) => cellItem("S", c, c));
    const blocks = toBlocks(items);
    assert.deepEqual(blocks.map((b) => b.address), ["C5:D6", "C7", "F9"]);
    assert.deepEqual(blocks[0].values, [["C5", "D5"], ["C6", "D6"]]);
  });
  it("chunks by payload", () => {
    const blocks = toBlocks(["A1", "C3", "E5"].map((c) => cellItem("S", c, 1)));
    assert.equal(chunkBlocks(blocks, 1e6).length, 1);
    assert.equal(chunkBlocks(blocks, 10).length, 3);
  });
  it("restoreValue keeps text as text and formulas as formulas", () => {
    assert.equal(restoreValue("=A1", 3, "Double"), "=A1");
    assert.equal(restoreValue("001", "001", "String"), "'001");
    assert.equal(restoreValue("", "", "Empty"), "");
    assert.equal(restoreValue(5, 5, "Double"), 5);
    assert.equal(restoreValue("#N/A", "#N/A", "Error"), "#N/A");
  });
});
