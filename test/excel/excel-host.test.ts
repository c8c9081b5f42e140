import assert from "node:assert/strict";
import { ExcelHost } from "../../src/excel/excel-host";
import { MemoryStore, STORE_KEYS } from "../../src/excel/store";
import { readSnapshot } from "../../src/excel/read-snapshot";
import { createExcelDouble } from "../support/excel-double";

describe("excel/ExcelHost templates", () => {
  const book = () =>
    createExcelDouble({
      sheets: [
        { name: "表1", rows: [["部门预算收支总表"]] },
        { name: "_预算公开助手", rows: [["template:s01", "一、来自浏览器模式"], ["other", "x"]] },
      ],
    });

  it("reads templates saved by browser mode from the hidden sheet in one sync", async () => {
    const d = book();
    const host = new ExcelHost(new MemoryStore(), d.Excel.run);
    assert.deepEqual(await host.loadTemplates(), { s01: "一、来自浏览器模式" });
    assert.equal(d.state.syncs, 1);
  });

  it("prefers templates saved in the document settings, and never reads the hidden sheet as a table", async () => {
    const d = book();
    const store = new MemoryStore();
    const host = new ExcelHost(store, d.Excel.run);
    await host.saveTemplates({ s02: "二、在 Excel 中修改" });
    assert.deepEqual(await host.loadTemplates(), { s02: "二、在 Excel 中修改" });
    assert.equal(d.state.syncs, 0);
    await host.saveTemplates({});
    assert.equal(store.get(STORE_KEYS.templates), null);
    assert.deepEqual((await readSnapshot(d.Excel.run)).sheets.map((s) => s.name), ["表1"]);
  });

  it("a workbook without the hidden sheet has no saved templates", async () => {
    const d = createExcelDouble({ sheets: [{ name: "表1", rows: [["x"]] }] });
    assert.deepEqual(await new ExcelHost(new MemoryStore(), d.Excel.run).loadTemplates(), {});
  });
});
