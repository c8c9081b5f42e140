import { strict as assert } from "node:assert";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Decimal from "decimal.js";
import ExcelJS from "exceljs";
import { readSnapshot as readFile } from "../../src/xlsx/read-snapshot";
import { applyPlanToWorkbook, workbookToBuffer, writeNarrativeSheet } from "../../src/xlsx/apply-plan";
import { planFill } from "../../src/core/fill";
import { cellAt, parseA1, type WorkbookSnapshot } from "../../src/core/snapshot";
import type { CellWrite, FillPlan } from "../../src/core/plan";

const SEED = join(__dirname, "..", "fixtures", "seed.xlsx");

function write(sheet: string, cell: string, value: string, oldValue: CellWrite["oldValue"] = null): CellWrite {
  const { row, col } = parseA1(cell)!;
  return { sheet, cell, row, col, oldValue, oldFormula: null, newValue: new Decimal(value), table: "", label: "", replaces: oldValue !== null };
}

/** The file's snapshot and the same bytes as an ExcelJS workbook (what applyPlanToWorkbook writes into). */
async function readSnapshot(bytes: Uint8Array): Promise<{ snapshot: WorkbookSnapshot; workbook: ExcelJS.Workbook }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes.slice().buffer as ArrayBuffer);
  return { snapshot: (await readFile(bytes)).snapshot, workbook };
}

async function roundTrip(wb: ExcelJS.Workbook): Promise<{ snapshot: WorkbookSnapshot; workbook: ExcelJS.Workbook }> {
  return readSnapshot(await workbookToBuffer(wb));
}

describe("xlsx/applyPlanToWorkbook", () => {
  it("writes numbers, keeps each cell's style and number format, leaves other sheets as they were", async () => {
    const { snapshot: before, workbook } = await readSnapshot(readFileSync(SEED));
    const plan: FillPlan = { writes: [write("支出总表", "D6", "999.99", 1042.58), write("支出总表", "G7", "12.30")] };
    const styleBefore = JSON.stringify(workbook.getWorksheet("支出总表")!.getCell("D6").style);
    applyPlanToWorkbook(workbook, plan);
    const { snapshot: after, workbook: reread } = await roundTrip(workbook);
    const t3 = after.sheets.find((s) => s.name === "支出总表")!;
    assert.equal(cellAt(t3, 5, 3), 999.99);
    assert.equal(cellAt(t3, 6, 6), 12.3);
    assert.equal(t3.numberFormats?.[5][3], "0.00");
    const d6 = reread.getWorksheet("支出总表")!.getCell("D6");
    assert.equal(JSON.stringify(d6.style), styleBefore);
    assert.equal(d6.border.left?.style, "thin");
    // Title merge and every other sheet unchanged
    assert.equal(cellAt(t3, 0, 0), "部门预算支出总表");
    assert.equal(cellAt(t3, 0, 1), null);
    for (const s of before.sheets.filter((x) => x.name !== "支出总表")) {
      assert.deepEqual(after.sheets.find((x) => x.name === s.name)!.rows, s.rows, s.name);
    }
  });

  it("replaces a formula with the value", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("表");
    ws.getCell("A1").value = 1;
    ws.getCell("A2").value = 2;
    ws.getCell("A3").value = { formula: "SUM(A1:A2)", result: 4 };
    ws.getCell("A3").numFmt = "0.00";
    applyPlanToWorkbook(wb, { writes: [write("表", "A3", "3", 4)] });
    const { snapshot } = await roundTrip(wb);
    assert.equal(cellAt(snapshot.sheets[0], 2, 0), 3);
    assert.equal(snapshot.sheets[0].formulas?.[2]?.[0] ?? null, null);
    assert.equal(snapshot.sheets[0].numberFormats?.[2][0], "0.00");
  });

  it("fills what planFill computes: a blanked 合计 comes back", async () => {
    const { workbook } = await readSnapshot(readFileSync(SEED));
    workbook.getWorksheet("支出总表")!.getCell("D6").value = null;
    const { snapshot, workbook: blanked } = await roundTrip(workbook);
    const plan = planFill(snapshot);
    const d6 = plan.writes.find((w) => w.sheet === "支出总表" && w.cell === "D6");
    assert.ok(d6, "plan writes 支出总表 D6");
    assert.equal(d6.newValue.toFixed(2), "1042.58");
    applyPlanToWorkbook(blanked, plan);
    const { snapshot: filled } = await roundTrip(blanked);
    assert.equal(cellAt(filled.sheets.find((s) => s.name === "支出总表")!, 5, 3), 1042.58);
  });

  it("names the sheet when the plan points at one the workbook lacks", () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("甲");
    assert.throws(() => applyPlanToWorkbook(wb, { writes: [write("乙", "A1", "1")] }), /乙/);
  });
});

describe("xlsx/writeNarrativeSheet", () => {
  const sections = [
    { id: "title", title: "平乡县行政审批局2024年部门预算信息公开情况说明", paragraphs: [] },
    { id: "s02", title: "二、部门预算安排的总体情况", paragraphs: ["1、收入说明", "反映本部门当年全部收入。"] },
  ];

  it("writes one paragraph per row in column A, headings bold, wrapped", async () => {
    const { workbook } = await readSnapshot(readFileSync(SEED));
    const name = writeNarrativeSheet(workbook, sections);
    assert.equal(name, "情况说明");
    const { snapshot, workbook: reread } = await roundTrip(workbook);
    const s = snapshot.sheets.find((x) => x.name === "情况说明")!;
    assert.deepEqual(
      s.rows.map((r) => r[0]),
      ["平乡县行政审批局2024年部门预算信息公开情况说明", "二、部门预算安排的总体情况", "1、收入说明", "反映本部门当年全部收入。"],
    );
    const ws = reread.getWorksheet("情况说明")!;
    assert.equal(ws.getCell("A2").font.bold, true);
    assert.ok(!ws.getCell("A3").font.bold);
    assert.equal(ws.getCell("A3").alignment.wrapText, true);
    assert.ok((ws.getColumn(1).width ?? 0) >= 80);
  });

  it("replaces an earlier 情况说明 where it stood", async () => {
    const { workbook } = await readSnapshot(readFileSync(SEED));
    writeNarrativeSheet(workbook, sections);
    workbook.addWorksheet("备注").getCell("A1").value = "after";
    const order = workbook.worksheets.map((w) => w.name);
    assert.deepEqual(order.slice(-2), ["情况说明", "备注"]);
    writeNarrativeSheet(workbook, [{ id: "s10", title: "十、其他需要说明的事项", paragraphs: ["我部门无其他需要说明的事项。"] }]);
    const { snapshot } = await roundTrip(workbook);
    assert.deepEqual(snapshot.sheets.map((s) => s.name), order);
    const s = snapshot.sheets.find((x) => x.name === "情况说明")!;
    assert.deepEqual(s.rows.map((r) => r[0]), ["十、其他需要说明的事项", "我部门无其他需要说明的事项。"]);
  });
});
