import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { openFileHost, STORE_SHEET } from "../../src/xlsx/file-host";
import { planFill } from "../../src/core/fill";

const SEED = path.resolve(__dirname, "../fixtures/seed.xlsx");
const TITLE = "部门预算收入总表";

async function variant(): Promise<{ bytes: Uint8Array; sheet: string }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(SEED) as unknown as ArrayBuffer);
  const ws = wb.worksheets.find((w) => w.getCell("A1").value === TITLE)!;
  ws.getCell("D6").value = { formula: "SUM(D7:D7)", result: 883.02 } as ExcelJS.CellFormulaValue; // a wrong formula the fill keeps and reports
  ws.getCell("E6").value = "1,000";
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), sheet: ws.name };
}

describe("xlsx/FileHost (browser mode)", () => {
  it("fill keeps formulas; undo puts back the replaced text exactly", async () => {
    const { bytes, sheet } = await variant();
    const host = await openFileHost(bytes, "v.xlsx");
    const plan = planFill(await host.readSnapshot());
    const cells = plan.writes.map((w) => `${w.sheet}!${w.cell}`);
    assert.ok(!cells.includes(`${sheet}!D6`) && cells.includes(`${sheet}!E6`), cells.join());
    assert.ok(plan.findings?.some((f) => f.rule === "F-02" && f.sheet === sheet && f.cell === "D6"));
    assert.equal(plan.recalculateOnOpen, true);
    const res = await host.applyPlan(plan);
    assert.equal(res.written, plan.writes.length);
    const filled = (await host.readSnapshot()).sheets.find((s) => s.name === sheet)!;
    assert.equal(filled.rows[5][4], 1042.58);
    assert.equal(filled.formulas?.[5]?.[3], "=SUM(D7:D7)");
    assert.deepEqual(await host.undoInfo().then((u) => u?.count), plan.writes.length);

    const undo = await host.undoLastFill();
    assert.equal(undo.restored, plan.writes.length);
    const back = (await host.readSnapshot()).sheets.find((s) => s.name === sheet)!;
    assert.equal(back.formulas?.[5]?.[3], "=SUM(D7:D7)");
    assert.equal(back.rows[5][4], "1,000");
    assert.equal(await host.undoInfo(), null);
  });

  it("keeps edited templates in a hidden sheet that survives the download and is never read as a table", async () => {
    const { bytes } = await variant();
    const host = await openFileHost(bytes, "v.xlsx");
    await host.saveTemplates({ s01: "一、自定义 {{ 部门名称 }}" });
    const again = await openFileHost(await host.exportWorkbook(), "v.xlsx");
    assert.deepEqual(await again.loadTemplates(), { s01: "一、自定义 {{ 部门名称 }}" });
    assert.ok(!(await again.readSnapshot()).sheets.some((s) => s.name === STORE_SHEET));
    await again.saveTemplates({});
    assert.deepEqual(await again.loadTemplates(), {});
  });

  it("shows a window of the sheet around a finding's cell", async () => {
    const { bytes, sheet } = await variant();
    const host = await openFileHost(bytes, "v.xlsx");
    const p = (await host.selectCell({ sheet, cell: "E6" }))!;
    assert.equal(p.rows[p.focus.row][p.focus.col], "1,000");
  });
});

describe("xlsx/FileHost: what a download carries", () => {
  it("the undo record (amounts and empty-table notes) and edited templates survive download and reopening", async () => {
    const { buildStandardWorkbook } = await import("../../src/xlsx/standard-workbook");
    const { initDepartment } = await import("../../src/xlsx/department-data");
    const { planFillWithNotes } = await import("../../src/core/empty-notes");
    const wb = buildStandardWorkbook(initDepartment("2025", "428 平乡县行政审批局"), { forTyping: true });
    const t9 = wb.getWorksheet("三公经费支出表")!;
    let row = 0;
    t9.eachRow((r, n) => {
      if (r.getCell(2).value === "2、公务接待费") row = n;
    });
    t9.getCell(row, 4).value = 1.5; // typed: 公务接待费, 一般公共预算财政拨款
    const host = await openFileHost(new Uint8Array(await wb.xlsx.writeBuffer()), "新部门.xlsx");
    const plan = planFillWithNotes(await host.readSnapshot());
    assert.equal(plan.notes?.length, 1, "the T9 note goes: the table has data now");
    assert.ok(plan.writes.length >= 3, "公务接待费 合计, 三公 合计 and the 收支 totals are filled");
    await host.applyPlan(plan);
    await host.saveTemplates({ s01: "一、自定义" });

    const reopened = await openFileHost(await host.exportWorkbook(), "新部门（已处理）.xlsx");
    assert.deepEqual(await reopened.loadTemplates(), { s01: "一、自定义" });
    assert.equal((await reopened.undoInfo())?.count, plan.writes.length + 1);
    const noteCell = plan.notes![0].cell;
    const sheetOf = async (h: typeof host) => (await h.readSnapshot()).sheets.find((s) => s.name === "三公经费支出表")!;
    const p = /^([A-Z])(\d+)$/.exec(noteCell)!;
    const at = (s: Awaited<ReturnType<typeof sheetOf>>) => s.rows[Number(p[2]) - 1]?.[p[1].charCodeAt(0) - 65] ?? null;
    assert.equal(at(await sheetOf(reopened)), null, "the note was removed");
    const undo = await reopened.undoLastFill();
    assert.equal(undo.restored, plan.writes.length + 1);
    assert.match(String(at(await sheetOf(reopened))), /^注：无财政拨款“三公”经费/);
    // The store sheet never shows up as a table.
    assert.ok(!(await reopened.readSnapshot()).sheets.some((s) => s.name === STORE_SHEET));
  });
});
